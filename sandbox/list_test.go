package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (e *env) page(key, query string) facesign.ListSessionsResponse {
	e.t.Helper()
	r := e.do("GET", "/sessions?"+query, key, nil)
	require.Equal(e.t, http.StatusOK, r.status, "%s: %s", query, r.body)
	var p facesign.ListSessionsResponse
	r.decode(e.t, &p)
	return p
}

func ids(p facesign.ListSessionsResponse) []string {
	out := []string{}
	for _, s := range p.Sessions {
		out = append(out, s.ID)
	}
	return out
}

func TestListPaginationStableUnderInserts(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) { c.Clock = clock.Now })
	var created []string // oldest first
	for i := range 7 {
		created = append(created, e.create(keyA, createBody("ref-"+strconv.Itoa(i), nil)))
		if i%3 == 0 {
			clock.Advance(time.Second) // some share a second: the tiebreaker keeps their order
		}
	}
	want := make([]string, len(created)) // newest first
	for i, id := range created {
		want[len(created)-1-i] = id
	}

	var got []string
	q := "limit=3"
	for pages := 0; ; pages++ {
		require.Less(t, pages, 10)
		p := e.page(keyA, q)
		got = append(got, ids(p)...)
		// Sessions created between pages appear before the cursor, never on a later page.
		e.create(keyA, createBody("late", nil))
		clock.Advance(time.Second)
		if !p.HasMore {
			assert.Empty(t, p.NextCursor)
			break
		}
		require.NotEmpty(t, p.NextCursor)
		q = "limit=3&cursor=" + url.QueryEscape(p.NextCursor)
	}
	assert.Equal(t, want, got)

	// Ascending order walks the same sessions the other way.
	got = nil
	q = "limit=4&sortOrder=asc&clientReferenceId=ref-1"
	p := e.page(keyA, q)
	assert.Equal(t, []string{created[1]}, ids(p))
	p = e.page(keyA, "limit=100&sortOrder=asc")
	assert.Equal(t, created, ids(p)[:7])
}

func TestListFiltersSearchSort(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) { c.Clock = clock.Now })
	t0 := clock.Now()
	a := e.create(keyA, createBody("alpha", map[string]string{"customer": "Ada Lovelace"}))
	clock.Advance(time.Hour)
	b := e.create(keyA, createBody("beta", map[string]string{"customer": "Charles Babbage"}))
	clock.Advance(time.Hour)
	c := e.create(keyA, createBody("gamma", nil))
	clock.Advance(time.Hour)
	require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+c+"/simulate", keyA, `{}`).status) // c completes at t0+3h
	clock.Advance(time.Hour)
	require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+a+"/simulate", keyA, `{}`).status) // a completes at t0+4h
	e.create(keyB, createBody("alpha", map[string]string{"customer": "Ada Lovelace"}))           // another account

	sec := func(d time.Duration) string { return strconv.FormatInt(t0.Add(d).Unix(), 10) }
	ms := func(d time.Duration) string { return strconv.FormatInt(t0.Add(d).UnixMilli(), 10) }
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"all, newest first", "", []string{c, b, a}},
		{"status", "status=complete", []string{c, a}},
		{"status repeated", "status=requiresInput&status=complete", []string{c, b, a}},
		{"status other vocabulary", "status=created", []string{b}},
		{"status comma list", "status=requiresInput,canceled", []string{b}},
		{"clientReferenceId", "clientReferenceId=beta", []string{b}},
		{"fromDate seconds", "fromDate=" + sec(30*time.Minute), []string{c, b}},
		{"toDate seconds", "toDate=" + sec(90*time.Minute), []string{b, a}},
		{"from and to in ms", "fromDate=" + ms(30*time.Minute) + "&toDate=" + ms(90*time.Minute), []string{b}},
		{"search metadata value", "search=lovelace", []string{a}},
		{"search id", "search=" + b[4:14], []string{b}},
		{"search clientReferenceId", "search=gamm", []string{c}},
		{"search transcript", "search=" + url.QueryEscape("all done"), []string{c, a}},
		{"search short", "search=oV", []string{a}},
		{"search with FTS syntax is literal", "search=" + url.QueryEscape(`"alpha" OR beta*`), []string{}},
		{"search and status", "search=alpha&status=complete", []string{a}},
		{"sort createdAt asc", "sortBy=createdAt&sortOrder=asc", []string{a, b, c}},
		{"sort finishedAt desc", "sortBy=finishedAt", []string{a, c, b}},
		{"sort finishedAt asc", "sortBy=finishedAt&sortOrder=asc", []string{b, c, a}},
		{"sort status asc", "sortBy=status&sortOrder=asc", []string{b, a, c}},
		{"sort status desc", "sortBy=status", []string{c, a, b}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := e.page(keyA, tc.query+"&includeTotal=true")
			assert.Equal(t, tc.want, ids(p))
			require.NotNil(t, p.TotalCount)
			assert.Equal(t, len(tc.want), *p.TotalCount)
			assert.False(t, p.HasMore)
		})
	}

	// Paging through a sort other than createdAt keeps every session exactly once.
	for _, sortBy := range []string{"finishedAt", "status"} {
		var got []string
		q := "limit=1&sortBy=" + sortBy
		for range 5 {
			p := e.page(keyA, q)
			got = append(got, ids(p)...)
			if !p.HasMore {
				break
			}
			q = "limit=1&sortBy=" + sortBy + "&cursor=" + url.QueryEscape(p.NextCursor)
		}
		assert.ElementsMatch(t, []string{a, b, c}, got, sortBy)
	}
	assert.Nil(t, e.page(keyA, "").TotalCount, "totalCount only on request")
}

