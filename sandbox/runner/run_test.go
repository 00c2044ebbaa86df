package runner

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
)

func TestRunSampleFlows(t *testing.T) {
	tests := []struct {
		name       string
		flow       string
		settings   facesign.Settings
		sim        SimulateInput
		path       []string
		verified   bool
		liveness   bool
		outbox     int
		enrolled   int
		extracted  map[string]any
		reportsFor map[string]map[string]any // nodeId → expected report subset
	}{
		{
			name:     "wire transfer default takes the success path",
			flow:     "wire-transfer",
			path:     []string{"start", "intro:next", "liveness:livenessDetected", "confirm_transfer:confirmed", "otp:verified", "done:ok", "end"},
			verified: true, liveness: true, outbox: 1,
			extracted:  map[string]any{"email": "alex.morgan@example.com"},
			reportsFor: map[string]map[string]any{"otp": {"email": "alex.morgan@example.com", "attempts": 1}},
		},
		{
			name: "wire transfer: a doubtful answer stops the transfer",
			flow: "wire-transfer", sim: SimulateInput{Outcomes: map[string]string{"confirm_transfer": "doubt"}},
			path:     []string{"start", "intro:next", "liveness:livenessDetected", "confirm_transfer:doubt", "stop:halt", "end"},
			liveness: true,
		},
		{
			name:   "wire transfer: deepfake still converses, then the code fails",
			flow:   "wire-transfer",
			sim:    SimulateInput{Inputs: Inputs{Liveness: "deepfakeDetected", OTPCode: ptr("nope")}},
			path:   []string{"start", "intro:next", "liveness:deepfakeDetected", "confirm_transfer:confirmed", "otp:failed_unverified", "stop:halt", "end"},
			outbox: 1, reportsFor: map[string]map[string]any{"otp": {"attempts": 3, "reason": "tooManyAttempts"}},
		},
		{
			name: "wire transfer: no address known means delivery_failed",
			flow: "wire-transfer", sim: SimulateInput{Inputs: Inputs{Email: ptr("")}},
			path:     []string{"start", "intro:next", "liveness:livenessDetected", "confirm_transfer:confirmed", "otp:delivery_failed", "stop:halt", "end"},
			liveness: true,
		},
		{
			name: "wire transfer: the code goes to providedData's email",
			flow: "wire-transfer", settings: facesign.Settings{ProvidedData: map[string]any{"email": "pat@bank.test", "name": "Pat Lee"}},
			path:     []string{"start", "intro:next", "liveness:livenessDetected", "confirm_transfer:confirmed", "otp:verified", "done:ok", "end"},
			verified: true, liveness: true, outbox: 1, enrolled: 1,
			extracted:  map[string]any{"email": "pat@bank.test"},
			reportsFor: map[string]map[string]any{"otp": {"email": "pat@bank.test"}},
		},
		{
			name: "wire transfer: an address said in a reply is collected and gets the code",
			flow: "wire-transfer",
			sim: SimulateInput{Inputs: Inputs{Email: ptr("")},
				Replies: map[string]string{"confirm_transfer": "Yes, 300 to Bob. Write to Kim@Mail.test if needed."}},
			path:     []string{"start", "intro:next", "liveness:livenessDetected", "confirm_transfer:confirmed", "otp:verified", "done:ok", "end"},
			verified: true, liveness: true, outbox: 1,
			reportsFor: map[string]map[string]any{"otp": {"email": "Kim@Mail.test"}},
		},
		{
			name:     "account recovery default: nobody enrolled, the default person counts as enrolled and is recognized",
			flow:     "account-recovery",
			path:     []string{"start", "welcome:ready", "match_face:recognized", "live_known:livenessDetected", "ask_email:gave_email", "send_code:verified", "goodbye:bye", "finish"},
			verified: true, liveness: true, outbox: 1,
			reportsFor: map[string]map[string]any{"match_face": {"name": "Alex Morgan", "email": "alex.morgan@example.com", "similarity": 0.97}},
		},
		{
			name:     "account recovery, recognition newUser: a new user",
			flow:     "account-recovery",
			sim:      SimulateInput{Inputs: Inputs{Recognition: "newUser"}},
			path:     []string{"start", "welcome:ready", "match_face:newUser", "live_unknown:livenessDetected", "no_account:told", "finish"},
			liveness: true,
		},
		{
			name:     "account recovery forced recognized uses the known identity",
			flow:     "account-recovery",
			sim:      SimulateInput{Outcomes: map[string]string{"match_face": "recognized"}, Replies: map[string]string{"ask_email": "It's alex.morgan@example.com"}},
			path:     []string{"start", "welcome:ready", "match_face:recognized", "live_known:livenessDetected", "ask_email:gave_email", "send_code:verified", "goodbye:bye", "finish"},
			verified: true, liveness: true, outbox: 1,
			reportsFor: map[string]map[string]any{"match_face": {"name": "Alex Morgan", "email": "alex.morgan@example.com", "similarity": 0.97}},
		},
		{
			name:     "onboarding default",
			flow:     "onboarding",
			path:     []string{"start", "access:permissionsGranted", "hello:go", "id_doc:scanSuccess", "selfie:passed", "same_person:match", "alive:livenessDetected", "adult:is_adult", "welcome_done:fin", "end"},
			verified: true, liveness: true,
			extracted: map[string]any{"firstName": "Alex", "lastName": "Morgan", "name": "Alex Morgan", "dateOfBirth": "1990-04-12",
				"documentNumber": "X1234567", "documentType": "passport", "country": "USA", "expirationDate": "2035-06-15"},
			reportsFor: map[string]map[string]any{
				"same_person": {"isMatch": true, "similarity": 0.93},
				"id_doc":      {"firstName": "Alex", "documentType": "passport"},
				"adult":       {"passed": true},
			},
		},
		{
			name: "onboarding: a minor's document fails the age check",
			flow: "onboarding", sim: SimulateInput{Inputs: Inputs{Document: map[string]string{"dateOfBirth": "2010-01-01"}}},
			path:     []string{"start", "access:permissionsGranted", "hello:go", "id_doc:scanSuccess", "selfie:passed", "same_person:match", "alive:livenessDetected", "adult:minor", "cannot_continue:fin2", "end"},
			liveness: true,
		},
		{
			name: "onboarding: denied permissions",
			flow: "onboarding", sim: SimulateInput{Inputs: Inputs{Permissions: "denied"}},
			path: []string{"start", "access:permissionsDenied", "cannot_continue:fin2", "end"},
		},
		{
			name: "onboarding: low similarity fails the selfie",
			flow: "onboarding", sim: SimulateInput{Inputs: Inputs{FaceSimilarity: ptr(0.5)}},
			path: []string{"start", "access:permissionsGranted", "hello:go", "id_doc:scanSuccess", "selfie:notPassed", "cannot_continue:fin2", "end"},
		},
		{
			name: "onboarding: a document type the node refuses times out",
			flow: "onboarding", sim: SimulateInput{Inputs: Inputs{Document: map[string]string{"documentType": "visa"}}},
			path: []string{"start", "access:permissionsGranted", "hello:go", "id_doc:scanTimeout", "cannot_continue:fin2", "end"},
		},
		{
			name: "onboarding: a forced noMatch overrides the similarity",
			flow: "onboarding", sim: SimulateInput{Outcomes: map[string]string{"same_person": "noMatch"}},
			path: []string{"start", "access:permissionsGranted", "hello:go", "id_doc:scanSuccess", "selfie:passed", "same_person:noMatch", "cannot_continue:fin2", "end"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			faces := &MemoryFaces{}
			e, _ := testEngine(1, faces)
			settings := tt.settings
			settings.Flow = sampleFlow(t, tt.flow)
			st, fx, err := e.Start("sess_test", settings)
			require.NoError(t, err)
			res, err := e.Run(context.Background(), st, tt.sim)
			require.NoError(t, err)
			fx.Merge(res.Effects)

			assert.Equal(t, tt.path, pathIDs(res.Path))
			assert.Equal(t, res.Path, st.Path, "a run from creation returns the whole path")
			assert.Equal(t, facesign.StatusComplete, st.Status)
			require.Len(t, fx.StatusChanges, 3)
			assert.Equal(t, []facesign.Status{facesign.StatusRequiresInput, facesign.StatusProcessing, facesign.StatusComplete},
				[]facesign.Status{fx.StatusChanges[0].To, fx.StatusChanges[1].To, fx.StatusChanges[2].To})
			assert.Len(t, fx.Outbox, tt.outbox)
			assert.Len(t, fx.Enrolled, tt.enrolled)

			r := st.Report()
			require.NotNil(t, r)
			assert.True(t, r.Sandbox)
			assert.Equal(t, tt.verified, *r.IsVerified, "isVerified")
			assert.Equal(t, tt.liveness, *r.LivenessDetected, "livenessDetected")
			for k, v := range tt.extracted {
				assert.Equal(t, v, r.ExtractedData[k], "extractedData.%s", k)
			}
			// One node report per node between start and end, in path order.
			require.Len(t, r.NodeReports, len(tt.path)-2)
			for i, nr := range r.NodeReports {
				assert.Equal(t, res.Path[i+1].NodeID, nr.NodeID)
			}
			for node, want := range tt.reportsFor {
				var got map[string]any
				for _, nr := range r.NodeReports {
					if nr.NodeID == node {
						got = nr.Report
					}
				}
				require.NotNil(t, got, "report of %s", node)
				for k, v := range want {
					assert.EqualValues(t, v, got[k], "%s.report.%s", node, k)
				}
			}
			// The whole report survives the wire.
			_, err = json.Marshal(r)
			require.NoError(t, err)
		})
	}
}

