package emoji

import (
	"strings"
	"testing"

	benchcorpus "github.com/tweetlen/tweetlen/internal/corpus"
)

var benchInputs = []struct {
	name string
	text string
}{
	{"ascii", strings.Repeat("Just setting up my twttr. Meet me at 5:30 on the 2nd floor, room #12 (bring 3 copies)! ", 48)},
	{"emoji", strings.Repeat("ok 👍🏽 wow 👨‍👩‍👧‍👦🇯🇵 1️⃣ ❤️ ☺︎ 🧑‍🔧 🏳️‍🌈 done 😂😂😂 ", 48)},
	{"cjk", strings.Repeat("今日はとても良い天気ですね。明日も晴れるといいな。한국어 텍스트도 조금 있습니다。", 48)},
	{"mixed", strings.Repeat("Tokyo 東京 🗼 — “quotes” … café ☕ #tag 2024年 👍 ", 48)},
}

// BenchmarkNext lists every unit of each input with Next, as tweet.Parse
// does.
func BenchmarkNext(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			s := in.text
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			n := 0
			for b.Loop() {
				for from := 0; ; {
					_, end, ok := Next(s, from)
					if !ok {
						break
					}
					n++
					from = end
				}
			}
			b.ReportMetric(float64(n)/float64(b.N), "units/op")
		})
	}
}

// BenchmarkNextCorpus lists every unit of each text of the emoji class of
// the benchmark corpus tweet.Parse is measured on; ns/text is per text.
func BenchmarkNextCorpus(b *testing.B) {
	for _, class := range []benchcorpus.Class{benchcorpus.Emoji, benchcorpus.CJK} {
		b.Run(string(class), func(b *testing.B) {
			ts := benchcorpus.ClassTexts(1, class, 2000)
			var bytes int64
			for _, t := range ts {
				bytes += int64(len(t.Text))
			}
			b.ReportAllocs()
			b.SetBytes(bytes)
			for b.Loop() {
				for _, t := range ts {
					scanCount(t.Text)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ts)), "ns/text")
		})
	}
}
