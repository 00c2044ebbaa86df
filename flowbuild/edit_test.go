package flowbuild

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func built(t *testing.T, desc string, opts Options) flow.Flow {
	t.Helper()
	r, err := Build(desc, opts)
	require.NoError(t, err)
	return r.Flow
}

// newUserPath is the nodes of a recognition's new-user path after its line,
// in order, following each one's success.
func newUserPath(f flow.Flow) []*flow.Node {
	var path []*flow.Node
	for cur := f.Node("new_user").Outcomes[0].Target; strings.HasPrefix(cur, "new_user_"); cur = f.Node(cur).Outcomes[0].Target {
		path = append(path, f.Node(cur))
	}
	return path
}

func TestEditKeepsUntouchedNodes(t *testing.T) {
	base := built(t, "Greet them, check liveness, ask them to confirm the transfer details, then an email code.", Options{})
	res, err := Edit(base.Clone(), "Add an SMS code after the liveness check.", Options{})
	require.NoError(t, err)
	for _, n := range base {
		got := res.Flow.Node(n.ID)
		require.NotNil(t, got, "node %s survives", n.ID)
		assert.Equal(t, n.Type, got.Type)
		assert.Equal(t, n.Prompt, got.Prompt, "node %s keeps its prompt", n.ID)
	}
	assert.Len(t, res.Flow, len(base)+2, "the code and a conversation after the liveness check, which no longer leads to one")
	assert.True(t, strings.HasPrefix(res.Summary, "Changed: added an SMS one-time code after the liveness check."), res.Summary)
}

func TestEditReword(t *testing.T) {
	base := built(t, "Check liveness, then ask them why they are requesting a SIM swap.", Options{})
	tests := []struct {
		change string
		check  func(t *testing.T, f flow.Flow)
	}{
		{`Change the greeting to "Hi there! Thanks for calling Acme Mobile. This only takes a minute, so please look at the camera."`, func(t *testing.T, f flow.Flow) {
			g := f.Node("greeting")
			require.NotNil(t, g)
			assert.Equal(t, "Say: Hi there! Thanks for calling Acme Mobile. This only takes a minute, so please look at the camera.", g.Prompt)
		}},
		{"Reword the question to ask whether they still have access to their old SIM card.", func(t *testing.T, f flow.Flow) {
			q := f.Node("ask_reason")
			require.NotNil(t, q)
			assert.Equal(t, "Ask the user whether they still have access to their old SIM card.", q.Prompt)
			assert.Len(t, q.Outcomes, 2, "outcomes stay")
		}},
		{`Make the closing line say "All done, your new SIM is on its way."`, func(t *testing.T, f flow.Flow) {
			assert.Equal(t, "Say: All done, your new SIM is on its way.", f.Node("closing").Prompt)
		}},
		{`Change the failure message to "Sorry, please visit a store with your ID."`, func(t *testing.T, f flow.Flow) {
			assert.Equal(t, "Say: Sorry, please visit a store with your ID.", f.Node("failure").Prompt)
		}},
		// unquoted words that open as a greeting open it, and the line still says
		// what the session is for, as Build reads them
		{"Make the greeting say welcome to Acme Mobile", func(t *testing.T, f flow.Flow) {
			g := f.Node("greeting").Prompt
			assert.True(t, strings.HasPrefix(g, "Say: Welcome to Acme Mobile. "), g)
			assert.Contains(t, g, "I understand you'd like to move your number to a new SIM card.", "the line still says what the session is for")
		}},
		{"the greeting should say hi from the Acme support team", func(t *testing.T, f flow.Flow) {
			assert.True(t, strings.HasPrefix(f.Node("greeting").Prompt, "Say: Hi from the Acme support team. "), f.Node("greeting").Prompt)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.change, func(t *testing.T) {
			res, err := Edit(base.Clone(), tt.change, Options{})
			require.NoError(t, err)
			assert.Empty(t, flow.Errors(flow.Validate(res.Flow)))
			assert.Len(t, res.Flow, len(base), "rewording adds no node")
			for _, n := range base {
				assert.NotNil(t, res.Flow.Node(n.ID), n.ID)
			}
			tt.check(t, res.Flow)
		})
	}
}

func TestEditSeveralChanges(t *testing.T) {
	base := built(t, "Liveness then SMS OTP.", Options{})
	res, err := Edit(base, "Use email instead of SMS. Then add an ID scan at the start.", Options{})
	require.NoError(t, err)
	judge(t, res.Flow, []string{doc, live, eotp}, 0, []string{sotp})
}

func TestEditOnFailure(t *testing.T) {
	base := built(t, "Liveness then SMS OTP.", Options{})
	res, err := Edit(base, "Add an email code at the end.", Options{OnFailure: "offer retry"})
	require.NoError(t, err)
	liveNode := nodeOfType(res.Flow, flow.TypeLiveness)
	target, _ := liveNode.Outcome("noFace")
	back, ok := res.Flow.Node(target).Outcome("retry")
	require.True(t, ok)
	assert.Equal(t, liveNode.ID, back)

	// a retry flow stays a retry flow across edits, with its retry nodes' ids
	again, err := Edit(res.Flow, "Remove the email code.", Options{})
	require.NoError(t, err)
	assert.Equal(t, res.Flow.Node(target).ID, again.Flow.Node(target).ID)
	judge(t, again.Flow, []string{live, sotp}, 0, []string{eotp})
}

func TestEditRecognitionKeepsBranches(t *testing.T) {
	base := built(t, "Recognize the user, check liveness, then an email code.", Options{})
	res, err := Edit(base, "Add an ID scan before the email code.", Options{})
	require.NoError(t, err)
	judge(t, res.Flow, []string{recog, live, doc, eotp}, 0, nil)
	for _, id := range []string{"recognition", "liveness", "liveness_new_user", "new_user", "failure"} {
		assert.NotNil(t, res.Flow.Node(id), id)
	}
}

// A new-user path that rejoins a step every user takes ("then an email code for
// everyone") still rejoins it after a change elsewhere, and after a change on
// that path.
func TestEditKeepsBranchJoin(t *testing.T) {
	base := built(t, "face login: recognize the user; if they're new, scan their ID and compare it with their face. after that, everyone gets an email code", Options{})
	require.Equal(t, "email_code", base.Node("new_user_face_compare").Outcomes[0].Target, "built with the join")
	for _, change := range []string{"make the email code 8 digits", "new users should also do a face scan", "add an sms code at the end"} {
		res, err := Edit(base, change, Options{})
		require.NoError(t, err, change)
		path := newUserPath(res.Flow)
		require.NotEmpty(t, path, change)
		assert.Equal(t, "email_code", path[len(path)-1].Outcomes[0].Target, "%s: the new-user path still goes on to the email code", change)
	}
}

// A step added to the new-user path goes where the change puts it on that path
// ("before the compare", "right after the ID scan"), or at its end.
func TestEditPlacesOnBranch(t *testing.T) {
	base := built(t, "face login: recognize the user; if they're new, scan their ID and compare it with their face", Options{})
	for _, tt := range []struct {
		change string
		path   []flow.NodeType
	}{
		{"new users should also do a face scan before the compare", []flow.NodeType{flow.TypeDocumentScan, flow.TypeFaceScan, flow.TypeFaceCompare}},
		{"for new users add an sms code right after the ID scan", []flow.NodeType{flow.TypeDocumentScan, flow.TypeTwoFactorSMS, flow.TypeFaceCompare}},
		{"add an email code for people we don't recognise", []flow.NodeType{flow.TypeDocumentScan, flow.TypeFaceCompare, flow.TypeTwoFactorEmail}},
	} {
		res, err := Edit(base, tt.change, Options{})
		require.NoError(t, err, tt.change)
		var path []flow.NodeType
		for _, n := range newUserPath(res.Flow) {
			path = append(path, n.Type)
		}
		assert.Equal(t, tt.path, path, tt.change)
	}
}

// TestEditSampleFlows edits the hand-written sample flows: the result is valid and
// the untouched nodes on the success path keep their ids.
func TestEditSampleFlows(t *testing.T) {
	tests := []struct {
		file, change string
		steps        []string
	}{
		{"wire-transfer.json", "Add an SMS code after the email code.", []string{live, eotp, sotp}},
		{"account-recovery.json", "Remove the email code.", []string{recog, live}},
		{"onboarding.json", "Use SMS instead of email.", []string{perm, doc, fscan, fcmp, live, dv}},
		{"onboarding.json", "Do the liveness check first.", []string{perm, live, doc, fscan, fcmp, dv}},
	}
	for _, tt := range tests {
		t.Run(tt.file+": "+tt.change, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("flow", "testdata", "flows", tt.file))
			require.NoError(t, err)
			f, err := flow.Decode(data)
			require.NoError(t, err)
			res, err := Edit(f, tt.change, Options{})
			if tt.file == "onboarding.json" && strings.HasPrefix(tt.change, "Use SMS") {
				require.Error(t, err, "the onboarding flow has no email code to replace")
				assert.Contains(t, err.Error(), "no email one-time code")
				return
			}
			require.NoError(t, err)
			judge(t, res.Flow, tt.steps, 0, nil)
			path, err := flow.SuccessPath(f)
			require.NoError(t, err)
			for _, id := range path {
				n := f.Node(id)
				if n.Type == flow.TypeConversation || n.Type == flow.TypeEnd || n.Type == flow.TypeStart {
					continue
				}
				if strings.Contains(strings.ToLower(tt.change), "remove") && (n.Type == flow.TypeTwoFactorEmail) {
					continue
				}
				assert.NotNil(t, res.Flow.Node(id), "step %s keeps its id", id)
			}
		})
	}
}

