package catalog

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

// TestEmbeddedIsFresh rebuilds catalog.bin from data/ in memory: a change
// to the data without `go generate ./catalog` must not ship.
func TestEmbeddedIsFresh(t *testing.T) {
	d, err := catdata.BuildDir("data")
	if err != nil {
		t.Fatal(err)
	}
	if got := catdata.Encode(d); !bytes.Equal(got, embedded) {
		t.Fatalf("catalog.bin is stale (%d bytes embedded, %d built from data/): run go generate ./catalog", len(embedded), len(got))
	}
}

// TestDecodeRejectsCorruption checks that every truncation of the embedded
// file is an error, not a panic or a silently short catalog.
func TestDecodeRejectsCorruption(t *testing.T) {
	for _, n := range []int{0, 3, 6, 7, 100, len(embedded) / 3, len(embedded) / 2, len(embedded) - 1} {
		if _, err := decode(embedded[:n]); err == nil {
			t.Errorf("decode of the first %d bytes: no error", n)
		}
	}
	bad := slices.Clone(embedded)
	bad[0] = 'X'
	if _, err := decode(bad); err == nil {
		t.Error("decode with a bad magic: no error")
	}
	if _, err := decode(append(slices.Clone(embedded), 0)); err == nil {
		t.Error("decode with a trailing byte: no error")
	}
}

// TestStats pins the counts in data/SOURCE.md, so that a data refresh that
// loses rows is noticed.
func TestStats(t *testing.T) {
	c := Default()
	s := c.Stats()
	t.Logf("%+v", s)
	if got := s.BySource[SourceDocs]; got != 17519 {
		t.Errorf("documented operations = %d, want 17519 (SOURCE.md)", got)
	}
	docsData := 0
	for _, op := range c.planes[1].ops {
		if Source(op.Source) == SourceDocs {
			docsData++
		}
	}
	if docsData != 3613 {
		t.Errorf("documented data actions = %d, want 3613", docsData)
	}
	if s.BySource[SourceBuiltin] == 0 || s.BySource[SourceUser] != 0 {
		t.Errorf("BySource = %v, want some builtin-role ops and no user ops", s.BySource)
	}
	if s.Operations != s.BySource[SourceDocs]+s.BySource[SourceBuiltin] {
		t.Errorf("Operations %d != docs + builtin %v", s.Operations, s.BySource)
	}
	if s.BuiltinRoles != 503 || s.BuiltinRolesKnown != 481 {
		t.Errorf("built-in roles = %d (%d known), want 503 (481)", s.BuiltinRoles, s.BuiltinRolesKnown)
	}
	// 153 documented sections plus the 15 namespaces SOURCE.md lists as
	// found only in built-in roles.
	if s.Providers != 153+15 {
		t.Errorf("providers = %d, want 168", s.Providers)
	}
	if s.ExtendingPatterns == 0 || s.ExtendingPatterns >= s.Patterns {
		t.Errorf("patterns = %d, extending = %d", s.Patterns, s.ExtendingPatterns)
	}
	if c.Date() != "2026-02-23" {
		t.Errorf("Date() = %q", c.Date())
	}
	if src := c.Source(); !strings.Contains(src, "MicrosoftDocs/azure-docs") || strings.Contains(src, "\n") {
		t.Errorf("Source() = %q, want one line naming MicrosoftDocs/azure-docs", src)
	}
}

func TestLookup(t *testing.T) {
	c := Default()
	tests := []struct {
		op        string
		data      bool
		ok        bool
		canonical string
		provider  string
		source    Source
	}{
		{"Microsoft.Compute/virtualMachines/start/action", false, true, "Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute", SourceDocs},
		{"MICROSOFT.COMPUTE/VIRTUALMACHINES/START/ACTION", false, true, "Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute", SourceDocs},
		{"Microsoft.Compute/virtualMachines/start/action", true, false, "", "", 0},
		{"Microsoft.Compute/virtualMachines/login/action", true, true, "Microsoft.Compute/virtualMachines/login/action", "Microsoft.Compute", SourceDocs},
		{"Microsoft.Compute/virtualMachines/login/action", false, false, "", "", 0},
		{"Microsoft.Storage/storageAccounts/listKeys/action", false, true, "Microsoft.Storage/storageAccounts/listkeys/action", "Microsoft.Storage", SourceDocs},
		// The docs spell some names in lower case; Provider keeps that spelling.
		{"Microsoft.Web/apiManagementAccounts/apiAcls/read", false, true, "microsoft.web/apimanagementaccounts/apiacls/read", "microsoft.web", SourceDocs},
		// Only in built-in roles.
		{"Microsoft.DeviceRegistry/namespaces/read", false, true, "Microsoft.DeviceRegistry/namespaces/read", "Microsoft.DeviceRegistry", SourceBuiltin},
		{"Microsoft.Compute/virtualMachines/strat/action", false, false, "", "", 0},
		{"Microsoft.Compute/virtualMachines/*", false, false, "", "", 0},
		{"", false, false, "", "", 0},
	}
	for _, tt := range tests {
		op, ok := c.Lookup(tt.op, tt.data)
		if ok != tt.ok || op.Name != tt.canonical || op.Provider != tt.provider || op.Source != tt.source || (ok && op.Data != tt.data) {
			t.Errorf("Lookup(%q, %v) = %+v, %v; want %q (%s, %s), %v", tt.op, tt.data, op, ok, tt.canonical, tt.provider, tt.source, tt.ok)
		}
	}
}

