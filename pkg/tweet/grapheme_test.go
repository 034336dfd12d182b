package tweet

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// clusters returns the grapheme-cluster boundaries of s by uniseg alone,
// walking from the start with its state.
func clusters(s string) []int {
	var ends []int
	state := -1
	for i := 0; i < len(s); {
		var c string
		c, _, _, state = uniseg.FirstGraphemeClusterInString(s[i:], state)
		i += len(c)
		ends = append(ends, i)
	}
	return ends
}

// TestPlainGrapheme checks the generated table against uniseg, over the
// code points below U+20000: next to a plain code point, every
// context that a rule of UAX #29 could join to it is split from it.
func TestPlainGrapheme(t *testing.T) {
	// Code points that rules join to what follows or precedes them.
	contexts := []string{"a", "\r", "\u1100", "\u1161", "\uAC00", "\uAC01", "\u11A8", "🇦", "\u0600", "😀", "\u0001", "中"}
	plain := 0
	for r := rune(0); r < 0x20000; r++ {
		if !plainGrapheme(r) {
			continue
		}
		plain++
		if r >= 0xD800 && r <= 0xDFFF {
			t.Fatalf("surrogate %U is plain", r)
		}
		c := string(r)
		for _, x := range contexts {
			// Only a Prepend (U+0600) joins what follows it whatever that
			// is; every other rule needs a particular second code point.
			if got := clusters(x + c); len(got) != 2 && x != "\u0600" {
				t.Fatalf("plain %U: uniseg joins it to the %+q before it", r, x)
			}
			if plainGrapheme([]rune(x)[0]) {
				if got := clusters(c + x); len(got) != 2 {
					t.Fatalf("plain %U: uniseg joins it to the plain %+q after it", r, x)
				}
			}
		}
	}
	if plain < 100000 {
		t.Errorf("only %d plain code points below U+20000", plain)
	}
	for _, r := range []rune{'a', ' ', '\u0627', '\u4E2D', '\u0416', '©', 0x1F600, 0x1F44D} {
		if !plainGrapheme(r) {
			t.Errorf("%U is not plain", r)
		}
	}
	for _, r := range []rune{'\r', '\n', '\u0301', '\u200D', '\u093E', '\u0600', '\u1100', '\uAC00', '\u11A8', '\uFE0F', 0x1F3FD, 0x1F1E6, 0x20000} {
		if plainGrapheme(r) {
			t.Errorf("%U is plain", r)
		}
	}
}

// TestNextGrapheme checks that nextGrapheme, with its shortcuts and
// restarts, finds exactly uniseg's boundaries on random mixed texts.
func TestNextGrapheme(t *testing.T) {
	pieces := []string{"a", " ", "\r\n", "\r", "\n", "e\u0301", "\u0301", "👍🏽", "👨‍👩‍👧", "🇺🇸", "🇺", "1️⃣",
		"日本", "한국", "\u1100\u1161", "\u11A8", "\u0600", "क्ष", "कि", "\u093e", "\u200d", "\ufe0f", "مرحبا", "Ж", "©", "\u0001", "😀"}
	rng := rand.New(rand.NewPCG(3, 5))
	for n := range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(20) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		want := clusters(s)
		var got []int
		for i, state := 0, -1; i < len(s); {
			i, state = nextGrapheme(s, i, state)
			got = append(got, i)
		}
		if len(got) != len(want) {
			t.Fatalf("text %d %+q: nextGrapheme ends %v, uniseg %v", n, s, got, want)
		}
		for k := range got {
			if got[k] != want[k] {
				t.Fatalf("text %d %+q: nextGrapheme ends %v, uniseg %v", n, s, got, want)
			}
		}
	}
}
