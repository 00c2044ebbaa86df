package facesign_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/syncbuffer"
)

// testKey's middle part must never appear anywhere the client writes.
const (
	testKey    = "sk_test_Zq9SECRETbody7x1F"
	keySecret  = "SECRETbody"
	redacted   = "sk_test_…7x1F"
	basePrefix = "/sandbox"
)

// recorded is one request the stub received.
type recorded struct {
	Method  string
	Path    string // escaped, without the base prefix
	Query   url.Values
	Header  http.Header
	Body    []byte
	Attempt int
}

// stub is a fake FaceSign answering with a handler and recording every request.
type stub struct {
	mu     sync.Mutex
	reqs   []recorded
	sleeps []time.Duration
	srv    *httptest.Server
}

func (s *stub) requests() []recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recorded(nil), s.reqs...)
}

func (s *stub) waits() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.sleeps...)
}

// newStub starts a loopback server running handler under /sandbox and a client
// for it whose sleeps are recorded instead of slept, and whose logs are kept.
func newStub(t testing.TB, key string, handler func(w http.ResponseWriter, r *http.Request, n int), opts ...facesign.Option) (*facesign.Client, *stub, *syncbuffer.Buffer) {
	t.Helper()
	s := &stub{}
	logs := &syncbuffer.Buffer{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.reqs) + 1
		s.reqs = append(s.reqs, recorded{Method: r.Method, Path: strings.TrimPrefix(r.URL.EscapedPath(), basePrefix),
			Query: r.URL.Query(), Header: r.Header.Clone(), Body: body, Attempt: n})
		s.mu.Unlock()
		handler(w, r, n)
	}))
	t.Cleanup(s.srv.Close)
	all := append([]facesign.Option{
		facesign.WithBaseURL(s.srv.URL + basePrefix + "/"),
		facesign.WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		facesign.WithSleep(func(ctx context.Context, d time.Duration) error {
			s.mu.Lock()
			s.sleeps = append(s.sleeps, d)
			s.mu.Unlock()
			return ctx.Err()
		}),
	}, opts...)
	c, err := facesign.New(key, all...)
	require.NoError(t, err)
	return c, s, logs
}

func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", "req_stub")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

const (
	msCreated  = 1772366400123 // milliseconds, as FaceSign's newer generation sends
	secCreated = 1772366400
)

var sessionJSON = fmt.Sprintf(`{"id":"s_1","createdAt":%d,"status":"created","settings":{"clientReferenceId":"order-7","flow":[{"id":"start","type":"start","outcome":"end"},{"id":"end","type":"end"}]},"version":"2"}`, msCreated)

const secretJSON = `{"secret":"cs_live_SECRET","createdAt":1772366400,"expireAt":1772370000,"url":"http://127.0.0.1:7717/verify?client_secret=cs_live_SECRET"}`

