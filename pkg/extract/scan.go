package extract

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// match is one match of twitter-text's extractUrl regexp. Offsets are bytes.
type match struct {
	start    int  // start of the URL ($3): the protocol, or else the domain
	half     bool // the domain begins at the low surrogate of the rune at domStart
	protoLen int  // length of "http://" or "https://", 0 if absent
	before   rune // the preceding character ($2), -1 for none (start of text)
	domStart int  // domain ($5)
	domEnd   int
	hasPath  bool // a path ($7) follows the domain (and port)
	end      int  // end of the whole match (lastIndex)
}

// set fills m with a domain match, without its path (see finish). The
// fields are assigned one by one: a composite literal is built on the
// stack and copied in 16-byte moves, whose loads stall on the 8-byte
// stores just made (no store-to-load forwarding), which cost as much as
// the rest of a typical search.
func (m *match) set(start, protoLen int, half bool, before rune, domStart, domEnd int) {
	m.start, m.half, m.protoLen, m.before = start, half, protoLen, before
	m.domStart, m.domEnd, m.hasPath, m.end = domStart, domEnd, false, 0
}

// search finds the next extractUrl match at or after s.pos, as JS's
// RegExp.exec does from lastIndex: the match starts with one preceding
// character (or the start of the text), so the URL itself starts at least one
// UTF-16 code unit after s.pos. Start positions are tried in increasing
// code-unit order; only positions before a '.' in the same run of domain
// characters, or protocols whose domain holds a '.', can match, so the search
// jumps from '.' to '.' (IsURLDot), starting no earlier than s.dotFrom.
func (s *URLScanner) search(m *match) bool {
	text := s.text
	// The first candidate, in code units: minB plus one unit if minHalf.
	minB, minHalf := 0, false
	if !s.first {
		if s.pos >= len(text) {
			return false
		}
		r, n := rune(text[s.pos]), 1
		if r >= utf8.RuneSelf {
			r, n = decode(text, s.pos)
		}
		if r >= 0x10000 {
			minB, minHalf = s.pos, true
		} else {
			minB = s.pos + n
		}
	}
	dead := -1 // dots up to here are dead ends for domains (see segDomain)
	var sd segDomain
	for from := max(minB, s.dotFrom); ; {
		// Every candidate's domain has a label or a TLD right after the
		// dot, which must start with a domain char.
		d := nextDot(text, from)
		if d < 0 {
			return false
		}
		from = d + 1
		// The segment of domain characters (no '.') that ends at the dot.
		seg, lastUS := d, -1
		for seg > minB {
			if asciiClass[text[seg-1]]&cD != 0 {
				seg--
				continue
			}
			if c := text[seg-1]; c < utf8.RuneSelf {
				if asciiClass[c]&cD == 0 {
					if c == '_' {
						if lastUS < 0 {
							lastUS = seg - 1
						}
					} else if c != '-' {
						break
					}
				}
				seg--
				continue
			}
			r, n := decodeLast(text, seg)
			if !isDomainRune(r) {
				break
			}
			seg -= n
		}
		if seg == d {
			continue
		}
		// Each candidate's first label ends at d and must end with a domain
		// char (an ASCII byte before a URL dot is one).
		if text[d-1] >= utf8.RuneSelf {
			if r, _ := decodeLast(text, d); !isDomainRune(r) {
				continue
			}
		}
		sd.reset(text, d, lastUS, d <= dead)
		// A protocol right before the segment is the earliest candidate.
		if p := protocolBefore(text, seg); p >= 0 && (p > minB || p == minB && !minHalf) && s.startOK(p) {
			if e, ok := sd.match(seg, &dead); ok {
				m.set(p, seg-p, false, s.beforeRune(p), seg, e)
				return s.finish(m)
			}
		}
		// Candidates inside the segment, in code-unit order.
		for x := seg; x < d; {
			r, n := rune(text[x]), 1
			if r >= utf8.RuneSelf {
				r, n = decode(text, x)
			}
			if x > minB || x == minB && !minHalf {
				if s.first && x == 0 {
					// At the start of the text JS tries "^" only after the
					// preceding-char alternative, which puts the domain one
					// code unit later.
					if s.tryNext0(m, &sd, r, n, &dead) {
						return true
					}
					if isDomainStart(r) {
						if e, ok := sd.match(0, &dead); ok {
							m.set(0, 0, false, -1, 0, e)
							return s.finish(m)
						}
					}
				} else if isDomainStart(r) && s.startOK(x) {
					if e, ok := sd.match(x, &dead); ok {
						m.set(x, 0, false, s.beforeRune(x), x, e)
						return s.finish(m)
					}
				}
			}
			if r >= 0x10000 && !(s.first && x == 0) {
				// The domain may start at the low surrogate, after the high
				// one as preceding character.
				if e, ok := sd.match(x, &dead); ok {
					m.set(x, 0, true, 0xd800, x, e)
					return s.finish(m)
				}
			}
			x += n
		}
	}
}

