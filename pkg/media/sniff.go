package media

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"slices"
)

// HeadSize is how many of a file's first bytes [Sniff] looks at. Fewer are
// fine for a shorter file.
const HeadSize = 512

// MaxGIFScan is the most [Inspect] and [SniffReader] read of a GIF to find
// its second frame; past it, the GIF is judged as in [Sniff]'s fallback. The
// first frame of a GIF small enough for X (15 MB) ends well before it.
const MaxGIFScan = 16 << 20

// Sniff tells a file's format and kind from its first bytes: pass at least
// [HeadSize] of them when the file has that many. It looks at all it is
// given (a longer GIF may show its frames), and reads nothing else:
//
//   - JPEG, PNG, WEBP, AVIF, HEIC (HEIF), BMP and TIFF are Image. An APNG,
//     an animated WEBP and an AVIF or HEIF sequence stay Image (X takes
//     them as images, under the image limits; none is a GIF), with
//     Info.Animated set by [Inspect].
//   - A GIF is Kind GIF when it is animated: when it has at least two
//     frames (image descriptors). A GIF with one frame is a still image:
//     Kind Image, format "gif". When the bytes end before the second frame
//     or the trailer, a GIF is taken for animated if it has a looping
//     extension (NETSCAPE2.0 or ANIMEXTS1.0) and for still otherwise. A
//     GIF's frames rarely fit in HeadSize bytes: [Inspect] and
//     [SniffReader] read on to decide by counting.
//   - An ISO BMFF file (its first box "ftyp") is "mov" for the QuickTime
//     brand, "mp4" for the MP4 brands (isom, iso2…, mp41, mp42, avc1, M4V
//     …), "3gp" for 3GPP, "avif" or "heic" (Image) for the image brands; an
//     audio-only brand (M4A…) is unknown. An old QuickTime file starting
//     with a moov, mdat, wide or pnot atom is "mov".
//   - An EBML file is "mkv" when its DocType is matroska and "webm"
//     otherwise; both are Video.
//
// Anything else is ("", Unknown).
func Sniff(head []byte) (format string, kind Kind) {
	s := sniffHead(head)
	if s.format == "gif" {
		g, _ := walkGIF(bufio.NewReaderSize(bytes.NewReader(head), 16))
		s.kind, s.animated = g.kind()
	}
	return s.format, s.kind
}

type sniffed struct {
	format   string
	kind     Kind
	animated bool
}

// sniffReader reads a head from r and sniffs it; for a GIF it reads on,
// reading at most limit bytes in all.
func sniffReader(r io.Reader, limit int64) (sniffed, error) {
	head := make([]byte, min(HeadSize, limit))
	n, err := io.ReadFull(r, head)
	head = head[:n]
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return sniffed{}, err
	}
	s := sniffHead(head)
	if s.format != "gif" {
		return s, nil
	}
	rest := io.Reader(bytes.NewReader(head))
	if err == nil { // the file may go on
		rest = io.MultiReader(rest, io.LimitReader(r, limit-int64(n)))
	}
	g, err := walkGIF(bufio.NewReaderSize(rest, 32<<10))
	if err != nil {
		return sniffed{}, err
	}
	s.kind, s.animated = g.kind()
	return s, nil
}

