// Package tools is the FaceSign MCP server: its tools, resources and prompts,
// the per-session state they share (API key, current flow), and the transports
// that carry them (Streamable HTTP on /mcp, stdio).
package tools

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/diagram"
	"github.com/facesign/facesign-mcp/internal/netguard"
	"github.com/facesign/facesign-mcp/preview"
)

// Default base URLs. The sandbox one is where `facesign-mcp serve` mounts the
// embedded sandbox on its default address.
const (
	DefaultSandboxURL    = "http://127.0.0.1:7717/sandbox"
	DefaultProductionURL = "https://api.facesign.ai"
)

// Deps are everything the tools need from the outside world, passed explicitly
// so that tests can swap any of them. Zero fields get defaults in NewServer.
type Deps struct {
	// Logger receives operational logs (stderr in the binary). Never stdout:
	// in stdio mode stdout is the MCP channel.
	Logger *slog.Logger
	// Version is reported as the server version in initialize.
	Version string
	// SandboxURL is the base URL for sk_test_ keys (the embedded sandbox unless
	// --sandbox-url names another).
	SandboxURL string
	// NoSandbox, when set, says why this server has no sandbox: sk_test_ keys
	// without a serverUrl then fail with that reason instead of going to
	// SandboxURL, which names nothing of ours (a port someone else may hold).
	NoSandbox string
	// ProductionURL is the base URL for production keys (--server-url).
	ProductionURL string
	// EnvKey is FACESIGN_API_KEY as read at start: the key of last resort.
	EnvKey string
	// HTTPClient is used by every FaceSign client the tools create.
	HTTPClient *http.Client
	// Clock is the time source for session idleness and anything else the
	// tools time-stamp; tests inject a fake one.
	Clock func() time.Time
	// Sessions holds per-MCP-session state. NewServer creates one when nil.
	Sessions *SessionStore
	// NewClient builds a FaceSign client for a key and base URL that sends its
	// requests with hc: HTTPClient for the operator's own URLs, the guarded
	// client for a serverUrl given to set_api_key. Nil means the real
	// facesign client; tests may substitute one pointed at a stub.
	NewClient func(key, baseURL string, hc *http.Client) (*facesign.Client, error)
	// AllowPrivateAPI lets a serverUrl given to set_api_key reach loopback
	// and private-network addresses (--allow-private-api), for a FaceSign
	// API or a stand-in the operator runs on this machine or the LAN.
	// Link-local and cloud-metadata addresses stay refused.
	AllowPrivateAPI bool
	// ServerURLResolver resolves the host of a serverUrl given to
	// set_api_key (nil: the system resolver). Tests stub it; whatever it
	// answers, the address is judged by the policy when it is dialled.
	ServerURLResolver netguard.Resolver
	// ServerURLTLS is the TLS configuration for serverUrls given to
	// set_api_key (nil: the system's roots); tests trust their own server.
	ServerURLTLS *tls.Config
	// DeliveryWait bounds how long simulate_session waits for the sandbox's
	// first webhook delivery attempts before it answers with what it has
	// (rows still "pending"); zero means DefaultDeliveryWait. Locally they take
	// milliseconds; the bound is for an endpoint that hangs.
	DeliveryWait time.Duration
	// Previews serves launch_session_ui's pages; nil when this process has no
	// HTTP listener for them (the tool then says so).
	Previews *preview.Server
	// PreviewBaseURL is where browsers reach Previews' listener, e.g.
	// http://127.0.0.1:7717 (or --public-url).
	PreviewBaseURL string
	// OpenBrowser opens a URL in the user's browser; nil when this server
	// must not (no desktop, CI, --no-browser).
	OpenBrowser func(url string) error
	// ExportRoot, when set, is the only directory export_app writes under
	// (--export-root): relative outputDirs are taken from it when the client
	// shares no roots, and no export leaves it.
	ExportRoot string
	// ExportNeedsRoot is set when the server listens beyond loopback: a
	// remote client must not choose where this machine writes, so export_app
	// works only under ExportRoot.
	ExportNeedsRoot bool
	// Diagrams draws the flow in the MCP Apps session view; NewServer makes
	// one when nil (Graphviz starts on its first drawing, not before).
	Diagrams *diagram.Renderer

	// clients keeps the clients NewClient made, so that a tool call does not
	// build one (and parse its key and URL) every time.
	clients *clientCache
	// guarded sends the requests of clients for user-given serverUrls: every
	// connection's address is checked by the policy, no proxy (the check
	// must see the real address), no redirects.
	guarded *http.Client
}

