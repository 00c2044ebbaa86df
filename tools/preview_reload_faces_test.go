package tools_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/internal/browsertest"
	"github.com/facesign/facesign-mcp/preview"
	"github.com/facesign/facesign-mcp/tools"
)

// A reload while a session runs in the iframe (Start Session clicked, two
// nodes walked) loses nothing: the session is in the history as in progress,
// the page follows it again and re-embeds it with a fresh secret, the hosted
// page continues at the node where it stood, and the verdict shows when it
// ends. A reload after the end never embeds the finished session again, and
// Start Session makes a new one.
func TestPreviewReloadMidSession(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{})
	_, c, logs := previewStack(t)
	url, _ := launch(t, c)

	p := &page{t: t, ctx: browser}
	p.do(chromedp.Navigate(url))
	p.do(chromedp.WaitVisible(chromedp.CSS(`#svg g[data-node="live"]`)))
	p.do(chromedp.Click(chromedp.CSS("#start")))
	first := p.waitSession("")
	p.attach()
	p.frameWait("start", "s-start")
	p.frameDo(chromedp.WaitEnabled(chromedp.CSS("#begin"), p.in()), chromedp.Click(chromedp.CSS("#begin"), p.in()))
	p.frameWait("live", "s-capture")
	p.frameDo(chromedp.WaitEnabled(chromedp.CSS("#capture"), p.in()), chromedp.Click(chromedp.CSS("#capture"), p.in()))
	p.frameWait("ask", "s-reply")
	p.waitJS(`document.querySelector('#svg g[data-node="live"].taken') !== null`, "the page follows the session before the reload")

	// Reload mid-way.
	p.do(chromedp.Reload())
	p.do(chromedp.WaitVisible(chromedp.CSS(`#svg g[data-node="live"]`)))
	row := fmt.Sprintf(`#panels tr[data-session=%q]`, first)
	assert.Contains(t, strings.ToLower(p.text(row)), "in progress", "the running session is in the history with its live status, in words")
	// (The status line says "resumed" only until the first poll rewrites it:
	// the frame, hidden on a fresh load, is the lasting sign.)
	p.waitJS(fmt.Sprintf(`document.getElementById("status").textContent.includes(%q) && !document.getElementById("frame").hidden && document.getElementById("hosted").src.includes("client_secret=")`, first),
		"the page resumes the running session")
	p.waitJS(`document.querySelector('#svg g[data-node="live"].taken') !== null`, "the path walked before the reload is lit again")
	p.shot("preview-reloaded-mid-session")

	// The hosted page continues where it stood.
	p.attach()
	p.frameWait("ask", "s-reply")
	p.frameDo(chromedp.Click(chromedp.CSS("#controls > summary"), p.in()))
	p.frameDo(chromedp.SetValue(chromedp.CSS("#ctl-outcome"), "ok", p.in()))
	p.frameDo(chromedp.SendKeys(chromedp.CSS("#reply"), "Yes, 7,500 dollars to Jordan\r", p.in()))
	p.frameWait("", "s-finished")
	p.waitJS(`!document.getElementById("report").hidden`, "the report appears after the reload")
	require.Equal(t, "verified", strings.ToLower(p.text("#verdict")))
	assert.Contains(t, p.text("#reportsession"), first)
	steps := p.text("#steps")
	for _, n := range []string{"hi", "live · liveness_detection → livenessDetected", "ask", "bye"} {
		assert.Contains(t, steps, n)
	}
	p.waitJS(fmt.Sprintf(`(document.querySelector(%q) || {textContent: ""}).textContent.includes("verified")`, row), "the history shows the verdict")

	// A reload after the end: the finished session is history, never embedded again.
	p.do(chromedp.Reload())
	p.do(chromedp.WaitVisible(chromedp.CSS(`#svg g[data-node="live"]`)))
	assert.Contains(t, strings.ToLower(p.text(row)), "verified")
	assert.Equal(t, 0, p.count(row+"[data-running]"))
	p.do(chromedp.Sleep(2 * pollInterval))
	assert.Equal(t, 1, p.count("#frame[hidden]"), "the finished session is not embedded again")
	assert.NotContains(t, p.text("#status"), "resumed")

	p.do(chromedp.Click(chromedp.CSS("#start")))
	second := p.waitSession(first)
	assert.NotEqual(t, first, second)
	assert.NotContains(t, logs.String(), previewKey[8:])
}

