package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL305 reports an assignable scope that is not a scope id.
var RL305 = newRule(&Rule{
	ID:       "RL305",
	Title:    "Malformed assignable scope",
	Severity: Error,
	Category: DeployError,
	Doc: `An assignable scope is the resource id of a management group, a subscription, a resource
group or (not recommended, RL308) a resource:

- ` + "`/providers/Microsoft.Management/managementGroups/{groupId}`" + `
- ` + "`/subscriptions/{subscriptionId}`" + `, where the subscription ID is a GUID, not the subscription's name
- ` + "`/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}`" + `
- ` + "`/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/{Namespace.Provider}/{type}/{name}`" + `, with further ` + "`{type}/{name}`" + ` pairs for child resources

Anything else is rejected: PowerShell checks this grammar before it sends the role (the id
must start with "/", have no empty segment and an even number of segments, start with
` + "`subscriptions`" + ` or ` + "`providers`" + `, have ` + "`resourceGroups`" + ` third and ` + "`providers`" + ` fifth), and Azure
cannot find a scope that is not a resource id. Keywords compare ignoring case, and a single
trailing "/" is tolerated (RL311). A resource directly under a subscription
(` + "`/subscriptions/{id}/providers/...`" + `) fails PowerShell's check; whether ARM itself accepts it
is not confirmed.

Common mistakes are a missing leading "/", a bare subscription GUID, a subscription name where
the GUID belongs, a resource group path cut short (` + "`.../resourceGroups`" + `), a provider path with no
resource (` + "`/providers/Microsoft.Insights`" + `), and an ARM template expression such as
` + "`[subscription().id]`" + ` in a file for the az CLI or PowerShell, which never evaluate it. The message
says what was expected. Placeholders are reported by RL306, "/" by RL302 and wildcards by
RL303; template expressions in ARM templates are not checked.`,
	Bad: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups"]
}`,
	Good: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-compute"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#assignablescopes",
		"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties",
		"https://github.com/Azure/azure-powershell/blob/main/src/Resources/Resources/Models.Authorization/AuthorizationClient.cs"},
	Analyzer: &analysis.Analyzer{Name: "malformed_scope"},
}, runRL305, Load)

func runRL305(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		for _, e := range r.scopeEntries(d) {
			if e.Class != classMalformed {
				continue
			}
			msg := fmt.Sprintf("malformed scope %q: %s", e.Value, e.Scope.Problem)
			switch {
			case role.IsExpression(e.Value) && d.Shape != role.ShapeARM:
				msg = fmt.Sprintf("scope %q is an ARM template expression, but this is not an ARM template: the az CLI and PowerShell send it as written; write the scope itself, such as %s", e.Value, subscriptionForm)
			case role.IsExpression(e.Value):
				// "[[...]" in a template is the literal "[...]".
				msg = fmt.Sprintf("malformed scope %q: it does not start with \"/\" (\"[[\" in a template writes a literal \"[\"): expected %s or %s", e.Value, subscriptionForm, mgForm)
			}
			r.Str("RL305", e.Str, msg)
		}
	}
	return nil, nil
}
