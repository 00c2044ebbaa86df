package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/internal/sessionstore"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	keyA = "sk_test_aaaaaaaaaaaaAAAA1111"
	keyB = "sk_test_bbbbbbbbbbbbBBBB2222"
)

func TestHTTPSessionsAreSessionsForDefaultClients(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{})
	c := srv.Dial(t)
	// The mcp-go client probes the sessionless 2026-07-28 revision first; it
	// must have fallen back to a session revision and received a session id.
	assert.Equal(t, mcp.LATEST_LEGACY_PROTOCOL_VERSION, c.ProtocolVersion())
	sid := c.GetSessionId()
	require.True(t, strings.HasPrefix(sid, sessionstore.IDPrefix), "session id %q", sid)
	_, ok := srv.Deps.Sessions.Get(sid)
	require.True(t, ok)

	CallTool(t, c, "core_remember", map[string]any{"nodes": 3})
	got := OKMap(t, CallTool(t, c, "core_whoami", nil))
	assert.Equal(t, sid, got["session"])
	assert.EqualValues(t, 3, got["flowLen"], "state persists between calls of one session")
}

func TestHTTPKeyResolution(t *testing.T) {
	for _, tc := range []struct {
		name      string
		envKey    string
		header    string
		sessKey   string
		authToken string
		wantKey   string
		wantSrc   KeySource
		wantErr   string
	}{
		{name: "none", wantErr: "set_api_key"},
		{name: "none mentions header", wantErr: "Authorization: Bearer"},
		{name: "env", envKey: keyA, wantKey: "sk_test_…1111", wantSrc: KeyFromEnv},
		{name: "header beats env", envKey: keyA, header: "Bearer " + keyB, wantKey: "sk_test_…2222", wantSrc: KeyFromHeader},
		{name: "session beats header", header: "Bearer " + keyB, sessKey: keyA, wantKey: "sk_test_…1111", wantSrc: KeyFromSession},
		{name: "auth token is never a key", authToken: "s3cret-token", header: "Bearer s3cret-token", wantErr: "FACESIGN_API_KEY"},
		{name: "malformed header key", header: "Bearer sk_test_x", wantErr: "too short"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newCoreServer(t, &Deps{EnvKey: tc.envKey}, HTTPOptions{AuthToken: tc.authToken})
			headers := map[string]string{}
			if tc.header != "" {
				headers["Authorization"] = tc.header
			}
			c := srv.Dial(t, DialHeaders(headers))
			if tc.sessKey != "" {
				CallTool(t, c, "core_remember", map[string]any{"key": tc.sessKey, "nodes": 1})
			}
			got := OKMap(t, CallTool(t, c, "core_whoami", nil))
			if tc.wantErr != "" {
				assert.Contains(t, got["error"], tc.wantErr)
				assert.NotContains(t, got["error"], "s3cret")
				if tc.authToken != "" {
					assert.NotContains(t, got["error"], "Authorization: Bearer", "no header advice when headers carry the auth token")
				}
				return
			}
			key := got["key"].(map[string]any)
			assert.Equal(t, tc.wantKey, key["key"])
			assert.Equal(t, string(tc.wantSrc), key["source"])
			assert.Equal(t, "sandbox", key["environment"])
			assert.Equal(t, DefaultSandboxURL, key["serverUrl"])
		})
	}
}

func TestHTTPTwoClientsSeeOnlyTheirOwnState(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{})
	a := srv.Dial(t)
	b := srv.Dial(t)
	require.NotEqual(t, a.GetSessionId(), b.GetSessionId())
	var wg sync.WaitGroup
	for i, c := range []*client.Client{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				CallTool(t, c, "core_remember", map[string]any{"key": []string{keyA, keyB}[i], "nodes": i + 2})
			}
		}()
	}
	wg.Wait()
	ga := OKMap(t, CallTool(t, a, "core_whoami", nil))
	gb := OKMap(t, CallTool(t, b, "core_whoami", nil))
	assert.EqualValues(t, 2, ga["flowLen"])
	assert.EqualValues(t, 3, gb["flowLen"])
	assert.Equal(t, "sk_test_…1111", ga["key"].(map[string]any)["key"])
	assert.Equal(t, "sk_test_…2222", gb["key"].(map[string]any)["key"])
}

