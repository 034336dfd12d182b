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
// end of the domain in bytes.
func matchDomain(text string, i int, half bool) (int, bool) {
	best := -1
	pos := i
	for first := true; ; first = false {
		j := pos
		empty, firstD, lastD, underscore := true, false, false, false
		if first && half {
			_, n := utf8.DecodeRuneInString(text[j:])
			j += n
			empty, firstD, lastD = false, true, true
		}
		for j < len(text) {
			c := text[j]
			isD := false
			if c < utf8.RuneSelf {
				switch {
				case asciiClass[c]&cD != 0:
					isD = true
				case c == '_':
					underscore = true
				case c != '-':
					goto end
				}
				j++
			} else {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !isDomainRune(r) {
					goto end
				}
				isD = true
				j += n
			}
			if empty {
				firstD, empty = isD, false
			}
			lastD = isD
		}
	end:
		if empty || !firstD || !lastD || j >= len(text) || text[j] != '.' {
			break
		}
		if !underscore {
			if e, ok := matchTLD(text, j+1, len(text)); ok {
				best = e
			}
		}
		pos = j + 1
	}
	return best, best >= 0
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
