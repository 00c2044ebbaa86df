package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/sandbox"
	"github.com/facesign/facesign-mcp/tools"
)

const stdioSummary = `Speaks MCP on stdin/stdout (for clients that start the server themselves) and serves
the embedded sandbox on the HTTP listener (--addr) as serve does. Nothing but MCP is
written to stdout; logs go to stderr. If --addr is taken by another facesign-mcp,
its sandbox is used; if it is taken by something else, MCP still runs and
sk_test_ keys need --sandbox-url. Connect Claude Code with:
  claude mcp add facesign -- facesign-mcp stdio`

// runStdio is `facesign-mcp stdio`.
func runStdio(ctx context.Context, args []string, s streams) int {
	f, code := parseServerFlags("stdio", stdioSummary, args, s, true)
	if f == nil {
		return code
	}
	logger, err := newLogger(s.err, f.logLevel)
	if err != nil {
		fmt.Fprintln(s.err, "stdio:", err)
		return 2
	}
	if _, _, err := net.SplitHostPort(f.addr); err != nil {
		fmt.Fprintf(s.err, "stdio: --addr %q: expected host:port, e.g. 127.0.0.1:7717\n", f.addr)
		return 2
	}
	if !tools.IsLoopbackAddr(f.addr) {
		fmt.Fprintf(s.err, "stdio: --addr %s is not a loopback address; the sandbox listener stays on this machine\n", f.addr)
		return 2
	}

	// The listener is a convenience for the sandbox and the browser pages; MCP
	// itself is on stdio and must come up even when the port is taken.
	var srv *http.Server
	var sb *sandbox.Sandbox
	listenAddr := f.addr
	ln, err := net.Listen("tcp", f.addr)
	if err == nil {
		if berr := checkBound("stdio", f.addr, ln.Addr(), false); berr != nil {
			ln.Close()
			fmt.Fprintln(s.err, berr)
			return 2
		}
	}
	switch {
	case err == nil:
		listenAddr = ln.Addr().String()
		sb, err = openSandbox(ctx, f, logger, listenAddr)
		if err != nil {
			ln.Close()
			logger.Error("sandbox unavailable; sk_test_ keys need --sandbox-url", "err", err)
		} else {
			srv = newHTTPServer(listenerMux(nil, sb, tools.NewTrustedHosts(f.publicURL)), logger)
			go func() {
				if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
					logger.Error("HTTP listener stopped", "err", err)
				}
			}()
		}
	case errors.Is(err, syscall.EADDRINUSE) && isFacesignMCP(ctx, f.addr):
		logger.Info("another facesign-mcp already serves this address; using its sandbox", "addr", f.addr)
	default:
		logger.Warn("HTTP listener unavailable: continuing with MCP on stdio only; sk_test_ keys need --sandbox-url or a free --addr",
			"addr", f.addr, "err", err)
	}

	deps, err := newDeps(f, logger, listenAddr)
	if err != nil {
		fmt.Fprintln(s.err, "stdio:", err)
		shutdown(ctx, logger, srv, nil, sb)
		return 2
	}
	mcpServer := tools.NewServer(deps)
	stdio := server.NewStdioServer(mcpServer)
	stdio.SetErrorLogger(log.New(s.err, "mcp: ", log.LstdFlags))
	logger.Info("facesign-mcp speaking MCP on stdio", "version", version, "sandbox_url", deps.SandboxURL)

	// Answers to requests still being handled when stdin closes are written
	// before the transport sees EOF (it cancels handlers when it does).
	track := newInflight()
	in := newDrainingReader(ctx, s.in, track, stdinDrainTimeout, func(left int) {
		logger.Warn("stdin closed: giving up on unanswered requests", "requests", left, "waited", stdinDrainTimeout)
	})
	err = stdio.Listen(ctx, in, newAnswerWriter(s.out, track))
	code = 0
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, io.EOF) {
		logger.Error("stdio transport stopped", "err", err)
		code = 1
	}
	return max(code, shutdown(ctx, logger, srv, nil, sb))
}

// isFacesignMCP reports whether addr answers /healthz as a facesign-mcp.
func isFacesignMCP(ctx context.Context, addr string) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var body struct {
		Server string `json:"server"`
	}
	return resp.StatusCode == http.StatusOK && json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&body) == nil &&
		body.Server == tools.ServerName
}
