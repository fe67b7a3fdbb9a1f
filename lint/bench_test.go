package lint_test

// Benchmarks behind rolelint's speed claims (DESIGN.md 8): loading, schema
// validation, each rule family and the whole run, over a tenant generated
// by internal/benchgen. Catalog lookups and wildcard expansion are
// benchmarked in catalog/bench_test.go; whole-process timings (start-up,
// catalog decoding, reading files, output) are scripts/bench's.
//
//	go test -run '^$' -bench . -benchmem ./lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rolelint/rolelint/internal/benchgen"
	"github.com/rolelint/rolelint/lint"
	"github.com/rolelint/rolelint/role"
	"github.com/rolelint/rolelint/rules"
	"github.com/rolelint/rolelint/schema"
)

// benchTenant is the in-memory tenant of the rule benchmarks.
const benchTenant = 500

var tenantFiles = sync.OnceValues(func() ([]benchgen.File, error) { return benchgen.Files(benchTenant, 1) })

func tenant(b *testing.B) []lint.Input {
	b.Helper()
	files, err := tenantFiles()
	if err != nil {
		b.Fatal(err)
	}
	in := make([]lint.Input, len(files))
	for i, f := range files {
		in[i] = lint.Input{Path: f.Path, Data: f.Data}
	}
	return in
}

func examples(b *testing.B) map[string][]byte {
	b.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "examples", "*.json"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no examples: %v", err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out[filepath.Base(p)] = raw
	}
	return out
}

// BenchmarkLoad is role.Load: decoding, the position-keeping parse, shape
// detection and normalisation.
func BenchmarkLoad(b *testing.B) {
	b.Run("examples", func(b *testing.B) {
		ex := examples(b)
		n := 0
		for _, raw := range ex {
			n += len(raw)
		}
		b.SetBytes(int64(n))
		for b.Loop() {
			for name, raw := range ex {
				if f := role.Load(name, raw); f.Err != nil {
					b.Fatal(f.Err)
				}
			}
		}
	})
	b.Run("list-1000-roles", func(b *testing.B) {
		raw, err := benchgen.List(1000, 1)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if f := role.Load("list.json", raw); f.Err != nil || len(f.Defs) != 1000 {
				b.Fatalf("err %v, %d roles", f.Err, len(f.Defs))
			}
		}
	})
	b.Run("tenant-500", func(b *testing.B) {
		in := tenant(b)
		n := 0
		for _, f := range in {
			n += len(f.Data)
		}
		b.SetBytes(int64(n))
		for b.Loop() {
			for _, f := range in {
				role.Load(f.Path, f.Data)
			}
		}
	})
}

// BenchmarkSchema validates every definition of the tenant.
func BenchmarkSchema(b *testing.B) {
	var defs []*role.Definition
	for _, f := range tenant(b) {
		defs = append(defs, role.Load(f.Path, f.Data).Defs...)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range defs {
			if _, err := schema.Validate(schema.For(d), d.Root); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(defs)), "ns/role")
}

// family returns the rules whose ID starts with prefix (RL1, RL2, ...).
func family(prefix string) []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// BenchmarkRules runs lint.Run with one rule family at a time over the
// in-memory tenant (loading included: it is the root of every family),
// then with every rule.
func BenchmarkRules(b *testing.B) {
	in := tenant(b)
	cases := []struct {
		name  string
		rules []*rules.Rule
	}{{"load-only", []*rules.Rule{}}}
	for i := 1; i <= 7; i++ {
		cases = append(cases, struct {
			name  string
			rules []*rules.Rule
		}{fmt.Sprintf("RL%dxx", i), family(fmt.Sprintf("RL%d", i))})
	}
	cases = append(cases, struct {
		name  string
		rules []*rules.Rule
	}{"all", nil})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if c.rules != nil && len(c.rules) == 0 && c.name != "load-only" {
				b.Skip("no rules in the family")
			}
			for b.Loop() {
				if _, err := lint.Run(in, lint.Options{Rules: c.rules}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(in)), "ns/file")
		})
	}
}
