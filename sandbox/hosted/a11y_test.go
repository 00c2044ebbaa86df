package hosted_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/internal/browsertest"
)

// AxeEnv names axe-core's axe.min.js (npm install axe-core; .ci/run does).
const AxeEnv = "FACESIGN_AXE"

// axeSource reads axe.min.js from $FACESIGN_AXE or the cache .ci/run fills;
// without it the test is skipped, or fails where browsers are required.
func axeSource(t testing.TB) string {
	t.Helper()
	p := os.Getenv(AxeEnv)
	if p == "" {
		cache, err := os.UserCacheDir()
		if err == nil {
			p = filepath.Join(cache, "facesign-mcp", "axe", "node_modules", "axe-core", "axe.min.js")
		}
	}
	b, err := os.ReadFile(p)
	if err != nil {
		msg := fmt.Sprintf("axe-core not found (%v): npm install --prefix ~/.cache/facesign-mcp/axe axe-core, or set %s to axe.min.js", err, AxeEnv)
		if os.Getenv(browsertest.RequireEnv) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(b)
}

// top drives the page opened on its own (not framed): axe and the keyboard
// work on the top document.
type top struct {
	*frame
	axe string
}

func (e *env) openTop(browser context.Context, url, axe string) *top {
	e.t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	e.t.Cleanup(cancel)
	require.NoError(e.t, chromedp.Do(tab))
	f := &frame{t: e.t, ctx: tab}
	f.do(chromedp.EmulateViewport(390, 844), chromedp.Navigate(url))
	// The queries of frame run from the document itself.
	nodes, err := chromedp.Run(tab, chromedp.Nodes(chromedp.CSS("html")))
	require.NoError(e.t, err)
	f.node = nodes[0]
	return &top{frame: f, axe: axe}
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// check runs axe-core on the page as it stands and fails on any serious or
// critical violation.
func (p *top) check(screen string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](p.axe+";true"))
	require.NoError(p.t, err)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	require.NoError(p.t, err)
	var vs []axeViolation
	require.NoError(p.t, json.Unmarshal([]byte(raw), &vs))
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, strings.Join(n.Target, " "))
			}
			p.t.Errorf("screen %s: axe %s (%s): %s at %v", screen, v.ID, v.Impact, v.Help, where)
		}
	}
}

// key presses keys on whatever has the focus.
func (p *top) key(keys string) {
	p.t.Helper()
	p.do(chromedp.KeyEvent(keys))
}

func (p *top) focused() string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`(document.activeElement && (document.activeElement.id || document.activeElement.tagName)) || ""`))
	require.NoError(p.t, err)
	return s
}

// Every screen of the page passes axe-core with no serious violation, on a
// phone-sized viewport, the Sandbox controls open.
func TestHostedAccessibility(t *testing.T) {
	axe := axeSource(t)
	browser := browsertest.New(t, browsertest.Options{})
	e := newEnv(t)
	flow := `[
	 {"id":"start","type":"start","outcome":"ask"},
	 {"id":"ask","type":"conversation","prompt":"Say: What is the transfer for?","outcomes":[{"id":"ok","targetNodeId":"access","condition":"any"}]},
	 {"id":"access","type":"permissions","permissions":{"camera":true,"microphone":true},"outcomes":{"permissionsGranted":"live","permissionsDenied":"end"}},
	 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"doc","deepfakeDetected":"end","noFace":"end"}},
	 {"id":"doc","type":"document_scan","allowedDocumentTypes":["passport","id"],"outcomes":{"scanSuccess":"mail","userCancelled":"end","scanTimeout":"end"}},
	 {"id":"mail","type":"enter_email","outcomes":{"emailEntered":"otp","canceled":"end"}},
	 {"id":"otp","type":"two_factor_email","outcomes":{"verified":"cmp","delivery_failed":"end","failed_unverified":"end","cancelled":"end","error":"end"}},
	 {"id":"cmp","type":"face_compare","sourceA":{"source":"documentPhoto"},"sourceB":{"source":"faceScan"},"outcomes":{"match":"end","noMatch":"end","imageUnavailable":"end"}},
	 {"id":"end","type":"end"}]`
	c := e.create(flow, nil)
	p := e.openTop(browser, c.ClientSecret.URL, axe)
	p.wait("start", "s-start")
	p.openControls()
	p.check("start")
	p.shot("a11y-start")
	p.click("#begin")
	p.wait("ask", "s-reply")
	p.check("conversation")
	p.shot("a11y-conversation")
	p.typeIn("#reply", "Rent for March\r")
	p.wait("access", "s-permissions")
	p.check("permissions")
	p.shot("a11y-permissions")
	p.click("#allow")
	p.wait("live", "s-capture")
	p.check("liveness")
	p.shot("a11y-liveness")
	p.click("#capture")
	p.wait("doc", "s-document")
	p.check("document")
	p.shot("a11y-document")
	p.click("#doc-capture")
	p.wait("mail", "s-email")
	p.check("email")
	p.shot("a11y-email")
	p.typeIn("#email", "pat@example.com\r")
	p.wait("otp", "s-code")
	p.check("code")
	p.shot("a11y-code")
	p.typeIn("#code", wrongCode(p.otp())+"\r")
	p.wait("otp", "s-code")
	p.do(chromedp.WaitVisible(chromedp.CSS("#code-message"), p.in()))
	p.check("code, wrong")
	p.shot("a11y-code-wrong")
	p.typeIn("#code", p.otp()+"\r")
	p.wait("cmp", "s-continue")
	p.check("server decides")
	p.shot("a11y-server-decides")
	p.click("#continue")
	p.wait("", "s-finished")
	p.check("finished")
	p.shot("a11y-finished")

	bad := e.openTop(browser, e.base+"/verify?client_secret=cs_expiredorwhatever", axe)
	bad.do(chromedp.WaitVisible(chromedp.CSS("#problem-title"), bad.in()))
	bad.check("unknown secret")
	bad.shot("a11y-unknown-secret")
}

