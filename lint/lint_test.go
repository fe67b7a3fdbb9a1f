package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/rules"
)

func TestMatchGlob(t *testing.T) {
	for _, c := range []struct {
		glob, path string
		want       bool
	}{
		{"roles/*.json", "roles/a.json", true},
		{"roles/*.json", "roles/sub/a.json", false},
		{"roles/**/*.json", "roles/sub/deep/a.json", true},
		{"roles/**/*.json", "roles/a.json", true},
		{"**", "anything/at/all.json", true},
		{"**/gen/**", "x/gen/y/z.json", true},
		{"a.json", "b.json", false},
	} {
		if got := MatchGlob(c.glob, c.path); got != c.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", c.glob, c.path, got, c.want)
		}
	}
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.json", "B.JSON", "notes.txt", "sub/c.json", ".hidden/d.json", "node_modules/e.json", "gen/f.json"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("{}"), 0o644)
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "x.json"), []byte("{}"), 0o644)
	os.Symlink(filepath.Join(outside, "x.json"), filepath.Join(dir, "link.json"))
	os.Symlink(outside, filepath.Join(dir, "linkdir"))
	ignore := func(p string, _ bool) bool { return strings.HasSuffix(p, "/gen") }
	ins, err := Discover([]string{dir, filepath.Join(dir, "notes.txt")}, ignore)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range ins {
		rel, _ := filepath.Rel(dir, in.Path)
		if in.Explicit {
			rel += "!"
		}
		got = append(got, filepath.ToSlash(rel))
	}
	want := "B.JSON a.json sub/c.json notes.txt!"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestConfigParse(t *testing.T) {
	c, err := ParseConfig("dir/.rolelint.yaml", []byte(`
rules:
  RL210: off
  unknown-operation: error
  RL501: on
cloud: china
existing-roles: 12
catalog: extra.tsv
ignore: ["gen/**"]
suppress:
  - rule: RL501
    path: "**/break-glass.json"
    role: Break Glass
    pointer: /Actions
    reason: reviewed
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Severity["RL210"] != rules.None || c.Severity["RL204"] != rules.Error || c.Cloud != "china" || c.ExistingRoles != "12" ||
		len(c.Catalog) != 1 || c.Catalog[0] != filepath.Join("dir", "extra.tsv") || len(c.Suppress) != 1 || c.Suppress[0].Line != 11 {
		t.Errorf("parsed %+v", c)
	}
	if _, ok := c.Severity["RL501"]; ok {
		t.Error("on must leave the default severity")
	}
	f := []Finding{
		{Rule: rules.Lookup("RL501"), Severity: rules.Warning, Path: "dir/x/break-glass.json", Role: "break glass", Pointer: "/Actions/0"},
		{Rule: rules.Lookup("RL501"), Severity: rules.Warning, Path: "dir/x/break-glass.json", Role: "Other", Pointer: "/Actions/0"},
		{Rule: rules.Lookup("RL210"), Severity: rules.Note, Path: "dir/a.json"},
		{Rule: rules.Lookup("RL204"), Severity: rules.Warning, Path: "dir/a.json"},
	}
	kept := c.Apply(f)
	if len(kept) != 2 || kept[0].Role != "Other" || kept[1].Severity != rules.Error {
		t.Errorf("Apply kept %+v", kept)
	}
}

func TestBaselineFilter(t *testing.T) {
	r := rules.Lookup("RL204")
	old := []Finding{{Rule: r, Path: "a.json", Pointer: "/Actions/0", Start: Position{Line: 3}}, {Rule: r, Path: "a.json", Pointer: "/Actions/1"}}
	b := NewBaseline(old)
	now := []Finding{{Rule: r, Path: "a.json", Pointer: "/Actions/0", Start: Position{Line: 9}, Message: "moved"}, {Rule: r, Path: "a.json", Pointer: "/Actions/2"}}
	fresh, fixed := b.Filter(now)
	if len(fresh) != 1 || fresh[0].Pointer != "/Actions/2" || len(fixed) != 1 || fixed[0].Pointer != "/Actions/1" {
		t.Errorf("fresh %+v fixed %+v", fresh, fixed)
	}
}

func TestDiffLines(t *testing.T) {
	f := FileFix{Path: "x.json", oldSrc: []byte("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"), newSrc: []byte("a\nB\nc\nd\ne\nf\ng\nh\nJ\n")}
	want := "--- x.json\n+++ x.json (fixed)\n@@ -1,10 +1,9 @@\n a\n-b\n+B\n c\n d\n e\n f\n g\n h\n-i\n-j\n+J\n"
	if got := f.Diff(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
