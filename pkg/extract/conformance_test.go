package extract

import (
	"testing"
	"unicode/utf16"

	"github.com/tweetlen/tweetlen/internal/conformance"
)

// conformanceCase is one case of extract.yml or tlds.yml. Expected holds
// either URL strings or {url, indices} maps (indices in UTF-16 code units).
type conformanceCase struct {
	Description string `yaml:"description"`
	Text        string `yaml:"text"`
	Expected    []any  `yaml:"expected"`
}

// text16 returns the substring of text between UTF-16 offsets.
func text16(text string, start, end int) string {
	u := utf16.Encode([]rune(text))
	if start < 0 || end > len(u) || start > end {
		return "<out of range>"
	}
	return string(utf16.Decode(u[start:end]))
}

func checkCase(t *testing.T, c conformanceCase) {
	t.Helper()
	got := URLs(c.Text)
	if len(got) != len(c.Expected) {
		t.Fatalf("text %+q: got %d URLs %v, want %v", c.Text, len(got), got, c.Expected)
	}
	for i, e := range c.Expected {
		g := got[i]
		if s := c.Text[g.Start:g.End]; s != text16(c.Text, g.Start16, g.End16) {
			t.Errorf("URL %d: bytes give %q but UTF-16 offsets give %q", i, s, text16(c.Text, g.Start16, g.End16))
		}
		gotURL := c.Text[g.Start:g.End]
		switch e := e.(type) {
		case string:
			if gotURL != e {
				t.Errorf("text %+q: URL %d = %q, want %q", c.Text, i, gotURL, e)
			}
		case map[string]any:
			if gotURL != e["url"] {
				t.Errorf("text %+q: URL %d = %q, want %q", c.Text, i, gotURL, e["url"])
			}
			idx, _ := e["indices"].([]any)
			if len(idx) != 2 || idx[0] != g.Start16 || idx[1] != g.End16 {
				t.Errorf("text %+q: URL %d indices [%d %d], want %v", c.Text, i, g.Start16, g.End16, idx)
			}
		default:
			t.Fatalf("unexpected expectation %T", e)
		}
	}
}

func TestConformanceExtract(t *testing.T) {
	var v struct {
		Tests struct {
			URLs          []conformanceCase `yaml:"urls"`
			WithIndices   []conformanceCase `yaml:"urls_with_indices"`
			Directional   []conformanceCase `yaml:"urls_with_directional_markers"`
			TcoWithParams []conformanceCase `yaml:"tco_urls_with_params"`
		} `yaml:"tests"`
	}
	conformance.Load(t, "extract.yml", &v)
	sections := map[string][]conformanceCase{
		"urls":                          v.Tests.URLs,
		"urls_with_indices":             v.Tests.WithIndices,
		"urls_with_directional_markers": v.Tests.Directional,
		"tco_urls_with_params":          v.Tests.TcoWithParams,
	}
	for _, section := range []string{"urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params"} {
		cases := sections[section]
		if len(cases) == 0 {
			t.Fatalf("extract.yml: section %s is empty", section)
		}
		t.Run(section, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.Description, func(t *testing.T) { checkCase(t, c) })
			}
		})
	}
}

func TestConformanceTLDs(t *testing.T) {
	var v struct {
		Tests map[string][]conformanceCase `yaml:"tests"`
	}
	conformance.Load(t, "tlds.yml", &v)
	for _, section := range []string{"country", "generic"} {
		cases := v.Tests[section]
		if len(cases) == 0 {
			t.Fatalf("tlds.yml: section %s is empty", section)
		}
		t.Run(section, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.Description, func(t *testing.T) { checkCase(t, c) })
			}
		})
	}
}
