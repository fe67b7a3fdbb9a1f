package catalog

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, op string
		want        bool
	}{
		{"*", "Microsoft.Compute/virtualMachines/read", true},
		{"*", "", true},
		{"", "", true},
		{"", "a", false},
		{"a", "", false},
		{"Microsoft.Compute/virtualMachines/read", "microsoft.compute/VIRTUALMACHINES/Read", true},
		{"Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/reads", false},
		{"Microsoft.Compute/virtualMachines/reads", "Microsoft.Compute/virtualMachines/read", false},
		// '*' at the end spans segments and stops at the provider boundary.
		{"Microsoft.Compute/*", "Microsoft.Compute/virtualMachines/extensions/read", true},
		{"microsoft.compute/*", "MICROSOFT.COMPUTE/disks/read", true},
		{"Microsoft.Compute/*", "Microsoft.ComputeSchedule/actions/read", false},
		{"Microsoft.Compute*", "Microsoft.ComputeSchedule/actions/read", true},
		// '*' at the start.
		{"*/read", "Microsoft.Storage/storageAccounts/blobServices/read", true},
		{"*/read", "read", false},
		{"*/read", "Microsoft.Web/sites/Read", true},
		{"*/read", "Microsoft.Web/sites/reader", false},
		{"*read", "Microsoft.Web/sites/read", true},
		// '*' in the middle, across several segments.
		{"Microsoft.Storage/*/read", "Microsoft.Storage/storageAccounts/blobServices/containers/read", true},
		{"Microsoft.Network/*/read", "Microsoft.Network/read", false},
		{"Microsoft.Compute/virtualMachines/*/read", "Microsoft.Compute/virtualMachines/read", false},
		// '*' in the provider segment.
		{"Microsoft.*/read", "Microsoft.Web/sites/read", true},
		{"Microsoft.*/read", "Contoso.Web/sites/read", false},
		{"*.Widgets/*", "Contoso.Widgets/widgets/read", true},
		// Partial segments.
		{"Microsoft.Compute/virtualMachines/start*", "Microsoft.Compute/virtualMachines/start/action", true},
		{"Microsoft.Compute/virtualMachines/start*", "Microsoft.Compute/virtualMachines/restart/action", false},
		{"Microsoft.Compute/virtualMachines/*start/action", "Microsoft.Compute/virtualMachines/restart/action", true},
		// Two wildcards, and backtracking.
		{"Microsoft.CostManagement/*/query/*", "Microsoft.CostManagement/exports/query/action", true},
		{"a*b*c", "abc", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "acb", false},
		{"a*b*c", "abcbc", true},
		{"a*a", "a", false},
		{"*a", "aaa", true},
		{"a**b", "ab", true},
		{"*x*", "abc", false},
		// Special characters are literals.
		{"Microsoft.Devices/iotHubs/routing/$testall/Action", "microsoft.devices/iothubs/routing/$testall/action", true},
		{"Microsoft.DataProtection/*/{operationName}/read", "Microsoft.DataProtection/backupVaults/resourceGuards/{operationName}/read", true},
		{"?", "a", false},
	}
	for _, tt := range tests {
		if got := MatchPattern(tt.pattern, tt.op); got != tt.want {
			t.Errorf("MatchPattern(%q, %q) = %v, want %v", tt.pattern, tt.op, got, tt.want)
		}
	}
}

