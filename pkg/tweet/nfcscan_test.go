package tweet

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/tweetlen/tweetlen/internal/corpus"
)

// TestNFCFromOracle checks toNFCFrom, which runs scanRun's loop and
// normalises segment by segment, against toNFCFromOld, the normaliser it
// replaced (its own quick check and counting loops), on the corpus's
// decomposed and mixed texts, random texts of the NFC generators and of
// nfcEdgePieces (marks out of order, jamo, singletons next to dots,
// invalid characters and emoji joiners next to marks), the same texts cut
// at every byte (a text that ends in mid-segment or mid-code point), and
// with bytes that are not UTF-8 put in: the output, the counts, the
// flags and the report of invalid UTF-8 must be the same.
func TestNFCFromOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	g := &nfcTextGen{r: rand.New(rand.NewPCG(9, 10))}
	var texts []string
	for _, cl := range []corpus.Class{corpus.Decomposed, corpus.Mixed} {
		for _, x := range corpus.ClassTexts(2, cl, 2000) {
			texts = append(texts, x.Text)
		}
	}
	texts = append(texts, nfcOracleCases...)
	for range 30000 {
		texts = append(texts, nfcEdgeText(r), g.text(), g.text()+" "+nfcEdgeText(r)+"."+g.text())
	}
	junk := []string{"\xcc", "\xcd", "\xff", "\xc3", "\xe1\x84", "\xf0\x9f", "\x81", "\xed\xa0\x80", "\xc0\xaf"}
	for k, s := range texts {
		checkNFCFromOracle(t, s)
		if k%8 == 0 && len(s) > 0 {
			// Every cut of some of them, and junk put in.
			for cut := range len(s) {
				checkNFCFromOracle(t, s[:cut])
			}
			at := r.IntN(len(s) + 1)
			checkNFCFromOracle(t, s[:at]+junk[r.IntN(len(junk))]+s[at:])
		}
	}
}

// TestASCIIPairAtFails checks what scanText relies on when it stops at
// asciiPairAt without quickPasses: every pair of an ASCII letter and a mark
// that asciiPair composes fails the quick check, after any text, and
// scanText stops at the letter, as classifyPrefix does.
func TestASCIIPairAtFails(t *testing.T) {
	for _, before := range []string{"", " ", "x", "é", "́", "a̖", ".", "😀", "ᄀ"} {
		for a := range nfcCompASCII {
			for k, c := range nfcCompASCII[a] {
				if c == 0 {
					continue
				}
				mark := rune(0x300 + k)
				for _, after := range []string{"", "b", "́", "̖"} {
					s := before + string(rune(a)) + string(mark) + after
					i := len(before) + 1
					if !asciiPairAt(s, i) {
						t.Fatalf("%+q: asciiPairAt(%d) is false", s, i)
					}
					if quickPasses(s, i, mark, props(mark)&pQuick) {
						t.Fatalf("%+q: %U passes the quick check", s, mark)
					}
					var sc scanInfo
					scanText(s, true, true, &sc)
					if _, prefix := classifyPrefix(s); sc.end != prefix {
						t.Fatalf("%+q: scanText stops at %d, classifyPrefix at %d", s, sc.end, prefix)
					}
				}
			}
		}
	}
}

// nfcOracleCases are fixed texts for TestNFCFromOracle: the fast paths of
// toNFCFrom at the ends of the text and next to what they must not take.
var nfcOracleCases = []string{
	"", "a", "e\u0301", "ae\u0301", "ae\u0301b", "e\u0301\u0301", "e\u0323\u0301x", "e\u0301\u0323x",
	"a\xcc", "a\xccb", "a\xcc\x81\x81", "a\xcd\xb0", "a\u0370", "a\u037e.", ".\u037e", "\u037e.x", "x.\u037e",
	"a\u034f\u0301", "a\u0316", "a\u0316\u0301", "a\u0301\u0316", "=\u0338.", ".=\u0338",
	"\ufeff\u0301", "\ufeffe\u0301", "e\u0301\ufeff", "\u200de\u0301", "e\u0301\u200d\U0001f600", "\u00a9\u0301",
	"\u1100\u1161\u11a8", "\u1100\u1161x", "\uac00\u11a8", "\u1161", "\u11a8\u1161",
	"\u0301", "\u0301e", "x\u212a.com", "\u212a", "e\u0301.com", "e.\u0301com", "a.e\u0301",
	"\U0001f600\u0301", "\U0001f3fb\u0301", "\U000110ba\U00011099\u0301",
	"a" + strings.Repeat("\u0316\u0301", 40) + "b", "e" + strings.Repeat("\u0301", 140),
	// NFC makes these longer than the output's first capacity.
	strings.Repeat("\u0f73", 40) + "abc defghijklmnop e\u0301 ghijklmnopqrstuvwxyz e\u0301",
	strings.Repeat("\u0344", 60) + "e\u0301" + strings.Repeat("x", 20) + "e\u0301x",
	strings.Repeat("\u0f73\u0344", 30) + strings.Repeat("ae\u0301", 20),
}

