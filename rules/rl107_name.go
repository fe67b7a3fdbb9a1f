package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// RL107 reports a role without a display name.
var RL107 = newRule(&Rule{
	ID:       "RL107",
	Title:    "Role name missing or blank",
	Severity: Error,
	Category: DeployError,
	Doc: `Every role needs a display name, unique in the tenant. The az CLI stops with
` + "`please provide role name`" + `, PowerShell with ` + "`InvalidRoleDefinitionName`" + `.

The flat files take it in ` + "`Name`" + `; REST bodies, ` + "`az role definition list`" + ` output and ARM
templates in ` + "`roleName`" + `. Note that in ` + "`az role definition list`" + ` output ` + "`name`" + ` is the GUID.`,
	Bad: `{
  "Name": "  ",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties"},
	Analyzer: &analysis.Analyzer{Name: "name_missing"},
}, runRL107, Load)

func runRL107(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		switch {
		case d.Name.Expr:
		case !d.Name.Present():
			off, end := opening(d)
			r.Report("RL107", off, end, fmt.Sprintf("role has no name: add %q", keyName(d, "name")))
		case strings.TrimSpace(d.Name.Value) == "":
			r.Str("RL107", d.Name, fmt.Sprintf("%q is blank: a role needs a display name", keyName(d, "name")))
		}
	}
	return nil, nil
}

// RL108 and RL109 enforce the documented lengths.
const (
	maxName        = 512
	maxDescription = 2048
)

var RL108 = newRule(&Rule{
	ID:       "RL108",
	Title:    "Role name longer than 512 characters",
	Severity: Error,
	Category: DeployError,
	Doc: `Azure limits a custom role's display name to 512 characters (it was 128 before 2020).
rolelint counts Unicode characters.`,
	Bad: `{
  "Name": "` + strings.Repeat("Very long role name ", 26) + `",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties",
		"https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-rbac-limits"},
	Analyzer: &analysis.Analyzer{Name: "name_too_long"},
}, runRL108, Load)

func runRL108(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		if n := utf8.RuneCountInString(d.Name.Value); !d.Name.Expr && n > maxName {
			r.Str("RL108", d.Name, fmt.Sprintf("role name is %d characters long; Azure allows at most %d", n, maxName))
		}
	}
	return nil, nil
}

var RL109 = newRule(&Rule{
	ID:       "RL109",
	Title:    "Description longer than 2048 characters",
	Severity: Error,
	Category: DeployError,
	Doc: `Azure limits a custom role's description to 2048 characters ("2 KB" in the limits table;
it was 1024 before 2020). Whether the limit counts characters or bytes is not documented:
rolelint counts Unicode characters and says so when multi-byte characters make the byte count
larger.`,
	Bad: `{
  "Name": "VM Reader",
  "Description": "` + strings.Repeat("Reads virtual machines. ", 90) + `",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties"},
	Analyzer: &analysis.Analyzer{Name: "description_too_long"},
}, runRL109, Load)

func runRL109(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		if n := utf8.RuneCountInString(d.Description.Value); !d.Description.Expr && n > maxDescription {
			msg := fmt.Sprintf("description is %d characters long; Azure allows at most %d", n, maxDescription)
			if b := len(d.Description.Value); b != n {
				msg += fmt.Sprintf(" (%d bytes in UTF-8)", b)
			}
			r.Str("RL109", d.Description, msg)
		}
	}
	return nil, nil
}
