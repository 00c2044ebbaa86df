package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// Error types of the contract, with the status each answers.
const (
	typeAuthentication = "authentication_error"  // 401
	typeValidation     = "validation_error"      // 400 (413 for an oversized body)
	typeNotFound       = "not_found_error"       // 404
	typeInvalidRequest = "invalid_request_error" // 405 (what facesign.typeForStatus names it too)
	typeRateLimit      = "rate_limit_error"      // 429
	typeServer         = "server_error"          // 500
)

// apiError is an error the API answers with, in the contract's shape.
type apiError struct {
	Status  int      `json:"-"`
	Type    string   `json:"type"`
	Code    string   `json:"code"`
	Message string   `json:"message"`
	Details []detail `json:"details,omitempty"`
}

// detail is one offending field of a validation error: its JSON pointer in the
// request body, and what is wrong there.
type detail struct {
	Path    string `json:"path"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
}

func (e *apiError) Error() string { return e.Type + " (" + e.Code + "): " + e.Message }

func badRequest(code, msg string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Type: typeValidation, Code: code, Message: msg}
}

// fieldError is a 400 about one field: path is its JSON pointer (or the query
// parameter's name for list queries).
func fieldError(code, path, format string, args ...any) *apiError {
	msg := fmt.Sprintf(format, args...)
	return &apiError{Status: http.StatusBadRequest, Type: typeValidation, Code: code, Message: msg,
		Details: []detail{{Path: path, Code: code, Message: msg}}}
}

func notFound(what, id string) *apiError {
	return &apiError{Status: http.StatusNotFound, Type: typeNotFound, Code: "resource_missing",
		Message: fmt.Sprintf("no such %s: %q", what, id)}
}

func unauthorized(code, msg string) *apiError {
	return &apiError{Status: http.StatusUnauthorized, Type: typeAuthentication, Code: code, Message: msg}
}

// writeError answers err in the contract's shape. Anything that is not an
// *apiError is a bug or a store failure: it is logged with the request id and
// answered as a 500 that reveals nothing internal.
func (s *Sandbox) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		s.log.ErrorContext(r.Context(), "sandbox: request failed", "method", r.Method, "path", r.URL.Path,
			"request_id", w.Header().Get(requestIDHeader), "err", err)
		ae = &apiError{Status: http.StatusInternalServerError, Type: typeServer, Code: "internal",
			Message: "the sandbox could not complete the request; see its log for request " + w.Header().Get(requestIDHeader)}
	}
	if m := publicMessage(ae.Message); m != ae.Message {
		c := *ae
		c.Message = m
		ae = &c
	}
	writeJSON(w, ae.Status, map[string]*apiError{"error": ae})
}

// publicMessage drops the runner package's error prefixes ("runner: bad
// input: …"), which name an internal package, from what callers read.
func publicMessage(msg string) string {
	if rest, ok := strings.CutPrefix(msg, runner.ErrBadInput.Error()+": "); ok {
		return rest
	}
	return strings.TrimPrefix(msg, "runner: ")
}

// encodedJSON is a response body already encoded by the sandbox's own
// json.Marshal calls: writeJSON sends it as is. encoding/json would otherwise
// re-validate and compact every embedded json.RawMessage (a stored session),
// which cost a GET a quarter of its time.
type encodedJSON []byte

func writeJSON(w http.ResponseWriter, status int, v any) {
	var body []byte
	var err error
	if enc, ok := v.(encodedJSON); ok {
		body = enc
	} else {
		body, err = json.Marshal(v)
	}
	if err != nil {
		slog.Error("sandbox: encode response", "err", err)
		status = http.StatusInternalServerError
		body = []byte(`{"error":{"type":"server_error","code":"internal","message":"the sandbox could not encode its answer"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}
