package preview

import (
	"strings"

	"github.com/facesign/facesign-mcp/facesign"
	flow "github.com/facesign/facesign-mcp/flowbuild"
)

// Verdicts, as get_session words them.
const (
	VerdictPending    = "pending"
	VerdictInProgress = "in_progress"
	VerdictVerified   = "verified"
	VerdictFailed     = "failed"
	VerdictCanceled   = "canceled"
	VerdictCompleted  = "completed"
)

// Step is one node a session went through and the outcome it took (by the
// outcome's id, whatever spelling the report used).
type Step struct {
	NodeID  string `json:"nodeId"`
	Type    string `json:"type"`
	Outcome string `json:"outcome"`
	Success bool   `json:"success"`
}

// Summary is what the page shows of a session.
type Summary struct {
	SessionID   string               `json:"sessionId"`
	Status      string               `json:"status"`
	Verdict     string               `json:"verdict"`
	Path        []Step               `json:"path"`
	Transcript  []Line               `json:"transcript"`
	AI          *facesign.AIAnalysis `json:"aiAnalysis,omitempty"`
	Liveness    *bool                `json:"livenessDetected,omitempty"`
	Screenshots []string             `json:"screenshots,omitempty"`
	Sandbox     bool                 `json:"sandbox"`
	Ended       bool                 `json:"ended"`
}

// Line is one line of the transcript.
type Line struct {
	Avatar bool   `json:"avatar"`
	Text   string `json:"text"`
}

// summarize reads a session: its path with each node's outcome, and its
// verdict (a check that did not take its success outcome fails it; a report's
// isVerified wins).
func summarize(s facesign.Session) Summary {
	sum := Summary{SessionID: s.ID, Status: string(s.Status), Path: []Step{}, Transcript: []Line{}}
	failed := false
	if r := s.Report; r != nil {
		for _, nr := range r.NodeReports {
			st := Step{NodeID: nr.NodeID, Type: string(nr.Type)}
			st.Outcome, st.Success = outcomeOf(s.Settings.Flow, nr)
			if !st.Success && nr.Type != flow.TypeConversation {
				failed = true
			}
			sum.Path = append(sum.Path, st)
		}
		for _, l := range r.Transcript {
			sum.Transcript = append(sum.Transcript, Line{Avatar: l.IsAvatar, Text: l.Text})
		}
		sum.AI, sum.Liveness, sum.Screenshots, sum.Sandbox = r.AIAnalysis, r.LivenessDetected, r.Screenshots, r.Sandbox
	}
	switch s.Status {
	case facesign.StatusRequiresInput:
		sum.Verdict = VerdictPending
	case facesign.StatusProcessing:
		sum.Verdict = VerdictInProgress
	case facesign.StatusCanceled:
		sum.Verdict, sum.Ended = VerdictCanceled, true
	case facesign.StatusComplete:
		sum.Ended = true
		switch {
		case s.Report != nil && s.Report.IsVerified != nil:
			sum.Verdict = map[bool]string{true: VerdictVerified, false: VerdictFailed}[*s.Report.IsVerified]
		case failed:
			sum.Verdict = VerdictFailed
		case len(sum.Path) > 0:
			sum.Verdict = VerdictVerified
		default:
			sum.Verdict = VerdictCompleted
		}
	default:
		sum.Verdict = VerdictCompleted
	}
	return sum
}

// outcomeOf names the outcome a node report took, by the outcome's id, and
// whether it is the node's success outcome. FaceSign reports list outcomes
// (conversation, data_validation) by their target node id.
func outcomeOf(f flow.Flow, nr facesign.NodeReport) (string, bool) {
	n := f.Node(nr.NodeID)
	if n == nil {
		return nr.Outcome, true
	}
	name := nr.Outcome
	if _, ok := n.Outcome(name); !ok {
		for _, o := range n.Edges() {
			if o.Target == nr.Outcome {
				name = o.ID
				break
			}
		}
	}
	info, known := flow.Info(n.Type)
	if !known || info.Shape == flow.ShapeList || n.Type == flow.TypeStart {
		return name, true // a branch, not a check
	}
	return name, name == info.SuccessOutcome()
}

// Branch is one complete path through the flow and whether a session of this
// preview took it.
type Branch struct {
	Index  int
	Steps  []flow.Step
	Ending string // the last node before the end, for a short name
	Taken  bool
	By     string // the session that took it first
}

// Label is the path as "a → b (outcome) → …", for buttons and tables.
func (b Branch) Label() string {
	parts := make([]string, 0, len(b.Steps))
	for _, s := range b.Steps {
		if s.Outcome != "" && s.Type != flow.TypeStart {
			parts = append(parts, s.NodeID+" ("+s.Outcome+")")
		} else if s.Type != flow.TypeStart {
			parts = append(parts, s.NodeID)
		}
	}
	return strings.Join(parts, " → ")
}

// Outcomes are what simulate needs to walk the branch: node id → outcome.
func (b Branch) Outcomes() map[string]string {
	out := map[string]string{}
	for _, s := range b.Steps {
		if s.Outcome != "" && s.Type != flow.TypeStart {
			out[s.NodeID] = s.Outcome
		}
	}
	return out
}

// coverage matches the preview's finished sessions against the flow's
// complete paths.
func (p *Preview) coverage() []Branch {
	hist := p.history()
	out := make([]Branch, len(p.paths.Complete))
	for i, steps := range p.paths.Complete {
		out[i] = Branch{Index: i, Steps: steps}
		for k := len(hist) - 1; k >= 0; k-- { // oldest first
			if sum := hist[k].Summary; sum != nil && samePath(steps, sum.Path) {
				out[i].Taken, out[i].By = true, hist[k].ID
				break
			}
		}
	}
	return out
}

// samePath: the session went through the branch's nodes taking its outcomes
// (the start node is not reported; the end node takes no outcome).
func samePath(branch []flow.Step, taken []Step) bool {
	var want []flow.Step
	for _, s := range branch {
		if s.Type != flow.TypeStart {
			want = append(want, s)
		}
	}
	var got []Step
	for _, s := range taken {
		if s.Type != string(flow.TypeStart) {
			got = append(got, s)
		}
	}
	// Reports may or may not include the end node.
	if len(got) == len(want)-1 && len(want) > 0 && want[len(want)-1].Type == flow.TypeEnd {
		want = want[:len(want)-1]
	}
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		if want[i].NodeID != got[i].NodeID || (want[i].Outcome != "" && want[i].Outcome != got[i].Outcome) {
			return false
		}
	}
	return true
}
