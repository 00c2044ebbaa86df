package sandbox

import (
	"context"
	"errors"
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

// Match narrows the candidates in SQL (an explicit face by id or identity, else
// the known email, phone or name, case-insensitively) and leaves the decision to
// the runner's rule.
func (f *storeFaces) Match(ctx context.Context, p runner.Probe) (*facesign.Face, error) {
	if f.q == nil {
		return nil, errors.New("sandbox: face lookup outside a transaction")
	}
	keys := []string{p.Face, p.Email, p.Phone, p.Name}
	rows, err := f.q.QueryContext(ctx, `SELECT `+faceColumns+` FROM faces WHERE account_id = ?1 AND (
		id = ?2 OR (email <> '' AND lower(email) IN (lower(?2), lower(?3))) OR (phone <> '' AND phone IN (?2, ?4))
		OR (name <> '' AND lower(name) IN (lower(?2), lower(?5)))) ORDER BY seq`,
		f.acct, keys[0], keys[1], keys[2], keys[3])
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cands []facesign.Face
	for rows.Next() {
		face, err := scanFace(rows)
		if err != nil {
			return nil, err
		}
		cands = append(cands, face)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return matchProbe(p, cands), nil
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

// matchProbe picks the enrolled face the probe identifies: an explicit face (by
// id, email, phone or name) first, else the session's known email, phone, then
// name. Identity fields compare case-insensitively, as people type them.
func matchProbe(p runner.Probe, cands []facesign.Face) *facesign.Face {
	eq := strings.EqualFold
	if p.Face != "" {
		for i, f := range cands {
			if f.ID == p.Face || (f.Email != "" && eq(f.Email, p.Face)) || (f.Phone != "" && f.Phone == p.Face) || (f.Name != "" && eq(f.Name, p.Face)) {
				return &cands[i]
			}
		}
		return nil // the person on camera is named, and is nobody enrolled
	}
	for _, same := range []func(facesign.Face) bool{
		func(f facesign.Face) bool { return p.Email != "" && eq(f.Email, p.Email) },
		func(f facesign.Face) bool { return p.Phone != "" && f.Phone == p.Phone },
		func(f facesign.Face) bool { return p.Name != "" && eq(f.Name, p.Name) },
	} {
		for i := range cands {
			if same(cands[i]) {
				return &cands[i]
			}
		}
	}
	return nil
}
