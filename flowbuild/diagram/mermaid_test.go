package diagram

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"

	"github.com/stretchr/testify/assert"
)

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
		f := fixtureFlow(t, `[{"id":"start","type":"start","outcome":"a\"]; click C:\\new"},
		 {"id":"a\"]; click C:\\new","type":"conversation","prompt":"Say: Is it [A] or {B} | (C)? <script>alert(1)</script> #1 \"quoted\" a & b;\nnew line","outcomes":[{"id":"yes|no\"","targetNodeId":"end","condition":""},{"id":"x","targetNodeId":"","condition":""}]},
		 {"id":"end","type":"end"}]`)
		checkGolden(t, filepath.Join("mermaid", "escaping.mmd"), Mermaid(f))
	})
	// Every printable ASCII character, and a few sequences with a meaning in Mermaid
	// or Markdown, in a node label, a missing target and an edge label: the golden
	// is what .ci/mermaid-check.sh renders, so each must draw as itself.
	t.Run("ascii", func(t *testing.T) {
		var all strings.Builder
		for r := rune(0x20); r < 0x7f; r++ {
			all.WriteRune(r)
		}
		all.WriteString(` C:\new \n %% --> **b** _i_ &nbsp; #35; <br/> 😀 é` + " \u2028line\u00a0sep")
		var f flow.Flow
		f = append(f, flow.Node{ID: "start", Type: flow.TypeStart, Next: "n0"})
		chunks := strings.SplitAfter(all.String(), "")
		for i := 0; i*30 < len(chunks); i++ {
			chunk := strings.Join(chunks[i*30:min(len(chunks), (i+1)*30)], "")
			next := "n" + strconv.Itoa(i+1)
			if (i+1)*30 >= len(chunks) {
				next = "end"
			}
			f = append(f, flow.Node{ID: "n" + strconv.Itoa(i), Type: flow.TypeConversation, Prompt: "Say: " + chunk,
				Outcomes: []flow.Outcome{{ID: chunk, Target: next}, {ID: "gone", Target: "to " + chunk}}})
		}
		f = append(f, flow.Node{ID: "id " + all.String()[:38], Type: flow.TypeEnd}, flow.Node{ID: "end", Type: flow.TypeEnd})
		checkGolden(t, filepath.Join("mermaid", "ascii.mmd"), Mermaid(f))
	})
	t.Run("empty", func(t *testing.T) {
		checkGolden(t, filepath.Join("mermaid", "empty.mmd"), Mermaid(flow.Flow{}))
	})
}

var mermaidEntity = regexp.MustCompile(`#(\d+|[a-z]+);`)

// mermaidDecoded reads a label the way Mermaid does: #code; and #name; entities
// become the characters they stand for.
func mermaidDecoded(s string) string {
	named := map[string]string{"quot": `"`, "amp": "&", "lt": "<", "gt": ">"}
	return mermaidEntity.ReplaceAllStringFunc(s, func(m string) string {
		code := m[1 : len(m)-1]
		if n, err := strconv.Atoi(code); err == nil {
			return string(rune(n))
		}
		if c, ok := named[code]; ok {
			return c
		}
		return m
	})
}

func TestEscapeMermaid(t *testing.T) {
	var ascii strings.Builder
	for r := rune(0x20); r < 0x7f; r++ {
		ascii.WriteRune(r)
	}
	cases := []struct {
		name, in string
	}{
		{"printable ascii", ascii.String()},
		// Mermaid 12 draws a backslash followed by n in an HTML label as a line
		// break, even when the backslash is written #92;: "C:\new" came out as
		// "C:" over "ew". Found by rendering in .ci/mermaid-check.sh.
		{"windows path", `C:\new folder`},
		{"literal escape", `line1\nline2`},
		{"double backslash", `a\\n`},
		{"trailing backslash", `ends with \`},
		{"backslash N", `\N \t`},
		{"unicode", "é 😀 \u2028"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := escapeMermaid(tc.in)
			// Outside its entities, nothing that could end the label or be read as syntax or markup.
			bare := mermaidEntity.ReplaceAllString(got, "")
			for _, c := range "\"[]{}()|<>`\\;#&" {
				assert.NotContains(t, bare, string(c), "raw %q in %q", c, got)
			}
			decoded := mermaidDecoded(got)
			assert.NotContains(t, decoded, `\n`, "Mermaid would draw a line break")
			// A word joiner is all the escaping may add: the label reads as the text.
			assert.Equal(t, tc.in, strings.ReplaceAll(decoded, "\u2060", ""))
		})
	}
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
		for _, f := range []flow.Flow{
			{{}},
			{{Type: flow.TypeStart}},
			{{ID: "a", Type: flow.TypeStart, Next: "a"}},
			{{ID: "x", Type: "weird", Outcomes: []flow.Outcome{{ID: "", Target: ""}}}},
			{{ID: "c", Type: flow.TypeConversation, Prompt: strings.Repeat("é", 500)}},
			{{ID: "c", Type: flow.TypeFaceCompare}, {ID: "c", Type: flow.TypeEnd}},
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
