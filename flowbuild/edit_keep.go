package flowbuild

import (
	"slices"
	"strings"
)

// Corrections of a removal inside one change. A writer who removes several
// steps and then keeps one of them back ("drop the document scan, and the
// permission step too... hmm, keep the permission actually", "rip out both
// codes... actually keep the sms one, just drop the email code") means the
// removal of the others only: the "keep" takes back the part of the removal it
// names, not the removal whole, and what is said after it about the steps that
// still go ("just the doc", "just drop the email code", "only the face scan
// goes") says the narrowed removal again, which is applied once.

// removedKinds is what a removal's words name among the steps of the flow:
// the steps it names, and every step of the family a plural names ("both
// codes": each code of the flow).
func (p *plan) removedKinds(ts []token) kindSet {
	a := analyze(ts, p.steps)
	ks := a.neg
	for _, s := range a.steps {
		ks.add(s.k)
	}
	var branch []*step // a new user's steps, removed as the main path's are
	for _, s := range p.steps {
		branch = append(branch, s.branch...)
	}
	if ks.has(kOTP) && (pluralStep(ts) != "" || hasRaw(ts, wholeFamilyWords...)) {
		for _, s := range slices.Concat(p.steps, branch) {
			if familyHead(s.k) == kEmailOTP {
				ks.add(s.k)
			}
		}
	}
	var in kindSet
	for k := kind(0); k < kindCount; k++ {
		if !ks.has(k) {
			continue
		}
		if i := p.find(k); i >= 0 {
			in.add(p.steps[i].k)
		} else if i := findKind(branch, k); i >= 0 {
			in.add(branch[i].k)
		}
	}
	return in
}

// keptBack reads part as keeping back some of the steps the removal prev
// names: after hesitations and correction words ("hmm,", "actually", "no,")
// it opens on a verb of keeping whose object names steps prev removes with
// others. It returns the removal of the others alone, what part says after
// the kept object (", just drop the email code"), the steps kept, and the
// steps that still go; ok is false when part keeps nothing prev removes, or
// everything it removes (a "keep" of the whole removal is a retraction, read
// as such by retraction).
func (p *plan) keptBack(prev, part string) (removal, rest string, kept, gone kindSet, ok bool) {
	if !keepOpens(part) {
		return "", "", 0, 0, false // (most parts: no verb of keeping where they open)
	}
	words := strings.Fields(part)
	i := rethinkOpens(words) // ("on second thought keep the email one")
	for i < len(words) && i < 4 && (lex.hesitation[bareWord(words[i])] || lex.correction[bareWord(words[i])] || bareWord(words[i]) == "no" || bareWord(words[i]) == "but" || isDash(words[i])) {
		i++
	}
	if i >= len(words)-1 || !lex.keepVerb[bareWord(words[i])] {
		return "", "", 0, 0, false
	}
	pw := strings.Fields(prev)
	if !removes(pw) {
		return "", "", 0, 0, false
	}
	// the kept object runs to a comma, a dash or the end; a correction word
	// after it ("keep the permission actually") is part of the marker
	end := i + 1
	for end < len(words) && !isDash(words[end]) {
		end++
		if strings.ContainsAny(words[end-1], ",;:.!?…") {
			break
		}
	}
	obj := words[i+1 : end]
	for len(obj) > 0 && (lex.correction[bareWord(obj[len(obj)-1])] || lex.hesitation[bareWord(obj[len(obj)-1])]) {
		obj = obj[:len(obj)-1]
	}
	if len(obj) == 0 {
		return "", "", 0, 0, false
	}
	otoks := tokenize(strings.Join(obj, " "))
	if a := analyze(otoks, p.steps); a.neg != 0 || statesValue(otoks) {
		return "", "", 0, 0, false // ("keep the code at 6 digits": a setting, not a step kept)
	}
	removed := p.removedKinds(tokenize(prev))
	kept = p.removedKinds(otoks)
	if kept == 0 || kept&^removed != 0 || removed&^kept == 0 {
		return "", "", 0, 0, false
	}
	gone = removed &^ kept
	// the words before the verb stay ("for new users, drop …"); the verb
	// and its objects become the removal of what still goes
	v := 0
	for v < len(pw) && !lex.removeVerb[bareWord(pw[v])] && !lex.takeVerb[bareWord(pw[v])] {
		v++
	}
	if v > 0 && bareWord(pw[v-1]) == "get" {
		v-- // "get rid of …"
	}
	for len(words) > end && isDash(words[end]) {
		end++
	}
	return strings.TrimSpace(strings.Join(pw[:v], " ") + " remove the " + stepNamesOf(gone)), strings.Join(words[end:], " "), kept, gone, true
}

