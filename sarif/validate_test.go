package sarif

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	v210 "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rolelint/rolelint/lint"
)

// schemaFile is the OASIS SARIF 2.1.0 schema (errata 01, the one whose id
// is below), as published in oasis-tcs/sarif-spec Schemata/ and embedded
// in go-sarif; relative to the package directory.
const (
	schemaFile = "../testdata/sarif/sarif-schema-2.1.0.json"
	schemaID   = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri, uri-reference, date-time are checked too
	if err := c.AddResource(schemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaID)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return sch
}

func validateJSON(sch *jsonschema.Schema, out []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// logs are the SARIF logs every validator checks, by file name. The
// working directory must be the repository root.
func logs(t *testing.T) map[string][]byte {
	t.Helper()
	return map[string][]byte{
		"examples.sarif":  write(t, lintExamples(t), Tool{Version: "dev"}),
		"synthetic.sarif": write(t, syntheticResult(t), Tool{Version: "v1.2.3", CatalogDate: "2026-02-23", CatalogSource: "test"}),
	}
}

func TestSchema(t *testing.T) {
	sch := compileSchema(t)
	chdirRoot(t)
	for name, out := range logs(t) {
		if err := validateJSON(sch, out); err != nil {
			t.Errorf("%s does not validate against the SARIF 2.1.0 schema: %v", name, err)
		}
	}
	// go-sarif's own check, on the report before the sentinels are dropped.
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for name, res := range map[string]*lint.Result{"examples": lintExamples(t), "synthetic": syntheticResult(t)} {
		var rep *v210.Report
		if rep, err = build(res, Tool{Version: "dev"}, cwd); err != nil {
			t.Fatal(err)
		}
		if err := rep.Validate(); err != nil {
			t.Errorf("%s: go-sarif Validate: %v", name, err)
		}
	}
	// The validator is live: a log without "version" and with a broken
	// region is rejected.
	var v map[string]any
	if err := json.Unmarshal(logs(t)["examples.sarif"], &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "version")
	broken, _ := json.Marshal(v)
	if validateJSON(sch, broken) == nil {
		t.Errorf("the schema accepted a log without \"version\"")
	}
	broken = bytes.Replace(logs(t)["examples.sarif"], []byte(`"startLine": `), []byte(`"startLine": -`), 1)
	if validateJSON(sch, broken) == nil {
		t.Errorf("the schema accepted a negative startLine")
	}
}

// multitool finds the Sarif Multitool: $SARIF_MULTITOOL, else the copy
// scripts/install-test-tools puts in .tools/. The npm wrapper
// (.tools/npm/node_modules/.bin/sarif-multitool) runs its arguments through
// a shell, which splits --rule-kind "Sarif;Gh" at the ';', so the native
// binary of the -linux package is used instead.
func multitool(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SARIF_MULTITOOL"); p != "" {
		if !strings.ContainsRune(p, filepath.Separator) {
			if lp, err := exec.LookPath(p); err == nil {
				p = lp
			}
		}
		abs, err := filepath.Abs(nativeMultitool(p)) // the test changes directory
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}
	for _, p := range []string{
		"../.tools/bin/sarif-multitool",
		"../.tools/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool",
		"../.tools/npm/node_modules/.bin/sarif-multitool",
	} {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			abs, err := filepath.Abs(nativeMultitool(p))
			if err != nil {
				t.Fatal(err)
			}
			return abs
		}
	}
	const msg = "Sarif Multitool not found: set SARIF_MULTITOOL or run scripts/install-test-tools"
	if os.Getenv("ROLELINT_REQUIRE_TOOLS") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// nativeMultitool maps the npm wrapper script to the binary it starts.
func nativeMultitool(p string) string {
	real, err := filepath.EvalSymlinks(p)
	if err != nil || filepath.Base(real) != "bin.js" || filepath.Base(filepath.Dir(real)) != "sarif-multitool" {
		return p
	}
	native := filepath.Join(filepath.Dir(filepath.Dir(real)), "sarif-multitool-linux", "Sarif.Multitool")
	if _, err := os.Stat(native); err != nil {
		return p
	}
	return native
}

// offlineConfig turns off SARIF2006, which fetches every URI in the log.
const offlineConfig = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`

type mtLog struct {
	Runs []struct {
		Results []struct {
			RuleID  string `json:"ruleId"`
			Level   string `json:"level"`
			Message struct {
				Text      string   `json:"text"`
				ID        string   `json:"id"`
				Arguments []string `json:"arguments"`
			} `json:"message"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

func TestMultitool(t *testing.T) {
	exe := multitool(t)
	chdirRoot(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "offline.xml")
	if err := os.WriteFile(cfg, []byte(offlineConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	all := logs(t)
	for name, out := range all {
		errs, warns := runMultitool(t, exe, cfg, dir, name, out)
		for _, e := range errs {
			t.Errorf("%s: %s", name, e)
		}
		for _, w := range warns {
			t.Logf("%s: %s", name, w)
		}
		t.Logf("%s: Multitool verdict: %d errors, %d warnings", name, len(errs), len(warns))
	}

	// The harness sees errors: a rule without fullDescription is GH2012.
	var v map[string]any
	if err := json.Unmarshal(all["examples.sarif"], &v); err != nil {
		t.Fatal(err)
	}
	rule := v["runs"].([]any)[0].(map[string]any)["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)[0].(map[string]any)
	delete(rule, "fullDescription")
	bad, _ := json.Marshal(v)
	if errs, _ := runMultitool(t, exe, cfg, dir, "canary.sarif", bad); !containsPrefix(errs, "GH2012") {
		t.Errorf("the Multitool did not report GH2012 on a rule without fullDescription; errors: %v", errs)
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// runMultitool validates one log with `validate --rule-kind "Sarif;Gh"` and
// returns its error and warning results as "RULE: message" lines.
func runMultitool(t *testing.T, exe, cfg, dir, name string, log []byte) (errs, warns []string) {
	t.Helper()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, log, 0o644); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, name+".validation.sarif") // must not exist yet
	cmd := exec.Command(exe, "validate", in, "--rule-kind", "Sarif;Gh", "-c", cfg, "-o", report)
	cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1")
	console, err := cmd.CombinedOutput()
	data, rerr := os.ReadFile(report)
	if rerr != nil {
		t.Fatalf("%s: the Multitool wrote no report (%v; exit: %v):\n%s", name, rerr, err, console)
	}
	var mt mtLog
	if err := json.Unmarshal(data, &mt); err != nil {
		t.Fatalf("%s: reading the Multitool report: %v", name, err)
	}
	for _, run := range mt.Runs {
		for _, inv := range run.Invocations {
			for _, n := range inv.Notifications {
				if n.Level == "error" {
					errs = append(errs, "execution: "+n.Message.Text)
				}
			}
		}
		for _, r := range run.Results {
			text := r.Message.Text
			if text == "" {
				text = r.Message.ID + " " + strings.Join(r.Message.Arguments, " | ")
			}
			line := r.RuleID + ": " + text
			switch r.Level {
			case "error":
				errs = append(errs, line)
			case "", "warning": // a result's level defaults to warning
				warns = append(warns, line)
			default:
				warns = append(warns, r.Level+" "+line)
			}
		}
	}
	if err != nil && len(errs) == 0 {
		t.Errorf("%s: the Multitool failed (%v) without reporting an error:\n%s", name, err, console)
	}
	return errs, warns
}
