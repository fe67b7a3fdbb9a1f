package catalog

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	c := Default()
	tests := []struct {
		op    string
		data  bool
		first string   // want this first (case-insensitively)
		not   []string // and never these
	}{
		// The docs spell it "listkeys"; the canonical spelling is returned.
		{"Microsoft.Storage/storageAcounts/listKeys/action", false, "Microsoft.Storage/storageAccounts/listKeys/action", nil},
		{"Microsoft.Compute/virtualMachines/strat/action", false, "Microsoft.Compute/virtualMachines/start/action",
			[]string{"Microsoft.Compute/virtualMachines/restart/action"}},
		{"microsoft.compute/virtualmachines/reed", false, "Microsoft.Compute/virtualMachines/read", nil},
		{"Microsoft.Compute/virtualMachines/wirte", false, "Microsoft.Compute/virtualMachines/write", nil},
		// A misspelt provider finds the operation across providers.
		{"Microsoft.Compte/virtualMachines/start/action", false, "Microsoft.Compute/virtualMachines/start/action", nil},
		{"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/raed", true,
			"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
			[]string{"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write"}},
		// A typo of an operation known only from a built-in role.
		{"Microsoft.DeviceRegistry/namespaces/raed", false, "Microsoft.DeviceRegistry/namespaces/read", nil},
	}
	for _, tt := range tests {
		got := c.Suggest(tt.op, tt.data, 3)
		if len(got) == 0 || !strings.EqualFold(got[0], tt.first) {
			t.Errorf("Suggest(%q) = %q, want %q first", tt.op, got, tt.first)
		}
		if len(got) > 3 {
			t.Errorf("Suggest(%q, 3) returned %d", tt.op, len(got))
		}
		for _, s := range tt.not {
			if slices.Contains(got, s) {
				t.Errorf("Suggest(%q) = %q, must not contain %q", tt.op, got, s)
			}
		}
		for _, s := range got {
			if _, ok := c.Lookup(s, tt.data); !ok {
				t.Errorf("Suggest(%q) suggested %q, not an op of the plane", tt.op, s)
			}
		}
	}
}

func TestSuggestNothingClose(t *testing.T) {
	c := Default()
	for _, op := range []string{
		"Microsoft.Compute/virtualMachines/frobnicate/action",
		"Contoso.Widgets/widgets/read",
		"Microsoft.Compute/virtualMachines/*",
		"",
	} {
		if got := c.Suggest(op, false, 3); len(got) != 0 {
			t.Errorf("Suggest(%q) = %q, want nothing", op, got)
		}
	}
	if got := c.Suggest("Microsoft.Compute/virtualMachines/strat/action", false, 0); got != nil {
		t.Errorf("Suggest(n=0) = %q", got)
	}
}

// TestSuggestOwnProviderFirst checks the ranking: a candidate of the
// query's provider comes before a closer one of another provider.
func TestSuggestOwnProviderFirst(t *testing.T) {
	c, err := (&Catalog{}).WithExtra("t", strings.NewReader(
		"Contoso.Alpha/widgets/reads\nContoso.Alphb/widgets/read\nContoso.Alpha/widgets/write\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := c.Suggest("Contoso.Alpha/widgets/read", false, 3)
	want := []string{"Contoso.Alpha/widgets/reads", "Contoso.Alphb/widgets/read"}
	if !slices.Equal(got, want) {
		t.Errorf("Suggest = %q, want %q", got, want)
	}
	if got := c.Suggest("Contoso.Alpha/widgets/read", false, 1); !slices.Equal(got, want[:1]) {
		t.Errorf("Suggest(n=1) = %q, want %q", got, want[:1])
	}
}

// TestSearchAgreesWithDistance checks the pruned trie walk against a plain
// edit distance over a list of keys.
func TestSearchAgreesWithDistance(t *testing.T) {
	keys := []string{"", "a", "ab", "abc", "abcd", "acb", "b", "ba", "bac", "ca", "cab", "xyz", "start", "strat", "restart", "tsart"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		b := make([]byte, rng.IntN(10))
		for i := range b {
			b[i] = "ab/c"[rng.IntN(4)]
		}
		keys = append(keys, string(b))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for qi := 0; qi < len(keys); qi += 3 {
		q := keys[qi]
		for k := range 4 {
			got := map[string]int{}
			newSearch(q, k).walk(keys, 0, len(keys), func(i, d int) { got[keys[i]] = d })
			for _, key := range keys {
				d := osa(q, key)
				if gd, ok := got[key]; (d <= k) != ok || (ok && gd != d) {
					t.Errorf("q=%q k=%d key=%q: walk %d,%v; distance %d", q, k, key, gd, ok, d)
				}
			}
		}
	}
}

// osa is the textbook optimal-string-alignment distance.
func osa(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestSuggestProvider(t *testing.T) {
	c := Default()
	tests := []struct{ ns, first string }{
		{"Microsoft.Compte", "Microsoft.Compute"},
		{"microsoft.strorage", "Microsoft.Storage"},
		{"Compute", "Microsoft.Compute"},
		{"Microsoft.DeviceRegistri", "Microsoft.DeviceRegistry"},
		{"Microsoft.Compute", "Microsoft.Compute"},
	}
	for _, tt := range tests {
		if got := c.SuggestProvider(tt.ns, 3); len(got) == 0 || got[0] != tt.first {
			t.Errorf("SuggestProvider(%q) = %q, want %q first", tt.ns, got, tt.first)
		}
	}
	if got := c.SuggestProvider("Contoso.Frobnicator", 3); len(got) != 0 {
		t.Errorf("SuggestProvider(Contoso.Frobnicator) = %q, want nothing", got)
	}
}
