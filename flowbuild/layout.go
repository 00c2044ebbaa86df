package flowbuild

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// plan is a flow before it has nodes: ordered steps plus what shapes the prompts.
// Build makes one from a description, Edit from an existing flow; layout turns either
// into nodes with FaceSign's patterns.
type plan struct {
	steps  []*step
	uc     useCase
	amount string
	noun   string // the text's word for a payment ("withdrawal"), or ""
	whom   string // the role the user plays, named in the lines the avatar words itself ("parent"), or "": findWhom
	policy string // end, retry, human; a step's own retry (step.retry) holds whatever it says
	endID  string // the end node's id, once layout has taken it
	// change is the text of the change Edit reads, for entryKept
	change string
	// said holds the tokens of the sentence Edit read last, which the tests
	// of a sentence, its parts and apply share (sentenceTokens)
	said sentenceTokens
	// refusesKnown: the recognition searches a list of people to turn away
	// (namesExclusionList): its recognised path ends on their refusal
	refusesKnown bool

	// nodes of an existing flow, reused with their ids by role
	start, end, failure, newUserLive, newUserConv *flow.Node
	// handsEvery: a change sent every failed check to a person and named no
	// one step ("if a check fails, hand them to an agent"): the edited flow's
	// stock "try again later" line gives way to the handover's (layout)
	handsEvery bool
	// attackSaid: the text names a caught deepfake ("if it's a deepfake,
	// hand them over too"); without it, a second failure's handover on the
	// failure node never takes one (layout, its one deepfake rule)
	attackSaid bool
	// dfSeen, dfEnd: in Edit, the nodes the flow's liveness checks send a
	// caught deepfake to (roles), and the one that is its own ending next to
	// a handover (readDeepfakeEnd), which layout writes again
	dfSeen      []string
	dfEnd       string
	retry       map[string]*flow.Node // by the id of the step they retry
	again       map[string]*flow.Node // a bounded retry's second attempt (step.once), by the id of the step it repeats
	transitions map[string]*flow.Node // by the id of the liveness they follow

	warnings    []flow.Problem
	assumptions []string

	quiet quietLines        // the lines layout adds on its own that the text ruled out
	tones map[string]string // the tone the avatar speaks a line in, by role ("greeting", "closing", "failure"; "" for every line): tone.go

	touched  *step   // the step the last change added or replaced ("move it to the start")
	removed  int     // 1 + where the last change removed a step ("put X in its place"), or 0
	gone     kindSet // the kinds this change removed: saying again that one is gone is no error
	prevPart []token // the instruction before, whose steps a "swap them" after it points back at
	named    []kind  // the steps of the flow the sentence before named or removed, for a "take both out" after it
	// a told line and the step it speaks of ("tell them which number we're
	// texting"), put right before that step once the sentence is applied
	sayBefore [][2]*step
	// heldPlace: the sentence's place names the step already there ("the
	// code at the end: make it 8 digits"), for configure; set and cleared
	// around it
	heldPlace bool
}

// quietLines are lines layout would add on its own that the text ruled out.
type quietLines uint8

const (
	quietGreeting quietLines = 1 << iota // "no greeting", "lose the greeting and the goodbye"
	quietClosing                         // "no goodbye"
	quietOther                           // the line after a liveness check, the failure message, the new-user line, a fallback's "let's try another way"

	// quietAll: "don't have the avatar say anything at all": no line the text
	// did not ask for; a failed check ends the session without a word
	quietAll = quietGreeting | quietClosing | quietOther
)

// looksUp reports whether the flow starts by looking the user up among enrolled
// faces: its greeting and closing then speak to returning users as well as new
// ones ("first time, enroll their face; after that, recognise them").
func (p *plan) looksUp() bool {
	return findKind(p.steps, kRecognition) >= 0
}

func (p *plan) warn(code, msg, fix string) {
	p.warnings = append(p.warnings, flow.Problem{Severity: flow.SeverityWarning, Code: code, Message: msg, Fix: fix})
}

