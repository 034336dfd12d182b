package split

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/emoji"
	"github.com/tweetlen/tweetlen/pkg/extract"
)

// Rank says how good a place to cut is; higher is better.
type Rank uint8

// The ranks of places to cut, lowest first.
const (
	// Grapheme is any place between two grapheme clusters.
	Grapheme Rank = iota + 1
	// Word is a line-break opportunity (UAX #14).
	Word
	// Sentence is a sentence boundary (UAX #29) that is also a line-break
	// opportunity.
	Sentence
	// Paragraph is a run of white space with two line breaks or more.
	Paragraph
	// End is the end of the text.
	End
)

func (r Rank) String() string {
	switch r {
	case Grapheme:
		return "grapheme"
	case Word:
		return "word"
	case Sentence:
		return "sentence"
	case Paragraph:
		return "paragraph"
	case End:
		return "end"
	}
	return "none"
}

// cut is a place where a text may be cut.
type cut struct {
	off  int  // the byte offset of the place
	end  int  // where a part cut here ends: off less the white space before it
	rank Rank //
}

// cutter lists the places a text may be cut, in order, as they are asked
// for, so that a long text is not segmented all at once.
type cutter struct {
	text string
	keep [][2]int // spans not to cut, sorted by start
	ki   int      // the first span of keep that may hold the next place

	rest    string // what is left to segment
	off     int    // where rest starts in text
	state   int    // uniseg's state
	protect int    // no cut before this offset: an entity runs to here
	nonSp   int    // the end of the last cluster that is not white space
	nl      int    // line breaks in the run of white space that ends at off

	urls       extract.URLScanner
	uStart     int
	uEnd       int
	uOK        bool
	urlStarted bool

	eStart, eEnd int // the next emoji unit
	eOK          bool
	eStarted     bool
}

func newCutter(text string, keep [][2]int) *cutter {
	k := make([][2]int, 0, len(keep))
	for _, s := range keep {
		if s[0] < s[1] && s[0] >= 0 && s[1] <= len(text) {
			k = append(k, s)
		}
	}
	sort.Slice(k, func(i, j int) bool { return k[i][0] < k[j][0] })
	c := &cutter{text: text, keep: k, rest: text, state: -1}
	c.urls.Reset(text)
	return c
}

// next returns the next place to cut; ok is false after the end of the text
// has been returned.
func (c *cutter) next() (ct cut, ok bool) {
	for len(c.rest) > 0 {
		start := c.off
		var cluster string
		var b int
		cluster, c.rest, b, c.state = uniseg.StepString(c.rest, c.state)
		c.off += len(cluster)
		for k := start; k < c.off; k++ {
			if b := c.text[k]; b == '@' || b == '#' || b == '$' || b == 0xEF {
				if end := entityEnd(c.text, k); end > c.protect {
					c.protect = end
				}
			}
		}
		if isSpaceCluster(cluster) {
			c.nl += strings.Count(cluster, "\n")
		} else {
			c.nl = 0
			c.nonSp = c.off
		}
		at := c.off
		if at == len(c.text) {
			return cut{off: at, end: c.nonSp, rank: End}, true
		}
		if at < c.protect || c.inURL(at) || c.inEmoji(at) || c.inKeep(at) {
			continue
		}
		line := b & uniseg.MaskLine
		lineOK := line == uniseg.LineCanBreak || line == uniseg.LineMustBreak
		r := Grapheme
		switch {
		case c.nl >= 2:
			r = Paragraph
		case lineOK && b&uniseg.MaskSentence != 0:
			r = Sentence
		case lineOK:
			r = Word
		}
		return cut{off: at, end: c.nonSp, rank: r}, true
	}
	return cut{}, false
}

// inURL reports whether at is strictly inside a URL.
func (c *cutter) inURL(at int) bool {
	if !c.urlStarted {
		c.urlStarted = true
		c.uStart, c.uEnd, c.uOK = c.urls.Next()
	}
	for c.uOK && c.uEnd <= at {
		c.uStart, c.uEnd, c.uOK = c.urls.Next()
	}
	return c.uOK && c.uStart < at && at < c.uEnd
}

