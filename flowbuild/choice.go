package flowbuild

import (
	"slices"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// choice.go: the user's own choice between two code channels ("let them choose
// between an SMS code or an email code", "a code by text or email, whichever
// they prefer", "ask if they want the code by SMS or by email"). FaceSign lays
// it out as a conversation that waits for the answer, with one list outcome per
// option whose condition names it; the success path follows the first outcome,
// so the option named first sits on the main path (the step right after the
// question) and the others (step.options) run beside it and rejoin the main
// path after it. Each option is a real check: its failure ends as any failed
// check does.

// choiceCondPrefix opens every option's condition, which is how Edit reads the
// question back as a choice ("The user chose email").
const choiceCondPrefix = "The user chose "

// choiceKinds are the steps a choice is between: the code channels.
func choiceKind(lemma string) kind {
	switch lemma {
	case "sms":
		return kSMSOTP
	case "email":
		return kEmailOTP
	}
	return kNone
}

// choiceOrder: the code channels a sentence lets the user choose between, in
// the order it names them, or nil. It needs two different channels joined by
// "or" near a word for the code (channelPair), a chooser (chooserWords: the
// user, not "we"; nobody else deciding, choiceDeciders) and a word of choosing
// (choiceWords), or a question of wanting ("ask if they want …": asked, the
// words of a question the avatar asks). Before the word of choosing, a word
// that rules the choice out or calls it the old way ("don't let them choose",
// "rather than letting them pick", "we used to let users choose") or puts it
// on a condition or a group ("if liveness fails, let them choose", "new users
// … pick") offers none, nor does a choice of another thing ("choose the
// document, then send an SMS or email code": a "then" between) or "opt out".
// When in doubt there is no choice: a false one adds a channel the text ruled
// out or a check nobody asked for.
func choiceOrder(ts []token, asked bool) []kind {
	ks, _ := choiceRead(ts, asked)
	return ks
}

// choiceRead is choiceOrder, and whether a choice was ruled out only because
// it is said on a condition, a fallback or a group of users (scoped).
func choiceRead(ts []token, asked bool) (order []kind, scoped bool) {
	first, other := channelPair(ts)
	if other < 0 || !hasAnyRaw(ts, lex.chooser) || hasAnyRaw(ts, lex.choiceDecider) {
		return nil, false
	}
	at := slices.IndexFunc(ts, func(t token) bool { return t.in(hChoiceWord) })
	if at < 0 && (asked || has(ts, "ask")) && hasAnyHot(ts, hChoiceAsk) {
		at = max(index(ts, "ask"), 0)
	}
	if at < 0 || hasAnyRaw(ts[:at], lex.choiceReject) || at+1 < len(ts) && ts[at+1].raw == "out" {
		return nil, false
	}
	if slices.ContainsFunc(ts[min(at, first):max(at, other)], func(t token) bool { return t.raw == "then" }) {
		return nil, false // the word of choosing is another instruction's
	}
	if hasAnyRaw(ts[:at], lex.choiceScope) {
		return nil, true
	}
	return []kind{choiceKind(ts[first].w), choiceKind(ts[other].w)}, false
}

// channelPair: the first two different code channels joined by "or", each a
// few words from it ("an SMS code or an email code", "by SMS or by email"),
// with a word for the code near them ("SMS or email for the code"); -1, -1
// when there is none ("marketing updates by SMS or email" after an SMS code).
func channelPair(ts []token) (int, int) {
	for i, t := range ts {
		if t.raw != "or" {
			continue
		}
		a, b := -1, -1
		for j := i - 1; j >= max(0, i-3) && a < 0; j-- {
			if choiceKind(ts[j].w) != kNone {
				a = j
			}
		}
		for j := i + 1; j < min(len(ts), i+5) && a >= 0 && b < 0; j++ {
			if choiceKind(ts[j].w) != kNone {
				if ts[j].w == ts[a].w {
					break
				}
				b = j
			}
		}
		if b < 0 {
			continue
		}
		if slices.ContainsFunc(ts[max(0, a-4):min(len(ts), b+4)], func(t token) bool { return lex.choiceCode[t.w] || lex.choiceCode[t.raw] }) {
			return a, b
		}
	}
	return -1, -1
}

// readChoice makes the user's choice a sentence offers: the codes (or the
// question about them) it was read as become a choice question, the first
// option after it and the other beside it. The first sentence that offers one
// decides; a text with codes of its own besides the choice is left as read.
func (p *parsed) readChoice(clauses []clause) {
	if !mayOfferChoice(clauses) && !slices.ContainsFunc(p.steps, askedChoice) {
		return // (cheap, and no allocation: most texts offer no choice)
	}
	var order []kind
	var sent []token // the sentence that offers the choice
	for i := 0; i < len(clauses) && order == nil; {
		j := i
		sent = sent[:0]
		asks := false // a question to the builder ("should we let them choose …?") decides nothing
		for ; j < len(clauses) && (j == i || clauses[j].sent == clauses[j-1].sent || joinsChoice(clauses, j)); j++ {
			if j > i && clauses[j].then {
				// the "then" that opened the clause ("choose the document, then send
				// an SMS or email code"): choiceOrder sees where one instruction ends
				sent = append(sent, token{w: "then", raw: "then"})
			}
			sent = append(sent, clauses[j].toks...)
			asks = asks || clauses[j].ask
		}
		if !asks {
			var scoped bool
			order, scoped = choiceRead(sent, false)
			if scoped {
				p.notes = append(p.notes, "The user's choice of code channel is built on the main path only; where the text asks for it on a condition, a fallback or one group of users, that path keeps its code as read. Ask to change it if the user should choose there.")
			}
		}
		i = j
	}
	for _, s := range p.steps {
		if order == nil && askedChoice(s) {
			order = choiceOrder(tokenize(s.phrase), true) // "ask if they want the code by SMS or by email"
		}
	}
	if order == nil {
		return
	}
	said := " " + rawText(sent) + " "
	// the choice's own question: it names both channels, or it is a question of
	// wanting said in the sentence that offers the choice ("ask them which they
	// prefer, SMS or email, and send the code that way"): the choice asks it
	ownAsk := func(s *step) bool {
		if s.k != kAsk || s.choice {
			return false
		}
		if namesChannels(s.phrase) {
			return true
		}
		ts := tokenize(s.phrase)
		return len(sent) > 0 && (hasAnyHot(ts, hChoiceAsk) || hasAnyHot(ts, hChoiceWord)) && strings.Contains(said, " "+rawText(ts)+" ")
	}
	at, byKind, codes := -1, map[kind]*step{}, 0
	taken := map[*step]bool{} // the codes and the choice's own question, read once
	for i, s := range p.steps {
		if !isCodeKind(s.k) && !ownAsk(s) {
			continue
		}
		taken[s] = true
		if isCodeKind(s.k) && byKind[s.k] != nil {
			return // two codes of one channel: not a choice between them
		}
		if isCodeKind(s.k) {
			byKind[s.k] = s
			codes++
		}
		if at < 0 {
			at = i
		}
	}
	if at < 0 {
		// no code on the main path: the choice was said for a branch or a
		// fallback ("new users … pick SMS or email"), which keeps its codes as read
		p.notes = append(p.notes, "The user's choice between "+choiceList(order)+" is built on the main path only; where the text asks for it on a branch or a fallback, the code there goes as read. Ask to change it if the user should choose there.")
		return
	}
	if codes > len(order) {
		// a code besides the two channels ("… and at the end send a one-time
		// code again"): every code stays as read, none is swallowed by the choice
		p.notes = append(p.notes, "Kept every one-time code the text names one after another: it names more codes than the choice "+choiceList(order)+
			", so the user's choice was not built. Ask to change it if the user should choose.")
		return
	}
	p.steps = slices.DeleteFunc(p.steps, func(s *step) bool { return taken[s] })
	opts := make([]*step, len(order))
	for i, k := range order {
		opts[i] = cmpStep(byKind[k], byKind[kOTP], k)
	}
	ask := &step{k: kAsk, options: opts[1:], choice: true}
	// (every step before at stays: at is the first one taken)
	p.steps = slices.Insert(p.steps, at, ask, opts[0])
	p.notes = slices.DeleteFunc(p.notes, func(n string) bool {
		// "whichever they prefer" was no step of its own: it is the choice;
		// words of choosing from another sentence ("they must also opt in to
		// data processing") stay unplaced
		if !strings.HasPrefix(n, unplacedPrefix) {
			return false
		}
		ts := tokenize(n)
		return hasAnyHot(ts, hChoiceWord) && strings.Contains(said, " "+rawText(tokenize(noteQuote(n)))+" ")
	})
	p.notes = append(p.notes, "The user chooses how the one-time code is sent: the avatar asks whether they want it "+choiceList(order)+
		", and the code goes by the channel they pick; either code must be passed to go on.")
}

// mayOfferChoice: the words hold a word of choosing and both code channels,
// which any sentence that offers a choice does.
func mayOfferChoice(clauses []clause) bool {
	cue, sms, email := false, false, false
	for _, c := range clauses {
		for _, t := range c.toks {
			cue = cue || t.in(hChoiceWord) || t.in(hChoiceAsk)
			sms = sms || t.w == "sms"
			email = email || t.w == "email"
		}
	}
	return cue && sms && email
}

// askedChoice: a question in the user's words that may offer a choice ("if
// they want the code by SMS or by email"): it joins two things with "or".
func askedChoice(s *step) bool {
	return s.k == kAsk && strings.Contains(s.phrase, " or ")
}

// cmpStep is the step read for the option's channel, else a code whose channel
// was left open (its settings kept), else a new one.
func cmpStep(own, open *step, k kind) *step {
	switch {
	case own != nil:
		return own
	case open != nil:
		c := *open
		c.k = k
		return &c
	}
	return &step{k: k}
}

// namesChannels: a question's words name both code channels ("if they want the
// code by SMS or by email"): the question is the choice itself.
func namesChannels(phrase string) bool {
	return strings.Contains(phrase, " or ") && choiceOrder(tokenize(phrase), true) != nil
}

// channelWords says a code channel as the avatar and the summary say it.
func channelWords(k kind) string {
	if k == kEmailOTP {
		return "by email"
	}
	return "by text message"
}

func choiceList(ks []kind) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = channelWords(k)
	}
	return orList(parts)
}

