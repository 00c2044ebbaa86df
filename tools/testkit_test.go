package tools

// The test kit: the one set of helpers every test of this package uses to
// stand the server up and speak MCP to it. It is exported so that the external
// tests (package tools_test: the end-to-end tests and the benchmarks) reach it
// as tools.X; being a _test.go file, it is compiled into tests only, never
// into the package. Helpers take testing.TB so that benchmarks can use them.

import (
	"context"
	"encoding/json"
	"log/slog"
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

	"github.com/facesign/facesign-mcp/internal/inproc"
	"github.com/facesign/facesign-mcp/preview"
	"github.com/facesign/facesign-mcp/sandbox"
)

// How long a test waits for a client to start and initialize, and for one
// tools/call or resources/read; generous for a loaded 2-core machine.
const (
	startTimeout = 20 * time.Second
	callTimeout  = 30 * time.Second
)

// MCPStack is the real server (NewServer + NewHTTPHandler at /mcp) on a
// loopback httptest server and, when asked, the real in-process sandbox at
// /sandbox/ on the same listener: the binary's wiring.
type MCPStack struct {
	Deps    *Deps
	Server  *server.MCPServer
	Handler *MCPHandler
	HTTP    *httptest.Server
	// URL is the MCP endpoint.
	URL string
	// SandboxURL is the sandbox API's base URL, "" without a sandbox.
	SandboxURL string
}

// StackOptions shape NewMCPStack; the zero value is the server at its
// defaults, without a sandbox.
type StackOptions struct {
	// Deps are the server's dependencies (nil: &Deps{}). With a sandbox, its
	// SandboxURL is pointed at it.
	Deps *Deps
	HTTP HTTPOptions
	// Server are NewServer's options, e.g. server.WithOutputSchemaValidation()
	// to prove every structured result matches its published schema.
	Server []server.ServerOption
	// Tools are added to the FaceSign ones before the handler is made.
	Tools []server.ServerTool
	// Sandbox, when not nil, mounts the real sandbox. A zero DataDir, PublicURL,
	// Logger or JanitorInterval becomes a temp dir, the listener's URL, a
	// discarding logger and no janitor.
	Sandbox *sandbox.Config
	// InProcessSandbox has the tools reach the sandbox through its handler in
	// this process, as the command wires it (internal/inproc), instead of
	// over loopback TCP; the listener serves it too.
	InProcessSandbox bool
}

// NewMCPStack starts the stack; it is closed when tb ends.
func NewMCPStack(tb testing.TB, o StackOptions) *MCPStack {
	tb.Helper()
	mux := http.NewServeMux()
	ts := httptest.NewServer(mux)
	tb.Cleanup(ts.Close)
	d := o.Deps
	if d == nil {
		d = &Deps{}
	}
	st := &MCPStack{Deps: d, HTTP: ts, URL: ts.URL + "/mcp"}
	if o.Sandbox != nil {
		cfg := *o.Sandbox
		if cfg.DataDir == "" {
			cfg.DataDir = tb.TempDir()
		}
		if cfg.PublicURL == "" {
			cfg.PublicURL = ts.URL
		}
		if cfg.Logger == nil {
			cfg.Logger = slog.New(slog.DiscardHandler)
		}
		if cfg.JanitorInterval == 0 {
			cfg.JanitorInterval = -1
		}
		sb, err := sandbox.New(context.Background(), cfg)
		require.NoError(tb, err)
		tb.Cleanup(func() { _ = sb.Close() })
		mux.Handle("/sandbox/", sb.Handler())
		mux.Handle("/verify", sb.PageHandler())
		mux.Handle("/verify/", sb.PageHandler())
		st.SandboxURL = ts.URL + "/sandbox"
		d.SandboxURL = st.SandboxURL
		if o.InProcessSandbox {
			hc := NewHTTPClient()
			rt, err := inproc.Route(st.SandboxURL, &inproc.Transport{Handler: sb.Handler()}, hc.Transport)
			require.NoError(tb, err)
			hc.Transport = rt
			d.HTTPClient = hc
		}
	}
	if d.Previews == nil {
		d.Previews = preview.New(preview.Config{})
	}
	if d.PreviewBaseURL == "" {
		d.PreviewBaseURL = ts.URL
	}
	mux.Handle("/preview/", d.Previews.Handler())
	st.Server = NewServer(d, o.Server...)
	if len(o.Tools) > 0 {
		st.Server.AddTools(o.Tools...)
	}
	h, err := NewHTTPHandler(st.Server, d, o.HTTP)
	require.NoError(tb, err)
	st.Handler = h
	mux.Handle("/mcp", h)
	return st
}

