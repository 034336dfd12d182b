package cli

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// maxLineBytes caps one JSON Lines record. A variable so tests can lower it.
var maxLineBytes = 64 << 20

// jsonlReadBuffer is the read buffer of batch mode; lines that fit in it are
// decoded where they lie, without a copy.
const jsonlReadBuffer = 1 << 20

// readJSONL checks each record of a JSON Lines input (--input jsonl), in
// order, streaming: memory is bounded by the longest line, not the input.
// With JSON output it runs in parallel (see batch.go).
func readJSONL(c *checker, in *input) error {
	if j, ok := c.rep.(*jsonReporter); ok && !batchSequential {
		return readJSONLParallel(c, in, j)
	}
	return readJSONLSeq(c, in)
}

// readJSONLSeq is readJSONL one line after the other, for text output and
// as the reference of the parallel version.
func readJSONLSeq(c *checker, in *input) error {
	name := in.name
	br := bufio.NewReaderSize(in.r, jsonlReadBuffer)
	var (
		long []byte // holds a line longer than the read buffer
		dec  recordDecoder
		p    = record{source: name}
	)
	for n := 1; ; n++ {
		line, err := readLine(br, &long)
		if len(line) > 0 || errors.Is(err, errLineTooLong) {
			if err := checkRecord(c, &dec, &p, n, line, err); err != nil {
				return err
			}
		}
		if err == nil || errors.Is(err, errLineTooLong) {
			continue
		}
		if err == io.EOF {
			return nil
		}
		return c.inputError(fmt.Sprintf("%s:%d", name, n), pathErr(err))
	}
}

// checkRecord decodes line n and checks its post, or reports why it can't.
func checkRecord(c *checker, dec *recordDecoder, p *record, n int, line []byte, readErr error) error {
	where := func() string { return fmt.Sprintf("%s:%d", p.source, n) }
	if errors.Is(readErr, errLineTooLong) {
		return c.inputError(where(), lineTooLongError(maxLineBytes))
	}
	if line = trimRecord(line, n == 1); isBlank(line) {
		return nil
	}
	if off := invalidUTF8(line); off >= 0 {
		return c.inputError(where(), utf8LineError(line, off))
	}
	if err := dec.decode(line); err != nil {
		return c.inputError(where(), err)
	}
	p.line, p.id, p.text = n, dec.id, string(dec.text)
	return c.check(p)
}

// utf8LineError is the error for a line whose byte off is not UTF-8.
func utf8LineError(line []byte, off int) error {
	return fmt.Errorf("invalid UTF-8 at byte offset %d of the line (byte 0x%02X): JSON Lines input must be UTF-8", off, line[off])
}

// errLineTooLong is returned by readLine for a line over maxLineBytes.
var errLineTooLong = errors.New("line too long")

// readLine returns the next line of br, with its "\n". The line is valid
// until the next call. A line that does not fit br's buffer is gathered in
// *long. A line over maxLineBytes is skipped, whole, and errLineTooLong
// returned (at the end of the input, the next call sees io.EOF again).
func readLine(br *bufio.Reader, long *[]byte) ([]byte, error) {
	frag, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		if contentLen(frag) > maxLineBytes {
			return nil, tooLong(err)
		}
		return frag, err
	}
	b := append((*long)[:0], frag...)
	for {
		frag, err = br.ReadSlice('\n')
		if len(b)+contentLen(frag) > maxLineBytes {
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			return nil, tooLong(err)
		}
		b = append(b, frag...)
		if err != bufio.ErrBufferFull {
			*long = b
			return b, err
		}
	}
}

// contentLen is the length of a line without its "\n".
func contentLen(frag []byte) int {
	if n := len(frag); n > 0 && frag[n-1] == '\n' {
		return n - 1
	}
	return len(frag)
}

// tooLong is the error for a skipped long line whose last read returned err.
func tooLong(err error) error {
	if err == nil || err == io.EOF {
		return errLineTooLong
	}
	return err
}

// recordDecoder decodes {"id": …, "text": "…"} lines. A fast path handles
// the usual shape without reflection; anything it does not handle (nested
// values, escaped keys, lone surrogates, malformed JSON) goes to
// encoding/json, which also words the errors. Keys match exactly ("text",
// not "Text"), other keys are ignored, and the last of duplicate keys wins,
// in both paths.
type recordDecoder struct {
	id      []byte // raw JSON of "id", nil when absent; aliases the line
	text    []byte // decoded "text": aliases the line or buf
	buf     []byte // reused for texts with escapes
	hasText bool
}

