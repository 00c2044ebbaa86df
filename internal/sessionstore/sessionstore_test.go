package sessionstore

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/internal/fakeclock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// state is what the tests' sessions hold: their slot, to account bytes.
type state struct{ slot *Slot }

func newStore(o Options) *Store[*state] {
	return New(o, func(sl *Slot) *state { return &state{slot: sl} })
}

func newFakeClock() *fakeclock.Clock {
	return fakeclock.New(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
}

func TestIssuesAndValidatesIDs(t *testing.T) {
	s := newStore(Options{})
	id := s.Generate()
	other := s.Generate()
	require.NotEqual(t, id, other)
	_, err := s.Validate(id)
	require.NoError(t, err)
	for _, bad := range []string{"", "fsmcp-nope", id + "x", other[:len(other)-1] + "0"} { // rand.Text never writes 0
		_, err := s.Validate(bad)
		assert.ErrorIs(t, err, ErrUnknownSession, bad)
	}
	_, err = s.Terminate(id)
	require.NoError(t, err)
	_, err = s.Validate(id)
	assert.ErrorIs(t, err, ErrUnknownSession, "an ended session is unknown")
	assert.Equal(t, 1, s.Len())
}

func TestBoundsAndEvicts(t *testing.T) {
	clock := newFakeClock()
	s := newStore(Options{MaxSessions: 3, IdleTimeout: time.Minute, Clock: clock.Now})
	var mu sync.Mutex
	var evicted []string
	s.OnEvict(func(id string) { mu.Lock(); evicted = append(evicted, id); mu.Unlock() })
	for i := range 3 {
		s.Open(fmt.Sprint(i))
		clock.Advance(time.Second)
	}
	s.Get("0") // 1 is now the least recently used
	s.Open("3")
	assert.Equal(t, []string{"1"}, evicted)
	assert.Equal(t, 3, s.Len())

	clock.Advance(59 * time.Second)
	s.Get("3")
	clock.Advance(2 * time.Second)
	assert.ElementsMatch(t, []string{"0", "2"}, s.Sweep())
	assert.Equal(t, 1, s.Len())
	assert.False(t, s.Drop("0"), "already gone")
	assert.True(t, s.Drop("3"))
}

func TestEvictsLeastRecentlyUsedEvenWithinOneClockTick(t *testing.T) {
	// A frozen clock: every session has the same lastActive, so only the order
	// of use tells them apart.
	clock := newFakeClock()
	s := newStore(Options{MaxSessions: 3, Clock: clock.Now})
	var evicted []string
	s.OnEvict(func(id string) { evicted = append(evicted, id) })
	for _, id := range []string{"a", "b", "c"} {
		s.Open(id)
	}
	s.Get("a")
	s.Open("b") // reopening counts as use
	s.Open("d") // c is the least recently used
	s.Get("a")
	s.Open("e") // then b
	s.Open("f") // then d
	assert.Equal(t, []string{"c", "b", "d"}, evicted)
	for _, id := range []string{"a", "e", "f"} {
		_, ok := s.Get(id)
		assert.True(t, ok, id)
	}
	assert.True(t, s.Drop("e"))
	s.Open("g")
	s.Open("h") // after a Drop, eviction still follows use: a was used before f
	assert.Equal(t, []string{"c", "b", "d", "a"}, evicted)
	assert.Equal(t, 3, s.Len())
}

func TestAccountBoundsEntriesAndTotalByRank(t *testing.T) {
	clock := newFakeClock()
	s := newStore(Options{MaxEntryBytes: 10 << 10, MaxTotalBytes: 3*Overhead + 20<<10, Clock: clock.Now})
	var evicted []string
	s.OnEvict(func(id string) { evicted = append(evicted, id) })

	worker := s.Open("worker")
	require.NoError(t, worker.slot.Account(8<<10))
	for range WorkingCalls {
		s.NoteCall("worker")
		clock.Advance(WorkingSpan / (WorkingCalls - 1))
	}
	err := worker.slot.Account(11 << 10)
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "11 KiB as JSON and a session keeps at most 10 KiB")
	assert.Equal(t, int64(Overhead+8<<10), s.Bytes(), "a refused state changes nothing")

	// A newcomer may take the room of sessions that hold nothing, never of
	// one that holds state: the second newcomer is refused and the first
	// keeps its flow.
	s.Open("idle")
	require.NoError(t, s.Open("a").slot.Account(8<<10))
	require.ErrorIs(t, s.Open("b").slot.Account(8<<10), ErrFull)
	assert.Empty(t, evicted, "a refusal evicts nobody, and evicting sessions that hold nothing frees nothing")
	for _, id := range []string{"worker", "idle", "a", "b"} {
		_, ok := s.Get(id)
		assert.True(t, ok, id)
	}
	assert.Equal(t, int64(2*Overhead+16<<10), s.Bytes())

	// Sessions that left cost nothing, and detached slots accept anything.
	assert.True(t, s.Drop("a"))
	assert.Equal(t, int64(Overhead+8<<10), s.Bytes())
	var detached *Slot
	assert.NoError(t, detached.Account(1<<30))
	assert.Equal(t, "", detached.ID())
}
