package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL302 reports the root scope "/" on a custom role.
var RL302 = newRule(&Rule{
	ID:       "RL302",
	Title:    "Root scope in AssignableScopes",
	Severity: Error,
	Category: DeployError,
	Doc: `"You cannot set ` + "`AssignableScopes`" + ` to the root scope (` + "`\"/\"`" + `)." Only built-in roles are
assignable everywhere ("All scopes (applies only to built-in roles)"); Azure rejects a custom
role that asks for it. PowerShell's client-side check lets "/" through, so the error comes from
Azure. A role exported from a built-in role with ` + "`Get-AzRoleDefinition | ConvertTo-Json`" + ` carries
"/" and is the usual way it gets into a file.

List the management group (at most one), subscriptions or resource groups the role is for
instead. To make a role available across the whole tenant, use the tenant root management
group, ` + "`/providers/Microsoft.Management/managementGroups/{tenantId}`" + `.

Definitions marked as built-in roles are not checked (RL112 reports them); the exact error
Azure returns for "/" is not documented.`,
	Bad: `{
  "Name": "Tag Reader",
  "Description": "Reads tags everywhere.",
  "Actions": ["Microsoft.Resources/tags/read"],
  "AssignableScopes": ["/"]
}`,
	Good: `{
  "Name": "Tag Reader",
  "Description": "Reads tags everywhere.",
  "Actions": ["Microsoft.Resources/tags/read"],
  "AssignableScopes": ["/providers/Microsoft.Management/managementGroups/contoso"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits",
		"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#assignablescopes"},
	Analyzer: &analysis.Analyzer{Name: "root_scope"},
}, runRL302, Load)

func runRL302(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		for _, e := range r.scopeEntries(d) {
			if e.Class == classRoot {
				r.Str("RL302", e.Str, fmt.Sprintf("scope %q is the root scope, which only built-in roles can use: list the management group, subscriptions or resource groups the role is for", e.Value))
			}
		}
	}
	return nil, nil
}
