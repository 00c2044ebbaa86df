package tools

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/invopop/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// progressDelay is how long a single API call may run before get_session
// reports progress on it.
const progressDelay = 250 * time.Millisecond

const (
	maxSessionIDChars = 128
	maxCursorChars    = 1024
	maxRefChars       = 256
	maxSearchChars    = 200
	maxMapEntries     = 200
	maxMapValueChars  = 2000
)

// getSessionInput is get_session's arguments.
type getSessionInput struct {
	SessionID string `json:"sessionId" jsonschema:"minLength=1,maxLength=128" jsonschema_description:"The FaceSign session id, as returned by simulate_session, list_sessions or a webhook event's sessionId."`
}

// listSessionsInput is list_sessions' arguments.
type listSessionsInput struct {
	Limit             int        `json:"limit,omitempty" jsonschema:"minimum=1,maximum=100" jsonschema_description:"Page size, 1–100 (default 25)."`
	Cursor            string     `json:"cursor,omitempty" jsonschema:"maxLength=1024" jsonschema_description:"nextCursor from the previous page, to fetch the next one."`
	Status            statusList `json:"status,omitempty" jsonschema_description:"Only sessions in these statuses: requiresInput (created, not started), processing, complete, canceled. A single value may be given on its own instead of a one-item list."`
	ClientReferenceID string     `json:"clientReferenceId,omitempty" jsonschema:"maxLength=256" jsonschema_description:"Only sessions created with this clientReferenceId (your own id for the user or transaction)."`
	FlowID            string     `json:"flowId,omitempty" jsonschema:"maxLength=256" jsonschema_description:"Only sessions that ran this flow (FaceSign's flow id)."`
	FromDate          string     `json:"fromDate,omitempty" jsonschema:"maxLength=40" jsonschema_description:"Only sessions created at or after this time: a date (2025-01-31), an RFC 3339 time (2025-01-31T09:00:00Z) or Unix seconds."`
	ToDate            string     `json:"toDate,omitempty" jsonschema:"maxLength=40" jsonschema_description:"Only sessions created at or before this time; same forms as fromDate. A bare date means the end of that day (UTC)."`
	Search            string     `json:"search,omitempty" jsonschema:"maxLength=200" jsonschema_description:"Free text matched against session id, clientReferenceId, metadata values and the transcript."`
	SortBy            string     `json:"sortBy,omitempty" jsonschema:"enum=createdAt,enum=finishedAt,enum=status" jsonschema_description:"Sort key (default createdAt)."`
	SortOrder         string     `json:"sortOrder,omitempty" jsonschema:"enum=asc,enum=desc" jsonschema_description:"Sort direction (default desc: newest first)."`
	IncludeTotal      bool       `json:"includeTotal,omitempty" jsonschema_description:"Also count every matching session (slower on large accounts)."`
}

// simulateSessionInput is simulate_session's arguments.
type simulateSessionInput struct {
	Flow      flowJSON    `json:"flow,omitempty" jsonschema:"maxItems=200" jsonschema_description:"The flow to run (array of FaceSign nodes). Omit both flow and sessionId to run the session's current flow."`
	SessionID string      `json:"sessionId,omitempty" jsonschema:"maxLength=128" jsonschema_description:"Run this existing, not yet finished sandbox session instead of creating one. Do not combine with flow."`
	Outcomes  outcomeMap  `json:"outcomes,omitempty" jsonschema_description:"Node id → the outcome that node takes, e.g. {\"liveness\": \"deepfakeDetected\", \"otp\": \"failed_unverified\"}. For conversation and data_validation nodes name the outcome by its id. Nodes not named take their success outcome."`
	Replies   replyMap    `json:"replies,omitempty" jsonschema_description:"Node id → what the user says at that conversation node, e.g. {\"confirm_transfer\": \"Yes, 5,000 dollars to my landlord\"}; recorded in the transcript."`
	Inputs    sandboxKeys `json:"inputs,omitempty" jsonschema_description:"What FaceSign's models would decide, as the sandbox's controls take them (for example a recognised person's name and email, document fields, a face-compare similarity). Every key is optional; leave it out for realistic defaults, with which every node takes its success outcome. outcomes override these for the nodes they name."`
}

