package tools

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mcp-go's forwarder starts a POST's stream itself when a notification for
// the session arrives: it sets three headers and calls WriteHeader, under its
// own lock, not postStream's. A request sent at the same moment must not touch
// the same header map (a concurrent map write is a fatal error that ends the
// whole server, every session with it).
func TestPostStreamSendDoesNotRaceMcpGoStartingTheStream(t *testing.T) {
	for range 50 {
		rec := httptest.NewRecorder()
		ps := newPostStream(rec, "s1", &pendingAsks{})
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { // what mcp-go's forwarder does for a notification
			defer wg.Done()
			ps.Header().Set("Content-Type", "text/event-stream")
			ps.Header().Set("Connection", "keep-alive")
			ps.Header().Set("Cache-Control", "no-cache")
			ps.WriteHeader(http.StatusOK)
			fmt.Fprint(ps, "event: message\ndata: {\"n\":1}\n\n")
		}()
		go func() {
			defer wg.Done()
			assert.NoError(t, ps.send([]byte(`{"ask":1}`)))
		}()
		wg.Wait()
		ps.end()
		assert.Equal(t, "text/event-stream", rec.Header().Get("Content-Type"))
		assert.Equal(t, http.StatusOK, rec.Code)
	}
}

// The same through the whole stack: a session that reports progress from one
// call while export_app asks for its roots on another. mcp-go hands a
// session's notifications to whichever of its POSTs takes them first, so the
// export's POST may start its stream for the other call's notification just as
// the roots request starts it.
func TestExportAppRootsWhileTheSessionIsNotified(t *testing.T) {
	chatty := server.ServerTool{
		Tool: mcp.NewTool("chatty", mcp.WithDescription("sends notifications until told to stop")),
		Handler: func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			srv := server.ServerFromContext(ctx)
			deadline := time.Now().Add(2 * time.Second)
			for i := 0; time.Now().Before(deadline); i++ {
				_ = srv.SendNotificationToClient(ctx, "notifications/message", map[string]any{"level": "info", "data": i})
				time.Sleep(100 * time.Microsecond)
			}
			return mcp.NewToolResultText("done"), nil
		},
	}
	st := NewMCPStack(t, StackOptions{Deps: &Deps{}, HTTP: HTTPOptions{Heartbeat: -1}, Tools: []server.ServerTool{chatty}})
	root := t.TempDir()
	c := st.Dial(t, DialClientOptions(client.WithRootsHandler(rootsFrom(root))))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		CallTool(t, c, "chatty", map[string]any{})
	}()
	for i := range 10 {
		res := CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": fmt.Sprintf("app-%d", i)})
		require.False(t, res.IsError, ResultText(res))
		assert.FileExists(t, filepath.Join(root, fmt.Sprintf("app-%d", i), "flow.json"))
	}
	wg.Wait()
}
