package emoji

import "math/bits"

// The code point steps of the trie. The byte trie of table.go is walked
// here a whole character at a time: cpSteps maps (node, character) to the
// node reached after the character's UTF-8 bytes, for every node where a
// character starts (the root and the end of every complete character of a
// unit). The character is keyed by its UTF-8 bytes, not by its code point,
// so that a step matches exactly the bytes the byte trie would: an
// overlong or otherwise invalid encoding matches no key, as it matches no
// path of the byte trie. Units end only between characters (the generator
// checks it), so the walk by character accepts exactly where the walk by
// byte does.
//
// The table is built once from trieNode at init: open addressing, linear
// probing, a fixed size so that a slot needs no bounds check (the 3147
// units of the pinned regex take 4050 steps, a load of one half; init
// panics past three quarters, which TestCPSteps would show). Each entry
// packs
//
//	bits  0-31  the character's UTF-8 bytes, little-endian (unused bytes 0)
//	bits 32-45  the node the character leaves from
//	bits 46-59  the node it reaches (never 0)
//
//	bits 60-63  what trieNode says of that node: bits 60-61 whether it
//	            has children (0 none), bits 62-63 whether a unit ends
//	            there (as trieNode's bits 30-31)
//
// and an empty slot is 0.
var cpSteps = buildCPSteps()

const (
	cpSlotBits = 13
	cpSlots    = 1 << cpSlotBits

	cpNodeBits = 14
	cpKeyMask  = 1<<(32+cpNodeBits) - 1
	cpToShift  = 32 + cpNodeBits
	cpToMask   = 1<<cpNodeBits - 1
)

// utf8Len gives the length in bytes of the UTF-8 encoding a byte leads
// (1 for ASCII and, so that the step fails cheaply, for continuation and
// invalid bytes).
var utf8Len = func() (t [256]uint8) {
	for b := range t {
		switch {
		case b >= 0xF0:
			t[b] = 4
		case b >= 0xE0:
			t[b] = 3
		case b >= 0xC0:
			t[b] = 2
		default:
			t[b] = 1
		}
	}
	return t
}()

// children returns the first child of trie node n and how many it has.
func children(n uint32) (first, count uint32) {
	v := trieNode[n]
	switch v >> 28 & 3 {
	case 1:
		return v & 0xffff, 1
	case 2:
		return v & 0xffff, uint32(bits.OnesCount64(trieMask[v>>16&0xfff]))
	}
	return 0, 0
}

// buildCPSteps builds cpSteps from the byte trie (see cpSteps).
func buildCPSteps() *[cpSlots]uint64 {
	if len(trieNode) >= 1<<cpNodeBits {
		panic("emoji: trie too large for cpSteps")
	}
	type step struct {
		from, to uint32
		word     uint32
	}
	var steps []step
	// from walks the characters that leave from node n (a character
	// boundary): the bytes of one character, then records the step.
	var from func(n uint32)
	var char func(start, n uint32, word uint32, got, size int)
	char = func(start, n uint32, word uint32, got, size int) {
		if got > 0 && got == size {
			steps = append(steps, step{start, n, word})
			from(n)
			return
		}
		if got > 0 && trieNode[n]>>30 != 0 {
			panic("emoji: a unit ends inside a character")
		}
		first, count := children(n)
		for c := first; c < first+count; c++ {
			b := trieLabel[c]
			sz := size
			if got == 0 {
				sz = int(utf8Len[b])
			}
			char(start, c, word|uint32(b)<<(8*got), got+1, sz)
		}
	}
	from = func(n uint32) { char(n, n, 0, 0, 0) }
	// The root's children are in rootChild, not in trieNode[0].
	for b := range 256 {
		if c := uint32(rootChild[b]); c != 0 {
			char(0, c, uint32(b), 1, int(utf8Len[b]))
		}
	}
	if len(steps) > cpSlots*3/4 {
		panic("emoji: too many character steps for cpSteps")
	}
	tab := new([cpSlots]uint64)
	for _, st := range steps {
		key := uint64(st.word) | uint64(st.from)<<32
		h := cpHash(key)
		for tab[h] != 0 {
			h = (h + 1) % cpSlots
		}
		tab[h] = key | uint64(st.to)<<cpToShift | uint64(trieNode[st.to]>>28)<<60
	}
	return tab
}

// cpHash is the slot where key's probe starts.
func cpHash(key uint64) uint64 {
	return key * 0x9E3779B97F4A7C15 >> (64 - cpSlotBits)
}

// cpStep returns the entry of cpSteps for the step from node n (a
// character boundary) by the character whose UTF-8 bytes are word
// (little-endian, unused bytes 0), or 0 when no unit goes on that way.
func cpStep(n uint32, word uint32) uint64 {
	key := uint64(word) | uint64(n)<<32
	for h := cpHash(key); ; h = (h + 1) % cpSlots {
		e := cpSteps[h]
		if e&cpKeyMask == key || e == 0 {
			return e
		}
	}
}

// stepNode is the node an entry of cpSteps reaches (0 for no entry).
func stepNode(e uint64) uint32 { return uint32(e>>cpToShift) & cpToMask }

// charWord returns the UTF-8 bytes of the character at s[j] (j < len(s))
// as a little-endian word, unused bytes 0, and its length in bytes as its
// first byte tells. When s ends before that length, size is 0 (no unit
// goes on with a cut character).
func charWord(s string, j int) (word uint32, size int) {
	if j+4 <= len(s) {
		size = int(utf8Len[s[j]])
		return load32(s, j) & (1<<(8*size) - 1), size
	}
	return charWordTail(s, j)
}

// charWordTail is charWord within the last three bytes of s.
func charWordTail(s string, j int) (word uint32, size int) {
	size = int(utf8Len[s[j]])
	if j+size > len(s) {
		return 0, 0
	}
	for k := size - 1; k >= 0; k-- {
		word = word<<8 | uint32(s[j+k])
	}
	return word, size
}

// walk goes on down the trie from node n (n != 0, a character boundary),
// reached at s[j] from a unit start at s[i], a character at a time, and
// returns the length in bytes of the unit matched, or 0.
//
// The ends with a lookahead condition met on the way are checked once the
// walk is over, longest first, so that the loop makes no call.
func walk(s string, i, j int, n uint32) int {
	best := 0
	var condEnd [4]int // ends past best with a condition, in order
	var condK [4]uint32
	nc := 0
	flags := trieNode[n] >> 28 // as bits 60-63 of cpSteps' entries
	for {
		if acc := flags >> 2; acc == 1 {
			best, nc = j-i, 0
		} else if acc != 0 {
			if nc == len(condEnd) {
				best, nc = settle(s, i, best, condEnd[:], condK[:]), 0
			}
			condEnd[nc], condK[nc] = j, acc-2
			nc++
		}
		if j >= len(s) || flags&3 == 0 {
			break
		}
		// charWord, by hand: it is too big to inline.
		var word uint32
		var size int
		if j+4 <= len(s) {
			size = int(utf8Len[s[j]])
			word = load32(s, j) & (1<<(8*size) - 1)
		} else {
			word, size = charWordTail(s, j)
		}
		e := cpStep(n, word)
		if e == 0 || size == 0 {
			break
		}
		n, flags = stepNode(e), uint32(e>>60)
		j += size
	}
	if nc > 0 {
		best = settle(s, i, best, condEnd[:nc], condK[:nc])
	}
	return best
}

// load32 reads s[i:i+4] as a little-endian word; the compiler turns it into
// one load.
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}
