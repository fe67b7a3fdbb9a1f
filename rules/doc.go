package rules

import (
	"fmt"
	"strings"
)

// Markdown is the rule's documentation page: what `rolelint rules RLnnn`
// prints, the SARIF help text, and the body of docs/rules/RLnnn.md.
func Markdown(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "- Slug: `%s`\n- Default severity: %s\n- Category: %s\n", r.Slug(), r.Severity, r.Category)
	if r.SecuritySeverity != "" {
		fmt.Fprintf(&b, "- Security severity: %s\n", r.SecuritySeverity)
	}
	if r.Tenant {
		b.WriteString("- Scope: all files linted together\n")
	}
	b.WriteString("\n")
	b.WriteString(strings.TrimSpace(r.Doc))
	b.WriteString("\n")
	if r.Bad != "" {
		fmt.Fprintf(&b, "\n## Bad\n\n```json\n%s\n```\n", strings.TrimSpace(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\n## Good\n\n```json\n%s\n```\n", strings.TrimSpace(r.Good))
	}
	if len(r.Sources) > 0 {
		b.WriteString("\n## Sources\n\n")
		for _, s := range r.Sources {
			fmt.Fprintf(&b, "- <%s>\n", s)
		}
	}
	return b.String()
}
