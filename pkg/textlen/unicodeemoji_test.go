package textlen

import (
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/pkg/tweet"
)

func TestIsQualifiedEmoji(t *testing.T) {
	cases := []struct {
		s    string
		want bool
	}{
		{"😀", true},                    // Emoji_Presentation
		{"🧑\u200d🔧", true},             // ZWJ sequence, Emoji 12.1
		{"❤\uFE0F", true},              // text-default + VS16
		{"❤", false},                   // text-default, unqualified
		{"☝\U0001F3FD", true},          // text-default + skin tone
		{"©", false},                   // Extended_Pictographic, text default
		{"©\uFE0F", true},              // ...with VS16
		{"1\uFE0F\u20E3", true},        // keycap, fully qualified
		{"1\u20E3", false},             // keycap without VS16
		{"#", false},                   // plain ASCII
		{"\U0001F1EF\U0001F1F5", true}, // 🇯🇵
		{"\U0001F1EF", false},          // lone regional indicator
		{"\U0001F3FD", false},          // lone skin tone modifier
		{"\U0001FAE8", true},           // 🫨 shaking face, Emoji 15.0
		{"🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", true}, // Scotland, tag sequence
		{"é", false},
		{"字", false},
		{"", false},
	}
	for _, c := range cases {
		if got := IsQualifiedEmoji(c.s); got != c.want {
			t.Errorf("IsQualifiedEmoji(%+q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func TestParseUnicodeEmoji(t *testing.T) {
	cases := []struct {
		name           string
		text           string
		ref, unicode   int // weighted lengths under V3
		emoji, changed int
	}{
		{"ascii", "hello world", 11, 11, 0, 0},
		{"old emoji agree", "hi 😀👍🏽", 7, 7, 2, 0},
		{"zwj Emoji 12.1", "fix 🧑\u200d🔧", 9, 6, 1, 1},
		{"two new sequences", "🧑\u200d🔧🧑\u200d🚀", 10, 4, 2, 2},
		{"text-default alone is not an emoji", "©", 1, 1, 0, 0},
		{"keycap agrees", "1\uFE0F\u20E3", 2, 2, 1, 0},
		{"an emoji ends a URL", "see https://example.com/🧑\u200d🔧", 4 + 23 + 5, 4 + 23 + 2, 1, 1},
		{"decomposed text around", "cafe\u0301 🧑\u200d🔧", 10, 7, 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ParseUnicodeEmoji(c.text, tweet.V3)
			if got := r.Reference.WeightedLength; got != c.ref {
				t.Errorf("reference = %d, want %d", got, c.ref)
			}
			if r.WeightedLength != c.unicode || r.Emoji != c.emoji || r.Reweighed != c.changed {
				t.Errorf("got length %d, %d emoji, %d reweighed; want %d, %d, %d", r.WeightedLength, r.Emoji, r.Reweighed, c.unicode, c.emoji, c.changed)
			}
			if r.SafeCutBytes != len(r.Reference.Text) {
				t.Errorf("SafeCutBytes = %d, want the whole text (%d)", r.SafeCutBytes, len(r.Reference.Text))
			}
		})
	}
}

func TestParseUnicodeEmojiCut(t *testing.T) {
	worker := "🧑\u200d🔧"
	// 277 + 2 fits 280 with modern emoji; the reference says 282.
	fits := strings.Repeat("a", 277) + worker
	r := ParseUnicodeEmoji(fits, tweet.V3)
	if r.WeightedLength != 279 || r.Reference.Valid || r.SafeCutBytes != len(fits) {
		t.Errorf("fits: length %d (reference valid %v), cut %d; want 279, false, %d", r.WeightedLength, r.Reference.Valid, r.SafeCutBytes, len(fits))
	}
	// 279 + 2 is over by one: the cut falls before the emoji, never inside.
	over := strings.Repeat("a", 279) + worker + " b"
	r = ParseUnicodeEmoji(over, tweet.V3)
	if r.WeightedLength != 283 || r.SafeCutBytes != 279 {
		t.Errorf("over: length %d, cut %d; want 283, 279", r.WeightedLength, r.SafeCutBytes)
	}
	// 276 + 2 + 2: the cut falls after the first emoji, which the reference
	// would already have cut before.
	two := strings.Repeat("a", 276) + worker + worker
	r = ParseUnicodeEmoji(two, tweet.V3)
	if want := 276 + len(worker); r.WeightedLength != 280 || r.SafeCutBytes != len(two) {
		t.Errorf("two: length %d, cut %d; want 280, %d (not %d)", r.WeightedLength, r.SafeCutBytes, len(two), want)
	}
	three := two + worker
	r = ParseUnicodeEmoji(three, tweet.V3)
	if r.WeightedLength != 282 || r.SafeCutBytes != len(two) {
		t.Errorf("three: length %d, cut %d; want 282, %d", r.WeightedLength, r.SafeCutBytes, len(two))
	}
	if r.Reference.SafeCutBytes >= r.SafeCutBytes {
		t.Errorf("reference cut %d should fall before ours %d", r.Reference.SafeCutBytes, r.SafeCutBytes)
	}
}

func FuzzParseUnicodeEmoji(f *testing.F) {
	for _, s := range []string{"🧑\u200d🔧 hi", "a https://x.com 😀", "\U0001F1EF\U0001F1F5\U0001F1EF", "e\u0301\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := ParseUnicodeEmoji(s, tweet.V3)
		if r.Weight > r.Reference.Weight {
			t.Fatalf("modern emoji weigh more than the reference: %d > %d", r.Weight, r.Reference.Weight)
		}
		if r.SafeCutBytes < r.Reference.SafeCutBytes || r.SafeCutBytes > len(r.Reference.Text) {
			t.Fatalf("cut %d outside [%d, %d]", r.SafeCutBytes, r.Reference.SafeCutBytes, len(r.Reference.Text))
		}
		if r.SafeCutBytes < len(r.Reference.Text) {
			if p := ParseUnicodeEmoji(r.Reference.Text[:r.SafeCutBytes], tweet.V3); p.WeightedLength > tweet.V3.MaxWeightedTweetLength {
				t.Fatalf("the prefix that fits weighs %d", p.WeightedLength)
			}
		}
	})
}
