package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/internal/hostguard"
	"github.com/facesign/facesign-mcp/internal/instance"
	"github.com/facesign/facesign-mcp/sandbox"
	"github.com/facesign/facesign-mcp/tools"
)

// runSandbox serves the embedded FaceSign sandbox alone, on the same paths as
// the full server (/sandbox/…, /healthz): for exported apps and CI.
func runSandbox(ctx context.Context, args []string, s streams) int {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(s.err)
	addr := fs.String("addr", defaultAddr, "address to listen on (loopback unless --allow-remote)")
	dataDir := fs.String("data-dir", "", "directory of the sandbox database (default $XDG_DATA_HOME/facesign-mcp)")
	webhook := fs.String("webhook", "", "webhook URL registered for every account")
	webhookSecret := fs.String("webhook-secret", "", "secret that signs --webhook deliveries (or $FACESIGN_WEBHOOK_SECRET)")
	publicURL := fs.String("public-url", "", "URL browsers reach this listener at (default http://<addr>)")
	allowedOrigins := fs.String("allowed-origins", "", "comma-separated origins allowed to embed the hosted page (/verify) besides loopback ones and --public-url (e.g. https://app.example.com)")
	rateLimit := fs.Int("rate-limit", 0, "requests per minute per account; 0 turns the limit off")
	allowRemote := fs.Bool("allow-remote", false, "allow listening on a non-loopback address (the sandbox has no real authentication)")
	logLevel := fs.String("log-level", "info", "log level on stderr: debug, info, warn or error")
	allowPrivateWebhooks := fs.Bool("allow-private-webhooks", false, "let webhooks go to private-network addresses (10/8, 172.16/12, 192.168/16, fc00::/7); loopback is always allowed, link-local and metadata never")
	fs.Usage = func() {
		fmt.Fprintln(s.err, "Usage: facesign-mcp sandbox [flags]")
		fmt.Fprintln(s.err, "\nServes the embedded FaceSign sandbox API at /sandbox (base URL http://<addr>/sandbox), its hosted verification page at /verify, and /healthz.")
		fmt.Fprintln(s.err, "Any sk_test_ key is an account of its own. Data persists in <data-dir>/"+sandbox.DBFile+".\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.err, "sandbox: unexpected argument %q (run facesign-mcp sandbox --help)\n", fs.Arg(0))
		return 2
	}
	log, err := newLogger(s.err, *logLevel)
	if err != nil {
		fmt.Fprintln(s.err, "sandbox:", err)
		return 2
	}

	if err := checkSandboxAddr(*addr, *allowRemote); err != nil {
		fmt.Fprintln(s.err, "sandbox:", err)
		return 2
	}
	dir := *dataDir
	if dir == "" {
		d, err := defaultDataDir()
		if err != nil {
			fmt.Fprintln(s.err, "sandbox:", err)
			return 2
		}
		dir = d
	}
	var hooks []sandbox.WebhookConfig
	if *webhook != "" {
		if err := sandbox.CheckWebhookURL(*webhook, *allowPrivateWebhooks); err != nil {
			fmt.Fprintln(s.err, "sandbox: --webhook:", err)
			return 2
		}
		secret := *webhookSecret
		if secret == "" {
			secret = os.Getenv("FACESIGN_WEBHOOK_SECRET")
		}
		if secret == "" {
			fmt.Fprintln(s.err, "sandbox: --webhook needs --webhook-secret (or $FACESIGN_WEBHOOK_SECRET): your app verifies deliveries with it")
			return 2
		}
		hooks = append(hooks, sandbox.WebhookConfig{URL: *webhook, Secret: secret})
	} else if *webhookSecret != "" {
		fmt.Fprintln(s.err, "sandbox: --webhook-secret without --webhook")
		return 2
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(s.err, "sandbox:", err)
		return 1
	}
	if err := checkSandboxBound(*addr, ln.Addr(), *allowRemote); err != nil {
		ln.Close()
		fmt.Fprintln(s.err, "sandbox:", err)
		return 2
	}
	pub := *publicURL
	if pub == "" {
		pub = "http://" + ln.Addr().String()
	}
	sb, err := sandbox.New(ctx, sandbox.Config{DataDir: dir, PublicURL: pub, RateLimit: *rateLimit, Logger: log, DefaultWebhooks: hooks,
		FrameAncestors: splitOrigins(*allowedOrigins), AllowPrivateWebhooks: *allowPrivateWebhooks})
	if err != nil {
		ln.Close()
		fmt.Fprintln(s.err, err)
		return 1
	}
	inst := instance.New()
	var h http.Handler
	if *allowRemote {
		// Remote clients reach it by a non-loopback Host, so no DNS-rebinding guard.
		mux := http.NewServeMux()
		mux.Handle("/sandbox/", sb.Handler())
		mux.Handle("/verify", sb.PageHandler())
		mux.Handle("/verify/", sb.PageHandler())
		mux.HandleFunc("GET /healthz", instance.Healthz(inst, tools.ServerName, appVersion()))
		h = mux
	} else {
		h = listenerMux(nil, sb, hostguard.NewTrustedHosts(*publicURL), inst)
	}
	srv := newHTTPServer(h, log)
	if err := inst.Publish(dir, ln.Addr().String()); err != nil {
		log.Warn("sandbox: cannot write the instance file; a facesign-mcp stdio on this --addr will not use this sandbox", "err", err)
	}
	defer inst.Remove()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("sandbox: listening", "addr", ln.Addr().String(), "base_url", facesign.RedactURL(pub)+"/sandbox", "data_dir", dir)

	code := 0
	select {
	case <-ctx.Done():
		log.Info("sandbox: shutting down")
	case err := <-errc:
		log.Error("sandbox: server stopped", "err", err)
		code = 1
	}
	return max(code, shutdown(ctx, log, srv, nil, sb))
}

// checkSandboxAddr refuses a non-loopback address unless allowRemote: the
// sandbox takes any sk_test_ key, so exposing it is a deliberate choice.
func checkSandboxAddr(addr string, allowRemote bool) error {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return fmt.Errorf("--addr %q: %v (expected host:port, e.g. 127.0.0.1:7717)", addr, err)
	}
	if allowRemote || hostguard.IsLoopbackAddr(addr) {
		return nil
	}
	return notLoopback(addr, addr)
}

// checkSandboxBound repeats the check on the address the listener is actually
// bound to: a name that looks local (app.localhost) may resolve to a network
// address, so checkSandboxAddr's look at the spelling is only the early refusal.
func checkSandboxBound(addr string, bound net.Addr, allowRemote bool) error {
	if allowRemote || boundToLoopback(bound) {
		return nil
	}
	return notLoopback(addr, bound.String())
}

func notLoopback(addr, where string) error {
	return fmt.Errorf("--addr %q (%s) is not a loopback address; the sandbox accepts any sk_test_ key, so pass --allow-remote to expose it on purpose", addr, where)
}
