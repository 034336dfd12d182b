package cli

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
	"github.com/spf13/cobra"
	"github.com/tweetlen/tweetlen/pkg/postfile"
	"github.com/tweetlen/tweetlen/pkg/split"
)

// fitShowCut is how many characters of what fit cut it shows on stderr.
const fitShowCut = 60

func newFitCmd(ios *streams) *cobra.Command {
	opts := &checkOptions{IO: ios}
	var ellipsis bool
	cmd := &cobra.Command{
		Use:   "fit [flags] [PATH|-]",
		Short: "Print the longest beginning of a draft that fits",
		Long: `Print the longest beginning of a draft that fits the profile (--profile,
--limit and .tweetlen.yaml are read as by tweetlen check), and say on
standard error what was cut. The draft is cut at a word boundary when there
is one in what fits (Unicode's rules: Chinese and Japanese are cut between
characters), else between two characters, and never inside a URL, an
@mention, a #hashtag, a $cashtag, an emoji or a Markdown image. --ellipsis
ends a cut draft with "…", counted. A thread is cut post by post.

Exit status: 0, whether or not something was cut; 2 on a usage or input
error.`,
		Example: `  tweetlen fit draft.txt
  pbpaste | tweetlen fit --ellipsis --profile bluesky | pbcopy`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			opts.profileSet = cmd.Flags().Changed("profile")
			mark := ""
			if ellipsis {
				mark = "…"
			}
			return runFit(opts, mark)
		},
	}
	addCheckFlags(cmd, opts)
	hideFlags(cmd, "format", "include", "exclude", "quiet", "color")
	cmd.Flags().BoolVar(&ellipsis, "ellipsis", false, `end a cut draft with "…" (counted in its length)`)
	return cmd
}

func runFit(opts *checkOptions, ellipsis string) error {
	if opts.Format != "text" {
		return usageErrorf("fit writes text only, not %q", opts.Format)
	}
	d, err := readDraft("fit", opts, split.MediaFirst)
	if err != nil {
		return err
	}
	delim := opts.ThreadDelimiter
	if delim == "" {
		delim = postfile.DefaultThreadDelimiter
	}
	w := bufio.NewWriter(opts.IO.Out)
	var notes []string
	for i, dr := range d.drafts {
		res, _ := split.FitPost(dr, ellipsis, &d.run.lintOpts)
		if i > 0 {
			fmt.Fprintf(w, "\n\n%s\n\n", delim)
		}
		w.WriteString(res.Text)
		if !res.Cut {
			continue
		}
		cut := strings.TrimLeftFunc(dr.Post.Text[res.End:], unicode.IsSpace)
		n := uniseg.GraphemeClusterCount(cut)
		note := fmt.Sprintf("cut %s: %s", plural(n, "character"), quoteStart(cut, fitShowCut))
		if len(d.drafts) > 1 {
			note = label(dr.Post) + ": " + note
		}
		notes = append(notes, note)
	}
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(opts.IO.ErrOut, n)
	}
	return nil
}

// quoteStart quotes the first n characters of s, and "…" when there are
// more.
func quoteStart(s string, n int) string {
	state, off := -1, 0
	for i := 0; i < n && off < len(s); i++ {
		var cl string
		cl, _, _, state = uniseg.FirstGraphemeClusterInString(s[off:], state)
		off += len(cl)
	}
	if off < len(s) {
		return strconv.Quote(s[:off]) + "…"
	}
	return strconv.Quote(s)
}
