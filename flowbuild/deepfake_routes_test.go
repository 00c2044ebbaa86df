package flowbuild

import (
	"strings"
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

// "Retry the scan once; if it fails again, hand them to an agent": "the scan"
// is the flow's one scan, not every check; liveness gets no retry it was
// never given, and its failures (a caught deepfake above all) end politely
// rather than going to the scan's handover (rvX18 X7).
func TestBareScanRetryIsTheScans(t *testing.T) {
	for _, text := range []string{
		"Scan their passport, then liveness, then an email code. Give the scan one retry; if it fails a second time, pass them to a member of staff.",
		"Scan their driver's license and run liveness. Let them retry the scan once, and if that fails too, escalate to an agent.",
	} {
		r, err := Build(text, Options{})
		require.NoError(t, err, text)
		assert.Nil(t, r.Flow.Node("again_liveness"), "%s: liveness was never given a retry", text)
		assert.NotNil(t, r.Flow.Node("again_document_scan"), "%s: the scan's retry", text)
		for _, o := range []string{"deepfakeDetected", "noFace"} {
			n := handedOn(t, r.Flow, "liveness", o)
			require.NotNil(t, n, text)
			assert.NotContains(t, n.Prompt, "member of our team", "%s: liveness %s is not handed over", text, o)
		}
		second := handedOn(t, r.Flow, "again_document_scan", "scanTimeout")
		require.NotNil(t, second, text)
		assert.Contains(t, second.Prompt, "member of our team", "%s: the scan's second failure is handed over", text)
	}
}

// A second failure's handover that lands on the flow's failure node never
// takes a caught deepfake, on the first attempt or the second, on the new
// users' liveness check either, unless the text itself speaks of deepfakes;
// the no-face second failure is still handed over (rvX18 X1).
func TestSecondFailureHandoverNotForDeepfake(t *testing.T) {
	for _, text := range []string{
		"Liveness, then a passport scan. Give each check a single retry; when a check fails twice, transfer them to a human.",
		"Liveness, then an email code. Retry liveness once; if it fails again, pass them to a member of staff.",
		"Recognise returning customers, then run liveness. Allow one more liveness attempt; after two failures, escalate to an agent.",
	} {
		r, err := Build(text, Options{})
		require.NoError(t, err, text)
		for _, id := range []string{"liveness", "again_liveness", "liveness_new_user"} {
			if r.Flow.Node(id) == nil {
				continue
			}
			n := handedOn(t, r.Flow, id, "deepfakeDetected")
			require.NotNil(t, n, text)
			assert.NotContains(t, n.Prompt, "member of our team", "%s: %s's deepfake is not handed over", text, id)
		}
		second := handedOn(t, r.Flow, "again_liveness", "noFace")
		require.NotNil(t, second, text)
		assert.Contains(t, second.Prompt, "member of our team", "%s: the second failure is handed over", text)
	}
	// (the retried check is another: liveness's deepfake is still no second failure)
	for _, text := range []string{
		"Recognise returning users, then an email code. Retry it once; if it fails again, pass them to staff.",
	} {
		r, err := Build(text, Options{})
		require.NoError(t, err, text)
		for _, id := range []string{"liveness", "liveness_new_user"} {
			assert.NotContains(t, handedOn(t, r.Flow, id, "deepfakeDetected").Prompt, "member of our team", "%s: %s", text, id)
		}
		assert.Contains(t, handedOn(t, r.Flow, "again_email_code", "failed_unverified").Prompt, "member of our team", text)
	}
}

// A "why not …?" suggestion the flow could not place is not also said to have
// been acted on: only the "No step matches" note stays (rvX18 X19).
func TestUnplacedSuggestionNotClaimed(t *testing.T) {
	for _, text := range []string{
		"Email code, then liveness. Why not put them through to a colleague at the end?",
		"Scan their passport, then liveness. Why not put them through to support afterwards?",
	} {
		r, err := Build(text, Options{})
		require.NoError(t, err)
		all := strings.Join(r.Assumptions, "\n")
		assert.Contains(t, all, "No step matches", text)
		assert.NotContains(t, all, "so the flow does what it suggests", text)
	}
}
