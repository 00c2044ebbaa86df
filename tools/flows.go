package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/diagram"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Limits on flow-related arguments. A real flow has a few dozen nodes; the
// bounds only keep a runaway argument from costing the server.
const (
	maxFlowNodes        = 200
	maxDescriptionChars = 4000
	maxChangeChars      = 2000
)

// buildFlowInput is build_flow's arguments.
type buildFlowInput struct {
	Description string   `json:"description,omitempty" jsonschema:"maxLength=4000" jsonschema_description:"What the flow should do, in plain English: the steps (liveness, recognition, ID or passport scan, selfie, email or SMS code, questions to ask), their order, amounts, document types, languages, avatar. Give this to build a new flow."`
	Change      string   `json:"change,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"A change to apply to an existing flow, in plain English: add, remove, replace or move a step, or reword a question (\"add an SMS code at the end\", \"ask for a passport instead of an ID\"). Applies to flow when given, else to the session's current flow."`
	Flow        flowJSON `json:"flow,omitempty" jsonschema:"maxItems=200" jsonschema_description:"A FaceSign flow (array of nodes) to change with change, or to check and adopt as the current flow when given alone. Omit it to work on the session's current flow."`
	Avatar      string   `json:"avatar,omitempty" jsonschema:"maxLength=100" jsonschema_description:"The avatar for the sessions of this flow, by id or by name as the user said it (\"Sofia\"): it is matched to the account's avatars, and when the name fits several or none the result asks which. Alone, it sets the avatar of the current flow."`
	Langs       langList `json:"langs,omitempty" jsonschema_description:"Languages for the sessions of this flow, by id (es) or name (Spanish), matched to the account's languages like avatar. Alone, it sets the languages of the current flow. A single value may be given on its own instead of a one-item list."`
}

// validateFlowInput is validate_flow's arguments.
type validateFlowInput struct {
	Flow flowJSON `json:"flow,omitempty" jsonschema:"maxItems=200" jsonschema_description:"The flow to check: a JSON array of FaceSign nodes. Omit it to check the session's current flow."`
}

// decodeFlowArgument turns the raw flow argument into a flow, or an error
// message naming where it stopped being one.
func decodeFlowArgument(raw json.RawMessage) (flow.Flow, error) {
	f, err := flow.Decode(raw)
	if err != nil {
		var de *flow.DecodeError
		if asDecodeError(err, &de) {
			return nil, fmt.Errorf("argument flow%s: %s", de.Path, de.Msg)
		}
		return nil, fmt.Errorf("argument flow: %v", err)
	}
	return f, nil
}

// asDecodeError finds a *flow.DecodeError anywhere in err's chain, so
// that a wrapped decode error still names its JSON pointer.
func asDecodeError(err error, target **flow.DecodeError) bool {
	return errors.As(err, target)
}

func hasValue(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && !bytes.Equal(t, []byte("null"))
}

// BuildFlowOutput is build_flow's structured result.
type BuildFlowOutput struct {
	Mode        string                    `json:"mode" jsonschema:"enum=build,enum=edit,enum=adopt,enum=settings" jsonschema_description:"What was done: built from a description, edited with a change, adopted as given, or only the avatar and languages set."`
	Flow        flow.Flow                 `json:"flow" jsonschema_description:"A FaceSign flow: an array of nodes, exactly as FaceSign's API takes it (schema: resource facesign://schema/flow)."`
	Summary     string                    `json:"summary" jsonschema_description:"One paragraph describing the flow, for the user."`
	Mermaid     string                    `json:"mermaid" jsonschema_description:"Mermaid flowchart of the flow, success path highlighted."`
	Warnings    []flow.Problem            `json:"warnings" jsonschema_description:"Where the flow goes against FaceSign's recommended patterns (it is still accepted)."`
	Questions   []flowbuild.Question      `json:"questions" jsonschema_description:"What the description left open; ask the user, then call build_flow with change."`
	Assumptions []string                  `json:"assumptions" jsonschema_description:"Choices made where the description was silent."`
	Settings    flowbuild.SessionSettings `json:"settings" jsonschema_description:"The FaceSign ids of the avatar and languages the tools apply to every session they create for this flow (empty until matched to the account of a key)."`
	Named       *SessionSettings          `json:"named,omitempty" jsonschema_description:"The avatar and languages as the description, the answers or the arguments named them, and whether they were matched to the account's ids (they are, once a key is set; questions ask about any that fit several or none)."`
	Elicitation string                    `json:"elicitation" jsonschema:"enum=not_needed,enum=unsupported,enum=accepted,enum=declined,enum=cancelled,enum=failed" jsonschema_description:"Whether open questions were asked of the user directly: not_needed, unsupported (client cannot), accepted, declined, cancelled, failed."`
	Answers     *Answers                  `json:"answers,omitempty" jsonschema_description:"What the user answered in the question form, as used for this build."`
}

