// Command rolelint lints Azure RBAC custom role definitions.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/catalog"
	_ "github.com/rolelint/rolelint/internal/startup" // before jsonschema's initialization
	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/report"
	"github.com/rolelint/rolelint/role"
	"github.com/rolelint/rolelint/rules"
	"github.com/rolelint/rolelint/schema"
)

// Exit codes, as actionlint's.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
	exitInternal = 3
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `rolelint lints Azure RBAC custom role definitions (JSON) before they are deployed.

Usage:
  rolelint [flags] [path ...]      lint files and directories (default ".")
  rolelint rules [RULE]            list every rule, or print one rule's documentation
  rolelint catalog stats           what the bundled operations catalog holds
  rolelint catalog import FILE     turn 'az provider operation list' JSON into catalog data
  rolelint effective FILE ...      what each role really grants, after wildcards and NotActions
  rolelint init                    write a commented starter .rolelint.yaml
  rolelint version                 print the version and the catalog date

Examples:
  rolelint ./roles
  rolelint role.json other/
  rolelint --format sarif --output rolelint.sarif .
  rolelint --fail-on error roles/
  cat role.json | rolelint -

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or config error, 3 internal error.

Flags:
`

type usageError struct {
	msg    string
	noHint bool // the message says all there is; no "run --help"
}

func (e usageError) Error() string { return e.msg }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "rolelint: internal error: %v\n", p)
			code = exitInternal
		}
	}()
	if len(args) > 0 {
		switch args[0] {
		case "rules", "explain":
			return cmdRules(args[1:], stdout, stderr)
		case "version":
			fmt.Fprintln(stdout, versionLine())
			return exitOK
		case "catalog":
			return cmdCatalog(args[1:], stdin, stdout, stderr)
		case "init":
			return cmdInit(args[1:], stdout, stderr)
		case "effective":
			return cmdEffective(args[1:], stdout, stderr)
		}
	}
	code, err := lintCmd(args, stdin, stdout, stderr)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) || errors.Is(err, pflag.ErrHelp) {
			switch {
			case errors.Is(err, pflag.ErrHelp):
			case ue.noHint:
				fmt.Fprintf(stderr, "rolelint: %v\n", err)
			default:
				fmt.Fprintf(stderr, "rolelint: %v\nRun 'rolelint --help' for usage.\n", err)
			}
			return exitUsage
		}
		fmt.Fprintf(stderr, "rolelint: %v\n", err)
		return exitInternal
	}
	return code
}

func versionLine() string {
	c := catalog.Default()
	st := c.Stats()
	return fmt.Sprintf("rolelint %s (catalog of %s: %d operations, %d built-in roles)", version, c.Date(), st.Operations, st.BuiltinRoles)
}

// loadCatalog is the embedded catalog plus the user's extra operation files.
func loadCatalog(files []string) (*catalog.Catalog, error) {
	c := catalog.Default()
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, usageError{msg: fmt.Sprintf("--catalog: %v", err)}
		}
		c, err = c.WithExtra(name, f)
		f.Close()
		if err != nil {
			return nil, usageError{msg: fmt.Sprintf("--catalog: %v", err)}
		}
	}
	return c, nil
}

// tenantSettings reads --cloud and --existing-roles.
func tenantSettings(cloud, existing string) (*rules.TenantSettings, error) {
	t := &rules.TenantSettings{Cloud: strings.ToLower(cloud)}
	if t.Cloud != "public" && t.Cloud != "china" {
		return nil, usageError{msg: fmt.Sprintf("--cloud: unknown cloud %q (want public or china)", cloud)}
	}
	if existing == "" {
		return t, nil
	}
	if n, err := strconv.Atoi(existing); err == nil {
		if n < 0 {
			return nil, usageError{msg: "--existing-roles: must not be negative"}
		}
		t.Existing = n
		return t, nil
	}
	raw, err := os.ReadFile(existing)
	if err != nil {
		return nil, usageError{msg: fmt.Sprintf("--existing-roles: %v", err)}
	}
	f := role.Load(existing, raw)
	if f.Err != nil {
		return nil, usageError{msg: fmt.Sprintf("--existing-roles: %s is not valid JSON: %s", existing, f.Err.Msg)}
	}
	if f.NotRole != "" {
		return nil, usageError{msg: fmt.Sprintf("--existing-roles: %s holds no role definitions (%s)", existing, f.NotRole)}
	}
	t.ExistingFile = f
	return t, nil
}

