package lint

import (
	"bytes"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tweetlen/tweetlen/internal/mediatest"
	"github.com/tweetlen/tweetlen/pkg/media"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

// Tiny files whose content media.Inspect recognises.
var (
	jpegData = []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9}
	pngData  = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82}
	mp4Data  = []byte{0, 0, 0, 20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'm', 'p', '4', '2'}
	heicData = []byte{0, 0, 0, 20, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1'}
	webmData = []byte{0x1A, 0x45, 0xDF, 0xA3, 0x87, 0x42, 0x82, 0x84, 'w', 'e', 'b', 'm'}
)

// gifData is a 1×1 GIF with frames frames.
func gifData(frames int) []byte {
	b := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00")
	for range frames {
		b = append(b, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0)
	}
	return append(b, 0x3B)
}

var attachFS = fstest.MapFS{
	"a.jpg": {Data: jpegData}, "b.jpg": {Data: jpegData}, "c.jpg": {Data: jpegData},
	"d.jpg": {Data: jpegData}, "e.jpg": {Data: jpegData}, "f.png": {Data: pngData},
	"posts/cat.jpg": {Data: jpegData},
	"dance.gif":     {Data: gifData(2)}, "spin.gif": {Data: gifData(3)},
	"still.gif": {Data: gifData(1)}, "still2.gif": {Data: gifData(1)},
	"clip.mp4": {Data: mp4Data}, "clip2.mp4": {Data: mp4Data},
	"photo.heic": {Data: heicData}, "photo.jpg.heic": {Data: heicData}, "heic.jpg": {Data: heicData},
	"clip.webm": {Data: webmData},
	"notes.jpg": {Data: []byte("not a picture at all")}, "empty.png": {Data: nil},
	"long.mp4": {Data: mediatest.MP4(1024, 140.01)}, "blip.mp4": {Data: mediatest.MP4(1024, 0.3)},
	"exact.mp4": {Data: mediatest.MP4(1024, 140)},
}

// fsInspector inspects attachments in attachFS with media.Inspect, except
// those it has an Info for, and those named locked*, which it cannot read.
type fsInspector struct {
	infos map[string]media.Info
	calls []string
}

func (f *fsInspector) Inspect(p *post.Post, m *post.Media) (media.Info, error) {
	f.calls = append(f.calls, m.File)
	if info, ok := f.infos[m.File]; ok {
		return info, nil
	}
	if strings.HasPrefix(m.File, "locked") {
		return media.Info{Size: -1}, &fs.PathError{Op: "open", Path: m.File, Err: fs.ErrPermission}
	}
	return media.Inspect(attachFS, m.File)
}

func attachProfile(t *testing.T, name string, edit func(*profile.Profile)) *profile.Profile {
	t.Helper()
	p, ok := profile.Lookup(name)
	if !ok {
		t.Fatalf("no built-in profile %q", name)
	}
	if edit != nil {
		q := *p
		q.Media.ImageTypes = append([]string(nil), p.Media.ImageTypes...)
		edit(&q)
		p = &q
	}
	return p
}

// withMedia returns a post of post.md with declared attachments, each on
// its own line from line 2.
func withMedia(files ...string) *post.Post {
	p := &post.Post{Text: "Look", Source: post.Source{File: "post.md", Pos: post.Pos{Line: 10, Column: 1}}}
	for i, f := range files {
		p.Media = append(p.Media, post.Media{File: f, Pos: post.Pos{Line: 2 + i, Column: 8}, Start: -1, End: -1})
	}
	return p
}

func problemRules(r *Report) []string {
	var s []string
	for _, p := range r.Problems {
		s = append(s, p.Rule)
	}
	return s
}

