// Package reftest runs the pinned reference implementations (npm
// twitter-text@3.1.0 and twemoji-parser@11.0.2, see reference/package.json)
// under node, for differential tests.
//
// Tests call [Require] first: it installs the pinned packages with `npm ci`
// when they are missing and skips the test when node is not available,
// except under CI (CI=true), where a missing node is a failure.
package reftest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Dir is the absolute path of the repository's reference folder.
var Dir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "reference")
}()

var (
	installOnce sync.Once
	installErr  error
)

// Require makes sure node and the pinned reference packages are usable,
// installing them with `npm ci` if needed. Without node it skips t, or fails
// it when the CI environment variable is "true".
func Require(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node is required for the reference tests under CI: %v", err)
		}
		t.Skipf("node not found; skipping reference test (%v)", err)
	}
	installOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(Dir, "node_modules", "twitter-text", "package.json")); err == nil {
			return
		}
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
		cmd.Dir = Dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			installErr = fmt.Errorf("npm ci in %s: %v\n%s", Dir, err, out)
		}
	})
	if installErr != nil {
		t.Fatal(installErr)
	}
}

// Run sends texts to reference/ref.js in the given mode ("parse", "urls",
// "emoji" or "all") and returns one raw JSON answer per text, in order.
func Run(mode string, texts []string) ([]json.RawMessage, error) {
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for i, s := range texts {
		if err := enc.Encode(struct {
			ID   int    `json:"id"`
			Text string `json:"text"`
		}{i, s}); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command("node", filepath.Join(Dir, "ref.js"), mode)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("node ref.js %s: %v\n%s", mode, err, stderr.Bytes())
	}
	answers := make([]json.RawMessage, 0, len(texts))
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		answers = append(answers, json.RawMessage(bytes.Clone(sc.Bytes())))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(answers) != len(texts) {
		return nil, fmt.Errorf("node ref.js %s: %d answers for %d texts", mode, len(answers), len(texts))
	}
	return answers, nil
}

// SeedEnvVar names the environment variable that fixes the seed of every
// differential test's random texts (CI sets it, so that a run can be
// repeated exactly); a test's own -*.seed flag wins over it.
const SeedEnvVar = "TWEETLEN_SEED"

// Seed returns the seed a differential test should use: flag when it is not
// 0, else $TWEETLEN_SEED when set, else a new one from the clock, so that
// runs on a developer's machine keep exploring new texts. Tests log it.
func Seed(t testing.TB, flag uint64) uint64 {
	t.Helper()
	if flag != 0 {
		return flag
	}
	if v := os.Getenv(SeedEnvVar); v != "" {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil || s == 0 {
			t.Fatalf("%s=%q: want a positive integer", SeedEnvVar, v)
		}
		return s
	}
	return uint64(time.Now().UnixNano())
}
