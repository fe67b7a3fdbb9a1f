package rules

import (
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

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

	// blocks[plane] are the usable allow and deny lists of each
	// permissions[] element, computed once: every rule asks about several
	// operations, and telling usable strings from rejected ones is not free.
	blocks [2][]block

	// rejected holds the offsets of the strings the Operations analyzer
	// found Azure rejects (RL201, RL202, RL209), when verdicts is set:
	// then the usable lists need no second look at each string.
	verdicts bool
	rejected map[int]bool
}

type block struct {
	allow, deny []role.Str
	ok          bool
	// exact maps each ASCII literal allow entry, lower-cased, to its first
	// index in allow; wild lists the other usable entries (wildcards and
	// non-ASCII text) by index. Grants looks an operation up in exact and
	// tries only wild, instead of matching every entry of a long list.
	exact map[uint64]int // foldHash -> index
	wild  []int
	// slow is set for a short list, or when two different entries share a
	// hash: Grants then matches every entry of the block. lits has bit j
	// set for a short list's ASCII entry j without '*', which matches an
	// ASCII operation exactly when it equals it ignoring case.
	slow bool
	lits uint64
}

func plane(data bool) int {
	if data {
		return 1
	}
	return 0
}

// block returns the usable lists of permission block i in the plane.
func (e *Effective) block(i int, data bool) (allow, deny []role.Str) {
	b := e.indexed(i, data)
	return b.allow, b.deny
}

