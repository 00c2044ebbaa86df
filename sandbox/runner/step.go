package runner

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// step is the working context of one Advance.
type step struct {
	e   *Engine
	ctx context.Context
	st  *State
	in  Input
	now time.Time
	fx  *Effects
	// forced are simulate's outcomes, so that arriving at a node already knows
	// what it will take (no code is sent to a node forced to delivery_failed).
	forced map[string]string
}

// resolution is how a node ended, or that it still waits.
type resolution struct {
	outcome string
	report  map[string]any
	wait    bool
	message string
}

func (e *Engine) advance(ctx context.Context, st *State, in Input, fx *Effects, forced map[string]string) (StepResult, error) {
	if st.finished() {
		return StepResult{}, fmt.Errorf("%w: session %s is %s", ErrFinished, st.SessionID, st.Status)
	}
	if st.Steps >= e.maxSteps {
		return StepResult{}, fmt.Errorf("%w: session %s ran %d nodes without reaching an end; the flow cycles through %s",
			ErrStepLimit, st.SessionID, st.Steps, cycleOf(st.Path))
	}
	n := st.Flow.Node(st.Current)
	if n == nil {
		return StepResult{}, fmt.Errorf("%w: current node %q is not in the flow", ErrBadState, st.Current)
	}
	if in.Outcome != "" {
		if err := checkOutcome(n, in.Outcome); err != nil {
			return StepResult{}, err
		}
	}
	s := &step{e: e, ctx: ctx, st: st, in: in, now: e.now(), fx: fx, forced: forced}
	if st.Status == facesign.StatusRequiresInput {
		now := s.now
		st.Status = facesign.StatusProcessing
		st.StartedAt = &now
		fx.StatusChanges = append(fx.StatusChanges, StatusChange{From: facesign.StatusRequiresInput, To: facesign.StatusProcessing, At: now})
	}
	if in.Inputs.Sex != "" {
		st.Sex = in.Inputs.Sex
	}

	r, err := s.resolve(n)
	if err != nil {
		return StepResult{}, err
	}
	if r.wait {
		return StepResult{Message: r.message}, nil
	}

	var target string
	if n.Type == flow.TypeStart {
		target = n.Next
		if st.InitialPhrase != "" {
			if err := s.say(st.InitialPhrase); err != nil {
				return StepResult{}, err
			}
		}
	} else {
		t, ok := n.Outcome(r.outcome)
		if !ok {
			return StepResult{}, fmt.Errorf("%w: node %q has no outcome %q", ErrBadFlow, n.ID, r.outcome)
		}
		target = t
		reported := r.outcome
		if n.Shape() == flow.ShapeList {
			reported = target // FaceSign reports a list outcome by its target node
		}
		st.NodeReports = append(st.NodeReports, facesign.NodeReport{
			Type: n.Type, NodeID: n.ID, CreatedAt: facesign.NewTime(s.now), Outcome: reported, Report: r.report,
		})
	}
	ps := facesign.PathStep{NodeID: n.ID, Type: n.Type, Outcome: r.outcome}
	st.Path = append(st.Path, ps)
	st.Steps++
	res := StepResult{Path: []facesign.PathStep{ps}, Message: r.message}
	end, err := s.enter(target)
	if err != nil {
		return StepResult{}, err
	}
	if end != nil {
		res.Path = append(res.Path, *end)
	}
	return res, nil
}

// cycleOf names the nodes of the last stretch of path, for the step-limit error.
func cycleOf(path []facesign.PathStep) string {
	const tail = 8
	start := max(0, len(path)-tail)
	ids := make([]string, 0, tail)
	for _, p := range path[start:] {
		ids = append(ids, p.NodeID)
	}
	return strings.Join(ids, " → ")
}

