package runner

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
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
// requiresInput status change, which is a webhook event like every other.
func (e *Engine) Start(sessionID string, settings facesign.Settings) (*State, Effects, error) {
	if sessionID == "" {
		return nil, Effects{}, fmt.Errorf("%w: empty session id", ErrBadInput)
	}
	if err := checkFlow(settings.Flow); err != nil {
		return nil, Effects{}, err
	}
	now := e.now()
	st := &State{
		Version:       StateVersion,
		SessionID:     sessionID,
		Flow:          settings.Flow.Clone(),
		ProvidedData:  stringify(settings.ProvidedData),
		Lang:          settings.DefaultLang,
		InitialPhrase: settings.InitialPhrase,
		FinalPhrase:   settings.FinalPhrase,
		AIAnalysis:    settings.VideoAIAnalysisEnabled == nil || *settings.VideoAIAnalysisEnabled,
		Status:        facesign.StatusRequiresInput,
		Current:       settings.Flow.Start().ID,
		CreatedAt:     now,
		Transcript:    []facesign.TranscriptLine{},
		NodeReports:   []facesign.NodeReport{},
		Path:          []facesign.PathStep{},
	}
	if st.Lang == "" {
		st.Lang = "en"
	}
	fx := Effects{StatusChanges: []StatusChange{{To: facesign.StatusRequiresInput, At: now}}}
	return st, fx, nil
}

// checkFlow refuses a flow the engine cannot walk: no start, or an edge to a node
// that does not exist. Everything else is the validator's business; the engine
// runs whatever FaceSign would accept.
func checkFlow(f flow.Flow) error {
	if len(f) == 0 {
		return fmt.Errorf("%w: the session has no flow", ErrBadFlow)
	}
	if f.Start() == nil {
		return fmt.Errorf("%w: the flow has no start node", ErrBadFlow)
	}
	ids := make(map[string]bool, len(f))
	for _, n := range f {
		ids[n.ID] = true
	}
	for _, n := range f {
		for _, o := range n.Edges() {
			if !ids[o.Target] {
				return fmt.Errorf("%w: node %q outcome %q points at %q, which is not a node of the flow", ErrBadFlow, n.ID, o.ID, o.Target)
			}
		}
	}
	return nil
}

// stringify keeps providedData as text, the form every comparison uses.
func stringify(m map[string]any) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		switch v := v.(type) {
		case nil:
		case string:
			out[k] = v
		default:
			b, err := json.Marshal(v)
			if err == nil {
				out[k] = string(b)
			}
		}
	}
	return out
}

// Advance resolves the current node with the user's input (the hosted page calls
// it once per user action). On error st is unchanged.
func (e *Engine) Advance(ctx context.Context, st *State, in Input) (StepResult, error) {
	if err := st.check(); err != nil {
		return StepResult{}, err
	}
	if err := in.Inputs.Validate(); err != nil {
		return StepResult{}, err
	}
	work := st.clone()
	var fx Effects
	res, err := e.advance(ctx, work, in, &fx, nil)
	if err != nil {
		return StepResult{}, err
	}
	res.Effects = fx
	*st = *work
	return res, nil
}

// Run drives the session from where it stands to an end, as simulate does: every
// node takes its outcome from sim.Outcomes, else from the inputs and defaults. On
// error st is unchanged.
func (e *Engine) Run(ctx context.Context, st *State, sim SimulateInput) (Result, error) {
	if err := st.check(); err != nil {
		return Result{}, err
	}
	if err := sim.check(st.Flow); err != nil {
		return Result{}, err
	}
	if err := sim.Inputs.Validate(); err != nil {
		return Result{}, err
	}
	work := st.clone()
	var res Result
	// Waiting steps (wrong OTP codes) do not count as nodes; bound them too.
	for calls := 0; !work.finished(); calls++ {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		if calls > e.maxSteps*(maxOTPAttempts+1) {
			return Result{}, fmt.Errorf("%w: session %s did not finish after %d steps", ErrStepLimit, work.SessionID, calls)
		}
		n := work.Flow.Node(work.Current)
		in := Input{Inputs: sim.Inputs}
		if n != nil {
			in.Outcome = sim.Outcomes[n.ID]
			in.Reply = sim.Replies[n.ID]
			if ot := work.OTP[n.ID]; ot != nil && isOTP(n.Type) {
				in.OTPCode = sim.Inputs.codeFor(ot.Attempts)
			}
		}
		step, err := e.advance(ctx, work, in, &res.Effects, sim.Outcomes)
		if err != nil {
			return Result{}, err
		}
		res.Path = append(res.Path, step.Path...)
	}
	*st = *work
	return res, nil
}

