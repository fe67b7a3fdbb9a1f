package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL703 reports display names used by two custom roles of the set.
var RL703 = newRule(&Rule{
	ID:       "RL703",
	Title:    "Two custom roles with the same name",
	Severity: Error,
	Category: DeployError,
	Doc: `A custom role's display name must be unique in the Microsoft Entra tenant, and every file linted
together is taken to go to one tenant. ARM rejects the second role with
` + "`RoleDefinitionWithSameNameExists`" + ` ("A role definition cannot be updated with a name that already
exists.", even on create). That is CONFIRMED for names that are equal. rolelint also compares the
names ignoring case; whether ARM does is UNCONFIRMED, and the message says so for names that differ
only in case. Two roles in one file (an ` + "`az role definition list`" + ` array, a template) count as
much as two files.

Each later duplicate is reported once, at its name, with the first definition as the related
location ("first defined here"). Names that are unresolved template expressions are skipped. Two
definitions that also share their GUID are the same role written twice: RL704 reports them
instead. A typical cause is a copied file whose name was not changed, or a deterministic
` + "`guid(...)`" + ` id with a fixed ` + "`roleName`" + ` deployed to a second subscription.

What to do instead: give each role its own name (prefix it with the team or the scope), or keep one
definition and list every scope in its ` + "`AssignableScopes`" + `.`,
	Bad: `[
  {
    "name": "3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f",
    "roleName": "Virtual Machine Operator",
    "roleType": "CustomRole",
    "description": "Starts and restarts virtual machines.",
    "permissions": [{ "actions": ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/restart/action"] }],
    "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
  },
  {
    "name": "7d1a5b3c-9e2f-4a6b-8c0d-1e3f5a7b9c2d",
    "roleName": "Virtual Machine Operator",
    "roleType": "CustomRole",
    "description": "Deallocates virtual machines.",
    "permissions": [{ "actions": ["Microsoft.Compute/virtualMachines/deallocate/action"] }],
    "assignableScopes": ["/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"]
  }
]`,
	Good: `[
  {
    "name": "3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f",
    "roleName": "Virtual Machine Operator",
    "roleType": "CustomRole",
    "description": "Starts and restarts virtual machines.",
    "permissions": [{ "actions": ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/restart/action"] }],
    "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
  },
  {
    "name": "7d1a5b3c-9e2f-4a6b-8c0d-1e3f5a7b9c2d",
    "roleName": "Virtual Machine Deallocator",
    "roleType": "CustomRole",
    "description": "Deallocates virtual machines.",
    "permissions": [{ "actions": ["Microsoft.Compute/virtualMachines/deallocate/action"] }],
    "assignableScopes": ["/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"]
  }
]`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties",
		"https://github.com/MicrosoftDocs/azure-docs/issues/60446",
		"https://github.com/hashicorp/terraform-provider-azurerm/issues/10728",
		"https://github.com/Azure/ARO-RP/issues/1346"},
	Tenant:   true,
	Analyzer: &analysis.Analyzer{Name: "duplicate_role_name"},
}, runRL703, tenantSet)

func runRL703(pass *analysis.Pass) (any, error) {
	first := map[string]tenantRole{}
	for _, t := range tenantRoles(pass) {
		k := t.nameKey
		if k == "" {
			continue
		}
		f, ok := first[k]
		if !ok {
			first[k] = t
			continue
		}
		if g := t.guid; g != "" && g == f.guid {
			continue // the same role twice: RL704
		}
		var msg string
		if t.Name.Value == f.Name.Value {
			msg = fmt.Sprintf("role name %q is already used by the role at %s: display names are unique in a tenant, and ARM rejects the second role with RoleDefinitionWithSameNameExists",
				t.Name.Value, f.where(f.Name.Off))
		} else {
			msg = fmt.Sprintf("role name %q differs only in case from %q at %s: display names are unique in a tenant (whether ARM ignores case is unconfirmed; an equal name fails with RoleDefinitionWithSameNameExists)",
				t.Name.Value, f.Name.Value, f.where(f.Name.Off))
		}
		t.reporter(pass).Str("RL703", t.Name, msg, In(pass, f.file).Related(f.Name.Off, f.Name.End, "first defined here"))
	}
	return nil, nil
}

