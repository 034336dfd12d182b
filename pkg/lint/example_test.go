package lint_test

import (
	"fmt"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/postfile"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

// Check a post against a profile and find where it overflows: the report
// gives the count, the limit and what is left, the byte offset in the text
// where the part past the limit starts and its line:column in the file
// (front matter included, columns in characters as an editor shows them),
// and every rule the post breaks. A URL that crosses the limit counts
// whole, so the overflow starts where the URL does. Under x the same post
// fits, its emoji counting 2.
func ExampleCheck() {
	file := []byte(`---
schedule: 2026-12-01 09:00
---
Big news: after two years of work, version 3 is out 🎉
Offline mode, end-to-end encryption, a plugin API and a new look.
Read all about it: https://example.com/blog/version-3
`)
	posts, err := postfile.Read("launch.tweet", file, postfile.Options{})
	if err != nil {
		panic(err)
	}
	p := &posts[0]
	twitter, _ := profile.Lookup("twitter")
	r := lint.Check(p, twitter, nil)
	fmt.Println(r.Count, r.Limit, r.Remaining) // 162 140 -22
	if r.Over() {
		fmt.Printf("over from %d:%d: %s\n", r.OverflowPos.Line, r.OverflowPos.Column, p.Text[r.OverflowStart:r.OverflowEnd])
		// over from 6:20: https://example.com/blog/version-3 (a URL counts whole)
	}
	for _, pr := range r.Problems {
		fmt.Printf("%s:%d:%d: %s: %s\n", p.Source.File, pr.Pos.Line, pr.Pos.Column, pr.Rule, pr.Message)
		// launch.tweet:6:20: length: 162/140: over by 22 under twitter; the text does not fit from here on
	}

	x, _ := profile.Lookup("x")
	fmt.Println(lint.Check(p, x, nil).Count) // 163: fits under x, where the emoji counts 2
	// Output:
	// 162 140 -22
	// over from 6:20: https://example.com/blog/version-3
	// launch.tweet:6:20: length: 162/140: over by 22 under twitter; the text does not fit from here on
	// 163
}
