package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/facesign/facesign-mcp/internal/hostguard"
	"github.com/facesign/facesign-mcp/internal/inproc"
	"github.com/facesign/facesign-mcp/internal/instance"
	"github.com/facesign/facesign-mcp/preview"
	"github.com/facesign/facesign-mcp/sandbox"
	"github.com/facesign/facesign-mcp/tools"
)

// serverFlags are the flags serve and stdio share.
type serverFlags struct {
	addr           string
	authToken      string
	allowedOrigins string
	sandboxURL     string
	publicURL      string
	serverURL      string
	dataDir        string
	logLevel       string
	idleTimeout    time.Duration
	noBrowser      bool
	exportRoot     string
	// allowPrivateAPI lets set_api_key's serverUrl reach loopback and
	// private addresses; allowPrivateWebhooks lets the embedded sandbox
	// deliver webhooks to private (LAN) addresses.
	allowPrivateAPI      bool
	allowPrivateWebhooks bool
}

func addServerFlags(fs *flag.FlagSet, stdio bool) *serverFlags {
	f := &serverFlags{}
	addrHelp := "HTTP listen address (host:port); beyond loopback only with --auth-token, and /sandbox still answers this machine only"
	if stdio {
		addrHelp = "HTTP listen address (host:port) of the sandbox and /healthz; loopback only"
	}
	fs.StringVar(&f.addr, "addr", defaultAddr, addrHelp)
	if !stdio {
		fs.StringVar(&f.authToken, "auth-token", "", "require the header \"Authorization: Bearer `token`\" on /mcp (default $FACESIGN_MCP_AUTH_TOKEN); the bearer is then never taken for a FaceSign key")
		fs.StringVar(&f.allowedOrigins, "allowed-origins", "", "comma-separated browser origins allowed on /mcp besides loopback ones (e.g. https://app.example.com)")
		fs.DurationVar(&f.idleTimeout, "idle-timeout", tools.DefaultIdleTimeout, "drop an MCP session (its key and current flow) after this long unused")
	}
	fs.StringVar(&f.sandboxURL, "sandbox-url", "", "FaceSign base URL for sk_test_ keys (default: the embedded sandbox, http://ADDR/sandbox)")
	fs.StringVar(&f.publicURL, "public-url", "", "URL browsers reach this listener at, the base of the sandbox's clientSecret.url (default http://ADDR, or http://127.0.0.1:PORT when ADDR is every address)")
	fs.StringVar(&f.serverURL, "server-url", "", "FaceSign base URL for production keys (default "+tools.DefaultProductionURL+")")
	fs.StringVar(&f.dataDir, "data-dir", "", "sandbox data directory (default $XDG_DATA_HOME/facesign-mcp or ~/.local/share/facesign-mcp)")
	fs.StringVar(&f.logLevel, "log-level", "info", "log level on stderr: debug, info, warn or error")
	fs.BoolVar(&f.noBrowser, "no-browser", false, "never open launch_session_ui's page in a browser (it is never opened under CI or without a display)")
	fs.StringVar(&f.exportRoot, "export-root", "", "export_app writes only under this `directory` (relative outputDirs start there); required for export_app when serving beyond loopback")
	fs.BoolVar(&f.allowPrivateAPI, "allow-private-api", false, "let set_api_key's serverUrl name loopback and private-network addresses (a FaceSign stand-in on this machine or the LAN); link-local and cloud-metadata addresses stay refused")
	fs.BoolVar(&f.allowPrivateWebhooks, "allow-private-webhooks", false, "let the sandbox deliver webhooks to private-network addresses (10/8, 172.16/12, 192.168/16, fc00::/7); loopback is always allowed, link-local and metadata never")
	return f
}

