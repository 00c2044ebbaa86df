package sandbox

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/internal/netguard"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// Delivery states.
const (
	statePending   = "pending"
	stateDelivered = "delivered"
	stateRetrying  = "retrying"
	stateFailed    = "failed"
)

// CheckWebhookURL says why raw cannot receive the sandbox's webhooks, or
// returns nil: the rule of POST /webhooks, for callers that take a URL elsewhere
// (the --webhook flag). allowPrivate is Config.AllowPrivateWebhooks.
func CheckWebhookURL(raw string, allowPrivate bool) error {
	if ae := checkWebhookURL(raw, webhookPolicy(allowPrivate)); ae != nil {
		return errors.New(ae.Message)
	}
	return nil
}

// webhookPolicy is where deliveries may go: loopback always (developers run
// their receivers on this machine, and /sandbox itself answers only this
// machine), private ranges only when the operator said so, link-local and
// metadata addresses never.
func webhookPolicy(allowPrivate bool) netguard.Policy {
	return netguard.Policy{Loopback: true, Private: allowPrivate}
}

// checkWebhookURL accepts absolute https:// URLs, and http:// ones only on a
// loopback host: the sandbox mostly talks to apps on the same machine, and a
// plain-http endpoint elsewhere would carry signed events in the clear. A URL
// with credentials is refused and never echoed, since it carries a password.
// A host spelt as an address is judged here by policy; a name is judged on
// the address it resolves to each time the sender dials it.
func checkWebhookURL(raw string, policy netguard.Policy) *apiError {
	if raw == "" {
		return fieldError("missing_field", "/url", "url is required: the absolute http(s) URL that receives the webhooks")
	}
	if len(raw) > 2048 {
		return fieldError("invalid_field", "/url", "url is longer than 2048 characters")
	}
	u, err := url.Parse(raw)
	if err == nil && u.User != nil {
		return fieldError("invalid_field", "/url", "url must not carry credentials (user:password@); authenticate deliveries with the webhook secret instead")
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return fieldError("invalid_field", "/url", "url %q must be an absolute http:// or https:// URL", truncate(facesign.RedactURL(raw), 100))
	}
	if err := netguard.CheckPort(u); err != nil {
		return fieldError("invalid_field", "/url", "url %q has an invalid port: it must be a number from 1 to 65535", truncate(facesign.RedactURL(raw), 100))
	}
	if u.Scheme == "http" && !netguard.IsLoopbackHost(u.Hostname()) {
		return fieldError("https_required", "/url", "url %q must use https://: plain http:// is allowed only for a loopback host (localhost, 127.0.0.1, [::1]), since deliveries elsewhere would cross the network unencrypted", truncate(facesign.RedactURL(raw), 100))
	}
	if err := policy.CheckHost(u.Hostname()); err != nil {
		var ge *netguard.Error
		why := "an address that cannot receive webhooks"
		if errors.As(err, &ge) {
			why = ge.Class.String()
			if ge.Class == netguard.Private {
				why += "; the operator can allow private addresses with --allow-private-webhooks"
			}
		}
		return fieldError("forbidden_address", "/url", "url %q points at %s, which cannot receive webhooks", truncate(facesign.RedactURL(raw), 100), why)
	}
	return nil
}

// refuseRedirect keeps the sender on the registered URL: a receiver's redirect
// could otherwise steer signed deliveries to any address (past the checks on
// the registered one). The 3xx answer is recorded as a failed attempt.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// newWebhookClient is the default sender client: no redirects, no proxy (the
// dial check must see the receiver's own address), and every connection's
// address, after resolution, checked by the policy (DNS rebinding).
func newWebhookClient(timeout time.Duration, policy netguard.Policy, resolver netguard.Resolver) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.DialContext = (&netguard.Dialer{Policy: policy, Resolver: resolver}).DialContext
	return &http.Client{Timeout: timeout, Transport: tr, CheckRedirect: refuseRedirect}
}

