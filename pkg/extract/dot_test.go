package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestFirstURLDot checks FirstURLDot against IsURLDot byte by byte and
// against nextDot, the search's own dot finder, and that a scanner started
// at the first URL dot (ResetFrom) finds exactly the URLs of Reset.
func TestFirstURLDot(t *testing.T) {
	g := newTextGen(7)
	texts := append([]string{"", ".", "a.", ".a", "a.b", "a. b", "é.b", "a.é", "a_.b", "a..b", "x.co"}, fuzzSeeds...)
	for range 20000 {
		texts = append(texts, g.text())
	}
	for _, s := range texts {
		for _, from := range []int{0, len(s) / 3} {
			want := -1
			for d := from; d < len(s); d++ {
				if IsURLDot(s, d) {
					want = d
					break
				}
			}
			if got := FirstURLDot(s, from); got != want {
				t.Fatalf("FirstURLDot(%+q, %d) = %d, want %d", s, from, got, want)
			}
			if got := nextDot(s, from); got != want {
				t.Fatalf("nextDot(%+q, %d) = %d, want %d", s, from, got, want)
			}
		}
		var a, b URLScanner
		a.Reset(s)
		b.ResetFrom(s, FirstURLDot(s, 0))
		for {
			s1, e1, ok1 := a.Next()
			s2, e2, ok2 := b.Next()
			if s1 != s2 || e1 != e2 || ok1 != ok2 || a.Elided16() != b.Elided16() {
				t.Fatalf("%+q: Reset finds [%d, %d) %v, ResetFrom [%d, %d) %v", s, s1, e1, ok1, s2, e2, ok2)
			}
			if !ok1 {
				break
			}
		}
	}
}

// TestASCIILabels checks validURL's shortcut: when asciiLabelsOK holds,
// every label's toASCII length is its byte length, 1 to 63; when it does
// not for an ASCII domain, some label is empty or too long.
func TestASCIILabels(t *testing.T) {
	g := newTextGen(8)
	doms := []string{"", "a", "a.b", "a..b", ".a", "a.", strings.Repeat("a", 63) + ".com", strings.Repeat("a", 64) + ".com", "é.com", "xn--bcher-kva.de"}
	for range 20000 {
		doms = append(doms, g.text())
	}
	for _, dom := range doms {
		labels := strings.Split(dom, ".")
		ascii := !strings.ContainsFunc(dom, func(r rune) bool { return r >= 0x80 })
		fits := !slices.ContainsFunc(labels, func(l string) bool { return len(l) == 0 || len(l) > maxLabelLength })
		ok := asciiLabelsOK(dom)
		if ok != (ascii && fits) {
			t.Fatalf("asciiLabelsOK(%+q) = %v, want %v", dom, ok, ascii && fits)
		}
		if ok {
			for _, l := range labels {
				if n := toASCIILen(l, false); n != len(l) {
					t.Fatalf("%+q: label %+q has toASCII length %d, not %d", dom, l, n, len(l))
				}
			}
		}
	}
}
