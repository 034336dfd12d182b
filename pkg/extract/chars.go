package extract

import "unicode/utf8"

// Character classes of twitter-text 3.1.0's URL regexp (regexp/*.js),
// rewritten as table lookups. The JS regexp runs with the non-unicode /i flag,
// so every class is matched after JS's case canonicalisation: a character
// matches when its toUpperCase (kept only when it is a single code unit and
// does not map a non-ASCII character to ASCII) equals that of a member. That
// adds a few characters outside the literal ranges, listed below; Go's (?i)
// would instead fold ſ and K (U+212A) into ASCII, which JS does not.

// ASCII class bits.
const (
	cD       uint8 = 1 << iota // validDomainChars: not punctuation, space or control-space
	cPre                       // validUrlPrecedingChars: not [A-Za-z0-9@$#]
	cPath                      // validGeneralUrlPathChars
	cPEnd                      // validUrlPathEndingChars (without balanced parens)
	cQ                         // validUrlQueryChars
	cQEnd                      // validUrlQueryEndingChars
	cA                         // validAsciiDomain label chars: [-a-z0-9]
	cTLDNext                   // may not follow a list TLD: [0-9a-z@+-]
)

// asciiClass holds the class bits of each ASCII byte; bytes from 0x80 on
// have none, so a loop over a run of ASCII class members needs no separate
// test for non-ASCII bytes (and, indexed by a byte, no bounds check).
var asciiClass = func() (t [256]uint8) {
	const punct = "!'#%&()*+,\\-./:;<=>?@[]^_{|}~$" // punct.js, plus the '/' its source adds
	for c := 0; c < 128; c++ {
		b := byte(c)
		alnum := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
		var v uint8
		if !(b >= 0x09 && b <= 0x0d || b == ' ' || indexByte(punct, b) >= 0) {
			v |= cD
		}
		if !alnum && b != '@' && b != '$' && b != '#' {
			v |= cPre
		}
		if alnum || indexByte("!*';:=+,.$/%#[]-_~@|&", b) >= 0 {
			v |= cPath
		}
		if alnum || indexByte("+-=_#/", b) >= 0 {
			v |= cPEnd
		}
		if alnum || indexByte("!?*'@();:&=+$/%#[]-_.,~|", b) >= 0 {
			v |= cQ
		}
		if alnum || indexByte("-_&=#/", b) >= 0 {
			v |= cQEnd
		}
		if alnum || b == '-' {
			v |= cA
		}
		if alnum || indexByte("@+-", b) >= 0 {
			v |= cTLDNext
		}
		t[c] = v
	}
	return t
}()

func indexByte(s string, b byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return i
		}
	}
	return -1
}

// isDomainRune reports whether the non-ASCII rune r is a validDomainChars
// character: anything but the spaces of spacesGroup.js, the invalid
// characters U+FFFE, U+FEFF, U+FFFF and the directional marks.
func isDomainRune(r rune) bool {
	switch {
	case r == 0x85 || r == 0xa0 || r == 0x1680 || r == 0x180e || r == 0x3000:
		return false
	case r >= 0x2000 && r <= 0x200f: // spaces U+2000-200A, U+200E/F marks; U+200B-D are domain chars
		return r >= 0x200b && r <= 0x200d
	case r >= 0x2028 && r <= 0x202f: // U+2028/9 spaces, U+202A-E marks, U+202F space
		return false
	case r == 0x205f || r == 0x061c || r >= 0x2066 && r <= 0x2069:
		return false
	case r == 0xfeff || r == 0xfffe || r == 0xffff:
		return false
	}
	return true
}

// isPrecedingRune reports whether the non-ASCII rune r may precede a URL
// (validUrlPrecedingChars.js): all but ＠, ＃ and the invalid characters.
func isPrecedingRune(r rune) bool {
	return r != 0xff20 && r != 0xff03 && r != 0xfeff && r != 0xfffe && r != 0xffff
}

// isLatinAccent reports whether the non-ASCII rune r matches latinAccentChars
// under JS's /i canonicalisation.
func isLatinAccent(r rune) bool {
	switch {
	case r < 0xc0:
		return false
	case r <= 0x24f:
		return r != 0xd7 && r != 0xf7
	case r <= 0x2bb:
		switch r {
		case 0x253, 0x254, 0x256, 0x257, 0x259, 0x25b, 0x263, 0x268, 0x26f, 0x272, 0x289, 0x28b, 0x2bb:
			return true
		// Not in the JS source, but their uppercase is (JS /i).
		case 0x260, 0x269, 0x275, 0x280, 0x283, 0x288, 0x28a, 0x28c, 0x292:
			return true
		}
		return false
	case r <= 0x36f:
		return r >= 0x300
	case r == 0x399 || r == 0x3b9 || r == 0x1fbe: // iota: uppercase of U+0345 (JS /i)
		return true
	case r >= 0x1e00 && r <= 0x1eff:
		return true
	}
	// Lowercase forms of U+023A, U+023E, U+023F, U+0240, U+019B (JS /i).
	return r == 0x2c65 || r == 0x2c66 || r == 0x2c7e || r == 0x2c7f || r == 0xa7dc
}

// isCyrillic reports whether the non-ASCII rune r matches the Cyrillic range
// U+0400-04FF under JS's /i canonicalisation (U+1C80-1C87 uppercase into it).
func isCyrillic(r rune) bool {
	return r >= 0x400 && r <= 0x4ff || r >= 0x1c80 && r <= 0x1c87
}

// isPathRune reports whether the non-ASCII rune r is a general path char.
func isPathRune(r rune) bool { return r == 0x2013 || isCyrillic(r) || isLatinAccent(r) }

// isPathEndRune reports whether the non-ASCII rune r may end a path.
func isPathEndRune(r rune) bool { return isCyrillic(r) || isLatinAccent(r) }

// decode returns the rune at text[i] and its size in bytes. An invalid byte
// decodes as U+FFFD of size 1, which JS would see as one code unit.
func decode(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// decodeLast returns the rune ending at text[i] (exclusive) and its size.
func decodeLast(text string, i int) (rune, int) {
	if c := text[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(text[:i])
}

// isPreceding reports whether r may be the character before a URL.
func isPreceding(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&cPre != 0
	}
	return isPrecedingRune(r)
}
