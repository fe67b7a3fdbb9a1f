package role

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// Kind is the JSON type of a Node.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
)

var kindNames = [...]string{"null", "boolean", "number", "string", "object", "array"}

func (k Kind) String() string { return kindNames[k] }

// Node is one JSON value with the byte range it occupies in File.Src and its
// JSON Pointer. Objects keep their members in document order, duplicates
// included, so that rules can see exactly what the user wrote.
type Node struct {
	Kind     Kind
	Ptr      string // JSON Pointer (RFC 6901) of this value
	Off, End int    // byte range of the value in the decoded source
	Str      string // string value, or the literal text of a number or boolean
	Members  []Member
	Elems    []*Node
}

// Member is one key/value pair of an object.
type Member struct {
	Key            string
	KeyOff, KeyEnd int // byte range of the key token, quotes included
	Value          *Node
}

// Get returns the value of the first member named exactly key, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := range n.Members {
		if n.Members[i].Key == key {
			return n.Members[i].Value
		}
	}
	return nil
}

// GetFold returns the value of the member whose key equals key ignoring case.
// When several do, the last one written with an upper-case first letter wins,
// as the az CLI's key conversion makes it overwrite its lower-case twin.
func (n *Node) GetFold(key string) *Node {
	if m := n.MemberFold(key); m != nil {
		return m.Value
	}
	return nil
}

// MemberFold is GetFold returning the member, for rules that point at the key.
func (n *Node) MemberFold(key string) *Member {
	if n == nil || n.Kind != Object {
		return nil
	}
	var found *Member
	for i := range n.Members {
		m := &n.Members[i]
		if !strings.EqualFold(m.Key, key) {
			continue
		}
		if found == nil || isUpperFirst(m.Key) || !isUpperFirst(found.Key) {
			found = m
		}
	}
	return found
}

func isUpperFirst(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// Walk calls fn for n and every value below it, depth first, in document order.
func (n *Node) Walk(fn func(*Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	for _, m := range n.Members {
		m.Value.Walk(fn)
	}
	for _, e := range n.Elems {
		e.Walk(fn)
	}
}

// At returns the innermost node whose range contains off, and the innermost
// object member whose key contains off (nil when off is not on a key).
func (n *Node) At(off int) (*Node, *Member) {
	cur := n
	for {
		next := (*Node)(nil)
		for i := range cur.Members {
			m := &cur.Members[i]
			if off >= m.KeyOff && off < m.KeyEnd {
				return cur, m
			}
			if off >= m.Value.Off && off < m.Value.End {
				next = m.Value
				break
			}
		}
		if next == nil {
			for _, e := range cur.Elems {
				if off >= e.Off && off < e.End {
					next = e
					break
				}
			}
		}
		if next == nil {
			return cur, nil
		}
		cur = next
	}
}

// Duplicate is an object key written twice in the same object: the indexes
// of both members in Object.Members.
type Duplicate struct {
	Object        *Node
	First, Second int
}

// SyntaxError is a file that is not valid JSON, at the byte where it stops being.
type SyntaxError struct {
	Off int
	Msg string
}

func (e *SyntaxError) Error() string { return e.Msg }

// parseJSON builds the Node tree of src. It accepts duplicate keys (they are
// reported by a rule, not by the parser) and nothing else outside RFC 8259.
func parseJSON(src []byte) (*Node, []Duplicate, error) {
	return parseJSONText(src)
}

// maxDepth bounds the nesting of arrays and objects. Role files nest a
// few levels (an ARM template with nested deployments, a dozen); every value
// holds its JSON Pointer, whose length grows with the depth, so the bound
// also bounds the memory of a hostile file to about maxDepth squared bytes.
const maxDepth = 1000

// parseJSONText is parseJSON on jsontext: the reference for the tree, and
// the source of the syntax errors.
func parseJSONText(src []byte) (*Node, []Duplicate, error) {
	p := &parser{src: src, dec: jsontext.NewDecoder(bytes.NewReader(src), jsontext.AllowDuplicateNames(true))}
	root, err := p.value("")
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			return nil, nil, se
		}
		return nil, nil, p.syntaxError(err)
	}
	// Anything after the top-level value is an error too.
	if _, err := p.dec.ReadToken(); err != io.EOF {
		if err == nil {
			off := p.tokenStart(int(p.dec.InputOffset()) - 1)
			return nil, nil, &SyntaxError{Off: off, Msg: "unexpected data after the top-level JSON value"}
		}
		return nil, nil, p.syntaxError(err)
	}
	return root, p.dups, nil
}

type parser struct {
	src   []byte
	dec   *jsontext.Decoder
	dups  []Duplicate
	depth int
}