type lintFlags struct {
	format, output, failOn, color string
	quiet, version, help          bool
	catalogs                      []string
	cloud, existing               string
	config                        string
	noConfig                      bool
	baseline                      string
	updateBaseline                bool
	fix, diff                     bool
}

func lintCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	go schema.Warm() // on another core, while flags, config and files are read
	var fl lintFlags
	fs := pflag.NewFlagSet("rolelint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&fl.format, "format", "text", "output format: text, json, sarif or github")
	fs.StringVarP(&fl.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&fl.failOn, "fail-on", "warning", "exit 1 when a finding is at or above this severity: error, warning, note or none")
	fs.StringVar(&fl.color, "color", "auto", "colour text output: auto, always or never (NO_COLOR is honoured)")
	fs.BoolVarP(&fl.quiet, "quiet", "q", false, "print only the finding lines: no source snippets, no summary")
	fs.StringVarP(&fl.config, "config", "c", "", "read the configuration from `FILE` (default: .rolelint.yaml in the linted directory or a parent, up to the repository root)")
	fs.BoolVar(&fl.noConfig, "no-config", false, "ignore any .rolelint.yaml")
	fs.StringArrayVar(&fl.catalogs, "catalog", nil, "add the operations in `FILE` (operations.tsv format, or one per line) to the catalog; repeatable")
	fs.StringVar(&fl.cloud, "cloud", "public", "the tenant's cloud, for its custom-role limit: public (5,000) or china (Azure operated by 21Vianet, 2,000)")
	fs.StringVar(&fl.existing, "existing-roles", "", "custom roles already in the tenant and not in these files: a number `N`, or the output of 'az role definition list --custom-role-only true'")
	fs.StringVar(&fl.baseline, "baseline", "", "report only findings that are not in the baseline `FILE`")
	fs.BoolVar(&fl.updateBaseline, "update-baseline", false, "write today's findings to the --baseline file and exit 0")
	fs.BoolVar(&fl.fix, "fix", false, "apply the fixes that cannot change a role's meaning (key case, operation case, duplicates, trailing slashes)")
	fs.BoolVar(&fl.diff, "diff", false, "with --fix: print the changes as a unified diff instead of writing them")
	fs.BoolVar(&fl.version, "version", false, "print the version and exit")
	fs.BoolVarP(&fl.help, "help", "h", false, "show this help")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 0, usageError{msg: err.Error()}
	}
	if fl.help {
		fs.SetOutput(stdout)
		fmt.Fprint(stdout, usage)
		fs.PrintDefaults()
		return exitOK, nil
	}
	if fl.version {
		fmt.Fprintln(stdout, versionLine())
		return exitOK, nil
	}
	failOn, err := rules.ParseSeverity(fl.failOn)
	if err != nil {
		return 0, usageError{msg: "--fail-on: " + err.Error()}
	}
	switch fl.format {
	case "text", "json", "sarif", "github":
	default:
		return 0, usageError{msg: fmt.Sprintf("--format: unknown format %q (want text, json, sarif or github)", fl.format)}
	}
	if fl.diff && !fl.fix {
		return 0, usageError{msg: "--diff needs --fix"}
	}
	if fl.updateBaseline && fl.baseline == "" {
		return 0, usageError{msg: "--update-baseline needs --baseline FILE"}
	}
	color, err := useColor(fl.color, fl.output, stdout)
	if err != nil {
		return 0, err
	}

	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cfg, err := findConfig(fl, paths)
	if err != nil {
		return 0, err
	}
	if !fs.Changed("cloud") && cfg.Cloud != "" {
		fl.cloud = cfg.Cloud
	}
	if !fs.Changed("existing-roles") && cfg.ExistingRoles != "" {
		fl.existing = cfg.ExistingRoles
	}
	cat, err := loadCatalog(append(append([]string{}, cfg.Catalog...), fl.catalogs...))
	if err != nil {
		return 0, err
	}
	tenant, err := tenantSettings(fl.cloud, fl.existing)
	if err != nil {
		return 0, err
	}

	inputs, err := gather(paths, stdin, cfg)
	if err != nil {
		return 0, err
	}
	opts := lint.Options{Rules: cfg.Enabled(), Results: map[*analysis.Analyzer]any{rules.Catalog: cat, rules.Tenant: tenant}}
	res, err := lint.Run(inputs, opts)
	if err != nil {
		return 0, err
	}
	res.Findings = cfg.Apply(res.Findings)

	if fl.fix {
		fixes := lint.Fixes(res)
		if fl.diff {
			for _, f := range fixes {
				fmt.Fprint(stdout, f.Diff())
			}
			return exitOK, nil
		}
		n := 0
		for _, f := range fixes {
			if f.Path == "<stdin>" {
				continue // nothing to write back to
			}
			if err := f.Write(); err != nil {
				return 0, fmt.Errorf("--fix: %w", err)
			}
			n += f.Applied
		}
		if len(fixes) > 0 {
			fmt.Fprintf(stderr, "rolelint: fixed %d problems in %d files\n", n, len(fixes))
			// Report what is left, from the files as they are now.
			if inputs, err = gather(paths, stdin, cfg); err != nil {
				return 0, err
			}
			if res, err = lint.Run(inputs, opts); err != nil {
				return 0, err
			}
			res.Findings = cfg.Apply(res.Findings)
		}
	}

	if fl.baseline != "" {
		if fl.updateBaseline {
			if err := lint.NewBaseline(res.Findings).Write(fl.baseline); err != nil {
				return 0, usageError{msg: fmt.Sprintf("--baseline: %v", err)}
			}
			fmt.Fprintf(stderr, "rolelint: wrote %d findings to %s\n", len(res.Findings), fl.baseline)
			return exitOK, nil
		}
		b, err := lint.ReadBaseline(fl.baseline)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return 0, usageError{msg: fmt.Sprintf("--baseline: %s does not exist; create it with --baseline %s --update-baseline", fl.baseline, fl.baseline)}
			}
			return 0, usageError{msg: fmt.Sprintf("--baseline: %v", err)}
		}
		var fixed []lint.BaselineEntry
		res.Findings, fixed = b.Filter(res.Findings)
		if len(fixed) > 0 {
			fmt.Fprintf(stderr, "rolelint: %d findings of the baseline are fixed; run with --update-baseline to drop them\n", len(fixed))
		}
	}

	var buf bytes.Buffer
	switch fl.format {
	case "text":
		err = report.Text{Color: color, Quiet: fl.quiet}.Write(&buf, res)
	case "json":
		err = report.JSON(&buf, res)
	case "github":
		err = report.GitHub(&buf, res)
	case "sarif":
		err = writeSARIF(&buf, res, cat)
	}
	if err != nil {
		return 0, err
	}
	if fl.output != "" {
		if err := os.WriteFile(fl.output, buf.Bytes(), 0o644); err != nil {
			return 0, usageError{msg: fmt.Sprintf("--output: %v", err)}
		}
	} else if _, err := stdout.Write(buf.Bytes()); err != nil {
		return 0, err
	}
	for _, f := range res.Findings {
		if failOn != rules.None && f.Severity >= failOn {
			return exitFindings, nil
		}
	}
	return exitOK, nil
}