// raw sends one request to the handler and returns status, headers and body.
func raw(t *testing.T, method, url string, body any, headers map[string]string) (int, http.Header, string) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	for k, v := range headers {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(data)
}

func initBody() map[string]any {
	return map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{
		"protocolVersion": "2025-06-18", "capabilities": map[string]any{},
		"clientInfo": map[string]any{"name": "raw", "version": "1"}}}
}

func ping(id int) map[string]any { return map[string]any{"jsonrpc": "2.0", "id": id, "method": "ping"} }

// rawSession initializes over raw HTTP and returns the session id.
func rawSession(t *testing.T, url string, headers map[string]string) string {
	t.Helper()
	code, h, body := raw(t, http.MethodPost, url, initBody(), headers)
	require.Equal(t, http.StatusOK, code, body)
	sid := h.Get("Mcp-Session-Id")
	require.NotEmpty(t, sid)
	return sid
}

func TestHTTPGuards(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{AllowedOrigins: []string{"https://App.Example.com/"}})
	sid := rawSession(t, srv.URL, nil)
	withSession := func(h map[string]string) map[string]string {
		h["Mcp-Session-Id"] = sid
		h["Mcp-Protocol-Version"] = "2025-06-18"
		return h
	}
	for _, tc := range []struct {
		name    string
		method  string
		body    any
		headers map[string]string
		want    int
		wantIn  string
	}{
		{"no origin", "POST", ping(2), withSession(map[string]string{}), 200, `"result"`},
		{"loopback origin", "POST", ping(3), withSession(map[string]string{"Origin": "http://localhost:6274"}), 200, `"result"`},
		{"loopback ip origin", "POST", ping(4), withSession(map[string]string{"Origin": "http://127.0.0.1:3000"}), 200, `"result"`},
		{"allowed origin", "POST", ping(5), withSession(map[string]string{"Origin": "https://app.example.com"}), 200, `"result"`},
		{"foreign origin", "POST", ping(6), withSession(map[string]string{"Origin": "https://evil.example.com"}), 403, "--allowed-origins"},
		{"null origin", "POST", ping(7), withSession(map[string]string{"Origin": "null"}), 403, "Origin"},
		{"lookalike origin", "POST", ping(8), withSession(map[string]string{"Origin": "http://localhost.evil.com"}), 403, "Origin"},
		{"rebinding host", "POST", ping(9), withSession(map[string]string{"Host": "evil.example.com"}), 403, "DNS rebinding"},
		{"rebinding host and origin", "POST", initBody(), map[string]string{"Host": "evil.example.com", "Origin": "http://evil.example.com"}, 403, "Host"},
		{"localhost host", "POST", ping(10), withSession(map[string]string{"Host": "localhost"}), 200, `"result"`},
		{"unknown session", "POST", ping(11), map[string]string{"Mcp-Session-Id": sessionstore.IDPrefix + "AAAAAAAAAAAAAAAAAAAAAAAAAA", "Mcp-Protocol-Version": "2025-06-18"}, 404, ""},
		{"missing session", "POST", ping(12), map[string]string{"Mcp-Protocol-Version": "2025-06-18"}, 400, "Mcp-Session-Id"},
		{"missing session on GET", "GET", nil, map[string]string{}, 400, "Mcp-Session-Id"},
		{"bad protocol version", "POST", ping(13), map[string]string{"Mcp-Session-Id": sid, "Mcp-Protocol-Version": "1999-01-01"}, 400, "1999-01-01"},
		{"oversized body", "POST", `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"` + strings.Repeat("a", DefaultMaxBodyBytes) + `"}}`, withSession(map[string]string{}), 413, "larger than"},
		{"parse error", "POST", `{"jsonrpc":`, withSession(map[string]string{}), 400, ""},
		{"put", "PUT", nil, withSession(map[string]string{}), 405, "PUT"},
		{"sessionless revision is refused with the versions to fall back to", "POST",
			map[string]any{"jsonrpc": "2.0", "id": 18, "method": "server/discover", "params": map[string]any{"_meta": map[string]any{
				"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": map[string]any{}}}},
			map[string]string{"Mcp-Protocol-Version": "2026-07-28", "Mcp-Method": "server/discover"}, 400, "2025-11-25"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := raw(t, tc.method, srv.URL, tc.body, tc.headers)
			assert.Equal(t, tc.want, code, body)
			assert.Contains(t, body, tc.wantIn)
		})
	}

	t.Run("CORS for allowed origins", func(t *testing.T) {
		code, h, _ := raw(t, "OPTIONS", srv.URL, nil, map[string]string{"Origin": "http://localhost:6274", "Access-Control-Request-Method": "POST"})
		assert.Equal(t, http.StatusNoContent, code)
		assert.Equal(t, "http://localhost:6274", h.Get("Access-Control-Allow-Origin"))
		assert.Contains(t, h.Get("Access-Control-Expose-Headers"), "Mcp-Session-Id")
	})

	t.Run("ended session is 404", func(t *testing.T) {
		sid2 := rawSession(t, srv.URL, nil)
		h := map[string]string{"Mcp-Session-Id": sid2, "Mcp-Protocol-Version": "2025-06-18"}
		code, _, _ := raw(t, "DELETE", srv.URL, nil, h)
		require.Equal(t, http.StatusOK, code)
		code, _, _ = raw(t, "POST", srv.URL, ping(20), h)
		assert.Equal(t, http.StatusNotFound, code)
		_, ok := srv.Deps.Sessions.Get(sid2)
		assert.False(t, ok)
	})
}

