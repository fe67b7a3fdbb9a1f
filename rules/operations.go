package rules

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/catalog"
	"github.com/rolelint/rolelint/internal/textdist"
	"github.com/rolelint/rolelint/role"
)

// OpIssue is one problem with one operation string, found by the Operations
// analyzer and reported by the rule whose ID it carries.
type OpIssue struct {
	ID      string
	Str     role.Str
	Message string
	Fixes   []analysis.SuggestedFix
	Related []analysis.RelatedInformation
}

// Operations checks every string of Actions, NotActions, DataActions and
// NotDataActions once against the catalog; the RL2xx rules (and RL403)
// report its issues, each rule those with its ID. One string gets at most
// one catalog verdict, so a typo is not also "unknown" and "malformed".
var Operations = &analysis.Analyzer{
	Name:       "operations",
	Doc:        "check each operation string against the catalog",
	Requires:   []*analysis.Analyzer{Load, Catalog},
	ResultType: reflect.TypeOf([]OpIssue(nil)),
	Run:        runOperations,
}

// reportOps is the Run of a rule that reports the Operations issues of its ID.
func reportOps(id string) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (any, error) {
		r := For(pass)
		for _, is := range pass.ResultOf[Operations].([]OpIssue) {
			if is.ID == id {
				r.ReportFix(id, is.Str.Off, is.Str.End, is.Message, is.Fixes, is.Related...)
			}
		}
		return nil, nil
	}
}

// classicProviders are the retired Azure classic (ASM) namespaces.
var classicProviders = map[string]bool{
	"microsoft.classiccompute": true, "microsoft.classicnetwork": true, "microsoft.classicstorage": true,
	"microsoft.classicsubscription": true, "microsoft.classicinfrastructuremigrate": true,
}

func runOperations(pass *analysis.Pass) (any, error) {
	r := For(pass)
	cat := CatalogOf(pass)
	var out []OpIssue
	add := func(is OpIssue) { out = append(out, is) }
	for _, d := range r.Defs {
		d.Lists(func(p *role.Permission, k role.ListKind, l *role.List) {
			idx := indexList(l)
			for i, s := range l.Items {
				if s.Expr {
					continue
				}
				if is, ok := checkOp(r, cat, k, s); ok {
					add(is)
				}
				if is, ok := idx.checkRedundant(r, k, l, i); ok {
					add(is)
				}
			}
		})
	}
	return out, nil
}

