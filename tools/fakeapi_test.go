package tools

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// fakeAPI is a small FaceSign API for the tools' handler tests: accounts per
// key (one never sees another's sessions), the contract's error shapes, flow
// validation on create, a simulate that walks the flow by its outcomes, and
// webhook deliveries. It records list queries so tests can check that every
// filter reaches the API.
type fakeAPI struct {
	t   *testing.T
	srv *httptest.Server

	mu          sync.Mutex
	sessions    map[string]*fakeSession // by id
	seq         int
	webhooks    map[string][]facesign.WebhookEndpoint // by key
	deliveries  map[string][]facesign.Delivery        // by endpoint id
	lastQuery   url.Values
	calls       map[string]int // "METHOD /path-pattern" → count
	revokedKeys map[string]bool
	getDelay    time.Duration // how long GET /sessions/{id} takes
}

// slowGets makes GET /sessions/{id} take d.
func (f *fakeAPI) slowGets(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.getDelay = d
}

type fakeSession struct {
	key     string
	session facesign.Session
}

func newFakeAPI(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, sessions: map[string]*fakeSession{}, webhooks: map[string][]facesign.WebhookEndpoint{},
		deliveries: map[string][]facesign.Delivery{}, calls: map[string]int{}, revokedKeys: map[string]bool{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) URL() string { return f.srv.URL }

// revoke makes the API answer 401 to key, as FaceSign does to a revoked key.
func (f *fakeAPI) revoke(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.revokedKeys[key] = true
}

// addWebhook registers an endpoint for key's account.
func (f *fakeAPI) addWebhook(key, endpointURL string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := fmt.Sprintf("we_%d_%s", len(f.webhooks[key])+1, key[len(key)-4:])
	f.webhooks[key] = append(f.webhooks[key], facesign.WebhookEndpoint{ID: id, URL: endpointURL, CreatedAt: facesign.NewTime(time.Now())})
}

func (f *fakeAPI) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[call]
}

func (f *fakeAPI) query() url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lastQuery
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func apiError(w http.ResponseWriter, status int, typ, msg string, details ...map[string]string) {
	body := map[string]any{"type": typ, "message": msg}
	if len(details) > 0 {
		body["details"] = details
	}
	writeJSON(w, status, map[string]any{"error": body})
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if env, err := facesign.ParseKey(key); err != nil || env != facesign.EnvSandbox && !strings.HasPrefix(key, "sk_prod_") {
		apiError(w, 401, "authentication_error", "Invalid API key")
		return
	}
	f.mu.Lock()
	revoked := f.revokedKeys[key]
	f.mu.Unlock()
	if revoked {
		apiError(w, 401, "authentication_error", "This API key has been revoked")
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	route := r.Method + " /" + parts[0]
	if len(parts) > 1 {
		route += "/{id}"
	}
	if len(parts) > 2 {
		route += "/" + parts[2]
	}
	f.mu.Lock()
	f.calls[route]++
	delay := f.getDelay
	f.mu.Unlock()
	if route == "GET /sessions/{id}" && delay > 0 {
		time.Sleep(delay)
	}

	switch route {
	case "GET /avatars":
		writeJSON(w, 200, []facesign.Avatar{{ID: "av_anna", Name: "Anna", Gender: "female"}, {ID: "av_ben", Name: "Ben", Gender: "male"}})
	case "GET /langs":
		writeJSON(w, 200, map[string]any{"langs": []facesign.Lang{{ID: "en", Title: "English"}, {ID: "es", Title: "Spanish"}}})
	case "POST /sessions":
		f.create(w, r, key)
	case "GET /sessions":
		f.list(w, r, key)
	case "GET /sessions/{id}":
		s, ok := f.get(key, parts[1])
		if !ok {
			apiError(w, 404, "not_found_error", "No such session: "+parts[1])
			return
		}
		writeJSON(w, 200, map[string]any{"session": s, "clientSecret": map[string]any{"secret": "cs_secret_value", "url": "http://x/verify"}})
	case "POST /sessions/{id}/simulate":
		f.simulate(w, r, key, parts[1])
	case "GET /webhooks":
		f.mu.Lock()
		list := slices.Clone(f.webhooks[key])
		f.mu.Unlock()
		writeJSON(w, 200, nonNil(list))
	case "GET /webhooks/{id}/deliveries":
		f.mu.Lock()
		list := slices.Clone(f.deliveries[parts[1]])
		f.mu.Unlock()
		writeJSON(w, 200, nonNil(list))
	default:
		apiError(w, 404, "not_found_error", "no route "+route)
	}
}

func (f *fakeAPI) get(key, id string) (facesign.Session, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.sessions[id]
	if !ok || s.key != key {
		return facesign.Session{}, false
	}
	return s.session, true
}

func (f *fakeAPI) create(w http.ResponseWriter, r *http.Request, key string) {
	var settings facesign.Settings
	if err := json.NewDecoder(r.Body).Decode(&settings); err != nil {
		apiError(w, 400, "validation_error", "body: "+err.Error())
		return
	}
	if probs := flow.Errors(flow.Validate(settings.Flow)); len(probs) > 0 {
		var details []map[string]string
		for _, p := range probs {
			details = append(details, map[string]string{"path": "/flow" + p.Path, "message": p.Message})
		}
		apiError(w, 400, "validation_error", fmt.Sprintf("flow has %d error(s)", len(probs)), details...)
		return
	}
	f.mu.Lock()
	f.seq++
	id := fmt.Sprintf("sess_%04d", f.seq)
	s := facesign.Session{ID: id, CreatedAt: facesign.NewTime(time.Date(2026, 1, 1, 0, 0, f.seq, 0, time.UTC)),
		Status: facesign.StatusRequiresInput, Settings: settings}
	f.sessions[id] = &fakeSession{key: key, session: s}
	f.deliverLocked(key, id, "requiresInput")
	f.mu.Unlock()
	writeJSON(w, 201, map[string]any{"session": s, "clientSecret": map[string]any{"secret": "cs_x", "url": "http://x/verify"}})
}

// deliverLocked records one delivered event per endpoint of the account.
func (f *fakeAPI) deliverLocked(key, sessionID, status string) {
	for _, ep := range f.webhooks[key] {
		n := len(f.deliveries[ep.ID]) + 1
		f.deliveries[ep.ID] = append(f.deliveries[ep.ID], facesign.Delivery{
			ID: fmt.Sprintf("dl_%d", n), EventID: fmt.Sprintf("evt_%s_%s", sessionID, status), EndpointID: ep.ID,
			SessionID: sessionID, Attempt: 1, StatusCode: 200, State: "delivered", CreatedAt: facesign.NewTime(time.Now()),
		})
	}
}

func (f *fakeAPI) list(w http.ResponseWriter, r *http.Request, key string) {
	q := r.URL.Query()
	f.mu.Lock()
	f.lastQuery = q
	var all []facesign.Session
	for _, s := range f.sessions {
		if s.key == key {
			all = append(all, s.session)
		}
	}
	f.mu.Unlock()
	slices.SortFunc(all, func(a, b facesign.Session) int { return strings.Compare(b.ID, a.ID) })
	if st := q["status"]; len(st) > 0 {
		all = slices.DeleteFunc(all, func(s facesign.Session) bool { return !slices.Contains(st, string(s.Status)) })
	}
	if ref := q.Get("clientReferenceId"); ref != "" {
		all = slices.DeleteFunc(all, func(s facesign.Session) bool { return s.Settings.ClientReferenceID != ref })
	}
	start := 0
	if c := q.Get("cursor"); c != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(c, "cur_"))
		if err != nil || n < 0 || n > len(all) {
			apiError(w, 400, "validation_error", "cursor: not a cursor this API issued")
			return
		}
		start = n
	}
	limit := 25
	if l := q.Get("limit"); l != "" {
		limit, _ = strconv.Atoi(l)
	}
	end := min(start+limit, len(all))
	resp := facesign.ListSessionsResponse{Sessions: nonNil(all[start:end]), HasMore: end < len(all)}
	if resp.HasMore {
		resp.NextCursor = "cur_" + strconv.Itoa(end)
	}
	if q.Get("includeTotal") == "true" {
		n := len(all)
		resp.TotalCount = &n
	}
	writeJSON(w, 200, resp)
}

