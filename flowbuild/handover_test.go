package flowbuild

import (
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// handedOn: the node an outcome of node id leads to hands the user to a person
// (the stock handover line, or the text's own line that ends the session).
func handedOn(t *testing.T, f flow.Flow, id, outcome string) *flow.Node {
	t.Helper()
	n := f.Node(id)
	require.NotNil(t, n, id)
	target, ok := n.Outcome(outcome)
	require.True(t, ok, id+"."+outcome)
	return f.Node(target)
}

// A handover said for "it fails again", "a second time", "the retry fails" is
// the second failure of the step the clause before offered again, whichever
// check comes last in the flow (rvM17 S9, S15); the other check keeps the
// plain failure.
func TestBuildSecondFailureHandoverIsTheRetriedStep(t *testing.T) {
	for _, d := range []string{
		"Liveness, then an email code. Give liveness one more try; if it fails again, pass them to a member of staff.",
		"Liveness, then an email code. If liveness fails, let them try again; if it fails a second time, hand over to an agent.",
		"Liveness, then an email code. Retry liveness once. If the retry fails, escalate to support.",
	} {
		r, err := Build(d, Options{})
		require.NoError(t, err, d)
		second := handedOn(t, r.Flow, "again_liveness", "noFace")
		require.NotNil(t, second, d)
		assert.Contains(t, second.Prompt, "member of our team", d)
		first := handedOn(t, r.Flow, "liveness", "noFace")
		assert.Contains(t, first.ID, "retry", "%s: the first failure offers the retry", d)
		code := handedOn(t, r.Flow, "email_code", "failed_unverified")
		assert.NotContains(t, code.Prompt, "member of our team", "%s: the email code was not handed over", d)
		assert.Contains(t, strings.Join(r.Assumptions, "\n"), "liveness check fails a second time", d)
	}
	// (a check named after the retry, "if that also fails", is that check's)
	r, err := Build("Retry liveness once. Then an SMS code. If the SMS code fails, hand them to an agent.", Options{})
	require.NoError(t, err)
	assert.Contains(t, handedOn(t, r.Flow, "sms_code", "failed_unverified").Prompt, "member of our team")
}

// "say '…' and transfer to an agent", "hand over … and say '…'": the line is
// said and the user handed over, for that check only; the other check's
// failure ends as before (rvM17 S10), in Build and in Edit (S11).
func TestHandoverWithOwnLineBothOrders(t *testing.T) {
	base, err := Build("Scan their passport, then an email code.", Options{})
	require.NoError(t, err)
	for _, tt := range []struct{ text, line string }{
		{"If the email code fails, say 'Hold the line please' and transfer them to an agent.", "Hold the line please"},
		{"If the email code fails, pass them to a human and say 'Someone will call you back'.", "Someone will call you back"},
	} {
		r, err := Build("Scan their passport, then an email code. "+tt.text, Options{})
		require.NoError(t, err, tt.text)
		e, err := Edit(base.Flow, tt.text, Options{})
		require.NoError(t, err, tt.text)
		for _, f := range []flow.Flow{r.Flow, e.Flow} {
			over := handedOn(t, f, "email_code", "failed_unverified")
			require.NotNil(t, over, tt.text)
			assert.Contains(t, over.Prompt, tt.line, tt.text)
			require.Len(t, over.Outcomes, 1)
			assert.Equal(t, flow.TypeEnd, f.Node(over.Outcomes[0].Target).Type, "%s: no 'try again later' after the handover's line", tt.text)
			scan := handedOn(t, f, "document_scan", "scanTimeout")
			assert.NotContains(t, scan.Prompt, tt.line, tt.text)
			assert.NotContains(t, scan.Prompt, "member of our team", "%s: only the email code was handed over", tt.text)
		}
		assert.Contains(t, e.Summary, "hands the user to a member of the team", tt.text)
	}
}

// A change that hands one check's failure to a person does that, not every
// check's (the summary said every failure went to a person while the failure
// message still said "try again later").
func TestEditHandoverOneCheck(t *testing.T) {
	base, err := Build("Liveness, then an SMS code.", Options{})
	require.NoError(t, err)
	e, err := Edit(base.Flow, "if liveness fails, hand them to an agent", Options{})
	require.NoError(t, err)
	assert.Contains(t, handedOn(t, e.Flow, "liveness", "noFace").Prompt, "member of our team")
	assert.NotContains(t, handedOn(t, e.Flow, "sms_code", "failed_unverified").Prompt, "member of our team")
	e, err = Edit(base.Flow, "if a check fails, hand them to an agent", Options{})
	require.NoError(t, err)
	assert.Contains(t, handedOn(t, e.Flow, "sms_code", "failed_unverified").Prompt, "member of our team", "every failure is handed over, as the summary says")
}

// Edit reads a second failure as Build does: "if the SMS code fails again,
// hand them to an agent" on a flow that offers the code once more hands the
// second failure over (it was dropped: "kept the one more try"), and "if the
// retry fails, …" is no retry of every check.
func TestEditSecondFailureHandover(t *testing.T) {
	base, err := Build("Liveness, then an SMS code. Retry the SMS code once.", Options{})
	require.NoError(t, err)
	for _, change := range []string{"if the SMS code fails again, hand them to an agent", "if the retry fails, hand them to an agent"} {
		e, err := Edit(base.Flow, change, Options{})
		require.NoError(t, err, change)
		assert.Contains(t, handedOn(t, e.Flow, "again_sms_code", "failed_unverified").Prompt, "member of our team", change)
		assert.Contains(t, handedOn(t, e.Flow, "sms_code", "failed_unverified").ID, "retry", change)
		assert.NotContains(t, handedOn(t, e.Flow, "liveness", "noFace").ID, "retry", "%s: no retry of every check", change)
	}
}

// A caught deepfake is never retried, so it has no second failure: a handover
// said for "if it fails again" / "if the retry fails" never takes it, whether
// the text ended the deepfake itself or left it to the builder, in Build and
// in Edit; the summary never says a deepfake is caught "a second time"
// (rvH18 S0a, S0b).
func TestSecondFailureHandoverNeverTakesTheDeepfake(t *testing.T) {
	check := func(t *testing.T, r Result, text string) {
		t.Helper()
		for _, id := range []string{"liveness", "again_liveness"} {
			n := r.Flow.Node(id)
			require.NotNil(t, n, text)
			target, ok := n.Outcome("deepfakeDetected")
			require.True(t, ok, text)
			assert.Equal(t, "failure", target, "%s: %s's deepfake ends", text, id)
		}
		assert.Contains(t, handedOn(t, r.Flow, "again_liveness", "noFace").Prompt, "member of our team", text)
		assert.NotContains(t, r.Summary+strings.Join(r.Assumptions, " "), "deepfake a second time", text)
	}
	for _, d := range []string{
		"Email code, then liveness. If liveness catches a deepfake, end the session. Allow one more liveness attempt; if it fails again, pass them to a member of staff.",
		"Email code, then liveness. Give liveness one more try; if the retry fails, pass them to staff, but if it's a deepfake, end the session.",
		"Email code, then liveness. Give liveness one more try; if it fails again, pass them to staff.",
	} {
		r, err := Build(d, Options{})
		require.NoError(t, err, d)
		check(t, r, d)
	}
	base, err := Build("Email code, then liveness. If a deepfake is detected, end the session. Give liveness one more try.", Options{})
	require.NoError(t, err)
	e, err := Edit(base.Flow, "if it fails again, pass them to staff", Options{})
	require.NoError(t, err)
	check(t, e, "edit")
}

// "Give any failed check one more try; if it fails again, pass them to
// support" with a check on a fallback path: that check's failure is handed
// over too, as it was before the retry of every check kept its retries
// (rvH18 M5).
func TestRetryEveryCheckHandsOverTheFallbackCheck(t *testing.T) {
	d := "Liveness, then an SMS code. If the SMS code fails, scan their ID card. Give any failed check one more try; if it fails again, pass them to support."
	r, err := Build(d, Options{})
	require.NoError(t, err)
	assert.Contains(t, handedOn(t, r.Flow, "fallback_document_scan", "scanTimeout").Prompt, "member of our team", d)
	assert.Contains(t, handedOn(t, r.Flow, "again_liveness", "noFace").Prompt, "member of our team", d)
	// (a caught deepfake is not the second failure: it ends politely, never handed over; rvX18 X1)
	assert.NotContains(t, handedOn(t, r.Flow, "liveness", "deepfakeDetected").Prompt, "member of our team", d)
}
