package walk

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// tree creates the files (paths slash-separated, a trailing slash making a
// directory) under a new temporary directory and changes into it, so the
// walked paths are relative.
func tree(t *testing.T, paths ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, p := range paths {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("hello\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	return root
}

type problem struct{ path, msg string }

func run(t *testing.T, args []string, opts Options) ([]string, []problem) {
	t.Helper()
	var got []string
	var probs []problem
	err := Walk(args, opts, func(p string) error {
		got = append(got, filepath.ToSlash(p))
		return nil
	}, func(p string, err error) {
		probs = append(probs, problem{filepath.ToSlash(p), err.Error()})
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return got, probs
}

func check(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func noProblems(t *testing.T, probs []problem) {
	t.Helper()
	if len(probs) > 0 {
		t.Errorf("unexpected problems: %q", probs)
	}
}

func TestNestedAndExtensions(t *testing.T) {
	tree(t,
		"posts/b.tweet", "posts/a.TXT", "posts/c.md", "posts/d.markdown",
		"posts/e.json", "posts/f.jsonl", "posts/g.ndjson", "posts/h.yaml",
		"posts/i.yml", "posts/j.csv", "posts/photo.png", "posts/README",
		"posts/sub/deeper/k.tweet", "posts/sub/l.Md", "posts/empty/",
	)
	got, probs := run(t, []string{"posts"}, Options{})
	noProblems(t, probs)
	check(t, got, []string{
		"posts/a.TXT", "posts/b.tweet", "posts/c.md", "posts/d.markdown",
		"posts/e.json", "posts/f.jsonl", "posts/g.ndjson", "posts/h.yaml",
		"posts/i.yml", "posts/j.csv",
		"posts/sub/deeper/k.tweet", "posts/sub/l.Md",
	})
}

func TestCustomExts(t *testing.T) {
	tree(t, "p/a.tweet", "p/b.post", "p/c.POST")
	got, probs := run(t, []string{"p"}, Options{Exts: []string{".post"}})
	noProblems(t, probs)
	check(t, got, []string{"p/b.post", "p/c.POST"})
}

func TestFileArgumentAlwaysChecked(t *testing.T) {
	tree(t, "notes", "photo.png", ".hidden.tweet", "drafts/x.tweet")
	opts := Options{Include: []string{"*.md"}, Exclude: []string{"drafts/**", "*.png"}}
	got, probs := run(t, []string{"notes", "photo.png", ".hidden.tweet", "drafts/x.tweet", "-"}, opts)
	noProblems(t, probs)
	check(t, got, []string{"notes", "photo.png", ".hidden.tweet", "drafts/x.tweet", "-"})
}

func TestPathsAsGiven(t *testing.T) {
	root := tree(t, "posts/a.tweet", "posts/sub/b.tweet")
	got, probs := run(t, []string{"./posts/"}, Options{})
	noProblems(t, probs)
	check(t, got, []string{"posts/a.tweet", "posts/sub/b.tweet"})

	got, probs = run(t, []string{"."}, Options{})
	noProblems(t, probs)
	check(t, got, []string{"posts/a.tweet", "posts/sub/b.tweet"})

	abs := filepath.Join(root, "posts")
	got, probs = run(t, []string{abs}, Options{})
	noProblems(t, probs)
	check(t, got, []string{
		filepath.ToSlash(filepath.Join(abs, "a.tweet")),
		filepath.ToSlash(filepath.Join(abs, "sub", "b.tweet")),
	})
}

func TestInclude(t *testing.T) {
	tree(t, "posts/a.tweet", "posts/b.md", "posts/thread/c.md", "posts/thread/d.tweet", "posts/x.png")
	for _, tc := range []struct {
		include []string
		want    []string
	}{
		{[]string{"*.md"}, []string{"posts/b.md", "posts/thread/c.md"}},
		{[]string{"thread/**"}, []string{"posts/thread/c.md", "posts/thread/d.tweet"}},
		{[]string{"posts/thread/*.tweet"}, []string{"posts/thread/d.tweet"}},
		{[]string{"{a,d}.tweet"}, []string{"posts/a.tweet", "posts/thread/d.tweet"}},
		{[]string{"?.tweet", "b.*"}, []string{"posts/a.tweet", "posts/b.md", "posts/thread/d.tweet"}},
		// Include narrows the known extensions; it does not widen them.
		{[]string{"*.png"}, nil},
	} {
		got, probs := run(t, []string{"posts"}, Options{Include: tc.include})
		noProblems(t, probs)
		check(t, got, tc.want)
	}
}

func TestExclude(t *testing.T) {
	tree(t, "posts/a.tweet", "posts/drafts/b.tweet", "posts/drafts/deep/c.tweet",
		"posts/old/drafts/d.tweet", "posts/e.md", "posts/keep/f.tweet")
	for _, tc := range []struct {
		exclude []string
		want    []string
	}{
		{[]string{"drafts/**"}, []string{"posts/a.tweet", "posts/e.md", "posts/keep/f.tweet", "posts/old/drafts/d.tweet"}},
		{[]string{"**/drafts"}, []string{"posts/a.tweet", "posts/e.md", "posts/keep/f.tweet"}},
		{[]string{"drafts"}, []string{"posts/a.tweet", "posts/e.md", "posts/keep/f.tweet"}}, // base name
		{[]string{"posts/drafts/**"}, []string{"posts/a.tweet", "posts/e.md", "posts/keep/f.tweet", "posts/old/drafts/d.tweet"}},
		{[]string{"*.tweet"}, []string{"posts/e.md"}},
		{[]string{"**/*.md", "keep"}, []string{"posts/a.tweet", "posts/drafts/b.tweet", "posts/drafts/deep/c.tweet", "posts/old/drafts/d.tweet"}},
	} {
		got, probs := run(t, []string{"posts"}, Options{Exclude: tc.exclude})
		noProblems(t, probs)
		check(t, got, tc.want)
	}
	// Exclude wins over Include.
	got, _ := run(t, []string{"posts"}, Options{Include: []string{"*.tweet"}, Exclude: []string{"drafts/**"}})
	check(t, got, []string{"posts/a.tweet", "posts/keep/f.tweet", "posts/old/drafts/d.tweet"})
}

func TestInvalidPattern(t *testing.T) {
	tree(t, "a.tweet")
	for _, opts := range []Options{{Include: []string{"[a"}}, {Exclude: []string{"{a,b"}}} {
		err := Walk([]string{"."}, opts, func(string) error { t.Fatal("walked"); return nil }, nil)
		if err == nil || !strings.Contains(err.Error(), "invalid pattern") {
			t.Errorf("%+v: err = %v", opts, err)
		}
	}
}

func TestHiddenAndVendorSkipped(t *testing.T) {
	tree(t,
		"p/a.tweet", "p/.b.tweet", "p/.drafts/c.tweet", "p/.git/d.tweet",
		"p/.hg/e.tweet", "p/.svn/f.tweet", "p/node_modules/x/g.tweet", "p/sub/.h.tweet",
		"p/sub/node_modules/i.tweet", "p/sub/j.tweet",
	)
	got, probs := run(t, []string{"p"}, Options{})
	noProblems(t, probs)
	check(t, got, []string{"p/a.tweet", "p/sub/j.tweet"})

	// Named directly, they are walked, though hidden entries inside are
	// still skipped.
	tree(t, ".drafts/a.tweet", ".drafts/.b.tweet", ".drafts/sub/c.tweet", "node_modules/d.tweet", ".git/e.tweet")
	got, probs = run(t, []string{".drafts", "node_modules", ".git"}, Options{})
	noProblems(t, probs)
	check(t, got, []string{".drafts/a.tweet", ".drafts/sub/c.tweet", "node_modules/d.tweet", ".git/e.tweet"})

	// "." and ".." are not hidden.
	tree(t, "a/b.tweet")
	t.Chdir("a")
	got, probs = run(t, []string{".."}, Options{})
	noProblems(t, probs)
	check(t, got, []string{"../a/b.tweet"})
}

func TestMissingArgument(t *testing.T) {
	tree(t, "a.tweet", "dir/b.tweet")
	got, probs := run(t, []string{"nope.tweet", "a.tweet", "gone/", "dir"}, Options{})
	check(t, got, []string{"a.tweet", "dir/b.tweet"})
	if len(probs) != 2 || probs[0].path != "nope.tweet" || probs[1].path != "gone/" {
		t.Fatalf("problems = %q", probs)
	}
	for _, p := range probs {
		if p.msg != "no such file or directory" {
			t.Errorf("%s: message %q", p.path, p.msg)
		}
	}
	// Without errFn, the first problem stops the walk.
	var walked []string
	err := Walk([]string{"a.tweet", "nope.tweet", "dir"}, Options{}, func(p string) error {
		walked = append(walked, p)
		return nil
	}, nil)
	if err == nil || err.Error() != "nope.tweet: no such file or directory" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
	check(t, walked, []string{"a.tweet"})
}

func TestDuplicates(t *testing.T) {
	tree(t, "posts/a.tweet", "posts/b.tweet", "posts/sub/c.tweet")
	got, probs := run(t, []string{"posts/b.tweet", "posts", "posts/a.tweet", "./posts/sub", "posts/sub/c.tweet", "-", "-"}, Options{})
	noProblems(t, probs)
	check(t, got, []string{"posts/b.tweet", "posts/a.tweet", "posts/sub/c.tweet", "-"})
}

func TestSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	tree(t, "shared/s.tweet", "posts/a.tweet", "other/o.tweet")
	must(t, os.Symlink("../shared", "posts/linked"))
	must(t, os.Symlink("a.tweet", "posts/z-alias.tweet"))
	must(t, os.Symlink("missing.tweet", "posts/dangling.tweet"))
	must(t, os.Symlink("missing.png", "posts/dangling.png"))
	must(t, os.Symlink("../other/o.tweet", "posts/o.tweet"))
	got, probs := run(t, []string{"posts", "shared", "other"}, Options{})
	// The symlinked directory is followed; the alias of a.tweet and the
	// link to o.tweet are the same files as others, checked once.
	check(t, got, []string{"posts/a.tweet", "posts/linked/s.tweet", "posts/o.tweet"})
	if len(probs) != 1 || probs[0].path != "posts/dangling.tweet" || probs[0].msg != "broken symbolic link: no such file or directory" {
		t.Errorf("problems = %q", probs)
	}
}

func TestSymlinkLoop(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	tree(t, "p/a.tweet", "p/sub/b.tweet", "p/sub/deep/c.tweet")
	must(t, os.Symlink("../..", "p/sub/deep/up"))
	must(t, os.Symlink(".", "p/self"))
	got, probs := run(t, []string{"p"}, Options{})
	check(t, got, []string{"p/a.tweet", "p/sub/b.tweet", "p/sub/deep/c.tweet"})
	want := []problem{
		{"p/self", "directory loop: p/self points back to p; skipped"},
		{"p/sub/deep/up", "directory loop: p/sub/deep/up points back to p; skipped"},
	}
	if !slices.Equal(probs, want) {
		t.Errorf("problems = %q\nwant %q", probs, want)
	}

	// Without errFn, the loop stops the walk.
	err := Walk([]string{"p"}, Options{}, func(string) error { return nil }, nil)
	if want := "p/self: directory loop: p/self points back to p; skipped"; err == nil || filepath.ToSlash(err.Error()) != want {
		t.Errorf("err = %v, want %s", err, want)
	}

	// Two directories linking to each other: the loop is reported once,
	// even when both are named.
	tree(t, "a/x.tweet", "b/y.tweet")
	must(t, os.Symlink("../b", "a/to-b"))
	must(t, os.Symlink("../a", "b/to-a"))
	got, probs = run(t, []string{"a", "b"}, Options{})
	check(t, got, []string{"a/to-b/y.tweet", "a/x.tweet"})
	want = []problem{{"a/to-b/to-a", "directory loop: a/to-b/to-a points back to a; skipped"}}
	if !slices.Equal(probs, want) {
		t.Errorf("problems = %q\nwant %q", probs, want)
	}
}

func TestUnreadableDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("chmod does not restrict reading on Windows")
	}
	if os.Geteuid() == 0 {
		t.Skip("root can read any directory")
	}
	tree(t, "p/a.tweet", "p/locked/b.tweet", "p/z.tweet")
	must(t, os.Chmod("p/locked", 0))
	t.Cleanup(func() { os.Chmod("p/locked", 0o755) })
	got, probs := run(t, []string{"p"}, Options{})
	check(t, got, []string{"p/a.tweet", "p/z.tweet"})
	want := []problem{{"p/locked", "cannot read directory: permission denied"}}
	if !slices.Equal(probs, want) {
		t.Errorf("problems = %q\nwant %q", probs, want)
	}
}

func TestFnError(t *testing.T) {
	tree(t, "p/a.tweet", "p/b.tweet", "p/c.tweet")
	stop := errors.New("stop")
	var got []string
	err := Walk([]string{"p"}, Options{}, func(p string) error {
		got = append(got, filepath.ToSlash(p))
		if len(got) == 2 {
			return stop
		}
		return nil
	}, nil)
	if err != stop {
		t.Errorf("err = %v", err)
	}
	check(t, got, []string{"p/a.tweet", "p/b.tweet"})

	got = nil
	err = Walk([]string{"p"}, Options{}, func(p string) error {
		got = append(got, filepath.ToSlash(p))
		return fs.SkipAll
	}, nil)
	if err != nil {
		t.Errorf("SkipAll: err = %v", err)
	}
	check(t, got, []string{"p/a.tweet"})
}

func TestDeterministic(t *testing.T) {
	var names []string
	for _, n := range []string{"m", "B", "a", "z", "_", "10", "9", "é", "A"} {
		names = append(names, "d/"+n+".tweet", "d/"+n+"/x.tweet")
	}
	tree(t, names...)
	first, _ := run(t, []string{"d"}, Options{})
	// Lexical order of the entry names: "10" sorts before "10.tweet".
	want := []string{
		"d/10/x.tweet", "d/10.tweet", "d/9/x.tweet", "d/9.tweet",
		"d/A/x.tweet", "d/A.tweet", "d/B/x.tweet", "d/B.tweet",
		"d/_/x.tweet", "d/_.tweet", "d/a/x.tweet", "d/a.tweet",
		"d/m/x.tweet", "d/m.tweet", "d/z/x.tweet", "d/z.tweet",
		"d/é/x.tweet", "d/é.tweet",
	}
	check(t, first, want)
	for range 5 {
		again, _ := run(t, []string{"d"}, Options{})
		check(t, again, first)
	}
}

func TestMatchAny(t *testing.T) {
	for _, tc := range []struct {
		pats  []string
		names []string
		want  bool
	}{
		{[]string{"*.md"}, []string{"a/b/c.md"}, true},
		{[]string{"a/*.md"}, []string{"a/b/c.md"}, false},
		{[]string{"b/**"}, []string{"a/b"}, false}, // a '/' anchors the pattern
		{[]string{"b"}, []string{"a/b"}, true},
		{[]string{"a/**/*.md"}, []string{"a/b/c.md"}, true},
		{[]string{"./a/**"}, []string{"./a/b"}, true},
		{nil, []string{"x"}, false},
		{[]string{"x"}, []string{""}, false},
	} {
		if got := MatchAny(tc.pats, tc.names...); got != tc.want {
			t.Errorf("MatchAny(%q, %q) = %v", tc.pats, tc.names, got)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