// isChoice: the step is a choice question with its options.
func (s *step) isChoice() bool { return s.k == kAsk && s.choice }

// settleChoices keeps each choice whole after reading or editing: the first
// option stands right after the question (an option promoted when the first was
// removed), and a choice left with one option is no choice: the question goes
// and that option stays on the main path.
func settleChoices(steps []*step) []*step {
	for _, s := range steps {
		s.option = false
	}
	for i := 0; i < len(steps); i++ {
		s := steps[i]
		if len(s.options) > 0 && s.k == kAsk {
			s.choice = true
		}
		if !s.isChoice() {
			continue
		}
		s.options = slices.DeleteFunc(s.options, func(o *step) bool { return !isCodeKind(o.k) })
		if j := slices.IndexFunc(steps[i+1:], func(m *step) bool { return isCodeKind(m.k) || m.isChoice() }); j > 0 && isCodeKind(steps[i+1+j].k) {
			// a step put "before the code" landed between the question and its
			// first option: it goes before the question, which stays with the code
			steps = slices.Insert(slices.Delete(steps, i, i+1), i+j, s)
			i += j
		}
		if (i+1 >= len(steps) || !isCodeKind(steps[i+1].k)) && len(s.options) > 0 {
			steps = slices.Insert(steps, i+1, s.options[0]) // the first option was removed: the next one takes its place
			s.options = s.options[1:]
		}
		// an option made the same as another ("change the email code into an
		// SMS code") is no second option
		seen := kindSet(0)
		if i+1 < len(steps) {
			seen.add(steps[i+1].k)
		}
		s.options = slices.DeleteFunc(s.options, func(o *step) bool {
			dup := seen.has(o.k)
			seen.add(o.k)
			return dup
		})
		if len(s.options) == 0 {
			steps = slices.Delete(steps, i, i+1) // one option left: it stays, the question goes
			i--
			continue
		}
		steps[i+1].option = true
		if len(s.fallback) > 0 && len(steps[i+1].fallback) == 0 {
			// a question of choosing cannot fail ("if anything fails, tell them
			// to call support" read onto it): the failure is its first option's
			steps[i+1].fallback, steps[i+1].fallbackOn, s.fallback = s.fallback, s.fallbackOn, nil
		}
	}
	return steps
}

