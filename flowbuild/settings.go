package flowbuild

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// stepSettings are the parameters a clause gives a step ("8 digits", "expire after 10
// minutes", "max 5 attempts", "threshold 0.9", "camera only"), read apart from
// the step itself: "OTP over email, 8 digits" puts them in a clause of their own,
// and a change ("make the SMS code 8 digits") names them without adding a step.
type stepSettings struct {
	otpLen    int
	expiry    int // seconds
	attempts  int
	threshold float64
	challenge bool
	noMic     bool
	// noChallenge: the text turns the face scan's liveness challenge off
	noChallenge bool
	scanMode    string // document_scan: "automatic" or "single"
	// badLen: a code length said that FaceSign cannot send ("a 9 digit
	// code"): set nowhere, and said back (parse.go)
	badLen int
	// lone: the threshold is a share said alone in its clause ("(0.9)"), with
	// no word of what it sets: it belongs to the step said just before it
	lone bool
	// failed: attempts came from how often the check fails ("if a check
	// fails twice"), which a bounded retry of the step counts too
	failed bool
}

func (s stepSettings) any() bool {
	return s.otpLen > 0 || s.expiry > 0 || s.attempts > 0 || s.threshold > 0 || s.challenge || s.noChallenge || s.noMic || s.scanMode != ""
}

// accepts reports whether a step of kind k has a field the stepSettings set.
func (s stepSettings) accepts(k kind) bool {
	switch k {
	case kEmailOTP, kSMSOTP, kOTP:
		return s.otpLen > 0 || s.expiry > 0 || s.attempts > 0
	case kFaceCompare:
		return s.threshold > 0
	case kFaceScan:
		return s.challenge || s.noChallenge || s.threshold > 0
	case kPermissions:
		return s.noMic
	case kDocument:
		return s.scanMode != ""
	}
	return false
}

// apply writes the stepSettings a step of its kind takes onto it.
func (s stepSettings) apply(st *step) {
	switch st.k {
	case kEmailOTP, kSMSOTP, kOTP:
		if s.otpLen > 0 {
			st.otpLen = s.otpLen
		}
		if s.expiry > 0 {
			st.expiry = s.expiry
		}
		if s.attempts > 0 {
			st.attempts, st.failedTimes = s.attempts, s.failed
		}
	case kFaceCompare, kFaceScan:
		if s.threshold > 0 {
			st.threshold = s.threshold
		}
		if s.challenge && st.k == kFaceScan {
			st.challenge = true
		}
		if s.noChallenge && st.k == kFaceScan {
			st.challenge, st.noChallenge = false, true
		}
	case kPermissions:
		if s.noMic {
			st.noMic = true
		}
	case kDocument:
		if s.scanMode != "" {
			st.scanMode = s.scanMode
		}
	}
}

// sizeRuledOut: the length at i sizes the subject of a predicate that rules
// it out ("a 6-digit OTP SHALL NOT be used", "4 digit codes are not
// acceptable"): the subject starts within three words after the number.
func sizeRuledOut(ts []token, i int) bool {
	if lengthJudged(ts, i) >= 0 {
		return true
	}
	for k := i + 2; k < len(ts) && k <= i+7; k++ {
		if ts[k].raw == "not" || ts[k].in(hNegAux) {
			j := negatedSubject(ts, k)
			return j > i && j <= i+3
		}
	}
	return false
}

