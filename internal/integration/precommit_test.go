package integration

import (
	"bytes"
	"image"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// preCommitHook is a hook of .pre-commit-hooks.yaml, with the keys
// pre-commit's manifest schema allows (an unknown one fails the test).
type preCommitHook struct {
	ID                      string   `yaml:"id,omitempty"`
	Name                    string   `yaml:"name,omitempty"`
	Entry                   string   `yaml:"entry,omitempty"`
	Language                string   `yaml:"language,omitempty"`
	Description             string   `yaml:"description,omitempty"`
	Files                   *string  `yaml:"files,omitempty"`
	Exclude                 *string  `yaml:"exclude,omitempty"`
	Types                   []string `yaml:"types,omitempty"`
	TypesOr                 []string `yaml:"types_or,omitempty"`
	ExcludeTypes            []string `yaml:"exclude_types,omitempty"`
	Args                    []string `yaml:"args,omitempty"`
	PassFilenames           *bool    `yaml:"pass_filenames,omitempty"`
	RequireSerial           bool     `yaml:"require_serial,omitempty"`
	AlwaysRun               bool     `yaml:"always_run,omitempty"`
	Stages                  []string `yaml:"stages,omitempty"`
	MinimumPreCommitVersion string   `yaml:"minimum_pre_commit_version,omitempty"`
	AdditionalDependencies  []string `yaml:"additional_dependencies,omitempty"`
	LanguageVersion         string   `yaml:"language_version,omitempty"`
	Verbose                 bool     `yaml:"verbose,omitempty"`
	FailFast                bool     `yaml:"fail_fast,omitempty"`
	Alias                   string   `yaml:"alias,omitempty"`
	LogFile                 string   `yaml:"log_file,omitempty"`
}

// decodeStrict decodes YAML into v, rejecting keys v does not have.
func decodeStrict(t *testing.T, what string, data []byte, v any) {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// preCommitHooks reads .pre-commit-hooks.yaml.
func preCommitHooks(t *testing.T) []preCommitHook {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	decodeStrict(t, ".pre-commit-hooks.yaml", data, &hooks)
	return hooks
}

// tweetlenHook returns the hook of .pre-commit-hooks.yaml whose id is
// tweetlen.
func tweetlenHook(t *testing.T) preCommitHook {
	t.Helper()
	hooks := preCommitHooks(t)
	for _, h := range hooks {
		if h.ID == "tweetlen" {
			return h
		}
	}
	t.Fatalf(".pre-commit-hooks.yaml defines no hook with id tweetlen (%d hooks)", len(hooks))
	return preCommitHook{}
}

// fileTags are the identify tags pre-commit matches a hook's types against,
// those this test knows how to compute: file, and text or binary the way
// identify tells them (a byte outside its text characters among the first
// 1024 makes a file binary).
func fileTags(t *testing.T, path string) []string {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.Mode().IsRegular() {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	kind := "text"
	for _, c := range b[:min(len(b), 1024)] {
		if !(c >= 0x20 && c != 0x7f || bytes.IndexByte([]byte("\a\b\t\n\f\r\x1b"), c) >= 0) {
			kind = "binary"
			break
		}
	}
	return []string{"file", kind}
}

// selectFiles picks the files of the repository dir (slash-separated, as
// git lists them) that pre-commit passes to hook: files matching its
// `files` and not its `exclude` regular expression (both searched, not
// anchored), whose tags include all its `types`, one of its `types_or` and
// none of its `exclude_types`.
func selectFiles(t *testing.T, dir string, files []string, hook preCommitHook) []string {
	t.Helper()
	include, exclude := "", "^$"
	if hook.Files != nil {
		include = *hook.Files
	}
	if hook.Exclude != nil {
		exclude = *hook.Exclude
	}
	// Python's re and Go's regexp agree on the patterns a hook's files use;
	// one Go does not take (a look-around) fails here.
	inc, err := regexp.Compile(include)
	if err != nil {
		t.Fatalf("files: %v", err)
	}
	exc, err := regexp.Compile(exclude)
	if err != nil {
		t.Fatalf("exclude: %v", err)
	}
	types := hook.Types
	if types == nil {
		types = []string{"file"}
	}
	for _, ty := range slices.Concat(types, hook.TypesOr, hook.ExcludeTypes) {
		if ty != "file" && ty != "text" && ty != "binary" {
			t.Fatalf("the test does not know how identify tags a file %q", ty)
		}
	}
	var picked []string
	for _, f := range files {
		if !inc.MatchString(f) || exc.MatchString(f) {
			continue
		}
		tags := fileTags(t, filepath.Join(dir, filepath.FromSlash(f)))
		ok := true
		for _, ty := range types {
			ok = ok && slices.Contains(tags, ty)
		}
		if len(hook.TypesOr) > 0 {
			ok = ok && slices.ContainsFunc(hook.TypesOr, func(ty string) bool { return slices.Contains(tags, ty) })
		}
		for _, ty := range hook.ExcludeTypes {
			ok = ok && !slices.Contains(tags, ty)
		}
		if ok {
			picked = append(picked, f)
		}
	}
	return picked
}

// runHook runs the hook's entry on files in dir as pre-commit does (the
// entry split into words, then the hook's args, then the file names), the
// program found among the binaries pre-commit's go install makes: the
// tweetlen TestMain built.
func runHook(t *testing.T, dir string, hook preCommitHook, files []string) result {
	t.Helper()
	if strings.ContainsAny(hook.Entry, `"'\`) {
		t.Fatalf("entry %q: the test splits it on blanks, not as shlex does", hook.Entry)
	}
	argv := slices.Concat(strings.Fields(hook.Entry), hook.Args, files)
	program := filepath.Join(binDir, argv[0]+exeSuffix())
	if _, err := os.Stat(program); err != nil {
		t.Fatalf("entry %q: %s is not the binary go install ./cmd/tweetlen makes", hook.Entry, argv[0])
	}
	return run(t, dir, environ(t, "NO_COLOR=1"), program, argv[1:]...)
}

// pngImage is a valid 1×1 PNG, a photo kept beside the posts.
func pngImage(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// postsRepo is a repository of posts as a user of the hook has one: posts
// in posts/ (a .tweet that fits, one too long, a Markdown post that fits and
// attaches a photo kept in posts/media), and a README.md that is not a post.
func postsRepo(t *testing.T) (dir string, files []string) {
	t.Helper()
	dir = gitRepo(t, map[string]string{
		"README.md":             readme,
		"posts/ok.tweet":        fitPost,
		"posts/long.tweet":      longPost,
		"posts/draft.md":        "Our new look, in one picture.\n\n![The new look](media/photo.png)\n",
		"posts/media/photo.png": pngImage(t),
		"notes/ideas.txt":       "ideas\n",
	})
	files = strings.Fields(git(t, dir, "ls-files"))
	return dir, files
}

// TestPreCommitHookDefinition checks the hook's fields that decide how
// pre-commit installs and calls it.
func TestPreCommitHookDefinition(t *testing.T) {
	h := tweetlenHook(t)
	if h.Language != "golang" {
		t.Errorf("language %q, want golang (pre-commit builds the hook with go install ./...)", h.Language)
	}
	// pre-commit's golang language runs `go install ./...` in the hook's
	// repository, so the entry's program is named after a main package.
	words := strings.Fields(h.Entry)
	if len(words) < 2 || words[1] != "check" {
		t.Fatalf("entry %q, want `tweetlen check` (the file names are appended)", h.Entry)
	}
	list := exec.Command("go", "list", "-f", "{{.Name}}", "./cmd/"+words[0])
	list.Dir = root
	out, err := list.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "main" {
		t.Errorf("entry %q: ./cmd/%s is not a main package go install builds: %v %s", h.Entry, words[0], err, out)
	}
	if h.PassFilenames != nil && !*h.PassFilenames {
		t.Error("pass_filenames is false: the hook would check nothing")
	}
	if h.AlwaysRun {
		t.Error("always_run: tweetlen with no file names reads standard input")
	}
	if h.Files == nil {
		t.Fatal("no files: the hook would take every file, README.md included")
	}
	if files := regexp.MustCompile(*h.Files); !files.MatchString("posts/launch.tweet") || files.MatchString("README.md") || files.MatchString("posts/launch.md") {
		t.Errorf("files: %s; want .tweet files taken, and README.md and other Markdown left out by default", *h.Files)
	}
}

// TestPreCommitHookSelection selects files from a repository of posts the
// way pre-commit does and runs the hook's entry on them.
func TestPreCommitHookSelection(t *testing.T) {
	hook := tweetlenHook(t)
	dir, files := postsRepo(t)

	t.Run("all files", func(t *testing.T) {
		picked := selectFiles(t, dir, files, hook)
		if want := []string{"posts/long.tweet", "posts/ok.tweet"}; !slices.Equal(picked, want) {
			t.Fatalf("the hook takes %q, want %q", picked, want)
		}
		r := runHook(t, dir, hook, picked)
		if r.code != 1 {
			t.Errorf("exit code %d, want 1 (a post is too long)\n%s", r.code, r.output)
		}
		for _, want := range []string{
			"posts/long.tweet: 150/140 · over by 10 (twitter)\n  over the limit from line 1, column 141:",
			"posts/ok.tweet: 68/140 · 72 left · fits (twitter)",
			"2 posts in 2 files: 1 pass, 1 fail (1 over the limit)",
		} {
			if !strings.Contains(r.output, want) {
				t.Errorf("output lacks %q:\n%s", want, r.output)
			}
		}
	})

	t.Run("a commit of the post that fits and the README", func(t *testing.T) {
		picked := selectFiles(t, dir, []string{"README.md", "posts/ok.tweet"}, hook)
		if want := []string{"posts/ok.tweet"}; !slices.Equal(picked, want) {
			t.Fatalf("the hook takes %q, want %q", picked, want)
		}
		r := runHook(t, dir, hook, picked)
		if r.code != 0 || !strings.Contains(r.output, "68/140 · 72 left · fits (twitter)") {
			t.Errorf("exit code %d, want 0 and the post checked:\n%s", r.code, r.output)
		}
	})

	t.Run("files widened to posts/", func(t *testing.T) {
		wide := hook
		wide.Files = readmePreCommitHook(t).Files
		if wide.Files == nil {
			t.Fatal("the README's .pre-commit-config.yaml does not set files:")
		}
		picked := selectFiles(t, dir, files, wide)
		if want := []string{"posts/draft.md", "posts/long.tweet", "posts/ok.tweet"}; !slices.Equal(picked, want) {
			t.Fatalf("with files: %s the hook takes %q, want %q (the photo is binary)", *wide.Files, picked, want)
		}
		r := runHook(t, dir, wide, picked)
		if r.code != 1 || !strings.Contains(r.output, "posts/draft.md: 29/140 · 111 left · fits (twitter)\n  1 image not counted") {
			t.Errorf("exit code %d, want 1, and the draft checked with its photo:\n%s", r.code, r.output)
		}

		// Without types: [text] the photo would be taken for a post.
		wide.Types = nil
		picked = selectFiles(t, dir, files, wide)
		if !slices.Contains(picked, "posts/media/photo.png") {
			t.Fatalf("without types the hook takes %q", picked)
		}
		if r := runHook(t, dir, wide, picked); r.code != 2 {
			t.Errorf("the photo as a post: exit code %d, want 2 (an input error)\n%s", r.code, r.output)
		}
	})
}

// TestPreCommitReal runs pre-commit itself, when it is installed, on a
// repository of posts, with the hook from a clone of this working tree:
// pre-commit builds it (go install ./... with GOPATH in its store). The
// module cache is this machine's, which halves the time; without it
// pre-commit's go install fetches the modules from the proxy, as a user's
// first install does.
func TestPreCommitReal(t *testing.T) {
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit is not installed (on Debian: apt-get install pre-commit); the hook was tested by TestPreCommitHookSelection only")
	}
	if testing.Short() {
		t.Skip("-short: pre-commit builds the hook, which takes seconds")
	}
	clone := cloneWorkingTree(t)
	rev := strings.TrimSpace(git(t, clone, "rev-parse", "HEAD"))
	dir, _ := postsRepo(t)
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	env := environ(t, "PRE_COMMIT_HOME="+t.TempDir(), "GOMODCACHE="+strings.TrimSpace(string(modcache)))

	t.Run("try-repo", func(t *testing.T) {
		r := run(t, dir, env, preCommit, "try-repo", "--color=never", clone, "tweetlen", "--all-files")
		if r.code != 1 {
			t.Errorf("exit code %d, want 1:\n%s", r.code, r.output)
		}
		for _, want := range []string{"- hook id: tweetlen", "posts/long.tweet: 150/140 · over by 10 (twitter)", "2 posts in 2 files: 1 pass, 1 fail"} {
			if !strings.Contains(r.output, want) {
				t.Errorf("output lacks %q:\n%s", want, r.output)
			}
		}
		if strings.Contains(r.output, "README.md") || strings.Contains(r.output, "draft.md") {
			t.Errorf("the hook checked files other than .tweet ones:\n%s", r.output)
		}
	})

	// The README's .pre-commit-config.yaml, pointed at the clone.
	config := readmePreCommitConfig(t)
	if len(config.Repos) != 1 {
		t.Fatalf("the README's .pre-commit-config.yaml has %d repos, want 1", len(config.Repos))
	}
	config.Repos[0].Repo, config.Repos[0].Rev = clone, rev
	data, err := yaml.Marshal(config)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{".pre-commit-config.yaml": string(data)})
	git(t, dir, "add", ".pre-commit-config.yaml")

	t.Run("README config, all files", func(t *testing.T) {
		r := run(t, dir, env, preCommit, "run", "--color=never", "--all-files")
		if r.code != 1 {
			t.Errorf("exit code %d, want 1:\n%s", r.code, r.output)
		}
		for _, want := range []string{"posts/draft.md: 29/140 · 111 left · fits (twitter)", "posts/long.tweet: 150/140 · over by 10", "3 posts in 3 files: 2 pass, 1 fail"} {
			if !strings.Contains(r.output, want) {
				t.Errorf("output lacks %q:\n%s", want, r.output)
			}
		}
	})

	t.Run("README config, a post that fits", func(t *testing.T) {
		r := run(t, dir, env, preCommit, "run", "--color=never", "--files", "posts/ok.tweet", "README.md", "posts/media/photo.png")
		if r.code != 0 || !regexp.MustCompile(`(?m)^tweetlen\.+Passed$`).MatchString(r.output) {
			t.Errorf("exit code %d, want 0 and the hook passed:\n%s", r.code, r.output)
		}
	})
}

// cloneWorkingTree commits the working tree as it is (tracked and untracked
// files, not ignored ones) into a new repository, as the next commit of this
// one would be, and returns its folder.
func cloneWorkingTree(t *testing.T) string {
	t.Helper()
	clone := t.TempDir()
	for _, name := range strings.Split(strings.TrimRight(git(t, root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"), "\x00"), "\x00") {
		src := filepath.Join(root, filepath.FromSlash(name))
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the working tree, or not a plain file
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(clone, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, fi.Mode().Perm()|fs.FileMode(0o200)); err != nil {
			t.Fatal(err)
		}
	}
	git(t, clone, "-c", "init.defaultBranch=main", "init", "-q")
	git(t, clone, "add", "-A")
	git(t, clone, "commit", "-q", "-m", "working tree")
	return clone
}