// choiceOptions are the kinds a choice offers, the one on the main path first.
func choiceOptions(s *step, first *step) []kind {
	ks := []kind{first.k}
	for _, o := range s.options {
		ks = append(ks, o.k)
	}
	return ks
}

// choicePrompt asks which channel the user wants, in a sentence about this flow.
func choicePrompt(ks []kind) string {
	return "Ask the user whether they would like their one-time code " + choiceList(ks) + ", and wait for their choice."
}

// choiceOutcome is an option's list outcome: its id names the channel, its
// condition the user's choice ("The user chose a text message").
func choiceOutcome(k kind, target string) flow.Outcome {
	if k == kEmailOTP {
		return flow.Outcome{ID: "email", Target: target, Condition: choiceCondPrefix + "email"}
	}
	return flow.Outcome{ID: "sms", Target: target, Condition: choiceCondPrefix + "a text message"}
}

// readsAsChoice: a conversation Build laid out as a choice (every outcome's
// condition is one choiceOutcome writes for a code channel). A developer's own
// conversation whose outcomes read "The user chose a passport" is no choice of
// code channel, and Edit keeps it as it is.
func readsAsChoice(n *flow.Node) bool {
	return n != nil && n.Type == flow.TypeConversation && len(n.Outcomes) > 1 &&
		!slices.ContainsFunc(n.Outcomes, func(o flow.Outcome) bool {
			return o.Condition != choiceOutcome(kEmailOTP, "").Condition && o.Condition != choiceOutcome(kSMSOTP, "").Condition
		})
}

