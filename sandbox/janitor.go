package sandbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// runJanitor cancels sessions nobody will finish, every JanitorInterval.
func (s *Sandbox) runJanitor(ctx context.Context) {
	t := time.NewTicker(s.cfg.JanitorInterval)
	defer t.Stop()
	for {
		if n, err := s.sweep(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("sandbox: janitor", "err", err)
		} else if n > 0 {
			s.log.Info("sandbox: janitor canceled sessions", "count", n)
		}
		if err := s.mergeSearchIndex(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("sandbox: janitor: merge the search index", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// sweep cancels every session that was never started within ExpireUnusedAfter
// of its last secret ("expired"), or stopped making progress for AbandonAfter
// ("userLeft"). Each cancel is its own transaction, with its webhook event.
func (s *Sandbox) sweep(ctx context.Context) (int, error) {
	now := s.now()
	type victim struct {
		acct   int64
		id     string
		reason string
	}
	var victims []victim
	rows, err := s.db.r.QueryContext(ctx, `
		SELECT account_id, id, 'expired' FROM sessions WHERE status = 'requiresInput' AND last_activity_at < ?
		UNION ALL
		SELECT account_id, id, 'userLeft' FROM sessions WHERE status = 'processing' AND last_activity_at < ?
		LIMIT 10000`,
		now.Add(-s.cfg.ExpireUnusedAfter).UnixMilli(), now.Add(-s.cfg.AbandonAfter).UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("find stale sessions: %w", err)
	}
	for rows.Next() {
		var v victim
		if err := rows.Scan(&v.acct, &v.id, &v.reason); err != nil {
			rows.Close()
			return 0, err
		}
		victims = append(victims, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	for _, v := range victims {
		_, err := s.updateSession(ctx, v.acct, v.id, func(_ *runner.Engine, st *runner.State) (runner.Effects, error) {
			return runner.Cancel(st, v.reason, now)
		})
		if errors.Is(err, runner.ErrFinished) {
			continue // finished since we looked
		}
		if err != nil {
			return n, fmt.Errorf("cancel session %s: %w", v.id, err)
		}
		n++
	}
	return n, nil
}

// mergeSearchIndex does a bounded step of FTS5 segment merging. Every commit
// adds a segment; automerge keeps their number in check, but a searched list
// reads every segment, and a merged index answers in about half the time.
func (s *Sandbox) mergeSearchIndex(ctx context.Context) error {
	return s.write(ctx, func(tx wtx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO session_search(session_search, rank) VALUES ('merge', 500)`)
		return err
	})
}
