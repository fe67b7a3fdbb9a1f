package rules

import "golang.org/x/tools/go/analysis"

// UnusedSuppression is reported by the engine when a suppression in the
// config file matches no finding: a stale suppression hides nothing today
// and would silently hide a new finding tomorrow.
var UnusedSuppression = newRule(&Rule{
	ID:       "RL001",
	Title:    "Suppression that matches no finding",
	Severity: Warning,
	Category: BestPractice,
	Doc: `A ` + "`suppress:`" + ` entry of the config file (` + "`.rolelint.yaml`" + `) matched no finding in this run: the
finding it was written for is fixed, or the rule, path glob, role or JSON Pointer is wrong. Remove it, or
correct it, so that it cannot hide a different finding later.`,
	Analyzer: &analysis.Analyzer{Name: "unused_suppression"},
}, func(*analysis.Pass) (any, error) { return nil, nil })
