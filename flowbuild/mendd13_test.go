package flowbuild

import (
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"

	"github.com/stretchr/testify/require"
)

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
