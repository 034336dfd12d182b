//go:build !unix

package walk

import (
	"io/fs"
	"path/filepath"
)

// fileKey identifies a file whatever the path it is reached by: here its
// absolute path with symbolic links resolved.
type fileKey struct {
	path string
}

func keyOf(p string, _ fs.FileInfo) fileKey {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return fileKey{path: p}
}
