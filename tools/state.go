package tools

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/sessionstore"
)

// SessionState is what one MCP session remembers between tool calls. It is safe
// for concurrent use: a client may run several tool calls of one session at once.
type SessionState struct {
	// slot is its place in the store (nil for a detached state): its id,
	// and what its state costs.
	slot *sessionstore.Slot

	mu        sync.Mutex
	key       string
	serverURL string
	// flow is immutable once stored (readers get clones), so lastBuild.Flow
	// shares it instead of holding a second copy.
	flow      flow.Flow
	lastBuild *flowbuild.Result
	// recipe is the last recipe prompt the client fetched, and description
	// the description the current flow was built from: export_app reads the
	// app's use case from them when it is not given.
	recipe      string
	description string
	settings    SessionSettings
	// appView is the latest session the MCP Apps session view shows; kept
	// only for clients that declared the extension. Its flow is at most one
	// more flow of the bounded size build_flow accepts.
	appView    appView
	hasAppView bool
}

func (s *SessionState) setView(v appView) {
	s.mu.Lock()
	s.appView, s.hasAppView = v, true
	s.mu.Unlock()
}

func (s *SessionState) view() (appView, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.appView, s.hasAppView
}

// Settings returns the avatar and languages of the current flow's sessions.
func (s *SessionState) Settings() SessionSettings {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.settings
	c.Langs, c.NamedLangs = slices.Clone(c.Langs), slices.Clone(c.NamedLangs)
	return c
}

// SetSettings replaces them.
func (s *SessionState) SetSettings(v SessionSettings) {
	v.Langs, v.NamedLangs = slices.Clone(v.Langs), slices.Clone(v.NamedLangs)
	s.mu.Lock()
	s.settings = v
	s.mu.Unlock()
}

// ID is the MCP session id ("" for a detached state).
func (s *SessionState) ID() string { return s.slot.ID() }

// Key returns the session's API key and the serverUrl given with it ("" when
// none was given).
func (s *SessionState) Key() (key, serverURL string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.key, s.serverURL
}

// SetKey keeps key for this session only; serverURL may be "" to use the
// default base URL for the key's environment.
func (s *SessionState) SetKey(key, serverURL string) {
	s.mu.Lock()
	s.key, s.serverURL = key, serverURL
	s.mu.Unlock()
	_ = s.slot.Account(-1)
}

// Flow returns a copy of the session's current flow (nil when there is none),
// so callers may change it freely.
func (s *SessionState) Flow() flow.Flow {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.flow == nil {
		return nil
	}
	return s.flow.Clone()
}

// SetFlow makes a copy of f the session's current flow. It fails, keeping
// the previous flow, when f is larger than a session may hold or the store
// cannot make room for it (ErrFlowTooLarge, ErrStoreFull).
func (s *SessionState) SetFlow(f flow.Flow) error {
	c := f.Clone()
	cost, err := flowCost(c)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.slot.Account(cost); err != nil {
		return flowNotKept(err)
	}
	s.flow = c
	if s.lastBuild != nil {
		s.lastBuild = nil // it described another flow
	}
	return nil
}

// LastBuild returns a copy of the last build_flow result, or nil.
func (s *SessionState) LastBuild() *flowbuild.Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lastBuild == nil {
		return nil
	}
	r := *s.lastBuild
	r.Flow = r.Flow.Clone()
	return &r
}

// SetBuild records a build_flow result and makes its flow the current flow;
// it fails like SetFlow.
func (s *SessionState) SetBuild(r flowbuild.Result) error {
	r.Flow = r.Flow.Clone()
	cost, err := flowCost(r.Flow)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(struct {
		S string
		W []flow.Problem
		Q []flowbuild.Question
		A []string
		X flowbuild.SessionSettings
	}{r.Summary, r.Warnings, r.Questions, r.Assumptions, r.Settings})
	cost += int64(len(b))
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.slot.Account(cost); err != nil {
		return flowNotKept(err)
	}
	s.lastBuild = &r
	s.flow = r.Flow
	return nil
}

// Origin returns the last recipe prompt fetched in this session and the
// description the current flow was built from ("" when unknown).
func (s *SessionState) Origin() (recipe, description string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.recipe, s.description
}

// SetRecipe records that the client fetched a recipe's prompt.
func (s *SessionState) SetRecipe(slug string) {
	s.mu.Lock()
	s.recipe = slug
	s.mu.Unlock()
}

// SetDescription records the description the current flow was built from
// ("" for a flow adopted as given).
func (s *SessionState) SetDescription(text string) {
	s.mu.Lock()
	s.description = text
	s.mu.Unlock()
}

// Limits on what sessions hold. A flow in memory takes about twice its
// JSON; costs are counted as the JSON, which is proportional.
const (
	// DefaultMaxFlowBytes bounds one session's flow, as JSON: far above any
	// real flow (200 nodes of long prompts is ~150 KiB) and far below what
	// 10,000 sessions could hold.
	DefaultMaxFlowBytes = sessionstore.DefaultMaxEntryBytes
	// DefaultIdleTimeout drops a session unused this long.
	DefaultIdleTimeout = sessionstore.DefaultIdleTimeout
)

// ErrFlowTooLarge and ErrStoreFull are why a session could not keep a flow.
var (
	ErrFlowTooLarge = sessionstore.ErrTooLarge
	ErrStoreFull    = sessionstore.ErrFull
)

// flowNotKept names the flow in the store's refusal.
func flowNotKept(err error) error {
	if errors.Is(err, ErrFlowTooLarge) {
		return fmt.Errorf("the flow is %w", err)
	}
	return err
}

// flowCost is what keeping f costs, in bytes of JSON.
func flowCost(f flow.Flow) (int64, error) {
	if f == nil {
		return 0, nil
	}
	b, err := json.Marshal(f)
	if err != nil {
		return 0, fmt.Errorf("measuring the flow: %w", err)
	}
	return int64(len(b)), nil
}

// SessionStore keeps each MCP session's SessionState, issues and validates
// the Streamable HTTP session ids, and bounds what sessions hold (package
// sessionstore).
type SessionStore = sessionstore.Store[*SessionState]

// SessionStoreOptions configure a SessionStore; MaxEntryBytes bounds one
// session's flow, as JSON.
type SessionStoreOptions = sessionstore.Options

// NewSessionStore returns an empty store.
func NewSessionStore(o SessionStoreOptions) *SessionStore {
	return sessionstore.New(o, func(slot *sessionstore.Slot) *SessionState { return &SessionState{slot: slot} })
}

// State returns the calling MCP session's state. For a request that belongs to
// no live session (a session that was just evicted, or a stateless request) it
// returns a detached state that nothing else sees and that is not kept.
func (d *Deps) State(ctx context.Context) *SessionState {
	if sess := server.ClientSessionFromContext(ctx); sess != nil && d.Sessions != nil {
		if st, ok := d.Sessions.Get(sess.SessionID()); ok {
			return st
		}
	}
	return &SessionState{}
}
