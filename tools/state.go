package tools

import (
	"container/list"
	"context"
	"crypto/rand"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// SessionState is what one MCP session remembers between tool calls. It is safe
// for concurrent use: a client may run several tool calls of one session at once.
type SessionState struct {
	id         string
	lastActive atomic.Int64 // unix nanoseconds by the store's clock
	// store is the store that holds this state (nil for a detached state), told
	// once when the session first keeps something of its own.
	store *SessionStore
	// hasState turns true, once, when the session first keeps a key or a flow.
	hasState atomic.Bool
	// elem is its place in one of the store's LRU lists and inStateful says
	// which; both are guarded by the store's lock.
	elem       *list.Element
	inStateful bool

	mu        sync.Mutex
	key       string
	serverURL string
	flow      flow.Flow
	lastBuild *flowbuild.Result
	// recipe is the last recipe prompt the client fetched, and description
	// the description the current flow was built from: export_app reads the
	// app's use case from them when it is not given.
	recipe      string
	description string
}

// ID is the MCP session id ("" for a detached state).
func (s *SessionState) ID() string { return s.id }

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
	s.gainedState()
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

// SetFlow makes a copy of f the session's current flow.
func (s *SessionState) SetFlow(f flow.Flow) {
	c := f.Clone()
	s.mu.Lock()
	s.flow = c
	s.mu.Unlock()
	s.gainedState()
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

// SetBuild records a build_flow result and makes its flow the current flow.
func (s *SessionState) SetBuild(r flowbuild.Result) {
	r.Flow = r.Flow.Clone()
	s.mu.Lock()
	s.lastBuild = &r
	s.flow = r.Flow.Clone()
	s.mu.Unlock()
	s.gainedState()
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

// gainedState tells the store, the first time only, that the session now
// holds something of its own, so that it is evicted after every session that
// holds nothing.
func (s *SessionState) gainedState() {
	if s.store != nil && s.hasState.CompareAndSwap(false, true) {
		s.store.markStateful(s)
	}
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

// Defaults for SessionStoreOptions.
const (
	DefaultIdleTimeout = 12 * time.Hour
	DefaultMaxSessions = 10000
)

// SessionStoreOptions configure a SessionStore.
type SessionStoreOptions struct {
	// IdleTimeout drops a session nothing has used for this long (default 12h).
	IdleTimeout time.Duration
	// MaxSessions bounds the number of live sessions; opening one more evicts
	// the least recently used session that holds nothing (no key, no flow),
	// and only when there is none the least recently used of the others
	// (default 10,000).
	MaxSessions int
	// Clock is the time source (default time.Now).
	Clock func() time.Time
}

// SessionStore keeps per-MCP-session state keyed by session id. It also issues
// and validates the Streamable HTTP session ids (it implements mcp-go's
// server.SessionIdManager), so an id the store does not hold, never issued or
// already ended, is answered 404 by the transport. Sessions leave the store
// when the client ends them (DELETE, stdio EOF), when they idle out, or when
// the store is full, so a server that runs for weeks does not grow.
type SessionStore struct {
	idle time.Duration
	max  int
	now  func() time.Time

	mu       sync.Mutex
	sessions map[string]*SessionState
	// empty and stateful order the sessions by last use, most recent at the
	// front: empty those that hold nothing of their own, stateful those with a
	// key or a flow. Two lists rather than one so that eviction when full stays
	// O(1) and takes from empty first: a flood of bare initialize requests,
	// which cost the sender nothing, must not push out a user's key and flow.
	empty    *list.List
	stateful *list.List
	onEvict  []func(id string)
	onSweep  []func()
}

// NewSessionStore returns an empty store.
func NewSessionStore(o SessionStoreOptions) *SessionStore {
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.MaxSessions <= 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	return &SessionStore{idle: o.IdleTimeout, max: o.MaxSessions, now: o.Clock, sessions: map[string]*SessionState{}, empty: list.New(), stateful: list.New()}
}

// IdleTimeout is how long an unused session lives.
func (s *SessionStore) IdleTimeout() time.Duration { return s.idle }

// OnEvict registers fn to run (outside the store's lock) for every session the
// store drops on its own, idle or over capacity, so that the transport can
// release what it holds for that session too. Sessions ended by the client
// are not reported: whoever ended them already knows.
func (s *SessionStore) OnEvict(fn func(id string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onEvict = append(s.onEvict, fn)
}

// OnSweep registers fn to run after every Sweep, for other per-session
// memory that ages (the transport's event log).
func (s *SessionStore) OnSweep(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onSweep = append(s.onSweep, fn)
}

// Open returns the state for id, creating it if needed, and marks it active.
func (s *SessionStore) Open(id string) *SessionState {
	var evicted []string
	s.mu.Lock()
	st, ok := s.sessions[id]
	if ok {
		s.listOf(st).MoveToFront(st.elem)
	} else {
		for len(s.sessions) >= s.max {
			evicted = append(evicted, s.evictOldestLocked())
		}
		st = &SessionState{id: id, store: s}
		st.elem = s.empty.PushFront(st)
		s.sessions[id] = st
	}
	st.lastActive.Store(s.now().UnixNano())
	hooks := s.onEvict
	s.mu.Unlock()
	s.notify(hooks, evicted)
	return st
}

// evictOldestLocked drops the least recently used session that holds
// nothing, or when every session holds something the least recently used of
// them; s.mu is held and the store is not empty.
func (s *SessionStore) evictOldestLocked() string {
	back := s.empty.Back()
	if back == nil {
		back = s.stateful.Back()
	}
	st := back.Value.(*SessionState)
	s.removeLocked(st)
	return st.id
}

func (s *SessionStore) removeLocked(st *SessionState) {
	s.listOf(st).Remove(st.elem)
	delete(s.sessions, st.id)
}

// listOf is the LRU list st is in; s.mu is held.
func (s *SessionStore) listOf(st *SessionState) *list.List {
	if st.inStateful {
		return s.stateful
	}
	return s.empty
}

// markStateful moves st from the empty list to the stateful one, keeping its
// place as the most recently used (it was just used). A session that left the
// store meanwhile stays out.
func (s *SessionStore) markStateful(st *SessionState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sessions[st.id] != st || st.inStateful {
		return
	}
	s.empty.Remove(st.elem)
	st.elem = s.stateful.PushFront(st)
	st.inStateful = true
}

// Get returns the state for id and marks it active; ok is false when the
// store does not hold id.
func (s *SessionStore) Get(id string) (*SessionState, bool) {
	if id == "" {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.sessions[id]
	if ok {
		s.listOf(st).MoveToFront(st.elem)
		st.lastActive.Store(s.now().UnixNano())
	}
	return st, ok
}

// Drop forgets id; it reports whether the store held it.
func (s *SessionStore) Drop(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.sessions[id]
	if ok {
		s.removeLocked(st)
	}
	return ok
}

// Len is the number of live sessions.
func (s *SessionStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Sweep drops every session idle for longer than the idle timeout by the
// store's clock and returns their ids.
func (s *SessionStore) Sweep() []string {
	cutoff := s.now().Add(-s.idle).UnixNano()
	var evicted []string
	s.mu.Lock()
	// A full walk rather than stopping at the first fresh session from the
	// back: the LRU order is by use, and a wall clock that stepped back could
	// leave an idle session in front of a fresh one. It runs rarely.
	for _, l := range []*list.List{s.empty, s.stateful} {
		for e := l.Back(); e != nil; {
			st := e.Value.(*SessionState)
			e = e.Prev()
			if st.lastActive.Load() < cutoff {
				s.removeLocked(st)
				evicted = append(evicted, st.id)
			}
		}
	}
	hooks, sweeps := s.onEvict, s.onSweep
	s.mu.Unlock()
	s.notify(hooks, evicted)
	for _, fn := range sweeps {
		fn()
	}
	return evicted
}

func (s *SessionStore) notify(hooks []func(string), ids []string) {
	for _, id := range ids {
		for _, fn := range hooks {
			fn(id)
		}
	}
}

// Run sweeps every interval (a tenth of the idle timeout, at least a second,
// when interval is zero) until ctx ends.
func (s *SessionStore) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = max(s.idle/10, time.Second)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.Sweep()
		}
	}
}

// Session ids are 26 characters of crypto/rand base32 behind a prefix, so a
// guessed or mistyped id never names a live session.
const sessionIDPrefix = "fsmcp-"

var errUnknownSession = errors.New("unknown or ended MCP session; start a new session (initialize)")

// Generate issues a new session id and opens its state (server.SessionIdManager).
func (s *SessionStore) Generate() string {
	id := sessionIDPrefix + rand.Text()
	s.Open(id)
	return id
}

// Validate accepts only ids the store holds (server.SessionIdManager); every
// other id, never issued or ended, is an error, which the transport answers
// with 404 so that the client starts a new session.
func (s *SessionStore) Validate(id string) (isTerminated bool, err error) {
	if _, ok := s.Get(id); !ok {
		return false, errUnknownSession
	}
	return false, nil
}

// Terminate ends a session at the client's request (server.SessionIdManager).
func (s *SessionStore) Terminate(id string) (isNotAllowed bool, err error) {
	s.Drop(id)
	return false, nil
}

var _ server.SessionIdManager = (*SessionStore)(nil)
