package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/pkg/media"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

func mustProfile(t *testing.T, name string) *profile.Profile {
	t.Helper()
	p, ok := profile.Lookup(name)
	if !ok {
		t.Fatalf("no built-in profile %q", name)
	}
	return p
}

// draft is a post read verbatim from line 1, column 1 of draft.txt.
func draft(text string) *post.Post {
	return &post.Post{Text: text, Source: post.Source{File: "draft.txt", Pos: post.Pos{Line: 1, Column: 1}, Verbatim: true}}
}

// mdImage returns a post whose text holds a Markdown image written at the
// first occurrence of markup.
func mdImage(text, markup, file string) *post.Post {
	p := draft(text)
	i := strings.Index(text, markup)
	p.Media = append(p.Media, post.Media{File: file, Origin: post.MarkdownImage, Pos: p.Locate(i), Start: i, End: i + len(markup)})
	return p
}

func rules(r *Report) []string {
	var s []string
	for _, p := range r.Problems {
		s = append(s, p.Rule)
	}
	return s
}

func TestCheckLength(t *testing.T) {
	x140 := strings.Repeat("x", 140)
	tests := []struct {
		name      string
		post      *post.Post
		profile   string
		opts      Options
		counted   string
		count     int
		overflow  int // byte offset in Text, -1 fits
		pos       post.Pos
		wantRules []string
	}{
		{name: "fits exactly", post: draft(x140), profile: "twitter", counted: x140, count: 140, overflow: -1},
		{name: "one over", post: draft(x140 + "y"), profile: "twitter", counted: x140 + "y", count: 141, overflow: 140,
			pos: post.Pos{Line: 1, Column: 141}, wantRules: []string{RuleLength}},
		{name: "overflow on a later line, columns in graphemes", post: draft("héllo\n" + strings.Repeat("🎉", 134) + "ab"), profile: "twitter",
			count: 6 + 134 + 2, overflow: len("héllo\n") + 4*134,
			pos: post.Pos{Line: 2, Column: 135}, wantRules: []string{RuleLength}},
		{name: "a URL counts 23", post: draft("see https://example.com/a/very/long/path/indeed"), profile: "twitter", count: 4 + 23, overflow: -1},
		{name: "markdown image lifted", post: mdImage("Look! ![a cat](cat.jpg)", "![a cat](cat.jpg)", "cat.jpg"), profile: "twitter",
			counted: "Look!", count: 5, overflow: -1},
		{name: "markdown image mid-text takes one space", post: mdImage("a ![x](y.png) b", "![x](y.png)", "y.png"), profile: "twitter",
			counted: "a b", count: 3, overflow: -1},
		{name: "image costs 24 under twitter-2015", post: mdImage("Look! ![a cat](cat.jpg)", "![a cat](cat.jpg)", "cat.jpg"), profile: "twitter-2015",
			counted: "Look!", count: 5 + 24, overflow: -1},
		{name: "pic.twitter.com link is media", post: draft("Sunset pic.twitter.com/AbCd123"), profile: "twitter",
			counted: "Sunset", count: 6, overflow: -1},
		{name: "pic.twitter.com link with protocol", post: draft("https://pic.twitter.com/AbCd123 sunset"), profile: "twitter",
			counted: "sunset", count: 6, overflow: -1},
		{name: "reply mentions free", post: &post.Post{Text: "@alice @bob_2 thanks!", Reply: "https://x.com/alice/status/1"}, profile: "twitter",
			counted: "thanks!", count: 7, overflow: -1},
		{name: "--reply", post: draft("@alice thanks!"), opts: Options{Reply: true}, profile: "x", counted: "thanks!", count: 7, overflow: -1},
		{name: "reply mentions count under twitter-2015", post: &post.Post{Text: "@alice thanks!", Reply: "1"}, profile: "twitter-2015",
			counted: "@alice thanks!", count: 14, overflow: -1},
		{name: "a mention later in a reply counts", post: &post.Post{Text: "thanks @alice", Reply: "1"}, profile: "twitter",
			counted: "thanks @alice", count: 13, overflow: -1},
		{name: "overflow maps past the lifted reply prefix", post: &post.Post{Text: "@a " + x140 + "y", Reply: "1",
			Source: post.Source{Pos: post.Pos{Line: 3, Column: 1}, Verbatim: true}}, profile: "twitter",
			count: 141, overflow: 3 + 140, pos: post.Pos{Line: 3, Column: 144}, wantRules: []string{RuleLength}},
		{name: "quote free", post: &post.Post{Text: "so true", Quote: "https://x.com/a/status/1"}, profile: "twitter", count: 7, overflow: -1},
		{name: "quote costs 24 under twitter-2015", post: &post.Post{Text: "so true", Quote: "https://x.com/a/status/1"}, profile: "twitter-2015", count: 31, overflow: -1},
		{name: "empty", post: draft(""), profile: "twitter", count: 0, overflow: -1, pos: post.Pos{Line: 1, Column: 1}, wantRules: []string{RuleEmpty}},
		{name: "blank", post: draft(" \n "), profile: "twitter", count: 3, overflow: -1, wantRules: []string{RuleEmpty}},
		{name: "media alone is not empty", post: mdImage("![a](b.png)", "![a](b.png)", "b.png"), profile: "twitter", counted: "", count: 0, overflow: -1},
		{name: "invalid character", post: draft("ab\uFFFEc"), profile: "twitter", count: 4, overflow: -1, wantRules: []string{RuleInvalidChar}},
		{name: "NFC: the overflow maps to the original text", post: draft(strings.Repeat("e\u0301", 141)), profile: "twitter",
			count: 141, overflow: 140 * 3, pos: post.Pos{Line: 1, Column: 141}, wantRules: []string{RuleLength}},
		{name: "x weights CJK 2", post: draft(strings.Repeat("字", 141)), profile: "x", count: 282, overflow: 140 * 3,
			pos: post.Pos{Line: 1, Column: 141}, wantRules: []string{RuleLength}},
		{name: "twitter-2015 media cost moves the overflow", post: mdImage(strings.Repeat("z", 120)+" ![p](p.png)", "![p](p.png)", "p.png"),
			profile: "twitter-2015", count: 144, overflow: 116, pos: post.Pos{Line: 1, Column: 117}, wantRules: []string{RuleLength}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(tt.post, mustProfile(t, tt.profile), &tt.opts)
			if tt.counted != "" || tt.count == 0 {
				if r.Counted != tt.counted && tt.counted != "" {
					t.Errorf("Counted = %q, want %q", r.Counted, tt.counted)
				}
			}
			if r.Count != tt.count {
				t.Errorf("Count = %d, want %d", r.Count, tt.count)
			}
			if r.Remaining != r.Limit-r.Count {
				t.Errorf("Remaining = %d, want %d", r.Remaining, r.Limit-r.Count)
			}
			if r.OverflowStart != tt.overflow {
				t.Errorf("OverflowStart = %d, want %d", r.OverflowStart, tt.overflow)
			}
			if !tt.pos.IsZero() {
				var got post.Pos
				if len(r.Problems) > 0 {
					got = r.Problems[0].Pos
				}
				if got != tt.pos {
					t.Errorf("first problem at %+v, want %+v", got, tt.pos)
				}
			}
			if got := rules(r); strings.Join(got, ",") != strings.Join(tt.wantRules, ",") {
				t.Errorf("rules = %v, want %v", got, tt.wantRules)
			}
			if r.Failed() != (len(tt.wantRules) > 0) {
				t.Errorf("Failed() = %v", r.Failed())
			}
		})
	}
}

