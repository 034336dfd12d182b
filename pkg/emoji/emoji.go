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
	i := max(from, 0)
	for i < len(s) {
		c := s[i]
		if rootChild[c] == 0 {
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
			}
			// Otherwise c is a continuation byte, an invalid byte or the
			// lead byte of a character no unit starts with. Skip the
			// continuation bytes that follow: they never start a unit.
			for i < len(s) && s[i]&0xC0 == 0x80 {
				i++
			}
			continue
		}
		// Every unit is at least two bytes long, and those that start
		// with ASCII (keycaps) go on with a non-ASCII byte (the generator
		// checks both). So a first byte without a matching second byte is
		// rejected here without a call: "2024", "#12", and the kana and
		// CJK punctuation whose lead byte U+3030 and U+303D share.
		if i+1 < len(s) && (c < 0x80 && s[i+1] >= 0x80 || c >= 0x80 && hasChild(trieNode[rootChild[c]], s[i+1])) {
			if n := match(s, i); n > 0 {
				return i, i + n, true
			}
		}
		i++
	}
	return 0, 0, false
}

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
	n := uint32(rootChild[s[i]])
	best := 0
	for j := i + 1; ; j++ {
		v := trieNode[n]
		if acc := v >> 30; acc != 0 && (acc == 1 || !followedBy(s[j:], trieCond[acc-2])) {
			best = j - i
		}
		if j >= len(s) {
			return best
		}
		b := s[j]
		first := v & 0xffff
		switch v >> 28 & 3 {
		case 1:
			if trieLabel[first] != b {
				return best
			}
			n = first
		case 2:
			m := trieMask[v>>16&0xfff]
			bit := uint64(1) << (b & 63)
			if m&bit == 0 || (b^trieLabel[first])&0xc0 != 0 {
				return best
			}
			n = first + uint32(bits.OnesCount64(m&(bit-1)))
		default:
			return best
		}
	}
}

// hasChild reports whether trie node v has a child labelled b.
func hasChild(v uint32, b byte) bool {
	first := v & 0xffff
	switch v >> 28 & 3 {
	case 1:
		return trieLabel[first] == b
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
