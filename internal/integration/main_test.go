// Package integration tests tweetlen as others install and run it: the
// pre-commit hook (.pre-commit-hooks.yaml), the GitHub Action (action.yml),
// and the README's install commands and CI examples.
package integration

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var (
	// root is the module's root: the action's checkout, the hook's
	// repository.
	root string
	// binDir holds the tweetlen binary, built once for all the tests.
	binDir string
	// runnerTemp is the RUNNER_TEMP of every action run, so that the
	// action's go install links tweetlen once and finds it up to date after.
	runnerTemp string
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	var err error
	if root, err = filepath.Abs(filepath.Join("..", "..")); err == nil {
		_, err = os.Stat(filepath.Join(root, "go.mod"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "finding the module root:", err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "tweetlen-integration-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	binDir = filepath.Join(tmp, "bin")
	runnerTemp = filepath.Join(tmp, "runner-temp")
	if err := os.Mkdir(runnerTemp, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// What the README's `go install …/cmd/tweetlen@latest` does, from this
	// checkout (TestREADMEInstall checks that the README says this).
	build := exec.Command("go", "install", "./cmd/tweetlen")
	build.Dir = root
	build.Env = append(os.Environ(), "GOBIN="+binDir)
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go install ./cmd/tweetlen: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// tweetlenBin is the path of the binary TestMain built.
func tweetlenBin() string {
	return filepath.Join(binDir, "tweetlen"+exeSuffix())
}

func exeSuffix() string {
	if os.PathSeparator == '\\' {
		return ".exe"
	}
	return ""
}

// environ is the test's environment without what a CI runner, a git hook
// or a pre-commit run around the tests may have set, with git isolated from
// the user's configuration and given an identity, and with extra (NAME=value)
// added last.
func environ(t *testing.T, extra ...string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "GITHUB_") || strings.HasPrefix(name, "RUNNER_") ||
			strings.HasPrefix(name, "INPUT_") || strings.HasPrefix(name, "GIT_") ||
			strings.HasPrefix(name, "PRE_COMMIT") || name == "NO_COLOR" || name == "CI" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=tweetlen test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=tweetlen test", "GIT_COMMITTER_EMAIL=test@example.com")
	return append(env, extra...)
}

// getenv returns the value of name in env, the last one wins.
func getenv(env []string, name string) string {
	for _, kv := range slices.Backward(env) {
		if v, ok := strings.CutPrefix(kv, name+"="); ok {
			return v
		}
	}
	return ""
}

// writeFiles writes files (slash-separated path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// git runs git in dir and returns its standard output.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = environ(t)
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

// gitRepo makes a git repository of files in a new temporary folder, every
// file added to the index but not committed, as before a commit.
func gitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "-c", "init.defaultBranch=main", "init", "-q")
	writeFiles(t, dir, files)
	git(t, dir, "add", "-A")
	return dir
}

// result is what a command did.
type result struct {
	code   int
	output string // standard output and error, interleaved
}

// run runs name with args in dir with env, and returns its exit code and
// output; it fails the test if the command cannot be started.
func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
	}
	return result{code: cmd.ProcessState.ExitCode(), output: out.String()}
}

// Posts used by several tests: one that fits, one 10 characters over the
// 140 of the default profile (and within the 280 of x), and a README that
// would fail if it were taken for a post.
var (
	fitPost  = "Shipping the new dashboard today. Try it and tell us what you think!\n"
	longPost = strings.Repeat("x", 150) + "\n"
	readme   = "# Our posts\n\n" + strings.Repeat("This README is not a post and is much longer than a post. ", 5) + "\n"
)
