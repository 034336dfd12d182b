package extract

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/tweetlen/tweetlen/internal/corpus"
	"github.com/tweetlen/tweetlen/internal/reftest"
)

var (
	seedFlag  = flag.Uint64("extract.seed", 0, "seed of TestDifferential's text generator (0: time-based)")
	countFlag = flag.Int("extract.n", 20000, "number of texts TestDifferential generates")
)

// refAnswer is one line of reference/ref.js in "urls" mode.
type refAnswer struct {
	ID   int `json:"id"`
	URLs []struct {
		URL     string `json:"url"`
		Indices [2]int `json:"indices"`
	} `json:"urls"`
}

// compareWithReference runs texts through twitter-text under node and
// reports every text whose URLs differ from ours (the first ten in detail).
func compareWithReference(t *testing.T, texts []string) {
	t.Helper()
	answers, err := reftest.Run("urls", texts)
	if err != nil {
		t.Fatal(err)
	}
	diffs, elided := 0, 0
	for i, raw := range answers {
		var a refAnswer
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatalf("answer %d: %v: %s", i, err, raw)
		}
		text := texts[i]
		got := URLs(text)
		same := len(got) == len(a.URLs)
		for j := 0; same && j < len(got); j++ {
			w, g := a.URLs[j], got[j]
			same = g.Start16 == w.Indices[0] && g.End16 == w.Indices[1] &&
				urlText(text[g.Start:g.End], g.Elided16, w.URL)
			if g.Elided16 > 0 {
				elided++
			}
		}
		if !same {
			diffs++
			if diffs <= 10 {
				var ours []string
				for _, u := range got {
					ours = append(ours, fmt.Sprintf("%s %s elided %d", text[u.Start:u.End], jsonIndices(u), u.Elided16))
				}
				t.Errorf("text %+q\n\tours: %q\n\tref:  %s", text, ours, raw)
			}
		}
	}
	if diffs > 0 {
		t.Errorf("%d of %d texts differ from twitter-text", diffs, len(texts))
	}
	t.Logf("%d texts, %d URLs whose text elides part of their span (JS url.replace quirk), all checked", len(texts), elided)
}

// urlText reports whether want is the URL text twitter-text gives for the
// span: the span itself, or with elided UTF-16 units cut out of it.
func urlText(span string, elided int, want string) bool {
	if elided == 0 {
		return span == want
	}
	for k := 0; k <= len(span); k++ {
		for k2 := k; k2 <= len(span); k2++ {
			if utf16Len(span[k:k2]) == elided && span[:k]+span[k2:] == want {
				return true
			}
		}
	}
	return false
}

func jsonIndices(u URL) string {
	b, _ := json.Marshal([2]int{u.Start16, u.End16})
	return string(b)
}

// TestDifferential compares URLs with twitter-text 3.1.0 under node on
// generated texts built from tricky pieces.
func TestDifferential(t *testing.T) {
	reftest.Require(t)
	seed := reftest.Seed(t, *seedFlag)
	t.Logf("seed %d (rerun with -extract.seed=%d)", seed, seed)
	g := newTextGen(seed)
	n := *countFlag
	if testing.Short() {
		n = 2000
	}
	texts := make([]string, n)
	for i := range texts {
		texts[i] = g.text()
	}
	compareWithReference(t, texts)
}

// TestDifferentialCorpus compares URLs with twitter-text on the project's
// tweet-like corpus (internal/corpus), all classes mixed.
func TestDifferentialCorpus(t *testing.T) {
	reftest.Require(t)
	var texts []string
	for _, x := range corpus.Texts(*seedFlag+1, 5000) {
		texts = append(texts, x.Text)
	}
	compareWithReference(t, texts)
}

// textGen builds random texts from pieces that stress URL recognition.
type textGen struct {
	r    *rand.Rand
	tlds []string
}

func newTextGen(seed uint64) *textGen {
	g := &textGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	g.tlds = allTLDs()
	return g
}

