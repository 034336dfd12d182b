package cli

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"

	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// jsonReporter writes one JSON object per post per line (--format json), in
// the field order of the README's contract, with a hand-written appender:
// no reflection per post.
type jsonReporter struct {
	out   io.Writer // stdout, under w (batch mode writes to it directly)
	w     *bufio.Writer
	buf   []byte
	limit int
	// profileLimit is `,"profile":…,"limit":…,"remaining":`, the constant
	// part of every line.
	profileLimit []byte
}

func newJSONReporter(w io.Writer, prof *profile.Profile) *jsonReporter {
	name, _ := json.Marshal(prof.Name)
	limit := prof.Limit
	pl := append([]byte(`,"profile":`), name...)
	pl = appendField(pl, `,"limit":`, limit)
	pl = append(pl, `,"remaining":`...)
	return &jsonReporter{
		out:          w,
		w:            bufio.NewWriterSize(w, 256<<10),
		buf:          make([]byte, 0, 512),
		limit:        limit,
		profileLimit: pl,
	}
}

func (j *jsonReporter) report(p *record, r *tweet.Result) error {
	j.buf = j.appendResult(j.buf[:0], p.id, r)
	_, err := j.w.Write(j.buf)
	return err
}

// appendResult appends the JSON line for a post with the given raw JSON id
// (nil when absent) to b. It only reads j, so batch workers share it.
func (j *jsonReporter) appendResult(b, id []byte, r *tweet.Result) []byte {
	b = append(b, `{"id":`...)
	if id != nil {
		b = append(b, id...) // verbatim: the decoder checked it is JSON
	} else {
		b = append(b, "null"...)
	}
	b = appendField(b, `,"weightedLength":`, r.WeightedLength)
	if r.Valid {
		b = append(b, `,"valid":true`...)
	} else {
		b = append(b, `,"valid":false`...)
	}
	b = appendField(b, `,"permillage":`, r.Permillage)
	b = appendField(b, `,"validRangeStart":`, r.ValidRangeStart)
	b = appendField(b, `,"validRangeEnd":`, r.ValidRangeEnd)
	b = appendField(b, `,"displayRangeStart":`, r.DisplayRangeStart)
	b = appendField(b, `,"displayRangeEnd":`, r.DisplayRangeEnd)
	b = append(b, j.profileLimit...)
	b = appendInt(b, j.limit-r.WeightedLength)
	return append(b, "}\n"...)
}

func (j *jsonReporter) flush() error { return j.w.Flush() }

func appendField(b []byte, name string, v int) []byte {
	return appendInt(append(b, name...), v)
}

// appendInt appends v in decimal; small non-negative values, the usual
// ones, without strconv.
func appendInt(b []byte, v int) []byte {
	switch {
	case v >= 0 && v < 10:
		return append(b, byte('0'+v))
	case v >= 10 && v < 100:
		return append(b, byte('0'+v/10), byte('0'+v%10))
	case v >= 100 && v < 1000:
		return append(b, byte('0'+v/100), byte('0'+v/10%10), byte('0'+v%10))
	}
	return strconv.AppendInt(b, int64(v), 10)
}
