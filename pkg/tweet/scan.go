package tweet

import (
	"math/bits"
	"unicode/utf8"
	"unsafe"

	"github.com/tweetlen/tweetlen/pkg/emoji"
	"github.com/tweetlen/tweetlen/pkg/extract"
)

// scanInfo is what scanText learns about a text in its one pass over the
// bytes. Offsets are bytes.
type scanInfo struct {
	// end is len(s) or, when the scan checks NFC, the start of the
	// segment where the NFC quick check failed (see quickSpan): s[:end] is
	// in NFC. With bad set, the scan stopped at end, the first byte that
	// is not valid UTF-8, and the rest of scanInfo means nothing.
	// Everything else describes s[:end] (all of s once resume has run).
	end int
	bad bool
	// n counts code points, astral those above U+FFFF (two UTF-16 code
	// units each), heavy those outside lightRanges (see countLight).
	n, astral, heavy int
	// invalid reports a U+FEFF, U+FFFE or U+FFFF (see isInvalidChar).
	invalid bool
	// dot is the first offset where extract.IsURLDot holds, -1 if none:
	// a text without one holds no URL. When the quick check failed, dot
	// holds only for s[:end-1] (see resume).
	dot int
	// emoji reports a code point that may make an emoji unit weigh other
	// than the code points it spans (see emojiMatters); without one, every
	// emoji unit is a single code point of DefaultWeight and counting it
	// as a plain code point gives the same result. It may be set without
	// one (past a failed quick check, see resume).
	emoji bool

	touch byte // see touch
}

// touch reads one byte of each 64-byte line of the first 512 bytes of s,
// so that the memory fetches them all at once, before the scan needs them
// one after the other: a text that is not in the cache costs one memory
// latency instead of one per line. The value means nothing.
func touch(s string) byte {
	var x byte
	for i := 0; i < len(s) && i < 512; i += 64 {
		x ^= s[i]
	}
	return x
}

// units16 is the UTF-16 length of the scanned text, in code units.
func (sc *scanInfo) units16() int { return sc.n + sc.astral }

// scanText fills sc for s in one pass: it counts code points, looks for
// the first URL dot, for invalid characters and, when emoji is set, for
// the code points that matter to emoji units; when check is set it also
// validates UTF-8, and stops at the first byte that is not, and runs the
// NFC quick check (as quickSpan does). Where the quick check fails it
// stops at the start of the segment (sc.end), with sc describing s[:sc.end]
// only: Parse normalises the rest and finishes the scan over the NFC text
// (see resume), so that nothing is counted twice.
//
// It is the first pass of Parse: most texts are valid, NFC and free of
// emoji sequences, and then the counts alone give their length, and the
// URL scanner starts at sc.dot, if at all.
//
// The pass keeps no quick-check state: a code point without quick-check
// properties needs none, and the rare one with properties finds what it
// needs (the previous code point, the last starter, the segment start) by
// looking back (see quickPasses).
func scanText(s string, check, emoji bool, sc *scanInfo) {
	*sc = scanInfo{end: len(s), touch: sc.touch}
	st := scanState{dot: -1}
	if !emoji {
		st.flags = scanEmoji // nothing to look for
	}
	i := 0
	for {
		// The common code points, in scanRun's loop without calls; then
		// one code point scanRun leaves, if any.
		if i = scanRun(s, i, &st); i >= len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if check {
			if r == utf8.RuneError && size == 1 {
				sc.end, sc.bad = i, true
				return
			}
			if p := props(r) & pQuick; p != 0 && (asciiPairAt(s, i) || !quickPasses(s, i, r, p)) {
				// Not NFC from the segment's start on: stop there (see
				// scanInfo.end), taking back the counts of the segment's
				// code points before r (valid, quick-check passed), and
				// forgetting a dot whose next byte may change. The flags
				// stay: NFC keeps an invalid character or one that
				// emojiMatters where it starts a segment, and sc.emoji may
				// be set without one.
				end := segmentStart(s, i)
				n, astral, heavy := spanCounts(s[end:i])
				st.cont -= i - end - n
				st.astral -= astral
				st.heavy -= heavy
				if st.dot >= end-1 {
					st.dot = -1
				}
				sc.end, i = end, end
				break
			}
		}
		st.countRune(r, size)
		i += size
	}
	sc.n = i - st.cont
	sc.astral = st.astral
	sc.heavy = st.heavy
	sc.dot = st.dot
	sc.emoji = emoji && st.flags&scanEmoji != 0
	sc.invalid = st.flags&scanInvalid != 0
}

