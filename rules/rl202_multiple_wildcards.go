package rules

import "golang.org/x/tools/go/analysis"

// RL202 is reported from the Operations analyzer's verdicts (operations.go).
var RL202 = newRule(&Rule{
	ID:       "RL202",
	Title:    "More than one wildcard in an operation",
	Severity: Error,
	Category: DeployError,
	Doc: `"You can have only one wildcard in an action string." Azure rejects the role with
` + "`" + `InvalidActionOrNotAction: '...' contains multiple wildcards. Only one is allowed.` + "`" + ` Split the string into
several, each with one ` + "`" + `*` + "`" + `, or list the operations.`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/*/virtualMachines/*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits",
		"https://github.com/MicrosoftDocs/azure-docs/issues/74428",
	},
	Analyzer: &analysis.Analyzer{Name: "multiple_wildcards"},
}, reportOps("RL202"), Load, Operations)
