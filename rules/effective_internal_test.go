package rules

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/catalog"
	"github.com/rolelint/rolelint/internal/benchgen"
	"github.com/rolelint/rolelint/internal/testfiles"
	"github.com/rolelint/rolelint/role"
)

// TestEffectiveVerdicts holds the Effective of the EffectivePermissions
// analyzer, whose usable lists come from the Operations verdicts, against
// one that tells usable strings itself: the same expansion, grants and
// suffix finds, for testdata, a generated tenant and a role with strings
// Azure rejects.
func TestEffectiveVerdicts(t *testing.T) {
	cat := catalog.Default()
	inputs := map[string][]byte{
		"rejected": []byte(`{"Name":"x","Actions":["Microsoft.Compute/*/*","microsoft.directory/users/read","Microsoft.Storage/storageAccounts/listKeys/action","bad op","*"],
			"NotActions":["Microsoft.Authorization/*/*","Microsoft.Authorization/roleAssignments/write"],"DataActions":["a//b","Microsoft.Storage/*"],"AssignableScopes":["/"]}`),
	}
	addCorpus(t, inputs, 3)
	suffixes := []string{"/listkeys/action", "/write", "/read"}
	rejectedSeen := 0
	for name, raw := range inputs {
		l := &Loaded{File: role.Load(name, raw)}
		r := &Reporter{Loaded: l}
		for _, d := range l.Defs {
			var rejected map[int]bool
			d.Lists(func(_ *role.Permission, k role.ListKind, list *role.List) {
				for _, s := range list.Items {
					if s.Expr {
						continue
					}
					if is, ok := checkOp(r, cat, k, s); ok && (is.ID == "RL201" || is.ID == "RL202" || is.ID == "RL209") {
						if rejected == nil {
							rejected = map[int]bool{}
						}
						rejected[s.Off] = true
						rejectedSeen++
					}
				}
			})
			self, verdicts := NewEffective(d, cat), NewEffective(d, cat)
			verdicts.verdicts, verdicts.rejected = true, rejected
			for _, data := range []bool{false, true} {
				want, got := self.Expand(data), verdicts.Expand(data)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: Expand(%v) with verdicts %v, want %v", name, data, got, want)
				}
				for _, g := range want {
					a, aok := self.Grants(g.Op, data)
					b, bok := verdicts.Grants(g.Op, data)
					if a != b || aok != bok {
						t.Fatalf("%s: Grants(%s) with verdicts %v %v, want %v %v", name, g.Op, b, bok, a, aok)
					}
				}
				if got, want := verdicts.FindSuffixes(data, suffixes), self.FindSuffixes(data, suffixes); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: FindSuffixes(%v) with verdicts %v, want %v", name, data, got, want)
				}
			}
		}
	}
	if rejectedSeen < 5 {
		t.Fatalf("only %d rejected strings: the test compares too little", rejectedSeen)
	}
}

// TestRedundantIndex holds checkRedundant through a list's index (pairwise
// for short lists, hashed for long ones) against the plain pairwise loop,
// for every entry of every list of testdata, a generated tenant and lists
// with repeats, case twins and covering wildcards.
func TestRedundantIndex(t *testing.T) {
	var long []string
	for i := range 40 {
		long = append(long, fmt.Sprintf(`"Microsoft.Compute/virtualMachines/op%d/action"`, i%30))
	}
	inputs := map[string][]byte{
		"short": []byte(`{"Name":"x","Actions":["Microsoft.Compute/virtualMachines/read","microsoft.compute/virtualmachines/READ","Microsoft.Compute/*",
			"Microsoft.Compute/virtualMachines/start/action","Microsoft.Compute/virtualMachines/read","Microsoft.Storage/*/read","Microsoft.Storage/storageAccounts/read"],"AssignableScopes":["/"]}`),
		"long": []byte(`{"Name":"x","Actions":[` + strings.Join(long, ",") + `,"Microsoft.Compute/*/action"],"AssignableScopes":["/"]}`),
	}
	addCorpus(t, inputs, 5)
	found := 0
	for name, raw := range inputs {
		l := &Loaded{File: role.Load(name, raw)}
		r := &Reporter{Loaded: l}
		for _, d := range l.Defs {
			d.Lists(func(_ *role.Permission, k role.ListKind, list *role.List) {
				idx := indexList(list)
				for i, s := range list.Items {
					if s.Expr {
						continue
					}
					got, gok := idx.checkRedundant(r, k, list, i)
					want, wok := checkRedundant(r, k, list, i)
					if gok != wok || !reflect.DeepEqual(got, want) {
						t.Fatalf("%s: entry %d (%q): indexed %v %+v, pairwise %v %+v", name, i, s.Value, gok, got, wok, want)
					}
					if wok {
						found++
					}
				}
			})
		}
	}
	if found < 10 {
		t.Fatalf("only %d redundant entries: the test compares too little", found)
	}
}

// addCorpus adds every JSON file under testdata and a generated tenant of
// 100 files (seed) to inputs.
func addCorpus(t *testing.T, inputs map[string][]byte, seed int64) {
	t.Helper()
	for _, f := range testfiles.JSON(t, filepath.Join("..", "testdata")) {
		inputs[f.Path] = f.Data
	}
	files, err := benchgen.Files(100, seed)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		inputs[f.Path] = f.Data
	}
}
