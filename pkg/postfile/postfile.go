// Package postfile turns the bytes of one input into posts: a plain text, a
// twitter-together style file (YAML front matter, then a body that may hold a
// thread and a poll), JSON, JSON Lines, YAML or a scheduler's CSV export. It
// records where each part of a post is in the file, to the line and the
// column (columns count grapheme clusters, as an editor shows characters).
//
// It does no I/O: the caller reads the file and passes its bytes.
package postfile

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/post"
)

// Format is a file format.
type Format string

// The formats Read understands.
const (
	// Text is plain text: one post, the whole input less one final
	// newline; or, when a thread delimiter line splits it as in the Tweet
	// format, a thread whose items are trimmed of white space.
	Text Format = "text"
	// Tweet is a twitter-together file (.tweet, .md): optional YAML front
	// matter, then a body that may be a thread and may end with a poll.
	Tweet Format = "tweet"
	// JSON is one object or an array of objects, one post each.
	JSON Format = "json"
	// JSONL is one object per line.
	JSONL Format = "jsonl"
	// YAML is one mapping or a sequence of mappings (or several documents
	// of either), one post each.
	YAML Format = "yaml"
	// CSV is a table with a header row, one post per row.
	CSV Format = "csv"
)

// FormatOf returns the format of a file by its name's extension. "", "-" and
// "stdin" are Text. ok is false for an extension it does not know.
func FormatOf(name string) (Format, bool) {
	switch name {
	case "", "-", "stdin":
		return Text, true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tweet", ".md", ".markdown":
		return Tweet, true
	case ".txt":
		return Text, true
	case ".json":
		return JSON, true
	case ".jsonl", ".ndjson":
		return JSONL, true
	case ".yaml", ".yml":
		return YAML, true
	case ".csv":
		return CSV, true
	}
	return "", false
}

// isMarkdownName reports whether name has a Markdown extension.
func isMarkdownName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// OptionsFor returns the options for reading a file by its name: its Format
// and, for .md and .markdown, Markdown. ok is false for an extension it does
// not know.
func OptionsFor(name string) (Options, bool) {
	f, ok := FormatOf(name)
	return Options{Format: f, Markdown: ok && isMarkdownName(name)}, ok
}

// Options say how to read an input.
type Options struct {
	// Format is the input's format. "" means FormatOf(name), or Text when
	// the name's extension is unknown (and Markdown for .md files).
	Format Format
	// Markdown says the body is Markdown: ![alt](file) images in a post's
	// text become Media{Origin: post.MarkdownImage} with Start and End the
	// byte span of the markup in Text. The text is left as written.
	Markdown bool
	// ThreadDelimiter is the line that splits a Text input or a Tweet body
	// into a thread; "" means "---". A "thread-delimiter" in the front
	// matter of a Tweet file wins over it.
	ThreadDelimiter string
}

// DefaultThreadDelimiter is the thread delimiter of twitter-together.
const DefaultThreadDelimiter = "---"

// Error is an input error at a place in the file.
type Error struct {
	File string
	// Line and Column are 1-based; Column counts grapheme clusters. 0 when
	// unknown.
	Line, Column int
	// Offset is the byte offset in the input, -1 if unknown.
	Offset int
	Msg    string
}

// Error returns "FILE:LINE:COL: MSG", leaving out ":COL" when Column is 0 and
// ":LINE:COL" when Line is 0.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// binarySniff is how many leading bytes are searched for a NUL byte.
const binarySniff = 8000

// Read reads the posts of one input. name is the file's name as the user gave
// it (used in positions and errors); data is its content.
//
// Read returns every post it could read and, when something is wrong, an
// error: an *Error, or several joined with errors.Join. A bad record of a
// JSON array, a JSON Lines file or a CSV file does not stop the others from
// being read.
func Read(name string, data []byte, opts Options) ([]post.Post, error) {
	if opts.Format == "" {
		f, ok := FormatOf(name)
		if !ok {
			f = Text
		}
		opts.Format = f
		if isMarkdownName(name) {
			opts.Markdown = true
		}
	}
	switch opts.Format {
	case Text, Tweet, JSON, JSONL, YAML, CSV:
	default:
		return nil, &Error{File: name, Offset: -1, Msg: fmt.Sprintf("unknown format %q (want text, tweet, json, jsonl, yaml or csv)", opts.Format)}
	}
	if i := bytes.IndexByte(data[:min(len(data), binarySniff)], 0); i >= 0 {
		return nil, &Error{File: name, Offset: i, Msg: "binary file; tweetlen reads UTF-8 text"}
	}
	base := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		base = 3
	}
	s := newSrc(name, data[base:], base)
	if off := invalidUTF8(s.data); off >= 0 {
		return nil, s.errAt(off, fmt.Sprintf("invalid UTF-8 at byte offset %d (byte 0x%02X); tweetlen reads UTF-8 text: convert the file, e.g. with iconv -f WINDOWS-1252 -t UTF-8", off, s.data[off]))
	}
	if len(bytes.TrimSpace(s.data)) == 0 {
		switch opts.Format {
		case Text:
			// The whole input is the post, as for any text.
		case Tweet:
			return []post.Post{{Text: "", Source: post.Source{File: name, Pos: post.Pos{Line: 1, Column: 1}, Verbatim: true}}}, nil
		default:
			return nil, nil
		}
	}
	r := &reader{src: s, opts: opts}
	switch opts.Format {
	case Text:
		r.readText()
	case Tweet:
		r.readTweet()
	case JSON:
		r.readJSON()
	case JSONL:
		r.readJSONL()
	case YAML:
		r.readYAML()
	case CSV:
		r.readCSV()
	}
	if opts.Markdown {
		for i := range r.posts {
			addMarkdownImages(&r.posts[i])
		}
	}
	return r.posts, r.err()
}

