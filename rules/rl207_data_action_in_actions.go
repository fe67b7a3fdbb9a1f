package rules

import "golang.org/x/tools/go/analysis"

// RL207 is reported from the Operations analyzer's verdicts (operations.go).
var RL207 = newRule(&Rule{
	ID:       "RL207",
	Title:    "Data action in Actions",
	Severity: Error,
	Category: DeployError,
	Doc: `Only control-plane operations may be listed in ` + "`" + `Actions` + "`" + `; data-plane operations (those with
` + "`" + `isDataAction: true` + "`" + `, such as reading blob contents) belong in ` + "`" + `DataActions` + "`" + `. Azure rejects a data action in
` + "`" + `Actions` + "`" + ` with ` + "`" + `InvalidActionOrNotAction` + "`" + ` (inferred from how ARM validates actions; the exact response is not
confirmed). The same string in ` + "`" + `DataActions` + "`" + ` grants what the author meant.`,
	Bad: `{
  "Name": "Blob Reader",
  "Description": "Reads blobs.",
  "Actions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Blob Reader",
  "Description": "Reads blobs.",
  "Actions": ["Microsoft.Storage/storageAccounts/blobServices/containers/read"],
  "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#dataactions",
	},
	Analyzer: &analysis.Analyzer{Name: "data_action_in_actions"},
}, reportOps("RL207"), Load, Operations)
