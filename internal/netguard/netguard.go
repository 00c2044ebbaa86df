// Package netguard decides which network addresses a connection made on a
// user's behalf may reach, and enforces it where it counts: on the address a
// connection is about to use, after name resolution. A URL's host may be a
// name that resolves to anything, and may resolve differently on each lookup
// (DNS rebinding), so checking the name or a first lookup proves nothing;
// Policy.Control runs inside net.Dialer on the very address being connected.
//
// Two callers share it: set_api_key's serverUrl (the tools send an API key
// there) and the sandbox's webhook sender (it posts signed events). Both take
// URLs from people who may not be the operator, so both refuse link-local and
// cloud-metadata addresses always, and loopback or private ranges unless the
// operator allowed them.
package netguard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrForbidden is the cause of every refusal of an address: errors.Is(err,
// ErrForbidden) tells a policy refusal from a network failure.
var ErrForbidden = errors.New("address not allowed")

// ErrBadPort is the cause of a URL whose port is not a number in 1–65535.
var ErrBadPort = errors.New("invalid port")

// Class is what kind of address an IP is, for the policy.
type Class int

// Address classes, from the most to the least acceptable.
const (
	// Public is a global unicast address.
	Public Class = iota
	// Loopback is 127.0.0.0/8 or ::1: this machine.
	Loopback
	// Private is a LAN or carrier-NAT address: 10/8, 172.16/12, 192.168/16,
	// 100.64/10, fc00::/7.
	Private
	// LinkLocal is 169.254/16 or fe80::/10: routers, and where clouds put
	// their instance-metadata services.
	LinkLocal
	// Metadata is a cloud instance-metadata or host-agent address outside the
	// link-local range (AWS's fd00:ec2::254, Alibaba's 100.100.100.200,
	// Azure's 168.63.129.16): it hands out credentials to whoever asks.
	Metadata
	// Reserved is no receiver: unspecified, multicast, broadcast,
	// documentation, benchmarking and other special-purpose ranges.
	Reserved
)

// String describes the class for a message.
func (c Class) String() string {
	switch c {
	case Public:
		return "a public address"
	case Loopback:
		return "a loopback address (this machine)"
	case Private:
		return "a private network address (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7)"
	case LinkLocal:
		return "a link-local address (169.254/16, fe80::/10)"
	case Metadata:
		return "a cloud metadata address"
	case Reserved:
		return "a reserved address (unspecified, multicast, broadcast or special-purpose)"
	}
	return "an unknown kind of address"
}

var (
	metadataAddrs = []netip.Addr{
		netip.MustParseAddr("fd00:ec2::254"),   // AWS IMDS over IPv6
		netip.MustParseAddr("100.100.100.200"), // Alibaba Cloud metadata
		netip.MustParseAddr("168.63.129.16"),   // Azure WireServer
	}
	privatePrefixes = []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("172.16.0.0/12"),
		netip.MustParsePrefix("192.168.0.0/16"),
		netip.MustParsePrefix("100.64.0.0/10"), // shared address space (carrier NAT)
		netip.MustParsePrefix("fc00::/7"),
	}
	reservedPrefixes = []netip.Prefix{
		netip.MustParsePrefix("0.0.0.0/8"),
		netip.MustParsePrefix("192.0.0.0/24"),
		netip.MustParsePrefix("192.0.2.0/24"),
		netip.MustParsePrefix("198.18.0.0/15"),
		netip.MustParsePrefix("198.51.100.0/24"),
		netip.MustParsePrefix("203.0.113.0/24"),
		netip.MustParsePrefix("240.0.0.0/4"), // includes 255.255.255.255
		netip.MustParsePrefix("100::/64"),
		netip.MustParsePrefix("2001:db8::/32"),
	}
	// IPv6 prefixes that carry an IPv4 address a gateway would forward to:
	// NAT64 and 6to4. Such an address is judged by the IPv4 address inside.
	nat64  = netip.MustParsePrefix("64:ff9b::/96")
	sixTo4 = netip.MustParsePrefix("2002::/16")
)

