package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL501 reports "*" in Actions: every operation of every provider, now and
// in the future.
var RL501 = newRule(&Rule{
	ID:               "RL501",
	Title:            "Actions grants every operation (*)",
	Severity:         Warning,
	Category:         Security,
	SecuritySeverity: "9.0",
	Doc: `` + "`\"*\"`" + ` in Actions grants every control-plane operation of every provider, "including actions
defined in the future": with ` + "`Microsoft.Authorization/*`" + ` it is Owner. CIS Microsoft Azure Foundations
2.23 ("Ensure That No Custom Subscription Administrator Roles Exist") and checkov CKV_AZURE_39 flag such
custom roles. "It's recommended that you specify Actions and DataActions explicitly instead of using the
wildcard (*) character." List the operations the role needs, or use a built-in role.`,
	Bad: `{
  "Name": "Platform Admin",
  "Description": "Manages everything.",
  "Actions": ["*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Compute Admin",
  "Description": "Manages virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions",
		"https://learn.microsoft.com/azure/role-based-access-control/custom-roles",
		"https://www.tenable.com/audits/items/CIS_Microsoft_Azure_Foundations_v3.0.0_L1.audit"},
	Analyzer: &analysis.Analyzer{Name: "wildcard_actions"},
}, runRL501, Load)

func runRL501(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		for _, a := range d.Ops(role.Actions) {
			if a.Value == "*" && !a.Expr {
				r.Str("RL501", a, fmt.Sprintf("role %q grants \"*\": every operation of every provider, including ones added in the future; list the operations it needs", d.DisplayName()))
			}
		}
	}
	return nil, nil
}
