// Package browsertest starts a real headless Chromium for tests of the pages
// this project serves: the hosted verification page, the preview and the
// exported app. It finds the browser, gives it a fake camera and microphone,
// and hands back a chromedp context whose browser ends with the test.
//
// Without a browser the test is skipped with a message that says how to run
// it; with FACESIGN_REQUIRE_BROWSER=1 (CI sets it) a missing browser fails the
// test instead, so a CI machine that lost its Chromium cannot pass silently.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// RequireEnv names the variable that turns a missing browser into a failure.
const RequireEnv = "FACESIGN_REQUIRE_BROWSER"

// PathEnv names the variable that points at a Chromium binary to use.
const PathEnv = "FACESIGN_CHROMIUM"

// candidates are where Debian, Ubuntu and common installs put Chromium.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Find returns the Chromium binary to use, or "" when there is none.
func Find() string {
	if p := os.Getenv(PathEnv); p != "" {
		return p
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Options adjusts the browser a test starts.
type Options struct {
	// FakeVideo is a .y4m file the fake camera plays instead of its test
	// pattern, so a test knows the pixels it captures.
	FakeVideo string
	// DenyMedia makes every camera and microphone request fail with
	// NotAllowedError, as when the user says no.
	DenyMedia bool
	// Lang sets the browser's language (navigator.language).
	Lang string
}

// Skip skips t (or fails it, under FACESIGN_REQUIRE_BROWSER=1) when no
// Chromium is found, and returns the binary's path otherwise.
func Skip(t testing.TB) string {
	t.Helper()
	p := Find()
	if p != "" {
		return p
	}
	msg := "no Chromium found: install it (Debian: apt-get install chromium) or set " + PathEnv +
		" to run the browser tests"
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s (%s=1 requires the browser)", msg, RequireEnv)
	}
	t.Skip(msg)
	return ""
}

// New starts headless Chromium for t and returns a context for chromedp.Run
// on its first tab. The browser and its profile directory go away when the
// test ends. Derive per-step timeouts from the returned context; never give
// the first Run a deadline shorter than the browser's start-up.
func New(t testing.TB, o Options) context.Context {
	t.Helper()
	bin := Skip(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.WindowSize(1280, 900),
	)
	if !o.DenyMedia {
		opts = append(opts, chromedp.Flag("use-fake-ui-for-media-stream", true))
	} else {
		// With the fake UI absent, headless Chromium denies every request.
		opts = append(opts, chromedp.Flag("deny-permission-prompts", true))
	}
	if o.FakeVideo != "" {
		opts = append(opts, chromedp.Flag("use-file-for-fake-video-capture", o.FakeVideo))
	}
	if o.Lang != "" {
		opts = append(opts, chromedp.Flag("lang", o.Lang))
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium %s: %v", bin, err)
	}
	return ctx
}

// Frame finds the iframe that iframeSel selects in the page of ctx and waits,
// until timeout, for its document to show readySel: an iframe that navigated
// is a new node with a new document, so tests call it again after each
// navigation. Drive the frame's content with chromedp.FromNode(node); it
// works for a frame of the same site (BROWSER.md).
func Frame(t testing.TB, ctx context.Context, iframeSel, readySel string, timeout time.Duration) *chromedp.Node {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		qctx, cancel := context.WithTimeout(ctx, timeout)
		nodes, err := chromedp.Run(qctx, chromedp.Nodes(chromedp.CSS(iframeSel)))
		cancel()
		require.NoError(t, err)
		node := nodes[0]
		if node.ContentDocument != nil {
			wctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			err := chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS(readySel), chromedp.FromNode(node)))
			cancel()
			if err == nil {
				return node
			}
		}
		require.True(t, time.Now().Before(deadline), "the page in %s did not show %s", iframeSel, readySel)
		time.Sleep(100 * time.Millisecond)
	}
}
