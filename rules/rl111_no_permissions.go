package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL111 reports a role that grants nothing at all.
var RL111 = newRule(&Rule{
	ID:       "RL111",
	Title:    "Neither Actions nor DataActions",
	Severity: Error,
	Category: DeployError,
	Doc: `The role has no ` + "`Actions`" + ` and no ` + "`DataActions`" + `, so it grants nothing. PowerShell
rejects it (` + "`InvalidActions`" + `: Actions or DataActions must be non-empty). Whether ARM itself
rejects such a role through the az CLI or REST is not confirmed; either way it is useless.

A role with only ` + "`NotActions`" + ` is the common case: ` + "`NotActions`" + ` is subtracted from
` + "`Actions`" + `, it never denies anything (see RL402).`,
	Bad: `{
  "Name": "No Key Vault Deletes",
  "Description": "Meant to stop people deleting key vaults.",
  "Actions": [],
  "NotActions": ["Microsoft.KeyVault/vaults/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Key Vault Operator",
  "Description": "Manages key vaults but cannot delete them.",
  "Actions": ["Microsoft.KeyVault/vaults/*"],
  "NotActions": ["Microsoft.KeyVault/vaults/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://github.com/Azure/azure-powershell/blob/main/src/Resources/Resources/Models.Authorization/AuthorizationClient.cs"},
	Analyzer: &analysis.Analyzer{Name: "no_permissions"},
}, runRL111, Load)

func runRL111(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		if d.PermissionsExpr {
			continue
		}
		grants := false
		var first *role.List
		d.Lists(func(_ *role.Permission, k role.ListKind, l *role.List) {
			if k.Not() {
				return
			}
			if l.Expr || len(l.Items) > 0 {
				grants = true
			}
			if first == nil && l.Present() && l.Node != nil {
				first = l
			}
		})
		if grants {
			continue
		}
		off, end := opening(d)
		if first != nil {
			off, end = first.Node.Off, first.Node.End
		}
		r.Report("RL111", off, end, fmt.Sprintf("role %q grants nothing: Actions and DataActions are both empty", d.DisplayName()))
	}
	return nil, nil
}
