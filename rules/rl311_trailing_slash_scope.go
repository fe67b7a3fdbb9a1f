package rules

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// RL311 reports a scope written with a trailing "/".
var RL311 = newRule(&Rule{
	ID:       "RL311",
	Title:    "Assignable scope ends with a slash",
	Severity: Note,
	Category: BestPractice,
	Doc: `The scope ends with "/". The clients tolerate it (PowerShell trims it "to keep it consistent
with REST and CLI"), but it is not the resource id Azure returns, so the file no longer
matches what ` + "`az role definition list`" + ` shows, and tools that compare scopes as text see two
different scopes.

` + "`--fix`" + ` removes the slash.`,
	Bad: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/"]
}`,
	Good: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#assignablescopes",
		"https://github.com/Azure/azure-powershell/blob/main/src/Resources/Resources/Models.Authorization/AuthorizationClient.cs"},
	Analyzer: &analysis.Analyzer{Name: "trailing_slash_scope"},
}, runRL311, Load)

func runRL311(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range scopeDefs(r) {
		// A copy of an earlier scope is RL310's to remove; rewriting it too
		// would give two fixes of the same bytes.
		dup := map[int]bool{}
		for _, p := range r.duplicateScopes(d) {
			dup[p[0].Off] = true
		}
		for _, e := range r.scopeEntries(d) {
			if e.Class != classValid || !e.Scope.TrailingSlash || dup[e.Off] {
				continue
			}
			want := strings.TrimSuffix(e.Value, "/")
			fix := analysis.SuggestedFix{
				Message:   fmt.Sprintf("write %q", want),
				TextEdits: []analysis.TextEdit{r.Replace(e.Str, want)},
			}
			r.ReportFix("RL311", e.Off, e.End, fmt.Sprintf("scope %q ends with \"/\": write %q, the resource id as Azure returns it", e.Value, want), []analysis.SuggestedFix{fix})
		}
	}
	return nil, nil
}
