// Package textlen measures post text by the counting rules of platforms other
// than X (whose weighted count is pkg/tweet's): Bluesky, Mastodon, Threads
// and LinkedIn.
//
// A [Rule] says what unit a platform counts (grapheme clusters, code points,
// UTF-16 code units or UTF-8 bytes), whether URLs count a fixed length,
// whether "@user@domain" mentions lose their domain, and whether emoji count
// their UTF-8 bytes. [Measure] applies a rule and also finds how much of a
// text fits a limit. Grapheme clusters are UAX #29 extended grapheme clusters
// as github.com/rivo/uniseg segments them (Unicode 15.0.0), with an ASCII
// fast path ([GraphemeCount]).
//
// URLs are found with pkg/extract, the port of twitter-text 3.1.0's URL
// extraction. All offsets are byte offsets into the UTF-8 text.
package textlen

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/pkg/extract"
)

// Unit is what a rule counts.
type Unit int

const (
	// Graphemes counts extended grapheme clusters (UAX #29): what a reader
	// sees as one character, so 👨‍👩‍👧, 🇯🇵, "e" + U+0301 and CR LF are
	// one each.
	Graphemes Unit = iota
	// CodePoints counts Unicode code points (Go runes; an invalid UTF-8
	// byte counts 1).
	CodePoints
	// UTF16 counts UTF-16 code units, JavaScript's String length: 2 for a
	// code point above U+FFFF, else 1.
	UTF16
	// Bytes counts UTF-8 bytes.
	Bytes
)

// String returns the unit's name.
func (u Unit) String() string {
	switch u {
	case Graphemes:
		return "graphemes"
	case CodePoints:
		return "code points"
	case UTF16:
		return "UTF-16 code units"
	case Bytes:
		return "bytes"
	}
	return "Unit(" + strconv.Itoa(int(u)) + ")"
}

// Rule is a platform's way of counting a text. The zero Rule counts
// grapheme clusters with URLs and mentions in full, which is Bluesky's rule.
type Rule struct {
	// Unit is what is counted. A value other than the four constants
	// counts as Graphemes.
	Unit Unit
	// URLLength, when > 0, is what each URL counts, in Unit, whatever its
	// real length (Mastodon: 23, even for a shorter URL). When 0, URLs
	// count in full. Negative values count as 0.
	URLLength int
	// URLNeedsProtocol limits URLs to those that start with http:// or
	// https:// (in any case): only they get URLLength and count in
	// Result.Links, and bare domains such as example.com count in full, as
	// on Mastodon.
	URLNeedsProtocol bool
	// MentionDomainFree makes a mention "@user@domain" count as "@user", as
	// Mastodon does. Mentions are found as Mastodon's MENTION_RE finds them
	// (see nextMention); a mention overlapping an earlier URL is no mention.
	MentionDomainFree bool
	// EmojiBytes makes each grapheme cluster that is an emoji (see
	// IsEmojiCluster) count its UTF-8 length in bytes, as Threads does;
	// other clusters count per Unit.
	EmojiBytes bool
}

// Rules of the platforms, to be used with their limits (Result.Bytes and
// Result.Links are for the limits that are not in Unit).
var (
	// Bluesky counts 300 grapheme clusters and 3000 UTF-8 bytes
	// (lexicon app.bsky.feed.post: maxGraphemes 300, maxLength 3000).
	// URLs and mentions count in full: the official app shortens a link's
	// label before posting, but that is the text it sends.
	Bluesky = Rule{Unit: Graphemes}

	// Mastodon counts grapheme clusters, 500 by default (the instance sets
	// it), of the text, and the caller adds the content warning's count.
	// This follows app/validators/status_length_validator.rb: every URL
	// with a protocol becomes 23 characters ("x" * 23), each "@user@domain"
	// becomes "@user" (URLs and mentions overlapping an earlier one are
	// dropped first), then the result's each_grapheme_cluster is counted.
	//
	// Assumptions: Mastodon finds URLs with twitter-text-ruby's regexp
	// (extract_url_without_protocol: false) and its own patches to it;
	// pkg/extract reproduces twitter-text 3.1.0's JavaScript extraction,
	// which may differ on rare URLs. Ruby's grapheme clusters follow
	// Ruby's Unicode version, which may differ from uniseg's 15.0.0 (for
	// instance on Indic conjuncts, UAX #29 rule GB9c of Unicode 15.1).
	Mastodon = Rule{Unit: Graphemes, URLLength: 23, URLNeedsProtocol: true, MentionDomainFree: true}

	// Threads counts 500, and "Emojis are counted as the number of UTF-8
	// bytes" (Meta's Threads API docs). Other characters count 1 each; Meta
	// does not say per what, and this rule counts code points, so "e" +
	// U+0301 counts 2 and CJK counts 1 per character. URLs count in full;
	// Threads allows at most 5 links, compare Result.Links.
	Threads = Rule{Unit: CodePoints, EmojiBytes: true}

	// LinkedIn counts 3000 "characters" with no published counting rule
	// and no URL shortening; this rule takes UTF-16 code units, what a
	// JavaScript composer's String length gives.
	LinkedIn = Rule{Unit: UTF16}
)