func TestCheckOverflowIsAGraphemeBoundary(t *testing.T) {
	// 139 letters, then a family emoji of 7 code points: under the 140 rule
	// the emoji does not fit, and the cut must not split it.
	text := strings.Repeat("a", 139) + "👨‍👩‍👧‍👦"
	r := Check(draft(text), mustProfile(t, "twitter"), nil)
	if r.OverflowStart != 139 {
		t.Fatalf("OverflowStart = %d, want 139 (before the emoji)", r.OverflowStart)
	}
}

func TestCheckLeftOut(t *testing.T) {
	p := &post.Post{Text: "@alice @bob see this", Reply: "1", Quote: "https://x.com/c/status/2"}
	r := Check(p, mustProfile(t, "twitter"), nil)
	var got []string
	for _, l := range r.LeftOut {
		got = append(got, l.What+":"+l.Text)
	}
	want := "reply-mentions:@alice @bob,quote:https://x.com/c/status/2"
	if strings.Join(got, ",") != want {
		t.Errorf("LeftOut = %v, want %s", got, want)
	}
}

func TestCheckPicLinksAddedOnce(t *testing.T) {
	p := draft("a pic.twitter.com/xyz b")
	Check(p, mustProfile(t, "twitter"), nil)
	Check(p, mustProfile(t, "x"), nil)
	if len(p.Media) != 1 || p.Media[0].Origin != post.PicLink || p.Media[0].File != "pic.twitter.com/xyz" {
		t.Fatalf("Media = %+v, want one pic.twitter.com link", p.Media)
	}
	if m := p.Media[0]; p.Text[m.Start:m.End] != "pic.twitter.com/xyz" || m.Pos != (post.Pos{Line: 1, Column: 3}) {
		t.Errorf("span %d:%d at %+v", m.Start, m.End, m.Pos)
	}
}

