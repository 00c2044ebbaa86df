package tools

import (
	"container/list"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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
	// store is the store that holds this state (nil for a detached state).
	store *SessionStore

	// Guarded by the store's lock: its place in the store's lists, its rank
	// there, the tool calls it made and what its state costs.
	elem      *list.Element
	rank      rank
	calls     int
	firstCall int64 // unix nanoseconds of the first tool call
	hasState  bool
	bytes     int64

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
	if s.store != nil {
		_ = s.store.account(s, -1)
	}
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
	if s.store != nil {
		if err := s.store.account(s, cost); err != nil {
			return err
		}
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
	if s.store != nil {
		if err := s.store.account(s, cost); err != nil {
			return err
		}
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
	DefaultMaxFlowBytes = 256 << 10
	// DefaultMaxTotalBytes bounds the flows of every session together.
	DefaultMaxTotalBytes = 256 << 20
	// stateOverhead is what a session holding anything costs besides its
	// flow: its key, maps, list element.
	stateOverhead = 1 << 10
)

// ErrFlowTooLarge and ErrStoreFull are why a session could not keep a flow.
var (
	ErrFlowTooLarge = errors.New("the flow is larger than a session may keep")
	ErrStoreFull    = errors.New("the server holds as much session state as it may")
)

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
	// A session is "working" once it holds state and has made at least
	// workingCalls tool calls over at least workingSpan: a person using the
	// tools does, a flood of sessions that each set a key and leave does not,
	// unless it keeps every session going for a while, which bounds its rate.
	workingCalls = 3
	workingSpan  = time.Minute
)

// rank orders sessions for eviction: the lowest rank goes first, and within
// a rank the least recently used.
type rank int

const (
	// rankIdle: never made a tool call and holds nothing (a bare initialize).
	rankIdle rank = iota
	// rankTouched: made calls or holds a key or flow, but is not working yet.
	rankTouched
	// rankWorking: holds state and has been used over time.
	rankWorking
	numRanks
)

// SessionStoreOptions configure a SessionStore.
type SessionStoreOptions struct {
	// IdleTimeout drops a session nothing has used for this long (default 12h).
	IdleTimeout time.Duration
	// MaxSessions bounds the number of live sessions (default 10,000).
	// Opening one more evicts, by rank, the least recently used session of
	// the lowest rank: sessions that never did anything go first, then those
	// that did a little, and sessions in real use last.
	MaxSessions int
	// MaxFlowBytes bounds one session's flow, as JSON (default 256 KiB).
	MaxFlowBytes int64
	// MaxTotalBytes bounds every session's state together (default
	// 256 MiB). A session that needs room evicts sessions of its own rank or
	// lower, least recently used first, never one of a higher rank: a flood
	// of new sessions cannot push out sessions in use.
	MaxTotalBytes int64
	// Clock is the time source (default time.Now).
	Clock func() time.Time
}

// SessionStore keeps per-MCP-session state keyed by session id. It also issues
// and validates the Streamable HTTP session ids (it implements mcp-go's
// server.SessionIdManager), so an id the store does not hold, never issued or
// already ended, is answered 404 by the transport. Sessions leave the store
// when the client ends them (DELETE, stdio EOF), when they idle out, or when
// the store is full, so a server that runs for weeks does not grow.
//
// Fairness comes from activity, not addresses (every local client is
// 127.0.0.1): each session has a rank (see rank), and eviction, whether for
// a session slot or for bytes, takes the least recently used session of the
// lowest rank. Lists per rank keep that O(1).
type SessionStore struct {
	idle          time.Duration
	max           int
	maxFlowBytes  int64
	maxTotalBytes int64
	now           func() time.Time

	mu       sync.Mutex
	sessions map[string]*SessionState
	lists    [numRanks]*list.List // most recently used at the front
	total    int64                // bytes held by every session
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
	if o.MaxFlowBytes <= 0 {
		o.MaxFlowBytes = DefaultMaxFlowBytes
	}
	if o.MaxTotalBytes <= 0 {
		o.MaxTotalBytes = DefaultMaxTotalBytes
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	s := &SessionStore{idle: o.IdleTimeout, max: o.MaxSessions, maxFlowBytes: o.MaxFlowBytes, maxTotalBytes: o.MaxTotalBytes,
		now: o.Clock, sessions: map[string]*SessionState{}}
	for i := range s.lists {
		s.lists[i] = list.New()
	}
	return s
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
// A new session is never refused: when the store is full, the least
// recently used session of the lowest rank makes room.
func (s *SessionStore) Open(id string) *SessionState {
	var evicted []string
	s.mu.Lock()
	st, ok := s.sessions[id]
	if ok {
		s.lists[st.rank].MoveToFront(st.elem)
	} else {
		for len(s.sessions) >= s.max {
			id := s.evictLocked(numRanks-1, nil)
			if id == "" {
				break
			}
			evicted = append(evicted, id)
		}
		st = &SessionState{id: id, store: s, rank: rankIdle}
		st.elem = s.lists[rankIdle].PushFront(st)
		s.sessions[id] = st
	}
	st.lastActive.Store(s.now().UnixNano())
	hooks := s.onEvict
	s.mu.Unlock()
	s.notify(hooks, evicted)
	return st
}

// evictLocked drops the least recently used session of the lowest rank up
// to upTo, other than spare, and returns its id ("" when there is none);
// s.mu is held.
func (s *SessionStore) evictLocked(upTo rank, spare *SessionState) string {
	for r := rankIdle; r <= upTo; r++ {
		for e := s.lists[r].Back(); e != nil; e = e.Prev() {
			st := e.Value.(*SessionState)
			if st == spare {
				continue
			}
			s.removeLocked(st)
			return st.id
		}
	}
	return ""
}

func (s *SessionStore) removeLocked(st *SessionState) {
	s.lists[st.rank].Remove(st.elem)
	delete(s.sessions, st.id)
	s.total -= st.bytes
	st.bytes = 0
}

// rerankLocked moves st to the list of the rank its activity earns, at the
// front (it was just used); s.mu is held and st is in the store.
func (s *SessionStore) rerankLocked(st *SessionState) {
	r := rankIdle
	switch {
	case st.hasState && st.calls >= workingCalls && s.now().UnixNano()-st.firstCall >= int64(workingSpan):
		r = rankWorking
	case st.hasState || st.calls > 0:
		r = rankTouched
	}
	if r < st.rank {
		r = st.rank // a rank, once earned, is kept until the session leaves
	}
	if r == st.rank {
		s.lists[r].MoveToFront(st.elem)
		return
	}
	s.lists[st.rank].Remove(st.elem)
	st.rank = r
	st.elem = s.lists[r].PushFront(st)
}

// NoteCall records a tool call of session id: calls over time are what make
// a session "working" (see rank).
func (s *SessionStore) NoteCall(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.sessions[id]
	if !ok {
		return
	}
	now := s.now().UnixNano()
	if st.calls == 0 {
		st.firstCall = now
	}
	st.calls++
	st.lastActive.Store(now)
	s.rerankLocked(st)
}

// account sets what st's state costs to overhead plus flowBytes (-1 keeps
// its flow's share as it is: a key changed), evicting sessions of st's rank
// or lower when the total would pass the bound. It fails, changing
// nothing, when the flow alone is over the per-session bound or no
// eviction can make room. A session that left the store costs nothing and
// always succeeds: its state is dropped with it.
func (s *SessionStore) account(st *SessionState, flowBytes int64) error {
	var evicted []string
	s.mu.Lock()
	err := func() error {
		if flowBytes > s.maxFlowBytes {
			return fmt.Errorf("%w: it is %d KiB as JSON and a session keeps at most %d KiB", ErrFlowTooLarge, (flowBytes+1023)>>10, s.maxFlowBytes>>10)
		}
		if s.sessions[st.id] != st {
			return nil
		}
		want := st.bytes
		if flowBytes >= 0 {
			want = stateOverhead + flowBytes
		} else if want == 0 {
			want = stateOverhead
		}
		for s.total-st.bytes+want > s.maxTotalBytes {
			id := s.evictLocked(st.rank, st)
			if id == "" {
				return fmt.Errorf("%w right now; sessions in longer use keep theirs. Try again later, or ask the operator to raise the limit", ErrStoreFull)
			}
			evicted = append(evicted, id)
		}
		s.total += want - st.bytes
		st.bytes = want
		st.hasState = true
		s.rerankLocked(st)
		return nil
	}()
	hooks := s.onEvict
	s.mu.Unlock()
	s.notify(hooks, evicted)
	return err
}

// Bytes is what every session's state costs together, as counted against
// MaxTotalBytes.
func (s *SessionStore) Bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
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
		s.lists[st.rank].MoveToFront(st.elem)
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
	for _, l := range s.lists {
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
