package catalog

import "testing"

// BenchmarkDecode is the cost of Default() on first use: decoding the
// embedded catalog.bin and building the indexes.
func BenchmarkDecode(b *testing.B) {
	b.SetBytes(int64(len(embedded)))
	for b.Loop() {
		if _, err := decode(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	c := Default()
	b.Run("canonical", func(b *testing.B) {
		for b.Loop() {
			if _, ok := c.Lookup("Microsoft.Compute/virtualMachines/start/action", false); !ok {
				b.Fatal("not found")
			}
		}
	})
	b.Run("miss", func(b *testing.B) {
		for b.Loop() {
			if _, ok := c.Lookup("Microsoft.Compute/virtualMachines/strat/action", false); ok {
				b.Fatal("found")
			}
		}
	})
}

func benchMatch(b *testing.B, pattern string) {
	c := Default()
	key := pattern // already folded
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			if len(c.planes[0].match(key).ops) == 0 {
				b.Fatal("no match")
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		c.Match(pattern, false)
		for b.Loop() {
			if len(c.Match(pattern, false)) == 0 {
				b.Fatal("no match")
			}
		}
	})
}

func BenchmarkMatchProvider(b *testing.B)        { benchMatch(b, "microsoft.compute/*") }
func BenchmarkMatchProviderSegment(b *testing.B) { benchMatch(b, "microsoft.network/*/read") }
func BenchmarkMatchStarRead(b *testing.B)        { benchMatch(b, "*/read") }

func BenchmarkSuggest(b *testing.B) {
	c := Default()
	for _, bc := range []struct{ name, op string }{
		{"own-provider", "Microsoft.Compute/virtualMachines/strat/action"},
		{"storage", "Microsoft.Storage/storageAcounts/listKeys/action"},
		{"other-provider", "Microsoft.Compte/virtualMachines/start/action"},
		{"nothing-close", "Microsoft.Compute/virtualMachines/frobnicate/action"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				c.Suggest(bc.op, false, 3)
			}
		})
	}
}

func BenchmarkSuggestProvider(b *testing.B) {
	c := Default()
	for b.Loop() {
		c.SuggestProvider("Microsoft.Compte", 3)
	}
}
