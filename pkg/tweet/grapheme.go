package tweet

import "unicode/utf8"

//go:generate go run gen_grapheme.go

// plainGrapheme reports whether the code point r is plain for grapheme
// segmentation (UAX #29, in uniseg's Unicode version): below U+20000 (the
// Basic Multilingual Plane and plane 1, which holds most emoji), and of a
// Grapheme_Cluster_Break other than CR, LF,
// Extend, ZWJ, SpacingMark, Prepend, Regional_Indicator and the Hangul
// L, V, T, LV and LVT. No rule but GB999 applies between two plain code
// points, so there is a boundary between them whatever precedes them, and
// segmentation may start afresh there: plain code points carry no state
// (an Extended_Pictographic one starts its own sequence). It is false
// from U+20000 on, where uniseg then decides.
func plainGrapheme(r rune) bool {
	if uint32(r) >= 0x20000 {
		return false
	}
	return plainGraphemeBlocks[plainGraphemeIndex[r>>6]]>>(r&63)&1 != 0
}

// plainBoundary reports whether byte offset i of s (0 < i < len(s), on a
// code point boundary of valid UTF-8) falls between two plain code points
// (see plainGrapheme), so is a grapheme-cluster boundary.
func plainBoundary(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if !plainGrapheme(r) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:i])
	return plainGrapheme(p)
}
