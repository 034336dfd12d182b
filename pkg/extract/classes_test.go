package extract

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tweetlen/tweetlen/internal/reftest"
)

// classScript prints, for every BMP code unit outside the surrogates, which
// of twitter-text's character classes it matches (the JS regexps themselves,
// with their flags), and for each TLD letter given on stdin the other code
// units that match it under /i.
const classScript = `
const re = (name) => require('twitter-text/dist/regexp/' + name);
const lat = re('latinAccentChars').source;
const classes = {
  domain: new RegExp('^' + re('validDomainChars').source + '$', 'i'),
  preceding: new RegExp('^(?:' + re('validUrlPrecedingChars').source + ')$', 'i'),
  path: new RegExp('^' + re('validGeneralUrlPathChars').source + '$', 'i'),
  pathEnd: new RegExp('^(?:' + re('validUrlPathEndingChars').source + ')$', 'i'),
  query: new RegExp('^' + re('validUrlQueryChars').source + '$', 'i'),
  queryEnd: new RegExp('^' + re('validUrlQueryEndingChars').source + '$', 'i'),
  ascii: new RegExp('^[\\-a-z0-9' + lat + ']$', 'i'),
  tldNext: /^[0-9a-zA-Z@+-]$/i,
};
const out = {};
for (const k in classes) {
  const members = [];
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c < 0xe000) continue;
    if (classes[k].test(String.fromCharCode(c))) members.push(c);
  }
  out[k] = members;
}
const letters = JSON.parse(require('fs').readFileSync(0, 'utf8'));
out.fold = {};
for (const t of letters) {
  const r = new RegExp('^' + t + '$', 'i');
  const eq = [];
  for (let c = 0x80; c < 0x10000; c++) {
    if (c >= 0xd800 && c < 0xe000) continue;
    const s = String.fromCharCode(c);
    if (s !== t && r.test(s)) eq.push(c);
  }
  out.fold[t.codePointAt(0)] = eq;
}
console.log(JSON.stringify(out));
`

// TestCharClassesVsNode checks every BMP character against the JS
// regexps' classes, and the case variants of the TLD letters.
func TestCharClassesVsNode(t *testing.T) {
	reftest.Require(t)
	letters := map[string]bool{}
	for _, tld := range allTLDs() {
		for _, r := range tld {
			if r >= utf8.RuneSelf {
				letters[string(r)] = true
			}
		}
	}
	var list []string
	for l := range letters {
		list = append(list, l)
	}
	in, _ := json.Marshal(list)
	cmd := exec.Command("node", "-e", classScript)
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(reftest.Dir, "node_modules"))
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var res struct {
		Domain, Preceding, Path, PathEnd, Query, QueryEnd, ASCII, TLDNext []rune
		Fold                                                              map[rune][]rune
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	ascii := func(bit uint8, other func(rune) bool) func(rune) bool {
		return func(r rune) bool {
			if r < utf8.RuneSelf {
				return asciiClass[r]&bit != 0
			}
			return other(r)
		}
	}
	never := func(rune) bool { return false }
	classes := []struct {
		name    string
		members []rune
		ours    func(rune) bool
	}{
		{"validDomainChars", res.Domain, ascii(cD, isDomainRune)},
		{"validUrlPrecedingChars", res.Preceding, isPreceding},
		{"validGeneralUrlPathChars", res.Path, ascii(cPath, isPathRune)},
		{"validUrlPathEndingChars", res.PathEnd, ascii(cPEnd, isPathEndRune)},
		{"validUrlQueryChars", res.Query, ascii(cQ, never)},
		{"validUrlQueryEndingChars", res.QueryEnd, ascii(cQEnd, never)},
		{"validAsciiDomain chars", res.ASCII, ascii(cA, isLatinAccent)},
		{"TLD lookahead", res.TLDNext, ascii(cTLDNext, never)},
	}
	if len(res.Fold) != len(list) {
		t.Fatalf("node answered for %d TLD letters, want %d", len(res.Fold), len(list))
	}
	for _, c := range classes {
		if len(c.members) == 0 {
			t.Fatalf("%s: node gave no members", c.name)
		}
		in := map[rune]bool{}
		for _, r := range c.members {
			in[r] = true
		}
		bad := 0
		for r := rune(0); r < 0x10000; r++ {
			if r >= 0xd800 && r < 0xe000 {
				continue
			}
			if c.ours(r) != in[r] {
				if bad++; bad <= 5 {
					t.Errorf("%s: %U: ours %v, JS %v", c.name, r, c.ours(r), in[r])
				}
			}
		}
	}
	for t0, eqs := range res.Fold {
		want := map[rune]bool{}
		for _, r := range eqs {
			want[r] = true
		}
		for r := rune(0x80); r < 0x10000; r++ {
			if r == t0 || r >= 0xd800 && r < 0xe000 {
				continue
			}
			if got := foldTLDRune(r) == t0; got != want[r] {
				t.Errorf("TLD letter %c (%U): %c (%U) ours %v, JS /i %v", t0, t0, r, r, got, want[r])
			}
		}
	}
}

// TestToASCIILenVsNode compares toASCIILen with node's punycode.toASCII on
// random labels; lengths above the label limit only need to stay above it.
func TestToASCIILenVsNode(t *testing.T) {
	reftest.Require(t)
	g := newTextGen(7)
	pieces := []string{"a", "z", "0", "-", "é", "ü", "中", "한", "😀", "\x7f", "\u0080", "。", "．", "｡", "ß", "ᲀ", "\uffff", "\ufffd", "\U0010ffff"}
	labels := make([]string, 3000)
	for i := range labels {
		var b strings.Builder
		for n := 1 + g.r.IntN(40); n > 0; n-- {
			b.WriteString(pieces[g.r.IntN(len(pieces))])
		}
		labels[i] = b.String()
	}
	in, _ := json.Marshal(labels)
	cmd := exec.Command("node", "-e", `const p = require('punycode');
const labels = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(labels.map((l) => p.toASCII(l).length)));`)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []int
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for i, l := range labels {
		got := toASCIILen(l, false)
		if min(got, maxLabelLength+1) != min(want[i], maxLabelLength+1) {
			t.Errorf("toASCIILen(%+q) = %d, node %d", l, got, want[i])
		}
	}
}
