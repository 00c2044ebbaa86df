package flowbuild

import (
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
