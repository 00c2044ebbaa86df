package facesign

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// wireFlow is the contract's wire-transfer sample (the flow package's copy).
func wireFlow(t *testing.T) flow.Flow {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "flowbuild", "flow", "testdata", "flows", "wire-transfer.json"))
	require.NoError(t, err)
	f, err := flow.Decode(raw)
	require.NoError(t, err)
	return f
}

func nodeReport(typ flow.NodeType, id, outcome string) NodeReport {
	return NodeReport{Type: typ, NodeID: id, Outcome: outcome}
}

// Every verdict, and the list shortcut (VerdictOf) agreeing with
// the full summary on each: the two must never tell a user different
// things about the same session.
func TestVerdicts(t *testing.T) {
	fl := wireFlow(t)
	var convNode *flow.Node
	for i := range fl {
		if fl[i].Type == flow.TypeConversation && len(fl[i].Outcomes) > 1 {
			convNode = &fl[i]
			break
		}
	}
	require.NotNil(t, convNode, "the wire-transfer flow has a branching conversation")
	yes, no := true, false
	report := func(verified *bool, nodes ...NodeReport) *Report {
		return &Report{IsVerified: verified, NodeReports: nodes}
	}
	passedLiveness := nodeReport(flow.TypeLiveness, "liveness", "livenessDetected")
	failedLiveness := nodeReport(flow.TypeLiveness, "liveness", "noFace")
	// A conversation's other branch is a path, not a failed check.
	otherBranch := nodeReport(flow.TypeConversation, convNode.ID, convNode.Outcomes[1].Target)

	tests := []struct {
		name   string
		status Status
		report *Report
		want   string
	}{
		{"not started", StatusRequiresInput, nil, VerdictPending},
		{"running", StatusProcessing, report(nil, passedLiveness), VerdictInProgress},
		{"canceled", StatusCanceled, nil, VerdictCanceled},
		{"API says verified", StatusComplete, report(&yes, failedLiveness), VerdictVerified},
		{"API says not verified", StatusComplete, report(&no, passedLiveness), VerdictFailed},
		{"a check failed", StatusComplete, report(nil, passedLiveness, failedLiveness), VerdictFailed},
		{"every check passed", StatusComplete, report(nil, passedLiveness), VerdictVerified},
		{"another conversation branch", StatusComplete, report(nil, otherBranch, passedLiveness), VerdictVerified},
		{"finished without nodes", StatusComplete, report(nil), VerdictCompleted},
		{"finished without report", StatusComplete, nil, VerdictCompleted},
		{"unknown status", Status("archived"), nil, VerdictCompleted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Session{ID: "ses_1", Status: tc.status, Report: tc.report}
			s.Settings.Flow = fl
			assert.Equal(t, tc.want, Summarize(s).Verdict)
			assert.Equal(t, tc.want, VerdictOf(s), "list_sessions' verdict")
		})
	}
}

func TestSummarizeOutcomes(t *testing.T) {
	fl := wireFlow(t)
	var n *flow.Node
	for i := range fl {
		if fl[i].Type == flow.TypeConversation {
			n = &fl[i]
			break
		}
	}
	require.NotNil(t, n)
	require.NotEmpty(t, n.Outcomes)
	outcome, ok := readOutcome(fl, nodeReport(flow.TypeConversation, n.ID, n.Outcomes[0].Target))
	assert.Equal(t, n.Outcomes[0].ID, outcome, "a list outcome reported by target id maps back to its id")
	assert.True(t, ok)
	if len(n.Outcomes) > 1 {
		outcome, ok = readOutcome(fl, nodeReport(flow.TypeConversation, n.ID, n.Outcomes[1].Target))
		assert.Equal(t, n.Outcomes[1].ID, outcome)
		assert.False(t, ok)
	}
	outcome, ok = readOutcome(fl, nodeReport(flow.TypeLiveness, "x", "noFace"))
	assert.Equal(t, "noFace", outcome)
	assert.False(t, ok)
}

// The summary names the path taken and the node that failed, in words.
func TestSummarizeText(t *testing.T) {
	fl := wireFlow(t)
	no := false
	s := Session{ID: "ses_1", Status: StatusComplete, Report: &Report{IsVerified: &no, LivenessDetected: &no, NodeReports: []NodeReport{
		nodeReport(flow.TypeLiveness, "liveness", "noFace"),
	}}}
	s.Settings.Flow = fl
	sum := Summarize(s)
	assert.Equal(t, VerdictFailed, sum.Verdict)
	assert.Equal(t, []string{"liveness"}, sum.Path)
	assert.Contains(t, sum.Text, "did NOT pass verification: liveness (liveness_detection) ended with noFace")
	assert.Contains(t, sum.Text, "Liveness was NOT detected.")
	require.Len(t, sum.Nodes, 1)
	assert.False(t, sum.Nodes[0].Success)
}