// checkNFCFromOracle compares toNFCFrom with toNFCFromOld on s from the
// end of its NFC prefix and from 0.
func checkNFCFromOracle(t *testing.T, s string) {
	t.Helper()
	_, prefix := classifyPrefix(s)
	for _, from := range []int{prefix, 0} {
		var c, oc nfcCounts
		out, changed, invalid := toNFCFrom(s, from, &c)
		oout, ochanged, oinvalid := toNFCFromOld(s, from, &oc)
		if invalid != oinvalid || invalid != !utf8.ValidString(s[from:]) {
			t.Fatalf("%+q from %d: toNFCFrom reports invalid %v, toNFCFromOld %v", s, from, invalid, oinvalid)
		}
		if invalid {
			continue
		}
		if out != oout || changed != ochanged {
			t.Fatalf("%+q from %d: toNFCFrom = %+q, %v; toNFCFromOld %+q, %v", s, from, out, changed, oout, ochanged)
		}
		// The emoji flag may be set without a code point that
		// emojiMatters: checkNFCFrom checks it is set when one is there.
		c.emoji, oc.emoji = false, false
		if c != oc {
			t.Fatalf("%+q from %d: toNFCFrom counts %+v, toNFCFromOld %+v", s, from, c, oc)
		}
		if !strings.HasPrefix(out, s[:from]) {
			t.Fatalf("%+q from %d: toNFCFrom changes the prefix: %+q", s, from, out)
		}
	}
}