// checkOp gives the catalog's verdict on one string of list kind k.
func checkOp(r *Reporter, cat *catalog.Catalog, k role.ListKind, s role.Str) (OpIssue, bool) {
	v := s.Value
	data := k.Data()
	issue := func(id, msg string) (OpIssue, bool) { return OpIssue{ID: id, Str: s, Message: msg}, true }
	// The common case first: an operation of the bundled catalog written in
	// its documented case. Such a string is well formed, has no '*', is no
	// Entra permission and has a known provider (TestCatalogOpsPass), so of
	// the checks below only the classic providers' could apply.
	op, known := cat.Lookup(v, data)
	if known && op.Name == v && op.Source != catalog.SourceUser && !lowerHasPrefix(v, "microsoft.classic") {
		return OpIssue{}, false
	}
	if !usableOp(v) {
		if lowerHasPrefix(v, "microsoft.directory/") {
			return issue("RL209", fmt.Sprintf("%q is a Microsoft Entra ID permission, not an Azure RBAC operation: Entra roles are defined in Entra ID (unifiedRoleDefinition), not in %s", v, k))
		}
		if why := malformed(v); why != "" {
			return issue("RL201", fmt.Sprintf("malformed operation %q in %s: %s", v, k, why))
		}
		if n := strings.Count(v, "*"); n > 1 {
			return issue("RL202", fmt.Sprintf("%q has %d wildcards; Azure allows only one per operation string (InvalidActionOrNotAction)", v, n))
		}
	}
	ns, _, _ := strings.Cut(v, "/")
	if lowerHasPrefix(ns, "microsoft.classic") && classicProviders[strings.ToLower(ns)] {
		return issue("RL212", fmt.Sprintf("%q belongs to %s, a retired Azure classic provider: Azure rejects its operations in new custom roles", v, ns))
	}
	date := cat.Date()
	if !strings.Contains(ns, "*") {
		if _, ok := cat.Provider(ns); !ok {
			if sug := cat.SuggestProvider(ns, 3); len(sug) > 0 && textdist.Levenshtein(strings.ToLower(ns), strings.ToLower(sug[0])) <= 2 {
				return issue("RL205", fmt.Sprintf("unknown provider namespace %q in %q; did you mean %s? (not in the catalog of %s)", ns, v, quoteList(sug), date))
			}
			if lowerHasPrefix(v, "microsoft.") {
				return issue("RL203", fmt.Sprintf("provider namespace %q of %q is not in the catalog of %s; if it is new or private, add its operations with --catalog", ns, v, date))
			}
			return issue("RL213", fmt.Sprintf("%q is not in the catalog of %s; it looks like a Marketplace partner namespace, which the catalog does not cover", ns, date))
		}
	}
	wild := strings.Contains(v, "*")
	if !wild {
		if known {
			if op.Name != v && !cat.Spelled(v) {
				fix := analysis.SuggestedFix{Message: fmt.Sprintf("write %q", op.Name), TextEdits: []analysis.TextEdit{r.Replace(s, op.Name)}}
				return OpIssue{ID: "RL210", Str: s, Message: fmt.Sprintf("%q is documented as %q; permission strings are case-insensitive, but the convention is the documented case", v, op.Name), Fixes: []analysis.SuggestedFix{fix}}, true
			}
			return OpIssue{}, false
		}
		if other, ok := cat.Lookup(v, !data); ok {
			return wrongPlane(k, s, other.Name)
		}
		sug := cat.Suggest(v, data, 3)
		if len(sug) > 0 && nearCertainTypo(v, sug[0]) {
			return issue("RL205", fmt.Sprintf("unknown operation %q; did you mean %s? (not in the catalog of %s)", v, quoteList(respell(v, sug)), date))
		}
		msg := fmt.Sprintf("operation %q is not in the catalog of %s", v, date)
		if len(sug) > 0 {
			msg += fmt.Sprintf("; did you mean %s?", quoteList(respell(v, sug)))
		} else {
			msg += "."
		}
		return issue("RL204", msg+" If it is new, preview or private, add it with --catalog.")
	}
	if len(cat.Match(v, data)) > 0 {
		return OpIssue{}, false
	}
	if _, ok := cat.ExtendedBy(v, data); ok {
		return OpIssue{}, false
	}
	if len(cat.Match(v, !data)) > 0 {
		return wrongPlane(k, s, "")
	}
	return issue("RL206", fmt.Sprintf("wildcard %q matches no operation in the catalog of %s; Azure rejects a wildcard that matches nothing (InvalidActionOrNotAction)", v, date))
}

// wrongPlane is the issue of an operation listed in the other plane's list.
func wrongPlane(k role.ListKind, s role.Str, canonical string) (OpIssue, bool) {
	what := fmt.Sprintf("%q is", s.Value)
	if canonical == "" {
		what = fmt.Sprintf("%q matches only", s.Value)
	}
	var id, msg string
	switch k {
	case role.Actions:
		id, msg = "RL207", what+" a data action: move it to DataActions (Azure rejects it in Actions with InvalidActionOrNotAction)"
	case role.DataActions:
		id, msg = "RL208", what+" a control-plane action, not a data action: move it to Actions (Azure rejects it with InvalidDataActionOrNotDataAction)"
	case role.NotActions:
		id, msg = "RL403", what+" a data action, so in NotActions it subtracts nothing: put it in NotDataActions"
	default:
		id, msg = "RL403", what+" a control-plane action, so in NotDataActions it subtracts nothing: put it in NotActions"
	}
	if canonical == "" {
		msg = strings.Replace(msg, " a data action", " data actions", 1)
		msg = strings.Replace(msg, " a control-plane action, not a data action", " control-plane actions", 1)
		msg = strings.Replace(msg, " a control-plane action,", " control-plane actions,", 1)
	}
	return OpIssue{ID: id, Str: s, Message: msg}, true
}

