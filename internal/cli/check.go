package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/report"
	"github.com/tweetlen/tweetlen/pkg/tweet"
	"golang.org/x/term"
)

// This file is batch mode (--input jsonl): a stream of JSON Lines records,
// each a text to count, read with bounded memory. With --format json it is
// the fast pipeline of batch.go and writes the stable contract of the
// README; with any other format each record goes through the linter like a
// post read from a file.

// record is one JSON Lines record and where it came from.
type record struct {
	source string // "stdin" or the file's path
	line   int    // 1-based line of the record
	id     []byte // raw JSON "id" of the record; nil when absent
	text   string
}

// reporter writes batch-mode JSON. It may buffer: flush writes out what is
// pending.
type reporter interface {
	report(p *record, r *tweet.Result) error
	flush() error
}

// input is one input: a file or stdin.
type input struct {
	name string // "stdin" or the path, for messages
	path string // the path; "" for stdin
	r    io.Reader
}

// checker checks the records of batch mode under its profiles, reports
// them, and counts failed posts and input errors for the exit code.
type checker struct {
	prof  *profile.Profile   // the first profile: the one rep counts with
	profs []*profile.Profile // every profile, for out
	cfg   tweet.Config       // prof.Config
	// Exactly one of rep (the fast JSON contract, see [fastJSON]) and out
	// (the other formats, and JSON under other profiles) is set.
	rep  reporter
	out  report.Writer
	opts *lint.Options

	errOut io.Writer

	invalid     int
	inputErrors int
}

// check measures p and reports it.
func (c *checker) check(p *record) error {
	if c.out != nil {
		failed := false
		for _, prof := range c.profs {
			r := lint.Check(&post.Post{
				Text:   p.text,
				ID:     p.id,
				Source: post.Source{File: p.source, Pos: post.Pos{Line: p.line}, Index: p.line},
			}, prof, c.opts)
			failed = failed || r.Failed()
			if err := c.out.Post(r); err != nil {
				return err
			}
		}
		if failed {
			c.invalid++
		}
		return nil
	}
	r := tweet.Parse(p.text, c.cfg)
	if !r.Valid {
		c.invalid++
	}
	return c.rep.report(p, &r)
}

// inputError reports err about where ("stdin:3") and goes on.
func (c *checker) inputError(where string, err error) error {
	c.inputErrors++
	if c.out != nil {
		return c.out.InputError(&report.InputError{File: where, Message: err.Error()})
	}
	if ferr := c.rep.flush(); ferr != nil {
		return ferr
	}
	fmt.Fprintf(c.errOut, "tweetlen: %s: %v\n", where, err)
	return nil
}

// readBatchFile opens name ("-" is stdin) and reads its records.
func (c *checker) readBatchFile(name string, stdin io.Reader) error {
	if name == "-" {
		warnTerminal(stdin, c.errOut)
		return readJSONL(c, &input{name: "stdin", r: stdin})
	}
	f, err := os.Open(name)
	if err != nil {
		return c.inputError(name, pathErr(err))
	}
	defer f.Close()
	return readJSONL(c, &input{name: name, path: name, r: f})
}

// warnTerminal says how to end the input when stdin is a terminal, so that
// a user who typed `tweetlen` alone is not left waiting.
func warnTerminal(stdin io.Reader, errOut io.Writer) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintln(errOut, "tweetlen: reading standard input from the terminal; end it with Ctrl-D (Ctrl-Z, Enter on Windows)")
	}
}

func sizeString(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
