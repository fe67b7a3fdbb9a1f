package role

import (
	"bytes"
	"strings"
	"unicode/utf16"
)

// Load decodes raw (the bytes of path) and normalises every role definition
// in it. It never fails: a file that is not JSON comes back with Err set, a
// JSON file that is no role definition with NotRole set.
func Load(path string, raw []byte) *File {
	f := &File{Path: path}
	src, encoding, encErr := decode(raw)
	f.Src, f.Encoding = string(src), encoding
	if encErr != "" {
		f.Err = &SyntaxError{Off: 0, Msg: encErr}
		return f
	}
	tree, dups, err := parseJSON(src, f.Src)
	if err != nil {
		f.Err = err.(*SyntaxError)
		return f
	}
	f.Tree, f.Duplicates = tree, dups
	f.detect()
	return f
}

// decode returns the UTF-8 text of raw: a UTF-8 byte-order mark is dropped and
// UTF-16 with a byte-order mark is converted. Offsets in the model refer to
// the returned text.
func decode(raw []byte) (src []byte, encoding, problem string) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return raw[3:], "utf-8-bom", ""
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		le := raw[0] == 0xFF
		body := raw[2:]
		if len(body)%2 != 0 {
			return nil, "", "UTF-16 file has an odd number of bytes: it is truncated or not UTF-16"
		}
		u := make([]uint16, len(body)/2)
		for i := range u {
			if le {
				u[i] = uint16(body[2*i]) | uint16(body[2*i+1])<<8
			} else {
				u[i] = uint16(body[2*i])<<8 | uint16(body[2*i+1])
			}
		}
		enc := "utf-16be"
		if le {
			enc = "utf-16le"
		}
		return []byte(string(utf16.Decode(u))), enc, ""
	case len(raw) >= 4 && (raw[0] == 0 && raw[2] == 0 && raw[1] != 0 || raw[1] == 0 && raw[3] == 0 && raw[0] != 0):
		return nil, "", "file looks like UTF-16 without a byte-order mark: save it as UTF-8"
	}
	return raw, "utf-8", ""
}

// detect finds the role definitions in the tree, or says why there are none.
func (f *File) detect() {
	switch f.Tree.Kind {
	case Object:
		if why := notRole(f.Tree); why != "" {
			f.NotRole = why
			return
		}
		if isTemplate(f.Tree) {
			f.Template = f.Tree
			f.loadTemplate(f.Tree, f.Tree)
			if len(f.Defs) == 0 {
				f.NotRole = "an ARM template with no Microsoft.Authorization/roleDefinitions resource"
			}
			return
		}
		if d := f.definition(f.Tree); d != nil {
			f.Defs = append(f.Defs, d)
			return
		}
		// An Azure Blueprint template artifact embeds an ARM template.
		if t := f.Tree.GetFold("properties").GetFold("template"); t != nil && t.Kind == Object && t.Get("resources") != nil {
			f.Template = t
			f.loadTemplate(t, t)
			if len(f.Defs) > 0 {
				return
			}
		}
		f.NotRole = "a JSON object with none of the keys of a role definition"
	case Array:
		var why string
		for _, e := range f.Tree.Elems {
			if e.Kind != Object {
				continue
			}
			if w := notRole(e); w != "" {
				why = w
				continue
			}
			if d := f.definition(e); d != nil {
				f.Defs = append(f.Defs, d)
			}
		}
		if len(f.Defs) == 0 {
			if why == "" {
				why = "a JSON array with no role definition in it"
			}
			f.NotRole = why
		}
	default:
		f.NotRole = "a JSON " + f.Tree.Kind.String() + ", not an object or array"
	}
}

// notRole recognises the JSON files most often found next to Azure roles that
// look like them but are another system's roles.
func notRole(n *Node) string {
	typ := strings.ToLower(n.GetFold("type").strValue())
	id := strings.ToLower(n.GetFold("id").strValue())
	switch {
	case n.Get("includedPermissions") != nil || n.Get("stage") != nil && n.Get("title") != nil:
		return "a Google Cloud custom role"
	case strings.Contains(typ, "sqlroledefinitions") || strings.Contains(id, "/sqlroledefinitions/") ||
		strings.Contains(typ, "mongodbroledefinitions") || strings.Contains(id, "/mongodbroledefinitions/"):
		return "an Azure Cosmos DB data-plane role definition"
	case n.Get("rolePermissions") != nil || strings.Contains(n.Get("@odata.type").strValue(), "unifiedRoleDefinition"):
		return "a Microsoft Entra ID role definition (unifiedRoleDefinition)"
	case n.Get("dependencies") != nil || n.Get("devDependencies") != nil || n.Get("scripts") != nil && n.Get("version") != nil:
		return "a package.json"
	case isCosmosBody(n):
		return "an Azure Cosmos DB data-plane role definition"
	}
	return ""
}

// isCosmosBody recognises the body of `az cosmosdb sql role definition
// create`: RoleName and Type with data actions that are all Cosmos DB's.
func isCosmosBody(n *Node) bool {
	if n.Get("RoleName") == nil && n.Get("roleName") == nil || n.GetFold("type") == nil || n.GetFold("properties") != nil {
		return false
	}
	perms := n.GetFold("permissions")
	if perms == nil || perms.Kind != Array || len(perms.Elems) == 0 {
		return false
	}
	for _, p := range perms.Elems {
		da := p.GetFold("dataActions")
		if da == nil || da.Kind != Array || p.GetFold("actions") != nil {
			return false
		}
		for _, e := range da.Elems {
			if !strings.HasPrefix(strings.ToLower(e.strValue()), "microsoft.documentdb/databaseaccounts/") {
				return false
			}
		}
	}
	return true
}

func (n *Node) strValue() string {
	if n == nil || n.Kind != String {
		return ""
	}
	return n.Str
}

func isTemplate(n *Node) bool {
	return strings.Contains(strings.ToLower(n.Get("$schema").strValue()), "deploymenttemplate") ||
		n.Get("resources") != nil && n.Get("contentVersion") != nil
}

// loadTemplate collects every roleDefinitions resource, including those in
// nested resources and in inline nested deployments.
func (f *File) loadTemplate(holder, tmpl *Node) {
	res := holder.Get("resources")
	var elems []*Node
	switch {
	case res == nil:
		return
	case res.Kind == Array:
		elems = res.Elems
	case res.Kind == Object: // languageVersion 2.0: symbolic names
		for _, m := range res.Members {
			elems = append(elems, m.Value)
		}
	}
	for _, r := range elems {
		if r.Kind != Object {
			continue
		}
		if e := r.GetFold("existing"); e != nil && e.Kind == Bool && e.Str == "true" {
			continue // a reference to a role deployed elsewhere, not a definition
		}
		typ := r.GetFold("type").strValue()
		switch {
		case strings.EqualFold(typ, "Microsoft.Authorization/roleDefinitions"):
			f.Defs = append(f.Defs, f.armDefinition(r, tmpl))
		case strings.EqualFold(typ, "Microsoft.Resources/deployments"):
			if inner := r.GetFold("properties").GetFold("template"); inner != nil && inner.Kind == Object {
				f.loadTemplate(inner, inner)
			}
		}
		if r.Get("resources") != nil {
			f.loadTemplate(r, tmpl)
		}
	}
}
