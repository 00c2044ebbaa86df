package flowbuild

import (
	"slices"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Detection is a table of rules: for each lemma that can name a step, the rules
// that say when it does (the context it needs, the words that veto it) and what
// step it makes. detect walks the clause's tokens and fires the rules of each
// token's lemma; the resolution passes after it (comparisons, questions losing to
// real steps) live in detect. Word lists the rules read are lexicon data
// (lexicon.go), never inline.

// detector is the state of detecting the steps of one clause.
type detector struct {
	ts       []token
	seq, out []*step // the steps before the clause, and the clause's so far
	neg      []bool  // tokens under a negation
	a        *analysis
	got      kindSet

	comparing    bool // the clause compares or matches
	faceCtx      bool // the clause talks about faces, photos or documents
	codeInClause bool // the clause names a code
	otherCode    bool // the clause names a code that is no one-time code ("the promo code")
	scanVerb     int  // the last scan/take verb before the token, or -10
	emailIdx     int  // where "email" was named, or -1
	smsIdx       int  // where an SMS channel was named, or -1
	skip         int  // tokens a rule consumed after its trigger
}

// mailLostAfter: the words right after "email" at i say it was lost or taken
// over ("their email account that got hacked", "their email is compromised"),
// the mailbox as "locked out of their email" names it, no address to type.
func mailLostAfter(ts []token, i int) bool {
	for j := i + 1; j < len(ts) && j <= i+6; j++ {
		switch {
		case lex.mailLoss[ts[j].raw]:
			return true
		case !lex.mailLossLink[ts[j].raw]:
			return false
		}
	}
	return false
}

func (d *detector) prev(i int) string {
	if i > 0 {
		return d.ts[i-1].raw
	}
	return ""
}

func (d *detector) next(i int) string {
	if i+1 < len(d.ts) {
		return d.ts[i+1].raw
	}
	return ""
}

func (d *detector) nextW(i int) string {
	if i+1 < len(d.ts) {
		return d.ts[i+1].w
	}
	return ""
}

// comparedTo: the words after a face name what it is held against ("… against
// the passport photo", "… with their ID"), not how it is checked ("… with a
// liveness check").
func comparedTo(ts []token) bool {
	for i, t := range ts {
		if t.raw == "against" || t.raw == "to" && i == 0 {
			return true
		}
		if t.raw == "with" && slices.ContainsFunc(ts[i+1:min(len(ts), i+4)], func(u token) bool { return imageLemmas[u.w] || lex.docWord[u.w] }) {
			return true
		}
	}
	return false
}

func (d *detector) prevW(i int) string {
	if i > 0 {
		return d.ts[i-1].w
	}
	return ""
}

// faceAgainstLiveRule: the document's photo against the live face
// (faceAgainstLive), said as the judgement it is.
var faceAgainstLiveRule = rule{
	when: faceAgainstLive,
	make: func(d *detector, i int) {
		d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a face comparison of the document's photo with the user's face.")
		d.add(&step{k: kFaceCompare, srcA: &flow.FaceSource{Source: "documentPhoto"}, srcB: &flow.FaceSource{Source: d.liveSource()}}, i)
	},
}

// faceAgainstLive: the face at i is checked with or against the live side
// ("check the face with the video", "control of the face against the
// camera"; lexicon faceCheckWords, liveSideWords) in a flow with a document
// scan, and nothing else compares: the document's photo against the face.
func faceAgainstLive(d *detector, i int) bool {
	photo := d.ts[i].w == "photo" // "control the photo with his face": the document's photo
	if d.ts[i].raw != "face" && !photo || d.got.has(kFaceCompare) || !slices.ContainsFunc(d.ts[max(0, i-4):i], func(t token) bool { return lex.faceCheck[t.raw] }) {
		return false
	}
	j := i + 1
	if j >= len(d.ts) || d.ts[j].raw != "with" && d.ts[j].raw != "against" {
		return false
	}
	k := slices.IndexFunc(d.ts[j+1:min(len(d.ts), j+4)], func(t token) bool { return lex.liveSide[t.raw] || photo && t.raw == "face" })
	// (what follows the live side may say what the check is for, which is
	// no comparison: "… with the camera is live", "… for deepfakes", "… with
	// face fully visible"; lexicon livePurposeWords)
	return k >= 0 && !hasAnyRaw(d.ts[j+2+k:], lex.livePurpose) &&
		(findKind(d.seq, kDocument) >= 0 || findKind(d.out, kDocument) >= 0 || anyDoc(d.ts))
}

// docInFlow: the flow scans a document, before this clause or in it.
func (d *detector) docInFlow() bool {
	return findKind(d.seq, kDocument) >= 0 || findKind(d.out, kDocument) >= 0 || anyDoc(d.ts)
}

// livePurposeAfter: the live side follows the "against" or "with" at i and
// what follows it says what the check is for ("control the face against the
// camera for liveness", "… against the video is live"): no second image, so
// no comparison (as in faceAgainstLive).
func livePurposeAfter(ts []token, i int) bool {
	k := slices.IndexFunc(ts[i+1:min(len(ts), i+4)], func(t token) bool { return lex.liveSide[t.raw] })
	if k < 0 {
		return false
	}
	// right after the live side: "… for liveness", "… is live", "… is not
	// covered"; not the clause's own verb ("… against the live camera SHALL
	// be done" compares)
	p := i + 2 + k
	for p < len(ts) && lex.liveSide[ts[p].raw] {
		p++ // "the live video"
	}
	if p < len(ts) && lex.beForm[ts[p].raw] {
		p++
		if p < len(ts) && ts[p].raw == "not" {
			p++
		}
		return p < len(ts) && lex.livePurpose[ts[p].raw] && !lex.beForm[ts[p].raw]
	}
	return p < len(ts) && lex.livePurpose[ts[p].raw]
}

// sentBetween: a verb of sending lies between a code named at from and its
// channel named at to, with no list joint between them ("a code SHALL be sent
// to that email"; not "a code, then an email code").
func sentBetween(ts []token, from, to int) bool {
	sent := false
	for _, t := range ts[from+1 : to] {
		switch {
		case t.w == "," || t.w == "." || t.w == ";" || t.raw == "and" || t.raw == "then" || t.raw == "or":
			return false
		case lex.delivered[t.raw]:
			sent = true
		}
	}
	return sent
}

// sizedBefore: a code's length is said right before its name ("a 4-digit
// code", "6 digit SMS codes"): a number and a digit word within three words.
func sizedBefore(ts []token, i int) bool {
	for j := max(1, i-3); j < i; j++ {
		if ts[j].w == "digit" && ts[j-1].isNum {
			return true
		}
	}
	return false
}

// add records a step at token i: under a negation it is excluded instead, and a
// second mention of a kind folds into the first.
func (d *detector) add(s *step, i int) *step {
	s.pos = i
	// "fall back to an email code and then carry on to liveness": the step the
	// path resumes at, named after a verb of going on
	s.resume = hasAnyRaw(d.ts[max(0, i-4):i], lex.resumeWord)
	if d.neg[i] && (s.k == kDocument || s.k == kFaceScan) && negatedOperand(d.ts, d.neg, i) {
		return nil // "not a selfie-vs-ID compare": the comparison is ruled out, not the ID scan
	}
	if d.neg[i] && (hasAnyRaw(d.ts[max(0, i-2):i], lex.repeatStep) || i >= 3 && d.prev(i) == "of" && lex.kindOf[d.ts[i-2].raw] && lex.repeatStep[d.ts[i-3].raw]) {
		// "don't add a second age check": one, not none, where the text asks
		// for one (Build); a change adds none, as any negation says
		d.a.second.add(s.k)
	}
	if from := setAside(d.ts, i); from >= 0 {
		// "email is safer than SMS", "we prefer email over SMS": the option
		// weighed against the one chosen, no step and none ruled out
		d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts[from:i+1])+"\" as a comparison, not as a step to add.")
		return nil
	}
	if d.neg[i] && recognizedObject(d.ts, i) {
		// "users who don't recognise the SMS number should be told it's us":
		// what the user does not recognise, neither a step nor one ruled out
		return nil
	}
	if d.neg[i] && lackedBefore(d.ts, i) {
		return nil // "most of them don't have a passport": who the users are, no step and none ruled out
	}
	if d.neg[i] && s.k == kLiveness && (lex.attackWord[d.ts[i].raw] || spoofProp(d.ts, i)) && !lex.negAux[d.prev(i)] {
		// "make sure it's a live human, not a recording or deepfake": the attack
		// ruled out is what the liveness check is for ("don't check for
		// deepfakes" still rules the check out)
		d.neg[i] = false
	}
	if d.neg[i] && isCodeKind(s.k) && sizedBefore(d.ts, i) {
		// "a 4-digit code is NOT acceptable: the code SHALL be 8 digits", "no
		// 4 digit SMS codes": the length is ruled out, not the code; its
		// length is read where the text gives it
		return nil
	}
	if d.neg[i] && s.k == kAgeCheck && s.explicitAge && !(i+1 < len(d.ts) && (d.ts[i+1].w == "verify" || d.ts[i+1].raw == "gate")) {
		// "we can't onboard anyone under 18": the age limit is the requirement
		// ("we don't need the over-21 check": the check itself is ruled out)
		d.neg[i] = false
	}
	if d.neg[i] {
		d.a.neg.add(s.k)
		if s.k == kDocument {
			// "DL only, no passports": a type named under a negation may only narrow
			// the scan (Build decides, once it knows whether a scan is wanted)
			if len(s.docTypes) > 0 && d.ts[i].w != "document" {
				d.a.negDocTypes = append(d.a.negDocTypes, s.docTypes...)
			} else {
				d.a.negDocAny = true
			}
		}
		if s.k == kOTP {
			d.a.neg.add(kEmailOTP)
			d.a.neg.add(kSMSOTP)
		}
		return nil
	}
	if o := foldDataCheck(d.out, s); o != nil {
		// "validate the extracted data (the expiry date)": one check, the expiry
		d.got.add(o.k)
		return o
	}
	if (s.k == kEmailOTP || s.k == kSMSOTP) && d.got.has(kOTP) {
		// "a one-time code SHALL be sent to that email address", "the code is
		// delivered by SMS": the passive names the code first and its channel
		// after the verb of sending; one code, of that channel
		for _, o := range d.out {
			if o.k == kOTP && o.pos >= 0 && o.pos < i && sentBetween(d.ts, o.pos, i) {
				d.got.add(s.k)
				return mergeStep(o, s)
			}
		}
	}
	if d.got.has(s.k) {
		for _, o := range d.out {
			if o.k == s.k && s.k != kAsk {
				return mergeStep(o, s)
			}
			if o.k == kAsk && s.k == kAsk && o.phrase == s.phrase && o.topics == s.topics {
				return o // "a question asking what the account is for": one question named twice
			}
		}
	}
	d.got.add(s.k)
	d.out = append(d.out, s)
	return s
}

// rule is one way a step is named: when (nil: always) says whether the trigger at
// token i names the step in this clause, make builds it (and adds it, so a rule
// may add more than one or place it specially).
type rule struct {
	when func(d *detector, i int) bool
	make func(d *detector, i int)
}

// simple makes a rule that adds a step of kind k.
func simple(k kind, when func(d *detector, i int) bool) rule {
	return rule{when: when, make: func(d *detector, i int) { d.add(&step{k: k}, i) }}
}

