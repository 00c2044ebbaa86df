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

// roundTrip saves and reloads the state as the store does after every step.
func roundTrip(t *testing.T, st *State) *State {
	t.Helper()
	data, err := json.Marshal(st)
	require.NoError(t, err)
	var back State
	require.NoError(t, json.Unmarshal(data, &back))
	return &back
}

// TestResumeGivesTheSameResult walks each sample flow one Advance at a time,
// saving and reloading the state between steps, and compares the outcome with
// an uninterrupted Run on an engine with the same clock and random source.
func TestResumeGivesTheSameResult(t *testing.T) {
	for _, name := range []string{"wire-transfer", "account-recovery", "onboarding"} {
		t.Run(name, func(t *testing.T) {
			settings := facesign.Settings{Flow: sampleFlow(t, name), ProvidedData: map[string]any{"name": "Sam Roe", "email": "sam@example.com"}}

			e1, _ := testEngine(7, &MemoryFaces{})
			want, wantFx, err := e1.Start("sess_r", settings)
			require.NoError(t, err)
			res, err := e1.Run(context.Background(), want, SimulateInput{})
			require.NoError(t, err)
			wantFx.Merge(res.Effects)

			e2, _ := testEngine(7, &MemoryFaces{})
			st, gotFx, err := e2.Start("sess_r", settings)
			require.NoError(t, err)
			for steps := 0; st.Status != facesign.StatusComplete; steps++ {
				require.Less(t, steps, 50)
				st = roundTrip(t, st)
				step, err := e2.Advance(context.Background(), st, Input{})
				require.NoError(t, err)
				require.NotEmpty(t, step.Path, "every default step resolves its node")
				gotFx.Merge(step.Effects)
			}
			st = roundTrip(t, st)

			wantJSON, _ := json.Marshal(want)
			gotJSON, _ := json.Marshal(st)
			assert.JSONEq(t, string(wantJSON), string(gotJSON))
			assert.Equal(t, wantFx, gotFx)
			wantReport, _ := json.Marshal(want.Report())
			gotReport, _ := json.Marshal(st.Report())
			assert.JSONEq(t, string(wantReport), string(gotReport))
		})
	}
}

