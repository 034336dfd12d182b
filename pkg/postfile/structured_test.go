package postfile

import "testing"

const recordKeys = "text, content, message, post, caption, id, media, reply, retweet, quote, poll, schedule, profile, platforms, cw, spoiler"

func TestJSON(t *testing.T) {
	runCases(t, JSON, []readCase{
		{name: "object", in: `{"text": "Hello é😀 world", "id": 7}`, posts: []string{`"Hello é😀 world" @1:11 v id=7`}},
		{name: "array", in: "[\n  {\"id\": \"a\", \"text\": \"one\"},\n  {\"content\": \"two\", \"id\": {\"k\": [1, 2]}}\n]\n",
			posts: []string{`"one" @2:24 v #1/0 id="a"`, `"two" @3:16 v #2/0 id={"k": [1, 2]}`}},
		{name: "aliases", in: `[{"message":"m"},{"post":"p"},{"caption":"c"}]`, posts: []string{`"m" @1:14 v #1/0`, `"p" @1:27 v #2/0`, `"c" @1:43 v #3/0`}},
		{name: "escapes are not verbatim", in: "{\"text\": \"a\\nb \\u00e9\"}", posts: []string{`"a\nb é" @1:11`}},
		{name: "all fields", in: `{"text":"t","media":["a.png",{"file":"b.png","alt":"B"},{"url":"https://e.com/c.mp4"}],"reply":"123","quote":456,"poll":{"options":["x","y"],"duration":60},"schedule":"2025-06-01T10:00:00Z","profile":"x","platforms":["x","mastodon"],"spoiler":"cw"}`,
			posts: []string{`"t" @1:10 v media(a.png @1:22) media(b.png alt="B" @1:38) media(https://e.com/c.mp4 @1:64) poll@1:121("x"@1:133 "y"@1:137)60m reply=123@1:96 quote=456@1:110 schedule=2025-06-01T10:00:00Z@1:168 profile=x@1:201 platforms=x,mastodon@1:217 cw="cw"`}},
		{name: "multi-line positions, CRLF", in: "[\r\n{\r\n  \"text\":\r\n    \"é😀x\"\r\n}]", posts: []string{`"é😀x" @4:6 v #1/0`}},
		{name: "BOM", in: "\uFEFF{\"text\":\"x\"}", posts: []string{`"x" @1:10 v`}},
		{name: "null fields", in: `{"text":"x","reply":null,"media":null,"poll":null}`, posts: []string{`"x" @1:10 v`}},
		{name: "unknown field", in: "{\"text\": \"x\",\n \"colour\": 1}", posts: []string{`"x" @1:11 v`}, errs: []string{`in:2:2: unknown key "colour"; valid keys: ` + recordKeys}},
		{name: "two text fields", in: `{"text": "x", "content": "y"}`, posts: []string{`"x" @1:11 v`}, errs: []string{`in:1:15: "text" and "content" both given; they mean the same`}},
		{name: "no text", in: `[{"text":"a"}, {"id": 2}, {"text": 3}, 4, {"text":"e"}]`,
			posts: []string{`"a" @1:11 v #1/0`, `"e" @1:52 v #5/0`},
			errs:  []string{`in:1:16: the record has no text (want one of the keys text, content, message, post, caption)`, `in:1:36: text must be a string, not a number`, `in:1:40: a record must be an object, not a number`}},
		{name: "not an object", in: ` "text"`, errs: []string{`in:1:2: want an object (one post) or an array of objects, not a string`}},
		{name: "syntax error keeps earlier records", in: "[{\"text\":\"a\"},\n {\"text\": x}]", posts: []string{`"a" @1:11 v #1/0`},
			errs: []string{`in:2:11: invalid JSON: invalid character 'x' looking for beginning of value`}},
		{name: "syntax error after emoji", in: `{"text": "😀😀" "id": 1}`, errs: []string{`in:1:15: invalid JSON: invalid character '"' after object key:value pair`}},
		{name: "truncated", in: "[{\"text\":\"a\"},\n{\"text\":", posts: []string{`"a" @1:11 v #1/0`}, errs: []string{`in:2:9: invalid JSON: unexpected end of JSON input`}},
		{name: "trailing data", in: "{\"text\":\"a\"}\n{\"text\":\"b\"}", posts: []string{`"a" @1:10 v`},
			errs: []string{`in:2:1: invalid JSON: more after the end of the value (one value per file; for one object per line, use JSON Lines)`}},
		{name: "trailing garbage", in: "{\"text\":\"a\"} x", posts: []string{`"a" @1:10 v`}, errs: []string{`in:1:14: invalid JSON: invalid character 'x' after top-level value`}},
		{name: "bad media", in: `{"text":"a","media":[1,{"alt":"x"},{"file":"f","bad":2}],"poll":{"options":"x"}}`, posts: []string{`"a" @1:10 v media(f @1:44)`},
			errs: []string{`in:1:22: a media item must be a file name or a mapping {file, alt}, not a number`, `in:1:24: a media item needs a file (file: or url:)`, `in:1:48: unknown key "bad" in a media item; valid keys: file, url, alt`, `in:1:76: poll options must be a list, not a string`}},
		{name: "markdown option", opts: Options{Markdown: true}, in: `[{"text":"![a](b.png)"},{"text":"\"![c](d.png)"}]`,
			posts: []string{`"![a](b.png)" @1:11 v #1/0 img(b.png [0:11] alt="a" @1:11)`, `"\"![c](d.png)" @1:34 #2/0 img(d.png [1:12] alt="c" @1:34)`}},
	})
}

