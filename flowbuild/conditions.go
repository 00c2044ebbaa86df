package flowbuild

import (
	"slices"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Conditions: "if they're new, …", "for anyone we don't recognise, … instead",
// "if the email code fails, try an SMS code", "if under 18 tell them and end,
// otherwise …". A condition does not add a step to the main path: it says where
// the steps of its clause (and of the clauses after it, up to the end of the
// sentence) go: onto a recognition's new-user branch, onto a step's fallback, or,
// for an age limit, nowhere but the age check itself and the failure message.

type condKind uint8

const (
	condNone    condKind = iota
	condNewUser          // the user was not recognised
	condFail             // a step failed
	condAge              // the user is under an age limit
	condMain             // the main path again: "otherwise", "known users", "for everyone"
)

// condition is what a clause's condition words say.
type condition struct {
	k     condKind
	end   int  // the index of the last word of the condition; the clause's steps follow it
	short bool // a bare "if not": it negates the condition or step before
	step  int  // where the words naming the step that failed start, when the condition says ("if no face is found in the liveness check"); 0 when it does not
}

// scope is where steps go while a condition holds.
type scope struct {
	k            condKind
	anchor       *step // the recognition (condNewUser) or the step that failed (condFail)
	named        bool  // condFail: the condition names its step, not any check
	sent         int   // the sentence the condition was stated in
	used         bool  // a step went there
	clauses      int   // clauses read under the condition
	again        bool  // the clause being routed says "again", "second" or "another"
	only         bool  // the condition trailed one instruction (clause.only)
	ahead        bool  // condFail: the condition named a step the main path had not reached yet ("If they fail liveness, …" first)
	attack       bool  // condFail: the condition named only a caught deepfake ("if a deepfake is detected"); prevOn is the step's fallbackOn before it
	prevOn       string
	retryNow     bool    // the clause being routed offers the anchor again: a line it says is the retry's (step.retryLine)
	retriedSteps []*step // … of these steps only, when the clause before offered them again by name ("Retry liveness and the email code once")
	retried      bool    // condFail: the second failure of every check a retry of each was just offered to ("Retry any failed check once; if it fails again, …")
}

func clauseStartsIf(ts []token) bool {
	lead := forkLead(ts)
	for i, t := range ts {
		if i > 2+lead && !(t.raw == "for" && ts[i-1].w == "only") {
			// ("an email code only for people we don't recognise": "only
			// for" opens the population wherever it stands)
			continue
		}
		if t.in(hCondIf) && !(t.raw == "should" && i > 0) && !(t.raw == "for" && i > 0 && lex.forVerb[ts[i-1].raw]) {
			// ("Should the scan fail, …" opens on it; "no one should receive
			// a code" is a rule; "Don't ask for their email or send any codes"
			// asks for something, "for" opens no population)
			return true
		}
	}
	return false
}

// forkLead returns how many words a diagram's fork and the step it leaves
// from take before a condition word ("fork at recognition for faces we don't
// know", "the diamond after the SMS code, if the text never arrives"), or 0:
// the condition opens the clause after them as it would at its start.
func forkLead(ts []token) int {
	i := 0
	for i < len(ts) && ts[i].in(hDeterminer) {
		i++
	}
	if i+2 >= len(ts) || !ts[i].in(hFork) || !lex.forkAt[ts[i+1].raw] {
		return 0
	}
	for j := i + 2; j < len(ts) && j <= i+6; j++ {
		if ts[j].in(hCondIf) {
			return j
		}
	}
	return 0
}

// failsLater: a failure verb follows i before the clause's first comma ("the
// email fallback also fails").
func failsLater(ts []token, i int) bool {
	for j := i + 1; j < len(ts) && ts[j].w != ","; j++ {
		if ts[j].in(hCondFail) && ts[j].raw != "fallback" && ts[j].raw != "backup" || phraseAt(ts, j, lex.failPhrase) {
			return true
		}
	}
	return false
}

// lacksChannel is the index of the channel a user is said not to have or
// reach ("they don't have their phone", "can't get the text", "can't access
// their email"), or -1: a verb of having or reaching right after a negation
// ("if it doesn't arrive use an email code" is no such verb), the channel a
// few words after.
func lacksChannel(ts []token) int {
	for i, t := range ts {
		if !t.in(hLackVerb) || i == 0 || ts[i-1].w != "no" {
			continue
		}
		for j := i + 1; j < len(ts) && j <= i+3; j++ {
			if ts[j].w == "phone" || ts[j].w == "email" || ts[j].w == "sms" || ts[j].raw == "inbox" {
				return j
			}
		}
	}
	return -1
}

// lacksDoc is the index of the document type a user is said not to have ("if
// they don't have a passport", "if they have no passport", "without a
// passport"), or -1.
func lacksDoc(ts []token) int {
	for i, t := range ts {
		from, lack := -1, t.in(hLackVerb)
		switch {
		case lack && i > 0 && ts[i-1].w == "no", t.raw == "without":
			from = i + 1 // "don't have a passport", "without a passport"
		case lack && i+1 < len(ts) && ts[i+1].raw == "no":
			from = i + 2 // "have no passport"
		}
		for j := from; from > 0 && j < len(ts) && j <= from+2; j++ {
			if docTypeLemmas[ts[j].w] {
				return j
			}
		}
	}
	return -1
}

// hasCodeFor: steps hold a code that goes by the channel named by ch ("phone",
// "text", "email"), or one whose channel the text left open.
func hasCodeFor(steps []*step, ch token) bool {
	return slices.ContainsFunc(steps, func(s *step) bool {
		return s.k == kOTP || s.k == kEmailOTP && ch.w == "email" || s.k == kSMSOTP && ch.w != "email"
	})
}

// readCondition reads the condition words of a clause. seq is the main path so
// far: a new-user condition needs a recognition to hang from.
func readCondition(ts []token, seq []*step) condition {
	if len(ts) == 0 {
		return condition{end: -1}
	}
	if usersDid(ts) {
		// "(they enrolled when they installed the app the first time)": what
		// users did before this flow; its "first time" names no new users
		return condition{end: -1}
	}
	hasIf := clauseStartsIf(ts)
	if c := lacksChannel(ts); hasIf && c >= 0 && opensOnIf(ts) && (seq == nil || hasCodeFor(seq, ts[c])) {
		// "if they don't have their phone", "if they can't get the text": the
		// code of that channel cannot reach them, as one that never arrives
		// (with no such code, there is no step it is the failure of: not the
		// liveness check before it; splitting clauses, seq is nil: not known yet)
		return condition{k: condFail, end: c}
	}
	neg := false
	for i, t := range ts {
		if t.w == "no" && !(t.raw == "not" && i+1 < len(ts) && ts[i+1].w == "only") {
			neg = true
		}
	}
	if lex.otherwise[ts[0].raw] && len(seq) > 0 && (seq[len(seq)-1].k == kRecognition || len(seq) > 1 && seq[len(seq)-1].k == kLiveness && seq[len(seq)-2].k == kRecognition) {
		// "recognize returning people, otherwise enroll them", "if (recognized)
		// { liveness() } else { scanPassport(); … }": "else" opening a clause is
		// "otherwise" ("anything else" has a word before it)
		return condition{k: condNewUser, end: 0}
	}
	if lex.condMain[ts[0].raw] && len(ts) > 1 && lex.elseWord[ts[1].raw] && (findKind(seq, kRecognition) >= 0 || has(ts, "recognize")) {
		// "everybody else has to verify their email": the others than the known users just named
		return condition{k: condNewUser, end: 1}
	}
	if lex.condMain[ts[0].raw] || ts[0].raw == "for" && len(ts) > 1 && lex.condMain[ts[1].raw] {
		if len(ts) < 2 || !ts[1].in(hUserWord) || !neg {
			return condition{k: condMain, end: -1}
		}
	}
	recognition := findKind(seq, kRecognition) >= 0 || has(ts, "recognize")
	negs := negations(ts) // "can't get SMS so … face recognition": "recognition" is not under the negation
	imperative := failsThem(ts)
	// ("deny access when the user is under 18": a verb of stopping before
	// the "when" is what to do, not what happened; see the condFail case)
	for i, t := range ts {
		next, prev := "", ""
		if i+1 < len(ts) {
			next = ts[i+1].raw
		}
		if i > 0 {
			prev = ts[i-1].raw
		}
		switch {
		case recognition && hasIf && lex.rosterPrep[t.raw] && onRoster(ts, i) > 0:
			// "if they're on that list": found by the recognition; "if
			// they're not on it", "anyone off the list": not found
			end := onRoster(ts, i)
			if t.raw == "off" || i > 0 && ts[i-1].w == "no" {
				return condition{k: condNewUser, end: end}
			}
			return condition{k: condMain, end: end}
		case recognition && neg && hasIf && foundAs(ts, i) > 0:
			// "anyone who doesn't come back as a known client", "if they don't
			// show up as an existing member": what the recognition found them
			// to be, not a step that failed
			return condition{k: condNewUser, end: foundAs(ts, i)}
		case t.in(hCondFail) && lex.habitLead[prev] && !hasAnyRaw(ts[:i], lex.condIfStrict):
			// "our previous vendor kept failing on glare": what happened, not a condition
		case (t.raw == "backup" || t.raw == "fallback") && lex.determiner[prev] && lex.backupNoun[next] && !(i+2 < len(ts) && ts[i+2].w == "code"):
			// "then email code to their backup address": which address, not a
			// step for when another fails ("the fallback email code", "sms otp,
			// backup email" are one)
		case (t.raw == "backup" || t.raw == "fallback") && hasIf && failsLater(ts, i):
			// "if the email fallback also fails": the fallback is what fails,
			// named; the condition ends at its verb, read next
		case phraseAt(ts, i, lex.failPhrase) && (hasAnyRaw(ts[:i], lex.condIfStrict) || ts[0].raw == "should"):
			// "if the scan times out", "unless the compare comes back as no match"
			end := i + phraseLen(ts, i, lex.failPhrase) - 1
			if recognition && end > i && ts[end].w == "match" && !anyDoc(ts) && !has(ts, "photo") && !has(ts, "selfie") && !comparedSince(seq, kRecognition) {
				// "if there's no match" after a recognition with no comparison
				// since: the face is not among the enrolled, as "if it doesn't match"
				return condition{k: condNewUser, end: end}
			}
			if end+1 < len(ts) && ts[end+1].w == "code" {
				end = failCount(ts, end+1) // "if they put wrong code 3 times": the code is what failed, not a step to add
			} else {
				end = failCount(ts, end) // "if it's wrong twice"
			}
			return condition{k: condFail, end: end}
		case t.in(hImageGone) && hasIf && findKind(seq, kFaceCompare) >= 0:
			// "if the headshot is missing or unusable": the comparison has no image
			return condition{k: condFail, end: i}
		case t.w == "face" && prev == "no" && hasIf && opensOnIf(ts) &&
			next != "match" && next != "compare" && !anyDoc(ts) && !has(ts, "photo"):
			// "if no face is detected (in the liveness check)": a face check's
			// noFace outcome; the step named after the verb is the one that
			// failed (a face missing from the ID's photo is no such outcome,
			// nor is "no face match")
			end, step := noFaceEnd(ts, i, seq)
			return condition{k: condFail, end: end, step: step}
		case t.in(hCondBad) && hasIf && opensOnIf(ts):
			// "if a deepfake is detected": the check before failed; "if it's wrong
			// twice": how often is the condition's, no retry
			return condition{k: condFail, end: failCount(ts, i)}
		case i == imperative && i+2 < len(ts) && (hasAnyRaw(ts[i+2:], lex.condIfStrict) || hasRaw(ts[i+2:], "where")):
			// "fail the check where the user is under 18", "fail them if the
			// names differ": the imperative is what to do when the condition
			// after it holds, not a step that failed; read on
		case recognition && lex.failTo[t.raw] && next == "to" && i+2 < len(ts) && findsUser(ts[i+2]):
			// "anyone we fail to recognise", "if it fails to find them": a user
			// not found (read at the verb, see notFinding), no step that failed
		case t.in(hCondFail) && !(i == 0 && hasIf) || (t.in(hCondStop) || givesUp(ts, i) || t.in(hUndelivered)) && hasIf && hasAnyHot(ts[:i], hCondIf) || (outcomeLemmas[t.w] || t.in(hOutcomeDone) || t.raw == "work" || t.raw == "works" || t.in(hArrive) || phraseAt(ts, i, lex.arrivePhrase) || phraseAt(ts, i, lex.passPhrase)) && neg && hasIf:
			if recognition && (t.w == "match") && !anyDoc(ts) && !has(ts, "photo") && !has(ts, "selfie") {
				return condition{k: condNewUser, end: i}
			}
			end := i
			if phraseAt(ts, i, lex.arrivePhrase) {
				end = i + phraseLen(ts, i, lex.arrivePhrase) - 1 // "if the code never shows up"
			}
			if n := phraseLen(ts, i, lex.passPhrase); n > 0 {
				// "if they don't get through liveness": the check is the
				// object, bare or after its article (stepObject, below)
				end = i + n - 1
				for end+1 < len(ts) && lex.canonKind(ts[end+1]) {
					end++
				}
			}
			if (t.raw == "fall" || t.raw == "falls" || t.raw == "falling") && i+1 < len(ts) && ts[i+1].raw == "back" || givesUp(ts, i) {
				end = i + 1 // "if it falls back", "if they give up"
				if givesUp(ts, i) && end+1 < len(ts) && ts[end+1].raw == "on" {
					end++ // "if they give up on the licence": the step is the object
				}
			}
			if t.raw == "fallback" || t.raw == "backup" {
				end = -1 // "send an SMS code as a fallback": the role of the clause's step
			} else {
				end = failCount(ts, stepObject(ts, end, seq)) // "if they fail it twice"
			}
			return condition{k: condFail, end: end}
		// ("the new-guest branch": the list's plural, in the singular of a compound)
		case recognition && t.in(hCondNew) && !possessiveAt(ts, i+1) && (t.raw != "new" || lex.userWord[next] || lex.userOne[next] || next == "" && prev != "is" && prev != "are" || prev == "anyone" || prev == "someone" || prev == "theyre" || (prev == "is" || prev == "are") && userSubject(ts, i-1) || prev == "re" || prev == "whos" || prev == "who" || prev == "thats" ||
			(prev == "be" || prev == "been") && userSubject(ts, i-1)):
			// ("if they turn out to be new to us": "new" after a form of "be" is
			// said of the user when the user is its subject; not "if the email
			// has been new for under a week", "anyone whose account has been new")
			return condition{k: condNewUser, end: notFoundClause(ts, negs, i)}
		// ("not recognised -> liveness, scan a passport", "Not recognised: …": a
		// label that opens on its negation names the new users too; not the
		// step's own name, "face compare 1:1, NOT 1:N", "not recognition":
		// that rules the step out)
		// (or named as whom a step is for: "only send a code to people we
		// don't recognise", as "for people we don't recognise, send a code")
		case recognition && notFinding(ts, negs, i) && (hasIf || groupOpens(ts) && !docNamedAfter(ts, i) || ts[0].raw == "for" || ts[0].raw == "anyone" || i == 1 && ts[0].raw == "not" && !recognitionNounSet[t.raw] || recipientsBefore(ts, i)) && (findsUser(t) ||
			t.w == "match" && !anyDoc(ts[:i]) && !has(ts[:i], "photo")): // "people we can't match": not among the enrolled
			end := i
			if i+1 < len(ts) && (ts[i+1].raw == "them" || ts[i+1].raw == "it" || ts[i+1].raw == "him" || ts[i+1].raw == "her") {
				end = i + 1
			}
			return condition{k: condNewUser, end: end}
		case recognition && hasIf && notOneOfUs(ts, i):
			// "an ID scan if they're not a member", "if she isn't one of our
			// customers yet": not among the people the recognition finds
			end := i
			if next == "yet" {
				end++
			}
			return condition{k: condNewUser, end: end}
		case recognition && t.raw == "non" && i <= 1 && (lex.userWord[next] || lex.condKnown[next]):
			// "non-members: liveness, then scan their licence", "non-registered
			// users": the group beside the one the recognition finds
			end := i + 1
			if end+1 < len(ts) && ts[end+1].in(hUserWord) {
				end++
			}
			return condition{k: condNewUser, end: end}
		case t.in(hLowWord) && hasIf && (next == "threshold" || i+2 < len(ts) && (ts[i+2].w == "threshold" || ts[i+2].raw == "similarity") || i > 0 && ts[i-1].w == "threshold"):
			// "if the face match is below threshold": the check failed (for a recognition, the user was not found)
			return condition{k: condFail, end: i}
		// ("under 18", "below the age of 21"; "this is a setup that takes under a
		// minute" is no age)
		case (t.raw == "under" || t.raw == "below") && hasIf && i+1 < len(ts) && !ageAfter(ts, i+1):
		case (t.raw == "under" || t.raw == "below" || t.raw == "younger" || t.raw == "young" || t.w == "minor") && (hasIf || i == 0 && t.raw == "under" && ageAfter(ts, i+1) && !ageUnder(ts, i+1)):
			// ("under-12s only": the users the check lets through, no condition)
			// ("Under 18s can't check in alone, tell them to come with an adult":
			// the group opens the sentence as "if" would)
			end := i
			for end+1 < len(ts) && (ts[end+1].isNum || numberWords[ts[end+1].raw] > 0 || ts[end+1].raw == "than" || ts[end+1].w == "year" || ts[end+1].w == "old") {
				end++
			}
			for k := end + 2; k < len(ts) && k <= end+3; k++ {
				if upperEnd(ts, k) {
					end = k // "under 18 or over 65": the range is the condition's
					break
				}
			}
			return condition{k: condAge, end: end}
		case t.in(hCondKnown) && lex.userWord[next] && !neg && i <= 1:
			return condition{k: condMain, end: -1}
		case recognition && hasIf && !neg && i <= 5 && (t.in(hCondKnown) && (next == "" || lex.userWord[next]) || t.raw == "know" && lex.speaker[prev] && (next == "them" || next == "")):
			// "a liveness check if recognised and a passport scan if not": the
			// users the recognition finds go on along the main path
			end := i
			if lex.userWord[next] || next == "them" {
				end++
			}
			return condition{k: condMain, end: end}
		case recognition && !neg && knownGroupVerb(ts, i) && (t.w == "recognize" || t.raw == "know" || t.raw == "found"):
			return condition{k: condMain, end: i} // "guests we recognise just do liveness": the users the recognition finds
		}
	}
	// "faces we know -> liveness. faces we don't -> …": a label on users whose
	// verb is left out after "we don't" is the recognition's other group
	if ok, negated := elidedGroup(ts); recognition && ok {
		if !negated {
			return condition{k: condMain, end: len(ts) - 1} // "… for the ones we do"
		}
		return condition{k: condNewUser, end: len(ts) - 1}
	}
	// "if not" after a recognition: the user was not recognised; after any other step: it failed
	// ("not for codes", "not to collect it" open on their negation: a use
	// ruled out, not a condition)
	if hasIf && neg && len(ts) <= 3 && ts[0].w != "no" {
		if n := len(seq); n > 0 && (seq[n-1].k == kRecognition || seq[n-1].k == kLiveness && n > 1 && seq[n-2].k == kRecognition) {
			return condition{k: condNewUser, end: len(ts) - 1, short: true}
		}
		return condition{k: condFail, end: len(ts) - 1, short: true}
	}
	return condition{end: -1}
}

// onRoster: the preposition at i puts the user on a list of enrolled faces
// ("on that list", "in our self-exclusion register", "on it"): it returns
// where the list's noun (or "it") is, within a few words, or 0.
func onRoster(ts []token, i int) int {
	if i+1 < len(ts) && (ts[i+1].raw == "it" || ts[i+1].raw == "there") && (ts[i].raw != "in" || ts[i+1].raw == "it") {
		return i + 1
	}
	for j := i + 1; j < len(ts) && j <= i+4; j++ {
		if lex.roster[ts[j].raw] {
			return j
		}
		if ts[j].in(hCondIf) || ts[j].raw == "then" {
			return 0
		}
	}
	return 0
}

// foundAs: the verb at i is followed, within a particle or two, by "as" and a
// known user ("come back as a known client", "show up as an existing
// member"); it returns where that user word is, or 0.
func foundAs(ts []token, i int) int {
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		if ts[j].raw != "as" {
			continue
		}
		k := j + 1
		for k < len(ts) && ts[k].in(hDeterminer) {
			k++
		}
		if k+1 < len(ts) && ts[k].in(hCondKnown) && (ts[k+1].in(hUserWord) || lex.userOne[ts[k+1].raw]) {
			return k + 1
		}
		return 0
	}
	return 0
}

