package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles creates files (name -> content) in a new temporary directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const starRole = `{"Name":"Break Glass","Description":"Emergency access.","Actions":["*"],"AssignableScopes":["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]}`

func ruleCounts(t *testing.T, out string) map[string]int {
	t.Helper()
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	n := map[string]int{}
	for _, f := range fs {
		n[f["rule"].(string)]++
	}
	return n
}

func TestSuppression(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"roles/break-glass.json": starRole,
		"roles/other.json":       strings.Replace(starRole, "Break Glass", "Other Admin", 1),
		".rolelint.yaml": `suppress:
  - rule: RL501
    path: roles/break-glass.json
    reason: reviewed break-glass role
  - rule: wildcard-actions
    path: roles/missing.json
    reason: this file is gone
`,
		".git/HEAD": "ref: refs/heads/main\n",
	})
	out, errOut, code := rolelint(t, "--format", "json", filepath.Join(dir, "roles"))
	got := ruleCounts(t, out)
	// RL501 fires on both files; the suppression silences exactly the one in break-glass.json.
	if got["RL501"] != 1 || got["RL001"] != 1 || code != 1 {
		t.Fatalf("exit %d, findings %v\n%s%s", code, got, out, errOut)
	}
	if !strings.Contains(out, `"path": "roles/break-glass.json"`) && !strings.Contains(out, `other.json`) {
		t.Errorf("unexpected paths:\n%s", out)
	}
	if !strings.Contains(out, `suppression of RL501 for \"roles/missing.json\" matches no finding`) || !strings.Contains(out, `"line": 5`) {
		t.Errorf("unused suppression not reported at its line:\n%s", out)
	}
	var fs []map[string]any
	json.Unmarshal([]byte(out), &fs)
	for _, f := range fs {
		if f["rule"] == "RL501" && !strings.HasSuffix(f["path"].(string), "other.json") {
			t.Errorf("the suppressed finding is still reported: %v", f)
		}
	}
}

func TestConfigSeverityAndErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"role.json":      starRole,
		".rolelint.yaml": "rules:\n  RL501: off\n  privilege-escalation: note\n",
	})
	out, _, code := rolelint(t, "--format", "json", "--config", filepath.Join(dir, ".rolelint.yaml"), filepath.Join(dir, "role.json"))
	got := ruleCounts(t, out)
	if got["RL501"] != 0 || got["RL502"] != 1 || !strings.Contains(out, `"severity": "note"`) {
		t.Errorf("exit %d: %v\n%s", code, got, out)
	}
	for _, c := range []struct{ yaml, want string }{
		{"rules:\n  RL999: off\n", `.rolelint.yaml:2:3: unknown rule "RL999"`},
		{"suppress:\n  - rule: RL501\n    path: x.json\n", ".rolelint.yaml:2:5: a suppression needs a reason"},
		{"clud: public\n", `.rolelint.yaml:1:1: unknown key "clud"`},
		{"rules: [\n", ".rolelint.yaml:"},
		{"cloud: mars\n", `.rolelint.yaml:1:8: cloud must be public or china, not "mars"`},
	} {
		d := writeFiles(t, map[string]string{".rolelint.yaml": c.yaml, "role.json": starRole})
		_, errOut, code := rolelint(t, filepath.Join(d, "role.json"))
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("config %q: exit %d, stderr %q; want exit 2 with %q", c.yaml, code, errOut, c.want)
		}
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "x.yaml")
	if _, _, code := rolelint(t, "init", cfg); code != 0 {
		t.Fatalf("init: exit %d", code)
	}
	if _, errOut, code := rolelint(t, "init", cfg); code != 2 || !strings.Contains(errOut, "already exists") {
		t.Errorf("second init: exit %d %q", code, errOut)
	}
	os.WriteFile(filepath.Join(dir, "role.json"), []byte(starRole), 0o644)
	if _, errOut, code := rolelint(t, "--config", cfg, filepath.Join(dir, "role.json")); code != 1 || errOut != "" {
		t.Errorf("the starter config does not load: exit %d %q", code, errOut)
	}
}

