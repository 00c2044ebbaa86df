package facesign_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
)

// fails answers status for the first `times` requests, then a valid avatar list
// (or session, for POSTs).
func fails(times, status int, header map[string]string) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= times {
			for k, v := range header {
				w.Header().Set(k, v)
			}
			reply(w, status, fmt.Sprintf(`{"error":{"type":"x","message":"attempt %d failed"}}`, n))
			return
		}
		if r.Method == http.MethodPost {
			reply(w, 201, `{"session":`+sessionJSON+`,"clientSecret":`+secretJSON+`}`)
			return
		}
		reply(w, 200, `[{"id":"av_1","name":"Maya"}]`)
	}
}

func TestRetries(t *testing.T) {
	fixedNow := time.Unix(1_772_366_400, 0)
	retry := facesign.WithRetry(4, 100*time.Millisecond, 5*time.Second)
	avatars := func(ctx context.Context, c *facesign.Client) error { _, err := c.Avatars(ctx); return err }
	create := func(ctx context.Context, c *facesign.Client) error {
		_, err := c.CreateSession(ctx, facesign.Settings{})
		return err
	}
	tests := []struct {
		name      string
		handler   func(w http.ResponseWriter, r *http.Request, n int)
		call      func(ctx context.Context, c *facesign.Client) error
		wantErr   bool
		requests  int
		wantWaits []time.Duration // exact, when the server dictates them
		waitRange [2]time.Duration
	}{
		{
			name:    "GET 429 with Retry-After then success",
			handler: fails(1, 429, map[string]string{"Retry-After": "2"}), call: avatars,
			requests: 2, wantWaits: []time.Duration{2 * time.Second},
		},
		{
			name:    "GET 429 with an HTTP-date Retry-After",
			handler: fails(1, 429, map[string]string{"Retry-After": fixedNow.Add(3 * time.Second).UTC().Format(http.TimeFormat)}), call: avatars,
			requests: 2, wantWaits: []time.Duration{3 * time.Second},
		},
		{
			name:    "GET 429 with X-RateLimit-Reset",
			handler: fails(1, 429, map[string]string{"X-RateLimit-Reset": strconv.FormatInt(fixedNow.Unix()+4, 10), "X-RateLimit-Remaining": "0"}), call: avatars,
			requests: 2, wantWaits: []time.Duration{4 * time.Second},
		},
		{
			name:    "Retry-After beyond maxDelay is capped",
			handler: fails(2, 429, map[string]string{"Retry-After": "3600"}), call: avatars,
			requests: 3, wantWaits: []time.Duration{5 * time.Second, 5 * time.Second},
		},
		{
			name:    "GET 503 twice then success, exponential backoff",
			handler: fails(2, 503, nil), call: avatars,
			requests: 3, waitRange: [2]time.Duration{50 * time.Millisecond, 200 * time.Millisecond},
		},
		{
			name:    "GET 500s exhaust the attempts",
			handler: fails(100, 500, nil), call: avatars, wantErr: true,
			requests: 4, waitRange: [2]time.Duration{50 * time.Millisecond, 400 * time.Millisecond},
		},
		{
			name:    "GET 501 is not retried",
			handler: fails(100, 501, nil), call: avatars, wantErr: true, requests: 1,
		},
		{
			name:    "GET 404 is not retried",
			handler: fails(100, 404, nil), call: avatars, wantErr: true, requests: 1,
		},
		{
			name:    "POST 429 is not retried",
			handler: fails(1, 429, map[string]string{"Retry-After": "2"}), call: create, wantErr: true, requests: 1,
		},
		{
			name:    "POST 500 is not retried",
			handler: fails(1, 500, nil), call: create, wantErr: true, requests: 1,
		},
		{
			name:    "DELETE 503 is not retried",
			handler: fails(1, 503, nil), call: func(ctx context.Context, c *facesign.Client) error { return c.DeleteWebhook(ctx, "wh_1") },
			wantErr: true, requests: 1,
		},
		{
			name:    "refresh is a GET but not retried",
			handler: fails(1, 503, nil), call: func(ctx context.Context, c *facesign.Client) error { _, err := c.RefreshSecret(ctx, "s_1"); return err },
			wantErr: true, requests: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s, _ := newStub(t, testKey, tt.handler, retry, facesign.WithClock(func() time.Time { return fixedNow }))
			err := tt.call(t.Context(), c)
			if tt.wantErr {
				var e *facesign.APIError
				require.ErrorAs(t, err, &e)
				assert.NotZero(t, e.StatusCode)
				assert.Contains(t, e.Message, fmt.Sprintf("attempt %d failed", tt.requests), "the last attempt's error is reported")
			} else {
				require.NoError(t, err)
			}
			assert.Len(t, s.requests(), tt.requests)
			waits := s.waits()
			assert.Len(t, waits, tt.requests-1)
			if tt.wantWaits != nil {
				assert.Equal(t, tt.wantWaits, waits)
			}
			if tt.waitRange[1] > 0 {
				for i, w := range waits {
					lo := tt.waitRange[0] << i
					hi := min(tt.waitRange[0]<<(i+1), tt.waitRange[1]<<i)
					assert.GreaterOrEqual(t, w, lo, "wait %d", i)
					assert.LessOrEqual(t, w, hi, "wait %d", i)
				}
			}
		})
	}
}

