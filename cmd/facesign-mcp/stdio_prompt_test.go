package main

import (
	"bufio"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/internal/syncbuffer"
)

// Over stdio too, a bad prompt argument is -32602 with the argument named,
// and a good one is answered by the prompt.
func TestStdioBadPromptArgumentIsInvalidParams(t *testing.T) {
	in := strings.Join([]string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":2,"method":"prompts/get","params":{"name":"login_2fa","arguments":{"channel":"pigeon"}}}`,
		`{"jsonrpc":"2.0","id":3,"method":"prompts/get","params":{"name":"login_2fa","arguments":{"channel":"sms"}}}`,
	}, "\n") + "\n"
	var out, errb syncbuffer.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	code := run(ctx, []string{"stdio", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()}, streams{strings.NewReader(in), &out, &errb})
	require.Equal(t, 0, code, errb.String())
	byID := map[string]map[string]any{}
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for sc.Scan() {
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m), sc.Text())
		b, _ := json.Marshal(m["id"])
		byID[string(b)] = m
	}
	bad, ok := byID["2"]["error"].(map[string]any)
	require.True(t, ok, out.String())
	assert.EqualValues(t, -32602, bad["code"])
	assert.Contains(t, bad["message"], "channel")
	assert.Contains(t, byID["3"], "result")
}