// inEmoji reports whether at is strictly inside an emoji unit (which may
// span several grapheme clusters: twemoji-parser's units are its own).
func (c *cutter) inEmoji(at int) bool {
	if !c.eStarted {
		c.eStarted = true
		c.eStart, c.eEnd, c.eOK = emoji.Next(c.text, 0)
	}
	for c.eOK && c.eEnd <= at {
		c.eStart, c.eEnd, c.eOK = emoji.Next(c.text, c.eEnd)
	}
	return c.eOK && c.eStart < at && at < c.eEnd
}

// inKeep reports whether at is strictly inside a span to keep whole.
func (c *cutter) inKeep(at int) bool {
	for c.ki < len(c.keep) && c.keep[c.ki][1] <= at {
		c.ki++
	}
	for i := c.ki; i < len(c.keep) && c.keep[i][0] < at; i++ {
		if at < c.keep[i][1] {
			return true
		}
	}
	return false
}

// isSpace reports whether r is white space trimmed at the joints (as the
// post readers trim a post: JavaScript's trim).
func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' }

// isSpaceCluster reports whether a grapheme cluster is all white space.
func isSpaceCluster(cl string) bool {
	for _, r := range cl {
		if !isSpace(r) {
			return false
		}
	}
	return cl != ""
}

// skipSpace returns the offset of the first grapheme cluster at or after
// from (a cluster boundary) that is not white space, or len(text).
func skipSpace(text string, from int) int {
	state := -1
	for from < len(text) {
		var cl string
		cl, _, _, state = uniseg.FirstGraphemeClusterInString(text[from:], state)
		if !isSpaceCluster(cl) {
			return from
		}
		from += len(cl)
	}
	return len(text)
}

// trimmedEnd returns the end of the last grapheme cluster of text that is
// not white space (0 if none).
func trimmedEnd(text string) int {
	end, off, state := 0, 0, -1
	for rest := text; len(rest) > 0; {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		off += len(cl)
		if !isSpaceCluster(cl) {
			end = off
		}
	}
	return end
}

// entityEnd returns the end of the entity that starts at text[i:] and must
// not be cut (a mention, a hashtag, a cashtag), or i.
//
// The spans are generous: cutting a little less often is harmless, cutting
// inside an entity is not.
//
//   - a mention is "@" (or "＠") and a name of ASCII letters, digits and "_",
//     with what may follow it: a Mastodon domain ("@user@example.social") or a
//     list ("@user/list"): a run of ASCII letters, digits, "_", "-", ".",
//     "@" and "/" that ends in a letter, digit or "_";
//   - a hashtag is "#" (or "＃") and a run of letters, marks, digits, "_",
//     ZWNJ and ZWJ;
//   - a cashtag is "$" and a run of ASCII letters, then maybe "." or "_" and
//     more letters.
func entityEnd(text string, i int) int {
	c := text[i]
	switch {
	case c == '@' || strings.HasPrefix(text[i:], "＠"):
		j := i + 1
		if c != '@' {
			j = i + len("＠")
		}
		k := j
		for k < len(text) && isWordByte(text[k]) {
			k++
		}
		if k == j {
			return i
		}
		end := k
		for ; k < len(text) && (isWordByte(text[k]) || strings.IndexByte("-.@/", text[k]) >= 0); k++ {
			if isWordByte(text[k]) {
				end = k + 1
			}
		}
		return end
	case c == '#' || strings.HasPrefix(text[i:], "＃"):
		j := i + 1
		if c != '#' {
			j = i + len("＃")
		}
		k := j
		for k < len(text) {
			r, n := utf8.DecodeRuneInString(text[k:])
			if !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '_' || r == '\u200c' || r == '\u200d') {
				break
			}
			k += n
		}
		if k > j {
			return k
		}
	case c == '$':
		k := i + 1
		for k < len(text) && isLetterByte(text[k]) {
			k++
		}
		if k == i+1 {
			return i
		}
		if k+1 < len(text) && (text[k] == '.' || text[k] == '_') && isLetterByte(text[k+1]) {
			k++
			for k < len(text) && isLetterByte(text[k]) {
				k++
			}
		}
		return k
	}
	return i
}

func isWordByte(c byte) bool { return c == '_' || isLetterByte(c) || c >= '0' && c <= '9' }

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
