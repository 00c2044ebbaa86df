// Package sessionstore keeps per-MCP-session state in memory: it issues and
// validates Streamable HTTP session ids (mcp-go's server.SessionIdManager),
// drops sessions that idle out, and bounds how many sessions there are and
// how many bytes they hold together, so that a server that runs for weeks
// does not grow.
//
// Fairness comes from activity, not addresses (every local client is
// 127.0.0.1): each session has a rank (idle, touched, working), and eviction,
// whether for a session slot or for bytes, takes the least recently used
// session of the lowest rank. A list per rank keeps that O(1).
//
// What a session holds is the caller's type T; the store only knows what it
// costs, which T reports through its Slot.
package sessionstore

import (
	"container/list"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mark3labs/mcp-go/server"
)

// Defaults for Options.
const (
	DefaultIdleTimeout   = 12 * time.Hour
	DefaultMaxSessions   = 10000
	DefaultMaxEntryBytes = 256 << 10
	DefaultMaxTotalBytes = 256 << 20
	// Overhead is what a session holding anything costs besides what it
	// reports: its key, maps, list element.
	Overhead = 1 << 10
	// A session is "working" once it holds state and has made at least
	// WorkingCalls calls over at least WorkingSpan: a person using the tools
	// does, a flood of sessions that each set a key and leave does not,
	// unless it keeps every session going for a while, which bounds its rate.
	WorkingCalls = 3
	WorkingSpan  = time.Minute
)

// IDPrefix starts every session id: 26 characters of crypto/rand base32
// follow, so a guessed or mistyped id never names a live session.
const IDPrefix = "fsmcp-"

// Errors: why an id was refused, and why a session could not keep its state.
var (
	ErrUnknownSession = errors.New("unknown or ended MCP session; start a new session (initialize)")
	ErrTooLarge       = errors.New("larger than a session may keep")
	ErrFull           = errors.New("the server holds as much session state as it may")
)

// rank orders sessions for eviction: the lowest rank goes first, and within
// a rank the least recently used.
type rank int

const (
	// rankIdle: never made a call and holds nothing (a bare initialize).
	rankIdle rank = iota
	// rankTouched: made calls or holds state, but is not working yet.
	rankTouched
	// rankWorking: holds state and has been used over time.
	rankWorking
	numRanks
)

// Options configure a Store.
type Options struct {
	// IdleTimeout drops a session nothing has used for this long (default 12h).
	IdleTimeout time.Duration
	// MaxSessions bounds the number of live sessions (default 10,000).
	// Opening one more evicts, by rank, the least recently used session of
	// the lowest rank: sessions that never did anything go first, then those
	// that did a little, and sessions in real use last.
	MaxSessions int
	// MaxEntryBytes bounds what one session may hold (default 256 KiB).
	MaxEntryBytes int64
	// MaxTotalBytes bounds every session's state together (default
	// 256 MiB). A session that needs room evicts sessions of its own rank or
	// lower, least recently used first, never one of a higher rank: a flood
	// of new sessions cannot push out sessions in use.
	MaxTotalBytes int64
	// Clock is the time source (default time.Now).
	Clock func() time.Time
}

// Slot is a session's place in the store: its id, and what its state costs.
// The zero Slot belongs to no store (a detached session) and accepts any
// state for free.
type Slot struct {
	id         string
	lastActive atomic.Int64 // unix nanoseconds by the store's clock
	store      *core

	// Guarded by the store's lock.
	elem      *list.Element
	rank      rank
	calls     int
	firstCall int64 // unix nanoseconds of the first call
	hasState  bool
	bytes     int64
}

// ID is the session id ("" for a detached slot).
func (s *Slot) ID() string {
	if s == nil {
		return ""
	}
	return s.id
}

// Account sets what the session's state costs to Overhead plus n bytes
// (n < 0 keeps the variable share as it is: something small changed),
// evicting sessions of its rank or lower when the total would pass the
// bound. It fails, changing nothing, when n alone is over the per-session
// bound (ErrTooLarge) or evicting every session it may would not make room
// (ErrFull). A session that
// left the store, or a detached one, costs nothing and always succeeds.
func (s *Slot) Account(n int64) error {
	if s == nil || s.store == nil {
		return nil
	}
	return s.store.account(s, n)
}

// Store keeps a T per MCP session id.
type Store[T any] struct {
	core
	values map[*Slot]T // guarded by core.mu
	make   func(*Slot) T
}