// notePath adds the note that put s on a path of its own (a branch or a
// fallback); it goes with s if an exclusion leaves s out (parsed.pathNotes).
func (p *parsed) notePath(s *step, note string) {
	p.notes = append(p.notes, note)
	if p.pathNotes == nil {
		p.pathNotes = map[*step]string{}
	}
	p.pathNotes[s] = note
}

// deepfakeNote says why a liveness check's fallback does not take a caught
// deepfake (step.deepfakeRefused), even where the text sends one there.
const deepfakeNote = "A detected deepfake still ends the session: the fallback is for a user the liveness check could not see, and another check would let a caught attack through."

// fallbackOf is the fallback of s, none when s is nil.
func fallbackOf(s *step) []*step {
	if s == nil {
		return nil
	}
	return s.fallback
}

// comparedSince: a face comparison comes after the last step of kind k in seq,
// so a "match" is the comparison's.
func comparedSince(seq []*step, k kind) bool {
	for i := len(seq) - 1; i >= 0 && seq[i].k != k; i-- {
		if seq[i].k == kFaceCompare {
			return true
		}
	}
	return false
}

// knownGroupVerb: the verb at i ends a group of users the speaker knows,
// opening the clause: "guests we recognise", "members we already know", "for
// the ppl we already recognize" (a leading "for" and a determiner say the
// same group).
func knownGroupVerb(ts []token, i int) bool {
	u := 0
	if u < len(ts) && ts[u].raw == "for" {
		u++
	}
	if u < len(ts) && ts[u].in(hDeterminer) {
		u++
	}
	return u+1 < i && ts[u].in(hUserWord) && ts[u+1].in(hSpeaker) && (i == u+2 || i == u+3 && ts[i-1].raw == "already")
}

