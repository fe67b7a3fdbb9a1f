package catalog

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

// Suggest returns up to n known operations of the plane that op may be a
// misspelling of, best first: candidates of op's own provider by edit
// distance, then those of other providers. A swap of two adjacent letters
// counts as one edit ("strat" -> "start"). Patterns (with '*') get none.
//
// Only close candidates are returned: at most max(2, len/8) edits, where len
// is the length of the part that differs (the '/'-separated segments that
// differ), and never more than 4. A typo in a long name is thus held to the
// same standard as in a short one: ".../blobs/raed" suggests
// ".../blobs/read" but not ".../blobs/write", and ".../strat/action"
// suggests ".../start/action" but not ".../restart/action".
//
// The search never computes a full edit distance per operation: it walks
// the sorted keys as a trie, reusing the rows of the shared prefix, and
// abandons a prefix, with every key under it, as soon as it is too far
// from the query; rows are banded to the allowed distance.
func (c *Catalog) Suggest(op string, data bool, n int) []string {
	if n <= 0 || op == "" || strings.Contains(op, "*") {
		return nil
	}
	q := catdata.Fold(op)
	p := &c.planes[b2i(data)]
	// A key within k edits of q is within k of its length: a query longer
	// than every key by more than k has no candidate, and its search table
	// (quadratic in its length) is not built. A megabyte of text in Actions
	// would otherwise take a terabyte.
	if len(q) > p.maxKeyLen()+maxEdits(len(q)) {
		return nil
	}
	s := newSearch(q, maxEdits(len(q)))
	collect := func(hits *[]hit) func(i, d int) {
		return func(i, d int) {
			if closeEnough(q, p.keys[i], d) {
				*hits = append(*hits, hit{i, d})
			}
		}
	}

	lo, hi := 0, 0
	if ns := catdata.Namespace(q); ns != "" {
		lo, hi = p.prefixRange(ns + "/")
	}
	var own, other []hit
	s.walk(p.keys, lo, hi, collect(&own))
	out := p.names(own, n, nil)
	if len(out) < n {
		s.walk(p.keys, 0, lo, collect(&other))
		s.walk(p.keys, hi, len(p.keys), collect(&other))
		out = p.names(other, n-len(out), out)
	}
	return out
}

// closeEnough applies Suggest's distance limit to the differing part of
// two folded names: the segments that differ when both have as many
// segments, otherwise what is left after dropping the segments they share
// at either end.
func closeEnough(q, cand string, dist int) bool {
	return dist <= max(2, differingLen(q, cand)/8)
}

func differingLen(q, cand string) int {
	if qs, cs := strings.Split(q, "/"), strings.Split(cand, "/"); len(qs) == len(cs) {
		n := 0
		for i := range qs {
			if qs[i] != cs[i] {
				n += max(len(qs[i]), len(cs[i]))
			}
		}
		return n
	}
	for { // drop shared leading segments
		i, j := strings.IndexByte(q, '/'), strings.IndexByte(cand, '/')
		if i < 0 || j < 0 || q[:i] != cand[:j] {
			break
		}
		q, cand = q[i+1:], cand[j+1:]
	}
	for { // and shared trailing ones
		i, j := strings.LastIndexByte(q, '/'), strings.LastIndexByte(cand, '/')
		if i < 0 || j < 0 || q[i:] != cand[j:] {
			break
		}
		q, cand = q[:i], cand[:j]
	}
	return max(len(q), len(cand))
}

// SuggestProvider returns up to n known namespaces close to ns, best first.
// A namespace typed without its company prefix ("Compute") is also tried
// as "Microsoft.Compute".
func (c *Catalog) SuggestProvider(ns string, n int) []string {
	if n <= 0 || ns == "" {
		return nil
	}
	q := catdata.Fold(ns)
	best := make(map[int]int) // index in provKeys -> distance
	longest := 0
	for _, k := range c.provKeys {
		longest = max(longest, len(k))
	}
	try := func(q string) {
		if len(q) > longest+maxEdits(len(q)) {
			return // nothing is close enough (see Suggest)
		}
		newSearch(q, maxEdits(len(q))).walk(c.provKeys, 0, len(c.provKeys), func(i, d int) {
			if old, ok := best[i]; !ok || d < old {
				best[i] = d
			}
		})
	}
	try(q)
	if !strings.Contains(q, ".") {
		try("microsoft." + q)
	}
	hits := make([]hit, 0, len(best))
	for i, d := range best {
		hits = append(hits, hit{i, d})
	}
	sortHits(hits)
	var out []string
	for _, h := range hits[:min(n, len(hits))] {
		out = append(out, c.provNames[h.i])
	}
	return out
}

