package tools

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

func wireFlow(t *testing.T) (flow.Flow, any) {
	t.Helper()
	raw := readSharedFlow(t, "wire-transfer.json")
	f, err := flow.Decode(raw)
	require.NoError(t, err)
	return f, flowArg(t, raw)
}

func firstOfType(t *testing.T, f flow.Flow, typ flow.NodeType) string {
	t.Helper()
	for _, n := range f {
		if n.Type == typ {
			return n.ID
		}
	}
	t.Fatalf("no %s node", typ)
	return ""
}

func TestSimulateSession(t *testing.T) {
	h := newToolHarness(t)
	notes := &Notifications{}
	c := h.Dial(t, DialRecording(notes))
	setKey(t, c, tkAlice)
	h.api.addWebhook(tkAlice, "http://127.0.0.1:9/hook")
	fl, arg := wireFlow(t)
	liveness := firstOfType(t, fl, flow.TypeLiveness)

	t.Run("success path with progress and deliveries", func(t *testing.T) {
		res := CallToolWithMeta(t, c, "simulate_session", map[string]any{"flow": arg}, &mcp.Meta{ProgressToken: "sim-1"})
		var out SimulateOutput
		RequireOK(t, res, &out)
		assert.True(t, out.Created)
		assert.Equal(t, "complete", out.Status)
		assert.Equal(t, facesign.VerdictVerified, out.Verdict)
		require.NotEmpty(t, out.Path)
		assert.Equal(t, "start", string(out.Path[0].Type))
		assert.Equal(t, "end", string(out.Path[len(out.Path)-1].Type))
		for _, n := range out.Nodes {
			assert.True(t, n.Success, "%s took %s", n.NodeID, n.Outcome)
		}
		assert.Equal(t, 1, out.WebhookEndpoints)
		assert.Len(t, out.Deliveries, 3, "requiresInput, processing, complete")
		for _, d := range out.Deliveries {
			assert.Equal(t, "delivered", d.State)
			assert.Equal(t, 200, d.StatusCode)
		}
		assert.NotNil(t, out.Report)
		assert.GreaterOrEqual(t, len(notes.Of("notifications/progress")), 3, "progress on a call that can take more than a second")
	})

	t.Run("a failing liveness check", func(t *testing.T) {
		var out SimulateOutput
		RequireOK(t, CallTool(t, c, "simulate_session", map[string]any{"flow": arg, "outcomes": map[string]any{liveness: "deepfakeDetected"}}), &out)
		assert.Equal(t, facesign.VerdictFailed, out.Verdict)
		assert.Contains(t, out.Summary, liveness)
		var step *facesign.PathStep
		for i := range out.Path {
			if out.Path[i].NodeID == liveness {
				step = &out.Path[i]
			}
		}
		require.NotNil(t, step)
		assert.Equal(t, "deepfakeDetected", step.Outcome)

		// get_session reads the same session back with its summary.
		var got GetSessionOutput
		RequireOK(t, CallTool(t, c, "get_session", map[string]any{"sessionId": out.SessionID}), &got)
		assert.Equal(t, out.SessionID, got.Session.ID)
		assert.Equal(t, facesign.VerdictFailed, got.Summary.Verdict)
		assert.Contains(t, got.Summary.Path, liveness)
		b, _ := json.Marshal(got)
		assert.NotContains(t, string(b), "cs_secret_value", "the client secret is never returned")
	})

	t.Run("the current flow by default", func(t *testing.T) {
		RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"flow": arg}), nil)
		var out SimulateOutput
		RequireOK(t, CallTool(t, c, "simulate_session", map[string]any{}), &out)
		assert.True(t, out.Created)
	})

	t.Run("mistakes in outcomes name the node and the choices", func(t *testing.T) {
		msg := RequireToolError(t, CallTool(t, c, "simulate_session", map[string]any{"flow": arg, "outcomes": map[string]any{"nope": "x"}}))
		assert.Contains(t, msg, `no node "nope"`)
		msg = RequireToolError(t, CallTool(t, c, "simulate_session", map[string]any{"flow": arg, "outcomes": map[string]any{liveness: "maybe"}}))
		for _, o := range []string{"livenessDetected", "deepfakeDetected", "noFace", "inconclusive"} {
			assert.Contains(t, msg, o, "the node's own outcomes are listed")
		}

		// An optional outcome of the type that this node does not define cannot be
		// forced: the runner refuses it, so the tool must too, before creating anything.
		onboarding := flowArg(t, readSharedFlow(t, "onboarding.json"))
		before := h.api.count("POST /sessions")
		msg = RequireToolError(t, CallTool(t, c, "simulate_session", map[string]any{"flow": onboarding, "outcomes": map[string]any{"alive": "inconclusive"}}))
		assert.Contains(t, msg, `"inconclusive" is not an outcome`)
		assert.Equal(t, before, h.api.count("POST /sessions"))
	})

	t.Run("flow and sessionId together", func(t *testing.T) {
		assert.Contains(t, RequireToolError(t, CallTool(t, c, "simulate_session", map[string]any{"flow": arg, "sessionId": "sess_1"})), "not both")
	})

	t.Run("an invalid flow with its paths", func(t *testing.T) {
		bad := flowArg(t, readSharedFlow(t, "invalid/dangling-target.json"))
		msg := RequireToolError(t, CallTool(t, c, "simulate_session", map[string]any{"flow": bad}))
		assert.Contains(t, msg, "dangling_target at /")
	})

	t.Run("an unknown or finished session", func(t *testing.T) {
		assert.Contains(t, RequireToolError(t, CallTool(t, c, "simulate_session", map[string]any{"sessionId": "sess_9999"})), `No session with id "sess_9999"`)
		var out SimulateOutput
		RequireOK(t, CallTool(t, c, "simulate_session", map[string]any{"flow": arg}), &out)
		assert.Contains(t, RequireToolError(t, CallTool(t, c, "simulate_session", map[string]any{"sessionId": out.SessionID})), "already ended")
	})

	t.Run("a production key is refused", func(t *testing.T) {
		prod := h.Dial(t)
		setKey(t, prod, tkProd)
		before := h.api.count("POST /sessions")
		msg := RequireToolError(t, CallTool(t, prod, "simulate_session", map[string]any{"flow": arg}))
		assert.Contains(t, msg, "only in the sandbox")
		assert.Contains(t, msg, "sk_prod_…3333")
		assert.NotContains(t, msg, tkProd)
		assert.Equal(t, before, h.api.count("POST /sessions"), "nothing created with a production key")
	})
}

