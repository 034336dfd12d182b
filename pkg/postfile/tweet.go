package postfile

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/post"
)

// span is a line of the input: [start, end) without its line break; next is
// where the following line starts.
type span struct{ start, end, next int }

// splitLines returns the lines of r.data[start:end]. A text that ends with a
// line break ends with an empty line.
func (r *reader) splitLines(start, end int) []span {
	var ls []span
	for i := start; ; {
		j := bytes.IndexByte(r.data[i:end], '\n')
		if j < 0 {
			ls = append(ls, span{i, end, end})
			return ls
		}
		e := i + j
		l := span{i, e, e + 1}
		if e > i && r.data[e-1] == '\r' {
			l.end--
		}
		ls = append(ls, l)
		i = e + 1
	}
}

func (r *reader) lineText(l span) []byte { return r.data[l.start:l.end] }

func (r *reader) blank(l span) bool { return len(bytes.TrimSpace(r.lineText(l))) == 0 }

func (r *reader) lineIs(l span, s ...string) bool {
	for _, x := range s {
		if string(r.lineText(l)) == x {
			return true
		}
	}
	return false
}

// closing returns the index of the line after from that closes a front
// matter ("---" or "..."), or -1.
func (r *reader) closing(ls []span, from int) int {
	for j := from + 1; j < len(ls); j++ {
		if r.lineIs(ls[j], "---", "...") {
			return j
		}
	}
	return -1
}

// item is one post of a thread being read.
type item struct {
	start, end int   // the text, before trimming
	fm         []int // the front matter's lines [open, close], or nil
	delimOff   int   // the delimiter before the item, -1 for the first
}

// readTweet reads a twitter-together file: optional YAML front matter, then
// a body that a thread delimiter line splits into a thread, each item of
// which may have its own front matter and end with a poll.
func (r *reader) readTweet() {
	all := r.splitLines(0, len(r.data))
	body := 0          // the first line of the body
	var file post.Post // what the file's front matter says
	var f fields
	if r.lineIs(all[0], "---") {
		c := r.closing(all, 0)
		if c < 0 {
			r.failAt(0, "the front matter is not closed: no line \"---\" or \"...\" after the first line \"---\"")
			return
		}
		f = r.frontMatter(all[0].next, all[c].start, &file, fileFrontMatter)
		body = c + 1
	}
	delim := r.threadDelimiter()
	if f.delim != "" {
		delim = f.delim
	}

	items := r.splitThread(all, body, delim, true)
	thread := len(items) > 1
	var posts []post.Post
	for n, it := range items {
		var p post.Post
		if n == 0 {
			p.Media, p.Poll, p.Reply, p.ReplyPos, p.Quote, p.QuotePos = file.Media, file.Poll, file.Reply, file.ReplyPos, file.Quote, file.QuotePos
		}
		p.Schedule, p.SchedulePos = file.Schedule, file.SchedulePos
		p.Profile, p.ProfilePos = file.Profile, file.ProfilePos
		p.Platforms, p.PlatformsPos = file.Platforms, file.PlatformsPos
		p.ContentWarning = file.ContentWarning
		if it.fm != nil {
			var own post.Post
			r.frontMatter(all[it.fm[0]].next, all[it.fm[1]].start, &own, itemFrontMatter)
			mergeItem(&p, &own)
		}
		r.itemText(&p, it)
		if thread && p.Text == "" && len(p.Media) == 0 && p.Poll == nil && p.Quote == "" {
			r.emptyItem(items, n, delim)
			continue
		}
		posts = append(posts, p)
	}
	r.addThread(posts)
}

// emptyItem reports that items[n], a thread item, is empty.
func (r *reader) emptyItem(items []item, n int, delim string) {
	switch it := items[n]; {
	case it.delimOff < 0:
		r.failAt(it.start, "empty thread item: nothing before the first thread delimiter %q", delim)
	case n == len(items)-1:
		r.failAt(it.delimOff, "empty thread item: nothing after the last thread delimiter %q", delim)
	default:
		r.failAt(it.delimOff, "empty thread item: nothing between two thread delimiters %q", delim)
	}
}

// addThread numbers posts as the items of a thread, when there is more than
// one, and adds them to what was read.
func (r *reader) addThread(posts []post.Post) {
	if len(posts) > 1 {
		for i := range posts {
			posts[i].Source.Index = i + 1
			posts[i].Source.Thread = len(posts)
		}
	}
	r.posts = append(r.posts, posts...)
}

// threadDelimiter is the delimiter line of a thread: Options.ThreadDelimiter
// or the default.
func (r *reader) threadDelimiter() string {
	if r.opts.ThreadDelimiter != "" {
		return r.opts.ThreadDelimiter
	}
	return DefaultThreadDelimiter
}

// frontMatter parses r.data[start:end] as front matter into p.
func (r *reader) frontMatter(start, end int, p *post.Post, set fieldSet) fields {
	f, docs, err := r.parseYAML(start, end, "invalid YAML in the front matter")
	if err != nil {
		r.fail(err)
		return fields{delimOff: -1}
	}
	if len(docs) == 0 {
		return fields{delimOff: -1}
	}
	if len(docs) > 1 {
		r.failAt(f.start, "the front matter must be one YAML document")
	}
	return r.applyFields(r.yamlValue(docs[0], f, 0), p, set)
}

