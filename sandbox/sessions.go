package sandbox

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/sandbox/hosted"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// Errors of SessionBySecret.
var (
	ErrSecretUnknown = hosted.ErrSecretUnknown
	ErrSecretExpired = hosted.ErrSecretExpired
)

// statusRank orders statuses along the lifecycle, for sortBy=status: the
// index in facesign.Statuses(), which TestStatusRank holds this to. A switch,
// because looping over Statuses() stays off the heap only while the compiler
// inlines that function here, and every write computes a rank.
func statusRank(st facesign.Status) int {
	switch st {
	case facesign.StatusRequiresInput:
		return 0
	case facesign.StatusProcessing:
		return 1
	case facesign.StatusComplete:
		return 2
	case facesign.StatusCanceled:
		return 3
	}
	return 4 // unknown statuses sort last
}

// Hot write statements, prepared once on the writer connection (see prepared).
const (
	sqlInsertSession = `INSERT INTO sessions(id, account_id, created_at, started_at, finished_at, finished_sort,
		status, status_rank, client_reference_id, flow_id, settings, state, last_activity_at, view)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`
	sqlInsertSearch = `INSERT INTO session_search(rowid, body) VALUES (?, ?)`
	sqlInsertSecret = `INSERT INTO client_secrets(session_seq, secret, created_at, expire_at) VALUES (?, ?, ?, ?)`
	sqlLoadSession  = `SELECT seq, id, account_id, created_at, settings, state, revision, view FROM sessions WHERE id = ? AND account_id = ?`
	sqlSaveSession  = `UPDATE sessions SET started_at = ?, finished_at = ?, finished_sort = ?, status = ?, status_rank = ?,
		state = ?, last_activity_at = ?, view = ?, revision = revision + 1 WHERE seq = ? AND revision = ?`
	// A GET's session with its current secret; the runner state only when the
	// session has no stored view to answer with (rows from before migration 2).
	sqlGetSession = `SELECT s.seq, s.id, s.account_id, s.created_at, s.settings, CASE WHEN s.view = '' THEN s.state ELSE '' END,
		s.revision, s.view, c.secret, c.created_at, c.expire_at
		FROM sessions s LEFT JOIN client_secrets c ON c.session_seq = s.seq WHERE s.id = ? AND s.account_id = ?`
	sqlSessionBySecret = `SELECT s.seq, s.id, s.account_id, s.created_at, s.settings, s.state, s.revision, s.view, c.expire_at
		FROM client_secrets c JOIN sessions s ON s.seq = c.session_seq WHERE c.secret = ?`
	sqlSessionForSecret = `SELECT s.account_id, s.id, c.expire_at FROM client_secrets c JOIN sessions s ON s.seq = c.session_seq WHERE c.secret = ?`
	sqlUpdateSearch     = `UPDATE session_search SET body = ? WHERE rowid = ?`
	sqlInsertEvent      = `INSERT INTO events(id, account_id, session_id, type, status, created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`
	sqlHasEndpoints     = `SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE account_id = ? AND deleted_at IS NULL)`
	sqlQueueDeliveries  = `INSERT INTO deliveries(id, event_seq, endpoint_seq, state, next_attempt_at, created_at)
		SELECT 'dlv_' || lower(hex(randomblob(12))), ?, seq, ?, ?, ? FROM webhook_endpoints WHERE account_id = ? AND deleted_at IS NULL`
)

var hotStatements = []string{sqlInsertSession, sqlInsertSearch, sqlInsertSecret, sqlLoadSession, sqlSaveSession,
	sqlUpdateSearch, sqlInsertEvent, sqlHasEndpoints, sqlQueueDeliveries}

// prepared is the writer's statement cache. Statements are prepared on the
// single writer connection before the group writer starts, and bound to each
// transaction with Tx.StmtContext, which reuses them on that connection.
type prepared map[string]*sql.Stmt

func prepareAll(ctx context.Context, db *sql.DB, queries []string) (prepared, error) {
	p := prepared{}
	for _, q := range queries {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			p.close()
			return nil, fmt.Errorf("sandbox: prepare: %w", err)
		}
		p[q] = st
	}
	return p, nil
}

