package rules

import "golang.org/x/tools/go/analysis"

// RL203 is reported from the Operations analyzer's verdicts (operations.go).
var RL203 = newRule(&Rule{
	ID:       "RL203",
	Title:    "Provider namespace not in the catalog",
	Severity: Warning,
	Category: DeployError,
	Doc: `The provider namespace is not in rolelint's bundled catalog, and no known namespace is close enough to be
a typo. Azure rejects operations of namespaces it does not know (` + "`" + `InvalidActionOrNotAction: The resource provider
referenced in the action is not returned in the list of providers` + "`" + `), but the catalog is a snapshot of
Microsoft's documentation and misses some namespaces, so this is a warning, not an error. If the provider is
new or private, add its operations with ` + "`" + `--catalog FILE` + "`" + ` (or ` + "`" + `catalog:` + "`" + ` in the config), or refresh the
catalog with ` + "`" + `rolelint catalog import` + "`" + `.`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Contoso/widgets/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/azure/role-based-access-control/resource-provider-operations",
		"https://github.com/Azure/azure-powershell/issues/9800",
	},
	Analyzer: &analysis.Analyzer{Name: "unknown_provider"},
}, reportOps("RL203"), Load, Operations)
