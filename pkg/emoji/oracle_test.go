package emoji

// The byte-by-byte trie walk that match used before cpSteps, kept as the
// oracle of the walk by character: the plainest reading of the byte trie
// of table.go, with no per-character lookup at all (the first byte goes
// through rootChild, every other byte through trieNode).

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// matchBytes returns the length in bytes of the unit starting at s[i], or
// 0, walking the byte trie one byte at a time.
func matchBytes(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	n := uint32(rootChild[s[i]])
	if n == 0 {
		return 0
	}
	return walkBytes(s, i, i+1, n)
}

// walkBytes goes on down the byte trie from node n (n != 0), reached at
// s[j] from a unit start at s[i], one byte at a time, and returns the
// length of the unit matched, or 0. Lookahead conditions are settled as
// walk does.
func walkBytes(s string, i, j int, n uint32) int {
	best := 0
	var condEnd [4]int // ends past best with a condition, in order
	var condK [4]uint32
	nc := 0
walk:
	for ; ; j++ {
		v := trieNode[n]
		if acc := v >> 30; acc == 1 {
			best, nc = j-i, 0
		} else if acc != 0 {
			if nc == len(condEnd) {
				best, nc = settle(s, i, best, condEnd[:], condK[:]), 0
			}
			condEnd[nc], condK[nc] = j, acc-2
			nc++
		}
		if j >= len(s) {
			break
		}
		b := s[j]
		first := v & 0xffff
		switch v >> 28 & 3 {
		case 1:
			if byte(v>>16) != b {
				break walk
			}
			n = first
		case 2:
			m := trieMask[v>>16&0xfff]
			bit := uint64(1) << (b & 63)
			if m&bit == 0 || (b^trieLabel[first])&0xc0 != 0 {
				break walk
			}
			n = first + uint32(bits.OnesCount64(m&(bit-1)))
		default:
			break walk
		}
	}
	if nc > 0 {
		best = settle(s, i, best, condEnd[:nc], condK[:nc])
	}
	return best
}

// scanBytes lists the units of s as a plain scan with matchBytes finds
// them: at each byte, the unit starting there, if any.
func scanBytes(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if m := matchBytes(s, i); m > 0 {
			out = append(out, [2]int{i, i + m})
			i += m
			continue
		}
		i++
	}
	return out
}

// checkAgainstBytes fails t unless Match agrees with matchBytes at every
// offset of s, Next lists the units scanBytes does and NextMulti those of
// them of more than one code point.
func checkAgainstBytes(t *testing.T, s string) {
	t.Helper()
	for i := range len(s) {
		if got, want := Match(s[i:]), matchBytes(s, i); got != want {
			// Match sees s[i:] only, matchBytes all of s: the lookahead
			// looks forward only, so they must agree.
			t.Fatalf("%+q at %d: Match = %d, byte walk = %d", s, i, got, want)
		}
	}
	want := scanBytes(s)
	if got := scan(s); !slices.Equal(got, want) {
		t.Fatalf("%+q: Next lists %v, byte walk %v", s, got, want)
	}
	if got, want := scanMulti(s), multiOf(s, want); !slices.Equal(got, want) {
		t.Fatalf("%+q: NextMulti lists %v, byte walk %v", s, got, want)
	}
}

// followers are the code points (and bytes) tried after each unit and code
// point in the tests against the byte walk: the joiners of every kind, the
// lookahead character U+FE0E, ASCII, an invalid byte and cut encodings.
var followers = []string{
	"", "a", "#", "1", "\u200d", "\ufe0f", "\ufe0e", "\u20e3", "\U0001F3FB", "\U0001F3FF",
	"\U0001F1E6", "\U0001F1FF", "\U000E0067", "\U000E007F", "\u200d\U0001F466", "\u200d\u2764\ufe0f",
	"\xff", "\xf0\x9f", "\xe2\x80", "\xef\xb8", "\xf0\x9f\x8f", "\xc2", "\u00a9", "\U0001F600",
}

// TestMatchSingleCodePoints checks the walk by character against the byte
// walk for every code point (surrogates and all, as their raw three-byte
// encodings), alone and followed by each of followers.
func TestMatchSingleCodePoints(t *testing.T) {
	buf := make([]byte, 0, 16)
	for r := rune(0); r <= utf8.MaxRune; r++ {
		buf = buf[:0]
		if r >= 0xD800 && r <= 0xDFFF {
			buf = append(buf, byte(0xE0|r>>12), byte(0x80|r>>6&63), byte(0x80|r&63))
		} else {
			buf = utf8.AppendRune(buf, r)
		}
		n := len(buf)
		for _, f := range followers {
			s := string(append(buf[:n], f...))
			if got, want := Match(s), matchBytes(s, 0); got != want {
				t.Fatalf("%+q: Match = %d, byte walk = %d", s, got, want)
			}
		}
	}
}

// TestMatchUnits checks the walk by character against the byte walk on
// every unit of the table followed by each of followers, on every cut of
// every unit, and on every unit with a character dropped or doubled.
func TestMatchUnits(t *testing.T) {
	units, _ := tableUnits()
	for _, u := range units {
		for _, f := range followers {
			checkAgainstBytes(t, u+f)
		}
		for k := 1; k < len(u); k++ {
			checkAgainstBytes(t, u[:k])
			checkAgainstBytes(t, u[:k]+u)
		}
		rs := []rune(u)
		for k := range rs {
			checkAgainstBytes(t, string(rs[:k])+string(rs[k+1:]))
			checkAgainstBytes(t, string(rs[:k+1])+string(rs[k:]))
		}
	}
}

