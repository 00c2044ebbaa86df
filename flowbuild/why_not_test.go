package flowbuild

import (
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// rvC18 S3-S8: a "why not" question is read as a suggestion only when it
// opens its sentence and adds a step. After "ask the user:" or a dash it is
// what the avatar asks; one that retries, skips or scopes a check, or one the
// next sentence answers, is left as written; and it never reaches the
// retry/fallback readings.
func TestWhyNotReadOnlyWhenItAddsAStep(t *testing.T) {
	for _, tt := range []struct {
		text, says string
		docs       []string // the scan's accepted documents, when it has one
	}{
		{"Recovery: email code, then liveness. Finally ask them: why don't you have an authenticator app?", "have an authenticator app", nil},
		{"KYC: scan their residence permit, liveness, then ask the user - why didn't you bring a passport?", "bring a passport", []string{"residence-permit"}},
	} {
		r, err := Build(tt.text, Options{})
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		if !flowSays(r.Flow, tt.says) {
			t.Errorf("%q: the avatar's question is gone", tt.text)
		}
		for _, a := range r.Assumptions {
			if strings.Contains(a, "as a suggestion") {
				t.Errorf("%q: read as a suggestion: %q", tt.text, a)
			}
		}
		for _, n := range r.Flow {
			if n.Type == flow.TypeDocumentScan && tt.docs != nil && strings.Join(n.AllowedDocumentTypes, ",") != strings.Join(tt.docs, ",") {
				t.Errorf("%q: the scan accepts %v", tt.text, n.AllowedDocumentTypes)
			}
		}
	}
	// a retry suggested on a question is never laid out: one liveness, one scan
	for _, text := range []string{
		"Payout change: liveness then email code. When a deepfake is caught, why not let them do liveness again?",
		"Onboarding: ID scan then liveness. Why not let them retry the ID scan if it is cancelled?",
	} {
		r := built(t, text, Options{})
		if c := checkTypes(r); c[flow.TypeLiveness] != 1 || c[flow.TypeDocumentScan] > 1 {
			t.Errorf("%q: %v", text, c)
		}
	}
	// answered: rhetorical, no step added
	r, err := Build("Login: liveness. Why not add an email code? Because it is slow.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if checkTypes(r.Flow)[flow.TypeTwoFactorEmail] != 0 {
		t.Error("an answered \"why not\" added the email code")
	}
	// Edit: a removal asked on a question is not done, and it says so
	e, err := Edit(built(t, "Recovery: liveness, then an email code.", Options{}), "Why not make the email code optional? Also add an SMS code at the end.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if checkTypes(e.Flow)[flow.TypeTwoFactorEmail] == 0 || checkTypes(e.Flow)[flow.TypeTwoFactorSMS] == 0 {
		t.Errorf("the email code went or the SMS code was not added: %s", e.Summary)
	}
	said := false
	for _, a := range e.Assumptions {
		said = said || strings.Contains(a, "Did not act on")
	}
	if !said {
		t.Errorf("the question not acted on is not said: %v", e.Assumptions)
	}
}

// rvC18 S16: a face threshold set on a flow with no face comparison or
// recognition changes nothing (said back), never adds a recognition.
func TestThresholdWithoutFaceCheckAddsNothing(t *testing.T) {
	base := built(t, "Payout change: liveness, then an email code.", Options{})
	if _, err := Edit(base.Clone(), "bring the face match threshold down to 0.6", Options{}); err == nil || !strings.Contains(err.Error(), "no face comparison") {
		t.Errorf("want an error saying there is no face check, got %v", err)
	}
	e, err := Edit(base.Clone(), "Add an SMS code at the end. Set the face match threshold to 0.6.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := checkTypes(e.Flow); c[flow.TypeRecognition] != 0 || c[flow.TypeFaceCompare] != 0 || c[flow.TypeTwoFactorSMS] == 0 {
		t.Errorf("%s", e.Summary)
	}
	// (adding one with its threshold still adds it)
	e, err = Edit(base.Clone(), "Add a face comparison with the ID photo at a threshold of 0.7", Options{})
	if err != nil || checkTypes(e.Flow)[flow.TypeFaceCompare] == 0 {
		t.Errorf("the comparison asked for was not added: %v", err)
	}
}

// rvC18 S17 (older, said now): "make X optional" is read as taking X out, and
// the change says a flow cannot make a check optional.
func TestOptionalCheckIsSaid(t *testing.T) {
	e, err := Edit(built(t, "Login: liveness, then an email code.", Options{}), "we can make the email code optional", Options{})
	if err != nil {
		t.Fatal(err)
	}
	said := false
	for _, a := range e.Assumptions {
		said = said || strings.Contains(a, "cannot make a check optional")
	}
	if !said {
		t.Errorf("the optional reading is not said: %v", e.Assumptions)
	}
}
