package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

func twitter(t testing.TB) *profile.Profile {
	t.Helper()
	p, ok := profile.Lookup("twitter")
	if !ok {
		t.Fatal(`profile.Lookup("twitter") found nothing`)
	}
	return p
}

// verdict builds a report by hand for text in file at line 1, column 1,
// counted with twitter-text under the twitter profile, without the linter.
func verdict(t testing.TB, file, text string, problems ...lint.Problem) *lint.Report {
	t.Helper()
	prof := twitter(t)
	p := &post.Post{
		Text:   text,
		Source: post.Source{File: file, Pos: post.Pos{Line: 1, Column: 1}, Verbatim: true},
	}
	res := tweet.Parse(text, prof.Config)
	r := &lint.Report{
		Post:          p,
		Profile:       prof,
		Counted:       text,
		Result:        res,
		Count:         res.WeightedLength,
		Limit:         prof.Limit,
		Remaining:     prof.Limit - res.WeightedLength,
		OverflowStart: -1,
		Problems:      problems,
	}
	return r
}

// overLimit makes r's post over the limit by hand: an overflow and a
// length problem.
func overLimit(r *lint.Report, off int, pos, end post.Pos) {
	r.OverflowStart = off
	r.OverflowPos = pos
	r.Problems = append(r.Problems, lint.Problem{
		Rule: lint.RuleLength, Severity: lint.Error,
		Message: "post is 150/140 characters, 10 over", Pos: pos, End: end,
	})
}

func problem(rule string, sev lint.Severity, msg string, line, col, endLine, endCol int) lint.Problem {
	return lint.Problem{
		Rule: rule, Severity: sev, Message: msg,
		Pos: post.Pos{Line: line, Column: col}, End: post.Pos{Line: endLine, Column: endCol},
	}
}

// run feeds a writer made by newW and returns what it wrote.
func run(t testing.TB, newW func(*bytes.Buffer) Writer, feed func(Writer)) string {
	t.Helper()
	var buf bytes.Buffer
	w := newW(&buf)
	feed(w)
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return buf.String()
}

func mustPost(t testing.TB, w Writer, r *lint.Report) {
	t.Helper()
	if err := w.Post(r); err != nil {
		t.Fatalf("Post: %v", err)
	}
}

func mustInputError(t testing.TB, w Writer, e *InputError) {
	t.Helper()
	if err := w.InputError(e); err != nil {
		t.Fatalf("InputError: %v", err)
	}
}

// oddText holds what a writer must escape or replace: HTML specials,
// quotes, backslash, CR, LF, TAB, NUL and other C0 controls, DEL, U+2028,
// U+FFFE, an invalid UTF-8 byte, an emoji, percent, colon and comma.
const oddText = "<b>&amp;</b> \"q\" \\ a\r\nb\tc\x00d\x01\x1f\x7f \u2028 \uFFFE \xff 👩‍👩‍👧 100% a:b,c"

func TestClosedWriters(t *testing.T) {
	for name, newW := range map[string]func(*bytes.Buffer) Writer{
		"json":   func(b *bytes.Buffer) Writer { return NewJSON(b, Options{}) },
		"github": func(b *bytes.Buffer) Writer { return NewGitHub(b, Options{}) },
		"sarif":  func(b *bytes.Buffer) Writer { return NewSARIF(b, Options{}) },
		"junit":  func(b *bytes.Buffer) Writer { return NewJUnit(b, Options{}) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			w := newW(&buf)
			if err := w.Post(nil); err == nil {
				t.Error("Post(nil) did not fail")
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			n := buf.Len()
			if err := w.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if buf.Len() != n {
				t.Error("second Close wrote again")
			}
			if err := w.Post(verdict(t, "a.md", "hi")); err == nil {
				t.Error("Post after Close did not fail")
			}
			if err := w.InputError(&InputError{File: "a.md", Message: "x"}); err == nil {
				t.Error("InputError after Close did not fail")
			}
		})
	}
}

func TestInputErrorString(t *testing.T) {
	for _, tc := range []struct {
		e    InputError
		want string
	}{
		{InputError{File: "a.json", Pos: post.Pos{Line: 3, Column: 7}, Message: "bad"}, "a.json:3:7: bad"},
		{InputError{File: "a.json", Pos: post.Pos{Line: 3}, Message: "bad"}, "a.json:3: bad"},
		{InputError{File: "a.json", Message: "bad"}, "a.json: bad"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
