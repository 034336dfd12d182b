package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tweetlen/tweetlen/internal/config"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/report"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// streams are the command's standard streams; tests pass buffers.
type streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// checkOptions is what the command line asked for. Flags are parsed into it
// by [addCheckFlags]; [runCheck] does the work.
type checkOptions struct {
	IO *streams

	Profile         string   // --profile: a profile name or a twitter-text JSON config file
	ConfigFile      string   // --config: a .tweetlen.yaml (or, for compatibility, a twitter-text JSON config)
	NoConfig        bool     // --no-config: ignore .tweetlen.yaml files
	Input           string   // --input: a name from [inputs]
	Format          string   // --format: a name from [formats]
	Color           string   // --color: auto, always or never
	Media           []string // --media: files attached to a draft
	Reply           bool     // --reply: the drafts are replies
	Include         []string // --include: globs a walked file must match
	Exclude         []string // --exclude: globs of files and folders to skip
	Limit           int      // --limit: overrides the profile's limit
	Emoji           string   // --emoji: reference or unicode
	ThreadDelimiter string   // --thread-delimiter
	Quiet           bool     // --quiet: report only posts that fail
	Files           []string // positional arguments; none or "-" is stdin

	profileSet bool // --profile was given explicitly
	countOnly  bool // `tweetlen count`: print the counts, exit 0
}

// inputs are the names --input accepts.
var inputs = []string{"auto", "text", "tweet", "md", "json", "jsonl", "yaml", "csv"}

// formats are the names --format accepts.
var formats = []string{"text", "json", "github", "sarif", "junit"}

var colorModes = []string{"auto", "always", "never"}

// emojiRules are the names --emoji accepts.
var emojiRules = []string{string(profile.EmojiReference), string(profile.EmojiUnicode)}

// customProfile is the profile name reported for a twitter-text JSON config
// given with --config.
const customProfile = "custom"

func (o *checkOptions) validate() error {
	if !slices.Contains(inputs, o.Input) {
		return usageErrorf("unknown input %q; valid inputs: %s", o.Input, strings.Join(inputs, ", "))
	}
	if !slices.Contains(formats, o.Format) {
		return usageErrorf("unknown format %q; valid formats: %s", o.Format, strings.Join(formats, ", "))
	}
	if o.Limit < 0 {
		return usageErrorf("--limit must be at least 1")
	}
	if !slices.Contains(emojiRules, o.Emoji) {
		return usageErrorf("unknown emoji rule %q; valid: %s", o.Emoji, strings.Join(emojiRules, ", "))
	}
	return nil
}

// loadConfig reads --config, or the .tweetlen.yaml found from the working
// directory upward. A twitter-text JSON config given to --config becomes
// the profile, as in earlier versions.
func (o *checkOptions) loadConfig() (*config.Config, error) {
	path := o.ConfigFile
	if strings.EqualFold(filepath.Ext(path), ".json") {
		if o.profileSet {
			return nil, usageErrorf("--profile and a twitter-text --config cannot be used together")
		}
		o.Profile, o.profileSet = path, true
		return nil, nil
	}
	if path == "" {
		if o.NoConfig {
			return nil, nil
		}
		wd, err := os.Getwd()
		if err != nil {
			return nil, nil
		}
		if path, err = config.Find(wd); err != nil || path == "" {
			return nil, err
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", path, pathErr(err))
		}
		return nil, err
	}
	return cfg, nil
}

// applyConfig fills in what the flags left unset from the config file.
func (o *checkOptions) applyConfig(cfg *config.Config) {
	if cfg == nil {
		return
	}
	if !o.profileSet && cfg.Profile != "" {
		o.Profile = cfg.Profile
	}
	if len(o.Include) == 0 {
		o.Include = cfg.Include
	}
	if len(o.Exclude) == 0 {
		o.Exclude = cfg.Exclude
	}
	if o.ThreadDelimiter == "" {
		o.ThreadDelimiter = cfg.ThreadDelimiter
	}
	o.Reply = o.Reply || cfg.Reply
}