// check verifies sim against the flow: every named node exists and every named
// outcome is one of its node's.
func (sim SimulateInput) check(f flow.Flow) error {
	for _, id := range slices.Sorted(maps.Keys(sim.Outcomes)) {
		n := f.Node(id)
		if n == nil {
			return fmt.Errorf("%w: outcomes names node %q, which is not in the flow", ErrBadInput, id)
		}
		if err := checkOutcome(n, sim.Outcomes[id]); err != nil {
			return fmt.Errorf("outcomes[%q]: %w", id, err)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(sim.Replies)) {
		n := f.Node(id)
		if n == nil {
			return fmt.Errorf("%w: replies names node %q, which is not in the flow", ErrBadInput, id)
		}
		if n.Type != flow.TypeConversation {
			return fmt.Errorf("%w: replies names node %q, a %s node; only conversation nodes take replies", ErrBadInput, id, n.Type)
		}
	}
	return nil
}

// checkOutcome says whether name is one of n's outcomes.
func checkOutcome(n *flow.Node, name string) error {
	if n.Type == flow.TypeStart || n.Type == flow.TypeEnd {
		return fmt.Errorf("%w: node %q is a %s node and has no outcomes to choose", ErrBadInput, n.ID, n.Type)
	}
	if _, ok := n.Outcome(name); ok {
		return nil
	}
	return fmt.Errorf("%w: node %q has no outcome %q (its outcomes: %s)", ErrBadInput, n.ID, name, strings.Join(outcomeNames(n), ", "))
}

func outcomeNames(n *flow.Node) []string {
	names := make([]string, 0, len(n.Outcomes))
	for _, o := range n.Outcomes {
		names = append(names, o.ID)
	}
	return names
}

func (st *State) finished() bool {
	return st.Status == facesign.StatusComplete || st.Status == facesign.StatusCanceled
}

// check refuses a state this engine did not make or cannot resume.
func (st *State) check() error {
	if st == nil {
		return fmt.Errorf("%w: no state", ErrBadState)
	}
	if st.Version != StateVersion {
		return fmt.Errorf("%w: state version %d, this engine resumes version %d", ErrBadState, st.Version, StateVersion)
	}
	if st.finished() {
		return fmt.Errorf("%w: session %s is %s", ErrFinished, st.SessionID, st.Status)
	}
	if st.Flow.Node(st.Current) == nil {
		return fmt.Errorf("%w: current node %q is not in the flow", ErrBadState, st.Current)
	}
	return nil
}

// clone copies what a step may change, so that a failed step leaves the caller's
// State as it was. The flow and providedData are never written after Start.
func (st *State) clone() *State {
	c := *st
	c.Data = maps.Clone(st.Data)
	c.Sources = maps.Clone(st.Sources)
	if st.OTP != nil {
		c.OTP = make(map[string]*OTPState, len(st.OTP))
		for k, v := range st.OTP {
			o := *v
			c.OTP[k] = &o
		}
	}
	// Clip so that appends on the copy never write into the original's arrays.
	c.Transcript = slices.Clip(st.Transcript)
	c.NodeReports = slices.Clip(st.NodeReports)
	c.Path = slices.Clip(st.Path)
	c.Screenshots = slices.Clip(st.Screenshots)
	return &c
}

// Cancel ends a session that is not finished: reason is "userLeft", "expired" or
// free text ("" means userLeft). It fails with ErrFinished on a finished session.
func Cancel(st *State, reason string, now time.Time) (Effects, error) {
	if st == nil {
		return Effects{}, fmt.Errorf("%w: no state", ErrBadState)
	}
	if st.finished() {
		return Effects{}, fmt.Errorf("%w: session %s is %s", ErrFinished, st.SessionID, st.Status)
	}
	if reason == "" {
		reason = "userLeft"
	}
	from := st.Status
	st.Status = facesign.StatusCanceled
	st.CancelReason = reason
	st.FinishedAt = &now
	st.Current = ""
	st.Prompt = ""
	return Effects{StatusChanges: []StatusChange{{From: from, To: facesign.StatusCanceled, At: now}}}, nil
}

// newID returns prefix and 16 hex digits from the engine's random source.
func (e *Engine) newID(prefix string) (string, error) {
	var b [8]byte
	if _, err := io.ReadFull(e.rand, b[:]); err != nil {
		return "", fmt.Errorf("runner: random source: %w", err)
	}
	return prefix + hex.EncodeToString(b[:]), nil
}
