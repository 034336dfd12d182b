package profile

import (
	"strings"
	"testing"
)

func TestBuiltin(t *testing.T) {
	want := map[string]struct {
		limit, mediaCost int
		replyFree        bool
		cfgLimit         int
	}{
		"twitter":      {140, 0, true, 140},
		"twitter-2015": {140, 24, false, 140},
		"x-v2":         {280, 0, true, 280},
		"x":            {280, 0, true, 280},
	}
	if Default().Name != "twitter" || Names()[0] != "twitter" {
		t.Errorf("default = %s, want twitter", Default().Name)
	}
	for name, w := range want {
		p, ok := Lookup(name)
		if !ok {
			t.Fatalf("no profile %s", name)
		}
		if p.Limit != w.limit || p.MediaCost != w.mediaCost || p.ReplyMentionsFree != w.replyFree || p.Config.MaxWeightedTweetLength != w.cfgLimit {
			t.Errorf("%s = %+v", name, p)
		}
		if p.Media.MaxImages != 4 || p.Media.AltMax != 1000 || p.Poll.OptionMax != 25 || p.Media.ImageBytes != 5<<20 {
			t.Errorf("%s media/poll rules = %+v %+v", name, p.Media, p.Poll)
		}
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup(nope) found something")
	}
	if x, _ := Lookup("x"); !x.Config.EmojiParsingEnabled {
		t.Error("x does not count emoji sequences as one")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"- name: a\n  count: twitter-text\n  config: v1\n  limit: 0\n", `line 1: profile "a": limit must be at least 1, not 0`},
		{"- name: a\n  count: bytes\n  limit: 5\n", `unknown count "bytes"`},
		{"- name: a\n  count: twitter-text\n  config: v9\n  limit: 5\n", `unknown twitter-text config "v9"`},
		{"- count: twitter-text\n  config: v1\n  limit: 5\n", "a profile needs a name"},
		{"- name: a b\n  count: twitter-text\n  config: v1\n  limit: 5\n", "cannot hold commas or spaces"},
		{"- name: a\n  count: twitter-text\n  config: v1\n  limit: 5\n  emoji: unicode\n", "emoji: unicode applies only to twitter-text configs that weigh emoji"},
		{"- name: a\n  count: graphemes\n  limit: 5\n  emoji: unicode\n", "a counts graphemes, not twitter-text weights"},
		{"- name: a\n  count: twitter-text\n  config: v3\n  limit: 5\n  emoji: modern\n", `unknown emoji rule "modern"; valid: reference, unicode`},
		{"- name: a\n  count: twitter-text\n  config: v1\n  limit: 5\n- name: a\n  count: twitter-text\n  config: v1\n  limit: 6\n", `line 5: profile "a" is defined twice`},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tt.yaml, err, tt.want)
		}
	}
}

func TestWithLimit(t *testing.T) {
	x, _ := Lookup("x")
	p := x.WithLimit(25000)
	if p.Limit != 25000 || p.Config.MaxWeightedTweetLength != 25000 || x.Limit != 280 {
		t.Errorf("WithLimit: %d/%d, original %d", p.Limit, p.Config.MaxWeightedTweetLength, x.Limit)
	}
}

func TestEmojiRule(t *testing.T) {
	for _, p := range Builtin() {
		if p.Emoji != EmojiReference {
			t.Errorf("built-in %s weighs emoji by %q; the default must stay reference-exact", p.Name, p.Emoji)
		}
	}
	x, _ := Lookup("x")
	u, err := x.WithEmoji(EmojiUnicode)
	if err != nil || u.Emoji != EmojiUnicode || x.Emoji != EmojiReference {
		t.Errorf("x.WithEmoji(unicode) = %v, %v (original %q)", u, err, x.Emoji)
	}
	for _, name := range []string{"twitter", "x-v2", "bluesky", "threads"} {
		p, _ := Lookup(name)
		if _, err := p.WithEmoji(EmojiUnicode); err == nil {
			t.Errorf("%s.WithEmoji(unicode) succeeded; %s does not weigh emoji", name, name)
		}
	}
	ps, err := Parse(strings.NewReader("- name: mine\n  count: twitter-text\n  config: v3\n  limit: 500\n  emoji: unicode\n"))
	if err != nil || ps[0].Emoji != EmojiUnicode {
		t.Errorf("a profile with emoji: unicode: %v, %v", ps, err)
	}
}
