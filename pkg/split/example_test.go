package split_test

import (
	"fmt"

	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/split"
)

// Split a draft into a numbered thread under a profile with a limit of 60:
// each part ends at a sentence when one keeps at least half of what fits,
// else between words; the URL is never cut.
func ExampleSplit() {
	draft := "Threads are easy to write and hard to cut. Every part must fit, " +
		"counter included. Read more at https://example.com/blog/threads today."
	prof := profile.Default().WithLimit(60)
	parts, err := split.Split(draft, split.ForProfile(prof), split.Options{Number: true})
	if err != nil {
		panic(err)
	}
	for _, p := range parts {
		fmt.Printf("%2d  %s\n", p.Count, p.Text)
	}
	// Output:
	// 46  Threads are easy to write and hard to cut. 1/3
	// 42  Every part must fit, counter included. 2/3
	// 47  Read more at https://example.com/blog/threads today. 3/3
}

// Cut a draft down to the longest prefix that fits, with an ellipsis.
func ExampleFit() {
	prof := profile.Default().WithLimit(30)
	r := split.Fit("Cutting a draft down to size, one word at a time.", split.ForProfile(prof), split.FitOptions{Ellipsis: "…"})
	fmt.Printf("%q counts %d; %q was cut\n", r.Text, r.Count, "Cutting a draft down to size, one word at a time."[r.End:])
	// Output:
	// "Cutting a draft down to size,…" counts 30; " one word at a time." was cut
}
