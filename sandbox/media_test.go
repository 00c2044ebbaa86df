package sandbox

import (
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMediaSignerSign(t *testing.T) {
	m := &mediaSigner{key: []byte("0123456789abcdef0123456789abcdef"), base: "http://127.0.0.1:7717/verify/media/", ttl: time.Hour, quantum: 5 * time.Minute}
	now := time.Date(2026, 12, 3, 10, 2, 0, 0, time.UTC)
	signed := regexp.MustCompile(`"http://127\.0\.0\.1:7717/verify/media/(med_[0-9a-z]+)\?exp=(\d+)&sig=([A-Za-z0-9_-]+)"`)
	tests := []struct {
		name, body string
		urls       int
	}{
		{"no reference", `{"screenshots":["sandbox://sessions/ses_1/screenshots/live-1.jpg"]}`, 0},
		{"one", `{"screenshots":["sandbox-media:med_abc123"]}`, 1},
		{"two", `{"a":"sandbox-media:med_1","b":["sandbox-media:med_2"]}`, 2},
		{"not a whole string", `{"text":"see sandbox-media:med_1 here"}`, 0},
		{"odd characters", `{"s":"sandbox-media:med_A!"}`, 0},
		{"empty id", `{"s":"sandbox-media:"}`, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := string(m.sign([]byte(tc.body), now))
			got := signed.FindAllStringSubmatch(out, -1)
			require.Len(t, got, tc.urls, out)
			if tc.urls == 0 {
				assert.Equal(t, tc.body, out, "left as it was")
			}
			for _, g := range got {
				exp, err := strconv.ParseInt(g[2], 10, 64)
				require.NoError(t, err)
				sig, err := url.QueryUnescape(g[3])
				require.NoError(t, err)
				assert.True(t, m.valid(g[1], exp, sig, now))
				assert.True(t, m.valid(g[1], exp, sig, now.Add(time.Hour)), "valid for at least the TTL")
				assert.False(t, m.valid(g[1], exp, sig, time.Unix(exp, 0)), "not at its expiry")
				assert.False(t, m.valid(g[1]+"x", exp, sig, now), "for another id")
				assert.False(t, m.valid(g[1], exp+1, sig, now), "with another expiry")
			}
		})
	}
	// Within one quantum the same URL comes back, so a session's JSON is stable.
	a := m.url("med_1", now)
	assert.Equal(t, a, m.url("med_1", now.Add(time.Minute)))
}
