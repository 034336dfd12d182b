package tweet

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tweetlen/tweetlen/internal/reftest"
)

var nfcSeed = flag.Uint64("nfc.seed", 0, "seed of TestNFCDifferential's random texts (0: from the clock)")

// nfcIsNormal is what Parse concludes about s (valid UTF-8): in NFC or not.
func nfcIsNormal(s string) bool {
	switch classify(s) {
	case textNFC:
		return true
	case textMaybeNotNFC:
		return isNFC(s)
	}
	panic("invalid UTF-8")
}

// nfcReference returns node's NFC of each text.
func nfcReference(t *testing.T, texts []string) []string {
	t.Helper()
	raw, err := reftest.Run("nfc", texts)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(raw))
	for i, r := range raw {
		var a struct {
			ID  int    `json:"id"`
			NFC string `json:"nfc"`
		}
		if err := json.Unmarshal(r, &a); err != nil || a.ID != i {
			t.Fatalf("answer %d: %s (%v)", i, r, err)
		}
		out[i] = a.NFC
	}
	return out
}

// nfcCompare checks toNFC and classify+isNFC against node on texts and
// fails with the first 10 differences.
func nfcCompare(t *testing.T, texts []string) []string {
	t.Helper()
	want := nfcReference(t, texts)
	diffs, quick, changed := 0, 0, 0
	for i, s := range texts {
		w := want[i]
		if w != s {
			changed++
		}
		if classify(s) == textNFC {
			quick++
		}
		got, normal := toNFC(s), nfcIsNormal(s)
		if got == w && normal == (w == s) {
			continue
		}
		if diffs++; diffs <= 10 {
			t.Errorf("text %+q:\n\tnode NFC %+q (normal %v)\n\ttoNFC    %+q (normal %v, classify %d)", s, w, w == s, got, normal, classify(s))
		}
	}
	t.Logf("%d texts: %d changed by NFC, %d proved NFC by classify alone, %d differences", len(texts), changed, quick, diffs)
	if diffs > 0 {
		t.Errorf("%d of %d texts differ from node", diffs, len(texts))
	}
	return want
}

// nfcAssigned reports whether r is assigned in Unicode 15.0 (Go's unicode
// tables and x/text's), leaving out what node's newer Unicode knows better.
func nfcAssigned(r rune) bool {
	if r >= 0xD800 && r <= 0xDFFF {
		return false
	}
	for _, rt := range []*unicode.RangeTable{unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co} {
		if unicode.Is(rt, r) {
			return true
		}
	}
	return false
}

// nfcTextGen makes random texts from pieces that exercise NFC.
type nfcTextGen struct{ r *rand.Rand }

func (g *nfcTextGen) in(lo, hi rune) rune { return lo + rune(g.r.IntN(int(hi-lo+1))) }

func (g *nfcTextGen) pick(rs ...rune) rune { return rs[g.r.IntN(len(rs))] }

// marks are combining marks of several ccc, with and without compositions.
var nfcMarks = []rune{
	0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0306, 0x0307, 0x0308, 0x0309, 0x030A, 0x030B, 0x030C, 0x030F, 0x0311, 0x0313, 0x0314, 0x031B,
	0x0305, 0x030D, 0x0310, 0x0312, 0x033D, 0x0340, 0x0341, 0x0342, 0x0343, 0x0344, 0x0345, 0x034F, // 230, singletons, 240, CGJ
	0x0316, 0x0317, 0x0318, 0x0319, 0x0323, 0x0324, 0x0325, 0x0326, 0x032D, 0x032E, 0x0330, 0x0331, // 220
	0x0321, 0x0322, 0x0327, 0x0328, // 202
	0x0334, 0x0335, 0x0336, 0x0337, 0x0338, // 1
	0x031A, 0x0315, 0x035C, 0x035D, 0x0360, 0x0362, 0x1DCE, 0x1DFA, 0x20D2, 0x20E1, 0x302A, 0x302E, 0x3099, 0x309A, 0x05B0, 0x05BC, 0x0651, 0x0654, 0x0655, 0x093C, 0x094D, 0x0E38, 0x0F71, 0x0F72, 0x0F74, 0x0F80, 0x1D165, 0x1D16E,
}

func (g *nfcTextGen) mark() rune { return nfcMarks[g.r.IntN(len(nfcMarks))] }

