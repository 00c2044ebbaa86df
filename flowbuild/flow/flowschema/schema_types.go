package flowschema

import "github.com/facesign/facesign-mcp/flowbuild/flow"

// The types below exist only to generate the flow's JSON Schema (schema.go) with
// github.com/invopop/jsonschema: one struct per node type, spelling exactly the
// wire shape that Node's MarshalJSON writes. They are unexported so that the
// package has one model (Node); TestSchemaMatchesCatalogue keeps them and the
// catalogue in step.

type startNode struct {
	ID      string `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type    string `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	Outcome string `json:"outcome" jsonschema:"required,minLength=1" jsonschema_description:"Id of the first node of the session."`
}

type endNode struct {
	ID   string `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type string `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
}

// listOutcome is one outcome of a conversation or data_validation node.
type listOutcome struct {
	ID           string `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Short id of the outcome, unique within the node (for example \"confirmed\"). The success path takes the first outcome, so list the positive one first."`
	TargetNodeID string `json:"targetNodeId" jsonschema:"required,minLength=1" jsonschema_description:"Id of the node this outcome leads to."`
	Condition    string `json:"condition" jsonschema:"required" jsonschema_description:"When this outcome is taken, in natural language (\"The user confirmed the amount\"); empty means unconditional."`
}

type conversationNode struct {
	ID                  string        `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type                string        `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	Prompt              string        `json:"prompt" jsonschema:"required,minLength=1" jsonschema_description:"What the avatar does: \"Say: <text>\" speaks the text verbatim; anything else is a goal the avatar pursues in its own words (\"Ask the user to confirm the amount\")."`
	DoesNotRequireReply bool          `json:"doesNotRequireReply,omitempty" jsonschema_description:"True when the avatar only informs and moves on without waiting for a reply; then the node has exactly one outcome, with an empty condition."`
	Outcomes            []listOutcome `json:"outcomes" jsonschema:"required,minItems=1" jsonschema_description:"Where the session goes next; the user's reply picks the outcome whose condition it meets."`
}

type permissionsSpec struct {
	Camera     bool `json:"camera" jsonschema:"required" jsonschema_description:"Ask for the camera."`
	Microphone bool `json:"microphone" jsonschema:"required" jsonschema_description:"Ask for the microphone."`
}

type permissionsOutcomes struct {
	PermissionsGranted string `json:"permissionsGranted" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the browser granted access (the success outcome)."`
	PermissionsDenied  string `json:"permissionsDenied" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the user or the browser refused access."`
}

type permissionsNode struct {
	ID          string              `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type        string              `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	Prompt      string              `json:"prompt,omitempty" jsonschema_description:"Text shown while the browser asks for access."`
	Permissions *permissionsSpec    `json:"permissions,omitempty" jsonschema_description:"Which devices to ask for."`
	Outcomes    permissionsOutcomes `json:"outcomes" jsonschema:"required" jsonschema_description:"Next node for each outcome name."`
}

type livenessOutcomes struct {
	LivenessDetected   string `json:"livenessDetected" jsonschema:"required,minLength=1" jsonschema_description:"Next node when a live person is on camera (the success outcome)."`
	DeepfakeDetected   string `json:"deepfakeDetected" jsonschema:"required,minLength=1" jsonschema_description:"Next node when a replay, mask or deepfake is suspected; go on to a conversation, not straight to the end."`
	NoFace             string `json:"noFace" jsonschema:"required,minLength=1" jsonschema_description:"Next node when no face was seen."`
	Inconclusive       string `json:"inconclusive,omitempty" jsonschema_description:"Optional: next node when the check could not decide."`
	CaptureUnavailable string `json:"captureUnavailable,omitempty" jsonschema_description:"Optional: next node when no video could be captured."`
}

type livenessNode struct {
	ID       string           `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type     string           `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	Outcomes livenessOutcomes `json:"outcomes" jsonschema:"required" jsonschema_description:"Next node for each outcome name."`
}

type faceScanOutcomes struct {
	Passed    string `json:"passed" jsonschema:"required,minLength=1" jsonschema_description:"Next node when a good face image was captured (the success outcome)."`
	NotPassed string `json:"notPassed" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the capture or its liveness challenge failed."`
	Cancelled string `json:"cancelled" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the user cancelled."`
	Error     string `json:"error" jsonschema:"required,minLength=1" jsonschema_description:"Next node on a technical error."`
}

