package flowbuild

import (
	"path/filepath"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/intentcheck"
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

// BenchmarkBuildCorpus builds every description of the project's own corpus
// (226 descriptions written as developers type them); one op is one description.
func BenchmarkBuildCorpus(b *testing.B) {
	c, err := intentcheck.Load(filepath.Join("testdata", "intents", "corpus.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := Build(c.Build[i%len(c.Build)].Description, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEditCorpus applies the project corpus's changes to their built bases.
func BenchmarkEditCorpus(b *testing.B) {
	c, err := intentcheck.Load(filepath.Join("testdata", "intents", "corpus.json"))
	if err != nil {
		b.Fatal(err)
	}
	bases := make([]flow.Flow, len(c.Edit))
	for i, e := range c.Edit {
		r, err := Build(e.Base, Options{})
		if err != nil {
			b.Fatal(err)
		}
		bases[i] = r.Flow
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := i % len(c.Edit)
		if _, err := Edit(bases[k], c.Edit[k].Change, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