// elidedGroup: the clause is a group of users and an auxiliary, negated or
// not, whose verb was left out ("faces we don't", "for the ones we do").
func elidedGroup(ts []token) (ok, negated bool) {
	if len(ts) > 0 && ts[0].raw == "for" {
		ts = ts[1:]
	}
	if len(ts) > 0 && ts[0].in(hDeterminer) {
		ts = ts[1:]
	}
	if len(ts) < 3 || len(ts) > 4 || !ts[0].in(hUserWord) || !ts[1].in(hSpeaker) {
		return false, false
	}
	for _, t := range ts[2:] {
		switch {
		case t.w == "no" || t.in(hNegAux) || t.raw == "havent" || t.raw == "hasnt":
			negated = true
		case t.raw != "do" && t.raw != "have":
			return false, false
		}
	}
	return true, negated
}

// branchOf is the new-user path the scope adds to, or nil.
func (sc *scope) branchOf() []*step {
	if sc.anchor == nil {
		return nil
	}
	return sc.anchor.branch
}

// givesUp: "give up" at i ("if they give up on the scan"), a user who stops
// the step as "cancel" says.
func givesUp(ts []token, i int) bool {
	return ts[i].in(hGiveVerb) && i+1 < len(ts) && ts[i+1].raw == "up"
}

