package rules

import (
	"github.com/rolelint/rolelint/role"
)

// keyName is how the shape spells a role property, for messages.
func keyName(d *role.Definition, prop string) string {
	flat := d.Shape == role.ShapeFlat || d.Shape == role.ShapePermissions
	switch prop {
	case "name":
		if flat {
			return "Name"
		}
		return "roleName"
	case "id":
		if flat {
			return "Id"
		}
		return "name"
	case "description":
		if flat {
			return "Description"
		}
		return "description"
	case "scopes":
		if flat {
			return "AssignableScopes"
		}
		return "assignableScopes"
	}
	return prop
}

// opening is the range of the definition's opening brace, where findings
// about something missing point.
func opening(d *role.Definition) (int, int) { return d.Node.Off, d.Node.Off + 1 }