func TestEndpoints(t *testing.T) {
	fl := flow.Flow{{ID: "start", Type: flow.TypeStart, Next: "end"}, {ID: "end", Type: flow.TypeEnd}}
	tests := []struct {
		name       string
		call       func(ctx context.Context, c *facesign.Client) (any, error)
		method     string
		path       string
		query      url.Values
		body       string // JSON the request must carry
		status     int
		respond    string
		check      func(t *testing.T, got any)
		noResponse bool // DELETE answers 204 without a body
	}{
		{
			name: "create session",
			call: func(ctx context.Context, c *facesign.Client) (any, error) {
				return c.CreateSession(ctx, facesign.Settings{ClientReferenceID: "order-7", Flow: fl, Langs: []string{"en"}})
			},
			method: "POST", path: "/sessions",
			body:    `{"clientReferenceId":"order-7","flow":[{"id":"start","type":"start","outcome":"end"},{"id":"end","type":"end"}],"langs":["en"]}`,
			status:  201,
			respond: `{"session":` + sessionJSON + `,"clientSecret":` + secretJSON + `,"warnings":[{"code":"no_greeting","path":"/flow/0","message":"say hello first"}]}`,
			check: func(t *testing.T, got any) {
				r := got.(*facesign.CreateSessionResponse)
				assert.Equal(t, "s_1", r.Session.ID)
				assert.Equal(t, facesign.StatusRequiresInput, r.Session.Status, "created maps to requiresInput")
				assert.Equal(t, time.UnixMilli(msCreated).UTC(), r.Session.CreatedAt.Time, "milliseconds converted")
				assert.Len(t, r.Session.Settings.Flow, 2)
				assert.Equal(t, "cs_live_SECRET", r.ClientSecret.Secret)
				assert.Equal(t, time.Unix(secCreated+3600, 0).UTC(), r.ClientSecret.ExpireAt.Time)
				assert.Equal(t, []facesign.Warning{{Code: "no_greeting", Path: "/flow/0", Message: "say hello first"}}, r.Warnings)
			},
		},
		{
			name:   "get session escapes the id",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.GetSession(ctx, "s/1 ?#") },
			method: "GET", path: "/sessions/s%2F1%20%3F%23",
			status:  200,
			respond: `{"session":{"id":"s/1 ?#","createdAt":1772366400,"startedAt":1772366401000,"finishedAt":1772366460000,"status":"incomplete","settings":{}},"clientSecret":` + secretJSON + `}`,
			check: func(t *testing.T, got any) {
				r := got.(*facesign.GetSessionResponse)
				assert.Equal(t, facesign.StatusCanceled, r.Session.Status, "incomplete maps to canceled")
				require.NotNil(t, r.Session.FinishedAt)
				assert.Equal(t, time.Unix(secCreated+60, 0).UTC(), r.Session.FinishedAt.Time)
				assert.Equal(t, time.Unix(secCreated+1, 0).UTC(), r.Session.StartedAt.Time)
			},
		},
		{
			name:   "refresh secret",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.RefreshSecret(ctx, "s_1") },
			method: "GET", path: "/sessions/s_1/refresh",
			status: 200, respond: `{"clientSecret":` + secretJSON + `}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "cs_live_SECRET", got.(*facesign.ClientSecret).Secret)
			},
		},
		{
			name: "list sessions with every parameter",
			call: func(ctx context.Context, c *facesign.Client) (any, error) {
				return c.ListSessions(ctx, facesign.ListParams{Limit: 10, Cursor: "cur_1", Status: []facesign.Status{facesign.StatusComplete, facesign.StatusCanceled},
					ClientReferenceID: "order-7", FlowID: "f_abc", FromDate: 1772366400, ToDate: 1772366400999, Search: "wire transfer",
					SortBy: "finishedAt", SortOrder: "asc", IncludeTotal: true})
			},
			method: "GET", path: "/sessions",
			query: url.Values{"limit": {"10"}, "cursor": {"cur_1"}, "status": {"complete", "canceled"}, "clientReferenceId": {"order-7"},
				"flowId": {"f_abc"}, "fromDate": {"1772366400"}, "toDate": {"1772366400999"}, "search": {"wire transfer"},
				"sortBy": {"finishedAt"}, "sortOrder": {"asc"}, "includeTotal": {"true"}},
			status: 200,
			respond: `{"sessions":[{"id":"a","createdAt":1,"status":"inProgress","settings":{}},{"id":"b","createdAt":1,"status":"complete","settings":{}},` +
				`{"id":"c","createdAt":1,"status":"requiresInput","settings":{}},{"id":"d","createdAt":1,"status":"canceled","settings":{}}],"nextCursor":"cur_2","hasMore":true,"totalCount":42}`,
			check: func(t *testing.T, got any) {
				r := got.(*facesign.ListSessionsResponse)
				var statuses []facesign.Status
				for _, s := range r.Sessions {
					statuses = append(statuses, s.Status)
				}
				assert.Equal(t, []facesign.Status{facesign.StatusProcessing, facesign.StatusComplete, facesign.StatusRequiresInput, facesign.StatusCanceled}, statuses)
				assert.Equal(t, "cur_2", r.NextCursor)
				assert.True(t, r.HasMore)
				require.NotNil(t, r.TotalCount)
				assert.Equal(t, 42, *r.TotalCount)
			},
		},
		{
			name: "list sessions without parameters sends no query",
			call: func(ctx context.Context, c *facesign.Client) (any, error) {
				return c.ListSessions(ctx, facesign.ListParams{})
			},
			method: "GET", path: "/sessions", query: url.Values{},
			status: 200, respond: `{"sessions":[],"hasMore":false}`,
			check: func(t *testing.T, got any) { assert.Empty(t, got.(*facesign.ListSessionsResponse).Sessions) },
		},
		{
			name:   "avatars wrapped",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.Avatars(ctx) },
			method: "GET", path: "/avatars",
			status: 200, respond: `{"avatars":[{"id":"av_1","name":"Maya","gender":"female","imageUrl":"https://x/maya.png"}]}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, []facesign.Avatar{{ID: "av_1", Name: "Maya", Gender: "female", ImageURL: "https://x/maya.png"}}, got)
			},
		},
		{
			name:   "avatars as an array",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.Avatars(ctx) },
			method: "GET", path: "/avatars",
			status: 200, respond: `[{"id":"av_1","name":"Maya"},{"id":"av_2","name":"Leo"}]`,
			check: func(t *testing.T, got any) { assert.Len(t, got, 2) },
		},
		{
			name:   "langs as an array",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.Langs(ctx) },
			method: "GET", path: "/langs",
			status: 200, respond: `[{"id":"en","title":"English"},{"id":"es","title":"Spanish"}]`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, []facesign.Lang{{ID: "en", Title: "English"}, {ID: "es", Title: "Spanish"}}, got)
			},
		},
		{
			name:   "langs wrapped",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.Langs(ctx) },
			method: "GET", path: "/langs",
			status: 200, respond: `{"langs":[{"id":"de","title":"German"}]}`,
			check: func(t *testing.T, got any) { assert.Equal(t, []facesign.Lang{{ID: "de", Title: "German"}}, got) },
		},
		{
			name: "simulate",
			call: func(ctx context.Context, c *facesign.Client) (any, error) {
				return c.Simulate(ctx, "s_1", facesign.SimulateRequest{Outcomes: map[string]string{"live": "deepfakeDetected"}, Replies: map[string]string{"ask": "yes"}})
			},
			method: "POST", path: "/sessions/s_1/simulate",
			body:   `{"outcomes":{"live":"deepfakeDetected"},"replies":{"ask":"yes"}}`,
			status: 200,
			respond: `{"session":{"id":"s_1","createdAt":1772366400,"status":"complete","settings":{},"report":{"transcript":[],"nodeReports":[{"type":"liveness_detection","nodeId":"live","createdAt":1772366401,"outcome":"deepfakeDetected"}],"sandbox":true}},` +
				`"path":[{"nodeId":"start","type":"start","outcome":"outcome"},{"nodeId":"live","type":"liveness_detection","outcome":"deepfakeDetected"},{"nodeId":"end","type":"end"}]}`,
			check: func(t *testing.T, got any) {
				r := got.(*facesign.SimulateResponse)
				assert.Equal(t, facesign.StatusComplete, r.Session.Status)
				require.NotNil(t, r.Session.Report)
				assert.True(t, r.Session.Report.Sandbox)
				require.Len(t, r.Path, 3)
				assert.Equal(t, facesign.PathStep{NodeID: "live", Type: flow.TypeLiveness, Outcome: "deepfakeDetected"}, r.Path[1])
			},
		},
		{
			name: "create webhook",
			call: func(ctx context.Context, c *facesign.Client) (any, error) {
				return c.CreateWebhook(ctx, "http://127.0.0.1:9000/hook")
			},
			method: "POST", path: "/webhooks", body: `{"url":"http://127.0.0.1:9000/hook"}`,
			status: 201, respond: `{"id":"wh_1","url":"http://127.0.0.1:9000/hook","secret":"whsec_abc","createdAt":1772366400}`,
			check: func(t *testing.T, got any) {
				w := got.(*facesign.WebhookEndpoint)
				assert.Equal(t, "whsec_abc", w.Secret)
				assert.NotContains(t, fmt.Sprintf("%v %+v %#v", *w, *w, *w), "whsec_abc", "printing an endpoint hides its secret")
			},
		},
		{
			name:   "list webhooks",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.ListWebhooks(ctx) },
			method: "GET", path: "/webhooks",
			status: 200, respond: `{"webhooks":[{"id":"wh_1","url":"http://127.0.0.1:9000/hook","createdAt":1772366400}]}`,
			check: func(t *testing.T, got any) {
				assert.Equal(t, []facesign.WebhookEndpoint{{ID: "wh_1", URL: "http://127.0.0.1:9000/hook", CreatedAt: facesign.NewTime(time.Unix(secCreated, 0))}}, got)
			},
		},
		{
			name:   "delete webhook",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return nil, c.DeleteWebhook(ctx, "wh_1") },
			method: "DELETE", path: "/webhooks/wh_1",
			status: 204, noResponse: true,
		},
		{
			name:   "deliveries",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.Deliveries(ctx, "wh_1") },
			method: "GET", path: "/webhooks/wh_1/deliveries",
			status: 200, respond: `{"deliveries":[{"id":"d_1","eventId":"evt_1","endpointId":"wh_1","sessionId":"s_1","attempt":2,"statusCode":500,"state":"retrying","createdAt":1772366400,"nextRetry":1772366430}]}`,
			check: func(t *testing.T, got any) {
				d := got.([]facesign.Delivery)
				require.Len(t, d, 1)
				assert.Equal(t, 500, d[0].StatusCode)
				require.NotNil(t, d[0].NextRetry)
				assert.Equal(t, time.Unix(secCreated+30, 0).UTC(), d[0].NextRetry.Time)
			},
		},
		{
			name:   "faces",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.Faces(ctx) },
			method: "GET", path: "/faces",
			status: 200, respond: `[{"id":"face_1","name":"Ana","email":"ana@example.com","enrolledAt":1772366400,"sessionId":"s_1"}]`,
			check: func(t *testing.T, got any) {
				f := got.([]facesign.Face)
				require.Len(t, f, 1)
				assert.Equal(t, "ana@example.com", f[0].Email)
			},
		},
		{
			name:   "delete face",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return nil, c.DeleteFace(ctx, "face_1") },
			method: "DELETE", path: "/faces/face_1",
			status: 200, respond: `{"deleted":true}`,
		},
		{
			name:   "outbox",
			call:   func(ctx context.Context, c *facesign.Client) (any, error) { return c.Outbox(ctx) },
			method: "GET", path: "/outbox",
			status: 200, respond: `{"messages":[{"id":"m_1","to":"ana@example.com","channel":"email","code":"123456","sessionId":"s_1","nodeId":"otp","createdAt":1772366400,"expireAt":1772366700}]}`,
			check: func(t *testing.T, got any) {
				m := got.([]facesign.OutboxMessage)
				require.Len(t, m, 1)
				assert.Equal(t, "123456", m[0].Code)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
				if tt.noResponse {
					w.WriteHeader(tt.status)
					return
				}
				reply(w, tt.status, tt.respond)
			}, facesign.WithUserAgent("facesign-test/1"))
			got, err := tt.call(t.Context(), c)
			require.NoError(t, err)
			if tt.check != nil {
				tt.check(t, got)
			}
			reqs := s.requests()
			require.Len(t, reqs, 1)
			r := reqs[0]
			assert.Equal(t, tt.method, r.Method)
			assert.Equal(t, tt.path, r.Path)
			if tt.query != nil {
				assert.Equal(t, tt.query, r.Query)
			}
			assert.Equal(t, "Bearer "+testKey, r.Header.Get("Authorization"))
			assert.Equal(t, facesign.APIVersion, r.Header.Get("Facesign-Version"))
			assert.Equal(t, "application/json", r.Header.Get("Accept"))
			assert.Equal(t, "facesign-test/1", r.Header.Get("User-Agent"))
			if tt.body != "" {
				assert.JSONEq(t, tt.body, string(r.Body))
				assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
			} else {
				assert.Empty(t, r.Body)
			}
		})
	}
}

