package rules

import (
	"fmt"
	"regexp"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsGUID reports whether s is a GUID in its 8-4-4-4-12 form: what guidRE
// matches, without the regular expression (it runs on every scope segment).
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// RL110 reports a role id that is not a GUID where the shape requires one.
var RL110 = newRule(&Rule{
	ID:       "RL110",
	Title:    "Role id is not a GUID",
	Severity: Error,
	Category: DeployError,
	Doc: `A role definition's id is the last segment of its resource id and must be a GUID. In an
ARM template this is the resource's ` + "`name`" + ` (use ` + "`[guid(...)]`" + `, which rolelint recognises as an
expression); in REST bodies and ` + "`az role definition list`" + ` output it is ` + "`name`" + `; in PowerShell
files it is ` + "`Id`" + ` (leave it out or ` + "`null`" + ` to create a new role). ARM rejects other values with
a 400 error, and Terraform sends ` + "`role_definition_id`" + ` unchecked.`,
	Bad: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [{
    "type": "Microsoft.Authorization/roleDefinitions",
    "apiVersion": "2022-04-01",
    "name": "vm-reader",
    "properties": {
      "roleName": "VM Reader",
      "description": "Reads virtual machines.",
      "type": "CustomRole",
      "permissions": [{ "actions": ["Microsoft.Compute/virtualMachines/read"] }],
      "assignableScopes": ["[subscription().id]"]
    }
  }]
}`,
	Good: `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [{
    "type": "Microsoft.Authorization/roleDefinitions",
    "apiVersion": "2022-04-01",
    "name": "[guid(subscription().id, 'VM Reader')]",
    "properties": {
      "roleName": "VM Reader",
      "description": "Reads virtual machines.",
      "type": "CustomRole",
      "permissions": [{ "actions": ["Microsoft.Compute/virtualMachines/read"] }],
      "assignableScopes": ["[subscription().id]"]
    }
  }]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles-rest#create-a-custom-role",
		"https://github.com/pulumi/pulumi-azure-native/issues/625"},
	Analyzer: &analysis.Analyzer{Name: "id_not_guid"},
}, runRL110, Load)

func runRL110(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		id := d.ID
		if !id.Present() || id.Expr || id.Value == "" || IsGUID(id.Value) {
			continue
		}
		if d.Shape == role.ShapeFlat || d.Shape == role.ShapePermissions {
			// PowerShell's Id may also be the full resource id of an existing role.
			if m := resourceIDGUID.FindStringSubmatch(id.Value); m != nil {
				continue
			}
		}
		r.Str("RL110", id, fmt.Sprintf("role id %q in %q is not a GUID (format 00000000-0000-0000-0000-000000000000)", id.Value, keyName(d, "id")))
	}
	return nil, nil
}

var resourceIDGUID = regexp.MustCompile(`(?i)/providers/Microsoft\.Authorization/roleDefinitions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