// newWriter returns the writer of --format; source gives the content of a
// file read, for SARIF's columns.
func (o *checkOptions) newWriter(color, labeled bool, source func(string) []byte) report.Writer {
	if o.countOnly {
		return &countWriter{w: bufio.NewWriter(o.IO.Out), errOut: o.IO.ErrOut}
	}
	ro := report.Options{ToolVersion: version()}
	switch o.Format {
	case "json":
		return report.NewJSON(o.IO.Out, ro)
	case "github":
		return withStderr(report.NewGitHub(o.IO.Out, ro), o.IO.ErrOut)
	case "sarif":
		ro.Source = source
		return withStderr(report.NewSARIF(o.IO.Out, ro), o.IO.ErrOut)
	case "junit":
		return withStderr(report.NewJUnit(o.IO.Out, ro), o.IO.ErrOut)
	}
	return newTextWriter(o.IO.Out, o.IO.ErrOut, color, labeled, o.Quiet)
}

// stderrEcho also prints input errors on stderr, so that a CI log shows
// them whatever the report format.
type stderrEcho struct {
	report.Writer
	errOut io.Writer
}

func withStderr(w report.Writer, errOut io.Writer) report.Writer { return &stderrEcho{w, errOut} }

func (s *stderrEcho) InputError(e *report.InputError) error {
	fmt.Fprintf(s.errOut, "tweetlen: %s\n", inputErrorString(e))
	return s.Writer.InputError(e)
}

// profileResolver finds profiles by name: the built-in ones, those the
// config file defines, and twitter-text JSON config files by path. It
// applies --limit and the config file's limits.
type profileResolver struct {
	defined []*profile.Profile
	limits  map[string]int
	limit   int // --limit; 0 when not given
	// emoji is --emoji unicode, applied to the profiles that weigh emoji
	// (the others count emoji their own way); empty otherwise.
	emoji profile.EmojiRule
	cache map[string]*profile.Profile
}

func newProfileResolver(cfg *config.Config, limit int) *profileResolver {
	r := &profileResolver{limit: limit, cache: map[string]*profile.Profile{}}
	if cfg != nil {
		r.defined, r.limits = cfg.Profiles, cfg.Limits
	}
	return r
}

// names lists every profile name the resolver knows.
func (r *profileResolver) names() []string {
	names := profile.Names()
	for _, p := range r.defined {
		names = append(names, p.Name)
	}
	return names
}

func (r *profileResolver) get(name string) (*profile.Profile, error) {
	if p, ok := r.cache[name]; ok {
		return p, nil
	}
	p, err := r.find(name)
	if err != nil {
		return nil, err
	}
	if l, ok := r.limits[p.Name]; ok {
		p = p.WithLimit(l)
	}
	if r.limit > 0 {
		p = p.WithLimit(r.limit)
	}
	if r.emoji != "" {
		if q, err := p.WithEmoji(r.emoji); err == nil {
			p = q
		}
	}
	r.cache[name] = p
	return p, nil
}

func (r *profileResolver) find(name string) (*profile.Profile, error) {
	if p, ok := profile.Lookup(name); ok {
		return p, nil
	}
	for _, p := range r.defined {
		if p.Name == name {
			return p, nil
		}
	}
	if strings.EqualFold(filepath.Ext(name), ".json") {
		cfg, err := readTwitterTextConfig(name)
		if err != nil {
			return nil, err
		}
		return profile.WithConfig(customProfile, cfg), nil
	}
	return nil, usageErrorf("unknown profile %q; valid profiles: %s (or a twitter-text JSON config file)", name, strings.Join(r.names(), ", "))
}

func readTwitterTextConfig(path string) (tweet.Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return tweet.Config{}, fmt.Errorf("%s: %w", path, pathErr(err))
	}
	defer f.Close()
	cfg, err := tweet.ParseConfig(f)
	if err != nil {
		return tweet.Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}
