package facesign

import (
	"fmt"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// ListParams is the query of GET /sessions. Zero values are left out.
type ListParams struct {
	Limit             int
	Cursor            string
	Status            []Status
	ClientReferenceID string
	FlowID            string
	FromDate          int64 // Unix seconds (or milliseconds above 10^12)
	ToDate            int64
	Search            string
	SortBy            string // createdAt | finishedAt | status
	SortOrder         string // asc | desc
	IncludeTotal      bool
}

// The sandbox-only endpoints (facesign-api.md, last section).

// SimulateRequest is the body of POST /sessions/{id}/simulate. Outcomes name the
// outcome each node takes (a list outcome by its id); unnamed nodes take their
// success outcome. Replies are the user's words at conversation nodes. Inputs set
// what FaceSign's models would decide (see the sandbox package for the keys).
type SimulateRequest struct {
	Outcomes map[string]string `json:"outcomes,omitempty"`
	Replies  map[string]string `json:"replies,omitempty"`
	Inputs   map[string]any    `json:"inputs,omitempty"`
}

// PathStep is one node the simulated session went through.
type PathStep struct {
	NodeID  string        `json:"nodeId" jsonschema_description:"Node id."`
	Type    flow.NodeType `json:"type" jsonschema_description:"Node type."`
	Outcome string        `json:"outcome,omitempty" jsonschema_description:"Outcome taken out of the node."` // outcome name or list id
}

// SimulateResponse is the answer of simulate.
type SimulateResponse struct {
	Session Session    `json:"session"`
	Path    []PathStep `json:"path"`
}

// WebhookEndpoint is a registered webhook receiver. Secret is returned only at creation.
type WebhookEndpoint struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Secret    string `json:"secret,omitempty"`
	CreatedAt Time   `json:"createdAt"`
}

// String never shows the secret.
func (w WebhookEndpoint) String() string {
	return fmt.Sprintf("WebhookEndpoint{id: %s, url: %s}", w.ID, w.URL)
}

// GoString keeps %#v from dumping the secret.
func (w WebhookEndpoint) GoString() string { return "facesign." + w.String() }

// Delivery is one attempt to deliver an event to an endpoint.
type Delivery struct {
	ID         string `json:"id"`
	EventID    string `json:"eventId"`
	EndpointID string `json:"endpointId"`
	SessionID  string `json:"sessionId"`
	Attempt    int    `json:"attempt"`
	StatusCode int    `json:"statusCode"` // 0 when no response arrived
	Error      string `json:"error,omitempty"`
	State      string `json:"state"` // pending | delivered | retrying | failed
	CreatedAt  Time   `json:"createdAt"`
	NextRetry  *Time  `json:"nextRetry,omitempty"`
}

// Face is an enrolled face of the account.
type Face struct {
	ID         string `json:"id"`
	Name       string `json:"name,omitempty"`
	Email      string `json:"email,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Company    string `json:"company,omitempty"`
	JobTitle   string `json:"jobTitle,omitempty"`
	EnrolledAt Time   `json:"enrolledAt"`
	SessionID  string `json:"sessionId"`
}

// OutboxMessage is an OTP message the sandbox "sent".
type OutboxMessage struct {
	ID        string `json:"id"`
	To        string `json:"to"`
	Channel   string `json:"channel"` // email | sms
	Code      string `json:"code"`
	SessionID string `json:"sessionId"`
	NodeID    string `json:"nodeId"`
	CreatedAt Time   `json:"createdAt"`
	ExpireAt  Time   `json:"expireAt"`
}
