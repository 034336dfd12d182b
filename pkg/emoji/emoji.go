// Package emoji recognises emoji units exactly as twemoji-parser 11.0.2,
// the emoji parser behind twitter-text 3.1.0's v3 config, does: every unit
// it reports is one match of twemoji-parser's global regex, and twitter-text
// charges each such unit a single weight of 2.
//
// The regex is reproduced as it is, staleness included. It knows Twemoji 11
// (Emoji 11.0), so Emoji 12.0 and later ZWJ sequences such as 🧑‍🔧,
// 🧑‍🤝‍🧑, 🐕‍🦺, 🏳️‍⚧️, ❤️‍🔥 and 🐻‍❄️ are not one unit but
// several units and loose characters (upstream twitter-text issue #369).
// Other behaviour kept on purpose: a lone regional indicator, a lone skin
// tone modifier and a stray U+FE0F are units of their own; text-default
// pictographs such as ☺ are units without U+FE0F, but not when U+FE0E
// follows; ©, ®, ™, # and digits alone are not units.
//
// The table is generated from the pinned package's dist/lib/regex.js by
// gen_table.go (go generate). All offsets are byte offsets into the UTF-8
// string. Invalid UTF-8 never causes a panic: a byte that is not part of a
// valid encoding of a unit starts no unit and is skipped, as if it were a
// character the regex does not match.
package emoji

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// Match returns the length in bytes of the emoji unit twemoji-parser would
// match at the start of s, or 0 when none starts there.
func Match(s string) int {
	if len(s) == 0 {
		return 0
	}
	return match(s, 0)
}

// Next returns the byte offsets [start, end) of the first emoji unit found by
// scanning s from byte offset from, as twemoji-parser's global regex scan
// does, or ok false when there is none. To list every unit, call it again
// with from set to the previous end. A negative from counts as 0. Next does
// not allocate.
//
// Scanning from a byte inside a character, or over invalid UTF-8, is
// allowed: such bytes start no unit.
func Next(s string, from int) (start, end int, ok bool) {
	return next(s, from, false)
}

// NextMulti is Next for the units of more than one code point only: it
// returns the first of them that Next, called again and again from from,
// would list. The units of one code point it passes over are exactly the
// ones Next would list (each is one whole character, so passing over it
// changes nothing for the units after it). A caller that weighs a unit of
// one code point as that code point needs no others.
//
// It looks for the joiners first (every unit of several code points has
// one as its second code point, see IsJoiner) and tries only the few
// offsets before each: a text of single emoji and prose goes by at the
// pace of a byte search.
func NextMulti(s string, from int) (start, end int, ok bool) {
	if !joinerScan {
		return next(s, from, true)
	}
	// Every offset from lo up to the joiner at p is tried (see below) or
	// starts no unit of several code points. The joiners are looked for
	// from lo+1 among the bytes 0xE0 and above, eight bytes at a time
	// (nextJoiner, by hand).
	lo := max(from, 0)
	for k := lo + 1; k < len(s); {
		var m uint64
		step := 8
		if k+8 <= len(s) {
			v := load64(s, k)
			m = v & (v << 1) & (v << 2) & msb
		} else {
			// The last bytes, one at a time.
			step = 1
			if s[k] >= 0xe0 {
				m = 0x80
			}
		}
		for ; m != 0; m &= m - 1 {
			p := k + bits.TrailingZeros64(m)>>3
			if joinerLeads>>(s[p]&31)&1 == 0 {
				continue // as in most scripts: E0, E3-EE
			}
			if p+4 <= len(s) {
				// joinerWord looks at no byte past the character's own.
				if !joinerWord(load32(s, p)) {
					continue
				}
			} else if !joinerAt(s, p) {
				continue
			}
			// A unit of several code points whose second one is the
			// joiner at p starts with a character that ends at p: the
			// one before p, if it starts at or after lo. (One that
			// goes past p holds the joiner: it is the scan's, as a unit
			// listed before it would hold an earlier joiner.)
			q := -1 // charBefore, by hand
			if p >= 4 {
				q = p - 4 + lastLead(load32(s, p-4))
			} else {
				q = charBeforeStart(s, p)
			}
			if q >= lo {
				if n := matchPast(s, q, p); n > 0 {
					return q, q + n, true
				}
			}
			lo = p
		}
		k += step
	}
	return 0, 0, false
}

