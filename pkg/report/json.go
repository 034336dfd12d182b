package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/media"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

// NewJSON returns a Writer of JSON Lines: one object per verdict, one per
// input error, each on its own line, in the order given. Keys come in the
// order below; the first eleven are the stable contract of the batch mode
// (`--input jsonl --format json`), the rest are extensions. Strings are
// valid UTF-8 (invalid sequences become U+FFFD) and are not HTML-escaped.
//
// A verdict:
//
//	| field | meaning |
//	| --- | --- |
//	| `id` | the record's `id`, echoed as given (any JSON value, compacted onto one line); else the file's path as a string; `null` for standard input without an id |
//	| `weightedLength`, `valid`, `permillage` | twitter-text's `parseTweet` results for the counted text |
//	| `validRangeStart`, `validRangeEnd`, `displayRangeStart`, `displayRangeEnd` | twitter-text's ranges: UTF-16 code units, inclusive ends |
//	| `profile`, `limit` | the profile's name and its limit |
//	| `remaining` | `limit − count` (negative when over) |
//	| `count` | the post's length in the profile's unit with every cost included (`weightedLength` plus media and quote costs) |
//	| `ok` | `false` when the post breaks a rule of severity `error` |
//	| `source` | where the post is: `file`, `line`, `column` (1-based; a column counts grapheme clusters; 0 when unknown), `index` (the post's 1-based place in its file: record, row or thread item; omitted when the file holds one post), `thread` (the thread's length; omitted when not in a thread) |
//	| `overflow` | where the part past the limit starts: `line`, `column`, `offset` (byte offset in the post's text); omitted when the post fits |
//	| `media` | the attachments, omitted when none: `file` (as written), `alt` (omitted when empty), `kind` (`image`, `gif`, `video`, `unknown`), `format` (`jpeg`, `png`, `mp4`, …; `""` when unknown), `bytes` (the size; omitted when unknown), `origin` (`declared`, `markdown`, `pic.twitter.com`), `counted` (always `false`: attachments never count as text) |
//	| `leftOut` | what was not counted, omitted when nothing: `what` (`media`, `reply-mentions`, `quote`), `kind` (the media kind; omitted when empty), `count`, `text` (omitted when empty) |
//	| `problems` | the rules broken, in the order checked, `[]` when none: `rule`, `severity` (`error`, `warning`), `message`, `line`, `column`, `endLine`, `endColumn` (the end is just past what the problem is about; 0 when unknown) |
//
// An input error:
//
//	{"error":{"file":"posts/a.md","line":3,"column":1,"message":"…"}}
//
// where `line` and `column` are 0 when unknown.
func NewJSON(w io.Writer, opts Options) Writer {
	return &jsonWriter{w: bufio.NewWriterSize(w, 64<<10), buf: make([]byte, 0, 1024)}
}

// jsonWriter appends each object by hand (no reflection): the batch mode
// writes one per post and is meant to be fast.
type jsonWriter struct {
	w       *bufio.Writer
	buf     []byte
	scratch bytes.Buffer
	closed  bool
}

func (j *jsonWriter) Post(r *lint.Report) error {
	if j.closed {
		return errClosed
	}
	if r == nil || r.Post == nil {
		return errNilReport
	}
	j.buf = j.appendReport(j.buf[:0], r)
	_, err := j.w.Write(j.buf)
	return err
}

func (j *jsonWriter) InputError(e *InputError) error {
	if j.closed {
		return errClosed
	}
	b := append(j.buf[:0], `{"error":{"file":`...)
	b = appendString(b, e.File)
	b = appendIntField(b, `,"line":`, e.Pos.Line)
	b = appendIntField(b, `,"column":`, e.Pos.Column)
	b = append(b, `,"message":`...)
	b = appendString(b, e.Message)
	b = append(b, "}}\n"...)
	j.buf = b
	_, err := j.w.Write(b)
	return err
}

func (j *jsonWriter) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	return j.w.Flush()
}

