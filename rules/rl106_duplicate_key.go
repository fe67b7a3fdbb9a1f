package rules

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RL106 reports keys written twice in one object, exactly or differing only
// in case: one of the values is silently lost.
var RL106 = newRule(&Rule{
	ID:       "RL106",
	Title:    "Duplicate key",
	Severity: Warning,
	Category: Correctness,
	Doc: `The same key appears twice in one object. JSON readers keep only one of the values (most
keep the last) without a word, so part of what the author wrote is lost. Keys that differ only
in case count too: the az CLI turns ` + "`Actions`" + ` into ` + "`actions`" + `, so a file with both keeps only
one list.`,
	Bad: `{
  "Name": "VM Operator",
  "Description": "Starts and reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/start/action"],
  "actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Operator",
  "Description": "Starts and reads virtual machines.",
  "Actions": [
    "Microsoft.Compute/virtualMachines/start/action",
    "Microsoft.Compute/virtualMachines/read"
  ],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://www.rfc-editor.org/rfc/rfc8259#section-4"},
	Analyzer: &analysis.Analyzer{Name: "duplicate_key"},
}, runRL106, Load)

func runRL106(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, dup := range r.Duplicates {
		first, second := dup.Object.Members[dup.First], dup.Object.Members[dup.Second]
		r.Report("RL106", second.KeyOff, second.KeyEnd,
			fmt.Sprintf("duplicate key %q: only one of the values is kept", second.Key),
			r.Related(first.KeyOff, first.KeyEnd, "first written here"))
	}
	// Case twins in the objects that hold role keys.
	for _, d := range r.Defs {
		objs := []*role.Node{d.Node}
		for _, p := range d.Permissions {
			if p.Node != d.Node {
				objs = append(objs, p.Node)
			}
		}
		for _, obj := range objs {
			for i, a := range obj.Members {
				for _, b := range obj.Members[i+1:] {
					if a.Key != b.Key && strings.EqualFold(a.Key, b.Key) {
						r.Report("RL106", b.KeyOff, b.KeyEnd,
							fmt.Sprintf("%q and %q differ only in case: clients keep only one of them", a.Key, b.Key),
							r.Related(a.KeyOff, a.KeyEnd, "first written here"))
					}
				}
			}
		}
	}
	return nil, nil
}
