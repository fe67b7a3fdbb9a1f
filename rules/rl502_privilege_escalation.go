package rules

import (
	"golang.org/x/tools/go/analysis"
)

// escalation are the operations that let a holder give themselves more access.
var escalation = []sensitive{
	{"Microsoft.Authorization/roleAssignments/write", "roleAssignments/write assigns any role, Owner included, to anyone at the scope"},
	{"Microsoft.Authorization/roleDefinitions/write", "roleDefinitions/write can add \"*\" to a role the holder already has"},
	{"Microsoft.Authorization/elevateAccess/action", "elevateAccess/action grants User Access Administrator at the root scope"},
	{"Microsoft.Authorization/classicAdministrators/write", "classicAdministrators/write makes co-administrators"},
}

// RL502 reports privilege escalation on the effective permissions.
var RL502 = newRule(&Rule{
	ID:               "RL502",
	Title:            "Privilege escalation: role can grant itself more access",
	Severity:         Warning,
	Category:         Security,
	SecuritySeverity: "9.5",
	Doc: `After wildcard expansion and NotActions, the role still grants an operation that changes who has what
access: ` + "`Microsoft.Authorization/roleAssignments/write`" + ` ("once a security principal is granted that
permission it can then assign any Azure RBAC Role to itself"), ` + "`roleDefinitions/write`" + ` (add ` + "`*`" + ` to a
custom role already assigned to oneself), ` + "`elevateAccess/action`" + ` ("Grants the caller User Access
Administrator access at the tenant scope") or ` + "`classicAdministrators/write`" + `. Whoever holds the role can make
themselves Owner.

The check runs on what the role really grants, not on raw strings: ` + "`*`" + ` minus only
` + "`Microsoft.Authorization/*/Delete`" + ` still grants ` + "`roleAssignments/write`" + `. Remove the operation (add
` + "`Microsoft.Authorization/*/Write`" + `, ` + "`Microsoft.Authorization/elevateAccess/Action`" + ` to NotActions, as
Contributor does), or, where delegation is intended, constrain the role assignment with an ABAC condition.`,
	Bad: `{
  "Name": "Platform Contributor",
  "Description": "Everything except deleting role assignments and definitions.",
  "Actions": ["*"],
  "NotActions": ["Microsoft.Authorization/*/Delete"],
  "AssignableScopes": ["/providers/Microsoft.Management/managementGroups/contoso-platform"]
}`,
	Good: `{
  "Name": "Platform Contributor",
  "Description": "Everything except managing access.",
  "Actions": ["Microsoft.Compute/*", "Microsoft.Network/*", "Microsoft.Authorization/*/read"],
  "NotActions": [],
  "AssignableScopes": ["/providers/Microsoft.Management/managementGroups/contoso-platform"]
}`,
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/privileged#contributor",
		"https://learn.microsoft.com/azure/role-based-access-control/delegate-role-assignments-overview",
		"https://journeyofthegeek.com/2024/05/02/azure-authorization-azure-rbac-delegation/"},
	Analyzer: &analysis.Analyzer{Name: "privilege_escalation"},
}, func(pass *analysis.Pass) (any, error) {
	reportSensitive(pass, "RL502", escalation, "privilege escalation")
	return nil, nil
}, Load, EffectivePermissions)
