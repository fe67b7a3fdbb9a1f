package rules

import "golang.org/x/tools/go/analysis"

// RL210 is reported from the Operations analyzer's verdicts (operations.go).
var RL210 = newRule(&Rule{
	ID:       "RL210",
	Title:    "Operation not in its documented case",
	Severity: Note,
	Category: BestPractice,
	Doc: `"Permission strings are case-insensitive. When you create your custom roles, the convention is to match
the case that you see for permissions in Azure resource provider operations." The role works; the documented
spelling is easier to search and review. Where the documentation and Microsoft's built-in roles spell an
operation differently (` + "`AvailabilityStatuses`" + ` and ` + "`availabilityStatuses`" + `), either spelling is accepted. ` + "`" + `--fix` + "`" + ` rewrites the string.`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["microsoft.compute/virtualmachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits",
	},
	Analyzer: &analysis.Analyzer{Name: "non_canonical_case"},
}, reportOps("RL210"), Load, Operations)
