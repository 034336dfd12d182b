package split

import (
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

// draftPost is a verbatim post at line 1 of draft.md with its Markdown
// images found, as the reader gives it.
func draftPost(text string, media ...post.Media) *post.Post {
	p := &post.Post{Text: text, Source: post.Source{File: "draft.md", Pos: post.Pos{Line: 1, Column: 1}, Verbatim: true}}
	for i := 0; ; {
		j := strings.Index(text[i:], "![")
		if j < 0 {
			break
		}
		end := i + j + strings.Index(text[i+j:], ")") + 1
		p.Media = append(p.Media, post.Media{File: "img", Origin: post.MarkdownImage, Start: i + j, End: end})
		i = end
	}
	for _, m := range media {
		m.Start, m.End = -1, -1
		p.Media = append(p.Media, m)
	}
	return p
}

func mustLookup(t *testing.T, name string) *profile.Profile {
	t.Helper()
	p, ok := profile.Lookup(name)
	if !ok {
		t.Fatalf("no profile %q", name)
	}
	return p
}

// TestPostsMarkdownImages checks that an image stays whole in its part, is
// not counted, and travels with the part's post at its new offsets.
func TestPostsMarkdownImages(t *testing.T) {
	text := "First words here. ![a very long alt text describing the photo](photo.png) More words follow here."
	prof := profile.Default().WithLimit(30)
	for _, at := range []Placement{AtEnd, AtStart} {
		parts, err := Posts([]Draft{{Post: draftPost(text), Profile: prof}}, PostOptions{Options: Options{Number: true, NumberAt: at}})
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for i, p := range parts {
			if p.Report.Over() || p.Report.Count != p.Count || p.Count > 30 {
				t.Errorf("part %d %q: report count %d, part count %d", i, p.Text, p.Report.Count, p.Count)
			}
			for _, m := range p.Post.Media {
				found++
				if got := p.Post.Text[m.Start:m.End]; got != "![a very long alt text describing the photo](photo.png)" {
					t.Errorf("part %d: media span %q", i, got)
				}
			}
		}
		if found != 1 {
			t.Errorf("the image is in %d parts", found)
		}
		// The image, 56 characters, is not counted: its part holds words too.
		for _, p := range parts {
			if strings.Contains(p.Text, "![") && !strings.Contains(p.Text, "words") {
				t.Errorf("the image's part %q has no words: was it counted?", p.Text)
			}
		}
	}
}

// TestPostsAttachments checks where declared media, reply, quote and poll
// go, and that a media cost is measured on the part that carries them.
func TestPostsAttachments(t *testing.T) {
	text := "@alice @bob " + strings.Repeat("word ", 40) + "end."
	photo := post.Media{File: "photo.png"}
	mk := func() *post.Post {
		p := draftPost(text, photo)
		p.Reply, p.Quote = "https://x.com/a/status/1", "https://x.com/b/status/2"
		p.Poll = &post.Poll{Options: []post.PollOption{{Text: "yes"}, {Text: "no"}}}
		p.Schedule, p.ContentWarning = "tomorrow", "cw"
		return p
	}
	for _, on := range []MediaOn{MediaFirst, MediaLast} {
		// twitter-2015: media cost 24, reply mentions free.
		prof := mustLookup(t, "twitter-2015")
		parts, err := Posts([]Draft{{Post: mk(), Profile: prof}}, PostOptions{MediaOn: on})
		if err != nil {
			t.Fatal(err)
		}
		if len(parts) < 2 {
			t.Fatalf("%d parts", len(parts))
		}
		with := 0
		if on == MediaLast {
			with = len(parts) - 1
		}
		for i, p := range parts {
			q := p.Post
			if (len(q.Media) == 1) != (i == with) {
				t.Errorf("media on %v: part %d has %d media", on, i, len(q.Media))
			}
			if (q.Reply != "") != (i == 0) || (q.Quote != "") != (i == 0) || (q.Poll != nil) != (i == len(parts)-1) {
				t.Errorf("part %d: reply %q quote %q poll %v", i, q.Reply, q.Quote, q.Poll)
			}
			if q.Schedule != "tomorrow" || q.ContentWarning != "cw" {
				t.Errorf("part %d lost the schedule or the content warning", i)
			}
			if q.Source.Index != i+1 || q.Source.Thread != len(parts) {
				t.Errorf("part %d: index %d/%d", i, q.Source.Index, q.Source.Thread)
			}
			if p.Report.Over() || p.Report.Count != p.Count {
				t.Errorf("part %d: %d/%d over %v", i, p.Report.Count, p.Count, p.Report.Over())
			}
		}
		// The media cost makes the part that carries the media shorter
		// than it could be: 140 − 24 for its text.
		if n := len(parts[with].Body); on == MediaFirst && n > 140-24+len("@alice @bob ") {
			t.Errorf("media on first: part 1 has %d bytes of text", n)
		}
		// The first part's leading mentions are free under a reply.
		if !strings.HasPrefix(parts[0].Body, "@alice @bob word") {
			t.Errorf("part 1 %q", parts[0].Body)
		}
	}
}

func TestPostsDrafts(t *testing.T) {
	x, tw := mustLookup(t, "x"), profile.Default()
	drafts := []Draft{
		{Post: draftPost(strings.Repeat("日本語", 50)), Profile: x},  // 150 characters: 300 under x
		{Post: draftPost(strings.Repeat("ab ", 50)), Profile: tw}, // 149 under twitter
	}
	parts, err := Posts(drafts, PostOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 4 || parts[0].Item != 0 || parts[1].Item != 0 || parts[2].Item != 1 || parts[3].Item != 1 {
		t.Fatalf("parts %+v", parts)
	}
	if parts[0].Count != 280 || parts[0].Report.Profile != x || parts[2].Report.Profile != tw {
		t.Errorf("part 1 counts %d under %s", parts[0].Count, parts[0].Report.Profile.Name)
	}
	if pos := parts[1].Post.Source.Pos; pos != (post.Pos{Line: 1, Column: 141}) {
		t.Errorf("part 2 at %+v", pos)
	}
}

func TestFitPost(t *testing.T) {
	p := draftPost("Look ![alt](a.png) at this: " + strings.Repeat("more ", 40))
	res, rep := FitPost(Draft{Post: p, Profile: profile.Default()}, "…", &lint.Options{})
	if !res.Cut || rep.Over() || rep.Count != res.Count || rep.Count > 140 || !strings.HasSuffix(res.Text, "more…") {
		t.Errorf("got %+v, report %d over %v", res, rep.Count, rep.Over())
	}
	if len(rep.Post.Media) != 1 || rep.Post.Text[rep.Post.Media[0].Start:rep.Post.Media[0].End] != "![alt](a.png)" {
		t.Errorf("media %+v", rep.Post.Media)
	}
	// The whole post fits: nothing is cut, the ellipsis is not added.
	res, rep = FitPost(Draft{Post: draftPost("short"), Profile: profile.Default()}, "…", nil)
	if res.Cut || res.Text != "short" || rep.Count != 5 {
		t.Errorf("got %+v", res)
	}
}