func (d *recordDecoder) decode(line []byte) error {
	if d.fast(line) {
		if !d.hasText {
			return errNoText
		}
		return nil
	}
	return d.slow(line)
}

var errNoText = errors.New(`missing "text": want a JSON object like {"id": 1, "text": "…"}`)

func (d *recordDecoder) slow(line []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			// Offset counts the bytes read, the bad one included.
			return fmt.Errorf("invalid JSON at byte offset %d of the line: %v", max(0, syn.Offset-1), err)
		case errors.As(err, &typ):
			return fmt.Errorf(`want a JSON object like {"id": 1, "text": "…"}, got %s`, describeJSONType(bytes.TrimLeft(line, " \t\r")))
		}
		return fmt.Errorf("invalid JSON: %v", err)
	}
	d.id = nil
	if raw, ok := fields["id"]; ok {
		d.id = raw
	}
	raw, ok := fields["text"]
	if !ok || string(raw) == "null" {
		return errNoText
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return fmt.Errorf(`"text" must be a JSON string, got %s`, describeJSONType(raw))
	}
	d.text = append(d.buf[:0], s...)
	d.buf = d.text[:0]
	d.hasText = true
	return nil
}

// fast decodes line when it is an object whose values are scalars, "text"
// a string, and all of it is valid UTF-8 (keys ASCII). It reports false,
// having decided nothing, for anything else.
func (d *recordDecoder) fast(b []byte) bool {
	d.id, d.hasText = nil, false
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipSpace(b, i+1) == len(b)
	}
	for {
		// Key: a plain string without escapes.
		if i >= len(b) || b[i] != '"' {
			return false
		}
		ks := i + 1
		ke := ks
		for ke < len(b) && b[ke] != '"' && b[ke] != '\\' && b[ke] >= 0x20 && b[ke] < utf8.RuneSelf {
			ke++
		}
		if ke >= len(b) || b[ke] != '"' {
			return false
		}
		key := b[ks:ke]
		i = skipSpace(b, ke+1)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		var end int
		var ok bool
		if string(key) == "text" {
			if i >= len(b) || b[i] != '"' {
				return false
			}
			d.text, end, ok = scanString(b, i, &d.buf)
			d.hasText = ok
		} else {
			end, ok = scanScalar(b, i)
			if ok && string(key) == "id" {
				d.id = b[i:end]
			}
		}
		if !ok {
			return false
		}
		i = skipSpace(b, end)
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return skipSpace(b, i+1) == len(b)
		default:
			return false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// scanScalar returns the end of the JSON string, number, true, false or
// null at b[i:].
func scanScalar(b []byte, i int) (end int, ok bool) {
	if i >= len(b) {
		return 0, false
	}
	switch c := b[i]; {
	case c == '"':
		_, end, ok = scanString(b, i, nil)
		return end, ok
	case c == '-' || c >= '0' && c <= '9':
		return scanNumber(b, i)
	case bytes.HasPrefix(b[i:], []byte("true")):
		return i + 4, true
	case bytes.HasPrefix(b[i:], []byte("false")):
		return i + 5, true
	case bytes.HasPrefix(b[i:], []byte("null")):
		return i + 4, true
	}
	return 0, false
}

// scanNumber returns the end of the JSON number at b[i:]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func scanNumber(b []byte, i int) (end int, ok bool) {
	digits := func(i int) int {
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(i + 1)
	default:
		return 0, false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return 0, false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return 0, false
		}
		i = j
	}
	return i, true
}