func parseServerFlags(name, summary string, args []string, s streams, stdio bool) (*serverFlags, int) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(s.err)
	f := addServerFlags(fs, stdio)
	fs.Usage = func() {
		fmt.Fprintf(s.err, "Usage: facesign-mcp %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
		fmt.Fprintln(s.err, "\nEnvironment: FACESIGN_API_KEY is the key of last resort for every MCP session "+
			"(after set_api_key and, over HTTP, an `Authorization: Bearer sk_…` header).")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, 0
		}
		return nil, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.err, "%s: unexpected argument %q (run facesign-mcp %s --help)\n", name, fs.Arg(0), name)
		return nil, 2
	}
	if f.publicURL != "" {
		u, err := tools.NormalizeServerURL(f.publicURL)
		if err != nil {
			fmt.Fprintf(s.err, "%s: --public-url: %v\n", name, err)
			return nil, 2
		}
		f.publicURL = u
	}
	if f.authToken == "" && !stdio {
		f.authToken = os.Getenv("FACESIGN_MCP_AUTH_TOKEN")
	}
	if f.authToken != "" {
		if err := checkAuthToken(f.authToken); err != nil {
			fmt.Fprintf(s.err, "%s: --auth-token (or $FACESIGN_MCP_AUTH_TOKEN): %v\n", name, err)
			return nil, 2
		}
	}
	return f, -1
}

// minAuthTokenLen is the shortest --auth-token accepted. The token is all
// that stands between the network and every FaceSign key the server holds,
// and /mcp answers as fast as it is asked: 32 random characters (openssl
// rand -hex 16 gives 32) cannot be guessed by trying; a word can.
const minAuthTokenLen = 32

// checkAuthToken refuses a token that is short, or carries spaces or control
// characters (a header value cannot carry them intact, so no client could
// send it). The message never quotes the token.
func checkAuthToken(tok string) error {
	for _, r := range tok {
		if r <= ' ' || r == 0x7f {
			return errors.New("the token contains a space or control character; use letters, digits and punctuation only (e.g. the output of `openssl rand -hex 32`)")
		}
	}
	if n := len([]rune(tok)); n < minAuthTokenLen {
		return fmt.Errorf("the token is %d characters; it must be at least %d, because it alone guards /mcp and every FaceSign key behind it, "+
			"and a short token can be guessed by trying (generate one with `openssl rand -hex 32`)", n, minAuthTokenLen)
	}
	return nil
}