// normalize applies FaceSign's patterns to the step list: a greeting first, a closing
// last, and a liveness check straight after every recognition.
func (p *plan) normalize() {
	steps := p.steps[:0:0]
	var greet, closing *step
	for _, s := range p.steps {
		switch s.k {
		case kGreeting:
			if greet == nil {
				greet = s
			}
		case kClosing:
			if closing == nil {
				closing = s
			} else if closing.auto && !s.auto {
				closing = s
			}
		default:
			steps = append(steps, s)
		}
	}
	steps = settleChoices(steps)
	// liveness after recognition
	for i := 0; i < len(steps); i++ {
		if steps[i].k != kRecognition {
			continue
		}
		if i+1 < len(steps) && steps[i+1].k == kLiveness {
			continue
		}
		// the nearest liveness not already serving another recognition moves here
		moved := false
		for j := i + 2; j < len(steps) && !moved; j++ {
			if steps[j].k == kRecognition {
				break
			}
			if steps[j].k == kLiveness {
				l := steps[j]
				steps = append(steps[:j], steps[j+1:]...)
				steps = insertStep(steps, i+1, l)
				p.assumptions = append(p.assumptions, "Moved the liveness check to straight after face recognition, as FaceSign recommends.")
				moved = true
			}
		}
		for j := i - 1; j >= 0 && !moved; j-- {
			if steps[j].k == kLiveness && (j == 0 || steps[j-1].k != kRecognition) {
				l := steps[j]
				steps = append(steps[:j], steps[j+1:]...)
				i--
				steps = insertStep(steps, i+1, l)
				p.assumptions = append(p.assumptions, "Moved the liveness check to straight after face recognition, as FaceSign recommends.")
				moved = true
			}
		}
		if !moved {
			steps = insertStep(steps, i+1, &step{k: kLiveness, auto: true})
			p.warn("liveness_added", "Recognition alone does not prove a live person is on camera, so a liveness check was added after it.",
				"Keep the liveness check after recognition; remove it only if another step already proves liveness.")
		}
	}
	// liveness after a recognition on a fallback ("if the code fails, fall back
	// to face recognition"): a recognised user there reaches the rest of the
	// flow too, so a photo of an enrolled face must not pass, unless a liveness
	// check of the main path still lies ahead
	for i, s := range steps {
		r := slices.IndexFunc(s.fallback, func(f *step) bool { return f.k == kRecognition })
		if r < 0 || r+1 < len(s.fallback) && s.fallback[r+1].k == kLiveness || slices.ContainsFunc(steps[i+1:], func(m *step) bool { return m.k == kLiveness }) {
			continue
		}
		s.fallback = insertStep(slices.Clone(s.fallback), r+1, &step{k: kLiveness, auto: true})
		p.warn("liveness_added", "Recognition alone does not prove a live person is on camera, so a liveness check was added after the fallback's recognition.",
			"Keep the liveness check after recognition; remove it only if another step already proves liveness.")
	}
	for _, s := range steps {
		if len(s.ruledOut) > 0 {
			// a place ruled out of a step, read once the liveness checks sit
			// after their recognitions (a move may have put it back)
			p.assumptions = append(p.assumptions, ruledOutNote(steps, s))
		}
	}
	// a data check reads what an earlier step collected: the age and the expiry
	// from the document, the email from the email entry
	for _, need := range [][2]kind{{kAgeCheck, kDocument}, {kExpiryCheck, kDocument}, {kMatchCheck, kEnterEmail}} {
		for i := 0; i < len(steps); i++ {
			if steps[i].k != need[0] || steps[i].node != nil {
				continue
			}
			src := -1
			for j := i + 1; j < len(steps); j++ {
				if steps[j].k == need[1] {
					src = j
					break
				}
			}
			if src < 0 {
				continue
			}
			c := steps[i]
			steps = append(steps[:i], steps[i+1:]...)
			steps = insertStep(steps, src, c)
			p.assumptions = append(p.assumptions, "The "+c.k.String()+" comes after the "+need[1].String()+" it reads from.")
			i--
		}
	}
	// camera and microphone access comes before the first video work
	for i, s := range steps {
		if s.k != kPermissions {
			continue
		}
		for j := 0; j < i; j++ {
			if kindNodeType[steps[j].k] != "" && videoKind(steps[j].k) {
				steps = append(steps[:i], steps[i+1:]...)
				steps = insertStep(steps, j, s)
				p.assumptions = append(p.assumptions, "Camera and microphone permission comes before the first video check.")
				break
			}
		}
		break
	}
	if greet == nil && (p.quiet&quietGreeting == 0 || len(steps) == 0) {
		// (a flow with nothing else left keeps a greeting: it needs a node)
		greet = &step{k: kGreeting, auto: true}
	}
	if closing == nil && p.quiet&quietClosing == 0 {
		closing = &step{k: kClosing, auto: true}
		// an explanation at the very end already closes the session
		if n := len(steps); n > 0 && steps[n-1].k == kInform {
			closing = nil
		}
	}
	out := steps
	if greet != nil {
		out = append([]*step{greet}, steps...)
	}
	if closing != nil {
		out = append(out, closing)
	}
	p.steps = out
}

func insertStep(s []*step, i int, x *step) []*step {
	s = append(s, nil)
	copy(s[i+1:], s[i:])
	s[i] = x
	return s
}

func videoKind(k kind) bool {
	switch k {
	case kLiveness, kRecognition, kFaceScan, kFaceCompare, kDocument:
		return true
	}
	return false
}

func hasVideo(steps []*step) bool {
	for _, s := range steps {
		switch s.k {
		case kLiveness, kRecognition, kFaceScan, kFaceCompare, kDocument:
			return true
		}
	}
	return false
}

// ids hands out readable, unique node ids, never one an existing node keeps.
type ids struct{ used map[string]bool }

func (g *ids) take(base string) string {
	id := base
	for n := 2; g.used[id]; n++ {
		id = base + "_" + strconv.Itoa(n)
	}
	g.used[id] = true
	return id
}

func baseID(s *step) string {
	switch s.k {
	case kGreeting:
		return "greeting"
	case kPermissions:
		return "permissions"
	case kLiveness:
		return "liveness"
	case kFaceScan:
		return "face_scan"
	case kFaceCompare:
		return "face_compare"
	case kRecognition:
		return "recognition"
	case kDocument:
		return "document_scan"
	case kEnterEmail:
		return "enter_email"
	case kEmailOTP:
		return "email_code"
	case kSMSOTP, kOTP:
		return "sms_code"
	case kAgeCheck:
		return "age_check"
	case kMatchCheck:
		return s.field + "_match"
	case kExpiryCheck:
		return "not_expired"
	case kAsk:
		return askID(s)
	case kInform:
		return "explain"
	case kClosing:
		return "closing"
	}
	return "step"
}

// setAge sets an age check's node (its validation and two outcomes, whose
// targets stay) to the age limit: a minimum, or with under an upper limit the
// user must be younger than ("youngerThan", which the sandbox's data
// validation reads as it does "olderThan").
//
// An edited node keeps its outcomes' ids (the integrator's "adult"/"minor")
// unless its direction turns; a node of another shape keeps its outcomes.
func setAge(n *flow.Node, minAge int, under bool) {
	age := strconv.Itoa(minAge)
	action := "olderThan"
	ids := [2]string{"old_enough", "too_young"}
	conds := [2]string{"The date of birth shows the user is at least " + age, "The user is younger than " + age + ", or the date of birth is missing"}
	if under {
		action = "youngerThan"
		ids = [2]string{"young_enough", "too_old"}
		conds = [2]string{"The date of birth shows the user is younger than " + age, "The user is " + age + " or older, or the date of birth is missing"}
	}
	turned := !strings.EqualFold(n.Validation.Action, action)
	n.Validation.Value, n.Validation.Action = age, action
	if len(n.Outcomes) != 2 {
		return
	}
	for i := range ids {
		if turned {
			n.Outcomes[i].ID = ids[i]
		}
		n.Outcomes[i].Condition = conds[i]
	}
}

