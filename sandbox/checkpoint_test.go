package sandbox

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A stream of concurrent creates is checkpointed beside the writer, and once
// the writes stop the WAL starts over instead of holding every create since
// the store opened. How large the file grows during the stream depends on the
// checkpoints keeping up with 8 clients (a passive checkpoint never catches a
// writer that never pauses; the writer's catch-up needs a write during a
// checkpoint's second pass): on 2 cores under -race with other packages'
// tests beside it, it reached 9.3 MB of the 9.6 MB a store without
// checkpoints writes, so the size is logged, not asserted.
func TestCheckpointsKeepTheWALSmall(t *testing.T) {
	e := newEnv(t, nil)
	c := e.sb.writer.ckpt
	c.every = 2 // published to the writer goroutine by the first write below
	const clients, each = 8, 40
	createConcurrentlyInTest(e, clients, each)

	assert.Positive(t, c.runs.Load(), "checkpoints ran beside the writer")
	fi, err := os.Stat(filepath.Join(e.sb.cfg.DataDir, DBFile+"-wal"))
	require.NoError(t, err)
	t.Logf("WAL after %d concurrent creates: %d bytes, %d checkpoints, %d catch-ups", clients*each, fi.Size(), c.runs.Load(), c.tails.Load())
	var n int
	require.NoError(t, e.sb.db.r.QueryRow(`SELECT count(*) FROM sessions`).Scan(&n))
	assert.Equal(t, clients*each, n)

	// The stream is over: no checkpoint starts now, the one running ends, and
	// a catch-up the writer owes is made after its next batch.
	c.off.Store(true)
	require.Eventually(t, func() bool { return !c.busy.Load() }, 10*time.Second, time.Millisecond)
	if c.caught.Load() {
		tails := c.tails.Load()
		e.create(keyA, createBody("catch-up", nil))
		require.Eventually(t, func() bool { return c.tails.Load() > tails }, 10*time.Second, time.Millisecond)
	}
	// A checkpoint beside the idle writer copies the rest, and the next
	// transaction starts the WAL over.
	c.checkpoint()
	assertWALStartsOver(t, e, 5)
}

// A store written now and then is checkpointed within checkpointQuiet of its
// last write, without waiting for checkpointEvery batches; with the writer
// idle meanwhile it has nothing to copy itself, and its next transaction
// starts the WAL over, so later writes reuse the file instead of growing it.
func TestCheckpointsAfterAQuietSecond(t *testing.T) {
	e := newEnv(t, nil)
	c := e.sb.writer.ckpt
	for i := range 20 {
		e.create(keyA, createBody(fmt.Sprintf("ref-%d", i), nil))
	}
	runs, tails := c.runs.Load(), c.tails.Load()
	require.Eventually(t, func() bool { return c.runs.Load() > runs }, 5*time.Second, 10*time.Millisecond) // checkpointQuiet is a second
	// 5 creates fit in what 20 wrote
	assertWALStartsOver(t, e, 5)
	assert.Equal(t, tails, c.tails.Load(), "nothing was committed during the checkpoint: no catch-up")
}

// A checkpoint beside the writer that ends while the writer is still writing
// leaves the last pages to the writer (caught): it copies them itself after
// its next batch, so the transaction after that starts the WAL over instead
// of appending to it. The checkpoints beside it are off, so only the
// catch-up can have copied the pages.
func TestCheckpointsWriterCatchesUp(t *testing.T) {
	e := newEnv(t, nil)
	c := e.sb.writer.ckpt
	c.off.Store(true)
	for i := range 10 {
		e.create(keyA, createBody(fmt.Sprintf("ref-%d", i), nil))
	}
	c.caught.Store(true) // as checkpoint leaves it when the writer wrote during its second pass
	e.create(keyA, createBody("caught", nil))
	// The writer answers its batch's clients before it catches up.
	require.Eventually(t, func() bool { return c.tails.Load() == 1 }, 5*time.Second, time.Millisecond)
	assertWALStartsOver(t, e, 3)
}

