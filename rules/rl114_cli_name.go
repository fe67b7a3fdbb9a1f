package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL114 catches the az CLI's name trap with `az role definition list`
// output (azure-rules.md 1a, step 3): on create the CLI takes the display
// name from "name" and ignores "roleName".
var RL114 = newRule(&Rule{
	ID:       "RL114",
	Title:    "az role definition create would name the role differently",
	Severity: Warning,
	Category: Correctness,
	Doc: `A file in the shape ` + "`az role definition list`" + ` prints has both ` + "`name`" + ` and ` + "`roleName`" + `. In
that output ` + "`name`" + ` is the role's GUID and ` + "`roleName`" + ` its display name, but
` + "`az role definition create --role-definition @file`" + ` takes the display name from ` + "`name`" + ` and ignores
` + "`roleName`" + `: the role is created as "3c9e2f4a-..." or under a name other than the one in ` + "`roleName`" + `.
(On update with a full ` + "`id`" + ` the CLI reads ` + "`roleName`" + `, so output that keeps its ` + "`id`" + ` is fine.)
Write the display name in ` + "`name`" + ` (or use the flat ` + "`Name`" + ` shape) and drop ` + "`roleName`" + `.`,
	Bad: `{
  "name": "Network Reader Plus",
  "roleName": "Network Reader",
  "description": "Reads networks.",
  "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"],
  "permissions": [{ "actions": ["Microsoft.Network/*/read"] }]
}`,
	Good: `{
  "name": "Network Reader Plus",
  "description": "Reads networks.",
  "assignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"],
  "permissions": [{ "actions": ["Microsoft.Network/*/read"] }]
}`,
	Sources:  []string{"https://github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/role/custom.py"},
	Analyzer: &analysis.Analyzer{Name: "cli_name"},
}, runRL114, Load)

func runRL114(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		if d.Shape != role.ShapeREST || d.Root != d.Node {
			continue
		}
		roleName := d.Node.MemberFold("roleName")
		if roleName == nil || roleName.Value.Kind != role.String {
			continue
		}
		switch {
		case d.CLIName.Present() && d.CLIName.Value != roleName.Value.Str:
			r.Str("RL114", d.CLIName, fmt.Sprintf("az role definition create names this role %q (from \"name\") and ignores \"roleName\" %q", d.CLIName.Value, roleName.Value.Str),
				r.Related(roleName.Value.Off, roleName.Value.End, "ignored on create"))
		case !d.CLIName.Present() && d.ID.Present() && IsGUID(d.ID.Value) && d.Node.MemberFold("id") == nil:
			r.Str("RL114", d.ID, fmt.Sprintf("az role definition create would name this role %q (the GUID in \"name\"), not %q: it reads \"roleName\" only on update with an \"id\"", d.ID.Value, roleName.Value.Str),
				r.Related(roleName.Value.Off, roleName.Value.End, "ignored on create"))
		}
	}
	return nil, nil
}
