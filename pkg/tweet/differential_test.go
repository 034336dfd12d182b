package tweet

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tweetlen/tweetlen/internal/reftest"
)

var (
	diffSeed = flag.Uint64("tweet.seed", 0, "seed of TestDifferential's text generator (0: a new seed each run; the seed used is logged)")
	diffN    = flag.Int("tweet.n", 20000, "number of texts TestDifferential generates")
	diffU16  = flag.Bool("tweet.unicode16", false, "let TestDifferential generate sequences that only Unicode 16+ NFC composes (node's ICU does)")
)

// diffAnswer is one line of reference/ref.js's "parse" output.
type diffAnswer struct {
	ID int          `json:"id"`
	V1 oracleResult `json:"v1"`
	V2 oracleResult `json:"v2"`
	V3 oracleResult `json:"v3"`
}

// diffConfigs are the configs compared, with the reference's answer for each.
var diffConfigs = []struct {
	name string
	cfg  Config
	want func(*diffAnswer) oracleResult
}{
	{"V1", V1, func(a *diffAnswer) oracleResult { return a.V1 }},
	{"V2", V2, func(a *diffAnswer) oracleResult { return a.V2 }},
	{"V3", V3, func(a *diffAnswer) oracleResult { return a.V3 }},
}

// TestDifferential generates texts from the grammar in testgrammar_test.go
// and compares Parse with twitter-text@3.1.0 (run under node) on every
// field, for V1, V2 and V3. Reproduce a run with -tweet.seed=N (the seed is
// logged and printed on failure); -tweet.n sets the number of texts.
func TestDifferential(t *testing.T) {
	reftest.Require(t)
	seed := reftest.Seed(t, *diffSeed)
	t.Logf("seed %d (reproduce with: go test ./pkg/tweet -run TestDifferential -tweet.seed=%d -tweet.n=%d)", seed, seed, *diffN)

	g := &textGen{r: rand.New(rand.NewPCG(seed, 0x7477656574_6c656e)), unicode16: *diffU16}
	pieces := make([][]string, *diffN)
	texts := make([]string, *diffN)
	for i := range texts {
		pieces[i] = g.text()
		texts[i] = strings.Join(pieces[i], "")
	}
	start := time.Now()
	answers, err := diffRunReference(texts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reference answered %d texts in %v", len(texts), time.Since(start).Round(time.Millisecond))
	diffLogCoverage(t, texts, answers)
	start = time.Now()

	type failure struct {
		i     int
		cfg   string
		diffs []string
	}
	var failures, invariantFailures []failure
	byField := map[string]int{}
	for i, text := range texts {
		o := newOracleText(text)
		for _, c := range diffConfigs {
			got := Parse(text, c.cfg)
			want := c.want(&answers[i])
			var diffs []string
			for _, f := range oracleFields(got, want) {
				if f.got != f.want {
					diffs = append(diffs, fmt.Sprintf("%s: ours %v, reference %v", f.name, f.got, f.want))
					byField[c.name+" "+f.name]++
				}
			}
			if diffs != nil {
				failures = append(failures, failure{i, c.name, diffs})
				continue
			}
			if msgs := oracleCheckGoFields(o, got, want); msgs != nil {
				invariantFailures = append(invariantFailures, failure{i, c.name, msgs})
			}
		}
	}
	t.Logf("compared in %v", time.Since(start).Round(time.Millisecond))
	if len(failures) == 0 && len(invariantFailures) == 0 {
		return
	}

	var b strings.Builder
	fmt.Fprintf(&b, "seed %d: %d of %d texts×configs differ from twitter-text, %d break the Go-only field invariants\n", seed, len(failures), 3*len(texts), len(invariantFailures))
	if len(byField) > 0 {
		keys := make([]string, 0, len(byField))
		for k := range byField {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("differences by config and field:")
		for _, k := range keys {
			fmt.Fprintf(&b, " [%s: %d]", k, byField[k])
		}
		b.WriteString("\n")
	}
	show := func(title string, fs []failure) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s (first %d of %d):\n", title, min(10, len(fs)), len(fs))
		for _, f := range fs[:min(10, len(fs))] {
			fmt.Fprintf(&b, "  text #%d %s %s\n", f.i, f.cfg, diffQuote(texts[f.i]))
			for _, d := range f.diffs {
				fmt.Fprintf(&b, "      %s\n", d)
			}
		}
	}
	show("differences", failures)
	show("invariant failures", invariantFailures)

	// Shrink the first few differing texts piece by piece, keeping any
	// difference in the same config, so that the report has small inputs.
	var toShrink [][]string
	var cfgs []string
	seen := map[int]bool{}
	for _, f := range failures {
		if !seen[f.i] && len(toShrink) < 5 {
			seen[f.i] = true
			toShrink = append(toShrink, pieces[f.i])
			cfgs = append(cfgs, f.cfg)
		}
	}
	if len(toShrink) > 0 {
		b.WriteString("shrunk differences (Go literals):\n")
		for k, p := range diffShrink(toShrink, cfgs, 10*time.Second) {
			text := strings.Join(p, "")
			a, err := diffRunReference([]string{text})
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "  %s %+q\n", cfgs[k], text)
			for _, c := range diffConfigs {
				if d := oracleDiff(Parse(text, c.cfg), c.want(&a[0])); d != "" {
					fmt.Fprintf(&b, "    %s:\n%s", c.name, strings.ReplaceAll(d, "\t", "      "))
				}
			}
		}
	}
	t.Error(b.String())
}

