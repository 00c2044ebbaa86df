package facesign

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// CreateSession creates a session (POST /sessions). It is never retried: a
// second create would be a second session. FaceSign's 400 validation_error
// comes back as an *APIError whose Details carry each problem's JSON pointer.
func (c *Client) CreateSession(ctx context.Context, s Settings) (*CreateSessionResponse, error) {
	var out CreateSessionResponse
	if err := c.do(ctx, request{method: http.MethodPost, path: "/sessions", body: s, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetSession fetches a session with its current client secret.
func (c *Client) GetSession(ctx context.Context, id string) (*GetSessionResponse, error) {
	path, err := idPath("GetSession", "session", "/sessions/", id, "")
	if err != nil {
		return nil, err
	}
	var out GetSessionResponse
	if err := c.do(ctx, request{method: http.MethodGet, path: path, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// RefreshSecret issues a new client secret for a session; the previous one
// stops working at once. It is a GET in FaceSign's API, yet not idempotent, so
// it is never retried: a retry after a lost answer would invalidate the secret
// that answer carried.
func (c *Client) RefreshSecret(ctx context.Context, id string) (*ClientSecret, error) {
	path, err := idPath("RefreshSecret", "session", "/sessions/", id, "/refresh")
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if err := c.do(ctx, request{method: http.MethodGet, path: path, out: &raw, noRetry: true}); err != nil {
		return nil, err
	}
	// {clientSecret: {...}} per the contract; a bare secret object is accepted too.
	var wrapped struct {
		ClientSecret *ClientSecret `json:"clientSecret"`
	}
	if err := json.Unmarshal(raw, &wrapped); err == nil && wrapped.ClientSecret != nil {
		return wrapped.ClientSecret, nil
	}
	var bare ClientSecret
	if err := json.Unmarshal(raw, &bare); err != nil || bare.Secret == "" {
		return nil, &APIError{StatusCode: http.StatusOK, Type: ErrorTypeInvalidResponse, Method: http.MethodGet, Path: path,
			Message: "answer has no clientSecret"}
	}
	return &bare, nil
}

// ListSessions fetches one page of sessions. Follow NextCursor while HasMore, or
// use Sessions.
func (c *Client) ListSessions(ctx context.Context, p ListParams) (*ListSessionsResponse, error) {
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	var out ListSessionsResponse
	if err := c.do(ctx, request{method: http.MethodGet, path: "/sessions", query: q, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// Sessions iterates over every session matching p, page after page, starting at
// p.Cursor. p.Limit is the page size. On an error it yields the error once and
// stops; breaking out of the loop stops fetching.
func (c *Client) Sessions(ctx context.Context, p ListParams) iter.Seq2[Session, error] {
	return func(yield func(Session, error) bool) {
		seen := map[string]bool{}
		for {
			page, err := c.ListSessions(ctx, p)
			if err != nil {
				yield(Session{}, err)
				return
			}
			for _, s := range page.Sessions {
				if !yield(s, nil) {
					return
				}
			}
			if !page.HasMore {
				return
			}
			// A server that answers hasMore without a new cursor would loop forever.
			if page.NextCursor == "" || seen[page.NextCursor] {
				yield(Session{}, &APIError{StatusCode: http.StatusOK, Type: ErrorTypeInvalidResponse,
					Method: http.MethodGet, Path: "/sessions",
					Message: "page says hasMore but gives no new nextCursor"})
				return
			}
			seen[page.NextCursor] = true
			p.Cursor = page.NextCursor
		}
	}
}

// query encodes the list parameters; zero values are left out.
func (p ListParams) query() (url.Values, error) {
	if p.Limit < 0 {
		return nil, argError("ListSessions", fmt.Sprintf("limit must not be negative, got %d", p.Limit))
	}
	if p.FromDate < 0 || p.ToDate < 0 {
		return nil, argError("ListSessions", "fromDate and toDate must be Unix times, not negative")
	}
	q := url.Values{}
	if p.Limit > 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	if p.Cursor != "" {
		q.Set("cursor", p.Cursor)
	}
	for _, s := range p.Status {
		if s != "" {
			q.Add("status", string(s))
		}
	}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("clientReferenceId", p.ClientReferenceID)
	set("flowId", p.FlowID)
	if p.FromDate > 0 {
		q.Set("fromDate", strconv.FormatInt(p.FromDate, 10))
	}
	if p.ToDate > 0 {
		q.Set("toDate", strconv.FormatInt(p.ToDate, 10))
	}
	set("search", p.Search)
	set("sortBy", p.SortBy)
	set("sortOrder", p.SortOrder)
	if p.IncludeTotal {
		q.Set("includeTotal", "true")
	}
	return q, nil
}

// Avatars lists the avatars the key may use.
func (c *Client) Avatars(ctx context.Context) ([]Avatar, error) {
	return getList[Avatar](ctx, c, "/avatars", "avatars")
}

// Langs lists the languages avatars speak.
func (c *Client) Langs(ctx context.Context) ([]Lang, error) {
	return getList[Lang](ctx, c, "/langs", "langs", "languages")
}

// getList fetches a list that FaceSign sends either as a bare array or wrapped
// in an object under one of keys (or "data").
func getList[T any](ctx context.Context, c *Client, path string, keys ...string) ([]T, error) {
	var raw json.RawMessage
	if err := c.do(ctx, request{method: http.MethodGet, path: path, out: &raw}); err != nil {
		return nil, err
	}
	list, err := decodeList[T](raw, keys...)
	if err != nil {
		return nil, &APIError{StatusCode: http.StatusOK, Type: ErrorTypeInvalidResponse, Method: http.MethodGet, Path: path,
			Message: err.Error(), Err: err}
	}
	return list, nil
}

func decodeList[T any](raw json.RawMessage, keys ...string) ([]T, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, fmt.Errorf("answer is empty")
	}
	list := []T{}
	if raw[0] == '[' {
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("answer is not the expected list: %w", err)
		}
		return list, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, fmt.Errorf("answer is neither a list nor an object: %w", err)
	}
	for _, k := range append(keys, "data") {
		if v, ok := obj[k]; ok {
			if err := json.Unmarshal(v, &list); err != nil {
				return nil, fmt.Errorf("%q is not the expected list: %w", k, err)
			}
			return list, nil
		}
	}
	return nil, fmt.Errorf("answer has no %s list", strings.Join(keys, " or "))
}

// idPath builds "<prefix><escaped id><suffix>", refusing an empty id (which
// would turn GET /sessions/{id} into the list endpoint) before any request.
func idPath(op, what, prefix, id, suffix string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", argError(op, what+" id is empty")
	}
	if id == "." || id == ".." {
		return "", argError(op, fmt.Sprintf("%s id %q is not an id", what, id))
	}
	return prefix + url.PathEscape(id) + suffix, nil
}

func argError(op, msg string) *APIError {
	return &APIError{Type: ErrorTypeInvalidRequest, Message: op + ": " + msg}
}