// enter moves the session to node id and does the arrival work. When the node is
// an end, the session completes and the end's path step comes back.
func (s *step) enter(id string) (*facesign.PathStep, error) {
	st := s.st
	n := st.Flow.Node(id)
	if n == nil {
		return nil, fmt.Errorf("%w: outcome points at %q, which is not a node of the flow", ErrBadFlow, id)
	}
	st.Current = id
	st.Prompt = ""
	switch n.Type {
	case flow.TypeEnd:
		ps := facesign.PathStep{NodeID: n.ID, Type: n.Type}
		st.Path = append(st.Path, ps)
		st.Steps++
		if st.FinalPhrase != "" {
			if err := s.say(st.FinalPhrase); err != nil {
				return nil, err
			}
		}
		now := s.now
		st.Status = facesign.StatusComplete
		st.FinishedAt = &now
		st.Current = ""
		st.Prompt = ""
		s.fx.StatusChanges = append(s.fx.StatusChanges, StatusChange{From: facesign.StatusProcessing, To: facesign.StatusComplete, At: now})
		return &ps, nil
	case flow.TypeConversation:
		return nil, s.say(renderPrompt(n.Prompt))
	case flow.TypePermissions:
		text := n.Prompt
		if text == "" {
			text = "Please allow access to your camera and microphone."
		}
		return nil, s.say(text)
	case flow.TypeEnterEmail:
		text := n.Prompt
		if text == "" {
			text = "Please type your email address."
		}
		return nil, s.say(renderPrompt(text))
	case flow.TypeFaceScan:
		text := n.CaptureInstructions
		if text == "" {
			text = "Please look straight at the camera and keep your face inside the oval."
		}
		return nil, s.say(text)
	case flow.TypeDocumentScan:
		text := "Please hold your identity document up to the camera."
		if len(n.AllowedDocumentTypes) > 0 {
			text = "Please hold your identity document (" + strings.Join(n.AllowedDocumentTypes, ", ") + ") up to the camera."
		}
		return nil, s.say(text)
	case flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS:
		return nil, s.sendCode(n)
	}
	return nil, nil
}

// renderPrompt is what the sandbox avatar says for a prompt: "Say: X" is X
// verbatim; a goal is shown as the goal, since there is no model to phrase it.
func renderPrompt(prompt string) string {
	p := strings.TrimSpace(prompt)
	if rest, ok := cutPrefixFold(p, "say:"); ok {
		return strings.TrimSpace(rest)
	}
	if p == "" {
		return ""
	}
	return "[sandbox avatar, goal] " + p
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func (s *step) say(text string) error {
	if text == "" {
		return nil
	}
	s.st.Prompt = text
	return s.line(text, true)
}

func (s *step) line(text string, avatar bool) error {
	id, err := s.e.newID("tl_")
	if err != nil {
		return err
	}
	s.st.Transcript = append(s.st.Transcript, facesign.TranscriptLine{
		ID: id, CreatedAt: facesign.NewTime(s.now), Text: text, IsAvatar: avatar,
	})
	return nil
}

// collect records a fact the session learnt.
func (s *step) collect(key, value string) {
	if value == "" {
		return
	}
	if s.st.Data == nil {
		s.st.Data = map[string]string{}
	}
	s.st.Data[key] = value
}

func (s *step) source(name string) {
	if s.st.Sources == nil {
		s.st.Sources = map[string]bool{}
	}
	s.st.Sources[name] = true
}

// screenshot records a frame of a video node: the hosted page's capture, or a
// sandbox id when there is no camera (simulate).
func (s *step) screenshot(n *flow.Node) {
	shot := s.in.Screenshot
	if shot == "" {
		shot = fmt.Sprintf("sandbox://sessions/%s/screenshots/%s-%d.jpg", s.st.SessionID, n.ID, s.st.Steps+1)
	}
	s.st.Screenshots = append(s.st.Screenshots, shot)
	s.source("sessionVideo")
}

// pick returns the node's outcome: forced, else chosen, checked against the
// node. given says whether the inputs (key) decided chosen; when they did not,
// a missing outcome is the flow's fault, not the caller's.
func (s *step) pick(n *flow.Node, key string, given bool, chosen string) (string, error) {
	if s.in.Outcome != "" {
		return s.in.Outcome, nil
	}
	if _, ok := n.Outcome(chosen); ok {
		return chosen, nil
	}
	if given {
		return "", fmt.Errorf("%w: inputs.%s leads to outcome %q, but node %q has no such outcome (its outcomes: %s)",
			ErrBadInput, key, chosen, n.ID, strings.Join(outcomeNames(n), ", "))
	}
	return "", fmt.Errorf("%w: node %q has no outcome %q, which the sandbox takes by default; name one of its outcomes (%s) in outcomes[%q]",
		ErrBadFlow, n.ID, chosen, strings.Join(outcomeNames(n), ", "), n.ID)
}

func (s *step) resolve(n *flow.Node) (resolution, error) {
	switch n.Type {
	case flow.TypeStart:
		return resolution{}, nil
	case flow.TypeEnd:
		// An end is resolved on arrival; being current at one is a corrupt state.
		return resolution{}, fmt.Errorf("%w: current node %q is an end", ErrBadState, n.ID)
	case flow.TypeConversation:
		return s.conversation(n)
	case flow.TypePermissions:
		return s.permissions(n)
	case flow.TypeLiveness:
		return s.liveness(n)
	case flow.TypeRecognition:
		return s.recognition(n)
	case flow.TypeFaceScan:
		return s.faceScan(n)
	case flow.TypeFaceCompare:
		return s.faceCompare(n)
	case flow.TypeDocumentScan:
		return s.documentScan(n)
	case flow.TypeEnterEmail:
		return s.enterEmail(n)
	case flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS:
		return s.twoFactor(n)
	case flow.TypeDataValidation:
		return s.dataValidation(n)
	}
	return resolution{}, fmt.Errorf("%w: node %q has type %q, which the sandbox cannot run", ErrBadFlow, n.ID, n.Type)
}

var emailInText = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)

