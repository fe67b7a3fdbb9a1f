package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL308 reports an assignable scope that is a single resource.
var RL308 = newRule(&Rule{
	ID:       "RL308",
	Title:    "Resource-level assignable scope",
	Severity: Note,
	Category: BestPractice,
	Doc: `The scope is a single resource (deeper than a resource group). Azure accepts it, but
Microsoft advises against it: "Although it's possible to create a custom role with a resource
instance in ` + "`AssignableScopes`" + ` using the command line, it's not recommended. Each tenant
supports a maximum of 5000 custom roles." Roles made per resource multiply quickly and use up
that tenant-wide limit, and the role disappears from use when the resource is deleted and
re-created.

A role's assignable scopes only say where it may be assigned; the access it grants is decided
by the assignment. So make the role assignable at the resource group (or subscription) and
assign it at the resource.`,
	Bad: `{
  "Name": "ACS SMTP Sender",
  "Description": "Sends email over SMTP with Azure Communication Services.",
  "Actions": ["Microsoft.Communication/CommunicationServices/Read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-messaging/providers/Microsoft.Communication/CommunicationServices/acs-mail"]
}`,
	Good: `{
  "Name": "ACS SMTP Sender",
  "Description": "Sends email over SMTP with Azure Communication Services.",
  "Actions": ["Microsoft.Communication/CommunicationServices/Read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-messaging"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits",
		"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#assignablescopes"},
	Analyzer: &analysis.Analyzer{Name: "resource_scope"},
}, runRL308, Load)

func runRL308(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		for _, e := range r.scopeEntries(d) {
			if e.Class != classValid || e.Scope.Kind != ScopeResource {
				continue
			}
			r.Str("RL308", e.Str, fmt.Sprintf("scope %q is a single resource (%s/%s %q): allowed but not recommended, as per-resource roles use up the tenant's 5,000 custom roles; make the role assignable at the resource group %q and assign it at the resource",
				e.Value, e.Scope.Provider, e.Scope.ResourceType, e.Scope.ResourceName, e.Scope.ResourceGroup))
		}
	}
	return nil, nil
}
