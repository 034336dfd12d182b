package corpus_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/internal/corpus"
)

// goldenJSONL is the SHA-256 of WriteJSONL(1, 2000). It pins the generator:
// benchmark figures are only comparable across commits while the corpus is
// byte-for-byte the same. Change it only when changing the corpus on
// purpose, and say so in the commit message.
const goldenJSONL = "9d87d0ba62b99cd5f147207d9bf8763a4cc82b005c49c60a736053188a0a10ae"

func jsonl(t *testing.T, seed uint64, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := corpus.WriteJSONL(&buf, seed, n); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	a, b := jsonl(t, 1, 2000), jsonl(t, 1, 2000)
	if !bytes.Equal(a, b) {
		t.Fatal("WriteJSONL(1, 2000) differs between two calls")
	}
	sum := sha256.Sum256(a)
	if got := hex.EncodeToString(sum[:]); got != goldenJSONL {
		t.Errorf("WriteJSONL(1, 2000) has SHA-256 %s, want %s: the corpus changed", got, goldenJSONL)
	}
	if bytes.Equal(a, jsonl(t, 2, 2000)) {
		t.Error("seeds 1 and 2 give the same corpus")
	}
	for _, c := range corpus.Classes {
		x, y := corpus.ClassTexts(3, c, 50), corpus.ClassTexts(3, c, 50)
		for i := range x {
			if x[i] != y[i] {
				t.Fatalf("ClassTexts(3, %s, 50)[%d] differs between two calls", c, i)
			}
		}
	}
	if corpus.LongDocument(4, 1<<16) != corpus.LongDocument(4, 1<<16) {
		t.Error("LongDocument differs between two calls")
	}
	// A prefix of the stream does not depend on n.
	short, long := corpus.Texts(5, 10), corpus.Texts(5, 100)
	for i := range short {
		if short[i] != long[i] {
			t.Fatalf("Texts(5, 10)[%d] != Texts(5, 100)[%d]", i, i)
		}
	}
}

func TestMix(t *testing.T) {
	const n = 100_000
	texts := corpus.Texts(1, n)
	count := map[corpus.Class]int{}
	total := 0
	for _, x := range texts {
		count[x.Class]++
		total += len(x.Text)
	}
	sumW := 0
	for _, c := range corpus.Classes {
		sumW += corpus.Weight[c]
		want := float64(n) * float64(corpus.Weight[c]) / 1000
		// Binomial: 5 standard deviations.
		if got := float64(count[c]); math.Abs(got-want) > 5*math.Sqrt(want) {
			t.Errorf("class %s: %d texts of %d, want about %.0f", c, count[c], n, want)
		}
	}
	if sumW != 1000 {
		t.Errorf("class weights sum to %d, want 1000", sumW)
	}
	if got := float64(count[corpus.ASCII]) / n; got < 0.24 || got > 0.26 {
		t.Errorf("ascii share %.3f, want a quarter", got)
	}
	mean := float64(total) / n
	if mean < 210*0.85 || mean > 210*1.15 {
		t.Errorf("mean text size %.1f bytes, want 210 ±15%%", mean)
	}
	t.Logf("mean %.1f bytes; classes %v", mean, count)
	for _, c := range corpus.Classes {
		ts := corpus.ClassTexts(1, c, 2000)
		sum := 0
		for _, x := range ts {
			sum += len(x.Text)
		}
		if m := float64(sum) / float64(len(ts)); m < 210*0.85 || m > 210*1.15 {
			t.Errorf("class %s: mean %.1f bytes, want 210 ±15%%", c, m)
		}
	}
}

func TestClassContent(t *testing.T) {
	for _, c := range corpus.Classes {
		for i, x := range corpus.ClassTexts(1, c, 2000) {
			s := x.Text
			if x.Class != c {
				t.Fatalf("ClassTexts(%s) returned class %s", c, x.Class)
			}
			if s == "" || !utf8.ValidString(s) {
				t.Fatalf("%s[%d] = %q: empty or invalid UTF-8", c, i, s)
			}
			if strings.ContainsAny(s, "\n\r\t") || strings.TrimSpace(s) != s {
				t.Fatalf("%s[%d] = %q: control characters or edge spaces", c, i, s)
			}
			if !check(c, s) {
				t.Fatalf("%s[%d] = %q does not look like class %s", c, i, s, c)
			}
		}
	}
}

func has(s string, f func(rune) bool) bool { return strings.IndexFunc(s, f) >= 0 }

func check(c corpus.Class, s string) bool {
	ascii := !has(s, func(r rune) bool { return r >= 0x80 })
	switch c {
	case corpus.ASCII:
		// Plain prose: no URL, mention, hashtag or cashtag.
		return ascii && !strings.ContainsAny(s, "@#$/") && !has(s, func(r rune) bool { return r < ' ' })
	case corpus.URLs:
		// A host name: a dot between two letters.
		for i := 1; i+1 < len(s); i++ {
			if s[i] == '.' && unicode.IsLetter(rune(s[i-1])) && unicode.IsLetter(rune(s[i+1])) {
				return true
			}
		}
		return false
	case corpus.Mentions:
		return strings.ContainsAny(s, "@#$")
	case corpus.Emoji:
		return has(s, func(r rune) bool { return r >= 0x2100 })
	case corpus.CJK:
		return has(s, func(r rune) bool {
			return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
		})
	case corpus.RTL:
		return has(s, func(r rune) bool { return unicode.In(r, unicode.Arabic, unicode.Hebrew) })
	case corpus.Decomposed:
		return has(s, func(r rune) bool { return unicode.Is(unicode.Mn, r) || (r >= 0x1100 && r <= 0x11FF) })
	case corpus.Indic:
		return has(s, func(r rune) bool { return unicode.In(r, unicode.Devanagari, unicode.Tamil, unicode.Thai) })
	case corpus.Mixed:
		return true // may happen to be all ASCII
	}
	return false
}

func TestJSONL(t *testing.T) {
	texts := corpus.Texts(9, 3000)
	var buf bytes.Buffer
	if err := corpus.WriteTextsJSONL(&buf, texts); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	i := 0
	for sc.Scan() {
		var rec struct {
			ID   int    `json:"id"`
			Text string `json:"text"`
		}
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, sc.Bytes())
		}
		if rec.ID != i || rec.Text != texts[i].Text {
			t.Fatalf("line %d decodes to id %d %q, want %d %q", i+1, rec.ID, rec.Text, i, texts[i].Text)
		}
		i++
	}
	if i != len(texts) {
		t.Fatalf("%d lines for %d texts", i, len(texts))
	}
	if got := string(corpus.QuoteJSON("<a&b>\u2028\"\\")); got != `"<a&b>\u2028\"\\"` {
		t.Errorf("QuoteJSON = %s", got)
	}
}

func TestLongDocument(t *testing.T) {
	const size = 10 << 20
	doc := corpus.LongDocument(1, size)
	if len(doc) < size || len(doc) > size+4096 {
		t.Fatalf("LongDocument(1, %d) has %d bytes", size, len(doc))
	}
	if !utf8.ValidString(doc) {
		t.Fatal("LongDocument is not valid UTF-8")
	}
	if n := strings.Count(doc, "\n"); n < size/400 {
		t.Errorf("LongDocument has only %d lines", n)
	}
}
