package flowbuild

import (
	"slices"
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

// A place counted from the end that the words keep ("don't remove the second
// to last step", "keep the one before last"), that counts only some steps
// ("the penultimate scan"), that a question the user counts as a step makes
// another step, or that bounds a removal it does not include ("everything
// before the compare") removes no check it does not name: the change is
// refused or leaves the check.
func TestEditHeldPlaceRemovesNothing(t *testing.T) {
	base := "Scan their passport, do a face scan, compare the face to the passport photo, send an email code, then an SMS code."
	asked := "Passport scan, then a liveness check, then ask them their mother's maiden name, then an email code."
	tests := []struct{ base, change, kept string }{
		{base, "please do not delete the next to last check", "two_factor_email"},
		{base, "hold on to the one before last", "two_factor_email"},
		{base, "never touch the penultimate step, take out the face scan", "two_factor_email"},
		{base, "take out the penultimate scan", "two_factor_email"},
		{base, "get rid of the second to last scan", "face_scan"},
		{base, "delete the face scan and the second to last step", "two_factor_email"},
		{base, "get rid of all the steps before the face compare", "face_compare"},
		{base, "get rid of anything after the SMS code", "two_factor_email"},
		{asked, "delete the next to last step", "liveness_detection"},
		{asked, "take out the one before last", "liveness_detection"},
	}
	for _, tt := range tests {
		res, err := Edit(built(t, tt.base, Options{}), tt.change, Options{})
		if err != nil {
			continue // refused: nothing removed
		}
		assert.True(t, slices.ContainsFunc(res.Flow, func(n flow.Node) bool { return string(n.Type) == tt.kept }), "%s: %s removed", tt.change, tt.kept)
	}
}
