package rules

// Fuzz targets of the scope parser and the string helpers of the rules,
// and the reference versions of the helpers that were made faster: the
// fast ones must agree with them on every input.

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolelint/rolelint/role"
)

var (
	guidReferenceRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	xWordRE         = regexp.MustCompile(`^x{3,}$`)
)

func isGUIDReference(s string) bool { return guidReferenceRE.MatchString(s) }

func fakeGUIDReference(g string) bool {
	g = strings.ToLower(g)
	distinct := map[rune]bool{}
	for _, r := range g {
		if r != '-' {
			distinct[r] = true
		}
	}
	if len(distinct) <= 2 {
		return true
	}
	for _, grp := range strings.Split(g, "-") {
		if !repeated(grp) && !ascending(grp) {
			return false
		}
	}
	return true
}

func placeholderInReference(seg string, sub, named bool) string {
	if g := strings.Trim(seg, "{}"); g != seg && isGUIDReference(g) {
		return "" // a real GUID in braces is malformed, not a placeholder
	}
	for _, re := range []*regexp.Regexp{braceRE, angleRE, dollarParen, envCapsRE, percentRE} {
		if m := re.FindString(seg); m != "" {
			return m
		}
	}
	if strings.ContainsAny(seg, "{}<>") {
		return seg
	}
	if underscoreRE.MatchString(seg) || squareRE.MatchString(seg) || named && envAnyRE.MatchString(seg) {
		return seg
	}
	if isGUIDReference(seg) {
		if fakeGUIDReference(seg) {
			return seg
		}
		return ""
	}
	words := splitWordsRunes(seg)
	if len(words) == 0 {
		return ""
	}
	if paramNames[strings.Join(words, "")] {
		return seg
	}
	for _, w := range words {
		if xWordRE.MatchString(w) || w == "placeholder" || w == "replaceme" || w == "changeme" {
			return seg
		}
	}
	first, last := words[0], words[len(words)-1]
	if len(words) >= 2 && (first == "your" || first == "replace" || first == "enter" || first == "insert" || last == "here") {
		return seg
	}
	if len(words) >= 2 && first == "change" && words[1] == "me" {
		return seg
	}
	if capsTokenRE.MatchString(seg) {
		for _, w := range words {
			if w == "subscription" || w == "your" || w == "tenant" || w == "placeholder" || w == "value" {
				return seg
			}
		}
		if last == "id" || last == "guid" || last == "name" {
			return seg
		}
	}
	if sub {
		for _, w := range words {
			switch {
			case w == "sub", w == "example", w == "sample",
				strings.Contains(w, "subscription"), strings.HasPrefix(w, "your"),
				strings.HasPrefix(w, "sub") && strings.HasSuffix(w, "id"):
				return seg
			}
		}
		if len(words) >= 2 && last == "id" {
			return seg
		}
		if capsTokenRE.MatchString(seg) {
			return seg
		}
	}
	return ""
}

func malformedReference(v string) string {
	switch {
	case v == "":
		return "it is empty"
	case strings.TrimSpace(v) != v:
		return "it has leading or trailing spaces"
	case strings.ContainsAny(v, " \t\r\n"):
		return "it contains spaces"
	case v == "*":
		return ""
	case !strings.Contains(v, "/"):
		return "expected {Namespace.Provider}/{resourceType}/{action}, with at least one '/'"
	case strings.HasPrefix(v, "/"):
		return "it starts with '/'"
	case strings.HasSuffix(v, "/"):
		return "it ends with '/'"
	case strings.Contains(v, "//"):
		return "it has an empty segment ('//')"
	}
	ns, _, _ := strings.Cut(v, "/")
	if ns != "*" && !strings.Contains(ns, ".") && !strings.Contains(ns, "*") {
		return fmt.Sprintf("the provider namespace %q has no '.' (expected a namespace such as Microsoft.Compute)", ns)
	}
	for _, c := range v {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("./_-*:$@{}", c)) {
			return fmt.Sprintf("it contains %q, which no operation name has", c)
		}
	}
	return ""
}

