package facesign_test

// The client against the real embedded sandbox over loopback HTTP, for every
// endpoint of the contract. The stub tests (client_test.go) cover the shapes the
// sandbox never emits; these prove the two halves agree on the ones it does.

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/fakeclock"
	"github.com/facesign/facesign-mcp/internal/syncbuffer"
	"github.com/facesign/facesign-mcp/sandbox"
)

const (
	e2eKeyA = "sk_test_e2eAccountA0001"
	e2eKeyB = "sk_test_e2eAccountB0002"
)

// The wire-transfer sample of shared/flows, inline so the test stands alone.
const wireTransferFlow = `[
  {"id": "start", "type": "start", "outcome": "intro"},
  {"id": "intro", "type": "conversation", "prompt": "Say: Before we send this transfer, I need a quick check that it's really you. Please keep your face in view of the camera.", "doesNotRequireReply": true, "outcomes": [{"id": "next", "targetNodeId": "liveness", "condition": ""}]},
  {"id": "liveness", "type": "liveness_detection", "outcomes": {"livenessDetected": "confirm_transfer", "deepfakeDetected": "confirm_transfer", "noFace": "confirm_transfer", "inconclusive": "confirm_transfer"}},
  {"id": "confirm_transfer", "type": "conversation", "prompt": "Ask the user to state the recipient, the amount and the purpose of the transfer, and whether anyone asked them to make it.", "outcomes": [{"id": "confirmed", "targetNodeId": "otp", "condition": "The user confirmed the recipient and amount and says nobody pressured them"}, {"id": "doubt", "targetNodeId": "stop", "condition": "The user hesitated, gave different details, or mentioned being pressured"}]},
  {"id": "otp", "type": "two_factor_email", "outcomes": {"verified": "done", "delivery_failed": "stop", "failed_unverified": "stop", "cancelled": "stop", "error": "stop"}},
  {"id": "done", "type": "conversation", "prompt": "Say: Thanks, you're verified. Your transfer will go ahead.", "doesNotRequireReply": true, "outcomes": [{"id": "ok", "targetNodeId": "end", "condition": ""}]},
  {"id": "stop", "type": "conversation", "prompt": "Say: I can't approve this transfer right now. Our team will contact you.", "doesNotRequireReply": true, "outcomes": [{"id": "halt", "targetNodeId": "end", "condition": ""}]},
  {"id": "end", "type": "end"}
]`

// A liveness flow: a greeting, liveness (which enrols the provided person), a closing line.
const enrolFlow = `[{"id":"start","type":"start","outcome":"hi"},
 {"id":"hi","type":"conversation","prompt":"Say: Hello there, please look at the camera.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"live","condition":""}]},
 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"bye","deepfakeDetected":"bye","noFace":"bye"}},
 {"id":"bye","type":"conversation","prompt":"Say: Done.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"end","condition":""}]},
 {"id":"end","type":"end"}]`

// Liveness outcomes straight to end: valid, with a warning.
const warnFlow = `[{"id":"start","type":"start","outcome":"hi"},{"id":"hi","type":"conversation","prompt":"Say: Hi.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"l","condition":""}]},{"id":"l","type":"liveness_detection","outcomes":{"livenessDetected":"bye","deepfakeDetected":"end","noFace":"end"}},{"id":"bye","type":"conversation","prompt":"Say: Thanks.","doesNotRequireReply":true,"outcomes":[{"id":"b","targetNodeId":"end","condition":""}]},{"id":"end","type":"end"}]`

// An outcome pointing at a node that does not exist.
const danglingFlow = `[{"id":"start","type":"start","outcome":"a"},{"id":"a","type":"conversation","prompt":"Say: hi","outcomes":[{"id":"x","targetNodeId":"nowhere","condition":""}]},{"id":"end","type":"end"}]`

func mustFlow(t testing.TB, raw string) flow.Flow {
	t.Helper()
	f, err := flow.Decode([]byte(raw))
	require.NoError(t, err)
	return f
}

