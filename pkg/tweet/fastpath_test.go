package tweet

// Tests of Parse's fast paths (scanText's single pass, runFast's walk from
// unit to unit, the count-only path without units) against the general
// path they shortcut: the quick check and normaliser on their own, then the
// walker counting every code point (walker.run). The general path is the
// one the reference tests pinned before the fast paths existed; here it is
// the oracle, over many more texts than node can answer quickly.

import (
	"flag"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/internal/corpus"
	"github.com/tweetlen/tweetlen/internal/reftest"
	"github.com/tweetlen/tweetlen/pkg/emoji"
	"github.com/tweetlen/tweetlen/pkg/extract"
)

var (
	fastSeed = flag.Uint64("fast.seed", 0, "seed of TestFastPaths' texts (0: a new seed each run; the seed used is logged)")
	fastN    = flag.Int("fast.n", 40000, "number of texts of each kind TestFastPaths generates")
)

// parseGeneral is Parse without its fast paths: classifyPrefix and
// toNFCFrom decide and produce the NFC text, and the walker walks every
// code point.
func parseGeneral(text string, cfg Config) Result {
	orig16 := -1
	s := text
	normalized := false
	class, prefix := classifyPrefix(s)
	if class == textMaybeNotNFC {
		nfc, changed, invalid := toNFCFrom(s, prefix, &nfcCounts{})
		switch {
		case invalid:
			class = textInvalidUTF8
		case changed:
			orig16 = utf16Len(s)
			s = nfc
			normalized = true
		}
	}
	if class == textInvalidUTF8 {
		orig16 = utf16LenAny(s)
		s = toNFC(repairUTF8(s))
		normalized = true
	}
	var w walker
	w.init(s, &cfg, nil)
	w.run()
	var r Result
	w.result(&r, s, &cfg, orig16, normalized, &w)
	return r
}

// fastConfigs are the shipped configs and custom ones that take each fast
// path or none: uniform with emoji, light with a light default, and
// ranges of other weights (the general walk only).
var fastConfigs = []struct {
	name string
	cfg  Config
}{
	{"V1", V1}, {"V2", V2}, {"V3", V3},
	{"uniform+emoji", Config{MaxWeightedTweetLength: 60, Scale: 1, DefaultWeight: 1, TransformedURLLength: 23, EmojiParsingEnabled: true}},
	{"light-default", Config{MaxWeightedTweetLength: 100, Scale: 100, DefaultWeight: 100, TransformedURLLength: 23, Ranges: lightRanges, EmojiParsingEnabled: true}},
	{"scaled-uniform", Config{MaxWeightedTweetLength: 50, Scale: 3, DefaultWeight: 7, TransformedURLLength: 5, Ranges: []WeightRange{{0, 0x10FFFF, 7}}}},
	{"custom", Config{MaxWeightedTweetLength: 50, Scale: 3, DefaultWeight: 5, TransformedURLLength: 7, EmojiParsingEnabled: true,
		Ranges: []WeightRange{{0, 127, 2}, {0x3000, 0x30FF, 9}}}},
	{"free-urls", Config{MaxWeightedTweetLength: 30, Scale: 1, DefaultWeight: 1, TransformedURLLength: 0}},
}

// checkFast compares Parse with parseGeneral on text under every config of
// fastConfigs, reporting the first difference.
func checkFast(t *testing.T, text string) bool {
	t.Helper()
	for _, c := range fastConfigs {
		if got, want := Parse(text, c.cfg), parseGeneral(text, c.cfg); got != want {
			t.Errorf("%s %+q:\n fast    %+v\n general %+v", c.name, text, got, want)
			return false
		}
	}
	return true
}

// fastBlocks are Unicode blocks dense in what the fast paths single out:
// combining marks and their canonical order, Hangul jamo, Indic scripts,
// punctuation with light and heavy code points and the emoji joiners,
// invalid characters, compatibility forms, tags and musical symbols.
var fastBlocks = [][2]rune{
	{0x80, 0xC0}, {0x300, 0x370}, {0x590, 0x700}, {0x900, 0xE80}, {0x1100, 0x1200},
	{0x1AB0, 0x1B00}, {0x2000, 0x2070}, {0x20D0, 0x2100}, {0x3000, 0x3100}, {0xA660, 0xA700},
	{0xA800, 0xAB00}, {0xFE00, 0xFE30}, {0xFEFE, 0xFF00}, {0xFF00, 0x10000}, {0x1F000, 0x1FA00},
	{0xE0000, 0xE0200}, {0x11000, 0x11400}, {0x1D100, 0x1D250},
}