// comp returns a random canonical composition pair (first, second).
func (g *nfcTextGen) comp() (rune, rune) {
	i := g.r.IntN(len(nfcCompSecond))
	fi := 1
	for int(nfcCompStart[fi+1]) <= i {
		fi++
	}
	// Find the first rune of group fi: the rune whose extra names it.
	return nfcFirsts()[fi], nfcCompSecond[i]
}

// nfcFirsts maps first-rune indexes of the composition table back to runes.
var nfcFirsts = sync.OnceValue(func() []rune {
	firsts := make([]rune, len(nfcCompStart)-1)
	for r := rune(0); r < 0x110000; r++ {
		if utf8.ValidRune(r) && props(r)&pFirst != 0 {
			firsts[extra(r)>>16] = r
		}
	}
	return firsts
})

func (g *nfcTextGen) piece(b *[]rune) {
	add := func(rs ...rune) { *b = append(*b, rs...) }
	switch g.r.IntN(24) {
	case 0, 1:
		add([]rune(strings.Repeat(" the ", 1+g.r.IntN(3)))...)
		add(g.in('a', 'z'), g.in('A', 'Z'), g.in('0', '9'))
	case 2, 3: // Latin base + a few marks
		add(g.in('a', 'z'))
		for range g.r.IntN(4) {
			add(g.mark())
		}
	case 4: // long runs of marks of mixed ccc
		add(g.pick('a', 'e', 'o', 'u', 'A', 0x00E9, 0x1EC7, 0x03B1, 0x0928, 0x3046))
		n := 30 + g.r.IntN(51)
		set := [][]rune{{0x0316, 0x0317, 0x0323}, {0x0300, 0x0301, 0x0305, 0x0308}, {0x0321, 0x0327}, {0x0334, 0x0338}, nfcMarks}[g.r.IntN(5)]
		for range n {
			if g.r.IntN(3) == 0 {
				add(g.mark())
			} else {
				add(set[g.r.IntN(len(set))])
			}
		}
	case 5: // precomposed letters, maybe with marks
		add(g.pick(g.in(0xC0, 0x24F), g.in(0x1E00, 0x1EFF), g.in(0x1F00, 0x1FFF), g.in(0x0400, 0x04FF)))
		for range g.r.IntN(3) {
			add(g.mark())
		}
	case 6: // Hangul
		switch g.r.IntN(4) {
		case 0:
			add(g.in(0xAC00, 0xD7A3), g.in(0xAC00, 0xD7A3))
		case 1:
			add(g.in(0x1100, 0x1112), g.in(0x1161, 0x1175))
			if g.r.IntN(2) == 0 {
				add(g.in(0x11A7, 0x11C3))
			}
		case 2:
			add(0xAC00+28*g.in(0, 398), g.in(0x11A7, 0x11C3))
		default:
			add(g.in(0x1100, 0x11FF), g.in(0x1100, 0x11FF), g.in(0xAC00, 0xD7A3), g.in(0x11A8, 0x11C2))
		}
	case 7: // Devanagari
		add(g.pick(0x0928, 0x0930, 0x0933, 0x0915, 0x0916, 0x0917, 0x091C, 0x0921, 0x0922, 0x092B, 0x092F, 0x0929, 0x0931, 0x0934, g.in(0x0958, 0x095F), g.in(0x0900, 0x097F)))
		for range g.r.IntN(3) {
			add(g.pick(0x093C, 0x094D, 0x093E, 0x093F, 0x0940, 0x0947, 0x0948, 0x0902, 0x0901, 0x0951, 0x0952))
		}
	case 8: // Bengali, Tamil, Malayalam, Kannada, Oriya, Telugu, Sinhala two-part vowels
		switch g.r.IntN(7) {
		case 0:
			add(g.pick(0x0995, 0x09A1, 0x09A2, 0x09AF, 0x09C7, 0x09CB, 0x09DC), g.pick(0x09BE, 0x09D7, 0x09BC, 0x09C7, 0x09CD))
		case 1:
			add(g.pick(0x0B92, 0x0BC6, 0x0BC7, 0x0B95, 0x0BCA), g.pick(0x0BBE, 0x0BD7, 0x0BCD))
		case 2:
			add(g.pick(0x0D15, 0x0D46, 0x0D47, 0x0D4A), g.pick(0x0D3E, 0x0D57, 0x0D4D))
		case 3:
			add(g.pick(0x0C95, 0x0CBF, 0x0CC6, 0x0CCA, 0x0CC0), g.pick(0x0CC2, 0x0CD5, 0x0CD6, 0x0CCD))
		case 4:
			add(g.pick(0x0B15, 0x0B47, 0x0B21), g.pick(0x0B3E, 0x0B56, 0x0B57, 0x0B3C))
		case 5:
			add(g.pick(0x0C15, 0x0C46), g.pick(0x0C56, 0x0C4D))
		default:
			add(g.pick(0x0D9A, 0x0DD9, 0x0DDC, 0x0DDA), g.pick(0x0DCF, 0x0DCA, 0x0DDF))
		}
	case 9: // Greek with tonos, breathings, ypogegrammeni
		add(g.pick(g.in(0x0391, 0x03C9), g.in(0x1F00, 0x1FFC), 0x03B1, 0x03B7, 0x03C9, 0x03CA, 0x03CB))
		for range g.r.IntN(4) {
			add(g.pick(0x0301, 0x0300, 0x0313, 0x0314, 0x0342, 0x0345, 0x0308, 0x0344, 0x0340))
		}
	case 10: // Hebrew
		add(g.in(0x05D0, 0x05EA))
		for range g.r.IntN(4) {
			add(g.pick(g.in(0x0591, 0x05C7), 0x05B4, 0x05B7, 0x05B8, 0x05BC, 0x05BF, 0x05C1, 0x05C2))
		}
		if g.r.IntN(4) == 0 {
			add(g.in(0xFB1D, 0xFB4F))
		}
	case 11: // Arabic
		add(g.pick(g.in(0x0620, 0x064A), 0x0627, 0x0648, 0x064A, 0x06C1, 0x06D2, 0x06D5))
		for range g.r.IntN(4) {
			add(g.pick(g.in(0x064B, 0x0655), 0x0670))
		}
	case 12: // Tibetan
		add(g.in(0x0F40, 0x0F6C))
		for range g.r.IntN(4) {
			add(g.in(0x0F71, 0x0F87))
		}
		if g.r.IntN(3) == 0 {
			add(g.in(0x0F90, 0x0FBC))
		}
	case 13: // CJK and compatibility ideographs
		add(g.pick(g.in(0x4E00, 0x9FFF), g.in(0xF900, 0xFAFF), g.in(0x2F800, 0x2FA1D), g.in(0x3040, 0x30FF)))
		if g.r.IntN(4) == 0 {
			add(g.pick(0x3099, 0x309A))
		}
	case 14: // singletons, exclusions, non-starter decompositions
		add(g.pick(0x2126, 0x212A, 0x212B, 0x0340, 0x0341, 0x0343, 0x0344, 0x0374, 0x037E, 0x0387, 0x1FEE, 0x1FEF, 0x1FFD, 0x2000, 0x2001, 0x2329, 0x232A,
			g.in(0x0958, 0x095F), 0x09DC, 0x09DD, 0x09DF, 0x0A33, 0x0A36, g.in(0x0A59, 0x0A5E), 0x0B5C, 0x0B5D, 0x0F43, 0x0F73, 0x0F75, 0x0F81, 0xFB1D, 0xFB1F, g.in(0xFB2A, 0xFB4E), 0x2ADC, 0x1D15E, 0x1D164, 0x1D1BB))
	case 15: // Vietnamese stacked marks
		add(g.pick('a', 'e', 'o', 'u', 'A', 'O', 0x01A1, 0x01B0, 0x00E2, 0x00EA, 0x00F4, 0x0103, 0x1EA1, 0x1EB9, 0x1ECD))
		for range 1 + g.r.IntN(3) {
			add(g.pick(0x0300, 0x0301, 0x0303, 0x0309, 0x0323, 0x0302, 0x0306, 0x031B))
		}
	case 16: // emoji
		add(g.pick(g.in(0x1F600, 0x1F64F), 0x1F44D, 0x2764, 0x1F469))
		if g.r.IntN(2) == 0 {
			add(g.pick(0xFE0F, 0x200D, g.in(0x1F3FB, 0x1F3FF), 0x20E3))
		}
	case 17, 18: // a random composition pair, maybe with marks between or around
		a, c := g.comp()
		add(a)
		for range g.r.IntN(3) {
			add(g.mark())
		}
		add(c)
		if g.r.IntN(3) == 0 {
			add(g.mark())
		}
	case 19: // a random composite, then a random second rune of some pair
		_, c := g.comp()
		add(g.pick(g.in(0xC0, 0x24F), g.in(0x1E00, 0x1FFF), g.in(0x0400, 0x04FF), 0x00E9, 0x1E63, 0x1EC7))
		if g.r.IntN(2) == 0 {
			add(g.mark())
		}
		add(c)
	case 20: // any code point of the BMP or the SMP
		add(g.in(0x80, 0x1FFFF))
	case 21: // scripts with two-part vowels and nuktas in the SMP, Myanmar, Balinese
		add(g.pick(0x1025, 0x102E, 0x1B05, 0x1B35, 0x1B3A, 0x1B3E, 0x1B42, 0x11099, 0x1109B, 0x110A5, 0x110BA, 0x11131, 0x11132, 0x11127,
			0x11347, 0x1133E, 0x11357, 0x114B9, 0x114BA, 0x114B0, 0x114BD, 0x115B8, 0x115B9, 0x115AF, 0x11935, 0x11930))
	case 22:
		add(' ', g.in(0x21, 0x7E))
	default: // a mark on its own
		add(g.mark())
	}
}

