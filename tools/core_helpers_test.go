package tools

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild"
)

// fakeClock is a settable clock for idleness tests.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// addCoreProbeTools registers tools that exercise the server core only (key
// resolution, per-session state, recovery, progress and logging), so the core
// is tested whatever the real tools do.
func addCoreProbeTools(s *server.MCPServer, d *Deps) {
	s.AddTool(mcp.NewTool("core_whoami", mcp.WithDescription("key and flow of this session")),
		func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			st := d.State(ctx)
			out := map[string]any{"session": st.ID(), "flowLen": len(st.Flow())}
			if _, info, err := d.Client(ctx); err != nil {
				out["error"] = err.Error()
			} else {
				out["key"] = info
			}
			return mcp.NewToolResultStructured(out, "whoami"), nil
		})
	s.AddTool(mcp.NewTool("core_remember",
		mcp.WithDescription("set this session's key and an n-node flow"),
		mcp.WithString("key", mcp.Description("API key")),
		mcp.WithNumber("nodes", mcp.Required(), mcp.Description("flow length"))),
		func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			st := d.State(ctx)
			if k := req.GetString("key", ""); k != "" {
				st.SetKey(k, "")
			}
			f := make(flowbuild.Flow, req.GetInt("nodes", 0))
			for i := range f {
				f[i].ID = "n" + string(rune('a'+i))
			}
			st.SetFlow(f)
			return mcp.NewToolResultText("ok"), nil
		})
	s.AddTool(mcp.NewTool("core_boom", mcp.WithDescription("panics")),
		func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			var m map[string]int
			m["x"]++ // nil map write: a real runtime panic
			return nil, nil
		})
	s.AddTool(mcp.NewTool("core_slow", mcp.WithDescription("reports progress and logs")),
		func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			p := NewProgress(ctx, req, 3)
			for i := 1; i <= 3; i++ {
				p.Report(float64(i), "step")
				LogToClient(ctx, mcp.LoggingLevelInfo, "working", "step", i)
			}
			p.Report(2, "going backwards is dropped")
			return mcp.NewToolResultText("done"), nil
		})
}

type coreServer struct {
	deps    *Deps
	mcp     *server.MCPServer
	handler *MCPHandler
	http    *httptest.Server
	url     string
}

func newCoreServer(t *testing.T, d *Deps, o HTTPOptions) *coreServer {
	t.Helper()
	s := NewServer(d)
	addCoreProbeTools(s, d)
	h, err := NewHTTPHandler(s, d, o)
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/mcp", h)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return &coreServer{deps: d, mcp: s, handler: h, http: ts, url: ts.URL + "/mcp"}
}

// connect starts an mcp-go client at its defaults (it probes server/discover
// first, as 2026-07-28 clients do) with extra headers.
func connect(t *testing.T, url string, headers map[string]string) *client.Client {
	t.Helper()
	c, err := client.NewStreamableHttpClient(url, transport.WithHTTPHeaders(headers))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, c.Start(ctx))
	req := mcp.InitializeRequest{}
	req.Params.ClientInfo = mcp.Implementation{Name: "core-test", Version: "1"}
	_, err = c.Initialize(ctx, req)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func callTool(t *testing.T, c *client.Client, name string, args map[string]any) *mcp.CallToolResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	res, err := c.CallTool(ctx, req)
	require.NoError(t, err)
	return res
}

func structured(t *testing.T, res *mcp.CallToolResult) map[string]any {
	t.Helper()
	m, ok := res.StructuredContent.(map[string]any)
	require.True(t, ok, "structured content %T", res.StructuredContent)
	return m
}