// userStops: the words say the user stopped a step ("if they cancel it", "if
// they give up on the scan").
func userStops(ts []token) bool {
	for i := range ts {
		if ts[i].in(hCondStop) || givesUp(ts, i) {
			return true
		}
	}
	return false
}

// stepObject extends a condition ending at its verb (i) over the object that
// names a step of the flow ("if they cancel the passport scan, offer an ID card
// scan", "if they fail the liveness check"): the step that failed, not one to
// add. The object ends where it would name another step or other documents.
func stepObject(ts []token, i int, seq []*step) int {
	// "if they cancel out of the passport scan", "give up on the scan": the
	// verb's particles come before its object
	verb := i
	for i+2 < len(ts) && lex.verbParticle[ts[i+1].raw] {
		i++
	}
	if i+1 >= len(ts) || !ts[i+1].in(hDeterminer) {
		return verb
	}
	end := verb
	for k := i + 2; k <= min(len(ts), i+5); k++ {
		named := analyze(ts[i+1:k], seq).steps
		if len(named) > 1 {
			break
		}
		if len(named) == 0 {
			continue
		}
		at := findKind(seq, named[0].k)
		if at < 0 || slices.ContainsFunc(named[0].docTypes, func(d string) bool { return !slices.Contains(seq[at].docTypes, d) }) {
			break
		}
		end = k - 1
	}
	return end
}

// findsUser: t is a verb of finding a user among the known ones ("recognise",
// "identify", "found", "know", "enrolled", "seen"); negated, it names the users
// a recognition did not find ("people we haven't seen before").
func findsUser(t token) bool {
	return t.w == "recognize" || t.w == "identify" || t.w == "search" || t.w == "enrolled" || t.raw == "found" || t.raw == "known"
}

// groupOpens: the clause opens on a group of users, bare or after a
// quantifier, plural or singular ("faces we don't know", "any student it
// doesn't know", "every tenant we can't match"), the subject a negated verb
// of finding then speaks of.
func groupOpens(ts []token) bool {
	i := 0
	for i < len(ts)-1 && lex.quantifier[ts[i].raw] {
		i++
	}
	return i < len(ts) && (ts[i].in(hUserWord) || lex.userOne[ts[i].raw])
}

