package rules_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/role"
	"github.com/rolelint/rolelint/rules"
)

// realworldDir holds role files written by others, copied from public
// repositories and documentation (testdata/realworld/SOURCES.md says where
// each comes from and what a careful reviewer sees in it).
var realworldDir = filepath.Join("..", "testdata", "realworld")

// rwExpect is one entry of testdata/realworld/expect.json.
type rwExpect struct {
	File        string   `json:"file"`
	Kind        string   `json:"kind"` // clean, defective, template or not-a-role
	MustHave    []string `json:"mustHave"`
	MustNotHave []string `json:"mustNotHave"`
	// Allow lists the warnings and notes a clean file may have, with the
	// reason (repeated in SOURCES.md).
	Allow map[string]string `json:"allow"`
	// KnownIssue marks single expectations that rolelint does not meet yet,
	// keyed "mustHave RLnnn", "mustNotHave RLnnn", "kind", "positions",
	// "message" or "escalation"; the value says why rolelint is wrong.
	KnownIssue map[string]string `json:"knownIssue"`
}

// skipKnown skips the running subtest when its expectation is a known issue.
func (e *rwExpect) skipKnown(t *testing.T, key string) {
	t.Helper()
	if why, ok := e.KnownIssue[key]; ok {
		t.Skipf("known issue (%s): %s", key, why)
	}
}

