package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// Loaded is a role file and where it sits in the pass's token.FileSet.
type Loaded struct {
	*role.File
	Base int // token.File base: token.Pos(Base+offset) is a position in the file
}

// Load is the root analyzer: it reads the pass's one file through
// pass.ReadFile, normalises it and adds it to the FileSet. Every per-file rule
// requires it, so a file is parsed exactly once.
var Load = &analysis.Analyzer{
	Name:       "load",
	Doc:        "read and normalise the role file of the pass",
	Run:        runLoad,
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
	tf := pass.Fset.AddFile(name, -1, len(f.Src))
	tf.SetLinesForContent(f.Src)
	return &Loaded{File: f, Base: tf.Base()}, nil
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
