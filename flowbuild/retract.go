package flowbuild

import (
	"slices"
	"strings"
)

// Corrections inside a description. Writers correct themselves as they type
// ("max 5 tries — no, 4", "an email code, actually make that SMS", "run
// recognition first… actually no, drop that", "~~email~~ SMS"): what counts is
// the intent after every correction. A correction marker (lex.correction,
// lex.retract, lex.rethink, a bare "no") takes back the nearest thing of the
// kind that follows it: a value when a value follows, a step when a step or a
// "that" follows, the whole list when the list is said again. The passes here
// rewrite the tokens or the clauses before the steps are read, so that the rest
// of the parser sees only the final intent.

// correctionAt returns the length of a correction marker at ts[i] ("actually",
// "sorry", "no wait", "on second thought"), or 0. A bare "no" is a marker only
// before a pause or another marker ("— no, 4"), or as a clause of its own ("a
// document scan — no, hmm, …"), not as a determiner ("no SMS").
func correctionAt(ts []token, i int) int {
	if n := phraseLen(ts, i, lex.rethink); n > 0 {
		return n
	}
	t := ts[i]
	if t.in(hCorrection) || t.in(hRetract) {
		return 1
	}
	if t.raw == "no" && (i+1 == len(ts) && hesitant(ts[:i]) || i+1 < len(ts) && (ts[i+1].raw == "" || ts[i+1].in(hCorrection) || ts[i+1].in(hRetract))) {
		return 1
	}
	return 0
}

// hesitant: the words are only sounds of hesitation ("hmm", "uh", "ok"), or
// none: a "no" after them that ends its clause is a marker ("hmm no, …").
func hesitant(ts []token) bool {
	for _, t := range ts {
		if !lex.hesitation[t.raw] {
			return false
		}
	}
	return true
}

// correctedValueAt returns the index of the number a correction at i puts in place
// ("no, 4", "hmm, let's say 0.9", "wait, it's 60+"): only fillers and
// punctuation may come between; -1 if none.
func correctedValueAt(ts []token, i int) int {
	for j := i; j < len(ts) && j < i+6; j++ {
		switch {
		case ts[j].isNum:
			return j
		case ts[j].raw == "" && ts[j].w != "." || lex.valueFiller[ts[j].raw]:
		default:
			return -1
		}
	}
	return -1
}

// sameShape: two numbers a correction may trade for one another: both
// fractions below one (a threshold) or both whole numbers (a count, an age).
func sameShape(a, b token) bool { return (a.num < 1) == (b.num < 1) && a.cur == b.cur }

// retractValues applies the corrections of a value: "max 5 tries on the email
// code — no, 4" and "similarity threshold 0.85 — hmm, let's say 0.9" put the
// value after the marker in place of the number just before it; "they must be
// 18+, then liveness. sorry, 21+ not 18+" puts the first value in place of
// every earlier mention of the one it negates. The correction's own words are
// dropped, and a note says what was read.
func retractValues(ts []token) ([]token, []string) {
	ts, notes := dropJudgedLengths(ts)
	for i := 0; i < len(ts); i++ {
		n := correctionAt(ts, i)
		if n == 0 && ts[i].in(hCorrectVerb) && i+1 < len(ts) && pointerSet[ts[i+1].raw] {
			n = 2 // "5 tries, make it 4": a value said again
		}
		judgedUse := false
		if n == 0 && lex.lengthUse[ts[i].raw] && judgedLengthBefore(ts, i) {
			n, judgedUse = 1, true // "4 digits is not enough, use 8": the judged length taken back
		}
		if n == 0 {
			continue
		}
		v := correctedValueAt(ts, i+n)
		if v < 0 || !judgedUse && !explicitCorrection(ts[i:v]) || scopedValue(ts, v+1) {
			continue
		}
		end := v + 1
		// "21+ not 18+", "21, not 18": the value it replaces, named
		old := -1
		k := end
		if k < len(ts) && ts[k].raw == "" && ts[k].w == "," {
			k++
		}
		if k+1 < len(ts) && (ts[k].raw == "not" || ts[k].raw == "instead") && ts[k+1].isNum && sameShape(ts[k+1], ts[v]) {
			old, end = k+1, k+2
		}
		replaced, was := false, ""
		if old >= 0 {
			// the one mention of the value named; with two ("max 5 tries and
			// a 5 minute expiry. Sorry, 4 not 5") which one is meant is not
			// said, and neither changes
			var at []int
			for j := 0; j < i; j++ {
				if ts[j].isNum && ts[j].num == ts[old].num && sameShape(ts[j], ts[v]) {
					at = append(at, j)
				}
			}
			if len(at) == 1 {
				j := at[0]
				was, ts[j] = ts[j].orig, numberLike(ts[v], ts[j])
				replaced = true
			}
		} else {
			// the number just before the marker, within the same few words
			for j := i - 1; j >= 0 && j >= i-10; j-- {
				if ts[j].isNum {
					if sameShape(ts[j], ts[v]) && (sameUnit(ts, j, v) || judgedUse && !lex.unit[ts[v+1].w]) {
						was, ts[j] = ts[j].orig, numberLike(ts[v], ts[j])
						replaced = true
						if k := lengthJudged(ts, j); judgedUse && k > 0 && k < i {
							// "5 digits would be too short for it, use 7": only
							// the judging words go; "for it" still names the code
							b, e := k, k
							for b > j+1 && (lex.beForm[ts[b-1].raw] || lex.lengthSubject[ts[b-1].raw] && !ts[b-1].isNum && ts[b-1].w != "digit") {
								b--
							}
							for e < i && (lex.beForm[ts[e].raw] || lex.lengthDegree[ts[e].raw] || lex.lengthToo[ts[e].raw] || lex.lengthJudged[ts[e].raw] || lex.lengthRejected[ts[e].raw] || ts[e].raw == "not" || ts[e].in(hNegAux)) {
								e++
							}
							ts = append(ts[:b], ts[e:]...)
							v, end, i = v-(e-b), end-(e-b), i-(e-b)
						} else if k > 0 && k < i {
							// "5 digits is not ok for us, make it 8": the
							// judgement was of the length taken back, not
							// of the one put in its place
							ts = append(ts[:k], ts[i:]...)
							v, end, i = v-(i-k), end-(i-k), k
						}
					}
					break
				}
			}
		}
		if !replaced {
			continue
		}
		notes = append(notes, "Read \""+clauseText(ts[i:end])+"\" as a correction of "+was+", so the flow uses "+ts[v].orig+".")
		ts = append(ts[:i], ts[end:]...)
		i--
	}
	return ts, notes
}

// dropJudgedLengths: a code length the text judges too weak ("4 digits is too
// weak", "a 4-digit code, which is not enough") is never the one set: an
// earlier mention asking for that length ("an SMS OTP with a 4-digit code.
// 4 digits is too weak") is taken back, and a note says the code keeps its
// default length. A length put in its place ("…, use 6") is read after
// (retractValues).
func dropJudgedLengths(ts []token) ([]token, []string) {
	var notes []string
	for i := 0; i+1 < len(ts); i++ {
		if !ts[i].isNum || ts[i+1].w != "digit" {
			continue // cheap: only a number of digits is judged
		}
		k := lengthJudged(ts, i)
		if k <= i {
			continue
		}
		if j, u := replacedEarlier(ts, i, k); u > 0 {
			// "an email code with 5 digits; 5 digits is too short, use 8":
			// the 8 goes where the 5 was asked, on that code, and the
			// judgement with its correction is said
			notes = append(notes, "Read \"use "+ts[u+1].orig+"\" as a correction of "+ts[i].orig+", so the flow uses "+ts[u+1].orig+".")
			ts[j] = numberLike(ts[u+1], ts[j])
			e := u + 2
			for e < len(ts) && (ts[e].w == "digit" || ts[e].raw == "-") {
				e++
			}
			ts = append(ts[:i], ts[e:]...)
			i--
			continue
		}
		dropped := false
		for j := i - 1; j >= 0; j-- {
			if ts[j].isNum && ts[j].num == ts[i].num && j+1 < i && ts[j+1].w == "digit" && lengthJudged(ts, j) < 0 &&
				!(j > 0 && lex.lengthPart[ts[j-1].raw]) && !(j+2 < len(ts) && ts[j+2].raw == "of") {
				// (never "the last 4 digits of their card": another number's digits)
				ts = append(ts[:j], ts[j+2:]...)
				i, k, dropped = i-2, k-2, true
			}
		}
		if dropped || !slices.ContainsFunc(ts[i:k], func(t token) bool { return t.raw == "which" }) {
			continue // (a judgement of its own is noted where it stays unplaced)
		}
		// "an SMS OTP with a 4-digit code, which is too weak": the length
		// asked for and judged in one breath is not set
		e := k + 1
		for e < len(ts) && ts[e].raw != "" {
			e++
		}
		notes = append(notes, "Read \""+clauseText(ts[i:e])+"\" as a code length judged too weak, so the code is not set to "+ts[i].orig+" digits and keeps FaceSign's default length; say which length to use (4 to 8 digits) if it should be another.")
		ts = append(ts[:i], ts[i+2:]...)
		i--
	}
	return ts, notes
}