func TestErrorAnswers(t *testing.T) {
	tests := []struct {
		name   string
		call   func(ctx context.Context, c *facesign.Client) error
		status int
		header map[string]string
		body   string
		check  func(t *testing.T, e *facesign.APIError, err error)
	}{
		{
			name: "flat shape 403", status: 403, body: `{"error": "Incorrect api key"}`,
			call: func(ctx context.Context, c *facesign.Client) error { _, err := c.Avatars(ctx); return err },
			check: func(t *testing.T, e *facesign.APIError, err error) {
				assert.True(t, facesign.IsAuth(err))
				assert.Equal(t, 403, e.StatusCode)
				assert.Equal(t, facesign.ErrorTypeAuthentication, e.Type)
				assert.Equal(t, "Incorrect api key", e.Message)
				assert.Equal(t, "req_stub", e.RequestID)
				assert.Equal(t, "GET", e.Method)
				assert.Equal(t, "/avatars", e.Path)
			},
		},
		{
			name: "nested 401", status: 401, body: `{"error":{"type":"authentication_error","code":"invalid_api_key","message":"unknown key"}}`,
			call: func(ctx context.Context, c *facesign.Client) error { _, err := c.Langs(ctx); return err },
			check: func(t *testing.T, e *facesign.APIError, err error) {
				assert.True(t, facesign.IsAuth(err))
				assert.Equal(t, "invalid_api_key", e.Code)
			},
		},
		{
			name: "404", status: 404, body: `{"error":{"type":"not_found_error","code":"resource_missing","message":"no such session: \"nope\""}}`,
			call: func(ctx context.Context, c *facesign.Client) error { _, err := c.GetSession(ctx, "nope"); return err },
			check: func(t *testing.T, e *facesign.APIError, err error) {
				assert.True(t, facesign.IsNotFound(err))
				assert.False(t, facesign.IsAuth(err))
				assert.Equal(t, `facesign: GET /sessions/nope: 404 not_found_error (resource_missing): no such session: "nope" [request req_stub]`, err.Error())
			},
		},
		{
			name: "400 with details", status: 400,
			body: `{"error":{"type":"validation_error","code":"invalid_flow","message":"node ask: outcome yes points at missing node \"gone\"","details":[{"path":"/flow/1/outcomes/0/targetNodeId","code":"dangling_target","message":"no node gone"}]}}`,
			call: func(ctx context.Context, c *facesign.Client) error {
				_, err := c.CreateSession(ctx, facesign.Settings{})
				return err
			},
			check: func(t *testing.T, e *facesign.APIError, err error) {
				assert.True(t, facesign.IsValidation(err))
				assert.Equal(t, []facesign.ErrorDetail{{Path: "/flow/1/outcomes/0/targetNodeId", Code: "dangling_target", Message: "no node gone"}}, e.Details)
			},
		},
		{
			name: "non-JSON 502 on a POST", status: 502, header: map[string]string{"Content-Type": "text/plain"}, body: "Bad gateway: upstream reset",
			call: func(ctx context.Context, c *facesign.Client) error {
				_, err := c.CreateSession(ctx, facesign.Settings{})
				return err
			},
			check: func(t *testing.T, e *facesign.APIError, err error) {
				assert.Equal(t, facesign.ErrorTypeServer, e.Type)
				// Not FaceSign's error shape: described, never quoted.
				assert.Contains(t, e.Message, "HTTP 502 Bad Gateway (text/plain, 27 bytes) that is not a FaceSign API error")
				assert.NotContains(t, e.Error(), "upstream reset")
			},
		},
		{
			name: "200 that is not JSON", status: 200, header: map[string]string{"Content-Type": "text/html"}, body: "<html>captive portal</html>",
			call: func(ctx context.Context, c *facesign.Client) error { _, err := c.Avatars(ctx); return err },
			check: func(t *testing.T, e *facesign.APIError, err error) {
				assert.Equal(t, facesign.ErrorTypeInvalidResponse, e.Type)
				assert.Contains(t, e.Message, "text/html, not JSON")
			},
		},
		{
			name: "200 with a wrong shape", status: 200, body: `{"sessions": "many"}`,
			call: func(ctx context.Context, c *facesign.Client) error {
				_, err := c.ListSessions(ctx, facesign.ListParams{})
				return err
			},
			check: func(t *testing.T, e *facesign.APIError, err error) {
				assert.Equal(t, facesign.ErrorTypeInvalidResponse, e.Type)
			},
		},
		{
			name: "avatars object without the list", status: 200, body: `{"items":[]}`,
			call: func(ctx context.Context, c *facesign.Client) error { _, err := c.Avatars(ctx); return err },
			check: func(t *testing.T, e *facesign.APIError, err error) {
				assert.Equal(t, facesign.ErrorTypeInvalidResponse, e.Type)
				assert.Contains(t, e.Message, "no avatars list")
			},
		},
		{
			name: "empty 200 body where one is expected", status: 200, body: ``,
			call: func(ctx context.Context, c *facesign.Client) error { _, err := c.GetSession(ctx, "s_1"); return err },
			check: func(t *testing.T, e *facesign.APIError, err error) {
				assert.Equal(t, facesign.ErrorTypeInvalidResponse, e.Type)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", "application/json")
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.Header().Set("X-Request-Id", "req_stub")
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			})
			err := tt.call(t.Context(), c)
			require.Error(t, err)
			var e *facesign.APIError
			require.True(t, errors.As(err, &e), "every failure is an *APIError, got %T", err)
			tt.check(t, e, err)
			assert.Len(t, s.requests(), 1, "not retried")
		})
	}
}

