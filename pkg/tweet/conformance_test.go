package tweet

import (
	"fmt"
	"testing"

	"github.com/tweetlen/tweetlen/internal/conformance"
)

// The parse-related sections of twitter-text's conformance suite (see
// counting-rules.md §11): 52 cases at HEAD plus the 8 classic `lengths`
// cases of v1.14.7. The data is read from shared/conformance (or
// $TWEETLEN_CONFORMANCE) and never copied into the repository.

// confParseCase is a case whose expected value is a full parseTweet result.
type confParseCase struct {
	Description string `yaml:"description"`
	Text        string `yaml:"text"`
	Expected    struct {
		WeightedLength    int  `yaml:"weightedLength"`
		Valid             bool `yaml:"valid"`
		Permillage        int  `yaml:"permillage"`
		DisplayRangeStart int  `yaml:"displayRangeStart"`
		DisplayRangeEnd   int  `yaml:"displayRangeEnd"`
		ValidRangeStart   int  `yaml:"validRangeStart"`
		ValidRangeEnd     int  `yaml:"validRangeEnd"`
	} `yaml:"expected"`
}

// confBoolCase is a `tweets` case: expected is the validity.
type confBoolCase struct {
	Description string `yaml:"description"`
	Text        string `yaml:"text"`
	Expected    bool   `yaml:"expected"`
}

// confIntCase is a legacy `lengths` case: expected is the weighted length.
type confIntCase struct {
	Description string `yaml:"description"`
	Text        string `yaml:"text"`
	Expected    int    `yaml:"expected"`
}

type confValidateFile struct {
	Tests struct {
		Tweets           []confBoolCase  `yaml:"tweets"`
		Weighted         []confParseCase `yaml:"WeightedTweetsCounterTest"`
		WeightedEmoji    []confParseCase `yaml:"WeightedTweetsWithDiscountedEmojiCounterTest"`
		DirectionalMarks []confParseCase `yaml:"UnicodeDirectionalMarkerCounterTest"`
	} `yaml:"tests"`
}

type confLegacyFile struct {
	Tests struct {
		Lengths []confIntCase `yaml:"lengths"`
	} `yaml:"tests"`
}

// confSectionSizes are the section sizes of counting-rules.md §11. A change means
// the data or its decoding changed, which must not go unnoticed.
var confSectionSizes = map[string]int{
	"tweets":                    8,
	"WeightedTweetsCounterTest": 20,
	"WeightedTweetsWithDiscountedEmojiCounterTest": 22,
	"UnicodeDirectionalMarkerCounterTest":          2,
	"lengths":                                      8,
}

func confCheckCount(t *testing.T, section string, n int) {
	t.Helper()
	if want := confSectionSizes[section]; n != want {
		t.Errorf("section %s has %d cases, want %d", section, n, want)
	}
}

func TestConformance(t *testing.T) {
	var v confValidateFile
	conformance.Load(t, "validate.yml", &v)

	// The YAML decoder must keep \uFFFE / \uFFFF: without them the
	// invalid-character case would silently test nothing.
	if dm := v.Tests.DirectionalMarks; len(dm) > 0 && dm[0].Text != "ABC\u202A\uFFFFABC\uFFFE" {
		t.Fatalf("validate.yml decoded %+q for the invalid-character case, want %+q", dm[0].Text, "ABC\u202A\uFFFFABC\uFFFE")
	}

	t.Run("tweets", func(t *testing.T) {
		confCheckCount(t, "tweets", len(v.Tests.Tweets))
		for _, c := range v.Tests.Tweets {
			t.Run(c.Description, func(t *testing.T) {
				got := Parse(c.Text, V1)
				if got.Valid != c.Expected {
					t.Errorf("Parse(%+q, V1).Valid = %v, want %v (result %+v)", c.Text, got.Valid, c.Expected, got)
				}
			})
		}
	})
	parseSections := []struct {
		name  string
		cfg   Config
		cases []confParseCase
	}{
		{"WeightedTweetsCounterTest", V2, v.Tests.Weighted},
		{"WeightedTweetsWithDiscountedEmojiCounterTest", V3, v.Tests.WeightedEmoji},
		{"UnicodeDirectionalMarkerCounterTest", V3, v.Tests.DirectionalMarks},
	}
	for _, s := range parseSections {
		t.Run(s.name, func(t *testing.T) {
			confCheckCount(t, s.name, len(s.cases))
			for _, c := range s.cases {
				t.Run(c.Description, func(t *testing.T) {
					e := c.Expected
					want := oracleResult{e.WeightedLength, e.Valid, e.Permillage, e.ValidRangeStart, e.ValidRangeEnd, e.DisplayRangeStart, e.DisplayRangeEnd}
					if d := oracleDiff(Parse(c.Text, s.cfg), want); d != "" {
						t.Errorf("Parse(%s, V%d):\n%s", oracleQuote(c.Text), s.cfg.Version, d)
					}
				})
			}
		})
	}

	t.Run("legacy-v1.14.7/lengths", func(t *testing.T) {
		var l confLegacyFile
		conformance.Load(t, "legacy/v1.14.7/validate.yml", &l)
		confCheckCount(t, "lengths", len(l.Tests.Lengths))
		for _, c := range l.Tests.Lengths {
			t.Run(c.Description, func(t *testing.T) {
				if got := Parse(c.Text, V1); got.WeightedLength != c.Expected {
					t.Errorf("Parse(%+q, V1).WeightedLength = %d, want %d (result %+v)", c.Text, got.WeightedLength, c.Expected, got)
				}
			})
		}
	})
}

// oracleResult holds the seven fields that twitter-text's parseTweet returns,
// with its JSON names (as written by reference/ref.js and record.js).
type oracleResult struct {
	WeightedLength    int  `json:"weightedLength"`
	Valid             bool `json:"valid"`
	Permillage        int  `json:"permillage"`
	ValidRangeStart   int  `json:"validRangeStart"`
	ValidRangeEnd     int  `json:"validRangeEnd"`
	DisplayRangeStart int  `json:"displayRangeStart"`
	DisplayRangeEnd   int  `json:"displayRangeEnd"`
}

// oracleFields lists the seven fields by name, ours next to the reference's.
func oracleFields(got Result, want oracleResult) []struct {
	name      string
	got, want any
} {
	return []struct {
		name      string
		got, want any
	}{
		{"weightedLength", got.WeightedLength, want.WeightedLength},
		{"valid", got.Valid, want.Valid},
		{"permillage", got.Permillage, want.Permillage},
		{"validRangeStart", got.ValidRangeStart, want.ValidRangeStart},
		{"validRangeEnd", got.ValidRangeEnd, want.ValidRangeEnd},
		{"displayRangeStart", got.DisplayRangeStart, want.DisplayRangeStart},
		{"displayRangeEnd", got.DisplayRangeEnd, want.DisplayRangeEnd},
	}
}

// oracleDiff returns "" when got matches want in all seven fields, or one line
// per differing field.
func oracleDiff(got Result, want oracleResult) string {
	var s string
	for _, f := range oracleFields(got, want) {
		if f.got != f.want {
			s += fmt.Sprintf("\t%-17s got %v, want %v\n", f.name, f.got, f.want)
		}
	}
	return s
}
