package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/catalog"
	"github.com/rolelint/rolelint/role"
)

// RL401 reports NotActions entries that remove nothing from the role's own
// Actions: the author believes they deny something, and they do nothing.
var RL401 = newRule(&Rule{
	ID:       "RL401",
	Title:    "NotActions entry that subtracts nothing",
	Severity: Warning,
	Category: Correctness,
	Doc: `"` + "`Actions - NotActions = Effective control plane permissions`" + `": NotActions (and
NotDataActions) only subtract from the same role's Actions (DataActions). An entry that no Actions entry
grants, after wildcard expansion against the catalog, subtracts nothing and has no effect at all.

NotActions is not a deny: "If a user is assigned a role that excludes an action in NotActions, and is
assigned a second role that grants access to the same action, the user is allowed to perform that action."
To really forbid an operation use a deny assignment (created by a deployment stack's deny settings) or an
Azure Policy ` + "`deny`" + ` effect; to narrow this role, remove the entry.`,
	Bad: `{
  "Name": "Storage Reader",
  "Description": "Reads storage accounts.",
  "Actions": ["Microsoft.Storage/storageAccounts/read"],
  "NotActions": ["Microsoft.KeyVault/vaults/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Storage Operator",
  "Description": "Manages storage accounts except deleting them.",
  "Actions": ["Microsoft.Storage/storageAccounts/*"],
  "NotActions": ["Microsoft.Storage/storageAccounts/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#notactions",
		"https://learn.microsoft.com/azure/role-based-access-control/deny-assignments"},
	Analyzer: &analysis.Analyzer{Name: "notactions_subtract_nothing"},
}, runRL401, Load, Catalog)

func runRL401(pass *analysis.Pass) (any, error) {
	r := For(pass)
	cat := CatalogOf(pass)
	for _, d := range r.Defs {
		for i := range d.Permissions {
			p := &d.Permissions[i]
			for _, data := range []bool{false, true} {
				if len(p.List(notKind(data)).Items) == 0 {
					continue // nothing to check (and no need to sort the lists)
				}
				allow, deny := lists(p, data)
				if len(allow) == 0 || p.List(allowKind(data)).Expr {
					continue // RL402 reports a Not list with nothing to subtract from
				}
				for _, n := range deny {
					if n.Expr || subtracts(cat, allow, n.Value, data) || wrongPlaneOnly(cat, n.Value, data) {
						continue
					}
					r.Str("RL401", n, fmt.Sprintf("%s entry %q subtracts nothing: no %s entry grants it. %s",
						notKind(data), n.Value, allowKind(data), notADeny))
				}
			}
		}
	}
	return nil, nil
}

const notADeny = "NotActions is not a deny: it only subtracts from this role's own grants, and any other role assignment still grants the operation"

func allowKind(data bool) role.ListKind {
	if data {
		return role.DataActions
	}
	return role.Actions
}

func notKind(data bool) role.ListKind {
	if data {
		return role.NotDataActions
	}
	return role.NotActions
}

// subtracts reports whether the Not entry n removes at least one operation
// that some allow entry grants: an operation of the catalog matched by both,
// or a literal one side matches on the other.
func subtracts(cat *catalog.Catalog, allow []role.Str, n string, data bool) bool {
	for _, a := range allow {
		if a.Expr {
			return true // cannot know: do not claim it subtracts nothing
		}
		if catalog.MatchPattern(n, a.Value) || catalog.MatchPattern(a.Value, n) {
			return true
		}
	}
	for _, op := range cat.Match(n, data) {
		for _, a := range allow {
			if catalog.MatchPattern(a.Value, op.Name) {
				return true
			}
		}
	}
	return false
}

// wrongPlaneOnly reports whether n is known only in the other plane (RL403
// reports that instead).
func wrongPlaneOnly(cat *catalog.Catalog, n string, data bool) bool {
	return len(cat.Match(n, data)) == 0 && len(cat.Match(n, !data)) > 0
}

// RL402 reports a Not list in a block whose allow list is empty.
var RL402 = newRule(&Rule{
	ID:       "RL402",
	Title:    "NotActions without Actions",
	Severity: Warning,
	Category: Correctness,
	Doc: `The permission block has NotActions (or NotDataActions) but no Actions (DataActions) to subtract
them from, so they subtract nothing and deny nothing. This is the classic misreading of NotActions as a deny
list: a role made only of NotActions grants nothing and stops no one. Use a deny assignment or an Azure
Policy ` + "`deny`" + ` effect to forbid operations.`,
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
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#notactions"},
	Analyzer: &analysis.Analyzer{Name: "notactions_without_actions"},
}, runRL402, Load)

func runRL402(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		for i := range d.Permissions {
			p := &d.Permissions[i]
			for _, data := range []bool{false, true} {
				allow, l := p.List(allowKind(data)), p.List(notKind(data))
				if len(allow.Items) > 0 || allow.Expr || len(l.Items) == 0 {
					continue
				}
				r.Report("RL402", l.KeyOff, l.Node.End, fmt.Sprintf("role %q has %s but %s is empty, so it subtracts nothing and denies nothing. %s",
					d.DisplayName(), notKind(data), allowKind(data), notADeny))
			}
		}
	}
	return nil, nil
}
