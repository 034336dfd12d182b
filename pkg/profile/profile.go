// Package profile holds the counting rules of the platforms tweetlen checks
// posts against: the limit, the unit counted, what URLs, reply mentions and
// attachments cost, and the rules media and polls must follow. Profiles are
// data: the built-in ones are read from an embedded YAML table, and users
// define more in the same form.
package profile

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tweetlen/tweetlen/pkg/tweet"
	"go.yaml.in/yaml/v3"
)

// Unit is what a profile counts.
type Unit string

const (
	// TwitterText counts as twitter-text's parseTweet does with the
	// profile's Config: NFC code points, weighted, each URL a fixed cost.
	TwitterText Unit = "twitter-text"
	// Graphemes counts extended grapheme clusters (Bluesky, Mastodon).
	Graphemes Unit = "graphemes"
	// CodePoints counts Unicode code points (Threads).
	CodePoints Unit = "code-points"
	// UTF16 counts UTF-16 code units, JavaScript's string length (LinkedIn).
	UTF16 Unit = "utf16"
)

// EmojiRule is how a twitter-text profile weighs emoji.
type EmojiRule string

const (
	// EmojiReference weighs emoji exactly as twitter-text 3.1.0 does (the
	// default).
	EmojiReference EmojiRule = "reference"
	// EmojiUnicode weighs every fully-qualified emoji grapheme cluster of
	// the Unicode version uniseg knows as one default weight, fixing the
	// reference's stale emoji set (🧑‍🔧 counts 2 under v3, not 5).
	EmojiUnicode EmojiRule = "unicode"
)

// Profile is one platform's rules.
type Profile struct {
	// Name is what --profile accepts.
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Count is the unit counted.
	Count Unit `yaml:"count"`
	// ConfigName names the twitter-text config ("v1", "v2", "v3") for the
	// TwitterText unit.
	ConfigName string `yaml:"config"`
	// Limit is the most a post may count, in the profile's unit.
	Limit int `yaml:"limit"`
	// MediaCost is what attaching media costs, once per post with any media
	// (24 before September 2016); 0 today.
	MediaCost int `yaml:"media-cost"`
	// QuoteCost is what a quoted post given as metadata costs (24 before
	// September 2016); 0 today.
	QuoteCost int `yaml:"quote-cost"`
	// ReplyMentionsFree makes the @mentions at the start of a reply free
	// (Twitter's 2017 rule).
	ReplyMentionsFree bool `yaml:"reply-mentions-free"`
	// The rules below apply to the units other than TwitterText.

	// URLLength > 0 makes each URL count that many units (Mastodon: 23);
	// 0 counts URLs in full.
	URLLength int `yaml:"url-length"`
	// URLNeedsProtocol gives URLLength only to URLs with http(s)://.
	URLNeedsProtocol bool `yaml:"url-needs-protocol"`
	// MentionDomainFree counts "@user@domain" as "@user" (Mastodon).
	MentionDomainFree bool `yaml:"mention-domain-free"`
	// EmojiBytes counts each emoji by its UTF-8 length (Threads).
	EmojiBytes bool `yaml:"emoji-bytes"`
	// ByteLimit is a second limit on the text's UTF-8 bytes (Bluesky:
	// 3000); 0 means none.
	ByteLimit int `yaml:"byte-limit"`
	// MaxLinks is the most links a post may hold (Threads: 5); 0 means
	// no limit.
	MaxLinks int `yaml:"max-links"`
	// CountContentWarning counts a post's content warning with its text
	// (Mastodon).
	CountContentWarning bool `yaml:"count-content-warning"`

	// Emoji says how the TwitterText unit weighs emoji: EmojiReference
	// (empty or "reference": exactly as twitter-text 3.1.0, whose emoji
	// set stops at Emoji 11) or EmojiUnicode ("unicode": every
	// fully-qualified emoji of the Unicode version uniseg knows weighs one
	// default weight, 2 under v3). Only for configs with emoji parsing.
	Emoji EmojiRule `yaml:"emoji"`

	// Media are the rules attachments must follow.
	Media MediaRules `yaml:"media"`
	// Poll are the rules a poll must follow.
	Poll PollRules `yaml:"poll"`

	// Config is the twitter-text config of the TwitterText unit, with
	// MaxWeightedTweetLength set to Limit. Filled in by Parse.
	Config tweet.Config `yaml:"-"`
}