// layout turns the plan into a flow.
func (p *plan) layout() flow.Flow {
	p.normalize()
	g := &ids{used: map[string]bool{}}
	for _, s := range p.steps {
		if s.node != nil {
			g.used[s.node.ID] = true
		}
		for _, o := range s.options {
			if o.node != nil {
				g.used[o.node.ID] = true // (chain takes it back for the option)
			}
		}
	}
	for _, n := range []*flow.Node{p.start, p.end, p.failure, p.newUserLive, p.newUserConv} {
		if n != nil {
			g.used[n.ID] = true
		}
	}
	for _, m := range []map[string]*flow.Node{p.retry, p.again, p.transitions} {
		for _, n := range m {
			g.used[n.ID] = true
		}
	}
	reuse := func(n *flow.Node, base string) string {
		if n != nil {
			return n.ID
		}
		return g.take(base)
	}
	startID := reuse(p.start, "start")
	endID := reuse(p.end, "end")
	p.endID = endID

	// the spine: the success path's nodes, with a conversation after every liveness check
	type slot struct {
		s          *step
		id         string
		transition bool // a conversation added after a liveness check
		after      *step
	}
	var spine []slot
	for i, s := range p.steps {
		id := ""
		if s.node != nil {
			id = s.node.ID
		} else {
			id = g.take(baseID(s))
		}
		spine = append(spine, slot{s: s, id: id})
		if s.k == kLiveness && i+1 < len(p.steps) && !p.steps[i+1].k.isConversation() && p.quiet&quietOther == 0 {
			var tid string
			if n := p.transitions[id]; n != nil {
				tid = n.ID
			} else {
				tid = g.take("after_" + id)
			}
			spine = append(spine, slot{s: &step{k: kInform, auto: true}, id: tid, transition: true, after: p.steps[i+1]})
		}
	}

	video := hasVideo(p.steps)
	out := make(flow.Flow, 0, len(spine)+8) // start, the spine, its branches and ends
	out = append(out, flow.Node{ID: startID, Type: flow.TypeStart, Next: spine[0].id})

	failID := ""
	failUsed := false
	failNode := func() string {
		if p.quiet&quietOther != 0 {
			return endID // the session ends without a word
		}
		failUsed = true
		if failID == "" {
			failID = reuse(p.failure, "failure")
		}
		return failID
	}
	failTarget := func(s *step, id string) string {
		if (p.policy == "retry" || s.retry) && retryable(s.k) {
			return "retry:" + id
		}
		return failNode()
	}
	var retries []retryOffer
	newUserLive, newUserConv := "", ""
	// where the main path closes: branches rejoin there
	closeID, closeInform := endID, false
	for i := len(spine) - 1; i >= 0; i-- {
		if k := spine[i].s.k; k == kClosing || k == kInform && i == len(spine)-1 {
			closeID, closeInform = spine[i].id, k == kInform
			break
		}
	}
	// where the new-user path rejoins: every user's step after the recognition
	// ("then an email code for everyone"), or the closing
	joinID, pastRecognition := closeID, false
	for _, sl := range spine {
		pastRecognition = pastRecognition || sl.s.k == kRecognition
		if pastRecognition && sl.s.joins && !sl.transition {
			joinID = sl.id
			break
		}
	}
	type fallback struct {
		s           *step
		entry, next string
	}
	var fallbacks []fallback
	var branches []flow.Node // the options of a choice beside the main path

	for i, sl := range spine {
		next := endID
		if i+1 < len(spine) {
			next = spine[i+1].id
		}
		s := sl.s
		var n flow.Node
		if s.node != nil {
			n = s.node.Clone()
		} else {
			n = flow.Node{ID: sl.id, Type: kindNodeType[s.k]}
			p.fill(&n, s, video)
		}
		n.ID = sl.id
		if sl.transition {
			if old := p.transitions[spine[i-1].id]; old != nil {
				n = old.Clone()
				if base, tone := untoned(n.Prompt); generatedTransition(base) {
					// the builder's own line announced the step that came next before
					// the change ("I'll send a code to your phone" with the SMS code
					// removed): it announces the one that comes next now, in its tone
					n.Prompt = toned(transitionPrompt(sl.after.k), cmp.Or(p.tones[""], tone))
				}
			} else {
				n.Prompt = toned(transitionPrompt(sl.after.k), p.tones[""])
				n.DoesNotRequireReply = true
			}
		}
		fail := ""
		hasFallback := len(s.fallback) > 0 && !sl.transition && canFail(s.k) && !s.isChoice() // (a choice has no failure: each option's own fails)
		if hasFallback {
			// a failure goes to the fallback, never to a retry of this step
			// the fallback rejoins the main path past the steps it has done again
			// in its own way: "fall back to a passport scan and compare that" goes
			// on after the main path's comparison, not to it
			rejoin := i + 1
			for rejoin < len(spine) && !spine[rejoin].transition && (redoes(s.fallback, spine[rejoin].s) || s.k == kAsk && spine[rejoin].s.onYes || comparesImageOf(spine[rejoin].s, s)) {
				rejoin++ // (a question's "no" answer goes on past what its "yes" led to)
			}
			fbNext := endID
			if rejoin < len(spine) {
				fbNext = spine[rejoin].id
			}
			if s.deepfakeOnly() {
				fbNext = failNode() // a caught attack's path ends unverified
			}
			fb := fallback{s: s, entry: g.take("fallback_" + sl.id), next: fbNext}
			fallbacks = append(fallbacks, fb)
			fail = fb.entry
		}
		once := bounded(s, &n) && !sl.transition
		if once && !hasFallback {
			fail = failNode() // the second attempt's failure ends as any failure does
		}
		if !once && !hasFallback && s.k != kGreeting && s.k != kClosing && s.k != kInform && !sl.transition && s.k != kRecognition && !s.isChoice() {
			fail = failTarget(s, sl.id)
			if strings.HasPrefix(fail, "retry:") {
				fail = p.retryID(g, sl.id)
				retries = append(retries, retryOffer{s: s, id: sl.id, to: sl.id, conv: fail})
			}
		}
		if once {
			// "let them try again once, then an ID scan": every failure offers the
			// retry, which leads to a second node of the step's kind; that node's
			// failure is the fallback's (or the failure message's). A caught
			// deepfake is never offered again: it fails as on the second attempt.
			second := n.Clone()
			second.ID = reuse(p.again[sl.id], "again_"+sl.id)
			second.Outcomes = p.mapOutcomes(s, second.Type, next, fail, hasFallback, failNode)
			rid := p.retryID(g, sl.id)
			n.Outcomes = p.mapOutcomes(s, n.Type, next, rid, false, failNode)
			if t, ok := second.Outcome("deepfakeDetected"); ok {
				n.SetOutcome("deepfakeDetected", t)
			}
			retries = append(retries, retryOffer{s: s, id: sl.id, to: second.ID, conv: rid})
			out = append(out, n, second)
			continue
		}
		switch {
		case s.isChoice() && i+1 < len(spine):
			rejoin := endID
			if i+2 < len(spine) {
				rejoin = spine[i+2].id
			}
			branches = append(branches, p.layChoice(g, &n, s, spine[i+1].s, next, rejoin, failNode, video)...)
		case n.Type == flow.TypeConversation || n.Type == flow.TypeDataValidation:
			p.wireList(&n, s, next, fail)
		case n.Type == flow.TypeRecognition:
			if newUserLive == "" {
				newUserLive = reuse(p.newUserLive, "liveness_new_user")
				newUserConv = reuse(p.newUserConv, "new_user")
			}
			n.Outcomes = []flow.Outcome{{ID: "recognized", Target: next}, {ID: "newUser", Target: newUserLive}, {ID: "noFace", Target: newUserLive}}
		default:
			n.Outcomes = p.mapOutcomes(s, n.Type, next, fail, hasFallback, failNode)
			if n.Type == flow.TypeLiveness && len(retries) > 0 && retries[len(retries)-1].s == s {
				// a caught deepfake is never offered again, as on a bounded
				// retry: another attempt would let the attack try until it passes
				n.SetOutcome("deepfakeDetected", failNode())
			}
		}
		out = append(out, n)
	}

	out = append(out, branches...)
	for _, r := range retries {
		var n flow.Node
		if old := p.retry[r.id]; old != nil {
			n = old.Clone()
		} else {
			n = flow.Node{ID: r.conv, Type: flow.TypeConversation, Prompt: retryPrompt(r.s.k)}
			if r.s.retryLine != "" {
				n.Prompt = "Say: " + trimDot(r.s.retryLine) + ". Would you like to try the " + r.s.k.String() + " again?"
			}
		}
		n.Outcomes = []flow.Outcome{
			{ID: "retry", Target: r.to, Condition: "The user wants to try again"},
			{ID: "stop", Target: failNode(), Condition: "The user does not want to try again"},
		}
		n.DoesNotRequireReply = false
		out = append(out, n)
	}
	if newUserLive != "" {
		failLive := failNode()
		lv := flow.Node{ID: newUserLive, Type: flow.TypeLiveness}
		if p.newUserLive != nil {
			lv = p.newUserLive.Clone()
		}
		var branch []*step
		for _, sl := range spine {
			if sl.s.k == kRecognition && len(sl.s.branch) > 0 {
				branch = sl.s.branch
				break
			}
		}
		if len(branch) > 0 && branch[0].k == kLiveness {
			// the new-user path asked for a liveness check first: the one every
			// new user goes through is that check, with its settings
			if p.newUserLive == nil {
				if branch[0].node != nil {
					lv = branch[0].node.Clone()
				} else {
					p.fill(&lv, branch[0], video)
				}
				lv.ID, lv.Type = newUserLive, flow.TypeLiveness
			}
			branch = branch[1:]
		}
		prompt, exit := newUserPrompt(p.uc), endID
		var chain []flow.Node
		if len(branch) > 0 {
			prompt = newUserBranchPrompt(p.uc)
			if !slices.ContainsFunc(branch, func(s *step) bool { return !s.k.isConversation() }) {
				prompt = newUserToldPrompt
			}
			join := joinID
			if last := branch[len(branch)-1]; join == closeID && last.k == kInform && strings.HasPrefix(last.phrase, "to ") &&
				!slices.ContainsFunc(branch, func(s *step) bool { return !s.k.isConversation() }) {
				// "if not recognised, tell them to see the pharmacist": sent
				// elsewhere, they end on that line, not on the closing that
				// tells the verified they are
				join = endID
			}
			var closing *flow.Node
			if join == closeID && closeInform && p.refusesKnown {
				// "if they're on the ban list, tell them access is refused and
				// stop; anyone off the list gets an SMS code": the line the
				// recognised path ends on is their refusal; the others, their
				// checks passed, close as verified on a closing of their own
				closing = &flow.Node{ID: reuse(nil, "new_user_closing"), Type: flow.TypeConversation, DoesNotRequireReply: true,
					Prompt: toned(closingPrompt(p.uc, p.noun, p.looksUp()), p.toneFor("closing"))}
				closing.Outcomes = []flow.Outcome{{ID: "done", Target: endID}}
				join = closing.ID
			}
			exit, chain = p.chain(g, branch, "new_user_", join, failNode, func() string { return endID }, video)
			if closing != nil {
				chain = append(chain, *closing)
			}
		}
		next := newUserConv
		if p.quiet&quietOther != 0 {
			next = exit // no line for new users: their check leads on to their path
		}
		lv.Outcomes = []flow.Outcome{{ID: "livenessDetected", Target: next}, {ID: "deepfakeDetected", Target: failLive}, {ID: "noFace", Target: failLive}}
		out = append(out, lv)
		if p.quiet&quietOther == 0 {
			nc := flow.Node{ID: newUserConv, Type: flow.TypeConversation, Prompt: toned(prompt, p.tones[""]), DoesNotRequireReply: true}
			if p.newUserConv != nil {
				nc = p.newUserConv.Clone()
				if stockNewUserLine(nc.Prompt) {
					// the builder's own line for a path that ends ("please sign up
					// first") or goes on: an edit that gave the path steps, or took
					// them away, changes which one it is
					nc.Prompt = prompt
				}
			}
			nc.Outcomes = []flow.Outcome{{ID: firstOutcomeID(p.newUserConv, "told"), Target: exit}}
			out = append(out, nc)
		}
		out = append(out, chain...)
	}
	for _, fb := range fallbacks {
		head, chain := p.chain(g, fb.s.fallback, "fallback_", fb.next, failNode, failNode, video)
		if fb.s.fallback[0].ends || p.quiet&quietOther != 0 || fb.s.k == kAsk {
			// the failure's own line, a quiet flow, or a question answered no
			// (nothing failed): no "let's try another way" before the fallback
			// the fallback's first step takes the entry's id; chain lays out a
			// step's own fallback (and a liveness check's line) before the step,
			// so the first node is not always the head
			for i := range chain {
				if chain[i].ID == head {
					chain[i].ID = fb.entry
					break
				}
			}
			out = append(out, chain...)
			continue
		}
		intro := flow.Node{ID: fb.entry, Type: flow.TypeConversation, DoesNotRequireReply: true,
			Prompt:   "Say: That didn't work, so let's try another way.",
			Outcomes: []flow.Outcome{{ID: "next", Target: head}}}
		out = append(out, intro)
		out = append(out, chain...)
	}
	// a caught deepfake is no second failure: where the flow-wide failure node
	// is the handover of a retried check (rvX18 X1), every liveness node's
	// caught deepfake (the main path's, a retry's second attempt, the new-user
	// path's, a fallback's) ends with the polite message instead, unless the
	// text itself speaks of deepfakes (plan.attackSaid). The one place this
	// rule lives: the nodes above map deepfakeDetected as any failure.
	if failID != "" && (p.policy == "human" || p.failure != nil && isHandoverLine(p.failure.Prompt)) && !p.attackSaid && p.quiet&quietOther == 0 {
		// (an edited flow's failure node is the handover whatever policy the
		// change set: "give it one more try" keeps the node a declined retry
		// goes to, and a deepfake must not reach it; rvD19 D1)
		dfID := ""
		for i := range out {
			if t, ok := out[i].Outcome("deepfakeDetected"); ok && out[i].Type == flow.TypeLiveness && t == failID {
				if dfID == "" {
					dfID = g.take("deepfake_end")
				}
				out[i].SetOutcome("deepfakeDetected", dfID)
			}
		}
		if dfID != "" {
			out = append(out, flow.Node{ID: dfID, Type: flow.TypeConversation, Prompt: toned(failurePrompt(p.uc, p.noun, ""), p.toneFor("failure")), DoesNotRequireReply: true,
				Outcomes: []flow.Outcome{{ID: "stop", Target: endID}}})
			why := "a check that fails"
			if len(retries) > 0 {
				why = "a check that fails a second time"
			}
			p.assumptions = append(p.assumptions, "A detected deepfake ends the session with a polite message: the handover is for "+why+", and a caught attack is not handed to a person.")
		}
	}
	// the same rule for a handover of one check (a liveness check's fallback
	// that hands over: "if liveness fails, hand off"): a caught deepfake ends
	// with the polite message, unless the text speaks of deepfakes (rvD19 D3)
	if p.quiet&quietOther == 0 && !p.attackSaid {
		out = p.deepfakeNotHandedOver(out, failID, endID, g)
	}
	if failUsed {
		n := flow.Node{ID: failID, Type: flow.TypeConversation, Prompt: toned(failurePrompt(p.uc, p.noun, p.policy), p.toneFor("failure")), DoesNotRequireReply: true}
		if p.failure != nil {
			n = p.failure.Clone()
			if base, tone := untoned(n.Prompt); p.policy == "human" && p.handsEvery && base != failurePrompt(p.uc, p.noun, "human") && base == failurePrompt(p.uc, p.noun, "") {
				// a change that hands every failure to a person ("if a check
				// fails, hand them to an agent"): the builder's own failure line
				// ("please try again later") would contradict it
				n.Prompt = toned(failurePrompt(p.uc, p.noun, p.policy), cmp.Or(p.toneFor("failure"), tone))
			}
		}
		n.Outcomes = []flow.Outcome{{ID: firstOutcomeID(p.failure, "stop"), Target: endID}}
		out = append(out, n)
	}
	endNode := flow.Node{ID: endID, Type: flow.TypeEnd}
	if p.end != nil {
		endNode = p.end.Clone()
	}
	out = append(out, endNode)
	return out
}