// scopeSeeds adds the scopes of the scope tests, the golden cases and the
// real-world corpus, and a few hard ones.
func scopeSeeds(f *testing.F) {
	f.Helper()
	for _, s := range []string{
		"/", "", " /subscriptions/x", "/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d",
		"/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg-app/",
		"/subscriptions/{6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d}/resourceGroups/rg",
		"/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
		"/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/rg/providers/Microsoft.Web/sites/app/slots/s1",
		"/providers/Microsoft.Management/managementGroups/mg-1", "/providers/Microsoft.Management/managementGroups",
		"/subscriptions/{subscriptionId}", "/subscriptions/<sub-id>/resourceGroups/${RG}", "/subscriptions/$(sub)/resourceGroups/%RG_NAME%",
		"/subscriptions/__subscriptionId__", "/subscriptions/SUBSCRIPTION_ID", "/subscriptions/00000000-0000-0000-0000-000000000000",
		"/subscriptions/12345678-1234-1234-1234-123456789012/resourceGroups/your-resource-group", "subscriptions/x", "6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d",
		"/subscriptions//resourceGroups", "[subscription().id]", "/subscriptions/xxxx-xxxx", "/subscriptions/é-ü/resourceGroups/rg-ÄÖ",
		"/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d/resourceGroups/$web", "/*", "/subscriptions/*",
	} {
		f.Add(s)
	}
	filepath.WalkDir(filepath.Join("..", "testdata"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil || len(raw) > 32<<10 {
			return nil
		}
		for _, def := range role.Load(path, raw).Defs {
			for _, s := range def.AssignableScopes.Items {
				f.Add(s.Value)
			}
		}
		return nil
	})
}

// checkScope parses any string as an assignable scope (FuzzParseScope in
// scope_test.go): a consistent verdict, the classification the RL3xx rules
// share, and the fast helpers agreeing with their reference versions on
// every segment.
func checkScope(t *testing.T, s string) {
	sc := ParseScope(s)
	switch {
	case sc.Kind < ScopeInvalid || sc.Kind > ScopeResource:
		t.Fatalf("ParseScope(%q): kind %d", s, sc.Kind)
	case sc.Kind == ScopeResource && (sc.Provider == "" || sc.ResourceType == "" || sc.ResourceName == "" || sc.ResourceGroup == ""):
		t.Fatalf("ParseScope(%q): incomplete resource scope %+v", s, sc)
	case sc.Kind == ScopeSubscription && !IsGUID(sc.Subscription):
		t.Fatalf("ParseScope(%q): subscription %q", s, sc.Subscription)
	}
	_ = sc.Kind.String()
	for _, p := range findPlaceholders(s) {
		if p[0] == "" || p[1] == "" || !strings.Contains(s, p[0]) {
			t.Fatalf("findPlaceholders(%q): %q", s, p)
		}
	}
	d := &role.Definition{Shape: role.ShapeFlat, AssignableScopes: role.List{Items: []role.Str{{Value: s, End: len(s) + 1}, {Value: strings.ToUpper(s), End: 1}}}}
	_ = duplicateScopes(scopeEntries(d))
	for _, seg := range strings.Split(s, "/") {
		checkHelpers(t, seg)
	}
	checkHelpers(t, s)
}

// checkHelpers compares the fast helpers with their reference versions.
func checkHelpers(t *testing.T, seg string) {
	t.Helper()
	if got, want := IsGUID(seg), isGUIDReference(seg); got != want {
		t.Fatalf("IsGUID(%q) = %v, want %v", seg, got, want)
	}
	if isASCII(seg) {
		if got, want := fmt.Sprint(splitWordsASCII(seg)), fmt.Sprint(splitWordsRunes(seg)); got != want {
			t.Fatalf("splitWords(%q) = %s, want %s", seg, got, want)
		}
	}
	for _, sub := range []bool{false, true} {
		for _, named := range []bool{false, true} {
			if got, want := placeholderIn(seg, sub, named), placeholderInReference(seg, sub, named); got != want {
				t.Fatalf("placeholderIn(%q, %v, %v) = %q, want %q", seg, sub, named, got, want)
			}
		}
	}
	if IsGUID(seg) && fakeGUID(seg) != fakeGUIDReference(seg) {
		t.Fatalf("fakeGUID(%q) = %v", seg, fakeGUID(seg))
	}
	for _, w := range splitWords(seg) {
		if xWord(w) != xWordRE.MatchString(w) {
			t.Fatalf("xWord(%q) = %v", w, xWord(w))
		}
	}
	if capsToken(seg) != capsTokenRE.MatchString(seg) {
		t.Fatalf("capsToken(%q) = %v", seg, capsToken(seg))
	}
}