func readRealworld(t *testing.T) ([]rwExpect, map[string][]byte, string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(realworldDir, "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp []rwExpect
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&exp); err != nil {
		t.Fatalf("expect.json: %v", err)
	}
	sources, err := os.ReadFile(filepath.Join(realworldDir, "SOURCES.md"))
	if err != nil {
		t.Fatal(err)
	}
	data := map[string][]byte{}
	listed := map[string]bool{}
	kinds := map[string]bool{"clean": true, "defective": true, "template": true, "not-a-role": true}
	for _, e := range exp {
		if !kinds[e.Kind] {
			t.Errorf("expect.json: %s: unknown kind %q", e.File, e.Kind)
		}
		if listed[e.File] {
			t.Errorf("expect.json: %s listed twice", e.File)
		}
		listed[e.File] = true
		b, err := os.ReadFile(filepath.Join(realworldDir, filepath.FromSlash(e.File)))
		if err != nil {
			t.Fatal(err)
		}
		data[e.File] = b
	}
	// Every corpus file has an expectation and a SOURCES.md entry.
	err = filepath.WalkDir(realworldDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, realworldDir+string(filepath.Separator)))
		if rel == "expect.json" {
			return nil
		}
		if !listed[rel] {
			t.Errorf("%s has no entry in expect.json", rel)
		}
		if !strings.Contains(string(sources), "### "+rel+"\n") {
			t.Errorf("%s has no \"### %s\" section in SOURCES.md", rel, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return exp, data, string(sources)
}

// sourcesSection returns the SOURCES.md section of one file.
func sourcesSection(sources, file string) string {
	i := strings.Index(sources, "### "+file+"\n")
	if i < 0 {
		return ""
	}
	s := sources[i+len("### "+file+"\n"):]
	if j := strings.Index(s, "\n### "); j >= 0 {
		s = s[:j]
	}
	return s
}

func realworldPath(file string) string { return "testdata/realworld/" + file }

// TestRealWorld lints every corpus file alone, then all of them together, and
// checks what a new user would: no internal error, every finding at the token
// its JSON Pointer names, no error on a clean role, only RL100 on a file that
// is not an Azure role, the hand-written expectations, and RL502 on every "*"
// role whose NotActions leave roleAssignments/write granted.
func TestRealWorld(t *testing.T) {
	exp, data, sources := readRealworld(t)
	single := map[string][]lint.Finding{}
	for i := range exp {
		e := &exp[i]
		t.Run(e.File, func(t *testing.T) {
			path := realworldPath(e.File)
			res, err := lint.Run([]lint.Input{{Path: path, Explicit: true, Data: data[e.File]}}, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Files) != 1 || res.Files[0] == nil {
				t.Fatalf("lint.Run returned %d files", len(res.Files))
			}
			l := res.Files[0]
			single[e.File] = res.Findings
			ids := map[string]bool{}
			for _, f := range res.Findings {
				ids[f.Rule.ID] = true
			}
			t.Run("no-internal-error", func(t *testing.T) {
				for _, f := range res.Findings {
					if f.Rule.ID == rules.InternalID {
						t.Errorf("%s: %s", describe(&f), f.Message)
					}
				}
			})
			t.Run("positions", func(t *testing.T) {
				e.skipKnown(t, "positions")
				checkPositions(t, map[string]*rules.Loaded{path: l}, res.Findings)
			})
			t.Run("kind", func(t *testing.T) {
				e.skipKnown(t, "kind")
				checkKind(t, e, res.Findings, sources)
			})
			t.Run("message", func(t *testing.T) {
				e.skipKnown(t, "message")
				checkMessages(t, res.Findings)
			})
			for _, id := range e.MustHave {
				t.Run("mustHave "+id, func(t *testing.T) {
					e.skipKnown(t, "mustHave "+id)
					if !ids[id] {
						t.Errorf("no %s finding; got %s", id, ruleList(res.Findings))
					}
				})
			}
			for _, id := range e.MustNotHave {
				t.Run("mustNotHave "+id, func(t *testing.T) {
					e.skipKnown(t, "mustNotHave "+id)
					for _, f := range res.Findings {
						if f.Rule.ID == id {
							t.Errorf("unexpected %s: %s", describe(&f), f.Message)
						}
					}
				})
			}
			t.Run("escalation", func(t *testing.T) {
				e.skipKnown(t, "escalation")
				checkEscalation(t, e, l, data[e.File], res.Findings)
			})
		})
	}

	t.Run("all-together", func(t *testing.T) {
		inputs := make([]lint.Input, len(exp))
		for i, e := range exp {
			inputs[i] = lint.Input{Path: realworldPath(e.File), Explicit: true, Data: data[e.File]}
		}
		res, err := lint.Run(inputs, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		loaded := map[string]*rules.Loaded{}
		for _, l := range res.Files {
			if l != nil {
				loaded[l.Path] = l
			}
		}
		for _, f := range res.Findings {
			if f.Rule.ID == rules.InternalID {
				t.Errorf("%s: %s", describe(&f), f.Message)
			}
		}
		checkPositions(t, loaded, res.Findings)
		// A file's own findings do not depend on the files linted with it.
		got := map[string][]string{}
		for _, f := range res.Findings {
			if !f.Rule.Tenant {
				got[f.Path] = append(got[f.Path], findingKey(&f))
			}
		}
		for _, e := range exp {
			path := realworldPath(e.File)
			var want []string
			for _, f := range single[e.File] {
				if !f.Rule.Tenant {
					want = append(want, findingKey(&f))
				}
			}
			sort.Strings(want)
			have := got[path]
			sort.Strings(have)
			if strings.Join(want, "\n") != strings.Join(have, "\n") {
				t.Errorf("%s: alone:\n%s\ntogether:\n%s", e.File, strings.Join(want, "\n"), strings.Join(have, "\n"))
			}
		}
	})
}

func findingKey(f *lint.Finding) string {
	return fmt.Sprintf("%s %d-%d %s %s", f.Rule.ID, f.Start.Offset, f.End.Offset, f.Pointer, f.Message)
}

func describe(f *lint.Finding) string {
	return fmt.Sprintf("%s:%d:%d %s %s (pointer %q)", f.Path, f.Start.Line, f.Start.Col, f.Rule.ID, f.Severity, f.Pointer)
}

func ruleList(fs []lint.Finding) string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Rule.ID)
	}
	if len(ids) == 0 {
		return "no findings"
	}
	return strings.Join(ids, " ")
}

