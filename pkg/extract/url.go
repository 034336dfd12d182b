// Package extract finds URLs in tweet text exactly as twitter-text 3.1.0's
// extractUrlsWithIndices does with its default options (URLs without a
// protocol are extracted).
//
// The matcher is hand-written: no regexp runs. It reproduces the JS regexp
// extractUrl (regexp/extractUrl.js) including its backtracking, its UTF-16
// code-unit view of the text, its non-unicode case-insensitive matching, and
// the checks extractUrlsWithIndices.js applies to each match: isValidUrl
// (punycode label lengths, the xn-- rule, the 4096 limit), the preceding
// character rule and ASCII-only domains for URLs without a protocol, and the
// t.co slug rule for URLs with one.
//
// Offsets are given both in bytes of the Go string and in UTF-16 code units,
// the unit twitter-text reports indices in. Work starts only at a '.' whose
// run of domain characters can hold a domain, so texts without URLs cost
// little more than a byte search, and nothing allocates.
//
// JS sees astral characters as two code units, and its domain-character class
// matches each half; a match can therefore start with the high surrogate as
// preceding character and the domain at the low one ("@😀example.com"). The
// scanner models such starts; they change only which labels pass the
// punycode length check, since reported URLs always start at an ASCII
// domain or a protocol.
//
// Invalid UTF-8 never panics: each invalid byte is treated as U+FFFD, one
// UTF-16 code unit, which is a domain character and may precede a URL. Lone
// surrogates cannot occur in Go strings. JS's punycode throws (and
// extractUrlsWithIndices with it) on overflow, for labels of thousands of
// astral characters; such a label is simply too long here.
package extract

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// URL is one URL found in a text. Offsets are half-open [Start, End).
type URL struct {
	// Start and End are byte offsets into the text.
	Start, End int
	// Start16 and End16 are the same positions in UTF-16 code units, the
	// indices twitter-text reports.
	Start16, End16 int
	// HasProtocol reports whether the URL begins with http:// or https://.
	HasProtocol bool
	// Elided16 is the number of UTF-16 code units of the span that
	// twitter-text's URL text leaves out; see [URLScanner.Elided16].
	Elided16 int
}

// URLScanner iterates over the URLs of a text without allocating, in the
// order and with the offsets of twitter-text's extractUrlsWithIndices. The
// zero value scans the empty text; call Reset to start on a text.
type URLScanner struct {
	text  string
	pos   int  // JS lastIndex, in bytes: where the next regexp search starts
	first bool // no search has run yet, so the "^" alternative is possible
	proto bool // the last URL returned has a protocol
	// elided16 is Elided16 for the last URL returned.
	elided16 int
	rs       rescan
	dotFrom  int // no '.' before this byte offset can start a search (see ResetFrom)
}

// rescan is the state of JS's validAsciiDomain pass over the domain of a
// match without protocol, which may yield several URLs.
type rescan struct {
	active   bool
	q        int // where the validAsciiDomain regexp resumes, bytes
	limit    int // end of the domain
	asciiEnd int // end of the previous URL as JS computes it with indexOf
	pathEnd  int // end of the match if it has a path, else -1
	have     bool
	ps, pe   int // URL found but not returned yet: only the last one gets the path
}

// Reset starts scanning text from its beginning.
func (s *URLScanner) Reset(text string) {
	*s = URLScanner{text: text, first: true}
}

// ResetFrom is Reset for a caller that has already found the first byte
// offset dot of text where [IsURLDot] holds, or -1 when there is none: the
// scanner then starts its search for URLs there, and finds none at all
// when dot is -1. The URLs found are exactly those Reset's scan finds.
func (s *URLScanner) ResetFrom(text string, dot int) {
	*s = URLScanner{text: text, first: true, dotFrom: dot}
	if dot < 0 {
		s.dotFrom = len(text)
	}
}

// Next returns the byte offsets [start, end) of the next URL, or ok false
// when there are no more.
func (s *URLScanner) Next() (start, end int, ok bool) {
	for {
		if s.rs.active {
			if start, end, ok = s.nextAscii(); ok {
				s.proto = false
				return start, end, true
			}
		}
		var m match
		if !s.search(&m) {
			s.first = false
			s.pos = len(s.text)
			return 0, 0, false
		}
		s.first = false
		s.pos = m.end
		if !validURL(s.text, &m) {
			continue
		}
		if m.protoLen > 0 {
			end, ok := tcoEnd(s.text, &m)
			if !ok {
				continue
			}
			s.proto, s.elided16 = true, 0
			return m.start, end, true
		}
		switch m.before {
		case '-', '_', '.', '/':
			continue
		}
		if plainASCIIDomain(s.text[m.domStart:m.domEnd]) {
			// The validAsciiDomain pass would find the whole domain once.
			s.proto, s.elided16 = false, 0
			if m.hasPath {
				return m.domStart, m.end, true
			}
			return m.domStart, m.domEnd, true
		}
		s.rs = rescan{active: true, q: m.domStart, limit: m.domEnd, asciiEnd: m.domStart, pathEnd: -1}
		if m.hasPath {
			s.rs.pathEnd = m.end
		}
	}
}

