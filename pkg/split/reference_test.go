package split

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/emoji"
	"github.com/tweetlen/tweetlen/pkg/extract"
)

// This file is a brute-force reference of the documented rule, written
// independently of the splitter: the places to cut are found offset by
// offset with uniseg's separate grapheme, sentence and line segmenters and
// regular expressions, and every place is measured, longest first.

var (
	refMention = regexp.MustCompile(`[@＠][A-Za-z0-9_]+(?:[-.@/A-Za-z0-9_]*[A-Za-z0-9_])?`)
	refHashtag = regexp.MustCompile(`[#＃][\p{L}\p{M}\p{Nd}_\x{200c}\x{200d}]+`)
	refCashtag = regexp.MustCompile(`\$[A-Za-z]+(?:[._][A-Za-z]+)?`)
)

// refUnits returns the spans of text that must not be cut: URLs, entities,
// emoji units and keep.
func refUnits(text string, keep [][2]int) [][2]int {
	var spans [][2]int
	for _, u := range extract.URLs(text) {
		spans = append(spans, [2]int{u.Start, u.End})
	}
	for _, re := range []*regexp.Regexp{refMention, refHashtag, refCashtag} {
		for _, m := range re.FindAllStringIndex(text, -1) {
			spans = append(spans, [2]int{m[0], m[1]})
		}
	}
	for from := 0; ; {
		s, e, ok := emoji.Next(text, from)
		if !ok {
			break
		}
		spans = append(spans, [2]int{s, e})
		from = e
	}
	return append(spans, keep...)
}

// refBoundaries returns the set of offsets at which segments of text end,
// for each of uniseg's segmenters.
func refBoundaries(text string) (graphemes, sentences, lines map[int]bool) {
	graphemes, sentences, lines = map[int]bool{}, map[int]bool{}, map[int]bool{}
	for off, state, rest := 0, -1, text; rest != ""; {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		off += len(cl)
		graphemes[off] = true
	}
	for off, state, rest := 0, -1, text; rest != ""; {
		var s string
		s, rest, state = uniseg.FirstSentenceInString(rest, state)
		off += len(s)
		sentences[off] = true
	}
	for off, state, rest := 0, -1, text; rest != ""; {
		var s string
		s, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		off += len(s)
		lines[off] = true
	}
	return graphemes, sentences, lines
}

// refTrimEnd returns the end of text[:b] trimmed of white space, moved up
// to a grapheme boundary of g (a cluster that is not all space is kept).
func refTrimEnd(text string, b int, g map[int]bool) int {
	end := len(strings.TrimRightFunc(text[:b], isSpace))
	for end > 0 && end < b && !g[end] {
		end++
	}
	return end
}

// refTrimStart returns the start of text[a:] trimmed of white space, moved
// back to a grapheme boundary of g.
func refTrimStart(text string, a int, g map[int]bool) int {
	start := len(text) - len(strings.TrimLeftFunc(text[a:], isSpace))
	for start > a && start < len(text) && !g[start] {
		start--
	}
	return start
}

// refCut is a place to cut found by the reference.
type refCut struct {
	off, end int
	rank     Rank
}

// refCuts lists every place text may be cut, with its rank and where a
// part cut there ends (white space before it trimmed).
func refCuts(text string, keep [][2]int) []refCut {
	units := refUnits(text, keep)
	g, sent, line := refBoundaries(text)
	g[0] = true
	var cuts []refCut
	for b := 1; b <= len(text); b++ {
		if !g[b] {
			continue
		}
		inside := false
		for _, u := range units {
			if u[0] < b && b < u[1] {
				inside = true
			}
		}
		if inside && b < len(text) {
			continue
		}
		end := refTrimEnd(text, b, g)
		// The run of white space before b.
		run := text[end:b]
		rank := Grapheme
		switch {
		case b == len(text):
			rank = End
		case strings.Count(run, "\n") >= 2:
			rank = Paragraph
		case sent[b] && line[b]:
			rank = Sentence
		case line[b]:
			rank = Word
		}
		cuts = append(cuts, refCut{off: b, end: end, rank: rank})
	}
	return cuts
}