func TestGetSessionNotFound(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	setKey(t, c, tkAlice)
	msg := RequireToolError(t, CallTool(t, c, "get_session", map[string]any{"sessionId": "sess_nope"}))
	assert.Contains(t, msg, `No session with id "sess_nope"`)
	assert.Contains(t, msg, "list_sessions")
}

func TestListSessionsFiltersAndCursor(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	setKey(t, c, tkAlice)
	_, arg := wireFlow(t)
	for range 3 {
		RequireOK(t, CallTool(t, c, "simulate_session", map[string]any{"flow": arg}), nil)
	}

	var page1, page2 ListSessionsOutput
	RequireOK(t, CallTool(t, c, "list_sessions", map[string]any{"limit": 2, "includeTotal": true}), &page1)
	require.Len(t, page1.Sessions, 2)
	assert.True(t, page1.HasMore)
	require.NotEmpty(t, page1.NextCursor)
	require.NotNil(t, page1.TotalCount)
	assert.Equal(t, 3, *page1.TotalCount)
	assert.Equal(t, facesign.VerdictVerified, page1.Sessions[0].Verdict)
	RequireOK(t, CallTool(t, c, "list_sessions", map[string]any{"limit": 2, "cursor": page1.NextCursor}), &page2)
	require.Len(t, page2.Sessions, 1)
	assert.False(t, page2.HasMore)
	assert.Empty(t, page2.NextCursor)

	// Every filter of the contract reaches the API.
	RequireOK(t, CallTool(t, c, "list_sessions", map[string]any{
		"limit": 10, "status": []any{"complete", "canceled"}, "clientReferenceId": "user-42", "flowId": "flow_abc",
		"fromDate": "2026-01-01", "toDate": "2026-01-31", "search": "landlord", "sortBy": "finishedAt", "sortOrder": "asc",
		"includeTotal": true,
	}), nil)
	q := h.api.query()
	assert.Equal(t, []string{"complete", "canceled"}, q["status"])
	assert.Equal(t, "10", q.Get("limit"))
	assert.Equal(t, "user-42", q.Get("clientReferenceId"))
	assert.Equal(t, "flow_abc", q.Get("flowId"))
	assert.Equal(t, "1767225600", q.Get("fromDate"))
	assert.Equal(t, "1769903999", q.Get("toDate"), "a bare upper date means the end of that day")
	assert.Equal(t, "landlord", q.Get("search"))
	assert.Equal(t, "finishedAt", q.Get("sortBy"))
	assert.Equal(t, "asc", q.Get("sortOrder"))

	// A single status, as assistants often send it, is a one-item list.
	RequireOK(t, CallTool(t, c, "list_sessions", map[string]any{"status": "complete"}), nil)
	assert.Equal(t, []string{"complete"}, h.api.query()["status"])
	assert.Equal(t, "true", q.Get("includeTotal"))

	// Dates in every accepted form; a reversed range and a bad cursor are refused clearly.
	for _, from := range []string{"2026-01-01T00:00:00Z", "1767225600", "1767225600000"} {
		RequireOK(t, CallTool(t, c, "list_sessions", map[string]any{"fromDate": from}), nil)
		assert.Equal(t, "1767225600", h.api.query().Get("fromDate"), from)
	}
	assert.Contains(t, RequireToolError(t, CallTool(t, c, "list_sessions", map[string]any{"fromDate": "2026-02-01", "toDate": "2026-01-01"})), "after toDate")
	assert.Contains(t, RequireToolError(t, CallTool(t, c, "list_sessions", map[string]any{"cursor": "garbage"})), "cursor")
}

