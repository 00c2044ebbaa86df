package flowbuild

import (
	"slices"
	"strings"
)

// checksNamed: the steps of the words that are no conversation ("the sms
// code", "the face scan"); a question or a line the words may also read as
// is no step the words name.
func checksNamed(words string) []*step {
	var out []*step
	for _, s := range analyze(tokenize(words), nil).steps {
		if !s.k.isConversation() {
			out = append(out, s)
		}
	}
	return out
}

// fieldWords: the words of s, lower case, without the punctuation around them.
func fieldWords(s string) []string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		ws[i] = strings.Trim(w, ".,;:!?\"'()")
	}
	return ws
}

// labelNotRemoved: a line "X: <a sentence>" whose sentence holds a removal
// word and names no step of its own ("sms code: remove the expiry", "face
// compare: kill the session if no match", "face scan: remove glasses and
// hats") says something of X (a setting, a condition, what the user is
// told), never that X goes: only a bare verdict ("sms code: gone", "email
// code: remove it") takes X out (readKeyValue). It gives X as written.
func labelNotRemoved(sentence string) (string, bool) {
	key, rest, ok := strings.Cut(sentence, ":")
	if !ok || strings.Contains(rest, ":") {
		return "", false
	}
	ws := fieldWords(rest)
	r := slices.IndexFunc(ws, func(w string) bool { return lex.removeVerb[w] })
	if r < 0 || len(strings.Fields(key)) > 4 || strings.ContainsAny(rest, "0123456789") {
		// (a number is a setting's value the settings reader takes: "sms
		// code: cut the expiry to 2 minutes")
		return "", false
	}
	if !slices.ContainsFunc(ws[r+1:], func(w string) bool { return w != "" && !lex.removalFiller[w] }) || r+1 < len(ws) && lex.touchedRef[ws[r+1]] {
		return "", false // "email code: remove it", "sms code: drop it entirely", "liveness: kill it on a deepfake, no retry" (the label is the object)
	}
	named := checksNamed(key)
	if len(named) != 1 || slices.ContainsFunc(checksNamed(rest), func(s *step) bool { return s.k != named[0].k }) {
		return "", false // ("liveness: deepfake -> kill the session" names liveness again)
	}
	return strings.ToLower(strings.TrimSpace(strings.Trim(strings.TrimSpace(key), "-*•·– "))), true
}

// condRemoval: a removal with a condition after it ("remove it from the flow
// if delivery fails", "drop the face scan when the user is on desktop"): a
// removal takes the step out of every session, so the condition cannot be
// kept and the step is not taken out on a guess. It gives the words before
// the removal's clause (kept: "make the sms code 8 digits") and the clause.
// A condition that asks nothing of the session ("if possible", "if it's
// there") leaves the removal as it is; so does a condition before the
// removal ("if they deny the camera, skip the face stuff"), a branch.
func condRemoval(sentence string) (kept, clause string, ok bool) {
	ws := fieldWords(sentence)
	r := slices.IndexFunc(ws, func(w string) bool { return lex.removeVerb[w] })
	passive := false
	if r < 0 {
		// "the SMS OTP SHALL be deleted if the user has no phone": the
		// passive's participle, after a be-form, and its subject before it
		r = slices.IndexFunc(ws, func(w string) bool { return lex.removeVerb[changeParticiples[w]] })
		passive = r > 0 && lex.beForm[ws[r-1]]
		if !passive {
			r = -1
		}
	}
	if r < 0 || slices.ContainsFunc(ws[:r], func(w string) bool { return lex.condOpen[w] }) {
		return "", "", false
	}
	c := slices.IndexFunc(ws[r+1:], func(w string) bool { return lex.condOpen[w] })
	if c < 0 {
		return "", "", false
	}
	c += r + 1
	tail := ws[c+1:]
	if len(tail) == 0 || !slices.ContainsFunc(tail, func(w string) bool { return !lex.condAsksNothing[w] }) {
		return "", "", false
	}
	raw := strings.Fields(sentence) // (ws's words, punctuation kept)
	if slices.ContainsFunc(raw[r+1:max(r+1, c-1)], func(w string) bool { return strings.Contains(w, ",") }) {
		return "", "", false // "drop the sms code, add a scan if …": the condition is another clause's
	}
	obj := strings.Join(ws[r+1:c], " ")
	if passive {
		obj = strings.Join(ws[:r], " ")
	}
	if len(checksNamed(obj)) == 0 && !slices.ContainsFunc(ws[r+1:c], func(w string) bool { return lex.touchedRef[w] || lex.doneRef[w] }) {
		return "", "", false // "kill the session if no match": no step goes
	}
	// the removal's clause starts after the last ", " or " and " before its verb
	joined := strings.Join(raw, " ")
	head := strings.ToLower(joined[:len(strings.Join(raw[:r], " "))]) + " "
	cut := max(strings.LastIndex(head, ","), strings.LastIndex(head, " and "))
	if cut < 0 {
		return "", strings.TrimSpace(sentence), true
	}
	sentence = joined
	kept = strings.TrimSpace(sentence[:cut])
	for _, end := range []string{" and", " then", ","} {
		kept = strings.TrimSpace(strings.TrimSuffix(kept, end))
	}
	clause = strings.TrimSpace(strings.TrimLeft(sentence[cut:], ", "))
	if w := firstWord(clause); strings.EqualFold(w, "and") {
		clause = strings.TrimSpace(clause[len(w):])
	}
	return kept, clause, true
}

