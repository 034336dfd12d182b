package postfile

import (
	"errors"
	"testing"
)

func TestFormatOf(t *testing.T) {
	for _, c := range []struct {
		name     string
		format   Format
		ok       bool
		markdown bool
	}{
		{"", Text, true, false},
		{"-", Text, true, false},
		{"stdin", Text, true, false},
		{"a.txt", Text, true, false},
		{"posts/a.tweet", Tweet, true, false},
		{"a.md", Tweet, true, true},
		{"A.MARKDOWN", Tweet, true, true},
		{"a.json", JSON, true, false},
		{"a.jsonl", JSONL, true, false},
		{"a.ndjson", JSONL, true, false},
		{"a.yaml", YAML, true, false},
		{"a.yml", YAML, true, false},
		{"a.CSV", CSV, true, false},
		{"a.docx", "", false, false},
		{"README", "", false, false},
	} {
		f, ok := FormatOf(c.name)
		if f != c.format || ok != c.ok {
			t.Errorf("FormatOf(%q) = %q, %v; want %q, %v", c.name, f, ok, c.format, c.ok)
		}
		o, ok := OptionsFor(c.name)
		if o.Format != c.format || o.Markdown != c.markdown || ok != c.ok {
			t.Errorf("OptionsFor(%q) = %+v, %v; want format %q markdown %v", c.name, o, ok, c.format, c.markdown)
		}
	}
}

func TestErrorString(t *testing.T) {
	for _, c := range []struct {
		e    Error
		want string
	}{
		{Error{File: "a.tweet", Line: 3, Column: 7, Msg: "bad"}, "a.tweet:3:7: bad"},
		{Error{File: "a.tweet", Line: 3, Msg: "bad"}, "a.tweet:3: bad"},
		{Error{File: "a.tweet", Msg: "bad"}, "a.tweet: bad"},
		{Error{File: "a.tweet", Column: 4, Msg: "bad"}, "a.tweet: bad"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("%+v.Error() = %q, want %q", c.e, got, c.want)
		}
	}
}

// TestCommon covers what holds for every format: encoding, binary files,
// BOM, empty input.
func TestCommon(t *testing.T) {
	for _, format := range []Format{Text, Tweet, JSON, JSONL, YAML, CSV} {
		t.Run(string(format), func(t *testing.T) {
			// Invalid UTF-8 after "é😀\nab": line 2, column 3, byte 9.
			_, err := Read("f", []byte("é😀\nab\xff"), Options{Format: format})
			var e *Error
			if !errors.As(err, &e) || e.Line != 2 || e.Column != 3 || e.Offset != 9 {
				t.Errorf("invalid UTF-8: err = %#v", err)
			} else if got := e.Error(); got != "f:2:3: invalid UTF-8 at byte offset 9 (byte 0xFF); tweetlen reads UTF-8 text: convert the file, e.g. with iconv -f WINDOWS-1252 -t UTF-8" {
				t.Errorf("invalid UTF-8: %q", got)
			}
			// The same after a BOM: the column is the same (the BOM is
			// not a character), the offset counts it.
			_, err = Read("f", []byte("\uFEFFab\xc3"), Options{Format: format})
			if !errors.As(err, &e) || e.Line != 1 || e.Column != 3 || e.Offset != 5 {
				t.Errorf("invalid UTF-8 after BOM: err = %#v", err)
			}
			// Binary.
			posts, err := Read("f", []byte("PK\x03\x04\x00\x00"), Options{Format: format})
			if !errors.As(err, &e) || e.Msg != "binary file; tweetlen reads UTF-8 text" || e.Line != 0 || e.Error() != "f: binary file; tweetlen reads UTF-8 text" || len(posts) != 0 {
				t.Errorf("binary: %v, %#v", posts, err)
			}
			// Empty and blank.
			for _, in := range []string{"", "\uFEFF", " \n\t\r\n"} {
				posts, err := Read("f", []byte(in), Options{Format: format})
				if err != nil {
					t.Errorf("%q: %v", in, err)
				}
				switch format {
				case Text:
					if len(posts) != 1 || posts[0].Source.Pos.Line != 1 {
						t.Errorf("%q: %+v, want one post", in, posts)
					}
				case Tweet:
					if len(posts) != 1 || posts[0].Text != "" || posts[0].Source.Pos.Line != 1 {
						t.Errorf("%q: %+v, want one empty post", in, posts)
					}
				default:
					if len(posts) != 0 {
						t.Errorf("%q: %+v, want no post", in, posts)
					}
				}
			}
		})
	}
	if _, err := Read("f", []byte("x"), Options{Format: "xml"}); err == nil || err.Error() != `f: unknown format "xml" (want text, tweet, json, jsonl, yaml or csv)` {
		t.Errorf("unknown format: %v", err)
	}
	// No format: by the name; unknown extensions are text.
	posts, err := Read("notes.md", []byte("![a](b.png)\n"), Options{})
	if err != nil || len(posts) != 1 || len(posts[0].Media) != 1 {
		t.Errorf("notes.md without a format: %+v, %v", posts, err)
	}
	posts, err = Read("notes.xyz", []byte("---\nx\n"), Options{})
	if err != nil || len(posts) != 1 || posts[0].Text != "---\nx" {
		t.Errorf("notes.xyz without a format: %+v, %v", posts, err)
	}
}

