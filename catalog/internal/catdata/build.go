package catdata

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// The files under catalog/data that Build reads.
const (
	OpsFile   = "operations.tsv"
	RolesFile = "builtin-roles.json"
	MetaFile  = "meta.txt"
)

// TSVHeader is the header line of operations.tsv.
const TSVHeader = "operation\tprovider\tdata_action"

// BuildDir builds the catalog from the files in dir (catalog/data).
func BuildDir(dir string) (*Data, error) {
	var src [3][]byte
	for i, name := range []string{OpsFile, RolesFile, MetaFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("build catalog: %w", err)
		}
		src[i] = b
	}
	return Build(src[0], src[1], src[2])
}

// Build merges the documented operations with the permissions of the
// built-in roles. The docs miss operations that built-in roles grant (whole
// providers such as Microsoft.DeviceRegistry), and a linter that called
// those unknown would raise false errors on copies of built-in roles, so the
// catalog is the union: a role's concrete operation missing from the docs in
// its plane becomes an op with SourceBuiltin, and every distinct wildcard
// becomes a Pattern. (Being in a built-in role does not prove that a custom
// role may use it: retired providers such as Microsoft.ClassicNetwork are
// rejected; rules judge that, the catalog only records what exists.)
func Build(opsTSV, rolesJSON, metaTxt []byte) (*Data, error) {
	d := &Data{}
	if err := parseMeta(d, metaTxt); err != nil {
		return nil, err
	}
	spellings := newSpellings()
	docs, err := parseOps(opsTSV, spellings)
	if err != nil {
		return nil, err
	}
	if err := parseRoles(d, rolesJSON); err != nil {
		return nil, err
	}
	addBuiltinPerms(d, docs, spellings)
	d.Providers = spellings.canonical()
	return d, nil
}

func parseMeta(d *Data, src []byte) error {
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return fmt.Errorf("%s:%d: want key: value", MetaFile, i+1)
		}
		switch value = strings.TrimSpace(value); strings.TrimSpace(key) {
		case "date":
			d.Date = value
		case "source":
			d.Source = value
		default:
			return fmt.Errorf("%s:%d: unknown key %q", MetaFile, i+1, key)
		}
	}
	if d.Date == "" || d.Source == "" {
		return fmt.Errorf("%s: date and source are required", MetaFile)
	}
	return nil
}

type opKey struct {
	fold string
	data bool
}

func parseOps(src []byte, sp *spellings) ([]Op, error) {
	var ops []Op
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, 1<<20)
	seen := make(map[opKey]bool)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			if text != TSVHeader {
				return nil, fmt.Errorf("%s:1: header %q, want %q", OpsFile, text, TSVHeader)
			}
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 3", OpsFile, line, len(f))
		}
		name, section, flag := f[0], f[1], f[2]
		if err := CheckOpName(name); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", OpsFile, line, err)
		}
		if !strings.EqualFold(Namespace(name), section) {
			return nil, fmt.Errorf("%s:%d: %q is not in provider %q", OpsFile, line, name, section)
		}
		if flag != "true" && flag != "false" {
			return nil, fmt.Errorf("%s:%d: data_action %q, want true or false", OpsFile, line, flag)
		}
		k := opKey{Fold(name), flag == "true"}
		if seen[k] {
			return nil, fmt.Errorf("%s:%d: duplicate operation %q", OpsFile, line, name)
		}
		seen[k] = true
		ops = append(ops, Op{Name: name, Data: k.data, Source: SourceDocs})
		sp.add(section, true, 0) // a heading is a spelling, not a use
		sp.add(Namespace(name), true, 1)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", OpsFile, err)
	}
	return ops, nil
}

// CheckOpName rejects strings that cannot be a concrete operation. It is
// deliberately loose about characters: the docs use ':', '$' and '{}'.
func CheckOpName(name string) error {
	switch {
	case name == "":
		return errors.New("empty operation")
	case strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r == 0x7f }):
		return fmt.Errorf("operation %q contains white space or a control character", name)
	case strings.Contains(name, "*"):
		return fmt.Errorf("operation %q contains '*': list operations, not patterns", name)
	case Namespace(name) == "":
		return fmt.Errorf("operation %q has no provider namespace before '/'", name)
	case strings.HasSuffix(name, "/"):
		return fmt.Errorf("operation %q ends with '/'", name)
	}
	return nil
}

// jsonRole mirrors builtin-roles.json. Pointers to slices tell null from [].
type jsonRole struct {
	RoleName       string    `json:"roleName"`
	ID             string    `json:"id"`
	Actions        *[]string `json:"actions"`
	NotActions     *[]string `json:"notActions"`
	DataActions    *[]string `json:"dataActions"`
	NotDataActions *[]string `json:"notDataActions"`
}

func parseRoles(d *Data, src []byte) error {
	var roles []jsonRole
	if err := json.Unmarshal(src, &roles); err != nil {
		return fmt.Errorf("%s: %w", RolesFile, err)
	}
	for i, jr := range roles {
		arrays := [4]*[]string{jr.Actions, jr.NotActions, jr.DataActions, jr.NotDataActions}
		nulls := 0
		for _, a := range arrays {
			if a == nil {
				nulls++
			}
		}
		if jr.RoleName == "" || jr.ID == "" {
			return fmt.Errorf("%s: role %d: roleName and id are required", RolesFile, i)
		}
		if nulls != 0 && nulls != 4 {
			return fmt.Errorf("%s: role %q: either all permission arrays are null or none", RolesFile, jr.RoleName)
		}
		r := Role{Name: jr.RoleName, ID: jr.ID, Known: nulls == 0}
		if r.Known {
			for k, a := range arrays {
				r.Perms[k] = *a
				for _, s := range *a {
					if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' }) {
						return fmt.Errorf("%s: role %q: bad permission %q", RolesFile, jr.RoleName, s)
					}
				}
			}
		}
		d.Roles = append(d.Roles, r)
	}
	return nil
}

