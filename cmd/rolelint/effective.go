package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/rolelint/rolelint/catalog"
	"github.com/rolelint/rolelint/role"
	"github.com/rolelint/rolelint/rules"
)

const effectiveUsage = `Usage:
  rolelint effective [--format text|json] [--catalog FILE ...] FILE ...

Prints what each role in the files really grants: Actions expanded against the
catalog minus NotActions, and DataActions minus NotDataActions, grouped by
provider, with the entry that grants each operation.
`

// effectiveRole is the json form of one role's effective permissions.
type effectiveRole struct {
	Path        string           `json:"path"`
	Role        string           `json:"role"`
	Actions     []effectiveGrant `json:"actions"`
	DataActions []effectiveGrant `json:"dataActions"`
}

type effectiveGrant struct {
	Operation string `json:"operation"`
	Provider  string `json:"provider"`
	From      string `json:"from"`
	Line      int    `json:"line"`
	Known     bool   `json:"inCatalog"`
}

func cmdEffective(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("rolelint effective", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "text or json")
	extra := fs.StringArray("catalog", nil, "extra operations `FILE`")
	fs.Usage = func() { fmt.Fprint(stderr, effectiveUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 || *format != "text" && *format != "json" {
		if err == nil {
			fs.Usage()
		}
		return exitUsage
	}
	cat, err := loadCatalog(*extra)
	if err != nil {
		fmt.Fprintf(stderr, "rolelint: %v\n", err)
		return exitUsage
	}
	var out []effectiveRole
	code := exitOK
	for _, name := range fs.Args() {
		raw, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "rolelint: %v\n", err)
			code = exitUsage
			continue
		}
		f := role.Load(name, raw)
		switch {
		case f.Err != nil:
			fmt.Fprintf(stderr, "rolelint: %s: invalid JSON: %s\n", name, f.Err.Msg)
			code = exitUsage
			continue
		case f.NotRole != "":
			fmt.Fprintf(stderr, "rolelint: %s: not an Azure RBAC role definition (%s)\n", name, f.NotRole)
			code = exitUsage
			continue
		}
		for _, d := range f.Defs {
			e := rules.NewEffective(d, cat)
			er := effectiveRole{Path: name, Role: d.DisplayName(), Actions: []effectiveGrant{}, DataActions: []effectiveGrant{}}
			for _, data := range []bool{false, true} {
				for _, g := range e.Expand(data) {
					eg := effectiveGrant{Operation: g.Op, Provider: provider(cat, g.Op), From: g.From.Value, Line: lineOf(f.Src, g.From.Off), Known: g.Known}
					if data {
						er.DataActions = append(er.DataActions, eg)
					} else {
						er.Actions = append(er.Actions, eg)
					}
				}
			}
			out = append(out, er)
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if out == nil {
			out = []effectiveRole{}
		}
		enc.Encode(out)
		return code
	}
	var b bytes.Buffer
	for i, er := range out {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s (%s)\n", er.Role, er.Path)
		writeGrants(&b, "Actions", er.Actions)
		writeGrants(&b, "DataActions", er.DataActions)
	}
	stdout.Write(b.Bytes())
	return code
}

func writeGrants(b *bytes.Buffer, title string, gs []effectiveGrant) {
	if len(gs) == 0 {
		fmt.Fprintf(b, "  %s: none\n", title)
		return
	}
	byProv := map[string][]effectiveGrant{}
	var provs []string
	for _, g := range gs {
		if byProv[g.Provider] == nil {
			provs = append(provs, g.Provider)
		}
		byProv[g.Provider] = append(byProv[g.Provider], g)
	}
	fmt.Fprintf(b, "  %s: %s in %s\n", title, count(len(gs), "operation"), count(len(provs), "provider"))
	width := 0
	for _, g := range gs {
		width = min(max(width, len(g.Operation)), 72) // longer names just push "from" right
	}
	for _, p := range provs {
		fmt.Fprintf(b, "    %s (%d)\n", p, len(byProv[p]))
		for _, g := range byProv[p] {
			note := ""
			if !g.Known {
				note = " (not in the catalog)"
			}
			fmt.Fprintf(b, "      %-*s  from %q, line %d%s\n", width, g.Operation, g.From, g.Line, note)
		}
	}
}

// provider is the catalog's spelling of an operation's namespace.
func provider(cat *catalog.Catalog, op string) string {
	ns, _, _ := strings.Cut(op, "/")
	if p, ok := cat.Provider(ns); ok {
		return p
	}
	return ns
}

func lineOf(src string, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return strings.Count(src[:off], "\n") + 1
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
