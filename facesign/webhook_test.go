package facesign

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	whSecret    = "whsec_current_8f2a"
	whOldSecret = "whsec_previous_11c0"
)

var (
	whNow  = time.Unix(1_772_366_400, 0)
	whBody = []byte(`{"id":"evt_1","type":"session.status","createdAt":1772366400,"sessionId":"s_1"}`)
)

// v1 computes a signature independently of Sign, so the test checks the scheme
// rather than the code against itself.
func v1(secret string, t int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(t, 10) + "." + string(body)))
	return hex.EncodeToString(mac.Sum(nil))
}

func TestSignFormat(t *testing.T) {
	got := Sign(whSecret, whBody, whNow)
	assert.Equal(t, "t=1772366400,v1="+v1(whSecret, whNow.Unix(), whBody), got)
}

func TestVerify(t *testing.T) {
	ts := whNow.Unix()
	good := v1(whSecret, ts, whBody)
	goodOld := v1(whOldSecret, ts, whBody)
	tests := []struct {
		name    string
		header  string
		body    []byte
		secrets []string
		tol     time.Duration
		now     time.Time
		want    error
	}{
		{name: "round trip", header: Sign(whSecret, whBody, whNow)},
		{name: "spaces around elements", header: " t=1772366400 , v1=" + good + " "},
		{name: "several v1, the last one good", header: "t=1772366400,v1=" + strings.Repeat("0", 64) + ",v1=" + good},
		{name: "several v1, the first one good", header: "t=1772366400,v1=" + good + ",v1=" + strings.Repeat("ab", 32)},
		{name: "unknown scheme ignored", header: "t=1772366400,v0=deadbeef,v1=" + good},
		{name: "rotation: signed with the old secret", header: "t=1772366400,v1=" + goodOld, secrets: []string{whSecret, whOldSecret}},
		{name: "rotation: signed with both", header: "t=1772366400,v1=" + good + ",v1=" + goodOld, secrets: []string{whOldSecret}},
		{name: "empty secret skipped", header: Sign(whSecret, whBody, whNow), secrets: []string{"", whSecret}},
		{name: "upper-case hex", header: "t=1772366400,v1=" + strings.ToUpper(good)},
		{name: "just inside tolerance", header: Sign(whSecret, whBody, whNow), now: whNow.Add(DefaultTolerance)},
		{name: "just inside future tolerance", header: Sign(whSecret, whBody, whNow), now: whNow.Add(-DefaultTolerance)},

		{name: "empty header", header: "", want: ErrNotSigned},
		{name: "blank header", header: "  ", want: ErrNotSigned},
		{name: "tampered body", header: Sign(whSecret, whBody, whNow), body: bytes.Replace(whBody, []byte("s_1"), []byte("s_2"), 1), want: ErrNoValidSignature},
		{name: "body with a trailing newline", header: Sign(whSecret, whBody, whNow), body: append(append([]byte{}, whBody...), '\n'), want: ErrNoValidSignature},
		{name: "wrong secret", header: Sign("whsec_other", whBody, whNow), want: ErrNoValidSignature},
		{name: "timestamp changed", header: "t=1772366401,v1=" + good, want: ErrNoValidSignature},
		{name: "rotation: neither secret", header: Sign("whsec_other", whBody, whNow), secrets: []string{whSecret, whOldSecret}, want: ErrNoValidSignature},
		{name: "no secrets", header: Sign(whSecret, whBody, whNow), secrets: []string{}, want: ErrNoSecrets},
		{name: "only empty secrets", header: Sign("", whBody, whNow), secrets: []string{""}, want: ErrNoSecrets},
		{name: "too old", header: Sign(whSecret, whBody, whNow), now: whNow.Add(DefaultTolerance + time.Second), want: ErrTooOld},
		{name: "far too old", header: Sign(whSecret, whBody, time.Unix(0, 0)), want: ErrTooOld},
		{name: "in the future", header: Sign(whSecret, whBody, whNow), now: whNow.Add(-DefaultTolerance - time.Second), want: ErrInFuture},
		{name: "custom tolerance", header: Sign(whSecret, whBody, whNow), now: whNow.Add(11 * time.Second), tol: 10 * time.Second, want: ErrTooOld},
		{name: "zero tolerance means default", header: Sign(whSecret, whBody, whNow), now: whNow.Add(time.Hour), tol: 0, want: ErrTooOld},
		{name: "old and badly signed reports the signature", header: Sign("whsec_other", whBody, time.Unix(0, 0)), want: ErrNoValidSignature},

		{name: "no t", header: "v1=" + good, want: ErrInvalidHeader},
		{name: "no v1", header: "t=1772366400", want: ErrInvalidHeader},
		{name: "v1 not hex", header: "t=1772366400,v1=zz" + good[2:], want: ErrInvalidHeader},
		{name: "v1 too short", header: "t=1772366400,v1=" + good[:62], want: ErrInvalidHeader},
		{name: "t not a number", header: "t=yesterday,v1=" + good, want: ErrInvalidHeader},
		{name: "t negative", header: "t=-5,v1=" + good, want: ErrInvalidHeader},
		{name: "t with plus", header: "t=+1772366400,v1=" + good, want: ErrInvalidHeader},
		{name: "t overflows", header: "t=99999999999999999999,v1=" + good, want: ErrInvalidHeader},
		{name: "two different t", header: "t=1772366400,t=1772366401,v1=" + good, want: ErrInvalidHeader},
		{name: "element without =", header: "t=1772366400,v1" + good, want: ErrInvalidHeader},
		{name: "stripe-style header name inside", header: "X-FaceSign-Signature: t=1772366400,v1=" + good, want: ErrInvalidHeader},
		{name: "huge header", header: "t=1772366400,v1=" + good + strings.Repeat(",v0=a", 3000), want: ErrInvalidHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, secrets, now := tt.body, tt.secrets, tt.now
			if body == nil {
				body = whBody
			}
			if secrets == nil {
				secrets = []string{whSecret}
			}
			if now.IsZero() {
				now = whNow
			}
			tol := tt.tol
			if tol == 0 && tt.name != "zero tolerance means default" {
				tol = DefaultTolerance
			}
			err := Verify(tt.header, body, secrets, tol, now)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			for _, s := range append(secrets, whSecret, whOldSecret) {
				if s != "" {
					assert.NotContains(t, err.Error(), s, "errors never show a secret")
				}
			}
		})
	}
}

