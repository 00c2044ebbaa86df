package preview

import (
	"strings"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Summary is what the page shows of a session: facesign's summary (status,
// verdict, each node's outcome, in path order) and the report's parts the
// page draws.
type Summary struct {
	SessionID   string                 `json:"sessionId"`
	Status      string                 `json:"status"`
	Verdict     facesign.Verdict       `json:"verdict"`
	Text        string                 `json:"text"`
	Path        []facesign.NodeOutcome `json:"path"`
	Transcript  []Line                 `json:"transcript"`
	AI          *facesign.AIAnalysis   `json:"aiAnalysis,omitempty"`
	Liveness    *bool                  `json:"livenessDetected,omitempty"`
	Screenshots []string               `json:"screenshots,omitempty"`
	Sandbox     bool                   `json:"sandbox"`
	Ended       bool                   `json:"ended"`
}

// Line is one line of the transcript.
type Line struct {
	Avatar bool   `json:"avatar"`
	Text   string `json:"text"`
}

func summarize(s facesign.Session) Summary {
	fs := facesign.Summarize(s)
	sum := Summary{SessionID: s.ID, Status: fs.Status, Verdict: fs.Verdict, Text: fs.Text, Path: fs.Nodes, Transcript: []Line{},
		Ended: s.Status == facesign.StatusComplete || s.Status == facesign.StatusCanceled}
	if r := s.Report; r != nil {
		for _, l := range r.Transcript {
			sum.Transcript = append(sum.Transcript, Line{Avatar: l.IsAvatar, Text: l.Text})
		}
		sum.AI, sum.Liveness, sum.Screenshots, sum.Sandbox = r.AIAnalysis, r.LivenessDetected, r.Screenshots, r.Sandbox
	}
	return sum
}

// Branch is one complete path through the flow and whether a session of this
// preview took it.
type Branch struct {
	Index  int
	Steps  []flow.PathStep
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
func samePath(branch []flow.PathStep, taken []facesign.NodeOutcome) bool {
	var want []flow.PathStep
	for _, s := range branch {
		if s.Type != flow.TypeStart {
			want = append(want, s)
		}
	}
	var got []facesign.NodeOutcome
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
