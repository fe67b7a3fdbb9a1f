package docgen

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/rules"
)

var update = flag.Bool("update", false, "rewrite docs/rules and the rules table of README.md")

const (
	docsDir = "../../docs/rules"
	readme  = "../../README.md"
)

// TestDocsUpToDate regenerates docs/rules and the README's rules table in
// memory and fails when a file differs, is missing or is extra. With
// -update it rewrites them instead.
func TestDocsUpToDate(t *testing.T) {
	want, err := Files()
	if err != nil {
		t.Fatalf("generating the rule docs:\n%v", err)
	}
	if *update {
		if err := os.MkdirAll(docsDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(docsDir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := want[e.Name()]; ok {
			continue
		}
		p := filepath.Join(docsDir, e.Name())
		if *update && !e.IsDir() {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			t.Logf("removed docs/rules/%s", e.Name())
			continue
		}
		t.Errorf("docs/rules/%s is extra: no rule has that page (run go test ./internal/docgen -update)", e.Name())
	}
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		check(t, filepath.Join(docsDir, name), "docs/rules/"+name, want[name])
	}

	old, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Readme(string(old))
	if err != nil {
		t.Fatal(err)
	}
	check(t, readme, "README.md", got)
}

// check compares (or, with -update, writes) one generated file.
func check(t *testing.T, path, name, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	switch {
	case err == nil && string(got) == want:
		return
	case *update:
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", name)
	case os.IsNotExist(err):
		t.Errorf("%s is missing (run go test ./internal/docgen -update)", name)
	case err != nil:
		t.Fatal(err)
	default:
		t.Errorf("%s is stale (run go test ./internal/docgen -update); first difference:\n%s", name, firstDiff(string(got), want))
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return fmt.Sprintf("  line %d\n  have: %s\n  want: %s", i+1, gl, wl)
		}
	}
	return ""
}

// TestPage checks the shape of a generated page on one rule.
func TestPage(t *testing.T) {
	r := rules.Lookup("RL205")
	if r == nil {
		t.Skip("no RL205")
	}
	p, err := Page(r)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Index(p, "\n## Bad\n")
	out := strings.Index(p, "\n"+OutputHeading+"\n")
	good := strings.Index(p, "\n## Good\n")
	if !(0 < bad && bad < out && (good < 0 || out < good)) {
		t.Errorf("the output section is not after the Bad example (Bad at %d, output at %d, Good at %d)", bad, out, good)
	}
	if !strings.Contains(p[out:], "\nbad.json:") || !strings.Contains(p[out:], "[RL205]\n") {
		t.Errorf("the output section holds no bad.json finding of RL205:\n%s", p[out:])
	}
	if !strings.HasPrefix(p[len(Header):], rules.Markdown(r)[:strings.Index(rules.Markdown(r), "\n## Bad\n")]) {
		t.Errorf("the page does not start with rules.Markdown")
	}
}
