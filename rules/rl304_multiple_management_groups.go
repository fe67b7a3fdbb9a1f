package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL304 reports a second management group in AssignableScopes.
var RL304 = newRule(&Rule{
	ID:       "RL304",
	Title:    "More than one management group in AssignableScopes",
	Severity: Error,
	Category: DeployError,
	Doc: `"You can define only one management group in ` + "`AssignableScopes`" + ` of a custom role."
Azure rejects a role that lists two or more entries of the form
` + "`/providers/Microsoft.Management/managementGroups/{groupId}`" + ` (the exact error is not
documented). Management group ids are compared ignoring case; the same group written twice is a
duplicate (RL310), not a second group.

A role is assignable at each listed scope and everywhere below it, so use the one management
group that holds all the subscriptions the role is for (their common parent), or list the
subscriptions themselves. rolelint reports the second and later groups and points back at the
first.`,
	Bad: `{
  "Name": "Platform Reader",
  "Description": "Reads platform resources.",
  "Actions": ["*/read"],
  "AssignableScopes": [
    "/providers/Microsoft.Management/managementGroups/platform",
    "/providers/Microsoft.Management/managementGroups/landing-zones"
  ]
}`,
	Good: `{
  "Name": "Platform Reader",
  "Description": "Reads platform resources.",
  "Actions": ["*/read"],
  "AssignableScopes": [
    "/providers/Microsoft.Management/managementGroups/contoso"
  ]
}`,
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits"},
	Analyzer: &analysis.Analyzer{Name: "multiple_management_groups"},
}, runRL304, Load)

func runRL304(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		var first *scopeEntry
		seen := map[string]bool{}
		entries := r.scopeEntries(d)
		for i := range entries {
			e := &entries[i]
			if e.Class == classExpr || !isMGScope(e.Value) {
				continue
			}
			k := scopeKey(e.Value)
			if seen[k] {
				continue
			}
			seen[k] = true
			if first == nil {
				first = e
				continue
			}
			nth := "a second"
			if len(seen) > 2 {
				nth = "another"
			}
			r.Str("RL304", e.Str,
				fmt.Sprintf("%q is %s management group (the first is %q): a custom role can have only one management group in %s; use their common parent or list the subscriptions", e.Value, nth, first.Value, scopesKey(d)),
				r.Related(first.Off, first.End, "first management group"))
		}
	}
	return nil, nil
}
