package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

func TestCreateGetRefresh(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) { c.Clock = clock.Now; c.PublicURL = "http://127.0.0.1:7717" })

	r := e.do("POST", "/sessions", keyA, map[string]any{
		"clientReferenceId": "order-42", "metadata": map[string]string{"customer": "Ada"},
		"flow": json.RawMessage(simpleFlow), "langs": []string{"en", "fr"}, "avatarId": "avatar_anna",
	})
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	var created facesign.CreateSessionResponse
	r.decode(t, &created)
	s := created.Session
	assert.True(t, strings.HasPrefix(s.ID, "ses_"))
	assert.Equal(t, facesign.StatusRequiresInput, s.Status)
	assert.Equal(t, "order-42", s.Settings.ClientReferenceID)
	assert.Equal(t, "en", s.Settings.DefaultLang, "defaultLang defaults to en")
	assert.Equal(t, "es", s.Settings.Zone, "zone defaults to es")
	assert.Len(t, s.Settings.Flow, 5)
	assert.Equal(t, clock.Now().Unix(), s.CreatedAt.Unix())
	sec := created.ClientSecret
	assert.GreaterOrEqual(t, len(sec.Secret), 64, "32 random bytes, hex")
	assert.Equal(t, "http://127.0.0.1:7717/verify?client_secret="+sec.Secret, sec.URL)
	assert.Equal(t, time.Hour, sec.ExpireAt.Sub(sec.CreatedAt.Time))
	assert.Contains(t, string(r.body), `"createdAt":`+jsonInt(clock.Now().Unix()), "timestamps are Unix seconds")

	// GET returns the same session and the current secret.
	r = e.do("GET", "/sessions/"+s.ID, keyA, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var got facesign.GetSessionResponse
	r.decode(t, &got)
	assert.Equal(t, s.ID, got.Session.ID)
	assert.Equal(t, s.Settings.Metadata, got.Session.Settings.Metadata)
	assert.Equal(t, sec.Secret, got.ClientSecret.Secret)

	ctx := context.Background()
	bySecret, err := e.sb.SessionBySecret(ctx, sec.Secret)
	require.NoError(t, err)
	assert.Equal(t, s.ID, bySecret.ID)

	// Refresh replaces the secret; the old one stops working at once.
	clock.Advance(10 * time.Minute)
	r = e.do("GET", "/sessions/"+s.ID+"/refresh", keyA, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var refreshed struct {
		ClientSecret facesign.ClientSecret `json:"clientSecret"`
	}
	r.decode(t, &refreshed)
	assert.NotEqual(t, sec.Secret, refreshed.ClientSecret.Secret)
	assert.Equal(t, clock.Now().Add(time.Hour).Unix(), refreshed.ClientSecret.ExpireAt.Unix())
	_, err = e.sb.SessionBySecret(ctx, sec.Secret)
	assert.ErrorIs(t, err, ErrSecretUnknown)
	_, err = e.sb.SessionBySecret(ctx, refreshed.ClientSecret.Secret)
	require.NoError(t, err)
	r = e.do("GET", "/sessions/"+s.ID, keyA, nil)
	r.decode(t, &got)
	assert.Equal(t, refreshed.ClientSecret.Secret, got.ClientSecret.Secret)

	// After an hour the secret has expired.
	clock.Advance(time.Hour)
	_, err = e.sb.SessionBySecret(ctx, refreshed.ClientSecret.Secret)
	assert.ErrorIs(t, err, ErrSecretExpired)
	_, err = e.sb.SessionBySecret(ctx, "cs_nope")
	assert.ErrorIs(t, err, ErrSecretUnknown)
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestAvatarsAndLangs(t *testing.T) {
	e := newEnv(t, nil)
	r := e.do("GET", "/avatars", keyA, nil)
	require.Equal(t, http.StatusOK, r.status)
	var av []facesign.Avatar
	r.decode(t, &av)
	require.NotEmpty(t, av)
	for _, a := range av {
		assert.NotEmpty(t, a.ID)
		assert.NotEmpty(t, a.Name)
		assert.True(t, strings.HasPrefix(a.ImageURL, "data:image/svg+xml;base64,"))
	}
	r = e.do("GET", "/langs", keyA, nil)
	require.Equal(t, http.StatusOK, r.status)
	var ls []facesign.Lang
	r.decode(t, &ls)
	assert.Contains(t, ls, facesign.Lang{ID: "en", Title: "English"})
}

func TestAuthentication(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		name, header, code string
	}{
		{"missing", "", "missing_api_key"},
		{"not bearer", "Basic c2tfdGVzdF9hYmNkZWZnaA==", "invalid_authorization"},
		{"live key", "Bearer sk_live_abcdefgh12345678", "invalid_api_key"},
		{"prod key", "Bearer sk_prod_abcdefgh12345678", "invalid_api_key"},
		{"too short", "Bearer sk_test_abc", "invalid_api_key"},
		{"bad characters", "Bearer sk_test_abcd efgh!!", "invalid_api_key"},
		{"no prefix", "Bearer hello-world-123456", "invalid_api_key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", e.srv.URL+"/sandbox/sessions", nil)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			res, err := e.srv.Client().Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			var body map[string]map[string]any
			require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
			assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
			assert.Equal(t, "authentication_error", body["error"]["type"])
			assert.Equal(t, tc.code, body["error"]["code"])
			// The key itself never comes back; at most its last four characters.
			msg := body["error"]["message"].(string)
			assert.NotContains(t, msg, "abcdefgh1234")
		})
	}
}

