package sandbox

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/internal/syncbuffer"
)

// receiver is a webhook endpoint that verifies every delivery and can be told
// to fail the first n attempts.
type receiver struct {
	t       testing.TB
	srv     *httptest.Server
	mu      sync.Mutex
	secret  string
	failN   int
	calls   int
	events  []facesign.WebhookEvent
	raw     []delivered
	invalid []string
}

type delivered struct {
	header string
	body   []byte
}

func newReceiver(t testing.TB, failN int) *receiver {
	rc := &receiver{t: t, failN: failN}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.calls++
		sig := r.Header.Get(facesign.SignatureHeader)
		if err := facesign.Verify(sig, body, []string{rc.secret}, 5*time.Minute, time.Now()); err != nil {
			rc.invalid = append(rc.invalid, err.Error())
			http.Error(w, "bad signature", http.StatusBadRequest)
			return
		}
		if rc.calls <= rc.failN {
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		var ev facesign.WebhookEvent
		if err := json.Unmarshal(body, &ev); err != nil {
			rc.invalid = append(rc.invalid, err.Error())
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		rc.events = append(rc.events, ev)
		rc.raw = append(rc.raw, delivered{sig, body})
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *receiver) setSecret(s string) { rc.mu.Lock(); rc.secret = s; rc.mu.Unlock() }

func (rc *receiver) received() []facesign.WebhookEvent {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]facesign.WebhookEvent(nil), rc.events...)
}

func (e *env) register(key, url string) facesign.WebhookEndpoint {
	e.t.Helper()
	r := e.do("POST", "/webhooks", key, map[string]string{"url": url})
	require.Equal(e.t, http.StatusCreated, r.status, "%s", r.body)
	var ep facesign.WebhookEndpoint
	r.decode(e.t, &ep)
	require.NotEmpty(e.t, ep.Secret)
	return ep
}

func (e *env) deliveries(key, endpoint string) []facesign.Delivery {
	e.t.Helper()
	r := e.do("GET", "/webhooks/"+endpoint+"/deliveries", key, nil)
	require.Equal(e.t, http.StatusOK, r.status, "%s", r.body)
	var out struct{ Deliveries []facesign.Delivery }
	r.decode(e.t, &out)
	return out.Deliveries
}

func TestWebhooksEveryStatusChangeVerified(t *testing.T) {
	e := newEnv(t, nil)
	rc := newReceiver(t, 0)
	ep := e.register(keyA, rc.srv.URL+"/hooks")
	rc.setSecret(ep.Secret)
	other := newReceiver(t, 0) // account B's endpoint must never see A's events
	epB := e.register(keyB, other.srv.URL)
	other.setSecret(epB.Secret)

	var hooks struct{ Webhooks []facesign.WebhookEndpoint }
	e.do("GET", "/webhooks", keyA, nil).decode(t, &hooks)
	require.Len(t, hooks.Webhooks, 1)
	assert.Empty(t, hooks.Webhooks[0].Secret, "the secret is shown only at creation")

	id := e.create(keyA, createBody("", nil))
	require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+id+"/simulate", keyA, `{}`).status)
	require.Eventually(t, func() bool { return len(rc.received()) == 3 }, 15*time.Second, 5*time.Millisecond)
	evs := rc.received()
	seen := map[string]bool{}
	for _, ev := range evs {
		assert.Equal(t, facesign.EventSessionStatus, ev.Type)
		assert.Equal(t, id, ev.SessionID)
		assert.False(t, seen[ev.ID], "event ids are unique")
		seen[ev.ID] = true
	}
	rc.mu.Lock()
	assert.Empty(t, rc.invalid)
	sample := rc.raw[0]
	rc.mu.Unlock()
	assert.Empty(t, other.received())

	// A real delivery's signature rejects a tampered body, a wrong secret and an old clock.
	require.NoError(t, facesign.Verify(sample.header, sample.body, []string{ep.Secret}, 5*time.Minute, time.Now()))
	tampered := append([]byte(nil), sample.body...)
	tampered[len(tampered)-3] ^= 1
	assert.Error(t, facesign.Verify(sample.header, tampered, []string{ep.Secret}, 5*time.Minute, time.Now()))
	assert.Error(t, facesign.Verify(sample.header, sample.body, []string{"whsec_wrong"}, 5*time.Minute, time.Now()))
	assert.Error(t, facesign.Verify(sample.header, sample.body, []string{ep.Secret}, 5*time.Minute, time.Now().Add(10*time.Minute)))

	// The delivery log has one delivered attempt per event.
	var ds []facesign.Delivery
	require.Eventually(t, func() bool { // the receiver answers before the attempt is recorded
		ds = e.deliveries(keyA, ep.ID)
		if len(ds) != 3 {
			return false
		}
		for _, d := range ds {
			if d.State != stateDelivered {
				return false
			}
		}
		return true
	}, 15*time.Second, 5*time.Millisecond)
	for _, d := range ds {
		assert.Equal(t, stateDelivered, d.State)
		assert.Equal(t, http.StatusNoContent, d.StatusCode)
		assert.Equal(t, 1, d.Attempt)
		assert.Nil(t, d.NextRetry)
		assert.Equal(t, ep.ID, d.EndpointID)
		assert.True(t, seen[d.EventID])
	}

	// A deleted endpoint gets nothing more.
	require.Equal(t, http.StatusOK, e.do("DELETE", "/webhooks/"+ep.ID, keyA, nil).status)
	e.create(keyA, createBody("", nil))
	time.Sleep(50 * time.Millisecond)
	assert.Len(t, rc.received(), 3)
}

