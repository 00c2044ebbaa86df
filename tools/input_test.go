package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every tool, sent arguments that break its input schema — missing, mistyped,
// oversized, unknown — gets an isError result naming the offending field,
// never a protocol error and never a call to FaceSign.
func TestBadArgumentsEveryTool(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	manyNodes := make([]any, maxFlowNodes+1)
	for i := range manyNodes {
		manyNodes[i] = map[string]any{"id": "n", "type": "end"}
	}
	manyEntries := map[string]any{}
	for i := 0; i <= maxMapEntries; i++ {
		manyEntries["n"+strings.Repeat("i", i%7)+string(rune('a'+i%26))+long(i/26)] = "x"
	}
	type tc struct {
		name  string
		tool  string
		args  map[string]any
		field string
	}
	cases := []tc{
		{"missing", "set_api_key", map[string]any{}, "apiKey"},
		{"mistyped", "set_api_key", map[string]any{"apiKey": 12345}, "apiKey"},
		{"oversized", "set_api_key", map[string]any{"apiKey": "sk_test_" + long(300)}, "apiKey"},
		{"oversized url", "set_api_key", map[string]any{"apiKey": tkAlice, "serverUrl": "https://x/" + long(3000)}, "serverUrl"},
		{"unknown", "set_api_key", map[string]any{"apiKey": tkAlice, "api_key": tkAlice}, "api_key"},

		{"mistyped description", "build_flow", map[string]any{"description": []any{"liveness"}}, "description"},
		{"oversized description", "build_flow", map[string]any{"description": long(maxDescriptionChars + 1)}, "description"},
		{"oversized change", "build_flow", map[string]any{"change": long(maxChangeChars + 1)}, "change"},
		{"mistyped flow", "build_flow", map[string]any{"flow": "[]"}, "flow"},
		{"oversized flow", "build_flow", map[string]any{"flow": manyNodes}, "flow"},
		{"unknown", "build_flow", map[string]any{"descripton": "liveness"}, "descripton"},

		{"mistyped flow", "validate_flow", map[string]any{"flow": map[string]any{"nodes": 1}}, "flow"},
		{"mistyped node", "validate_flow", map[string]any{"flow": []any{"start"}}, "flow"},
		{"oversized flow", "validate_flow", map[string]any{"flow": manyNodes}, "flow"},
		{"unknown", "validate_flow", map[string]any{"flows": []any{}}, "flows"},

		{"missing", "get_session", map[string]any{}, "sessionId"},
		{"mistyped", "get_session", map[string]any{"sessionId": 42}, "sessionId"},
		{"oversized", "get_session", map[string]any{"sessionId": long(maxSessionIDChars + 1)}, "sessionId"},
		{"empty", "get_session", map[string]any{"sessionId": ""}, "sessionId"},
		{"unknown", "get_session", map[string]any{"session_id": "sess_1"}, "session_id"},

		{"mistyped limit", "list_sessions", map[string]any{"limit": "ten"}, "limit"},
		{"fractional limit", "list_sessions", map[string]any{"limit": 2.5}, "limit"},
		{"limit too big", "list_sessions", map[string]any{"limit": 1000}, "limit"},
		{"limit too small", "list_sessions", map[string]any{"limit": 0}, "limit"},
		{"mistyped status", "list_sessions", map[string]any{"status": 5}, "status"},
		{"unknown single status", "list_sessions", map[string]any{"status": "done"}, "status"},
		{"unknown status", "list_sessions", map[string]any{"status": []any{"done"}}, "status"},
		{"oversized search", "list_sessions", map[string]any{"search": long(maxSearchChars + 1)}, "search"},
		{"oversized cursor", "list_sessions", map[string]any{"cursor": long(maxCursorChars + 1)}, "cursor"},
		{"bad sortBy", "list_sessions", map[string]any{"sortBy": "name"}, "sortBy"},
		{"bad sortOrder", "list_sessions", map[string]any{"sortOrder": "up"}, "sortOrder"},
		{"mistyped includeTotal", "list_sessions", map[string]any{"includeTotal": "yes"}, "includeTotal"},
		{"mistyped fromDate", "list_sessions", map[string]any{"fromDate": 1700000000}, "fromDate"},
		{"bad toDate", "list_sessions", map[string]any{"toDate": "last tuesday"}, "toDate"},
		{"unknown", "list_sessions", map[string]any{"page": 2}, "page"},

		{"mistyped outcomes", "simulate_session", map[string]any{"outcomes": []any{"liveness"}}, "outcomes"},
		{"mistyped outcome value", "simulate_session", map[string]any{"outcomes": map[string]any{"liveness": true}}, "outcomes"},
		{"oversized outcomes", "simulate_session", map[string]any{"outcomes": manyEntries}, "outcomes"},
		{"oversized reply", "simulate_session", map[string]any{"replies": map[string]any{"ask": long(maxMapValueChars + 1)}}, "replies"},
		{"mistyped sessionId", "simulate_session", map[string]any{"sessionId": 7}, "sessionId"},
		{"mistyped inputs", "simulate_session", map[string]any{"inputs": "deepfake"}, "inputs"},
		{"unknown", "simulate_session", map[string]any{"outcome": map[string]any{}}, "outcome"},

		{"mistyped flow", "launch_session_ui", map[string]any{"flow": "[]"}, "flow"},
		{"oversized flow", "launch_session_ui", map[string]any{"flow": manyNodes}, "flow"},
		{"mistyped langs", "launch_session_ui", map[string]any{"langs": 5}, "langs"},
		{"oversized metadata", "launch_session_ui", map[string]any{"metadata": manyEntries}, "metadata"},
		{"mistyped openBrowser", "launch_session_ui", map[string]any{"openBrowser": "no"}, "openBrowser"},
		{"unknown branding field", "launch_session_ui", map[string]any{"customization": map[string]any{"branding": map[string]any{"font": "x"}}}, "font"},
		{"unknown", "launch_session_ui", map[string]any{"avatar": "x"}, "avatar"},
		{"missing outputDir", "export_app", map[string]any{"useCase": "login-2fa"}, "outputDir"},
		{"mistyped outputDir", "export_app", map[string]any{"outputDir": 3}, "outputDir"},
		{"oversized outputDir", "export_app", map[string]any{"outputDir": "/tmp/" + long(maxOutputDirChars)}, "outputDir"},
		{"unknown useCase", "export_app", map[string]any{"outputDir": "/tmp/x", "useCase": "payroll"}, "useCase"},
		{"unknown database", "export_app", map[string]any{"outputDir": "/tmp/x", "database": "mysql"}, "database"},
		{"bad appName", "export_app", map[string]any{"outputDir": "/tmp/x", "appName": "../Evil"}, "appName"},
		{"mistyped metadata", "export_app", map[string]any{"outputDir": "/tmp/x", "metadata": map[string]any{"a": 1}}, "metadata"},
		{"unknown", "export_app", map[string]any{"output_dir": "/tmp/x"}, "output_dir"},
	}
	h := newToolHarness(t)
	c := h.Dial(t)
	setKey(t, c, tkAlice)
	before := h.api.count("POST /sessions") + h.api.count("GET /sessions") + h.api.count("GET /sessions/{id}")

	covered := map[string]bool{}
	for _, tt := range cases {
		covered[tt.tool] = true
		t.Run(tt.tool+"/"+tt.name, func(t *testing.T) {
			msg := RequireToolError(t, CallTool(t, c, tt.tool, tt.args))
			assert.Contains(t, msg, tt.field, "the message names the field")
			assert.NotContains(t, msg, tkAlice, "never echoes a key")
		})
	}
	for _, st := range Toolset(h.Deps) {
		assert.True(t, covered[st.Tool.Name], "no bad-argument cases for %s", st.Tool.Name)
	}
	after := h.api.count("POST /sessions") + h.api.count("GET /sessions") + h.api.count("GET /sessions/{id}")
	assert.Equal(t, before, after, "bad arguments never reach FaceSign")
}

