package textlen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/internal/reftest"
)

var (
	refSeed  = flag.Uint64("textlen.seed", 0, "seed of the random texts of TestBluesky (0: $TWEETLEN_SEED, else the clock)")
	refCount = flag.Int("textlen.n", 20000, "number of random texts of TestBluesky")
)

// atprotoDir is reference/atproto, where the pinned Bluesky SDK is installed.
var atprotoDir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "reference", "atproto")
}()

var (
	atprotoOnce sync.Once
	atprotoErr  error
)

// requireAtproto makes sure node and the pinned SDK are usable, installing
// it with `npm ci` when missing, with the policy of reftest.Require: without
// node (or npm) the test is skipped, or fails under CI=true.
func requireAtproto(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required for the reference tests under CI: %v", tool, err)
			}
			t.Skipf("%s not found; skipping reference test (%v)", tool, err)
		}
	}
	atprotoOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(atprotoDir, "node_modules", "@atproto", "api", "package.json")); err == nil {
			return
		}
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
		cmd.Dir = atprotoDir
		if out, err := cmd.CombinedOutput(); err != nil {
			atprotoErr = fmt.Errorf("npm ci in %s: %v\n%s", atprotoDir, err, out)
		}
	})
	if atprotoErr != nil {
		t.Fatal(atprotoErr)
	}
}

// atprotoAnswer is one line of reference/atproto/graphemes.js.
type atprotoAnswer struct {
	ID        int    `json:"id"`
	Graphemes int    `json:"graphemes"`
	Bytes     int    `json:"bytes"`
	Ponyfill  int    `json:"ponyfill"`
	Error     string `json:"error"`
}

// runAtproto measures texts with graphemes.js, answers in input order.
func runAtproto(t *testing.T, args []string, texts []string) []byte {
	t.Helper()
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for i, s := range texts {
		if err := enc.Encode(struct {
			ID   int    `json:"id"`
			Text string `json:"text"`
		}{i, s}); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("node", append([]string{filepath.Join(atprotoDir, "graphemes.js")}, args...)...)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node graphemes.js: %v\n%s", err, stderr.Bytes())
	}
	return out
}

// corpusPieces are the pieces the random texts are made of: ASCII, line
// breaks and controls, combining marks, emoji of every kind, Hangul jamo
// and syllables, Indic clusters, Prepend and SpacingMark characters. All are
// assigned in Unicode 15.0, uniseg's version.
var corpusPieces = []string{
	"a", "Z", "7", " ", ".", "#", "*", "@", "/",
	"\r\n", "\r", "\n", "\t", "\x00", "\x01", "\x7f", "\u0085", "\u00AD", "\u200B", "\u2028", "\u200E",
	"e\u0301", "\u0301", "\u0300\u0301", "\u0308", "\u20DD", "\u200C", "\u200D", "\uFE0F", "\uFE0E",
	"é", "ß", "Ω", "ж", "日", "本", "ア", "ㅤ", "ا", "ب", "\u064B", "א", "\u05B7",
	"😀", "\u2764\uFE0F", "\u2764", "👍", "🏽", "🏻", "👍🏽", "👨‍👩‍👧", "👩🏽‍💻", "🏳️‍🌈", "🏴‍☠️", "🧑‍🤝‍🧑",
	"🇯", "🇵", "🇯🇵", "🇫🇷", "1️⃣", "#\u20E3", "*\uFE0F\u20E3", "©", "©\uFE0F", "™", "\U0001FAE8", "☺",
	"🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", "\U000E0067", "\U000E007F",
	"\u1100", "\u1161", "\u11A8", "\uAC00", "\uAC01", "\uA960", "\uD7B0", "\uD7CB",
	"क", "ष", "\u094D", "\u093C", "\u093F", "\u0947", "\u0902", "\u0903", "ক", "\u09CD", "\u09C7", "ત", "\u0ACD",
	"ம", "\u0BCD", "ก", "\u0E33", "\u0E31", "ි", "\u0DCA",
	"\u0600", "\u0605", "\u06DD", "\u0D4E", "\U000110BD", "\U00011A3A",
	"\U00011091", "\U000110B9", "\uA8B4", "\u1B04",
}

