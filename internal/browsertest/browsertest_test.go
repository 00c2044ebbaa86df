package browsertest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/internal/browsertest"
)

// The browser really starts, loads a loopback page, runs its script and gets
// a camera stream from the fake device; and with DenyMedia it gets none.
func TestBrowserCamera(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!doctype html><title>cam</title><p id=out>waiting</p><script>
navigator.mediaDevices.getUserMedia({video: true}).then(
  s => { document.getElementById("out").textContent = "granted " + s.getVideoTracks().length; },
  e => { document.getElementById("out").textContent = "denied " + e.name; });
</script>`))
	}))
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		name string
		opts browsertest.Options
		want string
	}{
		{"granted", browsertest.Options{}, "granted 1"},
		{"denied", browsertest.Options{DenyMedia: true}, "denied NotAllowedError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := browsertest.New(t, tc.opts)
			ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(srv.URL)))
			_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("out").textContent !== "waiting"`))
			require.NoError(t, err)
			got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#out")))
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}
