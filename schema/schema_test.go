package schema

import (
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/internal/testfiles"
	"github.com/rolelint/rolelint/role"
)

// TestCollapse holds Validate, which gives jsonschema one string for an
// array of strings and memoizes by skeleton, against validating every
// element of every file: the same problems, at the same values, for every
// role file under testdata and for files whose arrays of strings fail the
// schema. Files are validated twice, the second time from the memo.
func TestCollapse(t *testing.T) {
	inputs := map[string][]byte{
		"strings where objects belong": []byte(`{"Name":"x","Permissions":["a","b","c"],"AssignableScopes":["/"]}`),
		"mixed list":                   []byte(`{"Name":"x","Actions":["a",1,"b",true,"c"],"NotActions":["a","b"],"AssignableScopes":"/"}`),
		"nested":                       []byte(`{"properties":{"roleName":"x","permissions":[{"actions":["a","b"],"notActions":[["a","b"],"c"]}],"assignableScopes":[{},"/"]}}`),
		"arm strings":                  []byte(`{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[{"type":"Microsoft.Authorization/roleDefinitions","apiVersion":"2022-04-01","name":"x","properties":{"roleName":"x","permissions":["a","b"],"assignableScopes":["/"]}}]}`),
	}
	for _, f := range testfiles.JSON(t, filepath.Join("..", "testdata")) {
		inputs[f.Path] = f.Data
	}
	once.Do(load)
	if errSetup != nil {
		t.Fatal(errSetup)
	}
	failing := 0
	for name, raw := range inputs {
		f := role.Load(name, raw)
		for _, d := range f.Defs {
			c := schemas[For(d)]
			got, err1 := c.validate(d.Root, true)
			again, err3 := c.validate(d.Root, true)
			want, err2 := c.validate(d.Root, false)
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatalf("%s: %v, %v, %v", name, err1, err2, err3)
			}
			sortProblems(again)
			sortProblems(got)
			if !reflect.DeepEqual(got, again) {
				t.Errorf("%s: validating again gives\n%s\nwant\n%s", name, describeAll(again), describeAll(got))
			}
			sortProblems(got)
			sortProblems(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: collapsed arrays give\n%s\nwant\n%s", name, describeAll(got), describeAll(want))
			}
			if len(want) > 0 {
				failing++
			}
		}
	}
	hits := 0
	for _, c := range schemas {
		hits += int(c.memos.Load())
	}
	if hits == 0 {
		t.Error("nothing was memoized")
	}
	if failing < 10 {
		t.Fatalf("only %d definitions fail the schema: the test compares too little", failing)
	}
}

// sortProblems orders problems by place: jsonschema reports an object's
// failures in map order.
func sortProblems(ps []Problem) {
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Node.Off != ps[j].Node.Off {
			return ps[i].Node.Off < ps[j].Node.Off
		}
		return ps[i].Message < ps[j].Message
	})
}

func describeAll(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.Node.Ptr() + ": " + p.Message + "\n")
	}
	return b.String()
}

// TestSkeleton checks that instances validation can tell apart have
// different skeletons and that those it cannot have one.
func TestSkeleton(t *testing.T) {
	skel := func(s string) string {
		f := role.Load("x.json", []byte(s))
		if f.Tree == nil {
			t.Fatalf("%s: %v", s, f.Err)
		}
		return string(appendSkeleton(nil, f.Tree))
	}
	for _, same := range [][2]string{
		{`{"a":"x","b":[1,2]}`, `{"b":[1,2],"a":"y"}`},     // key order, string values
		{`{"Actions":["a","b","c"]}`, `{"actions":["z"]}`}, // key case, string arrays
		{`{"a":1,"a":"x"}`, `{"a":"y"}`},                   // the last of duplicate keys
		{`{"A":[1],"a":"x"}`, `{"a":"x"}`},                 // ... whatever their case
		{`[true,null,{}]`, `[false,null,{}]`},              // booleans
	} {
		if a, b := skel(same[0]), skel(same[1]); a != b {
			t.Errorf("%s and %s: skeletons %q and %q differ", same[0], same[1], a, b)
		}
	}
	for _, diff := range [][2]string{
		{`{"a":"x"}`, `{"a":1}`},
		{`{"a":1}`, `{"a":1.5}`},
		{`{"a":["x",1]}`, `{"a":["x","y"]}`},
		{`{"a":[]}`, `{"a":["x"]}`},
		{`{"a":[[]]}`, `{"a":[]}`},
		{`{"a":"x","b":"y"}`, `{"a":"x"}`},
		{`{"ab":"x"}`, `{"a":"x","b":"x"}`},
		{`{"a1:b":"x"}`, `{"a":"x","b":"x"}`},
		{`{"a":{}}`, `{"a":null}`},
		{`{"1:a":"s"}`, `{"1":"s","a":"s"}`},
		{`{"a":1,"a":"x"}`, `{"a":"x","a":1}`},
	} {
		if a, b := skel(diff[0]), skel(diff[1]); a == b {
			t.Errorf("%s and %s: same skeleton %q", diff[0], diff[1], a)
		}
	}
}

// TestTypeOnly checks that a schema keyword the collapse does not preserve
// is refused, and the embedded schemas pass.
func TestTypeOnly(t *testing.T) {
	for _, bad := range []map[string]any{
		{"type": "array", "minItems": 1.0},
		{"properties": map[string]any{"Actions": map[string]any{"items": map[string]any{"pattern": "^M"}}}},
		{"$defs": map[string]any{"ops": map[string]any{"uniqueItems": true}}},
		{"additionalProperties": map[string]any{"enum": []any{"a"}}},
	} {
		if typeOnly(bad) == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	for _, good := range []map[string]any{
		{"type": "object", "additionalProperties": false, "properties": map[string]any{"minItems": map[string]any{"type": "string"}}},
		{"items": map[string]any{"type": "string"}, "$defs": map[string]any{"x": map[string]any{"$ref": "#"}}},
	} {
		if err := typeOnly(good); err != nil {
			t.Errorf("%v: %v", good, err)
		}
	}
	once.Do(load)
	if errSetup != nil {
		t.Fatal(errSetup)
	}
}
