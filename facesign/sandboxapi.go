package facesign

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// The sandbox-only endpoints (facesign-api.md, last section). They refuse to run
// with a production key, before any request: simulating, enrolling or reading
// OTP codes has no meaning against real users.

func (c *Client) sandboxOnly(op string) error {
	if c.env != EnvSandbox {
		return argError(op, "available only in the sandbox (an sk_test_ key); this client has a production key")
	}
	return nil
}

// Simulate runs a sandbox session to its end with the given outcomes, replies
// and model inputs, and returns the final session and the path taken. It is
// never retried.
func (c *Client) Simulate(ctx context.Context, id string, req SimulateRequest) (*SimulateResponse, error) {
	if err := c.sandboxOnly("Simulate"); err != nil {
		return nil, err
	}
	path, err := idPath("Simulate", "session", "/sessions/", id, "/simulate")
	if err != nil {
		return nil, err
	}
	var out SimulateResponse
	if err := c.do(ctx, request{method: http.MethodPost, path: path, body: req, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateWebhook registers a webhook endpoint for the key's account. The
// returned Secret is shown only here; keep it to Verify deliveries.
func (c *Client) CreateWebhook(ctx context.Context, endpointURL string) (*WebhookEndpoint, error) {
	if err := c.sandboxOnly("CreateWebhook"); err != nil {
		return nil, err
	}
	u, err := url.Parse(endpointURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, argError("CreateWebhook", fmt.Sprintf("url %q must be an absolute http:// or https:// URL", endpointURL))
	}
	var out WebhookEndpoint
	body := struct {
		URL string `json:"url"`
	}{endpointURL}
	if err := c.do(ctx, request{method: http.MethodPost, path: "/webhooks", body: body, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListWebhooks lists the account's webhook endpoints (without their secrets).
func (c *Client) ListWebhooks(ctx context.Context) ([]WebhookEndpoint, error) {
	if err := c.sandboxOnly("ListWebhooks"); err != nil {
		return nil, err
	}
	return getList[WebhookEndpoint](ctx, c, "/webhooks", "webhooks", "endpoints")
}

// DeleteWebhook removes one of the account's webhook endpoints.
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	if err := c.sandboxOnly("DeleteWebhook"); err != nil {
		return err
	}
	path, err := idPath("DeleteWebhook", "webhook", "/webhooks/", id, "")
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path})
}

// Deliveries lists every delivery attempt to one endpoint.
func (c *Client) Deliveries(ctx context.Context, endpointID string) ([]Delivery, error) {
	if err := c.sandboxOnly("Deliveries"); err != nil {
		return nil, err
	}
	path, err := idPath("Deliveries", "webhook", "/webhooks/", endpointID, "/deliveries")
	if err != nil {
		return nil, err
	}
	return getList[Delivery](ctx, c, path, "deliveries")
}

// ResendDelivery makes one delivery to an endpoint due now: one more
// attempt of the same event.
func (c *Client) ResendDelivery(ctx context.Context, endpointID, deliveryID string) error {
	if err := c.sandboxOnly("ResendDelivery"); err != nil {
		return err
	}
	ep, err := idPath("ResendDelivery", "webhook", "/webhooks/", endpointID, "/deliveries/")
	if err != nil {
		return err
	}
	path, err := idPath("ResendDelivery", "delivery", ep, deliveryID, "/resend")
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodPost, path: path})
}

// Faces lists the faces enrolled in the account.
func (c *Client) Faces(ctx context.Context) ([]Face, error) {
	if err := c.sandboxOnly("Faces"); err != nil {
		return nil, err
	}
	return getList[Face](ctx, c, "/faces", "faces")
}

// DeleteFace removes an enrolled face, so recognition no longer matches it.
func (c *Client) DeleteFace(ctx context.Context, id string) error {
	if err := c.sandboxOnly("DeleteFace"); err != nil {
		return err
	}
	path, err := idPath("DeleteFace", "face", "/faces/", id, "")
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path})
}

// Outbox lists the OTP messages the sandbox "sent" for the account.
func (c *Client) Outbox(ctx context.Context) ([]OutboxMessage, error) {
	if err := c.sandboxOnly("Outbox"); err != nil {
		return nil, err
	}
	return getList[OutboxMessage](ctx, c, "/outbox", "outbox", "messages")
}