// MediaRules are the limits on a post's attachments. A zero count or size
// means "none allowed" for counts and "no limit" for sizes.
type MediaRules struct {
	MaxImages int `yaml:"max-images" json:"maxImages"`
	MaxGIFs   int `yaml:"max-gifs" json:"maxGifs"`
	MaxVideos int `yaml:"max-videos" json:"maxVideos"`
	// Mix allows images, GIFs and videos in the same post.
	Mix bool `yaml:"mix" json:"mix"`
	// Sizes in bytes.
	ImageBytes int64 `yaml:"image-bytes" json:"imageBytes"`
	GIFBytes   int64 `yaml:"gif-bytes" json:"gifBytes"`
	VideoBytes int64 `yaml:"video-bytes" json:"videoBytes"`
	// ImageTypes and VideoTypes are the accepted formats, as detected from
	// the file's content: jpeg, png, gif, webp; mp4, mov.
	ImageTypes []string `yaml:"image-types" json:"imageTypes"`
	VideoTypes []string `yaml:"video-types" json:"videoTypes"`
	// VideoMinSeconds and VideoMaxSeconds bound a video's duration, in
	// seconds, as read from its container; 0 means no bound. A video whose
	// duration is not recorded is not checked.
	VideoMinSeconds float64 `yaml:"video-min-seconds" json:"videoMinSeconds,omitempty"`
	VideoMaxSeconds float64 `yaml:"video-max-seconds" json:"videoMaxSeconds,omitempty"`
	// AltMax is the longest alt text, in code points; 0 means no limit.
	AltMax int `yaml:"alt-max" json:"altMax"`
}

// PollRules are the limits on a poll. Zero means "no limit".
type PollRules struct {
	MinOptions int `yaml:"min-options" json:"minOptions"`
	MaxOptions int `yaml:"max-options" json:"maxOptions"`
	// OptionMax is the longest option, in code points.
	OptionMax int `yaml:"option-max" json:"optionMax"`
	// WithMedia allows a poll and media on the same post.
	WithMedia  bool `yaml:"with-media" json:"withMedia"`
	MinMinutes int  `yaml:"min-minutes" json:"minMinutes"`
	MaxMinutes int  `yaml:"max-minutes" json:"maxMinutes"`
}

var configs = map[string]*tweet.Config{"v1": &tweet.V1, "v2": &tweet.V2, "v3": &tweet.V3}

//go:embed builtin.yaml
var builtinYAML []byte

var builtin = mustParse(builtinYAML)

func mustParse(data []byte) []*Profile {
	ps, err := Parse(bytes.NewReader(data))
	if err != nil {
		panic("profile: builtin.yaml: " + err.Error())
	}
	return ps
}

// Builtin returns the built-in profiles, the default first. The profiles are
// shared: treat them as read-only.
func Builtin() []*Profile { return builtin }

// Default is the profile used when none is asked for: the classic 140 rule.
func Default() *Profile { return builtin[0] }

// Lookup returns the built-in profile called name.
func Lookup(name string) (*Profile, bool) {
	for _, p := range builtin {
		if p.Name == name {
			return p, true
		}
	}
	return nil, false
}

// Names returns the names of the built-in profiles, the default first.
func Names() []string {
	names := make([]string, len(builtin))
	for i, p := range builtin {
		names[i] = p.Name
	}
	return names
}