// deepfakeNotHandedOver re-points a liveness node's caught deepfake that
// reaches a handover line other than the flow-wide failure node (layout
// above handles that one) to a polite ending, and says so.
func (p *plan) deepfakeNotHandedOver(out []flow.Node, failID, endID string, g *ids) []flow.Node {
	byID := func(id string) *flow.Node {
		for i := range out {
			if out[i].ID == id {
				return &out[i]
			}
		}
		return nil
	}
	handsOver := func(id string) bool {
		for hop := 0; hop < 2 && id != "" && id != failID; hop++ {
			n := byID(id)
			if n == nil || n.Type != flow.TypeConversation {
				return false
			}
			if isHandoverLine(n.Prompt) {
				return true
			}
			if len(n.Outcomes) != 1 {
				return false
			}
			id = n.Outcomes[0].Target
		}
		return false
	}
	to := ""
	for i := range out {
		t, ok := out[i].Outcome("deepfakeDetected")
		if nf, _ := out[i].Outcome("noFace"); !ok || out[i].Type != flow.TypeLiveness || t == failID || nf != t || !handsOver(t) {
			// (a handover the deepfake alone goes to is one the text gave it:
			// "if we detect a deepfake, hand over to a human agent")
			continue
		}
		if to == "" {
			if failID != "" && (p.failure == nil && p.policy != "human" || p.failure != nil && !isHandoverLine(p.failure.Prompt)) {
				to = failID
			} else {
				to = g.take("deepfake_end")
				out = append(out, flow.Node{ID: to, Type: flow.TypeConversation, Prompt: toned(failurePrompt(p.uc, p.noun, ""), p.toneFor("failure")), DoesNotRequireReply: true,
					Outcomes: []flow.Outcome{{ID: "stop", Target: endID}}})
			}
			p.assumptions = append(p.assumptions, "A detected deepfake ends the session with a polite message: the handover is for a liveness check that finds no face, and a caught attack is not handed to a person.")
		}
		out[i].SetOutcome("deepfakeDetected", to)
	}
	return out
}