// e2e is a sandbox on loopback and a client per account.
type e2e struct {
	base string
	a, b *facesign.Client
	logs *syncbuffer.Buffer
}

func newE2E(t *testing.T, mod func(*sandbox.Config), opts ...facesign.Option) *e2e {
	t.Helper()
	cfg := sandbox.Config{
		DataDir:           t.TempDir(),
		Logger:            slog.New(slog.NewTextHandler(io.Discard, nil)),
		JanitorInterval:   -1,
		WebhookRetryScale: 0.001,
	}
	if mod != nil {
		mod(&cfg)
	}
	sb, err := sandbox.New(t.Context(), cfg)
	require.NoError(t, err)
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, sb.Close())
	})
	e := &e2e{base: srv.URL + "/sandbox", logs: &syncbuffer.Buffer{}}
	logger := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	newClient := func(key string) *facesign.Client {
		c, err := facesign.New(key, append([]facesign.Option{facesign.WithBaseURL(e.base), facesign.WithLogger(logger)}, opts...)...)
		require.NoError(t, err)
		return c
	}
	e.a, e.b = newClient(e2eKeyA), newClient(e2eKeyB)
	return e
}

func TestSandboxSessions(t *testing.T) {
	e := newE2E(t, nil)
	ctx := t.Context()

	created, err := e.a.CreateSession(ctx, facesign.Settings{
		ClientReferenceID: "order-42",
		Metadata:          map[string]string{"amount": "9500", "recipient": "Globex"},
		Flow:              mustFlow(t, wireTransferFlow),
		ProvidedData:      map[string]any{"email": "ana@example.com", "name": "Ana Lima"},
		Langs:             []string{"en"},
	})
	require.NoError(t, err)
	s := created.Session
	assert.NotEmpty(t, s.ID)
	assert.Equal(t, facesign.StatusRequiresInput, s.Status)
	assert.WithinDuration(t, time.Now(), s.CreatedAt.Time, time.Minute)
	assert.Equal(t, "order-42", s.Settings.ClientReferenceID)
	assert.Len(t, s.Settings.Flow, 8)
	secret := created.ClientSecret
	assert.NotEmpty(t, secret.Secret)
	assert.Contains(t, secret.URL, "client_secret="+secret.Secret)
	assert.Equal(t, time.Hour, secret.ExpireAt.Sub(secret.CreatedAt.Time), "a client secret lives one hour")
	assert.Empty(t, created.Warnings)

	t.Run("get", func(t *testing.T) {
		got, err := e.a.GetSession(ctx, s.ID)
		require.NoError(t, err)
		assert.Equal(t, s.ID, got.Session.ID)
		assert.Equal(t, s.Settings.Metadata, got.Session.Settings.Metadata)
		assert.Equal(t, secret.Secret, got.ClientSecret.Secret)
		// The session re-encodes without its client secret: what a tool passes on.
		enc, err := json.Marshal(got.Session)
		require.NoError(t, err)
		assert.NotContains(t, string(enc), secret.Secret)
	})
	t.Run("refresh replaces the secret", func(t *testing.T) {
		fresh, err := e.a.RefreshSecret(ctx, s.ID)
		require.NoError(t, err)
		assert.NotEqual(t, secret.Secret, fresh.Secret)
		got, err := e.a.GetSession(ctx, s.ID)
		require.NoError(t, err)
		assert.Equal(t, fresh.Secret, got.ClientSecret.Secret)
	})
	t.Run("another account sees 404", func(t *testing.T) {
		_, err := e.b.GetSession(ctx, s.ID)
		assert.True(t, facesign.IsNotFound(err), "%v", err)
		_, err = e.b.RefreshSecret(ctx, s.ID)
		assert.True(t, facesign.IsNotFound(err), "%v", err)
		_, err = e.b.Simulate(ctx, s.ID, facesign.SimulateRequest{})
		assert.True(t, facesign.IsNotFound(err), "%v", err)
	})
	t.Run("warnings come back on create", func(t *testing.T) {
		w, err := e.a.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, warnFlow)})
		require.NoError(t, err)
		require.NotEmpty(t, w.Warnings)
		for _, warn := range w.Warnings {
			assert.True(t, strings.HasPrefix(warn.Path, "/flow"), "warning path %q", warn.Path)
			assert.NotEmpty(t, warn.Message)
		}
	})
	t.Run("legacy modules", func(t *testing.T) {
		m, err := e.a.CreateSession(ctx, facesign.Settings{Modules: []facesign.Module{json.RawMessage(`"identityVerification"`)}})
		require.NoError(t, err)
		assert.NotEmpty(t, m.Session.Settings.Flow, "modules expand to a flow")
	})
	t.Run("simulate the wire transfer", func(t *testing.T) {
		sim, err := e.a.Simulate(ctx, s.ID, facesign.SimulateRequest{
			Replies: map[string]string{"confirm_transfer": "Yes, 9,500 euros to Globex, nobody asked me to"},
		})
		require.NoError(t, err)
		assert.Equal(t, facesign.StatusComplete, sim.Session.Status)
		require.NotNil(t, sim.Session.Report)
		assert.True(t, sim.Session.Report.Sandbox)
		assert.NotEmpty(t, sim.Session.Report.Transcript)
		assert.NotEmpty(t, sim.Session.Report.NodeReports)
		require.NotNil(t, sim.Session.FinishedAt)
		var nodes []string
		for _, p := range sim.Path {
			nodes = append(nodes, p.NodeID)
		}
		assert.Equal(t, []string{"start", "intro", "liveness", "confirm_transfer", "otp", "done", "end"}, nodes)
		assert.Equal(t, flow.TypeLiveness, sim.Path[2].Type)

		got, err := e.a.GetSession(ctx, s.ID)
		require.NoError(t, err)
		assert.Equal(t, facesign.StatusComplete, got.Session.Status, "the result is stored")

		outbox, err := e.a.Outbox(ctx)
		require.NoError(t, err)
		require.Len(t, outbox, 1)
		assert.Equal(t, s.ID, outbox[0].SessionID)
		assert.Equal(t, "otp", outbox[0].NodeID)
		assert.Equal(t, "email", outbox[0].Channel)
		assert.Len(t, outbox[0].Code, 6)
		other, err := e.b.Outbox(ctx)
		require.NoError(t, err)
		assert.Empty(t, other, "another account's outbox is its own")

		_, err = e.a.Simulate(ctx, s.ID, facesign.SimulateRequest{})
		assert.Error(t, err, "a finished session cannot run again")
	})
	t.Run("search finds the transcript", func(t *testing.T) {
		page, err := e.a.ListSessions(ctx, facesign.ListParams{Search: "Globex", IncludeTotal: true})
		require.NoError(t, err)
		require.Len(t, page.Sessions, 1)
		assert.Equal(t, s.ID, page.Sessions[0].ID)
		require.NotNil(t, page.TotalCount)
		assert.Equal(t, 1, *page.TotalCount)
	})
}