func TestAttachMedia(t *testing.T) {
	alt := func(p *post.Post, i int, alt string) *post.Post { p.Media[i].Alt = alt; return p }
	big := func(kind media.Kind, format string, size int64) media.Info {
		return media.Info{Kind: kind, Format: format, Size: size}
	}
	const MB = 1 << 20
	tests := []struct {
		name    string
		post    *post.Post
		profile string
		edit    func(*profile.Profile)
		infos   map[string]media.Info
		noInsp  bool
		rules   []string
		msgs    []string // substrings of the messages, in order
		at      []int    // index of the attachment each problem is at
		leftOut []LeftOut
	}{
		{name: "no media", post: withMedia()},
		{name: "one image", post: withMedia("a.jpg"), leftOut: []LeftOut{{What: "media", Kind: "image", Count: 1}}},
		{name: "four images", post: withMedia("a.jpg", "b.jpg", "c.jpg", "f.png"),
			leftOut: []LeftOut{{What: "media", Kind: "image", Count: 4}}},
		{name: "five images", post: withMedia("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"),
			rules: []string{RuleMediaCount}, msgs: []string{"5 images attached; a post may have at most 4 (e.jpg is the 5th)"}, at: []int{4},
			leftOut: []LeftOut{{What: "media", Kind: "image", Count: 5}}},
		{name: "six images", post: withMedia("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.png"),
			rules: []string{RuleMediaCount}, msgs: []string{"6 images attached; a post may have at most 4 (e.jpg is the 5th)"}, at: []int{4}},
		{name: "one animated GIF", post: withMedia("dance.gif"), leftOut: []LeftOut{{What: "media", Kind: "gif", Count: 1}}},
		{name: "two animated GIFs", post: withMedia("dance.gif", "spin.gif"),
			rules: []string{RuleMediaCount}, msgs: []string{"2 GIFs attached; a post may have at most 1 (spin.gif is the 2nd)"}, at: []int{1},
			leftOut: []LeftOut{{What: "media", Kind: "gif", Count: 2}}},
		{name: "still GIFs are images", post: withMedia("still.gif", "still2.gif", "a.jpg"),
			leftOut: []LeftOut{{What: "media", Kind: "image", Count: 3}}},
		{name: "one video", post: withMedia("clip.mp4"), leftOut: []LeftOut{{What: "media", Kind: "video", Count: 1}}},
		{name: "two videos", post: withMedia("clip.mp4", "clip2.mp4"),
			rules: []string{RuleMediaCount}, msgs: []string{"2 videos attached; a post may have at most 1 (clip2.mp4 is the 2nd)"}, at: []int{1}},
		{name: "no videos allowed", post: withMedia("clip.mp4"), edit: func(p *profile.Profile) { p.Media.MaxVideos = 0 },
			rules: []string{RuleMediaCount}, msgs: []string{"clip.mp4 is an MP4 video; the twitter profile allows no videos"}, at: []int{0}},
		{name: "no GIFs allowed", post: withMedia("a.jpg", "dance.gif"), edit: func(p *profile.Profile) { p.Media.MaxGIFs = 0; p.Media.Mix = true },
			rules: []string{RuleMediaCount}, msgs: []string{"dance.gif is an animated GIF; the twitter profile allows no GIFs"}, at: []int{1}},
		{name: "image and video", post: withMedia("a.jpg", "b.jpg", "clip.mp4"),
			rules: []string{RuleMediaMix}, msgs: []string{"clip.mp4 is an MP4 video but the post also has 2 images; images, GIFs and videos cannot be mixed"}, at: []int{2},
			leftOut: []LeftOut{{What: "media", Kind: "image", Count: 2}, {What: "media", Kind: "video", Count: 1}}},
		{name: "GIF then image", post: withMedia("dance.gif", "a.jpg"),
			rules: []string{RuleMediaMix}, msgs: []string{"a.jpg is a JPEG image but the post also has 1 GIF;"}, at: []int{1},
			leftOut: []LeftOut{{What: "media", Kind: "image", Count: 1}, {What: "media", Kind: "gif", Count: 1}}},
		{name: "mix allowed", post: withMedia("a.jpg", "dance.gif", "clip.mp4"), edit: func(p *profile.Profile) { p.Media.Mix = true }},
		{name: "unknown does not mix", post: withMedia("https://example.com/page", "a.jpg"),
			leftOut: []LeftOut{{What: "media", Kind: "image", Count: 1}, {What: "media", Kind: "media", Count: 1}}},

		{name: "missing next to the post", post: func() *post.Post {
			p := withMedia("cat.jpg")
			p.Source.File = "posts/monday.md"
			return p
		}(), rules: []string{RuleMediaMissing}, at: []int{0},
			msgs:    []string{"media file cat.jpg not found (looked in posts/, next to posts/monday.md: paths are relative to the post's file); fix the path or add the file"},
			leftOut: []LeftOut{{What: "media", Kind: "media", Count: 1}}},
		{name: "missing, post in the current directory", post: withMedia("nope.png"), rules: []string{RuleMediaMissing},
			msgs: []string{"media file nope.png not found (looked in the current directory, next to post.md); fix the path"}},
		{name: "missing, stdin", post: func() *post.Post { p := withMedia("nope.png"); p.Source.File = "stdin"; return p }(),
			rules: []string{RuleMediaMissing}, msgs: []string{"media file nope.png not found (looked in the current directory); fix"}},
		{name: "missing, absolute", post: withMedia("/nope.png"), rules: []string{RuleMediaMissing},
			msgs: []string{"media file /nope.png not found; fix the path or add the file"}},
		{name: "unreadable", post: withMedia("locked.jpg"), rules: []string{RuleMediaMissing},
			msgs: []string{"cannot read locked.jpg: permission denied"}},

		{name: "not recognised", post: withMedia("notes.jpg"), rules: []string{RuleMediaType},
			msgs:    []string{"notes.jpg is not an image or video tweetlen recognises (detected from its content, not its name)"},
			leftOut: []LeftOut{{What: "media", Kind: "media", Count: 1}}},
		{name: "empty file", post: withMedia("empty.png"), rules: []string{RuleMediaType}, msgs: []string{"empty.png is empty (0 bytes)"}},
		{name: "HEIC image", post: withMedia("photo.heic"), rules: []string{RuleMediaType},
			msgs: []string{"photo.heic is a HEIC image; images must be JPEG, PNG, GIF or WEBP"}},
		{name: "HEIC named .jpg", post: withMedia("heic.jpg"), rules: []string{RuleMediaType},
			msgs: []string{"heic.jpg is a HEIC image (detected from its content); images must be JPEG, PNG, GIF or WEBP"}},
		{name: "video too long", post: withMedia("long.mp4"), rules: []string{RuleMediaLength},
			msgs: []string{"long.mp4 is 2 min 20.01 s long; videos may be at most 2 min 20 s under twitter; trim it"}},
		{name: "video too short", post: withMedia("blip.mp4"), rules: []string{RuleMediaLength},
			msgs: []string{"blip.mp4 is 0.3 s long; videos must be at least 0.5 s under twitter"}},
		{name: "video at the limit", post: withMedia("exact.mp4")},
		{name: "a longer video under x-premium", profile: "x-premium", post: withMedia("long.mp4")},
		{name: "WebM video", post: withMedia("clip.webm"), rules: []string{RuleMediaType},
			msgs: []string{"clip.webm is a WEBM video; videos must be MP4 or MOV"}},
		{name: "GIF not accepted", post: withMedia("dance.gif", "still.gif"),
			edit:  func(p *profile.Profile) { p.Media.ImageTypes = []string{"jpeg", "png"}; p.Media.Mix = true },
			rules: []string{RuleMediaType, RuleMediaType}, at: []int{0, 1},
			msgs: []string{"dance.gif is an animated GIF; images must be JPEG or PNG", "still.gif is a still GIF image; images must be JPEG or PNG"}},
		{name: "any format when none listed", post: withMedia("photo.heic", "clip2.mp4"),
			edit: func(p *profile.Profile) { p.Media.ImageTypes, p.Media.VideoTypes, p.Media.Mix = nil, nil, true }},

		{name: "image at the size limit", post: withMedia("big.jpg"), infos: map[string]media.Info{"big.jpg": big(media.Image, "jpeg", 5*MB)}},
		{name: "image a byte over", post: withMedia("big.jpg"), infos: map[string]media.Info{"big.jpg": big(media.Image, "jpeg", 5*MB+1)},
			rules: []string{RuleMediaSize}, msgs: []string{"big.jpg is 5242881 bytes (the limit 5 MB is 5242880 bytes); images may be at most 5 MB"}},
		{name: "image well over", post: withMedia("photo.jpg"), infos: map[string]media.Info{"photo.jpg": big(media.Image, "jpeg", 6*MB+200<<10)},
			rules: []string{RuleMediaSize}, msgs: []string{"photo.jpg is 6.2 MB; images may be at most 5 MB"}},
		{name: "still GIF under image limit", post: withMedia("s.gif"), infos: map[string]media.Info{"s.gif": big(media.Image, "gif", 6*MB)},
			rules: []string{RuleMediaSize}, msgs: []string{"s.gif is 6 MB; images may be at most 5 MB"}},
		{name: "GIF at the limit", post: withMedia("g.gif"), infos: map[string]media.Info{"g.gif": big(media.GIF, "gif", 15*MB)}},
		{name: "GIF over", post: withMedia("g.gif"), infos: map[string]media.Info{"g.gif": big(media.GIF, "gif", 15*MB+1)},
			rules: []string{RuleMediaSize}, msgs: []string{"g.gif is 15728641 bytes (the limit 15 MB is 15728640 bytes); GIFs may be at most 15 MB"}},
		{name: "video at the limit", post: withMedia("v.mp4"), infos: map[string]media.Info{"v.mp4": big(media.Video, "mp4", 512*MB)}},
		{name: "video over", post: withMedia("v.mov"), infos: map[string]media.Info{"v.mov": big(media.Video, "mov", 700*MB)},
			rules: []string{RuleMediaSize}, msgs: []string{"v.mov is 700 MB; videos may be at most 512 MB"}},
		{name: "small limit in KB", post: withMedia("a.jpg"), infos: map[string]media.Info{"a.jpg": big(media.Image, "jpeg", 1536)},
			edit:  func(p *profile.Profile) { p.Media.ImageBytes = 1024 },
			rules: []string{RuleMediaSize}, msgs: []string{"a.jpg is 1.5 KB; images may be at most 1 KB"}},
		{name: "tiny limit in bytes", post: withMedia("a.jpg"), edit: func(p *profile.Profile) { p.Media.ImageBytes = 10 },
			rules: []string{RuleMediaSize}, msgs: []string{"a.jpg is 22 bytes; images may be at most 10 bytes"}},
		{name: "no size limit", post: withMedia("v.mp4"), infos: map[string]media.Info{"v.mp4": big(media.Video, "mp4", 1<<40)},
			edit: func(p *profile.Profile) { p.Media.VideoBytes = 0 }},
		{name: "unknown size", post: withMedia("https://example.com/huge.mp4")},

		{name: "alt at the limit", post: alt(withMedia("a.jpg"), 0, strings.Repeat("é", 1000))},
		{name: "alt over", post: alt(withMedia("a.jpg", "b.jpg"), 1, strings.Repeat("é", 1001)),
			rules: []string{RuleAltLength}, at: []int{1}, msgs: []string{"the alt text of b.jpg is 1001 characters; alt text may be at most 1000"}},
		{name: "alt on a video", post: alt(withMedia("clip.mp4"), 0, "A cat jumps")},
		{name: "alt over on a video", post: alt(withMedia("clip.mp4"), 0, strings.Repeat("x", 1001)), rules: []string{RuleAltLength}},
		{name: "alt over on a missing file", post: alt(withMedia("nope.jpg"), 0, strings.Repeat("x", 1001)),
			rules: []string{RuleMediaMissing, RuleAltLength}},
		{name: "no alt limit", post: alt(withMedia("a.jpg"), 0, strings.Repeat("x", 5000)), edit: func(p *profile.Profile) { p.Media.AltMax = 0 }},

		{name: "every rule, in order", post: alt(withMedia("a.heic", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "clip.mp4", "nope.gif"), 0, strings.Repeat("x", 1001)),
			infos: map[string]media.Info{"a.heic": big(media.Image, "heic", 6*MB)},
			rules: []string{RuleMediaType, RuleMediaSize, RuleAltLength, RuleMediaMissing, RuleMediaCount, RuleMediaMix},
			at:    []int{0, 0, 0, 6, 4, 5}},
		{name: "the same rules under twitter-2015", profile: "twitter-2015", post: withMedia("a.jpg", "clip.mp4"), rules: []string{RuleMediaMix}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := tt.profile
			if name == "" {
				name = "twitter"
			}
			insp := &fsInspector{infos: tt.infos}
			opts := &Options{Inspector: insp}
			r := &Report{Post: tt.post, Profile: attachProfile(t, name, tt.edit)}
			checkMedia(r, opts)
			if got := problemRules(r); !reflect.DeepEqual(got, tt.rules) {
				t.Fatalf("rules %q, want %q; problems %+v", got, tt.rules, r.Problems)
			}
			for i, want := range tt.msgs {
				if !strings.Contains(r.Problems[i].Message, want) {
					t.Errorf("message %d:\n got %q\nwant %q", i, r.Problems[i].Message, want)
				}
			}
			for i, j := range tt.at {
				if got, want := r.Problems[i].Pos, tt.post.Media[j].Pos; got != want {
					t.Errorf("problem %d at %+v, want %+v (attachment %d)", i, got, want, j)
				}
			}
			if len(r.Media) != len(tt.post.Media) {
				t.Fatalf("%d media reports for %d attachments", len(r.Media), len(tt.post.Media))
			}
			for i := range r.Media {
				if r.Media[i].Media != &tt.post.Media[i] {
					t.Errorf("media report %d is not about attachment %d", i, i)
				}
			}
			if tt.leftOut != nil && !reflect.DeepEqual(r.LeftOut, tt.leftOut) {
				t.Errorf("LeftOut %+v, want %+v", r.LeftOut, tt.leftOut)
			}
			if len(tt.post.Media) == 0 && (r.LeftOut != nil || r.Media != nil) {
				t.Errorf("no media, but LeftOut %+v, Media %+v", r.LeftOut, r.Media)
			}
		})
	}
}