func (p prepared) close() {
	for _, st := range p {
		st.Close()
	}
}

// wtx is a write transaction that runs hot statements prepared.
type wtx struct {
	*sql.Tx
	p      prepared
	search *pendingSearch
	// changes counts the statements run that may have changed the database,
	// so that the writer knows whether a failed write left anything to undo.
	changes *int
}

// A write's statements never see its caller's cancellation: SQLite answers an
// interrupted INSERT, UPDATE or DELETE inside a transaction by rolling the whole
// transaction back, which would take the batch's other writes with it. Once
// queued, a write runs to its verdict.

func (t wtx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx = context.WithoutCancel(ctx)
	t.count(q)
	if st, ok := t.p[q]; ok {
		return t.Tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, q, args...)
}

func (t wtx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	ctx = context.WithoutCancel(ctx)
	t.count(q)
	if st, ok := t.p[q]; ok {
		return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, q, args...)
}

func (t wtx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	t.count(q)
	return t.Tx.QueryContext(context.WithoutCancel(ctx), q, args...)
}

// Exec and QueryRow without a context are counted too.
func (t wtx) Exec(q string, args ...any) (sql.Result, error) {
	return t.ExecContext(context.Background(), q, args...)
}

func (t wtx) QueryRow(q string, args ...any) *sql.Row {
	return t.QueryRowContext(context.Background(), q, args...)
}

func (t wtx) Query(q string, args ...any) (*sql.Rows, error) {
	return t.QueryContext(context.Background(), q, args...)
}

func (t wtx) count(q string) {
	if t.changes != nil && changesData(q) {
		*t.changes++
	}
}

// sessionRow is a session as stored.
type sessionRow struct {
	seq       int64
	id        string
	accountID int64
	createdAt int64
	settings  []byte
	state     []byte
	revision  int64
	rendered  []byte // the wire JSON, or empty when not rendered yet
}

// settingsJSON returns the session's encoded settings. Rows rendered since
// migration 2 keep them only inside the rendered session (halving what each
// write stores); older rows have them in their own column. The first call
// keeps what it dug out, so a simulate (view, then saveState) parses once.
func (row *sessionRow) settingsJSON() ([]byte, error) {
	if len(row.settings) > 0 {
		return row.settings, nil
	}
	var v struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := json.Unmarshal(row.rendered, &v); err != nil || len(v.Settings) == 0 {
		return nil, fmt.Errorf("session %s: no stored settings", row.id)
	}
	row.settings = v.Settings
	return v.Settings, nil
}

// wire returns the session's wire JSON: the stored rendering, or one made now.
func (row *sessionRow) wire() (json.RawMessage, error) {
	if len(row.rendered) > 0 {
		return row.rendered, nil
	}
	sess, _, err := row.view()
	if err != nil {
		return nil, err
	}
	return json.Marshal(sess)
}

// view builds the wire session from the stored settings and runner state.
func (row *sessionRow) view() (facesign.Session, *runner.State, error) {
	var sess facesign.Session
	settings, err := row.settingsJSON()
	if err != nil {
		return sess, nil, err
	}
	if err := json.Unmarshal(settings, &sess.Settings); err != nil {
		return sess, nil, fmt.Errorf("session %s: stored settings: %w", row.id, err)
	}
	st, err := row.runnerState(&sess.Settings)
	if err != nil {
		return sess, nil, fmt.Errorf("session %s: %w", row.id, err)
	}
	if len(st.Flow) == 0 {
		st.Flow = sess.Settings.Flow // stored once, in the settings
	}
	sess.ID = row.id
	sess.CreatedAt = facesign.NewTime(time.UnixMilli(row.createdAt))
	sess.Version = facesign.APIVersion
	st.Apply(&sess)
	return sess, st, nil
}