func TestSandboxListAndIterator(t *testing.T) {
	e := newE2E(t, nil)
	ctx := t.Context()
	var want []string
	for range 7 {
		c, err := e.a.CreateSession(ctx, facesign.Settings{ClientReferenceID: "batch-1", Flow: mustFlow(t, enrolFlow)})
		require.NoError(t, err)
		want = append(want, c.Session.ID)
	}
	_, err := e.a.CreateSession(ctx, facesign.Settings{ClientReferenceID: "other", Flow: mustFlow(t, enrolFlow)})
	require.NoError(t, err)
	_, err = e.b.CreateSession(ctx, facesign.Settings{ClientReferenceID: "batch-1", Flow: mustFlow(t, enrolFlow)})
	require.NoError(t, err)

	page, err := e.a.ListSessions(ctx, facesign.ListParams{Limit: 3, ClientReferenceID: "batch-1", IncludeTotal: true})
	require.NoError(t, err)
	assert.Len(t, page.Sessions, 3)
	assert.True(t, page.HasMore)
	assert.NotEmpty(t, page.NextCursor)
	require.NotNil(t, page.TotalCount)
	assert.Equal(t, 7, *page.TotalCount, "account B's session and the other reference are not counted")

	var got []string
	for s, err := range e.a.Sessions(ctx, facesign.ListParams{Limit: 3, ClientReferenceID: "batch-1", SortOrder: "asc"}) {
		require.NoError(t, err)
		got = append(got, s.ID)
	}
	assert.Equal(t, want, got, "every session once, oldest first, across three pages")

	var desc []string
	for s, err := range e.a.Sessions(ctx, facesign.ListParams{Limit: 2, ClientReferenceID: "batch-1"}) {
		require.NoError(t, err)
		desc = append(desc, s.ID)
	}
	slices.Reverse(desc)
	assert.Equal(t, want, desc, "newest first by default")

	// Status filter after completing one session.
	_, err = e.a.Simulate(ctx, want[0], facesign.SimulateRequest{})
	require.NoError(t, err)
	done, err := e.a.ListSessions(ctx, facesign.ListParams{Status: []facesign.Status{facesign.StatusComplete}})
	require.NoError(t, err)
	require.Len(t, done.Sessions, 1)
	assert.Equal(t, want[0], done.Sessions[0].ID)

	t.Run("bad query answers 400 naming the parameter", func(t *testing.T) {
		_, err := e.a.ListSessions(ctx, facesign.ListParams{SortBy: "height"})
		require.True(t, facesign.IsValidation(err), "%v", err)
		assert.Contains(t, err.Error(), "sortBy")
		_, err = e.a.ListSessions(ctx, facesign.ListParams{Cursor: "not-a-cursor"})
		require.True(t, facesign.IsValidation(err), "%v", err)
		assert.Contains(t, err.Error(), "cursor")
		_, err = e.a.ListSessions(ctx, facesign.ListParams{Limit: 1000})
		require.True(t, facesign.IsValidation(err), "%v", err)
		assert.Contains(t, err.Error(), "limit")
	})
}

