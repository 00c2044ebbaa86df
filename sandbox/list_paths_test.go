package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestListPathsAgree is a differential test of the ways a list page is read
// (the trigram index walked in createdAt order, a rare term's matches sorted,
// the one-by-one check of the first sessions in list order, the index's
// matches sorted after that check ran out, the short search's text scan): for
// many filters, sorts, page sizes and scan budgets (which move the line
// between rare and common), walking every page with its cursor must give
// exactly the sessions a plain SQL query over the whole account gives, in the
// same order, and includeTotal must count them.
func TestListPathsAgree(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) { c.Clock = clock.Now })
	customers := []string{"Grace Hopper", "Ada Lovelace", "Alan Turing", "Ada Lovelace", "Edsger Dijkstra", "Ada Lovelace", "Barbara Liskov", "Ada Lovelace"}
	t0 := clock.Now()
	for i := range 64 {
		meta := map[string]string{"customer": customers[i%len(customers)]}
		if i%13 == 0 {
			meta["customer"] = "Grace Hopper" // rarer than the rest, and not evenly spread
		}
		id := e.create(keyA, createBody("ref-"+strconv.Itoa(i%5), meta))
		if i%4 != 1 { // some share a creation time: seq breaks the tie
			clock.Advance(time.Second)
		}
		if i%3 == 0 || i%7 == 0 {
			require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+id+"/simulate", keyA, `{}`).status)
		}
		if i%5 == 0 {
			e.create(keyB, createBody("ref-1", meta)) // another account's matches are in the same index
		}
	}
	acct := e.account(keyA).id
	mid := strconv.FormatInt(t0.Add(20*time.Second).Unix(), 10)
	end := strconv.FormatInt(t0.Add(50*time.Second).Unix(), 10)
	searches := []string{"", "Grace Hopper", "lovelace", "Turing", "Ad", "ref-3", "nobody-matches"}
	filters := []string{"", "status=complete", "status=requiresInput,complete", "clientReferenceId=ref-1", "fromDate=" + mid + "&toDate=" + end}
	walks := 0
	// Every way of reading a page must have been taken, or the walks prove less than they say.
	paths := map[string]string{
		"index walk in createdAt order":  "FROM session_search JOIN sessions",
		"a rare term's matches sorted":   "FROM json_each(?) AS m CROSS JOIN sessions",
		"one-by-one check":               "AS scanned WHERE",
		"the index's matches sorted":     "FROM session_search CROSS JOIN sessions ON sessions.seq = session_search.rowid WHERE session_search MATCH ? AND account_id",
		"short search scanning the text": "SELECT id FROM session_search_content WHERE c0 LIKE",
		"no search":                      "FROM sessions WHERE account_id",
	}
	taken := map[string]int{}
	var mu sync.Mutex // the trace runs on the server's goroutines
	e.sb.listTrace = func(q string, _ []any) {
		mu.Lock()
		defer mu.Unlock()
		for name, marker := range paths {
			if strings.Contains(q, marker) {
				taken[name]++
			}
		}
	}
	for _, budget := range []int{2, 9, 1000} {
		e.sb.scanBudget = budget
		for _, search := range searches {
			for _, filter := range filters {
				for _, sortBy := range []string{"createdAt", "finishedAt", "status"} {
					for _, order := range []string{"desc", "asc"} {
						for _, limit := range []int{3, 25} {
							base := fmt.Sprintf("limit=%d&sortBy=%s&sortOrder=%s&%s", limit, sortBy, order, filter)
							if search != "" {
								base += "&search=" + url.QueryEscape(search)
							}
							name := fmt.Sprintf("budget=%d %s", budget, base)
							want := referenceList(t, e, acct, base)
							got := []string{}
							q := base + "&includeTotal=true"
							for pages := 0; ; pages++ {
								require.Less(t, pages, 70, name)
								p := e.page(keyA, q)
								got = append(got, ids(p)...)
								require.NotNil(t, p.TotalCount, name)
								require.Equal(t, len(want), *p.TotalCount, name)
								if !p.HasMore {
									break
								}
								q = base + "&includeTotal=true&cursor=" + url.QueryEscape(p.NextCursor)
							}
							require.Equal(t, want, got, name)
							walks++
						}
					}
				}
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for name := range paths {
		assert.Positive(t, taken[name], "no page was read by %s", name)
	}
	t.Logf("%d walks agree; pages read by: %v", walks, taken)
}

// referenceList is the list's answer by the plainest query there is: every
// session of the account that matches, sorted in SQL, with no page and no
// cursor.
func referenceList(t *testing.T, e *env, acct int64, query string) []string {
	t.Helper()
	v, err := url.ParseQuery(query)
	require.NoError(t, err)
	q, err := parseListQuery(v)
	require.NoError(t, err)
	where, args := q.where(acct, true)
	dir := "DESC"
	if !q.desc {
		dir = "ASC"
	}
	rows, err := e.sb.db.r.Query("SELECT id FROM sessions WHERE "+where+" ORDER BY "+q.keyColumn()+" "+dir+", seq "+dir, args...)
	require.NoError(t, err)
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var id string
		require.NoError(t, rows.Scan(&id))
		out = append(out, id)
	}
	require.NoError(t, rows.Err())
	return out
}

// A rare term's matches are remembered for the version of the sessions table
// they were read at: a write between two pages makes the next page ask the
// index again, and when the term has become common there, the page still
// continues the walk exactly.
func TestListRareMatchesForgottenOnWrite(t *testing.T) {
	e := newEnv(t, nil)
	e.sb.scanBudget = 4
	for i := range 12 {
		meta := map[string]string{"customer": "Ada Lovelace"}
		if i%4 == 0 {
			meta["customer"] = "Grace Hopper"
		}
		id := e.create(keyA, createBody("", meta))
		require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+id+"/simulate", keyA, `{}`).status)
	}
	base := "limit=1&sortBy=finishedAt&search=" + url.QueryEscape("Grace Hopper")
	p := e.page(keyA, base)
	require.True(t, p.HasMore)
	got := ids(p)
	hits := e.sb.matches.hits.Load()
	p = e.page(keyA, base+"&cursor="+url.QueryEscape(p.NextCursor))
	got = append(got, ids(p)...)
	assert.Equal(t, hits+1, e.sb.matches.hits.Load(), "the second page reused the first's matches")
	// Three more matches, not finished: they sort after every finished one,
	// and the term now has more matches than the budget.
	for range 3 {
		e.create(keyA, createBody("", map[string]string{"customer": "Grace Hopper"}))
	}
	for pages := 0; p.HasMore; pages++ {
		require.Less(t, pages, 10)
		p = e.page(keyA, base+"&cursor="+url.QueryEscape(p.NextCursor))
		got = append(got, ids(p)...)
	}
	assert.Equal(t, referenceList(t, e, e.account(keyA).id, base), got)
	assert.Len(t, got, 6)
}