// runnerState decodes the stored runner state. A session stored by a create
// and never stepped since has none (state ”): its state is what starting
// its flow gives, made again here. Not storing it keeps a new session's row
// under half a page (its 240 bytes made the wire-transfer sample's 1.9 KB row
// take a 4 KB page of its own), and spares a create its encoding.
func (row *sessionRow) runnerState(set *facesign.Settings) (*runner.State, error) {
	if len(row.state) > 0 {
		return decodeState(row.state)
	}
	created := time.UnixMilli(row.createdAt).UTC()
	st, _, err := runner.New(runner.Config{Now: func() time.Time { return created }}).Start(row.id, *set)
	if err != nil {
		return nil, fmt.Errorf("start state: %w", err)
	}
	return st, nil
}

// renderSession encodes the wire session, splicing in its settings already
// encoded: the flow, the bulk of a session, is encoded once per session, not
// once per write.
func renderSession(sess *facesign.Session, settings []byte) ([]byte, error) {
	c := *sess
	c.Settings = facesign.Settings{}
	raw, err := json.Marshal(&c)
	if err != nil {
		return nil, fmt.Errorf("encode session %s: %w", sess.ID, err)
	}
	// Every Settings field is omitempty, so the zero value encodes as {}; ids,
	// times and statuses before it cannot contain this text.
	const empty = `"settings":{}`
	i := bytes.Index(raw, []byte(empty))
	if i < 0 {
		return nil, fmt.Errorf("encode session %s: no settings in %.80s", sess.ID, raw)
	}
	out := make([]byte, 0, len(raw)+len(settings))
	out = append(out, raw[:i+len(empty)-2]...)
	out = append(out, settings...)
	return append(out, raw[i+len(empty):]...), nil
}

// encodeState stores the runner state without its flow, which the session's
// settings already hold: half the bytes per write.
func encodeState(st *runner.State) ([]byte, error) {
	c := *st
	c.Flow = flow.Flow{} // "flow": [], restored from the settings on load
	raw, err := json.Marshal(&c)
	if err != nil {
		return nil, fmt.Errorf("encode runner state: %w", err)
	}
	return raw, nil
}

func decodeState(raw []byte) (*runner.State, error) {
	var st runner.State
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, fmt.Errorf("stored runner state: %w", err)
	}
	if st.Version != runner.StateVersion {
		return nil, fmt.Errorf("stored runner state has version %d; this sandbox runs version %d", st.Version, runner.StateVersion)
	}
	return &st, nil
}

// searchBody is the text free-text search looks in: id, clientReferenceId,
// metadata values and the transcript.
func searchBody(id string, set *facesign.Settings, st *runner.State) string {
	var b strings.Builder
	b.WriteString(id)
	b.WriteByte('\n')
	b.WriteString(set.ClientReferenceID)
	for _, v := range set.Metadata {
		b.WriteByte('\n')
		b.WriteString(v)
	}
	for _, l := range st.Transcript {
		b.WriteByte('\n')
		b.WriteString(l.Text)
	}
	return b.String()
}