func TestReplyPrefix(t *testing.T) {
	tests := []struct {
		text string
		end  int
		n    int
	}{
		{"@a hi", 3, 1},
		{"  @a\n@b_c  hi", 11, 2},
		{"＠ab hi", len("＠ab "), 1},
		{"@toolongname_xxxxx hi", 0, 0},
		{"@a, hi", 0, 0},
		{"hi @a", 0, 0},
		{"@a", 2, 1},
		{"@", 0, 0},
	}
	for _, tt := range tests {
		end, n := replyPrefix(tt.text)
		if end != tt.end || n != tt.n {
			t.Errorf("replyPrefix(%q) = %d, %d; want %d, %d", tt.text, end, n, tt.end, tt.n)
		}
	}
}

// notFoundInspector finds nothing, and says where it looked.
type notFoundInspector struct{}

func (notFoundInspector) Inspect(*post.Post, *post.Media) (media.Info, error) {
	return media.Info{}, &MediaNotFoundError{Looked: "posts/ and the media/ folders from there up"}
}

func TestCheckMediaNotFoundSaysWhereItLooked(t *testing.T) {
	p := draft("hi")
	p.Media = []post.Media{{File: "cat.png", Start: -1, End: -1, Pos: post.Pos{Line: 2, Column: 9}}}
	r := Check(p, mustProfile(t, "twitter"), &Options{Inspector: notFoundInspector{}})
	want := "media file cat.png not found (looked in posts/ and the media/ folders from there up); fix the path or add the file"
	if len(r.Problems) != 1 || r.Problems[0].Rule != RuleMediaMissing || r.Problems[0].Message != want || r.Problems[0].Pos != p.Media[0].Pos {
		t.Fatalf("problems = %+v, want one %s: %q at 2:9", r.Problems, RuleMediaMissing, want)
	}
}

func TestCheckUnicodeEmoji(t *testing.T) {
	x, err := mustProfile(t, "x").WithEmoji(profile.EmojiUnicode)
	if err != nil {
		t.Fatal(err)
	}
	worker := "🧑\u200d🔧" // Emoji 12.1: 5 under the reference's v3, 2 here
	tests := []struct {
		name                string
		text                string
		count, ref, reweigh int
		overflow            int
	}{
		{"old emoji only", "ship it 🚀", 10, 10, 0, -1},
		{"fits only with modern emoji", strings.Repeat("a", 277) + worker, 279, 282, 1, -1},
		{"over: the overflow starts before the emoji", strings.Repeat("a", 279) + worker, 281, 284, 1, 279},
		{"over after two", strings.Repeat("a", 276) + worker + worker + "b", 281, 287, 2, 276 + 2*len(worker)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(draft(tt.text), x, nil)
			if r.Count != tt.count || r.ReferenceCount != tt.ref || r.Reweighed != tt.reweigh || r.OverflowStart != tt.overflow {
				t.Errorf("count %d, reference %d, reweighed %d, overflow %d; want %d, %d, %d, %d",
					r.Count, r.ReferenceCount, r.Reweighed, r.OverflowStart, tt.count, tt.ref, tt.reweigh, tt.overflow)
			}
			if over := tt.overflow >= 0; !slices.Equal(rules(r), map[bool][]string{true: {RuleLength}}[over]) {
				t.Errorf("problems %v", rules(r))
			}
			// The reference-exact profile counts what ReferenceCount said.
			if ref := Check(draft(tt.text), mustProfile(t, "x"), nil); ref.Count != tt.ref || ref.Reweighed != 0 {
				t.Errorf("reference profile counts %d (reweighed %d), want %d", ref.Count, ref.Reweighed, tt.ref)
			}
		})
	}
}