// plainASCIIDomain reports whether the domain dom of a match holds only
// ASCII letters, digits, '-' and '.'. Then JS's validAsciiDomain pass over
// it finds exactly one ASCII domain, dom itself: every label of dom is a
// run of validAsciiDomain label chars, and the TLD that ends dom is found
// again at the end of the string that pass searches (an ASCII list TLD is
// the whole letter run, now followed by the end; punycode is greedy). So the
// URL is dom, with the path and query if there is a path (TestOracle
// checks this against the full pass).
//
// It reads eight bytes at a time, the last word overlapping the one before
// (or two overlapping 4-byte words for fewer than eight bytes).
func plainASCIIDomain(dom string) bool {
	n := len(dom)
	switch {
	case n >= 8:
		for i := 0; i < n-8; i += 8 {
			if !plainWord(load64(dom, i)) {
				return false
			}
		}
		return plainWord(load64(dom, n-8))
	case n >= 4:
		return plainWord(uint64(load32(dom, 0)) | uint64(load32(dom, n-4))<<32)
	}
	for i := 0; i < n; i++ {
		if !plainDomainByte[dom[i]] {
			return false
		}
	}
	return true
}

// plainWord reports whether each byte of w is an ASCII letter, digit, '-'
// or '.' (see plainDomainByte).
func plainWord(w uint64) bool {
	t := w &^ msb
	dash := (t + (0x80-'-')*lsb) &^ (t + (0x7f-'.')*lsb) // high bit set for '-' and '.'
	return (letterMask(w)|digitMask(w)|dash&^w&msb)&msb == msb
}

// plainDomainByte marks the ASCII letters, digits, '-' and '.'.
var plainDomainByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c < utf8.RuneSelf && asciiClass[c]&cA != 0 || c == '.'
	}
	return t
}()

// nextAscii returns the next URL of the validAsciiDomain pass. JS finds each
// ASCII domain with the regexp, then locates it with indexOf from the end of
// the previous one, and gives the last one the path and query, if a path
// exists (a port or query without a path is dropped).
func (s *URLScanner) nextAscii() (int, int, bool) {
	rs := &s.rs
	for {
		st, en, found := -1, -1, false
		for rs.q < rs.limit {
			e, ok, next := matchAsciiDomain(s.text, rs.q, rs.limit)
			if ok {
				i := strings.Index(s.text[rs.asciiEnd:rs.limit], s.text[rs.q:e])
				st = rs.asciiEnd + i
				en = st + (e - rs.q)
				rs.asciiEnd = en
				rs.q = e
				found = true
				break
			}
			rs.q = next
		}
		if !found {
			rs.active = false
			if !rs.have {
				return 0, 0, false
			}
			rs.have = false
			if rs.pathEnd >= 0 {
				// JS replaces the domain by the ASCII domain in the URL's
				// text but keeps the indices of the whole match.
				s.elided16 = utf16Len(s.text[rs.pe:rs.limit])
				return rs.ps, rs.pathEnd, true
			}
			s.elided16 = 0
			return rs.ps, rs.pe, true
		}
		if rs.have {
			ps, pe := rs.ps, rs.pe
			rs.ps, rs.pe = st, en
			s.elided16 = 0
			return ps, pe, true
		}
		rs.ps, rs.pe, rs.have = st, en, true
	}
}

// tcoEnd applies validTcoUrl to a URL with protocol: https?://t.co/SLUG with
// an alphanumeric slug is cut after the slug and an optional query; a slug
// longer than 40 means no URL.
func tcoEnd(text string, m *match) (int, bool) {
	d := m.domStart
	// "t.co" with t, c and o in any case, as one 4-byte word.
	if m.domEnd-d != 4 || load32(text, d)|0x20200020 != 't'|'.'<<8|'c'<<16|'o'<<24 {
		return m.end, true
	}
	j := m.domEnd
	if j >= m.end || text[j] != '/' {
		return m.end, true
	}
	j = min(alnumRunEnd(text, j+1), m.end)
	slug := j - (m.domEnd + 1)
	if slug == 0 {
		return m.end, true
	}
	if slug > maxTcoSlug {
		return 0, false
	}
	if j < m.end && text[j] == '?' {
		if k, ok := matchQuery(text, j, m.end); ok {
			j = k
		}
	}
	return j, true
}

// alnumRunEnd returns the end of the run of ASCII letters and digits at
// text[j:], in bytes, finding it eight bytes at a time.
func alnumRunEnd(text string, j int) int {
	for {
		w := loadTail(text, j) // bytes past the end are 0: not alphanumeric
		n := bits.TrailingZeros64(^(letterMask(w)|digitMask(w))&msb) >> 3
		j += n
		if n < 8 {
			return j
		}
	}
}

// digitMask returns the high bit of each byte of w that is an ASCII digit.
func digitMask(w uint64) uint64 {
	t := w &^ msb
	ge := t + (0x80-'0')*lsb // high bit set from '0' on, without carry
	gt := t + (0x7f-'9')*lsb // high bit set past '9'
	return ge &^ gt &^ w & msb
}

func isASCIIAlnum(c byte) bool {
	return asciiClass[c]&cA != 0 && c != '-' // cA is [-A-Za-z0-9]
}

// URLs returns every URL in text, in order.
func URLs(text string) []URL { return AppendURLs(nil, text) }

// AppendURLs appends the URLs of text to dst and returns the extended slice.
func AppendURLs(dst []URL, text string) []URL {
	var s URLScanner
	s.Reset(text)
	b, u := 0, 0 // a byte offset and its UTF-16 offset
	for {
		start, end, ok := s.Next()
		if !ok {
			return dst
		}
		u += utf16Len(text[b:start])
		start16 := u
		u += utf16Len(text[start:end])
		b = end
		dst = append(dst, URL{Start: start, End: end, Start16: start16, End16: u, HasProtocol: s.proto, Elided16: s.elided16})
	}
}