// describeChoice says a choice for the summary.
func describeChoice(s *step, first *step) string {
	return "lets the user choose a one-time code " + choiceList(choiceOptions(s, first)) + " (either one must be passed)"
}

// layChoice writes a choice question's prompt and outcomes: the first option is
// next on the main path, each other option is laid out beside it and rejoins
// the main path where the first one would have (rejoin); an option's failure
// ends as any failed check does. It returns the options' nodes.
func (p *plan) layChoice(g *ids, n *flow.Node, s, first *step, next, rejoin string, fail func() string, video bool) []flow.Node {
	if s.node == nil {
		n.Prompt = choicePrompt(choiceOptions(s, first))
	}
	n.DoesNotRequireReply = false // the choice waits for the user's answer
	n.Outcomes = []flow.Outcome{choiceOutcome(first.k, next)}
	var nodes []flow.Node
	for _, o := range s.options {
		if o.node != nil {
			delete(g.used, o.node.ID) // reserved for this option: chain keeps its id
		}
		if p.policy == "retry" || o.retry {
			// chain lays out no retry: say so rather than let "the avatar offers
			// to try it again" stand for an option that ends on a failed code
			p.assumptions = append(p.assumptions, "The "+o.k.String()+", an option of the user's choice, is not offered again when it fails: a failed code there ends the session. Build the flow again without the choice if it should be retried.")
		}
		head, chain := p.chain(g, []*step{o}, "", rejoin, fail, fail, video)
		n.Outcomes = append(n.Outcomes, choiceOutcome(o.k, head))
		nodes = append(nodes, chain...)
	}
	return nodes
}

