package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/tweetlen/tweetlen/internal/mediatest"
)

var update = flag.Bool("u", false, "update the golden sections of testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tweetlen": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the end-to-end scripts, one behaviour per file.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds:                map[string]func(ts *testscript.TestScript, neg bool, args []string){"mkmedia": mkmedia},
	})
}

// mediaHeads are the first bytes of a file of each kind: enough for
// tweetlen to recognise it by its content.
var mediaHeads = map[string][]byte{
	"png":  []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"),
	"jpeg": []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
	"mp4":  []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"),
}

// mkmedia writes a media file for a script: mkmedia KIND SIZE PATH
// [SECONDS] writes SIZE bytes starting with KIND's header (png, jpeg or
// mp4); an mp4 given SECONDS records that duration (in a moov box at the
// end, so the file is at least a little over SIZE).
func mkmedia(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 || len(args) > 4 || len(args) == 4 && args[0] != "mp4" {
		ts.Fatalf("usage: mkmedia png|jpeg|mp4 SIZE PATH, or mkmedia mp4 SIZE PATH SECONDS")
	}
	head, ok := mediaHeads[args[0]]
	if !ok {
		ts.Fatalf("mkmedia: unknown kind %q", args[0])
	}
	size, err := strconv.Atoi(args[1])
	if err != nil || size < len(head) {
		ts.Fatalf("mkmedia: bad size %q", args[1])
	}
	data := make([]byte, size)
	copy(data, head)
	if len(args) == 4 {
		secs, err := strconv.ParseFloat(args[3], 64)
		if err != nil || secs <= 0 {
			ts.Fatalf("mkmedia: bad duration %q", args[3])
		}
		data = mediatest.MP4(size, secs)
	}
	path := ts.MkAbs(args[2])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o777))
	ts.Check(os.WriteFile(path, data, 0o666))
}

