package exporter

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkRender renders the app for a typical flow (the wire-transfer
// step-up: 8 nodes, 8 paths) without writing it.
func BenchmarkRender(b *testing.B) {
	o := Options{Flow: loadFlow(b, WireTransferStepUp), UseCase: WireTransferStepUp}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := Render(o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExport is a whole export: render, write every file into a
// temporary sibling, rename into place.
func BenchmarkExport(b *testing.B) {
	o := Options{Flow: loadFlow(b, WireTransferStepUp), UseCase: WireTransferStepUp}
	parent := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := Export(context.Background(), filepath.Join(parent, "app"+strconv.Itoa(i)), o); err != nil {
			b.Fatal(err)
		}
	}
}
