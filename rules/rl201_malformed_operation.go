package rules

import "golang.org/x/tools/go/analysis"

// RL201 is reported from the Operations analyzer's verdicts (operations.go).
var RL201 = newRule(&Rule{
	ID:       "RL201",
	Title:    "Malformed operation string",
	Severity: Error,
	Category: DeployError,
	Doc: `An operation string must have the form ` + "`" + `{Namespace.Provider}/{resourceType}/.../{action}` + "`" + `, such as
` + "`" + `Microsoft.Compute/virtualMachines/start/action` + "`" + `, or be ` + "`" + `*` + "`" + ` or ` + "`" + `*/{verb}` + "`" + `. Strings that are empty, contain
spaces, have no ` + "`" + `/` + "`" + `, start or end with ` + "`" + `/` + "`" + `, have an empty segment or a provider namespace without a ` + "`" + `.` + "`" + ` can
never match an operation, and Azure rejects the whole role (` + "`" + `InvalidActionOrNotAction` + "`" + `).`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/start/action ", "Microsoft.Compute"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions-format",
	},
	Analyzer: &analysis.Analyzer{Name: "malformed_operation"},
}, reportOps("RL201"), Load, Operations)
