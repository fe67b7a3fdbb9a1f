package rules

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL307 reports a role with DataActions that lists a management group.
var RL307 = newRule(&Rule{
	ID:       "RL307",
	Title:    "DataActions with a management group scope",
	Severity: Warning,
	Category: Correctness,
	Doc: `"Custom roles with ` + "`DataActions`" + ` can't be assigned at the management group scope." Azure
creates the role: "You can create a custom role with ` + "`DataActions`" + ` and one management group in
` + "`AssignableScopes`" + `. You can't assign the custom role at the management group scope itself;
however, you can assign the custom role at the scope of the subscriptions within the management
group." An assignment at the group itself fails with ` + "`InvalidCreateRoleAssignmentRequest`" + `:
"Role assignments to Management Groups can not be made to custom role definitions with
DataActions".

So the role deploys but cannot be used where it says. Assign it at the subscriptions (or
resource groups) below the management group, and say so in the description; or list those
subscriptions as the scopes; or split the data actions into a second role.`,
	Bad: `{
  "Name": "Blob Data Auditor",
  "Description": "Reads blob data.",
  "Actions": ["Microsoft.Storage/storageAccounts/read"],
  "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
  "AssignableScopes": ["/providers/Microsoft.Management/managementGroups/contoso-data"]
}`,
	Good: `{
  "Name": "Blob Data Auditor",
  "Description": "Reads blob data.",
  "Actions": ["Microsoft.Storage/storageAccounts/read"],
  "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
  "AssignableScopes": [
    "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d",
    "/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
  ]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits",
		"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#assignablescopes"},
	Analyzer: &analysis.Analyzer{Name: "data_actions_with_management_group"},
}, runRL307, Load)

func runRL307(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		var first *role.Str
		for _, s := range d.Ops(role.DataActions) {
			if s.Expr || strings.TrimSpace(s.Value) != "" {
				first = &s
				break
			}
		}
		if first == nil {
			continue
		}
		for _, e := range r.scopeEntries(d) {
			if e.Class != classValid || e.Scope.Kind != ScopeManagementGroup {
				continue
			}
			r.Str("RL307", e.Str,
				fmt.Sprintf("role %q has DataActions, so it cannot be assigned at the management group %q itself (InvalidCreateRoleAssignmentRequest), only at the subscriptions and resource groups below it", d.DisplayName(), e.Scope.ManagementGroup),
				r.Related(first.Off, first.End, "first data action"))
		}
	}
	return nil, nil
}