// keepsAll reads part as keeping back every step the removal prev names, by
// a word that points back at all of them ("remove both codes. actually, keep
// them", "… — hmm, no, keep both", "… on second thought keep both of them"):
// the removal is taken back whole. It returns what part says after the kept
// words.
func keepsAll(prev, part string) (string, bool) {
	if !keepOpens(part) {
		return "", false // (most parts: no verb of keeping where they open)
	}
	words := strings.Fields(part)
	i := rethinkOpens(words)
	for i < len(words) && i < 5 && (lex.hesitation[bareWord(words[i])] || lex.correction[bareWord(words[i])] || bareWord(words[i]) == "no" || isDash(words[i])) {
		i++
	}
	if i >= len(words)-1 || !lex.keepVerb[bareWord(words[i])] || !removes(strings.Fields(prev)) {
		return "", false
	}
	end := i + 1
	for end < len(words) && lex.keepAllWord[bareWord(words[end])] {
		end++
		if strings.ContainsAny(words[end-1], ",;:.!?…") {
			break
		}
	}
	if end == i+1 || end < len(words) && !strings.ContainsAny(words[end-1], ",;:.!?…") && !isDash(words[end]) {
		return "", false // ("keep them at the end": a place, read elsewhere)
	}
	for end < len(words) && isDash(words[end]) {
		end++
	}
	return strings.Join(words[end:], " "), true
}

// statesValue: the words hold a number other than the "one" of "the sms one"
// ("keep the code at 6 digits": a setting, not a step kept).
func statesValue(ts []token) bool {
	for _, t := range ts {
		if t.isNum && t.raw != "one" {
			return true
		}
	}
	return false
}

// saysRemovalAgain: the words name only steps the narrowed removal takes out,
// alone after "just" or "only" ("just the doc") or with a verb of removal or
// of going ("just drop the email code", "only the face scan goes"): the
// removal said again, not a step to add nor a second removal.
func (p *plan) saysRemovalAgain(part string, gone kindSet) bool {
	if gone == 0 {
		return false
	}
	ts := tokenize(part)
	named := p.removedKinds(ts)
	if named == 0 || named&^gone != 0 || statesValue(ts) {
		return false
	}
	w := strings.Fields(part)
	for len(w) > 0 && (lex.hesitation[bareWord(w[0])] || lex.correction[bareWord(w[0])]) {
		w = w[1:]
	}
	if len(w) == 0 {
		return false
	}
	if removes(w) || hasRaw(ts, "goes", "go", "gone") {
		return true
	}
	return (bareWord(w[0]) == "just" || bareWord(w[0]) == "only") && !hasEditVerb(w[1:])
}

// Questions the writer answers themselves ("add recognition before the
// liveness? hmm, not in this version", "and driving licences? no, not those",
// "does the email one have to go first? no?"): the question suggests, the
// answer turns it down, and neither asks anything of the flow.

// skipHesitation drops the sounds and correction words a line opens on
// ("hmm, not now", "wait, does …"), up to three words.
func skipHesitation(line string) string {
	for n := 0; n < 3; n++ {
		w, rest, _ := strings.Cut(line, " ")
		if b := bareWord(w); rest == "" || !(lex.hesitation[b] || b == "wait" || b == "actually") {
			return line
		}
		line = strings.TrimSpace(rest)
	}
	return line
}

// notAnswer: the line ("not in this version", "not those", "not for now",
// "not yet") turns a suggestion down and names no step, no value and no
// change of its own ("not SMS, email" corrects; "not before the liveness,
// after it" places).
func notAnswer(line string) bool {
	ws := strings.Fields(line)
	if len(ws) > 6 || hasEditVerb(ws) {
		return false
	}
	if len(ws) < 2 || !lex.notTurnDownLead[bareWord(ws[1])] && !(len(ws) == 2 && lex.notTurnDownAlone[bareWord(ws[1])]) {
		return false // "not needed anymore", "not a bad idea", "not urgent": no turn-down
	}
	ts := tokenize(line)
	return len(analyze(ts, nil).steps) == 0 && !statesValue(ts) && !hasAnyRaw(ts, lex.frontWord) && !hasAnyRaw(ts, lex.backWord) && !hasRaw(ts, "before", "after", "between")
}

