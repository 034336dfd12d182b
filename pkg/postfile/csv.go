package postfile

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/tweetlen/tweetlen/pkg/post"
)

// The column names a CSV header may use, lower case. Schedulers name their
// columns differently (Hootsuite, Publer, SocialBee, PostFast, Ayrshare…).
var (
	textColumns  = []string{"text", "message", "content", "caption", "post"}
	mediaColumns = []string{"media", "media_urls", "mediaurls", "imageurls", "gifurls", "gifurl", "videourls", "image_url", "media_url"}
	altColumns   = []string{"alt", "alt_text", "alt text"}
	dateColumns  = []string{"date", "scheduled_at", "scheduledate", "postatspecifictime", "scheduled_time", "date/time"}
	idColumns    = []string{"id"}
)

// csvCell is a cell of the row being read.
type csvCell struct {
	text string
	// off is where the cell's text starts (after an opening quote);
	// verbatim reports whether text is written there byte for byte.
	off      int
	verbatim bool
}

// readCSV reads a CSV file with a header row; each other row is a post.
func (r *reader) readCSV() {
	cr := csv.NewReader(bytes.NewReader(r.data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	header, err := cr.Read()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			r.fail(r.csvError(err))
		}
		return
	}
	textCol, idCol, dateCol, altCol := -1, -1, -1, -1
	var mediaCols []int
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case contains(textColumns, h):
			if textCol < 0 {
				textCol = i
			}
		case contains(mediaColumns, h):
			mediaCols = append(mediaCols, i)
		case contains(altColumns, h):
			if altCol < 0 {
				altCol = i
			}
		case contains(dateColumns, h):
			if dateCol < 0 {
				dateCol = i
			}
		case contains(idColumns, h):
			if idCol < 0 {
				idCol = i
			}
		}
	}
	if textCol < 0 {
		r.fail(&Error{File: r.name, Line: 1, Column: 1, Offset: r.base,
			Msg: "no text column in the CSV header (looked for " + strings.Join(textColumns, ", ") + ", in any case)"})
		return
	}
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			r.fail(r.csvError(err))
			if errors.As(err, &pe) {
				continue
			}
			return
		}
		empty := true
		for _, c := range rec {
			if strings.TrimSpace(c) != "" {
				empty = false
				break
			}
		}
		if empty {
			continue // a blank row of a spreadsheet export
		}
		cell := func(i int) (csvCell, bool) {
			if i < 0 || i >= len(rec) {
				return csvCell{}, false
			}
			line, col := cr.FieldPos(i)
			off := r.lineStart(line) + col - 1
			c := csvCell{text: rec[i], off: off}
			quoted := off < len(r.data) && r.data[off] == '"'
			if quoted {
				c.off++
			}
			c.verbatim = bytes.HasPrefix(r.data[min(c.off, len(r.data)):], []byte(c.text)) && !(quoted && strings.Contains(c.text, `"`))
			return c, true
		}
		var p post.Post
		text, ok := cell(textCol)
		if ok {
			p.Text = text.text
			p.Source = r.source(text.off, text.verbatim)
		} else {
			// A short row: the post is empty; place it at the row.
			line, _ := cr.FieldPos(0)
			p.Source = r.source(r.lineStart(line), false)
		}
		p.Source.Index = row
		if c, ok := cell(idCol); ok && c.text != "" {
			p.ID, _ = json.Marshal(c.text)
		}
		if c, ok := cell(dateCol); ok && strings.TrimSpace(c.text) != "" {
			p.Schedule, p.SchedulePos = strings.TrimSpace(c.text), r.pos(c.off)
		}
		for _, i := range mediaCols {
			if c, ok := cell(i); ok {
				r.csvMedia(&p, c)
			}
		}
		if c, ok := cell(altCol); ok && strings.TrimSpace(c.text) != "" {
			alts := splitList(c.text, false)
			for i := range p.Media {
				if i < len(alts) {
					p.Media[i].Alt = alts[i].text
				}
			}
		}
		r.posts = append(r.posts, p)
	}
}

// listItem is an item of a cell holding a list, and its offset in the cell.
type listItem struct {
	text string
	off  int
}

// splitList splits a cell holding a list: items separated by line breaks or
// "||" and, when commas is set, commas. Items are trimmed; empty ones are
// dropped.
func splitList(s string, commas bool) []listItem {
	var items []listItem
	start := 0
	add := func(end int) {
		t := s[start:end]
		lead := len(t) - len(strings.TrimLeft(t, " \t\r"))
		t = strings.TrimSpace(t)
		if t != "" {
			items = append(items, listItem{text: t, off: start + lead})
		}
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\n', commas && s[i] == ',':
			add(i)
			start = i + 1
		case s[i] == '|' && i+1 < len(s) && s[i+1] == '|':
			add(i)
			i++
			start = i + 1
		}
	}
	add(len(s))
	return items
}

// csvMedia adds the media of a media cell.
func (r *reader) csvMedia(p *post.Post, c csvCell) {
	for _, it := range splitList(c.text, true) {
		at := c.off
		if c.verbatim {
			at += it.off
		}
		p.Media = append(p.Media, post.Media{File: it.text, Origin: post.Declared, Pos: r.pos(at), Start: -1, End: -1})
	}
}

// lineStart returns the offset of the start of a 1-based line.
func (r *reader) lineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(r.lines) {
		return len(r.data)
	}
	return r.lines[line-1]
}

// csvError turns an error of the CSV reader into an *Error.
func (r *reader) csvError(err error) *Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		off := r.lineStart(pe.Line)
		if pe.Column > 0 {
			off += pe.Column - 1
		}
		return r.errAt(min(off, len(r.data)), "invalid CSV: "+pe.Err.Error())
	}
	return r.errAt(len(r.data), "invalid CSV: "+err.Error())
}
