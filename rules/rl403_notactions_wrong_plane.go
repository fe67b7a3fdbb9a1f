package rules

import "golang.org/x/tools/go/analysis"

// RL403 is reported from the Operations analyzer's verdicts (operations.go).
var RL403 = newRule(&Rule{
	ID:       "RL403",
	Title:    "NotActions entry in the wrong plane",
	Severity: Error,
	Category: DeployError,
	Doc: `A data action in ` + "`NotActions`" + `, or a control-plane action in ` + "`NotDataActions`" + `, can subtract
nothing: NotActions subtracts only from Actions and NotDataActions only from DataActions. Azure validates
NotActions like Actions (` + "`InvalidActionOrNotAction`" + `, ` + "`InvalidDataActionOrNotDataAction`" + `; the rejection of
the NotActions case is inferred from the error codes' names, not confirmed by a sample). Move the entry to the
list of its plane.`,
	Bad: `{
  "Name": "Blob Reader",
  "Description": "Reads blobs but never deletes them.",
  "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"],
  "NotActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Blob Reader",
  "Description": "Reads and writes blobs.",
  "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"],
  "NotDataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#notdataactions"},
	Analyzer: &analysis.Analyzer{Name: "notactions_wrong_plane"},
}, reportOps("RL403"), Load, Operations)
