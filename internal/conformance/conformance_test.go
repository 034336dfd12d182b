package conformance

import "testing"

// TestLoadDecodesNonCharacters checks that the YAML decoder keeps the
// \uFFFE and \uFFFF escapes of validate.yml (see counting-rules.md §10.5).
func TestLoadDecodesNonCharacters(t *testing.T) {
	var doc struct {
		Tests map[string][]struct {
			Description string `yaml:"description"`
			Text        string `yaml:"text"`
		} `yaml:"tests"`
	}
	Load(t, "validate.yml", &doc)
	found := 0
	for _, c := range doc.Tests["UnicodeDirectionalMarkerCounterTest"] {
		for _, r := range c.Text {
			if r == 0xFFFE || r == 0xFFFF || r == 0xFEFF {
				found++
			}
		}
	}
	if found == 0 {
		t.Fatal("no U+FFFE/U+FEFF/U+FFFF decoded from validate.yml's invalid-character cases")
	}
}
