package hosted_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/internal/browsertest"
)

// The identity flow with the camera: a document captured from the camera
// with fields set in the controls, a face scan, a face comparison decided on
// the server, recognition of a face enrolled earlier, and a data validation.
func TestHostedIdentityFlow(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{FakeVideo: redY4M(t)})
	e := newEnv(t)
	e.listenHooks()

	// An earlier liveness session enrols Sam Rivera, whom recognition then picks.
	enrol := e.create(`[{"id":"start","type":"start","outcome":"live"},{"id":"live","type":"liveness_detection",
		"outcomes":{"livenessDetected":"end","deepfakeDetected":"end","noFace":"end"}},{"id":"end","type":"end"}]`,
		map[string]any{"providedData": map[string]any{"name": "Sam Rivera", "email": "sam.rivera@example.com"}})
	f0 := e.openFramed(browser, enrol.ClientSecret.URL)
	f0.click("#begin")
	f0.wait("live", "s-capture")
	f0.click("#capture")
	f0.wait("", "s-finished")

	c := e.create(identityFlow, nil)
	f := e.openFramed(browser, c.ClientSecret.URL)
	f.openControls()
	f.click("#begin")
	f.wait("access", "s-permissions")
	assert.Equal(t, "Allow camera", f.text("#allow"))
	f.click("#allow")
	f.wait("doc", "s-document")
	f.typeIn("#ctl-doc-firstName", "Sam")
	f.typeIn("#ctl-doc-lastName", "Rivera")
	f.typeIn("#ctl-doc-dateOfBirth", "1988-02-29")
	f.choose("#doc-type", "id")
	f.click("#doc-capture")
	f.wait("selfie", "s-capture")
	f.choose("#ctl-similarity", "0.91")
	f.click("#capture")
	// face_compare is FaceSign's alone: with the controls open it waits for the developer.
	f.wait("same", "s-continue")
	f.click("#continue")
	f.wait("who", "s-capture")
	require.Contains(t, f.text("#ctl-face"), "Sam Rivera <sam.rivera@example.com>")
	f.choose("#ctl-recognition", "recognized")
	f.click("#capture")
	f.wait("adult", "s-continue")
	f.click("#continue")
	f.wait("", "s-finished")
	evs := f.waitEvent("complete")

	s := e.session(c.Session.ID)
	require.Equal(t, facesign.StatusComplete, s.Status)
	assert.Equal(t, []string{"access:permissionsGranted", "doc:scanSuccess", "selfie:passed", "same:match",
		"who:recognized", "adult:end"}, outcomes(s))
	assert.Equal(t, "Sam", s.Report.ExtractedData["firstName"])
	assert.Equal(t, "id", s.Report.ExtractedData["documentType"])
	assert.Equal(t, "1988-02-29", s.Report.ExtractedData["dateOfBirth"])
	assert.Equal(t, "sam.rivera@example.com", s.Report.ExtractedData["email"], "recognition collected the enrolled profile")
	require.Len(t, s.Report.Screenshots, 3, "document, face scan, recognition")
	for _, u := range s.Report.Screenshots {
		require.True(t, strings.HasPrefix(u, e.base+"/verify/media/med_"), u)
		img, _ := fetchImage(t, u)
		r, g, b, _ := img.At(img.Bounds().Dx()/2, img.Bounds().Dy()/2).RGBA()
		assert.Greater(t, r>>8, uint32(230))
		assert.Less(t, g>>8, uint32(20))
		assert.Less(t, b>>8, uint32(20))
	}
	assert.Equal(t, []string{"ready:requiresInput", "started", "step:left:start",
		"step:entered:access", "step:left:access:permissionsGranted",
		"step:entered:doc", "step:left:doc:scanSuccess",
		"step:entered:selfie", "step:left:selfie:passed",
		"step:entered:same", "step:left:same:match",
		"step:entered:who", "step:left:who:recognized",
		"step:entered:adult", "step:left:adult:is_adult", "step:entered:end", "complete:complete"}, eventTrail(evs))

	// A media URL is refused once tampered with, and once expired.
	u := s.Report.Screenshots[0]
	res, err := http.Get(strings.Replace(u, "sig=", "sig=A", 1))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	e.clock.Advance(2 * time.Hour)
	res, err = http.Get(u)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	fresh := e.session(c.Session.ID).Report.Screenshots[0]
	assert.NotEqual(t, u, fresh, "a later GET signs a fresh URL")
	fetchImage(t, fresh)
}