func TestAttachMediaInfo(t *testing.T) {
	p := withMedia("a.jpg", "dance.gif", "still.gif", "notes.jpg", "nope.jpg", "https://example.com/x.png")
	p.Text = "Look pic.twitter.com/abc"
	p.Media = append(p.Media, post.Media{File: "pic.twitter.com/abc", Origin: post.PicLink, Pos: post.Pos{Line: 10, Column: 6}, Start: 5, End: 24})
	insp := &fsInspector{}
	r := &Report{Post: p, Profile: attachProfile(t, "twitter", nil)}
	checkMedia(r, &Options{Inspector: insp})
	want := []media.Info{
		{Kind: media.Image, Format: "jpeg", Size: int64(len(jpegData))},
		{Kind: media.GIF, Format: "gif", Size: int64(len(gifData(2))), Animated: true},
		{Kind: media.Image, Format: "gif", Size: int64(len(gifData(1)))},
		{Size: 20},
		{Size: -1},
		{Kind: media.Image, Format: "png", Size: -1, Remote: true},
		{Kind: media.Unknown, Size: -1, Remote: true},
	}
	for i := range want {
		if got := r.Media[i].Info; got != want[i] {
			t.Errorf("%s: Info %#v, want %#v", p.Media[i].File, got, want[i])
		}
	}
	if calls := strings.Join(insp.calls, " "); strings.Contains(calls, "pic.twitter.com") {
		t.Errorf("the pic.twitter.com link was inspected: %s", calls)
	}
	wantLeft := []LeftOut{
		{What: "media", Kind: "image", Count: 3}, {What: "media", Kind: "gif", Count: 1}, {What: "media", Kind: "media", Count: 3},
	}
	if !reflect.DeepEqual(r.LeftOut, wantLeft) {
		t.Errorf("LeftOut %+v, want %+v", r.LeftOut, wantLeft)
	}
	// The pic.twitter.com link is unknown, so it neither mixes nor counts.
	wantRules := []string{RuleMediaType, RuleMediaMissing, RuleMediaMix}
	if got := problemRules(r); !reflect.DeepEqual(got, wantRules) {
		t.Errorf("rules %q, want %q", got, wantRules)
	}
}

