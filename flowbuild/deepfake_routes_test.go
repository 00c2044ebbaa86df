package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// "If a deepfake is detected, say '…' and end": the line is the caught
// attack's, said before the session ends; a face not found ends with the stock
// apology. The deepfake's own line is never moved to the no-face outcome
// (rvX18 X0).
func TestDeepfakeLineAndEndStaysTheDeepfakes(t *testing.T) {
	for _, tt := range []struct{ text, line string }{
		{"An email code, then liveness. When liveness spots a deepfake, say 'Your attempt was logged' and end the call.", "Your attempt was logged"},
		{"Scan their ID card, then liveness. If a deepfake is detected, tell them 'We will review this' and end.", "We will review this"},
		{"Liveness, then an email code. Give liveness one more try. If a deepfake is detected, say 'Flagged for review' and end the session.", "Flagged for review"},
	} {
		r, err := Build(tt.text, Options{})
		require.NoError(t, err, tt.text)
		df := handedOn(t, r.Flow, "liveness", "deepfakeDetected")
		require.NotNil(t, df, tt.text)
		assert.Contains(t, df.Prompt, tt.line, "%s: the deepfake says the text's line", tt.text)
		nf := handedOn(t, r.Flow, "liveness", "noFace")
		require.NotNil(t, nf, tt.text)
		assert.NotContains(t, nf.Prompt, tt.line, "%s: a face not found is not told the deepfake's line", tt.text)
	}
}