// sniffHead is Sniff without the frame count of a GIF: a GIF is Image.
func sniffHead(b []byte) sniffed {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return sniffed{format: "jpeg", kind: Image}
	case bytes.HasPrefix(b, pngSig):
		return sniffed{format: "png", kind: Image, animated: isAPNG(b)}
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return sniffed{format: "gif", kind: Image}
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		// An animated WEBP has an extended header (VP8X) with the
		// animation flag.
		anim := len(b) >= 21 && string(b[12:16]) == "VP8X" && b[20]&0x02 != 0
		return sniffed{format: "webp", kind: Image, animated: anim}
	case len(b) >= 8 && string(b[4:8]) == "ftyp":
		return sniffFtyp(b)
	case len(b) >= 8 && slices.Contains([]string{"moov", "mdat", "wide", "pnot"}, string(b[4:8])) &&
		binary.BigEndian.Uint32(b) >= 8:
		return sniffed{format: "mov", kind: Video}
	case bytes.HasPrefix(b, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return sniffed{format: ebmlFormat(b), kind: Video}
	case len(b) >= 18 && string(b[:2]) == "BM" &&
		slices.Contains([]uint32{12, 16, 40, 52, 56, 64, 108, 124}, binary.LittleEndian.Uint32(b[14:])):
		return sniffed{format: "bmp", kind: Image}
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")),
		bytes.HasPrefix(b, []byte("II+\x00")), bytes.HasPrefix(b, []byte("MM\x00+")):
		return sniffed{format: "tiff", kind: Image}
	}
	return sniffed{}
}

var pngSig = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}

// isAPNG reports whether the PNG in b has an animation control chunk
// (acTL) before its first image data (IDAT), looking only within b.
func isAPNG(b []byte) bool {
	for off := len(pngSig); off+8 <= len(b); {
		n := int64(binary.BigEndian.Uint32(b[off:]))
		switch string(b[off+4 : off+8]) {
		case "acTL":
			return true
		case "IDAT":
			return false
		}
		next := int64(off) + 12 + n // length, type, data, CRC
		if next > int64(len(b)) {
			return false
		}
		off = int(next)
	}
	return false
}

// ISO BMFF brands.
var (
	mp4Brands = []string{
		"isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
		"mp41", "mp42", "mp71", "avc1", "dash", "M4V ", "M4VH", "M4VP",
		"f4v ", "MSNV", "NDAS", "NDSC", "NDSH", "NDSM", "NDSP", "NDSS", "NDXC",
		"NDXH", "NDXM", "NDXP", "NDXS", "mmp4", "XAVC",
	}
	threeGPBrands = []string{"3gp4", "3gp5", "3gp6", "3gp7", "3gs7", "3ge6", "3ge7", "3gg6", "3g2a", "3g2b", "3g2c"}
	avifBrands    = []string{"avif", "avis"}
	heicBrands    = []string{"heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1"}
	// Brands of files that are not images or videos, though they may list
	// video brands as compatible.
	otherBrands = []string{"M4A ", "M4B ", "M4P ", "F4A ", "F4B ", "crx ", "jp2 ", "jpx ", "jpm ", "mjp2"}
	// Brands of image sequences (animated).
	sequenceBrands = []string{"avis", "hevc", "hevx", "hevs", "heis", "msf1"}
)

// sniffFtyp classifies an ISO BMFF file by the brands of its ftyp box: the
// major brand, then the compatible ones in order.
func sniffFtyp(b []byte) sniffed {
	size := int64(binary.BigEndian.Uint32(b))
	if size < 12 || len(b) < 12 {
		return sniffed{}
	}
	end := int(min(size, int64(len(b))))
	major := string(b[8:12])
	if slices.Contains(otherBrands, major) {
		return sniffed{}
	}
	if s, ok := byBrand(major); ok && major != "mif1" && major != "msf1" {
		return s
	}
	// An unknown or generic major brand (the HEIF mif1, msf1): a specific
	// compatible brand decides, so that an AVIF whose major brand is mif1
	// is an AVIF.
	for off := 16; off+4 <= end; off += 4 {
		brand := string(b[off : off+4])
		if brand == "mif1" || brand == "msf1" {
			continue
		}
		if s, ok := byBrand(brand); ok && s.format != "mp4" {
			if s.format == "heic" && slices.Contains(sequenceBrands, major) {
				s.animated = true
			}
			return s
		}
	}
	if s, ok := byBrand(major); ok {
		return s
	}
	for off := 16; off+4 <= end; off += 4 {
		if s, ok := byBrand(string(b[off : off+4])); ok {
			return s
		}
	}
	return sniffed{}
}

