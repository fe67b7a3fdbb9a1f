package lint

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"
)

// FileFix is the result of applying the suggested fixes of one file. Only
// the edited bytes change; indentation, key order, line endings and the
// byte-order mark stay as they were.
type FileFix struct {
	Path    string
	New     []byte // the file's new contents, in its own encoding
	Applied int    // fixes applied
	oldSrc  []byte // decoded text before and after, for the diff
	newSrc  []byte
}

// Fixes computes, for each file with fixable findings, its fixed contents.
// Overlapping fixes are not combined: the first one (in file order) wins and
// the rest wait for the next run.
func Fixes(res *Result) []FileFix {
	byPath := map[string][]Edit{}
	count := map[string]int{}
	for _, f := range res.Findings {
		if len(f.Fixes) == 0 {
			continue
		}
		byPath[f.Path] = append(byPath[f.Path], f.Fixes[0].Edits...)
		count[f.Path]++
	}
	var out []FileFix
	for _, l := range res.Files {
		if l == nil || len(byPath[l.Path]) == 0 || l.Err != nil || l.ReadErr != "" {
			continue
		}
		edits := byPath[l.Path]
		sort.SliceStable(edits, func(i, j int) bool { return edits[i].Off < edits[j].Off })
		var kept []Edit
		end := -1
		for _, e := range edits {
			if e.Off < end || e.Off > len(l.Src) || e.End > len(l.Src) {
				continue
			}
			kept = append(kept, e)
			end = max(e.End, e.Off+1)
		}
		var b bytes.Buffer
		pos := 0
		for _, e := range kept {
			b.WriteString(l.Src[pos:e.Off])
			b.WriteString(e.Text)
			pos = e.End
		}
		b.WriteString(l.Src[pos:])
		fx := FileFix{Path: l.Path, oldSrc: []byte(l.Src), newSrc: b.Bytes(), Applied: len(kept)}
		fx.New = encodeLike(l.Encoding, fx.newSrc)
		out = append(out, fx)
	}
	return out
}

// encodeLike turns decoded text back into the file's own encoding.
func encodeLike(encoding string, src []byte) []byte {
	switch encoding {
	case "utf-8-bom":
		return append([]byte{0xEF, 0xBB, 0xBF}, src...)
	case "utf-16le", "utf-16be":
		u := utf16.Encode([]rune(string(src)))
		out := make([]byte, 2, 2+2*len(u))
		if encoding == "utf-16le" {
			out[0], out[1] = 0xFF, 0xFE
			for _, c := range u {
				out = append(out, byte(c), byte(c>>8))
			}
		} else {
			out[0], out[1] = 0xFE, 0xFF
			for _, c := range u {
				out = append(out, byte(c>>8), byte(c))
			}
		}
		return out
	}
	return src
}

// Write replaces the file atomically (a temporary file in the same
// directory, renamed over it), keeping its permissions.
func (f FileFix) Write() error {
	fi, err := os.Stat(f.Path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), "."+filepath.Base(f.Path)+".rolelint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(f.New); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), f.Path)
}

// Diff is the change as a unified diff (three lines of context) of the
// decoded text.
func (f FileFix) Diff() string {
	a, b := splitLines(f.oldSrc), splitLines(f.newSrc)
	ops := diffLines(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s (fixed)\n", f.Path, f.Path)
	const ctx = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from ctx lines before this change to ctx lines after the
		// last change that is at most 2*ctx unchanged lines further on.
		start := max(0, i-ctx)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*ctx {
				end = min(len(ops), end+ctx)
				break
			}
			end = run
		}
		oStart, nStart, oc, nc := ops[start].a, ops[start].b, 0, 0
		var body strings.Builder
		for _, op := range ops[start:end] {
			body.WriteByte(op.kind)
			body.WriteString(op.text)
			body.WriteByte('\n')
			if op.kind != '+' {
				oc++
			}
			if op.kind != '-' {
				nc++
			}
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n%s", oStart+1, oc, nStart+1, nc, body.String())
		i = end
	}
	return out.String()
}

type lineOp struct {
	kind byte // ' ', '-', '+'
	text string
	a, b int // line index in the old and new text where this op stands
}

func splitLines(src []byte) []string {
	s := strings.TrimSuffix(string(src), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// diffLines is a longest-common-subsequence line diff. Fixes touch few
// lines, so the common head and tail are trimmed first and the table is
// built for the middle only.
func diffLines(a, b []string) []lineOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []lineOp
	for i := 0; i < pre; i++ {
		ops = append(ops, lineOp{' ', a[i], i, i})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) > 4_000_000 {
		for i, l := range ma {
			ops = append(ops, lineOp{'-', l, pre + i, pre})
		}
		for j, l := range mb {
			ops = append(ops, lineOp{'+', l, pre + len(ma), pre + j})
		}
	} else {
		n, m := len(ma), len(mb)
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && ma[i] == mb[j]:
				ops = append(ops, lineOp{' ', ma[i], pre + i, pre + j})
				i, j = i+1, j+1
			case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
				ops = append(ops, lineOp{'-', ma[i], pre + i, pre + j})
				i++
			default:
				ops = append(ops, lineOp{'+', mb[j], pre + i, pre + j})
				j++
			}
		}
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, lineOp{' ', a[len(a)-suf+k], len(a) - suf + k, len(b) - suf + k})
	}
	return ops
}
