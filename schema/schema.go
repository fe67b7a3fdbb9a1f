// Package schema validates role definitions against one embedded JSON Schema
// per shape and maps each failure back to the exact value in the file.
//
// Keys are compared ignoring case (PowerShell and ARM read them so; the az
// CLI's own case trap is a rule of its own), so the schemas are compiled with
// their property names folded to lower case and instances are folded the same
// way before validation.
package schema

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/rolelint/rolelint/internal/textdist"
	"github.com/rolelint/rolelint/role"
)

//go:embed schemas/*.json
var files embed.FS

// Names of the embedded schemas, by what they validate.
const (
	Flat        = "flat"
	Permissions = "permissions"
	REST        = "rest"
	ARM         = "arm"
)

// Problem is one schema failure at one value (or key) of the file.
type Problem struct {
	Node *role.Node   // the failing value
	Key  *role.Member // set for unknown keys: the member whose key is unknown
	// Unknown is true for a key the shape does not have; Suggest is then
	// the closest known key, if any is close.
	Unknown bool
	Suggest string
	Message string
}

type compiled struct {
	schema *jsonschema.Schema
	keys   []string // every property name of the schema, as written

	// memo maps the skeleton of an instance to the failures jsonschema
	// found in it (nil when valid): under a type-only schema they depend on
	// nothing else, and a tenant's roles have a few dozen skeletons.
	memo  sync.Map
	memos atomic.Int32
}

// memoMax bounds the memo of a schema: a tenant of generated files, one
// skeleton each, must not grow it without end.
const memoMax = 4096

var (
	once     sync.Once
	schemas  map[string]*compiled
	errSetup error
)

func load() {
	schemas = map[string]*compiled{}
	c := jsonschema.NewCompiler()
	for _, name := range []string{Flat, Permissions, REST, ARM} {
		raw, err := files.ReadFile("schemas/" + name + ".json")
		if err != nil {
			errSetup = err
			return
		}
		var doc any
		if err := json.Unmarshal(raw, &doc); err != nil {
			errSetup = fmt.Errorf("schema %s: %w", name, err)
			return
		}
		if err := typeOnly(doc); err != nil {
			errSetup = fmt.Errorf("schema %s: %w", name, err)
			return
		}
		var keys []string
		doc = foldProperties(doc, &keys)
		url := "rolelint:" + name
		if err := c.AddResource(url, doc); err != nil {
			errSetup = fmt.Errorf("schema %s: %w", name, err)
			return
		}
		s, err := c.Compile(url)
		if err != nil {
			errSetup = fmt.Errorf("schema %s: %w", name, err)
			return
		}
		sort.Strings(keys)
		schemas[name] = &compiled{schema: s, keys: keys}
	}
}

// typeOnly checks that a schema constrains only the types of values and the
// keys of objects, which is what lets instance collapse arrays of strings:
// under such a schema every string element of an array is valid or invalid
// alike, and no keyword counts elements.
func typeOnly(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("a schema is %T, not an object", v)
	}
	for k, val := range m {
		switch k {
		case "$schema", "$id", "$ref", "title", "description", "type":
		case "items", "additionalProperties":
			if b, ok := val.(bool); ok && !b {
				continue
			}
			if err := typeOnly(val); err != nil {
				return err
			}
		case "properties", "$defs":
			props, ok := val.(map[string]any)
			if !ok {
				return fmt.Errorf("%s is %T, not an object", k, val)
			}
			for _, sub := range props {
				if err := typeOnly(sub); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("keyword %q constrains more than types and keys, which schema.instance assumes", k)
		}
	}
	return nil
}

// foldProperties lower-cases the names under every "properties" keyword and
// collects the names as written.
func foldProperties(v any, keys *[]string) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, val := range v {
			if k == "properties" {
				if props, ok := val.(map[string]any); ok {
					folded := make(map[string]any, len(props))
					for pk, pv := range props {
						*keys = append(*keys, pk)
						folded[strings.ToLower(pk)] = foldProperties(pv, keys)
					}
					out[k] = folded
					continue
				}
			}
			out[k] = foldProperties(val, keys)
		}
		return out
	case []any:
		for i := range v {
			v[i] = foldProperties(v[i], keys)
		}
	}
	return v
}

// For returns the schema name for a definition's shape.
func For(d *role.Definition) string {
	switch d.Shape {
	case role.ShapePermissions:
		return Permissions
	case role.ShapeREST:
		return REST
	case role.ShapeARM:
		return ARM
	}
	return Flat
}

// Warm compiles the schemas now rather than on the first Validate (two
// milliseconds): the command calls it on another core while it starts.
func Warm() error {
	once.Do(load)
	return errSetup
}

