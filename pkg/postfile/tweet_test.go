package postfile

import "testing"

func TestTweet(t *testing.T) {
	runCases(t, Tweet, []readCase{
		{name: "plain trimmed", in: "\n  Hello, world!  \n\n", posts: []string{`"Hello, world!" @2:3 v`}},
		{name: "front matter", in: "---\nreply: https://x.com/a/status/1\nretweet: https://x.com/b/status/2\nschedule: 2025-01-02 10:00\nprofile: x\nplatforms: [x, bluesky]\ncw: spoilers\n---\n\nHi there\n",
			posts: []string{`"Hi there" @10:1 v reply=https://x.com/a/status/1@2:8 quote=https://x.com/b/status/2@3:10 schedule=2025-01-02 10:00@4:11 profile=x@5:10 platforms=x,bluesky@6:12 cw="spoilers"`}},
		{name: "front matter closed by dots", in: "---\nquote: 12345\n...\nbody", posts: []string{`"body" @4:1 v quote=12345@2:8`}},
		{name: "empty front matter", in: "---\n---\nbody", posts: []string{`"body" @3:1 v`}},
		{name: "front matter only", in: "---\nretweet: u\n---\n", posts: []string{`"" @4:1 v quote=u@2:10`}},
		{name: "media list", in: "---\nmedia:\n  - file: cat.jpg\n    alt: A cat\n  - dog.png\n  - {url: \"https://e.com/x.gif\"}\n---\ntext",
			posts: []string{`"text" @8:1 v media(cat.jpg alt="A cat" @3:11) media(dog.png @5:5) media(https://e.com/x.gif @6:11)`}},
		{name: "media string", in: "---\nmedia: a.png\n---\nt", posts: []string{`"t" @4:1 v media(a.png @2:8)`}},
		{name: "multi-byte columns in front matter", in: "---\ncw: \"é😀\"\nmedia: [{alt: 👩‍👩‍👧, file: f.png}]\n---\nt",
			posts: []string{`"t" @5:1 v media(f.png alt="👩\u200d👩\u200d👧" @3:24) cw="é😀"`}},
		{name: "poll list", in: "---\npoll: [Red, Blue]\n---\nColour?", posts: []string{`"Colour?" @4:1 v poll@2:7("Red"@2:8 "Blue"@2:13)`}},
		{name: "poll mapping", in: "---\npoll:\n  options:\n    - yes\n    - 42\n  duration: 1440\n---\nQ", posts: []string{`"Q" @8:1 v poll@3:3("yes"@4:7 "42"@5:7)1440m`}},
		{name: "CRLF", in: "---\r\nreply: r\r\n---\r\n\r\n  Hi é😀x\r\nsecond line\r\n", posts: []string{`"Hi é😀x\r\nsecond line" @5:3 v reply=r@2:8`}},
		{name: "BOM", in: "\uFEFF---\nprofile: x\n---\nHi", posts: []string{`"Hi" @4:1 v profile=x@2:10`}},
		{name: "emoji column of text", in: "---\nprofile: x\n---\n😀👍🏽 \u00a0Hi", posts: []string{`"😀👍🏽 \u00a0Hi" @4:1 v profile=x@2:10`}},

		// Errors in the front matter.
		{name: "unterminated", in: "---\nreply: x\n\nbody\n", errs: []string{`in:1:1: the front matter is not closed: no line "---" or "..." after the first line "---"`}},
		{name: "unknown key", in: "---\nreply: r\n  # c\nmeida: [a.png]\n---\nt", posts: []string{`"t" @6:1 v reply=r@2:8`},
			errs: []string{`in:4:1: unknown key "meida"; valid keys: media, reply, retweet, quote, poll, schedule, thread-delimiter, threadDelimiter, profile, platforms, cw, spoiler`}},
		{name: "unknown key after emoji", in: "---\n{cw: 😀, bad: 1}\n---\nt", posts: []string{`"t" @4:1 v cw="😀"`},
			errs: []string{`in:2:9: unknown key "bad"; valid keys: media, reply, retweet, quote, poll, schedule, thread-delimiter, threadDelimiter, profile, platforms, cw, spoiler`}},
		{name: "wrong types", in: "---\nreply: [a]\nprofile: {a: b}\npoll: 3\nmedia: [{file: a.png, alt: x, size: 3}, {alt: y}, [z]]\n---\nt",
			posts: []string{`"t" @7:1 v media(a.png alt="x" @5:16)`},
			errs: []string{
				`in:2:8: reply must be a string, not a list`,
				`in:3:10: profile must be a string, not a mapping`,
				`in:4:7: a poll must be a list of options or a mapping {options, duration}, not a number`,
				`in:5:31: unknown key "size" in a media item; valid keys: file, url, alt`,
				`in:5:41: a media item needs a file (file: or url:)`,
				`in:5:51: a media item must be a file name or a mapping {file, alt}, not a list`,
			}},
		{name: "duplicate and synonym keys", in: "---\ncw: a\ncw: b\nquote: q\nretweet: r\n---\nt", posts: []string{`"t" @7:1 v quote=q@4:8 cw="a"`},
			errs: []string{`in:3:1: duplicate key "cw"`, `in:5:1: "quote" and "retweet" both given; they mean the same`}},
		{name: "not a mapping", in: "---\n- a\n---\nt", posts: []string{`"t" @4:1 v`}, errs: []string{`in:2:1: the front matter must be a mapping of keys, not a list`}},
		{name: "malformed YAML", in: "---\nreply: r\nmedia: [a.png\nprofile: x\n---\nbody", posts: []string{`"body" @6:1 v`},
			errs: []string{`in:3: invalid YAML in the front matter: did not find expected ',' or ']'`}},
		{name: "malformed YAML line", in: "---\na: b\n c: d: e\n---\nbody", posts: []string{`"body" @5:1 v`},
			errs: []string{`in:3: invalid YAML in the front matter: mapping values are not allowed in this context`}},
		{name: "bad poll duration", in: "---\npoll: {options: [a, b], duration: 1.5h}\n---\nQ", posts: []string{`"Q" @4:1 v poll@2:7("a"@2:18 "b"@2:21)`},
			errs: []string{`in:2:35: poll duration must be a whole number of minutes`}},

		// Threads.
		{name: "thread", in: "one\n\n---\n\ntwo\n\n---\n\nthree\n", posts: []string{`"one" @1:1 v #1/3`, `"two" @5:1 v #2/3`, `"three" @9:1 v #3/3`}},
		{name: "dashes not surrounded by blank lines", in: "one\n---\ntwo\n\n---\nthree\n\n--- \n\nfour", posts: []string{"\"one\\n---\\ntwo\\n\\n---\\nthree\\n\\n--- \\n\\nfour\" @1:1 v"}},
		{name: "blank lines with spaces", in: "one\n  \n---\n\t\ntwo", posts: []string{`"one" @1:1 v #1/2`, `"two" @5:1 v #2/2`}},
		{name: "CRLF thread", in: "one\r\n\r\n---\r\n\r\ntwo\r\n", posts: []string{`"one" @1:1 v #1/2`, `"two" @5:1 v #2/2`}},
		{name: "front matter applies to the first item", in: "---\nmedia: [a.png]\nreply: r\nquote: q\npoll: [x, y]\nprofile: p\nschedule: s\ncw: c\n---\none\n\n---\n\ntwo",
			posts: []string{
				`"one" @10:1 v #1/2 media(a.png @2:9) poll@5:7("x"@5:8 "y"@5:11) reply=r@3:8 quote=q@4:8 schedule=s@7:11 profile=p@6:10 cw="c"`,
				`"two" @14:1 v #2/2 schedule=s@7:11 profile=p@6:10 cw="c"`,
			}},
		{name: "custom delimiter in front matter", in: "---\nthread-delimiter: \"[...]\"\n---\none\n---\ntwo\n\n[...]\n\nthree",
			posts: []string{"\"one\\n---\\ntwo\" @4:1 v #1/2", `"three" @10:1 v #2/2`}},
		{name: "threadDelimiter spelling", in: "---\nthreadDelimiter: ______\n---\none\n\n______\n\ntwo", posts: []string{`"one" @4:1 v #1/2`, `"two" @8:1 v #2/2`}},
		{name: "custom delimiter option", opts: Options{ThreadDelimiter: "///"}, in: "one\n\n///\n\ntwo\n\n---\n\nstill two",
			posts: []string{`"one" @1:1 v #1/2`, "\"two\\n\\n---\\n\\nstill two\" @5:1 v #2/2"}},
		{name: "front matter delimiter wins", opts: Options{ThreadDelimiter: "///"}, in: "---\nthread-delimiter: +++\n---\na\n\n///\n\nb\n\n+++\n\nc",
			posts: []string{"\"a\\n\\n///\\n\\nb\" @4:1 v #1/2", `"c" @12:1 v #2/2`}},
		{name: "two delimiters in a row", in: "one\n\n---\n\n---\n\ntwo", posts: []string{`"one" @1:1 v #1/2`, `"two" @7:1 v #2/2`},
			errs: []string{`in:3:1: empty thread item: nothing between two thread delimiters "---"`}},
		{name: "delimiter at the end", in: "one\n\n---\n", posts: []string{`"one" @1:1 v`},
			errs: []string{`in:3:1: empty thread item: nothing after the last thread delimiter "---"`}},
		{name: "delimiter at the start of the body", in: "---\nprofile: p\n---\n---\n\ntwo", posts: []string{`"two" @6:1 v profile=p@2:10`},
			errs: []string{`in:4:1: empty thread item: nothing before the first thread delimiter "---"`}},
		{name: "item front matter", in: "one\n\n---\n---\npoll:\n  - Cat\n  - Dog\nmedia: [c.png]\n---\n\nWhich?\n\n---\n\n---\nretweet: q\n---\n",
			posts: []string{`"one" @1:1 v #1/3`, `"Which?" @11:1 v #2/3 media(c.png @8:9) poll@6:3("Cat"@6:5 "Dog"@7:5)`, `"" @18:1 v #3/3 quote=q@16:10`}},
		{name: "item front matter after a blank line", in: "one\n\n---\n\n---\ncw: x\n---\ntwo", posts: []string{`"one" @1:1 v #1/2`, `"two" @8:1 v #2/2 cw="x"`}},
		{name: "item front matter keys", in: "one\n\n---\n---\nreply: r\nthread-delimiter: x\nbogus: 1\n---\ntwo",
			posts: []string{`"one" @1:1 v #1/2`, `"two" @9:1 v #2/2`},
			errs: []string{
				`in:5:1: "reply" is not allowed in the front matter of a thread item (only in the file's front matter)`,
				`in:6:1: "thread-delimiter" is not allowed in the front matter of a thread item (only in the file's front matter)`,
				`in:7:1: unknown key "bogus"; valid keys: media, retweet, quote, poll, schedule, profile, platforms, cw, spoiler`,
			}},

		// Polls written in the body.
		{name: "body poll", in: "Which?\n\n( ) Cats\n() Dogs 🐶 \n", posts: []string{`"Which?" @1:1 v poll@3:1("Cats"@3:5 "Dogs 🐶"@4:4)`}},
		{name: "body poll with blank lines", in: "Which?\n( ) a\n\n( ) b\n\n(\t)\tc\n( ) d\n", posts: []string{`"Which?" @1:1 v poll@2:1("a"@2:5 "b"@4:5 "c"@6:5 "d"@7:5)`}},
		{name: "five options are a poll (the linter counts them)", in: "Q\n( ) 1\n( ) 2\n( ) 3\n( ) 4\n( ) 5", posts: []string{`"Q" @1:1 v poll@2:1("1"@2:5 "2"@3:5 "3"@4:5 "4"@5:5 "5"@6:5)`}},
		{name: "one option is text", in: "Q\n( ) only", posts: []string{"\"Q\\n( ) only\" @1:1 v"}},
		{name: "options not last", in: "( ) a\n( ) b\nafter", posts: []string{"\"( ) a\\n( ) b\\nafter\" @1:1 v"}},
		{name: "not options", in: "Q\n(x) a\n() b\n()c\n( ) d", posts: []string{"\"Q\\n(x) a\\n() b\\n()c\\n( ) d\" @1:1 v"}},
		{name: "only options", in: "( ) a\n( ) b", posts: []string{`"" @1:1 v poll@1:1("a"@1:5 "b"@2:5)`}},
		{name: "poll per thread item", in: "A?\n( ) 1\n( ) 2\n\n---\n\nB?\n( ) 3\n( ) 4", posts: []string{`"A?" @1:1 v #1/2 poll@2:1("1"@2:5 "2"@3:5)`, `"B?" @7:1 v #2/2 poll@8:1("3"@8:5 "4"@9:5)`}},
		{name: "poll in both places", in: "---\npoll: [a, b]\n---\nQ\n( ) c\n( ) d", posts: []string{"\"Q\\n( ) c\\n( ) d\" @4:1 v poll@2:7(\"a\"@2:8 \"b\"@2:11)"},
			errs: []string{`in:5:5: a poll is given both in the front matter and as ( ) lines in the text`}},
	})
}