// Elicitation outcomes reported in build_flow's result.
const (
	elicitNotNeeded   = "not_needed"
	elicitUnsupported = "unsupported"
	elicitAccepted    = "accepted"
	elicitDeclined    = "declined"
	elicitCancelled   = "cancelled"
	elicitFailed      = "failed"
)

// BuildFlow builds a flow from a description, edits one with a described
// change, or adopts a hand-written flow, and makes the result the session's
// current flow.
func BuildFlow(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool, args := newTool("build_flow", `Build a FaceSign verification flow from a plain-English description, or change an existing flow. Call it whenever the user describes a verification they want ("step-up for wire transfers over $5,000: liveness, ask about the transfer, email code") or asks to change one ("add an SMS code after liveness", "remove the document scan").
- description: builds a new flow.
- change: edits the flow you pass in flow, or else the session's current flow; node ids that did not change are kept.
- flow alone: checks a flow you wrote yourself and adopts it.
The result becomes the session's current flow, which validate_flow and simulate_session use by default. Returns the flow (FaceSign's JSON), a one-paragraph summary, a Mermaid diagram, warnings, the questions the description left open (avatar, languages, what happens on failure) and the assumptions made. When the client supports it, open questions are asked of the user directly and the answers are used.
Next: show the summary and diagram, ask the user any remaining questions (then call build_flow again with change), and offer simulate_session to try it.`, &buildFlowInput{},
		withOutputOf(&BuildFlowOutput{}),
		// Not read-only: it replaces the session's current flow. Not destructive:
		// nothing outside the session changes and the old flow is in the
		// conversation. Not idempotent: a change applied twice ("add an SMS
		// step") changes the flow twice. Closed world: building is local; at
		// most the avatar list is read for the question form.
		annotations("Build or edit a flow", false, false, false, false),
	)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in buildFlowInput
		if err := args.bind(req, &in); err != nil {
			return failure("%v", err), nil
		}
		in.Description, in.Change, in.Avatar = strings.TrimSpace(in.Description), strings.TrimSpace(in.Change), strings.TrimSpace(in.Avatar)
		st := d.State(ctx)
		if in.Description == "" && in.Change == "" && !hasValue(json.RawMessage(in.Flow)) && (in.Avatar != "" || len(in.Langs) > 0) {
			return d.setSettingsOnly(ctx, st, in.Avatar, in.Langs), nil
		}

		var given flow.Flow
		if hasValue(json.RawMessage(in.Flow)) {
			f, err := decodeFlowArgument(json.RawMessage(in.Flow))
			if err != nil {
				return failure("%v. Pass the flow as a JSON array of nodes (see resource facesign://schema/flow), or leave flow out to use the current flow.", err), nil
			}
			given = f
		}
		var run func(flowbuild.Options) (flowbuild.Result, error)
		mode := ""
		switch {
		case in.Description != "" && in.Change != "":
			return failure("Pass either description (to build a new flow) or change (to edit a flow), not both."), nil
		case in.Description != "" && given != nil:
			return failure("description builds a new flow from scratch and would ignore the flow you passed. To edit that flow, pass it with change instead of description."), nil
		case in.Description != "":
			mode = "build"
			run = func(o flowbuild.Options) (flowbuild.Result, error) { return flowbuild.Build(in.Description, o) }
		case in.Change != "":
			base := given
			if base == nil {
				base = st.Flow()
			}
			if base == nil {
				return failure("There is no flow to change: this session has no current flow. Build one first with build_flow {description}, or pass the flow to change in flow."), nil
			}
			mode = "edit"
			run = func(o flowbuild.Options) (flowbuild.Result, error) { return flowbuild.Edit(base, in.Change, o) }
		case given != nil:
			probs := flow.Validate(given)
			if flow.HasErrors(probs) {
				return failure("%s", renderProblemsFailure("The flow you passed cannot be used", probs)), nil
			}
			out := BuildFlowOutput{
				Mode: "adopt", Flow: given, Summary: describeFlow(given), Mermaid: diagram.Mermaid(given),
				Warnings: problems(flow.Warnings(probs)), Questions: []flowbuild.Question{}, Assumptions: []string{},
				Elicitation: elicitNotNeeded,
			}
			named := st.Settings()
			if in.Avatar != "" || len(in.Langs) > 0 {
				named = withNamed(named, in.Avatar, in.Langs)
			}
			set, qs := d.settle(ctx, named)
			out.Questions = append(out.Questions, qs...)
			out.Settings, out.Named = set.ids(), &set
			if err := st.SetBuild(flowbuild.Result{Flow: given, Summary: out.Summary, Warnings: out.Warnings, Settings: set.ids()}); err != nil {
				return keepFailure(err), nil
			}
			st.SetSettings(set)
			st.SetDescription("")
			return result(out, renderBuild(out)), nil
		default:
			return failure("Nothing to do: pass description to build a new flow, or change to edit the current flow (or the flow you pass)."), nil
		}

		res, err := run(flowbuild.Options{})
		if err != nil {
			return failure("Could not %s the flow: %v. Rephrase the %s with the steps you want (for example \"liveness, then an email code\").", mode, err, map[string]string{"build": "description", "edit": "change"}[mode]), nil
		}

		status := elicitNotNeeded
		var answers *Answers
		if open := elicitableQuestions(res.Questions); len(open) > 0 {
			var pending *mcp.CallToolResult
			answers, status, pending = d.askQuestions(ctx, req, open)
			if pending != nil {
				return pending, nil
			}
			if answers != nil {
				again, err := run(answers.options())
				if err != nil {
					return failure("Could not %s the flow with the answers given: %v.", mode, err), nil
				}
				res = again
			}
		}

		if flow.HasErrors(flow.Validate(res.Flow)) {
			// The builder promises valid flows; if it ever breaks that promise the
			// user must not be handed a flow FaceSign refuses.
			return nil, fmt.Errorf("build_flow: the builder produced an invalid flow for %s", mode)
		}
		named := namedSettings(res.Settings)
		if mode == "edit" {
			// A change that names no avatar or language keeps the flow's.
			prev := st.Settings()
			if named.NamedAvatar == "" {
				named.NamedAvatar, named.AvatarID = prev.NamedAvatar, prev.AvatarID
			}
			if len(named.NamedLangs) == 0 {
				named.NamedLangs, named.Langs = prev.NamedLangs, prev.Langs
			}
			named.Resolved = prev.Resolved && named.NamedAvatar == prev.NamedAvatar && slices.Equal(named.NamedLangs, prev.NamedLangs)
		}
		if in.Avatar != "" || len(in.Langs) > 0 {
			named = withNamed(named, in.Avatar, in.Langs)
		}
		set, qs := d.settle(ctx, named)
		res.Questions = append(res.Questions, qs...)
		res.Settings = set.ids()
		if err := st.SetBuild(res); err != nil {
			return keepFailure(err), nil
		}
		st.SetSettings(set)
		if mode == "build" {
			st.SetDescription(in.Description)
		}
		out := BuildFlowOutput{
			Mode: mode, Flow: res.Flow, Summary: res.Summary, Mermaid: diagram.Mermaid(res.Flow),
			Warnings: problems(res.Warnings), Questions: nonNil(res.Questions), Assumptions: nonNil(res.Assumptions),
			Settings: res.Settings, Named: &set, Elicitation: status, Answers: answers,
		}
		return result(out, renderBuild(out)), nil
	}
}