func TestWebhookRetriesThenDeliversAcrossRestart(t *testing.T) {
	// The first retry waits long enough for the restart to happen before it.
	e := newEnv(t, func(c *Config) {
		c.WebhookRetrySchedule = []time.Duration{1500 * time.Millisecond, 100 * time.Millisecond, time.Minute}
		c.WebhookRetryScale = 1
	})
	rc := newReceiver(t, 2)
	ep := e.register(keyA, rc.srv.URL)
	rc.setSecret(ep.Secret)
	id := e.create(keyA, createBody("", nil))

	// Wait for the first failure, then restart while the retry is pending.
	require.Eventually(t, func() bool {
		ds := e.deliveries(keyA, ep.ID)
		return len(ds) == 1 && ds[0].State == stateRetrying
	}, 15*time.Second, 2*time.Millisecond)
	e.restart()
	require.Eventually(t, func() bool { return len(rc.received()) == 1 }, 20*time.Second, 5*time.Millisecond)
	assert.Equal(t, id, rc.received()[0].SessionID)

	var ds []facesign.Delivery
	require.Eventually(t, func() bool {
		ds = e.deliveries(keyA, ep.ID)
		return len(ds) == 3 && ds[0].State == stateDelivered
	}, 15*time.Second, 5*time.Millisecond, "%+v", ds)
	// Newest first: delivered on the third attempt after two 503s.
	assert.Equal(t, []int{3, 2, 1}, []int{ds[0].Attempt, ds[1].Attempt, ds[2].Attempt})
	assert.Equal(t, stateDelivered, ds[0].State)
	assert.Equal(t, http.StatusNoContent, ds[0].StatusCode)
	for _, d := range ds[1:] {
		assert.Equal(t, stateRetrying, d.State)
		assert.Equal(t, http.StatusServiceUnavailable, d.StatusCode)
		require.NotNil(t, d.NextRetry)
		assert.Contains(t, d.Error, "503")
	}
}

func TestWebhookFailsAfterLastRetry(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.WebhookRetrySchedule = []time.Duration{time.Millisecond, time.Millisecond}
		c.WebhookRetryScale = 1
	})
	rc := newReceiver(t, 1000)
	ep := e.register(keyA, rc.srv.URL)
	rc.setSecret(ep.Secret)
	e.create(keyA, createBody("", nil))
	require.Eventually(t, func() bool {
		ds := e.deliveries(keyA, ep.ID)
		return len(ds) == 3 && ds[0].State == stateFailed
	}, 15*time.Second, 5*time.Millisecond)
	time.Sleep(30 * time.Millisecond)
	ds := e.deliveries(keyA, ep.ID)
	assert.Len(t, ds, 3, "no attempt after failed")
	assert.Nil(t, ds[0].NextRetry)

	// An unreachable endpoint records status 0 and the network error.
	dead := e.register(keyB, "http://127.0.0.1:1/nothing-listens")
	e.create(keyB, createBody("", nil))
	require.Eventually(t, func() bool { return len(e.deliveries(keyB, dead.ID)) > 0 && e.deliveries(keyB, dead.ID)[0].Attempt > 0 }, 15*time.Second, 5*time.Millisecond)
	d := e.deliveries(keyB, dead.ID)[0]
	assert.Equal(t, 0, d.StatusCode)
	assert.NotEmpty(t, d.Error)
}

