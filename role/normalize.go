package role

import (
	"regexp"
	"strings"
)

// roleKeys are the keys (compared ignoring case) that make an object a role
// definition in one of the flat shapes.
var roleKeys = []string{"actions", "notActions", "dataActions", "notDataActions", "assignableScopes", "permissions", "isCustom", "roleName", "roleType"}

func hasAnyKey(n *Node, keys ...string) bool {
	for _, k := range keys {
		if n.MemberFold(k) != nil {
			return true
		}
	}
	return false
}

// definition normalises one object written in a flat, Permissions[] or REST
// shape, or returns nil when the object has none of a role's keys.
func (f *File) definition(n *Node) *Definition {
	if strings.EqualFold(n.GetFold("type").strValue(), "Microsoft.Authorization/roleDefinitions") && n.GetFold("apiVersion") != nil {
		// A resource object without its template, as the ALZ, CAF and AVM
		// libraries store them.
		return f.armDefinition(n, &Node{Kind: Object})
	}
	if props := n.GetFold("properties"); props != nil && props.Kind == Object && hasAnyKey(props, "roleName", "permissions", "assignableScopes") {
		d := &Definition{Shape: ShapeREST, Node: props, Root: n}
		d.Name = strOf(props.GetFold("roleName"))
		d.ID = strOf(n.GetFold("name"))
		d.Description = strOf(props.GetFold("description"))
		d.RoleType = strOf(props.GetFold("type"))
		f.fill(d, props, nil)
		return d
	}
	if !hasAnyKey(n, roleKeys...) {
		return nil
	}
	d := &Definition{Node: n, Root: n}
	d.Description = strOf(n.GetFold("description"))
	switch {
	case hasAnyKey(n, "roleName", "roleType"):
		// `az role definition list` element: name is the GUID, roleName the
		// display name. An element whose name is no GUID was edited for
		// `az role definition create`, which takes the display name from
		// name and ignores roleName (azure-rules.md 1a).
		d.Shape = ShapeREST
		d.Name = strOf(n.GetFold("roleName"))
		d.ID = strOf(n.GetFold("name"))
		if d.ID.Present() && d.ID.Value != "" && !isGUID(d.ID.Value) {
			d.CLIName = d.ID
			d.Name, d.ID = d.ID, Str{}
		}
		d.RoleType = strOf(n.GetFold("roleType"))
	default:
		d.Shape = ShapeFlat
		if p := n.GetFold("permissions"); p != nil {
			d.Shape = ShapePermissions
		}
		d.Name = strOf(n.GetFold("name"))
		d.ID = strOf(n.GetFold("id"))
		d.RoleType = strOf(n.GetFold("isCustom"))
	}
	f.fill(d, n, nil)
	return d
}

// armDefinition normalises a roleDefinitions resource of a template.
func (f *File) armDefinition(r, tmpl *Node) *Definition {
	props := r.GetFold("properties")
	d := &Definition{Shape: ShapeARM, Node: props, Root: r}
	if props == nil || props.Kind != Object {
		d.Node = r
		d.ID = f.armStr(r.GetFold("name"), tmpl)
		d.Custom = true
		return d
	}
	d.Name = f.armStr(props.GetFold("roleName"), tmpl)
	d.ID = f.armStr(r.GetFold("name"), tmpl)
	d.Description = f.armStr(props.GetFold("description"), tmpl)
	d.RoleType = f.armStr(props.GetFold("type"), tmpl)
	f.fill(d, props, tmpl)
	return d
}

// fill reads the permissions and scopes of d from obj. tmpl is the template
// whose parameters resolve expressions, or nil outside ARM.
func (f *File) fill(d *Definition, obj, tmpl *Node) {
	d.AssignableScopes = f.listOf(obj.MemberFold("assignableScopes"), tmpl)
	if pm := obj.MemberFold("permissions"); pm != nil {
		perms := pm.Value
		if tmpl != nil {
			perms = f.resolve(perms, tmpl)
		}
		if perms.Kind == String && IsExpression(perms.Str) {
			d.PermissionsExpr = true
		}
		if perms.Kind == Array {
			for _, e := range perms.Elems {
				if e.Kind == Object {
					d.Permissions = append(d.Permissions, f.permission(e, tmpl))
				}
			}
		}
	} else {
		d.Permissions = []Permission{f.permission(obj, tmpl)}
	}
	d.Custom = true
	switch v := strings.ToLower(d.RoleType.Value); {
	case d.RoleType.Expr:
	case v == "false", v == "builtinrole":
		d.Custom = false
	}
}

