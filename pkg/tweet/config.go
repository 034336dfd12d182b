package tweet

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Config is a twitter-text counting configuration, with the same fields and
// meaning as the JSON files in twitter-text's config/ folder.
//
// Weights are scaled integers: a code point of weight [Config.Scale] costs one
// unit of the limit. With V2 and V3, Scale is 100, so a Latin letter (weight
// 100) costs 1 and a CJK character (weight 200) costs 2.
type Config struct {
	// Version is the config's version number (informational).
	Version int `json:"version"`
	// MaxWeightedTweetLength is the limit, in units of weight/Scale.
	MaxWeightedTweetLength int `json:"maxWeightedTweetLength"`
	// Scale divides the summed weights to give the weighted length.
	Scale int `json:"scale"`
	// DefaultWeight is the weight of a code point outside every range, and of
	// each emoji sequence when EmojiParsingEnabled is set.
	DefaultWeight int `json:"defaultWeight"`
	// EmojiParsingEnabled makes every emoji sequence that twemoji-parser
	// 11.0.2 recognises cost DefaultWeight, however many code points it has.
	EmojiParsingEnabled bool `json:"emojiParsingEnabled"`
	// TransformedURLLength is what each URL costs, in units (before Scale):
	// the length of a t.co link.
	TransformedURLLength int `json:"transformedURLLength"`
	// Ranges give the weight of the code points they cover. The first range
	// containing a code point wins.
	Ranges []WeightRange `json:"ranges"`
}

// WeightRange gives Weight to the code points Start through End (inclusive).
type WeightRange struct {
	Start  rune `json:"start"`
	End    rune `json:"end"`
	Weight int  `json:"weight"`
}

// lightRanges are the weight-100 ranges of twitter-text's v2 and v3 configs.
var lightRanges = []WeightRange{
	{Start: 0, End: 4351, Weight: 100},
	{Start: 8192, End: 8205, Weight: 100},
	{Start: 8208, End: 8223, Weight: 100},
	{Start: 8242, End: 8247, Weight: 100},
}

// The configs shipped with twitter-text 3.1.0 (config/v1.json, v2.json,
// v3.json). Treat them as read-only: they share their Ranges slices.
var (
	// V1 is the classic 140 rule: every NFC code point costs 1 and every URL 23.
	V1 = Config{Version: 1, MaxWeightedTweetLength: 140, Scale: 1, DefaultWeight: 1, TransformedURLLength: 23}
	// V2 is the weighted 280 rule of November 2017.
	V2 = Config{Version: 2, MaxWeightedTweetLength: 280, Scale: 100, DefaultWeight: 200, TransformedURLLength: 23, Ranges: lightRanges}
	// V3 is V2 plus emoji sequences counted as one unit of DefaultWeight.
	V3 = Config{Version: 3, MaxWeightedTweetLength: 280, Scale: 100, DefaultWeight: 200, TransformedURLLength: 23, Ranges: lightRanges, EmojiParsingEnabled: true}
)

// maxWeight bounds every weight and limit so that sums over texts of any
// practical size cannot overflow an int64.
const maxWeight = 1 << 30

// ParseConfig reads a config in twitter-text's JSON format. Unknown fields,
// trailing data and impossible values (a Scale or limit below 1, negative
// weights, a range whose end is before its start or outside Unicode) are
// errors that say which field is wrong.
func ParseConfig(r io.Reader) (Config, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var cfg Config
	if err := dec.Decode(&cfg); err != nil {
		return Config{}, describeJSONError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Config{}, errors.New("twitter-text config: unexpected data after the JSON object")
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

func describeJSONError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("twitter-text config: invalid JSON at byte %d: %v", syn.Offset, err)
	case errors.As(err, &typ):
		return fmt.Errorf("twitter-text config: field %q: want %s, got JSON %s (byte %d)", typ.Field, typ.Type, typ.Value, typ.Offset)
	case errors.Is(err, io.EOF):
		return errors.New("twitter-text config: empty input, want a JSON object")
	}
	return fmt.Errorf("twitter-text config: %v", err)
}

// Validate reports the first impossible value in cfg.
func (cfg Config) Validate() error {
	check := func(name string, v, lo int) error {
		if v < lo || v > maxWeight {
			return fmt.Errorf("twitter-text config: %s is %d, want %d to %d", name, v, lo, maxWeight)
		}
		return nil
	}
	if err := check("maxWeightedTweetLength", cfg.MaxWeightedTweetLength, 1); err != nil {
		return err
	}
	if err := check("scale", cfg.Scale, 1); err != nil {
		return err
	}
	if err := check("defaultWeight", cfg.DefaultWeight, 0); err != nil {
		return err
	}
	if err := check("transformedURLLength", cfg.TransformedURLLength, 0); err != nil {
		return err
	}
	for i, r := range cfg.Ranges {
		if r.Start < 0 || r.End > 0x10FFFF || r.End < r.Start {
			return fmt.Errorf("twitter-text config: ranges[%d] is %d..%d, want 0 <= start <= end <= 1114111", i, r.Start, r.End)
		}
		if err := check(fmt.Sprintf("ranges[%d].weight", i), r.Weight, 0); err != nil {
			return err
		}
	}
	return nil
}
