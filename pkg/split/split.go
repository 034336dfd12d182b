package split

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/extract"
)

// Candidate is a part being considered, handed to a [Measure].
type Candidate struct {
	// Text is the part as it would be posted: its body, and its counter
	// when the thread is numbered.
	Text string
	// Body is the byte offset of the body in Text (after a counter placed
	// at the start; 0 otherwise).
	Body int
	// Item is the index of the item the body comes from; Start and End
	// are the byte offsets of the body in that item's text.
	Item       int
	Start, End int
	// Index is the 0-based index of the part in the thread.
	Index int
	// First and Last report that the part is the first or the last of its
	// item (both for a part that takes the whole item).
	First, Last bool
}

// Measure says what a candidate part counts, in the unit of the profile
// (characters, weighted length…), and whether it fits. It must not keep c.
type Measure func(c Candidate) (count int, ok bool)

// Placement says where the counter of a numbered thread goes.
type Placement int

const (
	// AtEnd places the counter after the part's text, after a space.
	AtEnd Placement = iota
	// AtStart places the counter before the part's text, followed by a
	// space.
	AtStart
)

// DefaultNumberFormat is the counter's format when none is given: the
// part's number, "/", the number of parts.
const DefaultNumberFormat = "{i}/{n}"

// Options say how to split.
type Options struct {
	// Number adds a counter to each part, counted in its length.
	Number bool
	// NumberFormat is the counter: "{i}" is replaced by the part's 1-based
	// number, "{n}" by the number of parts. "" means DefaultNumberFormat.
	NumberFormat string
	// NumberAt places the counter. It is joined to the text by a space,
	// unless the format itself starts (AtEnd) or ends (AtStart) with white
	// space.
	NumberAt Placement
	// MaxParts > 0 makes Split fail with a *TooManyPartsError when the
	// thread needs more parts.
	MaxParts int
}

// Item is one text to split: a draft, or one item of a thread its writer
// already split with delimiters.
type Item struct {
	Text string
	// Keep lists byte spans [start, end) of Text not to cut, besides those
	// Split finds itself (URLs, mentions, hashtags, cashtags, emoji): the
	// Markdown images written in the text, for instance.
	Keep [][2]int
}

// Part is one part of a thread.
type Part struct {
	// Text is the part as posted: Body, with the counter when numbered.
	Text string
	// Body is the part's text from the input, trimmed of white space.
	Body string
	// Number is the counter ("2/5"), "" when not numbered.
	Number string
	// Item is the index of the item Body comes from; Start and End are the
	// byte offsets of Body in that item's text.
	Item       int
	Start, End int
	// Count is what the measure said the part counts.
	Count int
}

// UnbreakableError says that the smallest unit that can start a part does
// not fit in a part on its own.
type UnbreakableError struct {
	// Item is the index of the item; Start and End the unit's byte offsets
	// in its text.
	Item       int
	Start, End int
	// Unit is the unit's text, and What says what it is: "the URL", "the
	// mention", "the character"…
	Unit, What string
	// Index is the 0-based index of the part it would start.
	Index int
	// Count is what the smallest part holding it counts; Number is that
	// part's counter ("" when the thread is not numbered).
	Count  int
	Number string
}

func (e *UnbreakableError) Error() string {
	with := ""
	if e.Number != "" {
		with = fmt.Sprintf(" with the counter %q", e.Number)
	}
	return fmt.Sprintf("%s %s cannot be cut and does not fit in a part on its own (the part would count %d%s)",
		e.What, quoteShort(e.Unit, 60), e.Count, with)
}

// TooManyPartsError says that the thread needs more parts than allowed.
type TooManyPartsError struct {
	Need, Max int
}

func (e *TooManyPartsError) Error() string {
	return fmt.Sprintf("the thread needs %d parts, more than the %d allowed", e.Need, e.Max)
}

