package flowbuild

import (
	"fmt"
	"slices"
	"strings"
)

// Tickets. Product owners write requirements as tickets: a user story ("As a
// customer … I want … so that …") followed by numbered acceptance criteria
// ("AC1: …", "AC2 …"), MoSCoW lists ("Must: …", "Won't: …") or Gherkin
// scenarios. readTicket reads the structure of such a ticket before the
// clause reader sees it:
//
//   - an acceptance criterion's label ("AC1:", "AC 2 -") is a list item's
//     number: it starts a line of its own and names nothing;
//   - a MoSCoW label of a wanted item ("Must:", "Should have:", "Could:") is
//     dropped, its item read as a step of the list; the label of an excluded
//     item ("Won't:", "Won't have:") is an off-scope heading (lexicon:
//     offScopeColonPhrases), its item ruled out;
//   - the story line is the ticket's context (who wants it and why), not its
//     steps: when the lines after it name steps, it is read after them, so
//     that the criteria set the order and a step the story also names is the
//     criteria's, not a second one; nothing it names is dropped.
//
// Text with none of these shapes comes back unchanged.
func readTicket(text string) (string, []string) {
	low := strings.ToLower(text)
	hasAC := hasACLabel(low)
	hasStory := storyStart(low) >= 0
	hasMoscow := hasMoscowLabel(low)
	if !hasAC && !hasStory && !hasMoscow && !strings.Contains(text, ")\n") && !strings.Contains(text, "):") {
		return text, nil
	}
	text = headingAsides(text)
	if hasAC {
		text = splitACLabels(text)
	}
	if hasMoscow {
		text = dropMoscowLabels(text)
	}
	var notes []string
	if hasStory {
		text, notes = storyLast(text)
	}
	return text, notes
}

// acLabelAt: the length of an acceptance criterion's label at i ("ac1",
// "ac 2", "ac-3"), 0 if there is none.
func acLabelAt(low string, i int) int {
	if !strings.HasPrefix(low[i:], "ac") || i > 0 && isWordByte(low[i-1]) {
		return 0
	}
	j := i + 2
	if j < len(low) && (low[j] == ' ' || low[j] == '-' || low[j] == '#') {
		j++
	}
	k := j
	for k < len(low) && low[k] >= '0' && low[k] <= '9' {
		k++
	}
	if k == j || k-j > 2 || k < len(low) && isWordByte(low[k]) {
		return 0
	}
	return k - i
}

// acListStart: the label at i opens a list item: the text's start, a line's
// (after a bullet) or the end of the item before (". , ;").
func acListStart(low string, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch low[j] {
		case ' ', '\t', '-', '*', '#':
			continue
		case '\n', '.', ',', ';', '\r':
			return true
		}
		return low[j] == 0xa2 && j >= 2 && low[j-2:j+1] == "•"
	}
	return true
}

func hasACLabel(low string) bool {
	for i := strings.Index(low, "ac"); i >= 0; {
		if acLabelAt(low, i) > 0 {
			return true
		}
		n := strings.Index(low[i+2:], "ac")
		if n < 0 {
			break
		}
		i += 2 + n
	}
	return false
}

// splitACLabels puts each acceptance criterion on a line of its own and drops
// its label, with the punctuation after it. Only a label that opens an item
// (acListStart) is a criterion's; one inside a sentence ("if the SMS fails
// (see AC3), send an email code", "as AC2 requires") refers to a criterion
// and stays where it is, so that the sentence reads whole.
func splitACLabels(text string) string {
	low := strings.ToLower(text)
	var b strings.Builder
	for i := 0; i < len(text); {
		n := acLabelAt(low, i)
		if n == 0 || !acListStart(low, i) {
			b.WriteByte(text[i])
			i++
			continue
		}
		j := i + n
		for j < len(text) && strings.IndexByte(" :.)-–", text[j]) >= 0 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		i = j
	}
	return b.String()
}

// moscowLabel: the length of a MoSCoW label at the start of a line and whether
// it excludes its item, 0 if the line opens with none.
func moscowLabel(line string) (int, bool) {
	l := strings.ToLower(strings.TrimLeft(line, " \t-*•"))
	off := len(line) - len(l)
	colon := strings.IndexAny(l, ":–")
	if colon < 0 && len(l) <= 24 && lex.moscowWant[strings.Join(strings.Fields(strings.Trim(l, " \t\r#*")), " ")] {
		return len(line), false // ("Must have" on a line of its own, over the list of its items)
	}
	if colon <= 0 || colon > 24 {
		return 0, false
	}
	head := strings.Join(strings.Fields(strings.NewReplacer("'", "", "’", "").Replace(l[:colon])), " ")
	switch {
	case lex.moscowWant[head]:
		n := off + colon + 1
		if l[colon] != ':' {
			n = off + colon + len("–")
		}
		return n, false
	}
	return 0, false
}

func hasMoscowLabel(low string) bool {
	for _, l := range strings.Split(low, "\n") {
		if n, _ := moscowLabel(l); n > 0 {
			return true
		}
	}
	return false
}

