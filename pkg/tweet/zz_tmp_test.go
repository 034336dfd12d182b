package tweet

import (
	"strings"
	"testing"
)

var zzCases = []struct{ name, s string }{
	{"empty", ""},
	{"hello", "hello"},
	{"nodot210", strings.Repeat("abcdefghi ", 21)},
	{"dots210", strings.Repeat("Hello world. This is it. ", 8) + "abcdefghij"},
	{"arabic", strings.Repeat("مرحبا بالعالم ", 10)},
	{"harakat", strings.Repeat("مَرْحَبًا ", 14)},
	{"cjk", strings.Repeat("日本語のテキストです。", 7)},
}

func BenchmarkZZ(b *testing.B) {
	for _, c := range zzCases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				Parse(c.s, V1)
			}
		})
	}
}
