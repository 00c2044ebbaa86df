package tools

// simulateInputsSchema describes every key of simulate_session's inputs, as
// the sandbox's runner accepts them (sandbox/runner/doc.go; the test
// TestSimulateInputsSchemaCoversTheRunner keeps the two in step). Published
// in the tool's input schema, it lets an assistant see every control without
// trial and error, and the argument check refuses a bad key or value before
// any sandbox session is created.
var simulateInputsSchema = schema{
	"liveness": sEnum("What liveness_detection decides (default livenessDetected).",
		"livenessDetected", "deepfakeDetected", "noFace", "inconclusive", "captureUnavailable"),
	"recognition": sEnum(`What recognition decides. auto (default): recognized when the person on camera is enrolled; the account's default person (Alex Morgan) counts as enrolled. newUser forces the other branch.`,
		"auto", "recognized", "newUser", "noFace"),
	"recognitionSimilarity": sUnit("Similarity reported when recognized, 0–1 (default 0.97)."),
	"face":                  sText("Who is on camera: an enrolled face id, or an email, phone or name."),
	"name":                  sText("The user's full name, as known to the session (default: the sandbox persona's, Alex Morgan)."),
	"email":                 sText(`The user's email address; "" means the user has none.`),
	"phone":                 sText(`The user's phone number; "" means the user has none.`),
	"company":               sText("The user's company."),
	"jobTitle":              sText("The user's job title."),
	"document": schema{"type": "object", "description": "Document fields (strings) the scan reads, over the persona's passport, e.g. {\"firstName\": \"Kim\", \"dateOfBirth\": \"2010-01-01\"}.",
		"maxProperties": 50, "additionalProperties": schema{"type": "string", "maxLength": 500}},
	"documentScan":      sEnum("What document_scan decides (default scanSuccess).", "scanSuccess", "userCancelled", "scanTimeout"),
	"faceSimilarity":    sUnit("Similarity for face_scan and face_compare, 0–1 (default 0.93); below the node's threshold (default 0.8) fails."),
	"faceScan":          sEnum("What face_scan decides, overriding the similarity.", "passed", "notPassed", "cancelled", "error"),
	"livenessChallenge": sBool("Whether the user passes face_scan's liveness challenge (default true)."),
	"reply":             sText("What the user says at conversation nodes that have no reply of their own in replies."),
	"permissions":       sEnum("What permissions decides (default granted); denied turns the camera off for later nodes.", "granted", "denied"),
	"enterEmail":        sText(`What the user types at enter_email; "" cancels.`),
	"otpCode":           sText("The code entered at every two-factor attempt (default: the right one)."),
	"otpCodes":          schema{"type": "array", "items": schema{"type": "string", "maxLength": 32}, "maxItems": 100, "description": "The codes entered at the first attempts, in order; then otpCode, else the right code."},
	"otpDelaySeconds":   schema{"type": "integer", "minimum": 0, "maximum": 86400, "description": "Seconds before each code is entered (0–86400); past the code's expiry it fails."},
	"otpDelivery":       sEnum("Whether the code reaches the user (default delivered).", "delivered", "failed"),
	"sex":               sEnum("The AI analysis' sex (default female).", "female", "male"),
}

// sUnit is a number from 0 to 1.
func sUnit(desc string) schema {
	return schema{"type": "number", "minimum": 0, "maximum": 1, "description": desc}
}

// sText is a bounded string.
func sText(desc string) schema {
	return schema{"type": "string", "maxLength": maxMapValueChars, "description": desc}
}
