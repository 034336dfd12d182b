package lint

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/extract"
	"github.com/tweetlen/tweetlen/pkg/media"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/textlen"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// MediaInspector finds out what an attachment is. The CLI's inspector reads
// the file relative to the post's file; tests use an in-memory one.
type MediaInspector interface {
	Inspect(p *post.Post, m *post.Media) (media.Info, error)
}

// MediaNotFoundError is what a [MediaInspector] returns for an attachment
// it looked for and did not find, saying where it looked.
type MediaNotFoundError struct {
	// Looked says where, for people: "posts/ and the media/ folders above it".
	Looked string
}

func (e *MediaNotFoundError) Error() string { return "not found (looked in " + e.Looked + ")" }

// Unwrap makes the error match [fs.ErrNotExist].
func (e *MediaNotFoundError) Unwrap() error { return fs.ErrNotExist }

// Options are the choices that do not belong to a profile.
type Options struct {
	// Reply treats every post as a reply (--reply): its leading @mentions
	// are not counted under profiles where replies work so.
	Reply bool
	// Inspector inspects attachments; nil leaves them uninspected (their
	// kind is guessed from the name, and files are not read).
	Inspector MediaInspector
}

// Check checks p against prof.
//
// What is not counted is lifted out of the text first: attachments written
// in it (Markdown images, pic.twitter.com links, which Check adds to p.Media
// the first time it sees p) and, in a reply, the leading @mentions. A lifted
// span takes one run of spaces beside it along, and the text left is trimmed
// at both ends, so that "Look! ![cat](cat.jpg)" counts as "Look!".
func Check(p *post.Post, prof *profile.Profile, opts *Options) *Report {
	if opts == nil {
		opts = &Options{}
	}
	r := &Report{Post: p, Profile: prof, Limit: prof.Limit, OverflowStart: -1, OverflowEnd: -1}
	addPicLinks(p)
	checkMedia(r, opts)
	checkPoll(r)
	checkLength(r, opts)
	return r
}

// picHost is the host of the links attached media had in a tweet's text.
const picHost = "pic.twitter.com/"

// addPicLinks records the pic.twitter.com links of p's text as attachments,
// once.
func addPicLinks(p *post.Post) {
	for i := range p.Media {
		if p.Media[i].Origin == post.PicLink {
			return
		}
	}
	if !strings.Contains(p.Text, picHost) {
		return
	}
	for _, u := range extract.URLs(p.Text) {
		link := p.Text[u.Start:u.End]
		host := link
		if i := strings.Index(host, "://"); i >= 0 {
			host = host[i+3:]
		}
		if !strings.HasPrefix(strings.ToLower(host), picHost) {
			continue
		}
		p.Media = append(p.Media, post.Media{
			File: link, Origin: post.PicLink, Pos: p.Locate(u.Start), Start: u.Start, End: u.End,
		})
	}
}

