package hosted_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/facesign/facesign-mcp/internal/browsertest"
	"github.com/stretchr/testify/require"
)

// stepTimeout bounds one wait in the browser; the machine is small and shared.
const stepTimeout = 20 * time.Second

// frame drives the hosted page inside the embedding page's iframe, through
// the page's own controls. Both pages are on 127.0.0.1 (another port: another
// origin of the same site), so the iframe is in the tab's process and
// FromNode reaches into it.
type frame struct {
	t    testing.TB
	ctx  context.Context // the tab
	node *chromedp.Node  // the iframe element
}

// openFramed opens the embedding page for src in a new tab of browser and
// waits until the hosted page inside has loaded its scripts.
func (e *env) openFramed(browser context.Context, src string) *frame {
	e.t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	e.t.Cleanup(cancel)
	// The tab's first Do creates it, tied to the context it is given: that
	// one must have no deadline, or the tab closes when the deadline's
	// context is canceled.
	require.NoError(e.t, chromedp.Do(tab))
	f := &frame{t: e.t, ctx: tab}
	f.do(chromedp.Navigate(e.parentURL(src)))
	f.attach()
	return f
}

// attach finds the iframe (again, after it navigated) and waits for the page.
func (f *frame) attach() {
	f.t.Helper()
	f.node = browsertest.Frame(f.t, f.ctx, "iframe#fs", "body[data-ready], main[data-error-code]", stepTimeout)
}

func (f *frame) do(actions ...chromedp.Action[chromedp.Void]) {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, stepTimeout)
	defer cancel()
	require.NoError(f.t, chromedp.Do(ctx, actions...))
}

func (f *frame) in() chromedp.QueryOption { return chromedp.FromNode(f.node) }

// wait waits until the page shows screen at node ("" = any node).
func (f *frame) wait(node, screen string) {
	f.t.Helper()
	sel := fmt.Sprintf("body[data-screen=%q]", screen)
	if node != "" {
		sel = fmt.Sprintf("body[data-node=%q][data-screen=%q]", node, screen)
	}
	ctx, cancel := context.WithTimeout(f.ctx, stepTimeout)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(sel), f.in()))
	if err != nil {
		attrs, _ := chromedp.Run(f.ctx, chromedp.Attributes(chromedp.CSS("body"), f.in()))
		text, _ := chromedp.Run(f.ctx, chromedp.Text(chromedp.CSS("#caption"), f.in()))
		f.t.Fatalf("waiting for %s: %v (the page is at %v, caption %q)", sel, err, attrs, text)
	}
}

// click clicks a control once it is enabled (the page disables one while
// it is busy, for instance until the camera shows a picture).
func (f *frame) click(sel string) {
	f.t.Helper()
	f.do(chromedp.WaitEnabled(chromedp.CSS(sel), f.in()), chromedp.Click(chromedp.CSS(sel), f.in()))
}

// typeIn types text into a field the way a user does, key by key.
func (f *frame) typeIn(sel, text string) {
	f.t.Helper()
	f.do(chromedp.SendKeys(chromedp.CSS(sel), text, f.in()))
}

func (f *frame) text(sel string) string {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), f.in()))
	require.NoError(f.t, err)
	return s
}

// openControls expands the Sandbox controls panel.
func (f *frame) openControls() {
	f.t.Helper()
	f.click("#controls > summary")
	f.do(chromedp.WaitReady(chromedp.CSS("#controls[open]"), f.in()))
}

// choose sets a control (a select or input of the Sandbox controls).
func (f *frame) choose(sel, value string) {
	f.t.Helper()
	f.do(chromedp.SetValue(chromedp.CSS(sel), value, f.in()))
}

// otp reads the newest code from the outbox the page shows.
func (f *frame) otp() string {
	f.t.Helper()
	f.do(chromedp.WaitVisible(chromedp.CSS("#outbox .otp"), f.in()))
	return f.text("#outbox li:first-child .otp")
}

// event is one postMessage event the embedding page received.
type event map[string]any

func (f *frame) events() []event {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, stepTimeout)
	defer cancel()
	evs, err := chromedp.Run(ctx, chromedp.Evaluate[[]event](`window.fsEvents`))
	require.NoError(f.t, err)
	return evs
}

// waitEvent waits until the parent received an event of type typ.
func (f *frame) waitEvent(typ string) []event {
	f.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		evs := f.events()
		for _, ev := range evs {
			if ev["type"] == typ {
				return evs
			}
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("no %q event; the parent received %v", typ, evs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// shot saves a screenshot of the embedding page under name when
// FACESIGN_SHOTS names a directory (for README pictures and debugging).
func (f *frame) shot(name string) {
	dir := os.Getenv("FACESIGN_SHOTS")
	if dir == "" {
		return
	}
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(f.t, err)
	require.NoError(f.t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}

// waitNode waits until the page is at node and waits for the user there.
func (f *frame) waitNode(node string) {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, stepTimeout)
	defer cancel()
	sel := fmt.Sprintf(`body[data-node=%q]:not([data-screen="s-checking"]):not([data-screen="s-start"])`, node)
	require.NoError(f.t, chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(sel), f.in())), "waiting for node %s", node)
}

func (f *frame) attr(sel, name string) string {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name, f.in()))
	require.NoError(f.t, err)
	return v.Value
}
