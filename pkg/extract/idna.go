package extract

import (
	"strings"
	"unicode/utf8"
)

// Validity checks of twitter-text's isValidUrl (extractUrlsWithIndices.js)
// and idna.toAscii (lib/idna.js), which JS applies to every match.

const (
	maxURLLength   = 4096 // MAX_URL_LENGTH, in UTF-16 code units
	maxLabelLength = 63   // MAX_DOMAIN_LABEL_LENGTH, after punycode toASCII
	maxTcoSlug     = 40   // MAX_TCO_SLUG_LENGTH
	defaultProto   = len("https://")
)

// validURL reports whether JS's isValidUrl accepts the match m:
//   - a domain starting with "xn--" must contain a validAsciiDomain match;
//   - each '.'-separated label, after punycode.toASCII, is 1 to 63 long;
//   - the protocol (or "https://" when absent) plus the URL is at most 4096
//     UTF-16 code units. The URL already holds its protocol, so JS counts a
//     present protocol twice.
func validURL(text string, m *match) bool {
	dom := text[m.domStart:m.domEnd]
	if !m.half && len(dom) >= 4 && load32(dom, 0) == 'x'|'n'<<8|'-'<<16|'-'<<24 && !hasAsciiDomain(text, m.domStart, m.domEnd) {
		return false
	}
	if !m.half && (len(dom) <= maxLabelLength && isASCII(dom) || asciiLabelsOK(dom)) {
		// Every label is ASCII, 1 to 63 bytes: its toASCII length. (A
		// matched domain has no empty label, so a short ASCII one passes.)
		dom = ""
	}
	half := m.half
	for len(dom) > 0 {
		i := strings.IndexByte(dom, '.')
		if i < 0 {
			i = len(dom)
		}
		if n := toASCIILen(dom[:i], half); n < 1 || n > maxLabelLength {
			return false
		}
		half = false
		if i == len(dom) {
			break
		}
		dom = dom[i+1:]
	}
	proto := m.protoLen
	if proto == 0 {
		proto = defaultProto
	}
	n := m.end - m.start // bytes, an upper bound of the UTF-16 length
	if proto+n <= maxURLLength {
		return true
	}
	u := utf16Len(text[m.start:m.end])
	if m.half {
		u--
	}
	return proto+u <= maxURLLength
}

// isASCII reports whether s holds only ASCII bytes. It reads eight bytes
// at a time, the last word overlapping the one before, and a string of
// fewer than eight bytes in at most two overlapping 4-byte words (or three
// bytes): no loop over single bytes, whose exit a domain's varying length
// would mispredict.
func isASCII(s string) bool {
	n := len(s)
	switch {
	case n >= 8:
		acc := load64(s, n-8)
		for i := 0; i < n-8; i += 8 {
			acc |= load64(s, i)
		}
		return acc&msb == 0
	case n >= 4:
		return (load32(s, 0)|load32(s, n-4))&0x80808080 == 0
	case n > 0:
		return s[0]|s[n>>1]|s[n-1] < utf8.RuneSelf
	}
	return true
}

// asciiLabelsOK reports whether dom is ASCII and each of its '.'-separated
// labels is 1 to maxLabelLength bytes long, which is then its toASCII
// length. False means only that the labels need toASCIILen.
func asciiLabelsOK(dom string) bool {
	n := 0 // length of the current label
	for i := 0; i < len(dom); i++ {
		switch c := dom[i]; {
		case c >= utf8.RuneSelf:
			return false
		case c == '.':
			if n == 0 {
				return false
			}
			n = 0
		default:
			if n++; n > maxLabelLength {
				return false
			}
		}
	}
	return n > 0
}

// hasAsciiDomain reports whether text[i:limit] holds a validAsciiDomain match.
func hasAsciiDomain(text string, i, limit int) bool {
	for q := i; q < limit; {
		_, ok, next := matchAsciiDomain(text, q, limit)
		if ok {
			return true
		}
		q = next
	}
	return false
}

// utf16Len is the length of s in UTF-16 code units, each invalid UTF-8 byte
// counting as one (U+FFFD).
func utf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < 0x80:
			i++
			n++
		case c >= 0xf0:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			n++
			if size == 4 {
				n++
			}
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			n++
		}
	}
	return n
}

// toASCIILen is the length of punycode.toASCII(label) (node's punycode
// 2.1.0, which twitter-text's require("punycode") resolves to): the label is
// split at the separators U+3002, U+FF0E and U+FF61, and every part holding a
// character above U+007F (node's regexNonASCII) becomes "xn--" plus its punycode encoding. If half is
// set, the label starts with the low surrogate of its first (astral) rune, as
// a lone code point. Results above maxLabelLength may be inexact (they only
// need to be too long); JS would throw on punycode overflow, which needs a far
// longer label.
func toASCIILen(label string, half bool) int {
	total := 0
	start := 0
	for i := 0; i <= len(label); {
		sep := 0
		if i < len(label) {
			if label[i] < utf8.RuneSelf {
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(label[i:])
			if r != 0x3002 && r != 0xff0e && r != 0xff61 {
				i += n
				continue
			}
			sep = n
		}
		if start > 0 {
			total++ // the '.' that joins the parts
		}
		total += encodedLen(label[start:i], half && start == 0)
		if total > maxLabelLength {
			return total
		}
		if sep == 0 {
			break
		}
		i += sep
		start = i
	}
	return total
}

// encodedLen is the toASCII length of one separator-free part.
func encodedLen(s string, half bool) int {
	ascii := !half
	for i := 0; i < len(s) && ascii; i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
		}
	}
	if ascii {
		return len(s)
	}
	return 4 + punycodeLen(s, half)
}

// punycodeLen is the length of the RFC 3492 punycode encoding of s (its
// code points as JS's ucs2decode sees them: if half is set, the first rune is
// replaced by its low surrogate). It stops early once the length exceeds
// maxLabelLength.
func punycodeLen(s string, half bool) int {
	const (
		base        = 36
		tMin        = 1
		tMax        = 26
		initialBias = 72
		initialN    = 128
		limit       = maxLabelLength + 1
	)
	// Every code point adds at least one character, so more than limit code
	// points are too long; the rest fit in a fixed array.
	var cps [limit]rune
	total, basic := 0, 0
	for i := 0; i < len(s); {
		if total == limit {
			return limit + 1
		}
		r, n := decode(s, i)
		if half && i == 0 {
			r = 0xdc00 + (r-0x10000)&0x3ff
		}
		i += n
		cps[total] = r
		total++
		if r < 0x80 {
			basic++
		}
	}
	out := basic
	if basic > 0 {
		out++
	}
	if out+total-basic > limit {
		return out + total - basic
	}
	n, delta, bias, h := rune(initialN), 0, initialBias, basic
	for h < total {
		m := rune(0x7fffffff)
		for _, r := range cps[:total] {
			if r >= n && r < m {
				m = r
			}
		}
		delta += int(m-n) * (h + 1)
		n = m
		for _, r := range cps[:total] {
			if r < n {
				delta++
			}
			if r == n {
				q := delta
				for k := base; ; k += base {
					t := min(max(k-bias, tMin), tMax)
					if q < t {
						break
					}
					out++
					q = (q - t) / (base - t)
				}
				out++
				if out > limit {
					return out
				}
				bias = adapt(delta, h+1, h == basic)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return out
}

func adapt(delta, numPoints int, first bool) int {
	if first {
		delta /= 700
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((36-1)*26)/2 {
		delta /= 36 - 1
		k += 36
	}
	return k + (36-1+1)*delta/(delta+38)
}
