package tools

import (
	"os"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	readmePath = "../README.md"
	toolsBegin = "<!-- tools:begin -->"
	toolsEnd   = "<!-- tools:end -->"
)

func allTools(t *testing.T) []mcp.Tool {
	t.Helper()
	d := &Deps{}
	d.setDefaults()
	var out []mcp.Tool
	for _, st := range Toolset(d) {
		out = append(out, st.Tool)
	}
	return out
}

// The README's tool reference is generated from the tool definitions; the test
// fails when it is stale. UPDATE_README=true rewrites only that section.
func TestREADMEToolReference(t *testing.T) {
	raw, err := os.ReadFile(readmePath)
	require.NoError(t, err)
	readme := string(raw)
	begin := strings.Index(readme, toolsBegin)
	end := strings.Index(readme, toolsEnd)
	require.True(t, begin >= 0 && end > begin, "README.md must contain %s … %s", toolsBegin, toolsEnd)

	want := "\n" + ToolReference(allTools(t))
	got := readme[begin+len(toolsBegin) : end]
	if os.Getenv("UPDATE_README") == "true" {
		updated := readme[:begin+len(toolsBegin)] + want + readme[end:]
		require.NoError(t, os.WriteFile(readmePath, []byte(updated), 0o644))
		return
	}
	assert.Equal(t, want, got, "README.md's tool reference is stale: run UPDATE_README=true go test ./tools -run TestREADMEToolReference")
}

func TestToolReferenceContent(t *testing.T) {
	ref := ToolReference(allTools(t))
	for _, tool := range allTools(t) {
		assert.Contains(t, ref, "### `"+tool.Name+"`")
		for name := range tool.InputSchema.Properties {
			assert.Contains(t, ref, "| `"+name+"` |", "%s.%s documented", tool.Name, name)
		}
	}
	assert.Contains(t, ref, "| `sessionId` | string | yes |")
	assert.Contains(t, ref, "at most 100")
	assert.Contains(t, ref, "each one of `requiresInput`")
}
