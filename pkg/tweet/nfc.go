package tweet

import (
	"math/bits"
	"slices"
	"unicode/utf8"
	"unsafe"
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
	if uint32(a) < utf8.RuneSelf {
		if k := uint32(b - 0x300); k < uint32(len(nfcCompASCII[0])) {
			if c := nfcCompASCII[a][k]; c != 0 {
				return rune(c)
			}
		}
		return -1
	}
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
// quick check proves it is in NFC (see quickSpan).
func classify(s string) textClass {
	class, j := classifyPrefix(s)
	if class == textMaybeNotNFC && !utf8.ValidString(s[j:]) {
		return textInvalidUTF8
	}
	return class
}

// classifyPrefix is classify that also returns the length in bytes of the
// prefix of s known to be in NFC (all of s for textNFC). Unlike classify,
// it does not check the rest of the text for invalid UTF-8 when it returns
// textMaybeNotNFC: toNFCFrom does, as it goes.
func classifyPrefix(s string) (textClass, int) {
	j, bad := quickSpan(s, 0)
	switch {
	case bad:
		return textInvalidUTF8, j
	case j == len(s):
		return textNFC, j
	}
	return textMaybeNotNFC, j
}

// quickSpan runs the NFC quick check (UAX #15 §9) on s from i, a segment
// boundary: no code point NFC_Quick_Check=No, non-starters in canonical
// order, and no NFC_Quick_Check=Maybe code point that may compose with
// what precedes it (see maybeComposes). It returns len(s) when all of s[i:]
// passes, which proves s[i:] is in NFC, or else the start of the segment
// (see nextSegment) where the check fails: s[i:j] is in NFC and NFC
// leaves it alone. bad reports invalid UTF-8 met before that point. ASCII
// is skipped 8 bytes at a time.
func quickSpan(s string, i int) (j int, bad bool) {
	return quickSpanMode(s, i, false)
}

// quickSpanMode is quickSpan; when loose, it also stops at the segment of
// any NFC_Quick_Check=Maybe code point without asking maybeComposes
// whether it composes (toNFCFromOld, the oracle of the tests, tries
// composeSegment on it first).
func quickSpanMode(s string, i int, loose bool) (j int, bad bool) {
	var prev uint16 // ccc of the previous code point
	lastAt := -1    // byte offset of the last starter, -1 if none
	seg := i        // start of the current segment
	for i < len(s) {
		c0 := s[i]
		// The common cases first: an ASCII run, and a two-, three-byte or
		// U+1Fxxx code point that is valid and without quick-check
		// properties (a segment boundary), told by one bit of
		// qcSlow2/qcSlow3/qcSlow1F without decoding it.
		if c0 < utf8.RuneSelf {
			i = asciiRunEnd(s, i+1)
			seg, prev, lastAt = i-1, 0, i-1
			continue
		}
		var r rune
		size := 0
		if c0 < 0xE0 {
			if i+1 < len(s) {
				if c1 := s[i+1]; c1&0xC0 == 0x80 && c0 >= 0xC2 {
					if qcSlow2[c0&0x1F]>>(c1&0x3F)&1 == 0 {
						seg, prev, lastAt = i, 0, i
						i += 2
						continue
					}
					r, size = rune(c0&0x1F)<<6|rune(c1&0x3F), 2
				}
			}
		} else if c0 < 0xF0 {
			if i+2 < len(s) {
				if c1, c2 := s[i+1], s[i+2]; c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
					if qcSlow3[int(c0&0x0F)<<6|int(c1&0x3F)]>>(c2&0x3F)&1 == 0 {
						seg, prev, lastAt = i, 0, i
						i += 3
						continue
					}
					// A code point with properties, or an overlong form or
					// a surrogate, which the decoder below rejects.
					if r = rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
						size = 3
					}
				}
			}
		} else if c0 == 0xF0 && i+3 < len(s) && s[i+1] == 0x9F {
			if c2, c3 := s[i+2], s[i+3]; c2&0xC0 == 0x80 && c3&0xC0 == 0x80 && qcSlow1F[c2&0x3F]>>(c3&0x3F)&1 == 0 {
				seg, prev, lastAt = i, 0, i
				i += 4
				continue
			}
		}
		// Anything else: decode (unless done above) and look the
		// properties up.
		if size == 0 {
			if r, size = utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && size == 1 {
				return i, true
			}
		}
		p := props(r) & pQuick
		if p == 0 {
			seg, prev, lastAt = i, 0, i
		} else {
			c := p & pCCC
			if p&pNo != 0 || c != 0 && c < prev {
				return seg, false
			}
			if p&pMaybe != 0 {
				if loose {
					return seg, false
				}
				last := rune(-1)
				if lastAt >= 0 {
					last, _ = utf8.DecodeRuneInString(s[lastAt:])
				}
				if maybeComposes(r, c, prev, last) {
					return seg, false
				}
			}
			if prev = c; c == 0 {
				lastAt = i
			}
		}
		i += size
	}
	return len(s), false
}

