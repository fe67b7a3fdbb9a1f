package rules

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// maxScopes is the documented limit of assignable scopes per custom role.
const maxScopes = 2000

// RL309 reports more than 2,000 assignable scopes.
var RL309 = newRule(&Rule{
	ID:       "RL309",
	Title:    "More than 2,000 assignable scopes",
	Severity: Error,
	Category: DeployError,
	Doc: `"Maximum number of ` + "`AssignableScopes`" + ` is 2,000." (custom role limits; the Azure
subscription limits table says the same: "Number of assignable scopes for Azure custom roles |
2,000"). A role with more is rejected.

A list that long usually names every resource group of a large estate. A role is assignable at
each listed scope and everywhere below it, so list the subscriptions instead of their resource
groups, or use the one management group that holds them.`,
	Bad: `{
  "Name": "App Reader",
  "Description": "Reads app resource groups.",
  "Actions": ["*/read"],
  "AssignableScopes": [` + manyScopes(maxScopes+1) + `
  ]
}`,
	Good: `{
  "Name": "App Reader",
  "Description": "Reads app resource groups.",
  "Actions": ["*/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits",
		"https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-rbac-limits"},
	Analyzer: &analysis.Analyzer{Name: "too_many_scopes"},
}, runRL309, Load)

// thousands writes n with a comma between thousands, as the docs do (2,000).
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// manyScopes lists n distinct subscription scopes, five to a line.
func manyScopes(n int) string {
	var b strings.Builder
	b.Grow(n * 62)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		if i%5 == 0 {
			b.WriteString("\n    ")
		} else {
			b.WriteString(" ")
		}
		// fmt.Fprintf(&b, "...%04d", i), without fmt: this builds the
		// rule's documented example of 2,001 scopes at every start-up.
		b.WriteString("\"/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f")
		d := strconv.Itoa(i)
		for range 4 - len(d) {
			b.WriteByte('0')
		}
		b.WriteString(d)
		b.WriteByte('"')
	}
	return b.String()
}

func runRL309(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		l := d.AssignableScopes
		if n := len(l.Items); n > maxScopes {
			r.Report("RL309", l.KeyOff, l.KeyEnd, fmt.Sprintf("%q has %s entries: a custom role can have at most 2,000 assignable scopes; list subscriptions or one management group instead of their resource groups", scopesKey(d), thousands(n)))
		}
	}
	return nil, nil
}
