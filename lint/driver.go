// Package lint is rolelint's engine: it discovers files, runs the rules on
// each of them (in parallel) and once on the whole set, and turns the
// diagnostics into sorted findings.
package lint

import (
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
	"github.com/rolelint/rolelint/rules"
)

// Input is one file to lint. Explicit files were named on the command line:
// they are always linted and a non-role file among them is reported.
type Input struct {
	Path     string
	Explicit bool
	// Data, when not nil, is used instead of reading Path (tests, stdin).
	Data []byte
}

// Options select the rules to run and their severities.
type Options struct {
	Rules    []*rules.Rule             // the enabled rules; nil means all
	Severity map[string]rules.Severity // per rule ID overrides
	Workers  int                       // 0 means GOMAXPROCS
	// Results seeds analyzer results shared by every pass (the catalog,
	// tenant settings), keyed by the analyzer that stands for them.
	Results map[*analysis.Analyzer]any
}

// Result is what one run found.
type Result struct {
	Findings []Finding
	Files    []*rules.Loaded // every file read, in input order
	Linted   int             // files that held role definitions or were reported
	Skipped  int             // files of a directory walk that are not role definitions
	Roles    int             // role definitions linted
}

// Run lints the inputs. It never fails because of a file: unreadable and
// broken files become findings. An error means the rule set is broken.
func Run(inputs []Input, opts Options) (*Result, error) {
	enabled := opts.Rules
	if enabled == nil {
		enabled = rules.All()
	}
	// Load always runs: tenant rules read the files it loads even when no
	// per-file rule is enabled.
	perFile := []*analysis.Analyzer{rules.Load}
	var tenant []*analysis.Analyzer
	ruleOf := map[string]*rules.Rule{}
	for _, r := range enabled {
		ruleOf[r.ID] = r
		if r.Tenant {
			tenant = append(tenant, r.Analyzer)
		} else {
			perFile = append(perFile, r.Analyzer)
		}
	}
	if err := analysis.Validate(append(append([]*analysis.Analyzer{}, perFile...), tenant...)); err != nil {
		return nil, fmt.Errorf("invalid rule set: %w", err)
	}
	d := &driver{
		fset:    token.NewFileSet(),
		pkg:     types.NewPackage("roles", "roles"),
		info:    &types.Info{},
		seed:    opts.Results,
		perFile: order(perFile),
		tenant:  order(tenant),
	}

	res := &Result{Files: make([]*rules.Loaded, len(inputs))}
	found := make([][]Finding, len(inputs))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One results map and one read buffer per worker, reused for
			// each file.
			results := make(map[*analysis.Analyzer]any, len(d.seed)+len(d.perFile))
			var buf []byte
			for i := range next {
				l, diags := d.lintFile(inputs[i], results, &buf)
				// Resolve the file's findings while its tree is at hand,
				// then keep only what the tenant rules and the output read.
				found[i] = d.findings(diags, func(string) *rules.Loaded { return l }, ruleOf, opts.Severity)
				l.Release()
				res.Files[i] = l
			}
		}()
	}
	for i := range inputs {
		next <- i
	}
	close(next)
	wg.Wait()

	var set []*rules.Loaded
	for i, l := range res.Files {
		if skipped(l, inputs[i].Explicit) {
			res.Skipped++
			continue
		}
		res.Linted++
		res.Roles += len(l.Defs) // a released file keeps its definitions' names
		set = append(set, l)
		res.Findings = append(res.Findings, found[i]...)
	}
	if len(d.tenant) > 0 {
		byName := map[string]*rules.Loaded{}
		for _, l := range set {
			byName[l.Path] = l
		}
		file := func(name string) *rules.Loaded { return byName[name] }
		res.Findings = append(res.Findings, d.findings(d.runTenant(set, byName), file, ruleOf, opts.Severity)...)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool { return less(&res.Findings[i], &res.Findings[j]) })
	return res, nil
}

