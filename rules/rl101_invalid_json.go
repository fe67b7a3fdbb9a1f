package rules

import (
	"golang.org/x/tools/go/analysis"
)

// RL101 reports a file that is not valid JSON, at the byte where it stops being.
var RL101 = newRule(&Rule{
	ID:       "RL101",
	Title:    "Invalid JSON",
	Severity: Error,
	Category: DeployError,
	Doc: `The file is not valid JSON (RFC 8259), so neither the az CLI, PowerShell nor ARM can read it.
The finding points at the first byte that is not JSON and says what was expected there.

Common causes: a trailing comma after the last element, comments (JSON has none), single
quotes, a file saved as UTF-16 without a byte-order mark. Files with a UTF-8 byte-order mark
and UTF-16 files with a byte-order mark are read correctly.`,
	Bad: `{
  "Name": "Reader Plus",
  "Actions": [
    "Microsoft.Resources/subscriptions/resourceGroups/read",
  ],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Reader Plus",
  "Description": "Reads resource groups.",
  "Actions": [
    "Microsoft.Resources/subscriptions/resourceGroups/read"
  ],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://www.rfc-editor.org/rfc/rfc8259"},
	Analyzer: &analysis.Analyzer{Name: "invalid_json"},
}, runRL101, Load)

func runRL101(pass *analysis.Pass) (any, error) {
	r := For(pass)
	if r.Err != nil {
		end := r.Err.Off + 1
		if end > len(r.Src) {
			end = len(r.Src)
		}
		r.Report("RL101", r.Err.Off, end, "invalid JSON: "+r.Err.Msg)
	}
	return nil, nil
}
