package role

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// lineCol is the 1-based line and character column of a byte offset.
func lineCol(src string, off int) (int, int) {
	line, col := 1, 1
	for _, r := range string(src[:off]) {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

const pretty = `{
  "Name": "Ünïcödé Rôle",
  "Description": "Émojis 🎉 before the token",
  "Actions": [
    "Microsoft.Compute/virtualMachines/read",
    "Microsoft.Compute/virtualMachines/start/action"
  ],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}
`

// TestPositions checks that the second action is found at the exact line and
// column, whatever the encoding and layout of the file.
func TestPositions(t *testing.T) {
	minified := strings.Join(strings.Fields(strings.ReplaceAll(pretty, "\n", " ")), " ")
	cases := []struct {
		name      string
		raw       []byte
		line, col int
		encoding  string
	}{
		{"pretty", []byte(pretty), 6, 5, "utf-8"},
		{"crlf", []byte(strings.ReplaceAll(pretty, "\n", "\r\n")), 6, 5, "utf-8"},
		{"bom", append([]byte{0xEF, 0xBB, 0xBF}, pretty...), 6, 5, "utf-8-bom"},
		{"utf16le", utf16Bytes(pretty, false), 6, 5, "utf-16le"},
		{"utf16be", utf16Bytes(pretty, true), 6, 5, "utf-16be"},
		{"minified", []byte(minified), 1, strings.Index(minified, `"Microsoft.Compute/virtualMachines/start`) - len("Émojis 🎉Ünïcödé Rôle") + len([]rune("Émojis 🎉Ünïcödé Rôle")) + 1, "utf-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := Load(c.name+".json", c.raw)
			if f.Err != nil || len(f.Defs) != 1 {
				t.Fatalf("load: err=%v defs=%d notRole=%q", f.Err, len(f.Defs), f.NotRole)
			}
			if f.Encoding != c.encoding {
				t.Errorf("encoding %s, want %s", f.Encoding, c.encoding)
			}
			a := f.Defs[0].Permissions[0].Actions.Items[1]
			if ptr := f.PointerAt(a.Off); a.Value != "Microsoft.Compute/virtualMachines/start/action" || ptr != "/Actions/1" {
				t.Fatalf("got %q at %s", a.Value, ptr)
			}
			if got := string(f.Src[a.Off:a.End]); got != `"Microsoft.Compute/virtualMachines/start/action"` {
				t.Errorf("range covers %q", got)
			}
			line, col := lineCol(f.Src, a.Off)
			if line != c.line || col != c.col {
				t.Errorf("at %d:%d, want %d:%d", line, col, c.line, c.col)
			}
		})
	}
}

func TestShapes(t *testing.T) {
	cases := []struct {
		name, src string
		shapes    []Shape
		names     []string
		notRole   string
	}{
		{"flat", `{"Name":"A","Actions":["x/y"],"AssignableScopes":["/"]}`, []Shape{ShapeFlat}, []string{"A"}, ""},
		{"flat lower", `{"name":"A","actions":["x/y"]}`, []Shape{ShapeFlat}, []string{"A"}, ""},
		{"permissions", `{"Name":"A","Permissions":[{"Actions":["x/y"]}]}`, []Shape{ShapePermissions}, []string{"A"}, ""},
		{"rest", `{"name":"3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f","properties":{"roleName":"A","permissions":[{"actions":["x/y"]}]}}`, []Shape{ShapeREST}, []string{"A"}, ""},
		{"list element", `[{"name":"3c9e2f4a-1d7b-4e8c-a5f6-0b2d4c6e8a1f","roleName":"A","roleType":"CustomRole","permissions":[]},{"roleName":"B","permissions":[]}]`, []Shape{ShapeREST, ShapeREST}, []string{"A", "B"}, ""},
		{"arm", `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","parameters":{"n":{"type":"string","defaultValue":"From Param"}},"resources":[{"type":"Microsoft.Authorization/roleDefinitions","name":"[guid('x')]","properties":{"roleName":"[parameters('n')]","permissions":[{"actions":["x/y"]}]}},{"type":"Microsoft.Resources/deployments","properties":{"template":{"resources":[{"type":"microsoft.authorization/roledefinitions","properties":{"roleName":"Nested"}}]}}}]}`, []Shape{ShapeARM, ShapeARM}, []string{"From Param", "Nested"}, ""},
		{"gcp", `{"title":"x","stage":"GA","includedPermissions":["a.b"]}`, nil, nil, "a Google Cloud custom role"},
		{"cosmos", `{"id":"/subscriptions/x/resourceGroups/y/providers/Microsoft.DocumentDB/databaseAccounts/z/sqlRoleDefinitions/1","properties":{"roleName":"R","permissions":[{"dataActions":["Microsoft.DocumentDB/databaseAccounts/readMetadata"]}]}}`, nil, nil, "an Azure Cosmos DB data-plane role definition"},
		{"cosmos body", `{"RoleName":"R","Type":"CustomRole","AssignableScopes":["/"],"Permissions":[{"DataActions":["Microsoft.DocumentDB/databaseAccounts/readMetadata"]}]}`, nil, nil, "an Azure Cosmos DB data-plane role definition"},
		{"entra", `{"displayName":"R","rolePermissions":[{"allowedResourceActions":["microsoft.directory/applications/create"]}]}`, nil, nil, "a Microsoft Entra ID role definition (unifiedRoleDefinition)"},
		{"package.json", `{"name":"x","version":"1.0.0","dependencies":{}}`, nil, nil, "a package.json"},
		{"template without roles", `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[]}`, nil, nil, "an ARM template with no Microsoft.Authorization/roleDefinitions resource"},
		{"number", `42`, nil, nil, "a JSON number, not an object or array"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := Load("x.json", []byte(c.src))
			if f.Err != nil {
				t.Fatal(f.Err)
			}
			if f.NotRole != c.notRole {
				t.Errorf("NotRole %q, want %q", f.NotRole, c.notRole)
			}
			if len(f.Defs) != len(c.shapes) {
				t.Fatalf("%d definitions, want %d", len(f.Defs), len(c.shapes))
			}
			for i, d := range f.Defs {
				if d.Shape != c.shapes[i] || d.Name.Value != c.names[i] {
					t.Errorf("def %d: %s %q, want %s %q", i, d.Shape, d.Name.Value, c.shapes[i], c.names[i])
				}
			}
		})
	}
}

