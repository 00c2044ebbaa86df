package runner

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
)

const smsFlow = `[{"id":"s","type":"start","outcome":"otp"},
	{"id":"otp","type":"two_factor_sms","otpLength":4,"expirySeconds":60,"maxAttempts":3,
	 "outcomes":{"verified":"ok","delivery_failed":"ko","failed_unverified":"ko","cancelled":"ko","error":"ko"}},
	{"id":"ok","type":"conversation","prompt":"Say: ok","doesNotRequireReply":true,"outcomes":[{"id":"o","targetNodeId":"e","condition":""}]},
	{"id":"ko","type":"conversation","prompt":"Say: ko","doesNotRequireReply":true,"outcomes":[{"id":"k","targetNodeId":"e","condition":""}]},
	{"id":"e","type":"end"}]`

func TestOTPSimulate(t *testing.T) {
	tests := []struct {
		name     string
		settings facesign.Settings
		inputs   Inputs
		outcome  string
		attempts int
		reason   string
		to       string
		sent     bool
	}{
		{name: "correct code by default", outcome: "verified", attempts: 1, to: personaPhone, sent: true},
		{name: "two wrong codes then the right one", inputs: Inputs{OTPCodes: []string{"abcd", "zzzz"}}, outcome: "verified", attempts: 3, to: personaPhone, sent: true},
		{name: "wrong until attempts run out", inputs: Inputs{OTPCode: ptr("nope")}, outcome: "failed_unverified", attempts: 3, reason: "tooManyAttempts", to: personaPhone, sent: true},
		{name: "too slow: the code expired", inputs: Inputs{OTPDelaySeconds: 61}, outcome: "failed_unverified", attempts: 1, reason: "expired", to: personaPhone, sent: true},
		{name: "just in time", inputs: Inputs{OTPDelaySeconds: 60}, outcome: "verified", attempts: 1, to: personaPhone, sent: true},
		{name: "user has no phone", inputs: Inputs{Phone: ptr("")}, outcome: "delivery_failed", to: ""},
		{name: "delivery fails", inputs: Inputs{OTPDelivery: "failed"}, outcome: "delivery_failed", to: personaPhone},
		{name: "provided phone is used", settings: facesign.Settings{ProvidedData: map[string]any{"phoneNumber": "+44 20 7946 0000"}},
			outcome: "verified", attempts: 1, to: "+44 20 7946 0000", sent: true},
		{name: "inputs phone is used", inputs: Inputs{Phone: ptr("+33 1 23 45 67 89")}, outcome: "verified", attempts: 1, to: "+33 1 23 45 67 89", sent: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, c := testEngine(9, nil)
			settings := tt.settings
			settings.Flow = mustFlow(t, smsFlow)
			st, _, err := e.Start("sess_o", settings)
			require.NoError(t, err)
			res, err := e.Run(context.Background(), st, SimulateInput{Inputs: tt.inputs})
			require.NoError(t, err)
			require.Len(t, res.Path, 4)
			assert.Equal(t, tt.outcome, res.Path[1].Outcome)
			rep := st.NodeReports[0].Report
			assert.Equal(t, tt.to, rep["phoneNumber"])
			if tt.outcome != "delivery_failed" {
				assert.Equal(t, tt.attempts, rep["attempts"])
			}
			if tt.reason != "" {
				assert.Equal(t, tt.reason, rep["reason"])
			}
			if !tt.sent {
				assert.Empty(t, res.Effects.Outbox)
				return
			}
			require.Len(t, res.Effects.Outbox, 1)
			msg := res.Effects.Outbox[0]
			assert.Equal(t, "sms", msg.Channel)
			assert.Equal(t, tt.to, msg.To)
			assert.Regexp(t, `^\d{4}$`, msg.Code)
			assert.Equal(t, c.Now().Add(60*time.Second).Unix(), msg.ExpireAt.Unix())
			if tt.outcome == "verified" {
				assert.Equal(t, tt.to, st.Data["phone"], "a verified number is collected")
			}
			saved, _ := json.Marshal(st)
			assert.NotContains(t, string(saved), `"`+msg.Code+`"`, "the state keeps a hash, not the code")
		})
	}
}

