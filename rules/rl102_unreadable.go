package rules

import (
	"golang.org/x/tools/go/analysis"
)

// RL102 reports a file that could not be read at all.
var RL102 = newRule(&Rule{
	ID:       "RL102",
	Title:    "File cannot be read",
	Severity: Error,
	Category: Correctness,
	Doc: `The file could not be read: it does not exist, it is not a regular file (a directory named
` + "`x.json`" + `, a FIFO, a device), it is not readable, or it is larger than the 32 MB limit. The other
files are still linted.`,
	Analyzer: &analysis.Analyzer{Name: "unreadable_file"},
}, runRL102, Load)

func runRL102(pass *analysis.Pass) (any, error) {
	r := For(pass)
	if r.ReadErr != "" {
		r.Report("RL102", 0, 0, "cannot read file: "+r.ReadErr)
	}
	return nil, nil
}