// outcomeMap, replyMap and sandboxKeys are simulate_session's maps from node
// id (or input name) to a value, bounded in entries and in value length.
type (
	outcomeMap map[string]string
	replyMap   map[string]string
)

func (outcomeMap) JSONSchema() *jsonschema.Schema {
	return boundedMap(&jsonschema.Schema{Type: "string", MaxLength: ptr(uint64(maxRefChars))})
}

func (replyMap) JSONSchema() *jsonschema.Schema {
	return boundedMap(&jsonschema.Schema{Type: "string", MaxLength: ptr(uint64(maxMapValueChars))})
}

func boundedMap(values *jsonschema.Schema) *jsonschema.Schema {
	return &jsonschema.Schema{Type: "object", MaxProperties: ptr(uint64(maxMapEntries)), AdditionalProperties: values}
}

func ptr[T any](v T) *T { return &v }

// GetSessionOutput is get_session's structured result.
type GetSessionOutput struct {
	Session facesign.Session        `json:"session" jsonschema_description:"The whole FaceSign session as the API returns it: id, createdAt/startedAt/finishedAt (Unix seconds), status, settings (flow, metadata, avatar, languages…), version and report (transcript, nodeReports, aiAnalysis, livenessDetected, isVerified, extractedData, screenshots, videos, device, location). The client secret is left out."`
	Summary facesign.SessionSummary `json:"summary" jsonschema_description:"Short human summary of the session."`
}

// GetSession fetches one session with a readable summary.
func GetSession(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool, args := newTool("get_session", `Fetch one FaceSign verification session by id: its status, transcript, node reports, AI analysis, media references and settings, plus a short summary (status, the path taken, each node's outcome and a verdict). Call it when the user asks how a session went, after simulate_session, or for a session id seen in list_sessions or a webhook.
Uses this session's API key (set_api_key). A session of another account, or an unknown id, is reported as not found.
Next: explain the verdict and the failing node, if any; offer to change the flow (build_flow with change) or simulate again.`, &getSessionInput{},
		withOutputOf(&GetSessionOutput{}),
		// Read-only and idempotent; open world: it reads from the FaceSign API.
		annotations("Get a session", true, false, true, true),
	)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in getSessionInput
		if err := args.bind(req, &in); err != nil {
			return failure("%v", err), nil
		}
		id := strings.TrimSpace(in.SessionID)
		if id == "" {
			return failure("invalid argument sessionId: must not be blank. Pass a session id from list_sessions or simulate_session."), nil
		}
		client, key, err := d.Client(ctx)
		if err != nil {
			return failure("%v", err), nil
		}
		// One API call: usually milliseconds, but a slow network or a
		// retried 5xx can make it seconds, and then the user is told.
		p := NewProgress(ctx, req, 2)
		stop := p.ReportAfter(progressDelay, 1, "fetching session "+id)
		got, err := client.GetSession(ctx, id)
		slow := stop()
		if err != nil {
			if facesign.IsNotFound(err) {
				return failure("No session with id %q in the account of the key %s (%s). Check the id; list_sessions shows the sessions this key can see.", id, key.Redacted, key.Environment), nil
			}
			return apiFailure("Fetching session "+id, key, err), nil
		}
		if slow {
			p.Report(2, "done")
		}
		out := GetSessionOutput{Session: got.Session, Summary: facesign.Summarize(got.Session)}
		raw, err := json.Marshal(out)
		if err != nil {
			return failure("Fetching session %s: encoding its result failed: %v", id, err), nil
		}
		res := &mcp.CallToolResult{
			Content:              []mcp.Content{mcp.NewTextContent(renderSession(out))},
			StructuredContent:    json.RawMessage(raw),
			RawStructuredContent: json.RawMessage(raw),
		}
		d.attachView(ctx, res, appView{Title: "FaceSign session " + id, SessionID: id, Flow: got.Session.Settings.Flow, Summary: &out.Summary, Path: summaryPath(out.Summary)})
		return res, nil
	}
}

