package flowbuild

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Question is something the description left open. ID is stable ("avatar", "langs",
// "on_failure", "otp_channel", "documents", "min_age") so that a caller can pass the
// answer back in Options and the question is not asked again.
type Question struct {
	ID      string   `json:"id" jsonschema_description:"Stable id of the question (avatar, languages, onFailure, …)."`
	Text    string   `json:"text" jsonschema_description:"The question, ready to ask the user."`
	Options []string `json:"options,omitempty" jsonschema_description:"Suggested answers, when the choice is closed."`
}

// Options are answers to questions, passed back by the caller (for example from MCP
// elicitation). Zero values mean "not answered".
type Options struct {
	AvatarID string
	Langs    []string
	// OnFailure: "end politely", "offer retry" or "hand to a human" (free wording is
	// understood: anything with retry/again, anything with human/agent/support).
	OnFailure string
	// OTPChannel: "email" or "sms", for a one-time code whose channel the text left open.
	OTPChannel string
	// DocumentTypes for document scans that named no type ("scan their ID").
	DocumentTypes []string
	// MinAge for an age check that named no age ("make sure they're an adult").
	MinAge int
}

// SessionSettings are the session settings the description or the answers named.
type SessionSettings struct {
	AvatarID string   `json:"avatarId,omitempty" jsonschema_description:"Avatar for sessions of this flow."`
	Langs    []string `json:"langs,omitempty" jsonschema_description:"Languages for sessions of this flow."`
}

// Result is what Build and Edit return.
type Result struct {
	Flow        flow.Flow       `json:"flow"`
	Summary     string          `json:"summary"`
	Warnings    []flow.Problem  `json:"warnings"`
	Questions   []Question      `json:"questions"`
	Assumptions []string        `json:"assumptions"`
	Settings    SessionSettings `json:"settings"`
}

// MaxDescription is the longest description Build and Edit read, in characters.
const MaxDescription = 4000

// ErrEmptyDescription is returned for a description with nothing in it.
var ErrEmptyDescription = errors.New("flowbuild: the description is empty; describe the verification steps, e.g. \"liveness check, then an email code\"")

// errBuiltInvalid is a builder bug: a flow FaceSign would refuse is never handed
// out. Tests and fuzzing treat it as a failure, not as an answer.
var errBuiltInvalid = errors.New("flowbuild: built an invalid flow")

// ErrNoSteps is returned when a description names no step the builder knows.
var ErrNoSteps = errors.New("flowbuild: no verification step found in the description; name at least one, e.g. liveness check, face recognition, ID scan, face comparison, email or SMS code, or a question to ask")

// smsDistrustNote ends the note of a threat to SMS (rules.go, the "sms" rule).
const smsDistrustNote = " as a reason not to send codes by SMS, so the flow sends none."

// smsDistrustKept rewords that note when another mention asks for the SMS
// code the flow then sends ("Send an SMS code. SMS can be spoofed, so also do
// liveness."): "sends none" would be false.
func smsDistrustKept(notes []string, sms bool) []string {
	if !sms {
		return notes
	}
	for i, n := range notes {
		if strings.HasSuffix(n, smsDistrustNote) {
			notes[i] = strings.TrimSuffix(n, smsDistrustNote) + " as distrust of SMS, but the text also asks for an SMS code, so the flow keeps it."
		}
	}
	return notes
}

// challengeNote: "a face scan, with the liveness challenge required" is the
// scan's capture setting, not the liveness step that catches a deepfake; with
// no liveness step, a note says so.
func challengeNote(steps []*step) []string {
	if hasKind(steps, kLiveness) || !slices.ContainsFunc(steps, func(s *step) bool { return s.k == kFaceScan && s.challenge }) {
		return nil
	}
	return []string{"The liveness challenge is a setting of the face scan (requireLivenessChallenge); no separate liveness check was added, and only a liveness check detects a deepfake: ask for one if the flow needs it."}
}

// ErrExclusionList is returned when the description recognises faces against
// a list of people to turn away (banned, excluded, fraudsters) and the flow
// built would not keep the two apart: a listed face would reach the
// "verified" closing, or everyone else would share the listed face's path.
var ErrExclusionList = errors.New("flowbuild: the description searches the enrolled faces for people to turn away (a ban, exclusion or fraud list), and the builder cannot build that safely: a listed face must be refused while everyone else goes on. Build the recognition without the list (for example \"recognition, then liveness; new users get an SMS code\") and turn away a recognised face on your list from the session's result in your app")

// namesExclusionList: the text (its words as parse read them) speaks of
// people to turn away (a cheap word test, exclusionListWords; a people word
// counts beside a user word or a word of exclusionNearWords).
func namesExclusionList(ts []token) bool {
	near := func(i int) bool {
		return i >= 0 && i < len(ts) && (ts[i].in(hUserWord) || exclusionNearSet[ts[i].raw])
	}
	for i, t := range ts {
		if exclusionListSet[t.raw] {
			return true
		}
		if exclusionPeopleSet[t.raw] && (near(i-1) || near(i+1)) {
			return true
		}
	}
	return false
}

// splitsListed: the recognition's two groups go apart: the recognised face
// never reaches the success closing, and no step (beyond the failure line and
// the end) lies on both the recognised and the new-user path.
func splitsListed(f flow.Flow) bool {
	byID := make(map[string]*flow.Node, len(f))
	for i := range f {
		byID[f[i].ID] = &f[i]
	}
	reach := func(from string) map[string]bool {
		seen := map[string]bool{}
		todo := []string{from}
		for len(todo) > 0 {
			id := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			n := byID[id]
			if n == nil || seen[id] || id == "failure" || n.Type == flow.TypeEnd {
				continue
			}
			seen[id] = true
			if n.Next != "" {
				todo = append(todo, n.Next)
			}
			for _, o := range n.Outcomes {
				todo = append(todo, o.Target)
			}
		}
		return seen
	}
	for _, n := range f {
		if n.Type != flow.TypeRecognition {
			continue
		}
		var known, fresh map[string]bool
		for _, o := range n.Outcomes {
			switch o.ID {
			case "recognized":
				known = reach(o.Target)
			case "newUser":
				fresh = reach(o.Target)
			}
		}
		if known["closing"] {
			return false
		}
		for id := range known {
			if fresh[id] {
				return false
			}
		}
	}
	return true
}

// ageLimit says the age an age check requires: "at least 18", or "under 18"
// for an upper limit.
func ageLimit(s *step) string {
	if s.ageUnder {
		return "under " + strconv.Itoa(s.currentAge())
	}
	return "at least " + strconv.Itoa(s.currentAge())
}

func checkText(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ErrEmptyDescription
	}
	if !utf8.ValidString(s) {
		return "", errors.New("flowbuild: the description is not valid UTF-8 text")
	}
	if n := utf8.RuneCountInString(s); n > MaxDescription {
		return "", fmt.Errorf("flowbuild: the description is %d characters long; keep it under %d", n, MaxDescription)
	}
	return s, nil
}

