package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/catalog"
	"github.com/rolelint/rolelint/role"
)

// Loaded is a role file and where it sits in the pass's token.FileSet.
type Loaded struct {
	*role.File
	Base int // token.File base: token.Pos(Base+offset) is a position in the file

	// memo holds what several rules derive from the file, computed once.
	memo *memo
	// tenant holds the custom definitions with what the tenant rules
	// compare, computed by Release while the file is at hand (a tenant
	// rule that reads 5,000 files' names and ids one by one waits on
	// memory for most of its time).
	tenant     []tenantRole
	tenantDone bool
}

// Release drops what only the per-file rules read: what they derived for one
// another, and the file's tree (role.File.Released). The driver calls it
// once they are done and their findings are resolved: a tenant-wide run
// keeps every file for the tenant rules, which need only the definitions'
// names, ids, ranges and copy counts.
func (l *Loaded) Release() {
	copies := l.copyCounts()
	l.memo = nil
	l.File = l.File.Released()
	l.tenant, l.tenantDone = l.customRoles(copies), true
}

// copyCounts is copyCount of each definition.
func (l *Loaded) copyCounts() []int {
	out := make([]int, len(l.Defs))
	for i, d := range l.Defs {
		out[i] = copyCount(l, d)
	}
	return out
}

type memo struct {
	sync.Mutex
	scopes map[*role.Definition][]scopeEntry
	dups   map[*role.Definition][][2]scopeEntry
}

// Load is the root analyzer: it reads the pass's one file through
// pass.ReadFile, normalises it and adds it to the FileSet. Every per-file rule
// requires it, so a file is parsed exactly once.
var Load = &analysis.Analyzer{
	Name:       "load",
	Doc:        "read and normalise the role file of the pass",
	Run:        runLoad,
	Requires:   []*analysis.Analyzer{Catalog},
	ResultType: reflect.TypeOf((*Loaded)(nil)),
}

func runLoad(pass *analysis.Pass) (any, error) {
	if len(pass.OtherFiles) != 1 {
		return nil, fmt.Errorf("load: a per-file pass needs exactly one file, got %d", len(pass.OtherFiles))
	}
	name := pass.OtherFiles[0]
	raw, err := pass.ReadFile(name)
	var f *role.File
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is already in the finding
		}
		f = &role.File{Path: name, ReadErr: err.Error()}
	} else {
		f = role.Load(name, raw)
	}
	if n := len(f.Defs); n > 0 {
		if f.Defs = withoutBuiltins(f.Defs, CatalogOf(pass)); len(f.Defs) == 0 {
			f.NotRole = fmt.Sprintf("only built-in roles (%d), as az role definition list prints them; rolelint checks custom roles", n)
		}
	}
	tf := pass.Fset.AddFile(name, -1, len(f.Src))
	if !tf.SetLines(lineStarts(f.Src)) {
		tf.SetLinesForContent([]byte(f.Src))
	}
	return &Loaded{File: f, Base: tf.Base(), memo: &memo{}}, nil
}

// withoutBuiltins drops the built-in roles of `az role definition list`
// output (REST shape, roleType BuiltInRole, the name or id of a real built-in
// role): a dump of the tenant's roles is not something the user deploys, and
// Owner's "*" is not a finding. An edited copy of a built-in is kept, and
// RL112 tells that it is still marked as built in.
func withoutBuiltins(defs []*role.Definition, cat *catalog.Catalog) []*role.Definition {
	out := defs[:0:0]
	for _, d := range defs {
		if d.Shape == role.ShapeREST && !d.Custom {
			if b, ok := cat.Builtin(d.Name.Value); ok && (d.ID.Value == "" || strings.EqualFold(b.ID, d.ID.Value)) {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// Set is the root of tenant rules: every file linted together. The driver
// provides its result from the per-file Load results, so nothing is parsed
// twice; its Run exists only to satisfy the framework.
var Set = &analysis.Analyzer{
	Name:       "set",
	Doc:        "every role file linted together (provided by the driver)",
	Run:        func(*analysis.Pass) (any, error) { return nil, fmt.Errorf("set: provided by the driver") },
	ResultType: reflect.TypeOf([]*Loaded(nil)),
}

// lineStarts is the line table token.File.SetLinesForContent computes (the
// offset of every line that has content: 0, and each offset after a '\n'
// but the end), found with strings.IndexByte rather than byte by byte and
// allocated once: over a tenant of files it was a tenth of loading.
func lineStarts(src string) []int {
	if len(src) == 0 {
		return nil
	}
	lines := make([]int, 1, strings.Count(src, "\n")+1)
	for off := 0; ; {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		if off >= len(src) {
			break
		}
		lines = append(lines, off)
	}
	return lines
}