// randomText returns a text of random code points, a third of them from
// fastBlocks, with ASCII and dots among them.
func randomText(r *rand.Rand) string {
	var b []rune
	for k := r.IntN(300); k > 0; k-- {
		switch r.IntN(9) {
		case 0, 1, 2:
			bl := fastBlocks[r.IntN(len(fastBlocks))]
			b = append(b, bl[0]+rune(r.IntN(int(bl[1]-bl[0]))))
		case 3:
			b = append(b, rune(" .a-_/"[r.IntN(6)]))
		case 4:
			b = append(b, rune(r.IntN(0x80)))
		case 5:
			b = append(b, rune(r.IntN(0x800)))
		case 6:
			b = append(b, rune(r.IntN(0x10000)))
		default:
			b = append(b, rune(r.IntN(0x110000)))
		}
	}
	return string(b)
}

// TestFastPaths compares Parse with parseGeneral on corpus texts, texts of
// the differential test's grammar, texts of the NFC test's generator,
// random code points and all of them with random bytes changed (invalid
// UTF-8). Reproduce a run with -fast.seed=N.
func TestFastPaths(t *testing.T) {
	seed := reftest.Seed(t, *fastSeed)
	t.Logf("seed %d (reproduce with: go test ./pkg/tweet -run TestFastPaths -fast.seed=%d -fast.n=%d)", seed, seed, *fastN)
	n := *fastN
	if testing.Short() {
		n /= 10
	}
	r := rand.New(rand.NewPCG(seed, 1))
	g := &textGen{r: rand.New(rand.NewPCG(seed, 2))}
	ng := &nfcTextGen{r: rand.New(rand.NewPCG(seed, 3))}
	eg := rand.New(rand.NewPCG(seed, 6))
	bad := 0
	check := func(s string) {
		if !checkFast(t, s) {
			if bad++; bad >= 5 {
				t.FailNow()
			}
		}
	}
	for _, x := range corpus.Texts(seed, n/4) {
		check(x.Text)
	}
	for i := range n {
		var s string
		switch i % 4 {
		case 0:
			s = strings.Join(g.text(), "")
		case 1:
			s = randomText(r)
		case 2:
			s = ng.text() + strings.Join(g.text(), "")
		default:
			pieces := g.text()
			s = strings.Join(pieces[:len(pieces)/2], "") + randomText(r)
		}
		check(s)
		check(nfcEdgeText(eg))
		if len(s) > 0 {
			b := []byte(s)
			for k := r.IntN(3); k >= 0; k-- {
				b[r.IntN(len(b))] = byte(r.IntN(256))
			}
			check(string(b))
		}
	}
}

// TestScanText checks scanText's one pass against the functions it fuses:
// the UTF-8 check and the NFC quick check (classifyPrefix), the counts
// (countLight), the invalid characters (IndexInvalid), the first URL dot
// (extract.FirstURLDot) and the emoji flag (every code point that
// emojiMatters); for a text that fails the quick check, the same of its
// NFC form after toNFCFrom (checked against toNFC, and its UTF-16 delta)
// and resume.
func TestScanText(t *testing.T) {
	r := rand.New(rand.NewPCG(reftest.Seed(t, *fastSeed), 4))
	g := &textGen{r: r}
	texts := fuzzSeeds
	for _, x := range corpus.Texts(1, 2000) {
		texts = append(texts, x.Text)
	}
	ng := &nfcTextGen{r: rand.New(rand.NewPCG(reftest.Seed(t, *fastSeed), 5))}
	for range 20000 {
		texts = append(texts, strings.Join(g.text(), ""), randomText(r), ng.text()+strings.Join(g.text(), ""), nfcEdgeText(r))
	}
	for _, s := range texts {
		checkScan(t, s)
	}
}

