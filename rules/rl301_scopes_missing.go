package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL301 reports a role without assignable scopes, or with a blank one.
var RL301 = newRule(&Rule{
	ID:       "RL301",
	Title:    "AssignableScopes missing, empty or with a blank entry",
	Severity: Error,
	Category: DeployError,
	Doc: `A custom role must list where it can be assigned: "You must use at least one management
group, subscription, or resource group." A role whose ` + "`AssignableScopes`" + ` is missing, ` + "`null`" + `
or ` + "`[]`" + ` is rejected before it reaches Azure: the az CLI stops with
` + "`please provide 'assignableScopes'`" + `, PowerShell with ` + "`InvalidAssignableScopes`" + `. PowerShell
also rejects a list with a blank entry (` + "`\"\"`" + `, white space or ` + "`null`" + `).

Both clients also use the first scope as the URL the role is written to, so the list cannot be
left for later. Write the management group, subscriptions or resource groups the role is meant
for, such as ` + "`/subscriptions/{subscriptionId}`" + ` with the real subscription ID.

In an ARM template a list given as one template expression (` + "`\"[variables('scopes')]\"`" + `) is
not checked.`,
	Bad: `{
  "Name": "Log Reader",
  "Description": "Reads Log Analytics workspaces.",
  "Actions": ["Microsoft.OperationalInsights/workspaces/read"],
  "AssignableScopes": []
}`,
	Good: `{
  "Name": "Log Reader",
  "Description": "Reads Log Analytics workspaces.",
  "Actions": ["Microsoft.OperationalInsights/workspaces/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties",
		"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#assignablescopes"},
	Analyzer: &analysis.Analyzer{Name: "scopes_missing"},
}, runRL301, Load)

const needScope = "a custom role needs at least one management group, subscription or resource group scope"

func runRL301(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		l := d.AssignableScopes
		key := scopesKey(d)
		switch {
		case !l.Present():
			off, end := opening(d)
			r.Report("RL301", off, end, fmt.Sprintf("role %q has no %q: %s", d.DisplayName(), key, needScope))
			continue
		case l.Node.Kind == role.Null:
			r.Report("RL301", l.Node.Off, l.Node.End, fmt.Sprintf("%q is null: %s", key, needScope))
			continue
		case l.Node.Kind == role.Array && len(l.Node.Elems) == 0:
			r.Report("RL301", l.Node.Off, l.Node.End, fmt.Sprintf("%q is empty: %s", key, needScope))
			continue
		}
		// Blank entries: "" and white space, and null elements when the
		// list is written in place (the loader keeps only strings).
		for _, e := range r.scopeEntries(d) {
			if e.Class == classBlank {
				r.Str("RL301", e.Str, fmt.Sprintf("blank entry %q in %q: PowerShell rejects it (InvalidAssignableScopes); remove it or write a scope", e.Value, key))
			}
		}
		if l.Node.Kind == role.Array {
			for _, el := range l.Node.Elems {
				if el.Kind == role.Null {
					r.Report("RL301", el.Off, el.End, fmt.Sprintf("null entry in %q: PowerShell rejects it (InvalidAssignableScopes); remove it or write a scope", key))
				}
			}
		}
	}
	return nil, nil
}