// rules by the lemma (or, for "#", the number) that triggers them.
var rules = map[string][]rule{
	"liveness": {{
		// "a selfie with a liveness challenge": a setting of the face scan, not a
		// step; so is "…, with the liveness challenge required" in a clause of
		// its own right after the face scan, but only with its "with": "then a
		// liveness challenge", "Liveness challenge next." ask for the step
		when: func(d *detector, i int) bool {
			return !(d.next(i) == "challenge" && (has(d.ts, "face") || has(d.ts, "selfie") || len(d.out) == 0 && len(d.seq) > 0 && d.seq[len(d.seq)-1].k == kFaceScan && withBefore(d.ts, i)))
		},
		make: func(d *detector, i int) {
			if d.neg[i] && d.ts[i].raw != "liveness" && describesCheck(d.ts, i) {
				d.neg[i] = false // "make sure it's not a deepfake" asks for the check
			}
			d.add(&step{k: kLiveness}, i)
		},
	}},
	"live": {simple(kLiveness, func(d *detector, i int) bool {
		nw, next := d.nextW(i), d.next(i)
		if d.comparing && (nw == "face" || next == "video" || nw == "camera" || nw == "person") {
			return false // "compare their live face with ...": the live video is a source
		}
		// "the live camera check", "a live video test": the camera names where
		// the check looks, the check is still whether the person is live
		onCamera := (nw == "camera" || next == "video") && i+2 < len(d.ts) && d.ts[i+2].w == "verify"
		return lex.liveAfter[nw] || onCamera || next == "presence" || lex.beingBefore[d.prev(i)] || isContraction(d.ts, i-1)
	})},
	"real": {simple(kLiveness, func(d *detector, i int) bool {
		if lex.owner[d.next(i)] || (d.ts[i].raw == "really" || d.ts[i].raw == "actually") && (d.next(i) == "the" || d.next(i) == "a" && d.nextW(i+1) != "person") || // "it's actually the policyholder": who, not whether live
			d.ts[i].raw == "really" && lex.personRef[d.next(i)] && d.next(i) != "this" || // "the person holding it is really them": who, not whether live
			lex.personRef[d.next(i)] && priorProvided(d.ts) {
			return false // "it's really theirs", "really the account owner": who, not whether live
		}
		if (d.ts[i].raw == "really" || d.ts[i].raw == "actually") && (lex.ageComparative[d.next(i)] || i+1 < len(d.ts) && d.ts[i+1].isNum) {
			return false // "check the holder is actually under 18": how old, not whether live
		}
		if i > 0 && d.ts[i-1].raw == "its" && (anyDoc(d.ts) || anyDoc(d.a.prior) ||
			d.ts[i].raw != "really" && d.ts[i].raw != "actually" && slices.ContainsFunc(d.ts[:i-1], realThingWord)) {
			// "the passport's NFC chip needs to be read to prove it's genuine": the
			// document is genuine, not the person live; so is the address a code
			// is sent to ("shoot a code to it so we know it's real")
			return false
		}
		if lex.beingBefore[d.prev(i)] && i >= 2 && realThingWord(d.ts[i-2]) && thingClaim(d.ts, i-2) {
			// "send an SMS code to be sure the number is real", "check the email
			// is genuine": the thing is, the code proves it; no person said live
			return false
		}
		return d.nextW(i) == "person" || d.nextW(i) == "live" || lex.beingBefore[d.prev(i)] || isContraction(d.ts, i-1)
	})},
	// "on the recognised path swap the email OTP for an SMS one": the path a
	// recognised user takes, not a recognition named
	"recognize": {simple(kRecognition, func(d *detector, i int) bool {
		// "confirm they recognise the payee by name": the user recognises
		// something; "users recognised by face" are the ones recognised
		userDoes := lex.personRef[d.prev(i)] && d.prev(i) != "this" && d.prev(i) != "them" && !strings.HasSuffix(d.ts[i].raw, "d")
		// ("the avatar explains that they'll be recognised at future logins":
		// inside the line told, what is said, not a search to run; as for "ask")
		// ("add an SMS code for the recognised customers": the users a
		// recognition the flow has already finds, whom the step is for, as
		// "returning customers" are; no second search)
		whom := d.ts[i].in(hCondKnown) && lex.userWord[d.next(i)] && findKind(d.seq, kRecognition) >= 0
		return !lex.pathNoun[d.next(i)] && !userDoes && !toldLineAt(d.ts, i) && !whom
	})},
	// "confirm the user is human": a live person
	"person": {simple(kLiveness, func(d *detector, i int) bool { return d.ts[i].raw == "human" && lex.beingBefore[d.prev(i)] }), photoIsPersonRule},
	"identify": {simple(kRecognition, func(d *detector, i int) bool {
		return near(d.ts, i, 4, "enrolled", "face") || has(d.ts, "face") && !d.comparing // "identify who they are by face"
	})},
	"selfie": {{
		// "compare it with the selfie": a source of the comparison, taken elsewhere
		// "the selfie liveness check": the selfie says how the liveness is checked, one step
		when: func(d *detector, i int) bool {
			// ("… we pass it to you in providedData. …, then a 1:1 match of the
			// live face against that booking selfie": the selfie the app holds)
			heldSelfie := d.a.held && hasRaw(d.ts[max(0, i-3):i], "that", "this", "the", "their")
			return !(d.comparing && d.scanVerb < i-3) && !providedImage(d.ts, i) && d.nextW(i) != "liveness" &&
				d.prev(i) != "key" && !heldSelfie // "providedData under the key selfie": a key's name, not a step
		},
		make: faceScan,
	}},
	"oval": {{make: faceScan}},
	"face": {{
		// "we're dropping enrolled faces for this", "no stored faces", "drop
		// the face database": the faces enrolled before, named as what the
		// change takes away, are the recognition that searches them
		when: func(d *detector, i int) bool {
			gallery := d.prevW(i) == "enrolled" && d.ts[i].raw == "faces" || d.nextW(i) == "enrolled" && (d.next(i) == "database" || d.next(i) == "db")
			gone := d.neg[i] || slices.ContainsFunc(d.ts[:i], func(t token) bool { return lex.removeVerb[t.raw] || lex.removeVerb[t.w] })
			return gallery && gone && !d.comparing && !d.got.has(kRecognition)
		},
		make: func(d *detector, i int) {
			// ("we're removing enrolled faces from this flow": taken away, even
			// where no negation reaches the word; never a step to add)
			d.neg[i] = true
			d.add(&step{k: kRecognition}, i)
		},
	}, {
		// "no face stuff needed", "none of the face bits": every step that
		// reads a face is ruled out
		when: func(d *detector, i int) bool { return d.neg[i] && lex.collective[d.next(i)] },
		make: func(d *detector, i int) {
			// "no face stuff beyond liveness": what the exception names stays
			faceKinds := map[string]kind{"liveness": kLiveness, "selfie": kFaceScan, "compare": kFaceCompare, "match": kFaceCompare, "recognize": kRecognition}
			var spared kindSet
			for j := i + 1; j < len(d.ts); j++ {
				if phraseAt(d.ts, j, lex.exceptPhrase) {
					for _, t := range d.ts[j:] {
						if k, ok := faceKinds[t.w]; ok {
							spared.add(k)
						}
					}
					break
				}
			}
			for _, k := range faceKinds {
				if !spared.has(k) {
					d.a.neg.add(k)
				}
			}
		},
	}, {
		when: func(d *detector, i int) bool {
			if d.next(i) == "id" {
				d.skip = 1 // "Face ID" is a phone feature, not a step
				return false
			}
			// ("after the scan do face compare", "after a good scan run the face
			// match": another verb between takes the face as its object; the
			// scan is the place, not a verb on the face)
			verbOnFace := d.scanVerb >= 0 && d.scanVerb >= i-3 && d.scanVerb < i && !anyDoc(d.ts[max(0, d.scanVerb-1):i]) &&
				!slices.ContainsFunc(d.ts[d.scanVerb+1:i], func(t token) bool { return lex.refEndVerb[t.raw] })
			// "scan their passport and face", "scan the ID and their face": the
			// verb takes both objects, so the face is scanned as well as the
			// document (the guard above keeps "scan the face on their ID" one scan)
			and := i - 1
			if lex.possessive[d.prev(i)] || d.prev(i) == "the" {
				and--
			}
			coordinated := and > d.scanVerb && d.scanVerb >= 0 && and-d.scanVerb <= 5 && d.ts[and].raw == "and" &&
				anyDoc(d.ts[d.scanVerb:and]) && d.nextW(i) != "page" && !comparingLemmas[d.nextW(i)] // ("scan their DL and face compare it": the comparison)
			// "compared against the applicant's live facial image": the live face on
			// camera (the session video) is a side of the comparison, no selfie step
			livePhoto := d.nextW(i) == "photo" && d.prevW(i) == "live" && d.comparing
			return d.nextW(i) == "scan" || d.nextW(i) == "photo" && !livePhoto || verbOnFace || coordinated || passiveScan(d.ts, i) || photoOfFace(d, i)
		},
		make: faceScan,
	}, {
		// "face verification", "verify their face", "a facial check": with nothing
		// to compare it with and no one to look up, what verifying a face on camera
		// can mean is that a live person is there; said as a judgement call
		when: func(d *detector, i int) bool {
			verified := d.nextW(i) == "verify" || d.prevW(i) == "verify" || i >= 2 && d.ts[i-2].w == "verify" && lex.personPronoun[d.prev(i)]
			return verified && !d.comparing && !lex.authWord[d.next(i)] && !lex.authWord[d.prev(i)] &&
				!has(d.ts, "enrolled") && !has(d.ts, "recognize") && !comparedTo(d.ts[i+1:])
		},
		// (a judgement call, named loosely as a label is: "Camp Willowbrook is
		// switching pickup to face check. … then we take a face scan and do a
		// liveness check": a later description of the check sets its place)
		make: func(d *detector, i int) {
			if d.add(&step{k: kLiveness, label: true}, i) != nil {
				d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a liveness check (a live person on camera); say \"face recognition\" to look the user up among enrolled faces, or \"compare their face with …\" for a comparison.")
			}
		},
	}, {
		// "check the face with the video", "make the control of the face against
		// the camera" after a document scan: the document's photo against the
		// live face, a comparison
		when: faceAgainstLive, make: faceAgainstLiveRule.make,
	}, {
		// "2fa for login - face + sms otp": a bare "face" listed beside another
		// factor of a login is the face the user signs in with, looked up among
		// the enrolled ones
		when: func(d *detector, i int) bool {
			join := func(t token) bool { return t.raw == "and" || t.raw == "plus" || t.w == "," }
			item := (i == 0 || join(d.ts[i-1]) || lex.wish[d.prev(i)]) && (i+1 == len(d.ts) || join(d.ts[i+1]))
			// (the login word may head the list: "login 2fa: face and a text code")
			login := hasAnyHot(d.ts, hLoginWord) || hasAnyHot(d.a.prior, hLoginWord) || slices.ContainsFunc(d.seq, func(s *step) bool { return s.purpose })
			return item && login && !d.comparing
		},
		make: func(d *detector, i int) {
			if d.add(&step{k: kRecognition}, i) != nil {
				d.a.notes = append(d.a.notes, "Read \"face\" beside the login's other factor as face recognition: the user signs in with the face they enrolled.")
			}
		},
	}},
	"passport": {documentRule},
	"license": {{
		when: func(d *detector, i int) bool { return !firmLicense(d.ts, i) && documentRule.when(d, i) },
		make: documentRule.make,
	}},
	"document": {documentRule},
	"visa":     {documentRule},
	"brp":      {documentRule}, // "scan their passport or BRP": a residence permit
	"id": {{
		when: func(d *detector, i int) bool {
			return !wouldContraction(d.ts[i]) && !lex.notDocBefore[d.prev(i)] // "user id", "I'd" (but "the ID's expiry" is the ID)
		},
		make: documentRule.make,
	}},
	"permit": {{when: func(d *detector, i int) bool { return lex.permitBefore[d.prev(i)] && !onStatusDoc(d.ts, i) }, make: documentRule.make}},
	"driver": {{when: func(d *detector, i int) bool { return d.nextW(i) == "license" }, make: documentRule.make}},
	"card":   {{when: func(d *detector, i int) bool { return lex.cardBefore[d.prev(i)] }, make: documentRule.make}},
	"email": {{make: func(d *detector, i int) {
		ts, next, prev := d.ts, d.next(i), d.prev(i)
		d.emailIdx = i
		if (has(ts, "match") || has(ts, "same")) && hasAnyRaw(ts, lex.onFile) && !d.codeInClause {
			if hasNear(ts, i, 3, lex.emailGiven) && findKind(d.seq, kEnterEmail) < 0 {
				d.add(&step{k: kEnterEmail}, i) // "the email they give matches the account": collected, then compared
			}
			return // the field of a data check, not a step
		}
		if onRecord(ts, i) && !d.codeInClause {
			// "check it's actually the email on their account": the address typed
			// is held against the one on record, a data check, not a code
			d.add(&step{k: kMatchCheck, field: "email"}, i)
			return
		}
		if !d.neg[i] && !d.codeInClause && heldState(ts, i) {
			switch {
			case d.a.freshAsked:
				// "their email is often out of date: collect a new one and
				// verify it": the state of the address held is why a fresh one
				// is collected, and the clause after asks for it by "one" or
				// "address", which names no step alone
				if d.add(&step{k: kEnterEmail}, i) != nil {
					d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as about the email address you hold, the reason to collect a fresh one.")
					return
				}
			case hasAnyW(d.a.prior, lex.codeLine):
				// "SMS code instead of the email one - the email on file is
				// often stale": what the address already held is like, said
				// after the code just chosen, is the reason for that choice,
				// not an address to collect
				d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as about the email address you hold, a reason, not a step of the flow.")
				d.a.mailed = true
				return
			}
		}
		if d.neg[i] && !d.codeInClause && hasPhrase(ts, lex.totalBan) && !lackedBefore(ts, i) && !emailEntryNamed(ts, i) {
			// "don't use email at all", "no email anywhere in this flow": every
			// use of email is ruled out, the address typed as well as the code
			// sent to it ("don't use email" alone rules out the code); "no email code at all" only the code
			d.add(&step{k: kEmailOTP}, i)
			d.add(&step{k: kEnterEmail}, i)
			return
		}
		if lex.entryNext[next] {
			d.add(&step{k: kEnterEmail}, i) // "the email entry" is the step that collects it
			return
		}
		if !d.codeInClause && mailMessage(ts, i) {
			// "tell them they can finish later from the link in their welcome
			// email", "we send that email from our backend": a message the
			// integrator sends, no step; emails that are the subject of what is
			// said of them ("emails get phished a lot") may be anyone's mail
			if !(i > 0 && lex.ourMail[ts[i-1].raw]) && mailsSubject(ts, i) && !sentThing(ts, i) {
				d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as something said about email, not a step of the flow.")
			} else {
				d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as an email your system sends, not a step of the flow.")
			}
			d.a.mailed = true
			return
		}
		if d.otherCode && !d.codeInClause && (prev == "from" || lex.ownerPossessive[prev] && i >= 2 && d.ts[i-2].raw == "from") {
			// "they enter the promo code from their email": the mail that code
			// came in, not an address to collect nor a one-time code's channel
			d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as a code that comes in an email your system sends, not a step of the flow.")
			d.a.mailed = true
			return
		}
		if lex.mailThreatNext[next] && !d.codeInClause {
			// "we've had two business-email-compromise frauds this year", "hit by
			// email fraud twice": a fraud done by email, the reason for the flow,
			// not an address to collect nor a code's channel
			d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as about fraud by email, background to the flow, not a step of it.")
			d.a.mailed = true // (the note says where the clause went)
			return
		}
		if hasAnyRaw(ts[max(0, i-2):i], lex.mailThreatBefore) && !d.codeInClause {
			// "a couple of fake supplier emails", "lots of fake email signups",
			// "we block disposable and fake emails": emails of a kind the text
			// does not want, background again, but not always a fraud (spam
			// the speaker won't send, fake addresses it blocks), so the note
			// says no more than the words do; inside a line the avatar tells
			// ("tell them to check their spam email folder") the words are
			// the line's, which says where they went
			if i < toldFrom(ts) {
				d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as about unwanted or fake emails, background to the flow, not a step of it.")
			}
			d.a.mailed = true
			return
		}
		if q := askedIfAt(ts); q >= 0 && i > q && !d.codeInClause {
			// "ask him if this email is also his contact for letters": the address
			// the question is about, not one to collect (the question's words keep it)
			return
		}
		if told := toldFrom(ts); i > told && ts[told].raw != "to" && !d.codeInClause && !lex.ownerPossessive[d.prev(i)] && d.next(i) != "address" {
			// "the avatar say them welcome and that the policy arrives per email
			// in 24h": an email the line speaks of, not an address to collect
			// ("tell them to type their email" is what they do, a step; "explain
			// that we need their email address" asks for it)
			d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as an email the avatar tells the user about, not a step of the flow.")
			d.a.mailed = true
			return
		}
		if d.codeInClause && givesEmail(ts, i) && findKind(d.seq, kEnterEmail) < 0 && d.nextW(i) != "code" && !lex.mailbox[ts[i].raw] {
			// ("enter the email code": the code is what is entered, "email" names its channel;
			// "a code to their inbox that they type in": a mailbox is where the code goes,
			// never an address typed, so what they type is the code)
			// "verify the email they give us by sending a code to it": collected, then confirmed
			d.add(&step{k: kEnterEmail}, i)
		}
		// "an email one": "one" stands for the code the flow has last, or the
		// one the clause before named ("swap that code for an email one")
		lastCode := len(d.seq) > 0 && (d.seq[len(d.seq)-1].k == kSMSOTP || d.seq[len(d.seq)-1].k == kEmailOTP || d.seq[len(d.seq)-1].k == kOTP)
		if lastCode && d.seq[len(d.seq)-1].k != kSMSOTP && bareObject(ts) && has(d.a.prior, "code") {
			// "six-digit code to their inbox (email, NOT their phone)", "a
			// six-digit code (email, not SMS)": the channel of the code just
			// named, no address to type
			d.seq[len(d.seq)-1].k = kEmailOTP
			return
		}
		if d.codeInClause && has(ts, "sms") && (hasAnyRaw(ts[max(0, i-5):i], lex.mailLoss) || mailLostAfter(ts, i)) {
			// "a text code only, as many of them have lost access to their
			// mailbox": the mailbox they lost is why the code goes by text
			return
		}
		// ("type in their email address so we can send the booking
		// confirmation": a confirmation in what the address is for is a
		// message, as a "send" there is, no code that confirms the address)
		vts := ts[:forAddress(ts, i)]
		// ("we need their email verified", "… their email as a second factor":
		// the address is checked, by a code, not only collected)
		checked := i+1 < len(ts) && lex.checkedAfter[ts[i+1].raw] || i+2 < len(ts) && ts[i+1].raw == "as" && hasAnyRaw(ts[i+2:min(len(ts), i+6)], lex.emailFactor)
		if d.codeInClause && addressGiven(ts, i) && sentToPhone(ts, i) {
			// "get their email so we can send a one-time code to their phone":
			// the address is collected; the code goes to the phone, not to it
			if findKind(d.seq, kEnterEmail) < 0 {
				d.add(&step{k: kEnterEmail}, i)
			}
			if !d.got.has(kSMSOTP) {
				d.add(&step{k: kSMSOTP}, i)
			}
			return
		}
		if d.codeInClause || sendsTo(ts, i) || has(vts, "verify") || has(vts, "confirm") || has(ts, "sms") || checked ||
			bareObject(ts) && (has(d.a.prior, "verify") || has(d.a.prior, "confirm")) || // "verify their phone, then their email": the verb goes on
			channelInCodeList(ts, d.a.prior) || // "two codes total, sms first then email"
			prev == "an" && (next == "otp" || next == "code") || lex.channelNoun[next] ||
			lex.channelPrep[prev] && !has(ts, "collect") && !has(ts, "address") ||
			next == "one" && (lastCode || has(d.a.prior, "code") || findKind(d.seq, kEmailOTP) >= 0) || // "put a sms code before the email one"
			// "the OTP can't go to the phone number …, so it goes to their email":
			// "it" is the code just named, and the email where it goes
			hasRaw(ts, "it") && hasRaw(ts, "go", "goes", "going") && (lastCode || has(d.a.prior, "code")) && !hasAnyHot(ts, hEmailGiven) {
			if (checked && addressGiven(ts, i) || d.codeInClause && d.nextW(i) != "code" && d.nextW(i) != "verify" && !lex.channelNoun[next] && addressGot(ts, i)) && findKind(d.seq, kEnterEmail) < 0 {
				// ("we need their email verified": collected, then checked; "get
				// their email so we can send a one-time code": collected, and the
				// code goes to it, where "a code to their email" sends it to one
				// on file)
				d.add(&step{k: kEnterEmail}, i)
			}
			d.add(&step{k: kEmailOTP}, i)
			return
		}
		if channelOnly(d, i, kEmailOTP, kSMSOTP) {
			return
		}
		if hasRaw(ts, "already") {
			return // "users already typed their email at signup": it is on file, not collected again
		}
		if d.neg[i] && !has(ts, "collect") && !has(ts, "address") && !lex.entryNext[next] && !givesEmail(ts, i) && !askedFor(ts, i) {
			// "SMS, not email": the channel is ruled out, the code that would use it too
			// ("no need to ask him the mail again", "don't make them type their
			// email": the address asked for or typed is ruled out, a code sent to
			// the one on file is not)
			d.add(&step{k: kEmailOTP}, i)
		}
		if lex.mailbox[ts[i].raw] || lex.mailboxNext[next] {
			return // "they lost access to their mailbox", "their email app was on that phone": where codes go, never typed in
		}
		if hasAnyRaw(ts[max(0, i-5):i], lex.mailLoss) || mailLostAfter(ts, i) {
			return // "they may have lost access to their email as well", "locked out of their email": the mailbox they lost, not an address to type
		}
		if lex.mailSystemNext[next] {
			// "texts only for the code, our email delivery has been flaky": how
			// the integrator's mail works, a reason, not an address to collect
			d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as about your email system, not a step of the flow.")
			return
		}
		if j := i + 1; j < len(ts) && !(i > 0 && ts[i-1].in(hDeterminer)) && (ts[j].w == "human" || ts[j].in(hDeterminer) && j+1 < len(ts) && ts[j+1].w == "human") {
			// "today they email support and wait days", "email our helpdesk":
			// mail to the integrator's team, a message, no address to collect
			d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as an email to your team, not a step of the flow.")
			return
		}
		if ourEmailing(ts, i) {
			// "avatar tells them we email the result within 1h": mail the
			// integrator sends itself, not an address to collect
			d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as an email your system sends, not a step of the flow.")
			d.a.mailed = true
			return
		}
		// ("email is literally the channel that got compromised": an adverb
		// after the verb leaves the statement what it was)
		det := i + 2
		for det < len(ts) && lex.subjectAdverb[ts[det].raw] {
			det++
		}
		channelTalk := (i == 0 || i == 1 && lex.determiner[prev]) && lex.beForm[next] && det < len(ts) && ts[det].in(hDeterminer) && !d.neg[i]
		if channelTalk && hasAnyRaw(ts[det+1:], lex.emailWeak) {
			// "email is the first thing attackers own after a phish", "email is
			// literally the channel that got compromised": a remark on email as
			// a channel, no code and nothing typed; it rules nothing out either
			// ("email is a weak spot but it's what we have", "… never got
			// compromised"): what the text asks for elsewhere says
			d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as a remark on email as a channel, not a step of the flow.")
			return
		}
		if channelTalk && hasAnyRaw(ts[det+1:], lex.emailFactor) {
			// "email is the second factor", "email is the channel we use": the
			// channel is what the statement names, as "SMS is easy to intercept"
			// is the SMS code's channel; nothing to type ("the email is typed
			// in" is the address, left alone). Only a predicate about email as
			// a factor or a channel: "email is the username", "email is the
			// login ID" name the address
			d.add(&step{k: kEmailOTP}, i)
			return
		}
		// "email is the username. Do a liveness check, then have them enter
		// their email": a statement of what the address is names the entry as
		// a label does; where it is asked for later sets its place
		named := (i == 0 || i == 1 && lex.determiner[prev]) && lex.beForm[next] && !d.neg[i]
		d.add(&step{k: kEnterEmail, label: named}, i)
	}}},
	"sms": {{
		// "text" is a channel only next to a code, an object or a channel preposition
		when: func(d *detector, i int) bool {
			// ("if the text can't be delivered", "the text fails": a text that
			// fails is the SMS code)
			// ("the email one first, then the text one": after a determiner "text"
			// is a noun's modifier, and "one" stands for a code, as in "the email
			// one", when the words or the flow have one; bare, "text one of the
			// admins" is the verb)
			return d.ts[i].raw != "text" || lex.textNext[d.next(i)] || lex.textPrev[d.prev(i)] || len(d.ts) == 1 ||
				d.nextW(i) == "no" || d.nextW(i) == "fail" || channelContrast(d.ts, i) ||
				// ("replace the text with an email code": the text replaced is the SMS code)
				lex.determiner[d.prev(i)] && i > 1 && d.ts[i-2].w == "replace" ||
				d.next(i) == "one" && lex.determiner[d.prev(i)] && (d.codeInClause || has(d.a.prior, "code") || slices.ContainsFunc(d.seq, func(s *step) bool { return s.k == kSMSOTP || s.k == kEmailOTP || s.k == kOTP }))
		},
		make: func(d *detector, i int) {
			if !d.neg[i] && channelThreatened(d.ts, i) {
				// "texts can be hijacked after a SIM swap, so …": why the
				// channel is not trusted, no code sent by it
				d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\""+smsDistrustNote)
				return
			}
			if !d.neg[i] && textsThing(d.ts, i) && possessionLink(d.ts) {
				// "SMS a magic link to their phone", "verify their phone number
				// with an SMS link": the link proves the phone is theirs, which
				// the flow checks with a code by SMS; said, not dropped
				d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a check that the user holds the phone: a flow proves that with a one-time code by SMS, not a link.")
			} else if !d.neg[i] && textsThing(d.ts, i) {
				// "finish KYC on the link we text them after the call": a
				// message the integrator sends, as "the link we email them" is
				d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a text message your system sends, not a step of the flow.")
				d.a.mailed = true
				return
			}
			d.smsIdx = i
			if channelOnly(d, i, kSMSOTP, kEmailOTP) {
				return
			}
			if n := len(d.seq); n > 0 && d.seq[n-1].k == kEnterEmail && bareChannel(d.ts) && bareChannel(d.a.prior) && !hasRaw(d.a.prior, "address") && findKind(d.seq[:n-1], kEnterEmail) < 0 {
				// "liveness, email, sms": two channels listed bare are two codes,
				// as "liveness, sms, email" is; the email was no address to type
				// ("liveness, email address, sms" collects one)
				d.seq[n-1].k = kEmailOTP
			}
			d.add(&step{k: kSMSOTP}, i)
		},
	}},
	"phone": {{
		// "a code to their email since the phone is gone": the email is the channel
		when: func(d *detector, i int) bool {
			if !d.neg[i] && !d.codeInClause && slices.ContainsFunc(d.ts[:i], func(t token) bool { return t.w == "ask" || t.raw == "digits" }) {
				// "ask the user to confirm the last 4 digits of the phone number":
				// what the avatar asks about the phone, not a code sent to it
				return false
			}
			if !d.codeInClause && i >= 2 && d.prev(i) == "the" && lex.callPrep[d.ts[i-2].raw] {
				// "coached the victim through the liveness check over the phone":
				// a call, not a code sent to the phone
				return false
			}
			if !d.neg[i] && !d.codeInClause && hasAnyRaw(d.ts[i+1:min(len(d.ts), i+9)], lex.mailLoss) {
				// "since their phone number may be compromised", "their phone was
				// hacked": what happened to the phone, the reason for the
				// flow, as a lost mailbox is, not a code sent to it
				return false
			}
			if j := i - 1; !d.neg[i] && j >= 2 && lex.deviceChange[d.ts[j].raw] && (d.ts[j-1].in(hDeterminer) || lex.ownerPossessive[d.ts[j-1].raw]) &&
				lex.deviceGet[d.ts[j-2].raw] && !has(d.ts, "send") {
				// "patients who get a new phone have to re-link the app (our
				// MFA is bound to the device)": the phone the user got, the
				// occasion of the flow, not where a code goes; only as the
				// object of a verb of getting ("a code on their new phone",
				// "verify the new phone number", "confirm their new phone"
				// are where the code goes)
				return false
			}
			if !d.neg[i] && !d.codeInClause && accountMadeWith(d.ts, i) && !d.a.contactChecked && !hasAnyW(d.ts, lex.contactCheck) {
				// "players sign up with a phone number only", "our members log
				// in with their mobile": how the users' accounts are made or
				// reached, who they are, not a code sent in this flow
				return false
			}
			if !d.neg[i] && !d.codeInClause && toldLineAt(d.ts, i) {
				// "the avatar explaining why we're re-checking them on a new
				// phone": the phone the line speaks of, no code sent to it
				return false
			}
			// "no phones", "leave phones out": a phone ruled out is the SMS code ruled out
			return d.neg[i] && !hasRaw(d.ts, "push", "notification", "notify", "call") && !lex.entryNext[d.next(i)] ||
				(!has(d.ts, "email") || listedWith(d.ts, i, "email")) && !hasRaw(d.ts, "push", "notification", "notify", "call") && (d.codeInClause || has(d.ts, "verify") || has(d.ts, "confirm") || has(d.ts, "send") || d.next(i) == "number" ||
					bareObject(d.ts) && (has(d.a.prior, "verify") || has(d.a.prior, "confirm"))) // "verify their email, then their phone"
		},
		make: func(d *detector, i int) { d.smsIdx = i; d.add(&step{k: kSMSOTP}, i) },
	}},
	"code": {{
		// "zip code" is no code to send; a channel named in the clause makes the step
		when: func(d *detector, i int) bool {
			// ("verify it with a code" after their email was collected: "verify it"
			// made the email code, and "a code" is that code, no second one)
			sent := (d.got.has(kEmailOTP) || d.got.has(kSMSOTP)) && !hasAnyRaw(d.ts, lex.anotherTry)
			// "a one-time setup that takes under a minute": "one-time" names a
			// code only before a code's noun ("one-time code", "one-time password")
			if d.ts[i].raw == "onetime" && i+1 < len(d.ts) && d.nextW(i) != "code" && !lex.onetimeNext[d.next(i)] && isAlpha(d.next(i)) {
				return false
			}
			if ownSecret(d.ts, i) {
				return false // "ask them to read out their port-out PIN": a question (the ask rule)
			}
			if lex.device[d.next(i)] && hasAnyRaw(d.ts[:i], lex.mailLoss) {
				// "users who lost both the password and their 2FA device": the
				// device that held their codes, gone, the reason for the flow, as
				// a lost mailbox is; no code is sent
				return false
			}
			return !lex.notCodeBefore[d.prev(i)] && d.emailIdx < 0 && d.smsIdx < 0 && (laterChannel(d.ts, i) < 0 || ownDestination(d.ts, d.a.prior, i)) && !sent
		},
		make: func(d *detector, i int) {
			// "send the OTP to the address we have": an address with no other kind
			// named is an email address; "to the number on file" is a phone's
			switch destinationOf(d.ts, d.a.prior, i) {
			case "email":
				d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a code sent to the user's email address.")
				d.add(&step{k: kEmailOTP}, i)
				return
			case "sms":
				d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a code sent by SMS to the user's phone number.")
				d.add(&step{k: kSMSOTP}, i)
				return
			}
			// "login 2FA: …": a label names the need, the step's place comes from where it is described;
			// beside a login, or followed by what it protects ("MFA for the ops VPN"),
			// it names what the flow is for
			label := lex.labelWord[d.ts[i].raw]
			renews := label && renewsLabel(d.ts, i)
			login := label && (hasNear(d.ts, i, 2, lex.loginWord) || renews || labelGuardsLogin(d.ts, i))
			// ("2FA at the end" places the code; "at checkout" says what it protects)
			protects := label && !login && lex.labelFor[d.next(i)] && !placeAfter(d.ts, i+1)
			d.add(&step{k: kOTP, label: label, purpose: login || protects, purposeFor: protects, renews: renews}, i)
		},
	}},
	"permission": {{
		// consent to be recorded or to use biometrics is a question for the avatar;
		// a permission node is for the camera and the microphone
		when: func(d *detector, i int) bool {
			raw := d.ts[i].raw
			// ("staff with the right perms", "file perms": not the user's camera)
			return permissionNounSet[raw] && !hasAnyRaw(d.ts, lex.dataUse) && !((raw == "perms" || raw == "perm") && slices.ContainsFunc(d.ts, func(t token) bool { return permsOtherSet[t.raw] })) || has(d.ts, "camera") || has(d.ts, "microphone")
		},
		make: func(d *detector, i int) { d.add(&step{k: kPermissions, mic: has(d.ts, "microphone")}, i) },
	}, {
		// "obtain consent for biometric processing via the avatar": the avatar asks for it
		when: func(d *detector, i int) bool {
			return lex.topic[d.ts[i].raw] == tConsent && !has(d.ts, "camera") && !has(d.ts, "microphone") && !d.got.has(kAsk)
		},
		make: func(d *detector, i int) { d.add(&step{k: kAsk, topics: tConsent}, i) },
	}},
	// "ask for the camera and microphone", "request the mic": the permission node
	"camera":     {deviceRule},
	"microphone": {deviceRule},
	"adult":      {ofAge},
	"minor": {{
		// "no minors", "reject kids", "if they're a minor": a check asked for;
		// "mostly teenagers and half of them don't have a phone number on file"
		// only says who the users are
		when: func(d *detector, i int) bool {
			// ("parents verify, not the kids": "not the" sets who does it against who does not)
			contrast := i >= 2 && d.prev(i) == "the" && d.ts[i-2].w == "no"
			// ("tell the parent that the child must be present": a line the
			// avatar says, which checks nobody's age)
			told := toldFrom(d.ts) < i
			return !contrast && !told && (d.neg[i] || hasAnyRaw(d.ts, lex.minorGuard) || has(d.ts, "verify") || has(d.ts, "fail") || has(d.ts, "age"))
		},
		make: ofAge.make,
	}},
	"age": {{
		// "age check", "check their age": the limit from a number, an answer, or 18 with a question
		when: func(d *detector, i int) bool {
			if d.prev(i) == "already" && strings.HasSuffix(d.next(i), "ed") {
				return false // "customers we've already age-checked on an earlier order": done before, not a step
			}
			return lex.ageNext[d.next(i)] || has(d.ts, "verify") || has(d.ts, "validate") || ageIn(d.ts) > 0
		},
		make: func(d *detector, i int) {
			if j := ageIndex(d.ts); j >= 0 {
				d.add(ageCheck(d.ts, j, ageAt(d.ts, j)), i)
			} else {
				d.add(&step{k: kAgeCheck, minAge: 18}, i)
			}
		},
	}},
	"#": {{make: func(d *detector, i int) {
		if confirmAsked(d.ts, i) {
			return // "the avatar asks them to confirm they're 18 or older": what they are asked, the question's (conversationRule)
		}
		if upperEnd(d.ts, i) {
			return // "under 18 or over 65": the range's upper end, noted with its minimum
		}
		if age := ageAt(d.ts, i); age > 0 {
			s := d.add(ageCheck(d.ts, i, age), i)
			if s == nil || s.ageUnder {
				return
			}
			if n := ageRangeNote(d.ts, i); n != "" {
				d.a.notes = append(d.a.notes, n)
			}
		}
	}}},
	"validate": {{
		// ("the full name extracted from that document shall be validated
		// against the name the customer declared": data in a clause that
		// names the document, as "checked against" reads it)
		when: func(d *detector, i int) bool {
			return (!d.faceCtx || dataMatch(d.ts) || slices.ContainsFunc(d.ts, func(t token) bool { return lex.docWord[t.w] }) && docDataIn(d.ts)) && ageIn(d.ts) == 0 && !has(d.ts, "adult") && !ageValidation(d) && (dobRuleAt(d) < 0 || slices.ContainsFunc(d.ts[dobRuleAt(d):], func(t token) bool { return t.w == "against" }))
		},
		make: matchCheck,
	}, dobAgeRule, dobRule},
	// "they have to be at least 16 — check the DOB on the document right
	// after it's scanned": a check of the date of birth, as "validate" is
	// (with an age in the clause, the number's rule "#" makes the check, so
	// this one stays out)
	"verify": {{when: func(d *detector, i int) bool { return ageIn(d.ts) == 0 && dobAgeRule.when(d, i) }, make: dobAgeRule.make}, dobRule},
	// ("reads back the name on the matched profile": after a determiner,
	// "matched" names the record a recognition found, no data to compare)
	"match": {{when: func(d *detector, i int) bool { return !matchedRecord(d.ts, i) && dataRule.when(d, i) }, make: dataRule.make}},
	// "compare the name on the licence with the booking name": data, as "match" is
	"compare": {{when: func(d *detector, i int) bool { return dataMatch(d.ts) }, make: matchCheck}},
	"same": {{when: func(d *detector, i int) bool {
		// "in the same position": where, not a data check; "fire a verification
		// code to that same address": where the code goes, the address just
		// given, not a check that it matches one
		to := i >= 2 && lex.determiner[d.prev(i)] && lex.sendTo[d.ts[i-2].raw] || lex.sendTo[d.prev(i)]
		// ("same as account recovery (they enter their email, …)": the flow
		// the text is modelled on, no data that must be the same)
		// ("the same as the sign-up name" is data: a field named after it)
		after := d.ts[min(len(d.ts), i+2):min(len(d.ts), i+5)]
		model := d.next(i) == "as" && detectUseCase(after) != ucGeneric && !slices.ContainsFunc(after, func(t token) bool { return lex.dataField[t.raw] })
		return !lex.placeNoun[d.next(i)] && !(to && d.codeInClause) && !model && sameChecked(d.ts, i) && dataRule.when(d, i)
	}, make: dataRule.make}},
	// "check it against the one we have stored": a check verb before "against"
	"against": {{when: func(d *detector, i int) bool {
		return has(d.ts[:i], "verify") && !has(d.ts, "age") && !d.got.has(kAgeCheck) && dataRule.when(d, i)
	}, make: matchCheck}},
	"greet": {{make: lineStep(kGreeting)}},
	// "open with "Hi, …"", "close with "Thanks, …"": the greeting or closing, said as written
	"start": {{when: func(d *detector, i int) bool { return quotedLineAfter(d, i) || ownOpeningAt(d.ts, i) > 0 }, make: lineStep(kGreeting)}},
	"end":   {{when: quotedLineAfter, make: lineStep(kClosing)}},
	"welcome": {{make: func(d *detector, i int) {
		// ("the avatar should welcome him at the beginning": a welcome placed
		// first is the greeting, whatever the text named before it)
		if len(d.seq) == 0 && len(d.out) == 0 || d.a.front && !d.a.back && len(d.out) == 0 {
			if s := d.add(&step{k: kGreeting}, i); s != nil && s.phrase == "" {
				if place := welcomedTo(d.ts, i+1); place != "" {
					s.phrase = "Welcome " + place // "avatar welcomes the guest to Marlowe": the greeting names it
				} else if place, end := namedAfter(d.ts, i+1); place != "" {
					// "welcome him by saying the name of our hotel group, Mas
					// Lavande": the name the greeting says, no question of the user's name
					s.phrase = "Welcome to " + place
					d.skip = end - i - 1
				}
			}
			return
		}
		d.add(&step{k: kInform, topics: tWelcome | topicsOf(d.ts)}, i)
	}}},
	"goodbye": {{make: lineStep(kClosing)}},
	"thank": {simple(kClosing, func(d *detector, i int) bool {
		return hasAnyRaw(d.ts, lex.closingWords) || has(d.ts, "finally")
	})},
	"coercion": {{make: func(d *detector, i int) {
		d.neg[i] = false // "make sure nobody is pressuring them" is still a coercion check
		d.add(&step{k: kAsk, topics: topicsOf(d.ts) | tCoercion}, i)
	}}},
	// "the avatar should suggest they ask a parent to get in touch", "advise
	// them to call the helpline": advice given to the user, a line; "support
	// suggests we move the code" is a report (a team, a person, "we"), and
	// advice with no one told ("we recommend liveness") is the speaker's
	"advise": {{
		when: func(d *detector, i int) bool { return avatarAdvises(d.ts, i) && advice(d.ts, i) > i },
		make: func(d *detector, i int) {
			j := advice(d.ts, i)
			d.add(&step{k: kInform, phrase: clauseText(d.ts[j:]), speech: advises}, i)
		},
	}},
	"ask": {{
		// "tell them to ask at reception", "tell them that we'll ask for a
		// reference": the asking is in the line told, the avatar's question it is not
		when: func(d *detector, i int) bool {
			if lex.pastVerb[d.ts[i].raw] && d.next(i) == "for" && i+2 < len(d.ts) && (d.ts[i+2].in(hBackRef) || lex.demonstrative[d.ts[i+2].raw]) && i > 0 && !lex.avatarRef[d.prev(i)] {
				// "the unions asked for that", "legal asked for it": who wanted
				// the step just named, a reason, no question the avatar asks
				return false
			}
			if j := i - 1; j > 0 && (d.ts[j].in(hUserWord) || d.ts[j].in(hAddressee) || peopleNoun(d.ts, j)) && hasAnyRaw(d.ts[:j], lex.condOpen) {
				// "when a customer asks for a SIM swap": the user's request, the
				// flow's occasion, no question the avatar asks
				return false
			}
			return !toldLineAt(d.ts, i) && !messageIsQuestion(d.ts, i)
		},
		make: conversationRule.make,
	}},
	"confirm": {{
		// "confirm the first and last name match the booking": the verb of a data check
		// "a liveness check confirms I'm a real person": what the step named before it does
		when: func(d *detector, i int) bool {
			if d.ts[i].raw == "confirmation" && i == len(d.ts)-1 && i > 0 && !lex.determiner[d.prev(i)] && detectUseCase(d.ts) != ucGeneric {
				return false // "wire transfer confirmation - liveness then …": what the flow is for, a label
			}
			if d.ts[i].raw == "confirmation" && d.nextW(i) == "email" && mailMessage(d.ts, i+1) {
				return false // "their agreement number from the confirmation email": a message we sent, no question
			}
			j := i + 1
			for j < len(d.ts) && (d.ts[j].raw == "that" || d.ts[j].in(hDeterminer)) {
				j++
			}
			if !has(d.ts, "ask") && copulaAfter(d.ts, i) && j < len(d.ts) && (d.ts[j].in(hUserWord) || d.ts[j].in(hAddressee) || lex.subjectPronoun[d.ts[j].raw]) {
				// "confirm the patient is who they say they are (by matching their
				// face …)": the person's identity, which the checks confirm; no
				// news to tell them
				return false
			}
			if !has(d.ts, "ask") && ageIn(d.ts[i:]) > 0 {
				// "confirm from it that the beneficiary is at least 18", "we must
				// confirm the signer is 18+": the age check confirms it from the
				// document; no news to tell them, no question
				return false
			}
			if lex.purposeVerbBefore[d.prev(i)] && d.codeInClause && !has(d.ts[:i], "ask") && (d.got.has(kOTP) || d.got.has(kEmailOTP) || d.got.has(kSMSOTP)) {
				return false // "we send them a code to confirm it": what the code is for, no question
			}
			return (!dataMatch(d.ts) || has(d.ts, "ask")) && !(d.ts[i].raw == "confirms" && len(d.out) > 0)
		},
		make: conversationRule.make,
	}},
	domainW: {{
		// "check it ends with @contoso.com", "only @acme.io addresses": the email
		// address must be at that domain
		when: func(d *detector, i int) bool { return !d.got.has(kMatchCheck) },
		make: func(d *detector, i int) {
			domain := "@" + strings.TrimPrefix(d.ts[i].raw, "@")
			if findKind(d.seq, kEnterEmail) < 0 && findKind(d.out, kEnterEmail) < 0 {
				if s := d.add(&step{k: kEnterEmail, auto: true}, i); s != nil {
					s.pos = -1 // the address is typed in before it is checked
				}
			}
			d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a data check that the email address ends with "+domain+".")
			d.add(&step{k: kMatchCheck, field: "email", check: &flow.Validation{Field: "email", Action: "endsWith", Value: domain}}, i)
		},
	}},
	"explain": {{
		// "who they say they are", "what they told us": the user speaking, not the avatar
		when: func(d *detector, i int) bool {
			if raw := d.ts[i].raw; (raw == "state" || raw == "states") && (lex.determiner[d.prev(i)] || lex.placeBefore[d.prev(i)] || i > 0 && d.ts[i-1].w == "#" || lex.docWord[d.nextW(i)] || d.next(i) == "issued" || lex.stateLead[d.prev(i)]) {
				// "a state ID card", "state-issued ID": the issuer, not the verb;
				// "in 3 states", "across states": the places; "the end state
				// is …": a state of the flow
				return false
			}
			// ("our privacy notice says so", "legal says": what a document or a team
			// says, not the avatar; "the face has to tell us who it is": told to the
			// integrator, not by the avatar)
			if raw := d.ts[i].raw; d.prev(i) == "it" && (pastForm(d.ts[i]) || lex.reportVerb[raw] && !strings.HasSuffix(raw, "s")) && !hasRaw(d.ts[i+1:], "that") {
				// "our counsel wants it said explicitly", "have it stated up
				// front": "it" is the line the text already gave, said as asked;
				// no second line ("at the end it says …" is the avatar speaking;
				// "legal wants it stated up front that the call is recorded"
				// gives the line after "that", which is to be said)
				return false
			}
			return (!lex.personRef[d.prev(i)] || d.prev(i) == "this") && !lex.sourceSays[d.prev(i)] && !askedToSay(d.ts, i) && !userMustSay(d.ts, i) && !lex.integrator[d.next(i)]
		},
		make: func(d *detector, i int) {
			if j := skipAddressee(d.ts, i+1); j < len(d.ts) {
				if k, ok := spokenLineKinds[d.ts[j].w]; ok && bareLine(d.ts[j+1:]) {
					// "say goodbye", "tell them thanks": the stock line the verb names
					d.add(&step{k: k}, i)
					return
				}
			}
			conversationRule.make(d, i)
		},
	}, {
		// "the customer must say their full name", "they have to state their
		// date of birth", "they must tell us their member number": a piece of
		// their data, said in the session, which the avatar asks for and
		// waits on (the rule before leaves it: the line is not the avatar's
		// own); "they have to say yes to the terms" is their consent. Anything
		// more ("… if they have one", "… and agree to the terms", "tell their
		// bank …", "explain that they must state it at the branch") stays
		// unplaced, said back as such.
		when: func(d *detector, i int) bool {
			// ("If the user says 'stop', …" is a condition; "the customer
			// should say …" is not, though "should" can open one)
			return userMustSay(d.ts, i) && !d.neg[i] && !d.got.has(kAsk) && !clauseStartsIf(d.ts) &&
				!slices.ContainsFunc(d.ts[:i], func(t token) bool { return t.w == "explain" || t.raw == "that" }) && userAnswer(d.ts, i) != nil
		},
		make: func(d *detector, i int) { d.add(userAnswer(d.ts, i), i) },
	}},
}

