package split

import (
	"errors"
	"flag"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/internal/reftest"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

var propSeed = flag.Uint64("split.seed", 0, "seed of the random drafts of TestProperties (0: $TWEETLEN_SEED, else the clock)")

// weighted is a measure that is monotone in the prefix: each grapheme
// cluster counts 1 if it is ASCII and 2 otherwise, like the x profile's
// weights, and a part fits when it counts at most limit.
func weighted(limit int) Measure {
	return func(c Candidate) (int, bool) {
		n := weightOf(c.Text)
		return n, n <= limit
	}
}

func weightOf(s string) int {
	n, state := 0, -1
	for rest := s; rest != ""; {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if len(cl) == 1 {
			n++
		} else {
			n += 2
		}
	}
	return n
}

// pieces are what random drafts are made of: prose, breaks of every rank,
// and every unit that must not be cut.
var pieces = []string{
	"word", "another", "a", "I", "split", "Donaudampfschifffahrtsgesellschaft",
	" ", " ", " ", " ", "  ", "\n", "\n\n", "\r\n\r\n", "\t", "\u00a0", "\u3000",
	". ", "! ", "? ", ", ", "; ", "-", "—", "(", ")", "\"", "'",
	"https://example.com/a/b?q=1", "example.org", "http://t.co/abc", "https://例え.jp/パス",
	"@alice", "@bob_2@mastodon.social", "＠ユーザー", "#tag", "#日本語", "＃タグ", "$AAPL", "$BRK.B",
	"😀", "👍🏽", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "🇩🇪🇫", "1️⃣", "#️⃣", "❤️",
	"e\u0301", "a\u0308\u0323", "ก้", "\u0600", "\uFEFF",
	"日本語の文章です。", "「かっこ」", "中文句子，没有空格。", "ภาษาไทย", "한국어 문장.",
	"---", "![alt text](cat.png)",
}

// randomText draws a text of up to n pieces.
func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range r.IntN(n + 1) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// checkParts checks what must hold of any split of items.
func checkParts(t *testing.T, items []Item, opts Options, m Measure, parts []Part, err error) {
	t.Helper()
	if err != nil {
		var ue *UnbreakableError
		var tm *TooManyPartsError
		switch {
		case errors.As(err, &ue):
			if ue.Item < 0 || ue.Item >= len(items) || ue.Start > ue.End || ue.End > len(items[ue.Item].Text) || items[ue.Item].Text[ue.Start:ue.End] != ue.Unit && ue.What != "the counter" {
				t.Errorf("bad unbreakable error %+v", ue)
			}
		case errors.As(err, &tm):
			if opts.MaxParts == 0 || tm.Need <= tm.Max {
				t.Errorf("bad too-many error %+v", tm)
			}
		default:
			t.Errorf("unexpected error %v", err)
		}
		if err.Error() == "" {
			t.Errorf("empty error message")
		}
		return
	}
	if len(parts) < len(items) {
		t.Fatalf("%d parts for %d items", len(parts), len(items))
	}
	format := opts.NumberFormat
	if format == "" {
		format = DefaultNumberFormat
	}
	s := &splitter{opts: opts, format: format, total: len(parts)}
	prev := -1
	prevEnd := 0
	for i, p := range parts {
		text := items[p.Item].Text
		if p.Item < prev || p.Item > prev+1 {
			t.Errorf("part %d of item %d after item %d", i, p.Item, prev)
		}
		if p.Item != prev {
			if prev >= 0 && strings.TrimFunc(items[prev].Text[prevEnd:], isSpace) != "" {
				t.Errorf("item %d: %q after the last part is lost", prev, items[prev].Text[prevEnd:])
			}
			prevEnd = 0
		}
		prev = p.Item
		if p.Start < prevEnd || p.End < p.Start || p.End > len(text) {
			t.Fatalf("part %d: bad span [%d:%d] after %d of %d bytes", i, p.Start, p.End, prevEnd, len(text))
		}
		if gap := text[prevEnd:p.Start]; strings.TrimFunc(gap, isSpace) != "" {
			t.Errorf("part %d: %q before it is lost", i, gap)
		}
		prevEnd = p.End
		if p.Body != text[p.Start:p.End] {
			t.Errorf("part %d: body %q is not the text at [%d:%d]", i, p.Body, p.Start, p.End)
		}
		if p.Body == "" && strings.TrimFunc(text, isSpace) != "" {
			t.Errorf("part %d is empty", i)
		}
		if p.Body != "" && isSpaceCluster(firstCluster(p.Body)) {
			t.Errorf("part %d %q starts with white space", i, p.Body)
		}
		if p.Body != "" && isSpaceCluster(lastCluster(p.Body)) {
			t.Errorf("part %d %q ends with white space", i, p.Body)
		}
		if want := s.counter(i); p.Number != want {
			t.Errorf("part %d: counter %q, want %q", i, p.Number, want)
		}
		if want, _ := s.compose(p.Body, p.Number); p.Text != want {
			t.Errorf("part %d: text %q, want %q", i, p.Text, want)
		}
		body := 0
		if opts.Number && opts.NumberAt == AtStart {
			body = len(p.Text) - len(p.Body)
		}
		count, ok := m(Candidate{Text: p.Text, Body: body, Item: p.Item, Start: p.Start, End: p.End, Index: i,
			First: i == 0 || parts[i-1].Item != p.Item, Last: i == len(parts)-1 || parts[i+1].Item != p.Item})
		if !ok {
			t.Errorf("part %d %q does not fit (counts %d)", i, p.Text, count)
		}
		if count != p.Count {
			t.Errorf("part %d counts %d, not %d", i, count, p.Count)
		}
		// The joints are between grapheme clusters, outside every unit.
		g, _, _ := refBoundaries(text)
		g[0] = true
		units := refUnits(text, items[p.Item].Keep)
		for _, at := range []int{p.Start, p.End} {
			if !g[at] {
				t.Errorf("part %d: %d is inside a grapheme cluster of %q", i, at, text)
			}
			for _, u := range units {
				if u[0] < at && at < u[1] {
					t.Errorf("part %d: %d is inside %q", i, at, text[u[0]:u[1]])
				}
			}
		}
	}
	if prev >= 0 && strings.TrimFunc(items[prev].Text[prevEnd:], isSpace) != "" {
		t.Errorf("item %d: %q after the last part is lost", prev, items[prev].Text[prevEnd:])
	}
	if prev != len(items)-1 {
		t.Errorf("the last part is of item %d, not %d", prev, len(items)-1)
	}
}

func firstCluster(s string) string {
	cl, _, _, _ := uniseg.FirstGraphemeClusterInString(s, -1)
	return cl
}

func lastCluster(s string) string {
	last := ""
	for state, rest := -1, s; rest != ""; {
		last, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
	}
	return last
}

// sameParts compares parts with the reference's.
func sameParts(t *testing.T, got []Part, gotErr error, want []Part, wantErr error) {
	t.Helper()
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("error %v, reference %v", gotErr, wantErr)
	}
	if len(got) != len(want) {
		t.Fatalf("%d parts, reference %d\n got %q\nwant %q", len(got), len(want), texts(got), texts(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("part %d: %+v\nreference %+v", i, got[i], want[i])
		}
	}
}

func texts(parts []Part) []string {
	var s []string
	for _, p := range parts {
		s = append(s, p.Text)
	}
	return s
}

// TestProperties splits random drafts under random limits and options and
// checks every property, and the parts against the reference.
func TestProperties(t *testing.T) {
	seed := reftest.Seed(t, *propSeed)
	t.Logf("seed %d (-split.seed or $%s repeats this run)", seed, reftest.SeedEnvVar)
	r := rand.New(rand.NewPCG(seed, 6))
	twitter := profile.Default()
	for n := 0; n < 400; n++ {
		var items []Item
		for range 1 + r.IntN(3) {
			items = append(items, Item{Text: randomText(r, 30)})
		}
		opts := Options{Number: r.IntN(2) == 0, NumberAt: Placement(r.IntN(2))}
		if r.IntN(4) == 0 {
			opts.NumberFormat = []string{"({i} of {n})", "🧵{i}", "\n{i}/{n}", "{n}-{i} "}[r.IntN(4)]
		}
		limit := 8 + r.IntN(60)
		m := weighted(limit)
		parts, err := SplitItems(items, m, opts)
		checkParts(t, items, opts, m, parts, err)
		ref, refErr := refSplit(items, m, opts)
		sameParts(t, parts, err, ref, refErr)

		lm := ForProfile(twitter.WithLimit(limit))
		parts, err = SplitItems(items, lm, opts)
		checkParts(t, items, opts, lm, parts, err)
		if t.Failed() {
			t.Fatalf("items %+v, options %+v, limit %d", items, opts, limit)
		}
	}
}

// FuzzSplit checks the properties on any text, under the twitter profile
// with a small limit (measured by lint.Check) and under a monotone measure
// compared with the reference.
func FuzzSplit(f *testing.F) {
	for _, s := range refTexts {
		f.Add(s, uint8(20), false, false)
		f.Add(s, uint8(7), true, true)
	}
	f.Add("Hello, world! https://example.com/a/very/long/path then more words here", uint8(30), true, false)
	f.Add("a\n\n---\n\nb", uint8(1), true, false)
	f.Fuzz(func(t *testing.T, text string, limit uint8, number, atStart bool) {
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "\uFFFD")
		}
		opts := Options{Number: number}
		if atStart {
			opts.NumberAt = AtStart
		}
		lim := 1 + int(limit)%100
		items := []Item{{Text: text}}
		lm := ForProfile(profile.Default().WithLimit(lim))
		parts, err := SplitItems(items, lm, opts)
		checkParts(t, items, opts, lm, parts, err)

		if len(text) > 400 {
			return // the reference is slow
		}
		m := weighted(lim)
		parts, err = SplitItems(items, m, opts)
		checkParts(t, items, opts, m, parts, err)
		ref, refErr := refSplit(items, m, opts)
		sameParts(t, parts, err, ref, refErr)
	})
}
