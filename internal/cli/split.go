package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/tweetlen/tweetlen/pkg/post"
	"github.com/tweetlen/tweetlen/pkg/postfile"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/split"
)

// splitOptions are the flags of `tweetlen split` beyond the check flags.
type splitOptions struct {
	check        checkOptions
	number       bool
	numberFormat string
	numberAt     string
	maxParts     int
	mediaOn      string
}

func newSplitCmd(ios *streams) *cobra.Command {
	o := &splitOptions{check: checkOptions{IO: ios}}
	cmd := &cobra.Command{
		Use:   "split [flags] [PATH|-]",
		Short: "Split a long draft into a thread of posts that fit",
		Long: `Split a draft into a thread whose every part fits the profile (--profile,
--limit and .tweetlen.yaml are read as by tweetlen check), and print the parts
separated by the thread delimiter ("---" between blank lines, or
--thread-delimiter), so that tweetlen check reads the output back as a thread.

The rule is greedy: each part takes the longest prefix of what is left that
fits (its counter included) and ends at the best place to cut inside it: a
paragraph break, else a sentence end, else a word boundary (Unicode's rules:
Chinese and Japanese are cut between characters), else between two
characters; a better place is taken only if it keeps at least half of what
fits, so no part is left tiny. White space at the joints is trimmed. A URL,
an @mention, a #hashtag, a $cashtag, a Markdown image, an emoji or a letter
with its accents is never cut; if one does not fit in a part on its own,
split says so and fails. Thread delimiters already in the draft are kept as
breaks.

Attachments are not counted: Markdown images stay in the part they are
written in; media declared in front matter or with --media go with the
first part (--media-on last: the last), as --format json shows.

Exit status: 0 the thread is printed; 1 a unit does not fit alone, the
thread needs more than --max-parts parts, or the draft is empty; 2 usage or
input error.`,
		Example: `  tweetlen split draft.md
  tweetlen split --number --profile x draft.md | tweetlen check --profile x -
  tweetlen split --number --number-format '({i}/{n})' --number-at start draft.txt
  tweetlen split --max-parts 5 --format json draft.md`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.check.Files = args
			o.check.profileSet = cmd.Flags().Changed("profile")
			if cmd.Flags().Changed("number-format") || cmd.Flags().Changed("number-at") {
				o.number = true
			}
			return runSplit(o)
		},
	}
	addCheckFlags(cmd, &o.check)
	hideFlags(cmd, "include", "exclude", "quiet", "color")
	cmd.Flags().Lookup("format").Usage = "output: text (the parts between thread delimiters) or json (one object per part)"
	f := cmd.Flags()
	f.BoolVarP(&o.number, "number", "n", false, "add a counter to each part (counted in its length)")
	f.StringVar(&o.numberFormat, "number-format", split.DefaultNumberFormat, "the counter: {i} is the part's number, {n} the number of parts (implies --number)")
	f.StringVar(&o.numberAt, "number-at", "end", "where the counter goes: end or start (implies --number)")
	f.IntVar(&o.maxParts, "max-parts", 0, "fail when the thread needs more than `N` parts")
	f.StringVar(&o.mediaOn, "media-on", "first", "which part gets the media declared in front matter or with --media: first or last")
	_ = cmd.RegisterFlagCompletionFunc("number-at", cobra.FixedCompletions([]string{"end", "start"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("media-on", cobra.FixedCompletions([]string{"first", "last"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// hideFlags hides check flags that mean nothing to a command.
func hideFlags(cmd *cobra.Command, names ...string) {
	for _, name := range names {
		_ = cmd.Flags().MarkHidden(name)
	}
}

func runSplit(o *splitOptions) error {
	opts := &o.check
	if opts.Format != "text" && opts.Format != "json" {
		return usageErrorf("unknown format %q; valid formats for split: text, json", opts.Format)
	}
	so := split.PostOptions{Options: split.Options{Number: o.number, NumberFormat: o.numberFormat, MaxParts: o.maxParts}}
	switch o.numberAt {
	case "end":
	case "start":
		so.NumberAt = split.AtStart
	default:
		return usageErrorf("unknown --number-at %q; valid values: end, start", o.numberAt)
	}
	switch o.mediaOn {
	case "first":
	case "last":
		so.MediaOn = split.MediaLast
	default:
		return usageErrorf("unknown --media-on %q; valid values: first, last", o.mediaOn)
	}
	if o.number && !strings.Contains(o.numberFormat, "{i}") && !strings.Contains(o.numberFormat, "{n}") {
		return usageErrorf("--number-format %q holds neither {i} (the part's number) nor {n} (the number of parts)", o.numberFormat)
	}
	if o.maxParts < 0 {
		return usageErrorf("--max-parts must be at least 1")
	}
	d, err := readDraft("split", opts, so.MediaOn)
	if err != nil {
		return err
	}
	so.Lint = &d.run.lintOpts
	parts, err := split.Posts(d.drafts, so)
	if err != nil {
		return d.splitError(err)
	}
	delim := opts.ThreadDelimiter
	if delim == "" {
		delim = postfile.DefaultThreadDelimiter
	}
	if opts.Format == "json" {
		return writeSplitJSON(opts.IO.Out, parts)
	}
	w := bufio.NewWriter(opts.IO.Out)
	for i, p := range parts {
		if i > 0 {
			fmt.Fprintf(w, "\n\n%s\n\n", delim)
		}
		w.WriteString(p.Text)
	}
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return err
	}
	d.noteDropped(parts)
	for i, p := range parts {
		where := fmt.Sprintf("part %d/%d", i+1, len(parts))
		var files []string
		for _, m := range p.Post.Media {
			if !m.InText() {
				files = append(files, m.File)
			}
		}
		if len(files) > 0 {
			fmt.Fprintf(opts.IO.ErrOut, "tweetlen: %s carries %s (declared media are not in the text; --format json lists them)\n", where, strings.Join(files, ", "))
		}
		if p.Post.Poll != nil {
			fmt.Fprintf(opts.IO.ErrOut, "tweetlen: %s carries the poll (%s)\n", where, pollOptions(p.Post.Poll))
		}
		if holdsDelimiter(p.Text, delim) {
			fmt.Fprintf(opts.IO.ErrOut, "tweetlen: warning: %s holds a line %q between blank lines, which reads back as a thread delimiter; choose another with --thread-delimiter\n", where, delim)
		}
	}
	return nil
}

func pollOptions(p *post.Poll) string {
	var opts []string
	for _, o := range p.Options {
		opts = append(opts, o.Text)
	}
	return strings.Join(opts, ", ")
}

// holdsDelimiter reports whether text holds a line delim that a reader
// would take for a thread delimiter: with a blank line (or the start) before
// it and a blank line (or the end) after it.
func holdsDelimiter(text, delim string) bool {
	if !strings.Contains(text, delim) {
		return false
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	blank := func(i int) bool { return i < 0 || i >= len(lines) || strings.TrimSpace(lines[i]) == "" }
	for i, l := range lines {
		if l == delim && blank(i-1) && blank(i+1) {
			return true
		}
	}
	return false
}

// splitPartJSON is a part as `split --format json` writes it.
type splitPartJSON struct {
	Index   int              `json:"index"`
	Text    string           `json:"text"`
	Count   int              `json:"count"`
	Limit   int              `json:"limit"`
	Profile string           `json:"profile"`
	Media   []splitMediaJSON `json:"media"`
	Poll    []string         `json:"poll,omitempty"`
	Source  splitSourceJSON  `json:"source"`
}

type splitMediaJSON struct {
	File   string `json:"file"`
	Alt    string `json:"alt,omitempty"`
	Origin string `json:"origin"`
}

type splitSourceJSON struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

var originNames = map[post.MediaOrigin]string{post.Declared: "declared", post.MarkdownImage: "markdown", post.PicLink: "pic.twitter.com"}

func writeSplitJSON(out io.Writer, parts []split.PostPart) error {
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, p := range parts {
		j := splitPartJSON{
			Index: i + 1, Text: p.Text, Count: p.Report.Count, Limit: p.Report.Limit, Profile: p.Report.Profile.Name,
			Media:  []splitMediaJSON{},
			Source: splitSourceJSON{File: p.Post.Source.File, Line: p.Post.Source.Pos.Line, Column: p.Post.Source.Pos.Column},
		}
		for _, m := range p.Post.Media {
			j.Media = append(j.Media, splitMediaJSON{File: m.File, Alt: m.Alt, Origin: originNames[m.Origin]})
		}
		if p.Post.Poll != nil {
			for _, o := range p.Post.Poll.Options {
				j.Poll = append(j.Poll, o.Text)
			}
		}
		if err := enc.Encode(j); err != nil {
			return err
		}
	}
	return w.Flush()
}

// draft is an input read for split or fit: its posts with the profile each
// must fit, resolved as tweetlen check resolves them.
type draft struct {
	cmd    string // the command, for messages: split or fit
	opts   *checkOptions
	name   string // "stdin" or the path
	drafts []split.Draft
	run    *checkRun
}

// readDraft resolves opts and reads the one input opts.Files names (stdin
// when none). --media attaches files to a plain-text draft: to its first
// post, or its last with mediaOn last. Each post gets the one profile it is
// to fit. Input errors are printed on stderr as check prints them, and make
// the error errInputReported.
func readDraft(cmd string, opts *checkOptions, mediaOn split.MediaOn) (*draft, error) {
	path := "-"
	if len(opts.Files) > 0 {
		path = opts.Files[0]
	}
	r, err := resolveRun(opts)
	if err != nil {
		return nil, err
	}
	d := &draft{cmd: cmd, opts: opts, name: path, run: r}
	var data []byte
	if path == "-" {
		d.name = "stdin"
		warnTerminal(opts.IO.In, opts.IO.ErrOut)
		data, err = readAllCapped(opts.IO.In)
	} else {
		data, err = readFileCapped(path)
	}
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "tweetlen: %s: %v\n", d.name, err)
		return nil, errInputReported
	}
	ropts := opts.readOptions(path)
	posts, err := postfile.Read(d.name, data, ropts)
	if errs := flattenErrors(err); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintf(opts.IO.ErrOut, "tweetlen: %s\n", inputErrorString(toInputError(d.name, e)))
		}
		return nil, errInputReported
	}
	if len(posts) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "tweetlen: %s: no post in the input\n", d.name)
		return nil, errInvalidPost
	}
	if ropts.Format == postfile.Text && len(opts.Media) > 0 {
		p := &posts[0]
		if mediaOn == split.MediaLast {
			p = &posts[len(posts)-1]
		}
		for _, f := range opts.Media {
			p.Media = append(p.Media, post.Media{File: f, Origin: post.Declared, Start: -1, End: -1})
		}
	}
	empty := true
	for i := range posts {
		p := &posts[i]
		prof, err := d.profileFor(p, path)
		if err != nil {
			return nil, err
		}
		d.drafts = append(d.drafts, split.Draft{Post: p, Profile: prof})
		if strings.TrimSpace(p.Text) != "" || len(p.Media) > 0 || p.Poll != nil || p.Quote != "" {
			empty = false
		}
	}
	if empty {
		fmt.Fprintf(opts.IO.ErrOut, "tweetlen: %s: the draft is empty\n", d.name)
		return nil, errInvalidPost
	}
	return d, nil
}

