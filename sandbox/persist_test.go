package sandbox

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox/runner"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPersistenceAcrossReopen(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.WebhookRetryScale = 100 }) // retries far in the future: they stay pending
	rc := newReceiver(t, 1000)
	ep := e.register(keyA, rc.srv.URL)
	rc.setSecret(ep.Secret)

	r := e.do("POST", "/sessions", keyA, map[string]any{"flow": readFlow(t, "wire-transfer.json"), "clientReferenceId": "persist-1"})
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	var created facesign.CreateSessionResponse
	r.decode(t, &created)
	id, secret := created.Session.ID, created.ClientSecret.Secret
	done := e.create(keyA, createBody("done", map[string]string{"k": "v"}))
	require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+done+"/simulate", keyA, `{}`).status)

	// Walk the wire transfer partway through the hosted-page path: start, intro, liveness, the question.
	ctx := context.Background()
	for range 4 {
		_, _, err := e.sb.Advance(ctx, secret, runner.Input{Reply: "Yes, 500 to Initech, nobody asked me"})
		require.NoError(t, err)
	}
	pend, err := e.sb.Pending(ctx, secret)
	require.NoError(t, err)
	require.Equal(t, "otp", pend.NodeID)
	before := e.do("GET", "/sessions/"+id, keyA, nil)
	// Five events (two creates, processing and complete, processing), each tried
	// once: wait until every attempt is recorded, not only queued ("pending").
	require.Eventually(t, func() bool {
		ds := e.deliveries(keyA, ep.ID)
		for _, d := range ds {
			if d.State != stateRetrying {
				return false
			}
		}
		return len(ds) == 5
	}, 10*time.Second, 5*time.Millisecond)

	e.restart()

	// Sessions, their secret and their state are all there.
	after := e.do("GET", "/sessions/"+id, keyA, nil)
	assert.JSONEq(t, string(before.body), string(after.body))
	p := e.page(keyA, "search=Initech")
	assert.Equal(t, []string{id}, ids(p))
	assert.Equal(t, []string{done}, ids(e.page(keyA, "status=complete")))
	pend, err = e.sb.Pending(ctx, secret)
	require.NoError(t, err)
	assert.Equal(t, "otp", pend.NodeID, "the session resumes where it stood")
	var ob struct{ Outbox []facesign.OutboxMessage }
	e.do("GET", "/outbox", keyA, nil).decode(t, &ob)
	require.Len(t, ob.Outbox, 1)

	// Deliveries that were retrying are still queued.
	ds := e.deliveries(keyA, ep.ID)
	require.NotEmpty(t, ds)
	for _, d := range ds {
		assert.Equal(t, stateRetrying, d.State)
		assert.NotNil(t, d.NextRetry)
	}

	// Enter the code from the outbox: the session completes from where it was.
	code := ob.Outbox[0].Code
	if ob.Outbox[0].SessionID != id {
		code = ob.Outbox[1].Code
	}
	sess, step, err := e.sb.Advance(ctx, secret, runner.Input{OTPCode: &code})
	require.NoError(t, err)
	require.NotEmpty(t, step.Path)
	assert.Equal(t, "verified", step.Path[0].Outcome)
	for sess.Status != facesign.StatusComplete {
		sess, _, err = e.sb.Advance(ctx, secret, runner.Input{})
		require.NoError(t, err)
	}
	assert.NotNil(t, sess.Report)
}

func TestStoreFilesAreOwnerOnly(t *testing.T) {
	e := newEnv(t, nil)
	e.create(keyA, createBody("", nil))
	for _, name := range []string{DBFile, DBFile + "-wal"} {
		fi, err := os.Stat(filepath.Join(e.cfg.DataDir, name))
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), name)
	}
	// A newer schema than the code knows is refused, not silently used.
	e.stop()
	db, err := sql.Open("sqlite", filepath.Join(e.cfg.DataDir, DBFile))
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO schema_migrations(version, name) VALUES (999, 'future')`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	_, err = New(context.Background(), e.cfg)
	require.ErrorContains(t, err, "newer than this program")
}