// charBefore returns the offset of the only byte that can start a valid
// character of s ending at offset p: the last byte before p that is not a
// continuation byte, at most four back; or -1.
func charBefore(s string, p int) int {
	if p >= 4 {
		return max(p-4+lastLead(load32(s, p-4)), -1)
	}
	return charBeforeStart(s, p)
}

// lastLead returns the index of the last byte of the little-endian word w
// that is not a continuation byte, or a negative number below -4 if every
// byte is one (so that p - 4 + lastLead(...) < 0).
func lastLead(w uint32) int {
	lead := ^(w &^ (w << 1)) & 0x80808080 // bytes not 10xxxxxx
	if lead == 0 {
		return -1 << 30
	}
	return (24 - bits.LeadingZeros32(lead)) >> 3
}

// charBeforeStart is charBefore within the first four bytes of s.
func charBeforeStart(s string, p int) int {
	for q := p - 1; q >= 0; q-- {
		if s[q]&0xc0 != 0x80 {
			return q
		}
	}
	return -1
}

// matchPast returns the length in bytes of the unit starting at s[q], as
// match, if its first character is s[q:k] and it goes past k (where a
// joiner starts, so that k+3 <= len(s)), or else 0. A unit of two
// characters that nothing can extend, as a skin tone or a flag, is done
// here without the walk.
func matchPast(s string, q, k int) int {
	size := k - q
	if int(utf8Len[s[q]]) != size {
		return 0 // s[q:k] is not one character
	}
	var n uint32
	if size == 4 && s[q] == 0xf0 && s[q+1] == 0x9f {
		// U+1F000-U+1FFFF, as in first.
		v := cpNode[int(s[q+2]&63)<<6|int(s[q+3]&63)]
		if v&(1<<14) != 0 {
			return 0 // nothing goes on after it
		}
		n = uint32(v & (1<<14 - 1))
	} else {
		// q+4 <= k+3 <= len(s): load32 is safe; the bytes from k on
		// are masked.
		n = stepNode(cpStep(0, load32(s, q)&(1<<(8*size)-1)))
	}
	if n == 0 {
		return 0
	}
	// charWord, by hand.
	var word uint32
	size2 := int(utf8Len[s[k]])
	if k+4 <= len(s) {
		word = load32(s, k) & (1<<(8*size2) - 1)
	} else if word, size2 = charWordTail(s, k); size2 == 0 {
		return 0
	}
	e := cpStep(n, word)
	if e == 0 {
		return 0
	}
	if e>>60 == 1<<2 {
		// A unit ends there, whatever follows, and nothing goes on.
		return k + size2 - q
	}
	if m := walk(s, q, k+size2, stepNode(e)); q+m > k {
		return m
	}
	return 0
}

// joinerAt reports whether joinerWord accepts the character at s[p].
func joinerAt(s string, p int) bool {
	if p+4 <= len(s) {
		// joinerWord looks at no byte past the character's own.
		return joinerWord(load32(s, p))
	}
	word, _ := charWordTail(s, p)
	return joinerWord(word)
}

// Words (UTF-8 bytes, little-endian) that joinerWord compares with.
const (
	wordVS16      = 0x8fb8ef // U+FE0F
	wordRI        = 0x879ff0 // U+1F1C0-U+1F1FF, regional indicators from byte 3 0xA6
	wordModifier  = 0x8f9ff0 // U+1F3C0-U+1F3FF, skin tone modifiers from byte 3 0xBB
	firstRIByte   = 0xa6     // U+1F1E6
	firstModByte  = 0xbb     // U+1F3FB
	wordTagPrefix = wordTag  // U+E0000-U+E0FFF
)

