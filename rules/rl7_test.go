package rules_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/role"
	"github.com/rolelint/rolelint/rules"
)

// lintSet lints inputs together with the tenant settings and returns the
// findings of the rules ids as "path:line:col: message [ID]" lines, plus
// their related locations as "  related path:line:col: message".
func lintSet(t *testing.T, inputs []lint.Input, ts *rules.TenantSettings, ids ...string) []string {
	t.Helper()
	return lintSetWith(t, inputs, ts, nil, ids...)
}

// tenantOnly is the RL7xx rules plus RL107: the driver runs Load only for
// per-file rules, so one cheap per-file rule must be enabled for the tenant
// rules to see the files.
func tenantOnly() []*rules.Rule {
	out := []*rules.Rule{rules.Lookup("RL107")}
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, "RL7") {
			out = append(out, r)
		}
	}
	return out
}

// lintSetWith is lintSet with the enabled rules (nil: all, as the CLI).
func lintSetWith(t *testing.T, inputs []lint.Input, ts *rules.TenantSettings, enabled []*rules.Rule, ids ...string) []string {
	t.Helper()
	opts := testOptions()
	opts.Rules = enabled
	if ts != nil {
		opts.Results = map[*analysis.Analyzer]any{rules.Tenant: ts}
		for a, v := range testOptions().Results {
			if a != rules.Tenant {
				opts.Results[a] = v
			}
		}
	}
	res, err := lint.Run(inputs, opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Findings {
		for _, id := range ids {
			if f.Rule.ID != id {
				continue
			}
			out = append(out, fmt.Sprintf("%s:%d:%d: %s [%s]", f.Path, f.Start.Line, f.Start.Col, f.Message, f.Rule.ID))
			for _, r := range f.Related {
				out = append(out, fmt.Sprintf("  related %s:%d:%d: %s", r.Path, r.Start.Line, r.Start.Col, r.Message))
			}
		}
	}
	return out
}

// manyRoles returns n distinct custom roles, one file each, in path order.
func manyRoles(n int) []lint.Input {
	in := make([]lint.Input, n)
	for i := range in {
		in[i] = lint.Input{
			Path: fmt.Sprintf("roles/role-%05d.json", i+1),
			Data: fmt.Appendf(nil, `{
  "Name": "Role %05d",
  "IsCustom": true,
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`, i+1),
		}
	}
	return in
}

// TestTenantRoleLimit lints thousands of in-memory roles with the tenant
// rules only, to keep the test fast; BenchmarkTenant5001 times the whole
// rule set.
func TestTenantRoleLimit(t *testing.T) {
	roles := manyRoles(5001)
	cases := []struct {
		name string
		n    int
		ts   *rules.TenantSettings
		want []string
	}{
		{"public over", 5001, nil, []string{
			"roles/role-05001.json:2:11: the tenant would have 5,001 custom roles (5,001 in the linted files), more than the 5,000 allowed in Azure public cloud: from this definition on, ARM rejects new roles with RoleDefinitionLimitExceeded [RL701]"}},
		{"public at limit", 5000, &rules.TenantSettings{Cloud: "public"}, []string{
			"roles/role-04500.json:2:11: the tenant would have 5,000 custom roles (5,000 in the linted files), 100% of the 5,000 allowed in Azure public cloud: 0 left before ARM rejects new roles with RoleDefinitionLimitExceeded [RL702]"}},
		{"china over", 2001, &rules.TenantSettings{Cloud: "china"}, []string{
			"roles/role-02001.json:2:11: the tenant would have 2,001 custom roles (2,001 in the linted files), more than the 2,000 allowed in Azure operated by 21Vianet: from this definition on, ARM rejects new roles with RoleDefinitionLimitExceeded [RL701]"}},
		{"china near", 1800, &rules.TenantSettings{Cloud: "china"}, []string{
			"roles/role-01800.json:2:11: the tenant would have 1,800 custom roles (1,800 in the linted files), 90% of the 2,000 allowed in Azure operated by 21Vianet: 200 left before ARM rejects new roles with RoleDefinitionLimitExceeded [RL702]"}},
		{"existing", 4999, &rules.TenantSettings{Cloud: "public", Existing: 2}, []string{
			"roles/role-04999.json:2:11: the tenant would have 5,001 custom roles (4,999 in the linted files + 2 already in the tenant), more than the 5,000 allowed in Azure public cloud: from this definition on, ARM rejects new roles with RoleDefinitionLimitExceeded [RL701]"}},
		{"existing alone over", 3, &rules.TenantSettings{Existing: 6000}, []string{
			"roles/role-00001.json:2:11: the tenant would have 6,003 custom roles (3 in the linted files + 6,000 already in the tenant), more than the 5,000 allowed in Azure public cloud: from this definition on, ARM rejects new roles with RoleDefinitionLimitExceeded [RL701]"}},
		{"near", 4500, nil, []string{
			"roles/role-04500.json:2:11: the tenant would have 4,500 custom roles (4,500 in the linted files), 90% of the 5,000 allowed in Azure public cloud: 500 left before ARM rejects new roles with RoleDefinitionLimitExceeded [RL702]"}},
		{"below", 4499, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			got := lintSetWith(t, roles[:c.n], c.ts, tenantOnly(), "RL701", "RL702")
			t.Logf("%d roles linted in %v", c.n, time.Since(start))
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// BenchmarkTenant5001 lints 5,001 in-memory roles with every rule, as the
// CLI does (go test ./rules -run '^$' -bench Tenant5001).
func BenchmarkTenant5001(b *testing.B) {
	roles := manyRoles(5001)
	for b.Loop() {
		res, err := lint.Run(roles, testOptions())
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, f := range res.Findings {
			if f.Rule.ID == "RL701" {
				n++
			}
		}
		if n != 1 {
			b.Fatalf("%d RL701 findings, want 1", n)
		}
	}
}

// TestTenantExistingFile counts the roles of an `az role definition list`
// file that are not among the linted ones.
func TestTenantExistingFile(t *testing.T) {
	existing := role.Load("tenant.json", []byte(`[
  {"name": "11111111-1111-4111-8111-111111111111", "roleName": "ROLE 00001", "roleType": "CustomRole",
   "permissions": [{"actions": ["*/read"]}], "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]},
  {"name": "22222222-2222-4222-8222-222222222222", "roleName": "Renamed in the repo", "roleType": "CustomRole",
   "permissions": [{"actions": ["*/read"]}], "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]},
  {"name": "33333333-3333-4333-8333-333333333333", "roleName": "Only in the tenant", "roleType": "CustomRole",
   "permissions": [{"actions": ["*/read"]}], "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]},
  {"name": "44444444-4444-4444-8444-444444444444", "roleName": "Only in the tenant too", "roleType": "CustomRole",
   "permissions": [{"actions": ["*/read"]}], "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]},
  {"name": "acdd72a7-3385-48ef-bd42-f606fba81ae7", "roleName": "Reader", "roleType": "BuiltInRole",
   "permissions": [{"actions": ["*/read"]}], "assignableScopes": ["/"]}
]`))
	if len(existing.Defs) != 5 {
		t.Fatalf("existing file: %d definitions, want 5", len(existing.Defs))
	}
	roles := manyRoles(4999)
	// The second role of the tenant is linted under another name.
	roles[1].Data = []byte(strings.Replace(string(roles[1].Data), `"IsCustom": true,`, `"Id": "22222222-2222-4222-8222-222222222222", "IsCustom": true,`, 1))
	// Role 00001 (by name, ignoring case) and 22222222-... (by id) are linted;
	// "Only in the tenant" and "... too" are not; Reader is built in.
	got := lintSetWith(t, roles, &rules.TenantSettings{Cloud: "public", ExistingFile: existing}, tenantOnly(), "RL701", "RL702")
	want := "roles/role-04999.json:2:11: the tenant would have 5,001 custom roles (4,999 in the linted files + 2 already in the tenant), more than the 5,000 allowed in Azure public cloud: from this definition on, ARM rejects new roles with RoleDefinitionLimitExceeded [RL701]"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	// Existing and ExistingFile add up.
	got = lintSetWith(t, roles[:4997], &rules.TenantSettings{Existing: 1, ExistingFile: existing}, tenantOnly(), "RL701", "RL702")
	if len(got) != 1 || !strings.Contains(got[0], "5,000 custom roles (4,997 in the linted files + 3 already in the tenant)") || !strings.HasSuffix(got[0], "[RL702]") {
		t.Errorf("Existing + ExistingFile: got %q", got)
	}
}

func TestTenantUnknownCloud(t *testing.T) {
	res, err := lint.Run(manyRoles(1), lint.Options{Results: map[*analysis.Analyzer]any{rules.Tenant: &rules.TenantSettings{Cloud: "mars"}}})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range res.Findings {
		if f.Rule.ID == rules.InternalID {
			msgs = append(msgs, f.Message)
		}
	}
	// RL701 and RL702 share the count, which fails once.
	if len(msgs) != 1 || !strings.Contains(msgs[0], `unknown cloud "mars"`) {
		t.Errorf("want one internal error naming the cloud, got %q", msgs)
	}
}

func flatRole(name, id string, custom bool) []byte {
	idKey := ""
	if id != "" {
		idKey = fmt.Sprintf(`"Id": %q, `, id)
	}
	return fmt.Appendf(nil, `{"Name": %q, %s"IsCustom": %v,
 "Description": "d", "Actions": ["Microsoft.Compute/virtualMachines/read"],
 "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]}`, name, idKey, custom)
}

// TestTenantDuplicates checks RL703-RL705 across files.
func TestTenantDuplicates(t *testing.T) {
	cases := []struct {
		name   string
		inputs []lint.Input
		want   []string
	}{
		{"name across files", []lint.Input{
			{Path: "a/ops.json", Data: flatRole("VM Operator", "", true)},
			{Path: "b/ops-copy.json", Data: flatRole("VM Operator", "", true)},
			{Path: "c/ops-lower.json", Data: flatRole("vm operator", "", true)},
		}, []string{
			`b/ops-copy.json:1:10: role name "VM Operator" is already used by the role at a/ops.json:1:10: display names are unique in a tenant, and ARM rejects the second role with RoleDefinitionWithSameNameExists [RL703]`,
			"  related a/ops.json:1:10: first defined here",
			`c/ops-lower.json:1:10: role name "vm operator" differs only in case from "VM Operator" at a/ops.json:1:10: display names are unique in a tenant (whether ARM ignores case is unconfirmed; an equal name fails with RoleDefinitionWithSameNameExists) [RL703]`,
			"  related a/ops.json:1:10: first defined here",
		}},
		{"built-in exports do not count", []lint.Input{
			{Path: "a.json", Data: flatRole("VM Operator", "", false)},
			{Path: "b.json", Data: flatRole("VM Operator", "", true)},
		}, nil},
		{"id across files", []lint.Input{
			{Path: "a.json", Data: flatRole("VM Operator", "3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f", true)},
			{Path: "b.json", Data: flatRole("VM Reader", "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/providers/Microsoft.Authorization/roleDefinitions/3C9E2F4A-1D7B-4E8C-A5F6-0B2D4C6E8A1F", true)},
		}, []string{
			`b.json:1:29: role id 3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f is also the id of role "VM Operator" at a.json:1:31: a role definition is created or updated by its GUID, so one of the two overwrites the other; give this role a new GUID [RL704]`,
			"  related a.json:1:31: first defined here",
		}},
		{"same role in two files", []lint.Input{
			{Path: "a.json", Data: flatRole("VM Operator", "3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f", true)},
			{Path: "b.json", Data: flatRole("VM Operator", "3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f", true)},
		}, []string{
			`b.json:1:31: role id 3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f and name "VM Operator" are also those of the role at a.json:1:31: the same role is written twice; keep one of them [RL704]`,
			"  related a.json:1:31: first defined here",
		}},
		{"built-in clash", []lint.Input{
			{Path: "reader.json", Data: flatRole("Reader", "", true)},
			{Path: "contributor-id.json", Data: flatRole("Contoso Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c", true)},
		}, []string{
			`contributor-id.json:1:39: role id b24988ac-6180-42a0-ab88-20f7382dd24c is the id of the built-in role "Contributor": a built-in role exported with Get-AzRoleDefinition and not renamed? ARM most likely rejects it (unconfirmed); give the custom role a new id [RL705]`,
			`reader.json:1:10: role name "Reader" is the name of the built-in role "Reader" (acdd72a7-3385-48ef-bd42-f606fba81ae7): a built-in role exported with Get-AzRoleDefinition and not renamed? ARM most likely rejects it (unconfirmed); give the custom role its own name [RL705]`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := lintSet(t, c.inputs, nil, "RL703", "RL704", "RL705")
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestTenantExamples lints testdata/examples as one set: the name of
// cli-vm-operator.json comes back in rest-list.json, reported once.
func TestTenantExamples(t *testing.T) {
	inputs, err := lint.Discover([]string{filepath.Join("..", "testdata", "examples")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := lintSet(t, inputs, nil, "RL701", "RL702", "RL703", "RL704", "RL705")
	ex := filepath.ToSlash(filepath.Join("..", "testdata", "examples"))
	want := []string{
		ex + `/rest-list.json:32:19: role name "Virtual Machine Operator" is already used by the role at ` + ex + `/cli-vm-operator.json:2:11: display names are unique in a tenant, and ARM rejects the second role with RoleDefinitionWithSameNameExists [RL703]`,
		"  related " + ex + "/cli-vm-operator.json:2:11: first defined here",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