// Split splits text into a thread of parts that each fit; see the package
// documentation for the rule. It is SplitItems with a single item.
func Split(text string, m Measure, opts Options) ([]Part, error) {
	return SplitItems([]Item{{Text: text}}, m, opts)
}

// maxRounds bounds the times a numbered split is redone because the number
// of parts changed the counters.
const maxRounds = 16

// SplitItems splits each item into parts that fit, as Split does, and
// returns the parts of all the items in order: a break between two items is
// always a break between two parts. An item that is only white space gives
// one empty part. Numbering counts the parts of all the items.
func SplitItems(items []Item, m Measure, opts Options) ([]Part, error) {
	if opts.MaxParts < 0 {
		return nil, errors.New("the maximum number of parts cannot be negative")
	}
	format := opts.NumberFormat
	if format == "" {
		format = DefaultNumberFormat
	}
	if opts.Number && !strings.Contains(format, "{i}") && !strings.Contains(format, "{n}") {
		return nil, fmt.Errorf("the number format %q holds neither {i} nor {n}", format)
	}
	s := &splitter{items: items, measure: m, opts: opts, format: format}
	s.bounds = make([][2]int, len(items))
	for i := range items {
		s.bounds[i] = [2]int{skipSpace(items[i].Text, 0), trimmedEnd(items[i].Text)}
	}
	if !opts.Number {
		return s.check(s.run(0))
	}
	// The counters depend on the number of parts: start from one part, and
	// split again with the number found until it no longer changes.
	tried := map[int]bool{}
	var runs [][]Part
	var unbreakable error
	for n, round := 1, 0; round < maxRounds && !tried[n]; round++ {
		tried[n] = true
		parts, err := s.run(n)
		var ue *UnbreakableError
		if errors.As(err, &ue) && ue.Index >= n {
			// The counters said too few parts: the thread has at least
			// one more than the part that failed. Say so in the counters.
			n, unbreakable = ue.Index+1, err
			continue
		}
		if err != nil || len(parts) == n {
			return s.check(parts, err)
		}
		if len(parts) < n {
			// Fewer parts than the counters said: their counters can
			// only get shorter.
			if numbered, err := s.renumber(parts); err == nil {
				return s.check(numbered, nil)
			}
		}
		runs = append(runs, parts)
		n = len(parts)
	}
	// The split does not settle (a measure under which a longer counter
	// may give fewer parts): number a split with its own length, the last
	// one first, if every part still fits.
	for i := len(runs) - 1; i >= 0; i-- {
		if numbered, err := s.renumber(runs[i]); err == nil {
			return s.check(numbered, nil)
		}
	}
	if unbreakable != nil {
		return nil, unbreakable
	}
	return nil, errors.New("cannot number the thread: the number of parts does not settle, and no split fits numbered with its own length")
}

// check applies MaxParts.
func (s *splitter) check(parts []Part, err error) ([]Part, error) {
	if err != nil {
		return nil, err
	}
	if s.opts.MaxParts > 0 && len(parts) > s.opts.MaxParts {
		return nil, &TooManyPartsError{Need: len(parts), Max: s.opts.MaxParts}
	}
	return parts, nil
}

// splitter is one Split.
type splitter struct {
	items   []Item
	measure Measure
	opts    Options
	format  string
	bounds  [][2]int // where the text of each item starts and ends, trimmed
	total   int      // the number of parts the counters say
}

// counter returns the counter of part i (0-based), "" when not numbered.
func (s *splitter) counter(i int) string {
	if !s.opts.Number {
		return ""
	}
	r := strings.NewReplacer("{i}", strconv.Itoa(i+1), "{n}", strconv.Itoa(s.total))
	return r.Replace(s.format)
}

