package report

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/media"
	"github.com/tweetlen/tweetlen/pkg/post"
)

// contractKeys are the keys of the batch mode's stable contract, in order.
var contractKeys = []string{
	"id", "weightedLength", "valid", "permillage",
	"validRangeStart", "validRangeEnd", "displayRangeStart", "displayRangeEnd",
	"profile", "limit", "remaining",
}

// objectKeys returns the keys of the JSON object raw, in order, and its
// members.
func objectKeys(t *testing.T, raw []byte) ([]string, map[string]json.RawMessage) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s (%v)", raw, err)
	}
	var keys []string
	members := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		key := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if _, dup := members[key]; dup {
			t.Errorf("duplicate key %q in %s", key, raw)
		}
		keys = append(keys, key)
		members[key] = v
	}
	if _, err := dec.Token(); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	if dec.More() {
		t.Fatalf("trailing data after object: %s", raw)
	}
	return keys, members
}

func jsonOut(t *testing.T, feed func(Writer)) []string {
	t.Helper()
	out := run(t, func(b *bytes.Buffer) Writer { return NewJSON(b, Options{ToolVersion: "v0.0.0"}) }, feed)
	if !utf8.ValidString(out) {
		t.Errorf("output is not valid UTF-8: %q", out)
	}
	if out != "" && !strings.HasSuffix(out, "\n") {
		t.Errorf("output does not end with a newline: %q", out)
	}
	ls := lines(out)
	for _, l := range ls {
		if !json.Valid([]byte(l)) {
			t.Errorf("line is not valid JSON: %s", l)
		}
	}
	return ls
}

func decodeLine(t *testing.T, line string) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	return m
}

func TestJSONMinimal(t *testing.T) {
	r := verdict(t, "posts/a.md", "hi https://t.co/x")
	ls := jsonOut(t, func(w Writer) { mustPost(t, w, r) })
	if len(ls) != 1 {
		t.Fatalf("got %d lines, want 1", len(ls))
	}
	keys, _ := objectKeys(t, []byte(ls[0]))
	want := append(append([]string{}, contractKeys...), "count", "graphemes", "ok", "source", "problems")
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("keys = %q\nwant   %q", keys, want)
	}
	// The contract part is exactly what the batch mode always wrote (the
	// README's example), the extensions follow.
	wantLine := `{"id":"posts/a.md","weightedLength":26,"valid":true,"permillage":185,"validRangeStart":0,"validRangeEnd":16,"displayRangeStart":0,"displayRangeEnd":16,"profile":"twitter","limit":140,"remaining":114,` +
		`"count":26,"graphemes":0,"ok":true,"source":{"file":"posts/a.md","line":1,"column":1},"problems":[]}`
	if ls[0] != wantLine {
		t.Errorf("line =\n%s\nwant\n%s", ls[0], wantLine)
	}
}

