package tweet

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// The package has its own NFC normaliser, exact to Unicode's definition
// (UAX #15: canonical decomposition, canonical ordering, canonical
// composition), because the reference, JavaScript's String.prototype.
// normalize of ICU, is exact: golang.org/x/text's norm implements the
// Stream-Safe Text Format on top and inserts U+034F COMBINING GRAPHEME
// JOINER after 30 non-starters, which changes such texts. The data comes
// from x/text's tables (see gen_nfc.go and nfc_table.go), so the Unicode
// version is x/text's (nfcVersion).

// Bits of nfcProps; keep in sync with gen_nfc.go.
const (
	pCCC    = 0xFF   // canonical combining class
	pNo     = 1 << 8 // NFC_Quick_Check=No: never in NFC
	pMaybe  = 1 << 9 // NFC_Quick_Check=Maybe: second rune of a composition pair
	pDecomp = 1 << 10
	pFirst  = 1 << 11 // first rune of a (non-Hangul) composition pair

	// pQuick are the properties the quick check looks at: a code point
	// without them is a starter that no normalisation changes and that
	// nothing before it interacts with (a segment boundary).
	pQuick = pCCC | pNo | pMaybe
)

// Hangul composition constants (Unicode §3.12).
const (
	hangulBase  = 0xAC00
	hangulCount = 11172
	jamoLBase   = 0x1100
	jamoLCount  = 19
	jamoVBase   = 0x1161
	jamoVCount  = 21
	jamoTBase   = 0x11A7 // one before the first T
	jamoTCount  = 28
)

// props returns the nfcProps of r (a valid code point).
func props(r rune) uint16 {
	return nfcPropsBlocks[nfcPropsIndex[r>>nfcBlockBits]][r&(1<<nfcBlockBits-1)]
}

func extra(r rune) uint32 {
	return nfcExtraBlocks[nfcExtraIndex[r>>nfcBlockBits]][r&(1<<nfcBlockBits-1)]
}

// decomposition returns the full canonical decomposition of r, whose
// props have pDecomp.
func decomposition(r rune) []rune {
	e := extra(r)
	at := e & (1<<13 - 1)
	return nfcDecomp[at : at+(e>>13)&7]
}

// compose returns the primary composite of a and b, or -1.
func compose(a, b rune) rune {
	if uint32(a-jamoLBase) < jamoLCount {
		if v := b - jamoVBase; uint32(v) < jamoVCount {
			return hangulBase + (rune(a-jamoLBase)*jamoVCount+v)*jamoTCount
		}
		return -1
	}
	if s := a - hangulBase; uint32(s) < hangulCount {
		if t := b - jamoTBase; s%jamoTCount == 0 && t > 0 && t < jamoTCount {
			return a + t
		}
		return -1
	}
	if props(a)&pFirst == 0 || props(b)&pMaybe == 0 {
		return -1
	}
	fi := extra(a) >> 16
	seconds := nfcCompSecond[nfcCompStart[fi]:nfcCompStart[fi+1]]
	for i, s := range seconds {
		if s == b {
			return nfcCompResult[int(nfcCompStart[fi])+i]
		}
		if s > b {
			break
		}
	}
	return -1
}

// textClass is what classify learns about a text in one pass.
type textClass uint8

const (
	textNFC         textClass = iota // valid UTF-8, in NFC
	textMaybeNotNFC                  // valid UTF-8 that may not be in NFC
	textInvalidUTF8                  // not valid UTF-8
)

// classify checks, in one pass, that s is valid UTF-8 and whether the NFC
// quick check (UAX #15 §9) proves it is in NFC: no code point is
// NFC_Quick_Check=No, non-starters are in canonical order, and each
// NFC_Quick_Check=Maybe code point provably does not compose (see
// maybeComposes). ASCII is skipped 8 bytes at a time.
func classify(s string) textClass {
	var prev uint16 // ccc of the previous code point
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			for i+8 <= len(s) && load64(s, i)&hi8 == 0 {
				i += 8
			}
			prev = 0
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return textInvalidUTF8
		}
		p := props(r) & pQuick
		if p != 0 {
			c := p & pCCC
			if p&pNo != 0 || c != 0 && c < prev ||
				p&pMaybe != 0 && maybeComposes(s, i, r, c, prev) {
				if !utf8.ValidString(s[i+size:]) {
					return textInvalidUTF8
				}
				return textMaybeNotNFC
			}
			prev = c
		} else {
			prev = 0
		}
		i += size
	}
	return textNFC
}

// maybeComposes reports whether r, an NFC_Quick_Check=Maybe code point of
// ccc c at s[i:], may compose with what precedes it in the quick-checked
// (canonically ordered, QC≠No) prefix s[:i], whose last code point has ccc
// prev. It errs on the side of true.
//
// r composes, if at all, with the last starter L before it, unless it is
// blocked: a starter r only by anything between, a non-starter r by a
// non-starter of the same ccc just before it (the order is canonical, so
// that is the greatest). If L has a decomposition whose last ccc exceeds
// r's, r would be reordered into it, so the answer is true; otherwise L's
// decomposition recomposes to L before r is reached, and r composes iff
// (L, r) is a composition pair.
func maybeComposes(s string, i int, r rune, c, prev uint16) bool {
	if c == 0 {
		if prev != 0 || i == 0 {
			return false
		}
		l, _ := utf8.DecodeLastRuneInString(s[:i])
		return compose(l, r) >= 0
	}
	if prev == c {
		return false
	}
	for j := i; j > 0; {
		l, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
		p := props(l)
		if p&pCCC != 0 {
			continue
		}
		if p&pDecomp != 0 {
			d := decomposition(l)
			if props(d[len(d)-1])&pCCC > c {
				return true
			}
		}
		return compose(l, r) >= 0
	}
	return false
}