// One flow walked with the keyboard alone: the focus lands on each screen's
// control, Enter answers, Tab reaches the Sandbox controls.
func TestHostedKeyboardOnly(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{})
	e := newEnv(t)
	c := e.create(`[
	 {"id":"start","type":"start","outcome":"ask"},
	 {"id":"ask","type":"conversation","prompt":"Say: What is the transfer for?","outcomes":[{"id":"ok","targetNodeId":"access","condition":"any"},{"id":"no","targetNodeId":"end","condition":"none"}]},
	 {"id":"access","type":"permissions","permissions":{"camera":true,"microphone":false},"outcomes":{"permissionsGranted":"live","permissionsDenied":"end"}},
	 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"mail","deepfakeDetected":"end","noFace":"end"}},
	 {"id":"mail","type":"enter_email","outcomes":{"emailEntered":"end","canceled":"end"}},
	 {"id":"end","type":"end"}]`, nil)
	p := e.openTop(browser, c.ClientSecret.URL, "")
	p.wait("start", "s-start")
	require.Equal(t, "begin", p.focused())
	p.key(kb.Enter)
	p.wait("ask", "s-reply")
	require.Equal(t, "reply", p.focused())

	// Tab on from the reply reaches the Sandbox controls; Enter opens them,
	// and the judge's outcome is chosen with the arrow keys.
	for i := 0; i < 12 && p.focused() != "controls-toggle"; i++ {
		p.key(kb.Tab)
	}
	require.Equal(t, "controls-toggle", p.focused(), "the Sandbox controls are reachable with Tab")
	p.key(kb.Enter)
	p.do(chromedp.WaitReady(chromedp.CSS("#controls[open]"), p.in()))
	p.key(kb.Tab)
	require.Equal(t, "ctl-outcome", p.focused())
	p.key(kb.ArrowDown)
	p.key(kb.ArrowDown)
	v, err := chromedp.Run(p.ctx, chromedp.Value(chromedp.CSS("#ctl-outcome"), p.in()))
	require.NoError(t, err)
	require.Equal(t, "no", v, "the arrow keys choose the judge's outcome")
	p.key(kb.ArrowUp)

	// Back to the reply with Shift+Tab.
	for i := 0; i < 12 && p.focused() != "reply"; i++ {
		p.do(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	}
	require.Equal(t, "reply", p.focused())
	p.key("For my rent" + kb.Enter)
	p.wait("access", "s-permissions")
	require.Equal(t, "allow", p.focused())
	p.key(kb.Enter)
	p.wait("live", "s-capture")
	p.do(chromedp.WaitEnabled(chromedp.CSS("#capture"), p.in()))
	require.Equal(t, "capture", p.focused())
	p.key(" ")
	p.wait("mail", "s-email")
	require.Equal(t, "email", p.focused())
	p.key("kim@example.com" + kb.Enter)
	p.wait("", "s-finished")
	s := e.session(c.Session.ID)
	assert.Equal(t, []string{"ask:access", "access:permissionsGranted", "live:livenessDetected", "mail:emailEntered"}, outcomes(s))
}