func renderSession(o GetSessionOutput) string {
	var b strings.Builder
	s := o.Session
	fmt.Fprintf(&b, "Session %s: %s (verdict: %s).\n%s", s.ID, s.Status, o.Summary.Verdict, o.Summary.Text)
	fmt.Fprintf(&b, "\nCreated %s", fmtTime(s.CreatedAt))
	if s.FinishedAt != nil {
		fmt.Fprintf(&b, ", finished %s", fmtTime(*s.FinishedAt))
	}
	if s.Settings.ClientReferenceID != "" {
		fmt.Fprintf(&b, ", client reference %s", s.Settings.ClientReferenceID)
	}
	b.WriteString(".")
	writeNodes(&b, o.Summary.Nodes)
	if r := s.Report; r != nil {
		if r.AIAnalysis != nil {
			a := r.AIAnalysis
			fmt.Fprintf(&b, "\n\nAI analysis: %s, age %d–%d, %s. %s", a.RealPersonOrVirtual, a.AgeMin, a.AgeMax, a.Sex, a.OverallSummary)
		}
		if len(r.Transcript) > 0 {
			b.WriteString("\n\nTranscript:")
			for _, t := range r.Transcript {
				who := "User"
				if t.IsAvatar {
					who = "Avatar"
				}
				fmt.Fprintf(&b, "\n%s: %s", who, t.Text)
			}
		}
		if len(r.Screenshots) > 0 || r.Videos != nil {
			fmt.Fprintf(&b, "\n\nMedia: %d screenshot(s)", len(r.Screenshots))
			if r.Videos != nil && r.Videos.UserVideoURL != "" {
				b.WriteString(", user video " + r.Videos.UserVideoURL)
			}
		}
	}
	return b.String()
}

func writeNodes(b *strings.Builder, nodes []facesign.NodeOutcome) {
	if len(nodes) == 0 {
		return
	}
	b.WriteString("\n\nNodes:")
	for _, n := range nodes {
		mark := "ok"
		if !n.Success {
			mark = "FAILED"
		}
		fmt.Fprintf(b, "\n- %s (%s): %s [%s]", n.NodeID, n.Type, n.Outcome, mark)
		if n.Detail != "" {
			fmt.Fprintf(b, " — %s", n.Detail)
		}
	}
}

func fmtTime(t facesign.Time) string {
	if t.IsZero() {
		return "(unknown time)"
	}
	return t.UTC().Format(time.RFC3339)
}

// SessionRow is one session in list_sessions' page.
type SessionRow struct {
	ID                string `json:"id" jsonschema_description:"Session id (for get_session)."`
	Status            string `json:"status" jsonschema_description:"requiresInput, processing, complete or canceled."`
	Verdict           string `json:"verdict" jsonschema:"enum=pending,enum=in_progress,enum=canceled,enum=verified,enum=not_verified,enum=completed" jsonschema_description:"Short verdict; see get_session for the details."`
	CreatedAt         string `json:"createdAt" jsonschema:"format=date-time" jsonschema_description:"When the session was created."`
	FinishedAt        string `json:"finishedAt,omitempty" jsonschema:"format=date-time" jsonschema_description:"When it finished, if it has."`
	ClientReferenceID string `json:"clientReferenceId,omitempty" jsonschema_description:"Your reference for the session, if set."`
	Nodes             int    `json:"nodes" jsonschema_description:"How many nodes the session has gone through."`
}

// ListSessionsOutput is list_sessions' structured result.
type ListSessionsOutput struct {
	Sessions   []SessionRow `json:"sessions" jsonschema_description:"One page of sessions."`
	NextCursor string       `json:"nextCursor,omitempty" jsonschema_description:"Pass as cursor to get the next page; absent on the last page."`
	HasMore    bool         `json:"hasMore" jsonschema_description:"Whether more sessions follow this page."`
	TotalCount *int         `json:"totalCount,omitempty" jsonschema_description:"Number of matching sessions, when includeTotal was set."`
}

