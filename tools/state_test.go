package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

func TestSessionStateCopiesFlows(t *testing.T) {
	st := &SessionState{}
	f := flow.Flow{{ID: "start"}, {ID: "end"}}
	st.SetFlow(f)
	f[0].ID = "changed"
	got := st.Flow()
	assert.Equal(t, "start", got[0].ID)
	got[1].ID = "changed"
	assert.Equal(t, "end", st.Flow()[1].ID)
	st.SetBuild(flowbuild.Result{Flow: flow.Flow{{ID: "b"}}, Summary: "s"})
	assert.Equal(t, "b", st.Flow()[0].ID)
	assert.Equal(t, "s", st.LastBuild().Summary)
	key, url := st.Key()
	assert.Empty(t, key+url)
}

func TestSessionStateIsDetachedOutsideASession(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	st := d.State(context.Background())
	st.SetKey(keyA, "")
	assert.Equal(t, 0, d.Sessions.Len())
	_, _, err := d.Client(context.Background())
	assert.ErrorIs(t, err, ErrNoKey, "a detached state is not kept")
}

func TestClientForPicksTheBaseURL(t *testing.T) {
	d := &Deps{SandboxURL: "http://127.0.0.1:9/sandbox", ProductionURL: "https://prod.example"}
	d.setDefaults()
	for _, tc := range []struct {
		key, serverURL, want, wantErr string
	}{
		{key: keyA, want: "http://127.0.0.1:9/sandbox"},
		{key: "sk_prod_abcdefgh1234", want: "https://prod.example"},
		{key: "sk_live_abcdefgh1234", serverURL: "https://eu.facesign.ai/", want: "https://eu.facesign.ai"},
		{key: keyA, serverURL: "ftp://x", wantErr: "not an http(s) URL"},
		{key: "pk_test_abcdefgh1234", wantErr: "must start with sk_test_"},
		{key: "", wantErr: "empty"},
	} {
		c, info, err := d.ClientFor(tc.key, tc.serverURL, KeyFromSession)
		if tc.wantErr != "" {
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			if len(tc.key) > 12 {
				assert.NotContains(t, err.Error(), tc.key)
			}
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, info.ServerURL)
		assert.Equal(t, tc.want, c.BaseURL())
		assert.NotContains(t, fmt.Sprintf("%v %+v", c, info), tc.key)
	}
}

