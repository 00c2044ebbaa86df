// Package facesign is a typed client for the FaceSign REST API and the webhook
// signing scheme FaceSign uses. The same client reaches production and the
// embedded sandbox; only the base URL and the key differ.
package facesign

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// APIVersion is sent as the Facesign-Version header on every request.
const APIVersion = "2024-12-18"

// Status is a session's state, normalised to the contract's vocabulary.
type Status string

// The four statuses the contract uses. FaceSign's newer vocabulary (created,
// inProgress, incomplete) is mapped onto these when decoding.
const (
	StatusRequiresInput Status = "requiresInput"
	StatusProcessing    Status = "processing"
	StatusComplete      Status = "complete"
	StatusCanceled      Status = "canceled"
)

// Statuses lists the normalised statuses in lifecycle order.
func Statuses() []Status {
	return []Status{StatusRequiresInput, StatusProcessing, StatusComplete, StatusCanceled}
}

// ParseStatus normalises any status FaceSign has used; ok is false for an unknown one.
func ParseStatus(s string) (Status, bool) {
	switch s {
	case "requiresInput", "created", "requires_input":
		return StatusRequiresInput, true
	case "processing", "inProgress", "in_progress":
		return StatusProcessing, true
	case "complete", "completed":
		return StatusComplete, true
	case "canceled", "cancelled", "incomplete", "expired":
		return StatusCanceled, true
	}
	return Status(s), false
}

// UnmarshalJSON normalises the status vocabulary; unknown values are kept as sent.
func (s *Status) UnmarshalJSON(data []byte) error {
	var raw string
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("status: expected a string, got %s", data)
	}
	*s, _ = ParseStatus(raw)
	return nil
}

// Time is a Unix timestamp on the wire. It decodes seconds, or milliseconds when
// the value is above 10^12 (as some FaceSign generations send), and encodes seconds.
type Time struct{ time.Time }

// msThreshold: a value above it is taken as milliseconds.
const msThreshold = 1_000_000_000_000

// UnixTime converts a wire value (seconds, or milliseconds above 10^12) to a time.
func UnixTime(v int64) time.Time {
	if v > msThreshold || v < -msThreshold {
		return time.UnixMilli(v).UTC()
	}
	return time.Unix(v, 0).UTC()
}

// NewTime wraps t, dropping what the wire cannot carry below the second.
func NewTime(t time.Time) Time { return Time{t.UTC().Truncate(time.Second)} }

// MarshalJSON encodes Unix seconds; the zero time encodes as null.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, t.Unix(), 10), nil
}

// UnmarshalJSON decodes seconds or milliseconds, as a number or a numeric string.
func (t *Time) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		*t = Time{}
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		if parsed, err := time.Parse(time.RFC3339Nano, s); err == nil {
			*t = Time{parsed.UTC()}
			return nil
		}
		data = []byte(s)
	}
	f, err := strconv.ParseFloat(string(data), 64)
	if err != nil {
		return fmt.Errorf("timestamp: expected Unix seconds or milliseconds, got %s", data)
	}
	*t = Time{UnixTime(int64(f))}
	return nil
}

// Session is a FaceSign verification session.
type Session struct {
	ID         string   `json:"id"`
	CreatedAt  Time     `json:"createdAt"`
	StartedAt  *Time    `json:"startedAt,omitempty"`
	FinishedAt *Time    `json:"finishedAt,omitempty"`
	Status     Status   `json:"status"`
	Settings   Settings `json:"settings"`
	Version    string   `json:"version,omitempty"`
	Report     *Report  `json:"report,omitempty"`
}

// Settings is the body of a session create, echoed back on the session.
type Settings struct {
	ClientReferenceID      string            `json:"clientReferenceId,omitempty"`
	Metadata               map[string]string `json:"metadata,omitempty"`
	Flow                   flow.Flow         `json:"flow,omitempty"`
	Modules                []Module          `json:"modules,omitempty"`
	ProvidedData           map[string]any    `json:"providedData,omitempty"`
	AvatarID               string            `json:"avatarId,omitempty"`
	Langs                  []string          `json:"langs,omitempty"`
	DefaultLang            string            `json:"defaultLang,omitempty"`
	Zone                   string            `json:"zone,omitempty"`
	Customization          *Customization    `json:"customization,omitempty"`
	VideoAIAnalysisEnabled *bool             `json:"videoAIAnalysisEnabled,omitempty"`
	InitialPhrase          string            `json:"initialPhrase,omitempty"`
	FinalPhrase            string            `json:"finalPhrase,omitempty"`
}

// Module is a legacy verification module (identityVerification, documentAuthentication,
// emailVerification, …). It is kept as raw JSON: FaceSign's modules carry options
// of their own, and the sandbox expands only their type.
type Module = json.RawMessage

// Customization is the hosted page's look.
type Customization struct {
	Branding *Branding `json:"branding,omitempty"`
}