// get_session reports progress only on a fetch that is still going after
// progressDelay: a fast one answers with no notification (so over HTTP with a
// plain JSON response), a slow one tells the user before the result arrives.
func TestGetSessionProgressOnlyWhenSlow(t *testing.T) {
	h := newToolHarness(t)
	notes := &Notifications{}
	c := h.Dial(t, DialRecording(notes))
	setKey(t, c, tkAlice)
	_, arg := wireFlow(t)
	var sim SimulateOutput
	RequireOK(t, CallTool(t, c, "simulate_session", map[string]any{"flow": arg}), &sim)
	before := len(notes.Of("notifications/progress"))

	res := CallToolWithMeta(t, c, "get_session", map[string]any{"sessionId": sim.SessionID}, &mcp.Meta{ProgressToken: "fast"})
	RequireOK(t, res, nil)
	assert.Len(t, notes.Of("notifications/progress"), before, "a fast fetch sends no progress")

	h.api.slowGets(progressDelay + 300*time.Millisecond)
	res = CallToolWithMeta(t, c, "get_session", map[string]any{"sessionId": sim.SessionID}, &mcp.Meta{ProgressToken: "slow"})
	var got GetSessionOutput
	RequireOK(t, res, &got)
	assert.Equal(t, sim.SessionID, got.Session.ID)
	var slow []float64
	for _, n := range notes.Of("notifications/progress") {
		if n.Params.AdditionalFields["progressToken"] == "slow" {
			slow = append(slow, n.Params.AdditionalFields["progress"].(float64))
		}
	}
	assert.Equal(t, []float64{1, 2}, slow, "a slow fetch reports progress, then completion, before the result")

	h.api.slowGets(0)
	res = CallToolWithMeta(t, c, "get_session", map[string]any{"sessionId": sim.SessionID}, nil)
	RequireOK(t, res, nil)
}

func TestReportAfter(t *testing.T) {
	var p *Progress
	stop := p.ReportAfter(time.Millisecond, 1, "x")
	time.Sleep(5 * time.Millisecond)
	assert.False(t, stop(), "without a progress token nothing is sent")
}
