// Package flow is the FaceSign flow model: the node types and their JSON,
// decoding, validation and the paths through a flow. It is kept light (it
// imports nothing of this module and nothing heavy) because everything that
// touches a flow imports it: the API client, the sandbox, the preview and the
// exporter. The JSON Schema lives in flowschema, drawing in flowbuild/diagram,
// and building flows from English in flowbuild.
package flow

// NodeType names a kind of node, exactly as FaceSign spells it on the wire.
type NodeType string

// The thirteen node types of a FaceSign flow.
const (
	TypeStart          NodeType = "start"
	TypeEnd            NodeType = "end"
	TypeConversation   NodeType = "conversation"
	TypePermissions    NodeType = "permissions"
	TypeLiveness       NodeType = "liveness_detection"
	TypeFaceScan       NodeType = "face_scan"
	TypeFaceCompare    NodeType = "face_compare"
	TypeRecognition    NodeType = "recognition"
	TypeDocumentScan   NodeType = "document_scan"
	TypeEnterEmail     NodeType = "enter_email"
	TypeTwoFactorEmail NodeType = "two_factor_email"
	TypeTwoFactorSMS   NodeType = "two_factor_sms"
	TypeDataValidation NodeType = "data_validation"
)

// OutcomeShape says how a node type spells its edges on the wire.
type OutcomeShape int

const (
	// ShapeNone: the node has no outcomes field (start uses "outcome", end has none).
	ShapeNone OutcomeShape = iota
	// ShapeMap: {"outcomeName": "targetNodeId", ...} with a fixed set of names.
	ShapeMap
	// ShapeList: [{"id", "targetNodeId", "condition"}, ...] with free ids.
	ShapeList
)

// TypeInfo describes one node type: its wire fields, its outcomes and when to use it.
// The catalogue is shared by the validator, the builder, the sandbox's runner and the
// MCP node-catalogue resource, so that all of them agree on what a type is.
type TypeInfo struct {
	Type    NodeType
	Summary string // one line: what the node does
	UseWhen string // when a flow should contain it
	Shape   OutcomeShape
	// Required map outcomes, in their canonical order; the first is the success outcome
	// (for list types the success outcome is the first list entry).
	Outcomes []string
	// Optional map outcomes that may appear besides the required ones.
	OptionalOutcomes []string
	// Fields are the type-specific JSON fields besides id, type and outcomes.
	Fields []string
	// VideoWork marks nodes that need the user's face on camera; the avatar should
	// speak a greeting of a few seconds before the first of them.
	VideoWork bool
}

// SuccessOutcome is the outcome the success path follows out of a map-outcome node,
// or "" for start, end and list types.
func (t TypeInfo) SuccessOutcome() string {
	if t.Shape == ShapeMap && len(t.Outcomes) > 0 {
		return t.Outcomes[0]
	}
	return ""
}

var otpOutcomes = []string{"verified", "delivery_failed", "failed_unverified", "cancelled", "error"}

