package tweet

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/emoji"
)

// TestEmojiSinglesHeavy checks what emojiSinglesPlain relies on under
// lightRanges: every emoji unit of one code point is a heavy code point,
// so it weighs DefaultWeight as a unit and as a code point.
func TestEmojiSinglesHeavy(t *testing.T) {
	singles := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(r)
		if emoji.Match(s) != len(s) {
			continue
		}
		singles++
		if !heavyRune(r) {
			t.Errorf("%U is an emoji unit of one code point but not heavy", r)
		}
	}
	if singles < 1000 {
		t.Fatalf("only %d emoji units of one code point", singles)
	}
	for _, c := range append(fastConfigs[:len(fastConfigs):len(fastConfigs)], emojiConfigs...) {
		_, fast := newMeter(&c.cfg)
		plain := emojiSinglesPlain(&c.cfg)
		if fast && !plain {
			t.Errorf("%s: runFast walks it, but emojiSinglesPlain is false", c.name)
		}
		if strings.HasPrefix(c.name, "units-") && plain {
			t.Errorf("%s: emojiSinglesPlain is true", c.name)
		}
	}
}

// emojiPieces are what TestFastPathsEmoji builds texts from: emoji of one
// and of several code points, the joiners alone, sequences Twemoji 11
// does not know, text presentation, URLs, and light and heavy text.
var emojiPieces = []string{
	"😀", "👍", "👍🏽", "🏽", "❤", "❤️", "☺︎", "☺", "©", "©️", "®️", "™️", "‼️", "1️⃣", "#⃣", "*", "7",
	"🇯🇵", "🇦", "🇺🇸🇫🇷", "👨‍👩‍👧‍👦", "👩‍❤️‍💋‍👨", "🧑‍🔧", "🏳️‍🌈", "🏳️‍⚧️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "\U000E0067",
	"\u200d", "\ufe0f", "\ufe0e", "\u20e3", " ", "a", "ab cd ", "é", "日本", "ﾃｽﾄ", "\u2018",
	"https://example.com/👍", "example.com", ".", "@user", "\ufeff",
}

// TestFastPathsEmoji compares Parse with parseGeneral (whose walk lists
// every emoji unit) on texts dense in emoji units of one and several code
// points, under every config of fastConfigs, some of them over the limit.
func TestFastPathsEmoji(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var b strings.Builder
	for range n {
		b.Reset()
		for k := r.IntN(120); k > 0; k-- {
			b.WriteString(emojiPieces[r.IntN(len(emojiPieces))])
		}
		text := b.String()
		if !checkFast(t, text) {
			t.FailNow()
		}
		for _, c := range emojiConfigs {
			if got, want := Parse(text, c.cfg), parseGeneral(text, c.cfg); got != want {
				t.Fatalf("%s %+q:\n fast    %+v\n general %+v", c.name, text, got, want)
			}
		}
	}
}

// emojiConfigs are configs where an emoji unit of one code point weighs
// other than its code point (emojiSinglesPlain is false): a walk must list
// those units. (Today newMeter sends them to the general walk, which
// always does: TestEmojiSinglesHeavy checks that every config runFast
// walks has emojiSinglesPlain.)
var emojiConfigs = []struct {
	name string
	cfg  Config
}{
	{"units-heavier", Config{MaxWeightedTweetLength: 90, Scale: 1, DefaultWeight: 7, TransformedURLLength: 5, EmojiParsingEnabled: true,
		Ranges: []WeightRange{{0, 0x10FFFF, 3}}}},
	{"units-lighter", Config{MaxWeightedTweetLength: 200, Scale: 2, DefaultWeight: 1, TransformedURLLength: 5, EmojiParsingEnabled: true,
		Ranges: []WeightRange{{0, 0xFFFF, 4}}}},
}

// TestUnitCounts checks unitCounts against spanCounts on every code point
// alone, and on pairs and triples of code points from the blocks emoji
// units are made of and those around lightRanges' ends.
func TestUnitCounts(t *testing.T) {
	check := func(s string) {
		n, astral, heavy := unitCounts(s)
		wn, wastral, wheavy := spanCounts(s)
		if n != wn || astral != wastral || heavy != wheavy {
			t.Fatalf("unitCounts(%+q) = %d, %d, %d; spanCounts %d, %d, %d", s, n, astral, heavy, wn, wastral, wheavy)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r < 0xD800 || r > 0xDFFF {
			check(string(r))
		}
	}
	var rs []rune
	for _, rg := range [][2]rune{{0, 0x80}, {0xA0, 0xB0}, {0x7F0, 0x810}, {0xFF0, 0x1110}, {0x1FF0, 0x2050},
		{0x20E0, 0x20F0}, {0x2600, 0x2620}, {0xFE00, 0xFE10}, {0x1F1E0, 0x1F200}, {0x1F3F0, 0x1F400}, {0xE0000, 0xE0080}} {
		for r := rg[0]; r < rg[1]; r++ {
			rs = append(rs, r)
		}
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for range 200_000 {
		var b strings.Builder
		for k := 1 + rng.IntN(6); k > 0; k-- {
			b.WriteRune(rs[rng.IntN(len(rs))])
		}
		check(b.String())
	}
}