type faceScanNode struct {
	ID                       string           `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type                     string           `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	CaptureInstructions      string           `json:"captureInstructions,omitempty" jsonschema_description:"Instructions shown with the oval overlay."`
	RequireLivenessChallenge *bool            `json:"requireLivenessChallenge,omitempty" jsonschema_description:"Also ask the user to perform a liveness challenge."`
	SimilarityThreshold      *float64         `json:"similarityThreshold,omitempty" jsonschema:"minimum=0,maximum=1" jsonschema_description:"Similarity from 0 to 1 a comparison must reach (for example 0.8)."`
	Outcomes                 faceScanOutcomes `json:"outcomes" jsonschema:"required" jsonschema_description:"Next node for each outcome name."`
}

type faceSourceSpec struct {
	Source          string `json:"source" jsonschema:"required,enum=sessionVideo,enum=faceScan,enum=documentPhoto,enum=providedData" jsonschema_description:"Where the face comes from: the session video, a face_scan capture, the scanned document's photo, or an image in the session's providedData."`
	ProvidedDataKey string `json:"providedDataKey,omitempty" jsonschema_description:"With source providedData: the key of providedData that holds the image."`
}

type faceCompareOutcomes struct {
	Match            string `json:"match" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the two faces match (the success outcome)."`
	NoMatch          string `json:"noMatch" jsonschema:"required,minLength=1" jsonschema_description:"Next node when they do not match."`
	ImageUnavailable string `json:"imageUnavailable" jsonschema:"required,minLength=1" jsonschema_description:"Next node when one of the images is missing."`
}

type faceCompareNode struct {
	ID                  string              `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type                string              `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	SourceA             *faceSourceSpec     `json:"sourceA" jsonschema:"required" jsonschema_description:"The first face to compare."`
	SourceB             *faceSourceSpec     `json:"sourceB" jsonschema:"required" jsonschema_description:"The second face to compare."`
	SimilarityThreshold *float64            `json:"similarityThreshold,omitempty" jsonschema:"minimum=0,maximum=1" jsonschema_description:"Similarity from 0 to 1 needed for a match (for example 0.8)."`
	Outcomes            faceCompareOutcomes `json:"outcomes" jsonschema:"required" jsonschema_description:"Next node for each outcome name."`
}

type recognitionOutcomes struct {
	Recognized string `json:"recognized" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the face matches an enrolled user (the success outcome); lead to a liveness check."`
	NewUser    string `json:"newUser" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the face matches nobody enrolled; lead to a separate liveness check for new users."`
	NoFace     string `json:"noFace" jsonschema:"required,minLength=1" jsonschema_description:"Next node when no face was seen."`
}

type recognitionNode struct {
	ID       string              `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type     string              `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	Outcomes recognitionOutcomes `json:"outcomes" jsonschema:"required" jsonschema_description:"Next node for each outcome name."`
}

type documentScanOutcomes struct {
	ScanSuccess   string `json:"scanSuccess" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the document was read (the success outcome)."`
	UserCancelled string `json:"userCancelled" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the user cancelled."`
	ScanTimeout   string `json:"scanTimeout" jsonschema:"required,minLength=1" jsonschema_description:"Next node when no document was read in time."`
}

type documentScanNode struct {
	ID                   string               `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type                 string               `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	ScanningMode         string               `json:"scanningMode,omitempty" jsonschema:"enum=single,enum=automatic" jsonschema_description:"single: one capture; automatic: captures when the document is steady."`
	AllowedDocumentTypes []string             `json:"allowedDocumentTypes,omitempty" jsonschema:"enum=passport,enum=id,enum=dl,enum=residence-permit,enum=visa" jsonschema_description:"Documents the user may show: passport, id (national id card), dl (driving licence), residence-permit, visa."`
	Outcomes             documentScanOutcomes `json:"outcomes" jsonschema:"required" jsonschema_description:"Next node for each outcome name."`
}