// verifyItRule: "get their email, then verify it": the address is confirmed with a code.
var verifyItRule = rule{
	when: func(d *detector, i int) bool {
		// "check it matches the one on file", "check it ends with @acme.io": a data check
		// ("confirm it with a code": the question "confirm" made on its own
		// loses to the code, as a question loses to a real step of its clause)
		verbOnly := !slices.ContainsFunc(d.out, func(s *step) bool { return !(s.k.isConversation() && s.pos == i-1) })
		return i > 0 && confirmVerbLemmas[d.ts[i-1].w] &&
			len(d.seq) > 0 && d.seq[len(d.seq)-1].k == kEnterEmail && verbOnly && !d.comparing && index(d.ts, domainW) < 0 &&
			!emailOnRecord(d.ts) // "verify it is the email in our records": a data check
	},
	make: func(d *detector, i int) {
		d.a.notes = append(d.a.notes, "Confirming the email address the user entered is an email one-time code.")
		d.add(&step{k: kEmailOTP}, i)
	},
}

// placeRule: "send them to the front desk", "direct the user to the nearest
// branch": the avatar tells them to go there, in the text's words (to a
// person or a team it is a handover, readPolicy).
var placeRule = rule{
	when: func(d *detector, i int) bool { return sentToPlace(d.ts, i) > i },
	make: func(d *detector, i int) {
		d.add(&step{k: kInform, phrase: "to go " + clauseText(d.ts[sentToPlace(d.ts, i):]), speech: tellsThing}, i)
	},
}