// checkLength counts what r.Post's text costs under r.Profile and reports
// it when it is over the limit, empty, or holds a character no post may.
func checkLength(r *Report, opts *Options) {
	p, prof := r.Post, r.Profile
	var lift lifter
	lift.reset(p.Text)
	for i := range p.Media {
		if m := &p.Media[i]; m.InText() {
			lift.cut(m.Start, m.End)
		}
	}
	if (p.Reply != "" || opts.Reply) && prof.ReplyMentionsFree {
		if end, n := replyPrefix(p.Text); n > 0 {
			lift.cut(0, end)
			r.LeftOut = append(r.LeftOut, LeftOut{What: "reply-mentions", Count: n, Text: strings.TrimSpace(p.Text[:end])})
		}
	}
	if p.Quote != "" && prof.QuoteCost == 0 {
		r.LeftOut = append(r.LeftOut, LeftOut{What: "quote", Count: 1, Text: p.Quote})
	}
	r.Counted = lift.text()

	extra := 0
	if len(p.Media) > 0 {
		extra += prof.MediaCost
	}
	if p.Quote != "" {
		extra += prof.QuoteCost
	}
	if prof.Count != profile.TwitterText {
		checkUnits(r, &lift, prof.Limit-extra)
		return
	}
	cfg := prof.Config
	budget := prof.Limit - extra // what the text itself may cost
	cfg.MaxWeightedTweetLength = max(1, budget)
	res := tweet.Parse(r.Counted, cfg)
	weight, cut := res.Weight, res.SafeCutBytes
	if prof.Emoji == profile.EmojiUnicode {
		u := textlen.ParseUnicodeEmoji(r.Counted, cfg)
		res = u.Reference
		weight, cut = u.Weight, u.SafeCutBytes
		r.Reweighed = u.Reweighed
	}
	r.Result = res
	r.Count = weight/cfg.Scale + extra
	r.ReferenceCount = res.WeightedLength + extra
	r.Remaining = prof.Limit - r.Count
	r.Graphemes = textlen.GraphemeCount(r.Counted)

	if bad := tweet.IndexInvalid(r.Counted); bad >= 0 {
		ch, _ := utf8.DecodeRuneInString(r.Counted[bad:])
		at := lift.orig(bad)
		r.add(RuleInvalidChar, fmt.Sprintf("%U (%s) is not allowed in a post; delete it", ch, invalidCharName(ch)),
			p.Locate(at), p.Locate(at+utf8.RuneLen(ch)))
	}
	if strings.TrimSpace(r.Counted) == "" && len(p.Media) == 0 && p.Poll == nil && p.Quote == "" {
		r.add(RuleEmpty, "the post is empty; write some text or attach media", p.Locate(0), post.Pos{})
		return
	}
	if weight <= budget*cfg.Scale {
		return
	}
	// Over: find where, in the original text.
	if budget <= 0 {
		cut = 0
	}
	if res.Normalized {
		cut = graphemePrefix(r.Counted, uniseg.GraphemeClusterCount(res.Text[:cut]))
	}
	r.OverflowStart = lift.orig(cut)
	r.OverflowEnd = max(r.OverflowStart, lift.orig(len(r.Counted)))
	r.OverflowPos = p.Locate(r.OverflowStart)
	excess := r.Count - prof.Limit
	if excess < 1 {
		excess = 1 // a fractional excess under a custom config
	}
	msg := fmt.Sprintf("%d/%d: over by %d under %s; the text does not fit from here on", r.Count, prof.Limit, excess, prof.Name)
	r.add(RuleLength, msg, r.OverflowPos, p.Locate(r.OverflowEnd))
}

// rules maps a profile's unit to textlen's.
var units = map[profile.Unit]textlen.Unit{
	profile.Graphemes:  textlen.Graphemes,
	profile.CodePoints: textlen.CodePoints,
	profile.UTF16:      textlen.UTF16,
}

// checkUnits counts r.Counted under a profile that is not twitter-text's:
// graphemes, code points or UTF-16 units, with the profile's URL, mention,
// emoji, byte and link rules; limit is what the text may cost.
func checkUnits(r *Report, lift *lifter, limit int) {
	p, prof := r.Post, r.Profile
	rule := textlen.Rule{
		Unit: units[prof.Count], URLLength: prof.URLLength, URLNeedsProtocol: prof.URLNeedsProtocol,
		MentionDomainFree: prof.MentionDomainFree, EmojiBytes: prof.EmojiBytes,
	}
	if prof.CountContentWarning && p.ContentWarning != "" {
		r.ContentWarning = textlen.Measure(p.ContentWarning, rule, 0).Count
		limit -= r.ContentWarning
	}
	res := textlen.Measure(r.Counted, rule, max(0, limit))
	r.Result = tweet.Parse(r.Counted, prof.Config) // the parse fields of reports
	r.Count = res.Count + prof.Limit - limit
	r.ReferenceCount = r.Count
	r.Remaining = prof.Limit - r.Count
	r.Graphemes = textlen.GraphemeCount(r.Counted)
	if strings.TrimSpace(r.Counted) == "" && len(p.Media) == 0 && p.Poll == nil && p.Quote == "" {
		r.add(RuleEmpty, "the post is empty; write some text or attach media", p.Locate(0), post.Pos{})
		return
	}
	if prof.MaxLinks > 0 && res.Links > prof.MaxLinks {
		r.add(RuleLinks, fmt.Sprintf("%d links; %s allows at most %d", res.Links, prof.Name, prof.MaxLinks), p.Locate(0), post.Pos{})
	}
	cut := -1
	if res.Count > limit {
		cut = res.FitBytes
		msg := fmt.Sprintf("%d/%d: over by %d under %s; the text does not fit from here on", r.Count, prof.Limit, r.Count-prof.Limit, prof.Name)
		r.OverflowStart = lift.orig(cut)
		r.OverflowEnd = max(r.OverflowStart, lift.orig(len(r.Counted)))
		r.OverflowPos = p.Locate(r.OverflowStart)
		r.add(RuleLength, msg, r.OverflowPos, p.Locate(r.OverflowEnd))
	}
	if prof.ByteLimit > 0 && res.Bytes > prof.ByteLimit {
		at := prof.ByteLimit
		for at > 0 && !utf8.RuneStart(r.Counted[at]) {
			at--
		}
		r.add(RuleBytes, fmt.Sprintf("%d bytes of UTF-8; %s allows at most %d", res.Bytes, prof.Name, prof.ByteLimit),
			p.Locate(lift.orig(at)), p.Locate(lift.orig(len(r.Counted))))
	}
}

