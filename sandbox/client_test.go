package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// TestFacesignClientRoundTrip drives every endpoint through the same client
// that reaches production, so the sandbox's shapes are the ones it decodes.
func TestFacesignClientRoundTrip(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c, err := facesign.New(keyA, facesign.WithBaseURL(e.srv.URL+"/sandbox"))
	require.NoError(t, err)
	var fl flow.Flow
	require.NoError(t, json.Unmarshal(readFlow(t, "wire-transfer.json"), &fl))

	created, err := c.CreateSession(ctx, facesign.Settings{Flow: fl, ClientReferenceID: "client-1", Metadata: map[string]string{"who": "Ada"}})
	require.NoError(t, err)
	id := created.Session.ID
	assert.Equal(t, facesign.StatusRequiresInput, created.Session.Status)

	got, err := c.GetSession(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, created.ClientSecret.Secret, got.ClientSecret.Secret)
	assert.Equal(t, "client-1", got.Session.Settings.ClientReferenceID)
	sec, err := c.RefreshSecret(ctx, id)
	require.NoError(t, err)
	assert.NotEqual(t, created.ClientSecret.Secret, sec.Secret)

	for range 4 {
		_, err := c.CreateSession(ctx, facesign.Settings{Flow: fl})
		require.NoError(t, err)
	}
	page, err := c.ListSessions(ctx, facesign.ListParams{Limit: 2, IncludeTotal: true})
	require.NoError(t, err)
	assert.Len(t, page.Sessions, 2)
	assert.True(t, page.HasMore)
	require.NotNil(t, page.TotalCount)
	assert.Equal(t, 5, *page.TotalCount)
	n := 0
	for s, err := range c.Sessions(ctx, facesign.ListParams{Limit: 2}) {
		require.NoError(t, err)
		assert.NotEmpty(t, s.ID)
		n++
	}
	assert.Equal(t, 5, n, "the iterator follows every cursor")
	page, err = c.ListSessions(ctx, facesign.ListParams{ClientReferenceID: "client-1", Search: "ada", Status: []facesign.Status{facesign.StatusRequiresInput}})
	require.NoError(t, err)
	require.Len(t, page.Sessions, 1)
	assert.Equal(t, id, page.Sessions[0].ID)

	av, err := c.Avatars(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, av)
	ls, err := c.Langs(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, ls)

	hook, err := c.CreateWebhook(ctx, "http://127.0.0.1:1/unreachable")
	require.NoError(t, err)
	assert.NotEmpty(t, hook.Secret)
	hooks, err := c.ListWebhooks(ctx)
	require.NoError(t, err)
	require.Len(t, hooks, 1)

	sim, err := c.Simulate(ctx, id, facesign.SimulateRequest{Inputs: map[string]any{"name": "Ada Lovelace", "email": "ada@example.com"}})
	require.NoError(t, err)
	assert.Equal(t, facesign.StatusComplete, sim.Session.Status)
	assert.NotEmpty(t, sim.Path)
	require.NotNil(t, sim.Session.Report)
	assert.NotEmpty(t, sim.Session.Report.Transcript)
	assert.NotEmpty(t, sim.Session.Report.NodeReports)

	require.Eventually(t, func() bool {
		ds, err := c.Deliveries(ctx, hook.ID)
		return err == nil && len(ds) > 0 && ds[len(ds)-1].Attempt == 1
	}, 15*time.Second, 10*time.Millisecond)
	faces, err := c.Faces(ctx)
	require.NoError(t, err)
	require.Len(t, faces, 1, "a liveness pass with a known name and email enrols")
	require.NoError(t, c.DeleteFace(ctx, faces[0].ID))
	out, err := c.Outbox(ctx)
	require.NoError(t, err)
	require.Len(t, out, 1)
	assert.Equal(t, "ada@example.com", out[0].To)
	require.NoError(t, c.DeleteWebhook(ctx, hook.ID))

	// Errors come back typed, with their details.
	_, err = c.GetSession(ctx, "ses_nope")
	assert.True(t, facesign.IsNotFound(err), "%v", err)
	_, err = c.CreateSession(ctx, facesign.Settings{Flow: flow.Flow{{ID: "start", Type: flow.TypeStart, Next: "ghost"}}})
	require.Error(t, err)
	assert.True(t, facesign.IsValidation(err), "%v", err)
	var apiErr *facesign.APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.NotEmpty(t, apiErr.RequestID)
	require.NotEmpty(t, apiErr.Details)
	assert.Contains(t, apiErr.Details[0].Path, "/flow")
	other, err := facesign.New(keyB, facesign.WithBaseURL(e.srv.URL+"/sandbox"))
	require.NoError(t, err)
	_, err = other.GetSession(ctx, id)
	assert.True(t, facesign.IsNotFound(err), "another account's session is not found: %v", err)
}