// firmLicense: the licence at i is no driving licence: a firm word stands
// before it and it is the business's own, the regulation it works under ("our
// e-money licence", "a gambling licence from the UKGC": the clause says it is
// ours or names a regulator), or a user's licence of a trade ("the user's
// business licence"); a driver's is a licence to scan.
func firmLicense(ts []token, i int) bool {
	if i == 0 || !firmLicenseBefore[ts[i-1].raw] && !firmLicenseBefore[ts[i-1].w] {
		return false
	}
	j := i - 1
	for j >= 0 && i-j <= 3 && (firmLicenseBefore[ts[j].raw] || firmLicenseBefore[ts[j].w] || ts[j].raw == "e") {
		j--
	}
	if j >= 0 && (lex.ownerPossessive[ts[j].raw] || possessiveAt(ts, j)) {
		// "the driver's operating licence" is the driver's to show; "the
		// user's business licence", "their trading licence" are no driving
		// licence either, and no document FaceSign scans (unplaced says so)
		return ts[j].w != "driver"
	}
	return hasAnyW(ts, firmOwnerWords) // ("our" among them)
}

// emailEntryNamed: the negated "email" at i names the address's entry, not
// email itself: an entry word follows it ("no email entry screen at all") or
// a verb of typing or giving it stands a few words before ("don't ask them to
// type their email at all", "no typing of the email anywhere").
func emailEntryNamed(ts []token, i int) bool {
	if i+1 < len(ts) && lex.emailEntryNext[ts[i+1].raw] {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		if lex.emailEntryVerb[ts[j].raw] || lex.emailEntryVerb[ts[j].w] {
			return true
		}
	}
	return false
}

// hasAnyW: a token's lemma or raw word is in set.
func hasAnyW(ts []token, set map[string]bool) bool {
	return slices.ContainsFunc(ts, func(t token) bool { return set[t.w] || set[t.raw] })
}

// accountMadeWith: the word at i is what the users' accounts are opened or
// reached with, in a statement of fact whose subject is the users ("players
// sign up with a phone number only", "our customers log in with their
// phone"): the subject is a user word, its verb one of opening or reaching an
// account, and the word follows a preposition of means after that verb.
func accountMadeWith(ts []token, i int) bool {
	j := 0
	for j < len(ts) && (ts[j].in(hDeterminer) || ts[j].in(hKeepLead)) { // (the owner possessives and "our" are determiners)
		j++
	}
	if j+1 >= i || !(ts[j].in(hUserWord) || lex.userOne[ts[j].raw] || lex.pronounUser[ts[j].raw]) {
		return false
	}
	for j++; j < i && (lex.frequencyWord[ts[j].raw] || ts[j].raw == "all" || ts[j].raw == "only"); j++ {
	}
	if j >= i || !lex.accountVerb[ts[j].raw] {
		return false
	}
	for k := j + 1; k < i; k++ {
		if lex.meansWord[ts[k].raw] || ts[k].raw == "through" { // "… with a phone number": the means of that verb
			return true
		}
	}
	return false
}

// heldState: the word at i is the subject of a statement of what it is like
// ("the email on file is often stale", "their email is out of date", "the
// number we hold is sometimes wrong"): it opens the clause, after a determiner
// or a possessive, and a be-form then, past a few words of where it is held
// and adverbs, a word of its state follows.
func heldState(ts []token, i int) bool {
	if !(i == 0 || i == 1 && ts[0].in(hDeterminer)) {
		return false
	}
	for j := i + 1; j < min(len(ts), i+7); j++ {
		if !lex.beForm[ts[j].raw] {
			continue
		}
		k := j + 1
		for k < len(ts) && (lex.subjectAdverb[ts[k].raw] || lex.frequencyWord[ts[k].raw] || lex.degreeWord[ts[k].raw]) {
			k++
		}
		return k < len(ts) && (lex.staleWord[ts[k].raw] || k+2 < len(ts) && ts[k].raw == "out" && ts[k+1].raw == "of" && ts[k+2].raw == "date")
	}
	return false
}

// sentToPlace: where the "to" is after the verb at i and the person it sends
// ("send them to the front desk"), when a place follows within a few words;
// -1 otherwise ("send them a code", "send them to scan their passport"): a
// place among the first four words after "to".
func sentToPlace(ts []token, i int) int {
	if !lex.sendAway[ts[i].raw] {
		return -1
	}
	j := skipAddressee(ts, i+1)
	if j == i+1 || j >= len(ts) || ts[j].raw != "to" || slices.ContainsFunc(ts[j:], func(t token) bool { return t.w == "human" }) {
		return -1 // ("send them to a branch agent", "… the back office for manual review": a handover)
	}
	for k := j + 1; k < len(ts) && k <= j+4; k++ {
		if lex.venue[ts[k].raw] {
			return j
		}
		if ts[k].raw == "to" || ts[k].w == "," {
			return -1 // ("send them to scan their passport at the desk": a step first)
		}
	}
	return -1
}

// rawRules fire on the word as written, whatever its lemma.
var rawRules = map[string][]rule{
	"photo": {faceAgainstLiveRule},
	"give":  {giveLineRule},
	"gives": {giveLineRule},
	"why": {{
		// ("SIM swap attacks are why we avoid SMS", "here's why": the speaker's
		// explanation; "what we want to know is why they're sending it" asks)
		when: func(d *detector, i int) bool {
			explains := lex.whyCopula[d.prev(i)] && (i+1 == len(d.ts) || d.ts[i+1].in(hSpeaker) || d.ts[i+1].w == ":")
			return !explains && reasonRule.when(d, i)
		},
		make: reasonRule.make,
	}},
	"send":     {placeRule},
	"sends":    {placeRule},
	"direct":   {placeRule},
	"directs":  {placeRule},
	"refer":    {placeRule},
	"refers":   {placeRule},
	"point":    {placeRule},
	"points":   {placeRule},
	"reason":   {{when: func(d *detector, i int) bool { return !has(d.ts, "ask") }, make: reasonRule.make}},
	"life":     {simple(kLiveness, func(d *detector, i int) bool { return has(d.ts, "verify") })},
	"presence": {simple(kLiveness, nil)},
	// "make sure they're physically there": a live person in front of the camera
	"physically": {simple(kLiveness, func(d *detector, i int) bool { return lex.present[d.next(i)] })},
	"holder":     {holderRule},
	"holding":    {holderRule},
	"theirs":     {ownerRule},
	// "we need to be sure the document is their own and not a friend's": "own"
	// said of the document, as "theirs" is ("their own passport" names one)
	"own": {{when: func(d *detector, i int) bool {
		return i > 1 && lex.ownerPossessive[d.prev(i)] && lex.beForm[d.ts[i-2].raw] && ownerRule.when(d, i)
	}, make: ownerRule.make}},
	"stolen":     {ownerRule},
	"borrowed":   {ownerRule},
	"expired":    {expiryRule},
	"expiry":     {expiryRule},
	"expiration": {expiryRule},
	"unexpired":  {expiryRule},
	// "the licence must be valid for at least 6 more months": an expiry check
	// with a margin the check cannot hold (validForRule)
	"valid": {validForRule},
	"one": {{
		// "the name is the one on their account": a field compared with records;
		// "they type in their email and we check it's the one on the account":
		// the field is the one the clause before named, "it" checked
		when: func(d *detector, i int) bool {
			field := hasAnyRaw(d.ts[:i], lex.dataField) ||
				hasAnyRaw(d.ts[:i], lex.doneSubject) && slices.ContainsFunc(d.ts[:i], func(t token) bool { return confirmVerbLemmas[t.w] }) && priorField(d)
			return d.prev(i) == "the" && d.next(i) == "on" && hasAnyRaw(d.ts, lex.onFile) && field && !d.got.has(kMatchCheck)
		},
		make: matchCheck,
	}},
	"them":   {isThemRule},
	"read":   {readBackRule, readAloudRule},
	"reads":  {readBackRule, readAloudRule},
	"repeat": {readBackRule},
	"really": {{
		// "check it's really them with the photo we have from signup": the photo the integrator holds against the face
		when: func(d *detector, i int) bool {
			return lex.personRef[d.next(i)] && priorProvided(d.ts) && !d.got.has(kFaceCompare)
		},
		make: func(d *detector, i int) {
			d.add(&step{k: kFaceCompare, srcA: &flow.FaceSource{Source: "providedData", ProvidedDataKey: "photo"}, srcB: &flow.FaceSource{Source: d.liveSource()}}, i)
		},
	}},
	"is": {{
		// "the face on it is the face in front of the camera": the document's photo is the user
		when: func(d *detector, i int) bool {
			// "confirms the person at the iPad is the person on that ID": the
			// document may come after, its holder before
			return i+2 < len(d.ts) && d.next(i) == "the" && selfLemmas[d.ts[i+2].w] &&
				(anyDoc(d.ts[:i]) && has(d.ts[:i], "face") && ownerRule.when(d, i) ||
					anyDoc(d.ts[i+2:min(i+7, len(d.ts))]) && slices.ContainsFunc(d.ts[max(0, i-5):i], func(t token) bool { return selfLemmas[t.w] }) &&
						!d.got.has(kFaceCompare) && !hasAnyHot(d.ts, hPopulation) &&
						!slices.ContainsFunc(d.ts, func(t token) bool { return t.w == "enrolled" && t.raw != "system" })) // ("the system confirms …": the product, no enrolment)
		},
		make: ownerRule.make,
	}},
	"it": {{
		// "we already have their email, so stop asking them to type it in": "it"
		// after a verb of giving is the email named before, typed in an entry
		when: func(d *detector, i int) bool {
			// (so does "ask for it": "email is the login ID; ask for it after
			// the SMS code")
			given := i > 0 && d.ts[i-1].in(hEmailGiven) || i > 1 && d.ts[i-1].raw == "for" && d.ts[i-2].w == "ask"
			return given && !d.codeInClause && !has(d.a.prior, "code") &&
				(has(d.ts[:i], "email") || has(d.a.prior, "email"))
		},
		make: func(d *detector, i int) { d.add(&step{k: kEnterEmail}, i) },
	}, verifyItRule, {
		// "ask if they have their passport with them, then scan it": "it"
		// after a verb of scanning is the document the words before named
		when: func(d *detector, i int) bool {
			return i > 0 && d.ts[i-1].w == "scan" && !d.got.has(kDocument) && findKind(d.seq, kDocument) < 0 &&
				slices.IndexFunc(d.a.prior, func(t token) bool { return docTypeLemmas[t.w] }) >= 0
		},
		make: func(d *detector, i int) {
			j := slices.IndexFunc(d.a.prior, func(t token) bool { return docTypeLemmas[t.w] })
			d.add(&step{k: kDocument, docTypes: docTypesOf(d.a.prior, j)}, i)
		},
	}},
	// "type in their business email and verify that one with a code too": "that
	// (one)" is the address just entered, as "it" is; "verify that they …" is a
	// clause, so the word after must end the object
	"that": {{when: func(d *detector, i int) bool { return lex.thatRefNext[d.next(i)] && verifyItRule.when(d, i) }, make: verifyItRule.make}},
	"this": {{when: func(d *detector, i int) bool { return lex.thatRefNext[d.next(i)] && verifyItRule.when(d, i) }, make: verifyItRule.make}},
	"address": {{
		// "have them type their email address, prove they actually own that
		// address": the address just entered, confirmed with a code, as "verify it"
		when: func(d *detector, i int) bool {
			c := -1
			for j := max(0, i-6); j < i; j++ {
				if confirmVerbLemmas[d.ts[j].w] {
					c = j
				}
			}
			return c >= 0 && lex.ownAddress[d.prev(i)] && !d.got.has(kEmailOTP) && !has(d.ts, "email") &&
				len(d.seq) > 0 && d.seq[len(d.seq)-1].k == kEnterEmail && len(d.out) == 0 && !d.comparing && index(d.ts, domainW) < 0
		},
		make: func(d *detector, i int) {
			d.a.notes = append(d.a.notes, "Confirming the email address the user entered is an email one-time code.")
			d.add(&step{k: kEmailOTP}, i)
		},
	}},
	"him":     {isThemRule},
	"her":     {isThemRule},
	"say":     {claimRule},
	"says":    {claimRule},
	"claim":   {claimRule},
	"claims":  {claimRule},
	"belongs": {ownerRule},
	"belong":  {ownerRule},
	"login":   {faceLogin},
	"log": {{when: func(d *detector, i int) bool {
		return near(d.ts, i, 3, "in") && faceLogin.when(d, i) // "log them in by face"
	}, make: faceLogin.make}},
	"owner":  {accountOwnerRule, docOwnerRule},
	"signin": {faceLogin},
}

// readBackRule: "read the payee's name and sort code back to them to confirm",
// "ask them to read back the amount": details confirmed by reading them back.
var readBackRule = rule{
	when: func(d *detector, i int) bool { return readBackObject(d.ts, i) != "" },
	make: func(d *detector, i int) {
		obj := readBackObject(d.ts, i)
		// "asks the approver to read back …", "have the user read back …": the
		// user reads; otherwise the avatar does
		user := i >= 1 && d.ts[i-1].in(hAddressee) || i >= 2 && d.ts[i-1].raw == "to" && (has(d.ts[:i], "ask") || d.ts[i-2].in(hAddressee))
		for _, o := range d.out {
			if o.k == kAsk {
				o.readBack, o.userReads = obj, user // the question the clause already named
				return
			}
		}
		d.add(&step{k: kAsk, topics: topicsOf(d.ts), readBack: obj, userReads: user}, i)
	},
}

// readAloudRule: "at start avatar reads the rules: no phones, no notes", "reads
// out the terms": the avatar says a text to the user, as "explain" does
var readAloudRule = rule{
	when: func(d *detector, i int) bool {
		return readBackObject(d.ts, i) == "" && !d.got.has(kInform) && !d.got.has(kAsk) &&
			slices.ContainsFunc(d.ts[i+1:min(len(d.ts), i+5)], func(t token) bool { return lex.readAloud[t.raw] }) // "reads out the exam rules"
	},
	make: func(d *detector, i int) {
		j := i
		if n := d.next(i); n == "out" || n == "aloud" {
			j++ // "reads out the terms"
		}
		d.add(&step{k: kInform, phrase: phraseAfter(d.ts, j), speech: readsOut}, i)
	},
}

