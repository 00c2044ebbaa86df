package facesign

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultBaseURL is FaceSign's production API. There is no /v1 prefix.
const DefaultBaseURL = "https://api.facesign.ai"

// DefaultSandboxURL is the embedded sandbox's API root when facesign-mcp runs on
// its default address.
const DefaultSandboxURL = "http://127.0.0.1:7717/sandbox"

// DefaultTimeout bounds each attempt of a request (not the retries together:
// the caller's context does that).
const DefaultTimeout = 30 * time.Second

// DefaultUserAgent identifies this client to FaceSign.
const DefaultUserAgent = "facesign-mcp-go (+https://github.com/facesign/facesign-mcp)"

// Response size limits: a page of 100 sessions with full reports stays far
// below 16 MiB; an error body is a sentence.
const (
	maxResponseBytes = 16 << 20
	maxErrorBytes    = 64 << 10
)

// Client calls the FaceSign API with one key. It is safe for concurrent use and
// immutable after New. Neither it nor anything it returns or logs shows the key
// beyond Redact's "sk_test_…last4".
type Client struct {
	key       string
	env       Environment
	baseURL   string // no trailing slash
	hc        *http.Client
	timeout   time.Duration
	retry     retryPolicy
	logger    *slog.Logger
	userAgent string
	now       func() time.Time
	sleep     func(context.Context, time.Duration) error
}

// Option configures a Client.
type Option func(*Client) error

// WithBaseURL points the client at another FaceSign host, such as the embedded
// sandbox ("http://127.0.0.1:7717/sandbox"). It must be an absolute http or
// https URL without query or fragment; a path prefix is kept.
func WithBaseURL(raw string) Option {
	return func(c *Client) error {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			return fmt.Errorf("facesign: base URL %q must be an absolute http:// or https:// URL: %w", raw, err)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			return fmt.Errorf("facesign: base URL %q must start with http:// or https://", raw)
		}
		if u.Host == "" {
			return fmt.Errorf("facesign: base URL %q has no host", raw)
		}
		if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return fmt.Errorf("facesign: base URL %q must not carry a query, fragment or user info", u.Redacted())
		}
		c.baseURL = strings.TrimRight(u.String(), "/")
		return nil
	}
}

// WithHTTPClient sets the HTTP client (transport, proxies, TLS). Its own Timeout,
// if any, applies in addition to WithTimeout.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("facesign: WithHTTPClient: nil client")
		}
		c.hc = hc
		return nil
	}
}

// WithTimeout bounds each attempt; 0 leaves attempts bounded only by the
// caller's context.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) error {
		if d < 0 {
			return fmt.Errorf("facesign: WithTimeout: negative timeout %s", d)
		}
		c.timeout = d
		return nil
	}
}

// WithRetry sets how GET requests are repeated after 429, 5xx and network
// errors: at most maxAttempts attempts in all (1 disables retries), waiting
// baseDelay doubled per attempt with jitter, or the server's Retry-After /
// X-RateLimit-Reset, never more than maxDelay.
func WithRetry(maxAttempts int, baseDelay, maxDelay time.Duration) Option {
	return func(c *Client) error {
		if maxAttempts < 1 {
			return fmt.Errorf("facesign: WithRetry: maxAttempts must be at least 1, got %d", maxAttempts)
		}
		if baseDelay < 0 || maxDelay < 0 {
			return errors.New("facesign: WithRetry: delays must not be negative")
		}
		if maxDelay < baseDelay {
			return fmt.Errorf("facesign: WithRetry: maxDelay %s is below baseDelay %s", maxDelay, baseDelay)
		}
		c.retry = retryPolicy{maxAttempts: maxAttempts, baseDelay: baseDelay, maxDelay: maxDelay}
		return nil
	}
}

// WithLogger logs each request at debug level and each retry at warn level
// (method, path, status, request id, attempt, duration; never bodies or keys).
// The default discards.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) error {
		if l == nil {
			return errors.New("facesign: WithLogger: nil logger")
		}
		c.logger = l
		return nil
	}
}

// WithClock sets the clock used to read Retry-After dates and
// X-RateLimit-Reset; for tests.
func WithClock(now func() time.Time) Option {
	return func(c *Client) error {
		if now == nil {
			return errors.New("facesign: WithClock: nil clock")
		}
		c.now = now
		return nil
	}
}