// The handlers check arguments themselves too, so a server built without
// mcp-go's input validation refuses the same input with the same clarity.
func TestBindArgumentsMessages(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	tool, _ := ListSessions(d)
	tests := []struct {
		raw  string
		want string
	}{
		{`{"limit": "ten"}`, "invalid argument limit: must be an integer, got a string"},
		{`{"limit": 500}`, "invalid argument limit: is 500, at most 100 allowed"},
		{`{"status": ["complete", "nope"]}`, `invalid argument status[1]: "nope" is not one of requiresInput, processing, complete, canceled`},
		{`{"search": 1}`, "invalid argument search: must be a string, got a number (1)"},
		{`{"pgae": 1}`, "invalid argument pgae: is not a known argument (known: clientReferenceId, cursor, flowId, fromDate, includeTotal, limit, search, sortBy, sortOrder, status, toDate)"},
		{`[1]`, "invalid arguments: arguments must be a JSON object, got an array"},
		{`{"limit": 5}`, ""},
		{`{}`, ""},
		{`null`, ""}, // no arguments, as {}: limit stays 0
	}
	// Both ways arguments reach a handler give the same answers: raw JSON
	// only (decoded here, numbers as json.Number), and a wire request, which
	// mcp-go has already decoded (numbers as float64) and which is not
	// decoded again.
	for _, build := range []struct {
		name string
		req  func(string) mcp.CallToolRequest
	}{{"raw", mcpRequest}, {"wire", wireRequest}} {
		for _, tt := range tests {
			t.Run(build.name+"/"+tt.raw, func(t *testing.T) {
				req := build.req(tt.raw)
				var dst struct {
					Limit int `json:"limit"`
				}
				err := bindArguments(req, tool, &dst)
				if tt.want == "" {
					require.NoError(t, err)
					var want struct {
						Limit int `json:"limit"`
					}
					require.NoError(t, json.Unmarshal([]byte(tt.raw), &want))
					assert.Equal(t, want.Limit, dst.Limit)
					return
				}
				require.Error(t, err)
				assert.Equal(t, tt.want, err.Error())
			})
		}
	}
	getTool, _ := GetSession(d)
	err := bindArguments(mcpRequest(`{}`), getTool, &struct{}{})
	require.Error(t, err)
	assert.Equal(t, "invalid argument sessionId: is required but missing", err.Error())
}

