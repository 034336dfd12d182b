package tweet

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/internal/reftest"
)

// spacedPieces are words of scripts whose code points take two or three
// bytes, the marks that may follow them, and what may stand between
// words, for TestScanSpacedWords: scanRun keeps a run of such code points
// going over a single space.
var spacedPieces = [][]string{
	{ // words
		"مرحبا", "שלום", "привет", "γειά", "नमस्ते", "안녕하세요", "வணக்கம்", "日本語", "ăâ",
		"\u0915\u093c", // Hindi with a nukta (NFC keeps it)
	},
	{ // marks: in order, out of order, composing with what precedes
		"\u064e", "\u0651", "\u0651\u064e", "\u064e\u0651", "\u0301", "\u0308\u0301", "\u093c", "\u0bcd", "\u1161", "\u3099",
	},
	{ // between words
		" ", " ", " ", "  ", ". ", ".", " .", " a.b ", "\ufeff", " \ufeff", "\u200d", " 1 ", ", ",
	},
}

// TestScanSpacedWords checks scanText (see checkScan) on words of
// two-byte and three-byte scripts separated by spaces and other things,
// with marks after the spaces and the words, cut at every code point.
func TestScanSpacedWords(t *testing.T) {
	r := rand.New(rand.NewPCG(reftest.Seed(t, 0), 7))
	pick := func(k int) string { p := spacedPieces[k]; return p[r.IntN(len(p))] }
	for range 3000 {
		var b strings.Builder
		for k := 1 + r.IntN(8); k > 0; k-- {
			b.WriteString(pick(0))
			if r.IntN(4) == 0 {
				b.WriteString(pick(1))
			}
			b.WriteString(pick(2))
			if r.IntN(6) == 0 {
				b.WriteString(pick(1))
			}
		}
		s := b.String()
		for n := 0; n <= len(s); n++ {
			if n < len(s) && !utf8.RuneStart(s[n]) {
				continue
			}
			checkScan(t, s[:n])
			checkScan(t, s[n:])
		}
	}
}