// Validate checks the object n against the named schema.
func Validate(name string, n *role.Node) ([]Problem, error) {
	if err := Warm(); err != nil {
		return nil, err
	}
	c := schemas[name]
	if c == nil {
		return nil, fmt.Errorf("no schema %q", name)
	}
	return c.validate(n, true)
}

// validate is Validate, with or without collapsing arrays of strings and
// memoizing by skeleton (the tests hold one against the other).
func (c *compiled) validate(n *role.Node, collapse bool) ([]Problem, error) {
	var failures []*jsonschema.ValidationError
	var err error
	if collapse {
		failures, err = c.memoized(n)
	} else {
		failures, err = c.failures(instance(n, false))
	}
	if err != nil {
		return nil, err
	}
	var out []Problem
	for _, leaf := range failures {
		at := []*role.Node{find(n, leaf.InstanceLocation)}
		if collapse {
			at = expand(n, leaf.InstanceLocation)
		}
		for _, at := range at {
			out = append(out, c.problems(at, leaf)...)
		}
	}
	return out, nil
}

// memoized is failures of the collapsed instance of n, looked up by its
// skeleton.
func (c *compiled) memoized(n *role.Node) ([]*jsonschema.ValidationError, error) {
	key := string(appendSkeleton(make([]byte, 0, 512), n))
	if v, ok := c.memo.Load(key); ok {
		return v.([]*jsonschema.ValidationError), nil
	}
	failures, err := c.failures(instance(n, true))
	if err == nil && c.memos.Add(1) <= memoMax {
		c.memo.Store(key, failures)
	}
	return failures, err
}

// failures validates an instance and returns the innermost failures.
func (c *compiled) failures(inst any) ([]*jsonschema.ValidationError, error) {
	err := c.schema.Validate(inst)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	return leaves(ve, nil), nil
}

// appendSkeleton appends what validation under a type-only schema (typeOnly)
// can see of the collapsed instance of n: each object's folded keys, sorted,
// with the value of the last member of each (instance keeps the last), and
// the kind of every value (a number with its text, should a schema ever
// tell integers from other numbers). An array of strings is one string, as
// instance makes it. Keys and numbers are written with their length, so
// that no two skeletons are written alike.
func appendSkeleton(b []byte, n *role.Node) []byte {
	switch n.Kind {
	case role.Object:
		// The folded keys, as instance folds them, side by side in one
		// buffer; sorted by folded key, and the last member of a key first.
		type folded struct{ lo, hi, member int }
		keys := make([]folded, len(n.Members))
		size := 0
		for _, m := range n.Members {
			size += len(m.Key)
		}
		buf := make([]byte, 0, size)
		for i, m := range n.Members {
			lo := len(buf)
			buf = appendLower(buf, m.Key)
			keys[i] = folded{lo, len(buf), i}
		}
		slices.SortFunc(keys, func(x, y folded) int {
			return cmp.Or(bytes.Compare(buf[x.lo:x.hi], buf[y.lo:y.hi]), cmp.Compare(y.member, x.member))
		})
		b = append(b, '{')
		for i, k := range keys {
			key := buf[k.lo:k.hi]
			if i > 0 && bytes.Equal(buf[keys[i-1].lo:keys[i-1].hi], key) {
				continue // an earlier member of the same key: overwritten
			}
			b = strconv.AppendInt(b, int64(len(key)), 10)
			b = append(b, ':')
			b = append(b, key...)
			b = appendSkeleton(b, n.Members[k.member].Value)
		}
		return append(b, '}')
	case role.Array:
		if collapsed(n) {
			return append(b, "[s]"...)
		}
		b = append(b, '[')
		for _, e := range n.Elems {
			b = appendSkeleton(b, e)
		}
		return append(b, ']')
	case role.String:
		return append(b, 's')
	case role.Number:
		b = append(b, 'n')
		b = strconv.AppendInt(b, int64(len(n.Str)), 10)
		b = append(b, ':')
		return append(b, n.Str...)
	case role.Bool:
		return append(b, 'b')
	}
	return append(b, 'z')
}

// appendLower appends strings.ToLower(s), without allocating for ASCII s.
func appendLower(b []byte, s string) []byte {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := range len(s) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

// instance converts the tree to the values jsonschema validates, folding keys.
// An array of several strings (Actions, AssignableScopes: most of a role's
// values) becomes an array of its first string: under a type-only schema
// (typeOnly) it is valid exactly when that one is, and expand maps a failure
// of that element back to every element.
func instance(n *role.Node, collapse bool) any {
	switch n.Kind {
	case role.Object:
		m := make(map[string]any, len(n.Members))
		for _, mem := range n.Members {
			m[strings.ToLower(mem.Key)] = instance(mem.Value, collapse)
		}
		return m
	case role.Array:
		if collapse && collapsed(n) {
			return []any{n.Elems[0].Str}
		}
		a := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			a[i] = instance(e, collapse)
		}
		return a
	case role.String:
		return n.Str
	case role.Number:
		return json.Number(n.Str)
	case role.Bool:
		return n.Str == "true"
	}
	return nil
}