// optionsAsCodes reads "the email option" of a flow with a choice as the email
// code it offers ("remove the email option", "make the SMS option 8 digits"); a
// flow with no choice reads the words as they are.
func (p *plan) optionsAsCodes(sentence string) string {
	if !slices.ContainsFunc(p.steps, func(s *step) bool { return s.isChoice() }) {
		return sentence
	}
	if cut := strings.IndexAny(sentence, ":\"“'"); cut >= 0 && !strings.HasPrefix(sentence[cut:], "'s") {
		// the words a line is to say ("change the greeting to: Hi! Pick the
		// email option …") are the avatar's, not a step's name
		return p.optionsAsCodes(sentence[:cut]) + sentence[cut:]
	}
	ts := tokenize(sentence)
	edits := hasAnyRaw(ts, lex.removeVerb) || hasAnyRaw(ts, lex.optionEdit)
	words := strings.Fields(sentence)
	changed := false
	for i := 1; i < len(words); i++ {
		if w := strings.ToLower(strings.TrimRight(words[i], ".,;:!?")); lex.codesWord[w] && lex.bothCodes[strings.ToLower(words[i-1])] && p.onlyChoiceCodes() && hasAnyRaw(ts, lex.removeVerb) {
			// "rip out both codes", "remove the codes": both options of the
			// choice, each named, so that each is removed (or changed)
			words[i-1], words[i] = "the", "SMS code and the email code"+words[i][len(w):]
			changed = true
			continue
		}
		w := strings.ToLower(strings.TrimRight(words[i], ".,;:!?"))
		if lex.optionNoun[w] && channelBefore(words[i-1]) && edits {
			words[i] = "code" + words[i][len(w):]
			changed = true
		}
	}
	if !changed {
		return sentence
	}
	return strings.Join(words, " ")
}

// onlyChoiceCodes: the flow's codes are the two options of one choice, so
// "both codes" are those two.
func (p *plan) onlyChoiceCodes() bool {
	codes, choice := 0, false
	for _, s := range p.steps {
		if isCodeKind(s.k) {
			codes++
		}
		if s.isChoice() {
			choice = true
			codes += len(s.options)
		}
	}
	return choice && codes == 2
}