// maxEdits bounds the search for a query of length n. More than 4 edits is
// not a typo but another operation, and the bound sets the search's cost.
func maxEdits(n int) int { return max(2, min(n, 32)/8) }

type hit struct{ i, dist int }

func sortHits(h []hit) {
	slices.SortFunc(h, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.i, b.i))
	})
}

// names appends the canonical names of the n best hits to out.
func (p *plane) names(h []hit, n int, out []string) []string {
	sortHits(h)
	for _, x := range h[:min(n, len(h))] {
		out = append(out, p.ops[x.i].Name)
	}
	return out
}

// search computes the optimal-string-alignment distance (Levenshtein plus
// adjacent transpositions) between a query and many sorted keys, up to a
// bound k. rows[d] is the DP row for the first d bytes of the current key;
// only the band |d-j| <= k is computed, and values saturate at k+1.
type search struct {
	q     string
	k     int
	width int // len(q)+1
	rows  []uint8
}

func newSearch(q string, k int) *search {
	k = min(k, 250) // keep k+2 inside uint8
	s := &search{q: q, k: k, width: len(q) + 1}
	s.rows = make([]uint8, (s.maxDepth()+1)*s.width)
	for j := range s.width {
		s.rows[j] = s.sat(j)
	}
	return s
}

// maxDepth is the longest key prefix that can still be within k of q.
func (s *search) maxDepth() int { return len(s.q) + s.k }

func (s *search) sat(v int) uint8 { return uint8(min(v, s.k+1)) }

// row fills rows[d] for key (whose rows up to d-1 are current) and returns
// the row's minimum: if that exceeds k, no key with this prefix can match.
func (s *search) row(d int, key string) int {
	m, k, w := len(s.q), s.k, s.width
	cur := s.rows[d*w : (d+1)*w]
	prev := s.rows[(d-1)*w : d*w]
	inf := uint8(k + 1)
	lo, hi := max(1, d-k), min(m, d+k)
	cur[0] = s.sat(d)
	best := cur[0]
	if lo > hi {
		return int(best)
	}
	// The cells just outside the band are read by this row and the next;
	// their true distance exceeds k.
	if lo > 1 {
		cur[lo-1] = inf
	}
	if hi < m {
		cur[hi+1] = inf
	}
	c := key[d-1]
	for j := lo; j <= hi; j++ {
		v := prev[j-1]
		if s.q[j-1] != c {
			v++
		}
		v = min(v, prev[j]+1, cur[j-1]+1)
		if d > 1 && j > 1 && c == s.q[j-2] && key[d-2] == s.q[j-1] {
			v = min(v, s.rows[(d-2)*w+j-2]+1)
		}
		v = min(v, inf)
		cur[j] = v
		best = min(best, v)
	}
	return int(best)
}

// walk calls visit(i, distance) for every keys[i], lo <= i < hi, within k
// of the query. keys must be sorted.
func (s *search) walk(keys []string, lo, hi int, visit func(i, dist int)) {
	prev, depth := "", 0 // rows[1..depth] describe prev[:depth]
	for i := lo; i < hi; {
		key := keys[i]
		d := min(commonPrefix(prev, key), depth)
		dead := 0 // length of a prefix that cannot lead to a match
		for d < len(key) {
			if d+1 > s.maxDepth() {
				dead = d + 1
				break
			}
			d++
			if s.row(d, key) > s.k {
				dead = d
				break
			}
		}
		prev, depth = key, d
		if dead > 0 {
			// Skip every key sharing the dead prefix: they are contiguous.
			p, j := key[:dead], i+1
			i = j + sort.Search(hi-j, func(x int) bool { return !strings.HasPrefix(keys[j+x], p) })
			continue
		}
		if diff := len(key) - len(s.q); diff <= s.k && -diff <= s.k {
			if dist := int(s.rows[len(key)*s.width+len(s.q)]); dist <= s.k {
				visit(i, dist)
			}
		}
		i++
	}
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// maxKeyLen is the length of the plane's longest key.
func (p *plane) maxKeyLen() int {
	if p.exact != nil {
		p.exact.longestOnce.Do(func() {
			for _, k := range p.keys {
				p.exact.longest = max(p.exact.longest, len(k))
			}
		})
		return p.exact.longest
	}
	n := 0
	for _, k := range p.keys {
		n = max(n, len(k))
	}
	return n
}
