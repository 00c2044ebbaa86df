package sandbox

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A refresh replaces only the named session's secret, and only within the
// caller's account: another account's session is as missing as a missing one.
func TestRefreshSecretOnlyTheCallersSession(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) { c.Clock = clock.Now })
	ctx := context.Background()
	mine := e.create(keyA, createBody("", nil))
	other := e.create(keyA, createBody("", nil))
	theirs := e.create(keyB, createBody("", nil))
	secrets := map[string]string{mine: e.secretOf(keyA, mine), other: e.secretOf(keyA, other), theirs: e.secretOf(keyB, theirs)}
	activity := func(id string) int64 {
		var ms int64
		require.NoError(t, e.sb.db.r.QueryRowContext(ctx, `SELECT last_activity_at FROM sessions WHERE id = ?`, id).Scan(&ms))
		return ms
	}
	before := map[string]int64{mine: activity(mine), other: activity(other), theirs: activity(theirs)}
	clock.Advance(time.Minute)

	for _, tc := range []struct{ name, key, id string }{
		{"another account's session", keyA, theirs},
		{"a missing session", keyA, "ses_missing"},
		{"the other account's key on mine", keyB, mine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			er := e.do("GET", "/sessions/"+tc.id+"/refresh", tc.key, nil).apiErr(t, http.StatusNotFound, "not_found_error")
			assert.Equal(t, "resource_missing", er["code"])
			assert.Equal(t, `no such session: "`+tc.id+`"`, er["message"])
		})
	}
	for id, sec := range secrets {
		_, err := e.sb.SessionBySecret(ctx, sec)
		require.NoError(t, err, "a refused refresh leaves every secret working")
		assert.Equal(t, before[id], activity(id), "and every session untouched")
	}

	r := e.do("GET", "/sessions/"+mine+"/refresh", keyA, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	fresh := r.json(t)["clientSecret"].(map[string]any)["secret"].(string)
	assert.Equal(t, fresh, e.secretOf(keyA, mine))
	_, err := e.sb.SessionBySecret(ctx, secrets[mine])
	assert.ErrorIs(t, err, ErrSecretUnknown)
	assert.Equal(t, clock.Now().UnixMilli(), activity(mine), "a fresh secret marks the session used")
	for _, id := range []string{other, theirs} {
		_, err := e.sb.SessionBySecret(ctx, secrets[id])
		require.NoError(t, err, "only the named session's secret changed")
		assert.Equal(t, before[id], activity(id))
	}
}

// A session whose secret row is gone (the store's fault: create writes both
// at once) is answered as a server error, never with a secret nothing accepts,
// and the refresh leaves the session untouched.
func TestRefreshSecretWithoutSecretRow(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) { c.Clock = clock.Now })
	ctx := context.Background()
	id := e.create(keyA, createBody("", nil))
	require.NoError(t, e.sb.write(ctx, func(tx wtx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM client_secrets WHERE session_seq = (SELECT seq FROM sessions WHERE id = ?)`, id)
		return err
	}))
	var before int64
	require.NoError(t, e.sb.db.r.QueryRowContext(ctx, `SELECT last_activity_at FROM sessions WHERE id = ?`, id).Scan(&before))
	clock.Advance(time.Minute)
	er := e.do("GET", "/sessions/"+id+"/refresh", keyA, nil).apiErr(t, http.StatusInternalServerError, "server_error")
	assert.Equal(t, "internal", er["code"])
	var after int64
	require.NoError(t, e.sb.db.r.QueryRowContext(ctx, `SELECT last_activity_at FROM sessions WHERE id = ?`, id).Scan(&after))
	assert.Equal(t, before, after)
}