func TestOTPExpiryWithTheClock(t *testing.T) {
	e, c := testEngine(2, nil)
	st, _, err := e.Start("sess_x", facesign.Settings{Flow: mustFlow(t, smsFlow)})
	require.NoError(t, err)
	step, err := e.Advance(context.Background(), st, Input{})
	require.NoError(t, err)
	require.Len(t, step.Effects.Outbox, 1)
	code := step.Effects.Outbox[0].Code

	c.Advance(59 * time.Second)
	wrong := "9999"
	if code == wrong {
		wrong = "8888"
	}
	step, err = e.Advance(context.Background(), st, Input{OTPCode: &wrong})
	require.NoError(t, err)
	assert.Empty(t, step.Path)

	c.Advance(2 * time.Second) // 61 s after sending
	step, err = e.Advance(context.Background(), st, Input{OTPCode: &code})
	require.NoError(t, err)
	assert.Equal(t, []string{"otp:failed_unverified"}, pathIDs(step.Path), "the right code after expiry fails")
	assert.Equal(t, "expired", st.NodeReports[0].Report["reason"])
}

func TestOTPForcedOutcomes(t *testing.T) {
	e, _ := testEngine(2, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, smsFlow)})
	require.NoError(t, err)
	res, err := e.Run(context.Background(), st, SimulateInput{Outcomes: map[string]string{"otp": "delivery_failed"}})
	require.NoError(t, err)
	assert.Equal(t, "delivery_failed", res.Path[1].Outcome)
	assert.Empty(t, res.Effects.Outbox, "no code is sent to a node forced to delivery_failed")

	st, _, err = e.Start("s2", facesign.Settings{Flow: mustFlow(t, smsFlow)})
	require.NoError(t, err)
	res, err = e.Run(context.Background(), st, SimulateInput{Outcomes: map[string]string{"otp": "cancelled"}, Inputs: Inputs{OTPCode: ptr("x")}})
	require.NoError(t, err)
	assert.Equal(t, "cancelled", res.Path[1].Outcome)
	assert.Len(t, res.Effects.Outbox, 1)
}

func TestOTPCodesAreUniformDigits(t *testing.T) {
	e := New(Config{})
	counts := map[rune]int{}
	for range 2000 {
		code, err := e.digits(8)
		require.NoError(t, err)
		require.Len(t, code, 8)
		for _, r := range code {
			counts[r]++
		}
	}
	require.Len(t, counts, 10)
	for d, n := range counts {
		// 16,000 digits: each about 1,600; a biased generator drifts far from it.
		assert.InDelta(t, 1600, n, 250, "digit %c", d)
	}
}

