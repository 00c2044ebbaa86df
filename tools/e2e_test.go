package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/sandbox"
	"github.com/facesign/facesign-mcp/tools"
)

// End-to-end: the real tools against the real embedded sandbox, over
// Streamable HTTP (httptest) and over stdio (the built binary).

const (
	e2eKeyA = "sk_test_e2eAliceAAAAAAAA1111"
	e2eKeyB = "sk_test_e2eBobBBBBBBBBBB2222"
)

// every tool the server must offer; the e2e tests call each of them.
var allTools = []string{"set_api_key", "build_flow", "validate_flow", "simulate_session", "get_session", "list_sessions"}

type caller func(name string, args map[string]any) *mcp.CallToolResult

func mcpCaller(t *testing.T, c *client.Client) caller {
	return func(name string, args map[string]any) *mcp.CallToolResult {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		req := mcp.CallToolRequest{}
		req.Params.Name = name
		req.Params.Arguments = args
		res, err := c.CallTool(ctx, req)
		require.NoError(t, err, name)
		return res
	}
}

func resultText(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// ok asserts success and returns the structured content as a map.
func ok(t *testing.T, name string, res *mcp.CallToolResult) map[string]any {
	t.Helper()
	require.False(t, res.IsError, "%s failed: %s", name, resultText(res))
	data, err := json.Marshal(res.StructuredContent)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m), "%s: structured content %s", name, data)
	return m
}

// exerciseEveryTool walks one user's first conversation through every tool
// and returns the sandbox session it simulated and the flow it built.
func exerciseEveryTool(t *testing.T, call caller, key, description string) (sessionID string, flow []any) {
	t.Helper()
	called := map[string]bool{}
	do := func(name string, args map[string]any) map[string]any {
		called[name] = true
		return ok(t, name, call(name, args))
	}

	set := do("set_api_key", map[string]any{"apiKey": key})
	assert.Equal(t, "sandbox", set["environment"])
	assert.NotContains(t, fmt.Sprint(set), key, "the key is never echoed")

	built := do("build_flow", map[string]any{"description": description})
	flow, _ = built["flow"].([]any)
	require.NotEmpty(t, flow, "build_flow returned no flow")

	valid := do("validate_flow", map[string]any{}) // defaults to the current flow
	assert.Equal(t, true, valid["valid"], "the built flow validates: %v", valid["errors"])
	assert.EqualValues(t, len(flow), valid["nodeCount"])

	sim := do("simulate_session", map[string]any{})
	sessionID, _ = sim["sessionId"].(string)
	require.NotEmpty(t, sessionID)
	assert.NotEmpty(t, sim["path"])

	called["get_session"] = true
	res := call("get_session", map[string]any{"sessionId": sessionID})
	got := ok(t, "get_session", res)
	assert.NotEmpty(t, got["summary"])
	// The sandbox's session bytes pass through to the result: the client secret
	// that the API answers beside the session must not come along, in either content.
	whole, err := json.Marshal(res)
	require.NoError(t, err)
	assert.NotContains(t, string(whole), "clientSecret")
	assert.NotContains(t, string(whole), "client_secret=")

	list := do("list_sessions", map[string]any{"limit": 10})
	assert.Contains(t, fmt.Sprint(list["sessions"]), sessionID)

	for _, name := range allTools {
		assert.True(t, called[name], "%s not exercised", name)
	}
	return sessionID, flow
}

// currentFlow reads the session's current flow resource.
func currentFlow(t *testing.T, c *client.Client) []any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req := mcp.ReadResourceRequest{}
	req.Params.URI = "facesign://flow/current"
	res, err := c.ReadResource(ctx, req)
	require.NoError(t, err)
	require.Len(t, res.Contents, 1)
	text, isText := res.Contents[0].(mcp.TextResourceContents)
	require.True(t, isText)
	var flow []any
	require.NoError(t, json.Unmarshal([]byte(text.Text), &flow), text.Text)
	return flow
}

func assertOfferedTools(t *testing.T, c *client.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	require.NoError(t, err)
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
	}
	assert.ElementsMatch(t, allTools, names)
}