func TestListOutcomeReportsTarget(t *testing.T) {
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.NoError(t, err)
	_, err = e.Run(context.Background(), st, SimulateInput{Outcomes: map[string]string{"confirm_transfer": "doubt"}})
	require.NoError(t, err)
	got := map[string]string{}
	for _, nr := range st.NodeReports {
		got[nr.NodeID] = nr.Outcome
	}
	assert.Equal(t, "stop", got["confirm_transfer"], "a list outcome is reported by its target node id")
	assert.Equal(t, "livenessDetected", got["liveness"], "a map outcome is reported by its name")
}

func TestTranscript(t *testing.T) {
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "wire-transfer"), InitialPhrase: "Hi there.", FinalPhrase: "Bye now."})
	require.NoError(t, err)
	_, err = e.Run(context.Background(), st, SimulateInput{Replies: map[string]string{"confirm_transfer": "Bob, 500 euros, rent, nobody asked me"}})
	require.NoError(t, err)
	var lines []string
	for _, l := range st.Transcript {
		who := "user"
		if l.IsAvatar {
			who = "avatar"
		}
		lines = append(lines, who+": "+l.Text)
		assert.NotEmpty(t, l.ID)
	}
	assert.Equal(t, []string{
		"avatar: Hi there.",
		"avatar: Before we send this transfer, I need a quick check that it's really you. Please keep your face in view of the camera.",
		"avatar: [sandbox avatar, goal] Ask the user to state the recipient, the amount and the purpose of the transfer, and whether anyone asked them to make it.",
		"user: Bob, 500 euros, rent, nobody asked me",
		"avatar: I've sent a 6-digit code to alex.morgan@example.com. Please enter it.",
		"avatar: Thanks, you're verified. Your transfer will go ahead.",
		"avatar: Bye now.",
	}, lines)
	assert.Len(t, st.Screenshots, 1, "one frame for the liveness node")
}

