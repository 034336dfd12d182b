// Package conformance locates and reads twitter-text's official conformance
// data (the YAML files of twitter-text's conformance/ folder), which the
// repository never copies: tests read it from $TWEETLEN_CONFORMANCE or from
// ../shared/conformance beside the repository.
package conformance

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"go.yaml.in/yaml/v3"
)

// EnvVar names the environment variable that overrides the data's location.
const EnvVar = "TWEETLEN_CONFORMANCE"

// repoRoot is the repository's top folder.
var repoRoot = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

// Dir returns the conformance folder. If $TWEETLEN_CONFORMANCE is set, it
// must exist (else t fails); otherwise ../shared/conformance beside the
// repository is used, and t is skipped with a message when it is absent.
func Dir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv(EnvVar); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "validate.yml")); err != nil {
			t.Fatalf("%s=%s but its conformance data cannot be read: %v", EnvVar, dir, err)
		}
		return dir
	}
	dir := DefaultDir()
	if _, err := os.Stat(filepath.Join(dir, "validate.yml")); err != nil {
		t.Skipf("twitter-text conformance data not found at %s and %s is unset; skipping", dir, EnvVar)
	}
	return dir
}

// DefaultDir is where the data lives when $TWEETLEN_CONFORMANCE is unset:
// ../shared/conformance relative to the repository root.
func DefaultDir() string {
	return filepath.Join(repoRoot, "..", "shared", "conformance")
}

// Load decodes the YAML file name (relative to [Dir]) into v.
func Load(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}