func TestJSONL(t *testing.T) {
	runCases(t, JSONL, []readCase{
		{name: "lines", in: "{\"id\":1,\"text\":\"a\"}\n\n  \r\n{\"text\":\"😀b\"}\r\n{\"text\":\"c\"}",
			posts: []string{`"a" @1:17 v #1/0 id=1`, `"😀b" @4:10 v #2/0`, `"c" @5:10 v #3/0`}},
		{name: "bad lines", in: "{\"text\":\"a\"}\n{\"text\":\n[1]\n{\"text\":\"b\"} {}\n{\"txt\":\"c\"}\n{\"text\":\"d\"}\n",
			posts: []string{`"a" @1:10 v #1/0`, `"d" @6:10 v #6/0`},
			errs: []string{
				`in:2:9: invalid JSON: unexpected end of JSON input`,
				`in:3:1: a line must hold an object, not a list`,
				`in:4:14: invalid JSON: more after the end of the value (one value per file; for one object per line, use JSON Lines)`,
				`in:5:2: unknown key "txt"; valid keys: ` + recordKeys,
				`in:5:1: the record has no text (want one of the keys text, content, message, post, caption)`,
			}},
	})
}

func TestYAML(t *testing.T) {
	runCases(t, YAML, []readCase{
		{name: "mapping", in: "text: Hello é😀 world\nid: 12\nmedia: [a.png]\n", posts: []string{`"Hello é😀 world" @1:7 v id=12 media(a.png @3:9)`}},
		{name: "sequence", in: "- text: one\n  reply: \"99\"\n- content: 'two'\n  id: abc\n- message: \"th\\u00e9\"\n- text: 'it''s'\n",
			posts: []string{`"one" @1:9 v #1/0 reply=99@2:10`, `"two" @3:13 v #2/0 id="abc"`, `"thé" @5:13 #3/0`, `"it's" @6:10 #4/0`}},
		{name: "literal block", in: "- text: |\n    one line\n  id: 1\n- text: |\n    two\n    lines\n- text: >\n    folded\n    text\n",
			posts: []string{`"one line" @2:5 v #1/0 id=1`, `"two\nlines" @5:5 #2/0`, `"folded text" @8:5 #3/0`}},
		{name: "unquoted scalars are text", in: "text: 2024\nprofile: 1\n", posts: []string{`"2024" @1:7 v profile=1@2:10`}},
		{name: "documents", in: "text: a\n---\ntext: b\n", posts: []string{`"a" @1:7 v #1/0`, `"b" @3:7 v #2/0`}},
		{name: "CRLF and BOM", in: "\uFEFF- text: x\r\n  poll: [a, b]\r\n", posts: []string{`"x" @1:9 v #1/0 poll@2:9("a"@2:10 "b"@2:13)`}},
		{name: "errors", in: "- text: a\n  colour: red\n- id: 3\n- [x]\n- text: {a: b}\n", posts: []string{`"a" @1:9 v #1/0`},
			errs: []string{
				`in:4:3: a record must be a mapping of keys, not a list`,
				`in:2:3: unknown key "colour"; valid keys: ` + recordKeys,
				`in:3:3: the record has no text (want one of the keys text, content, message, post, caption)`,
				`in:5:9: text must be a string, not a mapping`,
			}},
		{name: "malformed", in: "text: a\nb: [c\n", errs: []string{`in:2: invalid YAML: did not find expected ',' or ']'`}},
		{name: "malformed scanner", in: "text: a\n  b: c: d\n", errs: []string{`in:2: invalid YAML: mapping values are not allowed in this context`}},
		{name: "scalar document", in: "just text\n", errs: []string{`in:1:1: want a mapping (one post) or a list of mappings, not a string`}},
		{name: "aliases", in: "- &t text: x\n  cw: &c y\n- text: *c\n", posts: []string{`"x" @1:12 v #1/0 cw="y"`, `"y" @2:10 v #2/0`}},
	})
}