// ValidateFlowOutput is validate_flow's structured result.
type ValidateFlowOutput struct {
	Valid     bool           `json:"valid" jsonschema_description:"True when the flow has no errors (warnings allowed)."`
	Source    string         `json:"source" jsonschema:"enum=argument,enum=current_flow" jsonschema_description:"Which flow was checked."`
	NodeCount int            `json:"nodeCount" jsonschema_description:"Number of nodes in the flow (0 when it could not be read)."`
	Errors    []flow.Problem `json:"errors" jsonschema_description:"Problems that make FaceSign refuse the flow."`
	Warnings  []flow.Problem `json:"warnings" jsonschema_description:"Departures from FaceSign's recommended patterns."`
}

// ValidateFlow checks a flow (the session's current flow by default).
func ValidateFlow(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool, args := newTool("validate_flow", `Check a FaceSign flow against every rule FaceSign enforces and the patterns it recommends. Call it after writing or changing a flow by hand, or before simulating or deploying one. Without flow it checks the session's current flow (the last one build_flow produced).
Returns valid (true when FaceSign accepts the flow), errors (FaceSign refuses the flow) and warnings (accepted, but against FaceSign's patterns), each with a JSON-pointer path into the flow (/3/outcomes/noFace), a message and a concrete fix.
Next: apply the fixes (build_flow with change, or edit the JSON and validate again); when valid, offer simulate_session.`, &validateFlowInput{},
		withOutputOf(&ValidateFlowOutput{}),
		// Read-only, nothing destroyed, same answer every time, no network.
		annotations("Validate a flow", true, false, true, false),
	)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in validateFlowInput
		if err := args.bind(req, &in); err != nil {
			return failure("%v", err), nil
		}
		var (
			f      flow.Flow
			probs  []flow.Problem
			source = "argument"
		)
		if hasValue(json.RawMessage(in.Flow)) {
			f, probs = flow.ValidateJSON(json.RawMessage(in.Flow))
		} else {
			source = "current_flow"
			f = d.State(ctx).Flow()
			if f == nil {
				return failure("There is no flow to validate: pass one in flow, or build one first with build_flow."), nil
			}
			probs = flow.Validate(f)
		}
		out := ValidateFlowOutput{
			Valid:     !flow.HasErrors(probs),
			Source:    source,
			NodeCount: len(f),
			Errors:    problems(flow.Errors(probs)),
			Warnings:  problems(flow.Warnings(probs)),
		}
		return result(out, renderValidation(out)), nil
	}
}

