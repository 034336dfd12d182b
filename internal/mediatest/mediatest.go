// Package mediatest builds small media files for tests: valid enough in
// their headers for tweetlen's detection (pkg/media) to read their kind,
// format and duration, and padded to any size.
package mediatest

import (
	"bytes"
	"encoding/binary"
	"math"
)

// Box returns an ISO BMFF box of type typ (4 bytes) around body, with a
// 32-bit size.
func Box(typ string, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	out := binary.BigEndian.AppendUint32(nil, uint32(8+len(b)))
	return append(append(out, typ...), b...)
}

// Mvhd returns a version-0 movie header body recording a duration of units
// at timescale units per second.
func Mvhd(timescale, units uint32) []byte {
	b := make([]byte, 20, 100)
	binary.BigEndian.PutUint32(b[12:], timescale)
	binary.BigEndian.PutUint32(b[16:], units)
	return append(b, make([]byte, 80)...) // rate, volume, matrix…: zeros
}

// MP4 returns an MP4 file of at least size bytes: an ftyp box, an mdat box
// padding it, and the moov box at the end (as cameras write it) recording
// seconds of duration at millisecond resolution; seconds 0 leaves the moov
// box out.
func MP4(size int, seconds float64) []byte {
	ftyp := Box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2"))
	var moov []byte
	if seconds > 0 {
		moov = Box("moov", Box("mvhd", Mvhd(1000, uint32(math.Round(seconds*1000)))))
	}
	pad := max(0, size-len(ftyp)-len(moov)-8)
	return bytes.Join([][]byte{ftyp, Box("mdat", make([]byte, pad)), moov}, nil)
}

// WebM returns a WebM file: its EBML header and a Segment of unknown size
// whose Info records seconds of duration (a float64 at the default
// timestamp scale of 1 ms).
func WebM(seconds float64) []byte {
	header := ebml(0x1A45DFA3, ebml(0x4282, []byte("webm")))
	dur := binary.BigEndian.AppendUint64(nil, math.Float64bits(seconds*1000))
	info := ebml(0x1549A966, ebml(0x2AD7B1, []byte{0x0F, 0x42, 0x40}), ebml(0x4489, dur))
	segment := append([]byte{0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, info...)
	return append(header, segment...)
}

// ebml returns the element id (written with its length marker) around
// body, with an 8-byte size.
func ebml(id uint32, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	var out []byte
	for shift := 24; shift >= 0; shift -= 8 {
		if c := byte(id >> shift); c != 0 || len(out) > 0 {
			out = append(out, c)
		}
	}
	out = append(out, 0x01) // an 8-byte size: the marker, then 7 bytes
	out = append(out, be56(uint64(len(b)))...)
	return append(out, b...)
}

// be56 is n in the 7 bytes that follow an 8-byte EBML size's marker.
func be56(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[1:]
}
