package rules

import "golang.org/x/tools/go/analysis"

// RL204 is reported from the Operations analyzer's verdicts (operations.go).
var RL204 = newRule(&Rule{
	ID:       "RL204",
	Title:    "Operation not in the catalog",
	Severity: Warning,
	Category: DeployError,
	Doc: `The provider is known but the operation is not in the bundled catalog, and no known operation is close
enough to be a sure typo (that is RL205). Azure rejects the whole role for one operation it does not know
(` + "`" + `InvalidActionOrNotAction: '...' does not match any of the actions supported by the providers` + "`" + `). The
catalog is built from Microsoft's documentation, which lags the service, so a brand-new operation may be
valid: the message names the catalog's date and up to three close candidates. Add new, preview or private
operations with ` + "`" + `--catalog FILE` + "`" + `.`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/hibernate/action"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/deallocate/action"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/azure/role-based-access-control/resource-provider-operations",
		"https://github.com/MicrosoftDocs/azure-docs/issues/102571",
	},
	Analyzer: &analysis.Analyzer{Name: "unknown_operation"},
}, reportOps("RL204"), Load, Operations)
