package preview_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/diagram"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/preview"
)

const prodKey = "sk_prod_stubProductionKey9999"

// stubAPI is FaceSign's API as far as the preview uses it, over TLS
// (production keys go only to https): sessions are created "requiresInput"
// and report "complete" once polled twice. status forces every answer.
type stubAPI struct {
	srv    *httptest.Server
	mu     sync.Mutex
	polls  map[string]int
	status atomic.Int32 // non-zero: answer everything with this code
	made   atomic.Int32
}

func newStub(t *testing.T) *stubAPI {
	s := &stubAPI{polls: map[string]int{}}
	s.srv = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *stubAPI) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if c := s.status.Load(); c != 0 {
		w.WriteHeader(int(c))
		_, _ = io.WriteString(w, `{"error":{"type":"authentication_error","message":"Invalid API key"}}`)
		return
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/sessions":
		n := s.made.Add(1)
		id := "ses_stub" + string(rune('a'+n))
		_ = json.NewEncoder(w).Encode(map[string]any{
			"session":      map[string]any{"id": id, "createdAt": 1764800000, "status": "requiresInput", "settings": map[string]any{}},
			"clientSecret": map[string]any{"secret": "cs_stub", "createdAt": 1764800000, "expireAt": 1764803600, "url": s.srv.URL + "/verify?client_secret=cs_stub_" + id},
		})
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/sessions/"):
		id := strings.TrimPrefix(r.URL.Path, "/sessions/")
		s.mu.Lock()
		s.polls[id]++
		n := s.polls[id]
		s.mu.Unlock()
		sess := map[string]any{"id": id, "createdAt": 1764800000, "status": "processing", "settings": map[string]any{"flow": json.RawMessage(smallFlow)}}
		if n >= 2 {
			sess["status"] = "complete"
			sess["report"] = map[string]any{"transcript": []any{}, "isVerified": true, "nodeReports": []any{
				map[string]any{"type": "liveness_detection", "nodeId": "live", "createdAt": 1764800010, "outcome": "livenessDetected"},
			}}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"session": sess, "clientSecret": map[string]any{"secret": "x", "url": s.srv.URL + "/verify"}})
	default:
		http.NotFound(w, r)
	}
}

const smallFlow = `[{"id":"start","type":"start","outcome":"live"},
 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"end","deepfakeDetected":"end","noFace":"end"}},
 {"id":"end","type":"end"}]`

type fixture struct {
	pv    *preview.Server
	srv   *httptest.Server
	now   atomic.Int64
	stub  *stubAPI
	token string
}

func newFixture(t *testing.T, key string) (*fixture, *preview.Preview) {
	t.Helper()
	fx := &fixture{stub: newStub(t)}
	fx.now.Store(time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC).UnixNano())
	fx.pv = preview.New(preview.Config{Clock: func() time.Time { return time.Unix(0, fx.now.Load()) }, Diagrams: diagram.NewRenderer(4)})
	mux := http.NewServeMux()
	mux.Handle("/preview/", fx.pv.Handler())
	fx.srv = httptest.NewServer(mux)
	t.Cleanup(fx.srv.Close)
	c, err := facesign.New(key, facesign.WithBaseURL(fx.stub.srv.URL), facesign.WithHTTPClient(fx.stub.srv.Client()), facesign.WithRetry(1, 0, 0))
	require.NoError(t, err)
	f, err := flow.Decode([]byte(smallFlow))
	require.NoError(t, err)
	p, err := fx.pv.Create(preview.Spec{Client: c, Settings: facesign.Settings{Flow: f, AvatarID: "avatar_x"}, Owner: "mcp-1"})
	require.NoError(t, err)
	return fx, p
}

