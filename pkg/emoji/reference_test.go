package emoji

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/internal/reftest"
	"github.com/tweetlen/tweetlen/pkg/emoji/internal/twemojire"
)

var seedFlag = flag.Uint64("emoji.seed", 0, "seed for the random texts of the emoji reference tests (0: a fresh one)")

// randomTexts is how many random concatenations the corpus holds.
const randomTexts = 25000

// seed returns the seed for the random part of the corpus and logs it.
func seed(t testing.TB) uint64 {
	s := reftest.Seed(t, *seedFlag)
	t.Logf("random texts use -emoji.seed=%d", s)
	return s
}

// Pieces the corpus is built from.
var (
	suffixes = []string{"\ufe0e", "\ufe0f", "\u200d", "\U0001f3fd", "\U0001f600", "a", "\u20e3", "\ufe0f\u20e3", "\U000e0067", "\U0001f1e6"}
	prefixes = []string{"a", "\ufe0f", "\u200d", "\U0001f3fb", "#", "1", "\U0001f1ef", "\u00a9", "\U0001f3f4"}
	glue     = []string{" ", "a", "Z", ".", "日本", "語", "한", "\u200d", "\ufe0f", "\ufe0e", "\u20e3", "\U0001f3ff", "#", "*", "7", "\u00a9", "\u2122", "\n", "\U000e007f", "\U0001f1fa"}
	emoji12  = []string{
		"🧑‍🔧", "🧑‍🤝‍🧑", "🐕‍🦺", "🏳️‍⚧️", "❤️‍🔥", "🐻‍❄️", "🧑🏽‍🔧", "👩🏽‍🦰", "👨‍🦰", "🧑‍🦯", "🫀", "🥲",
		"😶‍🌫️", "😮‍💨", "🧔‍♂️", "👁️‍🗨️", "👁‍🗨", "🏳‍🌈", "🏴‍☠", "👩‍❤‍👨", "👨‍⚕", "👨🏻‍⚕️",
	}
)

// corpus holds the inputs of the reference tests.
type corpus struct {
	// whole: texts the reference must match as exactly one unit, the
	// whole text (every live path of the regex, alone).
	whole []string
	// texts: everything else, compared unit by unit.
	texts []string
	// pieces counts the inputs before batching.
	pieces int
}

func buildCorpus(t testing.TB, lang []twemojire.Seq) corpus {
	var c corpus
	units, _ := tableUnits()
	live, shadowed := twemojire.Analyze(lang)
	for i, s := range lang {
		if live[i] {
			c.whole = append(c.whole, s.Text)
		}
	}
	for _, sh := range shadowed {
		c.texts = append(c.texts, lang[sh.Rank].Text)
	}

	// Sequences with suffixes and prefixes, many to a text: a space
	// separates them, and no unit contains or looks ahead at a space.
	var batch []string
	flush := func() {
		if len(batch) > 0 {
			c.texts = append(c.texts, strings.Join(batch, " "))
			batch = batch[:0]
		}
	}
	add := func(s string) {
		c.pieces++
		batch = append(batch, s)
		if len(batch) == 200 {
			flush()
		}
	}
	for _, u := range units {
		add(u)
		for _, x := range suffixes {
			add(u + x)
		}
		for _, p := range prefixes {
			add(p + u)
			add(p + u + "\ufe0f")
		}
		add(u + u)
	}
	flush()

	// Every code point up to U+1FAFF and in the private use area, plus
	// tags, alone and followed by U+FE0F and U+FE0E.
	cps := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			if utf16.IsSurrogate(r) || r == 0 {
				continue
			}
			add(string(r))
			add(string(r) + "\ufe0f")
			add(string(r) + "\ufe0e")
		}
		flush()
	}
	cps(1, 0x1faff)
	cps(0xe0000, 0xe007f)
	cps(0xf0000, 0xf00ff)

	// Keycaps, regional indicators, tag flags, Emoji 12+ sequences.
	for _, k := range "#*0123456789a" {
		for _, v := range []string{"", "\ufe0f", "\ufe0e", "\u200d"} {
			add(string(k) + v + "\u20e3")
			add(string(k) + v)
		}
	}
	for a := rune(0x1f1e6); a <= 0x1f1ff; a++ {
		add(string(a))
		for b := rune(0x1f1e6); b <= 0x1f1ff; b++ {
			add(string(a) + string(b))
			add(string(a) + string(b) + string(b))
		}
	}
	flush()
	for _, flag := range []string{"gbeng", "gbsct", "gbwls", "usca", "gb", "gbengx"} {
		s := "\U0001f3f4"
		for _, r := range flag {
			s += string(r + 0xe0000)
		}
		add(s + "\U000e007f")
		add(s)
	}
	for _, s := range emoji12 {
		add(s)
	}
	flush()

	// Random concatenations of all of the above.
	pieces := append(append(append(append([]string{}, units...), suffixes...), prefixes...), emoji12...)
	rng := rand.New(rand.NewPCG(seed(t), 0x656d6f6a69))
	for range randomTexts {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			if rng.IntN(3) == 0 {
				b.WriteString(glue[rng.IntN(len(glue))])
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		c.texts = append(c.texts, b.String())
	}
	c.pieces += len(c.whole) + len(shadowed) + randomTexts
	return c
}