func (s *step) conversation(n *flow.Node) (resolution, error) {
	if len(n.Outcomes) == 0 {
		return resolution{}, fmt.Errorf("%w: conversation %q has no outcomes", ErrBadFlow, n.ID)
	}
	out := n.Outcomes[0]
	if s.in.Outcome != "" {
		for _, o := range n.Outcomes {
			if o.ID == s.in.Outcome {
				out = o
			}
		}
	}
	if !n.DoesNotRequireReply {
		reply := s.in.Reply
		if reply == "" {
			reply = s.in.Inputs.Reply
		}
		if reply == "" {
			// No words given: stand in with the condition the chosen outcome describes.
			reply = "[sandbox reply] " + out.Condition
			if out.Condition == "" {
				reply = "[sandbox reply] Okay."
			}
		} else if m := emailInText.FindString(reply); m != "" && s.st.Data["email"] == "" {
			s.collect("email", m)
		}
		if err := s.line(reply, false); err != nil {
			return resolution{}, err
		}
	}
	return resolution{outcome: out.ID}, nil
}

func (s *step) permissions(n *flow.Node) (resolution, error) {
	in := s.in.Inputs
	chosen := "permissionsGranted"
	if in.Permissions == "denied" {
		chosen = "permissionsDenied"
	}
	out, err := s.pick(n, "permissions", in.Permissions != "", chosen)
	if err != nil {
		return resolution{}, err
	}
	granted := out == "permissionsGranted"
	if !granted {
		s.source("cameraDenied")
	}
	want := flow.Permissions{Camera: true, Microphone: true}
	if n.Permissions != nil {
		want = *n.Permissions
	}
	return resolution{outcome: out, report: map[string]any{
		"camera": granted && want.Camera, "microphone": granted && want.Microphone,
	}}, nil
}

func (s *step) liveness(n *flow.Node) (resolution, error) {
	in := s.in.Inputs
	chosen := in.Liveness
	if chosen == "" {
		chosen = "livenessDetected"
		if s.st.Sources["cameraDenied"] {
			chosen = "noFace"
			if _, ok := n.Outcome("captureUnavailable"); ok {
				chosen = "captureUnavailable"
			}
		}
	}
	out, err := s.pick(n, "liveness", in.Liveness != "", chosen)
	if err != nil {
		return resolution{}, err
	}
	passed := out == "livenessDetected"
	s.st.Liveness = &passed
	s.screenshot(n)
	if passed {
		if err := s.enrol(); err != nil {
			return resolution{}, err
		}
	}
	return resolution{outcome: out, report: map[string]any{"livenessDetected": passed}}, nil
}

// enrol adds the person to the account's faces after a liveness pass, when their
// name and email are known and they are not enrolled already.
func (s *step) enrol() error {
	if s.st.Face != nil {
		return nil
	}
	id := s.identity()
	if id.Name == "" || id.Email == "" {
		return nil
	}
	// The email is the person's key here: two people may share a name.
	existing, err := s.match(Probe{Email: id.Email})
	if err != nil || existing != nil {
		return err
	}
	faceID, err := s.e.newID("face_")
	if err != nil {
		return err
	}
	f := facesign.Face{
		ID: faceID, Name: id.Name, Email: id.Email, Phone: id.Phone, Company: id.Company, JobTitle: id.JobTitle,
		EnrolledAt: facesign.NewTime(s.now), SessionID: s.st.SessionID,
	}
	s.fx.Enrolled = append(s.fx.Enrolled, f)
	s.st.Face = &MatchedFace{Face: f, Similarity: 1, Enrolled: true}
	return nil
}

