package hosted_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox"
)

const testKey = "sk_test_hostedPage0001"

// clock is the sandbox's settable clock, for expiry.
type clock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.off += d
	c.mu.Unlock()
}

// env is a sandbox served the way cmd serves it (API under /sandbox, the page
// at /verify) on one loopback port, a webhook receiver, and an embedding page
// on another loopback port (another origin of the same site).
type env struct {
	t      testing.TB
	sb     *sandbox.Sandbox
	base   string // http://127.0.0.1:PORT of the sandbox listener
	clock  *clock
	hooks  *hookRecorder
	parent *httptest.Server
}

func newEnv(t testing.TB) *env {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	base := "http://" + ln.Addr().String()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("SANDBOX_TEST_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	c := &clock{}
	sb, err := sandbox.New(context.Background(), sandbox.Config{DataDir: t.TempDir(), PublicURL: base, Logger: log,
		JanitorInterval: -1, WebhookRetryScale: 0.001, Clock: c.Now})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/sandbox/", sb.Handler())
	mux.Handle("/verify", sb.PageHandler())
	mux.Handle("/verify/", sb.PageHandler())
	srv := httptest.NewUnstartedServer(mux)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	e := &env{t: t, sb: sb, base: base, clock: c, hooks: &hookRecorder{}}
	e.parent = httptest.NewServer(http.HandlerFunc(serveParent))
	t.Cleanup(func() {
		e.parent.Close()
		srv.Close()
		require.NoError(t, sb.Close())
	})
	return e
}

// parentPage embeds the page as an integrator would, and keeps every
// facesign event it receives from the page's origin, in order.
var parentPage = template.Must(template.New("p").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Embedding app</title></head>
<body style="margin:0">
<iframe id="fs" title="Identity verification" allow="camera; microphone; autoplay" src="{{.}}" style="width:100%;height:1400px;border:0"></iframe>
<script>
window.fsEvents = [];
var fsOrigin = new URL(document.getElementById("fs").src).origin;
window.addEventListener("message", function (e) {
  if (e.origin !== fsOrigin || !e.data || e.data.source !== "facesign") return;
  window.fsEvents.push(e.data);
});
</script>
</body></html>`))

func serveParent(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = parentPage.Execute(w, r.URL.Query().Get("src"))
}

// parentURL is the embedding page for a clientSecret.url.
func (e *env) parentURL(src string) string {
	return e.parent.URL + "/?src=" + urlQueryEscape(src)
}

func (e *env) call(method, path string, body any) (int, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(e.t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, e.base+"/sandbox"+path, rd)
	require.NoError(e.t, err)
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(e.t, err)
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	require.NoError(e.t, err)
	return res.StatusCode, out
}

type created struct {
	Session      facesign.Session      `json:"session"`
	ClientSecret facesign.ClientSecret `json:"clientSecret"`
}

// create makes a session of flow (JSON text) with extra settings.
func (e *env) create(flow string, extra map[string]any) created {
	e.t.Helper()
	body := map[string]any{"flow": json.RawMessage(flow)}
	for k, v := range extra {
		body[k] = v
	}
	status, out := e.call("POST", "/sessions", body)
	require.Equal(e.t, http.StatusCreated, status, "%s", out)
	var c created
	require.NoError(e.t, json.Unmarshal(out, &c))
	return c
}

func (e *env) session(id string) facesign.Session {
	e.t.Helper()
	status, out := e.call("GET", "/sessions/"+id, nil)
	require.Equal(e.t, http.StatusOK, status, "%s", out)
	var c created
	require.NoError(e.t, json.Unmarshal(out, &c))
	return c.Session
}

func (e *env) refresh(id string) facesign.ClientSecret {
	e.t.Helper()
	status, out := e.call("GET", "/sessions/"+id+"/refresh", nil)
	require.Equal(e.t, http.StatusOK, status, "%s", out)
	var c created
	require.NoError(e.t, json.Unmarshal(out, &c))
	return c.ClientSecret
}

// hookRecorder is a webhook endpoint that verifies and keeps deliveries.
type hookRecorder struct {
	mu     sync.Mutex
	secret string
	events []facesign.WebhookEvent
	bad    int
}

func (h *hookRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	secret := h.secret
	h.mu.Unlock()
	_, ev, err := facesign.VerifyRequest(r, []string{secret}, facesign.DefaultTolerance, time.Now())
	h.mu.Lock()
	defer h.mu.Unlock()
	if err != nil {
		h.bad++
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.events = append(h.events, *ev)
	w.WriteHeader(http.StatusNoContent)
}

// eventsFor returns the verified deliveries for a session.
func (h *hookRecorder) eventsFor(id string) []facesign.WebhookEvent {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []facesign.WebhookEvent
	for _, ev := range h.events {
		if ev.SessionID == id {
			out = append(out, ev)
		}
	}
	return out
}

// listenHooks registers a loopback webhook endpoint for the test account.
func (e *env) listenHooks() {
	e.t.Helper()
	srv := httptest.NewServer(e.hooks)
	e.t.Cleanup(srv.Close)
	status, out := e.call("POST", "/webhooks", map[string]string{"url": srv.URL + "/hook"})
	require.Equal(e.t, http.StatusCreated, status, "%s", out)
	var ep facesign.WebhookEndpoint
	require.NoError(e.t, json.Unmarshal(out, &ep))
	e.hooks.mu.Lock()
	e.hooks.secret = ep.Secret
	e.hooks.mu.Unlock()
}

func urlQueryEscape(s string) string {
	var b bytes.Buffer
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
