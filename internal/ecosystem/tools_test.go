package ecosystem

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// root is the repository root, from this package's directory.
const root = "../.."

// tool finds a test tool: the pinned copy in .tools/bin first, else PATH.
// A missing tool skips the test, or fails it under ROLELINT_REQUIRE_TOOLS=1.
func tool(t *testing.T, name string) string {
	t.Helper()
	if p, err := filepath.Abs(filepath.Join(root, ".tools", "bin", name)); err == nil {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return p
	}
	missing(t, fmt.Sprintf("%s not found on PATH or in .tools/bin: run scripts/install-test-tools", name))
	return ""
}

func missing(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("ROLELINT_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// rootDir is the absolute repository root.
func rootDir(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// cleanEnv is the environment without the GIT_* variables that a git hook
// running this test (GIT_DIR, GIT_INDEX_FILE) would leak into the
// throwaway repositories, with extra settings appended.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// run runs a command in dir and returns its combined output; it fails the
// test when the command fails.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := runErr(dir, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, out)
	}
	return out
}

func runErr(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var b bytes.Buffer
	cmd.Stdout = &b
	cmd.Stderr = &b
	err := cmd.Run()
	return b.String(), err
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// rolelintBinary builds rolelint once per test binary, into a directory of
// its own (so that it can be put on PATH); TestMain removes it.
func rolelintBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "rolelint-ecosystem-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-buildvcs=false", "-o", filepath.Join(buildDir, "rolelint"), "./cmd/rolelint")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/rolelint: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return filepath.Join(buildDir, "rolelint")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}