// mapOutcomes wires a node of a map shape: its success goes to next, its
// failures to fail, or, when the step falls back, to the failure message for
// the outcomes its fallback does not take ("if the headshot is missing": the
// other failures end as any failure does; a caught deepfake never falls back).
func (p *plan) mapOutcomes(s *step, t flow.NodeType, next, fail string, hasFallback bool, failNode func() string) []flow.Outcome {
	info, _ := flow.Info(t)
	outs := make([]flow.Outcome, 0, len(info.Outcomes))
	for j, name := range info.Outcomes {
		to := fail
		if j == 0 {
			to = next
		} else if hasFallback && (s.fallbackOn != "" && name != s.fallbackOn || attackCaught(s, name)) {
			to = failNode()
		}
		outs = append(outs, flow.Outcome{ID: name, Target: to})
	}
	return outs
}

// retryOffer is a retry the layout offers: the step retried, laid out as id;
// the node the retry goes to (the step itself, or its second attempt); and the
// conversation that asks (retryID's).
type retryOffer struct {
	s            *step
	id, to, conv string
}

// retryID is the id of the conversation that offers the step laid out as id
// again: the edited flow's, or a fresh one.
func (p *plan) retryID(g *ids, id string) string {
	if old := p.retry[id]; old != nil {
		return old.ID
	}
	return g.take("retry_" + id)
}

