package role

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// seedFiles adds every JSON file of the repository's testdata (examples,
// golden rule cases, the real-world corpus) to a fuzz corpus, with a few
// inputs that stress the loader's edges.
func seedFiles(f *testing.F) {
	f.Helper()
	var n int
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if len(raw) > 32<<10 { // large seeds make mutation and minimisation slow
			return nil
		}
		f.Add(raw)
		n++
		return nil
	})
	if err != nil || n == 0 {
		f.Fatalf("no seed files: %v", err)
	}
	for _, s := range []string{
		``, ` `, `{}`, `[]`, `null`, `42`, `-0.5e+3`, `"x"`, `[{}]`, `{"a":1,"a":2}`,
		`{"Name":"a\"b\\c\/d\n","Actions":["x"]}`, `{"k":"\u00e9"}`, `{"k":"\ud800"}`,
		"{\"Name\":\"\xff\"}", "\xef\xbb\xbf{\"Name\":\"bom\"}", `{"a":[1,2,]}`, `{"a" 1}`, `[tru]`, `[1x]`, `01`,
		strings.Repeat("[", 1001) + strings.Repeat("]", 1001), strings.Repeat(`{"a":`, 999) + "1" + strings.Repeat("}", 999),
		`{"a~b/c":{"":[true,false,null]}}`,
	} {
		f.Add([]byte(s))
	}
	u := utf16.Encode([]rune(`{"Name":"x","Actions":["Microsoft.Compute/virtualMachines/read"]}`))
	le := []byte{0xFF, 0xFE}
	for _, c := range u {
		le = append(le, byte(c), byte(c>>8))
	}
	f.Add(le)
}

// FuzzLoad runs the loader on any bytes: it must not panic, and every
// position it hands to the rules must lie inside the decoded text.
func FuzzLoad(f *testing.F) {
	seedFiles(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := Load("x.json", bytes.Clone(raw))
		if file.Err != nil {
			if file.Err.Off < 0 || file.Err.Off > len(file.Src) || file.Err.Msg == "" {
				t.Fatalf("syntax error %q at %d of %d bytes", file.Err.Msg, file.Err.Off, len(file.Src))
			}
			if file.Tree != nil || len(file.Defs) > 0 {
				t.Fatal("a file with a syntax error has a tree")
			}
			return
		}
		if file.Tree == nil {
			t.Fatal("no tree and no error")
		}
		checkTree(t, []byte(file.Src), file.Tree)
		inside := func(what string, off, end int) {
			if off < 0 || end < off || end > len(file.Src) {
				t.Fatalf("%s: range [%d, %d) outside the %d bytes of the file", what, off, end, len(file.Src))
			}
		}
		file.Tree.Walk(func(n *Node) bool {
			inside("node "+n.Ptr(), n.Off, n.End)
			for _, m := range n.Members {
				inside("key "+m.Key, m.KeyOff, m.KeyEnd)
				if m.KeyEnd > m.Value.Off {
					t.Fatalf("key %q ends after its value starts", m.Key)
				}
			}
			return true
		})
		for _, d := range file.Duplicates {
			if d.First >= d.Second || d.Second >= len(d.Object.Members) || d.Object.Members[d.First].Key != d.Object.Members[d.Second].Key {
				t.Fatalf("bad duplicate %+v", d)
			}
		}
		if file.NotRole == "" && len(file.Defs) == 0 {
			t.Fatal("a JSON file with no definition and no reason why")
		}
		for _, d := range file.Defs {
			for _, s := range []Str{d.Name, d.ID, d.Description, d.RoleType} {
				if s.Present() {
					inside("value "+file.PointerAt(s.Off), s.Off, s.End)
				}
			}
			d.Lists(func(_ *Permission, k ListKind, l *List) {
				if l.Node != nil {
					inside(k.String(), l.KeyOff, l.KeyEnd)
				}
				for _, s := range l.Items {
					inside(k.String()+" item", s.Off, s.End)
				}
			})
			for _, s := range d.AssignableScopes.Items {
				inside("scope", s.Off, s.End)
			}
			_ = d.DisplayName()
		}
		// A released file answers as the file did.
		rel := file.Released()
		if rel.Tree != nil || len(rel.Defs) != len(file.Defs) {
			t.Fatalf("released file keeps its tree (%v) or has %d definitions, not %d", rel.Tree != nil, len(rel.Defs), len(file.Defs))
		}
		for off := 0; off <= len(file.Src); off += 1 + len(file.Src)/64 {
			if got, want := rel.PointerAt(off), file.PointerAt(off); got != want {
				t.Fatalf("released PointerAt(%d) = %q, want %q", off, got, want)
			}
			d, rd := file.DefinitionAt(off), rel.DefinitionAt(off)
			if (d == nil) != (rd == nil) || d != nil && (d.DisplayName() != rd.DisplayName() || d.ID != rd.ID || d.Root.Off != rd.Root.Off || d.Node.Off != rd.Node.Off) {
				t.Fatalf("released DefinitionAt(%d) = %+v, want %+v", off, rd, d)
			}
		}
	})
}