// replacedEarlier: the length judged at i (its judgement ends at k) was asked
// earlier in the text (j, "a code with 5 digits") and a length is put in its
// place right after the judgement, ending its clause ("…, use 8."; u is the
// verb); 0, 0 otherwise.
func replacedEarlier(ts []token, i, k int) (int, int) {
	u := k
	for u < len(ts) && u <= k+6 && !lex.lengthUse[ts[u].raw] {
		u++
	}
	if u >= len(ts) || u > k+6 || !judgedLengthBefore(ts, u) {
		return 0, 0
	}
	e := u + 2
	for e < len(ts) && (ts[e].w == "digit" || ts[e].raw == "-") {
		e++
	}
	if e < len(ts) && ts[e].raw != "" {
		return 0, 0 // "…, use 8 for the email code": read after (retractValues)
	}
	for j := i - 1; j >= 0; j-- {
		if ts[j].isNum && ts[j].num == ts[i].num && j+1 < i && ts[j+1].w == "digit" && lengthJudged(ts, j) < 0 &&
			!(j > 0 && lex.lengthPart[ts[j-1].raw]) && !(j+2 < len(ts) && ts[j+2].raw == "of") {
			return j, u
		}
	}
	return 0, 0
}

// judgedLengthBefore: the number nearest before i, within ten words, is a
// code length judged too weak between it and i ("4 digits is too weak, use
// 6"; lengthJudged).
//
// Only a length can be put in place of a length: the judged number counts
// digits, the new one is a code length (4 to 8) and nothing but "digits" or
// the code it is for follows it ("we want 2 retries at most", "require 21+
// users", "use 2 codes", "use 8 and 5" name another setting or step).
func judgedLengthBefore(ts []token, i int) bool {
	v := i + 1
	if v >= len(ts) || !ts[v].isNum {
		return false // cheap: the verb must be right before a number
	}
	if ts[v].num < 4 || ts[v].num > 8 || ts[v].num != float64(int(ts[v].num)) || ts[v].plus || ts[v].cur != "" {
		return false
	}
	e := v + 1
	for e < len(ts) && (ts[e].w == "digit" || ts[e].raw == "-") {
		e++
	}
	if e < len(ts) && ts[e].raw != "" && !lex.lengthTail[ts[e].raw] {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-10; j-- {
		if ts[j].isNum {
			d := j + 1
			if d < len(ts) && ts[d].raw == "-" {
				d++
			}
			if d >= len(ts) || ts[d].w != "digit" {
				return false
			}
			if ts[j].num == ts[v].num {
				return false // "4 digits is too weak? No, use 4": the length kept, no correction
			}
			k := lengthJudged(ts, j)
			return k > j && k < i
		}
	}
	return false
}

// explicitCorrection: the words from a marker to the value it puts in place
// take back what was said ("no, 4", "actually 21", "sorry, I meant 21", "make
// it 4", "or rather 0.9"), not only pause: a "wait" alone is a verb or a pause
// ("locked-out users wait 24 hours", "can wait 2 minutes", "Wait, 2 things").
func explicitCorrection(ts []token) bool {
	if len(ts) > 1 && phraseLen(ts, 0, lex.rethink) > 1 {
		return true
	}
	for _, t := range ts {
		if t.raw == "no" || t.raw != "wait" && (t.in(hCorrection) || t.in(hRetract) || t.in(hCorrectVerb)) {
			return true
		}
	}
	return false
}

// scopedValue: words after the corrected value, before the clause ends, scope
// it ("no, 0.85 for high-value accounts", "actually, 21 in Texas", "or rather
// 21+ in the US"): a value for some users is no correction of the value for
// all, so the earlier value stays.
func scopedValue(ts []token, from int) bool {
	for j := from; j < len(ts) && j < from+10; j++ {
		if ts[j].raw == "" && ts[j].w != "+" && ts[j].w != "%" {
			return false
		}
		if lex.valueScope[ts[j].raw] {
			return true
		}
	}
	return false
}

// sameUnit: the words right after the two numbers, where both have one, are
// the same unit ("5 tries" and "4 tries"; not "3 attempts" and "8 digits").
func sameUnit(ts []token, a, b int) bool {
	if a+1 >= len(ts) || b+1 >= len(ts) || ts[a+1].raw == "" || ts[b+1].raw == "" {
		return true
	}
	return ts[a+1].w == ts[b+1].w
}

// numberLike is the corrected value v written where old stood: "65 or older"
// corrected to "60" stays "or older".
func numberLike(v, old token) token {
	v.plus = v.plus || old.plus
	return v
}

// dropStruck removes the words struck through in Markdown ("ID scan, liveness,
// ~~email code~~ SMS code"): struck words that name a step or a value are taken
// back as plainly as "scratch that" takes them back. Struck words that name
// neither ("passwords like ~~hunter2~~ are not enough": an example hidden) are
// kept, without the marks. An unpaired "~~" stays as it is. n is how many
// struck parts were taken back.
func dropStruck(text string) (out string, n int) {
	var b strings.Builder
	for {
		before, part, after, ok := cutStruck(text)
		if !ok {
			break
		}
		b.WriteString(before)
		if namesStepOrValue(part) {
			n++
		} else {
			b.WriteString(part)
		}
		text = after
	}
	if b.Len() == 0 && n == 0 {
		return text, 0
	}
	b.WriteString(text)
	return b.String(), n
}

// cutStruck cuts s around its first part struck through ("~~…~~"); ok is
// false when s has no pair of marks.
func cutStruck(s string) (before, part, after string, ok bool) {
	i := strings.Index(s, "~~")
	if i < 0 {
		return "", "", s, false
	}
	j := strings.Index(s[i+2:], "~~")
	if j < 0 {
		return "", "", s, false
	}
	return s[:i], s[i+2 : i+2+j], s[i+2+j+2:], true
}

// namesStepOrValue: the words (struck through) name a step or hold a number.
func namesStepOrValue(part string) bool {
	ts := tokenizeExact(part)
	for _, t := range ts {
		if t.isNum {
			return true
		}
	}
	return len(analyze(ts, nil).steps) > 0
}

// leadCorrection returns where the words after a correction marker opening the
// clause begin ("hmm actually yes, …", "wait no", "no scratch that", "on second
// thought don't use email"), fillers included, or -1 when the clause opens on
// no marker; strong says the marker takes back ("no", "sorry", "scratch",
// "on second thought") rather than only pausing ("wait", "actually").
func leadCorrection(ts []token) (at int, strong bool) {
	at = -1
	for i := 0; i < len(ts) && i < 4; i++ {
		if n := correctionAt(ts, i); n > 0 {
			strong = strong || ts[i].raw == "no" || ts[i].in(hRetract) || n > 1 && ts[i].raw != "no" || i+1 < len(ts) && ts[i+1].raw == "no"
			at = i + n
			i += n - 1
			continue
		}
		if at < 0 && !lex.valueFiller[ts[i].raw] || at >= 0 && !(lex.valueFiller[ts[i].raw] || ts[i].raw == "yes") {
			break
		}
		if at >= 0 && ts[i].raw == "no" && i+1 < len(ts) && ts[i+1].raw != "" && correctionAt(ts, i+1) == 0 && !lex.valueFiller[ts[i+1].raw] && !markerVerbWords[ts[i+1].raw] {
			break // "actually no SMS at all", "I mean no SMS": a "no" before a word rules it out ("actually no use SMS": not before a verb)
		}
		if at >= 0 {
			strong = strong || ts[i].raw == "no"
			at = i + 1
		}
	}
	return at, strong
}

// retractsThat: the words take back what was just said and name nothing else
// ("drop that", "scratch that", "forget it", "never mind that").
func retractsThat(ts []token) bool {
	if len(ts) == 0 || len(ts) > 3 {
		return false
	}
	v := ts[0]
	if !(lex.removeVerb[v.raw] || lex.takeBack[v.raw] || v.raw == "skip") {
		return false
	}
	return len(ts) == 1 || lex.touchedRef[ts[1].raw]
}

// stepsOf is what a clause names: its steps and what it rules out.
func stepsOf(c clause) (kindSet, kindSet) {
	a := analyze(c.toks, nil)
	var ks kindSet
	for _, s := range a.steps {
		ks.add(s.k)
	}
	return ks, a.neg
}

// retractClauses applies the corrections that take back a whole clause:
//   - "…, then a liveness check. hmm, actually no, drop that": a marker, then
//     "that" taken back, drops the last clause that named a step;
//   - "no code needed — hmm actually yes, send a code to that email", "I was
//     going to say no SMS… actually no, … so SMS is fine": a marker after a
//     clause that ruled a step out, with that step named again, drops the
//     ruling out;
//   - "scan their passport on that path — wait no, any ID document is fine
//     there": a taking-back marker puts the next clause that names a step in
//     the place (and under the condition) of the last one that named a step;
//   - "liveness, selfie compare. wait, … — so passport or DL scan, selfie,
//     compare, then liveness": a list said again after a marker, opened by
//     "so", replaces every step named before the marker.
func retractClauses(clauses []clause) ([]clause, []string) {
	var notes []string
	drop := make([]bool, len(clauses))
	lastStep := func(before int) int {
		for j := before - 1; j >= 0; j-- {
			if drop[j] || clauses[j].title {
				continue
			}
			if ks, neg := stepsOf(clauses[j]); ks != 0 || neg != 0 {
				return j
			}
		}
		return -1
	}
	for m := 0; m < len(clauses); m++ {
		c := clauses[m]
		if notOnly(c.toks) && m > 0 && widens(clauses, m) {
			// "any ID document is fine there, not just passports": the words
			// widen the clause before them; they neither add a scan nor narrow
			// it to the type they name
			drop[m] = true
			notes = append(notes, "Read \""+clauseText(c.toks)+"\" as widening what the text said before it, not as a step of its own.")
			continue
		}
		if t := removalOfNamed(clauses, m); t != nil {
			notes = append(notes, "Read \""+clauseText(c.toks)+"\" as taking the steps it names back out of the flow.")
			clauses[m].toks = t
			continue
		}
		if len(c.toks) > 0 && hesitant(c.toks) && (m == 0 || clauses[m-1].sent != c.sent) && (m+1 == len(clauses) || clauses[m+1].sent != c.sent) &&
			!(m+1 < len(clauses) && (clauses[m+1].then || hasAnyRaw(clauses[m+1].toks, lex.condMain))) {
			// "for anyone we don't recognise... hmm... send them through a
			// passport scan instead": a sentence of hesitation alone says
			// nothing, and what it interrupts goes on after it (not when what
			// follows opens anew: "for new users... hmm... then an sms code
			// for everyone" leaves the condition behind)
			drop[m] = true
			continue
		}
		if k, fwd := putOff(clauses, m, drop); k >= 0 {
			// "a face compare would be nice too... not in this version tho",
			// "we might add recognition later": a step put off to a later
			// version is no step of this flow
			was := clauseText(clauses[k].toks)
			switch {
			case fwd:
				drop[m], drop[k] = true, true
				notes = append(notes, "Read \""+was+"\" as put off to a later version, so the flow does not include it.")
				m = k
				continue
			case k < m && len(analyze(clauses[k].toks, nil).steps) > 1:
				// "liveness check and face recognition, not in this version":
				// the step named last is the one put off, the others stay
				w, ok := takeBackLast(clauses, k, drop)
				if !ok {
					continue // (read as the words say, without the deferral)
				}
				was = w
				for j := k + 1; j <= m; j++ {
					drop[j] = true
				}
			default:
				for j := k; j <= m; j++ {
					drop[j] = true
				}
			}
			notes = append(notes, "Read \""+was+"\" as put off to a later version, so the flow does not include it.")
			continue
		}
		at, strong := leadCorrection(c.toks)
		if at < 0 {
			continue
		}
		made, madeAt := madeInto(c.toks), m
		if len(c.toks[at:]) == 0 && m+1 < len(clauses) && clauses[m+1].sent == c.sent {
			made, madeAt = madeInto(clauses[m+1].toks), m+1 // ("actually, turn the SMS code into an email one")
		}
		if made != nil {
			strong = true // ("actually make the email code an SMS one": the step it turns takes it back)
		}
		rest := c.toks[at:]
		// the list said again: a clause opening on "so" after the marker,
		// within the two sentences after it, naming two steps or more, one
		// of them named before ("wait, one thing. So an email code then an
		// SMS code" names new ones, and adds them)
		if r := restated(clauses, m); r > 0 {
			n := 0
			for j := 0; j < r; j++ {
				if ks, neg := stepsOf(clauses[j]); !clauses[j].title && (ks != 0 || neg != 0) {
					drop[j] = true
					n++
				}
			}
			if n > 0 {
				notes = append(notes, "Read \""+clauseText(clauses[r].toks)+" …\" as the list said again after a correction, so it replaces the steps named before it.")
			}
			m = r
			continue
		}
		if p0, alts := offeredBefore(clauses, m, drop); len(alts) > 0 && p0 >= 0 && strong {
			// "an sms passcode. hmm maybe email instead... no, keep sms", "an
			// email otp. or sms? eh... on second thought sms": the correction
			// settles the alternative offered; kept, the alternative goes; taken,
			// it replaces the step it was offered against (below)
			next, rest2 := m, rest
			if len(rest2) == 0 && m+1 < len(clauses) && clauses[m+1].sent == c.sent {
				next, rest2 = m+1, clauses[m+1].toks
			}
			if len(rest2) > 0 && lex.keepVerb[rest2[0].raw] {
				for _, j := range alts {
					drop[j] = true
				}
				for j := m; j <= next; j++ {
					drop[j] = true
				}
				notes = append(notes, "Read \""+clauseText(c.toks)+"\" as turning down \""+clauseText(clauses[alts[0]].toks)+"\", so the flow keeps \""+clauseText(clauses[p0].toks)+"\".")
				m = next
				continue
			}
			ak, _ := stepsOf(clauses[alts[0]])
			if bc := codeByChannel(clauses[alts[0]].toks); bc != nil {
				ak, _ = stepsOf(clause{toks: bc})
			}
			if bc := codeByChannel(rest2); bc != nil {
				rest2 = bc
			}
			if rk, _ := stepsOf(clause{toks: rest2}); families(rk)&families(ak) != 0 {
				for _, j := range alts {
					drop[j] = true
				}
			}
		}
		p := lastStep(m)
		if p >= 0 && p == m-1 && clauses[p].ask && offerAsked(clauses[p].toks) && len(c.toks[at:]) == 0 && (m+1 == len(clauses) || clauses[m+1].sent != c.sent) {
			// "do we need a document scan too? hmm no": the writer turns down
			// the step they asked about
			drop[p], drop[m] = true, true
			notes = append(notes, "Read \""+clauseText(c.toks)+"\" as the answer to \""+clauseText(clauses[p].toks)+"\", so the flow does not include it.")
			continue
		}
		if p < 0 || clauses[m-1].ask {
			continue // ("Is a passport scan alone OK? No, …" answers the question)
		}
		if bareRetraction(c.toks) {
			// "— no scratch that, …", "hmm, forget that": the clause is the
			// taking back and nothing more
			drop[p], drop[m] = true, true
			notes = append(notes, "Read \""+clauseText(c.toks)+"\" as taking back \""+clauseText(clauses[p].toks)+"\", so the flow does not include it.")
			continue
		}
		if j, target, cond := reasonedTakeBack(clauses, m, p); j > m && adjacent(clauses, drop, p, m) {
			// "an email code, hmm no, we collect email at a later stage, leave
			// it out", "… hmm actually validating the expiry is overkill, skip
			// that": the marker, its reason, then the taking back of the step
			// named last before the marker, or of the one the reason points at
			// ("an sms code and liveness. uh no, half our users changed
			// numbers, drop it" takes back the code)
			if cond {
				// "hmm no, skip that if they are on desktop": a skip for some
				// cases, which the flow cannot tell apart; nothing is removed
				for k := m; k <= j; k++ {
					drop[k] = true
				}
				notes = append(notes, "Read \""+clauseText(c.toks)+" … "+clauseText(clauses[j].toks)+"\" as leaving out a step of \""+clauseText(clauses[p].toks)+"\" only in some cases, which the flow does not tell apart, so it keeps every step for everyone.")
				m = j
				continue
			}
			take := func() (string, bool) { return takeBackLast(clauses, p, drop) }
			if target != 0 {
				take = func() (string, bool) { return takeBackKinds(clauses, m, drop, target) }
			}
			if was, ok := take(); ok {
				for k := m; k <= j; k++ {
					drop[k] = true
				}
				notes = append(notes, "Read \""+clauseText(c.toks)+" … "+clauseText(clauses[j].toks)+"\" as taking back \""+was+"\", so the flow does not include it.")
				m = j
				continue
			}
		}
		// "actually no" alone: what takes back is the next clause
		next := m
		if len(rest) == 0 && m+1 < len(clauses) {
			next = m + 1
			rest = clauses[next].toks
		}
		if retractsThat(rest) {
			drop[p] = true
			for j := m; j <= next; j++ {
				drop[j] = true
			}
			notes = append(notes, "Read \""+clauseText(c.toks)+"\" as taking back \""+clauseText(clauses[p].toks)+"\", so the flow does not include it.")
			m = next
			continue
		}
		pk, pneg := stepsOf(clauses[p])
		if unknownGroup(clauses[p].toks) {
			pneg = 0 // "people we don't recognise get a passport scan": the group's negation rules nothing out
		}
		if pneg != 0 && pk&pneg == 0 {
			// the ruling out taken back when its sentence names the step again
			var again kindSet
			for j := m; j < len(clauses) && clauses[j].sent == c.sent; j++ {
				ks, neg := stepsOf(clauses[j])
				again |= ks &^ neg
			}
			if again&pneg != 0 {
				drop[p] = true
				notes = append(notes, "Read \""+clauseText(c.toks)+"\" as taking back \""+clauseText(clauses[p].toks)+"\".")
				continue
			}
		}
		bare := -1 // the step said bare after a pause and its reason
		if !strong {
			bare = bareStepAfter(clauses, m, pk)
		}
		if !strong && bare < 0 || pk == 0 || pneg != 0 || !adjacent(clauses, drop, p, m) || addsMore(c.toks[at:]) || opensOnValue(rest) {
			continue // ("sorry, one more: …", "sorry, forgot the email code", "no, 5 minutes is the code lifetime"; the marker's own words add nothing: "on second thought")
		}
		// the next clause that names a step, in the marker's sentence or the next
		// (a step said with "instead" may come a sentence later, after the
		// reason: "… hmm, or rather no - we don't have a photo for everyone. do
		// a 1:N search … instead")
		from := next
		if bare >= 0 {
			from = bare
		}
		for r := from; r < len(clauses) && (r == bare || clauses[r].sent <= c.sent+1 || clauses[r].sent <= c.sent+2 && has(clauses[r].toks, "instead")); r++ {
			toks := clauses[r].toks
			if r == next {
				toks = rest
			}
			said := toks // (as written, before a rewrite below: "make it an SMS one" points back)
			if bc := codeByChannel(toks); bc != nil && families(pk).has(kEmailOTP) {
				toks = bc // ("an sms otp … on second thought email": the code by email)
			}
			if r == madeAt && made != nil {
				toks = made // ("actually make the email code an SMS one": the step it is made into)
			}
			a := analyze(toks, nil)
			if a.neg != 0 || len(a.negDocTypes) > 0 {
				break // "sorry meant driving licence not ID card": a correction of a setting, read where it stands
			}
			if len(a.steps) == 0 {
				continue
			}
			if !insteadIn(clauses, m) && !has(toks, "instead") && (scopedTo(toks) ||
				clauseStartsIf(rest) || slices.ContainsFunc(clauses[m+1:], func(o clause) bool { return o.sent == clauses[r].sent && opensOnCondition(o.toks) })) {
				// "sorry, an SMS code for returning users", "no wait, an SMS code
				// if the email bounces": another step for some, read where it
				// stands ("…, do that on the unrecognised path instead" replaces);
				// a condition said before the marker ("for wire transfers I want
				// … an email code, actually no make it SMS") scopes what is
				// corrected, not the correction (and the marker's own words,
				// "on second thought", open no condition, nor does a reason after
				// it, "they're usually on their phones")
				break
			}
			var rk kindSet
			for _, s := range a.steps {
				rk.add(s.k)
			}
			if rk.has(kEnterEmail) && rk.has(kEmailOTP) && slices.ContainsFunc(clauses[:m], func(o clause) bool { ks, _ := stepsOf(o); return ks.has(kEnterEmail) }) {
				// "they type in their email, then a text code - actually no, a
				// code to the email address they just typed": the address named
				// before, which the code goes to; the entry stays where it was
				rk &^= 1 << kEnterEmail
			}
			// the step corrected is the last one of the same kind, if the text
			// named one; else the last one of the same family ("no wait, an SMS
			// code instead" takes back the email code); a step of another
			// family is one more ("sorry if this is vague, an SMS code at the
			// end" after a liveness check)
			q := -1
			for j := p; j >= 0 && q < 0; j-- {
				if ks, _ := stepsOf(clauses[j]); !drop[j] && !clauses[j].title && ks&rk != 0 {
					q = j
				}
			}
			for j := p; j >= 0 && q < 0; j-- {
				if ks, _ := stepsOf(clauses[j]); !drop[j] && !clauses[j].title && families(ks)&families(rk) != 0 {
					q = j
				}
			}
			if q < 0 && insteadIn(clauses, m) {
				q = p // ("a document scan — no, hmm, an email code is less friction, do that instead")
			}
			if q < 0 {
				break
			}
			p = q
			if pk2, _ := stepsOf(clauses[p]); rk == pk2 && (has(toks, "before") || has(toks, "after") || has(toks, "first")) {
				break // "I mean the liveness has to come before anything else": its place said, not another step
			}
			if hasAnyRaw(toks, lex.addVerb) && !markerVerbWords[toks[0].raw] || addsMore(toks) || clauses[r].also || len(a.ref) > 0 {
				if clauses[r].also && r == m+1 && len(c.toks[at:]) == 0 {
					drop[m] = true // ("on second thought, also …": the marker alone says nothing more)
				}
				break // "actually, also add an email code", "on second thought, also an email code", "…, do the selfie before the data check": more, or a move, not a replacement ("no, use SMS" replaces)
			}
			pk3, _ := stepsOf(clauses[p])
			if families(pk3)&families(rk) != 0 && families(pk3)&^families(rk) != 0 {
				// "liveness and an email otp, actually no use sms": only the
				// step of the same family is replaced, the liveness check stays
				tk := ofFamilies(pk3, families(rk))
				kept, gone, ok := withoutKinds(clauses[p].toks, tk)
				if !ok {
					break // (which step is meant is not said: read where it stands)
				}
				notes = append(notes, "Read \""+clauseText(c.toks)+"\" as putting \""+clauseText(toks)+"\" in place of \""+clauseText(gone)+"\".")
				clauses[p].toks = slices.Concat(kept, tokenize("and"), toks)
			} else {
				notes = append(notes, "Read \""+clauseText(c.toks)+"\" as putting \""+clauseText(toks)+"\" in place of \""+clauseText(clauses[p].toks)+"\".")
				clauses[p].toks = slices.Concat(groupLead(clauses[p].toks), toks, keptValues(clauses[p].toks, said))
			}
			for j := m; j <= r; j++ {
				if bare >= 0 && j > m && j < r {
					var entry kindSet
					entry.add(kEnterEmail)
					if ks, _ := stepsOf(clauses[j]); ks&^entry != 0 {
						continue // ("wait, the liveness check covers phishing. sms code.": the reason's step stays; "the email account might be compromised" names none)
					}
				}
				drop[j] = true
			}
			m = r
			break
		}
	}
	out := clauses[:0:0]
	for i, c := range clauses {
		if !drop[i] {
			out = append(out, c)
		}
	}
	return out, notes
}

// scopedTo: the words hold what is said to some users or some cases only: a
// condition ("if the email bounces", "unless …"), a trailing one ("for users
// on the mobile app"), a group of users ("returning users").
func scopedTo(ts []token) bool {
	return hasAnyRaw(ts, lex.condIfStrict) || hasAnyRaw(ts, lex.trailCond) || namesUserGroup(ts) || populationCondition(ts, false)
}

// addsMore: the words add to what was said rather than take it back ("sorry,
// one more", "sorry, forgot the email code", "2 more things", "also").
func addsMore(ts []token) bool {
	for _, t := range ts {
		if t.w == "forget" || lex.oneMore[t.raw] || lex.alsoWord[t.raw] {
			return true
		}
	}
	return false
}

// insteadIn: the sentence of the correction at m says "instead" ("no, hmm,
// an email code is less friction, do that instead"): what it names takes the
// place of the step before, whatever its kind.
func insteadIn(clauses []clause, m int) bool {
	for j := m; j < len(clauses) && clauses[j].sent == clauses[m].sent; j++ {
		if has(clauses[j].toks, "instead") {
			return true
		}
	}
	return false
}

// opensOnValue: the words after a marker open on a number ("no, 5 minutes is
// the code lifetime", "no, 19+ in Alabama"): a value, read where it stands,
// not a step put in place of the one before.
func opensOnValue(ts []token) bool {
	for _, t := range ts {
		if t.isNum {
			return true
		}
		if t.raw != "" && !lex.valueFiller[t.raw] {
			return false
		}
	}
	return false
}

// families is the set of step families a set of kinds belongs to: a step
// corrected by another of its family ("an email code, no wait, an SMS code")
// is replaced; one of another family is added.
func families(ks kindSet) kindSet {
	var f kindSet
	for k := kind(0); k < kindCount; k++ {
		if ks.has(k) {
			f.add(familyHead(k))
		}
	}
	return f
}

// listJoin: the word joins two steps of a list ("… and …", "… with …",
// "… plus …", "… + …").
func listJoin(t token) bool { return lex.listJoin[t.raw] || t.w == "+" }

// ofFamilies is the kinds of ks whose family is in fam.
func ofFamilies(ks, fam kindSet) kindSet {
	var out kindSet
	for k := kind(0); k < kindCount; k++ {
		if ks.has(k) && fam.has(familyHead(k)) {
			out.add(k)
		}
	}
	return out
}

// familyHead is the first kind of k's family: the codes, the face matches, the
// data checks; the rest are families of their own.
func familyHead(k kind) kind {
	switch k {
	case kSMSOTP, kOTP:
		return kEmailOTP
	case kRecognition, kFaceScan:
		return kFaceCompare
	case kMatchCheck, kExpiryCheck:
		return kAgeCheck
	}
	return k
}

// restated returns the clause after the correction at m that says the list
// again ("so passport or DL scan, selfie, compare, then liveness", "So: …",
// "so just the ID scan and the liveness"), or 0.
func restated(clauses []clause, m int) int {
	for r := m; r < len(clauses) && clauses[r].sent <= clauses[m].sent+2; r++ {
		ts := clauses[r].toks
		if len(ts) == 0 || ts[0].raw != "so" {
			continue
		}
		if addsMore(ts) {
			return 0 // "so an email code too": more steps, not the list again
		}
		var ks kindSet
		n := 0
		for j := r; j < len(clauses) && clauses[j].sent == clauses[r].sent; j++ {
			toks := clauses[j].toks
			if j == r {
				toks = toks[1:]
			}
			a := analyze(toks, nil)
			for _, s := range a.steps {
				if !s.k.isConversation() && !ks.has(s.k) {
					ks.add(s.k)
					n++
				}
			}
		}
		var before kindSet
		for _, c := range clauses[:m] {
			k, _ := stepsOf(c)
			before |= k
		}
		if n >= 2 && ks&before != 0 && !scopedRestatement(clauses, r) {
			return r
		}
		return 0
	}
	return 0
}

// scopedRestatement: the "so" opens no list said again but a purpose ("so
// that we catch deepfakes, add liveness"), a question ("wait, so the ID scan
// and the liveness both happen on camera?"), or steps for some users or some
// place ("so ID scan and face compare there", "so recognition and liveness
// are enough for returning users"): what was named before stays.
func scopedRestatement(clauses []clause, r int) bool {
	ts := clauses[r].toks
	if len(ts) > 1 && ts[1].raw == "that" {
		return true
	}
	for j := r; j < len(clauses) && clauses[j].sent == clauses[r].sent; j++ {
		c := clauses[j]
		if c.ask || hasRaw(c.toks, "there", "here") || scopedTo(c.toks) {
			return true
		}
	}
	return false
}

// bareRetraction: the clause only takes back ("no scratch that", "hmm, forget
// it", "actually no, drop that"): markers, fillers and a verb of taking back
// with "that" or "it" after it.
func bareRetraction(ts []token) bool {
	back := false
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if (lex.takeBack[t.raw] || lex.removeVerb[t.raw] || t.in(hRetract)) && i+1 < len(ts) && (ts[i+1].raw == "that" || ts[i+1].raw == "it" || ts[i+1].raw == "this") {
			back = true
			i++
			continue
		}
		if correctionAt(ts, i) == 0 && !lex.valueFiller[t.raw] && t.raw != "" {
			return false
		}
	}
	return back
}

