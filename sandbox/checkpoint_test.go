package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A stream of concurrent creates is checkpointed beside the writer, and the
// writer's catch-ups let the WAL start over, so its file stays the size of a
// few intervals instead of holding every create since the store opened.
func TestCheckpointsKeepTheWALSmall(t *testing.T) {
	e := newEnv(t, nil)
	c := e.sb.writer.ckpt
	c.every = 2 // published to the writer goroutine by the first write below
	const clients, each = 8, 40
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

	assert.Positive(t, c.runs.Load(), "checkpoints ran beside the writer")
	assert.Positive(t, c.tails.Load(), "the writer caught up after them")
	fi, err := os.Stat(filepath.Join(e.sb.cfg.DataDir, DBFile+"-wal"))
	require.NoError(t, err)
	// 320 creates write about 10 MB of WAL pages; every two batches are
	// checkpointed, so the file holds a few batches' worth at most.
	assert.Less(t, fi.Size(), int64(4<<20), "the WAL starts over after checkpoints")

	var n int
	require.NoError(t, e.sb.db.r.QueryRow(`SELECT count(*) FROM sessions`).Scan(&n))
	assert.Equal(t, clients*each, n)
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
	wal := filepath.Join(e.sb.cfg.DataDir, DBFile+"-wal")
	before, err := os.Stat(wal)
	require.NoError(t, err)
	for i := range 5 {
		e.create(keyA, createBody(fmt.Sprintf("later-%d", i), nil))
	}
	after, err := os.Stat(wal)
	require.NoError(t, err)
	assert.Equal(t, before.Size(), after.Size(), "the WAL started over: 5 creates fit in what 20 wrote")
	assert.Equal(t, tails, c.tails.Load(), "nothing was committed during the checkpoint: no catch-up")
}
