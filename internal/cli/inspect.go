package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tweetlen/tweetlen/pkg/lint"
	"github.com/tweetlen/tweetlen/pkg/media"
	"github.com/tweetlen/tweetlen/pkg/post"
)

// fileInspector finds attachments on disk. A relative path is looked up
// next to the post's file (the working directory for stdin), then, as
// twitter-together keeps them, in a media/ folder there or in any folder
// above it.
type fileInspector struct{}

func (fileInspector) Inspect(p *post.Post, m *post.Media) (media.Info, error) {
	if isURL(m.File) {
		return media.FromName(m.File), nil
	}
	for _, c := range mediaCandidates(p.Source.File, m.File) {
		info, err := media.Inspect(os.DirFS(filepath.Dir(c)), filepath.Base(c))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		return info, err
	}
	dirs := mediaDirs(p.Source.File, m.File)
	if len(dirs) == 1 {
		return media.Info{}, &lint.MediaNotFoundError{Looked: dirs[0]}
	}
	return media.Info{}, &lint.MediaNotFoundError{Looked: dirs[0] + string(filepath.Separator) + " and the media" + string(filepath.Separator) + " folders from there up"}
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// mediaDirs are the folders a relative attachment is looked for in.
func mediaDirs(postFile, file string) []string {
	if filepath.IsAbs(file) {
		return []string{filepath.Dir(file)}
	}
	dir := "."
	if postFile != "stdin" && postFile != "" {
		dir = filepath.Dir(postFile)
	}
	dirs := []string{dir, filepath.Join(dir, "media")}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dirs
	}
	rel := dir
	for {
		parent := filepath.Dir(abs)
		if parent == abs {
			return dirs
		}
		abs = parent
		rel = filepath.Join(rel, "..")
		dirs = append(dirs, filepath.Join(rel, "media"))
	}
}

func mediaCandidates(postFile, file string) []string {
	if filepath.IsAbs(file) {
		return []string{file}
	}
	dirs := mediaDirs(postFile, file)
	c := make([]string, len(dirs))
	for i, d := range dirs {
		c[i] = filepath.Join(d, filepath.FromSlash(file))
	}
	return c
}