// skipped reports whether a file found by a directory walk is not ours to
// lint: valid JSON that is no role, or broken JSON that does not even look
// like one (a tsconfig.json with comments).
func skipped(l *rules.Loaded, explicit bool) bool {
	if explicit {
		return false
	}
	if l.NotRole != "" {
		return true
	}
	return l.Err != nil && !looksLikeRole(l.Src)
}

func looksLikeRole(src string) bool {
	s := strings.ToLower(src)
	return strings.Contains(s, "actions") || strings.Contains(s, "assignablescopes") || strings.Contains(s, "rolename")
}

type driver struct {
	fset    *token.FileSet
	pkg     *types.Package
	info    *types.Info
	seed    map[*analysis.Analyzer]any
	perFile []*analysis.Analyzer
	tenant  []*analysis.Analyzer
}

type diagnostic struct {
	analysis.Diagnostic
	analyzer *analysis.Analyzer
}

// order returns the analyzers and everything they require, each once,
// prerequisites first, in a deterministic order.
func order(roots []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			visit(r)
		}
		out = append(out, a)
	}
	for _, a := range roots {
		visit(a)
	}
	return out
}

// lintFile runs the per-file analyzers on one input.
// results is scratch space for the analyzers' results, emptied here; buf
// is the worker's read buffer: the bytes ReadFile returns are valid until
// its next file (Load keeps a copy of the text, as a string).
func (d *driver) lintFile(in Input, results map[*analysis.Analyzer]any, buf *[]byte) (*rules.Loaded, []diagnostic) {
	readFile := func(name string) ([]byte, error) {
		if name != in.Path {
			return nil, fmt.Errorf("%s is not the file of this pass", name)
		}
		if in.Data != nil {
			return in.Data, nil
		}
		data, err := readRegular(name, in.Explicit, (*buf)[:0])
		if cap(data) <= maxKeptBuffer {
			*buf = data
		}
		return data, err
	}
	clear(results)
	defer clear(results) // let the per-file results go
	for a, v := range d.seed {
		results[a] = v
	}
	rn := d.newRunner([]string{in.Path}, readFile, results)
	failed := map[*analysis.Analyzer]bool{}
	var loaded *rules.Loaded
	for _, a := range d.perFile {
		if _, ok := results[a]; ok {
			continue
		}
		if a != rules.Load && loaded != nil && skipped(loaded, in.Explicit) {
			break
		}
		if blocked(a, failed) {
			failed[a] = true
			continue
		}
		v, err := rn.run(a)
		if err != nil {
			failed[a] = true
			if loaded != nil {
				rn.diags = append(rn.diags, d.internal(a, loaded, err))
			}
			continue
		}
		results[a] = v
		if a == rules.Load {
			loaded = v.(*rules.Loaded)
		}
	}
	diags := rn.diags
	if loaded == nil {
		// Load itself failed: nothing else could run. Keep a stub so the
		// failure is still reported at the file.
		loaded = &rules.Loaded{File: &role.File{Path: in.Path, ReadErr: "internal error: the file could not be loaded"}}
		tf := d.fset.AddFile(in.Path, -1, 0)
		loaded.Base = tf.Base()
		diags = append(diags, d.internal(rules.Load, loaded, fmt.Errorf("load failed")))
	}
	return loaded, diags
}

func blocked(a *analysis.Analyzer, failed map[*analysis.Analyzer]bool) bool {
	for _, r := range a.Requires {
		if failed[r] {
			return true
		}
	}
	return false
}

// runner runs analyzers on one file (or on the whole set) in turn, with
// one Pass whose Analyzer changes from run to run: a tenant-wide run makes a
// pass per rule per file, and allocating each was a good part of the
// garbage. Rules use their pass only while they run.
//
// ResultOf is the whole results map rather than a copy holding only
// a.Requires: a rule reads only what it requires. TypesInfo is empty and
// shared.
type runner struct {
	pass  analysis.Pass
	a     *analysis.Analyzer
	diags []diagnostic // every diagnostic so far, in order
}

