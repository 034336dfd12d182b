package integration

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// readmeSection returns the section of README.md under the heading (a line
// of its own), up to the next heading of the same level or above.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut("\n"+string(b), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README.md has no heading %q", heading)
	}
	if i := strings.Index(rest, "\n## "); i >= 0 {
		rest = rest[:i+1]
	}
	return rest
}

// fencedBlocks returns the bodies of the ```lang blocks in text.
func fencedBlocks(text, lang string) []string {
	var blocks []string
	var cur []string
	in := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case !in && l == "```"+lang:
			in, cur = true, nil
		case in && l == "```":
			in = false
			blocks = append(blocks, strings.Join(cur, "\n")+"\n")
		case in:
			cur = append(cur, l)
		}
	}
	return blocks
}

const ciSection = "## In CI: pre-commit and GitHub Actions"

// ciBlock returns the one ```yaml block of the README's CI section that has
// the top-level key.
func ciBlock(t *testing.T, key string) []byte {
	t.Helper()
	var found []string
	for _, b := range fencedBlocks(readmeSection(t, ciSection), "yaml") {
		if regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:`).MatchString(b) {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("README.md %q: %d yaml blocks with the key %s:, want 1", ciSection, len(found), key)
	}
	return []byte(found[0])
}

// preCommitConfig is a .pre-commit-config.yaml.
type preCommitConfig struct {
	Repos []struct {
		Repo  string          `yaml:"repo"`
		Rev   string          `yaml:"rev"`
		Hooks []preCommitHook `yaml:"hooks"`
	} `yaml:"repos"`
}

func readmePreCommitConfig(t *testing.T) preCommitConfig {
	t.Helper()
	var c preCommitConfig
	decodeStrict(t, "README.md's .pre-commit-config.yaml", ciBlock(t, "repos"), &c)
	return c
}

// readmePreCommitHook is the README's use of the tweetlen hook: the keys
// it overrides.
func readmePreCommitHook(t *testing.T) preCommitHook {
	t.Helper()
	for _, r := range readmePreCommitConfig(t).Repos {
		for _, h := range r.Hooks {
			if h.ID == "tweetlen" {
				return h
			}
		}
	}
	t.Fatal("README.md's .pre-commit-config.yaml does not use the hook tweetlen")
	return preCommitHook{}
}

// modulePath is the module path go.mod declares.
func modulePath(t *testing.T) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^module\s+(\S+)`).FindStringSubmatch(readFile(t, filepath.Join(root, "go.mod")))
	if m == nil {
		t.Fatal("go.mod declares no module")
	}
	return m[1]
}

// TestREADMEPreCommit checks the README's .pre-commit-config.yaml: it
// points at this repository and uses only hooks .pre-commit-hooks.yaml
// defines. (TestPreCommitHookSelection applies its files:, and
// TestPreCommitReal runs it with pre-commit.)
func TestREADMEPreCommit(t *testing.T) {
	c := readmePreCommitConfig(t)
	ids := []string{}
	for _, h := range preCommitHooks(t) {
		ids = append(ids, h.ID)
	}
	wantRepo := "https://" + modulePath(t)
	if len(c.Repos) == 0 {
		t.Fatal("no repos")
	}
	for _, r := range c.Repos {
		if r.Repo != wantRepo {
			t.Errorf("repo %q, want %q", r.Repo, wantRepo)
		}
		if r.Rev == "" {
			t.Errorf("repo %s has no rev", r.Repo)
		}
		for _, h := range r.Hooks {
			if !slices.Contains(ids, h.ID) {
				t.Errorf("the README uses the hook %q; .pre-commit-hooks.yaml defines %q", h.ID, ids)
			}
		}
	}
	readmePreCommitHook(t)
}