// tricky are hand-picked texts for TestBluesky.
var tricky = []string{
	"", "a", "hello world", "a\r\nb", "\r\n\r\n", "\r\r\n\n", "\n\r",
	"e\u0301", "cafe\u0301 au lait", "a\u0301\u0302\u0303\u0304", "\u0301abc", "abcdefg\u0301", "abcdefgh\u0301", "abcdefghi\u0301",
	"😀", "👍🏽", "👨‍👩‍👧‍👦", "👩🏽‍💻", "🏳️‍🌈", "🧑‍🤝‍🧑", "❤️‍🔥", "🇯🇵🇫🇷🇩🇪", "🇯🇵🇫", "1️⃣2️⃣3️⃣", "#️⃣", "*⃣",
	"🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",
	"a\u200D😀", "😀\u200D", "\u200D😀", "😀\u200D\u200D😀", "😀🏽🏽",
	"\u1100\u1161\u11A8", "\u1100\u1100\u1161", "\uAC00\u11A8", "\uAC01\u11A8", "\u1161\u1161\u11A8\u11A8",
	"क्ष", "क्\u200Dष", "क्षि", "स्त्री", "क़्ष", "ক্ষ", "ક્ષ", "த்த", "क्", "्क",
	"\u0600a", "\u0600\u0600a", "a\u0903", "\u0E01\u0E33", "\u0D4Eക",
	"\x00\x01\x02", "\x7f\u0301", "\t\u0301", "\r\u0301", "\n\u0301", "\u0085\u0301",
	"日本語のテキスト", "مرحبا بالعالم", "שָׁלוֹם",
	strings.Repeat("a", 1000), strings.Repeat("😀", 300), strings.Repeat("e\u0301", 200),
	"https://bsky.app/profile/alice.bsky.social 🦋 @alice.bsky.social #tag",
}

