package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

// The JUnit document as a reader sees it, independent of the writer's types.
type xSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []xSuite `xml:"testsuite"`
}

type xSuite struct {
	Name     string  `xml:"name,attr"`
	Tests    int     `xml:"tests,attr"`
	Failures int     `xml:"failures,attr"`
	Errors   int     `xml:"errors,attr"`
	Cases    []xCase `xml:"testcase"`
}

type xCase struct {
	Classname string    `xml:"classname,attr"`
	Name      string    `xml:"name,attr"`
	Failure   *xProblem `xml:"failure"`
	Error     *xProblem `xml:"error"`
	SystemOut *string   `xml:"system-out"`
}

type xProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// junitOut runs a JUnit writer, checks that what it wrote is well-formed
// XML 1.0 with the header, and reads it back.
func junitOut(t *testing.T, feed func(Writer)) (*xSuites, string) {
	t.Helper()
	out := run(t, func(b *bytes.Buffer) Writer { return NewJUnit(b, Options{ToolVersion: "v0.3.0"}) }, feed)
	if !strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n") {
		t.Errorf("no XML header:\n%s", out)
	}
	checkWellFormed(t, out)
	var doc xSuites
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, out)
	}
	return &doc, out
}

// checkWellFormed reads every token of out with a strict decoder (which
// rejects characters XML 1.0 forbids, raw or as references) and checks the
// raw bytes too.
func checkWellFormed(t *testing.T, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("output is not valid UTF-8")
	}
	for _, r := range out {
		if !xmlAllowed(r) {
			t.Errorf("raw character %U is not allowed in XML 1.0", r)
		}
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			for _, r := range string(tok) {
				if !xmlAllowed(r) {
					t.Errorf("character %U (from a reference?) is not allowed in XML 1.0", r)
				}
			}
		}
	}
	if depth != 0 || roots != 1 {
		t.Errorf("depth %d, %d root elements", depth, roots)
	}
}

func threadPost(t *testing.T, file string, index, line int, prof *profile.Profile, problems ...lint.Problem) *lint.Report {
	r := verdict(t, file, "item", problems...)
	r.Post.Source.Index = index
	r.Post.Source.Thread = 2
	r.Post.Source.Pos = post.Pos{Line: line, Column: 1}
	if prof != nil {
		r.Profile = prof
	}
	return r
}