func TestAttachMediaNoInspector(t *testing.T) {
	p := withMedia("nope.jpg", "x.gif", "notes.txt", "https://example.com/a.webp")
	r := &Report{Post: p, Profile: attachProfile(t, "twitter", func(p *profile.Profile) { p.Media.Mix = true })}
	checkMedia(r, &Options{})
	want := []media.Info{
		{Kind: media.Image, Format: "jpeg", Size: -1},
		{Kind: media.GIF, Format: "gif", Size: -1},
		{Size: -1},
		{Kind: media.Image, Format: "webp", Size: -1, Remote: true},
	}
	for i := range want {
		if got := r.Media[i].Info; got != want[i] {
			t.Errorf("%s: Info %#v, want %#v", p.Media[i].File, got, want[i])
		}
	}
	// Nothing was read, so nothing is missing or unrecognised.
	if len(r.Problems) != 0 {
		t.Errorf("problems %+v", r.Problems)
	}
	// Named formats are still checked.
	r = &Report{Post: withMedia("a.heic"), Profile: attachProfile(t, "twitter", nil)}
	checkMedia(r, &Options{})
	if got := problemRules(r); !reflect.DeepEqual(got, []string{RuleMediaType}) || strings.Contains(r.Problems[0].Message, "content") {
		t.Errorf("problems %+v", r.Problems)
	}
}