// pollInterval is previewStack's preview poll interval.
const pollInterval = 300 * time.Millisecond

// A session whose liveness passes with a known name and email enrols a face;
// the preview's account view lists it and its Delete button removes it from
// the sandbox. Without the page's token, or from another origin, the delete
// is refused and changes nothing.
func TestPreviewDeletesEnrolledFace(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{})
	st, c, _ := previewStack(t)
	url, _ := launch(t, c)

	var flow []any
	require.NoError(t, jsonUnmarshal(previewFlow, &flow))
	const name, email = "Ada Lovelace", "ada.lovelace@example.com"
	tools.OKMap(t, tools.CallTool(t, c, "simulate_session", map[string]any{
		"flow": flow, "inputs": map[string]any{"name": name, "email": email},
	}))
	api, err := facesign.New(previewKey, facesign.WithBaseURL(st.SandboxURL))
	require.NoError(t, err)
	faceOf := func() (facesign.Face, bool) {
		faces, err := api.Faces(context.Background())
		require.NoError(t, err)
		for _, f := range faces {
			if f.Email == email {
				return f, true
			}
		}
		return facesign.Face{}, false
	}
	face, ok := faceOf()
	require.True(t, ok, "the passed liveness check enrolled %s", email)
	assert.Equal(t, name, face.Name)

	// Refused: another origin with the token, the right origin without it.
	_, html := get(t, url)
	tok := tokenOf(t, html)
	origin := st.HTTP.URL
	sessions := func() int {
		out := tools.OKMap(t, tools.CallTool(t, c, "list_sessions", map[string]any{"limit": 100}))
		s, _ := out["sessions"].([]any)
		return len(s)
	}
	before := sessions()
	for _, tc := range []struct {
		name string
		hdr  map[string]string
	}{
		{"cross-origin", map[string]string{"Origin": "https://evil.example", preview.TokenHeader: tok}},
		{"cross-site fetch", map[string]string{"Origin": origin, "Sec-Fetch-Site": "cross-site", preview.TokenHeader: tok}},
		{"no token", map[string]string{"Origin": origin}},
		{"wrong token", map[string]string{"Origin": origin, preview.TokenHeader: otherFirst(tok)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := post(t, url+"/faces/"+face.ID+"/delete", tc.hdr)
			assert.Equal(t, http.StatusForbidden, code, body)
			_, still := faceOf()
			assert.True(t, still, "a refused delete leaves the face enrolled")
		})
	}
	assert.Equal(t, before, sessions(), "no refused request created a session")

	// The page's own control deletes it.
	p := &page{t: t, ctx: browser}
	p.do(chromedp.Navigate(url))
	p.do(chromedp.WaitVisible(chromedp.CSS(".account")))
	del := fmt.Sprintf(`button.delface[data-face=%q]`, face.ID)
	p.do(chromedp.WaitVisible(chromedp.CSS(del)))
	item := p.text(".account li:has(" + del + ")")
	assert.Contains(t, item, name)
	assert.Contains(t, item, email)
	p.shot("preview-account-face")
	p.do(chromedp.Click(chromedp.CSS(del)))
	p.waitJS(fmt.Sprintf(`document.querySelector(%q) === null && document.getElementById("status").textContent.includes("Face deleted")`, del), "the deleted face leaves the list")
	_, still := faceOf()
	assert.False(t, still, "the sandbox no longer lists the deleted face")
	assert.NotContains(t, p.text(".account"), email)
	p.shot("preview-account-face-deleted")
}
