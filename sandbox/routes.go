package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

const requestIDHeader = "X-Request-Id"

// handlerFunc is an API handler: it returns the status and body to send, or an error.
type handlerFunc func(w http.ResponseWriter, r *http.Request, a account) (int, any, error)

func (s *Sandbox) routes() http.Handler {
	mux := http.NewServeMux()
	b := s.cfg.BasePath
	handle := func(method, path string, h handlerFunc) {
		mux.Handle(method+" "+b+path, s.api(h))
	}
	handle("POST", "/sessions", s.createSession)
	handle("GET", "/sessions", s.listSessions)
	handle("GET", "/sessions/{id}", s.getSession)
	handle("GET", "/sessions/{id}/refresh", s.refreshSecret)
	handle("POST", "/sessions/{id}/simulate", s.simulate)
	handle("GET", "/avatars", s.listAvatars)
	handle("GET", "/langs", s.listLangs)
	handle("POST", "/webhooks", s.createWebhook)
	handle("GET", "/webhooks", s.listWebhooks)
	handle("DELETE", "/webhooks/{id}", s.deleteWebhook)
	handle("GET", "/webhooks/{id}/deliveries", s.listDeliveries)
	handle("GET", "/faces", s.listFaces)
	handle("DELETE", "/faces/{id}", s.deleteFace)
	handle("GET", "/outbox", s.listOutbox)

	// A known path with another method answers 405, anything else 404, both in
	// the contract's error shape rather than the mux's plain text.
	for path, allow := range map[string]string{
		"/sessions": "GET, POST", "/sessions/{id}": "GET", "/sessions/{id}/refresh": "GET",
		"/sessions/{id}/simulate": "POST", "/avatars": "GET", "/langs": "GET", "/webhooks": "GET, POST",
		"/webhooks/{id}": "DELETE", "/webhooks/{id}/deliveries": "GET", "/faces": "GET", "/faces/{id}": "DELETE",
		"/outbox": "GET",
	} {
		mux.Handle(b+path, s.api(func(w http.ResponseWriter, r *http.Request, _ account) (int, any, error) {
			w.Header().Set("Allow", allow)
			return 0, nil, &apiError{Status: http.StatusMethodNotAllowed, Type: typeInvalidRequest, Code: "method_not_allowed",
				Message: fmt.Sprintf("%s %s is not supported; use %s", r.Method, r.URL.Path, allow)}
		}))
	}
	mux.Handle(b+"/", s.api(func(w http.ResponseWriter, r *http.Request, _ account) (int, any, error) {
		return 0, nil, &apiError{Status: http.StatusNotFound, Type: typeNotFound, Code: "unknown_path",
			Message: fmt.Sprintf("no API endpoint at %s %s", r.Method, r.URL.Path)}
	}))
	return mux
}

// api wraps a handler with what every endpoint shares: a request id, panic
// recovery, authentication and the rate limit.
func (s *Sandbox) api(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(requestIDHeader, newID("req_"))
		defer func() {
			if p := recover(); p != nil {
				s.writeError(w, r, fmt.Errorf("panic: %v", p))
			}
		}()
		a, err := s.authenticate(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if s.limiter != nil {
			if err := s.limiter.allow(w, a.id); err != nil {
				s.writeError(w, r, err)
				return
			}
		}
		status, body, err := h(w, r, a)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if status == http.StatusNoContent {
			w.WriteHeader(status)
			return
		}
		writeJSON(w, status, s.signMedia(body))
	})
}

// rateLimiter is a fixed one-minute window per account, as FaceSign documents
// its limits ("N requests per minute").
type rateLimiter struct {
	limit     int
	now       func() time.Time
	mu        sync.Mutex
	win       map[int64]*window
	lastPrune time.Time
}

type window struct {
	start time.Time
	used  int
}

func newRateLimiter(limit int, now func() time.Time) *rateLimiter {
	return &rateLimiter{limit: limit, now: now, win: map[int64]*window{}}
}

func (l *rateLimiter) allow(w http.ResponseWriter, acct int64) error {
	now := l.now()
	l.mu.Lock()
	win := l.win[acct]
	if now.Sub(l.lastPrune) >= time.Minute {
		// Once a minute, forget windows that are over: an account seen once
		// does not stay in the map forever, however few accounts there are.
		l.lastPrune = now
		for k, v := range l.win {
			if now.Sub(v.start) >= time.Minute {
				delete(l.win, k)
			}
		}
		win = l.win[acct]
	}
	if win == nil || now.Sub(win.start) >= time.Minute {
		win = &window{start: now.Truncate(time.Minute)}
		l.win[acct] = win
	}
	win.used++
	used := win.used
	reset := win.start.Add(time.Minute)
	l.mu.Unlock()

	remaining := max(l.limit-used, 0)
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(l.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	if used > l.limit {
		wait := max(int(reset.Sub(now).Seconds()+0.999), 1)
		h.Set("Retry-After", strconv.Itoa(wait))
		return &apiError{Status: http.StatusTooManyRequests, Type: typeRateLimit, Code: "rate_limited",
			Message: fmt.Sprintf("more than %d requests in a minute; retry after %d s", l.limit, wait)}
	}
	return nil
}

// signMedia turns the hosted page's stored image references in an answer into
// signed URLs valid from now (see mediaSigner). A body that does not encode
// is left for writeJSON to report.
func (s *Sandbox) signMedia(body any) any {
	enc, ok := body.(encodedJSON)
	if !ok {
		raw, err := json.Marshal(body)
		if err != nil {
			return body
		}
		enc = raw
	}
	return encodedJSON(s.media.sign(enc, s.now()))
}
