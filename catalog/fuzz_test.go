package catalog

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

// FuzzMatchPattern compares the glob matcher with a regular expression
// (for ASCII input, where Fold and (?i) agree).
func FuzzMatchPattern(f *testing.F) {
	for _, s := range [][2]string{
		{"*", "a/b"}, {"*/read", "Microsoft.Web/sites/Read"}, {"a*b*c", "abcbc"},
		{"Microsoft.*/read", "Microsoft.Web/read"}, {"**a", "aaa"}, {"", ""}, {"a*", "*"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, op string) {
		got := MatchPattern(pattern, op)
		// MatchPattern folds as it compares; Glob on folded strings is the
		// definition.
		if want := catdata.Glob(catdata.Fold(pattern), catdata.Fold(op)); got != want {
			t.Errorf("MatchPattern(%q, %q) = %v, Glob of the folded strings says %v", pattern, op, got, want)
		}
		if !ascii(pattern) || !ascii(op) {
			return
		}
		parts := strings.Split(pattern, "*")
		for i := range parts {
			parts[i] = regexp.QuoteMeta(parts[i])
		}
		re := regexp.MustCompile(`(?is)\A` + strings.Join(parts, ".*") + `\z`)
		if want := re.MatchString(op); got != want {
			t.Errorf("MatchPattern(%q, %q) = %v, regexp says %v", pattern, op, got, want)
		}
	})
}

// FuzzContainment checks that the inclusion test behind ExtendedBy is
// sound: if q contains p, whatever p matches, q matches.
func FuzzContainment(f *testing.F) {
	f.Add("a/*", "a/b/*", "a/b/c")
	f.Add("*/read", "x*/read", "xy/read")
	f.Add("a*b", "a*b*b", "abb")
	f.Fuzz(func(t *testing.T, q, p, s string) {
		q, p, s = catdata.Fold(q), catdata.Fold(p), catdata.Fold(s)
		if catdata.Glob(q, p) && catdata.Glob(p, s) && !catdata.Glob(q, s) {
			t.Errorf("%q contains %q, which matches %q, but %q does not", q, p, s, q)
		}
	})
}

// FuzzDecode feeds corrupt catalogs to the decoder: errors are fine,
// panics are not.
func FuzzDecode(f *testing.F) {
	f.Add(embedded)
	f.Add(embedded[:200])
	f.Add([]byte("RLCAT\x01\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		decode(b)
	})
}

func ascii(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// FuzzMatch expands any pattern against the embedded catalog and checks the
// indexed expansion against a scan of the plane with MatchPattern, and the
// folded names that come with it.
func FuzzMatch(f *testing.F) {
	for _, p := range []string{"*", "*/read", "Microsoft.Compute/*", "microsoft.compute/*/read", "Microsoft.Storage/storageAccounts/*/action",
		"Microsoft.Compute/virtualMachines/read", "MICROSOFT.WEB/SITES/*", "*a*", "Microsoft.*/read", "", "x", "Microsoft.KeyVault/vaults/keys/read"} {
		f.Add(p, false)
		f.Add(p, true)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, pattern string, data bool) {
		ops, keys := c.MatchFolded(pattern, data)
		if got := c.Match(pattern, data); len(got) != len(ops) {
			t.Fatalf("Match(%q) has %d ops, MatchFolded %d", pattern, len(got), len(ops))
		}
		if len(keys) != len(ops) {
			t.Fatalf("MatchFolded(%q): %d ops, %d keys", pattern, len(ops), len(keys))
		}
		p := &c.planes[b2i(data)]
		var want []string
		for i, k := range p.keys {
			if strings.Contains(pattern, "*") && catdata.Glob(catdata.Fold(pattern), k) ||
				!strings.Contains(pattern, "*") && k == catdata.Fold(pattern) {
				want = append(want, p.ops[i].Name)
			}
		}
		if len(want) != len(ops) {
			t.Fatalf("Match(%q, %v): %d ops, a scan finds %d", pattern, data, len(ops), len(want))
		}
		for i, op := range ops {
			if op.Name != want[i] || keys[i] != catdata.Fold(op.Name) || op.Data != data {
				t.Fatalf("Match(%q)[%d] = %+v (key %q), want %q", pattern, i, op, keys[i], want[i])
			}
		}
		if !strings.Contains(pattern, "*") {
			if op, ok := c.Lookup(pattern, data); ok != (len(ops) == 1) || ok && op != ops[0] {
				t.Fatalf("Lookup(%q) = %+v %v, Match %+v", pattern, op, ok, ops)
			}
		}
		for _, suffix := range []string{"/read", "/listkeys/action", ""} {
			sops, skeys := c.MatchFoldedSuffix(pattern, data, suffix)
			n := 0
			for _, k := range keys {
				if strings.HasSuffix(k, suffix) {
					if n >= len(skeys) || skeys[n] != k {
						t.Fatalf("MatchFoldedSuffix(%q, %q) misses %q", pattern, suffix, k)
					}
					n++
				}
			}
			if n != len(sops) || n != len(skeys) {
				t.Fatalf("MatchFoldedSuffix(%q, %q): %d ops, want %d", pattern, suffix, len(sops), n)
			}
		}
	})
}

// FuzzSuggest asks for spellings of any string: at most n known names of
// the plane, none for a pattern, and quickly whatever the length (the
// search table is quadratic in it).
func FuzzSuggest(f *testing.F) {
	for _, s := range []string{"Microsoft.Compute/virtualMachines/strat/action", "Microsoft.Storage/storageAcounts/listKeys/action",
		"Microsoft.Compte/virtualMachines/start/action", "x", "", "Microsoft.Compute/*", "Compute", strings.Repeat("a", 5000),
		"Microsoft.Compute/" + strings.Repeat("virtualMachines/", 100) + "read",
		// A megabyte in Actions once made Suggest allocate a terabyte for
		// its search table.
		"Microsoft.Compute/" + strings.Repeat("a", 1<<20), "Microsoft." + strings.Repeat("b", 1<<20)} {
		f.Add(s, false, 3)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, op string, data bool, n int) {
		n = n%5 + 1
		if n < 1 {
			n += 5
		}
		sug := c.Suggest(op, data, n)
		if len(sug) > n {
			t.Fatalf("Suggest(%q, %d) = %d names", op, n, len(sug))
		}
		if strings.Contains(op, "*") && len(sug) > 0 {
			t.Fatalf("Suggest(%q) suggests for a pattern: %q", op, sug)
		}
		for _, s := range sug {
			if _, ok := c.Lookup(s, data); !ok {
				t.Fatalf("Suggest(%q) = %q, not in the plane", op, s)
			}
		}
		ns, _, _ := strings.Cut(op, "/")
		for _, s := range c.SuggestProvider(ns, n) {
			if _, ok := c.Provider(s); !ok {
				t.Fatalf("SuggestProvider(%q) = %q, not a provider", ns, s)
			}
		}
	})
}