// profileFor returns the one profile p is to fit: --profile, else the
// post's own, else the config's for its path, else the default, as check
// chooses them.
func (d *draft) profileFor(p *post.Post, path string) (*profile.Profile, error) {
	names := d.run.profileNamesFor(p, path)
	if names == nil {
		if len(d.run.defaults) > 1 {
			return nil, usageErrorf("%s fits one profile at a time, not %s; choose one with --profile", d.cmd, d.opts.Profile)
		}
		return d.run.defaults[0], nil
	}
	pos := p.ProfilePos
	if len(p.Platforms) > 0 && !p.PlatformsPos.IsZero() {
		pos = p.PlatformsPos
	}
	if pos.IsZero() {
		pos = p.Source.Pos
	}
	var msg string
	var prof *profile.Profile
	if len(names) > 1 {
		msg = fmt.Sprintf("%s fits one profile at a time, and this post asks for %s; choose one with --profile", d.cmd, strings.Join(names, ", "))
	} else if prof, msg = d.lookup(names[0]); prof != nil {
		return prof, nil
	}
	fmt.Fprintf(d.opts.IO.ErrOut, "tweetlen: %s:%d:%d: %s\n", p.Source.File, pos.Line, pos.Column, msg)
	return nil, errInputReported
}

func (d *draft) lookup(name string) (*profile.Profile, string) {
	prof, err := d.run.profiles.get(name)
	if err != nil {
		return nil, err.Error()
	}
	return prof, ""
}

