package flowbuild

import (
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// target is where the outcome out of the first node of type typ leads.
func target(f flow.Flow, typ, out string) string {
	for _, n := range f {
		if string(n.Type) == typ {
			for _, o := range n.Outcomes {
				if o.ID == out {
					return o.Target
				}
			}
		}
	}
	return ""
}

// A retry asked for one step, or a place named under a condition's negation,
// never hands a caught deepfake another try: "allow a retry" is no setting of
// the documents, "if the second check doesn't match" names that check, and
// the "it" after "accept national ID cards, …" is the document scan.
func TestEditRetryStaysOnItsStep(t *testing.T) {
	tests := []struct{ base, change, typ, out string }{
		{"Login 2FA: liveness check and an SMS code.", "allow a retry, add an email code if the sms still fails", "liveness_detection", "deepfakeDetected"},
		{"KYC: passport scan, face scan, compare, liveness, sms otp", "allow people to redo the liveness, add a retry", "document_scan", "scanTimeout"},
		{"scan passport, face compare, liveness check", "if the second check doesn't match, offer a retry", "liveness_detection", "deepfakeDetected"},
		{"scan passport, face compare, liveness check", "if the first step isn't successful, let them retry", "liveness_detection", "deepfakeDetected"},
		{"Onboarding: passport scan, selfie, compare them, liveness, then an SMS code.", "accept national ID cards, add a retry if it fails", "liveness_detection", "deepfakeDetected"},
		{"Passport scan, liveness, SMS code.", "accept ID cards too, add a retry if it fails", "liveness_detection", "deepfakeDetected"},
	}
	for _, tt := range tests {
		res, err := Edit(built(t, tt.base, Options{}), tt.change, Options{})
		require.NoError(t, err, tt.change)
		assert.Equal(t, "failure", target(res.Flow, tt.typ, tt.out), "%s: %s.%s", tt.change, tt.typ, tt.out)
	}
}
