package sandbox

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGroupWriterFailedWrites queues writes behind one that holds the writer,
// so that they share a batch, and checks that each is answered as if it ran
// alone: a write that fails after changing something leaves nothing behind,
// one that fails before changing anything stops nobody, and the rest commit.
func TestGroupWriterFailedWrites(t *testing.T) {
	e := newEnv(t, nil)
	g := e.sb.writer
	ctx := context.Background()
	_, err := e.sb.db.w.Exec(`CREATE TABLE wt (name TEXT PRIMARY KEY)`)
	require.NoError(t, err)
	insert := func(tx wtx, name string) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO wt(name) VALUES (?)`, name)
		return err
	}
	errLate, errEarly := errors.New("failed after inserting"), errors.New("failed before writing")

	hold, held := make(chan struct{}), make(chan struct{})
	go func() {
		_ = g.do(ctx, nil, func(tx wtx) error { close(held); <-hold; return insert(tx, "first") })
	}()
	<-held
	commits, reruns := g.commits.Load(), g.reruns.Load()
	writes := []struct {
		name string
		fn   func(tx wtx) error
		want error
	}{
		{"a", func(tx wtx) error { return insert(tx, "a") }, nil},
		{"late", func(tx wtx) error { require.NoError(t, insert(tx, "late")); return errLate }, errLate},
		{"early", func(tx wtx) error { return errEarly }, errEarly},
		{"dup", func(tx wtx) error { return insert(tx, "a") }, nil}, // a UNIQUE failure: checked below
		{"b", func(tx wtx) error { return insert(tx, "b") }, nil},
	}
	got := make([]error, len(writes))
	var wg sync.WaitGroup
	for i, w := range writes {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = g.do(ctx, nil, w.fn) }()
		require.Eventually(t, func() bool { return len(g.queue) == i+1 }, 5*time.Second, time.Millisecond) // queued in order
	}
	close(hold)
	wg.Wait()

	assert.NoError(t, got[0])
	assert.ErrorIs(t, got[1], errLate)
	assert.ErrorIs(t, got[2], errEarly)
	assert.ErrorContains(t, got[3], "UNIQUE")
	assert.NoError(t, got[4])
	var names []string
	rows, err := e.sb.db.r.Query(`SELECT name FROM wt ORDER BY name`)
	require.NoError(t, err)
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		names = append(names, n)
	}
	require.NoError(t, rows.Err())
	assert.Equal(t, []string{"a", "b", "first"}, names)
	// One batch, run again twice (without "late", then without "dup").
	assert.Equal(t, int64(2), g.reruns.Load()-reruns)
	assert.Equal(t, int64(3), g.commits.Load()-commits)
}

// TestGroupWriterWaitsForExpectedWrites: a write announced with expect is
// waited for (briefly) and shares the commit of the write before it; a
// released announcement stops the wait.
func TestGroupWriterWaitsForExpectedWrites(t *testing.T) {
	e := newEnv(t, nil)
	g := e.sb.writer
	ctx := context.Background()
	noop := func(tx wtx) error { return nil }

	g.minGather, g.maxGather, g.gather = time.Minute, time.Minute, time.Minute // published to the writer by the first do
	tk := g.expect()
	commits := g.commits.Load()
	done := make(chan error, 1)
	go func() { done <- g.do(ctx, nil, noop) }()
	require.Eventually(t, func() bool { return len(g.queue) == 0 }, 5*time.Second, 10*time.Microsecond) // the writer took it
	time.Sleep(10 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("the first write was answered (%v) while an expected one was coming", err)
	default:
	}
	require.NoError(t, g.do(ctx, tk, noop))
	require.NoError(t, <-done)
	assert.Equal(t, int64(1), g.commits.Load()-commits, "both writes in one transaction")

	tk = g.expect()
	start := time.Now()
	go func() { time.Sleep(time.Millisecond); tk.release() }()
	require.NoError(t, g.do(ctx, nil, noop))
	assert.Less(t, time.Since(start), time.Second)
	assert.Zero(t, g.coming.Load())
	tk.release() // twice is fine
	assert.Zero(t, g.coming.Load())
}

// Ordered ids sort by their time and differ within a millisecond.
func TestNewOrderedID(t *testing.T) {
	at := time.UnixMilli(1_796_334_677_123)
	a, b := newOrderedID("ses_", at), newOrderedID("ses_", at)
	assert.NotEqual(t, a, b)
	assert.Len(t, a, len(newID("ses_")))
	assert.Equal(t, "ses_01a23de3ec83", a[:16])
	assert.Less(t, a, newOrderedID("ses_", at.Add(time.Millisecond)))
}

// Client secrets keep their shape (cs_ and 64 hex digits) and sort by the
// time they were made, with 26 random bytes after it.
func TestSecretsAreOrdered(t *testing.T) {
	at := time.UnixMilli(1_796_334_677_123)
	a, b := orderedToken("cs_", 32, at), orderedToken("cs_", 32, at)
	assert.NotEqual(t, a, b)
	assert.Regexp(t, `^cs_[0-9a-f]{64}$`, a)
	assert.Equal(t, "cs_01a23de3ec83", a[:15])
	assert.NotEqual(t, a[15:], b[15:])
	assert.Less(t, a, orderedToken("cs_", 32, at.Add(time.Millisecond)))

	e := newEnv(t, nil)
	sec := e.secretOf(keyA, e.create(keyA, createBody("ref", nil)))
	assert.Regexp(t, `^cs_[0-9a-f]{64}$`, sec)
}

func TestNextTarget(t *testing.T) {
	const limit = time.Millisecond
	for _, tc := range []struct {
		name          string
		target, got   int
		waited        time.Duration
		timedOut      bool
		ceiling, want int
	}{
		{"a lone writer keeps one", 1, 1, 0, false, 1, 1},
		{"more queued than asked for", 3, 5, 0, false, 8, 4},
		{"reached after a short wait", 4, 4, 200 * time.Microsecond, false, 8, 5},
		{"reached after a long wait", 4, 4, 800 * time.Microsecond, false, 8, 4},
		{"the wait ran out", 6, 4, limit, true, 8, 4},
		{"the wait ran out with nothing more", 2, 1, limit, true, 8, 1},
		{"never past the batch bound", maxBatch, maxBatch + 1, 0, false, 2 * maxBatch, maxBatch},
		{"never past half the writers", 4, 7, 0, false, 4, 4},
		{"down to half the writers when they leave", 6, 6, 0, false, 2, 2},
		{"down to half the writers after a timeout", 6, 5, limit, true, 3, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, nextTarget(tc.target, tc.got, tc.waited, tc.timedOut, limit, tc.ceiling))
		})
	}
}

// The target's ceiling follows the writers in flight: half of their peak,
// rounded up, over the last one or two windows of batches.
func TestGroupWriterCeiling(t *testing.T) {
	g := &groupWriter{}
	assert.Equal(t, 1, g.ceiling(), "nobody in flight")
	g.writers.Store(8)
	assert.Equal(t, 4, g.ceiling())
	g.writers.Store(7)
	assert.Equal(t, 4, g.ceiling(), "the peak of the window holds")
	g.writers.Store(1)
	for range 2 * peakWindow {
		g.ceiling()
	}
	assert.Equal(t, 1, g.ceiling(), "two windows later the peak is today's")
	g.writers.Store(16)
	assert.Equal(t, 8, g.ceiling())
}

// Writes in flight are counted from expect, or from do without a ticket,
// until answered; a ticket released twice counts once.
func TestGroupWriterCountsWritersInFlight(t *testing.T) {
	e := newEnv(t, nil)
	g := e.sb.writer
	ctx := context.Background()
	tk := g.expect()
	assert.Equal(t, int64(1), g.writers.Load())
	inside := make(chan int64, 1)
	require.NoError(t, g.do(ctx, tk, func(tx wtx) error { inside <- g.writers.Load(); return nil }))
	assert.Equal(t, int64(1), <-inside, "a ticket's write is counted once")
	tk.release()
	tk.release()
	assert.Zero(t, g.writers.Load())
	require.NoError(t, g.do(ctx, nil, func(tx wtx) error { inside <- g.writers.Load(); return nil }))
	assert.Equal(t, int64(1), <-inside)
	assert.Zero(t, g.writers.Load())
	g.expect().release() // a request that never wrote
	assert.Zero(t, g.writers.Load())
}

// Concurrent writers are gathered into shared commits, and a writer alone
// afterwards is answered without waiting for company that does not come.
func TestGroupWriterGathersConcurrentWrites(t *testing.T) {
	e := newEnv(t, nil)
	g := e.sb.writer
	ctx := context.Background()
	noop := func(tx wtx) error { return nil }
	slow := func(tx wtx) error { time.Sleep(200 * time.Microsecond); return nil } // a commit's worth of work

	commits := g.commits.Load()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				assert.NoError(t, g.do(ctx, nil, slow))
			}
		}()
	}
	wg.Wait()
	perCommit := 400 / float64(g.commits.Load()-commits)
	assert.Greater(t, perCommit, 3.0, "8 writers share commits")

	require.NoError(t, g.do(ctx, nil, noop)) // alone: its wait for company runs out once
	timeouts := g.timeouts.Load()
	for range 50 {
		require.NoError(t, g.do(ctx, nil, noop))
	}
	assert.Equal(t, timeouts, g.timeouts.Load(), "a lone writer is not kept waiting")
}
