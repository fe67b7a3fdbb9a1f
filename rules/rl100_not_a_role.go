package rules

import (
	"golang.org/x/tools/go/analysis"
)

// RL100 tells the user that a file they named is not an Azure role. Files
// found by a directory walk that are not roles are skipped without a word.
var RL100 = newRule(&Rule{
	ID:       "RL100",
	Title:    "File is not an Azure RBAC role definition",
	Severity: Note,
	Category: Correctness,
	Doc: `The file was named on the command line, but it is not an Azure RBAC role definition, so
rolelint checked nothing in it. rolelint recognises the JSON files that are most often kept next
to Azure roles: Google Cloud custom roles, Azure Cosmos DB data-plane role definitions
(` + "`sqlRoleDefinitions`" + `), Microsoft Entra ID role definitions (` + "`unifiedRoleDefinition`" + `),
` + "`package.json`" + `, and ARM templates with no ` + "`Microsoft.Authorization/roleDefinitions`" + ` resource.

In a directory walk such files are skipped silently and counted in the summary.`,
	Bad: `{
  "title": "Storage Reader",
  "stage": "GA",
  "includedPermissions": ["storage.buckets.get"]
}`,
	Good: `{
  "Name": "Storage Reader",
  "Description": "Reads storage accounts.",
  "Actions": ["Microsoft.Storage/storageAccounts/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Analyzer: &analysis.Analyzer{Name: "not_a_role"},
}, runRL100, Load)

func runRL100(pass *analysis.Pass) (any, error) {
	r := For(pass)
	if r.NotRole != "" && r.Err == nil {
		r.Report("RL100", r.Tree.Off, r.Tree.Off+1, "not an Azure RBAC role definition ("+r.NotRole+"); nothing was checked")
	}
	return nil, nil
}
