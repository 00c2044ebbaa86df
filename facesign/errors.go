package facesign

import (
	"bytes"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Error types. The first six are FaceSign's; the last three are the client's
// own, for failures that never got an answer from FaceSign (StatusCode 0), got
// one it could not read, or got a 403 without FaceSign's key-refusal shape.
const (
	ErrorTypeAuthentication = "authentication_error" // 401, and 403 {"error": "Incorrect api key"}
	ErrorTypeValidation     = "validation_error"     // 400
	ErrorTypeNotFound       = "not_found_error"      // 404
	ErrorTypeRateLimit      = "rate_limit_error"     // 429
	ErrorTypeServer         = "server_error"         // 5xx
	ErrorTypeInvalidRequest = "invalid_request_error"

	ErrorTypeConnection      = "connection_error"       // no HTTP answer: DNS, refused, reset, timeout, canceled
	ErrorTypeInvalidResponse = "invalid_response_error" // an answer the client cannot decode
	ErrorTypeForbidden       = "forbidden_error"        // a 403 that is not a refused key (a proxy or firewall in front of the API)
)

// APIError is the one error type every call of this package returns: an HTTP
// error answer (either of FaceSign's two shapes), a connection failure
// (StatusCode 0, Type connection_error), an unreadable answer, a malformed key
// or a bad argument caught before sending. Use errors.As, or IsNotFound, IsAuth
// and friends. Its text never contains the API key.
type APIError struct {
	StatusCode int           // HTTP status; 0 when no answer arrived
	Type       string        // one of the ErrorType constants (derived from the status when FaceSign sent none)
	Code       string        // FaceSign's machine-readable code, when it sent one
	Message    string        // human-readable, as FaceSign wrote it; for an answer not in FaceSign's error shape, a description of it, never its text
	RequestID  string        // X-Request-Id of the answer, for FaceSign support
	Details    []ErrorDetail // per-field problems of a validation error
	Method     string        // the request, for context in messages
	Path       string        // request path relative to the base URL, without the query
	RetryAfter time.Duration // the server's wait hint on 429/503, 0 if none
	Err        error         // the underlying cause (network error, ErrInvalidKey, ctx.Err()), if any

	hasHint bool // the server sent Retry-After or X-RateLimit-Reset (RetryAfter may be 0)
}

// ErrorDetail is one problem listed by a validation error: the JSON pointer of
// the offending value in the request body and what is wrong with it.
type ErrorDetail struct {
	Path    string `json:"path,omitempty"`
	Message string `json:"message,omitempty"`
	Code    string `json:"code,omitempty"`
}

// UnmarshalJSON accepts an object, or a bare string (a JSON pointer when it
// starts with "/", a message otherwise): FaceSign's generations have sent both.
func (d *ErrorDetail) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		if strings.HasPrefix(s, "/") {
			*d = ErrorDetail{Path: s}
		} else {
			*d = ErrorDetail{Message: s}
		}
		return nil
	}
	var raw struct {
		Path    string `json:"path"`
		Pointer string `json:"pointer"`
		Field   string `json:"field"`
		Message string `json:"message"`
		Code    string `json:"code"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*d = ErrorDetail{Path: firstNonEmpty(raw.Path, raw.Pointer, raw.Field), Message: raw.Message, Code: raw.Code}
	return nil
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("facesign: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	if e.StatusCode != 0 {
		b.WriteString(strconv.Itoa(e.StatusCode))
		b.WriteByte(' ')
	}
	b.WriteString(e.Type)
	if e.Code != "" {
		b.WriteString(" (")
		b.WriteString(e.Code)
		b.WriteByte(')')
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" [request ")
		b.WriteString(e.RequestID)
		b.WriteByte(']')
	}
	return b.String()
}

// Unwrap exposes the cause, so errors.Is(err, context.Canceled) and
// errors.Is(err, ErrInvalidKey) work.
func (e *APIError) Unwrap() error { return e.Err }

// Temporary reports whether repeating the same request later may succeed.
func (e *APIError) Temporary() bool {
	return e.Type == ErrorTypeConnection || retryableStatus(e.StatusCode)
}

func asAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

// IsNotFound reports whether err is FaceSign's 404: the id does not exist, or
// belongs to another account.
func IsNotFound(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.StatusCode == http.StatusNotFound || e.Type == ErrorTypeNotFound)
}

// IsAuth reports whether the key was refused: by FaceSign (401, or the older
// 403 {"error": "Incorrect api key"}) or by the client before sending
// (malformed key). Any other 403 is IsForbidden, not IsAuth: a proxy or
// firewall that blocks a request says nothing about the key.
func IsAuth(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.Type == ErrorTypeAuthentication || e.StatusCode == http.StatusUnauthorized)
}

// IsForbidden reports whether the answer was a 403 that is not a refused key:
// the request was blocked by whatever answered (often a proxy or firewall in
// front of the API).
func IsForbidden(err error) bool {
	e, ok := asAPIError(err)
	return ok && !IsAuth(err) && (e.StatusCode == http.StatusForbidden || e.Type == ErrorTypeForbidden)
}

// IsValidation reports whether FaceSign rejected the request body (400); the
// error's Details list each problem with its JSON pointer.
func IsValidation(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.Type == ErrorTypeValidation || e.StatusCode == http.StatusBadRequest)
}

// IsRateLimited reports whether FaceSign answered 429 (after any retries).
func IsRateLimited(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.StatusCode == http.StatusTooManyRequests || e.Type == ErrorTypeRateLimit)
}

// IsConnection reports whether no answer arrived (network failure, timeout or
// cancellation).
func IsConnection(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.Type == ErrorTypeConnection
}

// typeForStatus names the error type FaceSign would have sent for a status.
func typeForStatus(status int) string {
	switch {
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity:
		return ErrorTypeValidation
	case status == http.StatusUnauthorized:
		return ErrorTypeAuthentication
	case status == http.StatusForbidden:
		return ErrorTypeForbidden
	case status == http.StatusNotFound:
		return ErrorTypeNotFound
	case status == http.StatusTooManyRequests:
		return ErrorTypeRateLimit
	case status >= 500:
		return ErrorTypeServer
	}
	return ErrorTypeInvalidRequest
}

// decodeError turns an error answer into an APIError. It reads FaceSign's two
// error shapes, the nested {"error": {type, message, code, details}} and the
// flat {"error": "text"}, and it never fails. Any other answer (plain text,
// HTML, other JSON) gets a message that gives its status, Content-Type and
// size but none of its text: the base URL is the caller's to choose
// (set_api_key's serverUrl), and an error page of whatever answers there,
// an internal service say, must not be readable through this client. A 403 is
// an authentication error only in FaceSign's flat shape or with that type.
func decodeError(status int, header http.Header, body []byte) *APIError {
	e := &APIError{StatusCode: status, RequestID: requestID(header)}
	flat := false // FaceSign's older {"error": "Incorrect api key"} shape
	faceSign := false
	var top struct {
		Error     json.RawMessage `json:"error"`
		Message   string          `json:"message"`
		Type      string          `json:"type"`
		Code      json.RawMessage `json:"code"`
		Details   json.RawMessage `json:"details"`
		RequestID string          `json:"requestId"`
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(trimmed, &top) == nil {
		errRaw := bytes.TrimSpace(top.Error)
		switch {
		case len(errRaw) > 0 && errRaw[0] == '"':
			var s string
			_ = json.Unmarshal(errRaw, &s)
			if s != "" {
				faceSign, flat = true, true
				e.Message, e.Type, e.Code = top.Message, top.Type, codeString(top.Code)
				e.Details = decodeDetails(top.Details)
				if e.Message == "" {
					e.Message = s
				} else {
					e.Message = s + ": " + e.Message
				}
			}
		case len(errRaw) > 0 && errRaw[0] == '{':
			var nested struct {
				Type      string          `json:"type"`
				Message   string          `json:"message"`
				Code      json.RawMessage `json:"code"`
				Details   json.RawMessage `json:"details"`
				RequestID string          `json:"requestId"`
			}
			if json.Unmarshal(errRaw, &nested) == nil {
				faceSign = true
				e.Type = firstNonEmpty(nested.Type, top.Type)
				e.Message = firstNonEmpty(nested.Message, top.Message)
				e.Code = firstNonEmpty(codeString(nested.Code), codeString(top.Code))
				e.Details = decodeDetails(nested.Details)
				if e.Details == nil {
					e.Details = decodeDetails(top.Details)
				}
				top.RequestID = firstNonEmpty(nested.RequestID, top.RequestID)
			}
		}
		if faceSign && e.RequestID == "" {
			e.RequestID = top.RequestID
		}
	}
	if !faceSign && len(trimmed) > 0 {
		e.Message = notFaceSignMessage(status, header, len(body))
	}
	if e.Type == "" {
		e.Type = typeForStatus(status)
		if status == http.StatusForbidden && flat {
			e.Type = ErrorTypeAuthentication
		}
	}
	if e.Message == "" {
		e.Message = statusText(status)
	}
	return e
}

// notFaceSignMessage describes an error answer that is not FaceSign's by
// what can be said without quoting it. The Content-Type is reduced to its
// media type, clipped.
func notFaceSignMessage(status int, header http.Header, size int) string {
	ct := "no Content-Type"
	if raw := header.Get("Content-Type"); raw != "" {
		ct = "an unreadable Content-Type"
		if mt, _, err := mime.ParseMediaType(raw); err == nil {
			ct = mt
			if len(ct) > maxMediaTypeLen {
				ct = ct[:maxMediaTypeLen] + "…"
			}
		}
	}
	n := strconv.Itoa(size) + " bytes"
	if size >= maxErrorBytes {
		n = "over " + strconv.Itoa(maxErrorBytes) + " bytes"
	}
	line := "HTTP " + strconv.Itoa(status)
	if t := http.StatusText(status); t != "" {
		line += " " + t
	}
	return line + " (" + ct + ", " + n + ") that is not a FaceSign API error; " +
		"its text is not shown. The base URL may not be FaceSign's API, or a proxy in front of it answered"
}

// maxMediaTypeLen bounds the Content-Type quoted for a non-FaceSign answer.
const maxMediaTypeLen = 64

func statusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "HTTP " + strconv.Itoa(status)
}

// codeString accepts a code sent as a string or a number.
func codeString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if raw[0] >= '0' && raw[0] <= '9' || raw[0] == '-' {
		return string(raw)
	}
	return ""
}

// decodeDetails reads a list of details, or a single one; anything else is
// dropped rather than failing the whole error.
func decodeDetails(raw json.RawMessage) []ErrorDetail {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var list []ErrorDetail
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var one ErrorDetail
	if raw[0] == '{' && json.Unmarshal(raw, &one) == nil && (one.Path != "" || one.Message != "") {
		return []ErrorDetail{one}
	}
	var wrapped struct {
		Errors []ErrorDetail `json:"errors"`
	}
	if json.Unmarshal(raw, &wrapped) == nil && len(wrapped.Errors) > 0 {
		return wrapped.Errors
	}
	return nil
}

func requestID(h http.Header) string {
	if id := h.Get("X-Request-Id"); id != "" {
		return id
	}
	return h.Get("Request-Id")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// scrub removes the key from every text field of e, in case a proxy or server
// echoed the Authorization header back in an error body.
func (e *APIError) scrub(key string) {
	if key == "" {
		return
	}
	red := Redact(key)
	rep := func(s string) string { return strings.ReplaceAll(s, key, red) }
	e.Message = rep(e.Message)
	e.Code = rep(e.Code)
	e.Type = rep(e.Type)
	e.RequestID = rep(e.RequestID)
	for i := range e.Details {
		e.Details[i].Path = rep(e.Details[i].Path)
		e.Details[i].Message = rep(e.Details[i].Message)
		e.Details[i].Code = rep(e.Details[i].Code)
	}
	if e.Err != nil && strings.Contains(e.Err.Error(), key) {
		cause := unwrapAll(e.Err)
		if cause != nil && strings.Contains(cause.Error(), key) {
			cause = nil
		}
		e.Err = scrubbedError{msg: rep(e.Err.Error()), cause: cause}
	}
}

// scrubbedError replaces a cause whose text contained the key; errors.Is still
// reaches context errors underneath.
type scrubbedError struct {
	msg   string
	cause error
}

func (s scrubbedError) Error() string { return s.msg }
func (s scrubbedError) Unwrap() error { return s.cause }

func unwrapAll(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
