package catdata

import (
	"strings"
	"unicode/utf8"
)

// Fold is the one case folding used for every key in the catalog: the
// generator sorts by it and the runtime searches by it, so both must agree.
// Azure compares permission strings case-insensitively. It equals
// strings.ToLower, with a fast path for ASCII (all real operation names),
// where ToLower's per-byte builder dominated decoding the catalog.
func Fold(s string) string {
	upper := false
	for i := range len(s) {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return s
	}
	b := make([]byte, len(s))
	for i := range len(s) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// Glob reports whether s matches pattern, where '*' matches any run of bytes
// (including '/' and the empty run) and every other byte matches itself.
// Both arguments must already be folded.
//
// It backtracks only to the most recent '*', which is enough for patterns
// whose sole metacharacter is '*' and keeps the cost O(len(pattern)*len(s))
// in the worst case and linear in the usual one.
//
// Because a literal byte of pattern never equals '*', Glob(q, p) with a
// pattern p as the subject reports whether every string matched by p is also
// matched by q: a '*' of p can only be absorbed by a '*' of q.
func Glob(pattern, s string) bool { return globASCIIFold(pattern, s) }

// Namespace returns the provider namespace of an operation or pattern: the
// text before the first '/', or "" when there is no '/'.
func Namespace(op string) string {
	if i := strings.IndexByte(op, '/'); i > 0 {
		return op[:i]
	}
	return ""
}

// GlobFold is Glob(Fold(pattern), Fold(s)) without folding first: ASCII
// letters compare ignoring case as they are read, so matching allocates
// nothing. Rules match every permission against its list's wildcards and
// NotActions, so this runs far more often than anything else here. Input
// with non-ASCII bytes takes the folding path, where ToLower may change
// lengths.
func GlobFold(pattern, s string) bool {
	for i := range len(pattern) {
		if pattern[i] >= utf8.RuneSelf {
			return Glob(Fold(pattern), Fold(s))
		}
	}
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return Glob(Fold(pattern), Fold(s))
		}
	}
	return globASCIIFold(pattern, s)
}

// globASCIIFold is the matcher of Glob and GlobFold: ASCII letters compare
// ignoring case, every other byte as itself. On folded input (Glob's
// contract) that is plain byte equality.
func globASCIIFold(pattern, s string) bool {
	px, sx := 0, 0
	starPx, starSx := -1, 0
	for px < len(pattern) || sx < len(s) {
		if px < len(pattern) {
			c := pattern[px]
			if c == '*' {
				starPx, starSx = px, sx
				px++
				continue
			}
			if sx < len(s) && lower(s[sx]) == lower(c) {
				px++
				sx++
				continue
			}
		}
		if starPx >= 0 && starSx < len(s) {
			starSx++
			px, sx = starPx+1, starSx
			continue
		}
		return false
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