// adjacent: no clause that names anything comes between the step at p and the
// correction at m ("… then scans their insurance card… no wait, their ID card"
// corrects the card, not the step before it); a clause already taken back
// (an alternative the correction settled) is no longer between.
func adjacent(clauses []clause, drop []bool, p, m int) bool {
	for j := p + 1; j < m; j++ {
		if !drop[j] && namesAnything(clauses[j].toks) {
			return false
		}
	}
	return true
}

// removalOfNamed: the clause opens (after any marker) on a verb of removing
// ("rip out the selfie and the email one", "remove the document scan", "get rid
// of the email code") and names only steps the text named before it: those
// are taken back, as "skip the selfie" takes them back. It returns the clause
// with the verb read as "skip", or nil.
func removalOfNamed(clauses []clause, m int) []token {
	ts := clauses[m].toks
	i := 0
	for i < len(ts) && i < 4 && (correctionAt(ts, i) > 0 || lex.valueFiller[ts[i].raw] || ts[i].raw == "") {
		i++
	}
	v := i
	if v+1 < len(ts) && ts[v].raw == "get" && ts[v+1].raw == "rid" {
		v++
	}
	if v >= len(ts) || !(lex.removeVerb[ts[v].raw] || lex.removeVerb[ts[v].w]) || ts[v].w == "without" || m == 0 {
		return nil
	}
	obj := v + 1
	for obj < len(ts) && (lex.takeParticle[ts[obj].raw] || ts[obj].raw == "of") {
		obj++
	}
	var before kindSet
	var seq []*step
	for _, c := range clauses[:m] {
		for _, s := range analyze(c.toks, nil).steps {
			before.add(s.k)
			seq = append(seq, s)
		}
	}
	// what it removes must be the steps themselves, for everyone: not data
	// they leave ("delete the document images after 30 days"), nor the step
	// for some users ("cut liveness for users on the mobile app")
	obs := ts[obj:]
	// (nor for some of the time: "remove the email code on weekends")
	if hasAnyRaw(obs, lex.storedData) || scopedTo(obs) || hasAnyRaw(obs, lex.valueScope) || slices.ContainsFunc(obs, func(t token) bool { return t.isNum }) {
		return nil
	}
	a := analyze(obs, seq) // ("the email one": the one of the steps named)
	if len(a.steps) == 0 || a.neg != 0 {
		return nil
	}
	for _, s := range a.steps {
		if !before.has(s.k) {
			return nil
		}
	}
	skip := tokenize("skip")
	return slices.Concat(ts[:i], skip, ts[obj:])
}

