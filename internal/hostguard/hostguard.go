// Package hostguard holds the checks every listener of this server applies
// before any handler runs: DNS-rebinding protection (the Host must name this
// server) and the local-peer rule that keeps the sandbox to this machine. The
// MCP endpoint, the sandbox, the hosted page and the preview share them.
package hostguard

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// TrustedHosts are the host names, besides loopback ones and the address a
// request arrived on, that a request's Host may carry: lower-case, without
// port or trailing dot.
type TrustedHosts map[string]bool

// NewTrustedHosts takes the host of each URL or origin given (the public URL,
// the allowed origins); empty and unparseable entries add nothing.
func NewTrustedHosts(urls ...string) TrustedHosts {
	t := TrustedHosts{}
	for _, raw := range urls {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			continue
		}
		if h := canonicalHost(u.Hostname()); h != "" {
			t[h] = true
		}
	}
	return t
}

// HostAllowed implements DNS-rebinding protection for any handler on the
// listener. A browser tricked by DNS rebinding sends the attacker's host name
// in Host, whatever address that name now resolves to, so a request must name
// this server: a loopback host (localhost, 127.0.0.0/8, ::1), an IP literal
// equal to the address the request arrived on, or a trusted name (the public
// URL's host, an allowed origin's host). This holds on every listener,
// loopback or not: the peer check that guards the sandbox cannot tell a
// rebound browser on this machine from the user.
func HostAllowed(r *http.Request, trusted TrustedHosts) bool {
	host := requestHost(r.Host)
	if host == "" {
		return false
	}
	if IsLoopbackHost(host) || trusted[host] {
		return true
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok || local == nil {
		return false
	}
	own, err := netip.ParseAddrPort(local.String())
	return err == nil && !own.Addr().IsUnspecified() &&
		own.Addr().Unmap().WithZone("") == ip.Unmap().WithZone("")
}

// Guard wraps h with HostAllowed, answering 403 otherwise. The binary
// wraps the whole listener (sandbox, healthz) with it.
func Guard(h http.Handler, trusted TrustedHosts) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !HostAllowed(r, trusted) {
			Refused(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Refused answers a request whose Host does not name this server.
func Refused(w http.ResponseWriter, r *http.Request) {
	httpError(w, http.StatusForbidden, "forbidden: Host %q does not name this server (DNS rebinding protection); "+
		"use localhost, a loopback IP or the IP address the server listens on, or start it with --public-url naming this host", r.Host)
}

// requestHost is the canonical host of a Host header (host or host:port, IPv6
// in brackets).
func requestHost(hostport string) string {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	return canonicalHost(strings.Trim(host, "[]"))
}

func canonicalHost(host string) string {
	return strings.ToLower(strings.TrimSuffix(host, "."))
}

// LocalPeersOnly wraps h so that only requests from this machine reach it: a
// loopback peer, or a peer whose address is the connection's own local address
// (this host dialling one of its own non-loopback addresses). Others get 403.
// The binary puts the sandbox behind it: the sandbox takes any sk_test_ key, so
// on a listener beyond loopback it would otherwise let anyone on the network
// register webhooks (requests from this server to arbitrary URLs) and grow its
// database. The in-process tools reach it over loopback.
func LocalPeersOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !localPeer(r) {
			httpError(w, http.StatusForbidden, "forbidden: %s is only served to this machine (loopback); run facesign-mcp sandbox --allow-remote to expose a sandbox on purpose", r.URL.Path)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func localPeer(r *http.Request) bool {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := peer.Addr().Unmap()
	if ip.IsLoopback() {
		return true
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok || local == nil {
		return false
	}
	own, err := netip.ParseAddrPort(local.String())
	return err == nil && !own.Addr().IsUnspecified() && own.Addr().Unmap() == ip
}

// IsLoopbackHost reports whether a host or host:port is localhost or a
// loopback IP.
func IsLoopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = strings.Trim(hostport, "[]")
	}
	host = strings.TrimSuffix(host, ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// IsLoopbackAddr reports whether a listen address (host:port) binds only to
// loopback; an empty host or 0.0.0.0 does not.
func IsLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	return IsLoopbackHost(host)
}

func httpError(w http.ResponseWriter, code int, format string, args ...any) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	fmt.Fprintf(w, format+"\n", args...)
}
