package tweet

// Result is what [Parse] finds in a text.
//
// The first seven fields have the names and exact values of twitter-text
// 3.1.0's parseTweet: indices count UTF-16 code units of the original
// (un-normalised) text and range ends are inclusive.
type Result struct {
	// WeightedLength is the text's length under the config, in units of the
	// limit (summed weights divided by Config.Scale, rounded down; with the
	// shipped configs the division is always exact).
	WeightedLength int
	// Valid reports whether the text is non-empty, within the limit and free
	// of invalid characters (U+FFFE, U+FEFF, U+FFFF).
	Valid bool
	// Permillage is floor(WeightedLength / limit × 1000); above 1000 when over.
	Permillage int
	// ValidRangeStart is always 0.
	ValidRangeStart int
	// ValidRangeEnd is the UTF-16 index (inclusive) of the last code unit
	// that fits, computed as twitter-text does: in the NFC text, then shifted
	// by the difference between the original and NFC lengths. 0 when nothing
	// fits.
	ValidRangeEnd int
	// DisplayRangeStart is always 0.
	DisplayRangeStart int
	// DisplayRangeEnd is the UTF-16 length of the original text minus one,
	// or 0 for the empty text.
	DisplayRangeEnd int

	// The fields below are tweetlen's additions for Go callers.

	// Normalized reports whether NFC changed the text. When it did, the
	// byte offsets below refer to the NFC text, not the original.
	Normalized bool
	// FitBytes is the byte length of the longest prefix of the (NFC) text
	// whose units all fit within the limit and precede any invalid
	// character. It ends on a code point boundary and never inside a URL
	// or an emoji unit; it may end inside a grapheme cluster.
	FitBytes int
	// SafeCutBytes is FitBytes moved back to the nearest grapheme-cluster
	// boundary (UAX #29, via uniseg) that is not inside a URL: cutting the
	// text there never splits an emoji, a flag or a combining sequence.
	SafeCutBytes int
	// URLs is the number of URLs counted at Config.TransformedURLLength.
	URLs int
	// Weight is the sum of the weights, before division by Config.Scale.
	// WeightedLength is Weight / Scale rounded down; twitter-text reports the
	// unrounded quotient, which differs only for custom configs whose
	// weights are not multiples of the scale.
	Weight int
	// Text is the text the byte offsets index: the input itself when
	// Normalized is false, else its NFC form (with invalid UTF-8 repaired).
	Text string
}