// qcSlow2, qcSlow3 and qcSlow1F mark the two-byte, three-byte and
// U+1F000-U+1FFFF UTF-8 sequences that quickSpanMode cannot pass without
// decoding: code points with quick-check properties, and the invalid forms
// (overlong, surrogates). Bit k of qcSlow2[lead&0x1F] is the sequence whose
// last byte's low six bits are k; qcSlow3 is indexed by the low bits of the
// lead and the second byte, qcSlow1F by those of the third byte.
var qcSlow2, qcSlow3, qcSlow1F = func() (t2 [32]uint64, t3 [1024]uint64, t1F [64]uint64) {
	for lead := range 32 {
		t2[lead] = quickBits(rune(lead << 6))
		if lead < 2 {
			t2[lead] = ^uint64(0) // overlong
		}
	}
	for hi := range 1024 {
		t3[hi] = quickBits(rune(hi << 6))
		if r := rune(hi << 6); r < 0x800 || r >= 0xD800 && r <= 0xDFFF {
			t3[hi] = ^uint64(0) // overlong, surrogates
		}
	}
	for hi := range 64 {
		t1F[hi] = quickBits(rune(0x1F000 | hi<<6))
	}
	return
}()

// quickBits returns the code points lo through lo+63 (lo a multiple of
// 64) with quick-check properties, as bit r-lo.
func quickBits(lo rune) (m uint64) {
	const _ = uint(nfcBlockBits - 6) // a block holds whole groups of 64
	block := &nfcPropsBlocks[nfcPropsIndex[lo>>nfcBlockBits]]
	for k, p := range block[lo&(1<<nfcBlockBits-1):][:64] {
		if p&pQuick != 0 {
			m |= 1 << k
		}
	}
	return m
}

// maybeComposes reports whether r, an NFC_Quick_Check=Maybe code point of
// ccc c, may compose with what precedes it in a quick-checked (canonically
// ordered, QC≠No) text, whose last code point has ccc prev and whose last
// starter is last (-1: none). It errs on the side of true.
//
// r composes, if at all, with the last starter L before it, unless it is
// blocked: a starter r only by anything between, a non-starter r by a
// non-starter of the same ccc just before it (the order is canonical, so
// that is the greatest). If L has a decomposition whose last ccc exceeds
// r's, r would be reordered into it, so the answer is true; otherwise L's
// decomposition recomposes to L before r is reached, and r composes iff
// (L, r) is a composition pair.
func maybeComposes(r rune, c, prev uint16, last rune) bool {
	if last < 0 || c == 0 && prev != 0 || c != 0 && prev == c {
		return false
	}
	if c != 0 && props(last)&pDecomp != 0 {
		d := decomposition(last)
		if props(d[len(d)-1])&pCCC > c {
			return true
		}
	}
	return compose(last, r) >= 0
}

// ccRune is a code point with its canonical combining class.
type ccRune struct {
	r rune
	c uint8
}

// nfcStack is how many decomposed code points the normaliser holds on the
// stack: longer segments cost an allocation.
const nfcStack = 128