// nearCertainTypo reports whether op is almost surely a misspelling of
// candidate: at most two edits apart, with the same final verb segment. A
// brand-new operation of a known type usually differs by more, so this is
// the only case in which an unknown operation is an error (DESIGN.md 5).
func nearCertainTypo(op, candidate string) bool {
	a, b := strings.ToLower(op), strings.ToLower(candidate)
	return textdist.Levenshtein(a, b) <= 2 && a[strings.LastIndexByte(a, '/')+1:] == b[strings.LastIndexByte(b, '/')+1:]
}

// malformed says why v is not of the form Namespace.Provider/type/.../verb,
// or "" when it is. "*" and "*/verb" are valid.
func malformed(v string) string {
	if wellFormed(v) {
		return ""
	}
	switch {
	case v == "":
		return "it is empty"
	case strings.TrimSpace(v) != v:
		return "it has leading or trailing spaces"
	case strings.ContainsAny(v, " \t\r\n"):
		return "it contains spaces"
	case v == "*":
		return ""
	case !strings.Contains(v, "/"):
		return "expected {Namespace.Provider}/{resourceType}/{action}, with at least one '/'"
	case strings.HasPrefix(v, "/"):
		return "it starts with '/'"
	case strings.HasSuffix(v, "/"):
		return "it ends with '/'"
	case strings.Contains(v, "//"):
		return "it has an empty segment ('//')"
	}
	ns, _, _ := strings.Cut(v, "/")
	if ns != "*" && !strings.Contains(ns, ".") && !strings.Contains(ns, "*") {
		return fmt.Sprintf("the provider namespace %q has no '.' (expected a namespace such as Microsoft.Compute)", ns)
	}
	for _, c := range v {
		if c >= utf8.RuneSelf || !opChar[c] {
			return fmt.Sprintf("it contains %q, which no operation name has", c)
		}
	}
	return ""
}

// wellFormed is a one-pass test for the common case of malformed(v) == "":
// only operation characters, a '/' but not first, last or doubled, and a
// namespace with a '.' or a '*'. It returns false for anything else,
// which malformed then examines step by step for its message.
func wellFormed(v string) bool {
	if v == "" || v[0] == '/' || v[len(v)-1] == '/' {
		return false
	}
	slash := strings.IndexByte(v, '/')
	if slash < 0 || !strings.ContainsAny(v[:slash], ".*") || strings.Contains(v, "//") {
		return false
	}
	for i := range len(v) {
		if !opByte[v[i]] {
			return false
		}
	}
	return true
}

// usableOp is a one-pass test for the common case of an operation string
// Azure accepts as written: wellFormed, at most one '*', and not a
// Microsoft Entra permission (RL209, RL201 and RL202 have nothing to say).
// It returns false for anything else, which the step-by-step checks then
// examine.
func usableOp(v string) bool {
	if v == "" || v[0] == '/' || v[len(v)-1] == '/' {
		return false
	}
	slash, stars, dot := -1, 0, false
	for i := range len(v) {
		c := v[i]
		if !opByte[c] {
			return false
		}
		switch c {
		case '/':
			if slash < 0 {
				slash = i
			} else if v[i-1] == '/' {
				return false
			}
		case '*':
			stars++
		case '.':
			dot = dot || slash < 0
		}
	}
	if slash < 0 || stars > 1 || !dot && !strings.Contains(v[:slash], "*") {
		return false
	}
	return slash != len("microsoft.directory") || !lowerHasPrefix(v, "microsoft.directory/")
}

// opByte is opChar over all byte values (false from 0x80).
var opByte = func() (t [256]bool) {
	copy(t[:], opChar[:])
	return t
}()

// opChar holds the bytes an operation name may contain: letters, digits and
// "./_-*:$@{}". malformed runs on every permission string, so a table.
var opChar = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("./_-*:$@{}", rune(c))
	}
	return t
}()

