package ecosystem

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The inputs and outputs of action.yml that the README and
// .github/workflows/code-scanning.yml document, with the inputs' defaults.
var (
	wantInputs = map[string]string{
		"path":       ".",
		"format":     "sarif",
		"fail-on":    "warning",
		"sarif-file": "rolelint.sarif",
		"config":     "",
		"version":    "",
	}
	wantOutputs = []string{"exit-code", "sarif-file"}
	// The workflows this repository must have.
	wantWorkflows = []string{"catalog-refresh.yml", "ci.yml", "code-scanning.yml"}
)

type actionFile struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Description string  `yaml:"description"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
}

func readAction(t *testing.T) *actionFile {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(src, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

// step finds the step of action.yml with this id, or whose uses starts
// with the given action.
func (a *actionFile) step(t *testing.T, id, uses string) *actionStep {
	t.Helper()
	for i := range a.Runs.Steps {
		s := &a.Runs.Steps[i]
		if (id != "" && s.ID == id) || (uses != "" && strings.HasPrefix(s.Uses, uses+"@")) {
			return s
		}
	}
	t.Fatalf("action.yml has no step with id %q / uses %q", id, uses)
	return nil
}

var expr = regexp.MustCompile(`\$\{\{[^}]*\}\}`)

// TestActionlint lints the workflows with actionlint (ShellCheck on), the
// run scripts of action.yml with ShellCheck, and checks the action's
// interface.
func TestActionlint(t *testing.T) {
	actionlint := tool(t, "actionlint")
	shellcheck := tool(t, "shellcheck")
	dir := rootDir(t)

	t.Run("workflows", func(t *testing.T) {
		entries, err := os.ReadDir(filepath.Join(dir, ".github", "workflows"))
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, e := range entries {
			if !e.IsDir() && (strings.HasSuffix(e.Name(), ".yml") || strings.HasSuffix(e.Name(), ".yaml")) {
				files = append(files, e.Name())
			}
		}
		for _, w := range wantWorkflows {
			if !slices.Contains(files, w) {
				t.Errorf(".github/workflows/%s is missing", w)
			}
		}
		for _, f := range files {
			// From the root, so that `uses: ./` is checked against action.yml.
			out, err := runErr(dir, cleanEnv(), actionlint, "-no-color", "-shellcheck", shellcheck, "-pyflakes=",
				filepath.Join(".github", "workflows", f))
			if err != nil {
				t.Errorf("actionlint .github/workflows/%s: %v\n%s", f, err, out)
			} else {
				t.Logf("actionlint .github/workflows/%s: no problems", f)
			}
		}
	})

	// The control: in a copy of the project, actionlint must see a misspelt
	// input of the local action and ShellCheck an unquoted variable, or the
	// passes above prove nothing.
	t.Run("control", func(t *testing.T) {
		tmp := t.TempDir()
		run(t, tmp, cleanEnv(), "git", "init", "-q")
		copyFile(t, filepath.Join(dir, "action.yml"), filepath.Join(tmp, "action.yml"))
		bad := "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n" +
			"      - uses: actions/checkout@v4\n" +
			"      - uses: ./\n        with:\n          fail-onn: none\n" +
			"      - run: echo $HOME/x\n"
		writeFile(t, filepath.Join(tmp, ".github", "workflows", "bad.yml"), bad)
		out, err := runErr(tmp, cleanEnv(), actionlint, "-no-color", "-shellcheck", shellcheck, "-pyflakes=", ".github/workflows/bad.yml")
		if err == nil {
			t.Fatalf("actionlint passed a broken workflow:\n%s", out)
		}
		for _, want := range []string{`input "fail-onn" is not defined in action "rolelint"`, "SC2086"} {
			if !strings.Contains(out, want) {
				t.Errorf("actionlint on a broken workflow does not say %q:\n%s", want, out)
			}
		}
	})

	a := readAction(t)

	t.Run("interface", func(t *testing.T) {
		if a.Runs.Using != "composite" {
			t.Errorf("action.yml runs.using = %q, want composite", a.Runs.Using)
		}
		var got []string
		for name, in := range a.Inputs {
			got = append(got, name)
			want, ok := wantInputs[name]
			if !ok {
				t.Errorf("action.yml has input %q, which is not documented", name)
				continue
			}
			def := ""
			if in.Default != nil {
				def = *in.Default
			}
			if def != want {
				t.Errorf("input %q: default %q, want %q", name, def, want)
			}
			if in.Description == "" {
				t.Errorf("input %q has no description", name)
			}
		}
		for name := range wantInputs {
			if _, ok := a.Inputs[name]; !ok {
				t.Errorf("action.yml lacks input %q", name)
			}
		}
		var outs []string
		for name, o := range a.Outputs {
			outs = append(outs, name)
			if o.Description == "" {
				t.Errorf("output %q has no description", name)
			}
			// The value is a step's output, which that step writes.
			m := regexp.MustCompile(`^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$`).FindStringSubmatch(o.Value)
			if m == nil {
				t.Errorf("output %q: value %q is not a step output", name, o.Value)
				continue
			}
			s := a.step(t, m[1], "")
			if !strings.Contains(s.Run, m[2]+"=") || !strings.Contains(s.Run, "$GITHUB_OUTPUT") {
				t.Errorf("output %q: step %q never writes %s= to $GITHUB_OUTPUT", name, m[1], m[2])
			}
		}
		sort.Strings(outs)
		if !slices.Equal(outs, wantOutputs) {
			t.Errorf("action.yml outputs %v, want %v", outs, wantOutputs)
		}
		sort.Strings(got)
		t.Logf("inputs %v, outputs %v", got, outs)

		// Go comes from the action's own go.mod, and rolelint is built from
		// the action's checkout.
		setup := a.step(t, "", "actions/setup-go")
		if setup.With["go-version-file"] != "${{ github.action_path }}/go.mod" {
			t.Errorf("setup-go go-version-file = %q, want ${{ github.action_path }}/go.mod", setup.With["go-version-file"])
		}
		built := false
		for _, s := range a.Runs.Steps {
			if strings.Contains(s.Run, `go build -o "$RUNNER_TEMP/rolelint" ./cmd/rolelint`) {
				built = true
				if s.WorkingDirectory != "${{ github.action_path }}" {
					t.Errorf("step %q builds rolelint in %q, want ${{ github.action_path }}", s.Name, s.WorkingDirectory)
				}
			}
		}
		if !built {
			t.Errorf(`no step of action.yml runs go build -o "$RUNNER_TEMP/rolelint" ./cmd/rolelint`)
		}
	})

	t.Run("scripts", func(t *testing.T) {
		n := 0
		for i, s := range a.Runs.Steps {
			if s.Run == "" {
				continue
			}
			n++
			name := s.Name
			if name == "" {
				name = fmt.Sprintf("step %d", i+1)
			}
			if s.Shell != "bash" {
				t.Errorf("%s: shell %q, want bash", name, s.Shell)
			}
			// Script injection: inputs and event data reach scripts through
			// env, never as ${{ }} pasted into the script.
			for _, e := range expr.FindAllString(s.Run, -1) {
				if strings.Contains(e, "inputs.") || strings.Contains(e, "github.event") || strings.Contains(e, "github.head_ref") {
					t.Errorf("%s: %s inside the script; pass it through env", name, e)
				}
			}
			script := expr.ReplaceAllStringFunc(s.Run, func(e string) string { return strings.Repeat("_", len(e)) })
			f := filepath.Join(t.TempDir(), "step.sh")
			writeFile(t, f, "#!/usr/bin/env bash\n"+script)
			out, err := runErr(t.TempDir(), cleanEnv(), shellcheck, "--norc", "--shell=bash", "--format=gcc", f)
			if err != nil {
				t.Errorf("shellcheck of action.yml %q: %v\n%s", name, err, out)
			}
		}
		if n == 0 {
			t.Fatal("action.yml has no run scripts")
		}
		t.Logf("shellcheck: %d run scripts of action.yml clean", n)
	})
}

// TestActionScripts runs the run scripts of action.yml as a runner would
// (bash --noprofile --norc -eo pipefail, env from the step with its
// expressions evaluated), with a freshly built rolelint in RUNNER_TEMP.
func TestActionScripts(t *testing.T) {
	if _, err := os.Stat("/bin/bash"); err != nil {
		missing(t, "bash not found")
	}
	a := readAction(t)
	lint := a.step(t, "lint", "")
	var fail *actionStep
	for i := range a.Runs.Steps {
		if strings.Contains(a.Runs.Steps[i].If, "steps.lint.outputs.exit-code") {
			fail = &a.Runs.Steps[i]
		}
	}
	if fail == nil {
		t.Fatal("action.yml has no step that fails on steps.lint.outputs.exit-code")
	}
	bin := rolelintBinary(t)
	examples := filepath.Join(root, "testdata", "examples")

	type result struct {
		code    int               // the lint step's exit status
		outputs map[string]string // what it wrote to $GITHUB_OUTPUT
		log     string
		failLog string
		failed  int // the fail step's exit status, -1 when skipped
		ws      string
	}
	runAction := func(t *testing.T, with map[string]string) result {
		t.Helper()
		ws := t.TempDir()
		copyDir(t, examples, filepath.Join(ws, "my roles"))
		temp := t.TempDir()
		if err := os.Symlink(bin, filepath.Join(temp, "rolelint")); err != nil {
			t.Fatal(err)
		}
		outFile := filepath.Join(temp, "github_output")
		writeFile(t, outFile, "")
		inputs := map[string]string{}
		for k, v := range wantInputs {
			inputs[k] = v
		}
		for k, v := range with {
			inputs[k] = v
		}
		var r result
		r.ws = ws
		r.code, r.log = runStep(t, lint, ws, temp, outFile, inputs, nil)
		r.outputs = readOutputs(t, outFile)
		r.failed = -1
		if r.outputs["exit-code"] != "0" { // the fail step's if:
			r.failed, r.failLog = runStep(t, fail, ws, temp, filepath.Join(temp, "unused"), inputs, map[string]map[string]string{"lint": r.outputs})
		}
		return r
	}

	t.Run("sarif", func(t *testing.T) {
		r := runAction(t, map[string]string{"path": "my roles"})
		if r.code != 0 {
			t.Fatalf("the lint step exited %d before the fail step:\n%s", r.code, r.log)
		}
		if r.outputs["exit-code"] != "1" || r.outputs["sarif-file"] != "rolelint.sarif" {
			t.Errorf("outputs %v, want exit-code=1 sarif-file=rolelint.sarif", r.outputs)
		}
		raw, err := os.ReadFile(filepath.Join(r.ws, "rolelint.sarif"))
		if err != nil {
			t.Fatalf("no SARIF written: %v", err)
		}
		var log struct {
			Version string `json:"version"`
			Runs    []struct {
				Results []struct {
					RuleID string `json:"ruleId"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(raw, &log); err != nil {
			t.Fatalf("rolelint.sarif: %v", err)
		}
		if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
			t.Errorf("rolelint.sarif: version %q, %d runs, want 2.1.0 with results", log.Version, len(log.Runs))
		}
		// The text report is coloured for the log.
		text := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(r.log, "")
		if !strings.Contains(text, "my roles/cli-many-defects.json:8:5: unknown operation") || !strings.Contains(text, "[RL205]") {
			t.Errorf("the log lacks the text report:\n%s", r.log)
		}
		if r.failed != 1 || !strings.Contains(r.failLog, "::error") {
			t.Errorf("the fail step exited %d, want 1 with an ::error annotation:\n%s", r.failed, r.failLog)
		}
		t.Logf("SARIF with %d results; outputs %v; fail step exit %d: %s", len(log.Runs[0].Results), r.outputs, r.failed, strings.TrimSpace(r.failLog))
	})

	t.Run("fail-on-none", func(t *testing.T) {
		r := runAction(t, map[string]string{"path": "my roles", "fail-on": "none"})
		if r.code != 0 || r.outputs["exit-code"] != "0" || r.failed != -1 {
			t.Errorf("fail-on none: step %d, outputs %v, fail step %d; want the action to pass\n%s", r.code, r.outputs, r.failed, r.log)
		}
		if _, err := os.Stat(filepath.Join(r.ws, "rolelint.sarif")); err != nil {
			t.Errorf("no SARIF written: %v", err)
		}
	})

	t.Run("github-format-two-paths", func(t *testing.T) {
		r := runAction(t, map[string]string{"path": "my roles/cli-acs-smtp.json\n  my roles/cli-many-defects.json\n", "format": "github"})
		if r.code != 0 || r.outputs["exit-code"] != "1" || r.outputs["sarif-file"] != "" || r.failed != 1 {
			t.Errorf("step %d, outputs %v, fail step %d; want exit-code=1, no sarif-file, fail step 1\n%s", r.code, r.outputs, r.failed, r.log)
		}
		for _, want := range []string{"::error file=my roles/cli-many-defects.json,line=8,col=5", "::notice file=my roles/cli-acs-smtp.json,line="} {
			if !strings.Contains(r.log, want) {
				t.Errorf("the log lacks %q:\n%s", want, r.log)
			}
		}
	})

	// --config FILE: a missing file is a usage error (exit 2), and so is
	// the flag itself on a rolelint that does not know it yet.
	t.Run("config", func(t *testing.T) {
		r := runAction(t, map[string]string{"path": "my roles", "config": "no-such-config.yaml"})
		if r.code != 0 || r.outputs["exit-code"] != "2" || r.failed != 2 {
			t.Errorf("step %d, outputs %v, fail step %d; want exit-code=2 and the fail step to exit 2\n%s", r.code, r.outputs, r.failed, r.log)
		}
		if !strings.Contains(r.log, "--config") && !strings.Contains(r.log, "no-such-config.yaml") {
			t.Errorf("the log does not mention the config:\n%s", r.log)
		}
	})
}

