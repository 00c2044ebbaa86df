package diagram

import (
	"context"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// BenchmarkSVG: laying out and drawing a 200-node flow (cold: the cache is
// emptied before each draw; the engine is already started) and serving it
// from the cache (cached).
func BenchmarkSVG(b *testing.B) {
	r := NewRenderer(0)
	b.Cleanup(func() { _ = r.Close() })
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    flow.Flow
	}{{"chain-200", Chain(200)}, {"dense-200", Dense(200)}, {"wire-transfer", nil}} {
		f := tc.f
		if f == nil {
			f = sample(b, "wire-transfer.json")
		}
		b.Run(tc.name+"/cold", func(b *testing.B) {
			for b.Loop() {
				r.mu.Lock()
				clear(r.cache)
				r.order = r.order[:0]
				r.mu.Unlock()
				if _, err := r.SVG(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.name+"/cached", func(b *testing.B) {
			for b.Loop() {
				if _, err := r.SVG(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
