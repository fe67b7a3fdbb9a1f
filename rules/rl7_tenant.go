package rules

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// The RL7xx rules run once over every file linted together (the Set) and
// look only at custom definitions: built-in ones are neither created nor
// counted by a deployment.

// tenantRole is one custom definition of the set, with the file it is in,
// the number of roles it deploys, and the keys the rules compare. The file
// may be released (Loaded.Release): the definition has its names, id and
// ranges only.
type tenantRole struct {
	*role.Definition
	file    *Loaded
	copies  int
	nameKey string // tenantNameKey
	guid    string // tenantGUID of the id
}

// customRoles returns the file's custom definitions as tenant roles.
func (l *Loaded) customRoles(copies []int) []tenantRole {
	var out []tenantRole
	for i, d := range l.Defs {
		if d.Custom {
			out = append(out, tenantRole{d, l, copies[i], tenantNameKey(d), tenantGUID(d.ID)})
		}
	}
	return out
}

// tenantRoles returns the file's custom definitions, kept by Release.
func (l *Loaded) tenantRoles() []tenantRole {
	if l.tenantDone {
		return l.tenant
	}
	return l.customRoles(l.copyCounts())
}

// tenantSet gathers the custom definitions of the set once for the tenant
// rules: files in the set's order (sorted by path), definitions in file
// order.
var tenantSet = &analysis.Analyzer{
	Name:     "tenant_roles",
	Doc:      "the custom role definitions of every file linted together",
	Requires: []*analysis.Analyzer{Set},
	Run: func(pass *analysis.Pass) (any, error) {
		var out []tenantRole
		for _, l := range pass.ResultOf[Set].([]*Loaded) {
			out = append(out, l.tenantRoles()...)
		}
		return out, nil
	},
	ResultType: reflect.TypeOf([]tenantRole(nil)),
}

func tenantRoles(pass *analysis.Pass) []tenantRole { return pass.ResultOf[tenantSet].([]tenantRole) }

// tenantCounted is countTenant, once for RL701 and RL702.
var tenantCounted = &analysis.Analyzer{
	Name:       "tenant_count",
	Doc:        "the number of custom roles the tenant would hold after deploying the set",
	Requires:   []*analysis.Analyzer{tenantSet, Tenant},
	Run:        func(pass *analysis.Pass) (any, error) { return countTenant(pass) },
	ResultType: reflect.TypeOf((*tenantCount)(nil)),
}

// tenantNameKey is the display name compared ignoring case, or "" when the name
// is missing, blank or an unresolved template expression.
func tenantNameKey(d *role.Definition) string {
	if !d.Name.Present() || d.Name.Expr || strings.TrimSpace(d.Name.Value) == "" {
		return ""
	}
	return strings.ToLower(d.Name.Value)
}

// tenantGUID is the role's GUID in lower case: the id itself, or the last
// segment of a roleDefinitions resource id. It is "" for a missing, empty,
// non-GUID or unresolved id.
func tenantGUID(id role.Str) string {
	if !id.Present() || id.Expr {
		return ""
	}
	v := strings.TrimSpace(id.Value)
	switch {
	case IsGUID(v):
		return strings.ToLower(v)
	case resourceIDGUID.MatchString(v):
		return strings.ToLower(v[len(v)-36:])
	}
	return ""
}

// reporter is the Reporter for the role's file.
func (t tenantRole) reporter(pass *analysis.Pass) *Reporter { return In(pass, t.file) }

// nameRange is where findings about the role as a whole point: its name,
// or the opening brace when it has none.
func (t tenantRole) nameRange() (int, int) {
	if t.Name.Present() {
		return t.Name.Off, t.Name.End
	}
	return opening(t.Definition)
}

// where is "path:line:col" of an offset of the role's file, for messages
// (text output does not show related locations). The column counts
// characters, as the text output does.
func (t tenantRole) where(off int) string {
	src := t.file.Src
	off = min(off, len(src))
	line := strings.Count(src[:off], "\n") + 1
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return fmt.Sprintf("%s:%d:%d", t.file.Path, line, utf8.RuneCountInString(src[start:off])+1)
}

// tenantCloud is a cloud and its custom-role limit per tenant.
type tenantCloud struct {
	Label string
	Limit int
}

// tenantCloudOf reads TenantSettings.Cloud: "public" (the default) or
// "china"; the `az cloud` names are accepted too.
func tenantCloudOf(s *TenantSettings) (tenantCloud, error) {
	switch strings.ToLower(strings.TrimSpace(s.Cloud)) {
	case "", "public", "azurecloud":
		return tenantCloud{"Azure public cloud", 5000}, nil
	case "china", "azurechinacloud", "21vianet":
		return tenantCloud{"Azure operated by 21Vianet", 2000}, nil
	}
	return tenantCloud{}, fmt.Errorf("unknown cloud %q (want public or china)", s.Cloud)
}