func msPtr(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// encodedSession is a new session encoded for the store, prepared outside the
// writer so that the single write connection only does SQL. Its runner state
// is not stored: see runnerState.
type encodedSession struct {
	settings, view []byte
	search         string
}

func encodeSession(ns *newSession, st *runner.State) (*encodedSession, error) {
	settings, err := encodeSettings(ns)
	if err != nil {
		return nil, err
	}
	enc := &encodedSession{settings: settings, search: searchBody(st.SessionID, &ns.settings, st)}
	if err := enc.restamp(ns, st); err != nil {
		return nil, err
	}
	return enc, nil
}

// encodeSettings encodes the settings with the flow already encoded by
// decodeCreate spliced in first.
func encodeSettings(ns *newSession) ([]byte, error) {
	if ns.flowJSON == nil {
		raw, err := json.Marshal(ns.settings)
		if err != nil {
			return nil, fmt.Errorf("encode settings: %w", err)
		}
		return raw, nil
	}
	rest := ns.settings
	rest.Flow = nil
	raw, err := json.Marshal(rest)
	if err != nil {
		return nil, fmt.Errorf("encode settings: %w", err)
	}
	out := make([]byte, 0, len(raw)+len(ns.flowJSON)+10)
	out = append(out, `{"flow":`...)
	out = append(out, ns.flowJSON...)
	if len(raw) > 2 { // raw is "{...}" or "{}"
		out = append(out, ',')
	}
	return append(out, raw[1:]...), nil
}

// restamp encodes the part that carries the session's times: the view.
func (enc *encodedSession) restamp(ns *newSession, st *runner.State) error {
	sess := &facesign.Session{ID: st.SessionID, CreatedAt: facesign.NewTime(st.CreatedAt), Version: facesign.APIVersion}
	st.Apply(sess)
	view, err := renderSession(sess, enc.settings)
	if err != nil {
		return err
	}
	enc.view = view
	return nil
}

// insertSession stores a new session, its secret, its search text and the
// effects of its start, in tx. Creation times never decrease in insertion
// order (a session stamped before one that reached the writer first takes
// that one's time, and enc is re-encoded), so that insertion order is
// createdAt order and a search can walk the index in rowid order.
func (s *Sandbox) insertSession(ctx context.Context, tx wtx, a account, ns *newSession, st *runner.State, enc *encodedSession, eff runner.Effects, secret *facesign.ClientSecret) error {
	created := st.CreatedAt.UnixMilli()
	if created < s.lastCreated {
		created = s.lastCreated
		st.CreatedAt = time.UnixMilli(created).UTC()
		// Only the time changed: the settings (the flow) keep their encoding.
		if err := enc.restamp(ns, st); err != nil {
			return err
		}
	}
	s.lastCreated = created
	var seq int64
	err := tx.QueryRowContext(ctx, sqlInsertSession,
		st.SessionID, a.id, created, msPtr(st.StartedAt), msPtr(st.FinishedAt), finishedSort(st),
		string(st.Status), statusRank(st.Status), ns.settings.ClientReferenceID, ns.flowID, "", "", created, enc.view).Scan(&seq)
	if err != nil {
		return fmt.Errorf("insert session: %w", err)
	}
	tx.search.ops = append(tx.search.ops, searchOp{seq: seq, body: enc.search})
	if _, err := tx.ExecContext(ctx, sqlInsertSecret, seq, secret.Secret, secret.CreatedAt.UnixMilli(), secret.ExpireAt.UnixMilli()); err != nil {
		return fmt.Errorf("insert client secret: %w", err)
	}
	return s.applyEffects(ctx, tx, a.id, st.SessionID, eff)
}

func finishedSort(st *runner.State) int64 {
	if st.FinishedAt == nil {
		return 0
	}
	return st.FinishedAt.UnixMilli()
}

// newSecret makes a client secret for a session, living SecretTTL: 32 bytes,
// the first 6 the time in milliseconds and 26 (208 bits) random. The time
// makes the secrets' UNIQUE index grow at its right edge: a random secret
// dirtied a random page of it on every create (1.4 of a create's 13 WAL
// pages). It tells whoever holds the secret only when the session was made,
// which the session itself says.
func (s *Sandbox) newSecret() facesign.ClientSecret {
	now := s.now()
	sec := orderedToken("cs_", 32, now)
	return facesign.ClientSecret{
		Secret:    sec,
		CreatedAt: facesign.NewTime(now),
		ExpireAt:  facesign.NewTime(now.Add(s.cfg.SecretTTL)),
		URL:       s.cfg.PublicURL + "/verify?client_secret=" + sec,
	}
}

// loadSession reads one session of the account; another account's session is
// not found, exactly like a missing one.
func loadSession(ctx context.Context, q querier, acct int64, id string) (*sessionRow, error) {
	row := &sessionRow{}
	err := q.QueryRowContext(ctx, sqlLoadSession, id, acct).
		Scan(&row.seq, &row.id, &row.accountID, &row.createdAt, &row.settings, &row.state, &row.revision, &row.rendered)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("session", id)
	}
	if err != nil {
		return nil, fmt.Errorf("load session %s: %w", id, err)
	}
	return row, nil
}

