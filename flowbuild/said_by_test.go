package flowbuild

import (
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// rvM17 M19: a suggestion put to us as a "why not" question ("Why not add an
// email code too?", "why don't we add a doc scan at the start?") asks for the
// step; the avatar never asks the user the question back.
func TestWhyNotSuggestionAddsTheStep(t *testing.T) {
	for _, tt := range []struct {
		text string
		want flow.NodeType
	}{
		{"Liveness, then an SMS code. Why not add an email code too?", flow.TypeTwoFactorEmail},
		{"Liveness, then an SMS code. Why don't we add a doc scan at the start?", flow.TypeDocumentScan},
		{"Recovery: email code, then liveness. why wouldn't you add a face scan at the end", flow.TypeFaceScan},
		{"Login with an SMS code. Why do we not do a liveness check first?", flow.TypeLiveness},
		{"Payout change: liveness then SMS. why not just scan their ID at the end?", flow.TypeDocumentScan},
	} {
		r := built(t, tt.text, Options{})
		if checkTypes(r)[tt.want] == 0 {
			t.Errorf("%q: no %s node", tt.text, tt.want)
		}
		for _, n := range r {
			if p := strings.ToLower(n.Prompt); strings.Contains(p, "why not") || strings.Contains(p, "why don") || strings.Contains(p, "why wouldn") || strings.Contains(p, "why do we") {
				t.Errorf("%q: the avatar asks the suggestion back: %q", tt.text, n.Prompt)
			}
		}
	}
	// Edit reads the suggestion as the change it suggests
	for _, tt := range []struct {
		change string
		want   flow.NodeType
	}{
		{"why not add an email code too?", flow.TypeTwoFactorEmail},
		{"Why don't we put a passport scan first?", flow.TypeDocumentScan},
	} {
		e, err := Edit(built(t, "Liveness, then an SMS code.", Options{}), tt.change, Options{})
		if err != nil {
			t.Fatalf("%q: %v", tt.change, err)
		}
		if checkTypes(e.Flow)[tt.want] == 0 {
			t.Errorf("%q: no %s node", tt.change, tt.want)
		}
		if strings.Contains(e.Summary, "question") {
			t.Errorf("%q: %s", tt.change, e.Summary)
		}
	}
	// a suggestion that takes a check away is never read as one (rvC18 S1,
	// S2, S12): the check stays
	r, err := Build("Login: why not skip liveness and just send an email code?", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if checkTypes(r.Flow)[flow.TypeLiveness] == 0 {
		t.Errorf("a \"why not skip\" question took liveness away: %v", r.Assumptions)
	}
	for _, a := range r.Assumptions {
		if strings.Contains(a, "as a suggestion for the flow") {
			t.Errorf("a removal read as a suggestion: %q", a)
		}
	}
	// (near-misses: a "why" the avatar is told to ask stays the avatar's)
	r, err = Build("Liveness, then an SMS code. Ask them why they want to open the account.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !flowSays(r.Flow, "why they want to open the account") {
		t.Error("the avatar's own why-question is gone")
	}
}

// rvM17 M17: "The user states their name and says 'I agree'": the words after
// "and" are the user's (the subject is shared), never the avatar's own line.
func TestUserSubjectSharedAcrossAnd(t *testing.T) {
	for _, tt := range []struct{ text, words string }{
		{"Liveness, then an SMS code. The user states their name and says 'I agree'.", "I agree"},
		{"Liveness, then an SMS code. Have the user state their name and say 'I agree'.", "I agree"},
		{"Liveness, then an SMS code. Ask the user to state their name and say 'I agree'.", "I agree"},
		{"Wire transfer: liveness, then an SMS code. The account holder reads out the amount and says 'I authorise this payment'.", "I authorise this payment"},
		{"Face enrollment: liveness, then a face scan. The new member must state their name and say 'I accept the terms'.", "I accept the terms"},
		{"Account recovery: email code, then liveness. The customer has to give their date of birth and then say \"this is my account\".", "this is my account"},
	} {
		r, err := Build(tt.text, Options{})
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		for _, n := range r.Flow {
			if n.Type == flow.TypeConversation && strings.HasPrefix(n.Prompt, "Say: ") && strings.Contains(n.Prompt, tt.words) {
				t.Errorf("%q: the avatar says the user's words: %q", tt.text, n.Prompt)
			}
		}
		said := flowSays(r.Flow, tt.words)
		for _, a := range r.Assumptions {
			said = said || strings.Contains(a, tt.words)
		}
		if !said {
			t.Errorf("%q: %q vanished", tt.text, tt.words)
		}
	}
	// (near-misses: an imperative "say" after a narrative clause, or after
	// "tell the user <a thing>", is the avatar's)
	for _, tt := range []struct{ text, line string }{
		{"Liveness, then an SMS code. The user states their name, then say 'Thanks, all done'.", "Say: Thanks, all done"},
		{"Liveness, then an SMS code. Tell the user their code is on the way and say 'Thanks for waiting'.", "Say: Thanks for waiting"},
	} {
		r, err := Build(tt.text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !flowSays(r.Flow, tt.line) {
			t.Errorf("%q: the avatar's own line is gone", tt.text)
		}
	}
}

// rvNO17 M1: a clause that says the integrator's app does a step the text
// asks the flow for elsewhere keeps the step, and the note never says the
// flow leaves it out.
func TestAppDoneStepKeptIsSaidSo(t *testing.T) {
	for _, tt := range []struct {
		text string
		kept flow.NodeType
	}{
		{"Liveness, then SMS OTP. The SMS OTP is sent by our mobile app.", flow.TypeTwoFactorSMS},
		{"Liveness, then SMS OTP. Liveness is handled by our app.", flow.TypeLiveness},
		{"Liveness and an SMS OTP. Our app already does the liveness check.", flow.TypeLiveness},
		{"KYC: passport scan, then liveness, then an email code. The passport is scanned by our mobile app.", flow.TypeDocumentScan},
	} {
		r, err := Build(tt.text, Options{})
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		if checkTypes(r.Flow)[tt.kept] == 0 {
			t.Fatalf("%q: the %s asked for is gone", tt.text, tt.kept)
		}
		for _, a := range r.Assumptions {
			if strings.Contains(a, "so the flow does not include it") {
				t.Errorf("%q: false note: %s", tt.text, a)
			}
		}
	}
	// (near-miss: a code of the integrator's own system is no step of the flow)
	r, err := Build("Liveness, SMS OTP. The door code is sent by our PMS afterwards.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range r.Assumptions {
		found = found || strings.Contains(a, "door code") && strings.Contains(a, "does not include it")
	}
	if !found {
		t.Errorf("the door code note changed: %v", r.Assumptions)
	}
}

// rvNO17 M6: as a change, "camera permission is obtained by our mobile app"
// takes the flow's permission out, or changes nothing; it never adds one.
func TestEditAppObtainsPermission(t *testing.T) {
	for _, change := range []string{
		"camera permission is obtained by our mobile app",
		"our app already does the camera permission",
		"Our mobile app requests camera and mic access itself.",
	} {
		e, err := Edit(built(t, "Permissions, then liveness, then SMS OTP.", Options{}), change, Options{})
		if err != nil {
			t.Fatalf("%q: %v", change, err)
		}
		if got := checkTypes(e.Flow); got[flow.TypePermissions] != 0 || got[flow.TypeLiveness] != 1 || got[flow.TypeTwoFactorSMS] != 1 {
			t.Errorf("%q: %v", change, got)
		}
		_, err = Edit(built(t, "Liveness, then SMS OTP.", Options{}), change, Options{})
		if err == nil || !strings.Contains(err.Error(), "your app asks for it") {
			t.Errorf("%q on a flow with no permission: %v", change, err)
		}
	}
	// (beside another change, it is said and the other change made)
	e, err := Edit(built(t, "Liveness, then SMS OTP.", Options{}), "add an email code. Our app already asks for camera access.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := checkTypes(e.Flow); got[flow.TypePermissions] != 0 || got[flow.TypeTwoFactorEmail] != 1 {
		t.Errorf("%v", got)
	}
}

// rvM17 M16: "if they get it wrong, ask again" after a question is said back
// as the second asking the builder does not lay out, not as a meaningless
// note about the failure message.
func TestAskAgainAfterQuestionIsSaid(t *testing.T) {
	for _, text := range []string{
		"Liveness, then an SMS code, then ask for their date of birth. If they get it wrong, ask again; if they fail again, end the session.",
		"Login 2fa: email code, then ask them their postcode. if the postcode is wrong ask them again.",
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		said := false
		for _, a := range r.Assumptions {
			said = said || strings.Contains(a, "asked again after a wrong answer")
			if strings.Contains(a, "was read as part of it") {
				t.Errorf("%q: %s", text, a)
			}
		}
		if !said {
			t.Errorf("%q: the second asking vanished: %v", text, r.Assumptions)
		}
	}
}

// rvNO17 M2: "check the face against the camera for liveness" names what the
// check is for (a live person), not a second image: no comparison when the
// flow has no document. With a document scan the face is still matched to the
// document's photo (a stolen ID held by a live person must not pass), liveness
// is added for the purpose, and an assumption says how it was read (rvX18 X16).
func TestFaceAgainstLivePurposeNoCompare(t *testing.T) {
	for _, text := range []string{
		"Scan their passport. Control the face against the camera for liveness.",
		"Scan their passport. Check the face against the camera for liveness.",
		"Scan their passport. Verify their face against the live video for deepfakes.",
		"Scan their passport. Check the face against the live video is real.",
		"Scan their driver's license, then verify the face against the webcam for a deepfake.",
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := checkTypes(r.Flow); got[flow.TypeFaceCompare] != 1 || got[flow.TypeLiveness] != 1 {
			t.Errorf("%q: %v", text, got)
		}
		if !strings.Contains(strings.Join(r.Assumptions, "\n"), "comparison of the document's photo") {
			t.Errorf("%q: no assumption says the comparison was kept: %v", text, r.Assumptions)
		}
	}
	for _, text := range []string{
		"Liveness. Check the face against the camera for liveness.",
		"Email code, then verify their face against the live video for deepfakes.",
	} {
		if got := checkTypes(built(t, text, Options{})); got[flow.TypeFaceCompare] != 0 || got[flow.TypeLiveness] != 1 {
			t.Errorf("%q: %v", text, got)
		}
	}
	// (near-misses: against the camera with nothing after it, or the live
	// camera as the other side of the clause's own verb, compares)
	for _, text := range []string{
		"Scan their passport. Verify their face against the camera.",
		"Scan the residence permit. Identification of the face on the permit against the live camera SHALL be done.",
	} {
		if got := checkTypes(built(t, text, Options{})); got[flow.TypeFaceCompare] != 1 {
			t.Errorf("%q: %v", text, got)
		}
	}
}

// flowSays: some node's prompt holds the words.
func flowSays(f flow.Flow, words string) bool {
	for _, n := range f {
		if strings.Contains(n.Prompt, words) {
			return true
		}
	}
	return false
}

// rvNO17 M2 (older): "Control the SMS code twice" after a text that already
// named the code runs it twice, not three times; "liveness twice, once at the
// start and once at the end" still adds the second.
func TestTwiceCountsTheNamedStep(t *testing.T) {
	for _, tt := range []struct {
		text string
		typ  flow.NodeType
	}{
		{"Scan their passport, then liveness, then SMS code. Control the SMS code twice.", flow.TypeTwoFactorSMS},
		{"Liveness, then an email code. Send the email code twice.", flow.TypeTwoFactorEmail},
		{"Liveness twice, once at the start and once at the end, with an SMS code in between.", flow.TypeLiveness},
	} {
		if got := checkTypes(built(t, tt.text, Options{}))[tt.typ]; got != 2 {
			t.Errorf("%q: %d %s nodes, want 2", tt.text, got, tt.typ)
		}
	}
}
