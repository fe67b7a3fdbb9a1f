package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL306 reports a placeholder left in an assignable scope.
var RL306 = newRule(&Rule{
	ID:       "RL306",
	Title:    "Placeholder in an assignable scope",
	Severity: Error,
	Category: DeployError,
	Doc: `The scope still holds a placeholder from a sample or a template that was never filled in:
` + "`/subscriptions/{subscriptionId}`" + `, ` + "`<subscription-id>`" + `, ` + "`$SUBSCRIPTION_ID`" + `, ` + "`${sub}`" + `,
` + "`$(subId)`" + `, ` + "`%SUB_ID%`" + `, ` + "`__subscriptionId__`" + `, ` + "`SUBSCRIPTION_ID`" + `, ` + "`your-resource-group`" + `,
` + "`enter-subscription-id-here`" + `, ` + "`xxxxxxxx-xxxx-...`" + `, or a GUID nobody was issued, such as
` + "`00000000-0000-0000-0000-000000000000`" + ` or ` + "`11111111-1111-1111-1111-111111111111`" + `. Neither
client substitutes anything, so the role is sent with the placeholder: a subscription that is
not a GUID, or a scope that does not exist, is rejected (the caller needs
` + "`roleDefinitions/write`" + ` on every scope).

Replace the placeholder with the real value, or generate the file from a template tool that
does. Names are only taken as placeholders when they clearly are one: a resource group called
` + "`rg-example`" + ` or ` + "`RG_PROD`" + ` is not reported. A scope with a placeholder gets this finding only,
not RL305 as well.

Azure does not check that a management group in ` + "`AssignableScopes`" + ` exists, so a placeholder
management group id made only of valid characters (` + "`YOUR_MG_ID`" + `) may be accepted, leaving a role
assignable nowhere it was meant to be.`,
	Bad: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/{subscriptionId}"]
}`,
	Good: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties",
		"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#assignablescopes"},
	Analyzer: &analysis.Analyzer{Name: "placeholder_scope"},
}, runRL306, Load)

func runRL306(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		for _, e := range r.scopeEntries(d) {
			if e.Class != classPlaceholder {
				continue
			}
			more := ""
			if e.More > 0 {
				more = fmt.Sprintf(" (and %d more)", e.More)
			}
			msg := fmt.Sprintf("scope %q still holds the placeholder %q%s: replace it with %s", e.Value, e.Placeholder, more, e.Want)
			if e.Placeholder == e.Value {
				msg = fmt.Sprintf("scope %q is a placeholder: replace it with %s", e.Value, e.Want)
			}
			r.Str("RL306", e.Str, msg)
		}
	}
	return nil, nil
}