// Classify says what kind of address ip is. IPv4-mapped, NAT64 and 6to4
// IPv6 addresses are judged by the IPv4 address they carry, so that
// [::ffff:169.254.169.254] is as link-local as 169.254.169.254.
func Classify(ip netip.Addr) Class {
	ip = ip.WithZone("").Unmap()
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			return Classify(netip.AddrFrom4([4]byte(b[12:16])))
		case sixTo4.Contains(ip):
			return Classify(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	for _, m := range metadataAddrs {
		if ip == m {
			return Metadata
		}
	}
	switch {
	case !ip.IsValid(), ip.IsUnspecified(), ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return Reserved
	case ip.IsLoopback():
		return Loopback
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return LinkLocal
	}
	for _, p := range reservedPrefixes {
		if p.Contains(ip) {
			return Reserved
		}
	}
	for _, p := range privatePrefixes {
		if p.Contains(ip) {
			return Private
		}
	}
	if !ip.IsGlobalUnicast() {
		return Reserved
	}
	return Public
}

// Policy is which classes a connection may reach. Public addresses always
// may; link-local, metadata and reserved ones never may, whatever the flags:
// nothing legitimate listens there for an API key or a webhook.
type Policy struct {
	// Loopback allows 127.0.0.0/8 and ::1.
	Loopback bool
	// Private allows the private and carrier-NAT ranges.
	Private bool
}

// Error is a refused address. It wraps ErrForbidden.
type Error struct {
	Addr  netip.Addr
	Class Class
	// Hint says how the operator could allow the address, when a flag can.
	Hint string
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s is %s, which is not allowed", e.Addr, e.Class)
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// Unwrap makes errors.Is(err, ErrForbidden) true.
func (e *Error) Unwrap() error { return ErrForbidden }

// CheckAddr returns nil when p allows ip, else an *Error.
func (p Policy) CheckAddr(ip netip.Addr) error {
	c := Classify(ip)
	switch {
	case c == Public, c == Loopback && p.Loopback, c == Private && p.Private:
		return nil
	}
	return &Error{Addr: ip.WithZone(""), Class: c}
}

// Control is a net.Dialer.Control function: it refuses the connection when
// the address it is about to reach (always an IP and port by then) is not
// allowed. Being called on every connection attempt, after resolution, it is
// the check DNS cannot get around.
func (p Policy) Control(_, address string, _ syscall.RawConn) error {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("netguard: %q: %w", address, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("netguard: %q is not an IP address: %w", host, ErrForbidden)
	}
	if err := checkPortNumber(port); err != nil {
		return err
	}
	return p.CheckAddr(ip)
}

// Resolver looks up a host's addresses; *net.Resolver is one. Tests
// substitute a map so that a name can stand for any address without DNS.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Dialer connects only to addresses its policy allows.
type Dialer struct {
	Policy Policy
	// Resolver resolves names; nil means net.DefaultResolver.
	Resolver Resolver
	// Timeout bounds one connection attempt (default 30s).
	Timeout time.Duration
	// Control, when set, runs after the policy's check (tests count dials).
	Control func(network, address string, c syscall.RawConn) error
}

// DialContext resolves address's host with the Resolver and connects to the
// first address that answers, each one checked by the policy in the dialer's
// Control hook (so a custom Resolver cannot bypass the check either). It has
// the signature of http.Transport.DialContext.
func (d *Dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	if err := checkPortNumber(port); err != nil {
		return nil, err
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else {
		r := d.Resolver
		if r == nil {
			r = net.DefaultResolver
		}
		if ips, err = r.LookupNetIP(ctx, "ip", host); err != nil {
			return nil, err
		}
		if len(ips) == 0 {
			return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
		}
	}
	timeout := d.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	nd := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second, Control: func(network, address string, c syscall.RawConn) error {
		if err := d.Policy.Control(network, address, c); err != nil {
			return err
		}
		if d.Control != nil {
			return d.Control(network, address, c)
		}
		return nil
	}}
	var errs []error
	for _, ip := range ips {
		conn, err := nd.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, errors.Join(errs...)
}

// CheckHost judges a URL's host before any connection, for an early and
// specific refusal: a literal IP by its class, "localhost" (and names under
// .localhost, RFC 6761) as loopback. Other names pass: only the dial can
// judge where they lead.
func (p Policy) CheckHost(host string) error {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		if p.Loopback {
			return nil
		}
		return &Error{Addr: netip.MustParseAddr("127.0.0.1"), Class: Loopback}
	}
	ip, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	if err != nil {
		return nil
	}
	return p.CheckAddr(ip)
}

// IsLoopbackHost reports whether host (no port, no brackets) names this
// machine by spelling: localhost or a loopback IP.
func IsLoopbackHost(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && Classify(ip) == Loopback
}

// CheckPort refuses a URL whose port is given but is not a number in
// 1–65535. url.Parse accepts ":0" and ":99999"; the dial would fail later
// with a less useful message, or (port 0) reach something unexpected.
func CheckPort(u *url.URL) error {
	if p := u.Port(); p != "" || strings.HasSuffix(u.Host, ":") {
		return checkPortNumber(p)
	}
	return nil
}

func checkPortNumber(p string) error {
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != p {
		return fmt.Errorf("port %q: %w: it must be a number from 1 to 65535", p, ErrBadPort)
	}
	return nil
}
