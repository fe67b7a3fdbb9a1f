// Package startup prepares the rolelint process while the packages it
// links are still initializing. The command imports it for that only.
//
// Go initializes packages in the order of their import paths once their own
// imports are (the Go specification, "Package initialization"), so this
// package's initialization runs before that of
// github.com/santhosh-tekuri/jsonschema/v6, which compiles five meta-schemas
// (4 ms, a fifth of a one-file run). It
//
//   - sets the garbage collector's pace (Percent) and a soft memory limit
//     (MemoryLimit), unless GOGC or GOMEMLIMIT are set: rolelint is
//     short-lived and its heap is what it is working on; at Go's default
//     (GOGC=100) a run over a 5,000-file tenant spent a tenth of its CPU
//     time collecting, and a one-file run collected twice while its
//     packages initialized. GOGC=400 collects a quarter as often for more
//     headroom above the live heap (the 5,000-file tenant, whose files are
//     released as they are linted, peaks near 130 MB; see scripts/bench),
//     and the limit makes the collector work harder rather than let a
//     large input take five times its live heap;
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

// Percent is rolelint's GOGC, and MemoryLimit its GOMEMLIMIT.
const (
	Percent     = 400
	MemoryLimit = 256 << 20
)

func init() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(Percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
	go func() { catalog.Default().Warm() }()
}
