package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unsafe"

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

// TestLoadTextsLayout checks that both layouts read the same texts, and
// that packed lays them out one after the other, in order.
func TestLoadTextsLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	lines := `{"id":1,"text":"hello"}` + "\n" + `{"id":2,"text":"caf\u00e9 \ud83d\ude00"}` + "\n\n" + `{"id":3,"text":""}` + "\n" + `{"id":4,"text":"x.com"}` + "\n"
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	want := []string{"hello", "café 😀", "", "x.com"}
	separate, err := loadTexts(path, false)
	if err != nil || !slices.Equal(separate, want) {
		t.Fatalf("loadTexts separate = %q, %v; want %q", separate, err, want)
	}
	packed, err := loadTexts(path, true)
	if err != nil || !slices.Equal(packed, want) {
		t.Fatalf("loadTexts packed = %q, %v; want %q", packed, err, want)
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(packed[0])))
	off := uintptr(0)
	for i, s := range packed {
		if len(s) > 0 && uintptr(unsafe.Pointer(unsafe.StringData(s))) != base+off {
			t.Errorf("packed text %d is not right after text %d", i, i-1)
		}
		off += uintptr(len(s))
	}
}

// TestLayoutFlag checks that run refuses an unknown -layout before it
// writes or runs anything.
func TestLayoutFlag(t *testing.T) {
	old := *flagLayout
	t.Cleanup(func() { *flagLayout = old })
	*flagLayout = "scattered"
	err := run()
	if err == nil || !strings.Contains(err.Error(), `unknown -layout "scattered"; want packed or separate`) {
		t.Fatalf("run with -layout scattered: %v", err)
	}
}
