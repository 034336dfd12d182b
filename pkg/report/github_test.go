package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
)

func githubOut(t *testing.T, feed func(Writer)) string {
	t.Helper()
	return run(t, func(b *bytes.Buffer) Writer { return NewGitHub(b, Options{}) }, feed)
}

func TestGitHubEscape(t *testing.T) {
	for _, tc := range []struct {
		in             string
		message, value string
	}{
		{"plain text", "plain text", "plain text"},
		{"100%", "100%25", "100%25"},
		{"%0A literal", "%250A literal", "%250A literal"},
		{"a\nb", "a%0Ab", "a%0Ab"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a:b", "a:b", "a%3Ab"},
		{"a,b", "a,b", "a%2Cb"},
		{"::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
		{"k=v,line=1", "k=v,line=1", "k=v%2Cline=1"},
		{"é 👍 \t", "é 👍 \t", "é 👍 \t"},
		{"bad\xffbyte", "bad\uFFFDbyte", "bad\uFFFDbyte"},
		{"", "", ""},
	} {
		if got := string(appendGitHubEscaped(nil, tc.in, false)); got != tc.message {
			t.Errorf("message %q → %q, want %q", tc.in, got, tc.message)
		}
		if got := string(appendGitHubEscaped(nil, tc.in, true)); got != tc.value {
			t.Errorf("property %q → %q, want %q", tc.in, got, tc.value)
		}
	}
}

func TestGitHubCommands(t *testing.T) {
	for _, tc := range []struct {
		name     string
		file     string
		problems []lint.Problem
		want     string
	}{
		{
			name: "error with full range",
			file: "posts/a.md",
			problems: []lint.Problem{problem(lint.RuleLength, lint.Error,
				"post is 150/140 characters, 10 over", 3, 141, 3, 151)},
			want: "::error file=posts/a.md,line=3,col=141,endLine=3,endColumn=151,title=tweetlen length::post is 150/140 characters, 10 over\n",
		},
		{
			name:     "warning",
			file:     "posts/a.md",
			problems: []lint.Problem{problem(lint.RuleAltLength, lint.Warning, "alt text is long", 2, 8, 2, 20)},
			want:     "::warning file=posts/a.md,line=2,col=8,endLine=2,endColumn=20,title=tweetlen alt-length::alt text is long\n",
		},
		{
			name:     "unknown position",
			file:     "posts/a.md",
			problems: []lint.Problem{problem(lint.RuleMediaMix, lint.Error, "images and videos mixed", 0, 0, 0, 0)},
			want:     "::error file=posts/a.md,title=tweetlen media-mix::images and videos mixed\n",
		},
		{
			name:     "line only",
			file:     "posts/a.md",
			problems: []lint.Problem{problem(lint.RuleEmpty, lint.Error, "empty post", 5, 0, 0, 0)},
			want:     "::error file=posts/a.md,line=5,title=tweetlen empty::empty post\n",
		},
		{
			name:     "end line without column",
			file:     "posts/a.md",
			problems: []lint.Problem{problem(lint.RuleLength, lint.Error, "over", 5, 2, 7, 0)},
			want:     "::error file=posts/a.md,line=5,col=2,endLine=7,title=tweetlen length::over\n",
		},
		{
			name:     "end without start is dropped",
			file:     "posts/a.md",
			problems: []lint.Problem{problem(lint.RuleLength, lint.Error, "over", 0, 0, 7, 3)},
			want:     "::error file=posts/a.md,title=tweetlen length::over\n",
		},
		{
			name: "odd file name and message",
			file: "posts/a:b,c%d\r\ne.md",
			problems: []lint.Problem{problem(lint.RuleInvalidChar, lint.Error,
				"50% over: see\nline 2, col 3", 1, 1, 1, 2)},
			want: "::error file=posts/a%3Ab%2Cc%25d%0D%0Ae.md,line=1,col=1,endLine=1,endColumn=2,title=tweetlen invalid-char::50%25 over: see%0Aline 2, col 3\n",
		},
		{
			name: "several problems, one line each, in order",
			file: "p.txt",
			problems: []lint.Problem{
				problem(lint.RuleLength, lint.Error, "over", 1, 141, 1, 151),
				problem(lint.RuleAltLength, lint.Warning, "long alt", 0, 0, 0, 0),
			},
			want: "::error file=p.txt,line=1,col=141,endLine=1,endColumn=151,title=tweetlen length::over\n" +
				"::warning file=p.txt,title=tweetlen alt-length::long alt\n",
		},
		{
			name: "passing post writes nothing",
			file: "p.txt",
			want: "",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := githubOut(t, func(w Writer) { mustPost(t, w, verdict(t, tc.file, "hi", tc.problems...)) })
			if got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestGitHubInputErrors(t *testing.T) {
	got := githubOut(t, func(w Writer) {
		mustInputError(t, w, &InputError{File: "posts/bad.json", Pos: post.Pos{Line: 7, Column: 2}, Message: "unexpected end of JSON input"})
		mustInputError(t, w, &InputError{File: "posts/x,y.md", Pos: post.Pos{Line: 4}, Message: "invalid UTF-8: 0xff"})
		mustInputError(t, w, &InputError{File: "gone.md", Message: "open gone.md: no such file or directory"})
		mustInputError(t, w, &InputError{Message: "stdin: read error\nbroken pipe"})
	})
	want := "::error file=posts/bad.json,line=7,col=2,title=tweetlen input-error::unexpected end of JSON input\n" +
		"::error file=posts/x%2Cy.md,line=4,title=tweetlen input-error::invalid UTF-8: 0xff\n" +
		"::error file=gone.md,title=tweetlen input-error::open gone.md: no such file or directory\n" +
		"::error title=tweetlen input-error::stdin: read error%0Abroken pipe\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestGitHubOneLinePerCommand checks that no text can break a command over
// two lines or inject a second one.
func TestGitHubOneLinePerCommand(t *testing.T) {
	r := verdict(t, oddText, "hi", problem(oddText, lint.Error, oddText+"\n::error::injected", 1, 1, 1, 2))
	got := githubOut(t, func(w Writer) {
		mustPost(t, w, r)
		mustInputError(t, w, &InputError{File: oddText, Message: oddText})
	})
	if !utf8.ValidString(got) {
		t.Errorf("output is not valid UTF-8: %q", got)
	}
	ls := lines(got)
	if len(ls) != 2 {
		t.Fatalf("got %d lines, want 2: %q", len(ls), got)
	}
	for _, l := range ls {
		if strings.ContainsAny(l, "\r") {
			t.Errorf("raw CR in %q", l)
		}
		// Exactly two "::" separators: the command's start and the message's.
		head, msg, ok := strings.Cut(strings.TrimPrefix(l, "::error "), "::")
		if !ok || strings.Contains(head, "::") {
			t.Errorf("malformed command %q", l)
		}
		for _, prop := range strings.Split(head, ",") {
			if !strings.Contains(prop, "=") {
				t.Errorf("property %q broken by a comma in %q", prop, l)
			}
		}
		if !strings.HasPrefix(msg, "<b>") {
			t.Errorf("message %q", msg)
		}
	}
}
