package tools

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/preview"
)

// One client per (key, base URL), made once and shared by every call and
// session that uses that key there; a failure to make one is not kept.
func TestClientsAreMadeOncePerKeyAndBaseURL(t *testing.T) {
	var mu sync.Mutex
	made := map[string]int{}
	fail := true
	d := &Deps{SandboxURL: "http://127.0.0.1:1/sandbox"}
	d.NewClient = func(key, base string, _ *http.Client) (*facesign.Client, error) {
		mu.Lock()
		defer mu.Unlock()
		made[facesign.Redact(key)+" "+base]++
		if fail && base == "https://broken.example" {
			return nil, errors.New("no")
		}
		return facesign.New(key, facesign.WithBaseURL(base))
	}
	d.setDefaults()
	const a, b = "sk_test_aaaaaaaaaaaaaaaa0001", "sk_test_bbbbbbbbbbbbbbbb0002"

	var wg sync.WaitGroup
	clients := make([]*facesign.Client, 20)
	for i := range clients {
		wg.Go(func() {
			c, _, err := d.ClientFor(a, "", KeyFromSession)
			assert.NoError(t, err)
			clients[i] = c
		})
	}
	wg.Wait()
	for _, c := range clients {
		assert.Same(t, clients[0], c, "concurrent calls share one client")
	}
	other, _, err := d.ClientFor(a, "https://api.example.com/", KeyFromSession)
	require.NoError(t, err)
	assert.NotSame(t, clients[0], other, "another base URL is another client")
	assert.Equal(t, "https://api.example.com", other.BaseURL())
	again, _, err := d.ClientFor(a, "https://api.example.com", KeyFromSession)
	require.NoError(t, err)
	assert.Same(t, other, again, "the same base URL, normalised, is the same client")
	cb, _, err := d.ClientFor(b, "", KeyFromSession)
	require.NoError(t, err)
	assert.NotSame(t, clients[0], cb, "another key is another client")
	assert.Equal(t, facesign.Redact(b), cb.RedactedKey())

	_, _, err = d.ClientFor(a, "https://broken.example", KeyFromSession)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), a)
	fail = false
	_, _, err = d.ClientFor(a, "https://broken.example", KeyFromSession)
	require.NoError(t, err, "a failure is not cached")

	assert.Equal(t, 1, made[facesign.Redact(a)+" "+d.SandboxURL], "concurrent first calls make one client")
	assert.Equal(t, 1, made[facesign.Redact(a)+" https://api.example.com"])
	assert.Equal(t, 2, made[facesign.Redact(a)+" https://broken.example"])
}

func TestClientCacheIsBounded(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	for i := range maxCachedClients + 50 {
		_, _, err := d.ClientFor(fmt.Sprintf("sk_test_%020d", i), "", KeyFromSession)
		require.NoError(t, err)
	}
	assert.Equal(t, maxCachedClients, d.clients.len())
}

// The default HTTP client keeps enough idle connections per host for many
// concurrent sessions calling the sandbox, instead of net/http's two.
func TestDefaultHTTPClientPoolsConnections(t *testing.T) {
	d := &Deps{}
	d.setDefaults()
	tr, ok := d.HTTPClient.Transport.(*http.Transport)
	require.True(t, ok)
	assert.Equal(t, maxIdleConnsPerHost, tr.MaxIdleConnsPerHost)
	assert.Equal(t, maxIdleConns, tr.MaxIdleConns)
	assert.NotNil(t, tr.Proxy, "proxies from the environment still apply")
	assert.NotSame(t, http.DefaultTransport, tr, "not the process-wide transport")
}

// Every way a user-given URL reaches a message goes through RedactURL.
func TestURLErrorsCarryNoPassword(t *testing.T) {
	for _, raw := range []string{
		"https://user:hunter2pw@host:99x/",
		"https://user:hunter2pw@host/",
		"ftp://user:hunter2pw@host/",
		"user:hunter2pw@host",
	} {
		_, err := NormalizeServerURL(raw)
		require.Error(t, err, raw)
		assert.NotContains(t, err.Error(), "hunter2pw", raw)

		d := &Deps{}
		d.setDefaults()
		_, _, err = d.ClientFor(keyA, raw, KeyFromSession)
		require.Error(t, err, raw)
		assert.NotContains(t, err.Error(), "hunter2pw", raw)

		_, err = NewHTTPHandler(NewServer(d), d, HTTPOptions{AllowedOrigins: []string{raw}})
		require.Error(t, err, raw)
		assert.NotContains(t, err.Error(), "hunter2pw", raw)
	}
}

// A server without a sandbox sends sk_test_ keys nowhere (not to the default
// address, which someone else may hold) and says why.
func TestNoSandboxRefusesSandboxKeysWithoutAServerURL(t *testing.T) {
	d := &Deps{NoSandbox: "the HTTP listener on 127.0.0.1:7717 could not be opened"}
	d.setDefaults()
	assert.Empty(t, d.SandboxURL, "no default sandbox URL is filled in")
	_, _, err := d.ClientFor(keyA, "", KeyFromSession)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no sandbox: the HTTP listener on 127.0.0.1:7717 could not be opened")
	assert.Contains(t, err.Error(), "serverUrl")
	assert.NotContains(t, err.Error(), keyA)

	_, info, err := d.ClientFor(keyA, "https://sandbox.example.com", KeyFromSession)
	require.NoError(t, err, "a serverUrl names the sandbox explicitly")
	assert.Equal(t, "https://sandbox.example.com", info.ServerURL)
	_, info, err = d.ClientFor("sk_prod_abcdefgh1234", "", KeyFromSession)
	require.NoError(t, err, "production keys are not affected")
	assert.Equal(t, DefaultProductionURL, info.ServerURL)
}

// The MCP App view draws with the preview's renderer: one cache and one
// bound on concurrent layouts per process, not one per view.
func TestOneDiagramRenderer(t *testing.T) {
	d := &Deps{Previews: preview.New(preview.Config{})}
	d.setDefaults()
	assert.Same(t, d.Previews.Diagrams(), d.Diagrams)
}