// docNamedAfter: a document or a photo is named right after the verb of finding
// at i ("any face that doesn't match the ID photo", "any user we can't
// identify from their ID"): a check of the document fails, and the group is
// not the users the recognition does not find.
func docNamedAfter(ts []token, i int) bool {
	j := i + 1
	for j < len(ts) && (ts[j].in(hDeterminer) || ts[j].in(hPossessive) || lex.docLead[ts[j].raw]) {
		j++
	}
	end := min(j+2, len(ts))
	return j < end && (anyDoc(ts[j:end]) || has(ts[j:end], "photo"))
}

// notFinding: the verb of finding at i is negated, as any verb is ("we don't
// know them", "never seen"), by a "haven't" before it ("we haven't seen
// them before", "hasn't enrolled yet"), which negates nothing else, or by a
// failure to do it ("anyone we fail to recognise").
func notFinding(ts []token, negs []bool, i int) bool {
	return negs[i] || i > 0 && lex.perfectNeg[ts[i-1].raw] || i > 1 && lex.perfectNeg[ts[i-2].raw] && (ts[i-1].raw == "yet" || ts[i-1].raw == "been" || ts[i-1].raw == "ever") ||
		i > 1 && ts[i-1].raw == "to" && lex.failTo[ts[i-2].raw]
}

// notOneOfUs: the people's noun at i is what the user is said not to be
// ("they're not a member", "she isn't one of our customers"): a form of "be"
// negated, then only determiners or words for enrolled people before it.
func notOneOfUs(ts []token, i int) bool {
	if !ts[i].in(hUserWord) && !lex.userOne[ts[i].raw] { // "not a member"
		return false
	}
	j := i - 1
	for j >= 0 && (ts[j].in(hDeterminer) || ts[j].raw == "among" || ts[j].in(hCondKnown)) {
		j--
	}
	if j < 1 || ts[j].w != "no" {
		return false
	}
	// "arent", "isnt" carry their "be"; "not" needs one before it ("no face
	// is detected", "there are no users matching" say nothing of who they are)
	return ts[j].raw != "no" && (ts[j].raw != "not" && ts[j].raw != "never" || lex.beForm[ts[j-1].raw] || lex.beingBefore[ts[j-1].raw] || ts[j-1].raw == "if")
}

// recipientsBefore: the users the words before i name are whom a step goes to
// ("a code to people we don't …", "a passport scan for guests who aren't …"):
// "to" or "for", a word for users, then at most a few words before i.
//
// The verb of finding must be said of those users: an object of its own after
// it ("explain to users that we don't recognise expired documents") makes it
// say what is not recognised, and the users are only whom a line is for.
func recipientsBefore(ts []token, i int) bool {
	if i+1 < len(ts) && ts[i+1].raw != "" && isAlpha(ts[i+1].raw) && !lex.personPronoun[ts[i+1].raw] && !lex.condIfStrict[ts[i+1].raw] && !lex.recipientEnd[ts[i+1].raw] {
		return false
	}
	for j := i - 1; j >= 1 && j >= i-4; j-- {
		if (ts[j].in(hUserWord) || ts[j].in(hPopulation)) && (ts[j-1].raw == "to" || ts[j-1].raw == "for") {
			return true
		}
	}
	return false
}

// notFoundClause extends a new-user condition ending at i over the people it
// names and a clause that says they are not found ("New users we don't
// recognise scan an ID", "new customers who aren't enrolled"), so that the
// negation stays in the condition and leaves the step after it alone.
func notFoundClause(ts []token, negs []bool, i int) int {
	end := i
	if end+1 < len(ts) && ts[end+1].in(hUserWord) {
		end++
	}
	for j := end + 1; j < len(ts) && j <= end+5; j++ {
		t := ts[j]
		if !notFinding(ts, negs, j) && !t.in(hNegAux) && !lex.perfectNeg[t.raw] && t.raw != "not" && t.raw != "we" && t.raw != "who" && t.raw != "that" && !t.in(hSubjectAux) {
			break
		}
		if notFinding(ts, negs, j) && (findsUser(t) || t.w == "match") {
			if j+1 < len(ts) && (ts[j+1].raw == "them" || ts[j+1].raw == "yet") {
				j++
			}
			return j
		}
	}
	return end
}

// anotherOfKind: s, of the failed step's kind, is another step, not the failed
// one named again: a scan of other documents ("fall back to a passport scan"
// after a licence-only scan), a comparison of other images ("compare the face
// scan against the passport photo" after one against the profile photo).
func anotherOfKind(s, failed *step) bool {
	if s.k != failed.k {
		return false
	}
	switch s.k {
	case kDocument:
		// a scan of documents the failed one accepts names that one
		had := failed.currentDocTypes()
		return len(s.docTypes) > 0 && len(had) > 0 && slices.ContainsFunc(s.docTypes, func(d string) bool { return !slices.Contains(had, d) })
	case kFaceCompare:
		if s.srcA == nil || s.srcB == nil || failed.srcA == nil || failed.srcB == nil {
			return false
		}
		a, b := []string{s.srcA.Source, s.srcB.Source}, []string{failed.srcA.Source, failed.srcB.Source}
		return !sameSet(a, b)
	}
	return false
}

// rescan: s, said under the failure of a document scan, scans documents the
// text names ("if the ID scan times out, have them scan a passport and compare
// it"): a scan the fallback takes, not the failed one named again (the
// condition's own words are not among what it reads), unless the failure
// offers that scan again.
func rescan(s, failed *step) bool {
	return s.k == kDocument && failed.k == kDocument && len(s.docTypes) > 0 && !failed.retry
}

// sourceNamed: s is a capture a comparison among steps reads ("compare the
// face scan against the passport photo"), named as its image rather than asked
// for again.
func sourceNamed(s *step, steps []*step) bool {
	if s.again || s.k != kDocument && s.k != kFaceScan {
		return false
	}
	return slices.ContainsFunc(steps, func(c *step) bool { return c.k == kFaceCompare && readsImageOf(c, s.k) })
}