// run calls Main in-process with stdin and returns its outputs.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestMainTable(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.txt", "fits\n")
	long := write("long.txt", strings.Repeat("b", 145)+"\n")
	goodCfg := write("ten.json", `{"version":9,"maxWeightedTweetLength":10,"scale":1,"defaultWeight":1,"transformedURLLength":23,"ranges":[]}`)
	badCfg := write("bad.json", `{"version":1,"maxWeightedTweetLength":0,"scale":1}`)
	missing := filepath.Join(dir, "missing.txt")
	a141 := strings.Repeat("a", 141)

	tests := []struct {
		name       string
		args       []string
		stdin      string
		code       int
		stdout     string // exact, unless stdoutHas is set
		stdoutHas  string
		stderr     string // exact, unless stderrHave is set
		stderrHave []string
	}{
		{name: "valid", stdin: "my draft\n", stdout: "8/140 · 132 left · fits (twitter)\n"},
		{name: "dash is stdin", args: []string{"-"}, stdin: "my draft", stdout: "8/140 · 132 left · fits (twitter)\n"},
		{name: "final CRLF is not counted", stdin: "my draft\r\n", stdout: "8/140 · 132 left · fits (twitter)\n"},
		{name: "only one final newline is trimmed", stdin: "ab\n\n", stdout: "3/140 · 137 left · fits (twitter)\n"},
		{name: "inner newlines count", stdin: "a\r\nb\n", stdout: "4/140 · 136 left · fits (twitter)\n"},
		{name: "leading BOM is not counted", stdin: "\uFEFFhi\n", stdout: "2/140 · 138 left · fits (twitter)\n"},
		{name: "exactly the limit", stdin: strings.Repeat("a", 140), stdout: "140/140 · 0 left · fits (twitter)\n"},
		{
			name: "over", stdin: a141 + "\n", code: 1,
			stdout: "141/140 · over by 1 (twitter)\n" +
				"  over the limit from line 1, column 141:\n" +
				"  " + strings.Repeat("a", 140) + "⟦a⟧\n",
		},
		{
			// ก้ is one grapheme of two code points: columns count graphemes.
			name: "over on a later line, columns in graphemes", args: []string{"--profile", "x"},
			stdin: "first line\n" + strings.Repeat("ก้", 130) + "xxxxxxxxxx\n", code: 1,
			stdout: "281/280 · over by 1 (x)\n" +
				"  over the limit from line 2, column 140:\n" +
				"  first line\n  " + strings.Repeat("ก้", 130) + "xxxxxxxxx⟦x⟧\n",
		},
		{
			name: "over, in colour", args: []string{"--color", "always"}, stdin: a141, code: 1,
			stdout: "141/140 · over by 1 (twitter)\n" +
				"  over the limit from line 1, column 141:\n" +
				"  " + strings.Repeat("a", 140) + "\x1b[97;41ma\x1b[0m\n",
		},
		{name: "empty", stdin: "", code: 1, stdout: "0/140 · 140 left · empty (twitter)\n"},
		{name: "a lone newline is empty", stdin: "\n", code: 1, stdout: "0/140 · 140 left · empty (twitter)\n"},
		{
			name: "invalid character", stdin: "ab\uFFFEc", code: 1,
			stdout: "4/140 · 136 left · invalid character (twitter)\n" +
				"  line 1, column 3: U+FFFE (a noncharacter) is not allowed in a post; delete it\n",
		},
		{
			name: "invalid UTF-8", stdin: "ok\nab\xffc\n", code: 2,
			stderr: "tweetlen: stdin:2:3: invalid UTF-8 at byte offset 5 (byte 0xFF); tweetlen reads UTF-8 text: convert the file, e.g. with iconv -f WINDOWS-1252 -t UTF-8\n",
		},
		{name: "x profile counts CJK double", args: []string{"-p", "x"}, stdin: "你好\n", stdout: "4/280 · 276 left · fits (x)\n"},
		{name: "x-v2 profile", args: []string{"--profile=x-v2"}, stdin: strings.Repeat("a", 281), code: 1, stderr: "",
			stdout: "281/280 · over by 1 (x-v2)\n  over the limit from line 1, column 281:\n  " + strings.Repeat("a", 280) + "⟦a⟧\n"},
		{name: "unknown profile", args: []string{"--profile", "twitter-2000"}, code: 2,
			stderr: "tweetlen: unknown profile \"twitter-2000\"; valid profiles: twitter, twitter-2015, x-v2, x, x-premium, bluesky, mastodon, threads, linkedin (or a twitter-text JSON config file)\n"},
		{name: "unknown format", args: []string{"--format", "yaml"}, code: 2,
			stderr: "tweetlen: unknown format \"yaml\"; valid formats: text, json, github, sarif, junit\n"},
		{name: "unknown input", args: []string{"--input", "xml"}, code: 2,
			stderr: "tweetlen: unknown input \"xml\"; valid inputs: auto, text, tweet, md, json, jsonl, yaml, csv\n"},
		{name: "unknown colour mode", args: []string{"--color", "sometimes"}, code: 2,
			stderr: "tweetlen: unknown --color \"sometimes\"; valid values: auto, always, never\n"},
		{name: "unknown flag shows usage", args: []string{"--bogus"}, code: 2,
			stderrHave: []string{"tweetlen: unknown flag: --bogus\n\nUsage:\n  tweetlen [flags] [PATH|-]...\n", "--profile NAME"}},
		{name: "stdin twice", args: []string{"-", "-"}, code: 2, stderr: "tweetlen: standard input (-) can be read only once\n"},
		{name: "config file", args: []string{"--config", goodCfg}, stdin: "eleven char", code: 1,
			stdout: "11/10 · over by 1 (custom)\n  over the limit from line 1, column 11:\n  eleven cha⟦r⟧\n"},
		{name: "bad config file", args: []string{"--config", badCfg}, code: 2,
			stderr: "tweetlen: " + badCfg + ": twitter-text config: maxWeightedTweetLength is 0, want 1 to 1073741824\n"},
		{name: "missing config file", args: []string{"--config", missing}, code: 2,
			stderr: "tweetlen: " + missing + ": no such file or directory\n"},
		{name: "profile and config", args: []string{"--profile", "x", "--config", goodCfg}, code: 2,
			stderr: "tweetlen: --profile and a twitter-text --config cannot be used together\n"},
		{name: "files, labelled", args: []string{ok, long}, code: 1,
			stdout: ok + ": 4/140 · 136 left · fits (twitter)\n" +
				long + ": 145/140 · over by 5 (twitter)\n  over the limit from line 1, column 141:\n  " + strings.Repeat("b", 140) + "⟦bbbbb⟧\n" +
				"2 posts in 2 files: 1 pass, 1 fail (1 over the limit)\n"},
		{name: "a missing file is an input error; the others are checked", args: []string{ok, missing, long}, code: 2,
			stdout: ok + ": 4/140 · 136 left · fits (twitter)\n" +
				long + ": 145/140 · over by 5 (twitter)\n  over the limit from line 1, column 141:\n  " + strings.Repeat("b", 140) + "⟦bbbbb⟧\n" +
				"2 posts in 2 files: 1 pass, 1 fail (1 over the limit); 1 input error (see above)\n",
			stderr: "tweetlen: " + missing + ": no such file or directory\n"},
		{name: "json for a draft", args: []string{"--format", "json"}, stdin: "my draft\n",
			stdout: `{"id":null,"weightedLength":8,"valid":true,"permillage":57,"validRangeStart":0,"validRangeEnd":7,"displayRangeStart":0,"displayRangeEnd":7,"profile":"twitter","limit":140,"remaining":132,"count":8,"graphemes":8,"ok":true,"source":{"file":"stdin","line":1,"column":1},"problems":[]}` + "\n"},
		{name: "json for files: the id is the path", args: []string{"--format", "json", "-p", "x", ok}, stdin: "",
			stdout: `{"id":` + jsonString(ok) + `,"weightedLength":4,"valid":true,"permillage":14,"validRangeStart":0,"validRangeEnd":3,"displayRangeStart":0,"displayRangeEnd":3,"profile":"x","limit":280,"remaining":276,"count":4,"graphemes":4,"ok":true,"source":{"file":` + jsonString(ok) + `,"line":1,"column":1},"problems":[]}` + "\n"},
		{name: "json over the limit", args: []string{"--format", "json"}, stdin: a141, code: 1,
			stdout: `{"id":null,"weightedLength":141,"valid":false,"permillage":1007,"validRangeStart":0,"validRangeEnd":139,"displayRangeStart":0,"displayRangeEnd":140,"profile":"twitter","limit":140,"remaining":-1,"count":141,"graphemes":141,"ok":false,"source":{"file":"stdin","line":1,"column":1},"overflow":{"line":1,"column":141,"offset":140},"problems":[{"rule":"length","severity":"error","message":"141/140: over by 1 under twitter; the text does not fit from here on","line":1,"column":141,"endLine":1,"endColumn":142}]}` + "\n"},
		{
			name: "batch, a malformed line in the middle", args: []string{"--input", "jsonl", "--format", "json", "-"}, code: 2,
			stdin: `{"id":1,"text":"one"}` + "\n" + `{"id":2,"text":` + "\n" + `{"id":3,"text":"three"}` + "\n",
			stdout: `{"id":1,"weightedLength":3,"valid":true,"permillage":21,"validRangeStart":0,"validRangeEnd":2,"displayRangeStart":0,"displayRangeEnd":2,"profile":"twitter","limit":140,"remaining":137}` + "\n" +
				`{"id":3,"weightedLength":5,"valid":true,"permillage":35,"validRangeStart":0,"validRangeEnd":4,"displayRangeStart":0,"displayRangeEnd":4,"profile":"twitter","limit":140,"remaining":135}` + "\n",
			stderr: "tweetlen: stdin:2: invalid JSON at byte offset 14 of the line: unexpected end of JSON input\n",
		},
		{
			name: "batch, input errors beat invalid posts", args: []string{"--input", "jsonl", "--format", "json"}, code: 2,
			stdin:  `{"text":""}` + "\n" + `{"id":2}` + "\n",
			stdout: `{"id":null,"weightedLength":0,"valid":false,"permillage":0,"validRangeStart":0,"validRangeEnd":0,"displayRangeStart":0,"displayRangeEnd":0,"profile":"twitter","limit":140,"remaining":140}` + "\n",
			stderr: "tweetlen: stdin:2: missing \"text\": want a JSON object like {\"id\": 1, \"text\": \"…\"}\n",
		},
		{
			name: "batch, an invalid post alone exits 1", args: []string{"--input", "jsonl", "--format", "json"}, code: 1,
			stdin:  `{"id":"e","text":""}` + "\n",
			stdout: `{"id":"e","weightedLength":0,"valid":false,"permillage":0,"validRangeStart":0,"validRangeEnd":0,"displayRangeStart":0,"displayRangeEnd":0,"profile":"twitter","limit":140,"remaining":140}` + "\n",
		},
		{
			name: "batch text is verbatim: newlines count", args: []string{"--input", "jsonl", "--format", "json"},
			stdin:  `{"id":1,"text":"a\n"}` + "\r\n\n   \n",
			stdout: `{"id":1,"weightedLength":2,"valid":true,"permillage":14,"validRangeStart":0,"validRangeEnd":1,"displayRangeStart":0,"displayRangeEnd":1,"profile":"twitter","limit":140,"remaining":138}` + "\n",
		},
		{
			name: "batch with text output", args: []string{"--input", "jsonl"}, code: 1,
			stdin: `{"text":"hi"}` + "\n" + `{"text":"` + a141 + `"}`,
			stdout: "stdin:1: 2/140 · 138 left · fits (twitter)\nstdin:2: 141/140 · over by 1 (twitter)\n  over the limit from line 1, column 141 of the text:\n  " + strings.Repeat("a", 140) + "⟦a⟧\n" +
				"2 posts in 1 file: 1 pass, 1 fail (1 over the limit)\n",
		},
		{
			name: "batch, every kind of bad line", args: []string{"--input", "jsonl", "--format", "json"}, code: 2,
			stdin: "[1]\n" + `{"text":5}` + "\n" + `"just a string"` + "\n" + `{"text":"a"} x` + "\n" + "{\"text\":\"\xff\"}\n",
			stderr: "tweetlen: stdin:1: want a JSON object like {\"id\": 1, \"text\": \"…\"}, got an array\n" +
				"tweetlen: stdin:2: \"text\" must be a JSON string, got a number\n" +
				"tweetlen: stdin:3: want a JSON object like {\"id\": 1, \"text\": \"…\"}, got a string\n" +
				"tweetlen: stdin:4: invalid JSON at byte offset 13 of the line: invalid character 'x' after top-level value\n" +
				"tweetlen: stdin:5: invalid UTF-8 at byte offset 9 of the line (byte 0xFF): JSON Lines input must be UTF-8\n",
		},
		{name: "version", args: []string{"version"}, stdoutHas: " go1."},
		{name: "completion", args: []string{"completion", "bash"}, stdoutHas: "# bash completion V2 for tweetlen"},
		{name: "help", args: []string{"--help"}, stdoutHas: "Exit status: 0 every post passes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			if tt.stdoutHas != "" {
				if !strings.Contains(stdout, tt.stdoutHas) {
					t.Errorf("stdout lacks %q:\n%s", tt.stdoutHas, stdout)
				}
			} else if stdout != tt.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, tt.stdout)
			}
			if tt.stderrHave != nil {
				for _, s := range tt.stderrHave {
					if !strings.Contains(stderr, s) {
						t.Errorf("stderr lacks %q:\n%s", s, stderr)
					}
				}
			} else if stderr != tt.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, tt.stderr)
			}
		})
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestBatchIDsVerbatim checks that ids of every JSON type come back byte for
// byte, through the fast decoder and the encoding/json fallback alike.
func TestBatchIDsVerbatim(t *testing.T) {
	ids := []string{
		`1`, `-0`, `1.50`, `12345678901234567890`, `1e400`, `"s"`, `"\u00e9\n"`, `"é"`,
		`true`, `false`, `null`, `{"a": [1, 2]}`, `[1,"x",{}]`, `{}`, `[]`,
	}
	var in strings.Builder
	for _, id := range ids {
		in.WriteString(`{"id": ` + id + `, "text": "x"}` + "\n")
	}
	in.WriteString(`{"text": "no id"}` + "\n")
	in.WriteString(`{"id": 1, "id": 2, "text": "last id wins"}` + "\n")
	in.WriteString(`{"id": [1, 2], "id": 3, "text": "last id wins, fallback"}` + "\n")
	want := append(ids, `null`, `2`, `3`)

	code, stdout, stderr := run(t, in.String(), "--input", "jsonl", "--format", "json")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d output lines, want %d:\n%s", len(lines), len(want), stdout)
	}
	for i, line := range lines {
		if !strings.HasPrefix(line, `{"id":`+want[i]+`,"weightedLength":`) {
			t.Errorf("line %d: %s\nwant id %s", i+1, line, want[i])
		}
		if !json.Valid([]byte(line)) {
			t.Errorf("line %d is not valid JSON: %s", i+1, line)
		}
	}
}

