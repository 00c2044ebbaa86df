package runner

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// StateVersion is the version of State's JSON layout. A store that finds an older
// version must not resume it with this engine.
const StateVersion = 1

// DefaultMaxSteps caps how many nodes one session may run, so that a flow that
// cycles ends in an error instead of spinning forever.
const DefaultMaxSteps = 1000

// Errors callers can test with errors.Is.
var (
	// ErrFinished: the session is complete or canceled; it cannot move again.
	ErrFinished = errors.New("runner: session already finished")
	// ErrStepLimit: the flow ran MaxSteps nodes without reaching an end (a cycle).
	ErrStepLimit = errors.New("runner: step limit reached")
	// ErrBadInput: an outcome, reply or input names something that does not exist or has a wrong value.
	ErrBadInput = errors.New("runner: bad input")
	// ErrBadFlow: the flow cannot be run (no start node, an outcome pointing nowhere).
	ErrBadFlow = errors.New("runner: flow cannot run")
	// ErrBadState: the State is not one this engine can resume.
	ErrBadState = errors.New("runner: bad state")
)

// Faces is the account's enrolled faces, as the runner needs them. The sandbox
// implements it on its store; MemoryFaces is an in-memory one.
type Faces interface {
	// Match returns the enrolled face that the probe identifies (see Probe.Matches
	// for the rule), or nil when nobody matches.
	Match(ctx context.Context, probe Probe) (*facesign.Face, error)
}

