// Package benchgen generates a synthetic tenant of Azure custom role files
// for benchmarks, determinism tests and whole-process timings: every shape
// rolelint reads (flat az CLI / PowerShell files in several key cases,
// PowerShell Permissions[], REST bodies with properties, `az role definition
// list` arrays, ARM templates), sizes from 3 to 400 operations drawn from the
// embedded catalog (wildcards included), and about one file in ten with a
// defect (a typo, two wildcards, a bad scope, NotActions that subtract
// nothing, a duplicate role name, a key the az CLI drops).
//
// The same n and seed always give the same bytes, so a tenant can be
// regenerated instead of committed.
package benchgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/rolelint/rolelint/catalog"
)

// File is one generated role file.
type File struct {
	Path string // slash-separated, relative to the tenant's root
	Data []byte
	// Defect names the defect planted in the file ("" for a clean file).
	Defect string
	Roles  int // role definitions in the file
}

// Generate writes a tenant of n role files under dir (created if needed).
func Generate(dir string, n int, seed int64) error {
	files, err := Files(n, seed)
	if err != nil {
		return err
	}
	made := map[string]bool{}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// List is one `az role definition list` file of n clean roles: the
// largest role files people keep (a whole tenant's export).
func List(n int, seed int64) ([]byte, error) {
	p, err := loadPool()
	if err != nil {
		return nil, err
	}
	g := &gen{rng: rand.New(rand.NewPCG(uint64(seed), 0x6c697374)), pool: p}
	for range 24 {
		g.subs = append(g.subs, g.guid())
	}
	arr := make([]any, n)
	for i := range arr {
		arr[i] = listElement(g.newRole(i, 0))
	}
	b, err := json.MarshalIndent(arr, "", "  ")
	return append(b, '\n'), err
}

// Files generates the tenant in memory.
func Files(n int, seed int64) ([]File, error) {
	if n < 0 {
		return nil, fmt.Errorf("benchgen: negative file count %d", n)
	}
	p, err := loadPool()
	if err != nil {
		return nil, err
	}
	g := &gen{
		rng:  rand.New(rand.NewPCG(uint64(seed), 0x726f6c656c696e74)),
		pool: p,
	}
	for range 24 {
		g.subs = append(g.subs, g.guid())
	}
	out := make([]File, 0, n)
	for i := range n {
		out = append(out, g.file(i))
	}
	return out, nil
}

// pool is the catalog's documented operations, grouped for drawing.
type pool struct {
	control, data []catalog.Op
	// byProvider indexes control (and dataBy data) by provider, so a role
	// can draw its operations from the few providers it is about.
	providers    []string
	byProvider   map[string][]catalog.Op
	dataBy       map[string][]catalog.Op
	dataProvider []string
}

var loadPool = sync.OnceValues(func() (*pool, error) {
	c := catalog.Default()
	p := &pool{byProvider: map[string][]catalog.Op{}, dataBy: map[string][]catalog.Op{}}
	for _, op := range c.Match("*", false) {
		if op.Source == catalog.SourceDocs && strings.Count(op.Name, "/") >= 2 && !flagged(op.Name) {
			p.control = append(p.control, op)
			p.byProvider[op.Provider] = append(p.byProvider[op.Provider], op)
		}
	}
	for _, op := range c.Match("*", true) {
		if op.Source == catalog.SourceDocs && strings.Count(op.Name, "/") >= 2 && !flagged(op.Name) {
			p.data = append(p.data, op)
			p.dataBy[op.Provider] = append(p.dataBy[op.Provider], op)
		}
	}
	if len(p.control) < 1000 || len(p.data) < 100 {
		return nil, fmt.Errorf("benchgen: the catalog holds too few documented operations (%d control, %d data)", len(p.control), len(p.data))
	}
	for prov := range p.byProvider {
		p.providers = append(p.providers, prov)
	}
	sort.Strings(p.providers)
	for prov := range p.dataBy {
		p.dataProvider = append(p.dataProvider, prov)
	}
	sort.Strings(p.dataProvider)
	return p, nil
})

// flagged reports operations that a clean role of the tenant should not
// hold because a rule reports them whatever the role (RL212 classic
// providers, RL5xx escalation and credential access, RL601 providers that
// ignore custom roles): the clean nine files in ten stay clean.
func flagged(op string) bool {
	k := strings.ToLower(op)
	for _, p := range []string{"microsoft.authorization/", "microsoft.classic", "microsoft.communication/", "microsoft.resources/deploymentstacks/"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	for _, s := range []string{"/listkeys/action", "/regeneratekey/action", "/listcredentials/action", "/listclusteradmincredential/action",
		"/sharedkeys/action", "/listadmincredentials/action", "/listsecrets/action", "/runcommand/action"} {
		if strings.HasSuffix(k, s) {
			return true
		}
	}
	return false
}

// wildcardOK reports whether w matches some operation and no flagged one.
func wildcardOK(w string) bool {
	ops := catalog.Default().Match(w, false)
	for _, op := range ops {
		if flagged(op.Name) {
			return false
		}
	}
	return len(ops) > 0
}

type gen struct {
	rng   *rand.Rand
	pool  *pool
	subs  []string
	names []string // every role name so far, for duplicate-name defects
}

// Shapes, in the proportions of a typical repository of roles.
const (
	shapeFlatPascal  = iota // Name, Actions, AssignableScopes (az CLI docs, Get-AzRoleDefinition | ConvertTo-Json)
	shapeFlatCamel          // name, actions, assignableScopes (what people type)
	shapePermissions        // PowerShell Az 16: Permissions[]
	shapeREST               // REST body: properties.roleName ...
	shapeList               // az role definition list output: an array
	shapeARM                // ARM template
)

var shapeNames = [...]string{"cli", "cli-camel", "ps", "rest", "list", "arm"}

func (g *gen) shape() int {
	switch r := g.rng.IntN(100); {
	case r < 30:
		return shapeFlatPascal
	case r < 42:
		return shapeFlatCamel
	case r < 57:
		return shapePermissions
	case r < 72:
		return shapeREST
	case r < 86:
		return shapeList
	default:
		return shapeARM
	}
}

// size draws a role's number of Actions: most roles are small, a few are
// exports of everything a team needs.
func (g *gen) size() int {
	switch r := g.rng.IntN(100); {
	case r < 60:
		return 3 + g.rng.IntN(10)
	case r < 85:
		return 13 + g.rng.IntN(38)
	case r < 96:
		return 51 + g.rng.IntN(100)
	default:
		return 151 + g.rng.IntN(250)
	}
}

// role is one definition before it is written in a shape.
type role struct {
	name, id, description                            string
	actions, notActions, dataActions, notDataActions []string
	scopes                                           []string
	lowerNotActions                                  bool // write "notactions" (RL105)
}

var teams = []string{"Platform", "Data", "Payments", "Identity", "Networking", "Security", "Analytics", "Web", "Mobile", "Ops", "Finance", "Research"}
var verbs = []string{"Reader", "Operator", "Contributor", "Auditor", "Deployer", "Helper", "Manager", "Support", "Monitor", "Rotator"}

func (g *gen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

func (g *gen) guid() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(g.rng.UintN(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newRole draws a clean role: operations of one to a few providers, maybe
// a wildcard with NotActions it covers, maybe data actions.
func (g *gen) newRole(i, j int) *role {
	p := g.pool
	r := &role{
		name:        fmt.Sprintf("%s %s %05d-%d", g.pick(teams), g.pick(verbs), i, j),
		id:          g.guid(),
		description: fmt.Sprintf("Generated role %d.%d for the tenant-scale benchmark.", i, j),
	}
	n := g.size()
	nProv := 1 + min(n/40, 6) + g.rng.IntN(2)
	seen := map[string]bool{}
	add := func(list *[]string, s string) {
		if !seen[strings.ToLower(s)] {
			seen[strings.ToLower(s)] = true
			*list = append(*list, s)
		}
	}
	var provs []string
	for range nProv {
		provs = append(provs, p.providers[g.rng.IntN(len(p.providers))])
	}
	for tries := 0; len(r.actions) < n && tries < 4*n; tries++ {
		ops := p.byProvider[provs[g.rng.IntN(len(provs))]]
		add(&r.actions, ops[g.rng.IntN(len(ops))].Name)
	}
	if len(r.actions) < 3 { // a provider with one or two operations
		for len(r.actions) < 3 {
			add(&r.actions, p.control[g.rng.IntN(len(p.control))].Name)
		}
	}
	if g.rng.IntN(100) < 30 {
		// A wildcard over one of the role's providers, and NotActions it covers.
		op := p.byProvider[provs[0]][g.rng.IntN(len(p.byProvider[provs[0]]))]
		segs := strings.Split(op.Name, "/")
		var w string
		switch g.rng.IntN(3) {
		case 0:
			w = segs[0] + "/*/read"
		case 1:
			w = segs[0] + "/" + segs[1] + "/*"
		default:
			w = segs[0] + "/*"
		}
		if wildcardOK(w) {
			// Drop what the wildcard covers, as a reviewer would.
			kept := r.actions[:0]
			for _, a := range r.actions {
				if !catalog.MatchPattern(w, a) {
					kept = append(kept, a)
				}
			}
			r.actions = kept
			add(&r.actions, w)
			for len(r.actions) < 3 { // at least three entries, as every role
				if o := p.control[g.rng.IntN(len(p.control))].Name; !catalog.MatchPattern(w, o) {
					add(&r.actions, o)
				}
			}
			if g.rng.IntN(2) == 0 {
				for _, o := range p.byProvider[provs[0]] {
					if catalog.MatchPattern(w, o.Name) && (strings.HasSuffix(o.Name, "/delete") || strings.HasSuffix(o.Name, "/write")) {
						r.notActions = append(r.notActions, o.Name)
						if len(r.notActions) == 3 {
							break
						}
					}
				}
			}
		}
	}
	if g.rng.IntN(100) < 20 {
		prov := p.dataProvider[g.rng.IntN(len(p.dataProvider))]
		ops := p.dataBy[prov]
		for range 1 + g.rng.IntN(10) {
			add(&r.dataActions, ops[g.rng.IntN(len(ops))].Name)
		}
	}
	for k := range 1 + g.rng.IntN(3) {
		sub := g.subs[g.rng.IntN(len(g.subs))]
		switch g.rng.IntN(4) {
		case 0, 1:
			r.scopes = append(r.scopes, "/subscriptions/"+sub)
		case 2:
			r.scopes = append(r.scopes, fmt.Sprintf("/subscriptions/%s/resourceGroups/rg-%s-%d", sub, strings.ToLower(g.pick(teams)), k))
		default:
			if len(r.dataActions) == 0 {
				r.scopes = append(r.scopes, "/providers/Microsoft.Management/managementGroups/mg-"+strings.ToLower(g.pick(teams)))
			} else {
				r.scopes = append(r.scopes, "/subscriptions/"+sub)
			}
		}
	}
	r.scopes = dedupFold(r.scopes)
	if countMG(r.scopes) > 1 { // Azure allows one management group
		var keep []string
		mg := false
		for _, s := range r.scopes {
			if strings.HasPrefix(s, "/providers/") {
				if mg {
					continue
				}
				mg = true
			}
			keep = append(keep, s)
		}
		r.scopes = keep
	}
	return r
}

func dedupFold(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if k := strings.ToLower(x); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

func countMG(xs []string) int {
	n := 0
	for _, x := range xs {
		if strings.HasPrefix(x, "/providers/") {
			n++
		}
	}
	return n
}

// Defects planted in about one file in ten.
var defects = []string{"typo", "two-wildcards", "bad-scope", "notactions-subtract-nothing", "duplicate-name", "cli-key-case"}

// plant puts one defect into r and says which.
func (g *gen) plant(r *role, shape int) string {
	d := defects[g.rng.IntN(len(defects))]
	switch d {
	case "typo":
		i := g.rng.IntN(len(r.actions))
		for k := 0; k < len(r.actions) && strings.Contains(r.actions[i], "*"); k++ {
			i = (i + 1) % len(r.actions)
		}
		if strings.Contains(r.actions[i], "*") { // only wildcards: add the typo
			r.actions = append(r.actions, g.pool.control[g.rng.IntN(len(g.pool.control))].Name)
			i = len(r.actions) - 1
		}
		r.actions[i] = typo(r.actions[i], g.rng)
	case "two-wildcards":
		ns, _, _ := strings.Cut(r.actions[0], "/")
		r.actions = append(r.actions, ns+"/*/"+g.pick([]string{"virtualMachines", "accounts", "servers"})+"/*")
	case "bad-scope":
		r.scopes[0] = g.pick([]string{
			"/subscriptions/{subscriptionId}",
			"/subscriptions/<subscription-id>/resourceGroups/rg-app",
			"subscriptions/" + g.subs[0],
			"/subscriptions/" + g.subs[1] + "/resourceGroups",
			"/",
			"/subscriptions/00000000-0000-0000-0000-000000000000",
		})
	case "notactions-subtract-nothing":
		// An operation of a provider the role's Actions do not reach.
		for {
			op := g.pool.control[g.rng.IntN(len(g.pool.control))]
			covered := false
			for _, a := range r.actions {
				if catalog.MatchPattern(a, op.Name) {
					covered = true
					break
				}
			}
			if !covered {
				r.notActions = append(r.notActions, op.Name)
				break
			}
		}
	case "duplicate-name":
		if len(g.names) == 0 {
			return g.plant(r, shape)
		}
		r.name = strings.ToUpper(g.names[g.rng.IntN(len(g.names))])
	case "cli-key-case":
		if shape != shapeFlatPascal && shape != shapeFlatCamel {
			return g.plant(r, shape)
		}
		if len(r.notActions) == 0 {
			r.notActions = []string{r.actions[0]}
		}
		r.lowerNotActions = true
	}
	return d
}

// typo swaps two adjacent letters of the resource type, or drops one.
func typo(op string, rng *rand.Rand) string {
	segs := strings.Split(op, "/")
	k := 1
	if len(segs) > 2 {
		k = 1 + rng.IntN(len(segs)-2)
	}
	s := segs[k]
	if len(s) < 4 {
		s += "s"
	} else if i := 1 + rng.IntN(len(s)-2); s[i] != s[i+1] {
		s = s[:i] + string(s[i+1]) + string(s[i]) + s[i+2:]
	} else {
		s = s[:i] + s[i+1:]
	}
	segs[k] = s
	return strings.Join(segs, "/")
}

func (g *gen) file(i int) File {
	shape := g.shape()
	nRoles := 1
	switch shape {
	case shapeList:
		nRoles = 2 + g.rng.IntN(3)
	case shapeARM:
		nRoles = 1 + g.rng.IntN(2)
	}
	roles := make([]*role, nRoles)
	for j := range roles {
		roles[j] = g.newRole(i, j)
	}
	defect := ""
	if g.rng.IntN(10) == 0 {
		defect = g.plant(roles[g.rng.IntN(nRoles)], shape)
	}
	for _, r := range roles {
		g.names = append(g.names, r.name)
	}
	var doc any
	switch shape {
	case shapeFlatPascal, shapeFlatCamel:
		doc = flat(roles[0], shape == shapeFlatCamel)
	case shapePermissions:
		doc = permissions(roles[0])
	case shapeREST:
		doc = rest(roles[0], g.subs[0])
	case shapeList:
		var arr []any
		for _, r := range roles {
			arr = append(arr, listElement(r))
		}
		doc = arr
	case shapeARM:
		doc = template(roles)
	}
	data := g.format(doc, shape)
	return File{
		Path:   fmt.Sprintf("team-%02d/%s-%05d.json", i%40, shapeNames[shape], i),
		Data:   data,
		Defect: defect,
		Roles:  nRoles,
	}
}

// format writes doc as people and tools do: indented by two or four
// spaces or a tab, sometimes minified, now and then with CRLF line ends or
// a UTF-8 byte-order mark (Windows PowerShell's Out-File).
func (g *gen) format(doc any, shape int) []byte {
	raw, err := json.Marshal(doc)
	if err != nil {
		panic(err) // the documents are built from strings and slices only
	}
	var b bytes.Buffer
	switch r := g.rng.IntN(100); {
	case r < 10:
		b.Write(raw)
	case r < 70:
		json.Indent(&b, raw, "", "  ")
	case r < 90:
		json.Indent(&b, raw, "", "    ")
	default:
		json.Indent(&b, raw, "", "\t")
	}
	b.WriteByte('\n')
	out := b.Bytes()
	if g.rng.IntN(100) < 5 {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	if (shape == shapeFlatPascal || shape == shapePermissions) && g.rng.IntN(100) < 5 {
		out = append([]byte{0xEF, 0xBB, 0xBF}, out...)
	}
	return out
}

// object is a JSON object that keeps its keys in the order written.
type object []field

type field struct {
	k string
	v any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(f.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func list(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func flat(r *role, camel bool) object {
	k := func(pascal string) string {
		if camel {
			return strings.ToLower(pascal[:1]) + pascal[1:]
		}
		return pascal
	}
	notKey := k("NotActions")
	if r.lowerNotActions {
		notKey = "notactions"
	}
	return object{
		{k("Name"), r.name},
		{k("Id"), r.id},
		{k("IsCustom"), true},
		{k("Description"), r.description},
		{k("Actions"), list(r.actions)},
		{notKey, list(r.notActions)},
		{k("DataActions"), list(r.dataActions)},
		{k("NotDataActions"), list(r.notDataActions)},
		{k("AssignableScopes"), list(r.scopes)},
	}
}

func permissions(r *role) object {
	return object{
		{"Name", r.name},
		{"Id", r.id},
		{"IsCustom", true},
		{"Description", r.description},
		{"Permissions", []object{{
			{"Actions", list(r.actions)},
			{"NotActions", list(r.notActions)},
			{"DataActions", list(r.dataActions)},
			{"NotDataActions", list(r.notDataActions)},
		}}},
		{"AssignableScopes", list(r.scopes)},
	}
}

func restPermissions(r *role) []object {
	return []object{{
		{"actions", list(r.actions)},
		{"notActions", list(r.notActions)},
		{"dataActions", list(r.dataActions)},
		{"notDataActions", list(r.notDataActions)},
	}}
}

func rest(r *role, sub string) object {
	return object{
		{"id", "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/" + r.id},
		{"name", r.id},
		{"type", "Microsoft.Authorization/roleDefinitions"},
		{"properties", object{
			{"roleName", r.name},
			{"type", "CustomRole"},
			{"description", r.description},
			{"assignableScopes", list(r.scopes)},
			{"permissions", restPermissions(r)},
		}},
	}
}

func listElement(r *role) object {
	return object{
		{"assignableScopes", list(r.scopes)},
		{"createdBy", "7c1f0e52-5d8a-4b7e-9f3c-2a6d8e0b4c19"},
		{"createdOn", "2025-11-04T09:12:44.000000+00:00"},
		{"description", r.description},
		{"id", "/providers/Microsoft.Authorization/roleDefinitions/" + r.id},
		{"name", r.id},
		{"permissions", restPermissions(r)},
		{"roleName", r.name},
		{"roleType", "CustomRole"},
		{"type", "Microsoft.Authorization/roleDefinitions"},
		{"updatedBy", "7c1f0e52-5d8a-4b7e-9f3c-2a6d8e0b4c19"},
		{"updatedOn", "2026-01-19T16:40:02.000000+00:00"},
	}
}

func template(roles []*role) object {
	var res []object
	for i, r := range roles {
		name := any(r.name)
		if i == 0 {
			name = "[parameters('roleName')]"
		}
		res = append(res, object{
			{"type", "Microsoft.Authorization/roleDefinitions"},
			{"apiVersion", "2022-04-01"},
			{"name", fmt.Sprintf("[guid(subscription().id, '%s')]", r.id)},
			{"properties", object{
				{"roleName", name},
				{"description", r.description},
				{"type", "customRole"},
				{"permissions", restPermissions(r)},
				{"assignableScopes", list(r.scopes)},
			}},
		})
	}
	return object{
		{"$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"},
		{"contentVersion", "1.0.0.0"},
		{"parameters", object{
			{"roleName", object{{"type", "string"}, {"defaultValue", roles[0].name}}},
		}},
		{"resources", res},
	}
}
