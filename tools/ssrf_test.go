package tools

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostsResolver stands in for DNS: a name resolves to what the map says,
// without a query leaving the machine.
type hostsResolver map[string]string

func (h hostsResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := h[host]; ok {
		return []netip.Addr{netip.MustParseAddr(a)}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// countingServer is a loopback server standing in for an internal service
// the tool must not reach: it counts requests and answers with status.
func countingServer(t *testing.T, status int, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// Without --allow-private-api, set_api_key sends a key to no loopback or
// private address, whether the URL spells the address or a name resolves to
// it (checked when dialled, so DNS cannot rebind it); link-local and metadata
// addresses are refused even with the flag. Nothing reaches the stand-in.
func TestSetAPIKeyServerURLPolicy(t *testing.T) {
	inside, hits := countingServer(t, 200, `{"avatars":[],"langs":[]}`)
	port := inside.Listener.Addr().(*net.TCPAddr).Port
	resolver := hostsResolver{"api.internal.test": "127.0.0.1", "metadata.test": "169.254.169.254"}
	h := newToolHarnessWith(t, func(d *Deps) { d.ServerURLResolver = resolver })
	c := h.Dial(t)

	for _, tc := range []struct {
		name, url string
		want      []string
	}{
		{"loopback IP", inside.URL, []string{"loopback", "--allow-private-api"}},
		{"localhost", fmt.Sprintf("http://localhost:%d", port), []string{"loopback", "--allow-private-api"}},
		{"IPv4-mapped loopback", fmt.Sprintf("http://[::ffff:127.0.0.1]:%d", port), []string{"loopback"}},
		{"private", "https://10.0.0.5", []string{"private", "--allow-private-api"}},
		{"metadata", "http://169.254.169.254/latest", []string{"link-local", "never"}},
		{"IPv6 metadata", "http://[fd00:ec2::254]/", []string{"metadata", "never"}},
		{"port zero", "https://api.example.com:0/", []string{"port"}},
		{"name resolving to loopback", fmt.Sprintf("http://api.internal.test:%d", port), []string{"did not answer as a FaceSign API"}},
		{"name resolving to metadata", "http://metadata.test/", []string{"did not answer as a FaceSign API"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := RequireToolError(t, CallTool(t, c, "set_api_key", map[string]any{"apiKey": tkBob, "serverUrl": tc.url}))
			for _, w := range tc.want {
				assert.Contains(t, msg, w)
			}
			assert.NotContains(t, msg, tkBob)
		})
	}
	assert.Zero(t, hits.Load(), "no request reached the loopback stand-in")

	t.Run("a production key goes over https only", func(t *testing.T) {
		msg := RequireToolError(t, CallTool(t, c, "set_api_key", map[string]any{"apiKey": tkProd, "serverUrl": "http://api.example.com"}))
		assert.Contains(t, msg, "https")
	})

	// With the flag, loopback works (the same name now reaches the stand-in,
	// which proves the resolver was the one consulted); metadata stays out.
	h2 := newToolHarnessWith(t, func(d *Deps) { d.ServerURLResolver = resolver; d.AllowPrivateAPI = true })
	c2 := h2.Dial(t)
	var out SetAPIKeyOutput
	RequireOK(t, CallTool(t, c2, "set_api_key", map[string]any{"apiKey": tkBob, "serverUrl": "http://api.internal.test:" + fmt.Sprint(port) + "/sandbox-stand-in"}), nil)
	_ = out
	assert.Equal(t, int32(2), hits.Load(), "avatars and langs, once each")
	msg := RequireToolError(t, CallTool(t, c2, "set_api_key", map[string]any{"apiKey": tkBob, "serverUrl": "http://metadata.test/"}))
	assert.Contains(t, msg, "did not answer as a FaceSign API")
	msg = RequireToolError(t, CallTool(t, c2, "set_api_key", map[string]any{"apiKey": tkBob, "serverUrl": "http://169.254.169.254/"}))
	assert.Contains(t, msg, "never")
}

// What a server named by serverUrl answers never comes back, and every
// failure reads the same: an error page's secret, a status code, a content
// type or "connection refused" would each tell the caller something about a
// service it cannot otherwise see (a readable SSRF, a port scanner).
func TestSetAPIKeyDoesNotShowAnotherServersAnswer(t *testing.T) {
	const secret = "AKIAIOSFODNN7EXAMPLE"
	h := newToolHarnessWith(t, func(d *Deps) { d.AllowPrivateAPI = true })
	c := h.Dial(t)
	strip := func(msg, url string) string { return strings.ReplaceAll(msg, url, "URL") }

	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close() // its port now refuses connections
	reference := strip(RequireToolError(t, CallTool(t, c, "set_api_key", map[string]any{"apiKey": tkBob, "serverUrl": closedURL})), closedURL)
	assert.Contains(t, reference, "did not answer as a FaceSign API")
	assert.NotContains(t, reference, "refused")

	for _, status := range []int{200, 400, 401, 403, 404, 500} {
		for ct, body := range map[string]string{
			"text/html":        "<html><pre>aws_secret=" + secret + "</pre></html>",
			"application/json": `{"error":{"type":"authentication_error","message":"` + secret + `"},"avatars":"` + secret + `"}`,
		} {
			t.Run(fmt.Sprintf("%d %s", status, ct), func(t *testing.T) {
				internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", ct)
					w.WriteHeader(status)
					_, _ = w.Write([]byte(body))
				}))
				defer internal.Close()
				msg := RequireToolError(t, CallTool(t, c, "set_api_key", map[string]any{"apiKey": tkBob, "serverUrl": internal.URL}))
				assert.NotContains(t, msg, secret)
				assert.Equal(t, reference, strip(msg, internal.URL), "the same words as for a closed port")
			})
		}
	}
}

// A server the operator allowed that answers like FaceSign is proven; what it
// says about avatars and languages is shown, cut to short printable lines.
func TestSetAPIKeyShowsAProvenServersNamesOnly(t *testing.T) {
	long := strings.Repeat("x", 500)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/avatars") {
			_, _ = fmt.Fprintf(w, `{"avatars":[{"id":"av_1","name":"Sofia\u0007\n%s"}]}`, long)
			return
		}
		_, _ = w.Write([]byte(`{"langs":[{"id":"en","title":"English"}]}`))
	}))
	t.Cleanup(srv.Close)
	h := newToolHarnessWith(t, func(d *Deps) { d.AllowPrivateAPI = true })
	c := h.Dial(t)
	var out SetAPIKeyOutput
	RequireOK(t, CallTool(t, c, "set_api_key", map[string]any{"apiKey": tkBob, "serverUrl": srv.URL}), &out)
	require.Len(t, out.Avatars, 1)
	assert.True(t, strings.HasPrefix(out.Avatars[0].Name, "Sofiaxxx"), out.Avatars[0].Name)
	assert.LessOrEqual(t, len([]rune(out.Avatars[0].Name)), maxShownChars+1)
}
