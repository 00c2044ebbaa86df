package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// storeFaces is runner.Faces on the store: the enrolled faces of one account,
// read in the caller's transaction so a match sees faces enrolled by the same step.
type storeFaces struct {
	q    querier
	acct int64
}

const faceColumns = `id, name, email, phone, company, job_title, enrolled_at, session_id`

func scanFace(sc interface{ Scan(...any) error }) (facesign.Face, error) {
	var f facesign.Face
	var at int64
	err := sc.Scan(&f.ID, &f.Name, &f.Email, &f.Phone, &f.Company, &f.JobTitle, &at, &f.SessionID)
	f.EnrolledAt = facesign.NewTime(time.UnixMilli(at))
	return f, err
}

// Match reads the account's faces that can match the probe, in enrolment
// order, and leaves the choice to the runner's Probe.Best, so that the store
// and runner.MemoryFaces follow one rule (case- and space-insensitive text,
// phones by digits, the person on camera alone when named, the latest
// enrolment among equals). The keys only narrow: every face the rule could
// pick shares a key with the probe (see faceKeys), and Best drops the others.
func (f *storeFaces) Match(ctx context.Context, p runner.Probe) (*facesign.Face, error) {
	if p.Empty() {
		return nil, nil
	}
	if f.q == nil {
		return nil, errors.New("sandbox: face lookup outside a transaction")
	}
	// A key the probe lacks is NULL, which matches nothing.
	key := func(k string) any {
		if k == "" {
			return nil
		}
		return k
	}
	face := key(p.Face)
	texts := []any{key(textKey(p.Face)), key(textKey(p.Email)), key(textKey(p.Name))}
	phones := []any{key(phoneKey(p.Face)), key(phoneKey(p.Phone))}
	// One index lookup per key kind: a single OR would have the planner walk
	// faces_account for its order instead.
	rows, err := f.q.QueryContext(ctx, `SELECT `+faceColumns+` FROM faces WHERE seq IN (
		SELECT seq FROM faces WHERE id = ?2 AND account_id = ?1
		UNION ALL SELECT seq FROM faces WHERE account_id = ?1 AND email_key IN (?3, ?4, ?5)
		UNION ALL SELECT seq FROM faces WHERE account_id = ?1 AND name_key IN (?3, ?4, ?5)
		UNION ALL SELECT seq FROM faces WHERE account_id = ?1 AND phone_key IN (?6, ?7)) ORDER BY seq`,
		f.acct, face, texts[0], texts[1], texts[2], phones[0], phones[1])
	if err != nil {
		return nil, fmt.Errorf("read enrolled faces: %w", err)
	}
	defer rows.Close()
	var cands []facesign.Face
	for rows.Next() {
		c, err := scanFace(rows)
		if err != nil {
			return nil, fmt.Errorf("read enrolled faces: %w", err)
		}
		cands = append(cands, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read enrolled faces: %w", err)
	}
	return p.Best(cands), nil
}

// faceKeys are a face's lookup keys. They are deliberately coarser than the
// runner's rule, so that narrowing by them never hides a face the rule would
// pick: texts the rule finds equal (strings.ToLower, runs of spaces as one)
// are equal without any spaces too, and phones the rule finds equal have the
// same digits. TestFaceKeysNeverHideAMatch holds them to Probe.Best.
type faceKeys struct{ email, name, phone string }

func keysOf(f facesign.Face) faceKeys {
	return faceKeys{email: textKey(f.Email), name: textKey(f.Name), phone: phoneKey(f.Phone)}
}

func textKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }

func phoneKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// keyFaces computes the keys of faces stored before they had any (migration 4).
func keyFaces(ctx context.Context, db *sql.DB) error {
	return inTx(ctx, db, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT seq, name, email, phone FROM faces WHERE email_key IS NULL`)
		if err != nil {
			return err
		}
		type keyed struct {
			seq int64
			k   faceKeys
		}
		var todo []keyed
		for rows.Next() {
			var seq int64
			var f facesign.Face
			if err := rows.Scan(&seq, &f.Name, &f.Email, &f.Phone); err != nil {
				rows.Close()
				return err
			}
			todo = append(todo, keyed{seq, keysOf(f)})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, t := range todo {
			if _, err := tx.ExecContext(ctx, `UPDATE faces SET email_key = ?, name_key = ?, phone_key = ? WHERE seq = ?`,
				t.k.email, t.k.name, t.k.phone, t.seq); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Sandbox) listFaces(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	rows, err := s.db.r.QueryContext(r.Context(), `SELECT `+faceColumns+` FROM faces WHERE account_id = ? ORDER BY seq DESC LIMIT 1000`, a.id)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	out := []facesign.Face{}
	for rows.Next() {
		f, err := scanFace(rows)
		if err != nil {
			return 0, nil, err
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"faces": out}, nil
}

func (s *Sandbox) deleteFace(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	id := r.PathValue("id")
	err := s.write(r.Context(), func(tx wtx) error {
		res, err := tx.ExecContext(r.Context(), `DELETE FROM faces WHERE id = ? AND account_id = ?`, id, a.id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("face", id)
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"id": id, "deleted": true}, nil
}

func (s *Sandbox) listOutbox(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	rows, err := s.db.r.QueryContext(r.Context(), `SELECT id, recipient, channel, code, session_id, node_id, created_at, expire_at
		FROM outbox WHERE account_id = ? ORDER BY seq DESC LIMIT 1000`, a.id)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	out := []facesign.OutboxMessage{}
	for rows.Next() {
		var m facesign.OutboxMessage
		var created, expire int64
		if err := rows.Scan(&m.ID, &m.To, &m.Channel, &m.Code, &m.SessionID, &m.NodeID, &created, &expire); err != nil {
			return 0, nil, err
		}
		m.CreatedAt = facesign.NewTime(time.UnixMilli(created))
		m.ExpireAt = facesign.NewTime(time.UnixMilli(expire))
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"outbox": out}, nil
}
