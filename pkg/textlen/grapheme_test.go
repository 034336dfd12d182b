package textlen

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// TestGraphemeCountUniseg checks the ASCII fast path against uniseg on texts
// built to stress the borders of ASCII runs: a letter or control before a
// combining mark, CR LF split across 8-byte words, Prepend before ASCII.
func TestGraphemeCountUniseg(t *testing.T) {
	edge := []string{"a", "\r", "\n", "\r\n", "\x7f", "\x1f", " ", "\u0301", "\u200D", "\u0903", "\u0600", "😀", "🇯", "\u1100", "\u1161", "é", "\xff", "\xe2\x82"}
	texts := append([]string(nil), tricky...)
	for i := range 16 {
		for _, x := range edge {
			for _, y := range edge {
				texts = append(texts, strings.Repeat("b", i)+x+y, strings.Repeat("b", i)+x+"\r\n"+y, x+strings.Repeat("c", i)+y)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := append(append([]string(nil), corpusPieces...), edge...)
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(40) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(3) == 0 {
				p = strings.Repeat("a", rng.IntN(12))
			}
			b.WriteString(p)
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if got, want := GraphemeCount(s), uniseg.GraphemeClusterCount(s); got != want {
			t.Errorf("GraphemeCount(%+q) = %d, uniseg says %d", s, got, want)
		}
		// count with every rule agrees with a cluster-by-cluster sum.
		for _, r := range []Rule{Threads, {Unit: Graphemes, EmojiBytes: true}, {Unit: UTF16, EmojiBytes: true}, {Unit: Bytes, EmojiBytes: true}} {
			want := 0
			g := uniseg.NewGraphemes(s)
			for g.Next() {
				want += clusterUnits(g.Str(), r)
			}
			if got := count(s, r); got != want {
				t.Errorf("count(%+q, %+v) = %d, want %d", s, r, got, want)
			}
		}
	}
}

func TestGraphemeCountAllocs(t *testing.T) {
	s := benchTexts["mixed"]
	if n := testing.AllocsPerRun(100, func() { GraphemeCount(s) }); n != 0 {
		t.Errorf("GraphemeCount allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { Measure(s, Threads, 500) }); n != 0 {
		t.Errorf("Measure(Threads) allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { Measure(s, Bluesky, 10) }); n != 0 {
		t.Errorf("Measure(Bluesky, over) allocates %v times", n)
	}
}

// benchTexts are texts of about 210 bytes.
var benchTexts = map[string]string{
	"ascii": "Shipping v2.3 today: faster startup, a new config loader and fixes for the CRLF handling on Windows.\r\n" +
		"Thanks to everyone who tested the betas! Full notes at the usual place, see you at the meetup on Friday.",
	"mixed": "Café crème, naïve façade — 日本語のテキストも少し。Ünïcödé everywhere: e\u0301 and 🇯🇵 flags, " +
		"😀 smiles and 👍🏽 thumbs, then plain ASCII again for a while so the run is long enough.",
	"emoji": "😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘😗☺️😚😙🥲😋😛😜🤪😝🤑🤗🤭🫢🫣🤫🤔🫡🤐🤨😐😑😶🫥👨‍👩‍👧👍🏽🇯🇵❤️1️⃣",
}

func BenchmarkGraphemeCount(b *testing.B) {
	for _, name := range []string{"ascii", "mixed", "emoji"} {
		s := benchTexts[name]
		if GraphemeCount(s) != uniseg.GraphemeClusterCount(s) {
			b.Fatalf("%s: counts differ", name)
		}
		b.Run(name+"/textlen", func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			for b.Loop() {
				GraphemeCount(s)
			}
		})
		b.Run(name+"/uniseg", func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			for b.Loop() {
				uniseg.GraphemeClusterCount(s)
			}
		})
	}
}

func BenchmarkMeasure(b *testing.B) {
	rules := []struct {
		name string
		r    Rule
	}{{"bluesky", Bluesky}, {"mastodon", Mastodon}, {"threads", Threads}}
	for _, name := range []string{"ascii", "mixed"} {
		s := benchTexts[name] + " https://example.com/some/path @bob@example.social"
		for _, r := range rules {
			b.Run(name+"/"+r.name, func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				b.ReportAllocs()
				for b.Loop() {
					Measure(s, r.r, 500)
				}
			})
		}
	}
}
