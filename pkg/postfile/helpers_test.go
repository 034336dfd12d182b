package postfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/post"
)

func ps(p post.Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// summ describes a post in one line, leaving out what is not set.
func summ(p post.Post) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q @%s", p.Text, ps(p.Source.Pos))
	if p.Source.Verbatim {
		b.WriteString(" v")
	}
	if p.Source.Index != 0 || p.Source.Thread != 0 {
		fmt.Fprintf(&b, " #%d/%d", p.Source.Index, p.Source.Thread)
	}
	if p.ID != nil {
		fmt.Fprintf(&b, " id=%s", p.ID)
	}
	for _, m := range p.Media {
		switch m.Origin {
		case post.Declared:
			fmt.Fprintf(&b, " media(%s", m.File)
		case post.MarkdownImage:
			fmt.Fprintf(&b, " img(%s [%d:%d]", m.File, m.Start, m.End)
		default:
			fmt.Fprintf(&b, " pic(%s [%d:%d]", m.File, m.Start, m.End)
		}
		if m.Alt != "" {
			fmt.Fprintf(&b, " alt=%q", m.Alt)
		}
		fmt.Fprintf(&b, " @%s)", ps(m.Pos))
	}
	if p.Poll != nil {
		fmt.Fprintf(&b, " poll@%s(", ps(p.Poll.Pos))
		for i, o := range p.Poll.Options {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%q@%s", o.Text, ps(o.Pos))
		}
		b.WriteByte(')')
		if p.Poll.DurationMinutes != 0 {
			fmt.Fprintf(&b, "%dm", p.Poll.DurationMinutes)
		}
	}
	if p.Reply != "" {
		fmt.Fprintf(&b, " reply=%s@%s", p.Reply, ps(p.ReplyPos))
	}
	if p.Quote != "" {
		fmt.Fprintf(&b, " quote=%s@%s", p.Quote, ps(p.QuotePos))
	}
	if p.Schedule != "" {
		fmt.Fprintf(&b, " schedule=%s@%s", p.Schedule, ps(p.SchedulePos))
	}
	if p.Profile != "" {
		fmt.Fprintf(&b, " profile=%s@%s", p.Profile, ps(p.ProfilePos))
	}
	if p.Platforms != nil {
		fmt.Fprintf(&b, " platforms=%s@%s", strings.Join(p.Platforms, ","), ps(p.PlatformsPos))
	}
	if p.ContentWarning != "" {
		fmt.Fprintf(&b, " cw=%q", p.ContentWarning)
	}
	return b.String()
}

// errList returns the messages of err, one per *Error, and fails if err
// holds anything but *Error values.
func errList(t testing.TB, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var out []string
	for _, e := range errs {
		var pe *Error
		if !errors.As(e, &pe) || pe != e {
			t.Errorf("error %v (%T) is not an *Error", e, e)
			continue
		}
		out = append(out, pe.Error())
	}
	return out
}

// textAt reports whether text is written in data at pos: at some offset
// whose position (line, and one more than the grapheme clusters before it on
// its line, counted the plain way) is pos.
func textAt(data []byte, pos post.Pos, text string) bool {
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		data = data[3:]
	}
	start := 0
	for l := 1; l < pos.Line; l++ {
		i := bytes.IndexByte(data[start:], '\n')
		if i < 0 {
			return false
		}
		start += i + 1
	}
	end := len(data)
	if i := bytes.IndexByte(data[start:], '\n'); i >= 0 {
		end = start + i
	}
	for o := start; o <= end; o++ {
		if o < len(data) && !utf8.RuneStart(data[o]) || !bytes.HasPrefix(data[o:], []byte(text)) {
			continue
		}
		// The column only grows with o.
		switch col := 1 + uniseg.GraphemeClusterCount(string(data[start:o])); {
		case col == pos.Column:
			return true
		case col > pos.Column:
			return false
		}
	}
	return false
}

// checkPosts checks what must hold of any post read from data.
func checkPosts(t testing.TB, name string, data []byte, posts []post.Post) {
	t.Helper()
	for i, p := range posts {
		if p.Source.File != name {
			t.Errorf("post %d: File = %q, want %q", i, p.Source.File, name)
		}
		if p.Source.Pos.IsZero() || p.Source.Pos.Column < 1 {
			t.Errorf("post %d: no position", i)
		}
		if p.Source.Verbatim && !textAt(data, p.Source.Pos, p.Text) {
			t.Errorf("post %d: verbatim text %q is not at %s", i, p.Text, ps(p.Source.Pos))
		}
		_ = p.Locate(len(p.Text))
		for j, m := range p.Media {
			if m.Origin == post.Declared {
				if m.Start != -1 || m.End != -1 {
					t.Errorf("post %d media %d: declared with span [%d:%d]", i, j, m.Start, m.End)
				}
				continue
			}
			if m.Start < 0 || m.Start > m.End || m.End > len(p.Text) {
				t.Errorf("post %d media %d: span [%d:%d] out of text of %d bytes", i, j, m.Start, m.End, len(p.Text))
				continue
			}
			if mk := p.Text[m.Start:m.End]; m.Origin == post.MarkdownImage && (!strings.HasPrefix(mk, "![") || !strings.HasSuffix(mk, ")") || !strings.Contains(mk, m.File)) {
				t.Errorf("post %d media %d: span %q is not the image markup of %q", i, j, mk, m.File)
			}
		}
	}
}

// readCase is a table test of Read.
type readCase struct {
	name  string
	file  string // "" means "in" plus the format's extension
	opts  Options
	in    string
	posts []string
	errs  []string
}

func runCases(t *testing.T, format Format, cases []readCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name := c.file
			if name == "" {
				name = "in"
			}
			opts := c.opts
			if opts.Format == "" {
				opts.Format = format
			}
			data := []byte(c.in)
			posts, err := Read(name, data, opts)
			var got []string
			for _, p := range posts {
				got = append(got, summ(p))
			}
			if !equal(got, c.posts) {
				t.Errorf("posts:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(c.posts, "\n     "))
			}
			if gotErrs := errList(t, err); !equal(gotErrs, c.errs) {
				t.Errorf("errors:\n got %q\nwant %q", gotErrs, c.errs)
			}
			checkPosts(t, name, data, posts)
		})
	}
}

func equal(a, b []string) bool {
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