func (fx *fixture) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(fx.srv.URL + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (fx *fixture) post(t *testing.T, path string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, fx.srv.URL+path, nil)
	req.Header.Set("Origin", fx.srv.URL)
	req.Header.Set(preview.TokenHeader, fx.token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func (fx *fixture) page(t *testing.T, id string) string {
	t.Helper()
	code, page := fx.get(t, "/preview/"+id)
	require.Equal(t, http.StatusOK, code, page)
	const marker = `<meta name="preview-token" content="`
	i := strings.Index(page, marker)
	require.GreaterOrEqual(t, i, 0)
	rest := page[i+len(marker):]
	fx.token = rest[:strings.IndexByte(rest, '"')]
	return page
}

// With a production key against FaceSign (a stub over TLS): the page embeds
// the URL the API returned, status comes from polling, and there are no
// sandbox-only Run buttons, with the reason given.
func TestPreviewProductionKey(t *testing.T) {
	fx, p := newFixture(t, prodKey)
	page := fx.page(t, p.ID)
	assert.Contains(t, page, "Production")
	assert.NotContains(t, page, `class="runbranch"`)
	assert.Contains(t, page, "only in the sandbox")
	assert.NotContains(t, page, "Sandbox account", "no sandbox account view with a production key")
	assert.NotContains(t, page, prodKey)
	assert.NotContains(t, page, prodKey[8:])
	assert.Contains(t, page, `data-node="live"`, "the diagram is inline")
	for _, h := range []string{"nonce-", "frame-ancestors 'none'", "default-src 'none'"} {
		resp, err := http.Get(fx.srv.URL + "/preview/" + p.ID)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Contains(t, resp.Header.Get("Content-Security-Policy"), h)
	}

	code, started := fx.post(t, "/preview/"+p.ID+"/sessions")
	require.Equal(t, http.StatusCreated, code, started)
	assert.True(t, strings.HasPrefix(started["url"].(string), fx.stub.srv.URL+"/verify"), "the page embeds the API's clientSecret.url")
	assert.Equal(t, fx.stub.srv.URL, started["origin"])
	sid := started["sessionId"].(string)

	code, st := fx.get(t, "/preview/"+p.ID+"/sessions/"+sid)
	require.Equal(t, http.StatusOK, code, st)
	assert.Contains(t, st, `"verdict":"in_progress"`)
	code, st = fx.get(t, "/preview/"+p.ID+"/sessions/"+sid)
	require.Equal(t, http.StatusOK, code, st)
	assert.Contains(t, st, `"verdict":"verified"`)
	assert.Contains(t, st, `"ended":true`)

	code, out := fx.post(t, "/preview/"+p.ID+"/branches/0/run")
	assert.Equal(t, http.StatusForbidden, code)
	assert.Contains(t, out["error"], "only in the sandbox")
	assert.EqualValues(t, 1, fx.stub.made.Load(), "the refused branch run created nothing")

	// The finished session is in the history and covers its branch.
	page = fx.page(t, p.ID)
	assert.Contains(t, page, sid)
	assert.Contains(t, page, "1 of 3 paths tried")
}

// Key refused, API unreachable: the page says what happened and what to do.
func TestPreviewAPIErrors(t *testing.T) {
	fx, p := newFixture(t, prodKey)
	fx.page(t, p.ID)
	fx.stub.status.Store(http.StatusUnauthorized)
	code, out := fx.post(t, "/preview/"+p.ID+"/sessions")
	assert.Equal(t, http.StatusBadGateway, code)
	assert.Contains(t, out["error"], "refused the key")
	fx.stub.srv.Close()
	code, out = fx.post(t, "/preview/"+p.ID+"/sessions")
	assert.Equal(t, http.StatusBadGateway, code)
	assert.Contains(t, out["error"], "could not be reached")
	assert.NotContains(t, out["error"], prodKey)
}

// A preview ends with its MCP session, or after a day, and says so; its
// actions stop and its key is let go.
func TestPreviewLifetime(t *testing.T) {
	t.Run("owner ends", func(t *testing.T) {
		fx, p := newFixture(t, prodKey)
		fx.page(t, p.ID)
		fx.pv.EndOwner("someone-else")
		assert.Equal(t, 1, fx.pv.Len())
		fx.pv.EndOwner("mcp-1")
		assert.Equal(t, 0, fx.pv.Len())
		assert.Nil(t, p.Client(), "the key is let go")
		code, page := fx.get(t, "/preview/"+p.ID)
		assert.Equal(t, http.StatusGone, code)
		assert.Contains(t, page, "This preview has ended")
		assert.Contains(t, page, "MCP session ended")
		code, _ = fx.post(t, "/preview/"+p.ID+"/sessions")
		assert.Equal(t, http.StatusGone, code)
		assert.Zero(t, fx.stub.made.Load())
	})
	t.Run("a day passes", func(t *testing.T) {
		fx, p := newFixture(t, prodKey)
		fx.page(t, p.ID)
		fx.now.Add(int64(preview.MaxLifetime - time.Second))
		code, _ := fx.get(t, "/preview/"+p.ID)
		assert.Equal(t, http.StatusOK, code)
		fx.now.Add(int64(2 * time.Second))
		code, page := fx.get(t, "/preview/"+p.ID)
		assert.Equal(t, http.StatusGone, code)
		assert.Contains(t, page, "a day ago")
	})
	t.Run("too many", func(t *testing.T) {
		fx, first := newFixture(t, prodKey)
		f, err := flow.Decode([]byte(smallFlow))
		require.NoError(t, err)
		for i := 0; i < preview.MaxPreviews; i++ {
			fx.now.Add(int64(time.Millisecond))
			_, err := fx.pv.Create(preview.Spec{Client: first.Client(), Settings: facesign.Settings{Flow: f}})
			require.NoError(t, err)
		}
		assert.Equal(t, preview.MaxPreviews, fx.pv.Len())
		assert.Nil(t, first.Client(), "the oldest was ended to make room")
		code, _ := fx.get(t, "/preview/"+first.ID)
		assert.Equal(t, http.StatusNotFound, code)
	})
	t.Run("unknown id", func(t *testing.T) {
		fx, _ := newFixture(t, prodKey)
		code, page := fx.get(t, "/preview/AAAAAAAAAAAAAAAAAAAAAAAAAA")
		assert.Equal(t, http.StatusNotFound, code)
		assert.Contains(t, page, "No such preview")
		assert.Contains(t, page, "launch_session_ui")
	})
}