func TestARMExpressions(t *testing.T) {
	src := `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
"parameters":{"actions":{"type":"array","defaultValue":["Microsoft.Compute/*/read"]}},
"resources":[{"type":"Microsoft.Authorization/roleDefinitions","name":"[guid(subscription().id)]",
"properties":{"roleName":"R","permissions":[{"actions":"[parameters('actions')]","notActions":"[variables('none')]"}],
"assignableScopes":["[subscription().id]","[[literal]"]}}]}`
	f := Load("t.json", []byte(src))
	if f.Err != nil || len(f.Defs) != 1 {
		t.Fatalf("err=%v defs=%d", f.Err, len(f.Defs))
	}
	d := f.Defs[0]
	if !d.ID.Expr {
		t.Error("guid() name is not an expression")
	}
	acts := d.Permissions[0].Actions
	if len(acts.Items) != 1 || acts.Items[0].Value != "Microsoft.Compute/*/read" || f.PointerAt(acts.Items[0].Off) != "/parameters/actions/defaultValue/0" {
		t.Errorf("actions not resolved from the parameter default: %+v", acts.Items)
	}
	if !d.Permissions[0].NotActions.Expr {
		t.Error("unresolvable variable is not an expression")
	}
	sc := d.AssignableScopes.Items
	if len(sc) != 2 || !sc[0].Expr || sc[1].Expr || sc[1].Value != "[literal]" {
		t.Errorf("scopes: %+v", sc)
	}
}

func TestSyntaxErrors(t *testing.T) {
	cases := []struct {
		src, msg string
		off      int
	}{
		{``, "file is empty: expected a JSON object or array", 0},
		{"  \n ", "file is empty: expected a JSON object or array", 0},
		{`{"Name": "x",}`, `trailing comma before "}": JSON allows no trailing commas`, 12},
		{`{"Name": "x"`, "unexpected end of file: the JSON value is not closed", 12},
		{`{"Name": 'x'}`, `unexpected "'": JSON strings use double quotes`, 9},
		{`{"Name": "x"} {}`, "unexpected data after the top-level JSON value", 14},
		{"{\"Name\": \"\xff\"}", "invalid UTF-8 in string: save the file as UTF-8", 10},
		{"{\"a\":1 // c\n}", `unexpected "/" after object member: expected ',' or '}'`, 7},
		{strings.Repeat("[", 100000), "JSON nested too deeply (more than 1000 levels)", 1000},
		{"{\x00}", "unexpected control character 0x00: expected a JSON value", 1},
	}
	for _, c := range cases {
		f := Load("x.json", []byte(c.src))
		if f.Err == nil {
			t.Errorf("%q: no error", c.src)
			continue
		}
		if f.Err.Msg != c.msg || f.Err.Off != c.off {
			t.Errorf("%.40q: got %q at %d, want %q at %d", c.src, f.Err.Msg, f.Err.Off, c.msg, c.off)
		}
	}
	// UTF-16 without a byte-order mark is recognised, not parsed as garbage.
	raw := utf16Bytes(`{"Name":"x"}`, false)[2:]
	if f := Load("x.json", raw); f.Err == nil || !strings.Contains(f.Err.Msg, "UTF-16 without a byte-order mark") {
		t.Errorf("UTF-16 without BOM: %v", f.Err)
	}
}

func TestDuplicates(t *testing.T) {
	f := Load("x.json", []byte(`{"Name":"a","Actions":[],"Name":"b","Name":"c"}`))
	if len(f.Duplicates) != 2 {
		t.Fatalf("%d duplicates, want 2", len(f.Duplicates))
	}
	d := f.Duplicates[1]
	if d.Object.Members[d.First].Value.Str != "a" || d.Object.Members[d.Second].Value.Str != "c" {
		t.Errorf("wrong members: %+v", d)
	}
	if f.Defs[0].Name.Value != "c" {
		t.Errorf("GetFold keeps %q, want the last", f.Defs[0].Name.Value)
	}
}
