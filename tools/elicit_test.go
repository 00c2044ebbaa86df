package tools

import (
	"context"
	"sync"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// formAnswerer is a client's elicitation handler that answers with a fixed
// action and content, and remembers the form it was shown.
type formAnswerer struct {
	action  mcp.ElicitationResponseAction
	content map[string]any

	mu    sync.Mutex
	forms []mcp.ElicitationParams
}

func (f *formAnswerer) Elicit(_ context.Context, req mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	f.mu.Lock()
	f.forms = append(f.forms, req.Params)
	f.mu.Unlock()
	res := &mcp.ElicitationResult{}
	res.Action = f.action
	if f.action == mcp.ElicitationResponseActionAccept {
		res.Content = f.content
	}
	return res, nil
}

func (f *formAnswerer) shown() []mcp.ElicitationParams {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]mcp.ElicitationParams(nil), f.forms...)
}

const stepUp = "Step-up for wire transfers over $5,000: liveness check, then ask the user to confirm the transfer details, then an email code."

func questionIDs(qs []flowbuild.Question) []string {
	var ids []string
	for _, q := range qs {
		ids = append(ids, q.ID)
	}
	return ids
}

func TestBuildFlowWithoutElicitationReturnsQuestions(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	var out BuildFlowOutput
	RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"description": stepUp}), &out)
	assert.Equal(t, "build", out.Mode)
	assert.Equal(t, elicitUnsupported, out.Elicitation)
	assert.Contains(t, questionIDs(out.Questions), "avatar")
	assert.Contains(t, questionIDs(out.Questions), "langs")
	assert.False(t, flow.HasErrors(flow.Validate(out.Flow)))
	assert.Contains(t, out.Mermaid, "flowchart TD")
	assert.NotEmpty(t, out.Summary)

	// The build is the current flow: an edit applies to it and keeps the ids it did not touch.
	var edited BuildFlowOutput
	RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"change": "add an SMS code at the end"}), &edited)
	assert.Equal(t, "edit", edited.Mode)
	hasSMS := false
	for _, n := range edited.Flow {
		hasSMS = hasSMS || n.Type == flow.TypeTwoFactorSMS
	}
	assert.True(t, hasSMS, "the change was applied")
	for _, n := range out.Flow {
		if n.Type == flow.TypeLiveness {
			assert.NotNil(t, edited.Flow.Node(n.ID), "untouched node %s keeps its id", n.ID)
		}
	}
	var v ValidateFlowOutput
	RequireOK(t, CallTool(t, c, "validate_flow", map[string]any{}), &v)
	assert.Equal(t, len(edited.Flow), v.NodeCount, "validate_flow checks the edited flow")

	assert.Contains(t, RequireToolError(t, CallTool(t, c, "build_flow", map[string]any{"description": "   "})), "Nothing to do")
}

func TestBuildFlowElicitsOpenQuestions(t *testing.T) {
	h := newToolHarness(t)

	t.Run("accepted answers are used", func(t *testing.T) {
		form := &formAnswerer{action: mcp.ElicitationResponseActionAccept, content: map[string]any{
			"avatarId": "av_ben", "langs": "es, xx", "onFailure": "offer retry",
		}}
		c := h.Dial(t, DialClientOptions(client.WithElicitationHandler(form)))
		setKey(t, c, tkAlice) // the form then offers the account's avatars and languages
		var out BuildFlowOutput
		RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"description": stepUp}), &out)
		assert.Equal(t, elicitAccepted, out.Elicitation)
		require.NotNil(t, out.Answers)
		assert.Equal(t, "av_ben", out.Answers.AvatarID)
		assert.Equal(t, []string{"es"}, out.Answers.Langs, "a language the account does not have is dropped")
		assert.Equal(t, "av_ben", out.Settings.AvatarID)
		assert.Equal(t, []string{"es"}, out.Settings.Langs)
		assert.NotContains(t, questionIDs(out.Questions), "avatar", "answered questions are not asked again")
		assert.NotContains(t, questionIDs(out.Questions), "langs")

		forms := form.shown()
		require.Len(t, forms, 1, "one form for all open questions")
		props := forms[0].RequestedSchema.(map[string]any)["properties"].(map[string]any)
		avatar := props["avatarId"].(map[string]any)
		assert.Equal(t, []any{"av_anna", "av_ben"}, avatar["enum"], "avatar choices come from the account")
		assert.Contains(t, props, "langs")
	})

	for _, tt := range []struct {
		action mcp.ElicitationResponseAction
		status string
	}{
		{mcp.ElicitationResponseActionDecline, elicitDeclined},
		{mcp.ElicitationResponseActionCancel, elicitCancelled},
	} {
		t.Run(string(tt.action), func(t *testing.T) {
			form := &formAnswerer{action: tt.action}
			c := h.Dial(t, DialClientOptions(client.WithElicitationHandler(form)))
			var out BuildFlowOutput
			RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"description": stepUp}), &out)
			assert.Equal(t, tt.status, out.Elicitation)
			assert.Nil(t, out.Answers)
			assert.Contains(t, questionIDs(out.Questions), "avatar", "the questions come back to ask in the conversation")
			assert.Len(t, form.shown(), 1)
			assert.False(t, flow.HasErrors(flow.Validate(out.Flow)), "a flow is built anyway")
		})
	}

	t.Run("no open questions, no form", func(t *testing.T) {
		form := &formAnswerer{action: mcp.ElicitationResponseActionAccept}
		c := h.Dial(t, DialClientOptions(client.WithElicitationHandler(form)))
		_, arg := wireFlow(t)
		var out BuildFlowOutput
		RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"flow": arg}), &out)
		assert.Equal(t, elicitNotNeeded, out.Elicitation)
		assert.Empty(t, form.shown())
	})
}

