// Package twemojire parses the regular expression that twemoji-parser
// 11.0.2 ships in dist/lib/regex.js, expands the finite language it matches
// and turns it into the byte trie that package emoji matches with.
//
// It is used by the generator (gen_table.go) and by the test that checks
// that the generated table is fresh; it is not compiled into package emoji.
//
// The parser accepts only the restricted syntax the file uses:
// alternation, (?:…) and capturing groups, negative lookahead (?!…) of a
// single character or class, character classes of \uXXXX escapes, literal
// characters and ranges, and the greedy ? quantifier. Anything else is an
// error, so a changed upstream file fails loudly instead of being
// misread.
package twemojire

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the kind of a regex [Node].
type Kind int

// The node kinds.
const (
	Alt       Kind = iota // one of Subs, tried in order
	Concat                // Subs in sequence
	Class                 // one code unit from Units
	Opt                   // Subs[0], greedy: tried present first, then absent
	NegLookah             // (?!Units): the next code unit is not in Units
)

// Node is a parsed regex node. Classes and literals are sets of UTF-16 code
// units, because the regex has no u flag and so matches code units.
type Node struct {
	Kind  Kind
	Subs  []*Node
	Units []uint16 // Class, NegLookah: sorted, no duplicates
}

// ExtractLiteral returns the body and flags of the regex literal assigned
// to exports.default in the regex.js source.
func ExtractLiteral(src []byte) (body []rune, flags string, err error) {
	const prefix = "exports.default = /"
	i := bytes.Index(src, []byte(prefix))
	if i < 0 || bytes.Count(src, []byte(prefix)) != 1 {
		return nil, "", fmt.Errorf("regex.js: want exactly one %q", prefix)
	}
	rest := src[i+len(prefix):]
	eol := bytes.IndexByte(rest, '\n')
	if eol < 0 {
		eol = len(rest)
	}
	line := bytes.TrimRight(rest[:eol], "\r")
	if !bytes.HasSuffix(line, []byte(";")) {
		return nil, "", fmt.Errorf("regex.js: regex literal line does not end with ';'")
	}
	line = line[:len(line)-1]
	j := bytes.LastIndexByte(line, '/')
	if j < 0 {
		return nil, "", fmt.Errorf("regex.js: unterminated regex literal")
	}
	if !utf8.Valid(line[:j]) {
		return nil, "", fmt.Errorf("regex.js: regex literal is not valid UTF-8")
	}
	return []rune(string(line[:j])), string(line[j+1:]), nil
}

// Parse parses a regex body in the restricted syntax described in the
// package comment.
func Parse(body []rune) (*Node, error) {
	p := &parser{s: body}
	n, err := p.alt()
	if err != nil {
		return nil, err
	}
	if p.i != len(p.s) {
		return nil, p.errf("unexpected %q", p.s[p.i])
	}
	return n, nil
}

type parser struct {
	s []rune
	i int
}

func (p *parser) errf(format string, args ...any) error {
	return fmt.Errorf("regex offset %d: %s", p.i, fmt.Sprintf(format, args...))
}

func (p *parser) peek() rune {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return -1
}

func (p *parser) alt() (*Node, error) {
	var subs []*Node
	for {
		c, err := p.concat()
		if err != nil {
			return nil, err
		}
		subs = append(subs, c)
		if p.peek() != '|' {
			break
		}
		p.i++
	}
	if len(subs) == 1 {
		return subs[0], nil
	}
	return &Node{Kind: Alt, Subs: subs}, nil
}

func (p *parser) concat() (*Node, error) {
	var subs []*Node
	for {
		c := p.peek()
		if c == -1 || c == '|' || c == ')' {
			break
		}
		a, err := p.atom()
		if err != nil {
			return nil, err
		}
		switch p.peek() {
		case '?':
			p.i++
			if a.Kind == NegLookah {
				return nil, p.errf("quantified lookahead")
			}
			a = &Node{Kind: Opt, Subs: []*Node{a}}
		case '*', '+', '{':
			return nil, p.errf("unsupported quantifier %q", p.peek())
		}
		switch p.peek() {
		case '?', '*', '+', '{':
			return nil, p.errf("unsupported quantifier %q", p.peek())
		}
		subs = append(subs, a)
	}
	if len(subs) == 1 {
		return subs[0], nil
	}
	return &Node{Kind: Concat, Subs: subs}, nil
}

func (p *parser) atom() (*Node, error) {
	switch c := p.peek(); c {
	case '(':
		p.i++
		lookahead := false
		if p.peek() == '?' {
			p.i++
			switch p.peek() {
			case ':':
			case '!':
				lookahead = true
			default:
				return nil, p.errf("unsupported group (?%c", p.peek())
			}
			p.i++
		}
		n, err := p.alt()
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, p.errf("missing )")
		}
		p.i++
		if lookahead {
			if n.Kind != Class {
				return nil, p.errf("lookahead of more than one character")
			}
			return &Node{Kind: NegLookah, Units: n.Units}, nil
		}
		return n, nil
	case '[':
		p.i++
		return p.class()
	default:
		units, err := p.char(false)
		if err != nil {
			return nil, err
		}
		if len(units) == 1 {
			return &Node{Kind: Class, Units: units}, nil
		}
		// An astral literal is two code units in a non-unicode regex.
		return &Node{Kind: Concat, Subs: []*Node{
			{Kind: Class, Units: units[:1]}, {Kind: Class, Units: units[1:]},
		}}, nil
	}
}

// char parses one literal character or \uXXXX escape and returns its
// UTF-16 code units.
func (p *parser) char(inClass bool) ([]uint16, error) {
	c := p.peek()
	switch {
	case c == -1:
		return nil, p.errf("unexpected end")
	case c == '\\':
		if p.i+6 > len(p.s) || p.s[p.i+1] != 'u' {
			return nil, p.errf("unsupported escape")
		}
		var v uint16
		for _, h := range p.s[p.i+2 : p.i+6] {
			var d rune
			switch {
			case '0' <= h && h <= '9':
				d = h - '0'
			case 'a' <= h && h <= 'f':
				d = h - 'a' + 10
			case 'A' <= h && h <= 'F':
				d = h - 'A' + 10
			default:
				return nil, p.errf("bad \\u escape")
			}
			v = v<<4 | uint16(d)
		}
		p.i += 6
		return []uint16{v}, nil
	case inClass && (c == ']' || c == '[' || c == '^'),
		!inClass && bytes.ContainsRune([]byte("^$.*+?()[]{}|/"), c):
		return nil, p.errf("unsupported metacharacter %q", c)
	}
	p.i++
	return utf16.Encode([]rune{c}), nil
}

func (p *parser) class() (*Node, error) {
	if p.peek() == '^' {
		return nil, p.errf("negated class")
	}
	set := map[uint16]bool{}
	for p.peek() != ']' {
		if p.peek() == '-' {
			return nil, p.errf("unescaped - in class")
		}
		lo, err := p.char(true)
		if err != nil {
			return nil, err
		}
		if len(lo) != 1 {
			return nil, p.errf("astral literal in class")
		}
		hi := lo
		if p.peek() == '-' {
			p.i++
			if hi, err = p.char(true); err != nil {
				return nil, err
			}
			if len(hi) != 1 || hi[0] < lo[0] {
				return nil, p.errf("bad range")
			}
		}
		for u := uint32(lo[0]); u <= uint32(hi[0]); u++ {
			set[uint16(u)] = true
		}
	}
	p.i++
	if len(set) == 0 {
		return nil, p.errf("empty class")
	}
	return &Node{Kind: Class, Units: slices.Sorted(maps.Keys(set))}, nil
}