func (f *fakeAPI) simulate(w http.ResponseWriter, r *http.Request, key, id string) {
	var req facesign.SimulateRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		apiError(w, 400, "validation_error", "body: "+err.Error())
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	fs, ok := f.sessions[id]
	if !ok || fs.key != key {
		apiError(w, 404, "not_found_error", "No such session: "+id)
		return
	}
	fl := fs.session.Settings.Flow
	var path []facesign.PathStep
	report := &facesign.Report{Sandbox: true, Transcript: []facesign.TranscriptLine{}, NodeReports: []facesign.NodeReport{}}
	at := 0
	for n := fl.Start(); n != nil && len(path) < 100; {
		step := facesign.PathStep{NodeID: n.ID, Type: n.Type}
		next := ""
		switch n.Type {
		case flow.TypeStart:
			next = n.Next
		case flow.TypeEnd:
		default:
			info, _ := flow.Info(n.Type)
			name := req.Outcomes[n.ID]
			if name == "" {
				if info.Shape == flow.ShapeMap {
					name = info.SuccessOutcome()
				} else if len(n.Outcomes) > 0 {
					name = n.Outcomes[0].ID
				}
			}
			next, _ = n.Outcome(name)
			step.Outcome = name
			reported := name
			if info.Shape == flow.ShapeList {
				reported = next // FaceSign reports list outcomes by target id
			}
			at++
			nr := facesign.NodeReport{Type: n.Type, NodeID: n.ID, CreatedAt: facesign.NewTime(time.Unix(int64(1767225600+at), 0)), Outcome: reported}
			if n.Type == flow.TypeLiveness {
				live := name == "livenessDetected"
				report.LivenessDetected = &live
			}
			if n.Type == flow.TypeConversation {
				report.Transcript = append(report.Transcript, facesign.TranscriptLine{ID: "t" + strconv.Itoa(at), Text: n.Prompt, IsAvatar: true})
				if reply := req.Replies[n.ID]; reply != "" {
					report.Transcript = append(report.Transcript, facesign.TranscriptLine{ID: "u" + strconv.Itoa(at), Text: reply})
				}
			}
			report.NodeReports = append(report.NodeReports, nr)
		}
		path = append(path, step)
		if next == "" {
			break
		}
		n = fl.Node(next)
	}
	fs.session.Status = facesign.StatusComplete
	fs.session.Report = report
	f.deliverLocked(key, id, "processing")
	f.deliverLocked(key, id, "complete")
	writeJSON(w, 200, facesign.SimulateResponse{Session: fs.session, Path: path})
}