// FuzzOperationString checks the one-pass operation checks against the
// step-by-step ones they stand in for.
func FuzzOperationString(f *testing.F) {
	for _, s := range []string{"*", "*/read", "Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/*/read", "a/b", "a.b/", "/a.b/c",
		"a.b//c", "Microsoft.Compute", " Microsoft.Compute/x", "Micro soft.x/y", "Microsoft.Compute/é", "microsoft.directory/users/x",
		"MICROSOFT.DIRECTORY/x", "İcrosoft.directory/x", "Microsoft.ClassicCompute/x/read", "x*/y",
		"Microsoft.Storage/storageAccounts/listKeys/action", "Microsoft.Storage/storageAccounts/list\u212aeys/action", "\u212a", "é/listKeys/ACTION",
		"Microsoft.Directory/users/read", "microsoft.directoryX/a", "@AZ[`az{@AZ[`az{\x7f", "\x80@Z[", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "a*b.c/*", "*.a/b", "a.b/c*/d*", "x/y.z", "a.b/c/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if got, want := malformed(v), malformedReference(v); got != want {
			t.Fatalf("malformed(%q) = %q, want %q", v, got, want)
		}
		if got, want := usableOp(v), wellFormed(v) && strings.Count(v, "*") <= 1 && !strings.HasPrefix(strings.ToLower(v), "microsoft.directory/"); got != want {
			t.Fatalf("usableOp(%q) = %v, want %v", v, got, want)
		}
		for _, p := range []string{"microsoft.directory/", "microsoft.", "microsoft.classic", ""} {
			if got, want := lowerHasPrefix(v, p), strings.HasPrefix(strings.ToLower(v), p); got != want {
				t.Fatalf("lowerHasPrefix(%q, %q) = %v, want %v", v, p, got, want)
			}
		}
		for _, s := range []string{"/listkeys/action", "/action", "k", ""} {
			if got, want := hasSuffixFold(v, s), strings.HasSuffix(strings.ToLower(v), s); got != want {
				t.Fatalf("hasSuffixFold(%q, %q) = %v, want %v", v, s, got, want)
			}
		}
		if isASCII(v) {
			if got, want := asciiEqualFold(v, strings.ToUpper(v)), strings.EqualFold(v, strings.ToUpper(v)); got != want {
				t.Fatalf("asciiEqualFold(%q) = %v", v, got)
			}
			if foldHash(v) != foldHash(strings.ToUpper(v)) {
				t.Fatalf("foldHash(%q) depends on case", v)
			}
			if foldHash(v) != foldHashReference(strings.ToLower(v)) {
				t.Fatalf("foldHash(%q) is not the hash of its lower case", v)
			}
		}
		// The line table of the text, as go/token computes it.
		fset := token.NewFileSet()
		tf := fset.AddFile("x", -1, len(v))
		tf.SetLinesForContent([]byte(v))
		if got, want := fmt.Sprint(lineStarts(v)), fmt.Sprint(tf.Lines()); got != want && !(len(v) == 0 && got == "[]") {
			t.Fatalf("lineStarts(%q) = %s, want %s", v, got, want)
		}
	})
}

// foldHashReference is foldHash of an already lower-cased string, without
// the lower-casing of eight bytes at a time.
func foldHashReference(s string) uint64 {
	h := uint64(14695981039346656037)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		var w uint64
		for j := 7; j >= 0; j-- {
			w = w<<8 | uint64(s[i+j])
		}
		h = (h ^ w) * 1099511628211
		h ^= h >> 32
	}
	for ; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
