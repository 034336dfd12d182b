package main

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"

	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// jsonReporter writes one JSON object per post per line (--format json), in
// the field order of the README's contract, with a hand-written appender:
// no reflection per post.
type jsonReporter struct {
	w       *bufio.Writer
	buf     []byte
	profile []byte // the profile name as a JSON string
	limit   int
}

func newJSONReporter(w io.Writer, c *checker, _ bool) reporter {
	profile, _ := json.Marshal(c.profile)
	return &jsonReporter{
		w:       bufio.NewWriterSize(w, 256<<10),
		buf:     make([]byte, 0, 512),
		profile: profile,
		limit:   c.cfg.MaxWeightedTweetLength,
	}
}

func (j *jsonReporter) report(p *post, r *tweet.Result) error {
	b := append(j.buf[:0], `{"id":`...)
	if p.id != nil {
		b = append(b, p.id...) // verbatim: the decoder checked it is JSON
	} else {
		b = append(b, "null"...)
	}
	b = appendField(b, `,"weightedLength":`, r.WeightedLength)
	b = append(b, `,"valid":`...)
	b = strconv.AppendBool(b, r.Valid)
	b = appendField(b, `,"permillage":`, r.Permillage)
	b = appendField(b, `,"validRangeStart":`, r.ValidRangeStart)
	b = appendField(b, `,"validRangeEnd":`, r.ValidRangeEnd)
	b = appendField(b, `,"displayRangeStart":`, r.DisplayRangeStart)
	b = appendField(b, `,"displayRangeEnd":`, r.DisplayRangeEnd)
	b = append(b, `,"profile":`...)
	b = append(b, j.profile...)
	b = appendField(b, `,"limit":`, j.limit)
	b = appendField(b, `,"remaining":`, j.limit-r.WeightedLength)
	b = append(b, "}\n"...)
	j.buf = b
	_, err := j.w.Write(b)
	return err
}

func (j *jsonReporter) flush() error { return j.w.Flush() }

func appendField(b []byte, name string, v int) []byte {
	return strconv.AppendInt(append(b, name...), int64(v), 10)
}

// appendJSONString appends s as a JSON string (file names: not hot).
func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}
