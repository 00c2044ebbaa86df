package sandbox

import (
	"encoding/json"
	"testing"

	"github.com/facesign/facesign-mcp/facesign"
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
