package tools

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/internal/hostguard"
)

// DefaultMaxBodyBytes bounds a POST to /mcp. A flow is a few kilobytes; this
// leaves room for very large ones while refusing a memory-exhausting body.
const DefaultMaxBodyBytes = 4 << 20

// HTTPOptions configure NewHTTPHandler.
type HTTPOptions struct {
	// AuthToken, when set, must arrive as `Authorization: Bearer <token>` on
	// every request; the bearer is then never taken for a FaceSign key.
	AuthToken string
	// AllowedOrigins are browser origins (scheme://host[:port]) allowed besides
	// loopback ones. A request with any other Origin gets 403. Their hosts are
	// also names a request's Host may carry (see hostguard.HostAllowed).
	AllowedOrigins []string
	// PublicURL is the URL browsers reach this listener at (--public-url); its
	// host is a name a request's Host may carry (see hostguard.HostAllowed).
	PublicURL string
	// MaxBodyBytes bounds a POST body (default DefaultMaxBodyBytes); larger
	// bodies get 413.
	MaxBodyBytes int64
	// Heartbeat is the interval of keep-alive pings on a client's GET stream
	// (default 30s; negative disables).
	Heartbeat time.Duration
}

// sessionProtocolVersions are the revisions /mcp serves: the ones with
// sessions. A client that asks for the sessionless 2026-07-28 revision
// (server/discover, or _meta protocolVersion) gets 400 with this list and falls
// back to initialize, so every client gets per-session state (its API key and
// current flow). mcp-go's client, the TypeScript SDK and Claude Code all do.
var sessionProtocolVersions = mcp.LegacyProtocolVersions()

// MCPHandler serves MCP over Streamable HTTP (the /mcp endpoint).
type MCPHandler struct {
	mcp     *server.StreamableHTTPServer
	opts    HTTPOptions
	origins map[string]bool
	hosts   hostguard.TrustedHosts
	events  *eventStore
	store   *SessionStore
	// asks are the requests sent to clients on their calls' streams.
	asks pendingAsks
}

// postStreamKey carries a POST's *postStream from ServeHTTP to the request's
// context (HTTPContextFunc).
type postStreamKey struct{}

// NewHTTPHandler returns the /mcp handler for s. On top of mcp-go's Streamable
// HTTP transport it checks, in order: the Host header (DNS rebinding, see
// hostguard.HostAllowed), the Origin header (absent, a
// loopback origin, or one of AllowedOrigins; else 403, with CORS headers for
// the allowed ones), the auth token (401), the body size (413), and a missing
// Mcp-Session-Id (400). Unknown and ended session ids get 404, because
// d.Sessions issues and validates them. When no AuthToken is set, a request's
// `Authorization: Bearer sk_…` is that request's FaceSign key.
func NewHTTPHandler(s *server.MCPServer, d *Deps, o HTTPOptions) (*MCPHandler, error) {
	d.setDefaults()
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.Heartbeat == 0 {
		o.Heartbeat = 30 * time.Second
	}
	h := &MCPHandler{opts: o, origins: map[string]bool{}, events: newEventStore(d.Clock), store: d.Sessions}
	for _, raw := range o.AllowedOrigins {
		origin, err := normalizeOrigin(raw)
		if err != nil {
			return nil, fmt.Errorf("allowed origin %q: %w", facesign.RedactURL(raw), err)
		}
		h.origins[origin] = true
	}
	h.hosts = hostguard.NewTrustedHosts(append([]string{o.PublicURL}, o.AllowedOrigins...)...)
	headerKeys := o.AuthToken == ""
	sopts := []server.StreamableHTTPOption{
		server.WithSessionIdManager(d.Sessions),
		server.WithStreamableHTTPProtocolVersions(sessionProtocolVersions...),
		server.WithStreamableHTTPLogger(redactSessionIDs(d.Logger)),
		server.WithEventStore(h.events),
		// ServeHTTP's hostguard.HostAllowed runs first and is stricter on every
		// listener; mcp-go's own loopback-only check would refuse the hosts
		// the options trust (--public-url, --allowed-origins) with another
		// message.
		server.WithDisableLocalhostProtection(true),
		server.WithHTTPContextFunc(func(ctx context.Context, r *http.Request) context.Context {
			ri := &requestInfo{headerKeys: headerKeys}
			ri.post, _ = r.Context().Value(postStreamKey{}).(*postStream)
			if headerKeys {
				ri.bearerKey = bearer(r)
			}
			return withRequestInfo(ctx, ri)
		}),
	}
	if o.Heartbeat > 0 {
		sopts = append(sopts, server.WithHeartbeatInterval(o.Heartbeat))
	}
	h.mcp = server.NewStreamableHTTPServer(s, sopts...)
	// A session the store drops on its own (idle, over capacity) is ended in
	// the transport too, exactly as a client's DELETE would, so mcp-go frees
	// what it holds for it.
	d.Sessions.OnEvict(func(id string) {
		req, err := http.NewRequest(http.MethodDelete, "/mcp", nil)
		if err != nil {
			return
		}
		req.Header.Set(server.HeaderKeySessionID, id)
		h.mcp.ServeHTTP(discardResponse{}, req)
	})
	d.Sessions.OnSweep(h.events.trim)
	return h, nil
}

// Run drops replay events older than their five-minute retention every
// interval (the retention when interval is zero) until ctx ends, so that a
// session that has gone quiet does not hold up to 1 MiB of them until the
// idle sweep. The binary runs it next to SessionStore.Run.
func (h *MCPHandler) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = eventRetention
	}
	h.events.run(ctx, interval)
}

