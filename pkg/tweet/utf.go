package tweet

import (
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

const hi8 = 0x8080808080808080

// load64 reads 8 bytes of s from i, little-endian (one load once compiled).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const lsb = 0x0101010101010101

// isASCII reports whether s holds only ASCII bytes, 8 bytes at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s, i)&hi8 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// countRunes counts the code points of s (valid UTF-8) and, among them, the
// astral ones (two UTF-16 units each), 8 bytes at a time. maybeInvalid is
// set when s holds a 0xEF byte, the lead byte of U+FEFF, U+FFFE and U+FFFF.
func countRunes(s string) (n, astral int, maybeInvalid bool) {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		v := load64(s, i)
		if v&hi8 == 0 {
			n += 8
			continue
		}
		cont := v &^ (v << 1) & hi8 // 10xxxxxx: continuation bytes
		four := v & (v << 1) & (v << 2) & (v << 3) & hi8
		n += 8 - bits.OnesCount64(cont)
		astral += bits.OnesCount64(four)
		x := v ^ 0xEF*lsb // a zero byte where v has 0xEF
		if (x-lsb)&^x&hi8 != 0 {
			maybeInvalid = true
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c&0xC0 != 0x80 {
			n++
		}
		if c >= 0xF0 {
			astral++
		}
		if c == 0xEF {
			maybeInvalid = true
		}
	}
	return n, astral, maybeInvalid
}

// IndexInvalid returns the byte offset in s of the first character that
// makes a Tweet invalid (U+FEFF, U+FFFE or U+FFFF, twitter-text's
// invalidCharsGroup), or -1 if there is none.
func IndexInvalid(s string) int {
	// The three are encoded EF BB BF, EF BF BE and EF BF BF.
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], 0xEF)
		if j < 0 || i+j+2 >= len(s) {
			return -1
		}
		i += j
		if b1, b2 := s[i+1], s[i+2]; b1 == 0xBB && b2 == 0xBF || b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF) {
			return i
		}
	}
}

// spanCounts is countLight for a short piece of valid UTF-8, code point by
// code point: the code points of t, the astral and the heavy ones.
func spanCounts(t string) (n, astral, heavy int) {
	for i := 0; i < len(t); n++ {
		switch c := t[i]; {
		case c < 0xE0:
			i += 1 + int(c>>7) // ASCII, or two bytes: light
		case c < 0xF0:
			if c >= 0xE3 || c >= 0xE1 && heavyE12(t, i) {
				heavy++
			}
			i += 3
		default:
			astral++
			heavy++
			i += 4
		}
	}
	return n, astral, heavy
}

// skipRunes returns the byte offset j of s after the first k code points
// from byte i (valid UTF-8), or stop if s[i:stop] holds fewer; n is the
// number of code points skipped and units their UTF-16 length. Whole
// words of 8 bytes go at once while the code points that start in them
// fit in k.
func skipRunes(s string, i, stop, k int) (j, n, units int) {
	astral := 0
	j = i
	for ; j+8 <= stop; j += 8 {
		v := load64(s, j)
		cont := v &^ (v << 1) & hi8 // 10xxxxxx: continuation bytes
		lead := 8 - bits.OnesCount64(cont)
		if n+lead > k {
			break
		}
		n += lead
		astral += bits.OnesCount64(v & (v << 1) & (v << 2) & (v << 3) & hi8)
	}
	// Byte by byte: past the continuation bytes of a code point already
	// counted, and up to the start of code point k+1.
	for ; j < stop; j++ {
		if c := s[j]; c&0xC0 != 0x80 {
			if n == k {
				break
			}
			n++
			if c >= 0xF0 {
				astral++
			}
		}
	}
	return j, n, n + astral
}

