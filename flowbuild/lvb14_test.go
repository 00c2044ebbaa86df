package flowbuild

import (
	"strings"
	"testing"
)

// "State" after a word that makes it a noun ("the end state is …", "the
// desired state") is no verb of speech: no line explaining the rest of the
// sentence is added (it gave "Explain to the user that is they've proven the
// ID is really theirs"), while "state that …" still is one.
func TestStateAsANounIsNoLine(t *testing.T) {
	for _, text := range []string{
		"recovery where the end state is they've proven the licence is theirs, so scan the licence, then liveness",
		"Login. The end state is a live person with a verified email code: liveness then an email OTP",
		"KYC - the desired state is a customer whose passport we scanned: passport scan then a selfie",
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(text, err)
		}
		for _, n := range r.Flow {
			if strings.HasPrefix(n.Prompt, "Explain") {
				t.Errorf("%q: a line from the noun \"state\": %q", text, n.Prompt)
			}
		}
	}
	r, err := Build("Liveness check, then the avatar should state that the call is recorded", Options{})
	if err != nil {
		t.Fatal(err)
	}
	said := false
	for _, n := range r.Flow {
		said = said || strings.Contains(strings.ToLower(n.Prompt), "recorded")
	}
	if !said {
		t.Errorf("\"state that …\" is still a line: %v", r.Summary)
	}
}
