package tweet

import (
	"math"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/emoji"
	"github.com/tweetlen/tweetlen/pkg/extract"
)

// Parse measures text under cfg exactly as twitter-text 3.1.0's parseTweet
// does: it normalises the text to NFC, counts every URL as
// cfg.TransformedURLLength, every emoji unit as cfg.DefaultWeight when
// cfg.EmojiParsingEnabled is set, and every other code point by the weight of
// the first range of cfg.Ranges that holds it.
//
// Parse does not allocate when text is already NFC and valid UTF-8.
//
// Invalid UTF-8 cannot reach twitter-text (JavaScript strings are UTF-16);
// Parse treats each byte that is not part of a valid UTF-8 sequence as if it
// were U+FFFD, the replacement character, and reports Normalized true with
// Text holding the repaired text that the byte offsets index.
func Parse(text string, cfg Config) (r Result) {
	var sc scanInfo
	sc.touch = touch(text)
	scanText(text, true, cfg.EmojiParsingEnabled, &sc)
	// newMeter, by hand for the shipped configs (but for the URL weight).
	m := meter{weight: cfg.DefaultWeight, heavy: cfg.DefaultWeight, limit: cfg.MaxWeightedTweetLength * cfg.Scale}
	ok := m.heavy >= 0
	if len(cfg.Ranges) != 0 {
		if len(cfg.Ranges) == 4 && &cfg.Ranges[0] == &lightRanges[0] && m.weight != lightWeight {
			m.weight = -1 // V2's and V3's ranges
		} else {
			m, ok = newMeter(&cfg)
		}
	}
	if !ok || sc.end != len(text) || sc.dot >= 0 || sc.invalid || cfg.EmojiParsingEnabled && sc.emoji {
		parseRest(&r, text, &cfg, &sc, m.weight, ok)
		return r
	}
	// Most texts: valid, NFC, without a unit (URL or emoji unit) to walk
	// nor an invalid character; the counts give the total (as
	// plainResult, inline: this is most of Parse's fixed cost). newMeter's
	// check of the URL weight, left to parseRest, does not matter here:
	// there is no URL.
	m.ascii = sc.n == len(text)
	total := m.plain(&sc)
	n16 := sc.units16() // UTF-16 code units
	fit, fit16, safe := len(text), n16, len(text)
	if total > m.limit {
		fit, fit16 = m.fitText(text, &sc)
		if fit != len(text) {
			safe = safeCut(text, fit, nil, &cfg)
		}
	}
	lp, ok := shippedLength(total, &cfg)
	if !ok {
		lp = lengthOf(total, &cfg)
	}
	// r is zero: fill the rest (a composite literal would zero it again).
	r.WeightedLength = lp.length
	r.Valid = lp.valid
	r.Permillage = lp.permille
	r.ValidRangeEnd = max(fit16-1, 0)
	r.DisplayRangeEnd = max(n16-1, 0)
	r.FitBytes = fit
	r.SafeCutBytes = safe
	r.Weight = total
	r.Text = text
	return r
}

// parseRest is Parse for the texts its first case leaves: it fills r,
// zero, for text under cfg, which scanText scanned into sc (with its NFC
// check). It normalises the text if need be, then counts it as
// plainResult does when there is no unit to walk, else walks it. weight
// and ok are the meter's weight and newMeter's ok for cfg, which Parse
// found. (Out of Parse, so that Parse's frame holds no walker, and its
// common case spills less.)
//
//go:noinline
func parseRest(r *Result, text string, cfg *Config, sc *scanInfo, weight int, ok bool) {
	orig16 := -1 // UTF-16 length of the original text, when known to differ
	s := text
	normalized := false
	if sc.end < len(s) {
		// Not proven NFC from sc.end on, or not valid UTF-8.
		var nfc string
		var c nfcCounts
		changed, invalid := false, sc.bad
		if !invalid {
			nfc, changed, invalid = toNFCFrom(s, sc.end, &c)
		}
		switch {
		case invalid:
			orig16 = utf16LenAny(s) // counts each invalid byte as one unit
			s = toNFC(repairUTF8(s))
			normalized = true
			scanText(s, false, cfg.EmojiParsingEnabled, sc)
		case changed:
			s = nfc
			normalized = true
			sc.resume(s, cfg.EmojiParsingEnabled, &c)
			orig16 = sc.units16() + c.units16
		default:
			sc.resume(s, cfg.EmojiParsingEnabled, &c)
		}
	}

	m := meter{weight: weight, heavy: cfg.DefaultWeight, limit: cfg.MaxWeightedTweetLength * cfg.Scale, ascii: sc.n == len(s)}
	fast := ok && cfg.TransformedURLLength*cfg.Scale >= 0 && !sc.invalid
	if fast && sc.dot < 0 && !(cfg.EmojiParsingEnabled && sc.emoji) {
		m.plainResult(r, s, cfg, sc, orig16, normalized)
		return
	}
	var w walker
	w.init(s, cfg, sc)
	w.fast = fast
	w.ascii = m.ascii
	w.astralWeight = m.astral()
	if !w.fast || !w.runFast(sc) {
		w = walker{}
		w.init(s, cfg, nil)
		w.run()
	}
	w.result(r, s, cfg, orig16, normalized, &w)
}

// plainResult fills r, zero, with Parse's Result for s (the NFC text, valid
// UTF-8) under cfg, whose meter is m, when s holds no unit to walk and no
// invalid character: sc's counts give the total, and fitText the fit when
// it is over the limit. orig16 is the UTF-16 length of the original text
// when it differs from that of s, else -1. (Parse's first case is this,
// inline, for a text NFC left alone.)
func (m meter) plainResult(r *Result, s string, cfg *Config, sc *scanInfo, orig16 int, normalized bool) {
	t := tally{total: m.plain(sc), pos16: sc.units16()}
	t.fit, t.fit16 = len(s), t.pos16
	if t.total > m.limit {
		t.fit, t.fit16 = m.fitText(s, sc)
	}
	t.result(r, s, cfg, orig16, normalized, nil)
}

