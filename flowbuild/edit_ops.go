package flowbuild

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// The edit operations beyond add, remove, replace and move: changing a step's
// settings in place, exchanging two steps, switching a step to a sibling of its
// family ("switch to SMS"), and putting steps on a branch.

// editVerbs open a new instruction inside one sentence of a change ("add an email
// code there, and remove the SMS").
// Verbs that also open other phrases ("make sure", "get their email", "use a
// code") are left out.
var editVerbs = map[string]bool{
	"add": true, "remove": true, "delete": true, "drop": true, "replace": true, "swap": true, "move": true,
	"insert": true, "switch": true, "trade": true, "rip": true, "put": true, "place": true, "change": true, "use": true, "keep": true,
	"tighten": true, "loosen": true, "raise": true, "lower": true, "increase": true, "reduce": true,
	"stick": true, "tack": true, "slap": true, "chuck": true, // "…, and stick an SMS code on the end"
	// settings: "replace the face scan with a liveness check and bump the
	// compare threshold to 0.85"
	"bump": true, "set": true, "extend": true, "shorten": true, "relax": true,
	"push": true,                // "push the liveness back one step"
	"cap":  true, "limit": true, // "remove the SMS code, and cap the email one at 3 attempts"
}

// settingsApart: the words before and after ", and" each set something of a
// step of their own ("the scan should take passports only, and the SMS code
// should expire after 3 minutes"), or the words before place a step ("liveness
// first, and both codes 8 digits"), with no verb of change after it.
func settingsApart(left, right []string) bool {
	if len(right) < 3 || startsEdit(right[0]) {
		return false
	}
	lt, rt := tokenize(strings.Join(left, " ")), tokenize(strings.Join(right, " "))
	sets := func(ts []token) bool {
		if hasSetting(ts) {
			return true
		}
		added, removed := docTypeChanges(ts) // ("should take driving licences only")
		return len(added)+len(removed) > 0
	}
	// (a place is a change of its own too: "liveness first, and both codes 8
	// digits")
	if !sets(lt) && !placesStep(lt) || !sets(rt) {
		return false
	}
	l, r := analyze(lt, nil), analyze(rt, nil)
	return len(l.steps) > 0 && len(r.steps) > 0 && !slices.ContainsFunc(r.steps, func(s *step) bool {
		return slices.ContainsFunc(l.steps, func(o *step) bool { return o.k == s.k })
	})
}

// barePlaceThenSetting: the words before "and" are a step and its place with
// no verb and no pause ("liveness first"), and the words after set a step
// and place none ("the email code expires after 2 minutes").
func barePlaceThenSetting(left, right []string) bool {
	if len(left) > 4 || hasEditVerb(left) || slices.ContainsFunc(left, func(w string) bool { return strings.ContainsAny(w, ",;:-") }) {
		return false
	}
	lt, rt := tokenize(strings.Join(left, " ")), tokenize(strings.Join(right, " "))
	return placesStep(lt) && !placesStep(rt) && readSettings(rt).any()
}

// excludesOnly: the words before a dash, with no verb of change, rule a step
// out and name no other ("so no SMS"), and the words after it, which open on
// no verb of change, name other steps of their own.
func excludesOnly(left, right []string) bool {
	l := analyze(tokenize(strings.Join(left, " ")), nil)
	if l.neg == 0 || slices.ContainsFunc(l.steps, func(s *step) bool { return !l.neg.has(s.k) }) || startsEdit(right[0]) {
		// (after the dash, a verb of change acts on the step ruled out: "the
		// SMS won't arrive - drop it and put an email code in its place")
		return false
	}
	r := analyze(tokenize(strings.Join(right, " ")), nil)
	return slices.ContainsFunc(r.steps, func(s *step) bool { return !l.neg.has(s.k) && !s.k.isConversation() })
}

// leadsIn: the word leads into the part that follows it ("… and don't add
// anything else", "…, just keep liveness"); one that ends in a comma ends the
// part before ("passports only, nothing else").
func leadsIn(w string) bool {
	return !strings.HasSuffix(w, ",") && !strings.HasSuffix(w, ";") && lex.keepLead[strings.ToLower(w)]
}

// splitInstructions cuts a sentence of a change at ", and VERB" / "and then VERB"
// where VERB starts a new edit, so that each part is applied on its own.
func splitInstructions(sentence string) []string {
	words := strings.Fields(sentence)
	if parts := parallelPairs(words); parts != nil {
		return parts
	}
	var out []string
	start := 0
	for i := 1; i+1 < len(words); i++ {
		w := strings.ToLower(strings.Trim(words[i], ",;"))
		if lex.swapVerb[w] && lex.pairPoint[strings.ToLower(strings.Trim(words[i+1], ",;.!"))] && i-start >= 3 {
			// "the passport should come before the selfie, so switch those two": the
			// order, then a swap that points back at the steps it named
			end := i
			for end > start && lex.swapLead[strings.ToLower(strings.Trim(words[end-1], ",;"))] {
				end--
			}
			out = append(out, strings.TrimSuffix(strings.Join(words[start:end], " "), ","))
			start = i
			continue
		}
		if strings.HasSuffix(words[i-1], ":") && i-start >= 2 && hasEditVerb(words[start:i]) && lex.userWord[w] {
			// "put face recognition at the start: guests we recognise just do
			// liveness": the instruction, then what each group of users does
			out = append(out, strings.TrimSuffix(strings.Join(words[start:i], " "), ":"))
			start = i
			continue
		}
		if strings.HasSuffix(words[i-1], ":") && i-start >= 2 && lex.correctVerb[strings.ToLower(words[start])] && editVerbAt(words, i) &&
			len(analyze(tokenize(strings.Join(words[start:i], " ")), nil).steps) == 0 {
			// "make it like the lightweight onboarding: take out both codes,
			// email and SMS": a verb of change whose object is no step states
			// the goal; the instruction is after the colon, and the goal's
			// "make" is no switch of the channel the instruction names
			out = append(out, strings.TrimSuffix(strings.Join(words[start:i], " "), ":"))
			start = i
			continue
		}
		if w == "if" && strings.HasSuffix(words[i-1], ",") && i-start >= 2 && removes(words[start:i]) {
			// "take the email fallback out, if the SMS fails just end": the removal,
			// then what a failure leads to now
			out = append(out, strings.TrimSuffix(strings.Join(words[start:i], " "), ","))
			start = i
			continue
		}
		if strings.HasSuffix(words[i-1], ",") && start == 0 && (startsEdit(w) || lex.keepVerb[w]) && gerundRemark(strings.Join(words[:i], " ")) {
			// "removing the email code was a mistake last time, keep it": the
			// remark, then the instruction
			out = append(out, strings.TrimSuffix(strings.Join(words[:i], " "), ","))
			start = i
			continue
		}
		if strings.HasSuffix(words[i-1], ",") || strings.HasSuffix(words[i-1], ";") {
			next := i
			if lex.keepLead[w] || w == "but" || w == "instead" || w == "rather" {
				next = i + 1 // ", just make …", ", but add …"
			}
			if next < len(words) && startsEdit(words[next]) && (negatedChangeVerb(words[start:i]) > 0 || negatedRemoval(words[start:i])) {
				// "don't add another code, just make that one an email code",
				// "don't remove anything, but add a passport scan", "don't drop
				// the SMS code, just move it to the start": what not to do, then
				// the change
				out = append(out, strings.TrimRight(strings.Join(words[start:i], " "), ",;"))
				start = next
				continue
			}
			if startsEdit(w) && i-start >= 2 && removes(words[start:i]) && endsInstead(words[i:]) {
				// "take out the email entry and the email code, do an SMS code
				// in the same place instead": the removal with all its targets,
				// then what comes in their place (as after a dash)
				out = append(out, strings.TrimRight(strings.Join(words[start:i], " "), ",;"))
				start = i
				continue
			}
			if w == "then" && next+1 < len(words) && startsEdit(words[i+1]) && removes(words[start:i]) {
				// "remove the email code, then do the liveness check first": two
				// changes, one after the other
				out = append(out, strings.TrimRight(strings.Join(words[start:i], " "), ",;"))
				start = i + 1
				continue
			}
		}
		if isDash(words[i]) && i-start >= 2 && i+2 < len(words) && rethinkOpens(words[i+1:]) > 0 {
			// "check they're 18+ from the license — on second thought make it
			// 21": a correction set off by its dash takes back the words before
			// it, as a sentence of its own would (retraction)
			out = append(out, strings.Join(words[start:i], " "))
			start = i + 1
			continue
		}
		if isDash(words[i]) && i-start >= 2 && ((staysIn(words[start:i]) || lex.keepVerb[strings.ToLower(words[start])]) && startsEdit(words[i+1]) ||
			i+1 < len(words) && removes(words[start:i]) && endsInstead(words[i+1:])) {
			// "keep the passport scan and the selfie - remove the sms code":
			// what stays, then the change; "remove the SMS code and the
			// passport scan - add an email code instead": the removal with all
			// its targets, then what comes in their place, as "…. Add an email
			// code instead." reads
			out = append(out, strings.Join(words[start:i], " "))
			start = i + 1
			continue
		}
		if w == "and" && (strings.HasSuffix(words[i-1], ",") || barePlaceThenSetting(words[start:i], words[i+1:])) && i-start >= 2 && settingsApart(words[start:i], words[i+1:]) {
			// (so with no comma after a bare place: "liveness first and the
			// email code expires after 2 minutes")
			// "the scan at the start should take driving licences only, and
			// the sms at the end should expire after 3 minutes": a setting of
			// each of two steps, each its own change
			out = append(out, strings.TrimSuffix(strings.Join(words[start:i], " "), ","))
			start = i + 1
			continue
		}
		if isDash(words[i]) && i+2 < len(words) && !hasEditVerb(words[start:i]) && excludesOnly(words[start:i], words[i+1:]) {
			// "they lost the phone with the SIM so no SMS - it should go
			// liveness then finish with the email one": a step ruled out,
			// then what the flow does with the others, two instructions
			out = append(out, strings.Join(words[start:i], " "))
			start = i + 1
			continue
		}
		if isDash(words[i]) && i-start >= 2 && i+2 < len(words) && hasEditVerb(words[start:i]) && statement(tokenize(strings.Join(words[i+1:], " "))) {
			// "rip out both codes - inherence via recognition and liveness is
			// enough for this tier": the change, then a statement of why, which
			// asks for nothing (Edit reads it as a remark) and is no further
			// target of the change's verb
			out = append(out, strings.Join(words[start:i], " "))
			start = i + 1
			continue
		}
		if (w == "but" || lex.keepLead[w] && keepsLead(words[start:i])) && strings.HasSuffix(words[i-1], ",") && i-start >= 2 && (staysIn(words[start:i]) || keepsLead(words[start:i])) && startsEdit(words[i+1]) {
			// "the email fallback stays, but make the sms otp 8 digits", "keep
			// the email code, just add a text message code after it": what
			// stays, then the change
			out = append(out, strings.TrimSuffix(strings.Join(words[start:i], " "), ","))
			start = i + 1
			continue
		}
		if strings.HasSuffix(words[i-1], ",") && i-start >= 2 && (startsEdit(w) || removes(words[i:])) && !hasEditVerb(words[start:i]) && !removes(words[start:i]) &&
			(staysIn(words[start:i]) || fineSaid(tokenize(strings.Join(words[start:i], " ")), nil)) {
			// "the sms code stays, drop the email code", "sms is fine as is,
			// drop the email code": what stays, then the change, which does not
			// reach the step said to stay (as with ", but" above)
			out = append(out, strings.TrimSuffix(strings.Join(words[start:i], " "), ","))
			start = i
			continue
		}
		if strings.HasSuffix(words[i-1], ",") && i-start >= 2 && removes(words[start:i]) && !removes(words[i:]) {
			if k := keptOnly(words[i:]); k > 0 && i+k+1 < len(words) {
				// "remove the email one, we want SMS only": the removal,
				// then what stays among the steps it leaves (not that all
				// else goes too), as "we want SMS only, remove the email one"
				kept := strings.TrimSuffix(strings.TrimRight(strings.Join(words[i+k+1:], " "), ",.!"), " only")
				end := i
				for j := i + k - 1; j >= i && removalList(words[i:j+1]); j-- {
					if strings.HasSuffix(words[j], ",") {
						// "delete the permission step, the passport and the
						// compare, keep liveness only": the list goes on past
						// the first comma, up to the one before the keep; every
						// item of it is removed, none dropped
						end = j + 1
						break
					}
				}
				out = append(out, strings.TrimSuffix(strings.Join(words[start:end], " "), ","), "just keep "+kept)
				return out
			}
		}
		if k := keptOnly(words[start:i]); k > 0 && strings.HasSuffix(words[i-1], ",") && start+k+1 < i && !removes(words[start:i]) && (removes(words[i:i+1]) || lex.takeVerb[bareWord(words[i])] && removes(words[i:])) {
			// "we just need the SMS code, drop the email one": the need says what
			// stays among the steps the removal after it leaves (not that all
			// else goes), read as "drop the email one, just keep the SMS code"
			kept := strings.TrimSuffix(strings.TrimSuffix(strings.Join(words[start+k+1:i], " "), ","), " only")
			return append(out, splitInstructions(strings.Join(words[i:], " ")+", just keep "+kept)...)
		}
		andKept := i-start >= 3 && strings.EqualFold(words[i-1], "and") && keptPassive(words[i:]) && removedPassive(words[start:i-1])
		if (strings.HasSuffix(words[i-1], ",") || isDash(words[i-1]) && i-start >= 3 || andKept) && i-start >= 2 && (removes(words[start:i]) || removedPassive(words[start:i])) && (staysIn(words[i:]) || copesIn(words[i:]) || keptPassive(words[i:])) {
			// "remove the selfie, the email code stays as the backup": the
			// removal, then what stays, which is no target of it (so after a
			// dash: "remove the email OTP - the SMS one stays"; so after "and"
			// in the passive: "the SMS OTP SHALL be deleted and the email OTP
			// SHALL be kept")
			end := i
			if isDash(words[end-1]) || andKept {
				end--
			}
			out = append(out, strings.TrimSuffix(strings.Join(words[start:end], " "), ","))
			start = i
			continue
		}
		if i-start >= 4 && strings.EqualFold(words[i-1], "and") && strings.HasSuffix(words[i-2], ",") && keptPassive(words[start:i-1]) && !removedPassive(words[start:i-1]) && removedPassive(words[i:]) {
			// "… and the email OTP SHALL be kept as a backup, and the liveness
			// check SHALL be deleted": what is kept, then a removal of its own
			out = append(out, strings.TrimSuffix(strings.Join(words[start:i-1], " "), ","))
			start = i
			continue
		}
		if retractsHere(words, i) && i-start >= 2 {
			// "add a code by email, no wait, by SMS": the retraction is a part of
			// its own, which takes back the part before it (see retraction)
			end := i
			if isDash(words[end-1]) {
				end--
			}
			out = append(out, strings.TrimSuffix(strings.Join(words[start:end], " "), ","))
			start = i
			continue
		}
		if i-start >= 3 && restTail(words[i:]) {
			// "make the email otp 8 digits … dont add anything else": the tail says
			// the rest stays as it is (keepsRest), so it does not make the change
			// before it an addition
			end := i
			for end > start+1 && (leadsIn(words[end-1]) || isDash(words[end-1])) {
				end-- // ("… after 10 minutes - don't add another code")
			}
			out = append(out, strings.TrimRight(strings.Join(words[start:end], " "), ",;"))
			out = append(out, strings.Join(words[i:], " "))
			return out
		}
		if lex.keepVerb[w] && i-start >= 2 && removes(words[start:i]) {
			// "rip out both codes, just keep liveness", "take out the OTPs too just
			// keep the email entry": what is kept is no target of the removal; the
			// keep is a part of its own, with the words that lead into it
			end := i
			for end > start+1 && leadsIn(words[end-1]) {
				end--
			}
			for j := end - 1; j > start+1 && j >= end-4; j-- {
				// "drop the SMS code for known users only - new users keep it": the
				// words after the dash or comma are who keeps it, not whom the drop is for
				if isDash(words[j]) {
					end = j
					break
				}
				if strings.HasSuffix(words[j], ",") || strings.HasSuffix(words[j], ";") {
					end = j + 1
					break
				}
			}
			out = append(out, strings.TrimRight(strings.Join(words[start:end], " "), ",;"))
			start = end
			continue
		}
		if (strings.HasSuffix(words[i-1], ",") || isDash(words[i-1])) && i-start >= 2 && removes(words[start:i]) && stepsAfterRemoval(words[i:]) {
			// "drop both OTPs and the selfie scan, just compare the ID photo against
			// the live video": what the flow does now, no third target of the drop
			// (so after a dash: "lose the selfie too - just compare the ID straight
			// against the video")
			end := i
			if isDash(words[end-1]) {
				end--
			}
			out = append(out, strings.TrimSuffix(strings.Join(words[start:end], " "), ","))
			start = i
			continue
		}
		if from := start; i-1 > start && strings.HasSuffix(words[i-1], ",") && editVerbAt(words, i) && func() bool {
			from = afterLabel(words, start, i-1)
			return hasEditVerb(words[from:i-1]) || lex.keepVerb[strings.ToLower(words[start])] || opensOnSetting(words[from:i-1]) || opensOnRetry(words[from:i], words[i:])
		}() {
			// ("leave the recognition, take out the passport scan": what stays, then the change)
			// "take out the ID scan, put a recognition in its place"
			out = append(out, strings.TrimSuffix(strings.Join(words[start:i], " "), ","))
			start = i
			continue
		}
		keepFirst := w == "but" && slices.ContainsFunc(words[start:i], func(x string) bool { return lex.keepVerb[strings.ToLower(x)] })
		if w != "and" && w != "then" && !keepFirst {
			// ("keep the greeting and the liveness as they are but swap the text
			// code for an email one": what stays, then the change, below)
			continue
		}
		next := strings.ToLower(strings.Trim(words[i+1], ",;"))
		if w == "and" && removalThenInstead(words[start:i], words[i+1:]) {
			// "rip out both codes and do a 1:N face recognition before the liveness
			// instead": a removal, then what comes in its place
			out = append(out, strings.Join(words[start:i], " "))
			start = i + 1
			continue
		}
		j := i + 1
		for andLead[next] && j+1 < len(words) {
			j++ // "and then put …", "and also add …"
			next = strings.ToLower(strings.Trim(words[j], ",;"))
		}
		if n := asideLen(words, j); n > 0 && j+n < len(words) {
			j += n // "and while you're in there drop the email OTP": the verb after the aside
			next = strings.ToLower(strings.Trim(words[j], ",;"))
		}
		// "…, and also have the avatar say goodbye at the very end": a line asked for
		avatarDoes := (next == "have" || next == "make") && j+2 < len(words) && strings.HasSuffix(words[i-1], ",") &&
			slices.ContainsFunc(words[j+1:min(j+3, len(words))], func(x string) bool { return strings.EqualFold(x, "avatar") })
		// "…, so take it out, and can the SMS code happen before the liveness
		// check?", "add an sms code after they enter their email, and can the
		// document scan be passports only?": a request of its own after a change
		asks := lex.requestModal[next] && strings.HasSuffix(words[i-1], ",")
		// "set the face scan similarity threshold to 0.75, and in the goodbye
		// tell them their face now opens the office door": a place, then an
		// instruction of its own
		placed := false
		if (next == "in" || next == "on" || next == "at" || next == "during") && strings.HasSuffix(words[i-1], ",") {
			for k := j + 1; k < len(words) && k <= j+4; k++ {
				x := strings.ToLower(strings.Trim(words[k], ",;:"))
				if lm, _ := lex.lemma(x); editVerbs[x] || lex.speechVerb[lm] {
					placed = true
					break
				}
			}
		}
		// "the ID has to be a driver's license or a national identity card,
		// and we must keep the recording for 5 years for the FCA": a need of
		// the speaker's own that names no step is a sentence of its own,
		// which Edit says it could not place, not more words of the setting
		// before it, where it would vanish
		ownNeed := strings.HasSuffix(words[i-1], ",") && lex.speaker[next] && j+1 < len(words) && lex.wish[strings.ToLower(strings.Trim(words[j+1], ",;"))] &&
			len(analyze(tokenize(strings.Join(words[j:], " ")), nil).steps) == 0 && !needsSetting(words[j:])
		// "…, and they want an ID scan right at the start": a step asked for
		// in the words of whoever wants it, a request of its own
		wants := strings.HasSuffix(words[i-1], ",") && wishesStep(words[j:])
		if !editVerbAt(words, j) && !avatarDoes && !asks && !placed && !ownNeed && !wants {
			continue
		}
		// "add liveness and face recognition" stays whole: the verb must follow a break
		if !strings.HasSuffix(words[i-1], ",") && w != "then" && !keepFirst && !(i+2 < len(words) && editVerbAt(words, j)) {
			continue
		}
		out = append(out, strings.Join(words[start:i], " "))
		start = i + 1
	}
	return append(out, strings.Join(words[start:], " "))
}

