package report

import (
	"bufio"
	"io"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
)

// NewGitHub returns a Writer of GitHub Actions workflow commands, which
// GitHub shows as annotations on the files of a pull request. Each problem
// is one line:
//
//	::error file=posts/a.md,line=3,col=5,endLine=4,endColumn=1,title=tweetlen length::MESSAGE
//
// `::warning` for problems of severity warning. line, col, endLine and
// endColumn are left out when unknown (col and the end only ever with a
// line). An input error is
//
//	::error file=posts/b.json,line=7,col=2,title=tweetlen input-error::MESSAGE
//
// Posts without problems write nothing, and Close writes nothing more (the
// CLI prints its own summary). Values are escaped as GitHub's toolkit does:
// `%`, CR and LF as `%25`, `%0D`, `%0A` in the message, and also `:` and `,`
// as `%3A`, `%2C` in property values; invalid UTF-8 becomes U+FFFD.
func NewGitHub(w io.Writer, opts Options) Writer {
	return &githubWriter{w: bufio.NewWriterSize(w, 16<<10)}
}

type githubWriter struct {
	w      *bufio.Writer
	buf    []byte
	closed bool
}

func (g *githubWriter) Post(r *lint.Report) error {
	if g.closed {
		return errClosed
	}
	if r == nil || r.Post == nil {
		return errNilReport
	}
	file := r.Post.Source.File
	for i := range r.Problems {
		p := &r.Problems[i]
		cmd := "error"
		if p.Severity == lint.Warning {
			cmd = "warning"
		}
		g.buf = appendGitHubCommand(g.buf[:0], cmd, file, p.Pos, p.End, "tweetlen "+p.Rule, p.Message)
		if _, err := g.w.Write(g.buf); err != nil {
			return err
		}
	}
	return nil
}

func (g *githubWriter) InputError(e *InputError) error {
	if g.closed {
		return errClosed
	}
	g.buf = appendGitHubCommand(g.buf[:0], "error", e.File, e.Pos, post.Pos{}, "tweetlen "+RuleInputError, e.Message)
	_, err := g.w.Write(g.buf)
	return err
}

func (g *githubWriter) Close() error {
	if g.closed {
		return nil
	}
	g.closed = true
	return g.w.Flush()
}

// appendGitHubCommand appends one workflow command line.
func appendGitHubCommand(b []byte, cmd, file string, pos, end post.Pos, title, msg string) []byte {
	b = append(b, "::"...)
	b = append(b, cmd...)
	sep := byte(' ')
	prop := func(name string) {
		b = append(b, sep)
		b = append(b, name...)
		b = append(b, '=')
		sep = ','
	}
	if file != "" {
		prop("file")
		b = appendGitHubEscaped(b, file, true)
	}
	if pos.Line > 0 {
		prop("line")
		b = appendInt(b, pos.Line)
		if pos.Column > 0 {
			prop("col")
			b = appendInt(b, pos.Column)
		}
		if end.Line > 0 {
			prop("endLine")
			b = appendInt(b, end.Line)
			if end.Column > 0 {
				prop("endColumn")
				b = appendInt(b, end.Column)
			}
		}
	}
	if title != "" {
		prop("title")
		b = appendGitHubEscaped(b, title, true)
	}
	b = append(b, "::"...)
	b = appendGitHubEscaped(b, msg, false)
	return append(b, '\n')
}

// appendGitHubEscaped appends s escaped for a workflow command: as a
// property value when property is set, else as the message.
func appendGitHubEscaped(b []byte, s string, property bool) []byte {
	s = validUTF8(s)
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '%':
			esc = "%25"
		case '\r':
			esc = "%0D"
		case '\n':
			esc = "%0A"
		case ':':
			if property {
				esc = "%3A"
			}
		case ',':
			if property {
				esc = "%2C"
			}
		}
		if esc != "" {
			b = append(b, s[start:i]...)
			b = append(b, esc...)
			start = i + 1
		}
	}
	return append(b, s[start:]...)
}
