package flowbuild

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkGolden compares got with testdata/<name>, rewriting it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./flowbuild -run %s -update to create it", t.Name())
	assert.Equal(t, string(want), got, "%s drifted; if the change is intended run go test ./flowbuild -run %s -update", path, t.Name())
}

func TestMermaidGolden(t *testing.T) {
	cases := map[string]string{
		"wire-transfer":    "wire-transfer.json",
		"account-recovery": "account-recovery.json",
		"onboarding":       "onboarding.json",
		"dangling-target":  "invalid/dangling-target.json",
		"unknown-type":     "invalid/unknown-type.json",
		"no-end":           "invalid/no-end.json",
	}
	for name, file := range cases {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, filepath.Join("mermaid", name+".mmd"), Mermaid(fixtureSample(t, file)))
		})
	}
	t.Run("escaping", func(t *testing.T) {
		f := fixtureFlow(t, `[{"id":"start","type":"start","outcome":"a\"]; click"},
		 {"id":"a\"]; click","type":"conversation","prompt":"Say: Is it [A] or {B} | (C)? <script>alert(1)</script> #1 \"quoted\" a & b;\nnew line","outcomes":[{"id":"yes|no\"","targetNodeId":"end","condition":""},{"id":"x","targetNodeId":"","condition":""}]},
		 {"id":"end","type":"end"}]`)
		checkGolden(t, filepath.Join("mermaid", "escaping.mmd"), Mermaid(f))
	})
}

func TestMermaidStructure(t *testing.T) {
	t.Run("empty", func(t *testing.T) {
		assert.Equal(t, "flowchart TD\n    empty[\"(empty flow)\"]\n", Mermaid(nil))
	})
	t.Run("success path and dangling targets", func(t *testing.T) {
		f := fixtureFlow(t, fxChain("l", fxLiveness("l", "bye", "gone")))
		out := Mermaid(f)
		assert.True(t, strings.HasPrefix(out, "flowchart TD\n"))
		// start→hi, hi→l, l→bye (livenessDetected) and bye→end are the success path:
		// edges 0, 1, 2 and 5 in emission order (l's two other outcomes are 3 and 4).
		assert.Contains(t, out, "linkStyle 0,1,2,5 stroke:#16a34a")
		assert.Contains(t, out, "class n0,n1,n2,n3,n4 success")
		assert.Equal(t, 1, strings.Count(out, "m0["), "one node per missing id")
		assert.Contains(t, out, `n2 -->|"deepfakeDetected"| m0`)
		assert.Contains(t, out, `n2 -->|"noFace"| m0`)
		assert.Contains(t, out, "missing node “gone”")
	})
	t.Run("never panics on odd flows", func(t *testing.T) {
		for _, f := range []Flow{
			{{}},
			{{Type: TypeStart}},
			{{ID: "a", Type: TypeStart, Next: "a"}},
			{{ID: "x", Type: "weird", Outcomes: []Outcome{{ID: "", Target: ""}}}},
			{{ID: "c", Type: TypeConversation, Prompt: strings.Repeat("é", 500)}},
			{{ID: "c", Type: TypeFaceCompare}, {ID: "c", Type: TypeEnd}},
		} {
			assert.NotPanics(t, func() { _ = Mermaid(f) })
		}
	})
}

func TestLabelExcerpt(t *testing.T) {
	assert.Equal(t, "short", labelExcerpt("short", 10))
	assert.Equal(t, "one two", labelExcerpt("one\n two", 10))
	assert.Equal(t, "Hello there…", labelExcerpt("Hello there, general Kenobi", 16))
	assert.Equal(t, "ééééé…", labelExcerpt(strings.Repeat("é", 20), 5))
}