// oddInspector returns a kind the rules do not know.
type oddInspector struct{}

func (oddInspector) Inspect(*post.Post, *post.Media) (media.Info, error) {
	return media.Info{Kind: "hologram", Format: "holo", Size: 3}, nil
}

func TestAttachMediaOddKind(t *testing.T) {
	r := &Report{Post: withMedia("x.holo"), Profile: attachProfile(t, "twitter", nil)}
	checkMedia(r, &Options{Inspector: oddInspector{}})
	if got := problemRules(r); !reflect.DeepEqual(got, []string{RuleMediaType}) {
		t.Errorf("rules %q", got)
	}
	if want := (media.Info{Size: 3}); r.Media[0].Info != want {
		t.Errorf("Info %#v, want %#v", r.Media[0].Info, want)
	}
}

func TestAttachMediaInTextSpan(t *testing.T) {
	text := "Look ![a cat](nope.jpg) here"
	p := &post.Post{Text: text, Source: post.Source{File: "p.md", Pos: post.Pos{Line: 3, Column: 1}, Verbatim: true}}
	start := strings.Index(text, "!")
	end := start + len("![a cat](nope.jpg)")
	p.Media = []post.Media{{File: "nope.jpg", Alt: "a cat", Origin: post.MarkdownImage, Pos: p.Locate(start), Start: start, End: end}}
	r := &Report{Post: p, Profile: attachProfile(t, "twitter", nil)}
	checkMedia(r, &Options{Inspector: &fsInspector{}})
	if len(r.Problems) != 1 {
		t.Fatalf("problems %+v", r.Problems)
	}
	if got, want := r.Problems[0].Pos, (post.Pos{Line: 3, Column: 6}); got != want {
		t.Errorf("Pos %+v, want %+v", got, want)
	}
	if got, want := r.Problems[0].End, (post.Pos{Line: 3, Column: 24}); got != want {
		t.Errorf("End %+v, want %+v", got, want)
	}
}