func TestResponseBodyIsBounded(t *testing.T) {
	c, _, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"avatars":["`)
		chunk := strings.Repeat("a", 1<<20)
		for range 17 {
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
		}
		_, _ = io.WriteString(w, `"]}`)
	})
	_, err := c.Avatars(t.Context())
	var e *facesign.APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, facesign.ErrorTypeInvalidResponse, e.Type)
	assert.Contains(t, e.Message, "larger than")
}

func TestArgumentsCheckedBeforeSending(t *testing.T) {
	c, s, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{}`) })
	prod, ps, _ := newStub(t, "sk_live_abcdefgh9876", func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{}`) })
	ctx := t.Context()
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"empty session id", func() error { _, err := c.GetSession(ctx, ""); return err }, "session id is empty"},
		{"blank session id", func() error { _, err := c.RefreshSecret(ctx, "  "); return err }, "session id is empty"},
		{"dot-dot id", func() error { _, err := c.GetSession(ctx, ".."); return err }, "is not an id"},
		{"empty webhook id", func() error { return c.DeleteWebhook(ctx, "") }, "webhook id is empty"},
		{"empty endpoint id", func() error { _, err := c.Deliveries(ctx, ""); return err }, "webhook id is empty"},
		{"empty face id", func() error { return c.DeleteFace(ctx, "") }, "face id is empty"},
		{"negative limit", func() error { _, err := c.ListSessions(ctx, facesign.ListParams{Limit: -1}); return err }, "limit must not be negative"},
		{"relative webhook url", func() error { _, err := c.CreateWebhook(ctx, "/hook"); return err }, "absolute http"},
		{"simulate in production", func() error { _, err := prod.Simulate(ctx, "s_1", facesign.SimulateRequest{}); return err }, "only in the sandbox"},
		{"webhooks in production", func() error { _, err := prod.ListWebhooks(ctx); return err }, "only in the sandbox"},
		{"create webhook in production", func() error { _, err := prod.CreateWebhook(ctx, "http://127.0.0.1/x"); return err }, "only in the sandbox"},
		{"delete webhook in production", func() error { return prod.DeleteWebhook(ctx, "wh_1") }, "only in the sandbox"},
		{"deliveries in production", func() error { _, err := prod.Deliveries(ctx, "wh_1"); return err }, "only in the sandbox"},
		{"faces in production", func() error { _, err := prod.Faces(ctx); return err }, "only in the sandbox"},
		{"delete face in production", func() error { return prod.DeleteFace(ctx, "f_1") }, "only in the sandbox"},
		{"outbox in production", func() error { _, err := prod.Outbox(ctx); return err }, "only in the sandbox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var e *facesign.APIError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, facesign.ErrorTypeInvalidRequest, e.Type)
			assert.Equal(t, 0, e.StatusCode)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	assert.Empty(t, s.requests(), "nothing was sent")
	assert.Empty(t, ps.requests(), "nothing was sent")
}

