package textlen

import (
	"strings"
	"unicode/utf8"
)

//go:generate go run gen_emoji.go

// IsEmojiCluster reports whether the grapheme cluster cluster is an emoji,
// judged by its first code point: an Extended_Pictographic character (with
// whatever modifiers, variation selectors, ZWJ sequences or tags follow it,
// which covers 😀, ❤️, 👍🏽, 👨‍👩‍👧 and tag-sequence flags such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿), a
// regional indicator (a flag such as 🇯🇵, or a lone one, which is an Emoji
// character too), a lone skin tone modifier, or a keycap sequence: one of
// 0-9, # and * followed by U+20E3, with or without U+FE0F between.
//
// Extended_Pictographic includes text-default characters such as © and ™,
// which therefore count as emoji even without U+FE0F; the property table is
// that of the Unicode version uniseg segments with (see extPictVersion).
// cluster is expected to be one cluster as GraphemeCount splits text; only
// its start is examined.
func IsEmojiCluster(cluster string) bool {
	if cluster == "" {
		return false
	}
	c := cluster[0]
	if c < 0x80 {
		// Keycap: base, optional U+FE0F (EF B8 8F), U+20E3 (E2 83 A3).
		if c == '#' || c == '*' || '0' <= c && c <= '9' {
			rest := cluster[1:]
			if len(rest) >= 3 && rest[:3] == "\uFE0F" {
				rest = rest[3:]
			}
			return len(rest) >= 3 && rest[:3] == "\u20E3"
		}
		return false
	}
	r, _ := utf8.DecodeRuneInString(cluster)
	switch {
	case isRegionalIndicator(r):
		return true
	case 0x1F3FB <= r && r <= 0x1F3FF: // skin tone modifiers
		return true
	}
	return isExtPict(r)
}

// isExtPict reports whether r is Extended_Pictographic.
func isExtPict(r rune) bool { return inRanges(extPict[:], r) }

// inRanges reports whether r is in one of the sorted, disjoint inclusive
// ranges rs.
func inRanges(rs [][2]rune, r rune) bool {
	if len(rs) == 0 || r < rs[0][0] {
		return false
	}
	lo, hi := 0, len(rs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rs[m][1] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(rs) && rs[lo][0] <= r
}

// IsQualifiedEmoji reports whether the grapheme cluster cluster is a
// fully-qualified emoji of the Unicode version uniseg knows (extPictVersion):
// one that shows as a single emoji picture whatever the font's defaults.
// That is, judged as Unicode's emoji-test.txt judges its first element:
//   - a flag: two regional indicators (🇯🇵);
//   - a keycap with U+FE0F: one of 0-9, # and *, then U+FE0F, then U+20E3;
//   - otherwise an Extended_Pictographic code point that is
//     Emoji_Presentation (😀, 🧑), or is followed by U+FE0F (❤️) or by a
//     skin tone modifier (☝🏽); whatever ZWJ sequence (🧑‍🔧) or tag
//     sequence follows it belongs to the same emoji.
//
// Unlike [IsEmojiCluster] it does not take text-default characters such as
// © and ™ without U+FE0F, lone regional indicators or lone skin tone
// modifiers for emoji. cluster is expected to be one cluster as
// GraphemeCount splits text; only its first code points are examined.
func IsQualifiedEmoji(cluster string) bool {
	if cluster == "" {
		return false
	}
	if c := cluster[0]; c < 0x80 {
		return (c == '#' || c == '*' || '0' <= c && c <= '9') && strings.HasPrefix(cluster[1:], "\uFE0F\u20E3")
	}
	r, n := utf8.DecodeRuneInString(cluster)
	next, _ := utf8.DecodeRuneInString(cluster[n:])
	switch {
	case isRegionalIndicator(r):
		return isRegionalIndicator(next)
	case !isExtPict(r):
		return false
	}
	return inRanges(emojiPres[:], r) || next == 0xFE0F || 0x1F3FB <= next && next <= 0x1F3FF
}

func isRegionalIndicator(r rune) bool { return 0x1F1E6 <= r && r <= 0x1F1FF }

// UnicodeVersion is the version of Unicode whose emoji and grapheme rules
// this package (through uniseg) knows.
const UnicodeVersion = extPictVersion