func TestJSONFull(t *testing.T) {
	text := strings.Repeat("a", 150)
	r := verdict(t, "posts/thread.md", text)
	r.Post.ID = []byte("{\n  \"k\": [1, 2.50, \"x y\"],\n  \"h\": \"<&>\"\n}")
	r.Post.Source.Pos = post.Pos{Line: 4, Column: 1}
	r.Post.Source.Index = 2
	r.Post.Source.Thread = 3
	r.Count = 150 // a media cost would go here
	r.Remaining = r.Limit - r.Count
	overLimit(r, 140, post.Pos{Line: 4, Column: 141}, post.Pos{Line: 4, Column: 151})
	r.Problems = append(r.Problems, problem(lint.RuleAltLength, lint.Warning, "alt text is long", 2, 8, 2, 20))
	r.Post.Media = []post.Media{
		{File: "cat.png", Alt: "a cat", Origin: post.Declared, Start: -1, End: -1},
		{File: "https://example.com/v.mp4", Origin: post.MarkdownImage, Start: 0, End: 10},
		{File: "https://pic.twitter.com/abc", Origin: post.PicLink, Start: 20, End: 45},
	}
	r.Media = []lint.MediaReport{
		{Media: &r.Post.Media[0], Info: media.Info{Kind: media.Image, Format: "png", Size: 1234}},
		{Media: &r.Post.Media[1], Info: media.Info{Kind: media.Video, Format: "mp4", Size: -1, Remote: true}},
		{Media: &r.Post.Media[2], Info: media.Info{Size: 0}},
	}
	r.LeftOut = []lint.LeftOut{
		{What: "media", Kind: "image", Count: 1},
		{What: "reply-mentions", Count: 2, Text: "@a @b"},
	}

	ls := jsonOut(t, func(w Writer) { mustPost(t, w, r) })
	if len(ls) != 1 {
		t.Fatalf("got %d lines, want 1", len(ls))
	}
	keys, members := objectKeys(t, []byte(ls[0]))
	if !reflect.DeepEqual(keys[:11], contractKeys) {
		t.Errorf("first keys = %q, want %q", keys[:11], contractKeys)
	}
	want := append(append([]string{}, contractKeys...), "count", "graphemes", "ok", "source", "overflow", "media", "leftOut", "problems")
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("keys = %q\nwant   %q", keys, want)
	}
	// The raw id is compacted onto the line, not re-encoded: its number
	// keeps its form and its key order, "<&>" is not HTML-escaped.
	if got, want := string(members["id"]), `{"k":[1,2.50,"x y"],"h":"<&>"}`; got != want {
		t.Errorf("id = %s, want %s", got, want)
	}

	for key, want := range map[string]string{
		"weightedLength": "150",
		"valid":          "false",
		"permillage":     "1071",
		"profile":        `"twitter"`,
		"limit":          "140",
		"remaining":      "-10",
		"count":          "150",
		"ok":             "false",
		"source":         `{"file":"posts/thread.md","line":4,"column":1,"index":2,"thread":3}`,
		"overflow":       `{"line":4,"column":141,"offset":140}`,
		"media": `[{"file":"cat.png","alt":"a cat","kind":"image","format":"png","bytes":1234,"origin":"declared","counted":false},` +
			`{"file":"https://example.com/v.mp4","kind":"video","format":"mp4","origin":"markdown","counted":false},` +
			`{"file":"https://pic.twitter.com/abc","kind":"unknown","format":"","bytes":0,"origin":"pic.twitter.com","counted":false}]`,
		"leftOut": `[{"what":"media","kind":"image","count":1},{"what":"reply-mentions","count":2,"text":"@a @b"}]`,
		"problems": `[{"rule":"length","severity":"error","message":"post is 150/140 characters, 10 over","line":4,"column":141,"endLine":4,"endColumn":151},` +
			`{"rule":"alt-length","severity":"warning","message":"alt text is long","line":2,"column":8,"endLine":2,"endColumn":20}]`,
	} {
		if got := string(members[key]); got != want {
			t.Errorf("%s = %s\nwant %s", key, got, want)
		}
	}

	// Nested key order.
	var problems []json.RawMessage
	if err := json.Unmarshal(members["problems"], &problems); err != nil {
		t.Fatal(err)
	}
	pk, _ := objectKeys(t, problems[0])
	if want := []string{"rule", "severity", "message", "line", "column", "endLine", "endColumn"}; !reflect.DeepEqual(pk, want) {
		t.Errorf("problem keys = %q, want %q", pk, want)
	}
}