func TestListBadQuery(t *testing.T) {
	e := newEnv(t, nil)
	for range 3 {
		e.create(keyA, createBody("x", nil))
	}
	p := e.page(keyA, "limit=1")
	require.True(t, p.HasMore)
	cur := url.QueryEscape(p.NextCursor)
	for _, tc := range []struct{ name, query, param string }{
		{"limit zero", "limit=0", "limit"},
		{"limit too big", "limit=101", "limit"},
		{"limit not a number", "limit=ten", "limit"},
		{"bad status", "status=done", "status"},
		{"bad fromDate", "fromDate=yesterday", "fromDate"},
		{"negative toDate", "toDate=-5", "toDate"},
		{"from after to", "fromDate=2000&toDate=1000", "fromDate"},
		{"bad sortBy", "sortBy=name", "sortBy"},
		{"bad sortOrder", "sortOrder=up", "sortOrder"},
		{"bad includeTotal", "includeTotal=maybe", "includeTotal"},
		{"garbage cursor", "cursor=!!not-base64", "cursor"},
		{"malformed query", "limit=%zz", "query"},
		{"forged cursor", "cursor=eyJzIjoiY3JlYXRlZEF0In0", "cursor"},
		{"cursor with other filters", "status=complete&cursor=" + cur, "cursor"},
		{"cursor with other sort", "sortOrder=asc&cursor=" + cur, "cursor"},
		{"unknown parameter", "clientReferenceID=x", "clientReferenceID"},
		{"repeated limit", "limit=1&limit=2", "limit"},
		{"search not UTF-8", "search=%E2%82", "search"},
		// SQLite reads FTS5 queries and LIKE patterns as C strings: a NUL failed a
		// long search with a 500 and made a short one match every session.
		{"search with NUL", "search=%0000", "search"},
		{"short search with NUL", "search=%00", "search"},
		{"search with NUL at the end", "search=abc%00", "search"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do("GET", "/sessions?"+tc.query, keyA, nil)
			er := r.apiErr(t, http.StatusBadRequest, "validation_error")
			assert.Contains(t, er["message"], tc.param)
			d := er["details"].([]any)[0].(map[string]any)
			assert.Equal(t, tc.param, d["path"])
		})
	}
}