// refUnit is a unit as ref.js reports it, with UTF-16 indices.
type refUnit struct {
	Text    string `json:"text"`
	Indices [2]int `json:"indices"`
}

// goUnits returns the units of s in the reference's format.
func goUnits(s string) []refUnit {
	units := scan(s)
	out := make([]refUnit, 0, len(units))
	u16, at := 0, 0
	for _, u := range units {
		for at < u[0] {
			r, n := utf8.DecodeRuneInString(s[at:])
			u16 += utf16.RuneLen(r)
			at += n
		}
		start := u16
		for at < u[1] {
			r, n := utf8.DecodeRuneInString(s[at:])
			u16 += utf16.RuneLen(r)
			at += n
		}
		out = append(out, refUnit{s[u[0]:u[1]], [2]int{start, u16}})
	}
	return out
}

func equalUnits(a, b []refUnit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// describeDiff shows where two unit lists for s first differ, with a
// short excerpt of s around that point (s may be a long batch).
func describeDiff(s string, got, want []refUnit) string {
	k := 0
	for k < len(got) && k < len(want) && got[k] == want[k] {
		k++
	}
	at := math.MaxInt
	if k < len(got) {
		at = got[k].Indices[0]
	}
	if k < len(want) {
		at = min(at, want[k].Indices[0])
	}
	// Convert the UTF-16 index to a byte offset, then cut an excerpt.
	b, u16 := 0, 0
	for b < len(s) && u16 < at {
		r, n := utf8.DecodeRuneInString(s[b:])
		u16 += utf16.RuneLen(r)
		b += n
	}
	lo, hi := max(b-24, 0), min(b+40, len(s))
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo--
	}
	for hi < len(s) && !utf8.RuneStart(s[hi]) {
		hi++
	}
	return fmt.Sprintf("text of %d bytes, first difference at UTF-16 index %d, around %+q:\n\tgot  %+v\n\twant %+v",
		len(s), at, s[lo:hi], got[k:min(k+3, len(got))], want[k:min(k+3, len(want))])
}

// TestReference compares Next with twemoji-parser@11.0.2 under node.
func TestReference(t *testing.T) {
	reftest.Require(t)
	lang, err := twemojire.LanguageOf(language(t))
	if err != nil {
		t.Fatal(err)
	}
	c := buildCorpus(t, lang)
	all := append(append([]string{}, c.whole...), c.texts...)
	answers, err := reftest.Run("emoji", all)
	if err != nil {
		t.Fatal(err)
	}
	var diffs []string
	inputs, units := 0, 0
	for i, raw := range answers {
		var ans struct {
			ID    int       `json:"id"`
			Emoji []refUnit `json:"emoji"`
			Error string    `json:"error"`
		}
		if err := json.Unmarshal(raw, &ans); err != nil || ans.ID != i || ans.Error != "" {
			t.Fatalf("answer %d: %s (%v)", i, raw, err)
		}
		s := all[i]
		got := goUnits(s)
		units += len(ans.Emoji)
		inputs++
		if i < len(c.whole) {
			want := []refUnit{{s, [2]int{0, len(utf16.Encode([]rune(s)))}}}
			if !equalUnits(ans.Emoji, want) {
				diffs = append(diffs, fmt.Sprintf("regex path %+q alone: reference matches %+v, not the whole text", s, ans.Emoji))
			}
		}
		if !equalUnits(got, ans.Emoji) {
			diffs = append(diffs, describeDiff(s, got, ans.Emoji))
		}
	}
	for i, d := range diffs {
		if i == 10 {
			t.Errorf("... and %d more", len(diffs)-10)
			break
		}
		t.Error(d)
	}
	t.Logf("%d inputs in %d texts (%d regex paths alone, %d random), %d reference units, %d differences",
		c.pieces, inputs, len(c.whole), randomTexts, units, len(diffs))
}

// oracleUnits scans s with the slow Oracle, like the global regex scan:
// try at each character, resume at the end of a match.
func oracleUnits(o *twemojire.Oracle, s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if n, _ := o.Match(s[i:]); n > 0 {
			out = append(out, [2]int{i, i + n})
			i += n
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return out
}

// oracleRefUnits converts byte-offset units to the reference's format.
func oracleRefUnits(s string, units [][2]int) []refUnit {
	out := make([]refUnit, len(units))
	for i, u := range units {
		start := len(utf16.Encode([]rune(s[:u[0]])))
		out[i] = refUnit{s[u[0]:u[1]], [2]int{start, start + len(utf16.Encode([]rune(s[u[0]:u[1]])))}}
	}
	return out
}

// TestOracle compares Next with the regex's priority rule applied
// directly to its expanded language, on the same corpus, without node.
func TestOracle(t *testing.T) {
	lang, err := twemojire.LanguageOf(language(t))
	if err != nil {
		t.Fatal(err)
	}
	o := twemojire.NewOracle(lang)
	c := buildCorpus(t, lang)
	bad := 0
	for _, s := range append(c.whole, c.texts...) {
		got, want := scan(s), oracleUnits(o, s)
		if !slices.Equal(got, want) {
			if bad++; bad <= 10 {
				t.Error(describeDiff(s, goUnits(s), oracleRefUnits(s, want)))
			}
		}
	}
}
