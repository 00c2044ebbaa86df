package tools_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/mark3labs/mcp-go/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/internal/browsertest"
	"github.com/facesign/facesign-mcp/internal/syncbuffer"
	"github.com/facesign/facesign-mcp/preview"
	"github.com/facesign/facesign-mcp/sandbox"
	"github.com/facesign/facesign-mcp/tools"
)

const previewKey = "sk_test_previewE2EkeyQQQQ7777"

// previewFlow: a greeting, a liveness check (failures go to a goodbye), a
// question with two answers, a closing line. Four complete paths.
const previewFlow = `[
 {"id":"start","type":"start","outcome":"hi"},
 {"id":"hi","type":"conversation","prompt":"Say: Hello! This takes under a minute, so please look at the camera while we talk.","doesNotRequireReply":true,"outcomes":[{"id":"go","targetNodeId":"live","condition":""}]},
 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"ask","deepfakeDetected":"stop","noFace":"stop"}},
 {"id":"ask","type":"conversation","prompt":"Ask the user to confirm they are sending 7,500 dollars to Jordan Lee.","outcomes":[{"id":"ok","targetNodeId":"bye","condition":"the user confirms"},{"id":"doubt","targetNodeId":"stop","condition":"the user hesitates or denies"}]},
 {"id":"bye","type":"conversation","prompt":"Say: Thank you, the transfer is on its way.","doesNotRequireReply":true,"outcomes":[{"id":"b","targetNodeId":"end","condition":""}]},
 {"id":"stop","type":"conversation","prompt":"Say: We could not verify the transfer; please call us.","doesNotRequireReply":true,"outcomes":[{"id":"s","targetNodeId":"end","condition":""}]},
 {"id":"end","type":"end"}
]`

// previewStack is the binary's listener in-process (MCP, sandbox, hosted
// page, previews) with every log line kept, and an MCP client with the key.
func previewStack(t *testing.T) (*tools.MCPStack, *client.Client, *syncbuffer.Buffer) {
	st, c, logs, _ := previewStackHooks(t)
	return st, c, logs
}

// previewStackHooks also registers a webhook receiver for every account and
// returns how many deliveries it has received.
func previewStackHooks(t *testing.T) (*tools.MCPStack, *client.Client, *syncbuffer.Buffer, *atomic.Int32) {
	t.Helper()
	hooks := &atomic.Int32{}
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hooks.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(receiver.Close)
	logs := &syncbuffer.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	st := tools.NewMCPStack(t, tools.StackOptions{
		Deps: &tools.Deps{Logger: log, Previews: preview.New(preview.Config{Logger: log, PollInterval: 300 * time.Millisecond})},
		HTTP: tools.HTTPOptions{Heartbeat: -1},
		Sandbox: &sandbox.Config{Logger: log, WebhookRetryScale: 0.001,
			DefaultWebhooks: []sandbox.WebhookConfig{{URL: receiver.URL, Secret: "whsec_preview_test"}}},
	})
	c := st.Dial(t)
	tools.OKMap(t, tools.CallTool(t, c, "set_api_key", map[string]any{"apiKey": previewKey}))
	return st, c, logs, hooks
}

