package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/profile"
	"github.com/tweetlen/tweetlen/pkg/report"
)

// newCountCmd builds `tweetlen count`: just the number, for editors and
// scripts.
func newCountCmd(ios *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "count [flags] [PATH|-]...",
		Short: "Print just the length of each post",
		Long: `Print just the length of each post, one number per line, in the profile's
unit (for editors and scripts). Inputs are read as by tweetlen check.

Exit status: 0, whether or not the posts fit; 2 on a usage or input error.`,
		Example: `  echo "my draft" | tweetlen count
  tweetlen count --profile x draft.md`,
		Args: cobra.ArbitraryArgs,
	}
	opts := &checkOptions{IO: ios, countOnly: true}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		opts.Files = args
		opts.profileSet = cmd.Flags().Changed("profile")
		return runCheck(opts)
	}
	addCheckFlags(cmd, opts)
	for _, name := range []string{"format", "color", "quiet"} {
		_ = cmd.Flags().MarkHidden(name)
	}
	return cmd
}

// countWriter writes each post's count on a line of its own; input errors
// go to stderr.
type countWriter struct {
	w      *bufio.Writer
	errOut io.Writer
}

func (c *countWriter) Post(r *lint.Report) error {
	c.w.WriteString(strconv.Itoa(r.Count))
	return c.w.WriteByte('\n')
}

func (c *countWriter) InputError(e *report.InputError) error {
	if err := c.w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(c.errOut, "tweetlen: %s\n", inputErrorString(e))
	return nil
}

func (c *countWriter) Close() error { return c.w.Flush() }

// newProfilesCmd builds `tweetlen profiles`.
func newProfilesCmd(ios *streams) *cobra.Command {
	var format, configFile string
	var noConfig bool
	cmd := &cobra.Command{
		Use:   "profiles",
		Short: "List the profiles and their rules",
		Long: `List the profiles --profile accepts and their rules: the built-in ones and
those defined in .tweetlen.yaml. --format json prints every rule.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts := &checkOptions{IO: ios, ConfigFile: configFile, NoConfig: noConfig}
			cfg, err := opts.loadConfig()
			if err != nil {
				return err
			}
			ps := profile.Builtin()
			if cfg != nil {
				ps = append(ps[:len(ps):len(ps)], cfg.Profiles...)
			}
			switch format {
			case "text":
				return writeProfilesText(ios.Out, ps)
			case "json":
				return writeProfilesJSON(ios.Out, ps)
			}
			return usageErrorf("unknown format %q; valid formats: text, json", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output: text or json")
	cmd.Flags().StringVar(&configFile, "config", "", "read profiles from this .tweetlen.yaml `FILE`")
	cmd.Flags().BoolVar(&noConfig, "no-config", false, "do not look for a .tweetlen.yaml")
	return cmd
}

func writeProfilesText(w io.Writer, ps []*profile.Profile) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROFILE\tLIMIT\tCOUNTS\tRULE")
	for i, p := range ps {
		name := p.Name
		if i == 0 {
			name += " (default)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", name, p.Limit, unitName(p), p.Description)
	}
	return tw.Flush()
}

// unitName says what a profile counts, for people.
func unitName(p *profile.Profile) string {
	if p.Count == profile.TwitterText && p.ConfigName != "" {
		return "twitter-text " + p.ConfigName
	}
	return string(p.Count)
}

// profileJSON is a profile as `tweetlen profiles --format json` prints it:
// every rule, with the names of twitter-text's JSON where it has them.
type profileJSON struct {
	Name                string             `json:"name"`
	Description         string             `json:"description"`
	Count               profile.Unit       `json:"count"`
	Config              string             `json:"config,omitempty"`
	Limit               int                `json:"limit"`
	ByteLimit           int                `json:"byteLimit,omitempty"`
	Emoji               profile.EmojiRule  `json:"emoji,omitempty"`
	URLLength           int                `json:"urlLength,omitempty"`
	URLNeedsProtocol    bool               `json:"urlNeedsProtocol,omitempty"`
	MentionDomainFree   bool               `json:"mentionDomainFree,omitempty"`
	EmojiBytes          bool               `json:"emojiBytes,omitempty"`
	MaxLinks            int                `json:"maxLinks,omitempty"`
	CountContentWarning bool               `json:"countContentWarning,omitempty"`
	MediaCost           int                `json:"mediaCost"`
	QuoteCost           int                `json:"quoteCost"`
	ReplyMentionsFree   bool               `json:"replyMentionsFree"`
	Media               profile.MediaRules `json:"media"`
	Poll                profile.PollRules  `json:"poll"`
}

func writeProfilesJSON(w io.Writer, ps []*profile.Profile) error {
	enc := json.NewEncoder(w)
	for _, p := range ps {
		j := profileJSON{
			Name: p.Name, Description: p.Description, Count: p.Count, Config: p.ConfigName,
			Limit: p.Limit, ByteLimit: p.ByteLimit, URLLength: p.URLLength, URLNeedsProtocol: p.URLNeedsProtocol,
			MentionDomainFree: p.MentionDomainFree, EmojiBytes: p.EmojiBytes, MaxLinks: p.MaxLinks,
			CountContentWarning: p.CountContentWarning, MediaCost: p.MediaCost, QuoteCost: p.QuoteCost,
			ReplyMentionsFree: p.ReplyMentionsFree, Media: p.Media, Poll: p.Poll,
		}
		if p.Count == profile.TwitterText {
			j.Emoji = p.Emoji
		}
		if err := enc.Encode(j); err != nil {
			return err
		}
	}
	return nil
}
