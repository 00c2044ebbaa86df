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

// Files an older version or another tool left readable are made owner-only on
// open: the data directory, the database, and the -wal and -shm files SQLite
// would reuse as they are.
func TestStoreTightensLoosePermissions(t *testing.T) {
	live := newEnv(t, nil)
	id := live.create(keyA, createBody("", nil))
	// What a crash leaves: the files as they are while open, the session
	// still in the -wal. (SQLite itself fixes the mode of an empty -wal or
	// -shm it opens, but not of one with content.)
	dir := t.TempDir()
	db := filepath.Join(dir, DBFile)
	for _, name := range []string{DBFile, DBFile + "-wal", DBFile + "-shm"} {
		raw, err := os.ReadFile(filepath.Join(live.cfg.DataDir, name))
		require.NoError(t, err)
		require.NotEmpty(t, raw, name)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), raw, 0o666))
		require.NoError(t, os.Chmod(filepath.Join(dir, name), 0o666)) // past the umask
	}
	require.NoError(t, os.Chmod(dir, 0o777))

	e := newEnv(t, func(c *Config) { c.DataDir = dir })
	mode := func(p string) os.FileMode {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		return fi.Mode().Perm()
	}
	assert.Equal(t, os.FileMode(0o777), mode(dir), "an existing data directory is the user's to set")
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		assert.Equal(t, os.FileMode(0o600), mode(p), p)
	}
	assert.Equal(t, http.StatusOK, e.do("GET", "/sessions/"+id, keyA, nil).status, "the store opened with its data")
}

// A data directory the store creates is the owner's alone, whatever the umask.
func TestStoreCreatesAPrivateDataDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "data")
	newEnv(t, func(c *Config) { c.DataDir = dir })
	fi, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm())
	fi, err = os.Stat(filepath.Join(dir, DBFile))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
}

// A symbolic link in place of the database is refused, not followed.
func TestStoreRefusesLinkedDatabase(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "elsewhere.db")
	require.NoError(t, os.WriteFile(target, nil, 0o644))
	require.NoError(t, os.Symlink(target, filepath.Join(dir, DBFile)))
	_, err := New(t.Context(), Config{DataDir: dir, Logger: quietLogger()})
	require.Error(t, err)
	assert.Equal(t, "sandbox: "+filepath.Join(dir, DBFile)+" is a symbolic link: the store holds webhook and client secrets, "+
		"so its files must be regular files in the data directory", err.Error())
	fi, err := os.Stat(target)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm(), "the link's target is left alone")
	assert.Zero(t, fi.Size())
}

// privateMode is the decision makePrivate acts on, whoever runs the tests
// (as root, no file is another user's).
func TestPrivateMode(t *testing.T) {
	const file = os.FileMode(0o600)
	for _, tc := range []struct {
		name  string
		mode  os.FileMode
		owned bool
		want  os.FileMode
		chmod bool
		err   string
	}{
		{"own file, private", 0o600, true, file, false, ""},
		{"own file, readable by all", 0o666, true, file, true, ""},
		{"own file, read-only", 0o400, true, file, true, ""},
		{"another's file, private to it", 0o600, false, file, false, ""},
		{"another's file, tighter still", 0o400, false, file, false, ""},
		{"another's file, group-readable", 0o640, false, file, false,
			"sandbox: /d/sandbox.db has mode 0640 and belongs to another user, so it cannot be made private (0600): " +
				"the store holds webhook and client secrets; have its owner chmod it, or use another data directory"},
		{"a link", os.ModeSymlink | 0o777, true, file, false,
			"sandbox: /d/sandbox.db is a symbolic link: the store holds webhook and client secrets, so its files must be regular files in the data directory"},
		{"a directory for a file", os.ModeDir | 0o700, true, file, false, "sandbox: /d/sandbox.db is not a regular file (mode drwx------)"},
		{"a pipe", os.ModeNamedPipe | 0o600, true, file, false, "sandbox: /d/sandbox.db is not a regular file (mode prw-------)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chmod, err := privateMode("/d/sandbox.db", tc.mode, tc.owned, tc.want)
			if tc.err != "" {
				require.EqualError(t, err, tc.err)
				assert.False(t, chmod)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.chmod, chmod)
		})
	}
}
