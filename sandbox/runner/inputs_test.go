package runner

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
)

func TestParseInputs(t *testing.T) {
	in, err := ParseInputs(map[string]any{
		"liveness": "deepfakeDetected", "faceSimilarity": 0.5, "email": "", "document": map[string]any{"dateOfBirth": "2010-01-01"},
		"otpCodes": []any{"1", "2"}, "otpDelaySeconds": 10, "livenessChallenge": false,
	})
	require.NoError(t, err)
	assert.Equal(t, "deepfakeDetected", in.Liveness)
	assert.Equal(t, 0.5, *in.FaceSimilarity)
	require.NotNil(t, in.Email)
	assert.Empty(t, *in.Email, `"email": "" means the user has none`)
	assert.Nil(t, in.Phone)
	assert.Equal(t, "2010-01-01", in.Document["dateOfBirth"])
	assert.Equal(t, []string{"1", "2"}, in.OTPCodes)
	assert.Equal(t, 10, in.OTPDelaySeconds)
	assert.False(t, *in.LivenessChallenge)

	empty, err := ParseInputs(nil)
	require.NoError(t, err)
	assert.Equal(t, Inputs{}, empty)

	tests := []struct {
		raw map[string]any
		msg string
	}{
		{map[string]any{"livenes": "x"}, `inputs: unknown key "livenes" (known keys: company, document`},
		{map[string]any{"faceSimilarity": "high"}, "inputs.faceSimilarity: expected a number, got string"},
		{map[string]any{"faceSimilarity": 1.5}, "inputs.faceSimilarity is 1.5; it must be between 0 and 1"},
		{map[string]any{"recognitionSimilarity": -0.1}, "inputs.recognitionSimilarity is -0.1"},
		{map[string]any{"liveness": "alive"}, `inputs.liveness is "alive"; it must be one of livenessDetected, deepfakeDetected`},
		{map[string]any{"recognition": "yes"}, `inputs.recognition is "yes"`},
		{map[string]any{"permissions": true}, "inputs.permissions: expected a string, got bool"},
		{map[string]any{"document": map[string]any{"dateOfBirth": 1990}}, "inputs.document.dateOfBirth: expected"},
		{map[string]any{"otpCodes": "123456"}, "inputs.otpCodes: expected an array of strings"},
		{map[string]any{"otpDelaySeconds": 1.5}, "inputs.otpDelaySeconds: expected a whole number"},
		{map[string]any{"otpDelaySeconds": -1}, "inputs.otpDelaySeconds is -1"},
		{map[string]any{"otpDelivery": "lost"}, `inputs.otpDelivery is "lost"`},
	}
	for _, tt := range tests {
		_, err := ParseInputs(tt.raw)
		require.ErrorIs(t, err, ErrBadInput, "%v", tt.raw)
		assert.Contains(t, err.Error(), tt.msg)
	}
	_, err = DecodeInputs([]byte(`{"liveness":"noFace"} {}`))
	require.ErrorIs(t, err, ErrBadInput)
	_, err = DecodeInputs([]byte(`[1]`))
	require.ErrorIs(t, err, ErrBadInput)
}

func TestParseSimulate(t *testing.T) {
	sim, err := ParseSimulate(facesign.SimulateRequest{
		Outcomes: map[string]string{"liveness": "noFace"},
		Replies:  map[string]string{"confirm_transfer": "yes"},
		Inputs:   map[string]any{"sex": "male"},
	})
	require.NoError(t, err)
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.NoError(t, err)
	res, err := e.Run(context.Background(), st, sim)
	require.NoError(t, err)
	assert.Equal(t, "noFace", res.Path[2].Outcome)
	r := st.Report()
	assert.False(t, *r.LivenessDetected)
	assert.False(t, *r.IsVerified)
	require.NotNil(t, r.AIAnalysis)
	assert.Equal(t, "male", r.AIAnalysis.Sex)
	assert.Contains(t, r.AIAnalysis.OverallSummary, "liveness detection liveness: noFace")

	_, err = ParseSimulate(facesign.SimulateRequest{Inputs: map[string]any{"bogus": 1}})
	require.ErrorIs(t, err, ErrBadInput)
}

func TestAIAnalysis(t *testing.T) {
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "onboarding")})
	require.NoError(t, err)
	_, err = e.Run(context.Background(), st, SimulateInput{})
	require.NoError(t, err)
	a := st.Report().AIAnalysis
	require.NotNil(t, a)
	// Born 1990-04-12, session on 2025-06-15: 35.
	assert.Equal(t, 32, a.AgeMin)
	assert.Equal(t, 38, a.AgeMax)
	assert.Equal(t, "real", a.RealPersonOrVirtual)

	off := false
	st, _, err = e.Start("s2", facesign.Settings{Flow: sampleFlow(t, "wire-transfer"), VideoAIAnalysisEnabled: &off})
	require.NoError(t, err)
	_, err = e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{Liveness: "deepfakeDetected"}})
	require.NoError(t, err)
	assert.Nil(t, st.Report().AIAnalysis, "videoAIAnalysisEnabled: false turns the analysis off")

	st, _, err = e.Start("s3", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.NoError(t, err)
	_, err = e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{Liveness: "deepfakeDetected"}})
	require.NoError(t, err)
	assert.Equal(t, "virtual", st.Report().AIAnalysis.RealPersonOrVirtual)
}
