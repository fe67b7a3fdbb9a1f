package rules

import "golang.org/x/tools/go/analysis"

// RL209 is reported from the Operations analyzer's verdicts (operations.go).
var RL209 = newRule(&Rule{
	ID:       "RL209",
	Title:    "Microsoft Entra ID permission in an Azure role",
	Severity: Error,
	Category: DeployError,
	Doc: `` + "`" + `microsoft.directory/...` + "`" + ` strings are Microsoft Entra ID permissions (` + "`" + `unifiedRoleDefinition` + "`" + `), a
different role system: they manage users, groups and applications in the directory, not Azure resources.
Azure RBAC does not know the ` + "`" + `microsoft.directory` + "`" + ` provider and rejects the role. Create an Entra custom role
(in Entra ID, with Microsoft Graph) for directory permissions.`,
	Bad: `{
  "Name": "App Creator",
  "Description": "Creates app registrations.",
  "Actions": ["microsoft.directory/applications/create"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "App Creator",
  "Description": "Reads resource groups.",
  "Actions": ["Microsoft.Resources/subscriptions/resourceGroups/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/entra/identity/role-based-access-control/custom-create",
		"https://learn.microsoft.com/graph/api/resources/unifiedrolepermission",
	},
	Analyzer: &analysis.Analyzer{Name: "entra_permission"},
}, reportOps("RL209"), Load, Operations)