func TestDefaultWebhooksForEveryAccount(t *testing.T) {
	rc := newReceiver(t, 0)
	rc.setSecret("whsec_fromtheflag")
	e := newEnv(t, func(c *Config) {
		c.DefaultWebhooks = []WebhookConfig{{URL: rc.srv.URL, Secret: "whsec_fromtheflag"}}
	})
	a := e.create(keyA, createBody("", nil))
	b := e.create(keyB, createBody("", nil))
	require.Eventually(t, func() bool { return len(rc.received()) == 2 }, 15*time.Second, 5*time.Millisecond)
	got := map[string]bool{}
	for _, ev := range rc.received() {
		got[ev.SessionID] = true
	}
	assert.Equal(t, map[string]bool{a: true, b: true}, got)
	// Reopening does not register the endpoint twice.
	e.restart()
	var hooks struct{ Webhooks []facesign.WebhookEndpoint }
	e.do("GET", "/webhooks", keyA, nil).decode(t, &hooks)
	assert.Len(t, hooks.Webhooks, 1)
}

func TestWebhookBadInput(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct{ name, body, code string }{
		{"not object", `"http://x"`, "invalid_body"},
		{"missing url", `{}`, "missing_field"},
		{"relative url", `{"url":"/hooks"}`, "invalid_field"},
		{"ftp url", `{"url":"ftp://example.com/x"}`, "invalid_field"},
		{"credentials", `{"url":"http://user:pw@127.0.0.1/x"}`, "invalid_field"},
		{"credentials over https", `{"url":"https://user:pw@example.com/x"}`, "invalid_field"},
		{"no host", `{"url":"https://:443/x"}`, "invalid_field"},
		{"plain http to a public host", `{"url":"http://example.com/hooks"}`, "https_required"},
		{"plain http to a LAN address", `{"url":"http://192.168.1.20:3000/hooks"}`, "https_required"},
		{"plain http to any address", `{"url":"http://0.0.0.0:3000/hooks"}`, "https_required"},
		{"plain http to a name that merely starts with localhost", `{"url":"http://localhost.example.com/hooks"}`, "https_required"},
		{"unknown field", `{"url":"http://127.0.0.1/x","events":["*"]}`, "unknown_field"},
		{"url number", `{"url":5}`, "invalid_type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			er := e.do("POST", "/webhooks", keyA, tc.body).apiErr(t, http.StatusBadRequest, "validation_error")
			assert.Equal(t, tc.code, er["code"])
			msg, _ := er["message"].(string)
			assert.NotContains(t, msg, "pw", "credentials are never echoed")
			if tc.code == "https_required" {
				assert.Contains(t, msg, "https://", "the message says what to use")
				assert.Contains(t, msg, "loopback", "and why plain http:// is refused")
				assert.Equal(t, []any{map[string]any{"path": "/url", "code": "https_required", "message": msg}}, er["details"], "the field is named")
			}
		})
	}
	var hooks struct{ Webhooks []facesign.WebhookEndpoint }
	e.do("GET", "/webhooks", keyA, nil).decode(t, &hooks)
	assert.Empty(t, hooks.Webhooks)
}

// A claim whose read of due deliveries began before an attempt's record was
// committed still sees that delivery due; it must not send it a second time.
func TestFlightsStaleReadDoesNotResend(t *testing.T) {
	f := newFlights()
	assert.Equal(t, 0, f.begin())
	require.True(t, f.claim(7))
	assert.False(t, f.claim(7), "in flight")

	assert.Equal(t, 1, f.begin()) // a claim's read starts: 7 is due in its snapshot
	f.landed(7)                   // 7's attempt is recorded meanwhile
	assert.False(t, f.claim(7), "the read predates 7's record: not claimed again")
	require.True(t, f.claim(8))

	f.landed(8)
	assert.Equal(t, 0, f.begin(), "a claim begun after both landed forgets them")
	assert.True(t, f.claim(7), "a read begun after 7's record sees its retry due")
	f.release([]dueDelivery{{seq: 7}})
	f.begin()
	assert.True(t, f.claim(7), "a released claim can be made again")
}