// Bits of scanState.flags.
const (
	scanEmoji   = 1 << iota // an emoji joiner or light unit was seen, or is not looked for
	scanInvalid             // an invalid character was seen
)

// scanState is what scanText has counted and found so far.
type scanState struct {
	cont   int // continuation bytes: the code points of s[:i] are i-cont
	astral int
	heavy  int
	dot    int // as scanInfo.dot
	flags  int // scanEmoji, scanInvalid

	markEnd int    // end of the last combining mark scanRun let pass
	markCCC uint16 // its combining class
}

// scanRun is scanText's loop over the code points that need no call to
// classify: ASCII, the non-ASCII code points that slowTables lets pass
// (valid, no quick-check properties, not invalid, and, while scanEmoji is
// not set, no emoji joiner or light unit), and the combining marks that
// pass the quick check. It returns the offset of the first other code
// point, or len(s). It calls no function but asciiRunDot (once per run of
// ASCII while the URL dot is not known), and keeps what it uses rarely in
// st, so that the compiler keeps the rest in registers.
//
// Runs of ASCII go 8 or 16 bytes at a time. A non-ASCII step looks at
// four bytes at once (w), which tell an encoding's length and validity.
func scanRun(s string, i int, st *scanState) int {
	if i < 0 {
		return i // never: tells the compiler that i is not negative
	}
	cont, heavy := st.cont, st.heavy
	tb := &slowTabs[0] // slowPlain
	if st.flags&scanEmoji == 0 {
		tb = &slowTabs[1] // slowEmoji
	}
	// The quick check of a combining mark needs the combining class of the
	// code point before it: 0 after a code point scanRun let pass,
	// st.markCCC after a mark it let pass, which ended at st.markEnd.
	// Before i, unknown.
	st.markEnd, st.markCCC = i, 0xFF
scan:
	for i < len(s) {
		var w uint32
		if i <= len(s)-4 {
			w = load32(s, i)
		} else {
			w = loadTail(s, i)
		}
		switch {
		case w&0x80 == 0:
			if h := w & 0x80808080; h != 0 {
				// A short run of ASCII between non-ASCII code points:
				// a space in Arabic or Korean text, say. A dot in it?
				if x := w ^ '.'*0x01010101; st.dot < 0 && (x-0x01010101)&^x&(h-1)&0x80808080 != 0 {
					st.dot = urlDotIn(s, i, i+bits.TrailingZeros32(h)>>3)
				}
				i += bits.TrailingZeros32(h) >> 3
				continue
			}
			if st.dot < 0 {
				i = asciiRunDot(s, i, st)
				continue
			}
			// A run of ASCII, 16 or 8 bytes at a time; it ends before a
			// non-ASCII byte.
			for i <= len(s)-16 && (load64u(s, i)|load64u(s, i+8))&hi8 == 0 {
				i += 16
			}
			for i <= len(s)-8 {
				if h := load64u(s, i) & hi8; h != 0 {
					i += bits.TrailingZeros64(h) >> 3
					continue scan
				}
				i += 8
			}
			for i < len(s) && s[i] < utf8.RuneSelf {
				i++
			}
		case w&0xC0C0F0 == 0x8080E0: // 1110xxxx 10xxxxxx 10xxxxxx
			// A run of three-byte code points (CJK, kana, Hangul,
			// Indic...), in a loop of its own: a run ends less often
			// than the switch would be entered.
			for {
				e := &tb.t3[(w&0x0F)<<6|w>>8&0x3F]
				c2 := w >> 16 & 0x3F
				if e.slow>>c2&1 != 0 {
					// A combining mark that passes the quick check?
					r := rune(w&0x0F)<<12 | rune(w>>8&0x3F)<<6 | rune(c2)
					if r < 0x800 || !st.markPasses(i, props(r)) {
						break scan
					}
					st.markEnd = i + 3
				}
				heavy += int(e.heavy >> c2 & 1)
				cont += 2
				i += 3
				if i > len(s)-4 {
					break
				}
				if w = load32(s, i); w&0xC0C0F0 != 0x8080E0 {
					// A space between two words of the script (Hindi,
					// Korean...) does not end the run.
					if w&0xC0C0F0FF != 0x8080E020 {
						break
					}
					i++
					w >>= 8
				}
			}
		case w&0xC0E0 == 0x80C0: // 110xxxxx 10xxxxxx: U+0080-U+07FF, all light
			// A run of two-byte code points (Arabic, Hebrew, Cyrillic,
			// Greek, Latin with diacritics...), in a loop of its own.
			for {
				if tb.t2[w&0x1F]>>(w>>8&0x3F)&1 != 0 {
					// A combining mark that passes the quick check?
					r := rune(w&0x1F)<<6 | rune(w>>8&0x3F)
					if r < 0x80 || !st.markPasses(i, props(r)) {
						break scan
					}
					st.markEnd = i + 2
				}
				cont++
				i += 2
				if i > len(s)-4 {
					break
				}
				if w = load32(s, i); w&0xC0E0 != 0x80C0 {
					// A space between two words of the script (Arabic,
					// Cyrillic...) does not end the run.
					if w&0xC0E0FF != 0x80C020 {
						break
					}
					i++
					w >>= 8
				}
			}
		case w&0xC0C0FFFF == 0x80809FF0: // F0 9F: U+1F000-U+1FFFF, emoji mostly
			if tb.t1F[w>>16&0x3F]>>(w>>24&0x3F)&1 != 0 {
				break scan
			}
			cont += 3
			st.astral++
			heavy++
			i += 4
		case w&0xC0C0FFFF == 0x8080A0F3: // F3 A0: U+E0000-U+E0FFF, tags mostly
			if tb.tE0[w>>16&0x3F]>>(w>>24&0x3F)&1 != 0 {
				break scan
			}
			cont += 3
			st.astral++
			heavy++
			i += 4
		default:
			break scan
		}
	}
	st.cont, st.heavy = cont, heavy
	return i
}

