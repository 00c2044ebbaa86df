package tools

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/internal/sessionstore"
	"github.com/facesign/facesign-mcp/internal/syncbuffer"
)

func TestTransportLogsNeverCarryTheSessionID(t *testing.T) {
	var logs syncbuffer.Buffer
	d := &Deps{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	srv := newCoreServer(t, d, HTTPOptions{})
	sid := rawSession(t, srv.URL, nil)
	// A JSON-RPC response to a server request that was never sent: mcp-go
	// logs "no pending request found for session <id>".
	code, _, body := raw(t, http.MethodPost, srv.URL, map[string]any{"jsonrpc": "2.0", "id": 4242, "result": map[string]any{"action": "accept"}},
		map[string]string{"Mcp-Session-Id": sid, "Mcp-Protocol-Version": "2025-06-18"})
	assert.Equal(t, http.StatusBadRequest, code, body)
	out := logs.String()
	require.Contains(t, out, "sampling response", "the bad request was logged")
	assert.NotContains(t, out, sid)
	assert.Contains(t, out, sessionstore.IDPrefix+"…"+sid[len(sid)-4:])
}

func TestRedactingHandler(t *testing.T) {
	id := sessionstore.IDPrefix + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	var buf strings.Builder
	l := redactSessionIDs(slog.New(slog.NewTextHandler(&buf, nil))).With("sessionID", id)
	l.Error("lost "+id, "session", id, "err", errors.New("no pending request found for session "+id),
		slog.Group("g", "inner", "x "+id), "count", 3)
	out := buf.String()
	assert.NotContains(t, out, id)
	assert.Equal(t, 5, strings.Count(out, sessionstore.IDPrefix+"…WXYZ"), out)
	assert.Contains(t, out, "count=3")
}
