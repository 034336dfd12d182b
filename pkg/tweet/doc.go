// Package tweet measures the length of a Tweet exactly as Twitter's official
// library, twitter-text 3.1.0 (npm), does.
//
// # Getting started
//
//	r := tweet.Parse("Hello, world! https://example.com", tweet.V1)
//	fmt.Println(r.WeightedLength, r.Valid) // 37 true
//
// [V1] is the classic 140 rule: every code point of the NFC-normalised text
// costs 1 and every URL 23. [V2] and [V3] are the weighted 280 rules; V3 also
// counts each emoji sequence as 2. Other configs can be read from
// twitter-text's JSON format with [ParseConfig].
//
// # Units
//
// twitter-text counts code points (not grapheme clusters) and reports its
// ranges in UTF-16 code units of the original text, with inclusive ends.
// [Result] keeps those fields and meanings, and adds byte offsets into the
// NFC text for Go callers: [Result.FitBytes] (the longest prefix that fits)
// and [Result.SafeCutBytes] (the same, moved back to a grapheme-cluster
// boundary that is not inside a URL or emoji, so cutting there never splits
// a character a reader sees as one).
//
// # Faithful to the reference
//
// Where twitter-text 3.1.0 is quirky, Parse follows it: the valid range end
// is shifted by the global NFC length change; Emoji 12.0 and later ZWJ
// sequences (🧑‍🔧) are not discounted under V3, because twitter-text still
// uses twemoji-parser 11.0.2; a protocol-less URL followed by a query
// without a path stops before the '?'. See the project's docs for the list.
package tweet
