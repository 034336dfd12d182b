//go:build unix

package walk

import (
	"io/fs"
	"path/filepath"
	"syscall"
)

// fileKey identifies a file whatever the path it is reached by.
type fileKey struct {
	dev, ino uint64
	path     string // when the device and inode are not known
}

func keyOf(p string, info fs.FileInfo) fileKey {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return fileKey{dev: uint64(st.Dev), ino: uint64(st.Ino)}
	}
	return pathKey(p)
}

func pathKey(p string) fileKey {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return fileKey{path: p}
}