// notOnly: the clause is "not just X" or "not only X" and nothing more.
func notOnly(ts []token) bool {
	if len(ts) < 3 || len(ts) > 5 || ts[0].raw != "not" || ts[1].w != "only" {
		return false
	}
	a := analyze(ts[2:], nil)
	return len(a.steps) == 1 && a.neg == 0 // ("not just once", "not only that" name no step)
}

// widens: the "not just X" at m ends its sentence and X is of the kind the
// clause before it names ("any ID document is fine there, not just
// passports"): it widens that clause. "Not just passports, driving licences
// too" lists more, and "check their ID, not just the selfie" keeps a step of
// another kind; both are read as they stand.
func widens(clauses []clause, m int) bool {
	if m+1 < len(clauses) && clauses[m+1].sent == clauses[m].sent {
		return false
	}
	ks, _ := stepsOf(clauses[m])
	before, _ := stepsOf(clauses[m-1])
	return ks&^before == 0
}

// trailingChange splits off a last line or sentence that is an explicit change
// to the flow the text before it describes: a label of lex.changeLine and a
// colon, then a verb of swapping ("…then sms code.\nedit: swap the last two").
// A sentence that merely opens on such a verb is no change: "Reverse image
// search is not needed", "Exchange withdrawals also need an SMS code", "Flip the
// order if the camera is slow" describe the flow, and reading them as an Edit
// reversed it. A label whose text is no instruction ("Updated: ID scan, …",
// "Update: legal says 21+ in the US") or that scopes the change to a condition
// or a group ("… if the email bounces", "… for returning users") is read with
// the rest of the description, as Edit would lose the condition and the
// description's context. It returns the description and the change, or "" for
// the change.
func trailingChange(text string) (head, change string) {
	cut := max(strings.LastIndexByte(text, '\n'), strings.LastIndex(text, ". "))
	if cut <= 0 {
		return text, ""
	}
	tail := text[cut+1:]
	c := strings.IndexByte(tail, ':')
	if c < 0 || c > 16 {
		return text, "" // (most descriptions: no tokens to read)
	}
	ts := tokenize(tail)
	if len(ts) < 3 || !lex.changeLine[ts[0].raw] || ts[1].w != ":" {
		return text, ""
	}
	i := 2
	for i < len(ts) && i < 7 && (correctionAt(ts, i) > 0 || lex.valueFiller[ts[i].raw] || ts[i].raw == "") {
		i++
	}
	if i >= len(ts) || !lex.swapVerb[ts[i].raw] {
		return text, ""
	}
	rest := ts[i+1:]
	if scopedTo(rest) {
		return text, ""
	}
	return text[:cut+1], strings.TrimSpace(tail[c+1:])
}

