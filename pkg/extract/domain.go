package extract

import "unicode/utf8"

// matchDomain matches twitter-text's validDomain at text[i:]:
//
//	validSubdomain* validDomainName (validGTLD | validCCTLD | validPunycode)
//
// Labels are runs of domain chars, '-' and '_' that begin and end with a
// domain char and are followed by '.'; the domain name label (the last one
// before the TLD) may not contain '_'. The JS regexp takes as many subdomain
// labels as it can and backtracks one label at a time, so the result is the
// longest chain of labels whose last label is a valid name followed by a TLD.
// If half is set the match starts at the low surrogate of the astral rune at
// text[i] (JS regexps see UTF-16 code units; see [URLScanner]). It returns the
// end of the domain in bytes, and the offset of the last '.' that ended a
// valid subdomain label (-1 if none), up to which a failed match tells that no
// later start can match through its labels (see segDomain).
func matchDomain(text string, i int, half bool) (end int, ok bool, lastDot int) {
	j := i
	if half {
		_, n := utf8.DecodeRuneInString(text[j:])
		j += n
	}
	j, underscore := labelEnd(text, j)
	return matchDomainFrom(text, i, j, underscore)
}

// matchDomainFrom is matchDomain once its first label, text[i:j], is known
// (underscore tells whether it holds a '_'): the search knows it from the
// run of domain chars before a URL dot, and need not read it again.
func matchDomainFrom(text string, i, j int, underscore bool) (end int, ok bool, lastDot int) {
	best := -1
	lastDot = -1
	for pos := i; ; {
		// The label is text[pos:j]; every byte from 0x80 in it belongs to
		// a domain char (the half of an astral one included), so it begins
		// and ends with a domain char unless its first or last byte is '-'
		// or '_'.
		if j == pos || j >= len(text) || text[j] != '.' || !labelEdge(text[pos]) || !labelEdge(text[j-1]) {
			break
		}
		lastDot = j
		letters := 0 // ASCII letters known to start the next label
		if !underscore {
			e, ok, n := matchTLDRun(text, j+1, len(text))
			if ok {
				best = e
			}
			letters = n
		}
		pos = j + 1
		j, underscore = labelEnd(text, pos+letters)
	}
	return best, best >= 0, lastDot
}

// labelEnd returns the end of the run of domain chars, '-' and '_' at
// text[j:], and whether it holds a '_'.
func labelEnd(text string, j int) (int, bool) {
	underscore := false
	for j < len(text) {
		// A run of ASCII domain chars, then what stopped it.
		if asciiClass[text[j]]&cD != 0 {
			j++
			continue
		}
		c := text[j]
		if c < utf8.RuneSelf {
			if c == '_' {
				underscore = true
			} else if c != '-' {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isDomainRune(r) {
			break
		}
		j += n
	}
	return j, underscore
}

// labelEdge reports whether byte c, the first or last of a label that
// matchDomain took, is (part of) a domain char: anything but '-' and '_'.
func labelEdge(c byte) bool { return c != '-' && c != '_' }

// segDomain matches domains for the candidate starts of one segment: the
// run of domain chars, '-' and '_' ending at the dot d, where every
// candidate's first label ends. Once a match through the labels after d has
// failed (dead), the only way left for a later start is its own first label
// as domain name followed by a TLD at d+1, which is checked without walking
// the following labels again; this keeps the search linear.
type segDomain struct {
	text   string
	d      int  // the dot ending the segment
	lastUS int  // offset of the last '_' in the segment, -1 if none
	dead   bool // no match can use the labels after d
	tld    int8 // 0 unknown, 1 a TLD follows d, -1 none
	tldEnd int
}

// reset starts sd on the segment ending at the dot d, with its last '_' at
// lastUS (-1 if none); dead tells that no match can use the labels after
// d. The fields are assigned one by one, for the reason given at
// [match.set].
func (sd *segDomain) reset(text string, d, lastUS int, dead bool) {
	sd.text, sd.d, sd.lastUS, sd.dead = text, d, lastUS, dead
	sd.tld, sd.tldEnd = 0, 0
}

// match is matchDomain(text, x, half) for either half: the labels, and so
// the result, are the same whether the domain starts at the astral rune at
// x or at its low surrogate. *dead is the offset up to which dots are known
// to be dead ends.
func (sd *segDomain) match(x int, dead *int) (int, bool) {
	if sd.dead {
		if sd.lastUS >= x {
			return 0, false
		}
		if sd.tld == 0 {
			sd.tld = -1
			if e, ok := matchTLD(sd.text, sd.d+1, len(sd.text)); ok {
				sd.tld, sd.tldEnd = 1, e
			}
		}
		return sd.tldEnd, sd.tld > 0
	}
	// The first label runs from x (or the low surrogate there) to d.
	e, ok, lastDot := matchDomainFrom(sd.text, x, sd.d, sd.lastUS >= x)
	if !ok && lastDot >= sd.d {
		sd.dead = true
		*dead = max(*dead, lastDot)
	}
	return e, ok
}

// isAsciiDomainAt reports whether text[i] starts a validAsciiDomain label
// char ([-a-z0-9] or a Latin accent, case-insensitive) and its size.
func isAsciiDomainAt(text string, i int) (bool, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return asciiClass[c]&cA != 0, 1
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	return isLatinAccent(r), n
}

// matchAsciiDomain matches validAsciiDomain, ((?:[-a-z0-9 Latin]+\.)+ TLD),
// at text[q:limit], limit being the end of the string JS searches. On
// failure, next is the first position after q where a match may start.
func matchAsciiDomain(text string, q, limit int) (end int, ok bool, next int) {
	best := -1
	pos := q
	for {
		j := pos
		for j < limit {
			a, n := isAsciiDomainAt(text, j)
			if !a {
				break
			}
			j += n
		}
		if j == pos || j >= limit || text[j] != '.' {
			if pos == q {
				// No label at all: nothing can start before j.
				if j == q {
					_, n := decode(text, q)
					return 0, false, q + n
				}
				return 0, false, j
			}
			break
		}
		if e, ok := matchTLD(text, j+1, limit); ok {
			best = e
		}
		pos = j + 1
	}
	if best >= 0 {
		return best, true, best
	}
	// Any later start inside these labels sees a subset of the same TLDs.
	return 0, false, pos
}
