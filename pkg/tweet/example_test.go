package tweet_test

import (
	"fmt"
	"strings"

	"github.com/tweetlen/tweetlen/pkg/tweet"
)

func ExampleParse() {
	r := tweet.Parse("Hello, world! https://example.com", tweet.V1)
	fmt.Println(r.WeightedLength, r.Valid) // 37 true
	// Output: 37 true
}

// Where a draft overflows: SafeCutBytes is the longest prefix that fits,
// moved back so that no emoji is cut in half.
func ExampleResult_SafeCutBytes() {
	draft := strings.Repeat("a", 139) + "👍🏽 and more"
	r := tweet.Parse(draft, tweet.V1)
	fmt.Println(r.WeightedLength, r.Valid) // 150 false
	cut := r.Text[:r.SafeCutBytes]         // the longest prefix that fits, cut between graphemes
	fmt.Printf("fits up to byte %d, safe cut at byte %d: …%q\n", r.FitBytes, r.SafeCutBytes, cut[len(cut)-3:])
	// Output:
	// 150 false
	// fits up to byte 143, safe cut at byte 139: …"aaa"
}

// The three configs shipped with twitter-text count the same text
// differently.
func ExampleConfig() {
	text := "猫 🧑‍🔧 👨‍👩‍👧"
	for _, c := range []struct {
		name string
		cfg  tweet.Config
	}{{"V1", tweet.V1}, {"V2", tweet.V2}, {"V3", tweet.V3}} {
		r := tweet.Parse(text, c.cfg)
		fmt.Printf("%s: %d of %d\n", c.name, r.WeightedLength, c.cfg.MaxWeightedTweetLength)
	}
	// Output:
	// V1: 11 of 140
	// V2: 17 of 280
	// V3: 11 of 280
}

// IndexInvalid finds the character that makes a text invalid.
func ExampleIndexInvalid() {
	text := "Notes\uFEFF from the meeting"
	fmt.Println(tweet.IndexInvalid(text), tweet.Parse(text, tweet.V1).Valid)
	fmt.Println(tweet.IndexInvalid("fine"))
	// Output:
	// 5 false
	// -1
}

// Count gives just the weighted length. Under V1 every code point costs 1;
// under V3 each emoji costs 2 however many code points it has (if
// twemoji-parser 11 knows it; see the Config example), and each CJK
// character 2. Under both, a URL costs 23 (a t.co link), long or short.
func ExampleCount() {
	text := "Launch day 🚀 発売 https://example.com/blog/2026/11/launch-day-notes"
	fmt.Println(tweet.Count(text, tweet.V1)) // 39: every code point 1, the URL 23
	fmt.Println(tweet.Count(text, tweet.V3)) // 42: the emoji and each CJK character 2
	family := "👨‍👩‍👧"
	fmt.Println(tweet.Count(family, tweet.V1), tweet.Count(family, tweet.V3)) // 5 2: five code points, one emoji
	// Output:
	// 39
	// 42
	// 5 2
}
