package rules_test

import (
	"encoding/json"
	"reflect"
	"sort"
	"testing"

	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/rules"
)

// applyFixes lints src with one rule and applies the first fix of every
// finding, as --fix does.
func applyFixes(t *testing.T, src string, id string) (string, int) {
	t.Helper()
	res, err := lint.Run([]lint.Input{{Path: "role.json", Explicit: true, Data: []byte(src)}},
		lint.Options{Rules: []*rules.Rule{rules.Lookup(id)}})
	if err != nil {
		t.Fatal(err)
	}
	var edits []lint.Edit
	for _, f := range res.Findings {
		if f.Rule.ID != id {
			continue
		}
		if len(f.Fixes) == 0 {
			t.Fatalf("%s finding without a fix: %s", id, f.Message)
		}
		edits = append(edits, f.Fixes[0].Edits...)
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Off > edits[j].Off })
	out := src
	for i, e := range edits {
		if i > 0 && e.End > edits[i-1].Off {
			t.Fatalf("overlapping edits %+v and %+v", e, edits[i-1])
		}
		out = out[:e.Off] + e.Text + out[e.End:]
	}
	return out, len(edits)
}

func scopesOf(t *testing.T, src string) []string {
	t.Helper()
	var v struct{ AssignableScopes []string }
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		t.Fatalf("fixed file is not valid JSON: %v\n%s", err, src)
	}
	return v.AssignableScopes
}

func TestScopeFixes(t *testing.T) {
	const a = "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"
	const b = "/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
	cases := []struct {
		id, src string
		want    []string
	}{
		{"RL310", `{"Name": "x", "Actions": ["*/read"], "AssignableScopes": [
  "` + a + `",
  "` + b + `",
  "` + a + `/",
  "` + b + `",
  "` + b + `"
]}`, []string{a, b}},
		{"RL310", `{"Name": "x", "Actions": ["*/read"], "AssignableScopes": ["` + a + `", "` + a + `"]}`, []string{a}},
		{"RL311", `{"Name": "x", "Actions": ["*/read"], "AssignableScopes": ["` + a + `/", "` + b + `/resourceGroups/rg/"]}`, []string{a, b + "/resourceGroups/rg"}},
		// The copy is RL310's to remove: RL311 leaves it alone.
		{"RL311", `{"Name": "x", "Actions": ["*/read"], "AssignableScopes": ["` + a + `/", "` + a + `/"]}`, []string{a, a + "/"}},
	}
	for _, c := range cases {
		got, n := applyFixes(t, c.src, c.id)
		if n == 0 {
			t.Errorf("%s: no fix for\n%s", c.id, c.src)
			continue
		}
		if s := scopesOf(t, got); !reflect.DeepEqual(s, c.want) {
			t.Errorf("%s: fixed scopes = %q, want %q\n%s", c.id, s, c.want, got)
		}
	}
}