func TestAttachPoll(t *testing.T) {
	poll := func(minutes int, options ...string) *post.Poll {
		p := &post.Poll{DurationMinutes: minutes, Pos: post.Pos{Line: 5, Column: 1}}
		for i, o := range options {
			p.Options = append(p.Options, post.PollOption{Text: o, Pos: post.Pos{Line: 6 + i, Column: 5}})
		}
		return p
	}
	opt25, opt26 := strings.Repeat("é", 25), strings.Repeat("é", 26)
	tests := []struct {
		name  string
		poll  *post.Poll
		media []string
		edit  func(*profile.Profile)
		rules []string
		msgs  []string
		pos   []post.Pos
	}{
		{name: "no poll"},
		{name: "two options", poll: poll(0, "Yes", "No")},
		{name: "four options", poll: poll(60, "a", "b", "c", "d")},
		{name: "one option", poll: poll(0, "Yes"), rules: []string{RulePollOptions},
			msgs: []string{"the poll has 1 option; a poll needs at least 2"}, pos: []post.Pos{{Line: 5, Column: 1}}},
		{name: "no options", poll: poll(0), rules: []string{RulePollOptions}, msgs: []string{"the poll has 0 options; a poll needs at least 2"}},
		{name: "five options", poll: poll(0, "a", "b", "c", "d", "e"), rules: []string{RulePollOptions},
			msgs: []string{"the poll has 5 options; a poll may have at most 4"}},
		{name: "option at the limit", poll: poll(0, opt25, "No")},
		{name: "option over", poll: poll(0, "Yes", opt26), rules: []string{RulePollOption},
			msgs: []string{`poll option 2 "` + opt26 + `" is 26 characters; an option may be at most 25`}, pos: []post.Pos{{Line: 7, Column: 5}}},
		{name: "long option shortened", poll: poll(0, "Yes", strings.Repeat("x", 25)+strings.Repeat("y", 100)), rules: []string{RulePollOption},
			msgs: []string{`poll option 2 "` + strings.Repeat("x", 25) + `yyyyyyyyyy…" is 125 characters`}},
		{name: "empty option", poll: poll(0, "Yes", " \t"), rules: []string{RulePollOption},
			msgs: []string{"poll option 2 is empty"}, pos: []post.Pos{{Line: 7, Column: 5}}},
		{name: "option without a position", poll: func() *post.Poll { p := poll(0, "Yes", ""); p.Options[1].Pos = post.Pos{}; return p }(),
			rules: []string{RulePollOption}, pos: []post.Pos{{Line: 5, Column: 1}}},
		{name: "shortest duration", poll: poll(5, "a", "b")},
		{name: "too short", poll: poll(4, "a", "b"), rules: []string{RulePollDuration},
			msgs: []string{"the poll lasts 4 minutes; a poll must last at least 5 minutes"}, pos: []post.Pos{{Line: 5, Column: 1}}},
		{name: "longest duration", poll: poll(10080, "a", "b")},
		{name: "too long", poll: poll(10081, "a", "b"), rules: []string{RulePollDuration},
			msgs: []string{"the poll lasts 10081 minutes; a poll may last at most 7 days (10080 minutes)"}},
		{name: "too long in days", poll: poll(8*1440, "a", "b"), rules: []string{RulePollDuration},
			msgs: []string{"the poll lasts 8 days (11520 minutes); a poll may last at most 7 days"}},
		{name: "one hour too short", poll: poll(60, "a", "b"), edit: func(p *profile.Profile) { p.Poll.MinMinutes = 120 },
			rules: []string{RulePollDuration}, msgs: []string{"the poll lasts 1 hour (60 minutes); a poll must last at least 2 hours (120 minutes)"}},
		{name: "negative duration", poll: poll(-5, "a", "b"), rules: []string{RulePollDuration}, msgs: []string{"must be positive"}},
		{name: "poll and media", poll: poll(0, "a", "b"), media: []string{"a.jpg", "b.jpg"}, rules: []string{RulePollMedia},
			msgs: []string{"the post has a poll and media (a.jpg and 1 more); a post may have one or the other"}, pos: []post.Pos{{Line: 5, Column: 1}}},
		{name: "poll and media allowed", poll: poll(0, "a", "b"), media: []string{"a.jpg"}, edit: func(p *profile.Profile) { p.Poll.WithMedia = true }},
		{name: "no limits", poll: poll(99999, "a", "b", "c", "d", "e", "f", strings.Repeat("x", 300)),
			edit: func(p *profile.Profile) { p.Poll = profile.PollRules{WithMedia: true} }},
		{name: "everything", poll: poll(1, "a", "", "c", "d", opt26), media: []string{"a.jpg"},
			rules: []string{RulePollOptions, RulePollOption, RulePollOption, RulePollDuration, RulePollMedia}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := withMedia(tt.media...)
			p.Poll = tt.poll
			r := &Report{Post: p, Profile: attachProfile(t, "x", tt.edit)}
			checkPoll(r)
			if got := problemRules(r); !reflect.DeepEqual(got, tt.rules) {
				t.Fatalf("rules %q, want %q; problems %+v", got, tt.rules, r.Problems)
			}
			for i, want := range tt.msgs {
				if !strings.Contains(r.Problems[i].Message, want) {
					t.Errorf("message %d:\n got %q\nwant %q", i, r.Problems[i].Message, want)
				}
			}
			for i, want := range tt.pos {
				if got := r.Problems[i].Pos; got != want {
					t.Errorf("problem %d at %+v, want %+v", i, got, want)
				}
			}
			for _, pr := range r.Problems {
				if pr.Severity != Error {
					t.Errorf("%s is a %s", pr.Rule, pr.Severity)
				}
			}
		})
	}
}