// The sentinels are distinct: a receiver can tell a replay from a forgery.
func TestVerifyErrorsAreDistinct(t *testing.T) {
	all := []error{ErrNotSigned, ErrInvalidHeader, ErrTooOld, ErrInFuture, ErrNoValidSignature, ErrNoSecrets}
	for i, a := range all {
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b), "%v vs %v", a, b)
		}
	}
}

func TestVerifyRequest(t *testing.T) {
	newReq := func(body []byte, header string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/webhooks/facesign", bytes.NewReader(body))
		if header != "" {
			r.Header.Set(SignatureHeader, header)
		}
		return r
	}
	t.Run("valid delivery", func(t *testing.T) {
		r := newReq(whBody, Sign(whSecret, whBody, whNow))
		raw, ev, err := VerifyRequest(r, []string{whSecret}, DefaultTolerance, whNow)
		require.NoError(t, err)
		assert.Equal(t, whBody, raw)
		require.NotNil(t, ev)
		assert.Equal(t, WebhookEvent{ID: "evt_1", Type: EventSessionStatus, CreatedAt: NewTime(whNow), SessionID: "s_1"}, *ev)
		again, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		assert.Equal(t, whBody, again, "the body is put back for later readers")
	})
	t.Run("unsigned", func(t *testing.T) {
		raw, ev, err := VerifyRequest(newReq(whBody, ""), []string{whSecret}, DefaultTolerance, whNow)
		assert.ErrorIs(t, err, ErrNotSigned)
		assert.Nil(t, ev)
		assert.Equal(t, whBody, raw)
	})
	t.Run("tampered", func(t *testing.T) {
		_, ev, err := VerifyRequest(newReq([]byte(`{"id":"evt_2"}`), Sign(whSecret, whBody, whNow)), []string{whSecret}, DefaultTolerance, whNow)
		assert.ErrorIs(t, err, ErrNoValidSignature)
		assert.Nil(t, ev)
	})
	t.Run("signed but not an event", func(t *testing.T) {
		body := []byte(`[1,2,3]`)
		_, _, err := VerifyRequest(newReq(body, Sign(whSecret, body, whNow)), []string{whSecret}, DefaultTolerance, whNow)
		assert.ErrorIs(t, err, ErrInvalidEvent)
		body = []byte(`{"sessionId":"s_1"}`)
		_, _, err = VerifyRequest(newReq(body, Sign(whSecret, body, whNow)), []string{whSecret}, DefaultTolerance, whNow)
		assert.ErrorIs(t, err, ErrInvalidEvent)
	})
	t.Run("oversized body", func(t *testing.T) {
		body := bytes.Repeat([]byte("a"), MaxWebhookBodyBytes+1)
		_, _, err := VerifyRequest(newReq(body, Sign(whSecret, body, whNow)), []string{whSecret}, DefaultTolerance, whNow)
		assert.ErrorIs(t, err, ErrBodyTooLarge)
	})
	t.Run("nil request", func(t *testing.T) {
		_, _, err := VerifyRequest(nil, []string{whSecret}, DefaultTolerance, whNow)
		assert.ErrorIs(t, err, ErrInvalidEvent)
	})
}

// FuzzVerify: any header and body, never a panic; a verified delivery is one
// whose header carries the true signature.
func FuzzVerify(f *testing.F) {
	f.Add(Sign(whSecret, whBody, whNow), whBody, int64(0))
	f.Add("t=1772366400,v1=zz", []byte("{}"), int64(5))
	f.Add("t=,v1=,v1", []byte(nil), int64(-400))
	f.Add(",,,=,t==1", []byte("x"), int64(1<<40))
	f.Add("t=1772366400,t=1772366400,v1="+strings.Repeat("0", 64), []byte("x"), int64(0))
	f.Fuzz(func(t *testing.T, header string, body []byte, skew int64) {
		skew %= 50 * 365 * 24 * 3600 // stay after 1970: signatures carry Unix seconds
		now := whNow.Add(time.Duration(skew) * time.Second)
		err := Verify(header, body, []string{whSecret, whOldSecret}, DefaultTolerance, now)
		if err == nil {
			h, perr := parseSignatureHeader(header)
			require.NoError(t, perr)
			want1 := ComputeSignature(whSecret, h.timestamp, body)
			want2 := ComputeSignature(whOldSecret, h.timestamp, body)
			found := false
			for _, s := range h.v1 {
				found = found || hmac.Equal(s, want1) || hmac.Equal(s, want2)
			}
			require.True(t, found, "verified without a true signature")
			return
		}
		known := []error{ErrNotSigned, ErrInvalidHeader, ErrTooOld, ErrInFuture, ErrNoValidSignature}
		ok := false
		for _, k := range known {
			ok = ok || errors.Is(err, k)
		}
		require.True(t, ok, "unexpected error %v", err)
		// Round trip: whatever the body, its own signature verifies.
		require.NoError(t, Verify(Sign(whSecret, body, now), body, []string{whSecret}, DefaultTolerance, now))
	})
}