// workflow is the part of a GitHub workflow the README's example uses.
type workflow struct {
	Jobs map[string]struct {
		Permissions map[string]string `yaml:"permissions"`
		Steps       []struct {
			Uses string            `yaml:"uses"`
			If   string            `yaml:"if"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestREADMEWorkflow checks the README's workflow: its with: keys are
// inputs of action.yml, the SARIF upload reads the file the action writes
// and runs when the check fails; then it runs the action's steps with those
// inputs on a checkout of posts.
func TestREADMEWorkflow(t *testing.T) {
	var w workflow // only the keys the test needs: a workflow has many more
	if err := yaml.Unmarshal(ciBlock(t, "jobs"), &w); err != nil {
		t.Fatalf("README.md's workflow: %v", err)
	}
	a := loadAction(t)
	actionRef := strings.TrimPrefix(modulePath(t), "github.com/") + "@"
	ran := 0
	for name, job := range w.Jobs {
		var with map[string]string
		checkedOut := false
		for _, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Uses, "actions/checkout@"):
				checkedOut = true
			case strings.HasPrefix(s.Uses, actionRef):
				if !checkedOut {
					t.Errorf("job %s: tweetlen runs before actions/checkout", name)
				}
				with = s.With
				for k := range s.With {
					if _, ok := a.Inputs[k]; !ok {
						t.Errorf("job %s: with: %s is not an input of action.yml", name, k)
					}
				}
			case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
				if with == nil || with["sarif"] == "" || s.With["sarif_file"] != with["sarif"] {
					t.Errorf("job %s: upload-sarif reads %q, but the tweetlen step writes %q", name, s.With["sarif_file"], with["sarif"])
				}
				if !regexp.MustCompile(`always\(\)|!cancelled\(\)|failure\(\)`).MatchString(s.If) {
					t.Errorf("job %s: upload-sarif has if: %q, so it is skipped when a post does not fit", name, s.If)
				}
				if job.Permissions["security-events"] != "write" {
					t.Errorf("job %s: upload-sarif needs permissions: security-events: write", name)
				}
			}
		}
		if with == nil {
			continue
		}
		ran++
		ws := t.TempDir()
		writeFiles(t, ws, map[string]string{"README.md": readme, "posts/ok.tweet": fitPost, "posts/long.tweet": longPost})
		r := runAction(t, ws, with)
		if r.code != 1 || !slices.Contains(errorLines(r.log.String()), longAnnotation) {
			t.Errorf("job %s: exit code %d, want 1 and the annotation for posts/long.tweet\n%s", name, r.code, r.log.String())
		}
		if sarif := with["sarif"]; sarif != "" {
			if got := validSARIF(t, filepath.Join(ws, filepath.FromSlash(sarif))); !slices.Equal(got, []string{"length posts/long.tweet:1:141"}) {
				t.Errorf("job %s: SARIF results %q", name, got)
			}
		}
	}
	if ran == 0 {
		t.Fatalf("no job of the README's workflow uses %s…", actionRef)
	}
}

// TestREADMEInputs checks that the README names every input of action.yml.
func TestREADMEInputs(t *testing.T) {
	section := readmeSection(t, ciSection)
	for name := range loadAction(t).Inputs {
		if !strings.Contains(section, "`"+name+"`") {
			t.Errorf("README.md %q does not describe the input `%s`", ciSection, name)
		}
	}
}

// TestREADMEInstall runs the commands of the README's Install section, each
// the way it can be run here; a command the test does not know fails it.
func TestREADMEInstall(t *testing.T) {
	var lines []string
	for _, b := range fencedBlocks(readmeSection(t, "## Install"), "sh") {
		for _, l := range strings.Split(b, "\n") {
			if l, _, _ = strings.Cut(l, " #"); strings.TrimSpace(l) != "" {
				lines = append(lines, strings.TrimSpace(l))
			}
		}
	}
	if len(lines) == 0 {
		t.Fatal("README.md's Install section shows no command")
	}
	mod := modulePath(t)
	crossRE := regexp.MustCompile(`^GOOS=(\w+) GOARCH=(\w+) go build \./cmd/tweetlen$`)
	completionRE := regexp.MustCompile(`^(?:source <\()?tweetlen completion (\w+)`)
	tested := map[string]bool{}
	for _, line := range lines {
		t.Run(line, func(t *testing.T) {
			switch {
			case line == "go install "+mod+"/cmd/tweetlen@latest":
				// The module is not published where this test runs, so
				// TestMain ran what it does from this checkout:
				// `go install ./cmd/tweetlen` with GOBIN in a temporary
				// folder. Check that the result runs.
				r := run(t, t.TempDir(), environ(t), tweetlenBin(), "version")
				if r.code != 0 || !strings.HasPrefix(r.output, "tweetlen ") {
					t.Errorf("tweetlen version: exit code %d\n%s", r.code, r.output)
				}
				tested["install"] = true

			case line == "go build -o tweetlen ./cmd/tweetlen":
				src := sourceTree(t, "", "")
				if r := run(t, src, environ(t), "bash", "-eo", "pipefail", "-c", line); r.code != 0 {
					t.Fatalf("exit code %d\n%s", r.code, r.output)
				}
				r := run(t, src, environ(t, "NO_COLOR=1"), "bash", "-c", `echo "my draft" | ./tweetlen`)
				if r.code != 0 || !strings.HasPrefix(r.output, "8/140 ") {
					t.Errorf("the binary built: exit code %d, output %q, want 8/140", r.code, r.output)
				}
				tested["build"] = true

			case crossRE.MatchString(line):
				m := crossRE.FindStringSubmatch(line)
				goos, goarch := m[1], m[2]
				src := sourceTree(t, goos, goarch)
				if r := run(t, src, environ(t), "bash", "-eo", "pipefail", "-c", line); r.code != 0 {
					t.Fatalf("exit code %d\n%s", r.code, r.output)
				}
				out := "tweetlen"
				if goos == "windows" {
					out += ".exe"
				}
				if got := binaryTarget(t, filepath.Join(src, out)); got != goos+"/"+goarch {
					t.Errorf("%s is a %s binary, want %s/%s", out, got, goos, goarch)
				}
				tested["cross"] = true

			case completionRE.MatchString(line):
				shell := completionRE.FindStringSubmatch(line)[1]
				env := environ(t)
				env = append(env, "PATH="+binDir+string(os.PathListSeparator)+getenv(env, "PATH"))
				r := run(t, t.TempDir(), env, tweetlenBin(), "completion", shell)
				markers := map[string]string{"bash": "__start_tweetlen", "zsh": "#compdef tweetlen", "fish": "complete -c tweetlen", "powershell": "Register-ArgumentCompleter"}
				if r.code != 0 || markers[shell] == "" || !strings.Contains(r.output, markers[shell]) {
					t.Fatalf("tweetlen completion %s: exit code %d, no %q in its script", shell, r.code, markers[shell])
				}
				if shell == "bash" {
					// The README's line itself registers the completion in
					// bash (which then calls tweetlen __complete; that it
					// also needs the bash-completion package to run is
					// cobra's business).
					r := run(t, t.TempDir(), env, "bash", "--norc", "-c", line+"\ncomplete -p tweetlen")
					if r.code != 0 || !strings.Contains(r.output, "-F __start_tweetlen tweetlen") {
						t.Errorf("%s; complete -p tweetlen: exit code %d\n%s", line, r.code, r.output)
					}
					r = run(t, t.TempDir(), env, tweetlenBin(), "__complete", "--format", "j")
					if r.code != 0 || !strings.Contains(r.output, "json\n") || !strings.Contains(r.output, "junit\n") {
						t.Errorf("tweetlen __complete --format j: exit code %d, %q; want json and junit", r.code, r.output)
					}
				}
				tested[shell] = true

			default:
				t.Fatalf("the test does not know how to run this README command")
			}
		})
	}
	for _, want := range []string{"install", "build", "cross", "bash"} {
		if !tested[want] {
			t.Errorf("README.md's Install section shows no %s command", want)
		}
	}
}

// sourceTree copies the source tweetlen is built from, for the host and
// for goos/goarch when set, into a temporary folder: go.mod, go.sum and the
// folders of the module's packages cmd/tweetlen imports.
func sourceTree(t *testing.T, goos, goarch string) string {
	t.Helper()
	dirs := map[string]bool{}
	for _, target := range [][2]string{{"", ""}, {goos, goarch}} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}", "./cmd/tweetlen")
		cmd.Dir = root
		cmd.Env = os.Environ()
		if target[0] != "" {
			cmd.Env = append(cmd.Env, "GOOS="+target[0], "GOARCH="+target[1])
		}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list: %v", err)
		}
		for _, d := range strings.Fields(string(out)) {
			dirs[d] = true
		}
	}
	dst := t.TempDir()
	copyFile := func(src string) {
		rel, err := filepath.Rel(root, src)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		to := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(filepath.Join(root, "go.mod"))
	copyFile(filepath.Join(root, "go.sum"))
	for d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasSuffix(e.Name(), "_test.go") {
				copyFile(filepath.Join(d, e.Name()))
			}
		}
	}
	return dst
}

// binaryTarget reads the GOOS/GOARCH an executable is for from its header.
func binaryTarget(t *testing.T, name string) string {
	t.Helper()
	if f, err := pe.Open(name); err == nil {
		defer f.Close()
		arch := map[uint16]string{pe.IMAGE_FILE_MACHINE_AMD64: "amd64", pe.IMAGE_FILE_MACHINE_ARM64: "arm64"}[f.Machine]
		return "windows/" + arch
	}
	if f, err := elf.Open(name); err == nil {
		defer f.Close()
		arch := map[elf.Machine]string{elf.EM_X86_64: "amd64", elf.EM_AARCH64: "arm64"}[f.Machine]
		return "linux/" + arch
	}
	if f, err := macho.Open(name); err == nil {
		defer f.Close()
		arch := map[macho.Cpu]string{macho.CpuAmd64: "amd64", macho.CpuArm64: "arm64"}[f.Cpu]
		return "darwin/" + arch
	}
	t.Fatalf("%s is not an executable this test can read", name)
	return ""
}