// fallbackImages: a comparison on a fallback reads an image its own path has
// taken: one the main path takes before the step that failed, or one the
// fallback takes before it. A face scan the main path takes only after that
// step (or the very scan that failed) is not there on the fallback, so the
// fallback takes its own first, and says so.
func fallbackImages(steps []*step) []string {
	var notes []string
	for i, s := range steps {
		if len(s.fallback) == 0 || s.fallback[len(s.fallback)-1].ends {
			continue
		}
		var fb []*step
		for _, f := range s.fallback {
			if f.k == kFaceCompare {
				for _, k := range []kind{kFaceScan, kDocument} {
					if !readsImageOf(f, k) || findKind(steps[:i], k) >= 0 || findKind(fb, k) >= 0 {
						continue
					}
					c := &step{k: k, auto: true}
					if k == kDocument && s.k == kDocument {
						c.docTypes = slices.Clone(s.currentDocTypes())
					}
					fb = append(fb, c)
					notes = append(notes, "The face comparison on the "+s.k.String()+"'s fallback reads "+k.withArticle()+" that path has not taken, so the fallback takes one first.")
				}
			}
			fb = append(fb, f)
		}
		if s.k == kFaceCompare && findKind(fb, kFaceCompare) < 0 {
			// "compare the passport photo to the guest, and if the compare fails let
			// them try with a driving licence instead": the new image is compared
			// again, or the fallback would verify nothing
			if j := slices.IndexFunc(fb, func(f *step) bool { return (f.k == kDocument || f.k == kFaceScan) && readsImageOf(s, f.k) }); j >= 0 {
				a, b := s.srcA, s.srcB
				if s.node != nil {
					a, b = s.node.SourceA, s.node.SourceB
				}
				c := &step{k: kFaceCompare, auto: true, srcA: cloneSource(a), srcB: cloneSource(b), threshold: max(s.threshold, existingThreshold(s))}
				fb = slices.Insert(fb, j+1, c)
				image := "document's photo"
				if fb[j].k == kFaceScan {
					image = "face scan"
				}
				notes = append(notes, "When the face comparison fails, its fallback compares the new "+image+" the same way, so the fallback still verifies the face.")
			}
		}
		s.fallback = fb
	}
	return notes
}

func cloneSource(s *flow.FaceSource) *flow.FaceSource {
	if s == nil {
		return nil
	}
	c := *s
	return &c
}

// sameSet: a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// spares: the clause negates an ending ("don't reject them", "do not end the
// session"): a failure that does not stop the session.
func spares(ts []token) bool {
	negs := negations(ts)
	for i, t := range ts {
		if negs[i] && lex.spare[t.raw] {
			return true
		}
	}
	return false
}

// canFail reports whether a step of kind k has an outcome a fallback can hang
// from (a recognition's is its new-user path; a line that only informs has none).
func canFail(k kind) bool {
	switch k {
	case kGreeting, kClosing, kInform, kRecognition, kNone:
		return false
	}
	return true
}

// lastKindStep is the last step of kind k in seq.
func lastKindStep(seq []*step, k kind) *step {
	for i := len(seq) - 1; i >= 0; i-- {
		if seq[i].k == k {
			return seq[i]
		}
	}
	return nil
}

// joinBefore: a new-user clause placed before a step of every user's path
// ("for people we don't recognise, scan their ID and compare it with their face
// before the sms") sends the path on to that step, as "then an email code for
// everyone" does; without it new users skipped the step.
func (p *parsed) joinBefore(sc *scope, seq, ref []*step, after bool) {
	if sc.k != condNewUser || sc.anchor == nil || after || len(ref) == 0 || len(sc.anchor.branch) == 0 {
		return
	}
	r := slices.Index(seq, sc.anchor)
	if r < 0 || findKind(sc.anchor.branch, ref[0].k) >= 0 {
		return
	}
	j := findKind(seq[r+1:], ref[0].k)
	if j < 0 {
		return
	}
	j += r + 1
	for j < len(seq) && (seq[j].k == kLiveness || seq[j].k.isConversation()) {
		j++ // ("before the liveness": new users had their own, first on their path)
	}
	if j == len(seq) || seq[j].joins {
		return
	}
	m := seq[j]
	m.joins = true
	for k, n := range p.notes {
		p.notes[k] = strings.Replace(n, " on a path of their own, then finishes.", " on a path of their own.", 1)
	}
	p.notes = append(p.notes, "New users go on from their path to the "+m.k.String()+", which the text put their steps before.")
}

