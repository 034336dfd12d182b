package split

import (
	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

// ForProfile returns a Measure of plain texts under prof: a candidate counts
// what lint.Check says of a post holding its text alone, and fits when
// lint.Check finds it neither over the limit nor over the profile's byte or
// link limits. Other problems (an invalid character…) are not its concern.
func ForProfile(prof *profile.Profile) Measure {
	return func(c Candidate) (int, bool) {
		return measurePost(&post.Post{Text: c.Text}, prof, nil)
	}
}

// measurePost checks p under prof and says what it counts and whether its
// length is within the profile's limits.
func measurePost(p *post.Post, prof *profile.Profile, opts *lint.Options) (int, bool) {
	r := lint.Check(p, prof, opts)
	return r.Count, fitsReport(r)
}

// fitsReport reports whether r has no length problem: the limit, the
// profile's byte limit and its link limit, the rules cutting a text helps
// with.
func fitsReport(r *lint.Report) bool {
	for _, p := range r.Problems {
		switch p.Rule {
		case lint.RuleLength, lint.RuleBytes, lint.RuleLinks:
			return false
		}
	}
	return true
}

// MediaOn says which part of a post gets the media declared for it (in
// front matter, a JSON field, --media).
type MediaOn int

const (
	// MediaFirst gives declared media to the post's first part.
	MediaFirst MediaOn = iota
	// MediaLast gives them to its last part.
	MediaLast
)

// Draft is a post to split and the profile its parts must fit.
type Draft struct {
	Post    *post.Post
	Profile *profile.Profile
}

// PostOptions say how to split posts.
type PostOptions struct {
	Options
	// MediaOn says which part of each post gets its declared media.
	MediaOn MediaOn
	// Lint are the options of lint.Check (replies, the media inspector).
	// Parts are measured without the inspector; the final reports use it.
	Lint *lint.Options
}

// PostPart is a part of a thread split from posts.
type PostPart struct {
	Part
	// Post is the part as a post: its text (counter included), the
	// attachments it carries, where its body is in the source file.
	Post *post.Post
	// Report is lint.Check of Post under its draft's profile.
	Report *lint.Report
}

// Posts splits drafts into a thread whose every part fits its draft's
// profile, as SplitItems does with one item per draft; a break between two
// drafts (a thread delimiter) is always a break between parts.
//
// A part carries what belongs to it: the Markdown images and pic.twitter.com
// links written in its text (they are never cut, and lint.Check lifts them
// out of the count), the declared media of its draft on the draft's first or
// last part (opts.MediaOn), the draft's reply and quote on its first part,
// its poll on its last part, and the draft's schedule, profile, platforms
// and content warning on every part. Each part is measured with lint.Check
// as that post, so its count is what checking the part says.
func Posts(drafts []Draft, opts PostOptions) ([]PostPart, error) {
	items := make([]Item, len(drafts))
	for i, d := range drafts {
		items[i] = Item{Text: d.Post.Text, Keep: inText(d.Post)}
	}
	var measureOpts lint.Options
	if opts.Lint != nil {
		measureOpts = *opts.Lint
		measureOpts.Inspector = nil
	}
	measure := func(c Candidate) (int, bool) {
		d := drafts[c.Item]
		return measurePost(partPost(d.Post, c, opts.MediaOn), d.Profile, &measureOpts)
	}
	parts, err := SplitItems(items, measure, opts.Options)
	if err != nil {
		return nil, err
	}
	out := make([]PostPart, len(parts))
	for i, p := range parts {
		d := drafts[p.Item]
		first := p.Body == "" || i == 0 || parts[i-1].Item != p.Item
		last := p.Body == "" || i == len(parts)-1 || parts[i+1].Item != p.Item
		body := 0
		if opts.Number && opts.NumberAt == AtStart {
			body = len(p.Text) - len(p.Body)
		}
		pp := partPost(d.Post, Candidate{
			Text: p.Text, Body: body, Item: p.Item, Start: p.Start, End: p.End, Index: i, First: first, Last: last,
		}, opts.MediaOn)
		if len(parts) > 1 {
			pp.Source.Index, pp.Source.Thread = i+1, len(parts)
		}
		out[i] = PostPart{Part: p, Post: pp, Report: lint.Check(pp, d.Profile, opts.Lint)}
	}
	return out, nil
}

// inText returns the spans of the attachments written in p's text.
func inText(p *post.Post) [][2]int {
	var spans [][2]int
	for _, m := range p.Media {
		if m.InText() {
			spans = append(spans, [2]int{m.Start, m.End})
		}
	}
	return spans
}

// partPost returns the post of candidate part c of p.
func partPost(p *post.Post, c Candidate, on MediaOn) *post.Post {
	q := &post.Post{
		Text: c.Text,
		Source: post.Source{
			File: p.Source.File, Pos: p.Locate(c.Start),
			Verbatim: p.Source.Verbatim && c.Body == 0,
		},
		ID:       p.ID,
		Schedule: p.Schedule, SchedulePos: p.SchedulePos,
		Profile: p.Profile, ProfilePos: p.ProfilePos,
		Platforms: p.Platforms, PlatformsPos: p.PlatformsPos,
		ContentWarning: p.ContentWarning,
	}
	if c.First {
		q.Reply, q.ReplyPos, q.Quote, q.QuotePos = p.Reply, p.ReplyPos, p.Quote, p.QuotePos
	}
	if c.Last {
		q.Poll = p.Poll
	}
	declaredHere := c.First && on == MediaFirst || c.Last && on == MediaLast
	shift := c.Body - c.Start
	for _, m := range p.Media {
		switch {
		case m.InText():
			if c.Start <= m.Start && m.End <= c.End {
				m.Start, m.End = m.Start+shift, m.End+shift
				q.Media = append(q.Media, m)
			}
		case declaredHere:
			q.Media = append(q.Media, m)
		}
	}
	return q
}

// FitPost returns the longest prefix of d's post that fits d's profile, as
// Fit does, measured with lint.Check as the post it would be (its
// attachments and reply included); and the report on that prefix.
func FitPost(d Draft, ellipsis string, opts *lint.Options) (FitResult, *lint.Report) {
	var measureOpts lint.Options
	if opts != nil {
		measureOpts = *opts
		measureOpts.Inspector = nil
	}
	measure := func(c Candidate) (int, bool) {
		return measurePost(partPost(d.Post, c, MediaFirst), d.Profile, &measureOpts)
	}
	res := Fit(d.Post.Text, measure, FitOptions{Ellipsis: ellipsis, Keep: inText(d.Post)})
	p := partPost(d.Post, Candidate{Text: res.Text, End: res.End, First: true, Last: !res.Cut}, MediaFirst)
	p.Source.Index, p.Source.Thread = d.Post.Source.Index, d.Post.Source.Thread
	return res, lint.Check(p, d.Profile, opts)
}
