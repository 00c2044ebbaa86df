package flowbuild

import (
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
// its label, with the punctuation after it.
func splitACLabels(text string) string {
	low := strings.ToLower(text)
	var b strings.Builder
	for i := 0; i < len(text); {
		n := acLabelAt(low, i)
		if n == 0 {
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
func dropMoscowLabels(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if n, _ := moscowLabel(l); n > 0 {
			lines[i] = strings.TrimSpace(l[n:])
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
	if rest == "" || !coversStory(analyze(tokenize(rest), nil).steps, analyze(tokenize(story), nil).steps) {
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

// acRefs reads a change's references to the ticket's acceptance criteria
// ("remove AC2", "AC1 changed: …") as the steps they number: the n-th step of
// the flow's main path, conversations aside, named by its kind. The result
// says which step each label was read as; a label past the last step is left
// as it is.
func (p *plan) acRefs(text string) (string, []string) {
	low := strings.ToLower(text)
	if !hasACLabel(low) {
		return text, nil
	}
	// the numbering with every check, and without a liveness check right
	// after a recognition, which the builder adds by FaceSign's pattern when
	// the ticket does not number it; where the two disagree the label is
	// left unread (the change then names no step, and says so) rather than
	// guessed
	var checks, named []*step
	for _, s := range p.steps {
		if s.k.isConversation() {
			continue
		}
		checks = append(checks, s)
		if !(s.k == kLiveness && len(checks) > 1 && checks[len(checks)-2].k == kRecognition) {
			named = append(named, s)
		}
	}
	var b strings.Builder
	var notes []string
	for i := 0; i < len(text); {
		n := acLabelAt(low, i)
		if n == 0 {
			b.WriteByte(text[i])
			i++
			continue
		}
		if e := acHeadingEnd(low, i+n); e > 0 {
			// "AC1 updated: ask for camera access at the start": the
			// criterion's new words follow; they are the change
			i = e
			continue
		}
		num := 0
		for _, r := range low[i : i+n] {
			if r >= '0' && r <= '9' {
				num = num*10 + int(r-'0')
			}
		}
		if num < 1 || num > len(checks) || num > len(named) || named[num-1] != checks[num-1] {
			b.WriteString(text[i : i+n])
			i += n
			continue
		}
		k := checks[num-1].k
		b.WriteString("the " + k.String())
		note := "Read \"" + text[i:i+n] + "\" as the flow's " + ordinalWord(num) + " step, the " + k.String() + "."
		if !slices.Contains(notes, note) {
			notes = append(notes, note)
		}
		i += n
	}
	return b.String(), notes
}

func ordinalWord(n int) string {
	words := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	if n < len(words) {
		return words[n]
	}
	return "next"
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
// scan") is kept.
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
	order := false
	for _, t := range tail {
		switch {
		case lex.swapGlossOrder[t.raw]:
			order = true
		case lex.removeVerb[t.w] || lex.addVerb[t.raw] && t.raw != "then" || lex.swapVerb[t.raw] || t.w == "replace":
			return text, ""
		}
	}
	if !order {
		return text, ""
	}
	gloss := strings.TrimSpace(text[colon+1:])
	return strings.TrimSpace(text[:colon]), "Read \"" + gloss + "\" as the order the swap makes, not as a move of its own."
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