// wireRequest is a tools/call request as mcp-go's transport hands it to a
// handler: RawArguments and Arguments both set from the same JSON.
func wireRequest(raw string) mcp.CallToolRequest {
	var req mcp.CallToolRequest
	if err := json.Unmarshal([]byte(`{"name":"t","arguments":`+raw+`}`), &req.Params); err != nil {
		panic(err)
	}
	return req
}

func mcpRequest(raw string) mcp.CallToolRequest {
	var req mcp.CallToolRequest
	req.Params.RawArguments = json.RawMessage(raw)
	return req
}

// A misspelt argument is named before the required one it stands for, and
// the validation is the server's own (mcp-go's, with its different wording,
// is off).
func TestUnknownArgumentIsNamedBeforeMissingOne(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	tool, _ := GetSession(d)
	for _, req := range []mcp.CallToolRequest{mcpRequest(`{"session_id": "s"}`), wireRequest(`{"session_id": "s"}`)} {
		err := bindArguments(req, tool, &struct{}{})
		require.Error(t, err)
		assert.Equal(t, "invalid argument session_id: is not a known argument (known: sessionId)", err.Error())
	}
}

func TestNumbersOverTheWire(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	tool, _ := ListSessions(d)
	for raw, want := range map[string]string{
		`{"limit": 2.5}`:   "invalid argument limit: must be an integer, got a number",
		`{"limit": 1e3}`:   "invalid argument limit: is 1000, at most 100 allowed",
		`{"limit": -0}`:    "invalid argument limit: is -0, at least 1 allowed",
		`{"limit": 1e400}`: "",
	} {
		t.Run(raw, func(t *testing.T) {
			var dst struct {
				Limit int `json:"limit"`
			}
			if want == "" {
				// 1e400 does not fit a float64: mcp-go refuses the message
				// before any handler runs.
				var p mcp.CallToolParams
				require.Error(t, json.Unmarshal([]byte(`{"name":"t","arguments":`+raw+`}`), &p))
				return
			}
			err := bindArguments(wireRequest(raw), tool, &dst)
			require.Error(t, err)
			assert.Equal(t, want, err.Error())
		})
	}
}