// nextSegment returns the end of the segment of s (valid UTF-8) that
// starts at i: the next segment boundary, a code point without quick-check
// properties (a starter that NFC leaves alone and that nothing before it
// interacts with). NFC works segment by segment.
func nextSegment(s string, i int) int {
	for first := true; i < len(s); first = false {
		if s[i] < utf8.RuneSelf {
			if !first {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if props(r)&pQuick == 0 && !first {
			return i
		}
		i += size
	}
	return i
}

// normalize returns the NFC form of seg (one segment) in buf[:0]'s
// memory when it fits.
func normalize(buf []ccRune, seg string) []ccRune {
	rs := buf[:0]
	// Canonical decomposition (Hangul syllables are left composed: their
	// jamo are starters, so they recompose to the same syllable).
	for _, r := range seg {
		p := props(r)
		if p&pDecomp == 0 {
			rs = append(rs, ccRune{r, uint8(p)})
			continue
		}
		for _, d := range decomposition(r) {
			rs = append(rs, ccRune{d, uint8(props(d))})
		}
	}
	// Canonical ordering: a stable sort by ccc of each run of non-starters.
	for i := 0; i < len(rs); {
		if rs[i].c == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && rs[j].c != 0 {
			j++
		}
		sortRun(rs[i:j])
		i = j
	}
	// Canonical composition.
	if len(rs) == 0 {
		return rs
	}
	starter, last := 0, int(rs[0].c)
	if last != 0 {
		last = 256 // no starter yet: nothing composes
	}
	k := 1
	for _, x := range rs[1:] {
		c := int(x.c)
		if last < c || last == 0 {
			if comp := compose(rs[starter].r, x.r); comp >= 0 {
				rs[starter].r = comp
				continue
			}
		}
		if c == 0 {
			starter = k
		}
		last = c
		rs[k] = x
		k++
	}
	return rs[:k]
}

// sortRun sorts a run of non-starters stably by ccc, in place.
func sortRun(rs []ccRune) {
	if len(rs) > 16 {
		slices.SortStableFunc(rs, func(x, y ccRune) int { return int(x.c) - int(y.c) })
		return
	}
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j-1].c > rs[j].c; j-- {
			rs[j-1], rs[j] = rs[j], rs[j-1]
		}
	}
}

// sameText reports whether the code points rs spell s.
func sameText(rs []ccRune, s string) bool {
	k := 0
	for _, r := range s {
		if k == len(rs) || rs[k].r != r {
			return false
		}
		k++
	}
	return k == len(rs)
}

// toNFC returns the NFC form of s (valid UTF-8).
func toNFC(s string) string {
	var c nfcCounts
	n, _, _ := toNFCFrom(s, 0, &c)
	return n
}

// nfcCounts is what toNFCFrom counts of its output from `from` on, as
// scanText counts a text (see scanInfo): n code points, astral those above
// U+FFFF, heavy those outside lightRanges; invalid reports an invalid
// character (see isInvalidChar) and emoji a code point that emojiMatters
// (it may be set without one). units16 is how much shorter, in UTF-16
// code units, the output is than the input.
type nfcCounts struct {
	n, astral, heavy int
	invalid, emoji   bool
	units16          int
}

// addRune counts the code point r, put in the output for old16 UTF-16
// code units of the input.
func (c *nfcCounts) addRune(r rune, old16 int) {
	c.n++
	c.units16 += old16 - 1
	if r >= 0x10000 {
		c.astral++
		c.units16--
	}
	if heavyRune(r) {
		c.heavy++
	}
	if r >= 0xFEFF && isInvalidChar(r) {
		c.invalid = true
	}
	// emojiMatters holds only in emojiMattersRanges.
	if (uint32(r-0x80) < 0x40 || r >= 0x2000) && emojiMatters(r) {
		c.emoji = true
	}
}

// addText counts t, a piece of the input that the output keeps as it is.
func (c *nfcCounts) addText(t string) {
	n, astral, heavy, maybeInvalid := countLight(t)
	c.n += n
	c.astral += astral
	c.heavy += heavy
	if maybeInvalid && IndexInvalid(t) >= 0 {
		c.invalid = true
	}
	if !c.emoji && mayHoldEmojiMatters(t) {
		c.emoji = true
	}
}