// bounded: the step's retry is bounded ("try again once", "one more go"): a
// second node of its kind takes the retry, and that node's failure ends or
// falls back, so the user gets two attempts and no more. Only a node with a map
// of outcomes (a check) is laid out so.
func bounded(s *step, n *flow.Node) bool {
	info, ok := flow.Info(n.Type)
	return s.bounded() && ok && info.Shape == flow.ShapeMap
}

// bounded: the step's retry is bounded to one more attempt (see layout's bounded).
func (s *step) bounded() bool {
	return s.once && s.retry && retryable(s.k) && canFail(s.k) && kindNodeType[s.k] != flow.TypeConversation && kindNodeType[s.k] != flow.TypeDataValidation
}

// attackCaught: the outcome is a caught deepfake that step.deepfakeRefused
// keeps from the step's fallback.
func attackCaught(s *step, outcome string) bool {
	return outcome == "deepfakeDetected" && s.deepfakeRefused()
}

// comparesImageOf: m is a comparison that reads the image the failed step f
// would have captured ("scan their ID, then compare it with their face; if the
// scan times out, send an email code instead"): a fallback around f has no
// such image, so it rejoins past the comparison, not at it. (A comparison with
// no source named reads the document's photo: plan.fill.)
func comparesImageOf(m, f *step) bool {
	return m.k == kFaceCompare && (readsImageOf(m, f.k) || f.k == kDocument && m.srcA == nil && m.node == nil)
}

// redoes: the fallback holds a check of m's kind, so m, right after the step
// that failed, has been done on the fallback already.
func redoes(fallback []*step, m *step) bool {
	if m.k.isConversation() || m.k == kClosing || m.k == kGreeting || fallback[len(fallback)-1].ends {
		return false
	}
	return slices.ContainsFunc(fallback, func(f *step) bool { return f.k == m.k })
}