// TestResumeMidFlowWithRun stops a session half-way (as a browser that went
// away would), reloads it and lets simulate finish it.
func TestResumeMidFlowWithRun(t *testing.T) {
	e, _ := testEngine(3, nil)
	st, _, err := e.Start("sess_m", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.NoError(t, err)
	for range 3 { // start, intro, liveness
		_, err := e.Advance(context.Background(), st, Input{})
		require.NoError(t, err)
	}
	assert.Equal(t, "confirm_transfer", st.Current)
	assert.Equal(t, facesign.StatusProcessing, st.Status)
	st = roundTrip(t, st)
	res, err := e.Run(context.Background(), st, SimulateInput{Outcomes: map[string]string{"confirm_transfer": "doubt"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"confirm_transfer:doubt", "stop:halt", "end"}, pathIDs(res.Path), "Run returns the steps it took")
	assert.Equal(t, []string{"start", "intro:next", "liveness:livenessDetected", "confirm_transfer:doubt", "stop:halt", "end"}, pathIDs(st.Path))
	require.Len(t, res.Effects.StatusChanges, 1, "only processing → complete happens in this run")
	assert.Equal(t, facesign.StatusComplete, res.Effects.StatusChanges[0].To)
}

func TestAdvanceLikeTheHostedPage(t *testing.T) {
	e, c := testEngine(5, nil)
	st, _, err := e.Start("sess_h", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.NoError(t, err)

	p := e.Pending(st)
	assert.Equal(t, Pending{NodeID: "start", Type: "start", Need: NeedBegin}, p)

	step, err := e.Advance(context.Background(), st, Input{})
	require.NoError(t, err)
	require.Len(t, step.Effects.StatusChanges, 1)
	assert.Equal(t, facesign.StatusProcessing, st.Status)
	require.NotNil(t, st.StartedAt)
	p = e.Pending(st)
	assert.Equal(t, NeedNothing, p.Need)
	assert.True(t, strings.HasPrefix(p.Avatar, "Before we send this transfer"))

	_, err = e.Advance(context.Background(), st, Input{})
	require.NoError(t, err)
	p = e.Pending(st)
	assert.Equal(t, NeedCapture, p.Need)
	assert.Contains(t, p.Outcomes, "deepfakeDetected")

	_, err = e.Advance(context.Background(), st, Input{Screenshot: "/sandbox/frames/1.jpg"})
	require.NoError(t, err)
	assert.Equal(t, []string{"/sandbox/frames/1.jpg"}, st.Screenshots)
	assert.Equal(t, NeedReply, e.Pending(st).Need)

	step, err = e.Advance(context.Background(), st, Input{Reply: "Sending 200 to my landlord, my own decision"})
	require.NoError(t, err)
	require.Len(t, step.Effects.Outbox, 1, "arriving at the OTP node sends the code")
	msg := step.Effects.Outbox[0]
	assert.Equal(t, "email", msg.Channel)
	assert.Equal(t, "otp", msg.NodeID)
	assert.Equal(t, "sess_h", msg.SessionID)
	assert.Len(t, msg.Code, 6)
	assert.Equal(t, c.Now().Add(300*time.Second).Unix(), msg.ExpireAt.Unix())
	p = e.Pending(st)
	assert.Equal(t, NeedCode, p.Need)
	require.NotNil(t, p.OTP)
	assert.Equal(t, 3, p.OTP.AttemptsRemaining)

	wrong := "000000"
	if msg.Code == wrong {
		wrong = "111111"
	}
	step, err = e.Advance(context.Background(), st, Input{OTPCode: &wrong})
	require.NoError(t, err)
	assert.Empty(t, step.Path, "a wrong code with attempts left keeps the node")
	assert.Equal(t, "wrong code, 2 attempts left", step.Message)
	assert.Equal(t, "otp", st.Current)
	assert.Equal(t, 2, e.Pending(st).OTP.AttemptsRemaining)

	st = roundTrip(t, st) // the store saves between the two attempts
	code := msg.Code
	step, err = e.Advance(context.Background(), st, Input{OTPCode: &code})
	require.NoError(t, err)
	assert.Equal(t, []string{"otp:verified"}, pathIDs(step.Path))

	step, err = e.Advance(context.Background(), st, Input{})
	require.NoError(t, err)
	assert.Equal(t, []string{"done:ok", "end"}, pathIDs(step.Path))
	assert.Equal(t, facesign.StatusComplete, st.Status)
	assert.Equal(t, NeedNone, e.Pending(st).Need)

	var sess facesign.Session
	st.Apply(&sess)
	assert.Equal(t, facesign.StatusComplete, sess.Status)
	require.NotNil(t, sess.StartedAt)
	require.NotNil(t, sess.FinishedAt)
	require.NotNil(t, sess.Report)
	assert.True(t, *sess.Report.IsVerified)
	assert.Contains(t, sess.Report.Transcript[2].Text, "landlord")
}

func TestAdvanceRefusesAnOutcomeTheNodeLacks(t *testing.T) {
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.NoError(t, err)
	_, err = e.Advance(context.Background(), st, Input{Outcome: "x"})
	require.ErrorIs(t, err, ErrBadInput)
	assert.Equal(t, facesign.StatusRequiresInput, st.Status, "nothing changed")
	_, err = e.Advance(context.Background(), st, Input{})
	require.NoError(t, err)
	_, err = e.Advance(context.Background(), st, Input{Outcome: "verified"})
	require.ErrorIs(t, err, ErrBadInput)
	assert.Contains(t, err.Error(), `node "intro" has no outcome "verified" (its outcomes: next)`)
}

func TestStateChecks(t *testing.T) {
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.NoError(t, err)
	old := *st
	old.Version = 0
	_, err = e.Advance(context.Background(), &old, Input{})
	require.ErrorIs(t, err, ErrBadState)
	bad := *st
	bad.Current = "vanished"
	_, err = e.Run(context.Background(), &bad, SimulateInput{})
	require.ErrorIs(t, err, ErrBadState)
	_, err = e.Advance(context.Background(), nil, Input{})
	require.ErrorIs(t, err, ErrBadState)
}