func (d *driver) newRunner(files []string, readFile func(string) ([]byte, error), results map[*analysis.Analyzer]any) *runner {
	rn := &runner{}
	rn.pass = analysis.Pass{
		Fset:       d.fset,
		OtherFiles: files,
		Pkg:        d.pkg,
		TypesInfo:  d.info,
		ResultOf:   results,
		ReadFile:   readFile,
		Report:     rn.report,
	}
	return rn
}

func (rn *runner) report(dg analysis.Diagnostic) { rn.diags = append(rn.diags, diagnostic{dg, rn.a}) }

// run executes one analyzer, turning a panic into an error. Its
// diagnostics, those reported before a panic included, are in rn.diags.
func (rn *runner) run(a *analysis.Analyzer) (res any, err error) {
	rn.a, rn.pass.Analyzer = a, a
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return a.Run(&rn.pass)
}

// internal is the finding for a rule that crashed on a file.
func (d *driver) internal(a *analysis.Analyzer, l *rules.Loaded, err error) diagnostic {
	return diagnostic{analysis.Diagnostic{
		Pos: token.Pos(l.Base), End: token.Pos(l.Base), Category: rules.InternalID,
		Message: fmt.Sprintf("internal error in rule %s: %v (please report this)", a.Name, err),
	}, a}
}

// runTenant runs the tenant rules once over every role file; byName finds
// a file of the set by its path.
func (d *driver) runTenant(set []*rules.Loaded, byName map[string]*rules.Loaded) []diagnostic {
	results := map[*analysis.Analyzer]any{rules.Set: set}
	for a, v := range d.seed {
		results[a] = v
	}
	files := make([]string, len(set))
	for i, l := range set {
		files[i] = l.Path
	}
	readFile := func(name string) ([]byte, error) {
		if l := byName[name]; l != nil {
			return []byte(l.Src), nil
		}
		return nil, fmt.Errorf("%s is not in the set", name)
	}
	rn := d.newRunner(files, readFile, results)
	failed := map[*analysis.Analyzer]bool{}
	for _, a := range d.tenant {
		if _, ok := results[a]; ok {
			continue
		}
		if blocked(a, failed) {
			failed[a] = true
			continue
		}
		v, err := rn.run(a)
		if err != nil {
			failed[a] = true
			if len(set) > 0 {
				rn.diags = append(rn.diags, d.internal(a, set[0], err))
			}
			continue
		}
		results[a] = v
	}
	return rn.diags
}

// findings resolves positions and applies severities; file returns the
// file of a name. The caller sorts.
func (d *driver) findings(diags []diagnostic, file func(name string) *rules.Loaded, ruleOf map[string]*rules.Rule, sev map[string]rules.Severity) []Finding {
	if len(diags) == 0 {
		return nil
	}
	lines := map[string][]int{}
	pos := func(p token.Pos) (string, Position, *rules.Loaded) {
		tf := d.fset.File(p)
		if tf == nil {
			return "", Position{Line: 1, Col: 1, ByteCol: 1}, nil
		}
		l := file(tf.Name())
		ls, ok := lines[tf.Name()]
		if !ok {
			ls = tf.Lines()
			lines[tf.Name()] = ls
		}
		var src string
		if l != nil {
			src = l.Src
		}
		return tf.Name(), position(src, ls, int(p)-tf.Base()), l
	}
	out := make([]Finding, 0, len(diags))
	for _, dg := range diags {
		r := ruleOf[dg.Category]
		if r == nil {
			r = rules.Lookup(dg.Category)
		}
		if r == nil {
			r = rules.Internal
		}
		f := Finding{Rule: r, Severity: r.Severity, Message: dg.Message}
		if s, ok := sev[r.ID]; ok {
			f.Severity = s
		}
		if f.Severity == rules.None {
			continue
		}
		var l *rules.Loaded
		f.Path, f.Start, l = pos(dg.Pos)
		end := dg.End
		if end < dg.Pos {
			end = dg.Pos
		}
		_, f.End, _ = pos(end)
		if l != nil {
			f.Pointer = l.PointerAt(f.Start.Offset)
			if def := l.DefinitionAt(f.Start.Offset); def != nil {
				f.Role = def.DisplayName()
			}
		}
		for _, rel := range dg.Related {
			var r Related
			r.Path, r.Start, _ = pos(rel.Pos)
			_, r.End, _ = pos(max(rel.End, rel.Pos))
			r.Message = rel.Message
			f.Related = append(f.Related, r)
		}
		for _, sf := range dg.SuggestedFixes {
			fx := Fix{Message: sf.Message}
			for _, e := range sf.TextEdits {
				_, s, _ := pos(e.Pos)
				_, en, _ := pos(e.End)
				fx.Edits = append(fx.Edits, Edit{Off: s.Offset, End: en.Offset, Text: string(e.NewText)})
			}
			f.Fixes = append(f.Fixes, fx)
		}
		out = append(out, f)
	}
	return out
}

