package facesign

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Verdict is one word for how a session ended, derived from its status and
// report: what a tool, the preview and an exported app's decision read first.
type Verdict = string

// The verdicts, in the order a session can reach them.
const (
	VerdictPending    Verdict = "pending"      // created, not started
	VerdictInProgress Verdict = "in_progress"  // the user is in the flow
	VerdictCanceled   Verdict = "canceled"     // the user left, or it expired unused
	VerdictVerified   Verdict = "verified"     // complete, every check passed
	VerdictFailed     Verdict = "not_verified" // complete, a check failed
	VerdictCompleted  Verdict = "completed"    // complete, no verification verdict
)

// Verdicts lists every verdict, for schemas and exhaustive tests.
func Verdicts() []Verdict {
	return []Verdict{VerdictPending, VerdictInProgress, VerdictCanceled, VerdictVerified, VerdictFailed, VerdictCompleted}
}

// NodeOutcome is how one node of a session ended.
type NodeOutcome struct {
	NodeID  string `json:"nodeId" jsonschema_description:"Node id."`
	Type    string `json:"type" jsonschema_description:"Node type."`
	Outcome string `json:"outcome" jsonschema_description:"The outcome the node took (for conversation and data_validation: the outcome id, mapped from FaceSign's target node id)."`
	// Success is true when the node took its success outcome (the first one).
	Success bool   `json:"success" jsonschema_description:"Whether that is the node's success outcome."`
	Detail  string `json:"detail,omitempty" jsonschema_description:"What the node found (recognised name, similarity, document fields, email…), when it reports something."`
}

// SessionSummary is the short human view of a session.
type SessionSummary struct {
	Status  string        `json:"status" jsonschema:"enum=requiresInput,enum=processing,enum=complete,enum=canceled" jsonschema_description:"Session status."`
	Verdict Verdict       `json:"verdict" jsonschema:"enum=pending,enum=in_progress,enum=canceled,enum=verified,enum=not_verified,enum=completed" jsonschema_description:"pending (not started), in_progress, canceled, verified, not_verified (a check failed), completed (finished, no verification verdict)."`
	Text    string        `json:"text" jsonschema_description:"The summary in a few sentences."`
	Path    []string      `json:"path" jsonschema_description:"Node ids in the order the session went through them."`
	Nodes   []NodeOutcome `json:"nodes" jsonschema_description:"Each node's outcome, in path order."`
}

// Summarize derives a session's status, the path it took, each node's outcome
// and its verdict, with a few sentences a person can read.
func Summarize(s Session) SessionSummary {
	sum := SessionSummary{Status: string(s.Status), Path: []string{}, Nodes: []NodeOutcome{}}
	failedAt := ""
	if s.Report != nil {
		for _, nr := range s.Report.NodeReports {
			no := NodeOutcome{NodeID: nr.NodeID, Type: string(nr.Type), Detail: reportDetail(nr)}
			no.Outcome, no.Success = readOutcome(s.Settings.Flow, nr)
			sum.Path = append(sum.Path, nr.NodeID)
			sum.Nodes = append(sum.Nodes, no)
			if failedAt == "" && failing(nr, no.Success) {
				failedAt = fmt.Sprintf("%s (%s) ended with %s", nr.NodeID, nr.Type, no.Outcome)
			}
		}
	}
	sum.Verdict = verdictOf(s, failedAt != "")

	var b strings.Builder
	switch sum.Verdict {
	case VerdictPending:
		b.WriteString("The session was created but the user has not started it yet.")
	case VerdictInProgress:
		b.WriteString("The session is in progress.")
	case VerdictCanceled:
		b.WriteString("The session was canceled: the user left, or it expired unused.")
	case VerdictVerified:
		b.WriteString("The session completed and the user passed every check.")
	case VerdictFailed:
		b.WriteString("The session completed but the user did NOT pass verification")
		if failedAt != "" {
			b.WriteString(": " + failedAt)
		}
		b.WriteString(".")
	default:
		b.WriteString("The session completed.")
	}
	if len(sum.Path) > 0 {
		fmt.Fprintf(&b, " It went through %d nodes: %s.", len(sum.Path), strings.Join(sum.Path, " → "))
	}
	if s.Report != nil && s.Report.LivenessDetected != nil {
		if *s.Report.LivenessDetected {
			b.WriteString(" Liveness was detected.")
		} else {
			b.WriteString(" Liveness was NOT detected.")
		}
	}
	if s.Report != nil && s.Report.Sandbox {
		b.WriteString(" (Sandbox session: verdicts come from the sandbox's simulated models.)")
	}
	sum.Text = b.String()
	return sum
}

// failing reports whether a node report counts against the user: any node
// but a conversation (whose outcomes are branches, not checks) that did not
// take its success outcome.
func failing(nr NodeReport, success bool) bool {
	return !success && nr.Type != flow.TypeConversation
}

// verdictOf is the one-word verdict of a session; failed says whether a node
// failed (see failing).
func verdictOf(s Session, failed bool) Verdict {
	switch s.Status {
	case StatusRequiresInput:
		return VerdictPending
	case StatusProcessing:
		return VerdictInProgress
	case StatusCanceled:
		return VerdictCanceled
	case StatusComplete:
		switch {
		case s.Report != nil && s.Report.IsVerified != nil && *s.Report.IsVerified:
			return VerdictVerified
		case s.Report != nil && s.Report.IsVerified != nil:
			return VerdictFailed
		case failed:
			return VerdictFailed
		case s.Report != nil && len(s.Report.NodeReports) > 0:
			return VerdictVerified
		}
	}
	return VerdictCompleted
}

// VerdictOf is Summarize(s).Verdict without the rest of the summary, for
// lists that need only that word for each row.
func VerdictOf(s Session) Verdict {
	failed := false
	if s.Report != nil {
		for _, nr := range s.Report.NodeReports {
			if _, ok := readOutcome(s.Settings.Flow, nr); failing(nr, ok) {
				failed = true
				break
			}
		}
	}
	return verdictOf(s, failed)
}

// readOutcome names the outcome a node report took and whether it is the
// node's success outcome. FaceSign reports list outcomes (conversation,
// data_validation) by their target node id; the flow maps it back to the
// outcome's id.
func readOutcome(fl flow.Flow, nr NodeReport) (string, bool) {
	info, known := flow.Info(nr.Type)
	node := fl.Node(nr.NodeID)
	if known && info.Shape == flow.ShapeList {
		if node == nil || len(node.Outcomes) == 0 {
			return nr.Outcome, true
		}
		for i, o := range node.Outcomes {
			if o.Target == nr.Outcome || o.ID == nr.Outcome {
				return o.ID, i == 0
			}
		}
		return nr.Outcome, false
	}
	if known && info.Shape == flow.ShapeMap {
		return nr.Outcome, nr.Outcome == info.SuccessOutcome()
	}
	return nr.Outcome, true
}

// reportDetail is a one-line reading of a node's own report.
func reportDetail(nr NodeReport) string {
	if len(nr.Report) == 0 {
		return ""
	}
	keys := slices.Sorted(maps.Keys(nr.Report))
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		v := nr.Report[k]
		switch x := v.(type) {
		case nil:
			continue
		case map[string]any, []any:
			b, _ := json.Marshal(x)
			if len(b) > 120 {
				b = append(b[:117], "..."...)
			}
			parts = append(parts, k+"="+string(b))
		default:
			parts = append(parts, fmt.Sprintf("%s=%v", k, x))
		}
	}
	return strings.Join(parts, ", ")
}