// collapsed reports whether instance gives jsonschema one string for the
// array n.
func collapsed(n *role.Node) bool {
	if n.Kind != role.Array || len(n.Elems) < 2 {
		return false
	}
	for _, e := range n.Elems {
		if e.Kind != role.String {
			return false
		}
	}
	return true
}

// expand returns the nodes a failure at the instance location loc is
// about: the node loc names, or every element of a collapsed array when loc
// names its one element.
func expand(root *role.Node, loc []string) []*role.Node {
	if len(loc) > 0 {
		if arr := find(root, loc[:len(loc)-1]); collapsed(arr) && loc[len(loc)-1] == "0" {
			return arr.Elems
		}
	}
	return []*role.Node{find(root, loc)}
}

// find follows a folded instance location back to the node it names.
func find(n *role.Node, loc []string) *role.Node {
	for _, tok := range loc {
		switch n.Kind {
		case role.Object:
			next := n.GetFold(tok)
			if next == nil {
				return n
			}
			n = next
		case role.Array:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(n.Elems) {
				return n
			}
			n = n.Elems[i]
		default:
			return n
		}
	}
	return n
}

var printer = message.NewPrinter(language.English)

// problems describes the failure e at the node n.
func (c *compiled) problems(n *role.Node, e *jsonschema.ValidationError) []Problem {
	where := describe(n)
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		var out []Problem
		for _, prop := range k.Properties {
			for i := range n.Members {
				m := &n.Members[i]
				if strings.ToLower(m.Key) != prop {
					continue
				}
				p := Problem{Node: m.Value, Key: m, Unknown: true, Suggest: c.suggest(m.Key)}
				p.Message = fmt.Sprintf("unknown key %q", m.Key)
				if where != "" {
					p.Message += " in " + where
				}
				switch {
				case strings.EqualFold(p.Suggest, m.Key):
					p.Message = fmt.Sprintf("key %q does not belong here", m.Key)
					if where != "" {
						p.Message += " in " + where
					}
					p.Message += ": it is valid elsewhere in this shape (for example inside each permissions entry), and here it is ignored"
					p.Suggest = ""
				case p.Suggest != "":
					p.Message += fmt.Sprintf("; did you mean %q?", p.Suggest)
				default:
					p.Message += ": it is ignored"
				}
				out = append(out, p)
			}
		}
		return out
	case *kind.Type:
		return []Problem{{Node: n, Message: fmt.Sprintf("%s must be %s, not %s", subject(n), oneOf(k.Want), article(k.Got))}}
	case *kind.FalseSchema:
		return nil
	}
	return []Problem{{Node: n, Message: fmt.Sprintf("%s: %s", subject(n), e.ErrorKind.LocalizedString(printer))}}
}

// subject names a value for a message: its key, or its pointer.
func subject(n *role.Node) string {
	ptr := n.Ptr()
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		last := ptr[i+1:]
		if last != "" && (last[0] < '0' || last[0] > '9') {
			return fmt.Sprintf("%q", strings.NewReplacer("~1", "/", "~0", "~").Replace(last))
		}
		return "element " + ptr
	}
	return "the role definition"
}

func describe(n *role.Node) string {
	if n.Ptr() == "" {
		return ""
	}
	return subject(n)
}

func oneOf(want []string) string {
	var parts []string
	for _, w := range want {
		if w == "null" {
			continue
		}
		parts = append(parts, article(w))
	}
	if len(parts) == 0 {
		return "null"
	}
	return strings.Join(parts, " or ")
}

func article(t string) string {
	switch t {
	case "array", "object", "integer":
		return "an " + t
	case "null":
		return "null"
	case "boolean":
		return "a boolean (true or false, without quotes)"
	}
	return "a " + t
}

// suggest returns the known key closest to key, when it is close enough to
// be a typo (edit distance at most 2, or one third of the key).
func (c *compiled) suggest(key string) string {
	best, bestD := "", 1<<30
	lk := strings.ToLower(key)
	limit := max(2, len(key)/3)
	for _, k := range c.keys {
		kl := strings.ToLower(k)
		if len(lk)-len(kl) > limit || len(kl)-len(lk) > limit {
			continue // farther than limit: the distance is at least the length difference
		}
		d := textdist.Levenshtein(lk, kl)
		if d < bestD || d == bestD && k < best {
			best, bestD = k, d
		}
	}
	if bestD <= limit {
		return best
	}
	return ""
}
