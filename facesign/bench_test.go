package facesign_test

import (
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
)

var benchBody = []byte(`{"id":"evt_01JQ8Z","type":"session.status","createdAt":1772366400,"sessionId":"s_01JQ8Z"}`)

func BenchmarkSign(b *testing.B) {
	now := time.Unix(1_772_366_400, 0)
	for b.Loop() {
		_ = facesign.Sign("whsec_benchmark_secret", benchBody, now)
	}
}

// BenchmarkVerifyRotation: two secrets and two v1 values, the worst case a
// receiver sees during a rotation.
func BenchmarkVerifyRotation(b *testing.B) {
	now := time.Unix(1_772_366_400, 0)
	h := facesign.Sign("whsec_new", benchBody, now)
	h += ",v1=" + facesign.Sign("whsec_old", benchBody, now)[len("t=1772366400,v1="):]
	secrets := []string{"whsec_old", "whsec_new"}
	for b.Loop() {
		if err := facesign.Verify(h, benchBody, secrets, facesign.DefaultTolerance, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetSession: one client call over loopback HTTP against a stub, the
// client's own overhead (encode, headers, limits, decode) plus the round trip.
func BenchmarkGetSession(b *testing.B) {
	c, _, _ := newStub(b, testKey, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, `{"session":`+sessionJSON+`,"clientSecret":`+secretJSON+`}`)
	}, facesign.WithLogger(slog.New(slog.DiscardHandler)))
	ctx := b.Context()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.GetSession(ctx, "s_1"); err != nil {
			b.Fatal(err)
		}
	}
}