func TestSandboxCatalogue(t *testing.T) {
	e := newE2E(t, nil)
	avatars, err := e.a.Avatars(t.Context())
	require.NoError(t, err)
	require.NotEmpty(t, avatars)
	for _, a := range avatars {
		assert.NotEmpty(t, a.ID)
		assert.NotEmpty(t, a.Name)
	}
	langs, err := e.a.Langs(t.Context())
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(langs, func(l facesign.Lang) bool { return l.ID == "en" }), "English is offered")
}

func TestSandboxFaces(t *testing.T) {
	e := newE2E(t, nil)
	ctx := t.Context()
	c, err := e.a.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, enrolFlow),
		ProvidedData: map[string]any{"name": "Grace Hopper", "email": "grace@example.com"}})
	require.NoError(t, err)
	_, err = e.a.Simulate(ctx, c.Session.ID, facesign.SimulateRequest{})
	require.NoError(t, err)

	faces, err := e.a.Faces(ctx)
	require.NoError(t, err)
	require.Len(t, faces, 1)
	assert.Equal(t, "grace@example.com", faces[0].Email)
	assert.Equal(t, "Grace Hopper", faces[0].Name)
	assert.Equal(t, c.Session.ID, faces[0].SessionID)
	assert.False(t, faces[0].EnrolledAt.IsZero())

	other, err := e.b.Faces(ctx)
	require.NoError(t, err)
	assert.Empty(t, other)
	assert.True(t, facesign.IsNotFound(e.b.DeleteFace(ctx, faces[0].ID)), "another account cannot delete it")

	require.NoError(t, e.a.DeleteFace(ctx, faces[0].ID))
	faces, err = e.a.Faces(ctx)
	require.NoError(t, err)
	assert.Empty(t, faces)
	assert.True(t, facesign.IsNotFound(e.a.DeleteFace(ctx, "face_missing")))
}

