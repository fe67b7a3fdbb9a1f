package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL310 reports a scope listed twice.
var RL310 = newRule(&Rule{
	ID:       "RL310",
	Title:    "Duplicate assignable scope",
	Severity: Note,
	Category: BestPractice,
	Doc: `The same scope is listed more than once. Azure compares resource ids ignoring case, and
the clients trim a trailing "/", so ` + "`/subscriptions/6f3d.../resourceGroups/RG-App`" + ` and
` + "`/subscriptions/6f3d.../resourcegroups/rg-app/`" + ` are the same scope. The copy adds nothing
and counts toward the limit of 2,000 scopes; it is often a sign that a scope meant to be
different (another subscription, another resource group) was pasted and not edited.

` + "`--fix`" + ` removes the later copy; the finding points back at the first.`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Starts and restarts virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/restart/action"],
  "AssignableScopes": [
    "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-app",
    "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourcegroups/RG-APP"
  ]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Starts and restarts virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/restart/action"],
  "AssignableScopes": [
    "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-app",
    "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-data"
  ]
}`,
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#assignablescopes"},
	Analyzer: &analysis.Analyzer{Name: "duplicate_scope"},
}, runRL310, Load)

func runRL310(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		for _, dup := range r.duplicateScopes(d) {
			e, first := dup[0], dup[1]
			msg := fmt.Sprintf("scope %q is already listed", e.Value)
			if e.Value != first.Value {
				msg = fmt.Sprintf("scope %q is the same as %q, listed before it", e.Value, first.Value)
			}
			var fixes []analysis.SuggestedFix
			if i := elemIndex(d.AssignableScopes.Node, e.Off); i >= 0 {
				fixes = []analysis.SuggestedFix{{
					Message:   fmt.Sprintf("remove the duplicate scope %q", e.Value),
					TextEdits: []analysis.TextEdit{r.RemoveElement(d.AssignableScopes.Node, i)},
				}}
			}
			r.ReportFix("RL310", e.Off, e.End, msg+": remove the copy", fixes, r.Related(first.Off, first.End, "first listed here"))
		}
	}
	return nil, nil
}
