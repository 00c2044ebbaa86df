package flowbuild

import (
	"errors"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/intentcheck"
)

func buildSeeds(f *testing.F) {
	build, edits := loadIntents(f)
	for _, c := range build {
		f.Add(c.Description)
	}
	for _, c := range edits {
		f.Add(c.Change)
	}
	for _, p := range paraphrases {
		f.Add(p.desc)
	}
	if c, err := intentcheck.Load(filepath.Join("testdata", "intents", "corpus.json")); err == nil {
		for _, x := range c.Build {
			f.Add(x.Description)
		}
		for _, x := range c.Edit {
			f.Add(x.Change)
		}
	}
	for _, s := range []string{"", " ", "no", "not not liveness", "liveness liveness liveness", "after after before",
		"$", "over 999999999999999999999 years", "21+", "first last first", "“quoted”", "scan\x00id", "ÄÖÜ pasport ß", "camera access, liveness. if they refuse"} {
		f.Add(s)
	}
}

// FuzzBuild: any text yields a flow Validate accepts, or an error; never a panic.
func FuzzBuild(f *testing.F) {
	buildSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		res, err := Build(text, Options{})
		if errors.Is(err, errBuiltInvalid) {
			t.Fatalf("Build(%q): %v", text, err)
		}
		if err != nil {
			if res.Flow != nil {
				t.Fatalf("an error with a flow: %v", err)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("built a flow from invalid UTF-8")
		}
		if probs := flow.Validate(res.Flow); flow.HasErrors(probs) {
			t.Fatalf("Build(%q) returned an invalid flow: %v", text, flow.Errors(probs))
		}
		if _, err := flow.SuccessPath(res.Flow); err != nil {
			t.Fatalf("Build(%q): no success path: %v", text, err)
		}
	})
}

// FuzzEdit: any change applied to a built flow yields a valid flow or an error.
func FuzzEdit(f *testing.F) {
	buildSeeds(f)
	base, err := Build("Greet them, recognize the user, check liveness, scan their passport, compare it with their face, then an SMS code and a question about the transfer.", Options{OnFailure: "offer retry"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, change string) {
		res, err := Edit(base.Flow.Clone(), change, Options{})
		if errors.Is(err, errBuiltInvalid) {
			t.Fatalf("Edit(%q): %v", change, err)
		}
		if err != nil {
			if errors.Is(err, ErrNoSteps) || res.Flow == nil {
				return
			}
			t.Fatalf("an error with a flow: %v", err)
		}
		if probs := flow.Validate(res.Flow); flow.HasErrors(probs) {
			t.Fatalf("Edit(%q) returned an invalid flow: %v", change, flow.Errors(probs))
		}
	})
}
