package rules

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/catalog"
)

// RL705 reports custom roles that carry the name or the id of a built-in role.
var RL705 = newRule(&Rule{
	ID:       "RL705",
	Title:    "Custom role with the name or id of a built-in role",
	Severity: Warning,
	Category: Correctness,
	Doc: `The custom role's display name (compared ignoring case) or its GUID is that of a built-in role.
This is typically a built-in role exported with ` + "`Get-AzRoleDefinition 'Reader' | ConvertTo-Json`" + ` (or
` + "`az role definition list --name Reader`" + `) as the start of a custom role, edited, and not renamed or
given a new id.

What Azure does is UNCONFIRMED: display names are unique in the tenant and built-in roles are
visible in every tenant, so a custom role named "Reader" most likely fails with
` + "`RoleDefinitionWithSameNameExists`" + `, and a PUT with a built-in role's GUID most likely fails as
well; no source confirms either. For that reason this is a warning, not an error. Even if Azure
took it, two roles named "Reader" in the portal, in ` + "`az role assignment create --role Reader`" + ` and in
audit logs would be a trap.

Built-in roles come from rolelint's catalog; a definition that still says it is built-in
(` + "`\"IsCustom\": false`" + `, ` + "`\"roleType\": \"BuiltInRole\"`" + `) is RL112's, not this rule's.

What to do instead: give the role a name of its own (for example "Contoso Reader") and remove the
` + "`Id`" + ` (or use a new GUID), so that a new role is created.`,
	Bad: `{
  "Name": "Reader",
  "Id": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "IsCustom": true,
  "Description": "View all resources, but does not allow you to make any changes.",
  "Actions": ["*/read"],
  "NotActions": [],
  "DataActions": [],
  "NotDataActions": [],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Contoso Reader",
  "IsCustom": true,
  "Description": "View all resources, but does not allow you to make any changes.",
  "Actions": ["*/read"],
  "NotActions": [],
  "DataActions": [],
  "NotDataActions": [],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/built-in-roles",
		"https://learn.microsoft.com/azure/role-based-access-control/custom-roles-powershell#create-a-custom-role",
		"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties"},
	Tenant:   true,
	Analyzer: &analysis.Analyzer{Name: "builtin_role_clash"},
}, runRL705, tenantSet, Catalog)

func runRL705(pass *analysis.Pass) (any, error) {
	cat := CatalogOf(pass)
	const hint = "a built-in role exported with Get-AzRoleDefinition and not renamed? ARM most likely rejects it (unconfirmed)"
	for _, t := range tenantRoles(pass) {
		var byName, byID *catalog.BuiltinRole
		if t.nameKey != "" {
			if b, ok := cat.Builtin(t.Name.Value); ok && strings.EqualFold(b.Name, t.Name.Value) {
				byName = &b
			}
		}
		g := t.guid
		if g != "" {
			if b, ok := cat.Builtin(g); ok && strings.EqualFold(b.ID, g) {
				byID = &b
			}
		}
		r := t.reporter(pass)
		switch {
		case byName != nil && byID != nil && byName.Name == byID.Name:
			r.Str("RL705", t.Name, fmt.Sprintf("role name %q and id %s are those of the built-in role %q: %s; give the custom role its own name and a new id",
				t.Name.Value, g, byName.Name, hint), r.Related(t.ID.Off, t.ID.End, "the built-in role's id"))
			continue
		case byName != nil:
			r.Str("RL705", t.Name, fmt.Sprintf("role name %q is the name of the built-in role %q (%s): %s; give the custom role its own name",
				t.Name.Value, byName.Name, byName.ID, hint))
		}
		if byID != nil {
			r.Str("RL705", t.ID, fmt.Sprintf("role id %s is the id of the built-in role %q: %s; give the custom role a new id",
				g, byID.Name, hint))
		}
	}
	return nil, nil
}