// joinerLeads has bit b&31 set for each first byte b (0xE0 and above) of
// the characters joinerWord accepts: E2, EF, F0 and F3 (TestJoinerWord).
const joinerLeads = 1<<(0xe2&31) | 1<<(0xef&31) | 1<<(0xf0&31) | 1<<(0xf3&31)

// joinerWord reports whether the character whose UTF-8 bytes are word
// (little-endian) is a joiner (IsJoiner), or a tag character U+E0000-
// U+E0FFF: every joiner (joinerScan checks it) and a few code points
// never seen in text.
func joinerWord(word uint32) bool {
	w3 := word & mask3Bytes
	return w3 == wordZWJ || w3 == wordKeycap || w3 == wordVS16 ||
		w3 == wordRI && word>>24 >= firstRIByte || w3 == wordModifier && word>>24 >= firstModByte ||
		word&mask2Bytes == wordTagPrefix
}

// joinerScan reports that joinerWord accepts every joiner, so that
// NextMulti may look for the joiners first; otherwise it scans as Next.
var joinerScan = func() bool {
	for _, r := range joinerRunes() {
		if word, _ := charWord(string(r), 0); !joinerWord(word) {
			return false
		}
	}
	return true
}()

// joinerRunes lists the code points IsJoiner accepts.
func joinerRunes() []rune {
	rs := []rune{0x200D, 0xFE0F, 0x20E3}
	for _, rg := range [][2]rune{{0x1F1E6, 0x1F1FF}, {0x1F3FB, 0x1F3FF}, {0xE0020, 0xE007F}} {
		for r := rg[0]; r <= rg[1]; r++ {
			rs = append(rs, r)
		}
	}
	return rs
}

// next is Next, or NextMulti when multi is set.
func next(s string, from int, multi bool) (start, end int, ok bool) {
	i := max(from, 0)
	for i < len(s) {
		c := s[i]
		n := uint32(rootChild[c])
		if n == 0 && leadScan {
			// Jump to the next byte that may start a unit.
			if i = nextLead(s, i); i < 0 {
				return 0, 0, false
			}
			c = s[i]
			n = uint32(rootChild[c])
		}
		if n == 0 {
			i++
			if c < 0x80 {
				// Skip eight ASCII bytes at a time while none of them can
				// start a unit: among ASCII only '#', '*' and '0'-'9'
				// (keycaps) can.
				for i+8 <= len(s) {
					m := startMask(load64(s, i))
					if m != 0 {
						i += bits.TrailingZeros64(m) >> 3
						break
					}
					i += 8
				}
				continue
			}
			// c is a continuation byte, an invalid byte or the lead byte
			// of a character no unit starts with. Skip every non-ASCII
			// byte that starts no unit (continuation bytes never do): a
			// run of Chinese or Korean text goes by in this loop.
			for i < len(s) && skipNonASCII[s[i]] {
				i++
			}
			continue
		}
		// The characters of U+1F000-U+1FFFF, and the three-byte ones
		// whose lead byte starts a unit (U+2xxx, U+3xxx, U+Exxx, U+Fxxx),
		// are looked up whole (as in first): a character no unit starts
		// with (kana, CJK punctuation, dashes and quotes) costs one lookup
		// and is skipped whole, and most emoji end there.
		j := i + 1
		var v uint16
		whole := false
		switch {
		case c < 0x80:
			// Every unit is at least two bytes long, and those that
			// start with ASCII (keycaps) go on with a non-ASCII byte
			// (the generator checks both): "2024" and "#12" are
			// rejected here without a call.
			if i+1 >= len(s) || s[i+1] < 0x80 {
				n = 0
			}
		case c == 0xf0 && i+3 < len(s) && s[i+1] == 0x9f && s[i+2]&0xc0 == 0x80 && s[i+3]&0xc0 == 0x80:
			v, j, whole = cpNode[int(s[i+2]&63)<<6|int(s[i+3]&63)], i+4, true
		case c&0xf0 == 0xe0 && cpBlock3[c&15] != 0 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
			v, j, whole = cpNode[int(cpBlock3[c&15])<<12|int(s[i+1]&63)<<6|int(s[i+2]&63)], i+3, true
		default:
			// Any other first character (© and ®, or a cut or invalid
			// encoding) is looked up whole from the root; "°"
			// (U+00B0), whose lead byte © and ® share, is rejected here.
			n = 0
			if word, size := charWord(s, i); size != 0 {
				if n = stepNode(cpStep(0, word)); n != 0 {
					j = i + size
				}
			}
		}
		if whole {
			// A unit of one character, such as most emoji, when what
			// follows cannot make it longer nor trip its lookahead (as
			// its first byte tells, or else the code point: mayFollow):
			// done without walking the trie.
			if v&(1<<14) != 0 || v&(1<<15) != 0 && (j >= len(s) || !mayContinue(s[j]) || !mayFollow(s, j)) {
				if multi {
					i = j
					continue
				}
				return i, j, true
			}
			n = uint32(v & (1<<14 - 1))
		}
		if n != 0 {
			if m := walk(s, i, j, n); m > 0 {
				if multi && i+m == j {
					// One code point: j is after the first character.
					i = j
					continue
				}
				return i, i + m, true
			}
		}
		// No unit starts at i, nor at the continuation bytes of a
		// character looked up whole (or of one looked up from the root:
		// continuation bytes start no unit).
		i = j
	}
	return 0, 0, false
}