// ListSessions lists one page of the account's sessions.
func ListSessions(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool, args := newTool("list_sessions", `List the FaceSign sessions of this API key's account, newest first, one page at a time, with every filter of FaceSign's API: status, client reference, flow, dates, free-text search, sort order. Call it when the user asks about recent, completed, failed or a customer's sessions ("show me the last 10 completed sessions").
Returns one page of sessions (id, status, verdict, created and finished times, client reference) and nextCursor; pass nextCursor back as cursor for the next page while hasMore is true.
Next: call get_session on a session for its full report.`, &listSessionsInput{},
		withOutputOf(&ListSessionsOutput{}),
		// Read-only and idempotent (for a given cursor); reads the FaceSign API.
		annotations("List sessions", true, false, true, true),
	)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in listSessionsInput
		if err := args.bind(req, &in); err != nil {
			return failure("%v", err), nil
		}
		params := facesign.ListParams{
			Limit: in.Limit, Cursor: strings.TrimSpace(in.Cursor),
			ClientReferenceID: strings.TrimSpace(in.ClientReferenceID), FlowID: strings.TrimSpace(in.FlowID),
			Search: strings.TrimSpace(in.Search), SortBy: in.SortBy, SortOrder: in.SortOrder, IncludeTotal: in.IncludeTotal,
		}
		for _, s := range in.Status {
			params.Status = append(params.Status, facesign.Status(s))
		}
		var err error
		if params.FromDate, err = parseDate("fromDate", in.FromDate, false); err != nil {
			return failure("%v", err), nil
		}
		if params.ToDate, err = parseDate("toDate", in.ToDate, true); err != nil {
			return failure("%v", err), nil
		}
		if params.FromDate > 0 && params.ToDate > 0 && params.FromDate > params.ToDate {
			return failure("invalid arguments fromDate and toDate: fromDate (%s) is after toDate (%s); swap them.", in.FromDate, in.ToDate), nil
		}
		client, key, err := d.Client(ctx)
		if err != nil {
			return failure("%v", err), nil
		}
		page, err := client.ListSessions(ctx, params)
		if err != nil {
			return apiFailure("Listing sessions", key, err), nil
		}
		out := ListSessionsOutput{Sessions: make([]SessionRow, 0, len(page.Sessions)), NextCursor: page.NextCursor, HasMore: page.HasMore, TotalCount: page.TotalCount}
		for _, s := range page.Sessions {
			row := SessionRow{ID: s.ID, Status: string(s.Status), Verdict: facesign.VerdictOf(s),
				CreatedAt: fmtTime(s.CreatedAt), ClientReferenceID: s.Settings.ClientReferenceID}
			if s.FinishedAt != nil && !s.FinishedAt.IsZero() {
				row.FinishedAt = fmtTime(*s.FinishedAt)
			}
			if s.Report != nil {
				row.Nodes = len(s.Report.NodeReports)
			}
			out.Sessions = append(out.Sessions, row)
		}
		if !out.HasMore {
			out.NextCursor = ""
		}
		return result(out, renderList(out, key)), nil
	}
}

// parseDate reads a date argument: Unix seconds (or milliseconds above 10^12,
// as the API takes them), RFC 3339, or a bare date (start of day, or end of
// day for an upper bound).
func parseDate(field, s string, endOfDay bool) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n <= 0 {
			return 0, fmt.Errorf("invalid argument %s: %q must be a positive Unix time", field, s)
		}
		return facesign.UnixTime(n).Unix(), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Unix(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if endOfDay {
			t = t.Add(24*time.Hour - time.Second)
		}
		return t.Unix(), nil
	}
	return 0, fmt.Errorf("invalid argument %s: %q is not a date; use 2025-01-31, 2025-01-31T09:00:00Z or Unix seconds", field, s)
}