// checkKind checks the verdict: a clean role has no error and only the
// warnings and notes allowed (with a reason in SOURCES.md); a file that is no
// Azure role gets nothing but RL100; a role file never gets RL100.
func checkKind(t *testing.T, e *rwExpect, fs []lint.Finding, sources string) {
	t.Helper()
	switch e.Kind {
	case "clean":
		section := sourcesSection(sources, e.File)
		for id, why := range e.Allow {
			if strings.TrimSpace(why) == "" {
				t.Errorf("allow %s has no reason", id)
			}
			if !strings.Contains(section, id) {
				t.Errorf("allow %s is not explained in the SOURCES.md section of %s", id, e.File)
			}
		}
		for _, f := range fs {
			switch {
			case f.Severity == rules.Error:
				t.Errorf("error on a clean role: %s: %s", describe(&f), f.Message)
			case e.Allow[f.Rule.ID] == "":
				t.Errorf("%s on a clean role is not allowed in expect.json: %s: %s", f.Severity, describe(&f), f.Message)
			}
		}
	case "not-a-role":
		// That RL100 is there at all is a mustHave of the file.
		for _, f := range fs {
			if f.Rule.ID != "RL100" {
				t.Errorf("a file that is not an Azure role got %s: %s", describe(&f), f.Message)
			}
		}
	default:
		for _, f := range fs {
			if f.Rule.ID == "RL100" {
				t.Errorf("a %s role file is reported as not a role: %s", e.Kind, f.Message)
			}
		}
	}
}

var didYouMean = regexp.MustCompile(`unknown key "([^"]*)".*did you mean "([^"]*)"`)

// checkMessages catches messages that contradict themselves.
func checkMessages(t *testing.T, fs []lint.Finding) {
	t.Helper()
	for _, f := range fs {
		if strings.TrimSpace(f.Message) == "" {
			t.Errorf("%s: empty message", describe(&f))
		}
		if m := didYouMean.FindStringSubmatch(f.Message); m != nil && m[1] == m[2] {
			t.Errorf("%s suggests the key itself: %s", describe(&f), f.Message)
		}
	}
}

// checkPositions checks that every finding and related location lies in its
// file, that line and column agree with the offset, and that a finding with a
// JSON Pointer starts at the value (or the key) the pointer names.
func checkPositions(t *testing.T, files map[string]*rules.Loaded, fs []lint.Finding) {
	t.Helper()
	maps := map[string]*jsonOffsets{}
	for _, f := range fs {
		l := files[f.Path]
		if l == nil {
			t.Errorf("%s: finding in a file that was not linted", describe(&f))
			continue
		}
		src := []byte(l.Src)
		checkPos(t, &f, "start", src, f.Start)
		checkPos(t, &f, "end", src, f.End)
		if f.End.Offset < f.Start.Offset {
			t.Errorf("%s: end %d before start %d", describe(&f), f.End.Offset, f.Start.Offset)
		}
		for _, r := range f.Related {
			if rl := files[r.Path]; rl == nil {
				t.Errorf("%s: related location in unknown file %s", describe(&f), r.Path)
			} else {
				checkPos(t, &f, "related start", []byte(rl.Src), r.Start)
				checkPos(t, &f, "related end", []byte(rl.Src), r.End)
			}
		}
		if l.Err != nil || l.ReadErr != "" {
			continue // not JSON: no pointers
		}
		m := maps[f.Path]
		if m == nil {
			var err error
			if m, err = scanOffsets(src); err != nil {
				t.Errorf("%s: %v", f.Path, err)
				continue
			}
			maps[f.Path] = m
		}
		val, ok := m.value[f.Pointer]
		if !ok {
			t.Errorf("%s: pointer %q names no value of the file", describe(&f), f.Pointer)
			continue
		}
		key, hasKey := m.key[f.Pointer]
		if f.Start.Offset != val && (!hasKey || f.Start.Offset != key) {
			t.Errorf("%s: starts at offset %d (%q), but pointer %q names the value at %d (%q)",
				describe(&f), f.Start.Offset, snippet(src, f.Start.Offset), f.Pointer, val, snippet(src, val))
		}
	}
}

