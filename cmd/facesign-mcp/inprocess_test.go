package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/sandbox"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tools reach the embedded sandbox through its handler: nothing listens
// on the sandbox's address here (port 1 of loopback), yet a FaceSign client
// built from the deps creates and reads sessions, and gets the sandbox's own
// HTTP errors; requests elsewhere still go out over the network.
func TestInProcessSandbox(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	const addr = "127.0.0.1:1"
	sb, err := sandbox.New(context.Background(), sandbox.Config{DataDir: t.TempDir(), Logger: log, JanitorInterval: -1, PublicURL: "http://" + addr})
	require.NoError(t, err)
	t.Cleanup(func() { _ = sb.Close() })

	deps, err := newDeps(&serverFlags{}, log, addr)
	require.NoError(t, err)
	require.NoError(t, inProcessSandbox(deps, sb, addr))
	c, err := facesign.New("sk_test_inprocessAAAA1111", facesign.WithBaseURL(deps.SandboxURL), facesign.WithHTTPClient(deps.HTTPClient), facesign.WithRetry(1, 0, 0))
	require.NoError(t, err)
	ctx := context.Background()
	fl, err := flow.Decode([]byte(`[{"id":"start","type":"start","outcome":"end"},{"id":"end","type":"end"}]`))
	require.NoError(t, err)
	created, err := c.CreateSession(ctx, facesign.Settings{Flow: fl, ClientReferenceID: "in-process"})
	require.NoError(t, err)
	got, err := c.GetSession(ctx, created.Session.ID)
	require.NoError(t, err)
	assert.Equal(t, "in-process", got.Session.Settings.ClientReferenceID)
	assert.True(t, strings.HasPrefix(got.ClientSecret.URL, "http://"+addr+"/verify?"), got.ClientSecret.URL)

	_, err = c.GetSession(ctx, "ses_000000000000000000000000")
	var apiErr *facesign.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "elsewhere") }))
	defer other.Close()
	res, err := deps.HTTPClient.Get(other.URL + "/sandbox/sessions")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, "elsewhere", string(body))

	// A --sandbox-url elsewhere is left alone.
	elsewhere, err := newDeps(&serverFlags{sandboxURL: other.URL + "/sandbox"}, log, addr)
	require.NoError(t, err)
	require.NoError(t, inProcessSandbox(elsewhere, sb, addr))
	assert.Nil(t, elsewhere.HTTPClient)
}