// TestBatchShape checks the field names, order and types of the batch
// output contract (the values are checked against the reference elsewhere).
func TestBatchShape(t *testing.T) {
	_, stdout, _ := run(t, `{"id":7,"text":"hello"}`+"\n", "--input", "jsonl", "--format", "json", "--profile", "x")
	dec := json.NewDecoder(strings.NewReader(stdout))
	var keys []string
	types := map[string]string{}
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		t.Fatalf("output %q does not start with an object", stdout)
	}
	for dec.More() {
		k, _ := dec.Token()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		types[k.(string)] = reflect.TypeOf(v).String()
	}
	wantKeys := []string{"id", "weightedLength", "valid", "permillage", "validRangeStart", "validRangeEnd",
		"displayRangeStart", "displayRangeEnd", "profile", "limit", "remaining"}
	if !reflect.DeepEqual(keys, wantKeys) {
		t.Errorf("keys %v\nwant %v", keys, wantKeys)
	}
	for k, typ := range types {
		want := "float64"
		switch k {
		case "valid":
			want = "bool"
		case "profile":
			want = "string"
		}
		if typ != want {
			t.Errorf("%s is a %s, want %s", k, typ, want)
		}
	}
}

// TestInputCaps checks the size caps: a draft over the cap is an input
// error; a batch line over the cap is skipped and the next one answered,
// both when it fits the read buffer and when it does not.
func TestInputCaps(t *testing.T) {
	defer func(d, l int) { maxFileBytes, maxLineBytes = d, l }(maxFileBytes, maxLineBytes)

	maxFileBytes = 16
	code, _, stderr := run(t, strings.Repeat("a", 17))
	if code != 2 || !strings.Contains(stderr, "tweetlen: stdin: input too large: a post file is read whole, and tweetlen reads at most 16 bytes") {
		t.Errorf("draft over the cap: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := run(t, strings.Repeat("a", 15)+"\n"); code != 0 {
		t.Errorf("draft at the cap: exit %d, want 0", code)
	}

	for _, size := range []int{64, 3 * jsonlReadBuffer} {
		maxLineBytes = size
		ok := `{"id":%d,"text":"` + strings.Repeat("a", size-30) + `"}`
		tooLong := `{"text":"` + strings.Repeat("a", size) + `"}`
		in := strings.Replace(ok, "%d", "1", 1) + "\n" + tooLong + "\n" + strings.Replace(ok, "%d", "3", 1) + "\n" + tooLong
		code, stdout, stderr := run(t, in, "--input", "jsonl", "--format", "json")
		if code != 2 {
			t.Errorf("cap %d: exit %d, want 2", size, code)
		}
		if n := strings.Count(stdout, "\n"); n != 2 || !strings.HasPrefix(stdout, `{"id":1,`) || !strings.Contains(stdout, "\n"+`{"id":3,`) {
			t.Errorf("cap %d: stdout %.200q, want ids 1 and 3", size, stdout)
		}
		wantErr := "tweetlen: stdin:2: line longer than " + sizeString(size) + "; a JSON Lines record must be one line\n" +
			"tweetlen: stdin:4: line longer than " + sizeString(size) + "; a JSON Lines record must be one line\n"
		if stderr != wantErr {
			t.Errorf("cap %d: stderr %q\nwant %q", size, stderr, wantErr)
		}
	}
}

// TestRecordDecoderFastMatchesSlow checks that the fast decoder, when it
// accepts a line, decodes it as encoding/json does.
func TestRecordDecoderFastMatchesSlow(t *testing.T) {
	for _, line := range recordSeeds {
		checkFastMatchesSlow(t, []byte(line))
	}
}

var recordSeeds = []string{
	`{"id":1,"text":"hello"}`,
	` { "text" : "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00" , "id" : "x" } `,
	`{"text":"lone \ud800 surrogate"}`,
	`{"text":"low first \udc00\ud800"}`,
	`{"text":"bad escape \x"}`,
	`{"other":{"nested":[1,2]},"text":"x"}`,
	`{"id":-0.5e+10,"text":""}`,
	`{"id":01,"text":""}`,
	`{"id":1.,"text":""}`,
	`{"id":tru,"text":""}`,
	`{"Text":"case"}`,
	`{"te\u0078t":"escaped key"}`,
	`{"text":"x",}`,
	`{"text":"x"`,
	`{}`,
	`{"text":"x"}{}`,
	"{\"text\":\"raw\ttab\"}",
	`{"text":"é日本🇫🇷"}`,
}

func checkFastMatchesSlow(t *testing.T, line []byte) {
	t.Helper()
	var fast recordDecoder
	if !fast.fast(line) {
		return
	}
	if !json.Valid(line) {
		t.Errorf("fast accepted invalid JSON %q", line)
		return
	}
	var slow recordDecoder
	slowErr := slow.slow(line)
	if !fast.hasText {
		if slowErr == nil {
			t.Errorf("%q: fast found no text, slow found %q", line, slow.text)
		}
		return
	}
	if slowErr != nil {
		t.Errorf("%q: fast accepted, slow: %v", line, slowErr)
		return
	}
	if !bytes.Equal(fast.text, slow.text) || !bytes.Equal(fast.id, slow.id) {
		t.Errorf("%q: fast (id %q, text %q), slow (id %q, text %q)", line, fast.id, fast.text, slow.id, slow.text)
	}
}

func FuzzRecordDecoder(f *testing.F) {
	for _, s := range recordSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if invalidUTF8(line) >= 0 {
			// Rejected before decoding, except by the batch path, which
			// relies on the fast decoder refusing it.
			var d recordDecoder
			if d.fast(line) {
				t.Errorf("fast accepted invalid UTF-8 %q", line)
			}
			return
		}
		checkFastMatchesSlow(t, line)
	})
}

