package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tweetlen/tweetlen/internal/config"
	"github.com/tweetlen/tweetlen/internal/walk"
	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/postfile"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/report"
)

// maxFileBytes caps one input read whole (a post file, or a draft on
// stdin). A variable so tests can lower it.
var maxFileBytes = 64 << 20

// run is one check: the options resolved against the config file, and the
// counters that make the exit code.
type checkRun struct {
	opts     *checkOptions
	cfg      *config.Config
	profiles *profileResolver
	defaults []*profile.Profile // --profile's (or the config's) profiles
	out      report.Writer
	lintOpts lint.Options
	// sources holds each file read, by the name its posts report, for
	// writers that need the text of a reported line (SARIF's UTF-16
	// columns); nil when none does.
	sources map[string][]byte

	failed      int
	inputErrors int
}

// resolveRun resolves opts as tweetlen check does: the flags are checked,
// the config file is read and applied, and the default profiles are looked
// up (with --limit, the config's limits and --emoji).
func resolveRun(opts *checkOptions) (*checkRun, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	cfg, err := opts.loadConfig()
	if err != nil {
		return nil, err
	}
	opts.applyConfig(cfg)
	profiles := newProfileResolver(cfg, opts.Limit)
	if opts.Emoji == string(profile.EmojiUnicode) {
		profiles.emoji = profile.EmojiUnicode
	}
	var defs []*profile.Profile
	for _, name := range strings.Split(opts.Profile, ",") {
		p, err := profiles.get(strings.TrimSpace(name))
		if err != nil {
			return nil, err
		}
		defs = append(defs, p)
	}
	if err := checkEmojiApplies(profiles.emoji, defs); err != nil {
		return nil, err
	}
	r := &checkRun{opts: opts, cfg: cfg, profiles: profiles, defaults: defs}
	r.lintOpts = lint.Options{Reply: opts.Reply, Inspector: &fileInspector{}}
	return r, nil
}

// runCheck checks every post of every input and reports on stdout.
func runCheck(opts *checkOptions) error {
	r, err := resolveRun(opts)
	if err != nil {
		return err
	}
	defs := r.defaults
	files := opts.Files
	if len(files) == 0 {
		files = []string{"-"}
	}
	if n := countStdin(files); n > 1 {
		return usageErrorf("standard input (-) can be read only once")
	}
	color, err := useColor(opts.Color, opts.IO.Out)
	if err != nil {
		return err
	}
	labeled := len(files) > 1 || opts.Input == "jsonl"
	if !labeled && files[0] != "-" {
		if fi, err := os.Stat(files[0]); err == nil && fi.IsDir() {
			labeled = true
		}
	}
	if opts.Format == "sarif" {
		r.sources = map[string][]byte{}
	}
	r.out = opts.newWriter(color, labeled, r.source)

	if opts.Input == "jsonl" && !opts.countOnly {
		return r.batch(defs, files)
	}
	werr := walk.Walk(files, walk.Options{Include: opts.Include, Exclude: opts.Exclude},
		r.checkFile,
		func(path string, err error) {
			r.inputError(&report.InputError{File: path, Message: pathErr(err).Error()})
		})
	if cerr := r.out.Close(); werr == nil && cerr != nil {
		werr = fmt.Errorf("writing the report: %w", cerr)
	}
	if werr != nil {
		return werr
	}
	return r.result()
}

// result is the error that gives the exit code.
func (r *checkRun) result() error {
	switch {
	case r.inputErrors > 0:
		return errInputReported
	case r.failed > 0 && !r.opts.countOnly:
		return errInvalidPost
	}
	return nil
}

func countStdin(files []string) int {
	n := 0
	for _, f := range files {
		if f == "-" {
			n++
		}
	}
	return n
}

func (r *checkRun) inputError(e *report.InputError) {
	r.inputErrors++
	if err := r.out.InputError(e); err != nil {
		fmt.Fprintf(r.opts.IO.ErrOut, "tweetlen: writing the report: %v\n", err)
	}
}

// checkFile reads one input ("-" is stdin) and checks each of its posts.
func (r *checkRun) checkFile(path string) error {
	name := path
	var data []byte
	var err error
	if path == "-" {
		name = "stdin"
		warnTerminal(r.opts.IO.In, r.opts.IO.ErrOut)
		data, err = readAllCapped(r.opts.IO.In)
	} else {
		data, err = readFileCapped(path)
	}
	if err != nil {
		r.inputError(&report.InputError{File: name, Message: err.Error()})
		return nil
	}
	if r.sources != nil {
		r.sources[name] = data
	}
	ropts := r.opts.readOptions(path)
	posts, err := postfile.Read(name, data, ropts)
	for _, e := range flattenErrors(err) {
		r.inputError(toInputError(name, e))
	}
	for i := range posts {
		p := &posts[i]
		if ropts.Format == postfile.Text {
			r.attachFlagMedia(p)
		}
		if err := r.checkPost(p, path); err != nil {
			return err
		}
	}
	return nil
}

