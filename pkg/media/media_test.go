package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// Tiny synthetic files. Only what the sniffer looks at has to be right.

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func be32(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }
func le32(n uint32) []byte { return binary.LittleEndian.AppendUint32(nil, n) }

// gifFile builds a 1×1 GIF89a with frames frames, each with a graphic
// control extension; loop adds a NETSCAPE2.0 looping extension; frameData
// pads each frame's image data with that many extra bytes of sub-blocks.
func gifFile(frames int, loop bool, frameData int) []byte {
	b := []byte("GIF89a")
	b = append(b, 1, 0, 1, 0, 0x80, 0, 0) // 1×1, global color table of 2
	b = append(b, 0, 0, 0, 255, 255, 255)
	if loop {
		b = append(b, 0x21, 0xFF, 11)
		b = append(b, "NETSCAPE2.0"...)
		b = append(b, 3, 1, 0, 0, 0)
	}
	for range frames {
		b = append(b, 0x21, 0xF9, 4, 0, 10, 0, 0, 0)      // graphic control
		b = append(b, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0x00) // descriptor
		b = append(b, 2)                                  // LZW minimum code size
		for n := frameData; n > 0; n -= 255 {
			k := min(n, 255)
			b = append(b, byte(k))
			b = append(b, bytes.Repeat([]byte{0x55}, k)...)
		}
		b = append(b, 2, 0x4C, 0x01, 0) // the pixel, end of data
	}
	return append(b, 0x3B)
}

func pngChunk(typ string, data []byte) []byte {
	c := cat([]byte(typ), data)
	return cat(be32(uint32(len(data))), c, be32(crc32.ChecksumIEEE(c)))
}

func pngFile(apng bool) []byte {
	b := cat(pngSig, pngChunk("IHDR", []byte{0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0}))
	if apng {
		b = cat(b, pngChunk("acTL", []byte{0, 0, 0, 2, 0, 0, 0, 0}))
	}
	return cat(b, pngChunk("IDAT", []byte{0x78, 0x9C, 0x62, 0, 0, 0, 2, 0, 1}), pngChunk("IEND", nil))
}