func launch(t *testing.T, c *client.Client) (url string, result string) {
	t.Helper()
	var flow []any
	require.NoError(t, jsonUnmarshal(previewFlow, &flow))
	res := tools.CallTool(t, c, "launch_session_ui", map[string]any{"flow": flow, "openBrowser": false, "avatarId": "avatar_james"})
	out := tools.OKMap(t, res)
	url, _ = out["url"].(string)
	require.Contains(t, url, "/preview/")
	assert.EqualValues(t, 4, out["paths"])
	whole, err := jsonMarshal(res)
	require.NoError(t, err)
	return url, whole
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func post(t *testing.T, url string, hdr map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, nil)
	require.NoError(t, err)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// tokenOf reads the page's token from its meta tag.
func tokenOf(t *testing.T, page string) string {
	t.Helper()
	const marker = `<meta name="preview-token" content="`
	i := strings.Index(page, marker)
	require.GreaterOrEqual(t, i, 0, "the page carries its token")
	rest := page[i+len(marker):]
	return rest[:strings.IndexByte(rest, '"')]
}

// Another site's page, a request without the page's token, or the token of
// one preview used on another is refused, and no session is created.
func TestPreviewRefusesForeignPOSTs(t *testing.T) {
	st, c, logs := previewStack(t)
	urlA, resultA := launch(t, c)
	urlB, _ := launch(t, c)
	require.NotEqual(t, urlA, urlB, "same input twice gives a new preview")
	_, pageA := get(t, urlA)
	_, pageB := get(t, urlB)
	tokA, tokB := tokenOf(t, pageA), tokenOf(t, pageB)
	require.NotEqual(t, tokA, tokB)
	origin := st.HTTP.URL

	count := func() int {
		out := tools.OKMap(t, tools.CallTool(t, c, "list_sessions", map[string]any{"limit": 100}))
		s, _ := out["sessions"].([]any)
		return len(s)
	}
	before := count()
	for _, tc := range []struct {
		name string
		url  string
		hdr  map[string]string
		code int
	}{
		{"cross-origin", urlA + "/sessions", map[string]string{"Origin": "https://evil.example", preview.TokenHeader: tokA}, http.StatusForbidden},
		{"cross-site fetch", urlA + "/sessions", map[string]string{"Origin": origin, "Sec-Fetch-Site": "cross-site", preview.TokenHeader: tokA}, http.StatusForbidden},
		{"no origin", urlA + "/sessions", map[string]string{preview.TokenHeader: tokA}, http.StatusForbidden},
		{"no token", urlA + "/sessions", map[string]string{"Origin": origin}, http.StatusForbidden},
		{"wrong token", urlA + "/sessions", map[string]string{"Origin": origin, preview.TokenHeader: otherFirst(tokA)}, http.StatusForbidden},
		{"other preview's token", urlA + "/sessions", map[string]string{"Origin": origin, preview.TokenHeader: tokB}, http.StatusForbidden},
		{"branch without token", urlA + "/branches/1/run", map[string]string{"Origin": origin}, http.StatusForbidden},
		{"unknown preview", origin + "/preview/NOSUCHPREVIEW0/sessions", map[string]string{"Origin": origin, preview.TokenHeader: tokA}, http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := post(t, tc.url, tc.hdr)
			assert.Equal(t, tc.code, code, body)
		})
	}
	assert.Equal(t, before, count(), "no refused request created a session")

	// The page's own request works, and the session is this preview's only.
	code, body := post(t, urlA+"/sessions", map[string]string{"Origin": origin, preview.TokenHeader: tokA})
	require.Equal(t, http.StatusCreated, code, body)
	assert.Equal(t, before+1, count())
	sid := between(body, `"sessionId":"`, `"`)
	code, _ = get(t, urlB+"/sessions/"+sid)
	assert.Equal(t, http.StatusNotFound, code, "preview B does not answer for A's session")

	// Unknown and ended previews get a page that says so.
	code, page := get(t, origin+"/preview/NOSUCHPREVIEW0")
	assert.Equal(t, http.StatusNotFound, code)
	assert.Contains(t, page, "No such preview")

	// The key is nowhere: not in the pages, the script, the tool result or the logs.
	_, script := get(t, origin+"/preview/preview.js")
	for name, text := range map[string]string{"page": pageA, "script": script, "tool result": resultA, "logs": logs.String(), "session answer": body} {
		assert.NotContains(t, text, previewKey, "the key appears in the %s", name)
		assert.NotContains(t, text, previewKey[8:], "the key's secret part appears in the %s", name)
	}
}

// otherFirst changes the token's first character (to one it is not: a
// fixed replacement would equal it one time in 32).
func otherFirst(tok string) string {
	if tok[0] == 'A' {
		return "B" + tok[1:]
	}
	return "A" + tok[1:]
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	return s[:strings.Index(s, to)]
}