// toNFCFrom is toNFC for a text whose first `from` bytes are known to be in
// NFC and to end at a segment boundary (as classifyPrefix returns). It
// reports whether the text changed; when it did not, it returns s itself
// and allocates nothing. It stops and reports invalid when it meets a byte
// that is not valid UTF-8 (the counts then mean nothing). It counts in c
// its output from `from` on (see nfcCounts), so that Parse need not scan
// it again.
//
// It runs scanRun's loop, which counts, checks UTF-8 and runs the NFC
// quick check in one pass, over the text from `from` on, and handles where
// it stops as scanText does, but for a code point that fails the quick
// check: there it normalises the segment (see nextSegment) and goes on
// after it with the fast loop. Looking back from a later code point (see
// quickPasses, segmentStart) never crosses a segment boundary, so it never
// sees a segment that changed. Runs of ASCII go 8 bytes at a time, in a
// loop of their own. The most common change, an ASCII letter and one
// combining mark that composes with it, costs one table look-up
// (asciiPair; once the text changed, copyASCIIPairs composes them as it
// copies ASCII); most others go through composeSegment, the fast path for
// a starter and code points that all compose with it, without the quick
// check after ASCII; the rest through normalize. The output is built in
// one []byte, sized once (but for texts NFC makes longer).
func toNFCFrom(s string, from int, c *nfcCounts) (out string, changed, invalid bool) {
	var dst []byte // nil until the text changes; then s[:copied] is in it
	copied := 0
	// st counts the input that the output keeps as it is: the code points
	// of s[from:i] are i-from-st.cont, less those of the segments that
	// changed, whose bytes are all added to st.cont (their output is
	// counted in c). It looks for no URL dot (dot >= 0): resume does, in
	// the output.
	st := scanState{dot: 0}
	i := from
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			if dst != nil {
				// The text changed: copy ASCII and compose pairs at once.
				dst = append(dst, s[copied:i]...)
				var pairs, heavy int
				dst, i, pairs, heavy = copyASCIIPairs(dst, s, i)
				st.cont += 2 * pairs
				st.heavy += heavy
				c.units16 += pairs
				if copied = i; i == len(s) {
					break
				}
				// The ASCII byte before i is copied; take it back, as
				// what follows may compose with it.
				dst, copied = dst[:len(dst)-1], i-1
			} else if i = asciiRunEnd(s, i+1); i == len(s) {
				// A run of ASCII, 8 bytes at a time (counted as bytes), up
				// to a two-byte mark, most likely, or else on with scanRun.
				break
			}
			if s[i]&^1 != 0xCC {
				if i = scanRun(s, i, &st); i >= len(s) {
					break
				}
			}
		} else if i = scanRun(s, i, &st); i >= len(s) {
			break
		}
		// A two-byte mark (U+0300-U+037F) after ASCII, where scanRun
		// stops when it fails the quick check (or is not a mark).
		if i > from && s[i-1] < utf8.RuneSelf && s[i]&^1 == 0xCC && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			// Followed by ASCII or the end, the letter and the mark may
			// make a composite r: their NFC form (a segment of its own).
			if i+2 == len(s) || s[i+2] < utf8.RuneSelf {
				if r := asciiPair(s[i-1], s[i], s[i+1]); r != 0 {
					dst = appendRune(dst, s, copied, i-1, rune(r))
					// The letter is counted: r takes its place.
					st.cont += 2
					if r > 4351 {
						st.heavy++
					}
					c.units16++
					copied, i = i+2, i+2
					continue
				}
			}
			// Else the letter starts a segment that most likely
			// composes: composeSegment, without the quick check.
			if r, end, units16, ok := composeSegment(s, i-1); ok {
				dst = appendRune(dst, s, copied, i-1, r)
				c.addRune(r, units16)
				st.cont += end - i + 1 // the letter's code point is counted
				copied, i = end, end
				continue
			}
			dst, copied, i = normalizeSegment(dst, s, copied, i-1, i, c, &st)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return s, false, true
		}
		p := props(r) & pQuick
		if p == 0 || p&pMaybe == 0 && quickPasses(s, i, r, p) {
			st.countRune(r, size)
			i += size
			continue
		}
		start := segmentStart(s, i)
		if p&pMaybe != 0 {
			// r may compose with what precedes it (Hangul jamo, say):
			// composeSegment first, then the quick check.
			if r, end, units16, ok := composeSegment(s, start); ok {
				dst = appendRune(dst, s, copied, start, r)
				c.addRune(r, units16)
				n, astral, heavy := spanCounts(s[start:i]) // counted
				st.cont += end - i + n
				st.astral -= astral
				st.heavy -= heavy
				copied, i = end, end
				continue
			}
			if quickPasses(s, i, r, p) {
				st.countRune(r, size)
				i += size
				continue
			}
		}
		dst, copied, i = normalizeSegment(dst, s, copied, start, i, c, &st)
	}
	c.n += len(s) - from - st.cont
	c.astral += st.astral
	c.heavy += st.heavy
	c.invalid = c.invalid || st.flags&scanInvalid != 0
	c.emoji = c.emoji || st.flags&scanEmoji != 0
	if dst == nil {
		return s, false, false
	}
	dst = append(dst, s[copied:]...)
	// dst is local and never written again: the string may share it.
	return unsafe.String(unsafe.SliceData(dst), len(dst)), true, false
}

