// Command rolelint lints Azure RBAC custom role definitions.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/report"
	"github.com/rolelint/rolelint/rules"
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
  rolelint version                 print the version

Examples:
  rolelint ./roles
  rolelint role.json other/
  rolelint --format sarif --output rolelint.sarif .
  rolelint --fail-on error roles/
  cat role.json | rolelint -

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or config error, 3 internal error.

Flags:
`

type usageError struct{ msg string }

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
		}
	}
	code, err := lintCmd(args, stdin, stdout, stderr)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) || errors.Is(err, pflag.ErrHelp) {
			if !errors.Is(err, pflag.ErrHelp) {
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
	return "rolelint " + version
}

type lintFlags struct {
	format, output, failOn, color string
	quiet, version, help          bool
}

func lintCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	var fl lintFlags
	fs := pflag.NewFlagSet("rolelint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&fl.format, "format", "text", "output format: text, json, sarif or github")
	fs.StringVarP(&fl.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&fl.failOn, "fail-on", "warning", "exit 1 when a finding is at or above this severity: error, warning, note or none")
	fs.StringVar(&fl.color, "color", "auto", "colour text output: auto, always or never (NO_COLOR is honoured)")
	fs.BoolVarP(&fl.quiet, "quiet", "q", false, "print only the finding lines: no source snippets, no summary")
	fs.BoolVar(&fl.version, "version", false, "print the version and exit")
	fs.BoolVarP(&fl.help, "help", "h", false, "show this help")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 0, usageError{err.Error()}
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
		return 0, usageError{"--fail-on: " + err.Error()}
	}
	switch fl.format {
	case "text", "json", "sarif", "github":
	default:
		return 0, usageError{fmt.Sprintf("--format: unknown format %q (want text, json, sarif or github)", fl.format)}
	}
	color, err := useColor(fl.color, fl.output, stdout)
	if err != nil {
		return 0, err
	}

	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var inputs []lint.Input
	var walk []string
	for _, p := range paths {
		if p == "-" {
			data, err := io.ReadAll(io.LimitReader(stdin, lint.MaxFileSize+1))
			if err != nil {
				return 0, fmt.Errorf("reading standard input: %w", err)
			}
			if data == nil {
				data = []byte{}
			}
			inputs = append(inputs, lint.Input{Path: "<stdin>", Explicit: true, Data: data})
			continue
		}
		walk = append(walk, p)
	}
	found, err := lint.Discover(walk, nil)
	if err != nil {
		return 0, err
	}
	inputs = append(inputs, found...)

	res, err := lint.Run(inputs, lint.Options{})
	if err != nil {
		return 0, err
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
		err = writeSARIF(&buf, res)
	}
	if err != nil {
		return 0, err
	}
	if fl.output != "" {
		if err := os.WriteFile(fl.output, buf.Bytes(), 0o644); err != nil {
			return 0, usageError{fmt.Sprintf("--output: %v", err)}
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
	return false, usageError{fmt.Sprintf("--color: unknown mode %q (want auto, always or never)", mode)}
}

func cmdRules(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		var b strings.Builder
		for _, r := range rules.All() {
			fmt.Fprintf(&b, "%-6s %-8s %-32s %s\n", r.ID, r.Severity, r.Slug(), r.Title)
		}
		fmt.Fprint(stdout, b.String())
		return exitOK
	}
	code := exitOK
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