func jpegFile() []byte {
	return cat([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16}, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"), []byte{0xFF, 0xD9})
}

func webpFile(animated bool) []byte {
	var body []byte
	if animated {
		body = cat([]byte("VP8X"), le32(10), []byte{0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0},
			[]byte("ANIM"), le32(6), make([]byte, 6))
	} else {
		body = cat([]byte("VP8 "), le32(10), make([]byte, 10))
	}
	return cat([]byte("RIFF"), le32(uint32(4+len(body))), []byte("WEBP"), body)
}

func ftyp(major string, compat ...string) []byte {
	b := cat([]byte(major), be32(0))
	for _, c := range compat {
		b = append(b, c...)
	}
	box := cat(be32(uint32(8+len(b))), []byte("ftyp"), b)
	return cat(box, be32(8), []byte("mdat"))
}

func ebml(docType string) []byte {
	body := cat([]byte{0x42, 0x86, 0x81, 1, 0x42, 0x82, byte(0x80 | len(docType))}, []byte(docType))
	return cat([]byte{0x1A, 0x45, 0xDF, 0xA3, byte(0x80 | len(body))}, body)
}

func bmpFile() []byte {
	return cat([]byte("BM"), le32(58), make([]byte, 4), le32(54), le32(40), make([]byte, 36), make([]byte, 4))
}

var sniffTests = []struct {
	name   string
	data   []byte
	format string
	kind   Kind
	// full is the kind Inspect finds, reading past the head, when it
	// differs from kind.
	full     Kind
	animated bool // as Inspect finds
}{
	{"jpeg", jpegFile(), "jpeg", Image, "", false},
	{"png", pngFile(false), "png", Image, "", false},
	{"apng", pngFile(true), "png", Image, "", true},
	{"gif 1 frame", gifFile(1, false, 0), "gif", Image, "", false},
	{"gif 1 frame looping", gifFile(1, true, 0), "gif", Image, "", false},
	{"gif 2 frames", gifFile(2, false, 0), "gif", GIF, "", true},
	{"gif 2 frames looping", gifFile(2, true, 0), "gif", GIF, "", true},
	{"gif87a", append([]byte("GIF87a"), gifFile(1, false, 0)[6:]...), "gif", Image, "", false},
	// The first frame does not fit in the head: Sniff alone cannot count.
	{"gif big 1st frame", gifFile(2, false, 2000), "gif", Image, GIF, true},
	{"gif big 1st frame looping", gifFile(2, true, 2000), "gif", GIF, "", true},
	{"gif big 1 frame looping", gifFile(1, true, 2000), "gif", GIF, Image, false},
	{"gif truncated looping", gifFile(1, true, 2000)[:1000], "gif", GIF, "", true},
	{"gif header only", []byte("GIF89a"), "gif", Image, "", false},
	{"webp", webpFile(false), "webp", Image, "", false},
	{"webp animated", webpFile(true), "webp", Image, "", true},
	{"mp4 isom", ftyp("isom", "isom", "iso2", "avc1", "mp41"), "mp4", Video, "", false},
	{"mp4 mp42", ftyp("mp42", "mp42", "isom"), "mp4", Video, "", false},
	{"m4v", ftyp("M4V ", "M4V ", "M4A ", "mp42", "isom"), "mp4", Video, "", false},
	{"mov", ftyp("qt  ", "qt  "), "mov", Video, "", false},
	{"mov old", cat(be32(8), []byte("wide"), be32(8), []byte("mdat")), "mov", Video, "", false},
	{"mov moov", cat(be32(100), []byte("moov")), "mov", Video, "", false},
	{"3gp", ftyp("3gp4", "isom", "3gp4"), "3gp", Video, "", false},
	{"avif", ftyp("avif", "avif", "mif1", "miaf"), "avif", Image, "", false},
	{"avif mif1", ftyp("mif1", "mif1", "avif", "miaf"), "avif", Image, "", false},
	{"avif sequence", ftyp("avis", "avis", "msf1", "miaf"), "avif", Image, "", true},
	{"heic", ftyp("heic", "mif1", "heic"), "heic", Image, "", false},
	{"heif mif1", ftyp("mif1", "mif1"), "heic", Image, "", false},
	{"m4a audio", ftyp("M4A ", "M4A ", "mp42", "isom"), "", Unknown, "", false},
	{"ftyp unknown brand", ftyp("zzzz", "zzzz"), "", Unknown, "", false},
	{"ftyp unknown major, mp4 compatible", ftyp("zzzz", "isom"), "mp4", Video, "", false},
	{"ftyp too small", cat(be32(4), []byte("ftypisom")), "", Unknown, "", false},
	{"webm", ebml("webm"), "webm", Video, "", false},
	{"mkv", ebml("matroska"), "mkv", Video, "", false},
	{"ebml no doctype", []byte{0x1A, 0x45, 0xDF, 0xA3}, "webm", Video, "", false},
	{"bmp", bmpFile(), "bmp", Image, "", false},
	{"bm text", []byte("BM is not a bitmap, just text"), "", Unknown, "", false},
	{"tiff le", []byte("II*\x00\x08\x00\x00\x00"), "tiff", Image, "", false},
	{"tiff be", []byte("MM\x00*\x00\x00\x00\x08"), "tiff", Image, "", false},
	{"empty", nil, "", Unknown, "", false},
	{"text", []byte("just some text, named cat.jpg"), "", Unknown, "", false},
	{"pdf", []byte("%PDF-1.7\n"), "", Unknown, "", false},
	{"wav", cat([]byte("RIFF"), le32(4), []byte("WAVE")), "", Unknown, "", false},
	{"jpeg short", []byte{0xFF, 0xD8}, "", Unknown, "", false},
}

func TestSniff(t *testing.T) {
	for _, tt := range sniffTests {
		t.Run(tt.name, func(t *testing.T) {
			head := tt.data[:min(len(tt.data), HeadSize)]
			format, kind := Sniff(head)
			if format != tt.format || kind != tt.kind {
				t.Errorf("Sniff = %q, %q; want %q, %q", format, kind, tt.format, tt.kind)
			}
			// The whole file decides a GIF's kind as reading it does.
			want := tt.kind
			if tt.full != "" {
				want = tt.full
			}
			if format, kind := Sniff(tt.data); format != tt.format || kind != want {
				t.Errorf("Sniff(whole file) = %q, %q; want %q, %q", format, kind, tt.format, want)
			}
		})
	}
}

func TestSniffReader(t *testing.T) {
	for _, tt := range sniffTests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.kind
			if tt.full != "" {
				want = tt.full
			}
			format, kind, err := SniffReader(bytes.NewReader(tt.data))
			if err != nil || format != tt.format || kind != want {
				t.Errorf("SniffReader = %q, %q, %v; want %q, %q", format, kind, err, tt.format, want)
			}
		})
	}
}

