package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
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

	"github.com/facesign/facesign-mcp/internal/syncbuffer"
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
var allTools = []string{"set_api_key", "build_flow", "validate_flow", "launch_session_ui", "simulate_session", "get_session", "list_sessions", "export_app"}

// exerciseEveryTool walks one user's first conversation through every tool
// and returns the sandbox session it simulated and the flow it built.
func exerciseEveryTool(t *testing.T, c *client.Client, key, description string) (sessionID string, flow []any) {
	t.Helper()
	called := map[string]bool{}
	do := func(name string, args map[string]any) map[string]any {
		called[name] = true
		return tools.OKMap(t, tools.CallTool(t, c, name, args))
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

	launched := do("launch_session_ui", map[string]any{"openBrowser": false})
	pageURL, _ := launched["url"].(string)
	require.Contains(t, pageURL, "/preview/")
	assert.Equal(t, false, launched["opened"])
	resp, err := http.Get(pageURL)
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "%s", page)
	assert.Contains(t, string(page), "Start Session")
	assert.NotContains(t, string(page), key, "the key never reaches the page")

	sim := do("simulate_session", map[string]any{})
	sessionID, _ = sim["sessionId"].(string)
	require.NotEmpty(t, sessionID)
	assert.NotEmpty(t, sim["path"])

	called["get_session"] = true
	res := tools.CallTool(t, c, "get_session", map[string]any{"sessionId": sessionID})
	got := tools.OKMap(t, res)
	assert.NotEmpty(t, got["summary"])
	// The sandbox's session bytes pass through to the result: the client secret
	// that the API answers beside the session must not come along, in either content.
	whole, err := json.Marshal(res)
	require.NoError(t, err)
	assert.NotContains(t, string(whole), "clientSecret")
	assert.NotContains(t, string(whole), "client_secret=")

	list := do("list_sessions", map[string]any{"limit": 10})
	assert.Contains(t, fmt.Sprint(list["sessions"]), sessionID)

	// The conversation ends with an export. The use case comes from the
	// description when it names one; otherwise the tool asks for it.
	called["export_app"] = true
	outDir := filepath.Join(t.TempDir(), "app")
	exp := tools.CallTool(t, c, "export_app", map[string]any{"outputDir": outDir})
	if exp.IsError {
		assert.Contains(t, fmt.Sprint(exp.Content), "login-2fa", "a refused export lists the use cases")
		exp = tools.CallTool(t, c, "export_app", map[string]any{"outputDir": outDir, "useCase": "login-2fa"})
	}
	exported := tools.OKMap(t, exp)
	assert.Equal(t, outDir, exported["dir"])
	assert.Contains(t, exported["files"], "flow.json")
	for _, f := range []string{"go.mod", "go.sum", "flow.json", "main.go", "internal/web/pages_templ.go"} {
		assert.FileExists(t, filepath.Join(outDir, f))
	}
	again := tools.CallTool(t, c, "export_app", map[string]any{"outputDir": outDir, "useCase": "login-2fa"})
	assert.True(t, again.IsError, "a second export into the same directory is refused")

	for _, name := range allTools {
		assert.True(t, called[name], "%s not exercised", name)
	}
	return sessionID, flow
}

