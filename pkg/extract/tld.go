package extract

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf8"
)

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
	e, ok, _ := matchTLDRun(text, i, limit)
	return e, ok
}

// matchTLDRun is matchTLD that also returns a count of ASCII letters that
// text[i:limit] starts with (all of them, or 16 when there are more; 0 if
// it starts with something else), which the lookup of an ASCII TLD finds
// on the way: matchDomainFrom need not read them again to find the end of
// the label.
func matchTLDRun(text string, i, limit int) (end int, ok bool, letters int) {
	if i < limit && text[i] < utf8.RuneSelf {
		e, ok, done, n := matchASCIITLD(text, i, limit)
		if done {
			return e, ok, n
		}
		e, ok = matchTrieTLD(text, i, limit)
		return e, ok, n
	}
	e, ok := matchTrieTLD(text, i, limit)
	return e, ok, 0
}

// matchTrieTLD is matchTLD through the trie, for a TLD that may hold
// non-ASCII characters.
func matchTrieTLD(text string, i, limit int) (int, bool) {
	if i >= limit {
		return 0, false
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
//
// The run is found eight bytes at a time (letterMask) and, when at most 16
// bytes long, looked up by its lowercased bytes in tldShort or tldLong (see
// tldWordsHas); longer runs go to matchLongASCIITLD. It also returns the
// length n of the run, cut at limit (16 for a longer one).
func matchASCIITLD(text string, i, limit int) (end int, ok, done bool, n int) {
	var lo, hi uint64
	if i <= len(text)-8 {
		lo = load64(text, i)
	} else {
		lo = loadTail(text, i)
	}
	n = bits.TrailingZeros64(^letterMask(lo)&msb) >> 3
	if n == 8 {
		hi = loadTail(text, i+8)
		n += bits.TrailingZeros64(^letterMask(hi)&msb) >> 3
		if n == 16 && limit-i > 16 {
			end, ok, done = matchLongASCIITLD(text, i, limit)
			return end, ok, done, n
		}
	}
	n = min(n, limit-i)
	j := i + n
	if j < limit && text[j] >= utf8.RuneSelf {
		return 0, false, false, n
	}
	if n > 0 && tldEndOK(text, j, limit) {
		if n <= 8 {
			if shortTLD((lo | 0x20*lsb) & (1<<(8*n) - 1)) {
				return j, true, true, n
			}
		} else if tldWordsHas(lo, hi, n) {
			return j, true, true, n
		}
	}
	if n != 2 {
		return 0, false, true, n // punycode starts with two letters, "xn", and '-'
	}
	end, ok = matchPunycodeTLD(text, i, limit)
	return end, ok, true, n
}

// loadTail returns text[i:i+8] as a little-endian word, zero bytes standing
// for those past the end of text.
func loadTail(text string, i int) uint64 {
	if i <= len(text)-8 {
		return load64(text, i)
	}
	var w uint64
	for k := len(text) - 1; k >= i; k-- {
		w = w<<8 | uint64(text[k])
	}
	return w
}

// letterMask returns the high bit of each byte of w that is an ASCII letter.
func letterMask(w uint64) uint64 {
	t := (w | 0x20*lsb) &^ msb // lowercase; bytes from 0x80 on are cleared below
	ge := t + (0x80-'a')*lsb   // high bit set from 'a' on, without carry
	gt := t + (0x7f-'z')*lsb   // high bit set past 'z'
	return ge &^ gt &^ w & msb
}

// tldWordsHas reports whether the n (1 to 16) ASCII letters whose bytes are
// the little-endian words lo and hi (bytes 0-7 and 8-15; bytes past n are
// ignored) are an ASCII list TLD, ignoring case.
func tldWordsHas(lo, hi uint64, n int) bool {
	if n <= 8 {
		return shortTLD((lo | 0x20*lsb) & (1<<(8*n) - 1)) // n == 8: the shift gives 0, the mask all ones
	}
	k0, k1 := lo|0x20*lsb, (hi|0x20*lsb)&(1<<(8*(n-8))-1)
	home := int((k0 ^ k1*tldHashMul) * tldHashMul >> (64 - tldLongBits))
	if tldLongHome[home>>6]&(1<<(home&63)) == 0 {
		return false // as tldHome for tldShort
	}
	const mask = len(tldLong) - 1
	for slot := home; ; slot = (slot + 1) & mask {
		switch e := &tldLong[slot]; {
		case e[0] == k0 && e[1] == k1:
			return true
		case e[0] == 0:
			return false
		}
	}
}

// shortTLD reports whether key, 1 to 8 lowercase ASCII letters as a
// little-endian word zero-padded, is an ASCII list TLD. The common TLDs
// are found in tldHot, one cache line among eight; most other words are
// told apart by tldHome, 512 bytes; only the rest read tldShort, whose
// 32 KB the texts streamed through the caches keep evicting.
func shortTLD(key uint64) bool {
	h := key * tldHashMul
	if tldHot[h>>(64-tldHotBits)] == key {
		return true
	}
	home := int(h >> (64 - tldShortBits))
	if tldHome[home>>6]&(1<<(home&63)) == 0 {
		return false
	}
	const mask = len(tldShort) - 1
	for slot := home; tldShort[slot] != 0; slot = (slot + 1) & mask {
		if tldShort[slot] == key {
			return true
		}
	}
	return false
}

// tldHotNames are the ASCII TLDs most URLs end with, the first ones first:
// tldHot keeps each unless one before it took its slot.
var tldHotNames = []string{
	"com", "org", "net", "co", "uk", "io", "de", "jp", "ly", "be", "me", "tv",
	"us", "ru", "br", "fr", "it", "in", "au", "nl", "es", "ca", "ch", "cn",
	"kr", "pl", "se", "dev", "app", "edu", "gov", "info", "ai", "gg", "xyz",
}

// tldHot holds the words of tldHotNames, each at the top tldHotBits bits
// of its hash, or 0. Only names of tldASCIINames of up to 8 bytes go in.
var tldHot = func() (t [1 << tldHotBits]uint64) {
	for _, name := range tldHotNames {
		if len(name) > 8 || !slices.Contains(tldASCIINames[:], name) {
			continue
		}
		var b [8]byte
		copy(b[:], name)
		key := binary.LittleEndian.Uint64(b[:])
		if slot := key * tldHashMul >> (64 - tldHotBits); t[slot] == 0 {
			t[slot] = key
		}
	}
	return t
}()

// tldHome has bit k set when some word of tldShort hashes to slot k
// (before probing): a word whose home slot has none is no TLD.
var tldHome = func() (t [len(tldShort) / 64]uint64) {
	for _, name := range tldASCIINames {
		if len(name) > 8 {
			continue
		}
		var b [8]byte
		copy(b[:], name)
		home := binary.LittleEndian.Uint64(b[:]) * tldHashMul >> (64 - tldShortBits)
		t[home>>6] |= 1 << (home & 63)
	}
	return t
}()

// tldLongHome is tldHome for tldLong.
var tldLongHome = func() (t [len(tldLong) / 64]uint64) {
	for _, name := range tldASCIINames {
		if len(name) <= 8 || len(name) > tldWordMaxLen {
			continue
		}
		var b [16]byte
		copy(b[:], name)
		k0, k1 := binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
		home := (k0 ^ k1*tldHashMul) * tldHashMul >> (64 - tldLongBits)
		t[home>>6] |= 1 << (home & 63)
	}
	return t
}()

const (
	tldHotBits    = 6                  // 64 slots of tldHot
	tldHashMul    = 0x9e3779b97f4a7c15 // odd multiplier of the word hashes
	tldShortBits  = 12                 // 4096 slots for 1283 TLDs of 1 to 8 bytes
	tldLongBits   = 9                  // 512 slots for 136 TLDs of 9 to 16 bytes
	tldWordMaxLen = 16
)

// tldShort and tldLong are open-addressing tables (linear probing, 0 for
// empty) of the ASCII TLDs of tldASCIINames as lowercase little-endian
// words, zero-padded: tldShort those of up to 8 bytes, tldLong those of 9
// to 16 as two words. Longer ones are only in tldASCIIHash.
var tldShort, tldLong = func() (short [1 << tldShortBits]uint64, long [1 << tldLongBits][2]uint64) {
	for _, name := range tldASCIINames {
		if len(name) > tldWordMaxLen {
			continue
		}
		var b [16]byte
		copy(b[:], name)
		k0, k1 := binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
		if len(name) <= 8 {
			slot := int(k0*tldHashMul>>(64-tldShortBits)) & (len(short) - 1)
			for short[slot] != 0 {
				slot = (slot + 1) & (len(short) - 1)
			}
			short[slot] = k0
			continue
		}
		slot := int((k0^k1*tldHashMul)*tldHashMul>>(64-tldLongBits)) & (len(long) - 1)
		for long[slot][0] != 0 {
			slot = (slot + 1) & (len(long) - 1)
		}
		long[slot] = [2]uint64{k0, k1}
	}
	return
}()

// matchLongASCIITLD is matchASCIITLD for a run of more than 16 letters (or
// one that reaches limit), through tldASCIIHash.
func matchLongASCIITLD(text string, i, limit int) (end int, ok, done bool) {
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