// needsSetting: the speaker's need sets a step's setting ("we need it to
// expire in 2 minutes", "we need 5 attempts"), which belongs to the step the
// words before it named.
// A setting has a value: a number ("5 attempts", "2 minutes"); "we must log
// every failed attempt" sets nothing and stays a need of its own.
func needsSetting(words []string) bool {
	num := slices.ContainsFunc(words, func(w string) bool {
		w = strings.Trim(w, ",;.!")
		return w != "" && (w[0] >= '0' && w[0] <= '9' || numberWords[strings.ToLower(w)] > 0)
	})
	return num && slices.ContainsFunc(words, func(w string) bool { return lex.needSetting[strings.ToLower(strings.Trim(w, ",;.!"))] })
}

// wishesStep: the words open on who wants something and the verb of wanting
// ("they want", "we'd also like", "compliance needs"), and what they want
// names a step.
func wishesStep(words []string) bool {
	if len(words) < 3 || !lex.wishSubject[bareWord(words[0])] {
		return false
	}
	k := 1
	for k < len(words) && lex.wishFill[bareWord(words[k])] {
		k++
	}
	if k >= len(words) || !lex.wishVerb[bareWord(words[k])] || k+1 >= len(words) {
		return false
	}
	if removes(words[k+1:]) || slices.ContainsFunc(words[k+1:], func(w string) bool { return lex.wishGone[bareWord(w)] }) {
		return false // "…, and legal wants the SMS code gone": a removal, not a request for the step
	}
	if lex.wishTopic[bareWord(words[k+1])] || slices.ContainsFunc(words[k+1:], func(w string) bool { return lex.wishRefusal[bareWord(w)] }) {
		// "…, and they asked about an email code but we don't want one": a
		// topic raised, or a wish taken back, asks for no step
		return false
	}
	return len(analyze(tokenize(strings.Join(words[k+1:], " ")), nil).steps) > 0
}

// opensOnSetting: the words open on a verb that sets what a step accepts
// ("allow driver's licences as well", "accept ID cards too", "limit the scan
// to passports"): an instruction of its own, so that ", move …" after it is
// one too.
//
// Only when what it sets is a kind of document: "allow a retry, add an email
// code if the sms still fails" and "allow people to redo the liveness, add a
// retry" are one instruction, whose "it" and retry point at the step named
// before the comma.
func opensOnSetting(words []string) bool {
	if len(words) < 2 || !lex.docVerb[bareWord(words[0])] && !lex.restrictVerb[bareWord(words[0])] {
		return false
	}
	return slices.ContainsFunc(tokenize(strings.Join(words[1:], " ")), func(t token) bool { return lex.docSettingNoun[t.w] })
}

// opensOnRetry: the words open on allowing a retry of a step they name
// ("allow retries on liveness"), and what follows points back at nothing
// ("add an email code at the end"): two instructions. With an "it" after
// them ("allow them to retry the sms, add an email code if it still fails")
// they stay one, so that "it" keeps the step named before the comma.
func opensOnRetry(words, rest []string) bool {
	// ("allow people to redo the liveness, add a retry": the retry after it
	// is the same one, of the step named before)
	if len(words) < 2 || !lex.docVerb[bareWord(words[0])] || slices.ContainsFunc(rest, func(w string) bool { return lex.refPronoun[bareWord(w)] || lex.retryAsk[bareWord(w)] }) {
		return false
	}
	ts := tokenize(strings.Join(words[1:], " "))
	return slices.ContainsFunc(ts, func(t token) bool { return lex.retryAsk[t.w] || t.in(hRetryAsk) }) && len(analyze(ts, nil).steps) > 0
}

// staysIn: one of the words says a step stays ("the email code stays as the
// backup").
func staysIn(words []string) bool {
	return slices.ContainsFunc(words, func(x string) bool { return lex.stayVerb[strings.ToLower(strings.Trim(x, ",;.!"))] })
}

// removalList: the words go on with the steps of a removal only ("the
// passport and the compare,"): no word says a step stays or is needed
// ("liveness stays", "the licence is needed", "not the SMS code"), moves it
// ("move liveness to the end", "liveness first") or starts another change,
// any of which ends the removal's list before it.
func removalList(words []string) bool {
	return !slices.ContainsFunc(words, func(x string) bool {
		w := bareWord(x)
		return lex.stayVerb[w] || lex.beForm[w] || w == "not" || w == "but" || w == "never" || w == "no" ||
			w == "first" || w == "last" || w == "end" || w == "start" || editVerbs[w]
	})
}

// removedPassive: the words remove in the passive ("the passport scan and
// the face comparison SHALL be deleted"): a participle of a verb of removal.
func removedPassive(words []string) bool {
	return slices.ContainsFunc(words, func(x string) bool { return lex.removeVerb[changeParticiples[bareWord(x)]] })
}

// keptPassive: the words say in the passive that steps stay ("liveness and
// the SMS OTP SHALL be kept"): a be-form, then a participle of
// lexicon keptWords. Such a part is no further target of a removal before it.
func keptPassive(words []string) bool {
	for j := 1; j < len(words); j++ {
		if lex.keptWord[bareWord(words[j])] && lex.beForm[bareWord(words[j-1])] {
			return true
		}
	}
	return false
}

// copesIn: the words say how a step copes once another goes ("the compare
// can use the video", "liveness will work without it"): a modal of ability
// followed by a verb of lexicon copeVerbWords, so the part is no further item
// of the removal before it.
func copesIn(words []string) bool {
	for j := 1; j+1 < len(words) && j <= 5; j++ {
		if m := bareWord(words[j]); (m == "can" || m == "could" || m == "will" || m == "would") && lex.copeVerb[bareWord(words[verbAfter(words, j)])] {
			return true
		}
	}
	return stepActs(words)
}

// actsThenGoes splits "the email OTP will verify the user and the liveness
// check will then go too" at the "and": what a step that stays does (a
// remark, stepActs), then a step said to go too (a removal of its own).
func actsThenGoes(part string) (head, tail string, ok bool) {
	words := strings.Fields(part)
	for k := 2; k+2 < len(words); k++ {
		if !strings.EqualFold(bareWord(words[k]), "and") || !stepActs(words[:k]) {
			continue
		}
		rest := words[k+1:]
		for j := 1; j+1 < len(rest) && j <= 5; j++ {
			if m := bareWord(rest[j]); (m == "will" || m == "can" || m == "should" || m == "must" || m == "would") && lex.goneVerb[bareWord(rest[verbAfter(rest, j)])] && len(checksNamed(strings.Join(rest[:j], " "))) > 0 {
				return strings.Join(words[:k], " "), strings.Join(rest, " "), true
			}
		}
	}
	return "", "", false
}

