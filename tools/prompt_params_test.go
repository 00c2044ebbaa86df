package tools

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A bad prompt argument is the caller's mistake: JSON-RPC -32602 (invalid
// params) with the argument named, over the wire, not -32603.
func TestBadPromptArgumentIsInvalidParams(t *testing.T) {
	h := newToolHarness(t)
	sid := rawSession(t, h.URL, nil)
	headers := map[string]string{"Mcp-Session-Id": sid, "Mcp-Protocol-Version": "2025-06-18"}
	get := func(name string, args map[string]any) map[string]any {
		code, _, body := raw(t, http.MethodPost, h.URL, map[string]any{"jsonrpc": "2.0", "id": 7, "method": "prompts/get",
			"params": map[string]any{"name": name, "arguments": args}}, headers)
		require.Equal(t, http.StatusOK, code, body)
		if i := strings.Index(body, "data: "); i >= 0 { // an SSE answer
			body = strings.TrimSpace(body[i+len("data: "):])
		}
		var msg map[string]any
		require.NoError(t, json.Unmarshal([]byte(body), &msg), body)
		return msg
	}
	for _, tc := range []struct {
		prompt string
		args   map[string]any
		arg    string
	}{
		{"login_2fa", map[string]any{"channel": "pigeon"}, "channel"},
		{"wire_transfer_step_up", map[string]any{"amountThreshold": "lots"}, "amountThreshold"},
		{"kyc_onboarding", map[string]any{"documentTypes": "passport, library-card"}, "documentTypes"},
		{"face_enrollment", map[string]any{"colour": "blue"}, "colour"},
	} {
		msg := get(tc.prompt, tc.args)
		e, ok := msg["error"].(map[string]any)
		require.True(t, ok, "%s: %v", tc.prompt, msg)
		assert.EqualValues(t, -32602, e["code"], tc.prompt)
		assert.Contains(t, e["message"], tc.arg)
		assert.Equal(t, map[string]any{"argument": tc.arg}, e["data"])
		assert.EqualValues(t, 7, msg["id"])
	}
	ok := get("login_2fa", map[string]any{"channel": "sms"})
	assert.Contains(t, ok, "result")

	// An unknown session still gets mcp-go's 404, not our answer.
	code, _, _ := raw(t, http.MethodPost, h.URL, map[string]any{"jsonrpc": "2.0", "id": 8, "method": "prompts/get",
		"params": map[string]any{"name": "login_2fa", "arguments": map[string]any{"channel": "pigeon"}}},
		map[string]string{"Mcp-Session-Id": "fsmcp-NOTASESSION0000000000000000", "Mcp-Protocol-Version": "2025-06-18"})
	assert.Equal(t, http.StatusNotFound, code)
}

func TestPromptParamsErrorLeavesOtherMessagesAlone(t *testing.T) {
	for _, raw := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`,
		`{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"no_such_prompt","arguments":{"x":"y"}}}`,
		`{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"login_2fa","arguments":{"channel":"sms"}}}`,
		`{"jsonrpc":"2.0","method":"prompts/get","params":{"name":"login_2fa","arguments":{"channel":"pigeon"}}}`,
		`not json`,
	} {
		assert.Nil(t, PromptParamsError([]byte(raw)), raw)
	}
}
