package media

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tweetlen/tweetlen/internal/mediatest"
)

func TestDuration(t *testing.T) {
	box := mediatest.Box
	ftyp := box("ftyp", []byte("isom\x00\x00\x02\x00isom"))
	mvhd1 := make([]byte, 32) // version 1: 64-bit times
	mvhd1[0] = 1
	binary.BigEndian.PutUint32(mvhd1[20:], 90000)
	binary.BigEndian.PutUint64(mvhd1[24:], 90000*75)
	// An mdat with a 64-bit size (size field 1) before the moov.
	large := binary.BigEndian.AppendUint32(nil, 1)
	large = append(large, "mdat"...)
	large = binary.BigEndian.AppendUint64(large, 16+4)
	large = append(large, 1, 2, 3, 4)

	tests := []struct {
		name   string
		data   []byte
		format string
		want   time.Duration
		ok     bool
	}{
		{"mp4, moov at the end", mediatest.MP4(4096, 150), "mp4", 150 * time.Second, true},
		{"mp4, fraction", mediatest.MP4(0, 0.3), "mp4", 300 * time.Millisecond, true},
		{"mov, moov first, version 1", bytes.Join([][]byte{ftyp, box("moov", box("trak"), box("mvhd", mvhd1))}, nil), "mov", 75 * time.Second, true},
		{"64-bit box size", bytes.Join([][]byte{ftyp, large, box("moov", box("mvhd", mediatest.Mvhd(600, 600*12)))}, nil), "mp4", 12 * time.Second, true},
		{"no moov", mediatest.MP4(1000, 0), "mp4", 0, false},
		{"moov without mvhd", bytes.Join([][]byte{ftyp, box("moov", box("trak"))}, nil), "mp4", 0, false},
		{"unknown duration", bytes.Join([][]byte{ftyp, box("moov", box("mvhd", mediatest.Mvhd(1000, math.MaxUint32)))}, nil), "mp4", 0, false},
		{"zero timescale", bytes.Join([][]byte{ftyp, box("moov", box("mvhd", mediatest.Mvhd(0, 5)))}, nil), "mp4", 0, false},
		{"truncated moov", mediatest.MP4(100, 10)[:110], "mp4", 0, false},
		{"box size past the end", append(ftyp, 0xFF, 0xFF, 0xFF, 0xFF, 'm', 'o', 'o', 'v'), "mp4", 0, false},
		{"webm", mediatest.WebM(42.5), "webm", 42500 * time.Millisecond, true},
		{"webm truncated", mediatest.WebM(42.5)[:40], "webm", 0, false},
		{"not a video", []byte("\x89PNG\r\n\x1a\n"), "png", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Duration(bytes.NewReader(tt.data), tt.format, int64(len(tt.data)))
			if got != tt.want || ok != tt.ok {
				t.Errorf("Duration = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestInspectReadsDuration(t *testing.T) {
	fsys := fstest.MapFS{
		"clip.mp4":  {Data: mediatest.MP4(1<<20, 141.25)},
		"clip.webm": {Data: mediatest.WebM(9)},
		"bare.mp4":  {Data: mediatest.MP4(2048, 0)},
	}
	for name, want := range map[string]time.Duration{"clip.mp4": 141250 * time.Millisecond, "clip.webm": 9 * time.Second, "bare.mp4": 0} {
		info, err := Inspect(fsys, name)
		if err != nil || info.Kind != Video || info.Duration != want {
			t.Errorf("Inspect(%s) = %+v, %v; want a video of %v", name, info, err, want)
		}
	}
}

func FuzzDuration(f *testing.F) {
	f.Add(mediatest.MP4(64, 3), "mp4")
	f.Add(mediatest.WebM(3), "webm")
	f.Fuzz(func(t *testing.T, data []byte, format string) {
		d, ok := Duration(bytes.NewReader(data), format, int64(len(data)))
		if ok != (d > 0) {
			t.Fatalf("Duration = %v, %v", d, ok)
		}
	})
}
