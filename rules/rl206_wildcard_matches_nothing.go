package rules

import "golang.org/x/tools/go/analysis"

// RL206 is reported from the Operations analyzer's verdicts (operations.go).
var RL206 = newRule(&Rule{
	ID:       "RL206",
	Title:    "Wildcard that matches no operation",
	Severity: Warning,
	Category: DeployError,
	Doc: `A wildcard must match at least one operation of a registered provider: Azure rejects
` + "`" + `'Microsoft.RecoveryServices/Vaults/backupManagementMetaData/*' does not match any of the actions supported by
the providers.` + "`" + ` This wildcard matches nothing in the bundled catalog, nor falls under a wildcard of a built-in
role. Because the catalog can lag the service, this is a warning.`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachine/*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://github.com/MicrosoftDocs/azure-docs/issues/41780",
	},
	Analyzer: &analysis.Analyzer{Name: "wildcard_matches_nothing"},
}, reportOps("RL206"), Load, Operations)
