package tweet

import (
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// fuzzSeeds are texts that exercise every path of Parse.
var fuzzSeeds = []string{
	"", " ", "\n", "hello world", "café", "cafe\u0301", "A\uFB2C", "\uFFFFabc",
	"abc\uFFFE http://example.com", "https://t.co/abcdefghij?x=1 and more",
	"👨‍👩‍👧‍👦 🧑‍🔧 🏳️‍🌈 🇺🇸 1️⃣ #⃣ ☺︎ ❤", "\u2066\u202Ahttp://foobar.پاکستان/\u202C\u2069",
	"日本語example.com/path?q=1 www.日本.jp", "x\xffy\xc3", "e\u0301\u0301\u0301\u0301",
	"\r\n\r\n", "@user.com #tag.com $x.com a_b.com ftp://x.com",
}

// FuzzParse checks Parse's invariants on any input: no panic, ranges within
// bounds, byte and UTF-16 offsets consistent, the safe cut on a grapheme
// boundary at or before the fit; and that its fast paths agree with the
// general path (see fastpath_test.go) under every config of fastConfigs.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	// And every text of our recorded reference cases.
	for _, a := range oracleLoadAnswers(f, filepath.Join("..", "..", "testdata", "reference", "answers.jsonl")) {
		f.Add(a.Text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, cfg := range []Config{V1, V2, V3} {
			checkInvariants(t, text, cfg)
		}
		if !checkFast(t, text) {
			t.FailNow()
		}
	})
}

func checkInvariants(t *testing.T, text string, cfg Config) {
	t.Helper()
	r := Parse(text, cfg)
	s := r.Text
	if !r.Normalized && s != text {
		t.Fatalf("%+q: Text changed but Normalized is false", text)
	}
	if !utf8.ValidString(s) {
		t.Fatalf("%+q: Text is not valid UTF-8: %+q", text, s)
	}
	if r.FitBytes < 0 || r.FitBytes > len(s) || !utf8.RuneStart(byteAt(s, r.FitBytes)) {
		t.Fatalf("%+q: FitBytes %d out of bounds or inside a code point (len %d)", text, r.FitBytes, len(s))
	}
	if r.SafeCutBytes < 0 || r.SafeCutBytes > r.FitBytes {
		t.Fatalf("%+q: SafeCutBytes %d not in [0, FitBytes %d]", text, r.SafeCutBytes, r.FitBytes)
	}
	if !isGraphemeBoundary(s, r.SafeCutBytes) {
		t.Fatalf("%+q: SafeCutBytes %d is not a grapheme-cluster boundary", text, r.SafeCutBytes)
	}
	len16 := utf16LenAny(text)
	if want := max(len16-1, 0); r.DisplayRangeEnd != want {
		t.Fatalf("%+q: DisplayRangeEnd %d, want %d", text, r.DisplayRangeEnd, want)
	}
	if !r.Normalized && r.FitBytes > 0 {
		// The valid range may also take the high surrogate of an astral
		// code point at FitBytes, when a URL's skip ends inside it
		// (docs/exactness.md); FitBytes, a byte offset, stops before it.
		want := utf16Len(s[:r.FitBytes]) - 1
		next, _ := utf8.DecodeRuneInString(s[r.FitBytes:])
		if r.ValidRangeEnd != want && (next < 0x10000 || r.ValidRangeEnd != want+1) {
			t.Fatalf("%+q: ValidRangeEnd %d does not match FitBytes %d", text, r.ValidRangeEnd, r.FitBytes)
		}
	}
	if r.Valid && (r.FitBytes != len(s) || r.WeightedLength > cfg.MaxWeightedTweetLength) {
		t.Fatalf("%+q: valid but FitBytes %d of %d, length %d", text, r.FitBytes, len(s), r.WeightedLength)
	}
	if n := Count(text, cfg); n != r.WeightedLength {
		t.Fatalf("%+q: Count %d, Parse %d", text, n, r.WeightedLength)
	}
	if r.WeightedLength < 0 || r.Weight < r.WeightedLength {
		t.Fatalf("%+q: weights out of order: %+v", text, r)
	}
}

func byteAt(s string, i int) byte {
	if i == len(s) {
		return 0
	}
	return s[i]
}

// isGraphemeBoundary reports whether byte offset i of s falls between two
// grapheme clusters (or at either end).
func isGraphemeBoundary(s string, i int) bool {
	pos, state := 0, -1
	for pos < i {
		var c string
		c, _, _, state = uniseg.FirstGraphemeClusterInString(s[pos:], state)
		pos += len(c)
	}
	return pos == i
}

func TestInvariantsOnSeeds(t *testing.T) {
	for _, s := range fuzzSeeds {
		for _, cfg := range []Config{V1, V2, V3} {
			checkInvariants(t, s, cfg)
		}
	}
}