// refSplit splits items by the documented rule, the slow way.
func refSplit(items []Item, m Measure, opts Options) ([]Part, error) {
	format := opts.NumberFormat
	if format == "" {
		format = DefaultNumberFormat
	}
	s := &splitter{opts: opts, format: format} // for counter and compose only
	run := func(total int) ([]Part, error) {
		s.total = total
		var parts []Part
		for i, item := range items {
			text := item.Text
			cuts := refCuts(text, item.Keep)
			g, _, _ := refBoundaries(text)
			g[0] = true
			first := refTrimStart(text, 0, g)
			last := refTrimEnd(text, len(text), g)
			if first == len(text) {
				num := s.counter(len(parts))
				t, body := s.compose("", num)
				count, ok := m(Candidate{Text: t, Body: body, Item: i, Index: len(parts), First: true, Last: true})
				if !ok {
					return nil, &UnbreakableError{Index: len(parts)}
				}
				parts = append(parts, Part{Text: t, Number: num, Item: i, Count: count})
				continue
			}
			for start := first; start < len(text); {
				index := len(parts)
				num := s.counter(index)
				measure := func(c refCut) (int, bool) {
					t, body := s.compose(text[start:c.end], num)
					return m(Candidate{Text: t, Body: body, Item: i, Start: start, End: c.end, Index: index, First: start == first, Last: c.end == last})
				}
				var after []refCut
				for _, c := range cuts {
					if c.off > start {
						after = append(after, c)
					}
				}
				longest := -1
				for j := len(after) - 1; j >= 0; j-- {
					if _, ok := measure(after[j]); ok {
						longest = j
						break
					}
				}
				if longest < 0 {
					return nil, &UnbreakableError{Index: index}
				}
				chosen := after[longest]
				if chosen.rank != End {
					full, _ := measure(chosen)
					for _, rank := range []Rank{Paragraph, Sentence, Word} {
						if after[longest].rank >= rank {
							break
						}
						j := longest - 1
						for j >= 0 && after[j].rank < rank {
							j--
						}
						if j < 0 {
							continue
						}
						if count, ok := measure(after[j]); ok && 2*count >= full {
							chosen = after[j]
							break
						}
					}
				}
				count, _ := measure(chosen)
				t, _ := s.compose(text[start:chosen.end], num)
				parts = append(parts, Part{Text: t, Body: text[start:chosen.end], Number: num, Item: i, Start: start, End: chosen.end, Count: count})
				start = refTrimStart(text, chosen.off, g)
			}
		}
		return parts, nil
	}
	if !opts.Number {
		return run(0)
	}
	// The numbering procedure of the package documentation.
	renumber := func(parts []Part) ([]Part, bool) {
		s.total = len(parts)
		out := make([]Part, len(parts))
		for i, p := range parts {
			p.Number = s.counter(i)
			var body int
			p.Text, body = s.compose(p.Body, p.Number)
			var ok bool
			p.Count, ok = m(Candidate{Text: p.Text, Body: body, Item: p.Item, Start: p.Start, End: p.End, Index: i,
				First: i == 0 || parts[i-1].Item != p.Item, Last: i == len(parts)-1 || parts[i+1].Item != p.Item})
			if !ok {
				return nil, false
			}
			out[i] = p
		}
		return out, true
	}
	tried := map[int]bool{}
	var runs [][]Part
	for n := 1; len(tried) < 16 && !tried[n]; {
		tried[n] = true
		parts, err := run(n)
		var ue *UnbreakableError
		if errors.As(err, &ue) && ue.Index >= n {
			n = ue.Index + 1
			continue
		}
		if err != nil || len(parts) == n {
			return parts, err
		}
		if len(parts) < n {
			if out, ok := renumber(parts); ok {
				return out, nil
			}
		}
		runs = append(runs, parts)
		n = len(parts)
	}
	for i := len(runs) - 1; i >= 0; i-- {
		if out, ok := renumber(runs[i]); ok {
			return out, nil
		}
	}
	return nil, errors.New("does not settle")
}

// TestReferenceCuts checks the places to cut against the reference's on
// texts with every kind of unit.
func TestReferenceCuts(t *testing.T) {
	for _, text := range refTexts {
		var got []refCut
		c := newCutter(text, nil)
		for {
			ct, ok := c.next()
			if !ok {
				break
			}
			got = append(got, refCut{ct.off, ct.end, ct.rank})
		}
		want := refCuts(text, nil)
		if len(got) != len(want) {
			t.Errorf("%q: %d places, want %d\n got %v\nwant %v", text, len(got), len(want), got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: place %d is %v, want %v", text, i, got[i], want[i])
				break
			}
		}
	}
}

var refTexts = []string{
	"Hello, world. This is a test!\n\nNew paragraph here.",
	"see https://example.com/a/b?c=d, and @alice@example.social #tag_1 $AAPL.B then.",
	"日本語の文章は、スペースを使いません。次の文です。「かっこ」も",
	"ภาษาไทย ไม่มี การเว้นวรรค",
	"👩‍👩‍👧‍👦 family 🇫🇷🇩🇪 flags e\u0301te\u0301 1️⃣ keycap",
	"  leading\r\n\r\n  and trailing  \n",
	"Donaudampfschifffahrtsgesellschaftskapitän ist lang.",
	"#日本語ハッシュタグ と ＠ユーザー と ＃タグ",
	"a\u0600 b \u0600@x",
}