// lengthJudged is where the words start that judge the length at i too weak
// ("4 digits is not acceptable", "a 4-digit code is not enough", "4 digits
// is insufficient"; lexicon lengthJudgedWords, lengthRejectedWords), within
// its clause, or -1.
func lengthJudged(ts []token, i int) int {
	for k := i + 1; k < len(ts) && k <= i+8; k++ {
		t := ts[k]
		if lex.lengthRejected[t.raw] && lex.beForm[ts[k-1].raw] {
			return k
		}
		if lex.beForm[t.raw] {
			// "4 digits is too weak", "… are far too short", "is way too
			// insecure": degree words, then the verdict
			j := k + 1
			for j < len(ts) && j <= k+3 && lex.lengthDegree[ts[j].raw] && !(ts[j].raw == "too" && j+1 < len(ts) && lex.lengthToo[ts[j+1].raw]) {
				j++
			}
			if j < len(ts) && (j > k+1 && ts[j-1].raw == "too" && lex.lengthRejected[ts[j].raw] || ts[j].raw == "too" && j+1 < len(ts) && lex.lengthToo[ts[j+1].raw]) && !lengthConceded(ts, i) {
				return k + 1
			}
		}
		if t.raw == "not" || t.in(hNegAux) {
			j := k + 1
			if j+1 < len(ts) && lex.beForm[ts[j].raw] {
				j++ // "4 digits would not be acceptable"
			}
			if j < len(ts) && lex.lengthJudged[ts[j].raw] {
				return k
			}
		}
		if t.raw == "" && t.w == "," && k+1 < len(ts) && ts[k+1].raw == "which" || t.raw == "which" && ts[k-1].w == "," {
			continue // "a 4-digit code, which is too weak"
		}
		if !(t.isNum || lex.beForm[t.raw] || lex.lengthSubject[t.raw] || lex.lengthSubject[t.w] || lex.unit[t.w]) {
			// ("a 4-digit code is fine, not 6": another clause's; "8 digits
			// as anything shorter is not secure", "… that is not allowed
			// to be reused": the judgement has another subject)
			return -1
		}
	}
	return -1
}

// lengthConceded: the text around a length said "too weak" takes the verdict
// back or makes it another's ("… isn't too short", "I don't think …", "…
// too weak for banks but fine here", "our auditors said …", "… was too weak
// last year", "tell the user that …"; lexicon lengthConcedeWords): the
// verdict is no judgement of the flow's code, and the length asked stays. So
// is one said of another number ("4 digits is too weak for the PIN";
// lengthOtherWords).
// Only the sentence of the judged length at i counts.
func lengthConceded(ts []token, i int) bool {
	end := func(t token) bool { return t.raw == "" && (t.w == "." || t.w == "!" || t.w == "?") }
	b, e := i, i
	for b > 0 && !end(ts[b-1]) {
		b--
	}
	for e < len(ts) && !end(ts[e]) {
		e++
	}
	return slices.ContainsFunc(ts[b:e], func(t token) bool {
		return lex.lengthConcede[t.raw] || lex.lengthOther[t.raw] || t.raw == "not" || t.in(hNegAux)
	})
}

