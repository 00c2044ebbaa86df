package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// checkpointEvery is how many of the writer's batches pass between two
// checkpoints: with 8 clients about 4,000 WAL pages (16 MB), SQLite's
// automatic interval as this store had it.
const checkpointEvery = 150

// checkpointQuiet is how long the checkpointer waits after its last
// checkpoint before it looks whether anything was committed since and, if
// so, checkpoints it: a store written now and then (a developer's sandbox)
// would otherwise wait for 150 batches, with the WAL holding whatever a
// migration or the last hour wrote. Under load the batches' checkpoints come
// sooner and this one never fires.
const checkpointQuiet = time.Second

// walRestartPages is how long the WAL may grow (in pages: 64 MB) before the
// checkpointer restarts it by force. A WAL starts over only when no reader
// still reads an older snapshot of it; with the read pool busy that is
// seldom true at the moment the writer begins, and the file grew by hundreds
// of MB in seconds (a reviewer's 8 creating clients and 6 readers: 442 MB in
// 12 s). A RESTART checkpoint waits for the writer's transaction and the
// readers (milliseconds), holds the writer meanwhile, and starts the WAL over.
const walRestartPages = 16000

// checkpointer copies the WAL back into the database on a connection of its
// own, beside the writer, instead of SQLite's automatic checkpoint, which ran
// on the writer's connection at the end of a commit: every client waited
// behind it, 10–35 ms of copying and two fsyncs of 20–110 ms each on this
// machine, about an eighth of the wall time of a stream of creates.
//
// A checkpoint in PASSIVE mode runs beside the writer's transactions and
// copies what was committed when it began; a second pass copies what was
// committed during the first, fewer pages. If the writer committed during the
// second, it copies the rest itself between two batches (see afterBatch; the
// cost is mostly that checkpoint's two fsyncs, of the WAL and then of the
// database, each of what was written since the last), so that its next
// transaction starts the WAL from the beginning again and the file stays
// about one interval long. If it did not, its next transaction starts the WAL
// over by itself.
type checkpointer struct {
	db    *sql.DB       // one connection, only for checkpoints
	ended *atomic.Int64 // the writer's transactions ended so far
	log   *slog.Logger
	every int           // batches between two checkpoints (see checkpointEvery)
	quiet time.Duration // see checkpointQuiet
	limit int64         // see walRestartPages
	kick  chan struct{}
	wg    sync.WaitGroup

	// off stops checkpoints (the WAL benchmark reads every frame a create
	// wrote); the writer's automatic backstop (store.go) still applies.
	off    atomic.Bool
	busy   atomic.Bool // a checkpoint is asked for or running
	caught atomic.Bool // one finished while the writer wrote: it copies the rest
	// batches counts the writer's batches since the last checkpoint; only
	// the writer goroutine uses it.
	batches int
	// runs, tails and restarts count checkpoints beside the writer, the
	// writer's own catch-ups and forced restarts, for tests.
	runs, tails, restarts atomic.Int64
}

func newCheckpointer(db *sql.DB, ended *atomic.Int64, log *slog.Logger, every int, quiet time.Duration, limit int64) *checkpointer {
	c := &checkpointer{db: db, ended: ended, log: log, every: every, quiet: quiet, limit: limit, kick: make(chan struct{}, 1)}
	c.wg.Add(1)
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer c.wg.Done()
	quiet := time.NewTimer(c.quiet)
	defer quiet.Stop()
	// The first quiet checkpoint runs whatever the writer did: it also
	// copies what was written before the writer started (migrations, keys).
	seen := int64(-1)
	for {
		select {
		case _, ok := <-c.kick:
			if !ok {
				return
			}
		case <-quiet.C:
			if c.off.Load() || c.ended.Load() == seen || c.busy.Swap(true) {
				quiet.Reset(c.quiet) // nothing new, or asked for already
				continue
			}
		}
		seen = c.checkpoint()
		c.busy.Store(false)
		quiet.Reset(c.quiet)
	}
}

// checkpoint runs a checkpoint beside the writer and returns the count of
// the writer's transactions it has copied.
func (c *checkpointer) checkpoint() int64 {
	ctx := context.Background()
	defer c.runs.Add(1)
	for pass := 0; pass < 2; pass++ {
		start := c.ended.Load()
		if wal, _ := c.run1(ctx, c.db, "PASSIVE"); wal > c.limit {
			if _, done := c.run1(ctx, c.db, "RESTART"); done {
				c.restarts.Add(1)
			}
			return start
		}
		if end := c.ended.Load(); end == start {
			return end // nothing written meanwhile: the next transaction starts the WAL over
		}
	}
	c.caught.Store(true) // written during the second pass: the writer copies the rest
	return c.ended.Load()
}

// run1 runs one checkpoint of mode on db (the checkpointer's connection, or
// the writer's for its catch-up) and returns the WAL's length in pages, as it
// was when the checkpoint began (0 when it failed), and whether it did all its
// mode asks (a RESTART that gave up waiting for readers did not).
func (c *checkpointer) run1(ctx context.Context, db *sql.DB, mode string) (wal int64, done bool) {
	var busy, copied int64
	// A checkpoint that cannot finish (SQLITE_BUSY, or an error) loses
	// nothing: the pages stay in the WAL for the next.
	rows, err := db.QueryContext(ctx, "PRAGMA wal_checkpoint("+mode+")")
	if err == nil {
		for rows.Next() {
			err = rows.Scan(&busy, &wal, &copied)
		}
		err = errors.Join(err, rows.Close())
	}
	if err != nil {
		c.log.Warn("sandbox: checkpoint of the store failed; its WAL keeps the pages for the next one", "mode", mode, "err", err)
		return 0, false
	}
	return wal, busy == 0
}

// afterBatch is called by the writer goroutine after each batch, with the
// writer's connection idle: it copies the pages committed during the last
// checkpoint beside it, if one finished while the writer wrote, and asks for
// the next checkpoint every c.every batches.
func (c *checkpointer) afterBatch(w *sql.DB) {
	if c.caught.Swap(false) {
		c.run1(context.Background(), w, "PASSIVE")
		c.tails.Add(1)
	}
	if c.batches++; c.batches >= c.every && !c.off.Load() && !c.busy.Swap(true) {
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