// RL704 reports GUIDs used by two custom definitions of the set.
var RL704 = newRule(&Rule{
	ID:       "RL704",
	Title:    "Two custom roles with the same id",
	Severity: Error,
	Category: DeployError,
	Doc: `Two definitions carry the same role id (GUID). A role definition is a resource named by its GUID,
and the REST PUT is create-or-update by that GUID, so deploying both does not create two roles:
the later one overwrites the earlier (what ARM answers when the two also differ in their assignable
scopes is UNCONFIRMED). It happens when
a file is copied to start a new role and its ` + "`Id`" + `/` + "`name`" + ` is kept, or when one role is written
twice (a template and an ` + "`az role definition list`" + ` export of it): keep one of them.

The id is compared as a GUID, ignoring case, and the GUID at the end of a full
` + "`/providers/Microsoft.Authorization/roleDefinitions/{guid}`" + ` resource id counts too. Missing and
empty ids, ids that are not GUIDs (RL110) and unresolved template expressions such as
` + "`[guid(...)]`" + ` are skipped. Each later duplicate is reported once, at its id, with the first as the
related location. Note that ` + "`az role definition create`" + ` ignores any ` + "`Id`" + ` in the file and makes a
new GUID; updates (` + "`az role definition update`" + `, ` + "`Set-AzRoleDefinition`" + `), REST bodies, ARM templates
and Terraform use it.

What to do instead: give each new role a new GUID (or leave ` + "`Id`" + ` out and let the client make
one; in templates use ` + "`guid(...)`" + ` with the role name among its arguments).`,
	Bad: `[
  {
    "name": "3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f",
    "roleName": "Network Reader Plus",
    "roleType": "CustomRole",
    "description": "Reads networks.",
    "permissions": [{ "actions": ["Microsoft.Network/*/read"] }],
    "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
  },
  {
    "name": "3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f",
    "roleName": "Network Watcher Operator",
    "roleType": "CustomRole",
    "description": "Runs Network Watcher diagnostics.",
    "permissions": [{ "actions": ["Microsoft.Network/networkWatchers/ipFlowVerify/action"] }],
    "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
  }
]`,
	Good: `[
  {
    "name": "3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f",
    "roleName": "Network Reader Plus",
    "roleType": "CustomRole",
    "description": "Reads networks.",
    "permissions": [{ "actions": ["Microsoft.Network/*/read"] }],
    "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
  },
  {
    "name": "5b8d0f2a-4c6e-4a1b-9d3f-7e5c1a9b3d6f",
    "roleName": "Network Watcher Operator",
    "roleType": "CustomRole",
    "description": "Runs Network Watcher diagnostics.",
    "permissions": [{ "actions": ["Microsoft.Network/networkWatchers/ipFlowVerify/action"] }],
    "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
  }
]`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles-rest#create-a-custom-role",
		"https://learn.microsoft.com/rest/api/authorization/role-definitions/create-or-update"},
	Tenant:   true,
	Analyzer: &analysis.Analyzer{Name: "duplicate_role_id"},
}, runRL704, tenantSet)

func runRL704(pass *analysis.Pass) (any, error) {
	first := map[string]tenantRole{}
	for _, t := range tenantRoles(pass) {
		g := t.guid
		if g == "" {
			continue
		}
		f, ok := first[g]
		if !ok {
			first[g] = t
			continue
		}
		msg := fmt.Sprintf("role id %s is also the id of %s at %s: a role definition is created or updated by its GUID, so one of the two overwrites the other; give this role a new GUID",
			g, tenantRoleLabel(f), f.where(f.ID.Off))
		if t.nameKey != "" && t.nameKey == f.nameKey {
			msg = fmt.Sprintf("role id %s and name %q are also those of the role at %s: the same role is written twice; keep one of them",
				g, t.Name.Value, f.where(f.ID.Off))
		}
		t.reporter(pass).Str("RL704", t.ID, msg, In(pass, f.file).Related(f.ID.Off, f.ID.End, "first defined here"))
	}
	return nil, nil
}

// tenantRoleLabel names a role in a message: `role "X"`, or `a role` when it has
// no literal name.
func tenantRoleLabel(t tenantRole) string {
	if t.nameKey == "" {
		return "a role"
	}
	return fmt.Sprintf("role %q", t.Name.Value)
}