// readSettings finds the stepSettings in a clause. Each is a number next to its unit
// word (the units are lexicon data: lexGroups "digit", "minute", "second",
// "hour", "attempt", "threshold").
func readSettings(ts []token) stepSettings {
	var s stepSettings
	skip := -1
	for i, t := range ts {
		if t.kilo && i > 0 && (t.eq || keyRightBefore(ts, i) && !settingForOther(ts, i)) && keyValue(&s, keyBefore(ts, i), t, t.num, "") {
			continue // "expiry=5m", "ttl 10m": minutes, which the tokenizer read as millions
		}
		if t.in(hFailTimes) && failedBefore(ts, i) {
			s.attempts, s.failed = 2, true // "if it's wrong twice", "if they fail it twice": the code's attempts
			if t.raw == "thrice" {
				s.attempts = 3
			}
			continue
		}
		if i > 0 && skip == i {
			continue // the second word of a number word read with the one before ("eighty-five")
		}
		n, width, ok := numberAt(ts, i)
		if !ok {
			continue
		}
		if width > 1 {
			skip = i + 1
		}
		// the unit is the word after the whole number ("eighty-five percent"):
		// e is the number's last word
		e := i + width - 1
		unit := ""
		if e+1 < len(ts) {
			unit = ts[e+1].w
		}
		if t.plus && !lex.unit[unit] && unit != "percent" && !(e+1 < len(ts) && ts[e+1].in(hAttemptNoun)) && !(n > 0 && n < 1) {
			// "payouts only go to 18+ accounts", "21+", "40+ agents": a number
			// with a plus and no unit of a setting is a floor (an age, a count
			// of people), never a value a step is set to ("90+%", "0.85+",
			// "3+ attempts", "10+ minutes" still set theirs)
			continue
		}
		before := ""
		if i > 0 {
			before = ts[i-1].w
		}
		if i > 0 && (t.eq || keyRightBefore(ts, i) && !settingForOther(ts, e)) && keyValue(&s, keyBefore(ts, i), t, n, unit) {
			// "expiry=10m", and in the config voice with no sign: "ttl 5m",
			// "max attempts 5", "threshold 0.85" (not "timeout 30s on
			// liveness": another step's, settingForOther)
			continue
		}
		switch {
		case unit == "digit" && (i > 0 && lex.numberPart[ts[i-1].raw] || e+2 < len(ts) && ts[e+2].raw == "of"):
			// "read back the last 4 digits of the new account": a part of
			// another number, not the code's length
		case unit == "digit" && pastValue(ts, i):
			// "make the OTP 8 digits, 6 digit ones were too easy": the length
			// the text tells of having had, not the one it asks for
		case unit == "digit" && (hasRaw(ts[max(0, i-2):i], "no", "not", "never", "nor") && negations(ts)[i] || sizeRuledOut(ts, i)):
			// "no 4 digit codes, it must be 6", "a 6-digit OTP SHALL NOT be
			// used": a length ruled out, never the one set
		case unit == "digit" && n >= 4 && n <= 8 && n == math.Trunc(n):
			s.otpLen = int(n)
		case unit == "digit" && n >= 1 && n <= 20 && n == math.Trunc(n) && !(e+2 < len(ts) && lex.digitOther[ts[e+2].raw]):
			// "a 9 digit code": outside what a code may have (4 to 8); "their 10
			// digit mobile number" is the length of something else
			s.badLen = int(n)
		case unit == "number" && n >= 4 && n <= 8 && n == math.Trunc(n) && has(ts, "code"):
			s.otpLen = int(n) // "the sms code must have 8 numbers": in a sentence about the code, its digits
		case n >= 4 && n <= 8 && n == math.Trunc(n) && !lex.unit[unit] && hasRaw(ts[max(0, i-4):i], "length", "long"):
			s.otpLen = int(n) // "set the code length to 8", "codes 6 long"
		case (unit == "minute" || unit == "second" || unit == "hour") && sessionClock(ts):
			// "make the session time out if they sit idle for 2 minutes": the
			// session's time, not the code's (the caller notes it)
		case unit == "minute" && n > 0 && n <= 1440:
			s.expiry = int(n * 60)
		case unit == "second" && n >= 30 && n <= 86400:
			s.expiry = int(n)
		case unit == "hour" && n > 0 && n <= 24:
			s.expiry = int(n * 3600)
		case (unit == "attempt" || e+1 < len(ts) && ts[e+1].in(hAttemptNoun)) && n >= 1 && n <= 20 && n == math.Trunc(n):
			s.attempts = int(n)
		case (before == "to" || before == "at") && n >= 1 && n <= 20 && n == math.Trunc(n) && attemptsNamed(ts, i):
			s.attempts = int(n) // "bump max attempts on the code to 5", "set the attempt limit at 4"
		case (namedBefore(ts, i, "threshold") || unit == "threshold" || before == "to" && has(ts[:i], "threshold") ||
			e+2 < len(ts) && ts[e+2].w == "threshold" && (unit == "match" || unit == "similarity" || unit == "confidence" || unit == "face")) && n > 0 && n <= 1:
			// ("a strict 0.9 match threshold")
			s.threshold = n
		case n > 0 && n < 1 && namedBefore(ts, i, "match", "compare"):
			s.threshold = n // "tighten the face match to 0.92": a fraction is the match's threshold
		case n > 0 && n < 1 && (has(ts, "threshold") || has(ts, "match") || has(ts, "compare") || hasAnyRaw(ts, lex.strictWord)):
			// "make the match threshold stricter, like 0.9", "make the face compare
			// stricter, 0.9": a fraction in a sentence about the match is its threshold
			s.threshold = n
		case namedBefore(ts, i, "threshold") && n > 1 && n <= 100:
			s.threshold = n / 100
		case unit == "percent" && n > 1 && n <= 100 && (namedBefore(ts, i, "match", "compare") || e+2 < len(ts) && (ts[e+2].w == "match" || ts[e+2].w == "threshold")):
			s.threshold = n / 100 // "85 percent match minimum", "at a 92% threshold", "compare at 90%"
		case unit == "percent" && n > 1 && n <= 100 && (has(ts, "threshold") || has(ts, "compare") || hasAnyRaw(ts, lex.strictWord)) && levelAt(ts, i, e):
			// "compare it to the licence pic at 90%": a percentage in a sentence about
			// the comparison is its threshold, as a fraction is, when it is said as a
			// level ("at 90%") that closes its clause; not a share of something
			// ("catches 30% more fraud", "the 5% of users flagged", "only 6% fail")
			s.threshold = n / 100
		case (n > 0 && n < 1 || unit == "percent" && n > 1 && n <= 100) && onlyNumber(ts, i, e):
			// "selfie and compare it with the ID photo (0.9)": a share said alone in a
			// clause of its own is a threshold, the one setting a share can be;
			// applySettings gives it to the comparison before it
			s.threshold, s.lone = n, true
			if n > 1 {
				s.threshold = n / 100
			}
		}
	}
	if i := index(ts, "challenge"); i >= 0 {
		s.challenge = true
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if negationLemmas[ts[j].w] {
				s.challenge, s.noChallenge = false, true // "no liveness challenge"
			}
		}
		// "liveness challenge off", "requireLivenessChallenge=false": the value
		// after it turns it off
		if i+1 < len(ts) && lex.offValue[ts[i+1].raw] && (ts[i+1].eq || ts[i+1].raw == "off" || ts[i+1].raw == "false" || ts[i+1].raw == "disabled") {
			s.challenge, s.noChallenge = false, true
		}
	}
	// "automatic mode", "single capture": how the document scan captures (lexicon: scanModeWords)
	for i, t := range ts {
		if m := lex.scanMode[t.raw]; m != "" && (i+1 < len(ts) && lex.modeNoun[ts[i+1].raw] || i > 0 && lex.modeNoun[ts[i-1].raw]) &&
			!(i > 0 && negationLemmas[ts[i-1].w]) && // "no automatic mode" asks for the other one, said beside it
			// "single-shot capture rather than automatic mode", "manual instead of auto capture": the mode set aside
			!(i > 1 && (ts[i-2].raw == "rather" && ts[i-1].raw == "than" || ts[i-2].raw == "instead" && ts[i-1].raw == "of")) &&
			!(i > 2 && ts[i-1].raw == "for" && ts[i-3].raw == "too") { // "phones are too slow for auto-capture": the mode they cannot use
			s.scanMode = m
		}
	}
	// "camera only", "no microphone", "not the mic", "mic=false"
	for i, t := range ts {
		if t.w != "microphone" {
			continue
		}
		if i+1 < len(ts) && ts[i+1].eq && lex.offValue[ts[i+1].raw] {
			s.noMic = true
		}
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if negationLemmas[ts[j].w] || lex.micOffVerb[ts[j].raw] {
				s.noMic = true // ("turn off the mic", "disable the microphone")
			}
		}
		if i+1 < len(ts) && ts[i+1].raw == "off" {
			s.noMic = true // "turn the mic off", "mic off"
		}
	}
	for i, t := range ts {
		// "camera only", "only the camera", "camera permission only": "only" at most one word from it
		// ("we only need the camera", "only want the camera": a verb of need between)
		if t.w == "camera" && (i+1 < len(ts) && ts[i+1].w == "only" || i+2 < len(ts) && ts[i+2].w == "only" && ts[i+1].w == "permission") || t.w == "only" && i+2 < len(ts) && ts[i+2].w == "camera" ||
			t.w == "only" && i+3 < len(ts) && ts[i+3].w == "camera" && lex.needVerb[ts[i+1].raw] && ts[i+2].raw == "the" {
			if !has(ts, "microphone") {
				s.noMic = true
			}
		}
	}
	return s
}