func (f *File) permission(obj, tmpl *Node) Permission {
	p := Permission{Node: obj}
	p.Actions = f.listOf(obj.MemberFold("actions"), tmpl)
	p.NotActions = f.listOf(obj.MemberFold("notActions"), tmpl)
	p.DataActions = f.listOf(obj.MemberFold("dataActions"), tmpl)
	p.NotDataActions = f.listOf(obj.MemberFold("notDataActions"), tmpl)
	if tmpl != nil {
		p.Condition = f.armStr(obj.GetFold("condition"), tmpl)
	} else {
		p.Condition = strOf(obj.GetFold("condition"))
	}
	return p
}

func strOf(n *Node) Str {
	if n == nil {
		return Str{}
	}
	s := Str{Off: n.Off, End: n.End}
	if n.Kind == String || n.Kind == Number || n.Kind == Bool {
		s.Value = n.Str
	}
	return s
}

func (f *File) listOf(m *Member, tmpl *Node) List {
	if m == nil {
		return List{}
	}
	l := List{Key: m.Key, KeyOff: m.KeyOff, KeyEnd: m.KeyEnd, Node: m.Value}
	n := m.Value
	if tmpl != nil {
		n = f.resolve(n, tmpl)
		if n.Kind == String && IsExpression(n.Str) {
			l.Expr = true
			return l
		}
	}
	if len(n.Elems) > 0 {
		l.Items = make([]Str, 0, len(n.Elems))
	}
	for _, e := range n.Elems {
		if e.Kind != String {
			continue
		}
		if tmpl != nil {
			l.Items = append(l.Items, f.armStr(e, tmpl))
		} else {
			l.Items = append(l.Items, strOf(e))
		}
	}
	return l
}

// armStr is strOf for template values: an expression that resolves to a
// literal parameter default or variable gives that literal (at its position),
// any other expression is marked Expr.
func (f *File) armStr(n *Node, tmpl *Node) Str {
	if n == nil {
		return Str{}
	}
	r := f.resolve(n, tmpl)
	s := strOf(r)
	if r.Kind == String {
		switch {
		case strings.HasPrefix(r.Str, "[["):
			s.Value = r.Str[1:] // "[[" escapes a literal "["
		case IsExpression(r.Str):
			s.Expr = true
		}
	}
	return s
}

var paramRef = regexp.MustCompile(`^\[\s*(parameters|variables)\s*\(\s*'([^']+)'\s*\)\s*\]$`)

// resolve follows [parameters('x')] to a literal defaultValue and
// [variables('x')] to a literal variable; anything else is returned as is.
func (f *File) resolve(n *Node, tmpl *Node) *Node {
	for range 8 { // a variable may name a parameter; never loop forever
		if n.Kind != String {
			return n
		}
		m := paramRef.FindStringSubmatch(n.Str)
		if m == nil {
			return n
		}
		var target *Node
		if strings.EqualFold(m[1], "parameters") {
			target = tmpl.GetFold("parameters").GetFold(m[2]).GetFold("defaultValue")
		} else {
			target = tmpl.GetFold("variables").GetFold(m[2])
		}
		if target == nil {
			return n
		}
		n = target
	}
	return n
}

// IsExpression reports whether s is an ARM template expression: it starts
// with "[" (but not the "[[" escape) and ends with "]".
func IsExpression(s string) bool {
	return len(s) >= 2 && s[0] == '[' && s[1] != '[' && s[len(s)-1] == ']'
}

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func isGUID(s string) bool { return guidRE.MatchString(s) }
