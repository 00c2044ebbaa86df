package flow

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every sample flow that is a flow survives decode and encode unchanged in meaning:
// same nodes, fields, outcome names and targets (key order and spacing aside).
func TestRoundTripSampleFlows(t *testing.T) {
	valid, invalid, warn := fixtureFiles(t)
	for _, file := range append(append(valid, invalid...), warn...) {
		rel, _ := filepath.Rel(sampleDir, file)
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			f, err := Decode(data)
			if rel == filepath.Join("invalid", "not-an-array.json") {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			out, err := json.Marshal(f)
			require.NoError(t, err)
			assert.JSONEq(t, string(data), string(out))
		})
	}
}

// Map outcomes keep their document order, which a Go map would lose.
func TestRoundTripKeepsOutcomeOrder(t *testing.T) {
	in := `[{"id":"l","type":"liveness_detection","outcomes":{"noFace":"c","livenessDetected":"a","deepfakeDetected":"b"}}]`
	f := fixtureFlow(t, in)
	assert.Equal(t, []Outcome{{ID: "noFace", Target: "c"}, {ID: "livenessDetected", Target: "a"}, {ID: "deepfakeDetected", Target: "b"}}, f[0].Outcomes)
	out, err := json.Marshal(f)
	require.NoError(t, err)
	assert.Equal(t, in, string(out))
}

func TestUnknownFieldsSurvive(t *testing.T) {
	in := `[
	 {"id":"start","type":"start","outcome":"l","outcomes":{"x":"y"},"meta":{"author":"me","tags":[1,"two",null]}},
	 {"id":"l","type":"liveness_detection","prompt":"not a liveness field","x-note":"keep me","outcomes":{"livenessDetected":"u","deepfakeDetected":"u","noFace":"u"}},
	 {"id":"u","type":"retina_scan","prompt":"Look here","threshold":0.5,"outcomes":[{"id":"ok","targetNodeId":"m","condition":"c"}]},
	 {"id":"m","type":"palm_scan","outcomes":{"ok":"end"}},
	 {"id":"end","type":"end","outcomes":{"ignored":"start"},"note":"the end"}
	]`
	f := fixtureFlow(t, in)
	assert.JSONEq(t, `{"x":"y"}`, string(f[0].Extra["outcomes"]), "start has no outcomes field, so it is an extra")
	assert.JSONEq(t, `"not a liveness field"`, string(f[1].Extra["prompt"]))
	assert.Equal(t, ShapeList, f[2].Shape(), "an unknown type keeps the outcome shape it came with")
	assert.Equal(t, ShapeMap, f[3].Shape())
	assert.Equal(t, []Outcome{{ID: "ok", Target: "m", Condition: "c"}}, f[2].Outcomes)

	out, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))

	// A clone is deep: changing it leaves the original alone.
	c := f.Clone()
	c[1].Extra["x-note"][1] = 'X'
	c[2].Outcomes[0].Target = "elsewhere"
	out2, err := json.Marshal(f)
	require.NoError(t, err)
	assert.Equal(t, string(out), string(out2))
}

func TestEncodeOmitsUnsetFields(t *testing.T) {
	six := 6
	f := Flow{
		{ID: "start", Type: TypeStart, Next: "o"},
		{ID: "o", Type: TypeTwoFactorSMS, OTPLength: &six, Outcomes: []Outcome{{ID: "verified", Target: "end"}}},
		{ID: "c", Type: TypeConversation, Prompt: "Say: hi", Outcomes: []Outcome{{ID: "n", Target: "end"}}},
		{ID: "end", Type: TypeEnd},
	}
	out, err := json.Marshal(f)
	require.NoError(t, err)
	assert.Equal(t, `[{"id":"start","type":"start","outcome":"o"},`+
		`{"id":"o","type":"two_factor_sms","otpLength":6,"outcomes":{"verified":"end"}},`+
		`{"id":"c","type":"conversation","prompt":"Say: hi","outcomes":[{"id":"n","targetNodeId":"end","condition":""}]},`+
		`{"id":"end","type":"end"}]`, string(out))
}