// The camera refused: the permissions node takes permissionsDenied, the
// page tells its parent, and the flow goes on to its honest end.
func TestHostedCameraDenied(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{DenyMedia: true})
	e := newEnv(t)
	c := e.create(conversationFlow, nil)
	f := e.openFramed(browser, c.ClientSecret.URL)
	f.click("#begin")
	f.wait("access", "s-permissions")
	f.click("#allow")
	f.wait("", "s-finished")
	evs := f.waitEvent("complete")
	s := e.session(c.Session.ID)
	assert.Equal(t, []string{"intro:access", "access:permissionsDenied", "stop:end"}, outcomes(s))
	assert.Contains(t, eventTrail(evs), "error:camera_unavailable")
	assert.Contains(t, eventTrail(evs), "step:left:access:permissionsDenied")

	// A liveness node with no camera at all takes its honest outcome, no hang.
	c2 := e.create(`[{"id":"start","type":"start","outcome":"live"},{"id":"live","type":"liveness_detection",
		"outcomes":{"livenessDetected":"end","deepfakeDetected":"end","noFace":"end","captureUnavailable":"end"}},{"id":"end","type":"end"}]`, nil)
	f2 := e.openFramed(browser, c2.ClientSecret.URL)
	f2.click("#begin")
	f2.wait("", "s-finished")
	assert.Equal(t, []string{"live:captureUnavailable"}, outcomes(e.session(c2.Session.ID)))
}

// A wrong code until the attempts run out ends the two-factor node in
// failed_unverified.
func TestHostedOTPAttemptsRunOut(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{})
	e := newEnv(t)
	c := e.create(`[{"id":"start","type":"start","outcome":"otp"},{"id":"otp","type":"two_factor_email","maxAttempts":3,
		"outcomes":{"verified":"end","delivery_failed":"end","failed_unverified":"end","cancelled":"end","error":"end"}},{"id":"end","type":"end"}]`,
		map[string]any{"providedData": map[string]any{"email": "pat@example.com"}})
	f := e.openFramed(browser, c.ClientSecret.URL)
	f.openControls()
	f.click("#begin")
	right := ""
	for i, left := range []string{"2 attempts left", "1 attempt left"} {
		f.wait("otp", "s-code")
		right = f.otp()
		f.typeIn("#code", wrongCode(right)+"\r")
		require.Eventually(t, func() bool { return strings.Contains(f.text("#code-message"), left) }, stepTimeout, 50*time.Millisecond, "attempt %d", i+1)
	}
	f.typeIn("#code", wrongCode(right)+"\r")
	f.wait("", "s-finished")
	s := e.session(c.Session.ID)
	assert.Equal(t, []string{"otp:failed_unverified"}, outcomes(s))
	assert.Equal(t, "tooManyAttempts", s.Report.NodeReports[0].Report["reason"])
}