// nfcSkip reports whether r is left out of the random texts: unassigned
// in Unicode 15.0, or in a block that Unicode 16.0 or later filled (the
// Unicode-version deviation is documented separately).
func nfcSkip(r rune) bool {
	for _, b := range [][2]rune{{0x105C0, 0x105FF}, {0x11380, 0x113FF}, {0x16100, 0x1613F}, {0x16D40, 0x16D7F}} {
		if r >= b[0] && r <= b[1] {
			return true
		}
	}
	return !nfcAssigned(r)
}

func (g *nfcTextGen) text() string {
	var rs []rune
	for range 1 + g.r.IntN(8) {
		g.piece(&rs)
	}
	rs = slices.DeleteFunc(rs, nfcSkip)
	return string(rs)
}

// TestNFCDifferential compares toNFC and classify+isNFC with node's
// String.prototype.normalize("NFC") on random texts.
func TestNFCDifferential(t *testing.T) {
	reftest.Require(t)
	seed := reftest.Seed(t, *nfcSeed)
	t.Logf("seed %d (rerun with -nfc.seed=%d)", seed, seed)
	g := &nfcTextGen{rand.New(rand.NewPCG(seed, 0x6e6663))}
	texts := make([]string, 30_000)
	for i := range texts {
		texts[i] = g.text()
	}
	// Fixed cases: stream-safe runs (x/text inserts U+034F after 30
	// non-starters; ICU does not).
	texts = append(texts,
		"a"+strings.Repeat("\u0316", 35),
		"a"+strings.Repeat("\u0301", 35),
		"a"+strings.Repeat("\u0316\u0301", 40)+"b",
		"e"+strings.Repeat("\u0301", 29)+"\u0316\u0323",
		"\u00e9"+strings.Repeat("\u0331", 40),
		"\u1100\u1161\u11a8", "\uac00\u11a8", "\uac01\u11a8",
		"\u0928\u093c", "\u092b\u093c", "\u0929", "\u095e",
		"\u00e9\u0331", "\u00e9\u0323", "e\u0323\u0301",
	)
	want := nfcCompare(t, texts)
	// The NFC forms, as texts in turn: in NFC, of tricky structure.
	var normal []string
	for i, w := range want {
		if w != texts[i] {
			normal = append(normal, w)
		}
	}
	nfcCompare(t, normal)
}

