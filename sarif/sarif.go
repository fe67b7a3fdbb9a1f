// Package sarif writes findings as SARIF 2.1.0 for GitHub code scanning and
// other SARIF consumers. The log is built with go-sarif's structs and then
// cleaned of go-sarif's "not set" sentinels (index: -1, byteOffset: -1, ...)
// and empty arrays, so that GitHub accepts it on the first upload and the
// Sarif Multitool (`validate --rule-kind "Sarif;Gh"`) has nothing to say
// about them.
package sarif

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	v210 "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/rules"
)

// Tool describes the rolelint build that wrote the log.
type Tool struct {
	Version string // as printed by `rolelint version`: "dev", "v1.2.3"
	// CatalogDate and CatalogSource describe the operations catalog the
	// run used; either may be empty.
	CatalogDate, CatalogSource string
}

const (
	toolName       = "rolelint"
	informationURI = "https://github.com/rolelint/rolelint"
	// srcRoot is the uriBaseId of every relative location: the directory
	// rolelint ran in, which in CI is the checkout.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names the partial fingerprint; bump the version if
	// what goes into it changes, so that old alerts are not matched wrongly.
	fingerprintKey = "rolelint/v1"
)

// Write writes res as a SARIF log with a single run: every rule of
// rules.All() (and any other rule a finding refers to) in tool.driver.rules,
// one result per finding. Relative locations are relative to the current
// directory. The output is deterministic: pretty-printed JSON with a trailing
// newline, no timestamps, GUIDs or absolute paths of files under the current
// directory.
func Write(w io.Writer, res *lint.Result, tool Tool) error {
	cwd, err := os.Getwd()
	if err != nil {
		cwd = ""
	}
	rep, err := build(res, tool, cwd)
	if err != nil {
		return err
	}
	out, err := encode(rep)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// build assembles the go-sarif report. cwd is the directory relative
// locations are expressed against.
func build(res *lint.Result, tool Tool, cwd string) (*v210.Report, error) {
	ruleList := ruleSet(res)
	index := make(map[string]int, len(ruleList))
	driver := v210.NewToolComponent().
		WithName(toolName).
		WithInformationURI(informationURI).
		WithVersion(displayVersion(tool.Version)).
		WithSemanticVersion(semanticVersion(tool.Version))
	if tool.CatalogDate != "" || tool.CatalogSource != "" {
		props := v210.NewPropertyBag()
		if tool.CatalogDate != "" {
			props.Add("catalogDate", tool.CatalogDate)
		}
		if tool.CatalogSource != "" {
			props.Add("catalogSource", tool.CatalogSource)
		}
		driver.WithProperties(props)
	}
	for i, r := range ruleList {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, descriptor(r))
	}

	run := v210.NewRun().
		WithTool(v210.NewTool().WithDriver(driver)).
		WithColumnKind("unicodeCodePoints").
		WithOriginalUriBaseIds(map[string]v210.ArtifactLocation{
			// No uri: the root is wherever the log is consumed (the
			// checkout), and an absolute path would make the log depend
			// on the machine.
			srcRoot: {Index: -1, Description: v210.NewTextMessage("The directory rolelint was run in; for code scanning, the root of the repository checkout.")},
		})

	src := map[string]string{}
	for _, f := range res.Files {
		if f != nil && f.File != nil {
			src[f.Path] = f.Src
		}
	}
	for _, f := range res.Findings {
		if f.Rule == nil {
			f.Rule = rules.Internal // cannot happen through lint.Run
		}
		run.AddResult(result(f, index[f.Rule.ID], cwd, src[f.Path]))
	}
	rep := v210.NewReport()
	rep.AddRun(run)
	return rep, nil
}