func TestNew(t *testing.T) {
	tests := []struct {
		name string
		key  string
		opts []facesign.Option
		want string
	}{
		{"malformed key", "sk_test_ SECRETbody", nil, "character other than"},
		{"publishable key", "pk_test_SECRETbody", nil, "must start with sk_test_"},
		{"base URL without scheme", testKey, []facesign.Option{facesign.WithBaseURL("127.0.0.1:7717/sandbox")}, "http:// or https://"},
		{"base URL ftp", testKey, []facesign.Option{facesign.WithBaseURL("ftp://example.com")}, "http:// or https://"},
		{"base URL with query", testKey, []facesign.Option{facesign.WithBaseURL("http://127.0.0.1/x?a=1")}, "must not carry a query"},
		{"base URL without host", testKey, []facesign.Option{facesign.WithBaseURL("http:///x")}, "no host"},
		{"zero attempts", testKey, []facesign.Option{facesign.WithRetry(0, time.Second, time.Second)}, "at least 1"},
		{"max below base", testKey, []facesign.Option{facesign.WithRetry(3, time.Second, time.Millisecond)}, "below baseDelay"},
		{"negative timeout", testKey, []facesign.Option{facesign.WithTimeout(-time.Second)}, "negative timeout"},
		{"nil http client", testKey, []facesign.Option{facesign.WithHTTPClient(nil)}, "nil client"},
		{"nil logger", testKey, []facesign.Option{facesign.WithLogger(nil)}, "nil logger"},
		{"user agent injection", testKey, []facesign.Option{facesign.WithUserAgent("x\r\nEvil: 1")}, "line break"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := facesign.New(tt.key, tt.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), keySecret)
		})
	}

	c, err := facesign.New("sk_prod_abcdefgh1234")
	require.NoError(t, err)
	assert.Equal(t, facesign.EnvProduction, c.Environment())
	assert.Equal(t, facesign.DefaultBaseURL, c.BaseURL())
	c, err = facesign.New(testKey, facesign.WithBaseURL("http://127.0.0.1:7717/sandbox/"))
	require.NoError(t, err)
	assert.Equal(t, facesign.EnvSandbox, c.Environment())
	assert.Equal(t, "http://127.0.0.1:7717/sandbox", c.BaseURL())
	assert.Equal(t, redacted, c.RedactedKey())
}