// toNFCFromOld is toNFCFrom as it was before it ran scanRun's loop: its
// own ASCII runs, the loose quick check (quickSpanMode) and countLight,
// IndexInvalid and mayHoldEmojiMatters over what passes. It is the oracle
// of TestNFCFromOracle.
func toNFCFromOld(s string, from int, c *nfcCounts) (out string, changed, invalid bool) {
	var dst []byte // nil until the text changes; then s[:copied] is in it
	copied := 0
	// The loop counts the ASCII code points it passes, and the composites
	// of asciiPair, which are each light or heavy as they are above U+10FF
	// and take the place of two UTF-16 code units (see asciiPair), here;
	// c when it ends.
	ascii, pairs, heavyPairs := 0, 0, 0
	for i := from; i < len(s); {
		if s[i] < utf8.RuneSelf {
			// A run of ASCII, 8 bytes at a time.
			start := i
			i = asciiRunEnd(s, i+1)
			ascii += i - start
			if i+1 >= len(s) {
				if i == len(s) {
					break
				}
			} else if i+2 == len(s) || s[i+2] < utf8.RuneSelf {
				// The run's last letter and the two bytes at i may make a
				// composite r: a segment of its own, then.
				if r := asciiPair(s[i-1], s[i], s[i+1]); r != 0 {
					ascii--
					pairs++
					if r > 4351 {
						heavyPairs++
					}
					if dst == nil {
						dst = make([]byte, 0, nfcOutCap(len(s)))
					}
					dst = append(dst, s[copied:i-1]...)
					if r < 0x800 {
						dst = append(dst, 0xC0|byte(r>>6), 0x80|byte(r)&0x3F)
					} else {
						dst = append(dst, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
					}
					copied, i = i+2, i+2
					continue
				}
			}
			// The quick check goes on from the last ASCII byte, a
			// segment boundary.
			ascii--
			i--
		}
		// Where a two-byte mark follows ASCII, the segment of the ASCII
		// byte fails the loose quick check: try composeSegment at once.
		if s[i] >= utf8.RuneSelf || i+1 >= len(s) || s[i+1]&^1 != 0xCC {
			j, bad := quickSpanMode(s, i, true)
			if bad {
				return s, false, true
			}
			if j > i {
				c.addText(s[i:j])
			}
			if i = j; i == len(s) {
				break
			}
		}
		if r, end, units16, ok := composeSegment(s, i); ok {
			c.addRune(r, units16)
			if dst == nil {
				dst = make([]byte, 0, nfcOutCap(len(s)))
			}
			dst = append(dst, s[copied:i]...)
			dst = utf8.AppendRune(dst, r)
			copied, i = end, end
			continue
		}
		// The loose check may have stopped at a segment in NFC: the strict
		// one passes it (and perhaps more), or stops at i again. When it
		// meets invalid UTF-8 past i, the loose check reports it next.
		if j, _ := quickSpan(s, i); j > i {
			c.addText(s[i:j])
			i = j
			continue
		}
		end := nextSegment(s, i)
		var ok bool
		if dst, ok = appendNormalized(dst, s, copied, i, end, c); ok {
			copied = end
		} else {
			c.addText(s[i:end])
		}
		i = end
	}
	c.n += ascii + pairs
	c.heavy += heavyPairs
	c.units16 += pairs
	if dst == nil {
		return s, false, false
	}
	dst = append(dst, s[copied:]...)
	// dst is local and never written again: the string may share it.
	return unsafe.String(unsafe.SliceData(dst), len(dst)), true, false
}

// BenchmarkNFCFrom runs toNFCFrom (new) and toNFCFromOld over the texts of
// the corpus classes NFC changes, from the end of each text's NFC prefix.
func BenchmarkNFCFrom(b *testing.B) {
	for _, cl := range []corpus.Class{corpus.Decomposed, corpus.Mixed} {
		ts := corpus.ClassTexts(1, cl, 10000)
		type job struct {
			s    string
			from int
		}
		var jobs []job
		for _, x := range ts {
			if class, prefix := classifyPrefix(x.Text); class == textMaybeNotNFC {
				jobs = append(jobs, job{x.Text, prefix})
			}
		}
		for _, f := range []struct {
			name string
			fn   func(string, int, *nfcCounts) (string, bool, bool)
		}{{"new", toNFCFrom}, {"old", toNFCFromOld}} {
			b.Run(string(cl)+"/"+f.name, func(b *testing.B) {
				for range b.N {
					for _, j := range jobs {
						var c nfcCounts
						f.fn(j.s, j.from, &c)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(jobs)), "ns/text")
			})
		}
	}
}

// TestCopyASCIIPairs checks copyASCIIPairs against toNFCSlow on runs of
// ASCII and pairs, with little room left in dst (it must grow it), and
// that it stops at the first other byte, after an ASCII byte.
func TestCopyASCIIPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"a", "b", " ", ".", "e\u0301", "A\u030a", "o\u0308", "u\u031b", "e\u0302\u0301", "\u00e9", "x\u0316", "\xcc", "=\u0338"}
	for range 20000 {
		var b strings.Builder
		b.WriteString("z")
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		head := []byte("head")
		dst := make([]byte, len(head), len(head)+r.IntN(12))
		if r.IntN(2) == 0 {
			s = strings.Repeat("y", r.IntN(9)) + s
		}
		copy(dst, head)
		out, end, pairs, heavy := copyASCIIPairs(dst, s, 0)
		if end < len(s) && (s[end] < utf8.RuneSelf || s[end-1] >= utf8.RuneSelf) {
			t.Fatalf("%+q: copyASCIIPairs stops at %d", s, end)
		}
		want := toNFCSlow(s[:end])
		if end < len(s) {
			// The byte at end may compose with the ASCII byte before it.
			want = toNFCSlow(s[:end-1]) + s[end-1:end]
		}
		if got := string(out); got != "head"+want {
			t.Fatalf("%+q: copyASCIIPairs gives %+q up to %d, want %+q", s, got, end, "head"+want)
		}
		wantHeavy := 0
		for _, r := range want {
			if heavyRune(r) {
				wantHeavy++ // only composites are, among the pieces
			}
		}
		if n := utf8.RuneCountInString(s[:end]) - utf8.RuneCountInString(want); pairs != n || heavy != wantHeavy {
			t.Fatalf("%+q: copyASCIIPairs counts %d pairs, %d heavy; want %d, %d", s, pairs, heavy, n, wantHeavy)
		}
	}
}
