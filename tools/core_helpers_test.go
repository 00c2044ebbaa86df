package tools

import (
	"context"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/fakeclock"
)

// fakeClock is a settable clock for idleness tests.
type fakeClock = fakeclock.Clock

func newFakeClock() *fakeClock { return fakeclock.New(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) }

// coreProbeTools are tools that exercise the server core only (key
// resolution, per-session state, recovery, progress and logging), so the core
// is tested whatever the real tools do.
func coreProbeTools(d *Deps) []server.ServerTool {
	return []server.ServerTool{
		{
			Tool: mcp.NewTool("core_whoami", mcp.WithDescription("key and flow of this session")),
			Handler: func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
				st := d.State(ctx)
				out := map[string]any{"session": st.ID(), "flowLen": len(st.Flow())}
				if _, info, err := d.Client(ctx); err != nil {
					out["error"] = err.Error()
				} else {
					out["key"] = info
				}
				return mcp.NewToolResultStructured(out, "whoami"), nil
			},
		},
		{
			Tool: mcp.NewTool("core_remember",
				mcp.WithDescription("set this session's key and an n-node flow"),
				mcp.WithString("key", mcp.Description("API key")),
				mcp.WithNumber("nodes", mcp.Required(), mcp.Description("flow length"))),
			Handler: func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
				st := d.State(ctx)
				if k := req.GetString("key", ""); k != "" {
					st.SetKey(k, "")
				}
				f := make(flow.Flow, req.GetInt("nodes", 0))
				for i := range f {
					f[i].ID = "n" + string(rune('a'+i))
				}
				st.SetFlow(f)
				return mcp.NewToolResultText("ok"), nil
			},
		},
		{
			Tool: mcp.NewTool("core_boom", mcp.WithDescription("panics")),
			Handler: func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
				var m map[string]int
				m["x"]++ //lint:ignore SA5000 a nil map write: the real runtime panic this tool exists to cause
				return nil, nil
			},
		},
		{
			Tool: mcp.NewTool("core_slow", mcp.WithDescription("reports progress and logs")),
			Handler: func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
				p := NewProgress(ctx, req, 3)
				for i := 1; i <= 3; i++ {
					p.Report(float64(i), "step")
					LogToClient(ctx, mcp.LoggingLevelInfo, "working", "step", i)
				}
				p.Report(2, "going backwards is dropped")
				return mcp.NewToolResultText("done"), nil
			},
		},
	}
}

// newCoreServer is the server with the core probe tools over loopback HTTP.
func newCoreServer(t *testing.T, d *Deps, o HTTPOptions) *MCPStack {
	t.Helper()
	return NewMCPStack(t, StackOptions{Deps: d, HTTP: o, Tools: coreProbeTools(d)})
}
