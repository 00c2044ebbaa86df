package main

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startTimeoutServer serves h with short timeouts on loopback.
func startTimeoutServer(t *testing.T, h http.Handler, to httpTimeouts) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := newHTTPServerTimeouts(h, slog.New(slog.NewTextHandler(io.Discard, nil)), to)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// cutOffWithin reports whether the server closes conn within d (reading what
// it sends, if anything).
func cutOffWithin(t *testing.T, conn net.Conn, d time.Duration) bool {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(d)))
	_, err := io.ReadAll(conn)
	return err == nil // EOF: the server hung up; a timeout error: it did not
}

func TestDefaultHTTPTimeouts(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	assert.Equal(t, 10*time.Second, srv.ReadHeaderTimeout)
	assert.Equal(t, 30*time.Second, srv.ReadTimeout)
	assert.Equal(t, 2*time.Minute, srv.IdleTimeout)
	assert.Zero(t, srv.WriteTimeout, "streams and long tool calls answer for minutes")
}

func TestSlowClientsAreCutOff(t *testing.T) {
	to := httpTimeouts{readHeader: 200 * time.Millisecond, read: 400 * time.Millisecond, idle: time.Second}
	addr := startTimeoutServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		fmt.Fprintln(w, "ok")
	}), to)

	t.Run("slowloris headers", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
		require.NoError(t, err)
		assert.True(t, cutOffWithin(t, conn, 5*time.Second), "the server must hang up on headers that never end")
	})
	t.Run("slow body", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = io.WriteString(conn, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"a\":")
		require.NoError(t, err)
		assert.True(t, cutOffWithin(t, conn, 5*time.Second), "the server must hang up on a body that never ends")
	})
}

// ReadTimeout limits sending the request, never the answer: a stream (GET
// without a body) and a long answer to a POST outlive it.
func TestLongAnswersOutliveTheReadTimeout(t *testing.T) {
	to := httpTimeouts{readHeader: 100 * time.Millisecond, read: 150 * time.Millisecond, idle: time.Second}
	addr := startTimeoutServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			b, _ := io.ReadAll(r.Body)
			fmt.Fprintf(w, "got %s\n", b)
		}
		fmt.Fprintln(w, "first")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			fmt.Fprintln(w, "canceled")
		case <-time.After(4 * to.read):
			fmt.Fprintln(w, "alive")
		}
	}), to)
	for _, tc := range []struct{ name, req string }{
		{"GET stream", "GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"},
		{"POST with a body", "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}"},
		{"chunked POST", "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer conn.Close()
			_, err = io.WriteString(conn, tc.req)
			require.NoError(t, err)
			require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.True(t, strings.HasSuffix(string(body), "first\nalive\n"), "body %q", body)
		})
	}
}
