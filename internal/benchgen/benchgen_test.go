package benchgen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/internal/benchgen"
	"github.com/rolelint/rolelint/role"
)

func TestFiles(t *testing.T) {
	files, err := benchgen.Files(1000, 7)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := benchgen.Files(1000, 7)
	other, _ := benchgen.Files(1000, 8)
	shapes := map[string]int{}
	defects := map[string]int{}
	minOps, maxOps, wild := 1<<30, 0, 0
	for i, f := range files {
		if !bytes.Equal(f.Data, again[i].Data) || f.Path != again[i].Path {
			t.Fatalf("%s differs between two runs with the same seed", f.Path)
		}
		shapes[strings.SplitN(f.Path[strings.IndexByte(f.Path, '/')+1:], "-0", 2)[0]]++
		if f.Defect != "" {
			defects[f.Defect]++
		}
		l := role.Load(f.Path, f.Data)
		if l.Err != nil || l.NotRole != "" || len(l.Defs) != f.Roles {
			t.Fatalf("%s: err %v, not a role %q, %d definitions for %d roles", f.Path, l.Err, l.NotRole, len(l.Defs), f.Roles)
		}
		for _, d := range l.Defs {
			n := len(d.Ops(role.Actions))
			minOps, maxOps = min(minOps, n), max(maxOps, n)
			for _, s := range d.Ops(role.Actions) {
				if strings.Contains(s.Value, "*") {
					wild++
					break
				}
			}
		}
	}
	if bytes.Equal(files[0].Data, other[0].Data) && bytes.Equal(files[1].Data, other[1].Data) {
		t.Error("another seed gives the same files")
	}
	for _, s := range []string{"cli", "cli-camel", "ps", "rest", "list", "arm"} {
		if shapes[s] < 50 {
			t.Errorf("only %d files of shape %s: %v", shapes[s], s, shapes)
		}
	}
	n := 0
	for _, d := range defects {
		n += d
	}
	if n < 70 || n > 130 || len(defects) < 6 {
		t.Errorf("%d defective files of 1,000 (%v), want about one in ten of every kind", n, defects)
	}
	if minOps < 3 || maxOps < 200 || maxOps > 410 || wild < 100 {
		t.Errorf("Actions per role from %d to %d, %d roles with a wildcard", minOps, maxOps, wild)
	}
}

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	if err := benchgen.Generate(dir, 20, 1); err != nil {
		t.Fatal(err)
	}
	files, _ := benchgen.Files(20, 1)
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Fatalf("%s: %v", f.Path, err)
		}
	}
}