// dropMoscowLabels drops the label of a wanted item ("Must: liveness" reads
// "liveness"); an excluded one keeps its label, an off-scope heading.
//
// A wanted heading on a line of its own after an off-scope list ("Won't
// have\n- SMS code\nMust have\n- liveness") keeps its words: it ends that
// list, and dropped, the list would run on over the wanted items.
func dropMoscowLabels(text string) string {
	lines := strings.Split(text, "\n")
	off := false
	for i, l := range lines {
		n, _ := moscowLabel(l)
		switch {
		case n > 0 && off && strings.TrimSpace(l[n:]) == "":
			off = false
		case n > 0:
			lines[i] = strings.TrimSpace(l[n:])
		default:
			ts := tokenize(strings.TrimLeft(l, " \t#*-•"))
			off = off || len(ts) > 0 && (phraseLen(ts, 0, lex.offScope) > 0 || phraseLen(ts, 0, lex.offScopeColon) > 0)
		}
	}
	return strings.Join(lines, "\n")
}

// storyStart: where a user story's line begins ("As a customer …, I want …"),
// at the text's start or a line's, -1 if there is none.
func storyStart(low string) int {
	for i := 0; i < len(low); {
		l := strings.TrimLeft(low[i:], " \t-*•#")
		for _, p := range storyLeadPrefixes {
			if strings.HasPrefix(l, p) {
				end := storyEnd(low, i)
				if hasAnyPhrase(low[i:end], storyWantPhrases) {
					return i
				}
			}
		}
		nl := strings.IndexByte(low[i:], '\n')
		if nl < 0 {
			break
		}
		i += nl + 1
	}
	return -1
}