func renderList(o ListSessionsOutput, key KeyInfo) string {
	var b strings.Builder
	if len(o.Sessions) == 0 {
		fmt.Fprintf(&b, "No sessions match (account of %s, %s).", key.Redacted, key.Environment)
	} else {
		fmt.Fprintf(&b, "%d session(s)", len(o.Sessions))
		if o.TotalCount != nil {
			fmt.Fprintf(&b, " of %d matching", *o.TotalCount)
		}
		fmt.Fprintf(&b, " (account of %s, %s):\n", key.Redacted, key.Environment)
		b.WriteString("| id | status | verdict | created | finished | reference |\n|---|---|---|---|---|---|")
		for _, s := range o.Sessions {
			fmt.Fprintf(&b, "\n| %s | %s | %s | %s | %s | %s |", s.ID, s.Status, s.Verdict, s.CreatedAt, s.FinishedAt, s.ClientReferenceID)
		}
	}
	if o.HasMore {
		fmt.Fprintf(&b, "\n\nMore sessions follow: call list_sessions with cursor %q.", o.NextCursor)
	}
	return b.String()
}

// How often simulate_session looks for webhook delivery attempts while it
// waits for them (at most Deps.DeliveryWait): the sandbox sends them
// asynchronously, right after each status change.
const deliveryInterval = 100 * time.Millisecond

// DeliveryRow is one webhook delivery attempt for the simulated session.
type DeliveryRow struct {
	EndpointURL string `json:"endpointUrl" jsonschema_description:"Receiver URL."`
	EventID     string `json:"eventId" jsonschema_description:"Event id (receivers deduplicate on it)."`
	Attempt     int    `json:"attempt" jsonschema_description:"Attempt number, from 1."`
	State       string `json:"state" jsonschema_description:"pending, delivered, retrying or failed."`
	StatusCode  int    `json:"statusCode" jsonschema_description:"HTTP status the receiver answered; 0 when none."`
	Error       string `json:"error,omitempty" jsonschema_description:"Why the attempt failed, if it did."`
	At          string `json:"at" jsonschema:"format=date-time" jsonschema_description:"When the attempt was made."`
}

// SimulateOutput is simulate_session's structured result.
type SimulateOutput struct {
	SessionID        string                 `json:"sessionId" jsonschema_description:"The sandbox session that ran (for get_session)."`
	Created          bool                   `json:"created" jsonschema_description:"True when a new session was created from the flow."`
	Status           string                 `json:"status" jsonschema_description:"Final session status."`
	Verdict          string                 `json:"verdict" jsonschema:"enum=pending,enum=in_progress,enum=canceled,enum=verified,enum=not_verified,enum=completed" jsonschema_description:"How it ended."`
	Summary          string                 `json:"summary" jsonschema_description:"What happened, in a few sentences."`
	Path             []facesign.PathStep    `json:"path" jsonschema_description:"The nodes in the order the session went through them."`
	Nodes            []facesign.NodeOutcome `json:"nodes" jsonschema_description:"Each node's outcome from the report, in path order."`
	Report           *facesign.Report       `json:"report,omitempty" jsonschema_description:"The session's report: transcript, nodeReports, livenessDetected, isVerified, extractedData… (sandbox: true)."`
	WebhookEndpoints int                    `json:"webhookEndpoints" jsonschema_description:"Webhook endpoints registered for the account; each gets every status change."`
	Deliveries       []DeliveryRow          `json:"deliveries" jsonschema_description:"Webhook delivery attempts for this session."`
	// Settings are the avatar and language ids the created session got from
	// the current flow's settings (build_flow), when it has any.
	Settings *flowbuild.SessionSettings `json:"settings,omitempty" jsonschema_description:"The avatar and language ids the created session got from the current flow's settings (build_flow's avatar and langs), when it has any."`
	// Questions ask about an avatar or language named for this flow that
	// matched several or none of the account's (left out meanwhile).
	Questions []flowbuild.Question `json:"questions,omitempty" jsonschema_description:"An avatar or language named for this flow that matched several or none of the account's: ask the user, then call build_flow with avatar or langs."`
}

