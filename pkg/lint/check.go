package lint

import (
	"github.com/tweetlen/tweetlen/pkg/media"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

// MediaInspector finds out what an attachment is. The CLI's inspector reads
// the file relative to the post's file; tests use an in-memory one.
type MediaInspector interface {
	Inspect(p *post.Post, m *post.Media) (media.Info, error)
}

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
func Check(p *post.Post, prof *profile.Profile, opts *Options) *Report {
	if opts == nil {
		opts = &Options{}
	}
	r := &Report{Post: p, Profile: prof, Limit: prof.Limit, OverflowStart: -1}
	checkMedia(r, opts)
	checkPoll(r)
	return r
}