// Probe is what the sandbox knows of the face on camera: an explicit face (an
// enrolled face id, or an email, phone or name standing for it) and the identity
// known so far in the session.
type Probe struct {
	Face  string `json:"face,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
	Name  string `json:"name,omitempty"`
}

// Config holds the engine's dependencies. Zero values take the defaults.
type Config struct {
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Rand is the source of ids and OTP codes (default crypto/rand.Reader).
	Rand io.Reader
	// Faces is the account's enrolled faces (default: none enrolled).
	Faces Faces
	// MaxSteps caps the nodes one session may run (default DefaultMaxSteps).
	MaxSteps int
}

// Engine runs sessions. It holds no session state and is safe for concurrent use
// as long as its Faces and Rand are.
type Engine struct {
	now      func() time.Time
	rand     io.Reader
	faces    Faces
	maxSteps int
}

// State is everything the runner knows of one session; the store saves it as JSON
// after every step. Times are kept to the nanosecond; the wire truncates them.
type State struct {
	Version   int    `json:"version"`
	SessionID string `json:"sessionId"`

	// What the session was created with (copied from its settings).
	Flow          flow.Flow         `json:"flow"`
	ProvidedData  map[string]string `json:"providedData,omitempty"`
	Lang          string            `json:"lang"`
	InitialPhrase string            `json:"initialPhrase,omitempty"`
	FinalPhrase   string            `json:"finalPhrase,omitempty"`
	AIAnalysis    bool              `json:"aiAnalysis"`

	Status       facesign.Status `json:"status"`
	Current      string          `json:"current"` // the node to resolve next; "" once finished
	Steps        int             `json:"steps"`   // nodes resolved so far
	CreatedAt    time.Time       `json:"createdAt"`
	StartedAt    *time.Time      `json:"startedAt,omitempty"`
	FinishedAt   *time.Time      `json:"finishedAt,omitempty"`
	CancelReason string          `json:"cancelReason,omitempty"`
	// Prompt is what the avatar said on arriving at the current node.
	Prompt string `json:"prompt,omitempty"`

	// Data is what the session collected: email, phone, name, firstName, lastName,
	// dateOfBirth, documentNumber, documentType, country, expirationDate, company,
	// jobTitle. Only known facts are here, never the sandbox persona's defaults.
	Data map[string]string `json:"data,omitempty"`
	// Sources records which face sources exist so far (faceScan, documentPhoto, sessionVideo).
	Sources map[string]bool `json:"sources,omitempty"`
	// OTP is the two-factor state per node id, reset each time the node is entered.
	OTP map[string]*OTPState `json:"otp,omitempty"`

	Transcript  []facesign.TranscriptLine `json:"transcript"`
	NodeReports []facesign.NodeReport     `json:"nodeReports"`
	Path        []facesign.PathStep       `json:"path"`
	Screenshots []string                  `json:"screenshots,omitempty"`

	// Liveness is the last liveness verdict (nil before any liveness check).
	Liveness *bool `json:"liveness,omitempty"`
	// Face is the face recognition matched, or the one this session enrolled.
	Face *MatchedFace `json:"face,omitempty"`
	// Sex is the AI analysis' sex, from the inputs.
	Sex string `json:"sex,omitempty"`
}

// OTPState is one two-factor node's code. Only a hash of the code is kept: the
// outbox effect is the one place the code itself appears.
type OTPState struct {
	Channel     string    `json:"channel"` // email | sms
	To          string    `json:"to"`      // "" when delivery failed
	CodeHash    string    `json:"codeHash,omitempty"`
	SentAt      time.Time `json:"sentAt"`
	ExpireAt    time.Time `json:"expireAt"`
	Attempts    int       `json:"attempts"`
	MaxAttempts int       `json:"maxAttempts"`
	Delivered   bool      `json:"delivered"`
}

// MatchedFace is the enrolled profile the session is tied to.
type MatchedFace struct {
	Face       facesign.Face `json:"face"`
	Similarity float64       `json:"similarity"`
	Enrolled   bool          `json:"enrolled"` // true when this session enrolled it
}

// Input is what the user (or the Sandbox controls) gives for the current node.
type Input struct {
	// Outcome forces the node's outcome (a map outcome name or a list outcome id).
	Outcome string
	// Reply is the user's words at a conversation node ("" = inputs.reply or a default).
	Reply string
	// Email is the address typed at enter_email (nil = inputs or the persona).
	Email *string
	// OTPCode is the code typed at a two-factor node (nil = the correct code).
	OTPCode *string
	// Screenshot is a captured frame's URL or id for a video node ("" = a sandbox id).
	Screenshot string
	// Inputs are the sandbox controls in effect.
	Inputs Inputs
}

// Inputs decide what FaceSign's models would; see the package documentation for
// the keys and defaults. Read them from the simulate body's decoded "inputs" object with ParseInputs.
type Inputs struct {
	Liveness              string            `json:"liveness,omitempty"`
	Recognition           string            `json:"recognition,omitempty"`
	RecognitionSimilarity *float64          `json:"recognitionSimilarity,omitempty"`
	Face                  string            `json:"face,omitempty"`
	Name                  *string           `json:"name,omitempty"`
	Email                 *string           `json:"email,omitempty"`
	Phone                 *string           `json:"phone,omitempty"`
	Company               *string           `json:"company,omitempty"`
	JobTitle              *string           `json:"jobTitle,omitempty"`
	Document              map[string]string `json:"document,omitempty"`
	DocumentScan          string            `json:"documentScan,omitempty"`
	FaceSimilarity        *float64          `json:"faceSimilarity,omitempty"`
	FaceScan              string            `json:"faceScan,omitempty"`
	LivenessChallenge     *bool             `json:"livenessChallenge,omitempty"`
	Reply                 string            `json:"reply,omitempty"`
	Permissions           string            `json:"permissions,omitempty"`
	EnterEmail            *string           `json:"enterEmail,omitempty"`
	OTPCode               *string           `json:"otpCode,omitempty"`
	OTPCodes              []string          `json:"otpCodes,omitempty"`
	OTPDelaySeconds       int               `json:"otpDelaySeconds,omitempty"`
	OTPDelivery           string            `json:"otpDelivery,omitempty"`
	Sex                   string            `json:"sex,omitempty"`
}

// SimulateInput is the body of the simulate endpoint, parsed: outcomes and replies
// per node id, and the inputs for every node.
type SimulateInput struct {
	Outcomes map[string]string
	Replies  map[string]string
	Inputs   Inputs
}

// StatusChange is one status transition; each becomes a webhook event.
type StatusChange struct {
	From facesign.Status `json:"from,omitempty"` // "" at creation
	To   facesign.Status `json:"to"`
	At   time.Time       `json:"at"`
}

// Effects are what the store must persist besides the State, in the same
// transaction: webhook events, outbox messages, enrolled faces.
type Effects struct {
	StatusChanges []StatusChange           `json:"statusChanges,omitempty"`
	Outbox        []facesign.OutboxMessage `json:"outbox,omitempty"`
	Enrolled      []facesign.Face          `json:"enrolled,omitempty"`
}

// Merge appends o's effects to e's.
func (e *Effects) Merge(o Effects) {
	e.StatusChanges = append(e.StatusChanges, o.StatusChanges...)
	e.Outbox = append(e.Outbox, o.Outbox...)
	e.Enrolled = append(e.Enrolled, o.Enrolled...)
}

// StepResult is what one Advance did.
type StepResult struct {
	// Path is the steps taken: the node resolved and, when its outcome led to an
	// end, the end node. Empty when the node still waits (a wrong OTP code with
	// attempts left).
	Path []facesign.PathStep
	// Message explains a node that still waits ("wrong code, 2 attempts left").
	Message string
	Effects Effects
}

// Result is what Run did: the steps it took and the effects to persist.
type Result struct {
	Path    []facesign.PathStep
	Effects Effects
}

// Need says what the current node asks of the user; the hosted page renders it.
type Need string

// What a node may need.
const (
	NeedNothing     Need = "nothing"     // informational: continue
	NeedBegin       Need = "begin"       // the session has not started
	NeedReply       Need = "reply"       // a spoken or typed reply
	NeedPermissions Need = "permissions" // camera and microphone
	NeedCapture     Need = "capture"     // the face on camera (liveness, recognition, face scan)
	NeedDocument    Need = "document"    // an identity document on camera
	NeedEmail       Need = "email"       // a typed email address
	NeedCode        Need = "code"        // the OTP code
	NeedNone        Need = "none"        // the session is finished
)

// Pending describes the current node for the hosted page.
type Pending struct {
	NodeID   string        `json:"nodeId,omitempty"`
	Type     flow.NodeType `json:"type,omitempty"`
	Need     Need          `json:"need"`
	Avatar   string        `json:"avatar,omitempty"`   // what the avatar said on arrival
	Outcomes []string      `json:"outcomes,omitempty"` // the node's outcomes, for the Sandbox controls
	OTP      *PendingOTP   `json:"otp,omitempty"`
}

// PendingOTP is a two-factor node's progress, without the code.
type PendingOTP struct {
	Channel           string    `json:"channel"`
	To                string    `json:"to"`
	Delivered         bool      `json:"delivered"`
	AttemptsRemaining int       `json:"attemptsRemaining"`
	ExpireAt          time.Time `json:"expireAt"`
}
