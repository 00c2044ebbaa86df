package flowbuild

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The avatar's lines. "Say: " lines are spoken verbatim; the others are goals the
// avatar pursues in its own words. Greetings are long enough (12+ words, several
// seconds of speech) to give recognition and liveness video to work with.

// noun is the text's word for a payment ("withdrawal", "purchase") or for a
// new device ("handset"), or "".
func greetingPrompt(uc useCase, amount, noun string, video, looksUp bool) string {
	var reason string
	switch uc {
	case ucTransfer:
		reason = "Hello, and thanks for joining. Before we send your transfer" + over(amount) + ", I need to make sure it's really you."
	case ucCrypto:
		reason = "Hi there, and thanks for joining. Before we release your withdrawal" + over(amount) + ", I need a quick check that it's really you."
	case ucPayment:
		reason = "Hello, and thanks for joining. Before we approve this " + paymentWord(noun) + over(amount) + ", I need a quick check that it's really you."
	case ucPayoutChange:
		reason = "Hello. Before we change the bank account your payouts go to, I need to confirm that it's really you."
	case ucRecovery:
		reason = "Hello, I'm here to help you get back into your account. This takes about a minute."
	case ucDevice:
		reason = "Hello, I'm here to help you move your account to your new " + deviceWord(noun) + ". First I need to confirm that it's really you."
	case ucPasswordReset:
		reason = "Hello, I'll help you reset your password. First I need to confirm that it's really you."
	case ucOnboarding:
		reason = "Welcome, and thanks for signing up. I'll guide you through a short identity check that takes about two minutes."
	case ucEnrollment:
		reason = "Hello, and welcome. We're going to set up face verification for you, which takes about a minute."
		if looksUp {
			reason = "Hello, and welcome. I'll recognise you by your face, and if this is your first time, we'll set up face verification for you. It takes about a minute."
		}
	case ucLogin:
		reason = "Hi, welcome back. I'll confirm it's you in just a few seconds."
	case ucSIMSwap:
		reason = "Hello, I understand you'd like to move your number to a new SIM card. Before we do that, I need to confirm it's really you."
	case ucNotarization:
		reason = "Hello, and welcome to your remote notarization session. I'll confirm your identity before you sign."
	case ucCheckIn:
		reason = "Welcome, and thanks for checking in online. I just need to confirm your identity first."
	case ucAge:
		reason = "Hello. Before we continue, I need to confirm your age, which takes less than a minute."
	case ucEmailChange:
		reason = "Hello. Before we change the email address on your account, I need to confirm that it's really you."
	default:
		reason = "Hello, and thanks for taking a moment. I'll guide you through a short verification that takes about a minute."
	}
	if video {
		return "Say: " + reason + " Please keep your face in view of the camera while we talk."
	}
	return "Say: " + reason + " Let's get started whenever you're ready."
}

// withOpening puts the words a greeting was told to open with ("welcome to
// Acme Bank") in place of its usual first sentence, when that sentence only
// greets ("Hello, and thanks for joining."), or before the rest of it, when it
// also says what the session is for ("Hello, I'm here to help you …"): the
// user's words open the line, and the line still says why the session runs.
func withOpening(prompt, opening string) string {
	line := strings.TrimPrefix(prompt, "Say: ")
	first, rest, _ := strings.Cut(line, ". ")
	if _, after, ok := strings.Cut(first, ", "); ok && strings.HasPrefix(after, "I") {
		rest = strings.ToUpper(after[:1]) + after[1:] + ". " + rest
	}
	own := sentenceOf(opening)
	if rest == "" {
		return "Say: " + own
	}
	return "Say: " + own + " " + rest
}

// sentenceOf makes words a sentence: a capital first letter and a full stop.
func sentenceOf(words string) string {
	words = strings.TrimSpace(words)
	if words == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(words)
	words = string(unicode.ToUpper(r)) + words[size:]
	if !strings.ContainsAny(words[len(words)-1:], ".!?") {
		words += "."
	}
	return words
}

func over(amount string) string {
	if amount == "" {
		return ""
	}
	return " of over " + amount
}

func closingPrompt(uc useCase, noun string, looksUp bool) string {
	switch uc {
	case ucTransfer:
		return "Say: Thank you, you're verified. Your transfer will go ahead now."
	case ucCrypto:
		return "Say: Thank you, you're verified. Your withdrawal will be processed now."
	case ucPayment:
		return "Say: Thank you, you're verified. Your " + paymentWord(noun) + " is approved."
	case ucPayoutChange:
		return "Say: Thank you, you're verified. Your payout account will be updated shortly."
	case ucRecovery:
		return "Say: Thank you, you're verified. You can now set a new password and get back into your account."
	case ucDevice:
		return "Say: Thank you, you're verified. Your new " + deviceWord(noun) + " is now linked to your account."
	case ucPasswordReset:
		return "Say: Thank you, you're verified. You can now choose a new password."
	case ucOnboarding:
		return "Say: You're all set, welcome aboard! Next time, a quick look at the camera is all we'll need."
	case ucEnrollment:
		if looksUp { // a returning user was not enrolled just now
			return "Say: Thank you, you're all set. Next time, a quick look at the camera is all it takes to verify you."
		}
		return "Say: You're enrolled. Next time, a quick look at the camera is all it takes to verify you."
	case ucLogin:
		return "Say: Thanks, you're verified and signed in."
	case ucSIMSwap:
		return "Say: Thank you. Your SIM swap request is verified and will be processed shortly."
	case ucNotarization:
		return "Say: Thank you. Your identity is confirmed and you can now sign your document."
	case ucCheckIn:
		// ("Enjoy your stay" fitted a hotel, not a car rental desk or a clinic's check-in)
		return "Say: Thank you, your check-in is complete. You're all set."
	case ucAge:
		return "Say: Thank you, your age is confirmed. You can continue now."
	case ucEmailChange:
		return "Say: Thank you, you're verified. Your new email address will be active shortly."
	}
	return "Say: Thank you, you're verified. You can continue now."
}

