package extract

import (
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are conformance-like texts.
var fuzzSeeds = []string{
	"text http://google.com",
	"皆さん見てください！ http://google.com",
	"www.example.com/path?q=1.",
	"example.com?x=1 example.com:8080/x",
	"a😀example.com @😀example.com 😀-ab.com",
	"x.com-☃.x.com/p ιab.com",
	"http://t.co/abcdefghijklmnopqrstuvwxyz0123456789ABCD?x=1",
	"https://twitter.한국 https://twitter.嘉里大酒店x",
	"\u200ehttp://example.com\u200f \u202awww.a.jp\u202c",
	"domain.com-foo x.com@y foo.comm a_b.com #tag.com $x.com",
	"http://www.xn--☃.com xn--abc.com a.xn--p1ai",
	"http://example.com/a(b(c)d)e/(f)?g=h!",
	"\xff\xfe.com a.\xc3.com \xed\xa0\x80.jp",
	"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z",
	"http://ä.ä.ä/",
}

func FuzzURLs(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		urls := URLs(text)
		var s, from URLScanner
		s.Reset(text)
		from.ResetFrom(text, FirstURLDot(text, 0))
		prevEnd, prevEnd16 := 0, 0
		for i, u := range urls {
			if u.Start < prevEnd || u.End <= u.Start || u.End > len(text) {
				t.Fatalf("URL %d %+v out of order or bounds (previous end %d, len %d)", i, u, prevEnd, len(text))
			}
			if !boundary(text, u.Start) || !boundary(text, u.End) {
				t.Fatalf("URL %d %+v not on rune boundaries", i, u)
			}
			if u.Start16 < prevEnd16 || u.Start16 != utf16Len(text[:u.Start]) || u.End16 != utf16Len(text[:u.End]) {
				t.Fatalf("URL %d %+v: UTF-16 offsets disagree with the bytes", i, u)
			}
			prevEnd, prevEnd16 = u.End, u.End16
			if u.Elided16 < 0 || u.Elided16 >= u.End16-u.Start16 || u.Elided16 > 0 && u.HasProtocol {
				t.Fatalf("URL %d %+v: bad Elided16", i, u)
			}
			if start, end, ok := from.Next(); !ok || start != u.Start || end != u.End || from.Elided16() != u.Elided16 {
				t.Fatalf("URL %d: scanner from the first URL dot gives %d %d %v elided %d, URLs gives %+v", i, start, end, ok, from.Elided16(), u)
			}
			start, end, ok := s.Next()
			if !ok || start != u.Start || end != u.End || s.Elided16() != u.Elided16 {
				t.Fatalf("URL %d: scanner gives %d %d %v elided %d, URLs gives %+v", i, start, end, ok, s.Elided16(), u)
			}
		}
		if _, _, ok := s.Next(); ok {
			t.Fatalf("scanner gives more URLs than URLs (%d)", len(urls))
		}
		if _, _, ok := from.Next(); ok {
			t.Fatalf("scanner from the first URL dot gives more URLs than URLs (%d)", len(urls))
		}
		if _, _, ok := s.Next(); ok {
			t.Fatal("scanner restarts after the end")
		}
	})
}

// boundary reports whether i is at the start of a rune as decode sees runes
// (an invalid byte being a rune of its own).
func boundary(text string, i int) bool {
	for j := 0; j < len(text); {
		if j == i {
			return true
		}
		if j > i {
			return false
		}
		_, n := utf8.DecodeRuneInString(text[j:])
		j += n
	}
	return i == len(text)
}
