// Package preview serves the pages launch_session_ui makes: one page per
// preview at /preview/{id} showing the flow as a diagram, a Start Session
// button that creates a new session with the caller's key on every click and
// embeds the hosted page the API returns, the session's live status and
// report, the sessions of this preview, and which branches of the flow they
// have covered (with a button that runs each untried one in the sandbox).
//
// The caller's key stays on the server inside a facesign.Client; the browser
// gets an unguessable preview id and a per-page token, never the key. A
// preview lives until its MCP session ends or a day passes, whichever comes
// first. Nothing is written to disk.
package preview

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/diagram"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// MaxLifetime is how long a preview lives at most.
const MaxLifetime = 24 * time.Hour

// tombstoneFor is how long an ended preview's id still answers "expired"
// rather than "unknown".
const tombstoneFor = 24 * time.Hour

// maxSessionsPerPreview bounds a preview's history (and so its memory).
const maxSessionsPerPreview = 200

// MaxPreviews bounds the previews a server keeps (live or ended): a client
// calling launch_session_ui in a loop pushes out the oldest, not the memory.
const MaxPreviews = 1000

// Errors of Create.
var (
	ErrNoClient = errors.New("preview: no FaceSign client")
	ErrNoFlow   = errors.New("preview: no flow")
)

// Config configures a Server. Zero fields get defaults.
type Config struct {
	Logger *slog.Logger
	// Clock is the time source (tests inject one).
	Clock func() time.Time
	// Diagrams draws flows; one renderer serves every preview.
	Diagrams *diagram.Renderer
	// PollInterval is how often the page asks for a running session's status.
	PollInterval time.Duration
}

// Spec is what a preview runs: the flow and settings of every session it
// creates, and the client (with the caller's key) that creates them.
type Spec struct {
	Client   *facesign.Client
	Settings facesign.Settings
	// Owner is the MCP session the preview belongs to; EndOwner ends it.
	Owner string
}

// Preview is one registered preview.
type Preview struct {
	ID        string
	CreatedAt time.Time
	ExpiresAt time.Time

	token  string // the page's token for its POSTs
	client *facesign.Client
	spec   facesign.Settings
	owner  string
	paths  flow.Paths

	mu       sync.Mutex
	sessions []*sessionEntry // newest last
	ended    string          // why the preview ended; "" while it lives
}

// sessionEntry is a session this preview created.
type sessionEntry struct {
	ID        string
	CreatedAt time.Time
	URL       string // the hosted page (contains the client secret: never logged)
	Simulated bool   // run by a coverage button, without a browser
	Status    facesign.Status
	Summary   *Summary // once it has ended
}

// Server holds the previews and serves their pages.
type Server struct {
	cfg Config
	mu  sync.Mutex
	all map[string]*Preview
}

// New returns an empty preview server.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Diagrams == nil {
		cfg.Diagrams = diagram.NewRenderer(0)
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 1500 * time.Millisecond
	}
	return &Server{cfg: cfg, all: map[string]*Preview{}}
}

// Create registers a preview of spec and returns it. Each call makes a new
// preview; earlier ones keep working until they expire.
func (s *Server) Create(spec Spec) (*Preview, error) {
	if spec.Client == nil {
		return nil, ErrNoClient
	}
	if len(spec.Settings.Flow) == 0 {
		return nil, ErrNoFlow
	}
	paths, err := flow.AllPaths(spec.Settings.Flow, 200, 0)
	if err != nil {
		return nil, fmt.Errorf("preview: %w", err)
	}
	now := s.cfg.Clock()
	p := &Preview{
		ID:        rand.Text(),
		CreatedAt: now,
		ExpiresAt: now.Add(MaxLifetime),
		token:     rand.Text(),
		client:    spec.Client,
		spec:      spec.Settings,
		owner:     spec.Owner,
		paths:     paths,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepLocked(now)
	for len(s.all) >= MaxPreviews {
		s.dropOldestLocked()
	}
	s.all[p.ID] = p
	return p, nil
}

// EndOwner ends every preview of an MCP session (called when the session
// ends or idles out): their pages say so and their actions stop.
func (s *Server) EndOwner(owner string) {
	if owner == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.all {
		if p.owner == owner {
			p.end("its MCP session ended (the assistant disconnected or was idle too long)")
		}
	}
}

// Len is the number of live previews.
func (s *Server) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.all {
		if p.live() {
			n++
		}
	}
	return n
}

// lookup finds a preview; live says whether it may still act. An expired
// preview is ended on the way.
func (s *Server) lookup(id string) (p *Preview, live bool) {
	now := s.cfg.Clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	p = s.all[id]
	if p == nil {
		return nil, false
	}
	if !now.Before(p.ExpiresAt) {
		p.end("it was created a day ago; previews live at most " + MaxLifetime.String())
	}
	return p, p.live()
}

// sweepLocked forgets previews ended long ago and ends expired ones.
func (s *Server) sweepLocked(now time.Time) {
	for id, p := range s.all {
		if !now.Before(p.ExpiresAt) {
			p.end("it was created a day ago; previews live at most " + MaxLifetime.String())
		}
		if !now.Before(p.ExpiresAt.Add(tombstoneFor)) {
			delete(s.all, id)
		}
	}
}

// dropOldestLocked forgets the oldest preview, ending it first.
func (s *Server) dropOldestLocked() {
	var oldest *Preview
	for _, p := range s.all {
		if oldest == nil || p.CreatedAt.Before(oldest.CreatedAt) {
			oldest = p
		}
	}
	if oldest != nil {
		oldest.end("too many previews were made on this server since")
		delete(s.all, oldest.ID)
	}
}

// end marks the preview ended and lets go of its client (and key).
func (p *Preview) end(why string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ended == "" {
		p.ended = why
		p.client = nil
	}
}

func (p *Preview) live() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ended == ""
}

// Client returns the preview's client, nil once it has ended.
func (p *Preview) Client() *facesign.Client {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.client
}

// Sandbox reports whether the preview runs against the sandbox.
func (p *Preview) Sandbox() bool {
	c := p.Client()
	return c != nil && c.Environment() == facesign.EnvSandbox
}

func (p *Preview) addSession(e *sessionEntry) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sessions = append(p.sessions, e)
	if len(p.sessions) > maxSessionsPerPreview {
		p.sessions = p.sessions[len(p.sessions)-maxSessionsPerPreview:]
	}
}

func (p *Preview) session(id string) *sessionEntry {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.sessions {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// history is a copy of the sessions, newest first.
func (p *Preview) history() []sessionEntry {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]sessionEntry, 0, len(p.sessions))
	for i := len(p.sessions) - 1; i >= 0; i-- {
		out = append(out, *p.sessions[i])
	}
	return out
}

func (p *Preview) record(id string, status facesign.Status, sum *Summary) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.sessions {
		if e.ID == id {
			e.Status = status
			if sum != nil {
				e.Summary = sum
			}
		}
	}
}

// Branches is the number of complete paths through the preview's flow.
func (p *Preview) Branches() int { return len(p.paths.Complete) }

// Diagrams is the renderer that draws this server's flows, for other views
// of the same flows to share its cache and its bound on concurrent layouts.
func (s *Server) Diagrams() *diagram.Renderer { return s.cfg.Diagrams }