// attachFlagMedia adds the files of --media to a draft.
func (r *checkRun) attachFlagMedia(p *post.Post) {
	for _, f := range r.opts.Media {
		p.Media = append(p.Media, post.Media{File: f, Origin: post.Declared, Start: -1, End: -1})
	}
}

// checkPost checks p under each profile it is to be checked against.
func (r *checkRun) checkPost(p *post.Post, path string) error {
	names := r.profileNamesFor(p, path)
	profs := r.defaults
	if names != nil {
		profs = nil
		for _, name := range names {
			prof, err := r.profiles.get(name)
			if err != nil {
				pos := p.ProfilePos
				if len(p.Platforms) > 0 && !p.PlatformsPos.IsZero() {
					pos = p.PlatformsPos
				}
				if pos.IsZero() {
					pos = p.Source.Pos
				}
				r.inputError(&report.InputError{File: p.Source.File, Pos: pos, Message: err.Error()})
				return nil
			}
			profs = append(profs, prof)
		}
	}
	for _, prof := range profs {
		rep := lint.Check(p, prof, &r.lintOpts)
		if rep.Failed() {
			r.failed++
		}
		if err := r.out.Post(rep); err != nil {
			return err
		}
	}
	return nil
}

// profileNamesFor lists the profiles p is checked under, nil for the
// defaults: an explicit --profile wins, then the post's own "platforms" or
// "profile", then the config file's overrides for its path.
func (r *checkRun) profileNamesFor(p *post.Post, path string) []string {
	if r.opts.profileSet {
		return nil
	}
	if len(p.Platforms) > 0 {
		return p.Platforms
	}
	if p.Profile != "" {
		return []string{p.Profile}
	}
	if r.cfg != nil && path != "-" {
		if name := r.cfg.ProfileFor(path); name != "" {
			return []string{name}
		}
	}
	return nil
}

// readAllCapped reads r whole, up to maxFileBytes.
func readAllCapped(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(maxFileBytes)+1))
	if err != nil {
		return nil, pathErr(err)
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("input too large: a post file is read whole, and tweetlen reads at most %s; for many posts use --input jsonl, which streams", sizeString(maxFileBytes))
	}
	return data, nil
}

func readFileCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, pathErr(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, errors.New("is a directory")
	}
	return readAllCapped(f)
}

// flattenErrors lists the errors joined in err.
func flattenErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var all []error
		for _, e := range j.Unwrap() {
			all = append(all, flattenErrors(e)...)
		}
		return all
	}
	return []error{err}
}

// toInputError turns a reader's error into a report entry.
func toInputError(name string, err error) *report.InputError {
	var pe *postfile.Error
	if errors.As(err, &pe) {
		file := pe.File
		if file == "" {
			file = name
		}
		return &report.InputError{File: file, Pos: post.Pos{Line: pe.Line, Column: pe.Column}, Message: pe.Msg}
	}
	return &report.InputError{File: name, Message: err.Error()}
}

// readOptions says how to read path: --input when given, else by its
// extension; stdin and unknown extensions are plain text.
func (o *checkOptions) readOptions(path string) postfile.Options {
	opts := postfile.Options{Format: postfile.Text, ThreadDelimiter: o.ThreadDelimiter}
	switch o.Input {
	case "", "auto":
		if known, ok := postfile.OptionsFor(path); ok && path != "-" {
			opts.Format, opts.Markdown = known.Format, known.Markdown
		}
	case "md":
		opts.Format, opts.Markdown = postfile.Tweet, true
	default:
		opts.Format = postfile.Format(o.Input)
	}
	return opts
}

// checkEmojiApplies fails when --emoji unicode was asked for but none of
// the profiles weighs emoji, so the flag would change nothing.
func checkEmojiApplies(rule profile.EmojiRule, defs []*profile.Profile) error {
	if rule == "" {
		return nil
	}
	for _, p := range defs {
		if p.Emoji == rule {
			return nil
		}
	}
	var names []string
	for _, p := range defs {
		names = append(names, p.Name)
	}
	return usageErrorf("--emoji %s applies only to profiles that weigh emoji (x, x-premium, or a twitter-text config with emoji parsing), not to %s; add --profile x", rule, strings.Join(names, ", "))
}

// source returns the content of a file read in this run, nil if unknown.
func (r *checkRun) source(name string) []byte { return r.sources[name] }
