package tools

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

func readSharedFlow(t *testing.T, name string) json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "flowbuild", "flow", "testdata", "flows", name))
	require.NoError(t, err)
	return b
}

// flowArg decodes a sample flow file into the shape a client sends (a JSON array).
func flowArg(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	f, err := flow.Decode(raw)
	require.NoError(t, err)
	b, err := json.Marshal(f)
	require.NoError(t, err)
	var v any
	require.NoError(t, json.Unmarshal(b, &v))
	return v
}

func TestSetAPIKey(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)

	t.Run("a sandbox key is proven and kept, never echoed", func(t *testing.T) {
		res := CallTool(t, c, "set_api_key", map[string]any{"apiKey": tkAlice})
		var out SetAPIKeyOutput
		RequireOK(t, res, &out)
		assert.Equal(t, "sandbox", string(out.Environment))
		assert.Equal(t, "sk_test_…1111", out.Key)
		assert.Equal(t, h.api.URL(), out.ServerURL)
		assert.Len(t, out.Avatars, 2)
		assert.Equal(t, "en", out.Languages[0].ID)
		assert.NotContains(t, ResultText(res), tkAlice)
		b, _ := json.Marshal(res.StructuredContent)
		assert.NotContains(t, string(b), tkAlice)
		assert.Equal(t, 1, h.api.count("GET /avatars"))
		assert.Equal(t, 1, h.api.count("GET /langs"))
	})

	tests := []struct {
		name  string
		args  map[string]any
		want  []string
		never string
	}{
		{"malformed key", map[string]any{"apiKey": "pk_live_nothing_like_a_key"}, []string{"sk_test_"}, "pk_live_nothing_like_a_key"},
		{"Bearer prefix", map[string]any{"apiKey": "Bearer sk_test_abcdefgh12345"}, []string{"Bearer"}, "abcdefgh12345"},
		{"too short", map[string]any{"apiKey": "sk_test_abc"}, []string{"too short"}, ""},
		{"bad serverUrl", map[string]any{"apiKey": tkBob, "serverUrl": "ftp://example.com"}, []string{"serverUrl"}, tkBob},
		{"loopback serverUrl, not allowed by the operator", map[string]any{"apiKey": tkBob, "serverUrl": "http://127.0.0.1:1"}, []string{"loopback", "--allow-private-api", "127.0.0.1:1"}, tkBob},
		{"unparseable serverUrl with a password", map[string]any{"apiKey": tkBob, "serverUrl": "https://user:hunter2pw@host:99x/"}, []string{"not an http(s) URL", "https://…@host:99x/"}, "hunter2pw"},
		{"serverUrl with credentials", map[string]any{"apiKey": tkBob, "serverUrl": "https://user:hunter2pw@host:99/"}, []string{"without credentials", "https://…@host:99/"}, "hunter2pw"},
		{"serverUrl with a token in the query", map[string]any{"apiKey": tkBob, "serverUrl": "https://host/?token=hunter2pw"}, []string{"without credentials, query"}, "hunter2pw"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := RequireToolError(t, CallTool(t, c, "set_api_key", tt.args))
			for _, w := range tt.want {
				assert.Contains(t, msg, w)
			}
			if tt.never != "" {
				assert.NotContains(t, msg, tt.never)
			}
		})
	}

	t.Run("a key FaceSign refuses is not kept", func(t *testing.T) {
		revoked := "sk_test_revokedRRRRRRR9999"
		h.api.revoke(revoked)
		msg := RequireToolError(t, CallTool(t, c, "set_api_key", map[string]any{"apiKey": revoked}))
		assert.Contains(t, msg, "rejected the API key sk_test_…9999")
		assert.NotContains(t, msg, revoked)
		// The earlier, working key is still the session's key.
		var out ListSessionsOutput
		RequireOK(t, CallTool(t, c, "list_sessions", map[string]any{}), &out)
	})

	t.Run("a production key with a serverUrl", func(t *testing.T) {
		c2 := h.Dial(t)
		var out SetAPIKeyOutput
		RequireOK(t, CallTool(t, c2, "set_api_key", map[string]any{"apiKey": tkProd, "serverUrl": h.api.URL() + "/"}), &out)
		assert.Equal(t, "production", string(out.Environment))
		assert.Equal(t, h.api.URL(), out.ServerURL)
	})
}

func TestNoKeySaysHowToProvideOne(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	for _, call := range []struct {
		tool string
		args map[string]any
	}{
		{"get_session", map[string]any{"sessionId": "sess_0001"}},
		{"list_sessions", map[string]any{}},
		{"simulate_session", map[string]any{"flow": flowArg(t, readSharedFlow(t, "wire-transfer.json"))}},
	} {
		msg := RequireToolError(t, CallTool(t, c, call.tool, call.args))
		assert.Contains(t, msg, "set_api_key", call.tool)
		assert.Contains(t, msg, "FACESIGN_API_KEY", call.tool)
		assert.Contains(t, msg, "Authorization: Bearer", call.tool)
	}
}

