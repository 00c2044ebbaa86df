package runner

import (
	"context"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
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

	// encoding/json's rules, kept: keys match in any case, null leaves a value
	// unset, 1e3 is a whole number; Go's own slices and maps do too.
	in, err = ParseInputs(map[string]any{
		"LIVENESS": "noFace", "otpcode": "1", "name": nil, "otpDelaySeconds": 1e3, "otpCodes": []string{"7"},
		"document": map[string]string{"country": "FRA"}, "recognitionSimilarity": float32(0.5),
	})
	require.NoError(t, err)
	assert.Equal(t, Inputs{Liveness: "noFace", OTPCode: ptr("1"), OTPDelaySeconds: 1000, OTPCodes: []string{"7"},
		Document: map[string]string{"country": "FRA"}, RecognitionSimilarity: ptr(0.5)}, in)

	known := "(known keys: company, document, documentScan, email, enterEmail, face, faceScan, faceSimilarity, jobTitle, " +
		"liveness, livenessChallenge, name, otpCode, otpCodes, otpDelaySeconds, otpDelivery, permissions, phone, recognition, " +
		"recognitionSimilarity, reply, sex)"
	// The whole message, pinned: the simulate API answers with it.
	tests := []struct {
		raw map[string]any
		msg string
	}{
		{map[string]any{"livenes": "x"}, `inputs: unknown key "livenes" ` + known},
		{map[string]any{"a": 1, "company": 2}, `inputs: unknown key "a" ` + known},
		{map[string]any{"faceSimilarity": "high"}, "inputs.faceSimilarity: expected a number, got string"},
		{map[string]any{"faceSimilarity": 1.5}, "inputs.faceSimilarity is 1.5; it must be between 0 and 1"},
		{map[string]any{"recognitionSimilarity": -0.1}, "inputs.recognitionSimilarity is -0.1; it must be between 0 and 1"},
		{map[string]any{"liveness": "alive"}, `inputs.liveness is "alive"; it must be one of livenessDetected, deepfakeDetected, noFace, inconclusive, captureUnavailable`},
		{map[string]any{"recognition": "yes"}, `inputs.recognition is "yes"; it must be one of auto, recognized, newUser, noFace`},
		{map[string]any{"permissions": true}, "inputs.permissions: expected a string, got bool"},
		{map[string]any{"name": 5}, "inputs.name: expected a string, got number"},
		{map[string]any{"email": []any{}}, "inputs.email: expected a string, got array"},
		{map[string]any{"livenessChallenge": "yes"}, "inputs.livenessChallenge: expected a boolean, got string"},
		{map[string]any{"document": map[string]any{"dateOfBirth": 1990}}, "inputs.document.dateOfBirth: expected a string, got 1990"},
		{map[string]any{"document": map[string]any{"a": "x", "b": nil}}, "inputs.document.b: expected a string, got null"},
		{map[string]any{"company": 2, "document": map[string]any{"x": map[string]any{"y": "<"}}}, `inputs.document.x: expected a string, got {"y":"\u003c"}`},
		{map[string]any{"document": "passport"}, "inputs.document: expected an object of strings, got string"},
		{map[string]any{"otpCodes": "123456"}, "inputs.otpCodes: expected an array of strings, got string"},
		{map[string]any{"otpCodes": []any{"1", 2}}, "inputs.otpCodes: expected a string, got number"},
		{map[string]any{"otpCodes": make([]string, 101)}, "inputs.otpCodes has 101 codes; at most 100"},
		{map[string]any{"otpDelaySeconds": 1.5}, "inputs.otpDelaySeconds: expected a whole number, got number 1.5"},
		{map[string]any{"otpDelaySeconds": 1e21}, "inputs.otpDelaySeconds: expected a whole number, got number 1e+21"},
		{map[string]any{"otpDelaySeconds": "5"}, "inputs.otpDelaySeconds: expected a whole number, got string"},
		{map[string]any{"otpDelaySeconds": -1}, "inputs.otpDelaySeconds is -1; it must be between 0 and 86400"},
		{map[string]any{"otpDelivery": "lost"}, `inputs.otpDelivery is "lost"; it must be one of delivered, failed`},
		{map[string]any{"sex": "x", "liveness": "y"}, `inputs.liveness is "y"; it must be one of livenessDetected, deepfakeDetected, noFace, inconclusive, captureUnavailable`},
	}
	// NaN passes every range check, so it must not get that far (only Go callers can send it).
	_, err = ParseInputs(map[string]any{"faceSimilarity": math.NaN()})
	require.ErrorIs(t, err, ErrBadInput)

	for _, tt := range tests {
		_, err := ParseInputs(tt.raw)
		require.ErrorIs(t, err, ErrBadInput, "%v", tt.raw)
		assert.EqualError(t, err, "runner: bad input: "+tt.msg, "%v", tt.raw)
	}
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

var keyColumn = regexp.MustCompile(`^[A-Za-z]+(, [A-Za-z]+)*,?`)

// TestInputKeysAreDocumented: the package documentation's table of inputs names
// exactly the keys ParseInputs accepts, and the README's list names each of them.
func TestInputKeysAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	_, table, ok := strings.Cut(string(doc), "// # Inputs")
	require.True(t, ok, "doc.go has an Inputs section")
	var documented []string
	for _, line := range strings.Split(table, "\n") {
		row, ok := strings.CutPrefix(line, "//\t")
		if !ok {
			continue
		}
		// A row starts with its keys, "a" or "a, b" ("a, b," when the next row goes on).
		keys := strings.TrimSuffix(keyColumn.FindString(row), ",")
		documented = append(documented, strings.Split(keys, ", ")...)
	}
	slices.Sort(documented)
	assert.Equal(t, inputKeys, documented, "doc.go's Inputs table")

	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, list, ok := strings.Cut(string(readme), "Simulate `inputs`")
	require.True(t, ok, "README.md lists the simulate inputs")
	list, _, _ = strings.Cut(list, "`outcomes`")
	for _, k := range inputKeys {
		assert.Contains(t, list, "`"+k+"`", "README.md's list of simulate inputs")
	}
}
