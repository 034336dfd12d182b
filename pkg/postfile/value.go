package postfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// vkind is the kind of a value of a structured input.
type vkind int

const (
	vNull vkind = iota
	vStr
	vNum
	vBool
	vSeq
	vMap
)

func (k vkind) String() string {
	switch k {
	case vNull:
		return "null"
	case vStr:
		return "a string"
	case vNum:
		return "a number"
	case vBool:
		return "a boolean"
	case vSeq:
		return "a list"
	}
	return "a mapping"
}

// value is a JSON or YAML value with the place it is written at. Front
// matter, YAML and JSON records are read into values, and one piece of code
// (fields.go) turns values into posts.
type value struct {
	kind vkind
	// off is the offset of the value's first byte in the input.
	off int
	// str is a string's value, or a scalar's text as written.
	str string
	// textOff is where str starts in the input; verbatim reports whether
	// str is written there byte for byte.
	textOff  int
	verbatim bool
	// yaml marks values from YAML, where an unquoted 12 or true may be
	// meant as text.
	yaml  bool
	items []*value
	keys  []field
	// raw is the JSON text of a value from JSON.
	raw []byte
}

// field is a key of a mapping and its value.
type field struct {
	name string
	off  int
	val  *value
}

// --- YAML ---

// yfrag is a part of the input parsed as YAML, with the starts of its lines
// as YAML counts them (YAML also breaks lines at "\r", U+0085, U+2028 and
// U+2029, and counts columns in code points).
type yfrag struct {
	s     *src
	start int
	end   int
	lines []int // offsets in s.data
}

func newYFrag(s *src, start, end int) *yfrag {
	f := &yfrag{s: s, start: start, end: end, lines: []int{start}}
	d := s.data[:end]
	for i := start; i < end; {
		c, n := utf8.DecodeRune(d[i:])
		switch c {
		case '\r':
			if i+1 < end && d[i+1] == '\n' {
				n = 2
			}
			f.lines = append(f.lines, i+n)
		case '\n', '\u0085', '\u2028', '\u2029':
			f.lines = append(f.lines, i+n)
		}
		i += n
	}
	return f
}

// off returns the offset of YAML's 1-based line and column.
func (f *yfrag) off(line, col int) int {
	if line < 1 {
		return f.start
	}
	if line > len(f.lines) {
		return f.end
	}
	i := f.lines[line-1]
	end := f.end
	if line < len(f.lines) {
		end = f.lines[line]
	}
	for ; col > 1 && i < end; col-- {
		_, n := utf8.DecodeRune(f.s.data[i:end])
		i += n
	}
	return i
}

// lineOff returns the offset of the start of YAML's 1-based line.
func (f *yfrag) lineOff(line int) int { return f.off(line, 1) }

var yamlLineErr = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the messages of the YAML parser, whose line numbers
// are 0-based; those of its scanner are 1-based.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlError turns an error of the YAML parser into an *Error with the line in
// the file.
func (r *reader) yamlError(err error, f *yfrag, what string) *Error {
	msg := err.Error()
	if m := yamlLineErr.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		if yamlParserProblems[m[2]] {
			// The YAML parser (unlike its scanner) reports 0-based
			// lines.
			n++
		}
		line := r.lineOf(f.lineOff(n)) + 1
		return r.errLine(line, what+": "+m[2])
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return r.errLine(r.lineOf(f.start)+1, what+": "+msg)
}

// decodeYAML decodes the next document of dec. The parser is not ours; a
// panic in it is turned into an error rather than taking the caller down.
func decodeYAML(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("yaml: cannot parse: %v", e)
		}
	}()
	return dec.Decode(n)
}

// parseYAML parses s.data[start:end] as YAML documents.
func (r *reader) parseYAML(start, end int, what string) (*yfrag, []*yaml.Node, *Error) {
	f := newYFrag(r.src, start, end)
	dec := yaml.NewDecoder(bytes.NewReader(r.data[start:end]))
	var docs []*yaml.Node
	for {
		n := new(yaml.Node)
		err := decodeYAML(dec, n)
		if errors.Is(err, io.EOF) {
			return f, docs, nil
		}
		if err != nil {
			return f, docs, r.yamlError(err, f, what)
		}
		docs = append(docs, n)
	}
}

// maxDepth bounds the nesting of YAML values (aliases included).
const maxDepth = 64

// yamlValue converts a YAML node. Aliases are followed, within a budget of
// nodes: a few aliases can stand for a huge tree.
func (r *reader) yamlValue(n *yaml.Node, f *yfrag, depth int) *value {
	limit := 100000 + 10*len(r.data)
	r.yamlNodes++
	if r.yamlNodes == limit+1 {
		r.failAt(f.start, "YAML aliases expand to too many values")
	}
	if n == nil || depth > maxDepth || r.yamlNodes > limit {
		return &value{kind: vNull, off: f.start, textOff: -1, yaml: true}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &value{kind: vNull, off: f.off(n.Line, n.Column), textOff: -1, yaml: true}
		}
		return r.yamlValue(n.Content[0], f, depth+1)
	case yaml.AliasNode:
		return r.yamlValue(n.Alias, f, depth+1)
	}
	v := &value{off: f.off(n.Line, n.Column), textOff: -1, yaml: true}
	switch n.Kind {
	case yaml.SequenceNode:
		v.kind = vSeq
		for _, c := range n.Content {
			v.items = append(v.items, r.yamlValue(c, f, depth+1))
		}
	case yaml.MappingNode:
		v.kind = vMap
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			for k.Kind == yaml.AliasNode && k.Alias != nil && depth < maxDepth {
				k, depth = k.Alias, depth+1
			}
			koff := f.off(k.Line, k.Column)
			if k.Kind != yaml.ScalarNode {
				r.failAt(koff, "a key must be a plain string")
				continue
			}
			v.keys = append(v.keys, field{name: k.Value, off: koff, val: r.yamlValue(n.Content[i+1], f, depth+1)})
		}
	case yaml.ScalarNode:
		v.str = n.Value
		switch n.ShortTag() {
		case "!!null":
			v.kind = vNull
		case "!!bool":
			v.kind = vBool
		case "!!int", "!!float":
			v.kind = vNum
		default:
			v.kind = vStr
		}
		block := n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
		if block {
			// The final newline of a block scalar is YAML syntax, not
			// part of the text (as for a text file's final newline).
			v.str = strings.TrimSuffix(v.str, "\n")
		}
		r.locateScalar(v, n, block, f)
	default:
		v.kind = vNull
	}
	return v
}

