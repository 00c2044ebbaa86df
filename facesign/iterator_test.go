package facesign_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
)

// pages serves ids in pages of the requested limit, with the cursor being the
// index of the next session, and records the cursors asked for.
func pages(ids []string) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		limit := 2
		fmt.Sscan(r.URL.Query().Get("limit"), &limit)
		start := 0
		if c := r.URL.Query().Get("cursor"); c != "" {
			fmt.Sscanf(c, "cur_%d", &start)
		}
		end := min(start+limit, len(ids))
		var items []string
		for _, id := range ids[start:end] {
			items = append(items, fmt.Sprintf(`{"id":%q,"createdAt":1772366400,"status":"complete","settings":{}}`, id))
		}
		next := ""
		if end < len(ids) {
			next = fmt.Sprintf(`,"nextCursor":"cur_%d"`, end)
		}
		reply(w, 200, fmt.Sprintf(`{"sessions":[%s],"hasMore":%t%s}`, strings.Join(items, ","), end < len(ids), next))
	}
}

func TestSessionsIterator(t *testing.T) {
	ids := []string{"s_1", "s_2", "s_3", "s_4", "s_5", "s_6", "s_7"}
	t.Run("follows every cursor", func(t *testing.T) {
		c, s, _ := newStub(t, testKey, pages(ids))
		var got []string
		for sess, err := range c.Sessions(t.Context(), facesign.ListParams{Limit: 3, Status: []facesign.Status{facesign.StatusComplete}}) {
			require.NoError(t, err)
			got = append(got, sess.ID)
		}
		assert.Equal(t, ids, got)
		reqs := s.requests()
		require.Len(t, reqs, 3)
		assert.Equal(t, []string{"", "cur_3", "cur_6"}, []string{reqs[0].Query.Get("cursor"), reqs[1].Query.Get("cursor"), reqs[2].Query.Get("cursor")})
		for _, r := range reqs {
			assert.Equal(t, "3", r.Query.Get("limit"), "page size kept")
			assert.Equal(t, "complete", r.Query.Get("status"), "filters kept")
		}
	})
	t.Run("starts at the given cursor", func(t *testing.T) {
		c, _, _ := newStub(t, testKey, pages(ids))
		var got []string
		for sess, err := range c.Sessions(t.Context(), facesign.ListParams{Limit: 4, Cursor: "cur_5"}) {
			require.NoError(t, err)
			got = append(got, sess.ID)
		}
		assert.Equal(t, []string{"s_6", "s_7"}, got)
	})
	t.Run("break stops fetching", func(t *testing.T) {
		c, s, _ := newStub(t, testKey, pages(ids))
		n := 0
		for _, err := range c.Sessions(t.Context(), facesign.ListParams{Limit: 2}) {
			require.NoError(t, err)
			n++
			if n == 3 {
				break
			}
		}
		assert.Len(t, s.requests(), 2)
	})
	t.Run("empty", func(t *testing.T) {
		c, _, _ := newStub(t, testKey, pages(nil))
		for range c.Sessions(t.Context(), facesign.ListParams{}) {
			t.Fatal("no sessions expected")
		}
	})
	t.Run("error mid-way is yielded once", func(t *testing.T) {
		c, _, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
			if n > 1 {
				reply(w, 400, `{"error":{"type":"validation_error","code":"bad_cursor","message":"cursor is not valid"}}`)
				return
			}
			pages(ids)(w, r, n)
		})
		var got []string
		var errs []error
		for sess, err := range c.Sessions(t.Context(), facesign.ListParams{Limit: 2}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, sess.ID)
		}
		assert.Equal(t, []string{"s_1", "s_2"}, got)
		require.Len(t, errs, 1)
		assert.True(t, facesign.IsValidation(errs[0]))
	})
	t.Run("hasMore without a cursor ends with an error, not a loop", func(t *testing.T) {
		c, s, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
			reply(w, 200, `{"sessions":[{"id":"s_1","createdAt":1,"status":"complete","settings":{}}],"hasMore":true}`)
		})
		var errs []error
		for _, err := range c.Sessions(t.Context(), facesign.ListParams{}) {
			if err != nil {
				errs = append(errs, err)
			}
		}
		require.Len(t, errs, 1)
		assert.Contains(t, errs[0].Error(), "no new nextCursor")
		assert.Len(t, s.requests(), 1)
	})
	t.Run("a repeated cursor ends with an error, not a loop", func(t *testing.T) {
		c, s, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
			reply(w, 200, `{"sessions":[],"hasMore":true,"nextCursor":"same"}`)
		})
		var errs []error
		for _, err := range c.Sessions(t.Context(), facesign.ListParams{}) {
			if err != nil {
				errs = append(errs, err)
			}
		}
		require.Len(t, errs, 1)
		assert.Len(t, s.requests(), 2)
	})
}
