package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/internal/fakeclock"
	"github.com/stretchr/testify/require"
)

const (
	keyA = "sk_test_accountAAAA1111"
	keyB = "sk_test_accountBBBB2222"
)

// newFakeClock is a settable clock for expiry tests, starting now.
func newFakeClock() *fakeclock.Clock { return fakeclock.New(time.Now().Truncate(time.Second)) }

// env is a sandbox served over loopback HTTP.
type env struct {
	t   testing.TB
	sb  *Sandbox
	srv *httptest.Server
	cfg Config
}

func quietLogger() *slog.Logger {
	if os.Getenv("SANDBOX_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func newEnv(t testing.TB, mod func(*Config)) *env {
	t.Helper()
	cfg := Config{DataDir: t.TempDir(), Logger: quietLogger(), JanitorInterval: -1, WebhookRetryScale: 0.001}
	if mod != nil {
		mod(&cfg)
	}
	e := &env{t: t, cfg: cfg}
	e.start()
	t.Cleanup(e.stop)
	return e
}

func (e *env) start() {
	sb, err := New(context.Background(), e.cfg)
	require.NoError(e.t, err)
	e.sb = sb
	e.srv = httptest.NewServer(sb.Handler())
}

func (e *env) stop() {
	if e.srv != nil {
		e.srv.Close()
		e.srv = nil
	}
	if e.sb != nil {
		require.NoError(e.t, e.sb.Close())
		e.sb = nil
	}
}

// restart closes the sandbox and opens the same data directory again.
func (e *env) restart() {
	e.stop()
	e.start()
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), "body: %s", r.body)
	return m
}

func (r resp) decode(t testing.TB, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(r.body, v), "body: %s", r.body)
}

// apiErr asserts the contract's error shape and returns the error object.
func (r resp) apiErr(t testing.TB, status int, typ string) map[string]any {
	t.Helper()
	require.Equal(t, status, r.status, "body: %s", r.body)
	require.Equal(t, "application/json", r.header.Get("Content-Type"))
	m := r.json(t)
	e, ok := m["error"].(map[string]any)
	require.True(t, ok, "no error object in %s", r.body)
	require.Equal(t, typ, e["type"])
	require.NotEmpty(t, e["code"])
	require.NotEmpty(t, e["message"])
	require.NotEmpty(t, r.header.Get("X-Request-Id"))
	return e
}

func (e *env) do(method, path, key string, body any) resp {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(e.t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.srv.URL+"/sandbox"+path, rd)
	require.NoError(e.t, err)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := e.srv.Client().Do(req)
	require.NoError(e.t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(e.t, err)
	return resp{res.StatusCode, res.Header, raw}
}

// flowsDir holds the flow package's copies of the contract's sample flows (kept equal
// to ../shared/flows by flowbuild/flow's TestSampleFlowsMatchShared), so that the
// tests run in a clone on its own.
const flowsDir = "../flowbuild/flow/testdata/flows"

func readFlow(t testing.TB, name string) json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(flowsDir, name))
	require.NoError(t, err)
	return raw
}

// simpleFlow is the smallest useful flow: a greeting, liveness, a closing line.
const simpleFlow = `[
 {"id":"start","type":"start","outcome":"hello"},
 {"id":"hello","type":"conversation","prompt":"Say: Hello, please look at the camera for a moment.","doesNotRequireReply":true,"outcomes":[{"id":"go","targetNodeId":"live","condition":""}]},
 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"bye","deepfakeDetected":"bye","noFace":"bye"}},
 {"id":"bye","type":"conversation","prompt":"Say: Thank you, all done.","doesNotRequireReply":true,"outcomes":[{"id":"done","targetNodeId":"end","condition":""}]},
 {"id":"end","type":"end"}
]`

func createBody(ref string, meta map[string]string) map[string]any {
	b := map[string]any{"flow": json.RawMessage(simpleFlow)}
	if ref != "" {
		b["clientReferenceId"] = ref
	}
	if meta != nil {
		b["metadata"] = meta
	}
	return b
}

// create makes a session and returns its id.
func (e *env) create(key string, body any) string {
	e.t.Helper()
	r := e.do("POST", "/sessions", key, body)
	require.Equal(e.t, http.StatusCreated, r.status, "body: %s", r.body)
	var out struct {
		Session struct {
			ID string `json:"id"`
		} `json:"session"`
	}
	r.decode(e.t, &out)
	require.NotEmpty(e.t, out.Session.ID)
	return out.Session.ID
}

func (e *env) count(key string) int {
	e.t.Helper()
	r := e.do("GET", "/sessions?includeTotal=true", key, nil)
	require.Equal(e.t, http.StatusOK, r.status, "body: %s", r.body)
	return int(r.json(e.t)["totalCount"].(float64))
}
