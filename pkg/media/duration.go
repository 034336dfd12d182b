package media

import (
	"encoding/binary"
	"io"
	"math"
	"time"
)

// maxBoxes bounds how many boxes or elements a duration search visits, so
// that a crafted file cannot keep it busy.
const maxBoxes = 4096

// Duration reads how long the video in r is, from its container's header:
// an ISO BMFF file's movie header (mvhd: mp4, mov, 3gp), or a Matroska or
// WebM file's segment information (Duration × TimestampScale). size is r's
// length in bytes. It reads only headers, seeking past media data, so the
// moov box may be at the end of a large file. ok is false when the format is
// not a video container or the duration is not recorded.
func Duration(r io.ReaderAt, format string, size int64) (d time.Duration, ok bool) {
	switch format {
	case "mp4", "mov", "3gp":
		return isoDuration(r, size)
	case "webm", "mkv":
		return ebmlDuration(r, size)
	}
	return 0, false
}

// isoDuration finds moov/mvhd in an ISO BMFF file.
func isoDuration(r io.ReaderAt, size int64) (time.Duration, bool) {
	moov, moovEnd, ok := findBox(r, 0, size, "moov")
	if !ok {
		return 0, false
	}
	mvhd, mvhdEnd, ok := findBox(r, moov, moovEnd, "mvhd")
	if !ok {
		return 0, false
	}
	var b [32]byte
	n, _ := r.ReadAt(b[:min(int64(len(b)), mvhdEnd-mvhd)], mvhd)
	var scale uint32
	var units uint64
	switch {
	case n >= 20 && b[0] == 0: // version 0: 32-bit times
		scale = binary.BigEndian.Uint32(b[12:])
		units = uint64(binary.BigEndian.Uint32(b[16:]))
		if units == math.MaxUint32 {
			return 0, false // "unknown"
		}
	case n >= 32 && b[0] == 1: // version 1: 64-bit times
		scale = binary.BigEndian.Uint32(b[20:])
		units = binary.BigEndian.Uint64(b[24:])
		if units == math.MaxUint64 {
			return 0, false
		}
	default:
		return 0, false
	}
	if scale == 0 {
		return 0, false
	}
	return seconds(float64(units) / float64(scale))
}

// findBox returns the body of the first box of type typ among the boxes
// from start to end, as [body, bodyEnd).
func findBox(r io.ReaderAt, start, end int64, typ string) (body, bodyEnd int64, ok bool) {
	var h [16]byte
	for off, i := start, 0; off+8 <= end && i < maxBoxes; i++ {
		if n, _ := r.ReadAt(h[:8], off); n < 8 {
			return 0, 0, false
		}
		size, head := int64(binary.BigEndian.Uint32(h[:])), int64(8)
		switch size {
		case 0: // to the end
			size = end - off
		case 1: // a 64-bit size follows the type
			if n, _ := r.ReadAt(h[8:16], off+8); n < 8 {
				return 0, 0, false
			}
			big := binary.BigEndian.Uint64(h[8:])
			if big > math.MaxInt64 {
				return 0, 0, false
			}
			size, head = int64(big), 16
		}
		if size < head || size > end-off {
			return 0, 0, false
		}
		if string(h[4:8]) == typ {
			return off + head, off + size, true
		}
		off += size
	}
	return 0, 0, false
}

// EBML element IDs (with their length markers) of Matroska and WebM.
const (
	idSegment        = 0x18538067
	idInfo           = 0x1549A966
	idTimestampScale = 0x2AD7B1
	idDuration       = 0x4489
	idCluster        = 0x1F43B675
	idEBML           = 0x1A45DFA3
)

