package postfile

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/tweetlen/tweetlen/pkg/post"
)

// fieldSet says where a mapping of fields comes from, and so which keys it
// may hold.
type fieldSet int

const (
	fileFrontMatter fieldSet = iota // the front matter of a .tweet file
	itemFrontMatter                 // the front matter of a thread item
	record                          // a JSON or YAML record
)

// keys lists the keys each field set accepts.
var keys = map[fieldSet][]string{
	fileFrontMatter: {"media", "reply", "retweet", "quote", "poll", "schedule", "thread-delimiter", "threadDelimiter", "profile", "platforms", "cw", "spoiler"},
	itemFrontMatter: {"media", "retweet", "quote", "poll", "schedule", "profile", "platforms", "cw", "spoiler"},
	record:          {"text", "content", "message", "post", "caption", "id", "media", "reply", "retweet", "quote", "poll", "schedule", "profile", "platforms", "cw", "spoiler"},
}

// sameKey groups the keys that name one thing; giving two of a group is an
// error.
var sameKey = map[string]string{
	"retweet": "quote", "spoiler": "cw", "threadDelimiter": "thread-delimiter",
	"content": "text", "message": "text", "post": "text", "caption": "text",
}

// fields is what a mapping of fields says.
type fields struct {
	text  *value // the text of a record
	delim string
	// delimOff is the offset of the thread delimiter's value, -1 if none.
	delimOff int
}