// result fills r, zero, with Parse's Result for the tally t of a walk of s
// (the NFC text) under cfg, by w (nil when there was no unit to walk);
// orig16 is the UTF-16 length of the original text when it differs from
// that of s, else -1. (Parse's own result, filled in place: a Result
// returned by value would be copied once more.)
func (t *tally) result(r *Result, s string, cfg *Config, orig16 int, normalized bool, w *walker) {
	r.Normalized = normalized
	r.Text = s
	r.FitBytes = t.fit
	r.URLs = t.urls
	r.Weight = t.total
	if orig16 < 0 {
		orig16 = t.pos16
	}
	lp, ok := shippedLength(t.total, cfg)
	if !ok {
		lp = lengthOf(t.total, cfg)
	}
	r.WeightedLength = lp.length
	r.Valid = lp.valid && !t.sawInvalid
	r.Permillage = lp.permille
	if t.fit16 > 0 {
		r.ValidRangeEnd = t.fit16 - 1
	}
	// twitter-text shifts the end by the global NFC length change, not by a
	// position mapping; reproduce it (counting-rules.md §2, step 8).
	r.ValidRangeEnd += orig16 - t.pos16
	if orig16 > 0 {
		r.DisplayRangeEnd = orig16 - 1
	}
	if t.fit == len(s) {
		r.SafeCutBytes = t.fit
	} else {
		r.SafeCutBytes = safeCut(s, t.fit, w, cfg)
	}
}

// permille is twitter-text's permillage, Math.floor(weighted / limit *
// 1000), in float64 arithmetic as JavaScript computes it.
func permille(weighted, limit float64) int {
	return int(math.Floor(weighted / limit * 1000))
}

// lengthPermille is a weighted length with its permillage, and whether
// it is valid: above 0 and within the limit (the text may hold an invalid
// character all the same).
type lengthPermille struct {
	length, permille int
	valid            bool
}

// lengthOf returns the weighted length, permillage and validity of a text
// of total weight under cfg, as twitter-text computes them: from
// permilleTable for the shipped limits, else in float64 arithmetic.
func lengthOf(total int, cfg *Config) lengthPermille {
	if lp, ok := permilleTable(total, cfg); ok {
		return lp
	}
	return floatLength(total, cfg)
}

// shippedLength is permilleTable for V1's scale and limit, and for V2's
// and V3's (inline).
func shippedLength(total int, cfg *Config) (lp lengthPermille, ok bool) {
	if cfg.Scale == 1 && cfg.MaxWeightedTweetLength == 140 {
		if uint(total) < uint(len(permille140)) {
			return lengthPermille{total, int(permille140[total]), uint(total-1) < 140}, true
		}
	} else if w := total / 100; cfg.Scale == 100 && cfg.MaxWeightedTweetLength == 280 && w*100 == total && uint(w) < uint(len(permille280)) {
		return lengthPermille{w, int(permille280[w]), uint(w-1) < 280}, true
	}
	return lp, false
}

// floatLength is lengthOf in twitter-text's float64 arithmetic: the length
// is weighted = total / cfg.Scale, truncated, and may be valid while not
// an integer.
//
//go:noinline
func floatLength(total int, cfg *Config) lengthPermille {
	weighted := float64(total) / float64(cfg.Scale)
	limit := float64(cfg.MaxWeightedTweetLength)
	return lengthPermille{int(weighted), permille(weighted, limit), weighted > 0 && weighted <= limit}
}

// permille140 and permille280 hold permille(w, limit) for the integer
// lengths w from 0 to 4 × limit, for the limits of the shipped configs:
// the float divisions cost more than the rest of a short text's result.
var permille140, permille280 = func() (t140 [4*140 + 1]int16, t280 [4*280 + 1]int16) {
	for w := range t140 {
		t140[w] = int16(permille(float64(w), 140))
	}
	for w := range t280 {
		t280[w] = int16(permille(float64(w), 280))
	}
	return t140, t280
}()

// permilleTable returns the weighted length, permillage and validity of a
// text of total weight under cfg from permille140 or permille280, or ok
// false when they do not hold it: the length is not an integer (total is
// not a multiple of cfg.Scale), or the limit is not 140 or 280, or the
// length is above 4 × the limit. The shipped scales, 1 and 100, divide as
// constants.
func permilleTable(total int, cfg *Config) (lp lengthPermille, ok bool) {
	w := total
	switch cfg.Scale {
	case 1:
	case 100:
		if w = total / 100; w*100 != total {
			return lp, false
		}
	default:
		if cfg.Scale <= 0 || total%cfg.Scale != 0 {
			return lp, false
		}
		w = total / cfg.Scale
	}
	switch limit := cfg.MaxWeightedTweetLength; {
	case limit == 140 && uint(w) < uint(len(permille140)):
		return lengthPermille{w, int(permille140[w]), w > 0 && w <= limit}, true
	case limit == 280 && uint(w) < uint(len(permille280)):
		return lengthPermille{w, int(permille280[w]), w > 0 && w <= limit}, true
	}
	return lp, false
}

// Count returns the weighted length of text under cfg: Parse(text,
// cfg).WeightedLength.
func Count(text string, cfg Config) int {
	return Parse(text, cfg).WeightedLength
}

