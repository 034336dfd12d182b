package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cpuguy83/go-md2man/v2/md2man"
)

// The committed pages, relative to this package's directory.
var committed = map[string]string{
	"man": filepath.Join("..", "..", "..", "docs", "man"),
	"cli": filepath.Join("..", "..", "..", "docs", "cli"),
}

// TestDocsFresh regenerates the man pages and the Markdown reference and
// compares them byte for byte with the committed docs/man and docs/cli.
func TestDocsFresh(t *testing.T) {
	tmp := t.TempDir()
	if err := generate(filepath.Join(tmp, "man"), filepath.Join(tmp, "cli")); err != nil {
		t.Fatal(err)
	}
	var stale []string
	for _, sub := range []string{"man", "cli"} {
		ext := map[string]string{"man": ".1", "cli": ".md"}[sub]
		got := readDir(t, filepath.Join(tmp, sub), ext)
		want := readDir(t, committed[sub], ext)
		if len(got) == 0 {
			t.Fatalf("gendocs wrote no %s files into %s", ext, sub)
		}
		for _, name := range sortedKeys(got) {
			path := filepath.ToSlash(filepath.Join("docs", sub, name))
			w, ok := want[name]
			switch {
			case !ok:
				stale = append(stale, "missing: "+path)
			case !bytes.Equal(got[name], w):
				stale = append(stale, "differs: "+path)
			}
		}
		for _, name := range sortedKeys(want) {
			if _, ok := got[name]; !ok {
				stale = append(stale, "extra (no such command): "+filepath.ToSlash(filepath.Join("docs", sub, name)))
			}
		}
	}
	if len(stale) > 0 {
		t.Errorf("docs are stale: run go generate ./internal/cli\n\t%s", strings.Join(stale, "\n\t"))
	}
}

// TestCommandsDocumented checks that every command a user can run has its
// pages, completion included, and that hidden commands and help have none.
func TestCommandsDocumented(t *testing.T) {
	tmp := t.TempDir()
	if err := generate(filepath.Join(tmp, "man"), filepath.Join(tmp, "cli")); err != nil {
		t.Fatal(err)
	}
	man := readDir(t, filepath.Join(tmp, "man"), ".1")
	md := readDir(t, filepath.Join(tmp, "cli"), ".md")
	for _, name := range []string{"tweetlen", "tweetlen-check", "tweetlen-count", "tweetlen-completion", "tweetlen-completion-bash"} {
		if _, ok := man[name+".1"]; !ok {
			t.Errorf("no man page %s.1", name)
		}
		if _, ok := md[strings.ReplaceAll(name, "-", "_")+".md"]; !ok {
			t.Errorf("no Markdown page for %s", name)
		}
	}
	header := fmt.Sprintf(`.TH "TWEETLEN" "1" "%s" "tweetlen" "tweetlen manual"`, manDate.Format("Jan 2006"))
	for name, b := range man {
		if strings.Contains(name, "__complete") || strings.Contains(name, "-help.") {
			t.Errorf("page for a hidden or help command: %s", name)
		}
		if !bytes.Contains(b, []byte(header)) {
			t.Errorf("%s: not the fixed man header", name)
		}
	}
	for name, b := range md {
		if strings.Contains(name, "__complete") || strings.HasSuffix(name, "_help.md") {
			t.Errorf("page for a hidden or help command: %s", name)
		}
		if bytes.Contains(b, []byte("Auto generated")) {
			t.Errorf("%s has cobra's auto-generated tag", name)
		}
	}
}

// TestMarkdown checks that help texts written for the terminal come out of
// the man page renderer as the terminal shows them.
func TestMarkdown(t *testing.T) {
	help := `Read a draft. Markdown images ![alt](file) and *stars* are text,
so is node_modules and <b>.
How a file is read:
  .txt      one post
  .tweet    front matter,
            then the text
--input overrides it.
1. not a list
# not a heading`
	md := markdown(help)
	roff := string(md2man.Render([]byte(md)))
	for _, want := range []string{
		"![alt](file)", "*stars*", "node_modules", "<b>",
		// \& is roff's zero-width character, which keeps a leading dot from
		// being read as a request.
		".EX\n\\&.txt      one post\n\\&.tweet    front matter,\n          then the text\n.EE",
		"--input overrides it.", "1\\&. not a list", "# not a heading",
	} {
		if !strings.Contains(roff, want) {
			t.Errorf("man page lost %q:\n%s\n--- from Markdown:\n%s", want, roff, md)
		}
	}
	if strings.Contains(roff, `\fI`) || strings.Contains(roff, ".SH not") || strings.Contains(roff, ".IP") {
		t.Errorf("help text taken as markup:\n%s", roff)
	}

	if got, want := escapeInline("the `FILE` to read, *not* [this]"), "the `FILE` to read, \\*not\\* \\[this\\]"; got != want {
		t.Errorf("escapeInline = %q, want %q", got, want)
	}
	if got, want := markdown("a\n\n\tcode ``` here\nb"), "a\n\n````\ncode ``` here\n````\n\nb"; got != want {
		t.Errorf("markdown = %q, want %q", got, want)
	}
}

// readDir returns the files of dir whose names end in ext, by name; an
// absent dir has none.
func readDir(t *testing.T, dir, ext string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return files
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ext) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