// noteDropped says on stderr what the text output leaves out that reading
// the thread back from standard input would need: a profile the draft chose
// for itself (front matter, the config's overrides for its path), and a
// reply, whose leading @mentions were not counted.
func (d *draft) noteDropped(parts []split.PostPart) {
	seen := map[string]bool{}
	for i, p := range parts {
		prof := p.Report.Profile
		if prof != d.run.defaults[0] && !seen[prof.Name] {
			seen[prof.Name] = true
			fmt.Fprintf(d.opts.IO.ErrOut, "tweetlen: part %d/%d was fitted to %s, as the draft asks: check the thread with --profile %s\n", i+1, len(parts), prof.Name, prof.Name)
		}
		if p.Post.Reply != "" && !d.opts.Reply {
			fmt.Fprintf(d.opts.IO.ErrOut, "tweetlen: part %d/%d replies to %s: its leading @mentions were not counted (check it with --reply)\n", i+1, len(parts), p.Post.Reply)
		}
	}
}

// splitError reports why a draft could not be split: exit status 1 for a
// unit that does not fit or too many parts, 2 otherwise.
func (d *draft) splitError(err error) error {
	var ue *split.UnbreakableError
	var tm *split.TooManyPartsError
	switch {
	case errors.As(err, &ue):
		dr := d.drafts[ue.Item]
		pos := dr.Post.Locate(ue.Start)
		where := dr.Post.Source.File
		if !pos.IsZero() {
			where = fmt.Sprintf("%s:%d:%d", where, pos.Line, pos.Column)
		}
		fmt.Fprintf(d.opts.IO.ErrOut, "tweetlen: %s: %v; %s allows %d: shorten it, or choose a profile with a higher limit\n",
			where, err, dr.Profile.Name, dr.Profile.Limit)
		return errInvalidPost
	case errors.As(err, &tm):
		fmt.Fprintf(d.opts.IO.ErrOut, "tweetlen: %s: the thread needs %d parts, more than --max-parts %d; shorten the draft or allow more parts\n",
			d.name, tm.Need, tm.Max)
		return errInvalidPost
	}
	return err
}
