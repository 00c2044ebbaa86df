package facesign

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SignatureHeader carries a webhook delivery's signature:
// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">". Several v1 values
// may appear (one per secret while a secret is being rotated).
const SignatureHeader = "X-FaceSign-Signature"

// DefaultTolerance is how far a delivery's timestamp may be from now, either
// way, before it is refused as a replay (or a badly wrong clock).
const DefaultTolerance = 300 * time.Second

// MaxWebhookBodyBytes bounds the body VerifyRequest reads. An event is about
// 150 bytes; anything near this limit is not FaceSign.
const MaxWebhookBodyBytes = 1 << 20

// maxSignatureHeaderLen bounds the work an attacker can ask of Verify.
const maxSignatureHeaderLen = 8 << 10

// Verification errors. Verify wraps them with detail; test with errors.Is.
var (
	ErrNotSigned        = errors.New("facesign: webhook has no " + SignatureHeader + " header")
	ErrInvalidHeader    = errors.New("facesign: webhook signature header is malformed")
	ErrTooOld           = errors.New("facesign: webhook timestamp is too old")
	ErrInFuture         = errors.New("facesign: webhook timestamp is in the future")
	ErrNoValidSignature = errors.New("facesign: no webhook signature matches the secret")
	ErrNoSecrets        = errors.New("facesign: no webhook secret configured")
	ErrBodyTooLarge     = errors.New("facesign: webhook body is too large")
	ErrInvalidEvent     = errors.New("facesign: webhook body is not a FaceSign event")
)

// ComputeSignature returns the raw HMAC-SHA256, keyed with secret, of
// "<timestamp>.<body>", where timestamp is the t value exactly as it appears in
// the header.
func ComputeSignature(secret, timestamp string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return mac.Sum(nil)
}

// Sign returns the X-FaceSign-Signature value for body sent at t.
func Sign(secret string, body []byte, t time.Time) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(ComputeSignature(secret, ts, body))
}

// signatureHeader is a parsed X-FaceSign-Signature.
type signatureHeader struct {
	timestamp string // as sent, for the signed payload
	unix      int64
	v1        [][]byte // decoded, each sha256.Size bytes
}

func parseSignatureHeader(header string) (signatureHeader, error) {
	var h signatureHeader
	if len(header) > maxSignatureHeaderLen {
		return h, fmt.Errorf("%w: longer than %d bytes", ErrInvalidHeader, maxSignatureHeaderLen)
	}
	malformedV1 := 0
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return h, fmt.Errorf("%w: element %q is not key=value", ErrInvalidHeader, clip(part))
		}
		switch strings.TrimSpace(k) {
		case "t":
			v = strings.TrimSpace(v)
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || v == "" || v[0] < '0' || v[0] > '9' {
				return h, fmt.Errorf("%w: t=%q is not Unix seconds", ErrInvalidHeader, clip(v))
			}
			if h.timestamp != "" && h.timestamp != v {
				return h, fmt.Errorf("%w: two different t values", ErrInvalidHeader)
			}
			h.timestamp, h.unix = v, n
		case "v1":
			sig, err := hex.DecodeString(strings.TrimSpace(v))
			if err != nil || len(sig) != sha256.Size {
				// A scheme FaceSign may extend: skip what cannot be ours, but
				// refuse a header with no usable v1 at all (below).
				malformedV1++
				continue
			}
			h.v1 = append(h.v1, sig)
		}
		// Other schemes (v0, future ones) are ignored, as Stripe receivers do.
	}
	if h.timestamp == "" {
		return h, fmt.Errorf("%w: no t=<unix seconds>", ErrInvalidHeader)
	}
	if len(h.v1) == 0 {
		if malformedV1 > 0 {
			return h, fmt.Errorf("%w: v1 is not 64 hex digits", ErrInvalidHeader)
		}
		return h, fmt.Errorf("%w: no v1 signature", ErrInvalidHeader)
	}
	return h, nil
}

// Verify checks a delivery's signature header against its raw body. Every v1
// value is compared, in constant time, with the signature under every secret
// (several secrets accept deliveries during a rotation); empty secrets are
// skipped, since anyone can sign with the empty key. Only an authentic delivery
// is then checked for age: its t must be within tolerance of now, either way.
// tolerance <= 0 means DefaultTolerance: the check cannot be switched off.
//
// Errors wrap ErrNotSigned, ErrInvalidHeader, ErrNoSecrets,
// ErrNoValidSignature, ErrTooOld or ErrInFuture and never contain a secret.
func Verify(header string, body []byte, secrets []string, tolerance time.Duration, now time.Time) error {
	if strings.TrimSpace(header) == "" {
		return ErrNotSigned
	}
	h, err := parseSignatureHeader(header)
	if err != nil {
		return err
	}
	usable := 0
	match := 0
	for _, secret := range secrets {
		if secret == "" {
			continue
		}
		usable++
		expected := ComputeSignature(secret, h.timestamp, body)
		for _, sig := range h.v1 {
			// No early exit: how long Verify takes must not tell which value matched.
			if hmac.Equal(expected, sig) {
				match = 1
			}
		}
	}
	if usable == 0 {
		return ErrNoSecrets
	}
	if match == 0 {
		return fmt.Errorf("%w (%d signature(s) tried against %d secret(s))", ErrNoValidSignature, len(h.v1), usable)
	}
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	sent := time.Unix(h.unix, 0)
	switch age := now.Sub(sent); {
	case age > tolerance:
		return fmt.Errorf("%w: signed at %s, %s before now (tolerance %s)", ErrTooOld, sent.UTC().Format(time.RFC3339), age.Round(time.Second), tolerance)
	case -age > tolerance:
		return fmt.Errorf("%w: signed at %s, %s after now (tolerance %s)", ErrInFuture, sent.UTC().Format(time.RFC3339), (-age).Round(time.Second), tolerance)
	}
	return nil
}

// VerifyRequest reads a delivery's raw body (at most MaxWebhookBodyBytes),
// verifies its signature, then decodes the event. It returns the body whenever
// it could read it, and puts it back in r.Body for handlers that read again.
// Answer 2xx quickly and deduplicate on the event's ID: FaceSign retries.
func VerifyRequest(r *http.Request, secrets []string, tolerance time.Duration, now time.Time) ([]byte, *WebhookEvent, error) {
	if r == nil || r.Body == nil {
		return nil, nil, fmt.Errorf("%w: request has no body", ErrInvalidEvent)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxWebhookBodyBytes+1))
	_ = r.Body.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("facesign: reading webhook body: %w", err)
	}
	if len(body) > MaxWebhookBodyBytes {
		return nil, nil, fmt.Errorf("%w: more than %d bytes", ErrBodyTooLarge, MaxWebhookBodyBytes)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err := Verify(r.Header.Get(SignatureHeader), body, secrets, tolerance, now); err != nil {
		return body, nil, err
	}
	var ev WebhookEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		return body, nil, fmt.Errorf("%w: %v", ErrInvalidEvent, err)
	}
	if ev.ID == "" || ev.Type == "" {
		return body, nil, fmt.Errorf("%w: missing id or type", ErrInvalidEvent)
	}
	return body, &ev, nil
}

// clip keeps attacker-supplied text in error messages short.
func clip(s string) string {
	if len(s) > 32 {
		return s[:32] + "…"
	}
	return s
}