// ruleSet is every registered rule plus any other rule a finding refers to
// (a rule of a test, or one registered under another ID), ordered by ID.
func ruleSet(res *lint.Result) []*rules.Rule {
	out := rules.All()
	seen := map[string]bool{}
	for _, r := range out {
		seen[r.ID] = true
	}
	for _, f := range res.Findings {
		if f.Rule != nil && !seen[f.Rule.ID] {
			seen[f.Rule.ID] = true
			out = append(out, f.Rule)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// descriptor is the reportingDescriptor of a rule, with everything GitHub
// shows (name, descriptions, help) and uses (precision, security-severity).
func descriptor(r *rules.Rule) *v210.ReportingDescriptor {
	md := rules.Markdown(r)
	props := v210.NewPropertyBag()
	// GitHub shows security-severity only for rules tagged "security";
	// the category of security rules is that tag already.
	props.WithTags([]string{string(r.Category)})
	if r.Category == rules.DeployError {
		props.Add("precision", "very-high")
	} else {
		props.Add("precision", "high")
	}
	if r.SecuritySeverity != "" {
		props.Add("security-severity", r.SecuritySeverity)
	}
	return v210.NewRule(r.ID).
		WithName(pascalName(r)).
		WithShortDescription(v210.NewMultiformatMessageString().WithText(r.Title)).
		WithFullDescription(v210.NewMultiformatMessageString().WithText(firstParagraph(r.Doc))).
		WithHelp(v210.NewMultiformatMessageString().WithText(plainText(md)).WithMarkdown(md)).
		WithHelpURI(r.URL()).
		WithDefaultConfiguration(v210.NewReportingConfiguration().WithLevel(level(r.Severity))).
		WithProperties(props)
}

// result is the SARIF result of one finding; src is the decoded text of the
// finding's file (nil when it could not be read), used to place fixes.
func result(f lint.Finding, ruleIndex int, cwd string, src string) *v210.Result {
	uri, base := artifactURI(f.Path, cwd)
	start, end := normalize(f.Start, f.End)
	r := v210.NewRuleResult(f.Rule.ID).
		WithRuleIndex(ruleIndex).
		WithLevel(level(f.Severity)).
		WithMessage(v210.NewTextMessage(f.Message)).
		AddLocation(v210.NewLocationWithPhysicalLocation(physical(uri, base, start, end))).
		WithPartialFingerprints(map[string]string{fingerprintKey: fingerprint(f, uri)})
	for i, rel := range f.Related {
		ruri, rbase := uri, base
		if rel.Path != "" {
			ruri, rbase = artifactURI(rel.Path, cwd)
		}
		s, e := normalize(rel.Start, rel.End)
		loc := v210.NewLocationWithPhysicalLocation(physical(ruri, rbase, s, e)).WithID(i + 1)
		if rel.Message != "" {
			loc.WithMessage(v210.NewTextMessage(rel.Message))
		}
		r.AddRelatedLocation(loc)
	}
	if src != "" {
		ls := lineStarts(src)
		for _, fx := range f.Fixes {
			change := v210.NewArtifactChange().WithArtifactLocation(artifactLocation(uri, base))
			for _, e := range fx.Edits {
				if e.Off < 0 || e.End < e.Off || e.End > len(src) {
					continue // an edit outside the file cannot be placed
				}
				s, en := at(src, ls, e.Off), at(src, ls, e.End)
				change.AddReplacement(v210.NewReplacement().
					WithDeletedRegion(region(s, en)).
					WithInsertedContent(v210.NewArtifactContent().WithText(e.Text)))
			}
			if len(change.Replacements) == 0 {
				continue
			}
			fix := v210.NewFix().AddArtifactChange(change)
			if fx.Message != "" {
				fix.WithDescription(v210.NewTextMessage(fx.Message))
			}
			r.AddFixe(fix)
		}
	}
	return r
}

func physical(uri string, base bool, start, end lint.Position) *v210.PhysicalLocation {
	return v210.NewPhysicalLocation().
		WithArtifactLocation(artifactLocation(uri, base)).
		WithRegion(region(start, end))
}

func artifactLocation(uri string, base bool) *v210.ArtifactLocation {
	loc := v210.NewSimpleArtifactLocation(uri)
	if base {
		loc.WithURIBaseID(srcRoot)
	}
	return loc
}

// region is a line/column region; columns count Unicode code points, as the
// run's columnKind says. There are no byte or char offsets: offsets of the
// decoded text are not offsets of the file (BOM, UTF-16).
func region(start, end lint.Position) *v210.Region {
	return v210.NewRegion().
		WithStartLine(start.Line).WithStartColumn(start.Col).
		WithEndLine(end.Line).WithEndColumn(end.Col)
}

// normalize makes a region valid: a finding with no position (line 0) is at
// line 1, column 1, and an end before the start is the start.
func normalize(start, end lint.Position) (lint.Position, lint.Position) {
	if start.Line < 1 {
		start = lint.Position{Line: 1, Col: 1}
	}
	if start.Col < 1 {
		start.Col = 1
	}
	if end.Line < start.Line || end.Line == start.Line && end.Col < start.Col {
		end = start
	}
	if end.Col < 1 {
		end.Col = 1
	}
	return start, end
}

// lineStarts holds the byte offset of the start of every line of src.
func lineStarts(src string) []int {
	ls := []int{0}
	for i := range len(src) {
		if src[i] == '\n' {
			ls = append(ls, i+1)
		}
	}
	return ls
}

// at is the line and code-point column of byte offset off of src.
func at(src string, ls []int, off int) lint.Position {
	line := sort.Search(len(ls), func(i int) bool { return ls[i] > off }) - 1
	return lint.Position{Line: line + 1, Col: utf8.RuneCountInString(src[ls[line]:off]) + 1, ByteCol: off - ls[line] + 1, Offset: off}
}

// artifactURI turns a path as the linter reported it into a SARIF URI. A
// path under cwd (or relative and not leaving it) becomes a relative,
// slash-separated, percent-encoded reference against %SRCROOT% (base true);
// any other path becomes an absolute file URI.
func artifactURI(path, cwd string) (uri string, base bool) {
	p := path
	if filepath.IsAbs(p) {
		if cwd != "" {
			if rel, err := filepath.Rel(cwd, p); err == nil && local(rel) {
				return escapeRelative(rel), true
			}
		}
		return fileURI(p), false
	}
	clean := filepath.Clean(p)
	if local(clean) {
		return escapeRelative(clean), true
	}
	if cwd != "" {
		return fileURI(filepath.Join(cwd, clean)), false
	}
	return escapeRelative(clean), true
}

// local reports whether a cleaned relative path stays inside its base.
func local(rel string) bool {
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func escapeRelative(rel string) string {
	segs := strings.Split(filepath.ToSlash(rel), "/")
	for i, s := range segs {
		// PathEscape keeps ':', which in a first segment would read as a
		// URI scheme ("c:x.json").
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// fingerprint identifies a finding across runs without line numbers, so an
// alert survives lines being inserted above it: rule, file, JSON Pointer,
// role and message.
func fingerprint(f lint.Finding, uri string) string {
	h := sha256.New()
	for _, s := range []string{f.Rule.ID, uri, f.Pointer, f.Role, f.Message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func level(s rules.Severity) string {
	switch s {
	case rules.Error:
		return v210.LevelError
	case rules.Warning:
		return v210.LevelWarning
	case rules.Note:
		return v210.LevelNote
	}
	return v210.LevelNone
}

func versionOr(v string) string {
	if v == "" {
		return "dev"
	}
	return v
}

// displayVersion is the driver's version. Consumers compare versions that
// start with a number (the Multitool warns otherwise, SARIF2005), so
// "v1.2.3" is "1.2.3", and a version with no number ("dev") is its
// semantic version, "0.0.0-dev".
func displayVersion(v string) string {
	v = versionOr(v)
	if len(v) > 1 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9' {
		v = v[1:]
	}
	if v[0] >= '0' && v[0] <= '9' {
		return v
	}
	return semanticVersion(v)
}

var dotsRE = regexp.MustCompile(`\.{2,}`)

var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$`)

// semanticVersion is the SemVer 2.0 form of a version: "v1.2.3" is "1.2.3";
// anything else ("dev", a commit) is a 0.0.0 pre-release.
func semanticVersion(v string) string {
	v = versionOr(v)
	if s := strings.TrimPrefix(v, "v"); semverRE.MatchString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range v {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	pre := strings.Trim(dotsRE.ReplaceAllString(b.String(), "."), ".-")
	if pre == "" {
		pre = "dev"
	}
	return "0.0.0-" + pre
}

// pascalName is the rule's friendly name as a Pascal identifier, which the
// Multitool (SARIF2012) checks against ^(\p{Lu}[\p{Ll}\p{Nd}]+)*$:
// duplicate-key is DuplicateKey. Every word needs a lower-case letter or
// digit after its capital, so a one-letter segment, or one starting with a
// digit, joins a neighbouring word (scope-2000-limit is Scope2000Limit).
func pascalName(r *rules.Rule) string {
	var words []string
	pending := ""
	for _, seg := range strings.FieldsFunc(strings.ToLower(r.Slug()), func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) {
		first, _ := utf8.DecodeRuneInString(seg)
		short := utf8.RuneCountInString(seg) == 1
		switch {
		case len(words) > 0 && (short || unicode.IsDigit(first)):
			words[len(words)-1] += seg
		case short || unicode.IsDigit(first):
			pending += seg
		default:
			words = append(words, pending+seg)
			pending = ""
		}
	}
	if pending != "" {
		words = append(words, pending)
	}
	var b strings.Builder
	for _, w := range words {
		first, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(first))
		b.WriteString(w[size:])
	}
	return b.String()
}

// firstParagraph is the first paragraph of a Markdown doc, as plain text on
// one line.
func firstParagraph(doc string) string {
	para, _, _ := strings.Cut(strings.TrimSpace(doc), "\n\n")
	return inline(strings.Join(strings.Fields(para), " "))
}

// plainText renders the rule's Markdown page as plain text for consumers
// that do not show Markdown: no '#' headings, code fences or backticks; code
// blocks are indented by four spaces.
func plainText(md string) string {
	var b strings.Builder
	fence := false
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			fence = !fence
			continue
		case fence:
			b.WriteString("    " + line)
		case strings.HasPrefix(line, "#"):
			b.WriteString(strings.TrimSpace(strings.TrimLeft(line, "#")))
		default:
			b.WriteString(inline(line))
		}
		b.WriteByte('\n')
	}
	return strings.TrimSpace(b.String()) + "\n"
}

var (
	linkRE     = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]+)\)`)
	autolinkRE = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
)

// inline strips inline Markdown from one line: code spans keep their text
// verbatim (a wildcard such as `Microsoft.Storage/*` must survive), links
// become "text (url)", autolinks their URL, and ** is dropped.
func inline(s string) string {
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 { // an unpaired backtick: not a code span
		return s
	}
	for i := 0; i < len(parts); i += 2 {
		p := linkRE.ReplaceAllString(parts[i], "$1 ($2)")
		p = autolinkRE.ReplaceAllString(p, "$1")
		parts[i] = strings.ReplaceAll(p, "**", "")
	}
	return strings.Join(parts, "")
}

// sentinelKeys are the integer properties go-sarif always writes, with -1
// for "not set". The spec's default for each is -1 as well, so dropping
// them changes nothing but the Multitool's warnings.
var sentinelKeys = map[string]bool{
	"index": true, "byteOffset": true, "charOffset": true, "id": true, "rank": true,
	"length": true, "parentIndex": true, "ruleIndex": true,
}

// keepEmpty are the arrays that mean something when empty: a run's results
// (present and empty is "nothing found", absent is "not a scan").
var keepEmpty = map[string]bool{"results": true, "rules": true}

// encode marshals the report, drops sentinels and empty arrays and objects,
// and pretty-prints it with a trailing newline. Keys come out sorted, which
// also makes the output independent of map order.
func encode(rep *v210.Report) ([]byte, error) {
	raw, err := json.Marshal(rep)
	if err != nil {
		return nil, fmt.Errorf("sarif: encoding the log: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("sarif: re-reading the log: %w", err)
	}
	clean(v)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("sarif: encoding the log: %w", err)
	}
	return b.Bytes(), nil
}

// clean removes, in place, -1 sentinels and empty arrays and objects. It
// does not descend into property bags' values beyond this, which are ours.
func clean(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			clean(x)
			switch x := x.(type) {
			case json.Number:
				if sentinelKeys[k] && x.String() == "-1" {
					delete(v, k)
				}
			case []any:
				if len(x) == 0 && !keepEmpty[k] {
					delete(v, k)
				}
			case map[string]any:
				if len(x) == 0 {
					delete(v, k)
				}
			}
		}
	case []any:
		for _, x := range v {
			clean(x)
		}
	}
}
