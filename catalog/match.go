package catalog

import (
	"sort"
	"strings"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

// MatchPattern reports whether op matches pattern as Azure matches
// permissions: case-insensitively, with '*' matching any run of characters,
// '/' included, so "Microsoft.Storage/*/read" reaches nested types. Any
// number of '*' is accepted here; Azure's one-wildcard limit is a rule, not
// a matching question.
func MatchPattern(pattern, op string) bool {
	return catdata.GlobFold(pattern, op)
}

// Match expands pattern against the ops of one plane and returns them in
// catalog order (by folded name). A pattern without '*' is an exact lookup.
//
// Only the ops that share the pattern's literal prefix are examined, so
// "Microsoft.Compute/*/read" looks at Microsoft.Compute alone; "*/read"
// scans the plane once. Results are cached per catalog, so a wildcard
// repeated across many role files is expanded once. The returned slice is
// shared between callers and must not be modified.
func (c *Catalog) Match(pattern string, data bool) []Op {
	ops, _ := c.MatchFolded(pattern, data)
	return ops
}

// MatchFolded is Match that also returns the folded name of each op
// (keys[i] is Fold(ops[i].Name), which is strings.ToLower), for callers
// that compare names ignoring case. Both slices are shared and must not be
// modified.
func (c *Catalog) MatchFolded(pattern string, data bool) (ops []Op, keys []string) {
	p := &c.planes[b2i(data)]
	if !strings.Contains(pattern, "*") {
		if i, ok := p.findFold(pattern); ok {
			if p.exact != nil && p.exact.ready.Load() {
				p.index() // orders this read of pub after its building
				return p.exact.pub[i : i+1 : i+1], p.keys[i : i+1 : i+1]
			}
			return []Op{p.op(i)}, p.keys[i : i+1 : i+1]
		}
		return nil, nil
	}
	key := catdata.Fold(pattern)
	cache := &c.matches[b2i(data)]
	if v, ok := cache.Load(key); ok {
		m := v.(*matched)
		return m.ops, m.keys
	}
	// The key may share memory with a role file (Fold returns a string
	// that has no upper case as it is): copy it, or the cache would keep
	// the file alive.
	v, _ := cache.LoadOrStore(strings.Clone(key), p.match(key))
	m := v.(*matched)
	return m.ops, m.keys
}

// matched is one cached expansion.
type matched struct {
	ops  []Op
	keys []string
}

// match expands a folded pattern containing '*', without the cache. It
// counts before it allocates: "*/read" keeps a third of the plane.
func (p *plane) match(key string) *matched {
	prefix, rest, _ := strings.Cut(key, "*")
	lo, hi := p.prefixRange(prefix)
	matches := func(k string) bool { return catdata.Glob(key, k) }
	if !strings.Contains(rest, "*") {
		// One '*': the range gives the prefix; check the suffix.
		matches = func(k string) bool { return len(k) >= len(key)-1 && strings.HasSuffix(k, rest) }
	}
	n := 0
	for i := lo; i < hi; i++ {
		if matches(p.keys[i]) {
			n++
		}
	}
	if n == 0 {
		return &matched{}
	}
	m := &matched{ops: make([]Op, 0, n), keys: make([]string, 0, n)}
	for i := lo; i < hi; i++ {
		if matches(p.keys[i]) {
			m.ops = append(m.ops, p.op(i))
			m.keys = append(m.keys, p.keys[i])
		}
	}
	return m
}

// prefixRange returns the half-open range of keys that start with prefix.
func (p *plane) prefixRange(prefix string) (lo, hi int) {
	lo = sort.SearchStrings(p.keys, prefix)
	hi = lo + sort.Search(len(p.keys)-lo, func(i int) bool {
		return !strings.HasPrefix(p.keys[lo+i], prefix)
	})
	return lo, hi
}

// Covered reports whether Azure is known to accept pattern (or a plain
// operation) in the given plane: it matches at least one op, or every
// string it matches is also matched by a built-in role's wildcard that
// stands for undocumented operations (see ExtendedBy). For example
// "Microsoft.DeviceRegistry/Assets/*/read" is covered by a built-in role's
// "Microsoft.DeviceRegistry/Assets/*" although the docs have no such
// provider and the catalog no such operation.
func (c *Catalog) Covered(pattern string, data bool) bool {
	if len(c.Match(pattern, data)) > 0 {
		return true
	}
	_, ok := c.ExtendedBy(pattern, data)
	return ok
}

// ExtendedBy returns the built-in role wildcard whose matches include every
// string that pattern matches, considering only the wildcards that match no
// documented operation of the plane: the built-in roles' evidence of
// operations the docs omit. Wildcards that do match documented operations
// are left out on purpose; otherwise Owner's "*" would vouch for any typo.
func (c *Catalog) ExtendedBy(pattern string, data bool) (builtin string, ok bool) {
	key := catdata.Fold(pattern)
	for _, p := range c.extends[b2i(data)] {
		// Glob with a pattern as its subject decides language inclusion:
		// a '*' of key can only be absorbed by a '*' of p.key.
		if catdata.Glob(p.key, key) {
			return p.text, true
		}
	}
	return "", false
}

// suffixKey keys the cache of MatchFoldedSuffix.
type suffixKey struct{ pattern, suffix string }

// MatchFoldedSuffix is MatchFolded restricted to the ops whose folded name
// ends with suffix (which must be folded). Rules look for a few kinds of
// operation (".../listkeys/action") in the expansion of the same wildcards
// in file after file; the filtered expansions are cached like Match's.
func (c *Catalog) MatchFoldedSuffix(pattern string, data bool, suffix string) (ops []Op, keys []string) {
	if !strings.Contains(pattern, "*") {
		all, allKeys := c.MatchFolded(pattern, data)
		if len(allKeys) == 1 && strings.HasSuffix(allKeys[0], suffix) {
			return all, allKeys
		}
		return nil, nil
	}
	key := suffixKey{catdata.Fold(pattern), suffix}
	cache := &c.suffixes[b2i(data)]
	if v, ok := cache.Load(key); ok {
		m := v.(*matched)
		return m.ops, m.keys
	}
	all, allKeys := c.MatchFolded(pattern, data)
	m := &matched{}
	for i, k := range allKeys {
		if strings.HasSuffix(k, suffix) {
			m.ops = append(m.ops, all[i])
			m.keys = append(m.keys, k)
		}
	}
	v, _ := cache.LoadOrStore(key, m)
	m = v.(*matched)
	return m.ops, m.keys
}
