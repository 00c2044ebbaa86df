package preview

import (
	"context"
	"net/http"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
)

// account is the sandbox account behind a preview, the way a payments
// dashboard shows test mode: recent sessions, webhook endpoints with every
// delivery attempt, the OTP outbox and the enrolled faces. It is read with
// the preview's own client; the browser never holds the key.
type account struct {
	Err      string
	Sessions []facesign.Session
	Webhooks []webhookView
	Outbox   []facesign.OutboxMessage
	Faces    []facesign.Face
}

type webhookView struct {
	ID, URL    string
	Deliveries []deliveryView
}

// deliveryView is one attempt; Newest marks the newest attempt of its
// delivery, where the page offers a resend.
type deliveryView struct {
	facesign.Delivery
	Newest bool
}

// accountTimeout bounds the reads of one page view.
const accountTimeout = 5 * time.Second

// maxListed bounds each list of the account view.
const maxListed = 10

func loadAccount(ctx context.Context, c *facesign.Client) *account {
	if c == nil || c.Environment() != facesign.EnvSandbox {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, accountTimeout)
	defer cancel()
	a := &account{}
	fail := func(what string, err error) *account {
		a.Err = "The sandbox account could not be read (" + what + "): " + err.Error()
		return a
	}
	list, err := c.ListSessions(ctx, facesign.ListParams{Limit: maxListed, SortBy: "createdAt", SortOrder: "desc"})
	if err != nil {
		return fail("sessions", err)
	}
	a.Sessions = list.Sessions
	hooks, err := c.ListWebhooks(ctx)
	if err != nil {
		return fail("webhooks", err)
	}
	for _, h := range hooks {
		ds, err := c.Deliveries(ctx, h.ID)
		if err != nil {
			return fail("deliveries", err)
		}
		if len(ds) > maxListed {
			ds = ds[:maxListed] // newest first
		}
		v := webhookView{ID: h.ID, URL: facesign.RedactURL(h.URL)}
		seen := map[string]bool{}
		for _, d := range ds {
			v.Deliveries = append(v.Deliveries, deliveryView{Delivery: d, Newest: !seen[d.ID]})
			seen[d.ID] = true
		}
		a.Webhooks = append(a.Webhooks, v)
	}
	if a.Outbox, err = c.Outbox(ctx); err != nil {
		return fail("outbox", err)
	}
	if len(a.Outbox) > maxListed {
		a.Outbox = a.Outbox[len(a.Outbox)-maxListed:]
	}
	if a.Faces, err = c.Faces(ctx); err != nil {
		return fail("faces", err)
	}
	return a
}

// deleteFace removes an enrolled face from the sandbox account.
func (s *Server) deleteFace(w http.ResponseWriter, r *http.Request, p *Preview) {
	c := p.Client()
	if c == nil || c.Environment() != facesign.EnvSandbox {
		jsonError(w, http.StatusForbidden, "Faces are managed here only in the sandbox.")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	if err := c.DeleteFace(ctx, r.PathValue("face")); err != nil {
		s.apiError(w, "Deleting the face", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": r.PathValue("face")})
}

// resendDelivery asks the sandbox to attempt a webhook delivery again.
func (s *Server) resendDelivery(w http.ResponseWriter, r *http.Request, p *Preview) {
	c := p.Client()
	if c == nil || c.Environment() != facesign.EnvSandbox {
		jsonError(w, http.StatusForbidden, "Deliveries are resent here only in the sandbox.")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	if err := c.ResendDelivery(ctx, r.PathValue("ep"), r.PathValue("did")); err != nil {
		s.apiError(w, "Resending the delivery", err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"resent": r.PathValue("did")})
}
