package tools

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/sandbox"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// The published inputs schema names exactly the keys the sandbox's runner
// takes: none missing (the assistant would not know it), none extra (it
// would be refused).
func TestSimulateInputsSchemaCoversTheRunner(t *testing.T) {
	var runnerKeys []string
	rt := reflect.TypeFor[runner.Inputs]()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		runnerKeys = append(runnerKeys, name)
	}
	slices.Sort(runnerKeys)
	published := reflectSchema(&simulateSessionInput{}, true)["properties"].(map[string]any)["inputs"].(map[string]any)
	props := published["properties"].(map[string]any)
	assert.Equal(t, runnerKeys, sortedKeys(props))
	for k, v := range props {
		assert.NotEmpty(t, v.(map[string]any)["description"], k)
	}
	assert.Equal(t, false, published["additionalProperties"], "an unknown key is refused")
}

// A simulate_session whose inputs are refused creates no session: the check
// runs before anything is sent to the sandbox.
func TestRefusedSimulateCreatesNoSession(t *testing.T) {
	st := NewMCPStack(t, StackOptions{Sandbox: &sandbox.Config{}})
	c := st.Dial(t)
	setKey(t, c, tkAlice)
	_, fl := wireFlow(t)
	for _, tc := range []struct {
		name   string
		inputs map[string]any
		want   string
	}{
		{"unknown key", map[string]any{"livness": "noFace"}, "livness"},
		{"bad choice", map[string]any{"liveness": "maybe"}, "inputs.liveness"},
		{"out of range", map[string]any{"faceSimilarity": 1.5}, "inputs.faceSimilarity"},
		{"wrong type", map[string]any{"otpDelaySeconds": "soon"}, "inputs.otpDelaySeconds"},
		{"document field not text", map[string]any{"document": map[string]any{"age": 5}}, "inputs.document.age"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := RequireToolError(t, CallTool(t, c, "simulate_session", map[string]any{"flow": fl, "inputs": tc.inputs}))
			assert.Contains(t, msg, tc.want)
		})
	}
	var page ListSessionsOutput
	RequireOK(t, CallTool(t, c, "list_sessions", map[string]any{}), &page)
	assert.Empty(t, page.Sessions, "no session was created by a refused simulate")

	var out SimulateOutput
	RequireOK(t, CallTool(t, c, "simulate_session", map[string]any{"flow": fl, "inputs": map[string]any{"liveness": "deepfakeDetected", "otpCodes": []any{"000000"}}}), &out)
	require.Equal(t, "complete", out.Status)
}
