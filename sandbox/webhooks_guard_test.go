package sandbox

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
)

// hostsResolver stands in for DNS: names resolve to what the map says and
// no query leaves the machine.
type hostsResolver map[string]string

func (h hostsResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := h[host]; ok {
		return []netip.Addr{netip.MustParseAddr(a)}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// A webhook URL whose host is a name passes registration; where the name
// leads is judged each time the sender dials it. Names resolving to a
// private or metadata address are refused at connect time (nothing is sent:
// the dial control refuses before the connection is made), and a name
// resolving to loopback, where a test receiver listens, is delivered to,
// which proves the stub resolver is the one consulted.
func TestWebhookNamesAreJudgedWhenDialled(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.WebhookResolver = hostsResolver{
			"hooks.lan.test":  "192.168.1.20",
			"hooks.meta.test": "169.254.169.254",
			"hooks.self.test": "127.0.0.1",
		}
	})
	rc := newReceiver(t, 0)
	port := rc.srv.Listener.Addr().(*net.TCPAddr).Port
	lan := e.register(keyA, fmt.Sprintf("https://hooks.lan.test:%d/in", port))
	meta := e.register(keyA, fmt.Sprintf("https://hooks.meta.test:%d/in", port))
	self := e.register(keyA, fmt.Sprintf("http://127.0.0.1:%d/in", port))
	rc.setSecret(self.Secret)
	e.create(keyA, createBody("", nil))

	for ep, want := range map[string]string{lan.ID: "private", meta.ID: "link-local"} {
		var ds []facesign.Delivery
		require.Eventually(t, func() bool {
			ds = e.deliveries(keyA, ep)
			return len(ds) > 0 && ds[0].Attempt > 0
		}, 15*time.Second, 5*time.Millisecond)
		assert.Equal(t, 0, ds[0].StatusCode, ep)
		assert.Contains(t, ds[0].Error, want, ep)
	}
	require.Eventually(t, func() bool { return len(rc.received()) > 0 }, 15*time.Second, 5*time.Millisecond)

	// With private addresses allowed, the LAN name passes the policy (and
	// then finds nothing listening); the metadata one never does.
	e2 := newEnv(t, func(c *Config) {
		c.AllowPrivateWebhooks = true
		c.WebhookResolver = hostsResolver{"hooks.self.test": "127.0.0.1", "hooks.meta.test": "169.254.169.254"}
	})
	rc2 := newReceiver(t, 0)
	port2 := rc2.srv.Listener.Addr().(*net.TCPAddr).Port
	viaName := e2.register(keyA, fmt.Sprintf("https://hooks.self.test:%d/in", port2))
	meta2 := e2.register(keyA, fmt.Sprintf("https://hooks.meta.test:%d/in", port2))
	e2.create(keyA, createBody("", nil))
	var ds []facesign.Delivery
	require.Eventually(t, func() bool {
		ds = e2.deliveries(keyA, meta2.ID)
		return len(ds) > 0 && ds[0].Attempt > 0
	}, 15*time.Second, 5*time.Millisecond)
	assert.Contains(t, ds[0].Error, "link-local")
	require.Eventually(t, func() bool {
		ds = e2.deliveries(keyA, viaName.ID)
		return len(ds) > 0 && ds[0].Attempt > 0
	}, 15*time.Second, 5*time.Millisecond)
	assert.NotContains(t, ds[0].Error, "not allowed", "the name reached the loopback receiver (a TLS failure against a plain-http receiver, not a refusal)")
}

// An account may hold at most MaxWebhookEndpoints live endpoints; deleting
// one makes room again.
func TestWebhookEndpointCap(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.MaxWebhookEndpoints = 3 })
	var eps []facesign.WebhookEndpoint
	for i := range 3 {
		eps = append(eps, e.register(keyA, fmt.Sprintf("http://127.0.0.1:9/hook%d", i)))
	}
	er := e.do("POST", "/webhooks", keyA, map[string]string{"url": "http://127.0.0.1:9/hook4"}).apiErr(t, http.StatusBadRequest, "validation_error")
	assert.Equal(t, "too_many_endpoints", er["code"])
	assert.Contains(t, er["message"], "3 webhook endpoints")
	e.register(keyB, "http://127.0.0.1:9/other") // another account has its own cap
	require.Equal(t, http.StatusOK, e.do("DELETE", "/webhooks/"+eps[0].ID, keyA, nil).status)
	e.register(keyA, "http://127.0.0.1:9/hook4")

	assert.Equal(t, DefaultMaxWebhookEndpoints, newEnv(t, nil).sb.cfg.MaxWebhookEndpoints)
}

// Deleting an endpoint ends its unfinished deliveries: the log shows them
// failed, none "retrying" with a next retry that will never come, and none
// is attempted again.
func TestDeletedEndpointsDeliveriesEndFailed(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.WebhookRetrySchedule = []time.Duration{time.Hour}
		c.WebhookRetryScale = 1
	})
	rc := newReceiver(t, 1000) // fails every attempt
	ep := e.register(keyA, rc.srv.URL)
	rc.setSecret(ep.Secret)
	e.create(keyA, createBody("", nil))
	require.Eventually(t, func() bool {
		ds := e.deliveries(keyA, ep.ID)
		return len(ds) == 1 && ds[0].State == stateRetrying
	}, 15*time.Second, 5*time.Millisecond)

	require.Equal(t, http.StatusOK, e.do("DELETE", "/webhooks/"+ep.ID, keyA, nil).status)
	ds := e.deliveries(keyA, ep.ID)
	require.Len(t, ds, 1)
	assert.Equal(t, stateFailed, ds[0].State)
	assert.Nil(t, ds[0].NextRetry)
	assert.Contains(t, ds[0].Error, "503")
	assert.Contains(t, ds[0].Error, "endpoint deleted")
}