// addBuiltinPerms adds the built-in roles' permissions that the docs lack
// and fills d.Planes and d.Patterns.
func addBuiltinPerms(d *Data, docs []Op, sp *spellings) {
	known := make(map[opKey]bool, len(docs))
	for _, op := range docs {
		known[opKey{Fold(op.Name), op.Data}] = true
	}
	// A name or pattern spelt several ways in the roles takes the spelling
	// canonical() would pick for a namespace: mixed case, then most used.
	ops := docs
	added := make(map[opKey]*spellings)
	patterns := make(map[opKey]*spellings)
	var order []opKey
	for _, r := range d.Roles {
		for k, perms := range r.Perms {
			data := k >= 2
			for _, s := range perms {
				key := opKey{Fold(s), data}
				if ns := Namespace(s); ns != "" && !strings.Contains(ns, "*") {
					sp.add(ns, false, 1)
				}
				set := added
				if strings.Contains(s, "*") {
					set = patterns
				} else if known[key] {
					continue
				}
				if set[key] == nil {
					set[key] = newSpellings()
					order = append(order, key)
				}
				set[key].add(s, false, 1)
			}
		}
	}
	for _, key := range order {
		if s, ok := added[key]; ok {
			ops = append(ops, Op{Name: s.canonical()[0], Data: key.data, Source: SourceBuiltin})
		} else {
			d.Patterns = append(d.Patterns, Pattern{Text: patterns[key].canonical()[0], Data: key.data})
		}
	}
	for _, op := range ops {
		p := &d.Planes[b2i(op.Data)]
		p.Ops = append(p.Ops, op)
	}
	for i := range d.Planes {
		p := &d.Planes[i]
		slices.SortStableFunc(p.Ops, func(a, b Op) int { return strings.Compare(Fold(a.Name), Fold(b.Name)) })
		p.Keys = make([]string, len(p.Ops))
		for j, op := range p.Ops {
			p.Keys[j] = Fold(op.Name)
		}
	}

	// A pattern extends the catalog when no documented op of its plane
	// matches it. Patterns that do match (up to Owner's "*") say nothing
	// about operations the docs omit, and counting them would make every
	// string look covered.
	var docKeys [2][]string
	for i, p := range d.Planes {
		for j, op := range p.Ops {
			if op.Source == SourceDocs {
				docKeys[i] = append(docKeys[i], p.Keys[j])
			}
		}
	}
	for i := range d.Patterns {
		p := &d.Patterns[i]
		p.Extends = !anyMatch(docKeys[b2i(p.Data)], Fold(p.Text))
	}
	slices.SortStableFunc(d.Patterns, func(a, b Pattern) int {
		if c := boolCmp(a.Data, b.Data); c != 0 {
			return c
		}
		return strings.Compare(Fold(a.Text), Fold(b.Text))
	})
}

// anyMatch reports whether a folded pattern matches one of the sorted keys,
// looking only at the keys that share the pattern's literal prefix.
func anyMatch(sorted []string, pattern string) bool {
	prefix, _, _ := strings.Cut(pattern, "*")
	for i := sort.SearchStrings(sorted, prefix); i < len(sorted) && strings.HasPrefix(sorted[i], prefix); i++ {
		if Glob(pattern, sorted[i]) {
			return true
		}
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func boolCmp(a, b bool) int { return b2i(a) - b2i(b) }

// spellings collects the spellings of each provider namespace to choose a
// canonical one: the docs mix "microsoft.web" (the section heading and most
// names) with "Microsoft.Web", and "Microsoft.Network" with
// "microsoft.network".
type spellings struct {
	byFold map[string]map[string]*spelling
}

type spelling struct {
	docs   bool
	weight int
}

func newSpellings() *spellings { return &spellings{byFold: make(map[string]map[string]*spelling)} }

func (sp *spellings) add(ns string, docs bool, weight int) {
	m := sp.byFold[Fold(ns)]
	if m == nil {
		m = make(map[string]*spelling)
		sp.byFold[Fold(ns)] = m
	}
	s := m[ns]
	if s == nil {
		s = &spelling{}
		m[ns] = s
	}
	s.docs = s.docs || docs
	s.weight += weight
}

// canonical picks, per namespace: a spelling from the docs over one seen only
// in built-in roles; then a mixed-case spelling (the usual "Microsoft.Xyz")
// over all-lower or all-upper; then the most used; then the first bytewise.
func (sp *spellings) canonical() []string {
	out := make([]string, 0, len(sp.byFold))
	for _, m := range sp.byFold {
		var best string
		for s := range m {
			if best == "" || betterSpelling(s, m[s], best, m[best]) {
				best = s
			}
		}
		out = append(out, best)
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(Fold(a), Fold(b)) })
	return out
}

func betterSpelling(a string, sa *spelling, b string, sb *spelling) bool {
	if sa.docs != sb.docs {
		return sa.docs
	}
	if ma, mb := mixedCase(a), mixedCase(b); ma != mb {
		return ma
	}
	if sa.weight != sb.weight {
		return sa.weight > sb.weight
	}
	return a < b
}

func mixedCase(s string) bool {
	return strings.ToLower(s) != s && strings.ToUpper(s) != s
}