func TestReadAnswers(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	res := &mcp.ElicitationResult{}
	res.Action = mcp.ElicitationResponseActionAccept
	res.Content = map[string]any{"documentTypes": "passport, library-card, dl", "minAge": float64(21), "otpChannel": "SMS", "avatarId": "default"}
	a, status, pending := d.readAnswers(context.Background(), res)
	require.Nil(t, pending)
	assert.Equal(t, elicitAccepted, status)
	require.NotNil(t, a)
	assert.Equal(t, []string{"passport", "dl"}, a.DocumentTypes)
	assert.Equal(t, 21, a.MinAge)
	assert.Equal(t, "sms", a.OTPChannel)
	assert.Empty(t, a.AvatarID, `"default" leaves the avatar to FaceSign`)

	res.Content = map[string]any{"langs": "  "}
	a, status, _ = d.readAnswers(context.Background(), res)
	assert.Nil(t, a, "an accepted but empty form changes nothing")
	assert.Equal(t, elicitAccepted, status)
}

// A 2026-07-28 client gets the form as an input_required result (no
// server-initiated request), retries with the answers, and gets a flow built
// with them.
func TestBuildFlowMultiRoundTrip(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	_, handler := BuildFlow(d)
	ctx := server.WithRequestProtocolInfo(context.Background(), &server.RequestProtocolInfo{
		Modern: true, ProtocolVersion: mcp.ProtocolVersion20260728,
		ClientCapabilities: &mcp.ClientCapabilities{Elicitation: &mcp.ElicitationCapability{}},
	})
	req := mcp.CallToolRequest{}
	req.Params.Name = "build_flow"
	req.Params.Arguments = map[string]any{"description": stepUp}

	first, err := handler(ctx, req)
	require.NoError(t, err)
	require.True(t, first.NeedsInput(), "input_required, got: %s", ResultText(first))
	require.Contains(t, first.InputRequests, elicitationID)

	answer := mcp.ElicitationResult{}
	answer.Action = mcp.ElicitationResponseActionAccept
	answer.Content = map[string]any{"avatarId": "av_custom", "langs": "en, fr"}
	req.Params.InputResponses = mcp.InputResponses{elicitationID: mcp.NewElicitationInputResponse(answer)}
	second, err := handler(ctx, req)
	require.NoError(t, err)
	require.False(t, second.NeedsInput())
	out := second.StructuredContent.(BuildFlowOutput)
	assert.Equal(t, elicitAccepted, out.Elicitation)
	// Without a key nothing can be matched to the account's ids: the answers
	// wait as named (simulate_session matches them), and no name passes for an id.
	require.NotNil(t, out.Named)
	assert.Equal(t, "av_custom", out.Named.NamedAvatar)
	assert.Equal(t, []string{"en", "fr"}, out.Named.NamedLangs)
	assert.False(t, out.Named.Resolved)
	assert.Empty(t, out.Settings.AvatarID)
	assert.Empty(t, out.Settings.Langs)

	// A modern client that did not declare elicitation gets the questions.
	plain := server.WithRequestProtocolInfo(context.Background(), &server.RequestProtocolInfo{
		Modern: true, ProtocolVersion: mcp.ProtocolVersion20260728, ClientCapabilities: &mcp.ClientCapabilities{},
	})
	req.Params.InputResponses = nil
	res, err := handler(plain, req)
	require.NoError(t, err)
	assert.Equal(t, elicitUnsupported, res.StructuredContent.(BuildFlowOutput).Elicitation)
}