// receiver is a webhook endpoint that verifies every delivery with Verify.
type receiver struct {
	mu       sync.Mutex
	secret   string
	events   []facesign.WebhookEvent
	rejected []error
	srv      *httptest.Server
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		defer r.mu.Unlock()
		_, ev, err := facesign.VerifyRequest(req, []string{r.secret}, facesign.DefaultTolerance, time.Now())
		if err != nil {
			r.rejected = append(r.rejected, err)
			http.Error(w, "bad signature", http.StatusBadRequest)
			return
		}
		r.events = append(r.events, *ev)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) snapshot() ([]facesign.WebhookEvent, []error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events), slices.Clone(r.rejected)
}

func TestSandboxWebhooks(t *testing.T) {
	e := newE2E(t, nil)
	ctx := t.Context()
	rcv := newReceiver(t)

	ep, err := e.a.CreateWebhook(ctx, rcv.srv.URL+"/hook")
	require.NoError(t, err)
	require.NotEmpty(t, ep.Secret, "the secret is shown at creation")
	rcv.mu.Lock()
	rcv.secret = ep.Secret
	rcv.mu.Unlock()

	list, err := e.a.ListWebhooks(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, ep.ID, list[0].ID)
	assert.Empty(t, list[0].Secret, "listing does not show secrets")
	other, err := e.b.ListWebhooks(ctx)
	require.NoError(t, err)
	assert.Empty(t, other)

	c, err := e.a.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, enrolFlow)})
	require.NoError(t, err)
	_, err = e.a.Simulate(ctx, c.Session.ID, facesign.SimulateRequest{})
	require.NoError(t, err)
	_, err = e.b.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, enrolFlow)})
	require.NoError(t, err)

	// requiresInput at creation, then processing and complete.
	require.Eventually(t, func() bool {
		events, _ := rcv.snapshot()
		return len(events) >= 3
	}, 10*time.Second, 10*time.Millisecond)
	events, rejected := rcv.snapshot()
	assert.Empty(t, rejected, "every delivery verifies")
	for _, ev := range events {
		assert.Equal(t, facesign.EventSessionStatus, ev.Type)
		assert.Equal(t, c.Session.ID, ev.SessionID, "account B's session is never delivered to A")
		assert.NotEmpty(t, ev.ID)
	}

	// The receiver answers before the sandbox records the attempt, so a delivery
	// can still read "pending" for a moment: wait until each is final.
	deliveries := waitDeliveriesFinal(t, e.a, ep.ID, events)
	for _, d := range deliveries {
		assert.Equal(t, http.StatusNoContent, d.StatusCode)
		assert.Equal(t, "delivered", d.State)
		assert.Equal(t, c.Session.ID, d.SessionID)
	}
	_, err = e.b.Deliveries(ctx, ep.ID)
	assert.True(t, facesign.IsNotFound(err), "another account's endpoint is 404: %v", err)

	assert.True(t, facesign.IsNotFound(e.b.DeleteWebhook(ctx, ep.ID)))
	require.NoError(t, e.a.DeleteWebhook(ctx, ep.ID))
	list, err = e.a.ListWebhooks(ctx)
	require.NoError(t, err)
	assert.Empty(t, list)
	assert.True(t, facesign.IsNotFound(e.a.DeleteWebhook(ctx, ep.ID)))

	_, err = e.a.CreateWebhook(ctx, "http://127.0.0.1:1/hook")
	require.NoError(t, err, "a loopback http:// endpoint is allowed")
}

