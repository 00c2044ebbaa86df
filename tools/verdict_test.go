package tools

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild"
)

// Every verdict, and list_sessions' shortcut (sessionVerdict) agreeing with
// get_session's summary on each: the two must never tell a user different
// things about the same session.
func TestVerdicts(t *testing.T) {
	flow, _ := wireFlow(t)
	var convNode *flowbuild.Node
	for i := range flow {
		if flow[i].Type == flowbuild.TypeConversation && len(flow[i].Outcomes) > 1 {
			convNode = &flow[i]
			break
		}
	}
	require.NotNil(t, convNode, "the wire-transfer flow has a branching conversation")
	yes, no := true, false
	report := func(verified *bool, nodes ...facesign.NodeReport) *facesign.Report {
		return &facesign.Report{IsVerified: verified, NodeReports: nodes}
	}
	passedLiveness := facesignNodeReport(flowbuild.TypeLiveness, "liveness", "livenessDetected")
	failedLiveness := facesignNodeReport(flowbuild.TypeLiveness, "liveness", "noFace")
	// A conversation's other branch is a path, not a failed check.
	otherBranch := facesignNodeReport(flowbuild.TypeConversation, convNode.ID, convNode.Outcomes[1].Target)

	tests := []struct {
		name   string
		status facesign.Status
		report *facesign.Report
		want   string
	}{
		{"not started", facesign.StatusRequiresInput, nil, verdictPending},
		{"running", facesign.StatusProcessing, report(nil, passedLiveness), verdictInProgress},
		{"canceled", facesign.StatusCanceled, nil, verdictCanceled},
		{"API says verified", facesign.StatusComplete, report(&yes, failedLiveness), verdictVerified},
		{"API says not verified", facesign.StatusComplete, report(&no, passedLiveness), verdictFailed},
		{"a check failed", facesign.StatusComplete, report(nil, passedLiveness, failedLiveness), verdictFailed},
		{"every check passed", facesign.StatusComplete, report(nil, passedLiveness), verdictVerified},
		{"another conversation branch", facesign.StatusComplete, report(nil, otherBranch, passedLiveness), verdictVerified},
		{"finished without nodes", facesign.StatusComplete, report(nil), verdictCompleted},
		{"finished without report", facesign.StatusComplete, nil, verdictCompleted},
		{"unknown status", facesign.Status("archived"), nil, verdictCompleted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := facesign.Session{ID: "ses_1", Status: tc.status, Report: tc.report}
			s.Settings.Flow = flow
			assert.Equal(t, tc.want, summarize(s).Verdict)
			assert.Equal(t, tc.want, sessionVerdict(s), "list_sessions' verdict")
		})
	}
}
