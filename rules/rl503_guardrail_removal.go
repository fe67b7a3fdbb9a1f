package rules

import (
	"golang.org/x/tools/go/analysis"
)

// guardrails are the operations that switch off protections others rely on.
var guardrails = []sensitive{
	{"Microsoft.Authorization/denyAssignments/write", "deny assignments can be created or changed"},
	{"Microsoft.Authorization/denyAssignments/delete", "deny assignments can be removed"},
	{"Microsoft.Authorization/policyExemptions/write", "resources can be exempted from deny and audit policies"},
	{"Microsoft.Authorization/locks/delete", "delete and read-only locks can be removed"},
	{"Microsoft.Resources/deploymentStacks/manageDenySetting/action", "deployment stack deny settings can be changed"},
}

// RL503 reports grants that remove guardrails.
var RL503 = newRule(&Rule{
	ID:               "RL503",
	Title:            "Role can remove guardrails (deny assignments, policy exemptions, locks)",
	Severity:         Warning,
	Category:         Security,
	SecuritySeverity: "8.0",
	Doc: `After wildcard expansion and NotActions, the role still grants an operation that turns off a
protection other people rely on: creating or deleting deny assignments, writing policy exemptions (which
exempt resources from ` + "`deny`" + ` policies), deleting resource locks, or changing deployment stack deny
settings. Microsoft keeps these out of Contributor (` + "`Microsoft.Authorization/*/Write`" + `,
` + "`Microsoft.Authorization/*/Delete`" + `, ` + "`Microsoft.Resources/deploymentStacks/manageDenySetting/action`" + ` are in its
NotActions). Remove them unless the role exists to manage those guardrails.`,
	Bad: `{
  "Name": "Ops Contributor",
  "Description": "Runs day-to-day operations.",
  "Actions": ["Microsoft.Compute/*", "Microsoft.Authorization/locks/*"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "Ops Contributor",
  "Description": "Runs day-to-day operations.",
  "Actions": ["Microsoft.Compute/*", "Microsoft.Authorization/locks/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/privileged#contributor",
		"https://learn.microsoft.com/azure/governance/policy/concepts/exemption-structure",
		"https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources"},
	Analyzer: &analysis.Analyzer{Name: "guardrail_removal"},
}, func(pass *analysis.Pass) (any, error) {
	reportSensitive(pass, "RL503", guardrails, "guardrail removal")
	return nil, nil
}, Load, EffectivePermissions)
