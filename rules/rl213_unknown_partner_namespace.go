package rules

import "golang.org/x/tools/go/analysis"

// RL213 is reported from the Operations analyzer's verdicts (operations.go).
var RL213 = newRule(&Rule{
	ID:       "RL213",
	Title:    "Partner namespace not in the catalog",
	Severity: Note,
	Category: Correctness,
	Doc: `The namespace is not a ` + "`" + `Microsoft.` + "`" + ` one and is not in the catalog: most often an Azure Marketplace
partner provider (for example ` + "`" + `ArizeAi.ObservabilityEval` + "`" + ` or ` + "`" + `Astronomer.Astro` + "`" + `), which Microsoft's permission
reference does not list. rolelint cannot check it; add its operations with ` + "`" + `--catalog FILE` + "`" + ` to have them
checked.`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Operates virtual machines.",
  "Actions": ["Contoso.Widgets/organizations/read"],
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
	},
	Analyzer: &analysis.Analyzer{Name: "unknown_partner_namespace"},
}, reportOps("RL213"), Load, Operations)
