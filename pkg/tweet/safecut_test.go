package tweet

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSafeCutShortcutsAgree checks that safeCut's restart and recorded-unit
// shortcuts give exactly the cut of the plain walk from the start, on texts
// built to cross the limit among emoji, URLs, marks and CRLFs.
func TestSafeCutShortcutsAgree(t *testing.T) {
	pieces := []string{"a", "b ", " ", ".", "\r\n", "\r", "\n", "e\u0301", "\u0301", "👍🏽", "👨‍👩‍👧", "🇺🇸", "1️⃣", "#⃣",
		"☺︎", "日本", "한국", "\u1100\u1161", "x.com", " https://t.co/abc ", "example.com/path ", "\u0600x", "क्ष", "🧑‍🔧", "\u200d", "\ufe0f",
		"مرحبا", "Привет ", "中文", "ก่", "कि", "\u093e", "©", "\u0001"}
	rng := rand.New(rand.NewPCG(7, 11))
	for n := range 20000 {
		var b strings.Builder
		for b.Len() < 40+rng.IntN(700) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		for _, cfg := range []Config{V1, V2, V3} {
			r := Parse(text, cfg)
			if want := safeCutFromStart(r.Text, r.FitBytes, &cfg); r.SafeCutBytes != want {
				t.Fatalf("text %d %+q (v%d): SafeCutBytes %d, walk from the start gives %d (fit %d)", n, text, cfg.Version, r.SafeCutBytes, want, r.FitBytes)
			}
		}
	}
}
