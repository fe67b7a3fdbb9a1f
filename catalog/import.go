package catalog

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

// Import reads the operations of a live tenant, so that the catalog can be
// refreshed or extended beyond the documentation snapshot. It accepts the
// JSON printed by `az provider operation list` (an array of providers, each
// with "operations" and "resourceTypes[].operations"), the single provider
// printed by `az provider operation show`, and the flat array printed by
// `Get-AzProviderOperation | ConvertTo-Json` ("Operation", "IsDataAction").
//
// The result has Source SourceUser, no duplicates (per plane,
// case-insensitively, first spelling kept) and WriteTSV's order.
func Import(r io.Reader) ([]Op, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	var providers []azProvider
	switch t := bytes.TrimLeft(src, " \t\r\n"); {
	case len(t) > 0 && t[0] == '[':
		err = json.Unmarshal(src, &providers)
	case len(t) > 0 && t[0] == '{':
		providers = make([]azProvider, 1)
		err = json.Unmarshal(src, &providers[0])
	default:
		err = errors.New("want a JSON array or object")
	}
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}

	var ops []Op
	seen := make(map[[2]string]bool)
	add := func(where, name string, data bool) error {
		if err := catdata.CheckOpName(name); err != nil {
			return fmt.Errorf("import: %s: %w", where, err)
		}
		plane := "control"
		if data {
			plane = "data"
		}
		if k := [2]string{catdata.Fold(name), plane}; !seen[k] {
			seen[k] = true
			ops = append(ops, Op{Name: name, Provider: catdata.Namespace(name), Data: data, Source: SourceUser})
		}
		return nil
	}
	for i, p := range providers {
		if p.Operation != "" { // Get-AzProviderOperation shape
			if err := add(fmt.Sprintf("entry %d", i), p.Operation, bool(p.IsDataAction)); err != nil {
				return nil, err
			}
			continue
		}
		where := fmt.Sprintf("provider %d (%s)", i, p.Name)
		for j, o := range p.Operations {
			if err := add(fmt.Sprintf("%s operation %d", where, j), o.Name, bool(o.IsDataAction)); err != nil {
				return nil, err
			}
		}
		for _, rt := range p.ResourceTypes {
			for j, o := range rt.Operations {
				if err := add(fmt.Sprintf("%s resource type %s operation %d", where, rt.Name, j), o.Name, bool(o.IsDataAction)); err != nil {
					return nil, err
				}
			}
		}
	}
	sortTSV(ops)
	return ops, nil
}

type azProvider struct {
	ID            string           `json:"id"`
	Name          string           `json:"name"`
	Operations    []azOperation    `json:"operations"`
	ResourceTypes []azResourceType `json:"resourceTypes"`

	// Get-AzProviderOperation | ConvertTo-Json prints flat entries.
	Operation    string   `json:"Operation"`
	IsDataAction jsonBool `json:"IsDataAction"`
}

type azResourceType struct {
	Name       string        `json:"name"`
	Operations []azOperation `json:"operations"`
}

type azOperation struct {
	Name         string   `json:"name"`
	IsDataAction jsonBool `json:"isDataAction"`
}

// jsonBool accepts true, false, null and their quoted forms: some
// operation listings serialise isDataAction as a string.
type jsonBool bool

func (b *jsonBool) UnmarshalJSON(data []byte) error {
	switch strings.ToLower(strings.Trim(string(data), `"`)) {
	case "true":
		*b = true
	case "false", "null", "":
		*b = false
	default:
		return fmt.Errorf("isDataAction %s, want true or false", data)
	}
	return nil
}

// WriteTSV writes ops in operations.tsv's format (the header, then
// operation, provider and data_action per line), sorted by provider, then
// operation, case-insensitively, control before data. The provider column is
// Op.Provider, or the name's namespace when that is empty.
func WriteTSV(w io.Writer, ops []Op) error {
	ops = slices.Clone(ops)
	for i := range ops {
		if ops[i].Provider == "" {
			ops[i].Provider = catdata.Namespace(ops[i].Name)
		}
		if strings.ContainsAny(ops[i].Name+ops[i].Provider, "\t\r\n") {
			return fmt.Errorf("write tsv: operation %q: tab or newline in a field", ops[i].Name)
		}
	}
	sortTSV(ops)
	bw := bufio.NewWriter(w)
	bw.WriteString(catdata.TSVHeader + "\n")
	for _, op := range ops {
		fmt.Fprintf(bw, "%s\t%s\t%t\n", op.Name, op.Provider, op.Data)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write tsv: %w", err)
	}
	return nil
}

func sortTSV(ops []Op) {
	slices.SortStableFunc(ops, func(a, b Op) int {
		pa, pb := a.Provider, b.Provider
		if pa == "" {
			pa = catdata.Namespace(a.Name)
		}
		if pb == "" {
			pb = catdata.Namespace(b.Name)
		}
		return cmp.Or(
			strings.Compare(catdata.Fold(pa), catdata.Fold(pb)),
			strings.Compare(catdata.Fold(a.Name), catdata.Fold(b.Name)),
			cmp.Compare(b2i(a.Data), b2i(b.Data)),
		)
	})
}
