package tools

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// withOutputOf sets the tool's output schema, reflected from out (a pointer
// to the struct the handler returns as structured content).
func withOutputOf(out any) mcp.ToolOption {
	raw, err := json.Marshal(reflectSchema(out, false))
	if err != nil {
		panic(fmt.Sprintf("tools: encode the output schema of %T: %v", out, err)) // it was decoded from JSON
	}
	return func(t *mcp.Tool) { t.RawOutputSchema = raw }
}

// annotations sets the title and all four hints at once, so that no tool
// inherits mcp-go's defaults (destructive, open world) by omission.
func annotations(title string, readOnly, destructive, idempotent, openWorld bool) mcp.ToolOption {
	return func(t *mcp.Tool) {
		t.Title = title
		t.Annotations = mcp.ToolAnnotation{
			Title:           title,
			ReadOnlyHint:    mcp.ToBoolPtr(readOnly),
			DestructiveHint: mcp.ToBoolPtr(destructive),
			IdempotentHint:  mcp.ToBoolPtr(idempotent),
			OpenWorldHint:   mcp.ToBoolPtr(openWorld),
		}
	}
}

// problems never returns nil, so that structured content carries [] rather
// than null where the schema says array.
func problems(p []flow.Problem) []flow.Problem {
	if p == nil {
		return []flow.Problem{}
	}
	return p
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// result is a successful tool result: the structured content and a text
// rendering of it for clients that show only text.
func result(structured any, text string) *mcp.CallToolResult {
	return mcp.NewToolResultStructured(structured, text)
}

// failure is an expected failure: a tool result with isError set and a
// message that says what to do next.
func failure(format string, args ...any) *mcp.CallToolResult {
	return mcp.NewToolResultError(fmt.Sprintf(format, args...))
}

// apiFailure turns a FaceSign client error into an isError result that says
// what happened and what to do. APIError messages never contain the key.
func apiFailure(what string, key KeyInfo, err error) *mcp.CallToolResult {
	var apiErr *facesign.APIError
	if !errors.As(err, &apiErr) {
		return failure("%s failed: %v", what, err)
	}
	msg := apiErr.Message
	if msg == "" {
		msg = apiErr.Error()
	}
	switch {
	case facesign.IsAuth(err):
		return failure("%s failed: FaceSign rejected the API key %s (%s): %s. Check the key in the FaceSign dashboard and call set_api_key with a valid one.", what, key.Redacted, apiErr.Type, msg)
	case facesign.IsForbidden(err):
		return failure("%s failed: forbidden by %s: %s. The key was not rejected: something at that address (often a proxy, firewall or VPN in front of the API) refused the request. "+
			"Check serverUrl (set_api_key) and your network, or ask FaceSign support whether the key may use this endpoint.", what, hostOf(key.ServerURL), msg)
	case facesign.IsRateLimited(err):
		return failure("%s failed: FaceSign's rate limit was hit (%s). Wait a moment and try again.", what, msg)
	case facesign.IsConnection(err):
		return failure("%s failed: could not reach the FaceSign API at %s: %s. Check serverUrl (set_api_key) or that the server's sandbox is running.", what, key.ServerURL, msg)
	case facesign.IsValidation(err):
		var b strings.Builder
		fmt.Fprintf(&b, "%s failed: FaceSign refused the request: %s", what, msg)
		for _, d := range apiErr.Details {
			b.WriteString("\n- ")
			if d.Path != "" {
				b.WriteString(d.Path + ": ")
			}
			b.WriteString(d.Message)
		}
		b.WriteString("\nFix these and call the tool again.")
		return failure("%s", b.String())
	}
	return failure("%s failed: %s", what, apiErr.Error())
}

// hostOf is the host[:port] of a base URL, or the URL itself when it has none.
func hostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Host
	}
	if base == "" {
		return "the FaceSign API"
	}
	return base
}