// waitDeliveriesFinal polls the endpoint's delivery log (up to 10 s) until every
// event the receiver got has its attempt recorded and no line is pending or
// retrying, and returns that log.
func waitDeliveriesFinal(t *testing.T, c *facesign.Client, endpoint string, events []facesign.WebhookEvent) []facesign.Delivery {
	t.Helper()
	var ds []facesign.Delivery
	var lastErr error
	final := func(state string) bool { return state == "delivered" || state == "failed" }
	ok := assert.Eventually(t, func() bool {
		ds, lastErr = c.Deliveries(t.Context(), endpoint)
		if lastErr != nil {
			return false
		}
		recorded := map[string]bool{}
		for _, d := range ds {
			if !final(d.State) {
				return false
			}
			recorded[d.EventID] = true
		}
		for _, ev := range events {
			if !recorded[ev.ID] {
				return false
			}
		}
		return true
	}, 10*time.Second, 10*time.Millisecond)
	if !ok {
		require.FailNow(t, "deliveries never all final", "last error: %v; log: %+v", lastErr, ds)
	}
	return ds
}

func TestSandboxErrors(t *testing.T) {
	e := newE2E(t, nil)
	ctx := t.Context()

	t.Run("401 for a production key", func(t *testing.T) {
		prod, err := facesign.New("sk_live_e2eProdKey9999", facesign.WithBaseURL(e.base))
		require.NoError(t, err)
		_, err = prod.Avatars(ctx)
		var apiErr *facesign.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
		assert.Equal(t, facesign.ErrorTypeAuthentication, apiErr.Type)
		assert.True(t, facesign.IsAuth(err))
		assert.NotEmpty(t, apiErr.RequestID, "the sandbox's X-Request-Id is kept")
		assert.NotContains(t, err.Error(), "e2eProdKey")
	})
	t.Run("404 for an unknown session", func(t *testing.T) {
		_, err := e.a.GetSession(ctx, "sess_does_not_exist")
		var apiErr *facesign.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
		assert.Equal(t, facesign.ErrorTypeNotFound, apiErr.Type)
		assert.True(t, facesign.IsNotFound(err))
		_, err = e.a.RefreshSecret(ctx, "sess_does_not_exist")
		assert.True(t, facesign.IsNotFound(err))
		_, err = e.a.Deliveries(ctx, "wh_does_not_exist")
		assert.True(t, facesign.IsNotFound(err))
	})
	t.Run("400 validation error with details", func(t *testing.T) {
		_, err := e.a.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, danglingFlow)})
		var apiErr *facesign.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
		assert.Equal(t, facesign.ErrorTypeValidation, apiErr.Type)
		assert.Contains(t, apiErr.Message, "nowhere", "the message names the missing target")
		require.NotEmpty(t, apiErr.Details)
		var paths []string
		for _, d := range apiErr.Details {
			paths = append(paths, d.Path)
		}
		assert.True(t, slices.ContainsFunc(paths, func(p string) bool { return strings.HasPrefix(p, "/flow/1") }), "details point at the node: %v", paths)
	})
	t.Run("400 for flow and modules together", func(t *testing.T) {
		_, err := e.a.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, enrolFlow), Modules: []facesign.Module{json.RawMessage(`"identityVerification"`)}})
		assert.True(t, facesign.IsValidation(err), "%v", err)
	})
	t.Run("400 for an unknown simulate outcome", func(t *testing.T) {
		c, err := e.a.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, enrolFlow)})
		require.NoError(t, err)
		_, err = e.a.Simulate(ctx, c.Session.ID, facesign.SimulateRequest{Outcomes: map[string]string{"live": "teleported"}})
		assert.True(t, facesign.IsValidation(err), "%v", err)
		assert.Contains(t, err.Error(), "teleported")
		_, err = e.a.Simulate(ctx, c.Session.ID, facesign.SimulateRequest{Inputs: map[string]any{"liveness": "maybe"}})
		assert.True(t, facesign.IsValidation(err), "%v", err)
	})
	t.Run("400 for a webhook url with credentials", func(t *testing.T) {
		_, err := e.a.CreateWebhook(ctx, "http://user:pw@127.0.0.1/hook")
		var apiErr *facesign.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.True(t, facesign.IsValidation(err), "%v", err)
		assert.Equal(t, []facesign.ErrorDetail{{Path: "/url", Code: apiErr.Code, Message: apiErr.Message}}, apiErr.Details)
	})
	t.Run("400 for a plain http webhook url off loopback", func(t *testing.T) {
		_, err := e.a.CreateWebhook(ctx, "http://hooks.example.com/in")
		var apiErr *facesign.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.True(t, facesign.IsValidation(err), "%v", err)
		assert.Contains(t, apiErr.Message, "https://")
		assert.Equal(t, []facesign.ErrorDetail{{Path: "/url", Code: apiErr.Code, Message: apiErr.Message}}, apiErr.Details)
		_, err = e.a.CreateWebhook(ctx, "https://hooks.example.com/in")
		assert.NoError(t, err, "https is fine anywhere")
	})
	assert.NotContains(t, e.logs.String(), "e2eAccountA", "the key is never logged")
}