// Secrets: unknown, expired and replaced each get their page, status and
// error event; the refreshed secret's page works.
func TestHostedSecretErrors(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{})
	e := newEnv(t)
	c := e.create(conversationFlow, nil)

	status := func(url string) int {
		res, err := http.Get(url)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	unknown := e.base + "/verify?client_secret=cs_nosuchsecret"
	assert.Equal(t, http.StatusNotFound, status(unknown))
	assert.Equal(t, http.StatusBadRequest, status(e.base+"/verify"))
	f := e.openFramed(browser, unknown)
	assert.Equal(t, []string{"error:secret_unknown"}, eventTrail(f.waitEvent("error")))

	refreshed := e.refresh(c.Session.ID)
	assert.Equal(t, http.StatusGone, status(c.ClientSecret.URL))
	f = e.openFramed(browser, c.ClientSecret.URL)
	assert.Equal(t, []string{"error:secret_replaced"}, eventTrail(f.waitEvent("error")))
	assert.Contains(t, f.text("#problem-title"), "replaced")
	assert.Contains(t, f.text("main"), "GET /sessions/{id}/refresh")

	// The embedder answers by reloading with the new URL: the session starts.
	f = e.openFramed(browser, refreshed.URL)
	f.click("#begin")
	f.wait("access", "s-permissions")

	// The secret expires while the page is open: its next call says so.
	e.clock.Advance(61 * time.Minute)
	assert.Equal(t, http.StatusGone, status(refreshed.URL))
	f.click("#allow")
	f.wait("", "s-problem")
	assert.Contains(t, eventTrail(f.waitEvent("error")), "error:secret_expired")
	g := e.openFramed(browser, refreshed.URL)
	assert.Equal(t, []string{"error:secret_expired"}, eventTrail(g.waitEvent("error")))

	// Refreshed again, the page resumes the session where it stood.
	again := e.refresh(c.Session.ID)
	h := e.openFramed(browser, again.URL)
	h.wait("access", "s-permissions")
	assert.Equal(t, "ready:processing", eventTrail(h.waitEvent("ready"))[0])
}

// The page's JSON calls: the secret alone authorises them, bad input changes
// nothing, uploads are bounded and type-checked. No browser needed.
func TestHostedCalls(t *testing.T) {
	e := newEnv(t)
	c := e.create(conversationFlow, nil)
	do := func(method, path, secret, ctype string, body []byte) (int, map[string]any) {
		req, err := http.NewRequest(method, e.base+path, bytes.NewReader(body))
		require.NoError(t, err)
		if secret != "" {
			req.Header.Set("X-Client-Secret", secret)
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		return res.StatusCode, m
	}
	sec := c.ClientSecret.Secret
	code, _ := do("GET", "/verify/api/state", "", "", nil)
	assert.Equal(t, http.StatusUnauthorized, code)
	code, _ = do("GET", "/verify/api/state", "cs_wrong", "", nil)
	assert.Equal(t, http.StatusNotFound, code)
	code, v := do("GET", "/verify/api/state", sec, "", nil)
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "requiresInput", v["status"])
	raw, _ := json.Marshal(v)
	assert.NotContains(t, string(raw), sec, "the view never holds the secret")

	tests := []struct {
		name string
		body string
		code int
	}{
		{"unknown field", `{"nodeId":"start","bogus":1}`, http.StatusBadRequest},
		{"no node", `{}`, http.StatusBadRequest},
		{"stale node", `{"nodeId":"ask"}`, http.StatusConflict},
		{"bad input", `{"nodeId":"start","inputs":{"liveness":"maybe"}}`, http.StatusBadRequest},
		{"foreign screenshot", `{"nodeId":"start","screenshot":"https://evil.example/x.jpg"}`, http.StatusBadRequest},
		{"not JSON", `nope`, http.StatusBadRequest},
		{"repeated key", `{"nodeId":"ask","nodeId":"start"}`, http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, m := do("POST", "/verify/api/advance", sec, "application/json", []byte(tc.body))
			assert.Equal(t, tc.code, code, "%v", m)
			assert.NotEmpty(t, m["error"].(map[string]any)["message"])
		})
	}
	assert.Equal(t, facesign.StatusRequiresInput, e.session(c.Session.ID).Status, "nothing changed")

	code, v = do("POST", "/verify/api/advance", sec, "application/json", []byte(`{"nodeId":"start"}`))
	require.Equal(t, http.StatusOK, code, "%v", v)
	assert.Equal(t, "processing", v["status"])

	_, jpg := redJPEG(t)
	code, m := do("POST", "/verify/api/media?node=intro&kind=screenshot", sec, "image/jpeg", []byte("GIF89a not an image we take"))
	assert.Equal(t, http.StatusUnsupportedMediaType, code, "%v", m)
	code, _ = do("POST", "/verify/api/media?node=intro&kind=screenshot", sec, "image/jpeg", make([]byte, 3<<20))
	assert.Equal(t, http.StatusRequestEntityTooLarge, code)
	code, _ = do("POST", "/verify/api/media?node=live&kind=screenshot", sec, "image/jpeg", jpg)
	assert.Equal(t, http.StatusConflict, code, "an image for a node the session is not at")
	code, _ = do("POST", "/verify/api/media?node=intro&kind=video", sec, "image/jpeg", jpg)
	assert.Equal(t, http.StatusBadRequest, code)
	for i := range 40 {
		code, m = do("POST", "/verify/api/media?node=intro&kind=screenshot", sec, "image/jpeg", jpg)
		require.Equal(t, http.StatusCreated, code, "upload %d: %v", i, m)
	}
	code, _ = do("POST", "/verify/api/media?node=intro&kind=screenshot", sec, "image/jpeg", jpg)
	assert.Equal(t, http.StatusRequestEntityTooLarge, code, "a session keeps at most 40 images")

	code, v = do("POST", "/verify/api/cancel", sec, "application/json", []byte(`{"reason":"userLeft"}`))
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "canceled", v["status"])
	code, _ = do("POST", "/verify/api/advance", sec, "application/json", []byte(`{"nodeId":"intro"}`))
	assert.Equal(t, http.StatusConflict, code)
}