// markPasses reports whether a code point at byte i with the quick-check
// properties p (not zero) is a combining mark that passes the quick check
// where it is (see quickSpanMode): a non-starter, neither QC=No nor
// QC=Maybe, whose combining class is not below that of the code point
// before it. If so, it records its class for the next mark.
func (st *scanState) markPasses(i int, p uint16) bool {
	c := p & pCCC
	if p&(pNo|pMaybe) != 0 || c == 0 || i == st.markEnd && c < st.markCCC {
		return false
	}
	st.markCCC = c
	return true
}

// urlDotIn returns the first offset from i to j of s where extract.IsURLDot
// holds, or -1.
func urlDotIn(s string, i, j int) int {
	for ; i < j; i++ {
		if extract.IsURLDot(s, i) {
			return i
		}
	}
	return -1
}

// asciiRunDot is scanRun's loop over a run of ASCII from i while
// st.dot is not known: it returns the end of the run, and sets st.dot to
// the first offset in it where extract.IsURLDot holds, if any. It goes
// 16 bytes at a time while there is no dot, and on with scanRun's loop
// once there is a URL dot.
//
//go:noinline
func asciiRunDot(s string, i int, st *scanState) int {
	if i < 0 {
		return i // never: tells the compiler that i is not negative
	}
	for i <= len(s)-8 {
		for i <= len(s)-16 {
			v, v2 := load64u(s, i), load64u(s, i+8)
			x, x2 := v^'.'*lsb, v2^'.'*lsb
			// The zero bytes of x are the dots: x - lsb sets the high bit
			// of each (and, after one, perhaps of other bytes), and of the
			// bytes of v with theirs, which v marks anyway.
			if ((x-lsb)|(x2-lsb)|v|v2)&hi8 != 0 {
				break
			}
			i += 16
		}
		if i > len(s)-8 {
			break
		}
		v := load64u(s, i)
		x := v ^ '.'*lsb
		dots, h := (x-lsb)&^x&hi8, v&hi8
		if dots|h == 0 {
			i += 8
			continue
		}
		for ; dots != 0; dots &= dots - 1 {
			if d := i + bits.TrailingZeros64(dots)>>3; extract.IsURLDot(s, d) {
				st.dot = d
				if h != 0 {
					return i + bits.TrailingZeros64(h)>>3
				}
				return i + 8
			}
		}
		if h != 0 {
			return i + bits.TrailingZeros64(h)>>3
		}
		i += 8
	}
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
		if st.dot < 0 && extract.IsURLDot(s, i) {
			st.dot = i
		}
	}
	return i
}

