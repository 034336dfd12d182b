package extract

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/internal/corpus"
)

// checkOracle compares what the scanner and its parts find in text with the
// oracle, the scanner before its speed work (oracle_test.go): the URLs and
// their offsets, the scan from the first URL dot, the URL dots, and, for
// texts of tweet size, each matcher at every offset where it may run.
func checkOracle(t *testing.T, text string) {
	t.Helper()
	got, want := URLs(text), oldURLs(text)
	if len(got) != len(want) {
		t.Fatalf("%+q: %d URLs %+v, oracle %d %+v", text, len(got), got, len(want), want)
	}
	for i := range got {
		if URL(want[i]) != got[i] {
			t.Fatalf("%+q: URL %d is %+v, oracle %+v", text, i, got[i], want[i])
		}
	}
	var s URLScanner
	s.ResetFrom(text, FirstURLDot(text, 0))
	for i := 0; ; i++ {
		start, end, ok := s.Next()
		if !ok {
			if i != len(want) {
				t.Fatalf("%+q: the scan from the first URL dot stops after %d URLs, oracle %d", text, i, len(want))
			}
			break
		}
		if i >= len(want) || start != want[i].Start || end != want[i].End || s.Elided16() != want[i].Elided16 {
			t.Fatalf("%+q: the scan from the first URL dot gives URL %d [%d, %d) elided %d, oracle %+v", text, i, start, end, s.Elided16(), want)
		}
	}
	for d := -1; d <= len(text)+1; d++ {
		if IsURLDot(text, d) != oldIsURLDot(text, d) {
			t.Fatalf("%+q: IsURLDot(%d) = %v, oracle %v", text, d, IsURLDot(text, d), !IsURLDot(text, d))
		}
	}
	for _, from := range []int{0, len(text) / 3, len(text) / 2} {
		if g, w := FirstURLDot(text, from), oldFirstURLDot(text, from); g != w {
			t.Fatalf("%+q: FirstURLDot(%d) = %d, oracle %d", text, from, g, w)
		}
		if g, w := nextDot(text, from), oldNextDot(text, from); g != w {
			t.Fatalf("%+q: nextDot(%d) = %d, oracle %d", text, from, g, w)
		}
	}
	if len(text) > 400 {
		return
	}
	for i := 0; i < len(text); {
		r, n := decode(text, i)
		for _, limit := range []int{len(text), min(len(text), i+4), min(len(text), i+9)} {
			e, ok := matchTLD(text, i, limit)
			we, wok := oldMatchTLD(text, i, limit)
			if e != we || ok != wok {
				t.Fatalf("%+q: matchTLD(%d, %d) = %d %v, oracle %d %v", text, i, limit, e, ok, we, wok)
			}
			e, ok, next := matchAsciiDomain(text, i, limit)
			we, wok, wnext := oldMatchAsciiDomain(text, i, limit)
			if e != we || ok != wok || next != wnext {
				t.Fatalf("%+q: matchAsciiDomain(%d, %d) = %d %v %d, oracle %d %v %d", text, i, limit, e, ok, next, we, wok, wnext)
			}
		}
		for _, half := range []bool{false, true} {
			if half && r < 0x10000 {
				continue
			}
			e, ok, last := matchDomain(text, i, half)
			we, wok, wlast := oldMatchDomain(text, i, half)
			if e != we || ok != wok || last != wlast {
				t.Fatalf("%+q: matchDomain(%d, %v) = %d %v %d, oracle %d %v %d", text, i, half, e, ok, last, we, wok, wlast)
			}
		}
		switch text[i] {
		case '/':
			if g, w := matchPath(text, i), oldMatchPath(text, i); g != w {
				t.Fatalf("%+q: matchPath(%d) = %d, oracle %d", text, i, g, w)
			}
		case '?':
			g, gok := matchQuery(text, i, len(text))
			w, wok := oldMatchQuery(text, i, len(text))
			if g != w || gok != wok {
				t.Fatalf("%+q: matchQuery(%d) = %d %v, oracle %d %v", text, i, g, gok, w, wok)
			}
		}
		i += n
	}
}

// oracleTexts are generated texts, the corpus, the fuzz seeds and the known
// cases, with variants cut at every tenth of their length.
func oracleTexts(n int) []string {
	g := newTextGen(11)
	var texts []string
	for range n {
		texts = append(texts, g.text())
	}
	for _, x := range corpus.Texts(3, n/4) {
		texts = append(texts, x.Text)
	}
	texts = append(texts, fuzzSeeds...)
	for _, c := range knownCases {
		texts = append(texts, c.text)
	}
	for _, s := range texts[:len(texts):len(texts)] {
		for k := 1; k < 10 && len(s) <= 400; k++ {
			texts = append(texts, s[:len(s)*k/10])
		}
	}
	return texts
}

// TestOracle checks the scanner and its matchers against the oracle.
func TestOracle(t *testing.T) {
	n := 6000
	if testing.Short() {
		n = 1500
	}
	for _, s := range oracleTexts(n) {
		checkOracle(t, s)
	}
}

// FuzzOracle checks the scanner and its matchers against the oracle.
func FuzzOracle(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, x := range corpus.ClassTexts(1, corpus.URLs, 20) {
		f.Add(x.Text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkOracle(t, text)
	})
}