// currentFlow reads the session's current flow resource.
func currentFlow(t *testing.T, c *client.Client) []any {
	t.Helper()
	text := tools.ReadResourceText(t, c, "facesign://flow/current")
	var flow []any
	require.NoError(t, json.Unmarshal([]byte(text), &flow), text)
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

func TestE2EHTTPEveryToolTwoClients(t *testing.T) {
	// The binary's listener in-process: /mcp and the real sandbox on one server.
	stack := tools.NewMCPStack(t, tools.StackOptions{
		Server:  []server.ServerOption{server.WithOutputSchemaValidation()},
		Sandbox: &sandbox.Config{},
	})
	a, b := stack.Dial(t), stack.Dial(t)
	assertOfferedTools(t, a)

	var wg sync.WaitGroup
	var sidA, sidB string
	var flowA, flowB []any
	wg.Add(2)
	go func() {
		defer wg.Done()
		sidA, flowA = exerciseEveryTool(t, a, e2eKeyA, "liveness check, then ask for an email code, then end")
	}()
	go func() {
		defer wg.Done()
		sidB, flowB = exerciseEveryTool(t, b, e2eKeyB, "Step-up verification for wire transfers over $10,000: liveness, ask about the transaction, then a text message code")
	}()
	wg.Wait()
	require.NotEqual(t, flowA, flowB, "the two descriptions must give different flows for this test to mean anything")
	assert.Equal(t, 2, stack.Deps.Sessions.Len())

	// Each sees only its own sandbox sessions...
	listA := tools.OKMap(t, tools.CallTool(t, a, "list_sessions", map[string]any{"limit": 100}))
	assert.Contains(t, fmt.Sprint(listA["sessions"]), sidA)
	assert.NotContains(t, fmt.Sprint(listA["sessions"]), sidB)
	res := tools.CallTool(t, b, "get_session", map[string]any{"sessionId": sidA})
	assert.True(t, res.IsError, "B must not read A's session: %s", tools.ResultText(res))
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
	cmd, stdin, stdout, stderr := startStdio(t, buildBinary(t), "--log-level", "debug")

	// Tee stdout so every byte the server writes can be checked afterwards.
	var wire syncbuffer.Buffer
	c := client.NewClient(transport.NewIO(io.TeeReader(stdout, &wire), stdin, io.NopCloser(strings.NewReader(""))))
	tools.InitializeClient(t, c)
	assertOfferedTools(t, c)
	exerciseEveryTool(t, c, e2eKeyA, "liveness check, then ask for an email code, then end")

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

// fileRoot is a client's roots handler that shares one directory.
type fileRoot string

func (r fileRoot) ListRoots(context.Context, mcp.ListRootsRequest) (*mcp.ListRootsResult, error) {
	return &mcp.ListRootsResult{Roots: []mcp.Root{{URI: (&url.URL{Scheme: "file", Path: string(r)}).String(), Name: "workspace"}}}, nil
}

// TestE2EStdioBinaryRoots: through the real `facesign-mcp stdio` (its stdin
// filters included), export_app takes a relative outputDir under the root the
// client shares, at the client's defaults (the 2026-07-28 revision: an input
// request the client answers by retrying the call) and at 2025-11-25
// (roots/list on stdio).
func TestE2EStdioBinaryRoots(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	for _, tc := range tools.ProtocolRevisions() {
		t.Run(tc.Name, func(t *testing.T) {
			_, stdin, stdout, stderr := startStdio(t, bin)
			root := t.TempDir()
			opts := append([]client.ClientOption{client.WithRootsHandler(fileRoot(root))}, tc.Opts...)
			c := client.NewClient(transport.NewIO(stdout, stdin, io.NopCloser(strings.NewReader(""))), opts...)
			tools.InitializeClient(t, c)
			res := tools.CallTool(t, c, "export_app", map[string]any{"description": "second factor at login: recognise the user's face, then a liveness check", "outputDir": "verify-app"})
			require.False(t, res.IsError, "%s\nstderr:\n%s", tools.ResultText(res), stderr.String())
			assert.Equal(t, filepath.Join(root, "verify-app"), tools.OKMap(t, res)["dir"])
			assert.FileExists(t, filepath.Join(root, "verify-app", "flow.json"))
		})
	}
}

// startStdio starts the binary's stdio server on a free loopback port of its
// own with a fresh data directory and no key from the environment, plus
// args; it is killed when t ends. Its stderr is kept for messages.
func startStdio(t *testing.T, bin string, args ...string) (*exec.Cmd, io.WriteCloser, io.ReadCloser, *syncbuffer.Buffer) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"stdio", "--addr", fmt.Sprintf("127.0.0.1:%d", freePort(t)), "--data-dir", t.TempDir()}, args...)...)
	cmd.Env = append(os.Environ(), "FACESIGN_API_KEY=")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stderr := &syncbuffer.Buffer{}
	cmd.Stderr = stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd, stdin, stdout, stderr
}