// walker walks a normalised text unit by unit, as twitter-text's
// parseTweet does: a URL, an emoji unit, or a code point. Positions are
// bytes, plus a flag for the one place where twitter-text's walk can stop
// inside a code point (see step).
type walker struct {
	s   string
	cfg Config // a copy: a pointer stored here would make Parse's cfg escape

	i       int  // next unit starts at byte i...
	lowHalf bool // ...or at the low surrogate of the astral code point at i

	tally // pos16: UTF-16 code units walked

	urlScan           extract.URLScanner
	urlStart, urlEnd  int  // next URL, byte offsets; none when there is none
	urlElided16       int  // UTF-16 units the URL's text leaves out (see step)
	emojiStart, emoji int  // next emoji unit: start and end byte offsets
	emojiScanEnd      int  // where the emulated global emoji scan resumes
	emojiMulti        bool // list only the emoji units of several code points (see emojiSinglesPlain)

	lowWeight   int  // weight of every code point below U+0800, or -1 if they differ
	cjkWeight   int  // weight of every code point from U+3000 to U+EFFF, or -1
	weight      int  // weight of every code point, or -1 if they differ
	urlWeight   int  // weight of a URL
	limit       int  // the limit in weight (MaxWeightedTweetLength × Scale)
	maxRangeEnd rune // the highest code point any range covers, -1 if none
	light       bool // the ranges are lightRanges (see countLight)

	ascii bool // the text is all ASCII (w.fast): a code point per byte

	fast bool // runFast may walk the text: the weights are known from scanText's counts (see newMeter), and there is no invalid character

	astralWeight int // weight of every astral code point (w.fast)

	spans  [8]span // the last URL and emoji units walked before the limit (a power of two)
	nspans int     // how many were walked in all

	frozen bool // fit no longer grows: over the limit or invalid seen
}

// tally is what a walk finds, for Result.
type tally struct {
	pos16      int  // UTF-16 code units walked
	total      int  // summed weights
	urls       int  // URLs counted
	fit, fit16 int  // end of the units that are valid and within the limit: bytes, UTF-16 units
	sawInvalid bool // an invalid character was seen
}

const none = math.MaxInt

// span is a unit of several code points: [start, end) in bytes.
type span struct{ start, end int }

// record remembers a multi-code-point unit walked while the text still
// fits, for safeCut. The unit starts at byte start and ends at w.i (or
// after the code point at w.i when w.lowHalf).
func (w *walker) record(start int) {
	end := w.i
	if w.lowHalf {
		_, size := utf8.DecodeRuneInString(w.s[end:])
		end += size
	}
	w.recordSpan(start, end)
}

// recordSpan is record for the unit [start, end), in bytes.
func (w *walker) recordSpan(start, end int) {
	if w.frozen {
		return
	}
	w.spans[w.nspans&(len(w.spans)-1)] = span{start, end}
	w.nspans++
}

// insideSpan reports whether byte offset p falls strictly inside one of the
// recorded units.
func (w *walker) insideSpan(p int) bool {
	for k := range min(w.nspans, len(w.spans)) {
		if sp := w.spans[k]; sp.start < p && p < sp.end {
			return true
		}
	}
	return false
}

// spansKnownFrom reports whether every multi-code-point unit that may
// overlap the text from byte offset q on was recorded.
func (w *walker) spansKnownFrom(q int) bool {
	return w.nspans <= len(w.spans) || q >= w.spans[w.nspans%len(w.spans)].start
}

// init prepares the walk of s under cfg. sc, when not nil, is what
// scanText found in all of s: then the URL search starts at its first URL
// dot, if any, and the emoji scan runs only if sc.emoji is set.
func (w *walker) init(s string, cfg *Config, sc *scanInfo) {
	w.s = s
	w.cfg = *cfg
	w.urlStart, w.urlEnd = none, none
	w.emojiStart, w.emoji = none, none
	if sc == nil {
		w.urlScan.Reset(s)
		w.nextURL()
		// Every emoji unit holds a non-ASCII byte (even a keycap ends in
		// U+20E3), so an ASCII text needs no emoji scan.
		if cfg.EmojiParsingEnabled && !isASCII(s) {
			w.nextEmoji()
		}
	} else {
		if sc.dot >= 0 {
			w.urlScan.ResetFrom(s, sc.dot)
			w.nextURL()
		}
		if cfg.EmojiParsingEnabled && sc.emoji {
			w.emojiMulti = emojiSinglesPlain(cfg)
			w.nextEmoji()
		}
	}
	w.urlWeight = cfg.TransformedURLLength * cfg.Scale
	w.limit = cfg.MaxWeightedTweetLength * cfg.Scale
	switch {
	case len(cfg.Ranges) == 0:
		w.weight, w.lowWeight, w.cjkWeight = cfg.DefaultWeight, cfg.DefaultWeight, cfg.DefaultWeight
		w.maxRangeEnd = -1
	case isLightRanges(cfg.Ranges):
		w.weight, w.lowWeight, w.cjkWeight = -1, lightWeight, cfg.DefaultWeight
		if cfg.DefaultWeight == lightWeight {
			w.weight = lightWeight
		}
		w.maxRangeEnd = lightRanges[len(lightRanges)-1].End
		w.light = true
	default:
		w.weight = uniformWeight(cfg, 0, 0x10FFFF)
		w.lowWeight = uniformWeight(cfg, 0, 0x7FF)
		w.cjkWeight = uniformWeight(cfg, 0x3000, 0xEFFF)
		w.maxRangeEnd = -1
		for _, rg := range cfg.Ranges {
			w.maxRangeEnd = max(w.maxRangeEnd, rg.End)
		}
	}
}

// lightWeight is the weight of every range of lightRanges.
const lightWeight = 100

// isLightRanges reports whether ranges are lightRanges (V2's and V3's),
// whose weights plainRun knows how to count in bulk (see countLight).
func isLightRanges(ranges []WeightRange) bool {
	if len(ranges) == 4 && &ranges[0] == &lightRanges[0] {
		return true // V2's and V3's own slice
	}
	return len(ranges) == 4 &&
		ranges[0] == WeightRange{0, 4351, lightWeight} &&
		ranges[1] == WeightRange{8192, 8205, lightWeight} &&
		ranges[2] == WeightRange{8208, 8223, lightWeight} &&
		ranges[3] == WeightRange{8242, 8247, lightWeight}
}

func (w *walker) nextURL() {
	if start, end, ok := w.urlScan.Next(); ok {
		w.urlStart, w.urlEnd = start, end
		w.urlElided16 = w.urlScan.Elided16()
	} else {
		w.urlStart, w.urlEnd = none, none
	}
}

