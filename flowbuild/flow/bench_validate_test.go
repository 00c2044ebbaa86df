package flow

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// benchFlow20 is a realistic 20-node flow using most node types: permissions,
// greeting, recognition branching into two liveness checks, a document scan, a
// selfie and a comparison, an age rule, an email and its code, and closing lines.
const benchFlow20 = `[
{"id":"start","type":"start","outcome":"access"},
{"id":"access","type":"permissions","prompt":"We need your camera and microphone.","permissions":{"camera":true,"microphone":true},"outcomes":{"permissionsGranted":"hello","permissionsDenied":"sorry"}},
{"id":"hello","type":"conversation","prompt":"Say: Hello! This takes about a minute. Please look at the camera and keep your face in view while we talk.","doesNotRequireReply":true,"outcomes":[{"id":"go","targetNodeId":"match"}]},
{"id":"match","type":"recognition","outcomes":{"recognized":"live_known","newUser":"live_new","noFace":"live_new"}},
{"id":"live_known","type":"liveness_detection","outcomes":{"livenessDetected":"welcome_back","deepfakeDetected":"sorry","noFace":"sorry","inconclusive":"sorry"}},
{"id":"welcome_back","type":"conversation","prompt":"Greet the user by name and ask them to confirm the transfer amount and recipient.","outcomes":[{"id":"confirmed","targetNodeId":"email","condition":"The user confirmed the details"},{"id":"pressure","targetNodeId":"sorry","condition":"The user hesitated or mentioned being pressured"}]},
{"id":"live_new","type":"liveness_detection","outcomes":{"livenessDetected":"explain","deepfakeDetected":"sorry","noFace":"sorry"}},
{"id":"explain","type":"conversation","prompt":"Say: I don't recognise you yet, so let's verify your identity with a document.","doesNotRequireReply":true,"outcomes":[{"id":"next","targetNodeId":"doc"}]},
{"id":"doc","type":"document_scan","scanningMode":"automatic","allowedDocumentTypes":["passport","id","dl"],"outcomes":{"scanSuccess":"selfie","userCancelled":"sorry","scanTimeout":"sorry"}},
{"id":"selfie","type":"face_scan","captureInstructions":"Center your face in the oval.","requireLivenessChallenge":true,"similarityThreshold":0.8,"outcomes":{"passed":"compare","notPassed":"sorry","cancelled":"sorry","error":"sorry"}},
{"id":"compare","type":"face_compare","sourceA":{"source":"documentPhoto"},"sourceB":{"source":"faceScan"},"similarityThreshold":0.8,"outcomes":{"match":"adult","noMatch":"sorry","imageUnavailable":"sorry"}},
{"id":"adult","type":"data_validation","validation":{"field":"dateOfBirth","action":"olderThan","value":"18"},"outcomes":[{"id":"is_adult","targetNodeId":"ask_email","condition":"At least 18"},{"id":"minor","targetNodeId":"sorry","condition":"Younger than 18"}]},
{"id":"ask_email","type":"conversation","prompt":"Say: Almost done. Please type your email address on the next screen.","doesNotRequireReply":true,"outcomes":[{"id":"ok","targetNodeId":"email_entry"}]},
{"id":"email_entry","type":"enter_email","prompt":"Your email address","outcomes":{"emailEntered":"email","canceled":"sorry"}},
{"id":"email","type":"two_factor_email","otpLength":6,"expirySeconds":300,"maxAttempts":3,"outcomes":{"verified":"sms_intro","delivery_failed":"sorry","failed_unverified":"sorry","cancelled":"sorry","error":"sorry"}},
{"id":"sms_intro","type":"conversation","prompt":"Say: One more code, this time by text message.","doesNotRequireReply":true,"outcomes":[{"id":"ok","targetNodeId":"sms"}]},
{"id":"sms","type":"two_factor_sms","otpLength":6,"outcomes":{"verified":"done","delivery_failed":"sorry","failed_unverified":"sorry","cancelled":"sorry","error":"sorry"}},
{"id":"done","type":"conversation","prompt":"Say: Thank you, you're verified. Your transfer will go ahead.","doesNotRequireReply":true,"outcomes":[{"id":"bye","targetNodeId":"end"}]},
{"id":"sorry","type":"conversation","prompt":"Say: We couldn't complete the check. Our team will contact you.","doesNotRequireReply":true,"outcomes":[{"id":"bye","targetNodeId":"end"}]},
{"id":"end","type":"end"}
]`

func BenchmarkValidate(b *testing.B) {
	f, err := Decode([]byte(benchFlow20))
	require.NoError(b, err)
	require.Len(b, f, 20)
	require.Empty(b, Validate(f), "the benchmark flow must be clean so it measures the common case")
	b.ReportAllocs()
	for b.Loop() {
		if ps := Validate(f); ps != nil {
			b.Fatal(ps)
		}
	}
}

// BenchmarkValidateInvalid measures the cost of building messages and fixes when
// a flow has many problems (every outcome of a 20-node flow dangling).
func BenchmarkValidateInvalid(b *testing.B) {
	f, err := Decode([]byte(benchFlow20))
	require.NoError(b, err)
	f = f.Clone()
	f[len(f)-1].ID = "the_end" // every edge to "end" now dangles
	require.True(b, HasErrors(Validate(f)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Validate(f)
	}
}