// core is the part of the store that does not depend on T.
type core struct {
	idle          time.Duration
	max           int
	maxEntryBytes int64
	maxTotalBytes int64
	now           func() time.Time

	mu       sync.Mutex
	sessions map[string]*Slot
	lists    [numRanks]*list.List // most recently used at the front
	total    int64                // bytes held by every session
	onEvict  []func(id string)
	onSweep  []func()
	forget   func(*Slot) // drops the slot's value; s.mu is held
}

// New returns an empty store; newValue makes the state of a new session,
// given its slot.
func New[T any](o Options, newValue func(*Slot) T) *Store[T] {
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.MaxSessions <= 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.MaxEntryBytes <= 0 {
		o.MaxEntryBytes = DefaultMaxEntryBytes
	}
	if o.MaxTotalBytes <= 0 {
		o.MaxTotalBytes = DefaultMaxTotalBytes
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	s := &Store[T]{
		core: core{idle: o.IdleTimeout, max: o.MaxSessions, maxEntryBytes: o.MaxEntryBytes, maxTotalBytes: o.MaxTotalBytes,
			now: o.Clock, sessions: map[string]*Slot{}},
		values: map[*Slot]T{},
		make:   newValue,
	}
	s.forget = func(sl *Slot) { delete(s.values, sl) }
	for i := range s.lists {
		s.lists[i] = list.New()
	}
	return s
}

// IdleTimeout is how long an unused session lives.
func (s *core) IdleTimeout() time.Duration { return s.idle }

// OnEvict registers fn to run (outside the store's lock) for every session the
// store drops on its own, idle or over capacity, so that the transport can
// release what it holds for that session too. Sessions ended by the client
// are not reported: whoever ended them already knows.
func (s *core) OnEvict(fn func(id string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onEvict = append(s.onEvict, fn)
}

// OnSweep registers fn to run after every Sweep, for other per-session
// memory that ages (the transport's event log).
func (s *core) OnSweep(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onSweep = append(s.onSweep, fn)
}

// Open returns the state for id, creating it if needed, and marks it active.
// A new session is never refused: when the store is full, the least
// recently used session of the lowest rank makes room.
func (s *Store[T]) Open(id string) T {
	var evicted []string
	s.mu.Lock()
	sl, ok := s.sessions[id]
	if ok {
		s.lists[sl.rank].MoveToFront(sl.elem)
	} else {
		for len(s.sessions) >= s.max {
			id := s.evictLocked(rankIdle, numRanks-1, nil)
			if id == "" {
				break
			}
			evicted = append(evicted, id)
		}
		sl = &Slot{id: id, store: &s.core, rank: rankIdle}
		sl.elem = s.lists[rankIdle].PushFront(sl)
		s.sessions[id] = sl
		s.values[sl] = s.make(sl)
	}
	sl.lastActive.Store(s.now().UnixNano())
	v := s.values[sl]
	hooks := s.onEvict
	s.mu.Unlock()
	notify(hooks, evicted)
	return v
}

// Get returns the state for id and marks it active; ok is false when the
// store does not hold id.
func (s *Store[T]) Get(id string) (v T, ok bool) {
	if id == "" {
		return v, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sl, ok := s.sessions[id]
	if ok {
		s.lists[sl.rank].MoveToFront(sl.elem)
		sl.lastActive.Store(s.now().UnixNano())
		v = s.values[sl]
	}
	return v, ok
}

// evictLocked drops the least recently used session of the lowest rank from
// from up to upTo, other than spare, and returns its id ("" when there is
// none); s.mu is held.
func (s *core) evictLocked(from, upTo rank, spare *Slot) string {
	for r := from; r <= upTo; r++ {
		for e := s.lists[r].Back(); e != nil; e = e.Prev() {
			sl := e.Value.(*Slot)
			if sl == spare {
				continue
			}
			s.removeLocked(sl)
			return sl.id
		}
	}
	return ""
}

func (s *core) removeLocked(sl *Slot) {
	s.lists[sl.rank].Remove(sl.elem)
	delete(s.sessions, sl.id)
	s.forget(sl)
	s.total -= sl.bytes
	sl.bytes = 0
}

// rerankLocked moves sl to the list of the rank its activity earns, at the
// front (it was just used); s.mu is held and sl is in the store.
func (s *core) rerankLocked(sl *Slot) {
	r := rankIdle
	switch {
	case sl.hasState && sl.calls >= WorkingCalls && s.now().UnixNano()-sl.firstCall >= int64(WorkingSpan):
		r = rankWorking
	case sl.hasState || sl.calls > 0:
		r = rankTouched
	}
	if r < sl.rank {
		r = sl.rank // a rank, once earned, is kept until the session leaves
	}
	if r == sl.rank {
		s.lists[r].MoveToFront(sl.elem)
		return
	}
	s.lists[sl.rank].Remove(sl.elem)
	sl.rank = r
	sl.elem = s.lists[r].PushFront(sl)
}

// NoteCall records a call (a tool call) of session id: calls over time are
// what make a session "working" (see rank).
func (s *core) NoteCall(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sl, ok := s.sessions[id]
	if !ok {
		return
	}
	now := s.now().UnixNano()
	if sl.calls == 0 {
		sl.firstCall = now
	}
	sl.calls++
	sl.lastActive.Store(now)
	s.rerankLocked(sl)
}

func (s *core) account(sl *Slot, n int64) error {
	var evicted []string
	s.mu.Lock()
	err := func() error {
		if n > s.maxEntryBytes {
			return fmt.Errorf("%w: it is %d KiB as JSON and a session keeps at most %d KiB", ErrTooLarge, (n+1023)>>10, s.maxEntryBytes>>10)
		}
		if s.sessions[sl.id] != sl {
			return nil
		}
		want := sl.bytes
		if n >= 0 {
			want = Overhead + n
		} else if want == 0 {
			want = Overhead
		}
		if over := s.total - sl.bytes + want - s.maxTotalBytes; over > 0 && s.freeableLocked(sl) < over {
			return fmt.Errorf("%w right now; sessions in longer use keep theirs. Try again later, or ask the operator to raise the limit", ErrFull)
		}
		// Sessions that hold nothing (rankIdle) free nothing: start above.
		for s.total-sl.bytes+want > s.maxTotalBytes {
			evicted = append(evicted, s.evictLocked(rankTouched, sl.rank, sl))
		}
		s.total += want - sl.bytes
		sl.bytes = want
		sl.hasState = true
		s.rerankLocked(sl)
		return nil
	}()
	hooks := s.onEvict
	s.mu.Unlock()
	notify(hooks, evicted)
	return err
}

// freeableLocked is what evicting every session sl may evict would free;
// s.mu is held. It walks the sessions, but only when a state does not fit.
func (s *core) freeableLocked(sl *Slot) int64 {
	var n int64
	for r := rankTouched; r <= sl.rank; r++ {
		for e := s.lists[r].Front(); e != nil; e = e.Next() {
			if o := e.Value.(*Slot); o != sl {
				n += o.bytes
			}
		}
	}
	return n
}

// Bytes is what every session's state costs together, as counted against
// MaxTotalBytes.
func (s *core) Bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// Drop forgets id; it reports whether the store held it.
func (s *core) Drop(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sl, ok := s.sessions[id]
	if ok {
		s.removeLocked(sl)
	}
	return ok
}

// Len is the number of live sessions.
func (s *core) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Sweep drops every session idle for longer than the idle timeout by the
// store's clock and returns their ids.
func (s *core) Sweep() []string {
	cutoff := s.now().Add(-s.idle).UnixNano()
	var evicted []string
	s.mu.Lock()
	// A full walk rather than stopping at the first fresh session from the
	// back: the LRU order is by use, and a wall clock that stepped back could
	// leave an idle session in front of a fresh one. It runs rarely.
	for _, l := range s.lists {
		for e := l.Back(); e != nil; {
			sl := e.Value.(*Slot)
			e = e.Prev()
			if sl.lastActive.Load() < cutoff {
				s.removeLocked(sl)
				evicted = append(evicted, sl.id)
			}
		}
	}
	hooks, sweeps := s.onEvict, s.onSweep
	s.mu.Unlock()
	notify(hooks, evicted)
	for _, fn := range sweeps {
		fn()
	}
	return evicted
}

func notify(hooks []func(string), ids []string) {
	for _, id := range ids {
		for _, fn := range hooks {
			fn(id)
		}
	}
}

// Run sweeps every interval (a tenth of the idle timeout, at least a second,
// when interval is zero) until ctx ends.
func (s *core) Run(ctx context.Context, interval time.Duration) {
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

// Generate issues a new session id and opens its state (server.SessionIdManager).
func (s *Store[T]) Generate() string {
	id := IDPrefix + rand.Text()
	s.Open(id)
	return id
}

// Validate accepts only ids the store holds (server.SessionIdManager); every
// other id, never issued or ended, is an error, which the transport answers
// with 404 so that the client starts a new session.
func (s *Store[T]) Validate(id string) (isTerminated bool, err error) {
	if _, ok := s.Get(id); !ok {
		return false, ErrUnknownSession
	}
	return false, nil
}

// Terminate ends a session at the client's request (server.SessionIdManager).
func (s *Store[T]) Terminate(id string) (isNotAllowed bool, err error) {
	s.Drop(id)
	return false, nil
}

var _ server.SessionIdManager = (*Store[int])(nil)