// tokenStart advances from an offset reported before a token (which points
// before any whitespace, comma or colon) to the token's first byte.
func (p *parser) tokenStart(off int) int {
	for off < len(p.src) {
		switch p.src[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

func (p *parser) read() (jsontext.Token, int, int, error) {
	before := int(p.dec.InputOffset())
	tok, err := p.dec.ReadToken()
	if err != nil {
		return tok, 0, 0, err
	}
	return tok, p.tokenStart(before), int(p.dec.InputOffset()), nil
}

func (p *parser) value(ptr string) (*Node, error) {
	tok, off, end, err := p.read()
	if err != nil {
		return nil, err
	}
	n := &Node{Ptr: ptr, Off: off, End: end}
	switch tok.Kind() {
	case 'n':
		n.Kind = Null
	case 't', 'f':
		n.Kind, n.Str = Bool, tok.String()
	case '0':
		n.Kind, n.Str = Number, tok.String()
	case '"':
		n.Kind, n.Str = String, tok.String()
	case '{', '[':
		if p.depth++; p.depth > maxDepth {
			return nil, &SyntaxError{Off: off, Msg: fmt.Sprintf("JSON nested too deeply (more than %d levels)", maxDepth)}
		}
		defer func() { p.depth-- }()
	}
	switch tok.Kind() {
	case '{':
		n.Kind = Object
		var seen map[string]int
		for p.dec.PeekKind() != '}' {
			ktok, koff, kend, err := p.read()
			if err != nil {
				return nil, err
			}
			key := ktok.String()
			v, err := p.value(ptr + "/" + escapePointer(key))
			if err != nil {
				return nil, err
			}
			n.Members = append(n.Members, Member{Key: key, KeyOff: koff, KeyEnd: kend, Value: v})
			if seen == nil {
				seen = make(map[string]int)
			}
			if i, dup := seen[key]; dup {
				p.dups = append(p.dups, Duplicate{Object: n, First: i, Second: len(n.Members) - 1})
			} else {
				seen[key] = len(n.Members) - 1
			}
		}
		if _, _, n.End, err = p.read(); err != nil {
			return nil, err
		}
	case '[':
		n.Kind = Array
		for i := 0; p.dec.PeekKind() != ']'; i++ {
			v, err := p.value(ptr + "/" + strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			n.Elems = append(n.Elems, v)
		}
		if _, _, n.End, err = p.read(); err != nil {
			return nil, err
		}
	}
	return n, nil
}

func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// syntaxError turns a jsontext error into a message that says what was
// expected, at the byte where the input stops being JSON.
func (p *parser) syntaxError(err error) *SyntaxError {
	var se *jsontext.SyntacticError
	off := len(p.src)
	msg := err.Error()
	if errors.As(err, &se) {
		off = int(se.ByteOffset)
		for off < len(p.src) && strings.IndexByte(" \t\r\n", p.src[off]) >= 0 {
			off++
		}
		msg = se.Err.Error()
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		off = len(p.src)
		if strings.TrimSpace(string(p.src)) == "" {
			return &SyntaxError{Off: 0, Msg: "file is empty: expected a JSON object or array"}
		}
		return &SyntaxError{Off: off, Msg: "unexpected end of file: the JSON value is not closed"}
	}
	if off > len(p.src) {
		off = len(p.src)
	}
	return &SyntaxError{Off: off, Msg: friendlySyntax(msg, p.src, off)}
}

// friendlySyntax rewrites jsontext's wording into what a person editing the
// file needs: what was found, and what JSON expects there.
func friendlySyntax(msg string, src []byte, off int) string {
	msg = strings.TrimPrefix(msg, "jsontext: ")
	found := ""
	if off < len(src) {
		c := src[off]
		switch {
		case c < 0x20 || c == 0x7f:
			found = fmt.Sprintf("control character %#02x", c)
		case c >= 0x80:
			found = "non-ASCII byte"
		default:
			found = fmt.Sprintf("%q", string(c))
		}
	}
	switch {
	case strings.Contains(msg, "invalid UTF-8"):
		return "invalid UTF-8 in string: save the file as UTF-8"
	case strings.Contains(msg, "exceeded max depth"):
		return fmt.Sprintf("JSON nested too deeply (more than %d levels)", maxDepth)
	case found == `","` && (nextNonSpace(src, off+1) == ']' || nextNonSpace(src, off+1) == '}'):
		return fmt.Sprintf("trailing comma before %q: JSON allows no trailing commas", string(nextNonSpace(src, off+1)))
	}
	if strings.Contains(msg, "invalid character") && found != "" {
		switch {
		case strings.Contains(msg, "after object value"):
			return "unexpected " + found + " after object member: expected ',' or '}'"
		case strings.Contains(msg, "after array value"):
			return "unexpected " + found + " after array element: expected ',' or ']'"
		case strings.Contains(msg, "after object name"):
			return "unexpected " + found + " after object key: expected ':'"
		case strings.Contains(msg, "at start of string") || strings.Contains(msg, "object name"):
			return "unexpected " + found + ": expected an object key in double quotes"
		case found == `"/"`:
			return "unexpected \"/\": JSON allows no comments"
		case found == `"'"`:
			return "unexpected \"'\": JSON strings use double quotes"
		}
		return "unexpected " + found + ": expected a JSON value"
	}
	return msg
}

func nextNonSpace(src []byte, off int) byte {
	for i := off; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return src[i]
	}
	return 0
}