func TestText(t *testing.T) {
	runCases(t, Text, []readCase{
		{name: "plain", in: "hello", posts: []string{`"hello" @1:1 v`}},
		{name: "final newline", in: "hello\n", posts: []string{`"hello" @1:1 v`}},
		{name: "final CRLF", in: "hello\r\n", posts: []string{`"hello" @1:1 v`}},
		{name: "one newline only", in: "a\n\nb\n\n", posts: []string{`"a\n\nb\n" @1:1 v`}},
		{name: "spaces kept", in: "  a  \n", posts: []string{`"  a  " @1:1 v`}},
		{name: "empty", in: "", posts: []string{`"" @1:1 v`}},
		{name: "blank", in: " \n", posts: []string{`" " @1:1 v`}},
		{name: "BOM dropped", in: "\uFEFFhi\n", posts: []string{`"hi" @1:1 v`}},
		{name: "front matter is text", in: "---\na: b\n---\nx", posts: []string{`"---\na: b\n---\nx" @1:1 v`}},
		{name: "markdown", opts: Options{Markdown: true}, in: "see 😀 ![a cat](cat.png)\n",
			posts: []string{`"see 😀 ![a cat](cat.png)" @1:1 v img(cat.png [9:26] alt="a cat" @1:7)`}},

		// Threads: a delimiter line between blank lines, as in the tweet
		// format; the items are trimmed.
		{name: "thread", in: "  one\n\n---\n\ntwo \n\n---\n\n\nthree\n",
			posts: []string{`"one" @1:3 v #1/3`, `"two" @5:1 v #2/3`, `"three" @10:1 v #3/3`}},
		{name: "thread, CRLF and blank lines with spaces", in: "one\r\n \r\n---\r\n\t\r\ntwo\r\n",
			posts: []string{`"one" @1:1 v #1/2`, `"two" @5:1 v #2/2`}},
		{name: "dashes not between blank lines are text", in: "one\n---\ntwo\n\n--- \n\nthree\n",
			posts: []string{`"one\n---\ntwo\n\n--- \n\nthree" @1:1 v`}},
		{name: "no front matter in a text thread: the delimiter needs a blank line after it", in: "one\n\n---\n---\nprofile: x\n---\ntwo",
			posts: []string{`"one\n\n---\n---\nprofile: x\n---\ntwo" @1:1 v`}},
		{name: "custom delimiter", opts: Options{ThreadDelimiter: "+++"}, in: "one\n\n---\n\ntwo\n\n+++\n\nthree",
			posts: []string{`"one\n\n---\n\ntwo" @1:1 v #1/2`, `"three" @9:1 v #2/2`}},
		{name: "markdown thread", opts: Options{Markdown: true}, in: "a ![x](x.png)\n\n---\n\n![y](y.png) b",
			posts: []string{`"a ![x](x.png)" @1:1 v #1/2 img(x.png [2:13] alt="x" @1:3)`, `"![y](y.png) b" @5:1 v #2/2 img(y.png [0:11] alt="y" @5:1)`}},
		{name: "a lone delimiter", in: "---\n",
			errs: []string{`in:1:1: empty thread item: nothing before the first thread delimiter "---"`, `in:1:1: empty thread item: nothing after the last thread delimiter "---"`}},
		{name: "empty items", in: "one\n\n---\n\n---\n\ntwo\n\n---\n",
			posts: []string{`"one" @1:1 v #1/2`, `"two" @7:1 v #2/2`},
			errs:  []string{`in:3:1: empty thread item: nothing between two thread delimiters "---"`, `in:9:1: empty thread item: nothing after the last thread delimiter "---"`}},
	})
}
