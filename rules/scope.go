package rules

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/rolelint/rolelint/role"
)

// ScopeKind is what an assignable scope names.
type ScopeKind int

const (
	// ScopeInvalid is a string Azure does not take as an assignable scope;
	// Scope.Problem says why.
	ScopeInvalid ScopeKind = iota
	// ScopeRoot is "/", which only built-in roles may use.
	ScopeRoot
	// ScopeManagementGroup is /providers/Microsoft.Management/managementGroups/{id}.
	ScopeManagementGroup
	// ScopeSubscription is /subscriptions/{guid}.
	ScopeSubscription
	// ScopeResourceGroup is /subscriptions/{guid}/resourceGroups/{name}.
	ScopeResourceGroup
	// ScopeResource is a resource id under a resource group.
	ScopeResource
)

var scopeKindNames = [...]string{"invalid", "root", "management group", "subscription", "resource group", "resource"}

func (k ScopeKind) String() string {
	if k < 0 || int(k) >= len(scopeKindNames) {
		return fmt.Sprintf("ScopeKind(%d)", int(k))
	}
	return scopeKindNames[k]
}

// Scope is an assignable scope taken apart. Names are as written.
type Scope struct {
	Kind ScopeKind
	// Problem says, for an invalid scope, what is wrong and what was
	// expected, as a clause that follows "malformed scope "...": ".
	Problem string
	// TrailingSlash is set when a valid scope ends with one "/", which the
	// clients trim.
	TrailingSlash bool

	Subscription, ResourceGroup, ManagementGroup string
	// Provider, ResourceType and ResourceName describe a resource scope:
	// Microsoft.Compute, virtualMachines (nested types joined with "/"), vm1.
	Provider, ResourceType, ResourceName string
}

// Examples of the accepted forms, for messages.
const (
	subscriptionForm = "/subscriptions/{subscriptionId}"
	groupForm        = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
	resourceForm     = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/{Namespace.Provider}/{resourceType}/{resourceName}"
	mgForm           = "/providers/Microsoft.Management/managementGroups/{groupId}"
	mgPrefix         = "/providers/microsoft.management/managementgroups/"
)

var namespaceRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)+$`)

// ParseScope classifies an assignable scope by the grammar the clients and
// ARM accept (azure-rules.md 1a and 2.5): "/", a management group, a
// subscription, a resource group, or a resource under a resource group.
// Keywords compare case-insensitively; one trailing "/" is tolerated.
// ParseScope knows nothing of placeholders or wildcards: a "*" or a
// "{subscriptionId}" is simply not a GUID.
func ParseScope(s string) Scope {
	bad := func(format string, args ...any) Scope { return Scope{Problem: fmt.Sprintf(format, args...)} }
	trimmed := strings.TrimSpace(s)
	switch {
	case s == "/":
		return Scope{Kind: ScopeRoot}
	case trimmed == "":
		return bad("the scope is blank")
	case trimmed != s:
		return bad("it has white space around it: write %q", trimmed)
	case role.IsExpression(s):
		return bad("it is an ARM template expression, which only an ARM template deployment evaluates: write the scope itself, such as %s", subscriptionForm)
	case !strings.HasPrefix(s, "/"):
		if IsGUID(s) {
			return bad("it is a bare GUID: a subscription scope is written %q", "/subscriptions/"+s)
		}
		if first, _, _ := strings.Cut(s, "/"); strings.EqualFold(first, "subscriptions") || strings.EqualFold(first, "providers") {
			return bad("it does not start with \"/\": write %q", "/"+s)
		}
		return bad("it does not start with \"/\": expected %s, a resource group or resource under it, or %s", subscriptionForm, mgForm)
	}
	var sc Scope
	body := s[1:]
	if strings.HasSuffix(body, "/") {
		sc.TrailingSlash = true
		body = body[:len(body)-1]
	}
	segs := strings.Split(body, "/")
	for _, seg := range segs {
		if seg == "" {
			return bad("it has an empty segment (\"//\")")
		}
	}
	is := func(i int, word string) bool { return i < len(segs) && strings.EqualFold(segs[i], word) }
	switch {
	case is(0, "subscriptions"):
		if len(segs) == 1 {
			return bad("it ends after \"subscriptions\": expected %s", subscriptionForm)
		}
		if g := strings.Trim(segs[1], "{}"); g != segs[1] && IsGUID(g) {
			return bad("the subscription ID is written in braces: write %q", "/subscriptions/"+g+strings.Join(append([]string{""}, segs[2:]...), "/"))
		}
		if !IsGUID(segs[1]) {
			return bad("%q is not a subscription ID: expected the subscription's GUID (not its name), as in %s", segs[1], subscriptionForm)
		}
		sc.Subscription = segs[1]
		if len(segs) == 2 {
			sc.Kind = ScopeSubscription
			return sc
		}
		if !is(2, "resourceGroups") {
			return bad("expected \"resourceGroups\" after the subscription ID, found %q: a scope below a subscription is %s", segs[2], groupForm)
		}
		if len(segs) == 3 {
			return bad("it ends after %q without a resource group name: expected %s", segs[2], groupForm)
		}
		sc.ResourceGroup = segs[3]
		if len(segs) == 4 {
			sc.Kind = ScopeResourceGroup
			return sc
		}
		if !is(4, "providers") {
			return bad("expected \"providers\" after the resource group name, found %q: a resource scope is %s", segs[4], resourceForm)
		}
		if len(segs) < 8 {
			return bad("it ends after %q: a resource scope is %s", segs[len(segs)-1], resourceForm)
		}
		if len(segs)%2 != 0 {
			return bad("it ends with the resource type %q without a resource name: expected %s", segs[len(segs)-1], resourceForm)
		}
		if !namespaceRE.MatchString(segs[5]) {
			return bad("%q is not a resource provider namespace: expected one such as Microsoft.Compute, as in %s", segs[5], resourceForm)
		}
		sc.Kind = ScopeResource
		sc.Provider = segs[5]
		var types []string
		for i := 6; i < len(segs); i += 2 {
			types = append(types, segs[i])
		}
		sc.ResourceType = strings.Join(types, "/")
		sc.ResourceName = segs[len(segs)-1]
		return sc
	case is(0, "providers") && is(1, "Microsoft.Management") && is(2, "managementGroups"):
		if len(segs) == 3 {
			return bad("it ends without a management group ID: expected %s", mgForm)
		}
		if len(segs) > 4 {
			return bad("a management group scope ends at the group ID %q: expected %s", segs[3], mgForm)
		}
		sc.Kind = ScopeManagementGroup
		sc.ManagementGroup = segs[3]
		return sc
	case is(0, "providers"):
		return bad("the only tenant-level scope a custom role can use is a management group: expected %s", mgForm)
	default:
		return bad("it starts with %q: expected %s (or a resource group or resource under it) or %s", "/"+segs[0], subscriptionForm, mgForm)
	}
}

// scopeKey is the form in which two scopes are the same: ARM compares ids
// ignoring case, and the clients trim a trailing "/".
func scopeKey(s string) string { return strings.ToLower(strings.TrimSuffix(s, "/")) }

// isMGScope reports whether s names a management group (however well).
func isMGScope(s string) bool { return lowerHasPrefix(s, mgPrefix) }

// Placeholder detection. A false placeholder on a real resource group name
// would be a false error on a valid role, so outside the subscription-ID
// position only clear markers count: template syntax ({x}, <x>, ${x}, $(x),
// %X%, __X__, $X), words people write for "fill me in" (your-..., ...-here,
// replace-me, xxxx), parameter names (resourceGroupName) and fake GUIDs.

var (
	braceRE      = regexp.MustCompile(`[$#]?\{+[^{}]*\}+#?`)
	angleRE      = regexp.MustCompile(`<[^<>]*>`)
	dollarParen  = regexp.MustCompile(`\$\([^()]*\)`)
	envCapsRE    = regexp.MustCompile(`\$(env:)?[A-Z_][A-Z0-9_]*\b`)
	envAnyRE     = regexp.MustCompile(`^\$(env:)?[A-Za-z_][A-Za-z0-9_]*$`)
	percentRE    = regexp.MustCompile(`%[A-Za-z_][A-Za-z0-9_]*%`)
	underscoreRE = regexp.MustCompile(`^__[A-Za-z][A-Za-z0-9_]*__$`)
	squareRE     = regexp.MustCompile(`^\[[^\[\]]*\]$`)
	capsTokenRE  = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$`)
)

// capsToken is capsTokenRE.MatchString(seg), which needs an upper-case
// first letter and a "_".
func capsToken(seg string) bool {
	return seg != "" && 'A' <= seg[0] && seg[0] <= 'Z' && strings.IndexByte(seg, '_') > 0 && capsTokenRE.MatchString(seg)
}

// xWord reports a word of three or more x's ("xxxx"): /^x{3,}$/.
func xWord(w string) bool {
	return len(w) >= 3 && strings.Count(w, "x") == len(w)
}

// paramNames are parameter names written where the value belongs, compared
// in lower case with "-" and "_" removed.
var paramNames = map[string]bool{
	"subscriptionid": true, "subscriptionguid": true, "subid": true,
	"resourcegroupname": true, "rgname": true,
	"managementgroupid": true, "managementgroupname": true, "mgid": true, "mgname": true,
	"tenantid": true, "resourcename": true,
	"placeholder": true, "changeme": true, "replaceme": true,
}

// findPlaceholder returns the first placeholder in scope s and what belongs
// in its place ("the subscription ID (a GUID)"), or "" when s has none.
func findPlaceholder(s string) (token, want string) {
	ps := findPlaceholders(s)
	if len(ps) == 0 {
		return "", ""
	}
	return ps[0][0], ps[0][1]
}

// findPlaceholders returns every placeholder of s (one per path segment),
// each with what belongs in its place.
func findPlaceholders(s string) [][2]string {
	var out [][2]string
	body := strings.TrimPrefix(s, "/")
	body = strings.TrimSuffix(body, "/")
	segs := strings.Split(body, "/")
	is := func(i int, word string) bool { return i < len(segs) && strings.EqualFold(segs[i], word) }
	for i, seg := range segs {
		if seg == "" {
			continue
		}
		var what string
		switch {
		case !strings.HasPrefix(s, "/") && len(segs) == 1:
			what = "the scope's resource id, such as " + subscriptionForm
		case is(0, "subscriptions") && i == 1:
			what = "the subscription ID (a GUID)"
		case is(0, "subscriptions") && i == 3:
			what = "the resource group's name"
		case is(0, "subscriptions") && i >= 7 && i%2 == 1:
			what = "the resource's name"
		case is(0, "providers") && is(1, "Microsoft.Management") && is(2, "managementGroups") && i == 3:
			what = "the management group's ID"
		default:
			what = "the real value"
		}
		if tok := placeholderIn(seg, what == "the subscription ID (a GUID)", what != "the real value" && what != "the resource's name"); tok != "" {
			out = append(out, [2]string{tok, what})
		}
	}
	return out
}

// placeholderIn returns the placeholder in one path segment, or "". In the
// subscription position (sub) anything that is not a GUID is wrong anyway,
// so looser signs count; named is set in positions that hold a name (where
// a "$name" is a shell variable rather than a resource such as $web).
func placeholderIn(seg string, sub, named bool) string {
	if g := strings.Trim(seg, "{}"); g != seg && IsGUID(g) {
		return "" // a real GUID in braces is malformed, not a placeholder
	}
	// Each pattern needs a character most segments lack: test for it
	// before running the expressions (this runs on every scope segment).
	if strings.ContainsAny(seg, "{<$%") {
		for _, re := range []*regexp.Regexp{braceRE, angleRE, dollarParen, envCapsRE, percentRE} {
			if m := re.FindString(seg); m != "" {
				return m
			}
		}
	}
	if strings.ContainsAny(seg, "{}<>") {
		return seg
	}
	switch {
	case strings.HasPrefix(seg, "__") && underscoreRE.MatchString(seg),
		strings.HasPrefix(seg, "[") && squareRE.MatchString(seg),
		named && strings.HasPrefix(seg, "$") && envAnyRE.MatchString(seg):
		return seg
	}
	if IsGUID(seg) {
		if fakeGUID(seg) {
			return seg
		}
		return ""
	}
	words := splitWords(seg)
	if len(words) == 0 {
		return ""
	}
	if paramNames[strings.Join(words, "")] {
		return seg
	}
	for _, w := range words {
		if xWord(w) || w == "placeholder" || w == "replaceme" || w == "changeme" {
			return seg
		}
	}
	first, last := words[0], words[len(words)-1]
	if len(words) >= 2 && (first == "your" || first == "replace" || first == "enter" || first == "insert" || last == "here") {
		return seg
	}
	if len(words) >= 2 && first == "change" && words[1] == "me" {
		return seg
	}
	caps := capsToken(seg)
	if caps {
		for _, w := range words {
			if w == "subscription" || w == "your" || w == "tenant" || w == "placeholder" || w == "value" {
				return seg
			}
		}
		if last == "id" || last == "guid" || last == "name" {
			return seg
		}
	}
	if sub {
		for _, w := range words {
			switch {
			case w == "sub", w == "example", w == "sample",
				strings.Contains(w, "subscription"), strings.HasPrefix(w, "your"),
				strings.HasPrefix(w, "sub") && strings.HasSuffix(w, "id"):
				return seg
			}
		}
		if len(words) >= 2 && last == "id" {
			return seg
		}
		if caps {
			return seg
		}
	}
	return ""
}

// splitWords splits a segment into lower-case words at punctuation and at
// camelCase boundaries: "enterSubscriptionId_here" is enter subscription id here.
func splitWords(seg string) []string {
	if isASCII(seg) {
		return splitWordsASCII(seg)
	}
	return splitWordsRunes(seg)
}

func splitWordsRunes(seg string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(seg)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && i > 0 && unicode.IsLower(rs[i-1]):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// splitWordsASCII is splitWords for ASCII text, on bytes: the same words
// without converting the segment to runes.
func splitWordsASCII(seg string) []string {
	var words []string
	start := -1 // start of the current word, or -1
	flush := func(end int) {
		if start >= 0 {
			words = append(words, asciiLower(seg[start:end]))
			start = -1
		}
	}
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isLower := func(c byte) bool { return 'a' <= c && c <= 'z' }
	for i := range len(seg) {
		c := seg[i]
		switch {
		case !isUpper(c) && !isLower(c) && !('0' <= c && c <= '9'):
			flush(i)
		case isUpper(c) && i > 0 && isLower(seg[i-1]):
			flush(i)
			start = i
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(seg))
	return words
}

// fakeGUID reports whether a GUID is one people type rather than one Azure
// generates: every group a repeated or an ascending run of digits
// (00000000-0000-..., 11111111-1111-..., 12345678-1234-...,
// aaaaaaaa-bbbb-...), or at most two distinct digits in all.
func fakeGUID(g string) bool {
	g = strings.ToLower(g)
	var ascii [utf8.RuneSelf]bool
	var other map[rune]bool
	n := 0
	for _, r := range g {
		switch {
		case r == '-':
		case r < utf8.RuneSelf:
			if !ascii[r] {
				ascii[r] = true
				n++
			}
		default:
			if other == nil {
				other = map[rune]bool{}
			}
			if !other[r] {
				other[r] = true
				n++
			}
		}
	}
	if n <= 2 {
		return true
	}
	for _, grp := range strings.Split(g, "-") {
		if !repeated(grp) && !ascending(grp) {
			return false
		}
	}
	return true
}

func repeated(s string) bool { return strings.Count(s, s[:1]) == len(s) }

// ascending reports a run such as 1234, 12345678, 123456789012, abcd or
// 7890abcd: each digit follows the one before in 0-9a-f, in 0-9, or in the
// keyboard order 1-9, 0, a-f, each taken round.
func ascending(s string) bool {
	orders := []string{"0123456789abcdef", "0123456789", "1234567890abcdef"}
	for i := 1; i < len(s); i++ {
		ok := false
		for _, o := range orders {
			if j := strings.IndexByte(o, s[i-1]); j >= 0 && o[(j+1)%len(o)] == s[i] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// scopeClass says which rule owns a scope entry, so that one defect gives
// one finding.
type scopeClass int

const (
	classExpr        scopeClass = iota // an ARM template expression: not a literal, skipped
	classBlank                         // RL301
	classRoot                          // RL302
	classWildcard                      // RL303
	classPlaceholder                   // RL306
	classMalformed                     // RL305
	classValid                         // parsed; Scope.Kind says what it names
)

// scopeEntry is one entry of AssignableScopes with its classification.
type scopeEntry struct {
	role.Str
	Class scopeClass
	Scope Scope
	// Placeholder and Want are set for classPlaceholder: the first
	// placeholder and what belongs in its place; More counts the others.
	Placeholder, Want string
	More              int
}

// scopeEntries is scopeEntries(d), computed once per definition: the
// eleven RL3xx rules all read the same classification. The entries are
// shared and must not be modified.
func (r *Reporter) scopeEntries(d *role.Definition) []scopeEntry {
	if r.memo == nil { // a Loaded not made by Load
		return scopeEntries(d)
	}
	r.memo.Lock()
	defer r.memo.Unlock()
	if es, ok := r.memo.scopes[d]; ok {
		return es
	}
	if r.memo.scopes == nil {
		r.memo.scopes = map[*role.Definition][]scopeEntry{}
	}
	es := scopeEntries(d)
	r.memo.scopes[d] = es
	return es
}

// scopeEntries classifies every string entry of d's AssignableScopes.
func scopeEntries(d *role.Definition) []scopeEntry {
	out := make([]scopeEntry, 0, len(d.AssignableScopes.Items))
	for _, s := range d.AssignableScopes.Items {
		e := scopeEntry{Str: s}
		switch {
		case s.Expr && d.Shape == role.ShapeARM:
			e.Class = classExpr
		case strings.TrimSpace(s.Value) == "":
			e.Class = classBlank
		case s.Value == "/":
			e.Class = classRoot
		case strings.Contains(s.Value, "*"):
			e.Class = classWildcard
		case role.IsExpression(s.Value):
			e.Class = classMalformed // an ARM expression outside an ARM template
			e.Scope = ParseScope(s.Value)
		default:
			c := classifyScope(s.Value)
			e.Class, e.Scope, e.Placeholder, e.Want, e.More = c.class, c.scope, c.placeholder, c.want, c.more
		}
		out = append(out, e)
	}
	return out
}

// classifiedScope is what scopeEntries finds in a scope string that is not
// blank, "/", a wildcard or an expression: a function of the string alone.
type classifiedScope struct {
	class             scopeClass
	scope             Scope
	placeholder, want string
	more              int
}

// classified memoizes classify for up to classifiedMax strings: a tenant's
// roles name the same subscriptions, groups and resources file after file.
// Its keys and values are copies, which keep no file's text alive.
var (
	classified  sync.Map // string -> classifiedScope
	classifiedN atomic.Int32
)

const classifiedMax = 8192

func classifyScope(v string) classifiedScope {
	if c, ok := classified.Load(v); ok {
		return c.(classifiedScope)
	}
	if classifiedN.Add(1) > classifiedMax {
		return classify(v)
	}
	v = strings.Clone(v)
	c := classify(v)
	classified.Store(v, c)
	return c
}

func classify(v string) classifiedScope {
	if ps := findPlaceholders(v); len(ps) > 0 {
		return classifiedScope{class: classPlaceholder, placeholder: ps[0][0], want: ps[0][1], more: len(ps) - 1}
	}
	c := classifiedScope{class: classValid, scope: ParseScope(v)}
	if c.scope.Kind == ScopeInvalid {
		c.class = classMalformed
	}
	return c
}

// scopeDefs are the definitions whose AssignableScopes the RL3xx rules
// check: custom roles (a built-in's "/" is right, and RL112 reports the
// flag), not ARM `existing` references, and not a list that is one
// unresolved template expression.
func scopeDefs(r *Reporter) []*role.Definition {
	checked := func(d *role.Definition) bool {
		if !d.Custom || d.AssignableScopes.Expr {
			return false
		}
		if d.Shape == role.ShapeARM {
			if ex := d.Root.GetFold("existing"); ex != nil && ex.Kind == role.Bool && ex.Str == "true" {
				return false
			}
		}
		return true
	}
	return keep(r.Defs, checked)
}

// elemIndex is the index in arr of the element at offset off, or -1.
func elemIndex(arr *role.Node, off int) int {
	if arr == nil || arr.Kind != role.Array {
		return -1
	}
	for i, e := range arr.Elems {
		if e.Off == off {
			return i
		}
	}
	return -1
}

// scopesKey is the AssignableScopes key as written, or as the shape spells
// it when it is missing.
func scopesKey(d *role.Definition) string {
	if d.AssignableScopes.Key != "" {
		return d.AssignableScopes.Key
	}
	return keyName(d, "scopes")
}

// duplicateScopes returns each entry of d that repeats an earlier one
// (ignoring case and a trailing "/"), paired with that earlier entry.
// Blank entries and template expressions are left out.
func (r *Reporter) duplicateScopes(d *role.Definition) [][2]scopeEntry {
	if r.memo != nil { // RL310 and RL311 both ask
		r.memo.Lock()
		dups, ok := r.memo.dups[d]
		r.memo.Unlock()
		if ok {
			return dups
		}
	}
	dups := duplicateScopes(r.scopeEntries(d))
	if r.memo != nil {
		r.memo.Lock()
		if r.memo.dups == nil {
			r.memo.dups = map[*role.Definition][][2]scopeEntry{}
		}
		r.memo.dups[d] = dups
		r.memo.Unlock()
	}
	return dups
}

func duplicateScopes(entries []scopeEntry) [][2]scopeEntry {
	var out [][2]scopeEntry
	first := map[string]scopeEntry{}
	for _, e := range entries {
		if e.Class == classExpr || e.Class == classBlank {
			continue
		}
		k := scopeKey(e.Value)
		if f, ok := first[k]; ok {
			out = append(out, [2]scopeEntry{e, f})
			continue
		}
		first[k] = e
	}
	return out
}
