package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL601 reports custom roles that grant operations of a provider that does
// not honour custom roles (data/providers.json).
var RL601 = newRule(&Rule{
	ID:       "RL601",
	Title:    "Custom role on a provider that does not honour custom roles",
	Severity: Warning,
	Category: Correctness,
	Doc: `The role grants operations of a resource provider whose access does not work through Azure
RBAC custom roles. Today that is Azure Communication Services (` + "`Microsoft.Communication`" + `): its
data-plane operations (calling, SMS, chat, identity) have no Azure RBAC data actions at all;
clients authenticate with the resource's access keys or with ACS identity tokens, so a custom role
that lists ` + "`Microsoft.Communication/...`" + ` operations does not give its holders what its name promises.
Strings whose provider segment is the listed namespace count, in ` + "`Actions`" + ` or ` + "`DataActions`" + `, in
any case and with wildcards (` + "`Microsoft.Communication/*`" + `); ` + "`*`" + ` and ` + "`*/read`" + ` do not. There is one
finding per role, at the first such operation, with the others as related locations.

What Azure does: ARM accepts the role and its assignments, so nothing fails at deploy time; the
failure, if any, comes at runtime, when the holder calls the service. The claim that ACS ignores
custom roles is UNCONFIRMED: it comes from one third-party write-up, and Microsoft documents one
custom role for ACS (sending email over SMTP). For both reasons this rule is a warning (the lower
severity), not an error.

What to do instead: assign the built-in role "Communication and Email Service Owner"
(` + "`09976791-48a7-449e-bb21-39d1a415f350`" + `) on the Communication Services resource, and keep the
access keys in a secret store. The documented SMTP custom role (exactly
` + "`Microsoft.Communication/CommunicationServices/Read`" + `, ` + "`.../CommunicationServices/Write`" + ` and
` + "`Microsoft.Communication/EmailServices/write`" + `) is not reported here but by RL602, a note; it is
the good example below.

` + providerTableDoc(),
	Bad: `{
  "Name": "ACS Message Sender",
  "IsCustom": true,
  "Description": "Send SMS and chat messages through Azure Communication Services.",
  "Actions": [
    "Microsoft.Communication/CommunicationServices/read",
    "Microsoft.Communication/CommunicationServices/ListKeys/action"
  ],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-messaging"]
}`,
	Good: `{
  "Name": "ACS SMTP Sender",
  "IsCustom": true,
  "Description": "The documented custom role for sending email over SMTP with Azure Communication Services.",
  "Actions": [
    "Microsoft.Communication/CommunicationServices/Read",
    "Microsoft.Communication/CommunicationServices/Write",
    "Microsoft.Communication/EmailServices/write"
  ],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-messaging/providers/Microsoft.Communication/CommunicationServices/acs-mail"]
}`,
	Sources:  providerSources(),
	Analyzer: &analysis.Analyzer{Name: "provider_custom_role_unsupported"},
}, runRL601, Load)

func runRL601(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		if !d.Custom {
			continue
		}
		for _, p := range unsupportedProviders {
			ops := p.grants(d)
			if len(ops) == 0 || p.exception(ops) != nil {
				continue
			}
			var related []analysis.RelatedInformation
			for _, s := range ops[1:] {
				related = append(related, r.Related(s.Off, s.End, "another "+p.Namespace+" operation"))
			}
			what := fmt.Sprintf("operation %q", ops[0].Value)
			if n := len(ops) - 1; n > 0 {
				what = fmt.Sprintf("operations (%q and %d more)", ops[0].Value, n)
			}
			r.Str("RL601", ops[0], fmt.Sprintf("custom role grants %s %s, a service that does not honour custom roles: %s; assign the built-in role %q (%s) instead",
				p.Service, what, p.Reason, p.Builtin.Name, p.Builtin.ID), related...)
		}
	}
	return nil, nil
}
