package textlen

import (
	"strings"
	"testing"
)

// lenText is the expected FitBytes meaning "all of the text".
const lenText = -1

type measureCase struct {
	name  string
	text  string
	limit int // 0 means 500
	count int
	links int
	fit   int // lenText: len(text)
}

func runMeasureCases(t *testing.T, r Rule, cases []measureCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			limit := c.limit
			if limit == 0 {
				limit = 500
			}
			want := Result{Count: c.count, Bytes: len(c.text), Links: c.links, FitBytes: c.fit}
			if c.fit == lenText {
				want.FitBytes = len(c.text)
			}
			if got := Measure(c.text, r, limit); got != want {
				t.Errorf("Measure(%q, %d) = %+v, want %+v", c.text, limit, got, want)
			}
		})
	}
}

// Expected values follow Mastodon's StatusLengthValidator: URLs with a
// protocol become 23 characters, "@user@domain" becomes "@user", then
// grapheme clusters are counted.
func TestMastodon(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	runMeasureCases(t, Mastodon, []measureCase{
		{"empty", "", 0, 0, 0, lenText},
		{"plain", "hello", 0, 5, 0, lenText},                                                            // 5 letters
		{"url", "https://example.com", 0, 23, 1, lenText},                                               // 19 chars -> 23
		{"short url", "http://a.co", 0, 23, 1, lenText},                                                 // 11 chars, still 23
		{"url upper", "HTTPS://EXAMPLE.COM", 0, 23, 1, lenText},                                         // protocol is case-insensitive
		{"url in text", "see https://example.com/a/very/long/path/that/goes/on?x=1", 0, 27, 1, lenText}, // "see " 4 + 23
		{"two urls", "https://a.co https://b.co", 0, 47, 2, lenText},                                    // 23 + 1 + 23
		{"bare domain", "example.com", 0, 11, 0, lenText},                                               // no protocol: in full
		{"bare www", "www.example.com", 0, 15, 0, lenText},                                              // in full
		{"bare in text", "go to example.com now", 0, 21, 0, lenText},                                    // 2+1+2+1+11+1+3
		{"mixed urls", "example.com https://example.com", 0, 35, 1, lenText},                            // 11 + 1 + 23
		{"ftp", "ftp://example.com", 0, 17, 0, lenText},                                                 // ftp is no protocol of twitter-text: 17 chars
		{"no tld", "http://localhost", 0, 16, 0, lenText},                                               // not a URL: 16 chars
		{"url with mention in path", "https://example.com/@bob@example.com", 0, 23, 1, lenText},         // one URL; "/@" is no mention
		{"mention local", "@alice", 0, 6, 0, lenText},                                                   // "@alice" 6
		{"mention remote", "@alice@example.com", 0, 6, 0, lenText},                                      // -> "@alice" 6
		{"mention subdomain", "@alice@mastodon.social.example.org", 0, 6, 0, lenText},                   // -> "@alice" 6
		{"mention upper", "@Alice@Example.COM", 0, 6, 0, lenText},                                       // case-insensitive -> "@Alice" 6
		{"mention in text", "hi @bob@example.com!", 0, 8, 0, lenText},                                   // "hi " 3 + "@bob" 4 + "!" 1
		{"mention trailing dot", "@bob@example.com.", 0, 5, 0, lenText},                                 // domain ends at last alnum: "@bob" 4 + "." 1
		{"mention 2-char domain", "@bob@xy", 0, 4, 0, lenText},                                          // domain "xy" (2 chars) -> "@bob" 4
		{"mention 1-char domain", "@bob@x", 0, 6, 0, lenText},                                           // domain needs 2 chars: "@bob" + "@x" = 6
		{"two mentions", "@bob@example.com and @carol@social.example", 0, 15, 0, lenText},               // 4 + 5 + 6
		{"email", "mail bob@example.com", 0, 20, 0, lenText},                                            // "b" before "@": no mention, 4+1+15
		{"slash before", "x/@bob@example.com", 0, 18, 0, lenText},                                       // "/" before "@": no mention, 18 chars
		{"double at", "@@bob@example.com", 0, 5, 0, lenText},                                            // first "@" has no user; "@" + "@bob" = 5
		{"zwj family", "👨‍👩‍👧", 0, 1, 0, lenText},                                                       // one cluster
		{"skin tone", "👍🏽", 0, 1, 0, lenText},                                                           // one cluster
		{"flags", "🇯🇵🇫🇷", 0, 2, 0, lenText},                                                             // two RI pairs
		{"keycap", "1️⃣", 0, 1, 0, lenText},                                                             // one cluster
		{"tag flag", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", 0, 1, 0, lenText}, // one cluster
		{"combining", "cafe\u0301", 0, 4, 0, lenText},                                                   // c a f e+U+0301
		{"cjk", "日本語のテキスト", 0, 8, 0, lenText},                                                           // 3 + 1 + 4
		{"hangul jamo", "\u1100\u1161\u11A8", 0, 1, 0, lenText},                                         // L V T: one syllable
		{"crlf", "a\r\nb", 0, 3, 0, lenText},                                                            // a, CR LF, b
		{"tab", "a\tb", 0, 3, 0, lenText},                                                               // controls count 1
		{"499", a(499), 0, 499, 0, lenText},
		{"500", a(500), 0, 500, 0, lenText},
		{"501", a(501), 0, 501, 0, 500},                                            // cut after 500 bytes
		{"url fits exactly", a(476) + " https://example.com", 0, 500, 1, lenText},  // 476 + 1 + 23
		{"url over", a(477) + " https://example.com", 0, 501, 1, 478},              // 501; no cut inside the URL: 477 + 1 bytes
		{"mention fits exactly", a(495) + " @bob@example.com", 0, 500, 0, lenText}, // 495 + 1 + 4
		{"mention over", a(496) + " @bob@example.com", 0, 501, 0, 497},             // 501; cut before the mention
		{"combining over", strings.Repeat("e\u0301", 501), 0, 501, 0, 1500},        // 500 clusters of 3 bytes
		{"zwj over", strings.Repeat("👨‍👩‍👧", 501), 0, 501, 0, 9000},                // 500 clusters of 18 bytes
		{"precomposed", strings.Repeat("é", 500), 0, 500, 0, lenText},              // 500 clusters, 1000 bytes
		{"crlf over", strings.Repeat("\r\n", 501), 0, 501, 0, 1000},                // 500 clusters of 2 bytes
		{"small limit", "abc https://example.com", 10, 27, 1, 4},                   // 4 + 23 > 10: "abc " fits
		{"negative limit", "abc", -1, 3, 0, 0},
	})
}

// Expected values follow Threads: emoji count their UTF-8 bytes, other
// characters count one per code point, URLs and mentions in full.
func TestThreads(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	runMeasureCases(t, Threads, []measureCase{
		{"empty", "", 0, 0, 0, lenText},
		{"grinning", "😀", 0, 4, 0, lenText},                                                              // U+1F600: F0 9F 98 80
		{"heart vs16", "\u2764\uFE0F", 0, 6, 0, lenText},                                                 // E2 9D A4 + EF B8 8F
		{"heart bare", "\u2764", 0, 3, 0, lenText},                                                       // Extended_Pictographic without VS16: E2 9D A4
		{"thumbs skin", "👍🏽", 0, 8, 0, lenText},                                                          // U+1F44D 4 + U+1F3FD 4
		{"family", "👨‍👩‍👧", 0, 18, 0, lenText},                                                           // 4 + 3 (ZWJ) + 4 + 3 + 4
		{"technologist", "👩🏽‍💻", 0, 15, 0, lenText},                                                      // 4 + 4 + 3 + 4
		{"flag", "🇯🇵", 0, 8, 0, lenText},                                                                 // two regional indicators, 4 + 4
		{"lone RI", "🇯", 0, 4, 0, lenText},                                                               // a regional indicator alone is an emoji
		{"lone skin tone", "🏽", 0, 4, 0, lenText},                                                        // U+1F3FD alone
		{"keycap", "1️⃣", 0, 7, 0, lenText},                                                              // "1" 1 + FE0F 3 + 20E3 3
		{"keycap hash", "#️⃣", 0, 7, 0, lenText},                                                         // "#" 1 + 3 + 3
		{"keycap no vs16", "1\u20E3", 0, 4, 0, lenText},                                                  // "1" 1 + 20E3 3
		{"tag flag", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", 0, 28, 0, lenText}, // 4 + 5 tags * 4 + cancel 4
		{"copyright", "©", 0, 2, 0, lenText},                                                             // Extended_Pictographic: C2 A9
		{"trademark", "™", 0, 3, 0, lenText},                                                             // U+2122: E2 84 A2
		{"emoji with mark", "😀\u0301", 0, 6, 0, lenText},                                                 // one emoji cluster: 4 + 2
		{"plain", "hello", 0, 5, 0, lenText},                                                             // 5 code points
		{"text and emoji", "hello 😀", 0, 10, 0, lenText},                                                 // 6 + 4
		{"between letters", "a😀b", 0, 6, 0, lenText},                                                     // 1 + 4 + 1
		{"two emoji", "😀😀", 0, 8, 0, lenText},                                                            // 4 + 4
		{"cjk", "日本語", 0, 3, 0, lenText},                                                                 // 3 code points
		{"decomposed", "e\u0301", 0, 2, 0, lenText},                                                      // 2 code points
		{"precomposed", "é", 0, 1, 0, lenText},                                                           // 1 code point
		{"lone mark", "\u0301", 0, 1, 0, lenText},                                                        // 1 code point
		{"crlf", "a\r\nb", 0, 4, 0, lenText},                                                             // 4 code points
		{"url full", "https://example.com", 0, 19, 1, lenText},                                           // 19 chars, 1 link
		{"urls", "example.com and https://a.co", 0, 28, 2, lenText},                                      // 11 + 5 + 12; bare domains are links too
		{"six links", strings.TrimSpace(strings.Repeat("https://a.com ", 6)), 0, 83, 6, lenText},         // 6*13 + 5
		{"mention full", "@bob@example.com", 0, 16, 0, lenText},                                          // no mention rule
		{"500 ascii", a(500), 0, 500, 0, lenText},
		{"501 ascii", a(501), 0, 501, 0, 500},
		{"499 ascii", a(499), 0, 499, 0, lenText},
		{"emoji fits", a(496) + "😀", 0, 500, 0, lenText},               // 496 + 4
		{"emoji over", a(497) + "😀", 0, 501, 0, 497},                   // 497 + 4 = 501: the emoji goes whole
		{"125 emoji", strings.Repeat("😀", 125), 0, 500, 0, lenText},    // 125 * 4
		{"126 emoji", strings.Repeat("😀", 126), 0, 504, 0, 500},        // 504; 125 fit
		{"families over", strings.Repeat("👨‍👩‍👧", 28), 0, 504, 0, 486}, // 28 * 18 = 504; 27 * 18 = 486 fit
		{"cjk 500", strings.Repeat("日", 500), 0, 500, 0, lenText},      // 500 code points, 1500 bytes
		{"cjk 501", strings.Repeat("日", 501), 0, 501, 0, 1500},         // 500 fit, 3 bytes each
	})
}

func TestOtherRules(t *testing.T) {
	text := "café 😀 https://example.com/path" // c a f é, space, emoji, space, URL of 24
	cases := []struct {
		name string
		r    Rule
		want int
	}{
		{"bluesky", Bluesky, 4 + 1 + 1 + 1 + 24},   // graphemes, URL in full
		{"linkedin", LinkedIn, 4 + 1 + 2 + 1 + 24}, // UTF-16: the emoji is a surrogate pair
		{"code points", Rule{Unit: CodePoints}, 4 + 1 + 1 + 1 + 24},
		{"bytes", Rule{Unit: Bytes}, 5 + 1 + 4 + 1 + 24}, // é is 2 bytes
		{"bytes url 23", Rule{Unit: Bytes, URLLength: 23}, 5 + 1 + 4 + 1 + 23},
		{"utf16 emoji bytes", Rule{Unit: UTF16, EmojiBytes: true}, 4 + 1 + 4 + 1 + 24},
		{"unknown unit", Rule{Unit: 42}, 4 + 1 + 1 + 1 + 24}, // counts as Graphemes
	}
	for _, c := range cases {
		if got := Measure(text, c.r, 1000); got.Count != c.want || got.Links != 1 || got.FitBytes != len(text) {
			t.Errorf("%s: %+v, want count %d, 1 link", c.name, got, c.want)
		}
	}
	// Bluesky also limits bytes: 3000.
	if got := Measure(strings.Repeat("😀", 300), Bluesky, 300); got.Count != 300 || got.Bytes != 1200 {
		t.Errorf("bluesky emoji: %+v", got)
	}
}

func TestIsEmojiCluster(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"a", false}, {"1", false}, {"#", false}, {"é", false}, {"日", false},
		{"e\u0301", false}, {"\r\n", false}, {"\u200D", false}, {"\uFE0F", false},
		{"😀", true}, {"\u2764\uFE0F", true}, {"\u2764", true}, {"©", true}, {"👍🏽", true},
		{"👨‍👩‍👧", true}, {"🇯🇵", true}, {"🇯", true}, {"🏽", true}, {"1️⃣", true}, {"*\u20E3", true},
		{"1\uFE0F", false}, {"🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", true},
		{"\U0001FAE8", true}, // shaking face, Emoji 15.0
	} {
		if got := IsEmojiCluster(c.s); got != c.want {
			t.Errorf("IsEmojiCluster(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func TestMention(t *testing.T) {
	for _, c := range []struct {
		s                string
		start, user, end int // start -1: none
	}{
		{"@bob", 0, 4, 4},
		{"@bob@example.com", 0, 4, 16},
		{"@bob@example.com.", 0, 4, 16},
		{"@bob@ex-ample.co-", 0, 4, 16},
		{"@bob@x", 0, 4, 4},
		{"@bob@.x", 0, 4, 7}, // [.-]+ then [a-z0-9]+: ".x"
		{"@bob@-", 0, 4, 4},
		{"a@bob", -1, 0, 0},
		{"_@bob", -1, 0, 0},
		{"/@bob", -1, 0, 0},
		{".@bob", 1, 5, 5},
		{"é@bob", 2, 6, 6},
		{"@", -1, 0, 0},
		{"@ bob", -1, 0, 0},
		{"@@bob", 1, 5, 5},
		{"@b_o_b@a.b", 0, 6, 10},
	} {
		s, u, e, ok := nextMention(c.s, 0)
		if !ok {
			s = -1
		}
		if s != c.start || ok && (u != c.user || e != c.end) {
			t.Errorf("nextMention(%q) = %d %d %d %v, want %d %d %d", c.s, s, u, e, ok, c.start, c.user, c.end)
		}
	}
}
