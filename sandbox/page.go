package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/sandbox/hosted"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// pageBackend is the hosted page's view of the sandbox: every call finds the
// session by its client secret and touches nothing else.
type pageBackend struct{ s *Sandbox }

// PageHandler serves the hosted verification page, /verify and everything
// under /verify/ (its scripts, JSON calls, uploads and signed media). Mount
// it beside Handler on every listener that serves the sandbox: it carries its
// own authorisation (the client secret, or a media URL's signature).
func (s *Sandbox) PageHandler() http.Handler { return s.page }

// secretRow resolves a live secret, telling a replaced secret from one never
// issued.
func (s *Sandbox) secretRow(ctx context.Context, secret string) (*sessionRow, error) {
	row, err := s.rowBySecret(ctx, secret)
	if errors.Is(err, ErrSecretUnknown) && s.retired(ctx, secret) {
		return nil, hosted.ErrSecretReplaced
	}
	return row, err
}

func (s *Sandbox) retired(ctx context.Context, secret string) bool {
	var n int
	err := s.db.r.QueryRowContext(ctx, `SELECT 1 FROM retired_secrets WHERE secret = ?`, secret).Scan(&n)
	return err == nil
}

func (b pageBackend) View(ctx context.Context, secret string) (hosted.View, error) {
	row, err := b.s.secretRow(ctx, secret)
	if err != nil {
		return hosted.View{}, err
	}
	sess, st, err := row.view()
	if err != nil {
		return hosted.View{}, err
	}
	return b.s.pageView(ctx, b.s.db.r, row.accountID, secret, sess, st)
}