var (
	faceScan = func(d *detector, i int) {
		d.add(&step{k: kFaceScan, challenge: hasRaw(d.ts, "challenge")}, i)
	}
	// "must be over the age of majority: take their passport, validate the
	// extracted date of birth": with nothing to compare the date with, once
	// the text set an age, the validation is the age check itself
	dobAgeRule = rule{
		when: func(d *detector, i int) bool { return ageValidation(d) },
		make: func(d *detector, i int) { d.add(&step{k: kAgeCheck}, i) },
	}
	// "validate the date of birth against the minimum of 18", "… against the
	// age requirement", "verify the DOB against the policy": a date of birth
	// held against a rule is an age check (the age after the rule's noun, or
	// the one the text sets elsewhere), never a match with data on file
	dobRule = rule{
		when: func(d *detector, i int) bool { return !ageValidation(d) && dobRuleAt(d) >= 0 },
		make: func(d *detector, i int) {
			s := &step{k: kAgeCheck, minAge: 18} // (asked: min_age)
			for k := dobRuleAt(d) + 1; k < len(d.ts) && k <= dobRuleAt(d)+4; k++ {
				if t := d.ts[k]; t.isNum && t.num >= 12 && t.num <= 99 && t.num == float64(int(t.num)) {
					s = ageCheck(d.ts, k, int(t.num)) // "against the minimum of 18"
					if hasAnyRaw(d.ts[dobRuleAt(d)-1:k], lex.upperLimit) {
						// "against the upper limit of 70", "… the policy's
						// maximum age of 30": the age is the most, not the least
						s.ageUnder = true
					}
					break
				}
			}
			d.add(s, i)
		},
	}
	ofAge = rule{
		// "tell them to come back with an adult": whom the told line speaks of
		// ("explain that the service is for adults only" states the rule, and
		// asks for the check)
		// ("each authorised adult goes through enrollment", "every adult
		// picking up a child": a person the flow is for, singled out by a
		// quantifier or "the", not an age the flow requires, as "is an adult",
		// "adults only" are)
		when: func(d *detector, i int) bool {
			// (a person noun as written: "the legal age", "the drinking age"
			// come as "adult" too, and are ages)
			for j := i - 1; j >= 0 && j >= i-2 && lex.adultPerson[d.ts[i].raw] && !strings.ContainsRune(d.ts[i].orig, ' '); j-- {
				if d.ts[j].in(hEach) || lex.definite[d.ts[j].raw] {
					return false
				}
			}
			j := tellingAt(d.ts, i)
			return j < 0 || thatLine(d.ts, j)
		},
		make: func(d *detector, i int) {
			d.neg[i] = false // "no minors", "not a minor" ask for the check
			if t := d.ts[i]; d.add(&step{k: kAgeCheck, minAge: 18}, i) != nil && (!lex.adultPerson[t.raw] || strings.ContainsRune(t.orig, ' ')) && !ageNumbered(d.ts) {
				// "over the age of majority in their country", "of legal age":
				// an age named by law, not by a number, which differs by
				// country; the 18 taken for it is said ("an adult" is plain 18)
				d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+legalAgeNoteTail)
			}
		}}
	documentRule = rule{
		// "visa appointment pre-check", "the passport office": a document word
		// before a noun of the errand names the business, not a scan
		when: func(d *detector, i int) bool {
			return !lex.docErrandNext[d.next(i)] && !sentByUs(d.ts, i) && !onStatusDoc(d.ts, i)
		},
		make: func(d *detector, i int) {
			if (d.comparing || docPhoto(d.ts, i)) && providedImage(d.ts, i) || heldDocScan(d.ts, i) {
				return // "the photo ID we already have on file", "their ID photo, which we pass in providedData": a source the integrator holds, not a scan
			}
			if slices.ContainsFunc(d.ts[:i], func(t token) bool { return t.raw == "when" }) && pastWhenBefore(d.ts, i) {
				// "against the faces enrolled when they first signed the escrow
				// docs": the document of a past event, no scan in this flow
				return
			}
			if j := imageOfDoc(d.ts, i); j >= 0 && providedImage(d.ts, j) {
				return // "our PMS already has the photo off the guest's ID card": the image is held, the card not scanned
			}
			dt := docTypesOf(d.ts, i)
			// ("the details taken from the passport": the data's verb, no scan's)
			dataOf := docDataOf(d.ts, i)
			readsIt := d.comparing || has(d.ts, "age") || has(d.ts, "old") || has(d.ts, "birth") || dataOf
			// "we no longer want the ID scan or the compare", "get rid of the passport
			// scan and the compare": the scan named as a step is ruled out or taken
			// out with the comparison, not read as the comparison's source
			namedScan := d.nextW(i) == "scan" && (d.neg[i] || takesOut(d.ts))
			if readsIt && !namedScan && (dataOf || !(d.scanVerb >= 0 && d.scanVerb < i && d.scanVerb >= i-5)) {
				// "compare the ID photo to their face": a source, scanned before it is used
				if findKind(d.seq, kDocument) < 0 && findKind(d.out, kDocument) < 0 {
					if s := d.add(&step{k: kDocument, docTypes: dt, auto: true}, i); s != nil {
						s.pos = -2
					}
				} else if j := findKind(d.out, kDocument); j >= 0 && len(d.out[j].docTypes) == 0 && !d.neg[i] {
					// "a face-to-document match … against the passport portrait": the
					// document named loosely first, its type after
					d.out[j].docTypes = dt
				}
				return
			}
			d.add(&step{k: kDocument, docTypes: dt, onlyTypes: len(dt) > 0 && onlyNear(d.ts, i), moreTypes: hasAnyRaw(d.ts, lex.moreTypes) && !d.neg[i]}, i)
		}}
	deviceRule = rule{
		when: func(d *detector, i int) bool {
			for j := i - 1; j >= 0 && j >= i-3; j-- {
				// "ask for the camera", "request the mic", "the browser prompt for camera + mic"
				if deviceAskLemmas[d.ts[j].w] || lex.deviceAskNoun[d.ts[j].raw] {
					return !d.got.has(kPermissions)
				}
			}
			return false
		},
		make: func(d *detector, i int) {
			if d.neg[i] && d.ts[i].w == "microphone" && (has(d.ts, "camera") || findKind(d.seq, kPermissions) >= 0 || d.got.has(kPermissions)) {
				return // "camera permission (we don't need the microphone)": a setting of the permission (readSettings), not its exclusion
			}
			s := d.add(&step{k: kPermissions, mic: has(d.ts, "microphone")}, i)
			if q := slices.IndexFunc(d.ts[i:], func(t token) bool { return t.w == quoteW && t.raw == quoteW }); s != nil && q >= 0 {
				// "ask for camera+mic permission with the text "We need your camera
				// to confirm it's really you"": the request's own words
				s.phrase = quoteW + d.ts[i+q].orig + quoteW
			}
		},
	}
	matchCheck = func(d *detector, i int) {
		f, named := matchField(itemAround(d.ts, i), d.seq)
		if !named && hasAnyRaw(d.ts[:i], lex.doneSubject) && priorField(d) {
			// "ask for their phone number and confirm it matches the one on
			// the account": "it" is the field the clause before named
			f, named = matchField(d.a.prior, d.seq)
		}
		if o := flowDataCheck(d.seq); !named && o != nil && o.k != kMatchCheck {
			// "remove the data validation" of a flow whose one data check reads
			// the expiry date: that check, as "the code" is a flow's one code
			d.add(&step{k: o.k}, i)
			return
		}
		// ("check the details match what's on their account", "validate the
		// data against our records": a match said with what it compares to is
		// that match, no generic check another folds into)
		generic := !named && !hasRaw(d.ts, "match", "matches", "against", "records", "record", "account", "file")
		d.add(&step{k: kMatchCheck, field: f, anyField: generic}, i)
	}
	dataRule = rule{
		// "the name matches the one on file": data, not faces
		when: func(d *detector, i int) bool {
			// ("by looking at their face and matching it to the registered
			// ones": "it" is the face the clause before named, no data)
			faceBack := hasAnyHot(d.ts, hBackRef) && slices.ContainsFunc(d.a.prior, func(t token) bool { return faceTalkLemmas[t.w] })
			return dataMatch(d.ts) || !d.faceCtx && !faceBack && !peopleWords(d.ts) && hasAnyRaw(d.ts, lex.onFileMatch) && !has(d.ts, "validate")
		},
		make: matchCheck,
	}
	conversationRule = rule{make: func(d *detector, i int) {
		t := d.ts[i]
		if (t.raw == "say" || t.raw == "says" || t.raw == "state") && saidAgain(phraseAfter(d.ts, i)) {
			return // "just say it and finish", "say it warmly": the line said before, said again, no line of its own
		}
		k := kAsk
		end := answerAt(d.ts, i)
		if (t.raw == "say" || t.raw == "says") && i+1 < len(d.ts) && d.ts[i+1].w == quoteW {
			// "say 'Please hold' and transfer to an agent": the line is the
			// quoted words; what the clause goes on to do (a handover, a
			// transfer) is not what the line speaks of
			end = i + 2
		}
		tp := topicsOf(d.ts[i:end])
		switch {
		case t.w == "explain" && t.raw != "state" && t.raw != "say" && tp&^(tFuture|tWelcome|tReason) == 0 && !has(d.ts, "ask"):
			k = kInform
		case t.w == "explain" && t.raw != "state" && t.raw != "say" && tp&^(tFuture|tWelcome|tReason) == 0 && toLine(d.ts, i) && !slices.ContainsFunc(d.ts[:i], func(u token) bool { return u.w == "ask" }):
			// "tell them to ask at reception": what they are told to do, the
			// "ask" theirs, not the avatar's question
			k = kInform
		case t.w == "explain" && thatLine(d.ts, i) && !slices.ContainsFunc(d.ts[:i], func(u token) bool { return u.w == "ask" }):
			// "the avatar warns them that we will never ask them to move coins to a
			// 'safe wallet'": a statement, whatever it speaks of ("ask" in it too)
			k = kInform
		case t.w == "explain" && (t.raw == "state" || t.raw == "say") && tp == 0:
			k = kInform
		case t.w == "explain" && t.raw == "state" && tp == tReason && !has(d.ts, "ask") && !hasRaw(d.ts, "why"):
			k = kInform // "the avatar shall state the purpose of the recording": the avatar gives the reason, it asks none
		case t.w == "confirm" && !has(d.ts, "ask") && copulaAfter(d.ts, i):
			k = kInform // "confirm the account is opened" tells, it does not ask
		case t.w == "explain" && t.raw != "ask" && !has(d.ts, "ask") && copulaAfter(d.ts, i):
			k = kInform // "tell them their withdrawal has been approved": news about the request, not a question about it
		}
		if k == kAsk && slices.ContainsFunc(d.out, func(o *step) bool { return o.readBack != "" }) {
			return // "read the amount back to them to confirm": the read-back is the question
		}
		ph := phraseAfter(d.ts, i)
		if k == kAsk && t.w == "confirm" && ph != "" && !strings.HasPrefix(ph, quoteW) && !startsWh(ph) {
			ph = "to confirm " + ph // "confirm the swap": the user is asked to confirm it, not asked "the swap"
		}
		s := &step{k: k, topics: tp, phrase: ph}
		if k == kInform && (t.raw == "say" || t.raw == "says") {
			s.speech = saysLine // "at the end avatar says good luck": not "Explain to the user that good luck."
		}
		if k == kInform && (t.raw == "tell" || t.raw == "tells" || t.raw == "give" || t.raw == "gives") {
			s.speech = tellsThing // "tells them their room number": not "Explain their room number to the user."
		}
		d.add(s, i)
	}}
	reasonRule = rule{
		when: func(d *detector, i int) bool {
			return !d.got.has(kAsk) && !d.got.has(kInform) && !has(d.ts, "explain")
		},
		make: func(d *detector, i int) {
			d.add(&step{k: kAsk, topics: topicsOf(d.ts) | tReason, phrase: phraseAfter(d.ts, i-1)}, i)
		},
	}
	// "reject expired passports", "it must not be expired", "the expiry date is
	// still in the future": the document's expiration date (which the scan reads)
	// checked against today. A code's expiry ("a 10 minute expiry on the SMS
	// code") is its setting, and "expiry=600s" a setting written as code.
	expiryRule = rule{
		when: func(d *detector, i int) bool {
			if i+1 < len(d.ts) && d.ts[i+1].eq || d.codeInClause || hasAnyRaw(d.ts, lex.otherExpiry) {
				return false
			}
			return anyDoc(d.ts) || findKind(d.seq, kDocument) >= 0 || d.got.has(kDocument)
		},
		make: func(d *detector, i int) {
			if d.ts[i].raw == "expired" {
				d.neg[i] = false // "it must not be expired": the negation is the requirement
			}
			if s := d.add(&step{k: kExpiryCheck}, i); s != nil {
				d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a data check that the document's expiration date is after today.")
			}
		},
	}
	// "(must be valid for at least 6 more months)": the document's expiration
	// date checked against today, and the margin said as an assumption, since a
	// check compares with today only
	validForRule = rule{
		when: func(d *detector, i int) bool {
			return validFor(d.ts, i) != "" && expiryRule.when(d, i)
		},
		make: func(d *detector, i int) {
			if s := d.add(&step{k: kExpiryCheck}, i); s != nil {
				d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a data check that the document's expiration date is after today; the check cannot hold a margin of "+validFor(d.ts, i)+", so compare the expirationDate in the session's report in your app.")
			}
		},
	}
	// "have the avatar give them the branch opening hours": the avatar tells
	// the user a thing, as "tell them their room number" does; what is given
	// names no step ("give them a code", "give them another try" are steps)
	giveLineRule = rule{
		when: func(d *detector, i int) bool {
			j := skipAddressee(d.ts, i+1)
			return j > i+1 && has(d.ts[:i], "avatar") && !d.codeInClause && !slices.ContainsFunc(d.ts[j:], lex.canonKind) && !hasAnyRaw(d.ts[j:], lex.anotherTry)
		},
		make: func(d *detector, i int) {
			d.add(&step{k: kInform, speech: tellsThing, phrase: phraseAfter(d.ts, i)}, i)
		},
	}
	// "make sure the ID holder is the one on camera": the document's photo against the live face
	holderRule = rule{
		when: func(d *detector, i int) bool {
			if lex.dataField[d.next(i)] || d.prev(i) == "account" || d.prev(i) == "card" {
				return false // "the account holder name": a name to check, not the ID's holder
			}
			return (findKind(d.seq, kDocument) >= 0 || anyDoc(d.ts)) && (has(d.ts, "camera") || has(d.ts, "person") || has(d.ts, "one") || index(d.ts, "same") >= 0 && !samePlace(d.ts, index(d.ts, "same")) || has(d.ts, "selfie"))
		},
		make: func(d *detector, i int) {
			live := d.liveSource()
			if live == "faceScan" && findKind(d.seq, kFaceScan) < 0 && findKind(d.out, kFaceScan) < 0 {
				// "the holder must match the selfie": the selfie is taken before it is compared
				if fs := d.add(&step{k: kFaceScan, auto: true}, i); fs != nil {
					fs.pos = i
				}
			}
			d.add(&step{k: kFaceCompare, srcA: &flow.FaceSource{Source: "documentPhoto"}, srcB: &flow.FaceSource{Source: live}}, i)
		},
	}
	// "make sure the ID is theirs", "the passport belongs to the person on camera":
	// a document owned by the user is one whose photo matches their face
	ownerRule = rule{
		when: func(d *detector, i int) bool {
			// "belongs to one of our registered customers" is a lookup among many; "belongs to the user" is not
			// ("receive a code in the mail to confirm it is really theirs": with no
			// document in the clause, what is theirs is the address the code goes to)
			// ("… and we send a code to it to make sure it is really theirs": the
			// address the clause before named)
			addressOwned := !anyDoc(d.ts) && d.codeInClause
			return (findKind(d.seq, kDocument) >= 0 || anyDoc(d.ts)) && !addressOwned && !has(d.ts, "enrolled") && !hasAnyHot(d.ts, hPopulation) && !d.got.has(kFaceCompare)
		},
		make: func(d *detector, i int) {
			if r := d.ts[i].raw; r == "borrowed" || r == "stolen" {
				d.neg[i] = false // "not one they borrowed", "isn't stolen": the negation is the requirement
			}
			live := d.liveSource()
			d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as a face comparison of the document's photo with the user's face.")
			d.add(&step{k: kFaceCompare, srcA: &flow.FaceSource{Source: "documentPhoto"}, srcB: &flow.FaceSource{Source: live}}, i)
		},
	}
	// "be sure the guy in front of kiosk is the passport owner", "the owner of the
	// ID": the person whose photo the document carries, so the document's photo
	// is compared with their face
	docOwnerRule = rule{
		when: func(d *detector, i int) bool {
			named := lex.docWord[d.prevW(i)] || d.next(i) == "of" && slices.ContainsFunc(d.ts[i+1:min(len(d.ts), i+5)], func(t token) bool { return lex.docWord[t.w] })
			return named && ownerRule.when(d, i) && !d.got.has(kFaceCompare)
		},
		make: ownerRule.make,
	}
	// "verify they're really the account owner": the person enrolled for the account
	accountOwnerRule = rule{
		when: func(d *detector, i int) bool {
			// ("SMS code to the account owner": with a code in the clause, the
			// owner after "to" is where the code goes, not a face to look up)
			return hasRaw(d.ts, "account", "accounts") && !anyDoc(d.ts) && !d.got.has(kRecognition) &&
				!(d.codeInClause && slices.ContainsFunc(d.ts[max(0, i-4):i], func(t token) bool { return t.raw == "to" }))
		},
		make: func(d *detector, i int) {
			d.a.notes = append(d.a.notes, "Read \""+clauseText(d.ts)+"\" as face recognition against the users enrolled with their accounts.")
			d.add(&step{k: kRecognition}, i)
		},
	}
	// "we check the photo is them", "the ID photo really shows them"
	isThemRule = rule{
		when: func(d *detector, i int) bool {
			p := d.prev(i)
			return (p == "is" || p == "be" || p == "shows" || p == "really" || p == "actually") && (has(d.ts[:i], "photo") || anyDoc(d.ts[:i])) && ownerRule.when(d, i)
		},
		make: ownerRule.make,
	}
	// "check the licence photo is actually the person on camera", "the ID photo
	// is the same person": the document's photo shows the user, a comparison
	photoIsPersonRule = rule{
		when: func(d *detector, i int) bool {
			j := i - 1
			for j > 0 && (d.ts[j].raw == "the" || d.ts[j].raw == "same" || d.ts[j].raw == "a") {
				j--
			}
			if j < 1 || j == i-1 || d.ts[i].raw != "person" {
				return false
			}
			p := d.ts[j].raw
			if p == "really" || p == "actually" {
				p = d.ts[j-1].raw
			}
			return (p == "is" || p == "shows") && (has(d.ts[:j], "photo") || anyDoc(d.ts[:j])) && ownerRule.when(d, i)
		},
		make: ownerRule.make,
	}
	// "make sure they are who they say they are with their ID": the document's owner
	claimRule = rule{
		when: func(d *detector, i int) bool {
			return i >= 2 && d.ts[i-2].raw == "who" && lex.personRef[d.prev(i)] && ownerRule.when(d, i)
		},
		make: ownerRule.make,
	}
	// "face login"; not in a line the avatar tells ("tell them their face is
	// only used for logging in"), nor where the clause enrols the face the
	// login will use later ("enrol customers for face login", "rolling out
	// face login and need the enrolment side first"): the login is what the
	// enrolment is for, this session only sees the face for the first time
	faceLogin = simple(kRecognition, func(d *detector, i int) bool {
		told := toldFrom(d.ts)
		return has(d.ts[:told], "face") && i < told && !d.comparing && !has(d.ts[:told], "enroll")
	})
)

