package lint

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rolelint/rolelint/rules"
)

// ConfigNames are the file names looked for when walking up from the linted
// paths.
var ConfigNames = []string{".rolelint.yaml", ".rolelint.yml"}

// Config is a .rolelint.yaml file. Paths in it are relative to Dir.
type Config struct {
	Path string // the file itself
	Dir  string // its directory; globs and files are relative to it

	Severity      map[string]rules.Severity // rule ID -> severity (None disables)
	Cloud         string
	ExistingRoles string // a number or a file
	Catalog       []string
	Ignore        []string
	Suppress      []Suppression
}

// Suppression silences the findings of one rule in the files matching Path,
// optionally only in one role or under one JSON Pointer. Reason is required.
type Suppression struct {
	Rule    *rules.Rule
	Path    string
	Role    string
	Pointer string
	Reason  string
	Line    int // where it is written, for the unused-suppression finding
	Col     int
	used    bool
}

// ConfigError is a problem in the config file, at its line.
type ConfigError struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// FindConfig looks for a config file in dir and its parents, stopping after
// the directory that holds .git (the repository root). "" means none.
func FindConfig(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, n := range ConfigNames {
			p := filepath.Join(dir, n)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				return shortPath(p)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// shortPath is p relative to the working directory when it lies below it.
func shortPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// LoadConfig reads and checks a config file.
func LoadConfig(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, &ConfigError{Path: file, Msg: err.Error()}
	}
	return ParseConfig(file, data)
}

// ParseConfig parses the YAML of a config file named file.
func ParseConfig(file string, data []byte) (*Config, error) {
	c := &Config{Path: file, Dir: filepath.Dir(file), Severity: map[string]rules.Severity{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		var line int
		msg := err.Error()
		if _, err := fmt.Sscanf(strings.TrimPrefix(msg, "yaml: "), "line %d:", &line); err == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
			msg = strings.TrimSpace(strings.TrimPrefix(msg, fmt.Sprintf("line %d:", line)))
		}
		return nil, &ConfigError{Path: file, Line: line, Col: 1, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return c, nil // empty file: all defaults
	}
	root := doc.Content[0]
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &ConfigError{Path: file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
	if root.Kind != yaml.MappingNode {
		return nil, bad(root, "the config must be a mapping of keys (rules, cloud, existing-roles, catalog, ignore, suppress)")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Tag == "!!null" && k.Value != "" {
			switch k.Value {
			case "rules", "cloud", "existing-roles", "catalog", "ignore", "suppress":
				continue // written but left empty: the default
			}
		}
		switch k.Value {
		case "rules":
			if err := c.parseRules(v, bad); err != nil {
				return nil, err
			}
		case "cloud":
			if v.Value != "public" && v.Value != "china" {
				return nil, bad(v, "cloud must be public or china, not %q", v.Value)
			}
			c.Cloud = v.Value
		case "existing-roles":
			if v.Kind != yaml.ScalarNode {
				return nil, bad(v, "existing-roles must be a number or a file name")
			}
			c.ExistingRoles = v.Value
			if _, err := strconv.Atoi(v.Value); err != nil {
				c.ExistingRoles = c.rel(v.Value)
			}
		case "catalog", "ignore":
			list, err := strings1(v, k.Value, bad)
			if err != nil {
				return nil, err
			}
			if k.Value == "catalog" {
				for _, f := range list {
					c.Catalog = append(c.Catalog, c.rel(f))
				}
			} else {
				c.Ignore = list
			}
		case "suppress":
			if err := c.parseSuppress(v, bad); err != nil {
				return nil, err
			}
		default:
			return nil, bad(k, "unknown key %q (want rules, cloud, existing-roles, catalog, ignore or suppress)", k.Value)
		}
	}
	return c, nil
}

func (c *Config) rel(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, filepath.FromSlash(p))
}

func strings1(v *yaml.Node, key string, bad func(*yaml.Node, string, ...any) error) ([]string, error) {
	if v.Kind == yaml.ScalarNode && v.Value != "" {
		return []string{v.Value}, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, bad(v, "%s must be a list of strings", key)
	}
	var out []string
	for _, e := range v.Content {
		if e.Kind != yaml.ScalarNode {
			return nil, bad(e, "%s must be a list of strings", key)
		}
		out = append(out, e.Value)
	}
	return out, nil
}

func (c *Config) parseRules(v *yaml.Node, bad func(*yaml.Node, string, ...any) error) error {
	if v.Kind != yaml.MappingNode {
		return bad(v, "rules must map rule IDs or slugs to off, on, error, warning or note")
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		r := rules.Lookup(k.Value)
		if r == nil {
			return bad(k, "unknown rule %q ('rolelint rules' lists them)", k.Value)
		}
		switch strings.ToLower(val.Value) {
		case "off", "false", "disable", "disabled":
			c.Severity[r.ID] = rules.None
		case "on", "true", "enable", "enabled":
			delete(c.Severity, r.ID) // every rule is on by default
		default:
			s, err := rules.ParseSeverity(val.Value)
			if err != nil || s == rules.None {
				return bad(val, "rule %s: want off, on, error, warning or note, not %q", r.ID, val.Value)
			}
			c.Severity[r.ID] = s
		}
	}
	return nil
}

func (c *Config) parseSuppress(v *yaml.Node, bad func(*yaml.Node, string, ...any) error) error {
	if v.Kind != yaml.SequenceNode {
		return bad(v, "suppress must be a list of {rule, path, role, pointer, reason}")
	}
	for _, e := range v.Content {
		if e.Kind != yaml.MappingNode {
			return bad(e, "a suppression must be a mapping with rule, path and reason")
		}
		s := Suppression{Line: e.Line, Col: e.Column}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, val := e.Content[i], e.Content[i+1]
			switch k.Value {
			case "rule":
				if s.Rule = rules.Lookup(val.Value); s.Rule == nil {
					return bad(val, "unknown rule %q ('rolelint rules' lists them)", val.Value)
				}
			case "path":
				if _, err := path.Match(strings.ReplaceAll(val.Value, "**", "*"), ""); err != nil {
					return bad(val, "bad path glob %q: %v", val.Value, err)
				}
				s.Path = val.Value
			case "role":
				s.Role = val.Value
			case "pointer":
				if val.Value != "" && !strings.HasPrefix(val.Value, "/") {
					return bad(val, "pointer must be a JSON Pointer starting with '/', not %q", val.Value)
				}
				s.Pointer = val.Value
			case "reason":
				s.Reason = strings.TrimSpace(val.Value)
			default:
				return bad(k, "unknown key %q in a suppression (want rule, path, role, pointer, reason)", k.Value)
			}
		}
		switch {
		case s.Rule == nil:
			return bad(e, "a suppression needs a rule")
		case s.Path == "":
			return bad(e, "a suppression needs a path glob (use \"**\" for every file)")
		case s.Reason == "":
			return bad(e, "a suppression needs a reason: say why the finding is accepted")
		}
		c.Suppress = append(c.Suppress, s)
	}
	return nil
}

// Ignored reports whether a path (as discovered) matches an ignore glob.
func (c *Config) Ignored(p string, _ bool) bool {
	if len(c.Ignore) == 0 {
		return false // and no path to resolve: a walk asks for every file
	}
	rel := c.relPath(p)
	for _, g := range c.Ignore {
		if MatchGlob(g, rel) || MatchGlob(strings.TrimSuffix(g, "/")+"/**", rel) {
			return true
		}
	}
	return false
}

// relPath is p relative to the config directory, slash-separated.
func (c *Config) relPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	dir, err := filepath.Abs(c.Dir)
	if err != nil {
		return filepath.ToSlash(p)
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// MatchGlob matches a slash-separated path against a glob in which "**"
// stands for any number of directories and the other characters mean what
// they mean to path.Match.
func MatchGlob(glob, p string) bool {
	return matchSegs(strings.Split(glob, "/"), strings.Split(p, "/"))
}

func matchSegs(g, p []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for i := 0; i <= len(p); i++ {
				if matchSegs(g[1:], p[i:]) {
					return true
				}
			}
			return false
		}
		if len(p) == 0 {
			return false
		}
		if ok, err := path.Match(g[0], p[0]); err != nil || !ok {
			return false
		}
		g, p = g[1:], p[1:]
	}
	return len(p) == 0
}

