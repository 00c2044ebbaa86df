package tools

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/internal/syncbuffer"
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

// A client that shares its roots gets a relative outputDir under its root
// over Streamable HTTP, whether or not it listens on the GET stream (the
// TypeScript SDK's client does, mcp-go's only when told to): the server asks
// on the call's own stream. At the mcp-go client's defaults it first probes
// the sessionless 2026-07-28 revision, which /mcp refuses, and falls back to
// sessions.
func TestExportAppUnderTheClientsRoot(t *testing.T) {
	legacy := client.WithProtocolVersion(mcp.LATEST_LEGACY_PROTOCOL_VERSION)
	// Deliberately the deprecated option: clients that still open the GET
	// stream exist, and roots must reach them too.
	//lint:ignore SA1019 testing the legacy listening client on purpose
	listening := DialTransportOptions(transport.WithContinuousListening())
	for _, tc := range []struct {
		name string
		opts []client.ClientOption
		dial []DialOption
	}{
		{name: "defaults"},
		{name: "2025-11-25", opts: []client.ClientOption{legacy}},
		{name: "defaults, listening", dial: []DialOption{listening}},
		{name: "2025-11-25, listening", opts: []client.ClientOption{legacy}, dial: []DialOption{listening}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			opts := append([]client.ClientOption{client.WithRootsHandler(rootsFrom(root))}, tc.opts...)
			c := exportStack(t, &Deps{}).Dial(t, append(tc.dial, DialClientOptions(opts...))...)
			exportUnderRoot(t, c, root)
			// Twice on one session: the second call's stream is SSE from the
			// start (mcp-go keeps the session there once asked to).
			again := CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": "verify-app-2"})
			require.False(t, again.IsError, ResultText(again))
			assert.FileExists(t, filepath.Join(root, "verify-app-2", "flow.json"))
		})
	}
}

// A client that declares roots and answers roots/list with an error, or not
// at all, may still export to an absolute path; a relative one is refused
// with what to do.
func TestExportAppRootsRefused(t *testing.T) {
	c := exportStack(t, &Deps{}).Dial(t, DialClientOptions(client.WithRootsHandler(failingRoots{})))
	msg := RequireToolError(t, CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": "verify-app"}))
	assert.Contains(t, msg, `outputDir "verify-app" is relative`)
	assert.Contains(t, msg, "Pass an absolute path")

	abs := filepath.Join(t.TempDir(), "abs-app")
	res := CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": abs})
	require.False(t, res.IsError, ResultText(res))
	assert.FileExists(t, filepath.Join(abs, "flow.json"))
}

// A client's error text is its own to choose: what it answers reaches the
// log cut short, not as one line of up to the body limit.
func TestExportAppRootsErrorLoggedShort(t *testing.T) {
	var logs syncbuffer.Buffer
	d := &Deps{Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	huge := "no workspace " + strings.Repeat("é", 500_000)
	c := exportStack(t, d).Dial(t, DialClientOptions(client.WithRootsHandler(failingRoots{msg: huge})))
	RequireToolError(t, CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": "verify-app"}))
	line := logs.String()
	require.Contains(t, line, "roots/list failed")
	assert.Contains(t, line, "no workspace é")
	assert.Less(t, len(line), 2*maxPeerError+500, "the client's text is cut")
	assert.True(t, utf8.ValidString(line), "cut on a character boundary")
}

// failingRoots declares roots and fails to list them, with msg or a short
// message of its own.
type failingRoots struct{ msg string }

func (f failingRoots) ListRoots(context.Context, mcp.ListRootsRequest) (*mcp.ListRootsResult, error) {
	if f.msg != "" {
		return nil, errors.New(f.msg)
	}
	return nil, errors.New("no workspace open")
}

// Over stdio the server asks on the one bidirectional stream: roots/list at
// the 2025-11-25 revision, an input request answered by the call's retry at
// the sessionless 2026-07-28 one (the mcp-go client's default).
func TestExportAppUnderTheClientsRootOverStdio(t *testing.T) {
	for _, tc := range ProtocolRevisions() {
		t.Run(tc.Name, func(t *testing.T) {
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
			opts := append([]client.ClientOption{client.WithRootsHandler(rootsFrom(root))}, tc.Opts...)
			c := client.NewClient(transport.NewIO(clientIn, clientOut, io.NopCloser(strings.NewReader(""))), opts...)
			InitializeClient(t, c)
			exportUnderRoot(t, c, root)
		})
	}
}

// One call that asks for both the roots (on the call's stream, by this
// server) and the use case (elicitation, on the same stream, by mcp-go):
// both questions reach the client whole and both answers are used.
func TestExportAppAsksForRootsAndUseCaseInOneCall(t *testing.T) {
	root := t.TempDir()
	form := &formAnswerer{action: mcp.ElicitationResponseActionAccept, content: map[string]any{"useCase": "face-enrollment"}}
	c := exportStack(t, &Deps{}).Dial(t, DialClientOptions(client.WithRootsHandler(rootsFrom(root)), client.WithElicitationHandler(form)))
	res := CallTool(t, c, "export_app", map[string]any{"description": "liveness check, then an email code", "outputDir": "enroll-app"})
	out := OKMap(t, res)
	assert.Equal(t, "face-enrollment", out["useCase"])
	assert.Equal(t, filepath.Join(root, "enroll-app"), out["dir"])
	require.Len(t, form.shown(), 1)
}