// countRune counts the code point r, size bytes, which scanRun left to its
// caller and which passes the quick check, as scanText does.
func (st *scanState) countRune(r rune, size int) {
	st.cont += size - 1
	if size == 4 {
		st.astral++
	}
	if heavyRune(r) {
		st.heavy++
	}
	if r >= 0xFEFF && isInvalidChar(r) {
		st.flags |= scanInvalid
	}
	if emojiMatters(r) {
		st.flags |= scanEmoji
	}
}

// normalizeSegment is toNFCFrom's general path for the segment of s that
// starts at byte start (at or after copied) and holds the code point at
// byte i, which fails the quick check; s[start:i] is counted in st. It
// returns the end of the segment (see nextSegment). When NFC changes the
// segment, it appends s[copied:start] and the segment's NFC form to dst
// (made when nil), counts the output in c, takes back from st the counts
// of s[start:i] and adds the segment's bytes to st.cont, and returns end
// as the new copied; when not, it counts s[i:end] in c. The flags of st
// stay: a code point that sets them is a segment boundary, which starts
// the segment and which NFC keeps.
func normalizeSegment(dst []byte, s string, copied, start, i int, c *nfcCounts, st *scanState) (_ []byte, newCopied, end int) {
	end = nextSegment(s, start)
	dst, ok := appendNormalized(dst, s, copied, start, end, c)
	if !ok {
		c.addText(s[i:end])
		st.cont += end - i
		return dst, copied, end
	}
	n, astral, heavy := spanCounts(s[start:i])
	st.cont += end - i + n
	st.astral -= astral
	st.heavy -= heavy
	return dst, end, end
}

// appendNormalized is toNFCFrom's general path for the segment s[i:end]:
// when NFC changes it, it appends s[copied:i] and the segment's NFC form
// to dst (made when nil, with s[:copied] to be put in it by the caller,
// see toNFCFrom), counts what it puts in c and reports true. Its buffer,
// out of toNFCFrom's frame, costs nothing to the segments that do not
// come here.
//
//go:noinline
func appendNormalized(dst []byte, s string, copied, i, end int, c *nfcCounts) ([]byte, bool) {
	var buf [nfcStack]ccRune
	rs := normalize(buf[:0], s[i:end])
	if sameText(rs, s[i:end]) {
		return dst, false
	}
	if dst == nil {
		dst = make([]byte, 0, nfcOutCap(len(s)))
	}
	dst = append(dst, s[copied:i]...)
	c.units16 += utf16Len(s[i:end])
	for _, x := range rs {
		dst = utf8.AppendRune(dst, x.r)
		c.addRune(x.r, 0)
	}
	return dst, true
}

