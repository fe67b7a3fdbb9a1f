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

// Node is one JSON value with the byte range it occupies in File.Src.
// Objects keep their members in document order, duplicates included, so
// that rules can see exactly what the user wrote. Its JSON Pointer is
// derived from its place in the tree (Ptr) rather than stored: a tenant's
// trees hold millions of values, and few are ever pointed at.
type Node struct {
	Kind     Kind
	index    int32 // index of this value in parent.Members or parent.Elems
	parent   *Node
	Off, End int    // byte range of the value in the decoded source
	Str      string // string value, or the literal text of a number or boolean
	Members  []Member
	Elems    []*Node
}

// Ptr returns the JSON Pointer (RFC 6901) of n in its file: "" for the
// top-level value.
func (n *Node) Ptr() string {
	size := 0
	for c := n; c.parent != nil; c = c.parent {
		size += 1 + len(c.token())
	}
	if size == 0 {
		return ""
	}
	b := make([]byte, size)
	for c := n; c.parent != nil; c = c.parent {
		tok := c.token()
		size -= len(tok)
		copy(b[size:], tok)
		size--
		b[size] = '/'
	}
	return string(b)
}

// token is n's reference token in its parent, escaped.
func (n *Node) token() string {
	if n.parent.Kind == Array {
		return strconv.Itoa(int(n.index))
	}
	return escapePointer(n.parent.Members[n.index].Key)
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

// maxDepth bounds the nesting of arrays and objects. Role files nest a
// few levels (an ARM template with nested deployments, a dozen); every value
// holds its JSON Pointer, whose length grows with the depth, so the bound
// also bounds the memory of a hostile file to about maxDepth squared bytes.
const maxDepth = 1000

// parseJSON builds the Node tree of src with jsontext, which also gives the
// syntax errors. It accepts duplicate keys (they are reported by a rule, not
// by the parser) and nothing else outside RFC 8259. text is src as a string:
// the tree's strings are slices of it.
//
// A tenant-wide run parses thousands of files, so the tree is built with few
// allocations: the decoder reads src in place, string values and keys
// without escapes are slices of text, nodes and member and element
// slices are carved from blocks, and an object's duplicate keys are found
// without a map unless it is large.
func parseJSON(src []byte, text string) (*Node, []Duplicate, error) {
	p := &parser{src: src, text: text, dec: jsontext.NewDecoder(bytes.NewBuffer(src), jsontext.AllowDuplicateNames(true))}
	// Role files hold a value per 50 to 70 bytes, a quarter of them object
	// members; the first blocks are sized for that (halved, as they double).
	values := len(src) / 100
	p.nodes.size, p.members.size, p.elems.size = values, values/4, values*3/4
	// The stacks of unfinished objects and arrays: an array holds most of
	// a file's values.
	p.memStack, p.elemStack = make([]Member, 0, 16), make([]*Node, 0, min(2*values+16, 1024))
	root, err := p.value(nil, 0)
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
	text  string // src as a string, which unescaped strings are slices of
	dec   *jsontext.Decoder
	dups  []Duplicate
	depth int

	// Blocks that nodes and the members and elements of finished objects
	// and arrays are carved from, and the stacks of the unfinished ones'.
	nodes     slab[Node]
	members   slab[Member]
	elems     slab[*Node]
	memStack  []Member
	elemStack []*Node
}

// slab hands out slices of large blocks, so that a tree of thousands of
// values costs a few allocations. A block is sized from a guess of what the
// file still needs and at least doubles, so at most half of it is waste.
type slab[T any] struct {
	free []T
	size int
}

func (s *slab[T]) take(k int) []T {
	if len(s.free) < k {
		s.size = min(max(2*s.size, 16), 4096)
		s.free = make([]T, max(k, s.size))
	}
	out := s.free[:k:k]
	s.free = s.free[k:]
	return out
}

func (p *parser) node() *Node { return &p.nodes.take(1)[0] }

// finish moves what was pushed on stack since mark into a slice of its own,
// carved from s: the members of an object, or the elements of an array.
func finish[T any](stack *[]T, s *slab[T], mark int) []T {
	if len(*stack) == mark {
		return nil
	}
	out := s.take(len(*stack) - mark)
	copy(out, (*stack)[mark:])
	clear((*stack)[mark:])
	*stack = (*stack)[:mark]
	return out
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

// str returns the value of the string token at src[off:end], as a slice of
// p.text when it holds no escape.
func (p *parser) str(tok jsontext.Token, off, end int) string {
	if bytes.IndexByte(p.src[off+1:end-1], '\\') < 0 {
		return p.text[off+1 : end-1]
	}
	return tok.String()
}

// smallObject is the number of members up to which an object's duplicate
// keys are found by comparing each key with those before it.
const smallObject = 16

func (p *parser) value(parent *Node, index int) (*Node, error) {
	tok, off, end, err := p.read()
	if err != nil {
		return nil, err
	}
	return p.valueOf(tok, off, end, parent, index)
}

// valueOf builds the value that starts with tok, read at src[off:end].
// Members and elements are read token by token until the closing one:
// asking the decoder what comes next before each would read it twice.
func (p *parser) valueOf(tok jsontext.Token, off, end int, parent *Node, index int) (*Node, error) {
	n := p.node()
	n.parent, n.index, n.Off, n.End = parent, int32(index), off, end
	switch tok.Kind() {
	case 'n':
		n.Kind = Null
	case 't', 'f':
		n.Kind, n.Str = Bool, p.text[off:end]
	case '0':
		n.Kind, n.Str = Number, p.text[off:end]
	case '"':
		n.Kind, n.Str = String, p.str(tok, off, end)
	case '{':
		if p.depth++; p.depth > maxDepth {
			return nil, &SyntaxError{Off: off, Msg: fmt.Sprintf("JSON nested too deeply (more than %d levels)", maxDepth)}
		}
		n.Kind = Object
		mark := len(p.memStack)
		var seen map[string]int
		for i := 0; ; i++ {
			ktok, koff, kend, err := p.read()
			if err != nil {
				return nil, err
			}
			if ktok.Kind() == '}' {
				n.End = kend
				break
			}
			key := p.str(ktok, koff, kend)
			p.memStack = append(p.memStack, Member{Key: key, KeyOff: koff, KeyEnd: kend})
			v, err := p.value(n, i)
			if err != nil {
				return nil, err
			}
			p.memStack[mark+i].Value = v
			first := -1
			if i < smallObject {
				for j, m := range p.memStack[mark : mark+i] {
					if m.Key == key {
						first = j
						break
					}
				}
			} else {
				if seen == nil {
					seen = make(map[string]int, 2*smallObject)
					for j := i - 1; j >= 0; j-- {
						seen[p.memStack[mark+j].Key] = j
					}
				}
				if j, dup := seen[key]; dup {
					first = j
				} else {
					seen[key] = i
				}
			}
			if first >= 0 {
				p.dups = append(p.dups, Duplicate{Object: n, First: first, Second: i})
			}
		}
		n.Members = finish(&p.memStack, &p.members, mark)
		p.depth--
	case '[':
		if p.depth++; p.depth > maxDepth {
			return nil, &SyntaxError{Off: off, Msg: fmt.Sprintf("JSON nested too deeply (more than %d levels)", maxDepth)}
		}
		n.Kind = Array
		mark := len(p.elemStack)
		for i := 0; ; i++ {
			etok, eoff, eend, err := p.read()
			if err != nil {
				return nil, err
			}
			if etok.Kind() == ']' {
				n.End = eend
				break
			}
			v, err := p.valueOf(etok, eoff, eend, n, i)
			if err != nil {
				return nil, err
			}
			p.elemStack = append(p.elemStack, v)
		}
		n.Elems = finish(&p.elemStack, &p.elems, mark)
		p.depth--
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
