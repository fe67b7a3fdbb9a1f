package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/rules"
)

// FuzzRun lints any bytes as a role file named on the command line, with
// every rule: no rule may crash (the driver turns a panic into an RL000
// finding, which this target treats as a failure), and every finding, with
// its related locations and fixes, must lie inside the file.
func FuzzRun(f *testing.F) {
	n := 0
	filepath.WalkDir(filepath.Join("..", "testdata"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		if raw, err := os.ReadFile(path); err == nil && len(raw) <= 32<<10 {
			f.Add(raw)
			n++
		}
		return nil
	})
	if n == 0 {
		f.Fatal("no seed files")
	}
	for _, s := range []string{``, `[]`, `{}`, `42`, `{"Name":"x","Actions":["*"],"NotActions":["*"],"AssignableScopes":["/"]}`,
		"\xef\xbb\xbf{\"Name\":\"x\"}", "\xff\xfe{\x00}\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if data == nil {
			data = []byte{}
		}
		res, err := lint.Run([]lint.Input{{Path: "fuzz.json", Explicit: true, Data: data}}, lint.Options{})
		if err != nil {
			t.Fatal(err)
		}
		size := -1
		for _, l := range res.Files {
			if l != nil {
				size = len(l.Src)
			}
		}
		inside := func(what string, start, end lint.Position) {
			t.Helper()
			if start.Line < 1 || start.Col < 1 || start.Offset < 0 || start.Offset > size || end.Offset < start.Offset || end.Offset > size {
				t.Fatalf("%s at %+v-%+v outside the %d bytes of %q", what, start, end, size, data)
			}
		}
		for _, fd := range res.Findings {
			if fd.Rule.ID == rules.InternalID {
				t.Fatalf("internal error on %q: %s", data, fd.Message)
			}
			inside(fd.Rule.ID+" "+fd.Message, fd.Start, fd.End)
			for _, r := range fd.Related {
				inside(fd.Rule.ID+" related", r.Start, r.End)
			}
			for _, fx := range fd.Fixes {
				for _, e := range fx.Edits {
					if e.Off < 0 || e.End < e.Off || e.End > size {
						t.Fatalf("%s fix edit [%d, %d) outside the %d bytes of %q", fd.Rule.ID, e.Off, e.End, size, data)
					}
				}
			}
		}
	})
}
