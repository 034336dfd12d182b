package cli

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/report"
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

// textWriter writes the report for people (--format text):
//
//	37/140 · 103 left · fits (twitter)
//	posts/launch.tweet: 152/140 · over by 12 (twitter)
//	  over the limit from line 4, column 141:
//	  …text that fits⟦text that does not⟧
//	  1 image not counted (cat.jpg)
//
// Input errors go to stderr, in order with the report. With more than one
// post, a summary line ends the report.
type textWriter struct {
	w       *bufio.Writer
	errOut  io.Writer
	color   bool
	labeled bool // name each post (several inputs)
	quiet   bool // report only posts that fail

	posts, failed, over int
	last                *post.Post // the post of the last verdict
	lastFailed          bool       // some verdict on last failed
	lastOver            bool       // some verdict on last was over
	files               map[string]bool
	inputErrors         int
}

func newTextWriter(out, errOut io.Writer, color, labeled, quiet bool) *textWriter {
	return &textWriter{
		w:       bufio.NewWriterSize(out, 64<<10),
		errOut:  errOut,
		color:   color,
		labeled: labeled,
		quiet:   quiet,
		files:   map[string]bool{},
	}
}

// label names a post: "draft.txt", "posts/queue.json:3:13" for one of
// several posts of a file, "posts/thread.tweet:5:1 (2/3)" for a thread's.
func label(p *post.Post) string {
	s := p.Source
	if s.Index == 0 || s.Pos.IsZero() {
		return s.File
	}
	l := fmt.Sprintf("%s:%d", s.File, s.Pos.Line)
	if s.Pos.Column > 0 {
		l += fmt.Sprintf(":%d", s.Pos.Column)
	}
	if s.Thread > 1 {
		l += fmt.Sprintf(" (%d/%d)", s.Index, s.Thread)
	}
	return l
}

func (t *textWriter) Post(r *lint.Report) error {
	// A post checked under several profiles counts once in the summary.
	if r.Post != t.last {
		t.last, t.lastFailed, t.lastOver = r.Post, false, false
		t.posts++
	}
	t.files[r.Post.Source.File] = true
	failed := r.Failed()
	if failed && !t.lastFailed {
		t.lastFailed = true
		t.failed++
	}
	if r.Over() && !t.lastOver {
		t.lastOver = true
		t.over++
	}
	if t.quiet && !failed {
		return nil
	}
	w := t.w
	if t.labeled || r.Post.Source.Index > 0 { // several posts: name each
		w.WriteString(label(r.Post))
		w.WriteString(": ")
	}
	fmt.Fprintf(w, "%d/%d · ", r.Count, r.Limit)
	switch {
	case r.Over():
		fmt.Fprintf(w, "over by %d", max(1, -r.Remaining))
	default:
		fmt.Fprintf(w, "%d left · %s", r.Remaining, verdict(r))
	}
	fmt.Fprintf(w, " (%s)\n", r.Profile.Name)

	for _, p := range r.Problems {
		if p.Rule == lint.RuleEmpty {
			continue // the verdict says it
		}
		if p.Rule == lint.RuleLength {
			fmt.Fprintf(w, "  over the limit from %s:\n  ", overflowWhere(r))
			t.writeMarked(r.Post.Text, r.OverflowStart, r.OverflowEnd)
			w.WriteByte('\n')
			continue
		}
		w.WriteString("  ")
		if p.Severity == lint.Warning {
			w.WriteString("warning: ")
		}
		if !p.Pos.IsZero() {
			fmt.Fprintf(w, "line %d, column %d: ", p.Pos.Line, p.Pos.Column)
		}
		t.writeShown(p.Message, false)
		w.WriteByte('\n')
	}
	for _, l := range r.LeftOut {
		w.WriteString("  ")
		t.writeShown(leftOutLine(&l, r), false)
		w.WriteByte('\n')
	}
	if r.ContentWarning > 0 {
		w.WriteString("  ")
		t.writeShown(fmt.Sprintf("content warning counted with the text (%d): %s", r.ContentWarning, r.Post.ContentWarning), false)
		w.WriteByte('\n')
	}
	if r.Reweighed > 0 {
		fmt.Fprintf(w, "  %d emoji newer than twitter-text's set counted %d each (emoji rule: unicode); twitter-text 3.1.0 counts %d\n",
			r.Reweighed, r.Profile.Config.DefaultWeight/r.Profile.Config.Scale, r.ReferenceCount)
	}
	return nil
}

// overflowWhere says where the overflow starts: "line 3, column 5" of the
// file, or, for a text that is not a verbatim part of its file (an escaped
// JSON string), "line 1, column 141 of the text".
func overflowWhere(r *lint.Report) string {
	if r.Post.Source.Verbatim {
		return fmt.Sprintf("line %d, column %d", r.OverflowPos.Line, r.OverflowPos.Column)
	}
	inText := post.Post{Text: r.Post.Text, Source: post.Source{Pos: post.Pos{Line: 1, Column: 1}, Verbatim: true}}
	pos := inText.Locate(r.OverflowStart)
	return fmt.Sprintf("line %d, column %d of the text", pos.Line, pos.Column)
}

