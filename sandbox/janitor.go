package sandbox

import (
	"context"
	"database/sql"
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

// staleSession is a session the janitor picked to cancel.
type staleSession struct {
	acct int64
	id   string
}

// sweep cancels every session that was never started within ExpireUnusedAfter
// of its last secret ("expired"), or stopped making progress for AbandonAfter
// ("userLeft"). Each cancel is its own transaction, with its webhook event. A
// session that cannot be canceled is logged and skipped: one bad row must not
// stop expiry for every other session.
func (s *Sandbox) sweep(ctx context.Context) (int, error) {
	now := s.now()
	victims, err := s.findStale(ctx, now)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, v := range victims {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		ok, err := s.cancelStale(ctx, v, now)
		if err != nil {
			s.log.Error("sandbox: janitor: cancel session", "session", v.id, "err", err)
			continue
		}
		if ok {
			n++
		}
	}
	return n, nil
}

func (s *Sandbox) staleCutoffs(now time.Time) (expire, abandon int64) {
	return now.Add(-s.cfg.ExpireUnusedAfter).UnixMilli(), now.Add(-s.cfg.AbandonAfter).UnixMilli()
}

// findStale lists up to 10,000 sessions past their deadline at now.
func (s *Sandbox) findStale(ctx context.Context, now time.Time) ([]staleSession, error) {
	expire, abandon := s.staleCutoffs(now)
	rows, err := s.db.r.QueryContext(ctx, `
		SELECT account_id, id FROM sessions WHERE status = 'requiresInput' AND last_activity_at < ?
		UNION ALL
		SELECT account_id, id FROM sessions WHERE status = 'processing' AND last_activity_at < ?
		LIMIT 10000`, expire, abandon)
	if err != nil {
		return nil, fmt.Errorf("find stale sessions: %w", err)
	}
	defer rows.Close()
	var victims []staleSession
	for rows.Next() {
		var v staleSession
		if err := rows.Scan(&v.acct, &v.id); err != nil {
			return nil, err
		}
		victims = append(victims, v)
	}
	return victims, rows.Err()
}

// cancelStale cancels one session picked by findStale if, inside the cancel's
// own transaction, it is still past its deadline: a secret refreshed or a step
// taken since it was picked keeps it alive. It reports whether it canceled.
func (s *Sandbox) cancelStale(ctx context.Context, v staleSession, now time.Time) (bool, error) {
	expire, abandon := s.staleCutoffs(now)
	canceled := false
	err := s.write(ctx, func(tx wtx) error {
		canceled = false // the writer may run fn again after a failed group commit
		var reason string
		err := tx.QueryRowContext(ctx, `SELECT CASE status WHEN 'requiresInput' THEN 'expired' ELSE 'userLeft' END FROM sessions
			WHERE account_id = ? AND id = ? AND ((status = 'requiresInput' AND last_activity_at < ?) OR (status = 'processing' AND last_activity_at < ?))`,
			v.acct, v.id, expire, abandon).Scan(&reason)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // finished, refreshed or progressed since it was picked
		}
		if err != nil {
			return err
		}
		row, err := loadSession(ctx, tx, v.acct, v.id)
		if err != nil {
			return err
		}
		cur, st, err := row.view()
		if err != nil {
			return err
		}
		eff, err := runner.Cancel(st, reason, now)
		if errors.Is(err, runner.ErrFinished) {
			return nil
		}
		if err != nil {
			return err
		}
		st.Apply(&cur)
		if err := s.saveState(ctx, tx, row, &cur, st, eff); err != nil {
			return err
		}
		canceled = true
		return nil
	})
	if err != nil {
		return false, err
	}
	if canceled {
		s.nudgeSender()
	}
	return canceled, nil
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
