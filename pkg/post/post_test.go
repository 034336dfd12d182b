package post

import "testing"

func TestLocate(t *testing.T) {
	p := &Post{Text: "ab🎉c\nx\u0301yz\r\nq", Source: Source{File: "f", Pos: Pos{Line: 4, Column: 3}, Verbatim: true}}
	tests := []struct {
		off  int
		want Pos
	}{
		{0, Pos{4, 3}},
		{2, Pos{4, 5}},                    // after "ab"
		{6, Pos{4, 6}},                    // after the emoji: one column
		{8, Pos{5, 1}},                    // start of the second line
		{len("ab🎉c\nx\u0301"), Pos{5, 2}}, // x + combining mark is one column
		{len(p.Text), Pos{6, 2}},
		{-5, Pos{4, 3}},
		{1000, Pos{6, 2}},
	}
	for _, tt := range tests {
		if got := p.Locate(tt.off); got != tt.want {
			t.Errorf("Locate(%d) = %+v, want %+v", tt.off, got, tt.want)
		}
	}
	p.Source.Verbatim = false
	if got := p.Locate(8); got != (Pos{4, 3}) {
		t.Errorf("not verbatim: Locate(8) = %+v, want the text's start", got)
	}
	if !(Pos{}).IsZero() || (Pos{1, 1}).IsZero() {
		t.Error("IsZero")
	}
}