// pageView builds what the page shows of a session.
func (s *Sandbox) pageView(ctx context.Context, q querier, acct int64, secret string, sess facesign.Session, st *runner.State) (hosted.View, error) {
	v := hosted.View{
		SessionID: sess.ID, Status: st.Status, Lang: st.Lang, InitialPhrase: st.InitialPhrase, FinalPhrase: st.FinalPhrase,
		CancelReason: st.CancelReason, Pending: s.engine(q, acct).Pending(st),
		Transcript: st.Transcript, Path: st.Path, Verified: st.Verified(),
		Outbox: []facesign.OutboxMessage{}, Faces: []hosted.FaceChoice{},
	}
	if v.Transcript == nil {
		v.Transcript = []facesign.TranscriptLine{}
	}
	v.Avatar = avatars[0]
	for _, a := range avatars {
		if a.ID == sess.Settings.AvatarID {
			v.Avatar = a
		}
	}
	if n := st.Flow.Node(st.Current); n != nil && !v.Finished() {
		v.Node = nodeInfo(n)
	}
	var expire int64
	if err := q.QueryRowContext(ctx, `SELECT expire_at FROM client_secrets WHERE secret = ?`, secret).Scan(&expire); err == nil {
		v.ExpireAt = time.UnixMilli(expire).UTC()
	}
	rows, err := q.QueryContext(ctx, `SELECT id, recipient, channel, code, node_id, created_at, expire_at
		FROM outbox WHERE account_id = ? AND session_id = ? ORDER BY seq DESC LIMIT 20`, acct, sess.ID)
	if err != nil {
		return v, fmt.Errorf("read the outbox: %w", err)
	}
	for rows.Next() {
		var m facesign.OutboxMessage
		var created, exp int64
		if err := rows.Scan(&m.ID, &m.To, &m.Channel, &m.Code, &m.NodeID, &created, &exp); err != nil {
			rows.Close()
			return v, err
		}
		m.SessionID = sess.ID
		m.CreatedAt, m.ExpireAt = facesign.NewTime(time.UnixMilli(created)), facesign.NewTime(time.UnixMilli(exp))
		v.Outbox = append(v.Outbox, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v, err
	}
	frows, err := q.QueryContext(ctx, `SELECT id, name, email FROM faces WHERE account_id = ? ORDER BY seq DESC LIMIT 50`, acct)
	if err != nil {
		return v, fmt.Errorf("read the faces: %w", err)
	}
	defer frows.Close()
	for frows.Next() {
		var f hosted.FaceChoice
		if err := frows.Scan(&f.ID, &f.Name, &f.Email); err != nil {
			return v, err
		}
		v.Faces = append(v.Faces, f)
	}
	return v, frows.Err()
}

// nodeInfo is what the page needs of a node's definition.
func nodeInfo(n *flow.Node) hosted.NodeInfo {
	ni := hosted.NodeInfo{AllowedDocumentTypes: n.AllowedDocumentTypes, CaptureInstructions: n.CaptureInstructions}
	switch n.Type {
	case flow.TypePermissions:
		ni.Camera, ni.Microphone = true, true
		if n.Permissions != nil {
			ni.Camera, ni.Microphone = n.Permissions.Camera, n.Permissions.Microphone
		}
	case flow.TypeLiveness, flow.TypeRecognition, flow.TypeFaceScan, flow.TypeDocumentScan:
		ni.Camera = true
	case flow.TypeConversation:
		ni.Microphone = true
	}
	if n.RequireLivenessChallenge != nil {
		ni.LivenessChallenge = *n.RequireLivenessChallenge
	}
	if n.SimilarityThreshold != nil {
		ni.SimilarityThreshold = *n.SimilarityThreshold
	}
	if n.Validation != nil {
		ni.Rules = 1
	}
	return ni
}

func (b pageBackend) Advance(ctx context.Context, secret string, step hosted.Step) (hosted.View, error) {
	s := b.s
	acct, id, err := s.secretSession(ctx, secret)
	if err != nil {
		return hosted.View{}, err
	}
	var st *runner.State
	var last hosted.LastStep
	sess, err := s.updateSession(ctx, acct, id, func(e *runner.Engine, cur *runner.State) (runner.Effects, error) {
		if cur.Current != step.NodeID {
			if cur.Status == facesign.StatusComplete || cur.Status == facesign.StatusCanceled {
				return runner.Effects{}, runner.ErrFinished
			}
			return runner.Effects{}, hosted.ErrStale
		}
		if step.Input.Screenshot != "" {
			if err := s.checkMediaRef(ctx, acct, id, step.NodeID, step.Input.Screenshot); err != nil {
				return runner.Effects{}, err
			}
		}
		res, err := e.Advance(ctx, cur, step.Input)
		if err != nil {
			return runner.Effects{}, err
		}
		recordControls(cur, res, step.Input)
		st, last = cur, hosted.LastStep{Path: res.Path, Message: res.Message}
		return res.Effects, nil
	})
	if err != nil {
		return hosted.View{}, err
	}
	// The view is built from the state just stored, and reads the step's own
	// writes (its outbox message, an enrolled face) now that they committed.
	v, err := s.pageView(ctx, s.db.r, acct, secret, sess, st)
	if err != nil {
		return hosted.View{}, err
	}
	v.Last = last
	return v, nil
}

// secretSession resolves a live secret to its account and session id.
func (s *Sandbox) secretSession(ctx context.Context, secret string) (int64, string, error) {
	acct, id, err := s.sessionForSecret(ctx, secret)
	if errors.Is(err, ErrSecretUnknown) && s.retired(ctx, secret) {
		return 0, "", hosted.ErrSecretReplaced
	}
	return acct, id, err
}

// recordControls keeps the Sandbox controls' choices for the node just
// resolved in its node report (under "sandboxControls"), so a report shows
// what decided each model's answer.
func recordControls(st *runner.State, res runner.StepResult, in runner.Input) {
	if len(res.Path) == 0 || len(st.NodeReports) == 0 {
		return
	}
	nr := &st.NodeReports[len(st.NodeReports)-1]
	if nr.NodeID != res.Path[0].NodeID {
		return
	}
	choice := map[string]any{}
	if raw, err := json.Marshal(in.Inputs); err == nil {
		_ = json.Unmarshal(raw, &choice)
	}
	if in.Outcome != "" {
		choice["outcome"] = in.Outcome
	}
	if len(choice) == 0 {
		return
	}
	rep := map[string]any{}
	for k, v := range nr.Report {
		rep[k] = v
	}
	rep["sandboxControls"] = choice
	nr.Report = rep
}

func (b pageBackend) Cancel(ctx context.Context, secret, reason string) (hosted.View, error) {
	row, err := b.s.secretRow(ctx, secret)
	if err != nil {
		return hosted.View{}, err
	}
	if reason == "" {
		reason = "userLeft"
	}
	_, err = b.s.updateSession(ctx, row.accountID, row.id, func(_ *runner.Engine, st *runner.State) (runner.Effects, error) {
		return runner.Cancel(st, reason, b.s.now())
	})
	if err != nil && !errors.Is(err, runner.ErrFinished) {
		return hosted.View{}, err
	}
	return b.View(ctx, secret)
}

// Limits on a session's media.
const (
	maxMediaPerSession = 40
	maxMediaBytes      = hosted.MaxUploadBytes
)

func (b pageBackend) SaveMedia(ctx context.Context, secret string, m hosted.Upload) (string, error) {
	s := b.s
	row, err := s.secretRow(ctx, secret)
	if err != nil {
		return "", err
	}
	if len(m.Data) > maxMediaBytes {
		return "", fmt.Errorf("%w: an image may have at most %d bytes", hosted.ErrMediaLimit, maxMediaBytes)
	}
	id := newID("med_")
	err = s.write(ctx, func(tx wtx) error {
		var st string
		var cur sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT status, json_extract(state, '$.current') FROM sessions WHERE seq = ?`, row.seq).Scan(&st, &cur); err != nil {
			return fmt.Errorf("read session %s: %w", row.id, err)
		}
		if st == string(facesign.StatusComplete) || st == string(facesign.StatusCanceled) {
			return runner.ErrFinished
		}
		if cur.String != m.NodeID {
			return hosted.ErrStale
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM media WHERE session_id = ?`, row.id).Scan(&n); err != nil {
			return err
		}
		if n >= maxMediaPerSession {
			return fmt.Errorf("%w: a session keeps at most %d images", hosted.ErrMediaLimit, maxMediaPerSession)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO media(id, account_id, session_id, node_id, kind, content_type, data, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, row.accountID, row.id, m.NodeID, m.Kind, m.ContentType, m.Data, s.nowMs())
		return err
	})
	if err != nil {
		return "", err
	}
	return hosted.MediaScheme + id, nil
}

// checkMediaRef accepts a screenshot reference only when it names an image
// this session stored at this node.
func (s *Sandbox) checkMediaRef(ctx context.Context, acct int64, sessionID, nodeID, ref string) error {
	id, ok := cutPrefix(ref, hosted.MediaScheme)
	if !ok {
		return fmt.Errorf("%w: screenshot %q is not a stored image", runner.ErrBadInput, ref)
	}
	var n int
	err := s.db.r.QueryRowContext(ctx, `SELECT 1 FROM media WHERE id = ? AND account_id = ? AND session_id = ? AND node_id = ?`,
		id, acct, sessionID, nodeID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: screenshot %q is not an image of this node", runner.ErrBadInput, ref)
	}
	return err
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) < len(p) || s[:len(p)] != p {
		return s, false
	}
	return s[len(p):], true
}

func (b pageBackend) Media(ctx context.Context, id string, exp int64, sig string) (string, []byte, error) {
	s := b.s
	if !s.media.valid(id, exp, sig, s.now()) {
		return "", nil, hosted.ErrMediaNotFound
	}
	var ct string
	var data []byte
	err := s.db.r.QueryRowContext(ctx, `SELECT content_type, data FROM media WHERE id = ?`, id).Scan(&ct, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, hosted.ErrMediaNotFound
	}
	return ct, data, err
}
