package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// streams are the command's standard streams; tests pass buffers.
type streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// checkOptions is what the command line asked for. Flags are parsed into it
// by [newRootCmd]; [runCheck] does the work.
type checkOptions struct {
	IO *streams

	Profile    string   // --profile: a name from [profiles]
	ConfigFile string   // --config: a twitter-text JSON config, instead of Profile
	Input      string   // --input: a name from [inputs]
	Format     string   // --format: a name from [formats]
	Color      string   // --color: auto, always or never
	Files      []string // positional arguments; none or "-" is stdin

	profileSet bool // --profile was given explicitly
}

// profile is a named counting configuration.
type profile struct {
	name string
	cfg  *tweet.Config
	help string
}

// profiles are the names --profile accepts, the default first.
var profiles = []profile{
	{"twitter", &tweet.V1, "the classic rule: every code point 1, every URL 23; limit 140"},
	{"x-v2", &tweet.V2, "weighted: Latin, Cyrillic, Arabic, Indic… 1, CJK, emoji and the rest 2; limit 280"},
	{"x", &tweet.V3, "x-v2, and each emoji sequence counts as 2; limit 280"},
}

// customProfile is the profile name reported for --config.
const customProfile = "custom"

// inputs are the names --input accepts: how the input is cut into posts.
var inputs = map[string]inputReader{
	"text":  readDraft,
	"jsonl": readJSONL,
}

// formats are the names --format accepts.
var formats = map[string]func(w io.Writer, c *checker, color bool) reporter{
	"text": newTextReporter,
	"json": newJSONReporter,
}

var colorModes = []string{"auto", "always", "never"}

const longHelp = `tweetlen tells how long a post is under X/Twitter's counting rules (exactly
those of twitter-text 3.1.0), how much is left, and where it overflows.

Input. With no FILE, or when FILE is -, tweetlen reads standard input. Each
FILE is one post. A final newline ("\n" or "\r\n"), as echo and editors add,
is not part of the post, and neither is a leading UTF-8 byte order mark;
newlines inside the post count. The input must be UTF-8. To check a file
named like a command (version, help, completion), write -- before it.

Batch mode. --input jsonl reads JSON Lines, one {"id": …, "text": "…"} per
line ("id" is optional, any JSON value), and takes each text verbatim. With
--format json it writes one JSON object per post per line, in input order:
  {"id":…,"weightedLength":…,"valid":…,"permillage":…,"validRangeStart":…,
   "validRangeEnd":…,"displayRangeStart":…,"displayRangeEnd":…,
   "profile":…,"limit":…,"remaining":…}
An absent "id" is written as null. --format json works for drafts too: one
object per FILE, its "id" the path (null for stdin). A malformed line is
reported on stderr as "tweetlen: FILE:LINE: …" (FILE is "stdin" for
standard input) and the other lines are still answered. Blank lines are
skipped. A line may hold at most 64 MiB, a draft too.

Exit status: 0 every post fits, 1 some post is invalid (over the limit,
empty, or holding U+FFFE, U+FEFF or U+FFFF), 2 usage or input error (2 wins
over 1).`

const examples = `  echo "my draft" | tweetlen
  tweetlen --profile x draft.txt other.txt
  tweetlen --input jsonl --format json < posts.jsonl > lengths.jsonl`

// newRootCmd builds the tweetlen command. When runF is not nil it is called
// with the parsed options instead of [runCheck] (for tests of flag parsing).
func newRootCmd(ios *streams, runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{IO: ios}
	cmd := &cobra.Command{
		Use:           "tweetlen [flags] [FILE|-]...",
		Short:         "Check how long a post is under X/Twitter's counting rules",
		Long:          longHelp,
		Example:       examples,
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			opts.profileSet = cmd.Flags().Changed("profile")
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	cmd.SetIn(ios.In)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &usageError{err: err, showUsage: true}
	})
	addCheckFlags(cmd, opts)
	cmd.AddCommand(newVersionCmd())
	return cmd
}

