package facesign

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeError(t *testing.T) {
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   APIError
	}{
		{
			name: "nested shape", status: 404,
			header: http.Header{"X-Request-Id": {"req_1"}},
			body:   `{"error":{"type":"not_found_error","code":"resource_missing","message":"no such session: \"s_1\""}}`,
			want:   APIError{StatusCode: 404, Type: ErrorTypeNotFound, Code: "resource_missing", Message: `no such session: "s_1"`, RequestID: "req_1"},
		},
		{
			name: "flat shape from the older API", status: 403,
			body: `{"error": "Incorrect api key"}`,
			want: APIError{StatusCode: 403, Type: ErrorTypeAuthentication, Message: "Incorrect api key"},
		},
		{
			name: "403 with an authentication type", status: 403,
			body: `{"error":{"type":"authentication_error","message":"key revoked"}}`,
			want: APIError{StatusCode: 403, Type: ErrorTypeAuthentication, Message: "key revoked"},
		},
		{
			name: "403 html from a proxy is not about the key", status: 403,
			body: "<html><body><h1>403 Forbidden</h1></body></html>",
			want: APIError{StatusCode: 403, Type: ErrorTypeForbidden, Message: "Forbidden"},
		},
		{
			name: "403 top-level message from a gateway", status: 403,
			body: `{"message":"Forbidden"}`,
			want: APIError{StatusCode: 403, Type: ErrorTypeForbidden, Message: "Forbidden"},
		},
		{
			name: "403 plain text", status: 403,
			body: "Access denied by policy",
			want: APIError{StatusCode: 403, Type: ErrorTypeForbidden, Message: "Access denied by policy"},
		},
		{
			name: "403 with another type keeps it", status: 403,
			body: `{"error":{"type":"permission_error","message":"zone eu not enabled"}}`,
			want: APIError{StatusCode: 403, Type: "permission_error", Message: "zone eu not enabled"},
		},
		{
			name: "validation details as objects", status: 400,
			body: `{"error":{"type":"validation_error","code":"invalid_flow","message":"node n2: outcome ok points at missing","details":[{"path":"/flow/1/outcomes/ok","code":"dangling","message":"missing target"},{"pointer":"/flow/0"}]}}`,
			want: APIError{StatusCode: 400, Type: ErrorTypeValidation, Code: "invalid_flow", Message: "node n2: outcome ok points at missing",
				Details: []ErrorDetail{{Path: "/flow/1/outcomes/ok", Code: "dangling", Message: "missing target"}, {Path: "/flow/0"}}},
		},
		{
			name: "validation details as strings", status: 400,
			body: `{"error":{"type":"validation_error","message":"bad","details":["/flow/2/type","flow is required"]}}`,
			want: APIError{StatusCode: 400, Type: ErrorTypeValidation, Message: "bad",
				Details: []ErrorDetail{{Path: "/flow/2/type"}, {Message: "flow is required"}}},
		},
		{
			name: "numeric code and request id in body", status: 500,
			body: `{"error":{"message":"boom","code":5001,"requestId":"req_b"}}`,
			want: APIError{StatusCode: 500, Type: ErrorTypeServer, Code: "5001", Message: "boom", RequestID: "req_b"},
		},
		{
			name: "top-level message", status: 422,
			body: `{"message":"zone must be es or eu","code":"bad_zone"}`,
			want: APIError{StatusCode: 422, Type: ErrorTypeValidation, Code: "bad_zone", Message: "zone must be es or eu"},
		},
		{
			name: "plain text", status: 502,
			body: "upstream   connect error\n",
			want: APIError{StatusCode: 502, Type: ErrorTypeServer, Message: "upstream connect error"},
		},
		{
			name: "html page", status: 503,
			body: "<html><body>Service Unavailable</body></html>",
			want: APIError{StatusCode: 503, Type: ErrorTypeServer, Message: "Service Unavailable"},
		},
		{
			name: "empty body", status: 429,
			want: APIError{StatusCode: 429, Type: ErrorTypeRateLimit, Message: "Too Many Requests"},
		},
		{
			name: "broken json", status: 401,
			body: `{"error": {"type": `,
			want: APIError{StatusCode: 401, Type: ErrorTypeAuthentication, Message: `{"error": {"type":`},
		},
		{
			name: "unknown status", status: 418, body: `{}`,
			want: APIError{StatusCode: 418, Type: ErrorTypeInvalidRequest, Message: "I'm a teapot"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.header
			if h == nil {
				h = http.Header{}
			}
			got := decodeError(tt.status, h, []byte(tt.body))
			assert.Equal(t, tt.want, *got)
		})
	}
}