// Dial connects a client to the stack; see Dial.
func (s *MCPStack) Dial(tb testing.TB, opts ...DialOption) *client.Client {
	tb.Helper()
	return Dial(tb, s.URL, opts...)
}

// DialOption changes how Dial makes its client.
type DialOption func(*dialConfig)

type dialConfig struct {
	headers    map[string]string
	httpClient *http.Client
	clientOpts []client.ClientOption
	transOpts  []transport.StreamableHTTPCOption
	notes      *Notifications
}

// DialHeaders sends headers on every request.
func DialHeaders(h map[string]string) DialOption {
	return func(c *dialConfig) { c.headers = h }
}

// DialHTTPClient sends the requests with hc (a benchmark's pooled client).
func DialHTTPClient(hc *http.Client) DialOption {
	return func(c *dialConfig) { c.httpClient = hc }
}

// DialClientOptions passes options to the mcp-go client, e.g. an elicitation
// handler or a protocol version.
func DialClientOptions(opts ...client.ClientOption) DialOption {
	return func(c *dialConfig) { c.clientOpts = append(c.clientOpts, opts...) }
}

// DialTransportOptions passes options to the Streamable HTTP transport, e.g.
// transport.WithContinuousListening() to open the GET stream after initialize.
func DialTransportOptions(opts ...transport.StreamableHTTPCOption) DialOption {
	return func(c *dialConfig) { c.transOpts = append(c.transOpts, opts...) }
}

// DialRecording records every notification the client receives in n.
func DialRecording(n *Notifications) DialOption {
	return func(c *dialConfig) { c.notes = n }
}

// Dial connects an mcp-go client, at its defaults unless opts say otherwise,
// over Streamable HTTP to url, and initializes it. At its defaults the client
// probes the sessionless 2026-07-28 revision first, as current clients do.
func Dial(tb testing.TB, url string, opts ...DialOption) *client.Client {
	tb.Helper()
	var cfg dialConfig
	for _, o := range opts {
		o(&cfg)
	}
	var topts []transport.StreamableHTTPCOption
	if cfg.headers != nil {
		topts = append(topts, transport.WithHTTPHeaders(cfg.headers))
	}
	if cfg.httpClient != nil {
		topts = append(topts, transport.WithHTTPBasicClient(cfg.httpClient))
	}
	topts = append(topts, cfg.transOpts...)
	tr, err := transport.NewStreamableHTTP(url, topts...)
	require.NoError(tb, err)
	c := client.NewClient(tr, cfg.clientOpts...)
	if cfg.notes != nil {
		c.OnNotification(cfg.notes.add)
	}
	InitializeClient(tb, c)
	return c
}

// InitializeClient starts c, whatever its transport, and initializes it; c is
// closed when tb ends.
func InitializeClient(tb testing.TB, c *client.Client) {
	tb.Helper()
	// Start's context is the life of the client's background work (the GET
	// stream a client with continuous listening opens after initialize), so it
	// must last until the client closes, not just until initialize returns.
	life, end := context.WithCancel(context.Background())
	tb.Cleanup(end)
	require.NoError(tb, c.Start(life))
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	req := mcp.InitializeRequest{}
	req.Params.ClientInfo = mcp.Implementation{Name: "tools-test", Version: "1"}
	_, err := c.Initialize(ctx, req)
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = c.Close() })
}