// TestMatchSequences checks the walk by character against the byte walk on
// random sequences of the code points units are made of, of joiners and of
// a few others (seeded, so the same sequences every run).
func TestMatchSequences(t *testing.T) {
	units, _ := tableUnits()
	seen := map[rune]bool{}
	var alphabet []string
	for _, u := range units {
		for _, r := range u {
			if !seen[r] {
				seen[r] = true
				alphabet = append(alphabet, string(r))
			}
		}
	}
	alphabet = append(alphabet, followers...)
	rng := rand.New(rand.NewPCG(7, 11))
	rounds := 200_000
	if testing.Short() {
		rounds = 20_000
	}
	var b strings.Builder
	for range rounds {
		b.Reset()
		for k := 1 + rng.IntN(8); k > 0; k-- {
			if rng.IntN(3) == 0 {
				b.WriteString(units[rng.IntN(len(units))])
			} else {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
		}
		checkAgainstBytes(t, b.String())
	}
}

// FuzzMatchBytes checks the walk by character against the byte walk on
// arbitrary bytes: Match at every offset, and Next's list of units.
func FuzzMatchBytes(f *testing.F) {
	for _, s := range []string{
		"", "a👍🏽b", "1️⃣ 1⃣ #⃣", "©️®️™️", "☺︎☺", "👨‍👩‍👧‍👦", "🇯🇵🇦", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
		"🧑‍🔧🏳️‍⚧️", "\xff\xf0\x9f\x91#\u20e3\xe2", "x👨🏻‍⚕️y👩‍❤️‍💋‍👨", "\xc2\xa9\xef\xb8",
		"\xc0\xa3\u20e3", "👩\u200d\xf0\x9f\x94", "🏴\xf3\xa0\x81\xa7\xf3\xa0\x81",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAgainstBytes(t, s)
	})
}

// TestFollowWord checks that mayFollow's word test (followWord) holds for
// every code point mayFollowRune accepts, and that it is in use.
func TestFollowWord(t *testing.T) {
	if !followFast {
		t.Fatal("followWord misses a joiner or a lookahead character: mayFollow decodes")
	}
	extra := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(r) + "x"
		slow, fast := mayFollowRune(s, 0), mayFollow(s, 0)
		if slow && !fast {
			t.Fatalf("mayFollow(%U) = false, mayFollowRune true", r)
		}
		if fast && !slow {
			extra++
		}
	}
	if extra > 256+64+4096 {
		t.Errorf("followWord accepts %d code points that cannot follow", extra)
	}
}

// scanMulti returns every unit of s as NextMulti reports them.
func scanMulti(s string) [][2]int {
	var out [][2]int
	for from := 0; ; {
		start, end, ok := NextMulti(s, from)
		if !ok {
			return out
		}
		out = append(out, [2]int{start, end})
		from = end
	}
}

// multiOf keeps the units of more than one code point.
func multiOf(s string, units [][2]int) [][2]int {
	var out [][2]int
	for _, u := range units {
		if utf8.RuneCountInString(s[u[0]:u[1]]) > 1 {
			out = append(out, u)
		}
	}
	return out
}

// TestJoinerWord checks that NextMulti's joiner search (joinerWord) finds
// every joiner, that it is in use, and that joinerRunes lists IsJoiner's
// code points.
func TestJoinerWord(t *testing.T) {
	if !joinerScan {
		t.Fatal("joinerWord misses a joiner: NextMulti scans as Next")
	}
	listed := map[rune]bool{}
	for _, r := range joinerRunes() {
		listed[r] = true
	}
	extra := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		if IsJoiner(r) != listed[r] {
			t.Errorf("IsJoiner(%U) = %v, joinerRunes lists it: %v", r, IsJoiner(r), listed[r])
		}
		s := string(r)
		word, _ := charWord(s+"xyz", 0)
		if IsJoiner(r) && !joinerWord(word) {
			t.Fatalf("joinerWord(%U) = false", r)
		}
		if joinerWord(word) && (s[0] < 0xe0 || joinerLeads>>(s[0]&31)&1 == 0) {
			t.Fatalf("joinerWord(%U) = true, but joinerLeads leaves out %#x", r, s[0])
		}
		if joinerAt(s, 0) != joinerWord(word) || joinerAt(s+"xyz", 0) != joinerWord(word) {
			t.Fatalf("joinerAt(%U) differs from joinerWord", r)
		}
		if joinerWord(word) && !IsJoiner(r) {
			extra++
		}
	}
	if extra > 4096 {
		t.Errorf("joinerWord accepts %d code points that are not joiners", extra)
	}
}

// TestCharBefore checks charBefore's word trick against a byte loop, at
// every offset of random bytes rich in continuation bytes.
func TestCharBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := []byte{0x80, 0x9f, 0xbf, 0xc2, 0xe2, 0xef, 0xf0, 0xf3, 'a', 0xff}
	buf := make([]byte, 12)
	for range 100_000 {
		for i := range buf {
			buf[i] = pick[rng.IntN(len(pick))]
		}
		s := string(buf)
		for p := range len(s) + 1 {
			want := -1
			for q := p - 1; q >= 0 && q >= p-4; q-- {
				if s[q]&0xc0 != 0x80 {
					want = q
					break
				}
			}
			if got := charBefore(s, p); got != want {
				t.Fatalf("charBefore(% x, %d) = %d, want %d", s, p, got, want)
			}
		}
	}
}