// The key must not leak through any way a client, its errors or its logs can
// be printed, even when the server echoes the key back.
func TestKeyNeverShown(t *testing.T) {
	c, _, logs := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Path {
		case "/sandbox/avatars":
			reply(w, 200, `[]`)
		case "/sandbox/langs":
			w.Header().Set("Retry-After", "0")
			reply(w, 503, `{"error":{"type":"server_error","message":"overloaded"}}`)
		default:
			// A misconfigured proxy echoing the Authorization header.
			reply(w, 401, `{"error":{"type":"authentication_error","code":"`+r.Header.Get("Authorization")+`","message":"bad key `+r.Header.Get("Authorization")+`","details":[{"path":"/`+testKey+`","message":"`+testKey+`"}]}}`)
		}
	})
	ctx := t.Context()
	_, err := c.Avatars(ctx)
	require.NoError(t, err)
	_, langErr := c.Langs(ctx)
	require.Error(t, langErr)
	_, getErr := c.GetSession(ctx, "s_1")
	require.Error(t, getErr)
	var e *facesign.APIError
	require.ErrorAs(t, getErr, &e)
	assert.Contains(t, e.Message, redacted, "the echoed key is replaced by its redacted form")

	logger := slog.New(slog.NewJSONHandler(logs, nil))
	logger.Info("client", "client", c)
	logger.Info("error", "err", getErr)

	shown := []string{
		logs.String(),
		langErr.Error(), getErr.Error(),
		fmt.Sprintf("%v|%+v|%#v|%s|%d|%x|%q", c, c, c, c, c, c, c),
		fmt.Sprintf("%v|%+v|%#v", *e, e, e.Details),
		c.String(), c.GoString(), c.LogValue().String(),
	}
	for _, s := range shown {
		assert.NotContains(t, s, keySecret)
	}
	assert.Contains(t, logs.String(), redacted, "the client logs as its redacted key")
	assert.Contains(t, logs.String(), "retrying request", "retries are logged")
	assert.Contains(t, logs.String(), "request_id=req_stub")
}

func TestNewRejectsKeyWithoutShowingIt(t *testing.T) {
	_, err := facesign.New("sk_test_SECRETbody with space")
	require.Error(t, err)
	assert.ErrorIs(t, err, facesign.ErrInvalidKey)
	assert.NotContains(t, err.Error(), keySecret)
}

func TestJSONRoundTripOfRequestBody(t *testing.T) {
	// Settings encode exactly as FaceSign expects: zero values left out.
	b, err := json.Marshal(facesign.Settings{ClientReferenceID: "x"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"clientReferenceId":"x"}`, string(b))
}