func TestJSONID(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string
		id   []byte
		want string
	}{
		{"number", "stdin", []byte("17"), "17"},
		{"string", "stdin", []byte(`"a"`), `"a"`},
		{"null id", "posts.jsonl", []byte("null"), "null"},
		{"stdin without id", "stdin", nil, "null"},
		{"file path", "posts/b.md", nil, `"posts/b.md"`},
		{"spaces and newline", "stdin", []byte(" [1,\n 2] "), "[1,2]"},
		{"invalid UTF-8", "stdin", []byte("\"a\xffb\""), `"a` + "\uFFFD" + `b"`},
		{"not JSON", "stdin", []byte("{oops"), `"{oops"`},
		{"U+2028 kept valid", "stdin", []byte("\"a\u2028b\""), "\"a\u2028b\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := verdict(t, tc.file, "hi")
			r.Post.ID = tc.id
			ls := jsonOut(t, func(w Writer) { mustPost(t, w, r) })
			_, members := objectKeys(t, []byte(ls[0]))
			if got := string(members["id"]); got != tc.want {
				t.Errorf("id = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestJSONInputError(t *testing.T) {
	ls := jsonOut(t, func(w Writer) {
		mustInputError(t, w, &InputError{File: "posts/bad.json", Pos: post.Pos{Line: 3, Column: 9}, Message: "invalid character '}'"})
		mustPost(t, w, verdict(t, "posts/ok.md", "fine"))
		mustInputError(t, w, &InputError{File: "posts/unreadable.md", Message: "permission denied"})
	})
	if len(ls) != 3 {
		t.Fatalf("got %d lines, want 3:\n%s", len(ls), strings.Join(ls, "\n"))
	}
	if want := `{"error":{"file":"posts/bad.json","line":3,"column":9,"message":"invalid character '}'"}}`; ls[0] != want {
		t.Errorf("line 1 = %s\nwant %s", ls[0], want)
	}
	if want := `{"error":{"file":"posts/unreadable.md","line":0,"column":0,"message":"permission denied"}}`; ls[2] != want {
		t.Errorf("line 3 = %s\nwant %s", ls[2], want)
	}
	keys, _ := objectKeys(t, []byte(ls[1]))
	if !reflect.DeepEqual(keys[:11], contractKeys) {
		t.Errorf("verdict between errors: keys %q", keys)
	}
}

func TestJSONEscaping(t *testing.T) {
	file := "posts/\"odd\" <name>\n.md"
	r := verdict(t, file, "hi")
	r.Problems = []lint.Problem{problem(lint.RuleInvalidChar, lint.Error, oddText, 1, 2, 1, 3)}
	ie := &InputError{File: file, Message: oddText}
	ls := jsonOut(t, func(w Writer) {
		mustPost(t, w, r)
		mustInputError(t, w, ie)
	})
	if len(ls) != 2 {
		t.Fatalf("odd text broke the lines: got %d lines", len(ls))
	}
	wantMsg := validUTF8(oddText)
	for _, l := range ls {
		if !strings.Contains(l, "<b>&amp;</b>") {
			t.Errorf("HTML characters were escaped: %s", l)
		}
		if strings.ContainsRune(l, '\u2028') {
			t.Errorf("U+2028 left raw: %s", l)
		}
		for _, c := range l {
			if c < 0x20 {
				t.Errorf("raw control character %U in line", c)
			}
		}
	}
	m := decodeLine(t, ls[0])
	if got := m["id"]; got != file {
		t.Errorf("id = %q, want %q", got, file)
	}
	if got := m["problems"].([]any)[0].(map[string]any)["message"]; got != wantMsg {
		t.Errorf("message = %q\nwant      %q", got, wantMsg)
	}
	e := decodeLine(t, ls[1])["error"].(map[string]any)
	if e["file"] != file || e["message"] != wantMsg {
		t.Errorf("input error = %q", e)
	}
}

func TestJSONEmpty(t *testing.T) {
	if ls := jsonOut(t, func(Writer) {}); len(ls) != 0 {
		t.Errorf("no input wrote %q", ls)
	}
}

func TestAppendString(t *testing.T) {
	// Every string round-trips through encoding/json to its valid-UTF-8
	// form.
	for _, s := range []string{"", "plain", oddText, "\x00\x1f\x7f", "\u2029", "é\u0301", "\xe2\x80", "a\\\"b"} {
		b := appendString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Errorf("%q → %s: %v", s, b, err)
			continue
		}
		if want := validUTF8(s); got != want {
			t.Errorf("%q → %s → %q", s, b, got)
		}
	}
}

func TestValidUTF8(t *testing.T) {
	for in, want := range map[string]string{
		"":             "",
		"ok é 👍":       "ok é 👍",
		"a\xffb":       "a\uFFFDb",
		"a\xe2\x80b":   "a\uFFFD\uFFFDb",
		"\xed\xa0\x80": "\uFFFD\uFFFD\uFFFD", // a surrogate
	} {
		if got := validUTF8(in); got != want {
			t.Errorf("validUTF8(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJSONAllocs: the JSON writer is the batch mode's hot path; a verdict
// with problems, media and a raw id costs no allocation once warm.
func TestJSONAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	r := verdict(t, "posts/a.md", strings.Repeat("é", 150))
	r.Post.ID = []byte(`{"n": 1}`)
	overLimit(r, 280, post.Pos{Line: 1, Column: 141}, post.Pos{Line: 1, Column: 151})
	r.Post.Media = []post.Media{{File: "a.png", Alt: "alt", Start: -1, End: -1}}
	r.Media = []lint.MediaReport{{Media: &r.Post.Media[0], Info: media.Info{Kind: media.Image, Format: "png", Size: 99}}}
	w := NewJSON(io.Discard, Options{})
	mustPost(t, w, r)
	if n := testing.AllocsPerRun(100, func() { _ = w.Post(r) }); n != 0 {
		t.Errorf("%v allocations per verdict, want 0", n)
	}
}

func BenchmarkJSON(b *testing.B) {
	r := verdict(b, "posts/a.md", "Hello, world! https://example.com")
	r.Post.ID = []byte(`12345`)
	w := NewJSON(io.Discard, Options{})
	b.ReportAllocs()
	for b.Loop() {
		_ = w.Post(r)
	}
}
