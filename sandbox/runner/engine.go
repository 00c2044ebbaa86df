package runner

import (
	"context"
	"crypto/rand"
	"errors"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
)

// New returns an engine with cfg's dependencies, defaults filled in.
func New(cfg Config) *Engine {
	e := &Engine{now: cfg.Now, rand: cfg.Rand, faces: cfg.Faces, maxSteps: cfg.MaxSteps}
	if e.now == nil {
		e.now = time.Now
	}
	if e.rand == nil {
		e.rand = rand.Reader
	}
	if e.maxSteps <= 0 {
		e.maxSteps = DefaultMaxSteps
	}
	return e
}

// Start makes the State of a new session from its settings (whose Flow must be
// set; legacy modules are expanded by the caller). The effects hold the
// requiresInput status change.
func (e *Engine) Start(sessionID string, settings facesign.Settings) (*State, Effects, error) {
	return nil, Effects{}, errNotYet
}

// Advance resolves the current node with the user's input (the hosted page calls
// it once per user action). On error st is unchanged.
func (e *Engine) Advance(ctx context.Context, st *State, in Input) (StepResult, error) {
	return StepResult{}, errNotYet
}

// Run drives the session from where it stands to an end, as simulate does. On
// error st is unchanged.
func (e *Engine) Run(ctx context.Context, st *State, sim SimulateInput) (Result, error) {
	return Result{}, errNotYet
}

// Pending describes the current node for the hosted page.
func (e *Engine) Pending(st *State) Pending {
	return Pending{Need: NeedNone}
}

// Cancel ends a session that is not finished: reason is "userLeft", "expired" or
// free text. It fails with ErrFinished on a finished session.
func Cancel(st *State, reason string, now time.Time) (Effects, error) {
	return Effects{}, errNotYet
}

// Report is the session's report as it stands (partial while processing).
func (st *State) Report() *facesign.Report {
	return nil
}

// Apply copies the state's status, times and report onto the session.
func (st *State) Apply(s *facesign.Session) {
}

// ParseInputs reads the simulate API's "inputs" object, refusing unknown keys and
// wrong types with an error that names the key.
func ParseInputs(raw map[string]any) (Inputs, error) {
	return Inputs{}, errNotYet
}

// ParseSimulate turns the simulate API's body into a SimulateInput.
func ParseSimulate(req facesign.SimulateRequest) (SimulateInput, error) {
	return SimulateInput{}, errNotYet
}

var errNotYet = errors.New("runner: not implemented yet")