func TestPOSTRateLimitCarriesRetryAfter(t *testing.T) {
	c, _, _ := newStub(t, testKey, fails(1, 429, map[string]string{"Retry-After": "7"}))
	_, err := c.CreateSession(t.Context(), facesign.Settings{})
	var e *facesign.APIError
	require.ErrorAs(t, err, &e)
	assert.True(t, facesign.IsRateLimited(err))
	assert.Equal(t, 7*time.Second, e.RetryAfter, "the caller learns how long to wait")
}

func TestNetworkErrors(t *testing.T) {
	// The first request's connection is cut without an answer.
	cut := func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
			return
		}
		fails(0, 0, nil)(w, r, n)
	}
	t.Run("GET retried after a cut connection", func(t *testing.T) {
		c, s, _ := newStub(t, testKey, cut)
		_, err := c.Avatars(t.Context())
		require.NoError(t, err)
		assert.Len(t, s.requests(), 2)
	})
	t.Run("POST not retried after a cut connection", func(t *testing.T) {
		c, s, _ := newStub(t, testKey, cut)
		_, err := c.CreateSession(t.Context(), facesign.Settings{})
		require.Error(t, err)
		assert.True(t, facesign.IsConnection(err))
		assert.Len(t, s.requests(), 1)
	})
	t.Run("nothing listening", func(t *testing.T) {
		c, err := facesign.New(testKey, facesign.WithBaseURL("http://127.0.0.1:1/sandbox"), facesign.WithRetry(1, 0, 0))
		require.NoError(t, err)
		_, err = c.Avatars(t.Context())
		var e *facesign.APIError
		require.ErrorAs(t, err, &e)
		assert.Equal(t, facesign.ErrorTypeConnection, e.Type)
		assert.Equal(t, 0, e.StatusCode)
		assert.NotContains(t, err.Error(), keySecret)
	})
	t.Run("per-attempt timeout, then retried", func(t *testing.T) {
		c, s, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				<-r.Context().Done() // hang until the client gives up on this attempt
				return
			}
			fails(0, 0, nil)(w, r, n)
		}, facesign.WithTimeout(50*time.Millisecond))
		_, err := c.Avatars(t.Context())
		require.NoError(t, err)
		assert.Len(t, s.requests(), 2)
	})
	t.Run("timeout on every attempt", func(t *testing.T) {
		c, s, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) { <-r.Context().Done() },
			facesign.WithTimeout(20*time.Millisecond), facesign.WithRetry(2, time.Millisecond, time.Millisecond))
		_, err := c.Avatars(t.Context())
		require.Error(t, err)
		assert.True(t, facesign.IsConnection(err))
		assert.Contains(t, err.Error(), "no answer within the client timeout")
		assert.Len(t, s.requests(), 2)
	})
}

func TestContextCancelDuringBackoff(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	firstFailed := make(chan struct{})
	c, s, _ := newStub(t, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
		fails(100, 503, nil)(w, r, n)
		if n == 1 {
			close(firstFailed)
		}
	}, facesign.WithRetry(5, 10*time.Second, 10*time.Second), facesign.WithSleep(func(ctx context.Context, d time.Duration) error {
		// The real wait: the test must end because of the cancel, not the timer.
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			return nil
		}
	}))
	go func() {
		<-firstFailed
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	start := time.Now()
	_, err := c.Avatars(ctx)
	assert.Less(t, time.Since(start), 5*time.Second, "the backoff ends with the context")
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	var e *facesign.APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.StatusCode, "the last answer is kept")
	assert.Contains(t, err.Error(), "gave up retrying")
	assert.Len(t, s.requests(), 1)
}

func TestNoWaitPastTheDeadline(t *testing.T) {
	c, s, _ := newStub(t, testKey, fails(100, 429, map[string]string{"Retry-After": "5"}),
		facesign.WithRetry(3, time.Second, 10*time.Second))
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	_, err := c.Avatars(ctx)
	assert.True(t, facesign.IsRateLimited(err), "the 429 is reported at once, not a deadline error later")
	assert.Len(t, s.requests(), 1)
	assert.Empty(t, s.waits())
}

func TestCanceledBeforeStart(t *testing.T) {
	c, s, _ := newStub(t, testKey, fails(0, 0, nil))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.Avatars(ctx)
	assert.ErrorIs(t, err, context.Canceled)
	assert.True(t, facesign.IsConnection(err))
	assert.Empty(t, s.requests())
	assert.Empty(t, s.waits())
}

func TestRetryLogsNoKey(t *testing.T) {
	c, _, logs := newStub(t, testKey, fails(2, 500, nil))
	_, err := c.Avatars(t.Context())
	require.NoError(t, err)
	out := logs.String()
	assert.Contains(t, out, "retrying request")
	assert.Contains(t, out, "status=500")
	assert.NotContains(t, out, keySecret)
}