// serverURLPolicy is where a serverUrl given to set_api_key may lead.
func (d *Deps) serverURLPolicy() netguard.Policy {
	return netguard.Policy{Loopback: d.AllowPrivateAPI, Private: d.AllowPrivateAPI}
}

// newGuardedHTTPClient is the client for user-given serverUrls.
func (d *Deps) newGuardedHTTPClient() *http.Client {
	dialer := &netguard.Dialer{Policy: d.serverURLPolicy(), Resolver: d.ServerURLResolver}
	t := &http.Transport{
		DialContext:           dialer.DialContext,
		TLSClientConfig:       d.ServerURLTLS,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          maxIdleConns,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: t, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// DefaultDeliveryWait is Deps.DeliveryWait's default.
const DefaultDeliveryWait = 3 * time.Second

// Connection pool sizes of the default HTTPClient. Every session of a busy
// server calls the same one or two hosts (the embedded sandbox, FaceSign);
// net/http's default of two idle connections per host would make most
// concurrent calls open, and then close, a connection of their own.
const (
	maxIdleConns        = 256
	maxIdleConnsPerHost = 128
)

// NewHTTPClient is the default HTTPClient: net/http's default transport
// (proxies from the environment, HTTP/2, timeouts) with a pool sized for many
// concurrent sessions.
func NewHTTPClient() *http.Client {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return &http.Client{}
	}
	t = t.Clone()
	t.MaxIdleConns = maxIdleConns
	t.MaxIdleConnsPerHost = maxIdleConnsPerHost
	return &http.Client{Transport: t}
}

// setDefaults fills zero fields. It is idempotent and called by NewServer.
func (d *Deps) setDefaults() {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Version == "" {
		d.Version = "dev"
	}
	if d.SandboxURL == "" && d.NoSandbox == "" {
		d.SandboxURL = DefaultSandboxURL
	}
	if d.ProductionURL == "" {
		d.ProductionURL = DefaultProductionURL
	}
	if d.HTTPClient == nil {
		// Each FaceSign call is bounded per attempt by the facesign client and
		// overall by the tool call's context.
		d.HTTPClient = NewHTTPClient()
	}
	if d.Clock == nil {
		d.Clock = time.Now
	}
	if d.Diagrams == nil && d.Previews != nil {
		// One renderer for the preview pages and the MCP App view: one cache of
		// drawings, and one bound on concurrent layouts for the whole process.
		d.Diagrams = d.Previews.Diagrams()
	}
	if d.Diagrams == nil {
		d.Diagrams = diagram.NewRenderer(0)
	}
	if d.DeliveryWait <= 0 {
		d.DeliveryWait = DefaultDeliveryWait
	}
	if d.Sessions == nil {
		d.Sessions = NewSessionStore(SessionStoreOptions{Clock: d.Clock})
	}
	if d.clients == nil {
		d.clients = &clientCache{m: map[clientKey]*facesign.Client{}}
	}
	if d.guarded == nil {
		d.guarded = d.newGuardedHTTPClient()
	}
	if d.NewClient == nil {
		d.NewClient = func(key, baseURL string, hc *http.Client) (*facesign.Client, error) {
			opts := []facesign.Option{
				facesign.WithBaseURL(baseURL),
				facesign.WithHTTPClient(hc),
				facesign.WithLogger(d.Logger),
				facesign.WithClock(d.Clock),
				facesign.WithUserAgent(ServerName + "/" + d.Version),
			}
			if hc == d.guarded {
				// No retries to an address a user named: a closed port
				// (retried, slow) and an open one (answered, fast) would
				// otherwise tell apart by the time set_api_key takes.
				opts = append(opts, facesign.WithRetry(1, 0, 0))
			}
			return facesign.New(key, opts...)
		}
	}
}

// KeySource says where the key a tool used came from.
type KeySource string

// Key sources, in the order they are consulted.
const (
	KeyFromSession KeySource = "set_api_key"
	KeyFromHeader  KeySource = "authorization_header"
	KeyFromEnv     KeySource = "FACESIGN_API_KEY"
)

// KeyInfo describes the key a client was made with, safe to show anyone.
type KeyInfo struct {
	Environment facesign.Environment `json:"environment" jsonschema:"sandbox or production"`
	Redacted    string               `json:"key" jsonschema:"the key as it may be shown: prefix and last four characters"`
	Source      KeySource            `json:"source" jsonschema:"where the key came from: set_api_key, authorization_header or FACESIGN_API_KEY"`
	ServerURL   string               `json:"serverUrl" jsonschema:"the FaceSign API base URL the key is used against"`
}

// ErrNoKey is the cause of the error Client returns when no key is available.
var ErrNoKey = errors.New("no FaceSign API key")

// Client returns a FaceSign client for the calling MCP session. The key is the
// first of: the session's key (set_api_key, with its serverUrl), the request's
// `Authorization: Bearer` key (HTTP without --auth-token only), FACESIGN_API_KEY.
// Without any, the error (wrapping ErrNoKey) says exactly how to provide one.
func (d *Deps) Client(ctx context.Context) (*facesign.Client, KeyInfo, error) {
	if key, serverURL := d.State(ctx).Key(); key != "" {
		return d.ClientFor(key, serverURL, KeyFromSession)
	}
	if key := bearerKeyFromContext(ctx); key != "" {
		return d.ClientFor(key, "", KeyFromHeader)
	}
	if d.EnvKey != "" {
		return d.ClientFor(d.EnvKey, "", KeyFromEnv)
	}
	return nil, KeyInfo{}, noKeyError(ctx)
}

// ClientFor checks key's form and returns a client for it against serverURL,
// or, when serverURL is empty, the sandbox (sk_test_) or production base URL.
// set_api_key uses it to prove a key before keeping it. Errors never contain
// the key.
func (d *Deps) ClientFor(key, serverURL string, source KeySource) (*facesign.Client, KeyInfo, error) {
	info := KeyInfo{Redacted: facesign.Redact(key), Source: source}
	env, err := facesign.ParseKey(key)
	if err != nil {
		return nil, info, fmt.Errorf("the FaceSign API key from %s (%s) cannot be used: %w", describeSource(source), info.Redacted, err)
	}
	info.Environment = env
	base, guarded := serverURL, false
	if base != "" {
		if base, err = NormalizeServerURL(base); err != nil {
			return nil, info, err
		}
		// The operator's own URLs (--sandbox-url, --server-url, the embedded
		// sandbox) are trusted whoever names them; any other is the user's.
		if base != d.SandboxURL && base != d.ProductionURL {
			if err := d.checkUserServerURL(base, env); err != nil {
				return nil, info, err
			}
			guarded = true
		}
	}
	if base == "" {
		base = d.ProductionURL
		if env == facesign.EnvSandbox {
			if d.NoSandbox != "" {
				return nil, info, fmt.Errorf("the sandbox key %s cannot be used: this server has no sandbox: %s. "+
					"Call set_api_key with a serverUrl, or restart the server with --sandbox-url or a free --addr", info.Redacted, d.NoSandbox)
			}
			base = d.SandboxURL
		}
	}
	info.ServerURL = base
	c, err := d.clientFor(key, base, guarded)
	if err != nil {
		return nil, info, fmt.Errorf("cannot make a FaceSign client for %s at %s: %w", info.Redacted, base, err)
	}
	return c, info, nil
}

// clientFor returns the cached client for (key, base), making it with
// NewClient the first time. A facesign.Client is immutable and safe for
// concurrent use, so every session using a key shares one, and with it the
// HTTPClient's kept-alive connections.
func (d *Deps) clientFor(key, base string, guarded bool) (*facesign.Client, error) {
	if d.clients == nil || d.guarded == nil { // a Deps used without setDefaults
		d.setDefaults()
	}
	hc := d.HTTPClient
	if guarded {
		hc = d.guarded
	}
	return d.clients.get(clientKey{key, base, guarded}, func() (*facesign.Client, error) { return d.NewClient(key, base, hc) })
}

// ErrServerURLRefused is the cause of a serverUrl refused by the policy
// before any connection.
var ErrServerURLRefused = errors.New("serverUrl refused")

// checkUserServerURL is the early, specific refusal of a serverUrl given to
// set_api_key: production keys go over https only, the port must be real,
// and a host spelt as a refused address is refused before any connection.
// Names are judged again on the address they resolve to, when dialled.
func (d *Deps) checkUserServerURL(base string, env facesign.Environment) error {
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("%w: %q does not parse", ErrServerURLRefused, facesign.RedactURL(base))
	}
	if err := netguard.CheckPort(u); err != nil {
		return fmt.Errorf("%w: %q: %w", ErrServerURLRefused, facesign.RedactURL(base), err)
	}
	if env != facesign.EnvSandbox && u.Scheme != "https" {
		return fmt.Errorf("%w: %q is not https://, and a production key is sent only over https", ErrServerURLRefused, facesign.RedactURL(base))
	}
	if err := d.serverURLPolicy().CheckHost(u.Hostname()); err != nil {
		hint := "link-local and cloud-metadata addresses are never allowed"
		var ge *netguard.Error
		if errors.As(err, &ge) && (ge.Class == netguard.Loopback || ge.Class == netguard.Private) {
			hint = "the server's operator can allow loopback and private addresses by starting it with --allow-private-api"
		}
		return fmt.Errorf("%w: the host of %q is %s, which set_api_key does not send keys to; %s", ErrServerURLRefused,
			facesign.RedactURL(base), classOf(err), hint)
	}
	return nil
}

