package flowbuild

import (
	"math"
	"strconv"
	"strings"

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
	kAsk    // a conversation that waits for the user's answer
	kInform // a conversation that only speaks
	kClosing
	kindCount
)

var kindNodeType = [kindCount]flow.NodeType{
	kGreeting: flow.TypeConversation, kPermissions: flow.TypePermissions, kLiveness: flow.TypeLiveness, kFaceScan: flow.TypeFaceScan,
	kFaceCompare: flow.TypeFaceCompare, kRecognition: flow.TypeRecognition, kDocument: flow.TypeDocumentScan,
	kEnterEmail: flow.TypeEnterEmail, kEmailOTP: flow.TypeTwoFactorEmail, kSMSOTP: flow.TypeTwoFactorSMS, kOTP: flow.TypeTwoFactorSMS,
	kAgeCheck: flow.TypeDataValidation, kMatchCheck: flow.TypeDataValidation, kAsk: flow.TypeConversation, kInform: flow.TypeConversation,
	kClosing: flow.TypeConversation,
}

var kindNames = [kindCount]string{
	kGreeting: "greeting", kPermissions: "camera and microphone permission", kLiveness: "liveness check",
	kFaceScan: "face scan", kFaceCompare: "face comparison", kRecognition: "face recognition", kDocument: "ID document scan",
	kEnterEmail: "email entry", kEmailOTP: "email one-time code", kSMSOTP: "SMS one-time code", kOTP: "one-time code",
	kAgeCheck: "age check", kMatchCheck: "data check", kAsk: "question", kInform: "explanation", kClosing: "closing line",
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
func (s *kindSet) add(k kind)     { *s |= 1 << k }

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
)

// step is one recognised step with its parameters.
type step struct {
	k           kind
	topics      topic
	phrase      string // the user's own words for a question, used when no topic fits
	docTypes    []string
	srcA        *flow.FaceSource
	srcB        *flow.FaceSource
	minAge      int
	field       string // kMatchCheck
	otpLen      int
	expiry      int
	attempts    int
	mic         bool // permissions: the text named the microphone
	challenge   bool // face_scan: a liveness challenge was asked for
	front, back bool
	again       bool
	explicitAge bool // the age came from a number in the text
	pos         int
	auto        bool       // added by the builder, not named by the user
	node        *flow.Node // the node this step came from (Edit), reused with its id and fields
}

// clause is a run of tokens between separators, with what the separators said.
type clause struct {
	toks  []token
	sent  int  // sentence number
	title bool // before the first colon of the text: a heading
}

// splitClauses cuts tokens at punctuation, at "then", "followed by", and at "and"
// before a verb, so that each clause holds roughly one instruction.
func splitClauses(ts []token) []clause {
	var out []clause
	var cur []token
	sent := 0
	colonSeen := false
	flush := func() {
		// drop leading and trailing conjunctions
		for len(cur) > 0 && isConj(cur[0].raw) {
			cur = cur[1:]
		}
		for len(cur) > 0 && isConj(cur[len(cur)-1].raw) {
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			out = append(out, clause{toks: cur, sent: sent})
		}
		cur = nil
	}
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		switch t.w {
		case ".":
			flush()
			sent++
			continue
		case ":":
			flush()
			if !colonSeen {
				colonSeen = true
				for j := range out {
					if out[j].sent == sent {
						out[j].title = true
					}
				}
			}
			sent++
			continue
		case ",":
			flush()
			continue
		}
		switch {
		case t.w == "then" && t.raw != "next" || t.raw == "next" && (i+1 >= len(ts) || ts[i+1].raw != "time"):
			flush()
			continue
		case t.raw == "followed" && i+1 < len(ts) && ts[i+1].raw == "by":
			flush()
			i++
			continue
		case (t.raw == "and" || t.raw == "also" || t.raw == "plus" || t.raw == "but") && i+1 < len(ts) && startsInstruction(ts, i+1):
			flush()
			continue
		case (t.raw == "if" || t.raw == "otherwise" || t.raw == "unless") && len(cur) > 0:
			flush()
		}
		cur = append(cur, t)
	}
	flush()
	return out
}

func isConj(w string) bool {
	switch w {
	case "and", "or", "also", "plus", "but", "lastly":
		return true
	}
	return false
}

// verbs that start a new instruction after "and".
var instructionVerbs = map[string]bool{
	"scan": true, "take": true, "compare": true, "match": true, "recognize": true, "identify": true, "verify": true,
	"validate": true, "ask": true, "confirm": true, "explain": true, "greet": true, "welcome": true, "send": true,
	"collect": true, "have": true, "make": true, "do": true, "run": true, "perform": true, "use": true, "include": true,
	"add": true, "finish": true, "end": true, "then": true, "let": true, "require": true, "need": true, "say": true,
	"thank": true, "goodbye": true, "finally": true, "email": true, "sms": true, "capture": true, "if": true,
	"otherwise": true, "once": true, "after": true, "before": true, "liveness": true, "later": true, "dont": true,
	"no": true, "without": true, "only": true, "we": true, "well": true, "they": true, "theyll": true,
	"you": true, "youll": true,
}