// Tools added to the server after NewServer get the same single validation
// pass as the FaceSign tools, from the schema they are registered with now:
// replacing a tool replaces the compiled schema, and raw JSON schemas count.
func TestOtherToolsAreValidatedAgainstTheirCurrentSchema(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{})
	c := srv.Dial(t)
	ok := func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultText("ran"), nil
	}

	srv.Server.AddTool(mcp.NewTool("other", mcp.WithString("name", mcp.Required(), mcp.MaxLength(3))), ok)
	res := CallTool(t, c, "other", map[string]any{"name": "toolong"})
	require.True(t, res.IsError)
	assert.Equal(t, "invalid argument name: is too long: 7 characters, at most 3 allowed", ResultText(res))
	assert.Equal(t, "ran", ResultText(CallTool(t, c, "other", map[string]any{"name": "abc"})))

	srv.Server.AddTool(mcp.NewTool("other", mcp.WithNumber("count", mcp.Required(), mcp.Max(2))), ok)
	res = CallTool(t, c, "other", map[string]any{"name": "abc"})
	require.True(t, res.IsError, "the replaced schema applies")
	assert.Contains(t, ResultText(res), "count")
	assert.Equal(t, "ran", ResultText(CallTool(t, c, "other", map[string]any{"count": 2})))

	srv.Server.AddTool(mcp.NewToolWithRawSchema("raw", "raw schema",
		json.RawMessage(`{"type":"object","properties":{"ids":{"type":"array","items":{"type":"string"}}},"required":["ids"]}`)), ok)
	res = CallTool(t, c, "raw", map[string]any{"ids": []any{"a", 1}})
	require.True(t, res.IsError)
	assert.Equal(t, "invalid argument ids[1]: must be a string, got a number (1)", ResultText(res))
	assert.Equal(t, "ran", ResultText(CallTool(t, c, "raw", map[string]any{"ids": []any{"a"}})))
}

// "arguments": null (what a Go client sends for a nil map) means no
// arguments, for the FaceSign tools and for tools added later alike: a tool
// with a required argument names it, one without runs.
func TestNullArgumentsAreNoArguments(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{})
	c := srv.Dial(t)
	srv.Server.AddTool(mcp.NewTool("needs", mcp.WithString("name", mcp.Required())), func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultText("ran"), nil
	})
	srv.Server.AddTool(mcp.NewTool("optional", mcp.WithString("name")), func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultText("ran"), nil
	})
	var none map[string]any // marshals as null
	tests := []struct {
		tool, wantErr string
	}{
		{"needs", "invalid argument name: is required"},
		{"optional", ""},
		{"get_session", "invalid argument sessionId: is required"},
		{"validate_flow", "There is no flow to validate"},
	}
	for _, tc := range tests {
		t.Run(tc.tool, func(t *testing.T) {
			res := CallTool(t, c, tc.tool, none)
			if tc.wantErr == "" {
				assert.Equal(t, "ran", ResultText(res))
				return
			}
			require.True(t, res.IsError, ResultText(res))
			assert.Contains(t, ResultText(res), tc.wantErr)
		})
	}
}

// bindArguments validates and binds req's arguments against tool's published schema.
func bindArguments(req mcp.CallToolRequest, tool mcp.Tool, dst any) error {
	s, err := toolInputSchema(tool)
	if err != nil {
		return err
	}
	return s.bind(req, dst)
}