// buildThenEdit builds head and applies change to it as Edit does; ok is false
// when either names nothing the builder can use, so the text is read whole.
func buildThenEdit(head, change string, opts Options) (Result, bool) {
	res, err := Build(head, opts)
	if err != nil {
		return Result{}, false
	}
	edited, err := Edit(res.Flow, change, opts)
	if err != nil {
		return Result{}, false
	}
	edited.Settings = res.Settings
	edited.Questions = append(res.Questions, edited.Questions...)
	edited.Assumptions = append(append(res.Assumptions, "Read \""+change+"\" as a change to the flow the text before it describes."), edited.Assumptions...)
	return edited, true
}

// groupLead is the words of a clause before the step it names when they name
// the users it is for ("people we don't recognise get a passport scan", "new
// users scan their passport"): a correction of the step keeps them.
func groupLead(ts []token) []token {
	for k := 1; k < len(ts); k++ {
		if len(analyze(ts[:k+1], nil).steps) == 0 {
			continue
		}
		lead := ts[:k]
		if unknownGroup(lead) || populationCondition(lead, false) || namesUserGroup(lead) || hasAnyRaw(lead, lex.condIfStrict) {
			return lead
		}
		return nil
	}
	return nil
}

// putOff returns the clause a step is put off in, when the clause at m puts
// one off, or -1: the clause itself when it hedges a step to later ("we might
// add face recognition later", "maybe a doc scan later"), the nearest clause
// before it that names a step when it only defers ("not in this version tho",
// "but not for now"). A deferral after a clause already dropped (the hedge
// put off before it) returns m.
func putOff(clauses []clause, m int, drop []bool) (int, bool) {
	ts := clauses[m].toks
	if hedgedLater(ts) {
		if clauses[m].then || m+1 < len(clauses) && clauses[m+1].sent == clauses[m].sent && (opensOnCondition(clauses[m+1].toks) || lex.subordOpen[clauses[m+1].toks[0].raw]) {
			return -1, false // ("liveness, then we might add the sms code later, once …": a place among the steps, a case)
		}
		if ks, neg := stepsOf(clauses[m]); ks != 0 && neg == 0 {
			return m, false
		}
		return -1, false
	}
	if m == 0 || !deferral(ts) {
		return -1, false
	}
	if m+1 < len(clauses) && clauses[m-1].sent != clauses[m].sent && !clauses[m+1].then &&
		(clauses[m+1].sent == clauses[m].sent || hasAnyRaw(clauses[m+1].toks, deferLaterWords)) {
		// "… not now, but later we add a document scan", "not in this
		// version: a face compare": a deferral that opens its sentence puts
		// off the step it goes on to name, not the ones before it
		if ks, neg := stepsOf(clauses[m+1]); ks != 0 && neg == 0 {
			return m + 1, true
		}
		return -1, false
	}
	if drop[m-1] {
		return m, false
	}
	for p := m - 1; p >= 0; p-- {
		if clauses[p].title || clauses[p].ask {
			return -1, false
		}
		if ks, neg := stepsOf(clauses[p]); ks != 0 || neg != 0 {
			if neg != 0 || scopedTo(clauses[p].toks) {
				return -1, false // ("no SMS, not for now", "an SMS code for new users, not yet"): read where they stand
			}
			return p, false
		}
		if namesAnything(clauses[p].toks) || slices.ContainsFunc(clauses[p].toks, negWord) || slices.ContainsFunc(clauses[p].toks, func(t token) bool { return t.isNum }) {
			return -1, false // ("…, no retries. not now": the deferral backs the rule said before it)
		}
	}
	return -1, false
}

