package rules_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/report"
	"github.com/rolelint/rolelint/rules"
)

var (
	update = flag.Bool("update", false, "rewrite the .golden files from the current output")
	seed   = flag.Bool("seed", false, "start testdata/rules/RLnnn/ of rules that have none from their doc examples")
)

// lintOne lints one file (as if named on the command line) and returns the
// quiet text lines of the findings of rule id.
func lintOne(t *testing.T, path string, data []byte, id string) string {
	t.Helper()
	res, err := lint.Run([]lint.Input{{Path: path, Explicit: true, Data: data}}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var keep []lint.Finding
	for _, f := range res.Findings {
		if f.Rule.ID == id {
			keep = append(keep, f)
		}
	}
	res.Findings = keep
	var b bytes.Buffer
	if err := (report.Text{Quiet: true}).Write(&b, res); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestGolden runs every case of testdata/rules/RLnnn/: <case>.json must
// produce exactly the lines of <case>.golden for rule RLnnn. Every rule has
// at least one case that fires and one near miss that must not.
func TestGolden(t *testing.T) {
	root := filepath.Join("..", "testdata", "rules")
	for _, r := range rules.All() {
		if r.ID == rules.InternalID || r.ID == "RL102" || r.ID == "RL001" {
			continue // no file content can show these; the CLI tests do
		}
		t.Run(r.ID, func(t *testing.T) {
			dir := filepath.Join(root, r.ID)
			if _, err := os.Stat(dir); os.IsNotExist(err) && *seed && r.Bad != "" {
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, "bad.json"), []byte(r.Bad+"\n"), 0o644)
				os.WriteFile(filepath.Join(dir, "good.json"), []byte(r.Good+"\n"), 0o644)
			}
			cases, _ := filepath.Glob(filepath.Join(dir, "*.json"))
			fires, quiet := 0, 0
			for _, c := range cases {
				data, err := os.ReadFile(c)
				if err != nil {
					t.Fatal(err)
				}
				rel := filepath.ToSlash(strings.TrimPrefix(c, ".."+string(filepath.Separator)))
				got := lintOne(t, rel, data, r.ID)
				golden := strings.TrimSuffix(c, ".json") + ".golden"
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./rules -run TestGolden -update)", err)
				}
				if got != string(want) {
					t.Errorf("%s:\n--- got\n%s--- want\n%s", c, got, want)
				}
				if got == "" {
					quiet++
				} else {
					fires++
				}
			}
			if fires == 0 || quiet == 0 {
				t.Errorf("%s needs a case that fires and a near miss that does not (has %d firing, %d quiet) in %s", r.ID, fires, quiet, filepath.Join(root, r.ID))
			}
		})
	}
}

// TestDocExamples checks that each rule's documented bad example fires the
// rule and its good example does not, so the docs cannot lie.
func TestDocExamples(t *testing.T) {
	for _, r := range rules.All() {
		if r.Bad == "" && r.Good == "" {
			if r.ID != rules.InternalID && r.ID != "RL102" && r.ID != "RL001" {
				t.Errorf("%s has no documented examples", r.ID)
			}
			continue
		}
		if got := lintOne(t, "bad.json", []byte(r.Bad), r.ID); got == "" {
			t.Errorf("%s: the bad example does not fire the rule", r.ID)
		}
		if got := lintOne(t, "good.json", []byte(r.Good), r.ID); got != "" {
			t.Errorf("%s: the good example fires the rule:\n%s", r.ID, got)
		}
	}
}

// TestMetadata checks that every rule is complete.
func TestMetadata(t *testing.T) {
	for _, r := range rules.All() {
		if !strings.HasPrefix(r.ID, "RL") || len(r.ID) != 5 {
			t.Errorf("bad rule id %q", r.ID)
		}
		if r.Title == "" || r.Doc == "" || r.Category == "" || r.Severity == rules.None {
			t.Errorf("%s: incomplete metadata", r.ID)
		}
		if strings.HasSuffix(r.Title, ".") {
			t.Errorf("%s: title ends with a period", r.ID)
		}
		if (r.Category == rules.Security) != (r.SecuritySeverity != "") {
			t.Errorf("%s: security-severity must be set exactly on security rules", r.ID)
		}
		if rules.Lookup(r.ID) != r || rules.Lookup(r.Slug()) != r {
			t.Errorf("%s: lookup by id or slug fails", r.ID)
		}
	}
}