// The whole product moment in a real browser: launch_session_ui, open the
// page, Start Session, walk the flow in the iframe with the fake camera, and
// the page shows the path, the node reports and the verdict; a second click
// makes a different session; a reload mid-way keeps working; a coverage
// button runs an untried branch and the coverage updates.
func TestPreviewInBrowser(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{})
	_, c, logs, hooks := previewStackHooks(t)
	url, _ := launch(t, c)

	p := &page{t: t, ctx: browser}
	p.do(chromedp.Navigate(url))
	p.do(chromedp.WaitVisible(chromedp.CSS(`#svg g[data-node="live"]`)))
	require.Contains(t, p.text("#cov-h"), "0 of 4 paths tried")
	p.shot("preview-ready")

	// First session: walk it in the iframe.
	p.do(chromedp.Click(chromedp.CSS("#start")))
	first := p.waitSession("")
	p.attach()
	p.frameWait("start", "s-start")
	p.frameDo(chromedp.Click(chromedp.CSS("#controls > summary"), p.in()))
	p.frameDo(chromedp.WaitEnabled(chromedp.CSS("#begin"), p.in()), chromedp.Click(chromedp.CSS("#begin"), p.in()))
	p.frameWait("live", "s-capture")
	p.frameDo(chromedp.WaitEnabled(chromedp.CSS("#capture"), p.in()), chromedp.Click(chromedp.CSS("#capture"), p.in()))
	p.frameWait("ask", "s-reply")
	// The page follows: the liveness node is on the path, the current node lit.
	p.waitJS(`document.querySelector('#svg g[data-node="live"].taken') !== null`, "the liveness node lights up as taken")
	p.waitJS(`document.querySelector('#svg g[data-node="ask"].current') !== null`, "the node being walked lights up (the hosted page's step event)")
	p.shot("preview-mid-session")
	p.frameDo(chromedp.SetValue(chromedp.CSS("#ctl-outcome"), "ok", p.in()))
	p.frameDo(chromedp.SendKeys(chromedp.CSS("#reply"), "Yes, 7,500 dollars to Jordan\r", p.in()))
	p.frameWait("", "s-finished")
	p.waitJS(`!document.getElementById("report").hidden`, "the report appears")
	require.Equal(t, "verified", strings.ToLower(p.text("#verdict")))
	steps := p.text("#steps")
	for _, n := range []string{"hi", "live · liveness_detection → livenessDetected", "ask", "bye"} {
		assert.Contains(t, steps, n)
	}
	p.waitJS(`document.getElementById("cov-h").textContent.includes("1 of 4")`, "coverage counts the walked path")
	p.waitJS(`document.querySelector('#svg g[data-type="end"][data-from="bye"].taken') !== null`, "the end reached lights up")
	p.shot("preview-finished")
	// The sandbox account view lists the session (read with the preview's key).
	p.waitJS(fmt.Sprintf(`document.querySelector(".account").textContent.includes(%q)`, first), "the account view lists the session")
	// Webhook deliveries are listed, and a resend reaches the receiver again.
	p.do(chromedp.Reload())
	p.waitJS(`document.querySelector("button.resend") !== null`, "the account view lists webhook deliveries")
	before := hooks.Load()
	p.do(chromedp.Click(chromedp.CSS("button.resend")))
	require.Eventually(t, func() bool { return hooks.Load() > before }, step, 20*time.Millisecond, "the resent delivery reaches the receiver")
	if n := p.count(".delface"); n > 0 {
		p.do(chromedp.Click(chromedp.CSS(".delface")))
		p.waitJS(fmt.Sprintf(`document.querySelectorAll(".delface").length === %d`, n-1), "a deleted face leaves the list")
	}

	// A second click is a second session.
	p.do(chromedp.Click(chromedp.CSS("#start")))
	second := p.waitSession(first)
	require.NotEqual(t, first, second)

	// Reload mid-way: the page comes back with its history, and starts anew.
	p.do(chromedp.Reload())
	p.do(chromedp.WaitVisible(chromedp.CSS("#svg")))
	hist := p.text("#hist-h + table")
	assert.Contains(t, hist, first)
	assert.Contains(t, hist, second)
	assert.Regexp(t, `(?i)in progress|pending`, hist, "the second session, left mid-way")
	assert.NotRegexp(t, `(?i)in_progress|not_verified`, hist, "verdicts read as words")
	p.do(chromedp.Click(chromedp.CSS("#start")))
	third := p.waitSession(second)
	assert.NotEqual(t, first, third)

	// A coverage button runs an untried branch.
	p.click(`button.runbranch[data-branch="0"]`)
	p.waitJS(`document.getElementById("cov-h").textContent.includes("2 of 4")`, "coverage counts the simulated branch")
	assert.NotEmpty(t, p.text("#verdict"))
	p.shot("preview-coverage")
	assert.NotContains(t, logs.String(), previewKey[8:])
}

