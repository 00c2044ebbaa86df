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
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if c := checkTypes(r.Flow); c[flow.TypeLiveness] != 1 || c[flow.TypeDocumentScan] > 1 {
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