// Many status changes to a quick receiver: every event arrives once, with one
// attempt each in the log. The sender's claims overlap its attempts' records,
// which once sent a delivery twice.
func TestWebhooksEachEventOnce(t *testing.T) {
	e := newEnv(t, nil)
	rc := newReceiver(t, 0)
	ep := e.register(keyA, rc.srv.URL)
	rc.setSecret(ep.Secret)
	const sessions = 40
	var wg sync.WaitGroup
	for range sessions {
		wg.Go(func() {
			id := e.create(keyA, createBody("", nil))
			r := e.do("POST", "/sessions/"+id+"/simulate", keyA, `{}`)
			assert.Equal(t, http.StatusOK, r.status, "%s", r.body)
		})
	}
	wg.Wait()
	const events = 3 * sessions // requiresInput, processing, complete
	var ds []facesign.Delivery
	var delivered, received int
	// Generous: a race-enabled CI run under a load average of 13 took over
	// a minute for the 40 sessions alone. It returns as soon as all are in.
	assert.Eventually(t, func() bool {
		ds = e.deliveries(keyA, ep.ID)
		delivered = 0
		for _, d := range ds {
			if d.State == stateDelivered {
				delivered++
			}
		}
		received = len(rc.received())
		return len(ds) >= events && delivered == len(ds) && received >= events
	}, 2*time.Minute, 10*time.Millisecond)
	require.Equal(t, events, delivered, "deliveries in state delivered (of %d listed)", len(ds))
	require.GreaterOrEqual(t, received, events, "events the receiver got")
	time.Sleep(50 * time.Millisecond) // room for a duplicate to show
	count := map[string]int{}
	for _, ev := range rc.received() {
		count[ev.ID]++
	}
	assert.Len(t, count, events)
	for id, n := range count {
		assert.Equal(t, 1, n, "event %s delivered %d times", id, n)
	}
	ds = e.deliveries(keyA, ep.ID)
	assert.Len(t, ds, events, "one attempt per delivery")
	for _, d := range ds {
		assert.Equal(t, 1, d.Attempt)
	}
}

