package catalog

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rolelint/rolelint/catalog/internal/catdata"
)

// FuzzMatchPattern compares the glob matcher with a regular expression
// (for ASCII input, where Fold and (?i) agree).
func FuzzMatchPattern(f *testing.F) {
	for _, s := range [][2]string{
		{"*", "a/b"}, {"*/read", "Microsoft.Web/sites/Read"}, {"a*b*c", "abcbc"},
		{"Microsoft.*/read", "Microsoft.Web/read"}, {"**a", "aaa"}, {"", ""}, {"a*", "*"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, op string) {
		got := MatchPattern(pattern, op)
		if !ascii(pattern) || !ascii(op) {
			return
		}
		parts := strings.Split(pattern, "*")
		for i := range parts {
			parts[i] = regexp.QuoteMeta(parts[i])
		}
		re := regexp.MustCompile(`(?is)\A` + strings.Join(parts, ".*") + `\z`)
		if want := re.MatchString(op); got != want {
			t.Errorf("MatchPattern(%q, %q) = %v, regexp says %v", pattern, op, got, want)
		}
	})
}

// FuzzContainment checks that the inclusion test behind ExtendedBy is
// sound: if q contains p, whatever p matches, q matches.
func FuzzContainment(f *testing.F) {
	f.Add("a/*", "a/b/*", "a/b/c")
	f.Add("*/read", "x*/read", "xy/read")
	f.Add("a*b", "a*b*b", "abb")
	f.Fuzz(func(t *testing.T, q, p, s string) {
		q, p, s = catdata.Fold(q), catdata.Fold(p), catdata.Fold(s)
		if catdata.Glob(q, p) && catdata.Glob(p, s) && !catdata.Glob(q, s) {
			t.Errorf("%q contains %q, which matches %q, but %q does not", q, p, s, q)
		}
	})
}

// FuzzDecode feeds corrupt catalogs to the decoder: errors are fine,
// panics are not.
func FuzzDecode(f *testing.F) {
	f.Add(embedded)
	f.Add(embedded[:200])
	f.Add([]byte("RLCAT\x01\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		decode(b)
	})
}

func ascii(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