func TestRecognitionAfterEnrolment(t *testing.T) {
	faces := &MemoryFaces{}
	e, _ := testEngine(4, faces)

	// Onboarding with a known email: the document gives the name, liveness enrols.
	st, _, err := e.Start("sess_enrol", facesign.Settings{Flow: sampleFlow(t, "onboarding"),
		ProvidedData: map[string]any{"email": "Jane.Doe@Example.com", "company": "Acme"}})
	require.NoError(t, err)
	res, err := e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{Name: ptr("Jane Doe")}})
	require.NoError(t, err)
	require.Len(t, res.Effects.Enrolled, 1)
	f := res.Effects.Enrolled[0]
	assert.Equal(t, "Jane Doe", f.Name, "the document shows the name the user gave")
	assert.Equal(t, "Jane.Doe@Example.com", f.Email)
	assert.Equal(t, "Acme", f.Company)
	assert.Equal(t, "sess_enrol", f.SessionID)
	assert.NotEmpty(t, f.ID)
	faces.Enroll(res.Effects.Enrolled...) // what the store does with the effect

	// The same person again: nothing new is enrolled.
	st, _, err = e.Start("sess_again", facesign.Settings{Flow: sampleFlow(t, "onboarding"), ProvidedData: map[string]any{"email": "jane.doe@example.com"}})
	require.NoError(t, err)
	res, err = e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{Name: ptr("Jane Doe")}})
	require.NoError(t, err)
	assert.Empty(t, res.Effects.Enrolled)

	tests := []struct {
		name   string
		inputs Inputs
		path   []string
	}{
		{"by face id", Inputs{Face: f.ID}, []string{"start", "welcome:ready", "match_face:recognized", "live_known:livenessDetected", "ask_email:gave_email", "send_code:verified", "goodbye:bye", "finish"}},
		{"by email, any case", Inputs{Email: ptr("JANE.DOE@example.com")}, []string{"start", "welcome:ready", "match_face:recognized", "live_known:livenessDetected", "ask_email:gave_email", "send_code:verified", "goodbye:bye", "finish"}},
		{"by name", Inputs{Name: ptr("jane doe")}, []string{"start", "welcome:ready", "match_face:recognized", "live_known:livenessDetected", "ask_email:gave_email", "send_code:verified", "goodbye:bye", "finish"}},
		{"somebody else", Inputs{Face: "someone@else.test"}, []string{"start", "welcome:ready", "match_face:newUser", "live_unknown:livenessDetected", "no_account:told", "finish"}},
		{"nobody identified: the account's default person, enrolled by default", Inputs{}, []string{"start", "welcome:ready", "match_face:recognized", "live_known:livenessDetected", "ask_email:gave_email", "send_code:verified", "goodbye:bye", "finish"}},
		{"the default person, forced new", Inputs{Recognition: "newUser"}, []string{"start", "welcome:ready", "match_face:newUser", "live_unknown:livenessDetected", "no_account:told", "finish"}},
		{"forced noFace", Inputs{Face: f.ID, Recognition: "noFace"}, []string{"start", "welcome:ready", "match_face:noFace", "live_unknown:livenessDetected", "no_account:told", "finish"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, _, err := e.Start("sess_rec", facesign.Settings{Flow: sampleFlow(t, "account-recovery")})
			require.NoError(t, err)
			res, err := e.Run(context.Background(), st, SimulateInput{Inputs: tt.inputs})
			require.NoError(t, err)
			assert.Equal(t, tt.path, pathIDs(res.Path))
			if res.Path[2].Outcome != "recognized" {
				return
			}
			rep := st.NodeReports[1].Report
			if strings.HasPrefix(tt.name, "nobody identified") {
				assert.Equal(t, "Alex Morgan", rep["name"], "Jane is enrolled, but nobody said it is her on camera")
				assert.True(t, *st.Report().IsVerified)
				return
			}
			assert.Equal(t, "Jane Doe", rep["name"])
			assert.Equal(t, "Jane.Doe@Example.com", rep["email"])
			assert.Equal(t, "Acme", rep["company"])
			assert.Equal(t, 0.97, rep["similarity"])
			require.Len(t, res.Effects.Outbox, 1)
			assert.Equal(t, "Jane.Doe@Example.com", res.Effects.Outbox[0].To, "the code goes to the enrolled address")
			assert.Empty(t, res.Effects.Enrolled, "a recognised face is not enrolled twice")
			assert.True(t, *st.Report().IsVerified)
		})
	}
}

func TestNoEnrolmentWithoutKnownIdentity(t *testing.T) {
	e, _ := testEngine(4, &MemoryFaces{})
	// The persona's defaults never enrol anyone: the name comes from the document,
	// but no email was stated.
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "onboarding")})
	require.NoError(t, err)
	res, err := e.Run(context.Background(), st, SimulateInput{})
	require.NoError(t, err)
	assert.Empty(t, res.Effects.Enrolled)
	// A liveness failure never enrols, whoever it is.
	st, _, err = e.Start("s2", facesign.Settings{Flow: sampleFlow(t, "wire-transfer"), ProvidedData: map[string]any{"name": "A B", "email": "a@b.test"}})
	require.NoError(t, err)
	res, err = e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{Liveness: "noFace"}})
	require.NoError(t, err)
	assert.Empty(t, res.Effects.Enrolled)
}

func TestOTPAttemptsAreBounded(t *testing.T) {
	flow := `[{"id":"s","type":"start","outcome":"otp"},
		{"id":"otp","type":"two_factor_email","maxAttempts":1000000,"expirySeconds":99999999999,
		 "outcomes":{"verified":"e","delivery_failed":"e","failed_unverified":"e","cancelled":"e","error":"e"}},
		{"id":"e","type":"end"}]`
	e, c := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, flow)})
	require.NoError(t, err)
	res, err := e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{OTPCode: ptr("x")}})
	require.NoError(t, err)
	assert.Equal(t, "failed_unverified", res.Path[1].Outcome)
	assert.Equal(t, maxOTPAttempts, st.NodeReports[0].Report["attempts"])
	assert.Equal(t, c.Now().Add(maxOTPExpiry*time.Second).Unix(), res.Effects.Outbox[0].ExpireAt.Unix())
}
