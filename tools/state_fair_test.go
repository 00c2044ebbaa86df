package tools

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/sessionstore"
)

// bigFlow is a flow whose JSON is about n bytes.
func bigFlow(n int) flow.Flow {
	return flow.Flow{{ID: "start", Type: flow.TypeConversation, Prompt: strings.Repeat("x", n)}}
}

// work makes st a working session: state, and calls spread over the
// working span.
func work(s *SessionStore, clock *fakeClock, id string) {
	st, _ := s.Get(id)
	st.SetKey(keyA, "")
	for range sessionstore.WorkingCalls {
		s.NoteCall(id)
		clock.Advance(sessionstore.WorkingSpan / (sessionstore.WorkingCalls - 1))
	}
}

func TestSessionKeepsAFlowOnlyUpToTheBound(t *testing.T) {
	s := NewSessionStore(SessionStoreOptions{MaxEntryBytes: 10 << 10})
	st := s.Open("a")
	require.NoError(t, st.SetFlow(bigFlow(2<<10)))
	before := s.Bytes()

	err := st.SetFlow(bigFlow(20 << 10))
	require.ErrorIs(t, err, ErrFlowTooLarge)
	assert.Contains(t, err.Error(), "at most 10 KiB")
	err = st.SetBuild(flowbuild.Result{Flow: bigFlow(20 << 10)})
	require.ErrorIs(t, err, ErrFlowTooLarge)
	assert.Len(t, st.Flow()[0].Prompt, 2<<10, "the earlier flow is kept")
	assert.Equal(t, before, s.Bytes(), "nothing more is counted")

	// Replacing a flow replaces its cost; dropping the session frees it.
	require.NoError(t, st.SetFlow(bigFlow(1<<10)))
	assert.Less(t, s.Bytes(), before)
	s.Drop("a")
	assert.Zero(t, s.Bytes())
}

// A build keeps one copy of its flow, not two: the current flow and the
// last build share it (the 0.8 MB flow that cost ~2 MiB per session).
func TestBuildSharesItsFlowWithTheCurrentFlow(t *testing.T) {
	s := NewSessionStore(SessionStoreOptions{})
	st := s.Open("a")
	f := bigFlow(100 << 10)
	require.NoError(t, st.SetBuild(flowbuild.Result{Flow: f, Summary: "s"}))
	assert.Less(t, s.Bytes(), int64(110<<10), "counted once")
	assert.Same(t, &st.flow[0], &st.lastBuild.Flow[0], "one copy held")
	got := st.LastBuild()
	got.Flow[0].Prompt = "changed"
	assert.NotEqual(t, "changed", st.Flow()[0].Prompt, "readers still get copies")
}

// The total across sessions is bounded. A session that needs room evicts the
// least recently used sessions of its rank or lower, never a session in real
// use; when only those remain, it is told the server is full.
func TestTotalBytesEvictFairly(t *testing.T) {
	clock := newFakeClock()
	s := NewSessionStore(SessionStoreOptions{MaxTotalBytes: 100 << 10, MaxEntryBytes: 40 << 10, Clock: clock.Now})
	var evicted []string
	s.OnEvict(func(id string) { evicted = append(evicted, id) })

	worker := s.Open("worker")
	work(s, clock, "worker")
	require.NoError(t, worker.SetFlow(bigFlow(30<<10)))

	// A flood of sessions that each keep a big flow once: they push out
	// each other, never the worker, and the total stays bounded.
	for i := range 50 {
		id := fmt.Sprintf("flood%d", i)
		st := s.Open(id)
		s.NoteCall(id)
		err := st.SetFlow(bigFlow(30 << 10))
		require.NoError(t, err, id)
		require.LessOrEqual(t, s.Bytes(), int64(100<<10))
	}
	assert.NotContains(t, evicted, "worker")
	_, ok := s.Get("worker")
	require.True(t, ok)
	assert.Len(t, worker.Flow()[0].Prompt, 30<<10)

	// Working sessions fill the store; a newcomer cannot evict them.
	for _, id := range []string{"w2", "w3"} {
		st := s.Open(id)
		work(s, clock, id)
		require.NoError(t, st.SetFlow(bigFlow(30<<10)))
	}
	late := s.Open("late")
	s.NoteCall("late")
	err := late.SetFlow(bigFlow(30 << 10))
	require.ErrorIs(t, err, ErrStoreFull)
	for _, id := range []string{"worker", "w2", "w3"} {
		_, ok := s.Get(id)
		assert.True(t, ok, id)
	}
	// A small flow still fits beside them: new sessions are not starved.
	require.NoError(t, late.SetFlow(bigFlow(1<<10)))
}

