package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/rolelint/rolelint/catalog"
)

const catalogUsage = `Usage:
  rolelint catalog stats [--catalog FILE ...]
  rolelint catalog import [-o FILE] AZ_PROVIDER_OPERATION_LIST.json

import reads the JSON printed by 'az provider operation list' (or
'Get-AzProviderOperation | ConvertTo-Json') and writes it in the catalog's
operations.tsv format, by default to catalog/data/operations.tsv; then run
'go generate ./catalog' to rebuild the embedded catalog. A file written by
import can also be passed to --catalog as it is.
`

func cmdCatalog(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, catalogUsage)
		return exitUsage
	}
	fs := pflag.NewFlagSet("rolelint catalog", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	output := fs.StringP("output", "o", "catalog/data/operations.tsv", "where import writes the operations (- for standard output)")
	extra := fs.StringArray("catalog", nil, "extra operations `FILE` to include in stats")
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	switch args[0] {
	case "stats":
		c, err := loadCatalog(*extra)
		if err != nil {
			fmt.Fprintf(stderr, "rolelint: %v\n", err)
			return exitUsage
		}
		st := c.Stats()
		fmt.Fprintf(stdout, "catalog date:      %s\nsource:            %s\noperations:        %d (%d data actions) in %d providers\n  from the docs:   %d\n  from built-ins:  %d\n  added by you:    %d\nwildcard patterns: %d in built-in roles (%d cover operations the docs omit)\nbuilt-in roles:    %d (%d with permissions)\n",
			c.Date(), c.Source(), st.Operations, st.DataActions, st.Providers,
			st.BySource[catalog.SourceDocs], st.BySource[catalog.SourceBuiltin], st.BySource[catalog.SourceUser],
			st.Patterns, st.ExtendingPatterns, st.BuiltinRoles, st.BuiltinRolesKnown)
		return exitOK
	case "import":
		if fs.NArg() != 1 {
			fmt.Fprint(stderr, catalogUsage)
			return exitUsage
		}
		in := stdin
		if name := fs.Arg(0); name != "-" {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintf(stderr, "rolelint: %v\n", err)
				return exitUsage
			}
			defer f.Close()
			in = f
		}
		ops, err := catalog.Import(in)
		if err != nil {
			fmt.Fprintf(stderr, "rolelint: %v\n", err)
			return exitUsage
		}
		var b bytes.Buffer
		if err := catalog.WriteTSV(&b, ops); err != nil {
			fmt.Fprintf(stderr, "rolelint: %v\n", err)
			return exitInternal
		}
		if *output == "-" {
			stdout.Write(b.Bytes())
			return exitOK
		}
		if err := writeAtomic(*output, b.Bytes()); err != nil {
			fmt.Fprintf(stderr, "rolelint: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(stderr, "wrote %d operations to %s; run 'go generate ./catalog' to rebuild the embedded catalog\n", len(ops), *output)
		return exitOK
	}
	fmt.Fprint(stderr, catalogUsage)
	return exitUsage
}

// writeAtomic replaces name with data through a temporary file in the same
// directory, so a reader never sees half a file.
func writeAtomic(name string, data []byte) error {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(name); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".rolelint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
