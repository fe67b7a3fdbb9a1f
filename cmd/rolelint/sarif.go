package main

import (
	"io"

	"github.com/rolelint/rolelint/catalog"
	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/sarif"
)

// writeSARIF writes the run as SARIF 2.1.0 (see package sarif), naming the
// catalog the operations were checked against.
func writeSARIF(w io.Writer, res *lint.Result, cat *catalog.Catalog) error {
	return sarif.Write(w, res, sarif.Tool{Version: version, CatalogDate: cat.Date(), CatalogSource: cat.Source()})
}
