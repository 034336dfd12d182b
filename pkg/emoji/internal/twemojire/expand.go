package twemojire

import (
	"fmt"
	"slices"
	"unicode/utf16"
)

// path is one way through the regex: the code units it consumes and the
// negative lookahead still pending at its end (units the next code unit
// must not be).
type path struct {
	units []uint16
	neg   []uint16
}

// expand returns every path through n in the order a backtracking JS
// matcher tries them: alternatives left to right, a greedy ? with its
// operand first, and concatenations in lexicographic order of their parts.
// Lookaheads are resolved against the unit that follows them where there is
// one; paths they forbid are dropped.
func expand(n *Node) ([]path, error) {
	switch n.Kind {
	case Class:
		out := make([]path, len(n.Units))
		for i, u := range n.Units {
			out[i] = path{units: []uint16{u}}
		}
		return out, nil
	case NegLookah:
		return []path{{neg: n.Units}}, nil
	case Opt:
		out, err := expand(n.Subs[0])
		if err != nil {
			return nil, err
		}
		return append(out, path{}), nil
	case Alt:
		var out []path
		for _, s := range n.Subs {
			ps, err := expand(s)
			if err != nil {
				return nil, err
			}
			out = append(out, ps...)
		}
		return out, nil
	case Concat:
		out := []path{{}}
		for _, s := range n.Subs {
			ps, err := expand(s)
			if err != nil {
				return nil, err
			}
			next := make([]path, 0, len(out)*len(ps))
			for _, a := range out {
				for _, b := range ps {
					if c, ok := join(a, b); ok {
						next = append(next, c)
					}
				}
			}
			if len(next) > 1<<20 {
				return nil, fmt.Errorf("regex language too large")
			}
			out = next
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown node kind %d", n.Kind)
}

func join(a, b path) (path, bool) {
	if len(b.units) == 0 {
		neg := slices.Clone(a.neg)
		for _, u := range b.neg {
			if !slices.Contains(neg, u) {
				neg = append(neg, u)
			}
		}
		slices.Sort(neg)
		return path{units: a.units, neg: neg}, true
	}
	if slices.Contains(a.neg, b.units[0]) {
		return path{}, false
	}
	return path{units: append(slices.Clip(a.units), b.units...), neg: b.neg}, true
}

// Seq is one string of the regex's language with its lookahead condition.
type Seq struct {
	// Text is the matched text, well-formed UTF-16 decoded to UTF-8.
	Text string
	// NotBefore lists the code points that must not follow Text for this
	// path to match (a trailing negative lookahead); empty means none.
	// End of text satisfies the condition.
	NotBefore []rune
}

// Language returns every path through the regex in the backtracking
// matcher's priority order: at a given position the reference matches the
// first Seq whose Text is a prefix of the remaining text and whose
// NotBefore condition holds. The same Text may appear more than once.
//
// It fails if a string is empty or not well-formed UTF-16 (a lone or
// unpaired surrogate, which could make a match start or end inside a
// surrogate pair), or if a lookahead names a surrogate.
func Language(root *Node) ([]Seq, error) {
	ps, err := expand(root)
	if err != nil {
		return nil, err
	}
	out := make([]Seq, 0, len(ps))
	for _, p := range ps {
		if len(p.units) == 0 {
			return nil, fmt.Errorf("regex matches the empty string")
		}
		for i, u := range p.units {
			switch {
			case utf16.IsSurrogate(rune(u)) && u < 0xdc00:
				if i+1 == len(p.units) || p.units[i+1] < 0xdc00 || p.units[i+1] > 0xdfff {
					return nil, fmt.Errorf("sequence %04x: lone high surrogate at %d", p.units, i)
				}
			case utf16.IsSurrogate(rune(u)):
				if i == 0 || p.units[i-1] < 0xd800 || p.units[i-1] > 0xdbff {
					return nil, fmt.Errorf("sequence %04x: lone low surrogate at %d", p.units, i)
				}
			}
		}
		var neg []rune
		for _, u := range p.neg {
			if utf16.IsSurrogate(rune(u)) {
				return nil, fmt.Errorf("sequence %04x: lookahead on surrogate %04x", p.units, u)
			}
			neg = append(neg, rune(u))
		}
		out = append(out, Seq{Text: string(utf16.Decode(p.units)), NotBefore: neg})
	}
	return out, nil
}

// LanguageOf parses the regex.js source and returns its [Language].
func LanguageOf(src []byte) ([]Seq, error) {
	body, flags, err := ExtractLiteral(src)
	if err != nil {
		return nil, err
	}
	if flags != "g" {
		return nil, fmt.Errorf("regex.js: flags %q, want \"g\"", flags)
	}
	root, err := Parse(body)
	if err != nil {
		return nil, err
	}
	return Language(root)
}