// verbAfter is the index of the verb after the modal at j, past adverbs
// ("the compare will then use the video", "liveness can still do it";
// lexicon modalAdverbWords), or j+1.
func verbAfter(words []string, j int) int {
	k := j + 1
	for k+1 < len(words) && lex.modalAdverb[bareWord(words[k])] {
		k++
	}
	return k
}

// stepActs: the words name a step of the flow as the subject of a modal and
// a verb that is no change ("the email OTP will check the user", "liveness
// will verify the person", "the email OTP can do it"): what a step that stays
// does once another goes, no item of a removal nor a change of its own.
func stepActs(words []string) bool {
	for j := 1; j+1 < len(words) && j <= 5; j++ {
		m := bareWord(words[j])
		if m != "can" && m != "could" && m != "will" && m != "would" {
			continue
		}
		if lex.copeVerb[bareWord(words[verbAfter(words, j)])] {
			return false // (copesIn's own)
		}
		// "remove the SMS OTP, the email OTP will check the user", "…,
		// liveness will verify the person": a step named as the subject
		// does something; no verb of change, nor "go"/"be" ("the email
		// one will go too", "… will be removed as well")
		v := bareWord(words[verbAfter(words, j)])
		if !lex.goneVerb[v] && !editVerbs[v] && !lex.removeVerb[v] && !lex.takeVerb[v] &&
			!slices.ContainsFunc(words[j+1:], func(x string) bool {
				return lex.removeVerb[changeParticiples[bareWord(x)]] || lex.removeVerb[bareWord(x)]
			}) &&
			len(checksNamed(strings.Join(words[:j], " "))) > 0 {
			return true
		}
	}
	return false
}

// keptOnly is the index of the verb by which the words say what alone is
// needed or kept ("we just need the SMS code", "only keep the liveness
// check"), or 0.
func keptOnly(words []string) int {
	only := false
	for j, w := range words {
		w = bareWord(w)
		switch {
		case w == "just" || w == "only":
			only = true
		case only && (lex.needVerb[w] || lex.keepVerb[w]):
			return j
		}
	}
	// "we want SMS only", "I wanted the SMS code only": "only" after what is
	// needed
	if n := len(words); n >= 3 && bareWord(words[n-1]) == "only" {
		for j, w := range words[:n-2] {
			w = bareWord(w)
			if lex.needVerb[w] || needPastSet[w] || lex.keepVerb[w] {
				return j
			}
		}
	}
	return 0
}

// startsEdit: the word opens an instruction ("make", "remove").
func startsEdit(word string) bool {
	w := strings.ToLower(strings.Trim(word, ",;"))
	return instructionVerbs[w] || editVerbs[w]
}

// asideLen is the number of words of an aside of lex.asideLead starting at word j
// ("while you're in there"), compared without case, apostrophes or commas, or 0.
func asideLen(words []string, j int) int {
	norm := func(w string) string {
		return strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(strings.Trim(w, ",;")), "'", ""), "’", "")
	}
	best := 0
	for _, ws := range lex.asideLead[norm(words[j])] {
		ok := j+len(ws) < len(words)
		for k := 0; ok && k < len(ws); k++ {
			ok = norm(words[j+1+k]) == ws[k]
		}
		if ok {
			best = max(best, 1+len(ws))
		}
	}
	return best
}

// afterLabel returns where the words of words[start:end] begin after a label
// ending in a colon ("Change request, new-user path only: after the passport
// scan, add …"): the label's words ("change") are no verb of the instruction.
func afterLabel(words []string, start, end int) int {
	from := start
	for k := start; k < end; k++ {
		if strings.HasSuffix(words[k], ":") {
			from = k + 1
		}
	}
	return from
}

// editVerbAt: word j opens an edit: a verb of one ("remove", "add") or a
// phrasal one with its particle ("take out", "get rid of").
func editVerbAt(words []string, j int) bool {
	w := strings.ToLower(strings.Trim(words[j], ",;"))
	if editVerbs[w] || lex.restrictVerb[w] {
		return true
	}
	if j+1 >= len(words) {
		return false
	}
	next := strings.ToLower(strings.Trim(words[j+1], ",;"))
	return w == "get" && next == "rid" || lex.takeVerb[w] && lex.takeParticle[next] || w == "make" && makesSetting(words[j+1:])
}

// makesSetting: the words after a "make" give a step a value within a few
// words ("… and make the SMS one 8 digits", "make the match stricter"): a
// change of its settings, an instruction of its own; "make sure …" and "make
// the avatar say …" give none.
func makesSetting(words []string) bool {
	for k, x := range words {
		if k >= 6 {
			break
		}
		x = strings.ToLower(strings.Trim(x, ",;.!"))
		if x == "and" || x == "then" {
			break
		}
		if strings.ContainsAny(x, "0123456789") || numberWords[x] > 0 || lex.strictWord[x] {
			return true
		}
	}
	return false
}

// retractsHere: a retraction starts at word i, after a comma or a dash: "no
// wait", "no, sorry", "actually no", "sorry", "scratch that".
func retractsHere(words []string, i int) bool {
	if !strings.HasSuffix(words[i-1], ",") && !strings.HasSuffix(words[i-1], ";") && !isDash(words[i-1]) {
		return false
	}
	w := strings.ToLower(strings.Trim(words[i], ",;:.!?…"))
	if i+1 >= len(words) {
		return lex.retract[w]
	}
	next := strings.ToLower(strings.Trim(words[i+1], ",;:.!?…"))
	if lex.retract[w] {
		// ("…, sorry for the faff": an apology for the asking takes nothing back)
		return !lex.apologyObj[next] || strings.ContainsAny(words[i], ",;:")
	}
	if lex.correction[w] {
		return next == "no" || lex.correctVerb[next] // "…, actually no, …", "…, actually make it SMS"
	}
	if lex.correctVerb[w] && lex.touchedRef[next] && i+2 < len(words) && valueWord(strings.ToLower(strings.Trim(words[i+2], ",;:.!?…"))) {
		// "they need to be 18 or over — make that 21": a value for one the
		// words before stated (retake); with none before, "make it 4 digits"
		// is a setting of its own
		return slices.ContainsFunc(words[:i], func(x string) bool { return valueWord(strings.ToLower(strings.Trim(x, ",;:.!?…"))) })
	}
	return w == "no" && (lex.retract[next] || lex.correction[next])
}

