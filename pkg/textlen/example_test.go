package textlen_test

import (
	"fmt"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/textlen"
)

// A grapheme cluster is what a reader sees as one character: a family
// emoji, a flag, a letter with a combining accent.
func ExampleGraphemeCount() {
	for _, s := range []struct{ what, text string }{
		{"ASCII", "hello"},
		{"a family", "👨‍👩‍👧"},
		{"a flag", "🇯🇵"},
		{"e and U+0301", "e\u0301"},
		{"a sentence", "Café 👍🏽"},
	} {
		fmt.Printf("%s: %d graphemes, %d code points, %d bytes\n", s.what, textlen.GraphemeCount(s.text), utf8.RuneCountInString(s.text), len(s.text))
	}
	// Output:
	// ASCII: 5 graphemes, 5 code points, 5 bytes
	// a family: 1 graphemes, 5 code points, 18 bytes
	// a flag: 1 graphemes, 2 code points, 8 bytes
	// e and U+0301: 1 graphemes, 2 code points, 3 bytes
	// a sentence: 6 graphemes, 7 code points, 14 bytes
}

// The same text under Bluesky's rule and Mastodon's: Bluesky counts the URL
// and the mention in full; Mastodon counts every URL with a protocol as 23
// and "@alice@example.social" as "@alice".
func ExampleMeasure() {
	text := "Thanks @alice@example.social! Slides: https://example.com/talks/2026/counting-characters-in-posts 🎉"
	for _, p := range []struct {
		name  string
		rule  textlen.Rule
		limit int
	}{{"bluesky", textlen.Bluesky, 300}, {"mastodon", textlen.Mastodon, 500}} {
		r := textlen.Measure(text, p.rule, p.limit)
		fmt.Printf("%s: %d/%d, %d bytes, %d link\n", p.name, r.Count, p.limit, r.Bytes, r.Links)
	}

	// FitBytes is the length of the longest prefix within a limit, which
	// ends between graphemes: the family emoji is one of the five.
	short := "Fin 👨‍👩‍👧 family"
	r := textlen.Measure(short, textlen.Bluesky, 5)
	fmt.Printf("%d graphemes; %d bytes fit in 5: \"%s\"\n", r.Count, r.FitBytes, short[:r.FitBytes])
	// Output:
	// bluesky: 99/300, 102 bytes, 1 link
	// mastodon: 48/500, 102 bytes, 1 link
	// 12 graphemes; 22 bytes fit in 5: "Fin 👨‍👩‍👧"
}