// noGreetingNote says what a flow without a greeting gives up.
const noGreetingNote = "Without a greeting, the first check starts as soon as the session does; FaceSign recommends a few seconds of conversation first, so that recognition and liveness have video to work with."

// Build makes a flow from a plain-English description. It needs no model and no
// network: the text is split into clauses, steps are recognised with a lexicon and
// laid out with FaceSign's patterns. The flow passes Validate with no errors.
func Build(description string, opts Options) (Result, error) {
	text, err := checkText(description)
	if err != nil {
		return Result{}, err
	}
	text, shapeNotes := unstructure(undictate(text))
	text, ticketNotes := readTicket(text)
	shapeNotes = append(shapeNotes, ticketNotes...)
	if head, change := trailingChange(text); change != "" {
		if res, ok := buildThenEdit(head, change, opts); ok {
			// (what reading the structure decided is said here too: the head,
			// already prose, brings no notes of its own from it)
			res.Assumptions = append(shapeNotes, res.Assumptions...)
			return res, nil
		}
	}
	pr := parse(text)
	named := 0
	for _, s := range pr.steps {
		if s.k != kGreeting && s.k != kClosing {
			named++
		}
	}
	if named == 0 && !hasKind(pr.steps, kGreeting) {
		return Result{}, ErrNoSteps
	}
	p := &plan{steps: pr.steps, uc: pr.uc, amount: pr.amount, noun: pr.noun, whom: pr.whom, tones: pr.tones}
	p.refusesKnown = hasKind(pr.steps, kRecognition) && namesExclusionList(pr.words)
	p.attackSaid = hasAnyRaw(pr.words, lex.attackWord)
	p.assumptions = append(p.assumptions, challengeNote(pr.steps)...)
	p.assumptions = append(p.assumptions, shapeNotes...)
	p.assumptions = append(p.assumptions, smsDistrustKept(pr.notes, hasKind(pr.steps, kSMSOTP))...)
	p.sayOnFailure(pr.failLine)
	if pr.silent {
		p.quiet = quietAll
	}
	if pr.excluded.has(kGreeting) {
		p.quiet |= quietGreeting // "no greeting, straight to the scan"
	}
	if pr.excluded.has(kClosing) {
		p.quiet |= quietClosing // "no goodbye"
	}
	var qs []Question
	p.policy = NormalizeOnFailure(opts.OnFailure)
	if p.policy == "" {
		p.policy = pr.policy
	}
	if (p.policy == "human" || handsOverAny(pr.steps)) && pr.review != "" {
		p.assumptions = append(p.assumptions, "Read \""+pr.review+"\" as a manual review: a failed check hands the user to a member of your team; the flow cannot flag the session itself, so your backend picks the failed session up for review.")
	}
	if p.policy == "" {
		p.policy = "end"
		if !handsOverAny(pr.steps) {
			// (a handover said for one step's failure says what failures do;
			// the others end, as the assumption says)
			qs = append(qs, onFailureQuestion())
		}
		switch {
		case p.quiet&quietOther != 0:
			p.assumptions = append(p.assumptions, "A failed check ends the session.")
		case handsOverAny(pr.steps) || slices.ContainsFunc(p.steps, func(s *step) bool { return s.retry }):
			p.assumptions = append(p.assumptions, "Any other failed check ends the session with a polite message.")
		default:
			p.assumptions = append(p.assumptions, "A failed check ends the session with a polite message.")
		}
	}
	for _, s := range p.steps {
		if s.bounded() {
			p.assumptions = append(p.assumptions, "The "+s.k.String()+" gets one more attempt, on a second node of its kind, so the attempts are bounded; "+boundedEnd(s, p.policy))
		}
	}
	qs = append(qs, resolveSteps(p, opts)...)
	if (pr.excluded.has(kLiveness) || pr.outside.has(kLiveness) && !hasKind(pr.steps, kLiveness)) && hasKind(pr.steps, kRecognition) {
		// (said done elsewhere, as "our app already does it", it is no less
		// back in the flow; "our app already did a liveness check at signup"
		// beside one the text asks for is another)
		p.warn("liveness_kept", "The description excludes liveness, but recognition needs a liveness check after it, so one was kept.",
			"Remove the recognition step if the flow must not check liveness.")
	}
	switch {
	case hasKind(pr.steps, kGreeting):
	case p.quiet&quietGreeting == 0:
		p.assumptions = append(p.assumptions, "The avatar opens with a greeting of a few seconds, so recognition and liveness have video to work with.")
	case hasKind(pr.steps, kRecognition) || hasKind(pr.steps, kLiveness):
		p.assumptions = append(p.assumptions, noGreetingNote)
	}
	p.assumptions = slices.DeleteFunc(p.assumptions, func(a string) bool { return unplacedSuggestion(a, p.assumptions) })
	res, err := p.result()
	if err != nil {
		return Result{}, err
	}
	if p.refusesKnown && !splitsListed(res.Flow) {
		// "recognise everyone; if they're on the (ban) list, refuse entry": a
		// flow that lets a listed face reach "verified", or sends the others to
		// the refusal, is inverted access control; refused, never shipped
		return Result{}, ErrExclusionList
	}
	res.Settings = settings(pr, opts)
	if len(opts.Langs) == 0 && len(pr.langNames) > 0 {
		// "whole session in Spanish: ID scan, face compare, liveness": the
		// language is a setting of the session, said back so that it is seen
		res.Assumptions = append(res.Assumptions, langsNote(pr.langNames))
	}
	res.Questions = append(settingsQuestions(res.Settings, opts, pr), qs...)
	return res, nil
}