// Branding sets the hosted page's colour and logo.
type Branding struct {
	PrimaryColor string `json:"primaryColor,omitempty"`
	LogoURL      string `json:"logoUrl,omitempty"`
}

// ClientSecret authorises the hosted page for one session; it lives one hour.
type ClientSecret struct {
	Secret    string `json:"secret"`
	CreatedAt Time   `json:"createdAt"`
	ExpireAt  Time   `json:"expireAt"`
	URL       string `json:"url"`
}

// String never shows the secret itself.
func (c ClientSecret) String() string {
	return fmt.Sprintf("ClientSecret{expireAt: %s}", c.ExpireAt.Format(time.RFC3339))
}

// GoString keeps %#v from dumping the secret.
func (c ClientSecret) GoString() string { return "facesign." + c.String() }

// Report is what a session produced.
type Report struct {
	Transcript       []TranscriptLine `json:"transcript"`
	NodeReports      []NodeReport     `json:"nodeReports"`
	AIAnalysis       *AIAnalysis      `json:"aiAnalysis,omitempty"`
	LivenessDetected *bool            `json:"livenessDetected,omitempty"`
	IsVerified       *bool            `json:"isVerified,omitempty"`
	ExtractedData    map[string]any   `json:"extractedData,omitempty"`
	Screenshots      []string         `json:"screenshots,omitempty"`
	Videos           *Videos          `json:"videos,omitempty"`
	Device           map[string]any   `json:"device,omitempty"`
	Location         map[string]any   `json:"location,omitempty"`
	Lang             string           `json:"lang,omitempty"`
	// Sandbox is true on every report the embedded sandbox produces.
	Sandbox bool `json:"sandbox,omitempty"`
}

// TranscriptLine is one utterance, by the avatar or the user.
type TranscriptLine struct {
	ID        string `json:"id"`
	CreatedAt Time   `json:"createdAt"`
	Text      string `json:"text"`
	IsAvatar  bool   `json:"isAvatar"`
}

// NodeReport records how one node ended. For conversation and data_validation,
// Outcome is the chosen outcome's target node id (as FaceSign reports it).
type NodeReport struct {
	Type      flow.NodeType  `json:"type"`
	NodeID    string         `json:"nodeId"`
	CreatedAt Time           `json:"createdAt"`
	Outcome   string         `json:"outcome"`
	Report    map[string]any `json:"report,omitempty"`
}

// AIAnalysis is FaceSign's video analysis of the user.
type AIAnalysis struct {
	AgeMin              int    `json:"ageMin"`
	AgeMax              int    `json:"ageMax"`
	Sex                 string `json:"sex"`
	RealPersonOrVirtual string `json:"realPersonOrVirtual"`
	OverallSummary      string `json:"overallSummary"`
}

// Videos are recordings of the session.
type Videos struct {
	AvatarVideoURL string `json:"avatarVideoUrl,omitempty"`
	UserVideoURL   string `json:"userVideoUrl,omitempty"`
}

// Avatar is one of FaceSign's avatars.
type Avatar struct {
	ID       string `json:"id" jsonschema_description:"Avatar id (a session's avatarId)."`
	Name     string `json:"name" jsonschema_description:"Display name."`
	Gender   string `json:"gender,omitempty" jsonschema_description:"Avatar gender, when FaceSign says."`
	ImageURL string `json:"imageUrl,omitempty" jsonschema_description:"Portrait URL."`
}

// Lang is a language the avatar speaks.
type Lang struct {
	ID    string `json:"id" jsonschema_description:"Language code (e.g. en)."`
	Title string `json:"title" jsonschema_description:"Language name."`
}

// CreateSessionResponse is the 201 body of POST /sessions.
type CreateSessionResponse struct {
	Session      Session      `json:"session"`
	ClientSecret ClientSecret `json:"clientSecret"`
	Warnings     []Warning    `json:"warnings,omitempty"`
}

// Warning is a non-fatal remark on a created session's flow.
type Warning struct {
	Code    string `json:"code,omitempty"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// GetSessionResponse is the body of GET /sessions/{id}.
type GetSessionResponse struct {
	Session      Session      `json:"session"`
	ClientSecret ClientSecret `json:"clientSecret"`
}

// ListSessionsResponse is one page of GET /sessions.
type ListSessionsResponse struct {
	Sessions   []Session `json:"sessions"`
	NextCursor string    `json:"nextCursor,omitempty"`
	HasMore    bool      `json:"hasMore"`
	TotalCount *int      `json:"totalCount,omitempty"`
}

// WebhookEvent is the body of every webhook delivery.
type WebhookEvent struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	CreatedAt Time   `json:"createdAt"`
	SessionID string `json:"sessionId"`
}

// EventSessionStatus is the type of the event sent on every status change.
const EventSessionStatus = "session.status"
