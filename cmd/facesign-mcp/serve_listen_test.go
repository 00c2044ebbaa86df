package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/hostguard"
)

func TestSelfAddr(t *testing.T) {
	for in, want := range map[string]string{
		"0.0.0.0:7717":   "127.0.0.1:7717",
		"[::]:17718":     "127.0.0.1:17718",
		":80":            "127.0.0.1:80",
		"127.0.0.1:5":    "127.0.0.1:5",
		"[::1]:5":        "[::1]:5",
		"192.0.2.4:9":    "192.0.2.4:9",
		"localhost:7717": "localhost:7717",
	} {
		assert.Equal(t, want, selfAddr(in), in)
	}
}

// A listener on every address reports itself as [::]:P. The tools must reach
// their own sandbox at 127.0.0.1:P (a Host of [::]:P is refused by the
// DNS-rebinding check), and verification links must use --public-url.
func TestWildcardListenerReachesItsOwnSandbox(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	fl, err := flow.Decode([]byte(validFlow))
	require.NoError(t, err)
	for _, tc := range []struct {
		name, publicURL, wantLink string
	}{
		{"default public URL", "", "http://127.0.0.1:PORT/verify?client_secret="},
		{"--public-url", "https://verify.example.com", "https://verify.example.com/verify?client_secret="},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			// The test itself listens on loopback only; the server is told it
			// is on every address, as net.Listen("tcp", "0.0.0.0:P") reports.
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			_, port, _ := net.SplitHostPort(ln.Addr().String())
			wildcard := "[::]:" + port

			f := &serverFlags{dataDir: t.TempDir(), publicURL: tc.publicURL}
			deps, err := newDeps(f, log, wildcard)
			require.NoError(t, err)
			assert.Equal(t, "http://127.0.0.1:"+port+"/sandbox", deps.SandboxURL)
			sb, err := openSandbox(ctx, f, log, wildcard)
			require.NoError(t, err)
			srv := newHTTPServer(listenerMux(nil, sb, hostguard.NewTrustedHosts(tc.publicURL), nil), log)
			go func() { _ = srv.Serve(ln) }()
			t.Cleanup(func() { _ = shutdown(ctx, log, srv, nil, sb) })

			c, err := facesign.New("sk_test_wildcard12345678", facesign.WithBaseURL(deps.SandboxURL))
			require.NoError(t, err)
			created, err := c.CreateSession(ctx, facesign.Settings{Flow: fl, ClientReferenceID: "wildcard"})
			require.NoError(t, err, "the tools' own sandbox calls must not be refused")
			want := strings.ReplaceAll(tc.wantLink, "PORT", port)
			assert.True(t, strings.HasPrefix(created.ClientSecret.URL, want), "%s does not start with %s", created.ClientSecret.URL, want)
		})
	}
}