// e2eServer is the binary's listener in-process: /mcp and /sandbox on one
// httptest server, the sandbox being the real one on a temp directory.
func e2eServer(t *testing.T) (url string, deps *tools.Deps) {
	t.Helper()
	mux := http.NewServeMux()
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	quiet := slog.New(slog.DiscardHandler)
	sb, err := sandbox.New(context.Background(), sandbox.Config{DataDir: t.TempDir(), PublicURL: ts.URL, Logger: quiet, JanitorInterval: -1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = sb.Close() })
	deps = &tools.Deps{Logger: quiet, SandboxURL: ts.URL + "/sandbox"}
	s := tools.NewServer(deps, server.WithOutputSchemaValidation())
	h, err := tools.NewHTTPHandler(s, deps, tools.HTTPOptions{})
	require.NoError(t, err)
	mux.Handle("/mcp", h)
	mux.Handle("/sandbox/", sb.Handler())
	return ts.URL + "/mcp", deps
}

func httpClient(t *testing.T, url string) *client.Client {
	t.Helper()
	c, err := client.NewStreamableHttpClient(url)
	require.NoError(t, err)
	initialize(t, c)
	return c
}

func initialize(t *testing.T, c *client.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, c.Start(ctx))
	req := mcp.InitializeRequest{}
	req.Params.ClientInfo = mcp.Implementation{Name: "e2e", Version: "1"}
	_, err := c.Initialize(ctx, req)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
}

func TestE2EHTTPEveryToolTwoClients(t *testing.T) {
	url, deps := e2eServer(t)
	a, b := httpClient(t, url), httpClient(t, url)
	assertOfferedTools(t, a)
	callA, callB := mcpCaller(t, a), mcpCaller(t, b)

	var wg sync.WaitGroup
	var sidA, sidB string
	var flowA, flowB []any
	wg.Add(2)
	go func() {
		defer wg.Done()
		sidA, flowA = exerciseEveryTool(t, callA, e2eKeyA, "liveness check, then ask for an email code, then end")
	}()
	go func() {
		defer wg.Done()
		sidB, flowB = exerciseEveryTool(t, callB, e2eKeyB, "Step-up verification for wire transfers over $10,000: liveness, ask about the transaction, then a text message code")
	}()
	wg.Wait()
	require.NotEqual(t, flowA, flowB, "the two descriptions must give different flows for this test to mean anything")
	assert.Equal(t, 2, deps.Sessions.Len())

	// Each sees only its own sandbox sessions...
	listA := ok(t, "list_sessions", callA("list_sessions", map[string]any{"limit": 100}))
	assert.Contains(t, fmt.Sprint(listA["sessions"]), sidA)
	assert.NotContains(t, fmt.Sprint(listA["sessions"]), sidB)
	res := callB("get_session", map[string]any{"sessionId": sidA})
	assert.True(t, res.IsError, "B must not read A's session: %s", resultText(res))
	// ...and its own current flow.
	assert.Equal(t, flowA, currentFlow(t, a))
	assert.Equal(t, flowB, currentFlow(t, b))
}

// TestE2EStdioBinary builds the real binary and speaks MCP to `facesign-mcp
// stdio` over pipes, checking that nothing but JSON-RPC reaches stdout.
func TestE2EStdioBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	port := freePort(t)
	cmd := exec.Command(bin, "stdio", "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--data-dir", t.TempDir(), "--log-level", "debug")
	cmd.Env = append(os.Environ(), "FACESIGN_API_KEY=")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})

	// Tee stdout so every byte the server writes can be checked afterwards.
	var wire lockedBuffer
	c := client.NewClient(transport.NewIO(io.TeeReader(stdout, &wire), stdin, io.NopCloser(strings.NewReader(""))))
	initialize(t, c)
	assertOfferedTools(t, c)
	exerciseEveryTool(t, mcpCaller(t, c), e2eKeyA, "liveness check, then ask for an email code, then end")

	// EOF on stdin ends the server cleanly.
	require.NoError(t, stdin.Close())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.NoError(t, err, "stderr:\n%s", stderr.String())
	case <-time.After(15 * time.Second):
		t.Fatalf("stdio server did not exit after stdin closed; stderr:\n%s", stderr.String())
	}
	for i, line := range strings.Split(strings.TrimSpace(wire.String()), "\n") {
		var msg struct {
			JSONRPC string `json:"jsonrpc"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &msg), "stdout line %d is not JSON-RPC: %q", i+1, line)
		require.Equal(t, "2.0", msg.JSONRPC, "stdout line %d", i+1)
	}
	assert.Contains(t, stderr.String(), "sandbox ready", "logs go to stderr")
	assert.NotContains(t, stderr.String(), e2eKeyA, "the key is never logged")
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "facesign-mcp")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, "github.com/facesign/facesign-mcp/cmd/facesign-mcp").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