// dropRunesBack is skipRunes from the end: it returns the byte offset j
// (i <= j <= stop, on a code point boundary of s, valid UTF-8) such that
// s[j:stop] holds n code points, k or, when s[i:stop] holds fewer, all of
// them (j is then i), and the number of astral code points (two UTF-16
// code units each) in s[j:stop], counted only if mayAstral is set (else
// it reports none).
// It reads 16 bytes, then 8, at a time while more than those bytes' code
// points are left to skip, and finds the last one in a word by its bits.
// (0 <= i <= stop <= len(s).)
func dropRunesBack(s string, i, stop, k int, mayAstral bool) (j, n, astral int) {
	if i < 0 || stop > len(s) {
		panic("dropRunesBack: out of range")
	}
	j, left := stop, k
	for j-16 >= i {
		v, u := load64u(s, j-8), load64u(s, j-16)
		cont := v&^(v<<1)&hi8 | (u&^(u<<1)&hi8)>>7 // continuation bytes (10xxxxxx), u's as bit 0s
		starts := 16 - bits.OnesCount64(cont)
		if starts >= left {
			break
		}
		left -= starts
		if mayAstral {
			astral += bits.OnesCount64(v&(v<<1)&(v<<2)&(v<<3)&hi8 | (u&(u<<1)&(u<<2)&(u<<3)&hi8)>>7)
		}
		j -= 16
	}
	for j-8 >= i {
		v := load64u(s, j-8)
		starts := hi8 &^ (v &^ (v << 1)) // bit 7 of the bytes that start a code point
		if c := bits.OnesCount64(starts); c < left {
			left -= c
			if mayAstral {
				astral += bits.OnesCount64(v & (v << 1) & (v << 2) & (v << 3) & hi8)
			}
			j -= 8
			continue
		}
		if left == 0 {
			break
		}
		// The code point to stop at starts in this word: drop the starts
		// above it, the highest first.
		for ; left > 1; left-- {
			starts &^= 1 << (63 - bits.LeadingZeros64(starts))
		}
		b := 63 - bits.LeadingZeros64(starts) // bit 7 of its first byte
		if mayAstral {
			astral += bits.OnesCount64(v & (v << 1) & (v << 2) & (v << 3) & hi8 >> b << b)
		}
		return j - 8 + b>>3, k, astral
	}
	for j > i && left > 0 {
		j--
		if c := s[j]; c&0xC0 != 0x80 {
			left--
			if c >= 0xF0 && mayAstral {
				astral++
			}
		}
	}
	return j, k - left, astral
}

// advanceRunes returns the byte offset of s k code points after byte i, and
// the UTF-16 length of those code points.
func advanceRunes(s string, i, k int) (j, units int) {
	j = i
	for ; k > 0 && j < len(s); k-- {
		c := s[j]
		switch {
		case c < 0x80:
			j++
		case c < 0xE0:
			j += 2
		case c < 0xF0:
			j += 3
		default:
			j += 4
			units++
		}
		units++
	}
	return j, units
}

// utf16Len returns the length of s in UTF-16 code units. s must be valid
// UTF-8 (see utf16LenAny).
func utf16Len(s string) int {
	n, astral, _ := countRunes(s)
	return n + astral
}

// utf16LenAny is utf16Len for any bytes: each byte of invalid UTF-8 counts
// as one unit, as U+FFFD would.
func utf16LenAny(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			n++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
		if size == 4 {
			n++
		}
	}
	return n
}

