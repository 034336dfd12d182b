package postfile

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// TestPosLongLines checks the checkpoints of pos against counting from the
// start of the line, in any order of access.
func TestPosLongLines(t *testing.T) {
	pieces := []string{"a", "é", "e\u0301", "😀", "👩\u200d👩\u200d👧", "🇫🇷", "\t", " ", "\r\n", "\n", "\r", "\u0301\u0301\u0301"}
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 20; round++ {
		var b strings.Builder
		for b.Len() < 5000 {
			p := pieces[rng.Intn(len(pieces))]
			if (p == "\n" || p == "\r\n") && rng.Intn(20) != 0 {
				continue // mostly long lines
			}
			b.WriteString(p)
		}
		data := []byte(b.String())
		s := newSrc("f", data, 0)
		for k := 0; k < 500; k++ {
			off := rng.Intn(len(data) + 1)
			if round%2 == 0 {
				off = k * len(data) / 500 // in order
			}
			for off < len(data) && !utf8.RuneStart(data[off]) {
				off++
			}
			got := s.pos(off)
			ls := bytes.LastIndexByte(data[:off], '\n') + 1
			want := 1 + uniseg.GraphemeClusterCount(string(data[ls:off]))
			line := 1 + bytes.Count(data[:off], []byte("\n"))
			if got.Line != line || got.Column != want {
				t.Fatalf("round %d: pos(%d) = %v, want %d:%d", round, off, got, line, want)
			}
		}
	}
}

// TestLarge reads big inputs in reasonable time: a minified JSON array, a
// YAML alias bomb, a text full of unclosed Markdown.
func TestLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; i < 20000; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"id":1,"text":"héllo 😀 wörld"}`)
	}
	b.WriteString("]")
	start := time.Now()
	posts, err := Read("big.json", []byte(b.String()), Options{Format: JSON})
	if err != nil || len(posts) != 20000 {
		t.Fatalf("%d posts, %v", len(posts), err)
	}
	if p := posts[19999].Source.Pos; p.Line != 1 || p.Column != 2+19999*32+16 {
		t.Errorf("last post at %v", p)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("minified JSON took %v", d)
	}

	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\ntext: x\n"
	start = time.Now()
	_, err = Read("bomb.yaml", []byte(bomb), Options{Format: YAML})
	if err == nil || !strings.Contains(err.Error(), "YAML aliases expand to too many values") {
		t.Errorf("bomb: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("bomb took %v", d)
	}

	start = time.Now()
	md := strings.Repeat("![`[x](", 30000)
	if _, err := Read("x.md", []byte(md), Options{Format: Tweet, Markdown: true}); err != nil {
		t.Error(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("markdown took %v", d)
	}
}