// applyFields reads the fields of mapping v into p. Errors are recorded;
// the fields that are right are read anyway.
func (r *reader) applyFields(v *value, p *post.Post, set fieldSet) fields {
	f := fields{delimOff: -1}
	if v == nil || v.kind == vNull {
		return f
	}
	if v.kind != vMap {
		what := "the front matter"
		if set == record {
			what = "a record"
		}
		r.failAt(v.off, "%s must be a mapping of keys, not %s", what, v.kind)
		return f
	}
	allowed := keys[set]
	seen := map[string]string{} // group -> the key given
	for _, kv := range v.keys {
		if !contains(allowed, kv.name) {
			msg := fmt.Sprintf("unknown key %q; valid keys: %s", kv.name, strings.Join(allowed, ", "))
			if set == itemFrontMatter && contains(keys[fileFrontMatter], kv.name) {
				msg = fmt.Sprintf("%q is not allowed in the front matter of a thread item (only in the file's front matter)", kv.name)
			}
			r.failAt(kv.off, "%s", msg)
			continue
		}
		group := kv.name
		if g, ok := sameKey[kv.name]; ok {
			group = g
		}
		if prev, ok := seen[group]; ok {
			if prev == kv.name {
				r.failAt(kv.off, "duplicate key %q", kv.name)
			} else {
				r.failAt(kv.off, "%q and %q both given; they mean the same", prev, kv.name)
			}
			continue
		}
		seen[group] = kv.name
		r.applyField(kv, p, &f)
	}
	return f
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// applyField reads one field.
func (r *reader) applyField(kv field, p *post.Post, f *fields) {
	v := kv.val
	switch kv.name {
	case "text", "content", "message", "post", "caption":
		if v.kind == vNull {
			return // reported as missing text
		}
		if s, ok := r.str(v, kv.name); ok {
			v.str = s
			f.text = v
		} else {
			f.text = &value{kind: vNull, off: -1} // given, but wrong
		}
	case "id":
		p.ID = jsonOf(v)
	case "media":
		r.media(v, p)
	case "reply":
		if s, ok := r.scalar(v, kv.name); ok {
			p.Reply, p.ReplyPos = s, r.pos(v.off)
		}
	case "retweet", "quote":
		if s, ok := r.scalar(v, kv.name); ok {
			p.Quote, p.QuotePos = s, r.pos(v.off)
		}
	case "poll":
		r.poll(v, p)
	case "schedule":
		if s, ok := r.scalar(v, kv.name); ok {
			p.Schedule, p.SchedulePos = s, r.pos(v.off)
		}
	case "thread-delimiter", "threadDelimiter":
		if s, ok := r.str(v, kv.name); ok {
			switch {
			case strings.TrimSpace(s) == "":
				r.failAt(v.off, "%s must not be empty", kv.name)
			case strings.ContainsAny(s, "\r\n"):
				r.failAt(v.off, "%s must be one line", kv.name)
			default:
				f.delim, f.delimOff = s, v.off
			}
		}
	case "profile":
		if s, ok := r.str(v, kv.name); ok {
			p.Profile, p.ProfilePos = s, r.pos(v.off)
		}
	case "platforms":
		var list []string
		switch v.kind {
		case vNull:
			return
		case vSeq:
			for _, it := range v.items {
				if s, ok := r.str(it, "a platform"); ok {
					list = append(list, s)
				}
			}
		default:
			s, ok := r.str(v, kv.name+" (a list of profile names)")
			if !ok {
				return
			}
			list = []string{s}
		}
		p.Platforms, p.PlatformsPos = list, r.pos(v.off)
	case "cw", "spoiler":
		if s, ok := r.str(v, kv.name); ok {
			p.ContentWarning = s
		}
	}
}

// str returns the text of a string value. A YAML scalar written without
// quotes (12, true) is text too. ok is false for null (the field is left
// out) and for a wrong kind (reported).
func (r *reader) str(v *value, what string) (string, bool) {
	switch {
	case v.kind == vNull:
		return "", false
	case v.kind == vStr, v.yaml && (v.kind == vNum || v.kind == vBool):
		return v.str, true
	}
	r.failAt(v.off, "%s must be a string, not %s", what, v.kind)
	return "", false
}

// scalar returns the text of a string, a number or a boolean as written
// (an ID may be written as a number).
func (r *reader) scalar(v *value, what string) (string, bool) {
	switch v.kind {
	case vNull:
		return "", false
	case vStr, vNum, vBool:
		return v.str, true
	}
	r.failAt(v.off, "%s must be a string, not %s", what, v.kind)
	return "", false
}

// media reads a media field: a list whose items are a file name or a
// mapping {file (or url), alt}. A lone item is taken as a list of one.
func (r *reader) media(v *value, p *post.Post) {
	items := v.items
	switch v.kind {
	case vNull:
		return
	case vSeq:
	default:
		items = []*value{v}
	}
	for _, it := range items {
		m := post.Media{Origin: post.Declared, Start: -1, End: -1, Pos: r.pos(it.off)}
		switch it.kind {
		case vStr:
			m.File = it.str
		case vMap:
			var file *value
			for _, kv := range it.keys {
				switch kv.name {
				case "file", "url":
					if file != nil {
						r.failAt(kv.off, "a media item has one file: %q given twice", kv.name)
						continue
					}
					if s, ok := r.str(kv.val, "media "+kv.name); ok {
						file = kv.val
						m.File, m.Pos = s, r.pos(kv.val.off)
					}
				case "alt":
					if s, ok := r.str(kv.val, "media alt"); ok {
						m.Alt = s
					}
				default:
					r.failAt(kv.off, "unknown key %q in a media item; valid keys: file, url, alt", kv.name)
				}
			}
			if file == nil {
				r.failAt(it.off, "a media item needs a file (file: or url:)")
				continue
			}
		default:
			r.failAt(it.off, "a media item must be a file name or a mapping {file, alt}, not %s", it.kind)
			continue
		}
		if strings.TrimSpace(m.File) == "" {
			r.failAt(it.off, "a media item's file is empty")
			continue
		}
		p.Media = append(p.Media, m)
	}
}

// poll reads a poll: a list of options, or a mapping {options, duration}
// (duration in minutes).
func (r *reader) poll(v *value, p *post.Post) {
	var opts *value
	poll := &post.Poll{Pos: r.pos(v.off)}
	switch v.kind {
	case vNull:
		return
	case vSeq:
		opts = v
	case vMap:
		for _, kv := range v.keys {
			switch kv.name {
			case "options":
				opts = kv.val
			case "duration":
				d := kv.val
				if d.kind == vNull {
					continue
				}
				n, err := strconv.Atoi(d.str)
				if (d.kind != vNum && !(d.kind == vStr && d.yaml)) || err != nil {
					r.failAt(d.off, "poll duration must be a whole number of minutes")
					continue
				}
				poll.DurationMinutes = n
			default:
				r.failAt(kv.off, "unknown key %q in a poll; valid keys: options, duration", kv.name)
			}
		}
		if opts == nil || opts.kind == vNull {
			r.failAt(v.off, "a poll needs options")
			return
		}
		if opts.kind != vSeq {
			r.failAt(opts.off, "poll options must be a list, not %s", opts.kind)
			return
		}
	default:
		r.failAt(v.off, "a poll must be a list of options or a mapping {options, duration}, not %s", v.kind)
		return
	}
	for _, o := range opts.items {
		if s, ok := r.scalar(o, "a poll option"); ok {
			poll.Options = append(poll.Options, post.PollOption{Text: s, Pos: r.pos(o.off)})
		} else if o.kind == vNull {
			r.failAt(o.off, "a poll option is empty")
		}
	}
	p.Poll = poll
}

// jsonOf returns v as JSON: its raw text when it came from JSON.
func jsonOf(v *value) []byte {
	if v.raw != nil {
		return append([]byte(nil), v.raw...)
	}
	var b []byte
	var enc func(v *value)
	enc = func(v *value) {
		switch v.kind {
		case vNull:
			b = append(b, "null"...)
		case vBool:
			if v.str == "true" || v.str == "false" {
				b = append(b, v.str...)
			} else {
				b = strconv.AppendQuote(b, v.str)
			}
		case vNum:
			if json.Valid([]byte(v.str)) {
				b = append(b, v.str...)
			} else {
				b = appendJSONString(b, v.str)
			}
		case vStr:
			b = appendJSONString(b, v.str)
		case vSeq:
			b = append(b, '[')
			for i, it := range v.items {
				if i > 0 {
					b = append(b, ',')
				}
				enc(it)
			}
			b = append(b, ']')
		case vMap:
			kvs := append([]field(nil), v.keys...)
			sort.SliceStable(kvs, func(i, j int) bool { return kvs[i].name < kvs[j].name })
			b = append(b, '{')
			for i, kv := range kvs {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, kv.name)
				b = append(b, ':')
				enc(kv.val)
			}
			b = append(b, '}')
		}
	}
	enc(v)
	return b
}

func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// record turns a JSON or YAML record into a post. index is its 1-based
// number, 0 when the file holds one record.
func (r *reader) record(v *value, index int) {
	var p post.Post
	f := r.applyFields(v, &p, record)
	if v.kind != vMap {
		return
	}
	if f.text == nil {
		r.failAt(v.off, "the record has no text (want one of the keys text, content, message, post, caption)")
		return
	}
	if f.text.kind == vNull { // wrong kind, reported
		return
	}
	p.Text = f.text.str
	at := f.text.textOff
	if at < 0 {
		at = f.text.off
	}
	p.Source = r.source(at, f.text.verbatim)
	p.Source.Index = index
	r.posts = append(r.posts, p)
}