// validFor is the time "valid" at i must still hold ("valid for at least 6
// more months" gives "6 months"), or "" when no time follows it.
func validFor(ts []token, i int) string {
	if i+1 >= len(ts) || ts[i+1].raw != "for" {
		return ""
	}
	for j := i + 2; j < len(ts) && j <= i+6; j++ {
		if !ts[j].isNum && numberWords[ts[j].raw] == 0 {
			continue
		}
		for k := j + 1; k < len(ts) && k <= j+2; k++ {
			if lex.periodUnit[ts[k].raw] {
				return ts[j].orig + " " + ts[k].orig
			}
		}
	}
	return ""
}

// onRecord: the field at i is named as the one on record after a check verb
// ("check it's actually the email on their account", "verify it is the email
// in our records").
func onRecord(ts []token, i int) bool {
	if i == 0 || ts[i-1].raw != "the" || i+2 >= len(ts) || ts[i+1].raw != "on" && ts[i+1].raw != "in" ||
		!slices.ContainsFunc(ts[:i], func(t token) bool { return confirmVerbLemmas[t.w] }) {
		return false
	}
	return hasAnyRaw(ts[i+2:min(len(ts), i+5)], lex.onFile)
}

// statusClause: the clause names a visa or permit people are "on"
// (onStatusDoc), the status that says who they are.
func statusClause(ts []token) bool {
	for i := range ts {
		if onStatusDoc(ts, i) {
			return true
		}
	}
	return false
}

// onStatusDoc: the document at i is one people are "on" ("couriers who are on
// work visas", "staff on student visas"): a status that says who they are, not
// a document to scan. "On" opens the phrase after a be-verb or "who", or right
// after a plural noun of people; "the photo on their visa" is the document's
// photo, so the word before "on" must be one of those, and a be-verb said of a
// thing ("the expiry date that's on the visa", "the name that is on the work
// permit") is the document too.
func onStatusDoc(ts []token, i int) bool {
	if !lex.statusDoc[ts[i].w] {
		return false
	}
	for j := i - 1; j > 0 && j >= i-3; j-- {
		if ts[j].raw != "on" {
			continue
		}
		b := ts[j-1].raw
		if lex.beForm[b] && (lex.doneSubject[b] || j >= 2 && (lex.doneSubject[ts[j-2].raw] || ts[j-2].raw == "which")) {
			// "the expiry date that's on the visa", "the name that is on
			// the work permit": a thing on the document, which it names
			return false
		}
		return lex.beForm[b] || b == "who" || lex.population[b] || lex.plainAddressee[b]
	}
	return false
}

// priorField: the clause before names a field of the user's data ("they type
// in their email", "ask for their phone number"), the one a pronoun in a data
// check stands for.
func priorField(d *detector) bool {
	_, named := matchField(d.a.prior, d.seq)
	return named || hasAnyRaw(d.a.prior, lex.dataField)
}

// emailOnRecord: the clause checks an email against the one on record
// (onRecord): "the email in our records", or "it is the one on file" said of
// the address just entered.
func emailOnRecord(ts []token) bool {
	for i, t := range ts {
		if (t.w == "email" || t.raw == "one") && onRecord(ts, i) {
			return true
		}
	}
	return false
}

// ourEmailing: "email" at i is a verb whose subject is the integrator ("we
// email the result", "we'll then email them a receipt"), or a verb with the
// person mailed as its object ("email them the result", "we're about to
// email the customer"): mail sent, no address to collect.
func ourEmailing(ts []token, i int) bool {
	if i+1 < len(ts) && ts[i+1].raw != "to" && skipAddressee(ts, i+1) > i+1 && !(i > 0 && ts[i-1].in(hDeterminer)) {
		return true
	}
	j := i - 1
	for j >= 0 && lex.emailAdverb[ts[j].raw] {
		j--
	}
	return j >= 0 && lex.ourSender[ts[j].raw] && i+1 < len(ts)
}

// thatLine: the telling verb at i opens a statement with "that", after the
// person told ("warns them that …", "tell the user that …").
func thatLine(ts []token, i int) bool {
	j := skipAddressee(ts, i+1)
	return j < len(ts) && ts[j].raw == "that"
}

// avatarAdvises: the verb at i is the avatar's: an instruction (the clause
// opens on it, past words like "then", "please") or said of the avatar ("the
// avatar should also suggest").
func avatarAdvises(ts []token, i int) bool {
	j := i - 1
	for j >= 0 && lex.adviceLead[ts[j].raw] {
		j--
	}
	return j < 0 || lex.avatarRef[ts[j].raw] || ts[j].in(hDeterminer) && j == 0
}

// advice: where the advice the verb at i gives starts, after the person told
// ("advise them to call us": "to call us"; "suggest that they ask a parent":
// "they ask a parent"), or -1 when no person is told.
func advice(ts []token, i int) int {
	j := i + 1
	if j < len(ts) && ts[j].raw == "that" {
		j++
	}
	if j+1 < len(ts) && lex.adviceWho[ts[j].raw] {
		return j // ("suggest they ask a parent")
	}
	if k := skipAddressee(ts, j); k > j && k+1 < len(ts) && ts[k].raw == "to" {
		return k // ("advise them to call us")
	}
	return -1
}

// toldLineAt: the word at i is inside a line a telling verb before it gives,
// "to …" or "that …" ("tell them to ask at reception"), or inside advice
// ("suggest they ask a parent").
func toldLineAt(ts []token, i int) bool { return tellingAt(ts, i) >= 0 }

// tellingAt: where the telling verb whose line holds the word at i is, or -1.
func tellingAt(ts []token, i int) int {
	for j := i - 1; j >= 0; j-- {
		if ts[j].w == "explain" && (toLine(ts, j) || thatLine(ts, j) || j+1 < len(ts) && lex.whyLine[ts[j+1].raw]) {
			return j // (so is the reason it explains: "explaining why we're re-checking them")
		}
		if ts[j].w == "explain" {
			return -1
		}
		if ts[j].w == "advise" && avatarAdvises(ts, j) && advice(ts, j) > j {
			return j
		}
	}
	return -1
}

// toLine: the telling verb at i tells the person what to do ("tell them to
// ask at reception").
func toLine(ts []token, i int) bool {
	j := skipAddressee(ts, i+1)
	return j > i+1 && j < len(ts) && ts[j].raw == "to"
}

// mailMessage: the email at i is a message rather than an address or a code's
// channel: a kind of message ("their welcome email", "the confirmation email",
// unless the clause verifies with it: "confirm their address with a
// confirmation email"), or one the speaker sends on their own side ("we send
// that email ourselves", "we'll send the welcome pack email from our server").
func mailMessage(ts []token, i int) bool {
	if i > 0 && ts[i-1].in(hMailKind) {
		for j, t := range ts {
			if j != i-1 && (t.w == "verify" || t.w == "confirm") {
				return false
			}
		}
		return true
	}
	if sentThing(ts, i) {
		return true
	}
	if plural := ts[i].raw != ts[i].w && strings.HasSuffix(ts[i].raw, "s"); plural && (i > 0 && lex.ourMail[ts[i-1].raw] || mailsSubject(ts, i)) {
		// "open rates on our emails are trash", "our emails land in spam": the
		// messages the integrator sends (plural, theirs), no address to collect;
		// so are emails that are the subject of what is said of them ("the
		// solicitor emails are usually where the fraud starts")
		return true
	}
	if strings.HasSuffix(ts[i].raw, "ed") && slices.ContainsFunc(ts[i+1:min(len(ts), i+3)], func(t token) bool { return lex.mailThing[t.raw] }) {
		// "using nothing but the emailed link", "the e-mailed reset link": a
		// thing the integrator mailed, not an address to collect
		return true
	}
	// the email is what is sent, a few words after "send" that name no step
	// ("we'll send the welcome pack email from our server")
	j := i - 1
	for j >= 0 && j >= i-4 && ts[j].w != "send" {
		j--
	}
	if j < 1 || ts[j].w != "send" || slices.ContainsFunc(ts[j+1:i], lex.canonKind) {
		return false
	}
	k := j - 1
	for k >= 0 && lex.emailAdverb[ts[k].raw] {
		k--
	}
	return k >= 0 && lex.ourSender[ts[k].raw] && hasAnyRaw(ts[i+1:], lex.ownSide)
}

// mailsSubject: the plural "emails" at i is the subject of the verb after it,
// one adverb allowed between ("emails are often hacked", "the emails usually
// get phished").
func mailsSubject(ts []token, i int) bool {
	j := i + 1
	if j+1 < len(ts) && strings.HasSuffix(ts[j].raw, "ly") {
		j++
	}
	return j < len(ts) && lex.mailsVerb[ts[j].raw]
}

// matchedRecord: the "matched" at i is a participle between a determiner and
// the noun it describes ("the matched profile", "their matched account"), no
// verb of a data check ("the name matched to the booking" is one).
func matchedRecord(ts []token, i int) bool {
	return i > 0 && i+1 < len(ts) && strings.HasSuffix(ts[i].raw, "ed") &&
		ts[i-1].in(hDeterminer) && !lex.compareTo[ts[i+1].raw] && isAlpha(ts[i+1].raw)
}

// textsThing: the text (SMS) at i carries a message, not a code: a link or a
// receipt named just before it ("the link we text them") or after the person
// texted ("text them a link to start the session", "an SMS with the link"),
// and no code named in the clause ("text them a code" is the SMS code).
// possessionLink: the link texted proves the phone or signs the user in
// (possessionLinkWords, or a word of verifying in the clause), which is what a
// code by SMS does in a flow; "the link we text them after the call" is not.
func possessionLink(ts []token) bool {
	return hasAnyRaw(ts, lex.possessionLink) || has(ts, "verify")
}

func textsThing(ts []token, i int) bool {
	if slices.ContainsFunc(ts, func(t token) bool { return t.w == "code" }) {
		return false
	}
	end := min(len(ts), skipAddressee(ts, i+1)+3)
	return slices.ContainsFunc(ts[max(0, i-3):end], func(t token) bool { return lex.mailThing[t.raw] })
}

// sentThing: what is sent to the email at i is a message, no code: a link, a
// receipt named a few words from "send" before the email ("a reset link is
// sent to his email", "send the receipt to their email").
func sentThing(ts []token, i int) bool {
	j := i - 1
	for j >= 0 && j >= i-5 && ts[j].w != "send" {
		j--
	}
	if j < 0 || ts[j].w != "send" {
		return false
	}
	for k := max(0, j-4); k < i; k++ {
		if lex.mailThing[ts[k].raw] {
			return !slices.ContainsFunc(ts, func(t token) bool { return t.w == "code" })
		}
	}
	return false
}

// givesEmail: a verb of handing over an address sits near the email named at i
// ("verify the email they give us"), not one whose object is the code ("send a
// code to this mail box and he types it back").
// sendsTo: a "send" in the clause sends something to the email at i. One in
// what the address is for, after an address the user hands over, does not:
// "they type in their email address so we can send them our safeguarding
// policy", "type the email address where we should send withdrawal receipts"
// collect the address; they send no code to it.
func sendsTo(ts []token, i int) bool {
	given := addressGiven(ts, i)
	for j, t := range ts {
		if j > 0 && ts[j-1].in(hPossessive) {
			continue // "their dispatch email": after a possessive the word names a kind of address, it sends nothing
		}
		if t.w == "send" && routesUser(ts, j) {
			continue // "send them down a separate path where they enter their email": the user is sent, no mail
		}
		if r := relativeAfter(ts, i); t.w == "send" && !(given && j > i && (slices.ContainsFunc(ts[i+1:j], func(u token) bool { return lex.purposeOpen[u.raw] }) || r > 0 && r < j)) {
			return true
		}
	}
	return false
}

// addressGiven: before the email at i, the clause says the user hands an
// address over: a verb of giving ("type the email …", "enter …") or a request
// for it ("ask for the email address we should send the receipt to"), as "ask
// for it" is for the "it" rule.
func addressGiven(ts []token, i int) bool {
	if hasAnyHot(ts[:i], hEmailGiven) {
		return true
	}
	for k := 0; k+1 < i; k++ {
		if ts[k].w == "ask" && ts[k+1].raw == "for" {
			return true
		}
	}
	return addressGot(ts, i)
}

// sentToPhone: after the email at i, something goes "to" the user's phone
// ("… so we can send a code to their mobile").
func sentToPhone(ts []token, i int) bool {
	for k := i + 1; k+1 < len(ts); k++ {
		if ts[k].raw != "to" {
			continue
		}
		j := k + 1
		for j < len(ts) && (ts[j].in(hDeterminer) || ts[j].in(hPossessive)) {
			j++
		}
		if j < len(ts) && ts[j].w == "phone" {
			return true
		}
	}
	return false
}

// addressGot: a verb of getting stands right before the user's address at i
// ("get their email so we can send receipts", "we need your email").
func addressGot(ts []token, i int) bool {
	k := i - 1
	for k > 0 && (ts[k].in(hDeterminer) || lex.ownerPossessive[ts[k].raw] || strings.HasSuffix(ts[k].orig, "'s")) {
		k-- // "their", "the user's"
	}
	return k < i-1 && lex.addressGet[ts[k].raw]
}

// relativeAfter is where a relative clause with no "which" opens right after
// the address at i ("type the email they want the reset link sent to", "the
// email address we should send receipts to"): a subject pronoun straight after
// the address noun starts what the address is for, as purposeOpen's words do.
// 0 when there is none.
func relativeAfter(ts []token, i int) int {
	j := i + 1
	if j < len(ts) && ts[j].raw == "address" {
		j++
	}
	if j < len(ts) && lex.subjectPronoun[ts[j].raw] && ts[j].raw != "it" && ts[j].raw != "its" {
		return j
	}
	return 0
}

// forAddress is where a message sent to the email at i begins, said as what
// an address the user hands over is for ("type in their email address so we
// can send the booking confirmation"), or the clause's length when it says
// nothing of the kind ("type their email so we can confirm it" still asks
// for the address to be confirmed).
func forAddress(ts []token, i int) int {
	if !addressGiven(ts, i) {
		return len(ts)
	}
	for j := i + 1; j < len(ts); j++ {
		if lex.purposeOpen[ts[j].raw] || j == relativeAfter(ts, i) {
			if has(ts[j:], "send") {
				return j
			}
			break
		}
	}
	return len(ts)
}

// routesUser: "send" at j takes the user as its object and a word of where
// they go ("send them down a separate path", "send the user back to the
// start", "send new users through …"): a route through the flow, no message.
func routesUser(ts []token, j int) bool {
	k := j + 1
	for k < len(ts) && k <= j+2 && (ts[k].in(hDeterminer) || ts[k].w == "new") {
		k++ // "the user", "new users"
	}
	return k+1 < len(ts) && (lex.askedPerson[ts[k].raw] || lex.personRef[ts[k].raw] && ts[k].raw != "this" && ts[k].raw != "they") && lex.routeParticle[ts[k+1].raw]
}

// askedIfAt is where an indirect question opens after a verb of asking ("ask
// if …", "asking him whether …"), or -1: the words after it are what is asked.
func askedIfAt(ts []token) int {
	return askedAt(ts, func(w string) bool { return w == "if" || w == "whether" })
}

// askedQuestionAt is where an indirect question of any kind opens after a verb
// of asking ("ask why …", "ask him what …", "asks whether …"), or len(ts): the
// words from there on are the question's content, not what the text does.
func askedQuestionAt(ts []token) int {
	if j := askedAt(ts, func(w string) bool { return whWords[w] }); j >= 0 {
		return j
	}
	return len(ts)
}

// askedAt is where a word that opens opens an indirect question right after a
// verb of asking, or after it and the person asked ("ask him if …"), or -1.
func askedAt(ts []token, opens func(string) bool) int {
	for j := 1; j < len(ts); j++ {
		if opens(ts[j].raw) && (ts[j-1].w == "ask" || j >= 2 && lex.askedPerson[ts[j-1].raw] && ts[j-2].w == "ask") {
			return j
		}
	}
	return -1
}

// askedFor: a verb of asking comes just before the thing at i ("ask him the
// mail", "ask them for their email"): the thing is what the user hands over.
func askedFor(ts []token, i int) bool {
	return slices.ContainsFunc(ts[max(0, i-4):i], func(t token) bool { return t.w == "ask" })
}

func givesEmail(ts []token, i int) bool {
	for j := max(0, i-4); j <= i+4 && j < len(ts); j++ {
		if ts[j].in(hEmailGiven) && !(j+1 < len(ts) && (ts[j+1].raw == "it" || ts[j+1].raw == "back")) {
			return true
		}
	}
	return false
}

// quotedLineAfter: the verb at i is followed by "with" and a quoted line ("open
// with "Hi, …"", "greet them with "…"").
func quotedLineAfter(d *detector, i int) bool { return quotedLineAt(d.ts, i) >= 0 }