func classOf(err error) string {
	var ge *netguard.Error
	if errors.As(err, &ge) {
		return ge.Class.String()
	}
	return "an address that is not allowed"
}

// maxCachedClients bounds the client cache. Past it, an arbitrary entry
// makes room: rebuilding a client costs microseconds.
const maxCachedClients = 1024

type clientKey struct {
	key, base string
	guarded   bool
}

type clientCache struct {
	mu sync.Mutex
	m  map[clientKey]*facesign.Client
}

// get builds under the lock: making a client costs microseconds (no I/O), and
// it means concurrent first calls make exactly one.
func (c *clientCache) get(k clientKey, build func() (*facesign.Client, error)) (*facesign.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl, ok := c.m[k]; ok {
		return cl, nil
	}
	cl, err := build()
	if err != nil {
		return nil, err
	}
	for victim := range c.m {
		if len(c.m) < maxCachedClients {
			break
		}
		delete(c.m, victim)
	}
	c.m[k] = cl
	return cl, nil
}

// len is the number of cached clients (for tests).
func (c *clientCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// NormalizeServerURL checks a user-supplied FaceSign base URL (serverUrl,
// --server-url, --sandbox-url) and drops a trailing slash.
// Its errors quote the URL through RedactURL: a password typed into it must
// not come back in a tool result or on stderr.
func NormalizeServerURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("serverUrl %q is not an http(s) URL; expected something like https://api.facesign.ai", facesign.RedactURL(raw))
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("serverUrl %q must be a plain base URL without credentials, query or fragment", facesign.RedactURL(raw))
	}
	return strings.TrimRight(u.String(), "/"), nil
}

