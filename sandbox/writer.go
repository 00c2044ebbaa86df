package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// errClosed answers writes that arrive after Close.
var errClosed = errors.New("sandbox: closed")

// maxBatch bounds how many writes share one commit.
const maxBatch = 128

// Bounds of how long the writer waits for writes it was told are coming
// (see groupWriter.expect): at least minGather, at most maxGather, otherwise
// about as long as a commit takes.
const (
	minGather = 100 * time.Microsecond
	maxGather = 2 * time.Millisecond
)

// targetWait bounds how long the writer waits for its batch to reach its
// target (see groupWriter.target).
const targetWait = time.Millisecond

// writeReq is one unit of work for the group-commit writer.
type writeReq struct {
	fn   func(tx wtx) error
	done chan error
}

// groupWriter funnels writes through the single writer connection and commits
// the writes that queued up meanwhile together: under concurrency one commit
// (one set of WAL frames for the pages the writes share, one FTS segment)
// serves many requests, and every caller learns its outcome only after the
// commit that made it durable.
//
// A batch runs without savepoints: a savepoint per write made SQLite copy every
// page the batch had already touched into a statement journal (about 70 KB per
// create, in temporary files) and cost two statements per write. A write that
// fails before changing anything leaves nothing to undo; one that fails after
// changing something is answered with its error, the transaction is rolled
// back, and the batch's other writes run again without it, so each write sees
// exactly what it would have seen with a savepoint of its own.
type groupWriter struct {
	db      *sql.DB
	stmts   prepared
	ckpt    *checkpointer
	queue   chan *writeReq
	closing chan struct{}
	wg      sync.WaitGroup
	once    sync.Once

	// coming counts writes announced by expect and not queued or released
	// yet; arrived is nudged when one is queued or released, so that a writer
	// waiting for them looks again.
	coming  atomic.Int64
	arrived chan struct{}
	// gather is how long the writer waits for coming writes, following the
	// recent commit time within [minGather, maxGather]; only the writer
	// goroutine uses them (tests set the bounds before their first write).
	gather, minGather, maxGather time.Duration
	// target is how many writes the writer waits for, up to targetWait,
	// before it commits: learnt from the batches it got (see nextTarget), so
	// that with many concurrent writers each commit serves several of them
	// (a commit writes about 20 pages whatever it holds: with 8 clients,
	// batches grew from 2.5 to about 6 creates and the WAL pages of a create
	// from 11 to 6), while one writer alone is never kept waiting. Only the
	// writer goroutine uses them.
	target     int
	targetWait time.Duration
	// writers counts the writes in flight: from expect until the ticket's
	// release (the end of the request, with its answer), or while waiting in
	// do without a ticket. The target never passes half of the most seen in
	// flight lately (peak, over the last two windows of peakWindow batches):
	// waiting for nearly all of them made every client wait on the same
	// commit and then do its HTTP work at the same time, so one core idled
	// through each commit and the other through each round of requests; with
	// half, one half's requests are served while the other half's commit runs
	// (8 clients on 2 cores: 3,350 → 3,900 creates/s, the same CPU per create;
	// see BENCHMARKS.md). Only the writer goroutine uses peak and its window.
	writers                    atomic.Int64
	peak, windowPeak, windowAt int64
	// commits, reruns and timeouts count transactions, batches run again
	// after a failed write and waits for a batch's target that ran out, for
	// tests.
	commits, reruns, timeouts atomic.Int64
	// ended counts transactions ended (committed or rolled back): the
	// checkpointer learns from it whether the writer wrote while it ran.
	ended atomic.Int64
}

// newGroupWriter starts the writer on db (the store's one write connection)
// and its checkpoints on ckpt (a connection for them alone).
func newGroupWriter(db, ckpt *sql.DB, stmts prepared, log *slog.Logger) *groupWriter {
	g := &groupWriter{db: db, stmts: stmts, queue: make(chan *writeReq, maxBatch), closing: make(chan struct{}),
		arrived: make(chan struct{}, 1), gather: minGather, minGather: minGather, maxGather: maxGather,
		target: 1, targetWait: targetWait}
	g.ckpt = newCheckpointer(ckpt, &g.ended, log, checkpointEvery, checkpointQuiet, walRestartPages)
	g.wg.Add(1)
	go g.run()
	return g
}

// writeTicket announces a write that a request is about to make (see expect).
type writeTicket struct {
	g    *groupWriter
	used atomic.Bool // withdrawn from coming
	done atomic.Bool // no longer among the writers in flight
}

// peakWindow is how many batches the peak of writers in flight is taken over.
const peakWindow = 64

