package sandbox

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

func (s *Sandbox) engine(q querier, acct int64) *runner.Engine {
	return runner.New(runner.Config{Now: s.now, Faces: &storeFaces{q: q, acct: acct}})
}

// runnerError turns an engine error into the API's answer: bad input is the
// caller's (400), anything else is ours.
func runnerError(err error) error {
	switch {
	case errors.Is(err, runner.ErrBadInput):
		return badRequest("invalid_simulation", err.Error())
	case errors.Is(err, runner.ErrFinished):
		return &apiError{Status: http.StatusConflict, Type: typeValidation, Code: "session_finished", Message: err.Error()}
	case errors.Is(err, runner.ErrStepLimit), errors.Is(err, runner.ErrBadFlow):
		return badRequest("flow_cannot_run", err.Error())
	}
	return err
}

func (s *Sandbox) createSession(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	// Concurrent creates share a commit: the writer waits a little for this one.
	t := s.writer.expect()
	defer t.release()
	body, err := s.readBody(w, r)
	if err != nil {
		return 0, nil, err
	}
	ns, err := s.flows.decodeCreate(body)
	if err != nil {
		return 0, nil, err
	}
	resp, err := s.create(r.Context(), a, ns, t)
	if err != nil {
		return 0, nil, err
	}
	out, err := resp.encode()
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, out, nil
}

// The answers of create, get and list carry sessions as their stored wire JSON.
type createResponse struct {
	Session      json.RawMessage       `json:"session"`
	ClientSecret facesign.ClientSecret `json:"clientSecret"`
	Warnings     []facesign.Warning    `json:"warnings,omitempty"`
}

// encode writes the answer around the stored session bytes, as getResponse
// does: encoding/json would validate and compact the session again.
func (c *createResponse) encode() (encodedJSON, error) {
	get, err := getResponse{Session: c.Session, ClientSecret: c.ClientSecret}.encode()
	if err != nil || len(c.Warnings) == 0 {
		return get, err
	}
	warnings, err := json.Marshal(c.Warnings)
	if err != nil {
		return nil, fmt.Errorf("encode warnings: %w", err)
	}
	out := append(get[:len(get)-1:len(get)-1], `,"warnings":`...)
	out = append(out, warnings...)
	return append(out, '}'), nil
}

type getResponse struct {
	Session      json.RawMessage       `json:"session"`
	ClientSecret facesign.ClientSecret `json:"clientSecret"`
}

// encode writes the answer around the stored session bytes, which the
// sandbox's json.Marshal produced: valid and compact already.
func (g getResponse) encode() (encodedJSON, error) {
	sec, err := json.Marshal(g.ClientSecret)
	if err != nil {
		return nil, fmt.Errorf("encode client secret: %w", err)
	}
	b := make([]byte, 0, len(g.Session)+len(sec)+len(`{"session":,"clientSecret":}`)+1)
	b = append(b, `{"session":`...)
	b = append(b, g.Session...)
	b = append(b, `,"clientSecret":`...)
	b = append(b, sec...)
	return append(b, '}'), nil
}

func (s *Sandbox) create(ctx context.Context, a account, ns *newSession, t *writeTicket) (*createResponse, error) {
	id := newOrderedID("ses_", s.now())
	st, eff, err := s.engine(nil, a.id).Start(id, ns.settings)
	if err != nil {
		return nil, runnerError(err)
	}
	secret := s.newSecret()
	enc, err := encodeSession(ns, st)
	if err != nil {
		return nil, err
	}
	if err := s.writer.do(ctx, t, func(tx wtx) error {
		return s.insertSession(ctx, tx, a, ns, st, enc, eff, &secret)
	}); err != nil {
		return nil, err
	}
	s.nudgeSender()
	return &createResponse{Session: enc.view, ClientSecret: secret, Warnings: ns.warnings}, nil
}

func (s *Sandbox) getSession(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	row, secret, err := s.getSessionWithSecret(r.Context(), a.id, r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	sess, err := row.wire()
	if err != nil {
		return 0, nil, err
	}
	body, err := getResponse{Session: sess, ClientSecret: secret}.encode()
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, body, nil
}

// refreshSecret replaces the session's secret; the previous one stops working
// at once because a session has exactly one secret row.
func (s *Sandbox) refreshSecret(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	ctx := r.Context()
	id := r.PathValue("id")
	secret := s.newSecret()
	err := s.write(ctx, func(tx wtx) error {
		// A fresh secret means someone still intends to use the session: it is
		// not "unused" yet. Marking it finds it, within the account, by the way.
		var seq int64
		err := tx.QueryRowContext(ctx, `UPDATE sessions SET last_activity_at = ? WHERE id = ? AND account_id = ? RETURNING seq`,
			s.nowMs(), id, a.id).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("session", id)
		}
		if err != nil {
			return fmt.Errorf("refresh secret of session %s: %w", id, err)
		}
		// The old secret is remembered, so that its page says "replaced"
		// (and the embedder refreshes) instead of "unknown".
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO retired_secrets(secret, session_seq, retired_at)
			SELECT secret, session_seq, ? FROM client_secrets WHERE session_seq = ?`, s.nowMs(), seq); err != nil {
			return fmt.Errorf("refresh secret of session %s: %w", id, err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE client_secrets SET secret = ?, created_at = ?, expire_at = ? WHERE session_seq = ?`,
			secret.Secret, secret.CreatedAt.UnixMilli(), secret.ExpireAt.UnixMilli(), seq)
		if err != nil {
			return fmt.Errorf("refresh secret of session %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 { // a secret nothing would accept is not an answer
			return fmt.Errorf("refresh secret of session %s: it has no client secret", id)
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]facesign.ClientSecret{"clientSecret": secret}, nil
}

func (s *Sandbox) simulate(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	body, err := s.readBody(w, r)
	if err != nil {
		return 0, nil, err
	}
	var req facesign.SimulateRequest
	if t := bytes.TrimSpace(body); len(t) > 0 { // an empty body simulates the success path
		if t[0] != '{' {
			return 0, nil, badRequest("invalid_body", "the simulate body must be a JSON object {outcomes, replies, inputs}")
		}
		n, ae := decodeStrict(t, &req, smallBody("simulate input", "the simulate body"))
		if ae == nil {
			ae = dataAfter(t, n)
		}
		if ae != nil {
			return 0, nil, ae
		}
	}
	sim, err := runner.ParseSimulate(req)
	if err != nil {
		return 0, nil, badRequest("invalid_simulation", err.Error())
	}
	var path []facesign.PathStep
	sess, err := s.updateSession(r.Context(), a.id, r.PathValue("id"), func(e *runner.Engine, st *runner.State) (runner.Effects, error) {
		res, err := e.Run(r.Context(), st, sim)
		if err != nil {
			return runner.Effects{}, runnerError(err)
		}
		path = res.Path
		return res.Effects, nil
	})
	if err != nil {
		return 0, nil, err
	}
	if path == nil {
		path = []facesign.PathStep{}
	}
	return http.StatusOK, facesign.SimulateResponse{Session: sess, Path: path}, nil
}
