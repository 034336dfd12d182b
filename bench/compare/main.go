// Command compare measures tweetlen against the pinned reference,
// twitter-text@3.1.0 under node, side by side on the same machine and
// corpus. Run it from the repository (see bench/README.md):
//
//	go run ./bench/compare [-n 100000] [-rounds 5] [-configs v1,v2,v3] [-skip-process]
//
// It writes the deterministic corpus of internal/corpus to a temporary JSON
// Lines file and then:
//
//  1. In-process: for each round and each config, interleaved, runs
//     `node reference/bench.js CONFIG FILE 1` (which loads the texts, warms
//     up and times one parseTweet pass with process.hrtime.bigint) and times
//     tweet.Parse over the same texts in this process (after a warm-up pass;
//     single goroutine, like node). It prints the median texts/s of each, the
//     ratio and µs/text, and checks that both computed the same sums.
//  2. Whole process: builds ./cmd/tweetlen and times
//     `tweetlen --input jsonl --format json … < corpus.jsonl > /dev/null`
//     against `node reference/bench.js --whole CONFIG corpus.jsonl`, wall
//     time including startup, best of -process-runs, with peak RSS. If the
//     CLI does not build, it says so and skips this part.
//
// Only ratios measured in the same run mean anything: the machine is shared
// and noisy.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tweetlen/tweetlen/internal/corpus"
	"github.com/tweetlen/tweetlen/pkg/tweet"
)

// Targets from the performance issue.
const (
	inProcessTarget = 20.0
	processTarget   = 15.0
)

var (
	flagN           = flag.Int("n", 100_000, "number of corpus texts")
	flagSeed        = flag.Uint64("seed", 1, "corpus seed")
	flagRounds      = flag.Int("rounds", 5, "in-process rounds per config (the median is reported)")
	flagConfigs     = flag.String("configs", "v1,v2,v3", "comma-separated configs to compare")
	flagSkipProcess = flag.Bool("skip-process", false, "skip the whole-process comparison")
	flagSkipInProc  = flag.Bool("skip-inprocess", false, "skip the in-process comparison")
	flagProcRuns    = flag.Int("process-runs", 3, "whole-process runs per config and side (the best is reported)")
	flagMinTime     = flag.Duration("min-time", 300*time.Millisecond, "minimum duration of one timed tweetlen round (repeats whole passes)")
	flagNode        = flag.String("node", "node", "node executable")
	flagCLI         = flag.String("cli", "", "prebuilt tweetlen binary (default: go build ./cmd/tweetlen)")
	flagCLIArgs     = flag.String("cli-args", "--input jsonl --format json --profile {profile} -", "tweetlen arguments for the whole-process run; {config} becomes v1/v2/v3, {profile} the CLI's profile for it (twitter, x-v2, x)")
	flagLayout      = flag.String("layout", "packed", "memory layout of tweetlen's in-process texts: packed (one after the other, in order, as node holds them) or separate (one allocation each, as Go's JSON decoder leaves them)")
	flagKeep        = flag.Bool("keep", false, "keep the temporary folder (corpus and binary) and print its path")
)

var configs = map[string]tweet.Config{"v1": tweet.V1, "v2": tweet.V2, "v3": tweet.V3}

// cliProfiles are the CLI's --profile names of the configs.
var cliProfiles = map[string]string{"v1": "twitter", "v2": "x-v2", "v3": "x"}

func cliArgs(config string) []string {
	r := strings.NewReplacer("{config}", config, "{profile}", cliProfiles[config])
	return strings.Fields(r.Replace(*flagCLIArgs))
}