// SimulateSession runs a sandbox session to its end without a browser.
func SimulateSession(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool, args := newTool("simulate_session", `Run a FaceSign session to its end in the sandbox, without a browser or camera, choosing what each step decides. Call it to try a flow ("simulate it with the liveness check failing"), to test every branch before deploying, or to produce webhook deliveries for an app under development. Sandbox only: with a production key it refuses.
It creates a sandbox session from flow (default: the session's current flow) or takes the existing sandbox session sessionId, then runs it: each node takes the outcome named in outcomes, or else its success outcome.
Returns the session id, the path taken (node, type, outcome), each node's outcome, the verdict, the report and the webhook deliveries made for the session.
Next: explain the path and verdict; simulate other branches (e.g. outcomes {"<liveness node id>": "deepfakeDetected"}); get_session shows the full session.`, &simulateSessionInput{},
		withOutputOf(&SimulateOutput{}),
		// Writes: it creates and completes a sandbox session. Not destructive:
		// only adds. Not idempotent: every call runs a new session. Open world:
		// it calls the FaceSign (sandbox) API, which sends webhooks out.
		annotations("Simulate a session", false, false, false, true),
	)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in simulateSessionInput
		if err := args.bind(req, &in); err != nil {
			return failure("%v", err), nil
		}
		in.SessionID = strings.TrimSpace(in.SessionID)
		if hasValue(json.RawMessage(in.Flow)) && in.SessionID != "" {
			return failure("Pass either flow (to create a new sandbox session) or sessionId (to run an existing one), not both."), nil
		}
		client, key, err := d.Client(ctx)
		if err != nil {
			return failure("%v", err), nil
		}
		if key.Environment != facesign.EnvSandbox {
			return failure("simulate_session runs only in the sandbox, and the key in use (%s, from %s) is a production key: simulating would create sessions for real users' accounts. Call set_api_key with an sk_test_ key to simulate; get_session and list_sessions work with production keys.", key.Redacted, describeSource(key.Source)), nil
		}

		p := NewProgress(ctx, req, 4)
		var fl flow.Flow
		var applied *flowbuild.SessionSettings
		var questions []flowbuild.Question
		created := false
		sessionID := in.SessionID
		if sessionID == "" {
			switch {
			case hasValue(json.RawMessage(in.Flow)):
				if fl, err = decodeFlowArgument(json.RawMessage(in.Flow)); err != nil {
					return failure("%v. Pass the flow as a JSON array of nodes, or leave it out to use the current flow.", err), nil
				}
			default:
				if fl = d.State(ctx).Flow(); fl == nil {
					return failure("There is no flow to simulate: pass one in flow, or build one first with build_flow (or pass the sessionId of an existing sandbox session)."), nil
				}
			}
			if probs := flow.Validate(fl); flow.HasErrors(probs) {
				return failure("%s", renderProblemsFailure("The flow cannot be simulated", probs)), nil
			}
		}
		if fl != nil {
			if msg := checkOutcomes(fl, in.Outcomes, in.Replies); msg != "" {
				return failure("%s", msg), nil
			}
			p.Report(1, "creating a sandbox session")
			fs := facesign.Settings{
				Flow:     fl,
				Metadata: map[string]string{"createdBy": "simulate_session"},
			}
			set := d.State(ctx).Settings()
			if !set.Resolved && !set.empty() {
				if r, qs, ok := d.resolveForSession(ctx, set); ok {
					d.State(ctx).SetSettings(r)
					set, questions = r, qs
				}
			}
			set.apply(&fs)
			if fs.AvatarID != "" || len(fs.Langs) > 0 {
				applied = &flowbuild.SessionSettings{AvatarID: fs.AvatarID, Langs: fs.Langs}
			}
			resp, err := client.CreateSession(ctx, fs)
			if err != nil {
				return apiFailure("Creating the sandbox session", key, err), nil
			}
			sessionID, created = resp.Session.ID, true
		} else {
			p.Report(1, "fetching session "+sessionID)
			got, err := client.GetSession(ctx, sessionID)
			if err != nil {
				if facesign.IsNotFound(err) {
					return failure("No session with id %q in the sandbox account of %s. Leave sessionId out to create a new session from the current flow.", sessionID, key.Redacted), nil
				}
				return apiFailure("Fetching session "+sessionID, key, err), nil
			}
			if got.Session.Status == facesign.StatusComplete || got.Session.Status == facesign.StatusCanceled {
				return failure("Session %s has already ended (%s); a session runs once. Leave sessionId out to run a new session of the same flow.", sessionID, got.Session.Status), nil
			}
			if msg := checkOutcomes(got.Session.Settings.Flow, in.Outcomes, in.Replies); msg != "" {
				return failure("%s", msg), nil
			}
		}

		p.Report(2, "running session "+sessionID)
		sim, err := client.Simulate(ctx, sessionID, facesign.SimulateRequest{Outcomes: in.Outcomes, Replies: in.Replies, Inputs: in.Inputs})
		if err != nil {
			return apiFailure("Simulating session "+sessionID, key, err), nil
		}
		LogToClient(ctx, mcp.LoggingLevelInfo, "simulated sandbox session", "sessionId", sessionID, "status", string(sim.Session.Status))

		p.Report(3, "collecting webhook deliveries")
		endpoints, deliveries, err := waitDeliveries(ctx, client, sessionID, d.DeliveryWait)
		if err != nil {
			return apiFailure("Reading webhook deliveries", key, err), nil
		}
		p.Report(4, "done")

		sum := facesign.Summarize(sim.Session)
		out := SimulateOutput{
			SessionID: sessionID, Created: created, Status: string(sim.Session.Status), Verdict: sum.Verdict,
			Summary: sum.Text, Path: nonNil(sim.Path), Nodes: sum.Nodes, Report: sim.Session.Report,
			WebhookEndpoints: endpoints, Deliveries: deliveries, Settings: applied, Questions: questions,
		}
		res := result(out, renderSimulation(out))
		d.attachView(ctx, res, appView{Title: "FaceSign simulated session " + sessionID, SessionID: sessionID, Flow: sim.Session.Settings.Flow, Summary: &sum, Path: sim.Path})
		return res, nil
	}
}