// The README's pictures: the page at a conversation node and at a liveness
// node, on a desktop and a phone. Run with FACESIGN_SHOTS=docs/screenshots
// (from the repository root: FACESIGN_SHOTS=$PWD/docs/screenshots).
func TestHostedScreenshots(t *testing.T) {
	dir := os.Getenv("FACESIGN_SHOTS")
	if dir == "" {
		t.Skip("set FACESIGN_SHOTS to a directory to write the README's screenshots")
	}
	browser := browsertest.New(t, browsertest.Options{})
	e := newEnv(t)
	flow := `[
	 {"id":"start","type":"start","outcome":"ask"},
	 {"id":"ask","type":"conversation","prompt":"Say: Before we send this transfer: who is it for, and did anyone ask you to make it?",
	  "outcomes":[{"id":"ok","targetNodeId":"live","condition":"The user names the recipient and nobody pressured them"},
	              {"id":"doubt","targetNodeId":"end","condition":"The user hesitates or mentions pressure"}]},
	 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"end","deepfakeDetected":"end","noFace":"end"}},
	 {"id":"end","type":"end"}]`
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1100, 760}, {"phone", 390, 844}} {
		c := e.create(flow, map[string]any{"avatarId": "avatar_sofia"})
		p := e.openTop(browser, c.ClientSecret.URL, "")
		p.do(chromedp.EmulateViewport(size.w, size.h))
		p.click("#begin")
		p.wait("ask", "s-reply")
		p.typeIn("#reply", "It's for my landlord, Jordan Lee")
		p.shotTo(dir, "conversation-"+size.name)
		p.key(kb.Enter)
		p.wait("live", "s-capture")
		p.do(chromedp.WaitEnabled(chromedp.CSS("#capture"), p.in()))
		time.Sleep(500 * time.Millisecond) // a few frames of the fake camera
		p.shotTo(dir, "liveness-"+size.name)
	}
}

func (f *frame) shotTo(dir, name string) {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(f.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(f.t, err)
	require.NoError(f.t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}

// fakeVoices stands in for a desktop's speech synthesis (headless Chromium
// has no voices): three voices, and speech that never reports its end, the
// way a stalled engine behaves. What the page asked to say is kept.
const fakeVoices = `(() => {
  const voices = [{name: "English", lang: "en-US"}, {name: "Español", lang: "es-ES"}, {name: "Deutsch", lang: "de-DE"}];
  window.__spoken = [];
  // A real utterance takes only real SpeechSynthesisVoice objects.
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
    speaking: false, pending: false, paused: false,
    getVoices: () => voices,
    speak: (u) => { window.__spoken.push({text: u.text, voice: u.voice && u.voice.name, lang: u.lang}); },
    cancel: () => {}, pause: () => {}, resume: () => {},
    addEventListener: () => {}, removeEventListener: () => {}
  }});
})();`

// The avatar speaks with a voice of the session's language (not the
// browser's first voice), and speech that never ends does not hold the flow.
func TestHostedSpeechVoiceAndFallback(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{})
	e := newEnv(t)
	c := e.create(`[
	 {"id":"start","type":"start","outcome":"hola"},
	 {"id":"hola","type":"conversation","prompt":"Say: Hola, vamos a verificar tu identidad.","doesNotRequireReply":true,
	  "outcomes":[{"id":"next","targetNodeId":"ask","condition":""}]},
	 {"id":"ask","type":"conversation","prompt":"Say: ¿Para qué es la transferencia?","outcomes":[{"id":"ok","targetNodeId":"end","condition":"any"}]},
	 {"id":"end","type":"end"}]`, map[string]any{"defaultLang": "es", "langs": []string{"es"}})
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(tab, chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeVoices})
		return chromedp.Void{}, err
	})))
	f := &frame{t: t, ctx: tab}
	f.do(chromedp.Navigate(c.ClientSecret.URL))
	nodes, err := chromedp.Run(tab, chromedp.Nodes(chromedp.CSS("html")))
	require.NoError(t, err)
	f.node = nodes[0]
	lang, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.documentElement.lang`))
	require.NoError(t, err)
	assert.Equal(t, "es", lang)
	f.click("#begin")
	began := time.Now()
	f.wait("ask", "s-reply")
	// "hola" continues by itself once its line is said; the engine never says
	// it has finished, so the page moves on after its fallback of about 2 s.
	assert.Less(t, time.Since(began), 6*time.Second)
	spoken, err := chromedp.Run(tab, chromedp.Evaluate[[]map[string]string](`window.__spoken`))
	require.NoError(t, err)
	require.NotEmpty(t, spoken)
	assert.Equal(t, "Hola, vamos a verificar tu identidad.", spoken[0]["text"])
	assert.Equal(t, "Español", spoken[0]["voice"], "a voice of the session's language")
	assert.Equal(t, "es-ES", spoken[0]["lang"])
}
