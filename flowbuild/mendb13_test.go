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