// deferral: the clause only puts off what was said before it ("not in this
// version tho", "but not for now", "maybe later"): a phrase of deferPhraseList and
// fillers.
func deferral(ts []token) bool {
	if len(ts) < 2 || len(ts) > 8 {
		return false // (most clauses: longer than any deferral)
	}
	found := false
	for i := 0; i < len(ts); i++ {
		if n := phraseLen(ts, i, lex.deferPhrases); n > 0 && !found {
			found = true
			i += n - 1
			continue
		}
		if ts[i].raw != "" && !deferFillerWords[ts[i].raw] && !lex.hesitation[ts[i].raw] {
			return false
		}
	}
	return found
}

// hedgedLater: the clause names its step as one that may come later ("we might
// add face recognition later", "maybe a doc scan later", "we could do
// recognition eventually"): a hedge opens it, after its subject ("might",
// "may", "could" before a verb of adding), and a word of later time follows;
// a place among the steps ("maybe the ID scan later, after liveness") keeps it.
func hedgedLater(ts []token) bool {
	i := 0
	for i < len(ts) && i < 3 && deferSubjWords[ts[i].raw] {
		i++
	}
	if i+1 >= len(ts) || !deferHedgeWords[ts[i].raw] {
		return false
	}
	if deferModalWords[ts[i].raw] && !lex.addVerb[ts[i+1].raw] {
		return false
	}
	if slices.ContainsFunc(ts, func(t token) bool { return deferOrderWords[t.raw] }) {
		return false
	}
	for k := i + 1; k < len(ts); k++ {
		if deferLaterWords[ts[k].raw] {
			return laterIsVersion(ts, i+1, k)
		}
	}
	return false
}

