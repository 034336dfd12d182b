package postfile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/post"
)

var fuzzFormats = []Format{Text, Tweet, JSON, JSONL, YAML, CSV}

// fuzzSeeds are inputs of every format, given to every fuzz target.
var fuzzSeeds = []string{
	"hello\n",
	"\uFEFFé😀\r\n",
	"---\nmedia:\n  - file: cat.jpg\n    alt: A cat\nreply: r\npoll: {options: [a, b], duration: 5}\n---\n\nHi ![x](y.png \"t\") `![c](d)`\n\n---\n---\ncw: c\n---\n\ntwo\n( ) a\n() b\n\n---\n\n```\n![e](f)\n```",
	"---\nthread-delimiter: \"[...]\"\n---\na\n\n[...]\n\nb\n",
	"---\nbad: [\n---\nx",
	"---\nunterminated\n",
	"one\n\n---\n\n---\n\n",
	`[{"text":"a\u00e9","id":1,"media":["x.png",{"file":"y","alt":"z"}],"poll":["p","q"]},{"content":"b"}]`,
	`{"text": "x", "bad": 1}`,
	"{\"text\":\"a\"}\n\n{\"text\":\n{\"post\":\"😀\"}\r\n",
	"- text: |\n    lit\n  id: 1\n- message: 'it''s'\n  media: [a]\n---\ntext: &a x\ncw: *a\n",
	"text: [\n",
	"id,Date,Text,Media_URLs,alt\n1,now,\"a \"\"q\"\"\",\"a.png||b.png\",A||B\n2,,plain,,\n\"x\"y,1\n",
	"Text\n\"multi\r\nline\"\n",
}

func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds {
		for i := range fuzzFormats {
			f.Add([]byte(s), uint8(i), i%2 == 0, "")
		}
	}
	f.Add([]byte("a\n\n+++\n\nb"), uint8(1), false, "+++")
	f.Add([]byte("a\n\n+++\n\nb"), uint8(0), false, "+++")
	f.Fuzz(func(t *testing.T, data []byte, format uint8, markdown bool, delim string) {
		checkRead(t, data, Options{Format: fuzzFormats[int(format)%len(fuzzFormats)], Markdown: markdown, ThreadDelimiter: delim})
	})
}

// The fuzz targets of one format family each.

func FuzzReadTweet(f *testing.F) { fuzzFormat(f, Tweet, Text) }
func FuzzReadJSON(f *testing.F)  { fuzzFormat(f, JSON, JSONL) }
func FuzzReadYAML(f *testing.F)  { fuzzFormat(f, YAML) }
func FuzzReadCSV(f *testing.F)   { fuzzFormat(f, CSV) }

func fuzzFormat(f *testing.F, formats ...Format) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, markdown bool) {
		for _, format := range formats {
			checkRead(t, data, Options{Format: format, Markdown: markdown})
		}
	})
}

// checkRead reads data and checks what must hold whatever the input.
func checkRead(t *testing.T, data []byte, opts Options) {
	const name = "fuzz.in"
	posts, err := Read(name, data, opts)
	checkPosts(t, name, data, posts)
	for _, msg := range errList(t, err) {
		if msg == "" {
			t.Errorf("empty error message")
		}
	}
	if err != nil {
		var errs []error
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		} else {
			errs = []error{err}
		}
		for _, e := range errs {
			if pe, ok := e.(*Error); ok {
				if pe.File != name || pe.Offset < -1 || pe.Offset > len(data) || pe.Line < 0 || pe.Column < 0 || (pe.Column > 0 && pe.Line == 0) {
					t.Errorf("bad error %#v", pe)
				}
			}
		}
	}
	if opts.Format == Text {
		checkTextThread(t, data, opts, posts, err)
	}
	for _, p := range posts {
		if p.Source.Thread != 0 && (p.Source.Index < 1 || p.Source.Index > p.Source.Thread) {
			t.Errorf("index %d of a thread of %d", p.Source.Index, p.Source.Thread)
		}
	}
}

// checkTextThread checks what holds of a text read as a thread: without a
// delimiter line it is one post; with one, the posts are the trimmed texts
// between the delimiters, in order, each verbatim in the input.
func checkTextThread(t *testing.T, data []byte, opts Options, posts []post.Post, err error) {
	delim := opts.ThreadDelimiter
	if delim == "" {
		delim = DefaultThreadDelimiter
	}
	if err != nil {
		return
	}
	if !bytes.Contains(data, []byte(delim)) && len(posts) != 1 {
		t.Errorf("text without %q: %d posts, want 1", delim, len(posts))
	}
	if len(posts) < 2 {
		return
	}
	prevEnd := 0
	for i, p := range posts {
		if p.Text == "" || strings.TrimSpace(p.Text) != p.Text {
			t.Errorf("thread item %d %q is empty or not trimmed", i+1, p.Text)
		}
		at := offsetOf(data, p.Source.Pos)
		if at < prevEnd || !bytes.HasPrefix(data[at:], []byte(p.Text)) {
			t.Errorf("thread item %d %q is not at %s (offset %d, after %d)", i+1, p.Text, ps(p.Source.Pos), at, prevEnd)
			return
		}
		if i > 0 && !bytes.Contains(data[prevEnd:at], []byte(delim)) {
			t.Errorf("no delimiter before thread item %d", i+1)
		}
		prevEnd = at + len(p.Text)
	}
}

// offsetOf returns the byte offset of pos in data (after a BOM).
func offsetOf(data []byte, pos post.Pos) int {
	bom := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		bom = 3
	}
	off := bom
	for l := 1; l < pos.Line; l++ {
		off += bytes.IndexByte(data[off:], '\n') + 1
	}
	state := -1
	for c := 1; c < pos.Column; c++ {
		var cl []byte
		cl, _, _, state = uniseg.FirstGraphemeCluster(data[off:], state)
		off += len(cl)
	}
	return off
}