func TestSandboxRateLimit(t *testing.T) {
	var waits []time.Duration
	// The limiter's window is a calendar minute; on the wall clock a run that
	// crosses a minute boundary gets a fresh window and no 429 (it failed CI
	// once that way). A clock that stands still keeps every request in one.
	clock := fakeclock.New(time.Date(2025, 6, 15, 10, 0, 30, 0, time.UTC))
	e := newE2E(t, func(c *sandbox.Config) { c.RateLimit = 2; c.Clock = clock.Now },
		facesign.WithRetry(2, time.Millisecond, 50*time.Millisecond),
		facesign.WithSleep(func(ctx context.Context, d time.Duration) error {
			waits = append(waits, d)
			return ctx.Err()
		}))
	ctx := t.Context()
	for range 2 {
		_, err := e.a.Langs(ctx)
		require.NoError(t, err)
	}
	_, err := e.a.Langs(ctx)
	var apiErr *facesign.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
	assert.Equal(t, facesign.ErrorTypeRateLimit, apiErr.Type)
	assert.Greater(t, apiErr.RetryAfter, time.Duration(0), "the sandbox's reset hint is read")
	assert.Equal(t, []time.Duration{50 * time.Millisecond}, waits, "retried once, the hint capped by maxDelay")

	_, err = e.b.Langs(ctx)
	assert.NoError(t, err, "the limit is per account")
	_, err = e.a.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, enrolFlow)})
	assert.True(t, facesign.IsRateLimited(err), "a POST gets the 429 back at once")
}

// A receiver that fails twice then succeeds still gets the event, verified, and
// the deliveries endpoint shows each attempt with its status code.
func TestSandboxWebhookRetries(t *testing.T) {
	e := newE2E(t, nil)
	ctx := t.Context()
	var mu sync.Mutex
	var secret string
	var calls int
	var got []facesign.WebhookEvent
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls <= 2 {
			http.Error(w, "not yet", http.StatusInternalServerError)
			return
		}
		_, ev, err := facesign.VerifyRequest(r, []string{secret}, facesign.DefaultTolerance, time.Now())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		got = append(got, *ev)
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)

	ep, err := e.a.CreateWebhook(ctx, srv.URL)
	require.NoError(t, err)
	mu.Lock()
	secret = ep.Secret
	mu.Unlock()
	c, err := e.a.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, enrolFlow)})
	require.NoError(t, err)

	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) == 1
	}, 10*time.Second, 10*time.Millisecond)
	mu.Lock()
	assert.Equal(t, c.Session.ID, got[0].SessionID)
	evID := got[0].ID
	mu.Unlock()

	var codes []int
	require.Eventually(t, func() bool {
		ds, err := e.a.Deliveries(ctx, ep.ID)
		if err != nil {
			return false
		}
		codes = codes[:0]
		for _, d := range ds {
			if d.EventID == evID {
				codes = append(codes, d.StatusCode)
			}
		}
		return slices.Contains(codes, http.StatusOK)
	}, 5*time.Second, 10*time.Millisecond)
	slices.Sort(codes)
	assert.Equal(t, []int{http.StatusOK, http.StatusInternalServerError, http.StatusInternalServerError}, codes)
}