func startsInstruction(ts []token, i int) bool {
	t := ts[i]
	if instructionVerbs[t.w] || instructionVerbs[t.raw] {
		// "camera and microphone", "date of birth and last four digits" stay together because
		// their second half is a noun; lemmas like "email" count only as verbs with an object
		if t.w == "email" || t.w == "sms" {
			return i+1 < len(ts) && (ts[i+1].raw == "them" || ts[i+1].raw == "the" || ts[i+1].raw == "a")
		}
		if t.w == "liveness" || t.w == "no" || t.w == "without" || t.w == "only" {
			return true
		}
		return true
	}
	return false
}

// parsed is everything Build learned from a description.
type parsed struct {
	steps     []*step
	excluded  kindSet
	exclusive bool
	policy    string // "end", "retry", "human" or ""
	uc        useCase
	amount    string
	langs     []string
	avatar    string
	notes     []string // assumptions made while reading
}

// parse reads a description into ordered steps.
func parse(text string) *parsed {
	ts := tokenize(text)
	p := &parsed{uc: detectUseCase(ts)}
	p.amount = findAmount(ts)
	p.langs = findLangs(ts)
	p.avatar = findAvatar(ts)
	clauses := splitClauses(ts)

	// a heading before the first colon ("Email change: recognition, liveness, email code")
	// names the use case, not a step, when the rest of the text names steps
	hasBody := false
	for _, c := range clauses {
		if !c.title {
			hasBody = true
			break
		}
	}

	var seq []*step
	var pendingAnchor []*step // "After the ID scan," waiting for the next clause
	var pendingAfter bool
	policySent := -1
	for ci, c := range clauses {
		if c.title && hasBody {
			continue
		}
		if isPolicyClause(c, clauses, ci) || c.sent == policySent {
			policySent = c.sent
			if pol := readPolicy(c.toks); pol != "" {
				p.policy = pol
			}
			continue
		}
		a := analyze(c.toks, seq)
		p.excluded |= a.neg
		if a.exclusive {
			p.exclusive = true
		}
		if pol := readPolicy(c.toks); pol != "" && a.policyOnly {
			p.policy = pol
		}
		main := a.steps
		for _, s := range main {
			s.front = s.front || a.front
			s.back = s.back || a.back
			s.again = a.again
		}
		switch {
		case len(a.ref) > 0 && len(main) == 0:
			// "After the liveness check," on its own: the next clause goes there
			seq = ensure(seq, a.ref)
			pendingAnchor, pendingAfter = a.ref, a.refAfter
			continue
		case len(a.ref) > 0:
			seq = place(seq, main, a.ref, a.refAfter)
		case len(pendingAnchor) > 0:
			seq = place(seq, main, pendingAnchor, pendingAfter)
		default:
			seq = merge(seq, main)
		}
		pendingAnchor = nil
	}
	// excluded kinds never appear, however else they were mentioned
	out := seq[:0]
	for _, s := range seq {
		if p.excluded.has(s.k) && s.k != kAsk {
			continue
		}
		out = append(out, s)
	}
	p.steps = order(out)
	return p
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

// place puts steps right after (or before) the reference step.
func place(seq, steps, ref []*step, after bool) []*step {
	seq = ensure(seq, ref)
	var fresh []*step
	for _, s := range steps {
		if i := findKind(seq, s.k); i >= 0 && !s.again && s.k != kAsk && s.k != kInform {
			seq = append(seq[:i], seq[i+1:]...) // re-mentioned: move it
			s = mergeStep(s, nil)
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
		if i := findKind(seq, s.k); i >= 0 {
			old := seq[i]
			old.front = old.front || s.front
			old.back = old.back || s.back
			mergeStep(old, s)
			continue
		}
		seq = append(seq, s)
	}
	return seq
}

func mergeStep(dst, src *step) *step {
	if src == nil {
		return dst
	}
	if len(src.docTypes) > 0 && len(dst.docTypes) == 0 {
		dst.docTypes = src.docTypes
	}
	if src.minAge > 0 && dst.minAge == 0 {
		dst.minAge = src.minAge
	}
	if src.otpLen > 0 {
		dst.otpLen = src.otpLen
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
	for _, s := range seq {
		switch {
		case s.k == kGreeting:
			greet = appendMergedConv(greet, s)
		case s.k == kClosing:
			closing = appendMergedConv(closing, s)
		case s.front && !s.back:
			front = append(front, s)
		case s.back && !s.front:
			back = append(back, s)
		default:
			mid = append(mid, s)
		}
	}
	out := append(greet, front...)
	out = append(out, mid...)
	out = append(out, back...)
	out = append(out, closing...)
	// adjacent questions become one conversation ("confirm the details... check for coercion")
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.k == kAsk && merged[n-1].k == kAsk && merged[n-1].node == nil && s.node == nil {
			prev := merged[n-1]
			prev.topics |= s.topics
			if prev.phrase == "" {
				prev.phrase = s.phrase
			} else if s.phrase != "" && s.topics == 0 {
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
	refAfter   bool
	neg        kindSet
	front      bool
	back       bool
	again      bool
	exclusive  bool
	policyOnly bool
}

// isPolicyClause: "if it fails, ...", "otherwise hand them to an agent" say what
// happens on failure, and name steps only as their subject.
func isPolicyClause(c clause, all []clause, ci int) bool {
	for _, t := range c.toks {
		switch t.raw {
		case "fail", "fails", "failed", "failing", "failure", "failures", "unsuccessful", "otherwise":
			return true
		}
	}
	// "If they aren't recognized, ..." and its continuation
	if len(c.toks) > 1 && (c.toks[0].raw == "if" || c.toks[0].raw == "when" || c.toks[0].raw == "unless") {
		for _, t := range c.toks[1:] {
			if t.w == "no" {
				return true
			}
		}
	}
	if ci > 0 && all[ci-1].sent == c.sent && len(all[ci-1].toks) > 0 {
		prev := all[ci-1]
		if prev.toks[0].raw == "if" || prev.toks[0].raw == "when" {
			for _, t := range prev.toks {
				if t.w == "no" || t.w == "fail" {
					return true
				}
			}
		}
	}
	return false
}

// readPolicy finds what should happen when a check fails.
func readPolicy(ts []token) string {
	for i, t := range ts {
		switch {
		case t.w == "again" || t.raw == "retry" || t.raw == "retries" || (t.raw == "try" && i+1 < len(ts) && ts[i+1].w == "again"):
			return "retry"
		case t.w == "human" || t.raw == "human" || t.raw == "humans" || t.raw == "agent" || t.raw == "person" && i > 0 && ts[i-1].raw == "a":
			return "human"
		}
	}
	for _, t := range ts {
		if t.w == "polite" || t.raw == "end" || t.raw == "stop" || t.raw == "reject" || t.raw == "deny" {
			return "end"
		}
	}
	return ""
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
	if !strings.HasSuffix(t.raw, "ing") || len(t.raw) < 5 {
		return false
	}
	switch t.w {
	case "scan", "take", "compare", "match", "recognize", "identify", "verify", "validate", "ask", "confirm",
		"explain", "greet", "send", "collect", "sms", "email", "liveness", "spoof":
		return false
	}
	return true
}

// analyze finds the steps a clause names, with negation, order words and references.
func analyze(all []token, seq []*step) analysis {
	var a analysis
	ts := all
	// a context phrase ("for changing the payout account", "so we can recognize them later")
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if (t.raw == "for" || t.raw == "when" || t.raw == "while" || t.w == "before" || t.w == "after") && i+1 < len(ts) && nonStepGerund(ts[i+1]) {
			ts = ts[:i]
			break
		}
		if t.raw == "so" || t.raw == "allowing" || t.raw == "to" || t.raw == "for" || t.raw == "in" {
			rest := ts[i+1:]
			for j, u := range rest {
				if u.w == "later" || u.raw == "next" && j+1 < len(rest) && (rest[j+1].raw == "time" || rest[j+1].raw == "session" || rest[j+1].raw == "sessions" || rest[j+1].raw == "login" || rest[j+1].raw == "visit") {
					ts = ts[:i]
					break
				}
			}
		}
	}

	// order words
	for i, t := range ts {
		switch {
		case t.w == "first" && !(i+1 < len(ts) && (ts[i+1].raw == "name" || ts[i+1].raw == "time")):
			if !(i > 0 && ts[i-1].raw == "at" && i+1 < len(ts) && ts[i+1].raw == "glance") {
				a.front = true
			}
		case t.w == "start" && (i+1 < len(ts) && (ts[i+1].raw == "with" || ts[i+1].raw == "off" || ts[i+1].raw == "by") || i > 0 && (ts[i-1].raw == "the" || ts[i-1].raw == "to")):
			a.front = true
		case t.raw == "before" && i+1 < len(ts) && (ts[i+1].raw == "anything" || ts[i+1].raw == "everything" || ts[i+1].raw == "all"):
			a.front = true
		case t.w == "finally" && !(t.raw == "last" && i+1 < len(ts) && (ts[i+1].isNum || ts[i+1].raw == "four" || ts[i+1].raw == "name" || ts[i+1].raw == "digits" || ts[i+1].raw == "few")):
			a.back = true
		case t.w == "end" && (i+1 < len(ts) && (ts[i+1].raw == "with" || ts[i+1].raw == "by" || ts[i+1].raw == "up") || i > 0 && (ts[i-1].raw == "the" || ts[i-1].raw == "to")):
			a.back = true
		case t.w == "again" && t.raw != "second":
			a.again = true
		case t.w == "only" || t.w == "nothing" && i+1 < len(ts) && ts[i+1].w == "else":
			a.exclusive = true
		}
	}

	// before/after a named step: "send the code after the liveness check"
	split := -1
	for i, t := range ts {
		if (t.w == "before" || t.w == "after") && t.raw != "afterwards" && t.raw != "followed" && !(i+1 < len(ts) && (ts[i+1].raw == "that" || ts[i+1].raw == "this" || ts[i+1].raw == "anything" || ts[i+1].raw == "everything" || ts[i+1].raw == "all" || ts[i+1].raw == "them")) {
			split = i
			a.refAfter = t.w == "after"
			break
		}
	}
	negs := negations(ts)
	if split >= 0 {
		ref := detect(ts[split+1:], seq, negs[split+1:], &a)
		if len(ref) > 0 {
			a.ref = ref
			a.steps = detect(ts[:split], seq, negs[:split], &a)
			return a
		}
	}
	a.steps = detect(ts, seq, negs, &a)
	return a
}

// negations marks the tokens inside a negation's scope.
func negations(ts []token) []bool {
	neg := make([]bool, len(ts))
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		short := false
		switch {
		case t.w == "no" || t.w == "without":
			nx := ""
			if i+1 < len(ts) {
				nx = ts[i+1].w
			}
			if nx == "forget" || nx == "only" || t.raw == "noone" || t.raw == "nobody" || (t.raw == "not" && nx == "only") {
				continue
			}
			if t.raw == "no" && nx == "longer" {
				// "no longer needs" negates what follows too
			}
		case t.w == "instead" || t.raw == "rather":
			if i+1 < len(ts) && (ts[i+1].raw == "of" || ts[i+1].raw == "than") {
				short = true
				i++
			} else {
				continue
			}
		case t.w == "unnecessary" || (t.w == "need" && i > 0 && ts[i-1].w == "no") || (t.w == "need" && i > 1 && ts[i-2].w == "no" && ts[i-1].raw == "be"):
			// "the ID is not needed": the whole clause up to here
			for j := 0; j < i; j++ {
				neg[j] = true
			}
			continue
		default:
			continue
		}
		end := len(ts)
		for j := i + 1; j < len(ts); j++ {
			if ts[j].raw == "but" || ts[j].w == "only" || (short && j > i+1 && (ts[j].raw == "for" || ts[j].raw == "with" || ts[j].raw == "on" || ts[j].raw == "in" || ts[j].raw == "to" || ts[j].raw == "as" || j >= i+5)) {
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

var docWords = map[string]bool{"passport": true, "license": true, "id": true, "document": true, "visa": true, "permit": true}

// detect returns the steps named in ts, in the order they are named. Negated steps
// go to a.neg instead.
func detect(ts []token, seq []*step, neg []bool, a *analysis) []*step {
	var out []*step
	var got kindSet
	add := func(s *step, i int) *step {
		s.pos = i
		if neg[i] {
			a.neg.add(s.k)
			if s.k == kOTP {
				a.neg.add(kEmailOTP)
				a.neg.add(kSMSOTP)
			}
			return nil
		}
		if got.has(s.k) && s.k != kAsk {
			for _, o := range out {
				if o.k == s.k {
					return mergeStep(o, s)
				}
			}
		}
		got.add(s.k)
		out = append(out, s)
		return s
	}

	comparing := false
	faceCtx := false
	scanVerb := -10
	for i, t := range ts {
		switch t.w {
		case "compare", "against":
			comparing = true
		case "match", "same":
			comparing = true
		case "face", "photo", "selfie", "person", "liveness":
			faceCtx = true
		}
		if docWords[t.w] {
			faceCtx = true
		}
		_ = i
	}
	codeInClause := has(ts, "code") || hasRaw(ts, "ownership", "verification", "control")
	emailIdx, smsIdx := -1, -1

	for i := 0; i < len(ts); i++ {
		t := ts[i]
		prev, next := "", ""
		if i > 0 {
			prev = ts[i-1].raw
		}
		if i+1 < len(ts) {
			next = ts[i+1].raw
		}
		if t.w == "scan" || t.w == "take" {
			scanVerb = i
		}
		switch t.w {
		case "liveness":
			if next == "challenge" && has(ts, "face") {
				continue
			}
			if neg[i] && t.raw != "liveness" && describesCheck(ts, i) {
				neg[i] = false // "make sure it's not a deepfake" asks for the check
			}
			add(&step{k: kLiveness}, i)
		case "live":
			nw := ""
			if i+1 < len(ts) {
				nw = ts[i+1].w
			}
			if nw == "person" || nw == "verify" || nw == "selfie" || nw == "scan" || nw == "face" || next == "presence" ||
				prev == "is" || prev == "are" || prev == "be" || prev == "being" || prev == "its" || prev == "theyre" || prev == "really" || prev == "still" {
				add(&step{k: kLiveness}, i)
			}
		case "real":
			if i+1 < len(ts) && (ts[i+1].w == "person" || ts[i+1].w == "live") || prev == "is" || prev == "are" || prev == "theyre" || prev == "be" || prev == "its" || prev == "really" || prev == "youre" {
				add(&step{k: kLiveness}, i)
			}
		case "recognize":
			add(&step{k: kRecognition}, i)
		case "identify":
			if near(ts, i, 4, "enrolled", "face") {
				add(&step{k: kRecognition}, i)
			}
		case "selfie", "oval":
			if comparing && scanVerb < i-3 && t.w == "selfie" {
				continue // a source of the comparison
			}
			add(&step{k: kFaceScan, challenge: hasRaw(ts, "challenge")}, i)
		case "face":
			if next == "id" {
				i++
				continue
			}
			verbOnFace := scanVerb >= 0 && scanVerb >= i-3 && scanVerb < i && !anyDoc(ts[max(0, scanVerb-1):i])
			if (i+1 < len(ts) && (ts[i+1].w == "scan" || ts[i+1].w == "photo")) || verbOnFace {
				add(&step{k: kFaceScan, challenge: hasRaw(ts, "challenge")}, i)
			}
		case "passport", "license", "id", "document", "visa", "permit", "driver", "card":
			if t.w == "card" && !(prev == "id" || prev == "identity" || prev == "national") {
				continue
			}
			if t.w == "driver" && next != "license" && next != "licence" {
				continue
			}
			if t.w == "id" && (strings.ContainsAny(t.orig, "'’") || prev == "user" || prev == "session" || prev == "client" || prev == "account" || prev == "node" || prev == "flow" || prev == "avatar" || prev == "transaction" || prev == "face") {
				continue
			}
			if t.w == "permit" && prev != "residence" && prev != "residency" && prev != "work" {
				continue
			}
			dt := docTypesOf(ts, i)
			if (comparing || has(ts, "age") || has(ts, "old") || has(ts, "birth")) && !(scanVerb >= 0 && scanVerb < i && scanVerb >= i-5) {
				// "compare the ID photo to their face": a source, scanned elsewhere
				if findKind(seq, kDocument) < 0 && findKind(out, kDocument) < 0 {
					if s := add(&step{k: kDocument, docTypes: dt, auto: true}, i); s != nil {
						s.pos = -2 // scanned before it is compared or read
					}
				}
				continue
			}
			add(&step{k: kDocument, docTypes: dt}, i)
		case "email":
			emailIdx = i
			if m := firstOf(ts, "match", "same"); (has(ts, "match") || has(ts, "same")) && m < i && hasRaw(ts, "file", "record", "records", "account", "profile", "stored") {
				continue // the field of a data check, not a step
			}
			if codeInClause || has(ts, "send") || has(ts, "verify") || has(ts, "confirm") || has(ts, "sms") || prev == "an" && (next == "otp" || next == "code") ||
				next == "one" && len(seq) > 0 && (seq[len(seq)-1].k == kSMSOTP || seq[len(seq)-1].k == kEmailOTP || seq[len(seq)-1].k == kOTP) {
				add(&step{k: kEmailOTP, otpLen: otpLength(ts)}, i)
			} else {
				add(&step{k: kEnterEmail}, i)
			}
		case "sms":
			if t.raw == "text" && !(next == "message" || next == "code" || next == "otp" || next == "them" || next == "a" || next == "an" ||
				next == "the" || next == "their" || next == "to" || next == "me" || prev == "by" || prev == "via" || prev == "over" ||
				prev == "a" || prev == "an" || prev == "per" || prev == "through") {
				continue
			}
			smsIdx = i
			add(&step{k: kSMSOTP, otpLen: otpLength(ts)}, i)
		case "phone":
			if codeInClause || has(ts, "verify") || has(ts, "confirm") || has(ts, "send") || next == "number" {
				smsIdx = i
				add(&step{k: kSMSOTP, otpLen: otpLength(ts)}, i)
			}
		case "code":
			if prev == "zip" || prev == "postal" || prev == "post" || prev == "security" || prev == "country" || prev == "area" || prev == "promo" || prev == "qr" || prev == "discount" {
				continue
			}
			if emailIdx >= 0 || smsIdx >= 0 {
				continue
			}
			if j := laterChannel(ts, i); j >= 0 {
				continue // "a code by email": the channel word makes the step
			}
			add(&step{k: kOTP, otpLen: otpLength(ts)}, i)
		case "permission":
			if t.raw == "permission" || t.raw == "permissions" || t.raw == "consent" || has(ts, "camera") || has(ts, "microphone") {
				add(&step{k: kPermissions, mic: has(ts, "microphone")}, i)
			}
		case "adult", "minor":
			add(&step{k: kAgeCheck, minAge: 18}, i)
			neg[i] = false
		case "#":
			if age := ageAt(ts, i); age > 0 {
				add(&step{k: kAgeCheck, minAge: age, explicitAge: true}, i)
			}
		case "validate":
			if !faceCtx {
				if ageIn(ts) == 0 && !has(ts, "adult") {
					add(&step{k: kMatchCheck, field: matchField(ts, seq)}, i)
				}
			}
		case "match", "same":
			if !faceCtx && !peopleWords(ts) && (hasRaw(ts, "file", "record", "records", "account", "profile", "system", "stored", "one", "ones", "ours")) && !has(ts, "validate") {
				add(&step{k: kMatchCheck, field: matchField(ts, seq)}, i)
			}
		case "greet":
			add(&step{k: kGreeting}, i)
		case "welcome":
			if len(seq) == 0 && len(out) == 0 {
				add(&step{k: kGreeting}, i)
			} else {
				add(&step{k: kInform, topics: tWelcome | topicsOf(ts)}, i)
			}
		case "goodbye":
			add(&step{k: kClosing}, i)
		case "thank":
			if hasRaw(ts, "finish", "end", "close", "goodbye", "bye") || has(ts, "finally") {
				add(&step{k: kClosing}, i)
			}
		case "coercion":
			s := &step{k: kAsk, topics: topicsOf(ts) | tCoercion}
			neg[i] = false // "make sure nobody is pressuring them" is still a coercion check
			add(s, i)
		case "ask", "confirm", "explain":
			k := kAsk
			tp := topicsOf(ts[i:])
			if t.w == "explain" && t.raw != "state" && t.raw != "say" && tp&^(tFuture|tWelcome) == 0 && !has(ts, "ask") {
				k = kInform
			}
			if t.w == "explain" && (t.raw == "state" || t.raw == "say") && tp == 0 {
				k = kInform
			}
			add(&step{k: k, topics: tp, phrase: phraseAfter(ts, i)}, i)
		}
		if t.raw == "why" || t.raw == "reason" && !has(ts, "ask") {
			if !got.has(kAsk) {
				add(&step{k: kAsk, topics: topicsOf(ts) | tReason, phrase: phraseAfter(ts, i-1)}, i)
			}
		}
		if t.raw == "question" || t.raw == "questions" {
			// covered by "ask"
		}
		if (t.raw == "life" && has(ts, "verify")) || t.raw == "presence" {
			add(&step{k: kLiveness}, i)
		}
		if (t.raw == "login" || t.raw == "signin") && has(ts, "face") && !comparing {
			add(&step{k: kRecognition}, i)
		}
	}

	// comparisons: against enrolled faces is recognition, against a photo is face_compare
	if comparing && faceCtxOrPair(ts, seq, out) {
		ci := firstOf(ts, "compare", "match", "against", "same")
		if !got.has(kRecognition) && !got.has(kMatchCheck) {
			photoCue := has(ts, "photo") || has(ts, "selfie") || has(ts, "provide") || hasRaw(ts, "two", "both", "it", "them", "em", "those", "these") || anyDoc(ts)
			recCue := has(ts, "enrolled") || has(ts, "recognize")
			switch {
			case photoCue:
				s := &step{k: kFaceCompare}
				s.srcA, s.srcB = compareSources(ts, seq, out)
				if (s.srcA.Source == "faceScan" || s.srcB.Source == "faceScan") && findKind(seq, kFaceScan) < 0 && findKind(out, kFaceScan) < 0 {
					if fs := add(&step{k: kFaceScan, auto: true}, ci); fs != nil {
						fs.pos = -1 // a selfie is taken before it is compared
					}
				}
				add(s, ci)
			case recCue || (findKind(seq, kDocument) < 0 && findKind(seq, kFaceScan) < 0 && findKind(out, kDocument) < 0):
				add(&step{k: kRecognition}, ci)
			default:
				s := &step{k: kFaceCompare}
				s.srcA, s.srcB = compareSources(ts, seq, out)
				add(s, ci)
			}
		}
	}

	// a question loses to a real step in the same clause unless it has a subject of its own
	// ("ask for camera permission", "confirm liveness")
	strong := false
	for _, s := range out {
		if !s.k.isConversation() {
			strong = true
		}
	}
	if strong {
		kept := out[:0]
		for _, s := range out {
			if (s.k == kAsk || s.k == kInform) && s.topics == 0 {
				continue
			}
			kept = append(kept, s)
		}
		out = kept
	}
	// a one-time code with its channel named elsewhere in the clause
	sortByPos(out)
	return out
}

func sortByPos(s []*step) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].pos < s[j-1].pos; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func laterChannel(ts []token, i int) int {
	for j := i + 1; j < len(ts) && j <= i+4; j++ {
		if ts[j].w == "email" || ts[j].w == "sms" || ts[j].w == "phone" {
			return j
		}
	}
	return -1
}

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
	for _, t := range ts {
		if docWords[t.w] {
			return true
		}
	}
	return false
}

// peopleWords: the text talks about people ("enrolled users"), not data.
func peopleWords(ts []token) bool {
	return hasRaw(ts, "user", "users", "people", "customers", "customer", "members", "employees", "faces", "biometric", "biometrics", "enrolled", "returning", "known")
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

// faceCtxOrPair: the comparison is about faces (and not "the email matches the one on file").
func faceCtxOrPair(ts []token, seq, out []*step) bool {
	for _, t := range ts {
		switch t.w {
		case "face", "photo", "selfie", "person", "recognize":
			return true
		}
		if docWords[t.w] || t.raw == "biometric" || t.raw == "biometrics" || t.raw == "enrolled" {
			return true
		}
		if t.w == "enrolled" && peopleWords(ts) {
			return true
		}
	}
	if hasRaw(ts, "two", "both", "them", "em", "those", "these") && (findKind(seq, kDocument) >= 0 || findKind(seq, kFaceScan) >= 0) {
		return true
	}
	if hasRaw(ts, "it") && (findKind(seq, kFaceScan) >= 0 || findKind(out, kFaceScan) >= 0) && !has(ts, "validate") {
		return true
	}
	return false
}

// compareSources names the two sides of a comparison: what the clause says, then what
// the flow has captured so far.
func compareSources(ts []token, seq, out []*step) (*flow.FaceSource, *flow.FaceSource) {
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
	for i, t := range ts {
		switch {
		case docWords[t.w]:
			addSrc("documentPhoto")
		case t.w == "selfie" || t.w == "face" && i+1 < len(ts) && ts[i+1].w == "scan":
			addSrc("faceScan")
		case t.w == "photo" && (has(ts, "provide") || has(ts, "enrolled")):
			addSrc("providedData")
		case t.w == "camera" || t.raw == "video" || t.w == "person" || t.w == "live":
			addSrc("sessionVideo")
		case t.w == "face":
			if haveScan {
				addSrc("faceScan")
			} else {
				addSrc("sessionVideo")
			}
		case t.raw == "it" || t.raw == "them" || t.raw == "two" || t.raw == "both" || t.w == "photo":
			// fill from context below
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
		return []string{"dl"}
	case "visa":
		return []string{"visa"}
	case "permit":
		return []string{"residence-permit"}
	case "card":
		return []string{"id"}
	case "id":
		if next == "card" || prev == "national" || prev == "identity" {
			return []string{"id"}
		}
	}
	return nil // any government ID: decided by the caller's answer or the default
}

// otpLength reads "6-digit code".
func otpLength(ts []token) int {
	for i, t := range ts {
		if t.isNum && i+1 < len(ts) && (ts[i+1].raw == "digit" || ts[i+1].raw == "digits" || ts[i+1].raw == "character" || ts[i+1].raw == "characters") {
			if n := int(t.num); n >= 4 && n <= 8 && float64(n) == t.num {
				return n
			}
		}
		if n := wordNumber(t.raw); n >= 4 && n <= 8 && i+1 < len(ts) && (ts[i+1].raw == "digit" || ts[i+1].raw == "digits") {
			return n
		}
	}
	return 0
}

func wordNumber(w string) int {
	switch w {
	case "four":
		return 4
	case "five":
		return 5
	case "six":
		return 6
	case "seven":
		return 7
	case "eight":
		return 8
	}
	return 0
}

// ageAt reads an age limit at a number: "over 21", "21+", "at least 18 years old".
func ageAt(ts []token, i int) int {
	t := ts[i]
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
	ageCtx := t.plus || next == "years" || next == "year" || next == "yrs" || next == "yo"
	if !ageCtx && (prev == "over" || prev == "above") && i > 1 {
		switch ts[i-2].raw {
		case "are", "is", "be", "theyre", "youre", "were", "was", "they", "user", "customer", "person", "guest", "someone":
			ageCtx = true
		}
	}
	if !ageCtx {
		for _, u := range ts {
			if u.w == "age" || u.w == "old" || u.w == "adult" || u.w == "minor" || u.w == "birth" || u.raw == "drinking" || u.raw == "alcohol" {
				ageCtx = true
				break
			}
		}
	}
	if !ageCtx {
		return 0
	}
	switch prev {
	case "over", "above", "older", "least", "than", "aged", "age", "minimum", "min", "past", "turned", "reached":
		return int(t.num)
	}
	if t.plus || next == "years" || next == "year" || next == "yrs" || next == "or" {
		return int(t.num)
	}
	return 0
}

func ageIn(ts []token) int {
	for i := range ts {
		if a := ageAt(ts, i); a > 0 {
			return a
		}
	}
	return 0
}

func matchField(ts []token, seq []*step) string {
	switch {
	case has(ts, "email"):
		return "email"
	case has(ts, "phone"):
		return "phone"
	case hasRaw(ts, "name"):
		return "name"
	case findKind(seq, kEnterEmail) >= 0:
		return "email"
	}
	return "name"
}

// topicsOf finds what a conversation is about.
func topicsOf(ts []token) topic {
	var tp topic
	for i, t := range ts {
		next := ""
		if i+1 < len(ts) {
			next = ts[i+1].raw
		}
		switch t.raw {
		case "transfer", "transfers", "transaction", "transactions", "payment", "recipient", "payee", "amount", "beneficiary", "withdrawal", "details", "payout":
			tp |= tTransfer
		case "wallet", "destination":
			tp |= tWallet
		case "security", "knowledge", "secret":
			if next == "question" || next == "questions" {
				tp |= tSecurity
			}
		case "name":
			tp |= tName
		case "willingly", "willing", "voluntarily", "willingness", "will":
			if t.raw != "will" || i > 0 && ts[i-1].raw == "free" {
				tp |= tWilling
			}
		case "why", "reason", "purpose":
			tp |= tReason
		case "future", "later":
			tp |= tFuture
		case "card", "digits":
			if hasRaw(ts, "last", "four", "digits") {
				tp |= tCard
			}
		case "address":
			tp |= tAddress
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
	return tp
}

// phraseAfter is the user's own words after a question verb, for prompts no topic fits.
func phraseAfter(ts []token, i int) string {
	var b strings.Builder
	for j := i + 1; j < len(ts) && j < i+16; j++ {
		t := ts[j]
		if t.w == "." || t.w == "," || t.w == ":" || t.orig == "" {
			continue
		}
		w := t.orig
		switch t.raw {
		case "them", "him", "her":
			w = "the user"
		case "they":
			w = "the user"
		case "he", "she":
			w = "the user"
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
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
)

func detectUseCase(ts []token) useCase {
	raw := func(ws ...string) bool { return hasRaw(ts, ws...) }
	switch {
	case raw("sim") && raw("swap", "swaps"):
		return ucSIMSwap
	case raw("notarization", "notarisation", "notary", "notarize", "notarise", "notarized"):
		return ucNotarization
	case raw("crypto", "cryptocurrency", "bitcoin", "wallet"):
		return ucCrypto
	case raw("wire", "transfer", "transfers"):
		return ucTransfer
	case raw("payout", "payouts") || raw("bank") && raw("account") && raw("changing", "change", "update"):
		return ucPayoutChange
	case raw("password") && raw("reset", "forgot", "forgotten"):
		return ucPasswordReset
	case raw("recovery", "recover", "locked", "lockout", "regain"):
		return ucRecovery
	case raw("hotel", "checkin", "rental", "guest"):
		return ucCheckIn
	case raw("age", "alcohol", "drinking", "gambling", "tobacco") || has(ts, "adult") || ageIn(ts) > 0:
		return ucAge
	case raw("email") && raw("change", "changing", "update", "updating", "new"):
		return ucEmailChange
	case raw("enroll", "enrol", "enrollment", "enrolment", "employees", "employee"):
		return ucEnrollment
	case raw("onboarding", "onboard", "kyc", "signup", "seller", "sellers", "new", "account") && raw("onboarding", "onboard", "kyc", "signup", "seller", "sellers", "users", "customers", "opening"):
		return ucOnboarding
	case raw("login", "2fa", "signin", "log", "logging", "mfa"):
		return ucLogin
	case raw("payment", "payments", "purchase", "checkout", "withdrawal", "withdraw"):
		return ucPayment
	}
	return ucGeneric
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

func findLangs(ts []token) []string {
	var out []string
	for i, t := range ts {
		code, ok := langCodes[t.raw]
		if !ok {
			continue
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
		}
	}
	return out
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