// testCatalog is a small catalog whose expansions can be listed by hand.
func testCatalog(t testing.TB) *Catalog {
	t.Helper()
	const extra = `operation	provider	data_action
Microsoft.Compute/virtualMachines/read		false
Microsoft.Compute/virtualMachines/write		false
Microsoft.Compute/virtualMachines/start/action		false
Microsoft.Compute/virtualMachines/restart/action		false
Microsoft.Compute/virtualMachines/extensions/read		false
Microsoft.Compute/disks/read		false
Microsoft.ComputeSchedule/actions/read		false
Microsoft.Network/virtualNetworks/read		false
Microsoft.Network/virtualNetworks/subnets/join/action		false
microsoft.web/sites/Read		false
Contoso.Widgets/widgets/read		false
Microsoft.KeyVault/vaults/keys/read		false
Microsoft.KeyVault/vaults/keys/read		true
Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read		true
Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write		true
`
	c, err := (&Catalog{}).WithExtra("test.tsv", strings.NewReader(extra))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMatch(t *testing.T) {
	c := testCatalog(t)
	const (
		vmRead    = "Microsoft.Compute/virtualMachines/read"
		vmWrite   = "Microsoft.Compute/virtualMachines/write"
		vmStart   = "Microsoft.Compute/virtualMachines/start/action"
		vmRestart = "Microsoft.Compute/virtualMachines/restart/action"
		extRead   = "Microsoft.Compute/virtualMachines/extensions/read"
		diskRead  = "Microsoft.Compute/disks/read"
		schedRead = "Microsoft.ComputeSchedule/actions/read"
		vnetRead  = "Microsoft.Network/virtualNetworks/read"
		join      = "Microsoft.Network/virtualNetworks/subnets/join/action"
		sites     = "microsoft.web/sites/Read"
		widgets   = "Contoso.Widgets/widgets/read"
		keys      = "Microsoft.KeyVault/vaults/keys/read"
		blobRead  = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"
		blobWrite = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write"
	)
	allControl := []string{widgets, diskRead, extRead, vmRead, vmRestart, vmStart, vmWrite, schedRead, keys, vnetRead, join, sites}
	tests := []struct {
		pattern string
		data    bool
		want    []string // in catalog order: sorted by folded name
	}{
		{"*", false, allControl},
		{"**", false, allControl},
		{"*", true, []string{keys, blobRead, blobWrite}},
		{"*/read", false, []string{widgets, diskRead, extRead, vmRead, schedRead, keys, vnetRead, sites}},
		{"*READ", false, []string{widgets, diskRead, extRead, vmRead, schedRead, keys, vnetRead, sites}},
		{"Microsoft.Compute/*", false, []string{diskRead, extRead, vmRead, vmRestart, vmStart, vmWrite}},
		{"microsoft.compute/*", false, []string{diskRead, extRead, vmRead, vmRestart, vmStart, vmWrite}},
		{"Microsoft.Compute*", false, []string{diskRead, extRead, vmRead, vmRestart, vmStart, vmWrite, schedRead}},
		{"Microsoft.Compute/*/*", false, []string{diskRead, extRead, vmRead, vmRestart, vmStart, vmWrite}},
		{"Microsoft.Compute/virtualMachines/*", false, []string{extRead, vmRead, vmRestart, vmStart, vmWrite}},
		{"MICROSOFT.COMPUTE/VIRTUALMACHINES/*/READ", false, []string{extRead}},
		{"Microsoft.Compute/virtualMachines/start*", false, []string{vmStart}},
		{"Microsoft.Compute/virtualMachines/*start/action", false, []string{vmRestart, vmStart}},
		{"*/virtualMachines/*/action", false, []string{vmRestart, vmStart}},
		{"*Machines/read", false, []string{vmRead}},
		{"Microsoft.*/read", false, []string{diskRead, extRead, vmRead, schedRead, keys, vnetRead, sites}},
		{"*.Widgets/*", false, []string{widgets}},
		{"Microsoft.Network/*/subnets/*", false, []string{join}},
		{"Microsoft.Storage/*", false, nil},
		{"Microsoft.Storage/*", true, []string{blobRead, blobWrite}},
		{"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*", true, []string{blobRead, blobWrite}},
		{"Microsoft.Nothing/*", false, nil},
		// No wildcard: an exact, case-insensitive lookup.
		{"microsoft.compute/VIRTUALMACHINES/READ", false, []string{vmRead}},
		{keys, true, []string{keys}},
		{"Microsoft.Compute/virtualMachines/reboot/action", false, nil},
		{"", false, nil},
	}
	for _, tt := range tests {
		for range 2 { // the second round is served from the cache
			var got []string
			for _, op := range c.Match(tt.pattern, tt.data) {
				got = append(got, op.Name)
				if op.Data != tt.data || op.Provider == "" || op.Source != SourceUser {
					t.Errorf("Match(%q, %v): op %+v", tt.pattern, tt.data, op)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Match(%q, %v) =\n%q, want\n%q", tt.pattern, tt.data, got, tt.want)
			}
		}
	}
}

// TestMatchIndexAgreesWithScan checks the indexed expansion against a plain
// scan of the whole plane, for every wildcard the built-in roles use and a
// few the index treats specially.
func TestMatchIndexAgreesWithScan(t *testing.T) {
	c := Default()
	patterns := []string{"*", "*/read", "Microsoft.*/read", "*/*/*/*/*/*/*/*/*", "Microsoft.Storage*", "microsoft.web/*", "*:*"}
	for _, r := range c.BuiltinRoles() {
		for _, s := range slices.Concat(r.Actions, r.NotActions, r.DataActions, r.NotDataActions) {
			if strings.Contains(s, "*") {
				patterns = append(patterns, s)
			}
		}
	}
	for _, pattern := range patterns {
		for plane := range 2 {
			p := &c.planes[plane]
			var want []string
			folded := catdata.Fold(pattern)
			for i, key := range p.keys {
				if catdata.Glob(folded, key) {
					want = append(want, p.ops[i].Name)
				}
			}
			var got []string
			for _, op := range c.Match(pattern, plane == 1) {
				got = append(got, op.Name)
			}
			if !slices.Equal(got, want) {
				t.Errorf("Match(%q, %v): %d ops, scan finds %d", pattern, plane == 1, len(got), len(want))
			}
		}
	}
}

func TestMatchConcurrent(t *testing.T) {
	c := testCatalog(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				pattern := []string{"*/read", "Microsoft.Compute/*", fmt.Sprintf("Microsoft.Compute/*/%d", i%7)}[(g+i)%3]
				c.Match(pattern, false)
			}
		})
	}
	wg.Wait()
	if got := len(c.Match("Microsoft.Compute/*", false)); got != 6 {
		t.Errorf("after concurrent use, Microsoft.Compute/* matches %d ops, want 6", got)
	}
}