// quotedLineAt is the index of the quoted line after the verb at i ("open with
// "Hi, …"", "opens with exactly: "…""), or -1.
func quotedLineAt(ts []token, i int) int {
	j := skipAddressee(ts, i+1)
	for j < len(ts) && lex.reflexive[ts[j].raw] {
		j++ // "introduces herself"
	}
	if j < len(ts) && lineWith[ts[j].raw] {
		j++
	} else if j < len(ts) && ts[j].w == quoteW && ts[j].raw == quoteW {
		return j // "greets them: "Hi…"", "introduces herself — "Hi, I'm Noor…"": the colon or dash before the line is gone (dropColons)
	} else {
		// "Greeting should be exactly: "Hey! I'm Leo…"", "the goodbye should say
		// "…"": the noun, a copula or a verb of saying, then the line
		k := j
		for j < len(ts) && (lex.lineIs[ts[j].raw] || lex.sayVerb[ts[j].raw]) {
			j++
		}
		if j == k {
			return -1
		}
	}
	for j < len(ts) && lex.verbatim[ts[j].raw] {
		j++
	}
	if k := j; k < len(ts) && (ts[k].in(hDeterminer) || linePointer(ts[k])) {
		// "greet with exactly these words '…'", "greet them with the text "…"":
		// the noun only points at the line after it
		for k < len(ts) && (ts[k].in(hDeterminer) || linePointer(ts[k])) {
			k++
		}
		if k < len(ts) && (lex.quoteNoun[ts[k].raw] || lex.speechNoun[ts[k].raw]) {
			j = k + 1
		}
	}
	if j < len(ts) && ts[j].w == quoteW && ts[j].raw == quoteW && !userMustSay(ts, j-1) {
		// ("at the end the user must say 'I agree'": the user's words, which
		// the avatar asks for, not its line)
		return j
	}
	return -1
}

// lineStep makes a greeting or closing, with the quoted line that follows its
// verb as its words; a greeting also takes unquoted words that open as a
// greeting does, as its opening.
func lineStep(k kind) func(d *detector, i int) {
	return func(d *detector, i int) {
		s := &step{k: k}
		if q := quotedLineAt(d.ts, i); q >= 0 {
			s.phrase = quoteW + d.ts[q].orig + quoteW
			d.skip = q - i // "should say": the verb that names the line makes no line of its own
		} else if j := ownOpeningAt(d.ts, i); k == kGreeting && j > 0 {
			s.phrase = phraseAfter(d.ts, j-1)
			d.skip = len(d.ts) - i // the words said are no steps ("welcome", "Acme Bank")
		}
		d.add(s, i)
	}
}

// ownOpeningAt is where the unquoted words a greeting is told to open with
// begin, after the verb at i ("the greeting should say welcome to Acme",
// "greet them with hello from the Acme team", "start by saying welcome to
// Acme Bank"), or -1. The words must open as a greeting does, so "greet them
// with a smile" keeps the usual greeting.
func ownOpeningAt(ts []token, i int) int {
	j := skipAddressee(ts, i+1)
	for j < len(ts) && (ts[j].in(hSubjectAux) || ts[j].raw == "by" || ts[j].raw == "to") {
		j++ // "should", "by" in "start by saying"
	}
	if j >= len(ts) || !lex.sayVerb[ts[j].raw] && ts[j].raw != "with" {
		return -1
	}
	for j++; j < len(ts) && (lex.verbatim[ts[j].raw] || ts[j].w == ":" || ts[j].w == ","); j++ {
	}
	if j < len(ts) && lex.salutation[ts[j].raw] {
		return j
	}
	return -1
}

// recognizedObject: the step named at i is the object of a "recognise" right
// before it, at most a determiner or a possessive between ("don't recognise
// the SMS number"), not a step the clause asks for after it ("anyone we don't
// recognise gets an SMS code").
func recognizedObject(ts []token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch {
		case ts[j].w == "recognize":
			return true
		case !ts[j].in(hDeterminer):
			return false
		}
	}
	return false
}

// orderVerbAt: t is a verb of where a step happens, in any person ("comes",
// "goes", "happens").
func orderVerbAt(t token) bool {
	return lex.orderVerb[t.raw] || lex.orderVerb[strings.TrimSuffix(t.raw, "s")] || lex.orderVerb[strings.TrimSuffix(t.raw, "es")]
}

// setAside: the step named at i is the option weighed against another ("safer
// than SMS", "a more reliable channel than a text", "prefer email over SMS"),
// "than" or "over" at most three words before it. It returns where the
// comparison's words start (the comparative, or the option before "over"), or
// -1.
func setAside(ts []token, i int) int {
	for j := i - 1; j >= 1 && j >= i-3; j-- {
		start := -1
		switch {
		case ts[j].raw == "than":
			if start = comparedAt(ts, j); start < 0 {
				continue // ("more than an SMS code")
			}
		case ts[j].raw == "over" && preferredOver(ts, j):
			start = j - 1
		case !ts[j].in(hDeterminer) && !ts[j].known:
			return -1 // (an unknown word between: another reading)
		default:
			continue
		}
		if refersOn(ts, i) {
			return -1
		}
		return start
	}
	return -1
}

// refersOn: the step named at i is one of the flow, said to come somewhere
// ("quicker than the passport scan that comes after it").
func refersOn(ts []token, i int) bool {
	k := i + 1
	for k < len(ts) && lex.stepHead[ts[k].raw] {
		k++
	}
	return k+1 < len(ts) && (ts[k].raw == "that" || ts[k].raw == "which") && orderVerbAt(ts[k+1])
}

// comparedAt is the index of the comparative that "than" at j completes, at
// most three words before it ("safer than", "a safer channel than", "more
// reliable channel than"), or -1; "more than an SMS code" asks for the code
// and more.
func comparedAt(ts []token, j int) int {
	if ts[j-1].raw == "more" || ts[j-1].raw == "less" || j+1 < len(ts) && lex.onlyWord[ts[j+1].raw] {
		return -1 // ("more checks than just an SMS code": the code and more)
	}
	for c := j - 1; c >= 0 && c >= j-3; c-- {
		if !lex.comparative[ts[c].raw] {
			continue
		}
		if c > 0 && (ts[c-1].w == "nothing" || ts[c-1].raw == "no") {
			return -1 // "nothing weaker than a passport scan": a floor, the scan asked for
		}
		if (ts[c].raw == "more" || ts[c].raw == "less") && c+1 < j && (lex.stepHead[ts[c+1].raw] || strings.HasSuffix(ts[c+1].raw, "s")) {
			return -1 // "more checks than …": a number of steps, not a quality
		}
		return c
	}
	return -1
}

// preferredOver: "over" at j weighs one option against another after a verb
// of preferring ("we prefer email over SMS"), not a channel after an infinitive
// ("prefer to send the code over SMS", "the OTP to go over email") or an
// amount ("over 10k").
func preferredOver(ts []token, j int) bool {
	p := slices.IndexFunc(ts[:j], func(t token) bool { return lex.preferVerb[t.raw] })
	if p < 0 || j+1 >= len(ts) || ts[j+1].isNum || ts[j+1].raw == "to" {
		return false
	}
	return !slices.ContainsFunc(ts[p+1:j], func(t token) bool { return t.raw == "to" })
}

// channelContrast: "text" at i is set against the other channel ("make it
// email instead of text", "email rather than text", "email, not text"): a
// channel, as "by text" is.
func channelContrast(ts []token, i int) bool {
	if i < 1 || !hasRaw(ts, "email", "e-mail", "mail") {
		return false
	}
	p := ts[i-1].raw
	return p == "not" || i >= 2 && (p == "of" && ts[i-2].w == "instead" || p == "than" && ts[i-2].raw == "rather")
}

// passiveScan: the thing at i is scanned in the passive ("their face is then
// captured", "the face gets scanned"): a be-verb after it and a scan verb at most
// two words on.
func passiveScan(ts []token, i int) bool {
	if i+2 >= len(ts) || !lex.becomes[ts[i+1].raw] {
		return false
	}
	for j := i + 2; j < len(ts) && j <= i+3; j++ {
		if ts[j].w == "scan" {
			return true
		}
	}
	return false
}

// liveSource is the user's side of a comparison with a document: the face scan
// the flow takes (or the clause names), else the live video.
func (d *detector) liveSource() string {
	if findKind(d.seq, kFaceScan) >= 0 || findKind(d.out, kFaceScan) >= 0 || has(d.ts, "selfie") || index(d.ts, "face") >= 0 && d.nextW(index(d.ts, "face")) == "scan" {
		return "faceScan"
	}
	return "sessionVideo"
}

// listedWith: the word at i and a word of lemma w are two items of one list
// ("verify the phone number and the email address", "email and phone by code"),
// with nothing between them but articles, "number"/"address" and the list's
// conjunction.
func listedWith(ts []token, i int, w string) bool {
	for _, step := range []int{-1, 1} {
		for j := i + step; j >= 0 && j < len(ts); j += step {
			if ts[j].w == w {
				return true
			}
			if !lex.listGlue[ts[j].raw] && !(ts[j].raw == "to" && j > 0 && ts[j-1].raw == "and") {
				// ("a code to their email and to their phone": the
				// preposition said again is the list's)
				break
			}
		}
	}
	return false
}

// bareObject: the clause is only an object, its verb left to the clause before
// ("verify their phone, then their email", "then the email address too").
func bareObject(ts []token) bool {
	for _, t := range ts {
		if !lex.listGlue[t.raw] && t.w != "email" && t.w != "phone" && t.w != "." && t.w != "," {
			return false
		}
	}
	return true
}

// channelInCodeList: the clause names a channel and nothing else but order
// words ("email", "first email", "then sms"), right after a clause that names
// codes ("so two codes total", "both otps") or is such a bare channel itself
// ("sms first"): the clauses order the codes by their channels, so the channel
// is its code, not an address to type in.
func channelInCodeList(ts, prior []token) bool {
	return bareChannel(ts) && (has(prior, "code") || hasAnyRaw(prior, lex.codeSet) || bareChannel(prior))
}

// bareChannel: the words are a code's channel ("email", "sms", "text") with
// only list glue and order words ("first", "then", "last") around it.
func bareChannel(ts []token) bool {
	named := false
	for _, t := range ts {
		switch {
		case t.w == "email" || t.w == "sms":
			named = true
		case lex.listGlue[t.raw] || t.w == "first" || t.w == "then" || t.w == "finally" || t.w == "." || t.w == ",":
		default:
			return false
		}
	}
	return named
}

// hasNear reports whether a word of set is within dist tokens of i.
// labelGuardsLogin: the label at i, as a stage of the flow, guards a login
// named after it ("for the 2fa step on agent console login", "the MFA check
// for VPN logins"); "a 2FA code at login" names a code (no stage head).
func labelGuardsLogin(ts []token, i int) bool {
	j := i + 1
	if j >= len(ts) || !lex.labelHead[ts[j].raw] || i == 0 || !lex.labelDefinite[ts[i-1].raw] {
		return false
	}
	return j+1 < len(ts) && lex.labelGuard[ts[j+1].raw] && hasAnyHot(ts[j+2:], hLoginWord)
}

// ageNumbered: the clause gives the age as a number ("block minors under 16",
// "of drinking age (21 in the US)", "18 or older, no minors"), which the age
// check takes; the 18 of a legal age is then no reading to say.
func ageNumbered(ts []token) bool {
	for i, t := range ts {
		if t.isNum && t.num >= 10 && t.num <= 99 && !(i+1 < len(ts) && lex.unit[ts[i+1].w]) {
			return true
		}
	}
	return false
}

// renewsLabel: a word of factorRenewWords acts on the label at i, right after
// it ("their MFA reset", "2FA recovery") or as the verb whose object it is,
// with only determiners and the owner between ("resets the customer's 2FA");
// "Password reset via 2FA", "Recovery with MFA, liveness" ask for the code.
func renewsLabel(ts []token, i int) bool {
	if i+1 < len(ts) && lex.factorRenew[ts[i+1].raw] {
		return true
	}
	if ts[i].eq {
		return false // "Reset: 2FA + face scan": a heading and what it takes
	}
	j := i - 1
	for j >= 0 && (ts[j].in(hDeterminer) || ts[j].in(hPossessive) || ts[j].in(hUserWord)) {
		j--
	}
	return j >= 0 && lex.factorRenewVerb[ts[j].raw]
}

func hasNear(ts []token, i, dist int, set map[string]bool) bool {
	for j := max(0, i-dist); j < len(ts) && j <= i+dist; j++ {
		if j != i && set[ts[j].raw] {
			return true
		}
	}
	return false
}

func hasAnyRaw(ts []token, set map[string]bool) bool {
	for _, t := range ts {
		if set[t.raw] {
			return true
		}
	}
	return false
}

// scan fires the rules on every token of the clause.
func (d *detector) scan() {
	ts := d.ts
	for i, t := range ts {
		if t.w == "against" && !d.comparing && !againstRule(ts, i) && livePurposeAfter(ts, i) && d.docInFlow() {
			// "Scan their ID and check the face against the camera for a
			// deepfake": with a document in the flow, the face is still
			// matched to its photo (a stolen ID held by a live person must not
			// pass); the purpose words ask for liveness besides (rvX18 X16)
			d.a.notes = append(d.a.notes, "Read \""+clauseText(ts)+"\" as a comparison of the document's photo with the user's face, since the flow scans a document; what follows the camera is read as what the check is also for.")
		}
		if comparingLemmas[t.w] && !(t.w == "same" && i+1 < len(ts) && lex.placeNoun[ts[i+1].raw]) && !(t.w == "against" && (againstRule(ts, i) || livePurposeAfter(ts, i) && !d.docInFlow())) {
			d.comparing = true // ("the same spot": a position, not a comparison; "against the age requirement": a rule)
		}
		if faceContextLemmas[t.w] || lex.docWord[t.w] {
			d.faceCtx = true
		}
	}
	// ("the eSIM QR code is on its way to their inbox", "the zip code on
	// their licence": a code that is no one-time code names no channel)
	d.codeInClause, d.otherCode = hasAnyHot(ts, hOwnership), false
	for i, t := range ts {
		if t.w == "code" && !(i > 0 && lex.notCodeBefore[ts[i-1].raw]) {
			d.codeInClause = true
		} else if t.w == "code" {
			d.otherCode = true
		}
	}
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if t.w == "scan" || t.w == "take" {
			d.scanVerb = i
		}
		if !t.isNum && numberWords[t.raw] >= 12 {
			if age := ageAt(ts, i); age > 0 {
				d.add(ageCheck(ts, i, age), i) // "over eighteen"
			}
		}
		if spoofProp(ts, i) && (d.neg[i] || heldUp(ts)) && !anyDoc(ts) {
			// "make sure it's not a printout held up to the camera", "so nobody
			// gets in with a mask": the attack a liveness check stops
			d.add(&step{k: kLiveness}, i)
		}
		for _, set := range [][]rule{rules[t.w], rawRules[t.raw]} {
			for _, r := range set {
				if r.when == nil || r.when(d, i) {
					r.make(d, i)
				}
			}
		}
		i += d.skip
		d.skip = 0
	}
}

// samePlace: "same" at i names a place in the flow ("in the same spot",
// "same position"), not two things that match.
func samePlace(ts []token, i int) bool {
	return ts[i].raw == "same" && i+1 < len(ts) && lex.placeNoun[ts[i+1].raw]
}

// destinationOf: where the code at i is sent, from the words after "to" that
// follow it: "email" for an address ("to the address we already have"), "sms"
// for a number ("to the number on file"), "" when the text does not say.
func destinationOf(ts, prior []token, i int) string {
	for j := i + 1; j+1 < len(ts) && j <= i+4; j++ {
		if ts[j].raw != "to" {
			continue
		}
		if r := ts[j+1].raw; r == "it" || r == "that" && (j+2 == len(ts) || !isAlpha(ts[j+2].raw)) {
			// "they just changed their email address. Send a code to it": "it"
			// is the one contact named before, in the clause or the one before
			// it ("verify it with a code" is handled where the address is typed)
			return namedContact(ts[:i], prior)
		}
		for k := j + 1; k < len(ts) && k <= j+3; k++ {
			if lex.notEmailAddress[ts[k].raw] {
				return ""
			}
			switch {
			case ts[k].raw == "address" || ts[k].raw == "addresses":
				return "email"
			case ts[k].raw == "number" || ts[k].raw == "numbers":
				return "sms"
			}
		}
	}
	return ""
}

// ownDestination: the code at i goes to a contact of its own ("a code to it",
// "to the address on file"), and the channel named after it is a second
// destination of the list ("… and to their phone"), with a code of its own.
func ownDestination(ts, prior []token, i int) bool {
	j := laterChannel(ts, i)
	dest := destinationOf(ts, prior, i)
	if j < 0 || dest == "" || (dest == "email") == (ts[j].w == "email") {
		return false
	}
	return slices.ContainsFunc(ts[i+1:j], func(t token) bool { return t.raw == "and" })
}

// namedContact: the one contact the words name ("their email address",
// "the new phone number"), looked for in ts first, then in prior; "" when
// neither or both are named.
func namedContact(ts, prior []token) string {
	for _, w := range [][]token{ts, prior} {
		email, phone := has(w, "email"), has(w, "phone") || hasRaw(w, "mobile", "cell") // ("their account number" is no phone)
		switch {
		case email && !phone:
			return "email"
		case phone && !email:
			return "sms"
		case email:
			return ""
		}
	}
	return ""
}

// realThingWord: t names a thing the flow reads or sends to (a data field, a
// contact, a document), which "real" or "genuine" may be said of.
func realThingWord(t token) bool {
	return lex.dataField[t.raw] || lex.docWord[t.w] || lex.realThing[t.w]
}

// thingClaim: the thing at h heads the subject of what is checked ("be sure
// the number is real", "check the phone number is genuine"): its noun phrase
// (compound nouns, then a determiner) opens the checked clause, after a word
// of checking or at the start. A thing inside a noun phrase about a person
// ("the user behind the account is real", "whoever holds the phone is real",
// "the face on the ID is real") is not the subject: that person is said live.
func thingClaim(ts []token, h int) bool {
	j := h - 1
	for j >= 0 && j >= h-2 && realThingWord(ts[j]) {
		j-- // "the phone number"
	}
	if j >= 0 && ts[j].in(hDeterminer) {
		j--
	}
	return j < 0 || lex.realClaimLead[ts[j].raw]
}

// onlyNear: "only" sits on the document named at i ("passports only", "only
// passports", "UK driving licences only"), not on a time ("only after the code"),
// nor on what users hold ("many customers have only a licence", "some only
// carry a passport"): that says why a type is accepted, not that it is the
// only one.
func onlyNear(ts []token, i int) bool {
	for j := max(0, i-2); j < len(ts) && j <= i+3; j++ {
		if ts[j].raw == "only" && !(j+1 < len(ts) && lex.subordOpen[ts[j+1].raw]) && !heldOnly(ts, j) {
			return true
		}
	}
	return false
}

