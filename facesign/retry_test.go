package facesign

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestBackoff(t *testing.T) {
	p := retryPolicy{maxAttempts: 5, baseDelay: 100 * time.Millisecond, maxDelay: time.Second}
	tests := []struct {
		attempt  int
		min, max time.Duration
	}{
		{1, 50 * time.Millisecond, 100 * time.Millisecond},
		{2, 100 * time.Millisecond, 200 * time.Millisecond},
		{3, 200 * time.Millisecond, 400 * time.Millisecond},
		{4, 400 * time.Millisecond, 800 * time.Millisecond},
		{5, 500 * time.Millisecond, time.Second},
		{60, 500 * time.Millisecond, time.Second},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.min, p.backoff(tt.attempt, 0), "attempt %d, no jitter", tt.attempt)
		assert.InDelta(t, float64(tt.max), float64(p.backoff(tt.attempt, 0.9999999999)), float64(time.Microsecond), "attempt %d, full jitter", tt.attempt)
		for range 20 {
			d := p.wait(tt.attempt, 0, false)
			assert.GreaterOrEqual(t, d, tt.min)
			assert.LessOrEqual(t, d, tt.max)
		}
	}
	assert.Equal(t, time.Second, p.wait(1, time.Hour, true), "a server hint is capped by maxDelay")
	assert.Equal(t, time.Duration(0), p.wait(1, 0, true), "Retry-After: 0 means now")
}

func TestServerWait(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		status int
		header http.Header
		want   time.Duration
		ok     bool
	}{
		{"retry-after seconds", 429, http.Header{"Retry-After": {"7"}}, 7 * time.Second, true},
		{"retry-after on 503", 503, http.Header{"Retry-After": {"2"}}, 2 * time.Second, true},
		{"retry-after http date", 429, http.Header{"Retry-After": {now.Add(30 * time.Second).Format(http.TimeFormat)}}, 30 * time.Second, true},
		{"retry-after date in the past", 429, http.Header{"Retry-After": {now.Add(-time.Minute).Format(http.TimeFormat)}}, 0, true},
		{"retry-after negative", 429, http.Header{"Retry-After": {"-3"}}, 0, true},
		{"retry-after garbage falls back to reset", 429, http.Header{"Retry-After": {"soon"}, "X-Ratelimit-Reset": {"1772366412"}}, 12 * time.Second, true},
		{"rate limit reset seconds", 429, http.Header{"X-Ratelimit-Reset": {"1772366415"}}, 15 * time.Second, true},
		{"rate limit reset milliseconds", 429, http.Header{"X-Ratelimit-Reset": {"1772366403500"}}, 3500 * time.Millisecond, true},
		{"reset ignored on 500", 500, http.Header{"X-Ratelimit-Reset": {"1772366415"}}, 0, false},
		{"nothing", 429, http.Header{}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := serverWait(tt.status, tt.header, now)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}
