package flowbuild

import (
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// A code's key a few words before a value ("attempts", "expiry") does not
// reach over another step's name, nor own a document's validity in months:
// the value is said back in an assumption and the one-time code keeps its
// defaults (rvB13 5).
func TestKeyValueOfAnotherStepStaysOffTheCode(t *testing.T) {
	for _, text := range []string{
		"Liveness, ID scan, SMS code. Attempts at liveness: 2",
		"Liveness, SMS code. Tries for the avatar question: 2",
		"Liveness, ID scan, SMS code. Document expiry must be at least: 6 months",
		"Scan their passport, then an email code. The passport's expiry date: 6 months or more",
		"Passport scan then an SMS code. Passport expiry: 6 months minimum",
		"Selfie, then an email code. Retries for the selfie: 4",
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(text, err)
		}
		for _, n := range r.Flow {
			if n.Type != flow.TypeTwoFactorSMS && n.Type != flow.TypeTwoFactorEmail {
				continue
			}
			if n.MaxAttempts != nil || n.ExpirySeconds != nil {
				t.Errorf("%q: the %s took a value meant for another step", text, n.Type)
			}
		}
		if !strings.Contains(strings.Join(r.Assumptions, "\n"), "no step of the flow takes it") {
			t.Errorf("%q: the value is dropped without a word: %q", text, r.Assumptions)
		}
	}
	// the code's own key still reaches its value
	r, err := Build("Liveness then SMS code. Max attempts on the text code: 5", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range r.Flow {
		if n.Type == flow.TypeTwoFactorSMS && (n.MaxAttempts == nil || *n.MaxAttempts != 5) {
			t.Errorf("the SMS code's attempts were not set to 5")
		}
	}
}

// A legal age the text gives as a number is the age checked, with no note
// that reads it as 18 (rvB13 6); a legal age with no number still says its 18.
func TestLegalAgeNoteOnlyWhenNoAgeGiven(t *testing.T) {
	for _, tc := range []struct {
		text string
		note bool
	}{
		{"Scan ID; block minors under 16.", false},
		{"Scan ID and check they are of drinking age (21 in the US).", false},
		{"Scan their ID, must be of legal drinking age, 21+.", false},
		{"Scan ID, must be 18 or older, no minors.", false},
		{"Scan their passport; they must be of age (19 in Canada).", false},
		{"Scan ID, must be of legal age.", true},
	} {
		r, err := Build(tc.text, Options{})
		if err != nil {
			t.Fatal(tc.text, err)
		}
		if got := strings.Contains(strings.Join(r.Assumptions, "\n"), "as an age of 18"); got != tc.note {
			t.Errorf("%q: the note reading the age as 18 is there: %v, want %v", tc.text, got, tc.note)
		}
	}
}

// A period says how often to re-check only in a sentence that asks for a
// check again, not one that rules it out or times something else (rvB13 7).
func TestScheduleNoteOnlyForRechecks(t *testing.T) {
	for _, tc := range []struct {
		text string
		note bool
	}{
		{"Liveness then SMS code. The code is valid all day.", false},
		{"Liveness then SMS code. Do not re-verify every week.", false},
		{"Liveness then SMS code; we get thousands of sessions every day.", false},
		{"Scan ID, liveness. Each month we audit the results.", false},
		{"Liveness, then an email code. Users log in every day, so keep it quick.", false},
		{"Scan ID and liveness. Re-verify every user every year.", true},
		{"Liveness check, and run it again each month.", true},
	} {
		r, err := Build(tc.text, Options{})
		if err != nil {
			t.Fatal(tc.text, err)
		}
		if got := strings.Contains(strings.Join(r.Assumptions, "\n"), "how often your app starts a session"); got != tc.note {
			t.Errorf("%q: schedule note %v, want %v", tc.text, got, tc.note)
		}
	}
}

// A team tool that only holds the flow's data, or a door's intercom, is no
// request to post to the tool (rvB13 10); "store the result in Salesforce"
// still is.
func TestTeamToolNoteOnlyWhenPosted(t *testing.T) {
	for _, tc := range []struct {
		text string
		note bool
	}{
		{"Compare their selfie with the profile photo we store in Salesforce.", false},
		{"Scan their ID, then send an email code to the address we save in Zendesk.", false},
		{"Liveness then SMS code to the number on file in salesforce.", false},
		{"Liveness, then SMS code. After they pass, tell them to use the intercom at the door.", false},
		{"Liveness then an SMS code. The selfie we keep in HubSpot is compared with a new one.", false},
		{"Liveness then SMS code. Then store the result in Salesforce.", true},
		{"Liveness then an SMS code, and message the team on Intercom.", true},
	} {
		r, err := Build(tc.text, Options{})
		if err != nil {
			t.Fatal(tc.text, err)
		}
		if got := strings.Contains(strings.Join(r.Assumptions, "\n"), "FaceSign flows do not post to"); got != tc.note {
			t.Errorf("%q: team-tool note %v, want %v", tc.text, got, tc.note)
		}
	}
}

// A pass-on verb whose object is the user or the flow's own code or photo is
// no result the integrator's systems pass on (rvB13 8).
func TestPassedOnNoteOnlyForResults(t *testing.T) {
	for _, tc := range []struct {
		text string
		note bool
	}{
		{"Liveness then SMS code. Alert the user that the session is recorded.", false},
		{"Liveness then SMS code. Notify the user if they fail.", false},
		{"Liveness then a one-time code. Send it to the address they gave us.", false},
		{"ID scan then liveness. Post verification, tell them they can collect the keys.", false},
		{"Liveness then SMS code. Notify them that we keep the recording for 30 days.", false},
		{"Liveness then SMS code. Push the result to our backend.", true},
	} {
		r, err := Build(tc.text, Options{})
		if err != nil {
			t.Fatal(tc.text, err)
		}
		if got := strings.Contains(strings.Join(r.Assumptions, "\n"), "your own systems do with the result"); got != tc.note {
			t.Errorf("%q: pass-on note %v, want %v", tc.text, got, tc.note)
		}
	}
}
