// Command gendocs writes tweetlen's man pages and Markdown command reference
// from its cobra commands, so that the documentation says what the flags and
// help texts say:
//
//	go run ./internal/cli/gendocs -man docs/man -md docs/cli
//
// or, from the repository root, go generate ./internal/cli (see
// internal/cli/generate.go). It writes one page per command: docs/man/tweetlen.1,
// docs/man/tweetlen-check.1…, and docs/cli/tweetlen.md,
// docs/cli/tweetlen_check.md…, walking whatever commands cli.NewCommand
// returns, including the default completion command and its shells (hidden
// commands, such as cobra's __complete, and help are left out).
//
// Help texts are written for the terminal, as `tweetlen help` prints them,
// while cobra's generators read them as Markdown; gendocs therefore turns each
// command's Short and Long text (and, for the man pages, each flag's usage)
// into Markdown that renders as the terminal shows it (see [markdown]):
// indented lines stay as they are, and "![alt](file)" is text, not an image.
//
// The output is reproducible: the pages carry no "Auto generated … on DATE"
// tag (DisableAutoGenTag is set on every command), the man header's date is
// the constant [manDate] rather than today (so the pages do not change from
// one day to the next), and commands and flags come in sorted order. The two
// output directories are generated output only: gendocs first removes every
// *.1 file of the man directory and every *.md file of the Markdown one, so
// that the page of a removed command does not linger.
//
// A test (gendocs_test.go) regenerates the pages into a temporary directory
// and fails if they differ from the committed ones.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"
	"github.com/tweetlen/tweetlen/internal/cli"
)

// manDate is the date every man page's header shows (cobra prints it as
// "Nov 2026"). It is fixed so that regenerating the pages gives the same
// bytes on any day; move it forward when the documented behaviour changes
// enough to matter to a reader of the man pages, such as for a release.
var manDate = time.Date(2026, time.November, 25, 0, 0, 0, 0, time.UTC)

// manHeader is the header of every man page.
func manHeader() *doc.GenManHeader {
	date := manDate
	return &doc.GenManHeader{
		Title:   "TWEETLEN",
		Section: "1",
		Date:    &date,
		Source:  "tweetlen",
		Manual:  "tweetlen manual",
	}
}

func main() {
	manDir := flag.String("man", "", "write the man pages (section 1) into `DIR`")
	mdDir := flag.String("md", "", "write the Markdown command reference into `DIR`")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gendocs [-man DIR] [-md DIR]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || (*manDir == "" && *mdDir == "") {
		flag.Usage()
		os.Exit(2)
	}
	if err := generate(*manDir, *mdDir); err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
		os.Exit(1)
	}
}

// generate writes the man pages into manDir and the Markdown reference into
// mdDir; an empty directory name skips that output.
func generate(manDir, mdDir string) error {
	if manDir != "" {
		if err := clean(manDir, ".1"); err != nil {
			return err
		}
		root := command()
		escaped := map[*pflag.Flag]bool{} // a persistent flag is shared by its command's children
		visit(root, func(c *cobra.Command) {
			c.Flags().VisitAll(func(f *pflag.Flag) {
				if !escaped[f] {
					escaped[f] = true
					f.Usage = escapeInline(f.Usage)
				}
			})
		})
		if err := doc.GenManTree(root, manHeader(), manDir); err != nil {
			return fmt.Errorf("man pages: %w", err)
		}
	}
	if mdDir != "" {
		if err := clean(mdDir, ".md"); err != nil {
			return err
		}
		if err := doc.GenMarkdownTree(command(), mdDir); err != nil {
			return fmt.Errorf("markdown reference: %w", err)
		}
	}
	return nil
}

// command returns tweetlen's command tree as it runs, with the default
// completion command (cobra adds it only when a command executes), without
// the auto-generated tag on any page, and with its help texts in Markdown.
// Each call builds a new tree, which the caller may change.
func command() *cobra.Command {
	root := cli.NewCommand(strings.NewReader(""), io.Discard, io.Discard)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	visit(root, func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		c.Short = escapeInline(c.Short)
		c.Long = markdown(c.Long)
	})
	return root
}

// visit calls f on c and every command below it, hidden ones included.
func visit(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		visit(sub, f)
	}
}

// clean creates dir if needed and removes the files in it whose names end
// in ext: the output of an earlier run.
func clean(dir, ext string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ext) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