func TestDecodeWrappers(t *testing.T) {
	nodes := `[{"id":"start","type":"start","outcome":"end"},{"id":"end","type":"end"}]`
	for _, in := range []string{
		nodes,
		`{"nodes":` + nodes + `}`,
		`{"flow":` + nodes + `}`,
		`{"summary":"from flow build --json","flow":` + nodes + `,"warnings":[]}`,
		"\n\t " + nodes + "\n",
	} {
		f, err := Decode([]byte(in))
		require.NoError(t, err, in)
		assert.Equal(t, Flow{{ID: "start", Type: TypeStart, Next: "end"}, {ID: "end", Type: TypeEnd}}, f, in)
	}

	// Flow and Node work with encoding/json, inside other documents.
	var doc struct {
		Flow Flow `json:"flow"`
		Node Node `json:"node"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"flow":`+nodes+`,"node":{"id":"x","type":"end"}}`), &doc))
	assert.Len(t, doc.Flow, 2)
	assert.Equal(t, "x", doc.Node.ID)
	err := json.Unmarshal([]byte(`{"flow":[{"id":"a","type":"recognition","outcomes":[]}]}`), &doc)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "/0/outcomes", de.Path)
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in, path string
		msg            string // a part of the message
	}{
		{"empty document", "", "", "empty"},
		{"only spaces", "  \n ", "", "empty"},
		{"not JSON", "flow please", "", "invalid JSON"},
		{"truncated array", `[{"id":"a"}`, "", "invalid JSON"},
		{"trailing garbage", `[] []`, "", "invalid JSON"},
		{"a string", `"start"`, "", "got a string"},
		{"a number", `42`, "", "got a number"},
		{"null", `null`, "", "got null"},
		{"object without nodes", `{"steps":[]}`, "", `"nodes"`},
		{"wrapper not an array", `{"flow": "not an array"}`, "/flow", "got a string"},
		{"wrapper null", `{"nodes": null}`, "/nodes", "got null"},
		{"node not an object", `[{"id":"a","type":"end"}, 1]`, "/1", "must be an object, got a number"},
		{"node is an array", `[[]]`, "/0", "got an array"},
		{"id a number", `[{"id":1,"type":"end"}]`, "/0/id", "expected a string, got a number"},
		{"type an object", `[{"id":"a","type":{}}]`, "/0/type", "expected a string, got an object"},
		{"start outcome a number", `[{"id":"s","type":"start","outcome":3}]`, "/0/outcome", "expected a string"},
		{"map outcomes as a list", `[{},{},{},{"id":"x","type":"liveness_detection","outcomes":[]}]`, "/3/outcomes", "must be an object"},
		{"list outcomes as a map", `[{"id":"c","type":"conversation","prompt":"hi","outcomes":{"a":"b"}}]`, "/0/outcomes", "must be an array"},
		{"list outcome not an object", `[{"id":"c","type":"conversation","outcomes":[{"id":"a","targetNodeId":"b","condition":""},"b"]}]`, "/0/outcomes/1", "got a string"},
		{"list outcome id a number", `[{"id":"c","type":"conversation","outcomes":[{"id":1}]}]`, "/0/outcomes/0/id", "expected a string"},
		{"list outcome target a bool", `[{"id":"c","type":"data_validation","outcomes":[{"id":"a","targetNodeId":true}]}]`, "/0/outcomes/0/targetNodeId", "got a boolean"},
		{"list outcome condition an array", `[{"id":"c","type":"conversation","outcomes":[{"id":"a","targetNodeId":"b","condition":[]}]}]`, "/0/outcomes/0/condition", "got an array"},
		{"map outcome target a number", `[{"id":"l","type":"liveness_detection","outcomes":{"noFace":7}}]`, "/0/outcomes/noFace", "got a number"},
		{"map outcome target null", `[{"id":"l","type":"liveness_detection","outcomes":{"noFace":null}}]`, "/0/outcomes/noFace", "got null"},
		{"map outcome twice", `[{"id":"l","type":"liveness_detection","outcomes":{"noFace":"a","noFace":"b"}}]`, "/0/outcomes/noFace", "twice"},
		{"map outcome name escaped in path", `[{"id":"l","type":"recognition","outcomes":{"a/b~":1}}]`, "/0/outcomes/a~1b~0", "got a number"},
		{"unknown type with outcomes a string", `[{"id":"x","type":"retina","outcomes":"end"}]`, "/0/outcomes", "got a string"},
		{"otpLength a string", `[{"id":"o","type":"two_factor_sms","otpLength":"6"}]`, "/0/otpLength", "whole number"},
		{"otpLength a fraction", `[{"id":"o","type":"two_factor_email","otpLength":6.5}]`, "/0/otpLength", "whole number"},
		{"expirySeconds a bool", `[{"id":"o","type":"two_factor_email","expirySeconds":true}]`, "/0/expirySeconds", "whole number"},
		{"maxAttempts an object", `[{"id":"o","type":"two_factor_email","maxAttempts":{}}]`, "/0/maxAttempts", "whole number"},
		{"threshold a string", `[{"id":"f","type":"face_scan","similarityThreshold":"high"}]`, "/0/similarityThreshold", "number between 0 and 1"},
		{"requireLivenessChallenge a string", `[{"id":"f","type":"face_scan","requireLivenessChallenge":"yes"}]`, "/0/requireLivenessChallenge", "boolean"},
		{"doesNotRequireReply a string", `[{"id":"c","type":"conversation","doesNotRequireReply":"yes"}]`, "/0/doesNotRequireReply", "boolean"},
		{"permissions a bool", `[{"id":"p","type":"permissions","permissions":true}]`, "/0/permissions", "camera, microphone"},
		{"source a string", `[{"id":"c","type":"face_compare","sourceA":"faceScan"}]`, "/0/sourceA", `"source"`},
		{"document types a string", `[{"id":"d","type":"document_scan","allowedDocumentTypes":"passport"}]`, "/0/allowedDocumentTypes", "array of strings"},
		{"document type a number", `[{"id":"d","type":"document_scan","allowedDocumentTypes":["id",3]}]`, "/0/allowedDocumentTypes", "array of strings"},
		{"scanningMode a number", `[{"id":"d","type":"document_scan","scanningMode":1}]`, "/0/scanningMode", "expected a string"},
		{"validation a string", `[{"id":"v","type":"data_validation","validation":"age>18"}]`, "/0/validation", `"field"`},
		{"validation value an object", `[{"id":"v","type":"data_validation","validation":{"field":"a","action":"equals","value":{}}}]`, "/0/validation", `"field"`},
		{"prompt a number", `[{"id":"e","type":"enter_email","prompt":5}]`, "/0/prompt", "expected a string"},
		{"second node bad", `[{"id":"s","type":"start","outcome":"x"},{"id":"x","type":"recognition","outcomes":["recognized"]}]`, "/1/outcomes", "recognition outcomes must be an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f Flow
			var err error
			require.NotPanics(t, func() { f, err = Decode([]byte(tt.in)) })
			assert.Nil(t, f)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "want a *DecodeError, got %v", err)
			assert.Equal(t, tt.path, de.Path)
			assert.Contains(t, de.Msg, tt.msg)
			if tt.path != "" {
				assert.Contains(t, err.Error(), tt.path)
			}
		})
	}
}

