package textlen

import (
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

func FuzzMeasure(f *testing.F) {
	for _, s := range tricky {
		f.Add(s, 10, uint8(0), uint8(0))
	}
	f.Add("see https://example.com and @bob@example.com now", 30, uint8(8|4), uint8(23))
	f.Add("😀 ❤️ 👍🏽 👨‍👩‍👧 🇯🇵 1️⃣ example.com", 12, uint8(16|1), uint8(0))
	f.Add("http://a.co@b", 11, uint8(4), uint8(23))
	f.Fuzz(func(t *testing.T, text string, limit int, bits, urlLen uint8) {
		r := Rule{
			Unit:              Unit(bits & 3),
			URLNeedsProtocol:  bits&4 != 0,
			MentionDomainFree: bits&8 != 0,
			EmojiBytes:        bits&16 != 0,
			URLLength:         int(urlLen % 40),
		}
		limit %= 1 << 12
		res := Measure(text, r, limit)
		if res.Bytes != len(text) || res.FitBytes < 0 || res.FitBytes > len(text) {
			t.Fatalf("Measure(%+q, %+v, %d) = %+v: bad lengths", text, r, limit, res)
		}
		if res.Count <= limit && res.FitBytes != len(text) {
			t.Fatalf("Measure(%+q, %+v, %d) = %+v: fits but FitBytes short", text, r, limit, res)
		}
		if !isBoundary(text, res.FitBytes) {
			t.Fatalf("Measure(%+q, %+v, %d) = %+v: FitBytes not on a cluster boundary", text, r, limit, res)
		}
		if limit >= 0 {
			if c := Measure(text[:res.FitBytes], r, limit).Count; c > limit {
				t.Fatalf("Measure(%+q, %+v, %d) = %+v: the prefix counts %d", text, r, limit, res, c)
			}
		}
		// Without rewritten entities the prefix is the longest: one more
		// cluster is over the limit.
		if !rewrites(r) && res.FitBytes < len(text) && limit >= 0 {
			next, _ := nextCluster(text, res.FitBytes, -1)
			for !isBoundary(text, next) {
				next++
			}
			if c := Measure(text[:next], r, limit).Count; c <= limit {
				t.Fatalf("Measure(%+q, %+v, %d) = %+v: %d bytes count %d, within the limit", text, r, limit, res, next, c)
			}
		}
		if r == (Rule{}) && res.Count != GraphemeCount(text) {
			t.Fatalf("Measure(%+q).Count = %d, GraphemeCount %d", text, res.Count, GraphemeCount(text))
		}
		if got, want := GraphemeCount(text), uniseg.GraphemeClusterCount(text); got != want {
			t.Fatalf("GraphemeCount(%+q) = %d, uniseg %d (valid UTF-8: %v)", text, got, want, utf8.ValidString(text))
		}
	})
}

// isBoundary reports whether byte offset p is a grapheme-cluster boundary of
// s, by uniseg.
func isBoundary(s string, p int) bool {
	if p == 0 || p == len(s) {
		return true
	}
	pos, rest, state := 0, s, -1
	for pos < p {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		pos += len(cl)
	}
	return pos == p
}
