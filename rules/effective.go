package rules

import (
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/catalog"
	"github.com/rolelint/rolelint/role"
)

// Grant is one operation a role really grants and the entry that grants it.
type Grant struct {
	Op   string // canonical spelling from the catalog, or the literal as written
	Data bool
	From role.Str // the Actions or DataActions entry
	// Known is false for a literal operation the catalog does not know.
	Known bool
}

// Effective answers what one definition grants: Actions minus NotActions
// and DataActions minus NotDataActions, block by block as Azure evaluates
// each permissions[] element, against the catalog. Full expansion is lazy:
// most rules ask about single operations (Grants), which needs none.
type Effective struct {
	Def      *role.Definition
	cat      *catalog.Catalog
	expanded [2][]Grant
	done     [2]bool
}

// EffectiveOf returns the Effective of each definition of a pass's file, in
// the order of Loaded.Defs.
func EffectiveOf(pass *analysis.Pass) []*Effective {
	return pass.ResultOf[EffectivePermissions].([]*Effective)
}

// EffectivePermissions is the shared analyzer that later rules (NotActions,
// privilege escalation, built-in equality) reason on.
var EffectivePermissions = &analysis.Analyzer{
	Name:       "effective",
	Doc:        "expand each role's Actions and DataActions against the catalog, minus NotActions and NotDataActions",
	Requires:   []*analysis.Analyzer{Load, Catalog},
	ResultType: reflect.TypeOf([]*Effective(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		cat := CatalogOf(pass)
		var out []*Effective
		for _, d := range For(pass).Defs {
			out = append(out, NewEffective(d, cat))
		}
		return out, nil
	},
}

// NewEffective is the effective-permission view of d.
func NewEffective(d *role.Definition, cat *catalog.Catalog) *Effective {
	return &Effective{Def: d, cat: cat}
}

// lists returns a block's allow and deny strings of one plane, without the
// ones Azure would reject outright (malformed, several wildcards, Entra
// permissions): the role would not deploy, so they grant nothing, and the
// RL2xx rules already report them.
func lists(p *role.Permission, data bool) (allow, deny []role.Str) {
	if data {
		return usable(p.DataActions.Items), usable(p.NotDataActions.Items)
	}
	return usable(p.Actions.Items), usable(p.NotActions.Items)
}

func usable(items []role.Str) []role.Str {
	for i, s := range items {
		if !valid(s.Value) {
			out := append([]role.Str(nil), items[:i]...)
			for _, t := range items[i+1:] {
				if valid(t.Value) {
					out = append(out, t)
				}
			}
			return out
		}
	}
	return items
}

func valid(v string) bool {
	return malformed(v) == "" && strings.Count(v, "*") <= 1 && !strings.HasPrefix(strings.ToLower(v), "microsoft.directory/")
}

// Grants reports whether the role grants op in the plane after subtraction,
// with the entry that grants it. When an entry matches op but a Not entry
// removes it, the next entry is tried: any block or entry that still grants
// it wins, as in Azure.
func (e *Effective) Grants(op string, data bool) (from role.Str, ok bool) {
	for i := range e.Def.Permissions {
		allow, deny := lists(&e.Def.Permissions[i], data)
		for _, a := range allow {
			if a.Expr || !catalog.MatchPattern(a.Value, op) {
				continue
			}
			if !removed(deny, op) {
				return a, true
			}
		}
	}
	return role.Str{}, false
}

// RemovedBy lists the Not entries that subtract op (for messages).
func (e *Effective) RemovedBy(op string, data bool) []role.Str {
	var out []role.Str
	for i := range e.Def.Permissions {
		_, deny := lists(&e.Def.Permissions[i], data)
		for _, n := range deny {
			if !n.Expr && catalog.MatchPattern(n.Value, op) {
				out = append(out, n)
			}
		}
	}
	return out
}

func removed(deny []role.Str, op string) bool {
	for _, n := range deny {
		if !n.Expr && catalog.MatchPattern(n.Value, op) {
			return true
		}
	}
	return false
}

// Expand returns every operation the role grants in the plane, sorted by
// folded name, each once with the first entry that grants it. Literal
// operations the catalog does not know are included as written.
func (e *Effective) Expand(data bool) []Grant {
	pl := 0
	if data {
		pl = 1
	}
	if e.done[pl] {
		return e.expanded[pl]
	}
	seen := map[string]bool{}
	var out []Grant
	for i := range e.Def.Permissions {
		allow, deny := lists(&e.Def.Permissions[i], data)
		for _, a := range allow {
			if a.Expr {
				continue
			}
			ops := e.cat.Match(a.Value, data)
			if len(ops) == 0 && !strings.Contains(a.Value, "*") && a.Value != "" {
				if k := strings.ToLower(a.Value); !seen[k] && !removed(deny, a.Value) {
					seen[k] = true
					out = append(out, Grant{Op: a.Value, Data: data, From: a})
				}
				continue
			}
			for _, op := range ops {
				k := strings.ToLower(op.Name)
				if seen[k] || removed(deny, op.Name) {
					continue
				}
				seen[k] = true
				out = append(out, Grant{Op: op.Name, Data: data, From: a, Known: true})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Op) < strings.ToLower(out[j].Op) })
	e.expanded[pl], e.done[pl] = out, true
	return out
}

func catalogMatch(pattern, s string) bool { return catalog.MatchPattern(pattern, s) }

// Find returns the granted operations of the plane for which pred holds
// (on the folded name), each once, without expanding the rest: cheaper than
// Expand when a rule looks for a few kinds of operation.
func (e *Effective) Find(data bool, pred func(folded string) bool) []Grant {
	seen := map[string]bool{}
	var out []Grant
	for i := range e.Def.Permissions {
		allow, deny := lists(&e.Def.Permissions[i], data)
		for _, a := range allow {
			if a.Expr {
				continue
			}
			ops := e.cat.Match(a.Value, data)
			if len(ops) == 0 && !strings.Contains(a.Value, "*") {
				ops = []catalog.Op{{Name: a.Value, Data: data}}
			}
			for _, op := range ops {
				k := strings.ToLower(op.Name)
				if seen[k] || !pred(k) || removed(deny, op.Name) {
					continue
				}
				seen[k] = true
				out = append(out, Grant{Op: op.Name, Data: data, From: a, Known: op.Provider != ""})
			}
		}
	}
	return out
}