func checkPos(t *testing.T, f *lint.Finding, what string, src []byte, p lint.Position) {
	t.Helper()
	if p.Offset < 0 || p.Offset > len(src) {
		t.Errorf("%s: %s offset %d outside the file (%d bytes)", describe(f), what, p.Offset, len(src))
		return
	}
	line := 1 + bytes.Count(src[:p.Offset], []byte("\n"))
	start := bytes.LastIndexByte(src[:p.Offset], '\n') + 1
	col := utf8.RuneCount(src[start:p.Offset]) + 1
	if p.Line != line || p.Col != col || p.ByteCol != p.Offset-start+1 {
		t.Errorf("%s: %s offset %d is line %d col %d (byte col %d), finding says %d:%d (byte col %d)",
			describe(f), what, p.Offset, line, col, p.Offset-start+1, p.Line, p.Col, p.ByteCol)
	}
}

func snippet(src []byte, off int) string {
	end := min(off+24, len(src))
	return string(src[off:end])
}

// jsonOffsets maps each JSON Pointer of a document to the offset where its
// value starts and, for object members, where its key starts. It is built by
// its own scanner so that the test does not trust rolelint's parser.
type jsonOffsets struct {
	value map[string]int
	key   map[string]int
}

func scanOffsets(src []byte) (*jsonOffsets, error) {
	s := &jsonScanner{src: src, m: &jsonOffsets{value: map[string]int{}, key: map[string]int{}}}
	s.ws()
	if err := s.val(""); err != nil {
		return nil, err
	}
	return s.m, nil
}

type jsonScanner struct {
	src []byte
	i   int
	m   *jsonOffsets
}

func (s *jsonScanner) ws() {
	for s.i < len(s.src) && strings.IndexByte(" \t\r\n", s.src[s.i]) >= 0 {
		s.i++
	}
}

func (s *jsonScanner) errf(format string, a ...any) error {
	return fmt.Errorf("offset %d: "+format, append([]any{s.i}, a...)...)
}

func (s *jsonScanner) val(ptr string) error {
	if s.i >= len(s.src) {
		return s.errf("unexpected end")
	}
	s.m.value[ptr] = s.i
	switch c := s.src[s.i]; c {
	case '{':
		s.i++
		s.ws()
		if s.i < len(s.src) && s.src[s.i] == '}' {
			s.i++
			return nil
		}
		for {
			s.ws()
			keyOff := s.i
			k, err := s.str()
			if err != nil {
				return err
			}
			child := ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
			s.ws()
			if s.i >= len(s.src) || s.src[s.i] != ':' {
				return s.errf("want ':'")
			}
			s.i++
			s.ws()
			if err := s.val(child); err != nil {
				return err
			}
			s.m.key[child] = keyOff
			s.ws()
			if s.i < len(s.src) && s.src[s.i] == ',' {
				s.i++
				continue
			}
			if s.i < len(s.src) && s.src[s.i] == '}' {
				s.i++
				return nil
			}
			return s.errf("want ',' or '}'")
		}
	case '[':
		s.i++
		s.ws()
		if s.i < len(s.src) && s.src[s.i] == ']' {
			s.i++
			return nil
		}
		for n := 0; ; n++ {
			s.ws()
			if err := s.val(ptr + "/" + strconv.Itoa(n)); err != nil {
				return err
			}
			s.ws()
			if s.i < len(s.src) && s.src[s.i] == ',' {
				s.i++
				continue
			}
			if s.i < len(s.src) && s.src[s.i] == ']' {
				s.i++
				return nil
			}
			return s.errf("want ',' or ']'")
		}
	case '"':
		_, err := s.str()
		return err
	default:
		start := s.i
		for s.i < len(s.src) && strings.IndexByte(" \t\r\n,]}", s.src[s.i]) < 0 {
			s.i++
		}
		if s.i == start {
			return s.errf("unexpected %q", c)
		}
		return nil
	}
}