// handoverLine is what the avatar says when a failure goes to a person.
const handoverLine = "I couldn't complete the verification automatically, so I'm passing you to a member of our team. They will contact you shortly to finish it."

func failurePrompt(uc useCase, noun, policy string) string {
	if policy == "human" {
		return "Say: " + handoverLine
	}
	switch uc {
	case ucTransfer:
		return "Say: I'm sorry, I can't approve this transfer right now. For your security, our team will contact you to complete it."
	case ucCrypto:
		return "Say: I'm sorry, I can't release this withdrawal right now. For your security, our team will contact you to complete it."
	case ucPayment:
		return "Say: I'm sorry, I can't approve this " + paymentWord(noun) + " right now. Our team will contact you to complete it."
	case ucOnboarding, ucEnrollment:
		return "Say: I'm sorry, we couldn't finish your verification this time. Please try again later or contact our support team."
	case ucAge:
		return "Say: I'm sorry, I couldn't confirm that you meet the age requirement, so we can't continue this time."
	}
	return "Say: I'm sorry, I couldn't complete your verification this time. Please try again later or contact our support team."
}

func retryPrompt(k kind) string {
	return "Say: That didn't work this time. Would you like to try the " + k.String() + " again?"
}

func newUserPrompt(uc useCase) string {
	switch uc {
	case ucOnboarding, ucEnrollment:
		return "Say: It looks like this is your first time here. Your verification is saved, so next time we'll recognise you."
	}
	return "Say: I couldn't match your face to an existing account. If you're new here, please sign up first; otherwise our support team will help you."
}

// newUserToldPrompt opens a new-user path that only tells the user something
// ("if they're not found, tell them to contact the exam office"): no other way
// to verify them follows.
const newUserToldPrompt = "Say: I couldn't find you among our users."

// stockNewUserLine: the prompt is one of the builder's lines for a user the
// recognition did not find (newUserPrompt, newUserBranchPrompt,
// newUserToldPrompt), not the user's own.
func stockNewUserLine(prompt string) bool {
	if prompt == newUserToldPrompt {
		return true
	}
	for _, uc := range []useCase{ucGeneric, ucOnboarding, ucEnrollment} {
		if prompt == newUserPrompt(uc) || prompt == newUserBranchPrompt(uc) {
			return true
		}
	}
	return false
}

// newUserBranchPrompt opens the steps a user the recognition did not find goes
// through.
func newUserBranchPrompt(uc useCase) string {
	switch uc {
	case ucEnrollment:
		return "Say: It looks like this is your first time here, so let's set up face verification for you now."
	case ucOnboarding:
		return "Say: It looks like this is your first time here, so let's verify your identity now."
	}
	return "Say: I couldn't find you among our users, so let's verify you another way."
}

// transitionPrompt follows a liveness check and announces the next step.
func transitionPrompt(next kind) string {
	s := "Say: Thank you, that's done."
	switch next {
	case kFaceScan:
		return s + " Next, I'll take a clear picture of your face."
	case kDocument:
		return s + " Next, please hold your ID document up to the camera."
	case kFaceCompare:
		return s + " Next, I'll compare your face with your photo."
	case kRecognition:
		return s + " Next, I'll match your face to your account."
	case kEnterEmail:
		return s + " Next, please type your email address."
	case kEmailOTP:
		return s + " Next, I'll send a one-time code to your email."
	case kSMSOTP, kOTP:
		return s + " Next, I'll send a one-time code to your phone."
	case kAgeCheck:
		return s + " Next, I'll check your age."
	case kMatchCheck:
		return s + " Next, I'll check your details against our records."
	case kExpiryCheck:
		return s + " Next, I'll check your document hasn't expired."
	case kPermissions:
		return s + " Next, please allow access to your camera and microphone."
	case kLiveness:
		return s + " Next, one more quick check."
	}
	return s
}

// generatedTransition: p is a line transitionPrompt writes, not one the user
// worded (a change keeps the user's own words).
func generatedTransition(p string) bool {
	for k := kind(0); k < kindCount; k++ {
		if p == transitionPrompt(k) {
			return true
		}
	}
	return false
}