func diffConfigByName(name string) Config {
	for _, c := range diffConfigs {
		if c.name == name {
			return c.cfg
		}
	}
	panic("unknown config " + name)
}

// diffQuote is %+q of text when it is short, and oracleQuote's abbreviated
// form when it is long.
func diffQuote(text string) string {
	if len(text) <= 400 {
		return fmt.Sprintf("%+q", text)
	}
	return oracleQuote(text)
}

// diffRunReference runs reference/ref.js over texts in two concurrent
// batches (the machines have 2 cores) and decodes its answers.
func diffRunReference(texts []string) ([]diffAnswer, error) {
	const batches = 2
	answers := make([]diffAnswer, len(texts))
	errs := make([]error, batches)
	var wg sync.WaitGroup
	per := (len(texts) + batches - 1) / batches
	for b := range batches {
		lo, hi := min(b*per, len(texts)), min((b+1)*per, len(texts))
		if lo == hi {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			raw, err := reftest.Run("parse", texts[lo:hi])
			if err != nil {
				errs[b] = err
				return
			}
			for j, r := range raw {
				a := &answers[lo+j]
				if err := json.Unmarshal(r, a); err != nil {
					errs[b] = fmt.Errorf("answer %d: %v: %s", lo+j, err, r)
					return
				}
				if a.ID != j {
					errs[b] = fmt.Errorf("answer %d has id %d, want %d", lo+j, a.ID, j)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return answers, nil
}

// diffShrink greedily removes runs of pieces from each text while Parse
// still differs from the reference under the given config, one batch of
// candidates per round for all texts at once, until nothing more can be
// removed or the time budget runs out.
func diffShrink(texts [][]string, cfgs []string, budget time.Duration) [][]string {
	deadline := time.Now().Add(budget)
	cur := append([][]string(nil), texts...)
	done := make([]bool, len(cur))
	for time.Now().Before(deadline) {
		type cand struct {
			k      int
			pieces []string
		}
		var cands []cand
		for k, p := range cur {
			if done[k] {
				continue
			}
			// Remove runs of pieces, longest first.
			for size := len(p) / 2; size >= 1; size /= 2 {
				for at := 0; at+size <= len(p); at += size {
					q := append(append([]string{}, p[:at]...), p[at+size:]...)
					cands = append(cands, cand{k, q})
				}
			}
			// Or split a multi-rune piece in two, to find the rune that matters.
			for at, piece := range p {
				if r := []rune(piece); len(r) > 1 {
					q := append(append([]string{}, p[:at]...), string(r[:len(r)/2]), string(r[len(r)/2:]))
					cands = append(cands, cand{k, append(q, p[at+1:]...)})
				}
			}
		}
		if len(cands) == 0 {
			break
		}
		texts := make([]string, len(cands))
		for i, c := range cands {
			texts[i] = strings.Join(c.pieces, "")
		}
		answers, err := diffRunReference(texts)
		if err != nil {
			break
		}
		progressed := make([]bool, len(cur))
		for i, c := range cands {
			if progressed[c.k] {
				continue
			}
			cfg := diffConfigByName(cfgs[c.k])
			var want oracleResult
			for _, dc := range diffConfigs {
				if dc.name == cfgs[c.k] {
					want = dc.want(&answers[i])
				}
			}
			if oracleDiff(Parse(texts[i], cfg), want) != "" && len(texts[i]) <= len(strings.Join(cur[c.k], "")) {
				cur[c.k] = c.pieces
				progressed[c.k] = true
			}
		}
		for k := range cur {
			if !progressed[k] {
				done[k] = true
			}
		}
	}
	return cur
}

// diffLogCoverage logs how the generated texts spread around the limits,
// by the reference's answers, so that a grammar change that stops crossing
// them shows up in -v output.
func diffLogCoverage(t *testing.T, texts []string, answers []diffAnswer) {
	var runes, empty, near140, near280, invalidChar, v1Valid, v2Valid, v3Only int
	for i, text := range texts {
		n := len([]rune(text))
		runes += n
		if n == 0 {
			empty++
		}
		a := &answers[i]
		if w := a.V1.WeightedLength; w >= 130 && w <= 150 {
			near140++
		}
		if w := a.V2.WeightedLength; w >= 270 && w <= 290 {
			near280++
		}
		if strings.ContainsAny(text, "\uFFFE\uFEFF\uFFFF") {
			invalidChar++
		}
		if a.V1.Valid {
			v1Valid++
		}
		if a.V2.Valid {
			v2Valid++
		}
		if a.V3.Valid && !a.V2.Valid {
			v3Only++
		}
	}
	t.Logf("coverage: %d texts, mean %d code points, %d empty, %d with V1 length 130..150, %d with V2 length 270..290, %d with an invalid character; valid under V1 %d, V2 %d, V3 but not V2 %d",
		len(texts), runes/max(1, len(texts)), empty, near140, near280, invalidChar, v1Valid, v2Valid, v3Only)
}
