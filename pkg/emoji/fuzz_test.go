package emoji

import (
	"os"
	"slices"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/emoji/internal/twemojire"
)

var (
	oracleOnce sync.Once
	oracle     *twemojire.Oracle // nil when regex.js is not installed
)

func loadOracle() *twemojire.Oracle {
	oracleOnce.Do(func() {
		src, err := os.ReadFile(regexJS)
		if err != nil {
			return
		}
		lang, err := twemojire.LanguageOf(src)
		if err != nil {
			panic(err)
		}
		oracle = twemojire.NewOracle(lang)
	})
	return oracle
}

// FuzzNext checks Next and Match on arbitrary bytes: no panic, units in
// order, not overlapping, in bounds, valid UTF-8 on rune boundaries, Match
// agreeing with Next everywhere, and, when the pinned regex.js is
// installed, the same units as the regex's own priority rule.
func FuzzNext(f *testing.F) {
	for _, s := range []string{
		"", "a👍🏽b", "1️⃣ 1⃣ #⃣", "©️®️™️", "☺︎☺", "👨‍👩‍👧‍👦", "🇯🇵🇦", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
		"🧑‍🔧🏳️‍⚧️", "\xff\xf0\x9f\x91#\u20e3\xe2", "日本語👍テキスト", "x👨🏻‍⚕️y👩‍❤️‍💋‍👨",
		"0123456789#*#*\ufe0f\u20e3", "\ufe0f\ufe0e\u200d\U0001f3fb",
	} {
		f.Add(s)
	}
	o := loadOracle()
	f.Fuzz(func(t *testing.T, s string) {
		units := scan(s)
		// Character boundaries as a range loop decodes s: an invalid byte
		// is a character of its own.
		boundary := make([]bool, len(s)+1)
		for i := range s {
			boundary[i] = true
		}
		boundary[len(s)] = true
		prev := 0
		for _, u := range units {
			start, end := u[0], u[1]
			if start < prev || end <= start || end > len(s) {
				t.Fatalf("%+q: unit [%d, %d) after %d", s, start, end, prev)
			}
			if !utf8.ValidString(s[start:end]) || !boundary[start] || !boundary[end] {
				t.Fatalf("%+q: unit [%d, %d) = %+q is not whole characters", s, start, end, s[start:end])
			}
			for i := prev; i < start; i++ {
				if n := Match(s[i:]); n != 0 {
					t.Fatalf("%+q: Match at %d = %d, but Next skipped to %d", s, i, n, start)
				}
			}
			if n := Match(s[start:]); n != end-start {
				t.Fatalf("%+q: Match at %d = %d, Next found [%d, %d)", s, start, n, start, end)
			}
			prev = end
		}
		for i := prev; i < len(s); i++ {
			if n := Match(s[i:]); n != 0 {
				t.Fatalf("%+q: Match at %d = %d after Next's last unit", s, i, n)
			}
		}
		// Resuming from inside a unit behaves as the scan would from there.
		for _, u := range units {
			if u[1]-u[0] > 1 {
				Next(s, u[0]+1)
			}
		}
		if o != nil {
			if want := oracleUnits(o, s); !slices.Equal(units, want) {
				t.Fatalf("%+q: units %v, regex priority rule gives %v", s, units, want)
			}
		}
	})
}
