package preview

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/facesign/facesign-mcp/facesign"
)

//go:embed static
var static embed.FS

// TokenHeader carries the page's token on its POSTs.
const TokenHeader = "X-Preview-Token"

// apiTimeout bounds one FaceSign call made for the page.
const apiTimeout = 30 * time.Second

// Handler serves /preview/… . Mount it at /preview/ behind the listener's
// Host check (DNS rebinding); it checks Origin and the page token itself.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	// Assets sit beside the ids (a literal segment wins over {id}; ids are
	// base32 and never contain a dot).
	mux.Handle("GET /preview/preview.js", staticHandler("preview.js"))
	mux.Handle("GET /preview/preview.css", staticHandler("preview.css"))
	mux.HandleFunc("GET /preview/{id}", s.page)
	mux.HandleFunc("GET /preview/{id}/panels", s.panels)
	mux.HandleFunc("POST /preview/{id}/sessions", s.guard(s.startSession))
	mux.HandleFunc("GET /preview/{id}/sessions/{sid}", s.sessionStatus)
	mux.HandleFunc("POST /preview/{id}/sessions/{sid}/refresh", s.guard(s.refreshSecret))
	mux.HandleFunc("POST /preview/{id}/branches/{n}/run", s.guard(s.runBranch))
	mux.HandleFunc("POST /preview/{id}/faces/{face}/delete", s.guard(s.deleteFace))
	mux.HandleFunc("POST /preview/{id}/webhooks/{ep}/deliveries/{did}/resend", s.guard(s.resendDelivery))
	return securityHeaders(mux)
}

func staticHandler(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFileFS(w, r, static, "static/"+name)
	})
}

type nonceKey struct{}

// securityHeaders sets a strict CSP with a fresh nonce per request (scripts
// and styles run only with it), and forbids framing, sniffing and referrers
// (the page's URL is its capability).
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nonce := rand.Text()
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'nonce-"+nonce+"'; style-src 'self' 'nonce-"+nonce+"'; "+
			"img-src 'self' data: blob: https:; connect-src 'self'; frame-src 'self' http://127.0.0.1:* http://localhost:* https:; "+
			"frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if !strings.HasSuffix(r.URL.Path, ".js") && !strings.HasSuffix(r.URL.Path, ".css") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), nonceKey{}, nonce)))
	})
}

func nonceOf(ctx context.Context) string {
	n, _ := ctx.Value(nonceKey{}).(string)
	return n
}

// guard admits a POST only from this server's own pages: the Origin must be
// the origin the request was sent to (another site's page cannot forge it),
// a Sec-Fetch-Site, when sent, must say same-origin, and the page's token
// must match the preview's. Anything else is refused before any API call.
func (s *Server) guard(next func(http.ResponseWriter, *http.Request, *Preview)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !sameOrigin(r) {
			jsonError(w, http.StatusForbidden, "This action is accepted only from the preview page itself (cross-origin request refused).")
			return
		}
		p, live := s.lookup(r.PathValue("id"))
		if p == nil {
			jsonError(w, http.StatusNotFound, "There is no preview with this id. Ask the assistant to run launch_session_ui again.")
			return
		}
		if subtle.ConstantTimeCompare([]byte(r.Header.Get(TokenHeader)), []byte(p.token)) != 1 {
			jsonError(w, http.StatusForbidden, "The page's token is missing or wrong: reload the preview page.")
			return
		}
		if !live {
			jsonError(w, http.StatusGone, "This preview has ended: "+p.endedWhy()+". Ask the assistant to run launch_session_ui again.")
			return
		}
		next(w, r, p)
	}
}

func sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

func (p *Preview) endedWhy() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ended
}

// page renders the preview, or a page that says why there is none.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	p, live := s.lookup(r.PathValue("id"))
	ctx := r.Context()
	if p == nil {
		s.problem(w, r, http.StatusNotFound, "No such preview",
			"This address does not name a preview on this server. Previews live in memory: a restarted server has forgotten them.",
			"Ask your assistant to run launch_session_ui again for a new link.")
		return
	}
	if !live {
		s.problem(w, r, http.StatusGone, "This preview has ended",
			"It ended because "+p.endedWhy()+".",
			"Ask your assistant to run launch_session_ui again: the sessions it ran are still in your FaceSign account (get_session).")
		return
	}
	d := s.pageData(ctx, p)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pageView(d).Render(ctx, w); err != nil {
		s.cfg.Logger.Warn("preview: rendering the page", "err", err)
	}
}

func (s *Server) problem(w http.ResponseWriter, r *http.Request, code int, title, what, todo string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_ = problemView(problemData{Nonce: nonceOf(r.Context()), Title: title, What: what, Todo: todo}).Render(r.Context(), w)
}