// chain lays out steps that run on a branch (the new-user path of a recognition,
// the fallback of a failed step): each one's success leads to the next, the
// last one's to exit, every failure to the failure node, and a last line that
// ends the session (step.ends) to told. A liveness check is followed by a
// conversation, as on the main path. It returns the first node's id.
func (p *plan) chain(g *ids, steps []*step, prefix, exit string, fail, told func() string, video bool) (string, []flow.Node) {
	var nodes []flow.Node
	idsOf := make([]string, len(steps))
	for i, s := range steps {
		if s.node != nil && !g.used[s.node.ID] {
			g.used[s.node.ID] = true
			idsOf[i] = s.node.ID
		} else {
			idsOf[i] = g.take(prefix + baseID(s))
		}
	}
	for i, s := range steps {
		next := exit
		if i+1 < len(steps) {
			next = idsOf[i+1]
		}
		if s.ends && i+1 == len(steps) {
			// the line the text gave for this failure, then the session ends (a
			// step after it, "… and asks them to scan their passport", goes on);
			// a new user's path ends on its own line, no failure said after it
			if next = p.endID; !s.last {
				next = told()
			}
		}
		if s.k == kLiveness && (i+1 >= len(steps) || !steps[i+1].k.isConversation()) && p.quiet&quietOther == 0 {
			tid := g.take("after_" + idsOf[i])
			after := kClosing
			if i+1 < len(steps) {
				after = steps[i+1].k
			}
			nodes = append(nodes, flow.Node{ID: tid, Type: flow.TypeConversation, Prompt: toned(transitionPrompt(after), p.tones[""]), DoesNotRequireReply: true,
				Outcomes: []flow.Outcome{{ID: "next", Target: next}}})
			next = tid
		}
		var n flow.Node
		if s.node != nil {
			n = s.node.Clone()
		} else {
			n = flow.Node{Type: kindNodeType[s.k]}
			p.fill(&n, s, video)
		}
		n.ID = idsOf[i]
		failTo := fail
		if len(s.fallback) > 0 && canFail(s.k) {
			// "for new users … if the face doesn't match the ID, tell them to visit
			// a branch": a failure of a step on a branch goes to its own fallback,
			// which rejoins the branch where the step would have
			head, fb := p.chain(g, s.fallback, prefix+"fallback_", next, fail, fail, video)
			nodes = append(nodes, fb...)
			failTo = func() string { return head }
		}
		switch n.Type {
		case flow.TypeConversation, flow.TypeDataValidation:
			f := ""
			if len(n.Outcomes) > 1 {
				f = failTo() // an age check's told line goes with it onto a branch
			}
			p.wireList(&n, s, next, f)
		default:
			info, _ := flow.Info(n.Type)
			var outs []flow.Outcome
			for j, name := range info.Outcomes {
				t := next
				if j > 0 && (attackCaught(s, name) || len(s.fallback) > 0 && s.fallbackOn != "" && name != s.fallbackOn) {
					// a fallback scoped to one outcome ("if the email code can't be
					// delivered") takes that one only, as on the main path
					// (mapOutcomes): a wrong code ends unverified
					t = fail()
				} else if j > 0 {
					t = failTo()
				}
				outs = append(outs, flow.Outcome{ID: name, Target: t})
			}
			n.Outcomes = outs
		}
		nodes = append(nodes, n)
	}
	return idsOf[0], nodes
}

func firstOutcomeID(n *flow.Node, def string) string {
	if n != nil && len(n.Outcomes) > 0 && n.Outcomes[0].ID != "" {
		return n.Outcomes[0].ID
	}
	return def
}

// wireList points a conversation's or data_validation's list outcomes: the first
// (positive) one forward, the others to the failure target.
func (p *plan) wireList(n *flow.Node, s *step, next, fail string) {
	if len(n.Outcomes) == 0 {
		n.Outcomes = []flow.Outcome{{ID: "next", Target: next}}
	}
	n.Outcomes[0].Target = next
	for i := 1; i < len(n.Outcomes); i++ {
		if fail == "" {
			fail = next
		}
		n.Outcomes[i].Target = fail
	}
	if fail == "" && len(n.Outcomes) > 1 {
		n.Outcomes = n.Outcomes[:1]
	}
}