// restTail: the words, to the end of the sentence, only say that the rest of
// the flow stays as it is ("dont add anything else", "nothing else changes").
func restTail(words []string) bool {
	// (its first clause is short: "don't add another code, just change that
	// one" says the same of the step just changed)
	n := slices.IndexFunc(words, func(w string) bool { return strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") })
	if len(words) > 6 && (n < 0 || n >= 6 || len(words) > 10) {
		return false
	}
	w := strings.ToLower(strings.Map(dropApostrophe, strings.Trim(words[0], ",;:.!?-")))
	if !lex.negAux[w] && w != "no" && w != "nothing" && w != "do" {
		return false
	}
	return keepsRest(tokenize(strings.Join(words, " ")), nil)
}

// stepsAfterRemoval: after a removal and a comma, the words open with a verb
// that does a step ("just compare …", "and scan …"): an instruction of its own.
func stepsAfterRemoval(words []string) bool {
	for _, w := range words {
		w = strings.ToLower(w)
		if leadsIn(w) {
			continue
		}
		lemma, _ := lex.lemma(strings.Trim(w, ",;"))
		return lex.doVerb[lemma] && !strings.HasSuffix(w, "ing")
	}
	return false
}

// removes: the words hold a verb of removal ("rip", "drop", "take … out").
func removes(words []string) bool {
	take := false
	for _, w := range words {
		w = strings.ToLower(strings.Trim(w, ",;"))
		switch {
		case lex.removeVerb[w]:
			return true
		case lex.takeVerb[w]:
			take = true
		case take && lex.takeParticle[w]:
			return true
		}
	}
	return false
}

// negatedChangeVerb: where the verb is when the words open on a change said
// not to be made ("don't add another code", "do not put the email code at the
// end", "don't remove anything"): what not to do, which asks for no change of
// its own; 0 if they do not. A removal of a step said not to happen is a keep
// (keptByNegation), read as such.
func negatedChangeVerb(words []string) int {
	v := negLen(words, 0)
	if v == 0 || len(words) <= v {
		return 0
	}
	if w := bareWord(words[v]); lex.removeVerb[w] && !(v+1 < len(words) && lex.rest[bareWord(words[v+1])]) || !editVerbs[w] || lex.keepVerb[w] {
		return 0 // (but "don't remove anything")
	}
	return v
}

// negatedRemoval: the words open on a removal said not to happen ("don't drop
// the SMS code"), which keeps the step, as it is anyway.
func negatedRemoval(words []string) bool {
	v := negLen(words, 0)
	return v > 0 && v < len(words) && lex.removeVerb[bareWord(words[v])]
}

// negLen is the number of words of a negation of the verb after it at i:
// 1 for "don't" or "never", 2 for "do not", 0 for none.
func negLen(words []string, i int) int {
	if i >= len(words) {
		return 0
	}
	switch w := bareWord(words[i]); {
	case w == "dont" || w == "never":
		return 1
	case w == "do" && i+1 < len(words) && bareWord(words[i+1]) == "not":
		return 2
	}
	return 0
}

// bareWord is a word of a change's sentence as the lexicon spells it: lower
// case, no apostrophes, no punctuation around it ("Don't," → "dont").
func bareWord(w string) string {
	if isAlpha(w) {
		return w // (most words: nothing to trim, drop or lower, and no copy made)
	}
	return strings.ToLower(strings.Map(dropApostrophe, strings.Trim(w, ",;:.!?…")))
}

// keepsLead: the words open on keeping a step ("keep the SMS code", "don't
// remove the SMS code").
func keepsLead(words []string) bool {
	if len(words) > 1 && lex.keepVerb[bareWord(words[0])] {
		return true
	}
	v := negLen(words, 0)
	return v > 0 && len(words) > v+1 && lex.removeVerb[bareWord(words[v])] && !lex.rest[bareWord(words[v+1])]
}

func isDash(w string) bool { return slices.Contains(dashWords, w) }

// removalThenInstead: the words before "and" remove a step ("rip out both
// codes") and the words after end with a bare "instead" (not "instead of").
// The "instead" must end the clause "and" opens: in "drop the permissions
// step and the face scan - compare the ID photo against the video instead"
// it ends the clause after the dash, and "the face scan" is a second target
// of the drop.
func removalThenInstead(before, after []string) bool {
	if !removes(before) || len(after) < 2 {
		return false
	}
	for i, w := range after[:len(after)-1] {
		if isDash(w) || strings.HasSuffix(w, ";") || strings.HasSuffix(w, ",") {
			after = after[:i+1]
			break
		}
	}
	last := strings.ToLower(strings.Trim(after[len(after)-1], ",;.!"))
	return last == "instead"
}

// endsInstead: the words end with a bare "instead" (not "instead of"), with no
// clause break before it.
func endsInstead(words []string) bool {
	for _, w := range words[:len(words)-1] {
		if isDash(w) || strings.HasSuffix(w, ";") {
			return false
		}
	}
	return strings.ToLower(strings.Trim(words[len(words)-1], ",;.!")) == "instead"
}

// parallelPairs splits "swap the ID scan for a selfie, and the SMS for an
// email code" into two replacements, the second with the first's verb.
func parallelPairs(words []string) []string {
	if len(words) < 6 {
		return nil
	}
	verb := strings.ToLower(words[0])
	switch verb {
	case "swap", "replace", "switch", "substitute", "change", "exchange":
	default:
		return nil
	}
	link := func(ws []string) bool {
		for _, w := range ws {
			switch strings.ToLower(strings.Trim(w, ",;")) {
			case "for", "with", "to":
				return true
			}
		}
		return false
	}
	for i := 2; i+2 < len(words); i++ {
		if strings.ToLower(words[i]) != "and" || !strings.HasSuffix(words[i-1], ",") {
			continue
		}
		first, rest := words[:i], words[i+1:]
		if editVerbs[strings.ToLower(rest[0])] || !link(first) || !link(rest) {
			return nil
		}
		return []string{strings.TrimSuffix(strings.Join(first, " "), ","), verb + " " + strings.Join(rest, " ")}
	}
	return nil
}

// hasEditVerb: the words hold an instruction of their own ("take out the ID
// scan"), not a condition ("for new users") that the verb after it belongs to.
func hasEditVerb(words []string) bool {
	for _, w := range words {
		w = strings.ToLower(strings.Trim(w, ",;"))
		if editVerbs[w] || phrasalEditVerbs[w] {
			return true
		}
	}
	return false
}

// family are kinds that stand for one another: a change that names one while the
// flow has the other means the other ("switch to SMS" with an email code).
func family(k kind) []kind {
	switch k {
	case kEmailOTP, kSMSOTP, kOTP:
		return []kind{kEmailOTP, kSMSOTP}
	}
	return nil
}

// configureEach gives each part of ts (split at "and", commas, semicolons) its
// settings on the one step of the flow the part names, and says what it
// changed. It changes nothing unless every part that holds settings names one
// step that takes them ("… and make it require the liveness challenge" names
// the liveness, not the face scan it sets).
func (p *plan) configureEach(ts []token) []string {
	type change struct {
		s  *step
		st stepSettings
	}
	var changes []change
	var pending []*step // steps named alone before "and" ("make the email code and the SMS code 8 digits")
	start := 0
	for i := 0; i <= len(ts); i++ {
		if i < len(ts) && ts[i].raw != "and" && ts[i].w != "," && ts[i].w != "." {
			continue
		}
		part := ts[start:i]
		start = i + 1
		st := readSettings(part)
		if !st.any() {
			// a step named with no settings of its own and joined by "and" to
			// the next part shares that part's settings, as "both" would
			// have them: "make the email code and the SMS code 8 digits"
			named := part
			for len(named) > 0 && (lex.setVerb[named[0].raw] || named[0].in(hKeepLead) || named[0].raw == "also" || named[0].raw == "plus") {
				named = named[1:] // ("also set the email code and …")
			}
			if i < len(ts) && ts[i].raw == "and" && bareNames(named, p.steps) {
				for _, n := range analyze(named, p.steps).steps {
					if s := p.stepOf(n.k); s != nil {
						pending = append(pending, s)
					}
				}
			} else {
				pending = pending[:0]
			}
			continue
		}
		named := analyze(part, p.steps).steps
		if len(named) != 1 {
			return nil
		}
		s := p.stepOf(named[0].k)
		if s == nil || !st.accepts(s.k) {
			return nil
		}
		for _, q := range pending {
			if q != s && st.accepts(q.k) {
				changes = append(changes, change{q, st})
			}
		}
		pending = pending[:0]
		changes = append(changes, change{s, st})
	}
	var done []string
	for _, c := range changes {
		c.st.apply(c.s)
		c.s.configureNode()
		done = append(done, "changed the settings of the "+c.s.k.String())
	}
	return done
}

// eachCode: a word for every one right before the codes ("both codes", "all
// the OTPs"), not of something else ("… for all users"), or the codes named
// in the plural ("make the codes 8 digits").
func eachCode(ts []token) bool {
	for i, t := range ts {
		if t.w == "code" && t.raw != t.w && strings.HasSuffix(t.raw, "s") {
			return true // "make the codes 8 digits": a plural is every code as "both" is
		}
		if !t.in(hEach) {
			continue
		}
		j := i + 1
		if j < len(ts) && ts[j].in(hDeterminer) {
			j++
		}
		if j < len(ts) && ts[j].w == "code" {
			return true
		}
	}
	return false
}

// configure changes the settings of steps the flow already has, when the change
// names settings and no new step: "make the SMS code 8 digits", "passports only",
// "change the age to 21", "we only need the camera". It reports false when the
// sentence is not such a change.
func (p *plan) configure(ts []token, pos []*step) ([]string, bool) {
	if hasRaw(ts, "add", "insert", "another", "second", "extra", "additional", "include") || canGo(ts) {
		return nil, false // ("the licence scan … can go" removes it)
	}
	if takesOffOrOut(ts) && !hasRaw(ts, "accept", "accepts", "accepted", "allowed", "list", "types") {
		return nil, false // "take out the licence scan": the step goes, "take" accepts nothing
	}
	if placesStep(ts) && !hasAnyRaw(ts, lex.acceptVerb) && !has(ts, "only") && !p.heldPlace {
		// "the passport scan should come first": where a step goes, not what it accepts
		return nil, false
	}
	if slices.ContainsFunc(pos, func(x *step) bool { return p.stepOf(x.k) == nil && !x.k.isConversation() }) {
		// "replace the passport scan with a selfie", "make sure the passport is
		// theirs": a new step, not a setting
		return nil, false
	}
	var done []string
	if i := p.find(kAgeCheck); i >= 0 && !slices.ContainsFunc(pos, func(x *step) bool { return x.k == kAgeCheck }) {
		// "make it 21 instead of 18": a bare age, other than the one the check has
		cur := p.steps[i].currentAge()
		for j := range ts {
			if v, _, ok := numberAt(ts, j); ok && v >= 12 && v <= 120 && v == float64(int(v)) && int(v) != cur &&
				!(j+1 < len(ts) && (lex.unit[ts[j+1].w] || ts[j+1].w == "percent")) && !(j > 0 && (ts[j-1].raw == "of" || ts[j-1].w == "instead")) &&
				!namedBefore(ts, j, "threshold", "match", "compare") { // ("raise the similarity threshold to 90%")
				pos = append(pos, &step{k: kAgeCheck, minAge: int(v), explicitAge: true})
				break
			}
		}
	}
	st := readSettings(ts)
	if t := p.touched; st.any() && len(pos) == 0 && t != nil && st.accepts(t.k) && p.find(t.k) >= 0 && hasRaw(ts, "its", "it", "that", "this", "their") {
		// "the compare is too strict. lower its threshold to 0.7": the step the
		// sentence before spoke of
		pos = []*step{{k: t.k}}
	}
	if st.threshold > 0 && len(pos) == 0 && p.stepOf(kFaceCompare) != nil && !has(ts, "scan") {
		// "raise match threshold on the compare to 0.9": a face scan has a
		// threshold too, but a match threshold is the comparison's
		pos = []*step{{k: kFaceCompare}}
	}
	if st.any() && len(dedupeKinds(slices.Clone(pos))) >= 2 {
		// "the email code should be 8 digits and the compare threshold 0.9":
		// each step named takes the settings said beside it
		done = append(done, p.configureEach(ts)...)
		if len(done) > 0 {
			st = stepSettings{}
		}
	}
	if st.any() {
		// "both codes should expire after 2 minutes": every code takes them
		every := eachCode(ts) && slices.ContainsFunc(pos, func(x *step) bool { return x.k == kOTP })
		applied := false
		for _, s := range p.steps {
			if !st.accepts(s.k) {
				continue
			}
			if len(pos) > 0 && !slices.ContainsFunc(pos, func(x *step) bool { return findKind([]*step{s}, x.k) >= 0 }) {
				continue
			}
			st.apply(s)
			s.configureNode()
			done = append(done, "changed the settings of the "+s.k.String())
			applied = true
			if !every {
				break
			}
		}
		for _, s := range p.steps {
			// ("both codes should expire after 2 minutes" with one code on the
			// new users' path: that one too)
			for _, b := range slices.Concat(s.branch, s.fallback, s.options) {
				if every && st.accepts(b.k) && isCodeKind(b.k) {
					st.apply(b)
					b.configureNode()
					done = append(done, "changed the settings of the "+b.k.String())
					applied = true
				}
			}
		}
		for _, x := range pos {
			// "set the face compare threshold to 0.9" when the comparison runs
			// on the new users' path only: the one step of that kind there
			if s := p.stepOf(x.k); !applied && s != nil && st.accepts(s.k) {
				st.apply(s)
				s.configureNode()
				done = append(done, "changed the settings of the "+s.k.String())
				applied = true
			}
		}
	}
	for _, x := range pos {
		s := p.stepOf(x.k)
		if s == nil {
			continue
		}
		switch {
		case x.k == kDocument && len(x.docTypes) > 0 && hasAnyRaw(ts, lex.removeVerb) && !hasAnyRaw(ts, lex.acceptVerb):
			// "remove the passport scan": the step named by its type goes, its types stay
			return nil, false
		case x.k == kDocument && len(x.docTypes) > 0:
			types := x.docTypes
			if hasRaw(ts, "also", "too", "well", "plus") && !typesOnly(ts) {
				// ("Also only accept passports": "also" joins the sentence to the
				// one before, "only" restricts)
				types = mergeTypes(s.currentDocTypes(), x.docTypes)
			}
			if added, removed := docTypeChanges(ts); len(removed) > 0 {
				// "remove passports from the accepted documents and allow ID cards":
				// the types the scan had, less those taken out, with those let in
				base := s.currentDocTypes()
				if typesOnly(ts) {
					base = nil
				}
				types = slices.DeleteFunc(mergeTypes(base, added), func(t string) bool { return slices.Contains(removed, t) })
				if len(types) == 0 {
					return nil, false
				}
			}
			s.docTypes = types
			s.configureNode()
			done = append(done, "the document scan now accepts "+docTypesText(types))
		case x.k == kAgeCheck && x.explicitAge && x.minAge > 0 && x.minAge == s.currentAge():
			// "drop the over-21 check", "we don't need the over-21 check": the
			// check named by its age, not a new age
			return nil, false
		case x.k == kAgeCheck && x.explicitAge && x.minAge > 0:
			// the check keeps its direction unless the change names one ("make
			// it 21" on a youth check's "under 18"; "must be over 21", "block
			// anyone under 16")
			minimum := hasAnyRaw(ts, lex.ageUp) || hasRaw(ts, "least", "minimum") || hasAnyRaw(ts, lex.ageKeptOut) || hasAnyRaw(ts, lex.turnAway)
			under := x.ageUnder || s.ageUnder && !minimum
			if i := slices.Index(p.steps, s); i >= 0 && under != s.ageUnder && hasRaw(ts, "also", "too") {
				// "they must also be at least 16" on a youth check: a limit of
				// the other direction beside it, both kept
				p.steps = slices.Insert(p.steps, i+1, &step{k: kAgeCheck, minAge: x.minAge, explicitAge: true, ageUnder: under})
				done = append(done, "added an age check: the user must also be "+ageLimit(p.steps[i+1]))
				continue
			}
			s.minAge, s.ageUnder = x.minAge, under
			s.configureNode()
			done = append(done, "the age check now requires "+ageLimit(s))
		case x.k == kFaceCompare && x.srcA != nil && x.srcB != nil && p.hasImage(x.srcA) && p.hasImage(x.srcB) && namesImages(ts) &&
			!hasRaw(ts, "instead", "rather", "replace") && !hasAnyRaw(ts, lex.removeVerb):
			// "the compare can use the ID photo against the session video": the
			// comparison the flow has reads those images (each one the flow captures)
			what := sourceName(x.srcA.Source) + " with " + sourceName(x.srcB.Source)
			if a, b := s.srcA, s.srcB; a != nil && b != nil && (sameSource(a, x.srcA) && sameSource(b, x.srcB) || sameSource(a, x.srcB) && sameSource(b, x.srcA)) {
				done = append(done, "the face comparison already compares "+what)
				continue
			}
			s.srcA, s.srcB = x.srcA, x.srcB
			s.configureNode()
			done = append(done, "the face comparison now compares "+what)
		}
	}
	return done, len(done) > 0
}

// docTypeChanges reads which document types a change lets in and which it takes
// out: a type after a removal verb or a negation is taken out, one after an
// accept verb (or with none) let in; "and", "but" and "instead" end a removal.
func docTypeChanges(ts []token) (added, removed []string) {
	removing, at := false, -10
	replacing := false
	only := false        // "don't accept anything except passports": exactly the types that follow
	var exact []string   // "passports and residence permits only": exactly the types before "only"
	var stretch []string // the types let in since the last comma or dash
	for i, t := range ts {
		switch {
		case (t.raw == "replace" || t.raw == "swap" || t.raw == "substitute") && !replacing:
			// "replace the passport with a driving licence": the old type, then the new
			removing, at, replacing = true, i, true
			continue
		case replacing && removing && (t.raw == "with" || t.raw == "by" || t.raw == "for" || t.w == ","): // (apply turns the "with" of a replacement into a comma)
			removing = false
			continue
		case (t.w == "without" && t.raw != "without" || t.raw == "but") && i > 0 && (lex.negUniversal[ts[i-1].raw] || lex.universal[ts[i-1].raw] && removing):
			removing, only = false, true
			continue
		case lex.removeVerb[t.raw] || negationLemmas[t.w]:
			removing, at = true, i
			continue
		case lex.acceptVerb[t.raw] && i-at <= 2:
			continue // "stop accepting passports", "don't allow licences": still a removal
		case lex.acceptVerb[t.raw] || removalEndLemmas[t.w]:
			removing = false
			if t.w == "only" && len(stretch) > 0 && exact == nil {
				// "…, passports and residence permits only": exactly the types said
				// before it since the last comma or dash
				exact = slices.Clone(stretch)
			}
			continue
		case t.w == "." || t.w == ",":
			stretch = nil
			if t.w == "," && !restricts(ts[i+1:]) {
				continue
			}
			// "no national IDs anymore - passports and residence permits only": a
			// dash ends the removal, and so does a comma before a stretch that says
			// what the scan accepts ("no ID cards, passports only"); a comma inside
			// the list goes on with it ("don't take passports, ID cards or licences")
			removing = false
			continue
		}
		if !docTypeLemmas[t.w] || t.w == "card" && i > 0 && ts[i-1].w == "id" {
			continue
		}
		if dt := docTypesOf(ts, i); len(dt) > 0 {
			if removing {
				removed = mergeTypes(removed, dt)
			} else {
				added = mergeTypes(added, dt)
				stretch = mergeTypes(stretch, dt)
			}
		}
	}
	if exact != nil {
		// whatever the rest of the sentence names ("passports only, driving
		// licences are no longer accepted"), the scan takes the types said with "only"
		added, removed = exact, nil
		for t := range docTypeNames {
			if !slices.Contains(exact, t) {
				removed = append(removed, t)
			}
		}
		slices.Sort(removed)
	} else if only && len(added) > 0 {
		for t := range docTypeNames {
			if !slices.Contains(added, t) && !slices.Contains(removed, t) {
				removed = append(removed, t)
			}
		}
		slices.Sort(removed)
	}
	return added, removed
}

// restricts: the stretch up to the next comma or dash says what the scan
// accepts, with "only" or a verb of accepting.
func restricts(ts []token) bool {
	for _, t := range ts {
		if t.w == "," || t.w == "." {
			return false
		}
		if t.w == "only" || lex.acceptVerb[t.raw] {
			return true
		}
	}
	return false
}

func mergeTypes(a, b []string) []string {
	out := slices.Clone(a)
	for _, t := range b {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func (s *step) currentDocTypes() []string {
	if s.node != nil && len(s.node.AllowedDocumentTypes) > 0 {
		return s.node.AllowedDocumentTypes
	}
	return s.docTypes
}

// configureNode writes a step's settings onto the node it came from (Edit keeps
// nodes it does not rebuild).
func (s *step) configureNode() {
	n := s.node
	if n == nil {
		return
	}
	set := func(v int) *int { return &v }
	if s.otpLen > 0 {
		n.OTPLength = set(s.otpLen)
	}
	if s.expiry > 0 {
		n.ExpirySeconds = set(s.expiry)
	}
	if s.attempts > 0 {
		n.MaxAttempts = set(s.attempts)
	}
	if s.threshold > 0 {
		th := s.threshold
		n.SimilarityThreshold = &th
	}
	if (s.challenge || s.noChallenge) && s.k == kFaceScan {
		t := s.challenge
		n.RequireLivenessChallenge = &t
	}
	if s.noMic && n.Permissions != nil {
		n.Permissions.Microphone = false
		n.Prompt = "We need your camera for a short video check."
	}
	if len(s.docTypes) > 0 && s.k == kDocument {
		n.AllowedDocumentTypes = slices.Clone(s.docTypes)
	}
	if s.scanMode != "" && s.k == kDocument {
		n.ScanningMode = s.scanMode
	}
	if s.k == kFaceCompare && s.srcA != nil && s.srcB != nil {
		n.SourceA, n.SourceB = s.srcA, s.srcB
	}
	if s.k == kAgeCheck && s.minAge > 0 && n.Validation != nil {
		setAge(n, s.minAge, s.ageUnder)
	}
}

// exchange swaps two steps of the flow ("swap the SMS code and the document
// scan", "reverse the order of the two codes"); with no two named, it reverses
// the verification steps.
func (p *plan) exchange(pos []*step, ts []token) ([]string, error) {
	var idx []int
	var ords []int
	for _, t := range ts {
		if n := lex.ordinal[t.raw]; n > 0 && !slices.Contains(ords, n) {
			ords = append(ords, n)
		}
	}
	if len(ords) == 0 && hasRaw(ts, "step", "steps", "check", "checks", "number", "numbers") {
		// "swap steps 2 and 3", "swap step 2 with step 3": numbers after the word for
		// a step are places, as ordinal words are
		for _, t := range ts {
			if n := int(t.num); t.isNum && t.num == float64(n) && n >= 1 && n <= 9 && t.cur == "" && !t.plus && !slices.Contains(ords, n) {
				ords = append(ords, n)
			}
		}
		if had := len(ords); had < 2 && len(pos) < 2 {
			// "swap steps one and two", "swap steps one and 2": places
			// spelled out are places as figures are (read as no places, the
			// swap reversed the whole flow); a number word joined to a step
			// noun or to another place, not "the one after it", and not when
			// the swap names its two steps ("…, with one and two minute
			// timeouts")
			for i, t := range ts {
				n := numberWords[t.raw]
				if n < 1 || n > len(ordinalWords) || slices.Contains(ords, n) {
					continue
				}
				joined := i > 0 && (ts[i-1].raw == "step" || ts[i-1].raw == "steps" || ts[i-1].raw == "and" || ts[i-1].raw == "with" || ts[i-1].raw == "&") ||
					i+1 < len(ts) && (ts[i+1].raw == "and" || ts[i+1].raw == "with" || ts[i+1].raw == "&")
				if joined && !(t.raw == "one" && i > 0 && ts[i-1].in(hDeterminer)) {
					ords = append(ords, n)
				}
			}
			if len(ords) != 2 {
				ords = ords[:had]
			}
		}
	}
	if len(ords) == 2 {
		// "swap 1 and 2", "swap the first and second steps": the steps at
		// those places as the flow and its summary list them, the questions
		// the user asked for among them ("Ask for their date of birth, then
		// liveness, …": the question is the first). "The second and third
		// checks" count the checks alone, as does a place past the flow's
		// steps; where the two counts part, an assumption says which was read.
		places := func(asks bool) []int {
			var at []int
			for i, x := range p.steps {
				if !x.k.isConversation() || asks && x.k == kAsk && !x.auto {
					at = append(at, i)
				}
			}
			return at
		}
		checks := places(true)
		if hasAnyRaw(ts, lex.checkNoun) {
			checks = places(false)
		}
		if max(ords[0], ords[1]) > len(checks) {
			checks = places(true)
		}
		if other := places(hasAnyRaw(ts, lex.checkNoun)); max(ords[0], ords[1]) <= len(other) && max(ords[0], ords[1]) <= len(checks) &&
			(other[ords[0]-1] != checks[ords[0]-1] || other[ords[1]-1] != checks[ords[1]-1]) {
			what := "the steps as the flow lists them, its questions included"
			if hasAnyRaw(ts, lex.checkNoun) {
				what = "the checks only, not the questions"
			}
			p.assumptions = append(p.assumptions, fmt.Sprintf("Counted %s, for %q: steps %d and %d are the %s and the %s.",
				what, clauseText(ts), ords[0], ords[1], p.steps[checks[ords[0]-1]].k, p.steps[checks[ords[1]-1]].k))
		}
		if max(ords[0], ords[1]) > len(checks) {
			counted := make([]*step, len(checks))
			for n, i := range checks {
				counted[n] = p.steps[i]
			}
			return nil, fmt.Errorf("flowbuild: %q counts to step %d, but the flow has %d steps to count (%s); name the steps to swap, e.g. \"swap the %s and the %s\"",
				clauseText(ts), max(ords[0], ords[1]), len(checks), stepNames(counted), p.steps[checks[0]].k, p.steps[checks[len(checks)-1]].k)
		}
		idx = []int{checks[ords[0]-1], checks[ords[1]-1]}
		if err := p.swapKeepsPairs(idx[0], idx[1]); err != nil {
			return nil, err
		}
		a, b := idx[0], idx[1]
		p.steps[a], p.steps[b] = p.steps[b], p.steps[a]
		return []string{fmt.Sprintf("swapped the %s and the %s", p.steps[b].k, p.steps[a].k)}, nil
	}
	if endPair(ts) {
		// "swap the first two steps", "the last 2": the checks at that end, by
		// place, whatever else the sentence names ("… - the ID should be scanned
		// first" says why)
		var checks []int
		for i, x := range p.steps {
			if !x.k.isConversation() {
				checks = append(checks, i)
			}
		}
		if len(checks) >= 2 {
			if hasRaw(ts, "first") {
				idx = checks[:2]
			} else {
				idx = checks[len(checks)-2:]
			}
		}
	}
	for _, s := range pos {
		if len(idx) == 2 && hasRaw(ts, "two", "2") {
			break
		}
		for i, x := range p.steps {
			if findKind([]*step{x}, s.k) >= 0 && !slices.Contains(idx, i) {
				idx = append(idx, i)
				if s.k != kOTP && !hasRaw(ts, "both", "two") {
					break
				}
			}
		}
	}
	if len(idx) < 2 && barePair(ts) {
		// "swap those two, liveness should come before the code": a pair
		// pointed at with no step named after it is the flow's two checks,
		// when it has just two; the words after it say why or in which order
		var checks []int
		for i, x := range p.steps {
			if !x.k.isConversation() {
				checks = append(checks, i)
			}
		}
		if len(checks) == 2 {
			idx = checks
		}
	}
	if len(idx) == 1 && !hasRaw(ts, "order", "around", "reverse", "flip", "invert") {
		// "swap both codes" in a flow with one code: there is no pair to exchange,
		// and turning the whole flow around is not what was asked
		return nil, fmt.Errorf("flowbuild: %q names only the %s of the two steps to swap; name both, e.g. \"swap the liveness check and the SMS code\"", clauseText(ts), p.steps[idx[0]].k)
	}
	if len(idx) != 2 {
		return p.reverse()
	}
	a, b := idx[0], idx[1]
	if err := p.swapKeepsPairs(a, b); err != nil {
		return nil, err
	}
	p.steps[a], p.steps[b] = p.steps[b], p.steps[a]
	return []string{fmt.Sprintf("swapped the %s and the %s", p.steps[b].k, p.steps[a].k)}, nil
}

// swapKeepsPairs refuses a swap that takes the liveness check right after a
// face recognition away from it: the layout puts the check back (FaceSign
// recommends the pair), so the swap would be undone while the summary said
// it was made. (A recognition swapped elsewhere takes its check along.)
func (p *plan) swapKeepsPairs(a, b int) error {
	paired := func(i int) bool {
		return p.steps[i].k == kLiveness && i > 0 && p.steps[i-1].k == kRecognition
	}
	if !paired(a) && !paired(b) {
		return nil
	}
	msg := fmt.Sprintf("flowbuild: did not swap the %s and the %s: the liveness check stays straight after face recognition, as FaceSign recommends, so the swap would be undone", p.steps[a].k, p.steps[b].k)
	other := a
	if paired(a) {
		other = b
	}
	if p.steps[other].k != kRecognition && p.steps[other].k != kLiveness {
		msg += fmt.Sprintf("; move the %s around the pair instead, e.g. \"move the %s before the face recognition\"", p.steps[other].k, p.steps[other].k)
	}
	return errors.New(msg)
}

// barePair: a pointer at a pair ("those two", "these 2", "the two") that no
// step's name follows ("those two codes" names them): it stands for two steps
// the reader already knows.
func barePair(ts []token) bool {
	for i := 1; i < len(ts); i++ {
		if lex.swapVerb[ts[i-1].raw] && (ts[i].raw == "them" || ts[i].raw == "em" || ts[i].raw == "those" || ts[i].raw == "these") && (i+1 == len(ts) || !lex.canonKind(ts[i+1])) {
			// "swap them round, liveness first": the pronoun right after the
			// verb is the pair; the step named after it says the order
			return true
		}
		if (ts[i].raw == "two" || ts[i].raw == "2") && lex.pairDet[ts[i-1].raw] && ts[i-1].raw != "both" {
			return i+1 == len(ts) || !lex.canonKind(ts[i+1]) || ts[i+1].w == "," || ts[i+1].w == "."
		}
	}
	return false
}

// theCode: the change speaks of the code the flow has ("send the code by
// email", "the code should go to their email"), not of another one.
func theCode(ts []token) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i].w == "code" && !strings.HasSuffix(ts[i].raw, "s") && (ts[i-1].raw == "the" || ts[i-1].raw == "that") {
			// ("get rid of all the otps" takes them out)
			return !hasAnyRaw(ts, lex.anotherTry) && !hasRaw(ts, "both", "two", "rid") && !hasAnyRaw(ts, lex.removeVerb) && !takesOut(ts)
		}
	}
	return false
}

// switchTo replaces the member of a step's family the flow has with the one the
// change names: "switch to SMS", "make it an email code".
func (p *plan) switchTo(pos []*step, st stepSettings) ([]string, bool) {
	for _, s := range pos {
		if p.find(s.k) >= 0 && s.k != kOTP {
			continue
		}
		for _, k := range family(s.k) {
			if k == s.k {
				continue
			}
			if i := p.find(k); i >= 0 {
				old := p.steps[i]
				if s.k == kOTP && len(pos) == 1 {
					// "just send the code": a code of no channel is the one the
					// flow sends, no switch to another
					p.touched = old
					return []string{"kept the " + old.k.String()}, true
				}
				repl := &step{k: s.k, otpLen: s.otpLen, expiry: s.expiry, attempts: s.attempts}
				if old.node != nil && old.node.OTPLength != nil && repl.otpLen == 0 {
					repl.otpLen = *old.node.OTPLength
				}
				st.apply(repl) // "make it an SMS code of 8 digits"
				p.steps[i] = repl
				p.touched = repl
				done := []string{"replaced the " + old.k.String() + " with " + repl.k.withArticle()}
				for _, f := range pos {
					if feeds(f, repl) && p.find(f.k) < 0 {
						// "… with an email one (they type their email first, then
						// get the code)": what the new code reads goes before it,
						// as replace places it
						f.front, f.back = false, false
						p.steps = insertStep(p.steps, i, f)
						i++
						done = append(done, "added "+f.k.withArticle()+" before it")
					}
				}
				return done, true
			}
		}
	}
	return nil, false
}

// fallbackHolding is the step of the main path whose fallback holds a step of
// every kind in steps (the conversations aside), or nil.
func (p *plan) fallbackHolding(steps []*step) *step {
	named := 0
	for _, s := range steps {
		if !s.k.isConversation() {
			named++
		}
	}
	if named == 0 {
		return nil
	}
	for _, m := range p.steps {
		if len(m.fallback) > 0 && !slices.ContainsFunc(steps, func(s *step) bool { return !s.k.isConversation() && findKind(m.fallback, s.k) < 0 }) {
			return m
		}
	}
	return nil
}

// fallbackStep is the step of a fallback of the kind a condition names
// (named), when the main path has no step of its kind and one fallback has
// exactly one; nil otherwise.
func (p *plan) fallbackStep(named []*step) *step {
	var found *step
	for _, s := range named {
		if p.find(s.k) >= 0 {
			return nil
		}
		for _, m := range p.steps {
			for _, f := range m.fallback {
				if findKind([]*step{f}, s.k) < 0 {
					continue
				}
				if found != nil && found != f {
					return nil // which one is not clear
				}
				found = f
			}
		}
	}
	return found
}

// absentNamed: the words of a failure's condition name a step ("if the email
// doesn't arrive") and the flow has none of the kinds they name, on any path;
// it returns that step with its article, or "".
func (p *plan) absentNamed(head []token) string {
	named := slices.DeleteFunc(analyze(head, p.steps).steps, func(s *step) bool {
		return s.k.isConversation()
	})
	if len(named) == 0 {
		return ""
	}
	for _, s := range named {
		if p.holdsKind(p.steps, s.k) || s.k == kEnterEmail && p.holdsKind(p.steps, kEmailOTP) {
			return ""
		}
	}
	if named[0].k == kEnterEmail && notDelivered(head) {
		return kEmailOTP.withArticle() // what does not arrive is the code sent to it
	}
	return named[0].k.withArticle()
}

// holdsKind: steps, their branches or fallbacks hold a step of kind k.
func (p *plan) holdsKind(steps []*step, k kind) bool {
	for _, s := range steps {
		if s.k == k || k == kOTP && isCodeKind(s.k) || p.holdsKind(s.branch, k) || p.holdsKind(s.fallback, k) {
			return true
		}
	}
	return false
}

// branchEdit puts the steps of a conditional change on the branch it names:
// "if they're new, scan their passport", "if the email code fails, fall back to
// an SMS code".
func (p *plan) branchEdit(all []token) ([]string, bool) {
	cond, ts := editCondition(all, p.steps)
	if cond.k != condNewUser && cond.k != condFail && cond.k != condAge {
		return nil, false
	}
	if cond.k == condNewUser {
		if d, ok := p.failOnBranch(ts, cond); ok {
			return d, true
		}
	}
	var done []string
	var steps []*step
	var negs kindSet
	ctx := slices.Clone(p.steps)
	for _, s := range p.steps {
		ctx = append(append(ctx, s.branch...), s.fallback...) // "drop the comparison" may name a branch's step
	}
	if cond.k == condNewUser && cond.end >= 0 && cond.end+1 < len(ts) && !slices.ContainsFunc(ts[:cond.end+1], func(t token) bool { return t.w == "," || t.w == "." }) {
		// "people we don't recognise should do …": the condition's words name no
		// step; "add an SMS code for the new users only, right after the compare",
		// "drop the face comparison for unrecognised users": the words around the
		// condition do
		end := cond.end + 1
		if end < len(ts) && ts[end].w == "only" {
			end++
		}
		start := cond.end
		for start > 0 && cond.end-start < 5 && !lex.branchLead[ts[start].raw] {
			start--
		}
		switch {
		case start > 0 && lex.branchLead[ts[start].raw]: // "for the new users only", "on the new-user route"
			ts = append(slices.Clone(ts[:start]), ts[end:]...)
		case !namesOtherThan(ts[:cond.end+1], ctx, kRecognition):
			ts = ts[end:]
		}
	}
	front, back := false, false
	var ref []*step // "before the compare": a step the new ones go beside
	refAfter := false
	clauses := splitClauses(ts)
	if cond.k == condFail && cond.end >= 0 && cond.end+1 < len(ts) && !slices.ContainsFunc(ts[:cond.end+2], func(t token) bool { return t.w == "," || t.w == "." }) {
		// "if sms can't be delivered send email code instead": the condition ends
		// where no comma says so; its "can't" rules nothing out in what follows,
		// and the step it names is the one that fails (the anchor, below)
		clauses = splitClauses(ts[cond.end+1:])
	} else if cond.k == condFail && cond.end >= 0 && cond.end+2 < len(ts) && ts[cond.end+1].w == "," && slices.ContainsFunc(ts[:cond.end+1], func(t token) bool { return lex.passPhrase[t.raw] != nil }) {
		// "if they don't get through liveness, text them a code": the check
		// passed under the negation is the one that fails, no step of the path
		clauses = splitClauses(ts[cond.end+2:])
	}
	for _, c := range clauses {
		// each clause sees the branch so far: "scan their ID card and compare it with their face"
		a := analyze(c.toks, append(slices.Clone(ctx), steps...))
		if len(c.toks) > 1 && c.toks[0].w == "no" && c.toks[1].w == "else" {
			a.steps = nil // "passports only, no other ID": the "only" again, no step of its own
		}
		if takesOut(c.toks) && !hasAnyRaw(c.toks, lex.replaceWord) && !addsStep(c.toks) {
			// "for new users, remove the passport scan (and add an SMS code)": the
			// steps this clause names leave the branch; they are not added to it
			for _, s := range a.steps {
				a.neg.add(s.k)
			}
			a.steps = nil
		}
		steps = append(steps, a.steps...)
		negs |= a.neg
		front, back = front || a.front, back || a.back
		if len(a.ref) > 0 {
			ref, refAfter = a.ref, a.refAfter
		}
	}
	if len(steps) == 0 && negs == 0 && front != back && p.touched != nil && hasAnyRaw(ts, lex.touchedRef) {
		// "For new users, add an email code. Put that before anything else they
		// do.": the step just put on a branch moves within it
		if d, ok := p.moveOnBranch(p.touched, front); ok {
			return d, true
		}
	}
	if r := p.find(kRecognition); cond.k == condFail && hasRaw(ts, "fallback", "backup") && r >= 0 && len(p.steps[r].branch) > 0 &&
		!slices.ContainsFunc(p.steps, func(s *step) bool { return len(s.fallback) > 0 }) {
		// "on the fallback branch, …" in a flow whose only other path is the
		// recognition's: the users it does not find
		cond.k = condNewUser
	}
	if d, ok := p.endNewUsers(cond.k, all, steps, negs); ok {
		return d, true
	}
	if d, ok := p.acceptOnBranch(cond.k, all, steps); ok {
		return d, true
	}
	if d, ok := p.configureOnBranch(cond.k, ts, steps); ok {
		return d, true
	}
	pr := &parsed{}
	sc := scope{k: cond.k}
	if cond.k == condFail && cond.end >= 0 && cond.end+1 < len(ts) {
		// "if the faces don't match, have the avatar tell them …": the step that
		// fails is named in the condition's words; the rest says what happens
		if i := p.find(kFaceCompare); i >= 0 && has(ts[:cond.end+1], "match") && (has(ts[:cond.end+1], "face") || has(ts[:cond.end+1], "photo")) {
			sc.anchor, sc.named = p.steps[i], true
		}
		ha := analyze(ts[:cond.end+1], p.steps)
		named := ha.steps
		if len(named) == 0 && ha.neg != 0 {
			// "if they don't pass the ID scan": the step under the
			// condition's negation is the one that fails, when the flow
			// has one step it can be
			var negated []*step
			for _, s := range p.steps {
				if ha.neg.has(s.k) && !s.k.isConversation() {
					negated = append(negated, s)
				}
			}
			if len(negated) == 1 {
				named = negated
			}
		}
		for _, s := range named {
			if i := p.find(s.k); i >= 0 && sc.anchor == nil {
				sc.anchor, sc.named = p.steps[i], true
			}
		}
		if sc.anchor == nil {
			// "if the email fallback also fails, tell them to call support": the
			// step that fails is the fallback's, and what follows is its own fallback
			sc.anchor = p.fallbackStep(named)
			sc.named = sc.anchor != nil
		}
		if head := ts[:cond.end+1]; sc.anchor == nil && notDelivered(head) {
			// "if the email bounces, send an SMS code instead": the code of the
			// channel the words name, or the flow's one code
			var codes []*step
			for _, s := range p.steps {
				if s.k == kEmailOTP && has(head, "email") || s.k == kSMSOTP && has(head, "sms") || isCodeKind(s.k) && !has(head, "email") && !has(head, "sms") {
					codes = append(codes, s)
				}
			}
			if len(codes) == 1 {
				sc.anchor, sc.named = codes[0], true
			}
		}
	}
	if cond.k == condFail && sc.anchor == nil && cond.end >= 0 {
		// "if the email doesn't arrive, send an SMS code" on a flow with no
		// email step: the condition is about a step the flow does not have, so
		// there is no failure to hang the new steps from; they go on no other
		// step's failure
		if missing := p.absentNamed(ts[:cond.end+1]); missing != "" {
			p.assumptions = append(p.assumptions, "Left the flow as it is: \""+clauseText(ts[:cond.end+1])+"\" is about "+missing+", which the flow does not have, so no step's failure leads anywhere new. Add "+missing+" first, or name the step whose failure you mean.")
			return []string{"left the flow as it is: it has no " + strings.TrimPrefix(strings.TrimPrefix(missing, "an "), "a ")}, true
		}
	}
	if a := sc.anchor; cond.k == condFail && cond.end >= 0 && a != nil {
		if sc.anchor = arrivalOf(a, p.steps, ts[:cond.end+1]); sc.anchor != a {
			// ("when the email doesn't arrive": the entry the words name is no step to add)
			steps = slices.DeleteFunc(slices.Clone(steps), func(s *step) bool { return s.k == a.k })
		}
	}
	if cond.k == condFail && sc.anchor == nil {
		for _, s := range steps {
			if i := p.find(s.k); i >= 0 {
				sc.anchor = p.steps[i]
				sc.named = true // "if the face comparison fails, …" names the step that fails
				break
			}
		}
	}
	if cond.k == condAge {
		age := ageIn(ts)
		if i := p.find(kAgeCheck); i >= 0 && (age == 0 || age == p.steps[i].currentAge()) {
			if d, ok := p.underAgeLine(p.steps[i], all, steps); ok {
				return d, true
			}
		} else if age > 0 {
			steps = append(steps, &step{k: kAgeCheck, minAge: age, explicitAge: true})
		}
	}
	if hasRaw(ts, "replace", "swap", "substitute") && negs == 0 && len(steps) >= 2 && steps[0].k != steps[1].k {
		if olds, news := replacedSides(ts, ctx); len(olds) > 1 && len(news) > 0 {
			// "replace both the ID scan and the compare with a text code": every
			// step before "with" goes
			for _, o := range olds {
				negs.add(o.k)
			}
			steps = news
		} else {
			negs.add(steps[0].k) // "replace the SMS with an ID scan": the first named goes
			steps = steps[1:]
		}
	}
	if cond.k == condFail && sc.anchor == nil && negs != 0 {
		// "change that fallback to a document scan instead of the email code":
		// the fallback that holds the step replaced
		for _, s := range p.steps {
			if slices.ContainsFunc(s.fallback, func(f *step) bool { return negs.has(f.k) }) {
				sc.anchor = s
				break
			}
		}
	}
	if hasAnyRaw(ts, lex.replaceWord) || negs != 0 {
		// "on the new-user branch, use SMS instead of email": a step of the branch
		// is replaced in its place, not joined by a second one
		steps = p.replaceOnBranch(cond.k, sc.anchor, steps, negs, &done)
	}
	if cond.k == condFail && sc.anchor != nil && cond.end >= 0 && findKind(analyze(ts[:cond.end+1], p.steps).steps, sc.anchor.k) >= 0 {
		// the condition's own words name the failed step ("if the ID scan times
		// out"): that step is the anchor, not one the fallback takes
		if i := slices.IndexFunc(steps, func(s *step) bool { return s.k == sc.anchor.k }); i >= 0 {
			steps = slices.Delete(slices.Clone(steps), i, i+1)
		}
	}
	if cond.k == condFail && negs == 0 && !hasAnyRaw(ts, lex.anotherTry) && !hasRaw(ts, "add", "also") {
		// "the email code stays as the backup", "keep the email fallback": the
		// fallback named has those steps already; it is no second one
		if owner := p.fallbackHolding(steps); owner != nil && (sc.anchor == nil || sc.anchor == owner) {
			return []string{"kept the fallback after the " + owner.k.String() + ", which already has the " + stepNames(owner.fallback)}, true
		}
	}
	secondTry := false
	if cond.k == condFail && sc.anchor != nil && hasAnyRaw(ts, lex.anotherTry) {
		// as Build reads it: "if the ID scan times out, let them scan a passport
		// instead", "… give them a second scan": another step of the failed kind
		// on the fallback, not the failed step named again nor a retry of it
		for _, s := range steps {
			if s.k == sc.anchor.k {
				s.again, secondTry = true, true
			}
		}
	}
	secondTry = secondTry || sc.anchor != nil && slices.ContainsFunc(steps, func(s *step) bool { return rescan(s, sc.anchor) })
	if r := p.find(kRecognition); cond.k == condNewUser && r >= 0 && !hasAnyRaw(ts, lex.anotherTry) {
		// "guests we don't recognise go through the existing passport scan and
		// compare": what their branch already has is named, not added again
		// (a liveness check right after the recognition is every user's: the new
		// users' path starts with it)
		sharedLiveness := r+1 < len(p.steps) && p.steps[r+1].k == kLiveness
		var had []string
		steps = slices.DeleteFunc(slices.Clone(steps), func(s *step) bool {
			b := findKind(p.steps[r].branch, s.k)
			if hasSetting(ts) || len(s.docTypes) > 0 && (b < 0 || !slices.Equal(s.docTypes, p.steps[r].branch[b].currentDocTypes())) {
				return false // "on the new user branch, ask for a passport specifically": a setting of the step it has
			}
			if b >= 0 || s.k == kLiveness && sharedLiveness {
				had = append(had, s.k.String())
				return true
			}
			return false
		})
		if len(steps) == 0 && len(had) > 0 && negs == 0 && len(done) == 0 {
			return []string{"kept the path of users the recognition does not find, which already has the " + nounList(had)}, true
		}
	}
	if cond.k == condFail && sc.anchor == nil && hasRaw(ts, "fallback", "backup") {
		// "fallback branch: …", "in the fallback, …": the path of the one step
		// that has a fallback
		var owners []*step
		for _, s := range p.steps {
			if len(s.fallback) > 0 {
				owners = append(owners, s)
			}
		}
		if len(owners) == 1 {
			sc.anchor, sc.named = owners[0], true
		}
	}
	if cond.k == condFail && sc.anchor != nil && len(sc.anchor.fallback) > 0 && !secondTry && negs == 0 {
		// "fallback branch: have them enter their email first, then the email
		// code": a step the fallback has already is named again to place the new
		// ones before it, not added a second time (as the new-user path's, above)
		fb := sc.anchor.fallback
		var fresh []*step
		for _, s := range steps {
			if j := findKind(fb, s.k); j >= 0 && fb[j].node != nil && !s.again {
				if len(ref) == 0 && len(fresh) > 0 {
					ref, refAfter = []*step{fb[j]}, false
				}
				continue
			}
			fresh = append(fresh, s)
		}
		if len(fresh) > 0 {
			steps = fresh
		}
	}
	if cond.k == condFail && sc.anchor != nil && isCodeKind(sc.anchor.k) && len(steps) > 0 && cond.end >= 0 && notDelivered(ts[:cond.end+1]) {
		// as Build reads it: "if the SMS can't be delivered send an email code
		// instead" falls back only when the code never arrived
		sc.anchor.fallbackOn = "delivery_failed"
	}
	main := pr.routeScoped(&sc, steps, p.steps)
	pr.joinBefore(&sc, p.steps, ref, refAfter)
	lead := 0 // "in the fallback, have them enter their email first": the new steps open their path, in the order named
	var placed *step
	for _, s := range steps {
		if list := p.onBranch(s); !slices.Contains(main, s) && list != nil {
			p.touched = s // "… Put that before anything else they do."
			at := ref
			if refAfter && len(ref) > 0 && placed != nil {
				// "add a selfie after the ID scan and compare it to the ID
				// photo": the steps put after one step follow each other there
				// in the order named, not each right after it
				at = []*step{placed}
			}
			placeOnBranch(list, s, at, refAfter)
			if slices.Contains(*list, s) {
				placed = s
			}
			if front && !back && len(ref) == 0 {
				*list = slices.Insert(slices.DeleteFunc(*list, func(o *step) bool { return o == s }), min(lead, len(*list)-1), s)
				lead++
			}
		}
	}
	if sc.anchor != nil {
		// "ask for their email and send a code": the code goes to the address just entered
		pr.notes = append(pr.notes, channelFromContext(sc.anchor.branch)...)
		pr.notes = append(pr.notes, channelFromContext(sc.anchor.fallback)...)
	}
	for _, s := range main {
		if p.find(s.k) >= 0 {
			continue
		}
		p.insert(s, false, s.k != kAgeCheck && s.k != kExpiryCheck, nil, false)
		done = append(done, "added "+s.k.withArticle())
	}
	if r := p.find(kRecognition); cond.k == condNewUser && r >= 0 && onlyTheirs(all) && !hasAnyRaw(all, lex.insertVerb) {
		// "only send a code to people we don't recognise", "rather than an SMS
		// code for everyone, …": the step the new users get is theirs alone, so
		// the one the recognised users had (of its kind, or the one it
		// replaces) leaves their path ("on the new-user branch only, add a
		// liveness check" adds one there, and touches no other path)
		for _, s := range steps {
			if slices.Contains(main, s) {
				continue
			}
			if i := slices.IndexFunc(p.steps[r+1:], func(m *step) bool { return m.k == s.k || negs.has(m.k) }); i >= 0 {
				done = append(done, p.removeAt(r+1+i)+" from the path of recognised users: only new users get it now")
			}
		}
	}
	if sc.used {
		pr.notes = append(pr.notes, fallbackImages(p.steps)...)
		done = append(done, pr.notes...)
	}
	if pr.failLine != nil {
		p.sayOnFailure(pr.failLine)
		done = append(done, "the failure message now says: "+p.failure.Prompt)
	}
	if pol := readPolicy(ts); pol != "" && cond.k != condNewUser {
		// as Build reads it: "if the passport scan fails, let them retry" is that
		// step's; "if a check fails", "if anything fails", "if it fails" (no step
		// named in the change) are every check's
		named := cond.k == condFail && sc.anchor != nil && len(analyze(all, nil).steps) > 0 && !hasAnyRaw(all, lex.anyOne)
		// "if the SMS code fails again, hand them to an agent", "if the retry
		// fails, …": the second failure of a step the flow offers again, as
		// Build reads it; what follows the condition is what it does
		var retried *step
		if cond.k == condFail && cond.end >= 0 && len(steps) == 0 &&
			(hasAnyRaw(ts[:min(len(ts), cond.end+3)], lex.secondFail) || hasAnyHot(ts[:cond.end+1], hRetryNoun)) {
			retried = sc.anchor
			if retried == nil || !retried.retry {
				retried = nil
				for _, s := range p.steps {
					if s.retry && canFail(s.k) && !s.k.isConversation() {
						if retried != nil {
							retried = nil // (two steps offered again: which one is not said)
							break
						}
						retried = s
					}
				}
			}
			if retried != nil && retried.retry {
				pol = readPolicy(ts[cond.end+1:])
			} else {
				retried = nil
			}
		}
		switch {
		case secondTry:
			// the second step is what a failure leads to
		case retried != nil && (pol == "human" || pol == "end") && retryable(retried.k):
			retried.once = true
			switch {
			case pol == "end" && len(retried.fallback) == 0:
				done = append(done, "a second failure of the "+retried.k.String()+" ends the session")
			case pol == "end":
				done = append(done, "kept the path a second failure of the "+retried.k.String()+" takes")
			case len(retried.fallback) == 0:
				over := &step{k: kInform, speech: saysLine, phrase: handoverLine, ends: true, last: true}
				retried.fallback = []*step{over}
				if retried.k == kLiveness && retried.fallbackOn == "" {
					// a caught deepfake is never offered again, so it has no
					// second failure: it still ends the session, as in Build
					retried.fallbackOn, retried.deepfakeEnds = "noFace", true
				}
				p.touched = over
				done = append(done, "a second failure of the "+retried.k.String()+" now hands the user to a member of the team")
			default:
				done = append(done, "kept the path a second failure of the "+retried.k.String()+" takes, which the flow has already")
			}
		case pol == "retry" && named && retryable(sc.anchor.k):
			done = append(done, offerRetry(sc.anchor, ts)...)
		case pol == "human" && named && canFail(sc.anchor.k) && (len(sc.anchor.fallback) == 0 || sc.anchor.fallbackLine() != nil && sc.anchor.fallbackLine().node == nil):
			// as Build reads it: "if the SMS code fails, the avatar says 'An
			// agent will call you' and hands over to a human", "… hand them to
			// an agent": that step's failure is handed over (the change's own
			// line is the handover's), not every check's
			if fb := sc.anchor.fallbackLine(); fb != nil {
				fb.hands, fb.last = true, true
				p.touched = fb
				said := "(\"" + strings.Trim(fb.phrase, "\"") + "\")"
				if i := slices.IndexFunc(done, func(d string) bool { return strings.HasSuffix(d, said+" and the session ends.") }); i >= 0 {
					// (the line's note, read before the handover was: it hands over too)
					done[i] = strings.TrimSuffix(done[i], " and the session ends.") + ", hands the user to a member of the team, and the session ends."
				} else {
					done = append(done, "a failed "+sc.anchor.k.String()+" now says "+said[1:len(said)-1]+" and hands the user to a member of the team")
				}
			} else {
				over := &step{k: kInform, speech: saysLine, phrase: handoverLine, ends: true, last: true}
				sc.anchor.fallback = []*step{over}
				p.touched = over
				done = append(done, "a failed "+sc.anchor.k.String()+" now hands the user to a member of the team")
			}
		case pol == "end" && named && len(steps) == 0 && cond.end >= 0 && otherFailure(sc.anchor, ts[:cond.end+1]):
			// "if they just type the wrong code too many times, end the session"
			// when only an undelivered code falls back: that failure ends it
			// already, and the fallback stays
			done = append(done, sc.anchor.k.withArticle()+" that fails any other way ends the session, as it did")
		case pol == "end" && named && len(steps) == 0:
			// "if the SMS fails just end": that step's failure ends the session, so a
			// fallback it had goes
			if len(sc.anchor.fallback) > 0 {
				done = append(done, "removed the "+stepNames(sc.anchor.fallback)+" from the "+sc.anchor.k.String()+"'s fallback")
				sc.anchor.fallback, sc.anchor.retry = nil, false
			}
			done = append(done, "a failed "+sc.anchor.k.String()+" ends the session")
		default:
			p.setPolicy(pol)
			// (only a handover of every check, no one step named, replaces the
			// stock failure line: "when liveness fails, hand them to an agent,
			// and if the SMS code fails, end the session" must not hand the
			// SMS code over)
			p.handsEvery = pol == "human" && !named && len(steps) == 0
			if tail := p.retryExceptTail(ts); pol == "retry" && tail != nil {
				// "let them retry any failed check, but no second chance on the
				// SMS code": every check but those
				done = append(done, p.retryAllBut(tail))
			} else if len(done) == 0 && policyDone[pol] != "" {
				done = append(done, policyDone[pol])
			}
		}
	}
	if len(done) == 0 && cond.k == condNewUser && negs != 0 && len(main) == 0 {
		// "new users shouldn't get the email code" when their branch has none: the
		// change holds already; the main path is not what it speaks of
		for k := kind(1); k < kindCount; k++ {
			if negs.has(k) {
				done = append(done, "kept the "+k.String()+" off the new-user branch, which already skips it")
			}
		}
	}
	return done, len(done) > 0
}

// otherFailure: the failure a condition's words (head) name is not the one
// outcome of s that goes to its fallback ("if they type the wrong code too many
// times" when only "delivery_failed" falls back).
func otherFailure(s *step, head []token) bool {
	switch s.fallbackOn {
	case "delivery_failed":
		return !notDelivered(head)
	case "imageUnavailable":
		return !hasAnyHot(head, hImageGone)
	}
	return false
}

// failOnBranch reads a failure condition inside the new-user path: "on the
// new-user side, if the face doesn't match the ID, the avatar should tell them
// to visit a branch with their ID" says what that path's comparison does when
// it fails, not that the comparison goes.
func (p *plan) failOnBranch(ts []token, cond condition) ([]string, bool) {
	r := p.find(kRecognition)
	if r < 0 || len(p.steps[r].branch) == 0 || cond.end < 0 {
		return nil, false
	}
	branch := p.steps[r].branch
	// the failure's "if" after the words that name the path ("on the new-user
	// side, if …"), which the path's condition may have read on into
	k := slices.IndexFunc(ts[1:], func(t token) bool { return t.raw == "if" || t.raw == "when" || t.raw == "should" }) + 1
	if k == 0 || !clauseStartsIf(ts[k:]) {
		return nil, false
	}
	rest := ts[k:]
	fc := readCondition(rest, branch)
	if fc.k != condFail || fc.end < 0 || fc.end+1 >= len(rest) {
		return nil, false
	}
	var anchor *step
	if i := findKind(branch, kFaceCompare); i >= 0 && has(rest[:fc.end+1], "match") {
		anchor = branch[i] // "if the face doesn't match the ID": the comparison
	}
	for _, s := range analyze(rest[:fc.end+1], branch).steps {
		if i := findKind(branch, s.k); i >= 0 && anchor == nil {
			anchor = branch[i]
		}
	}
	if anchor == nil || !canFail(anchor.k) || len(anchor.fallback) > 0 {
		return nil, false
	}
	body := rest[fc.end+1:]
	if c := slices.IndexFunc(body, func(t token) bool { return t.w == "," }); c >= 0 {
		body = body[c+1:] // "… doesn't match the ID, …": the condition runs to its comma
	}
	steps := analyze(body, branch).steps
	if len(steps) == 0 || slices.ContainsFunc(steps, func(s *step) bool { return !s.k.isConversation() }) {
		return nil, false // (a step on the path's fallback: not read here)
	}
	pr := &parsed{}
	sc := scope{k: condFail, anchor: anchor, named: true}
	pr.routeScoped(&sc, steps, branch)
	if !sc.used {
		return nil, false
	}
	return []string{"on the new-user path: " + strings.Join(pr.notes, " ")}, true
}

// takesOut: the words remove ("drop", "remove", "take … out").
func takesOut(ts []token) bool {
	return hasAnyRaw(ts, lex.removeVerb) || takesOffOrOut(ts)
}

// namesOtherThan: the words name a step, kept or excluded, of another kind than
// k ("drop the face comparison for unrecognised users" names the comparison
// before its condition; "people we don't recognise" names only the recognition).
func namesOtherThan(ts []token, ctx []*step, k kind) bool {
	a := analyze(ts, ctx)
	return a.neg&^(1<<k) != 0 || slices.ContainsFunc(a.steps, func(s *step) bool { return s.k != k })
}

// addsStep: the words ask for a step to come in ("add", "another", "a new
// code"); "new" naming the users of a condition ("for new users") does not.
func addsStep(ts []token) bool {
	for i, t := range ts {
		if lex.addWord[t.raw] && !(t.raw == "new" && i+1 < len(ts) && ts[i+1].in(hUserWord)) {
			return true
		}
	}
	return false
}

// endNewUsers empties the new-user path when a change says that users the
// recognition does not find just stop ("if we don't recognise them, end the
// session", "drop the new user branch", "unrecognised users should be turned
// away"): they get the recognition's own ending. It declines (false) unless the
// condition is a new user's and the sentence names no step.
func (p *plan) endNewUsers(k condKind, ts []token, steps []*step, negs kindSet) ([]string, bool) {
	r := p.find(kRecognition)
	if k != condNewUser || r < 0 || len(steps) > 0 || negs != 0 || len(analyze(ts, nil).steps) > 0 ||
		readPolicy(ts) != "end" && !hasAnyRaw(ts, lex.removeVerb) && !hasAnyRaw(ts, lex.turnAway) {
		return nil, false
	}
	rec := p.steps[r]
	if len(rec.branch) == 0 {
		return []string{"kept the new-user path, which already ends the session"}, true
	}
	gone := stepNames(rec.branch)
	rec.branch = nil
	return []string{"new users now end the session (removed the " + gone + " from their path)"}, true
}

// policyDone says what a change of the failure policy did, for the summary.
var policyDone = map[string]string{
	"retry": "offered a retry of every check that fails",
	"human": "sent every failed check to a member of the team",
}

// acceptOnBranch changes what a branch's document scan accepts ("on the
// fallback branch, accept driving licences as well as passports", "for new users
// passports only"): a setting of the scan the branch has, not a second scan. It
// declines (false) unless the sentence has a verb of accepting or "only" and
// names only document types.
func (p *plan) acceptOnBranch(k condKind, ts []token, steps []*step) ([]string, bool) {
	if !hasAnyRaw(ts, lex.acceptVerb) && !has(ts, "only") || len(steps) == 0 || slices.ContainsFunc(steps, func(s *step) bool { return s.k != kDocument || len(s.docTypes) == 0 }) {
		return nil, false
	}
	d := lastKindStep(p.branchSteps(k), kDocument)
	added := false
	if r := p.find(kRecognition); d == nil && k == condNewUser && r >= 0 && hasAnyRaw(ts, lex.acceptVerb) {
		// "our new drivers have no local licence. For the new drivers only
		// accept a passport instead": the path has no scan (any more), so what
		// it accepts names the scan it takes, at its end
		d, added = &step{k: kDocument}, true
		p.steps[r].branch = append(p.steps[r].branch, d)
	}
	if d == nil {
		return nil, false
	}
	var types []string
	for _, s := range steps {
		types = mergeTypes(types, s.docTypes)
	}
	if hasRaw(ts, "also", "too", "well", "plus") {
		types = mergeTypes(d.currentDocTypes(), types)
	}
	d.docTypes = types
	d.configureNode()
	if added {
		return []string{"added a document scan that accepts " + docTypesText(types) + " to the new-user path"}, true
	}
	return []string{"the document scan on that path now accepts " + docTypesText(types)}, true
}

// branchSteps are the steps of the branches a condition of kind k speaks of:
// the recognitions' new-user paths, or every step's fallback.
func (p *plan) branchSteps(k condKind) []*step {
	var out []*step
	for _, s := range p.steps {
		switch {
		case k == condNewUser && s.k == kRecognition:
			out = append(out, s.branch...)
		case k == condFail:
			out = append(out, s.fallback...)
		}
	}
	return out
}

// configureOnBranch changes a setting of a step a branch has ("on the fallback
// use a 4 digit code", "make the new users' email code 8 digits"): the step the
// words name, or the one step of the branch that takes the setting; not a
// second step. It declines (false) when the words add a step or set nothing.
func (p *plan) configureOnBranch(k condKind, ts []token, steps []*step) ([]string, bool) {
	st := readSettings(ts)
	if !st.any() || addsStep(ts) {
		return nil, false
	}
	var target *step
	for _, b := range p.branchSteps(k) {
		named := len(steps) == 0 || slices.ContainsFunc(steps, func(x *step) bool { return findKind([]*step{b}, x.k) >= 0 })
		if !st.accepts(b.k) || !named {
			continue
		}
		if target != nil {
			return nil, false // two steps could take it: say which
		}
		target = b
	}
	if target == nil {
		return nil, false
	}
	st.apply(target)
	target.configureNode()
	return []string{"changed the settings of the " + target.k.String() + " on that path"}, true
}

// replaceOnBranch replaces, on the branch a condition names (a recognition's
// new-user path, a step's fallback), each step that is excluded or of the family
// of a named step with that step, and returns the named steps it did not place.
func (p *plan) replaceOnBranch(k condKind, anchor *step, steps []*step, negs kindSet, done *[]string) []*step {
	if k == condNewUser && anchor == nil {
		anchor = lastKindStep(p.steps, kRecognition)
	}
	if anchor == nil {
		return steps
	}
	list := &anchor.fallback
	if k == condNewUser {
		list = &anchor.branch
	}
	var rest []*step
	for _, s := range steps {
		placed := false
		for i, old := range *list {
			if !(negs.has(old.k) || slices.Contains(family(s.k), old.k) || old.k == s.k) {
				continue
			}
			if old.k == s.k && s.k != kDocument {
				mergeStep(old, s) // named again: its settings change
				placed = true
				break
			}
			if old.node != nil && old.node.OTPLength != nil && s.otpLen == 0 && (s.k == kEmailOTP || s.k == kSMSOTP) {
				s.otpLen = *old.node.OTPLength
			}
			if had := old.currentDocTypes(); s.k == kDocument && old.k == kDocument && len(had) > 0 && len(s.docTypes) > 0 {
				// "for new users swap the ID card for a passport": the types named
				// beside the old scan's are the new scan's
				if kept := slices.DeleteFunc(slices.Clone(s.docTypes), func(t string) bool { return slices.Contains(had, t) }); len(kept) > 0 {
					s.docTypes = kept
				}
				(*list)[i] = s
				*done = append(*done, "the document scan on the branch now accepts "+docTypesText(s.docTypes))
				placed = true
				break
			}
			(*list)[i] = s
			*done = append(*done, "replaced the "+old.k.String()+" with "+s.k.withArticle()+" on the branch")
			placed = true
			break
		}
		if !placed {
			rest = append(rest, s)
		}
	}
	// excluded steps the change named no replacement for leave the branch too
	*list = slices.DeleteFunc(*list, func(o *step) bool {
		if negs.has(o.k) && !slices.Contains(steps, o) {
			*done = append(*done, "removed the "+o.k.String()+" from the branch")
			return true
		}
		return false
	})
	return rest
}

// placesStep: the words say where a step goes ("first", "at the end", "before the
// SMS code"), not when something expires ("after 10 minutes").
func placesStep(ts []token) bool {
	for i, t := range ts {
		if lex.frontWord[t.raw] || lex.backWord[t.raw] && !(t.raw == "last" && i+1 < len(ts) && (ts[i+1].isNum || numberWords[ts[i+1].raw] > 0)) {
			return true
		}
		if orderRefLemmas[t.w] && timeClause(ts, i) {
			continue // "let them try 5 times before it fails": when, not where
		}
		if orderRefLemmas[t.w] && i+1 < len(ts) && !ts[i+1].isNum && numberWords[ts[i+1].raw] == 0 && ts[i+1].raw != "a" && ts[i+1].raw != "an" {
			return true
		}
	}
	return false
}

// timeClause: "before"/"after" at i opens a clause of time ("before it fails",
// "after they give up"), a subject pronoun and then a word that goes on the
// clause; "before it", "after it please" point at a step.
func timeClause(ts []token, i int) bool {
	if i+2 >= len(ts) || !lex.subjectPronoun[ts[i+1].raw] {
		return false
	}
	n := ts[i+2]
	return isAlpha(n.raw) && !lex.phraseEnd[n.raw] && !lex.refFollow[n.raw] && !lex.phraseEnd[n.w]
}

// onBranch returns the branch or fallback list of the plan that holds s, or nil.
func (p *plan) onBranch(s *step) *[]*step {
	for _, o := range p.steps {
		for _, list := range []*[]*step{&o.branch, &o.fallback} {
			if slices.Contains(*list, s) {
				return list
			}
		}
	}
	return nil
}

// placeOnBranch puts s, just added at the end of a branch, before or after the
// step of that branch the change named ("new users should also do a face scan
// before the compare"); with none named there it stays at the end.
func placeOnBranch(list *[]*step, s *step, ref []*step, after bool) {
	if len(ref) == 0 {
		return
	}
	rest := slices.DeleteFunc(slices.Clone(*list), func(o *step) bool { return o == s })
	at := slices.IndexFunc(rest, func(o *step) bool { return o.k == ref[0].k })
	if at < 0 {
		return
	}
	if after {
		at++
	}
	*list = slices.Insert(rest, at, s)
}

// moveOnBranch moves s, a step on a branch, to that branch's start (front) or
// end; it declines (false) when s is on no branch.
func (p *plan) moveOnBranch(s *step, front bool) ([]string, bool) {
	list := p.onBranch(s)
	if list == nil {
		return nil, false
	}
	rest := slices.DeleteFunc(slices.Clone(*list), func(o *step) bool { return o == s })
	if front {
		*list = append([]*step{s}, rest...)
		return []string{"moved the " + s.k.String() + " to the start of its path"}, true
	}
	*list = append(rest, s)
	return []string{"moved the " + s.k.String() + " to the end of its path"}, true
}

// editCondition reads the condition of a change: at its start ("if they're
// new, …") or, for a condition on who the user is, after the instruction it
// scopes ("add an email code for people we don't recognise"); it returns the
// tokens without a trailing condition's words.
func editCondition(ts []token, steps []*step) (condition, []token) {
	cond := readCondition(ts, steps)
	if c := slices.IndexFunc(ts, func(t token) bool { return t.w == ":" }); cond.k == condNone && c > 0 && len(analyze(ts[:c], steps).steps) == 0 {
		// "Add a branch: where the client is not recognised, scan …", "New
		// path: if …": the heading names the change's kind; the condition opens
		// after its colon, as it would open the sentence. So does any lead
		// that names no step ("compliance signed off except for one thing: on
		// the not-recognised branch only, add …", "support wants stronger
		// checks for renters we can't place: for people we don't recognise,
		// add …"): a remark before the instruction, whose verbs have no step
		// to act on
		if after := readCondition(ts[c+1:], steps); after.k != condNone {
			return after, ts[c+1:]
		}
	}
	for j := 2; cond.k == condNone && j+1 < len(ts); j++ {
		if lex.trailCond[ts[j].raw] && readCondition(ts[j:], steps).k == condNewUser {
			return condition{k: condNewUser, end: -1}, ts[:j]
		}
	}
	return cond, ts
}

// hasImage: the flow has what the face source reads (the document's photo needs
// a document scan, the face scan's image a face scan; the session's video and a
// photo passed in providedData are always there).
func (p *plan) hasImage(src *flow.FaceSource) bool {
	switch src.Source {
	case "documentPhoto":
		return p.find(kDocument) >= 0
	case "faceScan":
		return p.find(kFaceScan) >= 0
	}
	return true
}

func sameSource(a, b *flow.FaceSource) bool {
	return a.Source == b.Source && a.ProvidedDataKey == b.ProvidedDataKey
}

// namesImages: the sentence says what a comparison reads ("the ID photo", "the
// session video", "the selfie"), not only that there is one.
func namesImages(ts []token) bool {
	return slices.ContainsFunc(ts, func(t token) bool { return imageLemmas[t.w] || t.raw == "video" || t.raw == "camera" })
}

// replacedSides reads "replace X and Y with Z" apart: the steps named between
// the verb and "with" (or "for"), and the steps after it.
func replacedSides(ts []token, ctx []*step) (olds, news []*step) {
	// ("substitute X for Y" puts X in: its sides run the other way)
	r := slices.IndexFunc(ts, func(t token) bool { return t.raw == "replace" || t.raw == "swap" })
	if r < 0 {
		return nil, nil
	}
	w := slices.IndexFunc(ts[r+1:], func(t token) bool { return t.raw == "with" || t.raw == "for" })
	if w < 0 {
		return nil, nil
	}
	w += r + 1
	// (read item by item, so that "the compare" does not swallow "the ID scan"
	// it reads as its image)
	return dedupeKinds(listItemsIn(ts[r+1:w], ctx)), analyze(ts[w+1:], ctx).steps
}

// underAgeLine: a change that says what a user under the flow's age limit
// hears ("for the under-18 branch, the avatar should also suggest they ask a
// parent to get in touch"): the line goes on the check's failure, after the
// line it has when the change says "also", in its place otherwise; the
// session then ends, as it did. Only a change of lines alone is read here.
func (p *plan) underAgeLine(check *step, ts []token, steps []*step) ([]string, bool) {
	var lines []*step
	for _, s := range steps {
		switch {
		case s.k == kInform && s.phrase != "":
			lines = append(lines, s)
		case s.k == kAgeCheck:
		default:
			return nil, false
		}
	}
	if len(lines) == 0 || slices.ContainsFunc(check.fallback, func(f *step) bool { return !f.k.isConversation() }) {
		return nil, false
	}
	for _, l := range lines {
		l.ends = true
	}
	if hasRaw(ts, "also", "additionally") && len(check.fallback) > 0 {
		check.fallback = append(check.fallback, lines...)
	} else {
		check.fallback = lines
	}
	p.touched = lines[0]
	var said []string
	for _, l := range lines {
		said = append(said, "\""+l.phrase+"\"")
	}
	return []string{"a user under the age limit now hears " + strings.Join(said, " and ") + ", then the session ends"}, true
}

// typesOnly: an "only" between the same commas or dashes as a document's name restricts
// the scan to the types named ("also only accept passports", "driving licences
// only"); one said in another stretch of the sentence is about something else
// ("allow driving licences too, half the renters only carry those").
func typesOnly(ts []token) bool {
	only, doc := false, false
	for _, t := range ts {
		switch {
		case t.w == "," || t.w == ".": // (a dash or a semicolon reads as ".")
			only, doc = false, false
		case t.w == "only":
			only = true
		case lex.docWord[t.w]:
			doc = true
		}
		if only && doc {
			return true
		}
	}
	return false
}

// onlyTheirs: an "only" that limits a step to the users named ("only send a
// code to people we don't recognise"), not one of a count ("only one
// attempt"), of time ("only then", "only after the passport") or of a
// condition ("only if they have no phone").
func onlyTheirs(ts []token) bool {
	for i, t := range ts {
		if t.w != "only" {
			continue
		}
		if i+1 < len(ts) {
			n := ts[i+1]
			if n.isNum || numberWords[n.raw] > 0 || lex.condIfStrict[n.raw] || lex.onlyWhen[n.raw] {
				continue
			}
		}
		return true
	}
	return false
}