func TestBaseline(t *testing.T) {
	dir := writeFiles(t, map[string]string{"role.json": starRole})
	base := filepath.Join(dir, "baseline.json")
	role := filepath.Join(dir, "role.json")
	if _, errOut, code := rolelint(t, "--baseline", base, role); code != 2 || !strings.Contains(errOut, "--update-baseline") {
		t.Fatalf("missing baseline: exit %d %q", code, errOut)
	}
	if _, errOut, code := rolelint(t, "--baseline", base, "--update-baseline", role); code != 0 || !strings.Contains(errOut, "wrote") {
		t.Fatalf("update: exit %d %q", code, errOut)
	}
	// Lines move: still nothing new.
	os.WriteFile(role, []byte("\n\n"+strings.Replace(starRole, `"Actions"`, "\n  \"Actions\"", 1)), 0o644)
	if out, _, code := rolelint(t, "--baseline", base, role); code != 0 || strings.Contains(out, "[RL") {
		t.Fatalf("baseline run after moving lines: exit %d\n%s", code, out)
	}
	// A new finding fails; a fixed one is reported.
	os.WriteFile(role, []byte(strings.Replace(starRole, `"*"`, `"Microsoft.Compute/virtualMachines/read","Microsoft.Authorization/roleAssignments/write"`, 1)), 0o644)
	out, errOut, code := rolelint(t, "--baseline", base, role)
	if code != 1 || !strings.Contains(out, "[RL502]") || strings.Contains(out, "[RL501]") || !strings.Contains(errOut, "findings of the baseline are fixed") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// TestFix checks that --fix --diff on cli-many-defects.json shows exactly the
// golden diff, that --fix writes only those bytes, and that a second run has
// nothing left to fix.
func TestFix(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "cli-many-defects.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "cli-many-defects.json")
	os.WriteFile(file, src, 0o640)
	diff, _, code := rolelint(t, "--fix", "--diff", file)
	if code != 0 {
		t.Fatalf("--fix --diff: exit %d", code)
	}
	diff = strings.ReplaceAll(diff, dir+string(filepath.Separator), "")
	golden := filepath.Join("..", "..", "testdata", "fix", "cli-many-defects.diff")
	if *updateGolden {
		os.WriteFile(golden, []byte(diff), 0o644)
	}
	want, _ := os.ReadFile(golden)
	if diff != string(want) {
		t.Errorf("--fix --diff:\n%s\nwant:\n%s", diff, want)
	}
	if after, _ := os.ReadFile(file); string(after) != string(src) {
		t.Fatal("--diff wrote the file")
	}
	_, errOut, _ := rolelint(t, "--fix", file)
	if !strings.Contains(errOut, "fixed ") {
		t.Errorf("--fix: %q", errOut)
	}
	after, _ := os.ReadFile(file)
	if string(after) == string(src) {
		t.Fatal("--fix changed nothing")
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o640 {
		t.Errorf("--fix changed the mode to %v", fi.Mode().Perm())
	}
	if again, _, _ := rolelint(t, "--fix", "--diff", file); strings.Contains(again, "@@") {
		t.Errorf("a second --fix still finds fixes:\n%s", again)
	}
}

func TestFixKeepsEncodingAndLineEndings(t *testing.T) {
	crlf := "\xEF\xBB\xBF{\r\n  \"Name\": \"A\",\r\n  \"Description\": \"d\",\r\n  \"actions\": [\"microsoft.compute/virtualmachines/read\"],\r\n  \"notactions\": [],\r\n  \"AssignableScopes\": [\"/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/\"]\r\n}\r\n"
	dir := writeFiles(t, map[string]string{"r.json": crlf})
	file := filepath.Join(dir, "r.json")
	rolelint(t, "--fix", file)
	got, _ := os.ReadFile(file)
	want := strings.NewReplacer(`"notactions"`, `"notActions"`, "microsoft.compute/virtualmachines/read", "Microsoft.Compute/virtualMachines/read",
		`8c6d/"`, `8c6d"`).Replace(crlf)
	if string(got) != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestSubcommandHelp checks that --help of init and rules prints usage and
// does nothing else (init once wrote its starter config to a file named
// "--help"), and that unknown flags and extra arguments are usage errors.
func TestSubcommandHelp(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"init", "--help"}, 0, "rolelint init [FILE]", ""},
		{[]string{"init", "-h"}, 0, "rolelint init [FILE]", ""},
		{[]string{"init", "--force"}, 2, "", "unknown flag: --force"},
		{[]string{"init", "a.yaml", "b.yaml"}, 2, "", `too many arguments ["b.yaml"]`},
		{[]string{"rules", "--help"}, 0, "rolelint rules RULE ...", ""},
		{[]string{"rules", "--bogus"}, 2, "", "unknown flag: --bogus"},
	}
	for _, c := range cases {
		cmd := exec.Command(bin, c.args...)
		cmd.Dir = dir
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		code := 0
		if err := cmd.Run(); err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatal(err)
			}
			code = ee.ExitCode()
		}
		if code != c.code || !strings.Contains(o.String(), c.out) || !strings.Contains(e.String(), c.err) || c.err == "" && e.Len() > 0 {
			t.Errorf("rolelint %s: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				strings.Join(c.args, " "), code, o.String(), e.String(), c.code, c.out, c.err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("wrote %s", entries[0].Name())
	}
}