// copyASCIIPairs appends to dst the run of s from byte i on (ASCII)
// made of ASCII and of what asciiPair composes (an ASCII letter and a
// two-byte mark, followed by ASCII or the end), composed, up to the first
// other byte, whose offset it returns, or len(s); an other byte follows
// an ASCII byte, the last one it appends. pairs counts the composites it
// wrote, heavy those above U+10FF (see asciiPair).
//
// It writes 8 bytes at a time as it loads them, past the end of the
// output when the run ends in them: dst has room for them (it grows it
// when not).
func copyASCIIPairs(dst []byte, s string, i int) (_ []byte, end, pairs, heavy int) {
	w := len(dst)
	out := dst[:cap(dst)]
	for {
		// ASCII, 8 bytes at a time.
		for i <= len(s)-8 {
			if w > len(out)-8 {
				out = growOut(out, w)
			}
			v := load64u(s, i)
			store64(out, w, v)
			if h := v & hi8; h != 0 {
				k := bits.TrailingZeros64(h) >> 3
				i, w = i+k, w+k
				goto pair
			}
			i, w = i+8, w+8
		}
		if w > len(out)-8 {
			out = growOut(out, w)
		}
		for i < len(s) && s[i] < utf8.RuneSelf {
			out[w] = s[i]
			i, w = i+1, w+1
		}
	pair:
		// i is past an ASCII byte: a pair? The letter, the mark and the
		// byte after it in one load, but at the end of the text.
		var r uint16
		if i <= len(s)-3 {
			x := load32(s, i-1)
			if x&0x80000000 != 0 {
				break
			}
			r = asciiPair(byte(x), byte(x>>8), byte(x>>16))
		} else if i == len(s)-2 {
			r = asciiPair(s[i-1], s[i], s[i+1])
		}
		if r == 0 {
			break
		}
		if w > len(out)-2 {
			out = growOut(out, w)
		}
		// In place of the letter, out[w-1] (w > 0: see load64u for why
		// unchecked).
		p := (*[3]byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(out)), w-1))
		if r < 0x800 {
			p[0], p[1] = 0xC0|byte(r>>6), 0x80|byte(r)&0x3F
			w++
		} else {
			p[0], p[1], p[2] = 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F
			w += 2
			if r > 4351 {
				heavy++
			}
		}
		pairs++
		if i += 2; i == len(s) {
			break
		}
	}
	return out[:w], i, pairs, heavy
}

// growOut returns out (all its capacity) grown, with out[:w] kept.
//
//go:noinline
func growOut(out []byte, w int) []byte {
	out = append(out[:w], make([]byte, 16)...)
	return out[:cap(out)]
}

// store64 writes v to b from byte i on, little-endian; the caller
// guarantees 0 <= i <= len(b)-8 (see load64u).
func store64(b []byte, i int, v uint64) {
	p := (*[8]byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(b)), i))
	p[0], p[1], p[2], p[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	p[4], p[5], p[6], p[7] = byte(v>>32), byte(v>>40), byte(v>>48), byte(v>>56)
}

// appendRune appends s[copied:i] and r to dst, which it makes when nil
// (copied is then 0, see toNFCFrom).
func appendRune(dst []byte, s string, copied, i int, r rune) []byte {
	if dst == nil {
		dst = make([]byte, 0, nfcOutCap(len(s)))
	}
	dst = append(dst, s[copied:i]...)
	return utf8.AppendRune(dst, r)
}

// asciiPairAt reports whether the code point at byte i of s (valid UTF-8
// up to i+2) is a two-byte mark that composes with the ASCII byte before
// it (see asciiPair), which fails the quick check: maybeComposes holds
// for a mark that composes with the starter just before it.
func asciiPairAt(s string, i int) bool {
	return i > 0 && i+1 < len(s) && s[i-1] < utf8.RuneSelf && asciiPair(s[i-1], s[i], s[i+1]) != 0
}

