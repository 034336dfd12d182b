package textlen

import "unicode/utf8"

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
	case 0x1F1E6 <= r && r <= 0x1F1FF: // regional indicators
		return true
	case 0x1F3FB <= r && r <= 0x1F3FF: // skin tone modifiers
		return true
	}
	return isExtPict(r)
}

// isExtPict reports whether r is Extended_Pictographic.
func isExtPict(r rune) bool {
	if r < extPict[0][0] {
		return false
	}
	lo, hi := 0, len(extPict)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if extPict[m][1] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(extPict) && extPict[lo][0] <= r
}