// repairUTF8 replaces every byte of s that is not part of a valid UTF-8
// sequence with U+FFFD, one replacement per byte.
func repairUTF8(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// safeCut returns the largest byte offset p <= fit of s that is both a
// grapheme-cluster boundary and a unit boundary (so not inside a URL or an
// emoji unit). w is the walker that walked s under cfg and found fit, or
// nil when there were no units to walk.
//
// It restarts grapheme segmentation shortly before fit when it can (see
// restartBefore) and checks unit boundaries against the units the walk
// recorded; otherwise it walks again from the start, in O(fit).
func safeCut(s string, fit int, w *walker, cfg *Config) int {
	// fit is a unit boundary. Before an ASCII code point there is a grapheme
	// boundary unless it is the LF of a CR LF or follows a Prepend
	// character (never ASCII): the common case needs no walk.
	if fit > 0 && fit < len(s) && s[fit] < utf8.RuneSelf && s[fit-1] < utf8.RuneSelf && (s[fit] != '\n' || s[fit-1] != '\r') {
		return fit
	}
	// Nor between two plain code points (letters of most scripts, CJK,
	// punctuation).
	if fit > 0 && fit < len(s) && plainBoundary(s, fit) {
		return fit
	}
	if q := restartBefore(s, fit); q > 0 && (w == nil || w.spansKnownFrom(q)) {
		best := -1
		for g, state := q, -1; g <= fit; {
			if w == nil || !w.insideSpan(g) {
				best = g
			}
			if g == len(s) {
				break
			}
			g, state = nextGrapheme(s, g, state)
		}
		if best >= 0 {
			return best
		}
	}
	return safeCutFromStart(s, fit, cfg)
}

// restartBefore returns a byte offset q <= fit, at most 256 bytes before
// it, where grapheme segmentation can start afresh: q holds an ASCII code
// point other than LF and is a boundary whatever came before (the code
// point before q is not a Prepend character or CR). It returns 0 if there
// is none.
func restartBefore(s string, fit int) int {
	for q := min(fit, len(s)-1); q > 0 && q >= fit-256; q-- {
		if c := s[q]; c >= utf8.RuneSelf || c == '\n' {
			continue
		}
		if p := s[q-1]; p < utf8.RuneSelf {
			if p != '\r' {
				return q
			}
			continue
		}
		p, size := utf8.DecodeLastRuneInString(s[:q])
		if plainGrapheme(p) {
			return q // q holds a plain code point too
		}
		if c, _, _, _ := uniseg.FirstGraphemeClusterInString(s[q-size:q+1], -1); len(c) == size {
			return q
		}
	}
	return 0
}

// safeCutFromStart is safeCut by walking units and grapheme clusters in
// lockstep from the start of s.
func safeCutFromStart(s string, fit int, cfg *Config) int {
	var w walker
	w.init(s, cfg, nil)
	g, state := 0, -1 // next grapheme boundary
	best := 0
	for g <= fit && w.i <= fit {
		switch {
		case g == w.i && !w.lowHalf:
			best = g
			if g == fit || g == len(s) {
				return best
			}
			g, state = nextGrapheme(s, g, state)
			w.step()
		case g <= w.i:
			g, state = nextGrapheme(s, g, state)
		default:
			w.step()
		}
	}
	return best
}

// nextGrapheme returns the end of the grapheme cluster that starts at byte
// offset i of s, with uniseg's state for the next call.
func nextGrapheme(s string, i, state int) (int, int) {
	// Between two ASCII bytes other than CR LF there is always a boundary,
	// and uniseg's state may start afresh after it.
	if c := s[i]; c < utf8.RuneSelf && c != '\r' && (i+1 == len(s) || s[i+1] < utf8.RuneSelf) {
		return i + 1, -1
	}
	// Nor after a plain code point followed by one (see plainGrapheme).
	if r, size := utf8.DecodeRuneInString(s[i:]); plainGrapheme(r) && (i+size == len(s) || plainBoundary(s, i+size)) {
		return i + size, -1
	}
	cluster, _, _, state := uniseg.FirstGraphemeClusterInString(s[i:], state)
	return i + len(cluster), state
}

// countLight is countRunes for the weights of lightRanges (V2 and V3): it
// also counts the heavy code points of s (valid UTF-8), those outside
// every light range: U+1100-U+1FFF, U+2000-U+2FFF but the light
// punctuation, everything from U+3000 on, and every astral code point
// (looked up by its low surrogate, see runeWeight). Leads E3-F4 are heavy
// wherever they are, E0 never; a word holding an E1 or E2 lead has those
// classified by their next bytes.
func countLight(s string) (n, astral, heavy int, maybeInvalid bool) {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// No shortcut for ASCII words: in mixed text it would be a branch
		// the processor cannot predict.
		v := load64(s, i)
		cont := v &^ (v << 1) & hi8     // 10xxxxxx: continuation bytes
		top3 := v & (v << 1) & (v << 2) // bit 7 set where the byte is >= E0
		four := top3 & (v << 3) & hi8
		// >= E3: E0 plus at least 3 in the low five bits.
		ge3 := top3 & (v<<3 | v<<4 | v<<5 | v<<6&(v<<7)) & hi8
		n += 8 - bits.OnesCount64(cont)
		astral += bits.OnesCount64(four)
		heavy += bits.OnesCount64(ge3)
		if e12 := top3 &^ ge3 & (v<<6 | v<<7) & hi8; e12 != 0 {
			for ; e12 != 0; e12 &= e12 - 1 {
				if heavyE12(s, i+bits.TrailingZeros64(e12)>>3) {
					heavy++
				}
			}
		}
		x := v ^ 0xEF*lsb // a zero byte where v has 0xEF
		if (x-lsb)&^x&hi8 != 0 {
			maybeInvalid = true
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c&0xC0 != 0x80 {
			n++
		}
		switch {
		case c >= 0xF0:
			astral++
			heavy++
		case c >= 0xE3:
			heavy++
			if c == 0xEF {
				maybeInvalid = true
			}
		case c == 0xE1 || c == 0xE2:
			if heavyE12(s, i) {
				heavy++
			}
		}
	}
	return n, astral, heavy, maybeInvalid
}

// heavyE12 reports whether the code point at s[i], whose lead byte is E1
// or E2, is outside lightRanges: U+1100-U+1FFF, or U+2000-U+2FFF but
// U+2000-U+200D, U+2010-U+201F and U+2032-U+2037.
func heavyE12(s string, i int) bool {
	if i+2 >= len(s) {
		return false // a truncated encoding (countLight's caller checks UTF-8)
	}
	if s[i] == 0xE1 {
		return s[i+1] >= 0x84
	}
	if s[i+1] != 0x80 {
		return true
	}
	c := s[i+2]
	return !(c <= 0x8D || c >= 0x90 && c <= 0x9F || c >= 0xB2 && c <= 0xB7)
}