// load32 is the four bytes of s from i, little-endian. The caller
// guarantees 0 <= i <= len(s)-4: the loops that call it check the upper
// bound anyway, and the compiler cannot prove the lower one, so a bounds
// check here would cost as much as the rest of a step. It compiles to one
// load (the byte order is explicit, so it is right on any machine).
func load32(s string, i int) uint32 {
	b := (*[4]byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i))
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// load64u is load64 without its bounds check, for scanRun's and
// asciiRunDot's loops, which guarantee 0 <= i <= len(s)-8 (see load32).
func load64u(s string, i int) uint64 {
	b := (*[8]byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i))
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// loadTail is the four bytes of s from i, little-endian, as zeros past the
// end (i+4 > len(s)).
func loadTail(s string, i int) uint32 {
	var w uint32
	for k := len(s) - 1; k >= i; k-- {
		w = w<<8 | uint32(s[k])
	}
	return w
}

// slowTables mark the two-byte, three-byte, U+1F000-U+1FFFF and
// U+E0000-U+E0FFF UTF-8 sequences that scanRun leaves to scanText: bit k
// of t2[lead&0x1F] is the sequence whose last byte's low six bits are k;
// t3 is indexed by the low bits of the lead and of the second byte, t1F
// and tE0 by those of the third. Marked are the invalid forms (overlong, surrogates), the code
// points with quick-check properties (scanRun lets the combining marks
// among them pass when it can), the invalid characters (U+FEFF, U+FFFE,
// U+FFFF) and, in slowEmoji, the code points emojiMatters reports, all of
// combining class 0. t3 also marks the heavy code points (see heavyRune).
type slowTables struct {
	t2  [32]uint64
	t3  [1024]struct{ slow, heavy uint64 }
	t1F [64]uint64
	tE0 [64]uint64 // as t1F, for U+E0000-U+E0FFF
}

// slowTabs holds slowPlain and slowEmoji in that order, as values: scanRun
// takes their addresses from it, which the compiler knows are not nil, so
// that its loops need no nil check per step.
var slowTabs = [2]slowTables{*newSlowTables(false), *newSlowTables(true)}

var slowPlain, slowEmoji = &slowTabs[0], &slowTabs[1]

// newSlowTables builds slowEmoji (emoji set) or slowPlain.
func newSlowTables(emoji bool) *slowTables {
	// The quick check's tables (qcSlow2, qcSlow3, qcSlow1F) also mark the
	// invalid forms; add the rest code point by code point.
	t := &slowTables{t2: qcSlow2, t1F: qcSlow1F}
	for k := range t.t3 {
		t.t3[k] = struct{ slow, heavy uint64 }{qcSlow3[k], heavy3[k]}
	}
	for hi := range t.tE0 {
		t.tE0[hi] = quickBits(rune(0xE0000 | hi<<6))
	}
	mark := func(r rune) {
		switch k := uint(r & 63); {
		case r < 0x800:
			t.t2[r>>6&0x1F] |= 1 << k
		case r < 0x10000:
			t.t3[r>>6&0x3FF].slow |= 1 << k
		case r>>12 == 0x1F:
			t.t1F[r>>6&0x3F] |= 1 << k
		case r>>12 == 0xE0:
			t.tE0[r>>6&0x3F] |= 1 << k
		}
	}
	for _, r := range []rune{0xFEFF, 0xFFFE, 0xFFFF} {
		mark(r)
	}
	if emoji {
		for _, rg := range emojiMattersRanges {
			for r := rg[0]; r <= rg[1]; r++ {
				if emojiMatters(r) {
					mark(r)
				}
			}
		}
	}
	return t
}

// emojiMattersRanges hold every code point emojiMatters reports
// (TestEmojiMatters checks it).
var emojiMattersRanges = [][2]rune{{0x80, 0xBF}, {0x2000, 0x20FF}, {0xFE00, 0xFE0F}, {0x1F1E6, 0x1F1FF}, {0x1F3FB, 0x1F3FF}, {0xE0020, 0xE007F}}

// heavy3 marks the heavy three-byte code points (see heavyRune): bit k of
// heavy3[hi] is the code point hi<<6 | k.
var heavy3 = func() (t [1024]uint64) {
	for hi := range t {
		lo := rune(hi) << 6
		switch {
		case heavyRune(lo) && heavyRune(lo+63) && (lo > 8247 || lo+63 < 8192):
			t[hi] = ^uint64(0) // heavy throughout: outside 8192-8247
		case lo+63 <= 4351:
			// light throughout
		default:
			for k := range 64 {
				if heavyRune(lo + rune(k)) {
					t[hi] |= 1 << k
				}
			}
		}
	}
	return
}()