func TestRunRefusesBadSimulateInput(t *testing.T) {
	tests := []struct {
		name string
		sim  SimulateInput
		msg  string
	}{
		{"unknown node", SimulateInput{Outcomes: map[string]string{"nope": "x"}}, `outcomes names node "nope"`},
		{"unknown outcome", SimulateInput{Outcomes: map[string]string{"liveness": "alive"}}, `node "liveness" has no outcome "alive" (its outcomes: livenessDetected, deepfakeDetected, noFace, inconclusive)`},
		{"outcome of start", SimulateInput{Outcomes: map[string]string{"start": "x"}}, `start node and has no outcomes`},
		{"reply to a non-conversation", SimulateInput{Replies: map[string]string{"otp": "123"}}, `only conversation nodes take replies`},
		{"reply to an unknown node", SimulateInput{Replies: map[string]string{"ghost": "hi"}}, `replies names node "ghost"`},
		{"input the node lacks", SimulateInput{Inputs: Inputs{Liveness: "captureUnavailable"}}, `inputs.liveness leads to outcome "captureUnavailable", but node "liveness" has no such outcome`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := testEngine(1, nil)
			st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
			require.NoError(t, err)
			before, _ := json.Marshal(st)
			_, err = e.Run(context.Background(), st, tt.sim)
			require.ErrorIs(t, err, ErrBadInput)
			assert.Contains(t, err.Error(), tt.msg)
			after, _ := json.Marshal(st)
			assert.JSONEq(t, string(before), string(after), "a failed run leaves the state as it was")
		})
	}
}