// keyValue sets the setting a key names from the value written after its "="
// ("len=6", "maxAttempts=5", "expiry=600s", "expiry=10m"); it reports whether the
// key named one and the value fits it.
func keyValue(s *stepSettings, key string, t token, n float64, unit string) bool {
	whole := n == math.Trunc(n)
	switch key {
	case "length":
		if whole && n >= 4 && n <= 8 {
			s.otpLen = int(n)
			return true
		}
	case "threshold":
		if n > 1 && n <= 100 {
			n /= 100 // "similarity=85": a percentage
		}
		if n > 0 && n <= 1 {
			s.threshold = n
			return true
		}
	case "attempts":
		if whole && n >= 1 && n <= 20 {
			s.attempts = int(n)
			return true
		}
	case "expiry":
		if lex.periodUnit[unit] {
			return false // "Passport expiry: 6 months": a document's validity, no code's
		}
		switch {
		case unit == "minute":
			n *= 60 // "expiry=45min", "ttl: 45 minutes": the unit says
		case unit == "hour":
			n *= 3600
		case unit == "second":
		case strings.HasSuffix(t.orig, "m") && t.kilo:
			n = n / 1e6 * 60 // "10m": minutes, read by the tokenizer as millions
		case strings.HasSuffix(t.orig, "s") || n >= 30:
			// "600s", "600": seconds, as the node's expirySeconds counts
		default:
			n *= 60 // "expiry=10": a handful is minutes
		}
		if n >= 30 && n <= 86400 {
			s.expiry = int(n)
			return true
		}
	}
	return false
}

