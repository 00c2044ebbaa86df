package sandbox

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A bearer that is not a FaceSign key may be a password sent by mistake: no
// part of it comes back in the 401. A FaceSign key shows its prefix and last four.
func TestUnauthorizedNeverEchoesForeignBearer(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		name, key string
		absent    []string
		present   string
	}{
		{"password", "verysecretpassword", []string{"word", "very", "secret"}, ""},
		{"short password", "hunter2", []string{"ter2", "hunt"}, ""},
		{"jwt-like", "eyJhbGciOiJIUzI1NiJ9.payload.sig", []string{"sig", "eyJ", "payload"}, ""},
		{"production key", "sk_live_abcdefgh12345678", []string{"abcdefgh"}, "sk_live_…5678"},
		{"bad sandbox key", "sk_test_abcd efgh!!", []string{"abcd", "efgh"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", e.srv.URL+"/sandbox/sessions", nil)
			req.Header.Set("Authorization", "Bearer "+tc.key)
			res, err := e.srv.Client().Do(req)
			if !assert.NoError(t, err) {
				return
			}
			defer res.Body.Close()
			r := resp{status: res.StatusCode, header: res.Header}
			r.body, err = io.ReadAll(res.Body)
			assert.NoError(t, err)
			er := r.apiErr(t, http.StatusUnauthorized, "authentication_error")
			msg := er["message"].(string)
			for _, a := range tc.absent {
				assert.NotContains(t, msg, a)
			}
			if tc.present != "" {
				assert.Contains(t, msg, tc.present)
			}
			assert.Contains(t, msg, "sk_test_", "the message says which keys the sandbox takes")
		})
	}
	assert.Equal(t, "…", keyHint("verysecretpassword"))
	assert.Equal(t, "sk_test_…1111", keyHint(keyA))
}

func TestAccountCacheEvictsLeastRecentlyUsed(t *testing.T) {
	var c accountCache
	c.limit = 3
	for i := range 5 {
		c.put(string(rune('a'+i)), account{id: int64(i)})
	}
	assert.Equal(t, 3, c.len())
	_, ok := c.get("a")
	assert.False(t, ok, "the oldest went first")
	_, ok = c.get("c")
	assert.True(t, ok)
	c.put("f", account{id: 5}) // c was just used: d goes
	_, ok = c.get("d")
	assert.False(t, ok)
	a, ok := c.get("c")
	assert.True(t, ok)
	assert.Equal(t, int64(2), a.id)
	assert.Equal(t, 3, c.len())
}

// Windows that are over are pruned once a minute, however few there are.
func TestRateLimiterPrunesOldWindows(t *testing.T) {
	clock := newFakeClock()
	l := newRateLimiter(10, clock.Now)
	for acct := range int64(50) {
		assert.NoError(t, l.allow(httptest.NewRecorder(), acct))
	}
	assert.Len(t, l.win, 50)
	clock.Advance(2 * time.Minute)
	assert.NoError(t, l.allow(httptest.NewRecorder(), 1000))
	assert.Len(t, l.win, 1, "only the live window is left")
	for range 9 {
		assert.NoError(t, l.allow(httptest.NewRecorder(), 1000))
	}
	assert.Error(t, l.allow(httptest.NewRecorder(), 1000), "the limit still holds after a prune")
}

// authenticate keeps a bounded number of accounts in memory; an evicted key
// finds its account again in the store.
func TestAuthenticateCacheIsBounded(t *testing.T) {
	e := newEnv(t, nil)
	e.sb.accounts.limit = 3
	id := e.create(keyA, createBody("", nil))
	for i := range 5 {
		require.Equal(t, http.StatusOK, e.do("GET", "/sessions", fmt.Sprintf("sk_test_cycling%08d", i), nil).status)
	}
	assert.Equal(t, 3, e.sb.accounts.len())
	assert.Equal(t, http.StatusOK, e.do("GET", "/sessions/"+id, keyA, nil).status, "the evicted key is still the same account")
	assert.Equal(t, http.StatusNotFound, e.do("GET", "/sessions/"+id, "sk_test_cycling00000001", nil).status)
}
