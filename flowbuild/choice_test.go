package flowbuild

import (
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/stretchr/testify/require"
)

// TestChoiceEveryOptionIsACheck: each outcome of a choice question leads to a
// code whose only way forward is its verified outcome; every other outcome of
// the code ends unverified, and the options rejoin the same next step.
func TestChoiceEveryOptionIsACheck(t *testing.T) {
	for _, text := range []string{
		"Let them choose between an SMS code or an email code after liveness",
		"passport scan, then let the customer pick email or SMS for the code, then a selfie",
	} {
		res, err := Build(text, Options{})
		require.NoError(t, err, text)
		f := res.Flow
		q := f.Node("code_choice")
		require.NotNil(t, q, text)
		require.False(t, q.DoesNotRequireReply, text)
		require.Len(t, q.Outcomes, 2, text)
		rejoin := ""
		for _, o := range q.Outcomes {
			require.Contains(t, o.Condition, choiceCondPrefix, text)
			code := f.Node(o.Target)
			require.NotNil(t, code, text)
			require.Contains(t, []flow.NodeType{flow.TypeTwoFactorSMS, flow.TypeTwoFactorEmail}, code.Type, text)
			for _, co := range code.Outcomes {
				if co.ID == "verified" {
					if rejoin == "" {
						rejoin = co.Target
					}
					require.Equal(t, rejoin, co.Target, "%s: both options rejoin the same step", text)
					continue
				}
				require.Equal(t, "failure", co.Target, "%s: %s.%s", text, code.ID, co.ID)
			}
		}
	}
}

// TestChoiceEditKeepsIt: a flow with a choice read back and changed keeps the
// choice, and removing one option leaves the other on the main path alone.
func TestChoiceEditKeepsIt(t *testing.T) {
	base, err := Build("Liveness, then let them choose between an SMS code or an email code.", Options{})
	require.NoError(t, err)
	res, err := Edit(base.Flow, "make the SMS code 8 digits", Options{})
	require.NoError(t, err)
	require.NotNil(t, res.Flow.Node("code_choice"))
	require.NotNil(t, res.Flow.Node("email_code"))
	res, err = Edit(base.Flow, "remove the email option", Options{})
	require.NoError(t, err)
	require.Nil(t, res.Flow.Node("code_choice"))
	require.Nil(t, res.Flow.Node("email_code"))
	require.NotNil(t, res.Flow.Node("sms_code"))
}

// TestChoiceOptionFallbackScope (rvD13 1): a fallback scoped to a code that
// cannot be delivered takes only that outcome on every option of a choice, as
// on the main path: a wrong code (failed_unverified) never reaches the fallback
// and the steps after it ("verified").
func TestChoiceOptionFallbackScope(t *testing.T) {
	for _, text := range []string{
		"Let them choose between an SMS or email code. If the email code can't be delivered, scan their ID instead.",
		"Let them choose between an SMS or email code. If the code can't be delivered, scan their ID instead.",
		"Let them choose between an SMS or email code. If they can't receive it, scan their ID instead.",
		"Liveness, then let the user pick email or SMS for the code. If the email never arrives, do a passport scan instead.",
	} {
		res, err := Build(text, Options{})
		require.NoError(t, err, text)
		for _, n := range res.Flow {
			if n.Type != "two_factor_email" && n.Type != "two_factor_sms" {
				continue
			}
			for _, o := range n.Outcomes {
				if o.ID != "verified" && o.ID != "delivery_failed" {
					require.Equal(t, "failure", o.Target, "%s: %s.%s", text, n.ID, o.ID)
				}
			}
		}
	}
}

// TestChoiceOwnConversationKept (rvD13 20): a developer's own conversation
// whose outcomes read "The user chose …" something other than a code channel
// is no choice of code channel: an edit that never names it keeps it.
func TestChoiceOwnConversationKept(t *testing.T) {
	f, err := flow.Decode([]byte(`[{"id":"start","type":"start","outcome":"greeting"},
{"id":"greeting","type":"conversation","prompt":"Say: Hello, let's verify your identity.","doesNotRequireReply":true,"outcomes":[{"id":"next","targetNodeId":"liveness","condition":""}]},
{"id":"liveness","type":"liveness_detection","outcomes":{"livenessDetected":"doc_choice","deepfakeDetected":"failure","noFace":"failure"}},
{"id":"doc_choice","type":"conversation","prompt":"Ask the user whether they want to scan a passport or a driver's license.","outcomes":[{"id":"passport","targetNodeId":"passport_scan","condition":"The user chose a passport"},{"id":"dl","targetNodeId":"dl_scan","condition":"The user chose a driver's license"}]},
{"id":"passport_scan","type":"document_scan","scanningMode":"automatic","allowedDocumentTypes":["passport"],"outcomes":{"scanSuccess":"closing","userCancelled":"failure","scanTimeout":"failure"}},
{"id":"dl_scan","type":"document_scan","scanningMode":"automatic","allowedDocumentTypes":["dl"],"outcomes":{"scanSuccess":"closing","userCancelled":"failure","scanTimeout":"failure"}},
{"id":"closing","type":"conversation","prompt":"Say: Thank you, you're verified.","doesNotRequireReply":true,"outcomes":[{"id":"done","targetNodeId":"end","condition":""}]},
{"id":"failure","type":"conversation","prompt":"Say: Sorry, we couldn't verify you.","doesNotRequireReply":true,"outcomes":[{"id":"stop","targetNodeId":"end","condition":""}]},
{"id":"end","type":"end"}]`))
	require.NoError(t, err)
	for _, change := range []string{"make the greeting warmer", "add a face scan at the end"} {
		res, err := Edit(f, change, Options{})
		require.NoError(t, err, change)
		require.NotNil(t, res.Flow.Node("doc_choice"), change)
	}
}
