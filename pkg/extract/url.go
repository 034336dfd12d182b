// Package extract finds URLs in tweet text exactly as twitter-text 3.1.0's
// extractUrlsWithIndices does. (Work in progress: API fixed, body pending.)
package extract

// URL is one URL found in a text. Offsets are half-open [Start, End).
type URL struct {
	// Start and End are byte offsets into the text.
	Start, End int
	// Start16 and End16 are the same positions in UTF-16 code units.
	Start16, End16 int
	// HasProtocol reports whether the URL begins with http:// or https://.
	HasProtocol bool
}

// URLScanner iterates over the URLs of a text without allocating.
type URLScanner struct {
	text string
	pos  int
}

// Reset starts scanning text from its beginning.
func (s *URLScanner) Reset(text string) { s.text, s.pos = text, 0 }

// Next returns the byte offsets [start, end) of the next URL, or ok false.
func (s *URLScanner) Next() (start, end int, ok bool) { return 0, 0, false }

// URLs returns every URL in text, in order.
func URLs(text string) []URL { return AppendURLs(nil, text) }

// AppendURLs appends the URLs of text to dst and returns the extended slice.
func AppendURLs(dst []URL, text string) []URL { return dst }