// WithSleep replaces the wait between retries; for tests. It must return
// ctx.Err() when ctx ends before d has passed.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Client) error {
		if sleep == nil {
			return errors.New("facesign: WithSleep: nil sleep function")
		}
		c.sleep = sleep
		return nil
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *Client) error {
		if strings.ContainsAny(ua, "\r\n") {
			return errors.New("facesign: WithUserAgent: line break in user agent")
		}
		c.userAgent = ua
		return nil
	}
}

// New returns a client for apiKey. A malformed key is refused here, before any
// request, with an error that wraps ErrInvalidKey and does not contain the key.
// The base URL defaults to production whatever the key: the caller decides
// where sandbox keys go (WithBaseURL).
func New(apiKey string, opts ...Option) (*Client, error) {
	env, err := ParseKey(apiKey)
	if err != nil {
		return nil, err
	}
	c := &Client{
		key:       apiKey,
		env:       env,
		baseURL:   DefaultBaseURL,
		hc:        http.DefaultClient,
		timeout:   DefaultTimeout,
		retry:     defaultRetryPolicy(),
		logger:    slog.New(slog.DiscardHandler),
		userAgent: DefaultUserAgent,
		now:       time.Now,
		sleep:     sleepCtx,
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Environment is the environment of the client's key.
func (c *Client) Environment() Environment { return c.env }

// BaseURL is the API root the client talks to.
func (c *Client) BaseURL() string { return c.baseURL }

// RedactedKey is the key as it may be shown: "sk_test_…last4".
func (c *Client) RedactedKey() string { return Redact(c.key) }

// String describes the client without its key.
func (c *Client) String() string {
	if c == nil {
		return "facesign.Client(nil)"
	}
	return fmt.Sprintf("facesign.Client{%s %s key=%s}", c.env, c.baseURL, Redact(c.key))
}

// GoString keeps %#v from dumping the key.
func (c *Client) GoString() string { return c.String() }

// Format makes every fmt verb (%v, %+v, %#v, %s, %d, %x…) print String, so no
// verb can reach the key field.
func (c *Client) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue logs the client as its environment, base URL and redacted key.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("nil")
	}
	return slog.GroupValue(
		slog.String("environment", string(c.env)),
		slog.String("base_url", c.baseURL),
		slog.String("key", Redact(c.key)),
	)
}

// request is one API call.
type request struct {
	method string
	path   string     // escaped, from the base URL, starting with "/"
	query  url.Values // may be nil
	body   any        // JSON-encoded when not nil
	out    any        // JSON-decoded into when not nil
	// noRetry marks a GET that is not idempotent (refresh).
	noRetry bool
}

// do runs a request with retries and returns nil or an *APIError.
func (c *Client) do(ctx context.Context, r request) error {
	err := c.doOnce(ctx, r)
	if err != nil {
		err.scrub(c.key)
		return err
	}
	return nil
}

func (c *Client) doOnce(ctx context.Context, r request) *APIError {
	fail := func(typ, msg string, cause error) *APIError {
		return &APIError{Type: typ, Message: msg, Method: r.method, Path: r.path, Err: cause}
	}
	if ctx == nil {
		return fail(ErrorTypeInvalidRequest, "nil context", nil)
	}
	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return fail(ErrorTypeInvalidRequest, "encoding the request body: "+err.Error(), err)
		}
	}
	target := c.baseURL + r.path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	attempts := 1
	if r.method == http.MethodGet && !r.noRetry {
		attempts = c.retry.maxAttempts
	}
	for n := 1; ; n++ {
		apiErr := c.attempt(ctx, r, target, payload, n)
		if apiErr == nil {
			return nil
		}
		apiErr.Method, apiErr.Path = r.method, r.path
		if ctx.Err() != nil || n >= attempts || !apiErr.Temporary() {
			if ctx.Err() != nil && apiErr.Err == nil {
				apiErr.Err = ctx.Err()
			}
			return apiErr
		}
		wait := c.retry.wait(n, apiErr.RetryAfter, apiErr.hasHint)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			// Waiting would outlive the caller's deadline: report the failure now
			// rather than a bare "deadline exceeded" later.
			c.logger.LogAttrs(ctx, slog.LevelWarn, "facesign: not retrying, deadline too close",
				slog.String("method", r.method), slog.String("path", r.path),
				slog.Int("status", apiErr.StatusCode), slog.Duration("wait", wait))
			return apiErr
		}
		c.logger.LogAttrs(ctx, slog.LevelWarn, "facesign: retrying request",
			slog.String("method", r.method), slog.String("path", r.path),
			slog.Int("status", apiErr.StatusCode), slog.String("error_type", apiErr.Type),
			slog.String("request_id", apiErr.RequestID), slog.Int("attempt", n), slog.Duration("wait", wait))
		if err := c.sleep(ctx, wait); err != nil {
			apiErr.Message += " (gave up retrying: " + err.Error() + ")"
			apiErr.Err = errors.Join(apiErr.Err, err)
			return apiErr
		}
	}
}

