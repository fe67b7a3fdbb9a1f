// Package startup prepares the rolelint process while the packages it
// links are still initializing. The command imports it for that only.
//
// Go initializes packages in the order of their import paths once their own
// imports are (the Go specification, "Package initialization"), so this
// package's initialization runs before that of
// github.com/santhosh-tekuri/jsonschema/v6, which compiles five meta-schemas
// (4 ms, a fifth of a one-file run). It
//
//   - sets the garbage collector's pace (Percent), unless GOGC is set:
//     rolelint is short-lived and its heap is what it is working on; at
//     Go's default (GOGC=100) a run over a 5,000-file tenant spent a tenth
//     of its CPU time collecting, and a one-file run collected twice
//     while its packages initialized. GOGC=200 halves the collections
//     for at most twice the headroom above the live heap (the 5,000-file
//     tenant peaks near 105 MB; see scripts/bench);
//   - starts decoding the embedded catalog, and building the index every
//     run reads, on another core (catalog.Default waits for it): on a
//     machine with two cores that work is done by the time the command
//     needs it.
package startup

import (
	"os"
	"runtime/debug"

	"github.com/rolelint/rolelint/catalog"
)

// Percent is rolelint's GOGC.
const Percent = 200

func init() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(Percent)
	}
	go func() { catalog.Default().Warm() }()
}