// getSessionWithSecret reads a session of the account for GET, with its
// current client secret, in one prepared query on the read pool.
func (s *Sandbox) getSessionWithSecret(ctx context.Context, acct int64, id string) (*sessionRow, facesign.ClientSecret, error) {
	row := &sessionRow{}
	var sec sql.NullString
	var created, expire sql.NullInt64
	err := s.db.r.QueryRowContext(ctx, sqlGetSession, id, acct).
		Scan(&row.seq, &row.id, &row.accountID, &row.createdAt, &row.settings, &row.state, &row.revision, &row.rendered, &sec, &created, &expire)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, facesign.ClientSecret{}, notFound("session", id)
	}
	if err != nil {
		return nil, facesign.ClientSecret{}, fmt.Errorf("load session %s: %w", id, err)
	}
	if !sec.Valid {
		return nil, facesign.ClientSecret{}, fmt.Errorf("load session %s: it has no client secret", id)
	}
	return row, s.clientSecret(sec.String, created.Int64, expire.Int64), nil
}

func (s *Sandbox) clientSecret(sec string, created, expire int64) facesign.ClientSecret {
	return facesign.ClientSecret{Secret: sec, CreatedAt: facesign.NewTime(time.UnixMilli(created)),
		ExpireAt: facesign.NewTime(time.UnixMilli(expire)), URL: s.cfg.PublicURL + "/verify?client_secret=" + sec}
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// updateSession runs fn on a session's state inside one write transaction and
// stores the new state with its effects. fn gets the engine bound to the
// account's faces; it must leave st unchanged when it fails (the runner does).
func (s *Sandbox) updateSession(ctx context.Context, acct int64, id string, fn func(e *runner.Engine, st *runner.State) (runner.Effects, error)) (facesign.Session, error) {
	var sess facesign.Session
	err := s.write(ctx, func(tx wtx) error {
		row, err := loadSession(ctx, tx, acct, id)
		if err != nil {
			return err
		}
		cur, st, err := row.view()
		if err != nil {
			return err
		}
		eng := s.engine(tx, acct)
		eff, err := fn(eng, st)
		if err != nil {
			return err
		}
		st.Apply(&cur)
		if err := s.saveState(ctx, tx, row, &cur, st, eff); err != nil {
			return err
		}
		sess = cur
		return nil
	})
	if err == nil {
		s.nudgeSender()
	}
	return sess, err
}

func (s *Sandbox) saveState(ctx context.Context, tx wtx, row *sessionRow, sess *facesign.Session, st *runner.State, eff runner.Effects) error {
	state, err := encodeState(st)
	if err != nil {
		return err
	}
	settings, err := row.settingsJSON()
	if err != nil {
		return err
	}
	view, err := renderSession(sess, settings)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, sqlSaveSession,
		msPtr(st.StartedAt), msPtr(st.FinishedAt), finishedSort(st), string(st.Status), statusRank(st.Status),
		state, s.nowMs(), view, row.seq, row.revision)
	if err != nil {
		return fmt.Errorf("save session %s: %w", row.id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("save session %s: changed concurrently", row.id)
	}
	tx.search.ops = append(tx.search.ops, searchOp{seq: row.seq, body: searchBody(row.id, &sess.Settings, st), update: true})
	return s.applyEffects(ctx, tx, row.accountID, row.id, eff)
}

// applyEffects persists what a runner step produced: one webhook event (and its
// deliveries) per status change, outbox messages and enrolled faces.
func (s *Sandbox) applyEffects(ctx context.Context, tx wtx, acct int64, sessionID string, eff runner.Effects) error {
	for _, ch := range eff.StatusChanges {
		if err := s.queueEvent(ctx, tx, acct, sessionID, ch); err != nil {
			return err
		}
	}
	for _, m := range eff.Outbox {
		if m.ID == "" {
			m.ID = newID("msg_")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox(id, account_id, recipient, channel, code, session_id, node_id, created_at, expire_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.ID, acct, m.To, m.Channel, m.Code, sessionID, m.NodeID,
			timeMs(m.CreatedAt, s.now()), timeMs(m.ExpireAt, s.now())); err != nil {
			return fmt.Errorf("insert outbox message: %w", err)
		}
	}
	for _, f := range eff.Enrolled {
		if f.ID == "" {
			f.ID = newID("face_")
		}
		if f.SessionID == "" {
			f.SessionID = sessionID
		}
		k := keysOf(f)
		if _, err := tx.ExecContext(ctx, `INSERT INTO faces(id, account_id, name, email, phone, company, job_title, enrolled_at, session_id,
			email_key, name_key, phone_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.ID, acct, f.Name, f.Email, f.Phone, f.Company, f.JobTitle,
			timeMs(f.EnrolledAt, s.now()), f.SessionID, k.email, k.name, k.phone); err != nil {
			return fmt.Errorf("enrol face: %w", err)
		}
	}
	return nil
}

func timeMs(t facesign.Time, fallback time.Time) int64 {
	if t.IsZero() {
		return fallback.UnixMilli()
	}
	return t.UnixMilli()
}

// SessionBySecret finds the session a hosted-page secret belongs to. It fails
// with ErrSecretUnknown (never issued, or replaced by a refresh) or
// ErrSecretExpired.
func (s *Sandbox) SessionBySecret(ctx context.Context, secret string) (facesign.Session, error) {
	row, err := s.rowBySecret(ctx, secret)
	if err != nil {
		return facesign.Session{}, err
	}
	sess, _, err := row.view()
	return sess, err
}

// rowBySecret reads the session of a live hosted-page secret, in one query.
func (s *Sandbox) rowBySecret(ctx context.Context, secret string) (*sessionRow, error) {
	row := &sessionRow{}
	var expire int64
	err := s.db.r.QueryRowContext(ctx, sqlSessionBySecret, secret).
		Scan(&row.seq, &row.id, &row.accountID, &row.createdAt, &row.settings, &row.state, &row.revision, &row.rendered, &expire)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrSecretUnknown
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: look up client secret: %w", err)
	}
	if s.nowMs() >= expire {
		return nil, ErrSecretExpired
	}
	return row, nil
}

// sessionForSecret resolves a live hosted-page secret to its account and session id.
func (s *Sandbox) sessionForSecret(ctx context.Context, secret string) (int64, string, error) {
	var acct, expire int64
	var id string
	err := s.db.r.QueryRowContext(ctx, sqlSessionForSecret, secret).
		Scan(&acct, &id, &expire)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", ErrSecretUnknown
	}
	if err != nil {
		return 0, "", fmt.Errorf("sandbox: look up client secret: %w", err)
	}
	if s.nowMs() >= expire {
		return 0, "", ErrSecretExpired
	}
	return acct, id, nil
}

// Advance resolves the current node of the session a hosted-page secret belongs
// to with the user's input, through the same engine as simulate, and stores the
// step with its effects (webhook events, outbox, enrolled faces) atomically.
// It fails with ErrSecretUnknown, ErrSecretExpired, or the runner's
// ErrFinished or ErrBadInput (the input does not fit the node); on any error
// nothing is stored and no step is returned.
func (s *Sandbox) Advance(ctx context.Context, secret string, in runner.Input) (facesign.Session, runner.StepResult, error) {
	acct, id, err := s.sessionForSecret(ctx, secret)
	if err != nil {
		return facesign.Session{}, runner.StepResult{}, err
	}
	var res runner.StepResult
	sess, err := s.updateSession(ctx, acct, id, func(e *runner.Engine, st *runner.State) (runner.Effects, error) {
		r, err := e.Advance(ctx, st, in)
		res = r
		return r.Effects, err
	})
	if err != nil {
		// The engine may have taken the step before the store refused it: the
		// page must not show a step (or an OTP code) that did not happen.
		return facesign.Session{}, runner.StepResult{}, err
	}
	return sess, res, nil
}

// Pending says what the current node of a secret's session needs from the user.
func (s *Sandbox) Pending(ctx context.Context, secret string) (runner.Pending, error) {
	row, err := s.rowBySecret(ctx, secret)
	if err != nil {
		return runner.Pending{}, err
	}
	_, st, err := row.view()
	if err != nil {
		return runner.Pending{}, err
	}
	return s.engine(s.db.r, row.accountID).Pending(st), nil
}