// TestNFCPairs compares with node every starter that composes or has a
// decomposition followed by every second rune of a composition pair,
// directly and after a non-starter.
func TestNFCPairs(t *testing.T) {
	reftest.Require(t)
	var xs, ys []rune
	for r := rune(0); r < 0x30000; r++ {
		if !utf8.ValidRune(r) || nfcSkip(r) {
			continue
		}
		p := props(r)
		if p&pFirst != 0 || p&pDecomp != 0 && p&pNo == 0 {
			xs = append(xs, r)
		}
		if p&pMaybe != 0 {
			ys = append(ys, r)
		}
	}
	xs = append(xs, 0x1100, 0x1112, 0xAC00, 0xAC01, 0xD788, 0xD7A3)
	var texts []string
	for _, mid := range []string{"", "\u0316", "\u0323"} {
		for _, x := range xs {
			for _, y := range ys {
				texts = append(texts, string(x)+mid+string(y))
			}
		}
	}
	t.Logf("%d starters, %d second runes", len(xs), len(ys))
	nfcCompare(t, texts)
}

// TestNFCMatchesXText checks the tables and the normaliser against x/text
// on every code point alone and decomposed (too short for x/text's
// stream-safe deviation).
func TestNFCMatchesXText(t *testing.T) {
	if nfcVersion != norm.Version {
		t.Fatalf("tables are of Unicode %s, x/text is %s: run go generate", nfcVersion, norm.Version)
	}
	bad := 0
	for r := rune(0); r < 0x110000; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		nfc, nfd := norm.NFC.String(s), norm.NFD.String(s)
		p := props(r)
		var msgs []string
		if got, want := uint8(p&pCCC), norm.NFD.PropertiesString(s).CCC(); got != want {
			msgs = append(msgs, "ccc")
		}
		if (p&pNo != 0) != (nfc != s) {
			msgs = append(msgs, "QC=No")
		}
		if hangul := r >= hangulBase && r < hangulBase+hangulCount; !hangul && (p&pDecomp != 0) != (nfd != s) ||
			p&pDecomp != 0 && string(decomposition(r)) != nfd {
			msgs = append(msgs, "decomposition")
		}
		if got := toNFC(s); got != nfc {
			msgs = append(msgs, "toNFC")
		}
		if got := toNFC(nfd); got != nfc {
			msgs = append(msgs, "toNFC(NFD)")
		}
		if nfcIsNormal(s) != (nfc == s) || nfcIsNormal(nfd) != (nfd == nfc) {
			msgs = append(msgs, "classify/isNFC")
		}
		if len(msgs) > 0 {
			if bad++; bad <= 10 {
				t.Errorf("U+%04X: %v", r, msgs)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d code points differ", bad)
	}
}

// TestNFCTableFresh regenerates nfc_table.go and compares.
func TestNFCTableFresh(t *testing.T) {
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go tool is needed to regenerate nfc_table.go: %v", err)
	}
	out := filepath.Join(t.TempDir(), "nfc_table.go")
	cmd := exec.Command(gotool, "run", "gen_nfc.go", "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen_nfc.go: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("nfc_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("nfc_table.go is stale: run go generate ./pkg/tweet")
	}
}

