package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// Markers around the overflow when colour is off.
const (
	markOpen  = "⟦"
	markClose = "⟧"
)

// The overflowing text is shown whole up to these sizes, else as an excerpt
// of excerptBytes either side of where the overflow starts.
const (
	showWholeBytes = 4096
	showWholeLines = 40
	excerptBytes   = 200
)

// textReporter writes a report for people (--format text):
//
//	37/140 · 103 left · fits (twitter)
//	152/140 · over by 12 (twitter)
//	  over the limit from line 1, column 141:
//	  …text that fits⟦text that does not⟧
type textReporter struct {
	w       *bufio.Writer
	c       *checker
	color   bool
	limit   int
	maxWgt  int // limit × scale: the most the summed weights may be
	scale   int
	profile string
}

func newTextReporter(w io.Writer, c *checker, color bool) reporter {
	return &textReporter{
		w:       bufio.NewWriterSize(w, 64<<10),
		c:       c,
		color:   color,
		limit:   c.cfg.MaxWeightedTweetLength,
		maxWgt:  c.cfg.MaxWeightedTweetLength * c.cfg.Scale,
		scale:   c.cfg.Scale,
		profile: c.profile,
	}
}

func (t *textReporter) flush() error { return t.w.Flush() }

func (t *textReporter) report(p *post, r *tweet.Result) error {
	w := t.w
	if t.c.labeled {
		w.WriteString(p.label())
		w.WriteString(": ")
	}
	over := r.Weight > t.maxWgt
	fmt.Fprintf(w, "%d/%d · ", r.WeightedLength, t.limit)
	switch {
	case over:
		// Round up, so that a fractional excess (custom configs) is not "0".
		fmt.Fprintf(w, "over by %d", (r.Weight-t.maxWgt+t.scale-1)/t.scale)
	case r.WeightedLength == 0 && !r.Valid:
		fmt.Fprintf(w, "%d left · empty", t.limit)
	case !r.Valid:
		fmt.Fprintf(w, "%d left · invalid character", t.limit-r.WeightedLength)
	default:
		fmt.Fprintf(w, "%d left · fits", t.limit-r.WeightedLength)
	}
	fmt.Fprintf(w, " (%s)\n", t.profile)

	text := r.Text
	if bad := tweet.IndexInvalid(text); bad >= 0 {
		line, col := lineCol(text, bad)
		ch, _ := utf8.DecodeRuneInString(text[bad:])
		fmt.Fprintf(w, "  %U (%s) at line %d, column %d is not allowed in a post\n", ch, invalidCharName(ch), line, col)
	}
	if over {
		cut := r.SafeCutBytes
		line, col := lineCol(text, cut)
		fmt.Fprintf(w, "  over the limit from line %d, column %d:\n  ", line, col)
		t.writeMarked(text, cut)
		w.WriteByte('\n')
	}
	if r.Normalized && over {
		w.WriteString("  (shown as counted: NFC-normalised)\n")
	}
	return nil
}

// writeMarked writes text with the part from cut on marked: coloured, or
// between ⟦ and ⟧. A long text is cut to an excerpt around cut.
func (t *textReporter) writeMarked(text string, cut int) {
	start, end := 0, len(text)
	if len(text) > showWholeBytes || strings.Count(text, "\n") >= showWholeLines {
		start = max(0, cut-excerptBytes)
		if nl := strings.LastIndexByte(text[start:cut], '\n'); nl >= 0 {
			start += nl + 1 // the excerpt starts on the overflow's line
		}
		for start < cut && !utf8.RuneStart(text[start]) {
			start++
		}
		end = min(len(text), cut+excerptBytes)
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end++
		}
	}
	if start > 0 {
		t.w.WriteString("…")
	}
	t.writeShown(text[start:cut], false)
	if t.color {
		t.w.WriteString(colorOverflow)
	} else {
		t.w.WriteString(markOpen)
	}
	t.writeShown(text[cut:end], t.color)
	if t.color {
		t.w.WriteString(colorReset)
	} else {
		t.w.WriteString(markClose)
	}
	if end < len(text) {
		t.w.WriteString("…")
	}
}

// writeShown writes s indented under the report line, with control
// characters shown as their Unicode control pictures (so input cannot drive
// the terminal). Inside a coloured span the colour pauses for the indent.
func (t *textReporter) writeShown(s string, colored bool) {
	for len(s) > 0 {
		i := 0
		for i < len(s) && (s[i] >= 0x20 && s[i] != 0x7f || s[i] == '\t') {
			i++
		}
		t.w.WriteString(s[:i])
		if i == len(s) {
			return
		}
		switch c := s[i]; {
		case c == '\n':
			if colored {
				t.w.WriteString(colorReset)
			}
			t.w.WriteString("\n  ")
			if colored {
				t.w.WriteString(colorOverflow)
			}
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// CRLF: the '\n' makes the line break.
		case c == 0x7f:
			t.w.WriteString("\u2421")
		default:
			t.w.WriteRune(0x2400 + rune(c))
		}
		s = s[i+1:]
	}
}

// lineCol returns the 1-based line and column of byte offset off in s,
// columns counted in grapheme clusters (what an editor calls characters).
func lineCol(s string, off int) (line, col int) {
	before := s[:off]
	line = 1 + strings.Count(before, "\n")
	lineStart := strings.LastIndexByte(before, '\n') + 1
	return line, 1 + uniseg.GraphemeClusterCount(before[lineStart:])
}

func invalidCharName(r rune) string {
	if r == 0xFEFF {
		return "zero width no-break space, the byte order mark"
	}
	return "a noncharacter"
}
