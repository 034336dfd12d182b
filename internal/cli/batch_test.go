package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/internal/corpus"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// batchMixedInput returns a few thousand JSON Lines of every kind the
// parallel batch path must treat as the sequential one does: corpus posts,
// ids of every JSON type, escapes, malformed lines, invalid UTF-8, blank
// lines, CRLF, a BOM on line 1, lines longer than the chunk buffer
// (longLine bytes) and lines over the cap (tooLong bytes). The last line
// has no "\n".
func batchMixedInput(seed uint64, longLine, tooLong int) []byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	texts := corpus.Texts(seed, 600)
	ids := []string{`1`, `-0`, `1.50`, `12345678901234567890`, `1e400`, `"s"`, `"\u00e9\n"`, `"é"`,
		`true`, `false`, `null`, `{"a": [1, 2]}`, `[1,"x",{}]`, `{}`, `[]`}
	bad := []string{`[1]`, `{"text":5}`, `"just a string"`, `{"text":"a"} x`, "{\"text\":\"\xff\"}",
		`{"id":2,"text":`, `{"id":2}`, `{"text":"lone \ud800"}`, `{"te\u0078t":"escaped key"}`, `{"text":"x",}`,
		"{\"id\":\xc3,\"text\":\"x\"}", `{`, `}`, `nul`}
	var b bytes.Buffer
	b.WriteString("\uFEFF" + `{"id":"bom","text":"after a BOM"}` + "\n")
	for i := range 3000 {
		nl := "\n"
		if rng.IntN(10) == 0 {
			nl = "\r\n"
		}
		switch k := rng.IntN(100); {
		case k < 70:
			b.Write(corpus.AppendJSONL(nil, i, corpus.QuoteJSON(texts[i%len(texts)].Text)))
			b.Truncate(b.Len() - 1) // its "\n"
		case k < 78:
			fmt.Fprintf(&b, `{"id": %s, "text": "x\"y\\z\n\u00e9\ud83d\ude00"}`, ids[rng.IntN(len(ids))])
		case k < 86:
			b.WriteString(bad[rng.IntN(len(bad))])
		case k < 90:
			b.WriteString([]string{"", " ", "\t", "\r", "  \t "}[rng.IntN(5)])
		case k < 95:
			if longLine > 32<<10 && rng.IntN(20) != 0 {
				b.WriteString(`{"id":"not so long","text":"x"}`) // keep the input small
				break
			}
			fmt.Fprintf(&b, `{"id":%d,"text":"%s"}`, i, strings.Repeat("long é ", longLine/8))
		case k < 98:
			fmt.Fprintf(&b, `{"id":%d,"text":"%s"}`, i, strings.Repeat("x", tooLong))
		default:
			fmt.Fprintf(&b, `{"text":"%s", "id":%d}`, strings.Repeat("a", rng.IntN(300)), i)
		}
		b.WriteString(nl)
	}
	b.WriteString(`{"id":"last","text":"no final newline"}`)
	return b.Bytes()
}