func TestEditErrors(t *testing.T) {
	base := built(t, "Liveness then SMS OTP.", Options{})
	tests := []struct {
		base   flow.Flow
		change string
		want   string
	}{
		{base, "", "empty"},
		{base, "Remove the passport scan.", "no ID document scan to remove"},
		{base, "Make it nicer.", "names no step to add"},
		{base, "Replace it.", "what to replace"},
		{base, "Swap both codes.", "names only the SMS one-time code of the two steps to swap"},
		// an earlier edit or a setting taken back: the builder has no record
		// of it, so it says so and never removes the step named with it
		{base, "undo the tweak to the SMS code", "keeps no record of earlier edits"},
		{base, "undo the stricter liveness threshold", "keeps no record of earlier edits"},
		{base, "undo the SMS fallback", "keeps no record of earlier edits"},
		// a place ruled out says where a step must not go, not where it goes:
		// never a removal, never a move to that place
		{base, "don't put the sms code at the end", "rules a place out"},
		{base, "the SMS code shouldn't be last", "rules a place out"},
		{base, "never do the liveness check first", "rules a place out"},
		{base, "the SMS code shouldn't be penultimate", "rules a place out"},
		// … after a discourse lead too: never a step removed ("And never put
		// liveness first" took the liveness check out) nor a second one added
		// ("Also, the SMS code shouldn't be last" added an SMS code)
		{base, "And never put liveness first.", "rules a place out"},
		{base, "Also, the SMS code shouldn't be last.", "rules a place out"},
		// … nor that a step the flow lacks goes in (rvM16 S9)
		{base, "The email code shouldn't be first.", "the flow has no email one-time code"},
		// (the example moves the step to the other side of another step)
		{base, "the liveness check shouldn't be the final step", "move the liveness check before the SMS one-time code"},
		{base, "the SMS code shouldn't be first", "move the SMS one-time code after the liveness check"},
		// steps by number past the flow's count, or parting recognition from
		// its liveness check (the layout would undo it): refused, never a
		// reversal of every step or a swap said but not made (rvJL16 S12, S13)
		{base, "swap 3 and 4", "counts to step 4, but the flow has 2 steps"},
		{built(t, "Recognise the user, then send an SMS code, then ask their date of birth.", Options{}), "swap 2 and 3", "the liveness check stays straight after face recognition"},
		{built(t, "Recognise the user, then send an SMS code, then ask their date of birth.", Options{}), "swap 1 and 2", "would be undone"},
		{nil, "Add liveness.", "empty"},
		{flow.Flow{{ID: "end", Type: flow.TypeEnd}}, "Add liveness.", "no start node"},
		{flow.Flow{{ID: "s", Type: flow.TypeStart, Next: "x"}, {ID: "end", Type: flow.TypeEnd}}, "Add liveness.", `"x" that does not exist`},
	}
	for _, tt := range tests {
		t.Run(tt.change, func(t *testing.T) {
			_, err := Edit(tt.base, tt.change, Options{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// Steps swapped by number count the checks; past them, the questions the
// user asked for count too, as the summary lists them (rvJL16 S13).
func TestEditSwapByNumberCountsAskedQuestions(t *testing.T) {
	base := built(t, "Check liveness. If liveness fails, ask for an ID scan instead. Then send an SMS code, then ask their date of birth.", Options{})
	r, err := Edit(base, "swap 2 and 3", Options{})
	require.NoError(t, err)
	liveness := nodeOfType(r.Flow, flow.TypeLiveness)
	next, _ := liveness.Outcome("livenessDetected")
	assert.Equal(t, "knowledge_check", next, "the date of birth question moves before the SMS code")
	assert.Contains(t, r.Summary, "swapped the SMS one-time code and the question")
}

// A place ruled out of a step the flow lacks adds nothing, beside other
// instructions; a step the change adds still goes next to the place (rvM16 S9).
func TestEditPlaceOfAbsentStep(t *testing.T) {
	base := built(t, "Liveness check, then an SMS code.", Options{})
	r, err := Edit(base, "Remove the SMS code. The email code shouldn't be last.", Options{})
	require.NoError(t, err)
	assert.Nil(t, nodeOfType(r.Flow, flow.TypeTwoFactorEmail), "no email code invented")
	assert.Contains(t, strings.Join(r.Assumptions, "\n"), "Did not add the email one-time code")
	assert.NotContains(t, r.Summary, "added")
	r, err = Edit(base, "Add an email code. The email code shouldn't be last.", Options{})
	require.NoError(t, err)
	email := nodeOfType(r.Flow, flow.TypeTwoFactorEmail)
	require.NotNil(t, email)
	next, _ := email.Outcome("verified")
	assert.Equal(t, "sms_code", next, "the added code is not last")
}

// Edit summaries say "a" or "an" as the step's name is read aloud.
func TestKindWithArticle(t *testing.T) {
	want := map[kind]string{
		kGreeting: "a greeting", kPermissions: "a camera and microphone permission", kLiveness: "a liveness check",
		kFaceScan: "a face scan", kFaceCompare: "a face comparison", kRecognition: "a face recognition",
		kDocument: "an ID document scan", kEnterEmail: "an email entry", kEmailOTP: "an email one-time code",
		kSMSOTP: "an SMS one-time code", kOTP: "a one-time code", kAgeCheck: "an age check", kMatchCheck: "a data check", kExpiryCheck: "an expiry check",
		kAsk: "a question", kInform: "an explanation", kClosing: "a closing line",
	}
	for k := range kindCount {
		if kindNames[k] == "" {
			continue
		}
		assert.Equal(t, want[k], k.withArticle(), "kind %d", k)
	}
}

// A retry asked for in a change is the named step's, as in Build; with no step
// named (or "any", "a check") it is every check's. "another" alone asks for a
// second step, not a retry.
func TestEditRetry(t *testing.T) {
	base := built(t, "liveness, passport scan, selfie, compare with the passport photo, email code", Options{})
	retried := func(f flow.Flow) []string {
		var out []string
		for _, n := range f {
			if back, ok := n.Outcome("retry"); ok {
				out = append(out, back)
			}
		}
		slices.Sort(out)
		return out
	}
	every := []string{"document_scan", "email_code", "face_compare", "face_scan", "liveness"}
	for _, tt := range []struct {
		change string
		want   []string
	}{
		{"if the passport scan fails, let them retry", []string{"document_scan"}},
		// (a bounded retry goes to a second node of the kind: layout.bounded)
		{"let them retry the passport scan once if it fails", []string{"again_document_scan"}},
		{"allow one retry on the passport scan", []string{"again_document_scan"}},
		{"give them another go at the selfie and the passport", []string{"again_document_scan", "again_face_scan"}},
		{"if a check fails, offer a retry", every},
		{"let them retry if anything fails", every},
		{"if it fails let them retry", every},
		{"add another email code", nil},
	} {
		res, err := Edit(base.Clone(), tt.change, Options{})
		require.NoError(t, err, tt.change)
		require.Empty(t, flow.Errors(flow.Validate(res.Flow)), tt.change)
		assert.Equal(t, tt.want, retried(res.Flow), tt.change)
	}
}

// Removing a step takes the path of the users it failed with it, and says so.
func TestEditRemoveSaysWhatWentWithIt(t *testing.T) {
	base := built(t, "recognise them, then liveness. If they're new, scan their passport and compare it with their face.", Options{})
	res, err := Edit(base.Clone(), "remove recognition", Options{})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(res.Assumptions, "\n"), "(ID document scan and face comparison) went with it")
}

// A comparison moved onto the live video when its face scan goes is said only
// while the comparison stays.
func TestEditLiveVideoOnlyWhileTheComparisonStays(t *testing.T) {
	base := built(t, "Liveness check, then passport scan, then selfie compared to the passport, then an SMS code.", Options{})
	for change, says := range map[string]bool{
		"remove the selfie":                      true,
		"drop the selfie and the comparison":     false,
		"remove the face compare and the selfie": false,
	} {
		res, err := Edit(base.Clone(), change, Options{})
		require.NoError(t, err, change)
		assert.Equal(t, says, slices.Contains(res.Assumptions, liveVideoCompare), change)
	}
}

// "Them" after a plural step ("the codes") is every step of that kind; "one of
// them" is one, and a plural named last is the one meant.
func TestEditThemAfterAPlural(t *testing.T) {
	base := built(t, "Passport scan, then an SMS code, then an email code.", Options{})
	codes := func(f flow.Flow) int {
		n := 0
		for _, x := range f {
			if x.Type == flow.TypeTwoFactorSMS || x.Type == flow.TypeTwoFactorEmail {
				n++
			}
		}
		return n
	}
	for change, left := range map[string]int{
		"The codes annoy people. Remove them.":                             0,
		"The codes confuse people. Remove one of them.":                    1,
		"our customers are moaning about the codes. take out both of them": 0,
	} {
		res, err := Edit(base.Clone(), change, Options{})
		require.NoError(t, err, change)
		assert.Equal(t, left, codes(res.Flow), change)
	}
	_, err := Edit(base.Clone(), "The codes are fine, but customers hate the scans. Remove them.", Options{})
	assert.Error(t, err, "the scans, not the codes")
}

// As Build reads it, a change's code that never arrived ("if the email
// bounces") is all that goes to the fallback; a wrong code fails.
func TestEditFallbackOnDelivery(t *testing.T) {
	base := built(t, "Liveness then an email code.", Options{})
	for _, change := range []string{"if the email bounces, send an SMS code instead", "if it bounces, text them a code"} {
		res, err := Edit(base.Clone(), change, Options{})
		require.NoError(t, err, change)
		n := res.Flow.Node("email_code")
		require.NotNil(t, n, change)
		for _, o := range n.Outcomes {
			assert.Equal(t, o.ID == "delivery_failed", strings.HasPrefix(o.Target, "fallback"), "%s: %s goes to %s", change, o.ID, o.Target)
		}
	}
}

// "Hello message: …" speaks of the greeting line; a greeting to the reader is
// only "Hello again, …", "Hi Sam, …".
func TestEditHelloMessageIsTheGreeting(t *testing.T) {
	base := built(t, "Greet them, then liveness, then an SMS code.", Options{})
	res, err := Edit(base.Clone(), "Hello message: change it to Welcome to Acme Bank, this only takes a minute, please look at the camera.", Options{})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(res.Flow.Node("greeting").Prompt, "Say: Welcome to Acme Bank"), res.Flow.Node("greeting").Prompt)
}

// A transition line the builder wrote names the step after it; when a change
// puts another step there, the line follows, and a line the integrator wrote stays.
func TestEditTransitionFollowsTheNextStep(t *testing.T) {
	tests := []struct {
		base, change, want string
	}{
		{"Recognize the user, check liveness, then send an email code.", "use an SMS code instead of the email one", "to your phone"},
		{"Check liveness, then scan their passport.", "replace the passport scan with an email code", "to your email"},
		{"Liveness check, then a text message code.", "s/sms/email/", "to your email"},
		{"recognition, liveness, SMS code, email code", "remove the SMS code", transitionPrompt(kEmailOTP)},
		{"liveness check then a text code", "swap the text code for a passport scan", transitionPrompt(kDocument)},
		{"liveness, email otp, face scan", "drop the otp", transitionPrompt(kFaceScan)},
	}
	for _, tt := range tests {
		t.Run(tt.change, func(t *testing.T) {
			res, err := Edit(built(t, tt.base, Options{}), tt.change, Options{})
			require.NoError(t, err)
			n := res.Flow.Node("after_liveness")
			require.NotNil(t, n)
			assert.Contains(t, n.Prompt, tt.want)
		})
	}
	base := built(t, "Check liveness, then scan their passport.", Options{})
	base.Node("after_liveness").Prompt = "Say: Great. Let's look at your passport next."
	res, err := Edit(base, "replace the passport scan with an email code", Options{})
	require.NoError(t, err)
	assert.Equal(t, "Say: Great. Let's look at your passport next.", res.Flow.Node("after_liveness").Prompt, "the integrator's own line is kept")
	base = built(t, "liveness, SMS code, email code", Options{})
	base.Node("after_liveness").Prompt = "Say: Great, one more thing."
	res, err = Edit(base, "remove the SMS code", Options{})
	require.NoError(t, err)
	assert.Equal(t, "Say: Great, one more thing.", res.Flow.Node("after_liveness").Prompt, "the user's own words stay")
}

// The builder's line for a user the recognition did not find says whether their
// path ends or goes on; an edit that gives the path steps, or takes them away,
// changes which, and the integrator's own line stays.
func TestEditNewUserLineFollowsThePath(t *testing.T) {
	res, err := Edit(built(t, "Recognise the face, then liveness.", Options{}), "anyone we don't recognise should scan a passport", Options{})
	require.NoError(t, err)
	n := res.Flow.Node("new_user")
	require.NotNil(t, n)
	assert.NotContains(t, n.Prompt, "sign up first", "the path goes on to the scan")
	assert.Equal(t, "new_user_document_scan", n.Outcomes[0].Target)

	res, err = Edit(res.Flow, "remove the passport scan", Options{})
	require.NoError(t, err)
	assert.Equal(t, newUserPrompt(ucGeneric), res.Flow.Node("new_user").Prompt, "the path ends again")

	base := built(t, "Recognise the face, then liveness.", Options{})
	base.Node("new_user").Prompt = "Say: Welcome! Let's get you set up."
	res, err = Edit(base, "new users scan a passport", Options{})
	require.NoError(t, err)
	assert.Equal(t, "Say: Welcome! Let's get you set up.", res.Flow.Node("new_user").Prompt, "the integrator's own line is kept")
}

// A move the layout would undo (the liveness check away from the recognition
// it follows) is reported as not made, and the builder's own new-user line
// ("please sign up first") does not turn a flow into an onboarding one.
func TestEditSaysWhatItDidNotMove(t *testing.T) {
	base := built(t, "Greet the user, recognise them, liveness, then an SMS code.", Options{})
	res, err := Edit(base.Clone(), "put the liveness check after the code", Options{})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(res.Summary, "Changed: did not move the liveness check after the one-time code: FaceSign recommends it straight after the face recognition."), res.Summary)
	assert.Equal(t, base, res.Flow, "nothing moved")

	res, err = Edit(base.Clone(), "move the sms code to the very beginning", Options{})
	require.NoError(t, err)
	assert.Contains(t, res.Summary, "A verification flow of", "the purpose stays a verification")
}

// A change to a step's settings reaches the one such step a branch has when the
// main path has none, and says the document types in words.
func TestEditSettingsOfABranchStep(t *testing.T) {
	base := built(t, "Recognise them. Known users: liveness then an SMS code. New users: liveness, passport scan, face compare, then an SMS code.", Options{})
	res, err := Edit(base, "use driving licences instead of passports", Options{})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(res.Summary, "Changed: the document scan now accepts driver's licenses."), res.Summary)
	assert.Equal(t, []string{"dl"}, res.Flow.Node("new_user_document_scan").AllowedDocumentTypes)
}

// "add a consent question at the start about recording" adds one question,
// about what it names, as Build would.
func TestEditAddsOneQuestion(t *testing.T) {
	res, err := Edit(built(t, "Greet them, liveness, then an SMS code, then thank them.", Options{}), "add a consent question at the start about recording", Options{})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(res.Summary, "Changed: added a question to the start. "), res.Summary)
	assert.Equal(t, "Ask the user whether they consent to recording.", res.Flow.Node("consent").Prompt)
	assert.Nil(t, res.Flow.Node("question"))
}

// "the closing should tell them X" rewords the closing line; it adds no line
// before it.
func TestEditClosingSays(t *testing.T) {
	base := built(t, "Greet them, liveness, then an SMS code, then thank them.", Options{})
	res, err := Edit(base.Clone(), "the closing line should tell them their card is unlocked", Options{})
	require.NoError(t, err)
	assert.Equal(t, "Explain to the user that their card is unlocked, and thank them.", res.Flow.Node("closing").Prompt)
	assert.Len(t, res.Flow, len(base))
}

// "the whole session needs to be in French" is a setting of the sessions: kept
// as Build keeps it, not a failed change.
func TestEditLanguages(t *testing.T) {
	base := built(t, "Recognise the user, then liveness.", Options{})
	res, err := Edit(base.Clone(), "Also, the whole session needs to be in French for our Quebec users.", Options{})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(res.Summary, "Changed: the sessions run in French. "), res.Summary)
	assert.Equal(t, []string{"fr"}, res.Settings.Langs)
	assert.Equal(t, base, res.Flow)

	res, err = Edit(base.Clone(), "run it in French", Options{Langs: []string{"de"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"de"}, res.Settings.Langs, "the caller's ids win")
}

// A change that opens by letting a step go is a removal; "forget it" takes back
// what was said, and is no removal of anything.
func TestEditRemovalOpener(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"never mind the SMS one, people hate getting two codes", "drop the SMS one"},
		{"Forget about the email code.", "drop the email code."},
		{"scratch the selfie", "drop the selfie"},
		{"forget it, keep the SMS", "forget it, keep the SMS"},
		{"don't forget the SMS code", "don't forget the SMS code"},
	} {
		assert.Equal(t, tt.want, cutReason(removalOpener(tt.in)), tt.in)
	}
}