// locateScalar finds where a scalar's text starts, and whether it is
// written there as is.
func (r *reader) locateScalar(v *value, n *yaml.Node, block bool, f *yfrag) {
	d := r.data[:f.end]
	at := v.off
	// Skip an anchor or a tag: the node starts at them.
	for at < len(d) && (d[at] == '&' || d[at] == '!') {
		for at < len(d) && !isSpace(d[at]) {
			at++
		}
		for at < len(d) && (d[at] == ' ' || d[at] == '\t') {
			at++
		}
	}
	ok := true
	switch {
	case block:
		// The text starts on the line after the indicator, indented.
		i := bytes.IndexByte(d[at:], '\n')
		if i < 0 {
			v.textOff = v.off
			return
		}
		at += i + 1
		for at < len(d) && (d[at] == ' ' || d[at] == '\t') {
			at++
		}
	case n.Style&yaml.DoubleQuotedStyle != 0:
		ok = at < len(d) && d[at] == '"' && !strings.ContainsAny(v.str, "\\\"")
		at++
	case n.Style&yaml.SingleQuotedStyle != 0:
		ok = at < len(d) && d[at] == '\'' && !strings.Contains(v.str, "'")
		at++
	}
	at = min(at, len(d))
	v.textOff = at
	v.verbatim = ok && bytes.HasPrefix(d[at:], []byte(v.str))
}

// --- JSON ---

// jsonParser reads JSON values with the offsets they are written at.
type jsonParser struct {
	r   *reader
	seg []byte // the JSON text
	at  int    // offset of seg in r.data
	dec *json.Decoder
}

func newJSONParser(r *reader, start, end int) *jsonParser {
	seg := r.data[start:end]
	dec := json.NewDecoder(bytes.NewReader(seg))
	dec.UseNumber()
	return &jsonParser{r: r, seg: seg, at: start, dec: dec}
}

// errDepth is returned for JSON nested too deep.
var errDepth = errors.New("JSON nested too deep")

// next returns the next token and the offset in seg where it starts.
func (p *jsonParser) next() (json.Token, int, error) {
	prev := int(p.dec.InputOffset())
	tok, err := p.dec.Token()
	if err != nil {
		return nil, prev, err
	}
	i := prev
	for i < len(p.seg) {
		switch p.seg[i] {
		case ' ', '\t', '\r', '\n', ':', ',':
			i++
			continue
		}
		break
	}
	return tok, i, nil
}

// value reads the value that starts with tok at offset start of seg.
func (p *jsonParser) value(tok json.Token, start, depth int) (*value, error) {
	if depth > 10000 {
		return nil, errDepth
	}
	v := &value{off: p.at + start, textOff: -1}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			v.kind = vMap
			for p.dec.More() {
				k, koff, err := p.next()
				if err != nil {
					return nil, err
				}
				name, _ := k.(string)
				vt, voff, err := p.next()
				if err != nil {
					return nil, err
				}
				c, err := p.value(vt, voff, depth+1)
				if err != nil {
					return nil, err
				}
				v.keys = append(v.keys, field{name: name, off: p.at + koff, val: c})
			}
		case '[':
			v.kind = vSeq
			for p.dec.More() {
				t, off, err := p.next()
				if err != nil {
					return nil, err
				}
				c, err := p.value(t, off, depth+1)
				if err != nil {
					return nil, err
				}
				v.items = append(v.items, c)
			}
		}
		if _, _, err := p.next(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		v.kind = vStr
		v.str = t
		v.textOff = v.off + 1
		raw := p.seg[start:p.dec.InputOffset()]
		v.verbatim = bytes.IndexByte(raw, '\\') < 0
	case json.Number:
		v.kind = vNum
		v.str = string(t)
	case bool:
		v.kind = vBool
		v.str = strconv.FormatBool(t)
	case nil:
		v.kind = vNull
	}
	v.raw = p.seg[start:p.dec.InputOffset()]
	return v, nil
}

// syntaxError turns an error of the decoder into an *Error at the place of
// the mistake.
func (p *jsonParser) syntaxError(err error) *Error {
	if err == errDepth {
		return p.r.errAt(p.at+int(p.dec.InputOffset()), "invalid JSON: nested too deep")
	}
	// The decoder's token API does not place its errors well; validating
	// the whole text does.
	var raw json.RawMessage
	verr := json.Unmarshal(p.seg, &raw)
	var se *json.SyntaxError
	if errors.As(verr, &se) {
		off := int(se.Offset)
		if !strings.Contains(se.Error(), "unexpected end") {
			off--
		}
		return p.r.errAt(p.at+max(0, min(off, len(p.seg))), "invalid JSON: "+se.Error())
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return p.r.errAt(p.at+len(p.seg), "invalid JSON: unexpected end of input")
	}
	return p.r.errAt(p.at+int(p.dec.InputOffset()), "invalid JSON: "+err.Error())
}
