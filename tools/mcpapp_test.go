package tools_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/internal/browsertest"
	"github.com/facesign/facesign-mcp/tools"
)

const sessionView = "ui://facesign/session-view"

// appsClient dials st as a host that renders MCP Apps.
func appsClient(t *testing.T, st *tools.MCPStack) *client.Client {
	t.Helper()
	c := st.Dial(t, tools.DialClientOptions(client.WithClientCapabilities(mcp.ClientCapabilities{
		Extensions: map[string]any{tools.ExtensionApps: map[string]any{"mimeTypes": []string{"text/html;profile=mcp-app"}}},
	})))
	tools.OKMap(t, tools.CallTool(t, c, "set_api_key", map[string]any{"apiKey": previewKey}))
	return c
}

func readView(t *testing.T, c *client.Client) mcp.TextResourceContents {
	t.Helper()
	req := mcp.ReadResourceRequest{}
	req.Params.URI = sessionView
	res, err := c.ReadResource(context.Background(), req)
	require.NoError(t, err)
	require.Len(t, res.Contents, 1)
	tc, ok := res.Contents[0].(mcp.TextResourceContents)
	require.True(t, ok, "text contents, got %T", res.Contents[0])
	return tc
}

func toolMeta(t *testing.T, c *client.Client) map[string]any {
	t.Helper()
	res, err := c.ListTools(context.Background(), mcp.ListToolsRequest{})
	require.NoError(t, err)
	got := map[string]any{}
	for _, tl := range res.Tools {
		if tl.Meta != nil {
			got[tl.Name] = tl.Meta.AdditionalFields["ui"]
		}
	}
	return got
}

var outsideRef = regexp.MustCompile(`(?i)(?:src|href|xlink:href)\s*=\s*["']?\s*(https?:)?//`)

