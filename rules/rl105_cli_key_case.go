package rules

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL105 catches the az CLI's key-case trap (azure-rules.md 1a): the CLI
// lower-cases only the first letter of each key and then looks keys up
// exactly, so "notactions" is dropped without an error.
var RL105 = newRule(&Rule{
	ID:       "RL105",
	Title:    "Key case that the az CLI silently drops",
	Severity: Warning,
	Category: Correctness,
	Doc: `` + "`az role definition create|update`" + ` lower-cases only the first letter of each key
(` + "`NotActions`" + ` becomes ` + "`notActions`" + `) and then reads keys case-sensitively. A key written in any
other case, such as ` + "`notactions`" + `, ` + "`NOTACTIONS`" + ` or ` + "`assignablescopes`" + `, is silently ignored:
the role is created without it. PowerShell may read the key (its JSON reader is believed to be
case-insensitive), so the same file behaves differently in the two clients.

` + "`--fix`" + ` rewrites the key to the documented spelling.`,
	Bad: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines, never deletes them.",
  "Actions": ["Microsoft.Compute/virtualMachines/*"],
  "notactions": ["Microsoft.Compute/virtualMachines/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines, never deletes them.",
  "Actions": ["Microsoft.Compute/virtualMachines/*"],
  "NotActions": ["Microsoft.Compute/virtualMachines/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/role/custom.py"},
	Analyzer: &analysis.Analyzer{Name: "cli_key_case"},
}, runRL105, Load)

func runRL105(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		if !usedByCLI(d) {
			continue
		}
		objs := []*role.Node{d.Node}
		for _, p := range d.Permissions {
			if p.Node != d.Node {
				objs = append(objs, p.Node)
			}
		}
		for _, obj := range objs {
			for _, m := range obj.Members {
				want := cliSpelling(m.Key)
				if want == "" {
					continue
				}
				fix := analysis.SuggestedFix{
					Message:   fmt.Sprintf("rename %q to %q", m.Key, want),
					TextEdits: []analysis.TextEdit{r.Edit(m.KeyOff, m.KeyEnd, `"`+want+`"`)},
				}
				r.ReportFix("RL105", m.KeyOff, m.KeyEnd,
					fmt.Sprintf("the az CLI ignores %q because of its case: write %q", m.Key, want), []analysis.SuggestedFix{fix})
			}
		}
	}
	return nil, nil
}

// cliSpelling returns the spelling to use for a key the CLI would drop, or ""
// when the key is read as written (or is no role key at all).
func cliSpelling(key string) string {
	if key == "" {
		return ""
	}
	lowered := strings.ToLower(key[:1]) + key[1:]
	for _, k := range cliKeys {
		if !strings.EqualFold(k, key) || lowered == k {
			continue
		}
		if key[0] >= 'a' && key[0] <= 'z' {
			return k
		}
		return strings.ToUpper(k[:1]) + k[1:]
	}
	return ""
}