func TestMarkdown(t *testing.T) {
	md := Options{Markdown: true}
	runCases(t, Tweet, []readCase{
		{name: "image", opts: md, in: "---\nprofile: x\n---\nLook 😀 ![a **cat**](img/cat.jpg \"Title\") and ![](<my dog.png>)!",
			posts: []string{`"Look 😀 ![a **cat**](img/cat.jpg \"Title\") and ![](<my dog.png>)!" @4:1 v img(img/cat.jpg [10:43] alt="a **cat**" @4:8) img(my dog.png [48:65] @4:46) profile=x@2:10`}},
		{name: "no markdown option", in: "![a](b.png)", posts: []string{`"![a](b.png)" @1:1 v`}},
		{name: "second line and nested brackets", opts: md, in: "  x\n![a [b] c](p(1).png 'q')", posts: []string{"\"x\\n![a [b] c](p(1).png 'q')\" @1:3 v img(p(1).png [2:26] alt=\"a [b] c\" @2:1)"}},
		{name: "code is not an image", opts: md, in: "`![a](b.png)` ``x ![c](d.png)`` \\![e](f.png)\n```\n![g](h.png)\n```\n~~~~\n![i](j.png)\n~~~~\n![k](l.png)\n```\n![m](n.png)",
			posts: []string{"\"`![a](b.png)` ``x ![c](d.png)`` \\\\![e](f.png)\\n```\\n![g](h.png)\\n```\\n~~~~\\n![i](j.png)\\n~~~~\\n![k](l.png)\\n```\\n![m](n.png)\" @1:1 v img(l.png [87:98] alt=\"k\" @8:1)"}},
		{name: "unclosed backticks are text", opts: md, in: "`` ![a](b.png)", posts: []string{"\"`` ![a](b.png)\" @1:1 v img(b.png [3:14] alt=\"a\" @1:4)"}},
		{name: "not images", opts: md, in: "![a] (b.png) ![a]() ![a](b.png ![x](y", posts: []string{`"![a] (b.png) ![a]() ![a](b.png ![x](y" @1:1 v`}},
		{name: "per thread item", opts: md, in: "![a](1.png)\n\n---\n\nx ![b](2.png)", posts: []string{`"![a](1.png)" @1:1 v #1/2 img(1.png [0:11] alt="a" @1:1)`, `"x ![b](2.png)" @5:1 v #2/2 img(2.png [2:13] alt="b" @5:3)`}},
	})
}
