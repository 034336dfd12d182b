// Package emoji recognises emoji sequences exactly as twemoji-parser 11.0.2
// (the emoji parser of twitter-text 3.1.0) does. (Work in progress.)
package emoji

// Match returns the length in bytes of the emoji unit twemoji-parser would
// match at the start of s, or 0 when none starts there.
func Match(s string) int { return 0 }

// Next returns the byte offsets [start, end) of the first emoji unit found by
// scanning s from byte offset from, as twemoji-parser's global regex scan
// does, or ok false when there is none.
func Next(s string, from int) (start, end int, ok bool) { return 0, 0, false }