// routeScoped puts the steps of a clause said under a condition where the
// condition sends them, and reports what it did in notes. It returns the steps
// that still belong on the main path (an age check, the anchor itself).
func (p *parsed) routeScoped(sc *scope, steps []*step, seq []*step) []*step {
	var main []*step
	switch sc.k {
	case condNewUser:
		if sc.anchor == nil {
			sc.anchor = lastKindStep(seq, kRecognition)
		}
		fresh := 0 // the branch's steps before this clause's
		if sc.anchor != nil {
			fresh = len(sc.anchor.branch)
		}
		// "new users get an ID scan and then a selfie compared to it … unknown ->
		// ID + selfie compare": a clause whose every step the path already has
		// sums the path up, and names no second one of any
		// ("Unknown users: ID scan again with a second selfie compare" asks
		// for more, and is no recap)
		recap := sc.anchor != nil && fresh > 0 && !sc.again && !slices.ContainsFunc(steps, func(s *step) bool {
			return s.k != kRecognition && s.k != kLiveness && s.k != kGreeting && s.k != kClosing && (s.again || findKind(sc.anchor.branch, s.k) < 0)
		})
		for _, s := range steps {
			// the new-user path opens with a liveness check of its own (layout), so
			// one named first there is that check: "new users: liveness and a passport scan"
			if s.k == kRecognition || s.k == kLiveness && sc.anchor != nil && (len(steps) == 1 || len(sc.anchor.branch) == 0) {
				if sc.anchor == nil && s.k == kRecognition {
					sc.anchor = s
					main = append(main, s)
				}
				if s.k == kLiveness && len(sc.anchor.branch) > 0 {
					// "new users: passport scan, …, then a liveness check": said, not dropped
					p.notes = append(p.notes, "New users' liveness check runs first on their path, straight after the recognition, as FaceSign recommends, not after the "+sc.anchor.branch[len(sc.anchor.branch)-1].k.String()+".")
				}
				continue // the recognition itself, or the liveness every path has
			}
			if s.k == kGreeting || s.k == kClosing {
				continue
			}
			if sc.anchor == nil {
				main = append(main, s)
				continue
			}
			sc.used = true
			if i := findKind(sc.anchor.branch[fresh:], s.k); i >= 0 && s.k != kAsk && s.k != kInform {
				mergeStep(sc.anchor.branch[fresh+i], s) // "collect their email and verify it with a code": one code, named twice
				continue
			}
			if i := findKind(sc.anchor.branch, s.k); i >= 0 && (s.k == kDocument || recap) && !s.again {
				// "else { scanPassport(); selfie(); compare(selfie, passportPhoto) }":
				// a document named again on the path is the one scanned there
				// (the photo a comparison reads), as merge reads the main path
				mergeStep(sc.anchor.branch[i], s)
				continue
			}
			sc.anchor.branch = append(sc.anchor.branch, s)
			end := ", then finishes."
			if j := slices.IndexFunc(seq, func(m *step) bool { return m.joins }); j >= 0 {
				end = ", then goes on to the " + seq[j].k.String() + "." // (an edit of a path that rejoins)
			}
			p.notePath(s, "A user the recognition does not find goes through "+s.k.withArticle()+" on a path of their own"+end)
		}
	case condFail:
		if sc.anchor == nil {
			// the step that failed: the last one before that can fail
			for i := len(seq) - 1; i >= 0; i-- {
				if canFail(seq[i].k) || seq[i].k == kRecognition {
					sc.anchor = seq[i]
					break
				}
			}
		}
		if sc.anchor != nil && sc.anchor.k == kRecognition {
			// a recognition that "doesn't work" has not found the user: the new-user path
			sc.k = condNewUser
			return p.routeScoped(sc, steps, seq)
		}
		if sc.anchor != nil && !canFail(sc.anchor.k) {
			sc.anchor = nil
		}
		for _, s := range steps {
			if ai := slices.Index(seq, sc.anchor); s.resume && sc.anchor != nil && ai >= 0 && findKind(seq[ai+1:], s.k) >= 0 {
				// "fall back to an email code and then carry on to liveness": the
				// main path's liveness check, where the fallback rejoins it
				continue
			}
			if fb := fallbackOf(sc.anchor); (s.k == kEmailOTP || s.k == kOTP) && len(fb) > 0 && fb[len(fb)-1].channel {
				// "if the sms fails, have them enter their email first, then the
				// email code", "… ask for their email and send a code to it": the
				// fallback has a code of its own, so the email before it is the
				// address typed in for it, and the code goes there
				fb[len(fb)-1].k, fb[len(fb)-1].channel = kEnterEmail, false
				s.k = kEmailOTP
			} else if sc.anchor != nil && findKind([]*step{sc.anchor}, s.k) >= 0 && !(s.again && !sc.anchor.retry && s.k == sc.anchor.k) && !anotherOfKind(s, sc.anchor) && !rescan(s, sc.anchor) {
				continue // the step that fails, named again
			}
			if i := findKind(seq, s.k); i >= 0 && sc.anchor == nil {
				sc.anchor = seq[i]
				continue
			}
			if s.k == kInform && s.phrase != "" && sc.retryNow && sc.anchor != nil && sc.anchor.retry && sc.anchor.retryLine == "" && len(sc.anchor.fallback) == 0 && s.speech == saysLine {
				// "If liveness fails, say 'Let's try once more' and retry it": the
				// line is said as the retry is offered, on the first failure
				sc.anchor.retryLine = strings.Trim(s.phrase, "\"")
				p.notes = append(p.notes, "When the "+sc.anchor.k.String()+" fails, the avatar says what the text asks (\""+sc.anchor.retryLine+"\") as it offers one more try.")
				continue
			}
			if fb := sc.anchor.fallbackLine(); s.k == kInform && s.phrase != "" && sc.anchor != nil && sc.named && (len(sc.anchor.fallback) == 0 || fb != nil) {
				// "if the SMS code fails, the avatar tells them to call the helpline":
				// what that failure says, in the text's words, before the session ends
				// (in place of the line it said before: a change's new words)
				s.ends = true
				if fb != nil && fb.node == nil && fb.handsOver() && sc.used {
					// "if the SMS code fails, hand over to a human and say
					// 'Connecting you now'": the line said with the handover this
					// condition asked for is the handover's, not in its place
					s.hands, s.last = true, true
				}
				sc.anchor.fallback = append(slices.DeleteFunc(sc.anchor.fallback, func(f *step) bool { return f == fb }), s)
				sc.used = true
				then := " and the session ends."
				if s.hands {
					then = ", hands the user to a member of the team, and the session ends."
				}
				again := ""
				if sc.anchor.bounded() {
					again = " a second time" // (the first failure offers the retry)
				}
				p.notes = append(p.notes, "When the "+sc.anchor.k.String()+" "+sc.anchor.failure()+again+", the avatar says what the text asks (\""+strings.Trim(s.phrase, "\"")+"\")"+then)
				continue
			}
			if s.k == kInform && s.phrase != "" {
				// "if anything fails, tell them to call support", or a step whose
				// failure goes to a fallback already: the line is what the failure
				// message says, never a step on the success path
				p.failLine = s
				p.notes = append(p.notes, "When a check fails, the failure message says what the text asks (\""+strings.Trim(s.phrase, "\"")+"\") and the session ends.")
				continue
			}
			if s.k == kAsk && s.again && sc.anchor != nil && sc.anchor.k == kAsk {
				// "ask for their date of birth; if they get it wrong, ask again":
				// a second asking of the question is not laid out, and that is
				// said, never read as a line of the failure message
				q := "the question"
				if ph := strings.TrimSpace(sc.anchor.phrase); ph != "" {
					q += " (" + trimDot(ph) + ")"
				}
				p.notes = append(p.notes, "The text asks for "+q+" to be asked again after a wrong answer; the builder asks a question once, so a wrong or missing answer ends the session with the failure message. Add a second question after it if the user should get another try.")
				continue
			}
			if s.k.isConversation() || sc.anchor == nil {
				p.notes = append(p.notes, "What to say when a check fails is the failure message; \""+s.k.String()+"\" was read as part of it.")
				continue
			}
			if sourceNamed(s, steps) {
				if i := findKind(sc.anchor.fallback, s.k); i >= 0 {
					// "have them scan their passport and compare the face scan against
					// the passport photo": the fallback's own scan, named again as the
					// image the comparison reads
					mergeStep(sc.anchor.fallback[i], s)
					continue
				}
				before := seq // what the path took before the step that failed
				if i := slices.Index(seq, sc.anchor); i >= 0 {
					before = seq[:i]
				}
				if i := findKind(before, s.k); i >= 0 && !anotherOfKind(s, before[i]) {
					continue // "… against the face scan": the main path's, already taken
				}
			}
			if s.k == kEnterEmail && findKind([]*step{sc.anchor}, kOTP) >= 0 && !slices.ContainsFunc(steps, func(o *step) bool { return o.k == kEmailOTP || o.k == kOTP }) && findKind(sc.anchor.fallback, kEmailOTP) < 0 {
				// (not when the fallback has an email code already: "in the
				// fallback, have them enter their email first" is its address)
				s.k, s.channel = kEmailOTP, true // "if the SMS fails, fall back to email": the code's other channel
			}
			sc.anchor.fallback = append(sc.anchor.fallback, s)
			sc.used = true
			then := ", then continues."
			if sc.anchor.deepfakeOnly() {
				then = ", then the session ends unverified: a caught attack never goes on to \"you're verified\"."
			}
			if s.k == kDocument && (anotherOfKind(s, sc.anchor) || rescan(s, sc.anchor)) {
				p.notePath(s, "When the "+sc.anchor.k.String()+" "+sc.anchor.failure()+", the user gets a second "+s.k.String()+" that accepts "+docTypesText(s.docTypes)+then)
			} else if s.k == sc.anchor.k {
				p.notePath(s, "When the "+sc.anchor.k.String()+" "+sc.anchor.failure()+", the user gets a second "+s.k.String()+then)
			} else {
				p.notePath(s, "When the "+sc.anchor.k.String()+" "+sc.anchor.failure()+", the user gets "+s.k.withArticle()+" instead"+then)
			}
			if sc.anchor.deepfakeRefused() && !slices.Contains(p.notes, deepfakeNote) {
				p.notes = append(p.notes, deepfakeNote)
			}
		}
	case condAge:
		check := lastKindStep(steps, kAgeCheck)
		if check == nil {
			check = lastKindStep(seq, kAgeCheck)
		}
		for _, s := range steps {
			switch {
			case s.k == kAgeCheck || !s.k.isConversation() && s.k != kClosing:
				main = append(main, s)
			case s.k == kInform && s.phrase != "" && check != nil && len(check.fallback) == 0:
				// "if they're under 18, tell them to ask a parent to get in touch":
				// what that user hears, in the text's words, before the session ends
				s.ends = true
				check.fallback = append(check.fallback, s)
				p.notes = append(p.notes, "A user under the age limit hears what the text asks (\""+s.phrase+"\") and the session ends.")
			default:
				p.notes = append(p.notes, "A user under the age limit hears the failure message and the session ends.")
			}
		}
	}
	return main
}

