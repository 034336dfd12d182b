package emoji

import (
	"strings"
	"testing"
)

// TestLeadScan checks that Next's fast scan is in use with the generated
// table, and that nextLead stops at every byte where a unit may start.
func TestLeadScan(t *testing.T) {
	if !leadScan {
		t.Fatal("leadScan is false: Next scans byte by byte")
	}
	texts := []string{
		"", "a", "#", "1\uFE0F\u20E3", "abc 123 #x *y", "plain ascii text, no emoji at all.",
		"café © ® ™ 〰 〽 \u3297 \uE000 \uFE0F 😀 🇫🇷", "日本語のテキスト、絵文字なし。",
		strings.Repeat("ab1", 20) + "#\uFE0F\u20E3" + strings.Repeat("x", 9) + "9\u20E3",
		"\xC2\xE2\xE3\xEE\xEF\xF0", "مرحبا العالم ❤️", "\xff\xfe7\xef",
	}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			want := -1
			for k := i; k < len(s); k++ {
				c := s[k]
				if c >= 0x80 && rootChild[c] != 0 || c < 0x80 && rootChild[c] != 0 && k+1 < len(s) && s[k+1] >= 0x80 && rootChild[s[k+1]] != 0 {
					want = k
					break
				}
			}
			if got := nextLead(s, i); got != want {
				t.Errorf("nextLead(%+q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}