// failedBefore: a word before i says how a code failed ("if it's wrong twice",
// "if they fail it twice", "if incorrect otp entered twice").
func failedBefore(ts []token, i int) bool {
	for j := range i {
		if ts[j].in(hCondFail) || ts[j].in(hCondBad) || lex.typedIn[ts[j].raw] || phraseAt(ts, j, lex.failPhrase) {
			return true
		}
	}
	return false
}

// numberAt reads a number token or a number word ("eight", "ten") at i, and
// how many tokens it spans ("twenty-one" is two).
func numberAt(ts []token, i int) (float64, int, bool) {
	t := ts[i]
	if t.isNum && t.cur == "" && !t.kilo {
		return t.num, 1, true
	}
	if n, ok := numberWords[t.raw]; ok {
		if n >= 20 && n%10 == 0 && i+1 < len(ts) && numberWords[ts[i+1].raw] >= 1 && numberWords[ts[i+1].raw] <= 9 {
			return float64(n + numberWords[ts[i+1].raw]), 2, true // "twenty one", "twenty-one"
		}
		return float64(n), 1, true
	}
	return 0, 0, false
}

// levelAt: the number from i to e, with its percent sign, is said as a level
// ("at 90%", "to 95%."): a link word before it and the clause closing after it.
func levelAt(ts []token, i, e int) bool {
	return i > 0 && lex.linkWord[ts[i-1].raw] && (e+2 >= len(ts) || ts[e+2].raw == "")
}

// onlyNumber: the clause holds nothing but the number from i to e, its
// percent sign, link words and a word of politeness ("(0.9)", "at 90%",
// "(0.85 pls)").
func onlyNumber(ts []token, i, e int) bool {
	for j, t := range ts {
		if j >= i && j <= e || j == e+1 && t.w == "percent" || lex.linkWord[t.raw] || lex.polite[t.raw] {
			continue
		}
		return false
	}
	return true
}

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
	"ninety": 90,
}

// countWord is the number a word says, in figures ("2") or in words ("two"), or 0.
func countWord(w string) int {
	if n, err := strconv.Atoi(w); err == nil && n > 0 {
		return n
	}
	return numberWords[w]
}

// hasSetting is a cheap test before readSettings: a number or a unit word.
func hasSetting(ts []token) bool {
	for i, t := range ts {
		if t.raw == "one" && i > 0 && ts[i-1].in(hDeterminer) {
			continue // "just change that one", "the email one": a step, not a count
		}
		if t.isNum || t.eq || numberWords[t.raw] > 0 || t.in(hFailTimes) || t.w == "challenge" || t.w == "microphone" || t.w == "camera" || strings.HasPrefix(t.w, "threshold") || lex.scanMode[t.raw] != "" {
			return true
		}
	}
	return false
}

// namedBefore: one of words (lemmas) names the number at i, at most four
// link words before it ("threshold 0.9", "a threshold of 90", "the face match
// to 0.92", "compare at 0.85", "a similarity of at least 0.85", "a threshold of no
// less than 0.85", "threshold should be exactly 0.75").
func namedBefore(ts []token, i int, words ...string) bool {
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		if slices.Contains(words, ts[j].w) {
			return true
		}
		if !lex.linkWord[ts[j].raw] {
			return false
		}
	}
	return false
}

