package sandbox

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (e *env) status(key, id string) string {
	e.t.Helper()
	return e.do("GET", "/sessions/"+id, key, nil).json(e.t)["session"].(map[string]any)["status"].(string)
}

// One session that cannot be canceled (its stored state is unreadable) is
// logged and skipped; the sweep still cancels the others.
func TestJanitorSkipsUncancelableSession(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) {
		c.Clock = clock.Now
		c.ExpireUnusedAfter = time.Hour
	})
	var ids []string
	for range 3 {
		ids = append(ids, e.create(keyA, createBody("", nil)))
	}
	require.NoError(t, e.sb.write(t.Context(), func(tx wtx) error {
		_, err := tx.ExecContext(t.Context(), `UPDATE sessions SET state = 'not json' WHERE id = ?`, ids[0])
		return err
	}))
	clock.Advance(2 * time.Hour)
	n, err := e.sb.sweep(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, "canceled", e.status(keyA, ids[1]))
	assert.Equal(t, "canceled", e.status(keyA, ids[2]))
}

// A session picked as stale whose secret is refreshed before its cancel runs
// is not canceled: the deadline is checked again inside the cancel.
func TestJanitorRechecksBeforeCancel(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) {
		c.Clock = clock.Now
		c.ExpireUnusedAfter = time.Hour
	})
	id := e.create(keyA, createBody("", nil))
	clock.Advance(2 * time.Hour)
	now := clock.Now()
	victims, err := e.sb.findStale(t.Context(), now)
	require.NoError(t, err)
	require.Len(t, victims, 1)

	require.Equal(t, http.StatusOK, e.do("GET", "/sessions/"+id+"/refresh", keyA, nil).status)
	ok, err := e.sb.cancelStale(t.Context(), victims[0], now)
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Equal(t, "requiresInput", e.status(keyA, id))

	clock.Advance(2 * time.Hour)
	ok, err = e.sb.cancelStale(t.Context(), victims[0], clock.Now())
	require.NoError(t, err)
	assert.True(t, ok, "once stale again it is canceled")
	assert.Equal(t, "canceled", e.status(keyA, id))
}