// laterIsVersion: the word of later time at k, in a clause whose hedged words
// start at from, puts the step off to a later version ("we might add
// recognition later", "maybe later we add a doc scan"), not to a later place
// among the steps ("an sms code later in the flow", "at a later step", "later
// on"), a case ("later if they look suspicious") or a purpose ("so we can
// reach them later").
func laterIsVersion(ts []token, from, k int) bool {
	for j := from; j < k; j++ {
		if laterPurposeWords[ts[j].raw] {
			return false
		}
	}
	if ts[k].raw != "later" {
		return true // ("eventually", "someday", "v2")
	}
	if k > 0 && (ts[k-1].raw == "a" || ts[k-1].raw == "the") {
		return k+1 < len(ts) && laterVersionWords[ts[k+1].raw] // ("in a later version"; "at a later step")
	}
	for j := k + 1; j < len(ts) && j <= k+4; j++ {
		switch {
		case laterVersionWords[ts[j].raw]:
			return true // ("later, in v2")
		case laterPlaceWords[ts[j].raw]:
			return false // (before the filler words: "for", "so" are both)
		case ts[j].raw == "" || deferFillerWords[ts[j].raw]:
		default:
			return true // ("maybe later we add a doc scan")
		}
	}
	return true
}

// reasonedTakeBack returns the clause after the correction marker at m, in its
// sentence and within three clauses, that takes back what was said before the
// marker once the reason is given ("hmm no, we collect email at a later stage,
// leave it out", "hmm actually validating the expiry is overkill, skip that"),
// or -1. The clauses between give the reason; one that goes on with the steps
// ("then …", "also add …") ends the search, and so does a reason that names a
// step of another family than p's, named before ("… liveness... actually the
// age check is pointless, skip it" takes back the age check, read where it
// stands).
//
// target is the steps named before that the reason points at without naming
// them ("half our users changed numbers" points at the SMS code, "the scan is
// slow" at the document scan), 0 when it points at none: those are the ones
// taken back, wherever they stand. cond is true when the taking back is said
// for some cases only ("skip that if they are on desktop", "drop it unless
// the amount is over 1000"): no removal for everyone. A reason asking for more
// ("one code is not enough") takes nothing back.
func reasonedTakeBack(clauses []clause, m, p int) (j int, target kindSet, cond bool) {
	var before kindSet
	for _, c := range clauses[:m] {
		ks, _ := stepsOf(c)
		before |= ks
	}
	pk, _ := stepsOf(clauses[p])
	for j := m; j < len(clauses) && j <= m+3 && clauses[j].sent == clauses[m].sent; j++ {
		ts := clauses[j].toks
		if j > m && (retractsThat(ts) || excludesBack(ts) == 0 || bareRetraction(ts)) {
			cond = scopedTo(ts) || j+1 < len(clauses) && clauses[j+1].sent == clauses[j].sent && (opensOnCondition(clauses[j+1].toks) || hasRaw(clauses[j+1].toks[:1], "unless", "except"))
			return j, target, cond
		}
		if j > m && (clauses[j].then || clauses[j].also || hasAnyRaw(ts, lex.addVerb) || addsMore(ts)) {
			return -1, 0, false
		}
		if hasAnyRaw(ts, moreReasonWords) {
			return -1, 0, false
		}
		if rk, neg := stepsOf(clauses[j]); families(rk|neg)&families(before) != 0 && families(rk|neg)&families(pk) == 0 {
			return -1, 0, false
		}
		if pf := families(pointedKinds(ts)) & families(before); pf != 0 {
			target |= ofFamilies(before, pf)
		}
	}
	return -1, 0, false
}

// pointedKinds: the steps a reason points at by a word of reasonPointers
// ("numbers", "inboxes", "the scan"), besides those it names.
func pointedKinds(ts []token) kindSet {
	var ks kindSet
	for _, t := range ts {
		if w, ok := reasonPointers[t.raw]; ok {
			k, _ := stepsOf(clause{toks: tokenize(w)})
			ks |= k
		}
	}
	return ks
}

// takeBackKinds takes back the steps of target from the latest clause before
// m that names them: the whole clause when it names nothing else, else the
// part a list word ("and", "with", "plus") sets apart. was is the words taken
// back; ok is false when no such part stands alone, and nothing changes.
func takeBackKinds(clauses []clause, m int, drop []bool, target kindSet) (was string, ok bool) {
	for q := m - 1; q >= 0; q-- {
		if drop[q] || clauses[q].title {
			continue
		}
		ks, _ := stepsOf(clauses[q])
		if ks&target == 0 {
			continue
		}
		if ks&^target == 0 {
			drop[q] = true
			return clauseText(clauses[q].toks), true
		}
		kept, gone, ok := withoutKinds(clauses[q].toks, target)
		if !ok {
			return "", false
		}
		clauses[q].toks = kept
		return clauseText(gone), true
	}
	return "", false
}

// withoutKinds splits ts at a list word ("liveness and an email code", "an
// sms code and liveness") into the part that names only steps of target's
// families and the part that names none of them; ok is false when no list
// word sets them apart so.
func withoutKinds(ts []token, target kindSet) (kept, gone []token, ok bool) {
	tf := families(target)
	for i := 1; i < len(ts)-1; i++ {
		if !listJoin(ts[i]) {
			continue
		}
		head, tail := ts[:i:i], ts[i+1:]
		hk, _ := stepsOf(clause{toks: head})
		tk, _ := stepsOf(clause{toks: tail})
		switch {
		case hk != 0 && tk != 0 && families(tk)&^tf == 0 && families(hk)&tf == 0:
			return head, tail, true
		case hk != 0 && tk != 0 && families(hk)&^tf == 0 && families(tk)&tf == 0:
			return tail, head, true
		}
	}
	return nil, nil, false
}

// takeBackLast takes back the step clause p names last ("face enrollment with
// liveness and an email code, hmm no, …, leave it out" takes back the code,
// not the liveness): p is dropped when it names one step, or when every other
// step it names is named elsewhere too ("scan their ID, …, make sure the ID
// isn't expired... skip that"); else it keeps the words before the last step
// when a list word ("and", "with", a comma's clause) sets them apart. was is
// the words taken back; ok is false when no such reading takes back the last
// step alone, and nothing changes.
func takeBackLast(clauses []clause, p int, drop []bool) (was string, ok bool) {
	ts := clauses[p].toks
	a := analyze(ts, nil)
	if len(a.steps) == 0 {
		return "", false
	}
	last := a.steps[0]
	var others kindSet
	for _, s := range a.steps {
		if s.pos > last.pos {
			last = s
		}
	}
	for _, s := range a.steps {
		if s.k != last.k {
			others.add(s.k)
		}
	}
	var elsewhere kindSet
	for j, c := range clauses {
		if j != p && !drop[j] {
			ks, _ := stepsOf(c)
			elsewhere |= ks
		}
	}
	if others&^elsewhere == 0 {
		drop[p] = true
		return clauseText(ts), true
	}
	for i := min(last.pos, len(ts)-1); i > 0; i-- {
		if listJoin(ts[i]) {
			head, tail := ts[:i], ts[i+1:]
			hk, _ := stepsOf(clause{toks: head})
			tk, _ := stepsOf(clause{toks: tail})
			var lk kindSet
			lk.add(last.k)
			if tk != lk || others&^(hk|elsewhere) != 0 {
				return "", false
			}
			clauses[p].toks = head
			return clauseText(tail), true
		}
	}
	return "", false
}

// offeredBefore returns the alternatives offered right before the correction
// marker at m ("or sms?", "hmm maybe email instead"), fillers between skipped,
// and the clause before them that names the step they are offered against
// (p0, or -1).
func offeredBefore(clauses []clause, m int, drop []bool) (p0 int, alts []int) {
	for j := m - 1; j >= 0 && j >= m-4; j-- {
		if drop[j] {
			return -1, nil
		}
		c := clauses[j]
		if offered(c) {
			alts = append(alts, j)
			continue
		}
		if ks, neg := stepsOf(c); ks != 0 || neg != 0 {
			if len(alts) == 0 || neg != 0 {
				return -1, nil
			}
			return j, alts
		}
		if namesAnything(c.toks) {
			return -1, nil
		}
	}
	return -1, nil
}

