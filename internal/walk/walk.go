// Package walk expands the paths given on the command line into the list of
// post files to check.
//
// An argument naming a file is always checked, whatever its extension, and
// "-" (standard input) passes through. An argument naming a directory is
// walked recursively, picking the files whose extension is a known post-file
// extension, skipping hidden entries and VCS and dependency folders, and
// applying the Include and Exclude patterns. Symbolic links to directories are
// followed; a link back to one of its own ancestors is reported and skipped.
// A file reached twice is checked once.
package walk

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// DefaultExts are the extensions of the files a directory walk picks when
// Options.Exts is nil.
var DefaultExts = []string{".tweet", ".txt", ".md", ".markdown", ".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".csv"}

// skipDirs are the folders never entered unless named as an argument.
var skipDirs = []string{".git", ".hg", ".svn", "node_modules"}

// Options control a directory walk. They do not apply to the files named as
// arguments.
//
// Patterns use the doublestar syntax (**, *, ?, [a-z], {a,b}) with '/' as the
// separator. A pattern matches an entry found by walking when it matches any
// of:
//   - its path relative to the walked argument ("drafts/a.md" under "posts"),
//   - its path as given, cleaned ("posts/drafts/a.md"),
//   - its base name ("a.md"), for a pattern without a '/'.
//
// An Exclude pattern such as "drafts/**" skips the directory itself and
// everything under it.
type Options struct {
	// Include, when not empty, restricts the files found by walking to those
	// matching one of the patterns (in addition to having a known
	// extension).
	Include []string
	// Exclude skips the files and directories matching one of the patterns.
	Exclude []string
	// Exts are the known post-file extensions, with their dot, compared
	// without regard to case; nil means DefaultExts.
	Exts []string
}

// Walk calls fn for each post file that args name, in a deterministic order:
// the arguments in the order given, and within a directory its entries in
// lexical order. Paths are passed to fn as the user would type them: an
// argument as given, a file found by walking joined to its argument with
// filepath.Join.
//
// Problems (a missing argument, an unreadable directory, a directory loop, a
// broken symbolic link) are passed to errFn with the path concerned, and the
// walk goes on. Their messages do not repeat the path, except a loop's, which
// reads "directory loop: LINK points back to ANCESTOR; skipped". If errFn is
// nil, the first problem stops the walk and Walk returns it, prefixed with
// the path.
//
// If fn returns an error the walk stops and Walk returns that error, except
// fs.SkipAll, which stops the walk and makes Walk return nil. Walk returns an
// error before walking if a pattern in opts is malformed.
func Walk(args []string, opts Options, fn func(path string) error, errFn func(path string, err error)) error {
	for _, list := range [][]string{opts.Include, opts.Exclude} {
		for _, p := range list {
			if !doublestar.ValidatePattern(p) {
				return fmt.Errorf("invalid pattern %q", p)
			}
		}
	}
	w := &walker{
		opts:     opts,
		fn:       fn,
		errFn:    errFn,
		seen:     make(map[fileKey]bool),
		seenDirs: make(map[fileKey]bool),
	}
	if w.opts.Exts == nil {
		w.opts.Exts = DefaultExts
	}
	err := w.args(args)
	if errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

type walker struct {
	opts     Options
	fn       func(string) error
	errFn    func(string, error)
	seen     map[fileKey]bool // files passed to fn
	seenDirs map[fileKey]bool // directories walked
	stdin    bool             // "-" passed to fn
}

// errStop carries a problem out of the walk when there is no errFn.
type errStop struct{ err error }

func (e *errStop) Error() string { return e.err.Error() }

func (w *walker) problem(p string, err error) error {
	if w.errFn == nil {
		return &errStop{fmt.Errorf("%s: %w", p, err)}
	}
	w.errFn(p, err)
	return nil
}

func (w *walker) args(args []string) error {
	for _, arg := range args {
		if arg == "-" {
			if w.stdin {
				continue
			}
			w.stdin = true
			if err := w.fn(arg); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			if err := w.problem(arg, statError(arg, err)); err != nil {
				return unwrapStop(err)
			}
			continue
		}
		if info.IsDir() {
			err = w.dir(arg, "", nil, info)
		} else {
			err = w.file(arg, info)
		}
		if err != nil {
			return unwrapStop(err)
		}
	}
	return nil
}

func unwrapStop(err error) error {
	var s *errStop
	if errors.As(err, &s) {
		return s.err
	}
	return err
}

// statError turns a failed stat of p into a message that does not repeat p.
func statError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if fi, lerr := os.Lstat(p); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("broken symbolic link: %w", err)
		}
		return err // "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot read: %w", err)
	}
	return err
}

