package hostguard

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHostAllowedAndLocalPeersOnly(t *testing.T) {
	trusted := NewTrustedHosts("https://verify.example.com", "https://App.Example.com/", "", "::not a url")
	lan := &net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 7717}
	lan6 := &net.TCPAddr{IP: net.ParseIP("2001:db8::10"), Port: 7717}
	loop := &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 7717}
	for _, tc := range []struct {
		name, host, remote string
		local              net.Addr
		hostOK, peerOK     bool
	}{
		{"loopback listener, loopback host", "127.0.0.1:7717", "127.0.0.1:5000", loop, true, true},
		{"loopback listener, localhost", "localhost:7717", "127.0.0.1:5000", loop, true, true},
		{"loopback listener, rebound name", "evil.com:7717", "127.0.0.1:5000", loop, false, true},
		{"LAN listener, its own IP", "192.0.2.10:7717", "203.0.113.7:5000", lan, true, false},
		{"LAN listener, its own IP without port", "192.0.2.10", "203.0.113.7:5000", lan, true, false},
		{"LAN listener, mapped local address", "192.0.2.10:7717", "203.0.113.7:5000", &net.TCPAddr{IP: net.ParseIP("::ffff:192.0.2.10"), Port: 7717}, true, false},
		{"LAN listener, IPv6 literal", "[2001:db8::10]:7717", "[2001:db8::99]:5000", lan6, true, false},
		{"LAN listener, another IP literal", "192.0.2.11:7717", "203.0.113.7:5000", lan, false, false},
		{"LAN listener, rebound name from this machine", "evil.com", "192.0.2.10:5000", lan, false, true},
		{"LAN listener, rebound name from the network", "evil.com:7717", "203.0.113.7:5000", lan, false, false},
		{"LAN listener, loopback host", "localhost:7717", "192.0.2.10:5000", lan, true, true},
		{"LAN listener, public URL host", "Verify.Example.COM.", "203.0.113.7:5000", lan, true, false},
		{"LAN listener, allowed origin host", "app.example.com:8443", "203.0.113.7:5000", lan, true, false},
		{"LAN listener, lookalike of a trusted host", "verify.example.com.evil.com", "203.0.113.7:5000", lan, false, false},
		{"unspecified local address", "0.0.0.0:7717", "203.0.113.7:5000", &net.TCPAddr{IP: net.IPv4zero, Port: 7717}, false, false},
		{"no local address, IP literal", "192.0.2.10:7717", "203.0.113.7:5000", nil, false, false},
		{"no local address, loopback host", "127.0.0.1", "127.0.0.1:5000", nil, true, true},
		{"empty host", "", "127.0.0.1:5000", loop, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://x/sandbox/avatars", nil)
			req.Host = tc.host
			req.RemoteAddr = tc.remote
			if tc.local != nil {
				req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, tc.local))
			}
			assert.Equal(t, tc.hostOK, HostAllowed(req, trusted), "HostAllowed")

			ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
			rec := httptest.NewRecorder()
			LocalPeersOnly(ok).ServeHTTP(rec, req)
			assert.Equal(t, tc.peerOK, rec.Code == http.StatusNoContent, "LocalPeersOnly: %d %s", rec.Code, rec.Body)

			// The listener wraps the sandbox in both: it answers only when both agree.
			rec = httptest.NewRecorder()
			Guard(LocalPeersOnly(ok), trusted).ServeHTTP(rec, req)
			assert.Equal(t, tc.hostOK && tc.peerOK, rec.Code == http.StatusNoContent, "both: %d %s", rec.Code, rec.Body)
			if !tc.hostOK {
				assert.Equal(t, http.StatusForbidden, rec.Code)
				assert.Contains(t, rec.Body.String(), "DNS rebinding")
			}
		})
	}
}
