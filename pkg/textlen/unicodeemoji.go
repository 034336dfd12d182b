package textlen

import (
	"sort"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/extract"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// UnicodeEmojiResult is a text's length under a twitter-text config with
// modern emoji: see [ParseUnicodeEmoji].
type UnicodeEmojiResult struct {
	// Reference is twitter-text's own parse of the text (tweet.Parse),
	// unchanged.
	Reference tweet.Result
	// Weight is the sum of the weights, in units of 1/Config.Scale, with
	// every fully-qualified emoji weighing Config.DefaultWeight.
	Weight int
	// WeightedLength is Weight / Config.Scale, rounded down: the length in
	// units of the limit.
	WeightedLength int
	// Emoji is the number of fully-qualified emoji grapheme clusters
	// outside URLs; Reweighed is how many of them the reference weighs
	// differently (an emoji newer than its emoji set, split into pieces).
	Emoji, Reweighed int
	// SafeCutBytes is the byte length of the longest prefix of
	// Reference.Text that fits within Config.MaxWeightedTweetLength, cut
	// between grapheme clusters and outside URLs; len(Reference.Text) when
	// the whole text fits.
	SafeCutBytes int
}

// ParseUnicodeEmoji counts text as tweet.Parse does under cfg, except that
// every fully-qualified emoji grapheme cluster (IsQualifiedEmoji) outside a
// URL weighs cfg.DefaultWeight (2 units under X's v3 config), whatever the
// reference's emoji set, which stops at Emoji 11 (twemoji-parser 11.0.2),
// makes of it. The reference weighs 🧑‍🔧 (Emoji 12.1) as 🧑, the joiner and
// 🔧: 5 units under v3; here it weighs 2.
//
// Each emoji's reference weight is that of the cluster parsed alone; the
// difference is taken off the reference's total. It is meant for configs
// with emoji parsing (v3); under others it still weighs each emoji as one
// DefaultWeight unit.
func ParseUnicodeEmoji(text string, cfg tweet.Config) UnicodeEmojiResult {
	ref := tweet.Parse(text, cfg)
	r := UnicodeEmojiResult{Reference: ref, Weight: ref.Weight}
	s := ref.Text
	var deltas []weightDelta // by cluster end, for the safe cut
	eachEmoji(s, func(start, end int) {
		r.Emoji++
		d := cfg.DefaultWeight - tweet.Parse(s[start:end], cfg).Weight
		if d != 0 {
			r.Reweighed++
			r.Weight += d
			deltas = append(deltas, weightDelta{end: end, delta: d})
		}
	})
	if cfg.Scale > 0 {
		r.WeightedLength = r.Weight / cfg.Scale
	}
	r.SafeCutBytes = len(s)
	if budget := cfg.MaxWeightedTweetLength * cfg.Scale; r.Weight > budget {
		r.SafeCutBytes = unicodeEmojiCut(s, cfg, budget, ref.SafeCutBytes, deltas)
	}
	return r
}

// weightDelta is what the weight of the prefix ending at byte end (and of
// every longer prefix) changes by when an emoji is re-weighed.
type weightDelta struct{ end, delta int }

// eachEmoji calls fn with the byte range of every fully-qualified emoji
// grapheme cluster of s that does not overlap a URL.
func eachEmoji(s string, fn func(start, end int)) {
	urls := extract.URLs(s)
	for i := 0; i < len(s); {
		for len(urls) > 0 && urls[0].End <= i {
			urls = urls[1:]
		}
		if len(urls) > 0 && urls[0].Start <= i {
			i = urls[0].End
			continue
		}
		if s[i] < 0x80 && (i+1 == len(s) || s[i+1] < 0x80) {
			i++ // an ASCII character followed by ASCII is a cluster of its own
			continue
		}
		cl, _, _, _ := uniseg.FirstGraphemeClusterInString(s[i:], -1)
		end := i + len(cl)
		if IsQualifiedEmoji(cl) && (len(urls) == 0 || end <= urls[0].Start) {
			fn(i, end)
		}
		i = end
	}
}

// unicodeEmojiCut returns the longest prefix of s, ending on a grapheme
// boundary outside URLs at or after from, whose weight with the re-weighed
// emoji is at most budget. Re-weighing only lowers weights, so the
// reference's own safe cut (from) is a lower bound.
func unicodeEmojiCut(s string, cfg tweet.Config, budget, from int, deltas []weightDelta) int {
	var cuts []int // candidate prefix lengths, increasing
	urls := extract.URLs(s)
	state := -1
	for i := from; i < len(s); {
		for len(urls) > 0 && urls[0].End <= i {
			urls = urls[1:]
		}
		inURL := len(urls) > 0 && urls[0].Start < i
		if !inURL && i > from {
			cuts = append(cuts, i)
		}
		var cl string
		cl, _, _, state = uniseg.FirstGraphemeClusterInString(s[i:], state)
		i += len(cl)
	}
	weight := func(n int) int {
		w := tweet.Parse(s[:n], cfg).Weight
		for _, d := range deltas {
			if d.end <= n {
				w += d.delta
			}
		}
		return w
	}
	k := sort.Search(len(cuts), func(k int) bool { return weight(cuts[k]) > budget })
	if k == 0 {
		return from
	}
	return cuts[k-1]
}