func TestWebhookURLRule(t *testing.T) {
	e := newEnv(t, nil)
	for _, ok := range []string{
		"https://example.com/hooks",
		"http://127.0.0.1:3000/hooks",
		"http://127.8.9.10/hooks",
		"http://localhost:3000/hooks",
		"http://LOCALHOST./hooks",
		"http://[::1]:3000/hooks",
		"HTTP://localhost/hooks?token=abc",
	} {
		assert.NoError(t, CheckWebhookURL(ok, false), ok)
		r := e.do("POST", "/webhooks", keyA, map[string]string{"url": ok})
		assert.Equal(t, http.StatusCreated, r.status, "%s: %s", ok, r.body)
	}
	for _, bad := range []string{"http://example.com/hooks", "http://10.0.0.1/hooks", "http://[::2]/hooks", "ftp://localhost/x", "http://u:p@localhost/x"} {
		assert.Error(t, CheckWebhookURL(bad, false), bad)
	}
	err := CheckWebhookURL("http://example.com/hooks?token=s3cret", false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "https://")
	assert.NotContains(t, err.Error(), "s3cret", "the query, which may carry a token, is not echoed")

	// The same rule holds for endpoints registered by configuration (--webhook).
	_, err = New(t.Context(), Config{DataDir: t.TempDir(), Logger: quietLogger(),
		DefaultWebhooks: []WebhookConfig{{URL: "http://hooks.example.com/in", Secret: "whsec_x"}}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "https://")
}

// A password in a refused URL is never echoed back, whichever rule refuses
// it: the API's answer, CheckWebhookURL (--webhook), Config.DefaultWebhooks
// and Config.PublicURL.
func TestWebhookURLNeverEchoesCredentials(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct{ url, code, msg string }{
		{"https://user:hunter2pw@host:99x/", "invalid_field", `url "https://…@host:99x/" must be an absolute http:// or https:// URL`},
		{"https://user:hunter?2pw@host:99x/", "invalid_field", `url "https://…@host:99x/" must be an absolute http:// or https:// URL`},
		{" https://user:hunter2pw@host/", "invalid_field", `url "https://…@host/" must be an absolute http:// or https:// URL`},
		{"https:/user:hunter2pw@host/in", "invalid_field", `url "https:/…@host/in" must be an absolute http:// or https:// URL`},
		{"//user:hunter2pw@host:99x/", "invalid_field", `url "//…@host:99x/" must be an absolute http:// or https:// URL`},
		{"https://user:hunter2pw@host/", "invalid_field", "url must not carry credentials (user:password@); authenticate deliveries with the webhook secret instead"},
	} {
		er := e.do("POST", "/webhooks", keyA, map[string]string{"url": tc.url}).apiErr(t, http.StatusBadRequest, "validation_error")
		assert.Equal(t, tc.code, er["code"], tc.url)
		assert.Equal(t, tc.msg, er["message"], tc.url)
		err := CheckWebhookURL(tc.url, false)
		require.Error(t, err, tc.url)
		assert.NotContains(t, err.Error(), "hunter", tc.url)
		_, err = New(t.Context(), Config{DataDir: t.TempDir(), Logger: quietLogger(),
			DefaultWebhooks: []WebhookConfig{{URL: tc.url, Secret: "whsec_x"}}})
		require.Error(t, err, tc.url)
		assert.NotContains(t, err.Error(), "hunter", tc.url)
	}
	_, err := New(t.Context(), Config{DataDir: t.TempDir(), Logger: quietLogger(), PublicURL: "https://user:hunter2pw@host:99x/"})
	require.Error(t, err)
	assert.Equal(t, `sandbox: PublicURL "https://…@host:99x/" must be an absolute http(s) URL`, err.Error())

	// A stored URL that no longer parses fails its attempt with the cause
	// alone, not the URL (the attempt's error is logged and listed).
	code, msg := e.sb.post(t.Context(), dueDelivery{url: "https://user:hunter2pw@host:99x/", secret: "whsec_x"})
	assert.Equal(t, 0, code)
	assert.Equal(t, `bad endpoint URL: invalid port ":99x" after host`, msg)
}

// Receivers carry tokens in a webhook URL's path (Slack, Discord) or query:
// logs show only its scheme, host and port, while the API answers the account
// with the whole URL.
func TestWebhookLogsShowOnlyOrigin(t *testing.T) {
	var logs syncbuffer.Buffer
	e := newEnv(t, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	rc := newReceiver(t, 0)
	full := rc.srv.URL + "/services/T000/B000/tok_pathS3cret?token=tok_queryS3cret#frag"
	ep := e.register(keyA, full)
	rc.setSecret(ep.Secret)
	assert.Equal(t, full, ep.URL, "the answer to the account keeps the whole URL")
	var hooks struct{ Webhooks []facesign.WebhookEndpoint }
	e.do("GET", "/webhooks", keyA, nil).decode(t, &hooks)
	require.Len(t, hooks.Webhooks, 1)
	assert.Equal(t, full, hooks.Webhooks[0].URL)

	e.create(keyA, createBody("", nil))
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "webhook attempt") }, 15*time.Second, 5*time.Millisecond)
	out := logs.String()
	assert.Contains(t, out, "webhook endpoint registered")
	assert.Equal(t, 2, strings.Count(out, " url="+rc.srv.URL), "both lines name the receiver by its origin: %s", out)
	assert.NotContains(t, out, rc.srv.URL+"/")
	assert.NotContains(t, out, "tok_pathS3cret")
	assert.NotContains(t, out, "/services")
	assert.NotContains(t, out, "tok_queryS3cret")
}

func TestLogURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://hooks.slack.com/services/T000/B000/XXXX", "https://hooks.slack.com"},
		{"https://discord.com/api/webhooks/123/tok?wait=true", "https://discord.com"},
		{"http://127.0.0.1:3000/hooks#frag", "http://127.0.0.1:3000"},
		{"https://[::1]:8443", "https://[::1]:8443"},
		{"https://user:pw@example.com/p", "https://example.com"},
		{"https://user:pw@host:99x/p/tok", "https://…@host:99x"},
		{"https://host:99x?tok", "https://host:99x"},
		{"not a url", "(unparseable URL)"},
	} {
		assert.Equal(t, tc.want, logURL(tc.in), tc.in)
	}
}