// The MCP App view, as a host with the extension reads and renders it: the
// session tools name it, it is self-contained, and in Chromium it shows the
// path and verdict simulate_session returned, with no script error. Clients
// without the extension see the tools without _meta and keep no view.
func TestSessionViewMCPApp(t *testing.T) {
	st, plain, _ := previewStack(t)
	c := appsClient(t, st)

	ui := map[string]any{"resourceUri": sessionView}
	assert.Equal(t, map[string]any{"launch_session_ui": ui, "simulate_session": ui, "get_session": ui}, toolMeta(t, c))
	assert.Empty(t, toolMeta(t, plain), "a client without the extension lists the tools as before")

	var flow []any
	require.NoError(t, jsonUnmarshal(previewFlow, &flow))
	var sim struct {
		SessionID string `json:"sessionId"`
		Verdict   string `json:"verdict"`
		Path      []struct {
			NodeID  string `json:"nodeId"`
			Outcome string `json:"outcome"`
		} `json:"path"`
	}
	tools.RequireOK(t, tools.CallTool(t, c, "simulate_session", map[string]any{"flow": flow, "outcomes": map[string]string{"live": "deepfakeDetected"}}), &sim)
	require.Equal(t, "not_verified", sim.Verdict)
	var path []string
	for _, s := range sim.Path {
		path = append(path, s.NodeID)
	}
	require.Equal(t, []string{"start", "hi", "live", "stop", "end"}, path)

	// The plain client's simulation is as it always was and leaves nothing
	// for a view.
	plainRes := tools.CallTool(t, plain, "simulate_session", map[string]any{"flow": flow})
	tools.OKMap(t, plainRes)
	assert.Nil(t, plainRes.Meta, "no _meta in a plain client's result")
	assert.Contains(t, readView(t, plain).Text, "No session yet")

	view := readView(t, c)
	assert.Equal(t, "text/html;profile=mcp-app", view.MIMEType)
	html := view.Text
	assert.NotRegexp(t, outsideRef, html, "the view refers to nothing outside itself")
	scripts := regexp.MustCompile(`(?is)<script[^>]*>.*?</script>`).FindAllString(html, -1)
	require.Len(t, scripts, 1, "one inline script: the MCP Apps handshake")
	assert.NotContains(t, strings.ToLower(scripts[0][:strings.Index(scripts[0], ">")]), "src", "the script is inline")
	assert.Less(t, len(scripts[0]), 2048, "the script is small")
	assert.NotContains(t, html, previewKey[8:])
	assert.Contains(t, html, sim.SessionID)

	browser := browsertest.New(t, browsertest.Options{})
	var mu sync.Mutex
	var problems []string
	require.NoError(t, chromedp.Listen(browser, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				problems = append(problems, "console.error")
			}
		}
	}))
	// Served as a host would put it in its frame: the page alone, from a
	// loopback server that has nothing else for it to load.
	var requests []string
	var hostPage string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, r.URL.Path)
		host := hostPage
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/":
			_, _ = w.Write([]byte(html))
		case "/host":
			_, _ = w.Write([]byte(host))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)

	p := &page{t: t, ctx: browser}
	p.do(chromedp.Navigate(srv.URL + "/"))
	p.do(chromedp.WaitVisible(chromedp.CSS(`svg g[data-node="live"]`)))
	assert.Equal(t, "not_verified", p.text("#verdict"))
	assert.Equal(t, "Path: start → hi → live → stop → end", p.text("#path"))
	taken := map[string]bool{}
	for _, n := range path {
		taken[n] = true
	}
	assert.Equal(t, len(taken), p.count(`svg g.node.taken`), "every node of the path, and only those, is highlighted")
	assert.Equal(t, 1, p.count(`svg g.node.taken[data-node="end"][data-from="stop"]`), "the end reached from stop")
	for _, n := range []string{"ask", "bye"} {
		assert.Zero(t, p.count(`svg g.node.taken[data-node="`+n+`"]`), "%s is off the path", n)
	}
	assert.Equal(t, 1, p.count(`svg g.edge.taken[data-from="live"][data-outcome="deepfakeDetected"]`))
	assert.Zero(t, p.count(`svg g.edge.taken[data-from="live"][data-outcome="livenessDetected"]`))
	assert.Equal(t, 3, p.count(`#nodes tr[data-node]`), "the nodes that report: hi, live, stop")
	assert.Contains(t, p.text(`#nodes tr[data-node="live"]`), "deepfakeDetected")
	ctx, cancel := context.WithTimeout(browser, step)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	cancel()
	require.NoError(t, err)
	if dir := os.Getenv("FACESIGN_SHOTS"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "mcp-app-session-view.png"), shot, 0o644))
	}
	mu.Lock()
	assert.Empty(t, problems, "script errors in the view")
	assert.Equal(t, []string{"/"}, requests, "the view loads nothing")
	mu.Unlock()

	// launch_session_ui's view links to the full preview, the one outside URL.
	launchRes := tools.CallTool(t, c, "launch_session_ui", map[string]any{"flow": flow, "openBrowser": false})
	url, _ := tools.OKMap(t, launchRes)["url"].(string)
	require.Contains(t, url, "/preview/")
	view = readView(t, c)
	assert.Contains(t, view.Text, `href="`+url+`"`)
	assert.Equal(t, []string{`href="` + url + `"`}, regexp.MustCompile(`href="https?:[^"]*"`).FindAllString(view.Text, -1))
	assert.NotContains(t, view.Text, ` taken"`, "a preview just launched has no path yet")

	// A host that cached the page it read first (session A, not verified)
	// still shows the latest session: it passes each result on to the page,
	// and the page shows the body that comes with it.
	resB := tools.CallTool(t, c, "simulate_session", map[string]any{"flow": flow})
	outB := tools.OKMap(t, resB)
	require.Equal(t, "verified", outB["verdict"])
	require.NotNil(t, resB.Meta)
	rawB, err := jsonMarshal(resB)
	require.NoError(t, err)
	mu.Lock()
	hostPage = `<!doctype html><title>host</title><iframe id="app" src="/" width="900" height="700"></iframe><script>
const app = document.getElementById("app"), result = ` + rawB + `;
window.log = [];
addEventListener("message", e => {
  if (e.source !== app.contentWindow) return;
  const m = e.data; window.log.push(m.method || "response");
  if (m.method === "ui/initialize") app.contentWindow.postMessage({jsonrpc: "2.0", id: m.id, result: {protocolVersion: "2026-01-26", hostInfo: {name: "test-host", version: "1"}, hostCapabilities: {}, hostContext: {}}}, "*");
  if (m.method === "ui/notifications/initialized") app.contentWindow.postMessage({jsonrpc: "2.0", method: "ui/notifications/tool-result", params: result}, "*");
});
</script>`
	mu.Unlock()
	p.do(chromedp.Navigate(srv.URL + "/host"))
	p.waitJS(`(() => { const d = document.getElementById("app").contentDocument; const v = d && d.getElementById("verdict"); return !!v && v.textContent === "verified"; })()`, "the framed view shows the result the host passed on")
	ctx2, cancel2 := context.WithTimeout(browser, step)
	framed, err := chromedp.Run(ctx2, chromedp.Evaluate[string](`document.getElementById("app").contentDocument.getElementById("path").textContent + "|" + document.getElementById("app").contentDocument.querySelectorAll("g.node.taken").length + "|" + window.log.join(",")`))
	cancel2()
	require.NoError(t, err)
	assert.Equal(t, "Path: start → hi → live → ask → bye → end|6|ui/initialize,ui/notifications/initialized", framed)
	mu.Lock()
	assert.Empty(t, problems, "script errors in the framed view")
	mu.Unlock()

	// get_session shows the simulated session again.
	getRes := tools.CallTool(t, c, "get_session", map[string]any{"sessionId": sim.SessionID})
	tools.OKMap(t, getRes)
	require.NotNil(t, getRes.Meta)
	assert.Contains(t, getRes.Meta.AdditionalFields["io.facesign/sessionView"], "deepfakeDetected", "the body for hosts that cached the page")
	view = readView(t, c)
	assert.Contains(t, view.Text, `<span id="verdict" class="verdict not_verified">not_verified</span>`)
	assert.Contains(t, view.Text, `<p id="path">Path: hi → live → stop</p>`, "the session's summary path, as get_session reports it")
	assert.Regexp(t, `class="edge[^"]* taken" data-from="live" data-outcome="deepfakeDetected"`, view.Text)

	// In a host that opens links, the preview link asks the host
	// (ui/open-link, by keyboard here) instead of navigating the frame; a
	// host that refuses gets a note on the page.
	rawL, err := jsonMarshal(launchRes)
	require.NoError(t, err)
	mu.Lock()
	hostPage = `<!doctype html><title>host</title><iframe id="app" src="/" width="900" height="700"></iframe><script>
const app = document.getElementById("app"), result = ` + rawL + `;
window.opened = [];
addEventListener("message", e => {
  if (e.source !== app.contentWindow) return;
  const m = e.data;
  if (m.method === "ui/initialize") app.contentWindow.postMessage({jsonrpc: "2.0", id: m.id, result: {protocolVersion: "2026-01-26", hostInfo: {name: "test-host", version: "1"}, hostCapabilities: {openLinks: {}}, hostContext: {}}}, "*");
  if (m.method === "ui/notifications/initialized") app.contentWindow.postMessage({jsonrpc: "2.0", method: "ui/notifications/tool-result", params: result}, "*");
  if (m.method === "ui/open-link") { window.opened.push(m.params.url); app.contentWindow.postMessage({jsonrpc: "2.0", id: m.id, result: {isError: true}}, "*"); }
});
</script>`
	mu.Unlock()
	p.do(chromedp.Navigate(srv.URL + "/host"))
	p.waitJS(`(() => { const d = document.getElementById("app").contentDocument; return !!(d && d.getElementById("open-preview")); })()`, "the framed view shows the launch's link")
	ctxF, cancelF := context.WithTimeout(browser, step)
	_, err = chromedp.Run(ctxF, chromedp.Evaluate[bool](`document.getElementById("app").contentDocument.getElementById("open-preview").focus(), true`))
	cancelF()
	require.NoError(t, err)
	p.do(chromedp.KeyEvent("\r"))
	p.waitJS(`window.opened.length === 1`, "the host was asked to open the preview")
	ctx3, cancel3 := context.WithTimeout(browser, step)
	opened, err := chromedp.Run(ctx3, chromedp.Evaluate[string](`window.opened[0] + "|" + document.getElementById("app").contentWindow.location.pathname + "|" + document.getElementById("app").contentDocument.getElementById("link-note").textContent`))
	cancel3()
	require.NoError(t, err)
	assert.Equal(t, url+"|/|The host did not open it: copy the address.", opened, "the host got the URL, the frame stayed, the refusal is said")
	mu.Lock()
	assert.Empty(t, problems, "script errors in the framed view")
	mu.Unlock()
}

func launchWith(t *testing.T, c *client.Client, flow []any) (string, map[string]any) {
	t.Helper()
	out := tools.OKMap(t, tools.CallTool(t, c, "launch_session_ui", map[string]any{"flow": flow, "openBrowser": false}))
	url, _ := out["url"].(string)
	require.Contains(t, url, "/preview/")
	return url, out
}
