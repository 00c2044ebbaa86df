package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/syncbuffer"
)

func TestSandboxCommandFlags(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"help", []string{"sandbox", "--help"}, 0, "-webhook-secret"},
		{"non-loopback refused", []string{"sandbox", "--addr", "0.0.0.0:0", "--data-dir", t.TempDir()}, 2, "--allow-remote"},
		{"bad addr", []string{"sandbox", "--addr", "nonsense", "--data-dir", t.TempDir()}, 2, "host:port"},
		{"webhook without secret", []string{"sandbox", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--webhook", "http://127.0.0.1:9/h"}, 2, "--webhook-secret"},
		{"secret without webhook", []string{"sandbox", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--webhook-secret", "s"}, 2, "without --webhook"},
		{"bad webhook url", []string{"sandbox", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--webhook", "ftp://x", "--webhook-secret", "s"}, 2, "http"},
		{"plain http webhook off loopback", []string{"sandbox", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--webhook", "http://hooks.example.com/h", "--webhook-secret", "s"}, 2, "must use https://"},
		{"stray argument", []string{"sandbox", "extra"}, 2, "unexpected argument"},
		{"bad log level", []string{"sandbox", "--log-level", "loud"}, 2, "log-level"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("FACESIGN_WEBHOOK_SECRET", "")
			code, stdout, stderr := runCmd(t, "", tc.args...)
			assert.Equal(t, tc.code, code, stderr)
			assert.Contains(t, stderr, tc.stderr)
			assert.Empty(t, stdout, "nothing on stdout")
		})
	}
}

func TestSandboxCommandServesAndShutsDown(t *testing.T) {
	var mu sync.Mutex
	var got []facesign.WebhookEvent
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := facesign.Verify(r.Header.Get(facesign.SignatureHeader), body, []string{"whsec_cmdtest"}, time.Minute, time.Now()); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var ev facesign.WebhookEvent
		_ = json.Unmarshal(body, &ev)
		mu.Lock()
		got = append(got, ev)
		mu.Unlock()
	}))
	defer recv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncbuffer.Buffer
	done := make(chan int, 1)
	dir := t.TempDir()
	go func() {
		done <- run(ctx, []string{"sandbox", "--addr", "127.0.0.1:0", "--data-dir", dir, "--webhook", recv.URL, "--webhook-secret", "whsec_cmdtest"},
			streams{in: strings.NewReader(""), out: io.Discard, err: &stderr})
	}()
	addrRE := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	var base string
	require.Eventually(t, func() bool {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			base = "http://" + m[1]
			return true
		}
		return false
	}, time.Minute, 10*time.Millisecond, "stderr: %s", stderr.String())

	res, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)

	c, err := facesign.New("sk_test_cmdtest12345678", facesign.WithBaseURL(base+"/sandbox"))
	require.NoError(t, err)
	created, err := c.CreateSession(ctx, facesign.Settings{Flow: mustFlow(t, validFlow), ClientReferenceID: "cmd"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(created.ClientSecret.URL, base+"/verify?client_secret="), created.ClientSecret.URL)
	page, err := http.Get(created.ClientSecret.URL)
	require.NoError(t, err)
	page.Body.Close()
	assert.Equal(t, http.StatusOK, page.StatusCode, "the hosted page answers clientSecret.url")
	assert.Contains(t, page.Header.Get("Content-Security-Policy"), "frame-ancestors")
	require.Eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 1 }, time.Minute, 10*time.Millisecond)
	mu.Lock()
	assert.Equal(t, created.Session.ID, got[0].SessionID)
	mu.Unlock()

	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(time.Minute):
		t.Fatal("the sandbox did not shut down")
	}
	assert.Contains(t, stderr.String(), "shutting down")
	assert.NotContains(t, stderr.String(), "whsec_cmdtest", "the webhook secret is never logged")
	assert.NotContains(t, stderr.String(), "sk_test_cmdtest12345678", "keys are never logged")
}

// The sandbox command logs its public URL without the password a user may
// have put in it.
func TestSandboxCommandLogsNoPasswordOfItsPublicURL(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncbuffer.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"sandbox", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--public-url", "https://user:hunter2pw@verify.example.com"},
			streams{in: strings.NewReader(""), out: io.Discard, err: &stderr})
	}()
	require.Eventually(t, func() bool { return strings.Contains(stderr.String(), "sandbox: listening") }, time.Minute, 10*time.Millisecond, "stderr: %s", stderr.String())
	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(time.Minute):
		t.Fatal("the sandbox did not shut down")
	}
	assert.Contains(t, stderr.String(), "base_url=https://…@verify.example.com/sandbox")
	assert.NotContains(t, stderr.String(), "hunter2pw")
}

func mustFlow(t *testing.T, raw string) flow.Flow {
	t.Helper()
	var f flow.Flow
	require.NoError(t, json.Unmarshal([]byte(raw), &f))
	return f
}
