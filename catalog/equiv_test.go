package catalog

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

// The tests below hold the speed-ups of the catalog to the simple forms
// they replace.

// samePermissionsReference is SamePermissions as first written: the
// signature of every known built-in role.
func samePermissionsReference(c *Catalog, sigs []string, lists ...[]string) []BuiltinRole {
	var out []BuiltinRole
	sig := signature(lists...)
	for i, r := range c.roles {
		if r.Known && sigs[i] == sig {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Name) < len(out[j].Name) })
	return out
}

func TestSamePermissionsAgrees(t *testing.T) {
	c := Default()
	rng := rand.New(rand.NewPCG(1, 2))
	sigs := make([]string, len(c.roles))
	for i, r := range c.roles {
		sigs[i] = signature(r.Actions, r.NotActions, r.DataActions, r.NotDataActions)
	}
	check := func(a, na, da, nda []string) {
		t.Helper()
		got := c.SamePermissions(a, na, da, nda)
		want := samePermissionsReference(c, sigs, a, na, da, nda)
		if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("SamePermissions(%q, %q, %q, %q) = %d roles, want %d", a, na, da, nda, len(got), len(want))
		}
	}
	upper := func(xs []string) []string {
		out := slices.Clone(xs)
		for i := range out {
			out[i] = strings.ToUpper(out[i])
		}
		return out
	}
	found := 0
	for _, r := range c.roles {
		if !r.Known {
			continue
		}
		check(r.Actions, r.NotActions, r.DataActions, r.NotDataActions)
		check(upper(r.Actions), r.NotActions, upper(r.DataActions), r.NotDataActions)
		check(append(slices.Clone(r.Actions), r.Actions...), r.NotActions, r.DataActions, r.NotDataActions)
		if len(r.Actions) > 1 {
			check(r.Actions[1:], r.NotActions, r.DataActions, r.NotDataActions)
		}
		check(r.NotActions, r.Actions, r.DataActions, r.NotDataActions)
		if len(c.SamePermissions(r.Actions, r.NotActions, r.DataActions, r.NotDataActions)) > 0 {
			found++
		}
	}
	if found < 100 {
		t.Errorf("only %d built-in roles found equal to themselves", found)
	}
	check(nil, nil, nil, nil)
	check([]string{"x/y"}, nil, nil, nil)
	for range 200 {
		r := c.roles[rng.IntN(len(c.roles))]
		a := slices.Clone(r.Actions)
		rng.Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
		check(a, r.NotActions, r.DataActions, r.NotDataActions)
	}
}

func TestFindFoldAgrees(t *testing.T) {
	c := Default()
	p := &c.planes[0]
	for i, k := range p.keys[:2000] {
		for _, s := range []string{k, strings.ToUpper(k), k + "x"} {
			j, ok := p.find(catdata.Fold(s))
			// findFold with the map built and without.
			gi, gok := p.findFold(s)
			if ok != gok || ok && gi != j {
				t.Fatalf("findFold(%q) = %d %v, want %d %v (key %d)", s, gi, gok, j, ok, i)
			}
		}
	}
	if !p.exact.ready.Load() {
		t.Error("the index was not built after many lookups")
	}
}

func TestMatchFoldedKeys(t *testing.T) {
	c := Default()
	for _, pat := range []string{"*", "*/read", "Microsoft.Compute/*", "microsoft.storage/storageaccounts/*/read", "Microsoft.Compute/virtualMachines/read", "nope/x"} {
		for _, data := range []bool{false, true} {
			ops, keys := c.MatchFolded(pat, data)
			if len(ops) != len(keys) {
				t.Fatalf("%q: %d ops, %d keys", pat, len(ops), len(keys))
			}
			for i := range ops {
				if keys[i] != strings.ToLower(ops[i].Name) {
					t.Fatalf("%q: key %q for %q", pat, keys[i], ops[i].Name)
				}
				if !MatchPattern(pat, ops[i].Name) {
					t.Fatalf("%q does not match %q", pat, ops[i].Name)
				}
			}
		}
	}
}

// TestLookupAgrees checks that Lookup answers alike before and after the
// map of exact lookups is built (after it, it returns the Op built with the
// map).
func TestLookupAgrees(t *testing.T) {
	c, err := decode(embedded) // a catalog of its own, with no map yet
	if err != nil {
		t.Fatal(err)
	}
	for pl := range c.planes {
		p := &c.planes[pl]
		before := make([]Op, len(p.keys))
		for i, k := range p.keys {
			op, ok := c.Lookup(strings.ToUpper(k), pl == 1)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", k)
			}
			before[i] = op
		}
		if len(p.keys) > indexAfter && !p.exact.ready.Load() {
			t.Fatal("the map was not built after many lookups")
		}
		p.index()
		for i, k := range p.keys {
			if op, ok := c.Lookup(k, pl == 1); !ok || op != before[i] {
				t.Fatalf("Lookup(%q) = %+v %v with the map, %+v without", k, op, ok, before[i])
			}
		}
	}
}
