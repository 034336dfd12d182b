// Package lint checks a post against a profile: how long it is in the
// profile's unit, where it overflows, what was left out of the count, and
// every rule it breaks (length, media, poll). It reads files only through
// the [MediaInspector] it is given.
package lint

import (
	"github.com/tweetlen/tweetlen/pkg/media"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// Severity says whether a problem makes the post fail.
type Severity string

const (
	// Error problems make the post fail the check (exit code 1).
	Error Severity = "error"
	// Warning problems are reported but do not fail the check.
	Warning Severity = "warning"
)

// Rules are the names of the checks, as reported in Problem.Rule and used
// as SARIF rule IDs.
const (
	RuleLength       = "length"        // the post is over the limit
	RuleEmpty        = "empty"         // the post has no text and no attachment
	RuleInvalidChar  = "invalid-char"  // U+FFFE, U+FEFF or U+FFFF in the text
	RuleMediaCount   = "media-count"   // too many images, GIFs or videos
	RuleMediaMix     = "media-mix"     // images, GIFs and videos mixed
	RuleMediaMissing = "media-missing" // an attached file does not exist or cannot be read
	RuleMediaType    = "media-type"    // an attached file is not an accepted image or video format
	RuleMediaSize    = "media-size"    // an attached file is too large
	RuleMediaLength  = "media-length"  // a video is too short or too long
	RuleAltLength    = "alt-length"    // alt text too long
	RulePollOptions  = "poll-options"  // too few or too many poll options
	RulePollOption   = "poll-option"   // a poll option too long or empty
	RulePollDuration = "poll-duration" // poll duration out of range
	RulePollMedia    = "poll-media"    // a poll and media on the same post
	RuleBytes        = "bytes"         // the text is over the profile's byte limit
	RuleLinks        = "links"         // more links than the profile allows
)

// Problem is one rule a post breaks.
type Problem struct {
	Rule     string
	Severity Severity
	Message  string
	// Pos and End delimit what the problem is about in the post's file
	// (End is the position just after it); End is zero when unknown.
	Pos, End post.Pos
}

// MediaReport is what was found out about one attachment.
type MediaReport struct {
	Media *post.Media
	// Info is what inspecting the file found; Info.Kind is media.Unknown
	// when it could not be inspected.
	Info media.Info
}

// Report is the verdict on one post under one profile.
type Report struct {
	Post    *post.Post
	Profile *profile.Profile

	// Counted is the text that was counted: Post.Text without what is not
	// counted (media written in the text, the leading @mentions of a reply).
	Counted string
	// Result is twitter-text's parse of Counted, for the TwitterText unit.
	Result tweet.Result
	// Count is the post's length in the profile's unit, every cost included
	// (Result.WeightedLength plus media and quote costs).
	Count int
	// ReferenceCount is Count with emoji weighed exactly as twitter-text
	// 3.1.0 weighs them; it differs from Count only under
	// profile.EmojiUnicode, where Reweighed emoji (newer than the
	// reference's emoji set) weigh one default weight each.
	ReferenceCount, Reweighed int
	// ContentWarning is what the post's content warning costs, in the
	// profile's unit, under profiles that count it with the text
	// (Mastodon); it is part of Count. 0 when there is none.
	ContentWarning int
	// Graphemes is the number of grapheme clusters of Counted.
	Graphemes int
	// Limit is the profile's limit; Remaining is Limit − Count (negative
	// when over).
	Limit     int
	Remaining int
	// OverflowStart is the byte offset in Post.Text where the part past the
	// limit starts, on a grapheme boundary; -1 when the post fits.
	OverflowStart int
	// OverflowEnd is the byte offset in Post.Text where the counted text
	// ends (what follows was lifted out or trimmed); -1 when the post fits.
	OverflowEnd int
	// OverflowPos is OverflowStart's position in the post's file.
	OverflowPos post.Pos

	// Media has one entry per attachment, in Post.Media's order.
	Media []MediaReport
	// LeftOut says what was not counted.
	LeftOut []LeftOut
	// Problems are the rules the post breaks, in the order checked.
	Problems []Problem
}

// LeftOut is something in or attached to a post that the profile does not
// count.
type LeftOut struct {
	// What is "media", "reply-mentions" or "quote".
	What string
	// Kind is the media kind for What == "media" ("image", "gif", "video",
	// or "media" when unknown).
	Kind string
	// Count is how many (media items, mentions).
	Count int
	// Text is the text left out, for reply mentions and quotes.
	Text string
}

// Failed reports whether the post breaks a rule of severity Error.
func (r *Report) Failed() bool {
	for i := range r.Problems {
		if r.Problems[i].Severity == Error {
			return true
		}
	}
	return false
}

// Over reports whether the post is over the limit.
func (r *Report) Over() bool { return r.OverflowStart >= 0 }

func (r *Report) add(rule string, msg string, pos, end post.Pos) {
	r.Problems = append(r.Problems, Problem{Rule: rule, Severity: Error, Message: msg, Pos: pos, End: end})
}
