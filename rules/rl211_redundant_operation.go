package rules

import "golang.org/x/tools/go/analysis"

// RL211 is reported from the Operations analyzer's verdicts (operations.go).
var RL211 = newRule(&Rule{
	ID:       "RL211",
	Title:    "Duplicate or already-covered operation",
	Severity: Note,
	Category: BestPractice,
	Doc: `The operation is listed twice in the same list (compared ignoring case), or a wildcard in the same list
already covers it. Either way the entry adds nothing and makes the role harder to review. ` + "`" + `--fix` + "`" + ` removes exact
duplicates.`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/*", "Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/*", "Microsoft.Network/networkInterfaces/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/azure/role-based-access-control/custom-roles",
	},
	Analyzer: &analysis.Analyzer{Name: "redundant_operation"},
}, reportOps("RL211"), Load, Operations)
