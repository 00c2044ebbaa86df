package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStrictBodyAnswers pins the whole answer (code, message, details path) a
// strictly decoded body gets, on each endpoint that decodes one.
func TestStrictBodyAnswers(t *testing.T) {
	const settingsFields = "clientReferenceId, metadata, flow, modules, providedData, avatarId, langs, defaultLang, zone, " +
		"customization, videoAIAnalysisEnabled, initialPhrase, finalPhrase"
	e := newEnv(t, nil)
	id := e.create(keyA, createBody("", nil))
	sim := "/sessions/" + id + "/simulate"
	// tooDeepAt is the answer to a body whose 65th level opens at byte n (1-based).
	tooDeepAt := func(n int) string {
		return fmt.Sprintf("the request body is nested too deeply: arrays and objects may nest at most 64 levels, and level 65 opens at byte %d", n)
	}
	const deepNode = `{"flow":[{"id":"start","type":"start","outcome":"e","x":`
	for _, tc := range []struct {
		name, target, body string
		code, msg, path    string
	}{
		{"settings: unknown top-level key", "/sessions", `{"flow":` + simpleFlow + `,"colour":"red"}`,
			"unknown_field", `unknown field "colour" at /colour: the session settings are ` + settingsFields, "/colour"},
		{"settings: unknown key in branding", "/sessions", `{"flow":` + simpleFlow + `,"customization":{"branding":{"primaryColor":"#fff","logo":"x"}}}`,
			"unknown_field", `unknown field "logo" at /customization/branding/logo: customization.branding has primaryColor, logoUrl`, "/customization/branding/logo"},
		{"settings: unknown key in customization", "/sessions", `{"customization":{"zzz":1}}`,
			"unknown_field", `unknown field "zzz" at /customization/zzz: customization has branding`, "/customization/zzz"},
		{"settings: an unknown key is named before an earlier type error", "/sessions", `{"clientReferenceId":7,"colour":1}`,
			"unknown_field", `unknown field "colour" at /colour: the session settings are ` + settingsFields, "/colour"},
		{"settings: a metadata value is named before an unknown key", "/sessions", `{"colour":1,"metadata":{"a":3}}`,
			"invalid_type", `metadata.a: expected a string, got a number (metadata values are strings)`, "/metadata/a"},
		{"settings: key escaped in its pointer", "/sessions", `{"a/b~c":1}`,
			"unknown_field", `unknown field "a/b~c" at /a~1b~0c: the session settings are ` + settingsFields, "/a~1b~0c"},
		{"settings: wrong type", "/sessions", `{"langs":"en"}`, "invalid_type", "langs: expected an array, got a JSON string", "/langs"},
		{"settings: object of the wrong type", "/sessions", `{"customization":5}`,
			"invalid_type", "customization: expected an object, got a JSON number", "/customization"},
		{"settings: truncated", "/sessions", `{"flow":[`,
			"invalid_json", "the request body is not valid JSON: unexpected end of JSON input (at byte 9)", ""},
		{"settings: trailing data", "/sessions", `{"flow":` + simpleFlow + `} x`, "invalid_json", "the request body has data after its JSON object", ""},
		{"settings: trailing data after an unknown key", "/sessions", `{"colour":1} x`,
			"invalid_json", "the request body is not valid JSON: invalid character 'x' after top-level value (at byte 14)", ""},
		{"settings: flow not an array", "/sessions", `{"flow":"start"}`, "invalid_flow", "flow: expected an array of nodes, got a string", "/flow"},
		// A node keeps its unknown fields: 9,996 levels there were once stored,
		// and answered back deeper than any JSON decoder reads.
		{"settings: nested too deeply in a node", "/sessions", deepNode + nest(9996) + `},{"id":"e","type":"end"}]}`,
			"invalid_json", tooDeepAt(len(deepNode) + 62), ""},
		{"settings: nested too deeply, before an unknown key", "/sessions", `{"colour":` + nest(64) + `}`,
			"invalid_json", tooDeepAt(len(`{"colour":`) + 64), ""},
		{"settings: nested too deeply, before truncation", "/sessions", `{"flow":` + strings.Repeat("[", 100),
			"invalid_json", tooDeepAt(len(`{"flow":`) + 64), ""},
		{"settings: nested too deeply, the objects counted too", "/sessions", strings.Repeat(`{"a":`, 65) + "1" + strings.Repeat("}", 65),
			"invalid_json", tooDeepAt(64*len(`{"a":`) + 1), ""},

		{"simulate: unknown key", sim, `{"outcome":{}}`,
			"unknown_field", `unknown field "outcome": the simulate body has outcomes, replies and inputs`, "/outcome"},
		{"simulate: the first problem is named", sim, `{"outcomes":5,"bogus":1}`,
			"invalid_type", "outcomes: expected an object of strings, got a JSON number", "/outcomes"},
		{"simulate: unknown key first", sim, `{"bogus":1,"outcomes":5}`,
			"unknown_field", `unknown field "bogus": the simulate body has outcomes, replies and inputs`, "/bogus"},
		{"simulate: wrong type in a map", sim, `{"outcomes":{"a":1}}`, "invalid_type", "outcomes: expected a string, got a JSON number", "/outcomes"},
		{"simulate: truncated", sim, `{"outcomes":`, "invalid_json", "the request body is truncated JSON", ""},
		{"simulate: syntax", sim, `{"outcomes":}`,
			"invalid_json", "the request body is not valid JSON: invalid character '}' looking for beginning of value (at byte 13)", ""},
		{"simulate: not an object", sim, `[]`, "invalid_body", "the simulate body must be a JSON object {outcomes, replies, inputs}", ""},
		{"simulate: trailing data", sim, `{"outcomes":{}} x`, "invalid_json", "the request body has data after its JSON object", ""},
		{"simulate: a second object", sim, `{} {"outcomes":{}}`, "invalid_json", "the request body has data after its JSON object", ""},

		{"simulate: nested too deeply", sim, `{"inputs":{"a":` + nest(63) + `}}`,
			"invalid_json", tooDeepAt(len(`{"inputs":{"a":`) + 63), ""},
		{"simulate: brackets in strings do not nest", sim, `{"outcomes":{"a":"` + strings.Repeat("[", 100) + `\"{"},"bogus":1}`,
			"unknown_field", `unknown field "bogus": the simulate body has outcomes, replies and inputs`, "/bogus"},
		{"simulate: key escaped in its pointer", sim, `{"a/b~c":1}`,
			"unknown_field", `unknown field "a/b~c": the simulate body has outcomes, replies and inputs`, "/a~1b~0c"},

		{"webhook: unknown key", "/webhooks", `{"url":"http://127.0.0.1/x","events":["*"]}`,
			"unknown_field", `unknown field "events": a webhook endpoint has only url`, "/events"},
		{"webhook: key escaped in its pointer", "/webhooks", `{"a/b~c":1}`,
			"unknown_field", `unknown field "a/b~c": a webhook endpoint has only url`, "/a~1b~0c"},
		{"webhook: wrong type", "/webhooks", `{"url":5}`, "invalid_type", "url: expected a string, got a JSON number", "/url"},
		{"webhook: syntax", "/webhooks", `{"url":"x",}`,
			"invalid_json", "the request body is not valid JSON: invalid character '}' looking for beginning of object key string (at byte 12)", ""},
		{"webhook: truncated", "/webhooks", `{"url":`, "invalid_json", "the request body is truncated JSON", ""},
		{"webhook: not an object", "/webhooks", `[]`, "invalid_body", `the body must be a JSON object {"url": "http://…"}`, ""},
		{"webhook: nested too deeply", "/webhooks", `{"url":` + nest(64) + `}`, "invalid_json", tooDeepAt(len(`{"url":`) + 64), ""},
		{"webhook: trailing data", "/webhooks", `{"url":"http://127.0.0.1/x"} garbage`, "invalid_json", "the request body has data after its JSON object", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			er := e.do("POST", tc.target, keyA, tc.body).apiErr(t, http.StatusBadRequest, "validation_error")
			assert.Equal(t, tc.code, er["code"])
			assert.Equal(t, tc.msg, er["message"])
			details, _ := er["details"].([]any)
			if tc.path == "" {
				assert.Empty(t, details)
				return
			}
			if assert.Len(t, details, 1) {
				d := details[0].(map[string]any)
				assert.Equal(t, tc.path, d["path"])
				assert.Equal(t, tc.code, d["code"])
				assert.Equal(t, tc.msg, d["message"], "the detail says what the message says")
			}
		})
	}
}