// askPrompt writes the goal of a question conversation from its topics.
func askPrompt(s *step, uc useCase, amount, noun string) string {
	if q, ok := ownLine(s.phrase); ok {
		return "Ask: " + q // the question as the user wrote it, asked verbatim as "Say:" lines are said
	}
	if s.readBack != "" {
		// the details the text named are read back, in its words; a question
		// said beside the read-back and merged into it ("read back the
		// beneficiary and amount …, and also probe for signs of coercion") is
		// asked after it, not dropped
		confirm := "to confirm"
		if p := strings.TrimSpace(s.phrase); strings.HasPrefix(p, "to ") && !strings.Contains(s.readBack, p) {
			// "read the amount back … and ask them to say "I confirm" to
			// proceed": how they confirm, in the text's words
			confirm = trimDot(p)
		}
		extra := sideQuestions(s, uc, "whether")
		switch {
		case s.userReads && len(extra) > 0:
			return "Ask the user to read back " + s.readBack + ", and ask " + joinAnd(extra) + "."
		case s.userReads:
			return "Ask the user to read back " + s.readBack + "."
		case len(extra) > 0:
			return "Read " + s.readBack + " back to the user, ask them " + confirm + ", and ask " + joinAnd(extra) + "."
		}
		return "Read " + s.readBack + " back to the user, and ask them " + confirm + "."
	}
	if s.topics&^(tName|tDOB|tAddress|tCard) == 0 {
		if ph, ok := ownNounAsk(s.phrase); ok {
			// "asks them for the locker number and the name on the booking", "ask
			// the user the name of their employer and their date of birth": a
			// thing asked for that no stock line names is asked with the rest,
			// in the text's words, not dropped for the stock name question
			return "Ask the user " + trimDot(ph) + "."
		}
	}
	var parts []string
	what, _ := ucWords(uc, noun)
	if s.topics&tSecurity != 0 && !(uc == ucTransfer || uc == ucCrypto || uc == ucPayment) {
		// no transaction in the text: the questions are about what the user named, or the account
		if about := aboutPhrase(s.phrase); about != "" {
			parts = append(parts, "a security question about "+about)
		} else {
			parts = append(parts, "a security question only the account holder could answer")
		}
	} else if s.topics&tSecurity != 0 {
		parts = append(parts, "a security question about "+what+": who the recipient is, how much is being sent and why")
	} else if own := ownDealQuestion(s); own != "" {
		// "ask what the transfer is for and who the beneficiary is": the
		// user's own questions about the transfer, more specific than the
		// stock check of the recipient and the amount
		parts = append(parts, own)
	} else if s.topics&tWallet != 0 && uc != ucTransfer && uc != ucCrypto && uc != ucPayment {
		parts = append(parts, "to confirm the destination wallet address") // (no amount the text names)
	} else if s.topics&tWallet != 0 {
		parts = append(parts, "to confirm the destination wallet address and the amount of "+what+over(amount))
	} else if s.topics&tTransfer != 0 {
		if uc == ucPayoutChange {
			parts = append(parts, "to confirm the new bank account the payouts should go to")
		} else if rest, ok := strings.CutPrefix(trimDot(strings.TrimSpace(s.phrase)), "to confirm "); ok && uc != ucTransfer && uc != ucCrypto && uc != ucPayment && ownNounItem("for "+rest) {
			// "asks the guest to confirm the amount and their cabin number": a
			// thing no stock line names is confirmed in the text's words, as
			// ownNounItem's things asked for are
			parts = append(parts, "to confirm "+rest)
		} else if uc != ucTransfer && uc != ucCrypto && uc != ucPayment {
			// "confirm the amount" in a flow that names no transfer: say no more than that
			parts = append(parts, "to confirm the amount and the details of this request"+over(amount))
		} else if own := ownConfirmDetails(s.phrase); own != "" {
			// "ask them to confirm the transfer amount and the receiving
			// charity's name": the user's own words name both parts of the
			// stock check, and who receives it more exactly than "the recipient"
			parts = append(parts, own)
		} else {
			parts = append(parts, "to confirm the recipient and the amount of "+what+over(amount))
		}
	}
	if s.topics&tName != 0 {
		parts = append(parts, "to state "+nameAsked(s.phrase))
	}
	if s.topics&tDOB != 0 {
		parts = append(parts, "for their date of birth")
	}
	if s.topics&tCard != 0 {
		ts := tokenize(s.phrase) // (read once for both)
		parts = append(parts, "for the "+cardDigits(ts)+" of "+digitsOwner(ts))
	}
	if s.topics&tAddress != 0 && s.topics&tWallet == 0 {
		parts = append(parts, "for their home address")
	}
	if c, ok := confirmsThat(s.phrase); ok && s.topics&^(tReason|tTransfer) == 0 {
		// "asks them to confirm they recognise the payee by name": what the user
		// confirms, in the text's words, not the stock recipient and amount
		if n, w := confirmedAge(s), strings.Fields(c); n != "" && len(w) > 1 && w[len(w)-1] == n && !lex.ageAbove[w[len(w)-2]] {
			c += " or older" // ("confirm they're 21+": the "+" is the minimum, not the exact age)
		}
		return "Ask the user to confirm that " + c + "."
	}
	if s.topics&^(tReason|tTransfer) == 0 && startsWh(s.phrase) {
		// the user's own question is more specific than the stock one
		return "Ask the user " + trimDot(s.phrase) + "."
	}
	parts = append(parts, sideQuestions(s, uc, "to confirm that")...)
	if own := ownWhItem(s.phrase); own != "" && len(parts) > 0 {
		// "asks them to confirm their full name and which office they work
		// in": the stock lines say the name; the question of the text's own
		// that follows it is asked too, not dropped
		parts = append(parts, own)
	}
	if i := strings.Index(s.phrase, "to say: "); i > 0 && len(parts) > 0 {
		// "ask them to state their name and say 'I agree'": the words the
		// user must say, merged into the stock question, are asked too
		parts = append(parts, trimDot(s.phrase[i:]))
	}
	if len(parts) == 0 {
		if p := strings.TrimSpace(s.phrase); p != "" {
			return "Ask the user " + trimDot(forThing(p)) + "."
		}
		return "Ask the user a short question to confirm their identity, and listen to the answer."
	}
	return "Ask the user " + joinAnd(parts) + "."
}

