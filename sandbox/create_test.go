package sandbox

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/sandbox/runner"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRenderSessionMatchesMarshal(t *testing.T) {
	ns, err := decodeCreate([]byte(`{"flow":` + simpleFlow + `,"metadata":{"a":"b"},"clientReferenceId":"x"}`))
	require.NoError(t, err)
	fin := facesign.NewTime(newFakeClock().Now())
	sess := facesign.Session{ID: "ses_1", CreatedAt: fin, FinishedAt: &fin, Status: facesign.StatusComplete, Settings: ns.settings,
		Version: facesign.APIVersion, Report: &facesign.Report{Transcript: []facesign.TranscriptLine{{ID: "t", Text: `"settings":{}`}}}}
	settings, err := json.Marshal(ns.settings)
	require.NoError(t, err)
	got, err := renderSession(&sess, settings)
	require.NoError(t, err)
	want, err := json.Marshal(sess)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
}

// The runner's internal error prefixes never reach an API answer.
func TestSimulateErrorHasNoInternalPrefix(t *testing.T) {
	e := newEnv(t, nil)
	id := e.create(keyA, createBody("", nil))
	er := e.do("POST", "/sessions/"+id+"/simulate", keyA, `{"outcomes":{"nosuchnode":"x"}}`).apiErr(t, http.StatusBadRequest, "validation_error")
	msg := er["message"].(string)
	assert.Contains(t, msg, "nosuchnode")
	assert.NotContains(t, msg, "runner:")
	assert.NotContains(t, msg, "bad input")
	assert.Equal(t, "flow cannot run: the flow has no start node", publicMessage("runner: flow cannot run: the flow has no start node"))
	assert.Equal(t, "session already finished", publicMessage("runner: session already finished"))
}

func TestCreateUnknownFieldPath(t *testing.T) {
	for _, tc := range []struct {
		name, extra, path, mentions string
	}{
		{"top level", `"zzz":1`, "/zzz", "customization"},
		{"in customization", `"customization":{"zzz":1}`, "/customization/zzz", "branding"},
		{"in branding", `"customization":{"branding":{"primaryColor":"#fff","logo":"x"}}`, "/customization/branding/logo", "logoUrl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeCreate([]byte(`{"flow":` + simpleFlow + `,` + tc.extra + `}`))
			require.Error(t, err)
			ae, ok := err.(*apiError)
			require.True(t, ok, "%v", err)
			assert.Equal(t, "unknown_field", ae.Code)
			require.Len(t, ae.Details, 1)
			assert.Equal(t, tc.path, ae.Details[0].Path)
			assert.Contains(t, ae.Message, tc.mentions, "the message lists the fields that object takes")
		})
	}
	_, err := decodeCreate([]byte(`{"flow":` + simpleFlow + `,"Customization":{"Branding":{"PrimaryColor":"#fff"}}}`))
	assert.NoError(t, err, "keys differing only in case are accepted, as encoding/json does")
}

// A new session's row stores no runner state: loading it makes again, from
// the stored view's settings, exactly the state its create started with.
func TestNewSessionStateIsMadeAgainOnLoad(t *testing.T) {
	body := `{"flow":` + simpleFlow + `,"metadata":{"a":"b"},"clientReferenceId":"x","langs":["en","de"],"defaultLang":"de",` +
		`"providedData":{"name":"Ada","age":36,"vip":true,"tags":["a"]},"initialPhrase":"Hi","finalPhrase":"Bye","videoAIAnalysisEnabled":false}`
	ns, err := decodeCreate([]byte(body))
	require.NoError(t, err)
	at := time.UnixMilli(1_796_334_677_123).UTC()
	st, _, err := runner.New(runner.Config{Now: func() time.Time { return at }}).Start("ses_1", ns.settings)
	require.NoError(t, err)
	enc, err := encodeSession(ns, st)
	require.NoError(t, err)
	row := sessionRow{id: "ses_1", createdAt: at.UnixMilli(), rendered: enc.view}
	_, got, err := row.view()
	require.NoError(t, err)
	want, err := encodeState(st)
	require.NoError(t, err)
	again, err := encodeState(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(again))

	e := newEnv(t, nil)
	id := e.create(keyA, createBody("ref", nil))
	assert.Empty(t, e.stored(id).state, "a create stores no state")
	require.Equal(t, http.StatusOK, e.do("POST", "/sessions/"+id+"/simulate", keyA, "").status)
	assert.NotEmpty(t, e.stored(id).state, "a step stores the state")
}