// nfcScriptTexts are NFC texts of many scripts; "reaches isNFC" ones are
// NFC but beyond what classify proves alone.
var nfcScriptTexts = []string{
	"plain ASCII text, with digits 0123456789 and https://example.com/path?q=1",
	"Ça, c'est déjà l'été à Zürich: naïve façade, crème brûlée, São Paulo, Kraków, Ærøskøbing",
	"Tiếng Việt có dấu: người, những, được, Đà Nẵng, Huế, phở, thuỷ",
	"Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν· ᾧ ᾗ ᾠ",
	"Съешь же ещё этих мягких французских булок, да выпей чаю. Й й Ё ё",
	"בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ",
	"بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ أ إ آ ؤ ئ",
	"नमस्ते दुनिया! फ़िल्म ज़िंदगी ऩ ऱ ऴ क़ ख़ ग़ की कहानी है, और यह बहुत अच्छी है।",
	"আমার সোনার বাংলা, আমি তোমায় ভালোবাসি। কৌ ড় ঢ় য়",
	"யாமறிந்த மொழிகளிலே தமிழ்மொழி போல் இனிதாவது எங்கும் காணோம் கொ கோ கௌ",
	"മലയാളം ഭാഷ കൊ കോ കൌ",
	"ಕನ್ನಡ ಭಾಷೆ ಕೊ ಕೋ ಕೀ ಕೇ ಕೈ",
	"한국어 텍스트입니다. 안녕하세요, 세계! ᄀᄁ ᅡ ᆨ",
	"東京都は日本の首都であり、人口は約千四百万人です。がぎぐげご パピプペポ",
	"ภาษาไทยเป็นภาษาที่สวยงาม ສະບາຍດີ",
	"བོད་ཡིག་ ཀྵ ཀྲ ཨོཾ",
	"Emoji 👍🏽 👩‍💻 ❤️ 🇫🇷 1️⃣",
	"a" + strings.Repeat("\u0316", 35) + " \u00e9" + strings.Repeat("\u0316", 20) + strings.Repeat("\u0301", 20),
	"\u00e9\u0331 reaches isNFC",
	"\u1ec7\u0331 \u01d8\u0331 reaches isNFC",
}

