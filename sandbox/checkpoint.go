package sandbox

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// checkpointEvery is how many of the writer's batches pass between two
// checkpoints: with 8 clients about 4,000 WAL pages (16 MB), SQLite's
// automatic interval as this store had it.
const checkpointEvery = 150

// checkpointQuiet is how long after its last checkpoint the checkpointer
// looks whether anything was committed since and, if so, checkpoints it: a
// store written now and then (a developer's sandbox) would otherwise wait
// for 150 batches, with the WAL holding whatever a migration or the last
// hour wrote.
const checkpointQuiet = time.Second

// checkpointer copies the WAL back into the database on a connection of its
// own, beside the writer, instead of SQLite's automatic checkpoint, which ran
// on the writer's connection at the end of a commit: every client waited
// behind it, 10–35 ms of copying and two fsyncs of 20–110 ms each on this
// machine, about an eighth of the wall time of a stream of creates. A
// checkpoint in PASSIVE mode runs beside the writer's transactions and copies
// what was committed when it began; the writer then copies the few pages
// committed meanwhile itself, between two batches (see afterBatch), so that
// its next transaction starts the WAL from the beginning again and the file
// stays the size of one interval. When nothing was committed while a
// checkpoint ran, the next transaction starts the WAL over by itself and the
// writer has nothing to copy.
type checkpointer struct {
	db      *sql.DB       // one connection, only for checkpoints
	commits *atomic.Int64 // the writer's transactions ended so far
	every   int           // batches between two checkpoints
	quiet   time.Duration // see checkpointQuiet
	kick    chan struct{}
	wg      sync.WaitGroup

	busy   atomic.Bool // a checkpoint is asked for or running
	caught atomic.Bool // one finished: the writer copies the rest
	// batches counts the writer's batches since the last checkpoint; only
	// the writer goroutine uses it.
	batches int
	// runs and tails count checkpoints beside the writer and the writer's
	// own catch-ups, for tests.
	runs, tails atomic.Int64
}

func newCheckpointer(db *sql.DB, commits *atomic.Int64, every int, quiet time.Duration) *checkpointer {
	c := &checkpointer{db: db, commits: commits, every: every, quiet: quiet, kick: make(chan struct{}, 1)}
	c.wg.Add(1)
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer c.wg.Done()
	tick := time.NewTicker(c.quiet)
	defer tick.Stop()
	done := c.commits.Load() // what the last checkpoint saw committed
	for {
		select {
		case _, ok := <-c.kick:
			if !ok {
				return
			}
		case <-tick.C:
			if c.commits.Load() == done || c.busy.Swap(true) {
				continue // nothing new, or asked for already
			}
		}
		start := c.commits.Load()
		// A checkpoint that fails (a reader holding an old snapshot leaves
		// SQLITE_BUSY) loses nothing: the frames stay in the WAL for the next.
		_, _ = c.db.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
		c.runs.Add(1)
		if done = c.commits.Load(); done != start {
			c.caught.Store(true) // the writer committed meanwhile: it copies the rest
		}
		c.busy.Store(false)
	}
}

// afterBatch is called by the writer goroutine after each batch, with the
// writer's connection idle: it copies the pages committed during the last
// checkpoint beside it, if one finished, and asks for the next checkpoint
// every c.every batches.
func (c *checkpointer) afterBatch(w *sql.DB) {
	if c.caught.Swap(false) {
		_, _ = w.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
		c.tails.Add(1)
	}
	if c.batches++; c.batches >= c.every && !c.busy.Swap(true) {
		c.batches = 0
		c.kick <- struct{}{}
	}
}

// close stops the checkpointer after the checkpoint it is running, if any.
// Only the writer goroutine sends on kick, and it has stopped by then.
func (c *checkpointer) close() {
	close(c.kick)
	c.wg.Wait()
}