type enterEmailOutcomes struct {
	EmailEntered string `json:"emailEntered" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the user typed an address (the success outcome)."`
	Canceled     string `json:"canceled" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the user cancelled (spelled with one l)."`
}

type enterEmailNode struct {
	ID       string             `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type     string             `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	Prompt   string             `json:"prompt,omitempty" jsonschema_description:"Text shown above the email field."`
	Outcomes enterEmailOutcomes `json:"outcomes" jsonschema:"required" jsonschema_description:"Next node for each outcome name."`
}

type otpOutcomesSpec struct {
	Verified         string `json:"verified" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the user entered the right code (the success outcome)."`
	DeliveryFailed   string `json:"delivery_failed" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the code could not be sent."`
	FailedUnverified string `json:"failed_unverified" jsonschema:"required,minLength=1" jsonschema_description:"Next node when every attempt was wrong or the code expired."`
	Cancelled        string `json:"cancelled" jsonschema:"required,minLength=1" jsonschema_description:"Next node when the user cancelled."`
	Error            string `json:"error" jsonschema:"required,minLength=1" jsonschema_description:"Next node on a technical error."`
}

type twoFactorEmailNode struct {
	ID            string          `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type          string          `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	OTPLength     *int            `json:"otpLength,omitempty" jsonschema:"minimum=4,maximum=8,default=6" jsonschema_description:"Number of digits in the code, 4 to 8 (default 6)."`
	ExpirySeconds *int            `json:"expirySeconds,omitempty" jsonschema:"minimum=1,default=300" jsonschema_description:"Seconds before the code expires (default 300)."`
	MaxAttempts   *int            `json:"maxAttempts,omitempty" jsonschema:"minimum=1,default=3" jsonschema_description:"Attempts the user gets (default 3)."`
	Outcomes      otpOutcomesSpec `json:"outcomes" jsonschema:"required" jsonschema_description:"Next node for each outcome name."`
}

// twoFactorSMSNode has the fields of twoFactorEmailNode; a distinct type gives it
// its own definition in the schema.
type twoFactorSMSNode twoFactorEmailNode

type validationSpec struct {
	Field  string `json:"field" jsonschema:"required,minLength=1" jsonschema_description:"The collected value to check (for example dateOfBirth, email)."`
	Action string `json:"action" jsonschema:"required,minLength=1" jsonschema_description:"The check: olderThan, equals, contains or matches."`
	Value  string `json:"value" jsonschema:"required" jsonschema_description:"What to compare with (for example \"18\" for olderThan)."`
}

type dataValidationNode struct {
	ID         string          `json:"id" jsonschema:"required,minLength=1" jsonschema_description:"Unique id of the node within the flow; outcomes point at it."`
	Type       string          `json:"type" jsonschema:"required" jsonschema_description:"The node type; selects which fields and outcomes the node has."`
	Validation *validationSpec `json:"validation" jsonschema:"required" jsonschema_description:"The rule to evaluate on collected data."`
	Outcomes   []listOutcome   `json:"outcomes" jsonschema:"required,minItems=1" jsonschema_description:"Where the session goes next, by the rule's result; list the passing outcome first."`
}

// schemaType pairs a node type with the struct its schema is generated from.
type schemaType struct {
	Type flow.NodeType
	V    any
}

// schemaTypes lists the thirteen node types' schema structs in catalogue order.
func schemaTypes() []schemaType {
	return []schemaType{
		{flow.TypeStart, startNode{}},
		{flow.TypeEnd, endNode{}},
		{flow.TypeConversation, conversationNode{}},
		{flow.TypePermissions, permissionsNode{}},
		{flow.TypeLiveness, livenessNode{}},
		{flow.TypeFaceScan, faceScanNode{}},
		{flow.TypeFaceCompare, faceCompareNode{}},
		{flow.TypeRecognition, recognitionNode{}},
		{flow.TypeDocumentScan, documentScanNode{}},
		{flow.TypeEnterEmail, enterEmailNode{}},
		{flow.TypeTwoFactorEmail, twoFactorEmailNode{}},
		{flow.TypeTwoFactorSMS, twoFactorSMSNode{}},
		{flow.TypeDataValidation, dataValidationNode{}},
	}
}