// match asks the account's faces (and the face this session enrolled) for the probe.
func (s *step) match(p Probe) (*facesign.Face, error) {
	if p.Empty() {
		return nil, nil
	}
	if s.st.Face != nil {
		if f := p.Best([]facesign.Face{s.st.Face.Face}); f != nil {
			return f, nil
		}
	}
	if s.e.faces == nil {
		return nil, nil
	}
	f, err := s.e.faces.Match(s.ctx, p)
	if err != nil {
		return nil, fmt.Errorf("runner: matching enrolled faces: %w", err)
	}
	return f, nil
}

// isDefaultPerson reports whether the person on camera is the sandbox's
// default person: nobody was named, or what was named is the persona's.
func (s *step) isDefaultPerson(p Probe) bool {
	if p.Empty() {
		return true
	}
	for _, v := range []string{p.Face, p.Email, p.Phone} {
		if v != "" && !strings.EqualFold(v, personaEmail) && v != personaPhone {
			return false
		}
	}
	return p.Name == "" || strings.EqualFold(p.Name, personaFirstName+" "+personaLastName)
}

func (s *step) recognition(n *flow.Node) (resolution, error) {
	in := s.in.Inputs
	mode := in.Recognition
	if s.in.Outcome != "" {
		mode = s.in.Outcome
	}
	if mode == "" {
		mode = "auto"
	}
	id := s.identity()
	var found *facesign.Face
	if mode == "auto" || mode == "recognized" {
		f, err := s.match(Probe{Face: in.Face, Email: id.Email, Phone: id.Phone, Name: id.Name})
		if err != nil {
			return resolution{}, err
		}
		found = f
	}
	chosen := mode
	if mode == "auto" {
		chosen = "newUser"
		probe := Probe{Face: in.Face, Email: id.Email, Phone: id.Phone, Name: id.Name}
		switch {
		case s.st.Sources["cameraDenied"]:
			chosen = "noFace"
		case found != nil:
			chosen = "recognized"
		case s.isDefaultPerson(probe):
			// The account's default person counts as enrolled, so that a flow
			// with nothing forced takes its success path, as simulate_session
			// promises; inputs.recognition "newUser" (or naming someone
			// nobody enrolled) reaches the other branch.
			chosen = "recognized"
		}
	}
	out, err := s.pick(n, "recognition", in.Recognition != "" && in.Recognition != "auto", chosen)
	if err != nil {
		return resolution{}, err
	}
	s.screenshot(n)
	if out != "recognized" {
		return resolution{outcome: out}, nil
	}
	if found == nil {
		// Forced recognition with nobody enrolled: the person is who the session says.
		p := s.persona()
		found = &facesign.Face{Name: firstNonEmpty(id.Name, p.Name), Email: firstNonEmpty(id.Email, p.Email),
			Phone: firstNonEmpty(id.Phone, p.Phone), Company: id.Company, JobTitle: id.JobTitle}
	}
	sim := 0.97
	if v := in.RecognitionSimilarity; v != nil {
		sim = *v
	}
	s.st.Face = &MatchedFace{Face: *found, Similarity: sim, Enrolled: s.st.Face != nil && s.st.Face.Enrolled && s.st.Face.Face.ID == found.ID}
	for k, v := range map[string]string{"name": found.Name, "email": found.Email, "phone": found.Phone, "company": found.Company, "jobTitle": found.JobTitle} {
		if s.st.Data[k] == "" {
			s.collect(k, v)
		}
	}
	return resolution{outcome: out, report: map[string]any{
		"name": found.Name, "email": found.Email, "phone": found.Phone, "company": found.Company,
		"jobTitle": found.JobTitle, "similarity": sim,
	}}, nil
}

func threshold(n *flow.Node) float64 {
	if n.SimilarityThreshold != nil {
		return *n.SimilarityThreshold
	}
	return 0.8
}

func (s *step) faceSimilarity() float64 {
	if v := s.in.Inputs.FaceSimilarity; v != nil {
		return *v
	}
	return 0.93
}

