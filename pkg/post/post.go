// Package post is the model of a post to check: its text, what is attached to
// it (media, a poll, the post it replies to or quotes), and where each part
// came from in its file. It does no I/O; readers fill it in and the linter
// reads it.
package post

import (
	"strings"

	"github.com/rivo/uniseg"
)

// Pos is a place in a source file. Line and Column are 1-based; Column counts
// grapheme clusters from the start of the line (what an editor shows as
// characters; a tab is one). The zero Pos means "unknown".
type Pos struct {
	Line   int
	Column int
}

// IsZero reports whether the position is unknown.
func (p Pos) IsZero() bool { return p.Line == 0 }

// Source says where a post came from.
type Source struct {
	// File is the path as the user gave it (or as found by walking a
	// directory), "stdin" for standard input.
	File string
	// Pos is where the post's text starts in File.
	Pos Pos
	// Verbatim reports whether Text is a verbatim copy of File from Pos on,
	// so that a byte offset in Text maps to a line and column of File. It is
	// false when the text was decoded (an escaped JSON string, a quoted CSV
	// field); positions inside such a text are reported at Pos.
	Verbatim bool
	// Index is the 1-based index of the post in its file: the record, the
	// row, or the item of a thread. 0 when the file holds one post.
	Index int
	// Thread is the number of posts in the thread this post belongs to; 0
	// when it is not part of a thread.
	Thread int
}

// Post is one post to check.
type Post struct {
	// Text is the post's text as written, before anything is lifted out of
	// it. A reader trims what is not part of the post (front matter, the
	// final newline, the whitespace around a thread item).
	Text   string
	Source Source
	// ID is an identifier to echo in machine output: the raw JSON of a
	// record's "id", or nil.
	ID []byte

	// Media are the attachments, declared (front matter, a JSON/CSV field,
	// --media) or found in the text (a Markdown image, a pic.twitter.com
	// link).
	Media []Media
	// Reply is the post this one replies to (a URL or an ID), "" if none.
	// In a reply the leading @mentions are not counted.
	Reply    string
	ReplyPos Pos
	// Quote is the post this one quotes or retweets, given as metadata (its
	// URL does not count), "" if none.
	Quote    string
	QuotePos Pos
	// Poll is the attached poll, nil if none.
	Poll *Poll
	// Schedule is when the post is scheduled, as written; "" if not given.
	Schedule    string
	SchedulePos Pos
	// Profile names the profile the post asks for (front matter "profile"),
	// "" for the default.
	Profile    string
	ProfilePos Pos
	// Platforms lists the profiles the post is checked against (front
	// matter "platforms"); empty means Profile (or the default).
	Platforms    []string
	PlatformsPos Pos
	// ContentWarning is a content warning or spoiler text (front matter
	// "cw" or "spoiler"); some platforms count it with the text.
	ContentWarning string
}

// MediaOrigin says how an attachment was given.
type MediaOrigin int

const (
	// Declared media come from metadata: front matter "media", a JSON or
	// CSV field, or --media.
	Declared MediaOrigin = iota
	// MarkdownImage media were written as ![alt](file) in a Markdown body.
	MarkdownImage
	// PicLink media are pic.twitter.com links in the text, the form
	// attached media took in a tweet's text.
	PicLink
)

// Media is one attachment.
type Media struct {
	// File is the path or URL as written. A relative path is relative to
	// the directory of the post's file.
	File string
	// Alt is the alternative text, "" if none.
	Alt    string
	Origin MediaOrigin
	// Pos is where the attachment is written in the file.
	Pos Pos
	// Start and End are the byte offsets in the post's Text of the
	// attachment's markup when it is written in the text (MarkdownImage,
	// PicLink); both are -1 for declared media.
	Start, End int
}

// InText reports whether the attachment is written inside the post's text.
func (m *Media) InText() bool { return m.Start >= 0 }

// Poll is a poll attached to a post.
type Poll struct {
	Options []PollOption
	// DurationMinutes is the poll's length in minutes, 0 if not given.
	DurationMinutes int
	Pos             Pos
}

// PollOption is one choice of a poll.
type PollOption struct {
	Text string
	Pos  Pos
}

// Locate returns the position in the post's file of byte offset off in
// p.Text. For a text that is not verbatim it returns Source.Pos.
func (p *Post) Locate(off int) Pos {
	start := p.Source.Pos
	if !p.Source.Verbatim || start.IsZero() {
		return start
	}
	off = max(0, min(off, len(p.Text)))
	before := p.Text[:off]
	nl := strings.Count(before, "\n")
	lineStart := strings.LastIndexByte(before, '\n') + 1
	cols := uniseg.GraphemeClusterCount(before[lineStart:])
	if nl == 0 {
		return Pos{Line: start.Line, Column: start.Column + cols}
	}
	return Pos{Line: start.Line + nl, Column: 1 + cols}
}