// Under a bounded flood of new sessions that each set a key and make a call
// (the cheap way to look "stateful"), sessions in use outlive the flood,
// the store stays at its bound, and a newcomer that starts working during
// the flood is never refused and survives as long as the flood is slower
// than the free slots.
func TestSessionSlotsEvictByActivityUnderAKeyedFlood(t *testing.T) {
	const max = 40
	clock := newFakeClock()
	s := NewSessionStore(SessionStoreOptions{MaxSessions: max, Clock: clock.Now})
	var evicted []string
	s.OnEvict(func(id string) { evicted = append(evicted, id) })
	var workers []string
	for i := range 10 {
		id := fmt.Sprintf("worker%d", i)
		s.Open(id)
		workers = append(workers, id)
	}
	for _, id := range workers {
		work(s, clock, id)
	}

	newcomer := ""
	for i := range 20 * max {
		id := s.Generate()
		st, _ := s.Get(id)
		st.SetKey(keyB, "")
		s.NoteCall(id)
		require.LessOrEqual(t, s.Len(), max)
		if i == 5*max {
			newcomer = id
		}
		if newcomer != "" && i%10 == 0 { // the newcomer keeps working
			s.NoteCall(newcomer)
			clock.Advance(10 * time.Second)
		}
	}
	assert.Equal(t, max, s.Len())
	for _, id := range workers {
		assert.NotContains(t, evicted, id)
	}
	_, ok := s.Get(newcomer)
	assert.True(t, ok, "a session that started during the flood and kept working survives it")
}

// The same over the wire: a user who has been working survives a flood of
// clients that each initialize, set a key and keep a flow (every local client
// is 127.0.0.1, so only activity tells them apart), and the store stays at
// its bound.
func TestKeyedFloodOverHTTPDoesNotEvictAWorkingSession(t *testing.T) {
	const max = 12
	clock := newFakeClock()
	d := &Deps{Clock: clock.Now}
	d.Sessions = NewSessionStore(SessionStoreOptions{MaxSessions: max, Clock: clock.Now})
	srv := newCoreServer(t, d, HTTPOptions{})
	user := srv.Dial(t)
	for range sessionstore.WorkingCalls {
		CallTool(t, user, "core_remember", map[string]any{"key": keyA, "nodes": 2})
		clock.Advance(sessionstore.WorkingSpan)
	}
	for range 3 * max {
		c := srv.Dial(t)
		CallTool(t, c, "core_remember", map[string]any{"key": keyB, "nodes": 3})
		require.LessOrEqual(t, d.Sessions.Len(), max)
	}
	assert.Equal(t, max, d.Sessions.Len(), "the flood filled the store")
	got := OKMap(t, CallTool(t, user, "core_whoami", nil))
	assert.EqualValues(t, 2, got["flowLen"], "the working user's flow survives the flood")
	assert.NotContains(t, got, "error")
}

// build_flow refuses to keep a flow over the session bound, says so, and
// leaves the current flow as it was.
func TestBuildFlowRefusesAFlowOverTheSessionBound(t *testing.T) {
	h := newToolHarnessWith(t, func(d *Deps) {
		d.Sessions = NewSessionStore(SessionStoreOptions{MaxEntryBytes: 1900})
	})
	c := h.Dial(t)
	RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"flow": flowArg(t, readSharedFlow(t, "wire-transfer.json"))}), nil)
	before := OKMap(t, CallTool(t, c, "validate_flow", map[string]any{}))

	msg := RequireToolError(t, CallTool(t, c, "build_flow", map[string]any{"flow": flowArg(t, readSharedFlow(t, "onboarding.json"))}))
	assert.Contains(t, msg, "not kept")
	assert.Contains(t, msg, "at most 1 KiB")
	after := OKMap(t, CallTool(t, c, "validate_flow", map[string]any{}))
	assert.Equal(t, before, after, "the current flow is unchanged")
}