// On a listener beyond loopback, /mcp (behind its auth token) and /healthz
// answer the network; /sandbox, which takes any sk_test_ key, answers only
// this machine.
func TestSandboxAnswersOnlyThisMachine(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sb, err := openSandbox(context.Background(), &serverFlags{dataDir: t.TempDir()}, log, "127.0.0.1:7717")
	require.NoError(t, err)
	t.Cleanup(func() { _ = sb.Close() })
	mcpStub := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	h := listenerMux(mcpStub, sb, hostguard.NewTrustedHosts("https://mcp.example.com", "https://app.example.com"), nil)
	lanAddr := &net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 7717}
	const lanHost = "192.0.2.10:7717"
	const onlyHere, rebinding = "only served to this machine", "DNS rebinding"
	for _, tc := range []struct {
		name, path, host, remote string
		local                    net.Addr
		want                     int
		wantIn                   string
	}{
		{"sandbox from the network", "/sandbox/v1/langs", lanHost, "203.0.113.7:40000", lanAddr, http.StatusForbidden, onlyHere},
		{"sandbox webhooks from the network", "/sandbox/v1/webhooks", lanHost, "203.0.113.7:40000", lanAddr, http.StatusForbidden, onlyHere},
		{"sandbox from a mapped network address", "/sandbox/v1/langs", lanHost, "[::ffff:203.0.113.7]:40000", lanAddr, http.StatusForbidden, onlyHere},
		{"sandbox from loopback", "/sandbox/v1/langs", lanHost, "127.0.0.1:40000", lanAddr, http.StatusUnauthorized, ""},
		{"sandbox from IPv6 loopback", "/sandbox/v1/langs", lanHost, "[::1]:40000", lanAddr, http.StatusUnauthorized, ""},
		{"sandbox from this host's own LAN address", "/sandbox/v1/langs", lanHost, "192.0.2.10:40000", lanAddr, http.StatusUnauthorized, ""},
		// A browser on this machine whose page's name was rebound to the LAN
		// address: the peer is this host, only Host tells it apart.
		{"sandbox from a rebound browser on this machine", "/sandbox/avatars", "evil.com", "192.0.2.10:40000", lanAddr, http.StatusForbidden, rebinding},
		{"sandbox by the public URL's name from this machine", "/sandbox/v1/langs", "mcp.example.com", "192.0.2.10:40000", lanAddr, http.StatusUnauthorized, ""},
		{"sandbox by another IP literal", "/sandbox/v1/langs", "192.0.2.99:7717", "192.0.2.10:40000", lanAddr, http.StatusForbidden, rebinding},
		{"sandbox, no local address known", "/sandbox/v1/langs", "localhost:7717", "203.0.113.7:40000", nil, http.StatusForbidden, onlyHere},
		{"IP literal Host, no local address known", "/healthz", lanHost, "203.0.113.7:40000", nil, http.StatusForbidden, rebinding},
		{"healthz from the network", "/healthz", lanHost, "203.0.113.7:40000", lanAddr, http.StatusOK, ""},
		{"healthz by a foreign name", "/healthz", "evil.com:7717", "203.0.113.7:40000", lanAddr, http.StatusForbidden, rebinding},
		// The hosted page carries its own authorisation (the client secret):
		// the browser that opens clientSecret.url may be elsewhere.
		{"hosted page from the network", "/verify?client_secret=cs_unknown", lanHost, "203.0.113.7:40000", lanAddr, http.StatusNotFound, "not valid"},
		{"hosted page's script from the network", "/verify/static/app.js", lanHost, "203.0.113.7:40000", lanAddr, http.StatusOK, "FSEvents"},
		{"hosted page by a foreign name", "/verify?client_secret=cs_unknown", "evil.com", "203.0.113.7:40000", lanAddr, http.StatusForbidden, rebinding},
		{"mcp from the network", "/mcp", lanHost, "203.0.113.7:40000", lanAddr, http.StatusTeapot, ""},
		{"mcp by the public URL's name", "/mcp", "MCP.example.com.", "203.0.113.7:40000", lanAddr, http.StatusTeapot, ""},
		{"mcp by an allowed origin's name", "/mcp", "app.example.com:443", "203.0.113.7:40000", lanAddr, http.StatusTeapot, ""},
		{"mcp by a foreign name", "/mcp", "evil.com", "203.0.113.7:40000", lanAddr, http.StatusForbidden, rebinding},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://192.0.2.10:7717"+tc.path, nil)
			req.Host = tc.host
			req.RemoteAddr = tc.remote
			if tc.local != nil {
				req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, tc.local))
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			assert.Equal(t, tc.want, rec.Code, rec.Body.String())
			assert.Contains(t, rec.Body.String(), tc.wantIn)
		})
	}
}

// The address a listener is bound to decides, not how --addr was spelt: a
// name that looks local may resolve to a network address.
func TestCheckBound(t *testing.T) {
	tcp := func(ip string) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: 7717} }
	for _, tc := range []struct {
		bound     net.Addr
		authToken bool
		ok        bool
	}{
		{tcp("127.0.0.1"), false, true},
		{tcp("127.3.4.5"), false, true},
		{tcp("::1"), false, true},
		{tcp("::ffff:127.0.0.1"), false, true},
		{tcp("192.0.2.7"), false, false},
		{tcp("::"), false, false},
		{tcp("0.0.0.0"), false, false},
		{tcp("192.0.2.7"), true, true},
		{tcp("::"), true, true},
	} {
		err := checkBound("serve", "app.localhost:7717", tc.bound, tc.authToken)
		if tc.ok {
			assert.NoError(t, err, "%v token=%v", tc.bound, tc.authToken)
			continue
		}
		require.Error(t, err, "%v", tc.bound)
		assert.Contains(t, err.Error(), "not a loopback address")
		assert.Contains(t, err.Error(), tc.bound.String())
	}
}

// The sandbox command makes the same check on the bound address, waived only by
// --allow-remote.
func TestCheckSandboxBound(t *testing.T) {
	tcp := func(ip string) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: 7717} }
	for _, tc := range []struct {
		bound       net.Addr
		allowRemote bool
		ok          bool
	}{
		{tcp("127.0.0.1"), false, true},
		{tcp("::1"), false, true},
		{tcp("192.0.2.7"), false, false},
		{tcp("0.0.0.0"), false, false},
		{tcp("192.0.2.7"), true, true},
	} {
		err := checkSandboxBound("app.localhost:7717", tc.bound, tc.allowRemote)
		if tc.ok {
			assert.NoError(t, err, "%v", tc.bound)
			continue
		}
		require.Error(t, err, "%v", tc.bound)
		assert.Contains(t, err.Error(), "--allow-remote")
		assert.Contains(t, err.Error(), tc.bound.String())
	}
}