// IsJoiner reports whether r is one of the code points that hold emoji
// sequences together: U+200D ZERO WIDTH JOINER, U+FE0F VARIATION
// SELECTOR-16, U+20E3 COMBINING ENCLOSING KEYCAP, the regional indicators
// U+1F1E6-U+1F1FF, the skin tone modifiers U+1F3FB-U+1F3FF and the tag
// characters U+E0020-U+E007F. Every unit of more than one code point holds
// at least one of them (TestJoiners checks it against every unit of the
// table), so in a text without any, every unit is a single code point.
func IsJoiner(r rune) bool {
	switch {
	case r < 0x200D:
		return false
	case r < 0x10000:
		return r == 0x200D || r == 0xFE0F || r == 0x20E3
	}
	return r >= 0x1F1E6 && r <= 0x1F1FF || r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F
}

// The non-ASCII bytes that start units: C2, E2, E3, EE, EF and F0 (checked
// by leadScan's initialiser).
const (
	leadC2   = 0xC2 * lsb
	leadE2E3 = 0xE2 * lsb // with the low bit cleared
	leadEEEF = 0xEE * lsb // with the low bit cleared
	leadF0   = 0xF0 * lsb
	notLow   = 0xFE * lsb
)

// leadScan reports that nextLead finds every possible start: the non-ASCII
// bytes that start units are the ones above, and every unit that starts
// with an ASCII byte goes on with one of them. The generator's table could
// change that; then Next scans byte by byte as before.
var leadScan = func() bool {
	isLead := func(b byte) bool {
		return b == 0xC2 || b&0xFE == 0xE2 || b&0xFE == 0xEE || b == 0xF0
	}
	for c := range 256 {
		if c >= 0x80 && (rootChild[c] != 0) != isLead(byte(c)) {
			return false
		}
		if c < 0x80 && rootChild[c] != 0 {
			for b := range 256 {
				if hasChild(trieNode[rootChild[c]], byte(b)) && !isLead(byte(b)) {
					return false
				}
			}
		}
	}
	return true
}()

// nextLead returns the first offset k >= i of s where a unit may start, or
// -1: a non-ASCII byte that starts units (see leadScan), or an ASCII byte
// that starts units followed by one. It looks at eight bytes at a time.
func nextLead(s string, i int) int {
	for k := i; k < len(s); {
		var m uint64
		if k+8 <= len(s) {
			v := load64(s, k)
			// Zero bytes of x mark the lead bytes; (x - lsb) &^ x marks
			// the first zero byte exactly (and later ones loosely).
			x1 := v ^ leadC2
			x2 := v&notLow ^ leadE2E3
			x3 := v&notLow ^ leadEEEF
			x4 := v ^ leadF0
			m = ((x1-lsb)&^x1 | (x2-lsb)&^x2 | (x3-lsb)&^x3 | (x4-lsb)&^x4) & msb
			if m == 0 {
				k += 8
				continue
			}
			k += bits.TrailingZeros64(m) >> 3
		}
		if b := s[k]; b == 0xC2 || b&0xFE == 0xE2 || b&0xFE == 0xEE || b == 0xF0 {
			if k > i && rootChild[s[k-1]] != 0 && s[k-1] < 0x80 {
				return k - 1
			}
			return k
		}
		k++
	}
	return -1
}