// fill writes a new node's fields and its outcome ids and conditions (targets come later).
func (p *plan) fill(n *flow.Node, s *step, video bool) {
	switch s.k {
	case kGreeting:
		n.Prompt = greetingPrompt(p.uc, p.amount, p.noun, video, p.looksUp())
		if q, ok := ownLine(s.phrase); ok {
			n.Prompt = "Say: " + q // the user's own greeting, as written
		} else if s.phrase != "" {
			n.Prompt = withOpening(n.Prompt, s.phrase) // "the greeting should say welcome to Acme"
		}
		n.Prompt = toned(n.Prompt, p.toneFor("greeting"))
		n.DoesNotRequireReply = true
		n.Outcomes = []flow.Outcome{{ID: "next"}}
	case kClosing:
		n.Prompt = closingPrompt(p.uc, p.noun, p.looksUp())
		if q, ok := ownLine(s.phrase); ok {
			n.Prompt = "Say: " + q
		}
		n.Prompt = toned(n.Prompt, p.toneFor("closing"))
		n.DoesNotRequireReply = true
		n.Outcomes = []flow.Outcome{{ID: "done"}}
	case kInform:
		n.Prompt = toned(p.toWhom(informPrompt(s, p.uc, p.noun)), p.tones[""])
		n.DoesNotRequireReply = true
		n.Outcomes = []flow.Outcome{{ID: "next"}}
	case kAsk:
		n.Prompt = toned(p.toWhom(askPrompt(s, p.uc, p.amount, p.noun)), p.tones[""])
		okID, ok, badID, bad := askConditions(s)
		n.Outcomes = []flow.Outcome{{ID: okID, Condition: ok}, {ID: badID, Condition: bad}}
	case kPermissions:
		n.Prompt = "We need your camera and microphone for a short video check."
		n.Permissions = &flow.Permissions{Camera: true, Microphone: !s.noMic}
		if s.noMic {
			n.Prompt = "We need your camera for a short video check."
		}
		if q, ok := ownLine(s.phrase); ok {
			n.Prompt = q // the request in the text's own words
		}
	case kFaceScan:
		n.CaptureInstructions = "Center your face in the oval, remove glasses or hats, and hold still."
		if q, ok := ownLine(s.phrase); ok {
			n.CaptureInstructions = q // "capture instructions: "remove glasses and hats"": as written
		}
		if s.challenge || s.noChallenge {
			t := s.challenge
			n.RequireLivenessChallenge = &t
		}
		if s.threshold > 0 {
			th := s.threshold // "face scan, similarity threshold 0.9": face_scan takes one too
			n.SimilarityThreshold = &th
		}
	case kFaceCompare:
		n.SourceA, n.SourceB = s.srcA, s.srcB
		if n.SourceA == nil {
			n.SourceA = &flow.FaceSource{Source: "documentPhoto"}
		}
		if n.SourceB == nil {
			n.SourceB = &flow.FaceSource{Source: "sessionVideo"}
		}
		th := 0.8
		if s.threshold > 0 {
			th = s.threshold
		}
		n.SimilarityThreshold = &th
	case kDocument:
		n.ScanningMode = "automatic"
		if s.scanMode != "" {
			n.ScanningMode = s.scanMode
		}
		n.AllowedDocumentTypes = append([]string(nil), s.docTypes...)
		if len(n.AllowedDocumentTypes) == 0 {
			n.AllowedDocumentTypes = append([]string(nil), defaultDocTypes...)
		}
	case kEnterEmail:
		if p.uc == ucEmailChange {
			n.Prompt = "Please type the new email address you'd like to use."
		} else {
			n.Prompt = "Please type your email address."
		}
		if inner := strings.Trim(s.phrase, quoteW); strings.Contains(inner, "@") && !strings.ContainsAny(inner, " \t") {
			// "its placeholder: "you@company.com"": an example address, which a
			// sentence would capitalise
			n.Prompt += " For example: " + strings.TrimRight(inner, ".") + "."
		} else if line := userLine(s.phrase); line != "" {
			n.Prompt += " " + line
		}
	case kEmailOTP, kSMSOTP, kOTP:
		if s.otpLen > 0 {
			l := s.otpLen
			n.OTPLength = &l
		}
		if s.expiry > 0 {
			e := s.expiry
			n.ExpirySeconds = &e
		}
		if s.attempts > 0 {
			a := s.attempts
			if s.failedTimes && s.bounded() && a > 1 {
				// "retry any failed check once; if a check fails twice, …": the
				// failures counted are the two nodes' (one entry each), not
				// twice on each node (four entries)
				a = 1
			}
			n.MaxAttempts = &a
		}
	case kAgeCheck:
		n.Validation = &flow.Validation{Field: "dateOfBirth"}
		n.Outcomes = make([]flow.Outcome, 2)
		setAge(n, s.minAge, s.ageUnder)
	case kExpiryCheck:
		// FaceSign's document scan reads the expirationDate; the sandbox compares it
		// with the session clock's date
		n.Validation = &flow.Validation{Field: "expirationDate", Action: "after", Value: "today"}
		n.Outcomes = []flow.Outcome{
			{ID: "valid", Condition: "The document's expiration date is after today"},
			{ID: "expired", Condition: "The document has expired, or its expiration date is missing"},
		}
	case kMatchCheck:
		if c := s.check; c != nil {
			v := *c
			n.Validation = &v
			n.Outcomes = []flow.Outcome{
				{ID: "allowed", Condition: "The " + c.Field + " ends with " + c.Value},
				{ID: "not_allowed", Condition: "The " + c.Field + " does not end with " + c.Value + ", or is missing"},
			}
			break
		}
		f := s.field
		if f == "" {
			f = "email"
		}
		n.Validation = &flow.Validation{Field: f, Action: "equals", Value: "providedData." + f}
		from := "the user gave"
		if (f == "name" || f == "dateOfBirth" || f == "documentNumber") && p.find(kDocument) >= 0 {
			from = "on the document" // "compare the name on the licence with the booking name": read by the scan
		}
		n.Outcomes = []flow.Outcome{
			{ID: "matches", Condition: "The " + f + " " + from + " matches the one on file"},
			{ID: "different", Condition: "The " + f + " " + from + " differs from the one on file or is missing"},
		}
	}
}

// retryable: a failure of a step of kind k can be offered again (a question's
// answer or a data check cannot: trying again changes nothing).
func retryable(k kind) bool {
	return k != kAsk && k != kAgeCheck && k != kMatchCheck && k != kExpiryCheck
}

// toUser turns words about the user into words to them.
var toUser = strings.NewReplacer(" their ", " your ", " them ", " you ", " they ", " you ")

// userLine is a line the text asked for, as a sentence addressed to the user:
// what the email entry's prompt adds ("with the input prompt telling them to use
// their corporate address" gives "Use your corporate address.", "the
// placeholder should say 'work email only'" gives "Work email only.") and what
// the avatar says ("says good luck" gives "Good luck."); "" when it asked nothing.
func userLine(phrase string) string {
	if q, ok := ownLine(phrase); ok {
		return q
	}
	p := trimDot(strings.TrimSpace(phrase))
	p = strings.TrimPrefix(p, "to ")
	p = strings.TrimPrefix(p, "that ")
	if p == "" {
		return ""
	}
	p = toUser.Replace(" " + p + " ")
	p = strings.TrimSpace(p)
	return strings.ToUpper(p[:1]) + p[1:] + "."
}

// toWhom names the role the user plays (plan.whom) in a line the avatar words
// itself ("Ask the parent whether they consent …"); a "Say:" line, spoken as
// written, and a line with no "the user" stay as they are.
func (p *plan) toWhom(prompt string) string {
	if p.whom == "" || strings.HasPrefix(prompt, "Say:") || strings.HasPrefix(prompt, "Ask:") {
		return prompt
	}
	return strings.Replace(prompt, "the user", "the "+p.whom, 1)
}
