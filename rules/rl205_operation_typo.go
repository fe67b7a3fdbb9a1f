package rules

import "golang.org/x/tools/go/analysis"

// RL205 is reported from the Operations analyzer's verdicts (operations.go).
var RL205 = newRule(&Rule{
	ID:       "RL205",
	Title:    "Misspelt provider or operation",
	Severity: Error,
	Category: DeployError,
	Doc: `The provider namespace or the operation is unknown, and a known one is at most two edits away (with the
same final verb): almost surely a typo. Azure rejects the whole role (` + "`" + `InvalidActionOrNotAction` + "`" + `). The
message suggests up to three candidates, closest first, from the same provider before others.`,
	Bad: `{
  "Name": "Storage Key Reader",
  "Description": "Lists storage account keys.",
  "Actions": ["Microsoft.Storage/storageAcounts/listKeys/action"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Storage Key Reader",
  "Description": "Lists storage account keys.",
  "Actions": ["Microsoft.Storage/storageAccounts/listKeys/action"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/azure/role-based-access-control/resource-provider-operations",
	},
	Analyzer: &analysis.Analyzer{Name: "operation_typo"},
}, reportOps("RL205"), Load, Operations)