func main() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./bench/compare [flags]\n\nCompares tweetlen with twitter-text@3.1.0 under node (see bench/README.md).\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run() error {
	names := strings.Split(*flagConfigs, ",")
	for _, c := range names {
		if _, ok := configs[c]; !ok {
			return fmt.Errorf("unknown config %q in -configs; want v1, v2, v3", c)
		}
	}
	if *flagLayout != "packed" && *flagLayout != "separate" {
		return fmt.Errorf("unknown -layout %q; want packed or separate", *flagLayout)
	}
	if *flagN < 1 || *flagRounds < 1 || *flagProcRuns < 1 {
		return errors.New("-n, -rounds and -process-runs must be at least 1")
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	benchJS := filepath.Join(root, "reference", "bench.js")
	if _, err := os.Stat(filepath.Join(root, "reference", "node_modules", "twitter-text", "package.json")); err != nil {
		return fmt.Errorf("the reference is not installed (%v); run: cd reference && npm ci", err)
	}

	tmp, err := os.MkdirTemp("", "tweetlen-compare-")
	if err != nil {
		return err
	}
	if *flagKeep {
		fmt.Printf("temporary folder: %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	texts := corpus.Texts(*flagSeed, *flagN)
	strs := make([]string, len(texts))
	var totalBytes int64
	perClass := map[corpus.Class]int{}
	for i, t := range texts {
		strs[i] = t.Text
		totalBytes += int64(len(t.Text))
		perClass[t.Class]++
	}
	file := filepath.Join(tmp, "corpus.jsonl")
	if err := writeCorpus(file, texts); err != nil {
		return err
	}

	nodeVersion := "unknown"
	if out, err := exec.Command(*flagNode, "--version").Output(); err == nil {
		nodeVersion = strings.TrimSpace(string(out))
	} else {
		return fmt.Errorf("cannot run %s: %v", *flagNode, err)
	}
	fmt.Println("tweetlen vs twitter-text@3.1.0 (node)")
	fmt.Printf("machine: %d CPUs (GOMAXPROCS %d), %s; %s; node %s\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), cpuModel(), runtime.Version(), nodeVersion)
	fmt.Printf("corpus:  %d texts, seed %d, %.1f MB, mean %.1f bytes/text;", len(strs), *flagSeed,
		float64(totalBytes)/1e6, float64(totalBytes)/float64(len(strs)))
	for _, c := range corpus.Classes {
		fmt.Printf(" %s %.1f%%", c, 100*float64(perClass[c])/float64(len(strs)))
	}
	fmt.Println()

	if !*flagSkipInProc {
		// Both sides time texts loaded the same way from the same file:
		// read whole, one JSON decode per line (as reference/bench.js),
		// and held in memory alike (see loadTexts).
		loaded, err := loadTexts(file, *flagLayout == "packed")
		if err != nil {
			return err
		}
		if !slices.Equal(loaded, strs) {
			return fmt.Errorf("%s: the texts read back differ from the corpus", file)
		}
		if err := inProcess(names, loaded, totalBytes, file, benchJS); err != nil {
			return err
		}
	}
	if !*flagSkipProcess {
		if err := wholeProcess(root, tmp, names, file, benchJS, len(strs)); err != nil {
			return err
		}
	}
	return nil
}

// --- in-process -------------------------------------------------------------

type nodeResult struct {
	Texts       int     `json:"texts"`
	Bytes       int64   `json:"bytes"`
	TextsPerSec float64 `json:"textsPerSec"`
	NsPerText   float64 `json:"nsPerText"`
	Check       sums    `json:"check"`
	Node        string  `json:"node"`
}

type sums struct {
	WeightedLength int64 `json:"weightedLength"`
	Valid          int64 `json:"valid"`
	ValidRangeEnd  int64 `json:"validRangeEnd"`
}

func parseAll(texts []string, cfg tweet.Config) sums {
	var s sums
	for _, t := range texts {
		r := tweet.Parse(t, cfg)
		s.WeightedLength += int64(r.WeightedLength)
		s.ValidRangeEnd += int64(r.ValidRangeEnd)
		if r.Valid {
			s.Valid++
		}
	}
	return s
}

// timeGo returns tweet.Parse's texts/s over texts: whole passes repeated
// for at least -min-time.
func timeGo(texts []string, cfg tweet.Config) float64 {
	runtime.GC()
	passes := 0
	start := time.Now()
	var el time.Duration
	for {
		parseAll(texts, cfg)
		passes++
		if el = time.Since(start); el >= *flagMinTime {
			break
		}
	}
	return float64(passes*len(texts)) / el.Seconds()
}

func runNode(benchJS, config, file string) (nodeResult, error) {
	var res nodeResult
	cmd := exec.Command(*flagNode, benchJS, config, file, "1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return res, fmt.Errorf("node bench.js %s: %v\n%s", config, err, stderr.Bytes())
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return res, fmt.Errorf("node bench.js %s: bad output %q: %v", config, out, err)
	}
	return res, nil
}

func inProcess(names, texts []string, totalBytes int64, file, benchJS string) error {
	fmt.Printf("\n== In-process: parseTweet vs tweet.Parse, %d rounds interleaved, median (single thread each; tweetlen's texts %s) ==\n", *flagRounds, map[string]string{"packed": "packed in order, as node's", "separate": "one allocation each"}[*flagLayout])
	ref := map[string][]float64{}
	ours := map[string][]float64{}
	checks := map[string]sums{}
	mismatch := map[string]string{}
	// Warm up the Go side (and check it against the reference below).
	for _, c := range names {
		checks[c] = parseAll(texts, configs[c])
	}
	for r := 1; r <= *flagRounds; r++ {
		fmt.Fprintf(os.Stderr, "round %d/%d:", r, *flagRounds)
		for _, c := range names {
			nr, err := runNode(benchJS, c, file)
			if err != nil {
				return err
			}
			if nr.Texts != len(texts) {
				return fmt.Errorf("node read %d texts, want %d", nr.Texts, len(texts))
			}
			if nr.Check != checks[c] {
				mismatch[c] = fmt.Sprintf("%s: reference sums %+v, tweetlen %+v", c, nr.Check, checks[c])
			}
			ref[c] = append(ref[c], nr.TextsPerSec)
			ours[c] = append(ours[c], timeGo(texts, configs[c]))
			fmt.Fprintf(os.Stderr, " %s %.1fx", c, ours[c][len(ours[c])-1]/nr.TextsPerSec)
		}
		fmt.Fprintln(os.Stderr)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "config\treference texts/s\tµs/text\ttweetlen texts/s\tµs/text\tMB/s\tratio\ttarget\t")
	for _, c := range names {
		rm, om := median(ref[c]), median(ours[c])
		ratio := om / rm
		verdict := "ok"
		if ratio < inProcessTarget {
			verdict = "MISSED"
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.2f\t%.0f\t%.3f\t%.0f\t%.1fx\t%s (>=%.0fx)\t\n", c, rm, 1e6/rm, om, 1e6/om,
			om*float64(totalBytes)/float64(len(texts))/1e6, ratio, verdict, inProcessTarget)
	}
	tw.Flush()
	fmt.Println("(per-round ratios are on stderr; ratio = median tweetlen texts/s / median reference texts/s)")
	if len(mismatch) > 0 {
		fmt.Println("WARNING: the implementations disagree on the corpus (sums of weightedLength, valid, validRangeEnd):")
		for _, c := range names {
			if m, ok := mismatch[c]; ok {
				fmt.Println("  " + m)
			}
		}
	} else {
		fmt.Println("check: both computed the same sums of weightedLength, valid and validRangeEnd for every config")
	}
	return nil
}

// --- whole process ------------------------------------------------------------

type procRun struct {
	wall  time.Duration
	rssKB int64 // peak RSS, 0 when not measured
}

// runProcess runs name with args, stdin from stdinFile, and returns its wall
// time. Exit status 1 is accepted when okInvalid is set: it is tweetlen's
// documented "some post is invalid" status.
//
// With measureRSS, it also returns the process's peak RSS, from
// /usr/bin/time -f %M when available (exact) or else by polling VmHWM in
// /proc/PID/status. (The rusage of a child started from this process is
// useless: it includes the parent's RSS at fork time.) The wrapper makes the
// wall time slightly longer, so measured runs are not timed runs.
func runProcess(name string, args []string, stdinFile string, stdout io.Writer, okInvalid, measureRSS bool) (procRun, error) {
	in, err := os.Open(stdinFile)
	if err != nil {
		return procRun{}, err
	}
	defer in.Close()
	var rssFile string
	if measureRSS {
		if tp, err := exec.LookPath("/usr/bin/time"); err == nil {
			f, err := os.CreateTemp("", "tweetlen-rss-")
			if err != nil {
				return procRun{}, err
			}
			f.Close()
			rssFile = f.Name()
			defer os.Remove(rssFile)
			args = append([]string{"-f", "%M", "-o", rssFile, name}, args...)
			name = tp
		}
	}
	cmd := exec.Command(name, args...)
	cmd.Stdin = in
	cmd.Stdout = stdout
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err = cmd.Start(); err != nil {
		return procRun{}, err
	}
	var polled int64
	done := make(chan struct{})
	polling := make(chan struct{})
	if measureRSS && rssFile == "" {
		go func() {
			defer close(polling)
			status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
			for {
				select {
				case <-done:
					return
				case <-time.After(2 * time.Millisecond):
				}
				if kb := vmHWM(status); kb > polled {
					polled = kb
				}
			}
		}()
	} else {
		close(polling)
	}
	err = cmd.Wait()
	wall := time.Since(start)
	close(done)
	<-polling
	if ee, ok := err.(*exec.ExitError); ok && okInvalid && ee.ExitCode() == 1 {
		err = nil
	}
	if err != nil {
		return procRun{}, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, lastLines(stderr.String(), 10))
	}
	r := procRun{wall: wall, rssKB: polled}
	if rssFile != "" {
		b, err := os.ReadFile(rssFile)
		if err != nil {
			return r, err
		}
		// The last line is the figure (time writes "Command exited…" first).
		if _, err := fmt.Sscan(lastLines(string(b), 1), &r.rssKB); err != nil {
			return r, fmt.Errorf("/usr/bin/time wrote %q: %v", b, err)
		}
	}
	return r, nil
}

// vmHWM returns the VmHWM (peak RSS, in kB) of a /proc/PID/status file, or 0.
func vmHWM(status string) int64 {
	b, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(v, &kb)
			return kb
		}
	}
	return 0
}

// lineChecker counts output lines and sums their "weightedLength" fields.
type lineChecker struct {
	buf      []byte
	lines    int
	weighted int64
	missing  int
}

func (l *lineChecker) Write(p []byte) (int, error) {
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			break
		}
		l.line(l.buf[:i])
		l.buf = l.buf[i+1:]
	}
	return len(p), nil
}