// findConfig loads --config, or the .rolelint.yaml found by walking up from
// the first linted path; with neither, an empty config.
func findConfig(fl lintFlags, paths []string) (*lint.Config, error) {
	file := fl.config
	if file == "" && !fl.noConfig {
		start := "."
		for _, p := range paths {
			if p == "-" {
				continue
			}
			start = p
			if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
				start = filepath.Dir(p)
			}
			break
		}
		file = lint.FindConfig(start)
	}
	if file == "" {
		return &lint.Config{Dir: "."}, nil
	}
	cfg, err := lint.LoadConfig(file)
	if err != nil {
		return nil, usageError{msg: "config: " + err.Error(), noHint: true}
	}
	return cfg, nil
}

// gather turns the command-line paths into inputs; "-" is standard input.
func gather(paths []string, stdin io.Reader, cfg *lint.Config) ([]lint.Input, error) {
	var inputs []lint.Input
	var walk []string
	for _, p := range paths {
		if p == "-" {
			data, err := io.ReadAll(io.LimitReader(stdin, lint.MaxFileSize+1))
			if err != nil {
				return nil, fmt.Errorf("reading standard input: %w", err)
			}
			if data == nil {
				data = []byte{}
			}
			inputs = append(inputs, lint.Input{Path: "<stdin>", Explicit: true, Data: data})
			continue
		}
		walk = append(walk, p)
	}
	found, err := lint.Discover(walk, cfg.Ignored)
	if err != nil {
		return nil, err
	}
	return append(inputs, found...), nil
}

