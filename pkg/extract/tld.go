package extract

import "unicode/utf8"

// tldNode is one node of the generated TLD trie (tlds_table.go).
type tldNode struct {
	first uint16 // index of the node's first edge in tldEdges
	n     uint16 // number of edges
	rank  int16  // position in twitter-text's TLD alternation, -1 if no TLD ends here
}

// tldEdge is a trie edge labelled with one byte of a lowercase TLD.
type tldEdge struct {
	b    byte
	next uint16
}

// child returns the node reached from node n by byte b, or -1.
func child(n int, b byte) int {
	nd := &tldNodes[n]
	lo, hi := int(nd.first), int(nd.first)+int(nd.n)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if tldEdges[m].b < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < int(nd.first)+int(nd.n) && tldEdges[lo].b == b {
		return int(tldEdges[lo].next)
	}
	return -1
}

// foldTLDRune maps a non-ASCII rune to the case variant used in the trie.
func foldTLDRune(r rune) rune {
	if len(tldFold) == 0 || r < tldFold[0][0] || r > tldFold[len(tldFold)-1][0] {
		return r
	}
	lo, hi := 0, len(tldFold)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if tldFold[m][0] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(tldFold) && tldFold[lo][0] == r {
		return tldFold[lo][1]
	}
	return r
}

// matchTLD matches twitter-text's TLD alternation at text[i:limit]: first the
// generic and country lists, each followed by the lookahead
// (?=[^0-9a-z@+-]|$) (case-insensitive, "$" being limit), taking the
// alternative that comes first in the list when several fit; then punycode
// xn--[-0-9a-z]+ (greedy, no lookahead). It returns the end of the TLD in bytes.
// ASCII TLDs are looked up in a hash table, the others in the trie.
func matchTLD(text string, i, limit int) (int, bool) {
	if i >= limit {
		return 0, false
	}
	if c := text[i]; c < utf8.RuneSelf {
		if e, ok, done := matchASCIITLD(text, i, limit); done {
			return e, ok
		}
	}
	n, best, bestRank := 0, -1, int16(0x7fff)
	var enc [utf8.UTFMax]byte
	for j := i; j < limit; {
		c := text[j]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if n = child(n, c); n < 0 {
				break
			}
			j++
		} else {
			r, size := utf8.DecodeRuneInString(text[j:limit])
			k := utf8.EncodeRune(enc[:], foldTLDRune(r))
			for x := 0; x < k && n >= 0; x++ {
				n = child(n, enc[x])
			}
			if n < 0 {
				break
			}
			j += size
		}
		if rk := tldNodes[n].rank; rk >= 0 && rk < bestRank && tldEndOK(text, j, limit) {
			best, bestRank = j, rk
		}
	}
	if best >= 0 {
		return best, true
	}
	return matchPunycodeTLD(text, i, limit)
}

// matchPunycodeTLD matches validPunycode at text[i:limit].
func matchPunycodeTLD(text string, i, limit int) (int, bool) {
	// validPunycode: xn--[\-0-9a-z]+
	if limit-i > 4 && (text[i]|0x20) == 'x' && (text[i+1]|0x20) == 'n' && text[i+2] == '-' && text[i+3] == '-' {
		j := i + 4
		for j < limit && isPunyChar(text[j]) {
			j++
		}
		if j > i+4 {
			return j, true
		}
	}
	return 0, false
}

func isPunyChar(c byte) bool {
	return c < utf8.RuneSelf && (asciiClass[c]&cA != 0)
}

// tldEndOK is the lookahead after a list TLD ending at j.
func tldEndOK(text string, j, limit int) bool {
	if j >= limit {
		return true
	}
	c := text[j]
	return c >= utf8.RuneSelf || asciiClass[c]&cTLDNext == 0
}

// matchASCIITLD is matchTLD at an ASCII character. An ASCII list TLD must be
// followed by a non-letter, so it can only be the whole run of ASCII letters
// starting at i. If that run is followed by a non-ASCII character, a TLD such
// as vermögensberater may match instead, and done is false: the caller walks
// the trie.
func matchASCIITLD(text string, i, limit int) (end int, ok, done bool) {
	h := uint32(2166136261)
	j := i
	for ; j < limit; j++ {
		c := text[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		} else if c < 'a' || c > 'z' {
			break
		}
		h ^= uint32(c)
		h *= 16777619
	}
	if j < limit && text[j] >= utf8.RuneSelf {
		return 0, false, false
	}
	if n := j - i; n > 0 && n <= tldASCIIMaxLen && tldEndOK(text, j, limit) {
		const mask = uint32(len(tldASCIIHash) - 1)
		for slot := h & mask; tldASCIIHash[slot] != 0; slot = (slot + 1) & mask {
			if name := tldASCIINames[tldASCIIHash[slot]-1]; len(name) == n && equalFoldASCII(text[i:j], name) {
				return j, true, true
			}
		}
	}
	end, ok = matchPunycodeTLD(text, i, limit)
	return end, ok, true
}

// equalFoldASCII reports whether s equals the lowercase ASCII name, ignoring
// ASCII case; s holds only ASCII letters.
func equalFoldASCII(s, name string) bool {
	for k := 0; k < len(s); k++ {
		if s[k]|0x20 != name[k] {
			return false
		}
	}
	return true
}
