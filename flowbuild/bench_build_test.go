package flowbuild

import (
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// BenchmarkBuild builds every description of the intents corpus; one op is one
// description (target: under 100 µs/op on the 2-core CI machine).
func BenchmarkBuild(b *testing.B) {
	build, _ := loadIntents(b)
	descs := make([]string, len(build))
	for i, c := range build {
		descs[i] = c.Description
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := Build(descs[i%len(descs)], Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEdit applies the corpus's changes to their built bases.
func BenchmarkEdit(b *testing.B) {
	_, edits := loadIntents(b)
	bases := make([]flow.Flow, len(edits))
	for i, c := range edits {
		r, err := Build(c.Base, Options{})
		if err != nil {
			b.Fatal(err)
		}
		bases[i] = r.Flow
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := i % len(edits)
		if _, err := Edit(bases[k], edits[k].Change, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
