package extract

import (
	"strings"
	"testing"
)

// knownCases pin behaviours of twitter-text 3.1.0 that the conformance data
// does not cover, each checked with node when written (indices in UTF-16):
// the domain starting at a low surrogate ("@😀…": the half changes the
// punycode length), JS's indexOf quirk (x.com-☃.x.com), the dropped port and
// query without path, /i case variants of TLDs, DEL inside a domain, the path
// alternatives after a ']', the t.co slug limit, the 4096 limit with the
// protocol counted twice, and the label separators 。 and ．.
var knownCases = []struct {
	text    string
	indices [][2]int
}{
	{"\U0001f600-ab.com", [][2]int{{2, 9}}},
	{"@\U0001f600example.com", [][2]int{{3, 14}}},
	{" \uff20foo.com", [][2]int{{2, 9}}},
	{"\"example.com\"", [][2]int{{1, 12}}},
	{"example.com:8080", [][2]int{{0, 11}}},
	{"example.com:8080/x", [][2]int{{0, 18}}},
	{"example.com?x=1", [][2]int{{0, 11}}},
	{"x.com-\u2603.x.com", [][2]int{{0, 5}}},
	{"x.com-\u2603.x.com/path", [][2]int{{0, 18}}},
	{"http://x.com/\u0280", [][2]int{{0, 14}}},
	{"a.\u0395\u039b", [][2]int{{0, 4}}},
	{"a.\u03f5\u03bb", [][2]int{{0, 4}}},
	{"a.\u1c92\u1c94", [][2]int{{0, 4}}},
	{"http://a.com/[x](hello)", [][2]int{{0, 15}}},
	{"http://a.com/x(a)(b)!", [][2]int{{0, 20}}},
	{"x \x7f" + strings.Repeat("a", 61) + ".com", [][2]int{{3, 68}}},
	{"\u03b9ab.com", [][2]int{{1, 7}}},
	{" \u03b9ab.com", [][2]int{{1, 8}}},
	{"\u4e2dab.com", [][2]int{{1, 7}}},
	{"\u4e2d-ab.com", [][2]int{{1, 8}}},
	{"a_b.com", [][2]int{}},
	{"-a.com", [][2]int{}},
	{"http://t.co/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", [][2]int{{0, 52}}},
	{"http://t.co/" + strings.Repeat("a", 41) + "", [][2]int{}},
	{"http://t.co/aaaaa?x=1&y", [][2]int{{0, 23}}},
	{"t.co/" + strings.Repeat("a", 41) + "", [][2]int{{0, 46}}},
	{"a.com.b.com", [][2]int{{0, 11}}},
	{"a.com_b.com", [][2]int{{0, 5}}},
	{"x.http://y.com", [][2]int{{2, 14}}},
	{"ftp://x.com", [][2]int{}},
	{"https://xn--p1ai.xn--p1ai", [][2]int{{0, 25}}},
	{"xn--p1ai.com", [][2]int{{0, 12}}},
	{"xn--\u2603.com", [][2]int{}},
	{"http://xn--\u2603.com", [][2]int{}},
	{"a.\u5609\u91cc\u5927\u9152\u5e97", [][2]int{{0, 7}}},
	{"a.\u5609\u91cc\u5927\u9152\u5e97x", [][2]int{{0, 4}}},
	{"a.\u092d\u093e\u0930\u0924\u092e\u094d", [][2]int{{0, 8}}},
	{"a.verm\u00f6gensberater", [][2]int{{0, 18}}},
	{"a.comm", [][2]int{}},
	{"a.com@b", [][2]int{}},
	{"a.com+b", [][2]int{}},
	{"a.co1", [][2]int{}},
	{"http://example.com/" + strings.Repeat("a", 4070) + "", [][2]int{{0, 4089}}},
	{"http://example.com/" + strings.Repeat("a", 4071) + "", [][2]int{}},
	{"example.com/" + strings.Repeat("a", 4076) + "", [][2]int{{0, 4088}}},
	{"example.com/" + strings.Repeat("a", 4077) + "", [][2]int{}},
	{"a\u3002b.com", [][2]int{{2, 7}}},
	{"a\uff0eb.com", [][2]int{{2, 7}}},
	{" a\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002\u3002.com", [][2]int{}},
	{" \U0001f600" + strings.Repeat("a", 50) + ".com", [][2]int{{3, 57}}},
	{"@\U0001f600" + strings.Repeat("a", 50) + ".com", [][2]int{{3, 57}}},
	{" \U0001f600" + strings.Repeat("a", 51) + ".com", [][2]int{{3, 58}}},
	{"@\U0001f600" + strings.Repeat("a", 51) + ".com", [][2]int{{3, 58}}},
	{" \U0001f600" + strings.Repeat("a", 52) + ".com", [][2]int{{3, 59}}},
	{"@\U0001f600" + strings.Repeat("a", 52) + ".com", [][2]int{{3, 59}}},
	{" \U0001f600" + strings.Repeat("a", 53) + ".com", [][2]int{}},
	{"@\U0001f600" + strings.Repeat("a", 53) + ".com", [][2]int{{3, 60}}},
	{" \U0001f600" + strings.Repeat("a", 54) + ".com", [][2]int{}},
	{"@\U0001f600" + strings.Repeat("a", 54) + ".com", [][2]int{}},
	{" \U0001f600" + strings.Repeat("a", 55) + ".com", [][2]int{}},
	{"@\U0001f600" + strings.Repeat("a", 55) + ".com", [][2]int{}},
	{" \U0001f600" + strings.Repeat("a", 56) + ".com", [][2]int{}},
	{"@\U0001f600" + strings.Repeat("a", 56) + ".com", [][2]int{}},
	{" \U0001f600" + strings.Repeat("a", 57) + ".com", [][2]int{}},
	{"@\U0001f600" + strings.Repeat("a", 57) + ".com", [][2]int{}},
	{" \U0001f600" + strings.Repeat("a", 58) + ".com", [][2]int{}},
	{"@\U0001f600" + strings.Repeat("a", 58) + ".com", [][2]int{}},
	{" \U0001f600" + strings.Repeat("a", 59) + ".com", [][2]int{}},
	{"@\U0001f600" + strings.Repeat("a", 59) + ".com", [][2]int{}},
	{" \U0001f600" + strings.Repeat("a", 60) + ".com", [][2]int{}},
	{"@\U0001f600" + strings.Repeat("a", 60) + ".com", [][2]int{}},
}

func TestKnownCases(t *testing.T) {
	for _, c := range knownCases {
		got := URLs(c.text)
		ok := len(got) == len(c.indices)
		for i := 0; ok && i < len(got); i++ {
			ok = got[i].Start16 == c.indices[i][0] && got[i].End16 == c.indices[i][1]
		}
		if !ok {
			var ind [][2]int
			for _, u := range got {
				ind = append(ind, [2]int{u.Start16, u.End16})
			}
			t.Errorf("%+q: got %v, want %v", c.text, ind, c.indices)
		}
	}
}