// lowerHasPrefix is strings.HasPrefix(strings.ToLower(v), prefix) for an
// ASCII lower-case prefix, without allocating when v starts with ASCII
// (ToLower may change the length of other text, so that takes the long way).
func lowerHasPrefix(v, prefix string) bool {
	n := len(prefix)
	if len(v) >= n {
		for i := range n {
			if v[i] >= utf8.RuneSelf {
				return strings.HasPrefix(strings.ToLower(v), prefix)
			}
		}
		for i := range n {
			c := v[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != prefix[i] {
				return false
			}
		}
		return true
	}
	if isASCII(v) {
		return false // shorter than prefix, and lowering keeps its length
	}
	return strings.HasPrefix(strings.ToLower(v), prefix)
}

// listIndex answers checkRedundant's questions for one list without
// comparing every entry with every other: the first entry of each folded
// value, and the wildcard entries. Lists of hundreds of operations are
// common (exports of everything a team uses), and the pairwise loop made
// RL211 quadratic. A list with non-ASCII text keeps the pairwise loop,
// where strings.EqualFold and lower-casing do not always agree.
type listIndex struct {
	first []int32 // for each entry, the index of the first non-Expr entry equal to it ignoring case; nil for the slow path
	wild  []int   // indexes of the non-Expr entries with a '*'
}

func indexList(l *role.List) listIndex {
	if len(l.Items) < 2 {
		return listIndex{} // nothing to compare
	}
	for _, s := range l.Items {
		if !isASCII(s.Value) {
			return listIndex{}
		}
	}
	if len(l.Items) <= smallList {
		// Comparing every pair costs less than a map; mostly lengths.
		idx := listIndex{first: make([]int32, len(l.Items))}
		for j, o := range l.Items {
			idx.first[j] = int32(j)
			if o.Expr {
				idx.first[j] = -1
				continue
			}
			for f := range j {
				if !l.Items[f].Expr && asciiEqualFold(l.Items[f].Value, o.Value) {
					idx.first[j] = int32(f)
					break
				}
			}
			if strings.Contains(o.Value, "*") {
				idx.wild = append(idx.wild, j)
			}
		}
		return idx
	}
	byHash := make(map[uint64]int32, len(l.Items))
	idx := listIndex{first: make([]int32, len(l.Items))}
	for j, o := range l.Items {
		if o.Expr {
			idx.first[j] = -1
			continue
		}
		h := foldHash(o.Value)
		f, ok := byHash[h]
		if !ok {
			f = int32(j)
			byHash[h] = f
		} else if !asciiEqualFold(l.Items[f].Value, o.Value) {
			return listIndex{} // a hash collision: keep the pairwise loop
		}
		idx.first[j] = f
		if strings.Contains(o.Value, "*") {
			idx.wild = append(idx.wild, j)
		}
	}
	return idx
}

// smallList is the length up to which comparing every pair of a list's
// entries costs less than building an index.
const smallList = 16

// foldHash hashes s with ASCII letters lower-cased: a map key for names
// compared ignoring case, without building the folded string. Its users
// compare the strings whose hashes are equal, so it needs to spread, not
// to resist collisions: it takes eight bytes at a time (lower-casing them
// together), then the rest one by one, FNV-1a style.
func foldHash(s string) uint64 {
	const (
		prime = 1099511628211
		ones  = 0x0101010101010101
		high  = 0x8080808080808080
	)
	h := uint64(14695981039346656037)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// The bytes in 'A'..'Z' get 0x20 added: seven-bit values plus an
		// offset set a byte's top bit when it is at least 'A' (and past
		// 'Z'), without carrying into the next; bytes of 0x80 and above
		// stay as they are.
		low := w &^ high
		upper := (low + (0x80-'A')*ones) &^ (low + (0x80-'Z'-1)*ones) &^ w & high
		w |= upper >> 2
		h = (h ^ w) * prime
		h ^= h >> 32
	}
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= prime
	}
	return h
}