// compose returns the text of a part with body and counter num, and where
// the body starts in it.
func (s *splitter) compose(body, num string) (string, int) {
	if num == "" {
		return body, 0
	}
	if s.opts.NumberAt == AtStart {
		sep := " "
		if last, _ := utf8.DecodeLastRuneInString(num); isSpace(last) || body == "" {
			sep = ""
		}
		return num + sep + body, len(num) + len(sep)
	}
	sep := " "
	if first, _ := utf8.DecodeRuneInString(num); isSpace(first) || body == "" {
		sep = ""
	}
	return body + sep + num, 0
}

// run splits every item with counters that say total parts.
func (s *splitter) run(total int) ([]Part, error) {
	s.total = total
	var parts []Part
	for i := range s.items {
		var err error
		parts, err = s.splitItem(parts, i)
		if err != nil {
			return nil, err
		}
	}
	return parts, nil
}

// renumber returns parts with counters saying their number, and fails if a
// part no longer fits.
func (s *splitter) renumber(parts []Part) ([]Part, error) {
	parts = slices.Clone(parts)
	s.total = len(parts)
	for i := range parts {
		p := &parts[i]
		p.Number = s.counter(i)
		text, body := s.compose(p.Body, p.Number)
		b := s.bounds[p.Item]
		count, ok := s.measure(Candidate{
			Text: text, Body: body, Item: p.Item, Start: p.Start, End: p.End, Index: i,
			First: p.Start == b[0] || p.Body == "", Last: p.End == b[1] || p.Body == "",
		})
		if !ok {
			return nil, fmt.Errorf("part %d does not fit with the counter %q", i+1, p.Number)
		}
		p.Text, p.Count = text, count
	}
	return parts, nil
}

// result is a measure of one candidate.
type result struct {
	count int
	ok    bool
}

// itemSplit is the state of splitting one item.
type itemSplit struct {
	*splitter
	item     int
	text     string
	cuts     *cutter
	win      []cut // places to cut after start, in order, as found so far
	done     bool  // win holds every place to the end of the text
	start    int   // where the current part starts
	index    int   // the current part's index in the thread
	first    int   // where the item's first part starts
	last     int   // where the item's last part ends
	measured map[int]result
}

// at returns the i-th place to cut after the start of the current part,
// and false when there are fewer.
func (it *itemSplit) at(i int) (cut, bool) {
	for len(it.win) <= i && !it.done {
		c, ok := it.cuts.next()
		if !ok {
			it.done = true
			break
		}
		if c.off > it.start {
			it.win = append(it.win, c)
		}
	}
	if i < len(it.win) {
		return it.win[i], true
	}
	return cut{}, false
}

// fits measures the part that ends at place c.
func (it *itemSplit) fits(c cut) result {
	if r, ok := it.measured[c.end]; ok {
		return r
	}
	num := it.counter(it.index)
	text, body := it.compose(it.text[it.start:c.end], num)
	count, ok := it.measure(Candidate{
		Text: text, Body: body, Item: it.item, Start: it.start, End: c.end, Index: it.index,
		First: it.start == it.first, Last: c.end == it.last,
	})
	r := result{count, ok}
	it.measured[c.end] = r
	return r
}

// splitItem appends the parts of item i to parts.
func (s *splitter) splitItem(parts []Part, i int) ([]Part, error) {
	text := s.items[i].Text
	it := &itemSplit{
		splitter: s, item: i, text: text, cuts: newCutter(text, s.items[i].Keep),
		index: len(parts), measured: map[int]result{},
	}
	it.first, it.last = s.bounds[i][0], s.bounds[i][1]
	it.start = it.first
	if it.start == len(text) {
		// Only white space: one empty part.
		num := s.counter(it.index)
		t, body := s.compose("", num)
		count, ok := s.measure(Candidate{Text: t, Body: body, Item: i, Start: 0, End: 0, Index: it.index, First: true, Last: true})
		if !ok {
			return nil, &UnbreakableError{Item: i, Unit: num, What: "the counter", Index: it.index, Count: count, Number: num}
		}
		return append(parts, Part{Text: t, Number: num, Item: i, Count: count}), nil
	}
	for it.start < len(text) {
		c, err := it.nextPart()
		if err != nil {
			return nil, err
		}
		r := it.fits(c)
		num := s.counter(it.index)
		t, _ := s.compose(text[it.start:c.end], num)
		parts = append(parts, Part{Text: t, Body: text[it.start:c.end], Number: num, Item: i, Start: it.start, End: c.end, Count: r.count})
		it.index++
		it.start = skipSpace(text, c.off)
		k := 0
		for k < len(it.win) && it.win[k].off <= it.start {
			k++
		}
		it.win = it.win[k:]
		clear(it.measured)
	}
	return parts, nil
}