// TestBluesky compares GraphemeCount and the byte length with the pinned
// Bluesky SDK (@atproto/api, RichText graphemeLength and length) and with
// the SDK's fallback segmenter (unicode-segmenter), over tricky texts and
// random texts made of corpusPieces.
//
// The SDK segments with Intl.Segmenter, so with the Unicode version of the
// runtime's ICU (node 20's ICU 78: Unicode 17.0), later than uniseg's
// 15.0.0. Two changes since 15.0 touch the corpus, and a difference is
// accepted only when they account for it exactly (each applied only when
// the ICU's Unicode version has it):
//   - UAX #29 rule GB9c, new in Unicode 15.1, keeps Indic conjuncts
//     (consonant, virama, consonant) in one cluster (gb9cJoins);
//   - Unicode 17.0's GraphemeBreakProperty.txt no longer lists U+11A3A
//     ZANABAZAR SQUARE CLUSTER-INITIAL LETTER RA as Prepend, so it no
//     longer joins the character after it (zanabazarBreaks).
func TestBluesky(t *testing.T) {
	requireAtproto(t)
	var versions struct{ Node, ICU, Unicode string }
	if err := json.Unmarshal(runAtproto(t, []string{"versions"}, nil), &versions); err != nil {
		t.Fatal(err)
	}
	t.Logf("node %s, ICU %s, Unicode %s; uniseg Unicode %s", versions.Node, versions.ICU, versions.Unicode, extPictVersion)

	seed := reftest.Seed(t, *refSeed)
	t.Logf("seed %d (repeat with -textlen.seed=%d or %s=%d)", seed, seed, reftest.SeedEnvVar, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	texts := append([]string(nil), tricky...)
	for range *refCount {
		var b strings.Builder
		for range 1 + rng.IntN(24) {
			b.WriteString(corpusPieces[rng.IntN(len(corpusPieces))])
		}
		texts = append(texts, b.String())
	}

	out := runAtproto(t, nil, texts)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	n, diffs, gb9c, zanb, ponyDiffs := 0, 0, 0, 0, 0
	for sc.Scan() {
		var a atprotoAnswer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil || a.Error != "" {
			t.Fatalf("bad answer %q: %v", sc.Bytes(), err)
		}
		if a.ID != n {
			t.Fatalf("answer %d has id %d", n, a.ID)
		}
		s := texts[n]
		n++
		got := GraphemeCount(s)
		if a.Bytes != len(s) {
			t.Errorf("%+q: %d bytes, SDK says %d", s, len(s), a.Bytes)
		}
		if a.Ponyfill != a.Graphemes {
			ponyDiffs++
			if ponyDiffs <= 5 {
				t.Logf("note: SDK %d and unicode-segmenter %d differ on %+q", a.Graphemes, a.Ponyfill, s)
			}
		}
		if got == a.Graphemes {
			continue
		}
		j, z := 0, 0
		if unicodeAtLeast(versions.Unicode, 15, 1) {
			j = gb9cJoins(s)
		}
		if unicodeAtLeast(versions.Unicode, 17, 0) {
			z = zanabazarBreaks(s)
		}
		if (j > 0 || z > 0) && got-j+z == a.Graphemes {
			if j > 0 {
				gb9c++
			}
			if z > 0 {
				zanb++
			}
			if gb9c+zanb <= 4 {
				t.Logf("explained: %+q: %d graphemes, SDK %d (GB9c joins %d, U+11A3A breaks %d)", s, got, a.Graphemes, j, z)
			}
			continue
		}
		diffs++
		if diffs <= 20 {
			t.Errorf("%+q: GraphemeCount %d, SDK %d (unicode-segmenter %d, GB9c joins %d, U+11A3A breaks %d)", s, got, a.Graphemes, a.Ponyfill, j, z)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(texts) {
		t.Fatalf("%d answers for %d texts", n, len(texts))
	}
	t.Logf("%d texts compared: %d unexplained differences; %d with GB9c joins, %d with U+11A3A breaks, all accounted for exactly; %d where the SDK and its fallback unicode-segmenter differ", n, diffs, gb9c, zanb, ponyDiffs)
}

// incbLinker and incbConsonant give the Indic_Conjunct_Break values of
// Unicode 15.1 to 17.0 for the scripts of corpusPieces and tricky: the
// viramas and consonants of Devanagari, Bengali and Gujarati (Malayalam,
// Oriya and Telugu, the other three scripts of the property, are not in
// the corpus; Tamil is not in the property).
func incbLinker(r rune) bool {
	switch r {
	case 0x094D, 0x09CD, 0x0ACD, 0x0B4D, 0x0C4D, 0x0D4D: // the viramas of six scripts
		return true
	}
	return false
}

func incbConsonant(r rune) bool {
	switch {
	case 0x0915 <= r && r <= 0x0939, 0x0958 <= r && r <= 0x095F, 0x0978 <= r && r <= 0x097F: // Devanagari
		return true
	case 0x0995 <= r && r <= 0x09A8, 0x09AA <= r && r <= 0x09B0, r == 0x09B2, 0x09B6 <= r && r <= 0x09B9,
		r == 0x09DC, r == 0x09DD, r == 0x09DF, r == 0x09F0, r == 0x09F1: // Bengali
		return true
	case 0x0A95 <= r && r <= 0x0AA8, 0x0AAA <= r && r <= 0x0AB0, r == 0x0AB2, r == 0x0AB3, 0x0AB5 <= r && r <= 0x0AB9, r == 0x0AF9: // Gujarati
		return true
	}
	return false
}

// incbExtend reports InCB=Extend as Unicode 16.0 and later derive it:
// Grapheme_Cluster_Break Extend or ZWJ, except the Linkers and U+200C ZWNJ.
// The Grapheme_Cluster_Break values are uniseg's: r is Extend when
// "😀" r ZWJ "😀" is one cluster (GB11 allows Extend only, not SpacingMark).
func incbExtend(r rune) bool {
	if r == 0x200D {
		return true
	}
	if r == 0x200C || incbLinker(r) {
		return false
	}
	return uniseg.GraphemeClusterCount("\U0001F600"+string(r)+"\u200D\U0001F600") == 1
}

// gb9cJoins returns how many of the cluster boundaries uniseg (Unicode 15.0)
// finds in s rule GB9c of Unicode 15.1 removes:
//
//	\p{InCB=Consonant} [\p{InCB=Extend}\p{InCB=Linker}]* \p{InCB=Linker} [\p{InCB=Extend}\p{InCB=Linker}]* × \p{InCB=Consonant}
//
// (the rule of Unicode 15.1 to 17.0, with the InCB=Extend of 16.0 and
// later, which the SDK's ICU has).
//
// Under 15.0 a virama and what follows it extend the cluster of the
// consonant before them, so the context of each boundary is within the
// cluster before it.
func gb9cJoins(s string) int {
	joins, prev := 0, ""
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		cl := g.Str()
		if r, _ := utf8.DecodeRuneInString(cl); prev != "" && incbConsonant(r) && conjunctTail(prev) {
			joins++
		}
		prev = cl
	}
	return joins
}

// conjunctTail reports whether cluster ends with a consonant followed by
// InCB Extend and Linker characters, at least one a Linker.
func conjunctTail(cluster string) bool {
	linker := false
	for i := len(cluster); i > 0; {
		r, n := utf8.DecodeLastRuneInString(cluster[:i])
		i -= n
		switch {
		case incbLinker(r):
			linker = true
		case incbExtend(r):
		case incbConsonant(r):
			return linker
		default:
			return false
		}
	}
	return false
}

// zanabazarBreaks returns how many cluster boundaries Unicode 17.0 has in s
// that uniseg (Unicode 15.0) does not, because U+11A3A went from Prepend
// (GB9b: no break after it, except before a control, CR or LF) to Other (a
// break after it, except before Extend, ZWJ or SpacingMark: GB9, GB9a).
func zanabazarBreaks(s string) int {
	n := 0
	for i := 0; ; {
		k := strings.Index(s[i:], "\U00011A3A")
		if k < 0 {
			return n
		}
		i += k + 4
		if i == len(s) {
			return n
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !joinsOther(r) {
			n++
		}
	}
}

// joinsOther reports whether r is a control, CR, LF, Extend, ZWJ or
// SpacingMark character, for the characters of corpusPieces: the ones
// after which an Other character and a Prepend one behave alike.
func joinsOther(r rune) bool {
	// Whether r extends the cluster before it, or breaks before it
	// whatever comes before it: "x" + r is one cluster, or r is a control.
	if uniseg.GraphemeClusterCount("x"+string(r)) == 1 {
		return true // Extend, ZWJ, SpacingMark
	}
	return uniseg.GraphemeClusterCount("\u0600"+string(r)) == 2 // only controls break after Prepend
}

// unicodeAtLeast reports whether the version v ("17.0") is major.minor or
// later.
func unicodeAtLeast(v string, major, minor int) bool {
	var a, b int
	if _, err := fmt.Sscanf(v, "%d.%d", &a, &b); err != nil {
		return false
	}
	return a > major || a == major && b >= minor
}