// asciiPair is toNFCFrom's fastest path: given the ASCII byte a and the
// next two bytes c1, c2 of a text, followed by ASCII or its end, it returns
// the composite of a and the two-byte combining mark c1 c2 when they make
// one (see nfcCompASCII), the NFC form of that segment (a, then the mark,
// then a segment boundary); else 0. That is composeSegment's result, found
// with one table look-up: a mark that composes is NFC_Quick_Check=Maybe,
// without decomposition, and ASCII is a segment boundary.
//
// The composites are all below U+10000, neither invalid characters nor
// code points that emojiMatters, and light exactly when they are not above
// U+10FF (TestNFCASCIIPairs checks it), which toNFCFrom's counts rely on.
func asciiPair(a, c1, c2 byte) uint16 {
	// U+0300-U+037F, U+0300+k: CC or CD, then a continuation byte.
	k := uint(c1&1)<<6 | uint(c2&0x3F)
	if c1&^1 != 0xCC || c2&0xC0 != 0x80 || k >= uint(len(nfcCompASCII[0])) {
		return 0
	}
	return nfcCompASCII[a&0x7F][k]
}

// nfcOutCap is the capacity of toNFCFrom's output for an n-byte text: NFC
// rarely makes a text longer (its usual work, composition, shortens it), so
// a little slack makes one allocation enough in practice.
func nfcOutCap(n int) int { return n + n/8 + 16 }

// composeSegment is the fast path of toNFCFrom for the segment of s that
// starts at i (a segment boundary, see quickSpan): units16 is the
// segment's length in UTF-16 code units. When it is a starter
// without decomposition followed by code points, none of them QC=No or
// with a decomposition, each non-starter run in canonical order, that each
// compose with the starter as composed so far, the NFC of the segment is
// the single code point r and the segment ends at end. ok is false when
// the segment is not of that shape (normalize handles it) and when nothing
// composes.
//
// That is exactly normalize's result: nothing decomposes, the order is
// already canonical, and as every code point composes, none is left
// between the starter and the next one to block it.
func composeSegment(s string, i int) (r rune, end, units16 int, ok bool) {
	var n int
	if c := s[i]; c < utf8.RuneSelf {
		r, n = rune(c), 1
	} else {
		r, n = utf8.DecodeRuneInString(s[i:])
		if props(r)&(pQuick|pDecomp) != 0 {
			return 0, 0, 0, false
		}
	}
	units16 = 1 + n>>2
	j := i + n
	var prev uint16 // ccc of the previous code point
	for j < len(s) && s[j] >= utf8.RuneSelf {
		var x rune
		var m int
		if c0 := s[j]; c0 >= 0xC2 && c0 < 0xE0 && j+1 < len(s) && s[j+1]&0xC0 == 0x80 {
			x, m = rune(c0&0x1F)<<6|rune(s[j+1]&0x3F), 2
		} else if c0 == 0xE1 && j+2 < len(s) && s[j+1]&0xC0 == 0x80 && s[j+2]&0xC0 == 0x80 {
			// U+1000-U+1FFF: Hangul jamo, Latin with marks above...
			x, m = 0x1000|rune(s[j+1]&0x3F)<<6|rune(s[j+2]&0x3F), 3
		} else {
			x, m = utf8.DecodeRuneInString(s[j:])
		}
		p := props(x) // U+FFFD of invalid UTF-8 is a boundary
		if p&pQuick == 0 {
			break
		}
		c := p & pCCC
		if p&(pNo|pDecomp) != 0 || c != 0 && c < prev {
			return 0, 0, 0, false
		}
		comp := compose(r, x)
		if comp < 0 {
			return 0, 0, 0, false
		}
		r, prev, j = comp, c, j+m
		units16 += 1 + m>>2
	}
	return r, j, units16, j > i+n
}

// asciiRunEnd returns the end of the run of ASCII bytes of s from byte i
// on (i itself when s[i] is not ASCII), 8 bytes at a time.
func asciiRunEnd(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if v := load64(s, i) & hi8; v != 0 {
			return i + bits.TrailingZeros64(v)>>3
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}
