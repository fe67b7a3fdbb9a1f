// Package testfiles reads the repository's sample files for tests.
package testfiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// File is one file read.
type File struct {
	Path string
	Data []byte
}

// JSON returns every .json file below dir ("../testdata" from a package
// one level below the repository root), in lexical order, failing the test
// when there is none.
func JSON(tb testing.TB, dir string) []File {
	tb.Helper()
	var out []File
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		raw, err := os.ReadFile(path)
		out = append(out, File{path, raw})
		return err
	})
	if err != nil || len(out) == 0 {
		tb.Fatalf("no JSON files below %s: %v", dir, err)
	}
	return out
}
