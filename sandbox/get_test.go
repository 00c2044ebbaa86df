package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// GET /sessions/{id} and the hosted page's lookups run only statements
// prepared once on the read pool: preparing SQL text on every call was most of
// a GET's cost.
func TestHotReadsArePrepared(t *testing.T) {
	e := newEnv(t, nil)
	id := e.create(keyA, createBody("", nil))
	var created struct{ ClientSecret struct{ Secret string } }
	e.do("GET", "/sessions/"+id, keyA, nil).decode(t, &created) // the account is cached from here on
	require.NotEmpty(t, created.ClientSecret.Secret)

	before := e.sb.db.r.adhoc.Load()
	for range 5 {
		require.Equal(t, http.StatusOK, e.do("GET", "/sessions/"+id, keyA, nil).status)
	}
	assert.Equal(t, http.StatusNotFound, e.do("GET", "/sessions/ses_missing", keyA, nil).status)
	ctx := context.Background()
	_, err := e.sb.SessionBySecret(ctx, created.ClientSecret.Secret)
	require.NoError(t, err)
	_, err = e.sb.Pending(ctx, created.ClientSecret.Secret)
	require.NoError(t, err)
	_, _, err = e.sb.Advance(ctx, created.ClientSecret.Secret, runner.Input{})
	require.NoError(t, err)
	assert.Equal(t, before, e.sb.db.r.adhoc.Load(), "a hot read ran SQL text instead of a prepared statement")
}

// A GET answers from the stored view, and from the runner state for a row that
// has none (stored before views existed), with the current secret either way;
// a session without a secret is the store's fault, not a 404.
func TestGetSessionOneQuery(t *testing.T) {
	e := newEnv(t, nil)
	id := e.create(keyA, createBody("ref-1", map[string]string{"k": "v"}))
	require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+id+"/simulate", keyA, `{}`).status)
	viewed := e.do("GET", "/sessions/"+id, keyA, nil)
	require.Equal(t, http.StatusOK, viewed.status, "%s", viewed.body)
	refreshed := e.do("GET", "/sessions/"+id+"/refresh", keyA, nil).json(t)["clientSecret"].(map[string]any)["secret"]

	ctx := context.Background()
	require.NoError(t, e.sb.write(ctx, func(tx wtx) error {
		// As migration 2 left older rows: settings in their column, no view.
		row, err := loadSession(ctx, tx, e.account(keyA).id, id)
		if err != nil {
			return err
		}
		settings, err := row.settingsJSON()
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE sessions SET view = '', settings = ? WHERE id = ?`, settings, id)
		return err
	}))
	rendered := e.do("GET", "/sessions/"+id, keyA, nil)
	require.Equal(t, http.StatusOK, rendered.status, "%s", rendered.body)
	assert.Equal(t, viewed.json(t)["session"], rendered.json(t)["session"], "rendered from the state, the same session")
	assert.Equal(t, refreshed, rendered.json(t)["clientSecret"].(map[string]any)["secret"], "the current secret")

	assert.Equal(t, http.StatusNotFound, e.do("GET", "/sessions/"+id, keyB, nil).status, "another account's session")

	require.NoError(t, e.sb.write(ctx, func(tx wtx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM client_secrets`)
		return err
	}))
	e.do("GET", "/sessions/"+id, keyA, nil).apiErr(t, http.StatusInternalServerError, "server_error")
}

// The GET answer written around the stored bytes is exactly what encoding/json
// makes of the same response.
func TestGetSessionEncodedLikeJSON(t *testing.T) {
	e := newEnv(t, nil)
	id := e.create(keyA, map[string]any{"flow": readFlow(t, "wire-transfer.json"), "clientReferenceId": "<tag> & \"quote\"",
		"metadata": map[string]string{"note": "héllo\u2028\t<b>"}})
	require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+id+"/simulate", keyA, `{"replies":{"confirm_transfer":"Yes"}}`).status)
	got := e.do("GET", "/sessions/"+id, keyA, nil)
	require.Equal(t, http.StatusOK, got.status, "%s", got.body)

	row, secret, err := e.sb.getSessionWithSecret(context.Background(), e.account(keyA).id, id)
	require.NoError(t, err)
	sess, err := row.wire()
	require.NoError(t, err)
	want, err := json.Marshal(getResponse{Session: sess, ClientSecret: secret})
	require.NoError(t, err)
	assert.Equal(t, string(want)+"\n", string(got.body))
}
