package tweetlen_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// readmeExample is one `$ command` of a console block in README.md and the
// output the README shows for it.
type readmeExample struct {
	line    int
	command string
	want    string
}

// readmeBlocks returns the fenced code blocks of README.md with the given
// info string, each with the line its body starts on.
func readmeBlocks(t *testing.T, lang string) (bodies []string, lines []int) {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	in := false
	var cur strings.Builder
	start := 0
	for i, l := range strings.Split(string(b), "\n") {
		switch {
		case !in && l == "```"+lang:
			in, start = true, i+2
			cur.Reset()
		case in && l == "```":
			in = false
			bodies = append(bodies, cur.String())
			lines = append(lines, start)
		case in:
			cur.WriteString(l + "\n")
		}
	}
	return bodies, lines
}

func consoleExamples(t *testing.T) []readmeExample {
	var out []readmeExample
	bodies, lines := readmeBlocks(t, "console")
	for bi, body := range bodies {
		for li, l := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
			if cmd, ok := strings.CutPrefix(l, "$ "); ok {
				out = append(out, readmeExample{line: lines[bi] + li, command: cmd})
			} else if len(out) > 0 {
				out[len(out)-1].want += l + "\n"
			}
		}
	}
	return out
}

// TestREADMEConsoleExamples runs every `$ tweetlen …` example of the README
// with a freshly built binary and compares its output with the README's.
func TestREADMEConsoleExamples(t *testing.T) {
	examples := consoleExamples(t)
	if len(examples) == 0 {
		t.Fatal("README.md has no console examples")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "tweetlen"), "./cmd/tweetlen")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, ex := range examples {
		t.Run(ex.command, func(t *testing.T) {
			cmd := exec.Command("bash", "-o", "pipefail", "-c", ex.command)
			cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "NO_COLOR=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if stdout.String() != ex.want {
				t.Errorf("README.md:%d: %s\ngot:\n%s\nwant:\n%s\nstderr: %s (err %v)", ex.line, ex.command, stdout.String(), ex.want, stderr.String(), err)
			}
		})
	}
}

// TestREADMEQuickStart runs the README's first command (check a draft) and
// checks that its test command is the one .ci/run runs.
func TestREADMEQuickStart(t *testing.T) {
	bodies, _ := readmeBlocks(t, "sh")
	if len(bodies) < 2 {
		t.Fatal("README.md must open with two sh blocks: check a draft, run the tests")
	}
	check, test := strings.TrimSpace(bodies[0]), strings.TrimSpace(bodies[1])
	cmd := exec.Command("bash", "-o", "pipefail", "-c", check)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("README.md's first command %q failed: %v\n%s", check, err, out)
	}
	if !regexp.MustCompile(`\b8/140\b`).Match(out) {
		t.Errorf("%q printed %q, want the length 8/140", check, out)
	}
	ci, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(test) + `$`).Match(ci) {
		t.Errorf(".ci/run does not run the README's test command %q on a line of its own", test)
	}
}

// TestREADMELibrarySnippet checks that each of the README's Go snippets is
// taken from the runnable examples of one package (every line of it is in
// that package's example_test.go), so that go test runs it and the Go
// documentation shows it.
func TestREADMELibrarySnippet(t *testing.T) {
	bodies, lines := readmeBlocks(t, "go")
	files, err := filepath.Glob(filepath.Join("pkg", "*", "example_test.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no pkg/*/example_test.go (%v)", err)
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	examples := make([]string, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		examples[i] = norm(string(b))
	}
	for bi, body := range bodies {
		// The file that holds the most lines of the snippet must hold all.
		var best []string
		bestFile := ""
		for i, ex := range examples {
			var missing []string
			for _, l := range strings.Split(body, "\n") {
				if l = strings.TrimSpace(l); l != "" && !strings.Contains(ex, norm(l)) {
					missing = append(missing, l)
				}
			}
			if bestFile == "" || len(missing) < len(best) {
				best, bestFile = missing, filepath.ToSlash(files[i])
			}
		}
		for _, l := range best {
			t.Errorf("README.md:%d: Go line %q is not in %s (each Go snippet must come from one pkg/*/example_test.go)", lines[bi], l, bestFile)
		}
	}
}

// TestREADMEWatch runs the README's `tweetlen watch` command on a draft of
// its own: the first report appears, a save redraws it, and an interrupt
// ends the watch with exit status 0.
func TestREADMEWatch(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the test interrupts the watch with SIGINT")
	}
	var command string
	bodies, _ := readmeBlocks(t, "sh")
	for _, b := range bodies {
		if l := strings.TrimSpace(b); strings.HasPrefix(l, "tweetlen watch ") && !strings.Contains(l, "\n") {
			command = l
		}
	}
	if command == "" {
		t.Fatal("README.md has no sh block of one `tweetlen watch …` line")
	}
	args := strings.Fields(command)
	dir := t.TempDir()
	draft := filepath.Join(dir, args[len(args)-1])
	if err := os.WriteFile(draft, []byte("A first draft.\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "tweetlen")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/tweetlen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor := func(want string) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if strings.Contains(out.String(), want) {
				return
			}
		}
		t.Fatalf("%s: no %q in its output:\n%s", command, want, out.String())
	}
	waitFor("14/300 · 286 left · fits (bluesky)")
	if err := os.WriteFile(draft, []byte("A second, longer draft.\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	waitFor("23/300 · 277 left · fits (bluesky)")
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("%s ended with %v after an interrupt, want exit status 0\n%s", command, err, out.String())
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