func TestLookupAny(t *testing.T) {
	c := Default()
	ops := c.LookupAny("microsoft.keyvault/vaults/keys/read")
	if len(ops) != 2 || ops[0].Data || !ops[1].Data {
		t.Errorf("LookupAny(keys/read) = %+v, want a control and a data op", ops)
	}
	if ops := c.LookupAny("Microsoft.Compute/virtualMachines/login/action"); len(ops) != 1 || !ops[0].Data {
		t.Errorf("LookupAny(login/action) = %+v, want the data action", ops)
	}
	if ops := c.LookupAny("Microsoft.Compute/nothing/read"); ops != nil {
		t.Errorf("LookupAny(unknown) = %+v", ops)
	}
	// SOURCE.md: 10 documented names exist in both planes.
	both := 0
	for _, k := range c.planes[0].keys {
		if op, ok := c.Lookup(k, true); ok && op.Source == SourceDocs {
			if op, _ := c.Lookup(k, false); op.Source == SourceDocs {
				both++
			}
		}
	}
	if both != 10 {
		t.Errorf("%d documented names in both planes, want 10", both)
	}
}

func TestProvider(t *testing.T) {
	c := Default()
	tests := []struct{ ns, want string }{
		{"Microsoft.Compute", "Microsoft.Compute"},
		{"microsoft.compute", "Microsoft.Compute"},
		// Mixed case wins over the docs' lower-case heading and names.
		{"microsoft.web", "Microsoft.Web"},
		{"MICROSOFT.HDINSIGHT", "Microsoft.HDInsight"},
		{"microsoft.network", "Microsoft.Network"},
		{"Microsoft.App", "Microsoft.App"},
		// Only in built-in roles.
		{"microsoft.deviceregistry", "Microsoft.DeviceRegistry"},
		{"newrelic.apm", "NewRelic.APM"},
		{"Microsoft.Compte", ""},
		{"Microsoft.Compute/virtualMachines", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := c.Provider(tt.ns)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Provider(%q) = %q, %v; want %q", tt.ns, got, ok, tt.want)
		}
	}
}

func TestBuiltin(t *testing.T) {
	c := Default()
	roles := c.BuiltinRoles()
	if len(roles) != 503 {
		t.Fatalf("%d built-in roles, want 503", len(roles))
	}
	if !slices.IsSortedFunc(roles, func(a, b BuiltinRole) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) }) {
		t.Error("BuiltinRoles not sorted by name")
	}
	for _, key := range []string{"Reader", "reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7", "ACDD72A7-3385-48EF-BD42-F606FBA81AE7"} {
		r, ok := c.Builtin(key)
		if !ok || r.Name != "Reader" || !r.Known || !slices.Equal(r.Actions, []string{"*/read"}) || r.DataActions == nil || len(r.DataActions) != 0 {
			t.Errorf("Builtin(%q) = %+v, %v", key, r, ok)
		}
	}
	owner, _ := c.Builtin("Owner")
	if !slices.Equal(owner.Actions, []string{"*"}) {
		t.Errorf("Owner actions = %q", owner.Actions)
	}
	r, ok := c.Builtin("Web PubSub Service Owner")
	if !ok || r.Known || r.Actions != nil || r.NotDataActions != nil {
		t.Errorf("role with null arrays = %+v, %v; want Known false and nil arrays", r, ok)
	}
	if _, ok := c.Builtin("Readr"); ok {
		t.Error("Builtin(Readr) found")
	}
	// The arrays are capacity-clipped: an append must not corrupt a neighbour.
	before := slices.Clone(roles[1].Actions)
	_ = append(roles[0].Actions, "x")
	if !slices.Equal(roles[1].Actions, before) {
		t.Error("append to one role's array changed the next role")
	}
}

func TestSourceString(t *testing.T) {
	for s, want := range map[Source]string{SourceDocs: "docs", SourceBuiltin: "builtin-role", SourceUser: "user", 7: "Source(7)"} {
		if got := s.String(); got != want {
			t.Errorf("Source(%d).String() = %q, want %q", s, got, want)
		}
	}
}

func TestSpelled(t *testing.T) {
	c := Default()
	for s, want := range map[string]bool{
		"Microsoft.ResourceHealth/AvailabilityStatuses/read": true,  // the docs' spelling
		"Microsoft.ResourceHealth/availabilityStatuses/read": true,  // the built-in roles' spelling
		"microsoft.resourcehealth/availabilitystatuses/read": false, // nobody's
		"Microsoft.Storage/storageAccounts/listKeys/action":  true,
		"Microsoft.Compute/*/read":                           true, // a built-in role pattern
	} {
		if got := c.Spelled(s); got != want {
			t.Errorf("Spelled(%q) = %v, want %v", s, got, want)
		}
	}
}