func TestJUnit(t *testing.T) {
	x, ok := profile.Lookup("x")
	if !ok {
		t.Fatal(`no profile "x"`)
	}
	a := verdict(t, "posts/a.md", "long")
	overLimit(a, 140, post.Pos{Line: 3, Column: 141}, post.Pos{Line: 3, Column: 151})
	a.Problems = append(a.Problems, problem(lint.RuleAltLength, lint.Warning, "alt text is long", 2, 8, 2, 20))
	ax := verdict(t, "posts/a.md", "long", problem(lint.RuleAltLength, lint.Warning, "alt text is long", 2, 8, 2, 20))
	ax.Profile = x
	ok1 := verdict(t, "posts/ok.md", "fine")

	doc, out := junitOut(t, func(w Writer) {
		mustPost(t, w, a)
		mustPost(t, w, ax)
		mustPost(t, w, ok1)
		mustPost(t, w, threadPost(t, "posts/thread.md", 1, 3, nil))
		mustPost(t, w, threadPost(t, "posts/thread.md", 2, 9, nil, problem(lint.RuleEmpty, lint.Error, "the post is empty", 9, 1, 0, 0)))
		mustPost(t, w, threadPost(t, "stdin", 1, 0, nil))
		mustInputError(t, w, &InputError{File: "posts/bad.json", Pos: post.Pos{Line: 7, Column: 2}, Message: "unexpected end of JSON input"})
		mustInputError(t, w, &InputError{File: "posts/a.md", Message: "front matter: unknown key \"foo\""})
	})

	if doc.Name != "tweetlen" || doc.Tests != 8 || doc.Failures != 2 || doc.Errors != 2 {
		t.Errorf("testsuites: name %q tests %d failures %d errors %d; want tweetlen 8 2 2", doc.Name, doc.Tests, doc.Failures, doc.Errors)
	}
	type suiteRow struct {
		name                     string
		tests, failures, errors_ int
	}
	var suites []suiteRow
	var names []string
	for _, s := range doc.Suites {
		suites = append(suites, suiteRow{s.Name, s.Tests, s.Failures, s.Errors})
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d but %d testcases", s.Name, s.Tests, len(s.Cases))
		}
		for _, c := range s.Cases {
			names = append(names, c.Classname+" | "+c.Name)
		}
	}
	wantSuites := []suiteRow{
		{"posts/a.md", 3, 1, 1},
		{"posts/ok.md", 1, 0, 0},
		{"posts/thread.md", 2, 1, 0},
		{"stdin", 1, 0, 0},
		{"posts/bad.json", 1, 0, 1},
	}
	if !reflect.DeepEqual(suites, wantSuites) {
		t.Errorf("suites = %v\nwant %v", suites, wantSuites)
	}
	wantNames := []string{
		"twitter | posts/a.md:1",
		"x | posts/a.md:1",
		"input | posts/a.md",
		"twitter | posts/ok.md:1",
		"twitter | posts/thread.md#1 (line 3)",
		"twitter | posts/thread.md#2 (line 9)",
		"twitter | stdin#1",
		"input | posts/bad.json:7:2",
	}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("testcases:\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(wantNames, "\n"))
	}

	ca := doc.Suites[0].Cases[0]
	if ca.Failure == nil || ca.Error != nil || ca.SystemOut != nil {
		t.Fatalf("failing case: %+v", ca)
	}
	if ca.Failure.Type != "length" || ca.Failure.Message != "post is 150/140 characters, 10 over" {
		t.Errorf("failure type %q message %q", ca.Failure.Type, ca.Failure.Message)
	}
	wantText := "3:141 length: post is 150/140 characters, 10 over\n2:8 alt-length (warning): alt text is long"
	if ca.Failure.Text != wantText {
		t.Errorf("failure text %q\nwant %q", ca.Failure.Text, wantText)
	}
	// The lines are real lines in the file, not character references.
	if !strings.Contains(out, "10 over\n2:8 alt-length") {
		t.Errorf("details are not one per line:\n%s", out)
	}

	cx := doc.Suites[0].Cases[1]
	if cx.Failure != nil || cx.SystemOut == nil || *cx.SystemOut != "2:8 alt-length (warning): alt text is long" {
		t.Errorf("passing case with a warning: %+v", cx)
	}
	if c := doc.Suites[1].Cases[0]; c.Failure != nil || c.Error != nil || c.SystemOut != nil {
		t.Errorf("passing case: %+v", c)
	}
	ce := doc.Suites[4].Cases[0]
	if ce.Error == nil || ce.Failure != nil || ce.Error.Type != "input-error" ||
		ce.Error.Message != "unexpected end of JSON input" ||
		ce.Error.Text != "posts/bad.json:7:2: unexpected end of JSON input" {
		t.Errorf("input error case: %+v %+v", ce, ce.Error)
	}
}

func TestJUnitFailureSummary(t *testing.T) {
	r := verdict(t, "p.md", "x",
		problem(lint.RuleAltLength, lint.Warning, "alt long", 0, 0, 0, 0),
		problem(lint.RuleMediaCount, lint.Error, "5 images, at most 4", 2, 0, 0, 0),
		problem(lint.RuleMediaMix, lint.Error, "images and a video", 0, 0, 0, 0),
		problem(lint.RulePollMedia, lint.Error, "a poll and media", 4, 1, 4, 9),
	)
	doc, _ := junitOut(t, func(w Writer) { mustPost(t, w, r) })
	f := doc.Suites[0].Cases[0].Failure
	if f == nil {
		t.Fatal("no failure")
	}
	if f.Type != "media-count" || f.Message != "5 images, at most 4 (+2 more)" {
		t.Errorf("type %q message %q", f.Type, f.Message)
	}
	want := "alt-length (warning): alt long\n2 media-count: 5 images, at most 4\nmedia-mix: images and a video\n4:1 poll-media: a poll and media"
	if f.Text != want {
		t.Errorf("text %q\nwant %q", f.Text, want)
	}
}