// nextPart chooses where the part that starts at it.start ends.
func (it *itemSplit) nextPart() (cut, error) {
	c0, ok := it.at(0)
	if !ok {
		return cut{}, errors.New("split: no place to cut") // cannot happen: the end of the text is one
	}
	if r := it.fits(c0); !r.ok {
		return cut{}, it.unbreakable(c0, r)
	}
	// The longest prefix that fits: double the step until a place does
	// not fit (or the text ends), then bisect.
	lo, hi := 0, -1
	for step := 1; hi < 0; step *= 2 {
		j := lo + step
		if _, ok := it.at(j); !ok {
			j = len(it.win) - 1
			if j == lo {
				break // lo is the end of the text
			}
		}
		c, _ := it.at(j)
		if it.fits(c).ok {
			lo = j
		} else {
			hi = j
		}
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		c, _ := it.at(mid)
		if it.fits(c).ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return it.choose(lo), nil
}

// choose returns where the part ends, given that the longest prefix that
// fits ends at place win[longest].
func (it *itemSplit) choose(longest int) cut {
	l := it.win[longest]
	if l.rank == End {
		return l
	}
	full := it.fits(l).count
	for _, rank := range [...]Rank{Paragraph, Sentence, Word} {
		if l.rank >= rank {
			return l
		}
		j := longest - 1
		for j >= 0 && it.win[j].rank < rank {
			j--
		}
		if j < 0 {
			continue
		}
		if r := it.fits(it.win[j]); r.ok && 2*r.count >= full {
			return it.win[j]
		}
	}
	return l
}

// unbreakable describes the unit that starts the part and does not fit.
func (it *itemSplit) unbreakable(c cut, r result) error {
	unit := it.text[it.start:c.end]
	return &UnbreakableError{
		Item: it.item, Start: it.start, End: c.end, Unit: unit, What: unitKind(unit),
		Index: it.index, Count: r.count, Number: it.counter(it.index),
	}
}

// unitKind says what an unbreakable unit is, for people.
func unitKind(u string) string {
	switch {
	case strings.HasPrefix(u, "@") || strings.HasPrefix(u, "＠"):
		return "the mention"
	case strings.HasPrefix(u, "#") || strings.HasPrefix(u, "＃"):
		return "the hashtag"
	case strings.HasPrefix(u, "$"):
		return "the cashtag"
	case strings.HasPrefix(u, "!["):
		return "the image"
	case hasURL(u):
		return "the URL"
	case uniseg.GraphemeClusterCount(u) == 1:
		return "the character"
	}
	return "the text"
}

// quoteShort quotes s, shortened to its first n grapheme clusters and "…".
func quoteShort(s string, n int) string {
	state, off := -1, 0
	for i := 0; i < n && off < len(s); i++ {
		var cl string
		cl, _, _, state = uniseg.FirstGraphemeClusterInString(s[off:], state)
		off += len(cl)
	}
	if off < len(s) {
		return strconv.Quote(s[:off] + "…")
	}
	return strconv.Quote(s)
}

// hasURL reports whether s holds a URL.
func hasURL(s string) bool {
	var sc extract.URLScanner
	sc.Reset(s)
	_, _, ok := sc.Next()
	return ok
}