// verdict is the word for a post that is not over: "fits", or what is wrong.
func verdict(r *lint.Report) string {
	var words []string
	for _, p := range r.Problems {
		if p.Severity != lint.Error {
			continue
		}
		word := ruleWords[p.Rule]
		if word == "" {
			word = p.Rule
		}
		if !slices.Contains(words, word) {
			words = append(words, word)
		}
	}
	if len(words) == 0 {
		return "fits"
	}
	return strings.Join(words, ", ")
}

// ruleWords name the rules in the verdict of the text report.
var ruleWords = map[string]string{
	lint.RuleEmpty:        "empty",
	lint.RuleInvalidChar:  "invalid character",
	lint.RuleMediaCount:   "media problem",
	lint.RuleMediaMix:     "media problem",
	lint.RuleMediaMissing: "media problem",
	lint.RuleMediaType:    "media problem",
	lint.RuleMediaSize:    "media problem",
	lint.RuleMediaLength:  "media problem",
	lint.RuleAltLength:    "media problem",
	lint.RulePollOptions:  "poll problem",
	lint.RulePollOption:   "poll problem",
	lint.RulePollDuration: "poll problem",
	lint.RulePollMedia:    "poll problem",
}

// leftOutLine says what was not counted: "2 images not counted",
// "reply @mentions not counted: @alice @bob".
func leftOutLine(l *lint.LeftOut, r *lint.Report) string {
	switch l.What {
	case "media":
		noun := l.Kind
		switch {
		case noun == "media":
			noun = "attachment"
		case noun == "gif":
			noun = "GIF"
		}
		if l.Count != 1 {
			noun += "s"
		}
		if r.Profile.MediaCost > 0 {
			return fmt.Sprintf("%d %s attached (media cost %d under %s)", l.Count, noun, r.Profile.MediaCost, r.Profile.Name)
		}
		return fmt.Sprintf("%d %s not counted", l.Count, noun)
	case "reply-mentions":
		return "reply @mentions not counted: " + l.Text
	case "quote":
		return "quoted post not counted: " + l.Text
	}
	return fmt.Sprintf("%d %s not counted", l.Count, l.What)
}

func (t *textWriter) InputError(e *report.InputError) error {
	t.inputErrors++
	if err := t.w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(t.errOut, "tweetlen: %s\n", inputErrorString(e))
	return nil
}

// inputErrorString is "FILE:LINE:COL: message".
func inputErrorString(e *report.InputError) string {
	where := e.File
	if e.Pos.Line > 0 {
		where += fmt.Sprintf(":%d", e.Pos.Line)
		if e.Pos.Column > 0 {
			where += fmt.Sprintf(":%d", e.Pos.Column)
		}
	}
	return where + ": " + e.Message
}

// Close writes the summary (when there was more than one post) and flushes.
func (t *textWriter) Close() error {
	if t.posts > 1 || t.labeled && t.posts+t.inputErrors > 0 {
		t.writeSummary()
	}
	return t.w.Flush()
}

// writeSummary writes "12 posts in 4 files: 10 pass, 2 fail (1 over the limit)".
func (t *textWriter) writeSummary() {
	w := t.w
	fmt.Fprintf(w, "%s in %s: ", plural(t.posts, "post"), plural(len(t.files), "file"))
	if t.failed == 0 {
		w.WriteString("all pass")
	} else {
		fmt.Fprintf(w, "%d pass, %d fail", t.posts-t.failed, t.failed)
		if t.over > 0 {
			fmt.Fprintf(w, " (%d over the limit)", t.over)
		}
	}
	if t.inputErrors > 0 {
		fmt.Fprintf(w, "; %s (see above)", plural(t.inputErrors, "input error"))
	}
	w.WriteByte('\n')
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeMarked writes text with text[cut:cutEnd] marked: coloured, or
// between ⟦ and ⟧. A long text is cut to an excerpt around cut.
func (t *textWriter) writeMarked(text string, cut, cutEnd int) {
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
	cutEnd = min(cutEnd, end)
	if start > 0 {
		t.w.WriteString("…")
	}
	t.writeShown(text[start:cut], false)
	if t.color {
		t.w.WriteString(colorOverflow)
	} else {
		t.w.WriteString(markOpen)
	}
	t.writeShown(text[cut:cutEnd], t.color)
	if t.color {
		t.w.WriteString(colorReset)
	} else {
		t.w.WriteString(markClose)
	}
	t.writeShown(text[cutEnd:end], false)
	if end < len(text) {
		t.w.WriteString("…")
	}
}

// writeShown writes s indented under the report line, with control
// characters shown as their Unicode control pictures (so input cannot drive
// the terminal). Inside a coloured span the colour pauses for the indent.
func (t *textWriter) writeShown(s string, colored bool) {
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
			t.w.WriteByte('\n')
			if rest := s[i+1:]; rest != "" && rest[0] != '\n' && !strings.HasPrefix(rest, "\r\n") {
				t.w.WriteString("  ") // no indent on an empty line
			}
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
