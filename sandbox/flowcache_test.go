package sandbox

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sameDecode holds the cache to decodeCreate's answer for body: the same
// session (settings, flow encoding, id, warnings) or the same error.
func sameDecode(t *testing.T, c *flowCache, body string) {
	t.Helper()
	want, wantErr := decodeCreate([]byte(body))
	got, gotErr := c.decodeCreate([]byte(body))
	if wantErr != nil {
		require.Error(t, gotErr)
		assert.Equal(t, wantErr.Error(), gotErr.Error())
		assert.Equal(t, wantErr, gotErr)
		return
	}
	require.NoError(t, gotErr)
	ws, err := json.Marshal(want.settings)
	require.NoError(t, err)
	gs, err := json.Marshal(got.settings)
	require.NoError(t, err)
	assert.JSONEq(t, string(ws), string(gs))
	assert.Equal(t, string(want.flowJSON), string(got.flowJSON))
	assert.Equal(t, want.flowID, got.flowID)
	assert.Equal(t, want.warnings, got.warnings)
}

// A create whose flow was checked before takes the checks from the cache and
// answers exactly as decoding it all would, for good bodies and bad ones
// around a cached flow.
func TestFlowCacheAnswersAsDecodeCreate(t *testing.T) {
	warned := strings.Replace(simpleFlow, `{"id":"end","type":"end"}`, `{"id":"end","type":"end","colour":"red"}`, 1)
	bodies := []struct{ name, body string }{
		{"plain", `{"flow":` + simpleFlow + `}`},
		{"settings", `{"flow":` + simpleFlow + `,"metadata":{"a":"b"},"clientReferenceId":"x","langs":["en","de"],"zone":"eu"}`},
		{"other settings", `{"clientReferenceId":"y","flow":` + simpleFlow + `,"defaultLang":"de","langs":["de"]}`},
		{"warnings", `{"flow":` + warned + `}`},
		{"keys in another case", `{"Flow":` + simpleFlow + `,"ClientReferenceID":"z"}`},
		{"unknown field", `{"flow":` + simpleFlow + `,"colour":"red"}`},
		{"unknown nested field", `{"flow":` + simpleFlow + `,"customization":{"branding":{"colour":"red"}}}`},
		{"repeated key", `{"flow":` + simpleFlow + `,"zone":"eu","zone":"es"}`},
		{"repeated flow", `{"flow":` + simpleFlow + `,"flow":` + simpleFlow + `}`},
		{"metadata not a string", `{"flow":` + simpleFlow + `,"metadata":{"a":1}}`},
		{"bad zone", `{"flow":` + simpleFlow + `,"zone":"mars"}`},
		{"bad language", `{"flow":` + simpleFlow + `,"defaultLang":"xx"}`},
		{"data after", `{"flow":` + simpleFlow + `} {}`},
		{"modules and flow", `{"flow":` + simpleFlow + `,"modules":["identityVerification"]}`},
		{"modules", `{"modules":["identityVerification"]}`},
		{"flow null", `{"flow":null}`},
		{"bad flow", `{"flow":[{"id":"s","type":"start","outcome":"x"}]}`},
		{"too deep", `{"flow":` + simpleFlow + `,"providedData":` + strings.Repeat(`[`, 70) + strings.Repeat(`]`, 70) + `}`},
		{"spaces", "  \n" + `{"flow":` + simpleFlow + `}` + "\n"},
	}
	c := newFlowCache()
	for round := range 2 { // the first round fills the cache, the second hits it
		for _, tc := range bodies {
			t.Run(tc.name, func(t *testing.T) { sameDecode(t, c, tc.body) })
		}
		if round == 0 {
			assert.Len(t, c.m, 2, "the two good flows are cached, nothing else")
		}
	}
	// A hit shares the checked nodes but hands each create its own warnings.
	a, err := c.decodeCreate([]byte(`{"flow":` + warned + `}`))
	require.NoError(t, err)
	require.NotEmpty(t, a.warnings)
	a.warnings[0].Code = "changed"
	b, err := c.decodeCreate([]byte(`{"flow":` + warned + `}`))
	require.NoError(t, err)
	assert.NotEqual(t, "changed", b.warnings[0].Code)
}

// The cache keeps within its byte budget, forgetting flows to make room.
func TestFlowCacheBounded(t *testing.T) {
	c := newFlowCache()
	for i := range 3000 {
		flow := strings.Replace(simpleFlow, "Thank you, all done.", "Thank you, all done "+strings.Repeat("x", 500)+strconv.Itoa(i)+".", 1)
		_, err := c.decodeCreate([]byte(`{"flow":` + flow + `}`))
		require.NoError(t, err)
	}
	assert.LessOrEqual(t, c.bytes, flowCacheBytes)
	assert.Greater(t, len(c.m), 100)
}

// FuzzFlowCache holds the cache to decodeCreate for any body, twice over (a
// miss, then a hit when the body's flow was accepted).
func FuzzFlowCache(f *testing.F) {
	for _, seed := range []string{
		`{"flow":` + simpleFlow + `}`,
		`{"flow":` + simpleFlow + `,"metadata":{"a":"b"},"clientReferenceId":"x","langs":["en"],"zone":"eu"}`,
		`{"flow":` + simpleFlow + `,"FLOW":[]}`, `{"flow":[],"metadata":{"a":"b"}}`,
		`{"modules":["identityVerification",{"type":"emailVerification"}]}`,
		`{"flow":[{"id":"s","type":"start","outcome":"e"},{"id":"e","type":"end"}]}`,
	} {
		f.Add(seed)
	}
	c := newFlowCache()
	f.Fuzz(func(t *testing.T, body string) {
		sameDecode(t, c, body)
		sameDecode(t, c, body)
	})
}
