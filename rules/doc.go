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
		fmt.Fprintf(&b, "\n## Bad\n\n```json\n%s\n```\n", Abridge(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\n## Good\n\n```json\n%s\n```\n", Abridge(r.Good))
	}
	if len(r.Sources) > 0 {
		b.WriteString("\n## Sources\n\n")
		for _, s := range r.Sources {
			fmt.Fprintf(&b, "- <%s>\n", s)
		}
	}
	return b.String()
}

// Abridge shortens an example of more than 40 lines (such as a role with
// 2,001 scopes) to its head and tail for reading; the rule tests still run
// the whole example.
func Abridge(example string) string {
	lines := strings.Split(strings.TrimSpace(example), "\n")
	if len(lines) <= 40 {
		return strings.Join(lines, "\n")
	}
	head, tail := lines[:20], lines[len(lines)-5:]
	return strings.Join(head, "\n") + fmt.Sprintf("\n    … %d more lines …\n", len(lines)-25) + strings.Join(tail, "\n")
}
