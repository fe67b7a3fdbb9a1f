package rules

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// RL602 notes the documented custom roles of providers that otherwise do
// not honour custom roles, which RL601 leaves alone.
var RL602 = newRule(&Rule{
	ID:       "RL602",
	Title:    "Documented custom-role exception on a provider without custom-role support",
	Severity: Note,
	Category: Correctness,
	Doc: `The role grants exactly the operations of a custom role that Microsoft documents for a provider
that otherwise does not honour custom roles (see RL601), and nothing else of that provider. Today
that is the Azure Communication Services role for sending email over SMTP: exactly
` + "`Microsoft.Communication/CommunicationServices/Read`" + `, ` + "`Microsoft.Communication/CommunicationServices/Write`" + `
and ` + "`Microsoft.Communication/EmailServices/write`" + ` (compared ignoring case; operations of other
providers, such as the ` + "`*/read`" + ` of a Reader clone, do not matter).

Microsoft's SMTP authentication guide assigns such a role to the Microsoft Entra application whose
credentials are the SMTP user name and password, on the Communication Services resource. The role
is fine as it is; this note only says why RL601 does not fire, and that adding any other
` + "`Microsoft.Communication`" + ` operation leaves the documented pattern, which RL601 then reports.

What to do: nothing, or, for anything beyond SMTP email, assign the built-in role "Communication
and Email Service Owner" instead of widening the custom role.`,
	Bad: `{
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
	Good: `{
  "Name": "Messaging Resource Group Reader",
  "IsCustom": true,
  "Description": "Reads the resource group that holds the messaging resources.",
  "Actions": ["Microsoft.Resources/subscriptions/resourceGroups/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-messaging"]
}`,
	Sources:  providerSources(),
	Analyzer: &analysis.Analyzer{Name: "documented_custom_role_exception"},
}, runRL602, Load)

func runRL602(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, d := range r.Defs {
		if !d.Custom {
			continue
		}
		for _, p := range unsupportedProviders {
			ops := p.grants(d)
			if len(ops) == 0 {
				continue
			}
			ex := p.exception(ops)
			if ex == nil {
				continue
			}
			var related []analysis.RelatedInformation
			for _, s := range ops[1:] {
				related = append(related, r.Related(s.Off, s.End, "part of the documented pattern"))
			}
			r.Str("RL602", ops[0], fmt.Sprintf("the documented %s custom role for %s (%s), so RL601 does not apply: %s",
				p.Service, ex.Name, ex.Source, ex.Note), related...)
		}
	}
	return nil, nil
}