func (s *Sandbox) createWebhook(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	body, err := s.readBody(w, r)
	if err != nil {
		return 0, nil, err
	}
	var req struct {
		URL string `json:"url"`
	}
	t := bytes.TrimSpace(body)
	if len(t) == 0 || t[0] != '{' {
		return 0, nil, badRequest("invalid_body", `the body must be a JSON object {"url": "http://…"}`)
	}
	n, ae := decodeStrict(t, &req, smallBody("webhook endpoint", "a webhook endpoint"))
	if ae == nil {
		ae = dataAfter(t, n)
	}
	if ae != nil {
		return 0, nil, ae
	}
	if ae := checkWebhookURL(req.URL, webhookPolicy(s.cfg.AllowPrivateWebhooks)); ae != nil {
		return 0, nil, ae
	}
	ep := facesign.WebhookEndpoint{ID: newID("we_"), URL: req.URL, Secret: randomToken("whsec_", 24), CreatedAt: facesign.NewTime(s.now())}
	err = s.write(r.Context(), func(tx wtx) error {
		// Counted in the same transaction as the insert, so that concurrent
		// requests cannot pass the cap together: every event is delivered to
		// every endpoint, so endpoints multiply the sender's work.
		var live int
		if err := tx.QueryRowContext(r.Context(), `SELECT COUNT(*) FROM webhook_endpoints WHERE account_id = ? AND deleted_at IS NULL`, a.id).Scan(&live); err != nil {
			return err
		}
		if live >= s.cfg.MaxWebhookEndpoints {
			return &apiError{Status: http.StatusBadRequest, Type: typeValidation, Code: "too_many_endpoints",
				Message: fmt.Sprintf("this account already has %d webhook endpoints, the most it may have; delete one (DELETE /webhooks/{id}) before adding another", live)}
		}
		_, err := tx.ExecContext(r.Context(), `INSERT INTO webhook_endpoints(id, account_id, url, secret, created_at) VALUES (?, ?, ?, ?, ?)`,
			ep.ID, a.id, ep.URL, ep.Secret, s.nowMs())
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	s.log.Info("sandbox: webhook endpoint registered", "account", a.hint, "endpoint", ep.ID, "url", logURL(ep.URL))
	return http.StatusCreated, ep, nil
}

// ensureDefaultWebhooks registers Config.DefaultWebhooks for one account. An
// endpoint registered from configuration before is kept (its id and delivery
// log stay) but takes the configured secret, so restarting with a new
// --webhook-secret signs with the new one only. An endpoint the developer
// registered with the same URL through the API wins: no second one is added.
func (s *Sandbox) ensureDefaultWebhooks(ctx context.Context, tx wtx, acct int64) error {
	for _, d := range s.cfg.DefaultWebhooks {
		if _, err := tx.ExecContext(ctx, `UPDATE webhook_endpoints SET secret = ?
			WHERE account_id = ? AND url = ? AND config_default = 1 AND deleted_at IS NULL AND secret <> ?`,
			d.Secret, acct, d.URL, d.Secret); err != nil {
			return fmt.Errorf("update default webhook: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO webhook_endpoints(id, account_id, url, secret, created_at, config_default)
			SELECT ?, ?, ?, ?, ?, 1 WHERE NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE account_id = ? AND url = ? AND deleted_at IS NULL)`,
			newID("we_"), acct, d.URL, d.Secret, s.nowMs(), acct, d.URL)
		if err != nil {
			return fmt.Errorf("register default webhook: %w", err)
		}
	}
	return nil
}

func (s *Sandbox) registerDefaultWebhooksEverywhere(ctx context.Context) error {
	if len(s.cfg.DefaultWebhooks) == 0 {
		return nil
	}
	return s.write(ctx, func(tx wtx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM accounts`)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			if err := s.ensureDefaultWebhooks(ctx, tx, id); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

func (s *Sandbox) listWebhooks(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	rows, err := s.db.r.QueryContext(r.Context(), `SELECT id, url, created_at FROM webhook_endpoints WHERE account_id = ? AND deleted_at IS NULL ORDER BY seq`, a.id)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	out := []facesign.WebhookEndpoint{}
	for rows.Next() {
		var ep facesign.WebhookEndpoint
		var created int64
		if err := rows.Scan(&ep.ID, &ep.URL, &created); err != nil {
			return 0, nil, err
		}
		ep.CreatedAt = facesign.NewTime(time.UnixMilli(created))
		out = append(out, ep)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"webhooks": out}, nil
}

// endpointDeletedNote ends the error of a delivery cut short by its
// endpoint's deletion.
const endpointDeletedNote = "endpoint deleted: no more retries"

// deleteWebhook stops deliveries to an endpoint; queued ones are failed. The
// row stays so that its delivery log remains readable.
func (s *Sandbox) deleteWebhook(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	id := r.PathValue("id")
	err := s.write(r.Context(), func(tx wtx) error {
		var seq int64
		err := tx.QueryRowContext(r.Context(), `UPDATE webhook_endpoints SET deleted_at = ? WHERE id = ? AND account_id = ? AND deleted_at IS NULL RETURNING seq`,
			s.nowMs(), id, a.id).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("webhook endpoint", id)
		}
		if err != nil {
			return err
		}
		// Every unfinished delivery ends now, in a final state: its last
		// attempt, which said "retrying" with a next retry, is closed too, so
		// that the log does not promise a retry that will never come.
		if _, err := tx.ExecContext(r.Context(), `UPDATE delivery_attempts SET state = ?, next_retry_at = NULL,
				error = CASE WHEN error = '' THEN ? ELSE error || '; ' || ? END
			WHERE state = ? AND delivery_seq IN (SELECT seq FROM deliveries WHERE endpoint_seq = ? AND next_attempt_at IS NOT NULL)`,
			stateFailed, endpointDeletedNote, endpointDeletedNote, stateRetrying, seq); err != nil {
			return err
		}
		_, err = tx.ExecContext(r.Context(), `UPDATE deliveries SET state = ?, next_attempt_at = NULL WHERE endpoint_seq = ? AND next_attempt_at IS NOT NULL`, stateFailed, seq)
		return err
	})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"id": id, "deleted": true}, nil
}

func (s *Sandbox) listDeliveries(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	id := r.PathValue("id")
	ctx := r.Context()
	var epSeq int64
	err := s.db.r.QueryRowContext(ctx, `SELECT seq FROM webhook_endpoints WHERE id = ? AND account_id = ?`, id, a.id).Scan(&epSeq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, notFound("webhook endpoint", id)
	}
	if err != nil {
		return 0, nil, err
	}
	// Every attempt, plus one "pending" line for a delivery not yet attempted, newest first.
	rows, err := s.db.r.QueryContext(ctx, `
		SELECT d.id, e.id, e.session_id, a.attempt, a.status_code, a.error, a.state, a.attempted_at, a.next_retry_at, a.seq
		FROM deliveries d JOIN events e ON e.seq = d.event_seq JOIN delivery_attempts a ON a.delivery_seq = d.seq
		WHERE d.endpoint_seq = ?
		UNION ALL
		SELECT d.id, e.id, e.session_id, 0, 0, '', d.state, d.created_at, d.next_attempt_at, 0
		FROM deliveries d JOIN events e ON e.seq = d.event_seq
		WHERE d.endpoint_seq = ? AND d.attempts = 0
		ORDER BY 8 DESC, 10 DESC LIMIT 1000`, epSeq, epSeq)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	out := []facesign.Delivery{}
	for rows.Next() {
		var d facesign.Delivery
		var at, seq int64
		var next sql.NullInt64
		if err := rows.Scan(&d.ID, &d.EventID, &d.SessionID, &d.Attempt, &d.StatusCode, &d.Error, &d.State, &at, &next, &seq); err != nil {
			return 0, nil, err
		}
		d.EndpointID = id
		d.CreatedAt = facesign.NewTime(time.UnixMilli(at))
		if next.Valid {
			t := facesign.NewTime(time.UnixMilli(next.Int64))
			d.NextRetry = &t
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"deliveries": out}, nil
}

// queueEvent records a status change as an event and queues one delivery to
// each live endpoint of the account, in the caller's transaction, so that an
// acknowledged change is never without its webhooks.
//
// An account without live endpoints gets no event: an event is read only
// through its deliveries (the sender and the delivery log), and an endpoint
// registered later is not sent earlier events, so the row would never be read.
// Skipping it spares a create two of its B-trees (events and their ids).
func (s *Sandbox) queueEvent(ctx context.Context, tx wtx, acct int64, sessionID string, ch runner.StatusChange) error {
	var live bool
	if err := tx.QueryRowContext(ctx, sqlHasEndpoints, acct).Scan(&live); err != nil {
		return fmt.Errorf("look up webhook endpoints: %w", err)
	}
	if !live {
		return nil
	}
	at := ch.At
	if at.IsZero() {
		at = s.now()
	}
	ev := facesign.WebhookEvent{ID: newOrderedID("evt_", at), Type: facesign.EventSessionStatus, CreatedAt: facesign.NewTime(at), SessionID: sessionID}
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	var evSeq int64
	if err := tx.QueryRowContext(ctx, sqlInsertEvent,
		ev.ID, acct, sessionID, ev.Type, string(ch.To), at.UnixMilli(), body).Scan(&evSeq); err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	now := s.nowMs()
	res, err := tx.ExecContext(ctx, sqlQueueDeliveries, evSeq, statePending, now, now, acct)
	if err != nil {
		return fmt.Errorf("queue deliveries: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		s.queued.Store(true) // tells the caller to wake the sender after commit
	}
	return nil
}

// nudgeSender wakes the sender if a write queued deliveries.
func (s *Sandbox) nudgeSender() {
	if !s.queued.Swap(false) {
		return
	}
	s.wakeSender()
}

func (s *Sandbox) wakeSender() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// dueDelivery is one delivery ready to be attempted.
type dueDelivery struct {
	seq      int64
	attempts int
	url      string
	secret   string
	body     []byte
	eventID  string
}

// senderPoll bounds how long the sender sleeps when nothing is due, so a
// delivery queued by another process sharing the file is still picked up.
const senderPoll = time.Second

// runSender delivers due webhooks until ctx ends. Deliveries are claimed by
// pushing their next attempt time forward before sending, so a slow receiver
// is not sent the same delivery twice by this loop.
func (s *Sandbox) runSender(ctx context.Context) {
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		due, nextAt, err := s.claimDue(ctx)
		if err != nil && ctx.Err() == nil {
			s.log.Error("sandbox: webhook sender", "err", err)
		}
		for _, d := range due {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				s.deliver(ctx, d)
			}()
		}
		wait := senderPoll
		if nextAt > 0 {
			if d := time.Duration(nextAt-s.nowMs()) * time.Millisecond; d < wait {
				wait = max(d, time.Millisecond)
			}
		}
		if len(due) >= 64 {
			wait = 0 // there may be more than one batch due
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-s.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// claimDue returns the due deliveries not already being attempted, marking
// them in flight, and when the next one falls due. The in-flight set lives in
// memory only: after a crash or restart every unfinished attempt is due again
// (receivers deduplicate on the event id).
func (s *Sandbox) claimDue(ctx context.Context) ([]dueDelivery, int64, error) {
	now := s.nowMs()
	// begin comes before the query: the flights tracker then knows which
	// attempts may have landed after the query's snapshot was taken.
	busy := s.flights.begin()
	rows, err := s.db.r.QueryContext(ctx, `SELECT d.seq, d.attempts, w.url, w.secret, e.body, e.id
		FROM deliveries d JOIN webhook_endpoints w ON w.seq = d.endpoint_seq AND w.deleted_at IS NULL JOIN events e ON e.seq = d.event_seq
		WHERE d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.seq LIMIT ?`, now, 64+busy)
	if err != nil {
		return nil, 0, err
	}
	var due []dueDelivery
	for rows.Next() {
		var d dueDelivery
		if err := rows.Scan(&d.seq, &d.attempts, &d.url, &d.secret, &d.body, &d.eventID); err != nil {
			rows.Close()
			s.flights.release(due)
			return nil, 0, err
		}
		if s.flights.claim(d.seq) {
			due = append(due, d)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return due, 0, err
	}
	var next sql.NullInt64
	if err := s.db.r.QueryRowContext(ctx, `SELECT MIN(next_attempt_at) FROM deliveries WHERE next_attempt_at > ?`, now).Scan(&next); err != nil {
		return due, 0, err
	}
	return due, next.Int64, nil
}

// flights is the set of deliveries the sender is attempting. An attempt that
// lands (its record committed) stays in the set, stamped with a generation,
// until a claim begins after it: a claim whose read started before that commit
// sees the delivery still due and must not send it again.
type flights struct {
	mu  sync.Mutex
	gen uint64
	m   map[int64]uint64 // delivery seq → 0 while in flight, else the generation it landed in
}

func newFlights() *flights { return &flights{m: map[int64]uint64{}} }

// begin starts a claim, before its read of due deliveries. Attempts that landed
// before now are forgotten: the read will see their records. It returns how
// many deliveries are still in the set.
func (f *flights) begin() (busy int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for seq, g := range f.m {
		if g != 0 && g <= f.gen {
			delete(f.m, seq)
		}
	}
	return len(f.m)
}

// claim marks a due delivery in flight unless it is in flight already or
// landed after the claim began (the read may predate its record).
func (f *flights) claim(seq int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.m[seq]; ok {
		return false
	}
	f.m[seq] = 0
	return true
}

// landed records that an attempt is over and its outcome committed (or that it
// was abandoned, leaving the delivery due).
func (f *flights) landed(seq int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gen++
	f.m[seq] = f.gen
}

// release gives back claims that will not be attempted.
func (f *flights) release(ds []dueDelivery) {
	for _, d := range ds {
		f.landed(d.seq)
	}
}

// retryDelay is the wait before retry n (1-based), scaled; ok is false after the last.
func (s *Sandbox) retryDelay(n int) (time.Duration, bool) {
	if n > len(s.cfg.WebhookRetrySchedule) {
		return 0, false
	}
	d := float64(s.cfg.WebhookRetrySchedule[n-1]) * s.cfg.WebhookRetryScale
	return time.Duration(math.Max(d, float64(time.Millisecond))), true
}

// deliver makes one attempt and records it.
func (s *Sandbox) deliver(ctx context.Context, d dueDelivery) {
	defer s.wakeSender() // its retry, or deliveries skipped while it was in flight, may be due
	defer s.flights.landed(d.seq)
	attempt := d.attempts + 1
	code, errMsg := s.post(ctx, d)
	if ctx.Err() != nil {
		return // shutting down: unrecorded, so the next start attempts it again
	}
	now := s.now()
	state := stateDelivered
	var next *int64
	if code < 200 || code > 299 {
		if wait, ok := s.retryDelay(attempt); ok {
			state = stateRetrying
			n := now.Add(wait).UnixMilli()
			next = &n
		} else {
			state = stateFailed
		}
	}
	err := s.write(context.WithoutCancel(ctx), func(tx wtx) error {
		// The endpoint may have been deleted while the attempt was in flight
		// (deleteWebhook failed the delivery): a failure then ends it here
		// instead of scheduling retries to an endpoint that no longer exists.
		var gone bool
		if err := tx.QueryRowContext(ctx, `SELECT w.deleted_at IS NOT NULL OR d.state = ?
			FROM deliveries d JOIN webhook_endpoints w ON w.seq = d.endpoint_seq WHERE d.seq = ?`, stateFailed, d.seq).Scan(&gone); err != nil {
			return err
		}
		if gone && state != stateDelivered {
			state, next = stateFailed, nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO delivery_attempts(delivery_seq, attempt, status_code, error, state, attempted_at, next_retry_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, d.seq, attempt, code, errMsg, state, now.UnixMilli(), next); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = ?, attempts = ?, next_attempt_at = ? WHERE seq = ?`, state, attempt, next, d.seq)
		return err
	})
	if err != nil {
		s.log.Error("sandbox: record webhook attempt", "event", d.eventID, "err", err)
		return
	}
	lvl := s.log.Info
	if state != stateDelivered {
		lvl = s.log.Warn
	}
	lvl("sandbox: webhook attempt", "event", d.eventID, "url", logURL(d.url), "attempt", attempt, "status", code, "state", state, "error", errMsg)
}

// post sends the event signed with the endpoint's secret; it returns the HTTP
// status (0 when no answer came) and what went wrong.
func (s *Sandbox) post(ctx context.Context, d dueDelivery) (int, string) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.WebhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.url, bytes.NewReader(d.body))
	if err != nil {
		// A *url.Error quotes the whole URL; its cause alone says what is wrong.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return 0, "bad endpoint URL: " + err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "FaceSign-Sandbox-Webhooks/1")
	req.Header.Set(facesign.SignatureHeader, facesign.Sign(d.secret, d.body, time.Now()))
	resp, err := s.webhooks.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return 0, err.Error()
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		return resp.StatusCode, "receiver answered " + resp.Status + ": redirects are not followed; register the final URL"
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, "receiver answered " + resp.Status
	}
	return resp.StatusCode, ""
}

// logURL is a webhook URL as logs show it: scheme://host[:port] alone.
// Receivers such as Slack's and Discord's carry their token in the path, and a
// log reaches more eyes than the account's owner (whose API answers keep the
// whole URL).
func logURL(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Scheme + "://" + u.Host
	}
	// Never stored (the URL rule parses every one), but a log must not leak
	// even then: what stands between "://" and the path, without userinfo.
	red := facesign.RedactURL(raw)
	start := strings.Index(red, "://")
	if start < 0 {
		return "(unparseable URL)"
	}
	start += len("://")
	if i := strings.IndexByte(red[start:], '/'); i >= 0 {
		return red[:start+i]
	}
	return red
}

// resendDelivery makes a delivery of one of the account's endpoints due now:
// one more attempt, numbered after the last (receivers deduplicate on the
// event id), with retries only while the schedule has some left. A delivery
// to a deleted endpoint cannot be resent.
func (s *Sandbox) resendDelivery(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	id, did := r.PathValue("id"), r.PathValue("deliveryId")
	ctx := r.Context()
	err := s.write(ctx, func(tx wtx) error {
		var epSeq int64
		err := tx.QueryRowContext(ctx, `SELECT seq FROM webhook_endpoints WHERE id = ? AND account_id = ? AND deleted_at IS NULL`, id, a.id).Scan(&epSeq)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("webhook endpoint", id)
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = ?, next_attempt_at = ? WHERE id = ? AND endpoint_seq = ?`,
			statePending, s.nowMs(), did, epSeq)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("delivery", did)
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	s.wakeSender()
	return http.StatusAccepted, map[string]any{"id": did, "endpointId": id, "state": statePending}, nil
}
