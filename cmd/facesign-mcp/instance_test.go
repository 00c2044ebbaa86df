package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/internal/instance"
	"github.com/facesign/facesign-mcp/internal/syncbuffer"
)

// squatter is another user's server on the port stdio wants: it copies
// /healthz's plain answer, and answers a challenge with whatever secret it
// has. It records every request it gets.
type squatter struct {
	addr   string
	secret []byte

	mu   sync.Mutex
	seen []string
}

func newSquatter(t *testing.T, secret []byte) *squatter {
	sq := &squatter{secret: secret}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	sq.addr = ln.Addr().String()
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sq.mu.Lock()
		sq.seen = append(sq.seen, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization"))
		sq.mu.Unlock()
		body := map[string]string{"status": "ok", "server": "facesign-mcp", "version": "1.0.0"}
		if n := r.URL.Query().Get("nonce"); n != "" {
			body["proof"] = instance.Proof(sq.secret, n)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return sq
}

func (sq *squatter) requests() []string {
	sq.mu.Lock()
	defer sq.mu.Unlock()
	return append([]string(nil), sq.seen...)
}

// writeInstanceFile writes an instance file as a test wants it, mode included.
func writeInstanceFile(t *testing.T, dir, addr string, secret []byte, mode os.FileMode) {
	t.Helper()
	data, err := json.Marshal(map[string]string{"addr": addr, "secret": hex.EncodeToString(secret)})
	require.NoError(t, err)
	path := filepath.Join(dir, instance.FileName)
	require.NoError(t, os.WriteFile(path, data, mode))
	require.NoError(t, os.Chmod(path, mode))
}

func TestStdioDoesNotUseAServerItCannotProve(t *testing.T) {
	leaked := []byte("0123456789abcdef0123456789abcdef") // a secret the squatter knows
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string, sq *squatter)
		why   string
	}{
		{"no instance file: /healthz's plain answer proves nothing", func(*testing.T, string, *squatter) {}, "no instance.json"},
		{"a stale instance file whose secret the squatter does not know", func(t *testing.T, dir string, sq *squatter) {
			writeInstanceFile(t, dir, sq.addr, []byte(rand.Text()+rand.Text()), 0o600)
		}, "does not know the data dir's secret"},
		{"an instance file others can read", func(t *testing.T, dir string, sq *squatter) {
			writeInstanceFile(t, dir, sq.addr, leaked, 0o644)
		}, "mode 0600"},
		{"an instance file for another port", func(t *testing.T, dir string, sq *squatter) {
			writeInstanceFile(t, dir, "127.0.0.1:1", leaked, 0o600)
		}, "not on port"},
		{"an instance file naming a non-loopback listener", func(t *testing.T, dir string, sq *squatter) {
			_, port, _ := net.SplitHostPort(sq.addr)
			writeInstanceFile(t, dir, "192.0.2.1:"+port, leaked, 0o600)
		}, "not on loopback"},
		{"an instance file of another user", func(t *testing.T, dir string, sq *squatter) {
			if os.Getuid() != 0 {
				t.Skip("needs root to give the file to another user")
			}
			writeInstanceFile(t, dir, sq.addr, leaked, 0o600)
			require.NoError(t, os.Chown(filepath.Join(dir, instance.FileName), 65534, 65534))
		}, "not by this user"},
		{"a symlink to the real file", func(t *testing.T, dir string, sq *squatter) {
			other := t.TempDir()
			writeInstanceFile(t, other, sq.addr, leaked, 0o600)
			require.NoError(t, os.Symlink(filepath.Join(other, instance.FileName), filepath.Join(dir, instance.FileName)))
		}, "not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // each waits proveWait for a server that may be starting
			sq := newSquatter(t, leaked)
			dir := t.TempDir()
			tc.setup(t, dir, sq)
			// MCP still comes up; a sandbox key is told why it has no sandbox.
			in := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}` + "\n" +
				`{"jsonrpc":"2.0","method":"notifications/initialized"}` + "\n" +
				`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"set_api_key","arguments":{"apiKey":"sk_test_squattedkey0001"}}}` + "\n"
			code, stdout, stderr := runWithInput(t, in, "stdio", "--addr", sq.addr, "--data-dir", dir)
			assert.Equal(t, 0, code, stderr)
			assert.Contains(t, stderr, "is taken by something that is not this user's facesign-mcp for this data dir")
			assert.Contains(t, stderr, "--addr")
			assert.Contains(t, stderr, tc.why)
			assert.Contains(t, stdout, `"id":2`)
			assert.Contains(t, stdout, "is held by something that is not this user's facesign-mcp", "set_api_key says why there is no sandbox")
			for _, r := range sq.requests() {
				assert.True(t, strings.HasPrefix(r, "GET /healthz "), "the squatter got %q", r)
				assert.NotContains(t, r, "sk_test_", "no key ever reaches an unproven server")
			}
		})
	}
}

// runWithInput runs the command in-process with stdin reading in.
func runWithInput(t *testing.T, in string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb syncbuffer.Buffer
	done := make(chan int, 1)
	go func() { done <- run(context.Background(), args, streams{strings.NewReader(in), &out, &errb}) }()
	select {
	case code := <-done:
		return code, out.String(), errb.String()
	case <-time.After(time.Minute):
		t.Fatalf("%v did not finish; stderr: %s", args, errb.String())
		return 0, "", ""
	}
}

// A stdio server whose --addr is held by this user's serve on the same data
// dir uses that server's sandbox: the key it is given is proven there.
func TestStdioUsesItsOwnServeOnTheSameDataDir(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	var serveErr syncbuffer.Buffer
	served := make(chan int, 1)
	go func() {
		served <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dir}, streams{strings.NewReader(""), io.Discard, &serveErr})
	}()
	var addr string
	require.Eventually(t, func() bool {
		if m := listenRE.FindStringSubmatch(serveErr.String()); m != nil {
			addr = m[1]
			return true
		}
		return false
	}, time.Minute, 20*time.Millisecond, serveErr.String())
	fi, err := os.Stat(filepath.Join(dir, instance.FileName))
	require.NoError(t, err, "serve publishes its instance file")
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())

	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var errb syncbuffer.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"stdio", "--addr", addr, "--data-dir", dir}, streams{inR, outW, &errb})
		outW.Close()
	}()
	out := bufio.NewReader(outR)
	send := func(msg string) string {
		t.Helper()
		_, err := io.WriteString(inW, msg+"\n")
		require.NoError(t, err, errb.String())
		line, err := out.ReadString('\n')
		require.NoError(t, err, errb.String())
		return line
	}
	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`)
	_, err = io.WriteString(inW, `{"jsonrpc":"2.0","method":"notifications/initialized"}`+"\n")
	require.NoError(t, err)
	answer := send(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"set_api_key","arguments":{"apiKey":"sk_test_stdioreuse12345678"}}}`)
	assert.NotContains(t, answer, `"isError":true`, answer)
	assert.Contains(t, answer, "http://"+addr+"/sandbox", "the key is proven against serve's sandbox")
	assert.Contains(t, errb.String(), "using its sandbox")

	require.NoError(t, inW.Close())
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, errb.String())
	case <-time.After(time.Minute):
		t.Fatal("stdio did not exit on EOF")
	}
	_, err = os.Stat(filepath.Join(dir, instance.FileName))
	require.NoError(t, err, "stdio leaves serve's instance file alone")

	cancel()
	select {
	case code := <-served:
		assert.Equal(t, 0, code, serveErr.String())
	case <-time.After(time.Minute):
		t.Fatal("serve did not shut down")
	}
	_, err = os.Stat(filepath.Join(dir, instance.FileName))
	assert.True(t, os.IsNotExist(err), "serve removes its instance file on a clean exit")
}

// A server of this data dir that has its port but not yet its instance file
// (it is still opening the sandbox) is proven once the file appears: two
// clients starting their stdio servers together both get the sandbox.
func TestProveRunningWaitsForAStartingServer(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	sq := newSquatter(t, secret) // knows the secret: it stands for the starting server
	dir := t.TempDir()
	f := &serverFlags{addr: sq.addr, dataDir: dir}

	_, err := proveRunning(t.Context(), f, 0)
	require.ErrorIs(t, err, instance.ErrUnproven, "no instance file yet and no wait")

	go func() {
		time.Sleep(300 * time.Millisecond)
		writeInstanceFile(t, dir, sq.addr, secret, 0o600)
	}()
	at, err := proveRunning(t.Context(), f, proveWait)
	require.NoError(t, err)
	assert.Equal(t, sq.addr, at)
}