// skipNonASCII marks the non-ASCII bytes that start no unit.
var skipNonASCII = func() (t [256]bool) {
	for c := 0x80; c < 0x100; c++ {
		t[c] = rootChild[c] == 0
	}
	return t
}()

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// load64 reads s[i:i+8] as a little-endian word; the compiler turns it into
// one load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// startMask returns a word whose byte k has its top bit set if byte k of w
// may start a unit: it is non-ASCII, '#', '*' or a digit. The marks are
// exact up to the first non-ASCII byte and may be spurious after it (the
// sums below carry out of non-ASCII bytes), which is enough to find the
// first candidate with TrailingZeros.
func startMask(w uint64) uint64 {
	ge30 := w + (0x80-0x30)*lsb // top bit set where byte >= '0'
	ge3A := w + (0x80-0x3A)*lsb // top bit set where byte > '9'
	hash := w ^ '#'*lsb
	star := w ^ '*'*lsb
	// x + 0x7f has its top bit clear exactly where x is zero.
	return (w | ge30&^ge3A | ^(hash + 0x7f*lsb) | ^(star + 0x7f*lsb)) & msb
}

// match returns the byte length of the unit starting at s[i], or 0.
//
// The table (table.go) is a byte trie over the UTF-8 text of every unit,
// numbered breadth first so that the children of a node are consecutive
// and sorted by byte; trieNode describes its layout. The reference regex is
// a backtracking JS regex, which takes the first alternative that matches,
// not the longest. The generator proves that in this regex no path is ever
// beaten by a higher-priority path that is a prefix of it (it would leave
// such a path out of the table), so among the units that are prefixes of
// the text here, the longest whose lookahead holds is the regex's choice.
func match(s string, i int) int {
	n, j := first(s, i)
	if n == 0 {
		return 0
	}
	return walk(s, i, j, n)
}

// first returns the trie node reached from the root through the first
// character of s[i:], and the offset after it; node 0 means no unit starts
// that way. The characters of U+1F000-U+1FFFF and the three-byte
// characters whose lead byte starts a unit, where most units start, are
// looked up in cpNode; the others in cpSteps.
func first(s string, i int) (n uint32, j int) {
	switch c := s[i]; {
	case c == 0xf0 && i+3 < len(s) && s[i+1] == 0x9f && s[i+2]&0xc0 == 0x80 && s[i+3]&0xc0 == 0x80:
		return uint32(cpNode[int(s[i+2]&63)<<6|int(s[i+3]&63)] & (1<<14 - 1)), i + 4
	case c&0xf0 == 0xe0 && cpBlock3[c&15] != 0 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
		return uint32(cpNode[int(cpBlock3[c&15])<<12|int(s[i+1]&63)<<6|int(s[i+2]&63)] & (1<<14 - 1)), i + 3
	}
	word, size := charWord(s, i)
	if size == 0 {
		return 0, 0
	}
	return stepNode(cpStep(0, word)), i + size
}

// settle returns the length of the longest unit from s[i] among best
// and the ends in condEnd (in increasing order), each valid unless
// followed by a code point of trieCond[condK[k]].
func settle(s string, i, best int, condEnd []int, condK []uint32) int {
	for k := len(condEnd) - 1; k >= 0; k-- {
		if !followedBy(s[condEnd[k]:], trieCond[condK[k]]) {
			return condEnd[k] - i
		}
	}
	return best
}

