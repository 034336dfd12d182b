package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// watchDebounce is how long watch waits after a change for more changes
// before it redraws (an editor's save is several events).
const watchDebounce = 100 * time.Millisecond

// watchReady, when not nil, is called by `tweetlen watch` once it watches
// and has drawn the file the first time (a hook for tests).
var watchReady func()

func newWatchCmd(ios *streams) *cobra.Command {
	opts := &checkOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "watch [flags] FILE",
		Short: "Recount a draft each time it is saved",
		Long: `Watch a draft while you write it: tweetlen shows its count and verdict, and
where it overflows, as tweetlen check does, and again each time the file is
saved (editors that save by writing a new file and renaming it are seen
too). On a terminal the screen is redrawn; otherwise each change prints a
new report after a blank line. If the file is deleted, watch says so and
waits for it to come back. Ctrl-C (or SIGTERM) ends it.

Exit status: 0 when stopped; 2 on a usage error.`,
		Example: `  tweetlen watch draft.md
  tweetlen watch --profile bluesky draft.txt`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.profileSet = cmd.Flags().Changed("profile")
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runWatch(ctx, opts, args[0], watchReady)
		},
	}
	addCheckFlags(cmd, opts)
	hideFlags(cmd, "format", "include", "exclude")
	return cmd
}

// runWatch draws the check of file, then again after each change to it,
// until ctx is done. ready, when not nil, is called once the directory is
// watched and the first report is written.
func runWatch(ctx context.Context, opts *checkOptions, file string, ready func()) error {
	if file == "-" {
		return usageErrorf("watch needs a file, not standard input")
	}
	if opts.Format != "text" {
		return usageErrorf("watch writes text only, not %q", opts.Format)
	}
	// Resolve once, to fail now on a bad flag or config file.
	probe := *opts
	if _, err := resolveRun(&probe); err != nil {
		return err
	}
	color, err := useColor(opts.Color, opts.IO.Out)
	if err != nil {
		return err
	}
	f, isFile := opts.IO.Out.(*os.File)
	screen := isFile && term.IsTerminal(int(f.Fd()))

	dir := filepath.Dir(file)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("cannot watch %s: %w", file, err)
	}
	defer w.Close()
	if err := w.Add(dir); err != nil {
		return fmt.Errorf("cannot watch %s: %s: %w", file, dir, pathErr(err))
	}
	wt := &watcher{opts: opts, file: file, color: color, screen: screen}
	wt.draw()
	if ready != nil {
		ready()
	}
	base := filepath.Base(file)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if filepath.Base(ev.Name) != base || ev.Op == fsnotify.Chmod {
				continue
			}
			timer.Reset(watchDebounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(opts.IO.ErrOut, "tweetlen: watching %s: %v\n", dir, err)
		case <-timer.C:
			wt.draw()
		}
	}
}

// watcher draws the reports of watch.
type watcher struct {
	opts   *checkOptions
	file   string
	color  bool
	screen bool // redraw the screen (a terminal) rather than append

	last    string // the last report drawn
	drawn   int    // reports drawn
	existed bool   // the file existed at the last draw
}

// draw checks the file and writes the report, unless it is the one already
// shown.
func (w *watcher) draw() {
	var buf bytes.Buffer
	_, err := os.Stat(w.file)
	switch {
	case errors.Is(err, fs.ErrNotExist) && w.existed:
		fmt.Fprintf(&buf, "%s was deleted; waiting for it to come back (Ctrl-C to quit)\n", w.file)
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(&buf, "%s does not exist yet; waiting for it (Ctrl-C to quit)\n", w.file)
	default:
		o := *w.opts
		o.IO = &streams{In: strings.NewReader(""), Out: &buf, ErrOut: &buf}
		o.Files = []string{w.file}
		o.Color = map[bool]string{true: "always", false: "never"}[w.color]
		if err := runCheck(&o); err != nil && !errors.Is(err, errInvalidPost) && !errors.Is(err, errInputReported) {
			fmt.Fprintf(&buf, "tweetlen: %v\n", err)
		}
	}
	w.existed = err == nil
	report := buf.String()
	if report == w.last {
		return
	}
	w.last = report
	out := w.opts.IO.Out
	switch {
	case w.screen:
		fmt.Fprintf(out, "\x1b[H\x1b[2J%s — %s\n\n%s", w.file, time.Now().Format("15:04:05"), report)
	case w.drawn > 0:
		fmt.Fprintf(out, "\n%s", report)
	default:
		fmt.Fprint(out, report)
	}
	w.drawn++
}
