package cli

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/textlen"
)

const longHelp = `tweetlen tells how long a post is under the counting rules of X/Twitter
(exactly those of twitter-text 3.1.0) and other platforms, how much is left,
and where it overflows; it also checks attachments and polls.

Input. With no PATH, or when PATH is -, tweetlen reads a draft from standard
input. A directory is walked for post files (.tweet .txt .md .markdown .json
.jsonl .ndjson .yaml .yml .csv), skipping hidden folders and node_modules.
How a file is read depends on its extension:
  .txt, stdin     the whole input is one post (a final newline is not part of
                  it), or a thread when a line "---" between blank lines
                  splits it
  .tweet, .md     optional YAML front matter (media, reply, retweet, poll,
                  schedule, thread-delimiter, profile), then the text; a line
                  "---" between blank lines splits a thread into posts
  .json .yaml     one post object or a list of them ({"text": …, "media": …})
  .jsonl          one post object per line
  .csv            a scheduler export with a header row (text/content/message…,
                  media/imageUrls…, date/scheduled_at…)
--input overrides the extension.

Counting. Attached images and videos are not counted (Twitter's 2016 rule):
declared media, Markdown images ![alt](file) and pic.twitter.com links are
lifted out of the text. In a reply (--reply, or "reply:" in front matter) the
leading @mentions are not counted either. --profile twitter-2015 shows the
rule before September 2016, when media cost 24.

Batch mode. --input jsonl reads JSON Lines, one {"id": …, "text": "…"} per
line, streaming; with --format json it writes one object per line in input
order (see the README for the contract).

Config. .tweetlen.yaml, looked up from the working directory upward (or
--config FILE), sets the default profile, include/exclude globs, per-path
profiles, the thread delimiter and limits. Flags override it.

Exit status: 0 every post passes, 1 some post breaks a rule (over the limit,
empty, an invalid character, a media or poll rule), 2 usage or input error
(reported after every other input was checked; 2 wins over 1).`

const examples = `  pbpaste | tweetlen
  tweetlen --profile x draft.md
  tweetlen check posts/ --format github
  tweetlen check --format sarif posts/ > tweetlen.sarif
  tweetlen --media photo.jpg --reply < draft.txt
  tweetlen --input jsonl --format json < posts.jsonl > lengths.jsonl`

// newRootCmd builds the tweetlen command. When runF is not nil it is called
// with the parsed options instead of [runCheck] (for tests of flag parsing).
func newRootCmd(ios *streams, runF func(*checkOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:           "tweetlen [flags] [PATH|-]...",
		Short:         "Check how long a post is under X/Twitter's and other platforms' rules",
		Long:          longHelp,
		Example:       examples,
		Args:          cobra.ArbitraryArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	cmd.SetIn(ios.In)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &usageError{err: err, showUsage: true}
	})
	bindCheck(cmd, ios, runF)

	check := &cobra.Command{
		Use:   "check [flags] [PATH|-]...",
		Short: "Check posts (the same as tweetlen without a command)",
		Long:  "Check posts: the same as tweetlen without a command.\n\n" + longHelp,
		Args:  cobra.ArbitraryArgs,
	}
	bindCheck(check, ios, runF)
	cmd.AddCommand(check, newCountCmd(ios), newProfilesCmd(ios), newVersionCmd(), newSplitCmd(ios), newFitCmd(ios), newWatchCmd(ios))
	return cmd
}

// bindCheck makes cmd run a check with the check flags.
func bindCheck(cmd *cobra.Command, ios *streams, runF func(*checkOptions) error) {
	opts := &checkOptions{IO: ios}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts.Files = args
		opts.profileSet = cmd.Flags().Changed("profile")
		if runF != nil {
			return runF(opts)
		}
		return runCheck(opts)
	}
	addCheckFlags(cmd, opts)
}

// addCheckFlags binds the flags of a check to opts, with shell completion
// for their values.
func addCheckFlags(cmd *cobra.Command, opts *checkOptions) {
	f := cmd.Flags()
	f.StringVarP(&opts.Profile, "profile", "p", profile.Default().Name, "the `NAME` of the counting rules: "+strings.Join(profile.Names(), ", ")+"; or a twitter-text JSON config file")
	f.StringVar(&opts.ConfigFile, "config", "", "read settings from this .tweetlen.yaml `FILE` instead of looking for one (a .json FILE is a twitter-text config, reported as profile \"custom\")")
	f.BoolVar(&opts.NoConfig, "no-config", false, "do not look for a .tweetlen.yaml")
	f.StringVar(&opts.Input, "input", "auto", "how to read the input: "+strings.Join(inputs, ", ")+" (auto: by file extension; stdin is text)")
	f.StringVarP(&opts.Format, "format", "f", "text", "output: "+strings.Join(formats, ", "))
	f.StringVar(&opts.Color, "color", "auto", "highlight the overflow in colour: auto, always or never (auto honours NO_COLOR)")
	f.StringArrayVarP(&opts.Media, "media", "m", nil, "attach `FILE` to a draft (repeatable); attached media are not counted, but checked")
	f.BoolVar(&opts.Reply, "reply", false, "the posts are replies: their leading @mentions are not counted")
	f.StringArrayVar(&opts.Include, "include", nil, "only check files matching this `GLOB` when walking folders (repeatable; ** matches folders)")
	f.StringArrayVar(&opts.Exclude, "exclude", nil, "skip files and folders matching this `GLOB` when walking folders (repeatable)")
	f.IntVar(&opts.Limit, "limit", 0, "override the profile's limit (e.g. a Mastodon server's)")
	f.StringVar(&opts.Emoji, "emoji", string(profile.EmojiReference), "how X's weighted profiles weigh emoji: reference (exactly twitter-text 3.1.0, whose emoji set stops at Emoji 11) or unicode (every fully-qualified emoji of Unicode "+textlen.UnicodeVersion+" counts 2)")
	f.StringVar(&opts.ThreadDelimiter, "thread-delimiter", "", "the line that splits a thread in .tweet, .md and .txt files and on stdin (default \"---\")")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "text output: report only the posts that fail")
	_ = cmd.MarkFlagFilename("config", "yaml", "yml", "json")
	_ = cmd.MarkFlagFilename("media")
	complete := func(flag string, values []string) {
		_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	var names []string
	for _, p := range profile.Builtin() {
		names = append(names, p.Name+"\t"+p.Description)
	}
	complete("profile", names)
	complete("input", inputs)
	complete("format", formats)
	complete("color", colorModes)
	complete("emoji", emojiRules)
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