// runBatch runs the batch mode over in, sequentially or in parallel.
func runBatch(t *testing.T, sequential bool, in io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	defer func(s bool) { batchSequential = s }(batchSequential)
	batchSequential = sequential
	var out, errOut bytes.Buffer
	code = Main(append([]string{"--input", "jsonl", "--format", "json"}, args...), in, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestBatchParallelMatchesSequential checks that the parallel pipeline
// writes exactly what the sequential reference writes, on stdout and
// stderr, with the same exit code, for chunk sizes that cut lines anywhere,
// several worker counts, and line caps below and above the chunk size.
func TestBatchParallelMatchesSequential(t *testing.T) {
	defer func(c, l int) { batchChunkBytes, maxLineBytes = c, l }(batchChunkBytes, maxLineBytes)
	for _, tc := range []struct {
		chunk, maxLine, longLine, tooLong int
		procs                             int
	}{
		{chunk: 256 << 10, maxLine: 64 << 20, longLine: 300 << 10, tooLong: 0, procs: 2},
		{chunk: 4 << 10, maxLine: 20 << 10, longLine: 10 << 10, tooLong: 30 << 10, procs: 2},
		{chunk: 4 << 10, maxLine: 20 << 10, longLine: 10 << 10, tooLong: 30 << 10, procs: 1},
		{chunk: 4 << 10, maxLine: 20 << 10, longLine: 10 << 10, tooLong: 30 << 10, procs: 4},
		{chunk: 64 << 10, maxLine: 1 << 10, longLine: 800, tooLong: 3 << 10, procs: 3},
		{chunk: 1000, maxLine: 3000, longLine: 2000, tooLong: 2990, procs: 2},
	} {
		name := fmt.Sprintf("chunk=%d,maxLine=%d,procs=%d", tc.chunk, tc.maxLine, tc.procs)
		t.Run(name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(tc.procs))
			batchChunkBytes, maxLineBytes = tc.chunk, tc.maxLine
			in := batchMixedInput(uint64(tc.chunk+tc.procs), tc.longLine, tc.tooLong)
			if longest := slices.Max(slices.Collect(func(yield func(int) bool) {
				for l := range bytes.Lines(in) {
					yield(len(l))
				}
			})); tc.longLine > tc.chunk && longest <= tc.chunk {
				t.Fatalf("the longest line has %d bytes, not more than a chunk", longest) // the case tests long lines
			}
			for _, profile := range []string{"twitter", "x"} {
				wantCode, wantOut, wantErr := runBatch(t, true, bytes.NewReader(in), "-p", profile)
				if wantCode != 2 || strings.Count(wantErr, "\n") < 100 || strings.Count(wantOut, "\n") < 2000 {
					t.Fatalf("the input is not mixed enough: exit %d, %d output lines, %d error lines",
						wantCode, strings.Count(wantOut, "\n"), strings.Count(wantErr, "\n"))
				}
				// Readers that return little at a time cut chunks elsewhere
				// than one that fills the buffer.
				for _, rd := range []struct {
					name string
					data []byte
					mk   func(io.Reader) io.Reader
				}{
					{"whole", in, func(r io.Reader) io.Reader { return r }},
					{"half", in, iotest.HalfReader},
					{"one byte", in[:min(len(in), 30<<10)], iotest.OneByteReader},
				} {
					wantCode, wantOut, wantErr := wantCode, wantOut, wantErr
					if len(rd.data) != len(in) {
						wantCode, wantOut, wantErr = runBatch(t, true, bytes.NewReader(rd.data), "-p", profile)
					}
					code, out, errOut := runBatch(t, false, rd.mk(bytes.NewReader(rd.data)), "-p", profile)
					if code != wantCode {
						t.Errorf("%s, %s reader: exit %d, sequential %d", profile, rd.name, code, wantCode)
					}
					if out != wantOut {
						t.Errorf("%s, %s reader: stdout differs from the sequential one at line %d", profile, rd.name, firstDiffLine(out, wantOut))
					}
					if errOut != wantErr {
						t.Errorf("%s, %s reader: stderr differs from the sequential one at line %d:\n%.300s\nwant\n%.300s", profile, rd.name,
							firstDiffLine(errOut, wantErr), errOut, wantErr)
					}
				}
			}
		})
	}
}

// firstDiffLine returns the 1-based number of the first line where a and b
// differ.
func firstDiffLine(a, b string) int {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}

// TestBatchStderrInterleaving checks that each error message comes after
// the output of the lines before it and before that of the lines after it,
// as in the sequential version, across chunks.
func TestBatchStderrInterleaving(t *testing.T) {
	defer func(c int) { batchChunkBytes = c }(batchChunkBytes)
	batchChunkBytes = 64
	var in strings.Builder
	for i := 1; i <= 50; i++ {
		if i%7 == 0 {
			in.WriteString("{bad}\n")
		} else {
			fmt.Fprintf(&in, `{"id":%d,"text":"t"}`+"\n", i)
		}
	}
	var both bytes.Buffer
	code := Main([]string{"--input", "jsonl", "--format", "json"}, strings.NewReader(in.String()), &both, &both)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	lines := strings.Split(strings.TrimSuffix(both.String(), "\n"), "\n")
	if len(lines) != 50 {
		t.Fatalf("%d lines, want 50:\n%s", len(lines), both.String())
	}
	for i, l := range lines {
		n := i + 1
		if n%7 == 0 {
			if want := fmt.Sprintf("tweetlen: stdin:%d: invalid JSON", n); !strings.HasPrefix(l, want) {
				t.Errorf("line %d: %q, want prefix %q", n, l, want)
			}
		} else if want := fmt.Sprintf(`{"id":%d,`, n); !strings.HasPrefix(l, want) {
			t.Errorf("line %d: %q, want prefix %q", n, l, want)
		}
	}
}