// tenantCount is what the tenant would hold after deploying the set.
type tenantCount struct {
	Cloud tenantCloud
	// Existing counts the roles already in the tenant and not linted:
	// TenantSettings.Existing plus the custom roles of ExistingFile whose
	// name and GUID match no linted role.
	Existing int
	// New are the distinct linted roles in set order, each where it is first
	// defined: distinct by name ignoring case; a role whose name is an
	// unresolved expression (or missing) counts on its own, as many times
	// as its copy loop deploys it.
	New []tenantNew
	// Linted is the sum of New[i].N.
	Linted int
}

type tenantNew struct {
	tenantRole
	N int // roles this definition creates (its ARM copy count, else 1)
}

func (c *tenantCount) Total() int { return c.Existing + c.Linted }

// nth returns the linted definition that brings the total to n (1-based),
// or the first one when the existing roles alone reach n.
func (c *tenantCount) nth(n int) tenantRole {
	sum := c.Existing
	for _, e := range c.New {
		sum += e.N
		if e.N > 0 && sum >= n {
			return e.tenantRole
		}
	}
	return c.New[len(c.New)-1].tenantRole
}

func (c *tenantCount) breakdown() string {
	s := tenantNum(c.Linted) + " in the linted files"
	if c.Existing > 0 {
		s += " + " + tenantNum(c.Existing) + " already in the tenant"
	}
	return s
}

func countTenant(pass *analysis.Pass) (*tenantCount, error) {
	st := TenantOf(pass)
	cloud, err := tenantCloudOf(st)
	if err != nil {
		return nil, err
	}
	c := &tenantCount{Cloud: cloud, Existing: max(st.Existing, 0)}
	roles := tenantRoles(pass)
	names, guids := make(map[string]bool, len(roles)), make(map[string]bool, len(roles))
	for _, t := range roles {
		if g := t.guid; g != "" {
			guids[g] = true
		}
		n := 1
		if k := t.nameKey; k != "" {
			if names[k] {
				continue
			}
			names[k] = true
		} else if t.Name.Expr {
			n = t.copies
		}
		c.New = append(c.New, tenantNew{t, n})
		c.Linted += n
	}
	if f := st.ExistingFile; f != nil {
		// Count each role of the file once, and none that is linted.
		for _, d := range f.Defs {
			k, g := tenantNameKey(d), tenantGUID(d.ID)
			if !d.Custom || (k != "" && names[k]) || (g != "" && guids[g]) {
				continue
			}
			if k != "" {
				names[k] = true
			}
			if g != "" {
				guids[g] = true
			}
			c.Existing++
		}
	}
	return c, nil
}

// armParamRef is a template expression that only names a parameter or a
// variable.
var armParamRef = regexp.MustCompile(`^\[\s*(parameters|variables)\s*\(\s*'([^']+)'\s*\)\s*\]$`)

// copyCount is the number of roles an ARM resource deploys: the count of
// its copy loop when that is a literal integer (or a parameter default or
// variable holding one), else 1. Loops of enclosing nested deployments are
// not followed, so the count is a lower bound.
func copyCount(l *Loaded, d *role.Definition) int {
	if d.Shape != role.ShapeARM {
		return 1
	}
	n := d.Root.GetFold("copy").GetFold("count")
	for range 4 { // a variable may name a parameter
		if n == nil || n.Kind != role.String || !topLevelResource(l, d) {
			break
		}
		m := armParamRef.FindStringSubmatch(n.Str)
		if m == nil {
			break
		}
		if strings.EqualFold(m[1], "parameters") {
			n = l.Template.GetFold("parameters").GetFold(m[2]).GetFold("defaultValue")
		} else {
			n = l.Template.GetFold("variables").GetFold(m[2])
		}
	}
	if n == nil || n.Kind != role.Number {
		return 1
	}
	v, err := strconv.Atoi(n.Str)
	if err != nil {
		return 1
	}
	return max(v, 0)
}

// topLevelResource reports whether the role is a resource of the file's
// own template, whose parameters and variables its expressions name (those
// of a nested deployment name the inner template's).
func topLevelResource(l *Loaded, d *role.Definition) bool {
	res := l.Template.Get("resources")
	if res == nil {
		return false
	}
	for _, e := range res.Elems {
		if e == d.Root {
			return true
		}
	}
	for _, m := range res.Members {
		if m.Value == d.Root {
			return true
		}
	}
	return false
}

// tenantNum writes n with thousands separators, as the docs write limits.
func tenantNum(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + tenantNum(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
