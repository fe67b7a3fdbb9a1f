package role

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/internal/testfiles"
)

// checkTree holds the tree parseJSON built from src against encoding/json's
// reading of the same text: the same values (the last of duplicate keys, as
// encoding/json keeps), every range holding the value's own text (a scalar's
// decodes to it; a container's starts and ends with its brackets, inside its
// parent's), and every node's Ptr naming the path from the root to it.
func checkTree(t *testing.T, src []byte, root *Node) {
	t.Helper()
	var want any
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("parseJSON accepted what encoding/json rejects: %v", err)
	}
	if got := plain(root); !reflect.DeepEqual(got, want) {
		t.Fatalf("tree differs from encoding/json:\n got %#v\nwant %#v", got, want)
	}
	var walk func(n *Node, path []string, lo, hi int)
	walk = func(n *Node, path []string, lo, hi int) {
		if n.Off < lo || n.End > hi || n.Off >= n.End {
			t.Fatalf("range [%d,%d) of %s is not inside its parent's [%d,%d)", n.Off, n.End, n.Ptr(), lo, hi)
		}
		switch n.Kind {
		case Object, Array:
			open, closing := byte('{'), byte('}')
			if n.Kind == Array {
				open, closing = '[', ']'
			}
			if src[n.Off] != open || src[n.End-1] != closing {
				t.Fatalf("range [%d,%d) of %s holds %q, not an %s", n.Off, n.End, n.Ptr(), src[n.Off:n.End], n.Kind)
			}
		default:
			var v any
			d := json.NewDecoder(bytes.NewReader(src[n.Off:n.End]))
			d.UseNumber()
			if err := d.Decode(&v); err != nil || !reflect.DeepEqual(v, plain(n)) {
				t.Fatalf("range [%d,%d) of %s holds %q, not its value (%v)", n.Off, n.End, n.Ptr(), src[n.Off:n.End], err)
			}
		}
		ptr := ""
		for _, tok := range path {
			ptr += "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(tok)
		}
		if n.Ptr() != ptr {
			t.Fatalf("Ptr() = %q, want %q", n.Ptr(), ptr)
		}
		for _, m := range n.Members {
			var key string
			if err := json.Unmarshal(src[m.KeyOff:m.KeyEnd], &key); err != nil || key != m.Key {
				t.Fatalf("key range [%d,%d) holds %q, not the key %q", m.KeyOff, m.KeyEnd, src[m.KeyOff:m.KeyEnd], m.Key)
			}
			walk(m.Value, append(path[:len(path):len(path)], m.Key), m.KeyEnd, n.End)
		}
		for i, e := range n.Elems {
			walk(e, append(path[:len(path):len(path)], strconv.Itoa(i)), n.Off+1, n.End)
		}
	}
	walk(root, nil, 0, len(src))
}

// plain is n as encoding/json decodes it with UseNumber.
func plain(n *Node) any {
	switch n.Kind {
	case Object:
		m := map[string]any{}
		for _, mem := range n.Members {
			m[mem.Key] = plain(mem.Value)
		}
		return m
	case Array:
		a := []any{}
		for _, e := range n.Elems {
			a = append(a, plain(e))
		}
		return a
	case String:
		return n.Str
	case Number:
		return json.Number(n.Str)
	case Bool:
		return n.Str == "true"
	}
	return nil
}

// TestTree checks the tree of every JSON file under testdata, and of texts
// that reach the parser's edges (escapes, large objects, deep nesting).
func TestTree(t *testing.T) {
	inputs := map[string][]byte{
		"escapes":  []byte(`{"a\"b":"c\\d\/e\u00e9\n","~/":[1,-2.5e3,true,false,null,"",{}],"":[]}`),
		"dups":     []byte(`{"a":1,"b":2,"a":3,"a":{"a":4,"a":5}}`),
		"nested":   []byte(strings.Repeat(`{"x":[`, 200) + `"deep"` + strings.Repeat(`]}`, 200)),
		"spacious": []byte(" \r\n\t{ \"k\" : [ 1 , 2 ] , \"l\" :\t\"v\" } \n"),
	}
	var big, dupBig strings.Builder
	big.WriteString("{")
	dupBig.WriteString("{")
	for i := range 600 {
		if i > 0 {
			big.WriteString(",")
			dupBig.WriteString(",")
		}
		big.WriteString(`"k` + strconv.Itoa(i) + `":["` + strings.Repeat("v", i%7) + `",` + strconv.Itoa(i) + `]`)
		dupBig.WriteString(`"k` + strconv.Itoa(i%40) + `":` + strconv.Itoa(i))
	}
	big.WriteString("}")
	dupBig.WriteString("}")
	inputs["large object"] = []byte(big.String())
	inputs["large object with duplicates"] = []byte(dupBig.String())
	for _, f := range testfiles.JSON(t, filepath.Join("..", "testdata")) {
		inputs[f.Path] = f.Data
	}
	checked := 0
	for name, raw := range inputs {
		src, _, problem := decode(raw)
		if problem != "" {
			continue
		}
		root, dups, err := parseJSON(src, string(src))
		if err != nil {
			continue // syntax errors have tests of their own
		}
		t.Run(name, func(t *testing.T) { checkTree(t, src, root) })
		checked++
		for _, d := range dups {
			if d.First >= d.Second || d.Object.Members[d.First].Key != d.Object.Members[d.Second].Key {
				t.Errorf("%s: bad duplicate %+v", name, d)
			}
			for j := range d.First {
				if d.Object.Members[j].Key == d.Object.Members[d.First].Key {
					t.Errorf("%s: duplicate names member %d, not the first of its key (%d)", name, d.First, j)
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d files checked", checked)
	}
}

// TestDuplicateCount checks that every repeat of a key is reported once,
// against its first occurrence, in objects small and large.
func TestDuplicateCount(t *testing.T) {
	for _, size := range []int{3, smallObject - 1, smallObject, smallObject + 1, 100} {
		var b strings.Builder
		b.WriteString("{")
		for i := range size {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"k` + strconv.Itoa(i%3) + `":0`)
		}
		b.WriteString("}")
		_, dups, err := parseJSON([]byte(b.String()), b.String())
		if err != nil {
			t.Fatal(err)
		}
		if want := size - min(size, 3); len(dups) != want {
			t.Errorf("%d members: %d duplicates, want %d", size, len(dups), want)
		}
		for _, d := range dups {
			if d.First != d.Second%3 {
				t.Errorf("%d members: member %d reported against %d, want %d", size, d.Second, d.First, d.Second%3)
			}
		}
	}
}