// asciiEqualFold is strings.EqualFold for ASCII strings.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := range len(s) {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// checkRedundant is the verdict of the pairwise check below, found through
// the index: the lowest j that is either an earlier copy of entry i or a
// wildcard (other than a copy) that covers it.
func (idx listIndex) checkRedundant(r *Reporter, k role.ListKind, l *role.List, i int) (OpIssue, bool) {
	if idx.first == nil {
		return checkRedundant(r, k, l, i)
	}
	s := l.Items[i]
	dup := -1
	if j := int(idx.first[i]); j < i {
		dup = j
	}
	for _, j := range idx.wild {
		if dup >= 0 && j > dup {
			break
		}
		o := l.Items[j]
		if j != i && !asciiEqualFold(o.Value, s.Value) && catalog.MatchPattern(o.Value, s.Value) {
			return OpIssue{ID: "RL211", Str: s, Message: fmt.Sprintf("%q is already covered by %q in %s", s.Value, o.Value, k),
				Related: []analysis.RelatedInformation{r.Related(o.Off, o.End, "covered by this wildcard")}}, true
		}
	}
	if dup >= 0 {
		o := l.Items[dup]
		is := OpIssue{ID: "RL211", Str: s, Message: fmt.Sprintf("%q is listed twice in %s", s.Value, k),
			Related: []analysis.RelatedInformation{r.Related(o.Off, o.End, "first listed here")}}
		if idx := elementIndex(l.Node, s); idx >= 0 {
			is.Fixes = []analysis.SuggestedFix{{Message: "remove the duplicate", TextEdits: []analysis.TextEdit{r.RemoveElement(l.Node, idx)}}}
		}
		return is, true
	}
	return OpIssue{}, false
}

// checkRedundant finds a list entry that repeats an earlier one or that a
// wildcard in the same list already covers.
func checkRedundant(r *Reporter, k role.ListKind, l *role.List, i int) (OpIssue, bool) {
	s := l.Items[i]
	for j, o := range l.Items {
		if j == i || o.Expr {
			continue
		}
		same := strings.EqualFold(o.Value, s.Value)
		if same && j < i {
			is := OpIssue{ID: "RL211", Str: s, Message: fmt.Sprintf("%q is listed twice in %s", s.Value, k),
				Related: []analysis.RelatedInformation{r.Related(o.Off, o.End, "first listed here")}}
			if idx := elementIndex(l.Node, s); idx >= 0 {
				is.Fixes = []analysis.SuggestedFix{{Message: "remove the duplicate", TextEdits: []analysis.TextEdit{r.RemoveElement(l.Node, idx)}}}
			}
			return is, true
		}
		if !same && strings.Contains(o.Value, "*") && catalog.MatchPattern(o.Value, s.Value) {
			return OpIssue{ID: "RL211", Str: s, Message: fmt.Sprintf("%q is already covered by %q in %s", s.Value, o.Value, k),
				Related: []analysis.RelatedInformation{r.Related(o.Off, o.End, "covered by this wildcard")}}, true
		}
	}
	return OpIssue{}, false
}

// elementIndex finds the array element holding s, or -1 (for values that
// came from an ARM parameter default, which live elsewhere).
func elementIndex(arr *role.Node, s role.Str) int {
	if arr == nil || arr.Kind != role.Array {
		return -1
	}
	for i, e := range arr.Elems {
		if e.Off == s.Off {
			return i
		}
	}
	return -1
}

// respell writes each suggestion in the user's own case wherever a segment
// agrees with what they wrote ignoring case, so that the suggestion differs
// from the input only where the typo is.
func respell(user string, sug []string) []string {
	us := strings.Split(user, "/")
	out := make([]string, len(sug))
	for i, c := range sug {
		cs := strings.Split(c, "/")
		for j := range cs {
			if j < len(us) && strings.EqualFold(cs[j], us[j]) {
				cs[j] = us[j]
			}
		}
		out[i] = strings.Join(cs, "/")
	}
	return out
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " or " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
