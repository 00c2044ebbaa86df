package flowbuild

import (
	"encoding/json"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const teamLine = "member of our team"

// the flow's failure outcomes, each node's target prompt, by "id.outcome"
func failTargets(t *testing.T, f flow.Flow) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range f {
		if info, ok := flow.Info(n.Type); ok && info.Shape == flow.ShapeMap {
			for j, o := range n.Outcomes {
				if j == 0 {
					continue
				}
				if tn := f.Node(o.Target); tn != nil {
					out[n.ID+"."+o.ID] = tn.Prompt
				}
			}
		}
	}
	return out
}

// An edit that does not speak of failures keeps the flow-wide handover of the
// flow it edits: the caught deepfake's own polite ending is no failure node
// (rvD19 D1). A flow that handed its deepfakes over on purpose keeps that too.
func TestEditKeepsFlowWideHandoverBesideDeepfakeEnd(t *testing.T) {
	for _, tt := range []struct{ base, change, check string }{
		{"Selfie liveness, then an SMS code. If any check fails, pass them to a person on our team.", "make the SMS code 6 digits", "sms_code.failed_unverified"},
		{"Liveness and then an email OTP. Should anything fail, connect them to an agent.", "add a passport scan at the start", "email_code.failed_unverified"},
		{"Liveness and then an email OTP. Should anything fail, connect them to an agent.", "drop the liveness check", "email_code.failed_unverified"},
		{"Liveness and then an email OTP. Should anything fail, connect them to an agent.", "let them have one more try", ""},
	} {
		b, err := Build(tt.base, Options{})
		require.NoError(t, err, tt.base)
		r, err := Edit(b.Flow, tt.change, Options{})
		require.NoError(t, err, tt.change)
		ft := failTargets(t, r.Flow)
		if tt.check != "" {
			assert.Contains(t, ft[tt.check], teamLine, "%s + %s: the handover stays", tt.base, tt.change)
		} else {
			// (a declined retry goes to the handover the flow had)
			fn := r.Flow.Node("failure")
			require.NotNil(t, fn, tt.change)
			assert.Contains(t, fn.Prompt, teamLine, "%s + %s: the handover stays", tt.base, tt.change)
		}
		for k, p := range ft {
			if k == "liveness.deepfakeDetected" || k == "again_liveness.deepfakeDetected" {
				assert.NotContains(t, p, teamLine, "%s + %s: %s is not handed over", tt.base, tt.change, k)
			}
		}
		for _, w := range r.Warnings {
			assert.NotContains(t, w.Message, "deepfake_end", "%s + %s", tt.base, tt.change)
		}
	}
}

// "don't hand off", "never hand over", "no need to hand off": the handover is
// ruled out, not built (rvD19 D2).
func TestNegatedBareHandoverBuildsNone(t *testing.T) {
	for _, text := range []string{
		"Email code, then liveness. If the email code fails, please don't hand over; end it.",
		"Passport scan and an SMS code. When a check fails we never hand off.",
		"Liveness then an email code. If the code is wrong there's no need to hand over.",
	} {
		r, err := Build(text, Options{})
		require.NoError(t, err, text)
		for k, p := range failTargets(t, r.Flow) {
			assert.NotContains(t, p, teamLine, "%s: %s", text, k)
		}
	}
}

// "don't give them another shot", "do not give it one more try": the retry is
// ruled out, not built (rvD19 D17).
func TestNegatedOneMoreTryBuildsNoRetry(t *testing.T) {
	for _, text := range []string{
		"Passport scan, then an email code. If the code is wrong, do not give them another shot.",
		"Liveness then an SMS code. We don't give anyone one more try when a check fails.",
	} {
		r, err := Build(text, Options{})
		require.NoError(t, err, text)
		for _, n := range r.Flow {
			_, retry := n.Outcome("retry")
			assert.False(t, retry, "%s: %s offers a retry", text, n.ID)
		}
	}
	b, err := Build("Liveness, then an email code.", Options{})
	require.NoError(t, err)
	r, err := Edit(b.Flow, "do not give them another shot if the email code fails", Options{})
	require.NoError(t, err)
	for _, n := range r.Flow {
		assert.NotContains(t, n.ID, "retry_", "the edit built a retry it was told not to")
	}
}

// A liveness check's own handover ("if liveness fails, hand off") takes a face
// not found, never a caught deepfake (rvD19 D3); a deepfake given another
// shot and then a handover has no second failure: it ends (rvD19 D18).
func TestLivenessHandoverNotForDeepfake(t *testing.T) {
	for _, text := range []string{
		"An email code, then liveness. Should the liveness check fail, hand over.",
		"Scan their ID, then liveness. If the liveness check fails, pass them to a colleague.",
		"Liveness, then an email code. If liveness catches a deepfake, let them have another shot; if that fails too, hand off.",
	} {
		r, err := Build(text, Options{})
		require.NoError(t, err, text)
		for _, id := range []string{"liveness", "again_liveness"} {
			if r.Flow.Node(id) == nil {
				continue
			}
			n := handedOn(t, r.Flow, id, "deepfakeDetected")
			require.NotNil(t, n, text)
			assert.NotContains(t, n.Prompt, teamLine, "%s: %s's deepfake", text, id)
		}
		raw, _ := json.Marshal(r)
		assert.NotContains(t, string(raw), "catches a deepfake a second time", text)
	}
}

// "For new users, hand off": the new users' path ends on the handover, and a
// failed check is not handed over (rvD19 D20).
func TestNewUserHandoverIsTheBranchs(t *testing.T) {
	for _, text := range []string{
		"Recognise returning customers, then an email code. If we don't know them, hand over.",
		"Face recognition against our members, then an SMS code. For first-time users, hand off.",
	} {
		r, err := Build(text, Options{})
		require.NoError(t, err, text)
		for k, p := range failTargets(t, r.Flow) {
			if k != "recognition.newUser" && k != "recognition.noFace" {
				assert.NotContains(t, p, teamLine, "%s: %s", text, k)
			}
		}
		raw, _ := json.Marshal(r.Flow)
		assert.Contains(t, string(raw), teamLine, "%s: the new users are handed over", text)
	}
}

// "one more try if anything fails, then hand off": every check keeps its one
// retry, and the second failure is handed over (rvD19 D4).
func TestRetryThenBareHandoverKeepsRetries(t *testing.T) {
	for _, text := range []string{
		"Scan their driving licence, then an SMS code. Another shot if any check fails, then hand over.",
		"Liveness, then an email code. Let them retry once if something fails, then hand off.",
	} {
		r, err := Build(text, Options{})
		require.NoError(t, err, text)
		again := 0
		for _, n := range r.Flow {
			if len(n.ID) > 6 && n.ID[:6] == "again_" {
				again++
			}
		}
		assert.Equal(t, 2, again, "%s: each check gets one more try", text)
		fn := r.Flow.Node("failure")
		require.NotNil(t, fn, text)
		assert.Contains(t, fn.Prompt, teamLine, "%s: the second failure is handed over", text)
	}
}