// mayFollow reports whether the code point at s[j] may go on with a unit
// or decide a lookahead: an emoji joiner, the second code point of every
// unit of more than one (TestJoiners checks it), or a code point of a
// lookahead condition (trieCond). It may also report true for a few code
// points near those (see followWord).
func mayFollow(s string, j int) bool {
	if j+4 <= len(s) && followFast {
		// followWord looks at no byte past the character's own.
		return followWord(load32(s, j))
	}
	return mayFollowTail(s, j)
}

// mayFollowTail is mayFollow within the last three bytes of s, or when
// followWord cannot be trusted.
func mayFollowTail(s string, j int) bool {
	if !followFast {
		return mayFollowRune(s, j)
	}
	word, _ := charWordTail(s, j)
	return followWord(word)
}

// Words (UTF-8 bytes, little-endian) that followWord compares with.
const (
	wordZWJ    = 0x8d80e2 // U+200D
	wordKeycap = 0xa383e2 // U+20E3
	wordVS     = 0x8eb8ef // U+FE0E, U+FE0F (low bit of byte 2 masked)
	wordRIMod  = 0x879ff0 // U+1F1C0-U+1F1FF, U+1F3C0-U+1F3FF (bit 3 of byte 2 masked)
	wordTag    = 0xa0f3   // U+E0000-U+E0FFF
	maskVS     = 0xfeffff // keeps all but the low bit of byte 2
	maskRIMod  = 0xf7ffff // keeps all but bit 3 of byte 2
	mask3Bytes = 0xffffff // the first three bytes
	mask2Bytes = 0xffff   // the first two bytes
)

// followWord reports whether the character whose UTF-8 bytes are word
// (little-endian) is U+200D, U+20E3, U+FE0E, U+FE0F, in U+1F1C0-U+1F1FF or
// U+1F3C0-U+1F3FF (which hold the regional indicators and the skin tone
// modifiers), or in U+E0000-U+E0FFF (the tags): every joiner and, as the
// table stands, every lookahead character (followFast checks it), and a
// few others, so that mayFollow only errs on the side of walking.
func followWord(word uint32) bool {
	w3 := word & mask3Bytes
	return w3 == wordZWJ || w3 == wordKeycap || word&maskVS == wordVS ||
		word&maskRIMod == wordRIMod || word&mask2Bytes == wordTag
}

// followFast reports that followWord holds for every joiner and every code
// point of trieCond; otherwise (a regenerated table with other lookahead
// characters) mayFollow decodes the code point (mayFollowRune).
var followFast = func() bool {
	for _, r := range append(joinerRunes(), condRunes...) {
		if word, _ := charWord(string(r), 0); !followWord(word) {
			return false
		}
	}
	return true
}()

// mayFollowRune is mayFollow by the decoded code point.
func mayFollowRune(s string, j int) bool {
	r, _ := utf8.DecodeRuneInString(s[j:])
	if IsJoiner(r) {
		return true
	}
	for _, c := range condRunes {
		if r == c {
			return true
		}
	}
	return false
}

// condRunes are the code points of trieCond.
var condRunes = func() (rs []rune) {
	for _, set := range trieCond {
		for _, c := range set {
			for _, r := range c {
				rs = append(rs, r)
			}
		}
	}
	return rs
}()

// mayContinue reports whether byte b, following the first character of a
// unit, may go on with a longer unit or start a lookahead character.
func mayContinue(b byte) bool {
	return b >= 0xc0 && cpCont>>(b&63)&1 != 0
}

// hasChild reports whether trie node v has a child labelled b.
func hasChild(v uint32, b byte) bool {
	first := v & 0xffff
	switch v >> 28 & 3 {
	case 1:
		return byte(v>>16) == b
	case 2:
		return trieMask[v>>16&0xfff]&(1<<(b&63)) != 0 && (b^trieLabel[first])&0xc0 == 0
	}
	return false
}

// followedBy reports whether rest starts with one of the UTF-8 strings in set.
func followedBy(rest string, set []string) bool {
	for _, c := range set {
		if strings.HasPrefix(rest, c) {
			return true
		}
	}
	return false
}
