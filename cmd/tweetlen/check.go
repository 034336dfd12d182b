package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/tweet"
	"golang.org/x/term"
)

// maxDraftBytes caps a draft read whole (--input text). A variable so tests
// can lower it.
var maxDraftBytes = 64 << 20

// post is one text to check and where it came from.
type post struct {
	source string // "stdin" or the file's path
	line   int    // 1-based line of a JSON Lines record; 0 for a whole-file draft
	id     []byte // raw JSON "id" of a record, or the quoted path of a file; nil when absent
	text   string
}

// label names the post in human output: "draft.txt" or "stdin:3".
func (p *post) label() string {
	if p.line > 0 {
		return fmt.Sprintf("%s:%d", p.source, p.line)
	}
	return p.source
}

// reporter writes the result of each post. It may buffer: flush writes out
// what is pending.
type reporter interface {
	report(p *post, r *tweet.Result) error
	flush() error
}

// inputReader cuts one input into posts and hands each to c.check. Problems
// with the input are reported with c.inputError and do not stop it; a
// returned error (failing to write the report) stops tweetlen.
type inputReader func(c *checker, in *input) error

// input is one input: a file or stdin.
type input struct {
	name string // "stdin" or the path, for messages
	path string // the path; "" for stdin
	r    io.Reader
}

// checker checks posts under one config, reports them, and counts invalid
// posts and input errors for the exit code.
type checker struct {
	cfg     tweet.Config
	profile string
	rep     reporter
	errOut  io.Writer
	labeled bool // human output names each post (several inputs, or batch)

	invalid     int
	inputErrors int
}

// check measures p and reports it.
func (c *checker) check(p *post) error {
	r := tweet.Parse(p.text, c.cfg)
	if !r.Valid {
		c.invalid++
	}
	return c.rep.report(p, &r)
}

// inputError prints "tweetlen: WHERE: ERR" to stderr, after flushing the
// report so that the two streams stay in order on a terminal.
func (c *checker) inputError(where string, err error) error {
	c.inputErrors++
	if ferr := c.rep.flush(); ferr != nil {
		return ferr
	}
	fmt.Fprintf(c.errOut, "tweetlen: %s: %v\n", where, err)
	return nil
}

// readFile opens name ("-" is stdin) and reads it with read.
func (c *checker) readFile(read inputReader, name string, stdin io.Reader) error {
	if name == "-" {
		if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			fmt.Fprintln(c.errOut, "tweetlen: reading standard input from the terminal; end it with Ctrl-D (Ctrl-Z, Enter on Windows)")
		}
		return read(c, &input{name: "stdin", r: stdin})
	}
	f, err := os.Open(name)
	if err != nil {
		return c.inputError(name, pathErr(err))
	}
	defer f.Close()
	return read(c, &input{name: name, path: name, r: f})
}

// readDraft reads all of r as one post (--input text).
func readDraft(c *checker, in *input) error {
	name := in.name
	data, err := io.ReadAll(io.LimitReader(in.r, int64(maxDraftBytes)+1))
	if err != nil {
		return c.inputError(name, pathErr(err))
	}
	if len(data) > maxDraftBytes {
		return c.inputError(name, fmt.Errorf("input too large: a post is read whole, and tweetlen reads at most %s; for many posts use --input jsonl", sizeString(maxDraftBytes)))
	}
	data = trimDraft(data)
	if off := invalidUTF8(data); off >= 0 {
		return c.inputError(name, utf8Error(data, off))
	}
	p := post{source: name, text: string(data)}
	if in.path != "" {
		p.id = appendJSONString(nil, in.path) // JSON output names the file
	}
	return c.check(&p)
}

// trimDraft removes what a file or echo adds around a post: one final "\n"
// or "\r\n", and a leading UTF-8 byte order mark.
func trimDraft(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if b2, ok := bytes.CutSuffix(b, []byte("\n")); ok {
		b = b2
		b = bytes.TrimSuffix(b, []byte("\r"))
	}
	return b
}

// invalidUTF8 returns the offset of the first byte of b that is not part of
// valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// utf8Error describes the invalid byte at off and what to do about it.
func utf8Error(b []byte, off int) error {
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	return fmt.Errorf("invalid UTF-8 at byte offset %d (line %d, byte 0x%02X): tweetlen reads UTF-8 text; convert it first, e.g. with iconv -f WINDOWS-1252 -t UTF-8", off, line, b[off])
}

func sizeString(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