func TestDecodeErrorLongTextIsClipped(t *testing.T) {
	got := decodeError(500, http.Header{}, []byte(strings.Repeat("é", 400)))
	assert.LessOrEqual(t, len(got.Message), maxErrorSnippet+len("…"))
	assert.True(t, strings.HasSuffix(got.Message, "…"))
}

func TestAPIErrorHelpers(t *testing.T) {
	notFound := &APIError{StatusCode: 404, Type: ErrorTypeNotFound}
	wrapped := fmt.Errorf("tool get_session: %w", notFound)
	assert.True(t, IsNotFound(wrapped))
	assert.False(t, IsAuth(wrapped))
	var got *APIError
	require.True(t, errors.As(wrapped, &got))
	assert.Same(t, notFound, got)

	assert.True(t, IsAuth(&APIError{StatusCode: 403, Type: ErrorTypeAuthentication}))
	assert.False(t, IsForbidden(&APIError{StatusCode: 403, Type: ErrorTypeAuthentication}))
	for _, e := range []*APIError{decodeError(403, http.Header{}, []byte(`<html>blocked</html>`)),
		decodeError(403, http.Header{}, []byte(`{"error":{"type":"permission_error","message":"no"}}`))} {
		assert.False(t, IsAuth(e), "a 403 without FaceSign's key-refusal shape is not a refused key: %v", e)
		assert.True(t, IsForbidden(e), e.Error())
	}
	assert.True(t, IsAuth(decodeError(403, http.Header{}, []byte(`{"error": "Incorrect api key"}`))))
	assert.True(t, IsAuth(&APIError{StatusCode: 401}))
	assert.True(t, IsValidation(&APIError{StatusCode: 400, Type: ErrorTypeValidation}))
	assert.True(t, IsRateLimited(&APIError{StatusCode: 429, Type: ErrorTypeRateLimit}))
	conn := &APIError{Type: ErrorTypeConnection, Err: context.Canceled}
	assert.True(t, IsConnection(conn))
	assert.True(t, errors.Is(conn, context.Canceled))
	assert.False(t, IsNotFound(errors.New("plain")))
	assert.False(t, IsNotFound(nil))

	assert.Equal(t, "facesign: GET /sessions/s_1: 404 not_found_error (resource_missing): no such session [request req_9]",
		(&APIError{StatusCode: 404, Type: ErrorTypeNotFound, Code: "resource_missing", Message: "no such session",
			RequestID: "req_9", Method: "GET", Path: "/sessions/s_1"}).Error())
}

func TestScrubRemovesKeyEverywhere(t *testing.T) {
	const key = "sk_test_SECRETsecret42"
	e := &APIError{Type: ErrorTypeAuthentication, Message: "bad key " + key, Code: key,
		Details: []ErrorDetail{{Path: "/" + key, Message: key}},
		Err:     fmt.Errorf("echo %s: %w", key, context.DeadlineExceeded)}
	e.scrub(key)
	assert.NotContains(t, e.Error(), "SECRETsecret")
	assert.NotContains(t, fmt.Sprintf("%+v %#v", e, e.Details), "SECRETsecret")
	assert.NotContains(t, e.Err.Error(), "SECRETsecret")
	assert.Contains(t, e.Message, "sk_test_…et42")
	assert.True(t, errors.Is(e, context.DeadlineExceeded), "scrubbing keeps the cause for errors.Is")
}