// checkOutcomes catches the usual mistakes in outcomes and replies before the
// sandbox sees them: a node id that is not in the flow, an outcome the node
// does not have. The message lists what would have been right.
func checkOutcomes(fl flow.Flow, outcomes, replies map[string]string) string {
	if len(fl) == 0 {
		return ""
	}
	ids := make([]string, 0, len(fl))
	for _, n := range fl {
		ids = append(ids, n.ID)
	}
	for _, id := range sortedKeys(outcomes) {
		n := fl.Node(id)
		if n == nil {
			return fmt.Sprintf("invalid argument outcomes.%s: the flow has no node %q. Its nodes are: %s.", id, id, strings.Join(ids, ", "))
		}
		allowed := nodeOutcomes(n)
		if len(allowed) == 0 {
			return fmt.Sprintf("invalid argument outcomes.%s: a %s node has no outcomes to choose.", id, n.Type)
		}
		if !slices.Contains(allowed, outcomes[id]) {
			return fmt.Sprintf("invalid argument outcomes.%s: %q is not an outcome of this %s node; choose one of: %s.", id, outcomes[id], n.Type, strings.Join(allowed, ", "))
		}
	}
	for _, id := range sortedKeys(replies) {
		n := fl.Node(id)
		if n == nil {
			return fmt.Sprintf("invalid argument replies.%s: the flow has no node %q. Its nodes are: %s.", id, id, strings.Join(ids, ", "))
		}
		if n.Type != flow.TypeConversation {
			return fmt.Sprintf("invalid argument replies.%s: replies go to conversation nodes, and %s is a %s node.", id, id, n.Type)
		}
	}
	return ""
}

