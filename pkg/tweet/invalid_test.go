package tweet

import (
	"strings"
	"testing"
)

func TestIndexInvalid(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", -1}, {"abc", -1}, {"\uFEFF", 0}, {"ab\uFFFE", 2}, {"x\uFFFFy\uFEFF", 1},
		{"\uFF01\uFFFD\uEFBF", -1}, // other EF-led characters
		{"é\uFFFE", 2}, {"\xef\xbf", -1}, {strings.Repeat("ｶ", 50) + "\uFFFF", 150},
	} {
		if got := IndexInvalid(tc.text); got != tc.want {
			t.Errorf("IndexInvalid(%+q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}
