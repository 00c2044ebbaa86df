package flowbuild

import (
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
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

// An age asked with its own word of a minimum ("confirm they're over 18")
// keeps its words; only a bare "21+" becomes "21 or older".
func TestConfirmedAgePromptWords(t *testing.T) {
	for text, want := range map[string]string{
		"Signup: liveness. The avatar should ask them to confirm they're over 18.": "over 18.",
		"Bar entry: liveness, then the avatar asks them to confirm they're 21+.":   "21 or older.",
	} {
		f := built(t, text, Options{})
		found := false
		for _, n := range f {
			if n.Type == flow.TypeConversation && strings.HasPrefix(n.Prompt, "Ask the user to confirm") {
				found = true
				if !strings.HasSuffix(n.Prompt, want) || strings.Contains(n.Prompt, "over 18 or older") {
					t.Errorf("%q: prompt %q, want it to end %q", text, n.Prompt, want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no question asks the user to confirm the age", text)
		}
	}
}
