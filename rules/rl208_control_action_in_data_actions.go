package rules

import "golang.org/x/tools/go/analysis"

// RL208 is reported from the Operations analyzer's verdicts (operations.go).
var RL208 = newRule(&Rule{
	ID:       "RL208",
	Title:    "Control-plane action in DataActions",
	Severity: Error,
	Category: DeployError,
	Doc: `"Only data plane actions can be added to the ` + "`" + `DataActions` + "`" + ` and ` + "`" + `NotDataActions` + "`" + ` properties." Azure
rejects a control-plane operation there with ` + "`" + `InvalidDataActionOrNotDataAction` + "`" + `. Move it to ` + "`" + `Actions` + "`" + `.`,
	Bad: `{
  "Name": "Blob Reader",
  "Description": "Reads blobs.",
  "Actions": ["Microsoft.Storage/storageAccounts/blobServices/containers/read"],
  "DataActions": ["Microsoft.Storage/storageAccounts/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Blob Reader",
  "Description": "Reads blobs.",
  "Actions": ["Microsoft.Storage/storageAccounts/read"],
  "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{
		"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#dataactions",
		"https://github.com/hashicorp/terraform-provider-azurerm/issues/24576",
	},
	Analyzer: &analysis.Analyzer{Name: "control_action_in_data_actions"},
}, reportOps("RL208"), Load, Operations)
