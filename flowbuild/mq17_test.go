package flowbuild

import (
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// mq05: in a text that splits users by recognition, "the step (right) after
// the passport scan should be a face compare" keeps the recognition and both
// paths: read as "a face compare right after the passport scan" it took the
// flow off its paths, dropping the recognition and the new users' code.
func TestSlotNamedKeepsRecognitionPaths(t *testing.T) {
	for _, text := range []string{
		"Login: face recognition; returning users get liveness then an email code, new users get a passport scan then an SMS code. The step right after the passport scan should be a face compare.",
		"Sign-in: face recognition; known customers get liveness then an email code, unknown customers get a passport scan then an SMS code. The one after the passport scan should be a face compare.",
	} {
		f := built(t, text, Options{})
		got := checkTypes(f)
		if got[flow.TypeRecognition] != 1 || got[flow.TypeTwoFactorSMS] != 1 || got[flow.TypeTwoFactorEmail] != 1 {
			t.Errorf("%q: checks %v, want the recognition and both codes kept", text, got)
		}
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
