package sandbox

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMigrationFromEarlierSchemas opens databases that earlier sandboxes
// wrote, each the same story (two accounts, sessions with and without client
// references, some completed by simulate, some canceled by the janitor, one
// still open): testdata/schema7.db by the schema before migration 8 (main at
// f6abe9e), testdata/schema6.db by the one before that (6cd26f3). Each must
// upgrade in place: counters equal to a count, the rebuilt search index
// finding what it found before, sessions readable and new ones accepted.
func TestMigrationFromEarlierSchemas(t *testing.T) {
	for _, name := range []string{"schema7.db", "schema6.db"} {
		t.Run(name, func(t *testing.T) { testMigrationFrom(t, name) })
	}
}

func testMigrationFrom(t *testing.T, fixture string) {
	raw, err := os.ReadFile(filepath.Join("testdata", fixture))
	require.NoError(t, err)
	e := &env{t: t, cfg: Config{DataDir: t.TempDir(), Logger: quietLogger(), JanitorInterval: -1}}
	require.NoError(t, os.WriteFile(filepath.Join(e.cfg.DataDir, DBFile), raw, 0o600))
	e.start()
	t.Cleanup(e.stop)

	ms, err := loadMigrations()
	require.NoError(t, err)
	var version int
	require.NoError(t, e.sb.db.r.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&version))
	assert.Equal(t, ms[len(ms)-1].version, version)

	// Every total the counters serve equals a count of the rows.
	rows, err := e.sb.db.r.Query(`SELECT c.account_id, c.client_reference_id, c.status, c.n,
		(SELECT COUNT(*) FROM sessions s WHERE s.account_id = c.account_id AND s.status = c.status
			AND (c.client_reference_id = '' OR s.client_reference_id = c.client_reference_id))
		FROM session_counts c`)
	require.NoError(t, err)
	n := 0
	for rows.Next() {
		var acct int64
		var ref, status string
		var got, want int
		require.NoError(t, rows.Scan(&acct, &ref, &status, &got, &want))
		assert.Equal(t, want, got, "account %d, reference %q, %s", acct, ref, status)
		n++
	}
	require.NoError(t, rows.Err())
	rows.Close()
	assert.Equal(t, 10, n, "counter rows: 3 statuses of A, 1 of B, 6 (reference, status) pairs")
	total := func(key, q string) int {
		p := e.page(key, q+"&includeTotal=true")
		require.NotNil(t, p.TotalCount)
		return *p.TotalCount
	}
	assert.Equal(t, 7, total(keyA, "limit=1"))
	assert.Equal(t, 6, total(keyA, "status=canceled,complete"))
	assert.Equal(t, 2, total(keyA, "clientReferenceId=order-1"))
	assert.Equal(t, 1, total(keyB, "clientReferenceId=order-1&status=complete"))

	// The search index was rebuilt from the stored text.
	for _, tc := range []struct {
		key, search string
		want        int
	}{
		{keyA, "Grace Hopper", 3}, {keyA, "lovelace", 3}, {keyA, "Dijkstra", 1}, {keyB, "turing", 1}, {keyA, "turing", 0},
		{keyA, "order-3", 2}, {keyA, "you", 2}, // transcripts of the two completed sessions
	} {
		p := e.page(tc.key, "limit=100&search="+url.QueryEscape(tc.search))
		assert.Len(t, p.Sessions, tc.want, "search %q", tc.search)
		p = e.page(tc.key, "limit=100&sortBy=finishedAt&search="+url.QueryEscape(tc.search))
		assert.Len(t, p.Sessions, tc.want, "search %q by finishedAt", tc.search)
	}

	// Old sessions read back; new ones are stored and counted.
	p := e.page(keyA, "limit=100")
	require.Len(t, p.Sessions, 7)
	for _, s := range p.Sessions {
		assert.Equal(t, 200, e.do("GET", "/sessions/"+s.ID, keyA, nil).status)
	}
	e.create(keyA, createBody("order-1", map[string]string{"customer": "Grace Hopper"}))
	assert.Equal(t, 3, total(keyA, "clientReferenceId=order-1"))
	assert.Equal(t, 4, len(e.page(keyA, "limit=100&search="+url.QueryEscape("grace hopper")).Sessions))
	var check string
	require.NoError(t, e.sb.db.r.QueryRowContext(context.Background(), `PRAGMA integrity_check`).Scan(&check))
	assert.Equal(t, "ok", check)
}