func TestAccountIsolation(t *testing.T) {
	e := newEnv(t, nil)
	id := e.create(keyA, createBody("ref-a", nil))
	wh := e.do("POST", "/webhooks", keyA, map[string]string{"url": "http://127.0.0.1:1/hook"})
	require.Equal(t, http.StatusCreated, wh.status, "%s", wh.body)
	whID := wh.json(t)["id"].(string)

	for _, tc := range []struct{ method, path string }{
		{"GET", "/sessions/" + id},
		{"GET", "/sessions/" + id + "/refresh"},
		{"POST", "/sessions/" + id + "/simulate"},
		{"GET", "/webhooks/" + whID + "/deliveries"},
		{"DELETE", "/webhooks/" + whID},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			e.do(tc.method, tc.path, keyB, nil).apiErr(t, http.StatusNotFound, "not_found_error")
		})
	}
	assert.Equal(t, 0, e.count(keyB))
	assert.Equal(t, 1, e.count(keyA))
	var hooks struct{ Webhooks []facesign.WebhookEndpoint }
	e.do("GET", "/webhooks", keyB, nil).decode(t, &hooks)
	assert.Empty(t, hooks.Webhooks)
	// A's session is untouched by B's attempts.
	r := e.do("GET", "/sessions/"+id, keyA, nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "requiresInput", r.json(t)["session"].(map[string]any)["status"])
}

func TestUnknownPathsAndMethods(t *testing.T) {
	e := newEnv(t, nil)
	e.do("GET", "/nope", keyA, nil).apiErr(t, http.StatusNotFound, "not_found_error")
	e.do("GET", "/sessions/ses_missing", keyA, nil).apiErr(t, http.StatusNotFound, "not_found_error")
	r := e.do("DELETE", "/sessions", keyA, nil)
	assert.Equal(t, "method_not_allowed", r.apiErr(t, http.StatusMethodNotAllowed, "invalid_request_error")["code"])
	assert.Equal(t, "GET, POST", r.header.Get("Allow"))
	e.do("PUT", "/webhooks/we_1", keyA, nil).apiErr(t, http.StatusMethodNotAllowed, "invalid_request_error")
	e.do("DELETE", "/faces/face_missing", keyA, nil).apiErr(t, http.StatusNotFound, "not_found_error")
	e.do("DELETE", "/webhooks/we_missing", keyA, nil).apiErr(t, http.StatusNotFound, "not_found_error")
}