func TestAttachHelpers(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KB", 1536: "1.5 KB", 5 << 20: "5 MB", 6.25 * (1 << 20): "6.2 MB", 1 << 30: "1024 MB"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 102: "102nd"} {
		if got := ordinal(n); got != want {
			t.Errorf("ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	if got := orList([]string{"A"}); got != "A" {
		t.Errorf("orList = %q", got)
	}
	if !bytes.Equal(jpegData[:3], []byte{0xFF, 0xD8, 0xFF}) {
		t.Fatal("jpegData")
	}
}

func TestFormatSeconds(t *testing.T) {
	tests := []struct {
		s    float64
		up   bool
		want string
	}{
		{0, false, "0 s"},
		{0.3, false, "0.3 s"},
		{0.499, false, "0.49 s"},
		{0.499, true, "0.5 s"},
		{45, false, "45 s"},
		{60, false, "1 min"},
		{140, false, "2 min 20 s"},
		{140.001, true, "2 min 20.01 s"},
		{600, false, "10 min"},
		{7500, false, "2 h 5 min"},
		{3601.5, false, "1 h 1.5 s"},
	}
	for _, tt := range tests {
		if got := formatSeconds(tt.s, tt.up); got != tt.want {
			t.Errorf("formatSeconds(%v, %v) = %q, want %q", tt.s, tt.up, got, tt.want)
		}
	}
}