func TestEventStoreIsBounded(t *testing.T) {
	clock := newFakeClock()
	es := newEventStore(clock.Now)
	ctx := context.Background()
	var ids []string
	for i := range maxEventsPerSession + 10 {
		id, err := es.StoreEvent(ctx, "s1", "stream", json.RawMessage(fmt.Sprintf(`{"n":%d}`, i)))
		require.NoError(t, err)
		ids = append(ids, id)
	}
	_, err := es.ReplayEventsAfter(ctx, "s1", ids[0], func(string, json.RawMessage) error { return nil })
	assert.Error(t, err, "the oldest events were dropped")
	var got []string
	stream, err := es.ReplayEventsAfter(ctx, "s1", ids[len(ids)-3], func(id string, _ json.RawMessage) error {
		got = append(got, id)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, "stream", stream)
	assert.Equal(t, ids[len(ids)-2:], got)

	big := json.RawMessage(`"` + string(make([]byte, maxEventBytesSession/2)) + `"`)
	for range 4 {
		_, err := es.StoreEvent(ctx, "s2", "x", big)
		require.NoError(t, err)
	}
	assert.LessOrEqual(t, es.sessions["s2"].bytes, maxEventBytesSession)

	clock.Advance(eventRetention + time.Second)
	_, err = es.StoreEvent(ctx, "s3", "x", json.RawMessage(`1`))
	require.NoError(t, err)
	es.trim()
	assert.Equal(t, 1, es.len(), "only the fresh session keeps events")
	require.NoError(t, es.PurgeSession(ctx, "s3"))
	assert.Equal(t, 0, es.len())
}

func TestEventStoreTrimsOnAppendAndOnATicker(t *testing.T) {
	ctx := context.Background()
	t.Run("append drops the session's expired events", func(t *testing.T) {
		clock := newFakeClock()
		es := newEventStore(clock.Now)
		old, err := es.StoreEvent(ctx, "s1", "x", json.RawMessage(`"old"`))
		require.NoError(t, err)
		clock.Advance(eventRetention + time.Second)
		fresh, err := es.StoreEvent(ctx, "s1", "x", json.RawMessage(`"fresh"`))
		require.NoError(t, err)
		require.Len(t, es.sessions["s1"].events, 1)
		assert.Equal(t, fresh, es.sessions["s1"].events[0].id)
		assert.Equal(t, len(`"fresh"`), es.sessions["s1"].bytes)
		_, err = es.ReplayEventsAfter(ctx, "s1", old, func(string, json.RawMessage) error { return nil })
		assert.Error(t, err, "the expired event is gone")
	})
	t.Run("the handler's ticker empties a quiet session", func(t *testing.T) {
		clock := newFakeClock()
		srv := newCoreServer(t, &Deps{Clock: clock.Now}, HTTPOptions{})
		es := srv.Handler.events
		_, err := es.StoreEvent(ctx, "quiet", "x", json.RawMessage(`"a"`))
		require.NoError(t, err)
		runCtx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { srv.Handler.Run(runCtx, 5*time.Millisecond); close(done) }()
		t.Cleanup(func() { cancel(); <-done })
		time.Sleep(30 * time.Millisecond)
		assert.Equal(t, 1, es.len(), "a fresh event stays")
		clock.Advance(eventRetention + time.Second)
		assert.Eventually(t, func() bool { return es.len() == 0 }, 5*time.Second, 5*time.Millisecond)
	})
}

func TestSessionStoreEvictsEmptySessionsBeforeStatefulOnes(t *testing.T) {
	for _, tc := range []struct {
		name string
		gain func(st *SessionState)
	}{
		{"key", func(st *SessionState) { st.SetKey(keyA, "") }},
		{"flow", func(st *SessionState) { st.SetFlow(flow.Flow{{ID: "start"}}) }},
		{"build", func(st *SessionState) { st.SetBuild(flowbuild.Result{Flow: flow.Flow{{ID: "b"}}}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const max = 50
			s := NewSessionStore(SessionStoreOptions{MaxSessions: max, Clock: newFakeClock().Now})
			var evicted []string
			s.OnEvict(func(id string) { evicted = append(evicted, id) })
			victim := s.Generate()
			st, ok := s.Get(victim)
			require.True(t, ok)
			tc.gain(st)
			// A flood of sessions that never do anything, far past the bound:
			// the victim is the least recently used of all, yet stays.
			for range 5 * max {
				s.Generate()
				require.LessOrEqual(t, s.Len(), max, "the bound holds")
			}
			assert.Equal(t, max, s.Len())
			assert.Len(t, evicted, 4*max+1)
			assert.NotContains(t, evicted, victim)
			got, ok := s.Get(victim)
			require.True(t, ok, "the session with state survives the flood")
			assert.Same(t, st, got)
		})
	}
}

func TestSessionStoreEvictsStatefulSessionsByUseWhenAllHoldState(t *testing.T) {
	s := NewSessionStore(SessionStoreOptions{MaxSessions: 3, Clock: newFakeClock().Now})
	var evicted []string
	s.OnEvict(func(id string) { evicted = append(evicted, id) })
	for _, id := range []string{"a", "b", "c"} {
		s.Open(id).SetKey(keyA, "")
	}
	s.Get("a")
	s.Open("d") // empty and newest, but every other session holds state: b goes
	assert.Equal(t, []string{"b"}, evicted)
	s.Open("e") // d holds nothing: it goes before any session with state
	assert.Equal(t, []string{"b", "d"}, evicted)
	s.Get("e")
	st, _ := s.Get("e")
	st.SetFlow(flow.Flow{{ID: "x"}}) // e now holds state and is the most recent
	s.Open("f")
	assert.Equal(t, []string{"b", "d", "c"}, evicted, "c is the least recently used with state")
	assert.Equal(t, 3, s.Len())

	// A state that gains state after it left the store does not come back.
	require.True(t, s.Drop("f"))
	gone := s.Open("g")
	require.True(t, s.Drop("g"))
	gone.SetKey(keyA, "")
	assert.Equal(t, 2, s.Len())
	_, ok := s.Get("g")
	assert.False(t, ok)
}
