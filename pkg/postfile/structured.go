package postfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// readYAML reads a YAML file: a mapping (one post), a sequence of mappings,
// or several documents of those.
func (r *reader) readYAML() {
	f, docs, perr := r.parseYAML(0, len(r.data), "invalid YAML")
	var recs []*value
	lone := len(docs) == 1
	for _, d := range docs {
		v := r.yamlValue(d, f, 0)
		switch v.kind {
		case vNull:
		case vMap:
			recs = append(recs, v)
		case vSeq:
			lone = false
			for _, it := range v.items {
				if it.kind != vMap {
					r.failAt(it.off, "a record must be a mapping of keys, not %s", it.kind)
					recs = append(recs, nil) // keep the numbering
					continue
				}
				recs = append(recs, it)
			}
		default:
			r.failAt(v.off, "want a mapping (one post) or a list of mappings, not %s", v.kind)
		}
	}
	for i, v := range recs {
		if v == nil {
			continue
		}
		index := i + 1
		if lone && len(recs) == 1 {
			index = 0
		}
		r.record(v, index)
	}
	if perr != nil {
		r.fail(perr)
	}
}

// readJSON reads a JSON file: an object (one post) or an array of objects.
func (r *reader) readJSON() {
	p := newJSONParser(r, 0, len(r.data))
	tok, start, err := p.next()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			r.fail(p.syntaxError(err))
		}
		return
	}
	if d, ok := tok.(json.Delim); ok && d == '[' {
		index := 0
		for p.dec.More() {
			t, off, err := p.next()
			if err != nil {
				r.fail(p.syntaxError(err))
				return
			}
			v, err := p.value(t, off, 1)
			if err != nil {
				r.fail(p.syntaxError(err))
				return
			}
			index++
			if v.kind != vMap {
				r.failAt(v.off, "a record must be an object, not %s", v.kind)
				continue
			}
			r.record(v, index)
		}
		if _, _, err := p.next(); err != nil {
			r.fail(p.syntaxError(err))
			return
		}
	} else {
		v, err := p.value(tok, start, 0)
		if err != nil {
			r.fail(p.syntaxError(err))
			return
		}
		if v.kind != vMap {
			r.failAt(v.off, "want an object (one post) or an array of objects, not %s", v.kind)
			return
		}
		r.record(v, 0)
	}
	p.end()
}

// end checks that nothing but white space follows the JSON value.
func (p *jsonParser) end() {
	_, off, err := p.next()
	switch {
	case errors.Is(err, io.EOF):
	case err != nil:
		p.r.fail(p.syntaxError(err))
	default:
		p.r.failAt(p.at+off, "invalid JSON: more after the end of the value (one value per file; for one object per line, use JSON Lines)")
	}
}

// readJSONL reads JSON Lines: one object per line; blank lines are skipped.
func (r *reader) readJSONL() {
	index := 0
	for start := 0; start < len(r.data); {
		end := bytes.IndexByte(r.data[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end, next = len(r.data), len(r.data)
		} else {
			end += start
		}
		line := r.data[start:end]
		if len(bytes.TrimSpace(line)) > 0 {
			index++
			r.jsonLine(start, end, index)
		}
		start = next
	}
}

// jsonLine reads one line of JSON Lines.
func (r *reader) jsonLine(start, end, index int) {
	p := newJSONParser(r, start, end)
	tok, off, err := p.next()
	if err != nil {
		r.fail(p.syntaxError(err))
		return
	}
	v, err := p.value(tok, off, 0)
	if err != nil {
		r.fail(p.syntaxError(err))
		return
	}
	if v.kind != vMap {
		r.failAt(v.off, "a line must hold an object, not %s", v.kind)
		return
	}
	n := len(r.errs)
	p.end()
	if len(r.errs) > n {
		return
	}
	r.record(v, index)
}