// TestBatchReadError checks that a read error is reported on the line being
// read, after the lines before it, as in the sequential version.
func TestBatchReadError(t *testing.T) {
	boom := errors.New("boom")
	for _, data := range []string{
		`{"id":1,"text":"a"}` + "\n" + `{"id":2,"text":"b"}` + "\n",
		`{"id":1,"text":"a"}` + "\n" + `{"id":2,"te`,
		"",
	} {
		in := func() io.Reader { return io.MultiReader(strings.NewReader(data), iotest.ErrReader(boom)) }
		wantCode, wantOut, wantErr := runBatch(t, true, in())
		code, out, errOut := runBatch(t, false, in())
		if code != wantCode || out != wantOut || errOut != wantErr {
			t.Errorf("%q:\nparallel   exit %d, stdout %q, stderr %q\nsequential exit %d, stdout %q, stderr %q",
				data, code, out, errOut, wantCode, wantOut, wantErr)
		}
		if !strings.Contains(errOut, ": boom\n") {
			t.Errorf("%q: stderr %q lacks the read error", data, errOut)
		}
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestBatchWriteError checks that a failing stdout stops the pipeline with
// an error instead of hanging, however much input is left.
func TestBatchWriteError(t *testing.T) {
	defer func(c int) { batchChunkBytes = c }(batchChunkBytes)
	batchChunkBytes = 1 << 10
	in := bytes.Repeat([]byte(`{"id":1,"text":"hello"}`+"\n"), 100000)
	var errOut bytes.Buffer
	code := Main([]string{"--input", "jsonl", "--format", "json"}, bytes.NewReader(in), errWriter{}, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), "disk full") {
		t.Errorf("exit %d, stderr %q; want 2 and the write error", code, errOut.String())
	}
}

// TestBatchLineAllocs checks that decoding, counting and encoding a usual
// record allocates nothing, with and without escapes in its text.
func TestBatchLineAllocs(t *testing.T) {
	j := newJSONReporter(io.Discard, profile.Default())
	w := newBatchWorker(tweet.V1, j, maxLineBytes)
	ch := &chunk{out: make([]byte, 0, 1<<16)}
	for _, line := range []string{
		`{"id":1,"text":"hello world https://example.com #tag @user"}`,
		`{"id":"abc","text":"日本語のテキスト 😀 🇫🇷 café"}`,
		`{"text":"with \"escapes\"\n\tand \u00e9 \ud83d\ude00 \\ /", "id": 12345}`,
		` { "id" : -1.5e3 , "text" : "spaces" , "other": true }` + "\r",
	} {
		b := []byte(line)
		if err := w.line(ch, b, false); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		allocs := testing.AllocsPerRun(100, func() {
			ch.out = ch.out[:0]
			_ = w.line(ch, b, false)
		})
		if allocs != 0 {
			t.Errorf("%s: %v allocations per line, want 0", line, allocs)
		}
	}
}

// TestPlainRunValidatesUTF8 checks that plainRun runs to the end of b
// exactly when b is valid UTF-8 without '"', '\\' or control characters,
// for every sequence of up to three bytes from a set of boundary values,
// at every offset within an 8-byte word, and for random bytes.
func TestPlainRunValidatesUTF8(t *testing.T) {
	edge := []byte{0x00, 0x1F, 0x20, '"', '\\', 'a', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
		0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF}
	plain := func(b []byte) bool {
		if !utf8.Valid(b) {
			return false
		}
		for _, c := range b {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
		}
		return true
	}
	check := func(b []byte) {
		t.Helper()
		got := plainRun(b, 0) == len(b)
		if want := plain(b); got != want {
			t.Fatalf("plainRun(%q) reaches the end: %v, want %v", b, got, want)
		}
	}
	for pad := range 9 {
		prefix := bytes.Repeat([]byte("p"), pad)
		for _, c1 := range edge {
			for _, c2 := range edge {
				for _, c3 := range edge {
					check(append(prefix[:pad:pad], c1, c2, c3))
					check(append(prefix[:pad:pad], c1, c2, c3, 0x80, 'x', 'y', 'z', 'w', 'v', 'u', 't', 's'))
				}
				check(append(prefix[:pad:pad], c1, c2))
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, rng.IntN(20))
		for i := range b {
			b[i] = edge[rng.IntN(len(edge))]
		}
		check(b)
	}
	for _, s := range []string{"é日本🇫🇷\U0010FFFF", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe0\x80\xaf", "\xc0\xaf"} {
		check([]byte(s))
	}
}

// FuzzBatchParallel checks the parallel pipeline against the sequential
// reference on arbitrary input, with chunks and a line cap small enough for
// lines to cross chunks and to go over the cap.
func FuzzBatchParallel(f *testing.F) {
	f.Add([]byte("\uFEFF{\"id\":1,\"text\":\"a\"}\r\n\n{bad}\n{\"text\":\"" + strings.Repeat("x", 150) + "\"}\n{\"text\":\"\xff\"}"))
	f.Add(batchMixedInput(1, 100, 300)[:2000])
	f.Fuzz(func(t *testing.T, in []byte) {
		defer func(c, l int) { batchChunkBytes, maxLineBytes = c, l }(batchChunkBytes, maxLineBytes)
		batchChunkBytes, maxLineBytes = 64, 100
		wantCode, wantOut, wantErr := runBatch(t, true, bytes.NewReader(in))
		code, out, errOut := runBatch(t, false, bytes.NewReader(in))
		if code != wantCode || out != wantOut || errOut != wantErr {
			t.Errorf("%q:\nparallel   exit %d, stdout %q, stderr %q\nsequential exit %d, stdout %q, stderr %q",
				in, code, out, errOut, wantCode, wantOut, wantErr)
		}
	})
}