func TestStartRefusesFlowsItCannotRun(t *testing.T) {
	e, _ := testEngine(1, nil)
	_, _, err := e.Start("s", facesign.Settings{})
	require.ErrorIs(t, err, ErrBadFlow)
	_, _, err = e.Start("s", facesign.Settings{Flow: mustFlow(t, `[{"id":"e","type":"end"}]`)})
	require.ErrorIs(t, err, ErrBadFlow)
	assert.Contains(t, err.Error(), "no start node")
	_, _, err = e.Start("s", facesign.Settings{Flow: mustFlow(t, `[{"id":"s","type":"start","outcome":"gone"},{"id":"e","type":"end"}]`)})
	require.ErrorIs(t, err, ErrBadFlow)
	assert.Contains(t, err.Error(), `node "s" outcome "outcome" points at "gone"`)
	_, _, err = e.Start("", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.ErrorIs(t, err, ErrBadInput)
}

func TestDefaultOutcomeMissingIsTheFlowsFault(t *testing.T) {
	flow := `[{"id":"s","type":"start","outcome":"l"},
		{"id":"l","type":"liveness_detection","outcomes":{"deepfakeDetected":"e","noFace":"e"}},
		{"id":"e","type":"end"}]`
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, flow)})
	require.NoError(t, err)
	_, err = e.Run(context.Background(), st, SimulateInput{})
	require.ErrorIs(t, err, ErrBadFlow)
	assert.Contains(t, err.Error(), `node "l" has no outcome "livenessDetected", which the sandbox takes by default; name one of its outcomes (deepfakeDetected, noFace) in outcomes["l"]`)
	res, err := e.Run(context.Background(), st, SimulateInput{Outcomes: map[string]string{"l": "noFace"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"s", "l:noFace", "e"}, pathIDs(res.Path))
}

func TestCycleIsCapped(t *testing.T) {
	flow := `[{"id":"s","type":"start","outcome":"a"},
		{"id":"a","type":"conversation","prompt":"Say: again?","outcomes":[{"id":"loop","targetNodeId":"b","condition":"yes"},{"id":"exit","targetNodeId":"e","condition":"no"}]},
		{"id":"b","type":"conversation","prompt":"Say: round","doesNotRequireReply":true,"outcomes":[{"id":"back","targetNodeId":"a","condition":""}]},
		{"id":"e","type":"end"}]`
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s1", facesign.Settings{Flow: mustFlow(t, flow)})
	require.NoError(t, err)
	_, err = e.Run(context.Background(), st, SimulateInput{})
	require.ErrorIs(t, err, ErrStepLimit)
	assert.Contains(t, err.Error(), "ran 1000 nodes without reaching an end")
	assert.Contains(t, err.Error(), "a → b → a")
	assert.Equal(t, facesign.StatusRequiresInput, st.Status, "nothing of the failed run is kept")
	assert.Empty(t, st.Path)

	// The same cycle with its exit taken ends.
	res, err := e.Run(context.Background(), st, SimulateInput{Outcomes: map[string]string{"a": "exit"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"s", "a:exit", "e"}, pathIDs(res.Path))

	small := New(Config{MaxSteps: 10})
	st, _, err = small.Start("s2", facesign.Settings{Flow: mustFlow(t, flow)})
	require.NoError(t, err)
	_, err = small.Run(context.Background(), st, SimulateInput{})
	require.ErrorIs(t, err, ErrStepLimit)
	assert.Contains(t, err.Error(), "ran 10 nodes")
}

func TestCancel(t *testing.T) {
	e, c := testEngine(1, nil)
	t.Run("unused session expires", func(t *testing.T) {
		st, _, err := e.Start("s1", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
		require.NoError(t, err)
		fx, err := Cancel(st, "expired", c.Now())
		require.NoError(t, err)
		assert.Equal(t, []StatusChange{{From: facesign.StatusRequiresInput, To: facesign.StatusCanceled, At: c.Now()}}, fx.StatusChanges)
		assert.Equal(t, facesign.StatusCanceled, st.Status)
		assert.Equal(t, "expired", st.CancelReason)
		assert.Nil(t, st.Report(), "a session nobody started has no report")

		_, err = Cancel(st, "", c.Now())
		require.ErrorIs(t, err, ErrFinished)
		_, err = e.Run(context.Background(), st, SimulateInput{})
		require.ErrorIs(t, err, ErrFinished)
		_, err = e.Advance(context.Background(), st, Input{})
		require.ErrorIs(t, err, ErrFinished)
		assert.Equal(t, NeedNone, e.Pending(st).Need)
	})
	t.Run("user leaves mid-flow", func(t *testing.T) {
		st, _, err := e.Start("s2", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
		require.NoError(t, err)
		for range 3 {
			_, err = e.Advance(context.Background(), st, Input{})
			require.NoError(t, err)
		}
		fx, err := Cancel(st, "", c.Now())
		require.NoError(t, err)
		assert.Equal(t, facesign.StatusProcessing, fx.StatusChanges[0].From)
		assert.Equal(t, "userLeft", st.CancelReason)
		r := st.Report()
		require.NotNil(t, r)
		assert.False(t, *r.IsVerified)
		assert.Len(t, r.NodeReports, 2, "the nodes done before leaving are reported")
	})
	t.Run("complete session cannot be canceled", func(t *testing.T) {
		st, _, err := e.Start("s3", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
		require.NoError(t, err)
		_, err = e.Run(context.Background(), st, SimulateInput{})
		require.NoError(t, err)
		_, err = Cancel(st, "", c.Now())
		require.ErrorIs(t, err, ErrFinished)
	})
}

func TestContextCanceled(t *testing.T) {
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = e.Run(ctx, st, SimulateInput{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, facesign.StatusRequiresInput, st.Status)
}

func TestCameraDeniedChangesTheDefaults(t *testing.T) {
	flow := `[{"id":"s","type":"start","outcome":"p"},
		{"id":"p","type":"permissions","permissions":{"camera":true,"microphone":false},"outcomes":{"permissionsGranted":"l","permissionsDenied":"l"}},
		{"id":"l","type":"liveness_detection","outcomes":{"livenessDetected":"r","deepfakeDetected":"r","noFace":"r","captureUnavailable":"r"}},
		{"id":"r","type":"recognition","outcomes":{"recognized":"d","newUser":"d","noFace":"d"}},
		{"id":"d","type":"document_scan","outcomes":{"scanSuccess":"f","userCancelled":"f","scanTimeout":"f"}},
		{"id":"f","type":"face_scan","outcomes":{"passed":"e","notPassed":"e","cancelled":"e","error":"e"}},
		{"id":"e","type":"end"}]`
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: mustFlow(t, flow)})
	require.NoError(t, err)
	res, err := e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{Permissions: "denied", Face: "anyone"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"s", "p:permissionsDenied", "l:captureUnavailable", "r:noFace", "d:scanTimeout", "f:error", "e"}, pathIDs(res.Path))
	assert.Equal(t, map[string]any{"camera": false, "microphone": false}, st.NodeReports[0].Report)

	st, _, err = e.Start("s2", facesign.Settings{Flow: mustFlow(t, flow)})
	require.NoError(t, err)
	_, err = e.Run(context.Background(), st, SimulateInput{})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"camera": true, "microphone": false}, st.NodeReports[0].Report, "only what the node asked for is granted")
}