// The summary of an edited flow reads the age from the check's node, not from
// the step it was read back into (it said "older than 0").
func TestEditSummaryKeepsTheAge(t *testing.T) {
	base := built(t, "scan their driving licence, check they're 21 or over, then liveness", Options{})
	res, err := Edit(base.Clone(), "Leave the greeting.", Options{})
	require.NoError(t, err)
	assert.Contains(t, res.Summary, "older than 21")
}

// TestPlaceTail: where a line goes is cut from what it says, an ordinal of
// what is said is not.
func TestPlaceTail(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"goodbye at the very end", "goodbye"},
		{"thanks for your patience at the end.", "thanks for your patience"},
		{"the exam rules first", "the exam rules"},
		{"whether this is their first", "whether this is their first"},
		{"at the end", "at the end"},
		{"welcome back", "welcome back"},
	} {
		if got := placeTail(tc.in); got != tc.want {
			t.Errorf("placeTail(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A liveness check a recognition needs stays, and the result says so: the
// summary once said "removed the liveness check" over a flow that still had it.
func TestEditKeepsLivenessAfterRecognition(t *testing.T) {
	base := built(t, "login: recognition, then liveness, then sms code", Options{})
	r, err := Edit(base, "get rid of the liveness, recognition already covers it", Options{})
	require.NoError(t, err)
	assert.NotContains(t, r.Summary, "removed the liveness check")
	assert.Contains(t, r.Assumptions, "Kept the liveness check: FaceSign runs one after every face recognition, so it stays while the flow recognises faces.")
	assert.NotNil(t, nodeOfType(r.Flow, flow.TypeLiveness))
}

// New users' steps placed before a step of every user's path go on to it
// ("… before the sms"): the path once ended on the closing and new users
// skipped the code. Built or changed, the same.
func TestNewUserPathJoinsBefore(t *testing.T) {
	check := func(t *testing.T, f flow.Flow) {
		t.Helper()
		path := newUserPath(f)
		require.Len(t, path, 2)
		last := path[1]
		require.Equal(t, flow.TypeFaceCompare, last.Type)
		i := slices.IndexFunc(last.Outcomes, func(o flow.Outcome) bool { return o.ID == "match" })
		require.GreaterOrEqual(t, i, 0)
		assert.Equal(t, flow.TypeTwoFactorSMS, f.Node(last.Outcomes[i].Target).Type)
	}
	r, err := Build("login: recognition, then liveness, then sms code. for people we don't recognise, scan their ID and compare it with their face before the sms", Options{})
	require.NoError(t, err)
	check(t, r.Flow)
	base := built(t, "login: recognition, then liveness, then sms code", Options{})
	e, err := Edit(base, "for people we don't recognise, scan their ID and compare it with their face before the sms", Options{})
	require.NoError(t, err)
	check(t, e.Flow)
}

// A line named by what it speaks of takes new words ("the room number line
// should say …"); the change was refused as a wording problem.
func TestEditRewordsNamedLine(t *testing.T) {
	base := built(t, "hotel check-in: passport scan, compare the passport photo with their face, then the avatar tells them their room number", Options{})
	for _, tt := range []struct{ change, want string }{
		{"the room number line should say their key is at reception instead", "Explain to the user that their key is at reception."},
		{`the room number message should say "Your key is waiting at reception."`, "Say: Your key is waiting at reception."},
	} {
		r, err := Edit(base.Clone(), tt.change, Options{})
		require.NoError(t, err, tt.change)
		assert.NotNil(t, nodeOfType(r.Flow, flow.TypeConversation, func(n *flow.Node) bool { return n.Prompt == tt.want }), "%s: %v", tt.change, prompts(r.Flow))
		assert.Nil(t, nodeOfType(r.Flow, flow.TypeConversation, func(n *flow.Node) bool { return strings.Contains(n.Prompt, "room number") }), tt.change)
	}
}

// Letters that grow when lower-cased ("Ⱥ" is 2 bytes, "ⱥ" 3) once moved the
// offsets found in a lower-cased copy past the original's end: a panic.
func TestEditLettersThatGrow(t *testing.T) {
	base := built(t, "hotel check-in: passport scan, compare the passport photo with their face, then the avatar tells them their room number", Options{})
	for _, change := range []string{
		"the room number line ȺȺȺȺȺȺȺȺ should say hi",
		"make the greeting ȺȺȺȺȺȺȺȺȺȺ say hello",
		"ȺȺȺȺȺȺȺȺȺȺȺȺȺȺȺȺ liveness is bad, so remove the passport scan",
	} {
		assert.NotPanics(t, func() { _, _ = Edit(base.Clone(), change, Options{}) }, change)
	}
}

// "ad" is "add" only as a verb: not in quoted words, nor after a determiner;
// and a word FaceSign cannot do opens no note when it is the change's verb.
func TestEditWordsInTheirSense(t *testing.T) {
	base := built(t, "liveness, then an sms code", Options{})
	r, err := Edit(base.Clone(), `make the greeting say "Hi, you came from our ad the other day"`, Options{})
	require.NoError(t, err)
	assert.Equal(t, "Say: Hi, you came from our ad the other day.", r.Flow.Node("greeting").Prompt)
	r, err = Edit(base.Clone(), "push the sms code to the start", Options{})
	require.NoError(t, err)
	assert.Empty(t, r.Assumptions)
}

// Claims of this stage's rules that no corpus case holds: each row fails if
// its rule goes.
func TestStageRulesHold(t *testing.T) {
	t.Run("a name read from a scan is the document's, a phone is the user's", func(t *testing.T) {
		conds := func(desc string) string {
			r, err := Build(desc, Options{})
			require.NoError(t, err)
			n := nodeOfType(r.Flow, flow.TypeDataValidation)
			require.NotNil(t, n, desc)
			return n.Outcomes[0].Condition
		}
		assert.Equal(t, "The name on the document matches the one on file", conds("scan the licence, then compare the name on the licence with the booking name"))
		assert.Equal(t, "The phone the user gave matches the one on file", conds("scan the passport, then check the phone number matches the one on file"))
	})
	t.Run("sms otp, backup email: a fallback, not an address", func(t *testing.T) {
		r, err := Build("sms otp, backup email, then a selfie", Options{})
		require.NoError(t, err)
		assert.Nil(t, nodeOfType(r.Flow, flow.TypeEnterEmail))
		code := nodeOfType(r.Flow, flow.TypeTwoFactorEmail)
		require.NotNil(t, code)
		assert.True(t, strings.HasPrefix(code.ID, "fallback_"), code.ID)
	})
	t.Run("all users is no each-code", func(t *testing.T) {
		base := built(t, "Liveness, SMS code, then email code.", Options{})
		r, err := Edit(base, "make the code expire after 2 minutes for all users", Options{})
		require.NoError(t, err)
		assert.Nil(t, nodeOfType(r.Flow, flow.TypeTwoFactorEmail).ExpirySeconds)
	})
	t.Run("a fallback kept as the backup stays", func(t *testing.T) {
		base := built(t, "scan the passport, then an sms code, then a selfie. if the sms code fails, send an email code instead", Options{})
		r, err := Edit(base, "remove the selfie, the email code stays as the backup", Options{})
		require.NoError(t, err)
		assert.NotNil(t, nodeOfType(r.Flow, flow.TypeTwoFactorEmail))
	})
	t.Run("before the liveness new users had: after it", func(t *testing.T) {
		r, err := Build("login: recognition, then liveness, then sms code. for people we don't recognise, scan their passport before the liveness", Options{})
		require.NoError(t, err)
		path := newUserPath(r.Flow)
		require.Len(t, path, 1)
		assert.Equal(t, flow.TypeTwoFactorSMS, r.Flow.Node(path[0].Outcomes[0].Target).Type)
	})
}

// TestOffScopeLead: an off-scope heading before a colon, with at most a few
// words of when it holds, opens the list it rules out; other words before the
// colon make it no heading.
func TestOffScopeLead(t *testing.T) {
	for text, want := range map[string]int{
		"Out of scope now: the SMS code":          5,
		"Not allowed for the MVP: the SMS code":   6,
		"never mind: keep the SMS code":           0,
		"never mind that: add an email code":      0,
		"Out of scope":                            0,
		"remove the SMS code: it is out of scope": 0,
	} {
		assert.Equal(t, want, offScopeLead(tokenize(text)), text)
	}
}

// TestNegatedHeadingNeedsColon: a bare negation rules out the list after it only
// as a heading before a colon; alone it answers a question, and what follows
// stays in the flow.
func TestNegatedHeadingNeedsColon(t *testing.T) {
	r, err := Build("Liveness check. Should we text them a code? Don't. Send an email code instead.", Options{})
	require.NoError(t, err)
	assert.NotNil(t, nodeOfType(r.Flow, flow.TypeTwoFactorEmail))
	r, err = Build("Liveness check, then a one-time code. Not allowed: SMS.", Options{})
	require.NoError(t, err)
	assert.Nil(t, nodeOfType(r.Flow, flow.TypeTwoFactorSMS))
	assert.NotNil(t, nodeOfType(r.Flow, flow.TypeTwoFactorEmail))
}

// TestElsewhereTagIsNoCondition: a clause that only says something happens
// outside this flow puts the clause before it outside too ("Recognition comes
// later, not here"), but a condition that holds such words does not ("and if
// the photo is not here, …").
func TestElsewhereTagIsNoCondition(t *testing.T) {
	r, err := Build("Enrolment: face scan, liveness. Recognition comes later, not here.", Options{})
	require.NoError(t, err)
	assert.Nil(t, nodeOfType(r.Flow, flow.TypeRecognition))
	r, err = Build("Scan their passport, and if the photo is not here, ask them to retake it.", Options{})
	require.NoError(t, err)
	assert.NotNil(t, nodeOfType(r.Flow, flow.TypeDocumentScan))
}

// TestOffScopeListIsNotTheFlowsList: a heading that keeps its list out of the
// flow ("Out of scope:", "Not allowed:") is no opener of the flow's own list,
// so the steps before it are no background to it.
func TestOffScopeListIsNotTheFlowsList(t *testing.T) {
	r, err := Build("We run a clinic. Passport scan, selfie, compare, liveness. Out of scope: email code, SMS code.", Options{})
	require.NoError(t, err)
	assert.NotNil(t, nodeOfType(r.Flow, flow.TypeDocumentScan))
	assert.Nil(t, nodeOfType(r.Flow, flow.TypeTwoFactorSMS))
	r, err = Build("Users love us. Liveness then email code. Not allowed: SMS, passport scan.", Options{})
	require.NoError(t, err)
	assert.NotNil(t, nodeOfType(r.Flow, flow.TypeTwoFactorEmail))
	assert.Nil(t, nodeOfType(r.Flow, flow.TypeDocumentScan))
}

// TestAvatarSaysOpensNoList: "says:" opens the flow's list after a written
// source ("ticket says: …"), not after the avatar, whose words follow.
func TestAvatarSaysOpensNoList(t *testing.T) {
	r, err := Build("Face recognition. The avatar says: please look at the camera, then liveness, then an SMS code.", Options{})
	require.NoError(t, err)
	assert.NotNil(t, nodeOfType(r.Flow, flow.TypeRecognition))
}

// A comma right after "but" or "and" left an instruction with no words before
// the verb, and splitInstructions sliced past its start (a panic, some of it
// older than the "stays, but …" split that made it likelier).
func TestEditCommaAfterConjunction(t *testing.T) {
	base, err := Build("liveness then an sms code", Options{})
	require.NoError(t, err)
	for _, change := range []string{
		"liveness stays, but, drop the sms code",
		"the sms code stays, but, remove liveness",
		"keep liveness, but, drop the sms code",
		"liveness and, drop the sms code",
	} {
		t.Run(change, func(t *testing.T) {
			r, err := Edit(base.Flow.Clone(), change, Options{})
			require.NoError(t, err)
			require.Empty(t, flow.Errors(flow.Validate(r.Flow)))
		})
	}
}

// A line told for a failure is said by the failure message, never on the
// success path: "tell them to call support" once set every failure to a
// handover, and after that was mended it landed after the verified code.
func TestFailureLineOffSuccessPath(t *testing.T) {
	onPath := func(t *testing.T, f flow.Flow) {
		t.Helper()
		path, err := flow.SuccessPath(f)
		require.NoError(t, err)
		for _, id := range path {
			assert.NotContains(t, f.Node(id).Prompt, "call support", id)
		}
		assert.Contains(t, f.Node("failure").Prompt, "call support")
	}
	b, err := Build("liveness then sms code. if anything fails, tell them to call support", Options{})
	require.NoError(t, err)
	onPath(t, b.Flow)
	for _, tt := range []struct{ base, change string }{
		{"liveness then an sms code; if the sms code fails, send an email code", "if the sms code fails, tell them to call support"},
		{"liveness then an sms code; if the sms code fails, send an email code", "if it fails, tell them to call support"},
		{"liveness then an sms code", "if anything fails, tell them to call support"},
	} {
		t.Run(tt.change, func(t *testing.T) {
			base, err := Build(tt.base, Options{})
			require.NoError(t, err)
			r, err := Edit(base.Flow, tt.change, Options{})
			require.NoError(t, err)
			onPath(t, r.Flow)
		})
	}
}

// A told line about a step ("which number we're texting") is said right
// before that step, wherever the change moves it; it once stayed where the
// step had been, or stopped the move.
func TestEditLineBesideItsStep(t *testing.T) {
	base := built(t, "liveness, then a selfie, then an sms code", Options{})
	for _, change := range []string{
		"tell them which number we're texting",
		"tell them which number we're texting and put the sms code first",
		"put the sms code first and tell them which number we're texting",
		"tell them which number we're texting. Put the sms code first.",
	} {
		r, err := Edit(base, change, Options{})
		require.NoError(t, err, change)
		sms := slices.IndexFunc(r.Flow, func(n flow.Node) bool { return n.Type == flow.TypeTwoFactorSMS })
		require.GreaterOrEqual(t, sms, 0, change)
		var before string
		for _, n := range r.Flow {
			for _, o := range n.Outcomes {
				if o.Target == r.Flow[sms].ID && n.Type == flow.TypeConversation {
					before = n.Prompt
				}
			}
		}
		assert.Equal(t, "Explain to the user which number we're texting.", before, change)
		assert.Equal(t, 1, countType(r.Flow, flow.TypeTwoFactorSMS), change)
	}
}

// A limit a remark states is the age of an age check the change adds; an age
// check the flow already holds is the step a later sentence names, and the
// remark does not rewrite it.
func TestStatedAgeOnlyForAnAddedCheck(t *testing.T) {
	base := built(t, "Liveness check, then scan their passport, check they are over 18, then compare their face to the passport photo.", Options{})
	res, err := Edit(base.Clone(), "Legal says the product is 21+ only. Don't touch the age check.", Options{})
	if err != nil {
		return // asking again is fine; raising the limit unasked is not
	}
	n := res.Flow.Node("age_check")
	if assert.NotNil(t, n) && assert.NotNil(t, n.Validation) {
		assert.Equal(t, "18", n.Validation.Value, "the kept check keeps its age")
	}
}

// "between and the SMS code" names no first step; its "and" once started inside
// "between " and the slice between them ran backwards: a panic.
func TestEditBetweenWithoutFirstStep(t *testing.T) {
	base := built(t, "Liveness check, then an SMS code, then an email code.", Options{})
	for _, change := range []string{
		"Add a selfie check between and the SMS code.",
		"Add a selfie check betwen and the SMS code.",
		"add a selfie between and",
	} {
		assert.NotPanics(t, func() { _, _ = Edit(base.Clone(), change, Options{}) }, change)
	}
}

// An exception to "keep everything" that is itself a change (a verb of change,
// a setting, a step to become another, a step "adding") is no removal, and
// "beyond the first one" counts along the steps rather than naming a kind:
// none of these takes out the steps the exception did not ask to take out.
func TestEditExceptionThatIsAChange(t *testing.T) {
	base := built(t, "Scan their ID, do a liveness check, compare the face to the ID photo, then send an SMS code and an email code.", Options{})
	tests := []struct {
		change string
		keep   []string // node types that must stay when the change is applied
	}{
		{"Keep everything except make the ID scan passport only.", []string{"document_scan", "face_compare"}},
		{"Keep everything the same except swap the SMS code for a voice call.", []string{"two_factor_sms"}},
		{"Leave everything else alone apart from adding a second liveness check at the end.", []string{"liveness_detection"}},
		{"Keep everything except for the SMS bit, which should become an email code.", []string{"two_factor_email"}},
		{"Remove every code beyond the first one.", []string{"document_scan", "liveness_detection", "face_compare"}},
	}
	for _, tc := range tests {
		t.Run(tc.change, func(t *testing.T) {
			res, err := Edit(base.Clone(), tc.change, Options{})
			if err != nil {
				return // a refusal asks again, which is safe
			}
			for _, typ := range tc.keep {
				found := false
				for _, n := range res.Flow {
					found = found || string(n.Type) == typ
				}
				assert.True(t, found, "%s stays: %s", typ, res.Summary)
			}
		})
	}
}

// "to users that we don't recognise expired documents": the verb has an object
// of its own, so the users are only whom the line is for, not the users the
// recognition does not find; the line stays on everyone's path.
func TestEditRecipientsWithObject(t *testing.T) {
	base := built(t, "Recognize the user, do a liveness check, then send an SMS code.", Options{})
	res, err := Edit(base.Clone(), "Explain to users that we don't recognise expired documents.", Options{})
	require.NoError(t, err)
	for _, n := range res.Flow {
		if strings.Contains(n.Prompt, "expired documents") {
			assert.False(t, strings.HasPrefix(n.ID, "new_user"), "the line is for everyone: %s", n.ID)
		}
	}
}

// A group whose match or identification is against a document ("any face that
// doesn't match the ID photo", "any user we can't identify from their ID") is
// no group of users the recognition does not find: no document scan is made up
// for them on a new-user path.
func TestBuildGroupAgainstDocument(t *testing.T) {
	for _, text := range []string{
		"Recognize the face, then scan their ID and compare the face to the ID photo. Any face that doesn't match the ID photo goes to manual review.",
		"Recognize the user and do a liveness check. Any user we can't identify from their ID gets an SMS code.",
	} {
		f := built(t, text, Options{})
		assert.Nil(t, f.Node("new_user_document_scan"), text)
	}
}

// A shift of a code by a count of places never puts it in front of the email
// entry it is sent to: the entry and its code are one place (rvC10 R4).
func TestEditShiftKeepsEntryWithCode(t *testing.T) {
	base := built(t, "Ask their email and send an email code, then a liveness check, then an SMS code.", Options{})
	res, err := Edit(base.Clone(), "bump the email code up one", Options{})
	if err != nil {
		return // refusing is safe
	}
	got, _ := successSteps(t, res.Flow)
	entry := slices.Index(got, string(flow.TypeEnterEmail))
	code := slices.Index(got, string(flow.TypeTwoFactorEmail))
	require.True(t, entry >= 0 && code >= 0, "%v", got)
	assert.Less(t, entry, code, "the code is not sent before the entry: %s", res.Summary)
}

// The openings of a change said not to be made, and of a step kept, read the
// same negations ("don't", "never", "do not"), and never past the words.
func TestNegatedOpenings(t *testing.T) {
	for _, tt := range []struct {
		text       string
		changeVerb int
		keeps      bool
	}{
		{"", 0, false},
		{"don't", 0, false},
		{"do not", 0, false},
		{"Don't add another code", 1, false},
		{"do not put the email code at the end", 2, false},
		{"never move the selfie", 1, false},
		{"Don't remove anything", 1, false},
		{"don't remove the SMS code", 0, true},
		{"do not drop the liveness", 0, true},
		{"keep the SMS code", 0, true},
		{"don't keep the selfie", 0, false},
		{"add an email code", 0, false},
	} {
		words := strings.Fields(tt.text)
		assert.Equal(t, tt.changeVerb, negatedChangeVerb(words), "negatedChangeVerb(%q)", tt.text)
		assert.Equal(t, tt.keeps, keepsLead(words), "keepsLead(%q)", tt.text)
	}
}

// A gerund's remark that says someone would exploit or avoid the change, or
// that the change was only asked about, asks for nothing: the flow is not
// changed (an error, or the flow as it was).
func TestEditRemarkIsNoRequest(t *testing.T) {
	base, err := Build("Send an SMS code, then a face scan, then a liveness check.", Options{})
	require.NoError(t, err)
	for _, change := range []string{
		"Removing the SMS code is what the attackers want.",
		"Removing the liveness check is what the auditors wanted to avoid.",
		"Removing the face scan is what someone asked for, I think it's a bad idea.",
		"Removing the SMS code is what support asked about",
		"Adding an email code would annoy users",
	} {
		t.Run(change, func(t *testing.T) {
			res, err := Edit(base.Flow.Clone(), change, Options{})
			if err != nil {
				assert.Contains(t, err.Error(), "could not tell what to change")
				return
			}
			var was, now []flow.NodeType
			for _, n := range base.Flow {
				was = append(was, n.Type)
			}
			for _, n := range res.Flow {
				now = append(now, n.Type)
			}
			assert.Equal(t, was, now, "the flow changed: %s", res.Summary)
		})
	}
}

// A new step said to go at an ordinal place is one step; two named together
// keep their own order at the end, and never a comparison before the capture
// it reads.
func TestEditOrdinalAddOfTwo(t *testing.T) {
	base, err := Build("Send an SMS code, then a face scan, then a liveness check.", Options{})
	require.NoError(t, err)
	res, err := Edit(base.Flow, "Add a passport scan and a face comparison as the second step.", Options{})
	require.NoError(t, err)
	doc := slices.IndexFunc(res.Flow, func(n flow.Node) bool { return n.Type == flow.TypeDocumentScan })
	cmp := slices.IndexFunc(res.Flow, func(n flow.Node) bool { return n.Type == flow.TypeFaceCompare })
	require.True(t, doc >= 0 && cmp >= 0, "both steps are added: %s", res.Summary)
	for _, w := range res.Warnings {
		assert.NotEqual(t, "source_not_captured", w.Code, "%s", w)
	}
}

// A quiet flow's fallback opens on its first step, with no line before it:
// an edit reads it back as the fallback, and a fallback of that step (laid out
// before it by chain) does not take the entry's id in its place, which left
// the entry's outcomes pointing at a node that was not there.
func TestEditFallbackOfAQuietFallback(t *testing.T) {
	base := built(t, "Hotel check-in: scan the passport, then a liveness check, then compare the passport photo with the guest's face. Please, no talking avatar.", Options{})
	res, err := Edit(base.Clone(), "If the face comparison fails, ask for their email address instead.", Options{})
	require.NoError(t, err)
	res, err = Edit(res.Flow, "If the email entry is cancelled, send an SMS code instead.", Options{})
	require.NoError(t, err)
	require.Empty(t, flow.Errors(flow.Validate(res.Flow)))
	entry := res.Flow.Node("fallback_face_compare")
	require.NotNil(t, entry)
	assert.Equal(t, flow.TypeEnterEmail, entry.Type)
	for _, o := range entry.Outcomes {
		to := res.Flow.Node(o.Target)
		require.NotNil(t, to, o.ID)
		if o.ID == "canceled" {
			assert.Equal(t, flow.TypeTwoFactorSMS, to.Type, "a cancelled email entry falls back to the SMS code")
		}
	}
}

// A failure of a step the flow does not have ("if the email doesn't arrive"
// with no email step) hangs the new steps on no other step's failure.
func TestEditConditionOnAbsentStep(t *testing.T) {
	base := built(t, "Hotel check-in: scan the passport, then a liveness check, then compare the passport photo with the guest's face.", Options{})
	for _, change := range []string{"if the email doesn't arrive, send an SMS code", "if the email doesn't arrive, send them a letter — we can't do that, can we? ok an SMS code on that path then"} {
		res, err := Edit(base.Clone(), change, Options{})
		require.NoError(t, err, change)
		require.Empty(t, flow.Errors(flow.Validate(res.Flow)), change)
		assert.Len(t, res.Flow, len(base), "%s: nothing added", change)
		assert.True(t, slices.ContainsFunc(res.Assumptions, func(a string) bool { return strings.Contains(a, "does not have") }), "%s: %v", change, res.Assumptions)
	}
}

// A flow that never scanned a document has checks that read something else
// (here the age the user tells): an edit keeps them, and says nothing of a
// document it took away.
func TestEditKeepsAgeCheckOfAFlowWithNoDocument(t *testing.T) {
	base := built(t, "liveness check, then an SMS code with 6 digits, then ask their age - they must be 18 or over", Options{})
	for _, change := range []string{"make the age check 21", "Forget what I said about the SMS code length.", "Ignore what I said about the age check, make it 21."} {
		res, err := Edit(base.Clone(), change, Options{})
		require.NoError(t, err, change)
		assert.True(t, slices.ContainsFunc(res.Flow, func(n flow.Node) bool { return n.Type == flow.TypeDataValidation }), "%s: the age check stays", change)
		for _, a := range res.Assumptions {
			assert.NotContains(t, a, "ID document", change)
		}
	}
}

// rvD12 8: a speaker's need that sets a setting ("…, and we need it to expire
// in 2 minutes") stays with the step the change named, and is not split off
// and applied to another node as well; the summary says each change once.
func TestEditNeedSettingStaysWithItsStep(t *testing.T) {
	base := built(t, "Greet the user, then liveness, then an SMS code, then scan their passport.", Options{})
	for _, tc := range []struct{ change, fallbackExpiry string }{
		{"Add an email fallback if the SMS code fails, and we need it to expire in 2 minutes.", "120"},
		{"Put in an email code as the backup for when the text code fails, and we want it to expire after 5 minutes.", "300"},
	} {
		r, err := Edit(base.Clone(), tc.change, Options{})
		require.NoError(t, err)
		sms := nodeOfType(r.Flow, flow.TypeTwoFactorSMS)
		require.NotNil(t, sms, tc.change)
		assert.Nil(t, sms.ExpirySeconds, "%s: the SMS code's expiry was not asked to change", tc.change)
		mail := nodeOfType(r.Flow, flow.TypeTwoFactorEmail)
		require.NotNil(t, mail, tc.change)
		require.NotNil(t, mail.ExpirySeconds, tc.change)
		assert.Equal(t, tc.fallbackExpiry, strconv.Itoa(*mail.ExpirySeconds), tc.change)
	}
	for _, change := range []string{"Make the SMS code expire after 10 minutes, and we want it to be 8 digits.", "Make the SMS code 8 digits, and we need 5 attempts."} {
		r, err := Edit(base.Clone(), change, Options{})
		require.NoError(t, err)
		assert.Equal(t, 1, strings.Count(r.Summary, "changed the settings of the SMS one-time code"), r.Summary)
	}
}

// What a change did is said as phrases joined by semicolons, and an item that
// is a sentence of its own keeps its full stop ("…continues. A detected
// deepfake …", never "…continues.; a detected …").
func TestJoinDone(t *testing.T) {
	tests := []struct {
		done []string
		want string
	}{
		{[]string{"removed the email one-time code", "added an SMS one-time code"}, "removed the email one-time code; added an SMS one-time code."},
		{[]string{"When the liveness check finds no face, the user gets an ID document scan instead, then continues.", "A detected deepfake still ends the session."}, "When the liveness check finds no face, the user gets an ID document scan instead, then continues. A detected deepfake still ends the session."},
		{[]string{"Kept the SMS code.", "moved it to the end"}, "Kept the SMS code. Moved it to the end."},
		{[]string{"moved the SMS code"}, "moved the SMS code."},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, joinDone(tt.done))
	}
}
