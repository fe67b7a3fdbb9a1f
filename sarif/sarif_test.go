package sarif

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	v210 "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/rules"
)

var update = flag.Bool("update", false, "rewrite testdata/sarif/examples.sarif from the current output")

// golden is relative to the repository root, where the tests that lint the
// examples run (so that URIs are testdata/examples/...).
const golden = "testdata/sarif/examples.sarif"

// chdirRoot makes the repository root the working directory of the test.
func chdirRoot(t *testing.T) {
	t.Helper()
	t.Chdir("..")
	if _, err := os.Stat("go.mod"); err != nil {
		t.Fatalf("not at the repository root: %v", err)
	}
}

// lintExamples lints testdata/examples with the default options; the
// working directory must be the repository root.
func lintExamples(t *testing.T) *lint.Result {
	t.Helper()
	inputs, err := lint.Discover([]string{"testdata/examples"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no inputs in testdata/examples")
	}
	res, err := lint.Run(inputs, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func write(t *testing.T, res *lint.Result, tool Tool) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, res, tool); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decode reads a log back into go-sarif's structs for inspection.
func decode(t *testing.T, out []byte) *v210.Report {
	t.Helper()
	var rep v210.Report
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(rep.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(rep.Runs))
	}
	return &rep
}

func TestGolden(t *testing.T) {
	chdirRoot(t)
	got := write(t, lintExamples(t), Tool{Version: "dev"})
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", golden)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./sarif -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("SARIF output differs from %s (run go test ./sarif -update if the change is intended):\n%s", golden, firstDiff(string(want), string(got)))
	}
	if !bytes.HasSuffix(got, []byte("}\n")) || !bytes.HasPrefix(got, []byte("{\n  \"")) {
		t.Errorf("output is not pretty-printed JSON with a trailing newline")
	}
	cwd, _ := os.Getwd()
	if bytes.Contains(got, []byte(cwd)) || bytes.Contains(got, []byte(filepath.ToSlash(cwd))) {
		t.Errorf("output holds the absolute working directory %s", cwd)
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "(no line differs)"
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestDeterministic(t *testing.T) {
	chdirRoot(t)
	first := write(t, lintExamples(t), Tool{Version: "dev"})
	for range 3 {
		if again := write(t, lintExamples(t), Tool{Version: "dev"}); !bytes.Equal(first, again) {
			t.Fatalf("two runs gave different SARIF:\n%s", firstDiff(string(first), string(again)))
		}
	}
}

func TestDriver(t *testing.T) {
	chdirRoot(t)
	res := lintExamples(t)
	for _, tc := range []struct {
		tool                  Tool
		version, semver       string
		catalogDate, catalogS string
	}{
		{Tool{Version: "dev"}, "0.0.0-dev", "0.0.0-dev", "", ""},
		{Tool{}, "0.0.0-dev", "0.0.0-dev", "", ""},
		{Tool{Version: "v1.2.3", CatalogDate: "2026-02-23", CatalogSource: "learn.microsoft.com"}, "1.2.3", "1.2.3", "2026-02-23", "learn.microsoft.com"},
		{Tool{Version: "1.4.0-rc.1", CatalogDate: "2026-02-23"}, "1.4.0-rc.1", "1.4.0-rc.1", "2026-02-23", ""},
		{Tool{Version: "(devel)"}, "0.0.0-devel", "0.0.0-devel", "", ""},
	} {
		rep := decode(t, write(t, res, tc.tool))
		d := rep.Runs[0].Tool.Driver
		if got := deref(d.Name); got != "rolelint" {
			t.Errorf("driver name %q", got)
		}
		if got := deref(d.InformationURI); got != "https://github.com/rolelint/rolelint" {
			t.Errorf("informationUri %q", got)
		}
		if got := deref(d.Version); got != tc.version {
			t.Errorf("%+v: version %q, want %q", tc.tool, got, tc.version)
		}
		if got := deref(d.SemanticVersion); got != tc.semver {
			t.Errorf("%+v: semanticVersion %q, want %q", tc.tool, got, tc.semver)
		}
		var props v210.Properties
		if d.Properties != nil {
			props = d.Properties.Properties
		}
		if got, _ := props["catalogDate"].(string); got != tc.catalogDate {
			t.Errorf("%+v: catalogDate %q, want %q", tc.tool, got, tc.catalogDate)
		}
		if got, _ := props["catalogSource"].(string); got != tc.catalogS {
			t.Errorf("%+v: catalogSource %q, want %q", tc.tool, got, tc.catalogS)
		}
		if tc.catalogDate == "" && tc.catalogS == "" && len(props) != 0 {
			t.Errorf("%+v: driver properties %v, want none", tc.tool, props)
		}
		if got := deref(rep.Runs[0].ColumnKind); got != "unicodeCodePoints" {
			t.Errorf("columnKind %q", got)
		}
		if _, ok := rep.Runs[0].OriginalUriBaseIds["%SRCROOT%"]; !ok {
			t.Errorf("originalUriBaseIds does not declare %%SRCROOT%%")
		}
	}
}

func TestSemanticVersionIsSemVer(t *testing.T) {
	for _, v := range []string{"dev", "", "v1.2.3", "1.2.3+meta", "(devel)", "abc..def", "a...b", ".-.", "v1", "1.2", "ünïcode", "v0.1.0-0.20260101-abcdef"} {
		if s := semanticVersion(v); !semverRE.MatchString(s) {
			t.Errorf("semanticVersion(%q) = %q, not SemVer 2.0", v, s)
		}
		if d := displayVersion(v); d == "" || d[0] < '0' || d[0] > '9' {
			t.Errorf("displayVersion(%q) = %q, does not start with a number", v, d)
		}
	}
}

var pascalRE = regexp.MustCompile(`^(\p{Lu}[\p{Ll}\p{Nd}]+)*$`) // the Multitool's SARIF2012 check

func TestRuleDescriptors(t *testing.T) {
	chdirRoot(t)
	rep := decode(t, write(t, lintExamples(t), Tool{Version: "dev"}))
	got := rep.Runs[0].Tool.Driver.Rules
	all := rules.All()
	if len(got) != len(all) {
		t.Fatalf("%d rules in tool.driver.rules, want every rule of rules.All() (%d)", len(got), len(all))
	}
	for i, r := range all {
		d := got[i]
		if deref(d.ID) != r.ID {
			t.Errorf("rules[%d].id = %q, want %q", i, deref(d.ID), r.ID)
			continue
		}
		name := deref(d.Name)
		if !pascalRE.MatchString(name) || name == "" || name == r.ID {
			t.Errorf("%s: name %q is not a Pascal identifier distinct from the id", r.ID, name)
		}
		if d.ShortDescription == nil || deref(d.ShortDescription.Text) != r.Title {
			t.Errorf("%s: shortDescription is not the title", r.ID)
		}
		if d.FullDescription == nil || deref(d.FullDescription.Text) == "" || strings.ContainsAny(deref(d.FullDescription.Text), "`\n") {
			t.Errorf("%s: fullDescription missing or not plain one-line text: %v", r.ID, d.FullDescription)
		}
		if d.Help == nil || deref(d.Help.Markdown) != rules.Markdown(r) || deref(d.Help.Text) == "" || strings.Contains(deref(d.Help.Text), "```") {
			t.Errorf("%s: help must hold the Markdown doc and a plain text", r.ID)
		}
		if deref(d.HelpURI) != r.URL() {
			t.Errorf("%s: helpUri %q, want %q", r.ID, deref(d.HelpURI), r.URL())
		}
		if d.DefaultConfiguration == nil || d.DefaultConfiguration.Level != r.Severity.String() {
			t.Errorf("%s: defaultConfiguration.level %v, want %s", r.ID, d.DefaultConfiguration, r.Severity)
		}
		if d.Properties == nil {
			t.Errorf("%s: no properties", r.ID)
			continue
		}
		if len(d.Properties.Tags) == 0 || d.Properties.Tags[0] != string(r.Category) {
			t.Errorf("%s: tags %v, want the category %q first", r.ID, d.Properties.Tags, r.Category)
		}
		wantPrecision := "high"
		if r.Category == rules.DeployError {
			wantPrecision = "very-high"
		}
		if p := d.Properties.Properties["precision"]; p != wantPrecision {
			t.Errorf("%s: precision %v, want %s", r.ID, p, wantPrecision)
		}
		if s, ok := d.Properties.Properties["security-severity"]; ok != (r.SecuritySeverity != "") || ok && s != r.SecuritySeverity {
			t.Errorf("%s: security-severity %v, want %q", r.ID, s, r.SecuritySeverity)
		}
	}
}

func TestResultsMatchFindings(t *testing.T) {
	chdirRoot(t)
	res := lintExamples(t)
	if len(res.Findings) == 0 {
		t.Fatal("the examples produce no findings: the golden test would test nothing")
	}
	run := decode(t, write(t, res, Tool{Version: "dev"})).Runs[0]
	if len(run.Results) != len(res.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(res.Findings))
	}
	for i, r := range run.Results {
		f := res.Findings[i]
		if deref(r.RuleID) != f.Rule.ID || r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || deref(run.Tool.Driver.Rules[r.RuleIndex].ID) != f.Rule.ID {
			t.Errorf("result %d: ruleId %q / ruleIndex %d do not name rule %s", i, deref(r.RuleID), r.RuleIndex, f.Rule.ID)
		}
		if r.Level != f.Severity.String() {
			t.Errorf("result %d: level %q, want %s", i, r.Level, f.Severity)
		}
		if r.Message == nil || deref(r.Message.Text) != f.Message {
			t.Errorf("result %d: message differs from the finding's", i)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %d: %d locations, want 1", i, len(r.Locations))
		}
		pl := r.Locations[0].PhysicalLocation
		if want := filepath.ToSlash(f.Path); deref(pl.ArtifactLocation.URI) != want || deref(pl.ArtifactLocation.URIBaseID) != "%SRCROOT%" {
			t.Errorf("result %d: artifactLocation %q (base %q), want %q from %%SRCROOT%%", i, deref(pl.ArtifactLocation.URI), deref(pl.ArtifactLocation.URIBaseID), want)
		}
		reg := pl.Region
		if deref(reg.StartLine) != f.Start.Line || deref(reg.StartColumn) != f.Start.Col || deref(reg.EndLine) != f.End.Line || deref(reg.EndColumn) != f.End.Col {
			t.Errorf("result %d: region %d:%d-%d:%d, want %d:%d-%d:%d", i, deref(reg.StartLine), deref(reg.StartColumn),
				deref(reg.EndLine), deref(reg.EndColumn), f.Start.Line, f.Start.Col, f.End.Line, f.End.Col)
		}
		if fp := r.PartialFingerprints[fingerprintKey]; !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(fp) {
			t.Errorf("result %d: partialFingerprints %v", i, r.PartialFingerprints)
		}
		if len(r.Fixes) != len(f.Fixes) {
			t.Errorf("result %d: %d fixes, want %d", i, len(r.Fixes), len(f.Fixes))
		}
	}
}

// TestLevelOverride: a result's level is the finding's severity, which the
// configuration may have changed from the rule's default.
func TestLevelOverride(t *testing.T) {
	res, err := lint.Run([]lint.Input{{Path: "role.json", Explicit: true, Data: []byte(fpRole)}},
		lint.Options{Severity: map[string]rules.Severity{"RL106": rules.Error, "RL105": rules.Note}})
	if err != nil {
		t.Fatal(err)
	}
	run := decode(t, write(t, res, Tool{})).Runs[0]
	levels := map[string]string{}
	for _, r := range run.Results {
		levels[deref(r.RuleID)] = r.Level
	}
	if levels["RL106"] != "error" || levels["RL105"] != "note" {
		t.Errorf("levels %v, want RL106 error and RL105 note (the overrides)", levels)
	}
	for _, d := range run.Tool.Driver.Rules {
		if deref(d.ID) == "RL106" && d.DefaultConfiguration.Level != "warning" {
			t.Errorf("RL106 default level %q, want its own default warning", d.DefaultConfiguration.Level)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	cwd := t.TempDir()
	outside := filepath.Join(filepath.Dir(cwd), "elsewhere", "role.json")
	for _, tc := range []struct {
		path string
		uri  string
		base bool
	}{
		{filepath.Join(cwd, "roles", "reader.json"), "roles/reader.json", true},
		{filepath.Join("roles", "reader.json"), "roles/reader.json", true},
		{"./roles/../roles/reader.json", "roles/reader.json", true},
		{filepath.Join("roles", "my role.json"), "roles/my%20role.json", true},
		{"a:b.json", "a%3Ab.json", true},
		{"<stdin>", "%3Cstdin%3E", true},
		{"rôle.json", "r%C3%B4le.json", true},
		{outside, "file://" + filepath.ToSlash(outside), false},
		{filepath.Join("..", "elsewhere", "role.json"), "file://" + filepath.ToSlash(outside), false},
	} {
		uri, base := artifactURI(tc.path, cwd)
		if uri != tc.uri || base != tc.base {
			t.Errorf("artifactURI(%q) = %q, %v; want %q, %v", tc.path, uri, base, tc.uri, tc.base)
		}
	}
}

// TestAbsolutePathUnderCwd: a file named by its absolute path comes out
// relative to the working directory, with no absolute path in the log.
func TestAbsolutePathUnderCwd(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(cwd, "roles", "reader.json")
	res, err := lint.Run([]lint.Input{{Path: abs, Explicit: true, Data: []byte(fpRole)}}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := write(t, res, Tool{})
	if bytes.Contains(out, []byte(filepath.ToSlash(cwd))) {
		t.Errorf("the log holds the absolute path %s", cwd)
	}
	for _, r := range decode(t, out).Runs[0].Results {
		al := r.Locations[0].PhysicalLocation.ArtifactLocation
		if deref(al.URI) != "roles/reader.json" || deref(al.URIBaseID) != "%SRCROOT%" {
			t.Errorf("uri %q base %q, want roles/reader.json from %%SRCROOT%%", deref(al.URI), deref(al.URIBaseID))
		}
		for _, rel := range r.RelatedLocations {
			if deref(rel.PhysicalLocation.ArtifactLocation.URI) != "roles/reader.json" {
				t.Errorf("related uri %q", deref(rel.PhysicalLocation.ArtifactLocation.URI))
			}
		}
	}
}

// TestNoPosition: a finding without a file position (a read error, or one
// built with Line 0) still gets a valid region at line 1, column 1.
func TestNoPosition(t *testing.T) {
	t.Chdir(t.TempDir())
	res, err := lint.Run([]lint.Input{{Path: "missing.json", Explicit: true}}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 {
		t.Fatal("no finding for a missing file")
	}
	res.Findings = append(res.Findings, lint.Finding{Rule: rules.Internal, Severity: rules.Error, Path: "x.json", Message: "no position at all"})
	run := decode(t, write(t, res, Tool{})).Runs[0]
	if len(run.Results) != len(res.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(res.Findings))
	}
	for _, r := range run.Results {
		if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation == nil || r.Locations[0].PhysicalLocation.Region == nil {
			t.Fatalf("%s: no physical location with a region", deref(r.RuleID))
		}
		reg := r.Locations[0].PhysicalLocation.Region
		if deref(reg.StartLine) != 1 || deref(reg.StartColumn) != 1 || deref(reg.EndLine) != 1 || deref(reg.EndColumn) != 1 {
			t.Errorf("%s: region %d:%d-%d:%d, want 1:1-1:1", deref(r.RuleID), deref(reg.StartLine), deref(reg.StartColumn), deref(reg.EndLine), deref(reg.EndColumn))
		}
	}
}

// fpRole has two findings: RL105 (with a fix) and RL106 (with a related
// location), on a line with non-ASCII text before the token.
const fpRole = `{
  "Name": "Fingerprint Tést", "Description": "Reads VMs – ünïcode.", "notactions": [],
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"],
  "Description": "Reads VMs, twice."
}
`

func TestFingerprintStableWhenLinesMove(t *testing.T) {
	lintData := func(data string) (*lint.Result, map[string]string, map[string]int) {
		res, err := lint.Run([]lint.Input{{Path: "role.json", Explicit: true, Data: []byte(data)}}, lint.Options{})
		if err != nil {
			t.Fatal(err)
		}
		fps, lines := map[string]string{}, map[string]int{}
		for _, r := range decode(t, write(t, res, Tool{})).Runs[0].Results {
			id := deref(r.RuleID)
			fps[id] = r.PartialFingerprints[fingerprintKey]
			lines[id] = deref(r.Locations[0].PhysicalLocation.Region.StartLine)
		}
		return res, fps, lines
	}
	res, before, lineBefore := lintData(fpRole)
	_, after, lineAfter := lintData("\n" + fpRole)
	if len(res.Findings) < 2 || before["RL105"] == "" || before["RL106"] == "" {
		t.Fatalf("want RL105 and RL106 findings, got %v", before)
	}
	if before["RL105"] == before["RL106"] {
		t.Errorf("two different findings share the fingerprint %s", before["RL105"])
	}
	for id, fp := range before {
		if lineAfter[id] != lineBefore[id]+1 {
			t.Errorf("%s: line %d then %d: the blank line did not move the finding", id, lineBefore[id], lineAfter[id])
		}
		if after[id] != fp {
			t.Errorf("%s: fingerprint changed when a line was inserted above it: %s then %s", id, fp, after[id])
		}
	}
	// The fingerprint does change with what it is made of.
	f := res.Findings[0]
	uri, _ := artifactURI(f.Path, "")
	g := f
	g.Message += "!"
	if fingerprint(f, uri) == fingerprint(g, uri) || fingerprint(f, uri) == fingerprint(f, "other.json") {
		t.Errorf("fingerprint ignores the message or the path")
	}
}

// TestFixesAndRelated checks the regions computed from edit offsets against
// the finding's own region (RL105's fix replaces exactly the reported key),
// on a line where bytes and code points differ.
func TestFixesAndRelated(t *testing.T) {
	res, err := lint.Run([]lint.Input{{Path: "role.json", Explicit: true, Data: []byte(fpRole)}}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	run := decode(t, write(t, res, Tool{})).Runs[0]
	var sawFix, sawRelated bool
	for i, r := range run.Results {
		f := res.Findings[i]
		switch deref(r.RuleID) {
		case "RL105":
			if f.Start.Col == f.Start.ByteCol {
				t.Fatalf("test input: the RL105 finding should follow non-ASCII text on its line")
			}
			if len(r.Fixes) != 1 || len(r.Fixes[0].ArtifactChanges) != 1 || len(r.Fixes[0].ArtifactChanges[0].Replacements) != 1 {
				t.Fatalf("RL105: want one fix with one replacement, got %+v", r.Fixes)
			}
			ch := r.Fixes[0].ArtifactChanges[0]
			if deref(ch.ArtifactLocation.URI) != "role.json" || deref(ch.ArtifactLocation.URIBaseID) != "%SRCROOT%" {
				t.Errorf("fix artifactLocation %q", deref(ch.ArtifactLocation.URI))
			}
			rep := ch.Replacements[0]
			dr, reg := rep.DeletedRegion, r.Locations[0].PhysicalLocation.Region
			if deref(dr.StartLine) != deref(reg.StartLine) || deref(dr.StartColumn) != deref(reg.StartColumn) ||
				deref(dr.EndLine) != deref(reg.EndLine) || deref(dr.EndColumn) != deref(reg.EndColumn) {
				t.Errorf("deletedRegion %d:%d-%d:%d, want the key's region %d:%d-%d:%d", deref(dr.StartLine), deref(dr.StartColumn),
					deref(dr.EndLine), deref(dr.EndColumn), deref(reg.StartLine), deref(reg.StartColumn), deref(reg.EndLine), deref(reg.EndColumn))
			}
			if rep.InsertedContent == nil || deref(rep.InsertedContent.Text) != `"notActions"` {
				t.Errorf("insertedContent %+v", rep.InsertedContent)
			}
			if r.Fixes[0].Description == nil || deref(r.Fixes[0].Description.Text) == "" {
				t.Errorf("fix without description")
			}
			sawFix = true
		case "RL106":
			if len(r.RelatedLocations) != 1 {
				t.Fatalf("RL106: %d related locations, want 1", len(r.RelatedLocations))
			}
			rl := r.RelatedLocations[0]
			want := f.Related[0]
			if rl.ID != 1 || rl.Message == nil || deref(rl.Message.Text) != want.Message {
				t.Errorf("related location id %d message %v", rl.ID, rl.Message)
			}
			reg := rl.PhysicalLocation.Region
			if deref(reg.StartLine) != want.Start.Line || deref(reg.StartColumn) != want.Start.Col || deref(reg.EndColumn) != want.End.Col {
				t.Errorf("related region %d:%d-%d, want %d:%d-%d", deref(reg.StartLine), deref(reg.StartColumn), deref(reg.EndColumn), want.Start.Line, want.Start.Col, want.End.Col)
			}
			sawRelated = true
		}
	}
	if !sawFix || !sawRelated {
		t.Errorf("want an RL105 result with a fix and an RL106 result with a related location")
	}
}

// securityRule is a security rule outside the registry (RL999 is never to
// be registered): Write must describe it although rules.All() does not
// list it.
var securityRule = &rules.Rule{
	ID: "RL999", Title: "Test security rule", Severity: rules.Warning, Category: rules.Security,
	SecuritySeverity: "9.0", Doc: "A rule of the tests, with a `code` span.\n\nSecond paragraph.",
	Analyzer: &analysis.Analyzer{Name: "test_security_rule"},
}

// syntheticResult exercises what the examples may not: fixes, related
// locations, a rule outside the registry, a security rule, and findings with
// no position.
func syntheticResult(t *testing.T) *lint.Result {
	t.Helper()
	res, err := lint.Run([]lint.Input{{Path: "roles/owner.json", Explicit: true, Data: []byte(fpRole)}, {Path: "roles/gone.json", Explicit: true}}, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res.Findings = append(res.Findings,
		lint.Finding{
			Rule: securityRule, Severity: rules.Error, Path: "roles/owner.json",
			Start: lint.Position{Line: 2, Col: 3}, End: lint.Position{Line: 2, Col: 9},
			Pointer: "/Name", Role: "Owner-ish", Message: "grants everything",
			Related: []lint.Related{{Path: "roles/owner.json", Start: lint.Position{Line: 1, Col: 1}, End: lint.Position{Line: 1, Col: 2}, Message: "role starts here"}},
		},
		lint.Finding{Rule: rules.Internal, Severity: rules.Error, Message: "no path and no position"},
	)
	return res
}

func TestSecuritySeverityOnlyOnSecurityRules(t *testing.T) {
	res := syntheticResult(t)
	run := decode(t, write(t, res, Tool{})).Runs[0]
	secIndex := -1
	for i, f := range res.Findings {
		if f.Rule == securityRule {
			secIndex = i
		}
	}
	byID := map[string]*rules.Rule{securityRule.ID: securityRule}
	for _, r := range rules.All() {
		byID[r.ID] = r
	}
	found := false
	for i, d := range run.Tool.Driver.Rules {
		r := byID[deref(d.ID)]
		if r == nil {
			t.Errorf("tool.driver.rules[%d] is %q, no rule of the run", i, deref(d.ID))
			continue
		}
		s, has := d.Properties.Properties["security-severity"]
		switch {
		case r.SecuritySeverity == "" && has:
			t.Errorf("%s: security-severity %v on a rule without one", r.ID, s)
		case r.SecuritySeverity != "" && s != r.SecuritySeverity:
			t.Errorf("%s: security-severity %v, want %q", r.ID, s, r.SecuritySeverity)
		}
		if r.Category == rules.Security && !containsString(d.Properties.Tags, "security") {
			t.Errorf("%s: tags %v lack \"security\"", r.ID, d.Properties.Tags)
		}
		if r.Category != rules.Security && containsString(d.Properties.Tags, "security") {
			t.Errorf("%s: tags %v hold \"security\" on a %s rule", r.ID, d.Properties.Tags, r.Category)
		}
		if r == securityRule {
			found = true
			if s != "9.0" {
				t.Errorf("test security rule: security-severity %v, want \"9.0\"", s)
			}
			if r := run.Results[secIndex]; deref(r.RuleID) != securityRule.ID || r.RuleIndex != i {
				t.Errorf("result ruleId %q ruleIndex %d, want %s and %d", deref(r.RuleID), r.RuleIndex, securityRule.ID, i)
			}
		}
	}
	if !found {
		t.Fatalf("the finding's rule %s is not in tool.driver.rules", securityRule.ID)
	}
	if len(run.Tool.Driver.Rules) != len(rules.All())+1 {
		t.Errorf("%d rules, want rules.All() and the test rule", len(run.Tool.Driver.Rules))
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestNoSentinels: go-sarif's "not set" values and empty arrays are gone.
func TestNoSentinels(t *testing.T) {
	chdirRoot(t)
	for name, out := range map[string][]byte{
		"examples":  write(t, lintExamples(t), Tool{Version: "dev"}),
		"synthetic": write(t, syntheticResult(t), Tool{}),
	} {
		var v any
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		walk(v, "", func(ptr string, x any) {
			switch x := x.(type) {
			case json.Number:
				if x.String() == "-1" {
					t.Errorf("%s: %s is -1", name, ptr)
				}
			case []any:
				if len(x) == 0 && !strings.HasSuffix(ptr, "/results") {
					t.Errorf("%s: %s is an empty array", name, ptr)
				}
			}
		})
	}
}

func walk(v any, ptr string, fn func(string, any)) {
	fn(ptr, v)
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			walk(x, ptr+"/"+k, fn)
		}
	case []any:
		for i, x := range v {
			walk(x, ptr+"/"+itoa(i), fn)
		}
	}
}

func TestEmptyResultKeepsResults(t *testing.T) {
	out := write(t, &lint.Result{}, Tool{})
	var v struct {
		Runs []struct {
			Results *[]any `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Runs) != 1 || v.Runs[0].Results == nil || len(*v.Runs[0].Results) != 0 {
		t.Errorf("a run with no findings must have \"results\": []:\n%s", out)
	}
}

func TestPlainText(t *testing.T) {
	md := "# RL1: T\n\nUse `Microsoft.Storage/*` and **not** [docs](https://x.test/a) or <https://x.test/b>.\n\n```json\n{\"a\": 1}\n```\n"
	want := "RL1: T\n\nUse Microsoft.Storage/* and not docs (https://x.test/a) or https://x.test/b.\n\n    {\"a\": 1}\n"
	if got := plainText(md); got != want {
		t.Errorf("plainText:\n got %q\nwant %q", got, want)
	}
	if got := firstParagraph("One `x`\nand [two](https://x.test).\n\nThree."); got != "One x and two (https://x.test)." {
		t.Errorf("firstParagraph = %q", got)
	}
}

func TestPascalName(t *testing.T) {
	for slug, want := range map[string]string{
		"duplicate_key":        "DuplicateKey",
		"id_not_guid":          "IdNotGuid",
		"cli_key_case":         "CliKeyCase",
		"scope_2000_limit":     "Scope2000Limit",
		"a_rule_with_x":        "AruleWithx",
		"elevate_access_x_y_z": "ElevateAccessxyz",
		"x":                    "X",
	} {
		r := &rules.Rule{ID: "RL1", Analyzer: &analysis.Analyzer{Name: slug}}
		got := pascalName(r)
		if got != want {
			t.Errorf("pascalName(%s) = %q, want %q", slug, got, want)
		}
		if slug != "x" && !pascalRE.MatchString(got) {
			t.Errorf("pascalName(%s) = %q fails the Multitool's pattern", slug, got)
		}
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