func TestAdvanceValidatesInputs(t *testing.T) {
	e, _ := testEngine(1, nil)
	st, _, err := e.Start("s", facesign.Settings{Flow: sampleFlow(t, "wire-transfer")})
	require.NoError(t, err)
	_, err = e.Advance(context.Background(), st, Input{Inputs: Inputs{Liveness: "sure"}})
	require.ErrorIs(t, err, ErrBadInput)
	_, err = e.Run(context.Background(), st, SimulateInput{Inputs: Inputs{OTPDelaySeconds: -5}})
	require.ErrorIs(t, err, ErrBadInput)
}

func TestEngineIsSafeForConcurrentSessions(t *testing.T) {
	faces := &MemoryFaces{}
	e := New(Config{Faces: faces})
	flow := sampleFlow(t, "onboarding")
	done := make(chan error)
	for i := range 8 {
		go func() {
			st, _, err := e.Start("s", facesign.Settings{Flow: flow, ProvidedData: map[string]any{"email": string(rune('a'+i)) + "@x.test"}})
			if err == nil {
				var res Result
				res, err = e.Run(context.Background(), st, SimulateInput{})
				faces.Enroll(res.Effects.Enrolled...)
			}
			done <- err
		}()
	}
	for range 8 {
		require.NoError(t, <-done)
	}
	assert.Len(t, faces.List(), 8, "each distinct person enrolled once")
}

func TestStartCopiesTheFlow(t *testing.T) {
	e, _ := testEngine(1, nil)
	flow := sampleFlow(t, "wire-transfer")
	st, _, err := e.Start("s", facesign.Settings{Flow: flow})
	require.NoError(t, err)
	flow.Node("intro").SetOutcome("next", "end")
	res, err := e.Run(context.Background(), st, SimulateInput{})
	require.NoError(t, err)
	assert.Equal(t, "liveness", st.Flow.Node("intro").Outcomes[0].Target)
	assert.Len(t, res.Path, 7)
}