func newLogger(w interface{ Write([]byte) (int, error) }, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: expected debug, info, warn or error", level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// selfAddr is the address this process reaches its own listener at: the
// listen address itself, or 127.0.0.1 with its port when the listener is on
// every address (0.0.0.0, ::, empty host), which is no address to dial: Go
// writes it "[::]:P", and a request to that Host is refused by the server's
// own DNS-rebinding check. A wildcard listener in Go is dual-stack, so
// 127.0.0.1 reaches it.
func selfAddr(listenAddr string) string {
	host, port, err := net.SplitHostPort(listenAddr)
	if err != nil {
		return listenAddr
	}
	if ip, err := netip.ParseAddr(host); host == "" || (err == nil && ip.IsUnspecified()) {
		return net.JoinHostPort("127.0.0.1", port)
	}
	return listenAddr
}

// newDeps builds the tools' dependencies from the flags; sandboxAddr is the
// address of the listener that serves the sandbox ("" when there is none:
// the caller then sets NoSandbox unless --sandbox-url names one).
func newDeps(f *serverFlags, log *slog.Logger, sandboxAddr string) (*tools.Deps, error) {
	d := &tools.Deps{
		Logger:          log,
		Version:         appVersion(),
		ProductionURL:   tools.DefaultProductionURL,
		EnvKey:          strings.TrimSpace(os.Getenv("FACESIGN_API_KEY")),
		AllowPrivateAPI: f.allowPrivateAPI,
	}
	if sandboxAddr != "" {
		d.SandboxURL = "http://" + selfAddr(sandboxAddr) + "/sandbox"
	}
	if f.sandboxURL != "" {
		u, err := tools.NormalizeServerURL(f.sandboxURL)
		if err != nil {
			return nil, fmt.Errorf("--sandbox-url: %w", err)
		}
		d.SandboxURL = u
	}
	if f.serverURL != "" {
		u, err := tools.NormalizeServerURL(f.serverURL)
		if err != nil {
			return nil, fmt.Errorf("--server-url: %w", err)
		}
		d.ProductionURL = u
	}
	d.Sessions = tools.NewSessionStore(tools.SessionStoreOptions{IdleTimeout: f.idleTimeout})
	// A client beyond loopback must not choose where this machine writes.
	d.ExportNeedsRoot = !hostguard.IsLoopbackAddr(f.addr)
	if f.exportRoot != "" {
		root, err := filepath.Abs(f.exportRoot)
		if err != nil {
			return nil, fmt.Errorf("--export-root: %w", err)
		}
		if info, err := os.Stat(root); err != nil || !info.IsDir() {
			return nil, fmt.Errorf("--export-root %s: not an existing directory", root)
		}
		d.ExportRoot = root
	}
	return d, nil
}

// newPreviews makes the preview server for a listener at listenAddr and
// hands it to the tools, with the URL browsers reach it at and, on a
// desktop, a way to open it.
func newPreviews(d *tools.Deps, f *serverFlags, log *slog.Logger, listenAddr string) *preview.Server {
	pv := preview.New(preview.Config{Logger: log})
	d.Previews = pv
	d.PreviewBaseURL = f.publicURL
	if d.PreviewBaseURL == "" {
		d.PreviewBaseURL = "http://" + selfAddr(listenAddr)
	}
	d.OpenBrowser = browserOpener(f.noBrowser, os.Getenv)
	return pv
}

// inProcessSandbox makes the tools reach the embedded sandbox sb, served on
// listenAddr, through its handler in this process instead of over loopback
// TCP: requests keep their HTTP semantics (auth, status codes, errors), and
// skip the socket and the wire encoding both ways. Everything else (FaceSign
// production, a --sandbox-url elsewhere) goes out as before, and browsers and
// other clients still reach the sandbox on the listener.
func inProcessSandbox(d *tools.Deps, sb *sandbox.Sandbox, listenAddr string) error {
	base := "http://" + selfAddr(listenAddr) + "/sandbox"
	if sb == nil || d.SandboxURL != base {
		return nil
	}
	hc := d.HTTPClient
	if hc == nil {
		hc = tools.NewHTTPClient()
	}
	rt, err := inproc.Route(base, &inproc.Transport{Handler: sb.Handler()}, cmp.Or[http.RoundTripper](hc.Transport, http.DefaultTransport))
	if err != nil {
		return err
	}
	c := *hc
	c.Transport = rt
	d.HTTPClient = &c
	return nil
}

// dataDirOf is --data-dir, or the default data dir.
func dataDirOf(f *serverFlags) (string, error) {
	if f.dataDir != "" {
		return f.dataDir, nil
	}
	return defaultDataDir()
}

// openSandbox opens the embedded sandbox for a listener at listenAddr.
func openSandbox(ctx context.Context, f *serverFlags, log *slog.Logger, listenAddr string) (*sandbox.Sandbox, error) {
	dir, err := dataDirOf(f)
	if err != nil {
		return nil, err
	}
	public := f.publicURL
	if public == "" {
		public = "http://" + selfAddr(listenAddr)
		if selfAddr(listenAddr) != listenAddr {
			log.Info("sandbox verification links point at this machine; set --public-url for browsers elsewhere", "public_url", public)
		}
	}
	sb, err := sandbox.New(ctx, sandbox.Config{DataDir: dir, PublicURL: public, Logger: log, FrameAncestors: splitOrigins(f.allowedOrigins),
		AllowPrivateWebhooks: f.allowPrivateWebhooks})
	if err != nil {
		return nil, fmt.Errorf("opening the sandbox in %s: %w", dir, err)
	}
	log.Info("sandbox ready", "base_url", "http://"+selfAddr(listenAddr)+"/sandbox", "public_url", public, "data_dir", dir)
	return sb, nil
}

// splitOrigins reads a comma-separated --allowed-origins.
func splitOrigins(list string) []string {
	var origins []string
	for _, o := range strings.Split(list, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	return origins
}

// checkBound is the check that counts, made on the address the listener is
// actually bound to: a host name that looks local (app.localhost, or one
// /etc/hosts points elsewhere) may resolve to a network address, so the
// earlier check on --addr's spelling is only an early, friendlier refusal.
// Beyond loopback, serve needs an auth token; stdio (authToken never set)
// refuses outright.
func checkBound(cmd, addr string, bound net.Addr, hasAuthToken bool) error {
	if boundToLoopback(bound) || hasAuthToken {
		return nil
	}
	return fmt.Errorf("%s: refusing to serve: --addr %s is bound to %s, which is not a loopback address, and there is no --auth-token. "+
		"Use 127.0.0.1:7717, or set --auth-token (serve only)", cmd, addr, bound)
}

// boundToLoopback reports whether a listener's actual address is a loopback IP.
func boundToLoopback(bound net.Addr) bool {
	ap, err := netip.ParseAddrPort(bound.String())
	return err == nil && ap.Addr().Unmap().IsLoopback()
}

// listenerMux serves the sandbox, /healthz and, when given, /mcp, behind the
// DNS-rebinding Host check (trusted: the hosts of --public-url and
// --allowed-origins, which a request may name besides loopback and the
// address it arrived on). The sandbox answers only this machine: on a
// loopback listener that is every peer; on one beyond loopback (serve with
// --auth-token) /mcp is for the network, its sandbox API is not. The hosted
// verification page (/verify) carries its own authorisation (the client
// secret, or a signed media URL), so it answers every peer the Host check
// lets through: the browser that opens clientSecret.url may be elsewhere.
func listenerMux(mcpHandler http.Handler, sb *sandbox.Sandbox, pv *preview.Server, trusted hostguard.TrustedHosts, in *instance.Instance) http.Handler {
	mux := http.NewServeMux()
	if mcpHandler != nil {
		mux.Handle("/mcp", mcpHandler)
	}
	if pv != nil {
		// The pages answer browsers; their POSTs check Origin and a page token.
		mux.Handle("/preview/", pv.Handler())
	}
	if sb != nil {
		mux.Handle("/sandbox/", hostguard.LocalPeersOnly(sb.Handler()))
		mux.Handle("/verify", sb.PageHandler())
		mux.Handle("/verify/", sb.PageHandler())
	}
	mux.HandleFunc("GET /healthz", instance.Healthz(in, tools.ServerName, appVersion()))
	return hostguard.Guard(mux, trusted)
}

// httpTimeouts bound how long a client may take to send a request. There is
// no write timeout: MCP's GET streams and long tool calls answer for minutes.
// ReadTimeout does not cut those short: net/http lifts the read deadline once
// the request (body included) has been read, before it starts watching the
// connection for the client going away (TestLongAnswersOutliveTheReadTimeout).
type httpTimeouts struct {
	readHeader time.Duration // the request line and headers (slowloris)
	read       time.Duration // headers and body together, not the answer
	idle       time.Duration // a kept-alive connection between requests
}

var defaultHTTPTimeouts = httpTimeouts{readHeader: 10 * time.Second, read: 30 * time.Second, idle: 2 * time.Minute}

func newHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return newHTTPServerTimeouts(h, log, defaultHTTPTimeouts)
}

func newHTTPServerTimeouts(h http.Handler, log *slog.Logger, t httpTimeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		IdleTimeout:       t.idle,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

const serveSummary = `Runs the FaceSign MCP server on one HTTP listener: MCP (Streamable HTTP) at /mcp,
the embedded FaceSign sandbox at /sandbox, and /healthz. This is the default command.
Beyond loopback (--addr 0.0.0.0:7717, with --auth-token) only /mcp and /healthz
answer the network: /sandbox answers this machine alone (the tools reach it over
loopback); use facesign-mcp sandbox --allow-remote to share a sandbox.
Connect Claude Code with: claude mcp add --transport http facesign http://127.0.0.1:7717/mcp`

// runServe is `facesign-mcp` / `facesign-mcp serve`.
func runServe(ctx context.Context, args []string, s streams) int {
	f, code := parseServerFlags("serve", serveSummary, args, s, false)
	if f == nil {
		return code
	}
	log, err := newLogger(s.err, f.logLevel)
	if err != nil {
		fmt.Fprintln(s.err, "serve:", err)
		return 2
	}
	if _, _, err := net.SplitHostPort(f.addr); err != nil {
		fmt.Fprintf(s.err, "serve: --addr %q: expected host:port, e.g. 127.0.0.1:7717\n", f.addr)
		return 2
	}
	if !hostguard.IsLoopbackAddr(f.addr) && f.authToken == "" {
		fmt.Fprintf(s.err, "serve: refusing to listen on %s without --auth-token: anyone who can reach it could use your FaceSign keys. "+
			"Use a loopback address (127.0.0.1:7717) or set --auth-token.\n", f.addr)
		return 2
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		fmt.Fprintf(s.err, "serve: cannot listen on %s: %v (is another facesign-mcp running? try --addr 127.0.0.1:0)\n", f.addr, err)
		return 1
	}
	if err := checkBound("serve", f.addr, ln.Addr(), f.authToken != ""); err != nil {
		ln.Close()
		fmt.Fprintln(s.err, err)
		return 2
	}
	listenAddr := ln.Addr().String()
	deps, err := newDeps(f, log, listenAddr)
	if err != nil {
		ln.Close()
		fmt.Fprintln(s.err, "serve:", err)
		return 2
	}
	// The origins are checked (by the MCP handler) before the sandbox, which
	// also lets them frame its hosted page, opens.
	pv := newPreviews(deps, f, log, listenAddr)
	mcpServer := tools.NewServer(deps)
	origins := splitOrigins(f.allowedOrigins)
	mcpHandler, err := tools.NewHTTPHandler(mcpServer, deps, tools.HTTPOptions{AuthToken: f.authToken, AllowedOrigins: origins, PublicURL: f.publicURL})
	if err != nil {
		ln.Close()
		fmt.Fprintln(s.err, "serve: --allowed-origins:", err)
		return 2
	}
	sb, err := openSandbox(ctx, f, log, listenAddr)
	if err != nil {
		ln.Close()
		fmt.Fprintln(s.err, "serve:", err)
		return 1
	}
	// The tools build their FaceSign clients on their first calls, after this.
	if err := inProcessSandbox(deps, sb, listenAddr); err != nil {
		ln.Close()
		_ = sb.Close()
		fmt.Fprintln(s.err, "serve:", err)
		return 1
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go deps.Sessions.Run(runCtx, 0)
	go mcpHandler.Run(runCtx, 0)

	trusted := hostguard.NewTrustedHosts(append([]string{f.publicURL}, origins...)...)
	inst := instance.New()
	srv := newHTTPServer(listenerMux(mcpHandler, sb, pv, trusted, inst), log)
	publishInstance(inst, f, listenAddr, log)
	defer inst.Remove()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// On every address (0.0.0.0, [::]) the MCP URL to give a local client is
	// the loopback one: http://[::]:7717 cannot be connected to.
	log.Info("facesign-mcp listening", "addr", listenAddr, "mcp", "http://"+selfAddr(listenAddr)+"/mcp", "version", appVersion(),
		"auth_token", f.authToken != "", "sandbox_url", deps.SandboxURL)

	code = 0
	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case err := <-errc:
		log.Error("HTTP server stopped", "err", err)
		code = 1
	}
	code = max(code, shutdown(ctx, log, srv, mcpHandler, sb))
	return code
}

// shutdown ends MCP streams first (so Shutdown is not held by listening
// clients), then the listener, then the sandbox store.
func shutdown(ctx context.Context, log *slog.Logger, srv *http.Server, h *tools.MCPHandler, sb *sandbox.Sandbox) int {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	code := 0
	if h != nil {
		if err := h.Shutdown(sctx); err != nil {
			log.Warn("closing MCP sessions", "err", err)
		}
	}
	if srv != nil {
		if err := srv.Shutdown(sctx); err != nil {
			log.Error("HTTP shutdown", "err", err)
			code = 1
		}
	}
	if sb != nil {
		if err := sb.Close(); err != nil {
			log.Error("closing the sandbox", "err", err)
			code = 1
		}
	}
	return code
}

// defaultDataDir is $XDG_DATA_HOME/facesign-mcp, or ~/.local/share/facesign-mcp.
func defaultDataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "facesign-mcp"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no data directory: pass --data-dir or set $XDG_DATA_HOME (%v)", err)
	}
	return filepath.Join(home, ".local", "share", "facesign-mcp"), nil
}

// publishInstance publishes in for the data dir of f and logs, rather than
// fails, when it cannot: the server works; a stdio server that finds the port
// taken will then refuse to use it.
func publishInstance(in *instance.Instance, f *serverFlags, listenAddr string, log *slog.Logger) {
	dir, err := dataDirOf(f)
	if err == nil {
		err = in.Publish(dir, listenAddr)
	}
	if err != nil {
		log.Warn("cannot write the instance file; a facesign-mcp stdio on this --addr will not use this server", "err", err)
	}
}
