// Package catdata builds, encodes and decodes catalog.bin, the file that
// package catalog embeds. The generator (catalog/gen), the runtime decoder
// and the staleness test all use it, so the format is defined once.
//
// # Format (version 1)
//
// Integers are unsigned varints (binary.AppendUvarint). A "string" is its
// length and its bytes. A "front-coded list" is the entry count, the total
// length of all entries, then per entry the length of the prefix shared
// with the previous entry, the rest as a string, and any per-entry data.
//
//	magic      "RLCAT" 0x01
//	date       string
//	source     string
//	control    ops section (below), the control-plane operations
//	data       ops section, the data actions
//	providers  count, then that many strings: canonical namespaces
//	strings    front-coded list of every distinct permission string of the
//	           built-in roles, sorted bytewise
//	patterns   count, then per pattern: index into strings, flag byte
//	           (bit 0 data, bit 1 extends)
//	roles      count, then per role: name string, id string, known byte,
//	           and for each of actions, notActions, dataActions and
//	           notDataActions: a count and that many indexes into strings
//
// An ops section is the total length of the names that differ from their
// folded form, then a front-coded list of the folded names, sorted, each
// entry followed by a flag byte (bits 1-2 the source; bit 3 set when the
// name follows verbatim as a string) and, unless verbatim, the count of
// upper-case ASCII letters in the canonical spelling and their positions as
// deltas. Sorted folded names share long prefixes, so the section is about a
// third of the names' size, and decoding copies bytes and patches a few
// instead of folding a megabyte of text byte by byte.
package catdata

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Source values, equal to catalog.Source.
const (
	SourceDocs    uint8 = 0
	SourceBuiltin uint8 = 1
	SourceUser    uint8 = 2
)

const magic = "RLCAT\x01"

// Op is one operation of one plane.
type Op struct {
	Name   string
	Data   bool
	Source uint8
}

// Plane holds one plane's ops sorted by Keys, where Keys[i] is
// Fold(Ops[i].Name) and no key repeats.
type Plane struct {
	Ops  []Op
	Keys []string
}

// Pattern is a distinct wildcard permission of the built-in roles, per plane.
// Extends is set when it matches no documented operation of its plane: such
// a pattern is the only evidence of operations the docs omit, and is what
// catalog.Covered consults.
type Pattern struct {
	Text    string
	Data    bool
	Extends bool
}

// Role is a built-in role definition. Perms holds actions, notActions,
// dataActions and notDataActions in that order, all nil when !Known.
type Role struct {
	Name, ID string
	Known    bool
	Perms    [4][]string
}

// Data is the content of catalog.bin.
type Data struct {
	Date, Source string
	Planes       [2]Plane // [0] control, [1] data
	Providers    []string // canonical namespaces, sorted by Fold
	Patterns     []Pattern
	Roles        []Role
}

