package tweet

import (
	"testing"
	"unicode/utf8"
)

// TestQuickSpanUTF8 checks that the quick check's table-driven fast paths
// reject every malformed sequence of up to four bytes that utf8 rejects,
// at the start of a text and after ASCII and non-ASCII text.
func TestQuickSpanUTF8(t *testing.T) {
	seconds := []byte{0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF}
	check := func(seq []byte) {
		for _, prefix := range []string{"", "a", "abcdefgh", "é", "日本"} {
			for _, suffix := range []string{"", "x", "xxxxxxxxx"} {
				s := prefix + string(seq) + suffix
				want := utf8.ValidString(s)
				if got := classify(s) != textInvalidUTF8; got != want {
					t.Fatalf("classify(%+q): valid %v, want %v", s, got, want)
				}
			}
		}
	}
	for c0 := range 256 {
		for c1 := range 256 {
			check([]byte{byte(c0), byte(c1)})
			if c0 < 0xE0 {
				continue
			}
			for _, c2 := range seconds {
				check([]byte{byte(c0), byte(c1), c2})
				if c0 >= 0xF0 {
					for _, c3 := range seconds {
						check([]byte{byte(c0), byte(c1), c2, c3})
					}
				}
			}
		}
	}
}