// attempt sends the request once.
func (c *Client) attempt(ctx context.Context, r request, target string, payload []byte, n int) *APIError {
	actx, cancel := ctx, context.CancelFunc(func() {})
	if c.timeout > 0 {
		actx, cancel = context.WithTimeout(ctx, c.timeout)
	}
	defer cancel()

	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(actx, r.method, target, body)
	if err != nil {
		return &APIError{Type: ErrorTypeInvalidRequest, Message: "building the request: " + err.Error(), Err: err}
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Facesign-Version", APIVersion)
	req.Header.Set("Accept", "application/json")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	start := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.logger.LogAttrs(ctx, slog.LevelDebug, "facesign: request failed",
			slog.String("method", r.method), slog.String("path", r.path), slog.Int("attempt", n),
			slog.Duration("duration", time.Since(start)), slog.String("error", err.Error()))
		return &APIError{Type: ErrorTypeConnection, Message: connectionMessage(ctx, actx, err), Err: err}
	}
	defer resp.Body.Close()

	success := resp.StatusCode >= 200 && resp.StatusCode < 300
	limit := int64(maxErrorBytes)
	if success {
		limit = maxResponseBytes
	}
	data, readErr := readBody(resp, limit)
	reqID := requestID(resp.Header)
	c.logger.LogAttrs(ctx, slog.LevelDebug, "facesign: request",
		slog.String("method", r.method), slog.String("path", r.path), slog.Int("status", resp.StatusCode),
		slog.String("request_id", reqID), slog.Int("attempt", n), slog.Duration("duration", time.Since(start)))
	if readErr != nil {
		return &APIError{StatusCode: resp.StatusCode, Type: ErrorTypeConnection, RequestID: reqID,
			Message: "reading the answer: " + connectionMessage(ctx, actx, readErr), Err: readErr}
	}
	if !success {
		if int64(len(data)) > limit {
			data = data[:limit]
		}
		_, _ = io.CopyN(io.Discard, resp.Body, maxErrorBytes) // lets the connection be reused
		e := decodeError(resp.StatusCode, resp.Header, data)
		if d, ok := serverWait(resp.StatusCode, resp.Header, c.now()); ok {
			e.RetryAfter, e.hasHint = d, true
		}
		return e
	}
	if int64(len(data)) > limit {
		return &APIError{StatusCode: resp.StatusCode, Type: ErrorTypeInvalidResponse, RequestID: reqID,
			Message: fmt.Sprintf("answer is larger than %d bytes", limit)}
	}
	if r.out == nil || len(bytes.TrimSpace(data)) == 0 {
		if r.out != nil && resp.StatusCode != http.StatusNoContent {
			return &APIError{StatusCode: resp.StatusCode, Type: ErrorTypeInvalidResponse, RequestID: reqID,
				Message: "answer has an empty body"}
		}
		return nil
	}
	if err := json.Unmarshal(data, r.out); err != nil {
		msg := "answer is not the expected JSON: " + err.Error()
		if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct != "" && ct != "application/json" {
			msg = fmt.Sprintf("answer is %s, not JSON (is the base URL %s right?)", ct, c.baseURL)
		}
		return &APIError{StatusCode: resp.StatusCode, Type: ErrorTypeInvalidResponse, RequestID: reqID, Message: msg, Err: err}
	}
	return nil
}

// readBody reads at most limit+1 bytes of the answer (one more than allowed,
// so that an oversized answer is seen), to its end, which lets the connection
// be reused. A declared Content-Length sizes the buffer at once: io.ReadAll
// would grow it from 512 bytes, and for a session that is most of the
// garbage a GET makes.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	r := io.LimitReader(resp.Body, limit+1)
	if n := resp.ContentLength; n > 0 && n <= limit {
		// One byte more than declared, to reach the end of the body.
		buf := make([]byte, n+1)
		m, err := io.ReadFull(r, buf)
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			err = nil
		}
		return buf[:m], err
	}
	return io.ReadAll(r)
}

// connectionMessage says why no answer arrived, telling the caller's own
// cancellation apart from the per-attempt timeout.
func connectionMessage(ctx, actx context.Context, err error) string {
	switch {
	case ctx.Err() != nil:
		return "request canceled: " + context.Cause(ctx).Error()
	case actx.Err() != nil:
		return "no answer within the client timeout"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