// heldOnly: the "only" at j sits beside a verb of holding ("has only", "only
// have", "hold only"), not a be-form ("the document is only a passport" still
// limits the scan).
func heldOnly(ts []token, j int) bool {
	held := func(k int) bool { return k >= 0 && k < len(ts) && lex.stateVerb[ts[k].raw] && !lex.beForm[ts[k].raw] }
	return held(j-1) || held(j+1)
}

// isContraction: the word at i ends in "'s" before an adjective ("the person's
// real", "the user's live"): "is", not a possessive, since an adjective owns nothing.
func isContraction(ts []token, i int) bool {
	if i < 0 || i >= len(ts) {
		return false
	}
	o := ts[i].orig
	if !strings.HasSuffix(o, "'s") && !strings.HasSuffix(o, "’s") {
		return false
	}
	// the adjective ends its phrase ("the person's real and …"); before a noun it
	// is attributive and the "'s" a possessive ("the user's live session video")
	return i+2 >= len(ts) || lex.phraseEnd[ts[i+2].w] || lex.phraseEnd[ts[i+2].raw]
}

// askedToSay reports whether the speech verb at i is what a question asks the
// user to do ("ask them to say their mother's maiden name", "ask the user to tell
// us why"): part of that question, not a line of the avatar's own.
func askedToSay(ts []token, i int) bool {
	if i < 2 || ts[i-1].raw != "to" {
		return false
	}
	j := skipBackAddressee(ts, i-2)
	return j >= 0 && ts[j].w == "ask"
}

// userMustSay: the user is the one to say it ("they have to actually say
// yes", "the customer must say their name"): an answer the avatar waits for,
// not a line of its own.
func userMustSay(ts []token, i int) bool {
	j := i - 1
	for j >= 0 && lex.mustAux[ts[j].raw] {
		j--
	}
	// ("the applicant must say …": one of the people the flow is for, as
	// "applicants" names them all; with no "must" or "should", "the user
	// says 'hi'" tells what happens, or opens a condition: "The user says
	// 'no' -> end")
	return j >= 0 && j < i-1 && (lex.personRef[ts[j].raw] && ts[j].raw != "this" || lex.userWord[ts[j].raw+"s"])
}

// userAnswer is the avatar's question when the user must say something (the
// verb at i): a piece of their data ("their date of birth", "their member
// number"), past the integrator or the avatar told ("tell us …", "tell the
// avatar …"), their consent ("say yes to the terms") or words the text quotes
// ("the user must say 'I agree'": asked as "ask them to say 'I agree'" is);
// nil for anything else.
func userAnswer(ts []token, i int) *step {
	if i+1 < len(ts) && ts[i+1].w == quoteW {
		// the words said are the answer, whatever the verb ("the user
		// states 'I agree'"): asked as "say"
		return &step{k: kAsk, phrase: "to say: " + ts[i+1].orig}
	}
	j := i + 1
	if j < len(ts) && (ts[j].raw == "us" || ts[j].raw == "me" || ts[j].raw == "you") {
		j++
	} else if j+1 < len(ts) && ts[j].raw == "the" && lex.avatarRef[ts[j+1].raw] {
		j += 2
	}
	if j+1 < len(ts) && ts[j].raw == "yes" && ts[j+1].raw == "to" && j+2 < len(ts) && ts[j+2].in(hDeterminer) {
		// ("the terms and conditions": a list in the thing agreed to)
		if ph := phraseAfter(ts, j+1); ph != "" && !slices.ContainsFunc(ts[j+2:], func(t token) bool { return lex.answerStop[t.raw] && t.raw != "and" && t.raw != "or" }) {
			return &step{k: kAsk, topics: tConsent, phrase: "consent to " + ph}
		}
		return nil
	}
	if j >= len(ts) || !ts[j].in(hPossessive) && ts[j].raw != "the" {
		return nil // "say hello", "say they are the account holder", "say no to marketing"
	}
	field := false
	for _, t := range ts[j+1:] {
		switch {
		case t.in(hPossessive) || t.in(hDeterminer) || lex.answerStop[t.raw]:
			return nil // "tell their employer their new address", "… and agree to the terms", "… at the branch"
		case lex.dataField[t.raw]:
			field = true
		}
	}
	if !field {
		return nil // "tell their bank about the transfer"
	}
	return &step{k: kAsk, topics: topicsOf(ts[j:]), phrase: phraseAfter(ts, j-1)}
}

// skipBackAddressee returns the index before the person spoken to that ends at j
// ("ask them", "ask the user"), or j when none does.
func skipBackAddressee(ts []token, j int) int {
	if j >= 0 && ts[j].in(hAddressee) {
		j--
		if j >= 0 && (ts[j].raw == "the" || ts[j].raw == "our") {
			j--
		}
	}
	return j
}

// bareLine: the words after a stock line's word add nothing to it ("say
// goodbye to the user at the end", "say thank you"); "tell them thanks for
// waiting" has words of its own, said as written.
func bareLine(rest []token) bool {
	for i, t := range rest {
		if i > 0 && (t.in(hReasonOpen) || t.raw == "so") {
			return true // "say hi first so people know what's going on": why, not what
		}
		if _, line := spokenLineKinds[t.w]; !line && !t.in(hAddressee) && !lex.backWord[t.raw] && !lex.frontWord[t.raw] && !lex.lineFiller[t.raw] {
			return false
		}
	}
	return true
}

// channelOnly: a channel named beside "only" with nothing collected ("so email
// only", "SMS only please", "by text alone") restricts the one-time code to that
// channel: the other channel is ruled out, and the channel names a code only when
// the flow or the clause has one. It reports whether it read the word so.
func channelOnly(d *detector, i int, k, other kind) bool {
	if !(i+1 < len(d.ts) && d.ts[i+1].w == "only" || i > 0 && d.ts[i-1].w == "only") ||
		i+2 < len(d.ts) && d.ts[i+1].w == "only" && d.ts[i+2].raw == "as" || // ("SMS only as a fallback": a role, not the channel; "SMS only if …" lost its "only" to the condition: splitClauses)
		d.neg[i] || hasAnyHot(d.ts, hEmailGiven) || has(d.ts, "address") || has(d.ts, "number") || lex.entryNext[d.next(i)] {
		return false
	}
	d.a.neg.add(other)
	if d.codeInClause || slices.ContainsFunc(d.seq, func(s *step) bool { return s.k == kOTP || s.k == k }) {
		d.add(&step{k: k}, i)
	}
	return true
}

// readBackObject: the details "read" at i names with "back" ("read the payee's
// name back to them", "read back the amount"), in the user's words, or "".
func readBackObject(ts []token, i int) string {
	from, to := i+1, -1
	if from < len(ts) && ts[from].raw == "back" {
		from++ // "read back X"
		for to = from; to < len(ts) && !lex.readBackEnd[ts[to].raw]; to++ {
		}
	} else {
		for j := from; j < len(ts) && j <= i+10; j++ { // "read X back"
			if ts[j].raw == "back" {
				to = j
				break
			}
		}
	}
	if to <= from {
		return ""
	}
	return clauseText(ts[from:to])
}

// negatedOperand: the image word at i is an operand of a comparison negated with
// it ("no selfie-vs-ID compare", "not an ID versus selfie match"): the words
// between it and the comparison word are all under the negation, and the
// comparison word follows within a few words.
func negatedOperand(ts []token, neg []bool, i int) bool {
	for j := i + 1; j < len(ts) && j <= i+4 && neg[j]; j++ {
		switch w := ts[j].w; {
		case w == "compare" || w == "match":
			return true
		case w == "against" || ts[j].raw == "to" || ts[j].raw == "with" || w == "selfie" || w == "face" || w == "photo" || lex.docWord[w]:
			// "selfie-vs-ID", "passport-to-selfie": the other operand
		default:
			return false // "the ID scan or the compare": a step of its own
		}
	}
	return false
}

// spoofProp: the word at i names a prop of a presentation attack ("a
// printout", "a mask", "a printed photo").
func spoofProp(ts []token, i int) bool {
	return ts[i].in(hSpoofProp) || ts[i].raw == "printed" && i+1 < len(ts) && ts[i+1].w == "photo"
}

// heldUp: the clause says something is held up ("a printout held up to the
// camera", "someone holding up a photo").
func heldUp(ts []token) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i].raw == "up" && (ts[i-1].raw == "held" || ts[i-1].raw == "hold" || ts[i-1].raw == "holding" || ts[i-1].raw == "holds") {
			return true
		}
	}
	return false
}

// photoOfFace: the face at i is what a photo taken shows ("take a proper
// high-quality photo of their face", "snap a picture of the user's face"):
// the photo is a face scan, taken by the verb a few words before it, or one
// yet to be taken ("a photo of their face").
func photoOfFace(d *detector, i int) bool {
	j := i - 1
	for j >= i-2 && j >= 0 && (lex.personPronoun[d.ts[j].raw] || d.ts[j].in(hPossessive) || lex.personRef[d.ts[j].raw] || d.ts[j].raw == "the") {
		j-- // "of their face", "of the user's face"
	}
	if j < 1 || d.ts[j].raw != "of" || d.ts[j-1].w != "photo" {
		return false
	}
	if d.scanVerb >= 0 && d.scanVerb < j-1 && d.scanVerb >= j-7 && !anyDoc(d.ts[d.scanVerb:i]) {
		return true
	}
	// "a proper photo of their face and then the live check", "I'd like a
	// good clear photo of their face": a new photo of the face, named with no
	// verb, is one to take, as "a selfie" is; "the photo of their face" may be
	// one the app holds, and a photo compared or on a document is a source
	// ("we keep a photo of their face from onboarding": one the app holds)
	held := d.comparing || has(d.ts, "enrolled") || has(d.ts, "provide") || providedImage(d.ts, j-1) || shownPhoto(d.ts, j-1)
	if j >= 2 && lex.newImageDet[d.ts[j-2].raw] && !anyDoc(d.ts[j-2:i]) && !held {
		return true // "swap the ID scan for a photo of their face": a photo yet to be taken
	}
	for k := j - 2; k >= 0 && k >= j-4; k-- {
		if lex.indefinite[d.ts[k].raw] {
			return !held && !anyDoc(d.ts)
		}
		if d.ts[k].known {
			return false // ("a face scan photo of …": a step's own words, read by its rule)
		}
	}
	return false
}

// shownPhoto: the photo at i is one someone shows or holds, or a document
// has ("so they can't just show a photo of their face", "their ID, which has a
// photo of their face"): a spoof or a source, not one to take.
func shownPhoto(ts []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if lex.photoShown[ts[k].raw] {
			return true
		}
	}
	return false
}

// messageIsQuestion: the noun at i is what the writer's own message is
// ("sorry if this is a silly question", "this may be a dumb question"): "this"
// or "it", a be-verb (or a modal and "be"), then an article and at most two
// words of description before the noun; the writer asking, not the avatar.
func messageIsQuestion(ts []token, i int) bool {
	if ts[i].raw != "question" {
		return false
	}
	k := i - 1
	for k >= 0 && k >= i-3 && !lex.indefinite[ts[k].raw] && !ts[k].known {
		k--
	}
	if k < 2 || !lex.indefinite[ts[k].raw] {
		return false
	}
	j := k - 1
	switch {
	case ts[j].raw == "be" && j >= 2:
		j-- // "this may be a …", "this might be a …": the modal before the be-verb
	case !lex.beForm[ts[j].raw]:
		return false
	}
	return ts[j-1].raw == "this" || ts[j-1].raw == "it"
}

// namedAfter finds a name the words from j say ("by saying the name of our
// hotel group, Mas Lavande", "with our brand name, Segurito"): a name noun, then
// the capitalised words that end the clause. It returns the name and the end of
// the words that speak of it, or "" when there is none.
func namedAfter(ts []token, j int) (string, int) {
	n := slices.IndexFunc(ts[j:], func(t token) bool { return lex.nameNoun[t.raw] })
	if n < 0 {
		return "", 0
	}
	k := len(ts)
	for k > j+n+1 && startsUpper(ts[k-1].orig) && !lex.canonKind(ts[k-1]) {
		k--
	}
	if k == len(ts) {
		return "", 0
	}
	var name []string
	for _, t := range ts[k:] {
		name = append(name, t.orig)
	}
	return strings.Join(name, " "), len(ts)
}

// welcomedTo: the name a welcome takes the user to ("welcomes the guest to
// Marlowe Hotels", "welcomes them aboard the Aurora Star"), with the word that
// leads to it: words written with a capital after one of lex.welcomePrep (and
// a "the"), within a few words of the verb; "" when the words after it are no
// name ("to the app", "to ID verification").
func welcomedTo(ts []token, j int) string {
	for k := j; k < len(ts) && k < j+4; k++ {
		if !lex.welcomePrep[ts[k].raw] {
			continue
		}
		lead := []string{ts[k].raw}
		from := k + 1
		if from+1 < len(ts) && ts[from].raw == "the" && startsUpper(ts[from+1].orig) {
			lead = append(lead, ts[from].raw) // "aboard the Aurora Star"
			from++
		}
		var name []string
		for _, t := range ts[from:] {
			if !startsUpper(t.orig) {
				break
			}
			if lex.canonKind(t) {
				return "" // "welcome the user to ID verification": a step, not a name
			}
			name = append(name, t.orig)
		}
		if len(name) == 0 {
			return ""
		}
		return strings.Join(append(lead, name...), " ")
	}
	return ""
}

// placeAfter: the words from i on are a position in the flow ("at the end",
// "at the very start"), not what a step protects.
func placeAfter(ts []token, i int) bool {
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		if lex.frontWord[ts[j].raw] || lex.backWord[ts[j].raw] {
			return true
		}
		if ts[j].raw != "the" && ts[j].raw != "very" {
			return false
		}
	}
	return false
}

// dobRuleAt: the clause holds the date of birth against a rule ("validate
// the date of birth against the minimum of 18"; againstRule): the index of
// the rule's noun, or -1.
func dobRuleAt(d *detector) int {
	for i, t := range d.ts {
		if t.w == "against" && againstRule(d.ts, i) {
			if f, _ := matchField(d.ts[:i], d.seq); f != "dateOfBirth" {
				return -1
			}
			return i + 1 + slices.IndexFunc(d.ts[i+1:], func(u token) bool { return lex.ruleNoun[u.raw] })
		}
	}
	return -1
}

// ageValidation: the clause validates the date of birth with nothing to compare
// it to, and the text has set an age already: the age check reads that date.
func ageValidation(d *detector) bool {
	f, _ := matchField(d.ts, d.seq)
	return f == "dateOfBirth" && !dataMatch(d.ts) && (findKind(d.seq, kAgeCheck) >= 0 || findKind(d.out, kAgeCheck) >= 0)
}

// sentByUs: the document at i is what the speaker sends the user ("so we can
// send the paperwork", "we'll send them the documents", "I send the contract"):
// outgoing, no document the user shows to the camera.
func sentByUs(ts []token, i int) bool {
	j := i - 1
	for j >= 0 && (ts[j].in(hDeterminer) || ts[j].in(hPossessive)) {
		j--
	}
	if j >= 0 && (lex.personPronoun[ts[j].raw] || ts[j].raw == "you") {
		j-- // the user it goes to
	}
	if j < 1 || ts[j].w != "send" {
		return false
	}
	k := j - 1
	if k > 0 && ts[k].in(hSubjectAux) {
		k-- // "we can send", "we will send"
	}
	return lex.ourSender[ts[k].raw]
}

// ownSecret: the code word at i is a secret the user holds ("their PIN", "the
// account password", "their port-out PIN"), which a verb of asking before it
// asks for ("ask them to read out …", "have them say …"), with nothing that
// sends it: the avatar's question, not a one-time code.
func ownSecret(ts []token, i int) bool {
	if !lex.ownSecret[ts[i].raw] || i == 0 || lex.ownSecretCode[ts[i-1].raw] || !lex.ownSecretOwner[ts[i-1].raw] && !(i > 1 && lex.ownSecretOwner[ts[i-2].raw] && ts[i-2].in(hPossessive)) {
		return false
	}
	return hasAnyRaw(ts[:i], lex.ownSecretAsk) && !hasAnyRaw(ts, lex.ownSecretSent)
}

// channelThreatened: the channel word at i is the subject of what can go wrong
// with it ("texts can be hijacked", "SMS could be intercepted", "the SMS is
// unreliable"), within a few words and before the clause goes on ("so …").
func channelThreatened(ts []token, i int) bool {
	for j := i + 1; j < len(ts) && j <= i+4; j++ {
		if lex.channelThreat[ts[j].raw] {
			return true
		}
		if !lex.channelThreatLink[ts[j].raw] || ts[j].raw == "so" {
			return false // "an SMS when email is compromised": another thing's threat
		}
	}
	return false
}

// saidAgain: the words after a verb of saying point back at the line said
// before, with at most how it is said ("it", "that", "it warmly", "it out
// loud"): no line of their own.
func saidAgain(ph string) bool {
	ws := strings.Fields(ph)
	if len(ws) == 0 || !pointerSet[ws[0]] {
		return false
	}
	for _, w := range ws[1:] {
		if !strings.HasSuffix(w, "ly") && !sayMannerWords[w] {
			return false
		}
	}
	return true
}

// withBefore: "with" opens the phrase the word at i heads ("with the liveness
// challenge", "with a liveness challenge"): a setting of the step before, not a
// step of its own.
func withBefore(ts []token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch ts[j].raw {
		case "with":
			return true
		case "the", "a", "an", "active", "full":
			continue
		}
		return false
	}
	return false
}

// confirmAsked: the number at i is inside what the user is asked to confirm
// ("asks them to confirm they're 18 or older", "ask the user to confirm that
// they are over 21"): a verb of asking, then "to confirm", before it, with no
// pause between. The age is the question's, not a check the flow runs.
func confirmAsked(ts []token, i int) bool {
	for j := i - 1; j >= 1; j-- {
		if ts[j].raw == "" {
			return false
		}
		if ts[j].w == "confirm" && ts[j-1].raw == "to" {
			return slices.ContainsFunc(ts[:j-1], func(t token) bool { return t.w == "ask" })
		}
	}
	return false
}

// docDataOf: the document word at i is where data named just before it comes
// from ("the data extracted from the document", "the details on the ID"): a
// data noun, then only words that link it to the document.
func docDataOf(ts []token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		if lex.docDataNoun[ts[j].raw] {
			return true
		}
		if !lex.docDataLink[ts[j].raw] {
			return false
		}
	}
	return false
}

// docDataIn: some document word of the clause is where its data comes from
// (docDataOf).
func docDataIn(ts []token) bool {
	for i, t := range ts {
		if lex.docWord[t.w] && docDataOf(ts, i) {
			return true
		}
	}
	return false
}