// Result is the measure of a text.
type Result struct {
	// Count is the text's length in the rule's Unit, with the URL, mention
	// and emoji rules applied.
	Count int
	// Bytes is the UTF-8 length of the text.
	Bytes int
	// Links is the number of URLs found (only those with a protocol when
	// the rule's URLNeedsProtocol is set), for a platform's link limit.
	Links int
	// FitBytes is the byte length of the longest prefix of the text whose
	// Count is at most the limit. The prefix ends on a grapheme-cluster
	// boundary, and never inside a URL or mention whose length the rule
	// rewrites. It is len(text) when the whole text fits, and 0 when the
	// limit is negative.
	FitBytes int
}

// entity is a URL or mention of a text that the rule rewrites, or that can
// hide another one by overlapping it.
type entity struct {
	start, end int // the span in the text, bytes
	keep       int // mention: bytes kept, len("@user"); URL: 0
	url        bool
	// rStart and rEnd are the span of the entity's replacement in the
	// rewritten text; extra is the count it adds on top of its
	// replacement's own (a URL is rewritten to one "x").
	rStart, rEnd, extra int
}

// Measure measures text by rule r and finds the longest prefix that fits
// limit, which is in r's Unit. It does not modify text.
func Measure(text string, r Rule, limit int) Result {
	res := Result{Bytes: len(text)}
	var buf [8]entity
	ents, links := findEntities(text, r, buf[:0])
	res.Links = links
	rw, extra := rewrite(text, ents, r)
	res.Count = count(rw, r) + extra
	switch {
	case res.Count <= limit:
		res.FitBytes = len(text)
	case limit > 0:
		res.FitBytes = fitBytes(text, r, limit, rw, ents)
	}
	return res
}

// fitBytes returns Result.FitBytes for a text whose count is over limit.
func fitBytes(text string, r Rule, limit int, rw string, ents []entity) int {
	f := fitScan(text, rw, ents, r, limit)
	if !rewrites(r) {
		return f
	}
	// The cut is counted as it is in the whole text. A prefix may hold a
	// URL the whole text does not (twitter-text looks past a domain's TLD),
	// so check the prefix as it is, and cut further if it is over.
	var buf [8]entity
	for f > 0 {
		sub := text[:f]
		e, _ := findEntities(sub, r, buf[:0])
		w, extra := rewrite(sub, e, r)
		if count(w, r)+extra <= limit {
			break
		}
		f = fitScan(sub, w, e, r, limit)
	}
	return f
}

// rewrites reports whether r may count a text other than as it is.
func rewrites(r Rule) bool { return r.URLLength > 0 || r.MentionDomainFree }

// hasProtocol reports whether the URL s starts with http:// or https://.
func hasProtocol(s string) bool {
	return len(s) >= 7 && strings.EqualFold(s[:7], "http://") ||
		len(s) >= 8 && strings.EqualFold(s[:8], "https://")
}

// findEntities appends to dst the entities of text that r rewrites, in
// order, and returns them with the number of URLs found.
func findEntities(text string, r Rule, dst []entity) ([]entity, int) {
	links := 0
	var sc extract.URLScanner
	sc.Reset(text)
	ms, mu, me, mok := -1, 0, 0, false
	if r.MentionDomainFree {
		ms, mu, me, mok = nextMention(text, 0)
	}
	us, ue, uok := sc.Next()
	for uok && r.URLNeedsProtocol && !hasProtocol(text[us:ue]) {
		us, ue, uok = sc.Next()
	}
	prevEnd := 0 // end of the last entity kept
	for uok || mok {
		var e entity
		if uok && (!mok || us < ms) {
			e = entity{start: us, end: ue, url: true}
			links++
			us, ue, uok = sc.Next()
			for uok && r.URLNeedsProtocol && !hasProtocol(text[us:ue]) {
				us, ue, uok = sc.Next()
			}
		} else {
			e = entity{start: ms, end: me, keep: mu - ms}
			ms, mu, me, mok = nextMention(text, me)
		}
		// Mastodon's remove_overlapping_entities: sorted by start, an
		// entity starting before the end of the last one kept goes.
		if e.start < prevEnd {
			continue
		}
		prevEnd = e.end
		if e.url && r.URLLength > 0 || !e.url && e.start+e.keep < e.end {
			dst = append(dst, e)
		}
	}
	return dst, links
}