func (g *textGen) pick(s ...string) string { return s[g.r.IntN(len(s))] }

func (g *textGen) chance(p float64) bool { return g.r.Float64() < p }

var (
	precedingPieces = []string{"", "", " ", " ", "\n", "@", "#", "$", "＠", "＃", "-", "_", ".", "/", "a", "Z", "1",
		"\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
		"\u061c", "\ufffe", "\ufeff", "\uffff", "😀", "中", "\"", "`", "(", "ι", "é", ":", "ſ", "\u212a", "\u3000", "\u00a0",
		"\u200b", "!", "?", "=", "—", "–", "。", "ʀ", "\x7f", "\x01", "\U0001F1EF\U0001F1F5", "👩\u200d💻", "https://", "http://"}
	protocolPieces = []string{"", "", "", "http://", "https://", "HTTP://", "Https://", "hTTpS://", "ftp://", "http:/", "htt://",
		"http://http://", "https//", "http:///", "http://-", "http://."}
	labelPieces = []string{"a", "b", "x", "t", "co", "com", "www", "example", "twitter", "foo-bar", "foo_bar", "a-b-c",
		"-a", "a-", "_a", "a_", "1", "123", "例子", "中文", "bücher", "ü", "пример", "ελ", "😀", "a😀b", "😀-x",
		"xn--p1ai", "xn--bcher-kva", "XN--80AKHBYKNJ4F", "xn--", "ι", "ιab", "ʀx", "a。b", "a．b", "a｡b", "\x7f", "ñ",
		"mañana", "日本語example", "☃", "ю", "한국", "ა", "\u200b", "\"q", "a`b", "T", "WWW", "ᲀ", "Ꙁ", "ǅ", "ẞ",
		"\u0345", "Ⴂ", "a\u0301", "ﬀ", "İ", "ı", "ß"}
	afterTLDPieces = []string{"", "", "", " ", "-foo", "@y", "+", "1", ".", ",", "_x", "中", "😀", "!", ")", "'", "\"",
		"...", ". ", "?", "#", "/", ":", "ſ", "\u212a", "é", "-", "a"}
	pathPieces = []string{"/", "/path", "/a/b/c", "/a(b)c", "/a(b(c)d)e", "/a(b", "/a)b", "/(a)", "/()", "/(a(b))",
		"/(a(b)(c))", "/путь", "/café", "/a.", "/a,", "/a!", "/a?", "/a)", "/@user/", "/@user", "/–", "/a–",
		"/ʀ", "/ᲀ", "/ι", "/a b", "/a%20b", "/~u", "/a|b", "/a&b=c", "/#frag", "/#!/x", "/a+", "/a=", "/a_",
		"/ö/", "/😀", "/中", "/a'b'", "/[x]", "/a;b", "/a*", "/$", "/ÿ", "/Ÿ", "/\u0300",
		"/[x](y)", "/[x](y)z", "/x](y)", "/x[(y)", "/a.(b)", "/a!(b)(c)", "/(a)(b)", "/(a).", "/x(a)(b)!", "/(a)x(b)"}
	queryPieces = []string{"?a=b", "?a=b.", "?", "?a(b)", "?é", "?a=1&b=2", "?q=a+b", "?x#y", "?a!", "?a,b", "?-",
		"?.", "?a@b", "?a~", "?[1]", "?a'"}
	sepPieces = []string{" ", " ", " ", "", "\n", ".", ",", "、", "😀", "中", "-", "/", " - ", "\t", "(", ")", "\"",
		"\u200f", "@", "#", "…", "。", "_", "!"}
	soupRunes = []string{"é", "ü", "ñ", "ÿ", "ß", "ι", "Ι", "ʀ", "ᲀ", "ͅ", "–", "—", "。", "．", "｡", "＠", "＃", "😀", "👩‍💻",
		"中", "한", "ю", "Ю", "ё", "ε", "λ", "Ε", "ϵ", "ა", "Ა", "\u200b", "\u200e", "\u202e", "\u2066", "\u061c", "\ufeff",
		"\ufffe", "\uffff", "\ufffd", "\u00a0", "\u3000", "\u2028", "\u0085", "\u180e", "\u1680", "\u205f", "\u2000",
		"ſ", "\u212a", "İ", "ı", "Ꙁ", "ȿ", "Ȿ", "\U0001F1EF", "\U00010400", "𝐚"}
	noisePieces = []string{"hello", "テスト", "🎉", "#tag", "@user", "$CASH", "a.b", "...", "3.14", "e.g.", "U.S.A.",
		"i.e", "foo.bar.baz", "😀.com", "a.comm", "a.c0m", "x.com@y", "domain.com-foo", "www.", ".com", "１２.com"}
)

