package runner

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// TestVerifiedOnASuccessPathThatLoops: the success path (start, pick, liveness,
// retry, then retry again) loops, so flow.SuccessPath fails; the liveness
// check on the part that exists must still be required. A session that skips it
// through pick's second outcome is not verified, even with its OTP passed.
func TestVerifiedOnASuccessPathThatLoops(t *testing.T) {
	fl := `[{"id":"s","type":"start","outcome":"pick"},
		{"id":"pick","type":"conversation","prompt":"Say: check?","outcomes":[{"id":"check","targetNodeId":"live","condition":"yes"},{"id":"skip","targetNodeId":"otp","condition":"no"}]},
		{"id":"live","type":"liveness_detection","outcomes":{"livenessDetected":"retry","deepfakeDetected":"e","noFace":"e","inconclusive":"e"}},
		{"id":"retry","type":"conversation","prompt":"Say: again?","outcomes":[{"id":"again","targetNodeId":"retry","condition":"unclear"},{"id":"on","targetNodeId":"otp","condition":"clear"}]},
		{"id":"otp","type":"two_factor_email","outcomes":{"verified":"e","delivery_failed":"e","failed_unverified":"e","cancelled":"e","error":"e"}},
		{"id":"e","type":"end"}]`
	ids, err := flow.SuccessPath(mustFlow(t, fl))
	require.Error(t, err, "the fixture's success path must loop")
	require.Equal(t, []string{"s", "pick", "live", "retry"}, ids)

	tests := []struct {
		name     string
		outcomes map[string]string
		path     []string
		verified bool
	}{
		{"through the liveness check", map[string]string{"retry": "on"},
			[]string{"s", "pick:check", "live:livenessDetected", "retry:on", "otp:verified", "e"}, true},
		{"around the liveness check", map[string]string{"pick": "skip"},
			[]string{"s", "pick:skip", "otp:verified", "e"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := testEngine(1, nil)
			st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, fl)})
			require.NoError(t, err)
			res, err := e.Run(context.Background(), st, SimulateInput{Outcomes: tt.outcomes})
			require.NoError(t, err)
			require.Equal(t, tt.path, pathIDs(res.Path))
			assert.Equal(t, tt.verified, st.Verified())
			assert.Equal(t, tt.verified, *st.Report().IsVerified)
		})
	}
}
