package tools

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tool arguments that repeat a key ({"flow":[],"flow":[…]}: encoding/json
// would keep the last) and flows whose node ids carry control or
// bidirectional-override characters are tool errors, and the session keeps
// its current flow.
func TestRefusedArgumentsKeepNothing(t *testing.T) {
	h := newToolHarness(t)
	sid := rawSession(t, h.URL, nil)
	headers := map[string]string{"Mcp-Session-Id": sid, "Mcp-Protocol-Version": "2025-06-18"}
	_, _, _ = raw(t, http.MethodPost, h.URL, map[string]any{"jsonrpc": "2.0", "method": "notifications/initialized"}, headers)
	call := func(args string) string {
		code, _, body := raw(t, http.MethodPost, h.URL, `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"build_flow","arguments":`+args+`}}`, headers)
		require.Equal(t, http.StatusOK, code, body)
		return body
	}
	wire := string(readSharedFlow(t, "wire-transfer.json"))
	body := call(`{"flow":` + wire + `}`)
	require.NotContains(t, body, `"isError":true`, body)

	for _, tc := range []struct{ name, args, want string }{
		{"duplicate argument", `{"flow":[],"flow":` + wire + `}`, "invalid argument flow: appears twice"},
		{"duplicate key in a node", `{"flow":` + strings.Replace(wire, `"type": "end"`, `"type": "end", "type": "start"`, 1) + `}`, "appears twice"},
		{"node id with a bidirectional override", `{"flow":` + strings.ReplaceAll(wire, `"otp"`, `"ot\u202ep"`) + `}`, "invalid_id"},
		{"node id with a line break", `{"flow":` + strings.ReplaceAll(wire, `"otp"`, `"o\ntp"`) + `}`, "control character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := call(tc.args)
			assert.Contains(t, body, `"isError":true`)
			assert.Contains(t, body, tc.want)
		})
	}
	// The current flow is still the wire transfer.
	body = call(`{"change":"add an SMS code at the end"}`)
	assert.NotContains(t, body, `"isError":true`, body)
	assert.Contains(t, body, `confirm_transfer`)
}
