package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// errClosed answers writes that arrive after Close.
var errClosed = errors.New("sandbox: closed")

// maxBatch bounds how many writes share one commit.
const maxBatch = 128

// writeReq is one unit of work for the group-commit writer.
type writeReq struct {
	fn   func(tx wtx) error
	done chan error
}

// groupWriter funnels writes through the single writer connection and commits
// the writes that queued up meanwhile together: under concurrency one commit
// (and one FTS segment) serves many requests. Each write runs in its own
// savepoint, so a failing write rolls back alone, and every caller learns its
// outcome only after the commit that made it durable.
type groupWriter struct {
	db      *sql.DB
	stmts   prepared
	queue   chan *writeReq
	closing chan struct{}
	wg      sync.WaitGroup
	once    sync.Once
}

func newGroupWriter(db *sql.DB, stmts prepared) *groupWriter {
	g := &groupWriter{db: db, stmts: stmts, queue: make(chan *writeReq, maxBatch), closing: make(chan struct{})}
	g.wg.Add(1)
	go g.run()
	return g
}

// do runs fn in a write transaction and returns once it is committed (nil) or
// rolled back (fn's error, or the commit's).
func (g *groupWriter) do(ctx context.Context, fn func(tx wtx) error) error {
	req := &writeReq{fn: fn, done: make(chan error, 1)}
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
	g.once.Do(func() { close(g.closing) })
	g.wg.Wait()
}

func (g *groupWriter) run() {
	defer g.wg.Done()
	batch := make([]*writeReq, 0, maxBatch)
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
	fill:
		for len(batch) < maxBatch {
			select {
			case req := <-g.queue:
				batch = append(batch, req)
			default:
				break fill
			}
		}
		g.commit(batch)
	}
}

func (g *groupWriter) commit(batch []*writeReq) {
	ctx := context.Background() // the writes are accepted: they run to their verdict
	errs := make([]error, len(batch))
	sqltx, err := g.db.BeginTx(ctx, nil)
	tx := wtx{sqltx, g.stmts, &pendingSearch{}}
	if err != nil {
		for _, r := range batch {
			r.done <- fmt.Errorf("begin: %w", err)
		}
		return
	}
	single := len(batch) == 1
	for i, r := range batch {
		if single {
			errs[i] = r.fn(tx)
			continue
		}
		if _, err := tx.ExecContext(ctx, "SAVEPOINT w"); err != nil {
			errs[i] = err
			continue
		}
		mark := len(tx.search.ops)
		if errs[i] = r.fn(tx); errs[i] != nil {
			tx.search.ops = tx.search.ops[:mark] // its index updates go with it
			if _, err := tx.ExecContext(ctx, "ROLLBACK TO w"); err != nil {
				// The transaction is unusable: fail the whole batch.
				_ = tx.Rollback()
				for j, r := range batch {
					r.done <- errors.Join(fmt.Errorf("roll back a failed write: %w", err), errs[j])
				}
				return
			}
		}
		if _, err := tx.ExecContext(ctx, "RELEASE w"); err != nil {
			errs[i] = err
		}
	}
	if single && errs[0] != nil {
		_ = tx.Rollback()
		batch[0].done <- errs[0]
		return
	}
	if err := tx.search.flush(ctx, tx); err != nil {
		_ = tx.Rollback()
		for _, r := range batch {
			r.done <- fmt.Errorf("update the search index: %w", err)
		}
		return
	}
	if err := tx.Commit(); err != nil {
		for _, r := range batch {
			r.done <- fmt.Errorf("commit: %w", err)
		}
		return
	}
	for i, r := range batch {
		r.done <- errs[i]
	}
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