// nextEmoji advances the emulated global emoji scan by one match. Like
// twemoji-parser's regex, the scan resumes where the previous match ended,
// whatever the counting walk skipped in between.
//
// With w.emojiMulti set, it passes over the units of one code point: they
// weigh what their code point weighs, so counting them as code points gives
// the same result, and passing over them does not move the units after
// them (see emoji.NextMulti). Only runFast walks that way; run, the oracle,
// lists every unit.
func (w *walker) nextEmoji() {
	var start, end int
	var ok bool
	if w.emojiMulti {
		start, end, ok = emoji.NextMulti(w.s, w.emojiScanEnd)
	} else {
		start, end, ok = emoji.Next(w.s, w.emojiScanEnd)
	}
	if ok {
		w.emojiStart, w.emoji = start, end
		w.emojiScanEnd = end
	} else {
		w.emojiStart, w.emoji = none, none
	}
}

// emojiSinglesPlain reports whether every emoji unit of one code point
// weighs under cfg what that code point weighs, cfg.DefaultWeight: under
// lightRanges every such code point is heavy (TestEmojiSinglesHeavy), and
// otherwise every code point must weigh DefaultWeight.
func emojiSinglesPlain(cfg *Config) bool {
	return isLightRanges(cfg.Ranges) || uniformWeight(cfg, 0, 0x10FFFF) == cfg.DefaultWeight
}

// run walks the whole text.
func (w *walker) run() {
	for w.i < len(w.s) {
		w.skipPast()
		if stop := min(w.urlStart, w.emojiStart, len(w.s)); w.i < stop && !w.lowHalf {
			w.plainRun(stop)
			continue
		}
		weight, invalid := w.step()
		w.add(weight, invalid)
	}
}

// runFast walks the text from unit to unit (URLs and emoji units) with the
// totals of scanText, sc, instead of counting the code points between the
// units: the total weight is the weight of every code point of the text,
// plus, for each unit, its weight minus that of the code points it spans.
// As no weight is negative, the running total never exceeds the plain
// weight plus the positive differences met so far; while that stays
// within the limit, everything fits and nothing between units needs
// counting. Otherwise the walk counts as run does, from the start or from
// the unit where the bound crossed the limit, until the limit is reached
// (w.frozen), and skips the rest.
//
// It returns false, having changed nothing that matters to Parse's
// fallback, for a URL whose text twitter-text shortens (see step): run
// must walk that text.
func (w *walker) runFast(sc *scanInfo) bool {
	s := w.s
	plain := w.plainTotal(sc)
	exact := plain > w.limit // count between the units
	if exact && w.weight > 0 && !w.ascii && w.emojiStart == none && w.limit >= 0 {
		if handled, ok := w.runURLs(sc, plain); handled {
			return ok
		}
	}
	adj, bound := 0, plain // sum of the differences; plain plus the positive ones
	for {
		if w.urlStart < w.i || w.emojiStart < w.i {
			w.skipPast()
		}
		start := min(w.urlStart, w.emojiStart)
		if start == none {
			break
		}
		if !exact && start == w.emojiStart && w.urlStart == none && w.emojiMulti {
			// Only emoji units left, and everything fits so far.
			a, left := w.runUnits()
			if adj += a; !left {
				break
			}
			start = w.emojiStart
		}
		if exact && !w.frozen && w.i < start {
			w.countGap(start)
		}
		var end, weight int
		var pw, units int
		if start == w.urlStart {
			if w.urlElided16 != 0 {
				return false
			}
			end, weight = w.urlEnd, w.urlWeight
			w.urls++
			w.nextURL()
			pw, units = w.plainWeight(s[start:end])
			w.recordSpan(start, end)
		} else {
			end, weight = w.emoji, w.cfg.DefaultWeight
			if w.emojiMulti {
				// nextEmoji, by hand: the scan resumes at end.
				if st, e, ok := emoji.NextMulti(s, end); ok {
					w.emojiStart, w.emoji, w.emojiScanEnd = st, e, e
				} else {
					w.emojiStart, w.emoji = none, none
				}
			} else {
				w.nextEmoji()
			}
			if end-start == 4 && s[start] >= 0xF0 {
				// One astral code point, as most emoji: heavy (see
				// heavyRune), two UTF-16 code units, and nothing
				// inside that safeCut needs to know. (With
				// w.emojiMulti, no such unit is listed.)
				pw, units = w.astralWeight, 2
			} else {
				pw, units = w.unitWeight(s[start:end])
				w.recordSpan(start, end)
			}
		}
		d := weight - pw
		adj += d
		if !exact && d > 0 {
			if bound += d; bound > w.limit {
				// Count from here on: the total and position so far.
				pre, pre16 := w.plainWeight(s[:start])
				w.total = pre + adj - d
				w.pos16 = pre16
				w.fit, w.fit16 = start, pre16
				exact = true
			}
		}
		w.i = end
		if exact && !w.frozen {
			w.pos16 += units
			w.add(weight, false)
		}
	}
	if exact && !w.frozen && w.i < len(s) {
		w.countGap(len(s))
	}
	w.i = len(s)
	w.total = plain + adj
	w.pos16 = sc.units16()
	if !exact {
		w.fit, w.fit16 = len(s), w.pos16
	}
	return true
}

// urlSpan is a URL that runURLs walked: [start, end) in bytes, and the
// UTF-16 code units of its text.
type urlSpan struct{ start, end, units16 int }

// maxURLSpans is how many URLs runURLs keeps: a text with more is walked
// by runFast's own loop.
const maxURLSpans = 8

