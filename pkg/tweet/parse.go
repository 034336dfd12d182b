package tweet

import (
	"math"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/emoji"
	"github.com/tweetlen/tweetlen/pkg/extract"
	"golang.org/x/text/unicode/norm"
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
	if !isASCII(s) {
		if !utf8.ValidString(s) {
			orig16 = utf16Len(s) // counts each invalid byte as one unit
			s = repairUTF8(s)
			normalized = true
		}
		if n := norm.NFC.QuickSpanString(s); n < len(s) {
			if nfc := norm.NFC.String(s); nfc != s {
				if orig16 < 0 {
					orig16 = utf16Len(s)
				}
				s = nfc
				normalized = true
			}
		}
	}

	var w walker
	w.init(s, &cfg)
	total, fit, urls := w.run()

	r := Result{
		Normalized: normalized,
		Text:       s,
		FitBytes:   fit,
		URLs:       urls,
		Weight:     total,
	}
	fit16 := utf16Len(s[:fit])
	len16 := fit16 + utf16Len(s[fit:])
	if orig16 < 0 {
		orig16 = len16
	}
	weighted := float64(total) / float64(cfg.Scale)
	limit := float64(cfg.MaxWeightedTweetLength)
	r.WeightedLength = int(weighted)
	r.Valid = !w.sawInvalid && weighted > 0 && weighted <= limit
	r.Permillage = int(math.Floor(weighted / limit * 1000))
	if fit > 0 {
		r.ValidRangeEnd = fit16 - 1
	}
	// twitter-text shifts the end by the global NFC length change, not by a
	// position mapping; reproduce it (counting-rules.md §2, step 8).
	r.ValidRangeEnd += orig16 - len16
	if orig16 > 0 {
		r.DisplayRangeEnd = orig16 - 1
	}
	if fit == len(s) {
		r.SafeCutBytes = fit
	} else {
		r.SafeCutBytes = safeCut(s, fit, &cfg)
	}
	return r
}

// Count returns the weighted length of text under cfg: Parse(text,
// cfg).WeightedLength.
func Count(text string, cfg Config) int {
	return Parse(text, cfg).WeightedLength
}

// walker walks a normalised text unit by unit: a URL, an emoji unit or a
// code point.
type walker struct {
	s   string
	cfg *Config

	urlScan            extract.URLScanner
	urlStart, urlEnd   int // next URL, byte offsets; urlStart = len(s)+1 when none
	emojiStart, emoji  int // next emoji unit: start and end byte offsets
	emojiScanEnd       int // where the emulated global emoji scan resumes
	asciiWeight        int // weight of every ASCII code point, or -1 if they differ
	sawInvalid         bool
	urlWeight, unitWgt int
}

const none = math.MaxInt

func (w *walker) init(s string, cfg *Config) {
	w.s = s
	w.cfg = cfg
	w.urlScan.Reset(s)
	w.nextURL()
	w.emojiStart = none
	if cfg.EmojiParsingEnabled {
		w.nextEmoji()
	}
	w.asciiWeight = uniformASCIIWeight(cfg)
	w.urlWeight = cfg.TransformedURLLength * cfg.Scale
}

func (w *walker) nextURL() {
	if start, end, ok := w.urlScan.Next(); ok {
		w.urlStart, w.urlEnd = start, end
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

// run sums the weights of all units and returns the total, the byte end of
// the longest prefix of units that are valid and within the limit, and the
// number of URLs counted.
func (w *walker) run() (total, fit, urls int) {
	s := w.s
	cfg := w.cfg
	limit := cfg.MaxWeightedTweetLength * cfg.Scale
	frozen := false // fit no longer grows: over the limit or invalid
	i := 0
	for i < len(s) {
		// Units the walk skipped over (a URL or emoji unit that started
		// inside another unit) never count as units.
		for w.urlStart < i {
			w.nextURL()
		}
		for w.emojiStart < i {
			w.nextEmoji()
		}
		var end, weight int
		invalid := false
		switch {
		case i == w.urlStart:
			end, weight = w.urlEnd, w.urlWeight
			urls++
			invalid = endsInvalid(s[i:end])
			w.nextURL()
		case i == w.emojiStart:
			end, weight = w.emoji, cfg.DefaultWeight
			invalid = endsInvalid(s[i:end])
			w.nextEmoji()
		default:
			if c := s[i]; c < utf8.RuneSelf && w.asciiWeight >= 0 {
				// Bulk path: a run of ASCII up to the next URL or emoji.
				stop := min(w.urlStart, w.emojiStart, len(s))
				j := i + 1
				for j < stop && s[j] < utf8.RuneSelf {
					j++
				}
				n := j - i
				add := n * w.asciiWeight
				if !frozen {
					if total+add <= limit {
						fit = j
					} else {
						// Only part of the run fits.
						if w.asciiWeight > 0 {
							fit = i + (limit-total)/w.asciiWeight
						}
						frozen = true
					}
				}
				total += add
				i = j
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			end, weight = i+size, runeWeight(r, cfg)
			invalid = isInvalidChar(r)
		}
		total += weight
		if !frozen {
			if invalid {
				w.sawInvalid = true
				frozen = true
			} else if total <= limit {
				fit = end
			} else {
				frozen = true
			}
		} else if invalid {
			w.sawInvalid = true
		}
		i = end
	}
	return total, fit, urls
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

// uniformASCIIWeight returns the weight shared by all ASCII code points
// under cfg, or -1 when they do not all weigh the same.
func uniformASCIIWeight(cfg *Config) int {
	for _, rg := range cfg.Ranges {
		if rg.End < 0 || rg.Start > 0x7F {
			continue
		}
		if rg.Start <= 0 && rg.End >= 0x7F {
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