// nest is n arrays, each inside the one before.
func nest(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

// A body nested as deeply as the bound allows is taken, stored, and read back
// (a session's answers nest a few levels more than its settings).
func TestNestingAtTheBound(t *testing.T) {
	e := newEnv(t, nil)
	// The node field's arrays make levels 4 to 64 of the body.
	body := `{"flow":[{"id":"start","type":"start","outcome":"e","x":` + nest(61) + `},{"id":"e","type":"end"}]}`
	id := e.create(keyA, body)
	got := e.do("GET", "/sessions/"+id, keyA, nil)
	require.Equal(t, http.StatusOK, got.status, "body: %s", got.body)
	assert.Contains(t, string(got.body), nest(61))
	list := e.do("GET", "/sessions", keyA, nil)
	require.Equal(t, http.StatusOK, list.status)
	assert.Contains(t, string(list.body), id)

	assert.Nil(t, tooDeep([]byte(strings.Repeat("[", 64))), "64 levels, even unclosed")
	assert.NotNil(t, tooDeep([]byte(strings.Repeat("[", 65))))
	assert.NotNil(t, tooDeep([]byte(`"\\"`+strings.Repeat("[", 65))), "a string ending in an escaped backslash ends")
	assert.NotNil(t, tooDeep([]byte(strings.Repeat("]", 100)+strings.Repeat("[", 65))), "stray closers do not lend depth")
	assert.Nil(t, tooDeep([]byte(`"\"`+strings.Repeat("[", 100)+`"`)), "an escaped quote does not end the string")
}

type strictInner struct {
	Deep string `json:"deep"`
}

type StrictPromoted struct {
	Promoted string `json:"promoted"`
	Shadowed int    `json:"name"` // hidden by the outer name
}

type strictProbe struct {
	StrictPromoted
	Name     string       `json:"name,omitempty"`
	Untagged string       // encoding/json takes it as "Untagged"
	Skipped  string       `json:"-"`
	Inner    *strictInner `json:"inner"`
	private  string       //lint:ignore U1000 an unexported field decodeStrict must pass over
}

// decodeStrict reads the fields it names from the target type, as
// encoding/json decodes them: no list is kept by hand.
func TestDecodeStrictNamesFieldsFromType(t *testing.T) {
	b := smallBody("probe", "the probe")
	const fields = "name, Untagged, inner and promoted"
	for _, tc := range []struct {
		name, body, msg, path string
	}{
		{"top level", `{"name":"x","nope":1}`, `unknown field "nope": the probe has ` + fields, "/nope"},
		{"a promoted key is known", `{"promoted":"p","Untagged":"u","nope":1}`, `unknown field "nope": the probe has ` + fields, "/nope"},
		{"a skipped field is unknown", `{"Skipped":"x"}`, `unknown field "Skipped": the probe has ` + fields, "/Skipped"},
		{"an unexported field is unknown", `{"private":"x"}`, `unknown field "private": the probe has ` + fields, "/private"},
		{"nested", `{"inner":{"deep":"d","deeper":1}}`, `unknown field "deeper": inner has only deep`, "/inner/deeper"},
		{"long key truncated", `{"` + strings.Repeat("k", 70) + `":1}`,
			`unknown field "` + strings.Repeat("k", 60) + `…": the probe has ` + fields, "/" + strings.Repeat("k", 70)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v strictProbe
			_, ae := decodeStrict([]byte(tc.body), &v, b)
			require.NotNil(t, ae)
			assert.Equal(t, "unknown_field", ae.Code)
			assert.Equal(t, tc.msg, ae.Message)
			assert.Equal(t, []detail{{Path: tc.path, Code: "unknown_field", Message: tc.msg}}, ae.Details)
		})
	}

	var v strictProbe
	n, ae := decodeStrict([]byte(`{"name":"a","promoted":"b","untagged":"c","inner":{"deep":"d"}} {"x":1}`), &v, b)
	require.Nil(t, ae)
	assert.Equal(t, int64(63), n, "the offset just past the object, for the caller to judge what follows")
	assert.Equal(t, strictProbe{StrictPromoted: StrictPromoted{Promoted: "b"}, Name: "a", Untagged: "c", Inner: &strictInner{Deep: "d"}}, v)

	// Should the walk ever miss a key the decoder refused, the decoder's key
	// is still named, at the top, escaped.
	ae = b.decodeErr([]byte(`{}`), reflect.TypeFor[*strictProbe](), errors.New(`json: unknown field "a/b"`))
	assert.Equal(t, `unknown field "a/b": the probe has `+fields, ae.Message)
	assert.Equal(t, "/a~1b", ae.Details[0].Path)
	assert.Equal(t, "the request body is not valid probe: odd", b.decodeErr(nil, reflect.TypeFor[*strictProbe](), errors.New("json: odd")).Message)
}