// stringSpecial marks the bytes that end a plain run inside a JSON string:
// the quote, the backslash and the control characters.
var stringSpecial = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// plainRun returns the index of the first byte at or after i that ends a
// plain run of a JSON string (see stringSpecial) or starts a sequence that
// is not valid UTF-8, or len(b). It tests eight ASCII bytes at a time
// (SWAR); a word that holds anything else is done a byte or a sequence at a
// time, validated as utf8.Valid does, so that the batch path needs no
// separate UTF-8 pass over a line: this loop is most of the CLI's own cost
// per post.
func plainRun(b []byte, i int) int {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	for i < len(b) {
		if i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			q := x ^ ('"' * ones)
			bs := x ^ ('\\' * ones)
			// Any byte ≥ 0x80, one below 0x20 (x-0x20 borrows into its
			// high bit only when the byte is below 0x20 or a byte below it
			// borrowed, which that byte already flags), or one equal to
			// '"' or '\\'.
			if (x|(x-0x20*ones)|(q-ones)&^q|(bs-ones)&^bs)&high == 0 {
				i += 8
				continue
			}
		}
		// At least a word's worth (the last sequence may overrun it).
		for end := min(i+8, len(b)); i < end; {
			c := b[i]
			if c < utf8.RuneSelf {
				if stringSpecial[c] {
					return i
				}
				i++
				continue
			}
			x := utf8First[c]
			size := int(x & 7)
			if x == utf8Bad || i+size > len(b) {
				return i
			}
			ar := utf8Accept[x>>4]
			if c1 := b[i+1]; c1 < ar.lo || ar.hi < c1 {
				return i
			}
			if size > 2 && b[i+2]&0xC0 != 0x80 || size > 3 && b[i+3]&0xC0 != 0x80 {
				return i
			}
			i += size
		}
	}
	return len(b)
}

// utf8First and utf8Accept are unicode/utf8's tables: for each first byte,
// the length of the sequence (low 3 bits) and the index in utf8Accept of
// the range its second byte must fall in (high 4 bits); utf8Bad marks a
// byte that cannot start one.
const utf8Bad = 0xF1

var utf8First = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c < 0x80:
			t[c] = 0xF0 // ASCII (not looked up)
		case c < 0xC2:
			t[c] = utf8Bad // a continuation byte, or overlong
		case c < 0xE0:
			t[c] = 0x02
		case c == 0xE0:
			t[c] = 0x13 // second byte A0..BF: not overlong
		case c == 0xED:
			t[c] = 0x23 // second byte 80..9F: no surrogates
		case c < 0xF0:
			t[c] = 0x03
		case c == 0xF0:
			t[c] = 0x34 // second byte 90..BF: not overlong
		case c < 0xF4:
			t[c] = 0x04
		case c == 0xF4:
			t[c] = 0x44 // second byte 80..8F: at most U+10FFFF
		default:
			t[c] = utf8Bad
		}
	}
	return t
}()

var utf8Accept = [16]struct{ lo, hi byte }{
	0: {0x80, 0xBF},
	1: {0xA0, 0xBF},
	2: {0x80, 0x9F},
	3: {0x90, 0xBF},
	4: {0x80, 0x8F},
}

// scanString scans the JSON string starting at b[i] == '"' and returns the
// index after its closing quote. With a scratch buffer, it also returns the
// decoded string: a subslice of b when the string has no escapes, else the
// string decoded into *scratch (which it may grow). It fails on invalid
// UTF-8. Lone surrogate escapes are left to encoding/json (which makes them
// U+FFFD).
func scanString(b []byte, i int, scratch *[]byte) (text []byte, end int, ok bool) {
	i++
	start := i
	i = plainRun(b, i)
	if i < len(b) && b[i] == '"' {
		return b[start:i], i + 1, true // the common case: no escapes
	}
	keep := scratch != nil
	var dst []byte
	if keep {
		dst = append((*scratch)[:0], b[start:i]...)
		defer func() { *scratch = dst[:0] }()
	}
	for i < len(b) {
		j := plainRun(b, i)
		if keep {
			dst = append(dst, b[i:j]...)
		}
		if j >= len(b) {
			return dst, 0, false
		}
		switch b[j] {
		case '"':
			return dst, j + 1, true
		case '\\':
		default:
			return dst, 0, false // a raw control character
		}
		if j+1 >= len(b) {
			return dst, 0, false
		}
		var c byte
		switch b[j+1] {
		case '"', '\\', '/':
			c = b[j+1]
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'u':
			r, ok := hex4(b, j+2)
			if !ok {
				return dst, 0, false
			}
			i = j + 6
			if utf16.IsSurrogate(r) {
				r2, ok := hex4(b, j+8)
				if r >= 0xDC00 || !ok || b[j+6] != '\\' || b[j+7] != 'u' {
					return dst, 0, false
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return dst, 0, false
				}
				i = j + 12
			}
			if keep {
				dst = utf8.AppendRune(dst, r)
			}
			continue
		default:
			return dst, 0, false
		}
		if keep {
			dst = append(dst, c)
		}
		i = j + 2
	}
	return dst, 0, false
}

// hex4 decodes the four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// describeJSONType names the JSON type that starts raw, for messages.
func describeJSONType(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// invalidUTF8 returns the offset of the first byte of b that is not part of
// valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
