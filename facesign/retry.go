package facesign

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Retry policy defaults: three attempts in all, 500 ms doubling, 10 s at most.
const (
	DefaultMaxAttempts = 3
	DefaultBaseDelay   = 500 * time.Millisecond
	DefaultMaxDelay    = 10 * time.Second
)

// retryPolicy decides whether and when to repeat a request.
//
// Only GET is ever repeated. FaceSign has no idempotency keys, so a POST or
// DELETE that may have been processed must not run twice: not after a network
// error, not after a 5xx. A 429 would be safe in principle (the limiter refuses
// before processing), but a rate-limited client repeating writes only deepens
// the hole, and the caller that owns the write is better placed to wait; so
// writes fail fast on 429 too, with RetryAfter filled in for the caller.
type retryPolicy struct {
	maxAttempts int
	baseDelay   time.Duration
	maxDelay    time.Duration
}

func defaultRetryPolicy() retryPolicy {
	return retryPolicy{maxAttempts: DefaultMaxAttempts, baseDelay: DefaultBaseDelay, maxDelay: DefaultMaxDelay}
}

// retryableStatus: rate limiting and server failures that may pass. 501 and
// 505 say the server will never do it, so repeating is pointless.
func retryableStatus(status int) bool {
	if status == http.StatusTooManyRequests {
		return true
	}
	return status >= 500 && status <= 599 && status != http.StatusNotImplemented && status != http.StatusHTTPVersionNotSupported
}

// backoff is the wait before attempt n+1 after attempt n (n counts from 1)
// failed: exponential from baseDelay, capped at maxDelay, with "equal jitter"
// (half fixed, half random) so that many clients that failed together do not
// come back together. jitter is a number in [0, 1).
func (p retryPolicy) backoff(n int, jitter float64) time.Duration {
	d := p.baseDelay
	for i := 1; i < n && d < p.maxDelay; i++ {
		d *= 2
	}
	if d > p.maxDelay {
		d = p.maxDelay
	}
	half := d / 2
	return half + time.Duration(float64(d-half)*jitter)
}

// serverWait reads the server's own wait hint: Retry-After (delta seconds or an
// HTTP date), or on a 429 X-RateLimit-Reset (the Unix time, in seconds or
// milliseconds, at which the window reopens). ok is false when neither is
// present or readable.
func serverWait(status int, h http.Header, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
			if secs < 0 {
				return 0, true
			}
			if secs > int64(24*time.Hour/time.Second) {
				secs = int64(24 * time.Hour / time.Second)
			}
			return time.Duration(secs) * time.Second, true
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0), true
		}
	}
	if status == http.StatusTooManyRequests {
		if v := strings.TrimSpace(h.Get("X-RateLimit-Reset")); v != "" {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
				return max(UnixTime(n).Sub(now), 0), true
			}
		}
	}
	return 0, false
}

// wait picks the delay before the next attempt: the server's hint when it gave
// one, otherwise the jittered backoff; either way at most maxDelay.
func (p retryPolicy) wait(n int, hint time.Duration, hasHint bool) time.Duration {
	if hasHint {
		return min(max(hint, 0), p.maxDelay)
	}
	return p.backoff(n, rand.Float64())
}

// sleepCtx waits d or until ctx is done, whichever comes first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
