package split

import (
	"errors"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/tweetlen/tweetlen/pkg/profile"
)

// graphemes is a measure counting grapheme clusters, fitting at most limit.
func graphemes(limit int) Measure {
	return func(c Candidate) (int, bool) {
		n := uniseg.GraphemeClusterCount(c.Text)
		return n, n <= limit
	}
}

func twitterLimit(limit int) Measure { return ForProfile(profile.Default().WithLimit(limit)) }

func TestSplit(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		measure Measure
		opts    Options
		want    []string // the parts' texts
	}{
		{
			name: "fits whole", text: "  Short enough.  \n", measure: graphemes(20),
			want: []string{"Short enough."},
		},
		{
			name: "paragraph first", measure: graphemes(40),
			text: "First paragraph, short.\n\nSecond one. It has two sentences.",
			want: []string{"First paragraph, short.", "Second one. It has two sentences."},
		},
		{
			// The paragraph break would keep 4 characters of 39: too little;
			// the last sentence boundary keeps enough.
			name: "a paragraph break too early falls to a sentence", measure: graphemes(40),
			text: "Hi.\n\nThis is a sentence. And this one goes on and on.",
			want: []string{"Hi.\n\nThis is a sentence.", "And this one goes on and on."},
		},
		{
			name: "sentence, then word", measure: graphemes(30),
			text: "One sentence here. Then a much longer sentence that has to be cut between words.",
			want: []string{"One sentence here.", "Then a much longer sentence", "that has to be cut between", "words."},
		},
		{
			// "Short." keeps 6 of 29: the word boundary wins.
			name: "a sentence boundary too early falls to a word", measure: graphemes(30),
			text: "Short. Then a much longer sentence that goes on.",
			want: []string{"Short. Then a much longer", "sentence that goes on."},
		},
		{
			name: "long compound cut between graphemes", measure: graphemes(12),
			text: "Donaudampfschifffahrtsgesellschaft",
			want: []string{"Donaudampfsc", "hifffahrtsge", "sellschaft"},
		},
		{
			name: "a word boundary too early falls to graphemes", measure: graphemes(12),
			text: "A Donaudampfschifffahrt",
			want: []string{"A Donaudampf", "schifffahrt"},
		},
		{
			name: "Japanese: after 。, never before it", measure: graphemes(12),
			text: "日本語の文章は、スペースを使いません。次の文です。",
			want: []string{"日本語の文章は、スペース", "を使いません。", "次の文です。"},
		},
		{
			name: "Chinese without spaces", measure: graphemes(6),
			text: "中文句子，没有空格。第二句。",
			want: []string{"中文句子，没", "有空格。", "第二句。"},
		},
		{
			name: "Thai at spaces", measure: graphemes(12),
			text: "ภาษาไทย ไม่มี การเว้นวรรค",
			want: []string{"ภาษาไทย ไม่มี", "การเว้นวรรค"},
		},
		{
			name: "a URL is never cut", measure: twitterLimit(30),
			text: "Read it at https://example.com/a/very/long/path/indeed today",
			want: []string{"Read it at", "https://example.com/a/very/long/path/indeed today"},
		},
		{
			name: "mentions, hashtags, cashtags are never cut", measure: graphemes(14),
			text: "x @someone_long #hashtagging $GOOGL.B",
			want: []string{"x", "@someone_long", "#hashtagging", "$GOOGL.B"},
		},
		{
			name: "emoji sequences and combining marks are never cut", measure: graphemes(3),
			text: "👩‍👩‍👧‍👦🇫🇷e\u0301a\u0308\u0323ก้x",
			want: []string{"👩‍👩‍👧‍👦🇫🇷", "e\u0301a\u0308\u0323ก้", "x"},
		},
		{
			name: "numbered at the end", measure: graphemes(20), opts: Options{Number: true},
			text: "One two three four five six seven eight.",
			want: []string{"One two three 1/3", "four five six 2/3", "seven eight. 3/3"},
		},
		{
			name: "numbered at the start, own format", measure: graphemes(20),
			opts: Options{Number: true, NumberAt: AtStart, NumberFormat: "({i})"},
			text: "One two three four five six seven eight.",
			want: []string{"(1) One two three", "(2) four five six", "(3) seven eight."},
		},
		{
			name: "a format starting with a newline is joined as it is", measure: graphemes(20),
			opts: Options{Number: true, NumberFormat: "\n{i}/{n}"},
			text: "One two three four five six.",
			want: []string{"One two three\n1/2", "four five six.\n2/2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts, err := Split(tt.text, tt.measure, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := texts(parts); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("parts:\n got %q\nwant %q", got, tt.want)
			}
			checkParts(t, []Item{{Text: tt.text}}, tt.opts, tt.measure, parts, nil)
		})
	}
}