// Shutdown ends every session's streams so that http.Server.Shutdown is not
// held up by clients listening on GET.
func (h *MCPHandler) Shutdown(ctx context.Context) error { return h.mcp.Shutdown(ctx) }

func (h *MCPHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !hostguard.HostAllowed(r, h.hosts) {
		hostguard.Refused(w, r)
		return
	}
	origin := r.Header.Get("Origin")
	if origin != "" {
		if !h.originAllowed(origin) {
			red := facesign.RedactURL(origin)
			httpError(w, http.StatusForbidden, "forbidden: Origin %q is not allowed; start the server with --allowed-origins %s to allow it", red, red)
			return
		}
		setCORS(w, origin)
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	if h.opts.AuthToken != "" {
		got := bearer(r)
		if subtle.ConstantTimeCompare([]byte(got), []byte(h.opts.AuthToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="facesign-mcp"`)
			httpError(w, http.StatusUnauthorized, "unauthorized: this server requires `Authorization: Bearer <auth token>` (the --auth-token it was started with)")
			return
		}
	}
	switch r.Method {
	case http.MethodPost:
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				httpError(w, http.StatusRequestEntityTooLarge, "request body is larger than %d bytes", h.opts.MaxBodyBytes)
				return
			}
			httpError(w, http.StatusBadRequest, "reading the request body: %v", err)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if r.Header.Get(server.HeaderKeySessionID) == "" && needsSession(r.Header, body) {
			httpError(w, http.StatusBadRequest, "bad request: missing Mcp-Session-Id header; send initialize first and repeat the id it returns on every request")
			return
		}
		if reply := PromptParamsError(body); reply != nil && h.sessionKnown(r) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write(reply)
			return
		}
		id := r.Header.Get(server.HeaderKeySessionID)
		if id != "" && h.asks.answer(id, body) {
			w.WriteHeader(http.StatusAccepted)
			return
		}
		if ps := newPostStream(w, id, &h.asks); ps != nil {
			defer ps.end()
			r = r.WithContext(context.WithValue(r.Context(), postStreamKey{}, ps))
			w = ps
		}
	case http.MethodGet, http.MethodDelete:
		if r.Header.Get(server.HeaderKeySessionID) == "" && !mcp.IsModernProtocol(r.Header.Get(mcp.HeaderProtocolVersion)) {
			httpError(w, http.StatusBadRequest, "bad request: missing Mcp-Session-Id header")
			return
		}
	case http.MethodOptions:
		w.Header().Set("Allow", "GET, POST, DELETE, OPTIONS")
		w.WriteHeader(http.StatusNoContent)
		return
	default:
		w.Header().Set("Allow", "GET, POST, DELETE, OPTIONS")
		httpError(w, http.StatusMethodNotAllowed, "method %s not allowed on the MCP endpoint", r.Method)
		return
	}
	h.mcp.ServeHTTP(w, r)
}

// sessionKnown reports whether the request's session id (if any) is one the
// store holds: an answer of ours must not stand in for the 404 mcp-go gives
// an unknown session.
func (h *MCPHandler) sessionKnown(r *http.Request) bool {
	id := r.Header.Get(server.HeaderKeySessionID)
	if id == "" {
		return true
	}
	_, err := h.store.Validate(id)
	return err == nil
}

// needsSession reports whether a POST body is a message that must carry a
// session id: anything but initialize, for the session-based revisions. What
// cannot be decoded is left to mcp-go, which answers with a JSON-RPC error.
func needsSession(header http.Header, body []byte) bool {
	var msg struct {
		Method string `json:"method"`
		Params struct {
			Meta map[string]json.RawMessage `json:"_meta"`
		} `json:"params"`
	}
	if json.Unmarshal(body, &msg) != nil || msg.Method == string(mcp.MethodInitialize) {
		return false
	}
	if mcp.IsModernProtocol(header.Get(mcp.HeaderProtocolVersion)) {
		return false // refused by version, with the supported list, further in
	}
	if raw, ok := msg.Params.Meta[mcp.MetaKeyProtocolVersion]; ok {
		var v string
		if json.Unmarshal(raw, &v) == nil && mcp.IsModernProtocol(v) {
			return false
		}
	}
	return true
}

func (h *MCPHandler) originAllowed(origin string) bool {
	o, err := normalizeOrigin(origin)
	if err != nil {
		return false
	}
	if h.origins[o] {
		return true
	}
	u, _ := url.Parse(o)
	return hostguard.IsLoopbackHost(u.Host)
}

// normalizeOrigin lower-cases scheme://host[:port] and refuses anything else
// (paths, "null", other schemes).
func normalizeOrigin(raw string) (string, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(raw), "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.Path != "" || u.RawQuery != "" || u.User != nil || u.Fragment != "" {
		return "", errors.New("expected an origin like https://app.example.com or http://localhost:3000")
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

func setCORS(w http.ResponseWriter, origin string) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Add("Vary", "Origin")
	h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, Mcp-Method, Mcp-Name")
	h.Set("Access-Control-Expose-Headers", "Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate")
	h.Set("Access-Control-Max-Age", "600")
}

func bearer(r *http.Request) string {
	v := r.Header.Get("Authorization")
	if len(v) > 7 && strings.EqualFold(v[:7], "bearer ") {
		return strings.TrimSpace(v[7:])
	}
	return ""
}

func httpError(w http.ResponseWriter, code int, format string, args ...any) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	fmt.Fprintf(w, format+"\n", args...)
}

// discardResponse is the ResponseWriter of the transport's own DELETE for an
// evicted session: nobody reads the answer.
type discardResponse struct{}

func (discardResponse) Header() http.Header         { return http.Header{} }
func (discardResponse) Write(b []byte) (int, error) { return len(b), nil }
func (discardResponse) WriteHeader(int)             {}