// addCheckFlags binds the flags of a check to opts, with shell completion
// for their values. A later `check` subcommand can share them.
func addCheckFlags(cmd *cobra.Command, opts *checkOptions) {
	f := cmd.Flags()
	f.StringVarP(&opts.Profile, "profile", "p", profiles[0].name, "counting rules: "+profileNames())
	f.StringVar(&opts.ConfigFile, "config", "", "use a twitter-text JSON config `FILE` instead of a profile (reported as profile \"custom\")")
	f.StringVar(&opts.Input, "input", "text", "input: text (each FILE is one post) or jsonl (one JSON object per line)")
	f.StringVar(&opts.Format, "format", "text", "output: text (for people) or json (one object per post per line)")
	f.StringVar(&opts.Color, "color", "auto", "highlight the overflow in colour: auto, always or never (auto honours NO_COLOR)")
	_ = cmd.MarkFlagFilename("config", "json")
	complete := func(flag string, values []string) {
		_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	var names []string
	for _, p := range profiles {
		names = append(names, p.name+"\t"+p.help)
	}
	complete("profile", names)
	complete("input", sortedKeys(inputs))
	complete("format", sortedKeys(formats))
	complete("color", colorModes)
}

func profileNames() string {
	names := make([]string, len(profiles))
	for i, p := range profiles {
		names[i] = p.name
	}
	return strings.Join(names, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// resolveConfig returns the counting config and the profile name to report.
func (opts *checkOptions) resolveConfig() (tweet.Config, string, error) {
	if opts.ConfigFile != "" {
		if opts.profileSet {
			return tweet.Config{}, "", usageErrorf("--profile and --config cannot be used together")
		}
		f, err := os.Open(opts.ConfigFile)
		if err != nil {
			return tweet.Config{}, "", fmt.Errorf("%s: %w", opts.ConfigFile, pathErr(err))
		}
		defer f.Close()
		cfg, err := tweet.ParseConfig(f)
		if err != nil {
			return tweet.Config{}, "", fmt.Errorf("%s: %w", opts.ConfigFile, err)
		}
		return cfg, customProfile, nil
	}
	for _, p := range profiles {
		if p.name == opts.Profile {
			return *p.cfg, p.name, nil
		}
	}
	return tweet.Config{}, "", usageErrorf("unknown profile %q; valid profiles: %s", opts.Profile, profileNames())
}

// pathErr drops the operation and path that *fs.PathError repeats, since
// tweetlen's messages already start with the path.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// runCheck checks every post of every input and reports on stdout.
func runCheck(opts *checkOptions) error {
	read, ok := inputs[opts.Input]
	if !ok {
		return usageErrorf("unknown input %q; valid inputs: %s", opts.Input, strings.Join(sortedKeys(inputs), ", "))
	}
	newReporter, ok := formats[opts.Format]
	if !ok {
		return usageErrorf("unknown format %q; valid formats: %s", opts.Format, strings.Join(sortedKeys(formats), ", "))
	}
	color, err := useColor(opts.Color, opts.IO.Out)
	if err != nil {
		return err
	}
	files := opts.Files
	if len(files) == 0 {
		files = []string{"-"}
	}
	stdinUses := 0
	for _, f := range files {
		if f == "-" {
			stdinUses++
		}
	}
	if stdinUses > 1 {
		return usageErrorf("standard input (-) can be read only once")
	}
	cfg, name, err := opts.resolveConfig()
	if err != nil {
		return err
	}

	c := &checker{
		cfg:     cfg,
		profile: name,
		errOut:  opts.IO.ErrOut,
		labeled: len(files) > 1 || opts.Input != "text",
	}
	c.rep = newReporter(opts.IO.Out, c, color)
	for _, f := range files {
		if err := c.readFile(read, f, opts.IO.In); err != nil {
			return err
		}
	}
	if err := c.rep.flush(); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	switch {
	case c.inputErrors > 0:
		return errInputReported
	case c.invalid > 0:
		return errInvalidPost
	}
	return nil
}