var catalog = []TypeInfo{
	{Type: TypeStart, Summary: "Entry point of the flow; its outcome names the first node.",
		UseWhen: "Exactly once in every flow.", Shape: ShapeNone, Fields: []string{"outcome"}},
	{Type: TypeEnd, Summary: "Reaching it completes the session.",
		UseWhen: "At least once; every path must reach one.", Shape: ShapeNone},
	{Type: TypeConversation, Summary: "The avatar speaks: a prompt starting with \"Say: \" is spoken verbatim, any other prompt is a goal the avatar pursues; the user's reply picks an outcome by its condition.",
		UseWhen: "Greetings, questions (transaction details, coercion checks, knowledge questions), explanations and closing lines.",
		Shape:   ShapeList, Fields: []string{"prompt", "doesNotRequireReply"}},
	{Type: TypePermissions, Summary: "Asks the browser for camera and microphone access.",
		UseWhen: "Before any video work when the embedding page has not already asked.", Shape: ShapeMap,
		Outcomes: []string{"permissionsGranted", "permissionsDenied"}, Fields: []string{"prompt", "permissions"}},
	{Type: TypeLiveness, Summary: "Checks that a live person, not a replay or a deepfake, is on camera.",
		UseWhen: "Any step-up, recovery or enrollment; always after recognition.", Shape: ShapeMap,
		Outcomes: []string{"livenessDetected", "deepfakeDetected", "noFace"}, OptionalOutcomes: []string{"inconclusive", "captureUnavailable"},
		VideoWork: true},
	{Type: TypeFaceScan, Summary: "Captures a high-quality face image (oval overlay), optionally with a liveness challenge.",
		UseWhen: "Enrollment, selfie capture before a face comparison.", Shape: ShapeMap,
		Outcomes: []string{"passed", "notPassed", "cancelled", "error"},
		Fields:   []string{"captureInstructions", "requireLivenessChallenge", "similarityThreshold"}, VideoWork: true},
	{Type: TypeFaceCompare, Summary: "Compares two face sources (session video, face scan, document photo or a provided image).",
		UseWhen: "Matching a selfie or the live video to an ID photo or a stored photo.", Shape: ShapeMap,
		Outcomes: []string{"match", "noMatch", "imageUnavailable"}, Fields: []string{"sourceA", "sourceB", "similarityThreshold"}},
	{Type: TypeRecognition, Summary: "Matches the face on camera against the account's enrolled faces (1:N).",
		UseWhen: "Returning users: login, recovery, step-up; branch known and new users, then check liveness.", Shape: ShapeMap,
		Outcomes: []string{"recognized", "newUser", "noFace"}, VideoWork: true},
	{Type: TypeDocumentScan, Summary: "Scans an identity document and extracts its fields and photo.",
		UseWhen: "KYC, onboarding, age checks, notarization.", Shape: ShapeMap,
		Outcomes: []string{"scanSuccess", "userCancelled", "scanTimeout"}, Fields: []string{"scanningMode", "allowedDocumentTypes"}},
	{Type: TypeEnterEmail, Summary: "Asks the user to type an email address.",
		UseWhen: "Collecting an email, before an email code or a comparison with the address on file.", Shape: ShapeMap,
		Outcomes: []string{"emailEntered", "canceled"}, Fields: []string{"prompt"}},
	{Type: TypeTwoFactorEmail, Summary: "Sends a one-time code by email and checks what the user enters.",
		UseWhen: "Proving control of an email address.", Shape: ShapeMap,
		Outcomes: otpOutcomes, Fields: []string{"otpLength", "expirySeconds", "maxAttempts"}},
	{Type: TypeTwoFactorSMS, Summary: "Sends a one-time code by text message and checks what the user enters.",
		UseWhen: "Proving control of a phone number.", Shape: ShapeMap,
		Outcomes: otpOutcomes, Fields: []string{"otpLength", "expirySeconds", "maxAttempts"}},
	{Type: TypeDataValidation, Summary: "Evaluates a rule on collected data (age from a date of birth, equality, contains, format).",
		UseWhen: "Age limits, matching a typed value with the one on file.", Shape: ShapeList,
		Fields: []string{"validation"}},
}

var catalogByType = func() map[NodeType]*TypeInfo {
	m := make(map[NodeType]*TypeInfo, len(catalog))
	for i := range catalog {
		m[catalog[i].Type] = &catalog[i]
	}
	return m
}()

// Catalog returns every node type's description, in a stable order.
func Catalog() []TypeInfo {
	out := make([]TypeInfo, len(catalog))
	copy(out, catalog)
	return out
}

// Info returns the description of t, or false for an unknown type.
func Info(t NodeType) (TypeInfo, bool) {
	i, ok := catalogByType[t]
	if !ok {
		return TypeInfo{}, false
	}
	return *i, true
}

// Known reports whether t is one of the thirteen FaceSign node types.
func (t NodeType) Known() bool {
	_, ok := catalogByType[t]
	return ok
}

// DocumentTypes are the values allowed in document_scan's allowedDocumentTypes.
var documentTypes = []string{"passport", "id", "dl", "residence-permit", "visa"}

// DocumentTypes returns the document types FaceSign scans.
func DocumentTypes() []string { return append([]string(nil), documentTypes...) }

// FaceSources are the values allowed in face_compare's source fields.
var faceSources = []string{"sessionVideo", "faceScan", "documentPhoto", "providedData"}

// FaceSources returns the face_compare sources.
func FaceSources() []string { return append([]string(nil), faceSources...) }