// nodeOutcomes lists the outcomes the node actually has, the rule the sandbox's
// runner applies: an optional outcome of the type (liveness's inconclusive) that
// this node does not define cannot be forced.
func nodeOutcomes(n *flow.Node) []string {
	out := make([]string, 0, len(n.Outcomes))
	for _, o := range n.Outcomes {
		out = append(out, o.ID)
	}
	return out
}

// waitDeliveries collects the webhook delivery attempts for a session. The
// sandbox attempts them asynchronously right after each status change, so it
// polls briefly, for at most wait, until every endpoint has an attempt for
// the session and none is still pending.
func waitDeliveries(ctx context.Context, c *facesign.Client, sessionID string, wait time.Duration) (int, []DeliveryRow, error) {
	endpoints, err := c.ListWebhooks(ctx)
	if err != nil {
		return 0, nil, err
	}
	rows := []DeliveryRow{}
	if len(endpoints) == 0 {
		return 0, rows, nil
	}
	deadline := time.Now().Add(wait)
	for {
		rows = rows[:0]
		settled := true
		for _, ep := range endpoints {
			ds, err := c.Deliveries(ctx, ep.ID)
			if err != nil {
				return len(endpoints), nil, err
			}
			n := 0
			for _, dl := range ds {
				if dl.SessionID != sessionID {
					continue
				}
				n++
				if dl.State == "pending" {
					settled = false
				}
				rows = append(rows, DeliveryRow{EndpointURL: ep.URL, EventID: dl.EventID, Attempt: dl.Attempt, State: dl.State,
					StatusCode: dl.StatusCode, Error: dl.Error, At: fmtTime(dl.CreatedAt)})
			}
			if n == 0 {
				settled = false
			}
		}
		if settled || time.Now().After(deadline) {
			return len(endpoints), rows, nil
		}
		select {
		case <-ctx.Done():
			return len(endpoints), rows, nil
		case <-time.After(deliveryInterval):
		}
	}
}

func renderSimulation(o SimulateOutput) string {
	var b strings.Builder
	verb := "Ran"
	if o.Created {
		verb = "Created and ran"
	}
	fmt.Fprintf(&b, "%s sandbox session %s: %s (verdict: %s).\n%s", verb, o.SessionID, o.Status, o.Verdict, o.Summary)
	if len(o.Path) > 0 {
		b.WriteString("\n\nPath:")
		for _, s := range o.Path {
			fmt.Fprintf(&b, "\n- %s (%s)", s.NodeID, s.Type)
			if s.Outcome != "" {
				fmt.Fprintf(&b, " → %s", s.Outcome)
			}
		}
	}
	writeNodes(&b, o.Nodes)
	if o.Settings != nil {
		fmt.Fprintf(&b, "\n\nSession settings applied: avatar %s, languages %s.", cmp.Or(o.Settings.AvatarID, "FaceSign's default"), cmp.Or(strings.Join(o.Settings.Langs, ", "), "the default"))
	}
	for _, q := range o.Questions {
		b.WriteString("\n\nQuestion for the user: " + q.Text)
	}
	switch {
	case o.WebhookEndpoints == 0:
		b.WriteString("\n\nWebhooks: no endpoint is registered for this sandbox account, so none were sent (register one with `facesign-mcp sandbox --webhook URL` or the sandbox's POST /webhooks).")
	case len(o.Deliveries) == 0:
		fmt.Fprintf(&b, "\n\nWebhooks: %d endpoint(s) registered; no delivery attempt yet for this session.", o.WebhookEndpoints)
	default:
		fmt.Fprintf(&b, "\n\nWebhook deliveries (%d endpoint(s)):", o.WebhookEndpoints)
		for _, dl := range o.Deliveries {
			fmt.Fprintf(&b, "\n- %s event %s attempt %d: %s (HTTP %d)", dl.EndpointURL, dl.EventID, dl.Attempt, dl.State, dl.StatusCode)
			if dl.Error != "" {
				b.WriteString(" " + dl.Error)
			}
		}
	}
	return b.String()
}