func (l *lineChecker) line(b []byte) {
	l.lines++
	var v struct {
		WeightedLength *int64 `json:"weightedLength"`
	}
	if json.Unmarshal(b, &v) != nil || v.WeightedLength == nil {
		l.missing++
		return
	}
	l.weighted += *v.WeightedLength
}

func wholeProcess(root, tmp string, names []string, file, benchJS string, n int) error {
	fmt.Printf("\n== Whole process: wall time incl. startup, %d texts from a file on stdin, output to /dev/null, best of %d ==\n", n, *flagProcRuns)
	cli := *flagCLI
	if cli == "" {
		cli = filepath.Join(tmp, "tweetlen")
		build := exec.Command("go", "build", "-o", cli, "./cmd/tweetlen")
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Printf("SKIPPED: the CLI does not build yet (go build ./cmd/tweetlen: %v)\n%s\n", err, lastLines(string(out), 8))
			return nil
		}
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer devnull.Close()

	type side struct {
		name string
		args func(c string) []string
		exe  string
	}
	sides := []side{
		{"node", func(c string) []string { return []string{benchJS, "--whole", c, "-"} }, *flagNode},
		{"tweetlen", cliArgs, cli},
	}

	best := map[string]map[string]procRun{"node": {}, "tweetlen": {}}
	// An untimed run of each side checks the output, measures the peak RSS
	// and warms the caches.
	for _, c := range names {
		var sumsBySide [2]*lineChecker
		for i, s := range sides {
			lc := &lineChecker{}
			pr, err := runProcess(s.exe, s.args(c), file, lc, s.name == "tweetlen", true)
			if err != nil {
				if s.name == "tweetlen" {
					fmt.Printf("SKIPPED: the CLI failed: %v\n(set -cli-args if its flags differ)\n", err)
					return nil
				}
				return err
			}
			if lc.lines != n {
				fmt.Printf("WARNING: %s %s wrote %d lines for %d texts\n", s.name, c, lc.lines, n)
			}
			sumsBySide[i] = lc
			best[s.name][c] = procRun{wall: 1<<63 - 1, rssKB: pr.rssKB}
		}
		if nd, tl := sumsBySide[0], sumsBySide[1]; tl.missing == 0 && nd.weighted != tl.weighted {
			fmt.Printf("WARNING: %s: the sum of weightedLength differs: node %d, tweetlen %d\n", c, nd.weighted, tl.weighted)
		} else if tl.missing > 0 {
			fmt.Printf("note: %s: %d tweetlen output lines have no \"weightedLength\"; outputs not cross-checked\n", c, tl.missing)
		}
	}
	for r := 1; r <= *flagProcRuns; r++ {
		fmt.Fprintf(os.Stderr, "process run %d/%d:", r, *flagProcRuns)
		for _, c := range names {
			for _, s := range sides {
				pr, err := runProcess(s.exe, s.args(c), file, devnull, s.name == "tweetlen", false)
				if err != nil {
					return err
				}
				if b := best[s.name][c]; pr.wall < b.wall {
					b.wall = pr.wall
					best[s.name][c] = b
				}
			}
			fmt.Fprintf(os.Stderr, " %s", c)
		}
		fmt.Fprintln(os.Stderr)
	}
	fmt.Printf("tweetlen: %s %s  < corpus.jsonl > /dev/null\n", cli, *flagCLIArgs)
	fmt.Printf("node:     %s %s --whole {config} -  < corpus.jsonl > /dev/null\n", *flagNode, benchJS)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "config\tnode wall\tµs/text\tpeak RSS\ttweetlen wall\tµs/text\tpeak RSS\tratio\ttarget\t")
	for _, c := range names {
		nd, tl := best["node"][c], best["tweetlen"][c]
		ratio := nd.wall.Seconds() / tl.wall.Seconds()
		verdict := "ok"
		if ratio < processTarget {
			verdict = "MISSED"
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%d MB\t%s\t%.3f\t%d MB\t%.1fx\t%s (>=%.0fx)\t\n", c,
			nd.wall.Round(time.Millisecond), nd.wall.Seconds()*1e6/float64(n), nd.rssKB/1024,
			tl.wall.Round(time.Millisecond), tl.wall.Seconds()*1e6/float64(n), tl.rssKB/1024,
			ratio, verdict, processTarget)
	}
	tw.Flush()
	fmt.Println("(peak RSS measured in a separate, untimed run, output parsed by this program)")
	return nil
}