// graphemePrefix returns the byte length of the first n grapheme clusters
// of s.
func graphemePrefix(s string, n int) int {
	g := uniseg.NewGraphemes(s)
	end := 0
	for i := 0; i < n && g.Next(); i++ {
		_, end = g.Positions()
	}
	return end
}

func invalidCharName(r rune) string {
	if r == 0xFEFF {
		return "zero width no-break space, the byte order mark"
	}
	return "a noncharacter"
}

// replyPrefix returns the end of the @mentions that open text (with the
// whitespace after them) and how many there are. A mention is "@" (or the
// full-width "＠") and 1 to 15 ASCII letters, digits or underscores,
// followed by whitespace or the end of the text.
func replyPrefix(text string) (end, n int) {
	i := skipSpace(text, 0)
	for i < len(text) {
		var at int
		switch {
		case text[i] == '@':
			at = 1
		case strings.HasPrefix(text[i:], "＠"):
			at = len("＠")
		default:
			return end, n
		}
		name := i + at
		k := name
		for k < len(text) && isWordByte(text[k]) {
			k++
		}
		if k == name || k-name > 15 || k < len(text) && !isSpaceByte(text[k]) {
			return end, n
		}
		n++
		end = skipSpace(text, k)
		i = end
	}
	return end, n
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	return i
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lifter removes spans from a text and maps offsets of what is left back to
// the original.
type lifter struct {
	src  string
	cuts [][2]int // removed [start, end) spans of src, sorted, disjoint
	keep [][2]int // kept spans of src, in order; set by text
}

func (l *lifter) reset(src string) { l.src, l.cuts, l.keep = src, l.cuts[:0], l.keep[:0] }

// cut removes src[start:end] and one run of horizontal space beside it.
func (l *lifter) cut(start, end int) {
	s := l.src
	e := end
	for e < len(s) && (s[e] == ' ' || s[e] == '\t') {
		e++
	}
	if e == end {
		for start > 0 && (s[start-1] == ' ' || s[start-1] == '\t') {
			start--
		}
	}
	l.cuts = append(l.cuts, [2]int{start, e})
}

// text returns what is left: src without the cuts, trimmed at both ends
// when anything was cut.
func (l *lifter) text() string {
	if len(l.cuts) == 0 {
		l.keep = append(l.keep[:0], [2]int{0, len(l.src)})
		return l.src
	}
	slices.SortFunc(l.cuts, func(a, b [2]int) int { return a[0] - b[0] })
	var b strings.Builder
	at := 0
	for _, c := range l.cuts {
		if c[0] > at {
			l.keep = append(l.keep, [2]int{at, c[0]})
		}
		at = max(at, c[1])
	}
	if at < len(l.src) {
		l.keep = append(l.keep, [2]int{at, len(l.src)})
	}
	// Trim white space at both ends of what is kept.
	for len(l.keep) > 0 {
		k := &l.keep[0]
		for k[0] < k[1] {
			c, size := utf8.DecodeRuneInString(l.src[k[0]:])
			if !unicode.IsSpace(c) {
				break
			}
			k[0] += size
		}
		if k[0] < k[1] {
			break
		}
		l.keep = l.keep[1:]
	}
	for len(l.keep) > 0 {
		k := &l.keep[len(l.keep)-1]
		for k[0] < k[1] {
			c, size := utf8.DecodeLastRuneInString(l.src[k[0]:k[1]])
			if !unicode.IsSpace(c) {
				break
			}
			k[1] -= size
		}
		if k[0] < k[1] {
			break
		}
		l.keep = l.keep[:len(l.keep)-1]
	}
	for _, k := range l.keep {
		b.WriteString(l.src[k[0]:k[1]])
	}
	return b.String()
}

// orig maps an offset of text() back to src.
func (l *lifter) orig(off int) int {
	for _, k := range l.keep {
		if n := k[1] - k[0]; off < n {
			return k[0] + off
		} else {
			off -= n
		}
	}
	if len(l.keep) > 0 {
		return l.keep[len(l.keep)-1][1]
	}
	return 0
}