func (s *jsonScanner) str() (string, error) {
	if s.i >= len(s.src) || s.src[s.i] != '"' {
		return "", s.errf("want string")
	}
	start := s.i
	for s.i++; s.i < len(s.src); s.i++ {
		switch s.src[s.i] {
		case '\\':
			s.i++
		case '"':
			s.i++
			var v string
			if err := json.Unmarshal(s.src[start:s.i], &v); err != nil {
				return "", s.errf("bad string: %v", err)
			}
			return v, nil
		}
	}
	return "", s.errf("unterminated string")
}

// checkEscalation requires RL502 wherever "*" is granted and NotActions leave
// Microsoft.Authorization/roleAssignments/write. It looks for such permission
// blocks twice: in the raw JSON (any object with an actions array holding a
// literal "*", wherever it is nested, so that a role rolelint does not see is
// still counted), and in rolelint's own definitions (which resolve ARM
// template parameters), where the RL502 must lie inside the definition.
func checkEscalation(t *testing.T, e *rwExpect, l *rules.Loaded, raw []byte, fs []lint.Finding) {
	t.Helper()
	if e.Kind == "not-a-role" {
		return
	}
	const target = "Microsoft.Authorization/roleAssignments/write"
	// has502 reports an RL502 inside [lo, hi) or at one of the offsets at
	// (the "*" may be written elsewhere, such as a template parameter's
	// default value, and the finding points at it there).
	has502 := func(lo, hi int, at ...int) bool {
		for _, f := range fs {
			if f.Rule.ID != "RL502" {
				continue
			}
			if f.Start.Offset >= lo && f.Start.Offset < hi || slices.Contains(at, f.Start.Offset) {
				return true
			}
		}
		return false
	}
	var doc any
	if err := json.Unmarshal(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")), &doc); err == nil {
		if n := wildcardBlocks(doc, target); n > 0 && !has502(0, len(l.Src)+1) {
			t.Errorf("%d permission block(s) grant \"*\" and leave %s, but there is no RL502 in the file", n, target)
		}
	}
	// lint.Run keeps the definitions' names only (Loaded.Release): load the
	// permissions again.
	for _, d := range role.Load(l.Path, raw).Defs {
		for _, p := range d.Permissions {
			if !grantsAll(p.Actions) || p.NotActions.Expr {
				continue
			}
			var not []string
			for _, s := range p.NotActions.Items {
				not = append(not, s.Value)
			}
			var at []int
			for _, s := range p.Actions.Items {
				at = append(at, s.Off)
			}
			if !removed(target, not) && !has502(d.Root.Off, d.Root.End, at...) {
				t.Errorf("role %q grants \"*\" and its NotActions %v leave %s, but it has no RL502", d.DisplayName(), not, target)
			}
		}
	}
}

func grantsAll(l role.List) bool {
	for _, s := range l.Items {
		if !s.Expr && strings.TrimSpace(s.Value) == "*" {
			return true
		}
	}
	return false
}

// wildcardBlocks counts the objects under v whose actions (any case) hold
// "*" and whose notActions do not remove target.
func wildcardBlocks(v any, target string) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		var actions, notActions []any
		for k, x := range v {
			switch strings.ToLower(k) {
			case "actions":
				actions, _ = x.([]any)
			case "notactions":
				notActions, _ = x.([]any)
			}
		}
		star := false
		for _, a := range actions {
			if s, ok := a.(string); ok && strings.TrimSpace(s) == "*" {
				star = true
			}
		}
		if star {
			var not []string
			for _, a := range notActions {
				if s, ok := a.(string); ok {
					not = append(not, s)
				}
			}
			if !removed(target, not) {
				n++
			}
		}
		for _, x := range v {
			n += wildcardBlocks(x, target)
		}
	case []any:
		for _, x := range v {
			n += wildcardBlocks(x, target)
		}
	}
	return n
}

// removed reports whether one of the patterns (Azure wildcards: "*" matches
// any run of characters, "/" included; case-insensitive) matches op.
func removed(op string, patterns []string) bool {
	for _, p := range patterns {
		re := "(?i)^" + strings.ReplaceAll(regexp.QuoteMeta(strings.TrimSpace(p)), `\*`, ".*") + "$"
		if regexp.MustCompile(re).MatchString(op) {
			return true
		}
	}
	return false
}
