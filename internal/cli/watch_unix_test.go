//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWatchSignal runs `tweetlen watch` as the command line does and stops
// it with SIGTERM, as a terminal's Ctrl-C or a service manager would: it
// ends cleanly, with exit status 0.
func TestWatchSignal(t *testing.T) {
	file := filepath.Join(t.TempDir(), "draft.md")
	writeFile(t, file, "---\nprofile: x\n---\nHello\n")
	ready := make(chan struct{})
	watchReady = func() { close(ready) }
	defer func() { watchReady = nil }()

	out := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- Main([]string{"watch", "--no-config", file}, strings.NewReader(""), out, out) }()
	select {
	case <-ready:
	case code := <-done:
		t.Fatalf("watch ended with %d before it was ready:\n%s", code, out.String())
	case <-time.After(watchTimeout):
		t.Fatal("watch was not ready")
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit status %d, want 0", code)
		}
	case <-time.After(watchTimeout):
		t.Fatal("watch did not stop on SIGTERM")
	}
	if got, want := out.String(), "5/280 · 275 left · fits (x)\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
}