// ucWords are how the questions name what the user is doing ("the
// withdrawal") and the doing of it ("make it", "request it").
func ucWords(uc useCase, noun string) (what, act string) {
	what, act = "the transfer", "make it"
	switch uc {
	case ucCrypto:
		what = "the withdrawal"
	case ucPayment:
		what = "the " + paymentWord(noun)
	case ucPayoutChange:
		what, act = "the change", "do it"
	case ucSIMSwap:
		what, act = "the SIM swap", "request it"
	case ucNotarization:
		what, act = "the document", "sign it"
	}
	return what, act
}

// sideQuestions are the questions beside the main one (why, of their own free
// will, consent, coercion), as askPrompt words them; willing is how the free
// will question opens ("to confirm that", or "whether" after a read-back).
func sideQuestions(s *step, uc useCase, willing string) []string {
	var parts []string
	if s.topics&tReason != 0 {
		if uc == ucSIMSwap {
			parts = append(parts, "why they are requesting a SIM swap")
		} else {
			parts = append(parts, "why they are making this request")
		}
	}
	if s.topics&tWilling != 0 {
		parts = append(parts, willing+" they are doing this willingly, of their own free will")
	}
	if s.topics&tConsent != 0 {
		what := "the processing of their face and voice data for this verification"
		if to := consentObject(s.phrase); to != "" {
			what = to // "their consent to recording", "a consent question about recording the session"
		}
		parts = append(parts, "whether they consent to "+what)
	}
	if s.topics&tCoercion != 0 {
		_, act := ucWords(uc, "")
		parts = append(parts, "whether anyone asked, pressured or coached them to "+act)
	}
	return parts
}

// ownDealQuestion is the user's own question about the transaction, when the
// phrase asks one ("what the transfer is for and who the beneficiary is"),
// without a coercion question the stock line asks after it ("who owns the
// destination account and whether anyone is pressuring them"), or "".
func ownDealQuestion(s *step) string {
	if s.topics&(tTransfer|tWallet) == 0 || s.topics&tReason != 0 || !startsWh(s.phrase) {
		return ""
	}
	p := s.phrase
	if i := strings.Index(p, " and whether "); i > 0 && s.topics&tCoercion != 0 {
		p = p[:i]
	} else if strings.Contains(p, "whether") {
		return ""
	}
	return trimDot(p)
}

// ownConfirmDetails returns the phrase when it asks to confirm both the
// amount and the recipient's name in the user's words ("to confirm the
// transfer amount and the receiving charity's name"), else "".
func ownConfirmDetails(phrase string) string {
	p := trimDot(strings.TrimSpace(phrase))
	if !strings.HasPrefix(p, "to confirm the ") || strings.Contains(p, "whether") || !strings.HasSuffix(p, "'s name") && !strings.HasSuffix(p, "’s name") {
		return ""
	}
	if strings.Contains(p, " amount and ") {
		return p
	}
	return ""
}

// ownWhItem is the last item of a phrase's list when it is a question of its
// own ("their full name and which office they work in") that no stock line
// asks (its words name no topic), or "".
func ownWhItem(phrase string) string {
	ws := strings.Fields(phrase)
	for i := len(ws) - 2; i > 0; i-- {
		if strings.EqualFold(ws[i], "and") && whWords[strings.ToLower(ws[i+1])] && ws[i+1] != "if" && !strings.EqualFold(ws[i+1], "whether") {
			item := trimDot(strings.Join(ws[i+1:], " "))
			if topicsOf(tokenize(item)) != 0 {
				return ""
			}
			return item
		}
	}
	return ""
}

