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
func Parse(text string, cfg Config) Result {
	orig16 := -1 // UTF-16 length of the original text, when known to differ
	s := text
	normalized := false
	class, prefix := classifyPrefix(s)
	if class == textMaybeNotNFC {
		nfc, changed, invalid := toNFCFrom(s, prefix)
		switch {
		case invalid:
			class = textInvalidUTF8
		case changed:
			orig16 = utf16Len(s)
			s = nfc
			normalized = true
		}
	}
	if class == textInvalidUTF8 {
		orig16 = utf16LenAny(s) // counts each invalid byte as one unit
		s = toNFC(repairUTF8(s))
		normalized = true
	}

	var w walker
	w.init(s, &cfg)
	w.run()

	r := Result{
		Normalized: normalized,
		Text:       s,
		FitBytes:   w.fit,
		URLs:       w.urls,
		Weight:     w.total,
	}
	if orig16 < 0 {
		orig16 = w.pos16
	}
	weighted := float64(w.total) / float64(cfg.Scale)
	limit := float64(cfg.MaxWeightedTweetLength)
	r.WeightedLength = int(weighted)
	r.Valid = !w.sawInvalid && weighted > 0 && weighted <= limit
	r.Permillage = int(math.Floor(weighted / limit * 1000))
	if w.fit16 > 0 {
		r.ValidRangeEnd = w.fit16 - 1
	}
	// twitter-text shifts the end by the global NFC length change, not by a
	// position mapping; reproduce it (counting-rules.md §2, step 8).
	r.ValidRangeEnd += orig16 - w.pos16
	if orig16 > 0 {
		r.DisplayRangeEnd = orig16 - 1
	}
	if w.fit == len(s) {
		r.SafeCutBytes = w.fit
	} else {
		r.SafeCutBytes = safeCut(s, w.fit, &w)
	}
	return r
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
	pos16   int  // UTF-16 code units walked

	urlScan           extract.URLScanner
	urlStart, urlEnd  int // next URL, byte offsets; none when there is none
	urlElided16       int // UTF-16 units the URL's text leaves out (see step)
	emojiStart, emoji int // next emoji unit: start and end byte offsets
	emojiScanEnd      int // where the emulated global emoji scan resumes

	lowWeight   int  // weight of every code point below U+0800, or -1 if they differ
	cjkWeight   int  // weight of every code point from U+3000 to U+EFFF, or -1
	weight      int  // weight of every code point, or -1 if they differ
	urlWeight   int  // weight of a URL
	limit       int  // the limit in weight (MaxWeightedTweetLength × Scale)
	maxRangeEnd rune // the highest code point any range covers, -1 if none
	light       bool // the ranges are lightRanges (see countLight)

	spans  [8]span // the last URL and emoji units walked before the limit
	nspans int     // how many were walked in all

	total      int  // summed weights
	urls       int  // URLs counted
	fit, fit16 int  // end of the units that are valid and within the limit: bytes, UTF-16 units
	frozen     bool // fit no longer grows: over the limit or invalid seen
	sawInvalid bool
}

const none = math.MaxInt

// span is a unit of several code points: [start, end) in bytes.
type span struct{ start, end int }

// record remembers a multi-code-point unit walked while the text still
// fits, for safeCut.
func (w *walker) record(start int) {
	if w.frozen {
		return
	}
	end := w.i
	if w.lowHalf {
		_, size := utf8.DecodeRuneInString(w.s[end:])
		end += size
	}
	w.spans[w.nspans%len(w.spans)] = span{start, end}
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

func (w *walker) init(s string, cfg *Config) {
	w.s = s
	w.cfg = *cfg
	w.urlScan.Reset(s)
	w.nextURL()
	w.emojiStart, w.emoji = none, none
	// Every emoji unit holds a non-ASCII byte (even a keycap ends in
	// U+20E3), so an ASCII text needs no emoji scan.
	if cfg.EmojiParsingEnabled && !isASCII(s) {
		w.nextEmoji()
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
func (w *walker) nextEmoji() {
	if start, end, ok := emoji.Next(w.s, w.emojiScanEnd); ok {
		w.emojiStart, w.emoji = start, end
		w.emojiScanEnd = end
	} else {
		w.emojiStart, w.emoji = none, none
	}
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