// TestNewRootCmdFlags checks that the command line becomes the right
// options, without running a check.
func TestNewRootCmdFlags(t *testing.T) {
	tests := []struct {
		args []string
		want checkOptions
	}{
		{nil, checkOptions{Profile: "twitter", Input: "auto", Format: "text", Color: "auto", Emoji: "reference", Files: []string{}}},
		{[]string{"-p", "x", "--format", "json", "--input=jsonl", "--color", "never", "--emoji", "unicode", "a", "-", "b"},
			checkOptions{Profile: "x", Input: "jsonl", Format: "json", Color: "never", Emoji: "unicode", Files: []string{"a", "-", "b"}, profileSet: true}},
		{[]string{"--config", "c.json", "--", "version"},
			checkOptions{Profile: "twitter", ConfigFile: "c.json", Input: "auto", Format: "text", Color: "auto", Emoji: "reference", Files: []string{"version"}}},
	}
	for _, tt := range tests {
		var got *checkOptions
		cmd := newRootCmd(&streams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}, func(o *checkOptions) error {
			got = o
			return nil
		})
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		got.IO = nil
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.args, *got, tt.want)
		}
	}
}

func TestUseColor(t *testing.T) {
	var buf bytes.Buffer
	for _, tt := range []struct {
		mode, noColor string
		want          bool
	}{
		{"always", "1", true}, // an explicit flag beats NO_COLOR
		{"never", "", false},
		{"auto", "", false}, // a buffer is not a terminal
		{"auto", "1", false},
	} {
		t.Setenv("NO_COLOR", tt.noColor)
		if got, err := useColor(tt.mode, &buf); got != tt.want || err != nil {
			t.Errorf("useColor(%q) with NO_COLOR=%q = %v, %v; want %v", tt.mode, tt.noColor, got, err, tt.want)
		}
	}
}