func (e *Effective) indexed(i int, data bool) *block {
	pl := plane(data)
	if e.blocks[pl] == nil {
		e.blocks[pl] = make([]block, len(e.Def.Permissions))
	}
	b := &e.blocks[pl][i]
	if b.ok {
		return b
	}
	if p := &e.Def.Permissions[i]; !e.verdicts {
		b.allow, b.deny = lists(p, data)
	} else if data {
		b.allow, b.deny = e.usable(p.DataActions.Items), e.usable(p.NotDataActions.Items)
	} else {
		b.allow, b.deny = e.usable(p.Actions.Items), e.usable(p.NotActions.Items)
	}
	b.ok = true
	if len(b.allow) <= smallList {
		b.slow = true // matching every entry is cheaper than a map
		for j, a := range b.allow {
			if !strings.Contains(a.Value, "*") && isASCII(a.Value) {
				b.lits |= 1 << j
			}
		}
		return b
	}
	b.exact = make(map[uint64]int, len(b.allow))
	for j, a := range b.allow {
		switch {
		case a.Expr:
		case strings.Contains(a.Value, "*") || !isASCII(a.Value):
			b.wild = append(b.wild, j)
		default:
			h := foldHash(a.Value)
			if f, dup := b.exact[h]; !dup {
				b.exact[h] = j
			} else if !asciiEqualFold(b.allow[f].Value, a.Value) {
				b.slow = true
			}
		}
	}
	return b
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
	Requires:   []*analysis.Analyzer{Load, Catalog, Operations},
	ResultType: reflect.TypeOf([]*Effective(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		cat := CatalogOf(pass)
		var rejected map[int]bool
		for _, is := range pass.ResultOf[Operations].([]OpIssue) {
			switch is.ID {
			case "RL201", "RL202", "RL209":
				if rejected == nil {
					rejected = map[int]bool{}
				}
				rejected[is.Str.Off] = true
			}
		}
		var out []*Effective
		for _, d := range For(pass).Defs {
			e := NewEffective(d, cat)
			e.verdicts, e.rejected = true, rejected
			out = append(out, e)
		}
		return out, nil
	},
}

// usable is the function usable on the Operations verdicts: the items
// without the rejected ones. An unresolved template expression, which the
// Operations analyzer does not check, is kept; every reader of the lists
// skips it.
func (e *Effective) usable(items []role.Str) []role.Str {
	if len(e.rejected) == 0 {
		return items
	}
	return keep(items, func(s role.Str) bool { return !e.rejected[s.Off] })
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
	return keep(items, func(s role.Str) bool { return valid(s.Value) })
}

// keep returns the items for which ok holds: items itself when they all do
// (the usual case), else a copy.
func keep[T any](items []T, ok func(T) bool) []T {
	for i, s := range items {
		if !ok(s) {
			out := append([]T(nil), items[:i]...)
			for _, t := range items[i+1:] {
				if ok(t) {
					out = append(out, t)
				}
			}
			return out
		}
	}
	return items
}

func valid(v string) bool {
	return usableOp(v) || malformed(v) == "" && strings.Count(v, "*") <= 1 && !lowerHasPrefix(v, "microsoft.directory/")
}

// Grants reports whether the role grants op in the plane after subtraction,
// with the entry that grants it. When an entry matches op but a Not entry
// removes it, the next entry is tried: any block or entry that still grants
// it wins, as in Azure.
func (e *Effective) Grants(op string, data bool) (from role.Str, ok bool) {
	if isASCII(op) {
		return e.grantsIndexed(op, data)
	}
	for i := range e.Def.Permissions {
		allow, deny := e.block(i, data)
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

// grantsIndexed is Grants for an ASCII operation. A block's deny entries
// remove op or not whatever entry grants it, so the first block that does
// not remove it and has a matching entry decides, and the entry is the
// first that matches: the exact entry equal to op ignoring case (for ASCII
// that is what MatchPattern of a literal means) or an earlier wildcard.
func (e *Effective) grantsIndexed(op string, data bool) (role.Str, bool) {
	h := foldHash(op)
	for i := range e.Def.Permissions {
		b := e.indexed(i, data)
		if b.slow {
			for j, a := range b.allow {
				if a.Expr {
					continue
				}
				var match bool
				if j < 64 && b.lits&(1<<j) != 0 {
					match = asciiEqualFold(a.Value, op)
				} else {
					match = catalog.MatchPattern(a.Value, op)
				}
				if !match {
					continue
				}
				if !removed(b.deny, op) {
					return a, true
				}
				break
			}
			continue
		}
		first := -1
		if j, ok := b.exact[h]; ok && asciiEqualFold(b.allow[j].Value, op) {
			first = j
		}
		for _, j := range b.wild {
			if first >= 0 && j > first {
				break
			}
			if catalog.MatchPattern(b.allow[j].Value, op) {
				first = j
				break
			}
		}
		if first >= 0 && !removed(b.deny, op) {
			return b.allow[first], true
		}
	}
	return role.Str{}, false
}

// RemovedBy lists the Not entries that subtract op (for messages).
func (e *Effective) RemovedBy(op string, data bool) []role.Str {
	var out []role.Str
	for i := range e.Def.Permissions {
		_, deny := e.block(i, data)
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
		allow, deny := e.block(i, data)
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

// hasSuffixFold is strings.HasSuffix(strings.ToLower(s), suffix) for a
// lower-case ASCII suffix. When the last len(suffix) bytes of s are ASCII
// they are whole runes, and ToLower(s) ends with their lower case, so only
// they are looked at.
func hasSuffixFold(s, suffix string) bool {
	if len(s) >= len(suffix) {
		if tail := s[len(s)-len(suffix):]; isASCII(tail) {
			return asciiEqualFold(tail, suffix)
		}
	} else if isASCII(s) {
		return false
	}
	return strings.HasSuffix(strings.ToLower(s), suffix)
}

func catalogMatch(pattern, s string) bool { return catalog.MatchPattern(pattern, s) }

// FindSuffixes returns, for each lower-case suffix, the granted operations
// of the plane whose folded name ends with it, each once with the first
// entry that grants it. It makes one pass over the role, without expanding
// it: the wildcards' expansions are filtered (and cached) by the catalog
// rather than tested operation by operation, and a literal entry is looked
// up only when it ends with a suffix.
func (e *Effective) FindSuffixes(data bool, suffixes []string) [][]Grant {
	out := make([][]Grant, len(suffixes))
	seen := make([]map[string]bool, len(suffixes))
	add := func(s int, b *block, a role.Str, ops []catalog.Op, keys []string) {
		for k, op := range ops {
			key := keys[k]
			if seen[s][key] || removed(b.deny, op.Name) {
				continue
			}
			if seen[s] == nil {
				seen[s] = map[string]bool{}
			}
			seen[s][key] = true
			out[s] = append(out[s], Grant{Op: op.Name, Data: data, From: a, Known: op.Provider != ""})
		}
	}
	// longest is the length of the longest suffix, common the end they all
	// share ("/action"): an entry that does not end with it ends with none.
	longest, common := 0, ""
	for i, suffix := range suffixes {
		longest = max(longest, len(suffix))
		if i == 0 {
			common = suffix
		}
		for !strings.HasSuffix(suffix, common) {
			common = common[1:]
		}
	}
	var buf [64]byte
	for i := range e.Def.Permissions {
		b := e.indexed(i, data)
		for _, a := range b.allow {
			if a.Expr {
				continue
			}
			wild := strings.Contains(a.Value, "*")
			if !wild && !hasSuffixFold(a.Value, common) {
				continue
			}
			// The entry's last bytes in lower case, when they are ASCII
			// (then each suffix is a plain comparison; else hasSuffixFold).
			var tail []byte
			if !wild && longest <= len(buf) {
				tail = buf[:0]
				for _, c := range []byte(a.Value[max(0, len(a.Value)-longest):]) {
					if c >= utf8.RuneSelf {
						tail = nil
						break
					}
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					tail = append(tail, c)
				}
			}
			for s, suffix := range suffixes {
				switch {
				case wild:
					ops, keys := e.cat.MatchFoldedSuffix(a.Value, data, suffix)
					add(s, b, a, ops, keys)
				case tail != nil && (len(tail) < len(suffix) || string(tail[len(tail)-len(suffix):]) != suffix):
				case tail != nil || hasSuffixFold(a.Value, suffix):
					// A literal grants itself, in the catalog's spelling
					// when it is known.
					op, ok := e.cat.Lookup(a.Value, data)
					if !ok {
						op = catalog.Op{Name: a.Value, Data: data}
					}
					add(s, b, a, []catalog.Op{op}, []string{strings.ToLower(op.Name)})
				}
			}
		}
	}
	return out
}