// answerTurnsDown: the line answers the question before it with a "no" and asks
// nothing more ("no?", "nah.", "hmm, not in this version", "no, not those").
func answerTurnsDown(line string) bool {
	if !answersNo(line) {
		return false
	}
	line = skipHesitation(strings.TrimSpace(dropSpeaker(line)))
	for {
		w, rest, _ := strings.Cut(line, " ")
		if !lex.replyNo[bareWord(w)] && !isDash(w) {
			break
		}
		line = strings.TrimSpace(rest)
	}
	line = strings.Trim(line, " ,.!?")
	if line == "" {
		return true
	}
	w, _, _ := strings.Cut(line, " ")
	return bareWord(w) == "not" && notAnswer(line)
}

// lastDash is where the last dash set off by spaces stands in s, and its
// width with the space after it; -1 if none.
func lastDash(s string) (int, int) {
	at, width := -1, 0
	for _, d := range dashWords {
		if i := strings.LastIndex(s, " "+d+" "); i > at {
			at, width = i+1, len(d)+1
		}
	}
	return at, width
}

// swapSaidAgain: after a swap (prev), the words swap again what it swapped
// ("ok swap them", "yeah, swap those two", "swap the codes then"): a verb of
// swapping, no step outside the pair prev named, no place and no "back" (which
// asks for the swap to be undone): the change said twice, made once.
func swapSaidAgain(prev, ts []token, steps []*step) bool {
	if !hasAnyRaw(ts, lex.swapVerb) || !hasAnyRaw(prev, lex.swapVerb) || has(ts, "back") ||
		hasAnyRaw(ts, lex.frontWord) || hasAnyRaw(ts, lex.backWord) || hasRaw(ts, "before", "after", "between", "instead") || statesValue(ts) {
		return false
	}
	if pluralStep(ts) != "" && pluralStep(prev) == "" || hasAnyRaw(ts, lex.otherWord) {
		return false // "swap the liveness and the email code. now swap the two codes", "… then swap the other two": another pair
	}
	pair := analyze(prev, steps).steps // (none for "swap the last two": then ts names none either)
	for _, s := range analyze(ts, steps).steps {
		if findKind(pair, s.k) < 0 && !(s.k == kOTP && pluralStep(prev) != "") {
			return false
		}
	}
	return true
}

// rethinkOpens is how many words a phrase of rethinking (lex.rethink: "on
// second thought", "scratch that", "come to think of it") takes where the words
// open, after up to two hesitations ("hmm, on second thought"), or 0. Only
// phrases of two words or more count: a single word ("actually", "sorry") is
// read by retraction with its own conditions.
func rethinkOpens(words []string) int {
	h := 0
	for h < len(words) && h < 2 && lex.hesitation[bareWord(words[h])] {
		h++
	}
	if h+1 >= len(words) {
		return 0
	}
	first := bareWord(words[h])
	if lex.hesitation[first] || first == "" {
		return 0
	}
	// (a cheap test first: most parts open on no word of a phrase)
	if !rethinkFirst[first] {
		return 0
	}
	end := min(len(words), h+6)
	ts := tokenize(strings.Join(words[h:end], " "))
	if phraseLen(ts, 0, lex.explain) > 0 {
		return 0 // "I mean, the sms alone is not enough": why, nothing taken back
	}
	if n := phraseLen(ts, 0, lex.rethink); n > 1 {
		// the phrase's words, counted in the words given
		k, seen := h, 0
		for k < end && seen < n {
			if bareWord(words[k]) != "" {
				seen++
			}
			k++
		}
		return k
	}
	return 0
}

// rethinkFirst holds the first word of the phrases of lex.rethink.
var rethinkFirst = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range rethinkPhrases {
		// (not "no wait", read by retraction with the answer it may give,
		// nor "let's say", which opens a value or a supposition)
		if w, _, _ := strings.Cut(p, " "); w != "no" && w != "lets" && w != "let" {
			m[w] = true
		}
	}
	return m
}()

// keepOpens: one of the first seven words of part is a verb of keeping
// (lex.keepVerb), checked without allocating.
func keepOpens(part string) bool {
	// ("hmm, come to think of it, leave the liveness")
	return anyLeadWord(part, 7, func(w, _ string) bool {
		return inFold(lex.keepVerb, w)
	})
}

// inFold: w is in set (a set of lower-case words), whatever its case;
// strings.ToLower allocates only when w has an upper-case letter.
func inFold(set map[string]bool, w string) bool { return set[strings.ToLower(w)] }

