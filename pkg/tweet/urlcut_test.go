package tweet

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/internal/reftest"
)

// Tests of runURLs, runFast's walk of a text over the limit by its code
// points whose only units are URLs (one weight for every code point, not
// all ASCII): the cut found from the end (cutBack) or from the start
// (cutForward), or no cut when the URLs bring the total within the limit,
// against the general walk (parseGeneral).

// urlCutWords are the pieces of urlCutText: non-ASCII words of one to four
// bytes a code point, URLs of every length around the URL weight and the
// limits (with and without protocol, with non-ASCII paths and domains),
// and separators.
var urlCutWords = []string{
	"привет", "мир", "日本語", "テキスト", "😀", "𝄞𝄞", "é", "ab", "x",
	"https://t.co/abc", "example.com", "http://a.example.org/" + strings.Repeat("p", 40),
	"www.пример.рф/путь", "https://例え.jp/パス", "a.b.co", "x.com/" + strings.Repeat("дом", 12),
	"https://example.com/" + strings.Repeat("q", 130),
	" ", " ", " ", "\n", ". ",
}

// urlCutText returns a text of up to about n pieces of urlCutWords,
// always with one non-ASCII piece.
func urlCutText(r *rand.Rand, n int) string {
	var b strings.Builder
	b.WriteString(urlCutWords[r.IntN(6)])
	for k := r.IntN(n + 1); k > 0; k-- {
		b.WriteString(urlCutWords[r.IntN(len(urlCutWords))])
	}
	return b.String()
}

// urlCutConfigs are the configs whose walk of such texts takes runURLs:
// V1, a weight above one, and URLs that weigh nothing.
var urlCutConfigs = []struct {
	name string
	cfg  Config
}{
	{"V1", V1},
	{"scaled-uniform", Config{MaxWeightedTweetLength: 50, Scale: 3, DefaultWeight: 7, TransformedURLLength: 5}},
	{"heavy-urls", Config{MaxWeightedTweetLength: 40, Scale: 1, DefaultWeight: 2, TransformedURLLength: 30}},
	{"free-urls", Config{MaxWeightedTweetLength: 30, Scale: 1, DefaultWeight: 1, TransformedURLLength: 0}},
}

// TestURLCut compares Parse with the general walk on texts of URLs and
// non-ASCII words, short and long (more URLs than runURLs keeps, cuts far
// from the end), and checks that each way runURLs ends (no cut, cut from
// the end, cut from the start, too many URLs) was taken.
func TestURLCut(t *testing.T) {
	r := rand.New(rand.NewPCG(reftest.Seed(t, *fastSeed), 7))
	n := 20000
	if testing.Short() {
		n /= 10
	}
	var fits, back, forward, many int
	for i := range n {
		s := urlCutText(r, []int{8, 30, 120}[i%3])
		for _, c := range urlCutConfigs {
			got, want := Parse(s, c.cfg), parseGeneral(s, c.cfg)
			if got != want {
				t.Fatalf("%s %+q:\n fast    %+v\n general %+v", c.name, s, got, want)
			}
			if c.name != "V1" || got.Normalized {
				continue
			}
			plain := utf16Len(s) - strings.Count(s, "😀") - strings.Count(s, "𝄞") // code points
			switch {
			case plain <= 140 || got.URLs == 0:
			case got.URLs > maxURLSpans:
				many++
			case got.Weight <= 140:
				fits++
			case 2*(got.Weight-140) < got.Weight:
				back++
			default:
				forward++
			}
		}
	}
	t.Logf("V1, over 140 code points: fit after all %d, cut from the end %d, from the start %d, more than %d URLs %d", fits, back, forward, maxURLSpans, many)
	if fits == 0 || back == 0 || forward == 0 || many == 0 {
		t.Errorf("a way through runURLs was not taken")
	}
}

// TestDropRunesBack checks dropRunesBack's counts against a count of the
// code points it leaves out, on texts of URLs and script, with and without
// the count of astral code points (TestDropRunesBackWalk checks its offset).
func TestDropRunesBack(t *testing.T) {
	r := rand.New(rand.NewPCG(reftest.Seed(t, *fastSeed), 8))
	for range 20000 {
		s := urlCutText(r, 20)
		i := r.IntN(len(s) + 1)
		for i < len(s) && s[i]&0xC0 == 0x80 {
			i++
		}
		k := r.IntN(len(s) + 2)
		j, n, astral := dropRunesBack(s, i, len(s), k, true)
		wn, wa, _ := countRunes(s[j:])
		if n != wn || astral != wa || n > k || n < k && j != i {
			t.Fatalf("dropRunesBack(%+q, %d, %d, %d) = %d, %d, %d; counted %d, %d", s, i, len(s), k, j, n, astral, wn, wa)
		}
		if j2, n2, a2 := dropRunesBack(s, i, len(s), k, false); j2 != j || n2 != n || a2 != 0 {
			t.Fatalf("dropRunesBack(%+q, %d, %d, %d, false) = %d, %d, %d; want %d, %d, 0", s, i, len(s), k, j2, n2, a2, j, n)
		}
	}
}
