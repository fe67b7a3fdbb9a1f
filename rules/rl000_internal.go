package rules

import (
	"golang.org/x/tools/go/analysis"
)

// InternalID is the rule ID of internal errors: a rule that crashed on a file.
const InternalID = "RL000"

// Internal is reported by the driver, never by an analyzer of its own: a
// rule's panic becomes this finding for that file while the rest go on.
var Internal = newRule(&Rule{
	ID:       InternalID,
	Title:    "Internal error in a rule",
	Severity: Error,
	Category: Correctness,
	Doc: `A rule crashed on this file. The other rules and files were still linted.
This is a bug in rolelint, not in your role: please report it with the file.`,
	Analyzer: &analysis.Analyzer{Name: "internal_error"},
}, func(*analysis.Pass) (any, error) { return nil, nil })