// anyLeadWord reports whether f holds for one of the first n words of part
// (trimmed of punctuation), given with the rest of the part after it, read
// without allocating: these tests run on every part of every change.
func anyLeadWord(part string, n int, f func(w, rest string) bool) bool {
	rest := part
	for ; n > 0; n-- {
		rest = strings.TrimLeft(rest, " \t")
		if rest == "" {
			return false
		}
		w := rest
		if i := strings.IndexAny(rest, " \t"); i >= 0 {
			w, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		if f(strings.Trim(w, ",;:.!?…"), rest) {
			return true
		}
	}
	return false
}

// rethinkWord: w is the first word of a phrase of lex.rethink, checked
// without allocating.
func rethinkWord(w string) bool { return inFold(rethinkFirst, w) }

// removalExcept reads a removal with an exception of its own ("rip out both
// codes except the sms one", "remove all the codes but the sms one", "drop the
// scan and the liveness, apart from the liveness") as the removal of the steps
// it names less those the exception names, as a keep said after it
// (keptBack) reads; ok is false when the words are no such removal (the
// exception names no step the removal names, or all of them; "remove
// everything after the scan except …" is read by place).
func (p *plan) removalExcept(part string) (string, bool) {
	if !strings.Contains(part, " but ") && !slices.ContainsFunc(exceptPhrases, func(e string) bool { return strings.Contains(part, e) }) {
		return part, false // (most parts: no word of an exception)
	}
	words := strings.Fields(part)
	if !removes(words) {
		return part, false
	}
	for i := 1; i+1 < len(words); i++ {
		ts := tokenize(strings.Join(words[i:min(len(words), i+3)], " "))
		n := 0
		if len(ts) > 0 && ts[0].raw == "but" {
			n = 1
		} else if len(ts) > 0 {
			n = phraseLen(ts, 0, lex.exceptPhrase)
		}
		if n == 0 {
			continue
		}
		if !removes(words[:i]) {
			return part, false
		}
		obj := words[i+n:]
		keep := "keep " + strings.Join(obj, " ")
		if len(obj) > 0 && lex.keepVerb[bareWord(obj[0])] {
			keep = strings.Join(obj, " ") // "… but keep the sms one"
		}
		removal, rest, _, _, ok := p.keptBack(strings.TrimRight(strings.Join(words[:i], " "), ",;"), keep)
		if !ok {
			return part, false
		}
		if w, _, _ := strings.Cut(strings.TrimSpace(rest), " "); lex.relative[bareWord(w)] {
			// "… except the sms one, which should be 8 digits": what follows
			// speaks of the step kept; joined to the removal it would set the
			// step removed, so the words are left as they were said
			return part, false
		}
		if strings.TrimSpace(rest) != "" {
			removal += ", " + rest
		}
		return removal, true
	}
	return part, false
}

// butOther splits a removal at a "but" whose words name no step the removal
// takes out and say what stays or is done ("remove the sms code but the
// liveness must stay at the end", "drop both codes but add a liveness check"):
// no exception of the removal, an instruction of its own, which must not widen
// the removal to the steps it names.
func (p *plan) butOther(part string) (string, string, bool) {
	i := strings.Index(part, " but ")
	if i < 0 {
		return part, "", false // (most parts: no "but")
	}
	head, tail := strings.TrimRight(part[:i], " ,;"), strings.TrimSpace(part[i+5:])
	hw, tw := strings.Fields(head), strings.Fields(tail)
	if !removes(hw) || len(tw) < 2 || lex.keepVerb[bareWord(tw[0])] {
		return part, "", false
	}
	if !hasEditVerb(tw) && !slices.ContainsFunc(tw, func(w string) bool { return lex.stayVerb[bareWord(w)] }) {
		return part, "", false
	}
	gone, named := p.removedKinds(tokenize(head)), p.removedKinds(tokenize(tail))
	if gone == 0 || named == 0 || gone&named != 0 {
		return part, "", false
	}
	return head, tail, true
}

// dropHesitations leaves out the sentences made of hesitations alone ("hmm...",
// "uh.", "ok so"): they ask nothing, and between a question and its answer
// ("add an SMS code at the start? hmm... not yet.") they would hide the answer.
func dropHesitations(sentences []string) []string {
	if !slices.ContainsFunc(sentences, hesitationOnly) {
		return sentences // (most changes: nothing to leave out, nothing allocated)
	}
	out := slices.DeleteFunc(slices.Clone(sentences), hesitationOnly)
	if len(out) == 0 {
		return sentences
	}
	return out
}

// hesitationOnly: every word of s is a hesitation (lex.hesitation) and s asks
// nothing ("hmm?" stays).
func hesitationOnly(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, "?") {
		return false
	}
	for s != "" {
		w, rest, _ := strings.Cut(s, " ")
		if w = strings.Trim(w, ",;:.!…"); w != "" && !inFold(lex.hesitation, w) {
			return false
		}
		s = rest
	}
	return true
}
