package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// storedSession is a session's row as the store holds it, with what its steps
// left behind: enough to tell whether a step was stored.
type storedSession struct {
	revision       int64
	status         string
	state, view    string
	events, outbox int
}

func (e *env) stored(id string) storedSession {
	e.t.Helper()
	ctx := context.Background()
	var s storedSession
	require.NoError(e.t, e.sb.db.r.QueryRowContext(ctx, `SELECT revision, status, state, view FROM sessions WHERE id = ?`, id).
		Scan(&s.revision, &s.status, &s.state, &s.view))
	require.NoError(e.t, e.sb.db.r.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE session_id = ?`, id).Scan(&s.events))
	require.NoError(e.t, e.sb.db.r.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE session_id = ?`, id).Scan(&s.outbox))
	return s
}

// events lists a session's webhook events (id, status) in the order they were stored.
func (e *env) events(id string) (ids, statuses []string) {
	e.t.Helper()
	rows, err := e.sb.db.r.QueryContext(context.Background(), `SELECT id, type, status FROM events WHERE session_id = ? ORDER BY seq`, id)
	require.NoError(e.t, err)
	defer rows.Close()
	for rows.Next() {
		var evID, typ, st string
		require.NoError(e.t, rows.Scan(&evID, &typ, &st))
		assert.Equal(e.t, facesign.EventSessionStatus, typ)
		ids, statuses = append(ids, evID), append(statuses, st)
	}
	require.NoError(e.t, rows.Err())
	return ids, statuses
}

func (e *env) secretOf(key, id string) string {
	e.t.Helper()
	var got facesign.GetSessionResponse
	e.do("GET", "/sessions/"+id, key, nil).decode(e.t, &got)
	require.NotEmpty(e.t, got.ClientSecret.Secret)
	return got.ClientSecret.Secret
}