// mergeItem sets what the front matter of a thread item says over what the
// file's front matter says.
func mergeItem(p, own *post.Post) {
	if own.Media != nil {
		p.Media = own.Media
	}
	if own.Poll != nil {
		p.Poll = own.Poll
	}
	if own.Quote != "" {
		p.Quote, p.QuotePos = own.Quote, own.QuotePos
	}
	if own.Schedule != "" {
		p.Schedule, p.SchedulePos = own.Schedule, own.SchedulePos
	}
	if own.Profile != "" {
		p.Profile, p.ProfilePos = own.Profile, own.ProfilePos
	}
	if own.Platforms != nil {
		p.Platforms, p.PlatformsPos = own.Platforms, own.PlatformsPos
	}
	if own.ContentWarning != "" {
		p.ContentWarning = own.ContentWarning
	}
}

// splitThread splits the body, lines ls[from:], into thread items at the
// lines that are exactly delim with a blank line (or the start of the body)
// before and a blank line (or the end of the body, or the front matter of
// the next item) after. With frontMatter (the Tweet format), an item after a
// delimiter may start with its own front matter: a line "---" (that is not
// itself a delimiter) up to the next line "---" or "...".
func (r *reader) splitThread(ls []span, from int, delim string, frontMatter bool) []item {
	n := len(ls)
	opensFM := func(j int) bool { return frontMatter && r.lineIs(ls[j], "---") && r.closing(ls, j) >= 0 }
	isDelim := func(k int) bool {
		if !r.lineIs(ls[k], delim) {
			return false
		}
		if k > from && !r.blank(ls[k-1]) {
			return false
		}
		return k+1 == n || r.blank(ls[k+1]) || opensFM(k+1)
	}
	end := len(r.data)
	lineStart := func(k int) int {
		if k < n {
			return ls[k].start
		}
		return end
	}
	var items []item
	prev := -1
	for k := from; ; {
		it := item{delimOff: prev}
		c := k
		if len(items) > 0 && frontMatter {
			j := k
			for j < n && r.blank(ls[j]) {
				j++
			}
			if j < n && r.lineIs(ls[j], "---") && !isDelim(j) {
				if m := r.closing(ls, j); m >= 0 {
					it.fm = []int{j, m}
					c = m + 1
				}
			}
		}
		d := -1
		for q := c; q < n; q++ {
			if isDelim(q) {
				d = q
				break
			}
		}
		it.start, it.end = lineStart(c), end
		if d >= 0 {
			it.end = ls[d].start
		}
		items = append(items, it)
		if d < 0 {
			return items
		}
		prev = ls[d].start
		k = d + 1
	}
}

// isTrimSpace reports whether c is trimmed from the ends of a post (as
// JavaScript's String.prototype.trim does).
func isTrimSpace(c rune) bool { return unicode.IsSpace(c) || c == '\uFEFF' }

// trim returns [a, b) without the white space at both ends; an all-blank
// span becomes the empty span at a.
func (r *reader) trim(a, b int) (int, int) {
	i := a
	for i < b {
		c, n := utf8.DecodeRune(r.data[i:b])
		if !isTrimSpace(c) {
			break
		}
		i += n
	}
	if i == b {
		return a, a
	}
	for b > i {
		c, n := utf8.DecodeLastRune(r.data[i:b])
		if !isTrimSpace(c) {
			break
		}
		b -= n
	}
	return i, b
}

// itemText sets the text of a thread item (or of the lone post) and the poll
// written at its end.
func (r *reader) itemText(p *post.Post, it item) {
	a, b := r.trim(it.start, it.end)
	if opts, cut := r.bodyPoll(a, b); len(opts) >= 2 {
		if p.Poll != nil {
			r.failAt(opts[0].off, "a poll is given both in the front matter and as ( ) lines in the text")
		} else {
			poll := &post.Poll{Pos: r.pos(opts[0].line)}
			for _, o := range opts {
				poll.Options = append(poll.Options, post.PollOption{Text: o.text, Pos: r.pos(o.off)})
			}
			p.Poll = poll
			a, b = r.trim(a, cut)
		}
	}
	p.Text = string(r.data[a:b])
	p.Source = r.source(a, true)
}

// bodyOption is a poll option written as a line "( ) option".
type bodyOption struct {
	line int // the start of its line
	off  int // the start of the option's text
	text string
}

// bodyPoll returns the options of the poll written at the end of
// r.data[a:b], one "( ) option" or "() option" line each (blank lines
// between are allowed), in order, and where the first option's line starts.
func (r *reader) bodyPoll(a, b int) ([]bodyOption, int) {
	if a == b {
		return nil, b
	}
	ls := r.splitLines(a, b)
	var opts []bodyOption
	cut := b
	for k := len(ls) - 1; k >= 0; k-- {
		l := ls[k]
		if r.blank(l) {
			continue
		}
		o, ok := r.pollLine(l)
		if !ok {
			break
		}
		opts = append(opts, o)
		cut = l.start
	}
	for i, j := 0, len(opts)-1; i < j; i, j = i+1, j-1 {
		opts[i], opts[j] = opts[j], opts[i]
	}
	return opts, cut
}

// pollLine reads a line "( ) option" or "() option".
func (r *reader) pollLine(l span) (bodyOption, bool) {
	t := r.lineText(l)
	i := 0
	// A line of the post may start with white space the trim left (the
	// first line), so allow it.
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i >= len(t) || t[i] != '(' {
		return bodyOption{}, false
	}
	i++
	if i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i >= len(t) || t[i] != ')' {
		return bodyOption{}, false
	}
	i++
	j := i
	for j < len(t) && (t[j] == ' ' || t[j] == '\t') {
		j++
	}
	if j == i {
		return bodyOption{}, false
	}
	text := bytes.TrimRightFunc(t[j:], unicode.IsSpace)
	if len(text) == 0 {
		return bodyOption{}, false
	}
	return bodyOption{line: l.start, off: l.start + j, text: string(text)}, true
}
