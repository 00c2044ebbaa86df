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

// notFaceSign is the message for an error answer that is not in either of
// FaceSign's shapes: what it was, never what it said.
func notFaceSign(status, contentType, size string) string {
	return "HTTP " + status + " (" + contentType + ", " + size + ") that is not a FaceSign API error; " +
		"its text is not shown. The base URL may not be FaceSign's API, or a proxy in front of it answered"
}

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
			header: http.Header{"Content-Type": {"text/html; charset=utf-8"}, "X-Request-Id": {"req_p"}},
			body:   "<html><body><h1>403 Forbidden</h1></body></html>",
			want: APIError{StatusCode: 403, Type: ErrorTypeForbidden, RequestID: "req_p",
				Message: "HTTP 403 Forbidden (text/html, 48 bytes) that is not a FaceSign API error; its text is not shown. " +
					"The base URL may not be FaceSign's API, or a proxy in front of it answered"},
		},
		{
			name: "403 top-level message from a gateway", status: 403,
			header: http.Header{"Content-Type": {"application/json"}},
			body:   `{"message":"Forbidden"}`,
			want:   APIError{StatusCode: 403, Type: ErrorTypeForbidden, Message: notFaceSign("403 Forbidden", "application/json", "23 bytes")},
		},
		{
			name: "403 plain text", status: 403,
			body: "Access denied by policy",
			want: APIError{StatusCode: 403, Type: ErrorTypeForbidden, Message: notFaceSign("403 Forbidden", "no Content-Type", "23 bytes")},
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
			name: "flat shape with a message", status: 400,
			body: `{"error":"Bad flow","message":"node n2 has no outcomes","code":"invalid_flow"}`,
			want: APIError{StatusCode: 400, Type: ErrorTypeValidation, Code: "invalid_flow", Message: "Bad flow: node n2 has no outcomes"},
		},
		{
			name: "top-level message is not FaceSign's shape", status: 422,
			body: `{"message":"zone must be es or eu","code":"bad_zone","type":"authentication_error","details":["/x"],"requestId":"r"}`,
			want: APIError{StatusCode: 422, Type: ErrorTypeValidation, Message: notFaceSign("422 Unprocessable Entity", "no Content-Type", "116 bytes")},
		},
		{
			name: "empty flat error is not FaceSign's shape", status: 400,
			body: `{"error":"","message":"m"}`,
			want: APIError{StatusCode: 400, Type: ErrorTypeValidation, Message: notFaceSign("400 Bad Request", "no Content-Type", "26 bytes")},
		},
		{
			name: "plain text", status: 502,
			header: http.Header{"Content-Type": {"text/plain"}},
			body:   "upstream   connect error\n",
			want:   APIError{StatusCode: 502, Type: ErrorTypeServer, Message: notFaceSign("502 Bad Gateway", "text/plain", "25 bytes")},
		},
		{
			name: "html page", status: 503,
			header: http.Header{"Content-Type": {"text/html"}},
			body:   "<html><body>Service Unavailable</body></html>",
			want:   APIError{StatusCode: 503, Type: ErrorTypeServer, Message: notFaceSign("503 Service Unavailable", "text/html", "45 bytes")},
		},
		{
			name: "an unreadable Content-Type is not quoted", status: 500,
			header: http.Header{"Content-Type": {"text/html; ; secret=\"x"}},
			body:   "oops",
			want:   APIError{StatusCode: 500, Type: ErrorTypeServer, Message: notFaceSign("500 Internal Server Error", "an unreadable Content-Type", "4 bytes")},
		},
		{
			name: "unknown status without text", status: 599,
			body: "x",
			want: APIError{StatusCode: 599, Type: ErrorTypeServer, Message: notFaceSign("599", "no Content-Type", "1 bytes")},
		},
		{
			name: "empty body", status: 429,
			want: APIError{StatusCode: 429, Type: ErrorTypeRateLimit, Message: "Too Many Requests"},
		},
		{
			name: "broken json", status: 401,
			body: `{"error": {"type": `,
			want: APIError{StatusCode: 401, Type: ErrorTypeAuthentication, Message: notFaceSign("401 Unauthorized", "no Content-Type", "19 bytes")},
		},
		{
			name: "unknown status", status: 418, body: `{}`,
			want: APIError{StatusCode: 418, Type: ErrorTypeInvalidRequest, Message: notFaceSign("418 I'm a teapot", "no Content-Type", "2 bytes")},
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

// set_api_key's serverUrl may point the client at any host: the error page
// of an internal service it reaches must not be readable in the error.
func TestDecodeErrorNeverQuotesAnAnswerThatIsNotFaceSigns(t *testing.T) {
	const secret = "AKIAIOSFODNN7EXAMPLE"
	for _, tc := range []struct {
		name, contentType, body string
	}{
		{"html", "text/html; charset=utf-8", "<html><body><pre>aws_access_key_id=" + secret + "</pre></body></html>"},
		{"plain text", "text/plain", "internal config: token=" + secret},
		{"json of another shape", "application/json", `{"message":"` + secret + `","code":"` + secret + `","type":"` + secret +
			`","details":[{"path":"/` + secret + `","message":"` + secret + `"}],"requestId":"` + secret + `"}`},
		{"json array", "application/json", `["` + secret + `"]`},
		{"broken json", "application/json", `{"error": {"message": "` + secret},
		{"secret in the Content-Type parameters", "text/html; token=" + secret, "x"},
		{"long text", "text/plain", strings.Repeat(secret+" ", 20000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, status := range []int{400, 401, 403, 404, 500} {
				e := decodeError(status, http.Header{"Content-Type": {tc.contentType}}, []byte(tc.body))
				all := fmt.Sprintf("%s %+v", e.Error(), *e)
				assert.NotContains(t, all, secret)
				assert.NotContains(t, all, "AKIA")
				assert.Contains(t, e.Message, "not a FaceSign API error")
				assert.Contains(t, e.Message, fmt.Sprintf("HTTP %d", status))
				assert.Empty(t, e.Details)
				assert.Empty(t, e.Code)
				assert.Equal(t, typeForStatus(status), e.Type, "the type comes from the status alone")
			}
		})
	}
	long := decodeError(500, http.Header{}, make([]byte, maxErrorBytes))
	assert.Contains(t, long.Message, fmt.Sprintf("over %d bytes", maxErrorBytes), "the client reads no more than this")
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
