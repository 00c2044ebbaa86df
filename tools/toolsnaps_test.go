package tools

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every tool's published definition (name, title, description, input and
// output schemas, annotations) is snapshotted in __toolsnaps__/<tool>.snap. A
// schema change that nobody meant fails here; an intended one is recorded with
// UPDATE_TOOLSNAPS=true go test ./tools -run TestToolSnapshots.
func TestToolSnapshots(t *testing.T) {
	tools := allTools(t)
	names := map[string]bool{}
	for _, tool := range tools {
		names[tool.Name+".snap"] = true
		t.Run(tool.Name, func(t *testing.T) {
			got := snapJSON(t, tool)
			path := filepath.Join("__toolsnaps__", tool.Name+".snap")
			if os.Getenv("UPDATE_TOOLSNAPS") == "true" {
				require.NoError(t, os.MkdirAll("__toolsnaps__", 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "no snapshot for %s: run UPDATE_TOOLSNAPS=true go test ./tools -run TestToolSnapshots and commit it", tool.Name)
			assert.JSONEq(t, string(want), string(got),
				"tool %s changed: if intended, run UPDATE_TOOLSNAPS=true go test ./tools -run TestToolSnapshots and commit the snapshot", tool.Name)
		})
	}
	// A snapshot without a tool is a tool removed unnoticed.
	entries, err := os.ReadDir("__toolsnaps__")
	require.NoError(t, err)
	for _, e := range entries {
		assert.True(t, names[e.Name()], "%s has no tool any more; delete it if the tool was removed on purpose", e.Name())
	}
}

// snapJSON is the tool as tools/list sends it, with keys sorted at every level
// so that the file diffs cleanly.
func snapJSON(t *testing.T, tool mcp.Tool) []byte {
	t.Helper()
	raw, err := json.Marshal(tool)
	require.NoError(t, err)
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(v))
	return buf.Bytes()
}

// Every tool is published with a title, a description, described inputs with
// limits on strings, an output schema and all four annotations.
func TestToolDefinitionsComplete(t *testing.T) {
	for _, tool := range allTools(t) {
		t.Run(tool.Name, func(t *testing.T) {
			assert.NotEmpty(t, tool.Title)
			assert.Equal(t, tool.Title, tool.Annotations.Title)
			assert.Greater(t, len(tool.Description), 200, "a description written for the model")
			a := tool.Annotations
			for name, hint := range map[string]*bool{"readOnly": a.ReadOnlyHint, "destructive": a.DestructiveHint, "idempotent": a.IdempotentHint, "openWorld": a.OpenWorldHint} {
				assert.NotNil(t, hint, "%s hint", name)
			}
			var in struct {
				AdditionalProperties any            `json:"additionalProperties"`
				Properties           map[string]any `json:"properties"`
			}
			raw, err := json.Marshal(tool)
			require.NoError(t, err)
			var published struct {
				InputSchema  json.RawMessage `json:"inputSchema"`
				OutputSchema struct {
					Type       string         `json:"type"`
					Properties map[string]any `json:"properties"`
					Required   []string       `json:"required"`
				} `json:"outputSchema"`
			}
			require.NoError(t, json.Unmarshal(raw, &published))
			require.NoError(t, json.Unmarshal(published.InputSchema, &in))
			assert.Equal(t, false, in.AdditionalProperties, "misspelt arguments are refused")
			for name, p := range in.Properties {
				ps := p.(map[string]any)
				assert.NotEmpty(t, ps["description"], "%s.%s described", tool.Name, name)
				switch ps["type"] {
				case "string":
					if _, isEnum := ps["enum"]; !isEnum {
						assert.Contains(t, ps, "maxLength", "%s.%s bounded", tool.Name, name)
					}
				case "array":
					assert.Contains(t, ps, "maxItems", "%s.%s bounded", tool.Name, name)
				case "object":
					assert.Contains(t, ps, "maxProperties", "%s.%s bounded", tool.Name, name)
				}
			}
			assert.Equal(t, "object", published.OutputSchema.Type)
			assert.NotEmpty(t, published.OutputSchema.Properties)
			assert.NotEmpty(t, published.OutputSchema.Required)
		})
	}
}

// Enums written in struct tags name exactly the values the code produces.
func TestSchemaEnumsMatchTheCode(t *testing.T) {
	enumAt := func(doc map[string]any, path ...string) []string {
		var v any = doc
		for _, p := range path {
			v = v.(map[string]any)[p]
		}
		return toStrings(v.(map[string]any)["enum"])
	}
	var statuses []string
	for _, s := range facesign.Statuses() {
		statuses = append(statuses, string(s))
	}
	verdicts := facesign.Verdicts()
	summary := reflectSchema(&facesign.SessionSummary{}, false)
	assert.Equal(t, verdicts, enumAt(summary, "properties", "verdict"))
	assert.Equal(t, statuses, enumAt(summary, "properties", "status"))
	assert.Equal(t, verdicts, enumAt(reflectSchema(&SessionRow{}, false), "properties", "verdict"))
	assert.Equal(t, verdicts, enumAt(reflectSchema(&SimulateOutput{}, false), "properties", "verdict"))
	status := reflectSchema(&listSessionsInput{}, true)["properties"].(map[string]any)["status"].(map[string]any)["anyOf"].([]any)
	assert.Equal(t, statuses, toStrings(status[0].(map[string]any)["items"].(map[string]any)["enum"]), "a list of statuses")
	assert.Equal(t, statuses, toStrings(status[1].(map[string]any)["enum"]), "or one")
	assert.Equal(t, []string{string(flow.SeverityError), string(flow.SeverityWarning)}, enumAt(reflectSchema(&flow.Problem{}, false), "properties", "severity"))
	assert.ElementsMatch(t, []string{elicitNotNeeded, elicitUnsupported, elicitAccepted, elicitDeclined, elicitCancelled, elicitFailed},
		enumAt(reflectSchema(&BuildFlowOutput{}, false), "properties", "elicitation"))
}
