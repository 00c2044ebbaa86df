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

func isCode(k kind) bool { return k == kSMSOTP || k == kEmailOTP || k == kOTP }

// choiceOrder: the code channels a sentence lets the user choose between, in
// the order it names them, or nil. It needs two different channels joined by
// "or", a chooser (chooserWords: the user, not "we") and a word of choosing
// (choiceWords), or a question of wanting ("ask if they want …": asked, the
// words of a question the avatar asks); a negation before the word of choosing
// ("don't let them choose") offers none.
func choiceOrder(ts []token, asked bool) []kind {
	first, other := -1, -1
	for i, t := range ts {
		if choiceKind(t.w) == kNone {
			continue
		}
		if first < 0 {
			first = i
		} else if t.w != ts[first].w {
			other = i
			break
		}
	}
	if other < 0 || !slices.ContainsFunc(ts[first:other], func(t token) bool { return t.raw == "or" }) || !hasAnyRaw(ts, lex.chooser) {
		return nil
	}
	at := slices.IndexFunc(ts, func(t token) bool { return lex.choiceWord[t.raw] })
	if at < 0 && (asked || has(ts, "ask")) && hasAnyRaw(ts, lex.choiceAsk) {
		at = max(index(ts, "ask"), 0)
	}
	if at < 0 || has(ts[:at], "no") {
		return nil
	}
	return []kind{choiceKind(ts[first].w), choiceKind(ts[other].w)}
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
	for i := 0; i < len(clauses) && order == nil; {
		j := i
		var sent []token
		for ; j < len(clauses) && (j == i || clauses[j].sent == clauses[j-1].sent || joinsChoice(clauses, j)); j++ {
			sent = append(sent, clauses[j].toks...)
		}
		order, i = choiceOrder(sent, false), j
	}
	for _, s := range p.steps {
		if order == nil && askedChoice(s) {
			order = choiceOrder(tokenize(s.phrase), true) // "ask if they want the code by SMS or by email"
		}
	}
	if order == nil {
		return
	}
	at, byKind := -1, map[kind]*step{}
	for i, s := range p.steps {
		if !isCode(s.k) && !(s.k == kAsk && namesChannels(s.phrase)) {
			continue
		}
		if isCode(s.k) && byKind[s.k] != nil {
			return // two codes of one channel: not a choice between them
		}
		if isCode(s.k) {
			byKind[s.k] = s
		}
		if at < 0 {
			at = i
		}
	}
	p.steps = slices.DeleteFunc(p.steps, func(s *step) bool { return isCode(s.k) || s.k == kAsk && namesChannels(s.phrase) })
	opts := make([]*step, len(order))
	for i, k := range order {
		opts[i] = cmpStep(byKind[k], byKind[kOTP], k)
	}
	ask := &step{k: kAsk, options: opts[1:], choice: true}
	if at < 0 || at > len(p.steps) {
		at = len(p.steps)
		if at > 0 && p.steps[at-1].k == kClosing {
			at--
		}
	}
	p.steps = slices.Insert(p.steps, at, ask, opts[0])
	p.notes = slices.DeleteFunc(p.notes, func(n string) bool {
		// "whichever they prefer" was no step of its own: it is the choice
		return strings.HasPrefix(n, unplacedPrefix) && hasAnyRaw(tokenize(n), lex.choiceWord)
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
			cue = cue || lex.choiceWord[t.raw] || lex.choiceAsk[t.raw]
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
		s.options = slices.DeleteFunc(s.options, func(o *step) bool { return !isCode(o.k) })
		if j := slices.IndexFunc(steps[i+1:], func(m *step) bool { return isCode(m.k) || m.isChoice() }); j > 0 && isCode(steps[i+1+j].k) {
			// a step put "before the code" landed between the question and its
			// first option: it goes before the question, which stays with the code
			steps = slices.Insert(slices.Delete(steps, i, i+1), i+j, s)
			i += j
		}
		if (i+1 >= len(steps) || !isCode(steps[i+1].k)) && len(s.options) > 0 {
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
// condition names an option).
func readsAsChoice(n *flow.Node) bool {
	return n != nil && n.Type == flow.TypeConversation && len(n.Outcomes) > 1 &&
		!slices.ContainsFunc(n.Outcomes, func(o flow.Outcome) bool { return !strings.HasPrefix(o.Condition, choiceCondPrefix) })
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
	words := strings.Fields(sentence)
	changed := false
	for i := 1; i < len(words); i++ {
		w := strings.ToLower(strings.TrimRight(words[i], ".,;:!?"))
		if lex.optionNoun[w] && channelBefore(words[i-1]) {
			words[i] = "code" + words[i][len(w):]
			changed = true
		}
	}
	if !changed {
		return sentence
	}
	return strings.Join(words, " ")
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