// quickPasses is the NFC quick check (see quickSpanMode) of the valid
// code point r at byte offset i of s, whose quick-check properties p are
// not zero, in a text checked from offset 0: it reports whether r keeps
// the text in NFC as far as the quick check can tell, given what precedes
// it, which it looks back at.
func quickPasses(s string, i int, r rune, p uint16) bool {
	c := p & pCCC
	if p&pNo != 0 {
		return false
	}
	var prev uint16 // ccc of the previous code point
	if i > 0 {
		q, _ := utf8.DecodeLastRuneInString(s[:i])
		prev = props(q) & pCCC
	}
	if c != 0 && c < prev {
		return false
	}
	if p&pMaybe != 0 {
		// The last starter before r, if any.
		last := rune(-1)
		for j := i; j > 0; {
			q, size := utf8.DecodeLastRuneInString(s[:j])
			if props(q)&pCCC == 0 {
				last = q
				break
			}
			j -= size
		}
		if maybeComposes(r, c, prev, last) {
			return false
		}
	}
	return true
}

// segmentStart returns the start of the segment that holds the code point
// at byte offset i of s (valid UTF-8 up to i): the offset of the last code
// point before i without quick-check properties, or 0.
func segmentStart(s string, i int) int {
	for i > 0 {
		q, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if props(q)&pQuick == 0 {
			return i
		}
	}
	return 0
}

// mayHoldEmojiMatters reports whether s may hold a code point that
// emojiMatters reports: one whose UTF-8 encoding starts with C2, E2, EF,
// F0 or F3 (see emojiMattersRanges).
func mayHoldEmojiMatters(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		v := load64(s, i)
		// Only lead bytes (11xxxxxx) need a look.
		for leads := v & (v << 1) & hi8; leads != 0; leads &= leads - 1 {
			if emojiMattersLead(s[i+bits.TrailingZeros64(leads)>>3]) {
				return true
			}
		}
	}
	for ; i < len(s); i++ {
		if emojiMattersLead(s[i]) {
			return true
		}
	}
	return false
}

// emojiMattersLead reports whether c is C2, E2, EF, F0 or F3.
func emojiMattersLead(c byte) bool {
	return c == 0xC2 || c == 0xE2 || c == 0xEF || c == 0xF0 || c == 0xF3
}

// heavyRune reports whether r is outside every range of lightRanges (for
// an astral code point: its low surrogate, see runeWeight).
func heavyRune(r rune) bool {
	return r >= 0x10000 || !(r <= 4351 || r >= 8192 && r <= 8205 || r >= 8208 && r <= 8223 || r >= 8242 && r <= 8247)
}

// emojiMatters reports whether r may make an emoji unit weigh other than
// the code points it spans: an emoji joiner (emoji.IsJoiner: every unit of
// more than one code point holds one), or a unit of its own that is light
// (lightRanges), which costs DefaultWeight as a unit.
func emojiMatters(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0xBF:
		return lightUnitC2>>(r&0x3F)&1 != 0
	case r >= 0x2000 && r <= 0x203F:
		return lightUnitE280>>(r&0x3F)&1 != 0 || emoji.IsJoiner(r)
	}
	return emoji.IsJoiner(r)
}

// lightUnitC2 and lightUnitE280 mark the light code points that are emoji
// units on their own: bit k is U+0080+k and U+2000+k. No other light code
// point is one (every other code point of lightRanges has a lead byte no
// unit starts with; TestEmojiMatters checks it).
var lightUnitC2, lightUnitE280 = func() (c2, e280 uint64) {
	for k := range 64 {
		for _, base := range []rune{0x80, 0x2000} {
			r := base + rune(k)
			if heavyRune(r) {
				continue
			}
			if u := string(r); emoji.Match(u) == len(u) {
				if base == 0x80 {
					c2 |= 1 << k
				} else {
					e280 |= 1 << k
				}
			}
		}
	}
	return
}()

// resume finishes the scan of a text whose NFC quick check failed at
// sc.end (scanText stopped there, see scanInfo.end), for s, its NFC form,
// whose first sc.end bytes are those of the text and whose rest toNFCFrom
// counted in c: it adds c to the counts of s[:sc.end] and looks for the
// first URL dot from sc.end-1 on, where the bytes after it may have
// changed. emoji is as scanText's. sc then describes all of s, and sc.end
// is len(s).
func (sc *scanInfo) resume(s string, emoji bool, c *nfcCounts) {
	sc.n += c.n
	sc.astral += c.astral
	sc.heavy += c.heavy
	sc.invalid = sc.invalid || c.invalid
	sc.emoji = sc.emoji || emoji && c.emoji
	if sc.dot < 0 {
		sc.dot = extract.FirstURLDot(s, max(sc.end-1, 0))
	}
	sc.end = len(s)
}
