package postfile_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tweetlen/tweetlen/pkg/postfile"
)

// Read a twitter-together .tweet file from its bytes: YAML front matter,
// then a thread whose posts are split by a line "---" between blank lines.
// Each post knows where its text starts in the file; the front matter's
// media belong to the first post, and the schedule to every one.
func ExampleRead() {
	file := []byte(`---
media:
  - file: dashboard.png
    alt: The new dashboard
schedule: 2026-12-01 09:00
---
The new dashboard is here 🎉 A thread on what changed 🧵

---

1. Charts load in a third of the time.

---

2. Filters are saved with the view.
`)
	posts, err := postfile.Read("launch.tweet", file, postfile.Options{})
	if err != nil {
		panic(err)
	}
	for _, p := range posts {
		fmt.Printf("%s:%d:%d (%d/%d) %q\n", p.Source.File, p.Source.Pos.Line, p.Source.Pos.Column, p.Source.Index, p.Source.Thread, p.Text)
		for _, m := range p.Media {
			fmt.Printf("  media %s (alt %q) at line %d\n", m.File, m.Alt, m.Pos.Line)
		}
		fmt.Println("  scheduled", p.Schedule)
	}
	// Output:
	// launch.tweet:7:1 (1/3) "The new dashboard is here 🎉 A thread on what changed 🧵"
	//   media dashboard.png (alt "The new dashboard") at line 3
	//   scheduled 2026-12-01 09:00
	// launch.tweet:11:1 (2/3) "1. Charts load in a third of the time."
	//   scheduled 2026-12-01 09:00
	// launch.tweet:15:1 (3/3) "2. Filters are saved with the view."
	//   scheduled 2026-12-01 09:00
}

// A mistake in the front matter is an error at its line and column; the
// posts are still read.
func ExampleRead_error() {
	file := []byte("---\nmedia: [cat.jpg]\nshedule: tomorrow\n---\nLook at this cat\n")
	posts, err := postfile.Read("cat.tweet", file, postfile.Options{})
	var e *postfile.Error
	if errors.As(err, &e) {
		msg, _, _ := strings.Cut(e.Msg, ";") // the rest lists the valid keys
		fmt.Printf("%s:%d:%d: %s\n", e.File, e.Line, e.Column, msg)
	}
	fmt.Printf("%d post: %q with %d image\n", len(posts), posts[0].Text, len(posts[0].Media))
	// Output:
	// cat.tweet:3:1: unknown key "shedule"
	// 1 post: "Look at this cat" with 1 image
}