// describeFlow is the summary of a flow that was not built from a
// description: its size and the verification steps on its success path.
func describeFlow(f flow.Flow) string {
	var steps []string
	ids, err := flow.SuccessPath(f)
	if err != nil {
		ids = nil // a valid flow may still have no success path (it loops): name no steps rather than part of one
	}
	for _, id := range ids {
		n := f.Node(id)
		switch n.Type {
		case flow.TypeStart, flow.TypeEnd, flow.TypeConversation:
			continue
		}
		steps = append(steps, strings.ReplaceAll(string(n.Type), "_", " "))
	}
	conversations := 0
	for _, n := range f {
		if n.Type == flow.TypeConversation {
			conversations++
		}
	}
	s := fmt.Sprintf("A flow of %d nodes with %d conversation nodes.", len(f), conversations)
	if len(steps) > 0 {
		s += " On its success path: " + strings.Join(steps, ", then ") + "."
	}
	return s
}

func renderProblemsFailure(head string, probs []flow.Problem) string {
	var b strings.Builder
	errs := flow.Errors(probs)
	fmt.Fprintf(&b, "%s: %d error(s).", head, len(errs))
	for _, p := range errs {
		fmt.Fprintf(&b, "\n- %s", p.String())
		if p.Fix != "" {
			fmt.Fprintf(&b, "\n  fix: %s", p.Fix)
		}
	}
	b.WriteString("\nFix these (validate_flow shows them all) and try again.")
	return b.String()
}

func renderBuild(o BuildFlowOutput) string {
	var b strings.Builder
	b.WriteString(o.Summary)
	if o.Mermaid != "" {
		b.WriteString("\n\n```mermaid\n" + strings.TrimRight(o.Mermaid, "\n") + "\n```")
	}
	writeProblems(&b, "Warnings", o.Warnings)
	if len(o.Questions) > 0 {
		b.WriteString("\n\nOpen questions:")
		for _, q := range o.Questions {
			fmt.Fprintf(&b, "\n- %s", q.Text)
			if len(q.Options) > 0 {
				fmt.Fprintf(&b, " (%s)", strings.Join(q.Options, ", "))
			}
		}
	}
	if len(o.Assumptions) > 0 {
		b.WriteString("\n\nAssumptions:")
		for _, a := range o.Assumptions {
			b.WriteString("\n- " + a)
		}
	}
	if n := o.Named; n != nil && !n.empty() {
		b.WriteString("\n\nSession settings (applied to every session the tools create for this flow):")
		if n.NamedAvatar != "" {
			b.WriteString("\n- avatar: " + describeMatch(n.NamedAvatar, n.AvatarID, n.Resolved))
		}
		for _, l := range n.NamedLangs {
			id := ""
			for _, x := range n.Langs {
				if strings.EqualFold(x, l) || strings.HasPrefix(strings.ToLower(x), strings.ToLower(l)+"-") {
					id = x
				}
			}
			b.WriteString("\n- language: " + describeMatch(l, id, n.Resolved))
		}
	}
	if msg := describeElicitation(o.Elicitation); msg != "" {
		b.WriteString("\n\n" + msg)
	}
	flowJSON, err := json.MarshalIndent(o.Flow, "", "  ")
	if err == nil {
		b.WriteString("\n\nFlow JSON (now the session's current flow):\n" + string(flowJSON))
	}
	return b.String()
}

func renderValidation(o ValidateFlowOutput) string {
	var b strings.Builder
	what := "The flow you passed"
	if o.Source == "current_flow" {
		what = "The current flow"
	}
	if o.Valid {
		fmt.Fprintf(&b, "%s (%d nodes) is valid: FaceSign accepts it.", what, o.NodeCount)
	} else {
		fmt.Fprintf(&b, "%s is NOT valid: %d error(s) make FaceSign refuse it.", what, len(o.Errors))
	}
	writeProblems(&b, "Errors", o.Errors)
	writeProblems(&b, "Warnings", o.Warnings)
	return b.String()
}