// tryNext0 tries, for the first search, the preceding-char alternative at
// position 0: the rune r (size n) at the start is the preceding character and
// the domain starts one code unit later, before the dot at d.
func (s *URLScanner) tryNext0(m *match, sd *segDomain, r rune, n int, dead *int) bool {
	if r >= 0x10000 {
		if e, ok := sd.match(0, dead); ok {
			m.set(0, 0, true, 0xd800, 0, e)
			return s.finish(m)
		}
		return false
	}
	if !isPreceding(r) || n >= sd.d {
		return false
	}
	if r1, _ := decode(s.text, n); !isDomainStart(r1) {
		return false
	}
	if e, ok := sd.match(n, dead); ok {
		m.set(n, 0, false, r, n, e)
		return s.finish(m)
	}
	return false
}

func isDomainStart(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&cD != 0
	}
	return isDomainRune(r)
}

// startOK reports whether a URL may start at byte x (a rune boundary): the
// previous character is a valid preceding character, or x is 0 on the first
// search (the "^" alternative).
func (s *URLScanner) startOK(x int) bool {
	if x == 0 {
		return s.first
	}
	if c := s.text[x-1]; c < utf8.RuneSelf {
		return asciiClass[c]&cPre != 0
	}
	r, _ := utf8.DecodeLastRuneInString(s.text[:x])
	return isPrecedingRune(r)
}

func (s *URLScanner) beforeRune(x int) rune {
	if x == 0 {
		return -1
	}
	if c := s.text[x-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := decodeLast(s.text, x)
	return r
}

// finish extends the domain match *m with the optional port, path and
// query, and returns true.
func (s *URLScanner) finish(m *match) bool {
	text := s.text
	j := m.domEnd
	if j < len(text) && text[j] == ':' {
		if k, ok := matchPort(text, j); ok {
			j = k
		}
	}
	if j < len(text) && text[j] == '/' {
		j = matchPath(text, j)
		m.hasPath = true
	}
	if j < len(text) && text[j] == '?' {
		if k, ok := matchQuery(text, j, len(text)); ok {
			j = k
		}
	}
	m.end = j
	return true
}

// protocolBefore returns the start of "http://" or "https://" (ASCII case
// insensitive) ending at byte seg, or -1.
func protocolBefore(text string, seg int) int {
	if seg < 7 || text[seg-1] != '/' || text[seg-2] != '/' || text[seg-3] != ':' {
		return -1
	}
	p := seg - 7
	if text[p+3]|0x20 == 's' {
		if p--; p < 0 {
			return -1
		}
	}
	// "http" in any case: four bytes at once, lowercased.
	t := text[p : p+4]
	if (uint32(t[0])|uint32(t[1])<<8|uint32(t[2])<<16|uint32(t[3])<<24)|0x20202020 == 'h'|'t'<<8|'t'<<16|'p'<<24 {
		return p
	}
	return -1
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// load64 reads text[i:i+8] as a little-endian word (one load once compiled).
func load64(text string, i int) uint64 {
	s := text[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 reads text[i:i+4] as a little-endian word (one load once compiled).
func load32(text string, i int) uint32 {
	s := text[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// IsURLDot reports whether the byte at offset d of text is a '.' at which a
// URL search may start: the last byte of a domain label before it (a
// domain character, or any non-ASCII byte) and the first of a label after
// it (see dotEdge). Every URL's domain holds such a dot, so a text
// without one has no URL; see [URLScanner.ResetFrom].
//
// It costs two table lookups and one test once the dot is found.
func IsURLDot(text string, d int) bool {
	return d > 0 && d+1 < len(text) && text[d] == '.' && dotEdge[text[d-1]]&dotEdge[text[d+1]] != 0
}

// dotEdge is 1 for the bytes that may end a domain label before a URL dot
// or start one after it: the ASCII domain chars and every byte from 0x80
// (part of a character that may be one), else 0.
var dotEdge = func() (t [256]uint8) {
	for c := range t {
		if c >= utf8.RuneSelf || asciiClass[c]&cD != 0 {
			t[c] = 1
		}
	}
	return t
}()

// FirstURLDot returns the first offset in text at or after byte from where
// IsURLDot holds, or -1 when there is none.
func FirstURLDot(text string, from int) int {
	for i := from; ; i++ {
		j := strings.IndexByte(text[i:], '.')
		if j < 0 {
			return -1
		}
		if i += j; IsURLDot(text, i) {
			return i
		}
	}
}

// nextDot returns the offset of the first '.' in text at or after byte i
// at which a URL search may start (see IsURLDot), or -1.
// It looks at eight bytes at a time: texts are short, and most dots end a
// sentence, so a call of strings.IndexByte per dot would cost more.
func nextDot(text string, i int) int {
	for i >= 0 && i <= len(text)-8 {
		t := text[i:] // constant offsets into t need no bounds checks
		if len(t) >= 16 {
			// Sixteen bytes at a time while there is no '.' at all.
			x, y := load64(t, 0)^'.'*lsb, load64(t, 8)^'.'*lsb
			if ((x-lsb)&^x|(y-lsb)&^y)&msb == 0 {
				i += 16
				continue
			}
		}
		x := load64(t, 0) ^ '.'*lsb
		// The lowest marked byte is exactly the first '.'; bytes above a
		// '.' may be marked spuriously (borrows), so each is checked.
		for z := (x - lsb) &^ x & msb; z != 0; z &= z - 1 {
			if d := i + bits.TrailingZeros64(z)>>3; IsURLDot(text, d) {
				return d
			}
		}
		i += 8
	}
	for ; i < len(text); i++ {
		if IsURLDot(text, i) {
			return i
		}
	}
	return -1
}