// checkScan checks scanText and resume on s, with and without emoji,
// against the plain functions: classifyPrefix, countLight, toNFC,
// IndexInvalid, extract.FirstURLDot and emojiMatters.
func checkScan(t *testing.T, s string) {
	t.Helper()
	for _, wantEmoji := range []bool{false, true} {
		var sc scanInfo
		scanText(s, true, wantEmoji, &sc)
		class, prefix := classifyPrefix(s)
		if class == textInvalidUTF8 {
			if !sc.bad {
				t.Fatalf("%+q: scanText misses invalid UTF-8", s)
			}
			continue
		}
		if sc.bad {
			t.Fatalf("%+q: scanText reports valid UTF-8 as invalid", s)
		}
		if want := map[textClass]int{textNFC: len(s), textMaybeNotNFC: prefix}[class]; sc.end != want {
			t.Fatalf("%+q: scanText stops the quick check at %d, classifyPrefix at %d", s, sc.end, want)
		}
		// Stopped at the failed quick check, scanText counts the
		// prefix; resume counts on over the NFC text.
		n, astral, heavy, _ := countLight(s[:sc.end])
		if sc.n != n || sc.astral != astral || sc.heavy != heavy {
			t.Fatalf("%+q: scanText counts %d, %d astral, %d heavy up to %d; want %d, %d, %d", s, sc.n, sc.astral, sc.heavy, sc.end, n, astral, heavy)
		}
		if want := extract.FirstURLDot(s[:sc.end], 0); sc.dot != want && sc.end == len(s) {
			t.Fatalf("%+q: scanText finds the URL dot at %d, want %d", s, sc.dot, want)
		}
		nfc, stopped := s, sc.end
		if sc.end < len(s) {
			var c nfcCounts
			out, _, invalid := toNFCFrom(s, sc.end, &c)
			if invalid {
				t.Fatalf("%+q: toNFCFrom reports valid UTF-8 as invalid", s)
			}
			if nfc = toNFC(s); out != nfc {
				t.Fatalf("%+q: toNFCFrom from %d gives %+q, toNFC %+q", s, sc.end, out, nfc)
			}
			if want := utf16Len(s) - utf16Len(nfc); c.units16 != want {
				t.Fatalf("%+q: toNFCFrom shortens by %d UTF-16 units, want %d", s, c.units16, want)
			}
			sc.resume(nfc, wantEmoji, &c)
			if sc.end != len(nfc) {
				t.Fatalf("%+q: resume leaves end %d, want %d", s, sc.end, len(nfc))
			}
		}
		n, astral, heavy, _ = countLight(nfc)
		if sc.n != n || sc.astral != astral || sc.heavy != heavy {
			t.Fatalf("%+q: scanText and resume count %d, %d astral, %d heavy; want %d, %d, %d", s, sc.n, sc.astral, sc.heavy, n, astral, heavy)
		}
		if inv := IndexInvalid(nfc) >= 0; sc.invalid != inv {
			t.Fatalf("%+q: scanText invalid %v, want %v", s, sc.invalid, inv)
		}
		if want := extract.FirstURLDot(nfc, 0); sc.dot != want {
			t.Fatalf("%+q: scanText finds the URL dot at %d, want %d", s, sc.dot, want)
		}
		matters := false
		for _, r := range nfc {
			matters = matters || emojiMatters(r)
		}
		if wantEmoji && matters && !sc.emoji || stopped == len(s) && sc.emoji != (wantEmoji && matters) {
			t.Fatalf("%+q: scanText emoji %v, want %v", s, sc.emoji, wantEmoji && matters)
		}
	}
}

// nfcEdgePieces are what nfcEdgeText strings together: starters and marks
// that compose, reorder or block, singletons that NFC replaces by ASCII
// (U+037E by ';', which is no domain character, U+212A by 'K'), URL dots,
// invalid characters, emoji joiners and light emoji units, and jamo.
var nfcEdgePieces = []string{
	"a", "e", "o", "K", ".", ";", "/", " ", "\u037e", "\u212a", "\u0301", "\u0323", "\u0302", "\u031b", "\u0338", "=",
	"\ufeff", "\uffff", "\u200d", "\ufe0f", "\u20e3", "\u00a9", "\u2122", "\u1100", "\u1161", "\u11a8", "\uac00",
	"\U0001f600", "\U0001f3fb", "\U00011099", "\U000110ba", "\u00e9", "\u1ec7", "\u0344", "\u0f73", "\u0958",
}

// nfcEdgeText returns a short text of nfcEdgePieces: NFC changes most of
// them next to dots, invalid characters and emoji joiners.
func nfcEdgeText(r *rand.Rand) string {
	var b strings.Builder
	for k := 1 + r.IntN(24); k > 0; k-- {
		b.WriteString(nfcEdgePieces[r.IntN(len(nfcEdgePieces))])
	}
	return b.String()
}

// TestEmojiMatters checks what the emoji flag of scanText relies on:
// emojiMattersRanges holds every code point emojiMatters reports, and in a
// text without such code points every emoji unit is one code point that
// weighs as much under V3 as a unit as on its own.
func TestEmojiMatters(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !emojiMatters(r) {
			continue
		}
		in := false
		for _, rg := range emojiMattersRanges {
			in = in || rg[0] <= r && r <= rg[1]
		}
		if !in {
			t.Errorf("emojiMatters(%U) but %U is outside emojiMattersRanges", r, r)
		}
	}
	// Every code point that is a unit on its own, light under lightRanges
	// (it costs DefaultWeight as a unit), must matter.
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF || heavyRune(r) {
			continue
		}
		if u := string(r); emoji.Match(u) == len(u) && !emojiMatters(r) {
			t.Errorf("%U is a light emoji unit on its own, but emojiMatters is false", r)
		}
	}
}

