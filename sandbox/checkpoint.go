package sandbox

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// checkpointEvery is how many of the writer's batches pass between two
// checkpoints: with 8 clients about 4,000 WAL pages (16 MB), SQLite's
// automatic interval as this store had it.
const checkpointEvery = 150

// checkpointer copies the WAL back into the database on a connection of its
// own, beside the writer, instead of SQLite's automatic checkpoint, which ran
// on the writer's connection at the end of a commit: every client waited
// behind it, 10–35 ms of copying and two fsyncs of 20–110 ms each on this
// machine, about an eighth of the wall time of a stream of creates. A
// checkpoint in PASSIVE mode runs beside the writer's transactions and copies
// what was committed when it began; the writer then copies the few pages
// committed meanwhile itself, between two batches (see afterBatch), so that
// its next transaction starts the WAL from the beginning again and the file
// stays the size of one interval.
type checkpointer struct {
	db    *sql.DB // one connection, only for checkpoints
	every int     // batches between two checkpoints
	kick  chan struct{}
	wg    sync.WaitGroup

	busy   atomic.Bool // a checkpoint is asked for or running
	caught atomic.Bool // one finished: the writer copies the rest
	// batches counts the writer's batches since the last checkpoint; only
	// the writer goroutine uses it.
	batches int
	// runs and tails count checkpoints beside the writer and the writer's
	// own catch-ups, for tests.
	runs, tails atomic.Int64
}

func newCheckpointer(db *sql.DB, every int) *checkpointer {
	c := &checkpointer{db: db, every: every, kick: make(chan struct{}, 1)}
	c.wg.Add(1)
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer c.wg.Done()
	for range c.kick {
		// A checkpoint that fails (a reader holding an old snapshot leaves
		// SQLITE_BUSY) loses nothing: the frames stay in the WAL for the next.
		_, _ = c.db.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
		c.runs.Add(1)
		c.caught.Store(true)
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