// reader is the state of one Read.
type reader struct {
	*src
	opts  Options
	posts []post.Post
	errs  []error
	// yamlNodes counts the YAML nodes converted, aliases followed.
	yamlNodes int
}

// fail records an error.
func (r *reader) fail(e *Error) { r.errs = append(r.errs, e) }

// failAt records an error at byte offset off.
func (r *reader) failAt(off int, format string, args ...any) {
	r.fail(r.errAt(off, fmt.Sprintf(format, args...)))
}

func (r *reader) err() error {
	switch len(r.errs) {
	case 0:
		return nil
	case 1:
		return r.errs[0]
	}
	return errors.Join(r.errs...)
}

// readText reads a plain text: the whole input as one post, or, when a
// thread delimiter line stands alone between blank lines (the rule of the
// Tweet format, without front matter), each item of the thread, trimmed.
func (r *reader) readText() {
	delim := r.threadDelimiter()
	if !bytes.Contains(r.data, []byte(delim)) {
		// One post; no need to look at the lines.
	} else if items := r.splitThread(r.splitLines(0, len(r.data)), 0, delim, false); len(items) > 1 {
		var posts []post.Post
		for n, it := range items {
			a, b := r.trim(it.start, it.end)
			if a == b {
				r.emptyItem(items, n, delim)
				continue
			}
			posts = append(posts, post.Post{Text: string(r.data[a:b]), Source: r.source(a, true)})
		}
		r.addThread(posts)
		return
	}
	t := string(r.data)
	if strings.HasSuffix(t, "\r\n") {
		t = t[:len(t)-2]
	} else if strings.HasSuffix(t, "\n") {
		t = t[:len(t)-1]
	}
	r.posts = append(r.posts, post.Post{Text: t, Source: post.Source{File: r.name, Pos: post.Pos{Line: 1, Column: 1}, Verbatim: true}})
}

// invalidUTF8 returns the offset of the first byte of b that is not valid
// UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		c, n := utf8.DecodeRune(b[i:])
		if c == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// src is the input (without its BOM) and the means to turn a byte offset in
// it into a line and column.
type src struct {
	name string
	data []byte
	// base is the number of bytes dropped before data (a BOM); errors
	// report offsets in the original input.
	base  int
	lines []int // offsets of the starts of lines
	// cps are checkpoints of line cLine for pos.
	cLine int
	cps   []checkpoint
}

func newSrc(name string, data []byte, base int) *src {
	lines := []int{0}
	for i, c := range data {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &src{name: name, data: data, base: base, lines: lines, cLine: -1}
}

// lineOf returns the 0-based line holding offset off.
func (s *src) lineOf(off int) int {
	return sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
}

// checkpointEvery is how many bytes apart pos records grapheme cluster
// boundaries of a line, so that a long line (minified JSON) is not counted
// again from its start for each position.
const checkpointEvery = 256

// checkpoint is a grapheme cluster boundary of a line and its column.
type checkpoint struct{ off, col int }

// pos returns the position of byte offset off of s.data. The column is one
// more than the number of grapheme clusters between the start of the line
// and off.
func (s *src) pos(off int) post.Pos {
	off = max(0, min(off, len(s.data)))
	line := s.lineOf(off)
	if s.cLine != line {
		s.cLine = line
		s.cps = append(s.cps[:0], checkpoint{s.lines[line], 1})
	}
	// Extend the checkpoints of the line up to off.
	last := s.cps[len(s.cps)-1]
	if off-last.off > checkpointEvery {
		from, col := last.off, last.col
		rest := s.data[from:off]
		state := -1
		var cl []byte
		for len(rest) > 0 {
			cl, rest, _, state = uniseg.FirstGraphemeCluster(rest, state)
			if len(rest) == 0 {
				break // may be cut short by off
			}
			from += len(cl)
			col++
			if from-last.off >= checkpointEvery {
				last = checkpoint{from, col}
				s.cps = append(s.cps, last)
			}
		}
	}
	i := sort.Search(len(s.cps), func(i int) bool { return s.cps[i].off > off }) - 1
	cp := s.cps[max(i, 0)]
	return post.Pos{Line: line + 1, Column: cp.col + uniseg.GraphemeClusterCount(string(s.data[cp.off:off]))}
}

// errAt returns an *Error at byte offset off of s.data.
func (s *src) errAt(off int, msg string) *Error {
	off = max(0, min(off, len(s.data)))
	p := s.pos(off)
	return &Error{File: s.name, Line: p.Line, Column: p.Column, Offset: off + s.base, Msg: msg}
}

// errLine returns an *Error on a line (1-based) whose column is unknown.
func (s *src) errLine(line int, msg string) *Error {
	return &Error{File: s.name, Line: line, Offset: -1, Msg: msg}
}

// source returns the Source of a post whose text starts at offset off.
func (s *src) source(off int, verbatim bool) post.Source {
	return post.Source{File: s.name, Pos: s.pos(off), Verbatim: verbatim}
}
