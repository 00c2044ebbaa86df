// Package hosted is the sandbox's hosted verification page, FaceSign's
// clientSecret.url: /verify?client_secret=… rendered with templ, its embedded
// scripts and styles, the JSON calls the page makes (authorised by the client
// secret alone, for that session only), frame uploads, and the signed media
// URLs that reports reference. It walks a session through the sandbox's engine
// via a Backend; it holds no state of its own.
//
// The page tells its parent what happens with window.parent.postMessage (see
// docs/facesign-api.md, "Hosted page events"): ready, started, step, caption,
// complete, cancel, error.
package hosted

import (
	"context"
	"errors"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox/runner"
)

// Errors a Backend returns; the handlers answer each with its own status and
// the page's error code.
var (
	// ErrSecretUnknown: no session has this client secret (never issued).
	ErrSecretUnknown = errors.New("sandbox: unknown client secret")
	// ErrSecretExpired: the secret was issued but its hour is over.
	ErrSecretExpired = errors.New("sandbox: client secret expired")
	// ErrSecretReplaced: a refresh issued a newer secret for the session.
	ErrSecretReplaced = errors.New("sandbox: client secret replaced by a newer one")
	// ErrStale: the page acted on a node the session has already left (a
	// second tab, a double click); nothing changed.
	ErrStale = errors.New("sandbox: the session has moved on")
	// ErrMediaLimit: the session holds as many media items as it may.
	ErrMediaLimit = errors.New("sandbox: media limit reached")
	// ErrMediaNotFound: no such media, or its URL's signature is wrong or expired.
	ErrMediaNotFound = errors.New("sandbox: no such media")
)

// Backend is what the page needs of the sandbox. Every call but Media is
// authorised by the client secret and touches only that secret's session.
type Backend interface {
	// View is the session's state as the page shows it.
	View(ctx context.Context, secret string) (View, error)
	// Advance resolves the current node (which must be step.NodeID) with the
	// user's input and returns the new view. Errors: the secret's, ErrStale,
	// runner.ErrFinished, runner.ErrBadInput.
	Advance(ctx context.Context, secret string, step Step) (View, error)
	// Cancel ends the session (the user left). A finished session is left as
	// it is and returned without error.
	Cancel(ctx context.Context, secret, reason string) (View, error)
	// SaveMedia stores an image captured at the current node and returns the
	// reference to pass as runner.Input.Screenshot.
	SaveMedia(ctx context.Context, secret string, m Upload) (string, error)
	// Media returns a stored image when exp and sig sign its id and exp has
	// not passed; otherwise ErrMediaNotFound.
	Media(ctx context.Context, id string, exp int64, sig string) (contentType string, data []byte, err error)
}

// Step is one user action at the current node.
type Step struct {
	NodeID string
	Input  runner.Input
}

// Upload is one captured image.
type Upload struct {
	NodeID      string
	Kind        string // "screenshot" (a camera frame) or "document"
	ContentType string // image/jpeg, image/png or image/webp, sniffed
	Data        []byte
}

// View is what the page knows of its session. It never holds the client
// secret, the API key or the webhook secret.
type View struct {
	SessionID     string                    `json:"sessionId"`
	Status        facesign.Status           `json:"status"`
	Lang          string                    `json:"lang"`
	Avatar        facesign.Avatar           `json:"avatar"`
	InitialPhrase string                    `json:"initialPhrase,omitempty"`
	FinalPhrase   string                    `json:"finalPhrase,omitempty"`
	CancelReason  string                    `json:"cancelReason,omitempty"`
	Pending       runner.Pending            `json:"pending"`
	Node          NodeInfo                  `json:"node"`
	Transcript    []facesign.TranscriptLine `json:"transcript"`
	Path          []facesign.PathStep       `json:"path"`
	// Outbox is the codes the sandbox "sent" for this session, newest first:
	// a sandbox shows test codes the way a payments sandbox shows test cards.
	Outbox []facesign.OutboxMessage `json:"outbox"`
	// Faces are the account's enrolled faces, for the recognition control.
	Faces []FaceChoice `json:"faces"`
	// Verified is the report's isVerified once the session is finished.
	Verified bool `json:"verified"`
	// Last is what the latest Advance did (empty for View).
	Last LastStep `json:"last"`
	// ExpireAt is when the client secret stops working.
	ExpireAt time.Time `json:"expireAt"`
}

// NodeInfo is what the page needs of the current node's definition.
type NodeInfo struct {
	Camera               bool     `json:"camera"`
	Microphone           bool     `json:"microphone"`
	AllowedDocumentTypes []string `json:"allowedDocumentTypes,omitempty"`
	CaptureInstructions  string   `json:"captureInstructions,omitempty"`
	LivenessChallenge    bool     `json:"livenessChallenge,omitempty"`
	SimilarityThreshold  float64  `json:"similarityThreshold,omitempty"`
	Rules                int      `json:"rules,omitempty"` // data_validation
}

// FaceChoice is one enrolled face the recognition control offers.
type FaceChoice struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// LastStep is the path an Advance took and its message (a wrong code).
type LastStep struct {
	Path    []facesign.PathStep `json:"path,omitempty"`
	Message string              `json:"message,omitempty"`
}

// Finished reports whether the session can no longer move.
func (v View) Finished() bool {
	return v.Status == facesign.StatusComplete || v.Status == facesign.StatusCanceled
}