// Notifications collects the notifications a client receives (DialRecording).
type Notifications struct {
	mu    sync.Mutex
	items []mcp.JSONRPCNotification
}

func (n *Notifications) add(x mcp.JSONRPCNotification) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.items = append(n.items, x)
}

// Of returns the notifications of one method, in the order received.
func (n *Notifications) Of(method string) []mcp.JSONRPCNotification {
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

// CallTool calls a tool and fails the test on a protocol error: every expected
// failure must come back as an isError result.
func CallTool(tb testing.TB, c *client.Client, name string, args any) *mcp.CallToolResult {
	tb.Helper()
	return CallToolWithMeta(tb, c, name, args, nil)
}

// CallToolWithMeta is CallTool with the request's _meta, e.g. a progress token.
func CallToolWithMeta(tb testing.TB, c *client.Client, name string, args any, meta *mcp.Meta) *mcp.CallToolResult {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	res, err := CallToolContext(ctx, c, name, args, meta)
	require.NoError(tb, err, "tools/call %s must not be a protocol error", name)
	return res
}

// CallToolContext makes one tools/call under ctx: a protocol error is err, a
// tool's failure an isError result. It neither fails a test nor sets a
// deadline, so a benchmark's loop or a goroutine can use it.
func CallToolContext(ctx context.Context, c *client.Client, name string, args any, meta *mcp.Meta) (*mcp.CallToolResult, error) {
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	req.Params.Meta = meta
	return c.CallTool(ctx, req)
}

// RequireOK asserts a successful call with structured content and a text
// rendering, and decodes the structured content into out unless out is nil.
func RequireOK(tb testing.TB, res *mcp.CallToolResult, out any) {
	tb.Helper()
	require.False(tb, res.IsError, "unexpected isError: %s", ResultText(res))
	require.NotNil(tb, res.StructuredContent, "structured content")
	require.NotEmpty(tb, ResultText(res), "a text rendering")
	b, err := json.Marshal(res.StructuredContent)
	require.NoError(tb, err)
	if out != nil {
		require.NoError(tb, json.Unmarshal(b, out), "structured content %s", b)
	}
}

// OKMap is RequireOK into a map: the structured content must be an object.
func OKMap(tb testing.TB, res *mcp.CallToolResult) map[string]any {
	tb.Helper()
	var m map[string]any
	RequireOK(tb, res, &m)
	return m
}

// RequireToolError asserts an isError result and returns its text.
func RequireToolError(tb testing.TB, res *mcp.CallToolResult) string {
	tb.Helper()
	require.True(tb, res.IsError, "expected isError, got: %s", ResultText(res))
	return ResultText(res)
}

// ResultText is the text content of a result, one line a text item.
func ResultText(res *mcp.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// ReadResourceText reads a resource that must have exactly one text content.
func ReadResourceText(tb testing.TB, c *client.Client, uri string) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	req := mcp.ReadResourceRequest{}
	req.Params.URI = uri
	res, err := c.ReadResource(ctx, req)
	require.NoError(tb, err)
	require.Len(tb, res.Contents, 1)
	tc, ok := res.Contents[0].(mcp.TextResourceContents)
	require.True(tb, ok, "text contents, got %T", res.Contents[0])
	return tc.Text
}

// ProtocolRevision is a protocol revision a client may speak, as the client
// options that make an mcp-go client speak it.
type ProtocolRevision struct {
	Name string
	Opts []client.ClientOption
}

// ProtocolRevisions are the revisions a feature that differs between them is
// tested at: the mcp-go client's default (the sessionless 2026-07-28) and the
// last one with sessions (2025-11-25).
func ProtocolRevisions() []ProtocolRevision {
	return []ProtocolRevision{
		{"defaults", nil},
		{"2025-11-25", []client.ClientOption{client.WithProtocolVersion(mcp.LATEST_LEGACY_PROTOCOL_VERSION)}},
	}
}
