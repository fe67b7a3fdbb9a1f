package startup

import (
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// TestPercent checks the pace this package's initialization set, or, run
// again with GOGC in the environment, that the environment won.
func TestPercent(t *testing.T) {
	want := Percent
	if env := os.Getenv("GOGC"); env != "" {
		var err error
		if want, err = strconv.Atoi(env); err != nil {
			t.Skipf("GOGC=%s", env)
		}
	}
	got := debug.SetGCPercent(want)
	if got != want {
		t.Errorf("GC percent is %d, want %d (GOGC=%q)", got, want, os.Getenv("GOGC"))
	}
	if os.Getenv("GOGC") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPercent$", "-test.v")
		cmd.Env = append(os.Environ(), "GOGC=50")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS") {
			t.Errorf("with GOGC=50: %v\n%s", err, out)
		}
	}
}

// TestMemoryLimit is TestPercent for the memory limit and GOMEMLIMIT.
func TestMemoryLimit(t *testing.T) {
	want := int64(MemoryLimit)
	if env := os.Getenv("GOMEMLIMIT"); env != "" {
		if env != "100MiB" {
			t.Skipf("GOMEMLIMIT=%s", env)
		}
		want = 100 << 20
	}
	if got := debug.SetMemoryLimit(-1); got != want { // -1 reads it
		t.Errorf("memory limit is %d, want %d (GOMEMLIMIT=%q)", got, want, os.Getenv("GOMEMLIMIT"))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryLimit$", "-test.v")
		cmd.Env = append(os.Environ(), "GOMEMLIMIT=100MiB")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS") {
			t.Errorf("with GOMEMLIMIT=100MiB: %v\n%s", err, out)
		}
	}
}