func useColor(mode, output string, stdout io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if output != "" || os.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		f, ok := stdout.(*os.File)
		if !ok {
			return false, nil
		}
		fi, err := f.Stat()
		return err == nil && fi.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb", nil
	}
	return false, usageError{msg: fmt.Sprintf("--color: unknown mode %q (want auto, always or never)", mode)}
}

// subcommandArgs parses the flags of a subcommand that takes none but
// --help: usage goes to stdout on --help (done is true, code 0), and an
// unknown flag or more than max arguments is a usage error.
func subcommandArgs(args []string, usage string, max int, stdout, stderr io.Writer) (rest []string, done bool, code int) {
	fs := pflag.NewFlagSet("rolelint", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		fmt.Fprint(stdout, usage)
		return nil, true, exitOK
	case err != nil:
		fmt.Fprintf(stderr, "rolelint: %v\n%s", err, usage)
		return nil, true, exitUsage
	case fs.NArg() > max:
		fmt.Fprintf(stderr, "rolelint: too many arguments %q\n%s", fs.Args()[max:], usage)
		return nil, true, exitUsage
	}
	return fs.Args(), false, exitOK
}

const rulesUsage = `Usage:
  rolelint rules           list every rule: ID, severity, slug and title
  rolelint rules RULE ...  print the documentation of rules, by ID or slug
`

func cmdRules(args []string, stdout, stderr io.Writer) int {
	args, done, code := subcommandArgs(args, rulesUsage, 1<<30, stdout, stderr)
	if done {
		return code
	}
	if len(args) == 0 {
		var b strings.Builder
		for _, r := range rules.All() {
			fmt.Fprintf(&b, "%-6s %-8s %-32s %s\n", r.ID, r.Severity, r.Slug(), r.Title)
		}
		fmt.Fprint(stdout, b.String())
		return exitOK
	}
	for _, key := range args {
		r := rules.Lookup(key)
		if r == nil {
			fmt.Fprintf(stderr, "rolelint: no rule %q; 'rolelint rules' lists them\n", key)
			code = exitUsage
			continue
		}
		fmt.Fprint(stdout, rules.Markdown(r))
	}
	return code
}

const starterConfig = `# rolelint configuration: https://github.com/rolelint/rolelint#configuration
# rolelint finds this file by walking up from the linted paths to the
# repository root; paths below are relative to this file.

# Turn rules off or change their severity (error, warning, note), by ID or slug.
rules:
  # RL210: off            # non-canonical operation case
  # unknown-operation: error

# The tenant's cloud, for the custom-role limit: public (5,000) or china (2,000).
cloud: public

# Custom roles already in the tenant that are not in this repository:
# a number, or the output of 'az role definition list --custom-role-only true'.
# existing-roles: 0

# Extra operations (preview, private or newer than the bundled catalog),
# in operations.tsv format or one operation per line.
catalog: []

# Paths to skip (globs; ** matches any number of directories).
ignore:
  # - "generated/**"

# Accepted findings. Each needs a rule, a path glob and a reason; role and
# pointer (a JSON Pointer such as /Actions/0) narrow it. A suppression that
# matches nothing is reported (RL001).
suppress: []
  # - rule: RL501
  #   path: roles/break-glass.json
  #   role: Break Glass Administrator
  #   reason: reviewed by the security team, assigned only through PIM
`

const initUsage = `Usage:
  rolelint init [FILE]     write a commented starter configuration to FILE (default .rolelint.yaml)
`

func cmdInit(args []string, stdout, stderr io.Writer) int {
	args, done, code := subcommandArgs(args, initUsage, 1, stdout, stderr)
	if done {
		return code
	}
	name := lint.ConfigNames[0]
	if len(args) > 0 {
		name = args[0]
	}
	if _, err := os.Stat(name); err == nil {
		fmt.Fprintf(stderr, "rolelint: %s already exists; not overwriting it\n", name)
		return exitUsage
	}
	if err := os.WriteFile(name, []byte(starterConfig), 0o644); err != nil {
		fmt.Fprintf(stderr, "rolelint: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "wrote %s\n", name)
	return exitOK
}
