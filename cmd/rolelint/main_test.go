package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/internal/benchgen"
)

// bin is the rolelint binary built once for the end-to-end tests.
var bin string

var updateGolden = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rolelint-e2e")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "rolelint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// rolelint runs the binary from the repository root.
func rolelint(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code = 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	return o.String(), e.String(), code
}

func TestExamples(t *testing.T) {
	out, errOut, code := rolelint(t, "testdata/examples")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"testdata/examples/cli-many-defects.json:19:3: the az CLI ignores \"notdataactions\" because of its case: write \"notDataActions\" [RL105]",
		"testdata/examples/cli-notactions-only.json:5:14: ",
		"   |\n19 |   \"notdataactions\": [],\n   |   ^~~~~~~~~~~~~~~~\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "in 10 files (11 roles)") {
		t.Errorf("summary: %s", out)
	}
}

func TestCleanFile(t *testing.T) {
	out, errOut, code := rolelint(t, "testdata/examples/cli-vm-operator.json")
	if code != 0 || strings.Contains(out, "[RL") {
		t.Fatalf("exit %d, want 0 with no findings\n%s%s", code, out, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--format", "xml"}, {"--fail-on", "fatal"}, {"--color", "sometimes"}, {"--no-such-flag"}} {
		_, errOut, code := rolelint(t, args...)
		if code != 2 || !strings.Contains(errOut, "rolelint: ") {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, code, errOut)
		}
	}
	if _, errOut, code := rolelint(t, "rules", "RL999"); code != 2 || !strings.Contains(errOut, `no rule "RL999"`) {
		t.Errorf("rules RL999: exit %d %q", code, errOut)
	}
}

func TestHelpAndRules(t *testing.T) {
	out, _, code := rolelint(t, "--help")
	if code != 0 || !strings.Contains(out, "Examples:") || !strings.Contains(out, "--fail-on") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	out, _, code = rolelint(t, "rules")
	if code != 0 || !strings.Contains(out, "RL105  warning  cli-key-case") {
		t.Errorf("rules: exit %d\n%s", code, out)
	}
	out, _, code = rolelint(t, "rules", "cli-key-case")
	if code != 0 || !strings.HasPrefix(out, "# RL105: ") || !strings.Contains(out, "## Bad") {
		t.Errorf("rules cli-key-case: exit %d\n%s", code, out)
	}
	out, _, _ = rolelint(t, "--version")
	if !strings.HasPrefix(out, "rolelint ") {
		t.Errorf("--version: %q", out)
	}
}

func TestFailOn(t *testing.T) {
	// cli-many-defects has a warning (RL105); with --fail-on error and no
	// error findings in that file yet... use a file with only warnings.
	dir := t.TempDir()
	warnOnly := filepath.Join(dir, "w.json")
	os.WriteFile(warnOnly, []byte(`{"Name":"A","Description":"d","Actions":["Microsoft.Compute/virtualMachines/read"],"notactions":[],"AssignableScopes":["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]}`), 0o644)
	for _, c := range []struct {
		failOn string
		code   int
	}{{"error", 0}, {"warning", 1}, {"note", 1}, {"none", 0}} {
		_, _, code := rolelint(t, "--fail-on", c.failOn, warnOnly)
		if code != c.code {
			t.Errorf("--fail-on %s: exit %d, want %d", c.failOn, code, c.code)
		}
	}
}

func TestJSONFormat(t *testing.T) {
	out, _, code := rolelint(t, "--format", "json", "testdata/examples/cli-many-defects.json")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	found := false
	for _, f := range fs {
		if f["rule"] == "RL105" {
			found = true
			if f["line"] != 19.0 || f["column"] != 3.0 || f["endColumn"] != 19.0 || f["pointer"] != "/notdataactions" ||
				f["severity"] != "warning" || f["slug"] != "cli-key-case" || f["role"] != "Storage Helper" {
				t.Errorf("RL105 finding: %v", f)
			}
		}
	}
	if !found {
		t.Errorf("no RL105 finding in %s", out)
	}
	out, _, _ = rolelint(t, "--format", "json", "testdata/examples/cli-vm-operator.json")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("clean file: %q, want []", out)
	}
}

func TestGitHubFormat(t *testing.T) {
	out, _, _ := rolelint(t, "--format", "github", "testdata/examples/cli-many-defects.json")
	want := "::warning file=testdata/examples/cli-many-defects.json,line=19,col=3,endLine=19,endColumn=19,title=RL105 cli-key-case::"
	if !strings.Contains(out, want) {
		t.Errorf("no %q in\n%s", want, out)
	}
}

func TestOutputFile(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "out.json")
	out, _, code := rolelint(t, "--format", "json", "-o", dst, "testdata/examples/cli-many-defects.json")
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if b, err := os.ReadFile(dst); err != nil || !bytes.Contains(b, []byte(`"RL105"`)) {
		t.Errorf("output file: %v %s", err, b)
	}
}

// TestOneBrokenOfHundred lints 100 files of which one is broken: the 99 are
// linted, the broken one is reported at its position, exit 1.
func TestOneBrokenOfHundred(t *testing.T) {
	dir := t.TempDir()
	for i := range 100 {
		body := fmt.Sprintf(`{"Name":"Role %d","Description":"d","Actions":["Microsoft.Compute/virtualMachines/read"],"AssignableScopes":["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]}`, i)
		if i == 42 {
			body = "{\n  \"Name\": \"Broken\",\n  \"Actions\": [\"a\",,]\n}"
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("role%03d.json", i)), []byte(body), 0o644)
	}
	out, errOut, code := rolelint(t, "--format", "text", dir)
	if code != 1 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	want := filepath.Join(dir, "role042.json") + ":3:19: invalid JSON: "
	if !strings.Contains(out, want) {
		t.Errorf("no %q in\n%s", want, out)
	}
	if !strings.Contains(out, "in 100 files (99 roles)") || strings.Count(out, "[RL") != 1 {
		t.Errorf("want exactly one finding over 100 files (99 roles):\n%s", out)
	}
}

func TestNotRoleFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"x","version":"1.0.0","dependencies":{}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "tsconfig.json"), []byte("{\n  // comments\n  \"compilerOptions\": {}\n}"), 0o644)
	os.WriteFile(filepath.Join(dir, "gcp.json"), []byte(`{"title":"x","stage":"GA","includedPermissions":["a.b"]}`), 0o644)
	out, _, code := rolelint(t, dir)
	if code != 0 || strings.Contains(out, "[RL") || !strings.Contains(out, "3 files skipped: not Azure role definitions") {
		t.Errorf("walk: exit %d\n%s", code, out)
	}
	out, _, code = rolelint(t, filepath.Join(dir, "gcp.json"))
	if code != 0 || !strings.Contains(out, "not an Azure RBAC role definition (a Google Cloud custom role); nothing was checked [RL100]") {
		t.Errorf("explicit: exit %d\n%s", code, out)
	}
}

func TestUnreadable(t *testing.T) {
	out, _, code := rolelint(t, "no/such/file.json")
	if code != 1 || !strings.Contains(out, "no/such/file.json:1:1: cannot read file: no such file or directory [RL102]") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestStdin(t *testing.T) {
	cmd := exec.Command(bin, "-")
	cmd.Stdin = strings.NewReader(`{"Name":"A","Actions":[],"AssignableScopes":["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]}`)
	out, _ := cmd.Output()
	if !strings.Contains(string(out), "<stdin>:1:23: ") {
		t.Errorf("stdin: %s", out)
	}
}

// TestDeterministic checks byte-identical output across runs and GOMAXPROCS,
// on the examples and on a generated tenant of 500 files (every shape, one
// in ten defective: internal/benchgen), in every format.
func TestDeterministic(t *testing.T) {
	tenant := t.TempDir()
	if err := benchgen.Generate(tenant, 500, 1); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, path string }{{"examples", "testdata/examples"}, {"tenant", tenant}} {
		for _, format := range []string{"json", "text", "sarif", "github"} {
			var first string
			for i, procs := range []string{"1", "8", "2", "8"} {
				cmd := exec.Command(bin, "--no-config", "--format", format, c.path)
				cmd.Dir = filepath.Join("..", "..")
				cmd.Env = append(os.Environ(), "GOMAXPROCS="+procs, "NO_COLOR=1")
				out, _ := cmd.Output()
				if len(out) == 0 {
					t.Fatalf("%s %s: no output", c.name, format)
				}
				if i == 0 {
					first = string(out)
				} else if string(out) != first {
					t.Fatalf("%s, --format %s: output differs with GOMAXPROCS=%s", c.name, format, procs)
				}
			}
		}
	}
	_ = runtime.NumCPU
}

func TestEffective(t *testing.T) {
	out, _, code := rolelint(t, "effective", "testdata/examples/cli-escalation.json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	// "*" minus Microsoft.Authorization/*/Delete keeps roleAssignments/write and drops roleAssignments/delete.
	if !strings.Contains(out, "Microsoft.Authorization/roleAssignments/write") || strings.Contains(out, "Microsoft.Authorization/roleAssignments/delete ") {
		t.Errorf("effective permissions of cli-escalation.json are wrong:\n%.2000s", out)
	}
	if !strings.HasPrefix(out, "Platform Contributor (testdata/examples/cli-escalation.json)\n  Actions: ") || !strings.Contains(out, `from "*", line 6`) {
		t.Errorf("header or source missing:\n%.500s", out)
	}
	out, _, _ = rolelint(t, "effective", "--format", "json", "testdata/examples/ps-permissions.json")
	var roles []struct {
		Role        string
		Actions     []map[string]any
		DataActions []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &roles); err != nil || len(roles) != 1 {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(roles[0].Actions) != 2 || len(roles[0].DataActions) != 1 || roles[0].DataActions[0]["from"] != "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read" {
		t.Errorf("ps-permissions: %+v", roles[0])
	}
	if _, errOut, code := rolelint(t, "effective", "package.json.missing"); code != 2 || errOut == "" {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}
}

// TestStartupOrder checks that internal/startup initializes before
// jsonschema, whose initialization its work is meant to run alongside, and
// that it starts that work rather than doing it.
func TestStartupOrder(t *testing.T) {
	cmd := exec.Command(bin, "--help")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	startup, jsonschema := -1, -1
	for i, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 5 || f[0] != "init" {
			continue
		}
		switch f[1] {
		case "github.com/rolelint/rolelint/internal/startup":
			startup = i
			// "init PKG @T ms, D ms clock, B bytes, N allocs": decoding the
			// catalog allocates megabytes; starting it, a few bytes.
			if len(f) < 9 || !strings.HasPrefix(f[8], "bytes") {
				t.Fatalf("unexpected inittrace line %q", line)
			}
			if b, err := strconv.Atoi(f[7]); err != nil || b > 64<<10 {
				t.Errorf("internal/startup's initialization allocates %s bytes: it does the work it should start", f[7])
			}
		case "github.com/santhosh-tekuri/jsonschema/v6":
			jsonschema = i
		}
	}
	if startup < 0 || jsonschema < 0 || startup > jsonschema {
		t.Errorf("internal/startup initializes at line %d, jsonschema at %d: startup must come first\n%s", startup, jsonschema, out)
	}
}