// The page's headers: a CSP with a fresh nonce per answer, framing by
// loopback and the configured origins only, camera and microphone for the
// page itself, no referrer.
func TestHostedHeaders(t *testing.T) {
	e := newEnv(t)
	c := e.create(conversationFlow, nil)
	get := func() http.Header {
		res, err := http.Get(c.ClientSecret.URL)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		return res.Header
	}
	h1, h2 := get(), get()
	csp := h1.Get("Content-Security-Policy")
	assert.Contains(t, csp, "script-src 'nonce-")
	assert.NotContains(t, csp, "unsafe-inline")
	assert.Contains(t, csp, "frame-ancestors 'self' http://127.0.0.1:*")
	assert.Contains(t, csp, e.base)
	assert.NotEqual(t, csp, h2.Get("Content-Security-Policy"), "a nonce per answer")
	assert.Equal(t, "camera=(self), microphone=(self), autoplay=(self), geolocation=(), payment=(), usb=()", h1.Get("Permissions-Policy"))
	assert.Equal(t, "no-referrer", h1.Get("Referrer-Policy"))
	assert.Equal(t, "nosniff", h1.Get("X-Content-Type-Options"))
	assert.Empty(t, h1.Get("X-Frame-Options"), "frame-ancestors decides framing")

	for path, want := range map[string]int{"/verify/static/app.js": 200, "/verify/static/": 404, "/verify/static/nope.js": 404, "/verify/nothing": 404} {
		res, err := http.Get(e.base + path)
		require.NoError(t, err)
		res.Body.Close()
		assert.Equal(t, want, res.StatusCode, path)
		assert.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'none'", "every answer has the headers: %s", path)
	}
}

// wrongCode is a code of the same length that is not right.
func wrongCode(right string) string {
	w := strings.Repeat("1", len(right))
	if w == right {
		w = strings.Repeat("2", len(right))
	}
	return w
}

// Leaving cancels the session: cancel, then complete with canceled; the
// webhook says so too, and the page then shows its finished screen.
func TestHostedLeave(t *testing.T) {
	browser := browsertest.New(t, browsertest.Options{})
	e := newEnv(t)
	e.listenHooks()
	c := e.create(conversationFlow, nil)
	f := e.openFramed(browser, c.ClientSecret.URL)
	f.click("#begin")
	f.wait("access", "s-permissions")
	f.click("#leave")
	f.wait("", "s-finished")
	trail := eventTrail(f.waitEvent("complete"))
	assert.Equal(t, []string{"cancel", "complete:canceled"}, trail[len(trail)-2:])
	s := e.session(c.Session.ID)
	assert.Equal(t, facesign.StatusCanceled, s.Status)
	require.Eventually(t, func() bool { return len(e.hooks.eventsFor(s.ID)) >= 3 }, stepTimeout, 20*time.Millisecond,
		"created, processing, canceled")
	g := e.openFramed(browser, c.ClientSecret.URL)
	g.wait("", "s-finished")
	assert.Contains(t, g.text("#finished-text"), "canceled")
}
