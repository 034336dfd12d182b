package extract_test

import (
	"fmt"

	"github.com/tweetlen/tweetlen/pkg/extract"
)

// URLs finds what twitter-text counts as URLs, with or without a protocol,
// and gives their offsets twice: in bytes of the Go string, and in UTF-16
// code units, the indices twitter-text reports. The emoji before the second
// URL takes 4 bytes but 2 UTF-16 units, so the two offsets part there.
func ExampleURLs() {
	text := "Docs at example.com/docs 🎉 and https://github.com/tweetlen/tweetlen/releases. Not a URL: file.txt"
	for _, u := range extract.URLs(text) {
		fmt.Printf("%q bytes [%d,%d) utf16 [%d,%d) protocol %v\n", text[u.Start:u.End], u.Start, u.End, u.Start16, u.End16, u.HasProtocol)
	}
	// Output:
	// "example.com/docs" bytes [8,24) utf16 [8,24) protocol false
	// "https://github.com/tweetlen/tweetlen/releases" bytes [34,79) utf16 [32,77) protocol true
}

// A URLScanner walks the URLs of a text without allocating. A domain
// outside ASCII needs the protocol; the final period is not part of a URL.
func ExampleURLScanner() {
	text := "see t.co/abc, http://例え.jp, 例え.jp and www.example.org/a?b=c#d."
	var s extract.URLScanner
	s.Reset(text)
	for {
		start, end, ok := s.Next()
		if !ok {
			break
		}
		fmt.Println(start, end, text[start:end])
	}
	// Output:
	// 4 12 t.co/abc
	// 14 30 http://例え.jp
	// 46 69 www.example.org/a?b=c#d
}
