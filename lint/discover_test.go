package lint

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestDiscoverSymlinks: a walk never leaves the tree it was given through a
// symbolic link inside it, but a link named on the command line is what the
// user asked for and is followed, to a file or to a directory.
func TestDiscoverSymlinks(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(`{"Name":"x","Actions":[]}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		t.Helper()
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	write(filepath.Join(dir, "tree", "a.json"))
	write(filepath.Join(outside, "secret.json"))
	write(filepath.Join(outside, "sub", "deep.json"))
	link(filepath.Join(outside, "secret.json"), filepath.Join(dir, "tree", "to-file.json"))
	link(filepath.Join(outside, "sub"), filepath.Join(dir, "tree", "to-dir"))
	link(filepath.Join(outside, "nowhere.json"), filepath.Join(dir, "tree", "dangling.json"))
	link(filepath.Join(dir, "tree"), filepath.Join(dir, "tree", "loop"))
	link(outside, filepath.Join(dir, "named-dir"))
	link(filepath.Join(outside, "secret.json"), filepath.Join(dir, "named-file.json"))

	paths := func(ins []Input) []string {
		var out []string
		for _, in := range ins {
			out = append(out, filepath.ToSlash(in.Path))
		}
		slices.Sort(out)
		return out
	}
	rel := func(ps ...string) []string {
		var out []string
		for _, p := range ps {
			out = append(out, filepath.ToSlash(filepath.Join(dir, p)))
		}
		slices.Sort(out)
		return out
	}

	got, err := Discover([]string{filepath.Join(dir, "tree")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := rel("tree/a.json"); !slices.Equal(paths(got), want) {
		t.Errorf("walk of tree = %q, want %q (links inside a walk are not followed)", paths(got), want)
	}

	got, err = Discover([]string{filepath.Join(dir, "named-dir"), filepath.Join(dir, "named-file.json")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := rel("named-dir/secret.json", "named-dir/sub/deep.json", "named-file.json")
	if !slices.Equal(paths(got), want) {
		t.Errorf("named links = %q, want %q", paths(got), want)
	}
	for _, in := range got {
		if filepath.Base(in.Path) == "named-file.json" && !in.Explicit {
			t.Error("a file named on the command line is not explicit")
		}
	}
}