func TestInspect(t *testing.T) {
	fsys := fstest.MapFS{"dir/sub": {Mode: fs.ModeDir}, "fifo": {Mode: fs.ModeNamedPipe}}
	for _, tt := range sniffTests {
		fsys["dir/"+tt.name] = &fstest.MapFile{Data: tt.data}
	}
	for _, tt := range sniffTests {
		t.Run(tt.name, func(t *testing.T) {
			want := Info{Kind: tt.kind, Format: tt.format, Size: int64(len(tt.data)), Animated: tt.animated}
			if tt.full != "" {
				want.Kind = tt.full
			}
			got, err := Inspect(fsys, "dir/"+tt.name)
			if err != nil || got != want {
				t.Errorf("Inspect = %#v, %v; want %#v", got, err, want)
			}
		})
	}

	t.Run("not exist", func(t *testing.T) {
		info, err := Inspect(fsys, "dir/nope.jpg")
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v, want fs.ErrNotExist", err)
		}
		if info.Size != -1 || info.Kind != Unknown {
			t.Errorf("info = %+v", info)
		}
	})
	for _, name := range []string{"dir/sub", "fifo", "../up.jpg"} {
		t.Run(name, func(t *testing.T) {
			_, err := Inspect(fsys, name)
			var pe *fs.PathError
			if !errors.As(err, &pe) || errors.Is(err, fs.ErrNotExist) && name != "../up.jpg" {
				t.Errorf("err = %v, want a *fs.PathError", err)
			}
		})
	}
	t.Run("url", func(t *testing.T) {
		got, err := Inspect(fsys, "https://example.com/a/cat.PNG")
		want := Info{Kind: Image, Format: "png", Size: -1, Remote: true}
		if err != nil || got != want {
			t.Errorf("Inspect = %#v, %v; want %#v", got, err, want)
		}
	})
	t.Run("read error", func(t *testing.T) {
		_, err := Inspect(errFS{}, "bad.gif")
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Op != "read" || !errors.Is(err, errBroken) {
			t.Errorf("err = %v, want a read *fs.PathError wrapping errBroken", err)
		}
	})
}

var errBroken = errors.New("broken disk")

// errFS holds one file whose reads fail after its GIF signature.
type errFS struct{}

func (errFS) Open(name string) (fs.File, error) {
	f, err := fstest.MapFS{name: {Data: []byte("GIF89a")}}.Open(name)
	return errFile{f}, err
}

type errFile struct{ fs.File }

func (f errFile) Read(p []byte) (int, error) {
	n := copy(p, "GIF89a")
	return n, errBroken
}

// countReader counts what is read from it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestSniffReaderBounded(t *testing.T) {
	big := bytes.Repeat([]byte{0x55}, 4<<20)
	t.Run("not a gif: the head only", func(t *testing.T) {
		for _, data := range [][]byte{cat(jpegFile(), big), cat(ftyp("isom"), big), big} {
			c := &countReader{r: bytes.NewReader(data)}
			if _, _, err := SniffReader(c); err != nil {
				t.Fatal(err)
			}
			if c.n != HeadSize {
				t.Errorf("read %d bytes, want %d", c.n, HeadSize)
			}
		}
	})
	t.Run("gif: up to the second frame", func(t *testing.T) {
		c := &countReader{r: bytes.NewReader(cat(gifFile(2, false, 100_000), big))}
		_, kind, err := SniffReader(c)
		if err != nil || kind != GIF {
			t.Fatalf("kind %q, err %v", kind, err)
		}
		if c.n > 100_000+64<<10 {
			t.Errorf("read %d bytes", c.n)
		}
	})
	t.Run("gif: at most the limit", func(t *testing.T) {
		data := gifFile(2, false, 100_000)
		for _, limit := range []int64{10, HeadSize, 50_000} {
			c := &countReader{r: bytes.NewReader(data)}
			s, err := sniffReader(c, limit)
			if err != nil || s.kind != Image || s.format != "gif" {
				t.Errorf("limit %d: %+v, %v; want a still gif (undecided, no loop)", limit, s, err)
			}
			if c.n > limit {
				t.Errorf("limit %d: read %d bytes", limit, c.n)
			}
		}
	})
}