// runURLs is runFast for a text over the limit by its code points alone
// (plain, the weight of all of them, above w.limit, which is not
// negative) whose only units are URLs, under one weight for every code
// point (w.weight > 0), not all ASCII (runFast counts an ASCII gap by its
// length anyway).
//
// runFast would count the code points from the start up to the cut. Here
// the URLs come first: their differences give the total, which may well
// be within the limit after all (URLs longer than their weight); only if
// it is not does runURLs look for the cut, from the end when fewer code
// points are left out than fit (see cutBack), else from the start with
// the URLs it kept (see cutForward).
//
// It returns handled false, having walked nothing, for a text of more
// than maxURLSpans URLs: runFast walks it. ok is runFast's result.
func (w *walker) runURLs(sc *scanInfo, plain int) (handled, ok bool) {
	s := w.s
	var urls [maxURLSpans]urlSpan
	n := 0
	adj := 0 // sum of the URLs' differences: weight minus that of their code points
	for w.urlStart != none {
		if w.urlStart < w.i {
			w.skipPast()
			continue
		}
		if w.urlElided16 != 0 {
			return true, false // run must walk it (see runFast)
		}
		if n == len(urls) {
			// Too many to keep: start again, for runFast's loop.
			w.i = 0
			w.urlScan.ResetFrom(s, sc.dot)
			w.nextURL()
			return false, false
		}
		start, end := w.urlStart, w.urlEnd
		w.nextURL()
		pw, units := w.plainWeight(s[start:end])
		urls[n] = urlSpan{start, end, units}
		n++
		adj += w.urlWeight - pw
		w.i = end
	}
	w.urls = n
	w.i = len(s)
	w.total = plain + adj
	w.pos16 = sc.units16()
	switch {
	case w.total <= w.limit:
		w.fit, w.fit16 = len(s), w.pos16
	case 2*(w.total-w.limit) < w.total:
		w.fit, w.fit16 = w.cutBack(urls[:n])
	default:
		w.fit, w.fit16 = w.cutForward(urls[:n])
	}
	// As runFast records them: the URLs walked before the limit was
	// reached, and the one that reached it.
	for _, u := range urls[:n] {
		if u.start > w.fit {
			break
		}
		w.recordSpan(u.start, u.end)
	}
	w.frozen = w.total > w.limit
	return true, true
}

// cutBack returns the fit of runURLs's text, over the limit with the
// total w.total and w.pos16 UTF-16 code units, whose URLs are urls: the
// byte and UTF-16 offsets after the last unit that fits. It leaves out
// units from the end, code points (dropRunesBack) and URLs, until what is
// left fits: as no weight is negative, that is where the walk from the
// start would stop.
func (w *walker) cutBack(urls []urlSpan) (fit, fit16 int) {
	wt := w.weight
	need := w.total - w.limit // weight to leave out, > 0
	stop, pos16 := len(w.s), w.pos16
	for k := len(urls) - 1; ; k-- {
		// The gap before stop, back to the end of URL k.
		lo := 0
		if k >= 0 {
			lo = urls[k].end
		}
		drop := need // code points to leave out: need / wt, rounded up
		if wt != 1 {
			drop = (need + wt - 1) / wt
		}
		j, n, astral := dropRunesBack(w.s, lo, stop, drop, true)
		pos16 -= n + astral
		if need -= n * wt; need <= 0 {
			return j, pos16
		}
		if k < 0 {
			return 0, 0 // never: the empty prefix weighs 0
		}
		// URL k.
		pos16 -= urls[k].units16
		stop = urls[k].start
		if need -= w.urlWeight; need <= 0 {
			return stop, pos16
		}
	}
}

// cutForward is cutBack from the start: it walks the gaps and URLs as
// runFast's exact walk does (countGap), up to the limit.
func (w *walker) cutForward(urls []urlSpan) (fit, fit16 int) {
	total, pos16 := w.total, w.pos16
	w.total, w.pos16, w.i = 0, 0, 0
	for _, u := range urls {
		if w.i < u.start {
			w.countGap(u.start)
			if w.frozen {
				break
			}
		}
		w.i = u.end
		w.pos16 += u.units16
		w.add(w.urlWeight, false)
		if w.frozen {
			break
		}
	}
	if !w.frozen && w.i < len(w.s) {
		w.countGap(len(w.s))
	}
	fit, fit16 = w.fit, w.fit16
	w.total, w.pos16, w.i, w.frozen = total, pos16, len(w.s), false
	return fit, fit16
}

// runUnits is runFast's loop over the emoji units (of several code points,
// w.emojiMulti) once no URL is left and while the text fits (runFast's
// bound is within the limit): it walks them from w.emojiStart on, and
// returns the sum of their differences (a unit's weight minus that of its
// code points). It stops, with left set, before a unit whose difference is
// positive (none is, as every unit of several code points holds a heavy
// one), which would move the bound: runFast's loop takes that one.
func (w *walker) runUnits() (adj int, left bool) {
	s := w.s
	start, end := w.emojiStart, w.emoji
	// unitWeight, by hand: pw = n*wn + heavy*wh.
	wn, wh := w.weight, 0
	if wn < 0 {
		wn, wh = lightWeight, w.cfg.DefaultWeight-lightWeight
	}
	for start != none {
		n, _, heavy := unitCounts(s[start:end])
		d := w.cfg.DefaultWeight - n*wn - heavy*wh
		if d > 0 {
			left = true
			break
		}
		adj += d
		w.recordSpan(start, end)
		w.i = end
		st, e, ok := emoji.NextMulti(s, end)
		if !ok {
			start, end = none, none
			break
		}
		start, end = st, e
		w.emojiScanEnd = e
	}
	w.emojiStart, w.emoji = start, end
	return adj, left
}

// countGap is plainRun for runFast (w.fast, not frozen): it walks the code
// points from w.i up to stop, but counts them only as far as the limit,
// where it freezes the fit (see meter.fitGap).
func (w *walker) countGap(stop int) {
	fit, fit16, total, over := w.meter().fitGap(w.s, w.i, stop, w.total, w.pos16)
	w.fit, w.fit16, w.total, w.frozen = fit, fit16, total, over
	w.pos16 = fit16
	w.i = stop
}