func hasAnyPhrase(s string, ps []string) bool {
	for _, p := range ps {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// storyEnd: where the story's sentence ends (a full stop before a space, a
// line's end, or the text's).
func storyEnd(low string, i int) int {
	for j := i; j < len(low); j++ {
		switch low[j] {
		case '\n':
			return j
		case '.', '!':
			if j+1 == len(low) || low[j+1] == ' ' || low[j+1] == '\n' {
				return j + 1
			}
		}
	}
	return len(low)
}

// storyLast reads the story after the ticket's other lines when those name
// steps of their own.
func storyLast(text string) (string, []string) {
	low := strings.ToLower(text)
	s := storyStart(low)
	e := storyEnd(low, s)
	story := strings.TrimSpace(text[s:e])
	rest := strings.TrimSpace(text[:s] + "\n" + text[e:])
	storySteps := analyze(tokenize(story), nil).steps
	if rest == "" || storyOrders(strings.ToLower(story), storySteps) || !coversStory(analyze(tokenize(rest), nil).steps, storySteps) {
		// (the criteria name only some of the story's steps, "As a security
		// lead I want a liveness check followed by a texted code.\n- the code
		// is 8 digits": the story lays out the steps, the criteria their
		// settings; it keeps its place)
		return text, nil
	}
	if !strings.HasSuffix(story, ".") && !strings.HasSuffix(story, "!") {
		story += "."
	}
	return rest + "\n" + story, []string{"Read the user story (\"" + clip(story, 60) + "\") as the ticket's context: its criteria set the steps' order."}
}

// storyOrders: the story lays out two checks or more in an order of its own
// ("… scan their passport, then do liveness, then get an SMS code"): that
// order stands, and criteria that name the same steps set their settings
// ("AC1: SMS code is 6 digits"), not a second order.
func storyOrders(low string, steps []*step) bool {
	if !hasAnyPhrase(low, storyOrderPhrases) {
		return false
	}
	n := 0
	for _, s := range steps {
		if !s.k.isConversation() {
			n++
		}
	}
	return n >= 2
}

func clip(s string, n int) string {
	if len(s) <= n {
		return strings.TrimSuffix(s, ".")
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < 0 {
		cut = n
	}
	return s[:cut] + " …"
}

// coversStory: the criteria name every step the story names (a code of either
// channel counts for a code: the criteria say which), and at least one.
func coversStory(rest, story []*step) bool {
	if !slices.ContainsFunc(rest, func(s *step) bool { return !s.k.isConversation() }) {
		return false
	}
	for _, s := range story {
		if s.k.isConversation() {
			continue
		}
		if findKind(rest, s.k) < 0 && !(isCodeKind(s.k) && slices.ContainsFunc(rest, func(r *step) bool { return isCodeKind(r.k) })) {
			return false
		}
	}
	return true
}

// acRefs reads a change's references to the ticket's acceptance criteria.
// A criterion's label that heads its new words ("AC1 updated: ask for camera
// access at the start") is dropped: the words after it are the change. Any
// other label ("remove AC2") is left as it is, and the first such label is
// returned: a flow does not keep its ticket's numbering, and the criteria do
// not match the built steps one to one (a criterion may name two steps, a
// setting, a question for the avatar, a fallback, a condition the builder
// turns into a check of its own; the builder reorders some steps), so the
// n-th step is no reading of "ACn". A change that then names no step says
// why (acLabelError) rather than remove a step the number may not be.
func (p *plan) acRefs(text string) (string, string) {
	low := strings.ToLower(text)
	if !hasACLabel(low) {
		return text, ""
	}
	var b strings.Builder
	label := ""
	for i := 0; i < len(text); {
		n := acLabelAt(low, i)
		if n == 0 {
			b.WriteByte(text[i])
			i++
			continue
		}
		if e := acHeadingEnd(low, i+n); e > 0 {
			i = e
			continue
		}
		if label == "" {
			label = text[i : i+n]
		}
		b.WriteString(text[i : i+n])
		i += n
	}
	return b.String(), label
}

// acLabelError says why a change that names a criterion by its number was
// not made.
func acLabelError(err error, label string) error {
	return fmt.Errorf("%w: %q is a criterion's number in the ticket, and a flow does not keep its ticket's numbering (a criterion can hold two steps, a setting or a question), so it is not read as the flow's n-th step; name the step instead (\"remove the SMS code\")", err, label)
}

// acHeadingEnd: after a criterion's label at i, a participle of change and a
// colon ("AC1 updated:", "AC3 changed to:"): where the criterion's new words
// begin, 0 if the label is no such heading.
func acHeadingEnd(low string, i int) int {
	colon := strings.IndexByte(low[i:], ':')
	if colon < 0 || colon > 20 {
		return 0
	}
	ws := strings.Fields(low[i : i+colon])
	if len(ws) == 0 || len(ws) > 2 || !lex.acRevised[ws[0]] {
		return 0
	}
	return i + colon + 1
}

// swapGloss: a swap said and then glossed after a colon with the order it
// makes ("Swap the two codes: SMS first, email after it"). The gloss restates
// the swap; read as moves of its own it would move each step again. It is
// read as said back (an assumption), and the swap is the change. A tail
// with a verb of change of its own ("swap the codes: and remove the ID
// scan", "…: SMS first, then move liveness to the end") is kept.
func swapGloss(text string) (string, string) {
	colon := strings.IndexByte(text, ':')
	if colon < 0 || strings.ContainsAny(text, "\n.;") {
		return text, ""
	}
	head, tail := tokenize(text[:colon]), tokenize(text[colon+1:])
	if len(head) == 0 || !lex.swapVerb[head[0].raw] || len(tail) == 0 {
		return text, ""
	}
	if !hasAnyRaw(head, lex.pairWord) && len(analyze(head, nil).steps) < 2 {
		return text, "" // ("swap them: SMS first": the gloss names the pair)
	}
	// ("swap the codes: SMS first, email second, then move liveness to the
	// end": the gloss, then a move of its own, read after the swap)
	segs := strings.Split(text[colon+1:], ",")
	own := len(segs)
	for i, sg := range segs {
		ts := tokenize(sg)
		for len(ts) > 1 && (ts[0].raw == "then" || ts[0].raw == "and" || ts[0].raw == "also") {
			ts = ts[1:]
		}
		if len(ts) > 0 && changeVerbIn(ts[:1]) {
			own = i
			break
		}
	}
	if own == 0 || !slices.ContainsFunc(tokenize(strings.Join(segs[:own], ",")), func(t token) bool { return lex.swapGlossOrder[t.raw] }) {
		return text, ""
	}
	gloss := strings.TrimSpace(strings.Join(segs[:own], ","))
	if !glossOfPair(head, tokenize(gloss)) {
		return text, "" // ("swap the two codes: liveness last": a step the swap does not move)
	}
	out := strings.TrimSpace(text[:colon])
	if own < len(segs) {
		out += ", " + strings.TrimSpace(strings.Join(segs[own:], ","))
	}
	return out, "Read \"" + gloss + "\" as the order the swap makes, not as a move of its own."
}

// glossOfPair: every step the gloss names is one of the pair the swap's head
// names ("the two codes": a code of either channel).
func glossOfPair(head, gloss []token) bool {
	hs := analyze(head, nil).steps
	codes := has(head, "codes") || has(head, "otps")
	for _, g := range analyze(gloss, nil).steps {
		if findKind(hs, g.k) < 0 && !(codes && isCodeKind(g.k)) && (len(hs) > 0 || codes) {
			return false
		}
	}
	return true
}

// headingAsides drops a bracket that ends an off-scope heading on a line of
// its own ("## Won't have (this release)", "Out of scope (v1):"): the
// bracket qualifies the heading, and read as a clause of its own it would
// end the heading before its list.
func headingAsides(text string) string {
	if !strings.Contains(text, ")") {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimRight(l, " \t\r:")
		if !strings.HasSuffix(t, ")") {
			continue
		}
		o := strings.LastIndexByte(t, '(')
		if o <= 0 || len(t) > 60 {
			continue
		}
		head := strings.TrimSpace(t[:o])
		if ts := tokenize(strings.TrimLeft(head, "#*- ")); len(ts) > 0 && offScopeHeading(ts, lex.offScope) {
			lines[i] = head
			if strings.HasSuffix(strings.TrimRight(l, " \t\r"), ":") {
				lines[i] += ":"
			}
		}
	}
	return strings.Join(lines, "\n")
}