// Two clients of one server with different keys: each sees only its own
// sessions, its own key and its own current flow.
func TestKeyAndFlowIsolationPerSession(t *testing.T) {
	h := newToolHarness(t)
	alice := h.Dial(t)
	bob := h.Dial(t)
	nobody := h.Dial(t)
	setKey(t, alice, tkAlice)
	setKey(t, bob, tkBob)

	wire := flowArg(t, readSharedFlow(t, "wire-transfer.json"))
	var sim SimulateOutput
	RequireOK(t, CallTool(t, alice, "simulate_session", map[string]any{"flow": wire}), &sim)

	var aList, bList ListSessionsOutput
	RequireOK(t, CallTool(t, alice, "list_sessions", map[string]any{}), &aList)
	RequireOK(t, CallTool(t, bob, "list_sessions", map[string]any{}), &bList)
	require.Len(t, aList.Sessions, 1)
	assert.Equal(t, sim.SessionID, aList.Sessions[0].ID)
	assert.Empty(t, bList.Sessions, "bob must not see alice's session")

	msg := RequireToolError(t, CallTool(t, bob, "get_session", map[string]any{"sessionId": sim.SessionID}))
	assert.Contains(t, msg, `No session with id "`+sim.SessionID+`"`)
	assert.Contains(t, msg, "sk_test_…2222")

	// A third client never set a key and gets none of the others'.
	assert.Contains(t, RequireToolError(t, CallTool(t, nobody, "list_sessions", map[string]any{})), "no FaceSign API key")

	// Current flows are per session too.
	RequireOK(t, CallTool(t, alice, "build_flow", map[string]any{"flow": wire}), nil)
	var v ValidateFlowOutput
	RequireOK(t, CallTool(t, alice, "validate_flow", map[string]any{}), &v)
	assert.Equal(t, "current_flow", v.Source)
	assert.True(t, v.Valid)
	assert.Contains(t, RequireToolError(t, CallTool(t, bob, "validate_flow", map[string]any{})), "no flow to validate")
}

func TestValidateFlowSamples(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	dirs := []struct {
		dir       string
		valid     bool
		warnings  bool
		pathsInto bool
	}{
		{"", true, false, false},
		{"invalid", false, false, true},
		{"warn", true, true, false},
	}
	for _, d := range dirs {
		files, err := filepath.Glob(filepath.Join("..", "flowbuild", "flow", "testdata", "flows", d.dir, "*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, files)
		for _, file := range files {
			t.Run(d.dir+"/"+filepath.Base(file), func(t *testing.T) {
				raw, err := os.ReadFile(file)
				require.NoError(t, err)
				var arg any
				require.NoError(t, json.Unmarshal(raw, &arg))
				if _, isArray := arg.([]any); !isArray {
					// Not an array: the input schema refuses it, naming the field.
					assert.Contains(t, RequireToolError(t, CallTool(t, c, "validate_flow", map[string]any{"flow": arg})), "flow")
					return
				}
				var out ValidateFlowOutput
				RequireOK(t, CallTool(t, c, "validate_flow", map[string]any{"flow": arg}), &out)
				assert.Equal(t, d.valid, out.Valid, "errors: %v", out.Errors)
				assert.Equal(t, "argument", out.Source)
				if d.warnings {
					assert.NotEmpty(t, out.Warnings)
				}
				for _, p := range out.Errors {
					assert.NotEmpty(t, p.Code)
					assert.NotEmpty(t, p.Fix, "every error carries a fix")
					if p.Path != "" {
						assert.True(t, strings.HasPrefix(p.Path, "/"), "JSON pointer: %q", p.Path)
					}
				}
			})
		}
	}
}

func TestBuildFlowAdoptAndEditErrors(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	wire := flowArg(t, readSharedFlow(t, "wire-transfer.json"))

	var out BuildFlowOutput
	RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"flow": wire}), &out)
	assert.Equal(t, "adopt", out.Mode)
	assert.Contains(t, out.Mermaid, "flowchart")
	assert.NotEmpty(t, out.Summary)
	assert.Equal(t, elicitNotNeeded, out.Elicitation)

	// The adopted flow is the current flow, as a resource too.
	ctxRes := ReadResourceText(t, c, uriCurrentFlow)
	got, err := flow.Decode([]byte(ctxRes))
	require.NoError(t, err)
	assert.Len(t, got, len(out.Flow))

	invalid := flowArg(t, readSharedFlow(t, "invalid/dangling-target.json"))
	msg := RequireToolError(t, CallTool(t, c, "build_flow", map[string]any{"flow": invalid}))
	assert.Contains(t, msg, "dangling_target")
	assert.Contains(t, msg, "/")

	for _, tt := range []struct {
		args map[string]any
		want string
	}{
		{map[string]any{}, "Nothing to do"},
		{map[string]any{"description": "liveness", "change": "add sms"}, "not both"},
		{map[string]any{"description": "liveness", "flow": wire}, "pass it with change"},
		{map[string]any{"flow": []any{map[string]any{"id": 5}}}, "flow/0/id"},
	} {
		assert.Contains(t, RequireToolError(t, CallTool(t, c, "build_flow", tt.args)), tt.want)
	}

	fresh := h.Dial(t)
	assert.Contains(t, RequireToolError(t, CallTool(t, fresh, "build_flow", map[string]any{"change": "add an SMS code"})), "no current flow")
}