// meter returns the meter of w's config (w.fast).
func (w *walker) meter() meter {
	return meter{weight: w.weight, heavy: w.cfg.DefaultWeight, limit: w.limit, ascii: w.ascii}
}

// plainTotal is the weight of every code point of the text that sc
// describes, counted one by one (w.fast).
func (w *walker) plainTotal(sc *scanInfo) int { return w.meter().plain(sc) }

// plainWeight returns the weight of the code points of t counted one by
// one, and their number of UTF-16 code units (w.fast).
func (w *walker) plainWeight(t string) (weight, units int) {
	if w.ascii {
		return len(t) * w.meter().asciiWeight(), len(t)
	}
	if len(t) <= 16 {
		// A short URL: code point by code point.
		n, astral, heavy := spanCounts(t)
		if w.weight >= 0 {
			return n * w.weight, n + astral
		}
		return n*lightWeight + heavy*(w.cfg.DefaultWeight-lightWeight), n + astral
	}
	if w.weight >= 0 {
		n, astral, _ := countRunes(t)
		return n * w.weight, n + astral
	}
	if isASCII(t) {
		return len(t) * lightWeight, len(t) // a URL, mostly
	}
	n, astral, heavy, _ := countLight(t)
	return n*lightWeight + heavy*(w.cfg.DefaultWeight-lightWeight), n + astral
}

// unitWeight is plainWeight for an emoji unit t: a few code points, even
// in the longest units (a family, a tag flag), so counted one by one
// (w.fast).
func (w *walker) unitWeight(t string) (weight, units int) {
	n, astral, heavy := unitCounts(t)
	if w.weight >= 0 {
		return n * w.weight, n + astral
	}
	return n*lightWeight + heavy*(w.cfg.DefaultWeight-lightWeight), n + astral
}

// unitCounts is spanCounts for an emoji unit t (valid UTF-8): the code
// points, the astral ones and the heavy ones (heavyRune), a code point at
// a time by what unitLead says of its first byte.
func unitCounts(t string) (n, astral, heavy int) {
	for i := 0; i < len(t); n++ {
		x := unitLead[t[i]]
		if x&leadE12 != 0 && heavyE12(t, i) {
			heavy++
		}
		heavy += int(x >> 3 & 1)
		astral += int(x >> 5)
		i += int(x & 7)
	}
	return n, astral, heavy
}

