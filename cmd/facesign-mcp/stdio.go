package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/internal/hostguard"
	"github.com/facesign/facesign-mcp/internal/instance"
	"github.com/facesign/facesign-mcp/internal/stdiodrain"
	"github.com/facesign/facesign-mcp/sandbox"
	"github.com/facesign/facesign-mcp/tools"
)

const stdioSummary = `Speaks MCP on stdin/stdout (for clients that start the server themselves) and serves
the embedded sandbox on the HTTP listener (--addr) as serve does. Nothing but MCP is
written to stdout; logs go to stderr. If --addr is taken by your own facesign-mcp
serving the same --data-dir (proven by a secret in <data-dir>/instance.json), its
sandbox is used; if it is taken by anything else, stdio still speaks MCP but sends
nothing there: sk_test_ keys then need --sandbox-url, or a free --addr. Connect Claude Code with:
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
	if !hostguard.IsLoopbackAddr(f.addr) {
		fmt.Fprintf(s.err, "stdio: --addr %s is not a loopback address; the sandbox listener stays on this machine\n", f.addr)
		return 2
	}

	// The listener is a convenience for the sandbox and the browser pages; MCP
	// itself is on stdio and must come up even when the port is taken.
	var srv *http.Server
	var sb *sandbox.Sandbox
	var inst *instance.Instance
	sandboxAddr, noSandbox := "", ""
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
		listenAddr := ln.Addr().String()
		sb, err = openSandbox(ctx, f, logger, listenAddr)
		if err != nil {
			ln.Close()
			logger.Error("sandbox unavailable; sk_test_ keys need --sandbox-url", "err", err)
			noSandbox = "the embedded sandbox could not be opened (" + err.Error() + ")"
			break
		}
		inst = instance.New()
		srv = newHTTPServer(listenerMux(nil, sb, hostguard.NewTrustedHosts(f.publicURL), inst), logger)
		publishInstance(inst, f, listenAddr, logger)
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				logger.Error("HTTP listener stopped", "err", err)
			}
		}()
		sandboxAddr = listenAddr
	case errors.Is(err, syscall.EADDRINUSE):
		// Reuse only a server proven to be this user's for this data dir:
		// whatever holds the port receives every sk_test_ key set here.
		at, perr := proveRunning(ctx, f, proveWait)
		if perr == nil {
			logger.Info("this data dir's facesign-mcp already serves this address; using its sandbox", "addr", at)
			sandboxAddr = at
			break
		}
		// Nothing goes to the port's holder. MCP still comes up: production
		// keys work, and sk_test_ keys use --sandbox-url or are told why not.
		logger.Warn("--addr is taken by something that is not this user's facesign-mcp for this data dir; "+
			"sk_test_ keys need --sandbox-url, or pass --addr with another port (e.g. --addr 127.0.0.1:0)", "addr", f.addr, "why", perr)
		noSandbox = "--addr " + f.addr + " is held by something that is not this user's facesign-mcp (" + perr.Error() + "); restart stdio with another --addr"
	default:
		logger.Warn("HTTP listener unavailable: continuing with MCP on stdio only; sk_test_ keys need --sandbox-url or a free --addr",
			"addr", f.addr, "err", err)
		noSandbox = "the HTTP listener on " + f.addr + " could not be opened (" + err.Error() + ")"
	}

	deps, err := newDeps(f, logger, sandboxAddr)
	if err != nil {
		fmt.Fprintln(s.err, "stdio:", err)
		inst.Remove()
		shutdown(ctx, logger, srv, nil, sb)
		return 2
	}
	if sandboxAddr == "" && f.sandboxURL == "" {
		deps.NoSandbox = cmp.Or(noSandbox, "no sandbox listener")
	}
	if sb != nil {
		if err := inProcessSandbox(deps, sb, sandboxAddr); err != nil {
			fmt.Fprintln(s.err, "stdio:", err)
			inst.Remove()
			shutdown(ctx, logger, srv, nil, sb)
			return 1
		}
	}
	defer inst.Remove()
	mcpServer := tools.NewServer(deps)
	stdio := server.NewStdioServer(mcpServer)
	stdio.SetErrorLogger(log.New(s.err, "mcp: ", log.LstdFlags))
	logger.Info("facesign-mcp speaking MCP on stdio", "version", appVersion(), "sandbox_url", deps.SandboxURL)

	// Answers to requests still being handled when stdin closes are written
	// before the transport sees EOF (it cancels handlers when it does).
	track := stdiodrain.NewInflight()
	out := stdiodrain.NewWriter(s.out, track)
	// Bad prompt arguments are answered here, with -32602, before mcp-go
	// (which would say -32603) sees them.
	in := stdiodrain.NewReader(ctx, stdiodrain.NewAnswerFilter(s.in, out, tools.PromptParamsError), track, stdiodrain.DefaultTimeout, func(left int) {
		logger.Warn("stdin closed: giving up on unanswered requests", "requests", left, "waited", stdiodrain.DefaultTimeout)
	})
	err = stdio.Listen(ctx, in, out)
	code = 0
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, io.EOF) {
		logger.Error("stdio transport stopped", "err", err)
		code = 1
	}
	return max(code, shutdown(ctx, logger, srv, nil, sb))
}

// proveRunning proves the server on the taken --addr (instance.Prove) for
// the data dir of f.
func proveRunning(ctx context.Context, f *serverFlags, wait time.Duration) (string, error) {
	dir, err := dataDirOf(f)
	if err != nil {
		return "", err
	}
	// A server of this data dir that is starting has its port before its
	// instance file (two clients starting their stdio servers together):
	// retry for a while before calling the holder a stranger.
	deadline := time.Now().Add(wait)
	backoff := 50 * time.Millisecond
	for {
		at, err := instance.Prove(ctx, tools.ServerName, dir, f.addr)
		if err == nil || time.Now().Add(backoff).After(deadline) {
			return at, err
		}
		select {
		case <-ctx.Done():
			return "", err
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 500*time.Millisecond)
	}
}

// proveWait is how long stdio keeps trying to prove the holder of its port.
const proveWait = 5 * time.Second
