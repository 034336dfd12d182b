package tweet

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/internal/conformance"
)

// TestShippedConfigsMatchJSON checks V1, V2 and V3 against twitter-text's
// own config/v1.json, v2.json and v3.json.
func TestShippedConfigsMatchJSON(t *testing.T) {
	dir := conformance.Dir(t)
	for name, want := range map[string]Config{"v1.json": V1, "v2.json": V2, "v3.json": V3} {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, "config", name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := ParseConfig(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Ranges) == 0 {
				got.Ranges = nil
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ParseConfig(%s) = %+v, want %+v", name, got, want)
			}
		})
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, json, want string
	}{
		{"empty", ``, "empty input"},
		{"syntax", `{"scale": 1,}`, "invalid JSON at byte"},
		{"type", `{"scale": "big"}`, `field "scale"`},
		{"unknown field", `{"maxWeightedTweetLength": 140, "scael": 1}`, `unknown field "scael"`},
		{"trailing", `{"maxWeightedTweetLength":140,"scale":1,"defaultWeight":1} {}`, "after the JSON object"},
		{"zero scale", `{"maxWeightedTweetLength":140,"scale":0,"defaultWeight":1}`, "scale is 0"},
		{"no limit", `{"scale":1,"defaultWeight":1}`, "maxWeightedTweetLength is 0"},
		{"negative weight", `{"maxWeightedTweetLength":140,"scale":1,"defaultWeight":-1}`, "defaultWeight is -1"},
		{"huge weight", `{"maxWeightedTweetLength":140,"scale":1,"defaultWeight":1e12}`, `field "defaultWeight"`},
		{"reversed range", `{"maxWeightedTweetLength":140,"scale":1,"defaultWeight":1,"ranges":[{"start":10,"end":5,"weight":1}]}`, "ranges[0] is 10..5"},
		{"range past Unicode", `{"maxWeightedTweetLength":140,"scale":1,"defaultWeight":1,"ranges":[{"start":0,"end":1114112,"weight":1}]}`, "ranges[0]"},
		{"negative range weight", `{"maxWeightedTweetLength":140,"scale":1,"defaultWeight":1,"ranges":[{"start":0,"end":5,"weight":-3}]}`, "ranges[0].weight is -3"},
		{"array", `[1,2]`, "want"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig(strings.NewReader(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ParseConfig(%q) error = %v, want one containing %q", tc.json, err, tc.want)
			}
		})
	}
}

// TestCustomConfigWeights checks range lookup order and the reference's
// low-surrogate lookup for astral code points.
func TestCustomConfigWeights(t *testing.T) {
	cfg := Config{MaxWeightedTweetLength: 10, Scale: 10, DefaultWeight: 30, TransformedURLLength: 5,
		Ranges: []WeightRange{{Start: 'a', End: 'a', Weight: 10}, {Start: 'a', End: 'z', Weight: 20}, {Start: 0xDC00, End: 0xDFFF, Weight: 50}}}
	for _, tc := range []struct {
		text   string
		weight int
	}{
		{"a", 10}, {"b", 20}, {"A", 30}, {"ab", 30}, {"😀", 50}, {"a😀b", 80}, {"x.com", 50},
	} {
		if got := Parse(tc.text, cfg).Weight; got != tc.weight {
			t.Errorf("Parse(%q).Weight = %d, want %d", tc.text, got, tc.weight)
		}
	}
}
