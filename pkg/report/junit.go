package report

import (
	"encoding/xml"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/lint"
)

// NewJUnit returns a Writer of one JUnit XML report, written at Close, for
// CI systems that show test results:
//
//	<testsuites name="tweetlen" tests="3" failures="1" errors="1">
//	  <testsuite name="posts/a.md" tests="1" failures="1" errors="0">
//	    <testcase classname="twitter" name="posts/a.md:1">
//	      <failure message="…" type="length">1:141 length: …</failure>
//	    </testcase>
//	  </testsuite>
//	  …
//
// There is one testsuite per file, in the order the files first occur, and
// one testcase per verdict: classname is the profile's name, name is
// "FILE:LINE", or "FILE#INDEX (line LINE)" for a post of a file that holds
// several (the line left out when unknown; " (2)", " (3)"… appended should
// a name repeat). A verdict that fails has a failure whose type is the
// rule of its first error, whose message is that error's message, and whose
// text lists every problem of the post, one per line,
// "LINE:COL RULE: message" (" (warning)" after the rule for a warning). A
// verdict that passes with warnings lists them the same way in system-out.
// An input error is a testcase of classname "input" named "FILE:LINE:COL"
// with an error of type "input-error".
//
// Characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF, invalid
// UTF-8) are replaced by U+FFFD.
func NewJUnit(w io.Writer, opts Options) Writer {
	return &junitWriter{out: w, suites: map[string]*junitSuite{}}
}

type junitSuites struct {
	XMLName  xml.Name      `xml:"testsuites"`
	Name     string        `xml:"name,attr"`
	Tests    int           `xml:"tests,attr"`
	Failures int           `xml:"failures,attr"`
	Errors   int           `xml:"errors,attr"`
	Suites   []*junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`

	names map[string]int // classname + "\x00" + name → times used
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

// junitText is element content, already escaped.
type junitText struct {
	Text string `xml:",innerxml"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	// Text is already escaped (see xmlEscapeText), so that its lines stay
	// lines: encoding/xml writes a newline in character data as "&#xA;".
	Text string `xml:",innerxml"`
}

type junitWriter struct {
	out    io.Writer
	doc    junitSuites
	suites map[string]*junitSuite
	closed bool
}

// suite returns the testsuite of file, making it if new.
func (j *junitWriter) suite(file string) *junitSuite {
	s := j.suites[file]
	if s == nil {
		s = &junitSuite{Name: xmlText(file), names: map[string]int{}}
		j.suites[file] = s
		j.doc.Suites = append(j.doc.Suites, s)
	}
	return s
}

// addCase adds c to s, making its name unique within the suite.
func (s *junitSuite) addCase(c junitCase) {
	key := c.Classname + "\x00" + c.Name
	s.names[key]++
	if n := s.names[key]; n > 1 {
		c.Name += " (" + itoa(n) + ")"
	}
	s.Cases = append(s.Cases, c)
	s.Tests++
}

func (j *junitWriter) Post(r *lint.Report) error {
	if j.closed {
		return errClosed
	}
	if r == nil || r.Post == nil {
		return errNilReport
	}
	src := &r.Post.Source
	name := src.File
	switch {
	case src.Index > 0 && src.Pos.Line > 0:
		name += "#" + itoa(src.Index) + " (line " + itoa(src.Pos.Line) + ")"
	case src.Index > 0:
		name += "#" + itoa(src.Index)
	case src.Pos.Line > 0:
		name += ":" + itoa(src.Pos.Line)
	}
	c := junitCase{Name: xmlText(name)}
	if r.Profile != nil {
		c.Classname = xmlText(r.Profile.Name)
	}

	var details strings.Builder
	var first *lint.Problem
	errs := 0
	for i := range r.Problems {
		p := &r.Problems[i]
		if p.Severity == lint.Error {
			if first == nil {
				first = p
			}
			errs++
		}
		if details.Len() > 0 {
			details.WriteByte('\n')
		}
		if p.Pos.Line > 0 {
			details.WriteString(itoa(p.Pos.Line))
			if p.Pos.Column > 0 {
				details.WriteByte(':')
				details.WriteString(itoa(p.Pos.Column))
			}
			details.WriteByte(' ')
		}
		details.WriteString(p.Rule)
		if p.Severity == lint.Warning {
			details.WriteString(" (warning)")
		}
		details.WriteString(": ")
		details.WriteString(p.Message)
	}

	s := j.suite(src.File)
	if first != nil {
		msg := first.Message
		if errs > 1 {
			msg += " (+" + itoa(errs-1) + " more)"
		}
		c.Failure = &junitProblem{Message: xmlText(msg), Type: xmlText(first.Rule), Text: xmlEscapeText(details.String())}
		s.Failures++
		j.doc.Failures++
	} else if details.Len() > 0 {
		c.SystemOut = &junitText{xmlEscapeText(details.String())}
	}
	s.addCase(c)
	j.doc.Tests++
	return nil
}

func (j *junitWriter) InputError(e *InputError) error {
	if j.closed {
		return errClosed
	}
	s := j.suite(e.File)
	s.addCase(junitCase{
		Classname: "input",
		Name:      xmlText(locString(e.File, e.Pos)),
		Error: &junitProblem{
			Message: xmlText(e.Message),
			Type:    RuleInputError,
			Text:    xmlEscapeText(e.Error()),
		},
	})
	s.Errors++
	j.doc.Tests++
	j.doc.Errors++
	return nil
}

func (j *junitWriter) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	j.doc.Name = toolName
	out, err := xml.MarshalIndent(&j.doc, "", "  ")
	if err != nil {
		return err
	}
	buf := make([]byte, 0, len(xml.Header)+len(out)+1)
	buf = append(buf, xml.Header...)
	buf = append(buf, out...)
	buf = append(buf, '\n')
	_, err = j.out.Write(buf)
	return err
}

// xmlText returns s with every character XML 1.0 does not allow, and every
// invalid UTF-8 sequence, replaced by U+FFFD. Allowed are TAB, LF, CR,
// U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF.
func xmlText(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || !xmlAllowed(r) {
			return xmlReplace(s)
		}
		i += size
	}
	return s
}

// xmlEscapeText returns s as XML character data: xmlText's replacements,
// "&", "<" and ">" as entities, CR as a character reference (a raw one would
// be read back as LF); LF and TAB stay as they are.
func xmlEscapeText(s string) string {
	s = xmlText(s)
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func xmlReplace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || !xmlAllowed(r) {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func xmlAllowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	case r < 0x10000:
		return false
	}
	return r <= 0x10FFFF
}
