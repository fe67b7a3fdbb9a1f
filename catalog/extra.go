package catalog

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

// WithExtra returns a new catalog holding c's operations plus the user's
// (preview, private or newer operations the snapshot lacks), read from r;
// name is used in error messages as "name:line: ...". c is not changed.
//
// r holds either operations.tsv's format (header
// "operation<TAB>provider<TAB>data_action"; provider may be empty and is
// then derived from the name; data_action true or false, empty meaning
// false) or a plain list with one control-plane operation per line. Blank
// lines and lines starting with '#' are ignored in both. An operation the
// catalog already has in that plane keeps its canonical spelling and source.
func (c *Catalog) WithExtra(name string, r io.Reader) (*Catalog, error) {
	ops, err := parseExtra(name, r)
	if err != nil {
		return nil, err
	}
	return c.with(ops), nil
}

func parseExtra(name string, r io.Reader) ([]Op, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var ops []Op
	line, tsv, started := 0, false, false
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF") // BOM from Windows editors
		}
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		// In a TSV an empty column is meaningful; in a list only the name is.
		fields := []string{trimmed}
		if tsv || !started {
			fields = strings.Split(strings.TrimRight(text, " \r"), "\t")
			for i := range fields {
				fields[i] = strings.TrimSpace(fields[i])
			}
		}
		if !started {
			started = true
			if strings.EqualFold(fields[0], "operation") {
				if !strings.EqualFold(strings.Join(fields, "\t"), catdata.TSVHeader) {
					return nil, fmt.Errorf("%s:%d: header %q, want %q", name, line, text, catdata.TSVHeader)
				}
				tsv = true
				continue
			}
		}
		op, err := parseExtraLine(fields, tsv)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		ops = append(ops, op)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return ops, nil
}

func parseExtraLine(fields []string, tsv bool) (Op, error) {
	if !tsv && (len(fields) > 1 || strings.Contains(fields[0], "\t")) {
		return Op{}, fmt.Errorf("tab-separated fields without the header %q", catdata.TSVHeader)
	}
	if len(fields) > 3 {
		return Op{}, fmt.Errorf("%d fields, want at most 3 (%s)", len(fields), strings.ReplaceAll(catdata.TSVHeader, "\t", ", "))
	}
	name := fields[0]
	if err := catdata.CheckOpName(name); err != nil {
		return Op{}, err
	}
	op := Op{Name: name, Provider: catdata.Namespace(name), Source: SourceUser}
	if len(fields) > 1 && fields[1] != "" && !strings.EqualFold(fields[1], op.Provider) {
		return Op{}, fmt.Errorf("provider %q does not match the namespace of %q", fields[1], name)
	}
	if len(fields) > 2 {
		switch strings.ToLower(fields[2]) {
		case "true":
			op.Data = true
		case "false", "":
		default:
			return Op{}, fmt.Errorf("data_action %q, want true or false", fields[2])
		}
	}
	return op, nil
}

// with returns a copy of c with ops added (where new in their plane).
func (c *Catalog) with(ops []Op) *Catalog {
	n := &Catalog{
		date:      c.date,
		source:    c.source,
		providers: make(map[string]string, len(c.providers)+len(ops)),
		extends:   c.extends,
		nPatterns: c.nPatterns,
		roles:     c.roles,
		roleIndex: c.roleIndex,
	}
	maps.Copy(n.providers, c.providers)
	var add [2][]Op
	for _, op := range ops {
		add[b2i(op.Data)] = append(add[b2i(op.Data)], op)
		if k := catdata.Fold(op.Provider); n.providers[k] == "" {
			n.providers[k] = op.Provider
		}
	}
	for i := range n.planes {
		n.planes[i] = c.planes[i].merge(add[i])
	}
	n.indexProviders()
	n.count()
	return n
}

// merge returns p with the ops it lacks added, in key order. It merges two
// sorted runs instead of re-sorting 17,000 names.
func (p *plane) merge(ops []Op) plane {
	type keyed struct {
		key string
		op  catdata.Op
	}
	var add []keyed
	seen := make(map[string]bool)
	for _, op := range ops {
		k := catdata.Fold(op.Name)
		if _, ok := p.find(k); ok || seen[k] {
			continue
		}
		seen[k] = true
		add = append(add, keyed{k, catdata.Op{Name: op.Name, Data: op.Data, Source: uint8(op.Source)}})
	}
	slices.SortFunc(add, func(a, b keyed) int { return strings.Compare(a.key, b.key) })

	out := newPlane(make([]catdata.Op, 0, len(p.ops)+len(add)), make([]string, 0, len(p.ops)+len(add)))
	i := 0
	for _, a := range add {
		for ; i < len(p.keys) && p.keys[i] < a.key; i++ {
			out.ops, out.keys = append(out.ops, p.ops[i]), append(out.keys, p.keys[i])
		}
		out.ops, out.keys = append(out.ops, a.op), append(out.keys, a.key)
	}
	out.ops, out.keys = append(out.ops, p.ops[i:]...), append(out.keys, p.keys[i:]...)
	return out
}
