package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/internal/corpus"
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

// BenchmarkDecodeAndWrite is BenchmarkBatch without pkg/tweet's counting:
// the CLI's own cost per line.
func BenchmarkDecodeAndWrite(b *testing.B) {
	in := benchInput(10000)
	lines := strings.Split(strings.TrimSuffix(string(in), "\n"), "\n")
	c := &checker{profile: "twitter"}
	rep := newJSONReporter(io.Discard, c, false)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var dec recordDecoder
	var p post
	for b.Loop() {
		for _, line := range lines {
			if err := dec.decode([]byte(line)); err != nil {
				b.Fatal(err)
			}
			p.id, p.text = dec.id, string(dec.text)
			if err := rep.report(&p, &tweetResult); err != nil {
				b.Fatal(err)
			}
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