func TestCreateBadInput(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.MaxBodyBytes = 64 << 10 })
	big := `{"clientReferenceId":"` + strings.Repeat("x", 70<<10) + `","flow":` + simpleFlow + `}`
	for _, tc := range []struct {
		name   string
		body   string
		status int
		code   string
		inMsg  string // the message names the field
		path   string // a details path, when the error is about one field
	}{
		{"empty body", ``, 400, "empty_body", "empty", ""},
		{"malformed JSON", `{"flow": [`, 400, "invalid_json", "not valid JSON", ""},
		{"trailing garbage", `{"flow": ` + simpleFlow + `} x`, 400, "invalid_json", "JSON", ""},
		{"array body", `[1,2]`, 400, "invalid_body", "JSON object", ""},
		{"unknown field", `{"flow": ` + simpleFlow + `, "colour": "red"}`, 400, "unknown_field", `"colour"`, "/colour"},
		{"metadata not strings", `{"flow": ` + simpleFlow + `, "metadata": {"tier": 3}}`, 400, "invalid_type", "metadata.tier", "/metadata/tier"},
		{"langs not array", `{"flow": ` + simpleFlow + `, "langs": "en"}`, 400, "invalid_type", "langs", "/langs"},
		{"clientReferenceId number", `{"flow": ` + simpleFlow + `, "clientReferenceId": 7}`, 400, "invalid_type", "clientReferenceId", "/clientReferenceId"},
		{"flow not array", `{"flow": "start"}`, 400, "invalid_flow", "flow", "/flow"},
		{"node not object", `{"flow": [1]}`, 400, "invalid_flow", "/0", "/flow/0"},
		{"node id number", `{"flow": [{"id": 3, "type": "start"}]}`, 400, "invalid_flow", "/0/id", "/flow/0/id"},
		{"no flow", `{"clientReferenceId": "x"}`, 400, "missing_flow", "flow is required", "/flow"},
		{"modules and flow", `{"flow": ` + simpleFlow + `, "modules": ["identityVerification"]}`, 400, "modules_and_flow", "not both", "/modules"},
		{"unknown module", `{"modules": ["mindReading"]}`, 400, "invalid_module", "mindReading", "/modules/0"},
		{"bad zone", `{"flow": ` + simpleFlow + `, "zone": "mars"}`, 400, "invalid_field", "zone", "/zone"},
		{"bad avatar", `{"flow": ` + simpleFlow + `, "avatarId": "avatar_nobody"}`, 400, "invalid_field", "avatarId", "/avatarId"},
		{"bad lang", `{"flow": ` + simpleFlow + `, "langs": ["en", "xx"]}`, 400, "invalid_field", "langs[1]", "/langs/1"},
		{"defaultLang not in langs", `{"flow": ` + simpleFlow + `, "langs": ["fr"], "defaultLang": "en"}`, 400, "invalid_field", "defaultLang", "/defaultLang"},
		{"empty flow", `{"flow": []}`, 400, "empty_flow", "flow is empty", "/flow"},
		{"dangling target", `{"flow": ` + string(readFlow(t, "invalid/dangling-target.json")) + `}`, 400, "invalid_flow", "/flow/", ""},
		{"oversized", big, 413, "body_too_large", "limit", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do("POST", "/sessions", keyA, tc.body)
			er := r.apiErr(t, tc.status, "validation_error")
			assert.Equal(t, tc.code, er["code"])
			assert.Contains(t, er["message"], tc.inMsg)
			if tc.path != "" {
				details, _ := er["details"].([]any)
				var paths []string
				for _, d := range details {
					paths = append(paths, d.(map[string]any)["path"].(string))
				}
				assert.Contains(t, paths, tc.path)
			}
		})
	}
	assert.Equal(t, 0, e.count(keyA), "nothing is stored on a refused create")
}

func TestCreateInvalidFlowListsEveryError(t *testing.T) {
	e := newEnv(t, nil)
	// Two dangling outcomes and a missing end: each is named with its path.
	fl := `[{"id":"start","type":"start","outcome":"hello"},
	 {"id":"hello","type":"conversation","prompt":"Say: hi","outcomes":[{"id":"a","targetNodeId":"ghost","condition":""}]},
	 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"phantom","deepfakeDetected":"hello","noFace":"hello"}}]`
	r := e.do("POST", "/sessions", keyA, `{"flow":`+fl+`}`)
	er := r.apiErr(t, 400, "validation_error")
	assert.Equal(t, "invalid_flow", er["code"])
	msg := er["message"].(string)
	assert.Contains(t, msg, "ghost")
	assert.Contains(t, msg, "phantom")
	assert.Contains(t, msg, "hello")
	details := er["details"].([]any)
	var paths []string
	for _, d := range details {
		p := d.(map[string]any)["path"].(string)
		assert.True(t, strings.HasPrefix(p, "/flow"), p)
		paths = append(paths, p)
	}
	assert.GreaterOrEqual(t, len(paths), 3, "%v", paths)
	assert.Equal(t, 0, e.count(keyA))
}

