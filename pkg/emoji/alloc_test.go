package emoji

import "testing"

// TestNextAllocs: Next must not allocate (tweet.Parse calls it in its hot
// loop).
func TestNextAllocs(t *testing.T) {
	inputs := []string{
		"カタカナのテキスト「明日は雨らしい」今日はいい天気ですね、カタカナのテキスト？よろしくお願いします？ｶﾀｶﾅ！ｶﾀｶﾅありがとうございます～",
		"ok 👍🏽 wow 👨‍👩‍👧‍👦🇯🇵 1️⃣ ❤️ ☺︎ 🧑‍🔧 🏳️‍🌈 #12 2024",
		"\xff\xfe\xf0\x9f\x91",
	}
	for _, s := range inputs {
		if n := testing.AllocsPerRun(100, func() { scanCount(s) }); n != 0 {
			t.Errorf("scanning %+q allocates %v times", s, n)
		}
	}
}

func scanCount(s string) int {
	n := 0
	for from := 0; ; n++ {
		_, end, ok := Next(s, from)
		if !ok {
			return n
		}
		from = end
	}
}