// ownNounItem: the phrase asks for a list of things ("for the locker number
// and the name on the booking") and one of them names no topic, so no stock
// line would ask for it: as ownWhItem's question, it must not be dropped.
func ownNounItem(phrase string) bool {
	p := trimDot(strings.TrimSpace(phrase))
	rest, ok := strings.CutPrefix(p, "for ")
	if !ok || !strings.Contains(rest, " and ") {
		return false
	}
	items := strings.Split(strings.ReplaceAll(rest, ", ", " and "), " and ")
	for n, item := range items {
		ts := tokenize(item)
		if len(ts) == 0 || startsWh(item) || topicsOf(ts) != 0 {
			continue
		}
		if n+1 < len(items) && len(ts) <= 2 && (len(ts) == 1 || ts[0].in(hDeterminer) || ts[0].in(hPossessive)) {
			if next := tokenize(items[n+1]); len(next) > 1 && !next[0].in(hDeterminer) && !next[0].in(hPossessive) {
				continue // "their first and last name": a modifier of the noun after the "and", one thing asked
			}
		}
		return true
	}
	return false
}

// ownNounAsk is the phrase as forThing writes it, and whether it is an
// ownNounItem list. (Without an " and " it is none, and forThing, which
// tokenizes the phrase and adds no more than a "for " before it, is not
// asked.)
func ownNounAsk(phrase string) (string, bool) {
	if !strings.Contains(phrase, " and ") {
		return "", false
	}
	ph := forThing(phrase)
	return ph, ownNounItem(ph)
}

// forThing writes a thing asked for as such: "the name of their bank" is
// "for the name of their bank" (not the person asked); "a question about
// their order" is what is asked, as written.
func forThing(phrase string) string {
	p := strings.TrimSpace(phrase)
	if ts := tokenize(p); len(ts) > 1 && (ts[0].in(hDeterminer) || ts[0].in(hPossessive)) &&
		!slices.ContainsFunc(ts[1:min(len(ts), 4)], func(t token) bool { return t.w == "ask" }) {
		return "for " + p
	}
	return p
}

func startsWh(p string) bool {
	wh, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(p)), " ")
	// "what's going to happen", "who’s calling": the word before its contraction
	if i := strings.IndexAny(wh, "'’"); i > 0 {
		wh = wh[:i]
	}
	return whWords[wh]
}

// confirmsThat reads a phrase that asks the user to confirm a statement about
// themselves ("to confirm they recognise the payee by name", "confirm that
// they started this transfer"): it returns the statement.
func confirmsThat(phrase string) (string, bool) {
	p := trimDot(strings.TrimSpace(phrase))
	for _, lead := range []string{"to ", "confirm ", "that "} {
		if len(p) > len(lead) && strings.EqualFold(p[:len(lead)], lead) {
			p = p[len(lead):]
		} else if lead == "confirm " {
			return "", false
		}
	}
	subject, _, _ := strings.Cut(p, " ")
	switch strings.ToLower(subject) {
	case "they", "they're":
		return p, true
	case "theyre":
		return "they're" + p[len(subject):], true
	}
	return "", false
}

// nameAsked is the name a question asks for: the part the text names ("their
// first name"), or the full name when it names none or several ("first and
// last name").
func nameAsked(phrase string) string {
	word := func(w string) string { return strings.ToLower(strings.Trim(w, ".,;:!?\"'()")) }
	ws := strings.Fields(phrase)
	part, whole := "", false
	for i := 1; i < len(ws); i++ {
		var p string
		switch w := word(ws[i]); {
		case lex.namePartNoun[w]:
			p = w // "their first name and surname": a second part, so the full name
		case (w == "name" || w == "names") && lex.namePart[word(ws[i-1])]:
			p = word(ws[i-1])
		case w == "name" || w == "names":
			whole = true // "their name and surname"
			continue
		default:
			continue
		}
		if part != "" && part != p || i >= 3 && (word(ws[i-2]) == "and" || word(ws[i-2]) == "or" || ws[i-2] == "&") {
			return "their full name" // "first and last name"
		}
		part = p
	}
	if part == "" || whole {
		return "their full name"
	}
	if lex.namePartNoun[part] {
		return "their " + part
	}
	return "their " + part + " name"
}

func trimDot(s string) string { return strings.TrimRight(s, ".!? ") }

// nounList names things in a list ("the ID scan and the face comparison"): no
// comma before the "and" of two.
func nounList(names []string) string {
	if len(names) == 2 {
		return names[0] + " and " + names[1]
	}
	return joinAnd(names)
}

// deviceWord is the text's word for the new device, "device" when it gave none.
func deviceWord(noun string) string {
	if noun == "" {
		return "device"
	}
	return noun
}

// paymentWord is the text's word for a payment, "payment" when it gave none.
func paymentWord(noun string) string {
	if noun == "" {
		return "payment"
	}
	return noun
}

// docTypesText names document types for a sentence ("passports and driver's licenses").
func docTypesText(types []string) string {
	names := make([]string, 0, len(types))
	for _, t := range types {
		if n, ok := docTypeNames[t]; ok {
			names = append(names, n)
		} else {
			names = append(names, t)
		}
	}
	return nounList(names)
}

