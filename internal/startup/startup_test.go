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