func TestCovered(t *testing.T) {
	c := Default()
	tests := []struct {
		pattern string
		data    bool
		want    bool
		by      string // the extending built-in wildcard, if that is why
	}{
		{"Microsoft.Compute/virtualMachines/start/action", false, true, ""},
		{"Microsoft.Compute/virtualMachines/*", false, true, ""},
		{"Microsoft.Compute/virtualMachines/strat/action", false, false, ""},
		{"Microsoft.Compute/virtualMachines/start/action", true, false, ""},
		// Owner's "*" must not vouch for a typo.
		{"Microsoft.Compute/typo/*", false, false, ""},
		// Operations the docs omit, known from built-in roles.
		{"Microsoft.DeviceRegistry/*/read", false, true, ""},
		{"Microsoft.DeviceRegistry/Assets/*/read", false, true, "Microsoft.DeviceRegistry/Assets/*"},
		{"microsoft.deviceregistry/assets/write", false, true, "Microsoft.DeviceRegistry/Assets/*"},
		{"Microsoft.DeviceRegistry/Assets/*", false, true, "Microsoft.DeviceRegistry/Assets/*"},
		{"Microsoft.DeviceRegistry/*", false, true, ""},
		{"Microsoft.DeviceRegistry/widgets/read", false, false, ""},
		{"Microsoft.DeviceRegistry/Assets/read", true, false, ""},
		{"NewRelic.APM/accounts/read", false, true, "NewRelic.APM/accounts/*"},
		{"NewRelic.APM/*", false, false, ""},
	}
	for _, tt := range tests {
		if got := c.Covered(tt.pattern, tt.data); got != tt.want {
			t.Errorf("Covered(%q, %v) = %v, want %v", tt.pattern, tt.data, got, tt.want)
		}
		by, ok := c.ExtendedBy(tt.pattern, tt.data)
		if tt.by != "" && (by != tt.by || !ok) {
			t.Errorf("ExtendedBy(%q, %v) = %q, %v; want %q", tt.pattern, tt.data, by, ok, tt.by)
		}
	}
}