// Lenient where hand-written flows commonly differ and nothing is lost.
func TestDecodeLenient(t *testing.T) {
	f := fixtureFlow(t, `[
	 {"id":"v","type":"data_validation","validation":{"field":"dateOfBirth","action":"olderThan","value":18}},
	 {"id":"c","type":"conversation","prompt":null,"doesNotRequireReply":null,"outcomes":[{"id":"a","targetNodeId":"v"}]},
	 {"id":"l","type":"liveness_detection","outcomes":null},
	 {"id":"n","type":null}
	]`)
	assert.Equal(t, &Validation{Field: "dateOfBirth", Action: "olderThan", Value: "18"}, f[0].Validation)
	assert.Equal(t, []Outcome{{ID: "a", Target: "v"}}, f[1].Outcomes, "a missing condition is unconditional")
	assert.Empty(t, f[1].Prompt)
	assert.Nil(t, f[2].Outcomes)
	assert.Equal(t, NodeType(""), f[3].Type)
}

func TestNodeHelpers(t *testing.T) {
	f := fixtureFlow(t, `[{"id":"start","type":"start","outcome":"l"},`+fxLiveness("l", "end", "end")+`,`+fxEnd+`]`)
	assert.Equal(t, 1, f.Index("l"))
	assert.Equal(t, -1, f.Index("nope"))
	assert.Nil(t, f.Node("nope"))
	assert.Equal(t, "start", f.Start().ID)
	assert.Equal(t, []Outcome{{ID: "outcome", Target: "l"}}, f[0].Edges())
	assert.Nil(t, f[2].Edges())

	n := f.Node("l")
	target, ok := n.Outcome("deepfakeDetected")
	assert.True(t, ok)
	assert.Equal(t, "end", target)
	n.SetOutcome("deepfakeDetected", "start")
	n.SetOutcome("inconclusive", "end")
	assert.Equal(t, []Outcome{{ID: "livenessDetected", Target: "end"}, {ID: "deepfakeDetected", Target: "start"}, {ID: "noFace", Target: "end"}, {ID: "inconclusive", Target: "end"}}, f[1].Outcomes)
	_, ok = n.Outcome("captureUnavailable")
	assert.False(t, ok)
	assert.Nil(t, Flow(nil).Clone())
	assert.Nil(t, Flow{}.Start())
}

