package rules

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL404 reports a role whose name or description promises a deny while it
// relies on NotActions, which never denies anything.
var RL404 = newRule(&Rule{
	ID:       "RL404",
	Title:    "Role promises a deny but relies on NotActions",
	Severity: Warning,
	Category: Correctness,
	Doc: `The role's name or description says it denies, prevents or blocks something ("cannot delete",
"read-only", "no deletes", "never"), and the role has NotActions or NotDataActions. But NotActions is not a
deny rule: it only subtracts from this role's own Actions. "If a user is assigned a role that excludes an
action in NotActions, and is assigned a second role that grants access to the same action, the user is
allowed to perform that action." Anyone who also holds Contributor, Owner or any other role can still do
what this role claims to prevent.

To really deny an operation, use a deny assignment (deployment stacks create them with deny settings) or an
Azure Policy ` + "`deny`" + ` / ` + "`denyAction`" + ` effect, or a resource lock. If the role only narrows its own grant,
say so in its description ("everything in X except delete").`,
	Bad: `{
  "Name": "Key Vault Operator (no deletes)",
  "Description": "Manages key vaults; users cannot delete them.",
  "Actions": ["Microsoft.KeyVault/vaults/*"],
  "NotActions": ["Microsoft.KeyVault/vaults/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Key Vault Operator",
  "Description": "Manages key vaults; this role itself does not grant delete.",
  "Actions": ["Microsoft.KeyVault/vaults/*"],
  "NotActions": ["Microsoft.KeyVault/vaults/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#notactions",
		"https://learn.microsoft.com/azure/role-based-access-control/deny-assignments",
		"https://learn.microsoft.com/azure/azure-resource-manager/bicep/deployment-stacks#protect-managed-resources"},
	Analyzer: &analysis.Analyzer{Name: "notactions_as_deny"},
}, runRL404, Load)

// denyWords are English phrasings of a promise that something is forbidden.
var denyWords = regexp.MustCompile(`(?i)\b(deny|denies|denied|prevents?|preventing|cannot|can't|can ?not|not (be )?allow(ed)?|disallow\w*|forbid\w*|prohibit\w*|read-?only|never|stops?|must not|may not|blocks? (\w+ )?(access|delet\w*|users?|people|changes?|writes?)|no (\w+ ){0,3}(delet\w*|writes?|changes?|modifications?)|non-?delet\w*|undeletable)\b`)

func runRL404(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		var nots []role.Str
		d.Lists(func(_ *role.Permission, k role.ListKind, l *role.List) {
			if k.Not() {
				nots = append(nots, l.Items...)
			}
		})
		if len(nots) == 0 {
			continue
		}
		promise, where := role.Str{}, ""
		for _, s := range []role.Str{d.Name, d.Description} {
			if m := denyWords.FindString(s.Value); m != "" && !s.Expr {
				promise, where = s, m
				break
			}
		}
		if !promise.Present() {
			continue
		}
		var rel []analysis.RelatedInformation
		var names []string
		for _, n := range nots {
			rel = append(rel, r.Related(n.Off, n.End, "NotActions only subtracts this from the role's own grants"))
			names = append(names, n.Value)
		}
		// Point at the Actions entries whose grants the NotActions narrow.
		d.Lists(func(_ *role.Permission, k role.ListKind, l *role.List) {
			if k.Not() {
				return
			}
			for _, a := range l.Items {
				for _, n := range nots {
					if overlaps(a.Value, n.Value) {
						rel = append(rel, r.Related(a.Off, a.End, "granted here; another role assignment can grant it too"))
						break
					}
				}
			}
		})
		r.Report("RL404", promise.Off, promise.End, fmt.Sprintf(
			"role %q promises a deny (%q), but it relies on NotActions (%s), which only subtract from this role: any other role assignment still grants them. Use a deny assignment or Azure Policy to deny",
			d.DisplayName(), where, strings.Join(names, ", ")), rel...)
	}
	return nil, nil
}

// overlaps reports whether two patterns can match a common string, in the
// cases that matter here: one matches the other as written.
func overlaps(a, b string) bool {
	return catalogMatch(a, b) || catalogMatch(b, a)
}
