// Package media finds out what an attached file is: its kind (image, GIF,
// video) and format, detected from its content rather than its name, and its
// size in bytes.
package media

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
	// Format is the detected format: "jpeg", "png", "gif", "webp", "mp4",
	// "mov", …; "" when unknown.
	Format string
	// Size is the file's size in bytes; -1 when unknown (a URL).
	Size int64
	// Remote reports that the attachment is a URL, not a local file: its
	// kind comes from its name and it is not read.
	Remote bool
}
