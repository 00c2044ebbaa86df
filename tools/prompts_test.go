package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPromptsListedWithArguments(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	list, err := c.ListPrompts(ctx, mcp.ListPromptsRequest{})
	require.NoError(t, err)
	names := map[string]mcp.Prompt{}
	for _, p := range list.Prompts {
		names[p.Name] = p
	}
	for _, want := range []string{"wire_transfer_step_up", "account_recovery", "kyc_onboarding", "face_enrollment", "login_2fa", "device_recovery"} {
		p, ok := names[want]
		require.True(t, ok, "prompt %s", want)
		assert.NotEmpty(t, p.Description)
		assert.NotEmpty(t, p.Arguments, "%s has arguments", want)
		for _, a := range p.Arguments {
			assert.NotEmpty(t, a.Description)
		}
	}
}

func TestPromptMessagesLeadToTools(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	get := func(name string, args map[string]string) (*mcp.GetPromptResult, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		req := mcp.GetPromptRequest{}
		req.Params.Name = name
		req.Params.Arguments = args
		return c.GetPrompt(ctx, req)
	}
	res, err := get("wire_transfer_step_up", map[string]string{"amountThreshold": "10000", "currency": "EUR", "channel": "sms"})
	require.NoError(t, err)
	require.Len(t, res.Messages, 1)
	text := res.Messages[0].Content.(mcp.TextContent).Text
	assert.Equal(t, mcp.RoleUser, res.Messages[0].Role)
	for _, want := range []string{"build_flow", "validate_flow", "simulate_session", "set_api_key", "€10000", "text message"} {
		assert.Contains(t, text, want)
	}

	res, err = get("kyc_onboarding", map[string]string{"documentTypes": "passport, dl", "minimumAge": "21"})
	require.NoError(t, err)
	text = res.Messages[0].Content.(mcp.TextContent).Text
	assert.Contains(t, text, "passport or driver's license")
	assert.Contains(t, text, "older than 21")

	// Defaults when arguments are left out.
	for _, r := range recipes {
		res, err := get(r.Prompt, nil)
		require.NoError(t, err, r.Prompt)
		assert.Contains(t, res.Messages[0].Content.(mcp.TextContent).Text, r.Describe(r.defaults()))
	}

	for _, bad := range []struct {
		name string
		args map[string]string
		want string
	}{
		{"login_2fa", map[string]string{"channel": "pigeon"}, "channel"},
		{"wire_transfer_step_up", map[string]string{"amountThreshold": "lots"}, "amountThreshold"},
		{"kyc_onboarding", map[string]string{"documentTypes": "passport, library-card"}, "library-card"},
		{"face_enrollment", map[string]string{"colour": "blue"}, "colour"},
	} {
		_, err := get(bad.name, bad.args)
		require.Error(t, err, bad.name)
		assert.Contains(t, err.Error(), bad.want)
	}
}

func TestPromptCompletions(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	complete := func(prompt, arg, value string) []string {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		req := mcp.CompleteRequest{}
		req.Params.Ref = mcp.PromptReference{Type: "ref/prompt", Name: prompt}
		req.Params.Argument.Name = arg
		req.Params.Argument.Value = value
		res, err := c.Complete(ctx, req)
		require.NoError(t, err)
		return res.Completion.Values
	}
	assert.Equal(t, []string{"sms"}, complete("login_2fa", "channel", "s"))
	assert.Equal(t, []string{"email", "sms"}, complete("account_recovery", "channel", ""))
	assert.Equal(t, []string{"EUR"}, complete("wire_transfer_step_up", "currency", "e"))
	assert.Equal(t, []string{"passport, residence-permit"}, complete("kyc_onboarding", "documentTypes", "passport, re"))
	assert.Contains(t, complete("wire_transfer_step_up", "amountThreshold", "1"), "10000")
	assert.Empty(t, complete("login_2fa", "nope", ""))
	assert.Empty(t, complete("no_such_prompt", "channel", ""))
	// Every argument of every prompt offers completions.
	for _, r := range recipes {
		for _, a := range r.Args {
			assert.NotEmpty(t, complete(r.Prompt, a.Name, ""), "%s.%s", r.Prompt, a.Name)
		}
	}
}

func TestResources(t *testing.T) {
	h := newToolHarness(t)
	c := h.Dial(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	list, err := c.ListResources(ctx, mcp.ListResourcesRequest{})
	require.NoError(t, err)
	uris := map[string]bool{}
	for _, r := range list.Resources {
		uris[r.URI] = true
		assert.NotEmpty(t, r.Description, r.URI)
		assert.NotEmpty(t, r.MIMEType, r.URI)
	}
	for _, want := range []string{uriCatalog, uriFlowSchema, uriRecipes, uriCurrentFlow} {
		assert.True(t, uris[want], want)
	}
	for _, r := range recipes {
		assert.True(t, uris[recipeURI(r.Slug)], r.Slug)
		md := ReadResourceText(t, c, recipeURI(r.Slug))
		assert.Contains(t, md, r.Title)
		assert.Contains(t, md, "build_flow")
	}

	var flowSchemaDoc map[string]any
	require.NoError(t, json.Unmarshal([]byte(ReadResourceText(t, c, uriFlowSchema)), &flowSchemaDoc))
	assert.Equal(t, "array", flowSchemaDoc["type"])

	catalog := ReadResourceText(t, c, uriCatalog)
	for _, typ := range []string{"liveness_detection", "recognition", "two_factor_sms", "data_validation"} {
		assert.Contains(t, catalog, "## `"+typ+"`")
	}
	assert.Contains(t, catalog, "success: `livenessDetected`")
	assert.True(t, strings.Contains(ReadResourceText(t, c, uriRecipes), "wire_transfer_step_up"))

	// No current flow yet: a clear error; after build_flow, the flow.
	req := mcp.ReadResourceRequest{}
	req.Params.URI = uriCurrentFlow
	_, err = c.ReadResource(ctx, req)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "build_flow")
	_, arg := wireFlow(t)
	RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"flow": arg}), nil)
	assert.Contains(t, ReadResourceText(t, c, uriCurrentFlow), `"type": "start"`)
}