// panels re-renders the history and coverage sections after a session ends.
func (s *Server) panels(w http.ResponseWriter, r *http.Request) {
	p, live := s.lookup(r.PathValue("id"))
	if p == nil || !live {
		http.Error(w, "preview ended", http.StatusGone)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = panelsView(s.pageData(r.Context(), p)).Render(r.Context(), w)
}

// startSession creates a new session for every click.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, p *Preview) {
	c := p.Client()
	if c == nil {
		jsonError(w, http.StatusGone, "This preview has ended.")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	settings := p.spec
	settings.Metadata = withCreatedBy(settings.Metadata, "launch_session_ui")
	resp, err := c.CreateSession(ctx, settings)
	if err != nil {
		s.apiError(w, "Creating the session", err)
		return
	}
	u, err := url.Parse(resp.ClientSecret.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		jsonError(w, http.StatusBadGateway, "The FaceSign API returned no usable verification page URL for the new session.")
		return
	}
	p.addSession(&sessionEntry{ID: resp.Session.ID, CreatedAt: s.cfg.Clock(), URL: resp.ClientSecret.URL, Status: resp.Session.Status})
	s.cfg.Logger.Info("preview: session created", "preview", logID(p.ID), "session", resp.Session.ID)
	writeJSON(w, http.StatusCreated, map[string]string{
		"sessionId": resp.Session.ID,
		"url":       resp.ClientSecret.URL,
		"origin":    u.Scheme + "://" + u.Host,
	})
}

// refreshSecret gives the iframe a new client secret (the old one expired or
// was replaced).
func (s *Server) refreshSecret(w http.ResponseWriter, r *http.Request, p *Preview) {
	e, c := ownSession(w, r, p)
	if e == nil {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	cs, err := c.RefreshSecret(ctx, e.ID)
	if err != nil {
		s.apiError(w, "Refreshing the session's secret", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"sessionId": e.ID, "url": cs.URL})
}

// sessionStatus is the page's poll: the session as the API has it now.
// Only sessions this preview created are answered.
func (s *Server) sessionStatus(w http.ResponseWriter, r *http.Request) {
	p, live := s.lookup(r.PathValue("id"))
	if p == nil || !live {
		jsonError(w, http.StatusGone, "This preview has ended or does not exist.")
		return
	}
	e, c := ownSession(w, r, p)
	if e == nil {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	got, err := c.GetSession(ctx, e.ID)
	if err != nil {
		s.apiError(w, "Fetching the session", err)
		return
	}
	sum := summarize(got.Session)
	if sum.Ended {
		p.record(e.ID, got.Session.Status, &sum)
	} else {
		p.record(e.ID, got.Session.Status, nil)
	}
	writeJSON(w, http.StatusOK, sum)
}

// runBranch runs an untried branch in the sandbox, without a browser: a new
// session, simulated with the outcomes the branch needs.
func (s *Server) runBranch(w http.ResponseWriter, r *http.Request, p *Preview) {
	c := p.Client()
	if c == nil || c.Environment() != facesign.EnvSandbox {
		jsonError(w, http.StatusForbidden, "Branches run without a camera only in the sandbox; this preview uses a production key.")
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(p.paths.Complete) {
		jsonError(w, http.StatusNotFound, "No such branch of this flow.")
		return
	}
	b := Branch{Index: n, Steps: p.paths.Complete[n]}
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	settings := p.spec
	settings.Metadata = withCreatedBy(settings.Metadata, "launch_session_ui coverage")
	resp, err := c.CreateSession(ctx, settings)
	if err != nil {
		s.apiError(w, "Creating the session", err)
		return
	}
	p.addSession(&sessionEntry{ID: resp.Session.ID, CreatedAt: s.cfg.Clock(), Simulated: true, Status: resp.Session.Status})
	sim, err := c.Simulate(ctx, resp.Session.ID, facesign.SimulateRequest{Outcomes: b.Outcomes()})
	if err != nil {
		s.apiError(w, "Running the branch", err)
		return
	}
	sum := summarize(sim.Session)
	p.record(resp.Session.ID, sim.Session.Status, &sum)
	writeJSON(w, http.StatusOK, sum)
}

func withCreatedBy(m map[string]string, by string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	if _, ok := out["createdBy"]; !ok {
		out["createdBy"] = by
	}
	return out
}

// apiError answers with what the API said, in words a developer can act on;
// facesign errors never contain the key.
func (s *Server) apiError(w http.ResponseWriter, what string, err error) {
	s.cfg.Logger.Warn("preview: FaceSign call failed", "what", what, "err", err)
	switch {
	case facesign.IsAuth(err), facesign.IsForbidden(err):
		jsonError(w, http.StatusBadGateway, what+" failed: the FaceSign API refused the key. Check it with set_api_key, then launch a new preview.")
	case facesign.IsConnection(err), errors.Is(err, context.DeadlineExceeded):
		jsonError(w, http.StatusBadGateway, what+" failed: the FaceSign API could not be reached ("+err.Error()+"). Is the server (or the sandbox) running?")
	default:
		jsonError(w, http.StatusBadGateway, what+" failed: "+err.Error())
	}
}

// logID shortens a preview id for logs: enough to tell previews apart, not
// enough to open one.
func logID(id string) string {
	if len(id) > 6 {
		return id[:6] + "…"
	}
	return id
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func jsonError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

var _ templ.Component // the views are templ components

// ownSession is the session named in the path, if this preview made it, and
// the client that reaches it; otherwise it answers 404 and returns nil.
func ownSession(w http.ResponseWriter, r *http.Request, p *Preview) (*sessionEntry, *facesign.Client) {
	e, c := p.session(r.PathValue("sid")), p.Client()
	if e == nil || c == nil {
		jsonError(w, http.StatusNotFound, "This preview made no such session.")
		return nil, nil
	}
	return e, c
}