// file passes a file to fn unless it was already passed.
func (w *walker) file(p string, info fs.FileInfo) error {
	key := keyOf(p, info)
	if w.seen[key] {
		return nil
	}
	w.seen[key] = true
	return w.fn(p)
}

// dir walks the directory p, reached as rel (slash-separated, "" for the
// argument itself) under its argument; ancestors are the directories above
// it in this walk and ancestorPaths their paths.
func (w *walker) dir(p, rel string, ancestors []ancestor, info fs.FileInfo) error {
	for _, a := range ancestors {
		if os.SameFile(a.info, info) {
			return w.problem(p, fmt.Errorf("directory loop: %s points back to %s; skipped", p, a.path))
		}
	}
	key := keyOf(p, info)
	if w.seenDirs[key] {
		return nil // already walked, under another argument or link
	}
	w.seenDirs[key] = true

	entries, err := os.ReadDir(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if err := w.problem(p, fmt.Errorf("cannot read directory: %w", err)); err != nil {
			return err
		}
		// Go on with the entries read before the error, if any.
	}
	ancestors = append(ancestors, ancestor{p, info})
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || slices.Contains(skipDirs, name) {
			continue
		}
		cp := filepath.Join(p, name)
		crel := path.Join(rel, name)
		if w.matchAny(w.opts.Exclude, cp, crel) {
			continue
		}
		ci, err := e.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue // removed while walking
			}
			if err := w.problem(cp, err); err != nil {
				return err
			}
			continue
		}
		if ci.Mode()&fs.ModeSymlink != 0 {
			target, err := os.Stat(cp)
			if err != nil {
				// Report a dangling link only where a file would have been
				// picked.
				if w.wanted(cp, crel) {
					if err := w.problem(cp, statError(cp, err)); err != nil {
						return err
					}
				}
				continue
			}
			ci = target
		}
		if ci.IsDir() {
			if err := w.dir(cp, crel, ancestors, ci); err != nil {
				return err
			}
			continue
		}
		if !w.wanted(cp, crel) {
			continue
		}
		if err := w.file(cp, ci); err != nil {
			return err
		}
	}
	return nil
}

type ancestor struct {
	path string
	info fs.FileInfo
}

// wanted reports whether a file found by walking is a post file: it has a
// known extension and matches Include, if set.
func (w *walker) wanted(p, rel string) bool {
	ext := filepath.Ext(p)
	if !slices.ContainsFunc(w.opts.Exts, func(e string) bool { return strings.EqualFold(e, ext) }) {
		return false
	}
	return len(w.opts.Include) == 0 || w.matchAny(w.opts.Include, p, rel)
}

func (w *walker) matchAny(patterns []string, p, rel string) bool {
	if len(patterns) == 0 {
		return false
	}
	return MatchAny(patterns, rel, filepath.ToSlash(filepath.Clean(p)))
}

// MatchAny reports whether one of the doublestar patterns matches one of the
// slash-separated names, or, for a pattern without a '/', the base name of one
// of them. The patterns must be valid (doublestar.ValidatePattern); a "./"
// before a pattern or a name is ignored.
func MatchAny(patterns []string, names ...string) bool {
	for _, pat := range patterns {
		pat = strings.TrimPrefix(pat, "./")
		base := !strings.Contains(pat, "/")
		for _, name := range names {
			name = strings.TrimPrefix(name, "./")
			if name == "" {
				continue
			}
			if doublestar.MatchUnvalidated(pat, name) || base && doublestar.MatchUnvalidated(pat, path.Base(name)) {
				return true
			}
		}
	}
	return false
}
