package twemojire

import (
	"fmt"
	"strings"
	"testing"
)

func lang(t *testing.T, re string) []string {
	t.Helper()
	src := "exports.default = /" + re + "/g;\n"
	seqs, err := LanguageOf([]byte(src))
	if err != nil {
		t.Fatalf("%s: %v", re, err)
	}
	out := make([]string, len(seqs))
	for i, s := range seqs {
		out[i] = fmt.Sprintf("%+q", s.Text)
		if len(s.NotBefore) > 0 {
			out[i] += fmt.Sprintf("!%+q", string(s.NotBefore))
		}
	}
	return out
}

func TestLanguage(t *testing.T) {
	cases := []struct{ re, want string }{
		{`a|b`, `"a" "b"`},
		{`[a-c]x?`, `"ax" "a" "bx" "b" "cx" "c"`},
		{`(?:a|ab)c?`, `"ac" "a" "abc" "ab"`},
		{`(a)(?:\u2640|(?!\ufe0e))`, `"a\u2640" "a"!"\ufe0e"`},
		{`a(?!b)b|a(?!c)`, `"a"!"c"`},
		{`\ud83d[\udc68\udc69]`, `"\U0001f468" "\U0001f469"`},
		{`©[#*]`, `"\u00a9#" "\u00a9*"`},
	}
	for _, c := range cases {
		if got := strings.Join(lang(t, c.re), " "); got != c.want {
			t.Errorf("language of /%s/ = %s, want %s", c.re, got, c.want)
		}
	}
}

func TestLanguageRejects(t *testing.T) {
	for _, re := range []string{
		`a*`, `a+`, `a{2}`, `a??`, `.`, `^a`, `a$`, `[^a]`, `\d`, `\x41`, `(?=a)`, `(?<n>a)`,
		`(?!ab)`, `(?!a)?`, `[a-]`, `\ud83d`, `\udc68`, `a|(?!b)`, `(a`, `a)`, `[]`,
	} {
		if _, err := LanguageOf([]byte("exports.default = /" + re + "/g;\n")); err == nil {
			t.Errorf("/%s/ was accepted", re)
		}
	}
	if _, err := LanguageOf([]byte("exports.default = /a/gu;\n")); err == nil {
		t.Errorf("flag u was accepted")
	}
}

func TestAnalyze(t *testing.T) {
	// "ab" comes after its prefix "a", which always wins: it is shadowed,
	// unless the lookahead on "a" forbids the "b".
	for _, c := range []struct {
		re       string
		shadowed int
	}{
		{`ab|a`, 0},
		{`a|ab`, 1},
		{`a(?!b)|ab`, 0},
		{`a(?!c)|ab`, 1},
	} {
		seqs, err := LanguageOf([]byte("exports.default = /" + c.re + "/g;\n"))
		if err != nil {
			t.Fatal(err)
		}
		if _, sh := Analyze(seqs); len(sh) != c.shadowed {
			t.Errorf("/%s/: %d shadowed, want %d", c.re, len(sh), c.shadowed)
		}
	}
}