// TestSplitNumberDigits checks that the split is redone when the number of
// parts changes the counters: the first split, numbered "i/1", gives 10
// parts; numbered "i/10" they still fit.
func TestSplitNumberDigits(t *testing.T) {
	text := strings.Repeat("abcdef ", 10)
	parts, err := Split(text, graphemes(12), Options{Number: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 10 || parts[0].Text != "abcdef 1/10" || parts[9].Text != "abcdef 10/10" {
		t.Errorf("got %q", texts(parts))
	}
	// With 11 characters "abcdef 10/10" does not fit: the last word is
	// cut, which makes 11 parts, numbered "i/11".
	parts, err = Split(text, graphemes(11), Options{Number: true})
	if err != nil || len(parts) != 11 || parts[9].Text != "abcde 10/11" || parts[10].Text != "f 11/11" {
		t.Errorf("got %q, %v", texts(parts), err)
	}
	// A mention cannot be cut: "@abcde 1/10" does not fit in 10.
	_, err = Split(strings.Repeat("@abcde ", 10), graphemes(10), Options{Number: true})
	var ue *UnbreakableError
	if !errors.As(err, &ue) || ue.Unit != "@abcde" || ue.What != "the mention" || ue.Number != "1/10" || ue.Count != 11 {
		t.Errorf("got %v", err)
	}
}

func TestSplitItems(t *testing.T) {
	items := []Item{
		{Text: "First item, which is long enough to be split in two."},
		{Text: "  \n"},
		{Text: "Third ![a cat sitting on a mat](cat.png) item."},
	}
	items[2].Keep = [][2]int{{6, 40}}
	parts, err := SplitItems(items, graphemes(40), Options{Number: true, NumberFormat: "{i}."})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"First item, which is long enough to 1.", "be split in two. 2.", "3.", "Third 4.", "![a cat sitting on a mat](cat.png) 5.", "item. 6."}
	if got := texts(parts); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if parts[2].Item != 1 || parts[2].Body != "" || parts[4].Item != 2 || parts[4].Start != 6 || parts[4].End != 40 {
		t.Errorf("items and offsets: %+v", parts)
	}
}

func TestSplitErrors(t *testing.T) {
	_, err := Split("see https://example.com/a/long/path", twitterLimit(20), Options{})
	var ue *UnbreakableError
	if !errors.As(err, &ue) || ue.What != "the URL" || ue.Start != 4 || ue.End != 35 || ue.Count != 23 {
		t.Fatalf("URL: %#v", err)
	}
	if got, want := err.Error(), `the URL "https://example.com/a/long/path" cannot be cut and does not fit in a part on its own (the part would count 23)`; got != want {
		t.Errorf("message %q\nwant %q", got, want)
	}
	_, err = Split("@someone_with_a_long_name", graphemes(10), Options{})
	if !errors.As(err, &ue) || ue.What != "the mention" {
		t.Errorf("mention: %v", err)
	}
	_, err = Split("ab 👩‍👩‍👧‍👦", func(c Candidate) (int, bool) { n := len(c.Text); return n, n <= 5 }, Options{})
	if !errors.As(err, &ue) || ue.What != "the character" || ue.Unit != "👩‍👩‍👧‍👦" {
		t.Errorf("emoji: %v", err)
	}
	_, err = Split("", graphemes(2), Options{Number: true})
	if !errors.As(err, &ue) || ue.What != "the counter" || err.Error() != `the counter "1/1" cannot be cut and does not fit in a part on its own (the part would count 3 with the counter "1/1")` {
		t.Errorf("counter: %v", err)
	}

	_, err = Split(strings.Repeat("word ", 30), graphemes(20), Options{MaxParts: 5})
	var tm *TooManyPartsError
	if !errors.As(err, &tm) || tm.Need != 8 || tm.Max != 5 || err.Error() != "the thread needs 8 parts, more than the 5 allowed" {
		t.Errorf("max parts: %v", err)
	}
	if _, err := Split("x", graphemes(20), Options{MaxParts: -1}); err == nil {
		t.Error("negative MaxParts: no error")
	}
	if _, err := Split("x", graphemes(20), Options{Number: true, NumberFormat: "part"}); err == nil || err.Error() != `the number format "part" holds neither {i} nor {n}` {
		t.Errorf("bad format: %v", err)
	}
}

// TestSplitUnsettled checks measures under which the number of parts does
// not settle at once.
func TestSplitUnsettled(t *testing.T) {
	penalty := func(suffixes ...string) Measure {
		return func(c Candidate) (int, bool) {
			n := len(c.Text)
			for _, s := range suffixes {
				if strings.HasSuffix(c.Text, s) {
					n += 20
				}
			}
			return n, n <= 30
		}
	}
	text := "aaaa bbbb cccc dddd eeee ffff gggg"
	for _, tt := range []struct {
		name    string
		measure Measure
		want    []string
	}{
		// "/1" costs 20 more: 1 → 7 parts; "/7" is free: 7 → 2 parts, which
		// fit numbered "/2".
		{"fewer parts are numbered with their number", penalty("/1"),
			[]string{"aaaa bbbb cccc dddd eeee 1/2", "ffff gggg 2/2"}},
		// "/1" and "/2" cost 20 more: 1 → 7 parts, 7 → 2, which do not fit
		// numbered "/2"; 2 → 7 again: the 7 parts numbered "/7" fit.
		{"a cycle", penalty("/1", "/2"),
			[]string{"aaaa 1/7", "bbbb 2/7", "cccc 3/7", "dddd 4/7", "eeee 5/7", "ffff 6/7", "gggg 7/7"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parts, err := Split(text, tt.measure, Options{Number: true})
			if err != nil {
				t.Fatal(err)
			}
			checkParts(t, []Item{{Text: text}}, Options{Number: true}, tt.measure, parts, nil)
			ref, refErr := refSplit([]Item{{Text: text}}, tt.measure, Options{Number: true})
			sameParts(t, parts, err, ref, refErr)
			if got := texts(parts); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		measure  Measure
		ellipsis string
		want     string
		rank     Rank
	}{
		{name: "fits", text: "all of it ", measure: graphemes(10), want: "all of it ", rank: End},
		{name: "word", text: "Cut this sentence short, please.", measure: graphemes(20), want: "Cut this sentence", rank: Word},
		{name: "ellipsis counted", text: "Cut this sentence short, please.", measure: graphemes(17), ellipsis: "…", want: "Cut this…", rank: Word},
		{name: "grapheme", text: "Donaudampfschifffahrt", measure: graphemes(10), ellipsis: "…", want: "Donaudamp…", rank: Grapheme},
		{name: "URL kept whole or not at all", text: "see https://example.com/path", measure: twitterLimit(25), want: "see", rank: Word},
		{name: "emoji", text: "👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦", measure: graphemes(2), want: "👩‍👩‍👧‍👦👩‍👩‍👧‍👦", rank: Word},
		{name: "combining", text: "e\u0301e\u0301e\u0301", measure: graphemes(2), want: "e\u0301e\u0301", rank: Grapheme},
		{name: "nothing fits", text: "@mention_too_long", measure: graphemes(3), ellipsis: "…", want: "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Fit(tt.text, tt.measure, FitOptions{Ellipsis: tt.ellipsis})
			if r.Text != tt.want || r.Rank != tt.rank || !r.OK {
				t.Errorf("got %+v, want %q at a %v boundary", r, tt.want, tt.rank)
			}
			if r.Cut != (tt.rank != End) || r.Text != tt.text[:r.End]+map[bool]string{true: tt.ellipsis}[r.Cut] {
				t.Errorf("got %+v: End or Cut wrong", r)
			}
			if count, ok := tt.measure(Candidate{Text: r.Text}); !ok || count != r.Count {
				t.Errorf("%q counts %d (fits %v), result says %d", r.Text, count, ok, r.Count)
			}
		})
	}
}

func TestRankString(t *testing.T) {
	for r, want := range map[Rank]string{Grapheme: "grapheme", Word: "word", Sentence: "sentence", Paragraph: "paragraph", End: "end", 0: "none"} {
		if r.String() != want {
			t.Errorf("%d: %q", r, r.String())
		}
	}
}
