package rules

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// copyLoopExample is an ARM template with one copy loop of perLoop roles
// per kind: limits are reached by numbers, and ARM allows at most 800
// copies per loop.
func copyLoopExample(perLoop int, kinds ...string) string {
	var res []string
	for _, k := range kinds {
		lower := strings.ToLower(k)
		res = append(res, fmt.Sprintf(`    {
      "type": "Microsoft.Authorization/roleDefinitions",
      "apiVersion": "2022-04-01",
      "copy": { "name": "%ss", "count": "[parameters('apps')]" },
      "name": "[guid(subscription().id, '%s', string(copyIndex()))]",
      "properties": {
        "roleName": "[format('App {0} %s', copyIndex())]",
        "description": "One role per application.",
        "type": "CustomRole",
        "permissions": [{ "actions": ["Microsoft.Web/sites/read"] }],
        "assignableScopes": ["[subscription().id]"]
      }
    }`, lower, lower, k))
	}
	return fmt.Sprintf(`{
  "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "apps": { "type": "int", "defaultValue": %d } },
  "resources": [
%s
  ]
}`, perLoop, strings.Join(res, ",\n"))
}

const tenantLimitDoc = `

The count is the custom roles that the tenant would hold after deploying the linted files: the
distinct custom definitions linted (distinct by display name, ignoring case; a definition whose
name is an unresolved template expression counts on its own, as many times as the literal count of
its ARM copy loop, if it has one), plus the roles already in the tenant. Tell rolelint about those
with ` + "`--existing-roles N`" + ` (roles in the tenant that are not in the files) or ` + "`--existing-roles FILE`" + `,
the output of ` + "`az role definition list --custom-role-only true`" + ` (its roles that have the name or
the GUID of a linted role are not counted twice). Select the cloud with ` + "`--cloud public`" + ` (the
default) or ` + "`--cloud china`" + `. Without these, only the linted files count. Copy loops whose count
is computed at deploy time, and loops of enclosing nested deployments, count once: the count is a
lower bound.`

// RL701 reports a set of roles that would take the tenant over its limit.
var RL701 = newRule(&Rule{
	ID:       "RL701",
	Title:    "More custom roles than the tenant allows",
	Severity: Error,
	Category: DeployError,
	Doc: `A tenant holds at most 5,000 custom roles in the Azure public cloud and 2,000 in Azure operated
by 21Vianet (older documentation said 2,000 everywhere). Past the limit ARM refuses every new role:
` + "`Role definition limit exceeded. No more role definitions can be created (code: RoleDefinitionLimitExceeded)`" + `.
The finding is reported once, at the definition (in path order) that crosses the limit. The bad
example deploys seven copy loops of 800 roles, one role per application: 5,600 roles.` + tenantLimitDoc + `

What to do instead: merge roles that differ only in scope (one role can list up to 2,000
assignable scopes), prefer built-in roles, and delete unused custom roles; do not create one role
per resource or per application.`,
	Bad:  copyLoopExample(800, "Reader", "Operator", "Deployer", "Auditor", "Support", "Developer", "Tester"),
	Good: copyLoopExample(3, "Reader", "Operator"),
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits",
		"https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-rbac-limits",
		"https://learn.microsoft.com/azure/role-based-access-control/troubleshooting",
		"https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources"},
	Tenant:   true,
	Analyzer: &analysis.Analyzer{Name: "tenant_role_limit"},
}, runRL701, tenantCounted)

func runRL701(pass *analysis.Pass) (any, error) {
	c := pass.ResultOf[tenantCounted].(*tenantCount)
	if c.Linted == 0 || c.Total() <= c.Cloud.Limit {
		return nil, nil
	}
	t := c.nth(c.Cloud.Limit + 1)
	off, end := t.nameRange()
	t.reporter(pass).Report("RL701", off, end, fmt.Sprintf(
		"the tenant would have %s custom roles (%s), more than the %s allowed in %s: from this definition on, ARM rejects new roles with RoleDefinitionLimitExceeded",
		tenantNum(c.Total()), c.breakdown(), tenantNum(c.Cloud.Limit), c.Cloud.Label))
	return nil, nil
}

// RL702 warns when the set takes the tenant to 90 per cent of its limit.
var RL702 = newRule(&Rule{
	ID:       "RL702",
	Title:    "Custom roles near the tenant limit",
	Severity: Warning,
	Category: BestPractice,
	Doc: `The tenant would hold 90 per cent or more of the custom roles it allows (4,500 of 5,000 in the
Azure public cloud, 1,800 of 2,000 in Azure operated by 21Vianet), but not more (that is RL701).
Nothing fails yet, but the limit is per tenant and shared by every team, and at the limit ARM
refuses new roles with ` + "`RoleDefinitionLimitExceeded`" + `. The finding is reported once, at the
definition (in path order) that reaches 90 per cent. The bad example deploys six copy loops of 750
roles: 4,500 roles.` + tenantLimitDoc + `

What to do instead: merge roles that differ only in scope, prefer built-in roles, and delete
unused custom roles before the limit stops a deployment.`,
	Bad:  copyLoopExample(750, "Reader", "Operator", "Deployer", "Auditor", "Support", "Developer"),
	Good: copyLoopExample(3, "Reader", "Operator"),
	Sources: []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-limits",
		"https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-rbac-limits"},
	Tenant:   true,
	Analyzer: &analysis.Analyzer{Name: "tenant_role_limit_near"},
}, runRL702, tenantCounted)

func runRL702(pass *analysis.Pass) (any, error) {
	c := pass.ResultOf[tenantCounted].(*tenantCount)
	if c.Linted == 0 {
		return nil, nil
	}
	near := c.Cloud.Limit * 9 / 10
	if total := c.Total(); total < near || total > c.Cloud.Limit {
		return nil, nil
	}
	t := c.nth(near)
	off, end := t.nameRange()
	t.reporter(pass).Report("RL702", off, end, fmt.Sprintf(
		"the tenant would have %s custom roles (%s), %d%% of the %s allowed in %s: %s left before ARM rejects new roles with RoleDefinitionLimitExceeded",
		tenantNum(c.Total()), c.breakdown(), c.Total()*100/c.Cloud.Limit, tenantNum(c.Cloud.Limit), c.Cloud.Label,
		tenantNum(c.Cloud.Limit-c.Total())))
	return nil, nil
}