// Parse reads a YAML list of profiles in the form of builtin.yaml. Unknown
// keys, missing names and impossible values are errors naming the line.
func Parse(r io.Reader) ([]*Profile, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var nodes []yaml.Node
	if err := dec.Decode(&nodes); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var ps []*Profile
	for i := range nodes {
		p, err := FromNode(&nodes[i])
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(ps, func(q *Profile) bool { return q.Name == p.Name }) {
			return nil, fmt.Errorf("line %d: profile %q is defined twice", nodes[i].Line, p.Name)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// FromNode decodes one profile from a YAML mapping node and checks it.
func FromNode(n *yaml.Node) (*Profile, error) {
	p := new(Profile)
	if err := n.Decode(p); err != nil {
		return nil, err
	}
	if err := p.finish(); err != nil {
		return nil, fmt.Errorf("line %d: profile %q: %w", n.Line, p.Name, err)
	}
	return p, nil
}

// finish checks p and fills in its derived fields.
func (p *Profile) finish() error {
	switch {
	case p.Name == "":
		return errors.New("a profile needs a name")
	case strings.ContainsAny(p.Name, ", \t\n"):
		return errors.New("a profile name cannot hold commas or spaces")
	case p.Limit < 1:
		return fmt.Errorf("limit must be at least 1, not %d", p.Limit)
	case p.MediaCost < 0 || p.QuoteCost < 0:
		return errors.New("media-cost and quote-cost cannot be negative")
	}
	switch p.Count {
	case TwitterText:
		cfg, ok := configs[p.ConfigName]
		if !ok {
			return fmt.Errorf("unknown twitter-text config %q; valid: v1, v2, v3", p.ConfigName)
		}
		p.Config = *cfg
		p.Config.MaxWeightedTweetLength = p.Limit
	case Graphemes, CodePoints, UTF16:
		if p.ConfigName != "" {
			return fmt.Errorf("config %q applies only to count: %s", p.ConfigName, TwitterText)
		}
		p.Config = tweet.V1 // for the parse fields of reports
		p.Config.MaxWeightedTweetLength = p.Limit
	default:
		return fmt.Errorf("unknown count %q; valid: %s, %s, %s, %s", p.Count, TwitterText, Graphemes, CodePoints, UTF16)
	}
	if p.URLLength < 0 || p.ByteLimit < 0 || p.MaxLinks < 0 {
		return errors.New("url-length, byte-limit and max-links cannot be negative")
	}
	if m := p.Media; m.VideoMinSeconds < 0 || m.VideoMaxSeconds < 0 || m.VideoMaxSeconds > 0 && m.VideoMinSeconds > m.VideoMaxSeconds {
		return fmt.Errorf("media: video-min-seconds %g and video-max-seconds %g must be positive, the least first (0: no bound)", m.VideoMinSeconds, m.VideoMaxSeconds)
	}
	if err := p.Config.Validate(); err != nil {
		return err
	}
	return p.checkEmoji()
}

// checkEmoji checks that p's emoji rule applies to its unit.
func (p *Profile) checkEmoji() error {
	switch p.Emoji {
	case "":
		p.Emoji = EmojiReference
	case EmojiReference:
	case EmojiUnicode:
		if p.Count != TwitterText || !p.Config.EmojiParsingEnabled {
			return fmt.Errorf("emoji: unicode applies only to twitter-text configs that weigh emoji (v3: profiles x, x-premium); %s counts %s", p.Name, p.unitWords())
		}
	default:
		return fmt.Errorf("unknown emoji rule %q; valid: %s, %s", p.Emoji, EmojiReference, EmojiUnicode)
	}
	return nil
}

// unitWords says what p counts, for messages.
func (p *Profile) unitWords() string {
	if p.Count == TwitterText {
		if p.ConfigName != "" {
			return "with twitter-text " + p.ConfigName + ", which does not weigh emoji"
		}
		return "with a twitter-text config that does not weigh emoji"
	}
	return string(p.Count) + ", not twitter-text weights"
}

// WithEmoji returns a copy of p that weighs emoji by rule, or an error if
// the rule does not apply to p's unit.
func (p *Profile) WithEmoji(rule EmojiRule) (*Profile, error) {
	q := *p
	q.Emoji = rule
	if err := q.checkEmoji(); err != nil {
		return nil, err
	}
	return &q, nil
}

// WithConfig returns a profile counting with a custom twitter-text config
// (--config FILE, or --profile FILE.json): the default profile's media and
// poll rules, the config's limit.
func WithConfig(name string, cfg tweet.Config) *Profile {
	p := *Default()
	p.Name = name
	p.Description = "a custom twitter-text config"
	p.ConfigName = ""
	p.Config = cfg
	p.Limit = cfg.MaxWeightedTweetLength
	p.Emoji = EmojiReference
	return &p
}

// WithLimit returns a copy of p whose limit is limit.
func (p *Profile) WithLimit(limit int) *Profile {
	q := *p
	q.Limit = limit
	q.Config.MaxWeightedTweetLength = limit
	return &q
}
