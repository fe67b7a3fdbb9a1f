// Package gcpolicy sets the garbage collector's pace for the rolelint
// command. rolelint is a short-lived process whose heap is mostly what it
// is working on; at Go's default (GOGC=100) a run over a 5,000-file tenant
// spent a tenth of its CPU time collecting, and a one-file run collected
// twice while the packages it links were still initializing. GOGC=200
// halves the collections for at most twice the headroom above the live
// heap (the 5,000-file tenant peaks near 105 MB; see scripts/bench).
//
// The command imports this package for its initialization only. Go
// initializes packages in the order of their import paths once their own
// imports are (the Go specification, "Package initialization"), so this
// one runs before github.com/santhosh-tekuri/jsonschema/v6, whose
// initialization compiles five meta-schemas. A GOGC set in the
// environment wins.
package gcpolicy

import (
	"os"
	"runtime/debug"
)

// Percent is rolelint's GOGC.
const Percent = 200

func init() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(Percent)
	}
}
