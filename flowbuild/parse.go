package flowbuild

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// kind is a step the language layer recognises; layout turns each into nodes.
type kind uint8

const (
	kNone kind = iota
	kGreeting
	kPermissions
	kLiveness
	kFaceScan
	kFaceCompare
	kRecognition
	kDocument
	kEnterEmail
	kEmailOTP
	kSMSOTP
	kOTP // a one-time code whose channel the text did not say
	kAgeCheck
	kMatchCheck
	kExpiryCheck // the document has not expired
	kAsk         // a conversation that waits for the user's answer
	kInform      // a conversation that only speaks
	kClosing
	kindCount
)

var kindNodeType = [kindCount]flow.NodeType{
	kGreeting: flow.TypeConversation, kPermissions: flow.TypePermissions, kLiveness: flow.TypeLiveness, kFaceScan: flow.TypeFaceScan,
	kFaceCompare: flow.TypeFaceCompare, kRecognition: flow.TypeRecognition, kDocument: flow.TypeDocumentScan,
	kEnterEmail: flow.TypeEnterEmail, kEmailOTP: flow.TypeTwoFactorEmail, kSMSOTP: flow.TypeTwoFactorSMS, kOTP: flow.TypeTwoFactorSMS,
	kAgeCheck: flow.TypeDataValidation, kMatchCheck: flow.TypeDataValidation, kExpiryCheck: flow.TypeDataValidation, kAsk: flow.TypeConversation, kInform: flow.TypeConversation,
	kClosing: flow.TypeConversation,
}

var kindNames = [kindCount]string{
	kGreeting: "greeting", kPermissions: "camera and microphone permission", kLiveness: "liveness check",
	kFaceScan: "face scan", kFaceCompare: "face comparison", kRecognition: "face recognition", kDocument: "ID document scan",
	kEnterEmail: "email entry", kEmailOTP: "email one-time code", kSMSOTP: "SMS one-time code", kOTP: "one-time code",
	kAgeCheck: "age check", kMatchCheck: "data check", kExpiryCheck: "expiry check", kAsk: "question", kInform: "explanation", kClosing: "closing line",
}

func (k kind) String() string {
	if k < kindCount && kindNames[k] != "" {
		return kindNames[k]
	}
	return "step"
}

// withArticle is the kind's name after "a" or "an", as it is read aloud: an
// SMS code, an ID document scan, an email entry, a one-time code.
func (k kind) withArticle() string {
	name := k.String()
	word, _, _ := strings.Cut(name, " ")
	an := false
	switch {
	case len(word) > 1 && strings.ToUpper(word) == word: // an initialism, said letter by letter
		an = strings.ContainsRune("AEFHILMNORSX", rune(word[0]))
	case strings.HasPrefix(word, "one"):
		an = false
	default:
		an = strings.ContainsRune("aeiou", rune(word[0]))
	}
	if an {
		return "an " + name
	}
	return "a " + name
}

func (k kind) isConversation() bool {
	return k == kGreeting || k == kAsk || k == kInform || k == kClosing
}

// kindSet is a set of kinds as a bit mask.
type kindSet uint32

func (s kindSet) has(k kind) bool { return s&(1<<k) != 0 }

// only is the set's one kind, or kNone for an empty set or one of two or more.
func (s kindSet) only() kind {
	if bits.OnesCount32(uint32(s)) != 1 {
		return kNone
	}
	return kind(bits.TrailingZeros32(uint32(s)))
}
func (s *kindSet) add(k kind) { *s |= 1 << k }

// topic is something a conversation asks or says.
type topic uint16

const (
	tTransfer topic = 1 << iota
	tCoercion
	tWallet
	tSecurity
	tDOB
	tCard
	tName
	tWilling
	tReason
	tFuture
	tWelcome
	tAddress
	tConsent // consent to the processing of their data
)

// speech is how the avatar passes on the words of an inform step.
type speech uint8

const (
	explains   speech = iota // "explain that we record the session": a goal, "Explain to the user that …"
	saysLine                 // "at the end avatar says good luck": the words are the line itself
	readsOut                 // "the avatar reads the rules: no phones, no notes": a text read to the user
	tellsThing               // "tell them their room number": a thing told, "Tell the user their room number."
	advises                  // "suggest they ask a parent", "advise them to call us": advice, "Suggest to the user that they …"
)

// step is one recognised step with its parameters.
type step struct {
	k            kind
	topics       topic
	phrase       string // the user's own words for a question, used when no topic fits
	speech       speech // kInform: how the phrase is said (as a line, read out, or explained)
	readBack     string // kAsk: the details read back to be confirmed ("the payee's name and sort code")
	userReads    bool   // kAsk: the user reads readBack out, not the avatar
	docTypes     []string
	onlyTypes    bool // kDocument: "driving licences only": the types named are all it accepts
	moreTypes    bool // kDocument: "also accept driving licences", "DLs are fine too": types added to those said with "only"
	srcA         *flow.FaceSource
	srcB         *flow.FaceSource
	ruledOut     []token // the words of a place the text rules out of the step ("shouldn't be last")
	ruledOutText string  // … and the clause that said it
	ruledOutFor  string  // … and who or where it was ruled out for ("on mobile"), which the flow cannot single out
	minAge       int
	ageUnder     bool             // kAgeCheck: minAge is an upper limit ("a youth pass: check they're under 18"): the user must be younger
	field        string           // kMatchCheck
	anyField     bool             // kMatchCheck: the text named no field ("validate the extracted data"); a check said beside it is that check (foldDataCheck)
	check        *flow.Validation // kMatchCheck: a rule the text spelled out ("the email ends with @contoso.com")
	otpLen       int
	expiry       int
	attempts     int
	failedTimes  bool    // attempts counts how often the text lets the code fail ("if a check fails twice"): a bounded retry's two nodes share them (layout)
	mic          bool    // permissions: the text named the microphone
	noMic        bool    // permissions: the camera only
	threshold    float64 // face_compare, face_scan: a similarity threshold the text gave
	scanMode     string  // document_scan: a scanning mode the text gave
	noChallenge  bool    // face_scan: the text turned the liveness challenge off
	challenge    bool    // face_scan: a liveness challenge was asked for
	front, back  bool
	penult       bool // with back: the place before the last step ("second to last", "the one before last")
	again        bool
	explicitAge  bool // the age came from a number in the text
	pos          int
	branch       []*step    // recognition: the steps a new user goes through instead
	fallback     []*step    // the steps tried when this one fails
	fallbackOn   string     // the one outcome that goes to the fallback ("if the headshot is missing": imageUnavailable); "" for every failure
	retry        bool       // a failure offers this step again ("if the liveness check fails, offer a retry")
	once         bool       // … and only once ("try again once", "one more go, then an ID scan"): layout.bounded
	noRetry      bool       // the text rules out its retry ("no second chance on the SMS code"), whatever the retry of every check says
	retryLine    string     // the text's own line said as the retry is offered ("say 'Let's try once more' and retry it"): the retry question's opening
	deepfakeEnds bool       // kLiveness: a caught deepfake ends the session whatever the fallback ("if a deepfake is detected, end the session"; a second failure's path, which a deepfake, never retried, has none of)
	otherAges    []int      // kAgeCheck: other limits the text gave it ("but 21+ in Arizona"), said in an assumption
	ends         bool       // on a fallback or a new-user path: what the avatar says before the session ends ("if the SMS code fails, tell them to call the helpline", "if not found, tell them to contact the office and end")
	last         bool       // … with ends on a fallback: nothing is said after it (a handover: a "we couldn't verify you" after "a member of our team will contact you" would contradict it)
	hands        bool       // … a line of the text's own that hands the user over ("the avatar says 'An agent will call you' and hands over to a human")
	auto         bool       // added by the builder, not named by the user
	channel      bool       // kEmailOTP read from a bare "email" on a code's fallback ("fall back to email"): an entry if a code of its own follows
	resume       bool       // named after a verb of going on ("then carry on to liveness"): where a fallback rejoins
	options      []*step    // kAsk: the user's choice (choice.go): the options beside the first, which is the next step
	choice       bool       // kAsk: a choice between options (choice.go)
	option       bool       // the first option of the choice question before it (choice.go)
	onYes        bool       // said under the "yes" answer to the question before it ("if yes, scan it"): the "no" answer's path skips it
	joins        bool       // every user's step after a recognition ("then an email code for everyone"): where its new-user path rejoins
	label        bool       // named by a label ("2FA", "MFA"): a later description of it sets its place
	vague        bool       // recognition from a match that named nobody to search ("face match for payout changes"): a comparison described later is that match
	vagueNote    string     // why a comparison became such a recognition, noted if nothing later turns it back
	purpose      bool       // a label beside a login word ("2FA at login"): the flow's purpose, a code only if nothing else verifies
	purposeFor   bool       // … a label followed by what it protects ("MFA for payments"), no login named: a purpose only when the text names a code elsewhere
	renews       bool       // … a label beside what is done to the factor itself ("their MFA reset", "2FA recovery"): the purpose, said as such
	sent         int16      // Build: 1 + the sentence that named the step, for "…, but only after X"
	node         *flow.Node // the node this step came from (Edit), reused with its id and fields
}

// fallbackLine is the step's fallback when that is only a line said before
// the session ends (a handover, "tell them to call the helpline"), or nil.
func (s *step) fallbackLine() *step {
	if s == nil || len(s.fallback) != 1 || s.fallback[0].k != kInform || !s.fallback[0].ends {
		return nil
	}
	return s.fallback[0]
}

// lineToRetry: the step's failure says only a line of the text's own, said
// under the condition that now offers the step again ("If liveness fails, say
// 'Let's try once more' and retry it"): the line is the retry's, said on the
// first failure as the retry is offered, never what a second failure says
// before the end (or a handover).
func (p *parsed) lineToRetry(s *step) bool {
	fb := s.fallbackLine()
	if fb == nil || fb.hands || fb.node != nil || !retryable(s.k) || fb.phrase == "" {
		return false
	}
	s.retryLine, s.fallback = strings.Trim(fb.phrase, "\""), nil
	said := "(\"" + s.retryLine + "\")"
	for i, n := range p.notes {
		if strings.HasPrefix(n, "When the "+s.k.String()+" ") && strings.Contains(n, said) {
			p.notes[i] = "When the " + s.k.String() + " fails, the avatar says what the text asks " + said + " as it offers one more try."
		}
	}
	return true
}

// settleHandovers says each handover a step's failure kept once every step
// is read, or turns them back into the handover of every failure when no
// other step of the flow can fail ("Liveness check. If it fails, hand them to
// a human agent"), wherever the text named the steps ("…; if they refuse,
// hand over to a human. Then liveness." has one more). A line given later in
// the handover's place (fallbackLine) took it away already.
func (p *parsed) settleHandovers() {
	if !handsOverAny(p.steps) {
		return
	}
	if !slices.ContainsFunc(p.steps, func(s *step) bool { return canFail(s.k) && !s.handedOver() }) {
		for _, s := range p.steps {
			if s.handedOver() && !s.fallback[len(s.fallback)-1].hands {
				// (a line of the text's own stays that failure's, said as
				// routed: conditions.go)
				s.fallback = nil
				p.policy = "human"
			}
		}
		return
	}
	for _, s := range p.steps {
		if s.handedOver() && !s.fallback[len(s.fallback)-1].hands {
			again := ""
			if s.bounded() {
				again = " a second time" // (the first failure offers the retry: layout)
			}
			ends := ""
			if s.deepfakeEnds {
				ends = " A detected deepfake is not handed over: it ends the session."
			}
			p.notes = append(p.notes, "When the "+s.k.String()+" "+s.failure()+again+", the avatar hands the user to a member of the team and the session ends."+ends)
		}
	}
}

// handOverSecondFailures gives each check of seq that can fail one more try
// and hands its second failure to a person (a caught deepfake is never
// retried, and ends: step.deepfakeEnds).
func (p *parsed) handOverSecondFailures(seq []*step) {
	for _, s := range seq {
		if canFail(s.k) && len(s.fallback) == 0 && !s.noRetry {
			if retryable(s.k) {
				s.retry, s.once = true, true
			}
			s.deepfakeEnds = s.k == kLiveness
			s.fallback = []*step{{k: kInform, speech: saysLine, phrase: handoverLine, ends: true, last: true}}
		}
	}
}

// handsOverAny: some step's failure goes to a person.
func handsOverAny(steps []*step) bool {
	return slices.ContainsFunc(steps, (*step).handedOver)
}

// handedOver: the step's failure goes to a person (its fallback ends on a
// handover).
func (s *step) handedOver() bool {
	n := len(s.fallback)
	return n > 0 && s.fallback[n-1].handsOver()
}

// handsOver: the line hands the user to a person (a fallback's handover,
// built here or read back from a flow Build made).
func (s *step) handsOver() bool {
	return s.k == kInform && (s.hands || s.phrase == handoverLine || s.node != nil && s.node.Prompt == "Say: "+handoverLine)
}

// failure says how the step fails when its fallback takes over: only a code
// that never arrived ("if the email bounces") or a comparison with no image
// falls back when fallbackOn names that outcome, and the summary must not
// promise the fallback to a user who typed a wrong code.
func (s *step) failure() string {
	switch s.fallbackOn {
	case "delivery_failed":
		return "can't be delivered"
	case "imageUnavailable":
		return "has no image to read"
	case "noFace":
		if s.deepfakeEnds && s.bounded() {
			return "fails" // (a second failure: a caught deepfake is never retried, and ends; settleHandovers says so)
		}
		return "finds no face"
	case "deepfakeDetected":
		return "catches a deepfake"
	}
	if s.deepfakeRefused() {
		return "finds no face" // a caught deepfake fails
	}
	if s.k == kAsk {
		return "is answered no" // "if not" after a question: its other answer
	}
	return "fails"
}

// fallbackRejoins: the step has a fallback that goes on along the flow, not
// one that only says something and ends the session.
func (s *step) fallbackRejoins() bool {
	return len(s.fallback) > 0 && !s.fallback[len(s.fallback)-1].ends
}

// rechecksLiveness: the step's fallback checks liveness again ("if liveness
// flags a deepfake, do a second liveness check").
func (s *step) rechecksLiveness() bool {
	return slices.ContainsFunc(s.fallback, func(f *step) bool { return f.k == kLiveness })
}

// attackRejoins: a liveness check whose fallback, taken on the outcome on
// ("" for any failure), would rejoin the flow without checking liveness again.
// A caught deepfake never goes on to "you're verified" that way: the fallback
// is for a user the check could not see, and a caught attack sent on to
// another check (an SMS code, a document scan) would pass on a weaker factor.
// A fallback that only says something and ends the session, or that checks
// liveness again (the attack must pass there), is safe.
func (s *step) attackRejoins(on string) bool {
	// (a second liveness check is no exception: a caught attack is never
	// retried, whatever the text offers it: rvC18 S7, S14)
	return s.k == kLiveness && s.fallbackOn == on && s.fallbackRejoins()
}

// deepfakeRefused: the fallback was given for any failure, so the deepfake
// fails as any failure does and only a face not found takes the fallback.
func (s *step) deepfakeRefused() bool { return s.attackRejoins("") }

// deepfakeOnly: the text gave the fallback to the deepfake alone ("if a
// deepfake is detected, scan their passport for review"): it takes the
// caught attack and ends unverified.
func (s *step) deepfakeOnly() bool { return s.attackRejoins("deepfakeDetected") }

// currentAge is the age an age check requires: its node's, when the step came
// from a flow being edited.
func (s *step) currentAge() int {
	if n := s.node; n != nil && n.Validation != nil {
		if age, err := strconv.Atoi(n.Validation.Value); err == nil {
			return age
		}
	}
	return s.minAge
}

// rule is the data check's rule: the one the text spelled out, or the node's
// when the step came from a flow being edited.
func (s *step) rule() *flow.Validation {
	if s.check == nil && s.node != nil {
		return s.node.Validation
	}
	return s.check
}

// clause is a run of tokens between separators, with what the separators said.
type clause struct {
	toks  []token
	sent  int  // sentence number
	title bool // before the first colon of the text: a heading
	dash  bool // the first of its sentence, after a dash ("… we still want a way through - text a code")
	named bool // a fallback named after "with" ("sms code with an email fallback"): the condition it opens ends with it
	colon bool // ends at a colon ("flow:", "we want:")
	aside bool // between two dashes ("if it doesn't match - bad lighting, whatever - don't reject them")
	ask   bool // the last of a sentence that ends with a question mark ("can we drop the selfie?")
	group bool // a group of users after its instruction, beside another ("X for new users and Y for returning ones")
	then  bool // opened by "then" ("…, then an email code"): it comes after all its sentence said before it
	also  bool // opened by "also" or "plus" ("on second thought, also an email code"): it adds to what was said
	only  bool // a condition that trailed its instruction, read first: it scopes that one instruction
	// suggested: the clause as written when it opened on a suggestion to us
	// ("Why not add an email code too"), cut to what it suggests
	suggested string
	whole     []token // the clause before the suggestion's lead was cut
}

// sharedSubject gives a quoted line cut off at "and" the user its clause
// shares with the one before: "The user states their name and says 'I
// agree'", "ask them to state their name and say 'I consent'", "the customer
// must give their name and then state 'I accept'" are words the USER says,
// read as if the subject stood before them, never the avatar's own line. A
// third-person verb ("says") follows a plain subject ("the user states …");
// a bare one ("say") follows a subject with "must"/"has to" or "ask/have the
// user (to) …", so "the user states their name, then say 'Thanks'" is still
// the avatar's.
func sharedSubject(clauses []clause) {
	for i := 1; i < len(clauses); i++ {
		c := &clauses[i]
		v := 0
		if len(c.toks) > 2 && c.toks[0].raw == "then" {
			v = 1
		}
		if len(c.toks) < v+2 || c.toks[v+1].w != quoteW || clauses[i-1].sent != c.sent || !lex.userSayBare[c.toks[v].raw] && !lex.userSayThird[c.toks[v].raw] {
			continue
		}
		if f := strings.Fields(c.toks[v+1].orig); len(f) > 0 && lex.avatarAck[strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, f[0])] {
			continue // "ask the user to confirm their email and say 'Thanks, got it'": the avatar's acknowledgement
		}
		if k, bare := userLead(clauses[i-1].toks); k > 0 && bare == lex.userSayBare[c.toks[v].raw] {
			// (said as the plain forms the rules read: "the user must say
			// 'I agree'" asks for the words, "the user says 'I agree'" tells)
			lead := "the user says"
			if bare && (lex.userLeadVerb[clauses[i-1].toks[0].raw] || k > 2 || clauses[i-1].toks[k-1].raw != "they") {
				lead = "the user must say"
			} else if bare {
				lead = "the user says"
			}
			c.toks = slices.Concat(tokenize(lead), c.toks[v+1:])
		}
	}
}

// userLead is how many words open ts with the user as the subject of its
// verb ("the user", "the customer must", "they have to", "ask them to", "have
// the applicant"), and whether the verb after them is bare ("must say") or
// third-person ("says"); 0 when ts opens otherwise (a condition, the avatar).
func userLead(ts []token) (int, bool) {
	j := 0
	if len(ts) > 0 && lex.userLeadVerb[ts[0].raw] {
		j = 1
		if j < len(ts) && (ts[j].raw == "the" || ts[j].raw == "our") {
			j++
		}
		if j >= len(ts) || !ts[j].in(hAddressee) && !lex.personRef[ts[j].raw] {
			return 0, false
		}
		j++
		if j < len(ts) && ts[j].raw == "to" {
			j++
		} else if !lex.userLeadBare[ts[0].raw] {
			return 0, false // "tell the user their code is on the way and say …": the avatar tells, then says
		}
		return j, true
	}
	if len(ts) > 0 && (ts[0].raw == "the" || ts[0].raw == "our" || ts[0].raw == "each" || ts[0].raw == "every") {
		j = 1
	}
	person := func(t token) bool {
		if t.raw == "them" || t.raw == "him" || t.raw == "her" {
			return false // an object, never the subject: "pass them to a human and say '…'" is the avatar's line
		}
		return t.in(hAddressee) || lex.userOne[t.raw] && t.raw != "account" || lex.personRef[t.raw] && t.raw != "this"
	}
	if j+1 < len(ts) && !person(ts[j]) && person(ts[j+1]) && ts[j].w != quoteW {
		j++ // "the account holder", "the new member": a word before the person
	}
	if j >= len(ts) || !person(ts[j]) {
		return 0, false
	}
	j++
	k := j
	for k < len(ts) && lex.mustAux[ts[k].raw] {
		k++
	}
	if k == len(ts) {
		return 0, false
	}
	return k, k > j || ts[j-1].raw == "they"
}

// outsideNote is a note that a clause is handled outside the flow, with the
// checks the clause names.
type outsideNote struct {
	note, text string
	kinds      []kind
}

// keptInside words again an outside note whose check the flow still runs
// because the text asks for it elsewhere ("Liveness, then SMS OTP. The SMS OTP
// is sent by our mobile app."): never "the flow does not include it" of a
// step it includes; the step stays (a check the text asks for is not
// dropped on a reading) and the note says how to take it out.
func keptInside(notes []string, outside []outsideNote, steps []*step) {
	for _, o := range outside {
		var kept []string
		for _, k := range o.kinds {
			if hasKind(steps, k) && !slices.Contains(kept, k.String()) {
				kept = append(kept, k.String())
			}
		}
		at := slices.Index(notes, o.note)
		if len(kept) == 0 || at < 0 {
			continue
		}
		notes[at] = "Read \"" + o.text + "\" as done by your own app or systems, but the text also asks for the " + joinAnd(kept) + " in the flow, so the flow still includes it; remove it from the flow if your app does it instead."
	}
}

// suggestionLead is how many words open a suggestion put as a question to us:
// "why not …", "why don't we/you …", "why do we not …" ("Why not add an email
// code too?"); 0 when the clause opens otherwise. A "why" question with no
// negation ("why do we need liveness?") asks for a reason and is left alone.
func suggestionLead(ts []token) int {
	if len(ts) < 2 || ts[0].raw != "why" {
		return 0
	}
	k := 0
	switch {
	case ts[1].raw == "not":
		k = 2
	case len(ts) > 2 && lex.whyNotAux[ts[1].raw] && lex.whyNotSubject[ts[2].raw]:
		k = 3 // "why don't we", "why wouldn't you"
	case len(ts) > 3 && lex.whyAux[ts[1].raw] && lex.whyNotSubject[ts[2].raw] && ts[3].raw == "not":
		k = 4 // "why do we not"
	}
	if k > 0 && k < len(ts) && (ts[k].raw == "just" || ts[k].raw == "also") {
		k++
	}
	return k
}

// suggestsAdding: what a "why not" suggests (ts, the words after it) only
// adds a step, for everyone: it opens on an adding verb ("add an email code
// too") and names no condition, replacement, retry, removal or group of
// users (lex.suggestBar, groups). Anything else ("why not skip liveness?",
// "why not let them try again?", "why don't we add a code for returning
// users?") is left as written: a check is never dropped, retried or scoped on
// a question.
func suggestsAdding(ts []token) bool {
	if len(ts) < 2 || !lex.suggestAdd[ts[0].raw] {
		return false
	}
	for i, t := range ts {
		if lex.suggestBar[t.raw] || t.in(hCondNew) || t.in(hCondKnown) || t.in(hNewcomer) || t.raw == "for" && groupLen(ts[i:]) > 0 {
			return false
		}
		if t.raw == "for" && i+1 < len(ts) && (ts[i+1].in(hUserWord) || i+2 < len(ts) && ts[i+1].in(hDeterminer) && ts[i+2].in(hUserWord)) {
			return false // "for users on a trusted device": some users
		}
	}
	return true
}

// splitClauses cuts tokens at punctuation, at "then", "followed by", and at "and"
// before a verb, so that each clause holds roughly one instruction.
func splitClauses(ts []token) []clause {
	var out []clause
	// The clauses are runs of one array as long as ts, each capped so that
	// appending to one never writes into the next.
	cur := make([]token, 0, len(ts))
	sent := 0
	colonSeen := false
	dash := false       // the next clause opens a sentence after a dash
	named := false      // the next clause is a named fallback
	dashBefore := false // the sentence being read opened at a dash
	then := false       // the next clause opens at "then"
	alsoNext := false   // the next clause opens at "also" or "plus", cut there
	// "if they're new" is about whom a recognition named in the clauses read
	// so far finds (looked for only when a condition needs it)
	recognizes := has(ts, "recognize")
	recognition := func() bool {
		for j := 0; j < len(out) && !recognizes; j++ {
			recognizes = findKind(analyze(out[j].toks, nil).steps, kRecognition) >= 0
		}
		return recognizes
	}
	flush := func() {
		rest := cur[len(cur):] // the next clause goes on in the same array
		// drop leading and trailing conjunctions
		also := alsoNext
		for len(cur) > 0 && isConj(cur[0].raw) && !(len(cur) > 1 && orderRefLemmas[cur[1].w]) {
			also = also || cur[0].raw == "also" || cur[0].raw == "plus"
			cur = cur[1:] // ("and after a code": the "and" stays, see openingThen)
		}
		for len(cur) > 0 && isConj(cur[len(cur)-1].raw) {
			cur = cur[:len(cur)-1]
		}
		suggested := ""
		var whole []token
		if k := suggestionLead(cur); k > 0 && k < len(cur) && suggestsAdding(cur[k:]) &&
			(len(out) == 0 || out[len(out)-1].sent != sent && !dash && (!out[len(out)-1].colon || out[len(out)-1].title)) {
			// "Why not add an email code too?", "why don't we add a doc scan at
			// the start": a suggestion to us, read as the instruction it makes
			// (not the avatar asking the user why); only one that opens its
			// sentence, never after "ask the user:" or a dash, where it is
			// what the avatar asks
			suggested, whole = clauseText(cur), cur
			cur = cur[k:]
		}
		if len(cur) > 0 {
			out = append(out, clause{toks: cur[:len(cur):len(cur)], sent: sent, dash: dash, named: named, then: then, also: also, suggested: suggested, whole: whole})
			dash, named = false, false
		}
		cur = rest
		then, alsoNext = false, false
	}
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		group := 0 // the length of the group of users a "for" opens ("for new users")
		if t.raw == "for" {
			group = groupLen(ts[i:])
		}
		if t.eq && len(cur) == 1 && lex.listOpener[cur[0].raw] {
			// "flow = liveness check, then that code": "=" after the list's
			// name opens it as a colon does (not a setting's value)
			n := len(out)
			flush()
			if len(out) > n {
				out[n].colon = true
			}
		}
		if i > 0 && ts[i-1].w == quoteW && ts[i-1].raw == quoteW && strings.ContainsAny(ts[i-1].orig[max(len(ts[i-1].orig)-1, 0):], ".!?") &&
			t.orig != "" && startsUpper(t.orig) && len(cur) > 0 {
			// "The avatar shall open by saying 'Hello, this is the Kestrel
			// desk.' A liveness check shall follow": the line's own full stop
			// ends the sentence, and a capital opens the next one
			flush()
			sent++
		}
		switch t.w {
		case ".":
			n := len(out)
			flush()
			if t.raw == "?" && len(out) > n {
				out[len(out)-1].ask = true
			}
			atDash := t.orig == "-"
			for j := len(out) - 1; atDash && dashBefore && j >= 0 && out[j].sent == sent; j-- {
				out[j].aside = true
			}
			dashBefore, dash = atDash, atDash
			sent++
			continue
		case ":":
			n := len(out)
			flush()
			if len(out) > n {
				out[n].colon = true
			}
			// (the colon of a key's label, "(key: onboarding_selfie)", heads
			// nothing: what comes before it stays a sentence of the text)
			if !colonSeen && sent == 0 && !(i > 0 && ts[i-1].raw == "key") {
				colonSeen = true
				for j := range out {
					// "Validate the data from the licence: …" is an instruction, not a heading,
					// and so is one asked for nicely that names a step ("pls request
					// cam access first, then LV -> FC: …"); "Please read carefully: …"
					// is still a heading
					if out[j].sent == sent && !(len(out[j].toks) > 0 && (lex.headingVerb[out[j].toks[0].w] || lex.polite[out[j].toks[0].raw] && slices.ContainsFunc(out[j].toks, func(t token) bool { return lex.markedStep[t.w] }))) {
						if j < len(out)-1 && clauseNamesCheck(out[j].toks) {
							// "liveness, then doc scan: passport and visa": a step
							// named before the clause the colon closes is a step of
							// the flow; only that last clause heads the list
							continue
						}
						out[j].title = true
					}
				}
				sent++
			}
			// a later colon ("New users: passport scan") introduces what follows
			// within the same sentence
			continue
		case ",":
			if i+1 < len(ts) && ts[i+1].raw == "which" && len(cur) > 0 {
				continue // "their ID photo, which we pass in providedData": a relative clause belongs to the noun before it
			}
			if i+1 < len(ts) && len(cur) > 0 && namesBefore(cur) && ts[i+1].orig != "" && unicode.IsUpper([]rune(ts[i+1].orig)[0]) {
				continue // "the greeting should say the school's name, ByteSprouts": the name itself belongs to it
			}
			if n := len(cur); n > 0 && lex.speechVerb[cur[n-1].w] && i+1 < len(ts) && (ts[i+1].w == quoteW || lex.verbatim[ts[i+1].raw] && i+2 < len(ts) && ts[i+2].w == quoteW) {
				continue // "the avatar says, word for word: "…"": the line is the verb's
			}
			if k := asideOfTelling(cur, ts, i); k > 0 {
				// "explain, in a friendly tone, that their account was locked": the
				// aside between the verb and what it says belongs to the telling
				cur = append(cur, ts[i+1:k]...)
				i = k
				continue
			}
			if adjectiveComma(cur, ts[i+1:]) {
				continue // "take a sharp, well-lit photo of their face": adjectives before one noun
			}
			if answerGoesOn(cur, ts[i+1:]) {
				cur = append(cur, t) // "ask them to reply yes, that is correct": the answer goes on
				continue
			}
			if negationGoesOn(cur, ts[i+1:]) {
				cur = append(cur, t) // "we don't need the data validation, the email entry or the email code": the negation runs on through its list
				continue
			}
			flush()
			continue
		}
		switch {
		case t.w == "then" && len(cur) > 0 && lex.midThen[cur[len(cur)-1].raw]:
			// "the passport photo is then compared with the selfie": an adverb inside the clause
		case t.raw == "next" && len(cur) > 0 && (cur[len(cur)-1].in(hDeterminer) || cur[len(cur)-1].raw == "happens" || cur[len(cur)-1].raw == "comes"):
			// "explain the next steps", "tell them what happens next": an
			// adjective or an adverb, not "then"
		case t.w == "then" && t.raw != "next" || t.raw == "next" && (i+1 >= len(ts) || ts[i+1].raw != "time"):
			flush()
			then = true
			continue
		case t.raw == "no" && i+1 < len(ts) && ts[i+1].in(hCorrection) && len(cur) > 0:
			flush() // "an email code no wait an SMS code": a correction starts a clause
		case t.raw == "followed" && i+1 < len(ts) && ts[i+1].raw == "by":
			flush()
			i++
			continue
		case t.in(hAfterWhich) && i+1 < len(ts) && ts[i+1].raw == "which":
			// "a liveness check, after which an SMS OTP shall be sent": "which" is
			// the step before, so what follows comes next, as after "then" (and
			// not before the step it names, as "after the liveness check" would)
			flush()
			i++
			continue
		case t.raw == "with" && (len(cur) > 0 || len(out) > 0 && out[len(out)-1].sent == sent) && namedFallback(ts[i+1:]):
			// (", with a fallback to an email code": the step it backs is the
			// clause before the comma)
			// "sms code with an email fallback": the fallback is a clause of its
			// own ("…, email backup"), the step before "with" stays on the main path
			flush()
			named = true
			continue
		case t.in(hPassiveBefore) && i+1 < len(ts) && ts[i+1].raw == "by" && len(cur) > 0:
			// "an SMS code preceded by a liveness check": the words from here on
			// name steps that go before the ones just named (analyzeAfter)
			flush()
		case (t.raw == "and" || t.raw == "also" || t.raw == "plus") && len(cur) > 0 && i+1 < len(ts) && subjectMustAt(ts, i+1):
			// "id scan then face compare then liveness and also the customer
			// must be screened against the sanctions list": a new subject with its
			// own "must" is a requirement of its own, not more of the liveness
			flush()
			continue
		case nowTurn[t.raw] && len(cur) > 0 && i+1 < len(ts) && ts[i+1].raw == "now":
			// "before we had an authenticator app but people kept losing it so now
			// the code goes by text message": "now" turns from the story to what
			// the flow does, a clause of its own
			flush()
			continue
		case (t.raw == "and" || t.raw == "also" || t.raw == "plus" || t.raw == "but") && i+1 < len(ts) && startsInstruction(ts, i+1) &&
			!(thirdPersonVerbs[ts[i+1].raw] && (appDoes(cur) || outsideFlow(cur) || hasRaw(cur, "already"))):
			// ("our app already verifies the email and does the ID scan at
			// signup": "does" goes on with the app's doing, outside the flow)
			flush()
			alsoNext = t.raw == "also" || t.raw == "plus"
			if orderRefLemmas[ts[i+1].w] {
				cur = append(cur, t) // "and after a code": the "and" stays, see openingThen
			}
			continue
		case (t.raw == "and" || t.raw == "but") && len(cur) > 0 && i+1 < len(ts) &&
			(lex.subordOpen[ts[i+1].raw] || i+2 < len(ts) && ts[i+1].w == "only" && lex.subordOpen[ts[i+2].raw]):
			// "send a code, and (only) once that's verified run a liveness check": the
			// time clause belongs to the instruction after it
			flush()
			continue
		case t.raw == "for" && len(cur) > 0 && !clauseStartsIf(cur) && group > 0 && (pairedGroups(ts[i:], group) || len(out) > 0 && out[len(out)-1].group && out[len(out)-1].sent == sent) &&
			len(analyze(cur, nil).steps) > 0:
			// "a passport scan for new users and an email code for returning
			// ones": each group scopes the instruction before it (read first)
			flush()
			n := group
			cur = append(cur, ts[i:i+n]...)
			flush()
			out[len(out)-1].group = true
			i += n - 1
			continue
		case (t.raw == "for" || t.w == "only" && i+1 < len(ts) && ts[i+1].raw == "for") && len(cur) > 0 && forUnknown(ts[i:], ts) && len(analyze(cur, nil).steps) > 0:
			// "an email code (only) for people we don't recognise": the group is
			// a condition trailing its instruction, read first as "if they're
			// not recognised, …" is
			if a := everyoneAnd(cur); a > 0 {
				// "liveness for everyone and an ID scan for anyone not
				// recognised": the instruction before the "and" has its own
				// group, everyone, so the trailing one is only the last's
				tail := cur[a:]
				cur = cur[:a]
				flush()
				cur = append(cur, tail...)
			}
			flush()
		case t.raw == "and" && len(cur) > 1 && cur[0].raw == "if" && len(out) > 0 && out[len(out)-1].sent == sent && !clauseStartsIf(out[len(out)-1].toks) && pairedCondition(ts[i+1:], recognition):
			// "an email code if the scan fails and a human if the liveness
			// check fails": two instructions, each with its condition after it
			flush()
			continue
		case (t.raw == "when" || t.raw == "whenever") && len(cur) > 1 && !whenBefore(ts, i) && readCondition(ts[i:], nil).k == condFail && conditionAhead(ts[i:], recognition) &&
			(lacksChannel(ts[i:min(len(ts), i+8)]) < 0 || codeOfBefore(ts, i)):
			// (a channel the user lacks is a condition only on a code of that
			// channel named before it: "an email code for when they don't have
			// their phone" after an SMS code; with none, the code is the flow's)
			// (not after a "when" of the same sentence that stayed in its
			// clause: "send an SMS code when the ID scan fails …, and an email
			// code when the SMS code never arrives" names two fallbacks, and
			// reading only the last first loses the SMS code)
			// "an email code (for) when the text never arrives": a bare
			// condition of a step failing after an instruction trails it as "if"
			// does ("send a code when they log in" is no condition; "they
			// enrolled when they installed the app the first time" is a story)
			if cur[len(cur)-1].raw == "for" {
				cur = cur[:len(cur)-1]
			}
			flush()
		case (t.raw == "if" || t.raw == "otherwise" || t.raw == "unless") && len(cur) > 0 &&
			!(t.raw == "if" && (indirectAskLemmas[cur[len(cur)-1].w] && !(stepNounBefore(cur) && conditionAhead(ts[i:], recognition)) || lex.askedPerson[cur[len(cur)-1].raw] || lex.unsure[cur[len(cur)-1].raw])):
			// "ask if they agree", "check if we know them", "not sure if we need
			// it": an indirect question, not a condition
			flush()
		}
		cur = append(cur, t)
	}
	flush()
	for i := range out {
		if out[i].whole == nil {
			continue
		}
		// "Why not add an email code? Because it costs too much.": the next
		// sentence answers the question, so it was rhetorical: left as written
		for j := i + 1; j < len(out); j++ {
			if out[j].sent != out[i].sent {
				if len(out[j].toks) > 0 && lex.suggestAnswer[out[j].toks[0].raw] {
					out[i].toks, out[i].suggested = out[i].whole, ""
				}
				break
			}
		}
		out[i].whole = nil
	}
	for i := 1; i < len(out); i++ {
		// "an SMS code with an email code as fallback if it can't be
		// delivered, then liveness": a bare condition right after a named
		// fallback says when that fallback is taken, so the fallback's scope
		// ends with it too, and what follows is the main path's again
		// ("…, with a fallback to an email code (don't drop the fallback), then
		// …": a clause of no step that speaks of the fallback is about the one
		// just named, and ends with it too)
		// (a condition that names no step, "if they don't have a phone", is no
		// less the fallback's than a bare one: the clauses after it stay on the
		// main path)
		if out[i-1].named && out[i-1].sent == out[i].sent && (clauseStartsIf(out[i].toks) && (bareCondition(out[i].toks, nil) || len(analyze(out[i].toks, nil).steps) == 0) ||
			!clauseStartsIf(out[i].toks) && hasAnyRaw(out[i].toks, lex.fallbackNoun) && len(analyze(out[i].toks, nil).steps) == 0) {
			out[i].named = true
		}
	}
	for i := 1; i < len(out); i++ {
		if out[i].group && out[i-1].sent == out[i].sent && !out[i-1].group {
			out[i-1], out[i] = out[i], out[i-1]
		}
	}
	// "scan their ID and compare it to their face too, if they're new": a
	// condition on who the user is, trailing its sentence, says whom the whole
	// sentence is for; read it first
	for i := 1; i < len(out); i++ {
		c := out[i]
		if i+1 < len(out) && out[i+1].sent == c.sent || c.group || !trailingNewUser(c.toks) {
			continue
		}
		f := i
		for f > 0 && out[f-1].sent == c.sent && !out[f-1].title && !clauseStartsIf(out[f-1].toks) && !has(out[f-1].toks, "recognize") && forEveryone(out[f-1].toks) < 0 {
			f--
		}
		if f == i || f > 0 && out[f-1].sent == c.sent && forEveryone(out[f-1].toks) < 0 && !(f < i && has(out[f-1].toks, "recognize") && !clauseStartsIf(out[f-1].toks)) {
			// the sentence has a condition of its own before it ("recognise the
			// face, then a passport scan for anyone we can't recognise": after
			// the recognition the sentence names, the condition opens the rest)
			continue
		}
		copy(out[f+1:i+1], out[f:i])
		out[f] = c
	}
	// "send an email code if the face match is below threshold", "… when the
	// text never arrives": a condition after its instruction, at the end of the
	// sentence, scopes that instruction; read it first, as "if …, send …" says it
	for i := 1; i < len(out); i++ {
		c, prev := out[i], out[i-1]
		// (what follows at "then" comes after the pair, as a new sentence
		// would: "a liveness check if recognised, a passport scan if not,
		// then an email code")
		goesOn := func(j int) bool { return j < len(out) && out[j].sent == c.sent && !out[j].then }
		// (a second instruction with its own condition may follow in the
		// sentence: "… if the scan fails and a human if the liveness check fails")
		pairNext := i+2 < len(out) && out[i+2].sent == c.sent && !goesOn(i+3) && !out[i+1].then &&
			out[i+2].toks[0].raw == "if" && !clauseStartsIf(out[i+1].toks) && bareCondition(out[i+2].toks, recognition)
		if prev.sent != c.sent || len(c.toks) < 2 || !lex.condIfStrict[c.toks[0].raw] ||
			goesOn(i+1) && !pairNext && !conditionGloss(out, i+1) || clauseStartsIf(prev.toks) || prev.title ||
			i >= 2 && out[i-2].sent == c.sent && clauseStartsIf(out[i-2].toks) || !bareCondition(c.toks, recognition) {
			continue
		}
		// (a pair of conditions scopes one instruction each, so what follows
		// at "then" is everyone's; a lone one goes on: "a passport scan if
		// they're new, then a face compare against it")
		if pairNext {
			c.only, out[i+2].only = true, true
		}
		if prev.named {
			// ("recognition, with a fallback to an ID scan if not recognised,
			// then an SMS code": the condition says when the named fallback is
			// taken, and what follows at "then" is the main path's again)
			c.only = true
		}
		if n := len(prev.toks); n > 1 && prev.toks[n-1].w == "only" {
			// ("SMS only if the email bounces": the "only" is the condition's,
			// "only if", not the channel's "SMS only")
			prev.toks = prev.toks[:n-1]
		}
		if r := c.toks[1].raw; (r == "it" || r == "that" || r == "this") && !slices.ContainsFunc(c.toks[2:], func(t token) bool {
			return t.in(hCondNew) || t.in(hCondKnown) || t.in(hNewcomer) || t.in(hUserWord) // "if it is a new user": no step
		}) {
			// "let them retry the passport scan if it times out": read first,
			// the condition's "it" is the check its instruction names, not
			// the last one named before (rvC18 S15)
			// (only when an earlier clause named another check last, which
			// "it" would be read as; otherwise the reading stands as it is)
			if named := analyze(prev.toks, nil).steps; len(named) == 1 && !named[0].k.isConversation() && canFail(named[0].k) {
				last := kNone
				for j := i - 2; j >= 0 && last == kNone; j-- {
					for _, s := range analyze(out[j].toks, nil).steps {
						if !s.k.isConversation() && canFail(s.k) {
							last = s.k
						}
					}
				}
				if last != kNone && last != named[0].k {
					c.toks = slices.Concat(c.toks[:1], tokenize("the "+named[0].k.String()), c.toks[2:])
				}
			}
		}
		out[i-1], out[i] = c, prev
	}
	return out
}

// conditionGloss: the clause at i ends the sentence and only names the
// condition before it again, in a few words with a word of failing and no
// step ("… when the text never arrives (delivery failure)", "if the faces
// differ (mismatch)"): a gloss, not an instruction after the condition.
func conditionGloss(out []clause, i int) bool {
	ts := out[i].toks
	if i+1 < len(out) && out[i+1].sent == out[i].sent || len(ts) == 0 || len(ts) > 3 {
		return false
	}
	return slices.ContainsFunc(ts, func(t token) bool {
		return t.in(hCondFail) || lex.condFail[t.w] || t.in(hCondBad) || t.in(hUndelivered)
	}) &&
		!slices.ContainsFunc(ts, func(t token) bool { return lex.consequence[t.raw] || lex.consequence[t.w] || instructionVerbs[t.w] }) && // ("…, deny": what to do)
		len(analyze(ts, nil).steps) == 0
}

// stepNounBefore: the verb-like word ending cur is the noun of a step named
// by the word before it ("a liveness check if they're recognised"), so an "if"
// after it opens a condition, not an indirect question ("check if the name
// matches").
func stepNounBefore(cur []token) bool {
	n := len(cur)
	return n >= 2 && len(analyze(cur[n-2:], nil).steps) > 0
}

// conditionAhead: the words from an "if" up to the next "and", comma or full
// stop are a condition the builder reads ("if recognised", "if they're new",
// "if the scan fails"), not what a check looks at ("a face check if the photo
// matches").
func conditionAhead(ts []token, recognition func() bool) bool {
	end := slices.IndexFunc(ts, func(t token) bool { return t.raw == "and" || t.w == "," || t.w == "." })
	if end < 0 {
		end = len(ts)
	}
	return bareCondition(ts[:end], recognition)
}

// pairedCondition: the words after an "and" that ends a trailing condition are
// an instruction with a condition of its own after it, which ends the
// sentence ("… and a human if the liveness check fails") or what it says
// before a "then" ("… and a passport scan if not, then an email code").
func pairedCondition(ts []token, recognition func() bool) bool {
	end := slices.IndexFunc(ts, func(t token) bool { return t.w == "." })
	if end < 0 {
		end = len(ts)
	}
	ts = ts[:end]
	k := slices.IndexFunc(ts, func(t token) bool { return t.raw == "if" })
	if k <= 0 || slices.ContainsFunc(ts[:k], func(t token) bool { return t.raw == "and" || t.w == "," || t.w == "then" }) {
		return false
	}
	if then := slices.IndexFunc(ts[k:], func(t token) bool { return t.w == "then" }); then > 0 {
		ts = ts[:k+then]
		if ts[len(ts)-1].w == "," {
			ts = ts[:len(ts)-1]
		}
	}
	return bareCondition(ts[k:], recognition)
}

// asideOfTelling: cur ends on a verb of telling ("explain", "tell them") and
// the comma at i opens a short aside closed by a comma before what is told
// ("that …", "why …"); it returns where the aside's closing comma is, or 0.
func asideOfTelling(cur, ts []token, i int) int {
	n := len(cur)
	if n == 0 || cur[n-1].w != "explain" && !(n > 1 && cur[n-2].w == "explain" && (lex.personPronoun[cur[n-1].raw] || lex.personRef[cur[n-1].raw])) {
		return 0
	}
	for k := i + 2; k < len(ts) && k <= i+7; k++ {
		switch {
		case ts[k].w == "." || ts[k].w == ":":
			return 0
		case ts[k].w == ",":
			if k+1 < len(ts) && (ts[k+1].raw == "that" || whWords[ts[k+1].raw] && ts[k+1].raw != "if") {
				return k
			}
			return 0
		}
	}
	return 0
}

// negationGoesOn: the clause so far ends inside a negation and the words after
// its comma go on with more names of steps, closed by "or" or "nor" ("no
// document scan, SMS code or email code", "we don't need the expiry check, the
// email entry, or the email code"): one list the negation covers, so no item
// after a comma reads as a step asked for. An item that opens with a verb, or
// a list closed by "and" ("no ID scan, liveness and an email code"), is the
// flow going on.
//
// Both the clause and the list end on a step's name: "no passport needed, a
// driving licence or ID card is fine", "… an email code or a liveness check
// will do" say what replaces the step ruled out.
func negationGoesOn(cur, rest []token) bool {
	if len(cur) == 0 || len(rest) == 0 || !negations(cur)[len(cur)-1] || !stepNoun(cur[len(cur)-1]) {
		return false
	}
	start := 0
	for k := 0; k <= len(rest); k++ {
		if k < len(rest) && rest[k].w != "," && rest[k].w != "." && rest[k].w != ":" && rest[k].w != "then" {
			continue
		}
		item := rest[start:k]
		if len(item) == 0 || len(item) > 10 || startsInstruction(item, 0) || !slices.ContainsFunc(item, lex.canonKind) {
			return false
		}
		if slices.ContainsFunc(item, func(t token) bool { return t.raw == "or" || t.raw == "nor" }) {
			return stepNoun(item[len(item)-1])
		}
		if k == len(rest) || rest[k].w != "," {
			return false
		}
		start = k + 1
	}
	return false
}

// stepNoun: the word ends a step's name ("SMS code", "liveness check", "ID
// scan", "selfie").
func stepNoun(t token) bool {
	return lex.canonKind(t) || t.w == "scan" || t.w == "verify" || t.w == "compare" || t.w == "validate" || t.raw == "validation" || t.w == "entry" || t.raw == "otp" || t.raw == "otps"
}

// namesBefore: the clause ends on a name noun, or on what the name is of ("the
// school's name", "the name of our hotel group"): a capitalised word after a
// comma is that name.
func namesBefore(cur []token) bool {
	n := len(cur)
	if lex.nameNoun[cur[n-1].raw] {
		return true
	}
	for j := n - 2; j >= 0 && j >= n-6; j-- {
		if lex.nameNoun[cur[j].raw] && cur[j+1].raw == "of" {
			return !slices.ContainsFunc(cur[j+1:], func(t token) bool { return t.w == "," || lex.canonKind(t) })
		}
	}
	return false
}

// subjectMustAt: the words at i open a sentence of their own on the user
// ("(also) the customer must be screened", "he should hold the card up"): a
// person, with or without a determiner, then a modal of duty.
func subjectMustAt(ts []token, i int) bool {
	if i < len(ts) && ts[i].raw == "also" {
		i++
	}
	if i < len(ts) && ts[i].in(hDeterminer) {
		i++
	}
	if i+1 >= len(ts) || !(lex.personRef[ts[i].raw] && ts[i].raw != "this" || ts[i].in(hAddressee)) || !dutyModal[ts[i+1].raw] {
		return false
	}
	// ("he has to hold", not "the customer has two tries")
	return ts[i+1].raw != "has" && ts[i+1].raw != "have" || i+2 < len(ts) && ts[i+2].raw == "to"
}

// namesUserGroup: the clause names new or known users as a group ("new
// users", "returning customers", "first-timers"), which splits the users a
// recognition tells apart.
func namesUserGroup(ts []token) bool {
	for i, t := range ts {
		if t.raw == "firsttime" && i > 0 && lex.definite[ts[i-1].raw] && !(i+1 < len(ts) && ts[i+1].in(hUserWord)) {
			// "to register members' faces the first time": when it happens to
			// everyone, no group ("first-time users", "the first-time users" are)
			continue
		}
		if t.in(hNewcomer) || (t.in(hCondNew) || t.in(hCondKnown)) && i+1 < len(ts) && ts[i+1].in(hUserWord) {
			return true
		}
	}
	return false
}

// trailingNewUser: the clause is a bare condition on a user the flow does not
// know ("if they're new", "for first-time users", "if we don't recognise
// them"), with no instruction of its own.
// forUnknown: the words from "for" (or "only for") to the end of the clause
// name the users a recognition does not find ("for people we don't
// recognise", "only for unrecognised faces"); "for new clients" may name whom
// the flow is for, and stays a purpose.
//
// Only a group that ends its sentence is cut off (what follows it in the
// sentence, ", and an SMS code for everyone", would fall under it), and only
// a group the recognition did not find, by a negated "recognise" or "know"
// or, where the text names a recognition, a word such as "unknown": "passport
// scan for unregistered customers" with no recognition is whom the flow is for.
func forUnknown(ts, text []token) bool {
	end := slices.IndexFunc(ts, func(t token) bool { return t.w == "." || t.w == "," || t.w == ":" || t.w == "then" })
	if end >= 0 && ts[end].w != "." {
		return false
	}
	if end < 0 {
		end = len(ts)
	}
	ts = ts[:end]
	notKnown := (has(ts, "no") || hasAnyRaw(ts, lex.perfectNeg)) && slices.ContainsFunc(ts, findsUser)
	return trailingNewUser(ts) && (notKnown || has(text, "recognize") && slices.ContainsFunc(ts, func(t token) bool { return t.in(hCondNew) && t.raw != "new" && !t.in(hNewcomer) }))
}

// groupLen is the length of the group of users that ts opens with "for"
// ("for new users", "for people we don't know", "for the ones we do") when the
// group tells known users from new ones and ends there (at "and", a comma or
// the sentence's end); 0 when it is no such group.
func groupLen(ts []token) int {
	if len(ts) < 2 || ts[0].raw != "for" {
		return 0
	}
	j, marked := 1, false
	if ts[j].in(hDeterminer) {
		j++
	}
	for j < len(ts) && (ts[j].in(hCondNew) || ts[j].in(hCondKnown) || ts[j].raw == "non") {
		j, marked = j+1, true
	}
	switch {
	case j < len(ts) && ts[j].in(hNewcomer):
		j, marked = j+1, true
	case j < len(ts) && ts[j].in(hUserWord):
		j++
	default:
		return 0
	}
	if j < len(ts) && (ts[j].in(hSpeaker) || ts[j].raw == "who") {
		// "people we don't know", "the ones we do", "users who aren't enrolled"
		k := j + 1
		for k < len(ts) && k <= j+5 && (ts[k].w == "no" || ts[k].in(hNegAux) || lex.perfectNeg[ts[k].raw] || lex.beForm[ts[k].raw] ||
			findsUser(ts[k]) || ts[k].raw == "do" || ts[k].raw == "have" || ts[k].raw == "them" || ts[k].raw == "yet" || ts[k].raw == "already" || ts[k].raw == "before") {
			marked = marked || findsUser(ts[k]) || ts[k].raw == "do" || ts[k].in(hNegAux) || lex.perfectNeg[ts[k].raw]
			k++
		}
		j = k
	}
	if !marked || j < len(ts) && ts[j].raw != "and" && ts[j].w != "," && ts[j].w != "." {
		return 0
	}
	return j
}

// pairedGroups: ts opens a group of users that follows its instruction and is
// followed, in the same sentence, by another instruction with a group of its
// own that ends the sentence ("for new users and an email code for returning
// users").
func pairedGroups(ts []token, n int) bool {
	if n == 0 || n >= len(ts) || ts[n].raw != "and" && ts[n].w != "," {
		return false
	}
	rest := ts[n+1:]
	if end := slices.IndexFunc(rest, func(t token) bool { return t.w == "." }); end >= 0 {
		rest = rest[:end]
	}
	k := slices.IndexFunc(rest, func(t token) bool { return t.raw == "for" })
	return k > 0 && groupLen(rest[k:]) == len(rest)-k && len(analyze(rest[:k], nil).steps) > 0
}

func trailingNewUser(ts []token) bool {
	if len(ts) < 2 || !clauseStartsIf(ts) || hasAnyRaw(ts, lex.consequence) {
		return false
	}
	notKnown := (has(ts, "no") || hasAnyRaw(ts, lex.perfectNeg)) && slices.ContainsFunc(ts, findsUser)
	return (hasAnyHot(ts, hCondNew) || notKnown) && len(analyze(ts, nil).steps) == 0
}

func isConj(w string) bool {
	switch w {
	case "and", "or", "also", "plus", "but", "lastly":
		return true
	}
	return false
}

// answerGoesOn: the comma after cur is inside an answer the user is told to
// give ("ask them to reply yes, that is correct", "have them say yes, I approve
// this transfer"): a "yes" or "no" right after a verb of answering, and words
// after the comma that open no instruction of their own.
func answerGoesOn(cur, rest []token) bool {
	n := len(cur)
	if n < 2 || len(rest) == 0 || cur[n-1].raw != "yes" && cur[n-1].raw != "no" || !lex.answerVerb[cur[n-2].raw] {
		return false
	}
	return !startsInstruction(rest, 0) && rest[0].w != "then" && !lex.subordOpen[rest[0].raw] && rest[0].raw != "if" && rest[0].raw != "and"
}

// answerAt is where the words the user is told to answer with begin, after i
// ("ask them to say yes, I approve this transfer": at "say"), or len(ts): what
// they say is theirs, not what the question is about.
func answerAt(ts []token, i int) int {
	for j := i + 1; j+1 < len(ts); j++ {
		if lex.answerVerb[ts[j].raw] && (ts[j+1].raw == "yes" || ts[j+1].raw == "no") {
			return j
		}
	}
	return len(ts)
}

func startsInstruction(ts []token, i int) bool {
	t := ts[i]
	if i+1 < len(ts) && lex.dataField[ts[i+1].raw] && nameOrderLemmas[t.w] {
		return false // "the first and last name": a field, not "lastly"
	}
	if instructionVerbs[t.w] || instructionVerbs[t.raw] {
		// "camera and microphone", "date of birth and last four digits" stay together because
		// their second half is a noun; lemmas like "email" count only as verbs with an object
		if channelVerbLemmas[t.w] {
			return i+1 < len(ts) && (ts[i+1].raw == "them" || ts[i+1].raw == "the" || ts[i+1].raw == "a")
		}
		return true
	}
	return false
}

// parsed is everything Build learned from a description.
type parsed struct {
	steps          []*step
	excluded       kindSet
	mainExcluded   kindSet          // ruled out of the main path only
	knownExcluded  kindSet          // ruled out for the users a recognition knows
	knownClauses   []string         // the clauses that said so
	excludedAll    kindSet          // ruled out in words that reach every path ("anywhere", "never")
	pathNotes      map[*step]string // the note that put a step on a branch or a fallback (notePath)
	branchExcluded kindSet          // ruled out of the new-user path only
	outside        kindSet          // named as done outside the flow ("no liveness needed because our app already does it")
	notDocTypes    []string         // document types the text rules out ("no passports")
	exclusive      bool
	policy         string  // "end", "retry", "human" or ""
	review         string  // the clause that handed a failure to a review ("flag it for manual review"): build.go says how it was read
	words          []token // the text's words as read, for what Build checks of the whole text (namesExclusionList)
	failLine       *step   // a told line for every failure ("if anything fails, tell them to call support"), said by the failure message
	uc             useCase
	amount         string
	noun           string // the text's word for the money moving, for a payment's lines
	whom           string // the role of the person the avatar speaks to ("parent"), or "": findWhom
	langs          []string
	langNames      []string // the languages as the text names them ("Spanish")
	avatar         string
	notes          []string          // assumptions made while reading
	silent         bool              // the avatar says nothing the text did not ask for
	tones          map[string]string // the tone the avatar speaks in, by line (plan.tones)
}

// parse reads a description into ordered steps.
func parse(text string) *parsed {
	struck := 0
	if strings.Contains(text, "~~") {
		text, struck = dropStruck(text) // (once: tokenize finds no "~~" left)
	}
	ts, valueNotes := retractValues(tokenize(text))
	heldKey, keyAt := providedKeyWhere(ts) // the providedData key of a photo passed in
	// (the key is a name, not words about the flow: "login check … (key:
	// onboarding_selfie)" is a login)
	p := &parsed{uc: detectUseCase(withoutKey(ts, heldKey, keyAt)), words: ts}
	p.amount, p.noun, p.whom = findAmount(ts), findNoun(ts, p.uc), findWhom(ts)
	p.langs, p.langNames = langsIn(ts)
	p.notes = append(p.notes, valueNotes...)
	if struck > 0 {
		p.notes = append(p.notes, "Read the words struck through (~~…~~) as taken back, so the flow does not include them.")
	}
	p.avatar = findAvatar(ts)
	clauses := splitClauses(ts)
	clauses = p.dropTurnedDown(clauses)
	clauses = p.dropVerdicts(clauses)
	clauses = p.dropReasons(clauses)
	clauses = p.dropCounterfactuals(clauses)
	clauses, retractNotes := retractClauses(clauses)
	p.notes = append(p.notes, retractNotes...)
	for i := range clauses {
		if t := slotNamed(clauses[i].toks); t != nil && !branched(clauses) {
			clauses[i].toks = t
		}
	}
	clauses = deferFallbacks(clauses)
	sharedSubject(clauses)
	var keyNotes []string // the notes of the clauses that only name heldKey

	// a heading before the first colon ("Email change: recognition, liveness, email code")
	// names the use case, not a step, when the rest of the text names steps
	hasBody, titled := false, false
	for _, c := range clauses {
		titled = titled || c.title
	}
	for _, c := range clauses {
		// ("Email OTP:\n- length: eight\n- TTL 10 min": a body of settings names
		// no step, and the heading names the step they set)
		if !c.title && (!titled || len(analyze(c.toks, nil).steps) > 0) {
			hasBody = true
			break
		}
	}

	var seq []*step
	var pendingAnchor []*step // "After the ID scan," waiting for the next clause
	var pendingAfter bool
	pendingSent := -1 // the sentence whose steps all go to pendingAnchor ("everything before that: …")
	policySent := -1
	retried := -1           // the clause whose condition asked for a retry and nothing more
	stepRetryAt := -1       // the clause that offered one named step a retry ("Retry liveness once", "if liveness fails, let them try again")
	var stepRetried []*step // … the steps it offered again ("Retry liveness and the email code once": both)
	retryAt := -1           // the clause that offered a retry of every check ("allow retries"): an elliptic exception after it is its
	noRetryAt := -1         // the clause that ruled every retry out ("no retries"): an elliptic "except for X" after it gives X one
	perStep := false        // a retry of every check with one bounded by name ("…, but the liveness only once"): laid out per step
	var excepted *step      // the one step exceptAt took the retry from
	exceptAt := -1          // the clause that took the retry of every check away from some steps ("…, but no second chance on the SMS code")
	retryOnce := false      // the retry of every check is bounded ("users can retry once"): laid out per step, once each
	answeredNo := -1        // a bare "if no" after "if yes, end": the next clause is the main path
	backSent := -1          // the sentence whose clause opened on "finally"
	frontSent := -1         // the sentence whose clause opened on "first", while its run of new steps lasts
	betweenSent := -1       // the sentence that put steps "in between", before betweenAt
	var betweenAt []*step
	var ruledOutPlaces []ruledOutPlace // places the text rules out of a step ("The SMS code shouldn't be last."), moved out of once every step is placed
	negSent := -1                      // the sentence of the last clause that ruled steps out
	var negPrev kindSet                // what it ruled out
	docAlt := -1                       // "…, or a national ID if they don't have the licence": a condition on the document just named, closed where it stands
	var lackedDocs []string            // "if they don't have a passport, scan their driving licence": the document lacked, which the scan named next accepts too
	var sc, lastScope scope            // lastScope: the condition that held before sc was closed
	var prevMain []*step               // the steps of the last clause that named any
	var twice []*step                  // steps said "twice" in this sentence
	held := false                      // a clause named a photo the integrator holds
	contact := kNone                   // the code channel of an address the text says it holds ("we already have their email")
	ifRecognized := false              // the last condition was "if they are recognized"
	ifSent := -1
	prevSent := -1
	contrast, bothPops := contrastsPopulations(clauses)
	// "members under 16 can't use it, but the front desk deals with that, so not
	// in this flow": a sentence that puts what it names outside the flow
	elsewhere := map[int]bool{}
	noRecognition := false     // "No recognition on this one, it's only for signing up"
	offScope := map[int]bool{} // sentences under an "Out of scope" heading: their steps are ruled out
	under := false
	lineOnly := -1 // the line of an off-scope heading that holds its item ("Won't: SMS")
	// clauses whose every step is a check, asked for outright: if the text rules
	// all of those out, the clause's words get a note rather than vanish ("No
	// recognition step. Each enrolled face should be tagged with the apartment")
	type askedClause struct {
		text  string
		kinds []kind
		vague bool // a comparison read as a search for want of a second image
	}
	var asked []askedClause
	// "Recognition comes later in the login flow, not here", "the email code,
	// handled elsewhere": a clause that is only such a tag puts the clause
	// before it outside the flow, instruction or not
	taggedOut := map[int]bool{}
	var outsideNotes []outsideNote // the notes of clauses read as handled outside the flow
	for ci, c := range clauses {
		done, byCheck := doneAlready(c.toks)
		if byCheck && !outsideFlow(c.toks) {
			taggedOut[ci] = true
		} else if outsideFlow(c.toks) || done {
			// (a clause that names what goes elsewhere keeps the mark to itself:
			// "face scan first then liveness and that's it, we'll do the
			// matching in a different flow later" asks for the first two)
			own := ownsElsewhere(clauses, ci)
			if !own {
				elsewhere[c.sent] = true
			}
			// (not a condition: "and if the photo is not here, ask them to retake it")
			// (nor one that names its own step before the tag: "…, the sms otp
			// runs in a separate session")
			at := max(0, outsideFlowAt(c.toks))
			if ci > 0 && !own && (clauses[ci-1].sent == c.sent || c.dash) && !hasAnyRaw(c.toks, lex.condIfStrict) && len(analyze(c.toks, nil).steps) == 0 && len(analyze(c.toks[:at], nil).steps) == 0 {
				taggedOut[ci-1] = true
			}
		}
		// ("this isn't a lookup across all passengers": a search ruled out is
		// the recognition ruled out, as a negated "recognise" is)
		if r := slices.IndexFunc(c.toks, func(t token) bool { return t.w == "recognize" || t.in(hSearchVerb) }); r >= 0 && analyze(c.toks, nil).neg.has(kRecognition) &&
			(r > 0 && c.toks[r-1].raw == "no" || !unknownGroup(c.toks)) && !narrowedSearch(clauses, ci) {
			// (not "an ID scan for anyone we don't recognise": that names the
			// users a recognition does not find, not a recognition ruled out
			// as "no recognition on this one" does)
			noRecognition = true
		}
		// "## Out of scope\n- Document scanning\n- Email OTP": a heading of its own
		// (or before a colon) rules out what the list under it names, up to the
		// next heading, a line that names no step
		alone := (ci == 0 || clauses[ci-1].sent != c.sent) && (ci+1 == len(clauses) || clauses[ci+1].sent != c.sent)
		switch {
		case offScopeHeading(c.toks, lex.offScope) || c.colon && offScopeHeading(c.toks, lex.offScopeColon):
			under = true
			// ("Won't: SMS\nCould: a welcome message": a heading with its item on
			// its own line rules out that line only, one item of a list whose
			// other items carry labels of their own)
			lineOnly = -1
			if ci+1 < len(clauses) && clauses[ci+1].sent == c.sent {
				lineOnly = c.sent
			}
			continue
		case under && alone && !namesAnything(c.toks), under && lineOnly >= 0 && c.sent != lineOnly:
			under = false
		}
		if under {
			offScope[c.sent] = true
		}
	}
	listAt, listed := listOpening(clauses)
	storySent := -1   // the sentence of the last clause read as a story ("we used to …")
	bgBefore := false // the clause before is background to a list that follows ("Drivers have to be 21+ and have a driver's license. flow: …")
	// whether a step on a branch or a fallback was of a kind already ruled out
	// when the text put it there: "no codes. if not recognised, an email code"
	// keeps it (the later, narrower words); "… an SMS code. Actually, no SMS
	// at all" does not
	afterExclusion := map[*step]bool{}
	seeBranches := func() {
		for _, m := range seq {
			for _, b := range slices.Concat(m.branch, m.fallback) {
				if _, ok := afterExclusion[b]; !ok {
					afterExclusion[b] = p.excluded.has(b.k)
				}
			}
		}
	}
	for ci, c := range clauses {
		if c.suggested != "" {
			// ("Why not add an email code too?": a judgement call, said)
			p.notes = append(p.notes, "Read \""+c.suggested+"\" as a suggestion for the flow, so the flow does what it suggests (\""+clauseText(c.toks)+"\"); the avatar does not ask it.")
		}
		seeBranches()
		if n := strandedKeyNote(c.toks); n != "" && !slices.Contains(p.notes, n) {
			p.notes = append(p.notes, n)
		}
		if hasPhrase(c.toks, lex.totalBan) {
			// "no SMS anywhere", "never use SMS": no path keeps one either (what
			// the clause rules out for one path only is branchExcluded's)
			p.excludedAll |= analyze(c.toks, seq).neg
		}
		if amountCondition(c.toks) && (slices.Contains(negations(c.toks), true) || hasAnyRaw(c.toks, lex.removeVerb) || has(c.toks, "only")) {
			// "for transfers under 500 skip the read back", "Under 10k just the
			// OTP": the flow cannot see the amount, so what it leaves out for some
			// amounts stays in, and the choice is the app's
			p.notes = append(p.notes, amountNote(c.toks))
			continue
		}
		// ("the SMS code shouldn't be last on mobile" is a place ruled out,
		// for everyone: negatedPlaceOf, below)
		if n, _, _ := negatedPlaceOf(c.toks); n == 0 {
			if g, seg, gts := scopedGroup(clauses, ci); g != "" {
				a := analyze(seg, seq)
				// ("the SMS code shouldn't be used on mobile" names only the code
				// it rules out)
				switch named := slices.ContainsFunc(a.steps, func(s *step) bool { return !a.neg.has(s.k) }); {
				case !named && (a.neg != 0 || slices.Contains(negations(seg), true) || hasAnyRaw(seg, lex.removeVerb)):
					// "skip the ID scan for EU users": what the flow leaves out for a
					// group it cannot tell apart stays in for everyone, and the choice
					// is the app's, as for amounts
					p.notes = append(p.notes, untoldGroupNote(gts, g))
					continue
				case named && slices.ContainsFunc(a.steps, func(s *step) bool { return findKind(seq, s.k) < 0 }):
					// "add an email code for business customers": added for everyone
					// ("never skip liveness on desktop" adds none)
					p.notes = append(p.notes, untoldGroupAdded(gts, g))
				}
			}
		}
		if k := takenBack(c.toks); k > 0 {
			// "I was going to say SMS but scratch that, …": the words before the
			// retraction are taken back, the rest of the clause stands
			p.notes = append(p.notes, "Read \""+clauseText(c.toks[:k])+"\" as taken back, so the flow does not include it.")
			if c.toks = c.toks[k:]; len(c.toks) == 0 {
				continue
			}
		}
		if k := excludesBack(c.toks); k >= 0 {
			// "Emails are too slow for this one, keep them out", "someone suggested
			// adding an ID check - skip it", "… wanted a passport scan too but
			// legal told us to drop it": what the words before named is ruled
			// out, as "no emails" would be
			before := c.toks[:k]
			if k == 0 && ci > 0 && (clauses[ci-1].sent == c.sent || c.dash) {
				before = clauses[ci-1].toks
			}
			// ("if the scan fails, skip it" is what a failure leads to)
			cond := hasAnyRaw(c.toks, lex.condIfStrict) || hasAnyRaw(before, lex.condIfStrict)
			if neg := analyze(slices.Concat(tokenize("no"), before), nil).neg; len(before) > 0 && neg != 0 && !cond {
				p.excluded |= neg
				p.notes = append(p.notes, "Read \""+clauseText(c.toks[k:])+"\" as ruling out what \""+clauseText(before)+"\" names.")
				continue
			}
		}
		if readerQuestion(clauses, ci) {
			// "is pricing per session or per enrolled face?", "Two questions
			// while I have you: …": the speaker asks us, the flow's steps are
			// not what the question is about
			if namesAnything(c.toks) {
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a question to us, not a step of the flow.")
			}
			continue
		}
		if silentAvatar(c.toks) {
			p.silent = true
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as no line from the avatar: no greeting, no closing, no message between or after the checks; a failed check ends the session without a word.")
			continue
		}
		// ("MUST NOT: anything over SMS - the SIM is gone, so the code goes to
		// their email": a clause the off-scope item leads to says what is done
		// instead, and stays in)
		if offScope[c.sent] && !lex.resultLead[c.toks[0].raw] {
			named := analyze(c.toks, seq).steps
			for _, s := range named {
				switch {
				case s.k == kDocument && len(s.docTypes) > 0 && !hasAnyRaw(c.toks, lex.docScanWord):
					// "Out of scope: passports": a type the scan must not accept,
					// not the scan of the permits the text asks for
					p.notDocTypes = append(p.notDocTypes, s.docTypes...)
				case !s.k.isConversation():
					p.excluded.add(s.k)
				}
			}
			if len(named) > 0 { // (not the heading, nor "yes really, ops decision")
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as out of scope, so the flow does not include it.")
			}
			continue
		}
		if passedOn(c.toks, seq) {
			// "Also notify payroll if any of it fails", "After it completes push
			// the result into BambooHR": the integrator's systems act on the
			// result; no step, but said, with what it names
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as something your own systems do with the result, not a step of the flow; do it from your app when the session's webhook reports the result.")
			continue
		}
		if elsewhere[c.sent] && !startsInstruction(c.toks, 0) || outsideFlow(c.toks) || taggedOut[ci] || appDoes(c.toks) { // ("(not in FaceSign)" is no "if not")
			if namesAnything(c.toks) { // ("that part isn't in the flow" needs no word of its own)
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as handled outside the flow, so the flow does not include it.")
				a := analyze(c.toks, seq)
				p.outside |= a.neg // ("no liveness needed because our app already does it")
				o := outsideNote{note: p.notes[len(p.notes)-1], text: clauseText(c.toks)}
				for _, s := range a.steps {
					p.outside.add(s.k)
					if !s.k.isConversation() {
						o.kinds = append(o.kinds, s.k)
					}
				}
				for k := kind(1); k < kindCount; k++ {
					// ("the SMS OTP is sent by our app" names the SMS code; "the
					// door code is sent by our PMS", a code of no channel, none)
					if a.neg.has(k) && !k.isConversation() && !(a.neg.has(kOTP) && (k == kOTP || k == kSMSOTP || k == kEmailOTP)) {
						o.kinds = append(o.kinds, k)
					}
				}
				outsideNotes = append(outsideNotes, o)
			}
			continue
		}
		if listScreening(c.toks) {
			// "we also need sanctions screening on the beneficiary", "screened vs
			// OFAC sanctions list": no node screens against lists
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a screening against a list (sanctions, PEP, watchlist, offender registry or self-exclusion), which FaceSign flows do not do, so the flow does not include it; run it in your app with the verified identity the session's webhook reports.")
			continue
		}
		if namesList(c.toks) { // (first: purposeTailAt analyses the clause)
			if j := purposeTailAt(c.toks); j > 0 && namesList(c.toks[j:]) {
				// "face scan then liveness for self-exclusion enrolment": the
				// steps stay; the list they serve is said, not screened in the flow
				p.notes = append(p.notes, "Read \""+clauseText(c.toks[j:])+"\" as what the steps before it are for; the screening against a list itself is not something FaceSign flows do, so run it in your app with the verified identity the session's webhook reports.")
			}
		}
		if !bothPops && (lex.sceneGiven[c.toks[0].raw] || sceneTitle(clauses, ci)) && findKind(seq, kRecognition) < 0 &&
			(populationCondition(c.toks, contrast) || contrast && startsPopulation(c.toks)) && !namesAnything(c.toks) {
			// "Given a first-time user\nWhen the session starts\nThen …": a
			// scenario's "Given" of one kind of user, set against no other, is
			// who the scenario is about, every user of this flow, not a branch
			// that needs a recognition to tell them apart; so is a scenario's
			// title ("Scenario: new customer signs up")
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the scenario's context: the steps after it are for every user of this flow, with no recognition to tell new users apart; say so if known users should take another path.")
			continue
		}
		group := findKind(seq, kRecognition) < 0 && !noRecognition && unknownGroup(c.toks)
		at := recognitionAt(seq) // where an implied recognition goes
		leadSkips := group && leadGroupSkipsChecks(clauses, ci, seq[at:])
		if leadSkips {
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as said of every user, with no recognition to tell new users apart: a path of their own would skip the checks the text asks of everyone; say so if users we don't recognise should take another path.")
		}
		if findKind(seq, kRecognition) < 0 && !noRecognition && (populationCondition(c.toks, contrast) || c.group || contrast && startsPopulation(c.toks) ||
			group && !leadSkips) {
			// "For recognised users: liveness only. For users we can't find: …",
			// "an ID scan for anyone we don't recognise": sorting users into
			// known and new is what a face recognition does
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a face recognition that tells known users from new ones.")
			// (right before the liveness check already read, FaceSign's
			// pattern, so that the steps read keep their order: "liveness, then
			// an email code. Anyone we don't recognise gets an SMS code" is
			// recognition, liveness, email code, not the liveness moved after
			// the code; with no liveness, first: users are told apart before
			// their paths part, yet after what the avatar says or asks first:
			// "ask them to consent to being recorded, then …" asks before any
			// face is captured and matched)
			seq = slices.Insert(seq, at, &step{k: kRecognition})
		}
		// ("They must be over 18: scan their passport, …": an age the heading
		// sets is a requirement, not only a title)
		if c.title && hasBody && !populationCondition(c.toks, contrast) && !docRestriction(c.toks) && ageIn(c.toks) == 0 {
			if eventClause(c.toks) {
				p.notes = append(p.notes, eventNote(c.toks)) // "whenever a customer adds a new payee: …"
			}
			continue
		}
		// a condition holds to the end of its sentence once a step went under it
		// or once a clause after the condition's own one was read ("if it fails,
		// offer a retry. …"); a condition ending its sentence carries into the next
		// ("when the user isn't found; do an email OTP")
		if (c.sent == storySent || ci > 0 && clauses[ci-1].sent == storySent) && failStory(c.toks) {
			// "Previously we used knowledge-based questions and they failed the pen
			// test", "…; it failed the audit": how the old way fared, beside the
			// story of it, not a failure the flow handles
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as background, not as a step.")
			continue
		}
		if c.aside && sc.k != condNone && len(analyze(c.toks, seq).steps) == 0 && readPolicy(c.toks) == "" {
			// "If it doesn't match - bad lighting, the partner checking in instead,
			// whatever - don't reject them, send them to scan their passport": an
			// aside between dashes neither closes the condition nor uses it up
			continue
		}
		if ci > 0 && c.named && clauses[ci-1].named && !clauseStartsIf(c.toks) && len(analyze(c.toks, seq).steps) == 0 && namedFallback(c.toks) && readPolicy(c.toks) == "human" {
			// "with a fallback to a human agent if it fails": the fallback named
			// is no step but a handover, so every failed check goes to the team
			p.policy = "human"
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as handing a failed check to a member of the team.")
			continue
		}
		if ci > 0 && c.named && clauses[ci-1].named && !clauseStartsIf(c.toks) && len(analyze(c.toks, seq).steps) == 0 {
			// "(don't drop the fallback)" after a named fallback: said of that
			// fallback, not a condition of its own nor a step
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as about the fallback just named, which the flow keeps.")
			continue
		}
		before := sc.k
		if sc.k != condNone && c.sent != sc.sent && !sc.used && c.dash {
			// "if the compare comes back as no match (glasses etc) we still want a
			// way through - text a code": after a dash, what a condition with no
			// step yet leads to
			sc.sent = c.sent
		}
		if sc.k != condNone && c.sent != sc.sent && (sc.used || sc.clauses > 1) || sc.k == condFail && ci > 0 && clauses[ci-1].named {
			// ("passport scan with a driving licence backup, then liveness": the
			// liveness is the main path's again)
			lastScope, sc = sc, scope{}
		}
		if sc.k != condNone && sc.only && sc.used && c.then && c.sent == sc.sent && !readsBranchDocument(c.toks, seq, sc.branchOf()) {
			// "a passport scan if not recognised, then an email code": the
			// condition trailed the scan alone; what comes next is everyone's
			lastScope, sc = sc, scope{}
		}
		if sc.k == condNone && lastScope.k != condNone && phraseAt(c.toks, 0, lex.sameCase) {
			// "… unless the compare comes back as no match. In that case, take a
			// face scan": the condition just closed holds again
			sc = lastScope
			sc.sent, sc.used, sc.clauses = c.sent, false, 0
		}
		cond := readCondition(c.toks, seq)
		if c.group && cond.k == condNone && !has(c.toks, "no") && !hasAnyHot(c.toks, hCondNew) && !hasAnyRaw(c.toks, lex.perfectNeg) && !hasAnyHot(c.toks, hNewcomer) {
			// "… and an email code for users who are already enrolled": the group
			// beside the new users is the one the recognition finds
			cond = condition{k: condMain, end: len(c.toks) - 1}
		}
		if cond.k == condFail && !clauseStartsIf(c.toks) && p.uc != ucGeneric && detectUseCase(c.toks) == p.uc && len(analyze(c.toks, seq).steps) == 0 {
			// "Client locked out of the portal after too many failed attempts":
			// the failures that brought the user here tell the flow's purpose, not
			// a failure the flow handles (that needs "if", or a step it follows)
			cond = condition{end: -1}
		}
		everyone := false
		if cond.k == condNewUser && noRecognition && findKind(seq, kRecognition) < 0 {
			// "The first time a member signs up, …. No recognition on this one":
			// with no recognition every user is new, so what follows is the flow
			cond, everyone = condition{end: -1}, true
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as every user of this flow: with no recognition, no one is told apart as new.")
		}
		if before != condNone && lex.otherwise[c.toks[0].raw] || cond.short && (before == condAge || before == condNewUser) && !hasAnyRaw(c.toks[:min(len(c.toks), cond.end+1)], lex.subjectPronoun) {
			// "if they're not recognized, deny. Otherwise send an SMS code": the
			// other side of the condition just read is the main path; so is a
			// bare "if not" after a group ("if under 18, tell them and finish;
			// if not, they take a selfie"), which negates the group, not a step;
			// one with a subject ("if they can't", "if they don't") is said of
			// the step before, as before a group
			if cond.short {
				answeredNo = ci // its continuation is no policy of the "if"
			}
			cond = condition{k: condMain, end: max(cond.end, 0)}
		}
		if noAnswerAfterYesEnd(clauses, ci) {
			// "asks "Is anyone pressuring you …?" if they say yes stop the flow, if
			// no -> sms otp": "no" is the other answer to the question, and the
			// "yes" side ended, so what follows the "no" is the main path
			sc, lastScope, policySent = scope{}, scope{}, -1
			body := c.toks[slices.IndexFunc(c.toks, func(t token) bool { return t.raw == "no" || t.raw == "not" })+1:]
			if len(body) == 0 {
				answeredNo = ci // its continuation ("-> sms otp") is no policy of the "if"
				continue
			}
			c.toks = body
			cond = condition{k: condMain, end: -1}
		}
		if cond.k == condFail && (cond.end < 0 || !clauseStartsIf(c.toks)) && sc.k != condNone && sc.sent == c.sent {
			// "if the face is unknown, send an email code as a fallback", "…, we fall
			// back to an SMS code": the role of the step under the condition already
			// open, not a new condition
			cond = condition{end: -1}
		}
		if cond.short && ifRecognized {
			cond.k = condNewUser // "if they are recognized, …. If not, …"
		}
		if ifRecognized && cond.k != condNewUser && len(c.toks) > 1 && (c.toks[0].w == "else" || lex.otherwise[c.toks[0].raw]) && !hasPhrase(c.toks, lex.allPaths) && !hasPhrase(c.toks, lex.sameForAll) {
			// (not "otherwise the flow is the same for everyone: …", "otherwise
			// nothing changes": a remark on the whole flow, no branch)
			// "if recognised, LV -> sms otp. else PP scan + FC", "recognised ?
			// … : …": the other side of a recognition is its new users
			cond = condition{k: condNewUser, end: 0}
		}
		ifRecognized = clauseStartsIf(c.toks) && has(c.toks, "recognize") && (cond.k == condNone || cond.k == condMain) ||
			ifRecognized && cond.k == condNone && c.sent == ifSent
		if ifRecognized && clauseStartsIf(c.toks) {
			ifSent = c.sent
		}
		switch cond.k {
		case condMain:
			sc = scope{}
		case condNewUser, condFail, condAge:
			if sc.k == cond.k && sc.sent == c.sent && !(cond.k == condFail && sc.anchor != nil && cond.end >= 0 && slices.ContainsFunc(analyze(c.toks[:cond.end+1], seq).steps, func(s *step) bool { return s.k != sc.anchor.k && findKind(seq, s.k) >= 0 })) {
				// the same condition, said again in its own sentence (not "…; if
				// it fails again, end, and if liveness fails, …": another step's)
				break
			}
			sc = scope{k: cond.k, sent: c.sent, only: c.only}
			if cond.k == condFail {
				// the step that fails: named in the clause, or the one before
				fromClause := false // the condition's own words name the step ("should the comparison fail")
				named := c.toks
				if cond.end >= 0 && slices.ContainsFunc(analyze(c.toks[:cond.end+1], seq).steps, func(s *step) bool { return findKind(seq, s.k) >= 0 }) {
					// "if the ID scan fails compare their face to …" (no comma): the
					// condition's own words name the step, not what follows them
					named = c.toks[:cond.end+1]
				}
				if cond.step > 0 {
					named = c.toks[cond.step : cond.end+1] // "if no face is found in the liveness check"
				}
				for _, s := range analyze(named, seq).steps {
					if i := findKind(seq, s.k); i >= 0 && !(sc.anchor != nil && s.k == kRecognition && !has(named, "recognize")) {
						// ("if the liveness check on a returning user flags a
						// deepfake": the liveness failed; the returning user names
						// who, not a recognition that failed)
						sc.anchor, fromClause = seq[i], true
					}
				}
				if cond.end >= 0 {
					sc.anchor = arrivalOf(sc.anchor, seq, c.toks[:cond.end+1])
				}
				if sc.anchor == nil && (has(c.toks, "sms") || has(c.toks, "code") || has(c.toks, "email") || has(c.toks, "phone")) {
					// "if the text can't be delivered", "if the code never arrives":
					// the code of that channel, or the last code
					for i := len(seq) - 1; i >= 0 && sc.anchor == nil; i-- {
						k := seq[i].k
						if k == kSMSOTP && !has(c.toks, "email") || k == kEmailOTP && !has(c.toks, "sms") && !has(c.toks, "phone") || k == kOTP {
							sc.anchor = seq[i]
						}
					}
				}
				if sc.anchor == nil && cond.end >= 0 && notDelivered(c.toks[:cond.end+1]) {
					// "send an email code; if it doesn't arrive, send an SMS code
					// instead": what did not arrive is the last code, whichever
					// channel the fallback names
					// ("SMS code, then passport scan. If it doesn't go through, …":
					// "it" is the scan, the step just named, not the code before it)
					if n := len(seq); n > 0 && isCodeKind(seq[n-1].k) {
						sc.anchor = seq[n-1]
					}
				}
				if i := lastKindStep(seq, kAsk); sc.anchor == nil && cond.short && i != nil && yesBefore(clauses, ci) {
					// "ask if they have their passport. If yes, scan it; if not,
					// send an email code": the "not" answers the question, it is
					// no failure of the scan the "yes" led to
					sc.anchor, fromClause = i, true
				}
				if i := findKind(seq, kPermissions); sc.anchor == nil && i >= 0 && hasAnyRaw(c.toks[:min(len(c.toks), max(cond.end+2, 0))], lex.condStop) && (has(c.toks, "camera") || has(c.toks, "microphone")) {
					// "if they refuse the camera": the permission request was denied
					sc.anchor, fromClause = seq[i], true
				}
				head := c.toks[:max(cond.end+1, 0)]
				if sc.anchor == nil && userStops(head) && !has(c.toks, "camera") && !has(c.toks, "microphone") {
					// "scan the passport, then liveness. if they cancel it, …": the
					// latest step a user can cancel (a liveness check cannot be)
					for i := len(seq) - 1; i >= 0 && sc.anchor == nil; i-- {
						if cancellable(seq[i]) {
							sc.anchor = seq[i]
						}
					}
				}
				if i := findKind(seq, kFaceCompare); sc.anchor == nil && i >= 0 && hasAnyHot(head, hImageGone) {
					// "If the headshot is missing or unusable, scan their ID instead":
					// the comparison found no image to read; only that outcome falls back
					sc.anchor, fromClause = seq[i], true
					seq[i].fallbackOn = "imageUnavailable"
				}
				if i := findKind(seq, kFaceCompare); sc.anchor == nil && i >= 0 && cond.end >= 0 &&
					slices.ContainsFunc(c.toks[:cond.end+1], func(t token) bool { return t.w == "match" || t.w == "compare" }) {
					// "if the faces don't match", "if there's no match": the
					// comparison failed, though the words name no step of their own
					sc.anchor, fromClause = seq[i], true
				}
				if sc.anchor == nil && has(c.toks, "scan") {
					// "if the user cancels the scan": the scan the text named last
					if i := findKind(seq, lastScannable(clauses[:ci], seq)); i >= 0 {
						sc.anchor = seq[i]
					}
				}
				if named := failedNamed(c.toks, cond.end, seq); sc.anchor == nil && cond.end >= 0 && len(named) == 1 && canFail(named[0].k) &&
					named[0].k != kOTP && named[0].k != kEnterEmail && !slices.ContainsFunc(seq, func(o *step) bool { return slices.Contains(family(named[0].k), o.k) }) {
					// "if the sms doesn't arrive, send the code by email instead": the
					// step the condition is about runs on the main path
					seq = merge(seq, named)
					sc.anchor, sc.ahead = named[0], true
					p.notes = append(p.notes, "Added "+named[0].k.withArticle()+" to the main path: \""+clauseText(c.toks[:cond.end+1])+"\" speaks of one.")
				}
				if exceptAt == ci-1 && excepted != nil && !fromClause {
					// "…, but not the passport scan; it should fall back to an SMS
					// code": "it" is the step just excepted from the retry
					sc.anchor = excepted
				}
				// "if the liveness check fails", "if it fails" name one step;
				// "if a check fails" is any of them, though it finds the last
				// ("if the scan fails", "if the text can't be delivered" name theirs too)
				sc.named = (fromClause || len(analyze(c.toks, nil).steps) > 0 || hasAnyHot(c.toks, hBackRef) ||
					sc.anchor != nil && (has(c.toks, "scan") || has(c.toks, "sms") || has(c.toks, "code"))) && !hasAnyRaw(c.toks, lex.anyOne)
				if head := c.toks[:max(cond.end+1, 0)]; sc.anchor != nil && sc.anchor.k == kOTP && has(head, "email") != has(head, "sms") {
					// "we send a code there. If the email can't be delivered, … a
					// passcode by text": the condition names the code's channel, so
					// a code of the other channel is its fallback, not the same
					// code named again
					sc.anchor.k = kEmailOTP
					if has(head, "sms") {
						sc.anchor.k = kSMSOTP
					}
				}
				if sc.anchor != nil && isCodeKind(sc.anchor.k) && cond.end >= 0 && notDelivered(c.toks[:cond.end+1]) {
					// "if the SMS can't be delivered send an email code instead": only
					// a code that never arrived goes to the fallback; a wrong code
					// fails as any check does
					sc.anchor.fallbackOn = "delivery_failed"
				}
				if head := c.toks[:max(cond.end+1, 0)]; sc.anchor != nil && sc.anchor.k == kLiveness && attackOnly(head) {
					// "if a deepfake is detected, scan their passport for review":
					// only the caught attack takes that path, and it ends there
					// (attackCaught); "if it fails or a deepfake is detected" is
					// any failure
					sc.attack, sc.prevOn = true, sc.anchor.fallbackOn
					sc.anchor.fallbackOn = "deepfakeDetected"
				}
				// (the words right after the verb too: "if it fails again", "fails a second time")
				// ("if the retry fails": the try offered is what failed, a
				// second failure of the step offered again)
				tried := cond.end >= 0 && hasAnyHot(c.toks[:cond.end+1], hRetryNoun)
				if head := c.toks[:min(len(c.toks), cond.end+3)]; cond.end >= 0 && (tried || hasAnyRaw(head, lex.secondFail)) {
					// "let them retry, and if it fails again send them to an ID
					// scan": the second failure of the step offered again (what
					// "it" is), so the retry is bounded and this is its path
					if sc.anchor == nil && stepRetryAt == ci-1 && len(stepRetried) > 1 && !slices.ContainsFunc(stepRetried, func(s *step) bool { return !s.once }) {
						// "Retry liveness and the email code once; if the retry
						// fails, hand them to an agent": the retry just offered is
						// both steps', so the second failure of each takes what
						// follows, not the last one's alone
						sc.retried, sc.retriedSteps = true, stepRetried
					}
					if r := lastRetried(seq); sc.anchor == nil && !sc.retried && r != nil && (r == lastCheck(seq) || stepRetryAt == ci-1) {
						// only the check just named ("it", "that"), or the one the
						// clause just before offered again ("Retry liveness once; if
						// it fails again, …" in a flow whose last check is the SMS
						// code): after "Then an SMS code", "if that also fails" is
						// the code's failure, not a second failure of an earlier
						// retried check
						// (named so: "if that fails too, pass them to support" is
						// said of that step, not of every check)
						sc.anchor, sc.named = r, true
					}
					if sc.anchor == nil && p.policy == "retry" && retryAt >= 0 && (retryAt == ci-1 || clauses[retryAt].sent == c.sent) {
						// "Let them retry any failed check once; if it fails again,
						// hand them to an agent": the second failure of every check
						sc.retried = true
					}
					againSaid := hasRaw(c.toks[:cond.end+1], "again") || cond.end > 0 && c.toks[cond.end].in(hTryNoun) && lex.repeatOrdinal[c.toks[cond.end-1].raw]
					if sc.anchor != nil && sc.anchor.retry {
						sc.anchor.once = true
					} else if sc.anchor != nil && sc.named && againSaid && noRetryAt >= 0 {
						// "No retries. If liveness fails again, …": the text rules
						// every retry out, so "again" adds none; its failure is the
						// one that takes what follows
						p.notes = append(p.notes, "Read \""+clauseText(c.toks[:cond.end+1])+"\" as its failure: the text rules retries out, so no second try was added.")
					} else if sc.anchor != nil && sc.named && againSaid && !sc.attack &&
						retryable(sc.anchor.k) && canFail(sc.anchor.k) && !sc.anchor.noRetry {
						// "If liveness fails again, hand them to an agent" with no
						// retry of liveness offered: "again" speaks of a second
						// failure, so the first gets one more try (a caught deepfake
						// never does), and what follows is the second's ("fails
						// twice" counts a code's attempts: failCount)
						sc.anchor.retry, sc.anchor.once = true, true
						p.notes = append(p.notes, "Read \""+clauseText(c.toks[:cond.end+1])+"\" as a second failure: the "+sc.anchor.k.String()+" gets one more try first, which the text did not offer elsewhere.")
					}
					if sc.anchor != nil && sc.anchor.once && sc.anchor.k == kLiveness && !sc.attack {
						// "Retry liveness once; if it fails again, hand them to an
						// agent": a caught deepfake is never offered again, so it
						// has no second failure; it ends as the first attempt's
						// did, never on this path (a handover of the attack)
						sc.anchor.deepfakeEnds = true
					}
				}
			}
		}
		// ("…, but not the ID scan", "Allow retries, except the passport scan",
		// "… But not the ID scan." right after a retry of every check rules that
		// check's retry out, not the check; "No retries, except for the
		// liveness check" gives that one a retry)
		short := len(c.toks) < maxEllipsis
		ellipsis := short && lex.exceptionLead[c.toks[0].raw]
		after := func(at int) bool { return at >= 0 && (clauses[at].sent == c.sent || at == ci-1) }
		if short && p.policy == "retry" && after(retryAt) && boundedTry(c.toks) && !namesAnything(c.toks) {
			retryOnce = true // "Allow retries, but not more than once", "… only once"
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as one more try at each check, not more.")
			continue
		}
		if retryRuledOut(c.toks) >= 0 && (sc.k != condNone || c.sent == policySent) || ellipsis && p.policy == "retry" && after(retryAt) {
			if a := analyze(c.toks, seq); a.neg != 0 && len(a.steps) == 0 {
				if changed, unfound := ruleOutRetries(seq, a.neg); len(unfound) == 0 {
					// "let them retry any failed check, but no second chance on the
					// SMS code": the exception to the retry its sentence offered
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as no second try at the "+stepNames(changed)+".")
					exceptAt, excepted = ci, nil
					if len(changed) == 1 {
						excepted = changed[0]
					}
					if sc.k == condFail && !sc.named && len(changed) == 1 {
						// "…, but not the ID scan, that one should fall back to an
						// email code": what follows is said of the step excepted
						sc.anchor = changed[0]
					}
					continue
				}
			}
		}
		if p.policy == "retry" && after(retryAt) && sc.k == condFail && !sc.named && !c.then && !clauseStartsIf(c.toks) &&
			!hasAnyRaw(c.toks, lex.fallbackNoun) && !has(c.toks, "instead") {
			// "Let them retry any failed check, but the liveness only once", "…,
			// but not the deepfake", "…, but no second chance on the SMS code and
			// liveness": a check the flow has, named after a retry of every
			// check, is said of its retry; it is no fallback of the last step
			if a := analyze(c.toks, seq); len(a.steps) > 0 && !slices.ContainsFunc(a.steps, func(s *step) bool { return findKind(seq, s.k) < 0 }) {
				var named []*step
				for _, s := range a.steps {
					if t := seq[findKind(seq, s.k)]; !slices.Contains(named, t) {
						named = append(named, t)
					}
				}
				switch {
				case hasAnyRaw(c.toks, lex.attackWord):
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as: a detected deepfake is never offered again; it ends the session.")
				case boundedTry(c.toks):
					for _, s := range named {
						if retryable(s.k) && canFail(s.k) && !s.noRetry {
							s.retry, s.once = true, true
						}
					}
					perStep = true
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as one more try at the "+stepNames(named)+", not more.")
				case exceptAt == ci-1 && a.neg == 0:
					// the list of an exception cut at "and" ("no second chance on
					// the SMS code and liveness"): its last names
					var ks kindSet
					for _, s := range named {
						ks.add(s.k)
					}
					changed, _ := ruleOutRetries(seq, ks)
					exceptAt = ci
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as no second try at the "+stepNames(changed)+" either.")
				default:
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as said of the retry of the "+stepNames(named)+", which the flow offers.")
				}
				continue
			}
		}
		if ellipsis && after(noRetryAt) && p.policy != "retry" {
			if a := analyze(c.toks, seq); a.neg != 0 && len(a.steps) == 0 {
				var given []*step
				for k := kind(0); k < kindCount; k++ {
					if i := findKind(seq, k); a.neg.has(k) && i >= 0 && retryable(k) && canFail(k) && !k.isConversation() {
						seq[i].retry = true
						given = append(given, seq[i])
					}
				}
				if len(given) > 0 {
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a second try at the "+stepNames(given)+" only.")
					continue
				}
			}
		}
		if retryRuledOut(c.toks) >= 0 {
			if a := analyze(c.toks, seq); a.neg == 0 && len(a.steps) == 0 {
				noRetryAt = ci // "No retries, except for the liveness check"
			}
		}
		if sc.k != condNone {
			sc.sent = c.sent
			sc.clauses++
			sc.retryNow = false
			body := c.toks
			if cond.k != condNone && cond.end+1 <= len(body) {
				body = body[cond.end+1:] // the condition's own words ("if not recognized") name no step
				if f := groupFrom(c.toks, cond.end); f > 0 && cond.k == condNewUser && len(analyze(c.toks[:f], seq).steps) > 0 {
					// "passport scan for new users (after the liveness check)",
					// "send a code to people we don't recognise": the group
					// trails the step it is for, which the words before it name
					body = append(slices.Clip(c.toks[:f]), body...)
				}
			}
			ctx := seq
			if sc.anchor != nil {
				ctx = append(append(slices.Clone(seq), sc.anchor.branch...), sc.anchor.fallback...)
			}
			a := analyze(body, ctx)
			if sc.k == condFail && freshCodeIn(body) {
				// "if the code is wrong, send a new code": a code is used once, so
				// a new one is another code, as "another code" says (anotherTry);
				// elsewhere "the new PIN will arrive by text" is no second code
				a.again = true
			}
			failed := sc.anchor
			if failed == nil && len(seq) > 0 {
				failed = seq[len(seq)-1] // "if that fails": the step just named (see routeScoped)
			}
			if sc.k == condFail && failed != nil && isCodeKind(failed.k) && sameSettings(body) {
				// "fall back to an email code with the same settings": the
				// fallback code takes the failed code's length, expiry and attempts
				for _, s := range a.steps {
					if isCodeKind(s.k) {
						s.otpLen, s.expiry, s.attempts = cmp.Or(s.otpLen, failed.otpLen), cmp.Or(s.expiry, failed.expiry), cmp.Or(s.attempts, failed.attempts)
					}
				}
			}
			if k := elidedResend(body); sc.k == condFail && len(a.steps) == 0 && failed != nil && isCodeKind(failed.k) && k != kNone {
				// "send a code to the email on file, and if that fails, to their
				// phone": only where to send it, so the same code goes there
				a.steps = []*step{{k: k}}
			}
			// the policy is what the clause says to do, not its condition ("if that
			// second compare also fails, end it" ends)
			// "a second scan with their national ID card" is another scan with
			// other documents, not a retry of the first
			otherDocs := sc.k == condFail && sc.anchor != nil && slices.ContainsFunc(a.steps, func(s *step) bool {
				return s.k == sc.anchor.k && len(s.docTypes) > 0 && !slices.Equal(s.docTypes, sc.anchor.docTypes)
			})
			// "give them one more go with a second scan": a second node of that
			// kind, which the text names, rather than a retry prompt
			secondTry := sc.k == condFail && sc.anchor != nil && anotherTry(body) &&
				(slices.ContainsFunc(a.steps, func(s *step) bool { return s.k == sc.anchor.k }) ||
					(sc.anchor.k == kDocument || sc.anchor.k == kFaceScan) && has(body, "scan"))
			otherDocs = otherDocs || secondTry
			pol := readPolicy(body)
			if pol == "retry" && len(body) > 1 && elidedMore(body, len(body)-1) && (sc.anchor == nil || !isCodeKind(sc.anchor.k)) {
				// "if the scan times out, send one more": one more of what is
				// sent, a code; of a scan it names no check, and the last one
				// got the retry while the scan that timed out ended (rvS18 S7)
				pol = ""
				p.notes = append(p.notes, "Did not read \""+clauseText(body)+"\" as a retry: it does not say which check to repeat; say e.g. \"let them scan the passport again once\".")
			}
			var said *step // the one line the clause gives with its policy ("says '…' and hands over")
			if len(a.steps) == 1 && a.steps[0].k == kInform && a.steps[0].phrase != "" && sc.anchor != nil && len(sc.anchor.fallback) == 0 {
				said = a.steps[0]
			}
			if pol == "retry" && hasPhrase(c.toks, lex.retryLater) {
				// "users can retry from the app if it fails": a try in another
				// session, not a second one in this
				pol = ""
				p.notes = append(p.notes, retryLaterNote(c.toks))
			}
			if pol == "" && len(a.steps) == 0 && sc.k == condFail && cond.k == condFail && !clauseStartsIf(c.toks) {
				// "let them retry any failed check": the condition trails the
				// words that say what to do, and what follows it names nothing
				// but an exception ("… except the SMS code": no retry of that one)
				if pol = readPolicy(c.toks); pol == "retry" && a.neg != 0 {
					if changed, unfound := ruleOutRetries(seq, a.neg); len(unfound) == 0 {
						p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a second try at any check that fails but the "+stepNames(changed)+".")
						a.neg = 0
					}
				}
			}
			if b := sc.branchOf(); sc.k == condNewUser && pol == "end" && len(a.steps) == 0 && len(b) > 0 && b[len(b)-1].k == kInform {
				// "if they're not found, tell them to contact the exam office and
				// end": the new users' path ends after its line
				b[len(b)-1].ends = true
			}
			if sc.k == condFail && len(a.steps) == 0 && spares(body) {
				// "if it's not a match, don't reject them; have them scan their
				// passport …": no ending, and not a clause of the condition's own
				// either, so what the next sentence says still goes on the fallback
				pol = ""
				sc.clauses--
				p.notes = append(p.notes, "Read \""+clauseText(body)+"\" as: a failure there does not end the session; what the text says next is tried instead.")
			}
			if pol == "retry" && sc.k == condFail && sc.anchor == nil && sc.named {
				// "selfie liveness, and if it fails they can try one more time": the
				// step just named is the one offered again
				sc.anchor = lastCheck(seq)
			}
			if pol == "retry" && sc.k == condFail && sc.anchor != nil && sc.named && retryable(sc.anchor.k) && !otherDocs {
				sc.anchor.retry = true // "if the liveness check fails, offer a retry": that check, not every one
				if len(a.steps) == 0 && sc.used && p.lineToRetry(sc.anchor) {
					sc.used = false
				}
				sc.retryNow = len(a.steps) > 0 // ("say 'Let's try once more' and retry it": routeScoped)
				stepRetryAt, stepRetried = ci, []*step{sc.anchor}
				sc.anchor.once = sc.anchor.once || boundedTry(body)
				p.notes = append(p.notes, triesCut(body, []*step{sc.anchor})...)
				if len(a.steps) == 0 && sc.ahead && thenInSentence(clauses, ci) {
					// "If they fail liveness, let them retry, and after that do an
					// ID scan. Then an SMS code.": said before the main path reached
					// the step, what follows the retry in its sentence is the second
					// failure's path (carriedOn kept the sentence first)
					sc.anchor.once = true
				} else if len(a.steps) == 0 {
					// the retry is all the condition asked for: what follows ("…,
					// then a text code", "… another go. Then an email OTP.") is the main path
					lastScope, sc = sc, scope{}
					retried = ci
				}
			} else if sc.k == condFail && sc.retried && len(a.steps) == 0 && (pol == "human" || pol == "end") {
				// "Let them retry any failed check once; if it fails again, hand
				// them to an agent": each check keeps its one retry, and its
				// second failure is handed over (settleHandovers says it, or
				// makes it every failure's when every check is); "…, end the
				// session" is what a second failure does already
				if pol == "human" {
					over := seq
					if sc.retriedSteps != nil {
						over = sc.retriedSteps
					}
					for _, s := range over {
						if canFail(s.k) && len(s.fallback) == 0 && !s.noRetry {
							if retryable(s.k) {
								s.retry, s.once = true, true
							}
							s.deepfakeEnds = s.k == kLiveness // (a second failure: never a deepfake's)
							s.fallback = []*step{{k: kInform, speech: saysLine, phrase: handoverLine, ends: true, last: true}}
						} else if sc.retriedSteps == nil && slices.ContainsFunc(s.fallback, func(f *step) bool { return canFail(f.k) }) {
							// "If the email code fails, scan their passport. Let them
							// retry any failed check once; if it fails again, hand
							// them to an agent": a check on a fallback path that
							// fails is handed over too (the failure message is)
							p.policy = "human"
						}
					}
					p.reviewAsked(pol, c.toks)
				}
				sc.used = true
			} else if pol == "end" && sc.k == condFail && sc.anchor != nil && sc.attack && len(a.steps) == 0 && sc.used && sc.prevOn == "" && !slices.ContainsFunc(sc.anchor.fallback, func(f *step) bool { return !f.k.isConversation() }) {
				// "If a deepfake is detected, say 'Session ended' and end": the
				// line said under the condition is the caught attack's, and the
				// session ends after it; the deepfake keeps that path (a face
				// not found ends as any failure does)
				sc.anchor.noRetry = true
			} else if pol == "end" && sc.k == condFail && sc.anchor != nil && sc.attack && len(a.steps) == 0 && !hasAnyHot(body, hNegAux) && !slices.Contains(negations(body), true) {
				// "If a deepfake is detected, end the session", "…, but if it's a
				// deepfake, end the session": the caught attack ends, whatever
				// fallback the check's other failures get (before or after)
				sc.anchor.fallbackOn, sc.anchor.deepfakeEnds = sc.prevOn, true
				sc.anchor.noRetry = true
			} else if pol == "end" && sc.k == condFail && sc.anchor != nil && sc.named {
				// "If the SMS code fails, end the session": that step's failure
				// ends, whatever a retry of every check says
				sc.anchor.noRetry = true
			} else if fb := sc.anchor.fallbackLine(); pol == "human" && sc.k == condFail && sc.anchor != nil && (sc.named || sc.anchor.k == kAsk) && (len(a.steps) == 0 && (len(sc.anchor.fallback) == 0 || fb != nil && sc.used) || said != nil) {
				// "if the SMS code fails, hand them to an agent", "ask for their
				// consent; if they refuse, hand over to a human": that failure is
				// handed over; another check's failure (a caught deepfake) ends
				// as any failure does (with no other check, the handover is what
				// every failure does: settleHandovers)
				if said != nil {
					// "…, the avatar says 'An agent will call you' and hands over
					// to a human": the text's line, said under the same condition,
					// is the handover's (not a second announcement); routed below
					said.hands, said.last = true, true
				} else if fb != nil {
					// "…, the avatar says 'An agent will call you' and hands over
					// to a human": the text's line, said under the same
					// condition, is the handover's (not a second announcement)
					fb.hands, fb.last = true, true
				} else {
					sc.anchor.fallback = []*step{{k: kInform, speech: saysLine, phrase: handoverLine, ends: true, last: true}}
				}
				sc.used = true
				p.reviewAsked(pol, c.toks) // (settleHandovers says it)
			} else if pol == "human" && sc.k == condNewUser && sc.anchor != nil && len(a.steps) == 0 {
				// "for new users, hand off", "if they're new, hand them to an
				// agent": the new users' path ends on the handover; a failed
				// check is no new user, and ends as before (rvD19 D20)
				sc.anchor.branch = append(sc.anchor.branch, &step{k: kInform, speech: saysLine, phrase: handoverLine, hands: true, ends: true, last: true})
				sc.used = true
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the new users' path: after their liveness check the avatar hands them to a member of the team; a failed check is not handed over.")
			} else if pol == "human" && p.policy == "retry" && sc.k == condFail && !sc.named && len(a.steps) == 0 && retryAt >= 0 && retryAt < ci && clauses[retryAt].sent == c.sent {
				// "one more try if anything fails, then hand off": the retry of
				// every check the clause before gave stays, and the handover is
				// each one's second failure, not the policy in its place
				// (rvD19 D4)
				p.handOverSecondFailures(seq)
				p.reviewAsked(pol, c.toks)
				sc.used = true
			} else if pol != "" && !otherDocs {
				p.policy = pol
				p.reviewAsked(pol, c.toks)
				// ("Retry any failed check once. Liveness, then an SMS code.": the
				// condition got what it leads to; the next sentence is the main
				// path's, not the failure's)
				sc.used = sc.used || sc.k == condFail && len(a.steps) == 0
				if pol == "retry" {
					// ("If a check fails, retry once": bounded, as "users can retry once")
					retryAt, retryOnce = ci, retryOnce || boundedTry(c.toks)
				}
				if pol == "retry" && a.neg != 0 && len(a.steps) == 0 && hasPhrase(body, lex.exceptPhrase) {
					// "if any check fails let them retry except the SMS code":
					// the exception's step keeps no retry, and stays
					if changed, unfound := ruleOutRetries(seq, a.neg); len(unfound) == 0 {
						p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a second try at any check that fails but the "+stepNames(changed)+".")
						a.neg = 0
					}
				}
			}
			if cond.k == condAge || sc.k == condAge {
				if i := ageIndex(c.toks); i >= 0 {
					a.steps = append(a.steps, &step{k: kAgeCheck, minAge: ageAt(c.toks, i), explicitAge: true})
					if n := ageRangeNote(c.toks, i); n != "" {
						p.notes = append(p.notes, n)
					}
				} else if cond.k == condAge && namesMinor(c.toks[:cond.end+1], c.toks) && findKind(a.steps, kAgeCheck) < 0 {
					// "if they're a minor, end the session", "minors => end": the
					// age of majority, which differs by country, read as 18
					a.steps = append(a.steps, &step{k: kAgeCheck, minAge: 18})
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+legalAgeNoteTail)
				}
			}
			if sc.k == condFail && len(a.steps) == 0 && sc.anchor != nil && (sc.anchor.k == kDocument || sc.anchor.k == kFaceScan) && has(body, "scan") && hasAnyRaw(body, lex.anotherTry) {
				// "if the scan times out, give them one more go with a second scan": the failed scan's kind
				a.steps = []*step{{k: sc.anchor.k, docTypes: slices.Clone(sc.anchor.docTypes)}}
			}
			if sc.k == condFail && anotherTry(body) {
				// "if the scan times out, give them a second scan", "let them scan a
				// driving licence instead": another step of the failed kind, not
				// the failed step named again
				for _, s := range a.steps {
					if sc.anchor != nil && s.k == kOTP && isCodeKind(sc.anchor.k) && freshCodeIn(body) {
						// "if the email code fails, send a fresh code": a new
						// code of the failed one's channel, which the text named
						// there ("another code" may be another channel)
						s.k = sc.anchor.k
					}
					s.again = sc.anchor == nil || s.k == sc.anchor.k
				}
			}
			if sc.k == condFail && findKind(seq, kDocument) >= 0 && slices.ContainsFunc(a.steps, func(s *step) bool {
				return s.k == kFaceCompare && (s.srcA != nil && s.srcA.Source == "documentPhoto" || s.srcB != nil && s.srcB.Source == "documentPhoto")
			}) {
				// "compare that scan against the ID photo once more": the ID the flow
				// scanned is a source of the comparison, not another scan
				doc := seq[findKind(seq, kDocument)]
				a.steps = slices.DeleteFunc(a.steps, func(s *step) bool {
					return s.k == kDocument && !s.again && !anotherOfKind(s, doc) && !(sc.anchor != nil && rescan(s, sc.anchor))
				})
			}
			if sc.k == condNewUser && a.refAfter && len(a.steps) > 0 {
				// "an age check for new users after a passport scan": a step the
				// path has nowhere goes first on it, as on the main path (ensure)
				var first []*step
				for _, r := range a.ref {
					if findKind(ctx, r.k) < 0 && !r.k.isConversation() {
						first = append(first, r)
					}
				}
				a.steps = append(first, a.steps...)
			}
			var orAge []*step
			if sc.k == condFail && len(body) > 0 && body[0].raw == "or" {
				// "fail the session if the scan fails or the user is under 18":
				// an age limit joined to the failure is one more way to fail, a
				// check on the main path, not what the failed step is replaced
				// with ("if the scan fails, do an age check instead" is)
				orAge = slices.DeleteFunc(slices.Clone(a.steps), func(s *step) bool { return s.k != kAgeCheck || !s.explicitAge })
				a.steps = slices.DeleteFunc(a.steps, func(s *step) bool { return slices.Contains(orAge, s) })
			}
			sc.again = a.again || slices.ContainsFunc(c.toks, func(t token) bool { return t.w == "again" })
			main := append(p.routeScoped(&sc, a.steps, seq), orAge...)
			p.joinBefore(&sc, seq, a.ref, a.refAfter)
			if head := c.toks[:max(cond.end+1, 0)]; sc.k == condFail && sc.anchor != nil && hasSetting(head) && readSettings(head).accepts(sc.anchor.k) {
				// "if they type a wrong pin 5 times we fall back to email otp": the
				// count in the condition is the failed step's attempts
				readSettings(head).apply(sc.anchor)
				if body := c.toks[cond.end+1:]; hasSetting(body) {
					applySettings(readSettings(body), a.steps, seq)
				}
			} else if hasSetting(c.toks) {
				// the settings belong to the clause's steps, wherever the condition sent them
				if !applySettings(readSettings(c.toks), a.steps, seq) {
					p.notes = append(p.notes, unplaced(c.toks)...)
				}
			}
			seq = merge(seq, main)
			continue
		}
		if cond.k != condMain && (isPolicyClause(c, clauses, ci) && retried != ci-1 && answeredNo != ci-1 && docAlt != ci-1 || c.sent == policySent) {
			if c.named && ci > 0 && clauses[ci-1].named && clauseStartsIf(c.toks) && c.sent != policySent && len(analyze(c.toks, seq).steps) == 0 && readPolicy(c.toks) == "" {
				// "with a fallback to an email code if they don't have a phone,
				// then liveness": the named fallback's own condition says when it
				// is taken; it opens no policy for the rest of the sentence
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as when the fallback just named is taken.")
				continue
			}
			policySent = c.sent
			pol := readPolicy(c.toks)
			if pol != "" {
				p.policy = pol
				p.reviewAsked(pol, c.toks)
				if pol == "retry" {
					// ("Failed checks: retry once": bounded)
					retryAt, retryOnce = ci, retryOnce || boundedTry(c.toks)
				}
			}
			if i := findKind(seq, kDocument); i >= 0 {
				// "if they don't have a passport, let them use a driving licence": another accepted document
				var extra []string
				for j := range c.toks {
					if docTypeLemmas[c.toks[j].w] {
						extra = append(extra, docTypesOf(c.toks, j)...)
					}
				}
				if len(extra) > 0 && len(seq[i].docTypes) > 0 {
					trails := ci > 0 && clauses[ci-1].sent == c.sent && findKind(analyze(clauses[ci-1].toks, nil).steps, kDocument) >= 0
					if trails || !slices.ContainsFunc(extra, func(t string) bool { return !slices.Contains(seq[i].docTypes, t) }) {
						// ("scan their driving licence if they don't have a passport,
						// then an SMS code": trailing the scan it widens, the
						// condition is closed too)
						// "scan their driving licence, or a national ID if they don't
						// have the licence on them, take a face scan": the documents
						// are named already, so the condition only says when the
						// other one is used; what follows it is the main path again
						policySent, docAlt = -1, ci
					}
					mergeStep(seq[i], &step{docTypes: extra})
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as another document the scan accepts.")
					continue
				}
			}
			if j := lacksDoc(c.toks); findKind(seq, kDocument) < 0 && j >= 0 && ci+1 < len(clauses) && clauses[ci+1].sent == c.sent &&
				scanAlone(clauses, ci+1, seq) {
				// "if they don't have a passport, scan their driving licence(, then
				// an SMS code)" with no scan before: one scan that takes either,
				// the passport first; what follows is the main path again
				lackedDocs = docTypesOf(c.toks, j)
				policySent, docAlt = -1, ci
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as another document the scan accepts.")
				continue
			}
			if pol == "" {
				p.notes = append(p.notes, unplaced(c.toks)...)
			}
			continue
		}
		var prior []token
		if ci > 0 {
			prior = clauses[ci-1].toks
		}
		if hasAnyHot(c.toks, hRetryNoun) && hasPhrase(c.toks, lex.exceptPhrase) && slices.Contains(negations(c.toks), true) {
			// "No retries except on the email code" in a flow with no email code:
			// the exception says which step keeps a retry, it asks for no step
			if a := analyze(c.toks, seq); len(a.steps) > 0 && !slices.ContainsFunc(a.steps, func(s *step) bool { return findKind(seq, s.k) >= 0 || s.k.isConversation() }) &&
				!namedLater(clauses[ci+1:], a.steps) {
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as no second try at any check but the "+stepNames(a.steps)+", which the flow does not have, so it adds none; a failed check ends the session.")
				continue
			}
		}
		if r, named := retryNamed(c.toks, seq); len(r) > 0 {
			seq = named
			for _, s := range r {
				s.retry, s.once = true, s.once || boundedTry(c.toks)
			}
			stepRetryAt, stepRetried = ci, r
			if sc.k == condFail && sc.used && len(r) == 1 && sc.anchor == r[0] && p.lineToRetry(r[0]) {
				sc.used = false // ("If liveness fails, say 'Let's try once more' and retry it")
			}
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a second try at the "+stepNames(r)+" when it fails, not another step.")
			p.notes = append(p.notes, triesCut(c.toks, r)...)
			continue
		}
		if hasAnyHot(c.toks, hRetryNoun) && hasPhrase(c.toks, lex.retryLater) && !hasAnyRaw(c.toks, lex.condIfStrict) && len(analyze(c.toks, seq).steps) == 0 {
			// "users can retry tomorrow", "they can retry in a new session": a
			// retry put off is a new session the app starts, not a second try here
			p.notes = append(p.notes, retryLaterNote(c.toks))
			continue
		}
		if except, ok := retryForAll(c.toks); ok {
			// "allow retries", "retries allowed everywhere except the SMS code":
			// every check, as "if a check fails, let them retry" says it;
			// "users can retry once" bounds each
			p.policy, retryAt = "retry", ci
			retryOnce = retryOnce || boundedTry(c.toks)
			changed, unfound := ruleOutRetries(seq, except)
			switch {
			case except != 0 && len(unfound) == 0:
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a second try at any check that fails but the "+stepNames(changed)+".")
			case except != 0:
				// ("New users get an ID scan. Allow retries except the ID scan.":
				// a step not on the main path yet is said back all the same)
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a second try at any check that fails but the "+stepNamesOf(except)+".")
			case retryOnce:
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as one more try at any check that fails, not more.")
			default:
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a second try at any check that fails.")
			}
			continue
		}
		// "When they signed up they uploaded a photo of their ID" (", they uploaded …"): then, not now
		// (so is the setup being replaced, said now, and what "it" does in it:
		// "Jumio is what we use today, and it compares against their selfie")
		pastStory := pastWhen(c.toks) || ci > 0 && clauses[ci-1].sent == c.sent && pastWhen(clauses[ci-1].toks) && pastSubject(c.toks) ||
			(nowSetup(c.toks) || ci > 0 && clauses[ci-1].sent == c.sent && nowSetup(clauses[ci-1].toks) && setupSubject(c.toks)) && !setupKept(clauses, ci)
		story := narrative(c.toks) || habitualFail(c.toks) || usersLack(c.toks) || pastStory
		if r := reasonAt(c.toks); story && r > 0 && !narrative(c.toks[:r]) && !habitualFail(c.toks[:r]) && !usersLack(c.toks[:r]) && len(analyze(c.toks[:r], seq).steps) > 0 {
			// "send the code by SMS only as most of our users never check
			// email": the story is the reason given for the step, which stays
			p.notes = append(p.notes, "Read \""+clauseText(c.toks[r:])+"\" as the reason for \""+clauseText(c.toks[:r])+"\", not as a step.")
			c.toks, story = c.toks[:r], false
		}
		if story {
			// "we tried SMS before": what happened, not what the flow should do
			storySent = c.sent
			if k := usersGave(c.toks); k != kNone && contact == kNone {
				contact = k // ("customers entered an email when they enrolled, send a code there")
			}
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as background, not as a step.")
			continue
		}
		// "players sign up with a phone number": how accounts are made, no code
		// unless a later clause checks the number
		madeWith := accountMadeWith(c.toks, len(c.toks))
		checkedAfter := madeWith && contactCheckedAfter(clauses, ci)
		a := analyzeWith(analysis{prior: prior, held: held, contactChecked: checkedAfter, freshAsked: freshAskedAfter(clauses, ci)}, c.toks, seq)
		if len(a.steps) == 0 && ci > 1 && len(c.toks) <= 3 && len(analyze(prior, seq).steps) == 0 {
			// "Sign-in (mobile app) - face": an aside that names nothing leaves
			// the clause before it in view
			a = analyzeAfter(c.toks, seq, slices.Concat(clauses[ci-2].toks, prior), held)
		}
		question := lastKindStep(seq, kAsk)
		if len(a.steps) == 0 && question != nil && question.phrase != "" && hasAnyHot(c.toks, hBackRef) {
			// "ask if they have their passport with them, then scan it": "it"
			// is what the question asked about
			if qa := analyzeAfter(c.toks, seq, tokenize(question.phrase), held); len(qa.steps) > 0 {
				a = qa
			}
		}
		if question != nil && ci > 0 && clauses[ci-1].sent == c.sent && yesBefore(clauses[ci-1:], 1) {
			// "if yes, scan it": the steps of the clause right after the "yes"
			// answer are what it leads to
			for _, s := range a.steps {
				s.onYes = true
			}
		}
		if a.second != 0 {
			// "Age check, then liveness. Don't add a second age check": the
			// one asked for stays
			a.neg &^= a.second
			for k := range kindCount {
				if !a.second.has(k) {
					continue
				}
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as ruling out a second "+k.String()+", not the one the text asks for.")
			}
		}
		// (or the first clause of the next sentence: "We're putting a face
		// sign-in tablet at the front desk. To register members' faces the
		// first time, …": the tablet's login is what the enrolment is for)
		// (past asides of its own sentence: "We're rolling out face login for
		// PickSix agents (the shops that sell tickets, ~2,500 terminals). For
		// enrollment: …")
		en := -1
		if hasAnyHot(c.toks, hLoginWord) {
			en = enrolsNext(clauses, ci)
		}
		if en > ci && !has(c.toks, "recognize") && !has(c.toks, "enroll") && !namesUserGroup(c.toks) && !namesUserGroup(clauses[en].toks) {
			// "we're rolling out face login and need the enrolment side first":
			// the login is what the enrolment of the same sentence is for (as
			// faceLogin reads it within one clause), not a recognition now.
			// Only when the enrolment is everyone's: "we use face login, and
			// new users enroll with a passport scan" splits the users, so the
			// login recognises the known ones and the new ones enrol on a
			// branch of their own
			if k := slices.IndexFunc(a.steps, func(s *step) bool { return s.k == kRecognition }); k >= 0 {
				a.steps = slices.Delete(a.steps, k, k+1)
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as what the enrolment is for, so the flow enrols the face and does not recognise it yet.")
			}
		}
		if len(a.steps) > 0 && !slices.ContainsFunc(a.steps, func(s *step) bool { return s.k != kInform }) && slices.ContainsFunc(c.toks, func(t token) bool { return lex.unsupported[t.raw] != "" }) {
			// "send a push notification to the new device saying recovery
			// worked": what the notification says, not a line of the avatar
			a.steps = nil
		}
		if len(a.steps) == 1 && a.steps[0].k == kInform && a.neg != 0 &&
			slices.ContainsFunc(c.toks, func(t token) bool { return t.w == "explain" }) && thatLine(c.toks, slices.IndexFunc(c.toks, func(t token) bool { return t.w == "explain" })) {
			// "tell them that we never ask anyone to read a code out over the
			// phone": what the avatar says, not a step ruled out of the flow
			a.neg, a.negDocTypes, a.negDocAny = 0, nil, false
		}
		if typicalAge(c.toks) {
			// "our callers are mostly over 70": said, not dropped
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as how old the users usually are, not an age limit, so the flow has no age check; say the users must be over that age if it should check it.")
		}
		if is := issuedIn(c.toks); is != "" {
			p.notes = append(p.notes, "Read \""+is+"\" as where the documents were issued: the document scan accepts document types, not issuing countries, so the flow accepts every country; the scan reports the country (extractedData.country) for your app to check.")
		}
		bio := otherBiometric(c.toks)
		if bio {
			// "verify their voice matches the voiceprint we recorded": a match of a
			// trait no node reads is no face or data check; say so instead
			a.steps = slices.DeleteFunc(a.steps, func(s *step) bool { return !s.k.isConversation() && s.k != kLiveness })
			a.notes = nil // what the clause's steps were read as
			p.notes = append(p.notes, "FaceSign flows match faces, documents and one-time codes, not voices or fingerprints, so the flow does not include \""+clauseText(c.toks)+"\"; check it in your app.")
		}
		// (a clause goes on the background one before it in its sentence when it
		// opens on a state verb, "… and have a licence", or on a verb that goes
		// on its infinitive, "the point of this session is only to capture a
		// good reference and make sure it's a live human"), or on the "not" of a
		// contrast with its last words ("… a live human and not a printed photo")
		bg := ci < listAt && !specLine(c.toks) && (background(c.toks, seq) || ci > 0 && clauses[ci-1].sent == c.sent && bgBefore &&
			(lex.stateVerb[c.toks[0].raw] || c.toks[0].raw == "not" || startsInstruction(c.toks, 0) && infinitiveIn(clauses[ci-1].toks)))
		bgBefore = bg
		if ci < listAt && !bg && hasAnyRaw(c.toks, lex.wish) && readCondition(c.toks, seq).k == condNone {
			// "Gig drivers must be 18+ and hold a driving licence. steps: liveness
			// -> licence scan -> age check": a requirement the list places; what
			// the list does not name stays where it is said
			for _, s := range a.steps {
				if findKind(listed, s.k) >= 0 {
					s.label = true
				}
			}
			bgBefore = true
		}
		if bg {
			// "jobs get dispatched to them by text so the mobile number they give us
			// has to be real. flow: scan their licence, …, then verify the mobile
			// number with a code sent by SMS": a step the background names is the
			// list's, placed where the list says, and one it never names is none
			a.steps = slices.DeleteFunc(a.steps, func(s *step) bool {
				// (a comparison read as a search for want of a second image is
				// the list's comparison: "FC threshold 0.85. flow: ID scan ->
				// face scan -> FC")
				if findKind(listed, s.k) >= 0 || s.k == kRecognition && s.vague && findKind(listed, kFaceCompare) >= 0 {
					s.label = true
					return false
				}
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as background to the steps listed after it, so the flow does not add "+s.k.withArticle()+" for it.")
				return true
			})
			// nor does its time place one ("checks email maybe once a week")
			a.ref, a.pronounRef = nil, false
		} else if ci < listAt {
			// "Then a selfie, and compare it to the photo on the document. …
			// So: SMS, document, selfie, compare, liveness": a step said before
			// the list that the list names again goes where the list puts it, as
			// the background's steps do, so that the list's order holds for all
			for _, s := range a.steps {
				if findKind(listed, s.k) >= 0 {
					s.label = true
				}
			}
		}
		// (what the avatar tells is no photo the integrator holds: "explain
		// that we keep the photo for 30 days")
		_, told := toldLine(c.toks)
		held = held || priorProvided(c.toks[:told])
		hc := heldContact(c.toks) // "we already have their email": where a later code goes
		if hc != kNone && (hasAnyHot(c.toks, hSpeaker) || hasRaw(c.toks, "us") || hasRaw(c.toks, "file") || hasAnyRaw(c.toks, lex.givenBefore)) {
			// "we have their email address, so …", "every customer has a verified
			// email with us", "… on file": no one types the address in, and the
			// address alone is no code ("we store the customer's phone number")
			// ("confirm possession of the mobile number on file", "verify the
			// phone number on file": the number held is the one the code proves
			// the user still has, and the code is asked for)
			code := has(c.toks, "code") || checksHeld(c.toks)
			a.steps = slices.DeleteFunc(a.steps, func(s *step) bool {
				return s.k == kEnterEmail || !code && (s.k == kOTP || s.k == kSMSOTP || s.k == kEmailOTP)
			})
			contact = hc
		}
		entryWords := false
		q := slices.IndexFunc(c.toks, func(t token) bool { return t.w == quoteW && t.raw == quoteW })
		if e := lastKindStep(seq, kEnterEmail); e != nil && seq[len(seq)-1] == e && (entryPrompt(c.toks) || q > 0 && lex.speechNoun[c.toks[q-1].raw]) {
			// (a quoted prompt right after the entry is the entry's: "ask for their
			// email in the input box; its prompt: "Use your work email"")
			switch {
			case len(a.steps) == 1 && a.steps[0].k == kInform:
				// "have them enter their email, with the input prompt telling them to
				// use their corporate address": what the entry's own prompt says, not
				// something the avatar says after it
				e.phrase = a.steps[0].phrase
			case len(a.steps) == 0 && q >= 0:
				// "type their email into the entry box, with the on-screen prompt
				// 'Enter the email you use for your BetNorth account'": the prompt's
				// own words, as written
				e.phrase = quoteW + c.toks[q].orig + quoteW
			default:
				q = -2
			}
			if q != -2 {
				a.steps, entryWords = nil, true
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the email entry's prompt.")
			}
		}
		if e := lastKindStep(a.steps, kEnterEmail); e != nil && e.phrase == "" && q > 0 && e.pos < q && (lex.speechNoun[c.toks[q-1].raw] || c.toks[q-1].raw == "text") &&
			!slices.ContainsFunc(a.steps, func(s *step) bool { return s.k.isConversation() }) {
			// "then the email input screen with the text 'Where should we send
			// your webinar link?'": the entry's own prompt, in its own clause
			e.phrase = quoteW + c.toks[q].orig + quoteW
			p.notes = append(p.notes, "Read the quoted words as the email entry's prompt.")
		}
		if q > 0 && (c.toks[q-1].raw == "instructions" || c.toks[q-1].raw == "instruction") && !slices.ContainsFunc(a.steps, func(s *step) bool { return s.k != kFaceScan }) {
			// "then a face scan, capture instructions: "remove glasses and hats"":
			// the words the face scan shows, its own or the one just named
			fs := lastKindStep(a.steps, kFaceScan)
			if fs == nil && len(a.steps) == 0 && len(seq) > 0 && seq[len(seq)-1].k == kFaceScan {
				fs = seq[len(seq)-1]
			}
			if fs != nil {
				fs.phrase = quoteW + c.toks[q].orig + quoteW
				if len(a.steps) == 0 {
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the face scan's capture instructions.")
					continue
				}
			}
		}
		if i := findKind(seq, kDocument); a.neg.has(kDocument) && a.negDocAny && i >= 0 && !seq[i].auto && len(seq[i].docTypes) > 0 && !has(c.toks, "scan") && !hasRaw(c.toks, "step") && !slices.ContainsFunc(c.toks, leaveOutVerb) && !mainPathOnly(c.toks) {
			// "accept national ID cards only - no driving licences (not valid KYC
			// ID in most of our markets)": with the accepted types named, a word
			// against "ID" says why a type is refused, not that no scan runs
			// ("skip the document this time" leaves the step out: a verb of
			// leaving out names the step, whatever types were said before;
			// the preposition does not: "users without an ID can't continue"
			// is who cannot go on, the scan stays)
			a.neg &^= kindSet(1) << kDocument
		}
		if a.neg.has(kDocument) && !a.negDocAny && !mainPathOnly(c.toks) {
			// "driving licence (DL only, no passports)", "not ID cards": the types
			// the scan must not accept, not the scan itself (restrictDocTypes)
			a.neg &^= kindSet(1) << kDocument
			p.notDocTypes = append(p.notDocTypes, a.negDocTypes...)
		}
		if a.neg != 0 && notEnough(c.toks) {
			// "email alone isn't enough", "one code is not sufficient": a call
			// for more than the step, not a ruling out of it
			a.neg = 0
		}
		if a.neg.has(kRecognition) && narrowedSearch(clauses, ci) {
			// "no need to search all drivers, just the ones on today's shift":
			// a smaller group searched, no recognition ruled out
			a.neg &^= kindSet(1) << kRecognition
		}
		if codes := kindSet(1)<<kEmailOTP | 1<<kSMSOTP | 1<<kOTP; a.neg&codes == codes && c.toks[0].w == "no" && negSent == c.sent && (negPrev.has(kEmailOTP) || negPrev.has(kEnterEmail)) != negPrev.has(kSMSOTP) {
			// "Email is off the table entirely: not to collect it, not for codes":
			// an elliptic "not" after a channel just ruled out is about that
			// channel, so the codes it rules out are that channel's
			a.neg &^= codes
			if negPrev.has(kSMSOTP) {
				a.neg.add(kSMSOTP)
			} else {
				a.neg.add(kEmailOTP)
			}
		}
		if n, m, q := negatedPlaceOf(c.toks); n > 0 {
			// "The SMS code shouldn't be last.", "the email code must not come
			// first": where the step named must not go, as "don't put the SMS
			// code at the end" says it
			// (the move waits for every step: one said later may keep it
			// out of the place already, "… Then an ID scan.")
			if pa := analyze(c.toks[:n], seq); len(pa.steps) > 1 && !slices.ContainsFunc(pa.steps, func(s *step) bool { return findKind(seq, s.k) < 0 && s.k != kOTP }) {
				// "neither code should be first": a place ruled out of each
				// step named, never a step left out; they stay where the
				// text put them, which the note says
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as where the steps it names must not go, not as leaving them out; they stay where the text put them: check that this is not that place.")
				continue
			} else if len(pa.steps) == 1 && findKind(seq, pa.steps[0].k) >= 0 {
				place, scope := c.toks[m:], ""
				if q > 0 {
					place, scope = c.toks[m:q], clauseText(c.toks[q:])
				}
				ruledOutPlaces = append(ruledOutPlaces, ruledOutPlace{seq[findKind(seq, pa.steps[0].k)], place, clauseText(c.toks), scope})
				continue
			}
		}
		if v := negatedPlacement(c.toks); a.neg != 0 && v > 0 {
			// "don't put the email code first, put it at the end": where the
			// step must not go, not the step left out; a step the flow has
			// there already moves out of it
			if pa := analyze(c.toks[v:], seq); len(pa.steps) > 0 && findKind(seq, pa.steps[0].k) >= 0 {
				seq = moveOutOf(seq, c.toks[v+1:], pa.steps[0], pa.ref)
				if s := seq[findKind(seq, pa.steps[0].k)]; len(pa.ref) == 0 {
					s.ruledOut, s.ruledOutText = c.toks[v+1:], clauseText(c.toks) // (layout says how it was read)
				} else {
					p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as where the "+pa.steps[0].k.String()+" must not go, not as leaving it out.")
				}
			}
			continue
		}
		if a.neg != 0 && len(c.toks) > 2 && lex.placeOut[c.toks[0].raw] && !hasAnyRaw(c.toks, lex.removeVerb) && slices.ContainsFunc(c.toks, func(t token) bool {
			return lex.frontWord[t.raw] || lex.backWord[t.raw] || lex.lastPlace[t.raw] && t.raw != "latter"
		}) &&
			neededNone(a.neg, seq) {
			// "neither code should be first", "never first": a place ruled
			// out of steps the text has, never those steps left out
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as where the steps it names must not go, not as leaving them out; they stay where the text put them: check that this is not that place.")
			if len(a.steps) == 0 {
				continue
			}
			a.neg = 0
		}
		if a.neg != 0 && negatesBound(c.toks) {
			// "Don't cap the SMS attempts", "no cap on the SMS code": the
			// bound is ruled out, not the step; FaceSign has no unlimited
			// attempts and no code that never expires, so its default applies
			a.neg = 0
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as no limit of your own on the step, not as leaving it out: FaceSign has no unlimited attempts and no code that never expires, so its defaults apply (3 attempts, 5 minutes).")
			if len(a.steps) == 0 {
				continue
			}
		}
		if a.neg != 0 && retryRuledOut(c.toks) >= 0 {
			// "no liveness retry", "don't offer a retry on the liveness
			// check": the retry is ruled out, not the check it names
			// (a check said only here is one the flow has: "sms otp
			// retries: off" speaks of an SMS code)
			_, unfound := ruleOutRetries(seq, a.neg)
			for _, s := range unfound {
				if findKind(a.steps, s.k) < 0 {
					a.steps = append(a.steps, s)
				}
			}
			a.neg = 0
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as no second try, not as leaving the check out: a failed check ends the session.")
			if len(a.steps) == 0 {
				continue
			}
		}
		if hasAnyRaw(c.toks, lex.doneAgain) && doneAgainAt(c.toks) && !slices.ContainsFunc(a.steps, func(s *step) bool { return findKind(seq, s.k) < 0 }) {
			// "Liveness must not be performed twice", "the SMS OTP must not
			// be sent again": the step the flow has runs once; neither left
			// out nor run again
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the step done once: the flow runs it once and does not repeat it.")
			continue
		}
		if hasAnyRaw(c.toks, lex.performedWord) {
			if k := doneHowAt(c.toks); k >= 0 {
				// "Liveness must not be performed in low light": the step stays;
				// the circumstance is the app's to keep, and is said back
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a rule on how the step is done, not as leaving it out; the flow keeps it and cannot check \""+clauseText(c.toks[k:])+"\", so enforce that in your app.")
			}
		}
		if placed, at, ok := orderRuledOut(c.toks, a.neg); ok {
			// "send an SMS code too, but not before the liveness check", "…,
			// but don't send it before the scan", "the code must not come
			// before the liveness check": an order ruled out, of the step
			// named or of the one just said; the step it is placed against
			// is no step left out
			if s, ref := orderedStep(placed, seq, ci > 0 && clauses[ci-1].sent == c.sent), analyze(c.toks[at+1:], seq).steps; s != nil && len(ref) == 1 && ref[0].k != s.k && !ref[0].k.isConversation() {
				if findKind(seq, ref[0].k) < 0 {
					i := findKind(seq, s.k)
					if c.toks[at].raw == "after" {
						i++
					}
					seq = slices.Insert(seq, i, ref[0])
					p.notes = append(p.notes, "Added "+ref[0].k.withArticle()+": \""+clauseText(c.toks)+"\" speaks of one.")
				}
				seq = moveOutOf(seq, c.toks[at:], s, ref)
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as where the "+s.k.String()+" must not go, not as leaving out the "+ref[0].k.String()+".")
				continue
			}
		}
		if a.neg != 0 && c.toks[0].raw == "why" {
			// "Why don't we ever skip liveness?", "why shouldn't we skip the
			// email code for returning users?": a question, asked of us or of
			// the user, rules nothing out
			a.neg = 0
		}
		switch {
		case a.neg != 0 && negSent == c.sent:
			negPrev |= a.neg
		case a.neg != 0:
			negSent, negPrev = c.sent, a.neg
		}
		if a.neg != 0 && hasPhrase(c.toks, lex.sameCase) && !hasPhrase(c.toks, lex.totalBan) && !hasAnyRaw(c.toks, lex.beyondCase) && !banAfter(clauses, ci) && (sc.k != condNone || lastScope.k != condNone || caseBefore(clauses, ci) || circumstanceBefore(clauses, ci)) && sc.k != condAge && !(sc.k == condNone && lastScope.k == condAge) && !ageCaseBefore(clauses, ci) {
			// "Where the phone number is missing, the session SHALL be ended;
			// no OTP SHALL be sent in that case", "if liveness fails, hand off;
			// no OTP in that case": ruled out in the case just named only; a
			// new user's path leaves it out, every other path keeps it
			if sc.k == condNewUser || sc.k == condNone && lastScope.k == condNewUser {
				p.branchExcluded |= a.neg
			} else {
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as said of the case before it only, so every other path keeps what it names.")
			}
		} else if thatPath := hasPhrase(c.toks, lex.thatPath); thatPath && (sc.k == condNewUser || lastScope.k == condNewUser) {
			// "… an e-mail OTP only - no SMS on that route": ruled out of the
			// new-user path just described
			p.branchExcluded |= a.neg
		} else if mainPathOnly(c.toks) || thatPath || knownSentence(clauses, ci) || ci > 0 && clauses[ci-1].sent == c.sent && stepWorked(clauses[ci-1].toks) {
			// "recognised users never see the ID scan", "no passport on the happy
			// path", "returning users: recognise, liveness - no document on that
			// path": ruled out of the main path, not of the branches; so is
			// what follows a step that went through ("If the SMS works normally
			// then no email at all": the email fallback stays)
			if !thatPath && !hasPhrase(c.toks, lex.mainPath) && (mainPathOnly(c.toks) || knownSentence(clauses, ci)) {
				// ("returning users skip the SMS code": only a recognition
				// tells them apart, so the layout below decides)
				p.knownExcluded |= a.neg
				p.knownClauses = append(p.knownClauses, clauseText(c.toks))
			} else {
				p.mainExcluded |= a.neg
			}
		} else if a.neg != 0 && sc.k == condNone && !hasPhrase(c.toks, lex.totalBan) && untoldIf(clauses, ci) {
			// "If the user is a returning customer, skip the liveness check",
			// "if the customer is in a branch, no SMS code": left out on a
			// condition the flow cannot tell; the step stays for everyone
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as said of one case only, which the flow does not place, so every session keeps what it names; say what the flow should do in that case, or leave it out from your app.")
		} else {
			p.excluded |= a.neg
		}
		p.notes = append(p.notes, a.notes...)
		if a.exclusive {
			p.exclusive = true
		}
		line, tone, toneSaid := toneIn(c.toks)
		if toneSaid {
			if p.tones == nil {
				p.tones = map[string]string{}
			}
			p.tones[line] = tone
			p.notes = append(p.notes, toneNote(line, tone))
		}
		switch {
		// (a number that is no setting is no reason for silence: "we also need a
		// 360 room scan before they start" names nothing the flow can do)
		case bio || len(a.steps) > 0 || a.neg != 0 || len(a.ref) > 0 || a.exclusive || hasSetting(c.toks) && readSettings(c.toks).any() || readPolicy(c.toks) != "" && has(c.toks, "fail"):
			if a.exclusive && !bio && len(a.steps) == 0 && a.neg == 0 && len(a.ref) == 0 {
				// "only allow this during business hours": an "only" that bounds
				// no step bounds something the flow cannot (a time, a place); the
				// words are said back, not dropped ("nothing else" says nothing more)
				p.notes = append(p.notes, onlyUnplaced(c.toks)...)
			}
			if a.neg == 0 && len(a.steps) > 0 && !slices.ContainsFunc(a.steps, func(s *step) bool { return s.k.isConversation() }) {
				ac := askedClause{text: clauseText(c.toks)}
				for _, s := range a.steps {
					ac.kinds = append(ac.kinds, s.k)
					ac.vague = ac.vague || s.k == kRecognition && s.vague
				}
				asked = append(asked, ac)
			}
		case ci == listAt:
			// "After that, do the following in this order:": the opener of the
			// list after it, no step of its own
		case refusal(c.toks):
			// "…, otherwise they can't buy": a failed check ends the session, which
			// the failure path does
		case toneSaid:
			// "Tone should be calm and reassuring": how the avatar speaks (above)
		case a.whenOnly || a.whyOnly || a.second != 0 || entryWords || a.pronounRef && !endsOnPronounRef(c.toks) || everyone || a.mailed:
			// "Before they can withdraw, …": its note says when the flow runs; "once
			// that is verified," places the next clause's steps
		case priorProvided(c.toks):
			// "our backend stores a profile picture for every account holder": what a later comparison reads
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a photo your app passes in the session's providedData, for a comparison to read.")
		case findKind(seq, kRecognition) >= 0 && enrolledGroup(c.toks):
			// "our loyalty club members are enrolled already": whom the
			// recognition finds, no step of its own
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the users the face recognition finds; the others take its new-user path.")
		case hasRaw(c.toks, "provideddata"):
			// "we pass it in as providedData.name": what a data check compares with
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as data your app passes in the session's providedData, for a check to compare with.")
		case contact != kNone && hc == contact:
			// "we already have the user's email. send them a code there": where a
			// later code goes, not a step
		case heldKey != "" && keyClause(c.toks, heldKey):
			// "(key: vendor_photo)": the key of the photo passed in, which the
			// comparison reads (setProvidedKey), cut at its colon; noted at the
			// end if no step reads it
			keyNotes = append(keyNotes, unplaced(c.toks)...)
		case p.uc != ucGeneric && detectUseCase(c.toks) == p.uc && !slices.ContainsFunc(c.toks, func(t token) bool { return requestVerbLemmas[t.w] }):
			// "device recovery — user lost phone": the flow's purpose, which
			// sets what the avatar says; no step of its own
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the flow's purpose ("+useCaseNames[p.uc]+"), which sets what the avatar says.")
		case c.group:
			// "… and an SMS code for existing accounts": whom the step beside it
			// is for (read above), no step of its own
		case findKind(seq, kRecognition) >= 0 && len(c.toks) > 2 && c.toks[0].in(hCondKnown) && c.toks[1].in(hUserWord) &&
			(hasAnyRaw(c.toks, lex.routeParticle) || hasAnyRaw(c.toks, lex.resumeWord)):
			// "recognised users go straight through": the users the flow's
			// recognition finds (the "recognize" rule's whom check: no second
			// search), on its main path; "existing customers are charged a
			// lower fee" says nothing of the path
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the users the face recognition finds, who go on along the flow's main path.")
		case madeWith && !hasAnyW(c.toks, lex.contactCheck) && !checkedAfter:
			// "players sign up with a phone number only": how the users'
			// accounts are opened or reached, who they are, no step (the
			// "phone" rule's accountMadeWith)
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as how the users open or reach their accounts, not as a step.")
		case len(prevMain) > 0 && placesBack(c.toks, a) && ci > 0 && namesPlainly(clauses[ci-1].toks, seq) &&
			(hasAnyRaw(c.toks, lex.groupRef) || !laterNames(clauses, ci, prevMain[0], seq)):
			// ("…, that first, then the liveness": a singular pronoun is not the
			// step the rest of the text goes on to name; left to the order written)
			// "age comes from the scanned ID, scan that first", "… do it last":
			// a place for the steps the clause before named, which the pronoun
			// points back at
			placed := prevMain
			if !hasAnyRaw(c.toks, lex.groupRef) {
				// "a passport scan is needed for the compare, run it first": a
				// singular pronoun points at the step the clause was about, the
				// first it named
				placed = prevMain[:1]
			}
			for _, s := range placed {
				s.front, s.back = a.front, a.back
			}
			where := "first"
			if a.back {
				where = "last"
			}
			var names []string
			for _, s := range placed {
				names = append(names, s.k.String())
			}
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as putting the "+nounList(names)+" "+where+".")
		case statusClause(c.toks):
			// "our drivers are on work permits": who the users are (onStatusDoc)
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as who the users are, not a document to scan.")
		default:
			p.notes = append(p.notes, unplaced(c.toks)...)
		}
		main := a.steps
		if len(main) == 1 && main[0].k == kAgeCheck && main[0].explicitAge && findKind(seq, kAgeCheck) < 0 && !anyDoc(c.toks) && !hasPhrase(c.toks, lex.allPaths) &&
			!hasAnyHot(c.toks, hCondKnown) && !hasAnyRaw(c.toks, lex.condMain) && !hasAnyRaw(c.toks, lex.alsoWord) {
			// "Age check for new users after a passport scan. Minimum age 21.",
			// "… They must be 21 or older.": the age sets the one check the
			// text has, on the new users' path (the main path has no document
			// to read a birth date from); not when the clause names other
			// users ("returning users must also be over 21"), nor a
			// fallback's check ("if the scan fails, do an age check instead.
			// Users must be 21 or older" asks for a check of its own)
			if b := newUserStep(seq, kAgeCheck); b != nil && !b.explicitAge {
				b.minAge, b.explicitAge = main[0].minAge, true
				main = nil
			}
		}
		// ("either way, finish with an email code": the phrase may be a clause of its own)
		allPaths := hasPhrase(c.toks, lex.allPaths) || ci > 0 && clauses[ci-1].sent == c.sent && phraseLen(clauses[ci-1].toks, 0, lex.allPaths) == len(clauses[ci-1].toks)
		if r := lastKindStep(seq, kRecognition); r != nil && len(r.branch) > 0 && allPaths {
			// "if they're new, scan their ID …; then an email code for everyone":
			// the new users' path goes on to the step, as the recognised users do
			if j := slices.IndexFunc(main, func(s *step) bool { return !s.k.isConversation() && s.k != kRecognition }); j >= 0 {
				main[j].joins = true
				for k, n := range p.notes {
					p.notes[k] = strings.Replace(n, " on a path of their own, then finishes.", " on a path of their own.", 1)
				}
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as every user's step: new users go on from their path to the "+main[j].k.String()+".")
			}
		}
		if a.front && len(main) == 1 && isCodeKind(main[0].k) && amongCodes(c.toks, clauses, c.sent) {
			// "otp by sms -> then also otp by mail. both codes mandatory, sms one
			// first": "first" orders the code among the codes, not in the flow
			if i, j := findKind(seq, main[0].k), slices.IndexFunc(seq, func(s *step) bool { return isCodeKind(s.k) }); i >= 0 && j >= 0 {
				if j < i {
					old := seq[i]
					seq = slices.Insert(slices.Delete(seq, i, i+1), j, old)
				}
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the order of the one-time codes: the "+main[0].k.String()+" comes before the other.")
				prevMain, prevSent = main, c.sent
				continue
			}
		}
		if a.back && opensAtEnd(c.toks) {
			backSent = c.sent
		}
		// "and finally take a selfie and compare it with the photo", "at the
		// end have them enter their email and send a code to it": an opening
		// "finally" or "at the end" places the rest of its sentence at the
		// end, in its order
		back := a.back || backSent == c.sent
		// "… (ID scan, selfie, compare) but first they type their email
		// address and we email them a code …, then the ID scan": an opening
		// "first" places the new steps of the rest of its sentence at the start,
		// in their order, until the sentence names a step the flow already has
		// (only once the flow has steps to go in front of: "First the licence
		// scan, straight after it the age check, then a selfie" is the order)
		if a.front && !a.back && opensAtFront(c.toks) && slices.ContainsFunc(seq, func(s *step) bool { return !s.k.isConversation() }) {
			frontSent = c.sent
		} else if frontSent == c.sent && (slices.ContainsFunc(main, func(s *step) bool { return !s.k.isConversation() && findKind(seq, s.k) >= 0 }) || hasRaw(c.toks, "after")) {
			// ("First the licence scan, straight after it the age check, then
			// a selfie": a step placed after another ends the run)
			frontSent = -1
		}
		front := a.front || frontSent == c.sent && !back
		for _, s := range main {
			s.front = s.front || front
			s.back = s.back || back
			s.penult = s.penult || a.penult
			s.again = a.again
		}
		if hasSetting(c.toks) {
			st := readSettings(c.toks)
			if st.badLen > 0 && st.otpLen == 0 && (slices.ContainsFunc(main, func(s *step) bool { return isCodeKind(s.k) }) || len(main) == 0 && len(seq) > 0 && isCodeKind(seq[len(seq)-1].k)) {
				// "a 9 digit sms code": a length no code may have, said back
				// rather than dropped
				p.notes = append(p.notes, "A one-time code has 4 to 8 digits, so the "+strconv.Itoa(st.badLen)+" digits in \""+clauseText(c.toks)+"\" were not set; the code keeps its default length of 6.")
			}
			if hasAnyRaw(c.toks, lex.everyOne) {
				// "both codes must have 8 digits": every step that takes the setting,
				// fallbacks and branches too
				applyEvery(st, seq)
			}
			switch {
			case st.lone && len(main) == 0 && (len(seq) == 0 || !st.accepts(seq[len(seq)-1].k)):
				// "Liveness and an email code. (0.9)", "… selfie compare. Liveness
				// (0.9).": a bare share after a step that takes no threshold is
				// no setting of a comparison said earlier, nor a step
			case len(main) > 0 && !namesVerification(main) && !aboutCode(c.toks):
				// "ask them to read out the last 4 digits of their card": the number is
				// part of what the avatar says ("explain that the reset link will
				// come in 5 minutes" sets no expiry of the code before it); a line
				// about the code ("explain that it expires in 1 minute", "tell them
				// they have 5 attempts") announces the code's own setting
			case applySettings(st, main, seq):
			case len(main) > 0 && singleTry(c.toks, main):
				// "one attempt at liveness", "a single attempt at the passport
				// scan": the step's one attempt, said back (rvC13 1)
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a single attempt at the "+stepNames(main)+": no retry is offered.")
			case len(main) > 0:
				p.notes = append(p.notes, "The setting in \""+clauseText(c.toks)+"\" fits none of the steps it names, so the flow does not apply it.")
			default:
				// "the session must time out after 5 minutes": a number no step takes
				if timesSession(c.toks) {
					p.notes = append(p.notes, unplacedPrefix+clauseText(c.toks)+sessionClockNote)
				} else {
					p.notes = append(p.notes, unplacedPrefix+clauseText(c.toks)+"\", so the flow does not include it; no step of the flow takes that setting.")
				}
			}
		}
		if len(main) == 0 && len(c.toks) == 1 && c.toks[0].w == "scan" {
			// a bare "scan" scans what the text last named: "enroll face … then scan"
			if k := lastScannable(clauses[:ci], nil); k != kNone {
				main = []*step{{k: k, pos: 0}}
			}
		}
		if old := correctedStep(c.toks, main, prevMain, seq); old != nil {
			// "a code to their inbox. Actually make it SMS": the step just named,
			// corrected in its place, not a second one
			if i := slices.Index(seq, old); i >= 0 {
				main[0].pos, main[0].front, main[0].back = old.pos, old.front, old.back
				seq[i] = main[0]
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a correction: the "+old.k.String()+" is "+main[0].k.withArticle()+" instead.")
				prevMain, prevSent = main, c.sent
				continue
			}
		}
		if a.pronounRef && len(a.ref) == 0 && len(main) > 0 && len(prevMain) > 0 {
			for _, s := range prevMain {
				if findKind(main, s.k) < 0 && findKind(seq, s.k) >= 0 {
					a.ref = append(a.ref, s)
				}
			}
		}
		if c.colon && len(main) > 0 && !slices.ContainsFunc(main, func(s *step) bool { return !s.label || !isCodeKind(s.k) }) && labelsList(clauses, ci) {
			// "broker portal login - reuse the 2FA we built for clients:
			// recognition vs the enrolled brokers + a liveness check": a label
			// before a colon names the steps listed after it, no code of its own
			p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as the name of the steps listed after it, not as a one-time code.")
			main = nil
		}
		if len(a.ref) == 0 && !a.front && !a.back && bareBetween(c.toks) {
			// "liveness then an email code, but put a face check in between: …":
			// "between" with no "and" of its own is between the last two steps
			// named, so what it places goes before the last of them
			var named []*step
			for _, s := range seq {
				if !s.k.isConversation() && !slices.Contains(main, s) {
					named = append(named, s)
				}
			}
			if len(named) >= 2 {
				a.ref, a.refAfter = []*step{named[len(named)-1]}, false
				betweenAt, betweenSent = a.ref, c.sent
			}
		} else if len(a.ref) == 0 && !a.front && !a.back && betweenSent == c.sent && len(main) > 0 {
			// "… in between: they take a selfie and we compare it against their
			// KYC photo": what the rest of the sentence names goes there too
			a.ref, a.refAfter = betweenAt, false
		}
		lastOfSentence := ci+1 == len(clauses) || clauses[ci+1].sent != c.sent
		// "…, but only after we've confirmed they're a live human being and not
		// a recording": what follows in the sentence names no step, or only
		// what "after" named ("not a bot"), so the "after X" still closes it
		lastNaming := lastOfSentence
		for cj := ci + 1; !lastNaming && (!namesAnything(clauses[cj].toks) || clauses[cj].toks[0].raw == "not"); cj++ {
			lastNaming = cj+1 == len(clauses) || clauses[cj+1].sent != c.sent
		}
		switch {
		case len(a.ref) > 0 && len(main) == 0 && lastNaming && len(prevMain) > 0 && prevSent == c.sent:
			// "enrol their face (face scan) after a liveness check": a trailing
			// "after X" places what the sentence named before it
			moved := prevMain
			if c.toks[0].raw == "only" {
				// "have them type in their email and check it matches the one on
				// file, but only after we've confirmed they're live": "only
				// after" bounds all the sentence named, not its last clause
				moved = slices.DeleteFunc(slices.Clone(seq), func(s *step) bool { return int(s.sent) != c.sent+1 })
			}
			seq = slices.DeleteFunc(seq, func(s *step) bool { return slices.Contains(moved, s) })
			seq = place(seq, moved, a.ref, a.refAfter)
			prevMain = nil
			continue
		case len(a.ref) > 0 && len(main) == 0:
			// "After the liveness check," on its own: the next clause goes there
			seq = ensure(seq, a.ref)
			pendingAnchor, pendingAfter = a.ref, a.refAfter
			continue
		case a.pronounRef && len(a.ref) == 0 && len(main) == 0 && len(prevMain) > 0:
			// "Once that's verified," on its own: the next clause goes after the steps just named
			pendingAnchor, pendingAfter = prevMain, a.refAfter
			if a.wholeRun {
				pendingSent = c.sent
			}
			continue
		case len(a.ref) > 0:
			seq = place(seq, main, a.ref, a.refAfter)
		case len(pendingAnchor) > 0:
			seq = place(seq, main, pendingAnchor, pendingAfter)
		default:
			seq = merge(seq, main)
		}
		switch {
		case c.sent != pendingSent || ci+1 < len(clauses) && clauses[ci+1].sent != c.sent:
			pendingAnchor, pendingSent = nil, -1
		case pendingAfter && len(main) > 0:
			// "everything after that: a selfie, then an SMS code": each goes
			// after the one before it
			pendingAnchor = main[len(main)-1:]
		}
		if len(main) > 0 {
			for _, s := range main {
				s.sent = int16(min(c.sent+1, math.MaxInt16))
			}
			prevMain, prevSent = main, c.sent
		}
		if hasRaw(c.toks, "twice") && len(main) == 1 {
			twice = append(twice, main[0])
		}
		// a step said twice comes again after the rest of its sentence ("liveness
		// twice, once at the start and once at the end, with an SMS code in between")
		if lastOfSentence && len(twice) > 0 {
			for _, t := range twice {
				// ("Scan their passport, then liveness, then SMS code. Control
				// the SMS code twice.": the code the text named before is one of
				// the two, so twice is never three)
				if n := len(slices.DeleteFunc(slices.Clone(seq), func(s *step) bool { return s.k != t.k })); n >= 2 {
					p.notes = append(p.notes, "The "+t.k.String()+" runs twice, as the text asks.")
					continue
				}
				seq = append(seq, &step{k: t.k, docTypes: t.docTypes, again: true, auto: true})
				p.notes = append(p.notes, "The "+t.k.String()+" runs twice, before and after the steps named with it.")
			}
			twice = nil
		}
	}
	if i := findKind(seq, kDocument); i >= 0 && len(lackedDocs) > 0 {
		seq[i].docTypes = append(lackedDocs, slices.DeleteFunc(seq[i].docTypes, func(t string) bool { return slices.Contains(lackedDocs, t) })...)
	}
	seeBranches()
	// excluded kinds never appear, however else they were mentioned
	out := p.dropExcluded(seq)
	for _, ac := range asked {
		if ac.vague && findKind(out, kFaceCompare) >= 0 {
			continue // "face compare 1:1 only, NOT 1:N. ID scan, …": the comparison the flow has
		}
		if !slices.ContainsFunc(ac.kinds, func(k kind) bool { return !p.excluded.has(k) }) {
			p.notes = append(p.notes, "Read \""+ac.text+"\" as naming "+ac.kinds[0].withArticle()+", which the text rules out elsewhere, so the flow leaves it out.")
		}
	}
	if p.excluded.has(kRecognition) {
		// "no face matching at all - legal hasn't signed off on biometric
		// matching": the reading of a recognition ruled out is no assumption
		p.notes = slices.DeleteFunc(p.notes, func(n string) bool { return n == oneToNNote })
	}
	// "MFA for the ops VPN. … No email OTP whatsoever": a label followed by what
	// it protects names the flow's purpose only when the text speaks of a code
	// elsewhere (kept or ruled out), so the label is not the code itself; in
	// "liveness then MFA for payments" the label is the code
	codeElsewhere := p.excluded.has(kOTP) || p.excluded.has(kEmailOTP) || p.excluded.has(kSMSOTP) ||
		slices.ContainsFunc(out, func(s *step) bool { return !s.purpose && (s.k == kOTP || s.k == kEmailOTP || s.k == kSMSOTP) })
	for _, s := range out {
		// "MFA for the payroll portal. Face recognition, then liveness.": a
		// label alone in the text's first sentence is its title, which names
		// the purpose as a login beside it would
		title := s.sent == 1 && !slices.ContainsFunc(out, func(o *step) bool { return o != s && o.sent == s.sent && !o.k.isConversation() })
		if s.purposeFor && !codeElsewhere && !title {
			s.purpose, s.purposeFor = false, false
		}
	}
	if slices.ContainsFunc(out, func(s *step) bool { return !s.purpose && !s.k.isConversation() }) {
		// "2FA at login: 1:N face search, then liveness": the label names what the
		// flow is for, and the face steps described are the second factor
		out = slices.DeleteFunc(out, func(s *step) bool {
			switch {
			case s.purposeFor:
				p.notes = append(p.notes, "Read \"2FA\" as what the flow is for (a second factor), not as a one-time code, since the text names the steps that verify the user.")
			case s.renews:
				p.notes = append(p.notes, "Read \"2FA\" beside its reset or recovery as what the flow is for (renewing the user's second factor), not as a one-time code, since the text names the steps that verify the user.")
			case s.purpose:
				p.notes = append(p.notes, "Read \"2FA\" beside the login as what the flow is for (a second factor at login), not as a one-time code, since the text names the steps that verify the user.")
			}
			return s.purpose
		})
	}
	if p.knownExcluded != 0 && findKind(out, kRecognition) < 0 && slices.ContainsFunc(out, func(s *step) bool { return p.knownExcluded.has(s.k) && s.k != kAsk }) {
		// "Returning users skip the SMS code" in a flow with no recognition:
		// nothing tells returning users from new ones, and left out of the
		// main path the step was left out for everyone, without a word
		for _, c := range p.knownClauses {
			p.notes = append(p.notes, "A flow without a face recognition cannot tell returning users from new ones, so \""+c+"\" is left to your app (start their sessions with a flow of their own, or add a face recognition); every session keeps what it names.")
		}
	} else {
		p.mainExcluded |= p.knownExcluded
	}
	out = slices.DeleteFunc(out, func(s *step) bool { return p.mainExcluded.has(s.k) && s.k != kAsk })
	if slices.ContainsFunc(out, func(s *step) bool { return findKind(s.branch, kAgeCheck) >= 0 }) {
		// "age gate at checkout. … anyone we don't recognise has to scan an ID
		// and we check they're 21 or over": the gate named with no age is the
		// check the new users' path describes, not a second one for everyone
		out = slices.DeleteFunc(out, func(s *step) bool {
			if s.k == kAgeCheck && !s.explicitAge && findKind(out, kDocument) < 0 {
				p.notes = append(p.notes, "Read the age check named without an age as the one users the recognition does not find go through.")
				return true
			}
			return false
		})
	}
	for _, s := range out {
		// a step the text puts on a path of its own after ruling its kind out
		// ("no codes. if not recognised, an email code as backup") stays
		// there: the exclusion speaks of the main path, and the path's own
		// words are the later, narrower ones (afterExclusion)
		drop := func(b *step) bool {
			if !p.excludes(b) || b.k.isConversation() {
				return false
			}
			why := ""
			switch {
			case p.excludedAll.has(b.k):
				why = "out everywhere"
			case !afterExclusion[b]:
				why = "out after that"
			}
			if why != "" {
				// ("… an SMS code. Actually, no SMS at all": the note that put it
				// on the path goes with it)
				if n, ok := p.pathNotes[b]; ok {
					p.notes = slices.DeleteFunc(p.notes, func(m string) bool { return m == n })
				}
				if note := "Left out " + b.k.withArticle() + " the text puts on a path of its own: it rules " + b.k.String() + "s " + why + "."; !slices.Contains(p.notes, note) {
					p.notes = append(p.notes, note)
				}
				return true
			}
			if note := "Kept " + b.k.withArticle() + " on the path the text gives it, though it rules " + b.k.String() + "s out of the main path."; !slices.Contains(p.notes, note) {
				p.notes = append(p.notes, note)
			}
			return false
		}
		s.branch = slices.DeleteFunc(s.branch, func(b *step) bool { return drop(b) || p.branchExcluded.has(b.k) })
		s.fallback = slices.DeleteFunc(s.fallback, drop)
		channelFromContext(s.branch)
		channelFromContext(s.fallback)
	}
	for _, s := range out {
		if s.k != kLiveness || s.fallbackOn != "deepfakeDetected" || !s.rechecksLiveness() ||
			slices.ContainsFunc(s.fallback, func(f *step) bool { return !f.k.isConversation() && f.k != kLiveness }) {
			continue
		}
		// "If a deepfake is detected, let them try liveness again": a caught
		// attack is never retried (rvC18 S14); the deepfake ends the session
		for _, f := range s.fallback {
			if n, ok := p.pathNotes[f]; ok {
				p.notes = slices.DeleteFunc(p.notes, func(m string) bool { return m == n })
			}
		}
		s.fallback, s.fallbackOn = nil, ""
		p.notes = append(p.notes, "A detected deepfake ends the session: the text offers another liveness check after one, but a caught attack is never given a second try, so the flow does not.")
	}
	if !slices.ContainsFunc(out, func(s *step) bool {
		return s.deepfakeRefused() || slices.ContainsFunc(s.branch, (*step).deepfakeRefused)
	}) {
		// the note on a caught deepfake speaks of a fallback that an
		// exclusion may have left out since ("if liveness fails, an SMS code.
		// Actually, no SMS at all"): it goes with it
		p.notes = slices.DeleteFunc(p.notes, func(n string) bool { return n == deepfakeNote })
	}
	for _, s := range out {
		switch {
		case s.k == kOTP && contact != kNone && !p.excluded.has(contact):
			s.k = contact
			p.notes = append(p.notes, "The one-time code goes to the "+map[kind]string{kEmailOTP: "email address", kSMSOTP: "phone number"}[contact]+" the text says you already hold.")
		case s.k == kOTP && p.excluded.has(kSMSOTP) && !p.excluded.has(kEmailOTP):
			s.k = kEmailOTP
			p.notes = append(p.notes, "The one-time code goes by email, since the text rules out SMS.")
		case s.k == kOTP && p.excluded.has(kEmailOTP) && !p.excluded.has(kSMSOTP):
			s.k = kSMSOTP
			p.notes = append(p.notes, "The one-time code goes by SMS, since the text rules out email.")
		}
	}
	p.steps = order(out)
	for _, r := range ruledOutPlaces {
		p.steps = moveOutOf(p.steps, r.place, r.s, nil)
		r.s.ruledOut, r.s.ruledOutText, r.s.ruledOutFor = r.place, r.text, r.scope // (layout says how it was read)
	}
	if note := capturedFirst(p.steps); note != "" {
		p.notes = append(p.notes, note)
	}
	for _, s := range p.steps {
		if s.deepfakeEnds && s.k == kLiveness && len(s.fallback) > 0 && s.fallbackOn == "" {
			// the fallback is for a face not found: a caught deepfake ends
			// (step.deepfakeEnds), and the summary says which failure it takes
			s.fallbackOn = "noFace"
		}
	}
	for _, s := range p.steps {
		if s.k == kLiveness && s.fallbackOn == "deepfakeDetected" && s.bounded() && s.handedOver() {
			// "if liveness flags a deepfake, give them another shot; if that
			// fails as well, hand over": a caught deepfake is never offered
			// again, so it has no second failure to hand over; it ends
			// (rvD19 D18)
			s.fallback, s.fallbackOn = nil, ""
			p.notes = append(p.notes, "A detected deepfake is never offered again, so there is no second one to hand over: a caught deepfake ends the session with a polite message, and is not handed to a person.")
		}
	}
	p.settleHandovers()
	if p.policy == "retry" && (retryOnce || perStep || slices.ContainsFunc(p.steps, func(s *step) bool { return s.noRetry })) {
		// "let them retry any failed check, but no second chance on the SMS
		// code": a retry of each check but those ruled out (or whose failure
		// the text sends elsewhere), once each when the retry is bounded
		p.policy = ""
		for _, s := range p.steps {
			if !s.noRetry && len(s.fallback) == 0 && retryable(s.k) && canFail(s.k) && !s.k.isConversation() {
				s.retry, s.once = true, s.once || retryOnce
			}
		}
	}
	if !namesVerification(p.steps) {
		// a need with no step named ("verify the user", "KYC for new sellers"):
		// the smallest flow that meets it, said as an assumption, never silence
		if implied := p.implicitSteps(ts, namesCheck(p.steps)); len(implied) > 0 {
			// the need is placed: the clause that named it is no longer unplaced
			p.notes = slices.DeleteFunc(p.notes, func(n string) bool { return strings.HasPrefix(n, unplacedPrefix) })
			p.steps = append(p.steps, implied...)
		}
		p.steps = order(p.steps)
	}
	if i := slices.IndexFunc(p.steps, func(s *step) bool { return s.k == kAgeCheck && s.explicitAge }); i >= 0 {
		// "Scan ID, must be of legal drinking age, 21+", "18 or older, no
		// minors": the text gave the age, so no 18 read for a legal age is said
		p.notes = slices.DeleteFunc(p.notes, func(n string) bool { return strings.HasSuffix(n, legalAgeNoteTail) })
	}
	p.notes = append(p.notes, fallbackImages(p.steps)...)
	for _, s := range p.steps {
		if s.k == kRecognition && s.vague && s.vagueNote != "" && !hasKind(p.steps, kDocument) && !hasKind(p.steps, kFaceScan) {
			p.notes = append(p.notes, s.vagueNote) // a comparison with nothing to compare, still
		}
	}
	if held && !readsHeldPhoto(p.steps) && !p.excluded.has(kFaceCompare) {
		// "is who they say they are — we have their photo from the bank's records":
		// a photo held for the session is there to compare the live face with
		p.addHeldCompare()
	}
	if held || hasRaw(ts, "provideddata") {
		heldSources(p.steps)
	} else if p.excluded.has(kDocument) && slices.ContainsFunc(p.steps, func(s *step) bool { return readsImageOf(s, kDocument) }) {
		// "selfie and compare with the passport photo, no document step": the
		// photo the flow will not scan is one the app passes in
		heldSources(p.steps)
		p.notes = append(p.notes, "The text rules out the document scan, so the face comparison reads the document photo your app passes in the session's providedData (key \"photo\").")
	}
	for i, t := range ts {
		if i+1 < len(ts) && ts[i+1].eq && lex.settingKey[t.raw] != "" {
			continue // "expiry=600s": the key of a step's setting, not a document's expiry
		}
		// (a screening's clause is noted where it is read; "push notification",
		// "a rooted or jailbroken phone" once)
		if n := unsupportedAt(ts, i); n != "" && !t.in(hListCheck) && !(i > 0 && lex.unsupported[ts[i-1].raw] != "") && !slices.Contains(p.notes, n) {
			p.notes = append(p.notes, n)
		}
	}
	p.notes = append(p.notes, recurrenceNotes(ts)...)
	p.notes = append(p.notes, channelFromContext(p.steps)...)
	if heldKey != "" {
		// "our backend passes it in as providedData (key: profilePhoto)", "in the
		// session's providedData under 'policySelfie'": the key the photo is under
		setProvidedKey(p.steps, heldKey, false)
		if !readsProvided(p.steps) {
			p.notes = append(p.notes, keyNotes...) // a key no step reads is not dropped without a word
		}
	}
	p.restrictDocTypes()
	p.readChoice(clauses)
	keptInside(p.notes, outsideNotes, p.steps)
	p.notes = append(p.notes, otherAgeNotes(p.steps)...)
	if p.uc == ucAge && p.excluded.has(kAgeCheck) && !hasKind(p.steps, kAgeCheck) {
		// "payouts only go to 18+ accounts but we already check age at signup,
		// so don't add any age check": the age the text names is not what this
		// flow is for, and its lines must not say they confirm it; the purpose
		// is read from the rest (not "at signup", said of the age check)
		var rest []token
		for _, c := range clauses {
			if a := analyze(c.toks, nil); !hasKind(a.steps, kAgeCheck) && !a.neg.has(kAgeCheck) && ageIndex(c.toks) < 0 && !(heldKey != "" && keyClause(c.toks, heldKey)) {
				rest = append(rest, c.toks...)
			}
		}
		p.uc = detectUseCaseExcept(rest, ucAge)
		p.noun = findNoun(ts, p.uc)
	}
	return p
}

// keyClause: the clause is the word "key" or the providedData key itself
// ("vendor photo" of "vendor_photo", "profile photo" of "profilePhoto"), read
// apart at the colon of "key: vendor_photo".
func keyClause(ts []token, key string) bool {
	if len(ts) == 1 && ts[0].raw == "key" {
		return true
	}
	rest := key
	for _, t := range ts {
		rest = strings.TrimLeft(rest, "_-.")
		if len(rest) < len(t.raw) || !strings.EqualFold(rest[:len(t.raw)], t.raw) {
			return false
		}
		rest = rest[len(t.raw):]
	}
	return rest == ""
}

// withoutKey: ts less the words at "at" that spell key ("onboarding_selfie" as
// "onboarding", "selfie"); ts itself when the key is not spelled out in words
// of its own ("providedData.onboarding" is one token). Only those words: a
// heading may say the same word ("Onboarding: … providedData.onboarding").
func withoutKey(ts []token, key string, at int) []token {
	if key == "" || at < 0 {
		return ts
	}
	for j := at + 1; j <= len(ts) && j <= at+6; j++ {
		if keyClause(ts[at:j], key) {
			return slices.Concat(ts[:at], ts[j:])
		}
	}
	return ts
}

// deferFallbacks reads a sentence that opens on the failure of a step no
// sentence before it names, and a later sentence does, after the text's last
// sentence: "Switch users who fail liveness to a document scan. Liveness first,
// then an SMS code." states the fallback before the main path it hangs on, and
// a fallback is laid out on a step already known. The sentences are numbered
// anew in their new order.
func deferFallbacks(clauses []clause) []clause {
	type sentence struct{ from, to int }
	var sents []sentence
	for i := range clauses {
		if i == 0 || clauses[i].sent != clauses[i-1].sent {
			sents = append(sents, sentence{i, i + 1})
		} else {
			sents[len(sents)-1].to = i + 1
		}
	}
	if len(sents) < 2 {
		return clauses
	}
	names := func(cs []clause, k kind, main bool) bool {
		for _, c := range cs {
			if main {
				if k := readCondition(c.toks, nil).k; k != condNone && k != condMain {
					continue // a condition of its own names a step it hangs on, not the main path's
				}
			}
			if slices.ContainsFunc(analyze(c.toks, nil).steps, func(s *step) bool { return s.k == k }) {
				return true
			}
		}
		return false
	}
	var kept, moved []sentence
	for si, st := range sents {
		failed := kNone
		if si+1 < len(sents) {
			failed = failedStep(clauses[st.from].toks)
		}
		// (only a fallback: a sentence that names no other step, "if the
		// liveness check fails twice, end the session", says what a failure
		// does, and it is read where it stands, beside the steps it counts)
		if failed == kNone || !fallsBack(clauses[st.from:st.to], failed) || names(clauses[:st.from], failed, false) || !names(clauses[sents[si+1].from:], failed, true) ||
			carriedOn(clauses[st.from:st.to], clauses[sents[si+1].from].toks) {
			kept = append(kept, st)
			continue
		}
		moved = append(moved, st)
	}
	if len(moved) == 0 {
		return clauses
	}
	out := make([]clause, 0, len(clauses))
	for n, st := range append(kept, moved...) {
		for _, c := range clauses[st.from:st.to] {
			c.sent = n
			out = append(out, c)
		}
	}
	return out
}

// carriedOn: a fallback sentence with a sequence of its own after a retry
// ("if they fail liveness, let them retry, and after that do an ID scan":
// the scan is the second failure's, which read after the main path would be
// one more step of it), or one the next sentence carries on from ("After
// that, do an ID scan"), which moved would leave that sentence hanging.
func carriedOn(cs []clause, next []token) bool {
	if len(next) > 0 && lex.seqLead[next[0].raw] {
		return true
	}
	retried := false
	for _, c := range cs {
		for _, t := range c.toks {
			switch {
			case t.in(hRetryWord) || t.raw == "try" || t.raw == "retake":
				retried = true
			case retried && lex.seqLead[t.raw]:
				return true
			}
		}
	}
	return false
}

// fallsBack: the clauses name a step of another kind than failed, the one
// tried instead.
func fallsBack(cs []clause, failed kind) bool {
	for _, c := range cs {
		if slices.ContainsFunc(analyze(c.toks, nil).steps, func(s *step) bool {
			return s.k != failed && s.k != kGreeting && s.k != kClosing
		}) {
			return true
		}
	}
	return false
}

// failedStep is the kind of step whose failure a clause opens on ("if the
// liveness check fails", "users who fail liveness"), or kNone: the step the
// condition's words name, or the first one right after its verb of failing.
func failedStep(ts []token) kind {
	if !clauseStartsIf(ts) && !hasAnyRaw(ts, lex.relative) && !hasAnyHot(ts, hUserWord) {
		return kNone // (the test below, on the whole clause: most sentences skip readCondition)
	}
	cond := readCondition(ts, nil)
	if cond.k != condFail || cond.end < 0 {
		return kNone
	}
	if !clauseStartsIf(ts) && !hasAnyRaw(ts[:cond.end], lex.relative) && !hasAnyHot(ts[:cond.end], hUserWord) {
		// ("if they fail …", "users who fail …", "anyone failing …": a
		// condition; not a story of what once failed)
		return kNone
	}
	for _, part := range [][]token{ts[cond.step : cond.end+1], ts[cond.end+1:]} {
		if st := analyze(part, nil).steps; len(st) > 0 && st[0].k != kGreeting && st[0].k != kClosing {
			return st[0].k
		}
	}
	return kNone
}

// enrolsNext: the clause after ci, in its sentence or the first of the next,
// that names an enrolment, or -1.
func enrolsNext(clauses []clause, ci int) int {
	for j := ci + 1; j < len(clauses) && clauses[j].sent <= clauses[ci].sent+1; j++ {
		if has(clauses[j].toks, "enroll") {
			return j
		}
		if clauses[j].sent > clauses[ci].sent {
			break // only the next sentence's first clause
		}
	}
	return -1
}

// listOpening finds a short clause that opens the flow's own list with a colon
// ("flow: scan their driving licence, …", "we want: recognise them, …",
// "Order: …") after sentences about the product, and the steps the list names.
// It returns -1 when there is none.
func listOpening(clauses []clause) (int, []*step) {
	for ci, c := range clauses {
		last := len(c.toks) - 1
		for last > 0 && lex.listCopula[c.toks[last].raw] {
			last-- // "Flow is: recognise …, liveness check, then the code on email"
		}
		opener := lex.listOpener[c.toks[last].raw] || last > 0 && lex.listSays[c.toks[last].raw] && lex.listSource[c.toks[last-1].raw] || redoOpener(c.toks[:last+1]) || orderMatters(c.toks)
		if ci == 0 || !c.colon || c.title || !opener || len(c.toks) > 4 && (len(c.toks) > 8 || len(analyze(c.toks, nil).steps) > 0) {
			// (a longer opener names no step itself: "Port it over in this
			// order:", "here is the new sequence we want:")
			continue
		}
		if phraseLen(c.toks, 0, lex.offScope) > 0 || phraseLen(c.toks, 0, lex.offScopeColon) > 0 {
			continue // "Out of scope: …", "Must not: …": a list kept out of the flow, not the flow's own
		}
		var listed []*step
		for _, l := range clauses[ci+1:] {
			listed = append(listed, analyze(l.toks, listed).steps...)
			if len(l.toks) > 0 && (l.toks[0].in(hCondKnown) || l.toks[0].in(hCondNew)) && findKind(listed, kRecognition) < 0 {
				// "so: known -> liveness -> email code; unknown -> ID scan": a
				// list that opens its lines on the users recognition tells
				// apart lists the recognition too
				listed = append(listed, &step{k: kRecognition})
			}
		}
		if len(listed) < 2 {
			return -1, nil
		}
		return ci, listed
	}
	return -1, nil
}

// orderMatters: the clause opens on a list opener that it says matters
// ("Order matters to us: first …", "The sequence is important: …"): the list
// after its colon is the flow's, in that order.
func orderMatters(ts []token) bool {
	k := 0
	if k < len(ts) && ts[k].in(hDeterminer) {
		k++
	}
	if k+1 >= len(ts) || !lex.listOpener[ts[k].raw] {
		return false
	}
	if k++; k+1 < len(ts) && lex.listCopula[ts[k].raw] {
		k++ // "the order is important"
	}
	return lex.listMatters[ts[k].raw]
}

// redoOpener: the clause ends on a verb of rebuilding and what it rebuilds
// ("rebuild it", "port that over", "recreate this"): the setup just described,
// whose new version the list after the colon gives.
func redoOpener(ts []token) bool {
	n := len(ts)
	if n > 0 && ts[n-1].raw == "over" {
		n--
	}
	return n > 1 && (ts[n-1].raw == "it" || ts[n-1].raw == "that" || ts[n-1].raw == "this") && lex.listRedo[ts[n-2].raw]
}

// infinitiveIn: the clause holds "to" before a verb ("the point is only to
// capture a good reference"), which an "and" after it may go on.
func infinitiveIn(ts []token) bool {
	for i := 0; i+1 < len(ts); i++ {
		if ts[i].raw == "to" && startsInstruction(ts, i+1) {
			return true
		}
	}
	return false
}

// background: a clause before the flow's list tells about the product or its
// users, asking for nothing ("our analytics show this group checks email once a
// week", "the user lost their phone and is setting our authenticator app up on
// a new one"): no instruction, no condition, no "we want"/"please".
// ("Start with an SMS code. After that, in this order: …" opens the flow on
// the code: a verb of starting with its "with" or "off" is an instruction)
func background(ts []token, seq []*step) bool {
	startWith := len(ts) > 1 && ts[0].w == "start" && (ts[1].raw == "with" || ts[1].raw == "off")
	return (!startsInstruction(ts, 0) && !startWith || speakerBusy(ts)) && !hasAnyRaw(ts, lex.wish) && readCondition(ts, seq).k == condNone && !clauseStartsIf(ts)
}

// specLine: a short clause with no subject and no verb that gives a value
// ("min age 18", "18+ only", "age limit 21" before "flow: …"): a requirement
// written as a line of a spec, which the list after it does not replace, not
// a story about the product ("our users are all over 18" has both).
func specLine(ts []token) bool {
	if len(ts) > 5 || !slices.ContainsFunc(ts, func(t token) bool { return t.isNum }) || !slices.ContainsFunc(ts, func(t token) bool { return lex.specLimit[t.raw] || strings.Contains(t.orig, "+") }) {
		return false // ("Average age 35", "Old flow: 4 digit PIN": a fact, no limit)
	}
	return !slices.ContainsFunc(ts, func(t token) bool {
		return t.in(hSpeaker) || t.in(hPopulation) || lex.personRef[t.raw] || lex.beForm[t.raw] || t.in(hSubjectAux)
	})
}

// speakerBusy: the clause tells what the speaker is doing ("we're rolling out
// face sign-in", "we are migrating to a new app"): news about the project,
// not an instruction, though "we" may open one ("we scan their passport").
func speakerBusy(ts []token) bool {
	return len(ts) > 2 && ts[0].in(hSpeaker) && lex.beForm[ts[1].raw] && strings.HasSuffix(ts[2].raw, "ing")
}

// restrictDocTypes takes the document types the text ruled out off every
// document scan, on the main path and its branches. A scan that named no type
// accepts the usual three less those ("not ID cards": passports and driver's
// licenses); one left with nothing keeps what it named, said as an assumption.
func (p *parsed) restrictDocTypes() {
	if len(p.notDocTypes) == 0 {
		return
	}
	var restrict func(steps []*step)
	restrict = func(steps []*step) {
		for _, s := range steps {
			restrict(s.branch)
			restrict(s.fallback)
			if s.k != kDocument {
				continue
			}
			types := s.docTypes
			if len(types) == 0 {
				types = defaultDocTypes
			}
			left := slices.DeleteFunc(slices.Clone(types), func(t string) bool { return slices.Contains(p.notDocTypes, t) })
			if len(left) == 0 {
				p.notes = append(p.notes, "The text rules out every document type the scan names; it accepts "+strings.Join(types, ", ")+" until you say which.")
				continue
			}
			if len(left) < len(types) || len(s.docTypes) == 0 {
				p.notes = append(p.notes, "The document scan does not accept "+strings.Join(p.notDocTypes, ", ")+", as the text rules it out.")
			}
			s.docTypes = left
		}
	}
	restrict(p.steps)
}

// correctedStep: the clause corrects the step the text just named ("actually
// make it SMS", "no wait, an SMS code", "make that email") with one step of the
// same family; it returns the step corrected, or nil. A bare "email" in a
// correction of a code is the email code.
func correctedStep(ts []token, main, prev, seq []*step) *step {
	if len(main) != 1 || len(ts) < 2 {
		return nil
	}
	if ts[len(ts)-1].raw == "instead" && len(main[0].fallback) == 0 {
		// "text them a code and then do a liveness check. hmm actually, we've had
		// SIM-swap fraud, send the code to their email instead": the code named
		// before, wherever it is, goes by the channel said now
		prev = seq
	}
	if len(prev) == 0 {
		return nil
	}
	marked := ts[len(ts)-1].raw == "instead"
	for i := 0; i < len(ts) && i < 3; i++ {
		if ts[i].in(hCorrection) || ts[i].in(hCorrectVerb) && lex.touchedRef[ts[i+1].raw] {
			marked = true
			break
		}
	}
	if !marked || isCodeKind(main[0].k) && main[0].k != kOTP && findKind(seq, main[0].k) >= 0 && !hasAnyRaw(ts, lex.anotherTry) {
		// ("an SMS code and an email code. Actually make the SMS code a
		// 6-digit one": the SMS code the flow has, set, not the email code
		// turned into a second one)
		return nil
	}
	for i := len(prev) - 1; i >= 0; i-- {
		old := prev[i]
		if main[0].k == kEnterEmail && (old.k == kSMSOTP || old.k == kOTP) {
			main[0].k = kEmailOTP
		}
		if old.k != main[0].k && slices.Contains(family(old.k), main[0].k) {
			return old
		}
	}
	return nil
}

// bareCondition: the clause is a condition and nothing else ("if the face match is
// below threshold"), with no instruction of its own after the condition's words.
func bareCondition(ts []token, recognition func() bool) bool {
	var seq []*step
	if populationCondition(ts, false) || recognition != nil && clauseStartsIf(ts) && recognition() {
		// "if they're new" in a text with a recognition, "if it is a new
		// user": a condition on whom the recognition finds, read as it will be
		// once the recognition is in the flow
		seq = []*step{{k: kRecognition}}
	}
	cond := readCondition(ts, seq)
	if cond.k == condNone || cond.end < 0 {
		return false
	}
	for i, t := range ts[1:] {
		if t.raw != t.w && (lex.passiveAux[ts[i].raw] || ts[i].in(hNegAux) || ts[i].raw == "was" || ts[i].raw == "wasnt") {
			continue // "if the SMS can't be delivered": a participle of the condition, not a consequence
		}
		if ts[i].in(hDeterminer) || i+2 < len(ts) && ts[i+2].in(hCondFail) {
			continue // "if the scan fails", "if the liveness check fails": the step that failed, named
		}
		if lex.consequence[t.raw] || lex.consequence[t.w] {
			return false // "if not found send them to a human": the condition has its own consequence
		}
	}
	// ("if that fails to their phone": where the code goes next, a
	// consequence with its verb left out)
	return cond.end+1 >= len(ts) || len(analyze(ts[cond.end+1:], nil).steps) == 0 && elidedResend(ts[cond.end+1:]) == kNone
}

// populationCondition: the clause opens with a condition on recognised or
// unrecognised users ("for recognised users", "if they're a returning customer");
// contrast: the text sets known users against new ones.
func populationCondition(ts []token, contrast bool) bool {
	if !clauseStartsIf(ts) {
		return false
	}
	for i := 0; i+1 < len(ts) && i < 5; i++ {
		if (ts[i].in(hCondKnown) || ts[i].in(hCondNew) && ts[i].raw != "new") && (ts[i+1].in(hUserWord) || i > 0 && ts[i-1].in(hUserWord)) ||
			ts[i].raw == "new" && ts[i+1].in(hUserWord) && !possessiveAt(ts, i+1) && hasAnyRaw(ts[:i], lex.condIfStrict) && !(i > 0 && ts[i-1].w == "enroll" && !contrast) {
			// "if new user, scan a passport": only a recognition tells new users from
			// known ones ("KYC for new clients" is a purpose, not a condition; so is
			// "when onboarding new drivers", the users the flow enrols, unless the
			// text sets returning or known users against them (contrast): then
			// they are the group a recognition tells apart)
			return true
		}
	}
	return false
}

// groupLeads: the clause opens on the users it is about, as its subject
// ("anyone we don't recognise gets an SMS code", "users we can't find are
// sent to an agent", "all customers we fail to match …"), not on "for".
func groupLeads(ts []token) bool {
	i := 0
	for i+1 < len(ts) && lex.quantifier[ts[i].raw] {
		i++
	}
	return i < len(ts) && (ts[i].in(hPopulation) || ts[i].in(hUserWord) || lex.unknownHead[ts[i].raw])
}

// recognitionAt is where a recognition the text implies goes in seq: right
// before the liveness check, or with none, after the greeting, the
// permissions and whatever the avatar says or asks first.
func recognitionAt(seq []*step) int {
	at := findKind(seq, kLiveness)
	if at < 0 {
		at = 0
		for at < len(seq) && (seq[at].k.isConversation() || seq[at].k == kPermissions) {
			at++
		}
	}
	return at
}

// leadGroupSkipsChecks: clause ci names the users a recognition does not
// find only as its subject ("anyone we don't recognise gets an SMS code"),
// and what it gives them is no path of their own: it names no step ("anyone
// we don't recognise goes through this" is the enrolment said before, for
// everyone), or the text asks elsewhere for a document scan or a face
// comparison it does not name ("take a selfie and compare it with their
// passport. Anyone we don't recognise gets an SMS code"), which a new-user
// path laid out from its words alone would let newcomers skip. Such a clause
// is read as every user's, as before the recognition was implied.
func leadGroupSkipsChecks(clauses []clause, ci int, after []*step) bool {
	ts := clauses[ci].toks
	if !groupLeads(ts) || groupFrom(ts, readCondition(ts, nil).end) >= 0 {
		return false
	}
	a := analyze(ts, nil)
	own := a.steps
	for k := kind(1); k < kindCount; k++ {
		if a.neg.has(k) && k != kRecognition { // (the group's own negation reaches the step it gets)
			own = append(own, &step{k: k})
		}
	}
	if !slices.ContainsFunc(own, func(s *step) bool { return !s.k.isConversation() }) {
		// (past the verb: "anyone we don't recognise goes through this";
		// "… is sent to support" is a path of its own)
		r := slices.IndexFunc(ts, func(t token) bool { return t.w == "recognize" })
		return r >= 0 && hasAnyRaw(ts[r+1:], lex.saidSteps)
	}
	// (the checks the recognition would come before: those read so far past
	// where it goes, and those of the clauses still to come; "passport scan,
	// then liveness. Anyone we can't recognise …" scans everyone first)
	later := slices.Clone(after)
	for _, c := range clauses[ci+1:] {
		later = append(later, analyze(c.toks, nil).steps...)
	}
	return slices.ContainsFunc(later, func(s *step) bool {
		return (s.k == kDocument || s.k == kFaceCompare) && findKind(own, s.k) < 0
	})
}

// unknownGroup: the clause names the users a recognition does not find by a
// negated verb said of them ("for anyone we don't recognise", "if we can't
// recognise them"), so it needs a recognition to tell them apart; the noun
// ("skip recognition for now", "face recognition is not to be done") names
// the step, and "nothing to recognise yet" no group.
func unknownGroup(ts []token) bool {
	if !has(ts, "recognize") {
		return false // (read first: most clauses say nothing of recognising, and readCondition is not cheap)
	}
	cond := readCondition(ts, nil)
	if cond.k != condNewUser || !clauseStartsIf(ts) && groupFrom(ts, cond.end) < 0 && !groupLeads(ts) {
		return false
	}
	r := slices.IndexFunc(ts[:cond.end+1], func(t token) bool { return t.w == "recognize" })
	if r <= 0 || ts[r-1].in(hDeterminer) {
		return false
	}
	n := slices.IndexFunc(ts[max(0, r-3):r], func(t token) bool {
		return t.raw == "not" || t.in(hNegAux) || lex.perfectNeg[t.raw] || lex.failTo[t.raw] // ("anyone we fail to recognise")
	})
	if n < 0 {
		return false
	}
	if r+1 < len(ts) && lex.recognizeMeans[ts[r+1].raw] && !(r+3 < len(ts) && slices.ContainsFunc(ts[r+2:min(len(ts), r+5)], func(t token) bool { return t.w == "face" })) {
		return false // "anyone the system can't recognise by their email address": not by the face
	}
	// what is not recognised must be people: "anyone we don't recognise",
	// "if we can't recognise them", not "a location we don't recognise",
	// "travellers whose booking we can't recognise", "the document"
	if clauseStartsIf(ts) && groupFrom(ts, cond.end) < 0 && !groupLeads(ts) {
		return r+1 >= len(ts) || lex.personPronoun[ts[r+1].raw] || lex.personObject[ts[r+1].raw] || !isAlpha(ts[r+1].raw) || ts[r+1].in(hUserWord)
	}
	h := max(0, r-3) + n - 1 // the word before the negation: its subject, or the head
	if h >= 0 && lex.relative[ts[h].raw] && !lex.passiveAux[ts[r-1].raw] {
		// "users who don't recognise the payee", "anyone that can't
		// recognise the sender": the users are the ones recognising, not the
		// ones a recognition does not find ("users who can't be recognised"
		// are)
		return false
	}
	if h >= 0 && h == r-2 && ts[r-1].in(hNegAux) && ts[h].in(hUserWord) && r+1 < len(ts) && isAlpha(ts[r+1].raw) &&
		!lex.personPronoun[ts[r+1].raw] && !lex.personObject[ts[r+1].raw] && !ts[r+1].in(hUserWord) {
		// "Hosts don't recognise our SMS sender name", "users don't
		// recognise the avatar": the people are who recognise, and what they
		// do not recognise is a thing, no user a recognition fails to find
		return false
	}
	for h > 0 && (ts[h].in(hSpeaker) || lex.subjectPronoun[ts[h].raw] || lex.recognizer[ts[h].raw] || ts[h].in(hDeterminer) || ts[h].in(hSubjectAux)) {
		h--
	}
	return h >= 0 && (ts[h].in(hUserWord) || ts[h].in(hPopulation) || lex.personPronoun[ts[h].raw] || lex.unknownHead[ts[h].raw])
}

// everyoneAnd: the "and" in cur after an instruction for every user ("a
// liveness check for everyone and …"), before another instruction; 0 if none.
func everyoneAnd(cur []token) int {
	if a := forEveryone(cur) + 2; a > 2 && a < len(cur) && cur[a].raw == "and" &&
		len(analyze(cur[:a], nil).steps) > 0 && len(analyze(cur[a+1:], nil).steps) > 0 {
		return a
	}
	return 0
}

// forEveryone: where "for everyone" ("for all", "for anybody") says an
// instruction is every user's, so no group named after it narrows it; -1 if
// the clause has none.
func forEveryone(ts []token) int {
	for i := 0; i+1 < len(ts); i++ {
		// ("for all new users" is a group, not everyone)
		if ts[i].raw == "for" && lex.everyone[ts[i+1].raw] && !(i+2 < len(ts) && (ts[i+2].in(hUserWord) || ts[i+2].in(hCondNew) || ts[i+2].in(hCondKnown))) {
			return i
		}
	}
	return -1
}

// readsBranchDocument: the clause's steps read the document that only the
// branch scans ("with a fallback to an ID scan if not recognised, then a face
// compare", "then compare their face to the passport"): the clause goes on on
// that branch, since the main path has no document to read.
func readsBranchDocument(ts []token, seq, branch []*step) bool {
	if findKind(branch, kDocument) < 0 || findKind(seq, kDocument) >= 0 {
		return false
	}
	return slices.ContainsFunc(analyze(ts, seq).steps, func(s *step) bool {
		return s.k == kFaceCompare || s.k == kAgeCheck || s.k == kMatchCheck || s.k == kExpiryCheck || s.k == kRecognition && (anyDoc(ts) || s.vague)
	})
}

// codeOfBefore: the words before i name a code of the channel the user is said
// to lack after it ("send an SMS code, and an email code for when they don't
// have their phone").
func codeOfBefore(ts []token, i int) bool {
	c := lacksChannel(ts[i:min(len(ts), i+8)])
	if c < 0 {
		return false
	}
	return hasCodeFor(analyze(ts[:i], nil).steps, ts[i+c])
}

// groupFrom: where the group a condition ending at end names begins, at the
// "for" (or "to", of whom a step reaches) before it: "passport scan for new
// users", "send a code to anyone we don't recognise"; -1 if there is none.
func groupFrom(ts []token, end int) int {
	if f := slices.IndexFunc(ts[:end+1], func(t token) bool { return t.raw == "for" }); f >= 0 {
		return f
	}
	for j := end - 1; j >= 0; j-- {
		if n := ts[j+1].raw; ts[j].raw == "to" && (lex.userWord[n] || lex.quantifier[n] || lex.population[n]) {
			return j
		}
	}
	return -1
}

// startsPopulation: the clause opens on a group of users the flow must tell
// apart ("Returning users are just recognised", "First time, they enrol their
// face", "Newcomers scan a passport"), with no "if" or "for" before it.
func startsPopulation(ts []token) bool {
	i := 0
	for i < len(ts) && lex.quantifier[ts[i].raw] {
		i++
	}
	if i >= len(ts) {
		return false
	}
	if ts[i].in(hNewcomer) {
		return true // "newcomers", "first time"
	}
	return i+1 < len(ts) && (ts[i].in(hCondKnown) || ts[i].in(hCondNew)) && ts[i+1].in(hUserWord)
}

// quantifiedUsers: the clause names a group of users under a quantifier ("all
// passengers", "every member", "our students"), the people a search runs over.
// A possessive group owns what is searched ("search every passenger's booking
// for a match"): records, not faces.
func quantifiedUsers(ts []token) bool {
	for k := 0; k+1 < len(ts); k++ {
		if lex.quantifier[ts[k].raw] && ts[k].raw != "the" && ts[k+1].in(hUserWord) && !possessiveAt(ts, k+1) {
			return true
		}
	}
	return false
}

// narrowedSearch: the clause rules out a search over a whole group of users and
// the words after it name the smaller group searched instead ("no need to
// search all drivers, just the ones on today's shift", "don't search every
// member, only those at this gym"): the negation takes back "all", not the
// search, so no recognition is ruled out.
func narrowedSearch(clauses []clause, ci int) bool {
	ts := clauses[ci].toks
	if !(hasAnyHot(ts, hSearchVerb) || lookUp(ts)) || !quantifiedUsers(ts) {
		return false
	}
	narrower := func(rest []token) bool {
		return len(rest) > 1 && rest[0].w == "only" &&
			slices.ContainsFunc(rest[1:min(len(rest), 4)], func(t token) bool { return t.in(hUserWord) || t.raw == "those" || t.raw == "these" })
	}
	for k := range ts {
		if ts[k].w == "only" && narrower(ts[k:]) {
			return true
		}
	}
	return ci+1 < len(clauses) && clauses[ci+1].sent == clauses[ci].sent && narrower(clauses[ci+1].toks)
}

// contrastsPopulations: the text names both users it knows and users it does
// not ("existing customers get liveness only; new customers also scan a
// passport"), so a clause opening on one of them is a condition, not a purpose.
// both: the text names both outright, as a scenario set against another must
// ("Given a first-time user" alone is who the scenario is about).
func contrastsPopulations(clauses []clause) (contrast, both bool) {
	known, fresh, newcomer := false, false, false
	for _, c := range clauses {
		for i, t := range c.toks {
			pop := i+1 < len(c.toks) && c.toks[i+1].in(hUserWord)
			known = known || t.in(hCondKnown) && pop
			fresh = fresh || t.in(hCondNew) && pop
			// "first time", "newcomers", "unrecognised users": a group that only
			// exists beside the users the flow already knows ("unknown devices" is
			// none)
			if t.in(hNewcomer) || t.in(hCondNew) && t.raw != "new" && pop {
				newcomer = true
			}
		}
	}
	return newcomer || known && fresh, known && (fresh || newcomer)
}

// namesVerification: the steps hold a check, not only conversations.
func namesVerification(steps []*step) bool {
	for _, s := range steps {
		if !s.k.isConversation() {
			return true
		}
	}
	return false
}

// namesCheck: the steps hold something beyond a greeting and a closing line.
func namesCheck(steps []*step) bool {
	for _, s := range steps {
		if s.k != kGreeting && s.k != kClosing {
			return true
		}
	}
	return false
}

// implicitSteps are the steps a verification need implies when the text names
// none: proving who someone is ("KYC", "identity", "who they say they are") is an
// ID scan, a liveness check and a comparison of the ID photo with the face;
// any other need to verify a person ("verify the user", "authenticate them") is
// a liveness check. Excluded steps stay out.
func (p *parsed) implicitSteps(ts []token, talks bool) []*step {
	identity, need := false, ""
	for i, t := range ts {
		if talks && (t.w != "verify" || !(i+1 < len(ts) && (ts[i+1].in(hAddressee) || i+2 < len(ts) && ts[i+1].raw == "the" && ts[i+2].in(hAddressee))) ||
			hasRaw(ts[i:min(len(ts), i+6)], "by", "through", "via")) {
			// with a conversation named, only "verify the customer" asks for a check;
			// "ask them to verify the amount", "confirm their identity by asking …" do not
			continue
		}
		switch {
		case lex.identityNeed[t.raw] || t.raw == "who" && i+2 < len(ts) && (ts[i+2].w == "explain" || ts[i+2].raw == "claim" || ts[i+2].raw == "claims"):
			identity, need = true, t.orig
		case need == "" && (t.w == "verify" || lex.verifyNeed[t.raw]):
			need = t.orig
		}
	}
	if need == "" {
		return nil
	}
	var out []*step
	if identity {
		for _, k := range []kind{kDocument, kLiveness, kFaceCompare} {
			if p.excluded.has(k) {
				continue
			}
			s := &step{k: k}
			if k == kFaceCompare {
				if p.excluded.has(kDocument) {
					continue
				}
				s.srcA, s.srcB = &flow.FaceSource{Source: "documentPhoto"}, &flow.FaceSource{Source: "sessionVideo"}
			}
			out = append(out, s)
		}
		if len(out) > 0 {
			p.notes = append(p.notes, "No step was named; \""+need+"\" reads as proving who the user is: an ID document scan, a liveness check and a comparison of the ID photo with their face. Name the steps to change this.")
			return out
		}
	}
	if p.excluded.has(kLiveness) {
		return nil
	}
	p.notes = append(p.notes, "No step was named; \""+need+"\" reads as checking that a real person is present: a liveness check. Name the steps (an ID scan, a face comparison, a code) to change this.")
	return []*step{{k: kLiveness}}
}

// dropExcluded drops the steps the text rules out (excludes).
//
// A comparison held as a search only for want of a second image ("face
// compare 1:1 only, NOT 1:N. scan passport first") is the comparison the text
// asks for, not the search "NOT 1:N" rules out: with a document scan in the
// flow it compares the face with the document's photo.
func (p *parsed) dropExcluded(seq []*step) []*step {
	if !p.excluded.has(kFaceCompare) && findKind(seq, kFaceCompare) < 0 && findKind(seq, kDocument) >= 0 {
		// (also with no "NOT 1:N": "lv, fc, pp", "liveness, then face
		// compare, then passport scan" compare the face with the passport)
		if r := slices.IndexFunc(seq, func(s *step) bool { return s.k == kRecognition && s.vague && len(s.branch) == 0 }); r >= 0 {
			seq[r].k, seq[r].vague = kFaceCompare, false
			if d := findKind(seq, kDocument); d > r {
				// (after the document whose photo it compares)
				c := seq[r]
				seq = slices.Delete(seq, r, r+1)
				seq = slices.Insert(seq, d, c)
				p.notes = append(p.notes, "The face comparison runs after the ID document scan, whose photo it compares with the live face.")
			}
		}
	}
	if slices.ContainsFunc(seq, func(s *step) bool { return s.k == kRecognition && !s.vague }) {
		// (a comparison held apart from the real search, merge: none came)
		seq = slices.DeleteFunc(seq, func(s *step) bool {
			if s.k == kRecognition && s.vague && s.threshold > 0 && len(s.branch) == 0 {
				p.notes = append(p.notes, "The flow has no face comparison, so the similarity threshold of "+strconv.FormatFloat(s.threshold, 'f', -1, 64)+" said of one is not applied.")
				return true
			}
			return false
		})
	}
	return slices.DeleteFunc(seq, p.excludes)
}

// excludes: the text rules the step's kind out (a question is never ruled
// out by kind).
func (p *parsed) excludes(s *step) bool {
	// ("2FA … no SMS … no email code either": a code with no channel left is none)
	return p.excluded.has(s.k) && s.k != kAsk || s.k == kOTP && p.excluded.has(kSMSOTP) && p.excluded.has(kEmailOTP)
}

// channelFromContext settles a one-time code whose clause named no channel from
// the steps before it: a code sent right after the user typed an email address
// goes to that address ("collect their email and send a code to it").
func channelFromContext(steps []*step) []string {
	var notes []string
	for i, s := range steps {
		if s.k != kOTP {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if steps[j].k == kEnterEmail {
				s.k = kEmailOTP
				notes = append(notes, "The one-time code goes to the email address the user entered before it.")
				break
			}
		}
	}
	return notes
}

// readsHeldPhoto: a step of the flow (or of a branch) compares faces or looks
// the user up, so a photo the text holds has a reader, or none is needed.
func readsHeldPhoto(steps []*step) bool {
	return slices.ContainsFunc(steps, func(s *step) bool {
		return s.k == kFaceCompare || s.k == kRecognition || readsHeldPhoto(s.branch) || readsHeldPhoto(s.fallback)
	})
}

// heldSources: a comparison on the main path that reads a document photo or a
// face scan the flow never captured before it, in a text that holds a photo
// for the session, reads that photo ("we keep a selfie of each customer and
// pass it in providedData … compare that photo vs the live session video").
// Left as it was, FaceSign would answer imageUnavailable every time.
func heldSources(steps []*step) {
	doc, face := false, false
	for _, s := range steps {
		switch s.k {
		case kDocument:
			doc = true
		case kFaceScan:
			face = true
		case kFaceCompare:
			for _, fs := range []*flow.FaceSource{s.srcA, s.srcB} {
				if fs != nil && (fs.Source == "documentPhoto" && !doc || fs.Source == "faceScan" && !face) {
					*fs = flow.FaceSource{Source: "providedData", ProvidedDataKey: "photo"}
				}
			}
		}
	}
}

// addHeldCompare compares the live face (the selfie, when the flow takes one)
// with the photo the integrator passes in, after the last step that looks at
// the face, and says so.
func (p *parsed) addHeldCompare() {
	live, at := "sessionVideo", -1
	for i, s := range p.steps {
		switch s.k {
		case kFaceScan:
			live, at = "faceScan", i
		case kLiveness, kDocument:
			at = max(at, i)
		}
	}
	if at < 0 {
		at = slices.IndexFunc(p.steps, func(s *step) bool { return s.k == kClosing })
		if at < 0 {
			at = len(p.steps)
		}
		at--
	}
	c := &step{k: kFaceCompare, srcA: &flow.FaceSource{Source: "providedData", ProvidedDataKey: "photo"}, srcB: &flow.FaceSource{Source: live}, auto: true}
	p.steps = slices.Insert(p.steps, at+1, c)
	p.notes = append(p.notes, "Added a face comparison of the live face with the photo your app passes in, since the text holds that photo and names no step that reads it.")
}

// docRestriction: a heading says which documents the flow takes ("Passports
// only: scan one", "Only unexpired passports: …"): a requirement on the scan
// its body asks for, not the use case's name.
func docRestriction(ts []token) bool {
	return anyDoc(ts) && (has(ts, "only") || hasRaw(ts, "unexpired", "valid", "nonexpired"))
}

// heldContact: the clause says the integrator already holds the user's email
// address or phone number ("we already have the user's email", "their mobile
// number is on file"), and gives the channel a code to it goes by; else kNone.
func heldContact(ts []token) kind {
	// held, not handed over now ("they enter their email, we send a code to it");
	// handed over before is held ("everyone gave us their email at signup")
	held := hasAnyHot(ts, hPossess) || hasRaw(ts, "file") && hasRaw(ts, "on")
	if hasAnyHot(ts, hEmailGiven) {
		held = hasAnyRaw(ts, lex.givenBefore) && (hasRaw(ts, "us", "already") || hasAnyRaw(ts, lex.signupWord)) && !hasRaw(ts, "just", "now") && !typesNow(ts)
	}
	if !held {
		return kNone
	}
	switch {
	case has(ts, "email") && !has(ts, "phone"):
		return kEmailOTP
	case has(ts, "phone") && !has(ts, "email"):
		return kSMSOTP
	}
	return kNone
}

// checksHeld: a verb of checking asks for the address or number the text
// holds to be confirmed ("verify the phone number on file", "confirm
// possession of the mobile number on file", "confirm they still have the
// phone on file"): the contact follows the verb within a few words, not
// after a "whether" or an "if" that checks a state of it. A
// participle states a check already done ("their verified phone number is on
// file") unless a bare "be" asks for it ("the number on file must be
// confirmed" has the verb after the contact, and reads as asked).
func checksHeld(ts []token) bool {
	contact := func(t token) bool { return t.w == "phone" || t.w == "email" }
	for i, t := range ts {
		if !confirmVerbLemmas[t.w] || checkedStateWords[t.raw] && !(i > 0 && ts[i-1].raw == "be") {
			continue
		}
		if i+1 < len(ts) && whWords[ts[i+1].raw] {
			continue // "detect if the guest's phone has been jailbroken": a state of the phone, no code to it
		}
		if i+1 < len(ts) && ts[i+1].raw == "that" {
			continue // "validate that the number on file matches …": a claim about it, checked otherwise
		}
		if k := slices.IndexFunc(ts[i+1:min(len(ts), i+6)], contact); k >= 0 {
			k += i + 1
			if slices.ContainsFunc(ts[k+1:min(len(ts), k+6)], func(t token) bool { return lex.heldClaimVerb[t.raw] }) ||
				slices.ContainsFunc(ts[k+1:], func(t token) bool { return t.raw == "by" }) && slices.ContainsFunc(ts[k+1:], func(t token) bool { return strings.HasSuffix(t.raw, "ing") }) {
				// "… the number on file matches the one on their ID", "confirm
				// the number on file is theirs by asking for the last 4
				// digits": checked against another value or by the means
				// named, not by a code
				continue
			}
			return true
		}
		if checkedStateWords[t.raw] && slices.ContainsFunc(ts[:i], contact) {
			return true
		}
	}
	return false
}

// typesNow: the user hands an address over in the session, in the present
// ("patient types in the email they registered with", "they enter the address
// they signed up with"): the past words say which address, not that it is held.
func typesNow(ts []token) bool {
	for i, t := range ts {
		if t.in(hEmailGiven) && !lex.givenBefore[t.raw] && t.raw != "given" {
			for j := i + 1; j < len(ts) && j <= i+4; j++ {
				if ts[j].w == "email" || ts[j].raw == "address" {
					return true
				}
			}
		}
	}
	return false
}

// narrative: a clause telling what was done before ("we tried SMS before", "we
// used to send codes by text") names no step of the new flow.
func narrative(ts []token) bool {
	if at := pastSpan(ts); at >= 0 && !(at > 0 && startsInstruction(ts, 0)) && !hasAnyRaw(ts, lex.wish) {
		// "last year one person opened 40 accounts with a stolen passport"
		// ("confirm the selfie matches the one from their KYC last year" asks)
		return true
	}
	if len(ts) > 3 && (ts[0].raw == "our" || ts[0].raw == "the") && lex.former[ts[1].raw] && !hasAnyRaw(ts, lex.wish) {
		// "our old wire approval just texted a code", "the previous vendor asked
		// for a selfie": what the system being replaced did
		for _, t := range ts[2:min(len(ts), 7)] {
			if lex.pastVerb[t.raw] || strings.HasSuffix(t.raw, "ed") && t.w != t.raw {
				return true
			}
		}
	}
	if usersDid(ts) || actorDoes(ts) {
		return true
	}
	if hasPhrase(ts, lex.nowPhrase) && !hasAnyRaw(ts, lex.wish) {
		// "there is no age check at all right now", "currently there's no
		// liveness": what the system lacks today, the reason for the flow,
		// not a step ruled out of it
		for i, t := range ts[:len(ts)-1] {
			if (t.raw == "there" && ts[i+1].in(hSubjectAux) && i+2 < len(ts) && ts[i+2].w == "no" || t.raw == "theres" && ts[i+1].w == "no") && !startsInstruction(ts, 0) {
				return true
			}
		}
	}
	if speakerTrouble(ts) || speakerSaw(ts) {
		return true
	}
	if len(ts) > 2 && ts[0].in(hSpeaker) && lex.thinkVerb[ts[1].raw] && !hasAnyRaw(ts, lex.wish) && !thinksList(ts[2:]) {
		// "we think the email might be compromised too": what the speaker
		// believes, the reason for the flow ("I think we should …" still asks)
		return true
	}
	// "a code sent to the email before anything else" is an instruction: the past
	// needs a speaker ("we", "I") as well as a time
	speaker := hasAnyHot(ts, hSpeaker) && !hasAnyRaw(ts, lex.wish)
	for i := 1; speaker && i+1 < len(ts); i++ {
		if ts[i].raw == "used" && ts[i+1].raw == "to" && ts[i-1].in(hSpeaker) {
			return true // "we used to only verify email at signup": a past habit
		}
	}
	for i := 1; speaker && i+2 < len(ts); i++ {
		if lex.pastVerb[ts[i].raw] && ts[i-1].in(hSpeaker) && (lex.incident[ts[i+1].raw] || lex.incident[ts[i+2].raw] ||
			(lex.storyActor[ts[i+1].raw] || lex.storyActor[ts[i+2].raw]) && !hasAnyRaw(ts[i+1:], lex.resultLead)) {
			// "we had a case where the fraudster coached the victim", "we had
			// scammers coaching kids into cashing out": a story, the reason for
			// the change; the people in it ("kids") are no step's subject ("we
			// had fraudsters use stolen phones so skip the SMS code" goes on to
			// what it leads to: the instruction, no story)
			return true
		}
	}
	return speaker && (hasRaw(ts, "tried") || hasAnyRaw(ts, lex.pastVerb) && (hasAnyRaw(ts, lex.pastTime) || inVersion(ts)))
}

// thinksList: what the speaker believes is the flow's own list ("I think the
// order is liveness -> …", "we think the steps should be …", "I guess our flow
// looks like …"): a hedged request, read as listOpening reads "Order: …", not
// a belief about the world.
func thinksList(ts []token) bool {
	i := 0
	for i < len(ts) && ts[i].in(hDeterminer) {
		i++
	}
	// (a list follows: "I think the flow is too long" judges the flow)
	return i < len(ts)-1 && lex.listOpener[ts[i].raw] && lex.listCopula[ts[i+1].raw] && len(analyze(ts[i+2:], nil).steps) > 0
}

// speakerTrouble: the speaker tells of trouble they had with something ("we've
// had trouble with national ID cards we can't read", "we have had issues with
// SMS delivery"): the reason for a choice, no step of the flow.
func speakerTrouble(ts []token) bool {
	for i := 0; i+2 < len(ts); i++ {
		if !ts[i].in(hSpeaker) {
			continue
		}
		for j := i + 1; j < len(ts) && j <= i+4; j++ {
			if lex.trouble[ts[j].raw] {
				return slices.ContainsFunc(ts[i+1:j], func(u token) bool { return u.raw == "had" || u.raw == "having" || u.raw == "have" })
			}
		}
	}
	return false
}

// speakerSaw: the clause opens with the speaker's side ("we", "our fraud
// desk") and its verb is one of seeing ("our fraud desk keeps seeing SIM swaps
// done at dealers with fake IDs", "we've noticed stolen passports"): what they
// observed, the reason for the flow, unless the clause goes on to what the
// flow does ("we keep seeing deepfakes so add liveness").
func speakerSaw(ts []token) bool {
	if len(ts) < 3 || !ts[0].in(hSpeaker) && ts[0].raw != "our" {
		return false
	}
	for j := 1; j < len(ts) && j <= 7; j++ {
		switch {
		case lex.wish[ts[j].raw] || lex.condIfStrict[ts[j].raw]:
			return false
		case lex.observe[ts[j].raw]:
			return j+1 < len(ts) && !lex.doubtLead[ts[j+1].raw] && !asksAfter(ts, j+1) && !wantsAfter(ts, j+1)
		}
	}
	return false
}

// wantsAfter: from k on, the clause goes on to what the speaker's side wants
// ("… so we want a passport scan", "… and wants an ID scan", "… so we'd like
// a selfie") or, after "so", names the steps outright ("we noticed fake
// passports so passport scan plus selfie"): it asks for them.
func wantsAfter(ts []token, k int) bool {
	for ; k < len(ts); k++ {
		t := ts[k]
		if (lex.wish[t.w] || lex.wish[strings.TrimSuffix(t.raw, "s")]) && k > 0 && lex.wantLead[ts[k-1].raw] {
			// what is wished is a step, not an aim ("and would like to stop it")
			m := k + 1
			for m < len(ts) && lex.wish[ts[m].raw] {
				m++
			}
			return m < len(ts) && (ts[m].raw != "to" || m+1 < len(ts) && startsInstruction(ts, m+1))
		}
		if lex.resultLead[t.raw] && k+1 < len(ts) && len(rules[ts[k+1].w]) > 0 {
			return true
		}
	}
	return false
}

// inVersion: the clause names a release of the product after "in" ("in v1 we
// just sent a code …", "in the old version we asked …"), a time of its own.
func inVersion(ts []token) bool {
	for i, t := range ts {
		if t.raw != "in" {
			continue
		}
		j := i + 1
		for j < len(ts) && (ts[j].in(hDeterminer) || lex.former[ts[j].raw] || ts[j].w == "first") {
			j++
		}
		if j < len(ts) && (lex.version[ts[j].raw] || versionName(ts[j].raw)) {
			return true
		}
	}
	return false
}

// versionName: "v1", "v2", "v3.1".
func versionName(w string) bool {
	if len(w) < 2 || w[0] != 'v' {
		return false
	}
	for _, r := range w[1:] {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

// excludesBack: the clause ends by ruling out what a pronoun points back at
// ("keep them out", "skip it", "drop those", "legal told us to drop it"): it
// returns where those words start (0 when they are the whole clause), or -1.
func excludesBack(ts []token) int {
	for i := 0; i+1 < len(ts); i++ {
		if !negationLemmas[ts[i].w] || !ts[i+1].in(hBackRef) {
			continue
		}
		for _, t := range ts[i+2:] {
			if !lex.lineFiller[t.raw] && !lex.exclusionTail[t.raw] {
				return -1
			}
		}
		start := i
		for start > 0 && ts[start-1].in(hKeepLead) {
			start-- // "so skip it", "just leave them out"
		}
		return start
	}
	return -1
}

// cancellable: the step's node has an outcome for a user who cancels it.
func cancellable(s *step) bool {
	switch s.k {
	case kDocument, kFaceScan, kEnterEmail, kEmailOTP, kSMSOTP, kOTP:
		return true
	}
	// "ask for their consent to recording; if they refuse, hand over to a
	// human": what they refused is the consent, not every check before it
	return s.k == kAsk && s.topics&tConsent != 0
}

// dropTurnedDown drops the clauses of a question that the next line answers
// with a bare "no" ("@jen: can we drop the selfie? @ravi: no, we need it",
// "also a permit scan first? Dana: no, HR does that offline"): a suggestion
// the thread turned down, neither a step nor an exclusion. The answer's own
// words stay ("no doc in this flow" is no bare "no").
func (p *parsed) dropTurnedDown(clauses []clause) []clause {
	if !slices.ContainsFunc(clauses, func(c clause) bool { return c.ask }) {
		return clauses // (most texts ask nothing: no copy)
	}
	out := clauses[:0:0]
	from := 0 // the first clause of the sentence being read
	for ci, c := range clauses {
		if ci > 0 && clauses[ci-1].sent != c.sent {
			from = len(out)
		}
		out = append(out, c)
		if !c.ask {
			continue
		}
		j := ci + 1
		if j < len(clauses) && clauses[j].colon && len(clauses[j].toks) <= 2 {
			j++ // the name of who answers ("Dana:")
		}
		if j >= len(clauses) || len(clauses[j].toks) != 1 || !lex.replyNo[clauses[j].toks[0].raw] || asksOfFlow(out[from:]) {
			continue
		}
		// the question is the whole sentence when it opens as one ("can we
		// drop the selfie?"), else its last clause ("liveness, then a passport
		// scan, and maybe an SMS code too?")
		q := len(out) - 1
		if first := out[from].toks[0].raw; lex.questionAux[first] || lex.auxStart[first] || whWords[first] && first != "if" {
			q = from
		}
		for _, c := range out[q:] {
			if namesAnything(c.toks) {
				p.notes = append(p.notes, "Read \""+clauseText(c.toks)+"\" as a suggestion the thread turned down, so the flow does not act on it.")
			}
		}
		out = out[:q]
	}
	return out
}

// verdictAt finds a meeting note's verdict on what the clause names before
// it ("… was rejected", "… dropped", "… parked till next sprint"): it returns
// where the verdict starts and whether it leaves the matter open (parked)
// rather than turning it down, or -1. Only words of a verdict's auxiliary may
// stand between the named words and the verdict ("got dropped", "was
// discussed and rejected"); what follows the verdict is its reason or who
// gave it ("rejected by security", "dropped (users complained)") and names no
// step. A weak verdict ("rejected") is also what a check does to a user, so it
// counts only after a proposal's word ("Tom's idea of …", "X was discussed")
// or standing as its own item (at after 0: "X — rejected").
//
// A verdict is none when its word is an adjective after a preposition or
// determiner ("for parked car owners", "with canned responses"), when it is
// past ("previously dropped"), when what follows it in its sentence (next)
// reverses or limits it ("…, now approved", "no go for EU users", "dropped if
// the user has no phone"), or when what it judges is what a check does to a
// user or an attack ("Spoofed faces: rejected", "Expired IDs are dropped":
// checkOutcome, also judged in dropVerdicts for a verdict alone).
func verdictAt(ts, prior, next []token) (at int, open bool) {
	if !hasPhrase(ts, lex.strongVerdict) && !hasPhrase(ts, lex.weakVerdict) && !hasPhrase(ts, lex.parked) {
		return -1, false // (the cheap word test first: most clauses give no verdict)
	}
	for i := range ts {
		strong, weak, parked := phraseLen(ts, i, lex.strongVerdict), phraseLen(ts, i, lex.weakVerdict), phraseLen(ts, i, lex.parked)
		n := max(strong, weak, parked)
		if n == 0 {
			continue
		}
		at := i
		for at > 0 && lex.verdictAux[ts[at-1].raw] {
			at--
		}
		if at > 0 && negationLemmas[ts[at-1].w] || slices.ContainsFunc(ts[at:i], func(t token) bool { return t.raw == "not" }) {
			return -1, false // "not dropped", "never rejected": no verdict
		}
		if namesAnything(ts[i+n:]) || hasAnyRaw(ts, lex.condIfStrict) {
			return -1, false // "drop the SMS", "rejected if blurry": an instruction or an outcome
		}
		if i > 0 && lex.verdictAdjLead[ts[i-1].raw] || at > 0 && lex.verdictPast[ts[at-1].raw] || slices.ContainsFunc(ts[at:i], func(t token) bool { return lex.verdictPast[t.raw] }) ||
			verdictUndone(ts[i+n:]) || verdictUndone(next) || hasAnyRaw(ts[:at], lex.checkOutcome) {
			return -1, false // "parked car owners", "previously dropped, now back in", "no go for EU users", "Expired IDs are dropped"
		}
		if weak > 0 && strong == 0 && parked == 0 && at > 0 && !hasAnyRaw(ts[:i], lex.proposal) && !hasAnyRaw(prior, lex.proposal) {
			return -1, false // "deepfakes are rejected"
		}
		return at, parked > 0 && strong == 0 && weak == 0
	}
	return -1, false
}

// verdictUndone: the words after a verdict reverse it or limit it to some
// users or a case ("now approved", "now back in", "for EU users", "if the user
// has no phone"); "for now" keeps it.
func verdictUndone(ts []token) bool {
	for i, t := range ts {
		if lex.verdictUndo[t.raw] && !(t.raw == "now" && i > 0 && (ts[i-1].raw == "for" || ts[i-1].raw == "right")) {
			return true
		}
		if t.raw == "for" && slices.ContainsFunc(ts[i+1:min(i+4, len(ts))], func(u token) bool { return u.in(hUserWord) }) {
			return true
		}
	}
	return false
}

// judgedSteps are the steps a proposal named, less those it would replace
// ("SMS instead of the email code": the SMS is what was proposed).
func judgedSteps(ts []token) kindSet {
	if i := slices.IndexFunc(ts, func(t token) bool { return t.w == "instead" || t.raw == "over" || t.raw == "than" }); i >= 0 {
		ts = ts[:i]
	}
	var ks kindSet
	for _, s := range analyze(ts, nil).steps {
		if !s.k.isConversation() {
			ks.add(s.k)
		}
	}
	return ks
}

// instructionAt is where an instruction to add or remove a step starts in
// the clause: at its first word ("drop the SMS code") or after "so" ("…, so
// also add an SMS code"); -1 for none.
func instructionAt(ts []token) int {
	for i, t := range ts {
		if i > 0 && t.raw != "so" {
			continue
		}
		k := i
		if t.raw == "so" {
			k++
		}
		for k < len(ts) && (ts[k].raw == "also" || ts[k].w == "then" || ts[k].raw == "please") {
			k++
		}
		if k < len(ts) && (lex.addWord[ts[k].raw] || lex.removeVerb[ts[k].raw]) {
			if t.raw == "so" {
				return i + 1
			}
			return i
		}
	}
	return -1
}

// namesMinor: the condition's words name a person under age as a noun ("if
// they're a minor", "minors => end", "if underage"), not the adjective ("a
// minor issue with the code", "minor differences in lighting").
func namesMinor(cond, ts []token) bool {
	for i, t := range cond {
		switch {
		case t.raw == "minors" || t.raw == "underage":
			return true
		case t.raw == "minor":
			return i+1 == len(ts) || !isAlpha(ts[i+1].raw) || ts[i+1].raw == "and" || ts[i+1].raw == "or" || ts[i+1].w == "then"
		}
	}
	return false
}

// dropReasons drops the sentence a reason label heads ("Reasoning: no
// liveness => deepfakes get in", "Why: without the code anyone with the
// password gets in"): it says why the flow is what it is, so a step it
// names, or rules out, is no instruction. A label that is the text's first
// colon heads the next sentence (splitClauses).
func (p *parsed) dropReasons(clauses []clause) []clause {
	if !slices.ContainsFunc(clauses, func(c clause) bool { return c.colon && len(c.toks) == 1 && lex.reasonLabel[c.toks[0].raw] }) {
		return clauses // (nearly every text: no copy)
	}
	out := clauses[:0:0]
	reason := -1 // the sentence a label heads
	var said []token
	flush := func() {
		if len(said) > 0 {
			p.notes = append(p.notes, "Read \""+clauseText(said)+"\" as the reason for the request, not as a step.")
			said = nil
		}
	}
	for _, c := range clauses {
		if c.colon && len(c.toks) == 1 && lex.reasonLabel[c.toks[0].raw] {
			flush()
			reason = c.sent
			if c.title {
				reason++
			}
			continue
		}
		if c.sent == reason {
			if k := instructionAt(c.toks); k >= 0 {
				// "Reasoning: liveness alone is weak, so also add an SMS
				// code", "Rationale: drop the SMS code, it is slow": the
				// instruction in the reason is still one
				said = append(said, c.toks[:max(k-1, 0)]...) // (not its "so")
				c.toks = c.toks[k:]
				out = append(out, c)
				continue
			}
			said = append(said, c.toks...)
			continue
		}
		flush()
		out = append(out, c)
	}
	flush()
	return out
}

// dropCounterfactuals drops a clause that opens on "without" a step (or
// "without it") and the statement after it in its sentence: "Without
// liveness, deepfakes get in", "Keep liveness: without it, anyone with a
// photo gets through" say why the step is there, not that it goes. The
// statement must name no step but the one said ("deepfakes" names the
// liveness check), rule nothing out and give no instruction: "Without an
// SMS code, use an email code" still rules the SMS code out.
func (p *parsed) dropCounterfactuals(clauses []clause) []clause {
	if !slices.ContainsFunc(clauses, func(c clause) bool { return len(c.toks) > 1 && c.toks[0].raw == "without" }) {
		return clauses // (nearly every text: no copy)
	}
	out := clauses[:0:0]
	for ci := 0; ci < len(clauses); ci++ {
		c := clauses[ci]
		if len(c.toks) < 2 || c.toks[0].raw != "without" || ci+1 == len(clauses) || clauses[ci+1].sent != c.sent {
			out = append(out, c)
			continue
		}
		said := analyze(c.toks[1:], nil)
		var named kindSet
		for _, s := range said.steps {
			named.add(s.k)
		}
		pronoun := len(c.toks) == 2 && c.toks[1].in(hBackRef)
		next := clauses[ci+1].toks
		then := analyze(next, nil)
		instructs := len(next) == 0 || instructionAt(next) >= 0 || lex.addVerb[next[0].raw] || lex.removeVerb[next[0].raw] || requestVerbLemmas[next[0].w] ||
			then.neg != 0 || slices.Contains(negations(next), true) ||
			slices.ContainsFunc(then.steps, func(s *step) bool { return !pronoun && !named.has(s.k) })
		// (only of a step the text asks for in another sentence, or said
		// by pronoun: "Without SMS, we save money" alone still rules SMS out)
		asked := pronoun
		if !asked && named != 0 {
			var got kindSet
			for _, o := range clauses {
				if o.sent == c.sent {
					continue
				}
				a := analyze(o.toks, nil)
				for _, s := range a.steps {
					if !a.neg.has(s.k) {
						got.add(s.k)
					}
				}
			}
			asked = named&^got == 0
		}
		if named == 0 && !pronoun || instructs || !asked {
			out = append(out, c)
			continue
		}
		p.notes = append(p.notes, "Read \""+clauseText(slices.Concat(c.toks, next))+"\" as the reason for the request, not as a step ruled out.")
		ci++ // (the statement goes with it)
	}
	return out
}

// dropVerdicts reads the verdicts of meeting notes and decision logs: a
// proposal turned down ("Tom asked about SMS instead — rejected, SIM swap
// risk", "the doc scan idea was shot down", "email OTP: dropped", "Rejected:
// comparing against an ID photo") is ruled out, as "no SMS" would be; a
// question left open ("Parked: whether to allow a doc scan fallback", "Open q:
// do we need recognition too? parked till next sprint") is no step and is
// said back. A turned-down setting ("Tom wanted 4 digits — rejected") sets
// nothing. The final decision's own words stay: only what the verdict judges
// goes. A verdict alone in its clause judges the clause before it in its
// sentence, or the item before a colon, dash or question mark.
func (p *parsed) dropVerdicts(clauses []clause) []clause {
	if !slices.ContainsFunc(clauses, func(c clause) bool {
		return hasPhrase(c.toks, lex.strongVerdict) || hasPhrase(c.toks, lex.weakVerdict) || hasPhrase(c.toks, lex.parked)
	}) {
		return clauses // (most texts give no verdict: no copy)
	}
	out := clauses[:0:0]
	last := -1    // the clause out ends with
	heading := -1 // the sentence under a "Rejected:" or "Parked:" heading
	headOpen := false
	judge := func(target []token, open bool, verdict []token) {
		if open {
			p.notes = append(p.notes, "Read \""+clauseText(target)+"\" as a question the notes leave open, so the flow does not include it; say so when it is decided.")
			return
		}
		if slices.Contains(negations(target), true) {
			p.notes = append(p.notes, "Read \""+clauseText(target)+"\" as a proposal turned down, so the flow does not act on it.")
			return
		}
		ks := judgedSteps(target)
		p.excluded |= ks
		if ks != 0 {
			p.notes = append(p.notes, "Read \""+clauseText(slices.Concat(target, verdict))+"\" as a proposal turned down, so the flow leaves out the "+stepNamesOf(ks)+".")
		} else {
			p.notes = append(p.notes, "Read \""+clauseText(target)+"\" as a proposal turned down, so the flow does not act on it.")
		}
	}
	for ci, c := range clauses {
		if c.colon && len(c.toks) > 0 && len(c.toks) <= 4 {
			// "Rejected:", "Parked:", "Open q:": a heading over the rest of its sentence
			// ("Parked for now:", "Rejected options:": the heading's tail says when or what)
			strong, weak := offScopeHeading(c.toks, lex.strongVerdict), offScopeHeading(c.toks, lex.weakVerdict)
			if parked := offScopeHeading(c.toks, lex.parked); strong || weak || parked {
				heading, headOpen = c.sent, parked && !strong && !weak
				if c.title {
					heading++ // (the text's first colon: its list is the next sentence, splitClauses)
				}
				continue
			}
		}
		// (the sentence after the heading's question stays under it only when
		// it asks too: "Parked: email code? Then scan their ID." asks the scan)
		if heading >= 0 && c.sent == heading || heading >= 0 && c.sent == heading+1 && c.ask && ci > 0 && clauses[ci-1].ask && clauses[ci-1].sent == heading {
			if namesAnything(c.toks) || hasSetting(c.toks) {
				judge(c.toks, headOpen, nil)
			}
			continue
		}
		var prior []token // ("the proposal to also send an SMS code was rejected": the proposal's word in the clause before)
		if ci > 0 && clauses[ci-1].sent == c.sent {
			prior = clauses[ci-1].toks
		}
		var next []token // (the rest of the sentence: "SMS code — previously dropped, now back in")
		for _, o := range clauses[ci+1:] {
			if o.sent != c.sent {
				break
			}
			next = append(next, o.toks...)
		}
		at, open := verdictAt(c.toks, prior, next)
		if at < 0 {
			out, last = append(out, c), ci
			continue
		}
		target := c.toks[:at]
		if at == 0 || !namesAnything(target) && !(hasSetting(target) && readSettings(target).any()) {
			// the verdict alone: it judges the item before it
			if last != ci-1 || ci == 0 {
				out, last = append(out, c), ci
				continue
			}
			prev := clauses[ci-1]
			if !(prev.sent == c.sent || c.dash || prev.colon || prev.ask) || !namesAnything(prev.toks) && !(hasSetting(prev.toks) && readSettings(prev.toks).any()) ||
				hasAnyRaw(prev.toks, lex.condIfStrict) || hasAnyRaw(prev.toks, lex.checkOutcome) {
				out, last = append(out, c), ci
				continue
			}
			target = prev.toks
			out, last = out[:len(out)-1], -1
		}
		judge(target, open, c.toks[at:])
	}
	return out
}

// leaveOutVerb: a verb of leaving a step out ("skip", "drop", "avoid"), the
// lemma "without" spelt as something other than the preposition itself.
func leaveOutVerb(t token) bool { return t.w == "without" && t.raw != "without" }

// readerQuestion: the clause at ci is the speaker's question to the reader:
// the speaker announcing questions of their own ("Two questions while I have
// you: …", "quick question for you, …"), or a question that follows such an
// announcement ("is pricing per session or per enrolled face?"): what those
// ask about is not a step of the flow ("Is an email code enough? No, add an
// SMS code" with no announcement asks about the flow, dropTurnedDown).
func readerQuestion(clauses []clause, ci int) bool {
	announces := func(c clause) bool {
		// (not the speaker wanting questions in the flow: "I also want a
		// couple of questions at the end: …", "we need two questions
		// answered: …", "finally the security questions we use today: …")
		return hasRaw(c.toks, "question", "questions") && hasAnyHot(c.toks, hSpeaker) && !hasRaw(c.toks, "avatar", "ask", "asks") &&
			!hasAnyRaw(c.toks, lex.wish) && !hasAnyRaw(c.toks, lex.backWord)
	}
	// ("we have two security questions: What is your date of birth? …": a
	// question about "your" date of birth is the user's to answer)
	users := func(c clause) bool {
		return slices.ContainsFunc(c.toks, func(t token) bool {
			return t.raw == "your" || t.raw == "yours" || t.w == quoteW && slices.ContainsFunc(tokenizeExact(t.orig), func(q token) bool { return q.raw == "your" })
		})
	}
	c := clauses[ci]
	if users(c) {
		return false
	}
	if announces(c) {
		asked := false
		for _, o := range clauses[ci+1:] {
			if o.sent > c.sent+1 {
				break
			}
			if o.ask && users(o) {
				return false
			}
			asked = asked || o.ask
		}
		return asked
	}
	if !c.ask {
		return false
	}
	for j := ci - 1; j >= 0 && clauses[j].sent >= c.sent-2; j-- {
		if announces(clauses[j]) {
			return true
		}
	}
	return false
}

// asksOfFlow: the question asks about the flow, not to change it: it opens on
// an auxiliary whose subject is not us ("Is an email code enough?", "Is the
// email code optional?", "Do users need to hold the ID still?"), so a "no" to it
// keeps what it names ("No, add an SMS code as well" asks for more); "should
// we add …", "do we want …", "the selfie too?" are suggestions.
func asksOfFlow(q []clause) bool {
	for _, c := range q {
		if c.colon && len(c.toks) <= 2 {
			continue // the asker's name ("Sam:")
		}
		return len(c.toks) > 1 && lex.auxStart[c.toks[0].raw] && !c.toks[1].in(hSpeaker)
	}
	return false
}

// takenBack: the clause takes back its own words with a retraction after them
// ("I was going to say SMS but scratch that", "passports, no wait, never mind
// that"): it returns where the words that stand begin, or 0.
func takenBack(ts []token) int {
	for i := 1; i+1 < len(ts); i++ {
		if lex.takeBack[ts[i].raw] && ts[i+1].raw == "that" || ts[i].raw == "never" && ts[i+1].raw == "mind" {
			return i + 2
		}
	}
	return 0
}

// failedNamed is the step a failure condition names: in its words ("if the
// SMS doesn't arrive"), or as the object of its verb when that ends the clause
// ("if they fail liveness, …", "should they fail the selfie, …"); not the
// words of what follows ("if they fail scan their ID" is what to do).
func failedNamed(ts []token, end int, seq []*step) []*step {
	named := analyze(ts[:max(end+1, 0)], seq).steps
	if rest := ts[min(len(ts), end+1):]; len(named) == 0 && end >= 0 && len(rest) > 0 && len(rest) <= 3 {
		named = analyze(rest, seq).steps
	}
	return named
}

// thenInSentence: the clause after ci, in its sentence, carries on with a
// sequence word ("…, let them retry, and after that do an ID scan").
func thenInSentence(cs []clause, ci int) bool {
	if ci+1 >= len(cs) || cs[ci+1].sent != cs[ci].sent {
		return false
	}
	ts := cs[ci+1].toks
	return cs[ci+1].then || len(ts) > 0 && (lex.seqLead[ts[0].raw] || len(ts) > 1 && lex.seqLead[ts[1].raw])
}

// lastCheck is the last step of seq that can fail, or nil.
func lastCheck(seq []*step) *step {
	for i := len(seq) - 1; i >= 0; i-- {
		if canFail(seq[i].k) {
			return seq[i]
		}
	}
	return nil
}

// lastRetried is the last step of seq offered again, or nil.
func lastRetried(seq []*step) *step {
	for i := len(seq) - 1; i >= 0; i-- {
		if seq[i].retry {
			return seq[i]
		}
	}
	return nil
}

// boundedTry: a retry asked for with a bound ("try again once", "one more
// go", "two attempts at the selfie", "a second chance"): the user gets one
// more attempt and no loop ("let them try again" alone loops).
func boundedTry(ts []token) bool {
	n, counted := extraTries(ts, true)
	return counted && n >= 1
}

// countedTries: the words count one more try or more ("one more go", "a
// second chance", "two attempts", "2 tries"); "one attempt" and "a single
// attempt" count none (see extraTries).
// "once" and "twice" alone name no retry ("capture their face once", "don't
// make them scan it twice"), so they are not counted here.
func countedTries(ts []token) bool {
	n, counted := extraTries(ts, false)
	return counted && n >= 1
}

// extraTries counts the attempts the words give a step beyond its first, and
// whether they count any: "once", "one more go", "another try", "a second
// chance", "one last go", "one retry" are 1; "twice", "two more attempts",
// "two retries" are 2; a count of attempts in all is one fewer ("two attempts
// at the selfie" 1, "3 tries" 2, "one attempt at liveness" 0); "a single
// attempt", "their last chance", "a final attempt" are 0. "once" before a
// subject is a time ("retry once they have better light"), and "time(s)" or
// "round" count only beside a word for trying again ("liveness one more time"
// may be another check, "try one more time" is not).
func extraTries(ts []token, adverb bool) (int, bool) {
	if !hasAnyHot(ts, hTryNoun) && (!adverb || !hasAnyRaw(ts, lex.once)) && !elidedMore(ts, len(ts)-1) {
		return 0, false // (the cheap test: no word that counts a try)
	}
	again := hasAnyHot(ts, hRetryWord) || hasRaw(ts, "try", "tries", "trying") || hasAnyRaw(ts, lex.resendVerb)
	for i, t := range ts {
		if adverb && t.raw == "once" && (i+1 >= len(ts) || !lex.onceConj[ts[i+1].raw]) {
			return 1, true
		}
		if adverb && t.raw == "twice" && again {
			return 2, true
		}
		j := -1 // the word for a try within two words after
		for k := i + 1; k < min(len(ts), i+3); k++ {
			if ts[k].in(hTryNoun) && (again || ts[k].w != "time" && ts[k].raw != "times" && ts[k].raw != "round") {
				j = k
				break
			}
		}
		if j < 0 {
			if elidedMore(ts, i) {
				return 1, true // "send one more": one more of the step, its noun left out
			}
			continue
		}
		count := func(k int) int { // the number before ts[k], 1 if none
			if k >= 0 {
				if n := tryCount(ts[k].raw); n > 0 {
					return n
				}
			}
			return 1
		}
		switch n := tryCount(t.raw); {
		case lex.boundLead[t.raw]:
			return count(i - 1), true // "two more attempts", "a second chance"
		case lex.onlyTry[t.raw]:
			if i > 0 && ts[i-1].raw == "one" && t.raw != "single" && t.raw != "only" {
				return 1, true // "one last go": one more
			}
			return 0, true // "a single attempt", "their last chance"
		case n > 0 && i+1 < len(ts) && (lex.boundLead[ts[i+1].raw] || lex.onlyTry[ts[i+1].raw]):
			continue // ("one more go": read at "more")
		case n > 0 && (ts[j].raw == "retry" || ts[j].raw == "retries" || again && (ts[j].w == "time" || ts[j].raw == "times")):
			return n, true // "two retries", "retry up to 2 times"
		case n > 0:
			return n - 1, true // "two attempts at the selfie", "one attempt"
		}
	}
	return 0, false
}

// singleTry: the words give the steps their one attempt and no other ("one
// attempt at liveness", "a single attempt", "their last chance at the scan").
func singleTry(ts []token, steps []*step) bool {
	n, counted := extraTries(ts, false)
	return counted && n == 0 && !slices.ContainsFunc(steps, func(s *step) bool { return !retryable(s.k) || isCodeKind(s.k) })
}

// tryCount is the small number a word says ("two", "2"), 0 for none.
func tryCount(w string) int {
	if n, ok := numberWords[w]; ok && n > 0 && n < 10 {
		return n
	}
	if len(w) == 1 && w[0] >= '1' && w[0] <= '9' {
		return int(w[0] - '0')
	}
	return 0
}

// triesCut: the words ask for more than one more attempt ("retry twice", "two
// more attempts at the selfie", "3 tries"), which a bounded retry (a second
// node, layout.bounded) cannot give: it is said back rather than cut silently.
func triesCut(ts []token, steps []*step) []string {
	if n, counted := extraTries(ts, true); counted && n >= 2 && len(steps) > 0 {
		return []string{"Read \"" + clauseText(ts) + "\" as one more try at the " + stepNames(steps) + " (two attempts in all): a bounded retry gives a failed check one more attempt, not " + strconv.Itoa(n) + "; ask for an unlimited retry if more are needed."}
	}
	return nil
}

// retryNamed: the clause, with no condition, offers another try at steps the
// flow already has ("let them retry the face scan", "allow one retry on the
// passport scan"): it returns those steps; a second step of their kind it is not.
// A second chance said of a step not named yet ("give them one more go at the
// SMS code, then fall back to email") names it too: it joins seq, which
// retryNamed returns.
func retryNamed(ts []token, seq []*step) ([]*step, []*step) {
	retry, second, counted := hasAnyHot(ts, hRetryNoun), secondChance(ts), countedTries(ts)
	if !retry && !second && !counted || hasAnyRaw(ts, lex.condIfStrict) {
		return nil, seq // (the cheap tests first: most clauses name no retry)
	}
	named := analyze(ts, seq).steps
	if len(named) == 0 && retry {
		// "Retry the scan once": a bare noun names the one step of the flow
		// it can mean (lexicon bareStepNouns), not every check (rvX18 X7)
		named = bareStepNamed(ts, seq)
	}
	// ("two attempts at the selfie": attempts counted for a step with no
	// attempts setting of its own; a code's "3 attempts" is its maxAttempts)
	chance := second || counted && len(named) > 0 && !slices.ContainsFunc(named, func(s *step) bool { return isCodeKind(s.k) })
	if !retry && !chance {
		return nil, seq
	}
	var out []*step
	for _, s := range named {
		if s.k.isConversation() {
			continue
		}
		i := findKind(seq, s.k)
		if i < 0 && chance && retryable(s.k) && canFail(s.k) {
			seq = merge(seq, []*step{s})
			i = findKind(seq, s.k)
		}
		if i < 0 || !retryable(s.k) {
			return nil, seq
		}
		out = append(out, seq[i])
	}
	return out, seq
}

// bareStepNamed: after "the", "that" or "their", a bare noun of a step
// ("the scan") names the one step of seq of a kind the noun can mean; none
// when the flow has none of them or more than one.
func bareStepNamed(ts []token, seq []*step) []*step {
	for i, t := range ts {
		kinds, ok := lex.bareStepNoun[t.raw]
		if !ok || i == 0 || !lex.bareStepDet[ts[i-1].raw] {
			continue
		}
		var found []*step
		for _, s := range seq {
			if slices.Contains(kinds, s.k) {
				found = append(found, s)
			}
		}
		if len(found) == 1 {
			return found
		}
		return nil
	}
	return nil
}

// namedLater: a clause of cs names a step of a kind in steps.
func namedLater(cs []clause, steps []*step) bool {
	for _, c := range cs {
		for _, s := range analyze(c.toks, nil).steps {
			if slices.ContainsFunc(steps, func(o *step) bool { return o.k == s.k }) {
				return true
			}
		}
	}
	return false
}

// ruleOutRetries takes the retry away from the steps of the kinds in neg and
// keeps it away whatever a retry of every check says (step.noRetry); it
// returns the steps changed, and a kind seq has no step of as a new step with
// no retry, which a caller may add ("sms otp
// retries: off" speaks of an SMS code); "no second attempt at the code" is the
// code said before, whatever its channel.
func ruleOutRetries(seq []*step, neg kindSet) (changed, unfound []*step) {
	for k := kind(0); k < kindCount; k++ {
		if !neg.has(k) || k.isConversation() {
			continue
		}
		i := findKind(seq, k)
		if i < 0 && isCodeKind(k) {
			i = slices.IndexFunc(seq, func(s *step) bool { return isCodeKind(s.k) })
		}
		if i >= 0 {
			seq[i].retry, seq[i].noRetry = false, true
			if !slices.Contains(changed, seq[i]) {
				changed = append(changed, seq[i])
			}
		} else {
			unfound = append(unfound, &step{k: k, noRetry: true})
		}
	}
	return changed, unfound
}

// maxEllipsis bounds an elliptic exception ("but not the ID scan", "except
// for the liveness check"): a longer clause says more than the exception.
const maxEllipsis = 8

// reasonAt is where a reason begins in the clause ("… only as most of our
// users never check email", "… because they lost the phone"), or 0: a word of
// giving a reason after the first word, "as" and "since" only before their
// subject ("as a fallback" is a role, "as soon as" and "since last month" a
// time).
func reasonAt(ts []token) int {
	for i := 1; i+1 < len(ts); i++ {
		if !ts[i].in(hReasonOpen) {
			continue
		}
		if ts[i].raw != "as" && ts[i].raw != "since" || lex.subjectPronoun[ts[i+1].raw] || lex.partitive[ts[i+1].raw] || lex.ownerPossessive[ts[i+1].raw] {
			return i
		}
	}
	return 0
}

// retryLaterNote says a retry put off ("users can retry tomorrow", "… from
// the app if it fails") is a new session the app starts, no second try here.
func retryLaterNote(ts []token) string {
	return "Read \"" + clauseText(ts) + "\" as a retry outside this session (a new one your app starts), so the flow offers none."
}

// retryForAll: the clause grants a retry of every check, naming none and
// with no condition of its own ("allow retries", "users can retry"), but
// those after "except" ("retries allowed everywhere except the SMS code"); not
// one ruled out ("no retries") or put off ("they can retry later",
// "tomorrow", "in a new session", "from the app": not a second try in this
// session).
func retryForAll(ts []token) (except kindSet, ok bool) {
	if !hasAnyHot(ts, hRetryNoun) && !secondChance(ts) || hasAnyRaw(ts, lex.condIfStrict) || hasPhrase(ts, lex.retryLater) || retryRuledOut(ts) >= 0 {
		return 0, false
	}
	a := analyze(ts, nil)
	if len(a.steps) > 0 || a.neg != 0 && !hasPhrase(ts, lex.exceptPhrase) || a.neg == 0 && slices.Contains(negations(ts), true) {
		return 0, false
	}
	return a.neg, true
}

// silentAvatar: the clause asks that the avatar say nothing at all ("please
// don't have the avatar say anything at all", "the avatar should stay silent",
// "no talking from the avatar"), not that one line be left out.
func silentAvatar(ts []token) bool {
	if !hasRaw(ts, "avatar") {
		return false
	}
	if hasAnyRaw(ts, lex.silentWord) {
		return true
	}
	negs := negations(ts)
	for i, t := range ts {
		if negs[i] && t.raw == "avatar" && (hasRaw(ts[i:], "all") || i+1 == len(ts) && i <= 2) {
			// "we don't use the avatar at all", "no avatar": none of its lines
			return true
		}
		if negs[i] && (t.w == "explain" || lex.speakVerb[t.raw]) {
			// ("please no avatar talking", "no talking avatar": the avatar's
			// speaking verb beside it, talk about nothing in particular)
			// ("the system popup, not the avatar talking" says who asks, not silence)
			beside := lex.speakVerb[t.raw] && !hasRaw(ts[i:], "about") &&
				(i > 1 && ts[i-1].raw == "avatar" && ts[i-2].raw == "no" || i > 0 && i+1 < len(ts) && ts[i+1].raw == "avatar" && ts[i-1].raw == "no")
			return hasRaw(ts, "anything", "all", "word", "whatsoever") || i+1 < len(ts) && lex.speakVerb[t.raw] && ts[i+1].raw == "from" || beside
		}
	}
	return false
}

// usersGave is the code channel of the address the users gave before, as
// the story of their past says it ("everyone verified their email at signup",
// "members registered their phone numbers years ago"): where a later code
// goes; kNone when the clause is no such story or names both.
func usersGave(ts []token) kind {
	if !usersDid(ts) {
		return kNone
	}
	switch email, phone := has(ts, "email"), has(ts, "phone") || hasRaw(ts, "number", "numbers", "mobile"); {
	case email && !phone:
		return kEmailOTP
	case phone && !email:
		return kSMSOTP
	}
	return kNone
}

// usersDid: the clause says what the users did before, with them as its
// subject and a verb in the past ("they did the full ID + age check on their
// first order", "customers already scanned a passport at signup"): history
// that explains the flow, no step of it. A condition ("if they failed …") is
// not history.
func usersDid(ts []token) bool {
	i := 0
	for i < len(ts) && ts[i].in(hKeepLead) {
		i++ // "and they did …", "so customers completed …"
	}
	if i+2 < len(ts) && (ts[i].raw == "the" || ts[i].raw == "our") && lex.storyActor[ts[i+1].raw] {
		i++ // "the testers did it in about ten minutes with a phished mailbox"
	}
	if i+1 >= len(ts) || !(lex.pronounUser[ts[i].raw] || ts[i].in(hPopulation) || lex.storyActor[ts[i].raw]) || hasAnyRaw(ts, lex.wish) {
		return false
	}
	for j, t := range ts {
		// ("they enrolled when they installed the app the first time": a "when"
		// before a past verb tells when it happened, no condition)
		if lex.condIfStrict[t.raw] && !(j > i && pastWhen(ts[j:])) {
			return false
		}
	}
	pronoun := lex.pronounUser[ts[i].raw]
	for i++; i < len(ts) && lex.pastLead[ts[i].raw]; i++ {
	}
	if i >= len(ts) {
		return false
	}
	// Any verb in "-ed" only after a pronoun: "customers enrolled last year do
	// a recognition" names the customers ("they proceed to …", "users need …"
	// end in "ed" and are no past either)
	// (after a group, a verb in "-ed" with its object after it is past:
	// "everyone verified their email at signup", "customers confirmed the
	// address last year")
	t := ts[i]
	edVerb := len(t.raw) > 4 && strings.HasSuffix(t.raw, "ed") && !strings.HasSuffix(t.raw, "eed")
	return lex.pastVerb[t.raw] || edVerb && (pronoun || i+1 < len(ts) && pastObjectDet[ts[i+1].raw])
}

// aboutCode: the clause speaks of a code or of a code's setting ("it expires
// in 1 minute", "they have 5 attempts", "only 2 minutes to enter it"), so a
// number the avatar says there is that setting too.
func aboutCode(ts []token) bool {
	for _, t := range ts {
		if lex.settingKey[t.raw] != "" || lex.codeLine[t.raw] || lex.codeLine[t.w] {
			return true
		}
	}
	return false
}

// actorDoes: the clause tells what someone outside the flow does, in any
// tense ("sometimes the account is hacked and the hacker changes the email",
// "fraudsters open accounts with stolen passports"): the reason for the flow,
// whose steps the user takes, not the actor. A condition ("if a fraudster
// tries a photo") or an instruction ("block the fraudster") is no story.
func actorDoes(ts []token) bool {
	if len(ts) == 0 || startsInstruction(ts, 0) || hasAnyRaw(ts, lex.wish) {
		return false
	}
	for i, t := range ts {
		if lex.condIfStrict[t.raw] {
			return false
		}
		if lex.storyActor[t.raw] && (i == 0 || ts[i-1].in(hDeterminer)) && i+1 < len(ts) && ts[i+1].orig != "" && isAlpha(ts[i+1].raw) {
			return !asksAfter(ts, i+1)
		}
	}
	return false
}

// asksAfter: from k on, the clause turns from the story to what the flow does:
// a result word or "we" opening an instruction ("a fraudster could use a
// stolen passport so do a liveness check", "since a thief can steal the phone
// we require a liveness check"). "so they can pass" or "the email we have on
// file" go on with the story.
func asksAfter(ts []token, k int) bool {
	for ; k < len(ts); k++ {
		if !lex.resultLead[ts[k].raw] && ts[k].raw != "we" {
			continue
		}
		m := k + 1
		if m < len(ts) && (ts[m].raw == "we" || ts[m].raw == "then") {
			m++
		}
		if m < len(ts) && startsInstruction(ts, m) && !lex.stateVerb[ts[m].raw] {
			return true
		}
	}
	return false
}

// pastForm: t is a verb in the past tense ("uploaded", "did", "signed up"
// joined into "signup").
func pastForm(t token) bool {
	if lex.pastVerb[t.raw] || strings.HasSuffix(t.raw, "ed") && t.w != t.raw {
		return true
	}
	first, _, joined := strings.Cut(strings.ToLower(t.orig), " ")
	return joined && strings.HasSuffix(first, "ed")
}

// pastWhen: the clause opens with a time in the past ("when they signed up",
// "back when we onboarded them"): what it tells happened then, before this
// flow ("When they signed up they uploaded a photo of their ID"), unless it
// is a failure the flow handles or something asked for.
func pastWhen(ts []token) bool {
	i := 0
	if len(ts) > 0 && ts[0].raw == "back" {
		i = 1
	}
	if i+2 >= len(ts) || ts[i].raw != "when" || !(lex.personPronoun[ts[i+1].raw] || ts[i+1].in(hSpeaker)) {
		return false
	}
	v := i + 2
	if v+1 < len(ts) && (ts[v].raw == "first" || ts[v].raw == "originally" || ts[v].raw == "initially") {
		v++ // "when they first signed up"
	}
	// ("when they booked": a verb the lexicon does not know is past by its ending)
	past := pastForm(ts[v]) || len(ts[v].raw) > 4 && strings.HasSuffix(ts[v].raw, "ed")
	return past && !hasAnyHot(ts, hCondFail) && !hasAnyRaw(ts, lex.wish)
}

// nowSetup: the clause tells what the speaker uses today ("X is what we use
// for step-up today", "we currently run Onfido"), asking for nothing.
func nowSetup(ts []token) bool {
	if !hasPhrase(ts, lex.nowPhrase) || hasAnyRaw(ts, lex.wish) || startsInstruction(ts, 0) {
		return false
	}
	for i := 1; i < len(ts); i++ {
		if lex.setupVerb[ts[i].raw] && ts[i-1].in(hSpeaker) {
			return true
		}
	}
	return false
}

// pastWhenBefore: a "when" before i opens a time in the past that holds the
// word at i ("… the faces enrolled when they first signed the escrow docs").
func pastWhenBefore(ts []token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if ts[j].raw == "when" {
			return pastWhen(ts[j : i+1])
		}
	}
	return false
}

// setupKept: the text keeps the setup said in clause ci or builds on it, in
// that sentence or the next ("today we use an email code; keep it and add …",
// "…, and it should stay", "add an email code after it"): it is part of the
// flow, not background.
func setupKept(clauses []clause, ci int) bool {
	for j := ci; j < len(clauses) && clauses[j].sent <= clauses[ci].sent+1; j++ {
		ts := clauses[j].toks
		for k, t := range ts {
			if t.raw != "it" && t.raw != "that" {
				continue
			}
			if k > 0 && (lex.keepVerb[ts[k-1].raw] || ts[k-1].raw == "after" || ts[k-1].raw == "before") ||
				k+1 < len(ts) && slices.ContainsFunc(ts[k+1:min(len(ts), k+4)], func(u token) bool { return lex.setupStays[u.raw] }) {
				return true
			}
		}
	}
	return false
}

// setupSubject: the clause opens on the setup just named ("and it compares
// against …", "it also checks …"), asking for nothing.
func setupSubject(ts []token) bool {
	i := 0
	if i < len(ts) && ts[i].raw == "and" {
		i++
	}
	return i+1 < len(ts) && ts[i].raw == "it" && !hasAnyRaw(ts, lex.wish)
}

// failStory: the clause says someone or something failed, in the past and
// with no "if" ("they failed the pen test", "it failed our audit"): beside a
// story of the old system, how it fared.
func failStory(ts []token) bool {
	i := slices.IndexFunc(ts, func(t token) bool { return t.raw == "failed" })
	if i < 1 || i > 3 || hasAnyRaw(ts[:i], lex.condIfStrict) {
		return false
	}
	return lex.personPronoun[ts[0].raw] || ts[0].in(hSpeaker) || lex.storySubject[ts[0].raw]
}

// pastSubject: the clause opens with a person and a verb in the past ("they
// uploaded a photo of their ID"), the story a pastWhen clause before it began.
func pastSubject(ts []token) bool {
	return len(ts) > 1 && (lex.personPronoun[ts[0].raw] || ts[0].in(hSpeaker)) && pastForm(ts[1]) &&
		!hasAnyHot(ts, hCondFail) && !hasAnyRaw(ts, lex.wish)
}

func clauseText(ts []token) string {
	var b strings.Builder
	n := 0
	for _, t := range ts {
		n += len(t.orig) + 1
	}
	b.Grow(n)
	for _, t := range ts {
		if t.orig == "" {
			continue
		}
		if b.Len() > 0 && t.hyph && isAlpha(t.raw) {
			b.WriteByte('-') // "port-out PIN", "self-excluded": said back as written
		} else if b.Len() > 0 && !contractionTail(t.orig) {
			b.WriteByte(' ')
		}
		b.WriteString(t.orig)
	}
	return b.String()
}

// lastScannable is what the text before named that can be scanned: a face or a
// document, whichever came last. With in, only a kind in has a step of: "scan
// their ID, then compare it with their face. If the scan times out, …" is the
// ID scan's failure, the face named only as what is compared.
func lastScannable(cs []clause, in []*step) kind {
	for i := len(cs) - 1; i >= 0; i-- {
		ts := cs[i].toks
		for j := len(ts) - 1; j >= 0; j-- {
			k := kNone
			switch {
			case faceLemmas[ts[j].w]:
				k = kFaceScan
			case lex.docWord[ts[j].w]:
				k = kDocument
			}
			if k != kNone && (in == nil || findKind(in, k) >= 0) {
				return k
			}
		}
	}
	return kNone
}

// enrolledGroup: the clause says a group of users is enrolled already ("our
// loyalty club members are enrolled already"), a fact about whom a recognition
// finds, and asks for nothing.
func enrolledGroup(ts []token) bool {
	group := -1
	for i, t := range ts {
		switch {
		case requestVerbLemmas[t.w] || t.w == "no":
			return false
		case group < 0 && t.in(hUserWord):
			group = i
		case group >= 0 && (t.raw == "enrolled" || t.raw == "registered") && i > group+1 && ts[group+1].in(hSubjectAux):
			return true
		}
	}
	return false
}

// readsDocData: the words check what a document says (an age, a date of birth,
// a name on it), which only the document scan gives a check to read.
//
// A field other than the age counts only when the words make a check of it
// ("check the name on the document right after the scan" with no name to
// compare with only names the document again, which must not move after the
// scan of the face); a date of birth is the age check the text set.
func readsDocData(ts []token) bool {
	if ageIn(ts) > 0 || slices.ContainsFunc(ts, func(t token) bool { return lex.ageLemma[t.w] }) {
		return true
	}
	return slices.ContainsFunc(ts, func(t token) bool { return lex.dataField[t.raw] }) && checksDocData(ts)
}

// checksDocData: the words make a step other than the document scan.
func checksDocData(ts []token) bool {
	return slices.ContainsFunc(analyze(ts, nil).steps, func(s *step) bool { return s.k != kDocument && !s.k.isConversation() })
}

const unplacedPrefix = "No step matches \""

// oneToNNote says why a face looked up among the enrolled is a recognition.
const oneToNNote = "Looking a face up among enrolled users is face recognition (1:N), not a comparison with one photo."

// endPronounRef: the order word at i is followed by a pronoun that ends the
// clause, after the words that name what it places ("liveness before
// that"): the steps the text named last are the reference.
func endPronounRef(ts []token, i int) bool {
	return i > 0 && i+2 == len(ts) && lex.refEndPronoun[ts[i+1].raw]
}

// strandedKeyNote says a value written after a code's key that keyBefore
// gives no code ("Attempts at liveness: 2", "Passport expiry: 6 months"):
// said back, not dropped. A clause with no "key: value" costs one pass.
func strandedKeyNote(ts []token) string {
	for i, t := range ts {
		if !t.eq || i == 0 {
			continue
		}
		k := keyBefore(ts, i)
		stranded := k == "expiry" && i+1 < len(ts) && lex.periodUnit[ts[i+1].w]
		for j := i - 1; k == "" && !stranded && j >= 0 && j >= i-6 && !ts[j].isNum && ts[j].w != "."; j-- {
			stranded = lex.settingKey[ts[j].raw] != ""
		}
		if stranded {
			return "The value in \"" + clauseText(ts) + "\" is no setting of a one-time code and no step of the flow takes it, so the flow does not apply it."
		}
	}
	return ""
}

// endsOnPronounRef: the clause names something and then places it ("Fingerprint
// scan after that", "Collect their home address before that"); when no step
// matches those words they are said back as unplaced, not taken for an
// opener that only places the next clause ("Before that, …").
func endsOnPronounRef(ts []token) bool {
	n := len(ts)
	return n >= 3 && orderRefLemmas[ts[n-2].w] && endPronounRef(ts, n-2)
}

// withoutComparisons is ts without the comparisons that set a step aside
// ("cheaper than SMS", "prefer email over SMS"), which analyze notes as
// such: what is left of the clause is what may still ask for something.
func withoutComparisons(ts []token) []token {
	var out []token
	from := 0
	for i := range ts {
		start := setAside(ts, i)
		if start < 0 || len(analyze(ts[i:i+1], nil).steps) == 0 {
			continue
		}
		if start >= from {
			out = append(out, ts[from:start]...)
			from = i + 1
		}
	}
	return append(out, ts[from:]...)
}

// unplaced says so when a clause asks for something (a check, a requirement,
// data) that no rule turned into a step: the words must not vanish silently.
func unplaced(ts []token) []string {
	if phraseLen(ts, 0, lex.allPaths) == len(ts) {
		return nil // "both groups then get an OTP": the scope of the next clause's step
	}
	if ts = withoutComparisons(ts); len(ts) == 0 {
		return nil // ("(cheaper than SMS)": the comparison is noted where it is read)
	}
	if len(ts) <= 3 && lex.moscowWant[strings.ToLower(clauseText(ts))] {
		return nil // ("Won't have\n- SMS\nMust have\n- …": the heading that ends the off-scope list)
	}
	if citedStandard(ts) {
		// "the whole journey must also meet WCAG 2.2 AA": a standard the flow
		// as a whole must meet; no step or setting carries it, so it is said,
		// not read as a heading because it names the journey
		return []string{"Read \"" + clauseText(ts) + "\" as a standard the whole flow must meet; no step or setting carries it, so check it outside the flow."}
	}
	asks := false
	content := 0
	for _, t := range ts {
		if lex.framing[t.raw] {
			return nil // "Build a flow for …", "high value transfer verification": a heading, not a requirement
		}
		if len(t.raw) >= 4 && isAlpha(t.raw) && !lex.filler[t.raw] && !t.in(hAddressee) || t.w == quoteW {
			// "store a copy of it for our compliance team": words that ask for
			// something ("if the user says 'stop'": quoted words too)
			content++
		}
		verb := requestVerbLemmas[t.w] && !strings.HasSuffix(t.raw, "ion") && !strings.HasSuffix(t.raw, "ions")
		if verb || t.raw == "must" || t.raw == "require" || lex.dataField[t.raw] {
			asks = true
		}
	}
	if len(ts) == 1 && acronym(ts[0]) {
		// "asks for their consent (GDPR)", "(SOX)": a rule or standard the
		// text cites as the reason for the step before it, said, not dropped
		return []string{"Read \"" + ts[0].orig + "\" as the reason given for the step before it; it names no step of its own."}
	}
	for i, t := range ts {
		if t.isNum && i+1 < len(ts) && ts[i+1].w == "digit" && lengthJudged(ts, i) > i {
			// "4 digits would be too weak": understood, not unplaced
			return []string{"Read \"" + clauseText(ts) + "\" as a code length judged too weak, so no code is set to it (a code keeps FaceSign's default length unless another is asked for)."}
		}
	}
	if !asks && content < 2 {
		return nil
	}
	if eventClause(ts) {
		return []string{eventNote(ts)}
	}
	if timesSession(ts) {
		// "the session must time out after 5 minutes": said as what no flow sets
		return []string{unplacedPrefix + clauseText(ts) + sessionClockNote}
	}
	return []string{unplacedPrefix + clauseText(ts) + "\", so the flow does not include it; describe it as a step (for example a question for the avatar) if it should be one."}
}

// citedStandard: the clause names an acronym as something the flow must meet
// ("must meet WCAG 2.2 AA", "has to comply with PCI DSS"); a bare "(GDPR)" is
// the reason for the step before it (see unplaced), and "our TOS script" the
// business's own text.
func citedStandard(ts []token) bool {
	if len(ts) < 3 || !slices.ContainsFunc(ts, func(t token) bool { return lex.mustWord[t.raw] }) ||
		!slices.ContainsFunc(ts, func(t token) bool { return lex.conformVerb[t.raw] }) {
		return false
	}
	for i, t := range ts {
		if acronym(t) && !(i+1 < len(ts) && scriptNounWords[ts[i+1].raw]) {
			return true
		}
	}
	return false
}

// acronym: a word the lexicon does not know, written in capitals, three letters
// or more ("GDPR", "FMCSA", "PSD2"): the name of a rule, a standard or a body.
func acronym(t token) bool {
	if t.known || len(t.orig) < 3 {
		return false
	}
	letters := 0
	for _, r := range t.orig {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters >= 2
}

// eventClause: the clause is the event the flow runs for, a person doing
// something ("when someone changes their bank details", "whenever a customer
// adds a new payee"), as "before a patient can join …" is (eventTime).
func eventClause(ts []token) bool {
	return len(ts) > 3 && lex.subordOpen[ts[0].raw] && (lex.personRef[ts[1].raw] || lex.personRef[ts[2].raw] && ts[1].in(hDeterminer) || ts[1].raw == "anyone")
}

func eventNote(ts []token) string {
	return "Read \"" + clauseText(ts) + "\" as when the flow runs, not as a step."
}

// applySettings gives a clause's settings to the steps it names or, when it names
// none that takes them ("OTP over email, 8 digits"), to the latest step before it
// that does.
func applySettings(st stepSettings, main, seq []*step) bool {
	if !st.any() {
		return true
	}
	done := false
	for _, s := range main {
		if s.k == kRecognition && s.vague && st.threshold > 0 && !slices.ContainsFunc(seq, func(o *step) bool { return o.k == kRecognition && o != s && o.vague }) {
			// "FC threshold 0.85. flow: ID scan -> face scan -> FC": a comparison
			// read as a search only until its second image is named (merge);
			// it keeps the threshold for the comparison it turns into
			s.threshold, done = st.threshold, true
			continue
		}
		if st.accepts(s.k) {
			st.apply(s)
			done = true
		}
	}
	for i := len(seq) - 1; i >= 0 && !done; i-- {
		if st.accepts(seq[i].k) {
			st.apply(seq[i])
			done = true
		}
	}
	return done
}

// applyEvery gives the settings to every step of steps, and of their branches
// and fallbacks, that takes them.
func applyEvery(st stepSettings, steps []*step) {
	for _, s := range steps {
		if st.accepts(s.k) {
			st.apply(s)
		}
		applyEvery(st, s.branch)
		applyEvery(st, s.fallback)
	}
}

// ensure appends the reference steps that the sequence does not hold yet.
func ensure(seq, ref []*step) []*step {
	for _, r := range ref {
		if findKind(seq, r.k) < 0 {
			seq = append(seq, r)
		}
	}
	return seq
}

// newUserStep: the one step of kind k on a recognition's new-user path, or
// nil when there is none or more than one.
func newUserStep(seq []*step, k kind) *step {
	var found *step
	for _, s := range seq {
		if s.k != kRecognition {
			continue
		}
		for _, b := range s.branch {
			if b.k == k {
				if found != nil {
					return nil
				}
				found = b
			}
		}
	}
	return found
}

// place puts steps right after (or before) the reference step.
func place(seq, steps, ref []*step, after bool) []*step {
	seq = ensure(seq, ref)
	var fresh []*step
	for _, s := range steps {
		if i := findKind(seq, s.k); i >= 0 && !s.again && s.k != kAsk && s.k != kInform {
			// re-mentioned: move it, keeping what the first mention set ("players
			// must be 19 or older, so do the age check … right after the scan":
			// the check placed is the one of 19); what the new mention says wins
			said := *s
			mergeStep(mergeStep(s, seq[i]), &said)
			seq = append(seq[:i], seq[i+1:]...)
		}
		fresh = append(fresh, s)
	}
	anchor := -1
	for _, r := range ref {
		if i := findKind(seq, r.k); i >= 0 {
			if after && i > anchor || !after && (anchor < 0 || i < anchor) {
				anchor = i
			}
		}
	}
	if anchor < 0 {
		return append(seq, fresh...)
	}
	at := anchor
	if after {
		at = anchor + 1
		// "scan the ID and reject expired ones. After the ID is accepted, run a
		// liveness check": the checks of the document's data are part of it
		for seq[anchor].k == kDocument && at < len(seq) && docCheck(seq[at]) && !slices.Contains(fresh, seq[at]) {
			at++
		}
	}
	out := make([]*step, 0, len(seq)+len(fresh))
	out = append(out, seq[:at]...)
	out = append(out, fresh...)
	return append(out, seq[at:]...)
}

// merge appends steps, folding a re-mention of a step already present into it.
func merge(seq, steps []*step) []*step {
	for _, s := range steps {
		if s.k == kAsk || s.k == kInform || s.again {
			seq = append(seq, s)
			continue
		}
		if foldDataCheck(seq, s) != nil {
			continue
		}
		if s.k == kRecognition && s.vague && s.threshold > 0 && len(s.branch) == 0 && slices.ContainsFunc(seq, func(o *step) bool { return o.k == kRecognition && !o.vague }) {
			// "recognition threshold 0.7, FC threshold 0.9. recognition -> ID
			// scan -> FC": a comparison held as a search, with a threshold of
			// its own, is not the real search; it waits for its comparison
			// (dropExcluded folds it away if none comes)
			seq = append(seq, s)
			continue
		}
		if r := slices.IndexFunc(seq, func(o *step) bool { return o.k == kRecognition && o.vague }); s.k == kFaceCompare && r >= 0 && findKind(seq, kFaceCompare) < 0 {
			// "Face match for payout changes - compare the live face to the
			// profile photo we pass in": the match was this comparison
			if s.threshold == 0 {
				s.threshold = seq[r].threshold // (the threshold said of the match first)
			}
			seq = slices.Delete(seq, r, r+1)
		}
		if i := findKind(seq, s.k); i >= 0 {
			old := seq[i]
			if old.label && !s.label {
				// "login 2FA: recognise the face, then text a code": the code goes where it is described
				seq = append(slices.Delete(seq, i, i+1), old)
				old.label, old.purpose = false, false
			} else if (old.k == kAgeCheck || old.k == kExpiryCheck || old.k == kMatchCheck) && findKind(seq[:i], kDocument) < 0 && findKind(seq[i:], kDocument) >= 0 {
				// "they have to be 18+. Scan a photo ID and make sure they're at
				// least 18": the limit said first goes where the check is described,
				// after the scan it reads, so that "after the age check" means there
				// (so does a match: "the seller must be the same legal person as
				// the account holder. … then the seller scans a passport and the
				// name read from the document must be checked against that name")
				seq = append(slices.Delete(seq, i, i+1), old)
			} else if old.k == kFaceCompare && old.srcB != nil && old.srcB.Source == "sessionVideo" && s.srcB != nil && s.srcB.Source == "faceScan" && findKind(seq[i:], kFaceScan) >= 0 {
				// "we want a 1:1 against their government ID: ID scan, selfie,
				// compare the two": the comparison said first, before any selfie,
				// goes where it is described, after the selfie it compares, as an
				// age limit goes after the scan it reads
				seq = append(slices.Delete(seq, i, i+1), old)
				old.srcB = s.srcB
			}
			old.front = old.front || s.front
			old.back = old.back || s.back
			if s.onlyTypes && len(s.docTypes) > 0 {
				// "scan their driving licence, passports too - scratch that,
				// driving licences only": the types said last with "only" are all
				// the scan accepts, not more of them
				old.docTypes = nil
			} else if old.onlyTypes && len(old.docTypes) > 0 && len(s.docTypes) > 0 && !s.moreTypes {
				// "passports only — we've had too many fake DLs", "… given a DL,
				// then it's rejected": after the types said with "only", another
				// named without it is a reason or a case turned away, not one
				// more type the scan accepts
				s.docTypes = nil
			}
			old.onlyTypes = old.onlyTypes || s.onlyTypes
			mergeStep(old, s)
			continue
		}
		seq = append(seq, s)
	}
	return seq
}

// otherAgeNotes says the age limits an age check was given besides the one
// it checks ("18 or over, except in Arizona where it's 21"): a flow checks one
// limit, and cannot tell where the user is.
func otherAgeNotes(steps []*step) []string {
	var notes []string
	for _, s := range steps {
		if s.k == kAgeCheck && len(s.otherAges) > 0 {
			var others []string
			for _, a := range s.otherAges {
				others = append(others, strconv.Itoa(a))
			}
			notes = append(notes, "The age check uses one limit, "+strconv.Itoa(s.minAge)+"; the text also names "+strings.Join(others, " and ")+
				" (for some users or places), which one flow cannot choose by where the user is: build a second flow with that limit and pick it in your app, or say which limit applies to everyone.")
		}
		notes = append(notes, otherAgeNotes(s.branch)...)
		notes = append(notes, otherAgeNotes(s.fallback)...)
	}
	return notes
}

func mergeStep(dst, src *step) *step {
	if src == nil {
		return dst
	}
	// "passport or driver's license": every type named is accepted
	for _, d := range src.docTypes {
		if !slices.Contains(dst.docTypes, d) {
			dst.docTypes = append(dst.docTypes, d)
		}
	}
	if src.minAge > 0 && dst.minAge > 0 && src.explicitAge && dst.explicitAge && src.minAge != dst.minAge && !slices.Contains(dst.otherAges, src.minAge) {
		dst.otherAges = append(dst.otherAges, src.minAge) // "18+, but 21+ in Arizona": one check, the other limit said
	}
	if src.minAge > 0 && (dst.minAge == 0 || src.explicitAge && !dst.explicitAge) {
		dst.minAge, dst.explicitAge, dst.ageUnder = src.minAge, src.explicitAge, src.ageUnder // a number said beats the default
	}
	if src.otpLen > 0 {
		dst.otpLen = src.otpLen
	}
	if src.expiry > 0 {
		dst.expiry = src.expiry
	}
	if src.attempts > 0 {
		dst.attempts = src.attempts
	}
	if src.threshold > 0 {
		dst.threshold = src.threshold
	}
	dst.noMic = dst.noMic || src.noMic
	if dst.k == kOTP && (src.k == kEmailOTP || src.k == kSMSOTP) {
		dst.k = src.k // "a code ... the code should go to the phone"
	}
	dst.mic = dst.mic || src.mic
	dst.challenge = dst.challenge || src.challenge
	dst.topics |= src.topics
	return dst
}

func findKind(seq []*step, k kind) int {
	for i, s := range seq {
		if s.k == k || (k == kOTP && (s.k == kEmailOTP || s.k == kSMSOTP)) || (s.k == kOTP && (k == kEmailOTP || k == kSMSOTP)) {
			return i
		}
	}
	return -1
}

// order applies the pins: steps said to come first go first, last go last; greeting
// and closing frame the rest; adjacent questions merge into one conversation.
func order(seq []*step) []*step {
	var greet, front, mid, back, closing []*step
	// the last step of the middle that is no line: a line the text says after
	// it and after a step placed last goes last too
	lastMid := -1
	for i, s := range seq {
		if !s.k.isConversation() && s.k != kClosing && s.front == s.back {
			lastMid = i
		}
	}
	for i, s := range seq {
		switch {
		case s.k == kGreeting:
			greet = appendMergedConv(greet, s)
		case s.k == kClosing:
			closing = appendMergedConv(closing, s)
		case s.front && !s.back:
			front = append(front, s)
		case s.back && !s.front:
			back = append(back, s)
		case len(back) > 0 && (s.k == kInform || s.k == kAsk) && !s.front && i > lastMid:
			// "last bit is the email … If all of that works Ava says 'You're
			// verified'": what the avatar says after the last step is named
			// stays after it
			back = append(back, s)
		default:
			mid = append(mid, s)
		}
	}
	if slices.ContainsFunc(back, func(s *step) bool { return s.penult }) {
		// "the one before last step is the liveness check": a step placed
		// second to last goes before the step placed last; with none placed
		// last, before the last step of the middle
		penult := slices.DeleteFunc(slices.Clone(back), func(s *step) bool { return !s.penult })
		last := slices.DeleteFunc(back, func(s *step) bool { return s.penult })
		if !slices.ContainsFunc(last, func(s *step) bool { return !s.k.isConversation() }) {
			if j := slices.IndexFunc(mid, func(s *step) bool { return !s.k.isConversation() }); j >= 0 {
				j = len(mid) - 1
				for mid[j].k.isConversation() {
					j--
				}
				last = append(slices.Clone(mid[j:]), last...)
				mid = mid[:j]
			}
		}
		back = append(penult, last...)
	}
	out := append(greet, front...)
	out = append(out, mid...)
	out = append(out, back...)
	out = append(out, closing...)
	return mergeAsks(out)
}

// neededNone: every step of ks (a code, whatever its channel) is one seq has.
func neededNone(ks kindSet, seq []*step) bool {
	for k := kind(0); k < kindCount; k++ {
		if ks.has(k) && k != kOTP && findKind(seq, k) < 0 {
			return false
		}
	}
	return true
}

// negatesBound: a negation rules out a bound ("no cap on the SMS code",
// "don't cap the SMS attempts", "never limit the email code"), with no value
// after it ("don't limit the scan to passports" says what it accepts).
func negatesBound(ts []token) bool {
	for i, t := range ts {
		if t.w != "no" && !t.in(hNegAux) && t.raw != "never" {
			continue
		}
		for j := i + 1; j < len(ts) && j <= i+2; j++ {
			if lex.boundNoun[ts[j].raw] || lex.boundVerb[ts[j].raw] {
				return !hasRaw(ts[j:], "to", "at")
			}
		}
	}
	return false
}

// ruledOutPlace is a place the text rules out of a step ("The SMS code
// shouldn't be last."), moved out of once every step is placed.
type ruledOutPlace struct {
	s     *step
	place []token
	text  string
	scope string // who or where the place is ruled out for ("on mobile"), or ""
}

// ruledOutNote says how the place ruled out of s was read, once the steps
// are laid out: the step is out of it, or still in it because the only move
// would split a recognition from its liveness check (the user is asked to
// say where it goes).
func ruledOutNote(seq []*step, s *step) string {
	var checks []*step
	for _, c := range seq {
		if !c.k.isConversation() && c.k != kClosing {
			checks = append(checks, c)
		}
	}
	if i := slices.Index(checks, s); len(checks) > 1 && (i == 0 && hasAnyRaw(s.ruledOut, lex.frontWord) || i == len(checks)-1 && hasAnyRaw(s.ruledOut, lex.backWord)) {
		return "Kept the " + s.k.String() + " where it is despite \"" + s.ruledOutText + "\": moving it would split the face recognition from its liveness check; say where it should go instead."
	}
	if s.ruledOutFor != "" {
		return "Read \"" + s.ruledOutText + "\" as where the " + s.k.String() + " must not go, not as leaving it out; a flow runs the same for every user, so it stays out of that place for everyone, not only \"" + s.ruledOutFor + "\"."
	}
	return "Read \"" + s.ruledOutText + "\" as where the " + s.k.String() + " must not go, not as leaving it out."
}

// capturedFirst moves a face comparison the order put before a scan whose
// image it reads ("after the face scan a compare against the ID they scan
// first": the ID is pinned first and the compare with it) to right after that
// scan, and says so: a comparison never reads an image not captured yet.
func capturedFirst(seq []*step) string {
	note := ""
	for i := 0; i < len(seq); i++ {
		s := seq[i]
		if s.k != kFaceCompare {
			continue
		}
		last := -1
		for j := i + 1; j < len(seq); j++ {
			if k := seq[j].k; (k == kDocument || k == kFaceScan) && readsImageOf(s, k) && findKind(seq[:i], k) < 0 {
				last = j
			}
		}
		if last < 0 {
			continue
		}
		note = "Moved the face comparison after the " + seq[last].k.String() + " whose image it reads."
		copy(seq[i:last], seq[i+1:last+1])
		seq[last] = s
		i--
	}
	return note
}

// mergeAsks makes adjacent new questions one conversation ("confirm the
// details... check for coercion", "a consent question about recording").
func mergeAsks(steps []*step) []*step {
	merged := steps[:0]
	for _, s := range steps {
		if n := len(merged); n > 0 && s.k == kAsk && merged[n-1].k == kAsk && merged[n-1].node == nil && s.node == nil {
			prev := merged[n-1]
			prev.topics |= s.topics
			if prev.phrase == "" {
				prev.phrase = s.phrase
			} else if s.phrase != "" && s.topics == 0 && !strings.HasSuffix(prev.phrase, s.phrase) {
				// (a phrase already inside the first, "questions about X" read again from "questions", adds nothing)
				prev.phrase += " and " + s.phrase
			}
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

func appendMergedConv(list []*step, s *step) []*step {
	if len(list) > 0 {
		list[0].topics |= s.topics
		return list
	}
	return append(list, s)
}

// analysis is what one clause says.
type analysis struct {
	steps      []*step
	ref        []*step // the steps after "before"/"after"
	whenOnly   bool    // the clause only says when the flow runs ("before anyone can rent a scooter"); a note says so
	second     kindSet // steps the clause rules out a second of ("don't add a second age check"), under neg too
	whyOnly    bool    // the clause only says why ("since their number may have changed"); a note says so
	pronounRef bool    // "before it", "before either of them": the ref is what the text named last
	refAfter   bool
	neg        kindSet
	// the document types named under a negation ("no passports"), and whether a
	// document was negated with no type ("no document scan")
	negDocTypes []string
	negDocAny   bool
	front       bool
	back        bool
	penult      bool // back is the place before the last step ("second to last"): order puts the step before the last
	wholeRun    bool // "everything before that:": the place holds for every step the rest of the sentence names
	again       bool
	exclusive   bool
	notes       []string // judgement calls made reading the clause, for the assumptions
	mailed      bool     // the clause names an email (or a text) the integrator sends ("we send that email ourselves", "the link we text them"); a note says so
	prior       []token  // input: the clause before, for pronouns
	held        bool     // input: an earlier clause named a photo the integrator holds
	// input: a later clause verifies or confirms the contact ("Users log in
	// with a phone number. Verify it, then liveness."): the number the
	// accounts are made with is one to prove, not background
	contactChecked bool
	// input: a clause right after asks for a fresh address ("Their email is
	// often out of date: collect a new one and verify it"): the address's
	// state is the reason to collect it
	freshAsked bool
}

// contactCheckedAfter: a clause after ci verifies or confirms the number
// ("verify it", "confirm the number"), the number clause ci made the accounts
// with.
func contactCheckedAfter(clauses []clause, ci int) bool {
	for _, c := range clauses[ci+1:] {
		if hasAnyW(c.toks, lex.contactCheck) && hasAnyRaw(c.toks, lex.contactRef) {
			return true
		}
	}
	return false
}

// freshAskedAfter: one of the two clauses after ci asks for a fresh address
// ("collect a new one", "get an updated email") or to verify it.
func freshAskedAfter(clauses []clause, ci int) bool {
	for _, c := range clauses[ci+1 : min(len(clauses), ci+3)] {
		if hasAnyHot(c.toks, hFresh) && (has(c.toks, "collect") || has(c.toks, "ask") || has(c.toks, "get") || has(c.toks, "request") || has(c.toks, "capture") || has(c.toks, "take")) {
			return true
		}
	}
	return false
}

// elidedResend is the code a clause that is only a destination ("to their
// phone", "via their email", "their phone") sends, the verb and the code left
// out; or kNone.
func elidedResend(ts []token) kind {
	if len(ts) > 1 && (lex.sendTo[ts[0].raw] || lex.channelPrep[ts[0].raw]) {
		ts = ts[1:]
	}
	if !bareObject(ts) {
		return kNone
	}
	switch {
	case has(ts, "phone"):
		return kSMSOTP
	case has(ts, "email"):
		return kEmailOTP
	}
	return kNone
}

// isPolicyClause: "if it fails, ...", "otherwise hand them to an agent" say what
// happens on failure, and name steps only as their subject.
func isPolicyClause(c clause, all []clause, ci int) bool {
	if hasAnyHot(c.toks, hPolicyFail) && !habitualFail(c.toks) && !(failsThem(c.toks) >= 0 && ageIn(c.toks) > 0) {
		// ("fail the check where the user is under 18": what the age check it
		// asks for does, as "deny access when …" says it)
		return true
	}
	// "If they aren't recognized, ..." and its continuation ("when the exam
	// starts we don't know who is sitting at the machine" is a time, and what the
	// speaker does not know then: the reason for the steps)
	if len(c.toks) > 1 && (c.toks[0].raw == "if" || c.toks[0].raw == "when" || c.toks[0].raw == "unless") && !speakerUnaware(c.toks) {
		for _, t := range c.toks[1:] {
			if t.w == "no" {
				return true
			}
		}
	}
	// (a condition trailing a named fallback is that fallback's, and what
	// follows it is no consequence of it: see splitClauses)
	if ci > 0 && all[ci-1].sent == c.sent && len(all[ci-1].toks) > 0 && !all[ci-1].named {
		prev := all[ci-1]
		if (prev.toks[0].raw == "if" || prev.toks[0].raw == "when") && !speakerUnaware(prev.toks) {
			for _, t := range prev.toks {
				if negOrFailLemmas[t.w] {
					return true
				}
			}
		}
	}
	return false
}

// failsThem is the index of a "fail" said as what to do ("fail the check
// where …", "… and fail them if they're not"): opening the clause or after
// "and"/"then", before an object; or -1.
func failsThem(ts []token) int {
	for i := 0; i+1 < len(ts); i++ {
		if ts[i].in(hCondFail) && (i == 0 || ts[i-1].raw == "and" || ts[i-1].raw == "then") && (ts[i+1].in(hDeterminer) || lex.personPronoun[ts[i+1].raw]) {
			return i
		}
	}
	return -1
}

// speakerUnaware: a "when" clause with a subject of its own whose negation is
// the speaker's ("when the exam starts we don't know who is sitting at the
// machine", "when a guest walks up we have no idea who they are"): a time and what
// the speaker lacks then, not a check that did not pass.
func speakerUnaware(ts []token) bool {
	if ts[0].raw != "when" {
		return false
	}
	for j := 1; j < len(ts); j++ {
		if negOrFailLemmas[ts[j].w] {
			return j >= 3 && hasAnyHot(ts[j-2:j], hSpeaker) // ("we have no idea", "we don't know")
		}
	}
	return false
}

// againHappened: the clause's "again" follows a verb in the past with no
// condition ("compliance changed their mind again", "legal updated the policy
// again"): something that happened once more, no retry asked for.
func againHappened(ts []token) bool {
	i := slices.IndexFunc(ts, func(t token) bool { return t.raw == "again" })
	past := func(t token) bool { return pastForm(t) || len(t.raw) > 4 && strings.HasSuffix(t.raw, "ed") }
	return i > 0 && !hasAnyRaw(ts, lex.condIfStrict) && slices.ContainsFunc(ts[:i], past) &&
		!slices.ContainsFunc(ts, func(t token) bool { return t.raw != "again" && t.in(hRetryWord) })
}

// reviewAsked keeps the clause that hands a failure to a review ("if anything
// fails flag it for manual review"): a flow flags nothing, so build.go says
// how the words were read rather than leave them unanswered.
func (p *parsed) reviewAsked(pol string, ts []token) {
	if pol == "human" && p.review == "" && hasAnyRaw(ts, lex.reviewWord) {
		p.review = clauseText(ts)
	}
}

// anotherTry: the words ask for another of a step ("a second scan", "another
// code"), or for a fresh code ("send a new code", "a fresh email code"): a code
// is used once, so a new one is another code, not the one that failed named
// again.
func anotherTry(ts []token) bool {
	return hasAnyRaw(ts, lex.anotherTry) || freshCodeIn(ts)
}

// freshCodeIn: the words ask for a fresh code ("send a new code", "one fresh
// email code"; freshCodeAt).
func freshCodeIn(ts []token) bool {
	for i, t := range ts {
		if lex.freshCode[t.raw] && freshCodeAt(ts, i) {
			return true
		}
	}
	return false
}

// freshCodeAt: the fresh-code word at ts[i] comes before a code's noun within
// three words ("a new code", "a fresh email code", "one new SMS code").
func freshCodeAt(ts []token, i int) bool {
	return slices.ContainsFunc(ts[i+1:min(len(ts), i+4)], func(o token) bool { return o.w == "code" })
}

// elidedMore: ts[i] is "more" after "one" ("one more") at the clause's end, the
// noun it counts left out ("if the code never arrives, send one more"): one
// more of the step the clause is about.
func elidedMore(ts []token, i int) bool {
	return i == len(ts)-1 && i > 0 && ts[i].raw == "more" && ts[i-1].raw == "one"
}

// sameSettings: the words give a step the settings of the one before it
// ("with the same settings", "same config as the first one"): "same" a word or
// two before a noun of settings (lex.settingsNoun).
func sameSettings(ts []token) bool {
	for i, t := range ts {
		if t.raw == "same" && slices.ContainsFunc(ts[i+1:min(len(ts), i+3)], func(o token) bool { return lex.settingsNoun[o.raw] }) {
			return true
		}
	}
	return false
}

// readPolicy finds what should happen when a check fails.
func readPolicy(ts []token) string {
	// "tell them to call support": what the user is told to do, no handover
	told := toldFrom(ts)
	if told >= len(ts) || ts[told].raw != "to" {
		told = len(ts)
	}
	var neg []bool    // the negated words, read only once a retry word is seen
	ruledOut := false // a retry the words rule out ("do not resend it", "no retry")
	for i, t := range ts {
		switch {
		case t.raw == "again" && againHappened(ts):
			// "compliance changed their mind again": what happened once more,
			// not a second try at a step
		case t.w == "again" || t.raw == "retry" || t.raw == "retries" || (t.raw == "try" && i+1 < len(ts) && ts[i+1].w == "again"):
			if neg == nil {
				neg = negations(ts)
			}
			if neg[i] {
				// "do not resend it", "we won't resend it", "no resend": the
				// retry is ruled out, so the failure ends as any other does
				ruledOut = true
				continue
			}
			return "retry"
		case (t.w == "attempt" || t.raw == "go" || t.raw == "chance") && (hasAnyRaw(ts[max(0, i-3):i], lex.moreTry) || hasAnyRaw(ts[i+1:min(len(ts), i+4)], lex.moreTry)) &&
			!hasRaw(ts, "instead", "with"),
			(t.raw == "try" || t.raw == "shot") && hasAnyRaw(ts[max(0, i-2):i], lex.moreTry) && !hasRaw(ts, "instead", "with"):
			// "let them have one more try", "they can try one more time", "another
			// go" ("a second chance with an SMS code instead" is another step);
			// "give it one more try", "another shot": the noun after the words
			// for one more ("try another way" is no second try: only the words
			// before the noun count)
			if neg == nil {
				neg = negations(ts)
			}
			if neg[i] {
				// "don't give them another shot", "no second try": ruled out
				// (rvD19 D17)
				ruledOut = true
				continue
			}
			return "retry"
		case elidedMore(ts, i):
			// "if it never arrives, send one more": one more of the failed step,
			// its noun left out
			return "retry"
		case i < told && (t.w == "human" || t.raw == "human" || t.raw == "humans" || t.raw == "agent" || t.raw == "person" && i > 0 && ts[i-1].raw == "a"):
			return "human"
		case i < told && lex.handoverPerson[t.raw] && hasAnyRaw(ts[:i], lex.handoverVerb) && !hasAnyRaw(ts[:i], lex.referVerb):
			// "transfer them to a colleague": a handover; "ask them to contact
			// their advisor", "tell them a colleague will call back" are not
			return "human"
		case i < told && i+2 == len(ts) && (t.raw == "hand" || t.raw == "hands") && (ts[i+1].raw == "over" || ts[i+1].raw == "off"):
			// "if that fails as well, hand over": the verb alone ends the
			// clause, its person left out ("hand over the passport" names a
			// thing, and does not end there)
			if neg == nil {
				neg = negations(ts)
			}
			if neg[i] || i > 0 && negationLemmas[ts[i-1].w] {
				// "don't hand off", "we never hand over", "no need to hand
				// off": the handover is ruled out, the failure ends (rvD19 D2)
				ruledOut = true
				continue
			}
			return "human"
		}
	}
	for _, t := range ts {
		if t.w == "polite" || t.raw == "end" || t.raw == "stop" || t.raw == "reject" || t.raw == "deny" {
			return "end"
		}
	}
	if ruledOut {
		return "end"
	}
	return ""
}

// refusal: the clause only says what a failed check means for the person
// ("otherwise they can't buy", "or else no entry").
func refusal(ts []token) bool {
	open := 1
	if len(ts) > 1 && ts[0].raw == "or" && ts[1].raw == "else" {
		open = 2
	} else if len(ts) == 0 || ts[0].raw != "otherwise" && ts[0].raw != "else" {
		return false
	}
	return slices.ContainsFunc(ts[open:], func(t token) bool { return t.in(hNegAux) || t.raw == "no" || t.raw == "not" })
}

// endsAfter: the words open with the session's end ("the session ends", "end it", "end there").
func endsAfter(ts []token) bool {
	for k := 0; k < len(ts) && k < 3; k++ {
		if ts[k].w == "end" || ts[k].raw == "ends" || ts[k].raw == "finish" || ts[k].raw == "finishes" {
			return true
		}
	}
	return false
}

// hasPhrase reports whether a phrase of set occurs anywhere in ts.
func hasPhrase(ts []token, set phrases) bool {
	for i := range ts {
		if phraseAt(ts, i, set) {
			return true
		}
	}
	return false
}

// pastSpan: the clause is set at a past time ("last year", "last quarter",
// "two weeks ago", "yesterday"): a story, not what the flow should do.
// It returns where the time is named, or -1.
func pastSpan(ts []token) int {
	for i, t := range ts {
		if t.raw == "last" && i+1 < len(ts) && lex.timeSpan[ts[i+1].raw] || t.in(hPastMark) {
			return i
		}
	}
	return -1
}

// habitualFail: the clause tells what used to fail ("the SDK we had was always
// failing in low light"), with no condition word: a story, not a policy.
func habitualFail(ts []token) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i].in(hCondFail) && lex.habitLead[ts[i-1].raw] {
			return !hasAnyRaw(ts[:i], lex.condIfStrict)
		}
	}
	return false
}

// entryPrompt: the clause is about the input's own text ("with the input prompt
// telling them …", "the field's placeholder should say …").
func entryPrompt(ts []token) bool {
	return has(ts, "prompt") && slices.ContainsFunc(ts, func(t token) bool { return lex.inputWord[t.raw] || lex.inputWord[strings.TrimSuffix(t.raw, "s")] }) ||
		hasRaw(ts, "placeholder")
}

// listScreening: the clause asks for a screening against a list FaceSign does
// not hold ("sanctions screening", "not on the self-exclusion list").
func listScreening(ts []token) bool {
	if hasAnyHot(ts, hListCheck) {
		// ("For our AML file we only need the document scanned", "for AML
		// purposes we scan their passport": the purpose the clause opens with,
		// and a step it asks for after it)
		if k := contextEnd(ts, 0); ts[0].raw == "for" && k > 0 && !hasAnyHot(ts[k:], hListCheck) && len(analyze(ts[k:], nil).steps) > 0 {
			return false
		}
		return purposeTailAt(ts) < 0
	}
	return namesList(ts) && purposeTailAt(ts) < 0
}

// namesList: the words name a list users are screened against ("sanctions",
// "PEP", "self-exclusion").
func namesList(ts []token) bool {
	i := index(ts, "exclusion")
	return hasAnyHot(ts, hListCheck) || i > 0 && ts[i-1].raw == "self"
}

// purposeTailAt: the list the clause names comes only in a "for …" at its end,
// after steps it asks for ("face scan then liveness for self-exclusion
// enrolment", "liveness and an ID scan for our AML checks"): what the steps
// are for, as a "for AML, …" opening is; the steps stay.
// It returns where the "for" is, or -1.
func purposeTailAt(ts []token) int {
	for j := 1; j < len(ts); j++ {
		if ts[j].raw != "for" {
			continue
		}
		if namesList(ts[:j]) || len(analyze(ts[:j], nil).steps) == 0 {
			return -1
		}
		return j
	}
	return -1
}

// usersLack: the clause says what some users do not receive ("a chunk of our
// users don't receive texts", "many customers never get the email"): why a
// fallback is wanted, not the channel ruled out. "If" makes it a condition.
func usersLack(ts []token) bool {
	people := -1
	for i := range ts {
		if peopleNoun(ts, i) {
			people = i
			break
		}
	}
	if people < 0 || hasAnyRaw(ts[:people], lex.condIfStrict) {
		return false
	}
	for i := people + 1; i+1 < len(ts); i++ {
		if (ts[i].in(hNegAux) || ts[i].raw == "not" || ts[i].raw == "never") && lex.receiveVerb[ts[i+1].raw] {
			return true
		}
	}
	return false
}

// usersWhen: a "when" about the users, then what is true of them then, said
// of them and asking for nothing ("when people lose their phone they've
// usually lost the SIM too", "if customers switch banks they often change
// their number as well"): the reason for a change, as usersLack is. A main
// clause with a wish, a modal, a step given to them ("they get an email
// code"), a passive ("they're sent to support"), a verb of change other than
// what users do ("they lose their SIM") or a step it names asks.
func usersWhen(ts []token) bool {
	if len(ts) < 6 || !lex.condIfStrict[ts[0].raw] || !peopleSubject(ts[1:]) && !lex.pronounUser[ts[1].raw] {
		return false
	}
	for j := 3; j+2 < len(ts); j++ {
		if !lex.pronounUser[ts[j].raw] && !lex.pronounUserHave[ts[j].raw] {
			continue
		}
		main := ts[j+1:]
		return !hasAnyRaw(main, lex.wish) && !hasAnyRaw(main, lex.askModal) && !hasAnyRaw(main, lex.assignVerb) && !hasAnyRaw(main, lex.beForm) &&
			!slices.ContainsFunc(main, func(t token) bool { return editVerbs[t.raw] && !lex.habitVerb[t.raw] }) && len(analyze(main, nil).steps) == 0
	}
	return false
}

// NormalizeOnFailure maps a free answer ("offer retry", "hand to a human") to end, retry or human.
func NormalizeOnFailure(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "":
		return ""
	case strings.Contains(s, "retry") || strings.Contains(s, "again") || strings.Contains(s, "another"):
		return "retry"
	case strings.Contains(s, "human") || strings.Contains(s, "agent") || strings.Contains(s, "support") ||
		strings.Contains(s, "team") || strings.Contains(s, "person") || strings.Contains(s, "hand") || strings.Contains(s, "escalat"):
		return "human"
	default:
		return "end"
	}
}

func has(ts []token, lemma string) bool { return index(ts, lemma) >= 0 }

func index(ts []token, lemma string) int {
	for i, t := range ts {
		if t.w == lemma {
			return i
		}
	}
	return -1
}

func hasRaw(ts []token, words ...string) bool {
	for _, t := range ts {
		for _, w := range words {
			if t.raw == w {
				return true
			}
		}
	}
	return false
}

// near reports whether a token within dist of i has one of the lemmas.
func near(ts []token, i, dist int, lemmas ...string) bool {
	for j := max(0, i-dist); j <= min(len(ts)-1, i+dist); j++ {
		if j == i {
			continue
		}
		for _, l := range lemmas {
			if ts[j].w == l {
				return true
			}
		}
	}
	return false
}

// nonStepGerund: "changing", "updating" start a context phrase ("for changing the account's email").
func nonStepGerund(t token) bool {
	if !strings.HasSuffix(t.raw, "ing") || len(t.raw) < 5 || strings.HasSuffix(t.raw, "thing") {
		return false // "everything" is no gerund
	}
	// a step's own verb ("scanning") names the step; an adjective in -ing
	// ("outgoing wires", "existing customers") names no context
	return !lex.stepVerb[t.w] && !lex.ingAdjective[t.raw]
}

// contextEnd is where the instruction starts after a context phrase opening
// at i ("for onboarding please accept …", "when onboarding we need …"): at
// "please", a speaker or an instruction's verb; 0 when none follows.
func contextEnd(ts []token, i int) int {
	for k := i + 2; k < len(ts); k++ {
		if ts[k].raw == "please" || ts[k].in(hSpeaker) || instructionVerbs[ts[k].raw] {
			return k
		}
	}
	return 0
}

// labelsList: the clauses of the sentence after clause ci name steps, none of
// them a code: what a label before the colon ("the 2FA we built:") stands for.
func labelsList(clauses []clause, ci int) bool {
	var listed []*step
	for _, l := range clauses[ci+1:] {
		if l.sent != clauses[ci].sent {
			break
		}
		listed = append(listed, analyze(l.toks, nil).steps...)
	}
	return len(listed) > 0 && !slices.ContainsFunc(listed, func(s *step) bool { return isCodeKind(s.k) })
}

// bareBetween: the clause puts something "(in) between" with no "and" or
// number after it ("put a face check in between", "a selfie between them"):
// between two steps named before, not between two it names.
func bareBetween(ts []token) bool {
	k := slices.IndexFunc(ts, func(t token) bool { return t.raw == "between" })
	// ("a face compare between the two", "compare the photos between them",
	// "verify the face is the same person between them": what the comparison
	// in the clause compares; "choose between an SMS code or an email code":
	// a choice between what follows)
	compared := k > 0 && slices.ContainsFunc(ts[:k], func(t token) bool { return slices.Contains(betweenCompareLemmas, t.w) })
	return k >= 0 && !compared && !slices.ContainsFunc(ts[k+1:], func(t token) bool { return t.raw == "and" || t.raw == "or" || t.isNum })
}

// opensAtFront: the clause opens on "first" ("first they type their email",
// "but first an SMS code"), after a word that joins it to what came before.
func opensAtFront(ts []token) bool {
	k := 0
	if len(ts) > 1 && isConj(ts[0].raw) {
		k = 1
	}
	return len(ts) > k && ts[k].raw == "first"
}

// onlyUnplaced: the words of a clause whose "only" names no step, as unplaced
// reads them without the "only"; nothing when the clause's exclusivity is
// "nothing else" or "that's all".
func onlyUnplaced(ts []token) []string {
	var rest []token
	for i, t := range ts {
		if i+1 < len(ts) && lex.restWord[ts[i+1].raw] {
			return nil // "nothing else", "only that, nothing more"
		}
		if t.w != "only" {
			rest = append(rest, t)
		}
	}
	if len(rest) == 0 {
		return nil
	}
	if hasAnyRaw(rest, lex.platform) {
		// "only run it from the mobile app", "desktop only": where the page
		// opens is the app's choice, no step's
		return []string{"A FaceSign flow runs wherever your app opens its page, so \"" + clauseText(ts) + "\" is left to your app (open the session only there); the flow is the same on every device."}
	}
	return unplaced(rest)
}

// namesPlainly: the clause names steps and rules none out, so a pronoun after
// it points at them ("don't put the email code first, put it at the end" is
// left to the negated placement's reading).
func namesPlainly(ts []token, seq []*step) bool {
	a := analyze(ts, seq)
	return len(a.steps) > 0 && a.neg == 0
}

// placesBack: a short clause that names no step and only gives a place,
// first or last, to a pronoun that points back at the clause before ("scan
// that first", "do it last", "and put those at the end").
func placesBack(ts []token, a analysis) bool {
	if len(a.steps) > 0 || a.neg != 0 || len(a.ref) > 0 || a.front == a.back || len(ts) > 6 {
		return false
	}
	if hasAnyRaw(ts, lex.placeNeg) {
		// "don't do that first": the clause names no step, so its "don't" is
		// no negated step; it still turns the place round, which is no place
		return false
	}
	for i, t := range ts {
		if pointerSet[t.raw] {
			// the pronoun is the object the place is given to ("scan that
			// first", "do it last", "those at the end"), not the subject of a
			// verb of its own ("make sure that happens first")
			return i+1 == len(ts) || lex.placeAfterRef[ts[i+1].raw]
		}
	}
	return false
}

// laterNames: a clause after the ci-th names a step of the kind of s ("sms
// code and liveness. that first, then the liveness": "that" is the step the
// rest does not name, not the liveness).
func laterNames(clauses []clause, ci int, s *step, seq []*step) bool {
	for _, c := range clauses[ci+1:] {
		if slices.ContainsFunc(analyze(c.toks, seq).steps, func(t *step) bool { return t.k == s.k }) {
			return true
		}
	}
	return false
}

// opensAtEnd: the clause opens on its place at the end of the flow ("finally
// …", "at the (very) end …", "in the end …"), which holds for the rest of its
// sentence.
func opensAtEnd(ts []token) bool {
	if len(ts) > 0 && ts[0].w == "finally" {
		return true
	}
	j := 2
	if len(ts) > 3 && ts[2].raw == "very" {
		j = 3
	}
	return len(ts) > j && (ts[0].raw == "at" || ts[0].raw == "in") && ts[1].raw == "the" && ts[j].w == "end"
}

// analyze finds the steps a clause names, with negation, order words and references.
// productName: a name the lexicon does not know, written with a capital
// ("Notion's", "Wise", "Revolut"): another company or product.
func productName(t token) bool {
	r, _ := utf8.DecodeRuneInString(t.orig)
	return !t.known && !t.isNum && unicode.IsUpper(r)
}

func analyze(all []token, seq []*step) analysis { return analyzeAfter(all, seq, nil, false) }

// analyzeAfter is analyze with the words of the clause before (prior), which a
// pronoun may point back to: "We send a reference photo. Compare it to the
// person on camera."
//
// held says an earlier clause named a photo the integrator holds, which "that
// photo" points back to however many clauses later.
func analyzeAfter(all []token, seq []*step, prior []token, held bool) analysis {
	return analyzeWith(analysis{prior: prior, held: held}, all, seq)
}

// analyzeWith is analyzeAfter with its inputs set in a.
func analyzeWith(a analysis, all []token, seq []*step) analysis {
	ts := all
	// a context phrase ("for changing the payout account", "so we can recognize them later")
	telling, _ := toldLine(ts)
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if (t.raw == "for" || t.raw == "when" || t.raw == "while" || orderRefLemmas[t.w]) && i+1 < len(ts) && nonStepGerund(ts[i+1]) &&
			!(telling < i && hasRaw(ts[telling+1:i], "that")) {
			// ("explains in a friendly way that his face will be used only for
			// opening the server room door": inside the line told, the words are
			// what is said, not the context of the clause)
			if k := contextEnd(ts, i); i == 0 && k > 0 {
				// "For onboarding please accept only ID card or residence
				// permit": the context opens the clause, the instruction follows
				ts = ts[k:]
				i = -1
				continue
			}
			ts = ts[:i]
			break
		}
		if i > 0 && phraseAt(ts, i, lex.reasonPhrase) {
			// "drop the scan, it's redundant now that we have recognition": why,
			// and what it names stays
			a.notes = append(a.notes, "Read \""+clauseText(ts[i:])+"\" as the reason for the request, not as a step.")
			ts = ts[:i]
			break
		}
		if n := phraseLen(ts, i, lex.modelLead); n > 0 && (i == 0 || lex.canonKind(ts[i-1])) && i+n < len(ts) && productName(ts[i+n]) {
			// "add an email code, like Notion's login code", "the way Wise does
			// it": another product the request points at as its model; what it
			// names there is that product's, no step of this flow
			a.notes = append(a.notes, "Read \""+clauseText(ts[i:])+"\" as the product the request is modelled on, not as a step.")
			ts = ts[:i]
			break
		}
		if t.in(hReasonOpen) && (i > 0 || t.raw != "as" && !slices.ContainsFunc(ts[1:], func(u token) bool { return u.w == "then" || u.w == "," })) &&
			(hasAnyRaw(ts[i+1:], lex.hypothetical) || i+1 < len(ts) && ts[i+1].raw == "without" && t.raw != "as") {
			// ("because without liveness deepfakes get in": what would happen
			// without a step, as "would" says it; not a step ruled out)
			// "an email code, since the SMS would go to the old phone": why, not
			// what; so is a clause of its own that opens on "since" or "because"
			// ("no SMS, since their phone number may have changed"), unless an
			// instruction follows its reason in it ("because texts might fail,
			// then an email code")
			a.notes = append(a.notes, "Read \""+clauseText(ts[i:])+"\" as the reason for the request, not as a step.")
			a.whyOnly = i == 0
			ts = ts[:i]
			break
		}
		if t.raw == "so" && i > 0 && enrollResult(ts[i+1:]) {
			// "a liveness check so the face gets enrolled": the result of the step, not another step
			ts = ts[:i]
			break
		}
		if (t.raw == "so" || t.raw == "allowing" || t.raw == "to" || t.raw == "for" || t.raw == "in") && i < telling {
			// ("tell them their face is only kept for logging in later", "explain
			// to them that …": from the telling verb on, the words are the line)
			rest := ts[i+1:]
			for j, u := range rest {
				if u.raw == "so" || u.raw == "allowing" {
					break // "need to capture their face so they can check in later": the phrase opens at "so"
				}
				if u.w == "later" || phraseAt(rest, j, lex.laterPhrase) {
					// the context phrase ends at the next "and": "… must be in the
					// future and the holder must match the selfie" keeps what follows
					end := len(ts)
					for k := i + 1 + j + 1; k < len(ts); k++ {
						if ts[k].raw == "and" {
							end = k
							break
						}
					}
					ts = append(slices.Clone(ts[:i]), ts[end:]...)
					telling, _ = toldLine(ts)
					break
				}
			}
		}
	}

	if i, k := eventTime(ts, seq); i >= 0 {
		// "before we release funds to a seller I need a liveness check": the
		// time clause says when the flow runs, not where a step goes
		a.notes = append(a.notes, "Read \""+clauseText(ts[i:k])+"\" as when the flow runs, not as a step.")
		a.whenOnly = i == 0 && k == len(ts)
		ts = append(slices.Clone(ts[:i]), ts[k:]...)
	}

	// order words
	for i, t := range ts {
		switch {
		case (t.w == "start" || t.w == "end") && i+2 < len(ts) && ts[i+1].raw == "of" && hasAnyRaw(ts[i+2:min(len(ts), i+5)], lex.timeSpan):
			// "by the end of this sprint": a date, not a place in the flow
		// ("whether this is their first login": theirs, no place in the flow)
		case t.w == "first" && !(i > 0 && (lex.personRef[ts[i-1].raw] || ts[i-1].in(hPossessive))) && !(i+1 < len(ts) && (ts[i+1].raw == "name" || ts[i+1].raw == "time")) &&
			!(i+3 < len(ts) && (ts[i+1].raw == "and" || ts[i+1].raw == "or") && lex.dataField[ts[i+3].raw]): // "first and last name"
			if !(i > 0 && ts[i-1].raw == "at" && i+1 < len(ts) && ts[i+1].raw == "glance") && !notPlace(ts, i) {
				a.front = true
			}
		case t.w == "start" && (i+1 < len(ts) && lex.startPlace[ts[i+1].raw] || i > 0 && (ts[i-1].raw == "the" || ts[i-1].raw == "to" || ts[i-1].raw == "very")):
			a.front = a.front || !notPlace(ts, i) // "…, not at the start" rules that place out
		case t.raw == "before" && i+1 < len(ts) && (ts[i+1].raw == "anything" || ts[i+1].raw == "everything" || ts[i+1].raw == "all"):
			a.front = true
		case t.raw == "front" && i >= 2 && ts[i-1].raw == "the" && (ts[i-2].raw == "to" || ts[i-2].raw == "at") && !(i+1 < len(ts) && ts[i+1].raw == "of"):
			// "move liveness to the front", "put the SMS code at the front": the
			// start of the flow ("the front of the ID" is a side of the card)
			a.front = true
		case t.w == "finally" && i+1 < len(ts) && lex.timeSpan[ts[i+1].raw]:
			// "last year", "final week": a time, not a place in the flow
		case t.w == "finally" && i+1 < len(ts) && lex.chanceNoun[ts[i+1].raw]:
			// "their last chance at the passport scan", "a final attempt": the
			// attempts the step gets (extraTries), not its place in the flow
		case t.w == "finally" && !(t.raw == "last" && i+1 < len(ts) && (ts[i+1].isNum || ts[i+1].raw == "four" || ts[i+1].raw == "name" || ts[i+1].raw == "digits" || ts[i+1].raw == "few")) && !notPlace(ts, i):
			a.back = true
		case t.w == "penultimate":
			// "the one before last step should be the liveness check", "second
			// to last a face scan": a place counted from the end
			a.back, a.penult = a.back || !notPlace(ts, i), a.penult || !notPlace(ts, i)
		case t.w == "end" && i+2 < len(ts) && ts[i+2].w == domainW:
			// "check it ends with @contoso.com": what the address ends with, not where the step goes
		case t.w == "end" && (i+1 < len(ts) && lex.endPlace[ts[i+1].raw] || i > 0 && (ts[i-1].raw == "the" || ts[i-1].raw == "to" || ts[i-1].raw == "very")):
			a.back = a.back || !notPlace(ts, i) // ("at the very end", as "at the very start"; "not at the end" rules it out)
		case t.w == "again" && t.raw == "another" && i+1 < len(ts) && (ts[i+1].isNum || numberWords[ts[i+1].raw] > 0 || lex.periodUnit[ts[i+1].raw]):
			// "valid for another 3 months", "another year": more time, not another step
		case t.w == "again" && t.raw != "second":
			a.again = true
		case t.w == "only" && i+1 < len(ts) && len(ts[i+1].raw) > 4 && strings.HasSuffix(ts[i+1].raw, "ed") && rules[ts[i+1].w] == nil && rawRules[ts[i+1].raw] == nil:
			// "our doctors are only licensed in California": "only" bounds a
			// state, and asks for nothing about the flow's steps
		case t.w == "only" && !(i+1 < len(ts) && lex.subordOpen[ts[i+1].raw]) || (t.w == "nothing" || t.raw == "anything" && has(ts, "no")) && i+1 < len(ts) && lex.restWord[ts[i+1].raw]:
			// "nothing else", "no need for anything more"; "only once it's verified"
			// says when, not that nothing else is wanted
			a.exclusive = true
		}
	}

	if len(ts) > 2 && ts[0].in(hPassiveBefore) && ts[1].raw == "by" {
		// "…, preceded by a liveness check": what it names goes before the steps
		// the clause before named, as "a liveness check before it" says
		a.refAfter, a.pronounRef = false, true
		a.steps = detect(ts[2:], seq, negations(ts[2:]), &a)
		return a
	}

	// before/after a named step: "send the code after the liveness check"; "in the
	// same place as X" puts it where X is
	split := -1
	for i, t := range ts {
		if t.raw == "place" && i > 0 && ts[i-1].raw == "same" && i+1 < len(ts) && ts[i+1].raw == "as" {
			split = i + 1
			break
		}
		if orderRefLemmas[t.w] && (i == 0 || i == 1 && (ts[0].w == "only" || lex.universal[ts[0].raw])) && i+2 == len(ts) && (ts[i+1].raw == "that" || ts[i+1].raw == "this") {
			// "…a text message. Before that, recognise them": "before that" cut off
			// by its comma is a place on its own; the next clause goes before (or
			// after) the steps the clause before named; "Everything before
			// that: ID scan, then liveness" places all the sentence names next
			a.refAfter, a.pronounRef = t.w == "after", true
			a.wholeRun = i == 1 && lex.universal[ts[0].raw]
			return a
		}
		if orderRefLemmas[t.w] && (i == 0 || i == 1 && ts[0].w == "only") && i+2 < len(ts) && lex.doneSubject[ts[i+1].raw] {
			// "once it's verified, run a liveness check": a time clause about the
			// step just named, then the instruction; the instruction's step goes
			// before or after the steps the clause before named
			k := slices.IndexFunc(ts[i+2:], func(u token) bool { return instructionVerbs[u.w] || instructionVerbs[u.raw] })
			subj := ts[i+2:]
			if k >= 0 {
				subj = subj[:k]
			}
			if (ts[i+1].raw == "that" || ts[i+1].raw == "this") && namesAnything(subj) && !slices.ContainsFunc(subj, finiteOrDone) {
				// "- after that otp to their EMAIL": "after that" with no verb of its
				// own is "then", and what follows it is the instruction (a verb
				// found later, "email", is the code's channel)
				k = 0
			} else if k < 0 {
				k = len(ts) - i - 2 // "Before that is sent," on its own: the next clause goes there
			}
			k += i + 2
			a.refAfter, a.pronounRef = t.w == "after", true
			a.steps = detect(ts[k:], seq, negations(ts[k:]), &a)
			return a
		}
		if orderRefLemmas[t.w] && t.raw != "afterwards" && t.raw != "followed" && !facingDevice(ts, i) && (endPronounRef(ts, i) || demonstrativeRef(ts, i) || !(i+1 < len(ts) && (ts[i+1].raw == "that" || ts[i+1].raw == "this" || ts[i+1].raw == "anything" || ts[i+1].raw == "everything" || ts[i+1].raw == "all" || ts[i+1].raw == "them"))) &&
			// "liveness and after it an SMS code": "and after it" goes on, as "then" does
			!(t.w == "after" && (i == 0 || ts[i-1].raw == "and" || ts[i-1].w == ",") && i+2 < len(ts) && ts[i+1].raw == "it") {
			split = i
			a.refAfter = t.w == "after"
			if negatedOrder(ts, i) {
				// "the SMS OTP MUST NOT be sent before the liveness check":
				// not before it is after it
				a.refAfter = !a.refAfter
			}
			break
		}
	}
	if split == 0 || split == 1 && (ts[0].raw == "and" || ts[0].raw == "but") {
		// "before the code the avatar should ask them to confirm the amount": the
		// place comes first with no comma; the instruction starts at its subject
		// (also after "and": "…, and before either of those they do a liveness
		// check")
		for k := split + 2; k < len(ts); k++ {
			if ts[k].w == "avatar" || ts[k].in(hSpeaker) || ts[k].raw == "they" || ts[k].raw == "you" {
				if ts[k-1].raw == "the" {
					k--
				}
				ts = slices.Concat(ts[k:], ts[:k])
				split += len(ts) - k
				break
			}
		}
	}
	negs := negations(ts)
	// "texting them a code is pointless", "camera access is handled by our app,
	// not by the flow": what the clause names is ruled out
	var readAs []string
	if hasAnyHot(ts, hFutile) {
		readAs = append(readAs, "as ruling out what it names")
	}
	if outsideFlow(ts) {
		readAs = append(readAs, "as done outside the flow")
	}
	for i := 0; i+2 < len(ts); i++ {
		if (ts[i].raw == "not" || ts[i].raw == "no") && lex.unsure[ts[i+1].raw] && doubtedNeed(ts, i+2) && namesAnything(ts[i+2:]) {
			// "not sure we need the SMS code yet": negations leaves it out; the
			// note says why, so the doubt is not read as a plain "no"
			a.notes = append(a.notes, "Read \""+clauseText(ts)+"\" as a doubt that it is needed, so the flow leaves it out; ask for it to add it.")
			break
		}
	}
	if len(readAs) > 0 && namesAnything(ts) {
		for i := range negs {
			negs[i] = true
		}
		for _, r := range readAs {
			a.notes = append(a.notes, "Read \""+clauseText(ts)+"\" "+r+", so the flow does not include it.")
		}
	}
	if split >= 0 {
		if k := thatCheck(ts, split+1); k > 0 {
			// "add a check right after the scan that the surname on the licence
			// is the same one they signed up with": the "that" clause is the
			// check added, not part of the step it goes after
			tail := len(ts) - k - 1
			ts = slices.Concat(ts[:split], ts[k+1:], ts[split:k])
			negs = slices.Concat(negs[:split], negs[k+1:], negs[split:k])
			split += tail
		} else if k := refThenVerb(ts, split); k > 0 {
			// "straight after the scan check from the date of birth on it that
			// they're 18": the place is "the scan" and the instruction starts at
			// the verb after it, with no comma between
			tail := len(ts) - k
			ts = slices.Concat(ts[:split], ts[k:], ts[split:k])
			negs = slices.Concat(negs[:split], negs[k:], negs[split:k])
			split += tail
		}
		if k := slices.IndexFunc(ts[split+1:], func(t token) bool { return t.eq }); k > 0 && namesAnything(ts[:split]) {
			// "add an age check right after the scan: 25 or older": the place
			// ends at the colon; the value after it is said of the step added
			k += split + 1
			tail := len(ts) - k
			ts = slices.Concat(ts[:split], ts[k:], ts[split:k])
			negs = slices.Concat(negs[:split], negs[k:], negs[split:k])
			split += tail
		}
		ref := detect(ts[split+1:], seq, negs[split+1:], &a)
		if n := len(seq); len(ref) == 0 && n > 0 && (seq[n-1].k == kEmailOTP || seq[n-1].k == kSMSOTP || seq[n-1].k == kOTP) && has(ts[split+1:], "collect") && hasAnyHot(ts[split+1:], hBackRef) {
			ref = []*step{{k: seq[n-1].k}} // "send a code to it. Once they've entered it, …": the code just named is what is entered
		}
		if len(ref) == 0 && has(ts[split+1:], "collect") && findKind(seq, kEnterEmail) >= 0 {
			ref = []*step{{k: kEnterEmail}} // "right after they enter it": the entry step
		}
		if d, f := findKind(seq, kDocument), findKind(seq, kFaceScan); len(ref) == 0 && has(ts[split+1:], "scan") && ((d >= 0) != (f >= 0) || d >= 0 && readsDocData(ts[:split])) {
			// "right after the scan": the one scan the flow has; with a face
			// scan beside it, "do the age check on the document's date of birth
			// immediately after the scan", "check the DOB on the document right
			// after it's scanned": the scan whose data the check reads
			ref = []*step{{k: seq[max(d, f)].k}}
			if d >= 0 && f >= 0 {
				ref[0].k = kDocument
			}
		}
		if r, own, ok := placeThenNoun(ts[split+1:], ref, seq); ok && !namesAnything(ts[:split]) {
			// "before the scan a liveness check", "and before the ID scan a
			// selfie": with no comma and no verb, the place ends where a new
			// step is named with "a"; what follows is the clause's step
			a.ref = r
			a.steps = own
			return a
		}
		if len(ref) > 0 && openingThen(ts[:split], ref, seq) {
			// "…, and after a code for the e-mail of him": with nothing before it,
			// "after" leads on to a step not named yet, as "then" does; it is no
			// place relative to that step
			ref = nil
			split = -1
		}
		if c := slices.IndexFunc(ref, func(s *step) bool { return s.k == kInform || s.k == kAsk }); c > 0 && !namesAnything(ts[:split]) {
			// "after their liveness check the avatar says "…"": the place comes
			// first, and what the avatar says after it is the clause's step, no
			// place of it
			a.ref = ref[:c]
			a.steps = ref[c:]
			return a
		}
		if c := refVerbSplit(ts[split+1:], ref); c > 0 && !namesAnything(ts[:split]) {
			// "after a liveness check send an SMS code: 5 digits": with no comma,
			// the place ends at the verb of the instruction, and what follows
			// it is the clause's step (and takes its settings)
			a.ref = ref[:c]
			a.steps = ref[c:]
			return a
		}
		if v := refVerbAt(ts[split+1:]); len(ref) > 0 && !namesAnything(ts[:split]) && !slices.ContainsFunc(ref, func(s *step) bool { return s.pos <= v }) {
			if d, f := findKind(seq, kDocument), findKind(seq, kFaceScan); has(ts[split+1:split+1+v], "scan") && (d >= 0) != (f >= 0) {
				// "after a good scan do face compare with the video": the bare
				// scan before the verb is the one scan the flow has, the place
				a.ref = []*step{{k: seq[max(d, f)].k}}
				a.steps = ref
				return a
			}
			// "after the password step send a one-time code to their email":
			// the place before the verb names no step of the flow (a step the
			// integrator runs before it), so every step is the clause's own,
			// as "after a liveness check send an SMS code" makes the code its own
			a.steps = ref
			a.notes = append(a.notes, "Read \""+clauseText(ts[split:split+1+v])+"\" as a step outside this flow, so the flow starts with what follows it.")
			return a
		}
		if len(ref) > 0 {
			a.ref = ref
			if findKind(ref, kDocument) >= 0 && hasAnyRaw(ts[split+1:], lex.groupNoun) {
				// "after the document checks": the scan and the data checks that read it
				a.ref = append(slices.Clone(ref), docChecks(seq)...)
			}
			a.steps = detect(ts[:split], seq, negs[:split], &a)
			return a
		}
		// "put a liveness check in front of it", "liveness before either of them":
		// the steps the text named last, which the caller knows
		j := split + 1
		if j+1 < len(ts) && ts[j].raw == "of" {
			j++ // "ahead of it"
		}
		a.pronounRef = j < len(ts) && lex.refPronoun[ts[j].raw] || endPronounRef(ts, split)
	}
	a.steps = detect(ts, seq, negs, &a)
	bindPositions(ts, &a)
	return a
}

// demonstrativeRef: the order word at i is followed by "that" or "this" and a
// step's name ("add a face scan right before that compare", "after this
// scan"): a demonstrative that points at a step of the flow, read as "the",
// not the pronoun of "before that, …".
func demonstrativeRef(ts []token, i int) bool {
	return i+2 < len(ts) && (ts[i+1].raw == "that" || ts[i+1].raw == "this") && (stepWord(ts[i+2]) || rules[ts[i+2].w] != nil)
}

// thatCheck is the index of a "that" after the step named from i ("after the
// scan that the surname on the licence is the same one they signed up with"),
// or of a "to" opening a check verb there ("right after the scan to check the
// name on the ID matches the account name": what the check is for), opening
// the data check the clause asks for, or 0.
func thatCheck(ts []token, i int) int {
	for k := i + 1; k+1 < len(ts) && k <= i+4; k++ {
		if ts[k].raw == "to" && k+2 < len(ts) && checkVerbLemmas[ts[k+1].w] && stepWord(ts[k-1]) {
			if rest := ts[k+2:]; dataMatch(rest) || ageIn(rest) > 0 {
				return k
			}
			return 0
		}
		if (ts[k].raw == "that" || ts[k].raw == "which") && stepWord(ts[k-1]) &&
			strings.HasSuffix(ts[k+1].raw, "s") && rules[ts[k+1].w] != nil {
			// "add a box after the selfie that compares the selfie to the DL
			// photo": a verb of a step after "that" says what the step added
			// does; the step it follows is named before it
			return k
		}
		if ts[k].raw != "that" {
			continue
		}
		// ("that they're 25 or older": the person, for an age)
		if stepWord(ts[k-1]) && (ts[k+1].in(hDeterminer) || lex.dataField[ts[k+1].raw] || lex.subjectPronoun[ts[k+1].raw] && ageIn(ts[k+1:]) > 0) && (dataMatch(ts[k+1:]) || ageIn(ts[k+1:]) > 0) {
			return k
		}
		return 0
	}
	return 0
}

// stepWord: t names a step or is the head noun of one ("scan", "selfie",
// "check" after "liveness").
func stepWord(t token) bool { return lex.stepHead[t.raw] || lex.canonKind(t) }

// refThenVerb is the index of a check verb that ends the step named after the
// order word at i and starts the instruction ("after the scan check from the
// date of birth that they're 18", "after the liveness verify that …"): the verb
// follows the step's head noun and opens a complement ("from", "that",
// "whether", "their"), so it is no part of the step's name ("after the scan
// check, …" keeps "scan check" whole).
func refThenVerb(ts []token, i int) int {
	j := i + 1
	if j < len(ts) && ts[j].in(hDeterminer) {
		j++
	}
	for m := j + 1; m+1 < len(ts) && m <= j+3; m++ {
		if checkVerbLemmas[ts[m].w] && stepWord(ts[m-1]) && lex.complementOpen[ts[m+1].raw] {
			return m
		}
		if lex.insertVerb[ts[m].raw] && stepWord(ts[m-1]) && ts[m+1].in(hDeterminer) {
			// "right after the scan add a check that the licence shows they're
			// 21 or older": a verb that adds a step ends the place too
			return m
		}
	}
	if i > 0 && hasAnyHot(ts[:i], hFork) {
		// "the diamond after the SMS code has a dotted line to an email code":
		// the fork is placed by the step after "after", whose name ends where a
		// word that names no step follows it; the rest is what the fork leads to
		for m := j + 1; m < len(ts) && m <= j+4; m++ {
			if stepWord(ts[m-1]) && !stepWord(ts[m]) && isAlpha(ts[m].raw) {
				return m
			}
		}
	}
	return 0
}

func isCodeKind(k kind) bool { return k == kSMSOTP || k == kEmailOTP || k == kOTP }

// amongCodes: the clause or its sentence speaks of the codes as a set ("the
// SMS one first", "both codes mandatory, sms first", "of the two codes"), or
// the sentence is a list of bare channels ("sms first then email"), so an
// order word in it orders the codes among themselves.
func amongCodes(ts []token, clauses []clause, sent int) bool {
	if i := index(ts, "one"); i > 0 && (ts[i-1].w == "sms" || ts[i-1].w == "email") {
		return true
	}
	channels := 0
	for _, c := range clauses {
		if c.sent == sent && hasAnyRaw(c.toks, lex.codeSet) {
			return true
		}
		if c.sent == sent && bareChannel(c.toks) {
			channels++
		}
	}
	if channels > 1 && bareChannel(ts) {
		return true
	}
	return false
}

// noAnswerAfterYesEnd: the clause at ci is "if no", "if they say no" after a
// clause of the last three that opened "if (they say) yes" and whose side ends
// the session ("if they say yes stop the flow", "if yes, end").
func noAnswerAfterYesEnd(clauses []clause, ci int) bool {
	ts := clauses[ci].toks
	if !clauseStartsIf(ts) || len(ts) > 5 || !hasRaw(ts, "no", "not") || hasRaw(ts, "yes") {
		return false
	}
	ends := false
	for j := ci - 1; j >= 0 && j >= ci-3; j-- {
		if readPolicy(clauses[j].toks) == "end" {
			ends = true
		}
		if clauseStartsIf(clauses[j].toks) {
			return ends && hasRaw(clauses[j].toks, "yes")
		}
	}
	return false
}

// namedFallback: the words open with "(a|an) <step> fallback/backup" ("an email
// fallback", "a passport backup", "a driving licence backup": a name of one or
// two words), or name the step after the noun ("a fallback to an email code",
// "a backup via email": up to four words, within the clause).
func namedFallback(ts []token) bool {
	j := 0
	if j < len(ts) && (ts[j].raw == "a" || ts[j].raw == "an" || ts[j].raw == "the") {
		j++
	}
	// ("with a fallback to an email code", "with the fallback being an
	// email code": what the fallback is, after a preposition or a copula)
	if j > 0 && j+2 < len(ts) && lex.fallbackNoun[ts[j].raw] && (ts[j+1].raw == "to" || ts[j+1].raw == "of" || ts[j+1].raw == "being" || ts[j+1].raw == "is" || lex.channelPrep[ts[j+1].raw]) {
		end := j + 2
		for end < len(ts) && end < j+6 && ts[end].w != "." && ts[end].w != ":" && ts[end].w != "," && ts[end].w != "then" && !lex.condIfStrict[ts[end].raw] {
			end++
		}
		return namesAnything(ts[j+2 : end])
	}
	for n := j + 1; n < len(ts) && n <= j+4; n++ {
		if ts[n].raw == "fallback" || ts[n].raw == "backup" {
			k := n
			for k > j && (ts[k-1].raw == "as" || ts[k-1].raw == "a") {
				k-- // "with an email code as (a) fallback"
			}
			return k > j && (n-k > 0 || n <= j+2) && namesAnything(ts[j:k])
		}
	}
	return false
}

// finiteOrDone: a verb that makes "that" the subject of a time clause ("after
// that is verified", "before that code was sent", "after that passed").
func finiteOrDone(t token) bool {
	return lex.midThen[t.raw] || lex.statementVerb[t.raw] || strings.HasSuffix(t.raw, "ed") || strings.HasSuffix(t.raw, "es")
}

// otherBiometric: the clause compares or verifies a trait FaceSign cannot read
// (lexicon: otherBiometricWords), and no face: "match their fingerprint
// against the one on file", "their voice matches the voiceprint".
func otherBiometric(ts []token) bool {
	if !hasAnyHot(ts, hOtherBiometric) {
		return false
	}
	compares := false
	for _, t := range ts {
		if faceLemmas[t.w] || imageLemmas[t.w] {
			return false
		}
		compares = compares || comparingLemmas[t.w] || confirmVerbLemmas[t.w] || t.w == "recognize" || t.w == "identify"
	}
	return compares
}

// eventTime finds a clause of time about something outside the flow: "before"
// or "after" with a person as its subject ("before we release funds", "after
// they log in", "before anyone can rent a scooter"), naming no step itself. It
// says when the flow runs, not where a step goes. The clause ends where someone
// asks for the steps ("… I need", "… they need"); when a person and an
// auxiliary open it ("anyone can") and nobody asks, at the first word that
// names a step. It returns where the time clause starts and ends, or -1.
func eventTime(ts []token, seq []*step) (int, int) {
	for i := 0; i+2 < len(ts); i++ {
		if !orderRefLemmas[ts[i].w] {
			continue
		}
		j := i + 1 // the subject's head word
		subject := ts[j].raw
		speaks := lex.speaker[subject] || lex.personPronoun[subject] || subject == "you"
		can := (lex.personRef[subject] || subject == "anyone" || subject == "we") && ts[i+2].in(hSubjectAux)
		if !speaks && !can && i+3 < len(ts) && lex.determiner[subject] && (lex.askModal[ts[i+3].raw] || lex.eventVerb[ts[i+3].raw]) && !namesAnything(ts[i+2:i+3]) {
			// "Before a patient can join a video consult with their GP we want a
			// liveness check", "before the payout can be released": a noun that
			// names no step and a modal are someone or something outside the
			// flow, as "before anyone can" is; so is "before the exam starts"
			j = i + 2
			can = true
		}
		if !speaks && !can {
			continue
		}
		end := -1
		for k := j + 1; k+1 < len(ts); k++ {
			if (ts[k].in(hSpeaker) || lex.personPronoun[ts[k].raw] || ts[k].raw == "you") && lex.wish[ts[k+1].raw] {
				end = k
				break
			}
		}
		if end < 0 && can {
			end = j + 2 + slices.IndexFunc(ts[j+2:], func(t token) bool { return instructionVerbs[t.w] || namesAnything([]token{t}) })
			if end < j+2 {
				end = len(ts)
			}
		}
		if end < 0 {
			return -1, -1
		}
		var a analysis
		if len(detect(ts[i+1:end], seq, make([]bool, end-i-1), &a)) > 0 {
			return -1, -1 // "after we scan their ID we want …": the time names a step
		}
		return i, end
	}
	return -1, -1
}

// ownsElsewhere: clause ci says what it names happens outside the flow, after
// clauses of its sentence that put steps in order ("then", "first"): what it
// puts elsewhere is its own, not the sentence's.
func ownsElsewhere(clauses []clause, ci int) bool {
	c := clauses[ci]
	at := max(0, outsideFlowAt(c.toks))
	if !namesAnything(c.toks[:at]) {
		return false
	}
	for j := ci - 1; j >= 0 && clauses[j].sent == c.sent; j-- {
		if clauses[j].then || has(clauses[j].toks, "first") {
			return true
		}
	}
	return false
}

// outsideFlow: the clause says what it names happens outside the flow
// ("handled by our app", "that part isn't in the flow"; lexicon:
// elsewherePhrases, inFlowPhrases).
func outsideFlow(ts []token) bool { return outsideFlowAt(ts) >= 0 }

// outsideFlowAt is where outsideFlow's words begin, or -1.
func outsideFlowAt(ts []token) int {
	for i := range ts {
		if phraseAt(ts, i, lex.elsewhere) || i+1 < len(ts) && (ts[i].raw == "not" || ts[i].in(hNegAux)) && phraseAt(ts, i+1, lex.inFlow) {
			return i
		}
	}
	return -1
}

// doneAlready: the clause says what it names is already done ("Tier 1 (email +
// phone) is already done", "email and phone verification are already
// complete"): steps before this flow, outside it. A time clause ("once that's
// done") is an order, not this.
// byCheck: the word is a verb of checking ("email is already verified by
// Cognito"), said of the clause's subject only: that clause is outside the
// flow, not its sentence ("The customer is already verified by our bank, so
// … do a liveness check and an SMS code" asks for both), and never said of a
// step through a relative pronoun ("an SMS code to the number on file, which
// is already verified" asks for the code).
func doneAlready(ts []token) (done, byCheck bool) {
	if !hasAnyHot(ts, hDoneEarlier) || hasAnyRaw(ts, lex.condIfStrict) || slices.ContainsFunc(ts, func(t token) bool { return orderRefLemmas[t.w] || t.raw == "once" || t.raw == "until" }) {
		return false, false
	}
	for i := 0; i+1 < len(ts); i++ {
		if !lex.beForm[ts[i].raw] && ts[i].raw != "been" {
			continue
		}
		j := i + 1
		for j < len(ts) && ts[j].in(hDoneEarlier) {
			j++
		}
		if j < len(ts) && lex.doneWord[ts[j].raw] {
			return true, false
		}
		if j < len(ts) && lex.doneCheck[ts[j].raw] && !hasAnyRaw(ts[:i], lex.relative) {
			return true, true
		}
	}
	return false, false
}

// appDoes: the clause says the integrator's own app already does it, or does it
// before the FaceSign page opens ("our app already asks for camera access",
// "the host app asks for their number before opening the iframe", "they type
// their name in our signup form before this"). Without those words "our app
// verifies them with liveness" describes the flow wanted.
func appDoes(ts []token) bool {
	app := -1
	for i, t := range ts {
		if t.raw == "our" || t.raw == "my" || t.raw == "the" && i == 0 {
			for j := i + 1; j < len(ts) && j <= i+4 && app < 0; j++ {
				if lex.appNoun[ts[j].raw] {
					app = j
				}
			}
		}
	}
	if app < 0 {
		return false
	}
	// "our app already does that"; but in "locked out of our app, … find them
	// among the members whose faces we already have on file" the "already" is
	// a relative clause's, about the faces, not the app's doing
	if k := slices.IndexFunc(ts, func(t token) bool { return t.raw == "already" }); k >= 0 && !(k > app && slices.ContainsFunc(ts[app:k], func(t token) bool { return lex.identityWh[t.raw] })) || delegates(ts) {
		return true
	}
	b := index(ts, "before")
	return b >= 0 && (hasAnyRaw(ts[b:min(len(ts), b+6)], lex.launchNoun) || b+2 == len(ts) && (ts[b+1].raw == "this" || ts[b+1].raw == "that"))
}

// recurrenceNotes say how often the text wants the check run ("re-verify
// drivers every 30 days", "each year"): a flow runs once per session, and the
// app that starts sessions keeps the schedule, so the words are said back.
func recurrenceNotes(ts []token) []string {
	var out []string
	for i := 0; i+1 < len(ts); i++ {
		if !ts[i].in(hEach) {
			continue
		}
		j := i + 1
		if ts[j].w == "#" && j+1 < len(ts) {
			j++
		}
		if lex.periodUnit[ts[j].raw] && ts[i].raw != "all" && recheckAsked(ts, i) {
			out = append(out, "Read \""+clauseText(ts[i:j+1])+"\" as how often your app starts a session: a flow runs once per session, so schedule the re-checks in your app.")
		}
	}
	return out
}

// recheckAsked: the sentence around the period at i asks to check the user
// again ("re-verify every year", "run the liveness check again each month"),
// not says how often something else happens ("we get thousands of sessions
// every day", "each month we audit the results", "valid all day") nor rules
// a re-check out ("do not re-verify every week").
func recheckAsked(ts []token, i int) bool {
	from, to := i, i
	for from > 0 && ts[from-1].w != "." {
		from--
	}
	for to < len(ts) && ts[to].w != "." {
		to++
	}
	sent := ts[from:to]
	asked := slices.ContainsFunc(sent, func(t token) bool { return t.w == "verify" || lex.recheck[t.raw] })
	return asked && !slices.Contains(negations(sent), true)
}

// passedOn: the clause asks the integrator's systems to record or pass on
// what the flow found (passesOn, or the same after a time clause that ends
// the session: "after it completes push the result into BambooHR"), names no
// step, no failure policy ("escalate to a human" is the policy's) and nothing
// FaceSign cannot do (said by unsupportedNotes).
func passedOn(ts []token, seq []*step) bool {
	k := slices.IndexFunc(ts, func(t token) bool { return t.in(hSessionDone) })
	if !passesOn(ts) && !(k >= 0 && k <= 3 && passesOn(ts[k+1:])) {
		return false
	}
	if v := slices.IndexFunc(ts, func(t token) bool { return t.in(hPassOnVerb) }); v >= 0 && v+1 < len(ts) {
		o := v + 1
		if ts[o].in(hDeterminer) && o+1 < len(ts) {
			o++
		}
		if lex.passOnNotObject[ts[o].raw] || ts[o].in(hUserWord) || ts[o].w == "verify" {
			// "Alert the user that the session is recorded", "Notify them if
			// they fail": the user is told, no result passed on; "Post
			// verification, …": a time, no verb; "Send it to the address":
			// the code; each is said back as unplaced instead
			return false
		}
	}
	// ("push a notification to their phone": what FaceSign cannot send has a note of its own)
	unsupported := false
	for i := range ts {
		unsupported = unsupported || unsupportedAt(ts, i) != ""
	}
	return !unsupported && readPolicy(ts) == "" && len(analyze(ts, seq).steps) == 0
}

// delegates: the integrator's app is the subject of a verb that hands it the
// work ("our ui does the explaining", "our frontend handles consent").
func delegates(ts []token) bool {
	side := hasAnyRaw(ts, lex.appSide)
	for i := 0; i+2 < len(ts); i++ {
		if (ts[i].raw == "our" || ts[i].raw == "my") && lex.appNoun[ts[i+1].raw] && lex.delegateVerb[ts[i+2].raw] {
			return true
		}
		if !side {
			// (the app's getting or the passive's agent below speaks of a
			// permission or consent only: "the SMS OTP is sent by our app",
			// "our app requests the SMS OTP" keep the step in the flow)
			continue
		}
		if ts[i].raw == "our" || ts[i].raw == "my" || ts[i].raw == "the" && hasRaw(ts[i:], "itself") {
			// "our mobile app obtains camera permission", "the mobile app
			// requests camera access itself": the app, with a word or two
			// before its noun, does the step
			for j := i + 1; j < len(ts)-1 && j <= i+3; j++ {
				if lex.appNoun[ts[j].raw] {
					if lex.delegateVerb[ts[j+1].raw] || lex.appGetVerb[ts[j+1].raw] {
						return true
					}
					break
				}
			}
		}
		if ts[i].raw == "by" && i >= 2 && (ts[i+1].raw == "our" || ts[i+1].raw == "my") && (lex.appNoun[ts[i+2].raw] || i+3 < len(ts) && lex.appNoun[ts[i+3].raw]) &&
			slices.ContainsFunc(ts[max(0, i-3):i-1], func(t token) bool { return lex.beForm[t.raw] }) {
			// "camera permission is obtained by our mobile app", "the code
			// is sent by our backend": the passive's agent is the app
			return true
		}
	}
	return false
}

// adjectiveComma: the comma between cur and rest parts two adjectives of one
// noun ("a sharp, well-lit photo of their face", "a short, friendly
// greeting"): a word the lexicon does not know after an article, then another
// it does not know, then within three words and no article a noun that names a
// step, a face, a document or a photo.
func adjectiveComma(cur, rest []token) bool {
	n := len(cur)
	if n >= 3 && cur[n-3].in(hDeterminer) && !cur[n-2].known {
		n-- // "a well-lit, centered photo": the first adjective is two words
	}
	if n < 2 || !cur[n-2].in(hDeterminer) || cur[len(cur)-1].known || cur[n-1].in(hUserWord) || len(rest) < 2 || rest[0].known || rest[0].isNum || !isAlpha(rest[0].raw) || requestVerbLemmas[rest[0].w] {
		return false
	}
	if lex.resultLead[rest[0].raw] || isConj(rest[0].raw) {
		return false // "enrolled already from our booking app, so first we recognise the guest": a clause of its own, no adjective
	}
	if lex.addVerb[rest[0].raw] {
		return false // "we don't trust the phone during a port, use email otp": an instruction opens after the comma
	}
	if cur[len(cur)-1].raw == "one" {
		// "we're not doing a liveness step in this one, compliance says …":
		// "one" after a determiner stands for a noun, so the comma ends its
		// phrase; adjectives before one noun come before the noun
		return false
	}
	for _, t := range rest[1:min(len(rest), 4)] {
		if t.w == "," || t.w == "." || t.in(hDeterminer) || isConj(t.raw) || requestVerbLemmas[t.w] || t.in(hAddressee) || lex.personPronoun[t.raw] {
			// "their identity, run a liveness check", "at the desk, let them type
			// in their email": a verb, its object, the person it is said to
			return false
		}
		if namesAnything([]token{t}) || faceLemmas[t.w] || lex.docWord[t.w] || t.w == "photo" || lex.toneNoun[t.raw] {
			return true // ("in a warm, friendly tone")
		}
	}
	return false
}

// namesAnything: a word of the clause could name a step.
func namesAnything(ts []token) bool {
	return slices.ContainsFunc(ts, func(t token) bool { return rules[t.w] != nil || rawRules[t.raw] != nil })
}

// facingDevice: "in front of" at i is where the user stands, not a place in the
// flow: "check the face in front of the camera is the same person as the
// license photo" faces a device, no step.
func facingDevice(ts []token, i int) bool {
	if !strings.EqualFold(ts[i].orig, "in-front-of") { // (the three words joined into one "before")
		return false
	}
	j := i + 1
	for j < len(ts) && ts[j].in(hDeterminer) {
		j++
	}
	return j < len(ts) && lex.device[ts[j].raw]
}

// openingThen: "after" opens the clause (only "and", "then" before it), the
// text named steps before, and the steps after it are not among them ("the
// liveness, and after a code by email"): the order word leads on to new steps.
func openingThen(before []token, ref, seq []*step) bool {
	if len(seq) == 0 || len(before) == 0 {
		return false // ", after a liveness check" at the end places the step before it
	}
	for _, t := range before {
		if !isConj(t.raw) && t.raw != "then" && t.raw != "right" && t.raw != "just" && t.w != "," {
			return false
		}
	}
	for _, r := range ref {
		if i := findKind(seq, r.k); i >= 0 && !seq[i].label {
			return false // ("2FA" named a code by its label only: the code is still to come)
		}
	}
	return true
}

// docCheck: s checks the document's data (its age, expiry, a name on it).
func docCheck(s *step) bool {
	return (s.k == kAgeCheck || s.k == kMatchCheck || s.k == kExpiryCheck) && readsDocument(s)
}

// docChecks are the data checks that read the document, right after its scan
// in seq.
func docChecks(seq []*step) []*step {
	var out []*step
	if i := findKind(seq, kDocument); i >= 0 {
		for _, s := range seq[i+1:] {
			if !docCheck(s) {
				break
			}
			out = append(out, s)
		}
	}
	return out
}

// enrollResult: the words after "so" say that a face ends up enrolled ("so the
// face gets enrolled", "so that they are registered"), with no lookup among faces.
func enrollResult(rest []token) bool {
	enrolled := false
	for j, u := range rest {
		switch {
		case enrollLemmas[u.w] && strings.HasSuffix(u.raw, "ed") && j > 0 && lex.becomes[rest[j-1].raw]:
			enrolled = true
		case lookupLemmas[u.w]:
			return false
		}
	}
	return enrolled
}

// refVerbSplit: in the words after "before"/"after" (ts) that name the steps
// ref, the index of the first step named after a verb of instruction that
// follows the first step's name ("after a liveness check send an SMS code"),
// or 0.
// refVerbAt is where the first verb that ends a place stands in ts (len(ts) if none).
func refVerbAt(ts []token) int {
	for v, t := range ts {
		if lex.refEndVerb[t.raw] {
			return v
		}
	}
	return len(ts)
}

func refVerbSplit(ts []token, ref []*step) int {
	if len(ref) < 2 {
		return 0
	}
	for v := max(ref[0].pos+1, 0); v < len(ts); v++ {
		if !lex.refEndVerb[ts[v].raw] {
			continue
		}
		for c := 1; c < len(ref); c++ {
			if ref[c].pos > v {
				return c
			}
		}
		return 0
	}
	return 0
}

// placeThenNoun reads the words after "before"/"after" (ts), whose steps are
// ref, as a place followed by the step placed there with no comma and no verb
// ("before the scan a liveness check", "after the ID scan a selfie"): the place
// is the steps named before an indefinite article that opens a new step's
// name, with no "and" between ("the liveness check and a code" is one place);
// a bare "scan" there is the one scan the flow has. It returns the place and
// the steps placed, or ok false.
func placeThenNoun(ts []token, ref []*step, seq []*step) (place, own []*step, ok bool) {
	if len(ref) == 0 || ref[0].pos <= 0 {
		return nil, nil, false
	}
	at := -1 // the article that opens the steps placed
	c := 0   // the first step placed
	for c < len(ref) {
		lo := 0
		if c > 0 {
			lo = ref[c-1].pos + 1
		}
		for k := lo; k < ref[c].pos && k < len(ts); k++ {
			switch {
			case isConj(ts[k].raw) || ts[k].w == "," || ts[k].w == "then":
				return nil, nil, false
			case lex.indefinite[ts[k].raw]:
				at = k
			}
		}
		if at >= 0 {
			break
		}
		c++
	}
	if at < 0 || c == len(ref) {
		return nil, nil, false
	}
	if c > 0 {
		return ref[:c], ref[c:], true
	}
	// nothing named before the article but a bare "scan": the flow's scan
	if !slices.ContainsFunc(ts[:at], func(t token) bool { return t.w == "scan" }) {
		return nil, nil, false
	}
	d, f := findKind(seq, kDocument), findKind(seq, kFaceScan)
	if (d >= 0) == (f >= 0) {
		return nil, nil, false
	}
	return []*step{{k: seq[max(d, f)].k}}, ref, true
}

// bindPositions: with a start and an end word in one clause ("a passport scan at
// the very beginning and an email code at the end"), each step takes the
// position word that follows it.
func bindPositions(ts []token, a *analysis) {
	if a.penult && a.back && !a.front && len(a.steps) >= 2 {
		// "the last step is an SMS code and the second-to-last step scans
		// their passport": each step takes the place word said before it;
		// when the first step has none before it ("a liveness check second
		// to last and a face compare last"), the place word said after it
		placeAt := func(j int) bool { return ts[j].w == "penultimate" || lex.backWord[ts[j].raw] }
		after := a.steps[0].pos >= 0 && !slices.ContainsFunc(ts[:min(a.steps[0].pos, len(ts))], func(t token) bool { return t.w == "penultimate" || lex.backWord[t.raw] })
		for k, s := range a.steps {
			lo, hi := 0, s.pos
			if k > 0 {
				lo = max(a.steps[k-1].pos+1, 0)
			}
			if after {
				lo, hi = max(s.pos+1, 0), len(ts)
				if k+1 < len(a.steps) && a.steps[k+1].pos > s.pos {
					hi = a.steps[k+1].pos
				}
			}
			for j := lo; j < hi && j < len(ts); j++ {
				if !placeAt(j) {
					continue
				}
				switch {
				case ts[j].w == "penultimate":
					s.back, s.penult = true, true
				case lex.backWord[ts[j].raw]:
					s.back = true
				}
			}
		}
		if slices.ContainsFunc(a.steps, func(s *step) bool { return s.penult }) {
			a.back, a.penult = false, false
		}
		return
	}
	if !a.front && !a.back || len(a.steps) < 2 {
		return
	}
	bound := false
	// "it should end with the email code and start with the face scan",
	// "finish on the SMS code": a position word led into its step by "with"
	// or "on" names the step after it, not the one before
	var led []int
	for j := 0; j+1 < len(ts); j++ {
		front := lex.frontWord[ts[j].raw] || ts[j].w == "start" // ("begin with", "open with")
		if !front && !lex.backWord[ts[j].raw] && ts[j].w != "end" || !lex.positionLead[ts[j+1].raw] {
			continue
		}
		if k := slices.IndexFunc(a.steps, func(s *step) bool { return s.pos > j+1 }); k >= 0 && (a.front && a.back || !slices.ContainsFunc(a.steps, func(s *step) bool { return s.k.isConversation() })) {
			// (with one place word, only among checks: "close with the avatar
			// telling them …" is the avatar's line, read as such elsewhere)
			s := a.steps[k]
			if front {
				s.front, bound = true, true
			} else {
				s.back, bound = true, true
			}
			led = append(led, j)
		}
	}
	for k, s := range a.steps {
		if !a.front || !a.back {
			break // one position word, which the clause's steps share unless led into one
		}
		end := len(ts)
		if k+1 < len(a.steps) && a.steps[k+1].pos > s.pos {
			end = a.steps[k+1].pos
		}
		for j := max(s.pos+1, 0); j < end && j < len(ts); j++ {
			if slices.Contains(led, j) {
				continue
			}
			switch {
			case lex.frontWord[ts[j].raw]:
				s.front, bound = true, true
			case lex.backWord[ts[j].raw]:
				s.back, bound = true, true
			case ts[j].w == "penultimate":
				s.back, s.penult, bound = true, true, true
			}
		}
	}
	if bound {
		a.front, a.back, a.penult = false, false, false
	}
}

// partOfUsers: the subject right before the negation at i is a part of the
// users ("some people", "most of them", "many of our refugee members"): what
// follows is true of some of them, not of everyone.
func partOfUsers(ts []token, i int) bool {
	if i < 2 || !(peopleNoun(ts, i-1) || lex.personPronoun[ts[i-1].raw]) {
		return false
	}
	// the quantifier, then "of" and a determiner or a modifier or two ("of our
	// refugee members")
	for j, free := i-2, 0; j >= 0 && j >= i-5; j-- {
		switch {
		case lex.partitive[ts[j].raw]:
			return true
		case ts[j].raw == "of" || ts[j].in(hDeterminer):
		case isAlpha(ts[j].raw) && !ts[j].known && free < 2:
			free++
		default:
			return false
		}
	}
	return false
}

// peopleNoun: the word at i names people: the users ("customers", "members"),
// a plural of a person the avatar may speak to ("hosts", "renters",
// "drivers": the users of one product, named by their role), or a plural the
// lexicon does not know after "our" or "their" ("our claimants", "their
// callers"), which names no step, so a group of them.
func peopleNoun(ts []token, i int) bool {
	t := ts[i]
	return t.in(hPopulation) || t.w == "person" || t.in(hAddressee) && strings.HasSuffix(t.raw, "s") ||
		i > 0 && ts[i-1].in(hPossessive) && !t.known && len(t.raw) > 4 && strings.HasSuffix(t.raw, "s") && isAlpha(t.raw)
}

// lackedAt: the negation at i says a part of the users lacks something ("most
// of them don't have a passport anymore", "half of them don't have a phone
// number on file"): who the users are, neither a step nor one ruled out
// (detector.add drops what it covers).
func lackedAt(ts []token, i int) bool {
	// ("an email code for when they don't have their phone": what a user
	// lacks under "when" or "if" is the condition of a fallback, no exclusion)
	if ts[i].raw == "without" && i > 0 && peopleNoun(ts, i-1) {
		// "for people without an ID card, their passport": who lacks it, as
		// "people who don't have one"; "customers without SMS codes", "users
		// without any document scan" rule the step out
		return ownedAfter(ts, i)
	}
	return i+1 < len(ts) && ts[i+1].in(hPossess) && (partOfUsers(ts, i) || hasAnyRaw(ts[max(0, i-3):i], lex.condIfStrict))
}

// scanAlone: clause ci names a document scan and nothing else, and what
// follows it in its sentence opens on "then" ("if they don't have a passport,
// scan their licence, then an SMS code"): the condition says only which
// document; "… scan their licence and send an SMS code, otherwise just the
// passport" gives the lacking users more steps, which one scan cannot say.
func scanAlone(clauses []clause, ci int, seq []*step) bool {
	st := analyze(clauses[ci].toks, seq).steps
	if len(st) != 1 || st[0].k != kDocument {
		return false
	}
	for k := ci + 1; k < len(clauses) && clauses[k].sent == clauses[ci].sent; k++ {
		if !clauses[k].then || hasAnyRaw(clauses[k].toks, lex.otherwise) {
			return false
		}
	}
	return true
}

// attackOnly: a liveness condition that names the attack and nothing else
// ("if a deepfake is detected", "if it flags a deepfake or a spoof"); "if it
// can't see a face or flags a deepfake", "if it fails or …" name other
// outcomes as well.
func attackOnly(head []token) bool {
	if hasAnyHot(head, hCondFail) {
		return false
	}
	from := 0
	for i := 0; i <= len(head); i++ {
		if i < len(head) && head[i].raw != "or" && head[i].raw != "and" {
			continue
		}
		if !hasAnyRaw(head[from:i], lex.attackWord) {
			return false
		}
		from = i + 1
	}
	return true
}

// ownedAfter: the words after i name a thing a person owns (a document, a
// phone, an email address), not a step ("an ID card", "a phone"; not "a
// document scan", "SMS codes").
func ownedAfter(ts []token, i int) bool {
	j := i + 1
	for j < len(ts) && (ts[j].in(hDeterminer) || ts[j].raw == "any") {
		j++
	}
	if j >= len(ts) || !docTypeLemmas[ts[j].w] && !lex.owned[ts[j].raw] {
		return false
	}
	for k := j + 1; k < len(ts) && k <= j+2; k++ {
		if lex.stepHead[ts[k].raw] && ts[k].raw != "card" && ts[k].raw != "cards" {
			return false
		}
	}
	return true
}

// lackedBefore: the negation a few words before i is one of lackedAt ("don't
// have a passport" at "passport").
func lackedBefore(ts []token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if negationLemmas[ts[j].w] {
			return lackedAt(ts, j)
		}
	}
	return false
}

// negations marks the tokens inside a negation's scope.
// permittedExclusion: after a negation at i, a verb of permission
// (permitVerb) and, within a few words naming who, an exclusion ("don't let
// new users skip", "never allow anyone to skip"): the exclusion's index, or 0.
func permittedExclusion(ts []token, i int) int {
	if i+1 >= len(ts) || !permitVerb[ts[i+1].raw] {
		return 0
	}
	for j := i + 2; j < min(i+8, len(ts)); j++ {
		if ts[j].w == "without" {
			return j
		}
		if ts[j].w == "," || ts[j].w == "." || ts[j].w == ";" {
			return 0
		}
	}
	return 0
}

func negations(ts []token) []bool {
	neg := make([]bool, len(ts))
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		short := false
		switch {
		case negationLemmas[t.w]:
			nx := ""
			if i+1 < len(ts) {
				nx = ts[i+1].w
			}
			// "no other document types", "nothing else": exclusivity, not an exclusion
			// ("nobody except passport holders", "don't accept anything except
			// passports": only those; "anything except visas is fine" excludes visas;
			// "no retries except on the SMS code" keeps the code, and its retry)
			if t.w == "without" && t.raw != "without" && i > 0 &&
				(lex.negUniversal[ts[i-1].raw] || lex.universal[ts[i-1].raw] && slices.ContainsFunc(ts[:i-1], func(u token) bool { return u.w == "no" }) || t.raw == "except" && slices.ContainsFunc(ts[:i], func(u token) bool { return u.w == "no" })) {
				continue
			}
			// ("self-excluded players are enrolled", "players who self-exclude",
			// "excluded members": who the people are, no step ruled out)
			if t.w == "without" && (i > 0 && ts[i-1].raw == "self" || strings.HasSuffix(t.raw, "ed") && i+1 < len(ts) && (ts[i+1].in(hUserWord) || lex.userOne[ts[i+1].raw])) {
				continue
			}
			// ("default settings except the code expires in 15 minutes", "stock
			// config except that it's 8 digits": the one setting that differs from
			// the defaults, not a step ruled out)
			if t.w == "without" && t.raw != "without" && i > 0 && (lex.defaultsWord[ts[i-1].raw] || i+1 < len(ts) && ts[i+1].raw == "that") {
				continue
			}
			// ("no extra face scan step pls": "extra" before a step's name adds to
			// the flow, so "no extra" rules that step out)
			addedStep := i+2 < len(ts) && lex.addedStep[ts[i+1].raw] && (rules[ts[i+2].w] != nil || rawRules[ts[i+2].raw] != nil)
			// ("nobody except passport holders" is exclusivity, "nobody enrolled
			// to search against" a fact; "nobody gets a code", "no one should
			// receive an SMS" rule the code out)
			everyone := (t.raw == "noone" || t.raw == "nobody") && !slices.ContainsFunc(ts[i+1:min(i+3, len(ts))], func(u token) bool { return lex.receiveVerb[u.raw] })
			if t.w == "no" && nx == "without" {
				// "don't skip the liveness", "never drop the fallback", "no
				// skipping the ID": a negated exclusion asks for what it names,
				// as "don't forget" does; neither word rules anything out
				i++
				continue
			}
			if j := permittedExclusion(ts, i); t.w == "no" && j > 0 {
				// "don't let new users skip the ID scan", "never allow anyone
				// to skip the liveness": a forbidden exclusion, the same
				// double negation (read as a removal, the step went, rvC19 #4)
				i = j
				continue
			}
			if nx == "forget" || nx == "only" || nx == "else" && !addedStep || t.raw == "no" && i+1 < len(ts) && ts[i+1].in(hCorrection) || everyone || (t.raw == "not" && nx == "only") {
				continue
			}
			if (t.raw == "not" || t.raw == "no") && i+1 < len(ts) && lex.unsure[ts[i+1].raw] && !doubtedNeed(ts, i+2) {
				// "not sure order of the two codes matters": a doubt about what
				// follows, not an exclusion of the codes it names
				continue
			}
			if i >= 2 && lex.partitive[ts[i-2].raw] && (ts[i-1].in(hPopulation) || ts[i-1].w == "person") && !lackedAt(ts, i) {
				// "some people won't want to do the selfie — if they cancel it, …":
				// true of some users, whom a branch may handle, not a step ruled out
				// (what some of them lack is neither: lackedAt)
				continue
			}
			if unknownWho(ts, i+1) {
				// "we don't know who is standing there until the face tells us":
				// whom to find, the reason for a face search, not one ruled out
				continue
			}
			if t.raw == "no" && lex.futileNoun[nx] && futileFor(ts[i+2:]) {
				// "do the age check before the face match, no point matching faces
				// for a 16 year old": pointless for some users, the reason for an
				// order, not an exclusion
				continue
			}
			if k := i + 1; t.w == "no" && t.raw != "no" && k < len(ts) {
				if (ts[k].raw == "a" || ts[k].raw == "an") && k+1 < len(ts) {
					k++
				}
				if ts[k].w == "minor" || lex.ageComparative[ts[k].raw] || ts[k].isNum && k+1 < len(ts) && ts[k+1].raw == "yet" {
					continue // "not a minor", "isn't underage", "not under 21": the state the check asks for
				}
			}
		case t.w == "nothing" && nothingTo(ts, i+1):
			// "there is nothing to recognise yet", "nothing to match against":
			// no one to run the step on, so it is ruled out
		case t.w == "nothing" && i+1 < len(ts) && lex.canonKind(ts[i+1]):
			// "we don't keep a database of guest faces so nothing 1:N": the step
			// named right after it is ruled out
		case t.w == "nothing" && i+2 < len(ts) && lex.nothingWith[ts[i+1].raw] && (lex.canonKind(ts[i+2]) || ts[i+2].in(hDeterminer) && i+3 < len(ts) && lex.canonKind(ts[i+3])):
			// "nothing with documents please", "nothing involving an ID": the
			// step after the preposition is ruled out
		case t.w == "nothing" && nothingVia(ts, i+1):
			// "nothing goes over email", "nothing should be sent by SMS": the
			// channel after it is ruled out ("nothing else" stays exclusivity)
		case t.in(hCeaseVerb) && i+1 < len(ts) && strings.HasSuffix(ts[i+1].raw, "ing"):
			// "stop making returning customers re-upload their ID", "quit asking
			// for a selfie": what the flow should no longer do
		case t.w == "replace" && replacedWith(ts, i) && !hasAnyRaw(ts, lex.replaceHedge) && !forGroup(ts):
			// "replace the text with an email code": what is replaced is ruled
			// out, as after "instead of", up to the "with" of what replaces it
			short = true
		case t.w == "instead" || t.raw == "rather":
			if i+1 < len(ts) && (ts[i+1].raw == "of" || ts[i+1].raw == "than") {
				short = true
				i++
			} else {
				continue
			}
		case i > 0 && ts[i-1].in(hSubjectAux) && (phraseAt(ts, i, lex.barred) || t.raw == "out" && onlyTail(ts[i+1:])):
			// "email is off the table", "SMS is banned": the predicate rules out
			// its subject, as "email is not allowed" does ("text message codes
			// are out", "email is out for now": a bare "out" that ends the clause)
			if j := subjectStart(ts, i); j >= 0 && lex.canonKind(ts[j]) && !(t.raw == "out" && slices.ContainsFunc(ts[:j], func(u token) bool { return lex.subordOpen[u.raw] || u.w == "after" })) {
				// ("once the SMS is out, start the liveness check": a time, the
				// code sent)
				for b := j; b < i; b++ {
					neg[b] = true
				}
			}
			continue
		case t.w == "need" && i > 0 && lex.doNot[ts[i-1].raw]:
			// "so I don't need a password", "we don't need the ID": an active
			// "need" rules out its object, what follows, not the clause before
		case t.w == "unnecessary" || (t.w == "need" && i > 0 && ts[i-1].w == "no") || (t.w == "need" && i > 1 && ts[i-2].w == "no" && (ts[i-1].raw == "be" || lex.noLongerTail[ts[i-1].raw] && needEnds(ts, i))):
			// "the ID is not needed": the whole clause up to here ("the email
			// code is no longer needed", "… no more required"; not with a
			// qualifier after it, "… no longer needed for returning
			// customers", "… once the SMS works": for whom or when is a
			// condition no removal of the step reads)
			for j := 0; j < i; j++ {
				neg[j] = true
			}
			continue
		default:
			continue
		}
		if back := negatedSubject(ts, i); back >= 0 {
			// "email is not an option", "SMS isn't available": the subject is excluded,
			// the whole of its name ("driving licences are not allowed", "ID cards not accepted")
			for b := back; b < i; b++ {
				neg[b] = true
			}
			for b := back - 1; b >= 0 && docModifierLemmas[ts[b].w]; b-- {
				neg[b] = true
			}
			continue
		}
		end := len(ts)
		for j := i + 1; j < len(ts); j++ {
			if ts[j].w == "without" && lex.universal[ts[j-1].raw] {
				end = j // "don't accept anything except passports": what follows is allowed
				break
			}
			if ts[j].raw == "but" || ts[j].w == "only" || phraseAt(ts, j, lex.negScopeEnd) || lex.orderPrep[ts[j].raw] && (slices.ContainsFunc(ts[i+1:j], lex.canonKind) || placedVerb(ts[i+1:j]) || timedVerb(ts[i+1:j])) || phraseAt(ts, j, lex.exceptPhrase) || (ts[j].raw == "and" || ts[j].raw == "then") && j+1 < len(ts) && startsInstruction(ts, j+1) && !lex.canonKind(ts[j+1]) || (short && j > i+1 && !nameGoesOn(ts, j) && (startsInstruction(ts, j) && !lex.canonKind(ts[j]) || ts[j].raw == "for" || ts[j].raw == "with" || ts[j].raw == "on" || ts[j].raw == "in" || ts[j].raw == "to" || ts[j].raw == "as" || j >= i+5)) {
				end = j
				break
			}
		}
		for j := i + 1; j < end; j++ {
			neg[j] = true
		}
	}
	return neg
}

// forGroup: the clause holds "for" and, within a few words, a group of users
// ("for EU users", "for users abroad"): said of one group, not of the flow.
func forGroup(ts []token) bool {
	for i, t := range ts {
		if t.raw == "for" && slices.ContainsFunc(ts[i+1:min(len(ts), i+4)], func(u token) bool { return u.in(hPopulation) }) {
			return true
		}
	}
	return false
}

// replacedWith: the verb of replacing at i has its object and then "with" a
// step within a few words ("replace the text with an email code").
func replacedWith(ts []token, i int) bool {
	for j := i + 2; j < len(ts) && j <= i+5; j++ {
		if ts[j].raw == "with" {
			// (what is replaced may be named by any word that names a step:
			// "the text" is the SMS code)
			// (and by another word than the one replacing it: "replace the old
			// selfie with a fresh selfie" keeps the step and takes it anew)
			after := ts[j+1 : min(len(ts), j+4)]
			return slices.ContainsFunc(after, lex.canonKind) &&
				slices.ContainsFunc(ts[i+1:j], func(t token) bool {
					return (lex.canonKind(t) || rules[t.w] != nil) && !slices.ContainsFunc(after, func(u token) bool { return u.w == t.w })
				})
		}
	}
	return false
}

// onlyTail: every word of ts only says where or for how long an exclusion holds
// ("for now", "of this flow"), as after "leave it out".
func onlyTail(ts []token) bool {
	for _, t := range ts {
		if !lex.exclusionTail[t.raw] {
			return false
		}
	}
	return true
}

// stepWorked: the clause is a condition that a step went through ("if the SMS
// works normally", "when the code arrives"), with no negation in it.
func stepWorked(ts []token) bool {
	return clauseStartsIf(ts) && hasAnyRaw(ts, lex.stepWorks) && !slices.Contains(negations(ts), true) &&
		!slices.ContainsFunc(ts, func(t token) bool { return t.w == "no" })
}

// nothingTo: the words from j, after "nothing", are "to" and a verb that
// names a step ("nothing to recognise yet", "nothing to match against").
func nothingTo(ts []token, j int) bool {
	return j+1 < len(ts) && ts[j].raw == "to" && rules[ts[j+1].w] != nil
}

// unknownWho: the words from j, after a negation, say the speaker cannot tell
// who the user is ("don't know who is standing there", "no way to know which
// member it is").
func unknownWho(ts []token, j int) bool {
	for k := j; k < len(ts) && k < j+4; k++ {
		if ts[k].raw == "know" || ts[k].raw == "knowing" || ts[k].raw == "tell" {
			return k+1 < len(ts) && lex.identityWh[ts[k+1].raw]
		}
	}
	return false
}

// doubtedNeed: the words from j, after "not sure", doubt that a step is needed
// at all ("not sure we need the SMS code yet", "not certain they need a
// document scan"): what they name stays out until asked for, as a "no" would
// leave it out; "not sure the order matters" doubts something else.
func doubtedNeed(ts []token, j int) bool {
	for k := j; k < len(ts) && k < j+4; k++ {
		if lex.needVerb[ts[k].raw] {
			return true
		}
		if !lex.doubtLead[ts[k].raw] && !ts[k].in(hSubjectAux) {
			return false
		}
	}
	return false
}

// arrivalOf: an email entry named by a condition that says it did not arrive
// ("when the email doesn't arrive") is the email code sent after it, which is
// what arrives; otherwise anchor stays.
func arrivalOf(anchor *step, seq []*step, head []token) *step {
	if anchor == nil || anchor.k != kEnterEmail || !notDelivered(head) {
		return anchor
	}
	if i := findKind(seq, kEmailOTP); i >= 0 {
		return seq[i]
	}
	return anchor
}

// notDelivered: a condition's words say a code did not arrive ("if the SMS
// can't be delivered", "if the text never arrives", "if it doesn't come
// through").
func notDelivered(head []token) bool {
	if lacksChannel(head) >= 0 {
		return true // "if they don't have their phone": the code cannot reach them
	}
	neg, arrive := false, false
	for j, t := range head {
		neg = neg || t.w == "no"
		arrive = arrive || t.in(hArrive) || phraseAt(head, j, lex.arrivePhrase)
		if t.in(hUndelivered) {
			return true
		}
	}
	return neg && arrive
}

// insteadBefore: "instead of" or "rather than" opens the words before i, at
// most three words back ("instead of the recognition").
func insteadBefore(ts []token, i int) bool {
	for j := i - 1; j >= 1 && j >= i-3; j-- {
		if ts[j-1].w == "instead" && ts[j].raw == "of" || ts[j-1].raw == "rather" && ts[j].raw == "than" {
			return true
		}
	}
	return false
}

// nameGoesOn: the step names after "instead of" go on at j: a head noun after
// a step's name ("instead of the ID scan", "face compare"), or another step's
// name after "and"/"or" ("instead of the ID scan and face compare, recognise
// them").
func nameGoesOn(ts []token, j int) bool {
	if j == 0 {
		return false
	}
	if lex.canonKind(ts[j-1]) && (lex.stepHead[ts[j].raw] || ts[j].w == "compare" || ts[j].w == "match") {
		return true
	}
	return (ts[j-1].raw == "and" || ts[j-1].raw == "or") && lex.canonKind(ts[j]) && j+1 < len(ts) && (lex.stepHead[ts[j+1].raw] || ts[j+1].w == "compare" || ts[j+1].w == "match" || lex.canonKind(ts[j+1]))
}

// nothingVia: the words from j, after "nothing", say how something would be
// sent ("goes over", "should be sent by", "via"), an auxiliary or two allowed.
func nothingVia(ts []token, j int) bool {
	for k := j; k < len(ts) && k < j+3; k++ {
		if lex.nothingVia[ts[k].raw] {
			return true
		}
		if !ts[k].in(hSubjectAux) && !lex.passiveAux[ts[k].raw] {
			return false
		}
	}
	return false
}

// providedKey is the key the text gives for the image in providedData: the key
// after a dot ("providedData.passportPhoto"), a word
// after "key" or "under" near "providedData", or an identifier written in
// camelCase beside it ("providedData (key: profilePhoto)", "providedData under
// 'policySelfie'"), or "".
func providedKey(ts []token) string {
	key, _ := providedKeyWhere(ts)
	return key
}

// providedKeyWhere is providedKey and where its words start in ts, -1 when it
// is written inside the providedData token ("providedData.passportPhoto").
func providedKeyWhere(ts []token) (string, int) {
	for i, t := range ts {
		if t.raw != "provideddata" {
			continue
		}
		if _, key, ok := strings.Cut(t.orig, "."); ok && key != "" {
			return key, -1 // "providedData.passportPhoto": the key, written as code
		}
		if k := providedKeyAt(ts, i); k >= 0 {
			return identAt(ts, k), k
		}
	}
	if k := namedKeyAt(ts); k >= 0 {
		return identAt(ts, k), k
	}
	return "", -1
}

// namedKeyAt: with no "providedData" written, "key" followed by an identifier
// written as code names the key of the photo the integrator passes in ("will
// pass it into the session (key: onboarding_selfie)", "the profile photo we
// pass in under the key 'kyc_portrait'"), when the text passes a photo in; it
// is where the identifier starts, or -1.
func namedKeyAt(ts []token) int {
	for i, t := range ts {
		if t.raw != "key" || !photoKeyLead(ts, i) {
			continue
		}
		k := keyNameAt(ts, i)
		if k < len(ts) && !ts[k].isNum && isAlpha(ts[k].raw) && (camelCase(ts[k].orig) || identGoesOn(ts, k)) && priorProvided(ts) {
			return k
		}
	}
	return -1
}

// photoKeyLead: the "key" at i is the photo's, not another kind of key the
// word before it names ("our API key", "idempotency key", "the session
// metadata key"): it opens the text or a bracket, or follows a determiner, a
// preposition or an image word ("under the key", "(key: …)", "photo key").
func photoKeyLead(ts []token, i int) bool {
	if i == 0 {
		return true
	}
	p := ts[i-1]
	return p.raw == "" || p.in(hDeterminer) || lex.modifierPrep[p.raw] || imageLemmas[p.w]
}

// keyNameAt: where the name after "key" (or "under") at i starts, past the
// punctuation and, after "key", the verb that names it ("key: profilePhoto",
// "the key is selfie", "key called kyc_portrait").
func keyNameAt(ts []token, i int) int {
	k := i + 1
	for k < len(ts) && (ts[k].raw == "" || ts[i].raw == "key" && (ts[k].raw == "is" || ts[k].raw == "called" || ts[k].raw == "named")) {
		k++
	}
	return k
}

// providedKeyAt is where the key of the providedData token at i starts, or -1.
func providedKeyAt(ts []token, i int) int {
	for j := max(0, i-6); j < len(ts) && j <= i+6; j++ {
		u := ts[j]
		if j == i || u.isNum || u.raw == "" {
			continue
		}
		if j > i && (u.raw == "key" || u.raw == "under") {
			k := keyNameAt(ts, j)
			// after "key" any word is the key's name ("under the key selfie",
			// "(key `selfie`)"); after "under" only one that looks like a key
			if k < len(ts) && !ts[k].isNum && isAlpha(ts[k].raw) && (camelCase(ts[k].orig) || identGoesOn(ts, k) || u.raw == "key") {
				return k
			}
		}
		if camelCase(u.orig) || !u.snake && !u.camel && identGoesOn(ts, j) {
			return j // "providedData `onboarding_selfie`": an identifier written as code
		}
	}
	return -1
}

// keyIdentifiers takes the words of a providedData key written as code
// ("under the key licencePhoto", "`bank_photo`") out of the reading: the
// key names the photo passed in, not a document to scan or a step to run.
// Each word of another identifier ("sendEmailOtp()", "compare(selfie,
// passportPhoto)") still says what it names.
func keyIdentifiers(ts []token) {
	for i, t := range ts {
		if t.raw != "provideddata" {
			continue
		}
		if k := providedKeyAt(ts, i); k >= 0 && identGoesOn(ts, k) {
			keyWords(ts, k)
		}
	}
	if k := namedKeyAt(ts); k >= 0 && identGoesOn(ts, k) {
		keyWords(ts, k)
	}
}

// keyWords marks the words of the identifier at k as a key's.
func keyWords(ts []token, k int) {
	ts[k].w = keyW
	for k++; k < len(ts) && (ts[k].snake || ts[k].camel); k++ {
		ts[k].w = keyW
	}
}

// readsProvided: a step, on a branch or a fallback too, reads a photo from
// providedData.
func readsProvided(steps []*step) bool {
	for _, s := range steps {
		for _, fs := range []*flow.FaceSource{s.srcA, s.srcB} {
			if fs != nil && fs.Source == "providedData" {
				return true
			}
		}
		if readsProvided(s.branch) || readsProvided(s.fallback) {
			return true
		}
	}
	return false
}

// setProvidedKey gives the key the text named to the steps that read a photo
// from providedData, branches and fallbacks too; newOnly keeps to the steps an
// edit added (no node yet), so a change leaves the keys it did not name.
func setProvidedKey(steps []*step, key string, newOnly bool) {
	for _, s := range steps {
		if !newOnly || s.node == nil {
			for _, fs := range []*flow.FaceSource{s.srcA, s.srcB} {
				if fs != nil && fs.Source == "providedData" {
					fs.ProvidedDataKey = key
				}
			}
		}
		setProvidedKey(s.branch, key, newOnly)
		setProvidedKey(s.fallback, key, newOnly)
	}
}

// identGoesOn: the word at i goes on past an underscore ("bank_photo") or a
// capital ("profilePhoto"), one identifier written as code.
func identGoesOn(ts []token, i int) bool { return i+1 < len(ts) && (ts[i+1].snake || ts[i+1].camel) }

// identAt is the identifier that starts at i as written, its underscores kept
// ("kyc_2023_photo" is three tokens and one key, "profilePhoto" two).
func identAt(ts []token, i int) string {
	if !identGoesOn(ts, i) {
		return ts[i].orig
	}
	var b strings.Builder
	b.WriteString(ts[i].orig)
	for i++; i < len(ts) && (ts[i].snake || ts[i].camel); i++ {
		if ts[i].snake {
			b.WriteByte('_')
		}
		b.WriteString(ts[i].orig)
	}
	return b.String()
}

// camelCase: an identifier such as "profilePhoto", a lower-case start with a
// capital inside.
func camelCase(w string) bool {
	if w == "" || w[0] < 'a' || w[0] > 'z' || strings.EqualFold(w, "provideddata") {
		return false
	}
	inner := false
	for i := 1; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			inner = true
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_':
		default:
			return false
		}
	}
	return inner
}

// futileFor: the words after "no point" say whom it would be pointless for, some
// of the users ("matching faces for a 16 year old", "for anyone under 18").
func futileFor(ts []token) bool {
	for j, t := range ts {
		if t.raw == "for" && j+1 < len(ts) {
			n := ts[j+1]
			return lex.futileWhom[n.raw] || n.w == "minor" || n.isNum
		}
	}
	return false
}

// mainPathOnly: the clause speaks of the main path alone: it names that path
// ("on the happy path") or opens with the users who stay on it ("recognised
// users never see …", "for returning customers, no …").
func mainPathOnly(ts []token) bool {
	for i := range ts {
		if phraseAt(ts, i, lex.mainPath) {
			return true
		}
		if ts[i].in(hCondKnown) && i+1 < len(ts) && ts[i+1].in(hUserWord) && (i < 3 || deniedTo(ts, i) || scopedDenial(ts, i)) {
			return true
		}
	}
	return false
}

// scopedDenial: the known users at i close a negation as its scope ("no ID
// scan for known users", "without a passport on returning customers"): the
// step is denied to them, wherever in the clause the negation stood.
func scopedDenial(ts []token, i int) bool {
	j := i - 1
	if j >= 0 && ts[j].raw == "the" {
		j--
	}
	if j < 0 || !lex.branchLead[ts[j].raw] {
		return false
	}
	for k := range j {
		if negationLemmas[ts[k].w] {
			return true
		}
	}
	return false
}

// knownSentence: the sentence of clause ci opened, in an earlier clause, on the
// users the flow knows ("Returning customers get recognised (1:N) and do a
// liveness check, that's it, don't make them scan a document"): what a later
// clause of it rules out, it rules out for them, not for new users.
func knownSentence(clauses []clause, ci int) bool {
	f := ci
	for f > 0 && clauses[f-1].sent == clauses[ci].sent {
		f--
	}
	return f < ci && (mainPathOnly(clauses[f].toks) || enrolledUsers(clauses[f].toks) || onSuccess(clauses[f].toks))
}

// onSuccess: the clause opens on a check's success ("On match go straight to
// the end, no OTP", "if it passes, …"): what the sentence rules out after it is
// ruled out of the main path, not of a fallback the text gave the failure.
func onSuccess(ts []token) bool {
	if len(ts) < 2 || !lex.successLead[ts[0].raw] {
		return false
	}
	for i := 1; i < min(len(ts), 4); i++ {
		if ts[i].w == "no" {
			return false
		}
		if ts[i].w == "match" || lex.successWord[ts[i].raw] {
			return readCondition(ts, nil).k == condNone
		}
	}
	return false
}

// enrolledUsers: the clause speaks of users whose faces are enrolled
// ("customers we've already age-checked have their face enrolled, so for them:
// recognise them, liveness, skip the ID"): the users the recognition finds.
func enrolledUsers(ts []token) bool {
	people := slices.IndexFunc(ts, func(t token) bool { return t.in(hUserWord) })
	if people < 0 || hasAnyRaw(ts, lex.condIfStrict) || hasAnyHot(ts, hCondNew) {
		return false // ("new users get enrolled: …" are the others)
	}
	negs := negations(ts)
	for i := people + 1; i < len(ts); i++ {
		if ts[i].raw == "enrolled" && !negs[i] {
			return true
		}
	}
	return false
}

// deniedTo: a negation shortly before the known users at i spares them the
// step ("we want to stop asking returning guests to scan their ID", "never make
// known customers re-upload").
func deniedTo(ts []token, i int) bool {
	for j := max(i-3, 0); j < i; j++ {
		if negationLemmas[ts[j].w] || ts[j].in(hCeaseVerb) {
			return true
		}
	}
	return false
}

// negatedSubject: the negation at i says its subject is unavailable ("email is
// not an option", "SMS isn't possible for us"); it returns the subject's index,
// or -1.
func negatedSubject(ts []token, i int) int {
	t := ts[i]
	at := i // where the negation's words end
	if t.raw == "no" && i+1 < len(ts) && ts[i+1].raw == "longer" {
		// "text messages shall no longer be used for recovery": a channel
		// that was used and is now ruled out, as "must not be used" is
		at = i + 1
	} else if t.raw != "not" && !t.in(hNegAux) {
		return -1
	}
	j := subjectStart(ts, i)
	// ("ID cards not accepted": a bare "not" right after the subject, before the word that rules it out)
	if j < 0 || j == i-1 && t.raw == "not" && !(i+1 < len(ts) && lex.unavailable[ts[i+1].raw]) || !lex.canonKind(ts[j]) {
		return -1
	}
	for k := j; k+1 < i; k++ {
		if ts[k].isNum && ts[k+1].w == "digit" {
			// "codes of 4 digits are not allowed", "codes with only 4 digits
			// are not acceptable": the length is ruled out (sizeRuledOut),
			// not the code
			return -1
		}
	}
	if at+1 < len(ts) && lex.channelWork[ts[at+1].raw] && t.in(hNegAux) && (ts[j].w == "sms" || ts[j].w == "email") && !clauseStartsIf(ts) {
		// "texts don't arrive", "our SMS provider simply doesn't deliver
		// there": said as a fact, not a condition, the channel does not get
		// through, so it is ruled out ("if the text doesn't arrive" is a
		// failure the flow handles)
		return j
	}
	if p := slices.IndexFunc(ts[at+1:min(len(ts), at+5)], func(u token) bool { return lex.orderPrep[u.raw] }); p > 0 && placedVerb(ts[at+1:at+1+p]) {
		return -1 // "the passport scan shall not be performed after the code": an order (negatedOrder), not a step ruled out
	}
	for k := at + 1; k < len(ts) && k <= at+3; k++ {
		if lex.performedWord[ts[k].raw] && circumstanceAfter(ts, k+1) {
			// "liveness must not be performed in low light", "… must not be
			// done with sunglasses on": how or when the step is done is ruled
			// out, not the step
			return -1
		}
		if lex.unavailable[ts[k].raw] && !(phraseAt(ts, k, lex.arrivePhrase) && (ts[j].w == "code" || ts[j].w == "sms" || ts[j].w == "email") && clauseStartsIf(ts)) && !(lex.approval[ts[k].raw] && clauseStartsIf(ts)) {
			// ("if the email code never shows up": a code that did not arrive;
			// "if the passport is not approved": a scan that failed)
			return j
		}
		// "their home country ID cards don't scan well", "licences won't read":
		// a document type that fails is one the scan should not accept
		if k == i+1 && lex.docFail[ts[k].raw] && docTypeLemmas[ts[j].w] && ts[j].w != "document" && !clauseStartsIf(ts) {
			return j
		}
	}
	return -1
}

// negatedOrder: a negation right before the verb that "before"/"after" at
// i places ("MUST NOT be sent before", "isn't run after"): the order asked
// for is the other one.
func negatedOrder(ts []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- { // ("is not to be sent right after")
		if ts[k].raw == "not" || ts[k].raw == "never" || ts[k].in(hNegAux) {
			return placedVerb(ts[k+1 : i])
		}
	}
	return false
}

// placedVerb: the words between a negation and "before"/"after" are only
// the verb of doing a step ("the SMS OTP MUST NOT be sent before liveness",
// "is not run after"): the negation is of the order, and the step after
// "before" is no step ruled out.
func placedVerb(ts []token) bool {
	verb := false
	for _, t := range ts {
		switch {
		case lex.beForm[t.raw] || lex.negatedPlacePassive[t.raw] || lex.withheld[t.raw]:
			verb = true
		case lex.orderClose[t.raw] || t.raw == "to":
			// "must not be sent right before the liveness check ends": how
			// close, still the order ruled out ("is not to be sent before")
		default:
			return false
		}
	}
	return verb
}

// untoldIf: the clause, or one before it in its sentence, opens with a
// condition ("If the user is a returning customer, skip the liveness
// check"): what the clause leaves out, it leaves out in that case only.
func untoldIf(clauses []clause, ci int) bool {
	if hasAnyRaw(clauses[ci].toks, lex.wholeScope) {
		return false // "no recognition in this flow", "without any OTP": every session's
	}
	for j := ci; j >= 0 && clauses[j].sent == clauses[ci].sent; j-- {
		ts := clauses[j].toks
		k := 0
		for k < len(ts) && lex.clauseJoin[ts[k].raw] {
			k++ // "and if …", "but if …"
		}
		if k < len(ts) && lex.untoldIfLead[ts[k].raw] {
			// a case a session can be in, not the speaker's hedge ("If we're
			// honest, …", "If anything, …", "Where possible, …"): a subject
			// and more after the lead word
			return k+2 < len(ts) && !lex.hedgeIf[ts[k+1].raw] && !lex.hedgeIf[ts[k+1].w] && ts[k+1].w != "," && ts[k+2].w != ","
		}
	}
	return false
}

// banAfter: a clause after ci, in its sentence or the next, bans outright
// ("no OTP in that case; in fact never send an OTP") or widens the case
// ("…, nor in any other case"): "in that case" is no limit then.
func banAfter(clauses []clause, ci int) bool {
	for j := ci + 1; j < len(clauses) && clauses[j].sent <= clauses[ci].sent+1; j++ {
		if hasPhrase(clauses[j].toks, lex.totalBan) {
			return true
		}
		if ts := clauses[j].toks; clauses[j].sent == clauses[ci].sent && len(ts) > 0 && (ts[0].raw == "nor" || ts[0].raw == "or") && hasAnyRaw(ts, lex.beyondCase) {
			return true // "…, nor in any other case", "… or for anyone else"
		}
	}
	return false
}

// caseBefore: a clause before ci, in its sentence or the one before, opens
// with a condition ("Where the phone number is missing, …", "In case of a
// face mismatch, …"): what "in that case" refers to.
func caseBefore(clauses []clause, ci int) bool {
	for j := ci - 1; j >= 0 && clauses[j].sent+1 >= clauses[ci].sent; j-- {
		if clauseStartsIf(clauses[j].toks) {
			return true
		}
	}
	return false
}

// circumstanceBefore: the clause before, in the same sentence, rules out how
// a step is done in a circumstance ("liveness must not be performed in low
// light, and no OTP in that case"): "that case" is that circumstance, which
// the flow cannot tell, so the step it names is kept for everyone (rvY18 S7),
// as after "if the user is abroad".
func circumstanceBefore(clauses []clause, ci int) bool {
	return ci > 0 && clauses[ci-1].sent == clauses[ci].sent && doneHowAt(clauses[ci-1].toks) >= 0
}

// ageCaseBefore: the case caseBefore finds is an age under a bound ("if the
// user is under 18, end the session. No OTP in that case."): the flow tells
// that case only at an age check, which may come after the step the words
// rule out, so the step would still reach the very users it is ruled out for
// (rvY18 S4); the step is left out for everyone instead, as 43874e6 read it.
func ageCaseBefore(clauses []clause, ci int) bool {
	for j := ci - 1; j >= 0 && clauses[j].sent+1 >= clauses[ci].sent; j-- {
		if clauseStartsIf(clauses[j].toks) {
			ts := clauses[j].toks
			return slices.ContainsFunc(ts, func(t token) bool { return t.w == "minor" }) ||
				slices.ContainsFunc(ts, func(t token) bool { return t.raw == "under" || t.raw == "below" }) && slices.ContainsFunc(ts, func(t token) bool { _, err := strconv.Atoi(t.raw); return err == nil })
		}
	}
	return false
}

// doneHowAt: a negation before a verb of doing (lexicon performedWords) with
// a circumstance after it ("liveness must not be performed in low light"):
// where the circumstance starts, or -1.
func doneHowAt(ts []token) int {
	for i, t := range ts {
		if (t.raw == "not" || t.raw == "never" || t.in(hNegAux)) && negatedSubject(ts, i) < 0 {
			for k := i + 1; k < len(ts) && k <= i+3; k++ {
				if lex.performedWord[ts[k].raw] && circumstanceAfter(ts, k+1) && subjectStart(ts, i) >= 0 {
					return k + 1
				}
			}
		}
	}
	return -1
}

// circumstanceAfter: the words from i say in what circumstance a step is
// done ("in low light", "with sunglasses on", "without consent", "on a
// shared phone"; lexicon circumstanceLeadWords), not that it is ruled out
// for the whole flow ("in this flow", "for us", "here", "at all"; lexicon
// wholeScopeWords).
func circumstanceAfter(ts []token, i int) bool {
	if i < len(ts) && ts[i].raw == "out" {
		i++ // "carried out in low light"
	}
	if i >= len(ts) || !lex.circumstanceLead[ts[i].raw] {
		return false
	}
	if lex.stepPairLead[ts[i].raw] && slices.ContainsFunc(ts[i+1:], func(t token) bool { return lex.pairedStep[t.w] }) {
		return false // "… must not be performed with the SMS OTP": another step, no circumstance
	}
	// ("… during onboarding", "… on anyone", "… in the EU, where we
	// operate": every session of the flow)
	return !slices.ContainsFunc(ts[i:], func(t token) bool { return lex.wholeScope[t.raw] || t.in(hSpeaker) })
}

// doneAgainAt: a negation before a verb of doing or sending and a word of
// repetition right after it ("liveness must not be performed twice", "the
// SMS OTP must not be sent again", "… run more than once"; lexicon
// doneAgainWords): a repetition ruled out, not the step.
func doneAgainAt(ts []token) bool {
	for i, t := range ts {
		if t.raw != "not" && t.raw != "never" && !t.in(hNegAux) {
			continue
		}
		for k := i + 1; k+1 < len(ts) && k <= i+3; k++ {
			if (lex.performedWord[ts[k].raw] || lex.withheld[ts[k].raw]) && lex.doneAgain[ts[k+1].raw] && (ts[k+1].raw != "more" || k+2 < len(ts) && ts[k+2].raw == "than") {
				return true
			}
		}
	}
	return false
}

// timedVerb: the words between a negation and "before"/"after" are the verb
// of doing a step and how long or how close ("must not be sent later than 5
// minutes after the liveness check", "must not be sent right before the
// liveness check ends"; lexicon orderTimingWords): a time bound on the step,
// so the step after "before"/"after" is no step ruled out.
func timedVerb(ts []token) bool {
	verb := false
	for _, t := range ts {
		switch {
		case lex.beForm[t.raw] || lex.negatedPlacePassive[t.raw] || lex.withheld[t.raw]:
			verb = true
		case t.isNum || lex.orderTiming[t.raw] || lex.orderClose[t.raw] || lex.unit[t.w] || t.raw == "to":
		default:
			return false
		}
	}
	return verb
}

// againstRule: "against" at i is followed by a rule the text set ("validate
// the date of birth against that requirement", "against the age rule";
// lexicon ruleNounWords), not by data or an image to compare with.
func againstRule(ts []token, i int) bool {
	return slices.ContainsFunc(ts[i+1:min(len(ts), i+4)], func(u token) bool { return lex.ruleNoun[u.raw] })
}

// subjectStart is where the subject of the predicate at i starts: the step's
// name before an auxiliary ("email must not be used", "email is off the
// table"), with the words that qualify it, or -1.
func subjectStart(ts []token, i int) int {
	j := i - 1
	for j >= 0 && lex.subjectAdverb[ts[j].raw] {
		j-- // "our SMS provider simply doesn't deliver"
	}
	if j >= 0 && ts[j].in(hSubjectAux) {
		j-- // "email is not an option", "email must not be used"
	}
	if j >= 1 && lex.channelMeans[ts[j].raw] && lex.canonKind(ts[j-1]) {
		j-- // "our SMS provider doesn't deliver": the channel that carries it
	}
	if j >= 0 && !lex.canonKind(ts[j]) && !lex.stepHead[ts[j].raw] {
		// "recognition against enrolled biometric templates is not to be used":
		// the subject before the phrase that qualifies it
		// ("a search of the face through our database": the head of the chain)
		for p, from := j, j; p >= 1 && p >= from-5; p-- {
			if ts[p].in(hSubjectAux) || ts[p].w == "," {
				break
			}
			if lex.modifierPrep[ts[p].raw] && (lex.canonKind(ts[p-1]) || lex.stepHead[ts[p-1].raw]) {
				j, from = p-1, p-1
			}
		}
	}
	for j >= 1 && lex.stepHead[ts[j].raw] && lex.canonKind(ts[j-1]) {
		j-- // "the passport scan never shows up": the step's name before its head noun
	}
	return j
}

// comparedWithPeople: the other side of a comparison in ts is people ("matched
// against anyone else", "compared with all our members"): after a word that
// opens that side, past a determiner or "all"/"other", a population word; or
// before the verb, as what there is to compare with ("there's nobody to match
// them to", "no customers to compare them against").
func comparedWithPeople(ts []token) bool {
	for i, t := range ts {
		if (t.w == "compare" || t.w == "match") && i >= 2 && ts[i-1].raw == "to" && (ts[i-2].in(hPopulation) || lex.noOne[ts[i-2].raw]) {
			return true
		}
		if t.raw != "against" && t.raw != "with" && t.raw != "to" || i == 0 || !lex.compareStop[t.raw] {
			continue
		}
		j := i + 1
		for j < len(ts) && j <= i+2 && (ts[j].in(hDeterminer) || lex.elseWord[ts[j].raw] || ts[j].raw == "all") {
			j++
		}
		// (not a possessive: "compared with the customer's live face" is
		// one person's face, an image)
		if j < len(ts) && ts[j].in(hPopulation) && !strings.ContainsAny(ts[j].orig, "'’") {
			return true
		}
	}
	return false
}

// detect returns the steps named in ts, in the order they are named. Negated steps
// go to a.neg instead.
func detect(ts []token, seq []*step, neg []bool, a *analysis) []*step {
	d := &detector{ts: ts, seq: seq, neg: neg, a: a, scanVerb: -10, emailIdx: -1, smsIdx: -1}
	d.scan()
	comparing := d.comparing
	if f := index(ts, "face"); !comparing && f > 0 && has(ts[:f], "verify") && comparedTo(ts[f+1:]) && !(f+1 < len(ts) && d.got.has(kLiveness) && livePurposeAfter(ts, f+1)) {
		// (a purpose rules the comparison out only when it is the liveness
		// the clause places: "… against the camera for deepfakes"; "… for
		// real", "… for quality" still hold the face against the photo, or
		// the face check would go)
		comparing = true // "verify their face with the ID photo": held against the photo
	}
	add := d.add

	// comparisons and searches: against enrolled faces is recognition (1:N),
	// against an image the flow has or is given is face_compare (1:1)
	// ("consent for biometric processing via the avatar": the biometrics are what
	// the consent is for, not a face to look up)
	if !d.got.has(kRecognition) && !d.got.has(kMatchCheck) && !dataMatch(ts) && !hasTopic(d.out, tConsent) {
		// "tell them they can now walk in with just their face": what the avatar
		// tells the user is a line, not a face to look up or compare
		ts := ts[:toldFrom(ts)]
		// ("no need to match them against other users": with people on the
		// other side, the image the clause seems to name is the user's own face)
		peopleSide := comparedWithPeople(ts)
		image := imageSource(ts, seq, d.out) && !peopleSide
		// "biometric" names the face, not the people enrolled, when it is the only
		// such word ("the 1:1 biometric match"); and a 1:1 match is a comparison
		// ("compare against that instead of recognition": the recognition ruled
		// out names no population to compare with)
		population := false
		for i, t := range ts {
			population = population || (t.w == "enrolled" && !lex.faceAdjective[t.raw] || t.w == "recognize") && !(neg[i] && insteadBefore(ts, i))
		}
		// ("they shouldn't be matched against anyone else", "compare the face
		// against all our customers": the other side of the comparison is
		// people, not an image, so it is the search among them)
		population = population || peopleSide
		population = population && !hasRaw(ts, "onetoone")
		// "is the face already in our database?", "among the people we registered"
		// "work out which of our enrolled students this is", "figure out who they
		// are from our enrolled members": which enrolled person it is
		search := searchNamed(ts, findKind(seq, kFaceScan) >= 0 || findKind(d.out, kFaceScan) >= 0) || lookUp(ts) || population && (hasAnyRaw(ts, lex.amongWord) || identityQuestion(ts)) && !comparing
		// "instead of searching everyone", "search all our users": people
		// searched, no face word needed, is the 1:N search; so is "look it up
		// across everyone who's enrolled with us"
		// ("a lookup across all passengers", "search every member": a group
		// of users under a quantifier is the population too, whatever the
		// users are called)
		// ("staff look up all our members' bookings by hand": what is looked up
		// is the members' records, not the members)
		searchPeople := (hasAnyHot(ts, hSearchVerb) || lookUp(ts)) &&
			(slices.ContainsFunc(ts, func(t token) bool { return t.in(hPopulation) && !possessiveAt([]token{t}, 0) }) || quantifiedUsers(ts))
		// ("compare that to the live person": "that" right after the verb is the
		// thing the clause before named)
		// (also after its preposition: "compare against that instead of
		// recognition", "match with this")
		c := index(ts, "compare")
		if c >= 0 && c+2 < len(ts) && lex.compareStop[ts[c+1].raw] && (ts[c+2].raw == "that" || ts[c+2].raw == "this") {
			c++
		}
		thatRef := c >= 0 && c+1 < len(ts) && (ts[c+1].raw == "that" || ts[c+1].raw == "this")
		priorImage := false // the image is one the clause before named, and it names a face
		if pronoun := hasAnyHot(ts, hBackRef) || thatRef; pronoun && comparing && !image && !population {
			// the pronoun points back at what the clause before named
			image = anyDoc(a.prior) || has(a.prior, "photo") || has(a.prior, "selfie") || has(a.prior, "provide")
			population = !image && (has(a.prior, "enrolled") || has(a.prior, "recognize"))
			// ("we'll pass the account's reference photo in providedData, compare
			// against that": the photo is the face the comparison reads)
			priorImage = image && faceCtxOrPair(a.prior, seq, d.out)
		}
		faceWord := has(ts, "face") || hasRaw(ts, "biometric", "biometrics")
		byFace := faceWord && hasAnyRaw(ts, lex.meansWord) && !comparing
		if byFace && !population && !image {
			// "Is this an existing customer? Check by face.": the population named before
			population = has(a.prior, "enrolled") || has(a.prior, "recognize")
		}
		// "check they're already enrolled": whether this person is enrolled is a
		// question recognition answers, unless the clause is about data
		// "has this face been registered before?", "is the face enrolled?": a question recognition answers
		search = search || faceWord && population && !comparing && lex.auxStart[ts[0].raw]
		// "we work out which member it is purely from their face": which person
		// it is, told from the face, is a search among the enrolled
		search = search || faceWord && !comparing && !image && identityQuestion(ts)
		enrolledStatus := !faceWord && !image && population && (has(ts, "verify") || search) &&
			(hasAnyRaw(ts, lex.personRef) || identityQuestion(ts)) && !has(ts, "email") && !has(ts, "phone") && !has(ts, "code") && !has(ts, "sms")
		ci := firstOf(ts, compareVerbLemmas...)
		if ci == 0 && len(ts) > 0 && !slices.Contains(compareVerbLemmas, ts[0].w) {
			// no verb: the step is where the face is named, so a negation of it
			// ("no face db", "without any face database") rules the step out
			ci = max(0, firstOf(ts, "face", "enrolled"))
		}
		switch {
		case comparing && image && (priorImage || faceCtxOrPair(ts, seq, d.out)):
			s := &step{k: kFaceCompare}
			s.srcA, s.srcB = compareSources(ts, seq, d.out, a)
			if live := func(fs *flow.FaceSource) bool { return fs.Source == "faceScan" || fs.Source == "sessionVideo" }; population && live(s.srcA) && live(s.srcB) {
				// "a selfie compared against their enrolled face": the other side
				// is no image of this session but the faces enrolled, a search
				a.notes = append(a.notes, oneToNNote)
				add(&step{k: kRecognition}, ci)
				break
			}
			if (s.srcA.Source == "faceScan" || s.srcB.Source == "faceScan") && findKind(seq, kFaceScan) < 0 && findKind(d.out, kFaceScan) < 0 {
				if fs := add(&step{k: kFaceScan, auto: true}, ci); fs != nil {
					fs.pos = -1 // a selfie is taken before it is compared
				}
			}
			add(s, ci)
		case !image && faceWord && (population && (comparing || search || byFace || has(ts, "verify") || has(ts, "identify")) || search) || enrolledStatus || !image && searchPeople ||
			!image && !comparing && searchesFaceStore(ts):
			a.notes = append(a.notes, oneToNNote)
			add(&step{k: kRecognition}, ci)
		// (with a photo the app holds, "check the person on camera is that same
		// person" is a comparison with it, not a search among the enrolled)
		case comparing && faceCtxOrPair(ts, seq, d.out) && (population || !a.held && findKind(seq, kDocument) < 0 && findKind(seq, kFaceScan) < 0 && findKind(d.out, kDocument) < 0):
			if r := add(&step{k: kRecognition, vague: !population}, ci); r != nil && !population {
				// (a judgement call: a later ID scan or photo turns it into
				// the comparison, see merge; the note goes with it then)
				r.vagueNote = "Read \"" + clauseText(ts) + "\" as face recognition among enrolled faces: the flow has no second image to compare the face with; scan an ID document or pass a photo in providedData to compare with one instead."
			}
		case comparing && faceCtxOrPair(ts, seq, d.out):
			s := &step{k: kFaceCompare}
			s.srcA, s.srcB = compareSources(ts, seq, d.out, a)
			add(s, ci)
		case comparing && !dataMatch(ts) && (theStep(ts, ci) || ci < len(d.neg) && d.neg[ci] && !hasAnyRaw(ts, lex.compareOutcome)) && findKind(seq, kFaceCompare) >= 0:
			// "drop the comparison": the face comparison the flow already has;
			// so is one ruled out ("I wanted recognition not a comparison",
			// "no comparison"), but not a negation of its outcome ("if there
			// is no match in the comparison, end the call"): that tightens it
			old := seq[findKind(seq, kFaceCompare)]
			add(&step{k: kFaceCompare, srcA: old.srcA, srcB: old.srcB}, ci)
		}
	}

	// "verify sellers with an ID and a selfie": the two images are verified against
	// each other
	if v := index(ts, "verify"); !d.got.has(kFaceCompare) && !d.got.has(kRecognition) && v >= 0 {
		// (or the two are what the verb checks: "check ID + selfie")
		if di, fi := findKind(d.out, kDocument), findKind(d.out, kFaceScan); di >= 0 && fi >= 0 && !d.out[di].auto && !d.out[fi].auto &&
			(hasAnyRaw(ts, lex.withWord) || v < min(d.out[di].pos, d.out[fi].pos) && min(d.out[di].pos, d.out[fi].pos)-v <= 3 && max(d.out[di].pos, d.out[fi].pos)-min(d.out[di].pos, d.out[fi].pos) <= 3) {
			a.notes = append(a.notes, "Verifying with an ID and a selfie compares the selfie with the ID photo.")
			add(&step{k: kFaceCompare, srcA: &flow.FaceSource{Source: "documentPhoto"}, srcB: &flow.FaceSource{Source: "faceScan"}}, max(d.out[di].pos, d.out[fi].pos))
		}
	}
	// "a code by email or SMS": a choice of channel, one code; the channel is asked
	if ie, is := findKind(d.out, kEmailOTP), findKind(d.out, kSMSOTP); ie >= 0 && is >= 0 && d.out[ie].k == kEmailOTP && d.out[is].k == kSMSOTP {
		lo, hi := min(d.out[ie].pos, d.out[is].pos), max(d.out[ie].pos, d.out[is].pos)
		if lo >= 0 && hi < len(ts) && hi-lo <= 3 && hasRaw(ts[lo:hi], "or") {
			d.out[min(ie, is)].k = kOTP
			d.out = slices.Delete(d.out, max(ie, is), max(ie, is)+1)
		}
	}

	// a question loses to a real step in the same clause unless it has a subject of its own
	// ("ask for camera permission", "confirm liveness" are that step; "liveness and a
	// question asking them to confirm the beneficiary name" is a question too)
	// "tell them to pop into a branch with their passport": a document named
	// inside a told line, with no scan verb in the clause, is part of the line
	for _, s := range d.out {
		if s.k == kInform && strings.HasPrefix(s.phrase, "to ") && d.scanVerb < 0 {
			d.out = slices.DeleteFunc(d.out, func(o *step) bool { return o.k == kDocument && o.pos > s.pos && !o.auto })
			break
		}
	}
	for _, s := range d.out {
		// "tell them the result will be sent by email": how a told outcome
		// reaches them, no code (one the line names as a code still is one,
		// and "tell them we need to verify their phone by sms" asks for one)
		if s.k == kInform && s.pos >= 0 && statedLine(s.phrase) && !slices.ContainsFunc(ts[s.pos:], func(t token) bool { return t.w == "code" }) {
			d.out = slices.DeleteFunc(d.out, func(o *step) bool {
				return (o.k == kEmailOTP || o.k == kSMSOTP || o.k == kOTP) && o.pos > s.pos && !o.auto && hasAnyRaw(ts[s.pos:o.pos], lex.delivered)
			})
			break
		}
	}
	strong := -1 // where the last real step is named
	for _, s := range d.out {
		if !s.k.isConversation() {
			strong = max(strong, s.pos)
		}
	}
	if strong >= 0 {
		kept := d.out[:0]
		for _, s := range d.out {
			if (s.k == kAsk || s.k == kInform) && s.topics == 0 && (s.phrase == "" || s.pos < strong) && !(s.k == kInform && (givesReason(s.phrase) || statedLine(s.phrase))) {
				continue
			}
			kept = append(kept, s)
		}
		d.out = kept
	}
	sortByPos(d.out)
	// a comparison named before the image it reads ("make sure the face matches,
	// using their ID") runs after the step that captures that image
	uses := func(c *step, src string) bool {
		return c.srcA != nil && c.srcA.Source == src || c.srcB != nil && c.srcB.Source == src
	}
	for ci := 0; ci < len(d.out); ci++ {
		c := d.out[ci]
		if c.k != kFaceCompare {
			continue
		}
		last := -1
		for j := ci + 1; j < len(d.out); j++ {
			if d.out[j].k == kDocument && uses(c, "documentPhoto") || d.out[j].k == kFaceScan && uses(c, "faceScan") {
				last = j
			}
		}
		if last < 0 {
			continue
		}
		d.out = slices.Insert(slices.Delete(d.out, ci, ci+1), last, c)
		ci--
	}
	return d.out
}

// givesReason: what the avatar explains is a statement of its own ("explain in
// a friendly way that we need to check their ID because of our insurance
// rules"), not the name of the step it sits beside ("explain the ID scan"), so
// it stays a line though the clause names a step.
func givesReason(phrase string) bool {
	for rest := phrase; rest != ""; {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		if lex.reasonWord[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// statedLine: the told words are a sentence with a subject of its own ("explain
// that we need their ID", "tell them we need to see their passport", "tell the
// users their listing is live", "tell them which number we're texting"): a
// line about the step it names, said beside that step, not the step itself.
func statedLine(phrase string) bool {
	first, rest, _ := strings.Cut(phrase, " ")
	if i := strings.IndexAny(first, "'’"); i > 0 {
		rest = first[i:] + " " + rest // "we're about to text them": "we are …"
	}
	return (subjectWord(first) || whWords[strings.ToLower(first)]) && strings.Count(rest, " ") >= 1 ||
		lex.determiner[strings.ToLower(first)] && relativeClause(rest) ||
		!strings.HasPrefix(phrase, "to ") && (statesFact(phrase) || strings.Contains(phrase, " will "))
}

// relativeClause: the words after a told noun's determiner hold a clause with
// a subject of its own after the noun ("[the] phone number we're about to
// text", "[the] code that we sent"): the line names the thing, and what the
// clause says of a step is not a request for it.
func relativeClause(rest string) bool {
	ws := strings.Fields(rest)
	for i := 1; i+1 < len(ws); i++ {
		if subjectWord(ws[i]) {
			return true
		}
	}
	return false
}

// contractionTail: the token is the second half of a contraction the
// tokenizer split ("'re" of "we're"), written with no space before it.
func contractionTail(orig string) bool {
	return strings.HasPrefix(orig, "'") || strings.HasPrefix(orig, "’")
}

// subjectWord: the word opens a clause with a subject of its own ("that", "we",
// "we're", "they").
func subjectWord(w string) bool {
	if j := strings.IndexAny(w, "'’"); j > 0 {
		w = w[:j]
	}
	return lex.statedSubject[strings.ToLower(w)]
}

// toldFrom returns where the line the avatar tells the user begins: after a
// telling verb and the person it addresses ("tell them", "explain to the
// user"); len(ts) when the clause tells the user nothing.
func toldFrom(ts []token) int {
	_, from := toldLine(ts)
	return from
}

// toldLine returns the telling verb and where its line begins (toldFrom);
// both len(ts) when the clause tells the user nothing.
func toldLine(ts []token) (verb, from int) {
	for i, t := range ts {
		if t.w == "explain" && t.raw != "state" && !(i > 0 && lex.personRef[ts[i-1].raw] && ts[i-1].raw != "this") {
			// (with no one named, "that" opens the line: "the avatar explains
			// that we store a face template only for sign-in"), nor does a
			// subject ("explains we're setting up face sign-in")
			j := skipAddressee(ts, i+1)
			if j < len(ts) && ts[j].raw == "in" {
				// "explains in a sentence or two why we store their face": the
				// manner said before the line
				for k := j + 1; k < len(ts) && k <= j+5; k++ {
					if linesOpen(ts[k]) {
						j = k
						break
					}
				}
			}
			// (a wh-word opens a line as "that" does: "explains why we store their face")
			if j > i+1 || j < len(ts) && linesOpen(ts[j]) {
				return i, j
			}
		}
	}
	return len(ts), len(ts)
}

// linesOpen: t opens what the avatar tells ("that", "we", "why", "how"); not
// "if" or "when", which open a condition of the telling ("tell them when it
// fails").
func linesOpen(t token) bool {
	return t.raw == "that" || lex.lineSubject[t.raw] || whWords[t.raw] && t.raw != "if" && t.raw != "when"
}

// theStep: the word at i is named with "the" ("the comparison", "the face
// match"): a step the flow already has, not a new one.
func theStep(ts []token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if ts[j].raw == "the" {
			return true
		}
		if ts[j].w != "face" {
			return false
		}
	}
	return false
}

func sortByPos(s []*step) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].pos < s[j-1].pos; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func laterChannel(ts []token, i int) int {
	for j := i + 1; j < len(ts) && j <= i+6; j++ {
		// (further off, the channel is where the code goes: "the code should
		// go to their email", "… be sent by email", not "a code, then their
		// email address")
		if channelLemmas[ts[j].w] && (j <= i+4 || ts[j-1].raw == "to" || lex.channelPrep[ts[j-1].raw] || ts[j-2].raw == "to" && ts[j-1].in(hDeterminer)) {
			return j
		}
	}
	return -1
}

// firstOf returns the index of the first token of one of lemmas, or 0 when none is there.
func firstOf(ts []token, lemmas ...string) int {
	for i, t := range ts {
		for _, l := range lemmas {
			if t.w == l {
				return i
			}
		}
	}
	return 0
}

func anyDoc(ts []token) bool {
	for i, t := range ts {
		if lex.docWord[t.w] && !(t.w == "id" && (i > 0 && lex.notDocBefore[ts[i-1].raw] || wouldContraction(t))) {
			return true
		}
	}
	return false
}

// wouldContraction: the token is "I'd" ("I'd like a clear photo of their
// face"), which the tokenizer reads as "id", no identity document.
func wouldContraction(t token) bool {
	o := strings.ToLower(t.orig)
	return o == "i'd" || o == "i’d"
}

// peopleWords: the text talks about people ("enrolled users"), not data.
func peopleWords(ts []token) bool {
	return hasAnyRaw(ts, lex.people)
}

// describesCheck: a negated deepfake word that states what the check is for
// ("not a deepfake", "isn't a spoof") rather than excluding it ("no deepfake check").
func describesCheck(ts []token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch ts[j].raw {
		case "a", "an", "being", "just":
			continue
		case "not", "isnt", "arent", "never", "nor":
			return true
		}
		return false
	}
	return false
}

// imageSource: the clause names a second image to compare a face with (a
// document, a selfie, a photo, data the integrator passes in), or points back at
// one the flow already captured ("compare them", "compare it").
func imageSource(ts []token, seq, out []*step) bool {
	// the live side ("the person on camera", "the live video") is not a second image
	if anyDoc(ts) || has(ts, "selfie") || has(ts, "photo") || has(ts, "provide") || otherCardIn(ts) {
		return true
	}
	if i := index(ts, "face"); i >= 0 && ts[i].raw == "face" && providedImage(ts, i) && !hasAnyHot(ts, hPopulation) {
		return true // "the face we have stored for their account": one image, held by the integrator
	}
	captured := findKind(seq, kDocument) >= 0 || findKind(seq, kFaceScan) >= 0 || findKind(out, kDocument) >= 0 || findKind(out, kFaceScan) >= 0
	if a := index(ts, "against"); a >= 0 && has(ts[a+1:], "enrolled") && has(ts[a+1:], "face") {
		// "don't run them against our patient face database": the other side
		// is the faces enrolled, a search; "them" is the person, not the
		// images captured before
		return false
	}
	return captured && (hasAnyRaw(ts, lex.pairRef) || hasRaw(ts, "it") || len(ts) <= 2)
}

// otherCard: the word at i is a card that is no identity document ("their
// insurance card", "a membership card"): the word before it names another kind.
func otherCard(ts []token, i int) bool {
	if i == 0 || ts[i].raw != "card" && ts[i].raw != "cards" {
		return false
	}
	prev := ts[i-1]
	return isAlpha(prev.raw) && !idCardWords[prev.raw] && !lex.docWord[prev.w] && !prev.in(hDeterminer) && !lex.ownerPossessive[prev.raw] && !lex.personRef[prev.raw]
}

// otherCardIn: the words name a card that is no identity document.
func otherCardIn(ts []token) bool {
	for i := range ts {
		if otherCard(ts, i) {
			return true
		}
	}
	return false
}

// lookUp: "look the user up", "look them up by face".
// searchNamed: a word of the search lemma names a search; but "we already know
// which account they're claiming", "we know who they are" say the person is
// known, so none runs ("see if we already know their face" asks).
//
// captured: the flow takes the face anyway (a face scan named before or in the
// clause), the face "belongs to the member who paid" is said of.
func searchNamed(ts []token, captured bool) bool {
	for i, t := range ts {
		if t.w != "search" {
			continue
		}
		if (t.raw == "know" || t.raw == "knows") && i > 0 && (ts[i-1].raw == "already" || ts[i-1].in(hSpeaker)) && !hasRaw(ts[:i], "if", "whether") {
			continue
		}
		// "so they know where to put their face", "know how long it takes":
		// knowing a place, a way or a time is no lookup of a person
		if (t.raw == "know" || t.raw == "knows") && i+1 < len(ts) && lex.knowWhat[ts[i+1].raw] {
			continue
		}
		// "face scan … just that the face belongs to the member who paid": the
		// face taken is owned by the one person named, no lookup among many
		// ("belongs to one of our members", "which member it belongs to" look
		// up); with no face taken, "check the face belongs to the cardholder"
		// still needs a face check
		if captured && (t.raw == "belong" || t.raw == "belongs") && i+2 < len(ts) && ts[i+1].raw == "to" && ts[i+2].raw == "the" &&
			!slices.ContainsFunc(ts[i+2:], func(u token) bool { return u.w == "enrolled" || u.in(hPopulation) }) {
			continue
		}
		return true
	}
	return false
}

func lookUp(ts []token) bool {
	for i, t := range ts {
		if t.raw == "look" || t.raw == "looks" {
			for j := i + 1; j < len(ts) && j <= i+4; j++ {
				if ts[j].raw == "up" {
					return true
				}
			}
		}
	}
	return false
}

// identityQuestion: the clause asks which person someone is ("which of our
// students this is", "who they are", "who it is out of everyone enrolled").
func identityQuestion(ts []token) bool {
	for i, t := range ts {
		if t.raw == "which" && i+1 < len(ts) && (ts[i+1].raw == "of" || ts[i+1].w == "enrolled") {
			return true
		}
		// "which member it is", "which guest this is": a noun, then who is meant
		if t.raw == "which" && i+3 < len(ts) && lex.identitySubject[ts[i+2].raw] && (ts[i+3].raw == "is" || ts[i+3].raw == "was") {
			return true
		}
		if t.raw == "who" && i+2 < len(ts) && (lex.personPronoun[ts[i+1].raw] || lex.identitySubject[ts[i+1].raw]) && (ts[i+2].raw == "are" || ts[i+2].raw == "is") {
			return true
		}
	}
	return false
}

// dataMatch: the clause compares data ("the name on it matches the name they gave
// us", "the last name matches our records"), not faces.
func dataMatch(ts []token) bool {
	for i, t := range ts {
		// "the name on it is checked against the one they signed up with": a check
		// verb with "against" compares as "match" does ("the full name extracted
		// from that document shall be validated against the name they declared")
		if t.w != "match" && t.w != "same" && t.w != "compare" && !(t.w == "against" && (has(ts[:i], "verify") || has(ts[:i], "validate"))) {
			continue
		}
		if t.w == "same" && !sameChecked(ts, i) {
			continue // "send a code to their inbox (same address they log in with)": which address, not a check
		}
		if t.w == "against" && againstRule(ts, i) {
			// "validate the date of birth against that requirement", "check
			// the DOB against the age rule": a rule the text set, no data on file
			continue
		}
		// (the field may come with a clause of its own before the verb: "the
		// license number we read off it is the same one stored on their account")
		for j := max(0, i-9); j < len(ts) && j <= i+6; j++ {
			if lex.dataField[ts[j].raw] && !(ts[j].raw == "number" && j > 0 && ts[j-1].w == "phone") {
				return true
			}
		}
	}
	return false
}

// sameChecked: "same" at i states a check ("it must be the same name as on
// the ID", "check it's the same email they signed up with") rather than naming
// a thing ("the same address they log in with"): an "as" follows, a be-verb is
// before it, or the clause has a verb of checking.
func sameChecked(ts []token, i int) bool {
	if hasRaw(ts[i+1:min(len(ts), i+5)], "as") {
		return true
	}
	j := i - 1
	for j >= 0 && (ts[j].raw == "the" || ts[j].raw == "exactly" || ts[j].raw == "very") {
		j--
	}
	return j >= 0 && lex.becomes[ts[j].raw] || has(ts, "verify") || hasRaw(ts, "ensure", "sure", "must", "should") || sameOnFile(ts, i)
}

// sameOnFile: "same" at i is said of a field of the user's data that the
// records hold ("they type in the same phone number we have on file", "the
// same date of birth that's on record"): what they give is checked against
// it. ("share the same account" names no field.)
func sameOnFile(ts []token, i int) bool {
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		if lex.dataField[ts[j].raw] {
			return hasAnyRaw(ts[j+1:min(len(ts), j+6)], lex.onFile)
		}
	}
	return false
}

// faceCtxOrPair: the comparison is about faces (and not "the email matches the one on file").
// onlySettings: besides its verb, the clause holds only settings ("compare
// threshold 0.9", "compare(threshold=0.9)"): numbers, their units and keys.
func onlySettings(ts []token) bool {
	for _, t := range ts {
		if !(comparingLemmas[t.w] || t.isNum || t.eq || lex.unit[t.w] || lex.settingKey[t.raw] != "" || lex.linkWord[t.raw] || lex.settingLead[t.raw] || t.w == "," || t.w == ".") {
			return false
		}
	}
	return true
}

// pathPlace: where a trailing phrase naming the flow's path the clause's step
// goes on starts ("on that branch", "on the new-user path", "along this
// route"), or len(ts).
func pathPlace(ts []token) int {
	for i := len(ts) - 1; i > 0; i-- {
		if !lex.pathNoun[ts[i].raw] {
			continue
		}
		j := i - 1
		for j > 0 && ts[j].raw != "on" && ts[j].raw != "along" && ts[j].raw != "in" && i-j < 4 {
			j-- // ("that", "the new user", "their own")
		}
		if ts[j].raw == "on" || ts[j].raw == "along" || ts[j].raw == "in" {
			return j
		}
		return len(ts)
	}
	return len(ts)
}

func faceCtxOrPair(ts []token, seq, out []*step) bool {
	for _, t := range ts {
		if faceTalkLemmas[t.w] {
			return true
		}
		if lex.docWord[t.w] || t.raw == "biometric" || t.raw == "biometrics" || t.raw == "enrolled" {
			return true
		}
		if t.raw == "provideddata" && !dataMatch(ts) {
			return true // "compare against providedData.idPhoto": a photo passed in is a face
		}
		if t.w == "enrolled" && peopleWords(ts) {
			return true
		}
	}
	captured := findKind(seq, kDocument) >= 0 || findKind(seq, kFaceScan) >= 0
	// ("selfie + compare on that branch": the path the step goes on is no thing
	// it compares)
	bare := ts[:pathPlace(ts)]
	if captured && (hasAnyRaw(ts, lex.pairRef) || len(bare) <= 2 || onlySettings(bare)) {
		return true // "compare them", or a bare "comparison" after what it compares ("compare(threshold=0.9)")
	}
	if hasRaw(ts, "it") && (findKind(seq, kFaceScan) >= 0 || findKind(out, kFaceScan) >= 0) && !has(ts, "validate") {
		return true
	}
	// "scan a passport and get compared against it": the person is what is compared
	for i := 1; i < len(ts) && (captured || findKind(out, kDocument) >= 0); i++ {
		if (ts[i].w == "compare" || ts[i].w == "match") && strings.HasSuffix(ts[i].raw, "ed") && lex.passiveAux[ts[i-1].raw] {
			return true
		}
	}
	return false
}

// providedImage: the image at i is one the integrator already holds ("the selfie
// we have on file", "their profile picture", "the headshot we already have", "the
// photo we pass in"), a source of a comparison and not a picture the flow takes.
// The words looked at stop at the other side of the comparison ("to", "against").
func providedImage(ts []token, i int) bool {
	mark := func(j int) bool {
		t := ts[j]
		if t.w == "provide" || lex.providedMark[t.raw] {
			// ("a selfie for our records", "a photo for the file": where the
			// image taken now goes, a purpose, not where a held one came from,
			// as "on file", "from our records" say)
			k := j - 1
			for k > 0 && (ts[k].in(hDeterminer) || ts[k].in(hPossessive)) {
				k--
			}
			return !(k >= 0 && k < j-1 && ts[k].raw == "for")
		}
		if lex.arriveVerb[t.raw] && j+1 < len(ts) {
			// "the candidate's ID photo comes from the registrar", "the renter's DL
			// photo already came in through the booking app": an image handed
			// over, not scanned
			if k := j + 1; lex.arriveFrom[ts[k].raw] || ts[k].raw == "in" && k+1 < len(ts) && lex.arriveFrom[ts[k+1].raw] {
				return true
			}
		}
		return lex.holdVerb[t.raw] && j > 0 && (ts[j-1].raw == "we" || ts[j-1].raw == "already" || ts[j-1].raw == "weve")
	}
	for j := i - 1; j >= 0 && j >= i-3 && !lex.compareStop[ts[j].raw] && !lex.compareStop[ts[j].w]; j-- {
		if mark(j) {
			return true
		}
	}
	// "the uni gives us each student's ID photo": handed to the integrator
	for j := i - 1; j > 0 && j >= i-6 && !lex.compareStop[ts[j].raw] && !lex.compareStop[ts[j].w]; j-- {
		if ts[j].raw == "us" && (lex.holdVerb[ts[j-1].raw] || lex.holdVerb[ts[j-1].w]) {
			return true
		}
	}
	for j := i + 1; j < len(ts) && j <= i+6 && (!lex.compareStop[ts[j].raw] && !lex.compareStop[ts[j].w] || itAgain(ts, j)); j++ {
		if mark(j) {
			return true
		}
	}
	return false
}

// itAgain: the "and" at j goes on about the same image, a verb and "it"
// after it ("has the photo off the ID card and passes it in providedData"),
// no other side of a comparison.
func itAgain(ts []token, j int) bool {
	return ts[j].raw == "and" && j+2 < len(ts) && ts[j+2].raw == "it"
}

// docPhoto: the document named at i is the photo on it ("the ID photo", "their
// ID-card photo", "the passport picture").
func docPhoto(ts []token, i int) bool {
	j := i + 1
	for j < len(ts) && (lex.docWord[ts[j].w] || ts[j].raw == "card") {
		j++
	}
	return j < len(ts) && imageLemmas[ts[j].w] || imageOfDoc(ts, i) >= 0
}

// imageOfDoc is the index of the image the document at i is the source of
// when the image is named first, the document after a preposition ("the photo
// from their licence", "the picture on the passport", "the photo off the
// guest's ID card"), or -1.
func imageOfDoc(ts []token, i int) int {
	j := i - 1
	// ("the photo from their original licence scan": a document scanned before,
	// named by when it was)
	for j >= 0 && (ts[j].in(hDeterminer) || lex.docWord[ts[j].w] || ts[j].in(hUserWord) || lex.docOfOld[ts[j].raw]) {
		j--
	}
	if j > 0 && j < i-1 && lex.imageOf[ts[j].raw] && imageLemmas[ts[j-1].w] {
		return j - 1
	}
	return -1
}

// priorProvided: the clause before named an image the integrator holds.
func priorProvided(ts []token) bool {
	for i, t := range ts {
		if imageLemmas[t.w] && providedImage(ts, i) || lex.docWord[t.w] && heldDocScan(ts, i) {
			return true
		}
	}
	return false
}

// heldDocScan: the document word at i is named as a scan the integrator already
// holds ("we already have their passport scan", "we've got a scan of their ID
// card"): its image, not a scan for the flow to run.
func heldDocScan(ts []token, i int) bool {
	scan := -1
	if i+1 < len(ts) && ts[i+1].w == "scan" {
		scan = i + 1
	}
	for j := i - 1; scan < 0 && j >= 1 && j >= i-3; j-- {
		if ts[j].raw == "of" && ts[j-1].w == "scan" {
			scan = j - 1
		}
	}
	if scan < 0 {
		return false
	}
	// held already: "already have", "we've got", then only the words that
	// point at it ("we have a passport scan, then a selfie" lists the flow's
	// steps; "we have them do a passport scan" asks for one)
	for j := min(i, scan) - 1; j > 0 && j >= min(i, scan)-5; j-- {
		if ts[j].in(hDeterminer) || ts[j].in(hPossessive) || lex.docWord[ts[j].w] {
			continue
		}
		return lex.holdVerb[ts[j].raw] && (ts[j-1].raw == "already" || ts[j-1].raw == "weve")
	}
	return false
}

// compareSources names the two sides of a comparison: what the clause says, then what
// the flow has captured so far.
func compareSources(ts []token, seq, out []*step, an *analysis) (*flow.FaceSource, *flow.FaceSource) {
	prior := an.prior
	var found []string
	addSrc := func(s string) {
		for _, f := range found {
			if f == s {
				return
			}
		}
		found = append(found, s)
	}
	haveScan := findKind(seq, kFaceScan) >= 0 || findKind(out, kFaceScan) >= 0
	provided := has(ts, "provide") || hasAnyRaw(ts, lex.heldImage)
	explicitScan := false
	// named images first: a document, a selfie, a photo passed in, the live video
	for i, t := range ts {
		switch {
		case t.raw == "provideddata" && i > 0 && (lex.compareTo[ts[i-1].raw] || ts[i-1].raw == "vs" || slices.Contains(compareVerbLemmas, ts[i-1].w)):
			addSrc("providedData") // "compare it against providedData.passportPhoto": the key names the image
		case lex.docWord[t.w] && providedImage(ts, i):
			addSrc("providedData") // "the photo ID we already have on file"
		case otherCard(ts, i):
			// "match their face to their insurance card photo": a card the
			// document scan cannot read, so its photo is one the integrator holds
			addSrc("providedData")
			an.notes = append(an.notes, "The photo on the "+ts[i-1].orig+" "+t.orig+" is one you pass in providedData (key \"photo\"): the document scan reads only passports, ID cards, driver's licenses, residence permits and visas.")
		case lex.docWord[t.w] || (t.raw == "card" || t.raw == "cards") && docPhoto(ts, i):
			// ("the card photo", "the card's picture": the ID card just named)
			addSrc("documentPhoto")
		case (imageLemmas[t.w] || t.raw == "face" || t.raw == "one" && i > 0 && ts[i-1].raw == "the") && providedImage(ts, i):
			addSrc("providedData") // "… with the one from when they signed up"
		case imageLemmas[t.w] && an.held && (i > 0 && lex.demonstrative[ts[i-1].raw] || t.w == "photo" && !anyDoc(ts[max(0, i-3):i])):
			// "we hold their reference photo. … Compare the person on camera
			// against that photo", "… compare that scan to the uni's photo"
			addSrc("providedData")
		case t.w == "selfie" && an.held && (haveScan || hasAnyRaw(ts[max(0, i-3):i], lex.demonstrative)) && !(i > 0 && ts[i-1].w == "face") && !(i+1 < len(ts) && ts[i+1].w == "scan"):
			// "we took a selfie and stored it ourselves … do a face scan, then
			// compare that scan with the policy selfie": the selfie held is the
			// photo passed in, the scan the flow's own; so is "that booking
			// selfie" after "we pass it to you in providedData"
			addSrc("providedData")
		case t.w == "selfie" || t.w == "face" && i+1 < len(ts) && ts[i+1].w == "scan":
			addSrc("faceScan")
			explicitScan = true
		case t.w == "photo" && provided && !anyDoc(ts[max(0, i-3):i]):
			addSrc("providedData")
		case t.w == "photo" && i > 0 && ts[i-1].raw == "the" && !anyDoc(ts) && (haveScan || has(ts, "selfie") || has(ts, "face")) &&
			findKind(seq, kDocument) < 0 && findKind(out, kDocument) < 0:
			// "compare that face scan with the photo from the partner": a photo the
			// flow never takes, in a flow with no document, is one the integrator passes in
			addSrc("providedData")
		case t.w == "photo" && i > 0 && lex.demonstrative[ts[i-1].raw] && !anyDoc(ts) && findKind(seq, kDocument) < 0 && findKind(out, kDocument) < 0:
			// "instead of searching all faces compare 1:1 against that photo": in a
			// flow that scans no document, the photo pointed at is one passed in
			addSrc("providedData")
		case (liveSideLemmas[t.w] || t.raw == "video") && !(i > 0 && ts[i-1].w == "same"):
			// ("check the selfie is the same person as the ID photo": "the same
			// person" says the two images show one person, no live side)
			addSrc("sessionVideo")
		}
	}
	// "compare it to …" after "we'll send you their onboarding selfie": the image the
	// clause before named
	if len(found) < 2 && hasRaw(ts, "it", "that", "this") && priorProvided(prior) {
		addSrc("providedData")
	}
	// a comparison that names no image, in a text that holds one ("we already
	// have their passport scan. selfie, then compare"): the image held
	if len(found) == 0 && an.held {
		addSrc("providedData")
	}
	// then "their face", or the person themselves beside one named image ("compare
	// them to the profile photo we pass in"): the selfie when there is one, else
	// the live video
	// ("a face scan compared against it": the face is the scan's, named
	// above, and "it" the document before; no live side. "compare the face
	// scan with that" after a photo passed in keeps reading as before)
	bareFace := false
	for i, t := range ts {
		bareFace = bareFace || t.w == "face" && (!(i+1 < len(ts) && ts[i+1].w == "scan") || !hasRaw(ts, "it") || an.held || priorProvided(prior))
	}
	if len(found) < 2 && (bareFace || len(found) == 1 && hasAnyRaw(ts, lex.personPronoun)) {
		if haveScan && !explicitScan {
			addSrc("faceScan")
		} else {
			addSrc("sessionVideo")
		}
	}
	if len(found) < 2 && (findKind(seq, kDocument) >= 0 || findKind(out, kDocument) >= 0) {
		addSrc("documentPhoto")
	}
	if len(found) < 2 && haveScan {
		addSrc("faceScan")
	}
	if len(found) < 2 {
		addSrc("sessionVideo")
	}
	if len(found) < 2 {
		addSrc("documentPhoto")
	}
	// stable: the reference photo first, the live side second
	rank := map[string]int{"documentPhoto": 0, "providedData": 1, "faceScan": 2, "sessionVideo": 3}
	a, b := found[0], found[1]
	if rank[b] < rank[a] {
		a, b = b, a
	}
	mk := func(s string) *flow.FaceSource {
		fs := &flow.FaceSource{Source: s}
		if s == "providedData" {
			fs.ProvidedDataKey = "photo"
		}
		return fs
	}
	return mk(a), mk(b)
}

func docTypesOf(ts []token, i int) []string {
	t := ts[i]
	prev, next := "", ""
	if i > 0 {
		prev = ts[i-1].raw
	}
	if i+1 < len(ts) {
		next = ts[i+1].raw
	}
	switch t.w {
	case "passport":
		return []string{"passport"}
	case "license", "driver":
		if driverPerson(ts, i) {
			return nil // "for the new drivers only accept a passport": who, not a licence
		}
		return []string{"dl"}
	case "visa":
		return []string{"visa"}
	case "permit", "brp":
		return []string{"residence-permit"}
	case "card":
		return []string{"id"}
	case "id":
		if next == "card" || next == "cards" || prev == "national" || prev == "identity" {
			return []string{"id"}
		}
		// "passport or ID", "ID or driving licence": an ID listed beside another
		// document type is the ID card, not any government ID
		// (a determiner may open the other: "a state ID or a driver's license")
		// (and an issuer before it: "a driver's license or a state ID")
		b, a := i-1, i+1
		for b >= 1 && (ts[b].in(hDeterminer) || lex.issuingBody[ts[b].raw] || ts[b].in(hIssuer) || docModifierLemmas[ts[b].w]) {
			b--
		}
		if a+1 < len(ts) && ts[a+1].in(hDeterminer) {
			a++
		}
		if b >= 0 && b < i-1 {
			prev = ts[b].raw
		}
		if (prev == "or" || prev == "and") && b >= 1 && (lex.docWord[ts[b-1].w] && ts[b-1].w != "document" || ts[b-1].w == "driver") ||
			(next == "or" || next == "and") && a+1 < len(ts) && (lex.docWord[ts[a+1].w] && ts[a+1].w != "document" && ts[a+1].w != "id" || ts[a+1].w == "driver") {
			return []string{"id"}
		}
	}
	return nil // any government ID: decided by the caller's answer or the default
}

// driverPerson: the "driver" at i is a person ("new drivers", "the driver
// takes a selfie"), not a licence: no apostrophe ("driver's"), not "driving",
// and a word follows that is no document's name ("drivers license", "passport
// or drivers" stay the licence).
func driverPerson(ts []token, i int) bool {
	t := ts[i]
	if t.w != "driver" || t.raw == "driving" || strings.ContainsAny(t.orig, "'’") || i+1 >= len(ts) {
		return false
	}
	n := ts[i+1]
	return isAlpha(n.raw) && n.orig != "" && !lex.docWord[n.w] && !docTypeLemmas[n.w]
}

// ageWordEnds: the age word after a number ends the age there ("21 age or
// older", "18 age and up", "… 21 age."), rather than opening a noun of its
// own ("18 age brackets", "5 age groups": how many, not how old).
func ageWordEnds(ts []token, j int) bool {
	return j >= len(ts) || ts[j].orig == "" || !isAlpha(ts[j].raw) || ts[j].raw == "or" || ts[j].raw == "and" || lex.ageComparative[ts[j].raw]
}

// ageAt reads an age limit at a number: "over 21", "21+", "at least 18 years old".
func ageAt(ts []token, i int) int {
	t := ts[i]
	if n, _, ok := numberAt(ts, i); ok && !t.isNum && n >= 12 {
		t = token{isNum: true, num: n, raw: t.raw, w: "#"} // "over eighteen"
	}
	if !t.isNum || t.cur != "" || t.kilo || t.num != math.Trunc(t.num) || t.num < 12 || t.num > 120 {
		return 0
	}
	prev, next := "", ""
	if i > 0 {
		prev = ts[i-1].raw
	}
	if i+1 < len(ts) {
		next = ts[i+1].raw
	}
	if next == "percent" || lex.countedPlace[next] {
		return 0 // "similarity must be at least 90%": a share; "students come from 60+ countries": a count
	}
	if prev == "between" && i+3 < len(ts) && (lex.unit[ts[i+3].w] || ts[i+2].cur != "") {
		return 0 // "between 30 and 60 seconds": a range of another unit
	}
	if lex.periodUnit[next] && !lex.ageUnit[next] || t.plus && i+1 < len(ts) && lex.unit[ts[i+1].w] {
		return 0 // "no activity 24+ months", "30+ days since the last login": a span of time, no age
	}
	ageCtx := t.plus || lex.ageUnit[next]
	if !ageCtx && lex.ageComparative[prev] && prev != "older" && prev != "younger" && i > 1 &&
		!(i+1 < len(ts) && lex.unit[ts[i+1].w]) && !hasAnyRaw(ts, lex.notAge) && !has(ts, "threshold") && !has(ts, "attempt") {
		// "reject anybody under 18", "turn away under-18s": a whole number of 12 to
		// 120 after over/under, with no unit, money or score near it, is an age
		ageCtx = true
	}
	if prev == "least" && i >= 2 && ts[i-2].raw == "at" && !(i+1 < len(ts) && lex.unit[ts[i+1].w]) && !ageCtx {
		ageCtx = hasAnyRaw(ts, lex.ageSubject)
	}
	if prev == "to" && i >= 2 && (ts[i-2].w == "age" || i >= 3 && ts[i-3].w == "age") {
		return int(t.num) // "change the age to 21", "raise the age limit to 21"
	}
	if (prev == "be" || prev == "is" || prev == "of") && i >= 3 && (ts[i-2].w == "age" || ts[i-3].w == "age") {
		return int(t.num) // "the minimum age should be 21", "a minimum age of 21"
	}
	if !ageCtx && prev == "be" && i+1 == len(ts) && dutyPersonBefore(ts, i-1) {
		// "users must be 21", "drivers need to be 25": a person required to be
		// a number, said as the whole requirement, is an age; one for a
		// purpose ("must be 21 to buy alcohol", "65 to get the senior
		// discount") or with another way out ("or have a parent present") may
		// be no limit on the flow, and stays unplaced
		return int(t.num)
	}
	if !ageCtx && next == "yet" && i > 0 && ts[i-1].w == "no" {
		return int(t.num) // "anyone who isn't 18 yet"
	}
	if !ageCtx && (next == "or" || next == "and") && i+2 < len(ts) && lex.ageUp[ts[i+2].raw] {
		ageCtx = true // "21 or over", "21 and older", "21 and up"
	}
	if !ageCtx && (prev == "over" || prev == "under") && i == 1 {
		ageCtx = true // "over 21" on its own, as in "scan ID, over 21"
	}
	if !ageCtx {
		for _, u := range ts {
			if lex.ageLemma[u.w] || lex.ageTopic[u.raw] {
				ageCtx = true
				break
			}
		}
	}
	if !ageCtx || describedAge(ts, i) {
		return 0
	}
	if lex.ageBefore[prev] || prev == "for" && i >= 2 && ts[i-2].raw == "enough" {
		return int(t.num) // ("check the birth date is enough for 21", as "old enough, 21")
	}
	if !(i+1 < len(ts) && lex.unit[ts[i+1].w]) {
		for j := i - 1; j >= 0 && j >= i-4; j-- {
			if lex.ageLemma[ts[j].w] && ts[j].w != "minor" && ts[j].w != "birth" {
				return int(t.num) // "old enough to drink (21)"
			}
		}
	}
	// ("they must be 21 age or older": the age word itself after the number,
	// as "years" would be, "of age" left out)
	if t.plus || lex.ageUnit[next] || next == "or" || i+1 < len(ts) && ts[i+1].w == "age" && ageWordEnds(ts, i+2) {
		return int(t.num)
	}
	return 0
}

// yesBefore: one of the two clauses before ci opens on the "yes" answer to a
// question ("if yes", "if so", "if they do", "if they have it").
func yesBefore(clauses []clause, ci int) bool {
	for j := max(0, ci-2); j < ci; j++ {
		ts := clauses[j].toks
		if len(ts) < 2 || ts[0].raw != "if" {
			continue
		}
		if ts[1].raw == "yes" || ts[1].raw == "so" || len(ts) > 2 && lex.subjectPronoun[ts[1].raw] && lex.yesAux[ts[2].raw] {
			return true
		}
	}
	return false
}

// negatedPlacement is where the verb is when the clause rules out a place for
// a step ("don't put the email code first", "never do the liveness check
// before the scan"): a negation, a verb of placing with a step as its object,
// and one place; or 0. "Don't put users through a liveness check after the
// scan" has people as its object, "never run an SMS code after 10pm" a time,
// and "before or after the scan" rules the step out anywhere.
func negatedPlacement(ts []token) int {
	v, off := 1, 0
	if len(ts) > 2 && (ts[0].raw == "we" || ts[0].raw == "you") && ts[1].in(hNegAux) {
		// "we can't do the ID scan before the liveness check", "you should
		// never send the code before …": the order is ruled out of us
		off = 1
	} else if len(ts) > 3 && (ts[0].raw == "we" || ts[0].raw == "you") && (lex.copulaModal[ts[1].raw] || ts[1].in(hSubjectAux)) && (ts[2].raw == "not" || ts[2].raw == "never") {
		off = 2
	}
	ts = ts[off:]
	if len(ts) > 1 && ts[0].raw == "do" && ts[1].raw == "not" {
		v = 2
	} else if len(ts) == 0 || ts[0].raw != "dont" && ts[0].raw != "never" && (off == 0 || !ts[0].in(hNegAux) && ts[0].raw != "not") {
		return 0
	}
	if v+1 >= len(ts) || !lex.placeVerb[ts[v].raw] && !(lex.orderVerb[ts[v].raw] && slices.ContainsFunc(ts[v+1:], func(t token) bool { return lex.orderPrep[t.raw] })) {
		// (a verb of sending or happening places its step only against
		// another: "don't send the SMS code before the liveness check")
		return 0
	}
	o := v + 1
	for o < len(ts) && ts[o].in(hDeterminer) {
		o++
	}
	if o >= len(ts) || ts[o].in(hUserWord) || lex.personPronoun[ts[o].raw] || len(analyze(ts[o:min(len(ts), o+3)], nil).steps) == 0 {
		return 0
	}
	places := 0
	for j := v + 1; j < len(ts); j++ {
		switch t := ts[j]; {
		case lex.frontWord[t.raw] || lex.backWord[t.raw]:
			places++
		case (t.raw == "before" || t.raw == "after") && j+1 < len(ts) && !ts[j+1].isNum && ts[j+1].raw != "or":
			places++
		case t.raw == "or" || t.raw == "and":
			if j > 0 && (ts[j-1].raw == "before" || ts[j-1].raw == "after") {
				return 0 // "before or after the scan": nowhere
			}
		}
	}
	if places != 1 {
		return 0
	}
	return v + off
}

// negatedPlaceOf reads a place ruled out of the step the clause opens with
// ("the SMS code shouldn't be last", "the email code must not come first",
// "the face scan can never be the very last step"): n is where the negation
// starts (the step's words are before it), m where the place's words start;
// n is 0 when the clause is not one. A place against another step ("… must
// not come before the liveness check") is orderRuledOut's. q > 0 is where a
// scope after the place starts ("… shouldn't be last on mobile", "… first for
// returning users"): a flow runs the same for everyone, so the place is kept
// out for every user, which keeps it out for those too, and said so.
func negatedPlaceOf(ts []token) (n, m, q int) {
	n = -1
	for i, t := range ts {
		// ("is not to be done last": a form of "be" before the "not")
		if t.in(hNegAux) || lex.copulaModal[t.raw] || lex.beForm[t.raw] && i+1 < len(ts) && ts[i+1].raw == "not" {
			n = i
			break
		}
	}
	if n < 1 || n > 5 || !hasAnyRaw(ts[n:], lex.frontWord) && !hasAnyRaw(ts[n:], lex.backWord) {
		return 0, 0, 0 // (the cheap test: a negation after a few words, and a place)
	}
	m = n + 1
	if !ts[n].in(hNegAux) {
		if m >= len(ts) || ts[m].raw != "not" && ts[m].raw != "never" {
			return 0, 0, 0
		}
		m++
	}
	if m+1 < len(ts) && ts[m].raw == "to" && ts[m+1].raw == "be" {
		m++ // "is not to be done last"
	}
	if m < len(ts) && lex.negatedPlaceVerb[ts[m].raw] {
		m++ // "be", "go", "come"
		if m < len(ts) && ts[m-1].raw == "be" && lex.negatedPlacePassive[ts[m].raw] {
			m++ // "cannot be done last"
		}
	}
	places := 0
	for i := m; i < len(ts) && q == 0; i++ {
		t := ts[i]
		switch {
		case lex.frontWord[t.raw] || lex.backWord[t.raw]:
			places++
		case t.raw == "before" || t.raw == "after" || t.raw == "than" || t.isNum:
			return 0, 0, 0
		case t.in(hDeterminer) || lex.placeFiller[t.raw]:
		case places == 1 && lex.placeScope[t.raw]:
			q = i // "… first for returning users"
		case places == 1:
			// "… last on mobile", "… in the EU" ("in the flow" is filler)
			j := i - 1
			for j > m && ts[j].in(hDeterminer) {
				j--
			}
			if !lex.placeScope[ts[j].raw] {
				return 0, 0, 0 // "… shouldn't be last, it annoys people": more than a place
			}
			q = j
		default:
			return 0, 0, 0
		}
	}
	if places != 1 {
		return 0, 0, 0
	}
	return n, m, q
}

// retryRuledOut is where a negated clause names a retry it rules out ("no
// liveness retry", "don't offer a retry on the SMS code", "no second attempt
// at the selfie"), or -1. The negation must reach the retry word: "no SMS,
// retry the liveness check" rules out the code, not the retry.
func retryRuledOut(ts []token) int {
	if !hasAnyHot(ts, hRetryWord) && !hasAnyHot(ts, hRetryAsk) && !hasAnyHot(ts, hAttemptNoun) {
		return -1 // (the cheap test: no word of a retry)
	}
	if hasPhrase(ts, lex.exceptPhrase) {
		// "no retries except on the SMS code": the exception keeps one,
		// which the words around it say
		return -1
	}
	neg := negations(ts)
	for i, t := range ts {
		if !neg[i] && (i == 0 || ts[i-1].raw != "more" || i < 2 || ts[i-2].raw != "no") {
			continue // ("no more retries": "more" keeps the negation from the word)
		}
		if t.in(hRetryWord) && t.raw != "again" || (t.in(hAttemptNoun) || t.in(hRetryAsk)) && i > 0 && lex.oneMore[ts[i-1].raw] {
			if hasRaw(ts[:i], "or", "and", "nor") {
				// "without SMS or retries": a list of what is ruled out, the
				// code with the retries ("no second chance on the SMS code or
				// the liveness" lists what the retry is ruled out on)
				return -1
			}
			return i
		}
	}
	return -1
}

// orderRuledOut reads a clause that rules out an order, not a step: "(but) not
// before the liveness check" and "don't send it before the scan" of the step
// just said, "the code must not come before the liveness check" of its
// subject, "never after the ID scan". It returns the words naming the step
// placed (none: the step just said) and where "before" or "after" is; ok is
// false for any other clause, and for an order bound to a failure or to some
// users ("not after liveness fails", "not before the scan for EU users"),
// which other rules read.
func orderRuledOut(ts []token, ruledOut kindSet) (placed []token, at int, ok bool) {
	if ruledOut == 0 {
		return nil, 0, false // (nothing read as ruled out: no order either)
	}
	neg := slices.IndexFunc(ts, func(t token) bool { return t.in(hNegAux) || t.raw == "not" || t.raw == "never" })
	if neg < 0 {
		return nil, 0, false
	}
	at = slices.IndexFunc(ts[neg+1:], func(t token) bool { return lex.orderPrep[t.raw] })
	if at < 0 {
		return nil, 0, false
	}
	at += neg + 1
	if slices.ContainsFunc(ts[at+1:], func(t token) bool { return lex.failWord[t.raw] || lex.orderQual[t.raw] }) {
		return nil, 0, false
	}
	subject := ts[:neg]
	for len(subject) > 0 && (lex.clauseJoin[subject[0].raw] || subject[0].raw == "but") {
		subject = subject[1:]
	}
	if n := len(subject); n > 0 && (lex.copulaModal[subject[n-1].raw] || subject[n-1].in(hSubjectAux) || subject[n-1].raw == "can") {
		subject = subject[:n-1]
	}
	mid := ts[neg+1 : at]
	if len(mid) > 0 && mid[0].raw == "ever" {
		mid = mid[1:]
	}
	if len(mid) > 0 && (lex.placeVerb[mid[0].raw] || orderVerbAt(mid[0])) {
		mid = mid[1:]
	}
	switch {
	case len(subject) > 0:
		// "the code must not come before …": nothing but the verb between
		if len(mid) > 0 || len(analyze(subject, nil).steps) != 1 {
			return nil, 0, false
		}
		return subject, at, true
	case len(mid) == 0 || len(mid) == 1 && lex.refPronoun[mid[0].raw]:
		return nil, at, true // "not before …", "don't send it before …"
	}
	return nil, 0, false // "don't do the SMS code before …": negatedPlacement's
}

// orderedStep is the step of the flow so far an order is ruled out for: the
// one the words name, or, with none, the last check said in the sentence.
func orderedStep(placed []token, seq []*step, sameSentence bool) *step {
	if len(placed) > 0 {
		if st := analyze(placed, seq).steps; len(st) == 1 {
			if i := findKind(seq, st[0].k); i >= 0 {
				return seq[i]
			}
		}
		return nil
	}
	if !sameSentence {
		return nil
	}
	for i := len(seq) - 1; i >= 0; i-- {
		if !seq[i].k.isConversation() {
			return seq[i]
		}
	}
	return nil
}

// moveOutOf moves the placed step out of the place the words rule out, when
// the flow has it there: off the front ("don't put the email code first"), off
// the end, or to the other side of the step the words place it against (ref:
// "never do the SMS code before the liveness check").
func moveOutOf(seq []*step, place []token, placed *step, ref []*step) []*step {
	var checks []int
	for i, s := range seq {
		if !s.k.isConversation() {
			checks = append(checks, i)
		}
	}
	at := findKind(seq, placed.k)
	c := slices.Index(checks, at)
	if c < 0 || len(checks) < 2 {
		return seq
	}
	r := -1
	if len(ref) > 0 {
		r = findKind(seq, ref[0].k)
	}
	var to int // the index of the step it goes right after (-1: the very front)
	switch {
	case hasAnyRaw(place, lex.frontWord) && c == 0:
		to = checks[1]
	case hasAnyRaw(place, lex.backWord) && c == len(checks)-1:
		to = checks[c-1] - 1 // right before the check before it
	case has(place, "before") && r > at:
		to = r
	case has(place, "after") && r >= 0 && r < at:
		to = r - 1
	default:
		return seq // not where the words rule out ("never put liveness last" with liveness in the middle)
	}
	if splitsRecognition(seq, at, to) {
		return seq // layout keeps a recognition and its liveness check together: said by the caller
	}
	s := seq[at]
	out := slices.Delete(slices.Clone(seq), at, at+1)
	if to > at {
		to-- // its index after the deletion
	}
	return slices.Insert(out, to+1, s)
}

// splitsRecognition: moving the step at from its place to right after to
// would put it between a face recognition and the liveness check after it,
// or in front of a recognition it followed (from the path of recognised users
// onto everyone's), which a move out of a place ruled out must not do.
func splitsRecognition(seq []*step, from, to int) bool {
	lo, hi := min(from, to+1), max(from, to+1)
	return slices.ContainsFunc(seq[lo:hi], func(s *step) bool {
		return s.k == kRecognition || s.k == kLiveness && lo > 0 && seq[lo-1].k == kRecognition
	})
}

// dutyPersonBefore: before "be" at b, a duty ("must", "need to", "have to")
// said of a person ("users", "they", "you", "the driver").
func dutyPersonBefore(ts []token, b int) bool {
	j := b - 1
	if j >= 0 && ts[j].raw == "to" {
		j--
	}
	if j < 1 || !dutyModal[ts[j].raw] && ts[j].raw != "need" {
		return false
	}
	s := ts[j-1]
	return s.in(hUserWord) || lex.personPronoun[s.raw] || s.in(hAddressee) || lex.ageSubject[s.raw] || lex.userOne[s.raw]
}

func ageIn(ts []token) int {
	if i := ageIndex(ts); i >= 0 {
		return ageAt(ts, i)
	}
	return 0
}

// ageIndex is where the clause's first age limit is, or -1.
func ageIndex(ts []token) int {
	for i := range ts {
		if ageAt(ts, i) > 0 {
			return i
		}
	}
	return -1
}

// ageRequired: the clause's age is a limit, said with a comparative ("over
// 21", "21+", "at least 21", "21 or older") or as a requirement ("must be 21",
// "need to be 21 years old"), not an age said of someone ("we've had
// 16-year-olds signing up", "a 17 year old got through"), which sets no
// minimum.
func ageRequired(ts []token) bool {
	i := ageIndex(ts)
	if i < 0 {
		return false
	}
	if ts[i].plus || i+1 >= len(ts) || !lex.ageUnit[ts[i+1].raw] {
		return true
	}
	if i > 0 && (lex.ageComparative[ts[i-1].raw] || ts[i-1].raw == "least") {
		return true
	}
	for _, t := range ts[i+1 : min(len(ts), i+5)] {
		if lex.ageUp[t.raw] {
			return true // "21 years or older"
		}
	}
	return hasAnyRaw(ts[:i], lex.wish) || slices.ContainsFunc(ts[:i], func(t token) bool { return dutyModal[t.raw] })
}

// describedAge: the age at i says how old the users usually are ("our callers
// are mostly over 70", "members tend to be over 60", "lots of them are over
// 70"): who they are, not a limit the flow checks, unless the clause asks for
// one ("they must mostly be over 18" is no description).
func describedAge(ts []token, i int) bool {
	if hasAnyRaw(ts[:i], lex.wish) || slices.ContainsFunc(ts[:i], func(t token) bool { return dutyModal[t.raw] && t.raw != "have" && t.raw != "has" }) {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if lex.typical[ts[j].raw] || lex.beForm[ts[j].raw] && partOfUsers(ts, j) {
			return true
		}
	}
	return false
}

// typicalAge: the clause says how old the users usually are (describedAge)
// with an age after over/under or written "70+".
func typicalAge(ts []token) bool {
	for i, t := range ts {
		if t.isNum && t.num >= 12 && t.num <= 120 && (t.plus || i > 0 && lex.ageComparative[ts[i-1].raw]) && describedAge(ts, i) {
			return true
		}
	}
	return false
}

// ageRangeNote says, for the minimum age at i, the upper end of a range said
// with it ("aged 18 to 65", "reject anyone under 18 or over 65"), which one
// age check does not hold, or "".
func ageRangeNote(ts []token, i int) string {
	for j := i + 2; j < len(ts) && j <= i+4; j++ {
		if upperEnd(ts, j) {
			return "The age check requires at least " + ts[i].orig + "; one age check holds one limit, so the upper one (" + ts[j].orig +
				") is not checked: add a second data_validation on dateOfBirth with youngerThan " + strconv.Itoa(int(ts[j].num)+1) + " if users older than " + ts[j].orig + " must fail."
		}
	}
	return ""
}

// upperEnd: the number at i ends an age range after a smaller age a few words
// before ("under 18 or over 65", "aged 18 to 65"): its upper end, which the
// age check of the minimum notes.
func upperEnd(ts []token, i int) bool {
	if !ts[i].isNum {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch t := ts[j]; {
		case t.isNum:
			// ("18+ (21+ in Mississippi)": two minimums, no range)
			return t.num < ts[i].num && ageAt(ts, j) > 0 && !(t.plus && ts[i].plus)
		case t.raw != "or" && t.raw != "and" && t.raw != "to" && !lex.ageUp[t.raw]:
			return false
		}
	}
	return false
}

// ageCheck is the age check a clause asks for with the age at i.
func ageCheck(ts []token, i, age int) *step {
	return &step{k: kAgeCheck, minAge: age, explicitAge: true, ageUnder: ageUnder(ts, i)}
}

// ageUnder: the age at i is an upper limit the user must meet, not the minimum
// an age check usually sets: "check the holder is actually under 18" (a youth
// pass), "customers must be younger than 26", "under-25s only". An age the text
// keeps out ("reject anyone under 18", "no one under 18", "make sure they're not
// under 18", "if they're under 18", "block users who are under 16") is the
// minimum, as before.
func ageUnder(ts []token, i int) bool {
	j := i - 1
	if j >= 1 && ts[j].raw == "than" && ts[j-1].raw == "younger" {
		j--
	}
	if j < 0 || ts[j].raw != "under" && ts[j].raw != "below" && ts[j].raw != "younger" {
		return false
	}
	// anywhere in the clause, a word that keeps the age out or makes it a
	// condition ("deny access when the user is under 18", "check whether they
	// are under 18; if so, end", "under 18 -> reject"), or a minimum said
	// beside it ("under 18 or over 65"), leaves the age the minimum
	for k, t := range ts {
		if k != j && k != i && (t.w == "no" || t.w == "without" || t.w == "fail" || lex.ageKeptOut[t.raw] || lex.turnAway[t.raw] || lex.ageUp[t.raw] || t.raw == "least") {
			return false
		}
	}
	if j > 0 && ts[j-1].w == "only" || i+1 < len(ts) && ts[i+1].w == "only" {
		return true // "under-25s only", "only under 18s"
	}
	k := j - 1
	for k >= 0 && (lex.filler[ts[k].raw] || ts[k].raw == "still") {
		k-- // "is actually under 18"
	}
	// a predicate of the user the text asks for ("check they're under 18",
	// "they must be younger than 26"), not of a group a relative clause names
	// ("users who are under 16")
	return k >= 0 && lex.beingBefore[ts[k].raw] && !(k > 0 && (ts[k-1].raw == "who" || ts[k-1].raw == "that" || ts[k-1].raw == "which")) &&
		hasAnyRaw(ts[:k], lex.ageRequire)
}

// matchField is the field a data check compares, and whether the clause named
// it: "validate the extracted data" names none, and checks the name (or the
// email the flow collects) only until a check said with it names its own.
func matchField(ts []token, seq []*step) (string, bool) {
	switch {
	case has(ts, "email"):
		return "email", true
	case has(ts, "phone"):
		return "phone", true
	case docNumberIn(ts):
		return "documentNumber", true // "the license number we read off it is the same one stored on their account"
	case hasRaw(ts, "name"):
		return "name", true
	case has(ts, "birth") || hasRaw(ts, "dob", "birthdate"):
		return "dateOfBirth", true // "their date of birth matches the one on their account"
	case findKind(seq, kEnterEmail) >= 0:
		return "email", false
	}
	return "name", false
}

// docNumberIn: the words name a document's number ("the license number",
// "their passport number"), a field the document scan extracts.
func docNumberIn(ts []token) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i].raw == "number" && lex.docWord[ts[i-1].w] {
			return true
		}
	}
	return false
}

// dataCheck: a kind of data_validation read from a document or an entry.
func dataCheck(k kind) bool { return k == kMatchCheck || k == kExpiryCheck || k == kAgeCheck }

// itemAround is the item of a list inside one clause that holds the token at
// i, between the commas around it ("we don't need the data validation, the
// email entry or the email code": the validation's words are its own, and name
// no field); a clause with no comma is one item.
func itemAround(ts []token, i int) []token {
	start, end := i, i
	for start > 0 && ts[start-1].w != "," {
		start--
	}
	for end < len(ts) && ts[end].w != "," {
		end++
	}
	return ts[start:end]
}

// flowDataCheck is the one data check of the flow being edited (a step with
// a node) among steps, or nil when it has none or more than one.
func flowDataCheck(steps []*step) *step {
	var found *step
	for _, s := range steps {
		if s.node != nil && dataCheck(s.k) {
			if found != nil {
				return nil
			}
			found = s
		}
	}
	return found
}

// foldDataCheck folds a data check into a generic one said beside it (list,
// the steps said so far): "validate the extracted fields (mainly that the card
// isn't expired)", "check the data on it, 18+ only" name one check, the
// expiry or the age, as a code said first and given its channel after is one
// code (mergeStep). It returns the step s went into, or nil.
func foldDataCheck(list []*step, s *step) *step {
	if len(list) == 0 || !dataCheck(s.k) {
		return nil
	}
	o := list[len(list)-1]
	switch {
	case o.k == kMatchCheck && o.anyField && s.k != kMatchCheck:
		o.k, o.anyField, o.field = s.k, false, ""
		return mergeStep(o, s)
	case s.k == kMatchCheck && s.anyField && dataCheck(o.k):
		return o // "no expired cards, validate the extracted data": the check just named
	}
	return nil
}

// topicsOf finds what a conversation is about.
func topicsOf(ts []token) topic {
	var tp topic
	// words of the transaction (a recipient, a wallet), and those of them that
	// only say whose name or address it is ("the beneficiary name"): a question
	// about that is asked in the user's words, not as the stock check of the
	// recipient and the amount
	deal, party := 0, 0
	for i, t := range ts {
		if lex.topic[t.raw]&(tTransfer|tWallet) != 0 {
			deal++
		}
		next := ""
		if i+1 < len(ts) {
			next = ts[i+1].raw
		}
		// the words of each topic are lexicon data (topicWords); a few need context
		switch tw := lex.topic[t.raw]; tw {
		case tSecurity:
			if next == "question" || next == "questions" {
				tp |= tSecurity
			}
		case tWilling:
			if t.raw != "will" || i > 0 && ts[i-1].raw == "free" {
				tp |= tWilling
			}
		case tCard:
			// ("the last 4 digits of the phone number": a phone's, not a card's)
			if hasRaw(ts, "last", "four", "digits") && (hasRaw(ts, "card") || !hasRaw(ts, "phone", "mobile", "cell")) {
				tp |= tCard
			}
		case tName, tAddress:
			// "their mother's maiden name", "the company address": another name
			// than the user's own, asked in the user's words
			if i > 0 && lex.topic[ts[i-1].raw]&(tTransfer|tWallet) != 0 {
				party++
			} else if tw == tName && holderName(ts, i) {
				// "confirm the IBAN is on his own name": whose the account is,
				// a yes or no, not a name to state
			} else if next == "of" {
				// "the name of the beneficiary's bank", "the address of the
				// branch": something else's, asked in the user's words
			} else if i == 0 || ts[i-1].orig == "" || ts[i-1].isNum || lex.nameMod[ts[i-1].raw] || ts[i-1].in(hAddressee) || lex.topic[ts[i-1].raw] != 0 || lex.speechVerb[ts[i-1].w] {
				tp |= tw
			}
		default:
			tp |= tw
		}
		switch t.w {
		case "birth":
			tp |= tDOB
		case "coercion":
			if !(tp&tWilling != 0 && (t.raw == "willingly" || t.raw == "willing")) {
				tp |= tCoercion
			}
		}
	}
	if party > 0 && party == deal {
		tp &^= tTransfer | tWallet
	}
	return tp
}

// holderName: the name at i says whom something is held by ("the IBAN is on
// his own name", "the account is registered in their name", "the SIM is under
// her name"): a holder's preposition and a possessive before it, after a
// be-form or a past participle; "type in their name" asks for the name.
func holderName(ts []token, i int) bool {
	j := i - 1
	if j >= 0 && ts[j].raw == "own" {
		j--
	}
	if j < 2 || !lex.ownerPossessive[ts[j].raw] || !lex.holderPrep[ts[j-1].raw] {
		return false
	}
	v := ts[j-2].raw
	return lex.beForm[v] || len(v) > 4 && strings.HasSuffix(v, "ed")
}

// phraseAfter is the user's own words after a question or telling verb, for prompts
// no topic fits: "tell them the account is recovered" gives "the account is
// recovered", "ask them why they're here" gives "why they're here". The person
// spoken to ("them", "the user", "to the customer") and a leading "that" are left
// out: the prompt names the user itself.
func phraseAfter(ts []token, i int) string {
	j := i + 1
	for j < len(ts) && (ts[j].w == "." || ts[j].w == "," || ts[j].w == ":" || ts[j].orig == "") {
		j++
	}
	j = skipAddressee(ts, j)
	if j < len(ts) && ts[j].raw == "that" {
		j++
	}
	if j < len(ts) && lex.speechVerb[ts[j].w] && (strings.HasSuffix(ts[j].raw, "ing") || strings.HasSuffix(ts[j].raw, "s")) {
		// "a question asking them to confirm …", "a line that tells them …": the
		// noun's own verb, which the prompt says itself
		j = skipAddressee(ts, j+1)
	}
	for j+1 < len(ts) && lex.verbatim[ts[j].raw] && ts[j+1].w == quoteW {
		j++ // "say verbatim "…"": the line, as written
	}
	if j < len(ts) && ts[j].w == quoteW {
		if ts[j].raw == "indirect" {
			return spellContractions(ts[j].orig) // "whether they recognise this device"
		}
		return quoteW + ts[j].orig + quoteW // the user's own line, said as written
	}
	var b strings.Builder
	cut := 0 // where the line ends before its last "and", should it run past the cap
	for ; j < len(ts) && j < i+phraseCap; j++ {
		t := ts[j]
		if t.raw == "and" && b.Len() > 0 {
			cut = b.Len()
		}
		if (t.raw == "and" || t.raw == "then") && endsAfter(ts[j+1:]) {
			break // "tell them to contact support and the session ends": what happens next, not the line
		}
		if t.w == "," && j > 0 && (ts[j-1].raw == "yes" || ts[j-1].raw == "no") && b.Len() > 0 {
			b.WriteByte(',') // "reply yes, that is correct": the answer, as it is said
			continue
		}
		if t.w == "." || t.w == "," || t.w == ":" || t.orig == "" {
			continue
		}
		if t.w == quoteW && b.Len() > 0 {
			b.WriteString(": ") // "the rules: no phones, no notes"
			b.WriteString(t.orig)
			continue
		}
		if b.Len() > 0 && !contractionTail(t.orig) {
			b.WriteByte(' ')
		}
		if c, ok := contractions[t.orig]; ok {
			b.WriteString(c) // "asks if theyre ok": the avatar's line spells "they're"
			continue
		}
		b.WriteString(t.orig)
	}
	if cut > 0 && j == i+phraseCap && slices.ContainsFunc(ts[j:], func(t token) bool { return t.orig != "" && t.w != "." && t.w != "," }) {
		// a line longer than the cap ends where a whole part of it does, not
		// mid-phrase ("… can be deleted any time from")
		return b.String()[:cut]
	}
	return placeTail(b.String()) // "say thanks for your patience at the end": the end is where it goes
}

// findWhom is the role of the person the avatar speaks to, when the text names
// one after a verb of speech ("the avatar asks the parent to confirm", "explain
// to the guardian"), or "" when it names none, or two different ones: the
// lines the avatar pursues in its own words speak of "the parent", not "the
// user", so the role the text gave the user is not lost.
func findWhom(ts []token) string {
	whom, other := "", false
	for i, t := range ts {
		if !lex.speechVerb[t.w] {
			continue
		}
		j := i + 1
		if j < len(ts) && ts[j].raw == "to" {
			j++
		}
		// ("tells members that the door is open", "tell hosts their listing is
		// live": a group spoken to, each of them the user; "the parent" is the
		// one person the session is with)
		if j >= len(ts) || ts[j].raw != "the" {
			continue
		}
		j++
		if j < len(ts) && (lex.plainAddressee[ts[j].raw] || ts[j].w == "minor") {
			// "tell the user to contact support", "ask the child their name": the
			// text gives lines to another person too, so no one role is the
			// user's in every line
			other = true
			continue
		}
		if j >= len(ts) || !ts[j].in(hAddressee) {
			continue
		}
		if whom != "" && whom != ts[j].raw {
			return ""
		}
		whom = ts[j].raw
	}
	if other {
		return ""
	}
	return whom
}

// phraseCap is how many words after its verb a line the avatar says may take
// from the text: a spoken line is a sentence or two.
const phraseCap = 32

// spellContractions puts the apostrophe back in contractions typed without
// one ("if theyre ok" → "if they're ok"), for a line the avatar says.
func spellContractions(p string) string {
	ws := strings.Fields(p)
	changed := false
	for i, w := range ws {
		if c, ok := contractions[w]; ok {
			ws[i], changed = c, true
		}
	}
	if !changed {
		return p
	}
	return strings.Join(ws, " ")
}

// skipAddressee returns the index after the person a verb is said to, if the
// words at j name one.
func skipAddressee(ts []token, j int) int {
	k := j
	if k < len(ts) && ts[k].raw == "to" {
		k++
	}
	if k < len(ts) && ts[k].in(hAddressee) {
		return k + 1
	}
	if k+1 < len(ts) && (ts[k].raw == "the" || ts[k].raw == "our") && ts[k+1].in(hAddressee) {
		return k + 2
	}
	if k < len(ts) && (ts[k].raw == "the" || ts[k].raw == "our") {
		// "ask the budget holder to confirm them", "tell the line manager to
		// …": a role named with a word or two before its noun, which the
		// infinitive after it shows is the person spoken to
		for m := k + 1; m < min(len(ts)-1, k+4); m++ {
			if !isAlpha(ts[m].raw) {
				break
			}
			if staffModifier[ts[m].raw] {
				break // "ask the support agent to review the session": the business's staff, not the user
			}
			if (ts[m].in(hAddressee) || lex.roleNoun[ts[m].raw]) && ts[m+1].raw == "to" {
				return m + 1
			}
		}
	}
	return j
}

// copulaAfter reports whether the words after i state a fact ("confirm the
// account is opened", "confirm their new device is registered"): said to the user,
// not asked of them.
func copulaAfter(ts []token, i int) bool {
	for j := i + 1; j < len(ts) && j < i+8; j++ {
		if lex.factVerb[ts[j].raw] {
			return true
		}
		if ts[j].w == "." || ts[j].w == "," {
			return false
		}
	}
	return false
}

// useCase is what the flow is for; it shapes the prompts.
type useCase uint8

const (
	ucGeneric useCase = iota
	ucTransfer
	ucCrypto
	ucPayoutChange
	ucRecovery
	ucPasswordReset
	ucOnboarding
	ucEnrollment
	ucLogin
	ucSIMSwap
	ucNotarization
	ucCheckIn
	ucAge
	ucEmailChange
	ucPayment
	ucDevice
)

func detectUseCase(ts []token) useCase { return detectUseCaseExcept(ts, ucGeneric) }

// detectUseCaseExcept is detectUseCase with the rules for skip left out.
func detectUseCaseExcept(ts []token, skip useCase) useCase {
	for _, r := range useCaseRules {
		if r.uc != skip && r.matches(ts) {
			return r.uc
		}
	}
	return ucGeneric
}

// findNoun returns the text's own word for what the flow's lines speak of: a
// payment's ("withdrawal"), or for a device recovery the new device's
// ("handset" in "esim activation on a new handset"), or "".
func findNoun(ts []token, uc useCase) string {
	if uc != ucDevice {
		return findPaymentNoun(ts)
	}
	for i := 1; i < len(ts); i++ {
		n := lex.deviceNoun[ts[i].raw]
		if n == "" || !lex.newDevice[ts[i-1].raw] || i+1 < len(ts) && lex.dataField[ts[i+1].raw] {
			continue // ("a new phone number" is a number, not the device)
		}
		if i+2 < len(ts) && (ts[i+1].raw == "or" || ts[i+1].raw == "and") && lex.deviceNoun[ts[i+2].raw] != "" && lex.deviceNoun[ts[i+2].raw] != n {
			return n + " or " + lex.deviceNoun[ts[i+2].raw] // "a new handset or tablet": either
		}
		return n
	}
	return ""
}

// findPaymentNoun returns the text's own word for a payment ("withdrawal",
// "payout", "purchase"), or "".
func findPaymentNoun(ts []token) string {
	for _, t := range ts {
		if n := lex.paymentNoun[t.raw]; n != "" {
			return n
		}
	}
	return ""
}

// amountCondition: the words single out small amounts of money ("for transfers
// under 500", "for amounts below $1k", "payments of less than 200"), which no
// FaceSign node can tell apart. Large amounts ("for transfers over 10k: …, no
// email code") are what a step-up flow is for, so what is said of them is said
// of the flow.
func amountCondition(ts []token) bool {
	money := slices.ContainsFunc(ts, func(t token) bool {
		return lex.paymentNoun[t.raw] != "" || lex.moneyNoun[strings.TrimSuffix(t.raw, "s")]
	})
	for i := 0; i+1 < len(ts); i++ {
		if !ts[i].in(hSmallAmount) {
			continue
		}
		j := i + 1
		if ts[j].raw == "than" && j+1 < len(ts) {
			j++ // "less than 200"
		}
		// (a bare number under 100 is an age more often than money: "under 21")
		if n := ts[j]; n.isNum && (n.cur != "" || n.kilo || money && n.num >= 100) {
			return true
		}
	}
	return false
}

// untoldGroup is the group of users a clause scopes itself to when the flow
// cannot tell that group from the rest ("for EU users", "for business
// customers", "for users abroad", "for people in Germany"): a session runs the
// same checks for everyone it is started for, and only the integrator's app
// knows where a user lives or what account they hold. New, known and
// returning users are no such group (recognition tells them apart), nor are
// all users ("for everyone", "for all our customers") or an age ("for users
// under 18", which a data check reads). A device is such a group too ("no
// SMS code on mobile", "skip the email code in the browser"): the session page
// is the same wherever the app opens it. It returns "" for any other clause.
func untoldGroup(ts []token) (string, []token) {
	for i := 0; i+1 < len(ts); i++ {
		if !lex.groupLead[ts[i].raw] {
			continue
		}
		// the words between punctuation around the group: what it scopes
		// ("too long for our visa customers, please delete both codes" is
		// why, and the removal is everyone's)
		from, to := i, i
		for from > 0 && ts[from-1].w != "," && ts[from-1].w != "." && ts[from-1].w != ";" && ts[from-1].w != ":" {
			from--
		}
		for to < len(ts) && ts[to].w != "," && ts[to].w != "." && ts[to].w != ";" && ts[to].w != ":" {
			to++
		}
		if ts[i].raw != "for" {
			if d := devicesAt(ts, i+1); d > i+1 {
				return "users " + ts[i].raw + " " + clauseText(ts[i+1:d]), ts[from:to]
			}
			continue
		}
		if i+2 >= len(ts) {
			continue
		}
		j := i + 1
		for j < len(ts) && (ts[j].raw == "the" || ts[j].raw == "our" || ts[j].raw == "those") {
			j++
		}
		u := j
		for u < len(ts) && u < j+3 && !ts[u].in(hUserWord) {
			u++
		}
		if u >= len(ts) || !ts[u].in(hUserWord) {
			continue
		}
		mods := ts[j:u]
		if slices.ContainsFunc(mods, func(t token) bool {
			return t.isNum || t.in(hCondNew) || t.in(hCondKnown) || lex.seenBefore[t.raw] || lex.quantifier[t.raw] || lex.universal[t.raw] || lex.elseWord[t.raw] || t.in(hDeterminer) || lex.ageComparative[t.raw] || t.w == "," || t.w == "."
		}) {
			continue
		}
		end := u + 1
		if len(mods) == 0 {
			// "for users in the EU", "for customers abroad": where they are
			if end >= len(ts) || !lex.groupPlace[ts[end].raw] {
				continue
			}
			for end < len(ts) && end < u+5 && ts[end].w != "," && ts[end].w != "." && !lex.clauseJoin[ts[end].raw] && !ts[end].isNum && !lex.ageComparative[ts[end].raw] && !lex.groupTailStop[ts[end].raw] && !ts[end].in(hNegAux) && !lex.canonKind(ts[end]) {
				end++
			}
		}
		if readCondition(ts[i:], nil).k != condNone {
			continue // "for users we don't recognise": the recognition's
		}
		return clauseText(ts[j:end]), ts[from:to]
	}
	return "", nil
}

// scopedGroup is untoldGroup of the clause at ci, read with the clause before
// it in its sentence when that one only names a group ("For EU users, skip
// the SMS code", "On desktop, don't do liveness"): the group scopes what
// follows. ts is what was read.
func scopedGroup(clauses []clause, ci int) (group string, seg, ts []token) {
	ts = clauses[ci].toks
	if ci > 0 && clauses[ci-1].sent == clauses[ci].sent && len(clauses[ci-1].toks) <= 6 && hasAnyRaw(clauses[ci-1].toks, lex.groupLead) {
		prev := clauses[ci-1].toks
		// ("KYC for our gig workers but skip the document": a purpose named
		// for a group, the flow's use case before the group's word, says whom
		// the whole flow is for, and scopes nothing after it)
		lead := slices.IndexFunc(prev, func(t token) bool { return lex.groupLead[t.raw] })
		// (unless the clause names a group of its own: "Onboarding for hosts
		// and guests but skip the document for guests" leaves the document
		// out for guests only, which the flow cannot tell)
		if g, _ := untoldGroup(prev); g != "" && !(lead > 0 && detectUseCase(prev[:lead]) != ucGeneric && !slices.ContainsFunc(ts, namesPeople)) && len(analyze(prev, nil).steps) == 0 {
			ts = slices.Concat(prev, ts)
		}
	}
	group, seg = untoldGroup(ts)
	return group, seg, ts
}

// devicesAt is the end of the devices named from i, after determiners
// ("the mobile web", "iOS"), or of a time the session runs at ("weekends",
// "night", "business hours"), or i when none is.
func devicesAt(ts []token, i int) int {
	j := i
	for j < len(ts) && ts[j].in(hDeterminer) {
		j++
	}
	if j < len(ts) && lex.sessionTime[ts[j].raw] {
		if j+1 < len(ts) && ts[j+1].raw == "hours" {
			return j + 2 // "outside business hours"
		}
		if ts[j].raw != "business" && ts[j].raw != "office" && ts[j].raw != "hours" || ts[j].raw == "hours" && ts[i-1].raw == "after" {
			return j + 1 // "on weekends", "at night", "after hours"
		}
		return i
	}
	if j >= len(ts) || !lex.sessionDevice[ts[j].raw] {
		return i // ("we do that in the app now" is where, not who)
	}
	if j+1 < len(ts) && lex.platform[ts[j+1].raw] {
		return j + 2 // "the mobile app"
	}
	return j + 1
}

// untoldGroupNote says that a change scoped to a group the flow cannot tell
// apart is left to the integrator's app.
func untoldGroupNote(ts []token, group string) string {
	return "A FaceSign flow cannot tell " + group + " from other users, so \"" + clauseText(ts) + "\" is left to your app (start their sessions with a flow of their own); this flow is the same for everyone and keeps its steps where they were."
}

// untoldGroupAdded says that a step added for a group the flow cannot tell
// apart is added for everyone.
func untoldGroupAdded(ts []token, group string) string {
	return "A FaceSign flow cannot tell " + group + " from other users, so what \"" + clauseText(ts) + "\" adds is there for everyone; start other users' sessions with a flow without it if only " + group + " should get it."
}

// amountNote says that a step left out for some amounts stays in the flow.
func amountNote(ts []token) string {
	if has(ts, "only") && !slices.Contains(negations(ts), true) {
		// "Under 10k just the OTP": the others are what those amounts leave out
		return "A FaceSign flow cannot see the amount, so \"" + clauseText(ts) + "\" is left to your app (start a flow with only that step for those amounts); this flow keeps every step."
	}
	return "A FaceSign flow cannot see the amount, so \"" + clauseText(ts) + "\" is left to your app (start a flow without that step for those amounts); this flow keeps it."
}

// findAmount returns the first money amount as written ("$5,000", "10k").
func findAmount(ts []token) string {
	for i, t := range ts {
		if !t.isNum {
			continue
		}
		next := ""
		if i+1 < len(ts) {
			next = ts[i+1].raw
		}
		if t.kilo && t.cur == "" && lex.countNoun[next] {
			continue // "250k users": a count, not money
		}
		if i > 0 && (lex.pastVerb[ts[i-1].raw] || lex.storyAmount[ts[i-1].raw]) || i > 1 && lex.storyAmount[ts[i-2].raw] {
			continue // "a controller nearly sent $480k to a fraudster": a story, not the amount at stake
		}
		if t.cur != "" || t.kilo || next == "dollars" || next == "usd" || next == "eur" || next == "euros" || next == "gbp" || next == "pounds" {
			s := t.orig
			switch next {
			case "dollars", "usd":
				if t.cur == "" {
					s = "$" + s
				}
			case "eur", "euros":
				s += " euros"
			case "gbp", "pounds":
				s = "£" + s
			}
			return s
		}
		if t.num >= 1000 && t.num == math.Trunc(t.num) && (i > 0 && (ts[i-1].raw == "over" || ts[i-1].raw == "above")) && ageAt(ts, i) == 0 {
			return strconv.FormatFloat(t.num, 'f', -1, 64)
		}
	}
	return ""
}

var langCodes = map[string]string{
	"english": "en", "spanish": "es", "french": "fr", "german": "de", "italian": "it", "portuguese": "pt",
	"dutch": "nl", "japanese": "ja", "chinese": "zh", "mandarin": "zh", "korean": "ko", "arabic": "ar",
	"hindi": "hi", "russian": "ru", "polish": "pl", "turkish": "tr", "swedish": "sv", "danish": "da",
	"norwegian": "no", "finnish": "fi", "greek": "el", "hebrew": "he", "thai": "th", "vietnamese": "vi",
	"indonesian": "id", "ukrainian": "uk", "czech": "cs", "romanian": "ro", "hungarian": "hu",
	"castilian": "es", "espanol": "es", "francais": "fr", "deutsch": "de",
}

// issuedIn: the words of the clause that say where a document was issued ("UK
// passports and EU ID cards only", "a French passport", "US driver's
// licences"), as written, or "": a country or region right before a document's
// name.
func issuedIn(ts []token) string {
	from, to := -1, -1
	for i := 0; i+1 < len(ts); i++ {
		if i > 0 && ts[i].raw == "issued" && lex.docWord[ts[i-1].w] {
			// "documents issued in the EEA", "passports issued by an EU country":
			// the issuer after the document, at most three words on
			for j := i + 1; j < len(ts) && j <= i+4; j++ {
				if ts[j].in(hIssuer) && (ts[j].raw != "us" || ts[j].orig == "US") {
					if from < 0 {
						from = i - 1
					}
					to = j + 1
					break
				}
			}
			continue
		}
		d := i + 1
		if d+1 < len(ts) && ts[d].raw == "issued" {
			d++ // "EEA-issued documents only": the issuer with its participle
		}
		if !ts[i].in(hIssuer) || ts[i].raw == "us" && ts[i].orig != "US" || !docAfter(ts, d) {
			continue // ("they send us passport photos": the pronoun)
		}
		if from < 0 {
			from = i
		}
		to = d
		for to < len(ts) && (docModifierLemmas[ts[to].w] || lex.docWord[ts[to].w] || ts[to].raw == "card" || ts[to].raw == "cards") {
			to++
		}
	}
	if from < 0 {
		return ""
	}
	return clauseText(ts[from:to])
}

// docAfter: a document's name starts at i ("passports", "ID cards", "driver's
// licences").
func docAfter(ts []token, i int) bool {
	for j := i; j < len(ts) && j <= i+2; j++ {
		if lex.docWord[ts[j].w] {
			return true
		}
		if !docModifierLemmas[ts[j].w] {
			return false
		}
	}
	return false
}

// langsIn returns the codes of the languages the text names and their names as
// written, capitalised ("Spanish").
func langsIn(ts []token) (out, names []string) {
	for i, t := range ts {
		code, ok := langCodes[t.raw]
		if !ok {
			continue
		}
		if i+1 < len(ts) && docAfter(ts, i+1) {
			continue // "a French passport": where it was issued (issuedIn), not a language
		}
		if t.raw == "polish" && !(i > 0 && (ts[i-1].raw == "in" || ts[i-1].raw == "and") || i+1 < len(ts) && (ts[i+1].raw == "and" || ts[i+1].raw == "language")) {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == code
		}
		if !dup {
			out = append(out, code)
			names = append(names, strings.ToUpper(t.orig[:1])+t.orig[1:])
		}
	}
	return out, names
}

// findAvatar reads "avatar named Anna", "the avatar Max", "use Emma as the avatar".
func findAvatar(ts []token) string {
	for i, t := range ts {
		if t.raw != "avatar" {
			continue
		}
		for j := i + 1; j < len(ts) && j <= i+3; j++ {
			u := ts[j]
			if u.raw == "named" || u.raw == "called" || u.raw == "is" || u.raw == "should" || u.raw == "be" {
				continue
			}
			if isName(u) {
				return u.orig
			}
			break
		}
		if i > 0 && isName(ts[i-1]) && i > 1 && (ts[i-2].raw == "the" || ts[i-2].raw == "use" || ts[i-2].raw == "with") {
			return ts[i-1].orig
		}
	}
	return ""
}

func isName(t token) bool {
	if t.orig == "" || t.isNum || len(t.orig) < 2 {
		return false
	}
	c := t.orig[0]
	if c < 'A' || c > 'Z' {
		return false
	}
	switch t.raw {
	case "asks", "should", "says", "speaks", "will", "then", "welcomes", "explains", "and", "i", "the":
		return false
	}
	return !t.known
}

// notPlace: the order word at i is the place ruled out ("the code should be
// the last thing they do, not the first", "last, not first", "at the very
// start, not at the end"), not the one asked for.
func notPlace(ts []token, i int) bool {
	j := i - 1
	for j >= 0 && (ts[j].raw == "the" || ts[j].raw == "at" || ts[j].raw == "to" || ts[j].raw == "very") {
		j--
	}
	// "it can't go first", "shouldn't be done last": the verb of the place,
	// in the passive too, after the negation
	if j >= 0 && lex.negatedPlacePassive[ts[j].raw] && j > 0 && ts[j-1].raw == "be" {
		j--
	}
	if j >= 0 && lex.negatedPlaceVerb[ts[j].raw] {
		j--
	}
	return j >= 0 && (ts[j].raw == "not" || ts[j].raw == "never" || ts[j].in(hNegAux) && j < i-1)
}

// whenBefore: a "when" comes before word i in its sentence.
func whenBefore(ts []token, i int) bool {
	for j := i - 1; j >= 0 && ts[j].w != "." && ts[j].w != "!" && ts[j].w != "?"; j-- {
		if ts[j].raw == "when" || ts[j].raw == "whenever" {
			return true
		}
	}
	return false
}

// clauseNamesCheck: the clause is nothing but the name of a step that is no
// conversation ("liveness", "then the sms code"); a heading that speaks of
// steps ("moving off Guardian (which did SMS with an email fallback)") is no
// step of the flow.
func clauseNamesCheck(ts []token) bool {
	return namesOnly(ts) && slices.ContainsFunc(analyze(ts, nil).steps, func(s *step) bool { return !s.k.isConversation() })
}

// negWord: a word that negates what follows ("no", "without" by lemma;
// "not", "never" as written).
func negWord(t token) bool { return negationLemmas[t.w] || t.raw == "not" || t.raw == "never" }

// notEnough: the clause says a step is not enough ("email alone isn't
// enough", "one code is not sufficient"): a negation right before a word of
// sufficiencyWords (which moreReasonWords holds too).
func notEnough(ts []token) bool {
	for i := 1; i < len(ts); i++ {
		if slices.Contains(sufficiencyWords, ts[i].raw) && negWord(ts[i-1]) {
			return true
		}
	}
	return false
}

// sceneTitle: clause ci is the title after a scenario's heading ("Scenario:
// new customer signs up", "Feature: …").
func sceneTitle(clauses []clause, ci int) bool {
	return ci > 0 && clauses[ci-1].colon && len(clauses[ci-1].toks) == 1 && lex.sceneHead[clauses[ci-1].toks[0].raw]
}

// searchesFaceStore: a search of a store ("the database", "a DB lookup") for
// who the person is ("search the database for a match", "to find out who they
// are"): in a FaceSign flow that is its enrolled faces, the 1:N recognition.
// Not when the clause searches for something else (an email, a phone, a
// document, a code, a record, a flag).
func searchesFaceStore(ts []token) bool {
	s := slices.IndexFunc(ts, func(t token) bool { return t.in(hSearchVerb) })
	if s < 0 {
		return false
	}
	store := s > 0 && lex.faceStore[ts[s-1].raw] // ("a database lookup": the store before the search's noun)
	for j := s + 1; j < len(ts) && j <= s+4 && !store; j++ {
		store = lex.faceStore[ts[j].raw]
	}
	if !store || has(ts, "email") || has(ts, "phone") || has(ts, "code") || has(ts, "sms") || anyDoc(ts) {
		return false
	}
	// the search looks for who the person is ("search the database for their
	// face", "… to see who they are"); a search for anything else ("for fraud
	// flags", "to see if they already have an account", "the db record") is
	// the app's own back-end work, no step of the flow
	return slices.ContainsFunc(ts[s+1:], func(t token) bool { return lex.faceStoreCue[t.raw] })
}

// needEnds: "needed" at i ends its clause (a comma, a full stop, "anymore").
func needEnds(ts []token, i int) bool {
	for _, t := range ts[i+1:] {
		if t.w == "," || t.w == "." || t.w == ";" {
			return true
		}
		if !lex.needTail[t.raw] {
			return false
		}
	}
	return true
}

// slotNamed: a clause that names a place first and the step for it after a
// copula ("the step before that liveness check should be the camera
// permission request", "the one right after the ID scan is the face
// compare") puts that step there: read as "the camera permission request
// right before that liveness check". Nil when the clause is not of that
// shape (a word test on its first words comes first).
func slotNamed(ts []token) []token {
	if len(ts) < 6 || ts[0].raw != "the" || !lex.slotNoun[ts[1].raw] {
		return nil
	}
	i := 2
	for i < len(ts) && lex.placeNear[ts[i].raw] {
		i++
	}
	if i >= len(ts) || ts[i].raw != "before" && ts[i].raw != "after" {
		return nil
	}
	prep := i
	be := -1
	for j := prep + 2; j+1 < len(ts); j++ {
		if ts[j].raw == "is" || ts[j].raw == "be" && lex.copulaModal[ts[j-1].raw] {
			be = j
			break
		}
		if ts[j].raw == "" {
			return nil
		}
	}
	if be < 0 {
		return nil
	}
	end := be
	for end > prep+1 && (lex.copulaModal[ts[end-1].raw] || ts[end-1].raw == "to") {
		end--
	}
	x, y := ts[prep+1:end], ts[be+1:]
	if len(analyze(x, nil).steps) != 1 || len(analyze(y, nil).steps) == 0 {
		return nil
	}
	return slices.Concat(y, tokenize("right"), ts[prep:prep+1], x)
}

// branched: the text names groups of users a recognition tells apart ("face
// recognition; known users get …, unknown users get …"). There "the step after
// the ID scan should be a face compare" is left to the older reading: put as "a
// face compare right after the ID scan" it would take the flow off its paths,
// dropping the recognition and the path it opens.
func branched(clauses []clause) bool {
	return slices.ContainsFunc(clauses, func(c clause) bool { return namesUserGroup(c.toks) })
}

// namesPeople: the token names people, a group of users ("guests",
// "couriers", "a landlord"), not a face.
func namesPeople(t token) bool {
	return (t.in(hUserWord) || lex.userOne[t.raw]) && t.raw != "face" && t.raw != "faces"
}
