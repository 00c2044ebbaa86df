package tools

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/sandbox"
)

// The tools against the real embedded sandbox (over loopback HTTP, the way
// the binary wires them), with a webhook receiver registered for every
// account: the whole conversation of the README, tool by tool.
func TestToolsAgainstTheSandbox(t *testing.T) {
	var hooks atomic.Int32
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hooks.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(receiver.Close)
	st := NewMCPStack(t, StackOptions{
		// simulate_session answers once its deliveries are settled, which
		// takes milliseconds; the long bound only keeps a loaded CI machine
		// from answering before the receiver has been called.
		Deps:   &Deps{DeliveryWait: time.Minute},
		HTTP:   HTTPOptions{Heartbeat: -1},
		Server: []server.ServerOption{server.WithOutputSchemaValidation()},
		Sandbox: &sandbox.Config{
			WebhookRetryScale: 0.001, DefaultWebhooks: []sandbox.WebhookConfig{{URL: receiver.URL, Secret: "whsec_test_secret"}},
		},
	})
	alice := st.Dial(t)
	bob := st.Dial(t)

	var key SetAPIKeyOutput
	RequireOK(t, CallTool(t, alice, "set_api_key", map[string]any{"apiKey": tkAlice}), &key)
	assert.Equal(t, "sandbox", string(key.Environment))
	assert.NotEmpty(t, key.Avatars)
	assert.NotEmpty(t, key.Languages)
	setKey(t, bob, tkBob)

	var built BuildFlowOutput
	RequireOK(t, CallTool(t, alice, "build_flow", map[string]any{"description": stepUp}), &built)
	var liveness string
	for _, n := range built.Flow {
		if n.Type == flow.TypeLiveness {
			liveness = n.ID
		}
	}
	require.NotEmpty(t, liveness)

	var ok, failed SimulateOutput
	RequireOK(t, CallTool(t, alice, "simulate_session", map[string]any{}), &ok)
	assert.Equal(t, "complete", ok.Status)
	assert.NotEqual(t, facesign.VerdictFailed, ok.Verdict)
	require.NotNil(t, ok.Report)
	assert.True(t, ok.Report.Sandbox)
	assert.Equal(t, 1, ok.WebhookEndpoints)
	assert.NotEmpty(t, ok.Deliveries, "deliveries of the simulated session")
	for _, d := range ok.Deliveries {
		assert.Equal(t, receiver.URL, d.EndpointURL)
	}

	RequireOK(t, CallTool(t, alice, "simulate_session", map[string]any{"outcomes": map[string]any{liveness: "deepfakeDetected"}}), &failed)
	var got GetSessionOutput
	RequireOK(t, CallTool(t, alice, "get_session", map[string]any{"sessionId": failed.SessionID}), &got)
	assert.Contains(t, got.Summary.Path, liveness)
	for _, n := range got.Summary.Nodes {
		if n.NodeID == liveness {
			assert.Equal(t, "deepfakeDetected", n.Outcome)
			assert.False(t, n.Success)
		}
	}

	var page ListSessionsOutput
	RequireOK(t, CallTool(t, alice, "list_sessions", map[string]any{"status": []any{"complete"}, "limit": 10, "includeTotal": true}), &page)
	assert.Len(t, page.Sessions, 2)
	var none ListSessionsOutput
	RequireOK(t, CallTool(t, bob, "list_sessions", map[string]any{}), &none)
	assert.Empty(t, none.Sessions, "another account sees nothing")
	assert.Contains(t, RequireToolError(t, CallTool(t, bob, "get_session", map[string]any{"sessionId": ok.SessionID})), "No session with id")
	assert.Positive(t, hooks.Load(), "the receiver got webhooks")
}

// simulate_session does not wait on a webhook endpoint that hangs: after
// Deps.DeliveryWait it answers with the deliveries still pending.
func TestSimulateDoesNotWaitOnAHangingWebhook(t *testing.T) {
	release := make(chan struct{})
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	// Cleanups run last-in first-out: release the handlers, then close.
	t.Cleanup(receiver.Close)
	t.Cleanup(func() { close(release) })
	st := NewMCPStack(t, StackOptions{
		Deps:    &Deps{DeliveryWait: 100 * time.Millisecond},
		Sandbox: &sandbox.Config{DefaultWebhooks: []sandbox.WebhookConfig{{URL: receiver.URL, Secret: "whsec_test_secret"}}},
	})
	c := st.Dial(t)
	setKey(t, c, tkAlice)
	_, fl := wireFlow(t)
	var out SimulateOutput
	start := time.Now()
	RequireOK(t, CallTool(t, c, "simulate_session", map[string]any{"flow": fl}), &out)
	// A bound on behaviour, not a speed claim: ignoring DeliveryWait would
	// mean waiting the default, or the sandbox's 10 s delivery timeout.
	assert.Less(t, time.Since(start), DefaultDeliveryWait, "simulate_session waited past Deps.DeliveryWait")
	assert.Equal(t, "complete", out.Status)
	require.NotEmpty(t, out.Deliveries)
	for _, d := range out.Deliveries {
		assert.Equal(t, "pending", d.State, "the endpoint has not answered yet")
	}
}