func TestHTTPAuthToken(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{AuthToken: "tok-123456"})
	for _, tc := range []struct {
		name   string
		header string
		want   int
	}{
		{"missing", "", 401},
		{"wrong", "Bearer tok-654321", 401},
		{"prefix only", "Bearer tok-1234", 401},
		{"not bearer", "Basic tok-123456", 401},
		{"right", "Bearer tok-123456", 200},
		{"case-insensitive scheme", "bearer tok-123456", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{}
			if tc.header != "" {
				h["Authorization"] = tc.header
			}
			code, hdr, body := raw(t, "POST", srv.URL, initBody(), h)
			assert.Equal(t, tc.want, code, body)
			if code == 401 {
				assert.Contains(t, hdr.Get("WWW-Authenticate"), "Bearer")
				assert.NotContains(t, body, "tok-123456")
			}
		})
	}
}

func TestToolPanicIsAnErrorResultAndTheServerLives(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{})
	c := srv.Dial(t)
	CallTool(t, c, "core_remember", map[string]any{"nodes": 2})
	res := CallTool(t, c, "core_boom", nil)
	require.True(t, res.IsError)
	text := ResultText(res)
	assert.Contains(t, text, "core_boom")
	assert.Contains(t, text, "bug")
	got := OKMap(t, CallTool(t, c, "core_whoami", nil))
	assert.EqualValues(t, 2, got["flowLen"], "the session survived the panic")
}

func TestSchemaViolationNamesTheField(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{})
	c := srv.Dial(t)
	res := CallTool(t, c, "core_remember", map[string]any{"nodes": "three"})
	require.True(t, res.IsError)
	assert.Contains(t, ResultText(res), "nodes")
}

func TestProgressAndLoggingReachTheSession(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{})
	notes := &Notifications{}
	c := srv.Dial(t, DialRecording(notes))
	progress := func() []float64 {
		var out []float64
		for _, n := range notes.Of("notifications/progress") {
			out = append(out, n.Params.AdditionalFields["progress"].(float64))
		}
		return out
	}
	// At the default level (error) info messages are held back.
	// (notifications may reach the client just after the result: wait for
	// them rather than read them at once; under -race the last came late)
	CallToolWithMeta(t, c, "core_slow", nil, &mcp.Meta{ProgressToken: "p1"})
	assert.Eventually(t, func() bool { return len(progress()) == 3 }, 5*time.Second, 10*time.Millisecond)
	assert.Equal(t, []float64{1, 2, 3}, progress())
	assert.Empty(t, notes.Of("notifications/message"))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	//lint:ignore SA1019 clients of the 2025 revisions still send logging/setLevel, and we serve them
	require.NoError(t, c.SetLevel(ctx, mcp.SetLevelRequest{Params: mcp.SetLevelParams{Level: mcp.LoggingLevelInfo}}))
	CallTool(t, c, "core_slow", nil) // no token: no progress
	assert.Eventually(t, func() bool { return len(notes.Of("notifications/message")) == 3 }, 5*time.Second, 10*time.Millisecond)
	assert.Len(t, notes.Of("notifications/message"), 3)
	assert.Equal(t, []float64{1, 2, 3}, progress(), "no progress beyond the first call's")
}

