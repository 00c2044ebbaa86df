package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/internal/syncbuffer"
)

func TestServeAndStdioFlags(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		code    int
		wantErr string
	}{
		{[]string{"serve", "--help"}, 0, "/mcp"},
		{[]string{"stdio", "--help"}, 0, "stdin/stdout"},
		{[]string{"serve", "--addr", "0.0.0.0:7717"}, 2, "without --auth-token"},
		{[]string{"serve", "--addr", ":7717"}, 2, "without --auth-token"},
		{[]string{"serve", "--addr", "nonsense"}, 2, "host:port"},
		{[]string{"serve", "--log-level", "loud"}, 2, "--log-level"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--server-url", "ftp://x"}, 2, "--server-url"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--public-url", "ftp://x"}, 2, "--public-url"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--public-url", "https://x.example.com/?a=1"}, 2, "--public-url"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--allowed-origins", "not an origin"}, 2, "--allowed-origins"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--server-url", "https://user:hunter2pw@host:99x/"}, 2, "--server-url"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--sandbox-url", "https://user:hunter2pw@host/"}, 2, "--sandbox-url"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--public-url", "https://user:hunter2pw@host:x/"}, 2, "--public-url"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--allowed-origins", "https://user:hunter2pw@app.example.com"}, 2, "--allowed-origins"},
		{[]string{"stdio", "--addr", "127.0.0.1:0", "--sandbox-url", "ftp://user:hunter2pw@host"}, 2, "--sandbox-url"},
		{[]string{"stdio", "--addr", "0.0.0.0:7717"}, 2, "loopback"},
		{[]string{"serve", "extra"}, 2, "unexpected argument"},
		{[]string{"serve", "--addr", "0.0.0.0:0", "--auth-token", "x"}, 2, "at least 32"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--auth-token", "hunter2pw-but-much-too-short"}, 2, "guessed"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--auth-token", " "}, 2, "space or control"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--auth-token", "hunter2pw hunter2pw hunter2pw hunter2pw"}, 2, "space or control"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errb syncbuffer.Buffer
			code := run(context.Background(), append(tc.args, "--data-dir", t.TempDir()), streams{strings.NewReader(""), &out, &errb})
			assert.Equal(t, tc.code, code, errb.String())
			assert.Contains(t, errb.String(), tc.wantErr)
			assert.NotContains(t, errb.String(), "hunter2pw", "a password in a URL flag is never echoed")
			assert.Empty(t, out.String(), "nothing on stdout")
		})
	}
}

var listenRE = regexp.MustCompile(`mcp=http://(127\.0\.0\.1:\d+)/mcp`)

func TestServeServesAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncbuffer.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()}, streams{strings.NewReader(""), &out, &errb})
	}()
	var addr string
	require.Eventually(t, func() bool {
		m := listenRE.FindStringSubmatch(errb.String())
		if m != nil {
			addr = m[1]
		}
		return m != nil
	}, time.Minute, 20*time.Millisecond, errb.String())

	get := func(path, host string) int {
		req, _ := http.NewRequest(http.MethodGet, "http://"+addr+path, nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, 200, get("/healthz", ""))
	assert.Equal(t, 403, get("/healthz", "evil.example.com"), "DNS rebinding protection covers the whole listener")
	assert.Equal(t, 401, get("/sandbox/v1/langs", ""), "the sandbox is mounted and wants a key")
	assert.Equal(t, 400, get("/mcp", ""), "GET /mcp without a session")
	assert.Equal(t, 404, get("/verify?client_secret=cs_unknown", ""), "the hosted page is mounted and says the secret is unknown")
	assert.Equal(t, 200, get("/verify/static/page.css", ""))

	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, errb.String())
	case <-time.After(time.Minute):
		t.Fatal("serve did not shut down")
	}
	assert.Empty(t, out.String())
}

// With --sandbox-url, stdio needs nothing from the taken port: it carries on,
// and sends its holder nothing at all.
func TestStdioCarriesOnWhenThePortIsTakenAndSandboxURLIsGiven(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var hits atomic.Int32
	stranger := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { hits.Add(1); http.NotFound(w, nil) })}
	go func() { _ = stranger.Serve(ln) }()
	t.Cleanup(func() { _ = stranger.Close() })

	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var errb syncbuffer.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"stdio", "--addr", ln.Addr().String(), "--data-dir", t.TempDir(),
			"--sandbox-url", "http://127.0.0.1:1/sandbox"}, streams{inR, outW, &errb})
		outW.Close()
	}()
	_, err = io.WriteString(inW, `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`+"\n")
	require.NoError(t, err)
	line, err := bufio.NewReader(outR).ReadString('\n')
	require.NoError(t, err)
	assert.Contains(t, line, `"protocolVersion":"2025-11-25"`)
	require.NoError(t, inW.Close())
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, errb.String())
	case <-time.After(time.Minute):
		t.Fatal("stdio did not exit on EOF")
	}
	assert.Contains(t, errb.String(), "is taken by something that is not this user's facesign-mcp")
	assert.Zero(t, hits.Load(), "nothing is sent to an unproven holder of the port")
}