func TestDecodeErrorString(t *testing.T) {
	assert.Equal(t, "flow: empty document: expected an array of nodes", (&DecodeError{Msg: "empty document: expected an array of nodes"}).Error())
	assert.Equal(t, "flow /3/outcomes: bad", (&DecodeError{Path: "/3/outcomes", Msg: "bad"}).Error())
	assert.False(t, strings.Contains((&DecodeError{Msg: "x"}).Error(), "  "))
}

// Extra field names are written with JSON quoting, whatever characters they hold.
func TestEncodeOddFieldNames(t *testing.T) {
	in := "[{\"id\":\"a\",\"type\":\"end\",\"\x7f\":1,\"\\u0001\":2,\"é\\\"\":3,\"<&>\":4}]"
	f := fixtureFlow(t, in)
	out, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
}

// A flow encodes as its nodes, each quoted as encoding/json quotes strings
// (HTML-safe, U+2028 escaped), with no whitespace between members.
func TestFlowEncodesLikeItsNodes(t *testing.T) {
	prompt := "<b>\"hi\" & \u2028 \x7f é</b>"
	f := Flow{
		{ID: "start", Type: TypeStart, Next: "talk"},
		{ID: "talk", Type: TypeConversation, Prompt: prompt, Outcomes: []Outcome{{ID: "ok", Target: "end", Condition: "said <yes>"}}},
		{ID: "end", Type: TypeEnd},
	}
	out, err := json.Marshal(f)
	require.NoError(t, err)
	parts := make([]string, len(f))
	for i, n := range f {
		b, err := n.MarshalJSON()
		require.NoError(t, err)
		parts[i] = string(b)
	}
	assert.Equal(t, "["+strings.Join(parts, ",")+"]", string(out))
	want, err := json.Marshal(prompt)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"prompt":`+string(want))
	assert.NotContains(t, string(out), "\n")
}