func describeSource(s KeySource) string {
	switch s {
	case KeyFromSession:
		return "set_api_key"
	case KeyFromHeader:
		return "the Authorization header"
	case KeyFromEnv:
		return "the FACESIGN_API_KEY environment variable"
	}
	return string(s)
}

// noKeyError names every way to provide a key that works for this transport.
func noKeyError(ctx context.Context) error {
	ways := "call the set_api_key tool with your key (sk_test_… uses the offline sandbox, sk_prod_… uses FaceSign production)"
	if ri := requestInfoFromContext(ctx); ri != nil && ri.headerKeys {
		ways += ", or send it with every request as the header `Authorization: Bearer sk_test_…` in your MCP client's server config"
	}
	ways += ", or restart the server with FACESIGN_API_KEY set in its environment"
	return fmt.Errorf("%w for this session: %s", ErrNoKey, ways)
}

// requestInfo is what the HTTP transport learned from the request that is not
// part of MCP: the per-request key, and whether such keys are accepted at all.
type requestInfo struct {
	bearerKey  string
	headerKeys bool
	// post is the stream of the POST carrying the request, nil when the
	// response cannot stream.
	post *postStream
}

type requestInfoKey struct{}

func withRequestInfo(ctx context.Context, ri *requestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey{}, ri)
}

func requestInfoFromContext(ctx context.Context) *requestInfo {
	ri, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	return ri
}

func bearerKeyFromContext(ctx context.Context) string {
	if ri := requestInfoFromContext(ctx); ri != nil {
		return ri.bearerKey
	}
	return ""
}
