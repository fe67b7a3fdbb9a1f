package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL112 reports a definition that says it is not a custom role.
var RL112 = newRule(&Rule{
	ID:       "RL112",
	Title:    "Definition is not marked as a custom role",
	Severity: Warning,
	Category: Correctness,
	Doc: `The file says the role is built in (` + "`\"IsCustom\": false`" + ` or ` + "`\"type\": \"BuiltInRole\"`" + `).
This is usually a built-in role exported with ` + "`Get-AzRoleDefinition | ConvertTo-Json`" + ` or
` + "`az role definition list`" + ` and kept as the start of a custom role. The clients always create a
custom role and ignore the flag, so the file does not say what will happen; and a built-in
role's name and id are taken (see RL703).`,
	Bad: `{
  "Name": "Reader (copy)",
  "IsCustom": false,
  "Description": "View all resources.",
  "Actions": ["*/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Reader (copy)",
  "IsCustom": true,
  "Description": "View all resources.",
  "Actions": ["*/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties"},
	Analyzer: &analysis.Analyzer{Name: "not_custom_role"},
}, runRL112, Load)

func runRL112(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		if !d.Custom {
			r.Str("RL112", d.RoleType, fmt.Sprintf("role %q is marked as a built-in role (%s); custom roles are always created as CustomRole", d.DisplayName(), d.RoleType.Value))
		}
	}
	return nil, nil
}

// RL113 reports ABAC conditions written on a role definition.
var RL113 = newRule(&Rule{
	ID:       "RL113",
	Title:    "Condition on a role definition",
	Severity: Warning,
	Category: Correctness,
	Doc: `ABAC conditions belong on role **assignments**. On role definitions the REST schema marks
` + "`condition`" + ` and ` + "`conditionVersion`" + ` read-only (only built-in roles carry them), the az CLI drops
them, Terraform has no field for them, and whether ARM accepts them on a custom role is not
confirmed. Put the condition on the role assignment instead.`,
	Bad: `{
  "Name": "Blob Reader (tagged)",
  "Description": "Reads blobs tagged Project=Cascade.",
  "Permissions": [{
    "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
    "Condition": "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>] StringEquals 'Cascade'",
    "ConditionVersion": "2.0"
  }],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Blob Reader",
  "Description": "Reads blobs; the tag condition is on the assignment.",
  "Permissions": [{
    "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]
  }],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/templates/microsoft.authorization/2022-05-01-preview/roledefinitions",
		"https://learn.microsoft.com/azure/role-based-access-control/conditions-overview"},
	Analyzer: &analysis.Analyzer{Name: "condition_on_definition"},
}, runRL113, Load)

func runRL113(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		for _, p := range d.Permissions {
			if p.Condition.Present() && p.Condition.Value != "" {
				r.Str("RL113", p.Condition, "condition on a role definition: the az CLI drops it and ARM treats it as read-only; put the condition on the role assignment")
			}
		}
	}
	return nil, nil
}