// offered: the clause offers a step as an alternative rather than asking for
// it: a short question that names a step and nothing more ("or sms?", "email
// maybe?"), or a hedge with "instead" ("hmm maybe email instead", "perhaps a
// passport scan instead").
func offered(c clause) bool {
	ts := c.toks
	if len(ts) == 0 || len(ts) > 6 {
		return false
	}
	if c.ask && len(ts) <= 4 && codeByChannel(ts) != nil {
		return true // ("or text?": a code by text offered)
	}
	if ks, neg := stepsOf(c); ks == 0 || neg != 0 {
		return false
	}
	if c.ask && len(ts) <= 4 {
		return true
	}
	i := 0
	for i < len(ts) && lex.hesitation[ts[i].raw] {
		i++
	}
	return i < len(ts) && deferHedgeWords[ts[i].raw] && has(ts, "instead")
}

// opensOnCondition: the clause's first word opens its condition ("if the email
// bounces", "for returning users"); a clause with a condition word further on
// ("they're usually on their phones") is a statement.
func opensOnCondition(ts []token) bool {
	return len(ts) > 0 && ts[0].in(hCondIf) && clauseStartsIf(ts)
}

// codeByChannel returns the code a correction or an alternative names by its
// channel alone ("on second thought email", "or text?", "keep sms", "by email
// instead"), as the words of that code, or nil; a code is what it names only
// after a code (the callers' test). See bareChannel for a channel in a list of
// codes.
func codeByChannel(ts []token) []token {
	code := ""
	for _, t := range ts {
		switch {
		case negWord(t):
			return nil // ("hmm no, also no SMS": the channel ruled out)
		case (t.w == "email" || t.w == "sms") && code == "":
			code = t.w + " code"
		case t.raw == "" || lex.valueFiller[t.raw] || lex.keepVerb[t.raw] || lex.hesitation[t.raw] || deferFillerWords[t.raw] || channelFillerWords[t.raw]:
		default:
			return nil
		}
	}
	if code == "" {
		return nil
	}
	return tokenize(code)
}

// bareStepAfter returns the clause, or -1, by which a pause ("wait") takes back the step before it when, after the
// reason, a sentence of its own names only a step of the same family ("an
// email code... wait, the email account might be compromised. sms code."): the
// step said bare is the one meant instead. A clause that goes on with the steps
// ("then …", "also …") between them ends the search.
func bareStepAfter(clauses []clause, m int, pk kindSet) int {
	for r := m + 1; r < len(clauses) && clauses[r].sent <= clauses[m].sent+2; r++ {
		ts := clauses[r].toks
		if clauses[r].then || clauses[r].also || addsMore(ts) || hasAnyRaw(ts, lex.addVerb) || hasAnyRaw(ts, moreReasonWords) {
			return -1 // (and "wait, one code is not enough for payouts. sms code." asks for one more)
		}
		if r+1 < len(clauses) && clauses[r+1].sent == clauses[r].sent || r > 0 && clauses[r-1].sent == clauses[r].sent || len(ts) > 3 {
			continue
		}
		a := analyze(ts, nil)
		var rk kindSet
		for _, s := range a.steps {
			rk.add(s.k)
		}
		if rk != 0 && rk&pk == 0 && a.neg == 0 && families(rk)&families(pk) != 0 && len(a.steps) == 1 && allStepWords(ts) {
			return r
		}
		return -1
	}
	return -1
}

// allStepWords: every word of ts is one a step's name is made of, a
// determiner or a filler ("sms code", "an SMS OTP"): a step said bare.
func allStepWords(ts []token) bool {
	for i := range ts {
		if ts[i].raw == "" || lex.valueFiller[ts[i].raw] || ts[i].raw == "a" || ts[i].raw == "an" || ts[i].raw == "the" {
			continue
		}
		if !lex.codeSet[ts[i].raw] && ts[i].raw != "code" && len(analyze(ts[i:i+1], nil).steps) == 0 {
			return false
		}
	}
	return true
}

// offerAsked: the question offers a step ("do we need a document scan too?",
// "should we add an email code?"): a verb of asking first, a verb of needing
// or adding within the next two words.
func offerAsked(ts []token) bool {
	if len(ts) < 3 || !offerAskLead[ts[0].raw] {
		return false
	}
	return offerAskVerb[ts[1].raw] || offerAskVerb[ts[2].raw]
}

// madeInto: a correction that turns one step into another ("make the email
// code an SMS one", "change the ID scan to a passport scan", "turn the SMS
// code into an email one"): the words of the step it becomes, or nil. The verb
// (lex.correctVerb) opens the words, after the correction's fillers; the step
// it names first is the one corrected, the rest names the new one.
func madeInto(ts []token) []token {
	i := 0
	for i < len(ts) && (ts[i].in(hCorrection) || lex.retractFiller[ts[i].raw] || ts[i].raw == "") {
		i++
	}
	if i+1 >= len(ts) || !ts[i].in(hCorrectVerb) || lex.touchedRef[ts[i+1].raw] || !hasRaw(ts[i:], "code", "codes", "check", "scan", "otp", "one", "passcode") {
		return nil
	}
	for j := i + 2; j < len(ts); j++ {
		if !lex.madeIntoLead[ts[j].raw] || len(analyze(ts[i+1:j], nil).steps) != 1 {
			continue
		}
		k := j
		if k < len(ts) && (ts[k].raw == "to" || ts[k].raw == "into") {
			k++
		}
		// "an email one": the new step in the old step's noun
		nt := slices.Clone(ts[k:])
		for x := range nt {
			if nt[x].raw == "one" {
				nt[x] = ts[j-1]
			}
		}
		if b := analyze(nt, nil).steps; len(b) == 1 {
			if o := analyze(ts[i+1:j], nil).steps[0].k; o != b[0].k && familyHead(o) == familyHead(b[0].k) && namedChannel(o, b[0].k, ts[k:]) {
				return nt
			}
		}
	}
	return nil
}

// keptValues: the replacement points back at the step it replaces ("a 6-digit
// code by SMS … wait no, email the code instead", "… make it an email one"):
// the values said of the old step (a number with the words either side,
// "6-digit", "max 3 tries", "valid 5 minutes") go on with the new one, unless the new words give values of their
// own. Nil when they don't point back.
func keptValues(old, repl []token) []token {
	// "an SMS one": the old code in another channel ("one" stands for it, no count)
	oneBack := func(i int) bool { return repl[i].raw == "one" && i > 0 && lex.madeIntoChannel[repl[i-1].raw] }
	for i, t := range repl {
		if t.isNum && !oneBack(i) {
			return nil
		}
	}
	back := false
	for i, t := range repl {
		if lex.touchedRef[t.raw] || oneBack(i) || t.raw == "the" && i+1 < len(repl) && (repl[i+1].w == "code" || repl[i+1].raw == "otp") {
			back = true
		}
	}
	if !back {
		return nil
	}
	var out []token
	for i, t := range old {
		if !t.isNum || i+1 == len(old) {
			continue
		}
		if i > 0 && old[i-1].raw != "" && !old[i-1].isNum {
			out = append(out, old[i-1])
		}
		out = append(out, t, old[i+1])
	}
	if out == nil {
		return nil
	}
	return slices.Concat(tokenize(","), out)
}

// namedChannel: a code made into another code is a change of channel only
// when the new words name one the flow has (lex.madeIntoChannel: "an SMS
// one", "an email one") and the new code is of that channel. "Make the SMS
// code a 6-digit one", "make it a one-time passcode" change a setting of the
// code, and "a voice one" names a channel FaceSign has none of: no step is
// taken back for them. Steps of other families pass.
func namedChannel(old, made kind, said []token) bool {
	if familyHead(old) != kEmailOTP {
		return true
	}
	return (made == kSMSOTP || made == kEmailOTP) && hasAnyRaw(said, lex.madeIntoChannel)
}