// ageAfter: the words at j name an age: a number ("18", "eighteen"), "age"
// ("under age", "below the age of 21") or "legal".
func ageAfter(ts []token, j int) bool {
	if j < len(ts) && ts[j].raw == "the" {
		j++
	}
	if j+1 < len(ts) && (ts[j].isNum || numberWords[ts[j].raw] > 0) {
		if u := ts[j+1]; u.w == "minute" || u.w == "second" || u.w == "hour" {
			return false // "under two minutes": a time, not an age
		}
	}
	return j < len(ts) && (ts[j].isNum || numberWords[ts[j].raw] > 0 || ts[j].w == "age" || ts[j].raw == "legal")
}

// userSubject: the subject of the verb at b is the user ("they turn out to
// be", "users who have been"), not a thing ("the email has been", "whose
// account has been"): the nearest person or thing before it, a few words back.
func userSubject(ts []token, b int) bool {
	for j := b - 1; j >= 0 && j >= b-5; j-- {
		r := ts[j].raw
		switch {
		case lex.determiner[r] || r == "whose" || r == "it" || r == "its":
			return false
		case lex.subjectPronoun[r] || lex.userWord[r] || lex.userWord[ts[j].w] || lex.addressee[r] || r == "who" || r == "whos" || r == "anyone" || r == "someone":
			return true
		}
	}
	return false
}

// possessiveAt: the word at i is a possessive ("the new user's face"): the phrase
// names whose thing it is, not whom the clause is for, so it scopes nothing.
func possessiveAt(ts []token, i int) bool {
	if i >= len(ts) {
		return false
	}
	o := ts[i].orig
	return strings.HasSuffix(o, "'s") || strings.HasSuffix(o, "’s") || strings.HasSuffix(o, "s'") || strings.HasSuffix(o, "s’")
}

// opensOnIf: one of the clause's first three words is a conditional
// conjunction ("if a deepfake is detected", "when no face is found"), not a
// "for" or "anyone" of a group.
func opensOnIf(ts []token) bool {
	return hasAnyRaw(ts[:min(3, len(ts))], lex.condOpen)
}

// noFaceEnd: the last word of a "no face" condition at i: its verb ("is
// detected", "was found") and the step it was looked for in ("in the liveness
// check", "during the selfie"), when they follow.
// The second result is where the step's words start, 0 when none follow.
func noFaceEnd(ts []token, i int, seq []*step) (int, int) {
	end := i
	for end+1 < len(ts) && (lex.beForm[ts[end+1].raw] || lex.seen[ts[end+1].raw]) {
		end++
	}
	if j := end + 1; j < len(ts) && lex.duringPrep[ts[j].raw] {
		k := j + 1
		if k < len(ts) && ts[k].in(hDeterminer) {
			k++
		}
		for n := min(len(ts), k+2); n > k; n-- {
			if len(analyze(ts[k:n], seq).steps) > 0 {
				return n - 1, k
			}
		}
	}
	return end, 0
}

// repeatTime: the words at j name a later try by its place ("a second time",
// "for the second time", "on the next attempt"); the index of its noun, or 0.
func repeatTime(ts []token, j int) int {
	if j < len(ts) && lex.repeatPrep[ts[j].raw] {
		j++
	}
	if j < len(ts) && (ts[j].raw == "a" || ts[j].raw == "the" || ts[j].raw == "their" || ts[j].raw == "its") {
		j++
	}
	if j+1 < len(ts) && lex.repeatOrdinal[ts[j].raw] && ts[j+1].in(hTryNoun) {
		return j + 1
	}
	return 0
}

// failCount extends a failure condition that ends at i over how it failed and
// how often ("if incorrect otp entered twice", "if wrong code 3 times"): the
// count belongs to the condition (the code's attempts), not to a retry its
// clause asks for.
func failCount(ts []token, i int) int {
	j := i + 1
	for j < len(ts) && (lex.typedIn[ts[j].raw] || ts[j].raw == "it" || ts[j].raw == "in") {
		j++
	}
	switch {
	case j < len(ts) && (ts[j].in(hFailTimes) || ts[j].raw == "again"):
		// ("if it fails again": the second failure, said of the condition,
		// not a retry to offer)
		return j
	case repeatTime(ts, j) > 0:
		// "if it fails a second time", "fails for the second time", "fails on
		// the next try": which failure, said of the condition
		return repeatTime(ts, j)
	case j+1 < len(ts) && (ts[j].isNum || numberWords[ts[j].raw] > 0) && ts[j+1].w == "attempt":
		return j + 1
	}
	return i
}
