package tools

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/require"
)

// Keys the tests use; the fake API treats each as its own account.
const (
	tkAlice = "sk_test_aliceAAAAAAAA1111"
	tkBob   = "sk_test_bobBBBBBBBBBB2222"
	tkProd  = "sk_prod_liveLLLLLLLLL3333"
)

// toolHarness is the real server (NewServer + the /mcp handler) over loopback
// HTTP, with every FaceSign base URL pointed at a fake API. Output schemas are
// enforced (WithOutputSchemaValidation), so every successful call in these
// tests also proves its structured content matches the published schema.
type toolHarness struct {
	api  *fakeAPI
	deps *Deps
	url  string
}

func newToolHarness(t *testing.T) *toolHarness {
	t.Helper()
	api := newFakeAPI(t)
	d := &Deps{SandboxURL: api.URL(), ProductionURL: api.URL()}
	s := NewServer(d, server.WithOutputSchemaValidation())
	h, err := NewHTTPHandler(s, d, HTTPOptions{Heartbeat: -1})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/mcp", h)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return &toolHarness{api: api, deps: d, url: ts.URL + "/mcp"}
}

// tcNotes collects the notifications a client receives.
type tcNotes struct {
	mu    sync.Mutex
	items []mcp.JSONRPCNotification
}

func (n *tcNotes) add(x mcp.JSONRPCNotification) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.items = append(n.items, x)
}

func (n *tcNotes) methods(method string) []mcp.JSONRPCNotification {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []mcp.JSONRPCNotification
	for _, x := range n.items {
		if x.Method == method {
			out = append(out, x)
		}
	}
	return out
}

// dial connects an mcp-go client at its defaults; opts may add an
// elicitation handler, headers go on every request.
func (h *toolHarness) dial(t *testing.T, headers map[string]string, opts ...client.ClientOption) (*client.Client, *tcNotes) {
	t.Helper()
	var topts []transport.StreamableHTTPCOption
	if headers != nil {
		topts = append(topts, transport.WithHTTPHeaders(headers))
	}
	tr, err := transport.NewStreamableHTTP(h.url, topts...)
	require.NoError(t, err)
	c := client.NewClient(tr, opts...)
	notes := &tcNotes{}
	c.OnNotification(notes.add)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, c.Start(ctx))
	init := mcp.InitializeRequest{}
	init.Params.ClientInfo = mcp.Implementation{Name: "tools-test", Version: "1"}
	_, err = c.Initialize(ctx, init)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c, notes
}

// tcCall calls a tool and fails the test on a protocol error: every expected
// failure must come back as an isError result.
func tcCall(t *testing.T, c *client.Client, name string, args any) *mcp.CallToolResult {
	t.Helper()
	res, err := tcCallRaw(c, name, args, nil)
	require.NoError(t, err, "tools/call %s must not be a protocol error", name)
	return res
}

func tcCallRaw(c *client.Client, name string, args any, meta *mcp.Meta) (*mcp.CallToolResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	req.Params.Meta = meta
	return c.CallTool(ctx, req)
}

// tcOK asserts a successful call and decodes its structured content into out.
func tcOK(t *testing.T, res *mcp.CallToolResult, out any) {
	t.Helper()
	require.False(t, res.IsError, "unexpected isError: %s", tcText(res))
	require.NotNil(t, res.StructuredContent, "structured content")
	require.NotEmpty(t, tcText(res), "a text rendering")
	b, err := json.Marshal(res.StructuredContent)
	require.NoError(t, err)
	if out != nil {
		require.NoError(t, json.Unmarshal(b, out))
	}
}

// tcFail asserts an isError result and returns its text.
func tcFail(t *testing.T, res *mcp.CallToolResult) string {
	t.Helper()
	require.True(t, res.IsError, "expected isError, got: %s", tcText(res))
	return tcText(res)
}

func tcText(res *mcp.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// tcSetKey sets key for the client's session and requires success.
func tcSetKey(t *testing.T, c *client.Client, key string) {
	t.Helper()
	tcOK(t, tcCall(t, c, "set_api_key", map[string]any{"apiKey": key}), nil)
}
