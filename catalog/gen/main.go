// Command gen writes catalog.bin, the compact form of catalog/data that
// package catalog embeds. It runs from `go generate` in the catalog
// directory:
//
//	//go:generate go run ./gen
//
// The binary never parses the TSV and JSON sources, which would cost tens of
// milliseconds per run; it decodes this file instead. TestEmbeddedIsFresh in
// package catalog fails when the file is older than the data.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

func main() {
	dataDir := flag.String("data", "data", "directory holding "+catdata.OpsFile+", "+catdata.RolesFile+" and "+catdata.MetaFile)
	out := flag.String("out", "catalog.bin", "file to write")
	flag.Parse()
	if err := run(*dataDir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dataDir, out string) error {
	d, err := catdata.BuildDir(dataDir)
	if err != nil {
		return err
	}
	b := catdata.Encode(d)
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, b) {
		return nil // unchanged: keep the file's timestamp
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	ops, builtin := 0, 0
	for _, p := range d.Planes {
		ops += len(p.Ops)
		for _, op := range p.Ops {
			if op.Source == catdata.SourceBuiltin {
				builtin++
			}
		}
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %s (%d bytes): %d operations (%d from built-in roles only), %d providers, %d patterns, %d roles\n",
		out, len(b), ops, builtin, len(d.Providers), len(d.Patterns), len(d.Roles))
	return nil
}