// --- helpers ------------------------------------------------------------------

// loadTexts reads the "text" of every line of the JSON Lines file at path,
// as reference/bench.js does for the in-process timing: the whole file at
// once, one JSON decode per line. With packed set it then lays the texts
// out one after the other, in corpus order, in one block of memory.
//
// Packed is where node's texts are: V8 allocates the decoded strings one
// after the other and its copying collector moves them to old space in the
// order of the array that holds them (`node --allow-natives-syntax` and
// %DebugPrint show texts 1000 to 1004 of this corpus at increasing
// addresses 0x90 to 0x1D8 bytes apart). Go's allocator puts each decoded
// string in a span of its size class instead, so that consecutive texts
// lie megabytes apart, among the decoder's garbage: on a 21 MB corpus the
// memory then costs tweetlen about 9% of its time per text, and node
// nothing like it. -layout separate keeps that layout, to measure it.
func loadTexts(path string, packed bool) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var texts []string
	for line := range bytes.Lines(data) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return nil, fmt.Errorf("%s: line %d: %v", path, len(texts)+1, err)
		}
		texts = append(texts, rec.Text)
	}
	if packed {
		packTexts(texts)
	}
	return texts, nil
}

// packTexts replaces the texts by copies laid out one after the other, in
// order, in one string (see loadTexts).
func packTexts(texts []string) {
	var b strings.Builder
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.Grow(n)
	for _, t := range texts {
		b.WriteString(t)
	}
	all, off := b.String(), 0
	for i, t := range texts {
		texts[i] = all[off : off+len(t)]
		off += len(t)
	}
}

func writeCorpus(path string, texts []corpus.Text) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := corpus.WriteTextsJSONL(f, texts); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "CPU model unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "CPU model unknown"
}

// repoRoot finds the folder of tweetlen's go.mod from the working directory
// (go run ./bench/compare runs there).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module github.com/tweetlen/tweetlen\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run from inside the tweetlen repository (go.mod of github.com/tweetlen/tweetlen not found)")
		}
		dir = parent
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
