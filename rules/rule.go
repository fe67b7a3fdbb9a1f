// Package rules holds rolelint's checks. Each rule is an *analysis.Analyzer
// with a metadata record; the record feeds `rolelint rules`, the SARIF rule
// descriptors and the generated docs, so there is one source for all three.
package rules

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// Severity is what a user can gate on: error means Azure (or its clients)
// rejects the role at deploy time, warning that it deploys but does not do
// what it says or is dangerous, note style and hygiene.
type Severity int

const (
	None Severity = iota // only for --fail-on none and disabled rules
	Note
	Warning
	Error
)

var severityNames = [...]string{"none", "note", "warning", "error"}

func (s Severity) String() string { return severityNames[s] }

// ParseSeverity reads "error", "warning", "note" or "none".
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return None, fmt.Errorf("unknown severity %q (want error, warning, note or none)", s)
}

// Category groups rules by what they protect against.
type Category string

const (
	DeployError  Category = "deploy-error"
	Security     Category = "security"
	Correctness  Category = "correctness"
	BestPractice Category = "best-practice"
)

// Rule is one check: its analyzer and everything said about it.
type Rule struct {
	ID       string // RL204; never reused
	Title    string // one line, no trailing period
	Severity Severity
	Category Category
	// SecuritySeverity is the SARIF security-severity (0.0-10.0) of
	// security rules, empty for the others.
	SecuritySeverity string
	// Doc is Markdown: what the rule finds and why it matters (several
	// paragraphs; no heading).
	Doc string
	// Bad and Good are example role files (JSON) for the doc.
	Bad, Good string
	// Sources are the links backing the rule's facts.
	Sources []string
	// Tenant rules run once over every definition linted together.
	Tenant bool

	Analyzer *analysis.Analyzer
}

// Slug is the rule's stable name, as users write it in config.
func (r *Rule) Slug() string { return strings.ReplaceAll(r.Analyzer.Name, "_", "-") }

// URL is the rule's documentation page.
func (r *Rule) URL() string {
	return "https://github.com/rolelint/rolelint/blob/main/docs/rules/" + r.ID + ".md"
}

// newRule fills in the analyzer's documentation from the record and checks
// that it is complete, so an incomplete rule fails at start-up in tests.
func newRule(r *Rule, run func(*analysis.Pass) (any, error), requires ...*analysis.Analyzer) *Rule {
	if r.Analyzer == nil {
		r.Analyzer = &analysis.Analyzer{}
	}
	r.Analyzer.Doc = r.Title + "\n\n" + strings.TrimSpace(r.Doc)
	r.Analyzer.Run = run
	r.Analyzer.Requires = requires
	return r
}

var byID = map[string]*Rule{}

// All returns every rule, in ID order.
func All() []*Rule {
	out := make([]*Rule, len(registry))
	copy(out, registry)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup finds a rule by ID (RL204) or slug (unknown-operation), ignoring case.
func Lookup(key string) *Rule {
	for _, r := range registry {
		if strings.EqualFold(r.ID, key) || strings.EqualFold(r.Slug(), key) || strings.EqualFold(r.Analyzer.Name, key) {
			return r
		}
	}
	return nil
}

// Reporter turns model positions of one file into diagnostics of a pass.
type Reporter struct {
	pass *analysis.Pass
	*Loaded
}

// For returns the Reporter of a per-file pass.
func For(pass *analysis.Pass) *Reporter {
	return &Reporter{pass: pass, Loaded: pass.ResultOf[Load].(*Loaded)}
}

// In returns a Reporter for one file of a tenant pass.
func In(pass *analysis.Pass, l *Loaded) *Reporter { return &Reporter{pass: pass, Loaded: l} }

// Pos converts a byte offset of the file into a token.Pos.
func (r *Reporter) Pos(off int) token.Pos { return token.Pos(r.Base + off) }

// Report reports a finding of rule id over [off, end) of the file.
func (r *Reporter) Report(id string, off, end int, msg string, related ...analysis.RelatedInformation) {
	r.ReportFix(id, off, end, msg, nil, related...)
}

// ReportFix is Report with suggested fixes (byte edits of the file).
func (r *Reporter) ReportFix(id string, off, end int, msg string, fixes []analysis.SuggestedFix, related ...analysis.RelatedInformation) {
	if end < off {
		end = off
	}
	r.pass.Report(analysis.Diagnostic{
		Pos: r.Pos(off), End: r.Pos(end), Category: id, Message: msg,
		URL: byID[id].URL(), Related: related, SuggestedFixes: fixes,
	})
}

// Related is a related location at [off, end) of this file.
func (r *Reporter) Related(off, end int, msg string) analysis.RelatedInformation {
	return analysis.RelatedInformation{Pos: r.Pos(off), End: r.Pos(end), Message: msg}
}

// Edit is one suggested byte replacement in this file.
func (r *Reporter) Edit(off, end int, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: r.Pos(off), End: r.Pos(end), NewText: []byte(text)}
}

// Str reports at a string value.
func (r *Reporter) Str(id string, s role.Str, msg string, related ...analysis.RelatedInformation) {
	r.Report(id, s.Off, s.End, msg, related...)
}