func TestCreateWarningsAndModules(t *testing.T) {
	e := newEnv(t, nil)
	r := e.do("POST", "/sessions", keyA, `{"flow":`+string(readFlow(t, "warn/liveness-outcome-to-end.json"))+`}`)
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	var out facesign.CreateSessionResponse
	r.decode(t, &out)
	require.NotEmpty(t, out.Warnings)
	for _, w := range out.Warnings {
		assert.True(t, strings.HasPrefix(w.Path, "/flow"), w.Path)
		assert.NotEmpty(t, w.Message)
	}

	r = e.do("POST", "/sessions", keyA, `{"modules":["identityVerification",{"type":"emailVerification"}]}`)
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	out = facesign.CreateSessionResponse{}
	r.decode(t, &out)
	fl := out.Session.Settings.Flow
	require.NotEmpty(t, fl)
	assert.NotNil(t, fl.Node("liveness_detection"))
	assert.NotNil(t, fl.Node("two_factor_email"))
	assert.Equal(t, "modules_expanded", out.Warnings[0].Code)

	// The expanded flow runs to its end.
	r = e.do("POST", "/sessions/"+out.Session.ID+"/simulate", keyA, `{}`)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var sim facesign.SimulateResponse
	r.decode(t, &sim)
	assert.Equal(t, facesign.StatusComplete, sim.Session.Status)
}

func TestFlowIDIsStable(t *testing.T) {
	e := newEnv(t, nil)
	reordered := `[
 {"type":"start","outcome":"hello","id":"start"},
 {"outcomes":[{"condition":"","targetNodeId":"live","id":"go"}],"id":"hello","type":"conversation","doesNotRequireReply":true,"prompt":"Say: Hello, please look at the camera for a moment."},
 {"id":"live","type":"liveness_detection","outcomes":{"noFace":"bye","deepfakeDetected":"bye","livenessDetected":"bye"}},
 {"id":"bye","type":"conversation","prompt":"Say: Thank you, all done.","doesNotRequireReply":true,"outcomes":[{"id":"done","targetNodeId":"end","condition":""}]},
 {"id":"end","type":"end"}]`
	var a, b, c facesign.CreateSessionResponse
	e.do("POST", "/sessions", keyA, `{"flow":`+simpleFlow+`}`).decode(t, &a)
	e.do("POST", "/sessions", keyA, `{"flow":`+reordered+`}`).decode(t, &b)
	e.do("POST", "/sessions", keyA, `{"flow":`+string(readFlow(t, "wire-transfer.json"))+`}`).decode(t, &c)
	fid := func(f flow.Flow) string {
		raw, err := json.Marshal(f)
		require.NoError(t, err)
		id, err := flowID(f, raw)
		require.NoError(t, err)
		return id
	}
	ida, idb, idc := fid(a.Session.Settings.Flow), fid(b.Session.Settings.Flow), fid(c.Session.Settings.Flow)
	assert.Equal(t, ida, idb, "key order does not change the flow id")
	assert.NotEqual(t, ida, idc)

	var page facesign.ListSessionsResponse
	e.do("GET", "/sessions?flowId="+ida, keyA, nil).decode(t, &page)
	assert.Len(t, page.Sessions, 2)
	e.do("GET", "/sessions?flowId="+idc, keyA, nil).decode(t, &page)
	require.Len(t, page.Sessions, 1)
	assert.Equal(t, c.Session.ID, page.Sessions[0].ID)
}

func TestRateLimit(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) { c.RateLimit = 3; c.Clock = clock.Now })
	for i := range 3 {
		r := e.do("GET", "/langs", keyA, nil)
		require.Equal(t, http.StatusOK, r.status)
		assert.Equal(t, "3", r.header.Get("X-RateLimit-Limit"))
		assert.Equal(t, jsonInt(int64(2-i)), r.header.Get("X-RateLimit-Remaining"))
		assert.NotEmpty(t, r.header.Get("X-RateLimit-Reset"))
	}
	r := e.do("GET", "/langs", keyA, nil)
	r.apiErr(t, http.StatusTooManyRequests, "rate_limit_error")
	assert.Equal(t, "0", r.header.Get("X-RateLimit-Remaining"))
	assert.NotEmpty(t, r.header.Get("Retry-After"))
	// Another account has its own budget; a new minute resets it.
	assert.Equal(t, http.StatusOK, e.do("GET", "/langs", keyB, nil).status)
	clock.Advance(time.Minute)
	assert.Equal(t, http.StatusOK, e.do("GET", "/langs", keyA, nil).status)

	off := newEnv(t, nil)
	r = off.do("GET", "/langs", keyA, nil)
	assert.Empty(t, r.header.Get("X-RateLimit-Limit"), "off by default")
}

