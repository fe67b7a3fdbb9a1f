package rules

import "golang.org/x/tools/go/analysis"

// RL212 is reported from the Operations analyzer's verdicts (operations.go).
var RL212 = newRule(&Rule{
	ID:       "RL212",
	Title:    "Operation of a retired classic provider",
	Severity: Warning,
	Category: DeployError,
	Doc: `Azure classic (ASM) resources and classic administrators are retired ("As of May 2026, classic
administrator roles are fully retired"). Operations of ` + "`" + `Microsoft.ClassicCompute` + "`" + `, ` + "`" + `Microsoft.ClassicNetwork` + "`" + `
and ` + "`" + `Microsoft.ClassicStorage` + "`" + ` still appear in old built-in roles and docs, but are rejected in new custom roles
(` + "`" + `'Microsoft.ClassicNetwork/networkSecurityGroups/join/action' does not match any of the actions supported by
the providers` + "`" + `). Use the Resource Manager operations (` + "`" + `Microsoft.Compute` + "`" + `, ` + "`" + `Microsoft.Network` + "`" + `, ` + "`" + `Microsoft.Storage` + "`" + `).`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.ClassicCompute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://github.com/MicrosoftDocs/azure-docs/issues/102571",
		"https://learn.microsoft.com/azure/role-based-access-control/classic-administrators",
	},
	Analyzer: &analysis.Analyzer{Name: "classic_provider"},
}, reportOps("RL212"), Load, Operations)