// A reader holding an old snapshot keeps the WAL from starting over, and a
// forced restart past walRestartPages waits for it only briefly (the writer is
// held meanwhile): it gives up, and the next checkpoint after the reader is
// done restarts the WAL, so later writes reuse the file.
func TestCheckpointsRestartTheWALPastAReader(t *testing.T) {
	e := newEnv(t, nil)
	c := e.sb.writer.ckpt
	c.off.Store(true) // only the calls below checkpoint
	c.limit = 50
	for i := range 10 {
		e.create(keyA, createBody(fmt.Sprintf("ref-%d", i), nil))
	}
	rows, err := e.sb.db.r.Query(`SELECT id FROM sessions`)
	require.NoError(t, err)
	require.True(t, rows.Next()) // the snapshot is held from here
	for i := range 5 {
		e.create(keyA, createBody(fmt.Sprintf("during-%d", i), nil))
	}
	start := time.Now()
	c.checkpoint()
	assert.Less(t, time.Since(start), 2*time.Second, "the restart gave up waiting for the reader")
	assert.Zero(t, c.restarts.Load(), "no restart while the reader reads")
	require.NoError(t, rows.Close())

	c.checkpoint()
	assert.Equal(t, int64(1), c.restarts.Load())
	assertWALStartsOver(t, e, 3)
}

// assertWALStartsOver makes n sessions and checks that the WAL file did not
// grow: its next transaction wrote from the beginning of the file.
func assertWALStartsOver(t *testing.T, e *env, n int) {
	t.Helper()
	wal := filepath.Join(e.sb.cfg.DataDir, DBFile+"-wal")
	before, err := os.Stat(wal)
	require.NoError(t, err)
	for i := range n {
		e.create(keyA, createBody(fmt.Sprintf("after-%d", i), nil))
	}
	after, err := os.Stat(wal)
	require.NoError(t, err)
	assert.Equal(t, before.Size(), after.Size(), "the WAL started over")
}

// Creates with readers reading beside them, and checkpoints forcing the WAL
// to start over: no write fails while a restart holds the writer, and the
// restarts happen.
func TestCheckpointsRestartTheWALUnderReaders(t *testing.T) {
	e := newEnv(t, nil)
	c := e.sb.writer.ckpt
	c.every, c.limit = 2, 300 // published to the goroutines by the first write below
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 3 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				rows, err := e.sb.db.r.Query(`SELECT id FROM sessions`)
				if !assert.NoError(t, err) {
					return
				}
				rows.Next()
				time.Sleep(2 * time.Millisecond) // a snapshot held, as a slow list page holds one
				assert.NoError(t, rows.Close())
			}
		}()
	}
	createConcurrentlyInTest(e, 8, 40) // each create fails the test on anything but 201
	close(stop)
	readers.Wait()
	assert.Positive(t, c.restarts.Load(), "forced restarts completed")
}

// The store's connections keep the settings the checkpointer relies on: no
// automatic checkpoint on the writer short of the backstop, a WAL shrunk
// when it starts over, and fsyncs in the checkpoints.
func TestStoreConnectionSettings(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		db     *sql.DB
		pragma string
		want   int64
	}{
		{e.sb.db.w, "wal_autocheckpoint", 100000},
		{e.sb.db.w, "journal_size_limit", 64 << 20},
		{e.sb.db.w, "synchronous", 1},
		{e.sb.db.ckpt, "synchronous", 1},
		{e.sb.db.ckpt, "busy_timeout", 100},
		{e.sb.db.w, "busy_timeout", 10000},
		{e.sb.db.r.DB, "synchronous", 1},
	} {
		var got int64
		require.NoError(t, tc.db.QueryRow("PRAGMA "+tc.pragma).Scan(&got))
		assert.Equal(t, tc.want, got, tc.pragma)
	}
}

// createConcurrentlyInTest makes clients×each sessions from clients goroutines.
func createConcurrentlyInTest(e *env, clients, each int) {
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range each {
				e.create(keyA, createBody(fmt.Sprintf("ref-%d-%d", i, j), nil))
			}
		}()
	}
	wg.Wait()
}
