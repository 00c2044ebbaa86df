package sandbox

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serve runs one request through the handler in-process.
func serve(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+keyA)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// checkAnswer fails on a 5xx or an error without the contract's shape.
func checkAnswer(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code >= 500 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if rec.Code < 400 {
		return
	}
	var e struct {
		Error struct {
			Type, Code, Message string
			Details             []struct{ Path string }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatalf("status %d with a body that is not JSON: %q", rec.Code, rec.Body)
	}
	if e.Error.Type == "" || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("status %d without type, code and message: %s", rec.Code, rec.Body)
	}
}

func FuzzCreateBody(f *testing.F) {
	for _, seed := range []string{
		`{"flow":` + simpleFlow + `}`,
		`{"flow":` + simpleFlow + `,"metadata":{"a":"b"},"clientReferenceId":"x","langs":["en"],"zone":"eu"}`,
		`{"modules":["identityVerification",{"type":"emailVerification"}]}`,
		`{"flow":[{"id":"s","type":"start","outcome":"e"},{"id":"e","type":"end"}]}`,
		`{"flow":[{"id":"s","type":"start","outcome":"x"}]}`,
		`{"flow":{"nodes":[]}}`, `{"metadata":{"a":1}}`, `[]`, `null`, `{`, ``, `{"flow":[{"id":1}]}`,
		`{"flow":[{"id":"d","type":"data_validation","validation":{"field":"age","action":"olderThan","value":18},"outcomes":[]}]}`,
	} {
		f.Add(seed)
	}
	e := newEnv(f, nil)
	h := e.sb.Handler()
	f.Fuzz(func(t *testing.T, body string) {
		before := storedSessions(t, e.sb)
		rec := serve(h, "POST", "/sandbox/sessions", body)
		checkAnswer(t, rec)
		after := storedSessions(t, e.sb)
		switch {
		case rec.Code == http.StatusCreated && after != before+1:
			t.Fatalf("201 but %d sessions stored (was %d)", after, before)
		case rec.Code != http.StatusCreated && after != before:
			t.Fatalf("status %d stored a session: %s", rec.Code, rec.Body)
		}
	})
}

func FuzzListQuery(f *testing.F) {
	for _, seed := range []string{
		"", "limit=5", "status=complete&status=canceled", "sortBy=finishedAt&sortOrder=asc", "search=abc",
		"search=%22a%22+OR+b*", "fromDate=1700000000&toDate=1800000000000", "cursor=eyJzIjoiY3JlYXRlZEF0In0",
		"includeTotal=true&clientReferenceId=x&flowId=flow_1", "limit=%zz", "search=a", "search=%E2%82",
	} {
		f.Add(seed)
	}
	e := newEnv(f, nil)
	for i := range 5 {
		e.create(keyA, createBody(strings.Repeat("r", i+1), map[string]string{"n": "value"}))
	}
	h := e.sb.Handler()
	f.Fuzz(func(t *testing.T, query string) {
		rec := serve(h, "GET", "/sandbox/sessions?"+cleanQuery(query), "")
		checkAnswer(t, rec)
	})
}

// cleanQuery keeps a fuzzed query from breaking the request line itself.
func cleanQuery(q string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == '#' || r == 0x7f {
			return -1
		}
		return r
	}, q)
}

func storedSessions(t *testing.T, sb *Sandbox) int {
	var n int
	if err := sb.db.r.QueryRow(`SELECT COUNT(*) FROM sessions`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
