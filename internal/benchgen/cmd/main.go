// Command cmd writes a synthetic tenant of role files for benchmarks:
//
//	go run ./internal/benchgen/cmd -n 5000 -o bench/tenant
//
// The directory is emptied first; the same -n and -seed give the same files.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/rolelint/rolelint/internal/benchgen"
)

func main() {
	n := flag.Int("n", 5000, "number of role files")
	out := flag.String("o", "bench/tenant", "output `directory` (emptied first)")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "benchgen: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	if err := os.RemoveAll(*out); err != nil {
		fmt.Fprintf(os.Stderr, "benchgen: %v\n", err)
		os.Exit(1)
	}
	if err := benchgen.Generate(*out, *n, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "benchgen: %v\n", err)
		os.Exit(1)
	}
}
