package lint_test

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"github.com/rolelint/rolelint/internal/benchgen"
	"github.com/rolelint/rolelint/lint"
)

func TestZZMem(t *testing.T) {
	files, _ := benchgen.Files(5000, 1)
	var in []lint.Input
	for _, f := range files {
		in = append(in, lint.Input{Path: f.Path, Data: f.Data})
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	res, _ := lint.Run(in, lint.Options{})
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("live after run: %d MB (inputs %d MB), findings %d", (ms.HeapAlloc-base)>>20, base>>20, len(res.Findings))
	f, _ := os.Create("/tmp/heap.out")
	pprof.WriteHeapProfile(f)
	f.Close()
	runtime.KeepAlive(res)
	runtime.KeepAlive(in)
}