// TestOverflowDisplay checks what a person sees of the overflow beyond the
// plain cases of TestMainTable: the text as written when NFC changes it, an excerpt of a long text,
// and control characters made visible.
func TestOverflowDisplay(t *testing.T) {
	t.Run("NFC", func(t *testing.T) {
		// 141 decomposed é: NFC makes them 141 code points; the text is
		// shown as written.
		_, stdout, _ := run(t, strings.Repeat("e\u0301", 141))
		want := "141/140 · over by 1 (twitter)\n  over the limit from line 1, column 141:\n  " +
			strings.Repeat("e\u0301", 140) + "⟦e\u0301⟧\n"
		if stdout != want {
			t.Errorf("got:\n%s\nwant:\n%s", stdout, want)
		}
	})
	t.Run("excerpt", func(t *testing.T) {
		// 100 lines, then a long one: the excerpt starts on the overflow's
		// line and stops excerptBytes after the cut.
		_, stdout, _ := run(t, strings.Repeat("\n", 100)+strings.Repeat("word ", 2000))
		want := "10100/140 · over by 9960 (twitter)\n  over the limit from line 101, column 41:\n  …" +
			strings.Repeat("word ", 8) + "⟦" + strings.Repeat("word ", 40) + "⟧…\n"
		if stdout != want {
			t.Errorf("got:\n%s\nwant:\n%s", stdout, want)
		}
	})
	t.Run("controls", func(t *testing.T) {
		_, stdout, _ := run(t, strings.Repeat("a", 140)+"\x1b[2J\r\x07\x7f")
		if !strings.HasSuffix(stdout, "⟦␛[2J␍␇␡⟧\n") {
			t.Errorf("got:\n%q", stdout)
		}
	})
}