// settingItem: the item of an inline numbered list that opens text at byte
// at ("3 attempts 3) 5 minute expiry"), up to the next item's number
// (listMarkerAt), holds settings alone: a number, no step and
// no verb of a change first ("make them 8 digits" points back itself).
func settingItem(text string, at int) bool {
	rest := text[at:]
	item := rest
	for k := 1; k+1 < len(rest); k++ {
		if rest[k] == ')' && listMarkerAt(text, at+k) {
			item = strings.TrimRight(rest[:k], "0123456789") // (the next item's number, as editSentences reads it)
			break
		}
	}
	ws := fieldWords(item)
	if len(ws) == 0 || len(ws) > 5 || !strings.ContainsAny(item, "0123456789") {
		return false
	}
	if w := ws[0]; editVerbs[w] || lex.removeVerb[w] || lex.setVerb[w] || lex.touchedRef[w] || lex.doneRef[w] {
		return false
	}
	return len(analyze(tokenize(item), nil).steps) == 0
}

// verdictAsFailure: a condition that quotes a check's verdict ("if the
// compare says no match, …", "if liveness says deepfake, …") reads as the
// condition it is ("if the compare fails", "if liveness detects a
// deepfake"): the verdict is the check's, no line for the avatar to say.
func verdictAsFailure(sentence string) string {
	if !slices.ContainsFunc(verdictSayWords, func(v string) bool { return strings.Contains(sentence, " "+v) }) {
		return sentence // (most sentences: no word of a verdict)
	}
	low := strings.ToLower(sentence)
	c := -1
	for w := range lex.condOpen {
		if i := strings.Index(low, w+" "); i >= 0 && (i == 0 || low[i-1] == ' ' || low[i-1] == ',') && (c < 0 || i < c) {
			c = i
		}
	}
	if c < 0 {
		return sentence
	}
	for _, v := range verdictSayWords {
		i := strings.Index(low[c:], " "+v+" ")
		if i < 0 {
			continue
		}
		at := c + i + 1
		after := low[at+len(v)+1:]
		end := strings.IndexAny(after, ",;:")
		if end < 0 {
			end = len(after)
		}
		phrase := strings.Trim(after[:end], " \"'.")
		if thenAt := strings.Index(phrase, " then"); thenAt > 0 {
			phrase, end = phrase[:thenAt], strings.Index(after, " then")
		}
		if !lex.verdictPhrase[phrase] {
			continue
		}
		if slices.ContainsFunc(fieldWords(low[c:at]), func(w string) bool { return lex.verdictPerson[w] }) {
			continue // "if the user says fraud": a person's words, no check's verdict
		}
		with := "fails"
		if lex.deepfakeVerdict[phrase] {
			with = "detects a deepfake"
		}
		return sentence[:at] + with + sentence[at+len(v)+1+end:]
	}
	return sentence
}