// pastValue: the number at i, with its unit after it, is told of as what was:
// a past "be" right after the unit or after one noun it qualifies ("6 digit ones
// were too easy", "6 digits was too short", "the 4 digit codes were guessed";
// not "a 6-digit code sent to it", a participle of what the flow does, nor
// "6 digits was fine", a value approved).
func pastValue(ts []token, i int) bool {
	for j := i + 2; j < len(ts) && j <= i+3; j++ {
		if lex.pastBe[ts[j].raw] {
			// ("6 digits was fine", "… was what ops asked": the value kept)
			return !(j+1 < len(ts) && lex.pastFine[ts[j+1].raw])
		}
		if ts[j].raw == "got" {
			// "the 6-digit ones got flagged": left behind; "8 digits got
			// approved", "6 digits got the best completion rate": kept
			return j+1 < len(ts) && (lex.pastBad[ts[j+1].raw] || ts[j+1].w == "fail" || lex.turnAway[ts[j+1].raw])
		}
		if ts[j].isNum || lex.linkWord[ts[j].raw] {
			return false
		}
	}
	return false
}

// keyBefore is the setting a value written after "=", ":" or "->" at i is
// given to: the key right before it ("attempts: 5"), or one a few words back
// with the step it belongs to between ("max attempts on the text code -> 5",
// "expiry for the email code: 10 minutes"); no number may stand between.
// keyRightBefore: the word right before the number i is a setting's key
// (settingKeyWords) written as in a config with no "=" or ":" ("ttl 5m",
// "expiry 90s", "threshold 0.85"): the number is its value.
//
// Not when another thing owns the setting a few words around ("session ttl
// 10m", "ttl 5m for the session link", settingOtherOwnerWords): the flow has
// no setting of a session's, and the code keeps its own.
func keyRightBefore(ts []token, i int) bool {
	if i == 0 || !ts[i].isNum || lex.settingKey[ts[i-1].raw] == "" {
		return false
	}
	for k := max(0, i-3); k < min(len(ts), i+5); k++ {
		if settingOtherOwnerSet[ts[k].raw] {
			return false
		}
	}
	return true
}

func keyBefore(ts []token, i int) string {
	other := false // a word of another step's between the key and the value
	for j := i - 1; j >= 0 && j >= i-6; j-- {
		if k := lex.settingKey[ts[j].raw]; k != "" {
			if (k == "attempts" || k == "expiry" || k == "length") && (other || j > 0 && lex.keyOtherStep[ts[j-1].w]) {
				return "" // "Attempts at liveness: 2", "Document expiry: 6 months"
			}
			return k
		}
		if ts[j].isNum || ts[j].w == "." {
			return ""
		}
		other = other || lex.keyOtherStep[ts[j].w]
	}
	return ""
}

// sessionClock: the clause times the session itself, not a code
// (sessionClockWords).
func sessionClock(ts []token) bool {
	if !hasAnyRaw(ts, lex.sessionClock) || has(ts, "code") || hasAnyRaw(ts, lex.sessionClockCode) {
		return false
	}
	for _, t := range ts {
		switch {
		case lex.sessionClock[t.raw]:
			return true // "the session must expire after 5 minutes"
		case lex.sessionClockValid[t.raw]:
			return false // "valid for 10 minutes per session": the code's
		}
	}
	return true
}

// timesSession: the clause gives the session itself a time ("the session
// must time out after 5 minutes"), which no step takes.
func timesSession(ts []token) bool {
	return sessionClock(ts) && slices.ContainsFunc(ts, func(t token) bool { return t.w == "minute" || t.w == "second" || t.w == "hour" })
}

// attemptsNamed: the attempts are named a few words before the number at i,
// with no other number between ("bump max attempts on the code to 5").
func attemptsNamed(ts []token, i int) bool {
	for j := i - 2; j >= 0 && j >= i-8; j-- {
		if ts[j].isNum {
			return false
		}
		if ts[j].w == "attempt" || ts[j].in(hAttemptNoun) {
			return true
		}
	}
	return false
}

// settingForOther: the shorthand value at e is said of a step other than a
// code ("timeout 30s on liveness", "ttl 2m for the face scan"): it sets no
// code's setting (the liveness check has no timeout of its own).
func settingForOther(ts []token, e int) bool {
	for j := e + 1; j < len(ts) && j <= e+2; j++ {
		if ts[j].raw == "on" || ts[j].raw == "for" || ts[j].raw == "of" {
			steps := analyze(ts[j+1:min(j+4, len(ts))], nil).steps
			return len(steps) > 0 && !slices.ContainsFunc(steps, func(s *step) bool { return isCodeKind(s.k) })
		}
	}
	return false
}