// unitLead describes each first byte of a UTF-8 encoding for unitCounts:
// bits 0-2 the length of the encoding (1 for a byte that starts none, so
// that the loop ends on any input), bit 3 set when the code point is heavy
// whatever follows (E3-EF, F0-F4), bit 4 (leadE12) for E1 and E2, whose
// code points heavyE12 tells, bit 5 for astral code points.
var unitLead = func() (t [256]uint8) {
	for b := range t {
		switch {
		case b >= 0xF0:
			t[b] = 4 | 1<<3 | 1<<5
		case b >= 0xE3:
			t[b] = 3 | 1<<3
		case b >= 0xE1:
			t[b] = 3 | leadE12
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

// leadE12 marks E1 and E2 in unitLead.
const leadE12 = 1 << 4

// meter weighs code points under a config whose weights are known from
// scanText's counts: every code point weight, or, for lightRanges (weight
// -1), lightWeight or heavy (see heavyRune). No weight is negative.
type meter struct {
	weight int  // weight of every code point, -1 for lightRanges
	heavy  int  // weight of a heavy code point under lightRanges
	limit  int  // the limit in weight
	ascii  bool // the text is all ASCII: a code point per byte
}

// newMeter returns the meter of cfg, or ok false when cfg's weights are
// not of that kind (or some weight is negative).
func newMeter(cfg *Config) (m meter, ok bool) {
	m = meter{weight: -1, heavy: cfg.DefaultWeight, limit: cfg.MaxWeightedTweetLength * cfg.Scale}
	if cfg.DefaultWeight < 0 || cfg.TransformedURLLength*cfg.Scale < 0 {
		return m, false
	}
	switch {
	case len(cfg.Ranges) == 0:
		m.weight = cfg.DefaultWeight
	case isLightRanges(cfg.Ranges):
		if cfg.DefaultWeight == lightWeight {
			m.weight = lightWeight
		}
	default:
		if m.weight = uniformWeight(cfg, 0, 0x10FFFF); m.weight < 0 {
			return m, false
		}
	}
	return m, true
}

// astral is the weight of an astral code point.
func (m meter) astral() int {
	if m.weight >= 0 {
		return m.weight
	}
	return m.heavy
}

// plain is the weight of the code points sc counted.
func (m meter) plain(sc *scanInfo) int {
	if m.weight >= 0 {
		return sc.n * m.weight
	}
	return sc.n*lightWeight + sc.heavy*(m.heavy-lightWeight)
}

// asciiWeight is the weight of an ASCII code point.
func (m meter) asciiWeight() int {
	if m.weight < 0 {
		return lightWeight
	}
	return m.weight
}

// fitText is fitGap over all of s (valid UTF-8, no invalid character),
// whose code points sc counted, for a text over the limit: it returns the
// byte and UTF-16 offsets after the last code point that fits. When every
// code point weighs the same and fewer are left out than fit, it skips
// those from the end (dropRunesBack) instead of counting those that fit.
func (m meter) fitText(s string, sc *scanInfo) (fit, fit16 int) {
	if wt := m.asciiWeight(); wt > 0 && m.ascii && m.limit >= 0 {
		// As fitGap's first case: a code point per byte.
		k := m.limit / wt
		return k, k
	}
	if m.weight > 0 && m.limit >= 0 {
		if drop := sc.n - m.limit/m.weight; drop > 0 && 2*drop < sc.n {
			j, _, astral := dropRunesBack(s, 0, len(s), drop, sc.astral != 0)
			return j, sc.units16() - drop - astral
		}
	}
	fit, fit16, _, _ = m.fitGap(s, 0, len(s), 0, 0)
	return fit, fit16
}

// fitGap walks the code points of s (valid UTF-8, no invalid character)
// from byte i up to stop, adding their weights to total, and their UTF-16
// code units to pos16, as long as the total stays within the limit. It
// returns where that ends: stop and the new total, or, with over set, the
// byte offset and UTF-16 offset after the last code point that fits.
// In an all-ASCII text (m.ascii), or when the code points that fit at
// the weight of ASCII are ASCII, one byte each, that is all. Else, under a uniform weight, it skips as many
// code points as fit (see skipRunes); under lightRanges, while the weight
// left covers that many bytes at the heaviest weight, it counts in bulk,
// then code point by code point.
func (m meter) fitGap(s string, i, stop, total, pos16 int) (fit, fit16, newTotal int, over bool) {
	if wt := m.asciiWeight(); wt > 0 && m.ascii && total <= m.limit {
		// A code point and a UTF-16 code unit per byte.
		if k := (m.limit - total) / wt; stop-i > k {
			return i + k, pos16 + k, total + k*wt, true
		}
		n := stop - i
		return stop, pos16 + n, total + n*wt, false
	}
	if wt := m.asciiWeight(); wt > 0 {
		// When the code points that fit at the weight of ASCII are ASCII,
		// one byte each, that is all.
		if k := (m.limit - total) / wt; i+k < stop && isASCII(s[i:i+k+1]) {
			return i + k, pos16 + k, total + k*wt, true
		}
	}
	if wt := m.weight; wt > 0 {
		// As many code points fit as the weight left allows: all of them
		// if there are not more bytes.
		k := (m.limit - total) / wt
		if stop-i <= k {
			n, astral, _ := countRunes(s[i:stop])
			return stop, pos16 + n + astral, total + n*wt, false
		}
		j, n, units := skipRunes(s, i, stop, k)
		return j, pos16 + units, total + n*wt, j < stop
	}
	maxW := m.weight
	if maxW < 0 {
		maxW = max(lightWeight, m.heavy)
	}
	for i < stop {
		room := stop - i // bytes that surely fit: each is at most a code point
		if maxW > 0 {
			room = min(room, (m.limit-total)/maxW)
		}
		if room >= 8 {
			j := i + room
			for j < stop && s[j]&0xC0 == 0x80 {
				j-- // back to the start of a code point
			}
			if m.weight >= 0 {
				n, astral, _ := countRunes(s[i:j])
				total += n * m.weight
				pos16 += n + astral
			} else {
				n, astral, heavy, _ := countLight(s[i:j])
				total += n*lightWeight + heavy*(m.heavy-lightWeight)
				pos16 += n + astral
			}
			i = j
			continue
		}
		// One code point.
		c := s[i]
		size, units := 1, 1
		switch {
		case c >= 0xF0:
			size, units = 4, 2
		case c >= 0xE0:
			size = 3
		case c >= 0xC0:
			size = 2
		}
		wt := m.weight
		if wt < 0 {
			wt = lightWeight
			if r, _ := utf8.DecodeRuneInString(s[i:]); heavyRune(r) {
				wt = m.heavy
			}
		}
		if total+wt > m.limit {
			return i, pos16, total, true
		}
		total += wt
		pos16 += units
		i += size
	}
	return stop, pos16, total, false
}

// add accounts for one unit of the given weight that the walk just passed.
func (w *walker) add(weight int, invalid bool) {
	w.total += weight
	if invalid {
		w.sawInvalid = true
	}
	if !w.frozen {
		if invalid || w.total > w.limit {
			w.frozen = true
		} else {
			w.fit, w.fit16 = w.i, w.pos16
		}
	}
}

// plainRun walks the code points from w.i up to stop, where no URL or emoji
// unit starts: each is a unit of its own. It is the hot loop of Parse, so
// it takes runs of code points of one weight in bulk, without decoding:
// everything under a uniform config (V1), and ASCII with two-byte code
// points (U+0000–U+07FF) or three-byte ones from U+3000 to U+EFFF (CJK,
// kana, Hangul) whenever the config gives all of those the same weight.
func (w *walker) plainRun(stop int) {
	s := w.s
	if w.weight >= 0 {
		n, astral, maybeInvalid := countRunes(s[w.i:stop])
		if !maybeInvalid || IndexInvalid(s[w.i:stop]) < 0 {
			w.addRun(stop, n, n+astral, w.weight)
			return
		}
	} else if w.light {
		n, astral, heavy, maybeInvalid := countLight(s[w.i:stop])
		add := n*lightWeight + heavy*(w.cfg.DefaultWeight-lightWeight)
		if (w.frozen || w.total+add <= w.limit) && (!maybeInvalid || IndexInvalid(s[w.i:stop]) < 0) {
			if !w.frozen {
				w.fit, w.fit16 = stop, w.pos16+n+astral
			}
			w.total += add
			w.pos16 += n + astral
			w.i = stop
			return
		}
	}
	for w.i < stop {
		i := w.i
		c := s[i]
		if c < 0xE0 && w.lowWeight >= 0 {
			j := i + 1
			for j+8 <= stop && load64(s, j)&hi8 == 0 {
				j += 8
			}
			ascii := c < utf8.RuneSelf
			for ; j < stop && s[j] < 0xE0; j++ {
				if s[j] >= utf8.RuneSelf {
					ascii = false
				}
			}
			n := j - i
			if !ascii {
				n, _, _ = countRunes(s[i:j])
			}
			w.addRun(j, n, n, w.lowWeight)
			continue
		}
		if c >= 0xE3 && c <= 0xEE && w.cjkWeight >= 0 {
			j := i + 3
			for j+3 <= stop && s[j] >= 0xE3 && s[j] <= 0xEE {
				j += 3
			}
			n := (j - i) / 3
			w.addRun(j, n, n, w.cjkWeight)
			continue
		}
		w.addRune(c)
	}
}

// addRune walks the one code point at w.i, whose first byte is c. The text
// is valid UTF-8. The weight is looked up by the code point, or for an
// astral one by its low surrogate as twitter-text does (see runeWeight).
func (w *walker) addRune(c byte) {
	s, i := w.s, w.i
	var r, key rune
	switch {
	case c < utf8.RuneSelf:
		r = rune(c)
		key = r
		i++
	case c < 0xE0:
		r = rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
		key = r
		i += 2
	case c < 0xF0:
		r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		key = r
		i += 3
	default:
		r = rune(c&0x07)<<18 | rune(s[i+1]&0x3F)<<12 | rune(s[i+2]&0x3F)<<6 | rune(s[i+3]&0x3F)
		key = 0xDC00 + (r-0x10000)&0x3FF
		i += 4
		w.pos16++
	}
	w.i = i
	w.pos16++
	weight := w.cfg.DefaultWeight
	if key <= w.maxRangeEnd {
		weight = runeWeight(r, &w.cfg)
	}
	w.add(weight, r >= 0xFEFF && isInvalidChar(r))
}

// addRun walks n code points of weight wt each, none of them invalid,
// from w.i to byte j, and units UTF-16 code units. When the limit falls
// inside the run, the fit ends after as many code points as fit.
func (w *walker) addRun(j, n, units, wt int) {
	add := n * wt
	if !w.frozen {
		if w.total+add <= w.limit {
			w.fit, w.fit16 = j, w.pos16+units
		} else {
			k := n // code points that fit
			if wt > 0 {
				k = (w.limit - w.total) / wt
			}
			end, u := w.i+k, k // every code point one byte
			if j-w.i != n {
				end, u = advanceRunes(w.s, w.i, k)
			}
			w.fit, w.fit16 = end, w.pos16+u
			w.frozen = true
		}
	}
	w.total += add
	w.pos16 += units
	w.i = j
}

// skipPast drops the URLs and emoji units that start before the walk's
// position: twitter-text counts a unit only if its walk lands on its start.
func (w *walker) skipPast() {
	for w.urlStart < w.i {
		w.nextURL()
	}
	for w.emojiStart < w.i {
		w.nextEmoji()
	}
}

// step walks one unit, advancing w.i, w.lowHalf and w.pos16, and returns
// its weight and whether its last UTF-16 code unit is an invalid character
// (twitter-text tests only that one).
func (w *walker) step() (weight int, invalid bool) {
	s := w.s
	i := w.i
	if w.lowHalf {
		// The rest of an astral code point whose high surrogate ended a URL.
		r, size := utf8.DecodeRuneInString(s[i:])
		w.i, w.lowHalf = i+size, false
		w.pos16++
		return runeWeight(r, &w.cfg), false
	}
	w.skipPast()
	switch i {
	case w.urlStart:
		w.urls++
		end, elided := w.urlEnd, w.urlElided16
		w.nextURL()
		n16 := utf16Len(s[i:end]) - elided
		w.pos16 += n16
		if elided == 0 {
			w.i = end
			w.record(i)
			return w.urlWeight, endsInvalid(s[i:end])
		}
		// twitter-text skips the length of the URL's text, which can be
		// shorter than its span (a protocol-less URL whose path is joined
		// to an ASCII domain found before the end of the matched domain).
		// The skip may end inside an astral code point.
		j := i
		for left := n16; left > 0; {
			r, size := utf8.DecodeRuneInString(s[j:])
			if r >= 0x10000 {
				if left == 1 {
					w.i, w.lowHalf = j, true
					w.record(i)
					return w.urlWeight, false
				}
				left--
			}
			left--
			j += size
		}
		w.i = j
		w.record(i)
		return w.urlWeight, endsInvalid(s[i:j])
	case w.emojiStart:
		end := w.emoji
		w.nextEmoji()
		w.pos16 += utf16Len(s[i:end])
		w.i = end
		w.record(i)
		return w.cfg.DefaultWeight, endsInvalid(s[i:end])
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	w.i += size
	w.pos16++
	if r >= 0x10000 {
		w.pos16++
	}
	return runeWeight(r, &w.cfg), isInvalidChar(r)
}

// runeWeight is the weight of r under cfg. Like twitter-text's JavaScript,
// it looks an astral code point up by its low surrogate (a UTF-16 code unit),
// which gives DefaultWeight with every shipped config.
func runeWeight(r rune, cfg *Config) int {
	key := r
	if r >= 0x10000 {
		key = 0xDC00 + (r-0x10000)&0x3FF
	}
	for _, rg := range cfg.Ranges {
		if key >= rg.Start && key <= rg.End {
			return rg.Weight
		}
	}
	return cfg.DefaultWeight
}

// uniformWeight returns the weight of the code points lo through hi under
// cfg when they all have the same, or -1. (Astral code points are looked up
// by their low surrogate, see runeWeight: ask only about BMP ranges, or
// about all of Unicode with lo 0 and hi 0x10FFFF.)
func uniformWeight(cfg *Config, lo, hi rune) int {
	if lo == 0 && hi == 0x10FFFF {
		for _, rg := range cfg.Ranges {
			if rg.Weight != cfg.DefaultWeight {
				return -1
			}
		}
		return cfg.DefaultWeight
	}
	for _, rg := range cfg.Ranges {
		if rg.End < lo || rg.Start > hi {
			continue
		}
		if rg.Start <= lo && rg.End >= hi {
			return rg.Weight
		}
		return -1
	}
	return cfg.DefaultWeight
}

// isInvalidChar reports whether r is one of the characters that make a
// Tweet invalid (twitter-text's invalidCharsGroup).
func isInvalidChar(r rune) bool {
	return r == 0xFFFE || r == 0xFEFF || r == 0xFFFF
}

// endsInvalid reports whether the last code unit of unit is an invalid
// character: twitter-text tests only the last UTF-16 code unit of each unit.
func endsInvalid(unit string) bool {
	r, _ := utf8.DecodeLastRuneInString(unit)
	return isInvalidChar(r)
}