// TestSlowTables checks scanRun's tables against the properties they
// condense, code point by code point.
func TestSlowTables(t *testing.T) {
	for _, emojiOn := range []bool{false, true} {
		tb := slowPlain
		if emojiOn {
			tb = slowEmoji
		}
		want := func(r rune) bool {
			return props(r)&pQuick != 0 || isInvalidChar(r) || emojiOn && emojiMatters(r)
		}
		for r := rune(0x80); r < 0x800; r++ {
			if got := tb.t2[r>>6]>>(r&63)&1 != 0; got != want(r) {
				t.Fatalf("emoji %v: t2 says %U slow %v", emojiOn, r, got)
			}
		}
		for r := rune(0x800); r < 0x10000; r++ {
			e := tb.t3[r>>6]
			if got := e.slow>>(r&63)&1 != 0; got != (want(r) || r >= 0xD800 && r <= 0xDFFF) {
				t.Fatalf("emoji %v: t3 says %U slow %v", emojiOn, r, got)
			}
			if got := e.heavy>>(r&63)&1 != 0; got != heavyRune(r) {
				t.Fatalf("t3 says %U heavy %v", r, got)
			}
		}
		for k := rune(0); k < 0x1000; k++ {
			if got := tb.t1F[k>>6]>>(k&63)&1 != 0; got != want(0x1F000+k) {
				t.Fatalf("emoji %v: t1F says %U slow %v", emojiOn, 0x1F000+k, got)
			}
			if got := tb.tE0[k>>6]>>(k&63)&1 != 0; got != want(0xE0000+k) {
				t.Fatalf("emoji %v: tE0 says %U slow %v", emojiOn, 0xE0000+k, got)
			}
		}
	}
}

// TestSkipRunes checks skipRunes against a code point by code point walk.
func TestSkipRunes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		s := randomText(r)
		i := 0
		for i < len(s) && r.IntN(4) == 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		stop := len(s)
		k := r.IntN(len(s) + 2)
		j, n, units := skipRunes(s, i, stop, k)
		wj, wn, wu := i, 0, 0
		for wj < stop && wn < k {
			c, size := utf8.DecodeRuneInString(s[wj:])
			wj += size
			wn++
			wu++
			if c >= 0x10000 {
				wu++
			}
		}
		if j != wj || n != wn || units != wu {
			t.Fatalf("skipRunes(%+q, %d, %d, %d) = %d, %d, %d; want %d, %d, %d", s, i, stop, k, j, n, units, wj, wn, wu)
		}
	}
}

// TestDropRunesBackWalk checks dropRunesBack against a walk back code
// point by code point.
func TestDropRunesBackWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		s := randomText(r)
		i := 0
		for i < len(s) && r.IntN(4) == 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		k := r.IntN(len(s) + 2)
		j, n, astral := dropRunesBack(s, i, len(s), k, true)
		wj, wn, wa := len(s), 0, 0
		for wj > i && wn < k {
			c, size := utf8.DecodeLastRuneInString(s[i:wj])
			wj -= size
			wn++
			if c >= 0x10000 {
				wa++
			}
		}
		if j != wj || n != wn || astral != wa {
			t.Fatalf("dropRunesBack(%+q, %d, %d, %d, true) = %d, %d, %d; want %d, %d, %d", s, i, len(s), k, j, n, astral, wj, wn, wa)
		}
	}
}

// TestPermilleTable checks the looked-up lengths and permillages against
// twitter-text's floating-point formula.
func TestPermilleTable(t *testing.T) {
	for _, cfg := range []Config{V1, V2, V3} {
		for total := 0; total <= 5*cfg.MaxWeightedTweetLength*cfg.Scale; total++ {
			lp, ok := permilleTable(total, &cfg)
			weighted := float64(total) / float64(cfg.Scale)
			if !ok {
				if total%cfg.Scale == 0 && total/cfg.Scale <= 4*cfg.MaxWeightedTweetLength {
					t.Fatalf("no table entry for %d under limit %d", total, cfg.MaxWeightedTweetLength)
				}
				continue
			}
			if lp.length != int(weighted) || lp.permille != permille(weighted, float64(cfg.MaxWeightedTweetLength)) {
				t.Fatalf("total %d, limit %d: table gives %+v", total, cfg.MaxWeightedTweetLength, lp)
			}
		}
	}
}

// TestSlowTabs checks that slowPlain and slowEmoji are the tables scanRun
// picks from slowTabs, and that they differ only where emojiMatters.
func TestSlowTabs(t *testing.T) {
	if slowPlain != &slowTabs[0] || slowEmoji != &slowTabs[1] {
		t.Fatal("slowPlain and slowEmoji are not slowTabs[0] and [1]")
	}
	if *slowPlain != *newSlowTables(false) || *slowEmoji != *newSlowTables(true) {
		t.Fatal("slowTabs differ from newSlowTables")
	}
}
