package runner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// verificationTypes are the nodes whose outcome says something about who the
// user is; isVerified needs every one visited to have taken its success outcome.
var verificationTypes = map[flow.NodeType]bool{
	flow.TypeLiveness: true, flow.TypeRecognition: true, flow.TypeFaceScan: true,
	flow.TypeFaceCompare: true, flow.TypeDocumentScan: true, flow.TypeTwoFactorEmail: true,
	flow.TypeTwoFactorSMS: true, flow.TypeDataValidation: true,
}

// Verified says whether the session is verified: it is complete, every
// verification node it went through took its success outcome (the first of the
// type's outcomes; a data_validation's first list outcome), and it went through
// every verification node on the flow's success path (start, then each node's
// success outcome, a list's first outcome). A refused transfer that skipped its
// OTP is not verified, even though its liveness check passed.
func (st *State) Verified() bool {
	if st.Status != facesign.StatusComplete {
		return false
	}
	visited := map[string]bool{}
	for _, p := range st.Path {
		if !verificationTypes[p.Type] {
			continue
		}
		if p.Outcome != st.successOutcome(p.NodeID, p.Type) {
			return false
		}
		visited[p.NodeID] = true
	}
	if len(visited) == 0 {
		return false
	}
	// A success path that breaks off (it loops, say) still counts as far as it goes.
	ids, _ := flow.SuccessPath(st.Flow)
	for _, id := range ids {
		if n := st.Flow.Node(id); n != nil && verificationTypes[n.Type] && !visited[id] {
			return false
		}
	}
	return true
}

func (st *State) successOutcome(nodeID string, t flow.NodeType) string {
	if t == flow.TypeDataValidation {
		if n := st.Flow.Node(nodeID); n != nil && len(n.Outcomes) > 0 {
			return n.Outcomes[0].ID
		}
		return ""
	}
	info, _ := flow.Info(t)
	return info.SuccessOutcome()
}

// Report is the session's report as it stands: nil before the session started,
// partial while it runs, final once it is complete or canceled.
func (st *State) Report() *facesign.Report {
	if st.StartedAt == nil {
		return nil
	}
	r := &facesign.Report{
		Transcript:  slices.Clone(st.Transcript),
		NodeReports: slices.Clone(st.NodeReports),
		Screenshots: slices.Clone(st.Screenshots),
		Lang:        st.Lang,
		Sandbox:     true,
	}
	if r.Transcript == nil {
		r.Transcript = []facesign.TranscriptLine{}
	}
	if r.NodeReports == nil {
		r.NodeReports = []facesign.NodeReport{}
	}
	live := st.Liveness != nil && *st.Liveness
	r.LivenessDetected = &live
	verified := st.Verified()
	r.IsVerified = &verified
	if len(st.Data) > 0 {
		r.ExtractedData = make(map[string]any, len(st.Data))
		for k, v := range st.Data {
			r.ExtractedData[k] = v
		}
	}
	if st.Sources["sessionVideo"] {
		base := "sandbox://sessions/" + st.SessionID + "/videos/"
		r.Videos = &facesign.Videos{AvatarVideoURL: base + "avatar.webm", UserVideoURL: base + "user.webm"}
	}
	if st.AIAnalysis && st.Sources["sessionVideo"] {
		r.AIAnalysis = st.aiAnalysis()
	}
	return r
}

// aiAnalysis is a plausible stand-in for FaceSign's video analysis, consistent
// with what the session knows: the age from a date of birth, "virtual" after a
// deepfake verdict.
func (st *State) aiAnalysis() *facesign.AIAnalysis {
	a := &facesign.AIAnalysis{AgeMin: 28, AgeMax: 36, Sex: st.Sex, RealPersonOrVirtual: "real"}
	if a.Sex == "" {
		a.Sex = "female"
	}
	if dob, ok := ParseDate(st.Data["dateOfBirth"]); ok && st.FinishedAt != nil {
		age := Age(dob, st.FinishedAt.UTC())
		a.AgeMin, a.AgeMax = max(age-3, 0), age+3
	}
	var notes []string
	for _, p := range st.Path {
		if p.Type == flow.TypeLiveness && p.Outcome == "deepfakeDetected" {
			a.RealPersonOrVirtual = "virtual"
		}
		if verificationTypes[p.Type] {
			notes = append(notes, fmt.Sprintf("%s %s: %s", strings.ReplaceAll(string(p.Type), "_", " "), p.NodeID, p.Outcome))
		}
	}
	person := "A real person"
	if a.RealPersonOrVirtual == "virtual" {
		person = "A likely synthetic face"
	}
	a.OverallSummary = fmt.Sprintf("Sandbox analysis (no model ran). %s, apparently aged %d–%d, took part; the session is %s.",
		person, a.AgeMin, a.AgeMax, st.Status)
	if len(notes) > 0 {
		a.OverallSummary += " Checks: " + strings.Join(notes, "; ") + "."
	}
	return a
}

// Apply copies the state's status, times and report onto the session.
func (st *State) Apply(s *facesign.Session) {
	s.Status = st.Status
	s.StartedAt, s.FinishedAt = nil, nil
	if st.StartedAt != nil {
		t := facesign.NewTime(*st.StartedAt)
		s.StartedAt = &t
	}
	if st.FinishedAt != nil {
		t := facesign.NewTime(*st.FinishedAt)
		s.FinishedAt = &t
	}
	s.Report = st.Report()
}

// Pending describes the current node for the hosted page: what the avatar said,
// what the user must do, and the outcomes the Sandbox controls can force.
func (e *Engine) Pending(st *State) Pending {
	if st == nil || st.finished() {
		return Pending{Need: NeedNone}
	}
	n := st.Flow.Node(st.Current)
	if n == nil {
		return Pending{Need: NeedNone}
	}
	p := Pending{NodeID: n.ID, Type: n.Type, Avatar: st.Prompt, Outcomes: outcomeNames(n)}
	switch n.Type {
	case flow.TypeStart:
		p.Need, p.Outcomes = NeedBegin, nil
	case flow.TypeConversation:
		p.Need = NeedReply
		if n.DoesNotRequireReply {
			p.Need = NeedNothing
		}
	case flow.TypePermissions:
		p.Need = NeedPermissions
	case flow.TypeLiveness, flow.TypeRecognition, flow.TypeFaceScan:
		p.Need = NeedCapture
	case flow.TypeDocumentScan:
		p.Need = NeedDocument
	case flow.TypeEnterEmail:
		p.Need = NeedEmail
	case flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS:
		p.Need = NeedNothing
		if ot := st.OTP[n.ID]; ot != nil {
			p.OTP = &PendingOTP{Channel: ot.Channel, To: ot.To, Delivered: ot.Delivered,
				AttemptsRemaining: max(ot.MaxAttempts-ot.Attempts, 0), ExpireAt: ot.ExpireAt}
			if ot.Delivered {
				p.Need = NeedCode
			}
		}
	default:
		p.Need = NeedNothing
	}
	return p
}
