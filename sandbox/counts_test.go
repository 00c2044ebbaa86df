package sandbox

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/sandbox/runner"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSessionCountsMatchACount drives sessions of two accounts through every
// status (created, started by the hosted page, completed by simulate,
// canceled by the janitor) and checks that includeTotal, served from the
// counters for status and clientReferenceId filters, equals a COUNT(*) of the
// same filters after each step.
func TestSessionCountsMatchACount(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) { c.Clock = clock.Now })
	refs := []string{"", "order-1", "order-2"}
	var a, b []string
	for i := range 9 {
		a = append(a, e.create(keyA, createBody(refs[i%3], nil)))
		if i%2 == 0 {
			b = append(b, e.create(keyB, createBody(refs[(i+1)%3], nil)))
		}
	}
	check := func(step string) {
		t.Helper()
		for _, key := range []string{keyA, keyB} {
			acct := e.accountID(key)
			for _, ref := range refs {
				for _, statuses := range [][]string{nil, {"requiresInput"}, {"processing"}, {"complete"}, {"canceled"}, {"complete", "canceled"}, {"requiresInput", "processing", "complete", "canceled"}} {
					q := "limit=1&includeTotal=true"
					where, args := "account_id = ?", []any{acct}
					if ref != "" {
						q += "&clientReferenceId=" + url.QueryEscape(ref)
						where += " AND client_reference_id = ?"
						args = append(args, ref)
					}
					if len(statuses) > 0 {
						q += "&status=" + strings.Join(statuses, ",")
						where += " AND status IN ('" + strings.Join(statuses, "','") + "')"
					}
					var want int
					require.NoError(t, e.sb.db.r.QueryRow("SELECT COUNT(*) FROM sessions WHERE "+where, args...).Scan(&want))
					p := e.page(key, q)
					require.NotNil(t, p.TotalCount)
					assert.Equal(t, want, *p.TotalCount, "%s: %s %s", step, key[:18], q)
				}
			}
		}
	}
	check("created")
	_, _, err := e.sb.Advance(context.Background(), e.secretOf(keyA, a[1]), runner.Input{})
	require.NoError(t, err)
	check("one started")
	for _, id := range []string{a[0], a[3], a[4]} {
		require.Equal(t, 200, e.do("POST", "/sessions/"+id+"/simulate", keyA, "").status)
	}
	require.Equal(t, 200, e.do("POST", "/sessions/"+b[0]+"/simulate", keyB, "").status)
	check("some complete")
	clock.Advance(48 * time.Hour)
	n, err := e.sb.sweep(context.Background())
	require.NoError(t, err)
	require.Positive(t, n)
	check("the rest canceled")
	// Rows written before the counters existed are counted by the migration:
	// TestMigrationFromEarlierSchemas checks that.
}

// accountID is the store's id of a key's account.
func (e *env) accountID(key string) int64 {
	e.t.Helper()
	var id int64
	require.NoError(e.t, e.sb.db.r.QueryRow(`SELECT id FROM accounts WHERE key_hash = ?`, hashKey(key)).Scan(&id))
	return id
}

// A search's total is the same whether it is counted from the term's matches
// (a rare term) or by walking the account's sessions (a common one).
func TestSearchTotalsBothWays(t *testing.T) {
	e := newEnv(t, nil)
	for i := range 7 {
		e.create(keyA, createBody("", map[string]string{"customer": []string{"Grace Hopper", "Ada Lovelace", "Alan Turing"}[i%3]}))
	}
	for _, rare := range []int{defaultRareMatches, 1} {
		e.sb.rareMatches = rare
		for search, want := range map[string]int{"Grace Hopper": 3, "lovelace": 2, "nobody": 0, "ses_": 7} {
			e.sb.counts = countCache{}
			p := e.page(keyA, "limit=1&includeTotal=true&search="+url.QueryEscape(search))
			require.NotNil(t, p.TotalCount)
			assert.Equal(t, want, *p.TotalCount, "%q, rare up to %d", search, rare)
		}
	}
}
