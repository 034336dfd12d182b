package extract

import (
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/internal/corpus"
)

// benchTexts are tweet-sized texts per class of input.
var benchTexts = []struct{ name, text string }{
	{"ascii-no-urls", strings.Repeat("Just setting up my twttr. Nothing to see here, move along! ", 4)},
	{"ascii-urls", strings.Repeat("Read https://example.com/path?q=1 and www.twitter.com, then t.co/abc. ", 3)},
	{"cjk", strings.Repeat("今日は良い天気ですね。東京タワーに行きました。", 5) + " 例え.jp"},
	{"emoji", strings.Repeat("Party time 🎉🎉 with friends 👩‍💻👨‍👩‍👧 at the café ☕. ", 3)},
}

func BenchmarkURLScanner(b *testing.B) {
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			var s URLScanner
			b.ReportAllocs()
			b.SetBytes(int64(len(bt.text)))
			for b.Loop() {
				s.Reset(bt.text)
				for {
					if _, _, ok := s.Next(); !ok {
						break
					}
				}
			}
		})
	}
}

// BenchmarkURLScannerCorpus scans the project's tweet-like corpus mix.
func BenchmarkURLScannerCorpus(b *testing.B) {
	texts := corpus.Texts(1, 1000)
	size := 0
	for _, x := range texts {
		size += len(x.Text)
	}
	var s URLScanner
	b.ReportAllocs()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, x := range texts {
			s.Reset(x.Text)
			for {
				if _, _, ok := s.Next(); !ok {
					break
				}
			}
		}
	}
}

func BenchmarkURLs(b *testing.B) {
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bt.text)))
			var dst []URL
			for b.Loop() {
				dst = AppendURLs(dst[:0], bt.text)
			}
		})
	}
}

// TestScannerAllocs checks that Reset and Next never allocate.
func TestScannerAllocs(t *testing.T) {
	var texts []string
	for _, bt := range benchTexts {
		texts = append(texts, bt.text)
	}
	for _, c := range knownCases {
		texts = append(texts, c.text)
	}
	texts = append(texts, fuzzSeeds...)
	var s URLScanner
	allocs := testing.AllocsPerRun(10, func() {
		for _, text := range texts {
			s.Reset(text)
			for {
				if _, _, ok := s.Next(); !ok {
					break
				}
			}
		}
	})
	if allocs != 0 {
		t.Errorf("URLScanner allocates %.1f times per run; want 0", allocs)
	}
}

// BenchmarkURLScannerClass scans 1,000 texts of one corpus class as
// pkg/tweet's Parse does: from the first URL dot, found beforehand.
// ns/text is the time per text. For callgrind, scanClass's inclusive count
// is the work of the scanner alone.
func BenchmarkURLScannerClass(b *testing.B) {
	for _, class := range []corpus.Class{corpus.URLs, corpus.Mixed, corpus.ASCII} {
		b.Run(string(class), func(b *testing.B) {
			var texts []string
			var dots []int
			for _, x := range corpus.ClassTexts(1, class, 1000) {
				texts = append(texts, x.Text)
				dots = append(dots, FirstURLDot(x.Text, 0))
			}
			b.ReportAllocs()
			for b.Loop() {
				scanClass(texts, dots)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*float64(len(texts))), "ns/text")
		})
	}
}

// scanClass finds the URLs of each text, starting at its dot.
//
//go:noinline
func scanClass(texts []string, dots []int) {
	var s URLScanner
	for i, text := range texts {
		s.ResetFrom(text, dots[i])
		for {
			if _, _, ok := s.Next(); !ok {
				break
			}
		}
	}
}
