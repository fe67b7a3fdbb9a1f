package rules

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL506 reports a custom role with exactly a built-in role's permissions.
var RL506 = newRule(&Rule{
	ID:       "RL506",
	Title:    "Custom role with the same permissions as a built-in role",
	Severity: Note,
	Category: BestPractice,
	Doc: `The role's Actions, NotActions, DataActions and NotDataActions are those of a built-in role
(compared as sets, ignoring case, order and repeats). Built-in roles are maintained by Microsoft, gain new
operations as services change, exist in every tenant and cloud with the same id, and do not count against the
tenant's 5,000 custom roles. Assign the built-in role instead, unless the point of the copy is to freeze it.`,
	Bad: `{
  "Name": "Our Reader",
  "Description": "Read-only access for auditors.",
  "Actions": ["*/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Compute Reader",
  "Description": "Reads compute resources for auditors.",
  "Actions": ["Microsoft.Compute/*/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/built-in-roles",
		"https://learn.microsoft.com/azure/role-based-access-control/custom-roles"},
	Analyzer: &analysis.Analyzer{Name: "equals_builtin"},
}, runRL506, Load, Catalog)

func runRL506(pass *analysis.Pass) (any, error) {
	r := For(pass)
	cat := CatalogOf(pass)
	for _, d := range r.Defs {
		if !d.Custom || d.PermissionsExpr {
			continue
		}
		values := func(k role.ListKind) []string {
			var out []string
			for _, s := range d.Ops(k) {
				out = append(out, s.Value)
			}
			return out
		}
		a, na, da, nda := values(role.Actions), values(role.NotActions), values(role.DataActions), values(role.NotDataActions)
		if len(a)+len(da) == 0 {
			continue
		}
		same := cat.SamePermissions(a, na, da, nda)
		if len(same) == 0 || strings.EqualFold(same[0].Name, d.Name.Value) {
			continue // a built-in exported under its own name is RL705's
		}
		b := same[0]
		also := ""
		switch n := len(same) - 1; {
		case n == 1:
			also = fmt.Sprintf(" (as does %q)", same[1].Name)
		case n > 1:
			also = fmt.Sprintf(" (as do %d other built-in roles)", n)
		}
		off, end := d.Name.Off, d.Name.End
		if !d.Name.Present() {
			off, end = opening(d)
		}
		r.Report("RL506", off, end, fmt.Sprintf("role %q has exactly the permissions of the built-in role %q (%s)%s: assign the built-in role instead", d.DisplayName(), b.Name, b.ID, also))
	}
	return nil, nil
}
