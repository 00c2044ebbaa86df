package sandbox

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestListQueryPlans runs EXPLAIN QUERY PLAN on every SQL query each kind of
// list page runs, logs the plans (go test -run ListQueryPlans -v shows them)
// and holds them to the rule that keeps a page's cost from growing with the
// account: sessions are reached through an index (or by rowid), never by
// scanning the table, and totals served by counters read session_counts.
// The plans are SQLite's without statistics (the store runs no ANALYZE), as
// in production.
func TestListQueryPlans(t *testing.T) {
	e := newEnv(t, nil)
	for i := range 12 {
		id := e.create(keyA, createBody("order-"+string(rune('a'+i%3)), map[string]string{"customer": []string{"Grace Hopper", "Ada Lovelace"}[i%2]}))
		if i%3 == 0 {
			require.Equal(t, 200, e.do("POST", "/sessions/"+id+"/simulate", keyA, "").status)
		}
	}
	var mu sync.Mutex
	var queries []string
	var args [][]any
	e.sb.listTrace = func(q string, a []any) { mu.Lock(); queries, args = append(queries, q), append(args, a); mu.Unlock() }
	grace := url.QueryEscape("Grace Hopper")
	fullScan := regexp.MustCompile(`(?m)^\s*SCAN sessions\b(?: USING (?:COVERING )?INDEX)?`)
	for _, tc := range []struct {
		name, query string
		allowScan   bool // a known linear case, said so in BENCHMARKS.md
		budget      int  // the scan budget, when lowered to send a common term down its paths
	}{
		{"plain", "limit=5", false, 0},
		{"ascending", "limit=5&sortOrder=asc", false, 0},
		{"status", "status=complete&limit=5", false, 0},
		{"statuses", "status=complete,canceled&limit=5", false, 0},
		{"reference", "clientReferenceId=order-a&limit=5", false, 0},
		{"dates", "fromDate=1&toDate=9999999999&limit=5", false, 0},
		{"sort finished", "sortBy=finishedAt&limit=5", false, 0},
		{"sort finished, status", "sortBy=finishedAt&status=complete&limit=5", false, 0},
		{"sort status", "sortBy=status&limit=5", false, 0},
		{"search", "search=" + grace + "&limit=5", false, 0},
		{"search, status", "search=" + grace + "&status=complete&limit=5", false, 0},
		{"search by finish", "search=" + grace + "&sortBy=finishedAt&status=complete&limit=5", false, 0},
		{"search by status", "search=" + grace + "&sortBy=status&limit=5", false, 0},
		{"common term by finish", "search=" + grace + "&sortBy=finishedAt&limit=5", false, 2},
		{"total, account", "includeTotal=true&limit=5", false, 0},
		{"total, status and reference", "status=complete&clientReferenceId=order-a&includeTotal=true&limit=5", false, 0},
		{"total, search", "search=" + grace + "&includeTotal=true&limit=5", false, 0},
		{"total, search and status", "search=" + grace + "&status=complete&includeTotal=true&limit=5", false, 0},
		{"total, dates", "fromDate=1&toDate=9999999999&includeTotal=true&limit=5", false, 0},
		{"total, flow", "flowId=flow_x&includeTotal=true&limit=5", false, 0},
		{"short search", "search=Ad&limit=5", true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			queries, args = nil, nil
			mu.Unlock()
			e.sb.counts = countCache{}  // every total is counted or read
			e.sb.matches = matchCache{} // every search asks the index
			e.sb.scanBudget = defaultScanBudget
			if tc.budget > 0 {
				e.sb.scanBudget = tc.budget
			}
			e.page(keyA, tc.query)
			cursor := e.page(keyA, strings.Replace(tc.query, "limit=5", "limit=1", 1)).NextCursor
			if cursor != "" { // a later page, through its cursor
				e.page(keyA, strings.Replace(tc.query, "limit=5", "limit=1", 1)+"&cursor="+url.QueryEscape(cursor))
			}
			mu.Lock()
			defer mu.Unlock()
			require.NotEmpty(t, queries)
			for i, q := range queries {
				plan := explain(t, e, q, args[i])
				t.Logf("%s\n%s", q, plan)
				if !tc.allowScan {
					assert.NotRegexp(t, fullScan, plan, "a full scan of sessions in %s", q)
				}
				if strings.HasPrefix(q, "SELECT COUNT(*) FROM (SELECT 1 FROM session_search") {
					assert.Contains(t, plan, "SCAN session_search VIRTUAL TABLE", "a rare term's total starts from its matches")
				}
				if strings.Contains(q, " UNION ALL ") {
					// Past a cursor the sessions of the cursor's own sort key are a range on seq, not stepped over.
					assert.Regexp(t, `=\? AND seq[<>]\?\)`, plan, "the rest of the cursor's sort key is an index range")
				}
				if strings.Contains(q, "FROM json_each(?) AS m CROSS JOIN sessions") {
					assert.Contains(t, plan, "SCAN m VIRTUAL TABLE", "a rare term's page starts from its matches")
				}
				if strings.Contains(q, "session_counts") {
					assert.Contains(t, plan, "SEARCH session_counts USING PRIMARY KEY")
				}
			}
		})
	}
}

func explain(t *testing.T, e *env, q string, args []any) string {
	t.Helper()
	rows, err := e.sb.db.r.Query("EXPLAIN QUERY PLAN "+q, args...)
	require.NoError(t, err)
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		require.NoError(t, rows.Scan(&id, &parent, &notused, &detail))
		b.WriteString("  " + detail + "\n")
	}
	require.NoError(t, rows.Err())
	return b.String()
}