// runStep runs one run step of action.yml in workspace ws.
func runStep(t *testing.T, s *actionStep, ws, runnerTemp, outFile string, inputs map[string]string, steps map[string]map[string]string) (int, string) {
	t.Helper()
	ref := regexp.MustCompile(`^\$\{\{\s*(inputs\.([\w-]+)|steps\.([\w-]+)\.outputs\.([\w-]+))\s*\}\}$`)
	env := cleanEnv("RUNNER_TEMP="+runnerTemp, "GITHUB_OUTPUT="+outFile, "GITHUB_WORKSPACE="+ws, "GITHUB_ACTIONS=true")
	for k, v := range s.Env {
		if expr.MatchString(v) {
			m := ref.FindStringSubmatch(v)
			switch {
			case m == nil:
				t.Fatalf("step %q: env %s = %s: the test cannot evaluate it", s.Name, k, v)
			case m[2] != "":
				v = inputs[m[2]]
			default:
				v = steps[m[3]][m[4]]
			}
		}
		env = append(env, k+"="+v)
	}
	f := filepath.Join(t.TempDir(), "step.sh")
	writeFile(t, f, s.Run)
	out, err := runErr(ws, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", f)
	return exitCode(t, err), out
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	t.Fatal(err)
	return 0
}

func readOutputs(t *testing.T, name string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	return out
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	raw, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(raw))
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			copyFile(t, filepath.Join(from, e.Name()), filepath.Join(to, e.Name()))
		}
	}
}