func TestNFCAllocs(t *testing.T) {
	texts := slices.Clone(nfcScriptTexts)
	for _, bt := range nfcBenchTexts {
		if bt.name != "decomposed" {
			texts = append(texts, bt.text)
		}
	}
	for _, s := range texts {
		if toNFC(s) != s { // toNFC is tested against node
			t.Errorf("%+q is not NFC", s)
			continue
		}
		if !nfcIsNormal(s) {
			t.Errorf("%+q: classify+isNFC say not NFC", s)
		}
		reaches := classify(s) != textNFC
		if want := strings.Contains(s, "reaches isNFC"); reaches != want {
			t.Errorf("%+q: classify proves NFC %v, want %v", s, !reaches, !want)
		}
		if n := testing.AllocsPerRun(100, func() { nfcIsNormal(s) }); n != 0 {
			t.Errorf("%+q: %v allocations, want 0", s, n)
		}
	}
}

// nfcBenchTexts are ~210-byte texts for BenchmarkClassify, all in NFC except
// "decomposed".
var nfcBenchTexts = []struct{ name, text string }{
	{"ascii", strings.Repeat("The quick brown fox jumps over the lazy dog. ", 5)[:210]},
	{"latin", "Ça, c'est déjà l'été à Zürich: naïve façade, crème brûlée, São Paulo, Đà Nẵng, Kraków, Ærøskøbing; über-große Straße!"},
	{"cjk", "東京都は日本の首都であり、人口は約千四百万人です。今日は天気が良いので公園を散歩しました。桜の花が満開です。"},
	{"hindi", "नमस्ते दुनिया! फ़िल्म ज़िंदगी ऩ ऱ ऴ क़ ख़ ग़ की कहानी है, और यह बहुत अच्छी है।"},
	{"decomposed", "Ca\u0327, c'est de\u0301ja\u0300 l'e\u0301te\u0301 a\u0300 Zu\u0308rich: nai\u0308ve fac\u0327ade, cre\u0300me bru\u0302le\u0301e, Sa\u0303o Paulo, Kraków!"},
}

func BenchmarkClassify(b *testing.B) {
	for _, bt := range nfcBenchTexts {
		b.Run(bt.name, func(b *testing.B) {
			s := bt.text
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			n := 0
			for b.Loop() {
				if classify(s) == textNFC || isNFC(s) {
					n++
				}
			}
			_ = n
		})
	}
}

func BenchmarkToNFC(b *testing.B) {
	for _, bt := range nfcBenchTexts {
		b.Run(bt.name, func(b *testing.B) {
			s := bt.text
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = toNFC(s)
			}
		})
	}
}

func BenchmarkParseNFC(b *testing.B) {
	for _, bt := range nfcBenchTexts {
		b.Run(bt.name, func(b *testing.B) {
			s := bt.text
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = Parse(s, V3)
			}
		})
	}
}

// FuzzNFC checks toNFC and classify+isNFC for consistency, and against
// x/text when x/text inserts no U+034F (its Stream-Safe Text Format, which
// ICU does not apply).
func FuzzNFC(f *testing.F) {
	for _, s := range nfcScriptTexts {
		f.Add(s)
	}
	for _, bt := range nfcBenchTexts {
		f.Add(bt.text)
	}
	f.Add("a" + strings.Repeat("\u0316\u0301", 20))
	f.Add("\u1100\u1161\u11a8\uac00\u11a8\u0928\u093c\u00e9\u0331")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			if classify(s) != textInvalidUTF8 {
				t.Fatalf("%+q: invalid UTF-8 not reported", s)
			}
			return
		}
		n := toNFC(s)
		checkNFCFrom(t, s)
		if nfcIsNormal(s) != (n == s) {
			t.Fatalf("%+q: normal %v, but toNFC gives %+q", s, nfcIsNormal(s), n)
		}
		if toNFC(n) != n || !nfcIsNormal(n) {
			t.Fatalf("%+q: toNFC gives %+q, which is not NFC", s, n)
		}
		x := norm.NFC.String(s)
		if strings.Count(x, "\u034f") == strings.Count(s, "\u034f") && x != n {
			t.Fatalf("%+q: toNFC %+q, x/text %+q", s, n, x)
		}
	})
}

