package tools

import (
	"context"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rootsFrom is a client that shares one workspace root.
type rootsFrom string

func (r rootsFrom) ListRoots(context.Context, mcp.ListRootsRequest) (*mcp.ListRootsResult, error) {
	u := url.URL{Scheme: "file", Path: string(r)}
	return &mcp.ListRootsResult{Roots: []mcp.Root{{URI: u.String(), Name: "workspace"}}}, nil
}

// exportUnderRoot exports into "verify-app" through c and checks that the app
// landed under root, the root c shares.
func exportUnderRoot(t *testing.T, c *client.Client, root string) {
	t.Helper()
	res := CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": "verify-app"})
	if res.IsError {
		t.Fatalf("export_app with the client's roots: %s", ResultText(res))
	}
	out := OKMap(t, res)
	assert.Equal(t, filepath.Join(root, "verify-app"), out["dir"])
	assert.FileExists(t, filepath.Join(root, "verify-app", "flow.json"))
}

// A client that shares its roots and listens on the GET stream, as the
// TypeScript SDK's client does after initialize, gets a relative outputDir
// under its root over Streamable HTTP: mcp-go's server sends roots/list on
// that stream only. At the mcp-go client's defaults it first probes the
// sessionless 2026-07-28 revision, which /mcp refuses, and falls back to
// sessions.
func TestExportAppUnderTheClientsRoot(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []client.ClientOption
	}{
		{"defaults", nil},
		{"2025-11-25", []client.ClientOption{client.WithProtocolVersion(mcp.LATEST_LEGACY_PROTOCOL_VERSION)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			opts := append([]client.ClientOption{client.WithRootsHandler(rootsFrom(root))}, tc.opts...)
			c := exportStack(t, &Deps{}).Dial(t, DialClientOptions(opts...), DialTransportOptions(transport.WithContinuousListening()))
			exportUnderRoot(t, c, root)
		})
	}
}

// A client that declares roots but never opens the GET stream cannot be asked
// for them over Streamable HTTP (mcp-go v1.2.1 sends roots/list nowhere else):
// it is told so, and what to do, instead of waiting out a timeout; an
// absolute outputDir still works.
func TestExportAppRootsWithoutAStream(t *testing.T) {
	root := t.TempDir()
	// The session is past the grace in which a client's GET stream may still
	// be on its way, so nothing waits.
	var later atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(later.Load())) }
	c := exportStack(t, &Deps{Clock: clock}).Dial(t, DialClientOptions(client.WithRootsHandler(rootsFrom(root))))
	later.Store(int64(time.Minute))
	msg := RequireToolError(t, CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": "verify-app"}))
	assert.Contains(t, msg, `outputDir "verify-app" is relative`)
	assert.Contains(t, msg, "no event stream open")
	assert.Contains(t, msg, "Pass an absolute path")
	assert.NoDirExists(t, filepath.Join(root, "verify-app"))

	abs := filepath.Join(t.TempDir(), "abs-app")
	res := CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": abs})
	require.False(t, res.IsError, ResultText(res))
	assert.FileExists(t, filepath.Join(abs, "flow.json"))
}

// Over stdio the server asks on the one bidirectional stream: roots/list at
// the 2025-11-25 revision, an input request answered by the call's retry at
// the sessionless 2026-07-28 one (the mcp-go client's default).
func TestExportAppUnderTheClientsRootOverStdio(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []client.ClientOption
	}{
		{"defaults", nil},
		{"2025-11-25", []client.ClientOption{client.WithProtocolVersion(mcp.LATEST_LEGACY_PROTOCOL_VERSION)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			d := &Deps{}
			srv := NewServer(d, server.WithOutputSchemaValidation())
			toServer, clientOut := io.Pipe()
			clientIn, fromServer := io.Pipe()
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- server.NewStdioServer(srv).Listen(ctx, toServer, fromServer) }()
			t.Cleanup(func() {
				cancel()
				_ = clientOut.Close()
				_ = fromServer.Close()
				<-done
			})
			opts := append([]client.ClientOption{client.WithRootsHandler(rootsFrom(root))}, tc.opts...)
			c := client.NewClient(transport.NewIO(clientIn, clientOut, io.NopCloser(strings.NewReader(""))), opts...)
			InitializeClient(t, c)
			exportUnderRoot(t, c, root)
		})
	}
}

// getStreams: await sees a stream that is open, or opens within the wait, and
// not one that has closed.
func TestGetStreams(t *testing.T) {
	ctx := context.Background()
	var g getStreams
	assert.False(t, g.await(ctx, 0), "none yet")
	first := g.opened()
	second := g.opened()
	assert.True(t, g.await(ctx, 0), "two open")
	first()
	first() // a second call is a no-op
	assert.True(t, g.await(ctx, 0), "one still open")
	second()
	assert.False(t, g.await(ctx, 0), "all closed")

	got := make(chan bool)
	go func() { got <- g.await(ctx, time.Minute) }()
	closed := g.opened()
	defer closed()
	assert.True(t, <-got, "opened while waiting")
}