// The hosted page steps a session node by node: it asks Pending what the node
// needs, and hands the user's answer to Advance. Each step is stored with its
// effects; a refused step stores nothing.
func TestAdvanceStepsASessionLikeTheHostedPage(t *testing.T) {
	e := newEnv(t, nil)
	rc := newReceiver(t, 0)
	ep := e.register(keyA, rc.srv.URL)
	rc.setSecret(ep.Secret)
	id := e.create(keyA, map[string]any{"flow": readFlow(t, "wire-transfer.json")})
	secret := e.secretOf(keyA, id)
	ctx := context.Background()

	wrong := "000000"
	var code string // read from the sandbox outbox once the OTP node sent it
	for _, st := range []struct {
		node    string
		need    runner.Need
		in      func() runner.Input
		status  facesign.Status
		path    []string // node:outcome taken
		message string
	}{
		{"start", runner.NeedBegin, func() runner.Input { return runner.Input{} }, facesign.StatusProcessing, []string{"start:"}, ""},
		{"intro", runner.NeedNothing, func() runner.Input { return runner.Input{} }, facesign.StatusProcessing, []string{"intro:next"}, ""},
		{"liveness", runner.NeedCapture, func() runner.Input { return runner.Input{Screenshot: "frame-1"} },
			facesign.StatusProcessing, []string{"liveness:livenessDetected"}, ""},
		{"confirm_transfer", runner.NeedReply, func() runner.Input {
			return runner.Input{Reply: "9,500 euros to Globex for the invoice, and nobody asked me to"}
		}, facesign.StatusProcessing, []string{"confirm_transfer:confirmed"}, ""},
		{"otp", runner.NeedCode, func() runner.Input { return runner.Input{OTPCode: &wrong} },
			facesign.StatusProcessing, nil, "wrong code, 2 attempts left"},
		{"otp", runner.NeedCode, func() runner.Input { return runner.Input{OTPCode: &code} },
			facesign.StatusProcessing, []string{"otp:verified"}, ""},
		{"done", runner.NeedNothing, func() runner.Input { return runner.Input{} }, facesign.StatusComplete, []string{"done:ok", "end:"}, ""},
	} {
		p, err := e.sb.Pending(ctx, secret)
		require.NoError(t, err)
		require.Equal(t, st.node, p.NodeID, "the page is at the node the session stands at")
		require.Equal(t, st.need, p.Need, "node %s", st.node)
		if p.Need == runner.NeedCode {
			require.NotNil(t, p.OTP)
			if code == "" {
				var ob struct{ Outbox []facesign.OutboxMessage }
				e.do("GET", "/outbox", keyA, nil).decode(t, &ob)
				require.Len(t, ob.Outbox, 1, "the OTP node sent one code to the sandbox outbox")
				code = ob.Outbox[0].Code
				require.NotEqual(t, wrong, code)
			}
		}
		before := e.stored(id)

		sess, res, err := e.sb.Advance(ctx, secret, st.in())
		require.NoError(t, err, "node %s", st.node)
		var path []string
		for _, s := range res.Path {
			path = append(path, s.NodeID+":"+s.Outcome)
		}
		assert.Equal(t, st.path, path, "node %s", st.node)
		assert.Equal(t, st.message, res.Message)
		assert.Equal(t, id, sess.ID)
		assert.Equal(t, st.status, sess.Status)

		// The step is stored: once, with the session the caller was given.
		after := e.stored(id)
		assert.Equal(t, before.revision+1, after.revision, "node %s", st.node)
		assert.Equal(t, string(st.status), after.status)
		var got facesign.GetSessionResponse
		e.do("GET", "/sessions/"+id, keyA, nil).decode(t, &got)
		assert.Equal(t, sess.Status, got.Session.Status)
		given, err := json.Marshal(sess)
		require.NoError(t, err)
		held, err := json.Marshal(got.Session)
		require.NoError(t, err)
		assert.JSONEq(t, string(held), string(given), "Advance answers with the session as stored")
	}

	// One event per status change, none for the steps in between, delivered.
	evIDs, statuses := e.events(id)
	assert.Equal(t, []string{"requiresInput", "processing", "complete"}, statuses)
	require.Eventually(t, func() bool { return len(rc.received()) == len(evIDs) }, 15*time.Second, 5*time.Millisecond)
	var delivered []string
	for _, ev := range rc.received() {
		assert.Equal(t, id, ev.SessionID)
		delivered = append(delivered, ev.ID)
	}
	assert.ElementsMatch(t, evIDs, delivered)

	var final facesign.GetSessionResponse
	e.do("GET", "/sessions/"+id, keyA, nil).decode(t, &final)
	require.NotNil(t, final.Session.Report)
	assert.NotNil(t, final.Session.FinishedAt)
	require.NotNil(t, final.Session.Report.IsVerified)
	assert.True(t, *final.Session.Report.IsVerified, "every check took its success outcome")
	var reported []string
	for _, nr := range final.Session.Report.NodeReports {
		reported = append(reported, nr.NodeID)
	}
	assert.Equal(t, []string{"intro", "liveness", "confirm_transfer", "otp", "done"}, reported)

	// A finished session takes no more steps, and nothing is stored.
	p, err := e.sb.Pending(ctx, secret)
	require.NoError(t, err)
	assert.Equal(t, runner.NeedNone, p.Need)
	before := e.stored(id)
	_, res, err := e.sb.Advance(ctx, secret, runner.Input{})
	assert.ErrorIs(t, err, runner.ErrFinished)
	assert.Empty(t, res.Path)
	assert.Equal(t, before, e.stored(id))
}

// A step the page cannot take is refused with the sentinel the page tells the
// user by, and leaves the stored session exactly as it was.
func TestAdvanceRefusals(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) { c.Clock = clock.Now })
	ctx := context.Background()
	id := e.create(keyA, map[string]any{"flow": readFlow(t, "wire-transfer.json")})
	secret := e.secretOf(keyA, id)
	for range 2 { // start, intro: the session stands at liveness
		_, _, err := e.sb.Advance(ctx, secret, runner.Input{})
		require.NoError(t, err)
	}
	for _, tc := range []struct {
		name   string
		secret string
		in     runner.Input
		want   error
	}{
		{"unknown secret", "cs_nope", runner.Input{}, ErrSecretUnknown},
		{"empty secret", "", runner.Input{}, ErrSecretUnknown},
		{"an outcome the node does not have", secret, runner.Input{Outcome: "teleported"}, runner.ErrBadInput},
		{"an outcome of another node", secret, runner.Input{Outcome: "verified"}, runner.ErrBadInput},
		{"a control out of its range", secret, runner.Input{Inputs: runner.Inputs{Liveness: "maybe"}}, runner.ErrBadInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.stored(id)
			sess, res, err := e.sb.Advance(ctx, tc.secret, tc.in)
			require.ErrorIs(t, err, tc.want)
			assert.Empty(t, sess.ID)
			assert.Equal(t, runner.StepResult{}, res)
			assert.Equal(t, before, e.stored(id), "a refused step stores nothing")
			p, err := e.sb.Pending(ctx, secret)
			require.NoError(t, err)
			assert.Equal(t, "liveness", p.NodeID)
		})
	}

	// The wrong input named, then the right one taken.
	_, _, err := e.sb.Advance(ctx, secret, runner.Input{Outcome: "teleported"})
	assert.ErrorContains(t, err, "teleported")
	_, res, err := e.sb.Advance(ctx, secret, runner.Input{Outcome: "deepfakeDetected"})
	require.NoError(t, err)
	require.Len(t, res.Path, 1)
	assert.Equal(t, "deepfakeDetected", res.Path[0].Outcome)

	// A refreshed secret replaces the old one at once; an hour later it has expired.
	r := e.do("GET", "/sessions/"+id+"/refresh", keyA, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	fresh := e.secretOf(keyA, id)
	before := e.stored(id)
	_, _, err = e.sb.Advance(ctx, secret, runner.Input{})
	assert.ErrorIs(t, err, ErrSecretUnknown)
	clock.Advance(time.Hour)
	_, _, err = e.sb.Advance(ctx, fresh, runner.Input{})
	assert.ErrorIs(t, err, ErrSecretExpired)
	_, err = e.sb.Pending(ctx, fresh)
	assert.ErrorIs(t, err, ErrSecretExpired)
	assert.Equal(t, before, e.stored(id))
}