func TestFromName(t *testing.T) {
	tests := []struct {
		name string
		want Info
	}{
		{"cat.jpg", Info{Kind: Image, Format: "jpeg", Size: -1}},
		{"photos/Cat.JPEG", Info{Kind: Image, Format: "jpeg", Size: -1}},
		{`photos\cat.png`, Info{Kind: Image, Format: "png", Size: -1}},
		{"dance.gif", Info{Kind: GIF, Format: "gif", Size: -1}},
		{"clip.mp4", Info{Kind: Video, Format: "mp4", Size: -1}},
		{"clip.MOV", Info{Kind: Video, Format: "mov", Size: -1}},
		{"clip.webm", Info{Kind: Video, Format: "webm", Size: -1}},
		{"notes.txt", Info{Size: -1}},
		{"noext", Info{Size: -1}},
		{"http://example.com/a/b.webp", Info{Kind: Image, Format: "webp", Size: -1, Remote: true}},
		{"HTTPS://example.com/clip.mp4?x=1#t=3", Info{Kind: Video, Format: "mp4", Size: -1, Remote: true}},
		{"https://pbs.twimg.com/media/FooBar?format=jpg&name=large", Info{Kind: Image, Format: "jpeg", Size: -1, Remote: true}},
		{"https://example.com/page", Info{Size: -1, Remote: true}},
		{"https://example.com/dir.png/", Info{Size: -1, Remote: true}},
		{"https://%zz/bad.png", Info{Size: -1, Remote: true}},
		{"ftp://example.com/cat.jpg", Info{Kind: Image, Format: "jpeg", Size: -1}},
	}
	for _, tt := range tests {
		if got := FromName(tt.name); got != tt.want {
			t.Errorf("FromName(%q) = %#v, want %#v", tt.name, got, tt.want)
		}
	}
}

func TestInfoString(t *testing.T) {
	tests := []struct {
		info Info
		want string
	}{
		{Info{Kind: Image, Format: "jpeg"}, "a JPEG image"},
		{Info{Kind: Image, Format: "avif"}, "an AVIF image"},
		{Info{Kind: Image, Format: "webp", Animated: true}, "an animated WEBP image"},
		{Info{Kind: Image, Format: "gif"}, "a still GIF image"},
		{Info{Kind: GIF, Format: "gif"}, "an animated GIF"},
		{Info{Kind: Video, Format: "mp4"}, "an MP4 video"},
		{Info{Kind: Video, Format: "mov"}, "a MOV video"},
		{Info{Kind: Video, Format: "webm"}, "a WEBM video"},
		{Info{}, "a file of unknown type"},
		{Info{Kind: Image}, "an image"},
		{Info{Kind: Video}, "a video"},
		{Info{Kind: Image, Format: "heic", Animated: true}, "an animated HEIC image"},
	}
	for _, tt := range tests {
		if got := tt.info.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.info, got, tt.want)
		}
	}
}

func FuzzSniff(f *testing.F) {
	for _, tt := range sniffTests {
		f.Add(tt.data)
	}
	f.Add(gifFile(3, true, 300))
	f.Fuzz(func(t *testing.T, data []byte) {
		if format, kind := Sniff(data); (format == "") != (kind == Unknown) {
			t.Fatalf("Sniff = %q, %q", format, kind)
		}
		format, kind := Sniff(data[:min(len(data), HeadSize)])
		const limit = 4 << 10
		c := &countReader{r: bytes.NewReader(data)}
		s, err := sniffReader(c, limit)
		if err != nil {
			t.Fatal(err)
		}
		if c.n > limit {
			t.Fatalf("read %d bytes, limit %d", c.n, limit)
		}
		// The head decides the format; only a GIF's kind may need more.
		if s.format != format || s.format != "gif" && s.kind != kind {
			t.Fatalf("sniffReader %q, %q; Sniff(head) %q, %q", s.format, s.kind, format, kind)
		}
		info, err := Inspect(fstest.MapFS{"f": {Data: data}}, "f")
		if err != nil || info.Size != int64(len(data)) || info.Format != format {
			t.Fatalf("Inspect = %+v, %v", info, err)
		}
		if !strings.Contains(info.String(), " ") {
			t.Fatalf("String() = %q", info.String())
		}
	})
}