func writeProblems(b *strings.Builder, title string, probs []flow.Problem) {
	if len(probs) == 0 {
		return
	}
	fmt.Fprintf(b, "\n\n%s:", title)
	for _, p := range probs {
		path := p.Path
		if path == "" {
			path = "(whole flow)"
		}
		fmt.Fprintf(b, "\n- %s [%s] %s", path, p.Code, p.Message)
		if p.Fix != "" {
			fmt.Fprintf(b, "\n  fix: %s", p.Fix)
		}
	}
}

// sortedKeys is used where map order would make output unstable.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// describeElicitation says in words what happened to the questions.
func describeElicitation(status string) string {
	switch status {
	case elicitAccepted:
		return "The user answered the open questions in a form; the flow uses the answers."
	case elicitDeclined:
		return "The user declined the question form; ask the open questions in the conversation if they matter."
	case elicitCancelled:
		return "The user dismissed the question form; ask the open questions in the conversation if they matter."
	case elicitFailed:
		return "The question form could not be shown; ask the open questions in the conversation."
	}
	return ""
}

// keepFailure is build_flow's answer when the session cannot keep the flow
// (SessionState.SetBuild): too large for a session, or no room on the server.
func keepFailure(err error) *mcp.CallToolResult {
	if errors.Is(err, ErrFlowTooLarge) {
		return failure("The flow was not kept: %v. Shorten its prompts and questions, or split it into smaller flows. The session's current flow is unchanged.", err)
	}
	return failure("The flow was not kept: %v. The session's current flow is unchanged.", err)
}

// describeMatch says what a named avatar or language became.
func describeMatch(named, id string, resolved bool) string {
	switch {
	case !resolved:
		return fmt.Sprintf("%q (matched to the account's ids once a key is set)", named)
	case id == "":
		return fmt.Sprintf("%q (not matched: see the questions)", named)
	case id == named:
		return id
	}
	return fmt.Sprintf("%q → %s", named, id)
}

// withNamed puts the avatar and languages given as arguments over those of s.
func withNamed(s SessionSettings, avatar string, langs []string) SessionSettings {
	if avatar != "" {
		s.NamedAvatar, s.AvatarID, s.Resolved = avatar, "", false
	}
	if len(langs) > 0 {
		s.NamedLangs, s.Langs, s.Resolved = nil, nil, false
		for _, l := range langs {
			if l = strings.TrimSpace(l); l != "" {
				s.NamedLangs = append(s.NamedLangs, l)
			}
		}
	}
	return s
}

// settle resolves s against the account when a key is at hand; without one
// the names wait (resolved at the next simulate_session) and no id is set.
func (d *Deps) settle(ctx context.Context, s SessionSettings) (SessionSettings, []flowbuild.Question) {
	if s.empty() {
		return SessionSettings{Resolved: true}, nil
	}
	r, qs, ok := d.resolveForSession(ctx, s)
	if !ok {
		s.AvatarID, s.Langs, s.Resolved = "", nil, false
		return s, nil
	}
	return r, qs
}

// ids are the API ids to create sessions with.
func (s SessionSettings) ids() flowbuild.SessionSettings {
	return flowbuild.SessionSettings{AvatarID: s.AvatarID, Langs: slices.Clone(s.Langs)}
}

// setSettingsOnly is build_flow with only avatar and langs: the current
// flow stays, its sessions' settings change.
func (d *Deps) setSettingsOnly(ctx context.Context, st *SessionState, avatar string, langs []string) *mcp.CallToolResult {
	last := st.LastBuild()
	if last == nil {
		f := st.Flow()
		if f == nil {
			return failure("There is no current flow to set the avatar or languages of: build one first with build_flow {description}, and pass avatar and langs with it.")
		}
		last = &flowbuild.Result{Flow: f, Summary: describeFlow(f)}
	}
	set, qs := d.settle(ctx, withNamed(st.Settings(), avatar, langs))
	st.SetSettings(set)
	out := BuildFlowOutput{
		Mode: "settings", Flow: last.Flow, Summary: last.Summary, Mermaid: diagram.Mermaid(last.Flow),
		Warnings: problems(last.Warnings), Questions: nonNil(qs), Assumptions: []string{},
		Settings: set.ids(), Named: &set, Elicitation: elicitNotNeeded,
	}
	return result(out, renderBuild(out))
}