func (g *textGen) tld() string {
	switch k := g.r.IntN(12); {
	case k < 6:
		return g.tlds[g.r.IntN(len(g.tlds))]
	case k < 8:
		return g.pick("com", "co", "jp", "net", "org", "ly", "io", "tv", "uk", "onion", "みんな", "中国", "한국", "рф",
			"ελ", "հայ", "გე", "嘉里", "嘉里大酒店", "भारत", "भारतम्", "ලංකා", "xn--p1ai", "XN--P1AI", "xn--", "xn---", "xn--a-b")
	case k < 10:
		return caseVariant(g, g.tlds[g.r.IntN(len(g.tlds))])
	default:
		return g.pick("comm", "c0m", "cm", "x", "coma", "COM", "Com", "ΕΛ", "ϵλ", "РФ", "ᲒᲔ", "ᲒE", "ՀԱՅ", "ᲀ", "ΕΛ")
	}
}

// caseVariant changes the case of some letters of s.
func caseVariant(g *textGen, s string) string {
	var b strings.Builder
	for _, r := range s {
		if g.chance(0.5) {
			if u := toUpperSimple(r); u != r {
				r = u
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func toUpperSimple(r rune) rune {
	switch {
	case r >= 'a' && r <= 'z':
		return r - 32
	case r >= 0x3b1 && r <= 0x3c9 && r != 0x3c2, r >= 0x430 && r <= 0x44f:
		return r - 32
	case r >= 0x561 && r <= 0x586:
		return r - 48
	case r >= 0x10d0 && r <= 0x10fa:
		return r - 0x10d0 + 0x1c90
	}
	return r
}

func (g *textGen) label() string {
	if g.chance(0.03) {
		// Labels near the 63 limit, ASCII or not.
		n := 58 + g.r.IntN(9)
		if g.chance(0.5) {
			return strings.Repeat("a", n)
		}
		return strings.Repeat(g.pick("é", "中", "ü", "a"), n/2+g.r.IntN(n/2+1))
	}
	if g.chance(0.3) {
		return g.pick(labelPieces...) + g.pick(labelPieces...)
	}
	return g.pick(labelPieces...)
}

func (g *textGen) url() string {
	var b strings.Builder
	b.WriteString(g.pick(precedingPieces...))
	b.WriteString(g.pick(protocolPieces...))
	if g.chance(0.08) {
		b.WriteString(g.pick("t.co", "T.CO", "t.co.uk", "x.t.co"))
		b.WriteString("/")
		n := 37 + g.r.IntN(7)
		if g.chance(0.3) {
			n = 1 + g.r.IntN(10)
		}
		const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		for i := 0; i < n; i++ {
			b.WriteByte(alnum[g.r.IntN(len(alnum))])
		}
		if g.chance(0.4) {
			b.WriteString(g.pick(queryPieces...))
		}
		if g.chance(0.3) {
			b.WriteString(g.pick(pathPieces...))
		}
		return b.String()
	}
	for n := g.r.IntN(4); n > 0; n-- {
		b.WriteString(g.label())
		b.WriteString(g.pick(".", ".", ".", ".", "..", "-.", "_."))
	}
	b.WriteString(g.label())
	b.WriteString(".")
	b.WriteString(g.tld())
	if g.chance(0.15) {
		b.WriteString(g.pick(afterTLDPieces...))
	}
	if g.chance(0.1) {
		b.WriteString(g.pick(":8080", ":", ":x", ":1"))
	}
	for n := g.r.IntN(3); n > 0 && g.chance(0.5); n-- {
		b.WriteString(g.pick(pathPieces...))
	}
	if g.chance(0.2) {
		b.WriteString(g.pick(queryPieces...))
	}
	if g.chance(0.2) {
		b.WriteString(g.pick(".", ",", "!", "?", ")", "'", "\"", "...", "-", "_"))
	}
	return b.String()
}

func (g *textGen) text() string {
	var b strings.Builder
	if g.chance(0.005) {
		// Near the 4096 limit, with and without protocol.
		b.WriteString(g.pick("", " ", "x "))
		b.WriteString(g.pick("", "http://", "https://"))
		b.WriteString(g.pick("example.com", "a.b.co", "例子.com", "xn--p1ai.xn--p1ai", "😀.com", "a😀.b.com", "ü.例子.jp"))
		b.WriteString("/")
		n := 4060 + g.r.IntN(50)
		b.WriteString(strings.Repeat(g.pick("a", "é", "ю"), n))
		b.WriteString(g.pick("", " more", "/", "."))
		return b.String()
	}
	if g.chance(0.005) {
		// A domain with many labels or a very long label.
		for i := g.r.IntN(200); i > 0; i-- {
			b.WriteString(g.pick("a", "b-c", "x_y", "ü", "😀"))
			b.WriteString(".")
		}
		b.WriteString(g.pick("com", "jp", "x"))
		return b.String()
	}
	if g.chance(0.08) {
		// Character soup: any ASCII byte or a special rune, with TLDs and
		// protocols mixed in.
		for n := 1 + g.r.IntN(80); n > 0; n-- {
			switch k := g.r.IntN(10); {
			case k < 5:
				b.WriteByte(byte(g.r.IntN(128)))
			case k < 8:
				b.WriteString(g.pick(soupRunes...))
			case k < 9:
				b.WriteString(g.tld())
			default:
				b.WriteString(g.pick(protocolPieces...))
			}
		}
		return b.String()
	}
	if g.chance(0.1) {
		// A token from a small alphabet: dense backtracking and candidate starts.
		alphabet := []string{"a", "b", "_", "-", ".", ".", "é", "😀", "中", "x", "n", "c", "o", "m", "j", "p", "@", " ",
			"/", "ι", "ñ", "K", "\u200e", "1", "http://", "https://", "com", "co", "jp", "xn--", "。", "(", ")", "?", ":"}
		for n := 1 + g.r.IntN(60); n > 0; n-- {
			b.WriteString(alphabet[g.r.IntN(len(alphabet))])
			if g.chance(0.05) {
				b.WriteString(g.tld())
			}
		}
		return b.String()
	}
	if g.chance(0.3) {
		b.WriteString(g.pick(noisePieces...))
		b.WriteString(g.pick(sepPieces...))
	}
	for n := 1 + g.r.IntN(4); n > 0; n-- {
		b.WriteString(g.url())
		if g.chance(0.7) {
			b.WriteString(g.pick(sepPieces...))
		}
		if g.chance(0.2) {
			b.WriteString(g.pick(noisePieces...))
		}
	}
	return b.String()
}

// allTLDs lists the TLDs in the generated trie, from its leaves.
func allTLDs() []string {
	var out []string
	var walk func(n int, prefix []byte)
	walk = func(n int, prefix []byte) {
		if tldNodes[n].rank >= 0 {
			out = append(out, string(prefix))
		}
		nd := tldNodes[n]
		for e := int(nd.first); e < int(nd.first)+int(nd.n); e++ {
			walk(int(tldEdges[e].next), append(prefix, tldEdges[e].b))
		}
	}
	walk(0, nil)
	return out
}

var _ = utf16.Encode