// nfcBuf is the working memory of the normaliser, recycled through
// nfcPool so that checking a text does not allocate.
type nfcBuf struct {
	rs  []rune   // a decomposed segment
	cc  []uint8  // the ccc of each rune of rs
	out []byte   // a normalised segment
	key []uint64 // sort keys for long non-starter runs
}

var nfcPool = sync.Pool{New: func() any {
	return &nfcBuf{rs: make([]rune, 0, 64), cc: make([]uint8, 0, 64), out: make([]byte, 0, 256)}
}}

// nextSegment returns the end of the segment of s (valid UTF-8) that
// starts at i: the next code point that is a segment boundary (a starter
// with no quick-check property, which nothing before it can interact
// with), and whether the segment passes the quick check on its own
// (QC=Yes throughout, non-starters in canonical order), which proves it is
// in NFC (UAX #15 §9). NFC works segment by segment.
func nextSegment(s string, i int) (end int, quick bool) {
	quick = true
	var prev uint16
	first := true
	for i < len(s) {
		var p uint16
		size := 1
		if s[i] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			p = props(r) & pQuick
		}
		if p == 0 && !first {
			return i, quick
		}
		first = false
		c := p & pCCC
		if p&(pNo|pMaybe) != 0 || c != 0 && c < prev {
			quick = false
		}
		prev = c
		i += size
	}
	return i, quick
}

// normalize appends the NFC form of seg (one segment) to b.out.
func (b *nfcBuf) normalize(seg string) {
	rs, cc := b.rs[:0], b.cc[:0]
	// Canonical decomposition (Hangul syllables are left composed: their
	// jamo are starters, so they recompose to the same syllable).
	for _, r := range seg {
		p := props(r)
		if p&pDecomp == 0 {
			rs = append(rs, r)
			cc = append(cc, uint8(p))
			continue
		}
		for _, d := range decomposition(r) {
			rs = append(rs, d)
			cc = append(cc, uint8(props(d)))
		}
	}
	// Canonical ordering: a stable sort by ccc of each run of non-starters.
	for i := 0; i < len(rs); {
		if cc[i] == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && cc[j] != 0 {
			j++
		}
		b.sortRun(rs[i:j], cc[i:j])
		i = j
	}
	// Canonical composition.
	n := len(rs)
	if n > 0 {
		starter, last := 0, int(cc[0])
		if last != 0 {
			last = 256 // no starter yet: nothing composes
		}
		k := 1
		for i := 1; i < len(rs); i++ {
			r, c := rs[i], int(cc[i])
			if last < c || last == 0 {
				if comp := compose(rs[starter], r); comp >= 0 {
					rs[starter] = comp
					continue
				}
			}
			if c == 0 {
				starter = k
			}
			last = c
			rs[k] = r
			k++
		}
		n = k
	}
	for _, r := range rs[:n] {
		b.out = utf8.AppendRune(b.out, r)
	}
	b.rs, b.cc = rs, cc
}

// sortRun sorts a run of non-starters stably by ccc.
func (b *nfcBuf) sortRun(rs []rune, cc []uint8) {
	if len(rs) <= 16 {
		for i := 1; i < len(rs); i++ {
			for j := i; j > 0 && cc[j-1] > cc[j]; j-- {
				cc[j-1], cc[j] = cc[j], cc[j-1]
				rs[j-1], rs[j] = rs[j], rs[j-1]
			}
		}
		return
	}
	key := b.key[:0]
	for i, r := range rs {
		key = append(key, uint64(cc[i])<<56|uint64(i)<<21|uint64(r))
	}
	slices.Sort(key)
	for i, k := range key {
		rs[i], cc[i] = rune(k&(1<<21-1)), uint8(k>>56)
	}
	b.key = key
}

// isNFC reports whether s (valid UTF-8) is in NFC, without allocating: it
// normalises only the segments that fail the quick check, and compares.
func isNFC(s string) bool {
	var b *nfcBuf
	ok := true
	for i := 0; i < len(s); {
		end, quick := nextSegment(s, i)
		if !quick {
			if b == nil {
				b = nfcPool.Get().(*nfcBuf)
			}
			b.out = b.out[:0]
			b.normalize(s[i:end])
			if string(b.out) != s[i:end] {
				ok = false
				break
			}
		}
		i = end
	}
	if b != nil {
		nfcPool.Put(b)
	}
	return ok
}

// toNFC returns the NFC form of s (valid UTF-8).
func toNFC(s string) string {
	b := nfcPool.Get().(*nfcBuf)
	defer nfcPool.Put(b)
	var sb strings.Builder
	copied := 0 // s[:copied] is in sb, or is a prefix in NFC when sb is empty
	for i := 0; i < len(s); {
		end, quick := nextSegment(s, i)
		if !quick {
			b.out = b.out[:0]
			b.normalize(s[i:end])
			if string(b.out) != s[i:end] {
				if sb.Cap() == 0 {
					sb.Grow(len(s) + len(s)/4 + 8)
				}
				sb.WriteString(s[copied:i])
				sb.Write(b.out)
				copied = end
			}
		}
		i = end
	}
	if copied == 0 {
		return s
	}
	sb.WriteString(s[copied:])
	return sb.String()
}
