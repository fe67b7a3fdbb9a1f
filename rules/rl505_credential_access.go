package rules

import (
	"golang.org/x/tools/go/analysis"
)

// credentials are operation suffixes (in lower case) that hand out keys,
// credentials or code execution, which bypass RBAC on the data plane.
var credentials = []sensitive{
	{"/listkeys/action", "access keys bypass DataActions"},
	{"/regeneratekey/action", "access keys bypass DataActions"},
	{"/listcredentials/action", "credentials bypass RBAC"},
	{"/listcredential/action", "the cluster's kubeconfig bypasses RBAC"},
	{"/listclusteradmincredential/action", "cluster-admin kubeconfig"},
	{"/sharedkeys/action", "shared keys bypass RBAC"},
	{"/listadmincredentials/action", "admin credentials bypass RBAC"},
	{"/listsecrets/action", "secrets bypass RBAC"},
	{"/runcommand/action", "run command executes code and can steal the managed identity's token"},
}

// RL505 reports grants of keys, credentials and code execution.
var RL505 = newRule(&Rule{
	ID:               "RL505",
	Title:            "Role can list keys or credentials, or run commands",
	Severity:         Warning,
	Category:         Security,
	SecuritySeverity: "6.5",
	Doc: `After wildcard expansion and NotActions, the role grants an operation that returns access keys or
credentials (` + "`listKeys`" + `, ` + "`regenerateKey`" + `, ` + "`listCredentials`" + `, ` + "`listClusterAdminCredential`" + `,
` + "`sharedKeys`" + `, ...) or runs code on a machine (` + "`runCommand`" + `). Keys bypass data-plane RBAC: "To read the blobs,
Alice would have to retrieve the storage access keys" (so a control-plane role with ` + "`listKeys`" + ` can read all
data); run command can read a VM's managed-identity token from the instance metadata service. Grant these only
where the role exists for them, and prefer Microsoft Entra authentication with DataActions.`,
	Bad: `{
  "Name": "Storage Operator",
  "Description": "Operates storage accounts.",
  "Actions": ["Microsoft.Storage/storageAccounts/read", "Microsoft.Storage/storageAccounts/listKeys/action"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Storage Operator",
  "Description": "Operates storage accounts.",
  "Actions": ["Microsoft.Storage/storageAccounts/read"],
  "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/role-definitions#control-and-data-actions-example",
		"https://docs.forestall.io/azure/attack-paths/az-assigned-managed-identity"},
	Analyzer: &analysis.Analyzer{Name: "credential_access"},
}, func(pass *analysis.Pass) (any, error) {
	reportSensitive(pass, "RL505", credentials, "credential access")
	return nil, nil
}, Load, EffectivePermissions)
