package netguard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		ip   string
		want Class
	}{
		{"93.184.216.34", Public},
		{"2606:2800:220:1:248:1893:25c8:1946", Public},
		{"127.0.0.1", Loopback},
		{"127.8.9.10", Loopback},
		{"::1", Loopback},
		{"::ffff:127.0.0.1", Loopback},
		{"10.1.2.3", Private},
		{"172.16.0.1", Private},
		{"172.31.255.255", Private},
		{"192.168.1.20", Private},
		{"100.64.0.1", Private},
		{"fd00::1", Private},
		{"169.254.169.254", LinkLocal},
		{"169.254.170.2", LinkLocal},
		{"::ffff:169.254.169.254", LinkLocal},
		{"64:ff9b::a9fe:a9fe", LinkLocal}, // NAT64 of 169.254.169.254
		{"2002:a9fe:a9fe::1", LinkLocal},  // 6to4 of 169.254.169.254
		{"fe80::1", LinkLocal},
		{"fe80::1%eth0", LinkLocal},
		{"fd00:ec2::254", Metadata},
		{"100.100.100.200", Metadata},
		{"168.63.129.16", Metadata},
		{"0.0.0.0", Reserved},
		{"0.1.2.3", Reserved},
		{"::", Reserved},
		{"224.0.0.1", Reserved},
		{"239.1.2.3", Reserved},
		{"255.255.255.255", Reserved},
		{"192.0.2.1", Reserved},
		{"198.18.0.1", Reserved},
		{"2001:db8::1", Reserved},
		{"ff02::1", Reserved},
	} {
		assert.Equal(t, tc.want, Classify(netip.MustParseAddr(tc.ip)), tc.ip)
	}
}

func TestPolicyCheckAddr(t *testing.T) {
	strict, local, lan := Policy{}, Policy{Loopback: true}, Policy{Loopback: true, Private: true}
	for _, tc := range []struct {
		ip                 string
		strict, local, lan bool // allowed under each policy
	}{
		{"93.184.216.34", true, true, true},
		{"127.0.0.1", false, true, true},
		{"10.0.0.5", false, false, true},
		{"fd00::1", false, false, true},
		{"169.254.169.254", false, false, false},
		{"fd00:ec2::254", false, false, false},
		{"100.100.100.200", false, false, false},
		{"0.0.0.0", false, false, false},
		{"fe80::1", false, false, false},
	} {
		ip := netip.MustParseAddr(tc.ip)
		for _, c := range []struct {
			p  Policy
			ok bool
		}{{strict, tc.strict}, {local, tc.local}, {lan, tc.lan}} {
			err := c.p.CheckAddr(ip)
			if c.ok {
				assert.NoError(t, err, "%s under %+v", tc.ip, c.p)
				continue
			}
			require.Error(t, err, "%s under %+v", tc.ip, c.p)
			assert.ErrorIs(t, err, ErrForbidden)
			var ge *Error
			require.ErrorAs(t, err, &ge)
			assert.Equal(t, Classify(ip), ge.Class)
		}
	}
}

func TestControlJudgesTheDialledAddress(t *testing.T) {
	p := Policy{Loopback: true}
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:8080", true},
		{"[::1]:8080", true},
		{"93.184.216.34:443", true},
		{"169.254.169.254:80", false},
		{"[fe80::1%eth0]:443", false},
		{"10.0.0.5:443", false},
		{"[::ffff:169.254.169.254]:80", false},
		{"127.0.0.1:0", false},
		{"localhost:80", false}, // not an address: a dialer never passes a name
	} {
		err := p.Control("tcp", tc.addr, nil)
		if tc.ok {
			assert.NoError(t, err, tc.addr)
		} else {
			assert.Error(t, err, tc.addr)
		}
	}
}

func TestCheckHost(t *testing.T) {
	strict := Policy{}
	assert.ErrorIs(t, strict.CheckHost("localhost"), ErrForbidden)
	assert.ErrorIs(t, strict.CheckHost("LOCALHOST."), ErrForbidden)
	assert.ErrorIs(t, strict.CheckHost("app.localhost"), ErrForbidden)
	assert.ErrorIs(t, strict.CheckHost("[::1]"), ErrForbidden)
	assert.ErrorIs(t, strict.CheckHost("169.254.169.254"), ErrForbidden)
	assert.NoError(t, strict.CheckHost("api.facesign.ai"), "names are judged when dialled")
	assert.NoError(t, strict.CheckHost("93.184.216.34"))
	assert.NoError(t, Policy{Loopback: true}.CheckHost("localhost"))
	assert.ErrorIs(t, Policy{Loopback: true, Private: true}.CheckHost("[fe80::1]"), ErrForbidden)
}

func TestCheckPort(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://h/":          true,
		"https://h:443/":      true,
		"https://h:65535/":    true,
		"https://h:0/":        false,
		"https://h:65536/":    false,
		"https://h:99999/":    false,
		"https://h:/":         false,
		"https://[::1]:0/":    false,
		"https://[::1]:8443/": true,
	} {
		u, err := url.Parse(raw)
		require.NoError(t, err, raw)
		if ok {
			assert.NoError(t, CheckPort(u), raw)
		} else {
			assert.ErrorIs(t, CheckPort(u), ErrBadPort, raw)
		}
	}
}

// stubResolver answers from a map, standing in for DNS: a name can then
// resolve to any address without a query leaving the machine.
type stubResolver map[string][]netip.Addr

func (s stubResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := s[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// A name that the pre-connection check lets through (it is not an IP, not
// localhost) but that resolves to a refused address is stopped when it is
// dialled: that is the check DNS rebinding cannot get around. The target is
// a loopback server that counts requests; with loopback refused it must see
// none.
func TestDialerRefusesWhatANameResolvesTo(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		_, _ = io.WriteString(w, "inside")
	}))
	t.Cleanup(srv.Close)
	port := netip.MustParseAddrPort(srv.Listener.Addr().String()).Port()
	resolver := stubResolver{"api.rebind.test": {netip.MustParseAddr("127.0.0.1")}}
	target := fmt.Sprintf("http://api.rebind.test:%d/", port)

	get := func(p Policy) (string, error) {
		var dials atomic.Int32
		d := &Dialer{Policy: p, Resolver: resolver, Control: func(string, string, syscall.RawConn) error { dials.Add(1); return nil }}
		hc := &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
		defer hc.CloseIdleConnections()
		require.NoError(t, p.CheckHost("api.rebind.test"), "the name alone passes the early check")
		resp, err := hc.Get(target)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b), nil
	}

	_, err := get(Policy{})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrForbidden)
	assert.Contains(t, err.Error(), "loopback")
	assert.Zero(t, hits.Load(), "the refused address got no request")

	body, err := get(Policy{Loopback: true})
	require.NoError(t, err, "allowed, the same name reaches the stub: the resolver was used")
	assert.Equal(t, "inside", body)
	assert.Equal(t, int32(1), hits.Load())

	// A name resolving to a link-local address stays refused whatever the flags.
	d := &Dialer{Policy: Policy{Loopback: true, Private: true}, Resolver: stubResolver{"meta.test": {netip.MustParseAddr("169.254.169.254")}}}
	_, err = d.DialContext(t.Context(), "tcp", "meta.test:80")
	var ge *Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, LinkLocal, ge.Class)

	_, err = d.DialContext(t.Context(), "tcp", "meta.test:0")
	assert.True(t, errors.Is(err, ErrBadPort))
}