func less(a, b *Finding) bool {
	switch {
	case a.Path != b.Path:
		return a.Path < b.Path
	case a.Start.Offset != b.Start.Offset:
		return a.Start.Offset < b.Start.Offset
	case a.Rule.ID != b.Rule.ID:
		return a.Rule.ID < b.Rule.ID
	case a.End.Offset != b.End.Offset:
		return a.End.Offset < b.End.Offset
	}
	return a.Message < b.Message
}

// maxKeptBuffer bounds the read buffer a worker keeps between files: one
// large file must not pin its size for the rest of the run.
const maxKeptBuffer = 1 << 20

// readRegular reads a regular file into buf (grown as needed). FIFOs,
// devices and directories are refused before anything is read, so nothing
// blocks or has effects: a path named on the command line is checked with
// stat before it is opened, and with fstat once open. A file found by a
// walk was a regular file a moment ago (its directory entry said so), and
// the stat calls saved count over thousands; one that became a directory
// since fails to read.
func readRegular(name string, explicit bool, buf []byte) ([]byte, error) {
	if explicit {
		if err := regular(os.Stat(name)); err != nil {
			return nil, err
		}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data := buf[:0]
	if explicit {
		fi, err := f.Stat()
		if err := regular(fi, err); err != nil {
			return nil, err
		}
		if fi.Size() > MaxFileSize {
			return nil, tooLarge(fi.Size())
		}
		// Room for what fstat promised and one byte more, to see the end
		// in one read (a file that grew is read to its end all the same).
		data = slices.Grow(data, int(fi.Size())+1)
	}
	for {
		if len(data) == cap(data) {
			data = slices.Grow(data, max(8<<10, len(data)))
		}
		n, err := f.Read(data[len(data):min(cap(data), MaxFileSize+1)])
		data = data[:len(data)+n]
		if len(data) > MaxFileSize {
			if fi, err := f.Stat(); err == nil && fi.Size() > MaxFileSize {
				return nil, tooLarge(fi.Size())
			}
			return nil, fmt.Errorf("file is larger than the %d MB limit for a role file", MaxFileSize>>20)
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			if errors.Is(err, syscall.EISDIR) {
				return nil, fmt.Errorf("is a directory")
			}
			return nil, err
		}
	}
}

// regular refuses, with its reason, what a stat says is not a regular file.
func regular(fi os.FileInfo, err error) error {
	switch {
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("is a directory")
	case !fi.Mode().IsRegular():
		return notRegular(fi.Mode())
	}
	return nil
}

func tooLarge(size int64) error {
	return fmt.Errorf("file is %d MB, larger than the %d MB limit for a role file", size>>20, MaxFileSize>>20)
}

// notRegular says what a special file is, and why it is not read.
func notRegular(m os.FileMode) error {
	kind := "a special file"
	switch t := m.Type(); {
	case t&os.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case t&os.ModeSocket != 0:
		kind = "a socket"
	case t&os.ModeDevice != 0:
		kind = "a device"
	}
	return fmt.Errorf("not a regular file: it is %s, and reading it could block", kind)
}

// MaxFileSize bounds memory on hostile input (a loaded file costs about 25
// times its size); the largest real role files, az role definition list of
// a tenant's 5,000 custom roles, are around 15 MB.
const MaxFileSize = 32 << 20