// Restarting with a new --webhook-secret: the endpoint from configuration is
// the same one, and every later delivery is signed with the new secret only.
func TestDefaultWebhookSecretFollowsConfig(t *testing.T) {
	rc := newReceiver(t, 0)
	rc.setSecret("whsec_first")
	e := newEnv(t, func(c *Config) {
		c.DefaultWebhooks = []WebhookConfig{{URL: rc.srv.URL, Secret: "whsec_first"}}
	})
	e.create(keyA, createBody("", nil))
	require.Eventually(t, func() bool { return len(rc.received()) == 1 }, 15*time.Second, 5*time.Millisecond)
	// The receiver has the event before the sandbox records the attempt. A
	// restart in between leaves the attempt unrecorded and the next start sends
	// the event again (at least once, by design), so the receiver would count
	// three deliveries: wait for the record first.
	require.Eventually(t, func() bool {
		var n int
		err := e.sb.db.r.QueryRow(`SELECT COUNT(*) FROM deliveries WHERE state = ?`, stateDelivered).Scan(&n)
		return err == nil && n == 1
	}, 15*time.Second, 5*time.Millisecond)

	e.cfg.DefaultWebhooks = []WebhookConfig{{URL: rc.srv.URL, Secret: "whsec_second"}}
	e.restart()
	rc.setSecret("whsec_second")
	e.create(keyA, createBody("", nil))
	require.Eventually(t, func() bool { return len(rc.received()) == 2 }, 15*time.Second, 5*time.Millisecond)
	rc.mu.Lock()
	assert.Empty(t, rc.invalid, "every delivery after the restart verifies with the new secret")
	rc.mu.Unlock()
	var hooks struct{ Webhooks []facesign.WebhookEndpoint }
	e.do("GET", "/webhooks", keyA, nil).decode(t, &hooks)
	assert.Len(t, hooks.Webhooks, 1, "the same endpoint, not a second one")

	// An endpoint the developer registered keeps its own secret.
	own := e.register(keyB, rc.srv.URL+"/own")
	e.restart()
	var secret string
	require.NoError(t, e.sb.db.r.QueryRow(`SELECT secret FROM webhook_endpoints WHERE id = ?`, own.ID).Scan(&secret))
	assert.Equal(t, own.Secret, secret)
}

// Deleting an endpoint while an attempt to it is in flight: the failing
// attempt is recorded as failed and nothing is retried to the deleted endpoint.
func TestDeleteWebhookDuringAttemptStopsRetries(t *testing.T) {
	e := newEnv(t, nil)
	arrived := make(chan struct{}, 10)
	release := make(chan struct{})
	var mu sync.Mutex
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		mu.Unlock()
		arrived <- struct{}{}
		<-release
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	ep := e.register(keyA, srv.URL)
	e.create(keyA, createBody("", nil))
	select {
	case <-arrived:
	case <-time.After(15 * time.Second):
		t.Fatal("no delivery attempt")
	}
	require.Equal(t, http.StatusOK, e.do("DELETE", "/webhooks/"+ep.ID, keyA, nil).status)
	close(release)
	var ds []facesign.Delivery
	require.Eventually(t, func() bool {
		ds = e.deliveries(keyA, ep.ID)
		return len(ds) == 1 && ds[0].Attempt == 1
	}, 15*time.Second, 5*time.Millisecond)
	assert.Equal(t, stateFailed, ds[0].State)
	assert.Nil(t, ds[0].NextRetry)
	time.Sleep(200 * time.Millisecond) // the retry schedule is scaled to 5 ms: room for a wrong retry
	mu.Lock()
	assert.Equal(t, 1, calls, "no retry to a deleted endpoint")
	mu.Unlock()
	assert.Len(t, e.deliveries(keyA, ep.ID), 1)
}

