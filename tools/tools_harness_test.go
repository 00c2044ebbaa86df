package tools

import (
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/server"
)

// Keys the tests use; the fake API treats each as its own account.
const (
	tkAlice = "sk_test_aliceAAAAAAAA1111"
	tkBob   = "sk_test_bobBBBBBBBBBB2222"
	tkProd  = "sk_prod_liveLLLLLLLLL3333"
)

// toolHarness is the real server over loopback HTTP with every FaceSign base
// URL pointed at a fake API. Output schemas are enforced
// (WithOutputSchemaValidation), so every successful call in these tests also
// proves its structured content matches the published schema.
type toolHarness struct {
	*MCPStack
	api *fakeAPI
}

func newToolHarness(t *testing.T) *toolHarness {
	t.Helper()
	return newToolHarnessWith(t, nil)
}

// newToolHarnessWith is newToolHarness with Deps adjusted by configure.
func newToolHarnessWith(t *testing.T, configure func(*Deps)) *toolHarness {
	t.Helper()
	api := newFakeAPI(t)
	d := &Deps{SandboxURL: api.URL(), ProductionURL: api.URL()}
	if configure != nil {
		configure(d)
	}
	return &toolHarness{api: api, MCPStack: NewMCPStack(t, StackOptions{
		Deps:   d,
		HTTP:   HTTPOptions{Heartbeat: -1},
		Server: []server.ServerOption{server.WithOutputSchemaValidation()},
	})}
}

// setKey sets key for the client's session and requires success.
func setKey(t *testing.T, c *client.Client, key string) {
	t.Helper()
	RequireOK(t, CallTool(t, c, "set_api_key", map[string]any{"apiKey": key}), nil)
}