func (s *step) faceScan(n *flow.Node) (resolution, error) {
	in := s.in.Inputs
	required := n.RequireLivenessChallenge != nil && *n.RequireLivenessChallenge
	challenge := in.LivenessChallenge == nil || *in.LivenessChallenge
	sim, thr := s.faceSimilarity(), threshold(n)
	chosen := in.FaceScan
	switch {
	case chosen != "":
	case s.st.Sources["cameraDenied"]:
		chosen = "error"
	case (!required || challenge) && sim >= thr:
		chosen = "passed"
	default:
		chosen = "notPassed"
	}
	out, err := s.pick(n, "faceScan", in.FaceScan != "" || in.FaceSimilarity != nil || in.LivenessChallenge != nil, chosen)
	if err != nil {
		return resolution{}, err
	}
	s.screenshot(n)
	passed := out == "passed"
	if passed {
		s.source("faceScan")
		if required {
			t := true
			s.st.Liveness = &t
		}
	}
	return resolution{outcome: out, report: map[string]any{
		"livenessChallengePassed": required && challenge && passed,
		"compareFacesReport":      map[string]any{"isMatch": passed, "similarity": sim, "threshold": thr},
	}}, nil
}

// available says whether a face_compare source has an image in this session.
func (s *step) available(src *flow.FaceSource) bool {
	if src == nil {
		return false
	}
	switch src.Source {
	case "sessionVideo":
		return !s.st.Sources["cameraDenied"]
	case "faceScan", "documentPhoto":
		return s.st.Sources[src.Source]
	case "providedData":
		v, ok := lookupIn(s.st.ProvidedData, src.ProvidedDataKey)
		return ok && v != ""
	}
	return false
}

func (s *step) faceCompare(n *flow.Node) (resolution, error) {
	in := s.in.Inputs
	sim, thr := s.faceSimilarity(), threshold(n)
	chosen := "noMatch"
	switch {
	case !s.available(n.SourceA) || !s.available(n.SourceB):
		chosen, sim = "imageUnavailable", 0
	case sim >= thr:
		chosen = "match"
	}
	out, err := s.pick(n, "faceSimilarity", in.FaceSimilarity != nil, chosen)
	if err != nil {
		return resolution{}, err
	}
	return resolution{outcome: out, report: map[string]any{"isMatch": out == "match", "similarity": sim}}, nil
}

func (s *step) documentScan(n *flow.Node) (resolution, error) {
	in := s.in.Inputs
	chosen := in.DocumentScan
	if chosen == "" {
		chosen = "scanSuccess"
		if s.st.Sources["cameraDenied"] {
			chosen = "scanTimeout"
		}
	}
	fields := s.documentFields(n)
	reason := ""
	if chosen == "scanSuccess" && len(n.AllowedDocumentTypes) > 0 && !slices.Contains(n.AllowedDocumentTypes, fields["documentType"]) {
		// The scanner never accepts a document of a type the node does not allow.
		chosen = "scanTimeout"
		reason = fmt.Sprintf("documentType %q is not accepted here (allowed: %s)", fields["documentType"], strings.Join(n.AllowedDocumentTypes, ", "))
	}
	out, err := s.pick(n, "documentScan", in.DocumentScan != "" || in.Document != nil, chosen)
	if err != nil {
		return resolution{}, err
	}
	s.screenshot(n)
	if out != "scanSuccess" {
		if reason != "" {
			return resolution{outcome: out, report: map[string]any{"reason": reason}}, nil
		}
		return resolution{outcome: out}, nil
	}
	report := make(map[string]any, len(fields))
	for k, v := range fields {
		s.collect(k, v)
		report[k] = v
	}
	s.source("documentPhoto")
	return resolution{outcome: out, report: report}, nil
}

// documentFields is the document the user shows: the persona's adult passport
// (or the first allowed type), with inputs.document on top.
func (s *step) documentFields(n *flow.Node) map[string]string {
	p := s.persona()
	docType := "passport"
	if len(n.AllowedDocumentTypes) > 0 && !slices.Contains(n.AllowedDocumentTypes, docType) {
		docType = n.AllowedDocumentTypes[0]
	}
	f := map[string]string{
		"firstName": p.FirstName, "lastName": p.LastName, "dateOfBirth": p.DateOfBirth,
		"documentNumber": "X1234567", "documentType": docType, "country": "USA",
		"expirationDate": s.now.AddDate(10, 0, 0).Format(time.DateOnly),
	}
	for k, v := range s.in.Inputs.Document {
		f[k] = v
	}
	if _, ok := s.in.Inputs.Document["name"]; !ok {
		f["name"] = strings.TrimSpace(f["firstName"] + " " + f["lastName"])
	}
	return f
}

