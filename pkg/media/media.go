// Package media finds out what an attached file is: its kind (image, GIF,
// video) and format, detected from its content rather than its name, and its
// size in bytes.
//
// Detection is hand-written from the formats' signatures (see [Sniff]): it
// is small, exact, and has to walk a GIF's blocks anyway to tell an
// animated GIF from a still one, which no MIME sniffer does.
package media

import (
	"errors"
	"io"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"time"
)

// Kind is what a platform's media rules distinguish.
type Kind string

const (
	Unknown Kind = ""
	Image   Kind = "image" // a still image (an animated GIF is GIF)
	GIF     Kind = "gif"   // an animated GIF
	Video   Kind = "video"
)

// Info is what is known about one attachment.
type Info struct {
	Kind Kind
	// Format is the detected format: "jpeg", "png", "gif", "webp", "avif",
	// "heic", "bmp", "tiff"; "mp4", "mov", "webm", "mkv", "3gp"; "" when
	// unknown.
	Format string
	// Size is the file's size in bytes; -1 when unknown (a URL, or a file
	// that was not read).
	Size int64
	// Remote reports that the attachment is a URL, not a local file: its
	// kind comes from its name and it is not read.
	Remote bool
	// Animated reports an animated image that is still of Kind Image: an
	// animated WEBP, an APNG, an AVIF sequence. (An animated GIF is of Kind
	// GIF instead.) It is only ever set from a file's content.
	Animated bool
	// Duration is how long a video is, read from its container's header
	// (see [Duration]); 0 when unknown.
	Duration time.Duration
}

// IsURL reports whether name is an http or https URL rather than a path.
func IsURL(name string) bool {
	scheme, _, ok := strings.Cut(name, "://")
	return ok && (strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https"))
}

// byExt maps a lower-case file extension to what it names.
var byExt = map[string]struct {
	format string
	kind   Kind
}{
	".jpg": {"jpeg", Image}, ".jpeg": {"jpeg", Image}, ".jpe": {"jpeg", Image}, ".jfif": {"jpeg", Image},
	".png": {"png", Image}, ".apng": {"png", Image},
	// A .gif is taken for an animated GIF: that is what GIFs are attached
	// for, and the name cannot tell.
	".gif":  {"gif", GIF},
	".webp": {"webp", Image},
	".avif": {"avif", Image},
	".heic": {"heic", Image}, ".heif": {"heic", Image},
	".bmp": {"bmp", Image},
	".tif": {"tiff", Image}, ".tiff": {"tiff", Image},
	".mp4": {"mp4", Video}, ".m4v": {"mp4", Video},
	".mov": {"mov", Video}, ".qt": {"mov", Video},
	".webm": {"webm", Video},
	".mkv":  {"mkv", Video},
	".3gp":  {"3gp", Video}, ".3g2": {"3gp", Video},
}

// FromName guesses what an attachment is from its name alone, without
// reading anything: the extension of a path, or of a URL's path (or a URL's
// "format" query parameter, as in pbs.twimg.com/media/ID?format=jpg). Size is
// -1; Remote is set for http and https URLs. An unknown extension gives Kind
// Unknown and Format "".
func FromName(name string) Info {
	info := Info{Size: -1}
	p := name
	if IsURL(name) {
		info.Remote = true
		u, err := url.Parse(name)
		if err != nil {
			return info
		}
		p = u.Path
		if path.Ext(p) == "" {
			if f := u.Query().Get("format"); f != "" {
				p = "x." + f
			}
		}
	}
	if e, ok := byExt[strings.ToLower(path.Ext(strings.ReplaceAll(p, `\`, "/")))]; ok {
		info.Format, info.Kind = e.format, e.kind
	}
	return info
}

// Inspect finds out what the file name in fsys is from its size and its
// first bytes: [HeadSize] bytes, for a GIF as far as its second frame (at
// most [MaxGIFScan] bytes), and for a video the headers that record its
// duration (when the file is an io.ReaderAt), never the whole of a large
// file. A URL is
// not read: Inspect returns [FromName] for it.
//
// A file that cannot be opened gives the error of fsys.Open, so
// errors.Is(err, fs.ErrNotExist) tells a missing file; other errors are
// *fs.PathError too. A file whose content is not recognised is no error:
// its Info has Kind Unknown and its Size.
func Inspect(fsys fs.FS, name string) (Info, error) {
	if IsURL(name) {
		return FromName(name), nil
	}
	f, err := fsys.Open(name)
	if err != nil {
		return Info{Size: -1}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Info{Size: -1}, err
	}
	switch {
	case st.IsDir():
		return Info{Size: -1}, &fs.PathError{Op: "inspect", Path: name, Err: errIsDir}
	case !st.Mode().IsRegular():
		// A pipe or a device could block or never end.
		return Info{Size: -1}, &fs.PathError{Op: "inspect", Path: name, Err: errNotRegular}
	}
	s, err := sniffReader(f, MaxGIFScan)
	if err != nil {
		return Info{Size: st.Size()}, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	info := Info{Kind: s.kind, Format: s.format, Size: st.Size(), Animated: s.animated}
	if ra, ok := f.(io.ReaderAt); ok && s.kind == Video {
		info.Duration, _ = Duration(ra, s.format, st.Size())
	}
	return info, nil
}

var (
	errIsDir      = errors.New("is a directory")
	errNotRegular = errors.New("is not a regular file")
)

// SniffReader reads what [Sniff] needs from r, and for a GIF reads on to its
// second frame to tell whether it is animated, reading at most [MaxGIFScan]
// bytes in all. It returns r's errors other than io.EOF.
func SniffReader(r io.Reader) (format string, kind Kind, err error) {
	s, err := sniffReader(r, MaxGIFScan)
	return s.format, s.kind, err
}

// String describes info for messages: "a PNG image", "an animated GIF",
// "an MP4 video", "a still GIF image", "a file of unknown type".
func (info Info) String() string {
	s := strings.TrimSpace(strings.ToUpper(info.Format) + " " + string(info.Kind))
	switch info.Kind {
	case Image:
		if info.Format == "gif" {
			s = "still GIF image"
		} else if info.Animated {
			s = "animated " + s
		}
	case GIF:
		s = "animated GIF"
	case Video:
	default:
		return "a file of unknown type"
	}
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	for _, an := range []string{"AVIF", "MP4", "MKV"} {
		if strings.HasPrefix(s, an) {
			return "an " + s
		}
	}
	return "a " + s
}