func TestSimulateWireTransfer(t *testing.T) {
	e := newEnv(t, nil)
	id := e.create(keyA, map[string]any{"flow": readFlow(t, "wire-transfer.json"), "metadata": map[string]string{"amount": "9500"}})
	r := e.do("POST", "/sessions/"+id+"/simulate", keyA, map[string]any{
		"replies": map[string]string{"confirm_transfer": "Yes, 9,500 euros to Globex, nobody asked me to"},
	})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var sim facesign.SimulateResponse
	r.decode(t, &sim)
	assert.Equal(t, facesign.StatusComplete, sim.Session.Status)
	require.NotNil(t, sim.Session.Report)
	assert.NotNil(t, sim.Session.FinishedAt)
	var nodes []string
	for _, p := range sim.Path {
		nodes = append(nodes, p.NodeID)
	}
	assert.Equal(t, []string{"start", "intro", "liveness", "confirm_transfer", "otp", "done", "end"}, nodes)

	// The OTP went to the outbox; the transcript is searchable.
	var ob struct{ Outbox []facesign.OutboxMessage }
	e.do("GET", "/outbox", keyA, nil).decode(t, &ob)
	require.Len(t, ob.Outbox, 1)
	assert.Equal(t, id, ob.Outbox[0].SessionID)
	assert.Equal(t, "otp", ob.Outbox[0].NodeID)
	assert.Len(t, ob.Outbox[0].Code, 6)
	var page facesign.ListSessionsResponse
	e.do("GET", "/sessions?search=Globex", keyA, nil).decode(t, &page)
	require.Len(t, page.Sessions, 1)
	assert.Equal(t, id, page.Sessions[0].ID)

	// A finished session cannot run again; bad outcomes are the caller's error.
	e.do("POST", "/sessions/"+id+"/simulate", keyA, `{}`).apiErr(t, http.StatusConflict, "validation_error")
	id2 := e.create(keyA, map[string]any{"flow": readFlow(t, "wire-transfer.json")})
	er := e.do("POST", "/sessions/"+id2+"/simulate", keyA, `{"outcomes":{"liveness":"teleported"}}`).apiErr(t, 400, "validation_error")
	assert.Contains(t, er["message"], "teleported")
	er = e.do("POST", "/sessions/"+id2+"/simulate", keyA, `{"outcome":{}}`).apiErr(t, 400, "validation_error")
	assert.Contains(t, er["message"], "outcome")
	e.do("POST", "/sessions/"+id2+"/simulate", keyA, `[]`).apiErr(t, 400, "validation_error")
	r = e.do("GET", "/sessions/"+id2, keyA, nil)
	assert.Equal(t, "requiresInput", r.json(t)["session"].(map[string]any)["status"], "a refused simulate changes nothing")
}