func (s *step) enterEmail(n *flow.Node) (resolution, error) {
	in := s.in.Inputs
	var typed string
	switch {
	case s.in.Email != nil:
		typed = *s.in.Email
	case in.EnterEmail != nil:
		typed = *in.EnterEmail
	case in.Email != nil:
		typed = *in.Email
	default:
		typed = s.persona().Email
	}
	typed = strings.TrimSpace(typed)
	chosen := "emailEntered"
	if typed == "" {
		chosen = "canceled"
	}
	out, err := s.pick(n, "enterEmail", s.in.Email != nil || in.EnterEmail != nil || in.Email != nil, chosen)
	if err != nil {
		return resolution{}, err
	}
	if out != "emailEntered" {
		return resolution{outcome: out}, nil
	}
	if typed == "" {
		typed = s.persona().Email
	}
	s.collect("email", typed)
	if err := s.line(typed, false); err != nil {
		return resolution{}, err
	}
	return resolution{outcome: out, report: map[string]any{"email": typed}}, nil
}

func isOTP(t flow.NodeType) bool {
	return t == flow.TypeTwoFactorEmail || t == flow.TypeTwoFactorSMS
}

// Bounds on a flow's OTP settings, so that a careless value cannot keep a
// simulated user typing codes for ever or overflow the clock.
const (
	maxOTPAttempts = 20
	maxOTPExpiry   = 86400
)

// otpParams are a two-factor node's settings with FaceSign's defaults.
func otpParams(n *flow.Node) (length, expiry, attempts int) {
	length, expiry, attempts = 6, 300, 3
	if n.OTPLength != nil && *n.OTPLength >= 4 && *n.OTPLength <= 8 {
		length = *n.OTPLength
	}
	if n.ExpirySeconds != nil && *n.ExpirySeconds > 0 {
		expiry = min(*n.ExpirySeconds, maxOTPExpiry)
	}
	if n.MaxAttempts != nil && *n.MaxAttempts > 0 {
		attempts = min(*n.MaxAttempts, maxOTPAttempts)
	}
	return length, expiry, attempts
}

// sendCode is a two-factor node's arrival: it picks the address, makes the code
// and puts the message in the outbox.
func (s *step) sendCode(n *flow.Node) error {
	length, expiry, attempts := otpParams(n)
	channel, addr := "email", s.address("email")
	if n.Type == flow.TypeTwoFactorSMS {
		channel, addr = "sms", s.address("phone")
	}
	ot := &OTPState{Channel: channel, To: addr, SentAt: s.now, ExpireAt: s.now.Add(time.Duration(expiry) * time.Second), MaxAttempts: attempts}
	if s.st.OTP == nil {
		s.st.OTP = map[string]*OTPState{}
	}
	s.st.OTP[n.ID] = ot
	if addr == "" || s.in.Inputs.OTPDelivery == "failed" || s.forced[n.ID] == "delivery_failed" {
		what := "an email address"
		if channel == "sms" {
			what = "a phone number"
		}
		if addr != "" {
			what = addr
		}
		return s.say("I couldn't send a verification code to " + what + ".")
	}
	code, err := s.e.digits(length)
	if err != nil {
		return err
	}
	msgID, err := s.e.newID("msg_")
	if err != nil {
		return err
	}
	ot.Delivered = true
	ot.CodeHash = hashCode(s.st.SessionID, n.ID, code)
	s.fx.Outbox = append(s.fx.Outbox, facesign.OutboxMessage{
		ID: msgID, To: addr, Channel: channel, Code: code, SessionID: s.st.SessionID, NodeID: n.ID,
		CreatedAt: facesign.NewTime(s.now), ExpireAt: facesign.NewTime(ot.ExpireAt),
	})
	return s.say(fmt.Sprintf("I've sent a %d-digit code to %s. Please enter it.", length, addr))
}

// address is where a code goes: what the session collected, else providedData,
// else the inputs' identity, else the persona's (the user types one in).
func (s *step) address(key string) string {
	if v := s.st.Data[key]; v != "" {
		return v
	}
	if v, ok := s.provided(key); ok && v != "" {
		return v
	}
	in := s.in.Inputs.Email
	if key == "phone" {
		in = s.in.Inputs.Phone
	}
	if in != nil {
		return strings.TrimSpace(*in)
	}
	if key == "phone" {
		return s.persona().Phone
	}
	return s.persona().Email
}