// expect tells the writer that the caller will soon call do (after decoding
// and checking its request, say). While announced writes are on their way,
// the writer holds its batch open a little for them (never longer than about
// one commit, and at most maxGather), so that concurrent requests share a
// commit instead of each paying for one. The ticket must be released (defer
// t.release()) whether or not the write happens; do releases it too.
func (g *groupWriter) expect() *writeTicket {
	g.coming.Add(1)
	g.writers.Add(1)
	return &writeTicket{g: g}
}

// release withdraws the announcement, once; a nil ticket is a no-op. A
// request calls it when it is done with its write (deferred), so it also ends
// the request's count among the writers in flight.
func (t *writeTicket) release() {
	if t == nil {
		return
	}
	if !t.done.Swap(true) {
		t.g.writers.Add(-1)
	}
	if t.used.Swap(true) {
		return
	}
	t.g.coming.Add(-1)
	select {
	case t.g.arrived <- struct{}{}:
	default:
	}
}

// do runs fn in a write transaction and returns once it is committed (nil) or
// rolled back (fn's error, or the commit's). t, when not nil, is the ticket
// expect gave for this write. fn may run more than once (see groupWriter):
// it must read what it needs through tx and leave nothing behind outside tx
// that a later run would not overwrite.
func (g *groupWriter) do(ctx context.Context, t *writeTicket, fn func(tx wtx) error) error {
	req := &writeReq{fn: fn, done: make(chan error, 1)}
	if t == nil { // counted from expect otherwise
		g.writers.Add(1)
		defer g.writers.Add(-1)
	}
	// Withdrawn just before the write is queued, without a nudge (the write
	// itself wakes the writer): a writer that looked at the count between the
	// two commits without it, which only makes a smaller batch, where the
	// other order would make it wait for nothing.
	if t != nil && !t.used.Swap(true) {
		g.coming.Add(-1)
	}
	select {
	case g.queue <- req:
	case <-g.closing:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued the write will run; wait for its verdict even if the caller
	// gave up, so that nobody is told "failed" about a write that committed.
	return <-req.done
}

func (g *groupWriter) close() {
	g.once.Do(func() {
		close(g.closing)
		g.wg.Wait()
		g.ckpt.close()
	})
}

func (g *groupWriter) run() {
	defer g.wg.Done()
	batch := make([]*writeReq, 0, maxBatch)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	wait := time.NewTimer(time.Hour)
	wait.Stop()
	for {
		batch = batch[:0]
		select {
		case req := <-g.queue:
			batch = append(batch, req)
		case <-g.closing:
			// Finish what is queued, then stop.
			for {
				select {
				case req := <-g.queue:
					g.commit([]*writeReq{req})
				default:
					return
				}
			}
		}
		batch = g.fill(batch, timer)
		var waited time.Duration
		timedOut := false
		if len(batch) < g.target {
			start := time.Now()
			batch, timedOut = g.await(batch, wait)
			waited = time.Since(start)
		}
		g.target = nextTarget(g.target, len(batch), waited, timedOut, g.targetWait, g.ceiling())
		start := time.Now()
		g.commit(batch)
		// The wait for coming writes follows the commit time: waiting longer
		// than a commit would delay the batch more than the late write gains.
		g.gather = min(max((3*g.gather+time.Since(start))/4, g.minGather), g.maxGather)
		g.ckpt.afterBatch(g.db)
	}
}

// ceiling is the most the batch target may be: half the writers in flight at
// their peak over the last one or two windows of batches (rounded up, so one
// writer alone may still be waited for, and 8 give 4), and at least one.
func (g *groupWriter) ceiling() int {
	g.windowPeak = max(g.windowPeak, g.writers.Load())
	if g.windowAt++; g.windowAt == peakWindow {
		g.peak, g.windowPeak, g.windowAt = g.windowPeak, 0, 0
	}
	return int(max(1, (max(g.peak, g.windowPeak)+1)/2))
}

// fill adds to batch what is queued and, while announced writes are coming,
// waits up to g.gather for them.
func (g *groupWriter) fill(batch []*writeReq, timer *time.Timer) []*writeReq {
	waiting := false
	defer func() {
		if waiting && !timer.Stop() {
			select { // drain a fire that raced with Stop
			case <-timer.C:
			default:
			}
		}
	}()
	for len(batch) < maxBatch {
		select {
		case req := <-g.queue:
			batch = append(batch, req)
			continue
		default:
		}
		if g.coming.Load() <= 0 {
			return batch
		}
		if !waiting {
			waiting = true
			timer.Reset(g.gather)
		}
		select {
		case req := <-g.queue:
			batch = append(batch, req)
		case <-g.arrived: // one was released: look again
		case <-timer.C:
			waiting = false // fired: nothing to stop
			return batch
		case <-g.closing:
			return batch
		}
	}
	return batch
}

// await adds queued writes to batch until it holds g.target of them, for at
// most g.targetWait; timedOut says the time ran out first.
func (g *groupWriter) await(batch []*writeReq, timer *time.Timer) (_ []*writeReq, timedOut bool) {
	timer.Reset(g.targetWait)
	defer func() {
		if !timedOut && !timer.Stop() {
			select { // drain a fire that raced with Stop
			case <-timer.C:
			default:
			}
		}
	}()
	for len(batch) < g.target && len(batch) < maxBatch {
		select {
		case req := <-g.queue:
			batch = append(batch, req)
		case <-timer.C:
			g.timeouts.Add(1)
			return batch, true
		case <-g.closing:
			return batch, false
		}
	}
	return batch, false
}

// nextTarget is the writer's batch target after a batch of got writes,
// gathered with the target at target: after waiting for them (waited), or
// not, or until limit ran out (timedOut). It rises by one while writes are
// there to be had (more were queued than the target, or the wait for them
// was short) and falls to what came when the wait ran out, so a lone writer
// keeps a target of one and is never kept waiting, and concurrent writers
// are gathered about as many as keep coming within the limit, never more than
// ceiling (see groupWriter.writers).
func nextTarget(target, got int, waited time.Duration, timedOut bool, limit time.Duration, ceiling int) int {
	ceiling = min(ceiling, maxBatch)
	switch {
	case timedOut:
		return min(max(1, got), ceiling)
	case got > target, waited > 0 && waited < limit/2:
		return min(target+1, ceiling)
	}
	return min(target, ceiling)
}

// commit runs the batch in one transaction and answers every write. A write
// that fails after changing something is answered and dropped, and the rest
// runs again in a new transaction.
func (g *groupWriter) commit(batch []*writeReq) {
	errs := make([]error, len(batch))
	pending := make([]int, len(batch)) // indexes into batch of the writes still to run
	for i := range pending {
		pending[i] = i
	}
	for len(pending) > 0 {
		g.commits.Add(1)
		failed, err := g.try(batch, pending, errs)
		if err != nil { // the transaction itself failed: everyone still pending learns it
			for _, i := range pending {
				batch[i].done <- err
			}
			return
		}
		if failed < 0 {
			for _, i := range pending {
				batch[i].done <- errs[i]
			}
			return
		}
		// pending[failed] changed something before failing: it has its answer,
		// and everything else runs again without it.
		batch[pending[failed]].done <- errs[pending[failed]]
		pending = append(pending[:failed], pending[failed+1:]...)
		for _, i := range pending {
			errs[i] = nil
		}
		g.reruns.Add(1)
	}
}

// try runs the pending writes of batch in one transaction. It commits and
// returns -1 unless a write fails after changing something: then it rolls
// back and returns that write's position in pending. A write that fails
// without changing anything keeps its error in errs and does not stop the
// others. err is a failure of the transaction itself.
func (g *groupWriter) try(batch []*writeReq, pending []int, errs []error) (failed int, err error) {
	defer g.ended.Add(1)
	ctx := context.Background() // the writes are accepted: they run to their verdict
	sqltx, err := g.db.BeginTx(ctx, nil)
	if err != nil {
		return -1, fmt.Errorf("begin: %w", err)
	}
	tx := wtx{Tx: sqltx, p: g.stmts, search: &pendingSearch{}, changes: new(int)}
	for n, i := range pending {
		before, mark := *tx.changes, len(tx.search.ops)
		if errs[i] = batch[i].fn(tx); errs[i] == nil {
			continue
		}
		tx.search.ops = tx.search.ops[:mark] // its index updates go with it
		if *tx.changes != before {
			_ = tx.Rollback()
			return n, nil
		}
	}
	if err := tx.search.flush(ctx, tx); err != nil {
		_ = tx.Rollback()
		return -1, fmt.Errorf("update the search index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return -1, fmt.Errorf("commit: %w", err)
	}
	return -1, nil
}

// changesData says whether a statement may change the database: anything but
// a SELECT is taken to.
func changesData(q string) bool {
	q = strings.TrimLeft(q, " \t\r\n")
	return !(len(q) >= 6 && strings.EqualFold(q[:6], "SELECT"))
}

// pendingSearch collects a batch's search-index writes until just before its
// commit. FTS5 flushes its pending terms into a new segment at every savepoint
// and statement journal, so writing the index as each session is stored would
// cost a segment (and merges) per write instead of one per batch.
type pendingSearch struct {
	ops []searchOp
}

type searchOp struct {
	seq    int64
	body   string
	update bool
}

func (p *pendingSearch) flush(ctx context.Context, tx wtx) error {
	for _, op := range p.ops {
		q := sqlInsertSearch
		args := []any{op.seq, op.body}
		if op.update {
			q, args = sqlUpdateSearch, []any{op.body, op.seq}
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	p.ops = p.ops[:0]
	return nil
}