func (j *jsonWriter) appendReport(b []byte, r *lint.Report) []byte {
	p := r.Post
	res := &r.Result

	b = append(b, `{"id":`...)
	switch {
	case p.ID != nil:
		b = j.appendRawJSON(b, p.ID)
	case p.Source.File != "" && p.Source.File != stdinName:
		b = appendString(b, p.Source.File)
	default:
		b = append(b, "null"...)
	}
	b = appendIntField(b, `,"weightedLength":`, res.WeightedLength)
	b = appendBoolField(b, `,"valid":`, res.Valid)
	b = appendIntField(b, `,"permillage":`, res.Permillage)
	b = appendIntField(b, `,"validRangeStart":`, res.ValidRangeStart)
	b = appendIntField(b, `,"validRangeEnd":`, res.ValidRangeEnd)
	b = appendIntField(b, `,"displayRangeStart":`, res.DisplayRangeStart)
	b = appendIntField(b, `,"displayRangeEnd":`, res.DisplayRangeEnd)
	b = append(b, `,"profile":`...)
	if r.Profile != nil {
		b = appendString(b, r.Profile.Name)
	} else {
		b = append(b, "null"...)
	}
	b = appendIntField(b, `,"limit":`, r.Limit)
	b = appendIntField(b, `,"remaining":`, r.Remaining)

	// Extensions.
	b = appendIntField(b, `,"count":`, r.Count)
	b = appendIntField(b, `,"graphemes":`, r.Graphemes)
	if r.ContentWarning > 0 {
		b = appendIntField(b, `,"contentWarning":`, r.ContentWarning)
	}
	if r.Profile != nil && r.Profile.Emoji == profile.EmojiUnicode {
		b = appendIntField(b, `,"emoji":{"rule":"unicode","reweighed":`, r.Reweighed)
		b = appendIntField(b, `,"referenceCount":`, r.ReferenceCount)
		b = append(b, '}')
	}
	b = appendBoolField(b, `,"ok":`, !r.Failed())

	b = append(b, `,"source":{"file":`...)
	b = appendString(b, p.Source.File)
	b = appendIntField(b, `,"line":`, p.Source.Pos.Line)
	b = appendIntField(b, `,"column":`, p.Source.Pos.Column)
	if p.Source.Index != 0 {
		b = appendIntField(b, `,"index":`, p.Source.Index)
	}
	if p.Source.Thread != 0 {
		b = appendIntField(b, `,"thread":`, p.Source.Thread)
	}
	b = append(b, '}')

	if r.OverflowStart >= 0 {
		b = appendIntField(b, `,"overflow":{"line":`, r.OverflowPos.Line)
		b = appendIntField(b, `,"column":`, r.OverflowPos.Column)
		b = appendIntField(b, `,"offset":`, r.OverflowStart)
		b = append(b, '}')
	}

	if len(r.Media) > 0 {
		b = append(b, `,"media":[`...)
		for i := range r.Media {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendMedia(b, &r.Media[i])
		}
		b = append(b, ']')
	} else if len(p.Media) > 0 {
		// A report the linter did not fill in: the attachments, uninspected.
		b = append(b, `,"media":[`...)
		for i := range p.Media {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendMedia(b, &lint.MediaReport{Media: &p.Media[i], Info: media.Info{Size: -1}})
		}
		b = append(b, ']')
	}

	if len(r.LeftOut) > 0 {
		b = append(b, `,"leftOut":[`...)
		for i := range r.LeftOut {
			lo := &r.LeftOut[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"what":`...)
			b = appendString(b, lo.What)
			if lo.Kind != "" {
				b = append(b, `,"kind":`...)
				b = appendString(b, lo.Kind)
			}
			b = appendIntField(b, `,"count":`, lo.Count)
			if lo.Text != "" {
				b = append(b, `,"text":`...)
				b = appendString(b, lo.Text)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}

	b = append(b, `,"problems":[`...)
	for i := range r.Problems {
		pr := &r.Problems[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"rule":`...)
		b = appendString(b, pr.Rule)
		b = append(b, `,"severity":`...)
		b = appendString(b, string(pr.Severity))
		b = append(b, `,"message":`...)
		b = appendString(b, pr.Message)
		b = appendIntField(b, `,"line":`, pr.Pos.Line)
		b = appendIntField(b, `,"column":`, pr.Pos.Column)
		b = appendIntField(b, `,"endLine":`, pr.End.Line)
		b = appendIntField(b, `,"endColumn":`, pr.End.Column)
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

func appendMedia(b []byte, m *lint.MediaReport) []byte {
	var pm post.Media
	if m.Media != nil {
		pm = *m.Media
	}
	b = append(b, `{"file":`...)
	b = appendString(b, pm.File)
	if pm.Alt != "" {
		b = append(b, `,"alt":`...)
		b = appendString(b, pm.Alt)
	}
	kind := string(m.Info.Kind)
	if kind == "" {
		kind = "unknown"
	}
	b = append(b, `,"kind":`...)
	b = appendString(b, kind)
	b = append(b, `,"format":`...)
	b = appendString(b, m.Info.Format)
	if m.Info.Size >= 0 {
		b = append(b, `,"bytes":`...)
		b = strconv.AppendInt(b, m.Info.Size, 10)
	}
	if m.Info.Duration > 0 {
		b = append(b, `,"seconds":`...)
		b = strconv.AppendFloat(b, m.Info.Duration.Seconds(), 'f', -1, 64)
	}
	b = append(b, `,"origin":`...)
	b = appendString(b, mediaOrigin(pm.Origin))
	return append(b, `,"counted":false}`...)
}

// appendRawJSON appends an id given as raw JSON. It is compacted onto one
// line; should it not be valid JSON or valid UTF-8 (a reader's bug), it is
// re-encoded, or at worst written as a string, so that the line stays valid.
func (j *jsonWriter) appendRawJSON(b, raw []byte) []byte {
	if utf8.Valid(raw) {
		j.scratch.Reset()
		if json.Compact(&j.scratch, raw) == nil {
			return append(b, j.scratch.Bytes()...)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) == nil {
		j.scratch.Reset()
		enc := json.NewEncoder(&j.scratch)
		enc.SetEscapeHTML(false)
		if enc.Encode(v) == nil {
			return append(b, bytes.TrimRight(j.scratch.Bytes(), "\n")...)
		}
	}
	return appendString(b, string(raw))
}

func appendIntField(b []byte, name string, v int) []byte {
	return appendInt(append(b, name...), v)
}

func appendBoolField(b []byte, name string, v bool) []byte {
	b = append(b, name...)
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// appendInt appends v in decimal.
func appendInt(b []byte, v int) []byte {
	if v >= 0 && v < 10 {
		return append(b, byte('0'+v))
	}
	return strconv.AppendInt(b, int64(v), 10)
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string: `"` and `\` escaped, control
// characters escaped, U+2028 and U+2029 escaped (for JavaScript consumers),
// invalid UTF-8 replaced by U+FFFD, nothing HTML-escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