// langsNote says that the sessions run in the languages named.
func langsNote(names []string) string {
	return "The sessions run in " + nounList(names) + ": languages are a setting of the session (settings.langs), not a step of the flow."
}

func hasKind(steps []*step, k kind) bool { return findKind(steps, k) >= 0 }

func onFailureQuestion() Question {
	return Question{ID: "on_failure", Text: "What should happen when a check fails?",
		Options: []string{"end politely", "offer retry", "hand to a human"}}
}

// resolveSteps settles what the text left open (channel, document types, age) from
// the answers or a default, and returns the questions still open.
func resolveSteps(p *plan, opts Options) []Question {
	var qs []Question
	asked := map[string]bool{}
	for _, s := range p.steps {
		if s.node != nil {
			continue
		}
		switch s.k {
		case kOTP:
			ch := strings.ToLower(strings.TrimSpace(opts.OTPChannel))
			switch {
			case strings.Contains(ch, "mail"):
				s.k = kEmailOTP
			case ch != "":
				s.k = kSMSOTP
			default:
				s.k = kSMSOTP
				if !asked["otp_channel"] {
					asked["otp_channel"] = true
					qs = append(qs, Question{ID: "otp_channel", Text: "Should the one-time code go by SMS or by email?", Options: []string{"sms", "email"}})
					p.assumptions = append(p.assumptions, "The one-time code goes by SMS; answer otp_channel to send it by email instead.")
				}
			}
		case kDocument:
			if len(s.docTypes) == 0 {
				if dt := cleanDocTypes(opts.DocumentTypes); len(dt) > 0 {
					s.docTypes = dt
				} else if !asked["documents"] {
					asked["documents"] = true
					qs = append(qs, Question{ID: "documents", Text: "Which identity documents should the scan accept?", Options: flow.DocumentTypes()})
					p.assumptions = append(p.assumptions, "The document scan accepts a passport, a national ID card or a driver's license.")
				}
			}
		case kAgeCheck:
			if opts.MinAge > 0 {
				s.minAge = opts.MinAge
			} else if s.minAge == 18 && !asked["min_age"] && !s.explicitAge {
				asked["min_age"] = true
				qs = append(qs, Question{ID: "min_age", Text: "What is the minimum age?", Options: []string{"18", "21"}})
				p.assumptions = append(p.assumptions, "The age check requires the user to be older than 18.")
			}
			if !hasKind(p.steps, kDocument) && !hasTopic(p.steps, tDOB) {
				p.assumptions = append(p.assumptions, "The age check reads the date of birth from the session's provided data; add an ID scan to read it from a document.")
			}
		case kFaceCompare:
			if s.threshold == 0 { // a threshold the text gave is no assumption
				p.assumptions = append(p.assumptions, "The face comparison passes at a similarity of 0.8 or more.")
			}
		}
	}
	return qs
}

