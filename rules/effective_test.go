package rules_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/catalog"
	"github.com/rolelint/rolelint/internal/benchgen"
	"github.com/rolelint/rolelint/internal/testfiles"
	"github.com/rolelint/rolelint/role"
	"github.com/rolelint/rolelint/rules"
)

// TestEffectiveFastPaths holds Grants and FindSuffixes, which avoid expanding
// a role, against Expand, which expands it entirely: for every definition
// of the built-in roles, testdata and a generated tenant, each operation
// Expand lists is granted by Grants through the same entry, and FindSuffixes
// finds for each suffix exactly the expanded operations with the suffix, through the same
// entries.
func TestEffectiveFastPaths(t *testing.T) {
	cat := catalog.Default()
	var defs []*role.Definition
	add := func(name string, raw []byte) {
		defs = append(defs, role.Load(name, raw).Defs...)
	}
	for _, b := range cat.BuiltinRoles() {
		raw, err := json.Marshal(map[string]any{"Name": b.Name, "Actions": b.Actions, "NotActions": b.NotActions,
			"DataActions": b.DataActions, "NotDataActions": b.NotDataActions, "AssignableScopes": []string{"/"}})
		if err != nil {
			t.Fatal(err)
		}
		add(b.Name, raw)
	}
	for _, f := range testfiles.JSON(t, filepath.Join("..", "testdata")) {
		add(f.Path, f.Data)
	}
	files, err := benchgen.Files(300, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		add(f.Path, f.Data)
	}
	// Two sets: suffixes with nothing in common, and ones that share an end
	// (FindSuffixes skips the entries without it), as RL505's do.
	suffixSets := [][]string{{"/listkeys/action", "/runcommand/action", "/write", "/read", "/delete", "/action"},
		{"/listkeys/action", "/runcommand/action", "/regeneratekey/action", "/deallocate/action"}}
	found := 0
	for _, d := range defs {
		for _, data := range []bool{false, true} {
			all := rules.NewEffective(d, cat).Expand(data)
			e := rules.NewEffective(d, cat)
			for _, g := range all {
				from, ok := e.Grants(g.Op, data)
				if !ok || from.Off != g.From.Off {
					t.Fatalf("%s: Expand grants %s through %q at %d; Grants says %v, %q at %d", d.DisplayName(), g.Op, g.From.Value, g.From.Off, ok, from.Value, from.Off)
				}
			}
			for _, suffixes := range suffixSets {
				bySuffix := e.FindSuffixes(data, suffixes)
				for s, suffix := range suffixes {
					want := map[string]int{}
					for _, g := range all {
						if strings.HasSuffix(strings.ToLower(g.Op), suffix) {
							want[strings.ToLower(g.Op)] = g.From.Off
						}
					}
					got := bySuffix[s]
					if len(got) != len(want) {
						t.Fatalf("%s: FindSuffixes(%v, %q) finds %d operations, Expand %d", d.DisplayName(), data, suffix, len(got), len(want))
					}
					for _, g := range got {
						if off, ok := want[strings.ToLower(g.Op)]; !ok || off != g.From.Off {
							t.Fatalf("%s: FindSuffixes(%v, %q) finds %s through %q at %d, not as Expand", d.DisplayName(), data, suffix, g.Op, g.From.Value, g.From.Off)
						}
					}
					found += len(got)
				}
			}
		}
	}
	if len(defs) < 700 || found < 10000 {
		t.Fatalf("%d definitions, %d operations found: the test compares too little", len(defs), found)
	}
}