// When the store refuses a step the engine took, the caller is not told of a
// step that did not happen, and the session stays where it was.
func TestAdvanceStoreFailureReportsNoStep(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id := e.create(keyA, map[string]any{"flow": readFlow(t, "wire-transfer.json")})
	secret := e.secretOf(keyA, id)
	for _, in := range []runner.Input{{}, {}, {}, {Reply: "9,500 euros to Globex, nobody asked me to"}} {
		_, _, err := e.sb.Advance(ctx, secret, in)
		require.NoError(t, err)
	}
	p, err := e.sb.Pending(ctx, secret)
	require.NoError(t, err)
	require.Equal(t, "otp", p.NodeID)
	_, res, err := e.sb.Advance(ctx, secret, runner.Input{}) // the right code: the engine leaves the OTP node
	require.NoError(t, err)
	require.NotEmpty(t, res.Path)

	// The next session's OTP step cannot store its outbox message.
	id2 := e.create(keyA, map[string]any{"flow": readFlow(t, "wire-transfer.json")})
	secret2 := e.secretOf(keyA, id2)
	for _, in := range []runner.Input{{}, {}, {}} {
		_, _, err := e.sb.Advance(ctx, secret2, in)
		require.NoError(t, err)
	}
	require.NoError(t, e.sb.write(ctx, func(tx wtx) error {
		_, err := tx.ExecContext(ctx, `CREATE TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox full'); END`)
		return err
	}))
	before := e.stored(id2)
	sess, res, err := e.sb.Advance(ctx, secret2, runner.Input{Reply: "9,500 euros to Globex, nobody asked me to"})
	require.ErrorContains(t, err, "outbox full")
	assert.Empty(t, sess.ID)
	assert.Equal(t, runner.StepResult{}, res, "no step, no effects (no OTP code) for a step that was not stored")
	assert.Equal(t, before, e.stored(id2))
}

// Pending answers from one read of the store: the secret's check and the
// session it names come from the same snapshot.
func TestPendingReadsOnce(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id := e.create(keyA, map[string]any{"flow": readFlow(t, "wire-transfer.json")})
	secret := e.secretOf(keyA, id)
	_, _, err := e.sb.Advance(ctx, secret, runner.Input{})
	require.NoError(t, err)

	// The counter sees every read of the pool: this account has no webhook
	// endpoint, so the sender (whose claims read it too) stays idle meanwhile.
	before := e.sb.db.r.reads.Load()
	p, err := e.sb.Pending(ctx, secret)
	require.NoError(t, err)
	assert.Equal(t, int64(1), e.sb.db.r.reads.Load()-before)
	assert.Equal(t, "intro", p.NodeID)
	assert.Equal(t, runner.NeedNothing, p.Need)

	for _, tc := range []struct {
		secret string
		want   error
	}{{"cs_nope", ErrSecretUnknown}, {"", ErrSecretUnknown}} {
		_, err := e.sb.Pending(ctx, tc.secret)
		assert.ErrorIs(t, err, tc.want)
	}
}