// TestBuiltinRolesCovered checks every permission of every built-in role
// with arrays (481 roles) against the catalog in its own plane. By
// construction they are all Covered: the catalog includes the roles'
// operations and wildcards. The test reports the two ways the roles and the
// docs disagree, so that they stay visible:
//
//   - undocumented: the string matches no documented operation in either
//     plane (whole providers such as Microsoft.DeviceRegistry, and newer
//     operations of documented ones; SOURCE.md "Gaps" 3). With the
//     2026-02-23 data: 111 distinct spellings in 45 roles, 106 once case is
//     ignored (per plane), as listed by -v.
//   - plane mismatch: the string matches documented operations only in the
//     other plane. The docs' data-action flag comes from the row's position
//     in the page (SOURCE.md "Gaps" 5), so either side may be wrong. 5
//     strings with the 2026-02-23 data, all Microsoft.App wildcards such as
//     "Microsoft.App/agents/*/read" in actions, whose documented matches
//     are data actions.
//
// It fails if any string is not Covered, or if either count grows beyond
// the limits below (a data refresh should then look at the list).
func TestBuiltinRolesCovered(t *testing.T) {
	const (
		maxUncovered     = 0
		maxUndocumented  = 106
		maxPlaneMismatch = 5
	)
	c := Default()
	docs := func(s string, data bool) bool {
		return slices.ContainsFunc(c.Match(s, data), func(op Op) bool { return op.Source == SourceDocs })
	}
	var uncovered, undocumented, mismatch []string
	seen := make(map[string]bool)
	roles := make(map[string]bool)
	checked := 0
	for _, r := range c.BuiltinRoles() {
		if !r.Known {
			continue
		}
		for k, perms := range [][]string{r.Actions, r.NotActions, r.DataActions, r.NotDataActions} {
			data := k >= 2
			for _, s := range perms {
				checked++
				entry := fmt.Sprintf("%s (%s, plane data=%v)", s, r.Name, data)
				if !c.Covered(s, data) {
					uncovered = append(uncovered, entry)
				}
				if docs(s, data) {
					continue
				}
				list := &undocumented
				if docs(s, !data) {
					list = &mismatch
				} else {
					roles[r.Name] = true
				}
				// List each string once per plane, with the first role.
				if key := fmt.Sprint(strings.ToLower(s), data); !seen[key] {
					seen[key] = true
					*list = append(*list, entry)
				}
			}
		}
	}
	t.Logf("%d permission strings checked", checked)
	t.Logf("%d undocumented strings in %d roles (covered only by built-in role evidence):\n%s", len(undocumented), len(roles), strings.Join(undocumented, "\n"))
	t.Logf("%d plane mismatches (documented only in the other plane):\n%s", len(mismatch), strings.Join(mismatch, "\n"))
	if checked < 4000 {
		t.Errorf("only %d strings checked", checked)
	}
	if len(uncovered) > maxUncovered {
		t.Errorf("%d built-in role strings not Covered (limit %d):\n%s", len(uncovered), maxUncovered, strings.Join(uncovered, "\n"))
	}
	if len(undocumented) > maxUndocumented {
		t.Errorf("%d undocumented strings, limit %d", len(undocumented), maxUndocumented)
	}
	if len(mismatch) > maxPlaneMismatch {
		t.Errorf("%d plane mismatches, limit %d", len(mismatch), maxPlaneMismatch)
	}
}