func hashCode(sessionID, nodeID, code string) string {
	sum := sha256.Sum256([]byte(sessionID + "\x00" + nodeID + "\x00" + code))
	return hex.EncodeToString(sum[:])
}

// digits returns n decimal digits, uniformly, from the engine's random source.
func (e *Engine) digits(n int) (string, error) {
	out := make([]byte, 0, n)
	var buf [16]byte
	for len(out) < n {
		if _, err := io.ReadFull(e.rand, buf[:]); err != nil {
			return "", fmt.Errorf("runner: random source: %w", err)
		}
		for _, b := range buf {
			if b < 250 && len(out) < n { // 250 = 25×10: no modulo bias
				out = append(out, '0'+b%10)
			}
		}
	}
	return string(out), nil
}

func (s *step) twoFactor(n *flow.Node) (resolution, error) {
	in := s.in.Inputs
	otpGiven := s.in.OTPCode != nil || in.OTPCode != nil || len(in.OTPCodes) > 0 || in.OTPDelaySeconds > 0
	ot := s.st.OTP[n.ID]
	if ot == nil {
		return resolution{}, fmt.Errorf("%w: two-factor node %q has no code state", ErrBadState, n.ID)
	}
	addrKey := "email"
	if ot.Channel == "sms" {
		addrKey = "phoneNumber"
	}
	report := func(extra ...any) map[string]any {
		m := map[string]any{addrKey: ot.To, "attempts": ot.Attempts}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i].(string)] = extra[i+1]
		}
		return m
	}
	verified := func(out string) resolution {
		if out == "verified" {
			if ot.Channel == "sms" {
				s.collect("phone", ot.To)
			} else {
				s.collect("email", ot.To)
			}
		}
		return resolution{outcome: out, report: report()}
	}
	if s.in.Outcome != "" {
		return verified(s.in.Outcome), nil
	}
	if !ot.Delivered {
		out, err := s.pick(n, "otpDelivery", in.OTPDelivery != "" || in.Email != nil || in.Phone != nil, "delivery_failed")
		return resolution{outcome: out, report: report()}, err
	}
	ot.Attempts++
	at := s.now.Add(time.Duration(s.in.Inputs.OTPDelaySeconds*ot.Attempts) * time.Second)
	if at.After(ot.ExpireAt) {
		out, err := s.pick(n, "otpCode", otpGiven, "failed_unverified")
		return resolution{outcome: out, report: report("reason", "expired")}, err
	}
	if s.in.OTPCode == nil || subtle.ConstantTimeCompare([]byte(hashCode(s.st.SessionID, n.ID, strings.TrimSpace(*s.in.OTPCode))), []byte(ot.CodeHash)) == 1 {
		out, err := s.pick(n, "otpCode", otpGiven, "verified")
		if err != nil {
			return resolution{}, err
		}
		return verified(out), nil
	}
	if ot.Attempts >= ot.MaxAttempts {
		out, err := s.pick(n, "otpCode", otpGiven, "failed_unverified")
		return resolution{outcome: out, report: report("reason", "tooManyAttempts")}, err
	}
	left := ot.MaxAttempts - ot.Attempts
	msg := fmt.Sprintf("wrong code, %d attempt", left)
	if left != 1 {
		msg += "s"
	}
	return resolution{wait: true, message: msg + " left"}, nil
}

func (s *step) dataValidation(n *flow.Node) (resolution, error) {
	if len(n.Outcomes) == 0 {
		return resolution{}, fmt.Errorf("%w: data_validation %q has no outcomes", ErrBadFlow, n.ID)
	}
	var v flow.Validation
	if n.Validation != nil {
		v = *n.Validation
	}
	verdict := Evaluate(v, s.lookup, s.now)
	out := n.Outcomes[0].ID
	if !verdict.Pass && len(n.Outcomes) > 1 {
		out = n.Outcomes[1].ID
	}
	if s.in.Outcome != "" {
		out = s.in.Outcome
	}
	report := map[string]any{"field": v.Field, "action": v.Action, "value": v.Value, "passed": verdict.Pass}
	if verdict.Reason != "" {
		report["reason"] = verdict.Reason
	}
	return resolution{outcome: out, report: report}, nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
