package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer that watch writes to while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// watchTimeout bounds each wait for watch: generous, since a loaded machine
// may deliver file events late; a wait ends as soon as the output is there.
const watchTimeout = 20 * time.Second

// waitFor polls out until it holds want, and fails after watchTimeout.
func waitFor(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(watchTimeout)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("watch did not write %q in %v; it wrote:\n%s", want, watchTimeout, out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}

// TestWatch runs watch in-process on a temporary file, changes the file in
// the ways editors do, and reads each redrawn report.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "draft.txt")
	writeFile(t, file, "hello\n")
	writeFile(t, filepath.Join(dir, "other.txt"), "x")

	out := &syncBuffer{}
	opts := &checkOptions{
		IO:      &streams{In: strings.NewReader(""), Out: out, ErrOut: out},
		Profile: "twitter", Input: "auto", Format: "text", Color: "auto", Emoji: "reference", NoConfig: true,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- runWatch(ctx, opts, file, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("watch ended before it was ready: %v", err)
	case <-time.After(watchTimeout):
		t.Fatal("watch was not ready")
	}
	// The first report is there when ready is called.
	if got, want := out.String(), "5/140 · 135 left · fits (twitter)\n"; got != want {
		t.Fatalf("first report %q, want %q", got, want)
	}

	// A write in place.
	writeFile(t, file, "hello, world\n")
	waitFor(t, out, "5/140 · 135 left · fits (twitter)\n\n12/140 · 128 left · fits (twitter)\n")

	// Another file of the folder changes: no report.
	writeFile(t, filepath.Join(dir, "other.txt"), "y")

	// A save by rename, over the limit: the overflow is marked as check
	// marks it.
	tmp := filepath.Join(dir, ".draft.txt.swp")
	writeFile(t, tmp, strings.Repeat("a", 138)+" xyz\n")
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	over := "\n142/140 · over by 2 (twitter)\n  over the limit from line 1, column 141:\n  " + strings.Repeat("a", 138) + " x⟦yz⟧\n"
	waitFor(t, out, over)

	// Deleted, then back.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	waitFor(t, out, "\n"+file+" was deleted; waiting for it to come back (Ctrl-C to quit)\n")
	writeFile(t, file, "back\n")
	waitFor(t, out, "was deleted; waiting for it to come back (Ctrl-C to quit)\n\n4/140 · 136 left · fits (twitter)\n")

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("watch ended with %v", err)
		}
	case <-time.After(watchTimeout):
		t.Fatal("watch did not end when its context was cancelled")
	}
	// Every report once: the other file and the events of one save did not
	// add any.
	if n := strings.Count(out.String(), "(twitter)\n"); n != 4 {
		t.Errorf("%d reports, want 4:\n%s", n, out.String())
	}
}

// TestWatchErrors checks the usage errors of watch.
func TestWatchErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"watch"}, "tweetlen: accepts 1 arg(s), received 0\n"},
		{[]string{"watch", "-"}, "tweetlen: watch needs a file, not standard input\n"},
		{[]string{"watch", "--profile", "nope", filepath.Join(dir, "a.txt")}, "tweetlen: unknown profile \"nope\""},
		{[]string{"watch", filepath.Join(dir, "missing", "a.txt")}, "tweetlen: cannot watch " + filepath.Join(dir, "missing", "a.txt") + ": " + filepath.Join(dir, "missing") + ": no such file or directory\n"},
	} {
		code, _, stderr := run(t, "", tt.args...)
		if code != 2 || !strings.HasPrefix(stderr, tt.stderr) {
			t.Errorf("%q: exit %d, stderr %q; want 2, %q", tt.args, code, stderr, tt.stderr)
		}
	}
}