// TestTLDWords checks the word-keyed TLD tables: every ASCII TLD, in lower
// and upper case and followed by the end, a space or a '/', is found by
// matchTLD as by the oracle, and so is every name one letter off.
func TestTLDWords(t *testing.T) {
	for _, name := range tldASCIINames {
		variants := []string{name, strings.ToUpper(name), name[:len(name)-1], name + "a"}
		for k := 0; k < len(name); k++ {
			variants = append(variants, name[:k]+"q"+name[k+1:], name[:k]+"x"+name[k+1:])
		}
		for _, v := range variants {
			for _, text := range []string{v, v + " ", v + "/x", "a." + v, v + "-", v + "é"} {
				for i := 0; i < len(text); i++ {
					e, ok := matchTLD(text, i, len(text))
					we, wok := oldMatchTLD(text, i, len(text))
					if e != we || ok != wok {
						t.Fatalf("matchTLD(%q, %d) = %d %v, oracle %d %v", text, i, e, ok, we, wok)
					}
				}
			}
		}
		if len(name) <= tldWordMaxLen {
			var b [16]byte
			copy(b[:], strings.ToUpper(name))
			lo, hi := binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
			if !tldWordsHas(lo, hi, len(name)) {
				t.Fatalf("tldWordsHas misses %q", name)
			}
		}
	}
}

// TestPlainDomainByte checks the table of plainASCIIDomain byte by byte.
func TestPlainDomainByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		want := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '.'
		if plainDomainByte[c] != want {
			t.Errorf("plainDomainByte[%#x] = %v, want %v", c, plainDomainByte[c], want)
		}
	}
}

// TestShortTLD checks shortTLD, with its hot table and home-slot filter,
// against the list: every ASCII TLD of up to 8 letters is found, every
// entry of tldHot is one, and every other word of up to 4 letters, and of
// 5 to 8 letters made from a TLD, is not.
func TestShortTLD(t *testing.T) {
	word := func(s string) uint64 {
		var b [8]byte
		copy(b[:], s)
		return binary.LittleEndian.Uint64(b[:])
	}
	isTLD := map[string]bool{}
	for _, name := range tldASCIINames {
		isTLD[name] = true
	}
	for _, key := range tldHot {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], key)
		if name := strings.TrimRight(string(b[:]), "\x00"); key != 0 && !isTLD[name] {
			t.Fatalf("tldHot holds %q, not a TLD", name)
		}
	}
	check := func(s string) {
		if got := shortTLD(word(s)); got != isTLD[s] {
			t.Fatalf("shortTLD(%q) = %v, want %v", s, got, isTLD[s])
		}
	}
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		if prefix != "" {
			check(prefix)
		}
		if n == 0 {
			return
		}
		for c := 'a'; c <= 'z'; c++ {
			gen(prefix+string(c), n-1)
		}
	}
	gen("", 4)
	for _, name := range tldASCIINames {
		if len(name) > 8 {
			continue
		}
		check(name)
		for k := 0; k < len(name); k++ {
			for c := 'a'; c <= 'z'; c++ {
				if v := name[:k] + string(c) + name[k+1:]; true {
					check(v)
				}
			}
		}
		if len(name) < 8 {
			check(name + "s")
		}
	}
}

// TestWordHelpers checks isASCII, plainASCIIDomain, alnumRunEnd and
// digitMask, which read
// several bytes at once, against byte loops, at every offset and length of
// a text holding each byte value.
func TestWordHelpers(t *testing.T) {
	var all strings.Builder
	for c := 0; c < 256; c++ {
		all.WriteByte(byte(c))
		all.WriteString("aZ09")
	}
	texts := []string{all.String(), "abcdefghijklmnopqrstuvwxyz0123456789ABC", "www.ex-ample.co.uk", "a.b-c.d/e_f.g", "t.co/AbC123xyz?x=1", "é", "aé", "abcdefgé", "abcdefghé"}
	for _, text := range texts {
		for i := 0; i <= len(text); i++ {
			j := i
			for j < len(text) && ('a' <= text[j]|0x20 && text[j]|0x20 <= 'z' || '0' <= text[j] && text[j] <= '9') {
				j++
			}
			if got := alnumRunEnd(text, i); got != j {
				t.Fatalf("alnumRunEnd(%q, %d) = %d, want %d", text, i, got, j)
			}
			for n := 0; i+n <= len(text) && n <= 40; n++ {
				s, want := text[i:i+n], true
				for k := 0; k < len(s); k++ {
					want = want && s[k] < 0x80
				}
				if got := isASCII(s); got != want {
					t.Fatalf("isASCII(%q) = %v, want %v", s, got, want)
				}
				plain := true
				for k := 0; k < len(s); k++ {
					plain = plain && plainDomainByte[s[k]]
				}
				if got := plainASCIIDomain(s); got != plain {
					t.Fatalf("plainASCIIDomain(%q) = %v, want %v", s, got, plain)
				}
			}
		}
	}
	for c := 0; c < 256; c++ {
		w := uint64(c) << 24
		got := digitMask(w)>>31&1 == 1
		if want := '0' <= c && c <= '9'; got != want {
			t.Fatalf("digitMask(%#x) = %v, want %v", c, got, want)
		}
	}
}
