// Package role reads Azure RBAC role definition files in every shape people
// keep them in and normalises them into one model in which every value keeps
// its JSON Pointer and byte range, so that rules can point at exact tokens.
package role

import "strings"

// Shape is the family of keys a definition is written in.
type Shape string

const (
	// ShapeFlat is the az CLI / PowerShell input file: Name, Actions, ... at the top.
	ShapeFlat Shape = "flat"
	// ShapePermissions is the PowerShell Az 16 file: Name plus Permissions[].
	ShapePermissions Shape = "permissions"
	// ShapeREST is a REST body or an `az role definition list` element:
	// roleName, permissions[] and assignableScopes, with or without a
	// properties wrapper.
	ShapeREST Shape = "rest"
	// ShapeARM is a Microsoft.Authorization/roleDefinitions resource in an
	// ARM template (or Bicep build output).
	ShapeARM Shape = "arm"
)

// Str is a string value from the file. Expr marks an ARM template expression
// that could not be resolved to a literal: rules must not read it as a
// literal. An absent value has End == 0.
type Str struct {
	Value    string
	Off, End int
	Expr     bool
}

// Present reports whether the value was written in the file.
func (s Str) Present() bool { return s.End > 0 }

// List is an array of strings (Actions, AssignableScopes, ...). Key is the
// key as written; Node is the array (nil when absent). Expr marks a whole
// list given as an unresolved ARM expression.
type List struct {
	Key            string
	Items          []Str
	Node           *Node
	KeyOff, KeyEnd int
	Expr           bool
}

// Present reports whether the key was written at all.
func (l List) Present() bool { return l.Node != nil || l.Expr }

// Permission is one element of permissions[] (or the flat top level).
type Permission struct {
	Actions, NotActions, DataActions, NotDataActions List
	Condition                                        Str
	Node                                             *Node
}

// Plane lists of a permission, indexed for rules that treat the four alike.
type ListKind int

const (
	Actions ListKind = iota
	NotActions
	DataActions
	NotDataActions
)

var listNames = [...]string{"Actions", "NotActions", "DataActions", "NotDataActions"}

func (k ListKind) String() string { return listNames[k] }

// Data reports whether the list holds data-plane operations.
func (k ListKind) Data() bool { return k == DataActions || k == NotDataActions }

// Not reports whether the list subtracts (NotActions, NotDataActions).
func (k ListKind) Not() bool { return k == NotActions || k == NotDataActions }

// List returns one of the four lists.
func (p *Permission) List(k ListKind) *List {
	switch k {
	case Actions:
		return &p.Actions
	case NotActions:
		return &p.NotActions
	case DataActions:
		return &p.DataActions
	default:
		return &p.NotDataActions
	}
}

// Definition is one role definition, whatever shape it was written in.
type Definition struct {
	Shape Shape
	Node  *Node // the object that holds the role's keys (properties for REST/ARM)
	Root  *Node // the definition object itself (the resource, for ARM)

	Name Str // display name (Name, roleName)
	// CLIName is set when an `az role definition list` element's name was
	// edited to a display name: az role definition create uses it and
	// ignores roleName.
	CLIName     Str
	ID          Str // GUID (Id, name), or a resource id for `az role definition list` output
	Description Str
	// RoleType is "CustomRole"/"BuiltInRole" (REST, ARM) or the IsCustom
	// literal (flat shapes). Custom is false only when the file says so.
	RoleType Str
	Custom   bool

	Permissions []Permission
	// PermissionsExpr marks permissions given as one unresolved ARM
	// expression: what the role grants is known only at deploy time.
	PermissionsExpr  bool
	AssignableScopes List
}

// Lists calls fn for every list of every permission block, in order.
func (d *Definition) Lists(fn func(p *Permission, k ListKind, l *List)) {
	for i := range d.Permissions {
		p := &d.Permissions[i]
		for k := Actions; k <= NotDataActions; k++ {
			fn(p, k, p.List(k))
		}
	}
}

// Ops returns every string of one list kind across all permission blocks.
// The result may share the definition's storage: do not modify it.
func (d *Definition) Ops(k ListKind) []Str {
	if len(d.Permissions) == 1 { // the usual case: no copy
		items := d.Permissions[0].List(k).Items
		return items[:len(items):len(items)]
	}
	var out []Str
	for i := range d.Permissions {
		out = append(out, d.Permissions[i].List(k).Items...)
	}
	return out
}

// DisplayName is the name to show in messages.
func (d *Definition) DisplayName() string {
	if d.Name.Present() && !d.Name.Expr && strings.TrimSpace(d.Name.Value) != "" {
		return d.Name.Value
	}
	return "(unnamed role)"
}

// File is one role file after loading.
type File struct {
	Path string
	// Src is the decoded UTF-8 text all offsets refer to. The strings of
	// the tree and the model are slices of it.
	Src string
	// Encoding is how the file's bytes map to Src: "utf-8", "utf-8-bom",
	// "utf-16le", "utf-16be".
	Encoding string

	// ReadErr is set when the file could not be read at all.
	ReadErr string

	Tree       *Node
	Duplicates []Duplicate
	Err        *SyntaxError // set when the file is not valid JSON

	Defs []*Definition
	// NotRole says why a valid JSON file is not an Azure RBAC role
	// definition ("a Google Cloud custom role"); empty for role files.
	NotRole string
	// Template is the ARM template root when Shape is ARM (for parameters).
	Template *Node

	released bool // by Released: Tree is gone, PointerAt parses Src again
}

// Released returns f without what only rules that look at one file read:
// the tree, the template, the duplicate keys, and each definition's
// permissions and scopes. A definition keeps its shape, names, id and
// type, and its Root and Node keep their ranges but lose their contents.
// A run over a tenant keeps every file to the end, for the rules on the
// whole set and for the output, and the trees were most of its memory.
// DefinitionAt works as before; PointerAt parses the text again.
func (f *File) Released() *File {
	r := &File{Path: f.Path, Src: f.Src, Encoding: f.Encoding, ReadErr: f.ReadErr, Err: f.Err, NotRole: f.NotRole,
		released: f.released || f.Tree != nil}
	if len(f.Defs) > 0 {
		r.Defs = make([]*Definition, len(f.Defs))
	}
	for i, d := range f.Defs {
		r.Defs[i] = &Definition{Shape: d.Shape, Node: d.Node.stub(), Root: d.Root.stub(),
			Name: d.Name, CLIName: d.CLIName, ID: d.ID, Description: d.Description, RoleType: d.RoleType, Custom: d.Custom,
			PermissionsExpr: d.PermissionsExpr}
	}
	return r
}

// stub is n without its contents or place in the tree.
func (n *Node) stub() *Node {
	if n == nil {
		return nil
	}
	return &Node{Kind: n.Kind, Off: n.Off, End: n.End, Str: n.Str}
}

// DefinitionAt returns the definition whose object contains off, or nil.
func (f *File) DefinitionAt(off int) *Definition {
	for _, d := range f.Defs {
		if off >= d.Root.Off && off < d.Root.End {
			return d
		}
	}
	return nil
}

// PointerAt returns the JSON Pointer of the innermost value at off.
func (f *File) PointerAt(off int) string {
	tree := f.Tree
	if tree == nil && f.released {
		tree, _, _ = parseJSON([]byte(f.Src), f.Src)
	}
	if tree == nil {
		return ""
	}
	n, m := tree.At(off)
	if m != nil {
		return m.Value.Ptr()
	}
	return n.Ptr()
}
