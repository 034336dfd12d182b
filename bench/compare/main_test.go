package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/tweetlen/tweetlen/internal/reftest"
)

// TestCompareSmoke runs the README's comparison command end to end on a
// small corpus: both sides must run and agree on every sum, and both tables
// must be printed.
func TestCompareSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI and runs node")
	}
	reftest.Require(t)
	cmd := exec.Command("go", "run", ".", "-n", "300", "-rounds", "1", "-process-runs", "1")
	cmd.Env = os.Environ()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run ./bench/compare: %v\n%s", err, out)
	}
	for _, want := range []string{
		"== In-process", "check: both computed the same sums", "== Whole process",
		"      v1 ", "      v2 ", "      v3 ",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