// toNFCSlow is toNFC without its fast paths (asciiPair,
// composeSegment, the loose quick check): every segment that fails the
// strict quick check goes through normalize. It is the oracle of
// checkNFCFrom.
func toNFCSlow(s string) string {
	var buf [nfcStack]ccRune
	var b strings.Builder
	for i := 0; ; {
		j, _ := quickSpan(s, i)
		b.WriteString(s[i:j])
		if j == len(s) {
			return b.String()
		}
		end := nextSegment(s, j)
		for _, x := range normalize(buf[:0], s[j:end]) {
			b.WriteRune(x.r)
		}
		i = end
	}
}

// checkNFCFrom checks toNFCFrom on s (valid UTF-8), from the end of its
// NFC prefix and from 0, against toNFCSlow, and the counts it makes of its
// output against countLight, IndexInvalid, emojiMatters and utf16Len.
func checkNFCFrom(t *testing.T, s string) {
	t.Helper()
	want := toNFCSlow(s)
	_, prefix := classifyPrefix(s)
	for _, from := range []int{prefix, 0} {
		var c nfcCounts
		out, changed, invalid := toNFCFrom(s, from, &c)
		if invalid || out != want || changed != (out != s) {
			t.Fatalf("%+q from %d: toNFCFrom = %+q, %v, %v; want %+q", s, from, out, changed, invalid, want)
		}
		rest := out[from:]
		n, astral, heavy, _ := countLight(rest)
		if c.n != n || c.astral != astral || c.heavy != heavy {
			t.Fatalf("%+q from %d: toNFCFrom counts %d, %d astral, %d heavy; want %d, %d, %d", s, from, c.n, c.astral, c.heavy, n, astral, heavy)
		}
		if inv := IndexInvalid(rest) >= 0; c.invalid != inv {
			t.Fatalf("%+q from %d: toNFCFrom invalid %v, want %v", s, from, c.invalid, inv)
		}
		for _, r := range rest {
			if emojiMatters(r) && !c.emoji {
				t.Fatalf("%+q from %d: toNFCFrom misses %U, which emojiMatters", s, from, r)
			}
		}
		if d := utf16Len(s) - utf16Len(out); c.units16 != d {
			t.Fatalf("%+q from %d: toNFCFrom shortens by %d UTF-16 units, want %d", s, from, c.units16, d)
		}
	}
}

// TestNFCFromCounts runs checkNFCFrom on the NFC test texts and on random
// texts of nfcEdgePieces.
func TestNFCFromCounts(t *testing.T) {
	for _, s := range nfcScriptTexts {
		checkNFCFrom(t, s)
	}
	for _, bt := range nfcBenchTexts {
		checkNFCFrom(t, bt.text)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		checkNFCFrom(t, nfcEdgeText(r))
	}
}

// TestNFCASCIIPairs checks what toNFCFrom's counts of asciiPair's
// composites rely on: each is below U+10000, not an invalid character, not
// a code point that emojiMatters, and heavy exactly when above U+10FF.
func TestNFCASCIIPairs(t *testing.T) {
	pairs := 0
	for a := range nfcCompASCII {
		for k, c := range nfcCompASCII[a] {
			if c == 0 {
				continue
			}
			pairs++
			r := rune(c)
			if r >= 0x10000 || isInvalidChar(r) || emojiMatters(r) || heavyRune(r) != (r > 4351) {
				t.Errorf("%U %U -> %U breaks toNFCFrom's counts", rune(a), rune(0x300+k), r)
			}
			s := string(rune(a)) + string(rune(0x300+k))
			if got := rune(asciiPair(s[0], s[1], s[2])); got != r || toNFCSlow(s) != string(r) {
				t.Errorf("%+q: asciiPair %U, toNFCSlow %+q, want %U", s, got, toNFCSlow(s), r)
			}
		}
	}
	if pairs < 200 {
		t.Errorf("only %d pairs in nfcCompASCII", pairs)
	}
}

