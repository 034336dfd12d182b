package emoji_test

import (
	"fmt"

	"github.com/tweetlen/tweetlen/pkg/emoji"
)

func ExampleNext() {
	s := "hi 👍🏽 1️⃣ ☺︎ 🧑‍🔧"
	for from := 0; ; {
		start, end, ok := emoji.Next(s, from)
		if !ok {
			break
		}
		fmt.Printf("%d-%d %+q\n", start, end, s[start:end])
		from = end
	}
	// Output:
	// 3-11 "\U0001f44d\U0001f3fd"
	// 12-19 "1\ufe0f\u20e3"
	// 27-31 "\U0001f9d1"
	// 34-38 "\U0001f527"
}

func ExampleMatch() {
	fmt.Println(emoji.Match("👨‍👩‍👧‍👦 family"), emoji.Match("©"), emoji.Match("©️"))
	// Output: 25 0 5
}
