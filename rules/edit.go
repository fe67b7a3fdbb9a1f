package rules

import (
	"encoding/json"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// RemoveElement is the edit that deletes element i of the array arr,
// together with the comma that separates it from its neighbour, leaving the
// rest of the file as written.
func (r *Reporter) RemoveElement(arr *role.Node, i int) analysis.TextEdit {
	e := arr.Elems[i]
	switch {
	case i > 0:
		return r.Edit(arr.Elems[i-1].End, e.End, "") // from after the previous element
	case len(arr.Elems) > 1:
		return r.Edit(e.Off, arr.Elems[1].Off, "") // up to the next element
	default:
		return r.Edit(e.Off, e.End, "")
	}
}

// Replace is the edit that rewrites the string value s (quotes included).
func (r *Reporter) Replace(s role.Str, value string) analysis.TextEdit {
	q, _ := jsonQuote(value)
	return r.Edit(s.Off, s.End, q)
}

func jsonQuote(s string) (string, error) {
	b, err := json.Marshal(s)
	return string(b), err
}