func TestSimulateEnrolsAndRecognises(t *testing.T) {
	e := newEnv(t, nil)
	enrol := `[{"id":"start","type":"start","outcome":"hi"},
	 {"id":"hi","type":"conversation","prompt":"Say: Hello there, please look at the camera.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"live","condition":""}]},
	 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"bye","deepfakeDetected":"bye","noFace":"bye"}},
	 {"id":"bye","type":"conversation","prompt":"Say: Done.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"end","condition":""}]},
	 {"id":"end","type":"end"}]`
	id := e.create(keyA, map[string]any{"flow": json.RawMessage(enrol), "providedData": map[string]string{"name": "Grace Hopper", "email": "grace@example.com"}})
	r := e.do("POST", "/sessions/"+id+"/simulate", keyA, `{}`)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var faces struct{ Faces []facesign.Face }
	e.do("GET", "/faces", keyA, nil).decode(t, &faces)
	require.Len(t, faces.Faces, 1)
	assert.Equal(t, "grace@example.com", faces.Faces[0].Email)
	assert.Equal(t, id, faces.Faces[0].SessionID)
	// Account B sees none of A's faces.
	e.do("GET", "/faces", keyB, nil).decode(t, &faces)
	assert.Empty(t, faces.Faces)

	recog := `[{"id":"start","type":"start","outcome":"hi"},
	 {"id":"hi","type":"conversation","prompt":"Say: Welcome back, please look at the camera.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"rec","condition":""}]},
	 {"id":"rec","type":"recognition","outcomes":{"recognized":"live","newUser":"live","noFace":"live"}},
	 {"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"bye","deepfakeDetected":"bye","noFace":"bye"}},
	 {"id":"bye","type":"conversation","prompt":"Say: Done.","doesNotRequireReply":true,"outcomes":[{"id":"n","targetNodeId":"end","condition":""}]},
	 {"id":"end","type":"end"}]`
	for _, tc := range []struct {
		key, face, want string
	}{
		{keyA, "grace@example.com", "recognized"},
		{keyA, "nobody@example.com", "newUser"},
		{keyB, "grace@example.com", "newUser"}, // another account's faces never match
	} {
		sid := e.create(tc.key, map[string]any{"flow": json.RawMessage(recog)})
		r := e.do("POST", "/sessions/"+sid+"/simulate", tc.key, map[string]any{"inputs": map[string]any{"face": tc.face}})
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		var sim facesign.SimulateResponse
		r.decode(t, &sim)
		assert.Equal(t, tc.want, sim.Path[2].Outcome, "%s as %s", tc.face, tc.key[:16])
	}

	// Deleting the face stops recognition.
	e.do("GET", "/faces", keyA, nil).decode(t, &faces)
	require.Equal(t, http.StatusOK, e.do("DELETE", "/faces/"+faces.Faces[0].ID, keyA, nil).status)
	sid := e.create(keyA, map[string]any{"flow": json.RawMessage(recog)})
	var sim facesign.SimulateResponse
	e.do("POST", "/sessions/"+sid+"/simulate", keyA, `{"inputs":{"face":"grace@example.com"}}`).decode(t, &sim)
	assert.Equal(t, "newUser", sim.Path[2].Outcome)
}

func TestJanitorCancelsStaleSessions(t *testing.T) {
	clock := newFakeClock()
	e := newEnv(t, func(c *Config) {
		c.Clock = clock.Now
		c.ExpireUnusedAfter = 2 * time.Hour
	})
	stale := e.create(keyA, createBody("stale", nil))
	clock.Advance(90 * time.Minute)
	fresh := e.create(keyA, createBody("fresh", nil))
	refreshed := e.create(keyA, createBody("refreshed", nil))
	done := e.create(keyA, createBody("done", nil))
	require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+done+"/simulate", keyA, `{}`).status)
	clock.Advance(60 * time.Minute)
	require.Equal(t, http.StatusOK, e.do("GET", "/sessions/"+refreshed+"/refresh", keyA, nil).status)

	n, err := e.sb.sweep(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	status := func(id string) string {
		return e.do("GET", "/sessions/"+id, keyA, nil).json(t)["session"].(map[string]any)["status"].(string)
	}
	assert.Equal(t, "canceled", status(stale))
	assert.Equal(t, "requiresInput", status(fresh))
	assert.Equal(t, "complete", status(done))

	clock.Advance(61 * time.Minute) // fresh is now 2h01 old; refreshed was renewed 1h01 ago
	n, err = e.sb.sweep(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Equal(t, "canceled", status(fresh))
	assert.Equal(t, "requiresInput", status(refreshed))
	assert.Equal(t, "complete", status(done))
}

func TestMergeSearchIndexKeepsResults(t *testing.T) {
	e := newEnv(t, nil)
	for i := range 30 {
		e.create(keyA, createBody("merge-"+jsonInt(int64(i)), map[string]string{"who": "Barbara Liskov"}))
	}
	before := e.page(keyA, "search=liskov&limit=100")
	require.NoError(t, e.sb.mergeSearchIndex(context.Background()))
	after := e.page(keyA, "search=liskov&limit=100")
	assert.Len(t, after.Sessions, 30)
	assert.Equal(t, ids(before), ids(after))
}
