// Package report writes findings for people (text), for programs (json) and
// for GitHub workflow logs (github). SARIF lives in package sarif.
package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/rules"
)

// Text options.
type Text struct {
	Color bool
	Quiet bool // only the finding lines: no snippets, no summary
}

const (
	bold   = "\x1b[1m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	gray   = "\x1b[90m"
	reset  = "\x1b[0m"
)

func (t Text) paint(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + reset
}

func severityColor(s rules.Severity) string {
	switch s {
	case rules.Error:
		return red
	case rules.Warning:
		return yellow
	}
	return cyan
}

// Write prints each finding as `path:line:col: message [RLnnn]` followed by
// the source line and a caret under the token, then a summary line.
func (t Text) Write(w io.Writer, res *lint.Result) error {
	var b bytes.Buffer
	src := map[string]string{}
	for _, f := range res.Files {
		if f != nil {
			src[f.Path] = f.Src
		}
	}
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "%s:%d:%d: %s %s\n", t.paint(bold, f.Path), f.Start.Line, f.Start.Col, f.Message,
			t.paint(severityColor(f.Severity), "["+f.Rule.ID+"]"))
		if !t.Quiet {
			t.snippet(&b, src[f.Path], f)
		}
	}
	if !t.Quiet {
		b.WriteString(Summary(res))
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}

// snippet prints the line of the finding with a caret line under it.
func (t Text) snippet(b *bytes.Buffer, src string, f lint.Finding) {
	if len(src) == 0 {
		return
	}
	start := f.Start.Offset - (f.Start.ByteCol - 1)
	if start < 0 || start > len(src) {
		return
	}
	end := strings.IndexByte(src[start:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += start
	}
	line := strings.TrimRight(src[start:end], "\r")
	const maxLine = 200 // minified files: show a window around the token
	prefix := line[:min(f.Start.ByteCol-1, len(line))]
	token := line[len(prefix):]
	if f.End.Line == f.Start.Line {
		token = token[:min(f.End.ByteCol-f.Start.ByteCol, len(token))]
	}
	if utf8.RuneCountInString(prefix) > maxLine/2 {
		cut := len(prefix) - maxLine/2
		for cut < len(prefix) && !utf8.RuneStart(prefix[cut]) {
			cut++
		}
		prefix = "…" + prefix[cut:]
	}
	rest := line[min(len(line), f.Start.ByteCol-1+len(token)):]
	if utf8.RuneCountInString(rest) > maxLine/2 {
		r := []rune(rest)
		rest = string(r[:maxLine/2]) + "…"
	}
	num := fmt.Sprint(f.Start.Line)
	pad := strings.Repeat(" ", len(num))
	fmt.Fprintf(b, "%s %s\n", pad, t.paint(gray, "|"))
	fmt.Fprintf(b, "%s %s %s%s%s\n", t.paint(gray, num), t.paint(gray, "|"), prefix, token, rest)
	var caret strings.Builder
	for _, r := range prefix {
		if r == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	n := utf8.RuneCountInString(token)
	marks := "^"
	if n > 1 {
		marks += strings.Repeat("~", n-1)
	}
	fmt.Fprintf(b, "%s %s %s%s\n", pad, t.paint(gray, "|"), caret.String(), t.paint(severityColor(f.Severity), marks))
}

// Summary is the one-line count of a run.
func Summary(res *lint.Result) string {
	var e, w, n int
	for _, f := range res.Findings {
		switch f.Severity {
		case rules.Error:
			e++
		case rules.Warning:
			w++
		case rules.Note:
			n++
		}
	}
	s := fmt.Sprintf("%s, %s, %s in %s (%s)", plural(e, "error"), plural(w, "warning"), plural(n, "note"),
		plural(res.Linted, "file"), plural(res.Roles, "role"))
	if res.Skipped > 0 {
		s += fmt.Sprintf("; %s skipped: not Azure role definitions", plural(res.Skipped, "file"))
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// JSONFinding is one element of the json format. The field names and their
// meaning are stable; new fields may be added.
type JSONFinding struct {
	Rule      string        `json:"rule"`
	Slug      string        `json:"slug"`
	Severity  string        `json:"severity"`
	Path      string        `json:"path"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"endLine"`
	EndColumn int           `json:"endColumn"`
	Pointer   string        `json:"pointer"`
	Role      string        `json:"role,omitempty"`
	Message   string        `json:"message"`
	Related   []JSONRelated `json:"related,omitempty"`
	Fixes     []JSONFix     `json:"fixes,omitempty"`
}

// JSONRelated is a related location.
type JSONRelated struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// JSONFix is a suggested fix as byte edits of the decoded file.
type JSONFix struct {
	Message string      `json:"message"`
	Edits   []lint.Edit `json:"edits"`
}

// JSON writes the findings as a JSON array (columns count characters).
func JSON(w io.Writer, res *lint.Result) error {
	out := make([]JSONFinding, 0, len(res.Findings))
	for _, f := range res.Findings {
		j := JSONFinding{
			Rule: f.Rule.ID, Slug: f.Rule.Slug(), Severity: f.Severity.String(), Path: f.Path,
			Line: f.Start.Line, Column: f.Start.Col, EndLine: f.End.Line, EndColumn: f.End.Col,
			Pointer: f.Pointer, Role: f.Role, Message: f.Message,
		}
		for _, r := range f.Related {
			j.Related = append(j.Related, JSONRelated{Path: r.Path, Line: r.Start.Line, Column: r.Start.Col, Message: r.Message})
		}
		for _, fx := range f.Fixes {
			j.Fixes = append(j.Fixes, JSONFix{Message: fx.Message, Edits: fx.Edits})
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// GitHub writes workflow commands that GitHub Actions turns into annotations.
func GitHub(w io.Writer, res *lint.Result) error {
	var b bytes.Buffer
	for _, f := range res.Findings {
		level := "notice"
		switch f.Severity {
		case rules.Error:
			level = "error"
		case rules.Warning:
			level = "warning"
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", level,
			escapeProperty(f.Path), f.Start.Line, f.Start.Col, f.End.Line, f.End.Col,
			escapeProperty(f.Rule.ID+" "+f.Rule.Slug()), escapeData(f.Message+" ["+f.Rule.ID+"]"))
	}
	_, err := w.Write(b.Bytes())
	return err
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
