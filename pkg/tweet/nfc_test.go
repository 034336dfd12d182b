package tweet

import (
	"strings"
	"testing"
)

// nfcBenchTexts are ~210-byte texts for BenchmarkClassify, all in NFC except
// "decomposed".
var nfcBenchTexts = []struct{ name, text string }{
	{"ascii", strings.Repeat("The quick brown fox jumps over the lazy dog. ", 5)[:210]},
	{"latin", "Ça, c'est déjà l'été à Zürich: naïve façade, crème brûlée, São Paulo, Đà Nẵng, Kraków, Ærøskøbing; über-große Straße!"},
	{"cjk", "東京都は日本の首都であり、人口は約千四百万人です。今日は天気が良いので公園を散歩しました。桜の花が満開です。"},
	{"hindi", "नमस्ते दुनिया! फ़िल्म ज़िंदगी ऩ ऱ ऴ क़ ख़ ग़ की कहानी है, और यह बहुत अच्छी है।"},
	{"decomposed", "Ca\u0327, c'est de\u0301ja\u0300 l'e\u0301te\u0301 a\u0300 Zu\u0308rich: nai\u0308ve fac\u0327ade, cre\u0300me bru\u0302le\u0301e, Sa\u0303o Paulo, Kraków!"},
}

func BenchmarkClassify(b *testing.B) {
	for _, bt := range nfcBenchTexts {
		b.Run(bt.name, func(b *testing.B) {
			s := bt.text
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			n := 0
			for b.Loop() {
				if classify(s) == textNFC || isNFC(s) {
					n++
				}
			}
			_ = n
		})
	}
}

func BenchmarkToNFC(b *testing.B) {
	for _, bt := range nfcBenchTexts {
		b.Run(bt.name, func(b *testing.B) {
			s := bt.text
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = toNFC(s)
			}
		})
	}
}

func BenchmarkParseNFC(b *testing.B) {
	for _, bt := range nfcBenchTexts {
		b.Run(bt.name, func(b *testing.B) {
			s := bt.text
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = Parse(s, V3)
			}
		})
	}
}