func TestWebhookRefusedAddresses(t *testing.T) {
	e := newEnv(t, nil)
	for _, bad := range []string{
		"https://169.254.169.254/latest/meta-data",
		"https://[fe80::1]/hooks",
		"https://0.0.0.0/hooks",
		"https://[::]/hooks",
		"https://224.0.0.1/hooks",
	} {
		er := e.do("POST", "/webhooks", keyA, map[string]string{"url": bad}).apiErr(t, http.StatusBadRequest, "validation_error")
		assert.Equal(t, "forbidden_address", er["code"], bad)
		assert.Error(t, CheckWebhookURL(bad, false), bad)
	}
	// Loopback receivers stay allowed; private (LAN) ones only by the flag.
	for _, ok := range []string{"http://127.0.0.1:3000/h", "http://localhost:3000/h"} {
		assert.NoError(t, CheckWebhookURL(ok, false), ok)
	}
	for _, lan := range []string{"https://10.1.2.3/h", "https://192.168.1.20/h", "https://[fd00::1]/h", "https://100.64.0.7/h"} {
		er := e.do("POST", "/webhooks", keyA, map[string]string{"url": lan}).apiErr(t, http.StatusBadRequest, "validation_error")
		assert.Equal(t, "forbidden_address", er["code"], lan)
		assert.Contains(t, er["message"], "--allow-private-webhooks", lan)
		assert.NoError(t, CheckWebhookURL(lan, true), lan)
	}
	lan := newEnv(t, func(c *Config) { c.AllowPrivateWebhooks = true })
	assert.Equal(t, http.StatusCreated, lan.do("POST", "/webhooks", keyA, map[string]string{"url": "https://192.168.1.20/h"}).status)
	for _, meta := range []string{"https://169.254.169.254/x", "https://[fd00:ec2::254]/x", "https://100.100.100.200/x"} {
		er := lan.do("POST", "/webhooks", keyA, map[string]string{"url": meta}).apiErr(t, http.StatusBadRequest, "validation_error")
		assert.Equal(t, "forbidden_address", er["code"], "%s is refused even with private addresses allowed", meta)
	}

	// Invalid ports are refused at registration.
	for _, bad := range []string{"http://127.0.0.1:0/h", "https://example.com:65536/h", "https://example.com:99999/h"} {
		er := e.do("POST", "/webhooks", keyA, map[string]string{"url": bad}).apiErr(t, http.StatusBadRequest, "validation_error")
		assert.Contains(t, er["message"], "port", bad)
	}

	for _, tc := range []struct {
		addr    string
		refused bool
	}{
		{"169.254.169.254:80", true},
		{"[fe80::1%eth0]:443", true},
		{"0.0.0.0:80", true},
		{"[::]:80", true},
		{"239.1.2.3:80", true},
		{"192.168.1.20:443", true},
		{"10.0.0.5:443", true},
		{"127.0.0.1:8080", false},
		{"[::1]:8080", false},
		{"93.184.216.34:443", false},
	} {
		err := webhookPolicy(false).Control("tcp", tc.addr, nil)
		if tc.refused {
			assert.Error(t, err, tc.addr)
		} else {
			assert.NoError(t, err, tc.addr)
		}
	}
}

// A URL that got past registration (an older database, or a name resolving to
// a refused address) is still refused when the sender dials it.
func TestWebhookDialRefusesLinkLocal(t *testing.T) {
	e := newEnv(t, nil)
	e.do("GET", "/webhooks", keyA, nil) // creates the account
	require.NoError(t, e.sb.write(t.Context(), func(tx wtx) error {
		_, err := tx.ExecContext(t.Context(), `INSERT INTO webhook_endpoints(id, account_id, url, secret, created_at)
			SELECT 'we_linklocal', id, 'http://169.254.169.254:9/hooks', 'whsec_x', 0 FROM accounts`)
		return err
	}))
	e.create(keyA, createBody("", nil))
	var ds []facesign.Delivery
	require.Eventually(t, func() bool {
		ds = e.deliveries(keyA, "we_linklocal")
		return len(ds) > 0 && ds[0].Attempt > 0
	}, 15*time.Second, 5*time.Millisecond)
	assert.Equal(t, 0, ds[0].StatusCode)
	assert.Contains(t, ds[0].Error, "link-local")
}

// A receiver answering a redirect: the attempt fails with the 3xx code and the
// redirect's target is never called.
func TestWebhookRedirectNotFollowed(t *testing.T) {
	e := newEnv(t, nil)
	target := newReceiver(t, 0)
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.srv.URL+"/elsewhere", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirector.Close)
	ep := e.register(keyA, redirector.URL)
	target.setSecret(ep.Secret)
	e.create(keyA, createBody("", nil))
	var ds []facesign.Delivery
	require.Eventually(t, func() bool {
		ds = e.deliveries(keyA, ep.ID)
		return len(ds) > 0 && ds[0].Attempt > 0
	}, 15*time.Second, 5*time.Millisecond)
	assert.Equal(t, http.StatusTemporaryRedirect, ds[0].StatusCode)
	assert.Equal(t, stateRetrying, ds[0].State)
	assert.Contains(t, ds[0].Error, "redirect")
	target.mu.Lock()
	assert.Zero(t, target.calls, "the redirect's target is not called")
	target.mu.Unlock()
}