func TestIdleSessionsAreEvicted(t *testing.T) {
	clock := newFakeClock()
	d := &Deps{Clock: clock.Now}
	d.Sessions = NewSessionStore(SessionStoreOptions{IdleTimeout: time.Hour, Clock: clock.Now})
	srv := newCoreServer(t, d, HTTPOptions{})
	idle := rawSession(t, srv.URL, nil)
	busy := srv.Dial(t)
	CallTool(t, busy, "core_remember", map[string]any{"nodes": 1})
	require.Equal(t, 2, d.Sessions.Len())

	clock.Advance(40 * time.Minute)
	CallTool(t, busy, "core_whoami", nil) // activity keeps it alive
	clock.Advance(30 * time.Minute)
	evicted := d.Sessions.Sweep()
	assert.Equal(t, []string{idle}, evicted)
	assert.Equal(t, 1, d.Sessions.Len())

	code, _, _ := raw(t, "POST", srv.URL, ping(2), map[string]string{"Mcp-Session-Id": idle, "Mcp-Protocol-Version": "2025-06-18"})
	assert.Equal(t, http.StatusNotFound, code, "an evicted session is gone for the transport too")
	got := OKMap(t, CallTool(t, busy, "core_whoami", nil))
	assert.EqualValues(t, 1, got["flowLen"])
}

func TestInitializeFloodDoesNotEvictASessionWithState(t *testing.T) {
	const max = 20
	d := &Deps{}
	d.Sessions = NewSessionStore(SessionStoreOptions{MaxSessions: max})
	srv := newCoreServer(t, d, HTTPOptions{})
	user := srv.Dial(t)
	CallTool(t, user, "core_remember", map[string]any{"key": keyA, "nodes": 2})
	for range 3 * max {
		rawSession(t, srv.URL, nil)
	}
	assert.Equal(t, max, d.Sessions.Len(), "the store stays bounded")
	got := OKMap(t, CallTool(t, user, "core_whoami", nil))
	assert.EqualValues(t, 2, got["flowLen"], "the user's flow survives bare initialize requests")
	assert.NotContains(t, got, "error")
}

type panickyCompletions struct{}

func (panickyCompletions) CompletePromptArgument(context.Context, string, mcp.CompleteArgument, mcp.CompleteContext) (*mcp.Completion, error) {
	panic("boom")
}

func TestCompletionPanicIsAnErrorAnswer(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	s := NewServer(d)
	sc := safePromptCompletions{d, panickyCompletions{}}
	res, err := sc.CompletePromptArgument(context.Background(), "p", mcp.CompleteArgument{Name: "a"}, mcp.CompleteContext{})
	assert.Nil(t, res)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "prompt p")
	assert.NotNil(t, s)
}

// The MCP handler applies the same check with the hosts of its own options.
func TestMCPHandlerTrustsThePublicURLHost(t *testing.T) {
	srv := newCoreServer(t, &Deps{}, HTTPOptions{PublicURL: "https://mcp.example.com", AllowedOrigins: []string{"https://app.example.com"}})
	for host, want := range map[string]int{
		"mcp.example.com":  http.StatusOK,
		"app.example.com":  http.StatusOK,
		"evil.example.com": http.StatusForbidden,
	} {
		code, _, body := raw(t, http.MethodPost, srv.URL, initBody(), map[string]string{"Host": host})
		assert.Equal(t, want, code, "%s: %s", host, body)
	}
}