// choiceRefusal says why a change to a flow with a choice is left undone, or
// "": what Edit cannot yet do to the options beside the main path is refused
// in plain words rather than done wrong. A step put on one option's path ("add
// a face scan on the email path", "put the email option first"), and a place
// or a failure said of an option beside the main path ("before the email
// code", "if the email code fails") are refused.
func (p *plan) choiceRefusal(sentence string) string {
	var side kindSet // the options beside the main path, not also on it
	for _, s := range p.steps {
		if s.isChoice() {
			for _, o := range s.options {
				side.add(o.k)
			}
		}
	}
	if side == 0 {
		return ""
	}
	for _, s := range p.steps {
		if isCodeKind(s.k) && side.has(s.k) {
			return "" // the main path has one of its own: the change reads it
		}
	}
	if cut := strings.IndexAny(sentence, ":\"“"); cut >= 0 {
		sentence = sentence[:cut]
	}
	ts := tokenize(sentence)
	if slices.ContainsFunc(ts, func(t token) bool { return t.raw == "question" }) && hasAnyRaw(ts, lex.removeVerb) && !slices.ContainsFunc(p.steps, func(s *step) bool { return s.k == kAsk && !s.isChoice() }) {
		// "remove the question" when the only question is the choice: which
		// code stays is the developer's to say, not a silent pick
		return "Left the flow as it is: the only question is the user's choice of code channel; say which code stays (\"remove the email option\") or \"remove both codes\"."
	}
	for i, t := range ts {
		k := choiceKind(t.w)
		if k == kNone {
			continue
		}
		if i+1 < len(ts) && lex.optionNoun[ts[i+1].raw] && (addsStep(ts) || hasAnyRaw(ts, lex.optionPlace)) {
			return "Left the flow as it is: Edit cannot yet change the path of one option of the user's choice (\"" + sentence +
				"\"). Remove the choice and describe each path, or build the flow again from a description."
		}
		if !side.has(k) {
			continue
		}
		near := ts[max(0, i-3):i]
		after := ts[i+1 : min(len(ts), i+5)]
		if j := slices.IndexFunc(after, func(t token) bool { return t.raw == "into" || t.raw == "to" }); j >= 0 &&
			slices.ContainsFunc(after[j:], func(t token) bool { return choiceKind(t.w) != kNone && choiceKind(t.w) != k }) {
			// "change the email code into an SMS code": read the wrong way round
			// when the email code is beside the main path; "remove the email
			// option" says it
			return "Left the flow as it is: the " + k.String() + " is an option of the user's choice beside the main path; to keep only the other channel, say \"remove the " +
				strings.TrimPrefix(channelWords(k), "by ") + " option\"."
		}
		if hasAnyRaw(near, lex.orderPrep) || has(ts[:i], "if") || has(ts[:i], "when") || hasAnyRaw(after, lex.failWord) {
			return "Left the flow as it is: the " + k.String() + " is an option of the user's choice beside the main path, and Edit cannot yet place a step or a fallback relative to it (\"" +
				sentence + "\"). Build the flow again from a description that says it."
		}
	}
	return ""
}

// channelBefore: the word names a code channel ("email", "text", "SMS").
func channelBefore(w string) bool {
	l, _, _ := lex.lemmaFix(strings.ToLower(strings.Trim(w, ".,;:!?\"'")))
	return choiceKind(l) != kNone
}

// replaceOption replaces an option of the user's choice that is not on the
// main path ("change the email code into an SMS code" with email the second
// option); an option made the same as the other leaves no choice (settleChoices).
func (p *plan) replaceOption(old, repl *step) ([]string, bool) {
	for _, s := range p.steps {
		if j := findKind(s.options, old.k); j >= 0 && s.isChoice() {
			if !isCodeKind(repl.k) {
				// an option is a code channel: "replace the email code with a
				// document scan" would leave the scan nowhere
				p.assumptions = append(p.assumptions, "Left the user's choice as it is: an option of the choice can only be a code channel, so the "+
					old.k.String()+" was not replaced with "+repl.k.withArticle()+". Remove that option and add the step where it should go.")
				return []string{"left the flow as it is"}, true
			}
			was := s.options[j].k
			s.options[j] = repl
			p.gone.add(was)
			return []string{"replaced the " + was.String() + " in the user's choice with " + repl.k.withArticle()}, true
		}
	}
	return nil, false
}

// joinsChoice: clause j goes on the sentence before it after a dash or a colon,
// which split a choice from what it chooses between ("a code by SMS or email -
// their choice", "the customer picks how to get the code: text or email").
func joinsChoice(clauses []clause, j int) bool {
	return j > 0 && (clauses[j].dash || clauses[j-1].colon)
}

// rawText is the words as written, lower case, one space apart.
func rawText(ts []token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.raw)
	}
	return b.String()
}

// noteQuote is the first quoted part of a note ("No step matches \"…\"").
func noteQuote(n string) string {
	if i := strings.IndexByte(n, '"'); i >= 0 {
		if j := strings.IndexByte(n[i+1:], '"'); j >= 0 {
			return n[i+1 : i+1+j]
		}
	}
	return n
}
