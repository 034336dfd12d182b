package emoji

import (
	"bytes"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/internal/reftest"
	"github.com/tweetlen/tweetlen/pkg/emoji/internal/twemojire"
)

// regexJS is the pinned twemoji-parser regex the table is generated from.
var regexJS = filepath.Join(reftest.Dir, "node_modules", "twemoji-parser", "dist", "lib", "regex.js")

// scan returns every unit of s as Next reports them.
func scan(s string) [][2]int {
	var out [][2]int
	for from := 0; ; {
		start, end, ok := Next(s, from)
		if !ok {
			return out
		}
		out = append(out, [2]int{start, end})
		from = end
	}
}

// texts returns the text of each unit.
func texts(s string, units [][2]int) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = s[u[0]:u[1]]
	}
	return out
}

func TestNext(t *testing.T) {
	// Each case lists the units of the input. These pin the behaviours the
	// package comment promises; the reference tests check everything else.
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"plain ASCII, no units: # * 0 9", nil},
		{"👍🏽", []string{"👍🏽"}},
		{"a👍🏽b👍", []string{"👍🏽", "👍"}},
		{"1️⃣ 1⃣ #⃣ *️⃣", []string{"1️⃣", "1⃣", "#⃣", "*️⃣"}},
		{"©®™#1", nil},
		{"©️®️™️", []string{"©️", "®️", "™️"}},
		{"☺ ❤ ↔", []string{"☺", "❤", "↔"}},
		{"☺︎❤︎", nil}, // text presentation (U+FE0E)
		{"☺️", []string{"☺️"}},
		{"👨‍👩‍👧‍👦", []string{"👨‍👩‍👧‍👦"}},
		{"👩‍🔬 🏳️‍🌈 🏴‍☠️", []string{"👩‍🔬", "🏳️‍🌈", "🏴‍☠️"}},
		{"🇯🇵🇦", []string{"🇯🇵", "🇦"}},
		{"🇦🇦", []string{"🇦", "🇦"}},
		{"🏴󠁧󠁢󠁳󠁣󠁴󠁿", []string{"🏴󠁧󠁢󠁳󠁣󠁴󠁿"}},
		{"🏻\ufe0f", []string{"🏻", "\ufe0f"}},
		// Emoji 12.0 and later: not one unit (twitter-text issue #369).
		{"🧑‍🔧", []string{"🧑", "🔧"}},
		{"🧑‍🤝‍🧑", []string{"🧑", "🤝", "🧑"}},
		{"🐕‍🦺", []string{"🐕"}},
		{"🏳️‍⚧️", []string{"🏳️", "\ufe0f"}}, // ⚧ is not known; its VS16 is a stray one
		{"❤️‍🔥", []string{"❤️", "🔥"}},
		{"🐻‍❄️", []string{"🐻", "❄️"}},
		// Invalid UTF-8 starts no unit and is skipped.
		{"\xff\xf0\x9f\x91#\u20e3\xe2", []string{"#\u20e3"}},
		{"\xf0\x9f\x91\x8d\xf0\x9f\x8f", []string{"👍"}},
	}
	for _, c := range cases {
		got := texts(c.in, scan(c.in))
		if !slices.Equal(got, c.want) {
			t.Errorf("units of %+q = %+q, want %+q", c.in, got, c.want)
		}
	}
}

func TestNextFrom(t *testing.T) {
	s := "a👍b1⃣"
	for from, want := range []int{1, 1, 6, 6, 6, 6, 6, -1, -1, -1, -1, -1} {
		start, _, ok := Next(s, from)
		if !ok {
			start = -1
		}
		if start != want {
			t.Errorf("Next(%+q, %d) starts at %d, want %d", s, from, start, want)
		}
	}
	if start, end, ok := Next(s, -3); !ok || start != 1 || end != 5 {
		t.Errorf("Next(%+q, -3) = %d, %d, %v", s, start, end, ok)
	}
}