func TestListSearchPagesAndConcurrentCreates(t *testing.T) {
	e := newEnv(t, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	want := map[string]bool{}
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			meta := map[string]string{"team": "blue"}
			if i%2 == 0 {
				meta["team"] = "green"
			}
			id := e.create(keyA, createBody("c", meta))
			if i%2 == 0 {
				mu.Lock()
				want[id] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	// Insertion order is createdAt order, even when creates race.
	p := e.page(keyA, "limit=100&sortOrder=asc")
	for i := 1; i < len(p.Sessions); i++ {
		assert.False(t, p.Sessions[i].CreatedAt.Before(p.Sessions[i-1].CreatedAt.Time), "createdAt decreases at %d", i)
	}
	for _, sortBy := range []string{"createdAt", "finishedAt", "status"} {
		for _, order := range []string{"asc", "desc"} {
			got := map[string]bool{}
			q := "limit=3&search=green&sortBy=" + sortBy + "&sortOrder=" + order
			for pages := 0; ; pages++ {
				require.Less(t, pages, 20)
				p := e.page(keyA, q)
				for _, id := range ids(p) {
					assert.False(t, got[id], "%s seen twice", id)
					got[id] = true
				}
				if !p.HasMore {
					break
				}
				q = "limit=3&search=green&sortBy=" + sortBy + "&sortOrder=" + order + "&cursor=" + url.QueryEscape(p.NextCursor)
			}
			assert.Equal(t, want, got, "%s %s", sortBy, order)
		}
	}
}

// A rare term in another order than createdAt exhausts the one-by-one check
// (scanBudget sessions) and is read from the trigram index; its cursor sends
// the next pages there directly, and paging still returns every match once,
// in order. The total is counted once per version of the sessions table.
func TestListRareTermThroughIndexAndCachedTotal(t *testing.T) {
	e := newEnv(t, nil)
	e.sb.scanBudget = 10
	want := map[string]bool{}
	for i := range 40 {
		meta := map[string]string{"customer": "Ada Lovelace"}
		if i%6 == 0 {
			meta["customer"] = "Grace Hopper"
		}
		id := e.create(keyA, createBody("", meta))
		if i%2 == 0 {
			require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+id+"/simulate", keyA, `{}`).status)
		}
		if i%6 == 0 {
			want[id] = true
		}
	}
	byCreated := map[string]bool{}
	for _, id := range ids(e.page(keyA, "limit=100&search="+url.QueryEscape("Grace Hopper"))) {
		byCreated[id] = true
	}
	require.Equal(t, want, byCreated)

	base := "limit=3&sortBy=finishedAt&includeTotal=true&search=" + url.QueryEscape("Grace Hopper")
	got := map[string]bool{}
	var prev *facesign.Session
	q := base
	hits := e.sb.counts.hits.Load()
	for pages := 0; ; pages++ {
		require.Less(t, pages, 5)
		p := e.page(keyA, q)
		require.NotNil(t, p.TotalCount)
		assert.Equal(t, 7, *p.TotalCount)
		for i := range p.Sessions {
			s := &p.Sessions[i]
			assert.False(t, got[s.ID], "%s seen twice", s.ID)
			got[s.ID] = true
			if prev != nil && prev.FinishedAt != nil && s.FinishedAt != nil {
				assert.False(t, s.FinishedAt.After(prev.FinishedAt.Time), "finishedAt order")
			}
			prev = s
		}
		if !p.HasMore {
			break
		}
		c, err := decodeCursor(p.NextCursor)
		require.NoError(t, err)
		assert.True(t, c.Index, "the first page went through the index; the cursor says so")
		q = base + "&cursor=" + url.QueryEscape(p.NextCursor)
	}
	assert.Equal(t, byCreated, got)
	assert.Equal(t, hits+2, e.sb.counts.hits.Load(), "the later pages' totals came from the cache")

	// Any write to sessions changes the version: the total is counted again.
	e.create(keyA, createBody("", map[string]string{"customer": "Grace Hopper"}))
	p := e.page(keyA, base)
	require.NotNil(t, p.TotalCount)
	assert.Equal(t, 8, *p.TotalCount)
	status := "limit=1&includeTotal=true&status=complete&search=" + url.QueryEscape("Grace Hopper")
	before := *e.page(keyA, status).TotalCount
	for _, id := range ids(e.page(keyA, "limit=100&status=requiresInput&search="+url.QueryEscape("Grace Hopper"))) {
		require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+id+"/simulate", keyA, `{}`).status)
		break
	}
	assert.Equal(t, before+1, *e.page(keyA, status).TotalCount, "a status change is counted")
}

// The list answer written around the stored session bytes is exactly what
// encoding/json makes of the same page.
func TestListEncodedLikeJSON(t *testing.T) {
	e := newEnv(t, nil)
	for i := range 3 {
		e.create(keyA, createBody("ref-<&>", map[string]string{"n": strconv.Itoa(i), "x": "\u2028\"q\""}))
	}
	for _, query := range []string{"limit=2&includeTotal=true", "limit=10", "search=nothing-matches"} {
		v, err := url.ParseQuery(query)
		require.NoError(t, err)
		q, err := parseListQuery(v)
		require.NoError(t, err)
		resp, err := e.sb.list(t.Context(), e.account(keyA).id, q)
		require.NoError(t, err)
		want, err := json.Marshal(resp)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(resp.encode()), query)
		got := e.do("GET", "/sessions?"+query, keyA, nil)
		assert.Equal(t, string(want)+"\n", string(got.body), query)
	}
}
