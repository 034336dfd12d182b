package extract

import (
	"strings"
	"testing"
	"time"
)

// TestLinearTime checks that inputs which make a backtracking regexp (and a
// naive port of it) quadratic stay fast: each is about 1 MB.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow inputs")
	}
	const n = 1 << 20
	inputs := map[string]string{
		"labels without TLD":      strings.Repeat("a.", n/2),
		"hyphen starts":           strings.Repeat("-a", n/4) + "." + strings.Repeat("b.", n/4),
		"underscores":             strings.Repeat("a_b.", n/4),
		"long label":              strings.Repeat("a", n) + ".b",
		"long TLD-like run":       "a." + strings.Repeat("c", n),
		"emoji labels":            strings.Repeat("😀.", n/5),
		"many URLs":               strings.Repeat("a.com ", n/6),
		"rejected URLs":           strings.Repeat("-a.com", n/6),
		"ascii re-scan":           strings.Repeat("a.com☃", n/8),
		"path parens":             "a.com/" + strings.Repeat("(a", n/2),
		"protocols":               strings.Repeat("http://", n/7) + "a.com",
		"xn-- hosts":              strings.Repeat("xn--a.", n/6) + "com",
		"dots":                    strings.Repeat(".", n),
		"queries":                 "a.com/?" + strings.Repeat("a.", n/2),
		"url without valid start": strings.Repeat("ab", n/2) + ".com",
	}
	for name, text := range inputs {
		start := time.Now()
		URLs(text)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(text))
		}
	}
}