// orList joins names with "or" ("the liveness check or the SMS one-time
// code"), as one of them is meant at a time.
func orList(names []string) string {
	if len(names) < 3 {
		return strings.Join(names, " or ")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 1:
		return parts[0]
	case 2:
		return parts[0] + ", and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", and " + parts[len(parts)-1]
}

// spokenWords are the words a question asks the user to say, as the text
// quoted them ("to say: I agree" from "… say 'I agree'"), or "".
func spokenWords(phrase string) string {
	rest, ok := strings.CutPrefix(phrase, "to ")
	if !ok {
		return ""
	}
	verb, words, ok := strings.Cut(rest, ": ")
	if !ok || !lex.sayVerb[verb] || words == "" {
		return ""
	}
	return words
}

// askConditions are the outcome conditions of a question: the positive one first.
func askConditions(s *step) (okID, ok, badID, bad string) {
	if w := spokenWords(s.phrase); w != "" && s.topics == 0 {
		// "the user must say 'I agree'": the words said are the pass, not
		// any clear answer ("No, I don't agree" is clear too)
		return "confirmed", "The user said \"" + w + "\" or words that mean the same", "doubt", "The user did not say it, refused, or said something else"
	}
	var got []string
	switch {
	case s.readBack != "" && !s.userReads:
		got = append(got, "confirmed "+s.readBack) // "confirmed the destination address"
	case s.topics&(tTransfer|tWallet) != 0:
		got = append(got, "confirmed the details")
	}
	if s.topics&tSecurity != 0 {
		got = append(got, "answered the security question correctly")
	}
	if s.topics&(tName|tDOB|tCard|tAddress) != 0 {
		got = append(got, "gave the requested information")
	}
	if s.topics&tReason != 0 {
		got = append(got, "gave a plausible reason")
	}
	if s.topics&tWilling != 0 {
		got = append(got, "confirmed they are acting willingly")
	}
	if s.topics&tConsent != 0 {
		got = append(got, "clearly gave their consent")
	}
	if n := confirmedAge(s); n != "" && len(got) == 0 {
		// "ask them to confirm they're 18 or older": the pass is a yes to the
		// age, not any clear answer ("No, I'm 16" is clear too)
		return "confirmed", "The user confirmed they are " + n + " or older", "doubt", "The user said they are younger, would not confirm it, or the answer raised doubts"
	}
	if len(got) == 0 && len(s.fallback) > 0 {
		// "ask if they have their passport; if yes, scan it; if not, …": a no
		// is an answer too, and it takes the other path (a clear "no" that read
		// as "answered clearly" went on to the scan)
		return "confirmed", "The user answers yes", "doubt", "The user answers no, or could not or would not answer"
	}
	if len(got) == 0 {
		got = append(got, "answered clearly")
	}
	ok = "The user " + joinAnd(got)
	if len(got) == 2 {
		ok = "The user " + got[0] + " and " + got[1]
	}
	bad = "The user could not or would not answer, or the answer raised doubts"
	if s.topics&(tCoercion|tWilling) != 0 {
		ok += " and nothing suggests anyone is pressuring them"
		// (the judge of the answer is told the word the text used for the risk)
		bad = "The user hesitated, gave inconsistent answers, mentioned being pressured or told what to say, or showed other signs of coercion"
	}
	return "confirmed", ok, "doubt", bad
}

func askID(s *step) string {
	switch {
	case s.choice:
		return "code_choice"
	case s.topics&tSecurity != 0:
		return "security_question"
	case s.topics&tWallet != 0:
		return "confirm_wallet"
	case s.topics&tTransfer != 0:
		return "confirm_details"
	case s.topics&(tName|tWilling) != 0:
		return "statement"
	case s.topics&(tDOB|tCard|tAddress) != 0:
		return "knowledge_check"
	case s.topics&tReason != 0:
		return "ask_reason"
	case s.topics&tCoercion != 0:
		return "coercion_check"
	case s.topics&tConsent != 0:
		return "consent"
	}
	return "question"
}

// welcomePlace is the name a welcome line gives ("welcome to Segurito and that
// …": "Segurito"): the capitalised words right after "welcome to", or "".
func welcomePlace(phrase string) string {
	rest, ok := strings.CutPrefix(phrase, "welcome to ")
	if !ok {
		return ""
	}
	var name []string
	for _, w := range strings.Fields(rest) {
		w = strings.TrimRight(w, ".,!;")
		if w == "" || !startsUpper(w) {
			break
		}
		name = append(name, w)
	}
	return strings.Join(name, " ")
}

func informPrompt(s *step, uc useCase, noun string) string {
	if place := welcomePlace(s.phrase); s.topics&tWelcome != 0 && place != "" {
		// "the avatar say them welcome to Segurito and that …": the welcome names
		// the place the text gave ("You're all set" claims nothing this flow
		// did not do, and holds no second welcome)
		return "Say: Welcome to " + place + "! Thank you, you're all set."
	}
	if s.topics&tFuture != 0 && !statesFact(s.phrase) || s.topics&tWelcome != 0 && (uc == ucOnboarding || uc == ucEnrollment) {
		return "Say: Welcome aboard! From now on, verifying is quick: just look at the camera for a few seconds and we'll recognise you."
	}
	if s.topics&tWelcome != 0 {
		// "then say welcome": a welcome to what this flow is for, not to an enrollment it never made
		return "Say: Welcome! " + strings.TrimPrefix(closingPrompt(uc, noun, false), "Say: ")
	}
	if q, ok := ownLine(s.phrase); ok {
		return "Say: " + q
	}
	if p := trimDot(strings.TrimSpace(s.phrase)); p != "" {
		if _, that, ok := strings.Cut(p, " that "); ok && that != "" && (strings.HasPrefix(p, "in ") || strings.HasPrefix(p, "with ")) {
			// "explain in a friendly way that we need to check their ID": how, then what
			return "Explain to the user " + p + "."
		}
		if startsWh(p) || s.topics == tReason && (strings.HasPrefix(p, "the ") || strings.HasPrefix(p, "our ")) {
			// ("state the purpose of the recording": the purpose is what is explained)
			return "Explain to the user " + p + "."
		}
		if rest, ok := strings.CutPrefix(p, "to "); ok && s.speech == advises {
			return "Advise the user to " + rest + "." // "encourage them to call the helpline"
		}
		if s.speech == advises {
			return "Suggest to the user that " + p + "." // "suggest they ask a parent"
		}
		if rest, ok := strings.CutPrefix(p, "to "); ok {
			return "Tell the user to " + rest + "." // "tell them to call the helpline"
		}
		for _, neg := range []string{"not to ", "never to "} {
			if rest, ok := strings.CutPrefix(p, neg); ok {
				return "Tell the user " + neg + rest + "." // "warn them not to share the code with anyone"
			}
		}
		if nounPhrase(p) && s.speech == explains {
			if relativeAt(strings.Fields(p)) > 0 {
				return "Explain to the user " + p + "." // "explain the certificate that will be issued"
			}
			return "Explain " + p + " to the user." // "explain the next steps", "explain the fee"
		}
		if nounPhrase(p) && s.speech == tellsThing {
			return "Tell the user " + p + "." // "tell them their room number"
		}
		switch s.speech {
		case saysLine:
			return "Say: " + userLine(p)
		case readsOut:
			if head, text, ok := strings.Cut(p, ": "); ok {
				return "Read " + head + " to the user: " + text + "."
			}
			return "Read " + p + " to the user."
		}
		return "Explain to the user that " + p + "."
	}
	return "Say: Thank you. Let's continue with the next step."
}

// relativeAt: where a relative clause on the noun that opens ws begins ("the
// notarial certificate that will be issued", "the documents which are
// needed"): "that" or "which" after the noun, right before a verb that is the
// only finite one left, so no statement follows; 0 when there is none.
func relativeAt(ws []string) int {
	for k := 2; k+1 < len(ws); k++ {
		lw := strings.ToLower(ws[k])
		if (lw == "that" || lw == "which") && finiteVerbs(ws[k+1:k+2]) == 1 && finiteVerbs(ws[k+1:]) == 1 {
			return k
		}
		if finiteVerbs(ws[k:k+1]) > 0 || strings.ContainsAny(ws[k], ",;:") {
			return 0
		}
	}
	return 0
}

// finiteVerbs counts the words of ws that make a clause finite ("will", "is",
// "has", …): the auxiliaries and forms of "be" a statement needs.
func finiteVerbs(ws []string) int {
	n := 0
	for _, w := range ws {
		switch strings.ToLower(strings.Trim(w, ",.;:")) {
		case "is", "are", "was", "were", "will", "can", "has", "have", "had", "must", "should", "would", "could", "did", "does", "do", "may", "might", "shall":
			n++
		}
	}
	return n
}

// nounPhrase: the told words are a thing to explain, not a statement ("the
// next steps", "the terms and conditions", "our fees"): they open with an
// article or a possessive and hold no verb that makes them a sentence.
func nounPhrase(p string) bool {
	ws := strings.Fields(p)
	if len(ws) < 2 || ws[0] != "the" && ws[0] != "our" && ws[0] != "their" && ws[0] != "your" {
		return false
	}
	if relativeAt(ws) > 0 {
		return true
	}
	for k := 1; k < len(ws); k++ {
		w := ws[k]
		if k >= 2 && k+1 < len(ws) && subjectWord(w) {
			// "the phone number we're about to text", "the code that we sent": a
			// relative clause's subject (and its verb's helper) belong to the noun
			for k++; k < len(ws) && (subjectWord(ws[k]) || lex.beForm[strings.ToLower(ws[k])]); k++ {
			}
			k--
			continue
		}
		switch strings.ToLower(strings.Trim(w, ",.;:")) {
		case "is", "are", "was", "were", "will", "can", "has", "have", "had", "must", "should", "would", "could", "did", "does", "do", "may", "might", "that", "who", "which", "if", "when":
			return false
		}
		if strings.Contains(w, "'") || strings.Contains(w, "’") {
			return false // "the payment's done", "their card's on its way"
		}
	}
	for k := 2; k+1 < len(ws); k++ {
		// "their card arrives in 5 days", "the card ships tomorrow": a word in
		// -s after a noun, then a time or a place, is the verb of a statement
		// ("the house rules", "the next steps" end on theirs)
		w, prev := ws[k], ws[k-1]
		if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(prev, "s") && !lex.determiner[prev] && prev != "and" && prev != "or" && timeAfter(ws[k+1:]) {
			return false
		}
	}
	return true
}

// timeAfter: the words open with a time ("tomorrow", "soon"), or a
// preposition of time with a number or a name after it ("in 5 days", "on
// Monday"); "in detail", "at check-in" are no time.
func timeAfter(ws []string) bool {
	w := strings.ToLower(ws[0])
	if w[0] >= '0' && w[0] <= '9' || lex.timeAdverb[w] {
		return true
	}
	if !lex.timePrep[w] || len(ws) < 2 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(ws[1])
	return unicode.IsDigit(r) || unicode.IsUpper(r)
}

// statesFact: the told words state a fact of their own ("their face is only
// kept for logging in later", "the video will be deleted later") or what to do
// ("to come back later"), which the line says as written, not what they may do
// next time.
func statesFact(phrase string) bool {
	p := " " + phrase + " "
	return strings.HasPrefix(phrase, "to ") || !strings.Contains(p, " can ") && (strings.Contains(p, " is ") || strings.Contains(p, " are ") || strings.Contains(p, " will be "))
}

// aboutPhrase is what follows "about" in a question's own words ("three security
// questions about their recent activity" gives "their recent activity"), or "".
func aboutPhrase(p string) string {
	_, after, ok := strings.Cut(" "+trimDot(strings.TrimSpace(p))+" ", " about ")
	if !ok {
		return ""
	}
	return strings.TrimSpace(after)
}

// consentObject is what the phrase of a consent question says the consent is
// for ("for their consent to recording" → "recording"), or "".
func consentObject(p string) string {
	if _, after, ok := strings.Cut(" "+trimDot(strings.TrimSpace(p))+" ", " consent to "); ok {
		return strings.TrimSpace(after)
	}
	return aboutPhrase(p)
}

// ownLine is a line the user wrote in quotes (or asked directly, "did you …?"),
// capitalised and ending a sentence, and whether the phrase is one.
func ownLine(phrase string) (string, bool) {
	if len(phrase) < 3 || !strings.HasPrefix(phrase, quoteW) || !strings.HasSuffix(phrase, quoteW) {
		return "", false
	}
	inner := strings.TrimSpace(phrase[1 : len(phrase)-1])
	if inner == "" {
		return "", false
	}
	return sentenceOf(inner), true
}

// digitsOwner is what the digits asked for are of, in the text's words ("the
// last 4 digits of the bank account the money is going to": "the bank
// account"; "… of their phone number"), else their card.
func digitsOwner(ts []token) string {
	for i := 1; i+2 < len(ts); i++ {
		if ts[i-1].w != "digit" || ts[i].raw != "of" || !ts[i+1].in(hDeterminer) {
			continue
		}
		j := i + 2
		for j < len(ts) && j < i+5 && isAlpha(ts[j].raw) && !ts[j].in(hDeterminer) && !lex.digitsOwnerStop[ts[j].raw] {
			j++
		}
		if j > i+2 {
			if lex.userOwner[ts[i+1].raw] {
				// "the last 4 digits of your card": the line asks "the
				// user", so their card
				return "their " + clauseText(ts[i+2:j])
			}
			return clauseText(ts[i+1 : j])
		}
	}
	return "their card"
}

// cardDigits is which digits of their card the user is asked for: those the
// text names ("the first 6 digits of their card"), else the last four.
func cardDigits(ts []token) string {
	for i := 1; i+1 < len(ts); i++ {
		if lex.numberPart[ts[i-1].raw] && ts[i+1].w == "digit" {
			if _, _, ok := numberAt(ts, i); ok {
				return ts[i-1].raw + " " + ts[i].raw + " digits"
			}
		}
	}
	return "last four digits"
}

// confirmedAge: the question asks the user to confirm a minimum age ("to
// confirm they're 18 or older", "to confirm that they are over 21", "to confirm
// they're 21+"): that age, or "". The age follows a word of a minimum or
// "they're", "they are" (lex.ageIs). A word test on "confirm" comes first.
func confirmedAge(s *step) string {
	if s.topics != 0 || !strings.Contains(s.phrase, "confirm") {
		return ""
	}
	ts := tokenize(s.phrase)
	if hasAnyRaw(ts, lex.ageBelow) {
		return "" // ("confirm they're under 65": no minimum)
	}
	for i, t := range ts {
		if !t.isNum || t.num < 10 || t.num > 120 {
			continue
		}
		n := strconv.Itoa(int(t.num))
		if i > 0 && (lex.ageAbove[ts[i-1].raw] || lex.ageIs[ts[i-1].raw]) {
			return n
		}
	}
	return ""
}
