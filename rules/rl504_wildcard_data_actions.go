package rules

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL504 reports DataActions wildcards over a whole provider or all of them.
var RL504 = newRule(&Rule{
	ID:               "RL504",
	Title:            "DataActions wildcard over all data of a provider",
	Severity:         Warning,
	Category:         Security,
	SecuritySeverity: "8.0",
	Doc: `` + "`\"*\"`" + ` in DataActions grants every data-plane operation of every provider: reading and writing
every blob, queue message, secret, key and certificate, and any data action added in the future.
` + "`Microsoft.KeyVault/*`" + ` or ` + "`Microsoft.Storage/*`" + ` in DataActions does the same for one provider. Control-plane
Owner does not include data access; a wildcard DataActions role does. List the data actions the role needs.`,
	Bad: `{
  "Name": "Data Reader",
  "Description": "Reads application data.",
  "Actions": [],
  "DataActions": ["*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Data Reader",
  "Description": "Reads application data.",
  "Actions": [],
  "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#dataactions",
		"https://github.com/Azure/terraform-provider-azapi/issues/835"},
	Analyzer: &analysis.Analyzer{Name: "wildcard_data_actions"},
}, runRL504, Load)

func runRL504(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		for _, a := range d.Ops(role.DataActions) {
			if a.Expr {
				continue
			}
			switch ns, rest, _ := strings.Cut(a.Value, "/"); {
			case a.Value == "*" || ns == "*":
				r.Str("RL504", a, fmt.Sprintf("DataActions %q grants every data action of every provider (all blobs, secrets, keys, messages), including future ones", a.Value))
			case rest == "*":
				r.Str("RL504", a, fmt.Sprintf("DataActions %q grants every data action of %s, including future ones", a.Value, ns))
			}
		}
	}
	return nil, nil
}
