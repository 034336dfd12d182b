package tweet_test

// Benchmarks of Parse on the deterministic corpus of internal/corpus, and a
// test that Parse does not allocate on NFC input. See bench/README.md for how
// to run them, compare runs with benchstat, and compare with the reference.
//
//	go test -run '^$' -bench Parse -benchmem ./pkg/tweet
//
// Every BenchmarkParse/<config>/<set> iteration parses the whole set (10,000
// texts); MB/s counts the set's UTF-8 bytes and ns/text is the time per text.
// allocs/op is per set, so 0 means no text allocated.

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tweetlen/tweetlen/internal/corpus"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

const (
	benchSeed     = 1
	textsPerSet   = 10_000
	longDocBytes  = 10 << 20
	corpusSetName = "corpus" // the weighted mix of every class (a quarter ascii)
)

var benchConfigs = []struct {
	name string
	cfg  tweet.Config
}{{"V1", tweet.V1}, {"V2", tweet.V2}, {"V3", tweet.V3}}

// textSet is a named list of texts generated once per test binary.
type textSet struct {
	name  string
	texts []string
	bytes int64
}

var benchSets = sync.OnceValue(func() []textSet {
	sets := make([]textSet, 0, len(corpus.Classes)+1)
	add := func(name string, ts []corpus.Text) {
		s := textSet{name: name, texts: make([]string, len(ts))}
		for i, t := range ts {
			s.texts[i] = t.Text
			s.bytes += int64(len(t.Text))
		}
		sets = append(sets, s)
	}
	add(corpusSetName, corpus.Texts(benchSeed, textsPerSet))
	for _, c := range corpus.Classes {
		add(string(c), corpus.ClassTexts(benchSeed, c, textsPerSet))
	}
	return sets
})

var longDoc = sync.OnceValue(func() string { return corpus.LongDocument(benchSeed, longDocBytes) })

// asciiText returns exactly n bytes of the corpus's plain ASCII prose.
func asciiText(n int) string {
	var b strings.Builder
	for _, t := range corpus.ClassTexts(benchSeed, corpus.ASCII, 1+n/100) {
		if b.Len() >= n {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	if b.Len() < n {
		panic("asciiText: corpus too short")
	}
	return b.String()[:n]
}

// sink keeps the compiler from discarding the benchmarked calls.
var sink int

func BenchmarkParse(b *testing.B) {
	for _, c := range benchConfigs {
		for _, set := range benchSets() {
			b.Run(c.name+"/"+set.name, func(b *testing.B) {
				cfg, texts := c.cfg, set.texts
				b.ReportAllocs()
				b.SetBytes(set.bytes)
				n := 0
				for b.Loop() {
					for _, s := range texts {
						n += tweet.Parse(s, cfg).WeightedLength
					}
				}
				sink += n
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*float64(len(texts))), "ns/text")
			})
		}
	}
}

// BenchmarkParseLong parses one 10 MB document of the corpus mix (texts
// joined by newlines): the linear-time path on a huge input.
func BenchmarkParseLong(b *testing.B) {
	doc := longDoc()
	for _, c := range benchConfigs {
		if c.name == "V2" {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			cfg := c.cfg
			b.ReportAllocs()
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				sink += tweet.Parse(doc, cfg).WeightedLength
			}
		})
	}
}

// BenchmarkParseASCII parses plain ASCII prose of a tweet's size and of
// 64 KB; the target is at least 2 GB/s (MB/s ≥ 2000).
func BenchmarkParseASCII(b *testing.B) {
	for _, size := range []int{280, 64 << 10} {
		text := asciiText(size)
		for _, c := range benchConfigs {
			b.Run(fmt.Sprintf("%s/%dB", c.name, size), func(b *testing.B) {
				cfg := c.cfg
				b.ReportAllocs()
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					sink += tweet.Parse(text, cfg).WeightedLength
				}
			})
		}
	}
}

// TestParseAllocs checks the performance contract that Parse does not
// allocate on NFC input: on every corpus text that NFC leaves unchanged, for
// each shipped config.
func TestParseAllocs(t *testing.T) {
	texts := corpus.Texts(benchSeed, 2000)
	for _, c := range benchConfigs {
		t.Run(c.name, func(t *testing.T) {
			cfg := c.cfg
			var nfc []string
			for _, x := range texts {
				if !tweet.Parse(x.Text, cfg).Normalized {
					nfc = append(nfc, x.Text)
				}
			}
			// The decomposed class and parts of mixed are not NFC; the
			// rest (about 90%) must be, or the test checks little.
			if len(nfc) < len(texts)*8/10 {
				t.Fatalf("only %d of %d corpus texts are NFC", len(nfc), len(texts))
			}
			allocs := testing.AllocsPerRun(5, func() {
				for _, s := range nfc {
					sink += tweet.Parse(s, cfg).WeightedLength
				}
			})
			if allocs == 0 {
				return
			}
			// Name the texts that allocate.
			bad := 0
			for _, s := range nfc {
				if a := testing.AllocsPerRun(3, func() { sink += tweet.Parse(s, cfg).WeightedLength }); a > 0 {
					if bad++; bad <= 5 {
						t.Errorf("Parse(%q, %s) allocates %.0f times; want 0 on NFC input", s, c.name, a)
					}
				}
			}
			t.Errorf("%.0f allocations over %d NFC texts (%d texts allocate); want 0", allocs, len(nfc), bad)
		})
	}
}
