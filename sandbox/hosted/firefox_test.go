package hosted_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/websocket"

	"github.com/facesign/facesign-mcp/facesign"
)

// Firefox is best effort: the suite reports rather than gates. It runs when
// firefox-esr (or $FACESIGN_FIREFOX) is installed, over WebDriver BiDi (the
// protocol Firefox speaks natively), and skips otherwise, even in CI.
const firefoxEnv = "FACESIGN_FIREFOX"

// bidi is a minimal WebDriver BiDi client: commands and their answers, no
// events.
type bidi struct {
	t    testing.TB
	ws   *websocket.Conn
	mu   sync.Mutex
	next int
}

type bidiAnswer struct {
	ID      int             `json:"id"`
	Type    string          `json:"type"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
}

func (b *bidi) call(method string, params any) json.RawMessage {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next++
	id := b.next
	require.NoError(b.t, websocket.JSON.Send(b.ws, map[string]any{"id": id, "method": method, "params": params}))
	_ = b.ws.SetReadDeadline(time.Now().Add(stepTimeout))
	for {
		var a bidiAnswer
		require.NoError(b.t, websocket.JSON.Receive(b.ws, &a), "waiting for %s", method)
		if a.ID != id { // an event, or a late answer
			continue
		}
		require.Empty(b.t, a.Error, "%s: %s", method, a.Message)
		return a.Result
	}
}

// eval runs a script in a browsing context and returns its JSON value.
func (b *bidi) eval(ctxID, expr string) any {
	b.t.Helper()
	raw := b.call("script.evaluate", map[string]any{
		"expression": "(async () => JSON.stringify(await (async () => { " + expr + " })()))()", "awaitPromise": true,
		"target": map[string]any{"context": ctxID}, "resultOwnership": "none",
	})
	var r struct {
		Type   string `json:"type"`
		Result struct {
			Type  string `json:"type"`
			Value any    `json:"value"`
		} `json:"result"`
		ExceptionDetails any `json:"exceptionDetails"`
	}
	require.NoError(b.t, json.Unmarshal(raw, &r))
	require.Equal(b.t, "success", r.Type, "script %q: %v", expr, r.ExceptionDetails)
	s, _ := r.Result.Value.(string)
	var v any
	if s != "" {
		require.NoError(b.t, json.Unmarshal([]byte(s), &v))
	}
	return v
}

// until evaluates expr in ctxID until it is true.
func (b *bidi) until(ctxID, expr, what string) {
	b.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for b.eval(ctxID, "return !!("+expr+")") != true {
		if time.Now().After(deadline) {
			b.t.Fatalf("Firefox: waiting for %s (%s); the page is at %v", what, expr,
				b.eval(ctxID, `return [document.body && document.body.dataset.node, document.body && document.body.dataset.screen, document.getElementById("caption") && document.getElementById("caption").textContent]`))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func findFirefox() string {
	if p := os.Getenv(firefoxEnv); p != "" {
		return p
	}
	for _, n := range []string{"firefox-esr", "firefox"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// startFirefox starts headless Firefox with a fake camera and microphone
// granted without a prompt, and connects to its BiDi server.
func startFirefox(t *testing.T) *bidi {
	t.Helper()
	bin := findFirefox()
	if bin == "" {
		t.Skip("no Firefox found (best effort: install firefox-esr, or set " + firefoxEnv + ")")
	}
	profile := t.TempDir()
	prefs := `user_pref("media.navigator.streams.fake", true);
user_pref("media.navigator.permission.disabled", true);
user_pref("media.autoplay.default", 0);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("app.update.disabledForTesting", true);
user_pref("network.captive-portal-service.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
`
	require.NoError(t, os.WriteFile(filepath.Join(profile, "user.js"), []byte(prefs), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0", "--remote-allow-origins=http://127.0.0.1", "about:blank")
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	found := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	var url string
	select {
	case url = <-found:
	case <-time.After(90 * time.Second):
		t.Skip("Firefox did not start its BiDi server within 90 s (best effort)")
	}
	ws, err := websocket.Dial(url+"/session", "", "http://127.0.0.1/")
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close() })
	b := &bidi{t: t, ws: ws}
	b.call("session.new", map[string]any{"capabilities": map[string]any{}})
	return b
}

// A flow walked in Firefox, the page in an iframe of another origin: a typed
// reply, the fake camera's frame at a liveness node, an email code from the
// outbox the page shows; then the stored session and the parent's events.
func TestHostedFirefox(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Firefox")
	}
	b := startFirefox(t)
	e := newEnv(t)
	c := e.create(`[
	 {"id":"start","type":"start","outcome":"ask"},
	 {"id":"ask","type":"conversation","prompt":"Say: What is the transfer for?","outcomes":[{"id":"ok","targetNodeId":"live","condition":"any"}]},
	 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"otp","deepfakeDetected":"end","noFace":"end"}},
	 {"id":"otp","type":"two_factor_email","outcomes":{"verified":"end","delivery_failed":"end","failed_unverified":"end","cancelled":"end","error":"end"}},
	 {"id":"end","type":"end"}]`, map[string]any{"providedData": map[string]any{"email": "pat@example.com"}})

	var tree struct {
		Contexts []struct {
			Context  string `json:"context"`
			Children []struct {
				Context string `json:"context"`
			} `json:"children"`
		} `json:"contexts"`
	}
	require.NoError(t, json.Unmarshal(b.call("browsingContext.getTree", map[string]any{}), &tree))
	top := tree.Contexts[0].Context
	b.call("browsingContext.navigate", map[string]any{"context": top, "url": e.parentURL(c.ClientSecret.URL), "wait": "complete"})
	var frame string
	deadline := time.Now().Add(stepTimeout)
	for frame == "" {
		require.NoError(t, json.Unmarshal(b.call("browsingContext.getTree", map[string]any{"root": top}), &tree))
		if len(tree.Contexts) > 0 && len(tree.Contexts[0].Children) > 0 {
			frame = tree.Contexts[0].Children[0].Context
		}
		require.True(t, time.Now().Before(deadline), "no iframe context")
		time.Sleep(100 * time.Millisecond)
	}
	b.until(frame, `document.body && document.body.dataset.ready`, "the page")
	at := func(node, screen string) string {
		return fmt.Sprintf(`document.body.dataset.node === %q && document.body.dataset.screen === %q`, node, screen)
	}
	b.eval(frame, `document.getElementById("begin").click()`)
	b.until(frame, at("ask", "s-reply"), "the conversation")
	b.eval(frame, `document.getElementById("reply").value = "Rent for March"; document.querySelector("#reply-form button[type=submit]").click()`)
	b.until(frame, at("live", "s-capture")+` && !document.getElementById("capture").disabled`, "the camera")
	b.eval(frame, `document.getElementById("capture").click()`)
	b.until(frame, at("otp", "s-code")+` && document.querySelector("#outbox .otp")`, "the code")
	b.eval(frame, `document.getElementById("code").value = document.querySelector("#outbox .otp").textContent; document.querySelector("#code-form button[type=submit]").click()`)
	b.until(frame, `document.body.dataset.screen === "s-finished"`, "the finished screen")
	b.until(top, `window.fsEvents.some(e => e.type === "complete")`, "the complete event")

	s := e.session(c.Session.ID)
	require.Equal(t, facesign.StatusComplete, s.Status)
	assert.Equal(t, []string{"ask:live", "live:livenessDetected", "otp:verified"}, outcomes(s))
	require.Len(t, s.Report.Screenshots, 1)
	_, jpg := fetchImage(t, s.Report.Screenshots[0])
	assert.Greater(t, len(jpg), 1000, "a real frame from Firefox's fake camera")
	raw, err := json.Marshal(b.eval(top, `return window.fsEvents`))
	require.NoError(t, err)
	var evs []event
	require.NoError(t, json.Unmarshal(raw, &evs))
	trail := eventTrail(evs)
	assert.Equal(t, "ready:requiresInput", trail[0])
	assert.Equal(t, "complete:complete", trail[len(trail)-1])
	assert.True(t, strings.Contains(strings.Join(trail, " "), "step:left:live:livenessDetected"), "%v", trail)
}