// page drives the preview tab and, through FromNode, the hosted page in its
// iframe (same origin here: the stack serves both).
type page struct {
	t     *testing.T
	ctx   context.Context
	frame *chromedp.Node
}

const step = 30 * time.Second

// click clicks the node sel finds, again when the page redrew that node
// between finding and clicking it: the preview redraws its coverage list as
// the sessions it polls change, which a person never notices but which left
// the browser without the node it had found (CI, once in many runs).
func (p *page) click(sel string) {
	p.t.Helper()
	var err error
	for range 3 {
		ctx, cancel := context.WithTimeout(p.ctx, step)
		err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel)))
		cancel()
		if err == nil || !strings.Contains(err.Error(), "Could not find node") {
			break
		}
	}
	require.NoError(p.t, err)
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	require.NoError(p.t, chromedp.Do(ctx, actions...))
}

func (p *page) text(sel string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	require.NoError(p.t, err)
	return s
}

func (p *page) count(sel string) int {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
	require.NoError(p.t, err)
	return n
}

func (p *page) waitJS(expr, what string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr))
	if err != nil {
		// The status line of the preview, when the page has one.
		sctx, scancel := context.WithTimeout(p.ctx, 2*time.Second)
		status, _ := chromedp.Run(sctx, chromedp.Text(chromedp.CSS("#status"), chromedp.AtLeast(0)))
		scancel()
		p.t.Fatalf("%s: %v (status: %q)", what, err, status)
	}
}

// waitSession waits for the iframe to show a session other than prev and
// returns its id, read from the status line.
func (p *page) waitSession(prev string) string {
	p.t.Helper()
	p.waitJS(fmt.Sprintf(`(() => { const m = document.getElementById("status").textContent.match(/Session (\S+) /); return !!m && m[1] !== %q && document.getElementById("hosted").src.includes("client_secret="); })()`, prev), "a new session starts")
	s := p.text("#status")
	return strings.Fields(strings.TrimPrefix(s, "Session "))[0]
}

func (p *page) attach() {
	p.t.Helper()
	p.frame = browsertest.Frame(p.t, p.ctx, "iframe#hosted", "body[data-ready]", step)
}

func (p *page) in() chromedp.QueryOption { return chromedp.FromNode(p.frame) }

func (p *page) frameDo(actions ...chromedp.Action[chromedp.Void]) { p.t.Helper(); p.do(actions...) }

func (p *page) frameWait(node, screen string) {
	p.t.Helper()
	sel := fmt.Sprintf("body[data-screen=%q]", screen)
	if node != "" {
		sel = fmt.Sprintf("body[data-node=%q][data-screen=%q]", node, screen)
	}
	p.do(chromedp.WaitReady(chromedp.CSS(sel), p.in()))
}

// shot writes a screenshot to $FACESIGN_SHOTS/name.png when that is set.
func (p *page) shot(name string) {
	dir := os.Getenv("FACESIGN_SHOTS")
	if dir == "" {
		return
	}
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	require.NoError(p.t, err)
	require.NoError(p.t, os.WriteFile(filepath.Join(dir, name+".png"), bytes.Clone(png), 0o644))
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func jsonMarshal(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
