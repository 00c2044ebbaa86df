package flowbuild

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Edit applies a described change to f: add a step (after or before another, at the
// start or the end), remove one, replace one ("use email instead of SMS"), move one
// ("do the liveness check first"), or reword a conversation ("change the greeting to
// 'Hi, welcome back'"). Nodes the change does not touch keep their ids and fields.
func Edit(f flow.Flow, change string, opts Options) (Result, error) {
	res, err := edit(f, change, opts)
	if err != nil {
		if _, label := (*plan)(nil).acRefs(change); label != "" {
			err = acLabelError(err, label)
		}
	}
	return res, err
}

func edit(f flow.Flow, change string, opts Options) (Result, error) {
	text, err := checkText(change)
	if err != nil {
		return Result{}, err
	}
	text = speakerTurns(text)
	text, openNotes := dropOpenItems(undictate(text))
	text, shapeNotes := unstructure(text)
	shapeNotes = append(openNotes, shapeNotes...)
	text = expandShortVerbs(text) // "add an email code, rm the sms": the verb, as the clause splitting reads words
	p, err := extractPlan(f)
	if err != nil {
		return Result{}, err
	}
	text = arrowReplace(struckRemovals(text, p.steps), p.steps)
	p.assumptions = append(p.assumptions, shapeNotes...)
	text, _ = p.acRefs(text) // "AC1 updated: …": the criterion's new words
	if t, note := swapGloss(text); note != "" {
		text = t
		p.assumptions = append(p.assumptions, note)
	}
	if ctx, rest, ok := p.readBackLead(text); ok {
		// "you said 'sends an SMS code then checks liveness': other way
		// round": the flow as it was read back is context; the change is
		// what is said around it
		p.assumptions = append(p.assumptions, "Read \""+ctx+"\" as what the flow does now, not as a change.")
		text = rest
	}
	if pol := NormalizeOnFailure(opts.OnFailure); pol != "" {
		p.setPolicy(pol)
	}
	// a flow with no document scan before the change has checks that read
	// something else (the age the user told, data passed in): no change takes
	// their document away
	hadDocument := p.holdsKind(p.steps, kDocument)
	p.change = text
	var done []string
	carried := "" // the new-user condition of the sentence before, for a "them" that points back at it
	parts := make([]string, 0, 4)
	var joined []bool // parts[i] came from the same sentence as parts[i-1] ("…, remove X and add Y")
	kept := false
	var narrowed kindSet     // the steps a removal narrowed by a keep still takes out ("…, keep the permission actually. just the doc")
	reason, undone := "", "" // a retraction's rest that asked for nothing ("they've got a new SIM"), and the instruction it took back
	var remarks []string     // sentences read as remarks on the change, not instructions
	var earlier []string     // "ignore what I said about the email code earlier": of an earlier message, no instruction here
	var langs []string       // languages the change named for the sessions
	var remarkErr error
	var cannot []string // notes on what the change asks that FaceSign cannot do ("via whatsapp")
	sentences := diffLines(editSentences(dropReaderGreeting(text)))
	sentences = p.splitAddedPlace(dropHesitations(p.dropMissedNote(sentences)))
	if sentences, err = p.subjectlessPlaces(sentences); err != nil {
		return Result{}, err
	}
	bulletAt := map[int]bool{} // parts[i] came from an item of a bulleted list
	skipJudged, judgedOnly := false, false
	for si, sentence := range sentences {
		// "- take recognition out\n- face scan goes first": the bullet marks
		// an item of a list and is no word of it; each item is read as a
		// sentence of its own (a list of bare names is still told apart below)
		sentence, bullet := dropBullet(sentence)
		sentence = dropSpeaker(sentence)
		sentence = dropForkLead(sentence)
		sentence = dropSameLead(sentence)
		ts := p.said.of(sentence)
		c, live, join := p.untoldCase(ts)
		said := strings.TrimSpace(sentence)
		if join >= 0 {
			// ("… for returning customers and add an email code": the case's
			// clause is read here, the change after it as a sentence of its own)
			said, sentence = clauseText(ts[:join]), clauseText(ts[join+1:])
		}
		if live {
			// "skip the liveness check for returning customers" on a flow
			// that recognises faces: FaceSign runs a liveness check after
			// every recognition, on either path, so it stays; read as a
			// removal it took the recognition and every path's checks with
			// it (rvC19 #2)
			p.assumptions = append(p.assumptions, "Kept the liveness check: FaceSign runs one after every face recognition, on every user's path, so \""+said+"\" leaves it in place ("+c+" included).")
			done = append(done, "kept the liveness check after the face recognition (see the assumptions)")
			if join < 0 {
				continue
			}
		} else if c != "" {
			// "If the user is a returning customer, no OTP", "skip the
			// liveness check for returning customers": as Build reads it,
			// every session keeps the step (rvY18 S22, rvN18 #18)
			p.assumptions = append(p.assumptions, "Read \""+said+"\" as said of one case only ("+c+"), which the flow cannot tell apart without a recognition, so every session keeps what it names; say what the flow should do in that case, or leave it out from your app.")
			done = append(done, "left the flow as it is")
			if join < 0 {
				continue
			}
		}
		if skipJudged {
			skipJudged = false // the replacement a judged length's sentence took in
			continue
		}
		if rest, note, ok := judgedLengthReplaced(sentence); ok {
			// "4 digits is too weak for the OTP, use 8": the length put in
			// place of the one judged, never the code ruled out
			p.assumptions = append(p.assumptions, note)
			sentence = rest
		} else if si+1 < len(sentences) && judgedLength(tokenize(sentence)) {
			// "4 digits is too weak; make it 8", "… too weak. Use 8.": the
			// replacement said in a sentence of its own
			if rest, note, ok := judgedLengthReplaced(strings.TrimRight(strings.TrimSpace(sentence), ".;") + ", " + sentences[si+1]); ok {
				p.assumptions = append(p.assumptions, note)
				sentence, skipJudged = rest, true
			}
		}
		next := ""
		if si+1 < len(sentences) {
			next = sentences[si+1]
		}
		if cut := dropSuggestionLead(sentence, next); cut == "" {
			// (a check taken away, skipped, retried or scoped on a question
			// is never done: rvC18 S1, S2, S17)
			p.assumptions = append(p.assumptions, "Did not act on \""+strings.TrimSpace(sentence)+"\": a \"why not\" question that would take a check away, skip, retry or limit it is not read as a change; say it as an instruction if you want it.")
			if len(sentences) == 1 {
				return Result{}, fmt.Errorf("flowbuild: nothing to change for %q: a \"why not\" question that would take a check away, skip, retry or limit it is not read as a change; say it as an instruction (\"remove the …\") if you want it", strings.TrimSpace(sentence))
			}
			continue
		} else if cut != sentence {
			// ("why not add an email code too?": a judgement call, said)
			p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(sentence)+"\" as a suggestion for the flow, so the change does what it suggests.")
			sentence = cut
		}
		sentence = dropApprovalExcept(sentence)
		if strings.Contains(strings.ToLower(sentence), "optional") {
			if ts := tokenize(sentence); hasRaw(ts, "optional") && analyze(ts, nil).neg != 0 {
				// "make liveness optional": no step of a flow can be skipped
				// at the user's choice; the removal it is read as is said
				// (rvC18 S17)
				p.assumptions = append(p.assumptions, "A FaceSign flow cannot make a check optional, so \""+strings.TrimSpace(sentence)+"\" was read as taking it out; say \"keep it\" if it should stay for everyone.")
			}
		}
		if n := thresholdWithoutFace(p, sentence); n != "" {
			// "lower the face match threshold to 0.5" on a flow with no face
			// comparison or recognition: a setting of a step that is not
			// there, never a step added for it (rvC18 S16)
			if len(sentences) == 1 {
				return Result{}, fmt.Errorf("flowbuild: nothing to change for %q: %s", strings.TrimSpace(sentence), n)
			}
			p.assumptions = append(p.assumptions, "Did not act on \""+strings.TrimSpace(sentence)+"\": "+n+".")
			continue
		}
		if ownAppWords(sentence) && onlyPermissionByApp(tokenize(sentence)) {
			// "camera permission is obtained by our mobile app", "our app
			// already asks for camera access": the app asks, so the flow
			// does not; never a permission step added for it
			if !p.holdsKind(p.steps, kPermissions) {
				msg := "the flow has no camera and microphone permission to take out, and the sentence says your app asks for it, so the flow stays as it is"
				if len(sentences) == 1 {
					return Result{}, fmt.Errorf("flowbuild: nothing to change for %q: %s", strings.TrimSpace(sentence), msg)
				}
				p.assumptions = append(p.assumptions, "Did not add a permission for \""+strings.TrimSpace(sentence)+"\": "+msg+".")
				continue
			}
			p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(sentence)+"\" as your app asking for the camera and microphone, so the flow no longer does.")
			sentence = "remove the camera and microphone permission"
		}
		placing := dropPlaceRuleLead(sentence) // ("Also, the SMS code must not be last")
		placingTs := p.said.of(placing)
		if step, ok := p.negatedPlace(placing, placingTs); ok {
			// "don't put the SMS code at the end", "the SMS code shouldn't be
			// last": a place ruled out says where the step must not go, not
			// where it goes, and never that it goes
			if len(sentences) == 1 {
				// (the example keeps it out of the place: after the first
				// other check for a first place, before the last one for a last)
				var others []string
				for _, s := range p.steps {
					if !s.k.isConversation() && s.k.String() != step {
						others = append(others, s.k.String())
					}
				}
				side, other := "before", "liveness check"
				if len(others) > 0 {
					other = others[len(others)-1]
				}
				if slices.ContainsFunc(tokenize(sentence), func(t token) bool { return lex.frontWord[t.raw] }) {
					side = "after"
					if len(others) > 0 {
						other = others[0]
					}
				}
				goes := "goes"
				if strings.Contains(step, " and the ") {
					goes = "go" // ("neither code should be first")
				}
				return Result{}, fmt.Errorf("flowbuild: %q rules a place out but does not say where the %s %s; say e.g. \"move the %s %s the %s\"", strings.TrimSpace(sentence), step, goes, step, side, other)
			}
			p.assumptions = append(p.assumptions, "Did not move the "+step+" for \""+strings.TrimSpace(sentence)+"\": it says where the step must not go, not where it goes.")
			sentence = "keep the " + step // (what "it" in the next sentence names)
		} else if place, ok := p.placeOfAdded(placing, placingTs, sentences[max(si-1, 0)]); si > 0 && ok {
			// "Add an email code. The email code shouldn't be last.": the
			// step added goes next to the place ruled out, not into it
			p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(sentence)+"\" as: "+place+".")
			sentence = place
		} else if step, ok := p.placeOfAbsent(placing, placingTs, sentences[:si]); ok {
			// "We don't use email codes; the email code shouldn't be first
			// anyway": where a step must not go adds no step the flow lacks
			msg := "the flow has no " + step + ", and the sentence only says where it must not go; say \"add an " + step + "\" if it should have one"
			if len(sentences) == 1 {
				return Result{}, fmt.Errorf("flowbuild: did not add the %s for %q: %s", step, strings.TrimSpace(sentence), msg)
			}
			p.assumptions = append(p.assumptions, "Did not add the "+step+" for \""+strings.TrimSpace(sentence)+"\": "+msg+".")
			continue
		}
		if kept, undone, ok := undoneEdit(sentence); ok {
			// "undo the reorder, liveness should be last", "undo the strict
			// threshold on liveness": an earlier edit or a setting taken
			// back, which the builder has no record of; never a removal of
			// the step named with it
			if kept == "" && len(sentences) == 1 {
				return Result{}, fmt.Errorf("flowbuild: cannot %q: the builder keeps no record of earlier edits or of what a setting was before; say what the flow should do now, e.g. \"move the liveness check to the end\"", undone)
			}
			p.assumptions = append(p.assumptions, "Did not \""+undone+"\": the builder keeps no record of earlier edits; say what the flow should do now.")
			if kept == "" {
				continue
			}
			sentence = kept
		}
		if strings.IndexByte(sentence, ':') > 0 {
			if name, ok := labelNotRemoved(sentence); ok {
				// "sms code: remove the expiry", "face compare: kill the
				// session if no match": a line about the step, no removal of
				// it; what it asks could not be read, so it is said back
				msg := "a line \"" + name + ": …\" with a sentence after it sets something of the step and does not take it out; say \"remove the " + name + "\" to take it out, or say the setting plainly, e.g. \"make the SMS code expire after 2 minutes\""
				if len(sentences) == 1 {
					return Result{}, fmt.Errorf("flowbuild: did not change the %s for %q: %s", name, strings.TrimSpace(sentence), msg)
				}
				p.assumptions = append(p.assumptions, "Did not change the "+name+" for \""+strings.TrimSpace(sentence)+"\": "+msg+".")
				continue
			}
		}
		sentence = verdictAsFailure(sentence)
		if kept, clause, ok := condRemoval(sentence); ok {
			// "remove it from the flow if delivery fails": a removal takes
			// the step out of every session; the condition cannot be kept,
			// so the step stays and a note says so
			msg := "a removal takes a step out of every session, so the step stays; to take it out say \"remove the …\" with no condition, or say what happens on the condition, e.g. \"if the SMS code fails, end the session\""
			if kept == "" && len(sentences) == 1 {
				return Result{}, fmt.Errorf("flowbuild: did not %q: %s", clause, msg)
			}
			p.assumptions = append(p.assumptions, "Did not \""+clause+"\": "+msg+".")
			if kept == "" {
				continue
			}
			sentence = kept
		}
		sentence = p.channelCorrection(sentence)
		sentence = p.resolveLabels(sentence)
		if q, ok := strings.CutSuffix(sentence, "?"); ok {
			if si+1 < len(sentences) && answersNo(sentences[si+1]) {
				if stay := askedToStay(q, p.steps); len(stay) > 0 {
					// "Should we keep the SMS code? No.", "Do we still need the
					// email code? No": a "no" to whether a step stays takes it
					// out; with more words ("Nope, remove it") they say what
					// to do, of the step the question named
					if lex.replyNo[strings.ToLower(strings.Trim(dropSpeaker(sentences[si+1]), " ,.!"))] {
						q = "remove the " + stepNames(stay)
					} else {
						// ("Do we need the email code? No, remove it": the
						// question itself asks for nothing; "it" is its step)
						remarks = append(remarks, q)
						sentences[si+1] = itReplaced(sentences[si+1], "the "+stepNames(stay))
						continue
					}
				} else if lead, asked := askedTail(q); lead != "" {
					// "Add an email code at the end, and maybe an SMS code too?
					// No.": the question is the sentence's last clause; what
					// comes before it is asked for
					remarks = append(remarks, asked)
					q = lead
				} else {
					// "the selfie too then? / no, keep it": a suggestion turned
					// down, as Build reads it
					remarks = append(remarks, q)
					continue
				}
			}
			sentence = q
		}
		if si > 0 && strings.HasSuffix(sentences[si-1], "?") && lex.replyNo[strings.ToLower(strings.Trim(sentence, " ,.!"))] {
			continue // the bare "no" itself
		}
		if si > 0 && strings.HasSuffix(sentences[si-1], "?") && answersNo(sentence) && keepsIt(sentence) {
			// "can we drop the selfie compare? no, we need it": the answer
			// turns the question down and keeps what it named
			kept = true
			continue
		}
		if si > 0 && strings.HasSuffix(sentences[si-1], "?") && answerTurnsDown(sentence) {
			// "add recognition before the liveness? hmm, not in this version",
			// "and driving licences? no, not those": the writer's own answer
			// turns the suggestion down and asks for nothing more
			kept = true
			continue
		}
		if rest, judged, ok := judgedChange(sentence); ok {
			// "email code instead of SMS — rejected by Tom, keep SMS": the
			// notes turn the change down; only what follows the verdict's
			// reason is asked
			remarks = append(remarks, judged)
			if sentence = rest; strings.TrimSpace(sentence) == "" {
				continue
			}
		}
		if laterChange(p.said.of(sentence)) {
			// "FYI, we're removing the ID scan next quarter, not now", "we're
			// still deciding on dropping the SMS": nothing changes now
			remarks = append(remarks, sentence)
			continue
		}
		sentence = keptByNegation(p.negatedOrder(progressiveChange(addTypo(contrastNot(sentence, p.steps)))))
		if named, gapped := p.penultimate(sentence); gapped {
			// "the sms should be first and the liveness the one before last":
			// the clause with no verb of its own is a move of its own, split
			// from the rest as "… and move the liveness before …" is
			sentence = named
		}
		first := true
		for pieces := splitInstructions(sentence); len(pieces) > 0; {
			part := pieces[0]
			pieces = pieces[1:]
			if head, tail, ok := p.butOther(part); ok {
				// "remove the sms code but the liveness must stay at the end":
				// the removal, then what the "but" says, each on its own
				part, pieces = head, append([]string{tail}, pieces...)
			}
			if head, tail, ok := actsThenGoes(part); ok {
				// "remove the SMS OTP, the email OTP will verify the user and
				// the liveness check will then go too": what the email OTP
				// does, then a second removal
				part, pieces = head, append([]string{tail}, pieces...)
			}
			if removal, ok := p.removalExcept(part); ok {
				// "rip out both codes except the sms one": the steps named go
				// but those of the exception
				p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(part)+"\" as \""+removal+"\".")
				part = removal
			}
			if len(parts) > 0 {
				if rest, ok := keepsAll(parts[len(parts)-1], part); ok {
					// "remove both codes. actually, keep them": the removal
					// taken back whole
					p.assumptions = append(p.assumptions, "Read \""+strings.Trim(strings.TrimSuffix(part, rest), " —–-")+"\" as keeping every step the removal before it named: nothing of it is removed.")
					parts, joined = parts[:len(parts)-1], joined[:len(joined)-1]
					kept = true
					if part = rest; strings.TrimSpace(part) == "" {
						continue
					}
				}
			}
			if len(parts) > 0 {
				if removal, rest, keptKs, gone, ok := p.keptBack(parts[len(parts)-1], part); ok {
					// "drop the document scan, and the permission step too...
					// hmm, keep the permission actually": the keep takes back
					// the part of the removal it names; the rest still goes
					p.assumptions = append(p.assumptions, "Read \""+strings.Trim(strings.TrimSuffix(part, rest), " —–-")+"\" as keeping "+theStepsOf(keptKs)+" the change removed before it; only "+theStepsOf(gone)+goesOf(gone)+".")
					parts[len(parts)-1], narrowed = removal, gone
					kept = true
					if part = rest; strings.TrimSpace(part) == "" {
						continue
					}
				}
				if p.saysRemovalAgain(part, narrowed) {
					// "just the doc", "only the face scan goes": the narrowed removal said again
					p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(part)+"\" as the removal said again, applied once.")
					continue
				}
			}
			// "make that an SMS... no wait, keep it email": a retraction takes back
			// the instruction before it; what follows it is the instruction
			if len(parts) > 0 {
				if goesOn, ok := rethinkGoesOn(parts[len(parts)-1], part); ok {
					// "come to think of it, also add a selfie", "on second
					// thought, make it 8 digits" after an expiry: the writer
					// goes on, the instruction before stands
					part = goesOn
				}
			}
			if obj, rest, ok := aboutRetraction(part); ok {
				// "ignore what I said about the age check, remove it": what it
				// names is what a "it" after it means; alone, it takes back the
				// instruction before that named it, or else the step it names,
				// which the flow has from what was said before ("disregard what I
				// wrote about the SMS code"), said as a judgement; a step the
				// flow does not have, or a setting of one ("forget what I said
				// about the SMS code length"), is of an earlier message and asks
				// nothing of the flow
				switch {
				case rest != "":
					part = itReplaced(rest, obj)
				case len(parts) > 0 && sharesStep(parts[len(parts)-1], obj):
					parts, joined = parts[:len(parts)-1], joined[:len(joined)-1]
					continue
				case p.hasAllNamed(obj) && !namesSettingKey(obj):
					p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(part)+"\" as taking out "+p.namedSteps(obj)+", which the flow had from what you said before; say so if you meant to keep it.")
					part = "remove " + obj
				default:
					earlier = append(earlier, part)
					continue
				}
			} else if rest, ok, said := rethinkKept(parts, part, first && si > 0 && strings.HasSuffix(sentences[si-1], "?")); ok {
				if strings.TrimSpace(rest) == "" && len(pieces) > 0 && rethinkOpens(strings.Fields(part)) > 0 {
					// "— come to think of it, make that 19": what the phrase
					// says instead is the piece after it
					rest, pieces = pieces[0], pieces[1:]
				}
				if len(parts) > 0 {
					taken := parts[len(parts)-1]
					parts, joined = parts[:len(parts)-1], joined[:len(joined)-1]
					switch again, ok := retake(strings.Fields(taken), rest, said); {
					case reason != "" && taken == reason:
						// "add an SMS code — scratch that, they've got a new SIM…
						// wait no, it's the same number": a retraction of a
						// retraction that asked for nothing brings back what
						// that one took
						parts, joined = append(parts, undone), append(joined, false)
						reason = ""
						if asksNothing(rest) {
							remarks = append(remarks, rest) // "no wait, they're fine with it": why, no instruction
							continue
						}
					case !ok:
						// "add an SMS code, make it 8 digits": no correction of
						// the instruction before, which stays
						parts, joined = append(parts, taken), append(joined, false)
					default:
						rest = again
						if asksNothing(rest) {
							reason, undone = rest, taken
						}
					}
				}
				part = rest
				if more := splitInstructions(rest); len(more) > 1 {
					// "sorry, keep the email code, just add a text message code
					// after it": what the retraction says instead may be more
					// than one instruction
					part, pieces = more[0], append(more[1:], pieces...)
				}
				if w := strings.Fields(strings.ToLower(part)); len(w) > 0 && lex.keepVerb[strings.Trim(w[0], ",;:")] && !hasEditVerb(w[1:]) {
					kept = true // "no wait, keep it email": the flow stays as it is
					if obj := strings.Join(strings.Fields(part)[1:], " "); len(pieces) > 0 && len(analyze(tokenize(obj), nil).steps) > 0 {
						// "sorry, keep the email code, but add an SMS code before
						// it": "it" is the step kept
						pieces[0] = itReplaced(pieces[0], obj)
					}
					continue
				}
			}
			// ("Also accept ID cards as well as driving licences" has its own verb)
			if w := strings.Fields(strings.ToLower(part)); len(parts) > 0 && len(w) > 1 && alsoLead[strings.Trim(w[0], ",;:")] && !hasEditVerb(w) && !slices.ContainsFunc(w, func(x string) bool { return lex.docVerb[strings.Trim(x, ",;:.")] }) {
				// "remove the SMS OTP. oh and the email one too": the verb of the
				// change before goes on to what is added to it; so it does to
				// steps named alone after "and", up to a reason ("oh and the
				// selfie + compare, we do that elsewhere now")
				names := ""
				if !slices.ContainsFunc(w[1:], func(x string) bool { return alsoTail[strings.Trim(x, ",;:")] }) {
					names = alsoNames(part)
				}
				if prev := strings.Fields(parts[len(parts)-1]); len(prev) > 0 && editVerbs[strings.ToLower(prev[0])] && (names != "" || slices.ContainsFunc(w[1:], func(x string) bool { return alsoTail[strings.Trim(x, ",;:")] })) {
					verb := prev[0]
					if len(prev) > 1 && lex.takeParticle[strings.ToLower(prev[1])] {
						verb += " " + prev[1] // "rip out …"
					}
					if names != "" {
						part = verb + " " + names
					} else {
						part = prev[0] + " " + alsoDropped(part)
					}
				}
			}
			if len(parts) > 0 {
				part = oneOfBefore(part, parts[len(parts)-1])
				part = onThatPath(part, parts[len(parts)-1])
				if restatesChange(part) {
					// "they'd rather get the passcode by text, switch it": the
					// verb and "it" say again the change just made
					continue
				}
			}
			if strings.TrimSpace(part) != "" {
				parts = append(parts, part)
				joined = append(joined, !first)
				bulletAt[len(parts)-1] = bullet
				first = false
			}
		}
	}
	if n := len(parts); reason != "" && n > 0 && parts[n-1] == reason && !hasSetting(tokenize(reason)) && statesWhy(reason) {
		// "remove the age check. ugh, no, the lawyers say we still need it",
		// "add an SMS code — scratch that, they've got a new SIM": the
		// retraction's own words say why and ask for nothing; no retraction
		// after them brought back what they took, so they are a remark (a
		// value they state is a setting: "actually no, make that 10 minutes";
		// words with no subject are what is left of an instruction, read as one)
		remarks = append(remarks, reason)
		parts, joined = parts[:n-1], joined[:n-1]
		kept = true
	}
	if len(parts) == 0 && kept {
		done = append(done, "nothing (the change was taken back)")
	}
	{
		fronted := false   // the new-user condition opened the part before ("for new users, …")
		told := 0          // the lines of p.sayBefore reported so far
		statedAge := 0     // an age limit a remark stated ("Legal says the product is 21+ only."), for a later "the age check"
		listing := false   // the part before only named steps of the flow (bareNames)
		var before kindSet // the kinds the flow had before the change
		for _, s := range p.steps {
			before.add(s.k)
		}
		openNext := -1 // the part after an open item's heading cut off alone ("TBD:")
		for pi := 1; pi < len(parts); pi++ {
			// "remove the second code, and cap the first one at 3 attempts":
			// an ordinal counts the steps of the flow the writer sees, before
			// the parts ahead of it change it
			parts[pi] = p.ordinalNamed(parts[pi])
		}
		for pi, part := range parts {
			ts := p.said.of(part) // (a sentence of one part: the tokens its tests read above)
			if pi > 0 && hasRaw(ts, "them") && (removes(strings.Fields(part)) || hasSetting(ts) && readSettings(ts).any()) && len(analyze(ts, p.steps).steps) == 0 && !slices.Contains(negations(ts), true) {
				if group := pluralStep(tokenize(parts[pi-1])); group != "" {
					// "our customers are moaning about the codes. could we take out
					// both of them?", "swap the two codes, and make both of them
					// expire after 10 minutes": "them" are every step the part
					// before named in the plural, not the one it touched last
					part = themAs(part, "all the "+group)
					ts = tokenize(part)
				} else if named := p.flowStepsIn(tokenize(parts[pi-1])); len(named) > 1 {
					// "swap the email code and the SMS code, then make them 8
					// digits": "them" are the steps the part before named
					part = themAs(part, "the "+stepNames(named))
					ts = tokenize(part)
				}
			}
			if k := numberedLabel(ts); k > 0 {
				// "Finding 1: the email fallback bypasses liveness": the label of
				// an item in a list (a review's finding, a ticket's point) is no
				// setting; what follows it is the sentence
				part = clauseText(ts[k:])
				ts = tokenize(part)
			}
			if hasRaw(ts, "instruction", "instructions") {
				if line, ok := captureLine(part); ok {
					// "capture instructions: tell them to remove glasses and
					// hats": a setting of the face scan, the words it shows
					// (never a removal of what "remove" names)
					if fs := p.stepOf(kFaceScan); fs != nil {
						fs.phrase = quoteW + line + quoteW
						if fs.node != nil {
							fs.node.CaptureInstructions = line
						}
						done = append(done, "set the face scan's capture instructions to \""+strings.TrimSuffix(line, ".")+"\"")
					} else {
						p.assumptions = append(p.assumptions, "Did not use \""+strings.TrimSpace(part)+"\": the flow has no face scan to show capture instructions; ask for a face scan to add one.")
						if remarkErr == nil {
							remarkErr = fmt.Errorf("flowbuild: %q gives capture instructions, but the flow has no face scan to show them; add a face scan first", strings.TrimSpace(part))
						}
					}
					continue
				}
			}
			if k := offScopeLead(ts); k > 0 {
				// "Out of scope now: the SMS code and the licence scan": a heading
				// that rules out what it lists, as Build reads it, takes those
				// steps out of the flow
				part = "remove " + clauseText(ts[k:])
				ts = tokenize(part)
			}
			if k, change := keptExcept(ts); k > 0 {
				// "keep everything except the email bit": what the exception
				// names goes, as in "remove the email bit"; the rest stays
				// ("keep all of it, except put the liveness check first": the
				// exception is the change)
				part = "remove " + clauseText(ts[k:])
				if change {
					part = clauseText(ts[k:])
				}
				ts = tokenize(part)
			}
			if pi > 0 && p.restates(ts, before) {
				// "put an SMS code right at the very start … we want to confirm the
				// phone before spending money on the biometric bits": why the step
				// just added is wanted, not a second one
				remarks = append(remarks, part)
				continue
			}
			if pi > 0 && stepActs(strings.Fields(part)) && (removes(strings.Fields(parts[pi-1])) || removedPassive(strings.Fields(parts[pi-1]))) {
				// "remove the SMS OTP, the email OTP can do it": what the step
				// that stays does, said beside the removal; no change
				remarks = append(remarks, part)
				continue
			}
			if judgedLength(ts) {
				// "4 digits is not acceptable for the SMS code": a length judged
				// too weak, never the code ruled out; the code stays
				if p.find(kOTP) < 0 {
					// "remove the SMS code; 4 digits is too weak anyway": the
					// reason for a removal, no code left to set
					p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(part)+"\" as the reason given for the change; the flow has no one-time code left to set a length on.")
				} else {
					p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(part)+"\" as a code length judged too weak, not as leaving the code out; the code stays, so say which length to use (4 to 8 digits).")
				}
				judgedOnly = true
				continue
			}
			if pi > 0 && hasPhrase(ts, lex.sameCase) && !hasPhrase(ts, lex.totalBan) && !hasAnyRaw(ts, lex.beyondCase) && (slices.Contains(negations(ts), true) || hasRaw(ts, "no")) && slices.ContainsFunc(parts[max(0, pi-2):pi], func(q string) bool { return clauseStartsIf(tokenize(q)) }) {
				// "if liveness fails hand to agent; no OTP SHALL be sent in that
				// case": what is left out in the case just named is no removal
				// from every session; the step stays on every other path
				p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(part)+"\" as said of the case before it only, so every other path keeps what it names.")
				continue
			}
			switch cond, _ := editCondition(ts, p.steps); {
			case cond.k == condNewUser:
				carried, fronted = "for new users, ", clauseStartsIf(ts)
			case cond.k == condMain && p.find(kRecognition) >= 0 && knownUsersLead(ts) > 0 && addsStep(ts[knownUsersLead(ts):]) && len(analyze(ts[:knownUsersLead(ts)], p.steps).steps) > 0 &&
				!analyze(ts[knownUsersLead(ts):], p.steps).front:
				// ("for recognised users, add an SMS code at the start": the start
				// of their path, which recognisedPathEdit finds)
				// "For recognised users only: add an SMS code after the liveness":
				// the recognised users' path is the main one, where a step goes
				// anyway; the condition names those users, not a recognition to
				// add (a lead that names no step, "for returning users", stays)
				ts = ts[knownUsersLead(ts):]
				part = clauseText(ts)
				carried, fronted = "", false
			case cond.k == condNone && carried != "" && (hasAnyRaw(ts, lex.personPronoun) || fronted && joined[pi]):
				// "New users shouldn't get the email code; give them a passport scan
				// instead": "them" are the new users, so the change is to their
				// branch; so is "add an SMS code" in "for new users, remove the
				// passport and add an SMS code"
				part = carried + part
			default:
				carried, fronted = "", false
			}
			// ("compliance says we don't need them": a request about the steps
			// a list before named, bareNames, not only its reason)
			if head, tail, ok := excludedTail(part); ok && remarkOnly(tokenize(head)) {
				// "this is for device recovery so they won't have their phone -
				// no sms", "compliance flagged SIM swaps: no SMS": the remark
				// says why; the exclusion after the dash or colon is the
				// change, not part of the remark ("legal says we need an ID
				// scan - no SMS" asks for a step: not a remark, read whole)
				remarks = append(remarks, head)
				part, ts = tail, tokenize(tail)
			}
			groupOut := len(p.named) > 1 && negatedGroup(ts)
			if reported(ts) && len(parts) > 1 && !groupOut {
				// "Support says people can't get into their inbox.": the reason for
				// the change; the step it names is what a later "it" means ("QA says
				// people drop off at the OTP — swap it with the liveness check")
				p.touchNamed(ts)
				if ageRequired(ts) {
					statedAge = max(statedAge, ageIn(ts))
				}
				continue
			}
			if cs := splitClauses(ts); len(parts) > 1 && (usersLack(ts) && asidesAfter(cs) || usersWhen(ts) && len(cs) == 1) {
				// "half our users never open their email on mobile — replace the
				// email code with one that comes by text": why, as Build reads it
				// (with an aside that asks for nothing, "hosts don't read email
				// (we checked, 11% open rate)", still a why)
				remarks = append(remarks, part)
				if named := lackedSteps(ts, p.steps); pi+1 < len(parts) && named != "" {
					// "Drivers don't receive SMS. Get rid of it.": "it" is
					// the step the users lack
					parts[pi+1] = itReplaced(parts[pi+1], named)
				}
				continue
			}
			if len(parts) > 1 && narrative(ts) && len(splitClauses(ts)) == 1 {
				// "we used to send codes by email. now make the sms code 8 digits":
				// what the flow did before, as Build reads it, not a step to add
				remarks = append(remarks, part)
				continue
			}
			if pi > 0 && hasAnyRaw(ts, lex.swapVerb) && swapSaidAgain(tokenize(parts[pi-1]), ts, p.steps) {
				// "swap the two codes around. wait, does the email one have to
				// go first? no? ok swap them": the same swap said twice is one
				p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(part)+"\" as the swap before it said again, applied once.")
				continue
			}
			if pi > 0 && swappedAgain(tokenize(parts[pi-1]), ts, p.steps) {
				// "swap the liveness and the SMS code. code first, liveness
				// last": the order the swap before made, said again
				remarks = append(remarks, part)
				continue
			}
			if head, ok := dropSwapOrder(part, p.steps); ok {
				part, ts = head, tokenize(head) // "swap the two codes round, email first then SMS": the swap, then the order it makes
			}
			if head, ok := dropMoveResult(part, p.steps); ok {
				part, ts = head, tokenize(head) // "move liveness to the front, so that the email steps come last": the move, then where it leaves the rest
			}
			if head, ok := dropRestRemark(part, p.steps); ok {
				part, ts = head, tokenize(head) // "only accept passports, nothing else changes": the change, then a remark
			}
			if agreedOn(ts, p.steps) {
				// "ok, email it is", "SMS it is then": a thread agreeing on what
				// the change already has asks for nothing more
				remarks = append(remarks, part)
				continue
			}
			if openItem(part) || pi == openNext {
				// "open question: keep SMS? (parked)", "Parked: an ID scan
				// fallback": what the notes leave open asks for no change (a
				// heading cut off on its own leaves the next part open)
				if _, rest, _ := strings.Cut(part, ":"); pi != openNext && strings.TrimSpace(rest) == "" {
					openNext = pi + 1
				}
				remarks = append(remarks, part)
				continue
			}
			if pi > 0 && oldPlace(ts, tokenize(parts[pi-1])) {
				// "swap the SMS code for an email code, put it where the SMS one
				// was": a replacement takes the place of the step it replaces
				remarks = append(remarks, part)
				continue
			}
			if len(parts) > 1 && bulletAt[pi] && bareNames(ts, p.steps) {
				// "- data validation\n- email entry\n- email code\n(compliance
				// says we don't need them)": a list of steps the flow has, named
				// for what a later sentence says of them ("them", "both")
				if !listing {
					p.named = p.named[:0]
				}
				listing = true
				for _, s := range analyze(ts, p.steps).steps {
					if k := p.find(s.k); k >= 0 && !slices.Contains(p.named, p.steps[k].k) {
						p.named = append(p.named, p.steps[k].k)
					}
				}
				continue
			}
			listing = false
			// (a gerund's remark is one alone too: "Adding an email code would
			// annoy users, so don't" asks for nothing)
			remark := gerundRemark(part)
			if (len(parts) > 1 && (statement(ts) || remark || negatedChangeVerb(strings.Fields(part)) > 0) || remark && refusedAfter(part)) && !groupOut {
				// "The face scans we got were blurry and matched badly.", "their
				// email is what got hacked": the background of the change, which
				// names steps but asks for none; the step it names is what a later
				// "it" means (said not to be changed, "don't put the email code
				// at the end; put it first", the step is named all the same)
				named := ts
				if v := negatedChangeVerb(strings.Fields(part)); v > 0 {
					named = tokenize(strings.Join(strings.Fields(part)[v:], " "))
				}
				p.touchNamed(named)
				p.named = p.named[:0]
				if ageRequired(ts) {
					statedAge = max(statedAge, ageIn(ts)) // (not "we had a 15 year old sign up")
				}
				for _, s := range analyze(named, nil).steps { // (the flow's compare would take in "the ID scan and the compare")
					if p.find(s.k) >= 0 {
						p.named = append(p.named, s.k)
					}
				}
				remarks = append(remarks, part)
				if remark && turnsDown(part) {
					// "…, so don't": an answer, the flow as it was
					done = append(done, "made no change (\""+strings.TrimSpace(part)+"\" turns the change down)")
				}
				continue
			}
			if age := ageIn(ts); age > 0 && !has(ts, "age") && !addsStep(ts) && ageRequired(ts) && p.find(kAgeCheck) < 0 && ageCheckLater(parts[pi+1:]) {
				// "couriers need to be 21+. Add the age check right after the
				// ID scan.": the limit, then the check that holds it, one step
				// at that age (the part after reads it, below), not a check
				// at 21 and another at the default
				statedAge = max(statedAge, age)
				continue
			}
			if statedAge > 0 && has(ts, "age") && ageIn(ts) == 0 && p.find(kAgeCheck) < 0 {
				// "Legal says the product is 21+ only. Add the age check right
				// after the document scan.": the age check is the limit the
				// remark stated, not the default one. Only a check the flow does
				// not have yet is being added: with one already there, "the age
				// check" is that step ("Remove the age check.", "Don't touch the
				// age check."), and the remark is background, not a new limit
				part += ", " + strconv.Itoa(statedAge) + "+"
				ts = tokenize(part)
			}
			if keepsNamed(ts, p.steps) {
				// "Don't touch the SMS code, leave it as it is.": the step stays as
				// it is; a later "it" is that step ("keep the SMS code, but add an
				// email code before it")
				p.touchNamed(ts)
				if v := slices.IndexFunc(ts, func(t token) bool { return lex.removeVerb[t.raw] || lex.untouchVerb[t.raw] }); v >= 0 {
					p.touchNamed(ts[v+1:])
				}
				continue
			}
			if keepsRest(ts, p.steps) {
				continue // "Don't add anything.", "Same steps otherwise.": the rest stays as it is
			}
			if l, names := langsIn(ts); len(l) > 0 && len(analyze(ts, p.steps).steps) == 0 {
				// "the whole session needs to be in French": a setting of the
				// session, kept beside the flow as Build keeps it
				langs = append(langs, l...)
				done = append(done, "the sessions run in "+nounList(names))
				p.assumptions = append(p.assumptions, langsNote(names))
				// "run the whole session in French, and check whether they're a
				// politically exposed person": the clauses that name no language
				// are read on as the change
				var rest []string
				for _, c := range splitClauses(ts) {
					if l, _ := langsIn(c.toks); len(l) == 0 && len(c.toks) > 1 {
						rest = append(rest, clauseText(c.toks))
					}
				}
				if len(rest) == 0 {
					continue
				}
				part = strings.Join(rest, ", ")
				ts = tokenize(part)
			}
			if numbered := stepByNumber(part); numbered != strings.Join(strings.Fields(part), " ") {
				part, ts = numbered, tokenize(numbered)
			}
			if named, _ := p.penultimate(part); named != part {
				part, ts = named, tokenize(named)
			}
			if named := frontedPlaceComma(part, p.steps); named != part {
				part, ts = named, tokenize(named)
			}
			if named := whatFollowsIs(part); named != part {
				part, ts = named, tokenize(named)
			}
			if named := p.stepsBeyond(part); named != part {
				part, ts = named, tokenize(named)
			}
			if named := p.placeAsName(part); named != part {
				part, ts = named, tokenize(named)
			}
			part = p.resolvePlace(part)
			if slices.ContainsFunc(ts, func(t token) bool {
				return lex.ordinal[t.raw] > 0 || t.w == "penultimate" || lex.shiftUp[t.raw] || lex.shiftDown[t.raw]
			}) ||
				slices.ContainsFunc(ts[:max(len(ts)-1, 0)], func(t token) bool { return lex.lastPlace[t.raw] }) && hasAnyRaw(ts, lex.placeStep) ||
				hasAnyRaw(ts, lex.placeStep) && hasRaw(ts, "before", "after") {
				// (only a part with a word of place is read again for one; each
				// reading names one place, so a part with two, "swap the last
				// check and the first check", is read again)
				for range 3 {
					named := p.placeRefs(part)
					if named == part {
						break
					}
					part = named
				}
			}
			if rest, ok := sameFor(part); ok && p.removed > 0 {
				// "…, get rid of it. Same for the OTP, we don't want it in
				// enrollment.": the removal again, for what this part names
				part, ts = "remove "+rest, tokenize("remove "+rest)
			} else if len(p.goneSince(before)) > 0 && goesToo(ts, p.steps) {
				// "drop the licence scan and the compare. the selfie too then?
				// … yeah the selfie goes too": after a removal, a step named with
				// "too" and no verb of its own goes the same way
				part = "remove " + clauseText(goneNamed(ts))
				ts = tokenize(part)
			}
			if d, ok, err := p.resetSetting(ts); ok {
				// "drop the 2-attempt limit on the SMS code": the limit goes, the step stays
				if err != nil {
					return Result{}, err
				}
				done = append(done, d...)
				continue
			}
			if s := p.wishKept(part); s != nil {
				// "move liveness to the end, and we need the SMS code because
				// of PSD2": a wish for a step the flow has keeps it, and adds
				// no second one
				p.touched = s
				done = append(done, "kept the "+s.k.String())
				continue
			}
			var had kindSet
			for _, s := range p.steps {
				had.add(s.k)
			}
			notes := cannotNotes(ts)
			for _, n := range notes {
				if !slices.Contains(cannot, n) {
					cannot = append(cannot, n)
				}
			}
			if pi > 0 && joined[pi] && opensOnSetting(strings.Fields(parts[pi-1])) && p.find(kDocument) >= 0 && len(analyze(ts, p.steps).steps) == 0 {
				// "accept national ID cards, add a retry if it fails": the
				// document scan whose types the part before set is what "it"
				// means, not every check
				if w := strings.Fields(part); slices.Contains(w, "it") {
					w[slices.Index(w, "it")] = "the document scan"
					part = strings.Join(w, " ")
					ts = tokenize(part)
				}
			}
			d, err := p.apply(part)
			for k, sb := range p.sayBefore {
				// a told line beside the step it speaks of, wherever the change
				// moves that step ("tell them which number we're texting. Put
				// the SMS code first.")
				if i := slices.Index(p.steps, sb[0]); err == nil && i >= 0 && slices.Contains(p.steps, sb[1]) {
					p.steps = slices.Delete(p.steps, i, i+1)
					p.steps = slices.Insert(p.steps, slices.Index(p.steps, sb[1]), sb[0])
					if k >= told {
						d = append(d, "added "+sb[0].k.withArticle()+" before the "+sb[1].k.String())
					}
				}
			}
			told = len(p.sayBefore)
			if gone := p.goneSince(had); len(gone) > 0 {
				p.named = gone // what went, for a "take both out" after it
			}
			if st := readSettings(ts); err == nil && p.touched != nil && p.touched.node == nil && st.any() && st.accepts(p.touched.k) {
				// "replace the email code with an 8 digit sms code", "put an email
				// code in its place, expiring after 5 minutes": the new step's settings
				st.apply(p.touched)
			}
			if key := providedKey(ts); err == nil && key != "" {
				// "compare them 1:1 with the profile photo we send in providedData
				// (key profilePhoto) instead": the key of the photo the new step reads
				setProvidedKey(p.steps, key, true)
			}
			if err != nil && len(done) > 0 && has(ts, "no") && hasAnyRaw(ts, lex.doneRef) && len(analyze(ts, p.steps).steps) == 0 {
				// "Remove the permissions step and the SMS; we don't need either.": a
				// reason that points back at what the change just did, not a change
				continue
			}
			if err == errVagueReplace && pi < len(parts)-1 {
				// "Our compliance person … wants the face scan with the challenge
				// instead. Swap the liveness check for a face scan …": what the
				// next sentence spells out; it fails the change only if nothing
				// else changes
				remarks = append(remarks, part)
				if remarkErr == nil {
					remarkErr = err
				}
				continue
			}
			if _, ok := err.(noStepError); ok {
				// "Is too long for the users.", "Main path should remain same.": a
				// sentence that names no step and asks for no operation is a remark
				// about the change; it fails the change only if nothing else changes
				remarks = append(remarks, part)
				if remarkErr == nil {
					remarkErr = err
				}
				continue
			}
			if err == errVagueReplace && len(notes) > 0 {
				return Result{}, fmt.Errorf("flowbuild: %s", notes[0]) // "swap sms for whatsapp": what FaceSign cannot do, not how to word it
			}
			if err != nil {
				return Result{}, err
			}
			done = append(done, d...)
			p.prevPart = ts
		}
	}
	if len(done) == 0 && (len(earlier) > 0 || judgedOnly && remarkErr == nil) {
		// ("4 digits is too weak.": the judgement is said in an assumption,
		// and the flow keeps the length until the user names another)
		done = append(done, "left the flow as it is")
	}
	if len(done) == 0 && remarkErr != nil {
		return Result{}, remarkErr
	}
	if len(done) == 0 {
		return Result{}, fmt.Errorf("flowbuild: could not tell what to change from %q; say e.g. \"add an SMS code after the liveness check\", \"remove the email code\", \"use email instead of SMS\", \"do the liveness check first\"", text)
	}
	if hadDocument {
		done = append(done, p.dropOrphans()...)
	}
	// a code the change left without a channel goes, as in Build, to the email
	// address the flow collected before it ("right after they enter the email, send a code")
	p.assumptions = append(p.assumptions, channelFromContext(p.steps)...)
	qs := resolveSteps(p, opts)
	res, err := p.result()
	if err != nil {
		return Result{}, err
	}
	res.Summary = "Changed: " + joinDone(done) + " " + res.Summary
	for _, r := range remarks {
		res.Assumptions = append(res.Assumptions, "Read \""+strings.TrimSpace(r)+"\" as a remark about the change, not as a step to add.")
	}
	for _, e := range earlier {
		res.Assumptions = append(res.Assumptions, "Read \""+strings.TrimSpace(e)+"\" as taking back something from an earlier message, which this flow does not hold apart; nothing was changed for it. Say what to change, e.g. \"remove the email code\".")
	}
	for _, n := range cannot {
		// "send the code via whatsapp instead": what FaceSign cannot do is said,
		// as Build says it, even when the rest of the change went through
		if !slices.ContainsFunc(res.Assumptions, func(a string) bool { return strings.Contains(a, n) }) {
			res.Assumptions = append(res.Assumptions, n)
		}
	}
	res.Settings = SessionSettings{AvatarID: opts.AvatarID, Langs: opts.Langs}
	if len(res.Settings.Langs) == 0 {
		res.Settings.Langs = langs
	}
	res.Questions = qs
	if res.Questions == nil {
		res.Questions = []Question{}
	}
	return res, nil
}

// joinDone joins what a change did: items are phrases ("removed the SMS code")
// joined by semicolons, or sentences of their own, which keep their full stop.
func joinDone(done []string) string {
	var b strings.Builder
	for i, d := range done {
		if i > 0 {
			if strings.HasSuffix(done[i-1], ".") {
				b.WriteString(" ")
				if d != "" {
					d = strings.ToUpper(d[:1]) + d[1:] // a phrase that follows a sentence opens one
				}
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(d)
	}
	if s := b.String(); !strings.HasSuffix(s, ".") {
		b.WriteString(".")
	}
	return b.String()
}

// cannotNotes are the notes on what the words ask that FaceSign cannot do
// (lex.unsupported), once each; the part's first word is its verb ("push the
// selfie to the end"), and a screening is noted where it is read.
func cannotNotes(ts []token) []string {
	var notes []string
	for i, t := range ts {
		if n := unsupportedAt(ts, i); n != "" && i > 0 && !t.in(hListCheck) && !slices.Contains(notes, n) {
			notes = append(notes, n)
		}
	}
	return notes
}

// noStepError: a sentence of a change names no step and no operation.
type noStepError string

// errVagueReplace: a replacement names what comes in but not what goes ("our
// compliance person wants the face scan with the challenge instead").
var errVagueReplace = errors.New("flowbuild: say what to replace and with what, e.g. \"use email instead of SMS for the code\"")

func (e noStepError) Error() string {
	return fmt.Sprintf("flowbuild: %q names no step to add; name one, e.g. \"add an SMS code after the liveness check\"", string(e))
}

// dropReaderGreeting cuts a greeting to the reader off the front of a change
// ("Hello again — could we make the scan only accept passports?", "Hi Sam,
// …", "Hey there! …"): a greeting word, at most two words more, then a pause
// (a comma, a dash, a stop); what follows is the change. The words are no
// line for the avatar, and "again" in them asks for no retry.
func dropReaderGreeting(text string) string {
	rest := strings.TrimLeft(text, " \t\n")
	for n := 0; n < 4; n++ {
		end := strings.IndexAny(rest, " \t\n")
		if end < 0 {
			end = len(rest)
		}
		w, after := rest[:end], strings.TrimLeft(rest[end:], " \t\n")
		bare := strings.TrimRight(w, ",;:.!—–-")
		if n == 0 && !readerGreeting(bare) || n > 0 && (bare == "" || editVerbs[strings.ToLower(bare)] || lex.greetNoun[strings.ToLower(bare)]) {
			return text // ("Hello message: change it to …": the greeting line itself)
		}
		switch {
		case len(bare) < len(w):
			return after // "Hello again, …", "Hi! …", "Hello—…"
		case strings.HasPrefix(after, "—") || strings.HasPrefix(after, "–") || strings.HasPrefix(after, "- ") || strings.HasPrefix(after, "-- "):
			return strings.TrimLeft(strings.TrimLeft(after, "—–-"), " \t\n") // "Hello again — …"
		}
		rest = after
	}
	return text
}

// dropSpeaker cuts the name of who wrote a line of a pasted chat off its front
// ("Dana: drop the recognition", "@ines: swap …", "> Leo: …", "Priya K: …"):
// one or two words before a colon, a handle or names the lexicon does not
// know, naming no step. The line is what that person asks; the name is no
// heading ("Liveness: move it first" keeps its step).
func dropSpeaker(sentence string) string {
	rest := strings.TrimLeft(sentence, "> \t")
	colon := strings.IndexByte(rest, ':')
	if colon <= 0 || strings.TrimSpace(rest[colon+1:]) == "" {
		return sentence
	}
	name := strings.Fields(rest[:colon])
	if len(name) == 0 || len(name) > 2 {
		return sentence
	}
	for _, w := range name {
		if strings.HasPrefix(w, "@") {
			continue
		}
		ts := tokenize(w)
		if len(ts) != 1 || ts[0].known || ts[0].isNum || !startsUpper(w) {
			return sentence
		}
	}
	return strings.TrimSpace(rest[colon+1:])
}

// dropSameLead cuts a lead that keeps the flow as it is off the front of a
// change ("same but skip the selfie", "same thing, except no SMS", "ditto,
// only with an email code at the end"): "same" and at most three words that
// say what stays ("thing", "flow as before"), then "but", "except" or "only";
// what follows is the change. "Same" there is no comparison of faces, and a
// lead with no such word ("same for the OTP", "same place as before") stays.
func dropSameLead(sentence string) string {
	words := strings.Fields(sentence)
	if len(words) < 3 || !lex.sameLead[strings.ToLower(strings.Trim(words[0], ",;:.!—–-"))] {
		return sentence
	}
	for i := 1; i < len(words) && i <= 4; i++ {
		w := strings.ToLower(strings.Trim(words[i], ",;:.!—–-"))
		switch {
		case lex.sameLeadCut[w]:
			if i+1 < len(words) {
				return strings.Join(words[i+1:], " ")
			}
			return sentence
		case w == "" || lex.sameLeadFill[w]:
		default:
			return sentence
		}
	}
	return sentence
}

// ownAppWords is the cheap word test before onlyPermissionByApp tokenizes a
// sentence: appDoes needs "our"/"my" before the app, or "itself".
func ownAppWords(s string) bool {
	for _, w := range [...]string{"our ", "Our ", "OUR ", "my ", "My ", "itself"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// onlyPermissionByApp: the integrator's app does what ts names, and every
// step ts names is the camera and microphone permission ("camera permission
// is obtained by our app").
func onlyPermissionByApp(ts []token) bool {
	if !hasAnyRaw(ts, lex.appNoun) || !appDoes(ts) || outsideFlow(ts) || hasAnyRaw(ts, lex.appPermBar) {
		// ("camera permission is NOT obtained by our app, so keep it", "…
		// by our app only on iOS", "… and again inside the flow": the flow
		// still asks, at least for some users)
		return false
	}
	a := analyze(ts, nil)
	return len(a.steps) > 0 && !slices.ContainsFunc(a.steps, func(s *step) bool { return s.k != kPermissions })
}

// dropSuggestionLead cuts the "why not" that puts a change as a suggestion
// to us ("why not add an email code too?", "why don't we put a passport scan
// first?"): the rest is the change asked for (suggestionLead), not a question
// for the avatar to ask.
//
// Only a suggestion that adds a step (suggestsAdding) and that the next
// sentence does not answer ("Why not add an SMS code? Because it costs too
// much."): the rest is left as written.
func dropSuggestionLead(sentence, next string) string {
	if t := strings.TrimLeft(sentence, " \t\n-*•"); len(t) < 4 || !strings.EqualFold(t[:3], "why") {
		return sentence // (the cheap test first: most sentences open otherwise)
	}
	words := strings.Fields(sentence)
	if len(words) < 3 || !strings.EqualFold(strings.Trim(words[0], ",;:.!—–-"), "why") {
		return sentence
	}
	var ts []token
	for _, w := range words[:min(len(words), 5)] {
		wt := tokenize(w)
		if len(wt) == 0 {
			break
		}
		ts = append(ts, wt[0])
	}
	if k := suggestionLead(ts); k > 0 && k < len(words) {
		rest := strings.Join(words[k:], " ")
		if rt := tokenize(rest); !suggestsAdding(rt) {
			if suggestsTaking(rt) {
				return "" // "why not skip liveness for returning customers?": no change (Edit says so)
			}
			return sentence
		}
		if nt := tokenize(next); len(nt) > 0 && lex.suggestAnswer[nt[0].raw] {
			return sentence
		}
		return rest
	}
	return sentence
}

// suggestsTaking: what a "why not" suggests takes a check away, retries it,
// skips it, makes it optional or limits it to some users ("skip liveness for
// returning customers", "make liveness optional", "drop the email code"):
// never read as a change, whatever the writer meant by the question.
func suggestsTaking(ts []token) bool {
	for _, t := range ts {
		if lex.suggestBar[t.raw] || lex.removeVerb[t.raw] || t.in(hCondNew) || t.in(hCondKnown) || t.in(hNewcomer) {
			return true
		}
	}
	return false
}

// entryKept: the change keeps the email entry in words of its own ("…, but
// still ask for their email", "we still collect the email address"), so that
// email ruled out "at all" is the code alone. (Read only when a rule asks: the
// whole change tokenized for every edit cost about 2% of Edit.)
func (p *plan) entryKept() bool { return keepsEntry(tokenize(p.change)) }

// keepsEntry: the words keep collecting the email address ("but still ask
// for their email", "keep collecting their address for receipts", "We still
// collect the email address though"): a word of lex.entryKeep, then within
// five words "email" or "address".
func keepsEntry(ts []token) bool {
	for i, t := range ts {
		if !lex.entryKeep[t.raw] {
			continue
		}
		for _, u := range ts[i+1 : min(i+6, len(ts))] {
			if u.raw == "email" || u.raw == "address" || u.raw == "e-mail" {
				return true
			}
			if u.w == "." {
				break
			}
		}
	}
	return false
}

// ruledOutWhole: the words rule something out whole ("at all", "never",
// "whatsoever"; totalBanPhrases).
func ruledOutWhole(ts []token) bool { return hasPhrase(ts, lex.totalBan) }

// remarkOnly: the words before a bare exclusion are a remark that asks for
// nothing: a statement or a report, with no request inside it (excludedTail).
func remarkOnly(ts []token) bool { return (statement(ts) || reported(ts)) && !asksInRemark(ts) }

// namesEmailAlone: the words name email alone, with no code or entry noun
// after it ("don't use email at all", not "the email code").
func namesEmailAlone(ts []token) bool {
	for i, t := range ts {
		if t.w == "email" && (i+1 == len(ts) || ts[i+1].w != "code" && !lex.entryNext[ts[i+1].raw]) {
			return true
		}
	}
	return false
}

// excludedTail splits a part at its last dash or colon when what follows is a
// bare exclusion of steps ("… - no sms", "…: without the selfie"): a word of
// lex.exclusionLead, at most five words more, naming a step and with no verb
// of change of its own.
func excludedTail(part string) (head, tail string, ok bool) {
	words := strings.Fields(part)
	at := -1
	for i := len(words) - 2; i > 0; i-- {
		if isDash(words[i]) || strings.HasSuffix(words[i], ":") {
			at = i
			break
		}
	}
	if at < 0 || len(words)-at-1 > 6 || !lex.exclusionLead[bareWord(words[at+1])] || hasEditVerb(words[at+1:]) {
		return "", "", false
	}
	tail = strings.Join(words[at+1:], " ")
	if a := analyze(tokenize(tail), nil); len(a.steps) == 0 && a.neg == 0 {
		return "", "", false
	}
	if isDash(words[at]) {
		head = strings.Join(words[:at], " ")
	} else {
		head = strings.TrimSuffix(strings.Join(words[:at+1], " "), ":")
	}
	return head, tail, true
}

// wishKept is the step of the flow a wish split off a change names ("…, and
// we need the SMS code because of PSD2", "…, and they still need the SMS
// code"), when the flow has that step once and the wish asks nothing more of
// it: no place, no setting, no second one. nil otherwise.
func (p *plan) wishKept(part string) *step {
	words := strings.Fields(part)
	if !wishesStep(words) {
		return nil
	}
	ts := tokenize(part)
	if readSettings(ts).any() || hasAnyRaw(ts, lex.wishMore) || hasAnyRaw(ts, lex.placeStep) && slices.ContainsFunc(ts, func(t token) bool { return lex.ordinal[t.raw] > 0 || lex.lastPlace[t.raw] }) {
		return nil
	}
	named := analyze(ts, p.steps).steps
	if len(named) != 1 || named[0].k.isConversation() {
		return nil
	}
	var found *step
	for _, s := range p.steps {
		if s.k == named[0].k {
			if found != nil {
				return nil
			}
			found = s
		}
	}
	return found
}

// asksInRemark: words that report or state something still ask for a change
// when they hold a verb of a change or of wanting with a step after it
// ("compliance says add a passport scan", "legal says we need an ID scan",
// "support says users want an email code"): such a head is a request, not a
// remark that only says why.
func asksInRemark(ts []token) bool {
	// (not every verb of change: "compliance flagged SIM swap fraud: no SMS"
	// names a risk, and its "swap" asks for nothing)
	i := slices.IndexFunc(ts, func(t token) bool {
		return lex.wishVerb[t.raw] || lex.remarkAsk[t.raw] || lex.addVerb[t.raw] || lex.removeVerb[t.raw] || lex.replaceWord[t.raw]
	})
	return i >= 0 && len(analyze(ts[i+1:], nil).steps) > 0
}

// dropForkLead cuts a diagram's fork or connector and the step it leaves from
// off the front of a branch drawn after a colon ("add a dotted line from the
// SMS box: if the text never arrives, send an email code instead", "new branch
// at the recognition: for faces we don't know, …"): the condition after the
// colon names the step and the outcome, and the lead's step is no step to
// add or replace.
func dropForkLead(sentence string) string {
	colon := strings.IndexByte(sentence, ':')
	if colon <= 0 {
		return sentence
	}
	head := tokenize(sentence[:colon])
	if len(head) > 10 || !slices.ContainsFunc(head, func(t token) bool { return t.in(hFork) || lex.connector[t.raw] }) ||
		!slices.ContainsFunc(head, func(t token) bool { return lex.forkAt[t.raw] }) {
		return sentence
	}
	body := strings.TrimSpace(sentence[colon+1:])
	if !clauseStartsIf(tokenize(body)) {
		return sentence
	}
	return body
}

// resolveLabels names the checks a change picks by a diagram's labels by
// their kinds ("move box 3 above box 2", "swap C and D, and delete A and B"):
// a label is a box noun and a number or a capital letter, or two capital
// letters joined by "and"; labels count the checks in the flow's order, as
// the description listed its boxes. A label past the last check stays as it
// is.
func (p *plan) resolveLabels(sentence string) string {
	if !mayLabel(sentence) {
		return sentence // most changes name no box: no words to split
	}
	checks := p.checkSteps()
	words := strings.Fields(sentence)
	// label is the check a word names as a label, and the punctuation after it
	label := func(w string) (*step, string) {
		core := strings.TrimRight(w, ",;:.!?)")
		n := 0
		switch {
		case len(core) == 1 && core[0] >= '1' && core[0] <= '9':
			n = int(core[0] - '0')
		case labelLetter(core) > 0:
			n = labelLetter(core)
		}
		if n < 1 || n > len(checks) {
			return nil, ""
		}
		return checks[n-1], w[len(core):]
	}
	letter := func(w string) bool { return labelLetter(strings.TrimRight(w, ",;:.!?)")) > 0 }
	changed := false
	for i := 0; i+1 < len(words); i++ {
		if lex.labelNoun[strings.ToLower(words[i])] {
			if s, tail := label(words[i+1]); s != nil {
				words[i], words[i+1] = "the", s.k.String()+tail
				changed = true
			}
			continue
		}
		if i+2 < len(words) && letter(words[i]) && (strings.EqualFold(words[i+1], "and") || words[i+1] == "&") && letter(words[i+2]) {
			a, at := label(words[i])
			b, bt := label(words[i+2])
			if a != nil && b != nil {
				words[i], words[i+2] = "the "+a.k.String()+at, "the "+b.k.String()+bt
				changed = true
				i += 2
			}
		}
	}
	if !changed {
		return sentence
	}
	return strings.Join(words, " ")
}

// mayLabel: the sentence has a box noun or a capital letter standing alone,
// which resolveLabels may read as a label.
func mayLabel(sentence string) bool {
	for w := range lex.labelNoun {
		if indexFold(sentence, w) >= 0 {
			return true
		}
	}
	for i := 0; i < len(sentence); i++ {
		if labelLetter(sentence[i:i+1]) > 0 && (i == 0 || !isWordByte(sentence[i-1])) && (i+1 == len(sentence) || !isWordByte(sentence[i+1])) {
			return true
		}
	}
	return false
}

// labelLetter is the place in the flow's checks that a capital letter written
// as a diagram's label names ("A" the first, up to "H"), or 0 when w is no
// such letter.
func labelLetter(w string) int {
	if len(w) != 1 || w[0] < 'A' || w[0] > 'H' {
		return 0
	}
	return int(w[0]-'A') + 1
}

// askedToStay: the question asks whether steps the flow has stay ("Should we
// keep the SMS code", "Is the SMS code still needed", "Do we still need the
// email code"), asking no change of its own: the steps, or nil.
func askedToStay(q string, steps []*step) []*step {
	ts := tokenize(q)
	if !slices.ContainsFunc(ts, func(t token) bool { return lex.keepVerb[t.raw] || lex.needVerb[t.raw] || lex.needVerb[t.w] }) ||
		hasAnyRaw(ts, lex.removeVerb) || hasAnyRaw(ts, alsoTail) || hasSetting(ts) {
		// ("can we drop the selfie compare?", "do we need an SMS code too?",
		// "should we keep the code at 6 digits?": a change of its own)
		return nil
	}
	named := slices.DeleteFunc(analyze(ts, steps).steps, func(s *step) bool { return s.k.isConversation() })
	if !allPresent(steps, named) {
		return nil
	}
	return named
}

// askedTail splits a sentence that does not open as a question ("add an email
// code at the end, and maybe an SMS code too") at its last comma: the
// instruction before it, and the question after it. It returns "" when the
// whole sentence is the question.
func askedTail(q string) (lead, asked string) {
	ts := tokenize(skipHesitation(q)) // ("wait, does the email one have to go first?": asked whole)
	if len(ts) == 0 || lex.questionAux[ts[0].raw] || lex.auxStart[ts[0].raw] || whWords[ts[0].raw] {
		return "", q
	}
	c, w := strings.LastIndex(q, ","), 1
	if d, dw := lastDash(q); d > c {
		c, w = d, dw // "only accept passports and ID cards — and driving licences?"
	}
	if c <= 0 {
		return "", q
	}
	return strings.TrimSpace(q[:c]), strings.TrimSpace(q[c+w:])
}

// answersNo: the line answers the question before it with "no" and goes on,
// if at all, after a pause ("no", "nope, we need it", "Ravi: no, keep it");
// "no idea" is no answer.
func answersNo(line string) bool {
	line = skipHesitation(strings.TrimSpace(dropSpeaker(line)))
	end := strings.IndexAny(line, " ,.!?—–-")
	if end < 0 {
		end = len(line)
	}
	if strings.EqualFold(line[:end], "not") {
		return notAnswer(line) // "hmm, not in this version"
	}
	if !lex.replyNo[strings.ToLower(line[:end])] {
		return false
	}
	rest := strings.TrimSpace(line[end:])
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || strings.ContainsRune(",.!?—–-", r)
}

// lackedSteps names the one step of the flow a remark on what users lack
// speaks of ("drivers don't receive SMS": "the SMS one-time code"), or "".
func lackedSteps(ts []token, steps []*step) string {
	a := analyze(ts, steps)
	var ks []kind
	for _, s := range a.steps {
		ks = append(ks, s.k)
	}
	for k := range kindCount {
		if a.neg.has(kind(k)) {
			ks = append(ks, kind(k))
		}
	}
	var found []*step
	for _, k := range ks {
		if i := findKind(steps, k); i >= 0 && !slices.Contains(found, steps[i]) {
			found = append(found, steps[i])
		}
	}
	if len(found) != 1 {
		return ""
	}
	return "the " + found[0].k.String()
}

// asWell: the words say "as well" ("add the same code before the liveness
// check as well"): one more, not the one before moved.
func asWell(ts []token) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i].raw == "well" && ts[i-1].raw == "as" {
			return true
		}
	}
	return false
}

// keepsIt: an answer whose words after its "no" keep or need what the question
// named, by a pronoun ("no, we need it", "nope, keep that", "no - it stays").
func keepsIt(answer string) bool {
	words := strings.Fields(strings.ToLower(answer))
	keep, ref := false, false
	for _, w := range words[1:] {
		w = strings.Trim(w, ",;:.!?…")
		switch {
		case lex.keepVerb[w] || lex.needVerb[w] || lex.stayVerb[w]:
			keep = true
		case w == "it" || w == "that" || w == "them" || w == "this" || w == "those":
			ref = true
		case editVerbs[w] || lex.removeVerb[w]:
			return false // "no, replace it with a selfie": a change of its own
		}
	}
	return keep && ref
}

// readerGreeting: w is a greeting to the reader (lex.readerGreeting), in any
// case.
func readerGreeting(w string) bool { return inFold(lex.readerGreeting, w) }

// retraction: the part opens by taking back what was said before it ("no wait",
// "actually no", "sorry", "scratch that", "I meant", "hmm no —"); it returns
// the rest. Two more forms correct the instruction before without a word of
// retraction: "make that 21" (a value for the last one said, see retake) and
// "put it after the code instead" (the step just placed, placed anew). A
// part that answers a question (answer) may open on a "no" that answers it
// ("the selfie too? no, keep the selfie"), which takes nothing back.
func retraction(part string, answer bool) (string, bool, bool) {
	if !retractionCandidate(part) {
		return part, false, false // most parts: no word of a retraction among the first three
	}
	words := strings.Fields(part)
	bare := func(i int) string { return bareWord(words[i]) }
	if n := rethinkOpens(words); n > 0 {
		// "on second thought make it 21", "hmm, scratch that, at the start"
		j := n
		for j < len(words) && (isDash(words[j]) || lex.retractFiller[bare(j)] && !lex.letWord[bare(j)]) {
			j++ // (not the "let" of "let them retry once")
		}
		for _, w := range words[j:] {
			if lex.noGoOn[bareWord(w)] {
				// "come to think of it, also add a passport scan", "… as well",
				// "… too": the writer goes on, the instruction before stands
				return part, false, false
			}
		}
		return strings.Join(words[j:], " "), true, true
	}
	h := 0
	for h < len(words)-1 && h < 2 && lex.hesitation[bare(h)] {
		h++ // "hmm no — …", "oh, put it …", "ugh, 3 min"
	}
	if !answer && h+1 < len(words) && bare(h) == "no" && (strings.ContainsAny(words[h], ",;:") || isDash(words[h+1])) && (h > 0 || !strings.HasSuffix(words[h], ":")) {
		// "hmm no — at the very start", "no, they have no phone on file — make
		// it email": a bare "no", set off by its comma or dash (not "no SMS")
		if !bareNoTakesBack(words[h+1:]) {
			return part, false, false
		}
		j := h + 1
		for j < len(words) && (isDash(words[j]) || lex.retractFiller[bare(j)]) {
			j++
		}
		return strings.Join(words[j:], " "), true, true
	}
	v := h
	for v < len(words)-1 && v < 3 && (lex.hesitation[bare(v)] || lex.correction[bare(v)]) {
		v++ // "actually make that 10"
	}
	if v+2 < len(words) && lex.correctVerb[bare(v)] && lex.touchedRef[bare(v+1)] && valueWord(bare(v+2)) {
		return strings.Join(words[v:], " "), true, slices.ContainsFunc(words[:v], func(w string) bool { return bareWord(w) == "no" }) // "make that 21": a value for the last one said (retake)
	}
	if last := len(words) - 1; h+3 < last && bare(last) == "instead" && moveVerbs[bare(h)] && lex.touchedRef[bare(h+1)] && placeAt(words[h+2:last]) == 0 {
		return strings.Join(words[h+2:last], " "), true, false // "oh, put it after the code instead": a place for the step just placed
	}
	for i := 0; i < len(words) && i < 3; i++ {
		w := bare(i)
		prev, next := "", ""
		if i > 0 {
			prev = bare(i - 1)
		}
		if i+1 < len(words) {
			next = bare(i + 1)
		}
		if lex.takeBack[w] && (next == "the" || lex.possessive[next]) {
			break // "scratch the email code entirely": a removal, not a retraction
		}
		if lex.retract[w] && lex.apologyObj[next] && !strings.ContainsAny(words[i], ",;:") {
			break // "sorry for the faff", "sorry to be a pain": an apology for the asking, nothing taken back
		}
		// ("actually, right after the liveness check": a correction word before
		// a bare place moves what the instruction before placed; "actually,
		// after the scan, add an email code" is an instruction of its own)
		if lex.retract[w] || lex.correction[w] && (prev == "no" || next == "no" || i == 0 && barePlace(words[i+1:])) {
			j := i + 1
			for j < len(words) && lex.retractFiller[bare(j)] {
				j++ // "no wait, …", "scratch that, …", "sorry, I meant …"
			}
			return strings.Join(words[j:], " "), true, true
		}
	}
	return part, false, false
}

// rethinkGoesOn: part opens on a phrase of rethinking ("on second thought",
// "come to think of it") whose words go on from the instruction before it
// (taken) rather than take it back: they say "also", "too" or "as well"
// ("come to think of it, also add a passport scan at the start"), both set a
// step's settings and name different ones ("make the sms code 8 digits — come
// to think of it, make it expire after 5 minutes": one more setting, not the
// first replaced), or the instruction before holds on an outcome the words
// do not repeat ("if the sms code fails, end the session — on second
// thought, let them retry once"). It returns the words after the phrase, an
// instruction of their own.
func rethinkGoesOn(taken, part string) (string, bool) {
	words := strings.Fields(part)
	n := rethinkOpens(words)
	if n == 0 {
		return part, false // (most parts: no phrase of rethinking)
	}
	for n < len(words) && (isDash(words[n]) || lex.retractFiller[bareWord(words[n])] && !lex.letWord[bareWord(words[n])]) {
		n++
	}
	if n >= len(words) {
		return part, false
	}
	rest := strings.Join(words[n:], " ")
	for _, w := range words[n:] {
		if lex.noGoOn[bareWord(w)] {
			return rest, true
		}
	}
	if tk, rk := settingKeysOf(taken), settingKeysOf(rest); tk != "" && rk != "" && !strings.Contains(tk, rk) && !strings.Contains(rk, tk) {
		return rest, true
	}
	if condOpens(taken) && !condOpens(rest) && condLeadOf(taken) == "" {
		return rest, true
	}
	return part, false
}

// rethinkKept: the retraction part opens (retraction), whose words after a
// phrase of rethinking hold for the users the instruction before it names
// ("for new users, add a passport scan — on second thought, any ID": a
// document scan of any ID for new users, not for everyone).
func rethinkKept(parts []string, part string, answer bool) (string, bool, bool) {
	rest, ok, said := retraction(part, answer)
	if !ok || len(parts) == 0 || rethinkOpens(strings.Fields(part)) == 0 {
		return rest, ok, said
	}
	taken := parts[len(parts)-1]
	if lead := condLeadOf(taken); lead != "" && !condOpens(rest) {
		return lead + ", " + rest, ok, said
	}
	return rest, ok, said
}

// condOpens: the words open on a condition ("if …", "when …") or on the users
// they hold for ("for new users, …").
func condOpens(s string) bool {
	w, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	w = bareWord(w)
	return lex.condLead[w] || w == "for"
}

// condLeadOf: the users an instruction opens on, before its verb ("for new
// users, add …", "for users we don't recognise add …"), or "" (none, or a
// condition on an outcome: "if the sms code fails, …").
func condLeadOf(taken string) string {
	w := strings.Fields(taken)
	if len(w) < 3 || bareWord(w[0]) != "for" {
		return ""
	}
	for i := 1; i < len(w); i++ {
		if editVerbs[bareWord(w[i])] || lex.removeVerb[bareWord(w[i])] {
			return strings.TrimRight(strings.Join(w[:i], " "), ",;:")
		}
		if strings.HasSuffix(w[i], ",") {
			return strings.TrimRight(strings.Join(w[:i+1], " "), ",")
		}
	}
	return ""
}

// settingKeysOf: the settings the words name by their keys (lex.settingKey:
// "digits", "expire"), joined, or "".
func settingKeysOf(s string) string {
	keys := ""
	for _, t := range tokenize(s) {
		if k := lex.settingKey[t.raw]; k != "" && !strings.Contains(keys, k) {
			keys += k + " "
		}
	}
	return strings.TrimSpace(keys)
}

// bareNoTakesBack: the words after a bare "no," correct what was said before
// it. They do not when they go on from it ("oh no, I forgot — also add a
// selfie", "… so don't add an SMS code either"), say that a step stays ("no,
// the email code should stay at the end"), say again what was said ("no, I
// said after the liveness") or agree with it ("yeah, no, that is all", "no,
// no, that's right"): the "no" is an exclamation, and the instruction before
// stands.
func bareNoTakesBack(rest []string) bool {
	for len(rest) > 0 && (isDash(rest[0]) || bareWord(rest[0]) == "no") {
		rest = rest[1:] // "no, no, …"
	}
	if len(rest) == 0 {
		return true
	}
	bare := func(i int) string { return bareWord(rest[i]) }
	for i := range rest {
		if w := bare(i); lex.noGoOn[w] || lex.stayVerb[w] {
			return false
		}
	}
	if len(rest) > 1 && bare(0) == "i" && lex.said[bare(1)] {
		return false
	}
	return !lex.agreeLead[bare(0)] || hasEditVerb(rest)
}

// asksNothing: the words of a retraction say why, and ask for no change
// ("they've got a new SIM", "our users hate email", "it's the same number"):
// no verb of a change, and no step, or a subject of their own (a pronoun, a
// contraction, "our users") before the steps they name.
func asksNothing(rest string) bool {
	words := strings.Fields(rest)
	if len(words) < 2 || hasEditVerb(words) {
		return false
	}
	if len(analyze(tokenize(rest), nil).steps) == 0 {
		return true
	}
	w0 := strings.ToLower(strings.Trim(words[0], ",;:"))
	return lex.personPronoun[w0] || lex.subjectPronoun[w0] || strings.ContainsAny(w0, "'’") || lex.possessive[w0] && lex.population[strings.ToLower(strings.Trim(words[1], ",;:"))]
}

// valueWord: w is a number, as a setting states one ("21", "8", "three").
func valueWord(w string) bool {
	return w != "" && (strings.IndexFunc(w, unicode.IsDigit) == 0 || numberWords[w] > 0)
}

// retake is the instruction a retraction leaves of the one it takes back
// (taken), from what the retraction says instead (rest). What the retraction
// names replaces the same part of the instruction: its last value ("they need
// to be 18 or over — make that 21"), its place ("add an email code at the end,
// sorry, at the start"), what follows its preposition ("replace the scan with
// a selfie — no wait, with recognition"), its step ("add an SMS code after
// their liveness... no — make it an email code", kept for whom and where), or
// its object with the same verb ("remove the passport scan, no wait, the
// liveness check"). ok is false when rest corrects nothing of taken ("add an
// SMS code, make it 8 digits": a setting of the step added), which then stays.
//
// said: the retraction said "no" (or a word of retraction), not only "make
// that …": a value of another unit then still takes back the one before
// ("make it 8 digits. actually no, make that 10 minutes timeout").
func retake(taken []string, rest string, said bool) (string, bool) {
	rw := strings.Fields(rest)
	bare := func(ws []string, i int) string { return bareWord(ws[i]) }
	if len(rw) > 2 && bare(rw, 0) == "not" {
		// "no, not at the end, at the start", "no, not SMS — email": what is
		// ruled out, then what is meant in its place
		// (the words ruled out, said in the instruction, give way there to the
		// words meant: "add an SMS code at the end" becomes "add an email code
		// at the end")
		for i := 1; i+1 < len(rw); i++ {
			ruled, meant := rw[1:i], rw[i+1:]
			if !isDash(rw[i]) {
				if !strings.HasSuffix(rw[i], ",") && !strings.HasSuffix(rw[i], ";") {
					continue
				}
				ruled, meant = rw[1:i+1], rw[i+1:]
			}
			if at := wordsAt(taken, ruled); at >= 0 && len(meant) > 0 {
				m := strings.TrimRight(strings.Join(meant, " "), ",;:.!?…")
				return strings.Join(slices.Concat(taken[:at], []string{m}, taken[at+len(ruled):]), " "), true
			}
			return retake(taken, strings.Join(meant, " "), said)
		}
	}
	if len(rw) > 0 && len(rw) <= 2 && valueWord(bare(rw, 0)) {
		// "hmm no, 6", "ugh, no, 7": a value alone, as "make that 6" says it
		rw = append([]string{"make", "that"}, rw...)
		rest = strings.Join(rw, " ")
	}
	if len(rw) > 2 && lex.correctVerb[bare(rw, 0)] && lex.touchedRef[bare(rw, 1)] && valueWord(bare(rw, 2)) {
		// (a value with a unit of its own sets something else: "max 5
		// attempts on the email code, and make it 4 digits")
		unit := func(ws []string, i int) string {
			if i+1 < len(ws) && !strings.ContainsAny(ws[i], ",;:.!?…") && !isDash(ws[i+1]) {
				return strings.TrimSuffix(bare(ws, i+1), "s") // ("digits", "digit")
			}
			return ""
		}
		for i := len(taken) - 1; i >= 0; i-- {
			if valueWord(bare(taken, i)) && (unit(rw, 2) == "" || unit(rw, 2) == unit(taken, i)) {
				// ("it's for an alcohol delivery" after the value: why, no instruction)
				out := slices.Clone(taken)
				v, core := strings.TrimRight(rw[2], ",;:.!?…"), strings.TrimRight(taken[i], ",;:.!?…")
				if strings.HasSuffix(core, "+") && !strings.HasSuffix(v, "+") {
					v += "+" // ("18+ … make it 21": still a lower bound)
				}
				out[i] = v + taken[i][len(core):]
				return strings.Join(out, " "), true
			}
		}
		return rest, said
	}
	verb := slices.IndexFunc(taken, func(w string) bool { return editVerbs[strings.ToLower(strings.Trim(w, ",;:"))] })
	k := placeAt(taken)
	if len(taken) > 1 && (verb == 0 || k > 0) && placeAt(rw) == 0 && len(analyze(tokenize(rest), nil).steps) == 0 {
		// "add an email code at the end, sorry, at the start": the same
		// instruction, placed anew ("add a selfie. actually, before the
		// passport scan": placed at last; "have the avatar ask …, in between
		// the liveness and the code. oh, put it after the code instead")
		if k < 0 && verb == 0 && lex.replaceWord[bare(taken, 0)] {
			// "replace the email code with an SMS code. put it before the
			// liveness instead": a replacement puts the new step where the old
			// one was; the place said now moves it from there
			return strings.TrimRight(strings.Join(taken, " "), ",;:.!?…") + ", then move it " + rest, true
		}
		if k < 0 {
			k = len(taken)
		}
		if k > 1 && strings.EqualFold(taken[k-1], "in") {
			k-- // "in between …"
		}
		head := slices.Clone(taken[:k])
		head[k-1] = strings.TrimRight(head[k-1], ";:.!?…")
		return strings.Join(head, " ") + " " + rest, true
	}
	if verb >= 0 && len(rw) > 1 && lex.objectPrep[bare(rw, 0)] && !hasEditVerb(rw) && len(analyze(tokenize(rest), nil).steps) > 0 {
		for i := len(taken) - 1; i > verb+1; i-- {
			if bare(taken, i) == bare(rw, 0) {
				return strings.Join(taken[:i], " ") + " " + rest, true // "replace the scan with a selfie — no wait, with recognition"
			}
		}
	}
	if verb >= 0 && lex.insertVerb[strings.ToLower(taken[verb])] {
		for i := 0; i+2 < len(rw); i++ {
			if (i == 0 || isDash(rw[i-1]) || strings.HasSuffix(rw[i-1], ",")) && lex.correctVerb[bare(rw, i)] && lex.touchedRef[bare(rw, i+1)] {
				// "for new users only, add an SMS code after their liveness... no,
				// they have no phone on file yet — make it email entry + an email
				// code": the step named instead, for the same users, at the same place
				end := i + 2
				for end < len(rw) && !isDash(rw[end]) && !strings.HasSuffix(rw[end-1], ",") {
					end++
				}
				named := strings.TrimRight(strings.Join(rw[i+2:end], " "), ",;:.!?…")
				if len(analyze(tokenize(named), nil).steps) == 0 {
					break
				}
				tail := []string{}
				if at := placeAt(taken[verb+1:]); at > 0 {
					tail = taken[verb+1+at:]
				}
				return strings.Join(slices.Concat(taken[:verb+1], []string{named}, tail), " "), true
			}
		}
	}
	if verb == 0 && !hasEditVerb(rw) && len(rw) > 0 && !lex.keepVerb[bare(rw, 0)] && len(analyze(tokenize(rest), nil).steps) > 0 && !asksNothing(rest) {
		return taken[0] + " " + rest, true // "remove the passport scan, no wait, the liveness check": the same verb
	}
	if obj := movedObject(taken); obj != "" {
		return itReplaced(rest, obj), true // "move the doc scan to the start. actually no, put it between …": "it" is the doc scan
	}
	return rest, true
}

// hasAllNamed: the main path has a step of every kind the words name.
func (p *plan) hasAllNamed(words string) bool {
	named := analyze(tokenize(words), nil).steps
	return len(named) > 0 && !slices.ContainsFunc(named, func(s *step) bool { return p.find(s.k) < 0 })
}

// namedSteps names the steps the words name, with their articles.
func (p *plan) namedSteps(words string) string {
	var names []string
	for _, s := range analyze(tokenize(words), nil).steps {
		names = append(names, s.k.withArticle())
	}
	return nounList(names)
}

// namesSettingKey: the words name a setting of a step ("the SMS code length",
// "its expiry"), not only the step.
func namesSettingKey(words string) bool {
	return slices.ContainsFunc(tokenize(words), func(t token) bool { return lex.settingKey[t.raw] != "" })
}

// wordsAt is where the words of seq stand in ws, side by side (compared
// without case or the punctuation around them), or -1.
func wordsAt(ws, seq []string) int {
	if len(seq) == 0 {
		return -1
	}
	for i := 0; i+len(seq) <= len(ws); i++ {
		j := 0
		for j < len(seq) && strings.EqualFold(strings.Trim(ws[i+j], ",;:.!?…"), strings.Trim(seq[j], ",;:.!?…")) {
			j++
		}
		if j == len(seq) {
			return i
		}
	}
	return -1
}

// aboutRetraction: the part takes back what the text said of something it
// names ("ignore what I said about the age check, remove it", "forget what I
// wrote about the selfie"); it returns what it names and what follows it.
func aboutRetraction(part string) (obj, rest string, ok bool) {
	if !lex.retractAbout[bareWord(firstWord(part))] {
		return "", "", false // most parts (checked without allocating)
	}
	words := strings.Fields(part)
	if len(words) < 4 {
		return "", "", false
	}
	about := -1
	for i := 1; i < len(words) && i < 6; i++ {
		if strings.EqualFold(words[i], "about") {
			about = i
			break
		}
	}
	if about < 0 || !slices.ContainsFunc(words[1:about], func(w string) bool { return lex.said[strings.ToLower(w)] }) {
		return "", "", false
	}
	end := about + 1
	for end < len(words) && !strings.ContainsAny(words[end], ",;:") && !isDash(words[end]) {
		end++
	}
	if end < len(words) && !isDash(words[end]) {
		end++ // the word with the comma
	}
	obj = strings.TrimRight(strings.Join(words[about+1:end], " "), ",;:.!?…")
	if obj == "" || len(analyze(tokenize(obj), nil).steps) == 0 {
		return "", "", false
	}
	if end < len(words) && isDash(words[end]) {
		end++
	}
	return obj, strings.Join(words[end:], " "), true
}

// sharesStep: the instruction names a step of a kind obj names.
func sharesStep(instruction, obj string) bool {
	named := analyze(tokenize(obj), nil).steps
	return slices.ContainsFunc(analyze(tokenize(instruction), nil).steps, func(s *step) bool {
		return slices.ContainsFunc(named, func(n *step) bool { return n.k == s.k })
	})
}

// typesAlone: the document types a change names are types, not the scan: no
// step's noun follows one ("drop the driving licence", "remove licences from
// the scan", "no national IDs anymore"; "drop the licence scan" names the
// scan), and an ID says which ("national ID", "ID card"; "remove the ID" is the
// ID scan).
func typesAlone(ts []token) bool {
	named := false
	for i, t := range ts {
		if !docTypeLemmas[t.w] || t.w == "driver" || t.w == "card" && i > 0 && docTypeLemmas[ts[i-1].w] {
			continue
		}
		next := ""
		if i+1 < len(ts) {
			next = ts[i+1].w
			if ts[i+1].w == "card" && i+2 < len(ts) {
				next = ts[i+2].w // "ID card scan"
			}
		}
		if t.w == "document" || next == "scan" || next == "check" || next == "verify" || next == "step" || next == "photo" ||
			t.w == "id" && !(i+1 < len(ts) && ts[i+1].w == "card") && !(i > 0 && ts[i-1].w == "government") {
			return false
		}
		named = true
	}
	return named
}

// barePlace: the words only say where ("right after the liveness check",
// "before the passport scan."): a place, and no verb of a change or of
// speech, nor a step of their own, after it.
func barePlace(words []string) bool {
	if placeAt(words) != 0 || hasEditVerb(words) {
		return false
	}
	ts := tokenize(strings.Join(words, " "))
	return !slices.ContainsFunc(ts, func(t token) bool { return lex.speechVerb[t.w] || t.w == "," || t.w == "." && t.orig != "." }) &&
		len(analyze(ts, nil).steps) == 0
}

// strikesA: the change's one verb of removal is "strike" before "a" ("should
// strike a balance between security and ease", "strike a friendlier tone"):
// an idiom, nothing struck out.
func strikesA(ts []token) bool {
	for i, t := range ts {
		if lex.removeVerb[t.raw] && t.raw != "stop" && !(t.w == "strike" && i+1 < len(ts) && lex.indefinite[ts[i+1].raw]) {
			return false
		}
	}
	return true
}

// pluralStep is the kind of step the words name last in the plural ("the
// codes are fine, but customers hate the scans": "scans"), as written, or "".
func pluralStep(ts []token) string {
	for i := len(ts) - 1; i >= 0; i-- {
		if t := ts[i]; t.raw != t.w && strings.HasSuffix(t.raw, "s") && (rules[t.w] != nil || t.w == "scan") {
			return t.raw
		}
	}
	return ""
}

// flowStepsIn: the steps of the flow the words name, each once, in the
// flow's order.
func (p *plan) flowStepsIn(ts []token) []*step {
	var ks kindSet
	for _, s := range analyze(ts, p.steps).steps {
		ks.add(s.k)
	}
	var found []*step
	for _, s := range p.steps {
		if ks.has(s.k) && !s.k.isConversation() && !slices.ContainsFunc(found, func(f *step) bool { return f.k == s.k }) {
			found = append(found, s)
		}
	}
	return found
}

// themAs puts group ("all the codes", "the email code and the SMS code") for
// "them", "both of them" or "all of them" in part; "one of them" (or "either",
// "any") is one of the group, left as it is.
func themAs(part, group string) string {
	words := strings.Fields(part)
	for i, w := range words {
		if bare := strings.ToLower(strings.Trim(w, ",;:.!?…")); bare != "them" {
			continue
		}
		if i >= 2 && strings.EqualFold(words[i-1], "of") && !strings.EqualFold(words[i-2], "both") && !strings.EqualFold(words[i-2], "all") {
			return part
		}
		from := i
		if i >= 2 && strings.EqualFold(words[i-1], "of") && (strings.EqualFold(words[i-2], "both") || strings.EqualFold(words[i-2], "all")) {
			from = i - 2
		}
		tail := w[len(strings.TrimRight(w, ",;:.!?…")):]
		return strings.Join(slices.Concat(words[:from], []string{group + tail}, words[i+1:]), " ")
	}
	return part
}

// placeAt is where the words place their step: the first word that opens a
// place ("at the end", "before the liveness check", "right after it"), or -1.
func placeAt(words []string) int {
	for i, w := range words {
		if lex.placeOpen[strings.ToLower(strings.Trim(w, ",;:.!?…"))] {
			return i
		}
	}
	return -1
}

// retractionCandidate: one of the part's first three words is a retraction or
// correction word (checked without allocating, as most parts have none).
func retractionCandidate(part string) bool {
	if t := strings.TrimRight(part, " \t,;:.!?…"); len(t) > 8 && strings.EqualFold(t[len(t)-8:], " instead") {
		return true // "put it after the code instead"
	}
	return anyLeadWord(part, 3, func(w, rest string) bool {
		if strings.EqualFold(w, "no") || correctsRef(w, rest) {
			return true // "hmm no — …", "make that 21"
		}
		if rethinkWord(w) && rethinkOpens(strings.Fields(part)) > 0 {
			return true // "on second thought, …"
		}
		return inFold(lex.retract, w) || inFold(lex.correction, w)
	})
}

// correctsRef: w is a verb of a correction and the next word of rest points
// back ("make that …", "change it …"), checked without allocating.
func correctsRef(w, rest string) bool {
	next := strings.TrimLeft(rest, " \t")
	if i := strings.IndexAny(next, " \t"); i >= 0 {
		next = next[:i]
	}
	next = strings.Trim(next, ",;:.!?…")
	return inFold(lex.correctVerb, w) && inFold(lex.touchedRef, next)
}

// addTypo reads "ad" before a determiner as the verb "add" ("swich the sms for
// an emial code pls and ad a pasport scan at the very end"): the noun "ad"
// takes no determiner after it, and a word of two letters is below what typo
// correction touches.
func addTypo(sentence string) string {
	words := strings.Fields(sentence)
	changed, quotes := false, 0
	for i := 0; i+1 < len(words); i++ {
		quotes += strings.Count(words[i], "\"")
		// (not in quoted words, nor "our ad the other day": a noun after a determiner)
		if strings.EqualFold(words[i], "ad") && lex.determiner[strings.ToLower(words[i+1])] && quotes%2 == 0 && !(i > 0 && lex.determiner[strings.ToLower(words[i-1])]) {
			words[i], changed = words[i]+"d", true
		}
	}
	if !changed {
		return sentence
	}
	return strings.Join(words, " ")
}

// listMarker: the text ends in the number of a list's item ("…
// amendments: 1", "2" at the start of a sentence) that a dot or a bracket is
// about to close; it returns where the number starts, or -1. A first item
// follows a colon or a comma ("the following: 1."); a later one opens its
// sentence. "attempts: 3." is a value, not the first item, and "to 2." is no
// item at all.
func listMarker(s string) int {
	t := strings.TrimRight(s, " ")
	j := len(t)
	for j > 0 && t[j-1] >= '0' && t[j-1] <= '9' {
		j--
	}
	if j == len(t) || len(t)-j > 2 {
		return -1
	}
	before := strings.TrimRight(t[:j], " ")
	switch {
	case strings.TrimSpace(before) == "":
		return j
	case (strings.HasSuffix(before, ":") || strings.HasSuffix(before, ",")) && t[j:] == "1":
		return j
	}
	return -1
}

// whereStepIs finds "where <a step of the flow> is" ("put an SMS code where
// the email code is", "… in the same place where the email OTP sits now"): the
// place a step the flow has holds, said by a relative clause. It returns the
// first word of the place (the "in the same place" before "where" too) and the
// index of its verb, or -1. Only a "where" followed soon by a verb of being
// (lex.whereBe) is analysed; what follows the verb must end the clause, so
// "where the email code is sent" is no place.
func (p *plan) whereStepIs(ts []token) (int, int) {
	for k := 0; k+2 < len(ts); k++ {
		if ts[k].raw != "where" {
			continue
		}
		j := slices.IndexFunc(ts[k+1:min(len(ts), k+7)], func(t token) bool { return lex.whereBe[t.raw] })
		if j < 1 {
			continue
		}
		j += k + 1
		if !whereClauseEnds(ts, j+1) {
			continue
		}
		named := analyze(ts[k+1:j], nil).steps
		if len(named) != 1 || p.find(named[0].k) < 0 {
			continue
		}
		start := k
		// "in the same place where …", "at the spot where …": the place noun
		// and its words are the same place
		if n := k - 1; n >= 1 && lex.placeNoun[ts[n].raw] {
			start = n
			for start > 0 && lex.placeSame[ts[start-1].raw] {
				start--
			}
			if start > 0 && lex.placePrep[ts[start-1].raw] {
				start--
			}
		}
		// the place taken is the place of a step that stands for the one
		// named just before it ("put an SMS code where the email code is"):
		// a place before, after or next to that step ("right after where the
		// email code is", "the step where …") is none of its place; a step of
		// the flow put there is moved, not put in its stead; a conversation or
		// a check of another kind does not stand in for it; "too", "keep",
		// "add" keep it; and "where …" opening the sentence is a place said first
		near := start - 1
		for near > 0 && lex.placeNearAdv[ts[near].raw] {
			near-- // "next to where …", "right after where …"
		}
		if start == 0 || lex.whereNear[ts[near].raw] || hasAnyRaw(ts, lex.whereKeep) {
			return -1, -1
		}
		placed := analyze(ts[:start], nil).steps
		if len(placed) != 1 || p.find(placed[0].k) >= 0 || !slices.Contains(family(named[0].k), placed[0].k) {
			return -1, -1
		}
		return start, j
	}
	return -1, -1
}

// rareSwap: the rarer swap verb at k (lex.swapRare: "interchange") asks for a
// swap of two steps of the flow, named right after it up to the clause's end
// ("kindly interchange the email code and the document scan"). "interchange
// between the SMS code and the email code" (a user's choice), "we interchange
// data with our partner", "don't interchange anything, …" name no pair and
// keep the word as it is, an unknown one.
func (p *plan) rareSwap(sentence string) string {
	ts := tokenize(sentence)
	k := slices.IndexFunc(ts, func(t token) bool { return lex.swapRare[t.raw] })
	if k < 0 || k+1 >= len(ts) || ts[k+1].raw == "between" {
		return sentence
	}
	e := k + 1
	for e < len(ts) && ts[e].w != "," && ts[e].w != "." && ts[e].w != ":" && ts[e].w != ";" {
		e++
	}
	named := analyze(ts[k+1:e], p.steps).steps
	if len(named) != 2 || p.find(named[0].k) < 0 || p.find(named[1].k) < 0 {
		return sentence
	}
	i := strings.Index(strings.ToLower(sentence), ts[k].raw+" ")
	if i < 0 || i > 0 && isAlpha(sentence[i-1:i]) {
		return sentence
	}
	return sentence[:i] + "swap" + sentence[i+len(ts[k].raw):]
}

// emailOneIsCode: "the email one" of a removal stands for a code, as the
// clause says it: "email" right before "one", with no relative clause after it
// ("the email one that asks for the address") and no entry's word
// (lex.emailEntryNoun: "the email entry is useless then, remove the email one
// too") in the clause. "an SMS one", "no one" are no "email one".
func emailOneIsCode(ts []token) bool {
	i := slices.IndexFunc(ts, func(t token) bool { return t.raw == "one" || t.raw == "ones" })
	for i >= 0 {
		if i > 0 && ts[i-1].raw == "email" {
			return !hasAnyRaw(ts[i+1:], lex.relClauseLead) && !hasAnyRaw(ts, lex.emailEntryNoun)
		}
		j := slices.IndexFunc(ts[i+1:], func(t token) bool { return t.raw == "one" || t.raw == "ones" })
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// whereClauseEnds: the words from i end the relative clause of whereStepIs
// ("… where the email code is", "… is now, and …", "… sits currently."): a
// clause end, or words of lex.whereBeEnd; an adverb of time ("now",
// "currently") must itself end it ("where the email OTP is currently
// unreliable" says how the step is, not where).
func whereClauseEnds(ts []token, i int) bool {
	if i >= len(ts) || ts[i].w == "," || ts[i].w == "." {
		return true
	}
	if !lex.whereBeEnd[ts[i].raw] {
		return false
	}
	if lex.whereBeNow[ts[i].raw] {
		i++
		return i >= len(ts) || ts[i].w == "," || ts[i].w == "." || lex.whereBeEnd[ts[i].raw] && !lex.whereBeNow[ts[i].raw]
	}
	return true
}

// removedPlace: the words place a step where the step just removed was
// ("put the sms code where it was", "… where those were").
func removedPlace(ts []token) bool {
	for i := 0; i+2 < len(ts); i++ {
		if ts[i].raw == "where" && lex.touchedRef[ts[i+1].raw] || ts[i].raw == "where" && (ts[i+1].raw == "they" || ts[i+1].raw == "those") {
			return lex.pastBe[ts[i+2].raw]
		}
	}
	return false
}

// inlineItem: the ")" at rune i of text closes the number of an item of a
// list written on one line, after the item numbered before it ("… 8 digits
// 2) move …"), as the tokenizer's listMarkerAt reads it. Only a digit right
// before the bracket is looked at further.
func inlineItem(sofar, text string, rs []rune, i int) bool {
	if i == 0 || rs[i-1] < '0' || rs[i-1] > '9' || strings.TrimSpace(strings.TrimRight(sofar, "0123456789")) == "" {
		return false
	}
	return listMarkerAt(text, len(string(rs[:i])))
}

// nextItem: a second item follows ("… 2. …"), so a "1." before it numbers a
// list ("expiry: 1." alone is a value), on the same line or the next.
// The "2." must open an item of its own, after an item's end ("… 1. remove
// the SMS code. 2. …", "…;\n2."): in "attempts: 1. Move the passport scan to
// position 2." the "2." is a position, and the "1." a setting's value.
func nextItem(rest []rune, mark rune) bool {
	s, m := string(rest), "2"+string(mark)
	for k := strings.Index(s, m); k >= 0; {
		if k+len(m) < len(s) && s[k+len(m)] != ' ' && s[k+len(m)] != '\n' {
			// "2.5": a decimal, no item
		} else if k > 0 && s[k-1] == '\n' {
			return true // "1) …\n2) …": an item on a line of its own
		} else if k == 0 || s[k-1] != ' ' {
			// "12.", "x2)": no item's number
		} else if mark == ')' {
			return true // "1) make the email code 8 digits 2) move …": a bracket numbers an item, a dot may end a sentence
		} else if before := strings.TrimRight(s[:k], " \t"); before == "" || strings.ContainsRune(".;,:!?\n)", rune(before[len(before)-1])) {
			return true
		}
		n := strings.Index(s[k+1:], m)
		if n < 0 {
			break
		}
		k += 1 + n
	}
	return false
}

// lastWord is the letters at the end of s ("(ref" gives "ref").
func lastWord(s string) string {
	j := len(s)
	for j > 0 && isLetter(s[j-1]) {
		j--
	}
	return s[j:]
}

// editSentences splits a change into the instructions it holds.
// Quoted text (a new wording) is never split.
func editSentences(text string) []string {
	var out []string
	var b strings.Builder
	var quote rune
	flush := func() {
		if s := strings.TrimSpace(b.String()); s != "" {
			out = append(out, s)
		}
		b.Reset()
	}
	rs := []rune(text)
	for i, r := range rs {
		mark := -1 // where the number of a list item starts, before its '.' or ')'
		if r == '.' || r == ')' {
			mark = listMarker(b.String())
		}
		switch {
		case r == '.' && i > 0 && i+1 < len(rs) && rs[i-1] >= '0' && rs[i-1] <= '9' && rs[i+1] >= '0' && rs[i+1] <= '9':
			// "0.9": a decimal point, not the end of an instruction
		case r == '.' && i+1 < len(rs) && rs[i+1] >= '0' && rs[i+1] <= '9' && (i == 0 || strings.ContainsRune(" (=:", rs[i-1])):
			// "similarity to .75": a decimal written without its zero (the
			// tokenizer's leadingDot)
		case r == '.' && i > 0 && i+1 < len(rs) && rs[i-1] < utf8.RuneSelf && isWordByte(byte(rs[i-1])) && rs[i+1] < utf8.RuneSelf && isWordByte(byte(rs[i+1])):
			// "@tailspin.io", "e.g": a dot inside a word; the tokenizer reads what it is
		case quote != 0:
			if r == quote || quote == '“' && r == '”' {
				quote = 0
			}
		case r == '"' || r == '“':
			quote = r
		case r == '?':
			b.WriteRune(r) // kept: Edit reads a question a "no" answers as turned down
			flush()
			continue
		case r == ')' && mark < 0 && inlineItem(b.String(), text, rs, i):
			// "1) make the email code 8 digits 2) move liveness to the start
			// 3) drop the sms code": an item's number inside the line, after
			// the item numbered before it, ends that item
			str := strings.TrimRight(b.String(), "0123456789")
			b.Reset()
			b.WriteString(str)
			if settingItem(text, len(string(rs[:i+1]))) {
				// "1) sms code 8 digits 2) 3 attempts": an item of settings
				// alone goes on with the item before, of the step it named
				b.WriteString(",")
				continue
			}
			flush()
			continue
		case mark >= 0 && (!strings.HasSuffix(strings.TrimSpace(b.String()), "1") || nextItem(rs[i+1:], r)):
			// "amendments: 1. remove the email entry; 2. accept a driving
			// licence": the number of an item in a list ends what came before
			// and is no word of the item
			// (the words before the first item stay with it: "make the
			// following amendments: remove …" reads as one list)
			str := b.String()
			b.Reset()
			b.WriteString(str[:mark])
			continue
		case r == '.' && i+1 < len(rs) && rs[i+1] == ' ' && lex.abbrev[strings.ToLower(lastWord(b.String()))] && !sentenceOpens(rs[i+1:]):
			// "(ref. ARP-22)": the dot of an abbreviation, not an instruction's end
			// (unless a sentence opens after it: "… for users in CA. Add
			// recognition", "… to the fraud dept. Remove the SMS code")
		case r == '.' || r == ';' || r == '\n' || r == '!':
			flush()
			continue
		case (r == '—' || r == '–') && verbAfterDash(rs[i+1:]):
			// "half our users never open their email on mobile — replace the
			// email code …": a dash before an instruction's verb parts two
			// sentences ("drop the email stuff — the entry and the code" is one)
			flush()
			continue
		}
		b.WriteRune(r)
	}
	flush()
	return out
}

// ordinalNamed: "the first code", "the second scan" in a part that sets or
// removes (no verb of place: "move the first code to the end" is read with
// the places) becomes the name of the step it counts among the flow's checks
// of that noun (codes for "code", "otp"; every check for "check"), when that
// name reads back as that step alone; else the part stays.
func (p *plan) ordinalNamed(part string) string {
	if !slices.ContainsFunc(strings.Fields(strings.ToLower(part)), func(w string) bool { return lex.ordinal[strings.Trim(w, ",;:.!?")] > 0 }) {
		return part // (a word test first)
	}
	w := strings.Fields(part)
	lw := lowerTrimmed(w)
	if hasAnyRaw(tokenize(part), lex.placeVerb) || hasAnyRaw(tokenize(part), lex.placeMoveVerb) {
		return part
	}
	for i := 1; i+1 < len(lw); i++ {
		n := lex.ordinal[lw[i]]
		if n == 0 || lw[i-1] != "the" || !lex.stepHead[lw[i+1]] || i+2 < len(lw) && (lw[i+2] == "step" || lex.placeSlot[lw[i+2]]) {
			continue
		}
		var of []*step
		for _, s := range p.checkSteps() {
			code := lw[i+1] == "code" || lw[i+1] == "codes" || lw[i+1] == "otp" || lw[i+1] == "passcode"
			if !code && lw[i+1] != "check" || code && !isCodeKind(s.k) {
				continue
			}
			of = append(of, s)
		}
		if n > len(of) || len(of) < 2 {
			return part
		}
		s := of[n-1]
		name := s.k.String()
		if slices.ContainsFunc(of, func(o *step) bool { return o != s && o.k == s.k }) {
			return part
		}
		if a := analyze(tokenize(name), p.steps); len(a.steps) != 1 || a.steps[0].k != s.k {
			return part
		}
		tail := w[i+1][len(strings.TrimRight(w[i+1], ",;:.!?)")):]
		return strings.Join(slices.Concat(w[:i-1], []string{"the " + name + tail}, w[i+2:]), " ")
	}
	return part
}

// oneOfBefore: a part that names a step only as "the first one", "the second
// one" ("remove the second code, and cap the first one at 3
// attempts") speaks of the steps the part before named: "one" is that part's
// noun for them (lex.stepHead: "code", "scan", "check", but not "step"), put in its place so
// the ordinal picks among them. A part that names a step of its own stays.
func oneOfBefore(part, before string) string {
	w := strings.Fields(part)
	for i := 1; i+1 < len(w); i++ {
		if strings.ToLower(strings.Trim(w[i+1], ",;:.!?")) != "one" || !(lex.ordinal[strings.ToLower(w[i])] > 0) ||
			!strings.EqualFold(w[i-1], "the") || len(analyze(tokenize(part), nil).steps) > 0 {
			continue
		}
		bw := strings.Fields(strings.ToLower(before))
		for j := len(bw) - 1; j >= 0; j-- {
			if n := strings.Trim(bw[j], ",;:.!?"); lex.stepHead[n] && n != "step" && n != "node" {
				w[i+1] = n + w[i+1][len("one"):]
				return strings.Join(w, " ")
			}
		}
		return part
	}
	return part
}

// onThatPath puts the condition the instruction before opens with for the
// path the part points back at ("if the text message can't be delivered, fall
// back to a voice call — we don't have that, right? ok an email code on that
// path then": the email code is for a text that can't be delivered); a part
// that states a condition of its own, or points at no path, stays.
func onThatPath(part, before string) string {
	if !strings.EqualFold(firstWord(before), "if") && !strings.EqualFold(firstWord(before), "when") || lex.condIf[strings.ToLower(firstWord(part))] {
		return part
	}
	comma := strings.IndexByte(before, ',')
	if comma < 0 {
		return part
	}
	for _, ph := range thatPathPhrases {
		if i := indexFold(part, ph); i >= 0 && (i == 0 || part[i-1] == ' ') && (i+len(ph) == len(part) || !isLetter(part[i+len(ph)])) {
			words := strings.Fields(part[:i] + part[i+len(ph):])
			if hasEditVerb(words) {
				// "remove the SMS code on that path", "add a selfie on that
				// path before ending": an instruction of its own, whose path
				// the condition before does not say (it may be the failure
				// that condition names, or the path that goes on): read as it
				// stands. Only steps named with no verb ("ok an email code on
				// that path then") are what that condition's path gets
				return part
			}
			for len(words) > 1 && lex.hesitation[strings.ToLower(strings.Trim(words[0], ",;:"))] {
				words = words[1:] // "ok, …"
			}
			return before[:comma+1] + " " + strings.Join(words, " ")
		}
	}
	return part
}

// firstWord is the first word of s, without the punctuation after it.
func firstWord(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, ",;:.!?…")
}

// isLetter: b is an ASCII letter.
func isLetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// alsoNames: after the words of alsoLead ("oh and …"), the part names steps
// and nothing else up to its first comma or dash; it returns those words, or "".
func alsoNames(part string) string {
	words := strings.Fields(part)
	i := 0
	for i < len(words)-1 && alsoLead[strings.ToLower(strings.Trim(words[i], ",;:"))] {
		i++
	}
	if i == 0 || !strings.EqualFold(strings.Trim(words[i-1], ",;:"), "and") {
		return "" // "oh, the selfie": no "and" that goes on from the change before
	}
	end := i
	for end < len(words) && !isDash(words[end]) {
		end++
		if strings.HasSuffix(words[end-1], ",") || strings.HasSuffix(words[end-1], ";") {
			break
		}
	}
	if end < len(words) && !reasonAfter(words[end:]) {
		return "" // "oh and the liveness check, make it the first step": what the words after ask is for that step
	}
	names := strings.TrimRight(strings.Join(words[i:end], " "), ",;:.!?…")
	if ts := tokenize(names); !bareNames(ts, analyze(ts, nil).steps) { // (steps of any kind: what is named, whether the flow has it or not)
		return ""
	}
	return names
}

// statesWhy: the words open on a subject of their own ("they've got a new
// SIM", "our users hate SMS", "the lawyers say …"), as a statement does; not
// on a verb or a preposition, as what is left of an instruction does ("end the
// session instead", "to a voice call").
func statesWhy(text string) bool {
	w0 := strings.ToLower(firstWord(text))
	return strings.ContainsAny(w0, "'’") || lex.subjectPronoun[w0] || lex.personPronoun[w0] || lex.possessive[w0] || lex.determiner[w0]
}

// reasonAfter: the words after the steps "oh and …" names say why, as a
// clause of its own with a person for its subject ("we do that elsewhere
// now"), and ask nothing of those steps: not "make it the first step", "it
// should come first", "that goes at the start now", "keep it, but allow ID
// cards" (the step is their subject, or their object).
func reasonAfter(words []string) bool {
	for len(words) > 0 && isDash(words[0]) {
		words = words[1:]
	}
	if len(words) < 2 || hasEditVerb(words) {
		return false
	}
	w0 := strings.ToLower(strings.Trim(words[0], ",;:"))
	if lex.touchedRef[w0] || lex.keepVerb[w0] || placeAt(words) >= 0 || slices.ContainsFunc(words, func(w string) bool { return valueWord(strings.Trim(w, ",;:.!?…")) }) {
		return false
	}
	// ("the passport photo is enough": a subject of its own)
	return lex.subjectPronoun[w0] || lex.personPronoun[w0] || lex.possessive[w0] || lex.determiner[w0]
}

// movedObject is what a taken-back move moved ("move the doc scan to the
// start" → "the doc scan"): the words after the verb up to the place, or "".
func movedObject(words []string) string {
	// (a step added at a place is placed too: "add an SMS code at the end.
	// actually no, put it right after the liveness check")
	if len(words) < 3 || !moveVerbs[strings.ToLower(words[0])] && !lex.insertVerb[strings.ToLower(words[0])] {
		return ""
	}
	for i := 1; i < len(words); i++ {
		if placePreps[strings.ToLower(strings.Trim(words[i], ",;:"))] {
			return strings.Join(words[1:i], " ")
		}
	}
	return ""
}

// itReplaced puts obj for the word "it" in part.
func itReplaced(part, obj string) string {
	f := strings.Fields(part)
	for i, w := range f {
		if strings.EqualFold(strings.Trim(w, ",;:"), "it") {
			f[i] = obj + strings.TrimLeft(w, "itIT")
			return strings.Join(f, " ")
		}
	}
	return part
}

// alsoDropped is an instruction without the words that add it to the one before
// ("oh and the email one too," → "the email one,"), so that "too" does not read
// as another step added.
func alsoDropped(part string) string {
	f := strings.Fields(part)
	out := make([]string, 0, len(f))
	for i, w := range f {
		bare := strings.ToLower(strings.Trim(w, ",;:"))
		lead := len(out) == 0 && alsoLead[bare]
		tail := alsoTail[bare] || bare == "as" && i+1 < len(f) && strings.ToLower(strings.Trim(f[i+1], ",;:")) == "well"
		if !lead && !tail {
			out = append(out, w)
		} else if strings.HasSuffix(w, ",") && len(out) > 0 {
			out[len(out)-1] += ","
		}
	}
	return strings.Join(out, " ")
}

// removal: the word is a verb of removing, or its gerund ("instead of
// removing", "rather than dropping", "deleting", "scrapping").
func removal(t token) bool {
	if lex.removeVerb[t.raw] || lex.removeVerb[t.w] {
		return true
	}
	stem, ok := strings.CutSuffix(t.raw, "ing")
	if !ok || len(stem) < 2 {
		return false
	}
	return lex.removeVerb[stem] || lex.removeVerb[stem+"e"] || stem[len(stem)-1] == stem[len(stem)-2] && lex.removeVerb[stem[:len(stem)-1]]
}

// insteadOfPlace is where "instead of" or "rather than" leads to a place in
// the flow ("at the very end instead of the start", "first rather than
// last"), not to a step to replace; or -1.
func insteadOfPlace(ts []token) int {
	for i := 0; i+2 < len(ts); i++ {
		if !(ts[i].raw == "instead" && ts[i+1].raw == "of" || ts[i].raw == "rather" && ts[i+1].raw == "than") {
			continue
		}
		j := i + 2
		for j < len(ts) && (ts[j].raw == "the" || ts[j].raw == "at" || ts[j].raw == "its" || ts[j].raw == "being" || ts[j].raw == "very") {
			j++
		}
		if j < len(ts) && (lex.frontWord[ts[j].raw] || lex.backWord[ts[j].raw]) {
			return i
		}
		if j < len(ts) && orderRefLemmas[ts[j].w] && slices.ContainsFunc(ts[:i], func(t token) bool { return orderRefLemmas[t.w] }) {
			return i // "can the SMS code happen before the liveness check instead of after it?": the place it leaves
		}
		return -1
	}
	return -1
}

// diffLines reads a change written as a diff ("diff:\n- permissions\n+ sms_otp
// (after email_otp)"): a line opening with "+" adds what it names and one
// opening with "-" removes it. A "-" alone is a bullet, so it reads as a
// removal only beside a "+" line or the word "diff".
func diffLines(lines []string) []string {
	plus, diff := false, false
	for _, l := range lines {
		plus = plus || len(l) > 1 && l[0] == '+' && l[1] != '+'
		diff = diff || strings.HasPrefix(strings.ToLower(l), "diff")
	}
	if !plus && !diff {
		return lines
	}
	for i, l := range lines {
		switch {
		case len(l) > 1 && l[0] == '+' && l[1] != '+':
			lines[i] = "add " + strings.TrimSpace(l[1:])
		case len(l) > 1 && l[0] == '-' && l[1] != '-' && l[1] != '>':
			lines[i] = "remove " + strings.TrimSpace(l[1:])
		}
	}
	return lines
}

// readBackLead finds a change that opens by quoting what the flow does now,
// as the builder read it back or built it ("you said 'sends an SMS code then
// checks liveness': other way round", "you've put the passport scan after the
// selfie, flip those", "hmm, you read it back as '…' — the code should go to
// the email"). ctx is the quoted part, which is context and no instruction;
// rest is the change said after it. A rest that only reverses ("other way
// round", "flip those", "swap those two so …") names the two steps ctx names.
// Cheap word tests come first: a change that does not open on "you" after at
// most a few openers ("hmm", "close, but") is not looked at further.
func (p *plan) readBackLead(text string) (ctx, rest string, ok bool) {
	norm := func(w string) string {
		return strings.ToLower(strings.Trim(strings.ReplaceAll(w, "’", "'"), ",;:.!-—–"))
	}
	// the words with their byte offsets
	type word struct {
		w          string
		start, end int
	}
	var ws []word
	for i := 0; i < len(text) && len(ws) < 12; {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		j := i
		for j < len(text) && text[j] != ' ' {
			j++
		}
		if j > i {
			ws = append(ws, word{norm(text[i:j]), i, j})
		}
		i = j
	}
	k := 0
	for k < len(ws) && k < 6 && (ws[k].w == "" || lex.readBackOpen[ws[k].w]) {
		k++
	}
	start := k
	if k+2 < len(ws) && lex.determiner[ws[k].w] && lex.readBackNoun[ws[k+1].w] {
		k++ // "the summary says '…'", "your read-back has …"
	} else if k+1 >= len(ws) || !lex.readBackSubject[ws[k].w] {
		return "", "", false
	}
	v := k + 1
	if ws[v].w == "have" || ws[v].w == "had" {
		if v+1 < len(ws) && lex.readBackVerb[ws[v+1].w] && ws[v+1].w != "have" {
			v++ // "you have put …"
		}
	}
	if v >= len(ws) || !lex.readBackVerb[ws[v].w] && !(lex.readBackNoun[ws[k].w] && lex.readBackNounVerb[ws[v].w]) {
		return "", "", false
	}
	if v+1 < len(ws) && ws[v+1].w == "to" || (ws[k].w == "you'd" || ws[k].w == "youd") && (ws[v].w == "put" || ws[v].w == "read") {
		// "you've got to add an email code", "you got to do a passport scan
		// first": "must", an instruction; "you'd put the passport scan
		// first": "would", a suggestion
		return "", "", false
	}
	f := v + 1
	for f < len(ws) && lex.readBackFill[ws[f].w] && !strings.ContainsAny(text[ws[f].start:ws[f].end], "'\"‘“") {
		f++
	}
	if f >= len(ws) {
		return "", "", false
	}
	from := ws[f].start
	body := text[from:]
	end, next := -1, -1
	if r, size := utf8.DecodeRuneInString(body); r == '\'' || r == '"' || r == '‘' || r == '“' {
		// the quoted words, up to the quote that closes them (an apostrophe
		// inside a word is no close: "it's")
		for i := size; i < len(body); {
			c, n := utf8.DecodeRuneInString(body[i:])
			after, _ := utf8.DecodeRuneInString(body[i+n:])
			if (c == '"' || c == '”' || c == '’' && r == '‘' || c == '\'' && r == '\'') && !unicode.IsLetter(after) {
				end, next = i+n, i+n
				break
			}
			i += n
		}
	} else {
		if ws[v].w == "have" || ws[v].w == "had" || ws[v].w == "has" {
			if f == v+1 || ws[v+1].w != "it" {
				return "", "", false // "you have to add an SMS code": an instruction
			}
		}
		// unquoted: up to the first mark that ends a clause
		if i := strings.IndexAny(body, ",:;—–"); i > 0 {
			end, next = i, i
		}
		if i := strings.Index(body, ". "); i > 0 && (end < 0 || i < end) {
			end, next = i, i
		}
		if i := strings.Index(body, " - "); i > 0 && (end < 0 || i < end) {
			end, next = i, i
		}
		if i := indexFold(body, " but "); i > 0 && (end < 0 || i < end) {
			end, next = i, i+len(" but ") // "you said email code but I wanted SMS only"
		}
	}
	if end <= 0 {
		return "", "", false
	}
	ctx = strings.TrimSpace(text[ws[start].start : from+end])
	quotedPart := strings.Trim(strings.TrimSpace(body[:end]), "'\"‘’“”")
	rest = strings.TrimLeft(body[next:], " ,:;.-—–")
	if rw := strings.Fields(rest); len(rw) > 0 && (norm(rw[0]) == "but" || norm(rw[0]) == "so") {
		rest = strings.Join(rw[1:], " ")
	}
	if strings.TrimSpace(rest) == "" {
		return "", "", false
	}
	// clause by clause, as a change is read, against the flow's steps
	// ("liveness, then compare" names its face comparison); a step placed
	// and the one it is placed by both count ("the passport scan after the
	// selfie")
	var named, placed, refs []*step
	var prior []token
	for _, c := range splitClauses(tokenize(quotedPart)) {
		a := analyzeAfter(c.toks, p.steps, prior, false)
		prior = c.toks
		named = append(append(named, a.steps...), a.ref...)
		placed, refs = append(placed, a.steps...), append(refs, a.ref...)
	}
	for _, s := range named {
		if p.find(s.k) < 0 {
			// "you read their passport at the start" of a flow with no
			// passport scan: not what the flow does now, so an instruction
			return "", "", false
		}
	}
	rt := tokenize(rest)
	if quotedPart != "" && len(named) == 0 && body[0] != ' ' && strings.ContainsAny(body[:1], "'\"‘“") && slices.ContainsFunc(rt, func(t token) bool { return t.raw == "it" }) {
		// "you said 'hold still' in the face scan prompt, also say it
		// before liveness": "it" is the quoted words, the line itself; a
		// place of the quote before the comma is context too
		if rw := strings.Fields(rest); len(rw) > 2 && (rw[0] == "in" || rw[0] == "on" || rw[0] == "at" || rw[0] == "during") {
			if i := strings.Index(rest, ","); i > 0 {
				ctx += " " + rest[:i]
				rest = strings.TrimSpace(rest[i+1:])
			}
		}
		return ctx, itReplaced(rest, "'"+quotedPart+"'"), true
	}
	cut := slices.IndexFunc(rt, func(t token) bool { return lex.resultLead[t.raw] || t.w == "." })
	if cut < 0 {
		cut = len(rt)
	}
	if rev := slices.IndexFunc(rt[:cut], func(t token) bool { return lex.swapVerb[t.raw] }); rev >= 0 {
		// "flip those and add an SMS code at the end": the reversal ends at
		// the "and" that opens a change of its own
		if a := slices.IndexFunc(rt[rev:cut], func(t token) bool { return t.raw == "and" }); a > 0 {
			cut = rev + a
		}
	}
	reverses := false
	for i := range rt[:cut] {
		if lex.swapVerb[rt[i].raw] || phraseLen(rt, i, lex.otherWay) > 0 {
			reverses = true
		}
	}
	if reverses && len(named) == 2 && named[0].k != named[1].k && len(analyze(rt[:cut], nil).steps) == 0 {
		// "other way round", "flip those": the two steps the quoted words name
		swap := "swap the " + named[0].k.String() + " and the " + named[1].k.String()
		if tail := rest; cut < len(rt) {
			if i := indexFold(tail, " "+rt[cut].orig+" "); i >= 0 {
				swap += tail[i:]
			}
		}
		rest = swap
	} else if last := lastWordAt(rt); len(placed) == 1 && len(refs) == 1 && last > 0 &&
		(rt[last].raw == "after" || rt[last].raw == "before") && slices.ContainsFunc(rt, func(t token) bool { return t.raw == "it" }) {
		// "you've got the SMS code before liveness, it needs to be after":
		// "it" is the step placed, and a bare "after" is by the other one
		rest = itReplaced(strings.TrimRight(rest, " .!"), "the "+placed[0].k.String()) + " the " + refs[0].k.String()
	} else if it := slices.IndexFunc(rt, func(t token) bool { return t.raw == "it" }); it >= 0 && (len(named) == 1 || len(placed) == 1) {
		// "you put the liveness first which is right, now add a selfie
		// after it", "you put liveness first - move it after the SMS code",
		// "you put the email code after the SMS code, it should be before
		// liveness": "it" is the one step the read-back named, or the one
		// it placed; but only when nothing before "it" names a step it can
		// point back to ("…, but the SMS code is slow, drop it"), a step
		// being added by it aside ("add a selfie after it")
		target := named[0]
		if len(named) != 1 {
			target = placed[0]
		}
		a := analyze(rt[:it], nil)
		if len(a.ref) == 0 && (len(a.steps) == 0 || len(a.steps) == 1 && p.find(a.steps[0].k) < 0 && hasAnyRaw(rt[:it], lex.addVerb)) {
			rest = itReplaced(rest, "the "+target.k.String())
		}
	}
	return ctx, rest, true
}

// channelCorrection reads a correction that names a code's channel alone
// ("nope, I said email", "no, text", "I meant SMS") as that channel for the
// flow's one code, when it goes by the other: read as a new step, it added an
// email entry or a second code. Anything more than the channel and words of
// correction (channelCorrectWords) is left to the usual reading.
func (p *plan) channelCorrection(sentence string) string {
	ws := strings.Fields(sentence)
	if len(ws) > 7 {
		return sentence
	}
	channel := ""
	if strings.HasSuffix(strings.TrimSpace(sentence), "?") {
		return sentence // "email?", "should it be email?": a question, not a correction
	}
	for i, w := range ws {
		if lex.replyNo[bareWord(w)] && i+1 < len(ws) && !strings.ContainsAny(w, ",;:!.—–-") {
			return sentence // "no SMS": an exclusion, not a correction
		}
		if lex.replyNo[bareWord(w)] && i > 0 && slices.ContainsFunc(ws[:i], func(c string) bool {
			c = bareWord(c)
			return c == "email" || c == "sms" || lex.textWord[c]
		}) {
			return sentence // "email, no": the channel turned down
		}
	}
	for _, t := range p.said.of(sentence) { // (most often the sentence Edit's tests read)
		switch {
		case t.w == "." || t.raw == "":
		case t.w == "email" || t.w == "sms" || lex.textWord[t.raw]:
			if channel != "" {
				return sentence
			}
			channel = "SMS"
			if t.w == "email" {
				channel = "email"
			}
		case lex.channelCorrect[t.raw] || lex.replyNo[t.raw]:
		default:
			return sentence
		}
	}
	email, sms := p.find(kEmailOTP) >= 0, p.find(kSMSOTP) >= 0
	if channel == "email" && sms && !email || channel == "SMS" && email && !sms {
		p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(sentence)+"\" as sending the one-time code by "+channel+".")
		return "send the code by " + channel + " instead"
	}
	return sentence
}

// undoneEdit finds an "undo" whose object is an earlier edit or a setting
// (undoObjectWords: "undo the reorder", "undo the change to the SMS code",
// "undo the email fallback") rather than a step ("undo the email bit").
// undone is its clause (from the clause's start to the next comma, colon,
// semicolon or "and"); kept is the rest of the sentence without it. Cheap:
// a sentence without "undo" is not looked at further.
func undoneEdit(sentence string) (kept, undone string, ok bool) {
	if !strings.Contains(strings.ToLower(sentence), "undo") {
		return sentence, "", false
	}
	ws := strings.Fields(sentence)
	u := slices.IndexFunc(ws, func(w string) bool { return bareWord(w) == "undo" })
	if u < 0 {
		return sentence, "", false
	}
	ends := func(w string) bool { return strings.ContainsAny(w[len(w)-1:], ",;:") }
	start := u
	for start > 0 && !ends(ws[start-1]) {
		start--
	}
	end := u + 1
	object := false
	for ; end < len(ws); end++ {
		w := bareWord(ws[end])
		if w == "and" || w == "then" {
			break
		}
		if lex.undoObject[w] {
			object = true
		}
		if ends(ws[end]) {
			end++
			break
		}
	}
	rest := ws[end:]
	for len(rest) > 0 && (bareWord(rest[0]) == "and" || bareWord(rest[0]) == "then" || bareWord(rest[0]) == "but") {
		rest = rest[1:]
	}
	if !object && start > 0 && len(rest) > 0 && end == u+2 && (bareWord(ws[u+1]) == "that" || bareWord(ws[u+1]) == "this") {
		// "move liveness to the end, then undo that and put it after the
		// SMS code": a take-back between two instructions, of the one
		// before, which the one after says again; never a removal of the
		// step they name
		object = true
	}
	if !object {
		return sentence, "", false
	}
	undone = strings.TrimRight(strings.Join(ws[start:end], " "), ",;:. ")
	kept = strings.TrimSpace(strings.Join(rest, " "))
	if start > 0 {
		kept = strings.TrimRight(strings.Join(ws[:start], " "), ",;: ")
		if len(rest) > 0 {
			kept += ", " + strings.Join(rest, " ")
		}
	}
	return kept, undone, true
}

// lastWordAt is where the last word of ts is (no mark after it), or -1.
func lastWordAt(ts []token) int {
	for i := len(ts) - 1; i >= 0; i-- {
		if ts[i].raw != "" && isAlpha(ts[i].raw) {
			return i
		}
	}
	return -1
}

// dropSwapResult drops what a swap's "so …" says it leads to ("swap the two
// codes around so the email one comes before the sms"): the order the swap
// makes, said again, names no other step to move.
func dropSwapResult(sentence string) string {
	words := strings.Fields(sentence)
	swap := false
	for i, w := range words {
		w = strings.ToLower(strings.Trim(w, ",;"))
		if lex.swapVerb[w] {
			swap = true
			continue
		}
		if swap && i > 1 && lex.resultLead[w] {
			return strings.TrimRight(strings.Join(words[:i], " "), ",;")
		}
	}
	return sentence
}

// rewriteBetween reads "between X and Y" as "after X". Y runs to the next
// comma, or to the end: what follows the comma is the instruction ("between
// the liveness and the SMS, have the avatar ask …") and stays. ts are the
// sentence's tokens: "between" is found as the tokenizer read it, so a typo
// of it ("add livness check betwen selfy and compare") is the word too; its
// place is that of the word as written, found in s itself.
func rewriteBetween(s string, ts []token) string {
	k := slices.IndexFunc(ts, func(t token) bool { return t.raw == "between" })
	if k < 0 {
		return s
	}
	if betweenPair(ts) {
		// "between the two add a selfie and compare it …", "between them":
		// the pair is the steps there are, not "X and Y" after the word; the
		// "and" that follows joins the instructions, and the middle is read
		// as such elsewhere
		return s
	}
	word := strings.ToLower(ts[k].orig) + " "
	i := indexFold(s, word)
	if i < 0 {
		return s
	}
	// (" and " searched after the word: "between and the SMS code" names no
	// first step, and its "and" starts inside "between ")
	j := indexFold(s[i+len(word)-1:], " and ")
	if j <= 0 {
		return s
	}
	j += len(word) - 1
	// what follows the second step stays: after a comma, a dash or a bracket
	// ("add an ID scan between the liveness check and the email code - passports
	// only", "… (passports only)")
	rest, end := "", len(s)
	for _, sep := range betweenRestSeps {
		if k := strings.Index(s[i+j:], sep); k >= 0 && i+j+k < end {
			end = i + j + k
		}
	}
	// "add a box between the selfie and the code that compares the selfie to
	// the DL photo": a "that" opening what the step added does ends the
	// second step too, and stays
	for _, rel := range [...]string{" that ", " which "} {
		if k := indexFold(s[i+j:end], rel); k >= 0 {
			if next := strings.Fields(s[i+j+k+len(rel):]); len(next) > 0 {
				if vt := tokenize(next[0]); len(vt) == 1 && strings.HasSuffix(vt[0].raw, "s") && rules[vt[0].w] != nil {
					end = i + j + k
				}
			}
		}
	}
	if end < len(s) {
		rest = s[end:]
	}
	return s[:i] + "after " + s[i+len(word):i+j] + rest
}

// betweenPair: "between" is followed by words that point at a pair ("between
// the two", "between them", "between those two"), not by "X and Y".
func betweenPair(ts []token) bool {
	k := slices.IndexFunc(ts, func(t token) bool { return t.raw == "between" })
	if k < 0 {
		return false
	}
	n := k + 1
	for n < len(ts) && lex.pairDet[ts[n].raw] && ts[n].raw != "both" {
		n++
	}
	return n < len(ts) && lex.pairPoint[ts[n].raw]
}

// extractPlan reads a flow back into steps along its success path, remembering which
// node plays which role so that layout can reuse them.
func extractPlan(f flow.Flow) (*plan, error) {
	if len(f) == 0 {
		return nil, errors.New("flowbuild: the flow to edit is empty")
	}
	start := f.Start()
	if start == nil {
		return nil, errors.New("flowbuild: the flow to edit has no start node")
	}
	p := &plan{policy: "end", retry: map[string]*flow.Node{}, again: map[string]*flow.Node{}, transitions: map[string]*flow.Node{}}
	sc := start.Clone()
	p.start = &sc
	var text strings.Builder
	for i := range f {
		if pr := f[i].Prompt; pr == newUserPrompt(ucGeneric) || pr == newUserBranchPrompt(ucGeneric) {
			continue // "if you're new here, please sign up first" names no purpose
		}
		text.WriteString(f[i].Prompt)
		text.WriteByte(' ')
	}
	ts := tokenizeExact(text.String())
	p.uc = detectUseCase(ts)
	p.amount, p.noun, p.whom = findAmount(ts), findNoun(ts, p.uc), findWhom(ts)

	seen := map[string]bool{}
	cur := start.Next
	var prev *step
	for cur != "" && !seen[cur] {
		seen[cur] = true
		n := f.Node(cur)
		if n == nil {
			return nil, fmt.Errorf("flowbuild: the flow to edit points at a node %q that does not exist", cur)
		}
		node := n.Clone()
		if n.Type == flow.TypeEnd {
			p.end = &node
			break
		}
		next := successTarget(n)
		if n.Type == flow.TypeConversation && strings.HasPrefix(n.ID, "after_") && n.DoesNotRequireReply && prev != nil && prev.k == kLiveness {
			p.transitions[prev.node.ID] = &node
			cur = next
			continue
		}
		s := &step{k: kindOf(n, len(p.steps) == 0), node: &node}
		s.ageUnder = s.k == kAgeCheck && strings.EqualFold(n.Validation.Action, "youngerThan")
		if s.k == kFaceCompare {
			s.srcA, s.srcB = n.SourceA, n.SourceB
		}
		if n.Validation != nil {
			s.field = n.Validation.Field
		}
		s.topics = topicsOf(tokenizeExact(n.Prompt))
		p.steps = append(p.steps, s)
		prev = s
		p.roles(f, n)
		cur = next
	}
	p.readRetries()
	p.readDeepfakeEnd(f)
	if p.end == nil {
		for i := range f {
			if f[i].Type == flow.TypeEnd {
				e := f[i].Clone()
				p.end = &e
				break
			}
		}
	}
	// the last informing conversation before the end is the closing line
	if n := len(p.steps); n > 1 {
		if last := p.steps[n-1]; last.k == kInform {
			last.k = kClosing
		}
	}
	if len(p.steps) == 0 {
		return nil, errors.New("flowbuild: the flow to edit has no steps between start and end")
	}
	// a flow its author left without a greeting, a closing line or any line at
	// all stays so: layout adds none of them back ("lose the greeting" earlier)
	if !slices.ContainsFunc(f, func(n flow.Node) bool {
		_, retry := n.Outcome("retry") // (a retry asked for speaks in a quiet flow too)
		return n.Type == flow.TypeConversation && !retry
	}) {
		p.quiet = quietAll
	}
	if p.steps[0].k != kGreeting {
		p.quiet |= quietGreeting
	}
	if p.steps[len(p.steps)-1].k != kClosing {
		p.quiet |= quietClosing
	}
	// a node on the success path plays no second role (a closing line that failures
	// also lead to): layout writes a separate node for that role
	kept := map[string]bool{}
	for _, s := range p.steps {
		kept[s.node.ID] = true
	}
	p.readBranches(f, kept)
	for _, r := range []**flow.Node{&p.failure, &p.newUserLive, &p.newUserConv} {
		if *r != nil && kept[(*r).ID] {
			*r = nil
		}
	}
	for k, n := range p.retry {
		if kept[n.ID] {
			delete(p.retry, k)
		}
	}
	// nodes that play no role are dropped by the rebuild: say so
	for _, n := range []*flow.Node{p.start, p.end, p.failure, p.newUserLive, p.newUserConv} {
		if n != nil {
			kept[n.ID] = true
		}
	}
	for _, m := range []map[string]*flow.Node{p.retry, p.again, p.transitions} {
		for _, n := range m {
			kept[n.ID] = true
		}
	}
	var dropped []string
	for i := range f {
		if !kept[f[i].ID] && f[i].ID != p.dfEnd {
			dropped = append(dropped, f[i].ID)
		}
	}
	if len(dropped) > 0 {
		p.warn("nodes_dropped", "The edit rebuilt the flow around its success path; these nodes were on no path it keeps: "+strings.Join(dropped, ", ")+".",
			"Add the dropped steps back with another change, or edit the JSON by hand.")
	}
	return p, nil
}

// readBranches reads back the steps Build put on branches: the new-user path of a
// recognition (after its liveness check and conversation) and the fallback of a
// step (after a "fallback_" conversation), so that an edit keeps them. Their
// nodes join kept.
func (p *plan) readBranches(f flow.Flow, kept map[string]bool) {
	main := maps.Clone(kept)
	stop := "" // the main-path node the last walk ended at
	walk := func(from string) []*step {
		var out []*step
		seen := map[string]bool{}
		stop = ""
		for cur := from; cur != "" && !seen[cur]; {
			if main[cur] {
				stop = cur
				break
			}
			seen[cur] = true
			n := f.Node(cur)
			if n == nil || n.Type == flow.TypeEnd || p.failure != nil && n.ID == p.failure.ID {
				break
			}
			kept[n.ID] = true
			next := successTarget(n)
			if n.Type == flow.TypeConversation && strings.HasPrefix(n.ID, "after_") {
				cur = next // a transition after a liveness check: layout writes it again
				continue
			}
			node := n.Clone()
			s := &step{k: kindOf(n, false), node: &node}
			s.ageUnder = s.k == kAgeCheck && strings.EqualFold(n.Validation.Action, "youngerThan")
			if s.k == kRecognition || s.k == kClosing {
				break
			}
			if t := f.Node(next); s.k.isConversation() && t != nil && t.Type == flow.TypeEnd {
				s.ends = true // "… tell them to contact the exam office and end": the path ends on its line
			}
			out = append(out, s)
			cur = next
		}
		return out
	}
	readFallback := func(s *step, prefix string) {
		from := s.node
		if a := p.again[s.node.ID]; a != nil {
			from = a // a bounded retry's fallback hangs off its second attempt
		}
		for _, o := range from.Outcomes {
			t := f.Node(o.Target)
			if t == nil || !strings.HasPrefix(t.ID, prefix) || len(t.Outcomes) == 0 {
				continue
			}
			if t.Type != flow.TypeConversation {
				// a quiet flow's fallback opens on its first step, with no line
				// before it (layout gives that step the entry's id)
				s.fallback = walk(t.ID)
				break
			}
			kept[t.ID] = true
			if n := len(slices.DeleteFunc(slices.Clone(from.Outcomes), func(u flow.Outcome) bool { return u.Target != o.Target })); n == 1 && len(from.Outcomes) > 2 {
				s.fallbackOn = o.ID // only this outcome falls back ("if the headshot is missing": imageUnavailable)
			}
			if to := t.Outcomes[0].Target; p.failure != nil && to == p.failure.ID || f.Node(to) != nil && f.Node(to).Type == flow.TypeEnd {
				// "if they deny camera access, the avatar tells them verification
				// can't continue": the failure's own line, then the session ends
				// (a line that went straight to the end, a handover, still does)
				node := t.Clone()
				s.fallback = []*step{{k: kInform, ends: true, last: f.Node(to) != nil && f.Node(to).Type == flow.TypeEnd, node: &node}}
				break
			}
			s.fallback = walk(t.Outcomes[0].Target)
			break
		}
	}
	for _, s := range p.steps {
		if s.k == kRecognition && p.newUserConv != nil && len(p.newUserConv.Outcomes) > 0 {
			s.branch = walk(p.newUserConv.Outcomes[0].Target)
			for _, m := range p.steps {
				if len(s.branch) > 0 && m.node != nil && m.node.ID == stop && !m.k.isConversation() {
					m.joins = true // the new-user path went on to a step every user takes
				}
			}
			for _, b := range s.branch {
				// "… if the face doesn't match the ID, tell them to visit a
				// branch": a failure line of a step on the new-user path
				readFallback(b, "new_user_fallback_")
			}
			continue
		}
		if s.k == kAsk && readsAsChoice(s.node) {
			// a choice Build laid out: the options after the first run beside the
			// main path and rejoin it
			s.choice = true
			for _, o := range s.node.Outcomes[1:] {
				if opts := walk(o.Target); len(opts) > 0 {
					s.options = append(s.options, opts[0])
					readFallback(opts[0], "fallback_") // "if the email code fails, scan their passport": kept on any edit
				}
			}
			continue
		}
		readFallback(s, "fallback_")
	}
}

// readRetries: a flow whose every check is offered again on failure was built
// with the retry policy, and an added check gets a retry too; a flow where only
// some are keeps those retries and adds none.
func (p *plan) readRetries() {
	if len(p.retry) == 0 {
		return
	}
	all := true
	for _, s := range p.steps {
		if p.retry[s.node.ID] != nil {
			s.retry, s.once = true, p.again[s.node.ID] != nil
			// a bounded retry ("one more go at the SMS code") is that step's own,
			// never the flow's every-check policy: a step replacing it would loop
			// (rvC13 7)
			all = all && !s.once
		} else if retryable(s.k) && canFail(s.k) {
			all = false
		}
	}
	if all {
		p.policy = "retry"
	}
}

// setPolicy sets what a failed check does, as a change or an option says it for
// the whole flow: the retries of single steps give way to it.
func (p *plan) setPolicy(pol string) {
	p.policy = pol
	for _, s := range p.steps {
		s.retry = false
	}
}

// roles notes the failure, retry and new-user nodes hanging off a success-path node.
func (p *plan) roles(f flow.Flow, n *flow.Node) {
	for i, o := range n.Outcomes {
		if n.Type == flow.TypeRecognition {
			if o.ID == "newUser" || o.ID == "noFace" {
				if t := f.Node(o.Target); t != nil && t.Type == flow.TypeLiveness && p.newUserLive == nil {
					c := t.Clone()
					p.newUserLive = &c
					if conv := f.Node(successTarget(t)); conv != nil && conv.Type == flow.TypeConversation && p.newUserConv == nil {
						cc := conv.Clone()
						p.newUserConv = &cc
					}
				}
			}
			continue
		}
		if i == 0 {
			continue
		}
		t := f.Node(o.Target)
		if t == nil || t.Type != flow.TypeConversation {
			continue
		}
		if n.Type == flow.TypeLiveness && o.ID == "deepfakeDetected" && strings.HasPrefix(t.ID, "deepfake_end") {
			// a caught deepfake's own ending (layout's one deepfake rule, which
			// names it so) is no flow-wide failure node: read first, it took
			// the handover's place and every later edit ended each failure
			// politely (rvD19 D1)
			p.dfSeen = append(p.dfSeen, t.ID)
			continue
		}
		back, ok := t.Outcome("retry")
		if a := f.Node(back); ok && back != n.ID && a != nil && a.Type == n.Type {
			// a bounded retry (layout.bounded): the retry leads to a second node
			// of the step's kind, whose failures are read as the step's own
			ac := a.Clone()
			p.again[n.ID] = &ac
			back = n.ID
		}
		if ok && back == n.ID {
			c := t.Clone()
			p.retry[n.ID] = &c
			if len(t.Outcomes) > 1 {
				if ft := f.Node(t.Outcomes[1].Target); ft != nil && ft.Type == flow.TypeConversation && p.failure == nil {
					fc := ft.Clone()
					p.failure = &fc
				}
			}
			continue
		}
		if p.failure == nil && len(t.Outcomes) == 1 {
			if e := f.Node(t.Outcomes[0].Target); e != nil && e.Type == flow.TypeEnd {
				c := t.Clone()
				p.failure = &c
				if isHandoverLine(t.Prompt) {
					p.policy = "human"
				}
			}
		}
	}
}

// readDeepfakeEnd reads where the flow's liveness checks send a caught
// deepfake, after roles found the failure node. Sent to the flow-wide
// handover, the flow hands deepfakes over on purpose (the text said so:
// plan.attackSaid), and an edit keeps that; sent to its own one-line ending
// next to a handover, layout writes that ending again (its one deepfake
// rule), so it is not reported dropped.
func (p *plan) readDeepfakeEnd(f flow.Flow) {
	for _, id := range p.dfSeen {
		if p.failure == nil {
			if t := f.Node(id); t != nil && len(t.Outcomes) == 1 {
				if e := f.Node(t.Outcomes[0].Target); e != nil && e.Type == flow.TypeEnd {
					// a flow whose liveness is its only check that fails to a
					// one-line ending: that ending is the failure node
					c := t.Clone()
					p.failure = &c
					if isHandoverLine(t.Prompt) {
						p.policy = "human"
					}
				}
			}
			continue
		}
		switch {
		case id == p.failure.ID && p.policy == "human":
			p.attackSaid = true
		case id != p.failure.ID && p.policy == "human":
			p.dfEnd = id
		}
	}
}

// isHandoverLine: a failure node's prompt is the stock handover line.
func isHandoverLine(prompt string) bool {
	l := strings.ToLower(prompt)
	return strings.Contains(l, "team") && strings.Contains(l, "passing you")
}

func successTarget(n *flow.Node) string {
	if n.Type == flow.TypeStart {
		return n.Next
	}
	if info, ok := flow.Info(n.Type); ok && info.Shape == flow.ShapeMap {
		t, _ := n.Outcome(info.SuccessOutcome())
		return t
	}
	if len(n.Outcomes) > 0 {
		return n.Outcomes[0].Target
	}
	return ""
}

func kindOf(n *flow.Node, first bool) kind {
	switch n.Type {
	case flow.TypeConversation:
		if n.DoesNotRequireReply || len(n.Outcomes) == 1 && n.Outcomes[0].Condition == "" {
			if first {
				return kGreeting
			}
			return kInform
		}
		if first && (n.ID == "greeting" || n.ID == "welcome") {
			return kGreeting
		}
		return kAsk
	case flow.TypePermissions:
		return kPermissions
	case flow.TypeLiveness:
		return kLiveness
	case flow.TypeFaceScan:
		return kFaceScan
	case flow.TypeFaceCompare:
		return kFaceCompare
	case flow.TypeRecognition:
		return kRecognition
	case flow.TypeDocumentScan:
		return kDocument
	case flow.TypeEnterEmail:
		return kEnterEmail
	case flow.TypeTwoFactorEmail:
		return kEmailOTP
	case flow.TypeTwoFactorSMS:
		return kSMSOTP
	case flow.TypeDataValidation:
		if n.Validation != nil && (strings.EqualFold(n.Validation.Action, "olderThan") || strings.EqualFold(n.Validation.Action, "youngerThan")) {
			return kAgeCheck
		}
		if n.Validation != nil && strings.EqualFold(n.Validation.Field, "expirationDate") {
			return kExpiryCheck
		}
		return kMatchCheck
	}
	return kInform
}

// changeOp is what an edit sentence asks for.
type changeOp int

const (
	opAdd changeOp = iota
	opRemove
	opReplace
	opMove
	opReword
)

// apply performs one instruction on the plan and says what it did.
func (p *plan) apply(sentence string) ([]string, error) {
	if note := p.choiceRefusal(sentence); note != "" {
		p.assumptions = append(p.assumptions, note)
		return []string{"left the flow as it is"}, nil
	}
	sentence = p.optionsAsCodes(sentence)
	if strings.Contains(sentence, "nterchange ") {
		// "please interchange the face compare and the SMS code": the swap
		// the rules know, read before the rest of the sentence is (its
		// reason after a comma is a swap's)
		sentence = p.rareSwap(sentence)
	}
	if req, bg := requestAfterSo(sentence); bg != "" {
		sentence = req
		if bts, rts := tokenize(bg), tokenize(req); ageIn(bts) > 0 && ageRequired(bts) && has(rts, "age") && ageIn(rts) == 0 {
			age := ageIn(bts)
			// "couriers must be over 21, so add an age check after the ID
			// scan": the reason sets the age of the check it asks for, as a
			// remark in a sentence of its own does (ageCheckLater)
			sentence = req + ", " + strconv.Itoa(age) + "+"
		} else {
			p.assumptions = append(p.assumptions, "Read \""+bg+"\" as a remark about the change, not as a step to add.")
		}
	}
	if i := lastIndexFold(sentence, ", "); i > 0 && usersHabit(tokenize(sentence[i+len(", "):])) && namesAnything(tokenize(sentence[:i])) {
		// "Only accept passports and national ID cards on the scan, people
		// keep trying it with a driving licence": the last clause is why, as
		// the words before ", so" are for requestAfterSo
		p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(sentence[i+len(", "):])+"\" as a remark about the change, not as a step to add.")
		sentence = sentence[:i]
	}
	sentence = removalOpener(sentence)
	sentence = negatedBound(sentence)
	if done, rest, ok, err := p.clearBounds(sentence); ok {
		// "Remove the email code and the attempt cap on the SMS code": the
		// cap goes, the SMS code stays; the rest of the removal is applied
		if err != nil {
			return nil, err
		}
		if rest == "" {
			return done, nil
		}
		more, err := p.apply(rest)
		return append(more, done...), err
	}
	sentence = p.frontedRemoval(sentence)
	sentence = cutReason(sentence)
	sentence, why := activeVoice(sentence)
	if why != "" {
		p.assumptions = append(p.assumptions, "Read \""+why+"\" as a remark about the change, not as a step to add or remove.")
	}
	sentence = copularChange(sentence)
	sentence = supposedChange(sentence)
	sentence = dropSwapResult(sentence)
	ts := p.said.of(sentence) // (most often the part Edit's loop read)
	if line, tone, ok := toneIn(ts); ok {
		// "make the greeting friendlier", "strike a warmer tone": how the
		// avatar speaks, no line's words; another instruction beside it ("be
		// friendlier and skip the SMS code") is applied after it
		p.assumptions = append(p.assumptions, toneNote(line, tone))
		done := p.retone(line, tone)
		if rest := besideTone(ts); len(rest) > 0 {
			more, err := p.apply(clauseText(rest))
			return append(done, more...), err
		}
		return done, nil
	}
	if op, target, text := rewordOf(sentence, ts); op {
		if target == "fallback" {
			return p.rewordFallback(ts, text)
		}
		if g := p.find(kGreeting); target == "greeting" && g >= 0 && p.steps[g].node != nil && quoted(sentence) == "" && opensAsGreeting(text) {
			// "make the greeting say welcome to Orbit Bank": as Build reads it, the
			// words open the greeting, which still says what the session is for
			p.steps[g].node.Prompt = withOpening(p.steps[g].node.Prompt, strings.TrimRight(text, " ."))
			return []string{"the greeting now opens with: " + sentenceOf(text)}, nil
		}
		return p.reword(target, text)
	}
	if i, text := p.lineToSay(sentence, ts); i >= 0 {
		// "the room number line should say their key is at reception instead":
		// the line that speaks of the words before "say" says the words after
		line := &step{k: kInform, phrase: text}
		if q := quoted(sentence); q != "" {
			line.phrase = quoteW + q + quoteW
		}
		p.steps[i].node.Prompt = informPrompt(line, p.uc, p.noun)
		p.touched = p.steps[i]
		return []string{"reworded the line " + strconv.Quote(p.steps[i].node.Prompt)}, nil
	}
	if t, q := p.touched, quoted(sentence); t != nil && (t.k == kGreeting || t.k == kClosing) && q != "" && hasAnyRaw(ts, lex.touchedRef) {
		// "The greeting rambles. Make it say just "Please sit centred …"": the
		// line the sentence before spoke of gets the words quoted
		target := "greeting"
		if t.k == kClosing {
			target = "closing"
		}
		return p.reword(target, q)
	}
	if amountCondition(ts) && (slices.Contains(negations(ts), true) || hasAnyRaw(ts, lex.removeVerb)) {
		// "skip the read-back for amounts under 500": as Build reads it
		p.assumptions = append(p.assumptions, amountNote(ts))
		return []string{"left the flow as it is, since it cannot see the amount"}, nil
	}
	if g, seg := untoldGroup(ts); g != "" && !addsStep(seg) && (slices.Contains(negations(seg), true) || hasAnyRaw(seg, lex.removeVerb) || hasAnyRaw(seg, lex.placeVerb) || hasAnyRaw(seg, lex.orderPrep)) {
		// "skip the ID scan for EU users", "do the ID scan after the SMS
		// code for EU users": as Build reads it
		p.assumptions = append(p.assumptions, untoldGroupNote(ts, g))
		return []string{"left the flow as it is, since it cannot tell " + g + " from other users"}, nil
	} else if g != "" && addsStep(seg) {
		p.assumptions = append(p.assumptions, untoldGroupAdded(ts, g))
	}
	if d, ok := p.readBackMore(ts); ok {
		return d, nil
	}
	if d, ok := p.statesOnly(ts); ok {
		return d, nil
	}
	if d, ok := p.fallbackEdit(ts); ok {
		return d, nil
	}
	if d, ok := p.branchEdit(ts); ok {
		return d, nil
	}
	if d, ok := p.recognisedPathEdit(ts); ok {
		return d, nil
	}
	if d, ok := p.retryEdit(ts); ok {
		return d, nil
	}
	// (what the swap is for follows its verb: "to do the ID first, swap the face
	// scan and the document scan" swaps, "switch to email" does not)
	// (what the avatar is to ask is no instruction: "have the avatar ask why
	// they're requesting the SIM swap", "… ask whether they want to switch
	// phones" add a question, they swap nothing)
	sw := ts[:askedQuestionAt(ts)]
	sv := max(0, slices.IndexFunc(sw, func(t token) bool { return lex.swapVerb[t.raw] }))
	exchange := hasRaw(sw, "order", "around", "reverse", "flip", "invert") && hasRaw(sw, "swap", "switch", "reverse", "flip", "invert", "change") ||
		hasRaw(sw, "swap", "switch", "exchange") && (!hasAnyRaw(sw[sv:], lex.swapTarget) || stepNumbers(sw) == 2 || endPair(sw) || hasPhrase(sw[sv:], lex.reciprocal)) ||
		// "swap the two, liveness has to come before the code": a bare pair as
		// the verb's object is what is exchanged, whatever "to" comes later
		len(sw) > 0 && lex.swapVerb[sw[sv].raw] && barePair(sw[sv:min(len(sw), sv+4)])
	if exchange && lex.swapVerb[sw[sv].raw] && sv+1 < len(sw) && sw[sv+1].raw == "it" && !hasRaw(sw, "order", "around", "round") && !hasRaw(sw[sv+1:], "and", "with") {
		// "they'd rather get the passcode by text, switch it": one thing is
		// no pair to exchange; the verb says again the change before it
		exchange = false
	}
	sentence = rewriteBetween(sentence, ts)
	ts = tokenize(sentence)
	if k := insteadOfPlace(ts); k > 0 {
		// "put the liveness check at the very end instead of the start": the place
		// it leaves is no step to replace; the sentence moves it
		ts = ts[:k]
	}
	if k, j := p.whereStepIs(ts); k >= 0 {
		// "put an SMS code (in the same place) where the email code is": the
		// place a step of the flow has is its place taken, as "in place of the
		// email code" says
		ts = slices.Concat(ts[:k], tokenize("in place of"), ts[k+1:j], ts[j+1:])
	}
	for k := 0; k+1 < len(ts); k++ {
		if ts[k].raw == "over" && preferredOver(ts, k) && len(analyze(ts[k-1:k], nil).steps) > 0 {
			// "we prefer email over SMS (now)": as "… instead of SMS"
			ts = slices.Concat(ts[:k], tokenize("instead of"), ts[k+1:])
		}
		if k+2 >= len(ts) {
			break
		}
		// "use face recognition instead of the passport scan and face comparison",
		// "… rather than …", "… in place of …": the new side, then the old
		if ts[k].w == "instead" && ts[k+1].raw == "of" || ts[k].raw == "rather" && ts[k+1].raw == "than" || ts[k].raw == "place" && ts[k+1].raw == "of" && k > 0 && ts[k-1].raw == "in" {
			end := k
			if ts[k].raw == "place" {
				end = k - 1
			}
			oldSide, newSide := ts[k+2:], ts[:end]
			if c := slices.IndexFunc(oldSide, func(t token) bool { return t.w == "," }); end == 0 && c > 0 {
				// "Instead of the ID scan and face compare, recognise the
				// student …": the old side first, up to the comma
				oldSide, newSide = oldSide[:c], oldSide[c+1:]
			}
			if len(oldSide) > 0 && removal(oldSide[0]) && len(newSide) > 0 {
				// "instead of removing the email entry and the email code, add an
				// SMS code after them": the removal is the action not taken; what
				// it names stays, and the other side is the change
				p.assumptions = append(p.assumptions, "Read \""+clauseText(oldSide)+"\" as what the change should not do, so those steps stay.")
				// ("after them": the steps the removal named)
				named := oldSide[1:]
				if a := slices.IndexFunc(named, func(t token) bool { return t.raw == "and" }); a >= 0 && a+1 < len(named) {
					named = named[a+1:] // (the last of them: "after them" is after all)
				}
				ts = nil
				for _, t := range newSide {
					if t.raw == "them" || t.raw == "it" || t.raw == "those" {
						ts = append(ts, named...)
						continue
					}
					ts = append(ts, t)
				}
				break
			}
			if d, ok := p.replaceMany(oldSide, newSide); ok {
				return d, nil
			}
			ts = p.replaceUnread(ts, k, end)
			break
		}
	}
	if r := index(ts, "replace"); r >= 0 || hasAnyRaw(ts, lex.swapFor) {
		// "replace recognition with an ID scan plus face comparison": the two sides
		// are read apart, so that one side's words do not decide the other's steps
		for j := max(r, 0) + 1; j < len(ts); j++ {
			if ts[j].raw == "with" || ts[j].raw == "for" && r < 0 {
				if d, ok := p.replaceMany(ts[:j], ts[j+1:]); ok {
					return d, nil
				}
				ts = slices.Clone(ts)
				ts[j] = token{w: ","}
				break
			}
		}
	}
	if s := p.stepOf(kDocument); s != nil {
		// "don't accept driving licences anymore", "remove passports from the
		// accepted documents and allow ID cards": what the scan accepts changes,
		// the scan stays while it accepts anything
		// ("drop the driving licence" from a scan of passports or licences: a
		// type named as a type is a type removed, the scan stays)
		if added, removed := docTypeChanges(ts); len(removed) > 0 && (len(added) > 0 || hasAnyRaw(ts, lex.acceptVerb) || typesAlone(ts)) {
			cur := s.currentDocTypes()
			if len(added) == 0 && typesAlone(ts) && !hasAnyRaw(ts, lex.acceptVerb) && !readSettings(ts).any() && !slices.ContainsFunc(removed, func(t string) bool { return slices.Contains(cur, t) }) {
				// "no national IDs anymore" when the scan never took them
				return []string{"kept the document scan, which already does not accept " + docTypesText(removed)}, nil
			}
			types := slices.DeleteFunc(mergeTypes(cur, added), func(t string) bool { return slices.Contains(removed, t) })
			if len(types) > 0 && !slices.Equal(types, cur) {
				s.docTypes = types
				done := []string{"the document scan now accepts " + docTypesText(types)}
				if st := readSettings(ts); st.scanMode != "" {
					// "…, and single capture only": the scan's mode in the same breath
					s.scanMode = st.scanMode
					done = append(done, "it scans in "+st.scanMode+" mode")
				}
				s.configureNode()
				return done, nil
			}
		}
	}
	// (a removal with an exception, "remove everything apart from the passport
	// scan", is the "everything except" cut below, whichever phrase says it)
	excepts := exceptsStep(ts)
	if (hasAnyRaw(ts, lex.removeVerb) || takesOffOrOut(ts) && !canGo(ts)) && !hasAnyRaw(ts, lex.replaceWord) && !hasRaw(ts, "add", "but", "keep", "down", "leave") && !excepts && !alsoOtherOp(ts) && !has(ts, "only") {
		if d, ok := p.removeMany(ts); ok {
			return d, nil
		}
	} else if i := negatedList(ts); i > 0 && !hasAnyRaw(ts, lex.replaceWord) && !hasRaw(ts, "add", "but", "keep", "instead", "only") && !excepts {
		// "could we not do the passport, the selfie or the comparing bit?": a
		// list ruled out is a list removed, as "remove A, B and C" is; under a
		// negation "or" joins its items as "and" does ("not A or B" is neither)
		list := slices.Clone(ts[i:])
		for j := range list {
			if list[j].raw == "or" || list[j].raw == "nor" {
				list[j] = token{w: ","}
			}
		}
		if d, ok := p.removeList(list); ok {
			return d, nil
		}
	}
	var pos, neg []*step
	var negKinds kindSet
	front, back := false, false
	var ref []*step
	refAfter := false
	// the steps a sentence may name: the main path's and the branches' ("remove
	// the face comparison" when only new users have one is not the recognition)
	named := slices.Clone(p.steps)
	for _, s := range p.steps {
		named = append(append(named, s.branch...), s.fallback...)
	}
	var prior []token
	held := false // a clause named a photo the integrator holds, as in parse
	// the place each clause gave its own steps: "add an ID scan at the very
	// beginning, before the face scan, and compare the ID photo with the face
	// scan right after the face scan" puts the scan first and the comparison
	// after the face scan, not both after it
	type clausePlace struct {
		front, back, after bool
		ref                []*step
	}
	placeOf := map[*step]clausePlace{}
	namedTwice := func(m map[*step]clausePlace, s *step) bool {
		for o := range m {
			if o != s && o.k == s.k {
				return true // ("drop when the ID scan is first, so the document scan moves to the end")
			}
		}
		return false
	}
	clauseOf := map[*step]int{} // which clause named the step
	placedClauses := 0          // clauses with a place of their own and a step to put there
	clauses := splitClauses(ts)
	for ci, c := range clauses {
		// the clause before, for "one" ("swap that code for an email one"); the
		// steps earlier clauses added, for what "it" is ("have them type their
		// email in and check it matches the one on file"); a photo held, for
		// "that photo" clauses later ("start passing the customer's photo in …,
		// so instead of searching everyone, compare their face to that photo")
		a := analyzeAfter(c.toks, slices.Concat(named, pos), prior, held)
		if a.penult && a.back && !a.front && len(a.ref) == 0 {
			// "put a face compare second to last": right before the flow's
			// last step, a place the plan has
			for i := len(p.steps) - 1; i >= 0; i-- {
				if l := p.steps[i]; !l.k.isConversation() && l.k != kClosing && findKind(a.steps, l.k) < 0 && findKind(pos, l.k) < 0 {
					a.ref, a.refAfter, a.back, a.penult = []*step{{k: l.k}}, false, false, false
					break
				}
			}
		}
		prior = c.toks
		held = held || priorProvided(c.toks)
		pos = append(pos, a.steps...)
		for _, s := range a.steps {
			clauseOf[s] = ci
		}
		negKinds |= a.neg
		front = front || a.front
		back = back || a.back
		if len(a.ref) > 0 {
			ref, refAfter = a.ref, a.refAfter
		}
		if (a.front || a.back || len(a.ref) > 0) && len(a.steps) > 0 {
			placedClauses++
			for _, s := range a.steps {
				placeOf[s] = clausePlace{a.front, a.back, a.refAfter, a.ref}
			}
		}
	}
	if placedClauses < 2 {
		clear(placeOf) // one place for the whole sentence, as it reads
	}
	if t := p.touched; len(ref) == 0 && t != nil && p.find(t.k) >= 0 {
		// "The SMS code should come first. After it, do the document scan.": a
		// position word before a pronoun is relative to the step just touched
		for k := 0; k+1 < len(ts); k++ {
			if (ts[k].raw == "after" || ts[k].raw == "before") && lex.touchedRef[ts[k+1].raw] && findKind(pos, t.k) < 0 {
				ref, refAfter = []*step{t}, ts[k].raw == "after"
				break
			}
		}
	}
	namesEntry := false
	for k := 0; k+1 < len(ts); k++ {
		namesEntry = namesEntry || ts[k].w == "email" && lex.entryNext[ts[k+1].raw]
	}
	if negKinds.has(kEnterEmail) && p.find(kEnterEmail) < 0 && p.find(kEmailOTP) >= 0 && !namesEntry {
		// ("we don't want an email entry step" names the entry, which the flow
		// does not have: nothing to remove, and not the code)
		// "not email" in a flow that sends an email code: the code's channel
		negKinds = negKinds&^(1<<kEnterEmail) | 1<<kEmailOTP
	}
	if negKinds.has(kEmailOTP) && ruledOutWhole(ts) {
		switch {
		case p.entryKept():
			// "don't use email at all, …, but still ask for their email at
			// the start": the entry the change keeps is not ruled out with the code
			negKinds &^= 1 << kEnterEmail
		case p.find(kEnterEmail) >= 0 && namesEmailAlone(ts):
			// "dont use email at all, text them a code instead": email ruled
			// out whole takes its entry with its code; "don't use the email
			// code at all" names the code alone
			negKinds.add(kEnterEmail)
		}
	}
	for k := kind(1); k < kindCount; k++ {
		if negKinds.has(k) && k != kOTP {
			neg = append(neg, &step{k: k})
		}
	}
	if negKinds.has(kOTP) && !negKinds.has(kEmailOTP) {
		neg = append(neg, &step{k: kOTP})
	}
	// "have them type their email address": the entry, never read as the channel
	// of a code as "use email instead of SMS" is
	typed := has(ts, "collect") || namesEntry
	if p.stepOf(kEnterEmail) == nil && p.stepOf(kEmailOTP) != nil {
		// "replace the email step with SMS", "remove the email fallback": the
		// flow's email step is its code ("instead of the email code, have them
		// key in their email address" types one in)
		for li, list := range [][]*step{pos, neg} {
			newSide := li == 0 && len(neg) > 0
			if len(list) > 0 && list[0].k == kEnterEmail && (hasAnyRaw(ts, lex.replaceWord) || takesOut(ts) || hasRaw(ts, "move")) && !(typed && newSide) {
				list[0].k = kEmailOTP
			}
		}
	}
	if len(pos) > 0 && len(neg) > 0 {
		// "replace the SMS OTP with just having them type their email address, no
		// code sent": a kind ruled out that the flow does not have is no step to
		// take out, only one the new steps must not be; nor is it added
		pos = slices.DeleteFunc(pos, func(s *step) bool { return negKinds.has(s.k) && findKind(named, s.k) < 0 && !s.k.isConversation() })
		inFlow := func(s *step) bool { return findKind(named, s.k) >= 0 }
		if len(pos) > 0 && slices.ContainsFunc(neg, inFlow) || len(pos) >= 2 && slices.ContainsFunc(pos, inFlow) {
			// (with none of them in the flow, "use SMS instead of email" says the
			// flow has no email code; but "replace the face recognition with a
			// 1:1 compare against their profile photo, no face scan" names the
			// step replaced, and the face scan it rules out is no old side)
			neg = slices.DeleteFunc(neg, func(s *step) bool { return !inFlow(s) })
		}
	}
	pos = dedupeKinds(pos)
	subject := p.touched != nil && len(ts) > 1 && lex.touchedRef[ts[0].raw] && p.find(p.touched.k) >= 0
	if subject && len(neg) == 0 {
		// "Add a face scan at the end. It needs a liveness challenge.": a setting
		// of the step the sentence before touched
		if d, ok := p.configure(ts, []*step{{k: p.touched.k}}); ok {
			return d, nil
		}
	}
	if len(pos) == 1 && len(neg) == 0 && !subject && !hasAnyRaw(ts, lex.touchedRef) {
		// (a sentence with its own "it" still points back: "swap it with the
		// liveness check")
		if i := p.find(pos[0].k); i >= 0 {
			// "The passport scan is redundant. Remove that step.": the step a
			// sentence names is what the next one's "it" or "that step" means
			p.touched = p.steps[i]
		}
	}
	if t := p.touched; subject && findKind(pos, t.k) >= 0 {
		// "Add a face comparison. It should compare the ID photo with their face.":
		// a sentence whose subject points back at the step just touched describes
		// that step; the step it names again is the same one, not a second
		pos = slices.DeleteFunc(pos, func(s *step) bool { return s.k == t.k })
		if len(pos) == 0 && len(neg) == 0 {
			if d, ok := p.configure(ts, []*step{{k: t.k}}); ok {
				return d, nil
			}
			return nil, nil
		}
	}
	if hasRaw(ts, "keep") && len(pos) > 0 && !hasRaw(ts, "add", "also") && !hasAnyRaw(ts, lex.boundNoun) { // ("keep the email code's cap at 3" keeps a setting, and no code goes)
		// "we only want one code, keep the SMS": the rest of its family goes,
		// but not a step this change just added ("put an SMS code in its place;
		// keep the email code at the end": both codes stay)
		var done []string
		for _, s := range pos {
			if s.k == kOTP {
				continue // "one code": the family itself, not the member kept
			}
			p.steps = slices.DeleteFunc(p.steps, func(o *step) bool {
				if o.k != s.k && slices.Contains(family(s.k), o.k) && p.find(s.k) >= 0 && o.node != nil {
					done = append(done, "removed the "+o.k.String())
					return true
				}
				return false
			})
		}
		if len(done) > 0 {
			return done, nil
		}
	}
	if len(neg) == 0 && hasAnyRaw(ts, lex.keepVerb) && !hasRaw(ts, "add", "also") && !front && !back && len(ref) == 0 && !hasSetting(ts) && !hasAnyRaw(ts, lex.rest) &&
		!slices.ContainsFunc(pos, func(s *step) bool { return s.front || s.back }) && allPresent(p.steps, pos) {
		// "swap the email OTP for a text message code. keep the email entry step,
		// we still want the address": a step the flow has, said to stay, stays
		// where it is; it is no second one
		return []string{"kept the " + stepNames(pos)}, nil
	}
	needed := onlyNeeded(ts, p.steps, pos, neg)
	if hasRaw(ts, "everything", "all", "every") && (hasRaw(ts, "but", "other") || excepts) && hasRaw(ts, "remove", "delete", "drop", "rip", "rid", "cut", "lose", "scrap", "strip") ||
		hasRaw(ts, "just", "only") && hasRaw(ts, "cut", "trim", "reduce", "strip", "pare", "down", "leave") && len(pos) > 0 || needed != nil {
		// "drop everything except liveness", "cut it down to just the ID scan and liveness"
		keep := append(slices.Clone(pos), neg...) // the steps named stay, every other check goes
		if n := needed; n != nil {
			// "rip out both codes, we only need liveness + the doc": the steps
			// named after "only need" are all the flow keeps
			keep = n
		}
		var done []string
		p.steps = slices.DeleteFunc(p.steps, func(s *step) bool {
			if s.k.isConversation() || findKind(keep, s.k) >= 0 {
				return false
			}
			done = append(done, "removed the "+s.k.String())
			return true
		})
		if len(done) > 0 {
			return done, nil
		}
	}
	if exchange && len(pos) == 0 && len(p.prevPart) > 0 && hasAnyRaw(ts, lex.pairPoint) {
		// "The email code must come before the SMS code; exchange their positions":
		// the two steps the instruction before named
		named, ordered := namedPair(p.prevPart, p.steps)
		if len(named) != 2 {
			return p.exchange(pos, ts)
		}
		a, b := p.find(named[0]), p.find(named[1])
		if a >= 0 && b >= 0 && a != b {
			if ordered {
				// that instruction already put them in the order it stated: the swap says it again
				return []string{fmt.Sprintf("kept the %s and the %s in the order just set", named[0], named[1])}, nil
			}
			p.steps[a], p.steps[b] = p.steps[b], p.steps[a]
			return []string{fmt.Sprintf("swapped the %s and the %s", p.steps[b].k, p.steps[a].k)}, nil
		}
	}
	if t := p.touched; len(pos) == 1 && t != nil && t.k != pos[0].k && p.find(t.k) >= 0 && hasAnyRaw(ts, lex.swapVerb) && hasAnyRaw(ts, lex.touchedRef) {
		// "QA says people drop off at the OTP — swap it with the liveness
		// check": "it" is the step the sentence before spoke of
		pos = []*step{{k: t.k}, pos[0]}
	}
	if exchange || p.swapsPresent(ts, pos) {
		return p.exchange(pos, ts)
	}
	if (front || back || slices.ContainsFunc(pos, func(s *step) bool { return s.front || s.back })) && len(ref) == 0 && len(pos) > 0 && len(neg) == 0 && hasSetting(ts) && readSettings(ts).any() && p.holdPlace(pos, front, back) {
		// "the code at the end: make it 8 digits", "make the code at the end
		// expire after 5 minutes": the place names the step that is already
		// there, whose settings change; nothing moves
		front, back = false, false
		for _, s := range pos {
			s.front, s.back = false, false
		}
		p.heldPlace = true
	}
	d, ok := p.configure(ts, pos)
	p.heldPlace = false
	if ok {
		return d, nil
	}
	// ("the code should be the last thing they do, not the first", "make the
	// code the last step": "the code" given a place is the flow's code, moved)
	placedCode := len(pos) == 1 && pos[0].k == kOTP && (front || back || len(ref) > 0 || pos[0].front || pos[0].back)
	if len(neg) == 0 && (hasRaw(ts, "switch", "make", "use", "change", "instead") || theCode(ts)) && !hasRaw(ts, "add", "also") && !placedCode {
		// "replace the SMS code with: they type their email and we send the
		// code there": the code goes to the address typed before it
		channelFromContext(pos)
		if d, ok := p.switchTo(pos, readSettings(ts)); ok {
			return d, nil
		}
	}
	// "remove the email entry and the code": a code the clause left to its channel
	if has(ts, "code") && findKind(pos, kOTP) < 0 && findKind(neg, kOTP) < 0 && p.find(kOTP) >= 0 && hasRaw(ts, "remove", "delete", "drop", "rip", "rid", "without") {
		pos = append(pos, &step{k: kOTP})
	}
	// "the SMS code at the very beginning and the ID scan at the end": each step
	// took its own position word (bindPositions), so the clause-wide flags are off
	placed := front || back || slices.ContainsFunc(pos, func(s *step) bool { return s.front || s.back })
	if len(neg) > 0 && hasAnyRaw(ts, lex.keepVerb) {
		// "we don't need the over-21 check anymore, keep the document scan
		// though": what is kept stays where it is; it is no step to add
		pos = slices.DeleteFunc(pos, func(s *step) bool { return p.find(s.k) >= 0 })
	}
	if len(neg) > 0 && isCodeKind(neg[0].k) && slices.ContainsFunc(pos, func(s *step) bool { return s.k == kOTP }) && slices.ContainsFunc(pos, func(s *step) bool { return s.k == kSMSOTP || s.k == kEmailOTP }) {
		// "code should go to their phone by text, not email": the code is the
		// channel's code, one step, which replaces the channel ruled out
		pos = slices.DeleteFunc(pos, func(s *step) bool { return s.k == kOTP })
	}
	if v := slices.IndexFunc(ts, func(t token) bool { return moveVerbs[t.raw] }); v >= 0 && len(ref) > 0 && len(neg) == 0 {
		// "move the DL scan and face compare ahead of the SMS code": the list
		// before the place is read item by item, so that the comparison does
		// not swallow the scan it reads as its image
		if k := slices.IndexFunc(ts[v+1:], func(t token) bool { return orderRefLemmas[t.w] }); k > 0 {
			items := dedupeKinds(p.listItems(ts[v+1 : v+1+k]))
			if len(items) > len(pos) && allPresent(p.steps, items) && !slices.ContainsFunc(items, func(s *step) bool { return findKind(ref, s.k) >= 0 }) {
				pos = items
			}
		}
	}
	if i := slices.IndexFunc(pos, func(s *step) bool { return s.k == kInform && s.pos >= 0 && statedLine(s.phrase) }); i >= 0 {
		// "before the code, tell them which number we're texting": a step named
		// inside a told line with a subject of its own is what the line speaks
		// of; the flow has it, so it is no step to add, nor to move
		line := pos[i]
		// another clause places a step ("… and put the SMS code first"), or
		// nothing in the sentence places anything
		placedElsewhere := false
		for ci, c := range clauses {
			if a := analyze(c.toks, nil); ci != clauseOf[line] && (a.front || a.back || len(a.ref) > 0) && len(a.steps) > 0 {
				placedElsewhere = true
			}
		}
		unplaced := placedElsewhere || !front && !back && len(ref) == 0
		var spoken []*step
		pos = slices.DeleteFunc(pos, func(s *step) bool {
			if s != line && s.pos > line.pos && clauseOf[s] == clauseOf[line] && !s.k.isConversation() && p.find(s.k) >= 0 {
				spoken = append(spoken, s)
				return !placedElsewhere // ("… and put the SMS code first": the step it names moves)
			}
			return false
		})
		if len(spoken) == 0 {
			// ("put the SMS code first and tell them which number we're
			// texting": the clause before named the step already)
			for _, s := range analyze(clauses[clauseOf[line]].toks, nil).steps {
				if !s.k.isConversation() && p.find(s.k) >= 0 {
					spoken = append(spoken, s)
				}
			}
		}
		if len(spoken) == 1 && unplaced && !line.front && !line.back {
			// "tell them which number we're texting (and put the SMS code
			// first)": said where it is true, right before the step it speaks
			// of, wherever that step goes
			at := p.find(spoken[0].k)
			p.sayBefore = append(p.sayBefore, [2]*step{line, p.steps[at]})
			p.steps = slices.Insert(p.steps, at, line)
			pos = slices.DeleteFunc(pos, func(s *step) bool { return s == line })
			if len(pos) == 0 && len(neg) == 0 {
				return nil, nil // (the caller reports the line)
			}
		}
	}
	// which change it is, read from the words before any question the avatar
	// is to ask ("ask why they're requesting the SIM swap" replaces nothing)
	vs := ts[:askedQuestionAt(ts)]
	op := opAdd
	switch {
	case len(pos)+len(neg) == 1 && (hasRaw(vs, "remove", "delete", "drop", "rid", "rip", "ditch", "scrap") || takesOffOrOut(vs)):
		op = opRemove // "take out the selfie and compare against the live video instead"
	case len(pos) == 2 && (strings.Contains(sentence, "→") || strings.Contains(sentence, "->")) && p.find(pos[0].k) >= 0 && p.find(pos[1].k) < 0:
		op = opReplace // "text → email for the code"
	case len(pos) > 0 && len(neg) > 0 && p.find(neg[0].k) >= 0 && p.find(pos[0].k) < 0 &&
		!hasRaw(vs, "remove", "delete", "drop", "add", "also"):
		op = opReplace // "I want SMS, not email": the one named replaces the one ruled out
	case (hasRaw(vs, "instead", "replace", "replaced", "switch", "rather") && !sourceInstead(vs)) || hasAnyRaw(vs, lex.swapFor) ||
		(hasAnyRaw(vs, changeIntoVerb) && hasRaw(vs, "to", "into") && len(pos)+len(neg) >= 2):
		// ("change the face scan into a liveness check", "turn the SMS code into
		// an email one": the step named first becomes the second)
		op = opReplace
	case slices.ContainsFunc(vs, func(t token) bool { return lex.removeVerb[t.raw] && t.raw != "stop" || t.raw == "skip" }) && !strikesA(vs) ||
		// (any verb of removal, "strike the SMS requirement" too; but "stop"
		// also ends the session: "… and stop if the score is over 80")
		takesOffOrOut(vs) || len(pos) == 0 && len(neg) > 0:
		op = opRemove
	case len(pos) == 0 && len(neg) == 0 && len(p.named) > 1 && negatedGroup(vs):
		op = opRemove // "The email entry and the email code are overkill. We don't need them.": the steps just named
	case len(pos) == 0 && len(neg) == 0 && p.touched != nil && hasAnyRaw(vs, lex.touchedRef) && (front || back || len(ref) > 0):
		op = opMove // "… and put it before the liveness": the step just changed
	case len(pos) == 1 && len(neg) == 0 && p.touched != nil && p.touched.k == pos[0].k && p.find(pos[0].k) >= 0 && (front || back || len(ref) > 0) &&
		hasRaw(vs, "that", "this", "same") && !hasAnyRaw(vs, lex.oneMore) && !hasRaw(vs, "too", "also", "twice") && !asWell(vs):
		// "the insurer wants every renter to be 25 or older. Add that age check
		// right after the license scan": the step the sentence before asked
		// for, pointed back at, is put in its place, not a second one
		op = opMove
	case hasRaw(vs, "move", "reorder", "earlier", "sooner") && !movesOn(vs) ||
		(!hasRaw(vs, "add", "include", "insert", "append", "also", "another", "extra", "additional", "new") && (placed || len(ref) > 0) && allPresent(p.steps, pos)):
		op = opMove
	}
	if op == opReplace && len(neg) == 0 && len(pos) == 1 && pos[0].k == kEnterEmail && p.removed > 0 && (p.gone.has(kSMSOTP) || p.gone.has(kOTP)) &&
		p.find(kEmailOTP) < 0 && p.find(kEnterEmail) < 0 && len(ref) == 0 && hasAnyRaw(ts, lex.channelPrep) {
		// "no sms. use their email instead", "drop the text code, send it via
		// email instead": in the place of a code that went, email used is the
		// channel of the code, as in "use email instead of SMS"; an address
		// typed in alone would verify nothing ("collect their email instead"
		// asks for the entry, and gets it). Asked to type
		// it in too ("…, they need to type it in first"), the entry comes
		// first, right before the code it feeds, not at the flow's start
		code := &step{k: kEmailOTP}
		pos = []*step{code}
		if typed {
			pos = []*step{{k: kEnterEmail}, code}
		}
		front, back = false, false
		p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(sentence)+"\" as sending the one-time code by email in place of the removed one.")
	}
	if op == opReplace && len(neg) == 0 && len(pos) == 1 && p.removed > 0 && p.find(pos[0].k) < 0 && (len(ref) > 0 || front || back) {
		op = opAdd // "… and do a face recognition before the liveness instead": where the sentence puts it, not where the removed step was
	}
	if op == opReplace && len(neg) == 0 && len(pos) > 0 && p.removed > 0 && allPresent(p.steps, pos) && !p.staleCompare(pos) {
		// "Drop the selfie and compare the ID against the live video instead": the
		// step named is there already, and the removal before rewired it
		return nil, nil
	}
	switch op {
	case opReplace:
		if len(neg) > 1 && findKind(neg, kEnterEmail) >= 0 && findKind(neg, kEmailOTP) >= 0 && findKind(pos, kEnterEmail) < 0 && findKind(pos, kEmailOTP) < 0 {
			// "dont use email at all, text them a code instead": the code
			// takes the replacement, and the entry that fed it goes with it
			d, err := p.replace(pos, slices.DeleteFunc(slices.Clone(neg), func(s *step) bool { return s.k == kEnterEmail }), typed)
			if i := p.find(kEnterEmail); err == nil && i >= 0 {
				d = append(d, p.removeAt(i))
			}
			return d, err
		}
		return p.replace(pos, neg, typed)
	case opRemove:
		targets := append(neg, pos...)
		if len(targets) == 0 && len(p.named) > 1 && hasAnyRaw(ts, lex.groupRef) {
			// "The ID scan and the compare are overkill. Take both out.": the
			// steps the sentence before named; gone already, nothing to do
			for _, k := range p.named {
				if p.find(k) >= 0 {
					targets = append(targets, &step{k: k})
				}
			}
			if len(targets) == 0 {
				return nil, nil
			}
		}
		if len(targets) == 0 && p.touched != nil && hasAnyRaw(ts, lex.touchedRef) && p.find(p.touched.k) >= 0 {
			// "The SMS code is annoying. Get rid of it.": the step the sentence before spoke of
			targets = []*step{{k: p.touched.k}}
		}
		if len(targets) == 0 && p.removed > 0 && hasAnyRaw(ts, lex.touchedRef) {
			// "We don't need recognition anymore. Please take it out.": the
			// sentence before already removed it
			return nil, nil
		}
		if s := p.stepAtPlace(ts); len(targets) == 0 && s != nil && negatedRemoval(strings.Fields(sentence)) {
			// "don't drop the second check, …": the step at that place stays,
			// and is what a later "it" means
			p.touched = s
			return []string{"kept the " + s.k.String()}, nil
		}
		if s := p.stepAtPlace(ts); len(targets) == 0 && s != nil {
			// "get rid of the last step", "drop step 2": the check at that place
			targets = []*step{{k: s.k}}
		}
		if i := p.lineNamed(ts); i >= 0 && (len(targets) == 0 || len(targets) == 1 && targets[0].k.isConversation() && p.find(targets[0].k) < 0) {
			// "take out the rules reading", "remove the part where the avatar reads
			// the rules": the line that speaks of them. It goes, not the role it
			// had: a closing line of the builder's own comes in its place
			said, quiet := p.steps[i].node.Prompt, p.quiet
			p.removeAt(i)
			p.quiet = quiet
			return []string{"removed the line " + strconv.Quote(said)}, nil
		}
		if len(targets) == 0 {
			return nil, fmt.Errorf("flowbuild: %q does not name a step to remove", sentence)
		}
		var done []string
		var missing []string
		targets = p.keptByQualifier(ts, targets)
		all := hasRaw(ts, "both", "all", "any", "every", "codes", "otps", "checks")
		if !all && ordinalCode(ts) {
			// "drop the second code": one code, picked by its place
			targets = []*step{{k: kOTP}}
		}
		for _, t := range targets {
			i := p.find(t.k)
			if t.k == kLiveness && i >= 0 && p.find(kRecognition) >= 0 && findKind(targets, kRecognition) < 0 {
				// "get rid of the liveness, recognition already covers it": FaceSign
				// runs a liveness check after every recognition, so the layout would
				// put it back; say so rather than report a removal that did not happen
				p.assumptions = append(p.assumptions, "Kept the liveness check: FaceSign runs one after every face recognition, so it stays while the flow recognises faces.")
				done = append(done, "kept the liveness check after the face recognition (see the assumptions)")
				continue
			}
			if !all && hasRaw(ts, "second", "last", "latter") && i >= 0 {
				// "drop the second code": the later of the steps the words name
				for j := len(p.steps) - 1; j > i; j-- {
					if findKind([]*step{p.steps[j]}, t.k) >= 0 {
						i = j
						break
					}
				}
			}
			if t.k == kEnterEmail && p.gone.has(kEmailOTP) && p.find(kEmailOTP) < 0 && hasRaw(ts, "one", "ones") && emailOneIsCode(ts) {
				// "replace the email code with an SMS code and remove the
				// email one": "one" stands for the code just named, which
				// the change already took out; the flow's email entry is not
				// what it asks to remove
				done = append(done, "the "+kEmailOTP.String()+" stays removed")
				continue
			}
			if i < 0 && mainPathOnly(ts) && p.find(kRecognition) >= 0 {
				// "Returning users don't get a code": their path has none, and
				// the new users' path is not theirs to take it from
				done = append(done, "the recognised users' path already has no "+t.k.String())
				continue
			}
			if i < 0 {
				if d := p.removeFromBranch(t.k); d != "" {
					done = append(done, d) // "remove the passport scan" when only new users have one
					continue
				}
				missing = append(missing, t.k.String())
				continue
			}
			for i >= 0 {
				p.removed = i + 1
				done = append(done, p.removeAt(i))
				if !all {
					break
				}
				i = p.find(t.k)
			}
		}
		if len(done) == 0 && len(targets) > 0 && !slices.ContainsFunc(targets, func(t *step) bool { return !p.gone.has(t.k) }) {
			// "instead of the passport, …; there is no document scan anymore": the
			// change already removed it, and says so again
			return []string{"the " + targets[0].k.String() + " stays removed"}, nil
		}
		if len(done) == 0 && len(pos) == 0 && !hasAnyRaw(ts, lex.removeVerb) && !has(ts, "without") {
			// "we don't want an email entry step": the flow has none, which is what
			// the sentence asks for
			return nil, nil
		}
		if len(done) == 0 {
			return nil, fmt.Errorf("flowbuild: the flow has no %s to remove", strings.Join(missing, " or "))
		}
		return done, nil
	case opMove:
		var done []string
		if len(pos) == 0 && p.touched != nil && hasAnyRaw(ts, lex.touchedRef) {
			pos = []*step{{k: p.touched.k}} // "… and move it to the start": the step just changed
		}
		if eachCode(ts) {
			// "put both codes before the email entry": every code of the flow
			// moves, in the flow's order, not the first one found
			var codes []*step
			for _, x := range p.steps {
				if isCodeKind(x.k) {
					codes = append(codes, &step{k: x.k})
				}
			}
			if k := slices.IndexFunc(pos, func(x *step) bool { return x.k == kOTP }); k >= 0 && len(codes) > 1 {
				pos = slices.Concat(pos[:k], codes, pos[k+1:])
			}
		}
		order := pos
		if len(pos) > 1 && (len(ref) > 0 && refAfter || len(ref) == 0 && front && !back) {
			// "move the SMS code and the email code after the DL scan": each goes
			// straight after the scan, so the last named goes first and the list
			// keeps its order ("move liveness and the document scan to the front,
			// keeping their relative order": each goes to the start, likewise)
			order = slices.Clone(pos)
			slices.Reverse(order)
		}
		restated := false
		for _, s := range order {
			i := p.find(s.k)
			if i < 0 {
				continue
			}
			moved := p.steps[i]
			if _, own := placeOf[s]; moved == p.touched && !front && !back && len(ref) == 0 && !own && !s.front && !s.back && !hasAnyRaw(ts, lex.relativePlace) {
				// "liveness should happen before the ID scan. Kindly move it.": a
				// move with no place of its own, of the step this change just
				// placed, asks again for that move; it is no move to the default
				// place ("move it back", "one step earlier", "down again" say a
				// place of their own, relative to where it is or was)
				restated = true
				continue
			}
			before := slices.Clone(p.steps)
			p.steps = append(p.steps[:i], p.steps[i+1:]...)
			f, b := front || s.front && !s.back, back || s.back && !s.front
			to, toAfter := ref, refAfter
			if own, ok := placeOf[s]; ok && front && back && !namedTwice(placeOf, s) {
				// "start with the liveness, and end with the face scan": each
				// step goes where its own clause puts it, when the sentence
				// has both places and names each step once
				f, b = own.front || s.front && !s.back, own.back || s.back && !s.front
				to, toAfter = own.ref, own.after
			}
			p.insert(moved, f, b, to, toAfter)
			p.touched = moved // "Move the liveness check. It should be first."
			// where the liveness would follow the recognition (a quiet flow may end with it)
			now := p.find(kRecognition) + 1
			if r := findKind(before, kRecognition); moved.k == kLiveness && r >= 0 && i == r+1 && (now >= len(p.steps) || p.steps[now] != moved) {
				// the layout keeps a liveness check straight after the recognition:
				// say so, rather than report a move the flow will not show
				p.steps = before
				done = append(done, "did not move the liveness check"+where(f, b, to, toAfter)+": FaceSign recommends it straight after the face recognition")
				continue
			}
			done = append(done, movedOrKept(before, p.steps, moved, where(f, b, to, toAfter)))
		}
		if len(done) == 0 && restated {
			return nil, nil
		}
		if len(done) == 0 {
			return nil, fmt.Errorf("flowbuild: %q does not name a step of the flow to move", sentence)
		}
		if len(order) > 1 && order[0] != pos[0] {
			slices.Reverse(done) // said in the order the text named them
		}
		return append(done, p.compareAfterCapture()...), nil
	}
	if len(neg) == 0 && len(pos) > 0 && !slices.ContainsFunc(pos, func(s *step) bool { return s.k != kInform }) && slices.ContainsFunc(ts, func(t token) bool { return lex.unsupported[t.raw] != "" }) {
		// "send a push notification to the new device saying recovery worked":
		// what the notification says, not a line of the avatar
		pos = nil
	}
	if len(neg) == 0 && len(pos) > 0 && listScreening(ts) && !slices.ContainsFunc(pos, func(s *step) bool {
		return !s.k.isConversation() && s.k != kAgeCheck && s.k != kMatchCheck && s.k != kExpiryCheck
	}) {
		// "the extracted document number has to be checked against Interpol's
		// lost/stolen travel documents database": a screening against a list, no
		// data check of the flow's
		pos = nil
	}
	if len(pos) == 0 {
		for i := range ts {
			if n := unsupportedAt(ts, i); n != "" {
				// "also we need to block anyone connecting through a VPN", "message
				// the #fraud channel on slack": nothing a step can do; the result
				// says so instead of refusing the change
				p.assumptions = append(p.assumptions, "Added no step for \""+clauseText(ts)+"\". "+n)
				return []string{"added no step for \"" + clauseText(ts) + "\" (see the assumptions)"}, nil
			}
		}
		if (asksFor(ts) || passesOn(ts)) && len(unplaced(ts)) > 0 {
			// "Our fraud lead … now wants it. Can the avatar analyse their voice
			// for stress?": a request no step of a FaceSign flow meets; the result
			// says so, and the rest of the change (if any) goes ahead
			p.assumptions = append(p.assumptions, "Added no step for \""+clauseText(ts)+"\": no step of a FaceSign flow does that, so do it in your app.")
			return []string{"added no step for \"" + clauseText(ts) + "\" (see the assumptions)"}, nil
		}
		return nil, noStepError(sentence)
	}
	if len(ref) == 0 && !front && !back && allPresent(p.steps, pos) && !hasAnyRaw(ts, lex.addVerb) {
		// "The SMS code is annoying.": a step the flow has, named with no verb that
		// adds one, is what the next sentence's "it" points at, not a second step
		p.touched = p.steps[findKind(p.steps, pos[0].k)]
		return nil, nil
	}
	var done []string
	if len(ref) == 0 && !front && !back && (hasRaw(ts, "between", "middle") && !hasRaw(ts, "and") || betweenPair(ts)) {
		// "add an email code in between", "in the middle": between the first
		// verification steps, after the first of them
		var checks []int
		for i, s := range p.steps {
			if !s.k.isConversation() {
				checks = append(checks, i)
			}
		}
		if k := slices.IndexFunc(ts, func(t token) bool { return t.raw == "between" }); k >= 0 && betweenPair(ts) {
			// "sandwich a liveness check between the two codes": the pair's
			// noun names the flow's steps the place is between, no step to
			// add; the place is after the first of them
			pair := analyze(ts[k+1:], p.steps).steps
			pos = slices.DeleteFunc(slices.Clone(pos), func(s *step) bool {
				return slices.ContainsFunc(pair, func(o *step) bool { return o.k == s.k }) && p.find(s.k) >= 0
			})
			var named []int
			for _, i := range checks {
				if findKind(pair, p.steps[i].k) >= 0 {
					named = append(named, i)
				}
			}
			if len(named) == 2 {
				checks = named
			}
		}
		if len(checks) >= 2 {
			at := checks[(len(checks)-1)/2] + 1
			for k, s := range pos {
				p.steps = insertStep(p.steps, at+k, s)
				p.touched = s
				done = append(done, "added "+s.k.withArticle()+" in the middle")
			}
			return done, nil
		}
	}
	if p.removed > 0 && len(ref) == 0 && !front && !back && (hasRaw(ts, "place", "stead", "spot") && hasRaw(ts, "its", "their", "same") || removedPlace(ts)) {
		// "put a recognition in their place": where the removed steps were
		at := min(p.removed-1, len(p.steps))
		for k, s := range pos {
			if i := p.find(s.k); i >= 0 && len(pos) == 1 && !hasAnyRaw(ts, lex.addWord) && !hasRaw(ts, "second", "two", "both") {
				// "remove the email code, and put the sms code where it
				// was": a step the flow has moves there; a second one is
				// asked for with "another", "a second"
				moved := p.steps[i]
				p.steps = slices.Delete(p.steps, i, i+1)
				if i < at+k {
					at--
				}
				p.steps = insertStep(p.steps, min(at+k, len(p.steps)), moved)
				p.touched = moved
				done = append(done, "moved the "+moved.k.String()+" to where the removed step was")
				continue
			}
			p.steps = insertStep(p.steps, at+k, s)
			p.touched = s
			done = append(done, "added "+s.k.withArticle()+" in place of what was removed")
		}
		return done, nil
	}
	if slices.ContainsFunc(pos, func(s *step) bool { return p.find(s.k) < 0 }) {
		// "make sure the passport is theirs": the passport is the object of the new
		// comparison, already in the flow, not a second scan
		pos = slices.DeleteFunc(pos, func(s *step) bool {
			return (s.k == kDocument || s.k == kFaceScan) && !s.again && p.find(s.k) >= 0 && !hasRaw(ts, "another", "second", "extra")
		})
	}
	if ci, ii := findKind(pos, kClosing), findKind(pos, kInform); ci >= 0 && ii >= 0 && ci < ii {
		// "the closing should tell them their card is unlocked": what the closing
		// line says, not a line of its own before it
		if j := p.find(kClosing); j >= 0 && p.steps[j].node != nil {
			line := informPrompt(pos[ii], p.uc, p.noun)
			if strings.HasPrefix(line, "Say: ") {
				line += " Thank you."
			} else {
				line = strings.TrimSuffix(line, ".") + ", and thank them."
			}
			p.steps[j].node.Prompt = line
			p.touched = p.steps[j]
			return []string{"the closing line now says: " + line}, nil
		}
	}
	// "ask them to confirm the wallet address and whether anyone is coaching
	// them": one conversation, as Build makes it
	pos = mergeAsks(slices.Clone(pos))
	var chain *step
	for _, s := range pos {
		if s.k == kGreeting || s.k == kClosing {
			if i := p.find(s.k); i >= 0 {
				if g := p.steps[i]; s.k == kGreeting && g.node != nil && opensAsGreeting(s.phrase) {
					// "add a bit at the start where the avatar welcomes them
					// aboard the Aurora Star": the words open the greeting the
					// flow has, as "make the greeting say welcome to …" does
					g.node.Prompt = withOpening(g.node.Prompt, s.phrase)
					p.touched = g
					done = append(done, "the greeting now opens with: "+sentenceOf(s.phrase))
					continue
				}
				mergeStep(p.steps[i], s)
				done = append(done, "kept the "+s.k.String()+" the flow already has")
				continue
			}
		}
		if _, placed := placeOf[s]; onceKind(s.k) && !placed && len(ref) == 0 && !front && !back && !s.front && !s.back && !s.again && p.find(s.k) >= 0 && !hasAnyRaw(ts, lex.oneMore) {
			// "add liveness for returning users too" when the recognised users
			// already get one (the liveness FaceSign puts after a recognition): a
			// second would check the same thing twice in a row
			done = append(done, "kept the "+s.k.String()+" the flow already has")
			continue
		}
		if i := p.find(s.k); i >= 0 && onceKind(s.k) && (front || back || s.front || s.back) && len(ref) == 0 && !s.again && !hasAnyRaw(ts, lex.oneMore) &&
			!hasRaw(ts, "add", "another", "also") && !(s.k == kLiveness && p.find(kRecognition) >= 0) && definiteAt(clauses[clauseOf[s]].toks, s.pos) {
			// "start with an SMS code and end with the liveness": "the" names
			// the liveness check the flow has, which goes to the place (a
			// second would check the same thing twice); a liveness check stays
			// after a recognition, where the layout keeps it
			moved := p.steps[i]
			was := slices.Clone(p.steps)
			p.steps = slices.Delete(p.steps, i, i+1)
			f, b := front || s.front && !s.back, back || s.back && !s.front
			if own, ok := placeOf[s]; ok {
				f, b = own.front || s.front, own.back || s.back
			}
			p.insert(moved, f, b, nil, false)
			p.touched = moved
			done = append(done, movedOrKept(was, p.steps, moved, where(f, b, nil, false)))
			continue
		}
		if own, ok := placeOf[s]; ok {
			p.insert(s, own.front || s.front, own.back || s.back, own.ref, own.after)
			p.touched = s
			done = append(done, "added "+s.k.withArticle()+where(own.front || s.front, own.back || s.back, own.ref, own.after))
			continue
		}
		if chain != nil && len(ref) == 0 && !s.front && !s.back && !back {
			p.insert(s, false, false, []*step{chain}, true) // after the step just put first, in the order named
		} else if p.insertOnFallback(s, ref, refAfter) {
			p.touched = s
			done = append(done, "added "+s.k.withArticle()+" on the fallback"+where(false, false, ref, refAfter))
			continue
		} else if !hasPhrase(ts, lex.allPaths) && p.insertOnNewUserPath(s, ref, refAfter) {
			// "add a selfie after the license scan" where only new users scan a
			// license: the step goes on their path, and the next one named after it
			// (not when it is for everyone: "add an email code after the license
			// scan for everyone" keeps it on the main path)
			p.touched = s
			done = append(done, "added "+s.k.withArticle()+" on the path of users the recognition does not find"+where(false, false, ref, refAfter))
			if refAfter {
				ref = []*step{s}
			}
			continue
		} else {
			p.insert(s, front || s.front, back || s.back, ref, refAfter)
		}
		p.touched = s
		done = append(done, "added "+s.k.withArticle()+where(front || s.front, back || s.back, ref, refAfter))
		if len(ref) > 0 && refAfter && s.k != ref[0].k && p.find(s.k) >= 0 {
			ref = []*step{s} // "add an ID scan and a face comparison after X": in the order named
		} else if len(ref) == 0 && (front || s.front) && !back && !s.back {
			chain = s // "an email entry at the start and a code right after it"
		}
	}
	return done, nil
}

// stepNumbers counts the small numbers of a sentence that names steps by number
// ("swap step 1 with step 3").
// removalOpener rewrites a change that opens by letting a step go ("never mind
// the SMS one", "forget about the email code", "scratch the selfie") as the
// removal it is. Only at the start: "don't forget the SMS code" keeps it.
// touchNamed makes the flow's step that a sentence of background names the
// one a later "it" means.
func (p *plan) touchNamed(ts []token) {
	a := analyze(ts, p.steps)
	if len(a.steps) == 0 {
		return
	}
	k := a.steps[0].k
	if k == kEnterEmail && p.find(kEnterEmail) < 0 {
		k = kEmailOTP // "guests keep missing the email": the flow's email is its code
	}
	if i := p.find(k); i >= 0 {
		p.touched = p.steps[i]
	}
}

func removalOpener(sentence string) string {
	low := strings.ToLower(strings.TrimSpace(sentence))
	for _, o := range []string{"never mind about ", "never mind ", "nevermind ", "forget about ", "forget ", "scratch "} {
		rest, ok := strings.CutPrefix(low, o)
		if w, _, _ := strings.Cut(rest, " "); ok && !lex.touchedRef[strings.Trim(w, ",;.!")] {
			return "drop " + strings.TrimSpace(sentence)[len(o):]
		}
	}
	return sentence // ("forget it, keep the SMS" takes back what was said, see retraction)
}

// goneSince lists the kinds of had that the flow no longer has.
func (p *plan) goneSince(had kindSet) []kind {
	var gone []kind
	for k := kind(1); k < kindCount; k++ {
		if had.has(k) && p.find(k) < 0 {
			gone = append(gone, k)
		}
	}
	return gone
}

// requestAfterSo keeps the request of a sentence that gives its background
// first ("we tried this with a pilot group and people kept getting stuck on
// the passport scan, so can you move the liveness check before it?"): the
// words before ", so" ask for nothing, and the ones after do. It returns the
// request and the background, or the sentence and "".
//
// A swap after it is the request even when the words before say what order is
// wanted ("people found it more natural to do the ID first, so swap the face
// scan and the document scan"): the order is why, the swap is what to do.
func requestAfterSo(sentence string) (string, string) {
	i := lastIndexFold(sentence, ", so ")
	if i <= 0 {
		return sentence, ""
	}
	before, after := tokenize(sentence[:i]), tokenize(sentence[i+len(", so "):])
	why := !asksChange(before) || swapsTwo(after) && !hasAnyRaw(before, lex.removeVerb) && !hasAnyRaw(before, lex.replaceWord)
	// ("…, so use SMS instead": in place of what the background named; "…, so
	// take that conversation out, and add a liveness check instead": in place
	// of what the request itself removes)
	if !why || !asksChange(after) && !takesOut(after) && !statesOrder(after) || hasAnyRaw(before, lex.condIfStrict) || has(after, "instead") && !takesOut(after) {
		return sentence, ""
	}
	first := len(after) // where the request first names a step
	for _, s := range analyze(after, nil).steps {
		if s.pos >= 0 {
			first = min(first, s.pos)
		}
	}
	if hasAnyHot(after[:first], hBackRef) || hasAnyRaw(after[:first], lex.touchedRef) {
		return sentence, "" // "…, so lose it": what the background named
	}
	return strings.TrimSpace(sentence[i+len(", so "):]), strings.TrimSpace(sentence[:i])
}

// usersHabit: the words say what users keep doing, with them as the subject
// and a word of habit after it ("people keep trying it with a driving licence",
// "they always forget the passport"), asking for nothing: a reason for a
// change, no instruction.
func usersHabit(ts []token) bool {
	j := 0
	for j < len(ts) && ts[j].in(hKeepLead) {
		j++
	}
	// ("users keep the SMS code" keeps a step: a determiner after the word of
	// habit makes it the verb, not the habit of the verb after it)
	return j+2 < len(ts) && (lex.pronounUser[ts[j].raw] || ts[j].in(hPopulation) || ts[j].in(hUserWord) || lex.storyActor[ts[j].raw]) && lex.habitLead[ts[j+1].raw] &&
		!ts[j+2].in(hDeterminer) && !namesAnything(ts[j+2:j+3]) && !hasAnyRaw(ts, lex.wish) && !hasAnyRaw(ts, lex.condIfStrict)
}

// statesOrder: the words give the order of two steps and nothing else ("…, so
// liveness first and the text code after"): a request, as "put liveness
// first" is.
func statesOrder(ts []token) bool { return orderedPair(ts, nil) != nil }

// orderedPair is the two steps of different kinds the words put in order,
// with an order word and nothing ruled out ("liveness first and the text code
// after"), read against seq; or nil.
func orderedPair(ts []token, seq []*step) []*step {
	if !slices.ContainsFunc(ts, func(t token) bool { return orderRefLemmas[t.w] || t.w == "first" || t.w == "then" }) {
		return nil
	}
	a := analyze(ts, seq)
	if len(a.steps) != 2 || a.steps[0].k == a.steps[1].k || a.neg != 0 {
		return nil
	}
	return a.steps
}

// swapsTwo: the words open with a swap of two steps and name nothing to swap
// them for ("swap the face scan and the document scan please").
func swapsTwo(ts []token) bool {
	return len(ts) > 0 && lex.swapVerb[ts[0].raw] && (!hasAnyRaw(ts, lex.swapTarget) || hasPhrase(ts, lex.reciprocal))
}

// asksChange: the words hold a verb of a change (add, remove, replace, move …).
func asksChange(ts []token) bool {
	return slices.ContainsFunc(ts, func(t token) bool {
		return editVerbs[t.raw] || lex.addVerb[t.raw] || lex.removeVerb[t.raw] || lex.replaceWord[t.raw]
	})
}

// frontedRemoval rewrites a change that names steps of the flow first and rules
// them out after a comma ("The ID scan and the compare that goes with it, we
// don't want them on every withdrawal, people already did KYC at signup") as
// the removal it is ("remove the ID scan and the compare that goes with it,
// people already did KYC at signup"). The words before must name steps the
// flow has and nothing else they do to them.
func (p *plan) frontedRemoval(sentence string) string {
	if !strings.Contains(sentence, ",") {
		return sentence // (the steps and the pronoun are two clauses)
	}
	cs := splitClauses(tokenize(sentence))
	for i := 1; i < len(cs); i++ {
		head, tail := cs[i-1].toks, cs[i].toks
		if cs[i].sent != cs[i-1].sent || !rulesOutBack(tail) || slices.ContainsFunc(head, func(t token) bool { return editVerbs[t.raw] || phrasalEditVerbs[t.raw] }) {
			continue
		}
		a := analyze(head, p.steps)
		if len(a.steps) == 0 || a.neg != 0 || slices.ContainsFunc(a.steps, func(s *step) bool { return p.find(s.k) < 0 }) {
			continue
		}
		out := []string{"remove " + clauseText(head)}
		for _, c := range cs[i+1:] {
			out = append(out, clauseText(c.toks))
		}
		return strings.Join(out, ", ")
	}
	return sentence
}

// rulesOutBack: the clause rules out what a pronoun points back at, and says
// nothing else a step could take: "we don't want them on every withdrawal",
// "we don't need those anymore", "drop them". ("we don't want them on the new
// users' path" moves them.)
func rulesOutBack(ts []token) bool {
	for i, t := range ts {
		if t.w != "no" && !lex.removeVerb[t.raw] {
			continue
		}
		j := i + 1
		if j < len(ts) && (lex.wish[ts[j].raw] || ts[j].w == "need") {
			j++ // "don't want them", "don't need them"
		}
		if j >= len(ts) || !ts[j].in(hBackRef) {
			continue
		}
		rest := ts[j+1:]
		return len(analyze(rest, nil).steps) == 0 && !hasAnyRaw(rest, lex.condIfStrict) && !hasRaw(rest, "for", "path", "branch", "instead", "only", "but")
	}
	return false
}

// indexFold is strings.Index of an ASCII lower-case sub in s, ignoring ASCII
// case: a byte offset into s itself (lower-casing s first can change its length:
// "Ⱥ" grows, and an offset into the copy would cut the original wrongly).
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// lastIndexFold is indexFold's last match.
func lastIndexFold(s, sub string) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// cutReason cuts a reason said after the change off its end ("drop the SMS
// one, people hate getting two codes", "remove the selfie, users find it
// creepy"): a last clause about people that asks for nothing names no target.
func cutReason(sentence string) string {
	for _, r := range reasonInside {
		// "Typing the email is redundant since we already pass it in
		// providedData, so lose it": the reason inside, up to its comma, goes
		if i := indexFold(sentence, r); i > 0 {
			if j := strings.Index(sentence[i:], ", "); j > 0 && i+j+2 < len(sentence) {
				sentence = sentence[:i] + sentence[i+j:]
			}
		}
	}
	if segs := strings.Split(sentence, ", "); len(segs) > 2 {
		// "we ended up killing the email code, it was redundant with the SMS one
		// and people complained about two codes, so take it out": a judgement
		// of what goes, between its comma and the next; the step it is held
		// against is no target
		kept := segs[:1]
		for _, seg := range segs[1:] {
			ts := tokenize(seg)
			if len(ts) > 2 && lex.touchedRef[ts[0].raw] && judged(ts) && !slices.ContainsFunc(ts, func(t token) bool { return editVerbs[t.raw] || lex.removeVerb[t.raw] }) {
				continue
			}
			kept = append(kept, seg)
		}
		sentence = strings.Join(kept, ", ")
	}
	i := strings.LastIndex(sentence, ", ")
	if i <= 0 {
		return sentence
	}
	tail := tokenize(sentence[i+2:])
	// (a judgement cut off an instruction only: "Drop the email OTP, two codes
	// was overkill"; "… have stale emails on file, so the fallback was
	// useless" is background whole)
	// (any verb of removal: "ditch the email bit, the SMS is enough", "undo
	// the email bit, …" as "drop …")
	judgedOp := judged(tail) && (hasEditVerb(strings.Fields(sentence[:i])) || removes(strings.Fields(sentence[:i])))
	// ("ask for camera access, the face part keeps failing on Safari without
	// it": what keeps going wrong today, the reason for the change)
	judgedOp = judgedOp || habitualFail(tail)
	if len(tail) < 2 || !tail[0].in(hPopulation) && tail[0].raw != "they" && tail[0].raw != "folks" && !judgedOp {
		return sentence
	}
	for _, t := range tail {
		if editVerbs[t.raw] || lex.removeVerb[t.raw] || lex.wish[t.raw] || lex.askModal[t.raw] || t.w == "need" || t.raw == "only" {
			return sentence // "…, users should get an email code instead" asks for something
		}
	}
	return sentence[:i]
}

// lineNamed finds the one line of the avatar the words point at by what it
// says ("the rules reading" finds "Read the exam rules to the user."), or -1.
func (p *plan) lineNamed(ts []token) int {
	found := -1
	for i, s := range p.steps {
		if !s.k.isConversation() || s.k == kGreeting || s.node == nil {
			continue
		}
		said := " " + strings.ToLower(strings.Join(strings.FieldsFunc(s.node.Prompt, func(r rune) bool { return !unicode.IsLetter(r) }), " ")) + " "
		for _, t := range ts {
			if len(t.raw) < 4 || !isAlpha(t.raw) || lex.filler[t.raw] || lex.lineFiller[t.raw] || lex.removeVerb[t.raw] || lex.lineWord[t.raw] {
				continue
			}
			// whole words, a plural either side ("rules" finds "rule", "pass"
			// does not find "password")
			w := strings.TrimSuffix(t.raw, "s")
			if strings.Contains(said, " "+w+" ") || strings.Contains(said, " "+w+"s ") {
				if found >= 0 && found != i {
					return -1 // two lines speak of it: which one is not clear
				}
				found = i
			}
		}
	}
	return found
}

// fallbackEdit changes the fallback a step of the flow has, named as a thing
// ("drop the fallback", "change the fallback to a passport scan"): removed,
// or replaced by the steps after "to"/"with". It reports false when the
// sentence names no fallback that way, or the flow has not exactly one.
func (p *plan) fallbackEdit(ts []token) ([]string, bool) {
	f := slices.IndexFunc(ts, func(t token) bool { return t.raw == "fallback" || t.raw == "backup" })
	if f < 1 || !lex.definite[ts[f-1].raw] && !(f >= 2 && lex.definite[ts[f-2].raw]) {
		return nil, false // "as a fallback", "fall back to": a role, not the thing
	}
	var owner *step
	for _, s := range p.steps {
		if len(s.fallback) > 0 {
			if owner != nil {
				return nil, false // which one is not clear
			}
			owner = s
		}
	}
	if owner == nil {
		return nil, false
	}
	// the verb governs the fallback: "drop the fallback", "change the email
	// fallback to …" (not "remove the selfie, the email code stays as the backup")
	v := max(0, f-3)
	if hasRaw(ts[v:f], "as") || slices.ContainsFunc(ts[v:f], func(t token) bool { return t.w == "," }) {
		return nil, false
	}
	switch {
	case hasAnyRaw(ts[v:f], lex.removeVerb) || takesOffOrOut(ts[v:f]):
		// "drop the fallback": a failure of the step ends the session again
		owner.fallback, owner.fallbackOn = nil, ""
		return []string{"removed the fallback after the " + owner.k.String()}, true
	case hasAnyRaw(ts[v:f], lex.changeFallbackVerb):
		to := slices.IndexFunc(ts[f+1:], func(t token) bool { return lex.changeTo[t.raw] })
		if to < 0 {
			return nil, false
		}
		news := analyze(ts[f+1+to+1:], nil).steps
		news = slices.DeleteFunc(news, func(s *step) bool { return s.k.isConversation() })
		if len(news) == 0 {
			return nil, false
		}
		owner.fallback = news
		names := make([]string, len(news))
		for i, s := range news {
			names[i] = s.k.withArticle()
		}
		return []string{"the fallback after the " + owner.k.String() + " is now " + nounList(names)}, true
	}
	return nil, false
}

// lineToSay: "the <words> line should say <new words>": a line of the flow the
// words before "say" speak of (lineNamed), and the new words; -1 when the
// sentence is not such a rewording.
func (p *plan) lineToSay(sentence string, ts []token) (int, string) {
	v := slices.IndexFunc(ts, func(t token) bool { return lex.sayVerb[t.raw] })
	if v < 2 || !hasAnyRaw(ts[:v], lex.lineNoun) && !hasRaw(ts[:v], "bit", "part") {
		return -1, ""
	}
	i := p.lineNamed(ts[:v])
	if i < 0 {
		return -1, ""
	}
	j := indexFold(sentence, " "+ts[v].raw+" ")
	if j < 0 {
		return -1, ""
	}
	text := strings.TrimSpace(sentence[j+len(ts[v].raw)+2:])
	text = strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(placeTail(text), ".!"), "instead"))
	if text == "" {
		return -1, ""
	}
	return i, text
}

// sameFor reads "same for the OTP, …", "same goes for the SMS code": what the
// instruction before did, again, for what follows (up to a comma).
func sameFor(part string) (string, bool) {
	lower := strings.ToLower(strings.TrimSpace(part))
	for _, lead := range sameForLeads {
		if strings.HasPrefix(lower, lead) {
			rest := strings.TrimSpace(part)[len(lead):]
			if i := strings.IndexAny(rest, ",;."); i > 0 {
				rest = rest[:i]
			}
			return rest, true
		}
	}
	return "", false
}

// goesToo: the words name steps with "too", "also" or "as well" and ask
// nothing of their own but that they go ("the selfie too", "the selfie goes
// too", "and the compare as well"): said after a removal, more of it.
func goesToo(ts []token, steps []*step) bool {
	for i, t := range ts {
		if (t.raw == "go" || t.raw == "goes") && (goPlace(ts, i+1) || goesInOrder(ts, i)) {
			return false // "the selfie goes after it too": a place
		}
	}
	named := goneNamed(ts)
	if len(named) == len(ts) {
		return false
	}
	// (what is left names the steps and nothing done to them; "goes" is no
	// count of attempts here, nor "one" a number: "the email one goes too")
	if asksChange(named) || hasAnyRaw(named, lex.stayVerb) || hasAnyRaw(named, lex.keepVerb) || hasAnyRaw(named, lex.keptWord) || hasSetting(named) && readSettings(named).any() {
		// ("… the email OTP SHALL be kept as a backup": kept, not gone too)
		return false
	}
	if fineSaid(named, steps) {
		// "drop the email code. sms is fine as is": the step said to be fine
		// stays; a remark, not the removal again
		return false
	}
	if hasAnyRaw(named, lex.admitVerb) {
		// "drop the email code. Accept a driving licence as well": a verb of
		// letting in is a change of its own (what the scan accepts), not the
		// removal again
		return false
	}
	a := analyze(named, steps)
	// ("it should go liveness then finish with the email one": a place of a
	// step's own is an order, no removal)
	return len(a.steps) > 0 && a.neg == 0 && len(a.ref) == 0 && !a.front && !a.back && !slices.ContainsFunc(a.steps, func(s *step) bool { return s.front || s.back })
}

// goneNamed is goesToo's words less "too", "as well" and "go(es)".
func goneNamed(ts []token) []token {
	return slices.DeleteFunc(slices.Clone(ts), func(t token) bool {
		return alsoTail[t.raw] || t.raw == "as" || t.raw == "go" || t.raw == "goes"
	})
}

// asidesAfter: the clauses after the first ask for nothing: no step, no verb
// of change, no wish ("(we checked, 11% open rate)" after what the users do):
// they add to the first clause, as a parenthesis does.
func asidesAfter(cs []clause) bool {
	for _, c := range cs[min(1, len(cs)):] {
		if len(analyze(c.toks, nil).steps) > 0 || slices.ContainsFunc(c.toks, func(t token) bool { return editVerbs[t.raw] || phrasalEditVerbs[t.raw] }) || asksFor(c.toks) {
			return false
		}
	}
	return true
}

// passesOn: the sentence opens, after "also", "and", "then" or "please", on a
// verb that records or passes on a result ("also post every failed attempt
// to our SIEM"): a request of the integrator's systems, not a remark.
func passesOn(ts []token) bool {
	i := 0
	for i < len(ts) && (ts[i].raw == "also" || ts[i].raw == "and" || ts[i].raw == "then" || ts[i].raw == "please" || ts[i].w == ",") {
		i++
	}
	return i < len(ts) && ts[i].in(hPassOnVerb)
}

// asksFor: the sentence asks for something ("… now wants it", "we'd also like
// it to …", "can the avatar …", "add that after the rules"), rather than
// remarking on the flow ("the greeting rambles").
func asksFor(ts []token) bool {
	// (a "no" inside what is to be checked asks for it: "it has to make sure
	// nobody else is in the room with the candidate")
	checked := slices.IndexFunc(ts, func(t token) bool { return t.w == "verify" })
	if checked < 0 {
		checked = len(ts)
	}
	if slices.ContainsFunc(ts[:checked], func(t token) bool { return t.w == "no" }) {
		return false // "We don't want them in here anymore": what goes, said again
	}
	wants := slices.ContainsFunc(ts, func(t token) bool { return t.raw == "ensure" }) // "it has to make sure …"
	for i, t := range ts {
		// ("make it like the lightweight onboarding": a "like" after the object
		// it compares is no wish)
		if (lex.wish[t.raw] || lex.wish[strings.TrimSuffix(t.raw, "s")]) && !(t.raw == "like" && i > 0 && lex.touchedRef[ts[i-1].raw]) {
			wants = true
		}
	}
	// ("also send the result to our fraud team's slack channel": a verb of
	// adding asks, with an "also" or not; "also" alone does not)
	return wants || slices.ContainsFunc(ts, func(t token) bool { return lex.addVerb[t.raw] && t.raw != "also" }) || opensQuestion(ts)
}

// opensQuestion: a part of the sentence, its start or the words after a dash,
// opens on a request's "can" or "could" ("can we …", "one thing - can we
// make the session time out …", "LGTM - could the avatar …").
func opensQuestion(ts []token) bool {
	for i, t := range ts {
		if (i == 0 || ts[i-1].w == ".") && lex.askOpen[t.raw] {
			return true
		}
	}
	return false
}

// judged: the words pass a judgement on what the change removes ("two codes
// was overkill", "that step is pointless"): a reason, not a target.
func judged(ts []token) bool {
	for i, t := range ts {
		if (t.raw == "was" || t.raw == "is" || t.raw == "were" || t.raw == "are" || t.raw == "seems") && i+1 < len(ts) && lex.verdict[ts[i+1].raw] {
			return true
		}
		if t.raw == "already" && i+1 < len(ts) && lex.coverVerb[ts[i+1].raw] {
			return true // "drop liveness, the face compare already covers it": why it goes
		}
	}
	return false
}

// stepAtPlace is the verification step a sentence names by its place alone
// ("the last step", "the second check", "step 2"), or nil. Places count the
// checks, not what the avatar says, as "swap steps 2 and 3" does.
func (p *plan) stepAtPlace(ts []token) *step {
	if !hasRaw(ts, "step", "steps", "check", "checks", "one", "bit", "part", "stage", "node") {
		return nil
	}
	checks := p.checkSteps()
	n := 0
	for i, t := range ts {
		switch {
		case lex.ordinal[t.raw] > 0:
			n = lex.ordinal[t.raw]
		case (t.raw == "last" || t.raw == "final") && !(i+1 < len(ts) && ts[i+1].raw == "name"):
			n = len(checks)
		case t.isNum && t.num == float64(int(t.num)) && t.cur == "" && i > 0 && (ts[i-1].w == "step" || ts[i-1].raw == "number"):
			n = int(t.num) // "step 2", "number 3"
		default:
			continue
		}
		break
	}
	if n < 1 || n > len(checks) {
		return nil
	}
	return checks[n-1]
}

// endPair: the sentence names two steps by their place at one end of the flow
// ("the first two", "the last 2 checks").
func endPair(ts []token) bool {
	return hasRaw(ts, "two", "2") && hasRaw(ts, "first", "last", "final")
}

func stepNumbers(ts []token) int {
	if !hasRaw(ts, "step", "steps") {
		return 0
	}
	n := 0
	for _, t := range ts {
		if t.isNum && t.num >= 1 && t.num <= 9 && t.num == float64(int(t.num)) && t.cur == "" {
			n++
		}
	}
	return n
}

// reported: the part reports what someone else said or saw ("Support says people
// can't get into their inbox", "Compliance flagged …", "users complained …"): a
// subject of one or two words other than the avatar, then a verb of reporting.
func reported(ts []token) bool {
	if hasAnyRaw(ts, lex.attrition) && !slices.ContainsFunc(ts, func(t token) bool {
		return editVerbs[t.raw] || lex.removeVerb[t.raw] || lex.keepVerb[t.raw] || t.raw == "take"
	}) {
		return true // "loads of people drop out at the email step": why, not what to change
	}
	// ("Long story, but underwriting found that …": the report after an
	// opening aside)
	off := slices.IndexFunc(ts[:min(4, len(ts))], func(t token) bool { return t.raw == "but" }) + 1
	for i := off + 1; i < len(ts) && i <= off+3; i++ { // "our support team says …"
		if lex.reportVerb[ts[i].raw] {
			// ("our customers have complained the code expires too soon - extend
			// the email code's validity to 10 minutes": the request after a dash)
			// ("our deaf users found the spoken-name question useless, so take
			// that conversation out": a removal said with a particle is one too)
			if so := slices.IndexFunc(ts[i:], func(t token) bool { return t.raw == "so" || t.w == "." && t.orig == "-" }); so > 0 && (asksChange(ts[i+so:]) || takesOut(ts[i+so:])) {
				return false // "legal just told us we need a document, so can you put a document scan …": the request after the report
			}
			if rest := ts[i+1:]; !hasAnyRaw(rest, lex.beForm) && (has(rest, "only") && len(analyze(rest, nil).steps) > 0 || hasSetting(rest) && readSettings(rest).any()) {
				// "compliance says passports only on the scan", "security says
				// 8 digit codes": what is reported is the setting asked for, in
				// the words of a request, not of a statement ("Legal says the
				// product is 21+ only": why a later age check has its limit)
				return false
			}
			// ("if the compare says no match, send them to a passport scan": a
			// condition on what a step reports, not a report)
			return !hasRaw(ts[:i], "avatar", "it", "then") && ts[0].w != "explain" && ts[0].w != "ask" && !lex.condOpen[ts[0].raw]
		}
		// "Finance asked for it, don't ask me why", "legal requested this": who
		// wanted the change just asked for, not a change
		if j := i + 1; lex.askedVerb[ts[i].raw] && j < len(ts) {
			if ts[j].raw == "for" && j+1 < len(ts) {
				j++
			}
			if lex.pastRef[ts[j].raw] {
				return true
			}
		}
	}
	return false
}

// keepsRest: the part only says that the rest of the flow stays as it is ("don't
// add anything", "same steps otherwise", "nothing changes for recognised users",
// "leave everything else alone"): a word for the rest, a negation or a word of
// keeping, no setting, and no step the flow lacks or the part rules out.
func keepsRest(ts []token, steps []*step) bool {
	neg := has(ts, "no") || hasRaw(ts, "nothing")
	// "don't add another code, just change that one": one more of a step the
	// flow has, ruled out, is the rest staying as it is (checked below)
	// ("any more", "sound more professional": no step after it, no more of one)
	noMore := neg && slices.ContainsFunc(ts, func(t token) bool { return lex.oneMore[t.raw] }) && oneMoreStep(ts)
	if !hasAnyRaw(ts, lex.rest) && !noMore || !neg && !(hasAnyRaw(ts, lex.keepRest) && hasRaw(ts, "same", "otherwise", "else", "rest")) || hasSetting(ts) {
		return false
	}
	for _, t := range ts {
		if editVerbs[t.raw] && !lex.keepRest[t.raw] || lex.removeVerb[t.raw] || lex.acceptVerb[t.raw] {
			// "remove the SMS code and don't add anything else", "accept nothing
			// but ID cards" change the flow
			return false
		}
	}
	a := analyze(ts, steps)
	if noMore && !hasAnyRaw(ts, lex.rest) {
		// the step ruled out must be one the flow has ("no second SMS code"
		// with an SMS code in it); with none, "don't add another code" rules
		// out a step, which the change reads as such (no steps: restTail asks
		// before the flow is known, to cut the tail off the change before it)
		return len(a.steps) == 0 && a.neg != 0 && (steps == nil || slices.ContainsFunc(steps, func(s *step) bool { return a.neg.has(s.k) }))
	}
	return a.neg == 0 && (len(a.steps) == 0 || allPresent(steps, a.steps))
}

// oneMoreStep: a word asking for one more ("another", "a second", "no extra")
// stands before a step or before "one" for it ("another code", "a new one").
func oneMoreStep(ts []token) bool {
	for i := 0; i+1 < len(ts); i++ {
		if lex.oneMore[ts[i].raw] && (ts[i+1].raw == "one" || len(analyze(ts[i+1:min(i+3, len(ts))], nil).steps) > 0) {
			return true
		}
	}
	return false
}

// recognisedPathEdit changes the path of the users the recognition finds
// ("guests we recognise just do liveness and skip the passport", "known users
// only need an SMS code"): the main path after the recognition keeps the
// steps the words name; the others leave it when the words say "just" or
// "only", and the ones they skip leave it. The new-user branch is not touched.
// It declines (false) unless the flow has a recognition and the words open with
// its users.
func (p *plan) recognisedPathEdit(ts []token) ([]string, bool) {
	r := p.find(kRecognition)
	cond := readCondition(ts, p.steps)
	if r < 0 || cond.k != condMain || hasAnyRaw(ts, lex.replaceWord) {
		return nil, false
	}
	a := analyze(ts[cond.end+1:], p.steps)
	keep := slices.DeleteFunc(a.steps, func(s *step) bool { return s.k == kRecognition })
	if addsStep(ts) {
		// "for the ppl we already recognize, add an avatar line at the end":
		// the users the recognition finds are the main path's, so the steps go
		// there, where the words place them; the group's own words ("we
		// recognize") are no second recognition
		if a.neg != 0 || len(keep) == 0 {
			return nil, false
		}
		var done []string
		for _, s := range keep {
			front, back, ref, after := a.front || s.front, a.back || s.back, a.ref, a.refAfter
			if front && !back && len(ref) == 0 {
				// "… add an SMS code at the start": the start of their path, right
				// after the recognition and the liveness check that proves it
				front = false
			}
			if !front && !back && len(ref) == 0 {
				ref, after = []*step{p.steps[r]}, true
				if r+1 < len(p.steps) && p.steps[r+1].k == kLiveness {
					ref = []*step{p.steps[r+1]}
				}
			}
			p.insert(s, front, back, ref, after)
			p.touched = s
			done = append(done, "added "+s.k.withArticle()+" for recognised users")
		}
		return done, true
	}
	if !a.exclusive && a.neg == 0 || len(keep) == 0 && a.neg == 0 {
		return nil, false
	}
	var done, moved []string
	rec := p.steps[r]
	newUsersEnd := len(rec.branch) == 0
	for i := len(p.steps) - 1; i > r; i-- {
		s := p.steps[i]
		if s.k.isConversation() || findKind(keep, s.k) >= 0 || !a.neg.has(s.k) && !a.exclusive {
			continue
		}
		if !newUsersEnd {
			done = append(done, p.removeAt(i)+" from the path of recognised users")
			continue
		}
		// "members we already know just do liveness": the steps the flow had stay
		// for the users the recognition does not find
		p.steps = slices.Delete(p.steps, i, i+1)
		rec.branch = slices.Insert(rec.branch, 0, s)
		moved = slices.Insert(moved, 0, s.k.String())
	}
	if len(moved) > 0 {
		done = append(done, "recognised users skip the "+nounList(moved)+", which users the recognition does not find still go through")
	}
	for _, s := range keep {
		if p.find(s.k) < 0 {
			p.insert(s, false, false, []*step{p.steps[r]}, true)
			done = append(done, "added "+s.k.withArticle()+" for recognised users")
		}
	}
	return done, len(done) > 0
}

// compareAfterCapture keeps every face comparison of the main path after the
// scan whose image it reads ("have the ID scan go last" in "scan the ID,
// compare it to their face, then liveness"): a comparison before its scan
// compares nothing. It says what it moved.
func (p *plan) compareAfterCapture() []string {
	var done []string
	for i := 0; i < len(p.steps); i++ {
		s := p.steps[i]
		if s.k != kFaceCompare {
			continue
		}
		for _, need := range []kind{kDocument, kFaceScan} {
			if j := p.find(need); j > i && readsImageOf(s, need) {
				p.steps = slices.Insert(slices.Delete(p.steps, i, i+1), j, s)
				done = append(done, "moved the face comparison after the "+need.String()+", whose image it compares")
				i--
				break
			}
		}
	}
	return done
}

// takesOffOrOut: "take … out", "take … away", "take … off" remove.
func takesOffOrOut(ts []token) bool {
	return hasAnyRaw(ts, lex.takeVerb) && hasAnyRaw(ts, lex.takeParticle) || canGo(ts)
}

// canGo: the steps named "can go", "have to go", "should go" ("the licence scan
// and the age check that hangs off it can go"): out of the flow, not gone to
// somewhere ("the code can go to their email").
func canGo(ts []token) bool {
	for i := 1; i < len(ts); i++ {
		if (ts[i].raw == "go" || ts[i].raw == "goes") && lex.goModal[ts[i-1].raw] {
			if goesInOrder(ts, i) {
				return false
			}
			return i+1 == len(ts) || ts[i+1].w == "." || !goPlace(ts, i+1)
		}
	}
	return false
}

// goesInOrder: "go" at i is followed by steps in an order ("it should go
// liveness then the email code"): the order the flow goes in, of the steps
// after the verb, no step gone.
func goesInOrder(ts []token, i int) bool {
	return i+2 < len(ts) && !goPlace(ts, i+1) && slices.ContainsFunc(ts[i+2:], func(t token) bool { return t.raw == "then" })
}

// goPlace: the words from j, after "go", say where a step goes ("to their
// email", "after the scan"); "right", "immediately", "just" or "at" say so
// only before a place ("go right after the scan", "go at the end"): "can go
// right away", "can go immediately", "can go at once" remove the step.
func goPlace(ts []token, j int) bool {
	if j >= len(ts) {
		return false
	}
	if lex.goOn[ts[j].raw] {
		return true
	}
	if !lex.goLead[ts[j].raw] || j+1 >= len(ts) {
		return false
	}
	if ts[j].raw == "at" {
		return ts[j+1].raw == "the" // "at the end", not "at once", "at this point"
	}
	return lex.goOn[ts[j+1].raw] || lex.goLead[ts[j+1].raw] && goPlace(ts, j+1) // ("go right after", "go just before", "go right at the end")
}

// restates: the words ask only for steps an earlier instruction of the change
// added (of kinds the flow did not have before it), with no word of adding,
// removing or replacing: the reason for that instruction.
func (p *plan) restates(ts []token, before kindSet) bool {
	if addsStep(ts) || takesOut(ts) || hasAnyRaw(ts, lex.replaceWord) || hasAnyRaw(ts, lex.anotherTry) || readPolicy(ts) != "" ||
		hasSetting(ts) || has(ts, "only") || hasAnyRaw(ts, lex.acceptVerb) { // "driving licences only": a setting of the step added
		return false
	}
	a := analyze(ts, p.steps)
	return len(a.steps) > 0 && a.neg == 0 && !a.front && !a.back && len(a.ref) == 0 && !slices.ContainsFunc(a.steps, func(s *step) bool {
		return before.has(s.k) || p.find(s.k) < 0 || len(s.docTypes) > 0
	})
}

// ageCheckLater: a later part of the change names an age check and no age of
// its own ("Add the age check right after the ID scan"), the check an age
// stated before it sets. Only a limit stated (ageRequired) and only for a
// check the flow does not have yet: with one there, "Make it 21+. Move the age
// check …" sets that check itself.
func ageCheckLater(parts []string) bool {
	for _, part := range parts {
		if ts := tokenize(part); has(ts, "age") && ageIn(ts) == 0 {
			return true
		}
	}
	return false
}

// keepsNamed: the part says that steps the flow has stay as they are, and asks
// for nothing else ("Don't touch the SMS code, leave it as it is", "leave the
// passport scan alone", "keep the SMS code unchanged"): a negated verb of change
// right before the step's name, or "keep"/"leave" with "alone", "as is".
func keepsNamed(ts []token, steps []*step) bool {
	if hasSetting(ts) {
		return false
	}
	kept := false
	for i, t := range ts {
		switch {
		case lex.untouchVerb[t.raw] && i > 0 && ts[i-1].w == "no":
			kept = true // "don't touch", "do not change"
		case (t.raw == "add" || t.raw == "insert") && i > 0 && ts[i-1].w == "no":
			kept = true // "Don't add another scan" of a flow that has one: the step stays one ("don't need X" removes it)
		case lex.removeVerb[t.raw] && i > 0 && ts[i-1].w == "no" && !hasAnyRaw(ts, lex.replaceWord):
			// "and don't drop the liveness", "do not remove the SMS code": a
			// removal ruled out keeps the step ("don't remove the SMS code, make
			// it an email code instead" replaces it)
			kept = true
		case lex.keepVerb[t.raw] && slices.ContainsFunc(ts[i+1:], func(u token) bool { return lex.asIs[u.raw] }):
			kept = true
		case lex.stayVerb[t.raw] && i > 0 && !placesStep(ts) && !slices.ContainsFunc(ts[:i], func(u token) bool { return editVerbs[u.raw] || lex.removeVerb[u.raw] }):
			kept = true // "liveness and the code stay", "the compare and the email code stay where they are"
		case t.raw == "keep" && i == 0 && !placesStep(ts):
			// "remove the SMS one, keep email": "keep" opening the part, with no
			// place to put the step, says the step it names stays
			kept = true
		case editVerbs[t.raw] && !lex.keepVerb[t.raw] && !lex.untouchVerb[t.raw] || lex.removeVerb[t.raw] || lex.acceptVerb[t.raw]:
			return false // "don't change the SMS code, remove the email one": a change
		}
	}
	if !kept {
		return false
	}
	a := analyze(ts, steps)
	named := len(a.steps)
	for _, s := range a.steps {
		if findKind(steps, s.k) < 0 && !(s.k == kEnterEmail && findKind(steps, kEmailOTP) >= 0) {
			return false // ("keep email" in a flow with an email code and no email entry: the code)
		}
	}
	for k := kind(1); k < kindCount; k++ {
		if a.neg.has(k) {
			if findKind(steps, k) < 0 {
				return false
			}
			named++
		}
	}
	if d, f := findKind(steps, kDocument), findKind(steps, kFaceScan); named == 0 && has(ts, "scan") && (d >= 0) != (f >= 0) {
		return true // "Don't add another scan": a bare "scan" is the one scan the flow has
	}
	return named > 0
}

// dropSwapOrder cuts the order a swap makes off the end of it ("swap the two
// codes round, email first then SMS", "could the two codes swap places — the
// email one first, then the text one"): a swap before a comma or a dash, and
// after it the two steps of the flow with an order word; it reports whether it
// did. The cut is tried from the last pause back, as the order may itself hold
// a comma ("…, then the text one"). A hyphen between spaces is the dash typed
// on a plain keyboard ("switch the two codes around - text code first").
func dropSwapOrder(part string, steps []*step) (string, bool) {
	for end := len(part); ; {
		i := strings.LastIndexAny(part[:end], ",—–")
		_, w := utf8.DecodeRuneInString(part[max(i, 0):])
		if h := strings.LastIndex(part[:end], " - "); h > i {
			i, w = h, 2
		}
		if i <= 0 {
			return part, false
		}
		end = i
		head, tail := strings.TrimSpace(part[:i]), tokenize(part[i+w:])
		if !hasAnyRaw(tokenize(head), lex.swapVerb) {
			return part, false // the swap is further back than any pause: no order after it
		}
		if !swapOrder(tail, steps) {
			continue
		}
		return head, true
	}
}

// swappedAgain: ts gives the order of the two steps the swap in prev named, and
// asks no change of its own ("swap the liveness and the SMS code. code first,
// liveness last"); another pair's order is a move of its own.
func swappedAgain(prev, ts []token, steps []*step) bool {
	if !hasAnyRaw(prev, lex.swapVerb) || asksChange(ts) || !swapOrder(ts, steps) {
		return false
	}
	pair := analyze(prev, steps).steps
	for _, s := range analyze(ts, steps).steps {
		if findKind(pair, s.k) < 0 {
			return false
		}
	}
	return true
}

// swapOrder: the words only give the order of two steps the flow has ("email
// first then SMS", "code first, liveness last"), which is what a swap said
// just before them makes, in its sentence or in the one before.
func swapOrder(ts []token, steps []*step) bool {
	pair := orderedPair(ts, steps)
	return pair != nil && allPresent(steps, pair)
}

// dropMoveResult cuts the place a move leaves the other steps in off the end of
// it ("move liveness and the document scan to the front, keeping their
// relative order, so that the two email steps come last"): a move before a
// comma, and after it "so" with an order word and steps the flow has, and no
// change of their own; it reports whether it did.
func dropMoveResult(part string, steps []*step) (string, bool) {
	i := strings.LastIndex(part, ", so ")
	if i <= 0 {
		return part, false
	}
	head, tail := strings.TrimSpace(part[:i]), tokenize(part[i+1:])
	hw := strings.Fields(strings.ToLower(head))
	if len(hw) == 0 || !moveVerbs[hw[0]] || asksChange(tail) ||
		!slices.ContainsFunc(tail, func(t token) bool { return t.w == "first" || t.w == "finally" || t.w == "start" || t.w == "end" }) {
		return part, false
	}
	if a := analyze(tail, steps); len(a.steps) == 0 || !allPresent(steps, a.steps) {
		return part, false
	}
	return head, true
}

// dropRestRemark cuts a remark that the rest stays as it is off the end of an
// instruction ("only accept passports on the scan, nothing else changes", "swap
// the codes; leave the rest alone"), and reports whether it did.
func dropRestRemark(part string, steps []*step) (string, bool) {
	if a := strings.LastIndex(part, " and "); a > 0 && a > strings.LastIndexAny(part, ",;") {
		// "drop the email code and sms is fine as is": a step said to be fine
		// after "and" is a remark as after a comma
		if head := strings.TrimSpace(part[:a]); head != "" && fineSaid(tokenize(part[a+len(" and "):]), steps) {
			return head, true
		}
	}
	i := strings.LastIndexAny(part, ",;")
	if i <= 0 {
		return part, false
	}
	head, tail := strings.TrimSpace(part[:i]), part[i+1:]
	// ("flip the code and the real-person check around, leave the document
	// where it is": a step named to stay as it is is a remark too; a bare
	// "keep the SMS" after "we only want one code" chooses, and stays)
	tts := tokenize(tail)
	asIs := keepsNamed(tts, steps) && (hasAnyRaw(tts, lex.asIs) || hasAnyRaw(tts, lex.untouchVerb))
	// ("swap the two OTP steps around, liveness stays last": after a swap, a
	// step of the flow said to stay where it is, its place named or not)
	asIs = asIs || hasAnyRaw(tokenize(head), lex.swapVerb) && staysPut(tts, steps)
	// ("put a passport scan right before the code, the code should still be
	// the very last thing": a step of the flow said to be still where it is)
	asIs = asIs || stillPlaced(tts, steps)
	// ("drop the email code, sms is fine as is": a step of the flow said to be
	// fine as it stands)
	asIs = asIs || fineSaid(tts, steps)
	if head == "" || !keepsRest(tts, steps) && !asIs {
		return part, false
	}
	return head, true
}

// stillPlaced: the words say a step of the flow is still at the start or the
// end ("the code should still be the very last thing"), and ask for no change.
func stillPlaced(ts []token, steps []*step) bool {
	if !hasAnyRaw(ts, lex.stillWord) || !slices.ContainsFunc(ts, func(t token) bool { return lex.backWord[t.raw] || lex.lastPlace[t.raw] || lex.frontWord[t.raw] }) ||
		slices.ContainsFunc(ts, func(t token) bool { return editVerbs[t.raw] || lex.removeVerb[t.raw] }) {
		return false
	}
	a := analyze(ts, steps)
	return len(a.steps) > 0 && a.neg == 0 && allPresent(steps, a.steps)
}

// staysPut: the part says steps of the flow stay ("liveness stays last", "the
// ID scan remains first") and asks for no change.
func staysPut(ts []token, steps []*step) bool {
	if !hasAnyRaw(ts, lex.stayVerb) || slices.ContainsFunc(ts, func(t token) bool { return editVerbs[t.raw] || lex.removeVerb[t.raw] }) {
		return false
	}
	a := analyze(ts, steps)
	return len(a.steps) > 0 && a.neg == 0 && allPresent(steps, a.steps)
}

// fineSaid: the words say the steps they name are fine as they stand ("sms is
// fine as is", "the liveness check looks good", "email code is ok where it
// was"): a linking verb, then at most one word ("still", "totally"), then a word
// of stepFineWords, with no verb of change and no "not". Such words keep the
// step: after a removal they are a remark, never the removal again. steps nil:
// any step named; else only steps the flow has.
func fineSaid(ts []token, steps []*step) bool {
	for k := 1; k < len(ts); k++ {
		if !lex.fineLink[ts[k].raw] {
			continue
		}
		f := k + 1
		if f < len(ts) && !lex.stepFine[ts[f].raw] && ts[f].w != "no" {
			f++
		}
		if f >= len(ts) || !lex.stepFine[ts[f].raw] {
			continue
		}
		if slices.ContainsFunc(ts, func(t token) bool {
			return t.w == "no" || editVerbs[t.raw] || lex.removeVerb[t.raw] || lex.addVerb[t.raw] || lex.replaceWord[t.raw]
		}) {
			return false
		}
		a := analyze(ts[:k], steps)
		return len(a.steps) > 0 && a.neg == 0 && (steps == nil || allPresent(steps, a.steps))
	}
	return false
}

// oldPlace: the part puts what the part before brought in where the step it
// replaced was ("put it where the SMS one was", "place it in the same spot"),
// which a replacement does anyway.
func oldPlace(ts, prev []token) bool {
	if len(ts) < 3 || !moveVerbs[ts[0].raw] || !ts[1].in(hBackRef) || !hasAnyRaw(prev, lex.replaceWord) {
		return false
	}
	for i := 2; i < len(ts); i++ {
		if samePlace(ts, i) || ts[i].raw == "where" && hasAnyRaw(ts[i+1:], lex.oldPlace) {
			return true
		}
	}
	return false
}

// numberedLabel: the part opens on a word and a number before a colon
// ("Finding 1:", "Issue 2:", "Point 3:"), the label of an item in a list; it
// returns how many tokens the label takes, or 0. A number that sets what the
// word names ("Age 21: add an age check …", "Digits 8: …", "Threshold 90: …")
// is the change's setting, not an item's number, and stays.
func numberedLabel(ts []token) int {
	if len(ts) > 3 && isAlpha(ts[0].raw) && ts[1].isNum && ts[2].w == ":" && !lex.settingNoun[ts[0].w] && settingKeyWords[ts[0].raw] == "" {
		return 3
	}
	return 0
}

// bareNames: the words only name steps the flow has ("data validation",
// "- email entry", "the email entry and the email code"), with no verb, no
// negation, no place and nothing else: a list a later sentence speaks of.
func bareNames(ts []token, steps []*step) bool {
	if len(ts) == 0 || len(ts) > 8 || slices.Contains(negations(ts), true) {
		return false
	}
	for i, t := range ts {
		// (a verb asks: "validate the data", "… and remove the SMS"; "data
		// validation", "face scan" name)
		if i == 0 && startsInstruction(ts, i) || editVerbs[t.raw] || lex.removeVerb[t.raw] || lex.addVerb[t.raw] || lex.replaceWord[t.raw] ||
			lex.beForm[t.raw] || t.in(hSubjectAux) || t.in(hSpeaker) || t.isNum ||
			// (a place asks for a move: "- face scan goes first, then liveness")
			lex.frontWord[t.raw] || lex.backWord[t.raw] || orderRefLemmas[t.w] || lex.ordinal[t.raw] > 0 || lex.placeMoveVerb[t.raw] || t.raw == "then" {
			return false
		}
	}
	found := analyze(ts, steps).steps
	return len(found) > 0 && !slices.ContainsFunc(found, func(s *step) bool { return s.k.isConversation() || findKind(steps, s.k) < 0 })
}

// captureLine reads a part that gives the face scan's capture instructions
// ("capture instructions: tell them to remove glasses and hats", "set the
// face scan's capture instructions to 'look straight at the camera'"): the
// words the scan shows, as a sentence to the user, or false. The label needs
// "capture" or the face scan's name before "instructions"; an order said
// about the user ("tell them to …") is said to them ("Remove …").
func captureLine(part string) (string, bool) {
	lower := strings.ToLower(part)
	i := strings.Index(lower, "instruction")
	if i < 0 {
		return "", false
	}
	head := strings.Fields(strings.NewReplacer(",", " ", ":", " ").Replace(lower[:i]))
	named := false
	for _, w := range head {
		if !lex.captureLabel[w] {
			return "", false
		}
		named = named || w == "capture" || strings.HasPrefix(w, "selfie") || strings.HasPrefix(w, "scan")
	}
	if !named {
		return "", false
	}
	rest := strings.TrimSpace(strings.TrimPrefix(part[i+len("instruction"):], "s"))
	for _, lead := range []string{":", "=", "-", "to say", "to read", "to", "should say", "should read", "say", "read", "as"} {
		if len(rest) > len(lead) && strings.EqualFold(rest[:len(lead)], lead) && (lead == ":" || lead == "=" || lead == "-" || rest[len(lead)] == ' ') {
			rest = strings.TrimSpace(rest[len(lead):])
			break
		}
	}
	w := strings.Fields(strings.Trim(rest, "\"'“”‘’ ."))
	if len(w) < 2 {
		return "", false
	}
	if lex.captureTell[strings.ToLower(w[0])] && len(w) > 3 && strings.EqualFold(w[1], "them") {
		// "tell them to remove glasses and hats": what they are told
		k := 2
		if strings.EqualFold(w[k], "to") {
			k++
		}
		w = w[k:]
		for j, x := range w {
			if y, ok := toUserWords[strings.ToLower(x)]; ok {
				w[j] = y
			}
		}
	}
	return sentenceOf(strings.Join(w, " ")), true
}

// dropBullet takes the marker off an item of a bulleted list ("- email
// entry", "• sms code: gone") and says whether there was one.
func dropBullet(sentence string) (string, bool) {
	t := strings.TrimSpace(sentence)
	if n := bulletLen(t); n > 0 {
		return strings.TrimSpace(t[n:]), true
	}
	return sentence, false
}

// bulletLen: the length of the bullet mark s opens with (bulletMarks), or 0.
func bulletLen(s string) int {
	for _, m := range bulletMarks {
		if strings.HasPrefix(s, m) {
			return len(m)
		}
	}
	return 0
}

// negatedGroup: a negation covers a word pointing back at a group ("we don't
// need them", "none of those are needed" reads as "no … those").
//
// The group ends the clause ("we don't need them anymore"): "we don't need
// them changed", "… to be so slow" say how they should stay.
func negatedGroup(ts []token) bool {
	neg := negations(ts)
	for i, t := range ts {
		if neg[i] && lex.groupRef[t.raw] && (i+1 == len(ts) || ts[i+1].w == "," || ts[i+1].w == "." || lex.groupTail[ts[i+1].raw]) {
			return true
		}
	}
	return false
}

// statement: the part states something about the flow or the users ("the scans
// we got were blurry", "the SMS code is useless") with a finite verb, and asks
// for nothing: no verb of a change, no wish or modal, no position, no setting,
// no condition, no verb of change in the passive ("the SMS code is removed").
func statement(ts []token) bool {
	finite, habit := false, peopleSubject(ts)
	for i, t := range ts {
		switch {
		case t.raw == "too" && i+1 < len(ts) && isAlpha(ts[i+1].raw):
			// "too lenient": a degree, not "as well"
		case habit && lex.assignVerb[t.raw]:
			return false // "users get an SMS code": a step given to them
		case habit && lex.habitVerb[t.raw]:
			finite = true // "our users in Brazil use the phone more than the email"
		case t.raw == "get" && i > 0 && ts[i-1].in(hSpeaker):
			finite = true // "we get loads of false rejects": what happens to them
		case i == 1 && ts[0].in(hSpeaker) && lex.thinkVerb[t.raw]:
			finite = true // "I know it's not really an ID document": an aside ("I think we should …" still asks)
		case (t.raw == "keep" || t.raw == "keeps") && i > 0 && i+1 < len(ts) && len(ts[i+1].raw) > 4 && strings.HasSuffix(ts[i+1].raw, "ing"):
			finite = true // "our agents keep asking for texts": what they do again and again, not "keep the SMS code"
		case editVerbs[t.raw] || lex.addVerb[t.raw] || lex.removeVerb[t.raw] || lex.replaceWord[t.raw] || t.raw == "take" || t.raw == "get":
			return false
		case lex.acceptVerb[t.raw] && (i == 0 || !lex.subjectPronoun[ts[i-1].raw] && ts[i-1].raw != "we") && anyDoc(ts[i+1:]):
			return false // "We're expanding to tourists, so accept passports on that scan": the request after the background
		case lex.wish[t.raw] || lex.askModal[t.raw] || lex.condIfStrict[t.raw] || t.w == "need" || t.w == "only":
			return false
		case (t.raw == "has" || t.raw == "have" || t.raw == "had") && i+1 < len(ts) && ts[i+1].raw == "to":
			return false // "liveness has to go"
		case changeParticiples[t.raw] != "":
			return false
		case i == 0 && (instructionVerbs[t.raw] && !fineSaid(ts, nil) || t.raw == "please"):
			// ("sms is fine as is", "liveness looks good as is": a step's
			// name, not a list of steps to do, when the step is said to be fine)
			return false
		case habit && i > 0 && ts[i-1].in(hPopulation) && isAlpha(t.raw) && !lex.stepVerb[t.w]:
			finite = true // "lots of people fat-finger the code": the verb of the people it opens with
		case lex.statementVerb[t.raw] && passiveRequest(ts, i):
			return false // "a code is sent to it", "documents are to be restricted to passports"
		case lex.statementVerb[t.raw]:
			finite = true
		}
	}
	// (a number that sets nothing, "a 2-year-old thread about it", "an 11%
	// open rate", tells of the background, as the rest does)
	return finite && !placesStep(ts) && !(hasSetting(ts) && (readSettings(ts).any() || ageIn(ts) > 0))
}

// passiveRequest: the present form of "be" at i asks for something in the
// passive: "is asked for their email", "is sent", "are to be restricted".
// ("were blurry", "was too lenient" state.)
func passiveRequest(ts []token, i int) bool {
	if ts[i].raw != "is" && ts[i].raw != "are" {
		return false
	}
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		switch u := ts[j]; {
		case u.raw == "to":
			return true
		case lex.stepVerb[u.w] && u.raw != u.w:
			return true // a participle of a step's verb
		case !lex.passiveAux[u.raw] && !lex.midThen[u.raw] && u.raw != "then" && u.raw != "always" && u.raw != "only":
			return false
		}
	}
	return false
}

// peopleSubject: the part opens with the people it is about ("our users",
// "most of the customers", "people", "some of Ledgerly's customers": a name's
// possessive stands where "our" would), as a statement of what they do.
func peopleSubject(ts []token) bool {
	for i, t := range ts {
		if i > 4 { // "a lot of our users"
			return false
		}
		if peopleNoun(ts, i) {
			return true
		}
		if !lex.subjectDet[t.raw] && !possessiveAt(ts, i) {
			return false
		}
	}
	return false
}

// orderParticiple: a participle of lexicon orderParticiples ("reversed",
// "inverted") at i ends a sentence whose subject is the order of the steps
// ("the order of the SMS code and the liveness check SHALL be reversed"),
// with no negation before it: the swap verb. Any other subject ("the camera
// image must not be flipped", "any payment SHALL be reversed if …") or a
// negated one ("… SHALL NOT be reversed") is no change of the order.
func orderParticiple(words []string, i int) (string, bool) {
	base, ok := orderParticiples[strings.ToLower(strings.Trim(words[i], ",;:.!?"))]
	if !ok || i+1 != len(words) {
		return "", false
	}
	order := false
	for j, w := range words[:i] {
		w = strings.ToLower(strings.Trim(w, ",;:"))
		if w == "not" || w == "never" || strings.HasSuffix(w, "n't") || w == "cannot" {
			return "", false
		}
		if w == "order" && j+1 < i && strings.ToLower(words[j+1]) == "of" {
			order = true
		}
	}
	return base, order
}

// activeVoice rewrites a change said in the passive ("the ID scan and the SMS code
// are both taken out", "the email code should be replaced with an SMS one") as the
// instruction it is ("take the ID scan and the SMS code out", "replace the email
// code with an SMS one"): a participle of a verb of change after a form of "be" or
// "get" (changeParticiples, passiveAux) becomes the verb, before its subject.
func activeVoice(sentence string) (string, string) {
	words := strings.Fields(sentence)
	for i := 1; i < len(words); i++ {
		base, ok := changeParticiples[strings.ToLower(strings.Trim(words[i], ",;:.!?"))]
		if !ok {
			if base, ok = orderParticiple(words, i); !ok {
				continue
			}
		}
		k, be := i, false // the auxiliaries before the participle: "should be", "are both"
		for k > 0 {
			w := strings.ToLower(words[k-1])
			if !lex.passiveAux[w] && !lex.midThen[w] {
				break
			}
			be = be || lex.becomes[w]
			k--
		}
		// (a ticket's change log says it with no "be", as a headline whose
		// participle ends it or its colon does: "SMS code removed", "AC2 and
		// AC3 removed: liveness only")
		headline := k == i && (i == len(words)-1 || strings.HasSuffix(words[i], ":") || i+1 < len(words) && lex.headlineDash[words[i+1]])
		if !headline && (!be || k == 0 || k == i) {
			continue
		}
		out := make([]string, 0, len(words)+1)
		out = append(out, base)
		out = append(out, words[:k]...)
		if tail := words[i+1:]; headline && len(tail) > 0 && lex.headlineDash[tail[0]] {
			tail = tail[1:]
			if !changeVerbIn(tokenize(strings.Join(tail, " "))) {
				// "SMS code removed - the email code is enough": after the
				// dash, why; the steps it names are no part of the removal
				return strings.Join(out, " "), strings.Join(tail, " ")
			}
		}
		if headline && i+1 < len(words) {
			out[len(out)-1] += "." // (what follows the colon is a sentence of its own)
		}
		out = append(out, words[i+1:]...)
		return strings.Join(out, " "), ""
	}
	return sentence, ""
}

// changeVerbIn: the words hold a verb of change (remove, add, swap, replace,
// move, put).
func changeVerbIn(ts []token) bool {
	return slices.ContainsFunc(ts, func(t token) bool {
		return lex.removeVerb[t.w] || lex.addVerb[t.raw] && t.raw != "then" || lex.swapVerb[t.raw] || t.w == "replace" || t.w == "move" || t.raw == "put"
	})
}

// copularChange rewrites a step said to become another ("the SMS code should
// be email", "except the selfie needs to be a liveness check") as the
// instruction "make the SMS code email", which replaces it. What follows the
// verb must name a step or a channel: a setting or a place ("should be 8
// digits", "should be first") is no other step, and stays as it is.
func copularChange(sentence string) string {
	words := strings.Fields(sentence)
	for i := 2; i+1 < len(words); i++ {
		if w := bareWord(words[i]); w != "be" && w != "become" || strings.ContainsAny(words[i-1], ",;:.!?") {
			continue
		}
		m := i - 1 // the modal: "should be", "needs to be"
		if bareWord(words[m]) == "to" {
			m--
		}
		if m < 1 || !lex.copulaModal[bareWord(words[m])] {
			continue
		}
		start := m // the subject: back to the clause's start
		for start > 0 && !strings.ContainsAny(words[start-1], ",;:.!?") && !lex.clauseJoin[bareWord(words[start-1])] {
			start--
		}
		end := i + 1 // the other step: up to the clause's end
		for end < len(words) && !strings.ContainsAny(words[end-1], ",;:.!?") {
			end++
		}
		subject, other := tokenize(strings.Join(words[start:m], " ")), tokenize(strings.Join(words[i+1:end], " "))
		if len(analyze(subject, nil).steps) != 1 || !bareChannel(other) && len(analyze(other, nil).steps) == 0 {
			continue
		}
		if first := bareWord(words[i+1]); !lex.determiner[first] && !bareChannel(other) && len(analyze(other[:1], nil).steps) == 0 {
			continue // "should be paired with an email code", "followed by …": another step beside it, not in its place
		}
		out := slices.Concat(words[:start], []string{"make"}, words[start:m], words[i+1:])
		return strings.Join(out, " ")
	}
	return sentence
}

// supposedChange turns a change asked as a supposition into the instruction:
// "what if we swapped the email code and the scan?", "how about we removed the
// SMS code", "suppose we dropped the selfie" read as "swap …", "remove …",
// "drop …". The past tense there is no report of what happened; only a verb of
// change (changeParticiples) right after "we" or "you" is turned.
func supposedChange(sentence string) string {
	words := strings.Fields(sentence)
	for i := 2; i < len(words); i++ {
		base, ok := changeParticiples[strings.ToLower(words[i])]
		subject := strings.ToLower(words[i-1])
		if !ok || subject != "we" && subject != "you" {
			continue
		}
		lead := strings.ToLower(strings.Trim(words[i-2], ",;:"))
		if !lex.supposeLead[lead] || lead == "if" && (i < 3 || strings.ToLower(strings.Trim(words[i-3], ",;:")) != "what") || indexFold(sentence, "what happens") >= 0 || indexFold(sentence, "what would") >= 0 {
			// ("if we removed it last week, …": a condition, not a supposition;
			// "suppose we removed the age check, what happens?": a question)
			return sentence
		}
		out := make([]string, 0, len(words))
		out = append(out, words[:i-2]...)
		if len(out) > 0 && strings.EqualFold(out[len(out)-1], "what") || len(out) > 0 && strings.EqualFold(out[len(out)-1], "how") {
			out = out[:len(out)-1]
		}
		out = append(out, base)
		out = append(out, words[i+1:]...)
		return strings.Join(out, " ")
	}
	return sentence
}

// progressiveChange turns a change the speaker says they are making ("we're
// ripping out both codes", "we are removing the selfie", "I'm moving liveness to
// the front") or that opens the sentence as a gerund ("ripping out both codes
// after the review") into the instruction it is: the "-ing" form of a verb of
// change becomes the verb. Only "we"/"I" with the present of "be" lead it; the
// past ("we were removing it when …") tells a story, as supposedChange leaves it.
func progressiveChange(sentence string) string {
	all := strings.Fields(sentence)
	// a lead-in that says where the change was decided and closes on a comma
	// or colon ("after the retro, we're dropping …", "decided: we're removing
	// …") keeps its words; the speaker's "we're" after it opens the change
	from := 0
	for i := 0; i < len(all)-1 && i < 6; i++ {
		if strings.HasSuffix(all[i], ",") || strings.HasSuffix(all[i], ":") {
			if w := strings.ToLower(strings.Map(dropApostrophe, all[i+1])); w == "were" && strings.ContainsAny(all[i+1], "'’") || w == "im" || lex.speaker[w] {
				from = i + 1
			}
			break
		}
	}
	words := all[from:]
	lead := 0 // the words before the verb: none, "we're", "we are", "I'm", "I am"
	if len(words) > 0 {
		w := strings.ToLower(strings.Map(dropApostrophe, words[0]))
		switch {
		case w == "were" && strings.ContainsAny(words[0], "'’") || w == "im":
			lead = 1
		case len(words) > 1 && lex.speaker[w] && (strings.EqualFold(words[1], "are") || strings.EqualFold(words[1], "am")):
			lead = 2
		}
	}
	if lead >= len(words) || from > 0 && lead == 0 {
		return sentence
	}
	base, ok := changeGerund(strings.ToLower(strings.Trim(words[lead], ",;:.!?")))
	if !ok || hasPhrase(tokenize(sentence), lex.deferChange) {
		return sentence // ("we're removing the ID scan next quarter, not now": no change now)
	}
	if lead == 0 && gerundSubject(words) {
		// "Removing the SMS code is what compliance asked for": the remark
		// says the change is wanted, so the gerund's clause is the instruction
		// ("…, and add a passport scan": what follows the remark stays)
		is := slices.IndexFunc(words, func(w string) bool { return lex.statementVerb[bareWord(w)] })
		if is < 2 || !wantedChange(words) {
			return sentence
		}
		out := append([]string{base}, words[1:is]...)
		if e := slices.IndexFunc(words[is:], func(w string) bool { return strings.ContainsAny(w, ",;:.!?") }); e >= 0 && is+e+1 < len(words) {
			out[len(out)-1] += ","
			out = append(out, words[is+e+1:]...)
		}
		return strings.Join(out, " ")
	}
	return strings.Join(slices.Concat(all[:from], []string{base}, words[lead+1:]), " ")
}

// judgedChange: a change pasted from meeting notes with their verdict after a
// dash ("email code instead of SMS — rejected by Tom, keep SMS", "drop the
// liveness check - vetoed"): the change before the dash is turned down, as
// Build's dropVerdicts reads it; rest is what follows the verdict's clause.
func judgedChange(sentence string) (rest, judged string, ok bool) {
	if !strings.ContainsAny(sentence, "—–-") {
		return sentence, "", false // (the cheap test first)
	}
	for _, dash := range []string{" — ", " – ", " - ", " -- "} {
		left, right, found := strings.Cut(sentence, dash)
		if !found {
			continue
		}
		verdict, after, _ := strings.Cut(right, ",")
		vt := tokenize(verdict)
		if at, open := verdictAt(vt, tokenize(left), tokenize(after)); at != 0 || open || !namesAnything(tokenize(left)) {
			return sentence, "", false
		}
		return strings.TrimSpace(after), strings.TrimSpace(left + dash + verdict), true
	}
	return sentence, "", false
}

// laterChange: the speaker announces a change for later or still undecided
// ("we're removing the ID scan next quarter, not now", "dropping the SMS next
// sprint", "we're still deciding on dropping the SMS"): a phrase of
// laterChangePhrases and a verb of change in its "-ing" form whose object is
// a step.
func laterChange(ts []token) bool {
	if !hasPhrase(ts, lex.deferChange) {
		return false // (the cheap test first)
	}
	for i, t := range ts {
		// ("we're moving logins to passkeys next sprint, so … rip out both
		// codes": the put-off change names no step, the one asked now does)
		if _, ok := changeGerund(t.raw); ok && namesAnything(ts[i+1:min(i+4, len(ts))]) {
			return true
		}
	}
	return false
}

// negatedPlace: the sentence rules out a place at the start or the end for
// one step of the flow ("don't put the SMS code at the end", "the SMS code
// shouldn't be last") and says nothing else: no removal ("don't remove the
// last step" keeps it: keptByNegation), no order ("not before the liveness
// check": negatedOrder). It returns the step's name. ts are the sentence's
// tokens.
func (p *plan) negatedPlace(sentence string, ts []token) (string, bool) {
	if !negatesPlace(sentence, ts) {
		return "", false
	}
	ks := p.namedKinds(placeWords(ts))
	var in []kind
	for k := kind(0); k < kindCount; k++ {
		if i := p.find(k); ks.has(k) && i >= 0 && !slices.Contains(in, p.steps[i].k) {
			in = append(in, p.steps[i].k) // ("the code": the flow's code)
		}
	}
	if len(in) == 0 {
		return "", false
	}
	// ("neither code should be first": both codes, each ruled out of the
	// place, neither removed)
	names := in[0].String()
	for _, k := range in[1:] {
		names += " and the " + k.String()
	}
	return names, true
}

// placeWords are the words of a place ruled out up to a scope after it ("the
// passport scan shouldn't go first on mobile": "mobile" names no SMS code).
func placeWords(ts []token) []token {
	if _, _, q := negatedPlaceOf(ts); q > 0 {
		return ts[:q]
	}
	return ts
}

// namedKinds are the kinds of step the words name, ruled out or not.
func (p *plan) namedKinds(ts []token) kindSet {
	a := analyze(ts, p.steps)
	ks := a.neg
	for _, s := range a.steps {
		ks.add(s.k)
	}
	return ks
}

// negatesPlace: the sentence is one clause that rules a place out ("the SMS
// code shouldn't be last", "never do the liveness check first").
func negatesPlace(sentence string, ts []token) bool {
	neg := slices.IndexFunc(ts, func(t token) bool { return t.in(hNegAux) || lex.placeOut[t.raw] })
	return neg >= 0 && !strings.ContainsAny(strings.TrimRight(sentence, " .!"), ",;:") && !hasAnyRaw(ts, lex.removeVerb) && !hasRaw(ts, "before", "after", "instead", "and", "but", "then") &&
		slices.ContainsFunc(ts[neg+1:], func(t token) bool {
			return lex.frontWord[t.raw] || lex.backWord[t.raw] || lex.lastPlace[t.raw] && t.raw != "latter" || t.w == "penultimate" // ("the final step")
		})
}

// placeOfAbsent: the sentence only rules a place out for one kind of step
// the flow does not have and no sentence before it names ("the email code
// shouldn't be first" on a flow with no email code). It returns the step's
// name. ts are the sentence's tokens.
func (p *plan) placeOfAbsent(sentence string, ts []token, before []string) (string, bool) {
	if !negatesPlace(sentence, ts) || addsStep(ts) {
		return "", false // ("add an email code, not first": placeOfAdded's)
	}
	k := p.namedKinds(placeWords(ts)).only() // (two kinds: not one step's place)
	if k == kNone || k == kOTP || p.find(k) >= 0 || slices.ContainsFunc(before, func(b string) bool { return p.namedKinds(tokenize(b)).has(k) }) {
		return "", false
	}
	return k.String(), true
}

// placeOfAdded turns a place ruled out of a step the change adds ("Add an
// email code. The email code shouldn't be last.") into where it goes: next
// to the base's last check, before it (or after its first check, for a first
// place ruled out), the nearest place that is not the one ruled out. ok is
// false for any other sentence, a step the base has (negatedPlace's), a step
// the sentence before does not add, one it gives a place of its own ("add an
// email code at the end, it can't be first": the end), or a base with no
// check. "It" is the one step the sentence before names ("add a passport
// scan. it can't go first"). ts are the sentence's tokens.
func (p *plan) placeOfAdded(sentence string, ts []token, before string) (string, bool) {
	if !negatesPlace(sentence, ts) || slices.ContainsFunc(ts, func(t token) bool { return t.w == "penultimate" }) {
		return "", false
	}
	bts := tokenize(before)
	added := analyze(bts, p.steps)
	if !hasAnyRaw(bts, lex.addVerb) && !hasAnyRaw(bts, lex.replaceWord) && !slices.ContainsFunc(bts, func(t token) bool { return t.w == "need" }) ||
		added.front || added.back || hasRaw(bts, "before", "after") {
		return "", false
	}
	ts = placeWords(ts)
	ks := p.namedKinds(ts)
	soft := 0 // ("just not last", "though never first": a softener before the place ruled out)
	for soft < len(ts) && lex.placeSoftener[ts[soft].raw] {
		soft++
	}
	if ks == 0 && (hasAnyRaw(ts, lex.addedRef) || soft < len(ts) && lex.placeOut[ts[soft].raw]) {
		// ("add an email code, but not as the final step", "… (not last)":
		// a place ruled out with no subject is the added step's)
		for _, s := range added.steps {
			ks.add(s.k)
		}
	}
	var named []kind // (in the order the sentence before adds them)
	for _, s := range added.steps {
		if ks.has(s.k) && s.k != kOTP && !slices.Contains(named, s.k) {
			named = append(named, s.k)
		}
	}
	for k := kind(0); k < kindCount; k++ {
		if ks.has(k) && k != kOTP && !slices.Contains(named, k) {
			named = append(named, k)
		}
	}
	// (two steps added, a place ruled out of both: "add an email code and an
	// ID scan, not last" moves both)
	if len(named) == 0 || slices.ContainsFunc(named, func(k kind) bool {
		return k.isConversation() || p.find(k) >= 0 || findKind(added.steps, k) < 0 || added.neg.has(k)
	}) {
		return "", false // ("We don't use email codes; the email code shouldn't be first": nothing added)
	}
	what := "the " + named[0].String()
	for _, k := range named[1:] {
		what += " and the " + k.String()
	}
	var checks []*step
	for _, s := range p.steps {
		if !s.k.isConversation() && s.k != kClosing && s.k != kGreeting {
			checks = append(checks, s)
		}
	}
	if len(checks) == 0 {
		return "", false
	}
	if hasAnyRaw(ts, lex.backWord) {
		// (never between a recognition and its liveness check: before the
		// recognition then)
		last := len(checks) - 1
		if last > 0 && checks[last].k == kLiveness && checks[last-1].k == kRecognition {
			last--
		}
		return "put " + what + " before the " + checks[last].k.String(), true
	}
	first := 0
	if len(checks) > 1 && checks[0].k == kRecognition && checks[1].k == kLiveness {
		first = 1
	}
	return "put " + what + " after the " + checks[first].k.String(), true
}

// splitAddedPlace splits off a place ruled out of a step the sentence adds
// ("add an email code, it shouldn't be last", "add an email code but the
// email code can't be last", "add a passport scan and don't make it the first
// step") as a sentence of its own, which placeOfAdded reads. The joins it
// splits at are addedPlaceJoins, the last one in the sentence.
func (p *plan) splitAddedPlace(sentences []string) []string {
	var out []string
	for _, s := range sentences {
		if i, w := lastAddedPlaceJoin(s); i > 0 {
			if head := strings.TrimSpace(s[:i]); head != "" {
				tail := s[i+w:]
				if w == len(" (") && s[i:i+w] == " (" {
					tail = strings.TrimRight(tail, ").! ") // ("add an email code (not last).")
				}
				if _, ok := p.placeOfAdded(tail, tokenize(tail), head); ok {
					out = append(out, head, strings.TrimSpace(tail))
					continue
				}
				placing := dropPlaceRuleLead(tail)
				if _, ok := p.negatedPlace(placing, tokenize(placing)); ok && addsStep(tokenize(head)) {
					// "add an email code, and the SMS code must not be the
					// final step": a place ruled out of a step the flow has,
					// read on its own, never a second SMS code added
					out = append(out, head, strings.TrimSpace(tail))
					continue
				}
			}
		}
		if head, tail, ok := p.splitInnerPlace(s); ok {
			i := strings.Index(head, ", ")
			if i > 0 && strings.HasPrefix(s, head[:i]) {
				if place, ok, gone := p.placeWithout(head[:i], tail, head[i+2:]); gone {
					// ("…, not first, and remove the liveness check": counted
					// from the flow as it is, the place names the step the
					// rest takes away or moves; counted without it, the place
					// holds in the flow the user ends up with)
					switch {
					case !ok:
						out = append(out, s) // (read whole, as before the inner place)
					case newInstruction(head[i+2:]):
						out = append(out, head[:i], place, head[i+2:])
					default:
						out = append(out, head, place)
					}
					if ok {
						p.assumptions = append(p.assumptions, "Read \""+tail+"\" as: "+place+".")
					}
					continue
				}
				if newInstruction(head[i+2:]) {
					// ("add an email code, not last, and remove the ID scan": the
					// removal is an instruction of its own after the place)
					out = append(out, head[:i], tail, head[i+2:])
					continue
				}
			}
			if h, t, ok := p.splitStepSubject(head); ok {
				out = append(out, h, tail, t) // ("…, not last, and the SMS code should have 8 digits")
				continue
			}
			out = append(out, head, tail)
			continue
		}
		if head, tail, ok := p.splitStepSubject(s); ok {
			if keptSubject(tail) {
				// ("add an email code, but the liveness check must not be
				// removed": the clause keeps a step the flow has; read on its
				// own its removal verb took the step out)
				p.assumptions = append(p.assumptions, "Read \""+tail+"\" as keeping that step where it is.")
				out = append(out, head)
				continue
			}
			out = append(out, head, tail)
			continue
		}
		out = append(out, s)
	}
	return out
}

// splitInnerPlace splits off a place ruled out of the step just added that
// sits between commas or dashes rather than at the end ("add an email code,
// not last, with 8 digits", "add an email code - not last, please", "add an
// email code, just not last, and drop the ID scan"): the place is read as a
// sentence of its own after the rest, whose words around it stay one
// instruction. The place is what placeOfAdded reads with the words before it.
func (p *plan) splitInnerPlace(s string) (string, string, bool) {
	var at []int // where each join starts, and its length
	var wid []int
	for i := 0; i < len(s); i++ {
		for _, j := range innerPlaceJoins {
			if strings.HasPrefix(s[i:], j) {
				at, wid = append(at, i), append(wid, len(j))
				i += len(j) - 1
				break
			}
		}
	}
	for n := range at {
		end := len(s)
		if n+1 < len(at) {
			end = at[n+1]
		}
		seg := strings.Fields(strings.ToLower(s[at[n]+wid[n] : end]))
		f := 0
		for f < len(seg) && lex.placeSoftener[strings.Trim(seg[f], ".!;")] {
			f++
		}
		if f >= len(seg) || !lex.placeOut[strings.Trim(seg[f], ".!;")] || end == len(s) && f == 0 {
			continue // (a place at the very end is splitAddedPlace's)
		}
		if !newInstruction(strings.TrimLeft(s[end:], ",;-—– ")) && slices.ContainsFunc(strings.Fields(strings.ToLower(s[end:])), func(w string) bool {
			w = strings.Trim(w, ",.!;:()")
			return lex.placeStated[w] || lex.ordinal[w] > 0 || lex.lastPlace[w]
		}) {
			return "", "", false // ("…, not last, but second": the place stated is the step's; a later instruction's place is its own)
		}
		tail := strings.Join(strings.Fields(s[at[n]+wid[n]:end]), " ")
		if _, ok := p.placeOfAdded(tail, tokenize(tail), s[:at[n]]); !ok {
			continue
		}
		head := strings.TrimSpace(s[:at[n]] + s[end:])
		if rest := strings.Fields(strings.ToLower(s[end:])); len(rest) > 0 && !slices.ContainsFunc(rest, func(w string) bool {
			return !lex.placeSoftener[strings.Trim(w, ",.!;")]
		}) {
			head = strings.TrimSpace(s[:at[n]]) // ("…, not last, please": nothing after but the softener)
		}
		return head, strings.TrimRight(tail, ",;-—– "), true
	}
	return "", "", false
}

// placeWithout reads the place ruled out in tail for the step added, when
// rest (what the sentence says after the add) removes or moves the step the
// place would be counted from ("add an SMS code, not last, and remove the
// email code": not "before the email code", which goes). gone is whether rest
// does; place is then counted from the flow without the steps rest names.
func (p *plan) placeWithout(add, tail, rest string) (place string, ok, gone bool) {
	rts := tokenize(rest)
	if !newInstruction(rest) && !slices.ContainsFunc(rts, func(t token) bool {
		return lex.removeVerb[t.raw] || lex.placeMoveVerb[t.raw] || t.raw == "out"
	}) {
		return "", false, false // (the cheap test first)
	}
	named, tts := analyze(rts, p.steps).steps, tokenize(tail) // (placeOfAdded only reads tts)
	if place, _ := p.placeOfAdded(tail, tts, add); !slices.ContainsFunc(named, func(st *step) bool {
		return strings.HasSuffix(place, " the "+st.k.String())
	}) {
		return "", false, false
	}
	q := *p
	q.steps = slices.DeleteFunc(slices.Clone(p.steps), func(st *step) bool { return findKind(named, st.k) >= 0 })
	place, ok = q.placeOfAdded(tail, tts, add)
	return place, ok, true
}

// keptSubject is whether a clause about a step the flow has (splitStepSubject's
// tail) says the step must not be removed ("the liveness check must not be
// removed", "the SMS code should never be dropped"): a negation after its verb,
// then a verb of removing.
func keptSubject(tail string) bool {
	ts := tokenize(tail)
	v := slices.IndexFunc(ts, func(t token) bool { return lex.stepSubjectVerb[t.raw] })
	if v < 0 {
		return false
	}
	n := slices.IndexFunc(ts[v+1:], func(t token) bool { return t.raw == "not" || t.raw == "never" || negationLemmas[t.w] })
	return n >= 0 && slices.ContainsFunc(ts[v+1+n:], func(t token) bool {
		stem, ok := strings.CutSuffix(t.raw, "ed") // ("dropped", "scrapped", "cut")
		return removal(t) || ok && len(stem) > 2 && (lex.removeVerb[stem] || lex.removeVerb[stem+"e"] || stem[len(stem)-1] == stem[len(stem)-2] && lex.removeVerb[stem[:len(stem)-1]])
	})
}

// newInstruction is whether words open an instruction of their own, after an
// optional lead "and"/"then" ("and remove the ID scan", "then swap 1 and 2").
func newInstruction(words string) bool {
	lw := lowerTrimmed(strings.Fields(words))
	for len(lw) > 0 && lex.instructLead[lw[0]] {
		lw = lw[1:]
	}
	return len(lw) > 0 && (lex.removeVerb[lw[0]] || lex.addWord[lw[0]] || lex.placeMoveVerb[lw[0]] || lex.swapVerb[lw[0]])
}

// splitStepSubject splits off a clause whose subject is a step the flow has,
// joined to a sentence that adds another ("add an email code, and the SMS
// code should come last", "add a selfie but the liveness check stays first"):
// read as the two sentences it is, it places or sets the step the flow has;
// read with the add, its name was a second step added (a second SMS code).
// The clause opens on a determiner and its first verb (stepSubjectVerbs)
// comes right after the one step it names.
func (p *plan) splitStepSubject(s string) (string, string, bool) {
	low := strings.ToLower(s)
	at := -1
	for _, j := range stepSubjectJoins { // (the cheap test first)
		if i := strings.LastIndex(low, j); i > at {
			at = i
		}
	}
	if at <= 0 {
		return "", "", false
	}
	head, tw := strings.TrimSpace(s[:at]), strings.Fields(strings.TrimLeft(s[at:], ", "))
	if len(tw) < 3 || !lex.addedJoin[strings.ToLower(tw[0])] {
		return "", "", false
	}
	if tw = tw[1:]; strings.EqualFold(tw[0], "then") {
		tw = tw[1:] // (", and then the SMS code should …")
	}
	tail := strings.Join(tw, " ")
	ts := tokenize(tail)
	v := slices.IndexFunc(ts, func(t token) bool { return lex.stepSubjectVerb[t.raw] })
	if v < 2 || !ts[0].in(hDeterminer) {
		return "", "", false
	}
	if slices.ContainsFunc(ts[v+1:], func(t token) bool { return lex.stepSubjectKeep[t.raw] }) {
		return "", "", false // ("… and the liveness check should run again", "… and the SMS code is the fallback")
	}
	named := analyze(ts[:v], p.steps).steps
	if len(named) != 1 || named[0].k.isConversation() || p.find(named[0].k) < 0 {
		return "", "", false
	}
	hts := tokenize(head)
	if !addsStep(hts) || findKind(analyze(hts, p.steps).steps, named[0].k) >= 0 {
		return "", "", false // ("add an SMS code, and the SMS code should be first": the one added)
	}
	return head, tail, true
}

// untoldCase: a change that leaves a step out in a case of the user's
// that a flow without a recognition cannot tell ("If the user is a returning
// customer, no OTP", "skip the liveness check for returning customers", "if
// they're a new user, don't send the code"): the case's words; "" otherwise.
// Read as a removal, it left the step out for everyone. The case is the words
// from its lead (untoldCaseLeadWords) to the next comma or
// stop; it names no step and no outcome of one ("if it fails" is a branch).
//
// On a flow with a recognition, the flow tells those users apart; the one
// step it keeps whatever the case is the liveness check FaceSign runs after
// every recognition: live is true when the liveness check alone is left out
// (the caller keeps it and says so), and the case is "" otherwise (the
// branch reading applies). The int is the index of the word that joins the
// case to another change ("… for returning customers and add an email
// code"), which the caller reads as a sentence of its own; -1 when none.
func (p *plan) untoldCase(ts []token) (string, bool, int) {
	at := slices.IndexFunc(ts, func(t token) bool { return t.in(hCondKnown) || t.in(hCondNew) }) // (the cheap test first)
	if at < 0 || !hasAnyRaw(ts, lex.removeVerb) && !slices.Contains(negations(ts), true) {
		return "", false, -1
	}
	rec := p.find(kRecognition) >= 0
	lead := at
	for lead >= 0 && !lex.untoldCaseLead[ts[lead].raw] {
		if ts[lead].w == "," || ts[lead].w == "." {
			return "", false, -1
		}
		lead--
	}
	if lead < 0 {
		return "", false, -1
	}
	if c := lead; lead > 0 {
		// ("don't send the code to new users": the case closes the clause
		// that leaves the step out; "remove the SMS code, it goes to new
		// users too" leaves it out for everyone)
		for c > 0 && ts[c-1].w != "," && ts[c-1].w != ";" {
			c--
		}
		if !hasAnyRaw(ts[c:lead], lex.removeVerb) && !slices.Contains(negations(ts[c:lead]), true) {
			return "", false, -1
		}
	}
	end, more := at, -1
	for end < len(ts) && ts[end].w != "," && ts[end].w != "." && ts[end].w != ";" {
		if lex.resetList[ts[end].raw] && end+1 < len(ts) && len(analyze(ts[end+1:], p.steps).steps) > 0 {
			// ("skip the liveness check for returning customers and add an
			// email code": the case ends where another change begins, which
			// is read on its own, rvC19 #3)
			more = end + 1
			break
		}
		end++
	}
	span, rest := ts[lead:end], slices.Concat(ts[:lead], ts[end:])
	if more >= 0 {
		rest = ts[:lead]
	}
	if slices.ContainsFunc(span, func(t token) bool { return lex.failWord[t.raw] || lex.passVerdict[t.raw] }) ||
		slices.ContainsFunc(analyze(span, p.steps).steps, func(s *step) bool { return !rec || s.k != kRecognition }) {
		return "", false, -1 // (with a recognition, "returning customers" names its outcome, not a step)
	}
	a, held := analyze(rest, p.steps), false // (a step left out is one of a.neg's kinds)
	var out []kind
	for k := kind(0); k < 64; k++ {
		if a.neg&(1<<k) != 0 && !k.isConversation() && findKind(p.steps, k) >= 0 {
			held, out = true, append(out, k)
		}
	}
	for _, s := range a.steps {
		if !s.k.isConversation() && findKind(p.steps, s.k) >= 0 && !slices.Contains(out, s.k) {
			out = append(out, s.k)
		}
	}
	if !held && len(out) == 0 {
		return "", false, -1
	}
	// (the liveness check alone: any other step named, in the flow or on a
	// branch of it, is the branch reading's)
	live := rec && len(out) == 1 && out[0] == kLiveness && a.neg&^(1<<kLiveness|1<<kRecognition) == 0 &&
		!slices.ContainsFunc(a.steps, func(s *step) bool { return !s.k.isConversation() && s.k != kLiveness && s.k != kRecognition })
	if rec && !live {
		return "", false, -1
	}
	join := -1
	if more >= 0 {
		join = more - 1
	}
	return clauseText(span), live, join
}

// boundGroup is the words of a group a bound's removal is scoped to ("for VIP
// users", "if the user is a returning customer", "when they are abroad"): a
// scope word (boundScopeTable, true) whose words up to the next comma or stop name
// no step ("for the SMS code" names the step the bound is on). "" when none.
func (p *plan) boundGroup(sentence string) string {
	ts := tokenize(sentence)
	for i, t := range ts {
		if !boundScopeTable[t.raw] {
			continue
		}
		end := i + 1
		for end < len(ts) && ts[end].w != "," && ts[end].w != "." {
			end++
		}
		if span := ts[i+1 : end]; len(span) > 0 && len(analyze(span, p.steps).steps) == 0 {
			return clauseText(ts[i:end])
		}
	}
	return ""
}

// clearBounds takes off the bounds a removal names on a step ("remove the
// attempt cap on the SMS code", "drop the email code and the SMS code's
// expiry"): an item of the removal's list that opens on a determiner and
// names a bound (boundWordTable, bwItem), not a new value for it ("to 5"), clears that setting of the
// one step it names, which stays. rest is the removal of the other items, ""
// when none is left. ok is false when no item names a bound; an item whose
// step is not clear is said back, and nothing is removed for it.
func (p *plan) clearBounds(sentence string) (done []string, rest string, ok bool, err error) {
	words := strings.Fields(sentence)
	lw := lowerTrimmed(words)
	if !slices.ContainsFunc(lw, func(w string) bool { return lex.boundNoun[w] }) { // (the cheap test first)
		return nil, "", false, nil
	}
	verb := slices.IndexFunc(lw, func(w string) bool { return lex.removeVerb[w] })
	if t := slices.IndexFunc(lw, func(w string) bool { return lex.takeVerb[w] }); t >= 0 && (verb < 0 || t < verb) && slices.ContainsFunc(lw[t:], func(w string) bool { return lex.takeParticle[w] }) {
		verb = t // ("take off the attempt cap on …", "take the cap off the SMS code")
	}
	if verb < 0 || slices.ContainsFunc(lw[:verb], keepsBound) {
		if verb >= 0 {
			// "Don't remove the SMS code, only its cap", "don't remove the
			// cap on …": what must stay is said, which no removal reads
			// safely (the step named after "don't remove" was removed)
			return nil, "", true, fmt.Errorf("flowbuild: %q says what not to remove; say what to remove, e.g. \"remove the attempt limit on the SMS code\"", strings.TrimSpace(sentence))
		}
		return nil, "", false, nil
	}
	if scope := p.boundGroup(sentence); scope != "" {
		// "remove the cap on the SMS code for VIP users", "if the user is a
		// returning customer, remove the cap …": a bound lifted for some
		// users only, which a step's setting can't say; lifted for everyone it
		// would loosen the step for all (rvY18 S5)
		return nil, "", true, fmt.Errorf("flowbuild: %q takes a limit off %s only, and a step's limit applies to every user: the flow can't tell them apart, so that exception belongs to the app; say e.g. \"remove the attempt limit on the SMS code\" to change it for everyone", strings.TrimSpace(sentence), scope)
	}
	// the items of the list after the verb, cut at "and" and commas
	var items [][2]int
	from := verb + 1
	for from < len(lw) && (lw[from] == "of" || lw[from] == "out" || lw[from] == "off") {
		from++ // ("get rid of the cap on …", "rip out the limit on …")
	}
	verbEnd := from
	for i := from; i < len(words); i++ {
		end := i + 1
		if lw[i] == "and" || lw[i] == "&" || lw[i] == "plus" {
			end = i
		} else if !strings.HasSuffix(words[i], ",") && i+1 < len(words) {
			continue
		}
		if end > from {
			items = append(items, [2]int{from, end})
		}
		from = i + 1
	}
	var kept []string
	firstBound, timeBound, lost := -1, false, ""
	var lastOn []*step // the steps of the last bound taken off
	for n, it := range items {
		for it[0] < it[1] && lex.boundItemLead[lw[it[0]]] {
			it[0]++ // ("and also the SMS code's cap", ", but not on the email code")
		}
		if it[0] == it[1] {
			continue
		}
		iw := lw[it[0]:it[1]]
		text := strings.TrimRight(strings.Join(words[it[0]:it[1]], " "), ",.")
		bound := slices.IndexFunc(iw, func(w string) bool { return lex.boundNoun[w] })
		if firstBound >= 0 && (bound < 0 || !lex.boundOpen[iw[0]]) {
			// after a bound taken off, an item is the same bound on another
			// step ("the time limit on the email code and the SMS code") or a
			// remark ("…, the SMS code is enough", "…, not the email code"):
			// never a step to remove
			if on := p.boundSteps(iw, words[it[0]:it[1]]); on != nil && bareStepRef(iw) {
				done = append(done, p.clearBound(on, timeBound)...)
				continue
			}
			if bound == 0 && len(iw) == 1 && lastOn != nil {
				// "the SMS code's limit and expiry": the same step's other bound
				done = append(done, p.clearBound(lastOn, boundWordTable[iw[0]]&bwTime != 0)...)
				continue
			}
			p.assumptions = append(p.assumptions, "Read \""+text+"\" as a remark about the change; removed nothing for it.")
			continue
		}
		if bound < 0 || !lex.boundOpen[iw[0]] || slices.ContainsFunc(iw[bound:], func(w string) bool { return w == "at" || w == "to" }) {
			// ("…, and the cap on the email code to 5": a new bound, not one taken off)
			kept = append(kept, strings.Join(words[it[0]:it[1]], " "))
			continue
		}
		if slices.ContainsFunc(iw[:bound], func(w string) bool { return lex.boundWith[w] }) {
			// "the email code with its expiry" names the step to remove
			kept = append(kept, strings.Join(words[it[0]:it[1]], " "))
			continue
		}
		ok = true
		if firstBound < 0 {
			firstBound = n
		}
		timeBound = slices.ContainsFunc(iw, func(w string) bool { return boundWordTable[w]&bwTime != 0 })
		// the step whose bound it is: named after the bound ("the cap on the
		// SMS code") or before it as its owner ("the SMS code's cap", "the
		// SMS attempt limit", "the ID scan time limit")
		on := p.boundSteps(iw, words[it[0]:it[1]])
		if on == nil {
			what := "attempt limit"
			if timeBound {
				what = "expiry"
			}
			if lost == "" {
				lost = text
			}
			p.assumptions = append(p.assumptions, "Did not remove anything for \""+text+"\": it names a setting, not a step, and not one step of the flow it belongs to; say e.g. \"remove the "+what+" on the SMS code\".")
			continue
		}
		done = append(done, p.clearBound(on, timeBound)...)
		lastOn = on
	}
	if ok && len(done) == 0 && len(kept) == 0 && lost != "" {
		// ("Remove the cap, the SMS code is enough": no step named for the
		// bound, and the remark removes nothing)
		what := "attempt limit"
		if timeBound {
			what = "expiry"
		}
		return nil, "", true, fmt.Errorf("flowbuild: %q names a setting, not a step, and not which step's; say e.g. \"remove the %s on the SMS code\"", lost, what)
	}
	if !ok {
		return nil, "", false, nil
	}
	if len(kept) > 0 {
		rest = strings.Join(slices.Concat(words[:verbEnd], []string{strings.Join(kept, " and ")}), " ")
		rest = strings.TrimRight(rest, ",")
	}
	if len(done) == 0 && rest == "" {
		done = []string{"left the flow as it is"}
	}
	return done, rest, true, nil
}

// FaceSign's defaults for a one-time code's bounds (the contract:
// two_factor_* expirySeconds 300, maxAttempts 3): a bound taken off leaves
// these, never no bound at all.
const (
	codeDefaultAttempts = 3
	codeDefaultExpiry   = 300
)

// boundSteps are the steps of the flow a bound's item names (iw lowercased,
// ws as written): "the cap on the SMS code", "the SMS code's cap", "the
// caps on both codes". nil when it names none, or a code where the flow has
// two and the item does not say both.
func (p *plan) boundSteps(iw, ws []string) []*step {
	var on []*step
	both := slices.ContainsFunc(iw, func(w string) bool { return lex.boundAll[strings.Trim(w, ",.;:")] })
	for _, s := range analyze(tokenize(strings.Join(ws, " ")), p.steps).steps {
		if s.k.isConversation() {
			continue
		}
		for _, o := range p.steps {
			if (o.k == s.k || s.k == kOTP && isCodeKind(o.k)) && !slices.Contains(on, o) {
				on = append(on, o)
			}
		}
	}
	if len(on) > 1 && !both && !slices.ContainsFunc(on, func(o *step) bool { return o.k == kOTP }) {
		// ("the cap on the code" with two codes in the flow: which one)
		kinds := map[kind]bool{}
		for _, s := range analyze(tokenize(strings.Join(ws, " ")), p.steps).steps {
			kinds[s.k] = true
		}
		if kinds[kOTP] {
			return nil
		}
	}
	return on
}

// bareStepRef: the item is only a step's name ("the SMS code", "on the email
// code", "email codes"), no word of a clause of its own.
func bareStepRef(iw []string) bool {
	for _, w := range iw {
		w = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(w, ",.;:!?"), "'s"), "’s")
		if w == "" || lex.determiner[w] || lex.boundStepFiller[w] || len(analyze(tokenize(w), nil).steps) > 0 {
			continue
		}
		return false
	}
	return true
}

// clearBound takes the attempt limit (or, timeBound, the expiry) off each
// step and says what applies now: FaceSign has no unlimited attempts and no
// code that never expires, so its default applies, which the summary says
// plainly (it is tighter than a limit above it).
func (p *plan) clearBound(on []*step, timeBound bool) []string {
	var done []string
	for _, o := range on {
		if !isCodeKind(o.k) {
			what := "attempt limit"
			if timeBound {
				what = "expiry"
			}
			p.assumptions = append(p.assumptions, "The "+o.k.String()+" has no "+what+" to remove; it stays as it was.")
			continue
		}
		had := 0
		if timeBound {
			had = o.expiry
			if had == 0 && o.node != nil && o.node.ExpirySeconds != nil {
				had = *o.node.ExpirySeconds
			}
			o.expiry = 0
			if o.node != nil {
				o.node.ExpirySeconds = nil
			}
		} else {
			had = o.attempts
			if had == 0 && o.node != nil && o.node.MaxAttempts != nil {
				had = *o.node.MaxAttempts
			}
			o.attempts = 0
			if o.node != nil {
				o.node.MaxAttempts = nil
			}
		}
		switch {
		case had == 0 && timeBound:
			p.assumptions = append(p.assumptions, "The "+o.k.String()+" had no expiry of its own to remove; FaceSign's default of "+durationWords(codeDefaultExpiry)+" applies, and it has no code that never expires.")
		case had == 0:
			p.assumptions = append(p.assumptions, fmt.Sprintf("The %s had no attempt limit of its own to remove; FaceSign's default of %d attempts applies, and it has no unlimited attempts.", o.k, codeDefaultAttempts))
		case timeBound && had == codeDefaultExpiry:
			done = append(done, "removed the expiry of "+durationWords(had)+" on the "+o.k.String()+", which is FaceSign's default and still applies (FaceSign has no code that never expires)")
		case timeBound:
			done = append(done, "removed the expiry of "+durationWords(had)+" on the "+o.k.String()+", so FaceSign's default of "+durationWords(codeDefaultExpiry)+" applies (FaceSign has no code that never expires)")
			if had > codeDefaultExpiry {
				p.assumptions = append(p.assumptions, "The "+o.k.String()+" now expires after "+durationWords(codeDefaultExpiry)+", FaceSign's default, sooner than the "+durationWords(had)+" it had: FaceSign has no code that never expires; say e.g. \"make the "+o.k.String()+" expire after 15 minutes\" for longer.")
			}
		case had == codeDefaultAttempts:
			done = append(done, fmt.Sprintf("removed the limit of %d attempts on the %s, which is FaceSign's default and still applies (FaceSign has no unlimited attempts)", had, o.k))
		default:
			done = append(done, fmt.Sprintf("removed the limit of %d attempts on the %s, so FaceSign's default of %d attempts applies (FaceSign has no unlimited attempts)", had, o.k, codeDefaultAttempts))
			if had > codeDefaultAttempts {
				p.assumptions = append(p.assumptions, fmt.Sprintf("The %s now allows %d attempts, FaceSign's default, fewer than the %d it had: FaceSign has no unlimited attempts; say e.g. \"allow 10 attempts on the %s\" for more.", o.k, codeDefaultAttempts, had, o.k))
			}
		}
	}
	return done
}

// durationWords says seconds as a user would: "10 minutes", "90 seconds".
func durationWords(sec int) string {
	switch {
	case sec%60 == 0 && sec == 60:
		return "1 minute"
	case sec%60 == 0:
		return strconv.Itoa(sec/60) + " minutes"
	}
	return strconv.Itoa(sec) + " seconds"
}

// negatedBound writes a bound ruled out ("no cap on the SMS code", "don't
// cap the SMS attempts", "never limit the email code's tries") as that bound
// taken off ("remove the cap on the SMS code"), which clearBounds reads: the
// step stays and the default that applies is said. Read as a step ruled out,
// it removed the code. Any other sentence comes back as it is.
func negatedBound(sentence string) string {
	words := strings.Fields(sentence)
	lw := lowerTrimmed(words)
	i := 0
	for i < len(lw) && i < 3 && (lex.negAux[strings.Map(dropApostrophe, lw[i])] || lw[i] == "no" || lw[i] == "not" || lw[i] == "never" || lw[i] == "do" || lw[i] == "please") {
		i++
	}
	if i == 0 || i >= len(lw)-1 || !(lex.boundNoun[lw[i]] || lex.boundVerb[lw[i]]) || slices.ContainsFunc(lw, func(w string) bool { return lex.removeVerb[w] || w == "to" || w == "at" }) {
		// ("don't limit the ID scan to passports": what it accepts, no bound)
		return sentence
	}
	noun := lw[i]
	if lex.boundVerb[noun] {
		noun = "limit"
	}
	rest := words[i+1:]
	if r := strings.ToLower(rest[0]); r == "on" || r == "for" || r == "of" || r == "to" {
		rest = rest[1:]
	}
	return "remove the " + noun + " on " + strings.Join(rest, " ")
}

// subjectlessPlaces reads a sentence that rules out a place relative to a
// step and names no step of its own ("Not before liveness.", "Never send it
// before the ID scan."): after a sentence that adds a step it is that step's
// place, joined to it ("Add an email code. Not before liveness." reads "Add
// an email code, not before liveness"); with no step added it names no step
// to place and is refused. Read alone it took the step after "before" as the
// one ruled out and removed it. A negated place followed by ", it should …"
// ("Never put the SMS code last, it should be first") is split as at a
// semicolon, so the comma does not turn the place into a removal.
func (p *plan) subjectlessPlaces(sentences []string) ([]string, error) {
	out := make([]string, 0, len(sentences))
	for _, s := range sentences {
		if words := strings.Fields(s); slices.ContainsFunc(words, func(w string) bool { return lex.fallbackNoun[strings.ToLower(strings.Trim(w, ",.;:!?()"))] }) {
			// "add an email code, not as a fallback": the role ruled out
			// says the step is one of its own on the main line; read as a
			// fallback's condition it made the code a fallback of the SMS code
			lw := lowerTrimmed(words)
			for i := 0; i+1 < len(lw); i++ {
				if !lex.placeOut[lw[i]] && !lex.negAux[strings.Map(dropApostrophe, lw[i])] {
					continue
				}
				j := i + 1
				for j < len(lw) && j <= i+3 && (lw[j] == "as" || lw[j] == "for" || lex.determiner[lw[j]]) {
					j++
				}
				if j < len(lw) && j > i+1 && lex.fallbackNoun[lw[j]] && i > 0 {
					p.assumptions = append(p.assumptions, "Read \""+strings.Join(words[i:j+1], " ")+"\" as a step of its own on the main line: a failed step before it still ends the session.")
					s = strings.TrimRight(strings.Join(slices.Concat(words[:i], words[j+1:]), " "), " ,;")
					break
				}
			}
		}
		lw := lowerTrimmed(strings.Fields(dropPlaceRuleLead(s)))
		if n := slices.IndexFunc(lw, func(w string) bool { return lex.swapVerb[w] }); n > 0 && n <= 2 && slices.ContainsFunc(lw[:n], func(w string) bool { return lex.placeOut[w] || lex.negAux[strings.Map(dropApostrophe, w)] }) {
			// "don't swap 1 and 2", "never swap steps 1 and 2": a swap ruled
			// out changes nothing (it swapped them)
			if len(sentences) == 1 {
				return nil, fmt.Errorf("flowbuild: %q says what not to swap, so nothing changes; say e.g. \"swap the ID scan and the SMS code\" for a swap", strings.TrimSpace(s))
			}
			p.assumptions = append(p.assumptions, "Read \""+strings.TrimSpace(s)+"\" as leaving those steps where they are.")
			continue
		}
		if len(lw) > 0 && lex.swapVerb[lw[0]] {
			// "swap 1 and 2, then ask for their employer first": two
			// instructions, the swap and what follows, each read on its own
			// (read as one, the liveness check was removed)
			words := strings.Fields(s)
			// ("swap the two codes, email first then SMS" is one: the order
			// the swap makes, no instruction after "then")
			if k := slices.Index(lw, "then"); k > 2 && k < len(lw)-1 && (lex.addWord[lw[k+1]] || lex.removeVerb[lw[k+1]] || lex.placeMoveVerb[lw[k+1]] || lex.swapVerb[lw[k+1]] || lw[k+1] == "ask") {
				out = append(out, strings.TrimRight(strings.Join(words[:k], " "), ","), strings.Join(words[k+1:], " "))
				continue
			}
		}
		if len(lw) > 1 && (lex.placeOut[lw[0]] || lex.negAux[strings.Map(dropApostrophe, lw[0])]) {
			if at := slices.IndexFunc(lw, func(w string) bool { return w == "before" || w == "after" }); at > 0 && at <= 3 &&
				!slices.ContainsFunc(lw[:at], func(w string) bool { return lex.removeVerb[w] }) &&
				p.namedKinds(tokenize(strings.Join(lw[:at], " "))) == 0 {
				if len(out) > 0 && addsStep(tokenize(out[len(out)-1])) {
					prev := strings.TrimRight(out[len(out)-1], " .!")
					out[len(out)-1] = prev + ", " + strings.TrimRight(dropPlaceRuleLead(s), " .!")
					continue
				}
				return nil, fmt.Errorf("flowbuild: %q says where a step must not go, not which step or where it goes; say e.g. \"put the SMS code after the liveness check\"", strings.TrimSpace(s))
			}
		}
		if i := strings.LastIndex(s, ", "); i > 0 && len(lw) > 1 {
			tail := strings.Fields(strings.ToLower(s[i+2:]))
			if len(tail) > 1 && lex.touchedRef[tail[0]] && lex.placeThenModal[tail[1]] {
				placing := dropPlaceRuleLead(s[:i])
				if _, ok := p.negatedPlace(placing, tokenize(placing)); ok {
					out = append(out, s[:i], s[i+2:])
					continue
				}
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// dropPlaceRuleLead drops the discourse words that open a sentence
// (placeRuleLeadWords, a comma after them), so that "Also, the SMS code must
// not be the final step" is read as the place it rules out. A sentence with
// no such lead comes back as it is.
func dropPlaceRuleLead(sentence string) string {
	rest := strings.TrimSpace(sentence)
	for range 2 { // ("oh and, …")
		w, after, _ := strings.Cut(rest, " ")
		if !lex.placeRuleLead[strings.ToLower(strings.TrimRight(w, ",:"))] || after == "" {
			break
		}
		rest = strings.TrimLeft(after, " ,")
	}
	return rest
}

// lastAddedPlaceJoin is where the last of addedPlaceJoins (", ", " but ", " and
// ") is in s, and its length; -1 for none. A word of negation must follow it
// (a cheap test before placeOfAdded reads the clause).
func lastAddedPlaceJoin(s string) (int, int) {
	at, w := -1, 0
	for _, j := range addedPlaceJoins {
		if i := strings.LastIndex(s, j); i > at {
			at, w = i, len(j)
		}
	}
	if at > 0 && !slices.ContainsFunc(strings.Fields(strings.ToLower(s[at+w:])), func(f string) bool {
		return lex.negAux[bareWord(f)] || lex.placeOut[f] || strings.HasSuffix(f, "n't") || strings.HasSuffix(f, "n’t")
	}) {
		return -1, 0
	}
	return at, w
}

// negatedOrder turns an order ruled out into the move it asks for: "don't do
// the SMS code before the liveness check", "the SMS code shouldn't come before
// the liveness check", "never send the code after the scan" read as "move the
// SMS code after the liveness check" (or before, for a ruled-out "after"). The
// negation is of the order, not of either step: both stay. Only a clause that
// names one step of the flow on each side of "before"/"after", with at most a
// verb of placing or of happening between the negation and them, is turned
// ("don't remove the SMS code before …" is no order).
func (p *plan) negatedOrder(sentence string) string {
	words := strings.Fields(sentence)
	for b := 1; b+1 < len(words); b++ {
		bw := bareWord(words[b])
		if bw != "before" && bw != "after" || strings.ContainsAny(words[b-1], ",;:.!?") {
			continue
		}
		start := b // the clause: back to its start, on to its end
		for start > 0 && !strings.ContainsAny(words[start-1], ",;:.!?") && !lex.clauseJoin[bareWord(words[start-1])] {
			start--
		}
		end := b + 1
		for end < len(words) && !strings.ContainsAny(words[end-1], ",;:.!?") {
			end++
		}
		neg := slices.IndexFunc(words[start:b], func(w string) bool {
			w = bareWord(w)
			return lex.negAux[w] || w == "not"
		})
		if neg < 0 {
			continue
		}
		neg += start
		subject := words[start:neg] // "the SMS code shouldn't …", "the SMS code must not …"
		if len(subject) > 0 && bareWord(words[neg]) == "not" && (lex.copulaModal[bareWord(subject[len(subject)-1])] || lex.subjectAux[bareWord(subject[len(subject)-1])] || bareWord(subject[len(subject)-1]) == "can") {
			subject = subject[:len(subject)-1]
		}
		if len(analyze(tokenize(strings.Join(subject, " ")), nil).steps) == 0 {
			// "do not do the SMS code before …", "please never run …", "we
			// should never send …": no step is the subject, the order is asked
			// of the one after the verb
			subject = nil
		}
		at := neg + 1
		if at < b && bareWord(words[at]) == "ever" {
			at++
		}
		if at < b && (lex.placeVerb[bareWord(words[at])] || lex.orderVerb[bareWord(words[at])]) {
			at++
		}
		moved := words[at:b] // "don't do the SMS code before …"
		if len(subject) > 0 {
			if at != b {
				continue // "the SMS code shouldn't replace the email code before …"
			}
			moved = subject
		}
		o := analyze(tokenize(strings.Join(words[b+1:end], " ")), nil).steps // the steps after "before"/"after"
		if len(moved) == 0 && len(subject) == 0 && start > 0 && len(o) == 1 && p.find(o[0].k) >= 0 && end == len(words) && !placeSaid(words[:start]) && len(analyze(tokenize(strings.Join(words[:start], " ")), nil).steps) > 0 {
			// "send an SMS code too, but not before the liveness check": the
			// step the sentence adds goes on the other side of the step named,
			// which stays
			lead := words[:start]
			for len(lead) > 0 && lex.clauseJoin[bareWord(lead[len(lead)-1])] {
				lead = lead[:len(lead)-1]
			}
			side := "after"
			if bw == "after" {
				side = "before"
			}
			return strings.TrimRight(strings.Join(lead, " "), " ,;:") + " " + side + " " + strings.Join(words[b+1:end], " ")
		}
		if len(moved) == 1 && len(subject) == 0 && lex.backRef[bareWord(moved[0])] && start > 0 {
			// "put a passport scan at the end, but don't run it before the
			// liveness check": the step the sentence adds must not go before
			// a step of the flow; the place said is kept, and the words ruling
			// one out are no removal of that step (nor a place for the new one)
			if len(o) == 1 && p.find(o[0].k) >= 0 && end == len(words) {
				lead := words[:start]
				for len(lead) > 0 && lex.clauseJoin[bareWord(lead[len(lead)-1])] {
					lead = lead[:len(lead)-1]
				}
				p.assumptions = append(p.assumptions, "Read \""+strings.Trim(strings.Join(words[start:end], " "), " ,.;:!?")+"\" as a place the new step must not take, not a removal of the "+o[0].k.String()+": the step goes where the rest of the sentence puts it; check that this is not "+bw+" the "+o[0].k.String()+".")
				return strings.TrimRight(strings.Join(lead, " "), " ,;:")
			}
		}
		if len(moved) == 0 || !lex.determiner[bareWord(moved[0])] && len(analyze(tokenize(moved[0]), nil).steps) == 0 {
			continue // "don't remove the SMS code before …": another verb, no order
		}
		a := analyze(tokenize(strings.Join(moved, " ")), nil).steps
		if slices.ContainsFunc(words[b+1:end], func(w string) bool { return lex.failWord[bareWord(w)] }) {
			// "don't do the ID scan after a failed liveness check", "… after
			// the SMS code fails": what a failure leads to, which no move of
			// the main path says; a step that follows the other's failure in
			// the flow is a fallback, for the rules that read failures, and
			// one that does not is already kept from it (a failed check ends
			// the session), so both steps stay as they are, and we say so
			if len(a) == 1 && len(o) == 1 && a[0].k != o[0].k && p.find(a[0].k) >= 0 && p.find(o[0].k) >= 0 && findKind(p.steps[p.find(o[0].k)].fallback, a[0].k) < 0 && end == len(words) {
				p.assumptions = append(p.assumptions, "Read \""+strings.Trim(strings.Join(words[start:end], " "), " ,.;:!?")+"\" as about what a failed "+o[0].k.String()+" leads to: the flow sends no one from it to the "+a[0].k.String()+" (a failed check ends the session), so nothing changed; say what should happen instead if you meant something else.")
				return strings.Join(slices.Concat(words[:start], []string{"keep", "the"}, moved, []string{"and", "the", o[0].k.String()}, words[end:]), " ")
			}
			continue
		}
		if slices.ContainsFunc(words[b+1:end], func(w string) bool { return lex.orderQual[bareWord(w)] }) {
			// "… after the SMS code for EU users", "… unless they're
			// returning": an order for some, not a move for everyone
			continue
		}
		if len(a) != 1 || len(o) != 1 || a[0].k == o[0].k || p.find(a[0].k) < 0 || p.find(o[0].k) < 0 {
			// (both steps in the flow: an order of steps it does not have
			// is left to the rules that read it as it stands)
			continue
		}
		side := "after"
		if bw == "after" {
			side = "before"
		}
		out := slices.Concat(words[:start], []string{"move"}, moved, []string{side}, words[b+1:])
		return strings.Join(out, " ")
	}
	return sentence
}

// placeSaid: the words say where a step goes ("at the start", "last", "after
// the scan"), so an order ruled out after them is no place of its own.
func placeSaid(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool {
		w = bareWord(w)
		return lex.frontWord[w] || lex.backWord[w] || lex.orderPrep[w]
	})
}

// dropMissedNote drops a sentence that only says a step is missing ("you left
// off the ID check", "you forgot the email code") when a later sentence of
// the change asks for that step itself, with its place ("scan their national
// identity card first, …"): the note says why, the later sentence what; read
// as two additions it would add the step twice, once at the end. A note with
// no later sentence for its step stays, and asks for the step.
func (p *plan) dropMissedNote(sentences []string) []string {
	if len(sentences) < 2 {
		return sentences
	}
	for i := 0; i+1 < len(sentences); i++ {
		ws := strings.Fields(strings.ToLower(sentences[i]))
		k := 0
		for k < len(ws) && k < 4 && lex.readBackOpen[strings.Trim(ws[k], ",;:.!")] {
			k++
		}
		if k+1 >= len(ws) || !lex.readBackSubject[strings.Trim(ws[k], ",;:.!")] {
			continue
		}
		v := k + 1
		if v+1 < len(ws) && (ws[v] == "have" || ws[v] == "had") {
			v++
		}
		if !lex.missedVerb[strings.Trim(ws[v], ",;:.!")] {
			continue
		}
		missing := analyze(tokenize(strings.Join(ws[v+1:], " ")), p.steps).steps
		if len(missing) == 0 {
			continue
		}
		var later []*step
		for _, x := range sentences[i+1:] {
			later = append(later, analyze(tokenize(x), p.steps).steps...)
		}
		if !slices.ContainsFunc(missing, func(m *step) bool { return findKind(later, m.k) < 0 }) {
			p.assumptions = append(p.assumptions, "Read \""+sentences[i]+"\" as why the change is asked; the sentence after it says what to add and where.")
			sentences = slices.Delete(slices.Clone(sentences), i, i+1)
			i--
		}
	}
	return sentences
}

// dropApprovalExcept drops a verdict that approves the flow up to the
// exception it makes ("that's right except it has to accept either a
// passport or a national ID card", "looks good apart from the code, make it
// SMS", "perfect, but …"): the exception is the change. Read whole, its
// "except" would rule out the steps the change speaks of and remove them.
func dropApprovalExcept(sentence string) string {
	ws := strings.Fields(sentence)
	approved := false
	for i := 0; i < len(ws) && i < 6; i++ {
		w := bareWord(ws[i])
		if approved && i+1 < len(ws) {
			best := -1 // the longest phrase ("except for", not "except")
			for _, rest := range lex.exceptPhrase[w] {
				if n := len(rest); n > best && i+n+1 < len(ws) && slices.Equal(rest, lowerBare(ws[i+1:i+1+n])) {
					best = n
				}
			}
			if best >= 0 {
				rest := ws[i+1+best:]
				// "looks good apart from the SMS code, make it email": the
				// exception is the step "it" (or "that") stands for
				if o := slices.IndexFunc(rest, func(w string) bool { return strings.ContainsAny(w[len(w)-1:], ",;:") }); o >= 0 && o < 5 && o+2 < len(rest) && startsEdit(rest[o+1]) {
					obj := strings.TrimRight(strings.Join(rest[:o+1], " "), ",;:")
					tail := rest[o+1:]
					for j, w := range tail {
						if b := bareWord(w); b == "it" || b == "that" {
							tail = slices.Clone(tail)
							tail[j] = obj + strings.TrimLeft(w, "ahitAHIT")
							return strings.Join(tail, " ")
						}
					}
				}
				return strings.Join(rest, " ")
			}
			if w == "but" {
				return strings.Join(ws[i+1:], " ")
			}
		}
		switch {
		case lex.praise[w] || lex.approveWord[w]:
			approved = true
		case lex.agreeLead[w] || lex.readBackOpen[w] || lex.approveFill[w]:
		default:
			return sentence
		}
	}
	return sentence
}

// lowerTrimmed is the words lower-cased, with the punctuation around them
// trimmed (apostrophes kept, unlike lowerBare).
func lowerTrimmed(words []string) []string {
	lw := make([]string, len(words))
	for i, w := range words {
		lw[i] = strings.ToLower(strings.Trim(w, ",;:.!?()"))
	}
	return lw
}

// listedSteps are the flow's steps as it and its summary list them: its
// checks and the questions the user asked for, in order.
func (p *plan) listedSteps() []*step {
	var listed []*step
	for _, s := range p.steps {
		if !s.k.isConversation() || s.k == kAsk && !s.auto {
			listed = append(listed, s)
		}
	}
	return listed
}

// asksAmongChecks: a question the user asked for sits before a check, so that
// counting the steps as the flow lists them (listedSteps) and counting its
// checks (checkSteps) part.
func (p *plan) asksAmongChecks() bool {
	ask := false
	for _, s := range p.steps {
		if s.k == kAsk && !s.auto {
			ask = true
		} else if ask && !s.k.isConversation() {
			return true
		}
	}
	return false
}

// checkSteps are the flow's checks, its conversations left out.
func (p *plan) checkSteps() []*step {
	var checks []*step
	for _, s := range p.steps {
		if !s.k.isConversation() {
			checks = append(checks, s)
		}
	}
	return checks
}

// lowerBare is the words as bareWord reads them.
func lowerBare(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = bareWord(w)
	}
	return out
}

// restatesChange: the words are only a verb of change on "it" ("switch it",
// "so change it over", "replace it with that"), said after the change they
// confirm: one thing, or one pointed back at, is no pair to exchange and
// nothing new to put in.
func restatesChange(part string) bool {
	ws := strings.Fields(strings.ToLower(part))
	if len(ws) < 2 || len(ws) > 7 {
		return false
	}
	verb, it := false, false
	for i, w := range ws {
		w = strings.Trim(w, ",;:.!")
		switch {
		case !verb && (lex.swapVerb[w] || lex.correctVerb[w] || lex.replaceWord[w]):
			verb = true
		case verb && w == "it":
			it = true
		case it && lex.swapTarget[w] && i+1 < len(ws) && lex.touchedRef[strings.Trim(ws[i+1], ",;:.!")]:
			// "replace it with that": what the sentence before named
		case it && lex.touchedRef[w] && i > 0 && lex.swapTarget[strings.Trim(ws[i-1], ",;:.!")]:
		case lex.restateFill[w]:
		default:
			return false
		}
	}
	return it
}

// contrastNot reads a "not" right after a step's name as a contrast, the
// step wanted then the one it replaces, as with a comma before it ("I wanted
// recognition not a comparison", "a selfie not the passport scan"): the step
// after "not" is ruled out, not the clause's. A "not" after a verb or an
// auxiliary ("is not needed", "do not add") is no contrast and stays.
func contrastNot(sentence string, steps []*step) string {
	if !strings.Contains(sentence, " not ") {
		return sentence
	}
	words := strings.Fields(sentence)
	changed := false
	for i := 1; i+1 < len(words); i++ {
		if strings.ToLower(words[i]) != "not" || strings.ContainsAny(words[i-1], ",;:—–-") {
			continue
		}
		before := tokenize(strings.Join(words[max(0, i-2):i], " "))
		if len(before) == 0 || before[len(before)-1].in(hSubjectAux) || lex.copulaModal[before[len(before)-1].raw] || len(analyze(before, nil).steps) == 0 ||
			!namesAfterNot(words[i:min(len(words), i+4)], steps) {
			continue
		}
		words[i-1] += ","
		changed = true
	}
	if !changed {
		return sentence
	}
	return strings.Join(words, " ")
}

// namesAfterNot: the words from "not" on name a step, or rule out one of the
// flow's ("not a comparison" when it compares).
func namesAfterNot(words []string, steps []*step) bool {
	a := analyze(tokenize(strings.Join(words, " ")), steps)
	return len(a.steps) > 0 || a.neg != 0
}

// keptByNegation turns a removal said not to happen ("don't drop the
// liveness", "do not remove the SMS code", "never skip the ID scan") into what
// it asks, "keep …", so that a change beside it ("…, but remove the email
// code") reads that step as kept, not as a second removal. A negation of the
// rest ("don't remove anything else") stays as it is, a remark on the rest.
func keptByNegation(sentence string) string {
	words := strings.Fields(sentence)
	changed := false
	for i := 0; i+2 < len(words); i++ {
		n := negLen(words, i)
		if n == 0 {
			continue
		}
		if i+n+1 >= len(words) {
			break
		}
		v := bareWord(words[i+n])
		if !(lex.removeVerb[v] && v != "stop" && v != "kill" || v == "skip") || lex.rest[bareWord(words[i+n+1])] || strings.ContainsAny(words[i+n-1], ",;:.!?") {
			continue
		}
		if !slices.ContainsFunc(slices.Concat(words[:i], words[i+n+1:]), func(w string) bool { return lex.removeVerb[bareWord(w)] }) {
			// only beside a removal, which must not take the step too: "don't
			// remove the SMS code, make it an email code instead", "don't
			// remove the SMS code, just make the code 8 digits" change a step,
			// and "keep X, just …" would keep X alone
			continue
		}
		words = slices.Concat(words[:i], []string{"keep"}, words[i+n+1:])
		changed = true
	}
	if !changed {
		return sentence
	}
	return strings.Join(words, " ")
}

// gerundRemark: the part opens on the gerund of a change that is the subject
// of a remark about it ("Dropping liveness is what the PM wants but security
// said no", "Removing the email code was a mistake last time"): beside an
// instruction, it asks for nothing itself.
func gerundRemark(part string) bool {
	words := strings.Fields(part)
	if len(words) < 3 {
		return false
	}
	_, ok := changeGerund(strings.ToLower(strings.Trim(words[0], ",;:.!?")))
	return ok && gerundSubject(words) && !wantedChange(words)
}

// refusedAfter: nothing after the remark asks for a change: it ends, or goes
// on only to refuse it ("Adding an email code would annoy users, so don't").
func refusedAfter(part string) bool {
	tail, ok := afterSo(part)
	return !ok || turnDownWords(tail)
}

// turnsDown: the remark goes on to refuse the change ("…, so don't", "…, so
// let's not").
func turnsDown(part string) bool {
	tail, ok := afterSo(part)
	return ok && turnDownWords(tail) // (no words say no)
}

// afterSo is what follows the "so" or "but" of a remark, if it has one.
func afterSo(part string) ([]string, bool) {
	words := strings.Fields(part)
	j := slices.IndexFunc(words, func(w string) bool { w = bareWord(w); return w == "so" || w == "but" })
	if j < 0 {
		return nil, false
	}
	return words[j+1:], true
}

// turnDownWords: the words only say no ("don't", "please don't", "let's not").
func turnDownWords(words []string) bool {
	neg := false
	for _, w := range words {
		switch w = bareWord(w); {
		case lex.negAux[w] || w == "not":
			neg = true
		case !lex.refusalFiller[w]:
			return false
		}
	}
	return neg
}

// wantedChange: the gerund's remark says the speaker, or someone the change
// answers to, wants the change, with no contrast after it ("Dropping the SMS
// code is what we want", "Removing the SMS code is what compliance asked
// for"): the request itself, not a remark on it ("… is what the PM wants but
// security said no", "… is what the attackers want", "… what the auditors
// wanted to avoid"). The wish must end the remark.
func wantedChange(words []string) bool {
	// "Adding an email code would be great", "Skipping the SMS code is fine"
	wanted := slices.ContainsFunc(words[min(2, len(words)):], func(w string) bool { return lex.praise[bareWord(w)] })
	for i := 1; i < len(words); i++ {
		w := bareWord(words[i])
		if w == "but" || w == "not" || w == "no" || w == "though" {
			return false
		}
		if i+1 == len(words) {
			break
		}
		if w != "what" {
			continue
		}
		j := i + 1
		for j < len(words) && (lex.determiner[bareWord(words[j])] || lex.possessive[bareWord(words[j])]) {
			j++ // "what the auditors …", "what our compliance team …"
		}
		wish := func(w string) bool { w = bareWord(w); return lex.askedVerb[w] || lex.wish[strings.TrimSuffix(w, "s")] }
		k := j + 1
		for k < len(words) && k <= j+2 && !wish(words[k]) {
			k++ // "what our compliance team asked for"
		}
		if k >= len(words) || !wish(words[k]) || !lex.speaker[bareWord(words[j])] && !lex.requester[bareWord(words[j])] {
			continue
		}
		if bareWord(words[k]) == "asked" {
			if k+1 >= len(words) || bareWord(words[k+1]) != "for" {
				continue // "what support asked about"
			}
			k++
		}
		if k+1 == len(words) || strings.ContainsAny(words[k], ",;:.!?") && slices.ContainsFunc(words[k+1:], func(w string) bool { return startsEdit(w) }) {
			wanted = true // the wish ends the remark: "…, and add a passport scan" may follow
		}
	}
	return wanted
}

// gerundSubject: the gerund that opens the sentence is the subject of a remark,
// not the instruction: its clause goes on to a finite verb ("Removing the SMS
// code is not an option", "Adding another code would annoy users", "Adding a
// face scan slowed onboarding", "Replacing it was rejected by legal"), or the
// sentence goes on past it with "; …" or "so …" ("Removing it would break
// compliance, so don't"). "Removing the email code, please." and "Ripping out
// both codes after the review" stay instructions.
func gerundSubject(words []string) bool {
	for i := 1; i < len(words); i++ {
		w := strings.ToLower(strings.Map(dropApostrophe, strings.TrimRight(words[i], ",;:.!?")))
		prev := strings.ToLower(strings.Trim(words[i-1], ",;:.!?"))
		switch {
		case w == "so" || w == "but":
			return true // "…, so just move liveness to the end": the instruction comes after
		case lex.statementVerb[w] || lex.hypothetical[w] || lex.wish[w] && w != "please" || lex.askModal[w]:
			return true
		case len(w) > 4 && strings.HasSuffix(w, "ed") && i > 1 && !lex.determiner[prev] && isAlpha(w):
			return true // "slowed", "annoyed": the verb of the gerund subject
		}
		switch words[i][len(words[i])-1] {
		case ';':
			return i+1 < len(words)
		case ',', ':', '.', '!', '?':
			return false
		}
	}
	return false
}

// changeGerund: w is the "-ing" form of a verb of change (editVerbs,
// lex.removeVerb): "ripping" → "rip", "removing" → "remove", "swapping" → "swap".
func changeGerund(w string) (string, bool) {
	stem, ok := strings.CutSuffix(w, "ing")
	if !ok || len(stem) < 2 {
		return "", false
	}
	isChange := func(v string) bool { return editVerbs[v] || lex.removeVerb[v] || v == "skip" } // ("skipping liveness is not an option")
	switch {
	case isChange(stem):
		return stem, true // "adding" ("add"); "swapping" is the doubled consonant below
	case isChange(stem + "e"):
		return stem + "e", true // "removing", "replacing", "moving"
	case len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] && isChange(stem[:len(stem)-1]):
		return stem[:len(stem)-1], true // a doubled consonant: "ripping", "dropping", "swapping"
	}
	return "", false
}

// dedupeKinds folds steps of one kind named twice in a change into one.
func dedupeKinds(steps []*step) []*step {
	var out []*step
	for _, s := range steps {
		if i := findKind(out, s.k); i >= 0 && s.k != kAsk && s.k != kInform && out[i].k == s.k {
			mergeStep(out[i], s)
			if s.explicitAge {
				out[i].minAge, out[i].explicitAge, out[i].ageUnder = s.minAge, true, s.ageUnder
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// removeAt takes the step at i out of the plan (see unlink) and says so.
func (p *plan) removeAt(i int) string {
	gone := p.steps[i]
	p.gone.add(gone.k)
	switch gone.k {
	case kGreeting:
		p.quiet |= quietGreeting // "lose the greeting": layout adds none back
	case kClosing:
		p.quiet |= quietClosing
	}
	p.unlink(gone)
	p.steps = slices.Delete(p.steps, i, i+1)
	if gone.k == kFaceCompare && p.find(kFaceCompare) < 0 {
		// "drop the selfie and the comparison": the comparison the scan's
		// removal moved onto the live video went too
		p.assumptions = slices.DeleteFunc(p.assumptions, func(a string) bool { return a == liveVideoCompare })
	}
	return "removed the " + gone.k.String()
}

// liveVideoCompare is what unlink says when a comparison loses its face scan.
const liveVideoCompare = "Without the face scan, the face comparison uses the live video."

// unlink keeps the flow whole when s goes: a face comparison that used the
// removed face scan compares with the live video instead.
func (p *plan) unlink(s *step) {
	if len(s.branch) > 0 || len(s.fallback) > 0 {
		// "remove recognition": the path of the users it did not find goes with it
		gone := stepNames(append(slices.Clone(s.branch), s.fallback...))
		p.assumptions = append(p.assumptions, "The steps that ran only when the "+s.k.String()+" did not pass ("+gone+") went with it.")
	}
	if s.k != kFaceScan {
		return
	}
	for _, o := range p.steps {
		if o.k != kFaceCompare {
			continue
		}
		for _, src := range []**flow.FaceSource{&o.srcA, &o.srcB} {
			if *src != nil && (*src).Source == "faceScan" {
				*src = &flow.FaceSource{Source: "sessionVideo"}
			}
		}
		if o.node != nil {
			for _, src := range []**flow.FaceSource{&o.node.SourceA, &o.node.SourceB} {
				if *src != nil && (*src).Source == "faceScan" {
					*src = &flow.FaceSource{Source: "sessionVideo"}
				}
			}
		}
		p.assumptions = append(p.assumptions, liveVideoCompare)
	}
}

// retryEdit offers a retry with no condition said: "allow one retry on the
// passport scan", "give them a second try at the selfie" retry the steps named;
// "let people retry" with none named retries every check. It declines (false)
// when the sentence asks for no retry or names a step the flow does not have.
func (p *plan) retryEdit(ts []token) ([]string, bool) {
	// (readPolicy's lemma "again" also holds "another" and "second": "add
	// another email code" asks for no retry)
	if !hasAnyHot(ts, hRetryWord) && !secondChance(ts) || againHappened(ts) && !secondChance(ts) {
		return nil, false // ("compliance changed their mind again, we only accept passports …")
	}
	if n := retryCap(ts); n != "" {
		// "cap retries at 2": a retry is a question back to the step, with no
		// count, so offering one would let a check be tried without end; the
		// flow stays as it is, and says so
		return []string{"left the retries as they are: a flow cannot count retries, so the cap of " + n + " is not kept (change a code's maxAttempts to cap its tries)"}, true
	}
	if tail := p.retryExceptTail(ts); tail != nil {
		// "let them retry any failed check, but no second chance on the SMS
		// code", "users can retry except the liveness check": every check
		// but those
		p.setPolicy("retry")
		return []string{p.retryAllBut(tail)}, true
	}
	if retryRemoved(ts) {
		return p.dropRetries(ts), true
	}
	named := analyze(ts, nil).steps
	if len(named) == 0 || hasAnyRaw(ts, lex.anyOne) {
		p.setPolicy("retry")
		return []string{policyDone["retry"]}, true
	}
	var done []string
	for _, s := range named {
		i := p.find(s.k)
		if i < 0 || !retryable(p.steps[i].k) {
			return nil, false
		}
		done = append(done, offerRetry(p.steps[i], ts)...)
	}
	return done, len(done) > 0
}

// retryAllBut takes the retry of every check just offered away from the
// steps the exception's words rule out, and says so.
func (p *plan) retryAllBut(tail []token) string {
	p.dropRetries(tail)
	return policyDone["retry"] + " but the " + stepNamesOf(analyze(tail, nil).neg)
}

// retryExceptTail: the words of a change that offers a retry from its "but"
// or "except" on, when they only rule out steps the flow has ("…, but no
// second chance on the SMS code", "… except the liveness check"), or nil.
func (p *plan) retryExceptTail(ts []token) []token {
	for i, t := range ts {
		if i == 0 || t.raw != "but" && !phraseAt(ts, i, lex.exceptPhrase) {
			continue
		}
		a := analyze(ts[i:], nil)
		if a.neg == 0 || len(a.steps) > 0 {
			return nil
		}
		for k := kind(1); k < kindCount; k++ {
			if a.neg.has(k) && p.find(k) < 0 {
				return nil
			}
		}
		return ts[i:]
	}
	return nil
}

// retryRemoved: the words rule out or take away a retry, not a check ("no
// liveness retry", "don't offer a retry on the SMS code", "remove the
// liveness retry", "drop the retries").
func retryRemoved(ts []token) bool {
	if retryRuledOut(ts) >= 0 {
		return true
	}
	for i, t := range ts {
		if !lex.removeVerb[t.raw] {
			continue
		}
		for j := i + 1; j < len(ts) && j <= i+6; j++ {
			if ts[j].in(hRetryWord) && ts[j].raw != "again" {
				return true
			}
		}
	}
	return false
}

// dropRetries takes the retry away from the steps the words name (all of
// them when they name none): a failed check then ends the session, as it
// does by default. A retry of every check becomes one for each check but
// those named.
func (p *plan) dropRetries(ts []token) []string {
	a := analyze(ts, nil)
	var named kindSet
	for _, s := range a.steps {
		named.add(s.k)
	}
	named |= a.neg
	if named == 0 || hasAnyRaw(ts, lex.anyOne) {
		had := p.policy == "retry" || slices.ContainsFunc(p.steps, func(s *step) bool { return s.retry })
		if p.policy == "retry" {
			p.policy = ""
		}
		for _, s := range p.steps {
			s.retry, s.once = false, false
		}
		if !had {
			return []string{"left the flow as it is: it offers no retry"}
		}
		return []string{"took away every retry: a failed check ends the session"}
	}
	every := p.policy == "retry"
	if every {
		p.policy = ""
	}
	var done []string
	for _, s := range p.steps {
		switch {
		case named.has(s.k) && (s.retry || every):
			s.retry, s.once = false, false
			done = append(done, "took away the retry of the "+s.k.String())
		case every && !named.has(s.k) && retryable(s.k) && !s.k.isConversation():
			s.retry = true
		}
	}
	if len(done) == 0 {
		return []string{"left the flow as it is: it offers no retry of the " + stepNamesOf(named)}
	}
	return done
}

// stepNamesOf lists the kinds of a set by name.
func stepNamesOf(ks kindSet) string {
	var names []string
	for k := kind(0); k < kindCount; k++ {
		if ks.has(k) {
			names = append(names, k.String())
		}
	}
	return nounList(names)
}

// theStepsOf names each step of ks with its article ("the ID document scan
// and the SMS one-time code"), for the notes.
func theStepsOf(ks kindSet) string {
	var names []string
	for k := kind(0); k < kindCount; k++ {
		if ks.has(k) {
			names = append(names, "the "+k.String())
		}
	}
	return nounList(names)
}

// goesOf: " goes" for one step, " go" for more.
func goesOf(ks kindSet) string {
	n := 0
	for k := kind(0); k < kindCount; k++ {
		if ks.has(k) {
			n++
		}
	}
	if n > 1 {
		return " go"
	}
	return " goes"
}

// offerRetry gives s a retry of its own and says so; nothing when it has one
// as bounded as asked ("one more go at the selfie": once). A plain "let them
// retry the liveness check" keeps a bound the step has and says so; only words
// that lift it ("as often as they want", "unlimited retries", unlimitedTry)
// make a bounded retry loop again (rvC13 6: the change had vanished, "kept the
// liveness check" said nothing of the bound).
func offerRetry(s *step, ts []token) []string {
	once := boundedTry(ts)
	if s.retry && s.once && !once {
		if !unlimitedTry(ts) || len(s.fallback) > 0 {
			// (a second failure with a path of its own keeps it: "try again
			// once, then an ID scan")
			return []string{"kept the one more try at the " + s.k.String() + " (two attempts in all); ask for unlimited retries to lift the bound"}
		}
		s.once = false
		return []string{"let the " + s.k.String() + " be retried as often as the user wants, no longer once"}
	}
	if s.retry && (s.once || !once) {
		return nil
	}
	s.retry, s.once = true, once
	if once {
		return []string{"offered one more try at the " + s.k.String()}
	}
	return []string{"offered a retry of the " + s.k.String()}
}

// unlimitedTry: the words ask for no bound on the retries ("as often as they
// want", "as many times as they like", "unlimited retries", "no limit", "retry
// until it works").
func unlimitedTry(ts []token) bool {
	if hasAnyRaw(ts, lex.unlimitedTry) {
		return true
	}
	for i := 0; i+1 < len(ts); i++ {
		if ts[i].raw == "as" && (ts[i+1].raw == "often" || ts[i+1].raw == "many") || ts[i].raw == "no" && (ts[i+1].raw == "limit" || ts[i+1].raw == "cap") {
			return true
		}
	}
	return false
}

// stepNames lists the steps by name ("ID document scan and face comparison").
func stepNames(steps []*step) string {
	names := make([]string, 0, len(steps))
	for _, s := range steps {
		if s.handsOver() {
			names = append(names, "handover to a member of the team") // (not "explanation")
			continue
		}
		names = append(names, s.k.String())
	}
	return nounList(names)
}

// secondChance: "a second try", "another go", "one more attempt".
func secondChance(ts []token) bool {
	for i := 0; i+1 < len(ts); i++ {
		if ts[i].in(hChanceLead) && lex.chanceNoun[ts[i+1].raw] {
			return true
		}
	}
	return false
}

// removeFromBranch takes the first step of kind k off a branch (the new-user
// path, a fallback) when the main path has none, and says where; "" when no
// branch has one.
func (p *plan) removeFromBranch(k kind) string {
	for _, o := range p.steps {
		for _, list := range []*[]*step{&o.branch, &o.fallback, &o.options} {
			if i := findKind(*list, k); i >= 0 {
				gone := (*list)[i]
				*list = slices.Delete(*list, i, i+1)
				where := " from the new-user path"
				switch list {
				case &o.fallback:
					where = " from the " + o.k.String() + "'s fallback"
				case &o.options:
					where = " from the user's choice" // the other option stays, with no question before it
				}
				return "removed the " + gone.k.String() + where
			}
		}
	}
	return ""
}

// dropOrphans keeps the flow whole after a change took away the document scan:
// a face comparison with the document's photo, or a check of the document's
// data, has nothing left to read (it would fail every session), so it goes too
// and the result says why. A document replaced by another keeps them.
func (p *plan) dropOrphans() []string {
	var done []string
	drop := func(steps []*step, where string) []*step {
		if findKind(steps, kDocument) >= 0 || p.find(kDocument) >= 0 {
			return steps
		}
		return slices.DeleteFunc(steps, func(s *step) bool {
			if !readsDocument(s) {
				return false
			}
			p.assumptions = append(p.assumptions, "Removed the "+s.k.String()+where+" too: it read the ID document, which the flow no longer scans.")
			done = append(done, "removed the "+s.k.String()+where+" that read the document")
			return true
		})
	}
	p.steps = drop(p.steps, "")
	for _, s := range p.steps {
		s.branch = drop(s.branch, " on the new-user path")
		s.fallback = drop(s.fallback, " on the "+s.k.String()+"'s fallback")
	}
	return done
}

// readsDocument: the step needs a scanned document (its photo or its data).
func readsDocument(s *step) bool {
	switch s.k {
	case kFaceCompare:
		srcs := []*flow.FaceSource{s.srcA, s.srcB}
		if s.node != nil {
			srcs = append(srcs, s.node.SourceA, s.node.SourceB)
		}
		return slices.ContainsFunc(srcs, func(f *flow.FaceSource) bool { return f != nil && f.Source == "documentPhoto" })
	case kExpiryCheck:
		return true
	case kAgeCheck, kMatchCheck:
		field := s.field
		if s.node != nil && s.node.Validation != nil {
			field = s.node.Validation.Field
		}
		return !lex.entryField[field] // the email they typed is no document's
	}
	return false
}

// reverse turns the order of the verification steps around ("swap the order").
func (p *plan) reverse() ([]string, error) {
	var idx []int
	for i, s := range p.steps {
		if s.k != kGreeting && s.k != kClosing && !s.k.isConversation() {
			idx = append(idx, i)
		}
	}
	if len(idx) < 2 {
		return nil, errors.New("flowbuild: the flow has fewer than two steps to reorder")
	}
	for a, b := 0, len(idx)-1; a < b; a, b = a+1, b-1 {
		p.steps[idx[a]], p.steps[idx[b]] = p.steps[idx[b]], p.steps[idx[a]]
	}
	return []string{"reversed the order of the steps"}, nil
}

// offScopeHeading: the clause is an off-scope heading and nothing else, the
// phrase then at most a few words of when it holds ("Out of scope", "Out of
// scope for v1", "Not needed for the MVP"), as offScopeLead reads them before a
// colon.
func offScopeHeading(ts []token, set phrases) bool {
	n := phraseLen(ts, 0, set)
	if n == 0 || len(ts) > n+3 {
		return false
	}
	for _, t := range ts[n:] {
		if !lex.offScopeTail[t.raw] {
			return false
		}
	}
	return true
}

// offScopeLead returns where the list after an off-scope heading begins ("Out
// of scope now: …", "Not allowed: …"), or 0 when the part opens with none: the
// heading, at most a few words of when it holds ("now", "for the MVP"), then a
// colon.
func offScopeLead(ts []token) int {
	if len(ts) == 0 {
		return 0
	}
	n := max(phraseLen(ts, 0, lex.offScope), phraseLen(ts, 0, lex.offScopeColon))
	if n == 0 {
		return 0
	}
	for i := n; i < len(ts) && i <= n+3; i++ {
		switch {
		case ts[i].w == ":" || ts[i].w == ",":
			if i+1 < len(ts) {
				return i + 1
			}
			return 0
		case !lex.offScopeTail[ts[i].raw]:
			return 0
		}
	}
	return 0
}

// keptExcept returns where the steps named after "keep everything except" (or
// "leave all the rest but", "keep it all apart from") begin, or 0: a verb of
// keeping among the part's first words, a word for the whole flow, then an
// exception right after it; and whether the exception is a change of its own
// (exceptEdits) rather than the steps to take out.
func keptExcept(ts []token) (int, bool) {
	for i := 0; i < len(ts) && i < 3; i++ {
		if !lex.keepVerb[ts[i].raw] {
			continue
		}
		for j := i + 1; j < len(ts) && j <= i+4; j++ {
			if !lex.rest[ts[j].raw] && ts[j].raw != "all" {
				continue
			}
			// the exception within a few words ("everything else", "all the
			// steps", "everything as it is")
			for k := j + 1; k+1 < len(ts) && k <= j+6; k++ {
				if n := phraseLen(ts, k, lex.exceptPhrase); n > 0 && k+n < len(ts) {
					// ("keep everything except make the ID scan passport only": a
					// change, not a removal)
					return k + n, exceptEdits(ts[k+n:])
				}
				if ts[k].raw == "but" && !startsEdit(ts[k+1].raw) && !lex.removeVerb[ts[k+1].raw] {
					return k + 1, false // ("keep the rest but add an SMS code": a change of its own)
				}
			}
			return 0, false
		}
		return 0, false
	}
	return 0, false
}

// exceptEdits: the words after the exception of a keep ("keep everything
// except …") are a change of their own, not the steps to take out: a verb of
// change other than a removal ("make the ID scan passport only", "swap the SMS
// code for a voice call", "adding a second liveness check"), a word of
// replacing or becoming ("the SMS bit, which should become an email code"), or
// a setting.
func exceptEdits(ts []token) bool {
	if startsEdit(ts[0].raw) && !lex.removeVerb[ts[0].raw] {
		return true
	}
	for _, t := range ts {
		if lex.replaceWord[t.raw] || lex.turnInto[t.raw] || editVerbs[t.w] && !lex.removeVerb[t.w] && !lex.keepVerb[t.w] {
			return true
		}
		if v, ok := changeGerund(t.raw); ok && !lex.removeVerb[v] {
			return true
		}
	}
	return hasSetting(ts)
}

// knownUsersLead returns where the words after a lead naming the users the
// recognition finds begin ("for recognised users only: …", "known customers,
// …"), or 0 when the part opens with no such lead.
func knownUsersLead(ts []token) int {
	i := 0
	if i < len(ts) && lex.branchLead[ts[i].raw] {
		i++
	}
	if i+1 >= len(ts) || !ts[i].in(hCondKnown) || !ts[i+1].in(hUserWord) {
		return 0
	}
	i += 2
	for i < len(ts) && (ts[i].raw == "only" || ts[i].w == "," || ts[i].w == ":") {
		i++
	}
	if i >= len(ts) {
		return 0
	}
	return i
}

// swapsPresent: a swap verb with two steps the flow has on its two sides
// ("swap the OTP with the liveness check", "switch the SMS code with the
// document scan") exchanges them; with a step the flow lacks ("swap the SMS for
// an email code") it replaces one.
func (p *plan) swapsPresent(ts []token, pos []*step) bool {
	if !hasAnyRaw(ts, lex.swapVerb) || len(pos) != 2 || pos[0].k == pos[1].k {
		return false
	}
	a, b := p.find(pos[0].k), p.find(pos[1].k)
	return a >= 0 && b >= 0 && a != b
}

// onlyNeeded: the steps named after "only need", "just want", "need only"
// ("we only need liveness + the doc"), up to the next comma or dash, when the
// flow has each; nil otherwise. Said of steps the flow lacks, it asks for
// them, which other rules read. Beside a removal, a clause of nothing but
// names with "only" or "just" at one end says the same ("rip out both codes,
// liveness only", "drop the scan and the compare, just the selfie"): what the
// flow keeps, never more to remove.
func onlyNeeded(ts []token, steps, pos, neg []*step) []*step {
	clauseEnd := func(j int) bool { return j < 0 || j >= len(ts) || ts[j].w == "," || ts[j].w == "." }
	removal := -1 // whether the change removes (read once, at the first bare "only")
	for i := 0; i < len(ts); i++ {
		if !(ts[i].raw == "only" || ts[i].raw == "just") {
			continue
		}
		k, end, bare := -1, -1, false
		switch {
		case i+1 < len(ts) && lex.needVerb[ts[i+1].raw]:
			k = i + 2 // "we only need X"
		case i > 0 && lex.needVerb[ts[i-1].raw]:
			k = i + 1 // "we need only X"
		case clauseEnd(i-1) && !clauseEnd(i+1) || clauseEnd(i+1) && !clauseEnd(i-1):
			if removal < 0 {
				removal = 0
				if hasAnyRaw(ts, lex.removeVerb) || takesOffOrOut(ts) {
					removal = 1
				}
			}
			if removal == 0 {
				continue
			}
			bare = true
			if clauseEnd(i - 1) {
				k = i + 1 // ", just liveness"
			} else {
				end = i // ", liveness only"
				for k = i; !clauseEnd(k - 1); k-- {
				}
			}
		}
		if k < 0 {
			continue
		}
		if end < 0 {
			end = k
			for end < len(ts) && ts[end].w != "," && ts[end].w != "." {
				end++
			}
		}
		if end <= k {
			continue
		}
		if hasSetting(ts[k:end]) {
			continue // "we only need the camera", "we only want one code": a setting or a count, read elsewhere
		}
		if bare && clauseEnd(i-1) && end == k+1 && ts[k].in(hBackRef) && i > 1 {
			// "drop the email code, sms code and liveness are enough, just
			// those": "those" points back at the clause before, whose steps
			// stay; only the other steps the change names go, nothing else
			b := i - 1
			for b > 0 && !clauseEnd(b-1) {
				b--
			}
			if b < i-1 && !hasAnyRaw(ts[b:i-1], lex.removeVerb) && !takesOffOrOut(ts[b:i-1]) {
				keep := slices.DeleteFunc(analyze(ts[b:i-1], steps).steps, func(s *step) bool { return s.k.isConversation() })
				if allPresent(steps, keep) {
					return slices.DeleteFunc(slices.Clone(steps), func(s *step) bool {
						return findKind(keep, s.k) < 0 && (findKind(pos, s.k) >= 0 || findKind(neg, s.k) >= 0)
					})
				}
			}
			continue
		}
		if !namesOnly(ts[k:end]) {
			// "we only need the ID scan for new customers", "… the selfie compare to
			// be stricter", "… the SMS code first": what follows the names says
			// when or how, not that the rest goes
			continue
		}
		keep := analyze(ts[k:end], steps).steps
		keep = slices.DeleteFunc(keep, func(s *step) bool { return s.k.isConversation() })
		if bare && !slices.ContainsFunc(keep, func(s *step) bool { return isCodeKind(s.k) }) {
			// "drop the sms code, just the email", "…, email only": a channel
			// alone beside a removal of a code is the code of that channel
			if c := channelCode(ts[k:end]); c != kNone {
				keep = append(keep, &step{k: c})
			}
		}
		if namesSibling(keep, pos) || namesSibling(keep, neg) {
			// "we just need the SMS code, drop the email one": "only" picks one of
			// its kind (one code of two), the rest of the flow stays
			if bare {
				// ("drop the email code, just the sms": the code named to stay
				// stays; only the other named code goes, nothing else)
				return slices.DeleteFunc(slices.Clone(steps), func(s *step) bool {
					return findKind(keep, s.k) < 0 && (findKind(pos, s.k) >= 0 || findKind(neg, s.k) >= 0)
				})
			}
			continue
		}
		if allPresent(steps, keep) {
			return keep
		}
	}
	return nil
}

// ordinalCode: an ordinal picks a code by its place ("drop the second code",
// "the first one-time code"): the ordinal is a few words before "code" in its
// clause, not said of another step ("take out the email code, liveness first
// only").
func ordinalCode(ts []token) bool {
	for j, t := range ts {
		if t.raw != "second" && t.raw != "last" && t.raw != "latter" && t.raw != "first" && t.raw != "former" {
			continue
		}
		for k := j + 1; k < len(ts) && k <= j+3 && ts[k].w != "," && ts[k].w != "."; k++ {
			if ts[k].w == "code" {
				return true
			}
		}
	}
	return false
}

// keptByQualifier: the targets of a removal less the steps named only in a
// later clause with no verb of removal of its own that says when or how they
// run ("remove the doc scan, liveness only for returning users", "take out
// the email code, liveness first only"): such a clause keeps its step, said
// in the assumptions. A removal never takes more than it asks.
func (p *plan) keptByQualifier(ts []token, targets []*step) []*step {
	if len(targets) < 2 || !hasRaw(ts, "only", "just") {
		return targets
	}
	start, removing := 0, false
	var kept []*step
	for j := 0; j <= len(ts); j++ {
		if j < len(ts) && ts[j].w != "," && ts[j].w != "." && ts[j].w != ";" {
			continue
		}
		c := ts[start:j]
		start = j + 1
		if len(c) == 0 {
			continue
		}
		if hasAnyRaw(c, lex.removeVerb) || takesOffOrOut(c) || has(c, "without") {
			removing = true
			continue
		}
		if !removing || !hasRaw(c, "only", "just") || hasAnyRaw(c, lex.replaceWord) {
			continue
		}
		for _, s := range analyze(c, p.steps).steps {
			if !s.k.isConversation() && findKind(kept, s.k) < 0 {
				kept = append(kept, s)
				p.assumptions = append(p.assumptions, "Kept the "+s.k.String()+": \""+clauseText(c)+"\" says when or how it runs, not that it goes.")
			}
		}
	}
	if len(kept) == 0 {
		return targets
	}
	out := slices.DeleteFunc(slices.Clone(targets), func(s *step) bool { return findKind(kept, s.k) >= 0 })
	if len(out) == 0 {
		return targets
	}
	return out
}

// channelCode: the code kind of the one channel ts names ("the email", "sms
// one"), or kNone.
func channelCode(ts []token) kind {
	c := kNone
	for _, t := range ts {
		var k kind
		switch t.w {
		case "email":
			k = kEmailOTP
		case "sms":
			k = kSMSOTP
		default:
			continue
		}
		if c != kNone && c != k {
			return kNone
		}
		c = k
	}
	return c
}

// namesOnly: ts holds nothing but the names of steps (their trigger words and
// head nouns, joined by articles and "and"): "the passport scan and the SMS code".
func namesOnly(ts []token) bool {
	for _, t := range ts {
		if _, ok := rules[t.w]; ok && !t.isNum {
			continue
		}
		if _, ok := rawRules[t.raw]; ok || lex.stepHead[t.w] || lex.listGlue[t.raw] || t.in(hDeterminer) {
			continue
		}
		return false
	}
	return true
}

// namesSibling: the sentence names (in named) another step of the kind of
// one in keep: another code beside the one kept.
func namesSibling(keep, named []*step) bool {
	return slices.ContainsFunc(named, func(s *step) bool {
		return slices.ContainsFunc(keep, func(o *step) bool { return o.k != s.k && isCodeKind(o.k) && isCodeKind(s.k) })
	})
}

func allPresent(steps, pos []*step) bool {
	if len(pos) == 0 {
		return false
	}
	for _, s := range pos {
		if findKind(steps, s.k) < 0 {
			return false
		}
	}
	return true
}

// movedOrKept says a move: "moved the X to the start", or "kept the X at the
// start" when the step was already there ("… and the liveness check should
// stay first"), never a move the flow does not show.
func movedOrKept(was, now []*step, moved *step, at string) string {
	if slices.Equal(was, now) {
		return "kept the " + moved.k.String() + strings.Replace(at, " to the ", " at the ", 1)
	}
	return "moved the " + moved.k.String() + at
}

func where(front, back bool, ref []*step, after bool) string {
	switch {
	case len(ref) > 0 && after:
		return " after the " + ref[0].k.String()
	case len(ref) > 0:
		return " before the " + ref[0].k.String()
	case front:
		return " to the start"
	case back:
		return " to the end"
	}
	return ""
}

// stepOf is the flow's step of kind k whose settings a change names: the main
// path's, or else the one such step a branch or a fallback has ("use driving
// licences instead of passports", "make the SMS code 8 digits" when only new
// users get one); nil when there is none, or several off the main path.
func (p *plan) stepOf(k kind) *step {
	if i := p.find(k); i >= 0 {
		return p.steps[i]
	}
	var found []*step
	for _, s := range p.steps {
		for _, b := range [][]*step{s.branch, s.fallback, s.options} {
			if i := findKind(b, k); i >= 0 {
				found = append(found, b[i])
			}
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return nil
}

// judgedLengthReplaced: the sentence judges a code length too weak and names
// the one to use instead ("4 digits is not enough for the OTP, use 8"): it is
// read as the length asked for ("8 digits for the OTP"), with the note that
// says so. A word test first: only a sentence with a lengthUse word.
func judgedLengthReplaced(sentence string) (string, string, bool) {
	if !slices.ContainsFunc(strings.Fields(strings.ToLower(sentence)), func(w string) bool { return lex.lengthUse[w] || lex.lengthMake[w] }) {
		return "", "", false
	}
	ts := tokenize(sentence)
	for i := range ts {
		u := i
		if lex.lengthMake[ts[i].raw] && i+2 < len(ts) && ts[i+1].raw == "it" {
			u = i + 1 // "4 digits is too weak; make it 8"
		} else if !lex.lengthUse[ts[i].raw] {
			continue
		}
		if !judgedLengthBefore(ts, u) {
			continue
		}
		// the judged number, and the clause the new one ends
		j := i - 1
		for !ts[j].isNum {
			j--
		}
		v := u + 1
		e := v + 1
		for e < len(ts) && ts[e].raw != "" {
			e++
		}
		// the code it is said for: "… too short for the email, use 8", "use
		// 8 for the SMS"; only words that name a code
		var code []token
		for _, r := range [][2]int{{j + 2, i}, {v + 1, e}} {
			for f := r[0]; f < r[1]; f++ {
				if ts[f].raw == "for" {
					g := f + 1
					for g < r[1] && ts[g].raw != "" && !lex.beForm[ts[g].raw] && !lex.lengthUse[ts[g].raw] && ts[g].raw != "and" && !ts[g].isNum {
						g++
					}
					if r[0] > v && g < e {
						e = g // "use 8 for the email code and 6 for the SMS code": the rest is read on its own
					}
					if slices.ContainsFunc(ts[f+1:g], func(t token) bool { return lex.lengthCodeWord[t.raw] }) {
						code = ts[f:g]
					}
					break
				}
			}
		}
		use := "use " + ts[v].orig + " digits"
		if len(code) > 0 {
			use += " " + clauseText(code)
			if last := code[len(code)-1].raw; !lex.lengthCodeWord[last] || lex.lengthChannel[last] {
				use += " code" // "for the email": the email code, never an email entry
			}
		}
		b := j
		if b > 0 && (ts[b-1].raw == "the" || ts[b-1].raw == "a") {
			b--
		}
		rest := use + "."
		if pre := clauseText(ts[:b]); pre != "" {
			rest = pre + " " + rest
		} else {
			rest = strings.ToUpper(rest[:1]) + rest[1:]
		}
		post := clauseText(ts[e:])
		if e+2 < len(ts) && ts[e].raw == "and" && ts[e+1].isNum && ts[e+1].num >= 4 && ts[e+1].num <= 8 && ts[e+2].raw == "for" {
			// "…, use 8 for the email code and 6 for the SMS code": the second
			// length said the same way, for its own code
			post = "and use " + ts[e+1].orig + " digits " + clauseText(ts[e+2:])
		}
		if post != "" {
			rest = strings.TrimSuffix(rest, ".") + ", " + post + "."
		}
		return rest, "Read \"" + clauseText(ts[j:e]) + "\" as a code length judged too weak and the one to use in its place, so the code uses " + ts[v].orig + " digits.", true
	}
	return "", "", false
}

// judgedLength: the part judges a code length too weak ("4 digits is not
// acceptable for the SMS code"; lengthJudged) and names no other number to
// use in its place.
func judgedLength(ts []token) bool {
	judged, nums := false, 0
	for i, t := range ts {
		if t.isNum {
			nums++
			judged = judged || lengthJudged(ts, i) >= 0
		}
	}
	return judged && nums == 1
}

// find returns the index of the first step of kind k, skipping the greeting and
// closing unless they are what is asked for.
func (p *plan) find(k kind) int {
	for i, s := range p.steps {
		if s.k == k || (k == kOTP && (s.k == kEmailOTP || s.k == kSMSOTP)) {
			return i
		}
		if (k == kAsk || k == kInform) && (s.k == kAsk || s.k == kInform) {
			return i
		}
	}
	return -1
}

// insertOnFallback puts a new step beside the step it is placed after or
// before when that step is only on a fallback ("add a liveness check right
// after the fallback email code"); the fallback then rejoins the main path past
// the steps it now does itself. It reports false when the reference is on the
// main path or on no single fallback.
func (p *plan) insertOnFallback(s *step, ref []*step, after bool) bool {
	if len(ref) == 0 || p.find(ref[0].k) >= 0 {
		return false
	}
	f := p.fallbackStep(ref[:1])
	if f == nil {
		return false
	}
	for _, m := range p.steps {
		if j := slices.Index(m.fallback, f); j >= 0 {
			if after {
				j++
			}
			m.fallback = slices.Insert(m.fallback, j, s)
			return true
		}
	}
	return false
}

// insertOnNewUserPath places s before or after the step ref names when that
// step is on the path of users a recognition does not find and not on the
// main path: where the change put it.
func (p *plan) insertOnNewUserPath(s *step, ref []*step, after bool) bool {
	if len(ref) == 0 || p.find(ref[0].k) >= 0 {
		return false
	}
	for _, m := range p.steps {
		if j := findKind(m.branch, ref[0].k); j >= 0 {
			if after {
				j++
			}
			m.branch = slices.Insert(m.branch, j, s)
			return true
		}
	}
	return false
}

// insert places s: relative to a reference step, first (after the greeting), or
// last (before the closing line, the default).
func (p *plan) insert(s *step, front, back bool, ref []*step, after bool) {
	if len(ref) == 0 && !front && !back && (s.k == kAgeCheck || s.k == kExpiryCheck || s.k == kMatchCheck && s.field != "email" && s.field != "phone") {
		if i := p.find(kDocument); i >= 0 {
			// the age or name check reads the document: it goes right after the
			// scan, unless the change placed it ("the last step should check
			// they're 21", where the scan is still before it)
			p.steps = insertStep(p.steps, i+1, s)
			return
		}
	}
	if len(ref) == 0 && !front && !back && s.k == kFaceCompare {
		// a comparison goes right after the last capture it reads
		at := -1
		for i, o := range p.steps {
			if o.k == kDocument && (s.srcA != nil && s.srcA.Source == "documentPhoto" || s.srcB != nil && s.srcB.Source == "documentPhoto") ||
				o.k == kFaceScan && (s.srcA != nil && s.srcA.Source == "faceScan" || s.srcB != nil && s.srcB.Source == "faceScan") {
				at = i
			}
		}
		if at >= 0 {
			p.steps = insertStep(p.steps, at+1, s)
			return
		}
	}
	if len(ref) > 0 {
		if i := p.find(ref[0].k); i >= 0 {
			if after {
				i++
			}
			p.steps = insertStep(p.steps, i, s)
			return
		}
	}
	if front && !back {
		// first after the greeting and the camera permission, which video work
		// needs; a step that needs no camera (an email entry, a code) goes
		// before the permission ("plus an email entry at the start")
		i := 0
		for i < len(p.steps) && (p.steps[i].k == kGreeting || p.steps[i].k == kPermissions && s.k != kPermissions && (videoKind(s.k) || s.k.isConversation())) {
			i++
		}
		p.steps = insertStep(p.steps, i, s)
		return
	}
	i := len(p.steps)
	if i > 0 && p.steps[i-1].k == kClosing {
		i--
	}
	p.steps = insertStep(p.steps, i, s)
}

// comparedSource: s is a step the flow has that a face comparison named after
// it reads ("replace the document with a comparison of the face scan against
// the photo we pass in", "instead of the document, compare the face scan
// against …"): the comparison's source, not the step put in the old one's place.
func comparedSource(p *plan, after []*step, s *step) bool {
	return p.find(s.k) >= 0 && slices.ContainsFunc(after, func(c *step) bool { return c.k == kFaceCompare && readsImageOf(c, s.k) })
}

// replace swaps an old step for a new one in its place.
func (p *plan) replace(pos, neg []*step, typed bool) ([]string, error) {
	var old, repl *step
	channelFromContext(pos) // "with collecting their email address and verifying it with a code": that code is an email code
	switch {
	case len(neg) > 0:
		old = neg[0]
		for k, s := range pos {
			if s.k != old.k && !comparedSource(p, pos[k+1:], s) {
				repl = s
				break
			}
		}
	case len(pos) >= 2:
		old, repl = pos[0], pos[1]
		if len(pos) > 2 && comparedSource(p, pos[2:], repl) {
			repl = pos[2]
		}
	}
	if len(neg) == 0 && len(pos) > 0 && p.removed > 0 && !slices.ContainsFunc(pos, func(s *step) bool { return p.find(s.k) >= 0 }) {
		// "drop the sms and use email instead", "sms won't work. put an email
		// entry + email code in the same place instead": the new steps, none of
		// them in the flow, take the removed one's place in the order said (a
		// "replace X with Y" names an X the flow has)
		at := min(p.removed-1, len(p.steps))
		var done []string
		for k, s := range pos {
			s.front, s.back = false, false
			p.steps = insertStep(p.steps, at+k, s)
			p.touched = s
			done = append(done, "added "+s.k.withArticle()+" in place of what was removed")
		}
		return done, nil
	}
	if (old == nil || repl == nil) && p.staleCompare(pos) {
		// "drop the licence; match the selfie against the photo we send instead":
		// the comparison that read the removed step's image takes the new sources
		if j := p.find(kFaceCompare); j >= 0 {
			pos[0].threshold = max(pos[0].threshold, existingThreshold(p.steps[j]))
			p.steps[j] = pos[0]
			p.touched = pos[0]
			return []string{"the face comparison now compares " + sourceName(pos[0].srcA.Source) + " with " + sourceName(pos[0].srcB.Source)}, nil
		}
	}
	if old == nil && len(pos) == 1 && p.touched != nil && p.find(p.touched.k) >= 0 && p.touched.k != pos[0].k {
		// "Guests keep missing the email. Replace it with a text message
		// code.": "it" is the step the sentence before spoke of
		old, repl = &step{k: p.touched.k}, pos[0]
	}
	if old == nil || repl == nil {
		return nil, errVagueReplace
	}
	if p.gone.has(repl.k) && p.touched != nil && p.touched.k == old.k && p.find(old.k) >= 0 {
		old, repl = repl, old // (read the other way round, below)
	}
	i := p.find(old.k)
	if i < 0 && p.gone.has(old.k) && p.find(repl.k) >= 0 {
		// "… instead of searching all faces compare against the profile photo we
		// send in providedData. Replace the recognition with that compare": what
		// the sentence before did already
		return []string{"kept the " + repl.k.String() + " in place of the " + old.k.String()}, nil
	}
	if i < 0 {
		if d, ok := p.replaceOption(old, repl); ok {
			return d, nil
		}
		if j := p.find(repl.k); j >= 0 && len(pos) >= 2 {
			// "swap the email code for SMS" read the other way round
			old, repl = repl, old
			i = j
		} else if d, ok := p.replaceOffPath(old, repl); ok {
			return d, nil
		} else {
			return nil, fmt.Errorf("flowbuild: the flow has no %s to replace", old.k)
		}
	}
	if j := p.find(repl.k); j >= 0 && j != i && repl.k != kAsk && repl.k != kInform && findKind([]*step{p.steps[i]}, repl.k) < 0 {
		// "take out the selfie and compare against the live video instead": the
		// other step is already there; the named one goes
		if repl.k == kFaceCompare && repl.srcA != nil && repl.srcB != nil && readsImageOf(p.steps[j], p.steps[i].k) {
			// "instead of the passport, compare their face with the photo we pass
			// in": the comparison read the removed step's image; it takes the new sources
			repl.threshold = max(repl.threshold, existingThreshold(p.steps[j]))
			p.steps[j] = repl
			return []string{p.removeAt(i), "the face comparison now compares " + sourceName(repl.srcA.Source) + " with " + sourceName(repl.srcB.Source)}, nil
		}
		return []string{p.removeAt(i)}, nil
	}
	was := p.steps[i].k
	if (was == kEmailOTP || was == kSMSOTP) && repl.k == kEnterEmail && findKind(pos, kEmailOTP) < 0 && !typed {
		// (with an email code named too, "an email entry and an email code", the entry is a step of its own)
		repl.k = kEmailOTP // "use email instead of SMS": the channel of the code
	}
	if (was == kEmailOTP || was == kSMSOTP) && repl.k == kOTP {
		repl.k = kEmailOTP
		if was == kEmailOTP {
			repl.k = kSMSOTP
		}
	}
	if p.steps[i].node != nil && p.steps[i].node.OTPLength != nil && (repl.k == kEmailOTP || repl.k == kSMSOTP) && repl.otpLen == 0 {
		repl.otpLen = *p.steps[i].node.OTPLength
	}
	repl.front, repl.back = false, false
	p.steps[i] = repl
	p.touched = repl
	if was != repl.k {
		p.gone.add(was)
	}
	done := []string{"replaced the " + was.String() + " with " + repl.k.withArticle()}
	// "replace recognition with an ID scan plus face comparison": the rest follow it
	at := i + 1
	for _, s := range pos {
		if j := p.find(kFaceCompare); s != repl && s.k == kFaceCompare && s.srcA != nil && s.srcB != nil && j >= 0 && readsImageOf(p.steps[j], was) {
			// "replace the doc scan w/ a face scan, we compare it to the photo we
			// pass in": the comparison read the replaced step's image; it takes
			// the sources the change names
			s.threshold = max(s.threshold, existingThreshold(p.steps[j]))
			s.front, s.back = false, false
			if readsImageOf(s, was) {
				// (read with the replaced step in the same sentence, "it" took its
				// image; the image now comes from what replaced it)
				live := "sessionVideo"
				if repl.k == kFaceScan {
					live = "faceScan"
				}
				for _, src := range []**flow.FaceSource{&s.srcA, &s.srcB} {
					if (*src).Source == "documentPhoto" && was == kDocument || (*src).Source == "faceScan" && was == kFaceScan {
						*src = &flow.FaceSource{Source: live}
					}
				}
			}
			p.steps[j] = s
			done = append(done, "the face comparison now compares "+sourceName(s.srcA.Source)+" with "+sourceName(s.srcB.Source))
			continue
		}
		if s == repl || s.k == old.k || s.k == was || p.find(s.k) >= 0 {
			continue
		}
		s.front, s.back = false, false
		if feeds(s, repl) {
			// "replace the sms code with an email one (they type their email
			// first)": the step the replacement reads goes before it
			p.steps = insertStep(p.steps, i, s)
			i, at = i+1, at+1
			done = append(done, "added "+s.k.withArticle()+" before it")
			continue
		}
		p.steps = insertStep(p.steps, at, s)
		at++
		done = append(done, "added "+s.k.withArticle()+" after it")
	}
	if was == kFaceScan && p.find(kFaceScan) < 0 {
		// "replace the face scan with a liveness check": a comparison that read
		// the scan's image compares the live video, as when the scan is removed
		p.unlink(&step{k: kFaceScan})
	}
	return done, nil
}

// feeds: step s gives the step after it what it reads: the address an email
// code goes to, the image a comparison reads.
func feeds(s, then *step) bool {
	return s.k == kEnterEmail && then.k == kEmailOTP || then.k == kFaceCompare && readsImageOf(then, s.k)
}

// replaceOffPath replaces a step that is not on the main path but on a step's
// fallback or branch ("change that fallback to a document scan instead of the
// email code"), in its place there.
func (p *plan) replaceOffPath(old, repl *step) ([]string, bool) {
	for _, s := range p.steps {
		for _, list := range [][]*step{s.fallback, s.branch} {
			if j := findKind(list, old.k); j >= 0 && findKind(list, repl.k) < 0 {
				repl.front, repl.back = false, false
				list[j] = repl
				p.touched = repl
				return []string{"replaced the " + old.k.String() + " after the " + s.k.String() + " with " + repl.k.withArticle()}, true
			}
		}
	}
	return nil, false
}

// staleCompare: pos is one face comparison with its sources named, and the
// flow's comparison still reads the image of a step this change removed.
func (p *plan) staleCompare(pos []*step) bool {
	if len(pos) != 1 || pos[0].k != kFaceCompare || pos[0].srcA == nil || pos[0].srcB == nil {
		return false
	}
	j := p.find(kFaceCompare)
	return j >= 0 && (p.gone.has(kDocument) && readsImageOf(p.steps[j], kDocument) || p.gone.has(kFaceScan) && readsImageOf(p.steps[j], kFaceScan))
}

// readsImageOf: the face comparison s compares the image a step of kind k
// captures (the document's photo, the face scan).
func readsImageOf(s *step, k kind) bool {
	var src string
	switch k {
	case kDocument:
		src = "documentPhoto"
	case kFaceScan:
		src = "faceScan"
	default:
		return false
	}
	a, b := s.srcA, s.srcB
	if s.node != nil {
		a, b = s.node.SourceA, s.node.SourceB
	}
	return a != nil && a.Source == src || b != nil && b.Source == src
}

// existingThreshold is the similarity threshold a face comparison already has, or 0.
func existingThreshold(s *step) float64 {
	if s.node != nil && s.node.SimilarityThreshold != nil {
		return *s.node.SimilarityThreshold
	}
	return s.threshold
}

// replaceMany replaces two or more steps at once ("replace the document scan and
// face compare with face recognition"): the first step the old side names takes
// the new side's steps, the others go. It declines (false) unless the old side
// names at least two steps the flow has and the new side names steps it has not.
func (p *plan) replaceMany(oldSide, newSide []token) ([]string, bool) {
	// each side is a list of step names: each item is read on its own, so that
	// "the document scan and face compare" names two steps, not a comparison
	// that reads the document
	olds := p.withCapture(dedupeKinds(p.listItems(oldSide)), oldSide)
	// the new side is read in the flow as it will be, without the old steps:
	// "a 1:1 compare against the licence photo we already hold" reads the held
	// photo, not the document the scan taken out would have read
	ctx := slices.DeleteFunc(slices.Clone(p.steps), func(s *step) bool { return findKind(olds, s.k) >= 0 })
	news := dedupeKinds(listItemsIn(newSide, ctx))
	if len(olds) < 2 || len(news) == 0 {
		return nil, false
	}
	for _, s := range olds {
		if p.find(s.k) < 0 || s.k.isConversation() {
			return nil, false
		}
	}
	// a step the flow keeps, named on the new side, is a source of the new
	// steps ("with a comparison of the face scan against the profile photo"),
	// not one to add; a step of a kind the old side takes out may come back set
	// up anew ("… with a single 1:1 compare against the licence photo we already
	// hold")
	news = slices.DeleteFunc(news, func(s *step) bool { return p.find(s.k) >= 0 && findKind(olds, s.k) < 0 })
	if len(news) == 0 {
		return nil, false
	}
	if !slices.ContainsFunc(news, func(s *step) bool { return findKind(olds, s.k) < 0 }) && len(news) >= len(olds) {
		return nil, false // the same steps again is no replacement
	}
	at := len(p.steps)
	var done []string
	for _, o := range olds {
		i := p.find(o.k)
		if i < 0 {
			continue // "mail instead of SMS code": a family kind (a code) whose one step an earlier item already took
		}
		at = min(at, i)
		done = append(done, p.removeAt(i))
	}
	for k, s := range news {
		s.front, s.back = false, false
		pos := min(at+k, len(p.steps))
		if f := p.find(kFaceScan); s.k == kFaceCompare && f >= pos && (s.srcA != nil && s.srcA.Source == "faceScan" || s.srcB != nil && s.srcB.Source == "faceScan") {
			pos = f + 1 // "… with a comparison of the face scan against the profile photo": after the scan it reads
		}
		p.steps = insertStep(p.steps, pos, s)
		p.touched = s
		done = append(done, "added "+s.k.withArticle()+" in their place")
	}
	return done, true
}

// withCapture adds the face scan to the steps an old side names when that side
// names the comparison by the capture it reads ("instead of all the ID and
// selfie comparing"): read in the flow, "selfie" is the comparison's source,
// not an item of its own, yet the capture the words name goes with the
// comparison that was its only reader.
func (p *plan) withCapture(olds []*step, side []token) []*step {
	c, f := p.stepOf(kFaceCompare), p.stepOf(kFaceScan)
	if c == nil || f == nil || findKind(olds, kFaceCompare) < 0 || findKind(olds, kFaceScan) >= 0 || !readsImageOf(c, kFaceScan) {
		return olds
	}
	if findKind(analyze(side, nil).steps, kFaceScan) < 0 {
		return olds // "instead of the ID comparison": the capture stays, the words do not name it
	}
	for _, s := range p.steps {
		if s != c && readsImageOf(s, kFaceScan) {
			return olds // another step still reads the capture
		}
	}
	return append(olds, &step{k: kFaceScan})
}

// holdPlace: each step of pos is already where the place puts it: the flow's
// first check (front) or its last (back).
func (p *plan) holdPlace(pos []*step, front, back bool) bool {
	checks := p.checkSteps()
	if len(checks) == 0 {
		return false
	}
	for _, s := range pos {
		f, b := front || s.front && !s.back, back || s.back && !s.front
		switch {
		case f == b:
			return false
		case f && findKind(checks[:1], s.k) < 0, b && findKind(checks[len(checks)-1:], s.k) < 0:
			return false
		}
	}
	return true
}

// penultSaid: a cheap test before penultToOrdinal: the words name the place
// before the last.
func penultSaid(words []string) bool {
	for i, w := range words {
		w = strings.ToLower(strings.Trim(w, ",;:.!?()"))
		switch {
		case w == "penultimate" || w == "second-to-last" || w == "next-to-last" || w == "second-last":
			return true
		case w == "last" && i > 0 && (strings.EqualFold(words[i-1], "to") || strings.EqualFold(words[i-1], "before")),
			w == "last" && i+1 < len(words) && strings.EqualFold(words[i+1], "but"):
			return true
		}
	}
	return false
}

// askedAfter: a question to the user comes after the check s. The user counts
// it as a step ("remove the penultimate step" of "…, face scan, ask their date
// of birth, SMS code" is the question), where the places counted from the end
// count checks only: such a place is not read as a check's name.
func (p *plan) askedAfter(s *step) bool {
	i := slices.Index(p.steps, s)
	return i >= 0 && slices.ContainsFunc(p.steps[i+1:], func(o *step) bool { return o.k == kAsk })
}

// penultHeld reads the clause of a place counted from the end ("the second
// to last step") for what keeps it from naming the check there. held: the
// clause says the step there stays ("don't remove the second to last step",
// "keep the one before last", "remove the last step but not the second to
// last"), so it names none to change. counted: the place counts only some
// steps ("the second to last scan": scans, not every check) or is one of a
// list of places ("remove the second and second to last steps", "steps 2
// and the second to last"), which one check's name would cut short.
func penultHeld(words []string) (held, counted bool) {
	lw := make([]string, len(words))
	for i, w := range words {
		lw[i] = bareWord(w)
	}
	at, end := -1, -1
	for i := 0; i < len(lw) && at < 0; i++ {
		for _, ph := range penultimatePhrases {
			if seq := strings.Fields(ph); lw[i] == strings.Join(seq, "-") {
				at, end = i, i // "second-to-last"
			} else if i+len(seq) <= len(lw) && slices.Equal(lw[i:i+len(seq)], seq) {
				at, end = i, i+len(seq)-1
			}
			if at >= 0 {
				break
			}
		}
	}
	if at < 0 {
		return false, false
	}
	if end+1 < len(lw) && (lex.placeStep[lw[end+1]] || lex.placeSlot[lw[end+1]]) && !strings.ContainsAny(words[end], ",;:.!?") {
		end++ // "second to last step"
	}
	cs := clauseStart(words, lw, at)
	ce := end
	for ce+1 < len(lw) && !strings.ContainsAny(words[ce], ",;:.!?") && lw[ce+1] != "and" && lw[ce+1] != "then" {
		ce++
	}
	held = slices.ContainsFunc(lw[cs:at], func(w string) bool { return lex.heldPlace[w] }) ||
		slices.ContainsFunc(lw[end+1:ce+1], func(w string) bool { return lex.heldPlace[w] })
	counted = end+1 < len(lw) && !strings.ContainsAny(words[end], ",;:.!?") && lex.countedNoun[lw[end+1]] ||
		slices.ContainsFunc(lw[:at], func(w string) bool { return lex.ordinal[w] > 0 || w != "" && strings.Trim(w, "0123456789") == "" })
	return held, counted
}

// penultToOrdinal writes the place before the last ("the second to last
// step", "the penultimate check", "the one before last") as the ordinal it is
// in a flow of n checks ("the third step" of four), so that it is read as
// every ordinal place is: a step named by its place, or where a step goes.
func penultToOrdinal(words []string, n int) []string {
	if n < 2 || n-1 > len(ordinalWords) {
		return words
	}
	ord := ordinalWords[n-2]
	var out []string
	for i := 0; i < len(words); i++ {
		lw := func(k int) string { return strings.ToLower(strings.Trim(words[k], ",;:.!?()")) }
		w := lw(i)
		switch {
		case w == "penultimate" || w == "second-to-last" || w == "next-to-last" || w == "second-last":
			out = append(out, strings.Replace(words[i], words[i][:len(w)], ord, 1))
			continue
		case i+2 < len(words) && (w == "second" || w == "next") && lw(i+1) == "to" && lw(i+2) == "last",
			i+2 < len(words) && w == "last" && lw(i+1) == "but" && lw(i+2) == "one":
			out = append(out, ord+words[i+2][len(lw(i+2)):])
			i += 2
			continue
		case i+2 < len(words) && w == "one" && lw(i+1) == "before" && lw(i+2) == "last":
			out = append(out, ord, "one"+words[i+2][len(lw(i+2)):])
			i += 2
			continue
		}
		out = append(out, words[i])
	}
	return out
}

// definiteAt: the step named at pos in ts is named with "the" or "that" ("end
// with the liveness"): one the text already knows of.
func definiteAt(ts []token, pos int) bool {
	return pos > 0 && pos <= len(ts) && (ts[pos-1].raw == "the" || ts[pos-1].raw == "that")
}

// onceKind: a flow needs a step of kind k once; a second, added without words
// that ask for another, repeats the first ("add liveness" to a flow that checks
// liveness).
func onceKind(k kind) bool {
	return k == kLiveness || k == kRecognition || k == kPermissions || k == kEnterEmail
}

// statesOnly: the greeting or the closing line must ask nothing ("It
// shouldn't ask them anything in the greeting, just say it and move on"): the
// line waits for no reply, and stays.
func (p *plan) statesOnly(ts []token) ([]string, bool) {
	k := lineKinds[lineTarget(ts)]
	i := p.find(k)
	if k != kGreeting && k != kClosing || i < 0 || !has(ts, "ask") && !hasRaw(ts, "question", "questions", "reply", "answer") || hasAnyRaw(ts, lex.addVerb) || hasAnyRaw(ts, lex.addWord) {
		return nil, false // ("add a line at the start, it's just an intro, they don't need to answer" adds one)
	}
	negs := negations(ts)
	if !slices.ContainsFunc(ts, func(t token) bool { return t.w == "no" }) && !slices.Contains(negs, true) {
		return nil, false
	}
	if n := p.steps[i].node; n != nil {
		n.DoesNotRequireReply = true
	}
	return []string{"the " + k.String() + " asks nothing and waits for no reply"}, true
}

// movesOn: "move" is "move on" ("just say it and move on"): going on with the
// flow, no step moved.
func movesOn(ts []token) bool {
	i := index(ts, "move")
	return i >= 0 && i+1 < len(ts) && ts[i+1].raw == "on" && (i+2 == len(ts) || ts[i+2].raw == "to" || ts[i+2].w == ".")
}

// replaceUnread rewrites "NEW instead of OLD" (the "instead" at k, the new
// side ending at end) as "replace OLD with NEW" when the sentence read whole
// does not rule OLD out: "compare 1:1 against that photo instead of searching
// all faces" reads the faces as the comparison's. "…, so instead of searching
// all faces compare 1:1 against that photo" puts the old side first; the new
// one starts at the comma or the verb after it.
func (p *plan) replaceUnread(ts []token, k, end int) []token {
	oldSide, newSide, lead := ts[k+2:], ts[:end], []token(nil)
	if len(analyze(newSide, p.steps).steps) == 0 {
		lead = ts[:end] // ("we will send their profile photo now, so …": what "that photo" is)
		j := k + 3
		for j < len(ts) && ts[j].w != "," && !(lex.doVerb[ts[j].w] && !strings.HasSuffix(ts[j].raw, "ing")) {
			j++
		}
		oldSide, newSide = ts[k+2:min(j, len(ts))], ts[min(j, len(ts)):]
	}
	olds := dedupeKinds(p.listItems(oldSide))
	if len(olds) != 1 || p.find(olds[0].k) < 0 || len(analyze(newSide, p.steps).steps) == 0 || analyze(ts, p.steps).neg.has(olds[0].k) {
		return ts
	}
	replace, with := tokenize("replace with")[0], tokenize("replace with")[1]
	return slices.Concat(lead, []token{replace}, oldSide, []token{with}, newSide)
}

// listItems reads a list of step names ("the document scan and the face
// comparison", "ID scan, selfie plus compare") item by item, so that the words of
// one item do not change what another names.
func (p *plan) listItems(side []token) []*step { return listItemsIn(side, p.steps) }

// listItemsIn is listItems read with the steps ctx before them.
func listItemsIn(side []token, ctx []*step) []*step {
	var out []*step
	start := 0
	for i := 0; i <= len(side); i++ {
		if i < len(side) && !(side[i].w == "," || side[i].raw == "and" || side[i].raw == "plus" || side[i].w == "." || withJoins(side, start, i, ctx)) {
			continue
		}
		if i > start {
			out = append(out, emailFamily(side[start:i], analyze(side[start:i], ctx).steps, ctx)...)
		}
		start = i + 1
	}
	return out
}

// withJoins: "with" at i joins two items of a list as "and" does ("delete the
// selfie with the compare"): the words before it name a step that is no
// comparison (after a comparison "with" names what it compares: "the compare
// with the selfie"), and the words after it name a step too.
func withJoins(side []token, start, i int, ctx []*step) bool {
	if side[i].raw != "with" || i == start || i+1 >= len(side) {
		return false
	}
	left := analyze(side[start:i], ctx).steps
	if len(left) != 1 || left[0].k == kFaceCompare || left[0].k.isConversation() {
		return false
	}
	end := i + 1
	for end < len(side) && !(side[end].w == "," || side[end].raw == "and" || side[end].raw == "plus" || side[end].w == ".") {
		end++
	}
	right := analyze(side[i+1:end], ctx).steps
	return len(right) > 0 && !right[0].k.isConversation()
}

// emailFamily: an item that names email steps as a group ("the email bits",
// "both email steps", "the email stuff") names the email entry and the email
// code alike, each the flow ctx has; so does one that names all there is of
// email ("everything email related", "anything to do with email").
func emailFamily(item []token, named, ctx []*step) []*step {
	if len(named) != 1 || named[0].k != kEnterEmail && named[0].k != kEmailOTP || !hasAnyRaw(item, lex.collective) && !hasAnyRaw(item, lex.everyOne) && !hasAnyRaw(item, lex.universal) {
		return named
	}
	other := kEmailOTP
	if named[0].k == kEmailOTP {
		other = kEnterEmail
	}
	if findKind(ctx, other) < 0 {
		return named
	}
	return append(named, &step{k: other})
}

// alsoOtherOp: an "also" opens another kind of change ("remove the selfie and
// also add an SMS code", "also move …"); "and also the selfie" only goes on
// with the list of what is removed.
func alsoOtherOp(ts []token) bool {
	for i, t := range ts {
		if t.raw == "also" && (i+1 == len(ts) || (instructionVerbs[ts[i+1].w] || editVerbs[ts[i+1].w]) && !lex.removeVerb[ts[i+1].raw]) {
			return true
		}
	}
	return false
}

// removeMany removes the steps a list names ("remove the document scan and the
// face comparison"). It declines (false) unless the list names two or more
// verification steps, each of which the flow has.
func (p *plan) removeMany(ts []token) ([]string, bool) {
	v := 0
	for v < len(ts) && !lex.removeVerb[ts[v].raw] && !lex.takeVerb[ts[v].raw] { // ("take out the email stuff")
		v++
	}
	if v >= len(ts) {
		return nil, false
	}
	return p.removeList(ts[v+1:])
}

// negatedList: where a negation that runs to the end of the words opens on a
// list ("could we not do the passport, the selfie or the comparing bit?",
// "no passport, selfie or compare"): the list's start, or -1. Commas split a
// sentence into clauses, each of which would read its items alone, the first
// ruled out and the rest named; the negation's scope is the whole list.
func negatedList(ts []token) int {
	if !slices.ContainsFunc(ts, func(t token) bool { return t.w == "," || t.raw == "or" || t.raw == "and" || t.raw == "nor" }) {
		return -1 // no list (checked first: most sentences have none, and negations is dearer)
	}
	neg := negations(ts)
	i := slices.Index(neg, true)
	if i <= 0 || slices.Contains(neg[i:], false) || !slices.ContainsFunc(ts[i:], func(t token) bool { return t.w == "," || t.raw == "or" || t.raw == "and" || t.raw == "nor" }) {
		return -1
	}
	if last := len(ts) - 1; !stepNoun(ts[last]) && !(last > 0 && ts[last].w == "." && stepNoun(ts[last-1])) && ts[last].raw != "bit" && ts[last].raw != "part" {
		return -1 // ("no liveness, SMS code or email code changes though": what stays as it is)
	}
	return i
}

// removeList removes the steps a list names, each of which the flow has (see
// removeMany).
func (p *plan) removeList(list []token) ([]string, bool) {
	targets := p.listItems(list)
	if i := slices.IndexFunc(targets, func(s *step) bool { return s.k == kOTP }); i >= 0 && hasAnyRaw(list, lex.everyOne) {
		// "drop both OTPs and the email collection": "both"/"all" codes are every
		// code the flow has, whatever their channel
		var codes []*step
		for _, s := range p.steps {
			if isCodeKind(s.k) {
				codes = append(codes, &step{k: s.k})
			}
		}
		if len(codes) > 1 {
			targets = slices.Concat(targets[:i], codes, targets[i+1:])
		}
	}
	if codes := slices.DeleteFunc(slices.Clone(p.steps), func(s *step) bool { return !isCodeKind(s.k) }); len(codes) == 1 {
		// "drop the age check and the whole email part (the entry and the
		// code)": "the code" of a flow with one code is that one
		for i, s := range targets {
			if s.k == kOTP {
				targets[i] = &step{k: codes[0].k}
			}
		}
	}
	targets = dedupeKinds(targets)
	if len(targets) < 2 {
		return nil, false
	}
	for _, s := range targets {
		if s.k == kOTP || s.k.isConversation() || p.find(s.k) < 0 {
			return nil, false
		}
	}
	var done []string
	for _, s := range targets {
		i := p.find(s.k)
		p.removed = i + 1
		done = append(done, p.removeAt(i))
	}
	return done, true
}

// rewordOf recognises "change the greeting to '...'", "reword the question: ...".
func rewordOf(sentence string, ts []token) (bool, string, string) {
	verb := hasRaw(ts, "reword", "rephrase", "rewrite", "wording", "reworded", "rephrased")
	target := lineTarget(ts)
	if target == "" {
		return false, "", ""
	}
	text := quoted(sentence)
	said := false // the words follow a form of "say"
	if text == "" {
		for _, sep := range []string{" introduces itself as ", " introduce itself as ", " introduces herself as ", " introduces himself as ", " welcome them back to ", " welcome them to ", " to say ", " by saying ", " say ", " to ask ", " so it asks ", " so that it asks ", " to: ", " to ", " as ", ": "} {
			if i := indexFold(sentence, sep); i >= 0 {
				text = strings.TrimSpace(sentence[i+len(sep):])
				said = strings.Contains(sep, "say")
				if strings.Contains(sep, "welcome") {
					// "the greeting should welcome them back to Kestrel Bank"
					text = "Welcome" + strings.TrimPrefix(strings.TrimSuffix(sep, " "), " welcome them") + " " + strings.TrimRight(text, ".!") + "."
					verb = true
				}
				if strings.Contains(sep, "introduce") {
					// "so the avatar introduces itself as Max from Orbit Support",
					// "the greeting should introduce itself as Nova": the new line
					text = "Hi, I'm " + strings.TrimRight(text, ".!") + "."
					verb = true
				}
				if strings.Contains(sep, "ask") {
					text = "Ask the user " + text
				}
				break
			}
		}
	}
	// ("the greeting should say hello from the Acme team": a line told what to
	// say is reworded; "the greeting should go to the end" is no wording)
	// ("say goodbye at the end with 'Thanks for banking with us'", "greet them
	// with "Hi there"": the line named, said in the words quoted)
	quotedLine := quoted(sentence) != "" && (hasAnyRaw(ts, lex.sayVerb) || hasRaw(ts, "with"))
	if !verb && (text == "" || !hasRaw(ts, "change", "make", "set", "update", "let", "have", "reword", "edit", "modify", "saying") && !(said && hasAnyHot(ts, hSubjectAux)) && !quotedLine) {
		return false, "", ""
	}
	if quoted(sentence) == "" {
		text = placeTail(text)
	}
	return true, target, text
}

// opensAsGreeting: unquoted words told to a greeting start with a salutation
// ("welcome to Orbit Bank", "hi from the Acme team").
func opensAsGreeting(text string) bool {
	ts := tokenize(text)
	return len(ts) > 1 && lex.salutation[ts[0].raw]
}

// readBackMore adds details to the read-back the flow has ("also read back the
// IBAN", "the read back should mention the IBAN too", "include the reference in
// the read-back"): the one question reads them all, not a second question beside
// it. It declines (false) when the change is no such addition.
func (p *plan) readBackMore(ts []token) ([]string, bool) {
	r := slices.IndexFunc(ts, func(t token) bool { return t.raw == "readback" })
	for k := 0; r < 0 && k+1 < len(ts); k++ {
		if (ts[k].raw == "read" || ts[k].raw == "reads") && ts[k+1].raw == "back" {
			r = k
		}
	}
	if r < 0 || !hasAnyRaw(ts, lex.readBackMore) {
		return nil, false
	}
	var q *step
	old := ""
	for _, s := range p.steps {
		if s.k == kAsk && s.node != nil {
			if o, ok := strings.CutPrefix(s.node.Prompt, "Read "); ok {
				if o, _, ok = strings.Cut(o, " back to the user"); ok {
					q, old = s, o
				}
			}
		}
	}
	if q == nil {
		return nil, false
	}
	// the details: after "read back", or after the verb that adds them
	from := r + 2
	if ts[r].raw == "readback" || from >= len(ts) || lex.readBackEnd[ts[from].raw] || ts[from].in(hSubjectAux) {
		from = slices.IndexFunc(ts, func(t token) bool { return lex.readBackMore[t.raw] && t.raw != "also" && t.raw != "too" }) + 1
	}
	to := from
	for to < len(ts) && !lex.readBackEnd[ts[to].raw] && !lex.readBackMore[ts[to].raw] && ts[to].raw != "in" && ts[to].raw != "as" && ts[to].w != "," {
		to++
	}
	if from <= 0 || to <= from {
		return nil, false
	}
	more := clauseText(ts[from:to])
	if strings.Contains(strings.ToLower(old), strings.ToLower(more)) {
		return []string{"kept the read-back, which already reads " + more}, true
	}
	all := strings.ReplaceAll(old, " and ", ", ") + " and " + more // "the amount, payee and the IBAN"
	q.node.Prompt = strings.Replace(q.node.Prompt, "Read "+old+" back", "Read "+all+" back", 1)
	for i, o := range q.node.Outcomes {
		q.node.Outcomes[i].Condition = strings.Replace(o.Condition, "confirmed "+old, "confirmed "+all, 1)
	}
	p.touched = q
	return []string{"the read-back now also reads " + more}, true
}

// placeTail cuts the place said after a line ("have the avatar say goodbye at
// the very end"): where the line goes, not what it says.
func placeTail(text string) string {
	low := strings.ToLower(strings.TrimRight(text, ".!"))
	for _, p := range linePlaceTails {
		if !strings.HasSuffix(low, p) || len(low) <= len(p) {
			continue
		}
		head := strings.TrimSpace(text[:len(low)-len(p)])
		if f := strings.Fields(head); len(f) > 0 && lex.determiner[strings.ToLower(f[len(f)-1])] {
			return text // "ask whether this is their first": an ordinal of what is said
		}
		return head
	}
	return text
}

// lineKinds are the steps of the lines lineTarget names.
var lineKinds = map[string]kind{"greeting": kGreeting, "closing": kClosing, "question": kAsk}

// lineTarget names the line a change speaks of: "greeting", "closing",
// "failure", "question", "fallback" (what a failure path says), or "".
func lineTarget(ts []token) string {
	target := ""
	for _, t := range ts {
		switch {
		case t.w == "greet" || t.raw == "opening" || t.raw == "intro":
			target = "greeting"
		case t.w == "goodbye" || t.raw == "closing" || t.raw == "ending" || (t.raw == "final" || t.raw == "last") && hasRaw(ts, "line", "message"):
			target = "closing"
		case t.raw == "failure" || t.raw == "rejection" || (t.raw == "error" && hasRaw(ts, "message")):
			target = "failure"
		case t.raw == "question" || t.raw == "questions" || t.raw == "conversation" || t.raw == "prompt":
			if target == "" {
				target = "question"
			}
		case lex.lineNoun[t.raw] && target == "" && has(ts, "fail"):
			// "reword that denied-camera message to: …", "change the line they
			// hear when the SMS fails": what a step's failure path says
			target = "fallback"
		}
	}
	return target
}

func quoted(s string) string {
	for _, q := range [][2]string{{"\"", "\""}, {"“", "”"}, {"'", "'"}, {"‘", "’"}} {
		i := strings.Index(s, q[0])
		if i < 0 {
			continue
		}
		j := strings.LastIndex(s, q[1])
		if j > i+len(q[0]) {
			return strings.TrimSpace(s[i+len(q[0]) : j])
		}
	}
	return ""
}

// sayOnFailure makes the session's failure message say a told line (nil: as
// it was).
func (p *plan) sayOnFailure(line *step) {
	if line == nil {
		return
	}
	if p.failure == nil {
		p.failure = &flow.Node{ID: "failure", Type: flow.TypeConversation, DoesNotRequireReply: true}
	}
	p.failure.Prompt = informPrompt(line, p.uc, p.noun)
}

func (p *plan) reword(target, text string) ([]string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, errors.New("flowbuild: say the new wording, e.g. change the greeting to \"Hi, thanks for calling\"")
	}
	prompt := sayLine(text)
	if target == "failure" {
		if p.failure == nil {
			n := flow.Node{ID: "failure", Type: flow.TypeConversation, DoesNotRequireReply: true}
			p.failure = &n
		}
		p.failure.Prompt = prompt
		return []string{"reworded the failure message"}, nil
	}
	want := lineKinds[target]
	for _, s := range p.steps {
		if s.k == want || want == kAsk && s.k == kInform {
			if s.node == nil {
				n := flow.Node{Type: flow.TypeConversation}
				s.node = &n
				s.node.ID = baseID(s)
				p.fill(s.node, s, hasVideo(p.steps))
			}
			s.node.Prompt = prompt
			return []string{"reworded the " + target}, nil
		}
	}
	if want == kClosing {
		s := &step{k: kClosing}
		n := flow.Node{ID: "closing", Type: flow.TypeConversation, Prompt: prompt, DoesNotRequireReply: true, Outcomes: []flow.Outcome{{ID: "done"}}}
		s.node = &n
		p.steps = append(p.steps, s)
		return []string{"added a closing line"}, nil
	}
	return nil, fmt.Errorf("flowbuild: the flow has no %s to reword", target)
}

// sayLine is the prompt for a new wording: a sentence, said as written unless
// it already tells the avatar what to do ("Ask …", "Explain …").
func sayLine(text string) string {
	// a spoken line is a sentence: "welcome back" is said as "Welcome back."
	text = sentenceOf(text)
	if text == "" {
		return text
	}
	low := strings.ToLower(text)
	if !strings.HasPrefix(low, "say:") && !strings.HasPrefix(low, "ask") && !strings.HasPrefix(low, "explain") && !strings.HasPrefix(low, "tell") && !strings.HasPrefix(low, "confirm") {
		return "Say: " + text
	}
	return text
}

// rewordFallback rewords what the avatar says on a step's failure path ("Reword
// that denied-camera message to: \"…\""): the step the words name, or the one
// step whose failure path has a line.
func (p *plan) rewordFallback(ts []token, text string) ([]string, error) {
	var owners []*step
	for _, s := range p.steps {
		if slices.ContainsFunc(s.fallback, func(f *step) bool { return f.k == kInform || f.k == kAsk }) {
			owners = append(owners, s)
		}
	}
	if len(owners) > 1 {
		named := analyze(ts, p.steps)
		owners = slices.DeleteFunc(owners, func(s *step) bool {
			return findKind(named.steps, s.k) < 0 && !named.neg.has(s.k) && !(s.k == kPermissions && (has(ts, "camera") || has(ts, "microphone")))
		})
	}
	if len(owners) != 1 {
		return p.reword("failure", text) // the session's one failure message
	}
	for _, f := range owners[0].fallback {
		if f.k != kInform && f.k != kAsk {
			continue
		}
		if strings.TrimSpace(text) == "" {
			return nil, errors.New("flowbuild: say the new wording, e.g. change that message to \"Please call our helpline\"")
		}
		f.phrase = strings.TrimSpace(text)
		if f.node != nil {
			f.node.Prompt = sayLine(text)
		}
		return []string{"reworded the message when the " + owners[0].k.String() + " fails"}, nil
	}
	return nil, nil
}

// resolvePlace names the step a change picks by its place among steps that
// share a noun ("the second code", "the last scan") by its kind ("the SMS
// one-time code"), so that the rest of the change reads as if it were named. It
// leaves the part as it is when the noun names one step only, when the change
// brings in a step ("add a second code"), or when it counts two places ("swap
// the first and second codes").
func (p *plan) resolvePlace(part string) string {
	words := strings.Fields(part)
	at, place := -1, 0
	for i, w := range words {
		w = strings.ToLower(strings.Trim(w, ",;:.!?"))
		n := lex.ordinal[w]
		if lex.lastPlace[w] {
			n = -1
		}
		if lex.addWord[w] {
			return part
		}
		if n == 0 {
			continue
		}
		if at >= 0 {
			return part // two places: an exchange or a list, read by place elsewhere
		}
		at, place = i, n
	}
	if at < 0 || at+1 >= len(words) {
		return part
	}
	noun, _ := lex.lemma(strings.ToLower(strings.Trim(words[at+1], ",;:.!?")))
	kinds, ok := placeNounKinds[noun]
	if !ok {
		return part
	}
	var same []*step
	for _, s := range p.steps {
		if slices.Contains(kinds, s.k) {
			same = append(same, s)
		}
	}
	if place < 0 {
		place = len(same)
	}
	if len(same) < 2 || place > len(same) || same[place-1].k == same[0].k && place != 1 {
		return part // one step of that noun, or two of one kind, which a name cannot tell apart
	}
	end := at + 1
	for end+1 < len(words) {
		if l, _ := lex.lemma(strings.ToLower(strings.Trim(words[end+1], ",;:.!?"))); l != noun {
			break
		}
		end++ // "the second one-time code": one noun in two words
	}
	tail := ""
	if w := words[end]; strings.ContainsAny(w[len(w)-1:], ",;:.!?") {
		tail = w[len(w)-1:]
	}
	out := slices.Concat(words[:at], []string{same[place-1].k.String() + tail}, words[end+1:])
	return strings.Join(out, " ")
}

// namedPair: the two verification steps an instruction named, as the kinds the
// flow has them ("the email code" for its email one-time code), and whether it
// placed one relative to the other ("… before the SMS code").
func namedPair(ts []token, steps []*step) ([]kind, bool) {
	a := analyze(ts, steps)
	var ks []kind
	for _, s := range append(a.steps, a.ref...) {
		i := findKind(steps, s.k)
		if i < 0 || s.k.isConversation() || slices.Contains(ks, steps[i].k) {
			continue
		}
		ks = append(ks, steps[i].k)
	}
	if len(ks) != 2 {
		return nil, false
	}
	return ks, len(a.ref) > 0
}

// sourceInstead: the change ends "compare that to the photo we pass in
// providedData instead": the bare "instead" is said of the image compared
// against, after a verb of comparing and "to"/"against"/"with" an image, not a
// replacement of a step; no other word of replacing is in the clause, and the
// comparison follows another step with "and" ("do a face scan in its place and
// compare that …").
func sourceInstead(ts []token) bool {
	n := len(ts)
	for n > 0 && (ts[n-1].w == "." || ts[n-1].w == ",") {
		n--
	}
	if n < 4 || ts[n-1].raw != "instead" || hasRaw(ts, "replace", "replaced", "switch", "rather", "swap") {
		return false
	}
	cmp := -1
	for i := 0; i < n-1; i++ {
		if ts[i].w == "compare" || ts[i].w == "match" {
			cmp = i
		}
	}
	if cmp < 1 || ts[cmp-1].raw != "and" {
		return false // "compare their face to the profile photo … instead" alone replaces the comparison it names
	}
	for i := cmp + 1; i < n-2; i++ {
		if lex.compareTo[ts[i].raw] && slices.ContainsFunc(ts[i+1:n-1], func(t token) bool { return imageLemmas[t.w] }) {
			return true
		}
	}
	return false
}

// sentenceOpens: the words at rs open a sentence: a capitalised word
// ("Add", "Also") or an instruction's verb, not an identifier ("ARP-22"), a
// number ("20%") or a word going on in lower case.
func sentenceOpens(rs []rune) bool {
	w := strings.Fields(string(rs[:min(len(rs), 24)]))
	if len(w) == 0 {
		return true
	}
	f := []rune(w[0])
	if len(f) > 1 && unicode.IsUpper(f[0]) && unicode.IsLower(f[1]) {
		return true
	}
	return verbAfterDash(rs)
}

// verbAfterDash: the words after a dash open with the verb of a change.
func verbAfterDash(rs []rune) bool {
	w := strings.Fields(string(rs[:min(len(rs), 24)]))
	return len(w) > 0 && editVerbs[strings.ToLower(strings.Trim(w[0], ",;:"))]
}

// exceptsStep: the change has an exception phrase that lets a step in
// ("remove everything apart from the passport scan"); one before a position
// ("remove every code beyond the first one") counts along the steps, and is
// no exception of a kind.
func exceptsStep(ts []token) bool {
	for i := range ts {
		n := phraseLen(ts, i, lex.exceptPhrase)
		if n == 0 {
			continue
		}
		j := i + n
		if j < len(ts) && ts[j].in(hDeterminer) {
			j++
		}
		if j < len(ts) && lex.ordinal[ts[j].raw] > 0 {
			continue
		}
		return true
	}
	return false
}

// struckRemovals reads steps struck through in a change ("~~ID scan~~
// ~~face compare~~ not needed anymore", "~~sms otp~~ email otp") as their
// removal, as an editor's strikethrough means; the words around them stay
// (a step named after them is still added, a reason is a remark). A struck
// number or word that names no step is left to the sentence as written.
func struckRemovals(text string, steps []*step) string {
	if !strings.Contains(text, "~~") {
		return text
	}
	var gone []string
	var struck []*step
	var b strings.Builder
	rest := text
	for {
		before, part, after, ok := cutStruck(rest)
		if !ok {
			break
		}
		// (only steps the flow has: "replace the SMS with ~~an email code~~
		// an email entry" takes the writer's own words back, as Build reads it)
		named := analyze(tokenize(part), nil).steps
		if len(named) == 0 || slices.ContainsFunc(named, func(s *step) bool { return findKind(steps, s.k) < 0 }) {
			return text
		}
		b.WriteString(before)
		gone = append(gone, strings.TrimSpace(part))
		struck = append(struck, named...)
		rest = after
	}
	if len(gone) == 0 {
		return text
	}
	b.WriteString(rest)
	// (the rest names a struck step's kind again: "~~face liveness~~
	// liveness is mandatory, keep it", "the ~~ID scan~~ passport scan": the
	// writer corrects a word, the step stays where it is, read as written)
	for _, s := range analyze(tokenize(b.String()), nil).steps {
		if slices.ContainsFunc(struck, func(o *step) bool { return o.k == s.k }) {
			return text
		}
	}
	out := "remove the " + strings.Join(gone, " and the ") + "."
	if tail := strings.TrimSpace(b.String()); tail != "" {
		out += " " + tail
	}
	return out
}

// dropOpenItems takes out of a change the items meeting notes leave open
// ("Parked: whether to add liveness.", "open q: add an email code too?
// tabled", "TBD: …"): from the heading to the end of its sentence, each said
// back in a note; what the line says after that stays ("TBD: liveness.
// Decided: drop the compare" still drops the compare).
func dropOpenItems(text string) (string, []string) {
	if !strings.Contains(text, ":") {
		return text, nil
	}
	lines := strings.Split(text, "\n")
	var notes []string
	for i, line := range lines {
		body := strings.TrimLeft(line, " \t-*•")
		if !openItem(body) {
			continue
		}
		colon := strings.Index(body, ":")
		if item := strings.TrimSpace(body[colon+1:]); item != "" {
			// "TBD: none, just remove the SMS", "Parked: nothing.": no item is
			// open, and what follows the "none" is asked
			first, rest, _ := strings.Cut(item, " ")
			if lex.noneItem[strings.ToLower(strings.Trim(first, ",;:.!?"))] {
				lines[i] = strings.TrimSpace(rest)
				continue
			}
		}
		end := len(body)
		if k := strings.IndexAny(body[strings.Index(body, ":")+1:], ".?!"); k >= 0 {
			end = strings.Index(body, ":") + 1 + k + 1
		}
		notes = append(notes, "Read \""+strings.TrimSpace(body[:end])+"\" as a question the notes leave open, so the change does not act on it; say so when it is decided.")
		lines[i] = strings.TrimSpace(body[end:])
	}
	if notes == nil {
		return text, nil
	}
	return strings.Join(lines, "\n"), notes
}

// speakerTurns puts each turn of a chat pasted on one line on a line of its
// own ("Priya: add an SMS code / Tom: +1 / Priya: actually no SMS"): a slash
// before a speaker's name and colon ends a turn, as a new line would.
func speakerTurns(text string) string {
	if !strings.Contains(text, " / ") {
		return text
	}
	segs := strings.Split(text, " / ")
	var b strings.Builder
	b.WriteString(segs[0])
	for _, seg := range segs[1:] {
		name, _, ok := strings.Cut(seg, ":")
		if ok && len(name) > 0 && len(name) <= 20 && !strings.ContainsAny(name, " \t/") && name[0] >= 'A' && name[0] <= 'Z' {
			b.WriteString("\n")
		} else {
			b.WriteString(" / ")
		}
		b.WriteString(seg)
	}
	return b.String()
}

// arrowReplace reads a line "A -> B" whose two sides each name one step, A
// one the flow has and B another, as "replace the A with B" ("email otp ->
// sms otp", "known users only: doc scan -> face scan"): the arrow of a
// terse change points from the old step to the new. A scope before a colon
// stays ("known users only: …"); any other arrow, and one whose B the flow
// already has, is left as written (an order, never a removal).
func arrowReplace(text string, steps []*step) string {
	if !strings.Contains(text, "->") {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if strings.Count(line, "->") != 1 {
			continue
		}
		left, right, _ := strings.Cut(line, "->")
		prefix := ""
		if k := strings.LastIndex(left, ":"); k >= 0 {
			prefix, left = left[:k+1]+" ", left[k+1:]
		}
		one := func(side string) *step {
			var only *step
			for _, s := range analyze(tokenize(side), nil).steps {
				if s.k.isConversation() {
					return nil
				}
				if only != nil && only.k != s.k {
					return nil
				}
				only = s
			}
			return only
		}
		a, b := one(left), one(right)
		if a == nil || b == nil {
			continue
		}
		// ("PP -> DL": the scan's documents, one type for another)
		docs := a.k == kDocument && b.k == kDocument && len(a.docTypes) > 0 && len(b.docTypes) > 0 && !slices.Equal(a.docTypes, b.docTypes)
		// (B already in the flow: "liveness -> ID scan" orders two steps it
		// has, and replacing A with a step the flow has would only remove A:
		// left as written)
		if (a.k == b.k || findKind(steps, b.k) >= 0) && !docs || findKind(steps, a.k) < 0 || strings.ContainsAny(left, ",;") || strings.ContainsAny(right, ",;") {
			continue
		}
		lines[i] = prefix + "replace the " + strings.TrimSpace(left) + " with " + strings.TrimSpace(right)
	}
	return strings.Join(lines, "\n")
}

// agreedOn: the part is a thread's agreement on a step the flow already has
// ("ok, email it is", "SMS it is then", "Tom: fine, the passport scan it
// is"): a name, then "it is", with only words of assent around them.
func agreedOn(ts []token, steps []*step) bool {
	n := len(ts)
	for n > 0 && (ts[n-1].raw == "" || ts[n-1].raw == "then") {
		n--
	}
	if n < 3 || ts[n-2].raw != "it" || ts[n-1].raw != "is" {
		return false
	}
	named := analyze(ts[:n-2], steps)
	if len(named.steps) == 0 || named.neg != 0 {
		return false
	}
	for _, s := range named.steps {
		if findKind(steps, s.k) < 0 && !(s.k == kEnterEmail && findKind(steps, kEmailOTP) >= 0) {
			return false
		}
	}
	return true
}

// openItem: the part opens on a heading of what meeting notes leave open
// ("open question: …", "Parked: …", "TBD: …"; lexicon parkedPhrases).
func openItem(part string) bool {
	head, _, ok := strings.Cut(part, ":")
	if !ok || len(head) > 40 {
		return false
	}
	ts := tokenize(head)
	return len(ts) > 0 && offScopeHeading(ts, lex.parked)
}

// placeNumber reads a place in the flow written as a bare number or ordinal
// ("2", "#2", "2nd", "second", "two"), or 0.
func placeNumber(w string) (int, string) {
	w = strings.TrimPrefix(w, "#")
	tail := w[len(strings.TrimRight(w, ",;:.!?)")):]
	w = strings.ToLower(strings.TrimRight(w, ",;:.!?)"))
	if n := lex.ordinal[w]; n > 0 {
		return n, tail
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) && w[0] >= '0' && w[0] <= '9' {
			w = strings.TrimSuffix(w, suf)
			break
		}
	}
	if n, err := strconv.Atoi(w); err == nil && n >= 1 && n <= len(ordinalWords) {
		return n, tail
	}
	if n := numberWords[w]; n >= 1 && n <= len(ordinalWords) {
		return n, tail // "swap one and two": places spelled out count as figures
	}
	return 0, ""
}

// bareSwapPlaces writes the two places a swap names by number alone as
// steps ("swap 2 and 3", "flip the 2nd & 3rd", "switch 1/2" read "swap the
// second and third steps"), which placeRefs reads; without the noun the bare
// numbers named nothing and the swap was read as the whole order reversed.
func bareSwapPlaces(words []string) []string {
	for i := 0; i+3 < len(words); i++ {
		if !lex.swapVerb[strings.ToLower(words[i])] {
			continue
		}
		j := i + 1
		if strings.EqualFold(words[j], "the") {
			j++
		}
		if j+2 >= len(words) {
			return words
		}
		n, ntail := placeNumber(words[j])
		if n == 0 || ntail != "" {
			return words
		}
		if c := strings.ToLower(words[j+1]); c != "and" && c != "&" && c != "with" && c != "<->" && c != "/" {
			return words
		}
		k, ktail := placeNumber(words[j+2])
		if k == 0 || k == n {
			return words
		}
		if j+3 < len(words) && ktail == "" {
			if w := strings.ToLower(strings.Trim(words[j+3], ",;:.!?")); lex.placeStep[w] || lex.placeNamedNoun[w] ||
				j+4 < len(words) && lex.placeStep[strings.ToLower(strings.Trim(words[j+4], ",;:.!?"))] {
				// "swap 2 and 3 steps", "the 2nd and 3rd check", "the 1st
				// and 2nd question", "the 2nd and 3rd verification steps":
				// named already, and what the noun counts is the count
				return slices.Concat(words[:i+1], []string{"the", ordinalWords[n-1], "and", ordinalWords[k-1]}, words[j+3:])
			}
			if lex.swapCount[strings.ToLower(strings.Trim(words[j+3], ",;:.!?"))] {
				return words // "switch 2 and 3 digits on the code": the numbers count something else
			}
		}
		return slices.Concat(words[:i+1], []string{"the", ordinalWords[n-1], "and", ordinalWords[k-1], "steps" + ktail}, words[j+3:])
	}
	return words
}

// stepByNumber writes a step named by its number as by its place ("step 2",
// "step #3", "step no. 2", "step number two" read "the second step"), which
// placeRefs reads. A number past the ordinals the lexicon counts, or one that
// is a setting ("step 2 should take 8 digits" still names the step), is left.
func stepByNumber(part string) string {
	words := bareSwapPlaces(strings.Fields(part))
	for i := 0; i+1 < len(words); i++ {
		if w := strings.ToLower(words[i]); w != "step" && w != "stage" {
			continue // ("steps 1 and 2": a pair, read where swaps are)
		}
		j := i + 1
		if n := strings.ToLower(strings.Trim(words[j], ".:")); (n == "no" || n == "number" || n == "nr") && j+1 < len(words) {
			j++
		}
		num := strings.TrimPrefix(words[j], "#")
		tail := num[len(strings.TrimRight(num, ",;:.!?)")):]
		num = strings.ToLower(strings.TrimRight(num, ",;:.!?)"))
		n, err := strconv.Atoi(num)
		if err != nil {
			n = numberWords[num]
		}
		if n < 1 || n > len(ordinalWords) {
			continue
		}
		lead := []string{"the"}
		if i > 0 && lex.determiner[strings.ToLower(words[i-1])] {
			lead = nil // "the step 2": its own article
		}
		if tail == "" && j+2 < len(words) && (words[j+1] == "and" || words[j+1] == "&" || words[j+1] == "or") {
			// "swap step 1 and 2": two places, as "the first and second steps"
			m := strings.TrimPrefix(words[j+2], "#")
			mtail := m[len(strings.TrimRight(m, ",;:.!?)")):]
			m = strings.ToLower(strings.TrimRight(m, ",;:.!?)"))
			k, err := strconv.Atoi(m)
			if err != nil {
				k = numberWords[m]
			}
			if k >= 1 && k <= len(ordinalWords) {
				words = slices.Concat(words[:i], lead, []string{ordinalWords[n-1], words[j+1], ordinalWords[k-1], "steps" + mtail}, words[j+3:])
				i += len(lead) + 3
				continue
			}
		}
		words = slices.Concat(words[:i], lead, []string{ordinalWords[n-1], "step" + tail}, words[j+1:])
		i += len(lead) + 1
	}
	return strings.Join(words, " ")
}

// placeRefs names the steps a change picks by their place in the flow rather
// than by their kind, so that the rest of the change reads as if they were
// named: the checks at ordinal places ("add a selfie between the second and
// third steps"), the check beside a named one ("swap the ID scan with the step
// before the code"), where a step goes by ordinal ("move the liveness to be
// second", "make the liveness the third step") and a shift by a count of
// places ("bump the email code up one", "move the selfie two places later").
// Places count the checks, not what the avatar says, as stepAtPlace does. A
// name is put in only when it reads back as the one step it names.
func (p *plan) placeRefs(part string) string {
	words := strings.Fields(part)
	if len(words) < 3 {
		return part
	}
	checks := p.checkSteps()
	if len(checks) < 2 {
		return part
	}
	// places are the checks as the user counts them where a step goes: an
	// email entry and the code sent to it are one place ("make the SMS code
	// the second step" puts it after the code, not between the two), and
	// nothing is moved in front of the entry it needs
	places := slices.DeleteFunc(slices.Clone(checks), func(o *step) bool {
		i := slices.Index(checks, o)
		return o.k == kEnterEmail && i+1 < len(checks) && checks[i+1].k == kEmailOTP
	})
	// head is the first check of a place: the entry of an email code
	head := func(s *step) *step {
		if i := slices.Index(checks, s); i > 0 && s.k == kEmailOTP && !slices.Contains(places, checks[i-1]) {
			return checks[i-1]
		}
		return s
	}
	if penultSaid(words) { // (the cheap test first: penultHeld reads every phrase at every word)
		if held, counted := penultHeld(words); !held && !counted && !addsStep(tokenize(part)) && !(len(checks) > 1 && p.askedAfter(checks[len(checks)-2])) {
			// (a step added "second to last" is counted in the flow it makes,
			// which the place's own reading does: analyze's penult)
			words = penultToOrdinal(words, len(checks))
		}
	}
	lw := lowerTrimmed(words)
	// name is the words for a check that read back as that check alone; ""
	// when they do not, or when two checks of the flow share its kind
	name := func(s *step) string {
		n := s.k.String()
		if slices.IndexFunc(checks, func(o *step) bool { return o != s && o.k == s.k }) >= 0 {
			return ""
		}
		if a := analyze(tokenize(n), p.steps); len(a.steps) != 1 || a.steps[0].k != s.k {
			return ""
		}
		return n
	}
	// moved is the one check of the flow the words outside [from, to] name, or
	// the step the sentence before touched when they point back at it
	moved := func(from, to int) *step {
		rest := strings.Join(slices.Concat(words[:from], words[to+1:]), " ")
		ts := tokenize(rest)
		for _, s := range analyze(ts, p.steps).steps {
			if i := slices.IndexFunc(checks, func(o *step) bool { return o.k == s.k || s.k == kOTP && isCodeKind(o.k) }); i >= 0 && !s.k.isConversation() {
				return checks[i]
			}
		}
		if t := p.touched; t != nil && hasAnyRaw(ts, lex.touchedRef) && slices.Contains(checks, t) {
			return t
		}
		return nil
	}
	// splice puts text for words[from..to], keeping the last word's punctuation
	splice := func(from, to int, text string) string {
		w := words[to]
		tail := w[len(strings.TrimRight(w, ",;:.!?)")):]
		return strings.Join(slices.Concat(words[:from], []string{text + tail}, words[to+1:]), " ")
	}
	// ordAt is the place an ordinal word counts; "last" and "final" count the
	// last check ("that last check should come first")
	ordAt := func(w string) int {
		if lex.lastPlace[w] && w != "latter" {
			return len(checks)
		}
		return lex.ordinal[w]
	}
	for i := 0; i < len(lw); i++ {
		if ordAt(lw[i]) == 0 {
			continue
		}
		last := lex.ordinal[lw[i]] == 0
		// a run of places joined by "and" or commas: "the second and third steps"
		var ords []int
		j := i
		for ; j < len(lw); j++ {
			if n := ordAt(lw[j]); n > 0 {
				ords = append(ords, n)
			} else if lw[j] != "and" && lw[j] != "or" && lw[j] != "the" && lw[j] != "&" && lw[j] != "" {
				break
			}
		}
		stepNoun := j < len(lw) && lex.placeStep[lw[j]]
		slot := j < len(lw) && lex.placeSlot[lw[j]]
		k := i - 1
		if k > 0 && lw[k] == "very" {
			k-- // "to be the very first thing"
		}
		if k >= 0 && lw[k] == "the" {
			k--
		}
		lead := ""
		if k >= 0 {
			lead = lw[k]
		}
		// "to be second", "in third place", "as the second step", "make the
		// liveness the second step": where a step goes, not which step is meant
		// (after "make", only when a step's name alone stands between them:
		// "make the code in the second step 8 digits" names a step by place)
		mk := slices.IndexFunc(lw[:max(k, 0)], func(w string) bool { return w == "make" || w == "have" })
		madeStep := mk >= 0 && k < i-1 && !slices.ContainsFunc(lw[mk+1:k+1], func(w string) bool { return lex.placeEnd[w] || lex.removeVerb[w] })
		// ("add an email code second": the ordinal ends the change)
		target := lex.placeLead[lead] || slot || madeStep && stepNoun || i == len(lw)-1 && lead != "" && lead != "the" && addsStep(tokenize(part))
		if stepNoun && (ords[0] == 1 || last) && len(ords) == 1 && placeIsSubject(words, lw, j) && !placeMoves(words, lw, j) {
			// "the first step should be the SMS code", "the first thing they
			// do should be…": the place is where a step goes, which the start
			// (or the end) reading has, not the check that sits there now;
			// "the last check should come first" moves the check there
			if last {
				continue
			}
			return part
		}
		if last && (target || lex.placeIn[lead]) {
			continue // "move the liveness to be last", "add it in the last step": where a step goes, read as the end elsewhere
		}
		if last && (!stepNoun || !lex.lastPlaceNoun[lw[j]] || strings.ContainsAny(words[j], ",:;") || lastPlaceGoes(lw, j)) {
			// "I want the last step to be an SMS code", "the last step of the
			// flow should be …", "the final step: a passport scan": the end,
			// where a step goes (read as such elsewhere), not the check there
			// now; "the last thing: …", "the final bit" are ways of speaking
			continue
		}
		if last && p.endsOnConversation() {
			// "move the last step to the start" of a flow that ends on the
			// avatar's question: the last check is not the last step
			continue
		}
		at := i // "the very last check": "very" goes with the place
		if last && at > 1 && lw[at-1] == "very" {
			at--
		}
		// negMove: a negation at lw[n] governs a verb of moving or removing
		// ("don't move", "shouldn't come", "don't drop": the check stays,
		// which apply reads from the place itself)
		negMove := func(n int) bool {
			w := lw[n]
			if !lex.negAux[strings.Map(dropApostrophe, w)] && w != "not" {
				return false
			}
			if n+1 < len(lw) && lw[n+1] == "be" && (n+2 >= len(lw) || ordAt(lw[n+2]) == 0) || w == "not" && n+1 < len(lw) && len(analyze(tokenize(lw[n+1]), nil).steps) > 0 {
				// "the second step shouldn't be SMS, make it email", "make the
				// second step not SMS but email": what the place is not, a
				// place a step goes to, not the check there ("can't be first"
				// still names it)
				return true
			}
			// (within its clause: "can't be first, move it after liveness"
			// negates no move)
			for c := n + 1; c < len(lw) && c <= n+3 && !strings.ContainsAny(words[c-1], ",;:.!?"); c++ {
				if lex.placeMoveVerb[lw[c]] || lex.negMoveVerb[lw[c]] || lex.removeVerb[lw[c]] {
					return true
				}
			}
			return false
		}
		if anyIn(max(0, at-4), at, negMove) || anyIn(min(j+1, len(lw)), min(j+4, len(lw)), negMove) {
			// "don't move the last check to the front", "the last check
			// shouldn't come first": no move asked for, and no check named
			// for one; a negation of anything else still names the check
			// ("we don't need the second check", "if the first step isn't
			// successful")
			continue
		}
		if !target {
			if !stepNoun || at == 0 || !lex.placeRefDet[lw[at-1]] || slices.ContainsFunc(ords, func(n int) bool { return n > len(checks) }) {
				continue
			}
			if lw[j] == "one" || lw[j] == "ones" {
				// "remove every code beyond the first one": "one" stands for a
				// noun the sentence named, whose places resolvePlace counts
				if slices.ContainsFunc(lw[:i], func(w string) bool { l, _ := lex.lemma(w); _, ok := placeNounKinds[l]; return ok }) {
					continue
				}
			}
			counted := checks
			if len(ords) == 2 && hasAnyRaw(tokenize(part), lex.swapVerb) && !lex.checkNoun[lw[j]] && p.asksAmongChecks() {
				// "swap 1 and 2", "swap the first and second steps": places
				// as the flow and its summary list the steps, a question the
				// user asked for among them; a question named is left to
				// exchange, which counts the same way
				counted = p.listedSteps()
				if slices.ContainsFunc(ords, func(n int) bool { return n > len(counted) || counted[n-1].k.isConversation() }) {
					return part
				}
				if max(ords[0], ords[1]) <= len(checks) && (checks[ords[0]-1] != counted[ords[0]-1] || checks[ords[1]-1] != counted[ords[1]-1]) {
					p.assumptions = append(p.assumptions, fmt.Sprintf("Counted the steps as the flow lists them, its questions included, for %q: steps %d and %d are the %s and the %s.",
						strings.TrimSpace(part), ords[0], ords[1], counted[ords[0]-1].k, counted[ords[1]-1].k))
				}
			}
			var names []string
			for _, n := range ords {
				nm := name(counted[n-1])
				if nm == "" {
					return part
				}
				names = append(names, nm)
			}
			text := names[len(names)-1]
			if len(names) > 1 {
				text = strings.Join(names[:len(names)-1], ", the ") + " and the " + text
			}
			return splice(at, j, text)
		}
		if len(ords) == 1 && ords[0] == 1 && madeStep && stepNoun && !addsStep(tokenize(part)) {
			// "make the email code the first step" of a flow with no email
			// code: one new step, added at the start (see below)
			named := analyze(tokenize(strings.Join(slices.Concat(words[:k+1], words[j+1:]), " ")), p.steps).steps
			if len(named) == 1 && !named[0].k.isConversation() && p.find(named[0].k) < 0 {
				words[mk] = "add"
				return splice(k+1, j, "at the start")
			}
		}
		if len(ords) != 1 || ords[0] < 2 {
			return part // "to be first" is the start, read as such elsewhere
		}
		end := i
		if stepNoun || slot {
			end = j
		}
		from := k + 1
		if lex.placeLead[lead] {
			from = k
			for from > 0 && lex.placeLead[lw[from-1]] {
				from-- // "to be second"
			}
		}
		s := moved(from, end)
		rest := slices.DeleteFunc(slices.Clone(places), func(o *step) bool { return o == s })
		if named := analyze(tokenize(strings.Join(slices.Concat(words[:from], words[end+1:]), " ")), p.steps).steps; s == nil && (addsStep(tokenize(part)) || madeStep && stepNoun) &&
			len(named) == 1 && !named[0].k.isConversation() && p.find(named[0].k) < 0 {
			// "add an email code as the second step": the one new step's place
			// among the checks there are, all of which stay ("add a passport
			// scan and a comparison as the second step" is two, with an order
			// of their own); "make the email code the second step" of a flow
			// with no email code asks for one there too, added: no step of
			// the flow is named to become it, as "make the second step an
			// email code" names the one it replaces
			rest = places
			if !addsStep(tokenize(part)) {
				words[mk] = "add"
			}
		} else if s == nil || !slices.Contains(places, s) {
			return part
		}
		n := ords[0]
		switch {
		case n-1 < len(rest):
			if nm := name(head(rest[n-1])); nm != "" {
				return splice(from, end, "before the "+nm)
			}
		case n-1 == len(rest):
			if nm := name(rest[len(rest)-1]); nm != "" {
				return splice(from, end, "after the "+nm)
			}
		}
		return part
	}
	for i := 1; i+2 < len(lw); i++ {
		// "the step before the code", "the one right after the liveness": the
		// check beside the one named
		if !lex.placeStep[lw[i]] {
			continue
		}
		// "the two things right before the code", "both steps after the
		// liveness": as many checks beside the one named
		n := 1
		switch {
		case lw[i-1] == "the" || lw[i-1] == "that":
		case lw[i-1] == "both":
			n = 2
		case i >= 2 && lex.pairDet[lw[i-2]] && countWord(lw[i-1]) > 1:
			n = countWord(lw[i-1])
		default:
			continue
		}
		j := i + 1
		if lex.placeNear[lw[j]] {
			j++
		}
		if j+1 >= len(lw) || lw[j] != "before" && lw[j] != "after" {
			continue
		}
		end := j + 1
		for end+1 < len(lw) && !strings.ContainsAny(words[end], ",;:.!?") && !lex.placeEnd[lw[end+1]] {
			end++
		}
		var beside *step
		np := tokenize(strings.Join(words[j+1:end+1], " "))
		for _, s := range analyze(np, p.steps).steps {
			if c := slices.IndexFunc(checks, func(o *step) bool { return o.k == s.k || s.k == kOTP && isCodeKind(o.k) }); c >= 0 {
				beside = checks[c]
				break
			}
		}
		if beside == nil && hasAnyRaw(np, lex.touchedRef) {
			beside = moved(i, end) // "swap the SMS code and the one right before it": the step the sentence names
		}
		var at []*step
		if c := slices.Index(checks, beside); c >= 0 {
			lo, hi := c+1, c+1+n
			if lw[j] == "before" {
				lo, hi = c-n, c
			}
			if lo >= 0 && hi <= len(checks) {
				at = checks[lo:hi]
			}
		}
		if len(at) == 0 {
			return part
		}
		var names []string
		for _, s := range at {
			nm := name(s)
			if nm == "" {
				return part
			}
			names = append(names, "the "+nm)
		}
		from := i
		if n > 1 {
			from = i - 1 // "the two things": the count goes with the place
			if lw[i-1] != "both" {
				from = i - 2
			}
		}
		return splice(from, end, strings.TrimPrefix(strings.Join(names, " and "), "the "))
	}
	for d, w := range lw {
		// "up one", "down a place", "one step earlier", "two places later"
		up := lex.shiftUp[w]
		if !up && !lex.shiftDown[w] {
			continue
		}
		from, end, n := d, d, 0
		c := d + 1
		if c < len(lw) && lw[c] == "by" {
			c++
		}
		if c < len(lw) && lex.placeCount[lw[c]] > 0 && (c+1 < len(lw) && lex.shiftUnit[lw[c+1]] || lw[c] != "a" && lw[c] != "an") {
			n, end = lex.placeCount[lw[c]], c
			if c+1 < len(lw) && lex.shiftUnit[lw[c+1]] {
				end = c + 1
			}
		} else if d >= 2 && lex.shiftUnit[lw[d-1]] && lex.placeCount[lw[d-2]] > 0 {
			n, from = lex.placeCount[lw[d-2]], d-2
		} else {
			continue
		}
		if end+1 < len(lw) && !strings.ContainsAny(words[end], ",;:.!?") && !lex.placeEnd[lw[end+1]] {
			continue // "set up one more code": the count is of what follows
		}
		if shiftsSetting(words, lw, from) {
			continue // "bump the code length up by one": a setting goes up, no step moves
		}
		s := moved(from, end)
		if cs := clauseStart(words, lw, from); cs > 0 {
			// "move the ID scan to the end and the SMS code up one": the step
			// shifted is the one its own clause names
			s = nil
			for _, a := range analyze(tokenize(strings.Join(words[cs:from], " ")), p.steps).steps {
				if i := slices.IndexFunc(checks, func(o *step) bool { return o.k == a.k || a.k == kOTP && isCodeKind(o.k) }); i >= 0 && !a.k.isConversation() {
					s = checks[i]
					break
				}
			}
		}
		if s == nil {
			return part
		}
		at := slices.Index(places, s)
		if at < 0 {
			return part
		}
		to := at - n
		if !up {
			to = at + n
		}
		to = max(0, min(to, len(places)-1))
		if to == at {
			return part
		}
		nm := name(places[to])
		if up {
			nm = name(head(places[to]))
		}
		if nm == "" {
			return part
		}
		if up {
			return splice(from, end, "before the "+nm)
		}
		return splice(from, end, "after the "+nm)
	}
	return part
}

// placeIsSubject reports whether the place noun at lw[j] is the subject of
// what follows ("the first step should be the SMS code", "the first thing they
// do must be…"): a modal or "is" comes after it, within the clause, before any
// word that ends the step it names.
func placeIsSubject(words, lw []string, j int) bool {
	for c := j + 1; c < len(lw) && c <= j+4; c++ {
		if lex.placeSubjectVerb[lw[c]] {
			return true
		}
		if lex.placeEnd[lw[c]] || strings.ContainsAny(words[c], ",;:.!?") {
			return false
		}
	}
	return false
}

// anyIn: f holds for one of the indices from..to-1.
func anyIn(from, to int, f func(int) bool) bool {
	for n := from; n < to; n++ {
		if f(n) {
			return true
		}
	}
	return false
}

// lastPlaceGoes reports whether "the last step" at lw[j] is where a step goes:
// a "be" follows it in its sentence ("the last step of the flow should be an
// SMS code", "I want the last step to be …") before any verb that moves or
// removes it ("the last check should be moved first" names the check).
func lastPlaceGoes(lw []string, j int) bool {
	for c := j + 1; c < len(lw) && c <= j+8; c++ {
		w := lw[c]
		if lex.placeMoveVerb[w] || lex.removeVerb[w] || lex.wishGone[w] {
			return false
		}
		if lex.lastPlaceBe[w] {
			return c+1 >= len(lw) || !lex.placeMoveVerb[lw[c+1]] && !lex.wishGone[lw[c+1]] && lw[c+1] != "not"
		}
	}
	return false
}

// endsOnConversation: after the flow's last check comes a step of the avatar's
// own (a question, an explanation), so that "the last step" is no check.
func (p *plan) endsOnConversation() bool {
	for k := len(p.steps) - 1; k >= 0; k-- {
		switch s := p.steps[k]; {
		case s.k == kClosing:
			// (the goodbye ends every flow, and is no step the user counts)
		case s.k.isConversation():
			return s.k != kGreeting
		default:
			return false
		}
	}
	return false
}

// placeMoves reports whether a verb of motion follows the place noun at lw[j]
// within its clause ("the last check should come first", "the first step goes
// to the end"): the check at that place is what moves.
func placeMoves(words, lw []string, j int) bool {
	for c := j + 1; c < len(lw) && c <= j+4; c++ {
		if lex.placeMoveVerb[lw[c]] {
			return true
		}
		if strings.ContainsAny(words[c], ",;:.!?") || lex.negAux[bareWord(words[c])] || slices.ContainsFunc(tokenize(words[c]), func(t token) bool { return negationLemmas[t.w] }) {
			return false // ("the last check should not come first" asks for no move)
		}
	}
	return false
}

// shiftsSetting reports whether the clause before a shift word at lw[from]
// names a setting of a step ("bump the code length up by one", "turn the match
// threshold up a notch"): then the setting changes, not the step's place.
func shiftsSetting(words, lw []string, from int) bool {
	for c := from - 1; c >= clauseStart(words, lw, from); c-- {
		if settingKeyWords[lw[c]] != "" {
			return true
		}
		if l, _ := lex.lemma(lw[c]); lex.settingNoun[l] {
			return true
		}
	}
	return false
}

// clauseStart is where the clause holding lw[from] starts: after the nearest
// "and", "then" or punctuation before it (0 when there is none).
func clauseStart(words, lw []string, from int) int {
	for c := from - 1; c >= 0; c-- {
		if strings.ContainsAny(words[c], ",;:.!?") {
			return c + 1
		}
		if lw[c] == "and" || lw[c] == "then" {
			return c + 1
		}
	}
	return 0
}

// penultimate names the place before the last check where a change says it
// by the end ("add an ID scan second to last", "move the liveness to the one
// before last", "…and the liveness the one before last"): a step the change
// adds or moves goes before the last of the other checks; with no step named
// beside it ("remove the second to last step") it is the check there now. A
// clause that only names the step and its place ("and the liveness the one
// before last") is a move, given its verb (gapped).
func (p *plan) penultimate(part string) (named string, gapped bool) {
	if indexFold(part, "last") < 0 && indexFold(part, "penultimate") < 0 {
		return part, false // (a word test first: no phrase of the place can be there)
	}
	checks := p.checkSteps()
	if len(checks) < 2 {
		return part, false
	}
	words := strings.Fields(strings.ReplaceAll(part, "-", " "))
	lw := lowerTrimmed(words)
	at, end := -1, -1
	for i := range lw {
		for _, ph := range penultimatePhrases {
			seq := strings.Fields(ph)
			if i+len(seq) <= len(lw) && slices.Equal(lw[i:i+len(seq)], seq) && (at < 0 || i < at) {
				at, end = i, i+len(seq)-1
			}
		}
	}
	if at < 0 {
		return part, false
	}
	// unique is the name of a check no other check of the flow shares
	unique := func(s *step) string {
		if slices.IndexFunc(checks, func(o *step) bool { return o != s && o.k == s.k }) >= 0 {
			return ""
		}
		return s.k.String()
	}
	from := at
	for from > 0 && (lw[from-1] == "the" || lex.placeLead[lw[from-1]] || lex.placeIn[lw[from-1]] || lw[from-1] == "very") {
		from-- // "to be the second to last", "as the one before last"
	}
	if end+1 < len(lw) && (lex.placeStep[lw[end+1]] || lex.placeSlot[lw[end+1]]) && !strings.ContainsAny(words[end], ",;:.!?") {
		end++ // "second to last step", "next to last place"
	}
	tail := words[end][len(strings.TrimRight(words[end], ",;:.!?)")):]
	cs := clauseStart(words, lw, from)
	if held, _ := penultHeld(words); held {
		return part, false
	}
	near := analyze(tokenize(strings.Join(words[cs:from], " ")), p.steps).steps
	rest := tokenize(strings.Join(slices.Concat(words[:from], words[end+1:]), " "))
	cond := slices.ContainsFunc(words[cs:from], func(w string) bool { return lex.condLead[bareWord(w)] })
	if lead := tokenize(strings.Join(words[cs:from], " ")); len(near) == 0 && !cond && !hasAnyRaw(lead, lex.replaceWord) && !hasAnyRaw(lead, lex.swapVerb) {
		// ("if the penultimate check fails, fall back to an email code": the
		// place is the condition's subject, the check there; the step after
		// it is what the condition leads to, not one placed there)
		// ("swap the penultimate step for a liveness check": the place names
		// the check replaced, not where the new one goes)
		near = analyze(rest, p.steps).steps
	}
	var moved *step
	added := false
	for _, s := range near {
		if s.k.isConversation() {
			continue
		}
		// ("the email the one before last" of a flow with an email code and
		// no entry: the code)
		entry := s.k == kEnterEmail && !slices.ContainsFunc(checks, func(o *step) bool { return o.k == kEnterEmail })
		if i := slices.IndexFunc(checks, func(o *step) bool { return o.k == s.k || s.k == kOTP && isCodeKind(o.k) || entry && o.k == kEmailOTP }); i >= 0 {
			moved = checks[i]
			break
		}
		added = !takesOut(rest) // ("put a face scan in next-to-last place": placed, so added)
		break
	}
	splice := func(text string, verb bool) string {
		lead := words[:from]
		if verb {
			lead = slices.Concat(words[:cs], []string{"move"}, words[cs:from])
		}
		return strings.Join(slices.Concat(lead, []string{text + tail}, words[end+1:]), " ")
	}
	switch {
	case moved != nil:
		others := slices.DeleteFunc(slices.Clone(checks), func(o *step) bool { return o == moved })
		if cs > 0 {
			// "the sms should be the very first thing and the liveness the one
			// before last": a check the clause before sends to the start is
			// not the last one any more
			if a := analyze(tokenize(strings.Join(words[:cs], " ")), p.steps); a.front && !a.back {
				others = slices.DeleteFunc(others, func(o *step) bool {
					return slices.ContainsFunc(a.steps, func(s *step) bool { return s.k == o.k || s.k == kOTP && isCodeKind(o.k) })
				})
			}
		}
		if len(others) == 0 {
			return part, false
		}
		nm := unique(others[len(others)-1])
		if nm == "" {
			return part, false
		}
		// ("the sms should be first and the liveness the one before last":
		// the clause names its step and place with no verb of its own)
		verb := cs > 0 && !hasEditVerb(words[cs:from])
		return splice("before the "+nm, verb), verb
	case added:
		if nm := unique(checks[len(checks)-1]); nm != "" {
			return splice("before the "+nm, false), false
		}
	case len(near) == 0:
		if _, counted := penultHeld(words); counted || p.askedAfter(checks[len(checks)-2]) {
			return part, false
		}
		if nm := unique(checks[len(checks)-2]); nm != "" {
			if from == at && (at == 0 || lw[at-1] != "the") {
				nm = "the " + nm
			}
			return strings.Join(slices.Concat(words[:at], []string{nm + tail}, words[end+1:]), " "), false
		}
	}
	return part, false
}

// placeAsName drops a place that names a step rather than moving it: "the SMS
// at the end should expire after 3 minutes", "the scan at the start should
// take passports only" set something of the check already there, so the
// place ("at the end") only says which check is meant.
func (p *plan) placeAsName(part string) string {
	if indexFold(part, "at the ") < 0 {
		return part // (a word test first)
	}
	words := strings.Fields(part)
	lw := lowerTrimmed(words)
	checks := p.checkSteps()
	for i := 1; i+2 < len(lw); i++ {
		if lw[i] != "at" || lw[i+1] != "the" || strings.ContainsAny(words[i-1], ",;:.!?") {
			continue
		}
		end := i + 2
		if lw[end] == "very" && end+1 < len(lw) {
			end++
		}
		front, back := lex.frontWord[lw[end]], lex.backWord[lw[end]]
		if !front && !back || len(checks) < 2 {
			continue
		}
		cs := clauseStart(words, lw, i)
		named := analyze(tokenize(strings.Join(words[cs:i], " ")), p.steps).steps
		if len(named) != 1 {
			continue
		}
		at := checks[0]
		if back {
			at = checks[len(checks)-1]
		}
		if at.k != named[0].k && !(named[0].k == kOTP && isCodeKind(at.k)) {
			continue // ("the SMS at the end" of a flow that ends elsewhere: a move)
		}
		rest := slices.Concat(words[:i], words[end+1:])
		if named[0].k == kOTP && at.k != kOTP && slices.IndexFunc(checks, func(o *step) bool { return o != at && o.k == at.k }) < 0 {
			// "the code at the end: make it 8 digits": the place says which
			// code, the last one, which its own name tells from the others
			rest = slices.Concat(words[:i-1], []string{at.k.String()}, words[end+1:])
		}
		rt := tokenize(strings.Join(rest[cs:], " "))
		if added, removed := docTypeChanges(rt); !hasSetting(rt) && len(added)+len(removed) == 0 {
			continue
		}
		if tail := words[end][len(strings.TrimRight(words[end], ",;:.!?)")):]; tail != "" {
			rest[i-1] += tail
		}
		return strings.Join(rest, " ")
	}
	return part
}

// stepsBeyond names the checks a removal picks by where they sit: "rip out
// everything after the compare", "drop all the steps before the liveness"
// are the checks after (before) the one named, listed by name, and never the
// one named itself. Only a removal is read so: "whatever comes after it
// should be an email OTP" is no list.
func (p *plan) stepsBeyond(part string) string {
	if indexFold(part, "everything") < 0 && indexFold(part, "all ") < 0 && indexFold(part, "anything") < 0 {
		return part // (a word test first)
	}
	words := strings.Fields(part)
	if !removes(words) {
		return part
	}
	lw := lowerTrimmed(words)
	checks := p.checkSteps()
	for i := range lw {
		if !lex.allBeyond[lw[i]] {
			continue
		}
		j := i + 1
		for j < len(lw) && (lw[j] == "the" || lex.placeStep[lw[j]] || lw[j] == "that" || lw[j] == "comes" || lw[j] == "come" || lw[j] == "else") {
			j++ // "all the steps that come after", "everything else after"
		}
		if j+1 >= len(lw) || lw[j] != "after" && lw[j] != "before" {
			continue
		}
		end := j + 1
		for end+1 < len(lw) && !strings.ContainsAny(words[end], ",;:.!?") && !lex.placeEnd[lw[end+1]] && !lex.beyondExcept[bareWord(words[end+1])] {
			end++
		}
		cs := clauseStart(words, lw, i)
		if !removes(words[cs:end+1]) || slices.ContainsFunc(words[cs:end+1], func(w string) bool { return lex.heldPlace[bareWord(w)] }) {
			// "everything after the compare stays, remove the ID scan": the
			// removal is another clause's, and the steps after the compare
			// stay
			return part
		}
		var at *step
		for _, s := range analyze(tokenize(strings.Join(words[j+1:end+1], " ")), p.steps).steps {
			if c := slices.IndexFunc(checks, func(o *step) bool { return o.k == s.k || s.k == kOTP && isCodeKind(o.k) }); c >= 0 {
				at = checks[c]
				break
			}
		}
		c := slices.Index(checks, at)
		if c < 0 {
			return part
		}
		picked := checks[c+1:]
		if lw[j] == "before" {
			picked = checks[:c]
			if at.k == kFaceCompare && slices.ContainsFunc(picked, func(o *step) bool { return o.k == kDocument || o.k == kFaceScan }) {
				// "remove everything before the compare": the images the
				// compare reads go with the steps before it, and a compare
				// with neither goes too; the step named is kept, so the
				// removal is not read as a list of steps
				return part
			}
		}
		after := words[end+1:]
		if x := slices.IndexFunc(after, func(w string) bool { return lex.beyondExcept[bareWord(w)] }); x >= 0 {
			// "remove everything after the face scan except the email code":
			// the steps the exception names stay, and its words are no
			// further target of the removal
			kept := analyze(tokenize(strings.Join(after[x+1:], " ")), p.steps).steps
			if len(kept) == 0 {
				return part
			}
			picked = slices.DeleteFunc(slices.Clone(picked), func(o *step) bool {
				return slices.ContainsFunc(kept, func(s *step) bool { return s.k == o.k || s.k == kOTP && isCodeKind(o.k) })
			})
			after = nil
			words[end] = strings.TrimRight(words[end], ",;:")
		}
		if len(picked) == 0 && len(after) == 0 && lw[j] == "after" {
			// "remove everything after the email code" of a flow that ends
			// on it: nothing is after it, and no other step is read as
			// picked (the older place reading took the one before it)
			return strings.Join(words[:i], " ")
		}
		if len(picked) == 0 {
			return part
		}
		var names []string
		for _, s := range picked {
			if slices.IndexFunc(checks, func(o *step) bool { return o != s && o.k == s.k }) >= 0 {
				return part // two checks of one kind, which a name cannot tell apart
			}
			names = append(names, "the "+s.k.String())
		}
		text := names[len(names)-1]
		if len(names) > 1 {
			text = strings.Join(names[:len(names)-1], ", ") + " and " + text
		}
		tail := words[end][len(strings.TrimRight(words[end], ",;:.!?)")):]
		if tail == "," && len(after) > 0 && !hasEditVerb(after) {
			// "…, the compare is the last step now": what the removal leaves,
			// said of the step kept, no further target of its verb
			rt := tokenize(strings.Join(after, " "))
			named := analyze(rt, p.steps).steps
			if len(named) > 0 && !slices.ContainsFunc(named, func(s *step) bool { return s.k != at.k }) &&
				slices.ContainsFunc(rt, func(t token) bool { return lex.backWord[t.raw] || lex.lastPlace[t.raw] || lex.frontWord[t.raw] }) {
				tail, after = "", nil
			}
		}
		return strings.Join(slices.Concat(words[:i], []string{text + tail}, after), " ")
	}
	return part
}

// whatFollowsIs drops the subject of "whatever comes after it should be X"
// in a condition ("if the compare comes back as no match, whatever comes
// after it should be an email OTP instead of just ending", "if the SMS
// fails, what follows is an email code"): X is what the condition leads to,
// said as "…, an email OTP instead", not a step placed after another.
func whatFollowsIs(part string) string {
	if !slices.ContainsFunc(followVerbs, func(v string) bool { return indexFold(part, v) >= 0 }) {
		return part // (a word test first)
	}
	words := strings.Fields(part)
	lw := make([]string, len(words))
	found := false
	for i, w := range words {
		lw[i] = strings.ToLower(strings.Trim(w, ",;:.!?()"))
		found = found || lex.followVerb[lw[i]]
	}
	if !found || !slices.ContainsFunc(lw, func(w string) bool { return lex.condLead[w] }) {
		return part // (a word test first)
	}
	for i := 1; i+2 < len(lw); i++ {
		if !lex.whatWord[lw[i]] || !lex.followVerb[lw[i+1]] || !strings.HasSuffix(words[i-1], ",") {
			continue
		}
		j := i + 2
		if j+1 < len(lw) && (lw[j] == "after" || lw[j] == "from") && lex.touchedRef[lw[j+1]] {
			j += 2 // "after it", "after that"
		} else if lw[j] == "next" || lw[j] == "then" || lex.touchedRef[lw[j]] {
			j++ // ("what comes next", "whatever follows it")
		}
		for j < len(lw) && (lex.copulaModal[lw[j]] || lw[j] == "to" || lw[j] == "have") {
			j++ // "should", "needs to", "has to"
		}
		if j+1 >= len(lw) || lw[j] != "be" && lw[j] != "is" {
			continue
		}
		return strings.Join(slices.Concat(words[:i], words[j+1:]), " ")
	}
	return part
}

// frontedPlaceComma puts the comma a fronted place leaves out: "after the
// scan it should match them against our enrolled users" is "after the scan,
// it should …": the place ends where the clause's subject and its modal
// begin, so the step after the place is not read as part of it. ("after they
// give up" has no step between; "after the scan" alone is no clause.)
func frontedPlaceComma(part string, steps []*step) string {
	if len(part) < 6 || !strings.EqualFold(part[:6], "after ") && !strings.EqualFold(part[:min(7, len(part))], "before ") {
		return part // (a word test first)
	}
	words := strings.Fields(part)
	if len(words) < 5 {
		return part
	}
	if !lex.determiner[strings.ToLower(words[1])] {
		return part
	}
	for k := 3; k < len(words)-1 && k <= 6; k++ {
		if strings.ContainsAny(words[k-1], ",;:.!?") {
			return part
		}
		if lex.subjectPronoun[strings.ToLower(words[k])] && lex.copulaModal[strings.ToLower(strings.Trim(words[k+1], ",;:.!?"))] {
			if k+2 < len(words) && lex.frontedTalk[bareWord(words[k+2])] && (bareWord(words[k+2]) == "go" || len(analyze(tokenize(strings.Join(words[k+3:], " ")), steps).steps) > 0) {
				// "after the compare it should tell them the match passed":
				// what is said names a step, which the cut-off clause would
				// read as one to add ("it should go liveness then email": an
				// order, not steps to add)
				return part
			}
			out := slices.Clone(words)
			out[k-1] += ","
			return strings.Join(out, " ")
		}
	}
	return part
}

// retryCap: the words cap the number of retries ("cap retries at 2", "limit
// retries to 2 per check", "max 3 retries"): the number, or "". A word test
// (lex.retryCap) comes first.
func retryCap(ts []token) string {
	if !hasAnyRaw(ts, lex.retryCap) {
		return ""
	}
	for _, t := range ts {
		if t.isNum {
			return t.raw
		}
	}
	return ""
}

// boundReading is the one reading of a clause that takes a bound off a step
// (boundWordTable), which resetSetting (a document restriction) and
// clearBounds (an attempt cap, an expiry) share: head is the first word
// heading a limit (bwHead), -1 when none; sense is the one limit the words
// before it name (bwDoc, bwTime, or bwItem for an attempt limit), 0 when
// they name none or more than one.
type boundReading struct {
	head  int
	sense boundSense
	bare  bool // the restriction's noun alone (no document type) read as bwDoc
}

// readBound reads ts's bound (boundReading).
func readBound(ts []token) boundReading {
	r := boundReading{head: slices.IndexFunc(ts, func(t token) bool { return boundWordTable[t.raw]&bwHead != 0 })}
	if r.head < 0 {
		return r
	}
	head, n := ts[:r.head], 0
	// ("the passport-only restriction"; "the passport restriction": a
	// restriction's noun after a document type says the same, rvS18 M10)
	if (slices.ContainsFunc(head, func(t token) bool { return t.raw == "only" }) || boundWordTable[ts[r.head].raw]&bwDoc != 0) && slices.ContainsFunc(head, func(t token) bool { return docTypeLemmas[t.w] }) {
		r.sense, n = bwDoc, n+1
	}
	if slices.ContainsFunc(head, func(t token) bool { return t.in(hTryNoun) && t.w != "time" }) {
		r.sense, n = bwItem, n+1
	}
	if slices.ContainsFunc(head, func(t token) bool { return boundWordTable[t.raw]&bwTime != 0 }) {
		r.sense, n = bwTime, n+1
	}
	if n == 0 && boundWordTable[ts[r.head].raw]&bwDoc != 0 {
		// ("the restriction on the ID scan": a restriction's noun alone names
		// the one limit a step can carry that way, a scan's documents, unless
		// a word before it names another: "the age restriction", rvC19 #1)
		j := r.head - 1
		for j >= 0 && bareRestrictionLead[ts[j].raw] && !ts[j].in(hDeterminer) {
			j--
		}
		if j < 0 || ts[j].in(hDeterminer) || bareRestrictionLead[ts[j].raw] || lex.removeVerb[ts[j].raw] || lex.liftVerb[ts[j].raw] || lex.takeVerb[ts[j].raw] || hasRaw(ts[j:j+1], "off", "away") || unwantedLimitWords[ts[j].raw] || wantLimitWords[ts[j].raw] {
			r.sense, n, r.bare = bwDoc, 1, true
		}
	}
	if n != 1 {
		r.sense = 0
	}
	return r
}

// keepsBound: the word, before a bound's removal, says the bound stays
// ("don't remove the attempt limit", "never lift the cap", "keep the …"):
// the one guard resetSetting and clearBounds share.
func keepsBound(w string) bool {
	return lex.resetBlock[w] || lex.placeOut[w] || lex.negAux[strings.Map(dropApostrophe, w)]
}

// resetSetting reads a change that takes a scan's document restriction away
// ("remove the passport-only restriction", "lift the passport restriction"):
// the scan goes back to FaceSign's default documents and stays; a removal
// never takes more than it names. An attempt cap or an expiry it recognises
// and would loosen as asked is left to clearBounds (nil, false, nil); one it
// must not loosen (negated, for some users only, on a fallback) it refuses or
// hands on unread, as before. The limit's noun (boundWordTable, bwHead) is
// the cheap test; what it limits is read from the words before it.
func (p *plan) resetSetting(ts []token) ([]string, bool, error) {
	r := readBound(ts)
	if r.head < 0 || !takesOut(ts[:r.head]) && !hasAnyRaw(ts[:r.head], lex.liftVerb) && !unwantedLimit(ts[:r.head]) {
		return nil, false, nil
	}
	li, head := r.head, ts[:r.head]
	if unwantedLimit(head) && !takesOut(head) && slices.ContainsFunc(ts[li+1:], func(t token) bool {
		return lex.removeVerb[t.raw] || lex.liftVerb[t.raw] || lex.removeVerb[t.w] || lex.liftVerb[t.w] || lex.removeVerb[strings.TrimSuffix(t.raw, "d")] || lex.liftVerb[strings.TrimSuffix(t.raw, "ed")] || lex.removeVerb[strings.TrimSuffix(t.raw, "ped")]
	}) {
		// "we don't want the passport restriction removed": the limit stays
		return nil, true, fmt.Errorf("flowbuild: %q says a limit is to stay, so nothing was changed; say what to change, e.g. \"remove the passport-only restriction\"", clauseText(ts))
	}
	if r.bare && li+1 < len(ts) && bareRestrictionOn[ts[li+1].raw] && len(analyze(ts[li+2:], p.steps).steps) == 0 {
		r.sense = 0 // ("the restriction on age", "on retries": no step named, so no scan's documents, rvC19 #1)
	}
	if v := slices.IndexFunc(head, func(t token) bool { return lex.removeVerb[t.raw] || lex.liftVerb[t.raw] || lex.takeVerb[t.raw] }); v > 0 &&
		slices.ContainsFunc(head[:v], func(t token) bool { return keepsBound(t.raw) }) {
		// "don't lift the passport restriction", "never remove the restriction
		// on the ID scan": the limit is to stay, which no removal reads
		// safely (read as one, the scan it is on was removed, rvY18 S11)
		return nil, true, fmt.Errorf("flowbuild: %q says a limit is to stay, so nothing was changed; say what to change, e.g. \"remove the passport-only restriction\"", clauseText(ts))
	}
	if r.sense == 0 {
		return nil, false, nil // (none or more than one limit named: read as any other change)
	}
	// What the clause says beside the limit that taking it off would not
	// honour is read as any other change (which 43874e6 refused or read
	// right): a negation ("don't remove the attempt limit" keeps it), a new
	// value ("relax the attempt limit to 4" sets 4), a list of removals ("the
	// attempts cap and the SMS code": the removal list's own reading), a
	// fallback named ("the limit on the fallback": not a main-path step).
	if r.sense == bwDoc {
		// "remove the SMS code and the passport restriction": the items before
		// the restriction's are removed, the restriction taken off
		v := slices.IndexFunc(head, func(t token) bool { return lex.removeVerb[t.raw] || lex.liftVerb[t.raw] })
		for j := v + 1; v >= 0 && j < li; j++ {
			if (lex.resetList[ts[j].raw] || ts[j].w == ",") && slices.ContainsFunc(analyze(ts[v+1:j], p.steps).steps, func(st *step) bool { return !st.k.isConversation() && st.k != kDocument }) {
				return p.resetThenRemove(slices.Concat(ts[:v+1], ts[j+1:]), ts[v+1:j], head)
			}
		}
	}
	listed := false // a step named after "and" or a comma: an item of a removal list
	for j, t := range ts {
		if lex.resetList[t.raw] || t.w == "," {
			rest := ts[j+1:]
			if slices.ContainsFunc(analyze(rest, p.steps).steps, func(st *step) bool {
				return !st.k.isConversation() && (st.k != kDocument || hasRaw(rest, "scan", "scanning", "document", "documents"))
			}) {
				listed = true
				if r.sense == bwDoc && j > li {
					// "remove the passport restriction and the SMS code": the
					// restriction is taken off as its own clause and the rest
					// is removed, never the scan the restriction is on
					// (rvY18 S12, M22)
					return p.resetThenRemove(ts[:j], rest, head)
				}
				break
			}
		}
	}
	unwanted := unwantedLimit(head) // ("we don't need the passport restriction": its negation is the limit's, not a keep)
	if listed || slices.ContainsFunc(head, func(t token) bool { return keepsBound(t.raw) && (!unwanted || strings.HasPrefix(t.raw, "keep")) }) ||
		slices.ContainsFunc(ts, func(t token) bool { return lex.fallbackNoun[t.raw] }) ||
		slices.ContainsFunc(ts[li+1:], func(t token) bool { _, err := strconv.Atoi(t.raw); return err == nil || tryCount(t.raw) > 0 }) {
		return nil, false, nil
	}
	if at := slices.IndexFunc(ts[li+1:], func(t token) bool { _, ok := boundScopeTable[t.raw]; return ok }); at >= 0 && len(analyze(ts[li+1+at:], p.steps).steps) == 0 {
		// "waive the attempt limit for returning users": a limit for some users
		// only, which a flow's setting can't say; taken off for everyone it
		// would loosen the step for all
		example := "remove the attempt limit on the SMS code"
		if r.sense == bwDoc {
			example = "remove the passport-only restriction" // (rvY18 M5: the example names the limit asked about)
		}
		return nil, true, fmt.Errorf("flowbuild: %q takes a limit off for some users only, and a step's limit applies to every user; say e.g. \"%s\" to change it for everyone", clauseText(ts), example)
	}
	if r.sense != bwDoc && boundWordTable[ts[li].raw]&bwItem == 0 {
		// "remove the attempt restriction on the SMS code", "the time
		// restriction": an attempt cap or an expiry said with a
		// restriction's noun, which clearBounds reads as its limit; read as a
		// removal, the code went (rvC19 #7)
		said := slices.Clone(ts)
		said[li].raw, said[li].w, said[li].orig = "limit", "limit", "limit"
		d, rest, ok, err := p.clearBounds(clauseText(said))
		if err != nil {
			return nil, true, err
		}
		if !ok || strings.TrimSpace(rest) != "" {
			return nil, true, fmt.Errorf("flowbuild: %q names a limit, but no step the flow has carries it there; nothing was removed", clauseText(ts))
		}
		return d, true, nil
	}
	if r.sense != bwDoc {
		return nil, false, nil // an attempt cap or an expiry taken off is clearBounds' reading, which states the default that applies
	}
	var named []kind
	for _, st := range analyze(ts, p.steps).steps {
		if !st.k.isConversation() && (st.k != kDocument || st.pos > li) {
			named = append(named, st.k)
		}
	}
	for _, st := range analyze(ts[li+1:], p.steps).steps {
		// ("drop the attempt cap on the face scan": the step after the limit
		// is the one it is on, which the whole clause may read as removed)
		if !st.k.isConversation() && !slices.Contains(named, st.k) {
			named = append(named, st.k)
		}
	}
	var target *step
	for _, st := range p.steps {
		n := st.node // (a step read back from a flow keeps its settings on its node)
		if n == nil {
			n = &flow.Node{}
		}
		fits := st.k == kDocument && (len(st.docTypes) > 0 || len(n.AllowedDocumentTypes) > 0)
		if !fits || len(named) > 0 && !slices.ContainsFunc(named, func(k kind) bool { return findKind([]*step{st}, k) >= 0 }) {
			continue
		}
		if target != nil {
			return nil, false, nil // two steps carry that limit and the text names neither
		}
		target = st
	}
	if target == nil {
		// "remove the passport-only restriction" where no scan has one: a
		// change that names a limit never removes the step
		return nil, true, fmt.Errorf("flowbuild: %q names a limit, but no step the flow has carries a document restriction there; nothing was removed", clauseText(ts))
	}
	// "remove the ID-only restriction" when the scan accepts passports only:
	// the restriction named is not this scan's, so nothing is reset
	cur := target.docTypes
	if len(cur) == 0 && target.node != nil {
		cur = target.node.AllowedDocumentTypes
	}
	for i, t := range head {
		if docTypeLemmas[t.w] {
			named := docTypesOf(head, i)
			if len(named) == 0 && t.w == "id" {
				named = []string{"id"} // ("the ID-only restriction": the ID card named)
			}
			for _, d := range named {
				if !slices.Contains(cur, d) {
					return nil, true, fmt.Errorf("flowbuild: %q names a restriction the %s does not have (it accepts %s); nothing was changed", clauseText(ts), target.k.String(), strings.Join(cur, ", "))
				}
			}
		}
	}
	target.docTypes = slices.Clone(defaultDocTypes)
	if n := target.node; n != nil {
		n.AllowedDocumentTypes = slices.Clone(defaultDocTypes)
	}
	target.configureNode()
	p.assumptions = append(p.assumptions, "Read \""+clauseText(ts)+"\" as taking the limit off the "+target.k.String()+", which goes back to FaceSign's default documents (passport, ID card, driver's license); the step stays.")
	return []string{"took the limit off the " + target.k.String()}, true, nil
}

// unwantedLimit: the words before a limit's noun say it is not wanted ("no
// passport restriction", "we don't need the passport restriction",
// unwantedLimitWords, wantLimitWords).
func unwantedLimit(head []token) bool {
	for i, t := range head {
		if unwantedLimitWords[t.raw] || wantLimitWords[t.raw] && i > 0 && (lex.negAux[strings.Map(dropApostrophe, head[i-1].raw)] || i > 1 && lex.negAux[strings.Map(dropApostrophe, head[i-2].raw)]) {
			return true
		}
	}
	return false
}

// resetThenRemove takes a scan's document restriction off (own, a clause of
// its own) and applies the removal of the list's other items (rest), said
// with the removal's verb ("remove"): "remove the passport restriction and
// the SMS code", "waive the passport restriction and the SMS code's cap".
func (p *plan) resetThenRemove(own, rest, head []token) ([]string, bool, error) {
	for len(rest) > 0 && (lex.resetList[rest[0].raw] || rest[0].w == ",") {
		rest = rest[1:]
	}
	done, ok, err := p.resetSetting(own)
	if err != nil || !ok {
		return nil, true, fmt.Errorf("flowbuild: %q takes a restriction off and removes more in one list; say the two changes as two sentences", clauseText(slices.Concat(own, rest)))
	}
	more, err := p.apply("remove " + clauseText(rest))
	if err != nil {
		return nil, true, err
	}
	return append(done, more...), true, nil
}

// thresholdWithoutFace: the sentence sets a face threshold ("lower the face
// match threshold to 0.5": a threshold word and a number) and the flow has
// neither a face comparison nor a recognition to set it on; what to say
// back, "" otherwise. (The cheap word test first.)
func thresholdWithoutFace(p *plan, sentence string) string {
	low := strings.ToLower(sentence)
	if !strings.Contains(low, "threshold") && !strings.Contains(low, "similarity") && !strings.Contains(low, "cutoff") {
		return ""
	}
	if p.holdsKind(p.steps, kFaceCompare) || p.holdsKind(p.steps, kRecognition) {
		return ""
	}
	ts := tokenize(sentence)
	if !slices.ContainsFunc(ts, func(t token) bool { return t.w == "threshold" }) || !slices.ContainsFunc(ts, func(t token) bool { return t.isNum }) ||
		hasAnyRaw(ts, lex.addVerb) { // ("add a face comparison with a threshold of 0.7" adds one)
		return ""
	}
	if !slices.ContainsFunc(analyze(ts, nil).steps, func(s *step) bool { return s.k == kFaceCompare || s.k == kRecognition }) {
		return ""
	}
	return "the flow has no face comparison or recognition whose threshold could change, so it stays as it is; add one first (\"add a face comparison with the ID photo\") if you want it"
}
