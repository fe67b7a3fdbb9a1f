package rules

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
	"github.com/rolelint/rolelint/schema"
)

// Schema validates every definition of the file against its shape's schema
// once; RL103 and RL104 report its problems.
var Schema = &analysis.Analyzer{
	Name:       "schema",
	Doc:        "validate each role definition against the JSON Schema of its shape",
	Requires:   []*analysis.Analyzer{Load},
	Run:        runSchema,
	ResultType: reflect.TypeOf([]schema.Problem(nil)),
}

func runSchema(pass *analysis.Pass) (any, error) {
	var out []schema.Problem
	for _, d := range For(pass).Defs {
		ps, err := schema.Validate(schema.For(d), d.Root)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

// RL103 reports values of the wrong type.
var RL103 = newRule(&Rule{
	ID:       "RL103",
	Title:    "Value of the wrong type",
	Severity: Error,
	Category: DeployError,
	Doc: `A value has the wrong JSON type for its key: a string where a list is expected, a quoted
` + "`\"true\"`" + ` for ` + "`IsCustom`" + `, a number as a name. The clients pass such values on or fail to
deserialise them, and Azure rejects the role.

Each shape (the az CLI / PowerShell flat file, the Az 16 ` + "`Permissions[]`" + ` file, REST bodies and
` + "`az role definition list`" + ` output, ARM template resources) has its own JSON Schema, embedded in
rolelint. In ARM templates any value may also be a template expression string.`,
	Bad: `{
  "Name": "VM Reader",
  "IsCustom": "true",
  "Description": "Reads virtual machines.",
  "Actions": "Microsoft.Compute/virtualMachines/read",
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Reader",
  "IsCustom": true,
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties"},
	Analyzer: &analysis.Analyzer{Name: "wrong_type"},
}, runRL103, Load, Schema)

func runRL103(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, p := range pass.ResultOf[Schema].([]schema.Problem) {
		if !p.Unknown {
			r.Report("RL103", p.Node.Off, p.Node.End, p.Message)
		}
	}
	return nil, nil
}

// RL104 reports keys the shape does not have, with the key probably meant.
var RL104 = newRule(&Rule{
	ID:       "RL104",
	Title:    "Unknown key",
	Severity: Warning,
	Category: Correctness,
	Doc: `The key is not part of a role definition in this shape, so every client ignores it and
ARM drops it without a word. Most often it is a misspelling of a real key, and the role then
lacks what the author wrote: ` + "`AssignableScope`" + ` instead of ` + "`AssignableScopes`" + `,
` + "`NotAction`" + ` instead of ` + "`NotActions`" + `. The message suggests the closest real key.`,
	Bad: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "NotAction": ["Microsoft.Compute/virtualMachines/delete"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Good: `{
  "Name": "VM Reader",
  "Description": "Reads virtual machines.",
  "Actions": ["Microsoft.Compute/virtualMachines/read"],
  "AssignableScopes": ["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]
}`,
	Sources:  []string{"https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties"},
	Analyzer: &analysis.Analyzer{Name: "unknown_key"},
}, runRL104, Load, Schema)

func runRL104(pass *analysis.Pass) (any, error) {
	r := For(pass)
	for _, p := range pass.ResultOf[Schema].([]schema.Problem) {
		if p.Unknown {
			r.Report("RL104", p.Key.KeyOff, p.Key.KeyEnd, p.Message)
		}
	}
	return nil, nil
}

// flatKeys are the keys the az CLI reads from a role file, after it
// lower-cases only their first letter.
var cliKeys = []string{"name", "roleName", "id", "description", "assignableScopes", "actions", "notActions", "dataActions", "notDataActions", "permissions"}

// usedByCLI reports whether the definition is in a shape that people feed to
// `az role definition create --role-definition @file`.
func usedByCLI(d *role.Definition) bool {
	return d.Shape == role.ShapeFlat || d.Shape == role.ShapePermissions || d.Shape == role.ShapeREST && d.Root == d.Node
}
