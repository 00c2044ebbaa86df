package inproc

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// api is a small handler with what a client relies on: auth, status codes,
// headers, bodies both ways, the peer address.
func api() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/echo", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer k" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"error":"bad key"}`)
			return
		}
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Peer", r.RemoteAddr)
		w.Header().Set("X-Host", r.Host)
		w.Header().Set("X-URI", r.RequestURI)
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write(body)
	})
	mux.HandleFunc("GET /api/plain", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "hello") })
	mux.HandleFunc("GET /api/empty", func(w http.ResponseWriter, r *http.Request) {})
	return mux
}

func TestTransport(t *testing.T) {
	c := &http.Client{Transport: &Transport{Handler: api()}}
	tests := []struct {
		name, method, url, auth, body string
		status                        int
		wantBody                      string
		header                        map[string]string
	}{
		{name: "created with the body echoed", method: "POST", url: "http://127.0.0.1:7717/api/echo?x=1", auth: "Bearer k", body: `{"a":1}`,
			status: 201, wantBody: `{"a":1}`, header: map[string]string{"X-Peer": "127.0.0.1:0", "X-Host": "127.0.0.1:7717", "X-URI": "/api/echo?x=1"}},
		{name: "the handler's error", method: "POST", url: "http://127.0.0.1:7717/api/echo", body: `{}`,
			status: 401, wantBody: `{"error":"bad key"}`, header: map[string]string{"Content-Type": "application/json"}},
		{name: "implicit 200 and sniffed type", method: "GET", url: "http://h/api/plain", status: 200, wantBody: "hello",
			header: map[string]string{"Content-Type": "text/plain; charset=utf-8"}},
		{name: "no body at all", method: "GET", url: "http://h/api/empty", status: 200, wantBody: ""},
		{name: "the mux's 404", method: "GET", url: "http://h/nothing", status: 404, wantBody: "404 page not found\n"},
		{name: "the mux's 405", method: "GET", url: "http://h/api/echo", status: 405, wantBody: "Method Not Allowed\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			req, err := http.NewRequest(tc.method, tc.url, body)
			require.NoError(t, err)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			res, err := c.Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			got, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.wantBody, string(got))
			assert.Equal(t, int64(len(tc.wantBody)), res.ContentLength)
			for k, v := range tc.header {
				assert.Equal(t, v, res.Header.Get(k), k)
			}
		})
	}
}

func TestTransportCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://h/api/plain", nil)
	_, err := (&http.Client{Transport: &Transport{Handler: api()}}).Do(req)
	assert.True(t, errors.Is(err, context.Canceled), "%v", err)
}

func TestRoute(t *testing.T) {
	var outside []string
	next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		outside = append(outside, r.URL.String())
		return &http.Response{StatusCode: 204, Body: http.NoBody, Request: r}, nil
	})
	rt, err := Route("http://127.0.0.1:7717/sandbox/", &Transport{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(299)
	})}, next)
	require.NoError(t, err)
	for url, in := range map[string]bool{
		"http://127.0.0.1:7717/sandbox":              true,
		"http://127.0.0.1:7717/sandbox/sessions/1":   true,
		"http://127.0.0.1:7717/sandboxes":            false,
		"http://127.0.0.1:7717/mcp":                  false,
		"https://127.0.0.1:7717/sandbox/sessions":    false,
		"http://127.0.0.1:7718/sandbox/sessions":     false,
		"https://api.facesign.ai/sessions":           false,
		"http://127.0.0.1:7717/sandbox/x?y=/sandbox": true,
	} {
		req, _ := http.NewRequest("GET", url, nil)
		res, err := rt.RoundTrip(req)
		require.NoError(t, err)
		assert.Equal(t, map[bool]int{true: 299, false: 204}[in], res.StatusCode, url)
	}
	assert.Len(t, outside, 5)
	_, err = Route("/sandbox", next, next)
	assert.Error(t, err)
}

// The in-process answers are what a socket would have given.
func TestTransportMatchesAServer(t *testing.T) {
	srv := httptest.NewServer(api())
	defer srv.Close()
	for _, c := range []*http.Client{srv.Client(), {Transport: &Transport{Handler: api()}}} {
		req, _ := http.NewRequest("POST", srv.URL+"/api/echo", strings.NewReader("x"))
		res, err := c.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		assert.Equal(t, 401, res.StatusCode)
		assert.Equal(t, `{"error":"bad key"}`, string(body))
		assert.Equal(t, "application/json", res.Header.Get("Content-Type"))
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