func byBrand(brand string) (sniffed, bool) {
	switch {
	case brand == "qt  ":
		return sniffed{format: "mov", kind: Video}, true
	case slices.Contains(avifBrands, brand):
		return sniffed{format: "avif", kind: Image, animated: brand == "avis"}, true
	case slices.Contains(heicBrands, brand):
		return sniffed{format: "heic", kind: Image, animated: slices.Contains(sequenceBrands, brand)}, true
	case slices.Contains(threeGPBrands, brand):
		return sniffed{format: "3gp", kind: Video}, true
	case slices.Contains(mp4Brands, brand):
		return sniffed{format: "mp4", kind: Video}, true
	}
	return sniffed{}, false
}

// ebmlFormat reads the DocType of the EBML header at the start of b:
// "mkv" for matroska, "webm" otherwise.
func ebmlFormat(b []byte) string {
	b = b[:min(len(b), 64)]
	if i := bytes.Index(b, []byte{0x42, 0x82}); i >= 0 && i+3 <= len(b) {
		n := int(b[i+2] &^ 0x80) // a one-byte size, 1xxxxxxx
		if b[i+2]&0x80 != 0 && i+3+n <= len(b) && string(b[i+3:i+3+n]) == "matroska" {
			return "mkv"
		}
	}
	return "webm"
}

// gifScan is what walking a GIF's blocks found.
type gifScan struct {
	frames   int  // image descriptors seen, counting stops at 2
	loop     bool // a NETSCAPE2.0 or ANIMEXTS1.0 application extension
	complete bool // the trailer was reached
}

// kind applies Sniff's rule for GIFs.
func (g gifScan) kind() (Kind, bool) {
	if g.frames >= 2 || (!g.complete && g.loop) {
		return GIF, true
	}
	return Image, false
}

// walkGIF reads a GIF's blocks from br up to its second frame, its trailer,
// the end of the input or the first byte that starts no GIF block. It
// returns only read errors other than the input's end.
func walkGIF(br *bufio.Reader) (g gifScan, err error) {
	defer func() {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			err = nil
		}
	}()
	var hdr [13]byte // signature, logical screen descriptor
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return g, err
	}
	if err := skipColorTable(br, hdr[10]); err != nil {
		return g, err
	}
	for {
		b, err := br.ReadByte()
		if err != nil {
			return g, err
		}
		switch b {
		case 0x21: // extension: label, then sub-blocks
			label, err := br.ReadByte()
			if err != nil {
				return g, err
			}
			if label == 0xFF { // application extension
				n, err := br.ReadByte()
				if err != nil {
					return g, err
				}
				id := make([]byte, n)
				if _, err := io.ReadFull(br, id); err != nil {
					return g, err
				}
				if s := string(id); s == "NETSCAPE2.0" || s == "ANIMEXTS1.0" {
					g.loop = true
				}
			}
			if err := skipSubBlocks(br); err != nil {
				return g, err
			}
		case 0x2C: // image descriptor
			g.frames++
			if g.frames >= 2 {
				return g, nil
			}
			var d [10]byte // position, size, packed fields, LZW code size
			if _, err := io.ReadFull(br, d[:9]); err != nil {
				return g, err
			}
			if err := skipColorTable(br, d[8]); err != nil {
				return g, err
			}
			if _, err := br.ReadByte(); err != nil {
				return g, err
			}
			if err := skipSubBlocks(br); err != nil {
				return g, err
			}
		case 0x3B: // trailer
			g.complete = true
			return g, nil
		default:
			return g, nil
		}
	}
}

// skipColorTable skips the color table that packed (a logical screen or
// image descriptor's packed fields) says follows.
func skipColorTable(br *bufio.Reader, packed byte) error {
	if packed&0x80 == 0 {
		return nil
	}
	_, err := br.Discard(3 << (packed&7 + 1))
	return err
}

// skipSubBlocks skips data sub-blocks up to and including the empty one
// that ends them.
func skipSubBlocks(br *bufio.Reader) error {
	for {
		n, err := br.ReadByte()
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if _, err := br.Discard(int(n)); err != nil {
			return err
		}
	}
}