func TestJUnitUniqueNames(t *testing.T) {
	doc, _ := junitOut(t, func(w Writer) {
		for range 3 {
			mustPost(t, w, verdict(t, "same.md", "x"))
		}
	})
	var names []string
	for _, c := range doc.Suites[0].Cases {
		names = append(names, c.Name)
	}
	if want := []string{"same.md:1", "same.md:1 (2)", "same.md:1 (3)"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}
}

func TestJUnitEmpty(t *testing.T) {
	doc, _ := junitOut(t, func(Writer) {})
	if doc.Name != "tweetlen" || doc.Tests != 0 || doc.Failures != 0 || doc.Errors != 0 || len(doc.Suites) != 0 {
		t.Errorf("empty report: %+v", doc)
	}
}

func TestJUnitControlCharacters(t *testing.T) {
	file := "odd\x01\x00name\uFFFE\uFFFF.md"
	prof := *twitter(t)
	prof.Name = "prof\x02ile"
	r := verdict(t, file, "x", problem(lint.RuleInvalidChar, lint.Error, oddText, 1, 2, 1, 3))
	r.Profile = &prof
	doc, _ := junitOut(t, func(w Writer) {
		mustPost(t, w, r)
		mustInputError(t, w, &InputError{File: file, Pos: post.Pos{Line: 2, Column: 1}, Message: oddText + "]]>"})
	})
	wantFile := "odd\uFFFD\uFFFDname\uFFFD\uFFFD.md"
	s := doc.Suites[0]
	if s.Name != wantFile {
		t.Errorf("suite name %q, want %q", s.Name, wantFile)
	}
	c := s.Cases[0]
	if c.Classname != "prof\uFFFDile" || c.Name != wantFile+":1" {
		t.Errorf("classname %q name %q", c.Classname, c.Name)
	}
	// What survives: HTML specials, quotes, backslash, CR, LF, TAB, DEL,
	// U+2028, emoji; what does not (NUL, C0 controls, U+FFFE, invalid
	// UTF-8) becomes U+FFFD.
	wantMsg := "<b>&amp;</b> \"q\" \\ a\r\nb\tc\uFFFDd\uFFFD\uFFFD\x7f \u2028 \uFFFD \uFFFD 👩‍👩‍👧 100% a:b,c"
	if c.Failure.Message != wantMsg {
		t.Errorf("failure message %q\nwant %q", c.Failure.Message, wantMsg)
	}
	if want := "1:2 invalid-char: " + wantMsg; c.Failure.Text != want {
		t.Errorf("failure text %q\nwant %q", c.Failure.Text, want)
	}
	e := s.Cases[1].Error
	if e == nil || e.Message != wantMsg+"]]>" || e.Text != wantFile+":2:1: "+wantMsg+"]]>" {
		t.Errorf("input error %+v", e)
	}
}

func TestXMLText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                      "plain",
		"\t\n\r":                     "\t\n\r",
		"\x00\x08\x0b\x0c\x1f":       "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD",
		"\ud7ff\ue000\ufffd":         "\ud7ff\ue000\ufffd",
		"\ufffe\uffff":               "\uFFFD\uFFFD",
		"\U00010000\U0010FFFF":       "\U00010000\U0010FFFF",
		"a\xffb":                     "a\uFFFDb",
		"\xed\xa0\x80":               "\uFFFD\uFFFD\uFFFD", // an encoded surrogate
		"\u0085\u00a0\u2028\u200b":   "\u0085\u00a0\u2028\u200b",
		"\x7f is allowed in XML 1.0": "\x7f is allowed in XML 1.0",
	} {
		if got := xmlText(in); got != want {
			t.Errorf("xmlText(%q) = %q, want %q", in, got, want)
		}
	}
}