// rewrite returns text with its entities replaced, URLs by one "x" each and
// mentions by their "@user", and the count the URLs add beyond their "x"
// (URLLength-1 each). It fills in the entities' rewritten spans.
func rewrite(text string, ents []entity, r Rule) (string, int) {
	if len(ents) == 0 {
		return text, 0
	}
	var b strings.Builder
	b.Grow(len(text))
	extra, last := 0, 0
	for i := range ents {
		e := &ents[i]
		b.WriteString(text[last:e.start])
		e.rStart = b.Len()
		if e.url {
			b.WriteByte('x')
			e.extra = r.URLLength - 1
			extra += e.extra
		} else {
			b.WriteString(text[e.start : e.start+e.keep])
		}
		e.rEnd = b.Len()
		last = e.end
	}
	b.WriteString(text[last:])
	return b.String(), extra
}

// clusterUnits returns what the grapheme cluster cl counts by r.
func clusterUnits(cl string, r Rule) int {
	if r.EmojiBytes && IsEmojiCluster(cl) {
		return len(cl)
	}
	switch r.Unit {
	case CodePoints:
		return utf8.RuneCountInString(cl)
	case UTF16:
		return utf16Len(cl)
	case Bytes:
		return len(cl)
	}
	return 1
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, c := range s {
		if c >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// count returns the length of s by r, without URL or mention rules.
func count(s string, r Rule) int {
	if !r.EmojiBytes {
		switch r.Unit {
		case CodePoints:
			return utf8.RuneCountInString(s)
		case UTF16:
			return utf16Len(s)
		case Bytes:
			return len(s)
		}
		return GraphemeCount(s)
	}
	graphemes := r.Unit != CodePoints && r.Unit != UTF16 && r.Unit != Bytes
	// As GraphemeCount, adding each cluster's units; an ASCII character
	// (or CR LF) is never an emoji and counts 1 in every unit but CR LF's
	// 2 code points, units or bytes.
	n, i := 0, 0
	for i < len(s) {
		j, crlf := asciiRun(s, i)
		n += j - i
		if graphemes {
			n -= crlf
		}
		if j == len(s) {
			break
		}
		k := j
		if j > i && joinsNext(s[j-1]) {
			k, n = j-1, n-1
		}
		state := -1
		for {
			var end int
			end, state = nextCluster(s, k, state)
			n += clusterUnits(s[k:end], r)
			k = end
			if k == len(s) || s[k] < 0x80 {
				break
			}
		}
		i = k
	}
	return n
}

// fitScan returns the longest prefix of text, in bytes, whose count, taken
// cluster by cluster over rw (text rewritten with ents), is at most limit;
// the prefix ends on a cluster boundary of both rw and text and not inside
// an entity.
func fitScan(text, rw string, ents []entity, r Rule, limit int) int {
	best, cum, state := 0, 0, -1
	ei, delta := 0, 0 // next entity; text offset minus rw offset here
	added := 0        // entities whose extra is in cum
	cur := cursor{s: text, state: -1}
	for i := 0; i < len(rw); {
		end, st := nextCluster(rw, i, state)
		state = st
		cum += clusterUnits(rw[i:end], r)
		for added < len(ents) && ents[added].rStart < end {
			cum += ents[added].extra
			added++
		}
		if cum > limit {
			break
		}
		i = end
		for ei < len(ents) && ents[ei].rEnd <= i {
			delta = ents[ei].end - ents[ei].rEnd
			ei++
		}
		if ei < len(ents) && ents[ei].rStart < i {
			continue // inside an entity
		}
		o := i + delta
		if len(ents) > 0 && !cur.boundary(o) {
			continue
		}
		best = o
	}
	return best
}

// cursor walks the grapheme clusters of s forward, to tell boundaries.
type cursor struct {
	s          string
	pos, state int
}

// boundary reports whether byte offset p, not before the last offset asked
// about, is a grapheme-cluster boundary of s.
func (c *cursor) boundary(p int) bool {
	for c.pos < p {
		c.pos, c.state = nextCluster(c.s, c.pos, c.state)
	}
	return c.pos == p
}
