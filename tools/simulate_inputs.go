package tools

import (
	"reflect"

	"github.com/invopop/jsonschema"
)

// simulateInputs describes every key of simulate_session's inputs, as the
// sandbox's runner accepts them (sandbox/runner/doc.go; the test
// TestSimulateInputsSchemaCoversTheRunner keeps the two in step). It exists
// for its schema: published in the tool's input schema, it lets an assistant
// see every control without trial and error, and the argument check refuses
// a bad key or value before any sandbox session is created. The values
// themselves travel on to the sandbox as given (sandboxKeys), so that "" keeps
// its meaning ("the user has no email").
type simulateInputs struct {
	Liveness              string    `json:"liveness,omitempty" jsonschema:"enum=livenessDetected,enum=deepfakeDetected,enum=noFace,enum=inconclusive,enum=captureUnavailable" jsonschema_description:"What liveness_detection decides (default livenessDetected)."`
	Recognition           string    `json:"recognition,omitempty" jsonschema:"enum=auto,enum=recognized,enum=newUser,enum=noFace" jsonschema_description:"What recognition decides. auto (default): recognized when the person on camera is enrolled; the account's default person (Alex Morgan) counts as enrolled. newUser forces the other branch."`
	RecognitionSimilarity float64   `json:"recognitionSimilarity,omitempty" jsonschema:"minimum=0,maximum=1" jsonschema_description:"Similarity reported when recognized, 0–1 (default 0.97)."`
	Face                  string    `json:"face,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"Who is on camera: an enrolled face id, or an email, phone or name."`
	Name                  string    `json:"name,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"The user's full name, as known to the session (default: the sandbox persona's, Alex Morgan)."`
	Email                 string    `json:"email,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"The user's email address; \"\" means the user has none."`
	Phone                 string    `json:"phone,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"The user's phone number; \"\" means the user has none."`
	Company               string    `json:"company,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"The user's company."`
	JobTitle              string    `json:"jobTitle,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"The user's job title."`
	Document              docFields `json:"document,omitempty" jsonschema_description:"Document fields (strings) the scan reads, over the persona's passport, e.g. {\"firstName\": \"Kim\", \"dateOfBirth\": \"2010-01-01\"}."`
	DocumentScan          string    `json:"documentScan,omitempty" jsonschema:"enum=scanSuccess,enum=userCancelled,enum=scanTimeout" jsonschema_description:"What document_scan decides (default scanSuccess)."`
	FaceSimilarity        float64   `json:"faceSimilarity,omitempty" jsonschema:"minimum=0,maximum=1" jsonschema_description:"Similarity for face_scan and face_compare, 0–1 (default 0.93); below the node's threshold (default 0.8) fails."`
	FaceScan              string    `json:"faceScan,omitempty" jsonschema:"enum=passed,enum=notPassed,enum=cancelled,enum=error" jsonschema_description:"What face_scan decides, overriding the similarity."`
	LivenessChallenge     bool      `json:"livenessChallenge,omitempty" jsonschema_description:"Whether the user passes face_scan's liveness challenge (default true)."`
	Reply                 string    `json:"reply,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"What the user says at conversation nodes that have no reply of their own in replies."`
	Permissions           string    `json:"permissions,omitempty" jsonschema:"enum=granted,enum=denied" jsonschema_description:"What permissions decides (default granted); denied turns the camera off for later nodes."`
	EnterEmail            string    `json:"enterEmail,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"What the user types at enter_email; \"\" cancels."`
	OTPCode               string    `json:"otpCode,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"The code entered at every two-factor attempt (default: the right one)."`
	OTPCodes              []string  `json:"otpCodes,omitempty" jsonschema:"maxItems=100,maxLength=32" jsonschema_description:"The codes entered at the first attempts, in order; then otpCode, else the right code."`
	OTPDelaySeconds       int       `json:"otpDelaySeconds,omitempty" jsonschema:"minimum=0,maximum=86400" jsonschema_description:"Seconds before each code is entered (0–86400); past the code's expiry it fails."`
	OTPDelivery           string    `json:"otpDelivery,omitempty" jsonschema:"enum=delivered,enum=failed" jsonschema_description:"Whether the code reaches the user (default delivered)."`
	Sex                   string    `json:"sex,omitempty" jsonschema:"enum=female,enum=male" jsonschema_description:"The AI analysis' sex (default female)."`
}

// docFields are document fields the sandbox's scan reads: names to text.
type docFields map[string]string

func (docFields) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "object", MaxProperties: ptr(uint64(50)),
		AdditionalProperties: &jsonschema.Schema{Type: "string", MaxLength: ptr(uint64(500))}}
}

// sandboxKeys are simulate_session's inputs: checked against simulateInputs,
// passed on as sent.
type sandboxKeys map[string]any

func (sandboxKeys) JSONSchema() *jsonschema.Schema {
	r := &jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true}
	s := r.ReflectFromType(reflect.TypeFor[simulateInputs]())
	s.Version, s.ID = "", ""
	s.MaxProperties = ptr(uint64(s.Properties.Len()))
	return s
}
