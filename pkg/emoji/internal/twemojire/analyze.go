package twemojire

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Oracle applies the reference's matching rule directly to a [Language]:
// the first path, in priority order, whose text is a prefix of the input
// and whose lookahead holds. It is slow and simple, for checking.
type Oracle struct {
	lang   []Seq
	byText map[string][]int // ranks of the paths with that Text, ascending
	maxLen int
}

// NewOracle indexes lang.
func NewOracle(lang []Seq) *Oracle {
	o := &Oracle{lang: lang, byText: map[string][]int{}}
	for i, s := range lang {
		o.byText[s.Text] = append(o.byText[s.Text], i)
		o.maxLen = max(o.maxLen, len(s.Text))
	}
	return o
}

// holds reports whether the lookahead of path rank is satisfied when rest
// follows its text.
func (o *Oracle) holds(rank int, rest string) bool {
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return !slices.Contains(o.lang[rank].NotBefore, r)
}

// Match returns the byte length and rank of the path the reference matches
// at the start of s, or (0, -1).
func (o *Oracle) Match(s string) (n, rank int) {
	rank = -1
	for k := 1; k <= len(s) && k <= o.maxLen; k++ {
		for _, r := range o.byText[s[:k]] {
			if (rank < 0 || r < rank) && o.holds(r, s[k:]) {
				n, rank = k, r
				break
			}
		}
	}
	return n, rank
}

// Shadow describes a path that can never be the reference's match because
// a path of higher priority, whose text is a proper prefix of it, always
// matches first.
type Shadow struct {
	Rank, ByRank int
}

// Analyze splits the language into the paths that can be matched and the
// shadowed ones. It also returns, for each path, what the reference
// matches when the input is exactly that path's text.
//
// Taking the longest candidate among the live paths (with each text's
// lookaheads ORed together) gives the same answer as the reference's
// first-in-priority rule on every input: the reference's winner w cannot
// be shadowed, and any longer candidate has w as a satisfied,
// higher-priority prefix, so it is shadowed.
func Analyze(lang []Seq) (live []bool, shadowed []Shadow) {
	o := NewOracle(lang)
	live = make([]bool, len(lang))
	for b, s := range lang {
		live[b] = true
	outer:
		for k := range s.Text {
			if k == 0 {
				continue
			}
			for _, a := range o.byText[s.Text[:k]] {
				if a < b && o.holds(a, s.Text[k:]) {
					live[b] = false
					shadowed = append(shadowed, Shadow{Rank: b, ByRank: a})
					break outer
				}
			}
		}
	}
	return live, shadowed
}

// Unit is one string of the table with its combined condition.
type Unit struct {
	Text string
	// NotBefore: the unit matches only when the next code point is not one
	// of these (end of text always qualifies). Empty means no condition.
	NotBefore []rune
}

// Units returns the live strings of lang, sorted, each with the OR of its
// live paths' lookahead conditions (the intersection of their NotBefore
// sets).
func Units(lang []Seq) []Unit {
	live, _ := Analyze(lang)
	m := map[string][]rune{}
	for i, s := range lang {
		if !live[i] {
			continue
		}
		prev, seen := m[s.Text]
		if !seen {
			m[s.Text] = slices.Clone(s.NotBefore)
			continue
		}
		var both []rune
		for _, r := range prev {
			if slices.Contains(s.NotBefore, r) {
				both = append(both, r)
			}
		}
		m[s.Text] = both
	}
	out := make([]Unit, 0, len(m))
	for t, neg := range m {
		out = append(out, Unit{Text: t, NotBefore: neg})
	}
	slices.SortFunc(out, func(a, b Unit) int { return strings.Compare(a.Text, b.Text) })
	return out
}