func TestStartMask(t *testing.T) {
	// startMask's first mark must be exactly the first byte that may start
	// a unit: non-ASCII, '#', '*' or a digit. Bytes before it are every
	// other ASCII value in turn; bytes after it are random.
	mayStart := func(c byte) bool { return c >= 0x80 || c == '#' || c == '*' || '0' <= c && c <= '9' }
	var filler []byte
	for c := range byte(0x80) {
		if !mayStart(c) {
			filler = append(filler, c)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		for b := range 256 {
			for pos := range 8 {
				var buf [8]byte
				for i := range pos {
					buf[i] = filler[(round*8+b+i)%len(filler)]
				}
				buf[pos] = byte(b)
				for i := pos + 1; i < 8; i++ {
					buf[i] = byte(rng.Uint32())
				}
				m := startMask(load64(string(buf[:]), 0))
				first := bits.TrailingZeros64(m) / 8 // 8 when m == 0
				if mayStart(byte(b)) && first != pos || !mayStart(byte(b)) && first <= pos {
					t.Fatalf("startMask(% x): first candidate at %d", buf, first)
				}
			}
		}
	}
}

// tableUnits lists every unit in the generated trie, in byte order, with
// whether it needs a lookahead.
func tableUnits() (units []string, cond []bool) {
	var walk func(n uint32, prefix []byte)
	walk = func(n uint32, prefix []byte) {
		v := trieNode[n]
		if acc := v >> 30; acc != 0 {
			units = append(units, string(prefix))
			cond = append(cond, acc > 1)
		}
		first, cnt := v&0xffff, uint32(0)
		switch v >> 28 & 3 {
		case 1:
			cnt = 1
		case 2:
			cnt = uint32(bits.OnesCount64(trieMask[v>>16&0xfff]))
		}
		for c := first; c < first+cnt; c++ {
			walk(c, append(prefix, trieLabel[c]))
		}
	}
	for b := range 256 {
		if n := rootChild[b]; n != 0 {
			walk(uint32(n), []byte{byte(b)})
		}
	}
	return units, cond
}

func TestTableUnits(t *testing.T) {
	units, _ := tableUnits()
	if len(units) < 3000 {
		t.Fatalf("only %d units in the table", len(units))
	}
	for _, u := range units {
		if !utf8.ValidString(u) {
			t.Errorf("unit %+q is not valid UTF-8", u)
		}
		if n := Match(u); n != len(u) {
			t.Errorf("Match(%+q) = %d, want %d", u, n, len(u))
		}
	}
	t.Logf("%d units, %d trie nodes", len(units), len(trieNode))
}

var (
	langOnce sync.Once
	langSrc  []byte
	langErr  error
)

// language reads the pinned regex.js, or skips t when it is not installed.
func language(t testing.TB) []byte {
	t.Helper()
	langOnce.Do(func() { langSrc, langErr = os.ReadFile(regexJS) })
	if langErr != nil {
		t.Skipf("%v (run `npm ci` in reference/)", langErr)
	}
	return langSrc
}

// TestTableFresh regenerates table.go in process and compares.
func TestTableFresh(t *testing.T) {
	src := language(t)
	want, st, err := twemojire.Generate(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("table.go is stale: run go generate ./pkg/emoji")
	}
	if st.Shadowed != 0 {
		// match relies on Analyze's proof that the longest live unit is
		// the regex's choice; shadowed paths are simply left out of the
		// table. Say so if upstream ever has some.
		t.Logf("%d regex paths are shadowed by higher-priority prefixes and left out", st.Shadowed)
	}
}

// TestJoiners checks IsJoiner's promise: every unit of the table of more
// than one code point holds a joiner, and has one as its second code
// point (which Next's mayFollow relies on).
func TestJoiners(t *testing.T) {
	units, _ := tableUnits()
	multi := 0
	for _, u := range units {
		if utf8.RuneCountInString(u) < 2 {
			continue
		}
		multi++
		if rs := []rune(u); !IsJoiner(rs[1]) {
			t.Errorf("unit %+q: its second code point %U is not a joiner", u, rs[1])
		}
		joined := false
		for _, r := range u {
			joined = joined || IsJoiner(r)
		}
		if !joined {
			t.Errorf("unit %+q has %d code points and no joiner", u, utf8.RuneCountInString(u))
		}
	}
	if multi < 1000 {
		t.Fatalf("only %d units of more than one code point", multi)
	}
	for _, r := range []rune{0x200C, 0x200E, 0xFE0E, 0x20E2, 0x1F1E5, 0x1F200, 0x1F3FA, 0x1F400, 0xE001F, 0xE0080, 'a'} {
		if IsJoiner(r) {
			t.Errorf("IsJoiner(%U) = true", r)
		}
	}
}