func TestCSV(t *testing.T) {
	runCases(t, CSV, []readCase{
		{name: "basic", in: "id,Date,Text,Media_URLs\n1,2025-01-01 10:00,Hello é😀,a.png\n2,,\"Quoted, with comma\",\n",
			posts: []string{`"Hello é😀" @2:20 v #1/0 id="1" media(a.png @2:29) schedule=2025-01-01 10:00@2:3`, `"Quoted, with comma" @3:5 v #2/0 id="2"`}},
		{name: "doubled quotes and line breaks are not verbatim", in: "text\n\"say \"\"hi\"\"\"\n\"two\r\nlines\"\n\"😀\"\"\"\n",
			posts: []string{`"say \"hi\"" @2:2 #1/0`, `"two\nlines" @3:2 #2/0`, `"😀\"" @5:2 #3/0`}},
		{name: "quoted verbatim over lines", in: "text\n\"two\nlines\"\n", posts: []string{`"two\nlines" @2:2 v #1/0`}},
		{name: "media lists and alt", in: "content,imageUrls,videoUrls,alt text,link\nx,\"a.png, b.png || c.png\",v.mp4,A||B\n",
			posts: []string{`"x" @2:1 v #1/0 media(a.png alt="A" @2:4) media(b.png alt="B" @2:11) media(c.png @2:20) media(v.mp4 @2:27)`}},
		{name: "CRLF and BOM", in: "\uFEFFmessage,scheduled_at\r\nhi,now\r\n", posts: []string{`"hi" @2:1 v #1/0 schedule=now@2:4`}},
		{name: "blank and short rows", in: "a,text\n,\n\nonly\nx,\n", posts: []string{`"" @4:1 #2/0`, `"" @5:3 v #3/0`}},
		{name: "no text column", in: "date,body\n1,x\n", errs: []string{`in:1:1: no text column in the CSV header (looked for text, message, content, caption, post, in any case)`}},
		{name: "parse error keeps other rows", in: "text,id\n\"a\"x,1\n😀,\"b\"c\nok,3\n",
			posts: []string{`"ok" @4:1 v #3/0 id="3"`},
			errs:  []string{`in:2:3: invalid CSV: extraneous or missing " in quoted-field`, `in:3:5: invalid CSV: extraneous or missing " in quoted-field`}},
		{name: "bare quote", in: "text\nsay \"hi\"\n", errs: []string{`in:2:5: invalid CSV: bare " in non-quoted-field`}},
	})
}