// Apply sets severities and removes suppressed findings. It returns the
// findings kept and one finding for each suppression that matched nothing.
func (c *Config) Apply(fs []Finding) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if s, ok := c.Severity[f.Rule.ID]; ok && f.Rule.ID != rules.InternalID {
			if s == rules.None {
				continue
			}
			f.Severity = s
		}
		if c.suppressed(&f) {
			continue
		}
		out = append(out, f)
	}
	for i := range c.Suppress {
		s := &c.Suppress[i]
		if s.used {
			continue
		}
		out = append(out, Finding{
			Rule: rules.UnusedSuppression, Severity: rules.UnusedSuppression.Severity, Path: c.Path,
			Start: Position{Line: s.Line, Col: s.Col, ByteCol: s.Col}, End: Position{Line: s.Line, Col: s.Col, ByteCol: s.Col},
			Message: fmt.Sprintf("suppression of %s for %q matches no finding: remove it", s.Rule.ID, s.Path),
		})
	}
	return out
}

func (c *Config) suppressed(f *Finding) bool {
	if len(c.Suppress) == 0 {
		return false
	}
	rel := c.relPath(f.Path)
	for i := range c.Suppress {
		s := &c.Suppress[i]
		if s.Rule != f.Rule || !MatchGlob(s.Path, rel) {
			continue
		}
		if s.Role != "" && !strings.EqualFold(s.Role, f.Role) {
			continue
		}
		if s.Pointer != "" && f.Pointer != s.Pointer && !strings.HasPrefix(f.Pointer, s.Pointer+"/") {
			continue
		}
		s.used = true
		return true
	}
	return false
}

// Enabled is the rule set after the config's switches: every rule except
// those turned off.
func (c *Config) Enabled() []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rules.All() {
		if s, ok := c.Severity[r.ID]; ok && s == rules.None {
			continue
		}
		out = append(out, r)
	}
	return out
}
