package rules

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/rolelint/rolelint/role"
)

// The RL6xx rules are driven by data/providers.json: a list of resource
// providers whose operations do not take effect through Azure RBAC custom
// roles, each with the reason, the built-in role to use instead, the
// documented exceptions (exact operation sets) and the sources. A provider is
// added by adding an entry there; no code changes.
//
//go:embed data/providers.json
var providersJSON []byte

// unsupportedProvider is one entry of data/providers.json.
type unsupportedProvider struct {
	Namespace string `json:"namespace"` // "Microsoft.Communication"
	Service   string `json:"service"`   // "Azure Communication Services"
	// Reason completes "custom roles do not work here because ..." in
	// messages (no trailing period).
	Reason string `json:"reason"`
	// Status says how sure we are (UNCONFIRMED ...), for the docs.
	Status  string `json:"status"`
	Builtin struct {
		Name string `json:"name"`
		ID   string `json:"id"`
	} `json:"builtin"`
	Exceptions []customRoleException `json:"exceptions"`
	Sources    []string              `json:"sources"`
}

// customRoleException is a documented custom role on an unsupported
// provider: exactly these operations of the provider, compared ignoring case.
type customRoleException struct {
	Name       string   `json:"name"` // "sending email over SMTP"
	Operations []string `json:"operations"`
	Source     string   `json:"source"`
	Note       string   `json:"note"` // advice for the message (no trailing period)

	set map[string]bool // folded operations
}

// unsupportedProviders is the parsed table; a broken data file stops the
// program at start-up (and so every test).
var unsupportedProviders = parseProviders(providersJSON)

func parseProviders(b []byte) []*unsupportedProvider {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var ps []*unsupportedProvider
	if err := dec.Decode(&ps); err != nil {
		panic("rules: data/providers.json: " + err.Error())
	}
	for i, p := range ps {
		if err := p.check(); err != nil {
			panic(fmt.Sprintf("rules: data/providers.json: entry %d (%s): %v", i, p.Namespace, err))
		}
	}
	return ps
}

func (p *unsupportedProvider) check() error {
	switch {
	case p.Namespace == "" || strings.ContainsAny(p.Namespace, "/*"):
		return fmt.Errorf("namespace %q is not a provider namespace", p.Namespace)
	case p.Service == "" || p.Reason == "" || strings.HasSuffix(p.Reason, "."):
		return fmt.Errorf("service and reason are required; reason has no trailing period")
	case p.Builtin.Name == "" || !IsGUID(p.Builtin.ID):
		return fmt.Errorf("builtin needs a name and a GUID id")
	case len(p.Sources) == 0:
		return fmt.Errorf("no sources")
	}
	for i := range p.Exceptions {
		ex := &p.Exceptions[i]
		if ex.Name == "" || ex.Source == "" || ex.Note == "" || len(ex.Operations) == 0 {
			return fmt.Errorf("exception %q needs a name, operations, a source and a note", ex.Name)
		}
		ex.set = map[string]bool{}
		for _, op := range ex.Operations {
			if !strings.EqualFold(opProviderSegment(op), p.Namespace) {
				return fmt.Errorf("exception %q: %q is not an operation of %s", ex.Name, op, p.Namespace)
			}
			ex.set[strings.ToLower(op)] = true
		}
	}
	return nil
}

// opProviderSegment is the provider segment of an operation string: what comes
// before the first "/" ("*" for "*/read").
func opProviderSegment(op string) string {
	ns, _, _ := strings.Cut(strings.TrimSpace(op), "/")
	return ns
}

// grants returns the operations of the provider that d grants in Actions or
// DataActions, in file order. Only strings whose provider segment is the
// provider's count: "*" and "*/read" are not singled out. Unresolved
// template expressions are skipped.
func (p *unsupportedProvider) grants(d *role.Definition) []role.Str {
	var out []role.Str
	for _, k := range []role.ListKind{role.Actions, role.DataActions} {
		for _, s := range d.Ops(k) {
			if !s.Expr && strings.EqualFold(opProviderSegment(s.Value), p.Namespace) {
				out = append(out, s)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Off < out[j].Off })
	return out
}

// exception returns the documented exception whose operation set is exactly
// the operations granted, or nil.
func (p *unsupportedProvider) exception(ops []role.Str) *customRoleException {
	got := map[string]bool{}
	for _, s := range ops {
		got[strings.ToLower(strings.TrimSpace(s.Value))] = true
	}
	for i := range p.Exceptions {
		ex := &p.Exceptions[i]
		if len(got) != len(ex.set) {
			continue
		}
		same := true
		for op := range got {
			if !ex.set[op] {
				same = false
				break
			}
		}
		if same {
			return ex
		}
	}
	return nil
}

// providerTableDoc lists the table in Markdown for RL601's documentation.
func providerTableDoc() string {
	var b strings.Builder
	b.WriteString("The providers rolelint knows (from `rules/data/providers.json`):\n")
	for _, p := range unsupportedProviders {
		fmt.Fprintf(&b, "\n- `%s` (%s): %s. Use the built-in role \"%s\" (`%s`). %s",
			p.Namespace, p.Service, p.Reason, p.Builtin.Name, p.Builtin.ID, p.Status)
		for _, ex := range p.Exceptions {
			ops := make([]string, len(ex.Operations))
			for i, op := range ex.Operations {
				ops[i] = "`" + op + "`"
			}
			fmt.Fprintf(&b, " Documented exception (RL602 instead): for %s, exactly %s ([source](%s)).",
				ex.Name, strings.Join(ops, ", "), ex.Source)
		}
	}
	return b.String()
}

// providerSources are the sources of every provider, for the rule records.
func providerSources() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range unsupportedProviders {
		for _, s := range p.Sources {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}
