package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/pkg/profile"
)

func parse(t *testing.T, text string) *Config {
	t.Helper()
	c, err := Parse("c.yaml", []byte(text))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

func TestEmpty(t *testing.T) {
	for _, text := range []string{"", "\n", "# only a comment\n", "---\n", "~\n", "null\n"} {
		c := parse(t, text)
		if !reflect.DeepEqual(c, &Config{Path: "c.yaml"}) {
			t.Errorf("%q: %+v", text, c)
		}
	}
}

func TestEveryKey(t *testing.T) {
	c := parse(t, `
profile: x-v2
include: ["**/*.tweet", "*.md"]
exclude: drafts/**
thread-delimiter: "~~~"
limits:
  x: 4000
  twitter: 150
  mine: 20
overrides:
  - paths: [a/**, "b/*.md"]
    profile: twitter
  - paths: c/**
    profile: mine
profiles:
  - name: mine
    description: short
    count: twitter-text
    config: v3
    limit: 100
    media-cost: 2
    media:
      max-images: 1
      image-types: [png]
    poll:
      max-options: 3
reply: true
`)
	if c.Profile != "x-v2" || c.ThreadDelimiter != "~~~" || !c.Reply {
		t.Errorf("scalars: %+v", c)
	}
	if !slices.Equal(c.Include, []string{"**/*.tweet", "*.md"}) || !slices.Equal(c.Exclude, []string{"drafts/**"}) {
		t.Errorf("include %q exclude %q", c.Include, c.Exclude)
	}
	if !reflect.DeepEqual(c.Limits, map[string]int{"x": 4000, "twitter": 150, "mine": 20}) {
		t.Errorf("limits %v", c.Limits)
	}
	want := []Override{
		{Paths: []string{"a/**", "b/*.md"}, Profile: "twitter", Line: 11},
		{Paths: []string{"c/**"}, Profile: "mine", Line: 13},
	}
	if !reflect.DeepEqual(c.Overrides, want) {
		t.Errorf("overrides %+v", c.Overrides)
	}
	if len(c.Profiles) != 1 {
		t.Fatalf("profiles %+v", c.Profiles)
	}
	p := c.Profiles[0]
	if p.Name != "mine" || p.Description != "short" || p.Limit != 100 || p.MediaCost != 2 ||
		p.Config.MaxWeightedTweetLength != 100 || p.Media.MaxImages != 1 ||
		!slices.Equal(p.Media.ImageTypes, []string{"png"}) || p.Poll.MaxOptions != 3 {
		t.Errorf("profile %+v", p)
	}
}

func TestNullValues(t *testing.T) {
	c := parse(t, "profile:\ninclude:\nexclude: ~\nthread-delimiter:\nlimits:\noverrides:\nprofiles:\nreply:\n")
	if !reflect.DeepEqual(c, &Config{Path: "c.yaml"}) {
		t.Errorf("%+v", c)
	}
}

func TestJSONProfilePath(t *testing.T) {
	c, err := Parse(filepath.Join("proj", ".tweetlen.yaml"), []byte(`
profile: cfg/custom.json
overrides:
  - paths: old/**
    profile: ../shared/Old.JSON
  - paths: abs/**
    profile: /etc/tweetlen/v9.json
`))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join("proj", "cfg", "custom.json"); c.Profile != want {
		t.Errorf("profile %q, want %q", c.Profile, want)
	}
	if want := filepath.Join("shared", "Old.JSON"); c.Overrides[0].Profile != want {
		t.Errorf("override %q, want %q", c.Overrides[0].Profile, want)
	}
	if want := filepath.FromSlash("/etc/tweetlen/v9.json"); filepath.IsAbs(want) && c.Overrides[1].Profile != want {
		t.Errorf("override %q, want %q", c.Overrides[1].Profile, want)
	}
	// The file is not read: it need not exist.
	abs := filepath.Join(t.TempDir(), ".tweetlen.yaml")
	c, err = Parse(abs, []byte("profile: x.json\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(abs), "x.json"); c.Profile != want {
		t.Errorf("profile %q, want %q", c.Profile, want)
	}
}

func TestAliases(t *testing.T) {
	c := parse(t, `
include: &pats ["*.md"]
exclude: *pats
profiles:
  - name: a
    count: twitter-text
    config: v1
    limit: 10
    media: &m
      max-images: 2
  - &b
    name: b
    count: twitter-text
    config: v2
    limit: 20
    media: *m
  - <<: *b
    name: c
    limit: 30
`)
	if !slices.Equal(c.Exclude, []string{"*.md"}) {
		t.Errorf("exclude %q", c.Exclude)
	}
	if len(c.Profiles) != 3 || c.Profiles[1].Media.MaxImages != 2 || c.Profiles[2].Limit != 30 || c.Profiles[2].ConfigName != "v2" {
		t.Errorf("profiles %+v", c.Profiles)
	}
}

func TestErrors(t *testing.T) {
	const prof = "  - name: mine\n    count: twitter-text\n    config: v1\n    limit: 10\n"
	for _, tc := range []struct{ text, want string }{
		// The file as a whole.
		{"- a\n- b\n", "c.yaml:1:1: the config must be a mapping of keys (profile, include, exclude, thread-delimiter, limits, overrides, profiles, reply), not a list"},
		{"x\n", `c.yaml:1:1: the config must be a mapping of keys (profile, include, exclude, thread-delimiter, limits, overrides, profiles, reply), not the string "x"`},
		{"profile: x\n---\nreply: true\n", `c.yaml:2:1: a config file holds one YAML document; remove the "---" separator`},
		{"profile: x\n  reply: true\n", "c.yaml:2: mapping values are not allowed in this context"},
		{"profile: \x01\n", "c.yaml: control characters are not allowed"},
		{"include: [a\n", "c.yaml:1: did not find expected ',' or ']'"},
		{"profile: x\nprofil: x\n", `c.yaml:2:1: unknown key "profil"; valid keys: profile, include, exclude, thread-delimiter, limits, overrides, profiles, reply`},
		{"reply: true\nreply: false\n", `c.yaml:2:1: key "reply" is given twice (first at line 1)`},

		// Types of the top-level keys.
		{"profile: [x]\n", "c.yaml:1:10: profile must be a string, not a list"},
		{"reply: yes\n", `c.yaml:1:8: reply must be true or false, not the string "yes"`},
		{"reply: 1\n", `c.yaml:1:8: reply must be true or false, not "1"`},
		{"thread-delimiter: {a: b}\n", "c.yaml:1:19: thread-delimiter must be a string, not a mapping"},
		{"thread-delimiter: \"a\\nb\"\n", "c.yaml:1:19: thread-delimiter is one line; it cannot hold a line break"},
		{"include:\n  - a\n  - [b]\n", "c.yaml:3:5: include must be a glob pattern or a list of them, not a list"},
		{"exclude: {a: 1}\n", "c.yaml:1:10: exclude must be a glob pattern or a list of them, not a mapping"},
		{"exclude: [\"[a\"]\n", `c.yaml:1:11: invalid glob pattern "[a" in exclude`},
		{"include: \"\"\n", `c.yaml:1:10: invalid glob pattern "" in include`},

		// Profile names.
		{"profile: xx\n", `c.yaml:1:10: unknown profile "xx"; valid profiles: twitter, twitter-2015, x-v2, x, x-premium, bluesky, mastodon, threads, linkedin, or the path of a twitter-text config ending in .json`},
		{"profile: nope\nprofiles:\n" + prof, `c.yaml:1:10: unknown profile "nope"; valid profiles: twitter, twitter-2015, x-v2, x, x-premium, bluesky, mastodon, threads, linkedin, mine, or the path of a twitter-text config ending in .json`},

		// Limits.
		{"limits: 5\n", `c.yaml:1:9: limits must be a mapping of profile names to limits, not "5"`},
		{"limits:\n  x: 0\n", `c.yaml:2:6: the limit of "x" must be at least 1, not 0`},
		{"limits:\n  x: -3\n", `c.yaml:2:6: the limit of "x" must be at least 1, not -3`},
		{"limits:\n  x: 1.5\n", `c.yaml:2:6: the limit of "x" must be a whole number, not "1.5"`},
		{"limits:\n  x: lots\n", `c.yaml:2:6: the limit of "x" must be a whole number, not the string "lots"`},
		{"limits:\n  x: 10\n  x: 20\n", `c.yaml:3:3: limits: profile "x" is given twice (first at line 2)`},
		{"limits:\n  x: 10\n  y: 20\n", `c.yaml:3:3: unknown profile "y"; valid profiles: twitter, twitter-2015, x-v2, x, x-premium, bluesky, mastodon, threads, linkedin`},

		// Overrides.
		{"overrides: {paths: a}\n", "c.yaml:1:12: overrides must be a list of {paths, profile} mappings, not a mapping"},
		{"overrides:\n  - a/**\n", `c.yaml:2:5: an override must be a mapping with paths and profile, not the string "a/**"`},
		{"overrides:\n  - paths: a/**\n", "c.yaml:2:5: an override needs a profile"},
		{"overrides:\n  - profile: x\n", "c.yaml:2:5: an override needs paths: a glob pattern or a list of them"},
		{"overrides:\n  - paths: []\n    profile: x\n", "c.yaml:2:5: an override needs paths: a glob pattern or a list of them"},
		{"overrides:\n  - paths: a/**\n    profile: x\n    limit: 3\n", `c.yaml:4:5: unknown key "limit" in an override; valid keys: paths, profile`},
		{"overrides:\n  - paths: a/**\n    paths: b/**\n    profile: x\n", `c.yaml:3:5: key "paths" is given twice in this override`},
		{"overrides:\n  - paths: \"{a\"\n    profile: x\n", `c.yaml:2:12: invalid glob pattern "{a" in paths`},
		{"overrides:\n  - paths: a/**\n    profile: [x]\n", "c.yaml:3:14: profile must be a string, not a list"},
		{"overrides:\n  - paths: a/**\n    profile: x\n  - paths: b/**\n    profile: twiter\n", `c.yaml:5:14: unknown profile "twiter"; valid profiles: twitter, twitter-2015, x-v2, x, x-premium, bluesky, mastodon, threads, linkedin, or the path of a twitter-text config ending in .json`},

		// Profiles.
		{"profiles: {name: a}\n", "c.yaml:1:11: profiles must be a list of profile definitions, not a mapping"},
		{"profiles:\n  - mine\n", `c.yaml:2:5: a profile definition must be a mapping, not the string "mine"`},
		{"profiles:\n" + prof + prof, `c.yaml:6:11: profile "mine" is defined twice (first at line 2)`},
		{"profiles:\n  - name: x\n    count: twitter-text\n    config: v1\n    limit: 10\n", `c.yaml:2:11: profile "x" is a built-in profile; give yours another name (built-in: twitter, twitter-2015, x-v2, x, x-premium, bluesky, mastodon, threads, linkedin)`},
		{"profiles:\n" + prof + "    colour: blue\n", `c.yaml:6:5: unknown key "colour" in a profile; valid keys: name, description, count, config, limit, media-cost, quote-cost, reply-mentions-free, url-length, url-needs-protocol, mention-domain-free, emoji-bytes, byte-limit, max-links, count-content-warning, emoji, media, poll`},
		{"profiles:\n" + prof + "    media:\n      max-image: 2\n", `c.yaml:7:7: unknown key "max-image" in "media"; valid keys: max-images, max-gifs, max-videos, mix, image-bytes, gif-bytes, video-bytes, image-types, video-types, video-min-seconds, video-max-seconds, alt-max`},
		{"profiles:\n" + prof + "    poll:\n      minutes: 2\n", `c.yaml:7:7: unknown key "minutes" in "poll"; valid keys: min-options, max-options, option-max, with-media, min-minutes, max-minutes`},
		{"profiles:\n" + prof + "    limit: 20\n", `c.yaml:6:5: key "limit" is given twice in a profile (first at line 5)`},
		{"profiles:\n  - name: mine\n    count: twitter-text\n    config: v1\n    limit: ten\n", `c.yaml:5:12: "limit" must be a whole number, not the string "ten"`},
		{"profiles:\n" + prof + "    reply-mentions-free: yes\n", `c.yaml:6:26: "reply-mentions-free" must be true or false, not the string "yes"`},
		{"profiles:\n" + prof + "    media:\n      image-types: png\n", `c.yaml:7:20: "image-types" must be a list, not the string "png"`},
		{"profiles:\n" + prof + "    media:\n      image-types: [[png]]\n", `c.yaml:7:21: an item of "image-types" must be a string, not a list`},
		{"profiles:\n" + prof + "    media: 4\n", `c.yaml:6:12: "media" must be a mapping, not "4"`},
		{"profiles:\n  - count: twitter-text\n    config: v1\n    limit: 10\n", `c.yaml:2:5: profile "": a profile needs a name`},
		{"profiles:\n  - name: mine\n    count: twitter-text\n    config: v1\n    limit: 0\n", `c.yaml:2:5: profile "mine": limit must be at least 1, not 0`},
		{"profiles:\n  - name: mine\n    count: words\n    limit: 10\n", `c.yaml:2:5: profile "mine": unknown count "words"; valid: twitter-text, graphemes, code-points, utf16`},
		{"profiles:\n  - name: mine\n    count: twitter-text\n    config: v7\n    limit: 10\n", `c.yaml:2:5: profile "mine": unknown twitter-text config "v7"; valid: v1, v2, v3`},
		{"profiles:\n  - <<: {colour: red}\n" + strings.TrimPrefix(prof, "  - name: mine\n") + "    name: mine\n", `c.yaml:2:10: unknown key "colour" in a profile; valid keys: name, description, count, config, limit, media-cost, quote-cost, reply-mentions-free, url-length, url-needs-protocol, mention-domain-free, emoji-bytes, byte-limit, max-links, count-content-warning, emoji, media, poll`},
	} {
		_, err := Parse("c.yaml", []byte(tc.text))
		if err == nil {
			t.Errorf("%q: no error, want %s", tc.text, tc.want)
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: %T %v is not an *Error", tc.text, err, err)
		}
		if err.Error() != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.text, err, tc.want)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{"f", 3, 7, "m"}, "f:3:7: m"},
		{Error{"f", 3, 0, "m"}, "f:3: m"},
		{Error{"f", 0, 0, "m"}, "f: m"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%+v: %q", tc.e, got)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".tweetlen.yaml")
	if err := os.WriteFile(p, []byte("profile: twitter\nreply: maybe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(p)
	if want := p + `:2:8: reply must be true or false, not the string "maybe"`; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil || c.Path != p || c.Profile != "" {
		t.Errorf("empty file: %+v, %v", c, err)
	}
}

func TestExample(t *testing.T) {
	path := filepath.Join("testdata", "example.tweetlen.yaml")
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != path || c.Profile != "x" || c.ThreadDelimiter != "+++" || c.Reply {
		t.Errorf("scalars: %+v", c)
	}
	if !slices.Equal(c.Include, []string{"**/*.tweet", "**/*.md"}) || !slices.Equal(c.Exclude, []string{"drafts/**", "*.tmp.md"}) {
		t.Errorf("include %q exclude %q", c.Include, c.Exclude)
	}
	if !reflect.DeepEqual(c.Limits, map[string]int{"x": 25000}) {
		t.Errorf("limits %v", c.Limits)
	}
	want := []Override{
		{Paths: []string{"archive/2015/**"}, Profile: "twitter-2015", Line: 30},
		{Paths: []string{"archive/2016/**", "archive/2017/**"}, Profile: "twitter", Line: 32},
		{Paths: []string{"my-server/**"}, Profile: "my-server", Line: 34},
	}
	if !reflect.DeepEqual(c.Overrides, want) {
		t.Errorf("overrides %+v", c.Overrides)
	}
	if len(c.Profiles) != 2 {
		t.Fatalf("profiles %+v", c.Profiles)
	}
	if x := c.Profiles[1]; x.Name != "x-modern" || x.Emoji != profile.EmojiUnicode || x.Media.VideoMaxSeconds != 140 || x.Media.VideoMinSeconds != 0.5 {
		t.Errorf("profile %+v", x)
	}
	m := c.Profiles[0]
	if m.Name != "my-server" || m.Limit != 500 || m.Config.MaxWeightedTweetLength != 500 || !m.ReplyMentionsFree ||
		m.Media.MaxImages != 4 || m.Media.AltMax != 1500 || m.Poll.OptionMax != 50 {
		t.Errorf("profile %+v", m)
	}
	for file, want := range map[string]string{
		"testdata/posts/a.tweet":              "x",
		"testdata/archive/2015/a.tweet":       "twitter-2015",
		"testdata/archive/2017/x/b.md":        "twitter",
		"testdata/my-server/toot.md":          "my-server",
		"testdata/archive/2018/a.tweet":       "x",
		"elsewhere/archive/2015/a.tweet":      "x",
		"testdata/sub/archive/2015/a.tweet":   "x",
		"./testdata/archive/2016/deep/c.json": "twitter",
	} {
		if got := c.ProfileFor(filepath.FromSlash(file)); got != want {
			t.Errorf("ProfileFor(%s) = %q, want %q", file, got, want)
		}
	}
}

func TestProfileFor(t *testing.T) {
	c := parse(t, `
profile: twitter
overrides:
  - paths: ["**/*.md", "notes/**"]
    profile: x
  - paths: notes/old/**
    profile: twitter-2015
  - paths: "*.long.md"
    profile: x-v2
`)
	for file, want := range map[string]string{
		"a.tweet":             "twitter",
		"sub/a.tweet":         "twitter",
		"a.md":                "x",
		"sub/deep/a.md":       "x",
		"notes/a.tweet":       "x",
		"notes/old/a.tweet":   "twitter-2015",
		"notes/old/a.long.md": "x-v2", // the last match wins
		"deep/b.long.md":      "x-v2", // a pattern without '/' matches the name
		"x/notes/old/a.tweet": "twitter",
		"../outside/a.md":     "twitter",
		"-":                   "twitter",
	} {
		if got := c.ProfileFor(filepath.FromSlash(file)); got != want {
			t.Errorf("ProfileFor(%s) = %q, want %q", file, got, want)
		}
	}
	// Absolute paths are made relative to the config's directory.
	abs, err := filepath.Abs(filepath.Join("notes", "old", "a.tweet"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.ProfileFor(abs); got != "twitter-2015" {
		t.Errorf("ProfileFor(%s) = %q", abs, got)
	}

	// Relative to the config file's directory, not the current one.
	c2, err := Parse(filepath.Join("proj", ".tweetlen.yaml"), []byte("overrides:\n  - paths: notes/**\n    profile: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"proj/notes/a.tweet": "x",
		"notes/a.tweet":      "",
		"proj/a.tweet":       "",
	} {
		if got := c2.ProfileFor(filepath.FromSlash(file)); got != want {
			t.Errorf("ProfileFor(%s) = %q, want %q", file, got, want)
		}
	}

	// No file, no default.
	var none *Config
	if got := none.ProfileFor("a.tweet"); got != "" {
		t.Errorf("nil config: %q", got)
	}
	if got := (&Config{}).ProfileFor("a.tweet"); got != "" {
		t.Errorf("empty config: %q", got)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	mk := func(p string) string {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(full, 0o755); err != nil {
			t.Fatal(err)
		}
		return full
	}
	write := func(p string) string {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.WriteFile(full, []byte("profile: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return full
	}
	deep := mk("proj/a/b/c")
	mk("proj/a/.tweetlen.yaml/") // a directory of that name is not a config
	mk("other")

	// Nothing in the tree (a config above the temporary directory, outside
	// the test's control, would be found).
	if got, err := Find(deep); err != nil || strings.HasPrefix(got, root) {
		t.Errorf("Find with no config = %q, %v", got, err)
	}

	top := write("proj/.tweetlen.yml")
	if got, err := Find(deep); err != nil || got != top {
		t.Errorf("Find = %q, %v; want %q", got, err, top)
	}
	yaml := write("proj/.tweetlen.yaml") // .yaml is preferred to .yml
	if got, err := Find(deep); err != nil || got != yaml {
		t.Errorf("Find = %q, %v; want %q", got, err, yaml)
	}
	near := write("proj/a/b/.tweetlen.yml") // the nearest wins
	if got, err := Find(deep); err != nil || got != near {
		t.Errorf("Find = %q, %v; want %q", got, err, near)
	}
	if got, err := Find(filepath.Join(root, "proj", "a", "b")); err != nil || got != near {
		t.Errorf("Find = %q, %v; want %q", got, err, near)
	}

	// A relative directory gives a relative path.
	t.Chdir(deep)
	if got, err := Find("."); err != nil || got != filepath.Join("..", ".tweetlen.yml") {
		t.Errorf("Find(.) = %q, %v", got, err)
	}
	t.Chdir(root)
	if got, err := Find(filepath.Join("proj", "a")); err != nil || got != filepath.Join("proj", ".tweetlen.yaml") {
		t.Errorf("Find(proj/a) = %q, %v", got, err)
	}
	// A file in place of a directory.
	f := write("proj/file.txt")
	if got, err := Find(f); err != nil || got != yaml {
		t.Errorf("Find(file) = %q, %v", got, err)
	}
}

func TestProfileFieldsListed(t *testing.T) {
	// The unknown-key check must know every key the built-in profiles use.
	names := yamlFields(reflect.TypeFor[profile.Profile]())
	for _, k := range []string{"name", "description", "count", "config", "limit", "media-cost", "quote-cost", "reply-mentions-free", "media", "poll"} {
		if _, ok := names[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	if _, ok := names["Config"]; ok {
		t.Error("the derived Config field is a key")
	}
}