// ebmlDuration reads Segment/Info/Duration and TimestampScale.
func ebmlDuration(r io.ReaderAt, size int64) (time.Duration, bool) {
	// The EBML header, then the Segment.
	off := int64(0)
	var seg, segEnd int64
	for i := 0; i < 2; i++ {
		id, body, n, ok := ebmlElement(r, off, size)
		if !ok {
			return 0, false
		}
		if id == idSegment {
			seg, segEnd = body, size
			if n >= 0 { // not "unknown size", which live recordings write
				segEnd = min(size, body+n)
			}
			break
		}
		if id != idEBML || n < 0 {
			return 0, false
		}
		off = body + n
	}
	if seg == 0 {
		return 0, false
	}
	// The Info element comes before the first Cluster.
	for off, i := seg, 0; off < segEnd && i < maxBoxes; i++ {
		id, body, n, ok := ebmlElement(r, off, segEnd)
		if !ok || id == idCluster || n < 0 {
			return 0, false
		}
		if id == idInfo {
			return ebmlInfoDuration(r, body, min(segEnd, body+n))
		}
		off = body + n
	}
	return 0, false
}

// ebmlInfoDuration reads the Duration of an Info element's body.
func ebmlInfoDuration(r io.ReaderAt, start, end int64) (time.Duration, bool) {
	scale := uint64(1_000_000) // nanoseconds per timestamp unit, the default
	var units float64
	found := false
	for off, i := start, 0; off < end && i < maxBoxes; i++ {
		id, body, n, ok := ebmlElement(r, off, end)
		if !ok || n < 0 {
			break
		}
		off = body + n
		if n > 8 || id != idTimestampScale && id != idDuration {
			continue
		}
		var b [8]byte
		if k, _ := r.ReadAt(b[:n], body); int64(k) < n {
			break
		}
		if id == idTimestampScale {
			scale = 0
			for _, c := range b[:n] {
				scale = scale<<8 | uint64(c)
			}
			continue
		}
		switch n {
		case 4:
			units, found = float64(math.Float32frombits(binary.BigEndian.Uint32(b[:4]))), true
		case 8:
			units, found = math.Float64frombits(binary.BigEndian.Uint64(b[:8])), true
		}
	}
	if !found || scale == 0 {
		return 0, false
	}
	return seconds(units * float64(scale) / 1e9)
}

// ebmlElement reads the element header at off: its ID (with its length
// marker), where its body starts, and its body's length in bytes (-1 when
// unknown).
func ebmlElement(r io.ReaderAt, off, end int64) (id uint64, body, n int64, ok bool) {
	if off < 0 || off >= end {
		return 0, 0, 0, false
	}
	var b [12]byte
	k, _ := r.ReadAt(b[:min(int64(len(b)), end-off)], off)
	buf := b[:max(k, 0)]
	id, idLen := vint(buf, false)
	if idLen == 0 {
		return 0, 0, 0, false
	}
	size, sizeLen := vint(buf[idLen:], true)
	if sizeLen == 0 {
		return 0, 0, 0, false
	}
	n = int64(size)
	if size == 1<<(7*sizeLen)-1 { // all ones: unknown size
		n = -1
	} else if size > math.MaxInt64/2 {
		return 0, 0, 0, false
	}
	return id, off + int64(idLen+sizeLen), n, true
}

// vint decodes an EBML variable-length integer at the start of b, without
// its length marker when strip is true (sizes) and with it when false
// (element IDs are written so); length is 0 when b does not start with one.
func vint(b []byte, strip bool) (v uint64, length int) {
	if len(b) == 0 || b[0] == 0 {
		return 0, 0
	}
	length = 1
	for mask := byte(0x80); b[0]&mask == 0; mask >>= 1 {
		length++
	}
	if length > 8 || length > len(b) {
		return 0, 0
	}
	v = uint64(b[0])
	if strip {
		v &= uint64(0xFF >> length)
	}
	for _, c := range b[1:length] {
		v = v<<8 | uint64(c)
	}
	return v, length
}

// seconds converts s to a Duration, refusing what is not a sane length.
func seconds(s float64) (time.Duration, bool) {
	if math.IsNaN(s) || s <= 0 || s > 1e7 { // over 115 days: not a real clip
		return 0, false
	}
	d := time.Duration(s * float64(time.Second))
	return d, d > 0
}
