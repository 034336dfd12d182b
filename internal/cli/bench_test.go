package cli

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/tweetlen/tweetlen/internal/corpus"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// benchInput is a JSON Lines input of mixed posts: ASCII, accents, CJK,
// emoji, URLs; short and over the limit.
func benchInput(lines int) []byte {
	words := []string{"hello", "world", "tweet", "https://example.com/path?q=1", "日本語", "café", "naïve",
		"😀", "🇫🇷", "#hashtag", "@user", "lorem", "ipsum", "dolor", `\"quoted\"`, "tab\\there"}
	var b bytes.Buffer
	for i := range lines {
		b.WriteString(`{"id":`)
		fmt.Fprint(&b, i)
		b.WriteString(`,"text":"`)
		for j := range 3 + i%57 {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[(i*7+j*3)%len(words)])
		}
		b.WriteString("\"}\n")
	}
	return b.Bytes()
}

// BenchmarkBatch measures the whole batch path: reading, decoding,
// counting (pkg/tweet) and writing JSON.
func BenchmarkBatch(b *testing.B) {
	in := benchInput(10000)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"--input", "jsonl", "--format", "json"}, bytes.NewReader(in), io.Discard, io.Discard); code > 1 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkDecodeAndWrite is BenchmarkBatch without pkg/tweet's counting
// nor the pipeline: the CLI's own cost per line, as a batch worker decodes
// and encodes it.
func BenchmarkDecodeAndWrite(b *testing.B) {
	in := benchInput(10000)
	lines := bytes.Split(bytes.TrimSuffix(in, []byte("\n")), []byte("\n"))
	j := newJSONReporter(io.Discard, profile.Default())
	w := newBatchWorker(tweet.V1, j, maxLineBytes)
	out := make([]byte, 0, 4<<20)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		out = out[:0]
		for _, line := range lines {
			text, ok, err := w.decodeLine(line, false)
			if !ok {
				b.Fatal(err)
			}
			tweetResult.WeightedLength = len(text)
			out = j.appendResult(out, w.dec.id, &tweetResult)
		}
	}
}

var tweetResult tweet.Result

// BenchmarkBatchCorpus is BenchmarkBatch over 20,000 lines of the
// benchmark corpus (internal/corpus), as bench/compare feeds the binary.
func BenchmarkBatchCorpus(b *testing.B) {
	var in bytes.Buffer
	if err := corpus.WriteJSONL(&in, 1, 20000); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(in.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"--input", "jsonl", "--format", "json"}, bytes.NewReader(in.Bytes()), io.Discard, io.Discard); code > 1 {
			b.Fatalf("exit %d", code)
		}
	}
}
