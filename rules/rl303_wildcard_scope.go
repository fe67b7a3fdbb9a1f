package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL303 reports a "*" in an assignable scope.
var RL303 = newRule(&Rule{
	ID:       "RL303",
	Title:    "Wildcard in an assignable scope",
	Severity: Error,
	Category: DeployError,
	Doc: `"You cannot use wildcards (` + "`*`" + `) in ` + "`AssignableScopes`" + `. This wildcard restriction
helps ensure a user can't potentially obtain access to a scope by updating the role
definition." Unlike ` + "`Actions`" + `, where ` + "`Microsoft.Compute/*`" + ` is fine, a scope is a literal
resource id: ` + "`/subscriptions/*`" + ` or ` + "`.../resourceGroups/rg-app-*`" + ` is rejected.

List each subscription or resource group, or use the one management group that holds them
all.`,
	Bad: `{
  "Name": "App Operator",
  "Description": "Restarts web apps in the app resource groups.",
  "Actions": ["Microsoft.Web/sites/restart/action"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-app-*"]
}`,
	Good: `{
  "Name": "App Operator",
  "Description": "Restarts web apps in the app resource groups.",
  "Actions": ["Microsoft.Web/sites/restart/action"],
  "AssignableScopes": [
    "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-app-web",
    "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-app-api"
  ]
}`,
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits"},
	Analyzer: &analysis.Analyzer{Name: "wildcard_scope"},
}, runRL303, Load)

func runRL303(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		for _, e := range r.scopeEntries(d) {
			if e.Class == classWildcard {
				r.Str("RL303", e.Str, fmt.Sprintf("scope %q contains a wildcard \"*\": assignable scopes cannot use wildcards; list each scope, or use one management group that holds them", e.Value))
			}
		}
	}
	return nil, nil
}