// TestNFCComposeASCII checks compose's dense table for ASCII first runes
// (nfcCompASCII) against the generic pair search and x/text.
func TestNFCComposeASCII(t *testing.T) {
	for a := rune(0); a < utf8.RuneSelf; a++ {
		for b := rune(0); b < 0x3000; b++ {
			got := compose(a, b)
			want := rune(-1)
			if b >= 0x300 && props(b)&pMaybe != 0 {
				if n := []rune(norm.NFC.String(string(a) + string(b))); len(n) == 1 {
					want = n[0]
				}
			}
			if got != want {
				t.Errorf("compose(%U, %U) = %U, want %U", a, b, got, want)
			}
		}
	}
}

// TestNFCComposeSegment checks toNFCFrom's fast paths (composeSegment, and
// asciiPair against it) against normalize on
// random segments made of starters, marks that compose with them, marks
// that do not, out of canonical order or blocked, Hangul jamo and invalid
// UTF-8.
func TestNFCComposeSegment(t *testing.T) {
	starters := []string{"a", "e", "o", "u", "A", "E", "<", "\u01b0", "\u00e9", "\u1e05", "\u1100", "\u1112", "\uac00", "\u0301", "x"}
	rest := []string{"\u0301", "\u0300", "\u0302", "\u0303", "\u0308", "\u0323", "\u031b", "\u0327", "\u0338", "\u0316",
		"\u0345", "\u0344", "\u1161", "\u1175", "\u11a8", "\u11c2", "\u0cd5", "\u0b3e", "b", " ", "\u00e9", "\xff", "\xcc"}
	rng := rand.New(rand.NewPCG(1, 2))
	var buf [nfcStack]ccRune
	fast, pairs := 0, 0
	for range 200000 {
		var sb strings.Builder
		sb.WriteString(starters[rng.IntN(len(starters))])
		for range rng.IntN(5) {
			sb.WriteString(rest[rng.IntN(len(rest))])
		}
		s := sb.String()
		r, end, units16, ok := composeSegment(s, 0)
		if len(s) >= 3 && s[0] < utf8.RuneSelf && (len(s) == 3 || s[3] < utf8.RuneSelf) {
			if pr := rune(asciiPair(s[0], s[1], s[2])); pr != 0 {
				pairs++
				if !ok || end != 3 || pr != r {
					t.Fatalf("asciiPair(%+q) = %U; composeSegment gives %U, %d bytes, %v", s, pr, r, end, ok)
				}
			} else if ok && end == 3 {
				t.Fatalf("asciiPair(%+q) misses a pair composeSegment composes to %U", s, r)
			}
		}
		if !ok {
			continue
		}
		fast++
		if !utf8.ValidString(s[:end]) {
			t.Fatalf("composeSegment(%+q) took invalid UTF-8: end %d", s, end)
		}
		if want := utf16Len(s[:end]); units16 != want {
			t.Fatalf("composeSegment(%+q) counts %d UTF-16 units, want %d", s, units16, want)
		}
		if want := nextSegment(s, 0); end != want {
			t.Fatalf("composeSegment(%+q) ends at %d, want the segment end %d", s, end, want)
		}
		if rs := normalize(buf[:0], s[:end]); len(rs) != 1 || rs[0].r != r {
			t.Fatalf("composeSegment(%+q) = %U, normalize gives %v", s, r, rs)
		}
	}
	if fast < 2000 || pairs < 200 {
		t.Errorf("the fast paths took only %d and %d segments", fast, pairs)
	}
}

// TestNFCFromAllocs checks that toNFCFrom allocates once for a text that
// changes and never for one that does not.
func TestNFCFromAllocs(t *testing.T) {
	for _, bt := range nfcBenchTexts {
		s := bt.text
		_, from := classifyPrefix(s)
		want := 0.0
		if bt.name == "decomposed" {
			want = 1
		}
		if n := testing.AllocsPerRun(100, func() { toNFCFrom(s, from, &nfcCounts{}) }); n != want {
			t.Errorf("%s: toNFCFrom allocates %v times, want %v", bt.name, n, want)
		}
	}
}

// isNFC reports whether s (valid UTF-8) is in NFC, without allocating
// (unless a segment that fails the quick check is very long): it
// normalises only the segments that fail the quick check, and compares.
func isNFC(s string) bool {
	var buf [nfcStack]ccRune
	for i := 0; ; {
		i, _ = quickSpan(s, i)
		if i == len(s) {
			return true
		}
		end := nextSegment(s, i)
		if !sameText(normalize(buf[:0], s[i:end]), s[i:end]) {
			return false
		}
		i = end
	}
}