func hasTopic(steps []*step, t topic) bool {
	for _, s := range steps {
		if s.topics&t != 0 {
			return true
		}
	}
	return false
}

func cleanDocTypes(in []string) []string {
	var out []string
	for _, d := range in {
		d = strings.ToLower(strings.TrimSpace(d))
		switch d {
		case "driver's license", "drivers license", "driver license", "driving licence", "license", "licence":
			d = "dl"
		case "id card", "national id", "identity card":
			d = "id"
		case "residence permit":
			d = "residence-permit"
		}
		if slices.Contains(flow.DocumentTypes(), d) && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

func settings(pr *parsed, opts Options) SessionSettings {
	s := SessionSettings{AvatarID: opts.AvatarID, Langs: opts.Langs}
	if s.AvatarID == "" {
		s.AvatarID = pr.avatar
	}
	if len(s.Langs) == 0 {
		s.Langs = pr.langs
	}
	return s
}

func settingsQuestions(s SessionSettings, opts Options, pr *parsed) []Question {
	var qs []Question
	if s.AvatarID == "" {
		qs = append(qs, Question{ID: "avatar", Text: "Which avatar should speak to the user? Until you choose, the session uses FaceSign's default avatar.",
			Options: []string{"default"}})
	}
	if len(s.Langs) == 0 {
		qs = append(qs, Question{ID: "langs", Text: "Which languages should the session offer? Until you choose, it runs in English.",
			Options: []string{"en", "es", "fr", "de", "it", "pt"}})
	}
	return qs
}

// result lays the plan out, validates it and describes it.
func (p *plan) result() (Result, error) {
	built := p.layout()
	problems := flow.Validate(built)
	if flow.HasErrors(problems) {
		// a builder bug; never hand out a flow FaceSign would refuse
		return Result{}, fmt.Errorf("%w (%s); please report this description", errBuiltInvalid, flow.Errors(problems)[0])
	}
	warnings := append([]flow.Problem(nil), p.warnings...)
	warnings = append(warnings, flow.Warnings(problems)...)
	if warnings == nil {
		warnings = []flow.Problem{}
	}
	assumptions := p.assumptions
	if assumptions == nil {
		assumptions = []string{}
	}
	return Result{Flow: built, Summary: p.summary(built), Warnings: warnings, Questions: []Question{}, Assumptions: dedupe(assumptions)}, nil
}

func dedupe(s []string) []string {
	out := s[:0]
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

var useCaseNames = map[useCase]string{
	ucGeneric: "verification", ucTransfer: "wire transfer step-up", ucCrypto: "crypto withdrawal step-up",
	ucPayoutChange: "payout account change", ucRecovery: "account recovery", ucPasswordReset: "password reset",
	ucOnboarding: "onboarding", ucEnrollment: "face enrollment", ucLogin: "login", ucSIMSwap: "SIM swap",
	ucNotarization: "remote notarization", ucCheckIn: "check-in", ucAge: "age verification",
	ucEmailChange: "email change", ucPayment: "payment approval", ucDevice: "device recovery",
}

// summary is one paragraph a developer can read back to check the flow.
func (p *plan) summary(f flow.Flow) string {
	var parts []string
	for i, s := range p.steps {
		switch {
		case s.option:
			continue // said with the choice before it
		case s.isChoice() && i+1 < len(p.steps):
			parts = append(parts, describeChoice(s, p.steps[i+1]))
		default:
			if d := describeStep(s); d != "" {
				parts = append(parts, d)
			}
		}
	}
	var b strings.Builder
	name := useCaseNames[p.uc]
	if strings.ContainsRune("aeiou", rune(name[0])) {
		b.WriteString("An ") // "an email change flow"
	} else {
		b.WriteString("A ")
	}
	b.WriteString(name)
	b.WriteString(" flow of ")
	b.WriteString(strconv.Itoa(len(f)))
	b.WriteString(" nodes: the avatar ")
	b.WriteString(joinAnd(parts))
	b.WriteString(".")
	for _, s := range p.steps {
		if s.k != kRecognition {
			continue
		}
		b.WriteString(" A recognised user goes on to a liveness check; a new or unseen face gets its own liveness check")
		branch := s.branch
		if len(branch) > 0 && branch[0].k == kLiveness {
			branch = branch[1:] // the new-user path's own liveness check, said already
		}
		if then := describeSteps(branch); then != "" {
			b.WriteString(", then the avatar " + then + ".")
			if j := slices.IndexFunc(p.steps, func(m *step) bool { return m.joins }); j >= 0 {
				b.WriteString(" New users then go on to the " + p.steps[j].k.String() + " with everyone else.")
			}
		} else {
			b.WriteString(" and is told no account matched.")
		}
		break
	}
	for _, s := range p.steps {
		if then := describeSteps(s.fallback); then != "" {
			again := ""
			if s.bounded() {
				again = " a second time" // the first failure is offered again (below)
			}
			b.WriteString(" When the " + s.k.String() + " " + s.failure() + again + ", the avatar " + then + " instead")
			if s.deepfakeOnly() {
				b.WriteString(", and the session ends unverified")
			}
			b.WriteString(".")
		}
	}
	// steps retried on their own (step.retry): said first, and the policy then
	// speaks of the other checks
	var retried []string
	other := ""
	for _, s := range p.steps {
		if s.handedOver() {
			other = " other" // a handover said above: the policy is for the rest
		}
		if s.bounded() {
			b.WriteString(" " + boundedNote(s, p.policy))
			other = " other"
			continue
		}
		if s.retry && retryable(s.k) && p.policy != "retry" {
			retried = append(retried, "the "+s.k.String())
		}
	}
	if len(retried) > 0 {
		b.WriteString(" When " + orList(retried) + " fails, the avatar offers to try it again, and ends politely if the user declines.")
		other = " other"
	}
	if live := findKind(p.steps, kLiveness); live >= 0 && !p.steps[live].bounded() && (p.policy == "retry" || p.steps[live].retry) && len(p.steps[live].fallback) == 0 {
		b.WriteString(" A detected deepfake is never offered again: it ends the session.")
	}
	switch p.policy {
	case "retry":
		if other != "" {
			// (a bounded step said first: the policy is for the rest, rvC13 9)
			b.WriteString(" When another check fails, the avatar offers to try it again, and ends politely if the user declines.")
		} else {
			b.WriteString(" When a check fails, the avatar offers to try it again, and ends politely if the user declines.")
		}
	case "human":
		b.WriteString(" When any" + other + " check fails the avatar hands the user to a member of the team.")
		if live := findKind(p.steps, kLiveness); live >= 0 && len(p.steps[live].fallback) == 0 && !p.attackSaid && p.quiet&quietOther == 0 {
			// (layout's one deepfake rule: a caught attack is not handed over)
			b.WriteString(" A detected deepfake is not handed over: it ends the session.")
		}
	default:
		b.WriteString(" Any" + other + " failed check ends the session with a polite message.")
	}
	return strings.Replace(b.String(), "A onboarding", "An onboarding", 1)
}

// boundedNote says what a bounded retry does (layout.bounded): one more
// attempt, then the fallback or the end; a caught deepfake is not retried.
func boundedNote(s *step, policy string) string {
	return "When the " + s.k.String() + " fails, the avatar offers one more try at it (two attempts in all), and " + boundedEnd(s, policy)
}

// boundedEnd says where a bounded retry's second failure goes.
func boundedEnd(s *step, policy string) string {
	then := "a second failure ends the session with a polite message."
	if policy == "human" {
		// (every failure is handed over: the failure message is the handover)
		then = "a second failure hands the user to a member of the team."
	}
	if len(s.fallback) > 0 && !s.deepfakeOnly() {
		then = "a second failure goes to its fallback."
	}
	if s.k == kLiveness {
		then += " A detected deepfake is never offered again."
	}
	if s.failedTimes && s.attempts > 1 {
		then += " Each attempt takes one code entry, so the code can be entered " + strconv.Itoa(s.attempts) + " times in all, as the text's count says."
	}
	return then
}

// describeSteps says what the avatar does in steps, for the summary ("scans an
// identity document, and sends a one-time code by SMS"); "" when nothing.
func describeSteps(steps []*step) string {
	var parts []string
	for _, s := range steps {
		if d := describeStep(s); d != "" {
			parts = append(parts, d)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return nounList(parts)
}

func describeStep(s *step) string {
	switch s.k {
	case kGreeting:
		return "greets the user"
	case kPermissions:
		if s.noMic || s.node != nil && s.node.Permissions != nil && !s.node.Permissions.Microphone {
			return "asks for camera access" // "we only need the camera, turn the mic off"
		}
		return "asks for camera and microphone access"
	case kLiveness:
		return "checks liveness"
	case kFaceScan:
		return "captures a face scan"
	case kFaceCompare:
		a, b := "the document photo", "the live video"
		if s.srcA != nil {
			a = sourceName(s.srcA.Source)
		}
		if s.srcB != nil {
			b = sourceName(s.srcB.Source)
		}
		return "compares " + a + " with " + b
	case kRecognition:
		return "recognises the face against enrolled users"
	case kDocument:
		return "scans an identity document"
	case kEnterEmail:
		return "asks for an email address"
	case kEmailOTP:
		return "sends a one-time code by email"
	case kSMSOTP, kOTP:
		return "sends a one-time code by SMS"
	case kAgeCheck:
		if s.ageUnder {
			return "checks the user is younger than " + strconv.Itoa(s.currentAge())
		}
		return "checks the user is older than " + strconv.Itoa(s.currentAge())
	case kExpiryCheck:
		return "checks the document has not expired"
	case kMatchCheck:
		if v := s.rule(); v != nil && strings.EqualFold(v.Action, "endsWith") {
			return "checks the " + v.Field + " ends with " + v.Value
		}
		return "checks the " + s.field + " matches the one on file"
	case kAsk:
		if s.readBack != "" && !s.userReads {
			return "reads " + s.readBack + " back to the user to confirm"
		}
		prompt := askPrompt(s, ucGeneric, "", "")
		if s.node != nil && strings.HasPrefix(s.node.Prompt, "Ask the user ") && s.phrase == "" && s.topics == 0 {
			prompt = s.node.Prompt // (a question Edit read back says what it asks, not a stock one)
		}
		return "asks " + strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(prompt, "."), "Ask "), ", and listen to the answer")
	case kInform:
		if s.handsOver() {
			return "hands the user to a member of the team"
		}
		return "explains what happens next"
	case kClosing:
		return "closes with a thank-you"
	}
	return ""
}

func sourceName(s string) string {
	switch s {
	case "documentPhoto":
		return "the document photo"
	case "faceScan":
		return "the face scan"
	case "providedData":
		return "the photo you provide"
	}
	return "the live video"
}

// unplacedSuggestion: a note that a suggestion was acted on ("so the flow does
// what it suggests (\"X\")") when another note says no step matches X: the
// flow did not do it, and the two would contradict each other (rvX18 X19).
func unplacedSuggestion(a string, all []string) bool {
	const mark = "as a suggestion for the flow, so the flow does what it suggests (\""
	i := strings.Index(a, mark)
	if i < 0 {
		return false
	}
	rest := a[i+len(mark):]
	j := strings.Index(rest, "\")")
	if j < 0 {
		return false
	}
	return slices.Contains(all, "No step matches \""+rest[:j]+"\", so the flow does not include it; describe it as a step (for example a question for the avatar) if it should be one.")
}