// Encode serialises d. The role permission strings are interned into one
// sorted table so that the arrays cost a byte or two per entry.
func Encode(d *Data) []byte {
	var b []byte
	b = append(b, magic...)
	b = appendString(b, d.Date)
	b = appendString(b, d.Source)
	for _, p := range d.Planes {
		b = appendOps(b, p)
	}

	b = binary.AppendUvarint(b, uint64(len(d.Providers)))
	for _, p := range d.Providers {
		b = appendString(b, p)
	}

	table := internStrings(d)
	index := make(map[string]uint64, len(table))
	for i, s := range table {
		index[s] = uint64(i)
	}
	b = appendFrontCoded(b, table, nil)

	b = binary.AppendUvarint(b, uint64(len(d.Patterns)))
	for _, p := range d.Patterns {
		b = binary.AppendUvarint(b, index[p.Text])
		var flags byte
		if p.Data {
			flags |= 1
		}
		if p.Extends {
			flags |= 2
		}
		b = append(b, flags)
	}

	b = binary.AppendUvarint(b, uint64(len(d.Roles)))
	for _, r := range d.Roles {
		b = appendString(b, r.Name)
		b = appendString(b, r.ID)
		if r.Known {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
		for _, perms := range r.Perms {
			b = binary.AppendUvarint(b, uint64(len(perms)))
			for _, s := range perms {
				b = binary.AppendUvarint(b, index[s])
			}
		}
	}
	return b
}

// internStrings returns the sorted distinct permission strings of the roles
// and patterns.
func internStrings(d *Data) []string {
	seen := make(map[string]bool)
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, r := range d.Roles {
		for _, perms := range r.Perms {
			for _, s := range perms {
				add(s)
			}
		}
	}
	for _, p := range d.Patterns {
		add(p.Text)
	}
	slices.Sort(out)
	return out
}

// Op flag bits.
const (
	sourceShift  = 1 // bits 1-2
	flagVerbatim = 1 << 3
)

func appendOps(b []byte, p Plane) []byte {
	keys := make([]string, len(p.Ops))
	for i, op := range p.Ops {
		keys[i] = Fold(op.Name)
	}
	total := 0 // bytes of the names that differ from their keys
	for i, op := range p.Ops {
		if ups, ok := upperPositions(op.Name, keys[i]); ok && len(ups) > 0 {
			total += len(op.Name)
		}
	}
	b = binary.AppendUvarint(b, uint64(total))
	return appendFrontCoded(b, keys, func(b []byte, i int) []byte {
		op := p.Ops[i]
		flags := op.Source << sourceShift
		ups, ok := upperPositions(op.Name, keys[i])
		if !ok {
			return appendString(append(b, flags|flagVerbatim), op.Name)
		}
		b = append(b, flags)
		b = binary.AppendUvarint(b, uint64(len(ups)))
		last := 0
		for _, u := range ups {
			b = binary.AppendUvarint(b, uint64(u-last))
			last = u
		}
		return b
	})
}

// upperPositions lists where name differs from its folded key, provided
// every difference is the case of an ASCII letter.
func upperPositions(name, key string) ([]int, bool) {
	if len(name) != len(key) {
		return nil, false
	}
	var ups []int
	for i := range len(name) {
		if c := name[i]; c != key[i] {
			if c < 'A' || c > 'Z' || key[i] != c+'a'-'A' {
				return nil, false
			}
			ups = append(ups, i)
		}
	}
	return ups, true
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendFrontCoded writes list front-coded; extra, if set, appends the data
// of entry i after it.
func appendFrontCoded(b []byte, list []string, extra func([]byte, int) []byte) []byte {
	total := 0
	for _, s := range list {
		total += len(s)
	}
	b = binary.AppendUvarint(b, uint64(len(list)))
	b = binary.AppendUvarint(b, uint64(total))
	prev := ""
	for i, s := range list {
		n := commonPrefix(prev, s)
		b = binary.AppendUvarint(b, uint64(n))
		b = appendString(b, s[n:])
		if extra != nil {
			b = extra(b, i)
		}
		prev = s
	}
	return b
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// Decode parses a file written by Encode. The strings of the result are
// substrings of a few large strings built with strings.Builder, so decoding
// costs a handful of allocations rather than one per name, and no copies
// beyond the bytes themselves: that is what keeps catalog.Default fast.
func Decode(b []byte) (*Data, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, errors.New("catalog data: bad magic or version")
	}
	r := &reader{b: b, off: len(magic)}
	d := &Data{Date: r.str(), Source: r.str()}
	for i := range d.Planes {
		d.Planes[i] = r.ops(i == 1)
	}

	d.Providers = make([]string, r.count(1))
	for i := range d.Providers {
		d.Providers[i] = r.str()
	}

	var table []string
	r.frontCoded(func(n int) { table = make([]string, 0, n) },
		func(s string) { table = append(table, s) }, nil)
	ref := func() string {
		i := r.uvarint()
		if i >= uint64(len(table)) {
			r.fail("string index out of range")
			return ""
		}
		return table[i]
	}

	d.Patterns = make([]Pattern, r.count(2))
	for i := range d.Patterns {
		text := ref()
		f := r.byte()
		d.Patterns[i] = Pattern{Text: text, Data: f&1 != 0, Extends: f&2 != 0}
	}

	d.Roles = make([]Role, r.count(4))
	// All role arrays share one backing slice; each is capacity-clipped so
	// that a caller's append cannot overwrite its neighbour.
	var perms []string
	type span struct{ lo, hi int }
	spans := make([][4]span, len(d.Roles))
	for i := range d.Roles {
		role := &d.Roles[i]
		role.Name, role.ID = r.str(), r.str()
		role.Known = r.byte() != 0
		for k := range 4 {
			n := r.count(1)
			lo := len(perms)
			for range n {
				perms = append(perms, ref())
			}
			spans[i][k] = span{lo, len(perms)}
		}
	}
	for i := range d.Roles {
		if d.Roles[i].Known {
			for k, sp := range spans[i] {
				d.Roles[i].Perms[k] = perms[sp.lo:sp.hi:sp.hi]
			}
		}
	}
	if r.err == nil && r.off != len(b) {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return nil, r.err
	}
	return d, nil
}

type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(msg string) {
	if r.err == nil {
		r.err = fmt.Errorf("catalog data: %s at offset %d", msg, r.off)
	}
	r.off = len(r.b)
}

func (r *reader) uvarint() uint64 {
	if r.off < len(r.b) && r.b[r.off] < 0x80 { // the common one-byte case
		r.off++
		return uint64(r.b[r.off-1])
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("truncated varint")
		return 0
	}
	r.off += n
	return v
}

// count reads a length and checks it against the bytes left, given that
// each element takes at least minSize bytes, so that corrupt data cannot
// make Decode allocate without bound.
func (r *reader) count(minSize int) int {
	n := r.uvarint()
	if n > uint64((len(r.b)-r.off)/minSize) {
		r.fail("count too large")
		return 0
	}
	return int(n)
}

func (r *reader) byte() byte {
	if r.off >= len(r.b) {
		r.fail("truncated")
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

func (r *reader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)-r.off) {
		r.fail("truncated string")
		return nil
	}
	s := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return s
}

func (r *reader) str() string { return string(r.bytes(r.uvarint())) }

// frontCoded decodes a front-coded list: it calls size with the entry
// count, then per entry calls entry with the string (a substring of one
// shared string) and extra, if set, to read the entry's data.
func (r *reader) frontCoded(size func(int), entry func(string), extra func()) {
	n := r.count(2)
	if size != nil {
		size(n)
	}
	total := r.uvarint()
	if total > uint64(len(r.b))*64 { // front coding never gains more than this
		r.fail("total length too large")
		return
	}
	var sb strings.Builder
	sb.Grow(int(total))
	prevLo := 0
	for range n {
		shared := r.uvarint()
		rest := r.bytes(r.uvarint())
		lo := sb.Len()
		if r.err != nil || shared > uint64(lo-prevLo) || uint64(lo)+shared+uint64(len(rest)) > total {
			r.fail("bad front coding")
			return
		}
		sb.WriteString(sb.String()[prevLo : prevLo+int(shared)])
		sb.Write(rest)
		prevLo = lo
		entry(sb.String()[lo:])
		if extra != nil {
			extra()
		}
		if r.err != nil {
			return
		}
	}
	if uint64(sb.Len()) != total {
		r.fail("front-coded length mismatch")
	}
}

// ops decodes an ops section. A name equal to its key shares the key's
// bytes; the others are written, patched, into one more builder.
func (r *reader) ops(data bool) Plane {
	var p Plane
	var names strings.Builder
	names.Grow(int(min(r.uvarint(), uint64(len(r.b))*64)))
	last := ""
	r.frontCoded(func(n int) {
		p.Ops, p.Keys = make([]Op, 0, n), make([]string, 0, n)
	}, func(key string) {
		p.Keys = append(p.Keys, key)
		last = key
	}, func() {
		flags := r.byte()
		op := Op{Name: last, Data: data, Source: flags >> sourceShift & 3}
		if op.Source > SourceUser {
			r.fail("bad source")
			return
		}
		if flags&flagVerbatim != 0 {
			op.Name = r.str()
		} else if n := r.count(1); n > 0 {
			lo, pos, done := names.Len(), 0, 0
			for i := range n {
				// Positions are deltas, strictly increasing.
				d := r.uvarint()
				if i > 0 && d == 0 || d >= uint64(len(last)-pos) {
					r.fail("case position out of range")
					return
				}
				pos += int(d)
				names.WriteString(last[done:pos])
				names.WriteByte(last[pos] - ('a' - 'A'))
				done = pos + 1
			}
			names.WriteString(last[done:])
			op.Name = names.String()[lo:]
		}
		p.Ops = append(p.Ops, op)
	})
	return p
}
