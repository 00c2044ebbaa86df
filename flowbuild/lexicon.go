package flowbuild

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/flowbuild/internal/english"
)

// The lexicon maps the many ways people name a step onto a small set of lemmas, so
// that the rules in parse.go reason about meaning ("recognize") and not about the
// spelling a user happened to choose ("recognise", "recognised", "reconize").

// lexGroups: lemma → surface forms. A surface form also matches with the usual
// English endings removed (see lemma), so only irregular forms need listing.
var lexGroups = map[string][]string{
	// verification steps
	"liveness":   {"liveness", "alive", "deepfake", "deepfakes", "spoof", "spoofing", "spoofed", "antispoofing", "antispoof", "liveliness", "livenesscheck", "bot", "bots", "robot", "robots", "pad", "presentationattack"}, // "PAD": presentation attack detection, the standards' name for a liveness check
	"live":       {"live"},
	"real":       {"real", "genuine", "actual"},
	"person":     {"person", "human", "individual", "people"},
	"recognize":  {"recognize", "recognise", "recognition", "recognizes", "recognised", "recognized", "recognizing", "recognising", "reidentify", "onetomany", "faceidentification", "recog", "facerec"},
	"search":     {"search", "find", "lookup", "searching", "searches", "locate", "know", "belong", "belongs", "seen"},
	"identify":   {"identify", "identifies", "identified", "identifying"},
	"compare":    {"compare", "compared", "comparing", "comparison", "crosscheck", "crosschecks", "onetoone", "comparision", "comparisson"},
	"match":      {"match", "matches", "matched", "matching", "matchup", "lineup", "correspond", "corresponds", "tally", "tallies", "consistent", "equal", "equals", "equivalent"},
	"against":    {"against", "versus", "vs"},
	"same":       {"same", "identical"},
	"scan":       {"scan", "scanned", "scanning", "capture", "captured", "capturing", "photograph", "snap", "shoot", "upload", "uploaded", "uploading"},
	"take":       {"take", "took", "taken", "taking"},
	"selfie":     {"selfie", "headshot", "selfies", "selfy", "selfi"},
	"face":       {"face", "facial", "faces"},
	"photo":      {"photo", "picture", "image", "pic", "snapshot", "portrait", "likeness"},
	"oval":       {"oval", "overlay"},
	"document":   {"document", "doc", "identification", "paperwork"},
	"passport":   {"passport"},
	"license":    {"license", "licence", "dl"},
	"licensed":   {"licensed", "licenced", "unlicensed", "unlicenced", "licensing", "licencing"}, // "our doctors are only licensed in California": a permission, no document (its own lemma, so the ending is not cut to "license")
	"driver":     {"driver", "drivers", "driving"},
	"id":         {"id", "ids"},
	"card":       {"card"},
	"permit":     {"permit"},
	"brp":        {"brp", "brps"}, // a UK biometric residence permit: "passport or BRP"
	"residence":  {"residence", "residency"},
	"visa":       {"visa"},
	"government": {"government", "governmentissued", "gov", "govt", "official", "national"},
	"email":      {"email", "mail", "inbox", "inboxes", "mailbox", "mailboxes", "emailed", "emailing"},
	"coding":     {"coding", "coder", "coders", "programming"},                                                     // "a kids' coding school": programming, no code to send ("coding" is no form of "code")
	"webmail":    {"gmail", "googlemail", "hotmail", "outlook", "yahoo", "icloud", "protonmail", "aol", "webmail"}, // a kind of address ("not a personal gmail one"), not the channel ("gmail" is no typo of "mail")
	"address":    {"address"},
	"code":       {"code", "otp", "passcode", "onetime", "pin", "passcodes", "2fa", "mfa", "twofactor", "otps"},
	// "a plain SMS code (not TOTP / authenticator app)": an authenticator app's
	// code, which FaceSign does not send; its own lemma, so that ruling it out
	// leaves the SMS or email code (and it is no typo of "otp"). "authenticator"
	// is the app, not a typo of "authenticate": "our authenticator app lets
	// users move to a new phone" asks to verify nothing.
	"totp":       {"totp", "hotp", "authenticator", "authenticators"},
	"sms":        {"sms", "text", "texted", "texting", "txt", "textmessage"},
	"message":    {"message"},
	"phone":      {"phone", "mobile", "cell", "cellphone", "smartphone"},
	"number":     {"number"},
	"permission": {"permission", "perms", "perm", "consent", "access", "allow", "grant", "enable", "authorize", "authorise"},
	"camera":     {"camera", "webcam", "cam"},
	"microphone": {"microphone", "mic", "audio"},
	"ask":        {"ask", "question", "query", "quiz", "interview", "inquire", "enquire", "chat", "conversation", "conversational", "talk", "discuss", "dialogue", "dialog"},
	"confirm":    {"confirm", "confirmation", "reconfirm"},
	"explain":    {"explain", "tell", "inform", "describe", "state", "say", "remind", "mention", "told", "said", "warn"}, // ("the avatar warns them that …")
	"advise":     {"advise", "suggest", "recommend", "encourage", "urge"},                                                // "the avatar suggests they ask a parent": advice the avatar gives
	"coercion":   {"coercion", "coerced", "coerce", "pressure", "duress", "forced", "scam", "scammed", "scammer", "manipulated", "manipulation", "willingly", "voluntarily", "unwillingly", "willing", "willingness", "coaching", "coached"},
	"greet":      {"greet", "greeting", "hello", "hi", "hey", "introduce", "introduction", "intro", "salute"},
	"welcome":    {"welcome"},
	"goodbye":    {"goodbye", "bye", "farewell", "closing", "outro", "signoff", "sendoff"},
	"thank":      {"thank", "thanks"},
	"validate":   {"validate", "validation"},
	"verify":     {"verify", "verification", "check", "ensure", "authenticate", "authentication", "prove", "proof", "test", "detect", "detection", "determine", "assess", "screen"},
	// "mobile check-in", "self check-in kiosk": a guest arriving, the flow's
	// purpose; known, so typo correction does not read it as "check" (verify)
	"checkin": {"checkin", "checkins", "checkedin"},
	// "the new clock-in system": staff recording their hours, one word, so
	// that its "in" is no "in" of a search ("in our database")
	"clockin": {"clockin", "clockins", "clockout", "clockouts"},
	// "check the licnese hasnt expried": known, so that a typo of it is read
	// as the word (the expiry check's rule reads the word as written)
	"expired": {"expired"},
	// "scan a Dutch passport", "the avatar speaks Greek": a nationality or a
	// language (issuerWords, langCodes read the word as written); known, so
	// that it is no typo of another word ("dutch" of "ditch", "greek" of "greet")
	"nation":   {"british", "american", "european", "scottish", "irish", "german", "spanish", "italian", "dutch", "belgian", "swiss", "austrian", "portuguese", "swedish", "danish", "norwegian", "finnish", "greek", "canadian", "australian", "mexican", "brazilian", "indian", "japanese", "chinese"},
	"age":      {"age", "aged"},
	"old":      {"old", "older", "elder", "young", "younger", "youngest"},
	"adult":    {"adult", "grownup", "majority", "ofage"},
	"minor":    {"minor", "underage", "kid", "child", "teen", "teenager"},
	"birth":    {"birth", "birthday", "dob", "born", "birthdate"},
	"year":     {"year", "yr", "yrs"},
	"enrolled": {"enrolled", "registered", "known", "biometric", "biometrics", "database", "existing", "returning", "template", "previously", "stored", "reference", "record", "records", "profile", "file", "already", "system", "db", "userbase"},
	"enroll":   {"enroll", "enrol", "enrollment", "enrolment", "register", "registration", "onboard", "onboarding", "signup"},
	"provide":  {"provide", "provided", "supply", "supplied", "given", "give", "provideddata", "gave"},
	"collect":  {"collect", "gather", "type", "enter", "input", "fill", "submit", "obtain", "request", "get", "write", "key"},
	"send":     {"send", "sent", "deliver", "dispatch"},
	// the verbs of a change (edit.go): their own lemmas, listed so that a typo of
	// one ("remvoe", "replcae") is read as the verb
	"remove":  {"remove"},
	"delete":  {"delete"},
	"replace": {"replace"},
	"insert":  {"insert"},
	"move":    {"move"},
	"swap":    {"swap"},
	"switch":  {"switch"},
	// a place of a change, listed for the same reason ("ad a dcoument scan in
	// bettween those two")
	"between": {"between"},
	// units of settings (settings.go)
	"digit":     {"digit", "digits", "character", "characters", "char", "chars", "figure", "figures"},
	"minute":    {"minute", "minutes", "min", "mins"},
	"second":    {"seconds", "sec", "secs"},
	"hour":      {"hour", "hours", "hr", "hrs"},
	"attempt":   {"attempt", "attempts", "try", "tries", "guess", "guesses", "times"},
	"threshold": {"threshold", "similarity", "confidence", "cutoff"},
	"challenge": {"challenge", "challenges", "livenesschallenge", "requirelivenesschallenge"}, // ("face scan - requireLivenessChallenge ON": the field's own name)
	// negation and exclusivity
	"no":          {"no", "not", "dont", "doesnt", "never", "none", "nor", "neither", "shouldnt", "mustnt", "wont", "cant", "isnt", "arent", "didnt", "cannot", "nobody", "noone", "wasnt", "werent", "couldnt"},
	"without":     {"without", "minus", "except", "excluding", "exclude", "omit", "omitting", "avoid", "skip", "skipping", "drop", "ditch", "ditching", "scrap", "scrapping", "bin", "binning", "nix"},
	"instead":     {"instead", "rather"},
	"only":        {"only", "just", "solely", "merely", "purely", "alone"},
	"nothing":     {"nothing"},
	"else":        {"else", "other", "more", "additional", "extra"},
	"need":        {"need", "needed", "require", "required", "necessary", "needful", "mandatory"},
	"unnecessary": {"unnecessary", "optional", "unneeded", "superfluous"},
	"forget":      {"forget", "forgot", "miss"},
	// order
	"first":   {"first", "firstly", "initially", "beforehand", "upfront"},
	"then":    {"then", "next", "afterwards", "afterward", "subsequently", "thereafter"},
	"finally": {"finally", "lastly", "last", "final", "eventually", "ultimately"},
	"before":  {"before", "prior", "ahead", "preceding", "precede"},
	"after":   {"after", "following", "once", "follow", "followed"},
	"start":   {"start", "beginning", "begin", "began", "outset", "top", "kick", "kickoff", "open", "opening"},
	"end":     {"end", "finish", "finishing", "conclude", "conclusion", "close", "bottom", "wrap", "ending"},
	"later":   {"later", "future", "subsequent", "upcoming", "someday"},
	"again":   {"again", "another", "second", "twice", "retry", "reattempt", "redo", "resend", "resends", "resent", "resending"},

	// the place before the last step ("second to last", "the one before
	// last": joins makes them one word)
	"penultimate": {"penultimate"},

	// failure handling
	"fail":   {"fail", "failure", "unsuccessful", "otherwise", "reject", "rejected", "deny", "denied", "decline", "declined", "fails", "error"},
	"pass":   {"pass", "passes", "succeed", "success", "successful", "ok", "okay", "approved"},
	"human":  {"agent", "support", "operator", "staff", "representative", "specialist", "manual", "escalate", "reviewer", "review", "team", "helpdesk", "humans"},
	"polite": {"polite", "politely", "gracefully", "kindly", "apologize", "apologise", "apology"},
}

// defaultDocTypes: what a document scan accepts when the text names no type.
var defaultDocTypes = []string{"passport", "id", "dl"}

// boundWordTable is the one table of the words that name a bound a change can
// take off a step, read by resetSetting (a scan's document restriction back
// to the default) and clearBounds (an attempt cap or an expiry taken off)
// alike (edit.go, readBound). A word's senses:
//   - bwItem: it names a bound in an item of a removal's list ("remove the
//     attempt cap on the SMS code", "drop the SMS code's expiry");
//   - bwHead: it heads a limit a whole clause takes off ("drop the 2-attempt
//     limit", "remove the passport-only restriction"), the words before it
//     saying which limit;
//   - bwTime: the bound is the code's lifetime ("the expiry limit", "the
//     SMS code's timeout"), any other is its attempt limit;
//   - bwDoc: after a document type it names the scan's restriction to it
//     without "only" ("lift the passport restriction").
var boundWordTable = map[string]boundSense{
	"limit": bwItem | bwHead, "limits": bwItem | bwHead, "cap": bwItem | bwHead, "caps": bwItem,
	"max": bwItem, "maximum": bwItem | bwHead,
	"restriction": bwHead | bwDoc, "restrictions": bwHead | bwDoc, "constraint": bwHead | bwDoc,
	"expiry": bwItem | bwTime, "expiration": bwItem | bwTime, "timeout": bwItem | bwTime, "timeouts": bwItem,
	"ttl": bwItem | bwTime, "lifetime": bwItem | bwTime, "validity": bwTime, "time": bwTime,
}

// bareRestrictionLead: a restriction's noun with no document type before it
// names the scan's document restriction only when the words before it are
// these (a determiner, a verb taking it off, or a word naming the scan or its
// documents): "the restriction", "the document restriction", "the scan's
// restriction"; "the age restriction", "the country restriction" name a
// limit no scan carries (rvC19 #1). bareRestrictionOn: after the noun, these
// say what the restriction is on, which must then name a step ("the
// restriction on the ID scan"; "on age", "on retries" name none).
var (
	bareRestrictionLead = wordSet([]string{"the", "a", "an", "this", "that", "these", "those", "its", "their", "any", "all", "every", "whole",
		"document", "documents", "doc", "docs", "scan", "scans", "scanning", "type", "types"})
	bareRestrictionOn = wordSet([]string{"on", "of", "around", "about", "regarding", "over", "against"})
)

// unwantedLimitWords, before a restriction's noun, say it is not wanted ("no
// passport restriction", "without the passport restriction", "we don't need /
// want the passport restriction"): taking it off, never the scan it is on
// (rvC19 #6); a negation (negAux) counts before one of wantLimitWords.
var (
	unwantedLimitWords = wordSet([]string{"no", "without"})
	wantLimitWords     = wordSet([]string{"need", "needs", "want", "wants", "require", "requires"})
)

// permitVerb: a verb of letting someone do a thing; negated before an
// exclusion ("don't let new users skip the ID scan") it asks for the step
// (parse.go, permittedExclusion).
var permitVerb = wordSet([]string{"let", "lets", "allow", "allows", "permit", "permits"})

// boundSense: what a word of boundWordTable says of a bound (bwItem, ...).
type boundSense uint8

const (
	bwItem boundSense = 1 << iota
	bwHead
	bwTime
	bwDoc
)

// boundWordsWith are boundWordTable's words with the sense s.
func boundWordsWith(s boundSense) []string {
	var ws []string
	for w, ss := range boundWordTable {
		if ss&s != 0 {
			ws = append(ws, w)
		}
	}
	return ws
}

// liftVerbWords take a limit off as a removal verb does ("lift the
// licence-only restriction", "relax the attempt cap"), said of a limit only.
var liftVerbWords = []string{"lift", "lifts", "relax", "loosen", "waive", "ease"}

// settingsNounWords after "same" give a step another's settings ("an email code
// with the same settings", parse.go sameSettings).
var settingsNounWords = []string{"settings", "setting", "config", "configuration", "parameters", "params", "limits", "rules", "setup"}

// resetBlockWords before a limit's noun keep resetSetting from taking the
// limit off ("don't remove the attempt limit", "never lift the cap"): the
// negation says the limit stays.
var resetBlockWords = []string{"not", "never", "no", "n't", "don't", "do not", "without", "keep"}

// resetListWords join a limit to other things removed ("remove the attempts
// cap and the SMS code"): a removal list, read by the list's own rules.
var resetListWords = []string{"and", "&", "plus", "also", "too", "as"}

// resendVerbWords ask for a code again ("resend it one time"): a word for a
// retry, so "one time" after them counts one more try (extraTries).
var resendVerbWords = []string{"resend", "resends", "resent", "resending"}

// passVerdictWords name a check's passing verdict before an arrow ("match ->
// send an SMS code"), and verdictFillerWords the words that may stand beside
// it ("it's a match ->", "if they match ->" is a condition already).
var (
	passVerdictWords   = []string{"match", "matches", "matched", "pass", "passes", "passed", "success", "succeeds", "ok", "okay"}
	verdictFillerWords = []string{"a", "it", "it's", "its", "is", "they", "the", "face", "faces", "on"}
)

// matchCueWords name a comparison before a match's verdict ("compare it with
// the selfie. Not a match -> …"): only then is the verdict a branch (arrowVerdict).
var matchCueWords = []string{"compare", "compares", "compared", "comparing", "comparison", "match", "matches", "matching", "matched"}

// boundScopeTable: the words after a bound's noun that narrow its removal to
// some users or cases ("waive the attempt limit for returning users", "…
// when they're on wifi", "if the user is a returning customer"), which a
// step's one setting can't say. true: the word opens a group or case; false:
// it opens an exception of steps ("except", "only"), which clearBounds reads
// as items of its list and resetSetting as a scope all the same.
// untoldCaseLeadWords open the case of the user's a change leaves a step out
// in ("if the user is a returning customer, no OTP", "skip liveness for
// returning customers", "don't send the code to new users"): edit.go,
// untoldCase.
var untoldCaseLeadWords = []string{"if", "where", "when", "whenever", "for", "unless", "to"}

var boundScopeTable = map[string]bool{
	"for": true, "when": true, "whenever": true, "if": true, "unless": true, "during": true, "while": true,
	"except": false, "only": false,
}

// thirdPersonVerbs open a clause after "and" (instructionVerbs) unless the
// clause before says what the app already does outside the flow ("our app
// already verifies the email and does the ID scan at signup"): then they go on
// with its subject (parse.go, splitClauses).
// They are instructionVerbs too (added to it in init).
var (
	thirdPersonWords = []string{"does", "runs", "performs"}
	thirdPersonVerbs = wordSet(thirdPersonWords)
)

func init() { maps.Copy(instructionVerbs, thirdPersonVerbs) }

// exclusionListWords name the enrolled faces a recognition searches as people
// to turn away ("banned members", "self-excluded players", "enrolled
// fraudsters"): build.go refuses a flow that does not keep them apart from
// everyone else (namesExclusionList, splitsListed).
// A word of exclusionPeopleWords names people only beside a word of
// userWords or of exclusionNearWords ("excluded members", "self-excluded
// players", "the exclusion list"); "SMS is excluded" names no one.
var (
	exclusionListWords   = []string{"banlist", "blacklist", "blacklisted", "denylist", "denylisted", "fraudster", "fraudsters", "watchlist", "blocklist", "blocklisted"}
	exclusionPeopleWords = []string{"banned", "barred", "excluded", "exclusion", "blocked", "ban"}
	exclusionNearWords   = []string{"member", "player", "persons", "list", "database", "register", "registry", "roster", "enrolled", "gamblers", "self"} // (beside userWords)
)

// pointerWords point back at what was just said: backRefWords and the
// demonstratives ("scan that first", "say it again", "make this 4").
var (
	pointerWords = slices.Concat(backRefWords, []string{"that", "this"})
	pointerSet   = wordSet(pointerWords)
)

// permissionNounWords name the permission step itself, in full or in the
// shorthand of engineers ("no perms popup needed", "perms -> LV"); other words
// of the lemma ("consent", "access", "allow") need a camera or a microphone
// beside them (rules.go).
var permissionNounSet = wordSet([]string{"permission", "permissions", "perms", "perm"})

// recognitionNounWords name the recognition step itself, not a state of the
// user: "not recognition", "NOT 1:N" rule the step out, where "not
// recognised" names the users it does not find (conditions.go).
var recognitionNounSet = wordSet([]string{"recognition", "recog", "facerec", "onetomany", "faceidentification"})

var exclusionListSet, exclusionPeopleSet, exclusionNearSet = wordSet(exclusionListWords), wordSet(exclusionPeopleWords), wordSet(exclusionNearWords)

// glossCondWords in a bracket after the avatar's question make it a condition
// meant for the builder ("(over 10k only)", "(if asked)", "(UK only)"), not a
// gloss the avatar says with the question (glossOfLine).
var glossCondSet = wordSet([]string{"only", "if", "unless", "when", "whenever", "over", "under", "above", "below", "except", "excluding", "optional"})

// instructionVerbs start a new instruction after "and" (parse.go, splitClauses).
var instructionVerbs = map[string]bool{
	"scan": true, "take": true, "compare": true, "match": true, "recognize": true, "identify": true, "verify": true,
	"validate": true, "ask": true, "confirm": true, "explain": true, "greet": true, "welcome": true, "send": true,
	"collect": true, "have": true, "make": true, "do": true, "run": true, "perform": true, "use": true, "include": true,
	// (and thirdPersonWords: "the subscriber scans their ID and does a selfie match": said of the user)
	"add": true, "finish": true, "end": true, "then": true, "let": true, "require": true, "need": true, "say": true,
	"thank": true, "goodbye": true, "finally": true, "email": true, "sms": true, "capture": true, "if": true,
	"otherwise": true, "once": true, "after": true, "before": true, "liveness": true, "later": true, "dont": true,
	"no": true, "without": true, "only": true, "we": true, "well": true, "they": true, "theyll": true,
	"you": true, "youll": true, "go": true, "jump": true, "proceed": true, "move": true, "continue": true,
	// verbs that start a setting: "only allow passports and set the threshold to 0.85"
	"set": true, "allow": true, "accept": true, "raise": true, "lower": true, "increase": true, "reduce": true,
	"extend": true, "shorten": true, "limit": true, "cap": true, "bump": true, "push": true,
	"put":     true,                   // "send a code and put a liveness check in front of it"
	"receive": true, "receives": true, // "they put their mail and receive a code": what reaches them is a step of its own
}

// Age words (parse.go, ageAt): what makes a number an age.
var (
	ageUnitWords    = []string{"years", "year", "yrs", "yo"}                                                                                                                   // "18 years"
	ageSubjectWords = []string{"they", "theyre", "user", "holder", "customer", "customers", "users", "person", "is", "be", "are"}                                              // "they must be at least 18"
	ageLemmaWords   = []string{"age", "old", "adult", "minor", "birth"}                                                                                                        // lemmas that talk about age
	ageTopicWords   = []string{"drinking", "alcohol"}                                                                                                                          // topics that do
	ageBeforeWords  = []string{"over", "above", "older", "least", "than", "aged", "age", "minimum", "min", "past", "turned", "reached", "under", "below", "enough", "between"} // a word before an age
)

// integratorWords name the developer's own side after a telling verb: "the face
// has to tell us who it is", "just tell me" are told to the integrator (by the
// session's result, or by the assistant), no line the avatar says.
var integratorWords = []string{"us", "me"}

// identitySubjectWords, after "who" and before "is", ask which person someone is
// ("tell us who it is out of everyone enrolled", "work out who this is").
var identitySubjectWords = []string{"it", "this", "that", "he", "she"}

// typicalWords before an age say what the users usually are ("our callers are
// mostly over 70", "members tend to be over 60"): who they are, no limit the
// flow checks.
var typicalWords = []string{"mostly", "mainly", "largely", "usually", "typically", "generally", "predominantly", "often", "tend", "tends"}

// partitiveWords before the users and a negation say it is true of some of them
// ("some people won't want to do the selfie"): a fact a branch may handle, not a
// step ruled out for everyone.
// ("most of them don't have a passport anymore", "half our members don't"):
// a share of them, however large.
var partitiveWords = []string{"some", "few", "several", "certain", "most", "many", "half", "lot", "lots"}

// nothingWithWords between "nothing" and a step rule that step out ("nothing with
// documents please", "nothing involving SMS").
var nothingWithWords = []string{"with", "involving", "using", "requiring", "needing"}

// reflexiveWords after a verb of speech name the speaker ("the avatar introduces
// herself — "Hi, I'm Noor …""): the line still follows the verb.
var reflexiveWords = []string{"herself", "himself", "itself", "themselves", "themself", "yourself"}

// addressees name the person the avatar speaks to, after "tell", "ask", "explain to".
var addressees = slices.Concat(plainAddresseeWords, []string{"caller", "member", "applicant", "patient", "guest",
	"parent", "guardian", "claimant", "policyholder", "student", "candidate", "driver", "rider", "tenant", "renter", "visitor", "traveller", "traveler", "passenger", "employee", "player", "seller", "buyer", "shopper", "borrower", "subscriber", "host"})

// plainAddresseeWords name the person the avatar speaks to as no more than
// the session's user: the avatar's lines say "the user" for them. Any other
// addressee ("asks the parent to confirm", "tells the driver") is the role the
// user plays, which the lines name (plan.whom).
var plainAddresseeWords = []string{"them", "him", "her", "user", "users", "customer", "customers", "client", "clients", "person", "people", "folks", "you"}

// dataFields name a field of the user's data: "the name matches", "same date of birth".
// docDataNounWords and docDataLinkWords: "validate the data extracted from
// the document", "check the details on the ID": the document is where the
// data comes from (rules.go's docDataOf), read with the scan the flow has,
// not a scan of its own or a place for it.
var (
	docDataNounWords = []string{"data", "details", "information", "info", "fields", "values"}
	docDataLinkWords = []string{"extracted", "from", "on", "in", "of", "read", "off", "taken", "pulled", "scanned", "the", "that", "this", "their", "his", "her", "its", "same"}
)

var dataFields = []string{"name", "surname", "firstname", "lastname", "birth", "dob", "birthdate", "address", "number", "nationality", "details", "data", "info", "information"}

// Condition words (conditions.go): what opens a condition, what names a new or
// a known user, a failure, the main path again.
var (
	condIfWords      = []string{"if", "when", "whenever", "unless", "given", "where", "for", "anyone", "anybody", "whoever", "should", "in", "case", "on"}
	forVerbWords     = []string{"ask", "asks", "asking", "wait", "waits", "waiting", "look", "looks", "looking", "search", "request", "prompt", "pay", "apply", "call"}                   // "don't ask for their email": "for" is the verb's object, not a condition ("for new users")
	condNewWords     = []string{"new", "unknown", "unrecognised", "unrecognized", "unregistered", "unenrolled", "firsttime", "newcomers", "newcomer", "strangers", "newuser", "newusers"} // "newUser": recognition's outcome, as pseudo-code names it
	newcomerWords    = []string{"firsttime", "newcomers", "newcomer", "strangers", "newuser", "newusers"}                                                                                 // a group of new users by itself, with no "users" after it
	condKnownWords   = []string{"known", "returning", "existing", "recognised", "recognized", "registered", "enrolled"}
	quantifierWords  = []string{"the", "all", "any", "our", "every"}  // "all returning users …": the group follows
	entryFields      = []string{"email", "phone", "phoneNumber"}      // data_validation fields the user types in, not read from a document
	chanceLeadWords  = []string{"second", "another", "more", "extra"} // "a second try", "one more attempt"
	chanceNounWords  = []string{"try", "chance", "attempt", "go", "shot", "tries", "chances", "attempts", "shots"}
	retryWords       = []string{"retry", "retries", "retrying", "reattempt", "redo", "again"}                                                                                                                                                                                                                                             // a retry asked for in so many words
	paymentNouns     = map[string]string{"withdrawal": "withdrawal", "withdrawals": "withdrawal", "withdraw": "withdrawal", "cashout": "cash-out", "cashouts": "cash-out", "payout": "payout", "payouts": "payout", "purchase": "purchase", "purchases": "purchase", "checkout": "purchase", "payment": "payment", "payments": "payment"} // a payment's lines say the text's word
	turnAwayWords    = []string{"away", "block", "blocked", "refuse", "refused", "rejected", "denied", "decline", "declined", "kick", "bounce"}                                                                                                                                                                                           // "unrecognised users should be turned away"
	ageUpWords       = []string{"over", "older", "above", "up", "upward", "upwards", "beyond"}                                                                                                                                                                                                                                            // "21 and over", "18 or older"
	beyondWords      = []string{"else", "more", "extra", "further"}                                                                                                                                                                                                                                                                       // "nothing else", "no need for anything more"
	authWords        = []string{"authenticate", "authentication", "authenticated", "login", "signin", "unlock"}                                                                                                                                                                                                                           // "face authentication": signing in by face, not a liveness check
	possessWords     = []string{"have", "has", "hold", "holds", "held", "keep", "keeps", "kept", "store", "stores", "stored", "got", "already"}                                                                                                                                                                                           // "we already have their email": held before the session
	condFailWords    = []string{"fail", "fails", "failed", "failing", "unsuccessful", "fallback", "backup", "fall", "falls", "falling"}
	habitLeadWords   = []string{"kept", "keep", "keeps", "was", "were", "had", "been", "always", "often", "constantly", "frequently", "sometimes", "regularly", "usually", "used", "would"}                                       // before a fail word with no "if": a story ("our old vendor kept failing on glare"), not a condition
	condStopWords    = []string{"cancel", "cancels", "cancelled", "canceled", "abandon", "abandons", "abandoned", "refuse", "refuses", "refused", "deny", "denies", "denied", "decline", "declines", "declined", "quit", "quits"} // after "if": the user stopped the step ("if they refuse the camera")
	condBadWords     = []string{"deepfake", "deepfakes", "spoof", "spoofed", "spoofing", "fraud", "fake", "mismatch"}
	condLowWords     = []string{"below", "under", "low", "lower", "beneath"}                                                                                                                                                                                                                                       // "if the match is below threshold"
	consequenceWords = []string{"send", "let", "give", "offer", "route", "hand", "escalate", "forward", "end", "stop", "reject", "deny", "block", "kick", "refuse", "decline", "ask", "explain", "fall", "retry", "try", "use", "do", "run", "go", "move", "proceed", "skip", "collect", "scan", "verify", "then"} // what a condition leads to, said inside it
	condMainWords    = []string{"otherwise", "else", "everyone", "everybody", "regardless", "afterwards", "all"}
	headingVerbs     = []string{"scan", "take", "compare", "match", "recognize", "identify", "verify", "validate", "ask", "confirm", "explain", "greet", "send", "collect"} // a clause before the first colon that starts with one is an instruction, not a heading
	groupNounWords   = []string{"checks", "steps", "verifications", "part", "stage", "phase", "stuff", "bits"}                                                              // "after the document checks": a step with the checks that go with it
	pairPointWords   = []string{"them", "their", "both", "those", "these", "two", "em"}                                                                                     // "swap them", "exchange their positions": the two steps named before
	swapVerbWords    = []string{"swap", "switch", "exchange", "flip", "invert", "reverse"}                                                                                  // "swap them": two steps change places
	swapLeadWords    = []string{"so", "-", "–", "—", "and", "then", "ie", "i.e."}                                                                                           // words that lead into a swap that restates an order ("…, so swap them")
	trailCondWords   = []string{"for", "if", "when", "unless"}                                                                                                              // open a condition after the instruction it scopes ("add a code for people we don't recognise")
	// "fork at recognition for faces we don't know: …", "branch after the SMS
	// code if the text never arrives": a diagram's fork and the step it leaves
	// from lead the condition of the branch; they name no step to add
	forkWords   = []string{"fork", "forks", "branch", "branches", "split", "splits", "diamond"}
	forkAtWords = []string{"at", "after", "from", "off", "on"}
	// "add a dotted line from the SMS box: if the text never arrives, …": a
	// diagram's connector leaving a step, then the branch it draws
	connectorWords = []string{"line", "lines", "arrow", "arrows", "edge", "edges", "connector"}
	// "move box 3 above box 2", "delete box A": a diagram's box named by its
	// label, counted along the checks as the description listed them
	labelNounWords     = []string{"box", "node"}
	demonstrativeWords = []string{"that", "this", "same", "said", "aforementioned"}                                                                                                                                                                                                                                                                                          // "that photo": one the text named before
	touchedRefWords    = []string{"it", "them", "that", "this"}                                                                                                                                                                                                                                                                                                              // "put that right after the scan": the step the change just touched
	speechVerbs        = []string{"ask", "explain", "confirm"}                                                                                                                                                                                                                                                                                                               // lemmas of verbs whose quoted object is said as written ("ask", "say", "tell")
	questionAuxWords   = []string{"did", "do", "does", "are", "is", "was", "were", "have", "has", "can", "could", "will", "would", "should", "may", "whats", "whos", "hows"}                                                                                                                                                                                                 // a question in the user's own words starts with one ("did you …?", "what is …?")
	nameModWords       = []string{"their", "his", "her", "your", "my", "the", "a", "full", "legal", "first", "last", "given", "family", "real", "home", "billing", "current", "registered", "residential", "postal", "physical", "street", "mailing", "complete", "and", "or", "of", "for", "their", "own", "for", "to", "with", "users", "customers", "persons", "clients"} // the words a name or address topic may follow; "their mother's maiden name", "the company name" are another name
	addVerbWords       = []string{"add", "include", "insert", "append", "also", "another", "extra", "additional", "new", "second", "too", "plus", "put", "want", "need", "require", "do", "run", "send", "use", "stick", "tack", "slap", "chuck", "throw"}                                                                                                                   // a sentence that names a step the flow has without one only speaks of it ("The SMS code is annoying.")
	phraseEndWords     = []string{",", ".", "and", "or", "then", "but", "before", "after", "so", "not", "enough"}                                                                                                                                                                                                                                                            // words after a predicative adjective ("the person's real and …")
	// userWords name the people a flow serves; a business names them by its own
	// trade ("known patients never see the ID step", "for returning residents"),
	// so its common nouns for them are here too, in the plural (the condition
	// rules test the word as written; "if they're new parents", "on the
	// new-parent branch")
	// one of the users ("not a member", "if she isn't a customer", "any
	// student it doesn't know"): the singular of userWords' people nouns
	// ("one" is no person: "if their phone is a new one")
	userOneWords  = []string{"member", "visitor", "client", "signup", "guest", "patient", "resident", "employee", "student", "tenant", "applicant", "traveller", "traveler", "passenger", "patron", "subscriber", "player", "holder", "driver", "rider", "courier", "seller", "buyer", "shopper", "merchant", "borrower", "candidate", "claimant", "policyholder", "renter", "caller", "worker", "parent", "guardian", "camper", "counsellor", "counselor", "family", "attendee", "participant", "volunteer", "owner", "account"}
	userWords     = []string{"users", "user", "customers", "customer", "people", "folks", "ones", "faces", "face", "accounts", "members", "visitors", "clients", "signups", "person", "guests", "patients", "residents", "employees", "staff", "students", "tenants", "applicants", "travellers", "travelers", "passengers", "patrons", "subscribers", "players", "holders", "drivers", "riders", "couriers", "sellers", "buyers", "shoppers", "merchants", "borrowers", "candidates", "claimants", "policyholders", "renters", "callers", "workers", "parents", "guardians", "campers", "counsellors", "counselors", "families", "attendees", "participants", "volunteers", "owners", "hosts", "landlords", "lessors", "freelancers", "contractors", "taskers"}
	condOpenWords = []string{"if", "when", "whenever", "unless"} // a condition's own conjunction ("if a deepfake is detected")
	// condAsksNothingWords make the whole condition after a removal one that
	// asks nothing of the session ("remove the sms code if possible", "… if
	// it's there"): the removal stands (condRemoval)
	condAsksNothingWords = []string{"possible", "you", "can", "it's", "it", "is", "there", "present", "any", "needed", "necessary", "exists", "want", "applicable", "that", "works", "we", "still", "have", "one", "get", "a", "chance", "time", "the", "moment", "done", "ready", "are", "i", "do", "this", "change", "next", "release", "version"}
	// verdictSayWords and verdictPhraseWords: a check's own verdict in a
	// condition ("if the compare says no match", "if liveness says
	// deepfake"), never a line the avatar says; deepfakeVerdictWords are the
	// verdicts of a caught deepfake, the rest a failure (verdictAsFailure)
	verdictSayWords      = []string{"says", "say", "returns", "return", "reports", "report", "gives", "give", "shows", "show", "comes back", "come back", "flags", "flag"}
	verdictPhraseWords   = []string{"no match", "not a match", "a mismatch", "mismatch", "no-match", "nomatch", "fail", "failed", "fails", "failure", "a failure", "not matched", "no face", "not live", "not passed", "rejected", "reject", "deepfake", "a deepfake", "deepfake detected", "fake", "a fake", "spoof", "a spoof", "fraud"}
	verdictPersonWords   = []string{"user", "users", "they", "customer", "customers", "person", "someone", "he", "she", "agent", "reviewer", "we", "i", "you", "client", "applicant"} // "if the user says fraud": a person's words, no check's verdict
	deepfakeVerdictWords = []string{"deepfake", "a deepfake", "deepfake detected", "fake", "a fake", "spoof", "a spoof", "fraud"}
	// removalFillerWords after a removal word in "X: remove it" leave X its
	// object: the line takes X out (labelNotRemoved)
	removalFillerWords = []string{"it", "this", "that", "them", "the", "step", "entirely", "completely", "altogether", "please", "from", "flow", "for", "now", "too", "also", "out", "fully", "away"}
	condIfStrictWords  = slices.Concat(condOpenWords, []string{"given"}) // a condition proper, not a purpose ("for new clients")
)

// channelThreatWords after a channel ("texts can be hijacked after a SIM swap",
// "SMS could be intercepted", "the phone line may be redirected"): why that
// channel is not trusted, not a code sent by it (rules.go, channelThreatened).
// channelThreatLinkWords may stand between the channel and its threat word
// ("SMS can be spoofed", "texts are easily hijacked", "SMS messages get
// intercepted"): the channel is the threat's subject. Any other word ("an SMS
// when email is compromised", "SMS for hacked accounts") makes the threat
// another thing's, and the SMS code asked for stays (rules.go, channelThreatened).
var channelThreatLinkWords = []string{"can", "could", "may", "might", "will", "would", "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "getting", "easily", "often", "too", "very", "so", "s", "messages", "message", "texts", "otps"}

var channelThreatWords = []string{"intercepted", "interceptable", "hijacked", "hijackable", "spoofed", "redirected", "rerouted", "diverted", "swapped", "stolen", "hacked", "compromised", "cloned", "insecure", "unsafe", "untrusted", "untrustworthy", "unreliable", "phished"}

// "if they're on that list", "anyone not on the blocklist", "if they're not
// in it": the enrolled faces a recognition searches, named as a list; being on
// it is being recognised, not being on it (or off it) is a new user
// (conditions.go, onRoster).
var (
	rosterWords     = []string{"list", "denylist", "banlist", "register", "registry", "roster", "database", "db"}
	rosterPrepWords = []string{"on", "in", "among", "off"}
)

// A secret the user already holds ("their port-out PIN", "their account
// password"), asked for by the avatar ("ask them to read out …", "have them
// say …"): a question, not a one-time code sent to them (rules.go, ownSecret).
var (
	ownSecretWords      = []string{"pin", "pins", "passcode", "passcodes", "password", "passwords", "passphrase"}
	ownSecretOwnerWords = []string{"their", "his", "her", "your", "account", "port", "portout", "out", "sim", "voicemail", "card", "carrier", "transfer", "customer", "security"}
	ownSecretAskWords   = []string{"ask", "asks", "asking", "read", "reads", "say", "says", "recite", "recites", "tell", "tells", "give", "gives", "provide", "provides", "state", "states", "spell", "spells", "quote", "quotes"}
	ownSecretSentWords  = []string{"sent", "send", "texted", "emailed", "sms", "text", "email", "mail", "otp", "onetime", "arrived", "arrives", "arriving", "received", "receive", "whatsapp", "message", "messaged", "delivered"}
	// ownSecretCodeWords make "their <word> PIN" a code the flow sends ("their
	// verification PIN", "their login passcode"), not a secret they hold
	ownSecretCodeWords = []string{"verification", "verify", "login", "logon", "signin", "access", "confirmation", "authentication", "auth", "security", "temporary", "one", "time", "2fa", "mfa"}
)

// phrases maps each phrase's first word to the words after it, one list a
// phrase ("which means" → "which": [["means"]]); a one-word phrase has an empty
// list.
type phrases map[string][][]string

// phraseSet splits the phrases ps once, for phraseLen to compare word by word,
// and records their first words in l.phraseFirst (hotsets.go): every set of
// phrases is made here, so a word no phrase starts with starts none of them.
// A set made after readHot (or a package variable made from lex) would have
// first words the tokens' bits do not know, and phraseLen would never find
// its phrases: that panics at init.
func (l *lexicon) phraseSet(ps []string) phrases {
	if l.hot != nil {
		panic("flowbuild: phrase set made after readHot: its first words have no phraseFirst bit")
	}
	m := make(phrases, len(ps))
	for _, p := range ps {
		first, rest, _ := strings.Cut(p, " ")
		m[first] = append(m[first], strings.Fields(rest))
		l.phraseFirst[first] = true
	}
	return m
}

// phraseAt reports whether a phrase of set starts at token i.
func phraseAt(ts []token, i int, set phrases) bool { return phraseLen(ts, i, set) > 0 }

// phraseLen is the number of tokens of the longest phrase of set that starts at
// token i, or 0.
func phraseLen(ts []token, i int, set phrases) int {
	if !ts[i].mayStartPhrase() {
		return 0 // no phrase of any set starts with the word: no map to ask (hotsets.go)
	}
	best := 0
	for _, ws := range set[ts[i].raw] {
		ok := i+len(ws) < len(ts)
		for k := 0; ok && k < len(ws); k++ {
			ok = ts[i+1+k].raw == ws[k]
		}
		if ok {
			best = max(best, 1+len(ws))
		}
	}
	return best
}

func wordSet(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// canonKind: the token is a lexicon word that names a step or its object (so "and"
// before it joins two things rather than two instructions).
func (l *lexicon) canonKind(t token) bool {
	switch t.w {
	case "liveness", "sms", "email", "code", "passport", "document", "id", "selfie", "face", "recognize", "license", "visa":
		return true
	}
	return false
}

// Context words of the detection rules (rules.go).
var (
	liveAfterWords     = []string{"person", "verify", "selfie", "scan", "face"}                                                                                                                                                                                      // "live person", "live selfie" (lemmas)
	beingBeforeWords   = []string{"is", "are", "be", "being", "its", "theyre", "really", "still", "youre"}                                                                                                                                                           // "they're real", "is live"
	appNounWords       = []string{"app", "apps", "application", "frontend", "backend", "website", "site", "webview", "wrapper", "portal", "server", "form", "checkout", "dashboard", "ui"}                                                                           // "our app already asks …": the integrator's side
	launchNounWords    = []string{"iframe", "facesign", "widget", "session", "flow", "sdk", "verification"}                                                                                                                                                          // "before it opens the iframe": the FaceSign page
	attackWords        = []string{"deepfake", "deepfakes", "spoof", "spoofs", "spoofed", "bot", "bots", "robot", "robots"}                                                                                                                                           // "not a deepfake": what liveness rules out
	inputWords         = []string{"input", "field", "box", "entry", "form", "textbox", "screen", "onscreen"}                                                                                                                                                         // "the input prompt": the entry's own text, not the avatar's
	receiveVerbWords   = []string{"receive", "receives", "get", "gets", "reliably", "open", "opens", "read", "reads", "check", "checks", "see", "sees"}                                                                                                              // "users don't receive texts": what reaches them
	otherExpiryWords   = []string{"otp", "otps", "pin", "passcode", "password", "link", "session", "secret", "token", "sms", "text", "minute", "minutes", "min", "mins", "second", "seconds", "secs", "hour", "hours"}                                               // what else expires: "the link's expiry", "expiry 10 minutes"
	notDocBeforeWords  = []string{"user", "session", "client", "account", "node", "flow", "avatar", "transaction", "face", "email", "mail", "login"}                                                                                                                 // "user ID" is no document
	permitBeforeWords  = []string{"residence", "residency", "work"}                                                                                                                                                                                                  // a permit that is a document
	cardBeforeWords    = []string{"id", "identity", "national"}                                                                                                                                                                                                      // a card that is a document
	textNextWords      = []string{"message", "messages", "code", "codes", "otp", "otps", "passcode", "passcodes", "them", "a", "an", "the", "their", "to", "me"}                                                                                                     // "text them", "text a code"
	textPrevWords      = []string{"by", "via", "over", "a", "an", "per", "through"}                                                                                                                                                                                  // "by text"
	notCodeBeforeWords = []string{"zip", "postal", "post", "security", "country", "area", "promo", "qr", "discount", "sort", "routing", "swift", "bic", "bank", "branch", "tax", "coupon", "referral", "invite", "invitation", "voucher", "source"}                  // codes that are not one-time codes
	entryNextWords     = []string{"entry", "field", "input", "box", "prompt", "capture", "collection"}                                                                                                                                                               // "the email entry", "drop the email capture"
	ageNextWords       = []string{"check", "verification", "gate", "limit", "requirement"}                                                                                                                                                                           // "age check"
	closingWordsList   = []string{"finish", "end", "close", "goodbye", "bye"}                                                                                                                                                                                        // "thank them at the end"
	onFileWords        = []string{"file", "record", "records", "account", "profile", "stored"}                                                                                                                                                                       // "matches the one on file"
	onFileMatchWords   = []string{"file", "record", "records", "account", "profile", "system", "stored", "one", "ones", "ours"}                                                                                                                                      // data compared with records
	dataUseWords       = []string{"record", "recorded", "recording", "biometrics", "data", "process", "store"}                                                                                                                                                       // consent to this is a question
	docLemmas          = []string{"passport", "license", "id", "document", "visa", "permit", "brp"}                                                                                                                                                                  // lemmas naming an identity document
	peopleList         = []string{"user", "users", "people", "customers", "customer", "members", "employees", "faces", "biometric", "biometrics", "enrolled", "returning", "known"}                                                                                  // the text is about people, not data
	givenBeforeWords   = []string{"gave", "given", "provided", "entered", "typed", "collected", "submitted", "registered", "keyed", "inputted"}                                                                                                                      // "everyone gave us their email at signup": handed over before this flow
	signupWords        = []string{"signup", "registration", "registering", "registered", "joined", "onboarding", "enrolment", "enrollment"}                                                                                                                          // … when the account was opened
	retryLaterPhrases  = []string{"later", "tomorrow", "next time", "another time", "another day", "next day", "new session", "another session", "next session", "from the app", "in the app", "from our app", "in our app"}                                         // a retry put off to another session ("users can retry tomorrow"), no second try in this one
	addressGetWords    = []string{"get", "grab", "need", "capture", "take", "request", "obtain"}                                                                                                                                                                     // before "their email": the address the user hands over ("get their email so we can send receipts")
	emailGivenWords    = []string{"give", "gives", "gave", "given", "provide", "provides", "provided", "enter", "enters", "entered", "type", "types", "typed", "collect", "collected", "submit", "submitted", "key", "keys", "keyed", "input", "inputs", "inputted"} // an email the user hands over
	arrivePhrases      = []string{"show up", "shows up", "showed up", "turn up", "turns up", "turned up", "come through", "comes through", "go through", "goes through"}                                                                                             // "if the code doesn't show up" (a phrase: "never shows up on the happy path" is about a place)
	passPhrases        = []string{"get through", "gets through", "got through", "get past", "gets past", "got past", "make it through", "makes it through", "made it through"}                                                                                       // "if they don't get through liveness": a check passed, negated in a condition
	arriveWords        = []string{"delivered", "arrive", "arrives", "arrived", "received", "receive", "receives", "reach", "reaches", "reached", "come", "comes"}                                                                                                    // "if the code is not delivered"
	undeliveredWords   = []string{"bounce", "bounces", "bounced", "undeliverable", "undelivered"}                                                                                                                                                                    // "if the email bounces": a code that never arrived, with no "not"
	// "send them to the front desk", "direct them to the nearest branch": a
	// place the user is sent to is a line telling them to go there (a person
	// or a team sent to is a handover, readPolicy)
	sendAwayWords      = []string{"send", "sends", "direct", "directs", "refer", "refers", "point", "points"}
	venueWords         = []string{"desk", "frontdesk", "reception", "receptionist", "counter", "branch", "store", "shop", "office", "lobby", "kiosk", "booth", "window", "gate", "entrance", "concierge", "cashier", "till", "pharmacist", "pharmacy"}
	frontWords         = []string{"beginning", "start", "first", "top", "outset", "front"}                                                                                                                                                                                                                                                                                                                                           // a position word that pins a step first
	endPlaceWords      = []string{"with", "by", "up", "on"}                                                                                                                                                                                                                                                                                                                                                                          // after "end"/"finish": the step the flow ends on ("end with", "finishes on a text code", "wrap up")
	backWords          = []string{"end", "last", "bottom", "finish", "finally"}                                                                                                                                                                                                                                                                                                                                                      // … or last
	accountVerbWords   = []string{"signup", "signups", "register", "registers", "registered", "login", "logins", "signin", "join", "joins", "joined", "onboard", "onboards", "enroll", "enrol", "enrolls", "enrols"}                                                                                                                                                                                                                 // "players sign up with a phone number": how users open or reach their accounts ("sign up", "log in" are joined)
	frequencyWords     = []string{"usually", "always", "normally", "typically", "generally", "mostly", "often", "already", "just", "sometimes", "frequently", "occasionally"}                                                                                                                                                                                                                                                        // "players usually sign up with …": a fact about the users
	degreeWords        = []string{"very", "quite", "pretty", "too", "so", "really", "badly", "hopelessly"}                                                                                                                                                                                                                                                                                                                           // "is very often out of date": how much, before a state word
	staleWords         = []string{"stale", "outdated", "obsolete", "unreliable", "dead", "defunct", "unmonitored", "abandoned"}                                                                                                                                                                                                                                                                                                      // "the email on file is often stale": what the address held is like, a reason
	roleNounWords      = []string{"holder", "holders", "officer", "officers", "approver", "approvers", "manager", "managers", "signatory", "signatories", "director", "directors", "owner", "owners", "administrator", "admin", "controller", "agent", "agents"}                                                                                                                                                                     // "ask the budget holder to confirm": the role the user plays, after a modifier
	abbrevWords        = []string{"ref", "refs", "approx", "incl", "cf", "viz", "fig"}                                                                                                                                                                                                                                                                                                                                               // "(ref. ARP-22)": a dot that shortens a word, not one that ends a sentence ("no." and "etc." may end one; "CA." and "dept." end sentences too often: "for users in CA. Add …")
	admitVerbWords     = []string{"accept", "accepts", "allow", "allows", "permit", "permits", "support", "supports", "admit", "admits"}                                                                                                                                                                                                                                                                                             // "accept a driving licence as well": letting something in, a change of its own after a removal
	mustWords          = []string{"must", "should", "shall", "required", "needs", "has", "have"}                                                                                                                                                                                                                                                                                                                                     // a requirement on the flow as a whole ("must meet", "has to comply")
	conformWords       = []string{"meet", "meets", "comply", "complies", "conform", "conforms", "satisfy", "follow", "compliant"}                                                                                                                                                                                                                                                                                                    // verbs of meeting a standard ("meet WCAG 2.2 AA")
	framingWords       = []string{"flow", "flows", "process", "journey", "workflow", "build", "create", "setup"}                                                                                                                                                                                                                                                                                                                     // a clause that frames the request rather than asking for a step
	docScanWords       = []string{"scan", "scanning", "scans", "upload", "uploads", "document", "documents"}                                                                                                                                                                                                                                                                                                                         // "Out of scope: document scanning" rules the scan out, "Out of scope: passports" a type
	lineWords          = []string{"take", "part", "where", "avatar", "reading", "reads", "read", "line", "lines", "step", "says", "said", "saying", "question", "questions", "message", "bit", "tells", "telling", "explains", "explanation", "user", "users", "them", "their", "they", "anymore", "show", "screen"}                                                                                                                 // words that point at a line without saying what it is about ("the part where the avatar reads …")
	docVerbWords       = []string{"accept", "accepts", "allow", "allows", "support", "supports"}                                                                                                                                                                                                                                                                                                                                     // what a scan accepts: a sentence with one is a change of its own ("Also accept ID cards as well as driving licences")
	verdictWords       = []string{"overkill", "pointless", "useless", "redundant", "unnecessary", "annoying", "excessive", "slow", "clunky", "confusing", "too", "much", "enough", "plenty", "sufficient", "overdoing"}                                                                                                                                                                                                              // "two codes was overkill": a judgement of what goes, not what goes
	stateVerbWords     = []string{"have", "has", "be", "are", "is", "hold", "own", "carry"}                                                                                                                                                                                                                                                                                                                                          // opening the second half of a sentence of background ("… have to be 21+ and have a driver's license")
	thinkVerbWords     = []string{"know", "think", "guess", "realise", "realize", "understand", "believe", "feel", "suppose", "reckon"}                                                                                                                                                                                                                                                                                              // after "I"/"we": an aside ("I know it's not really an ID document")
	goModalWords       = []string{"can", "could", "should", "must", "to", "will"}                                                                                                                                                                                                                                                                                                                                                    // before "go": a step that "can go" is removed
	goOnWords          = []string{"to", "through", "back", "straight", "directly", "out", "by", "via", "over", "first", "last", "before", "after", "ahead", "next", "between"}                                                                                                                                                                                                                                                       // after "go": where a step goes, not that it goes ("the code can go to that address")
	goLeadWords        = []string{"right", "immediately", "just", "at"}                                                                                                                                                                                                                                                                                                                                                              // after "go", a place only before one ("go right after", "go at the end"); "can go right away", "at once" remove
	giveVerbWords      = []string{"give", "gives", "gave", "giving"}                                                                                                                                                                                                                                                                                                                                                                 // before "up": the user stops a step ("if they give up on the scan")
	mustAuxWords       = []string{"have", "has", "to", "must", "need", "needs", "should", "actually", "will", "can", "just", "also", "then"}                                                                                                                                                                                                                                                                                         // between the user and "say" ("they have to actually say yes")
	takeBackWords      = []string{"scratch", "undo", "forget", "ignore", "disregard"}                                                                                                                                                                                                                                                                                                                                                // before "that": the words before are taken back ("I was going to say SMS but scratch that")
	retryNounWords     = []string{"retry", "retries", "reattempt", "reattempts"}                                                                                                                                                                                                                                                                                                                                                     // "let them retry the face scan": another try at a step, never "again", which also repeats one ("liveness again at the end")
	silentWords        = []string{"silent", "silently", "mute", "muted", "quiet", "speechless"}                                                                                                                                                                                                                                                                                                                                      // "the avatar should stay silent"
	speakVerbWords     = []string{"speak", "speaks", "speaking", "talk", "talks", "talking", "chat", "chatter", "chit"}                                                                                                                                                                                                                                                                                                              // what the avatar does when it says anything
	pronounUserWords   = []string{"they", "he", "she"}                                                                                                                                                                                                                                                                                                                                                                               // the user as a subject ("they did the ID check on their first order")
	pastLeadWords      = []string{"already", "all", "both", "once", "have", "had", "previously"}                                                                                                                                                                                                                                                                                                                                     // between a subject and its past verb ("they already did KYC")
	pastVerbWords      = []string{"tried", "used", "had", "did", "was", "were", "sent", "ran", "asked", "relied", "depended"}                                                                                                                                                                                                                                                                                                        // with "before" or "historically" ("we historically relied on an SMS OTP"): what was done, not what to do
	pastBeWords        = []string{"was", "were", "wasnt", "werent"}                                                                                                                                                                                                                                                                                                                                                                  // after a number and its unit ("6 digit ones were too easy"): the value told of as what was, not asked for
	whereBeWords       = []string{"is", "was", "sits", "sat", "stands", "stood", "lives", "happens", "runs"}                                                                                                                                                                                                                                                                                                                         // "where the email code is": a step's place, said by a relative clause (edit.go's whereStepIs)
	whereBeEndWords    = []string{"and", "now", "currently", "today", "right", "then", "in", "on", "at", "please", "pls", "kindly", "but"}                                                                                                                                                                                                                                                                                           // what may follow that verb: the clause ends ("… where the email code is now", "… is and remove the email one")
	whereBeNowWords    = []string{"now", "currently", "today", "then"}                                                                                                                                                                                                                                                                                                                                                               // of whereBeEndWords, the adverbs that must end the clause themselves ("… is currently unreliable" is no place)
	swapRareWords      = []string{"interchange"}                                                                                                                                                                                                                                                                                                                                                                                     // a rarer verb for two steps changing places, read as "swap" only before the pair it swaps (edit.go's rareSwap)
	relativePlaceWords = []string{"back", "earlier", "later", "up", "down", "forward", "forwards", "backward", "backwards", "again", "higher", "lower", "sooner"}                                                                                                                                                                                                                                                                    // a place said relative to where a step is or was ("move it back", "one step earlier"): no restated move (edit.go)
	emailEntryWords    = []string{"entry", "address", "field", "input", "prompt", "form"}                                                                                                                                                                                                                                                                                                                                            // an email entry named as such ("the email entry", "the email address step"): "the email one" beside it is no code (edit.go's emailOneIsCode)
	whereNearWords     = []string{"before", "after", "next", "beside", "behind", "ahead", "following", "preceding", "near", "around", "until", "till", "from", "step", "part", "screen", "bit"}                                                                                                                                                                                                                                      // just before "where …": a place beside the step's, not its own (whereStepIs)
	whereKeepWords     = []string{"too", "also", "keep", "both", "additionally", "plus", "alongside", "add", "adding", "insert", "include"}                                                                                                                                                                                                                                                                                          // the step whose place is named stays: kept, or a step added beside it (whereStepIs)
	placeSameWords     = []string{"the", "same", "exact"}                                                                                                                                                                                                                                                                                                                                                                            // before a place noun, the same place: "in the same spot where …" (whereStepIs)
	placePrepWords     = []string{"in", "at", "to", "into"}                                                                                                                                                                                                                                                                                                                                                                          // before those, the step put there: "at the spot where …" (whereStepIs)
	placeNearAdvWords  = []string{"to", "right", "just", "directly"}                                                                                                                                                                                                                                                                                                                                                                 // skipped back to the word that tells a place beside the step's: "right after where …", "next to where …" (whereStepIs)
	relClauseLeadWords = []string{"that", "which", "who", "asking", "where"}                                                                                                                                                                                                                                                                                                                                                         // after "the email one", a relative clause that says which one: "the email one that asks for the address" is no code (emailOneIsCode)
	instructLeadWords  = []string{"and", "then", "also"}                                                                                                                                                                                                                                                                                                                                                                             // may lead an instruction of its own: "and remove the ID scan", "then swap 1 and 2" (newInstruction)
	pastFineWords      = []string{"fine", "ok", "okay", "good", "great", "right", "enough", "perfect", "what"}                                                                                                                                                                                                                                                                                                                       // after a past "be" that tells of a value ("6 digits was fine", "6 digits was what ops asked"): the value kept, not one left behind
	replyNoWords       = []string{"no", "nope", "nah", "negative"}                                                                                                                                                                                                                                                                                                                                                                   // alone, right after a question: the suggestion turned down ("can we drop the selfie? no, we need it")
	ownerWords         = []string{"theirs", "his", "hers", "belongs", "belong"}                                                                                                                                                                                                                                                                                                                                                      // "really theirs": whose a document is
	providedMarkWords  = []string{"file", "profile", "stored", "existing", "reference", "pass", "passes", "passed", "passing", "onboarding", "signup", "registration", "account", "records", "record", "original", "earlier", "previous", "application", "uploaded", "submitted", "employer", "providedData", "provideddata", "supplied", "kyc", "ago", "tier"}                                                                      // an image the integrator holds
	stateLeadWords     = []string{"end", "final", "desired", "target", "goal", "initial", "starting", "current", "happy", "success", "failure", "failed"}                                                                                                                                                                                                                                                                            // before "state": the noun ("the end state is they've proven it"), not a verb of speech
	issuingBodyWords   = []string{"state", "federal", "provincial", "municipal", "military"}                                                                                                                                                                                                                                                                                                                                         // before "ID": the body that issued it ("a state ID", "a federal ID"), part of the document's name
	issuerWords        = []string{"uk", "eu", "eea", "us", "usa", "british", "american", "european", "english", "scottish", "welsh", "irish", "french", "german", "spanish", "italian", "dutch", "belgian", "swiss", "austrian", "polish", "portuguese", "swedish", "danish", "norwegian", "finnish", "greek", "canadian", "australian", "mexican", "brazilian", "indian", "japanese", "chinese", "foreign", "domestic", "overseas"} // "UK passports and EU ID cards only": where a document was issued, which no setting of the scan restricts
	arriveVerbWords    = []string{"come", "comes", "came", "arrive", "arrives", "arrived"}                                                                                                                                                                                                                                                                                                                                           // "the renter's DL photo already came in through the booking app": handed over, not scanned
	arriveFromWords    = []string{"from", "through", "via"}                                                                                                                                                                                                                                                                                                                                                                          // after an arrival verb (and "in"): where an image came from
	holdVerbWords      = []string{"have", "hold", "keep", "got", "kept", "held", "store", "send", "sent", "pass", "give", "supply", "provide"}                                                                                                                                                                                                                                                                                       // "the selfie we have"
	compareStopWords   = []string{"to", "with", "against", "and", "versus", "compare", "match", "or", "than"}                                                                                                                                                                                                                                                                                                                        // the other side of a comparison starts here
	sourceSaysWords    = []string{"notice", "policy", "policies", "page", "screen", "law", "laws", "terms", "contract", "regulation", "regulations", "rule", "rules", "guideline", "guidelines", "letter", "website", "site", "banner", "sign", "spec", "manual", "legal", "compliance", "regulator", "lawyer", "lawyers", "counsel", "auditor", "auditors", "team", "boss", "pm"}                                                   // "our privacy notice says so": what a document or a team says, not the avatar
	personRefWords     = []string{"they", "theyre", "them", "he", "she", "hes", "shes", "user", "users", "customer", "customers", "person", "member", "someone", "this", "whoever"}                                                                                                                                                                                                                                                  // the person a status check is about
	identityNeedWords  = []string{"kyc", "identity", "idv", "impersonation", "impersonating", "impostor", "imposter"}                                                                                                                                                                                                                                                                                                                // proving who someone is
	verifyNeedWords    = []string{"secure", "safe", "fraud", "legit", "legitimate", "genuine", "trust", "trusted", "takeover", "takeovers", "bots", "bot", "fraudsters", "fraudster"}                                                                                                                                                                                                                                                // a need to check the person, with no step named
	replaceWords       = []string{"instead", "replace", "replaced", "swap", "switch", "substitute", "rather", "change", "use"}                                                                                                                                                                                                                                                                                                       // a change that replaces a step
	auxStartWords      = []string{"is", "has", "have", "was", "were", "are", "do", "does", "did", "isnt", "hasnt"}                                                                                                                                                                                                                                                                                                                   // a clause that asks a question
	fillerWords        = []string{"basically", "okay", "please", "thanks", "thank", "want", "wanna", "would", "like", "need", "something", "thing", "things", "just", "also", "really", "actually", "maybe", "think", "guess", "some", "that", "this", "these", "those", "them", "they", "their", "there", "then", "with", "from", "have", "will", "what", "when", "where", "which", "while", "your", "ours", "flow", "make", "sure", "kind", "sort", "stuff", "able", "going", "gonna", "lets", "know", "good", "great", "cool", "nice", "here", "about", "into", "over", "very", "much", "more", "most", "only", "step", "steps", "done", "everything", "anything", "whole", "same", "user", "users", "customer", "customers", "people", "person", "folks"}
	populationWords    = []string{"users", "customers", "members", "people", "employees", "clients", "accounts", "everyone", "anyone", "everybody", "anybody"}
	storyActorWords    = []string{"testers", "pentesters", "attackers", "attacker", "fraudsters", "hackers", "auditors", "scammers", "criminals", "redteam", "hacker", "scammer", "fraudster", "criminal", "thief", "thieves", "impostor", "impostors", "imposter", "imposters"} // "the testers did it in ten minutes": people outside the flow whose past deeds are its reason
	unavailableWords   = []string{"option", "available", "performed", "conducted", "carried", "applied", "done", "possible", "allowed", "supported", "wanted", "welcome", "reliable", "used", "offered", "involved", "included", "permitted", "accepted", "acceptable", "shows", "show", "appear", "appears", "runs", "happens", "approved", "authorized", "authorised", "sanctioned"}
	docFailWords       = []string{"scan", "scans", "work", "works", "read", "reads", "load", "loads"}                                                                                                                                                                       // after a negation with a document before it: "their ID cards don't scan well" rules the type out
	correctionWords    = []string{"actually", "wait", "sorry", "scratch", "correction", "oops", "rather"}                                                                                                                                                                   // a clause that corrects what the text just said ("actually make it SMS", "no wait, …")
	placeOpenWords     = []string{"at", "before", "after", "between", "right", "straight", "first", "last"}                                                                                                                                                                 // open where a step goes ("at the end", "right after it"), for a correction that only moves it
	numberPartWords    = []string{"last", "first", "final", "middle", "trailing", "leading", "ending", "initial"}                                                                                                                                                           // before "4 digits": a part of another number ("the last 4 digits of their card"), no code length
	groupTailWords     = []string{"anymore", "now", "either", "though", "really", "at", "any", "altogether", "all"}                                                                                                                                                         // after "we don't need them": the group is ruled out ("… anymore"), not how it should stay ("… changed")
	photoShownWords    = []string{"show", "shows", "showing", "hold", "holds", "holding", "has", "have", "having", "display", "displays", "present", "presents", "print", "printed", "replay"}                                                                              // before "a photo of their face": one shown or held up, or a document's, not one to take
	codeVerbWords      = []string{"send", "match", "scan", "verify", "check", "compare", "take", "capture", "collect", "enter", "recognize", "recognise", "detect", "run", "do", "ask", "request", "validate", "confirm", "start", "perform", "require", "enroll", "enrol"} // the first word of a camelCase function ("sendEmailOtp", "matchFace"), split into words
	specLimitWords     = []string{"min", "minimum", "max", "maximum", "limit", "only", "least", "most", "over", "under", "above", "below", "required", "requirement", "cutoff", "gate", "must"}                                                                             // in a short spec line ("min age 18", "18+ only"): a limit, not a fact ("average age 35")
	greetNounWords     = []string{"message", "line", "text", "screen", "prompt", "part", "bit", "step", "section", "greeting"}                                                                                                                                              // after "hello": the greeting line a change speaks of ("Hello message: …"), no greeting to the reader
	slotNounWords      = []string{"step", "one", "thing", "check"}                                                                                                                                                                                                          // "the step before that liveness check should be the permission request": a place named first, its step after
	ageAboveWords      = []string{"over", "above", "least", "older"}                                                                                                                                                                                                        // "confirm they are over 21", "at least 18", "18 or older": a minimum age the user is asked to confirm
	ageIsWords         = []string{"theyre", "youre", "are", "is", "im", "aged"}                                                                                                                                                                                             // "confirm they're 21", "confirm they are 18 or older": the age the user is asked to confirm
	ageBelowWords      = []string{"under", "below", "younger", "less"}                                                                                                                                                                                                      // "confirm they are under 65": no minimum age
	retryCapWords      = []string{"cap", "capped", "limit", "limited", "max", "maximum", "most"}                                                                                                                                                                            // "cap retries at 2", "at most 2 retries": a count of retries, which a flow cannot keep
	intoChannelWords   = []string{"sms", "text", "texted", "txt", "email", "e-mail", "emailed", "mail"}                                                                                                                                                                     // "make the email code an SMS one": the channel a code is made into; "a 6-digit one", "a voice one" name none FaceSign has
	madeIntoLeadWords  = []string{"to", "into", "a", "an", "as"}                                                                                                                                                                                                            // "make the email code an SMS one", "turn the scan into a passport scan": what opens the step a correction makes a step into
	correctVerbWords   = []string{"make", "change", "switch", "turn"}                                                                                                                                                                                                       // "make it SMS", "change that to email": a correction of the step just named
	retractWords       = []string{"sorry", "scratch", "nevermind", "meant", "undo"}                                                                                                                                                                                         // a change that takes back the instruction before it ("scratch that", "sorry, I meant …")
	apologyObjWords    = []string{"for", "about", "to", "if"}                                                                                                                                                                                                               // after "sorry" with no pause, what the apology is for ("sorry for the faff", "sorry to be a pain"): an aside, nothing taken back
	retractFillerWords = []string{"no", "wait", "that", "i", "meant", "actually", "sorry", "instead", "lets", "let", "us", "hmm", "oh", "ok", "okay"}                                                                                                                       // words of a retraction before its instruction
	// Build: a correction said in the description itself ("max 5 tries, no, 4",
	// "similarity 0.85, hmm, let's say 0.9", "65+... wait, it's 60+") puts the
	// value after the marker in place of the one before it; these words may sit
	// between the marker and the new value
	valueFillerWords = []string{"say", "make", "it", "its", "that", "is", "be", "go", "with", "ugh", "um", "uh", "er", "no", "wait", "actually", "sorry", "hmm", "oh", "ok", "okay", "lets", "let", "us", "i", "meant", "mean", "should"}
	pastBadWords     = []string{"flagged", "rejected", "cracked", "broken", "guessed", "phished", "hacked", "bypassed", "abused", "blocked", "complaints", "too", "brute", "banned", "dropped", "killed", "replaced"} // after "got" and a value ("the 6-digit ones got flagged"): the value told of as what was; "8 digits got approved" keeps it
	valueScopeWords  = []string{"for", "if", "when", "unless", "in", "on", "except", "outside", "where"}                                                                                                              // after a corrected value, a scope: "no, 0.85 for high-value accounts", "actually 21 in Texas" is no correction for everyone
	storedDataWords  = []string{"images", "photos", "pictures", "data", "record", "records", "file", "files", "copy", "copies", "storage", "logs", "recordings", "videos", "footage"}                                 // what a step leaves behind: "delete the document images after 30 days" removes data, not the step
	// Build: markers of more than one word that take back what was just said
	// ("on second thought …", "come to think of it …")
	// Build: a line opening on one of these and a colon ("edit: swap the last
	// two") changes the flow the lines above it describe
	changeLineWords   = []string{"edit", "edited", "update", "updated", "upd", "correction"}
	rethinkPhrases    = []string{"on second thought", "on second thoughts", "second thought", "come to think of it", "my bad", "i mean", "i meant", "scratch that", "never mind", "nevermind", "no wait", "lets say", "let us say"}
	setVerbWords      = []string{"make", "set", "change", "have", "give"}                                                                                                  // "make the email code and the SMS code 8 digits": the verb that opens a change of settings
	keepVerbWords     = []string{"keep", "leave"}                                                                                                                          // "keep it email": the step stays as it is
	keepLeadWords     = []string{"just", "only", "simply", "but", "and", "then", "so"}                                                                                     // lead into a keep that follows a removal ("rip out both codes, just keep liveness")
	doneRefWords      = []string{"it", "them", "those", "these", "either", "both", "neither", "any"}                                                                       // "we don't need either": what the change just did, pointed back at
	ordinalWords      = []string{"first", "second", "third", "fourth", "fifth", "sixth"}                                                                                   // "swap the second and third checks": places, in order
	lastPlaceWords    = []string{"last", "latter", "final"}                                                                                                                // "the last code": the place counted from the end
	placeStepWords    = []string{"step", "steps", "check", "checks", "stage", "stages", "one", "ones", "part", "parts", "bit", "bits", "node", "nodes", "thing", "things"} // "the second step", "the one before the code": a step of the flow named by its place, not its kind
	placeLeadWords    = []string{"be", "as", "to", "into", "become", "becomes", "is"}                                                                                      // before an ordinal: where a step goes ("move the liveness to be second", "as the third step"), not which step is meant ("in the second step" is either; a place noun after it decides)
	placeSlotWords    = []string{"place", "position", "spot", "slot"}                                                                                                      // after an ordinal: a place in the flow ("in second place"), where a step goes
	shiftUpWords      = []string{"up", "earlier", "sooner", "forward", "ahead"}                                                                                            // "bump the email code up one", "one step earlier": a shift towards the start by a count of places
	shiftDownWords    = []string{"down", "later", "back"}                                                                                                                  // "move the SMS code down two places": a shift towards the end
	shiftUnitWords    = []string{"step", "steps", "place", "places", "spot", "spots", "position", "positions", "slot", "slots", "notch", "notches"}                        // the unit a shift counts ("two places later", "up a notch")
	placeNearWords    = []string{"right", "just", "immediately", "directly"}                                                                                               // "the step right before the code": the check beside the one named
	placeCountWords   = []string{"one", "two", "three", "1", "2", "3"}                                                                                                     // how many places a step shifts ("up one", "a spot later")
	placeSubjectVerbs = []string{"should", "must", "will", "would", "is", "has", "needs", "shall"}                                                                         // "the first step should be the SMS code": after a place noun, the place is where a step goes
	// placeRefDetWords come before a place that names the check there ("the
	// second step", "that last check"), not a place a step goes to
	placeRefDetWords = []string{"the", "those", "these", "that", "this"}
	// negMoveVerbs, with placeMoveVerbs, after a negation near a check named
	// by its place make it a move not asked for ("don't put the last check
	// first"), and so do verbs of leaving it be ("don't touch the first
	// step"); any other negation ("we don't need the second check", "if the
	// first step isn't successful") still names the check
	negMoveVerbs = []string{"put", "swap", "shift", "place", "reorder", "switch", "touch", "change", "mess", "alter", "modify"}
	// lastPlaceNounWords after "last"/"final" name the check at the end ("the
	// last check should come first"); "the last thing: …", "the final bit",
	// "the last part of the flow" are ways of speaking or the end itself, and
	// name no check
	lastPlaceNounWords = []string{"step", "steps", "check", "checks", "stage", "stages", "one", "node"}
	// lastPlaceBeWords after "the last step" make it the place a step goes
	// ("the last step of the flow should be an SMS code", "I want the last
	// step to be …"), not the check there now
	lastPlaceBeWords = []string{"be", "is", "become", "becomes", "being"}
	// placeMoveVerbs after a check named by its place make it the one that
	// moves ("the last check should come first", "the first step goes last"),
	// where "the first step should be the SMS code" names the place
	placeMoveVerbs = []string{"come", "comes", "go", "goes", "move", "moves", "moved", "happen", "happens", "run", "runs", "sit", "sits"}
	// placeInWords before "the last step" make it a place in the flow ("add it
	// in the last step", "at the final step"), not the check that sits there
	placeInWords       = []string{"in", "at", "on", "as", "into"}
	placeEndWords      = []string{"to", "with", "and", "for", "so", "then", "into", "instead", "in", "at", "on", "of", "please", "too", "also"} // words that end the step a place is named by ("the step before the code to the end")
	addWords           = []string{"add", "insert", "another", "extra", "additional", "new", "include", "append"}                                // a change that brings in a step rather than naming one the flow has
	adultPersonWords   = []string{"adult", "adults", "grownup", "grownups"}                                                                     // an adult as a person ("each authorised adult"), not an age ("the age of majority")
	fallbackNounWords  = []string{"backup", "fallback", "backups", "fallbacks"}                                                                 // the step tried when another fails, named as such ("with a fallback to an email code", "don't drop the fallback")
	channelNounWords   = slices.Concat([]string{"channel", "channels"}, fallbackNounWords)                                                      // "the email channel", "remove the email backup": the code's channel, not an address to collect
	subjectAuxWords    = []string{"is", "are", "will", "must", "should", "can", "may", "shall"}                                                 // "email must not be used": the auxiliary between a subject and its "not"
	deviceAskNounWords = []string{"prompt", "prompts", "popup", "popups", "dialog", "dialogs", "dialogue", "request", "requests"}               // before the device, a request for it: "the browser prompt for camera + mic", "a popup for the webcam"
	untouchVerbWords   = []string{"touch", "change", "modify", "alter", "edit", "mess"}                                                         // after a negation, the step stays: "don't touch the SMS code"
	asIsWords          = []string{"alone", "unchanged", "untouched", "intact", "is"}                                                            // after "keep"/"leave", the step stays: "leave it as it is", "keep the SMS code unchanged"
	// addedPlaceJoins join a step the sentence adds and a place ruled out of it
	// ("add an email code, it can't be last", "… but the email code can't be
	// last", "… and don't make it the first step", "add an email code (not
	// last)")
	addedPlaceJoins = []string{",", " but ", " and ", " - ", " — ", " – ", " ("}
	// stepSubjectJoins join a clause about a step the flow has to one that
	// adds a step ("add an email code, and the SMS code should come last");
	// addedJoinWords open that clause; stepSubjectVerbs follow its subject
	stepSubjectJoins = []string{", and the ", ", but the ", " and the ", " but the ", ", and our ", ", but our ", ", while the ", ", and then the "}
	addedJoinWords   = []string{"and", "but", "while", "then"}
	// placeSoftenerWords sit around a place ruled out of the step just added
	// without changing it ("just not last", "though not first", "not last,
	// please"); innerPlaceJoins set such a place off inside a sentence
	placeSoftenerWords   = []string{"just", "though", "although", "but", "only", "please", "ideally", "preferably", "thanks", "simply", "and"}
	innerPlaceJoins      = []string{", ", " - ", " — ", " – ", "; "}
	stepSubjectVerbWords = []string{"should", "must", "shall", "will", "needs", "has", "stays", "stay", "remains", "comes", "goes", "is", "can"}
	// stepSubjectKeepWords after that verb make the clause more than a place
	// or a setting of the step the flow has: another run of it ("should be
	// repeated", "run again", "come last as well", "also be done"), a role
	// beside the step just added ("should be the fallback", "is the backup",
	// "will be used when it fails", "should be replaced by it"); read on its
	// own it would move the one step or drop the role, so the sentence stays
	// whole
	stepSubjectKeepWords = []string{"again", "repeated", "repeat", "rerun", "twice", "well", "also", "too", "another", "fallback", "backup", "back", "reserve", "replaced", "replace", "instead", "swapped", "used", "use", "alternative", "secondary", "primary"}
	// placeStatedWords name a place outright ("second", "last", "before the
	// code", "at the end"): with one of them beside a place ruled out ("not
	// last, but second"), the place stated is the one the step takes
	placeStatedWords = []string{"before", "after", "start", "beginning", "end", "front", "between"}
	// placeOutWords rule a place out ("not last", "never first", "neither
	// first"); with no subject before them the place is of the step just
	// added ("add an email code, but not as the final step")
	placeOutWords = []string{"not", "never", "neither"}
	// placeRuleLeadWords open a sentence that rules a place out and are no
	// word of it ("Also, the SMS code must not be the final step", "Plus the
	// email code can't go first"): a discourse lead, never a step to add
	placeRuleLeadWords = []string{"also", "and", "plus", "additionally", "besides", "moreover", "oh", "btw", "finally", "lastly", "ps"}
	// checkNounWords name the checks of a flow as against its questions:
	// "swap the second and third checks" counts the checks alone, "swap steps
	// 1 and 2" every step as the flow lists it
	checkNounWords = []string{"check", "checks", "verification", "verifications"}
	// placeNamedNounWords after two numbered places name what the numbers
	// count ("swap the 1st and 2nd question", "the 2nd and 3rd
	// verification steps"), so the places are not rewritten as steps
	placeNamedNounWords = []string{"question", "questions", "verification", "verifications", "factor", "factors"}
	// boundWithWords before a bound make it go with the step removed ("the
	// email code with its expiry"), not a bound taken off the step
	boundWithWords = []string{"with", "including"}
	// boundVerbWords set a bound as a verb ("don't cap the SMS attempts",
	// "never limit the email code"): ruled out, the bound is taken off
	boundVerbWords = []string{"cap", "limit", "restrict", "throttle"}
	// placeThenModalWords after "it" open the clause that says where a step
	// goes once a place was ruled out ("never put the SMS code last, it
	// should be first"), read as a sentence of its own
	placeThenModalWords = []string{"should", "must", "needs", "has", "goes", "can", "will", "ought"}
	// boundItemLeadWords open an item of a removal's list and are no word of
	// it ("and also the SMS code's cap", ", but not on the email code")
	boundItemLeadWords = []string{"also", "but", "then", "too", "plus"}
	// boundAllWords say a bound is taken off every step named ("the caps on
	// both codes")
	boundAllWords = []string{"both", "all", "every", "each", "codes"}
	// boundStepFillerWords may stand with a step's name in an item that only
	// names a step ("and on the email code too"); any other word makes it a
	// clause of its own, a remark ("the email code is enough")
	boundStepFillerWords = []string{"on", "for", "of", "also", "too", "both", "code", "codes", "check", "checks", "scan", "one-time", "otp", "otps", "sms", "email"}
	// boundOpenWords open an item of a removal's list that names a bound
	// rather than a step or an instruction of its own ("and the attempt cap
	// on …", "and any retry limit on …")
	boundOpenWords = []string{"the", "its", "their", "any", "that", "this", "all", "both", "every", "each"}
	// addedRefWords stand for the steps the sentence before added ("add an
	// ID scan. it can't go first", "add both codes. they can't be last")
	addedRefWords = []string{"it", "they", "them", "both", "neither"}
	// stepFineWords after a linking verb (fineLinkWords) say a step of the flow is
	// fine as it stands ("sms is fine as is", "the liveness check looks good",
	// "email code is ok where it was"): a remark that keeps it, never a removal
	stepFineWords      = []string{"fine", "ok", "okay", "good", "great", "alright", "perfect", "unchanged", "untouched", "intact"}
	fineLinkWords      = []string{"is", "are", "was", "were", "looks", "look", "seems", "seem", "stays", "stay", "remains", "remain"}
	searchVerbWords    = []string{"search", "searching", "searches", "searched", "lookup"}                                                                                                                                                                                                    // with people as its object, a 1:N search: "instead of searching everyone", "search all our users"
	nothingViaWords    = []string{"goes", "go", "gets", "get", "sent", "send", "comes", "come", "travels", "delivered", "texted", "emailed", "via", "over", "by", "through"}                                                                                                                  // after "nothing" (an aux between), a channel ruled out: "nothing goes over email", "nothing should be sent by SMS"
	negAuxWords        = []string{"isnt", "arent", "wont", "mustnt", "shouldnt", "cant", "cannot", "never", "doesnt", "dont"}                                                                                                                                                                 // a negated auxiliary that stands for "… not"
	labelWords         = []string{"2fa", "mfa", "twofactor"}                                                                                                                                                                                                                                  // name the need for a code, not its place
	labelForWords      = []string{"for", "at"}                                                                                                                                                                                                                                                // "MFA for the ops VPN", "2FA at checkout": after a label, what the factor protects; the label names the flow's purpose
	loginWords         = []string{"login", "signin", "logon", "logins", "signins"}                                                                                                                                                                                                            // beside a label ("2FA at login") the label names the flow's purpose
	reportVerbWords    = []string{"says", "said", "told", "tells", "complain", "complains", "complained", "flagged", "reported", "reports", "noticed", "mentioned", "show", "shows", "showed", "suggest", "suggests", "indicate", "indicates", "found", "discovered", "realised", "realized"} // "Support says …", "users complained …": what someone reported, the reason for a change
	restWords          = []string{"anything", "else", "otherwise", "rest", "everything", "nothing", "other", "further", "new"}                                                                                                                                                                // "don't add anything", "same steps otherwise": the rest of the flow
	keepRestWords      = []string{"same", "keep", "leave", "unchanged", "untouched", "stays", "stay", "changes", "change", "add", "touch"}                                                                                                                                                    // … said to stay as it is
	stepHeadWords      = []string{"scan", "check", "step", "verification", "node", "code", "otp", "card", "cards", "codes", "otps", "scans", "checks"}                                                                                                                                        // the head noun after a step's name ("the passport scan never shows up", "email codes will no longer be used"): the subject is the name before it
	mainPathPhrases    = []string{"happy path", "main path", "success path", "normal path", "golden path", "recognised path", "recognized path", "known path"}                                                                                                                                // an exclusion said of this path leaves the branches alone
	ceaseVerbWords     = []string{"stop", "quit", "cease"}                                                                                                                                                                                                                                    // before a gerund, a negation: "stop making returning customers re-upload their ID"
	offScopePhrases    = []string{"out of scope", "not in scope", "non goals", "nongoals", "exclusions", "wont have", "will not have", "wont haves"}                                                                                                                                          // a heading whose list is kept out of the flow ("## Out of scope\n- Document scanning")
	channelMeansWords  = []string{"provider", "providers", "gateway", "gateways", "vendor", "carrier", "carriers", "network", "networks"}                                                                                                                                                     // after a channel's name, what carries it ("our SMS provider doesn't deliver there"): the subject is the channel
	channelWorkWords   = []string{"arrive", "deliver", "work", "get", "go", "reach"}                                                                                                                                                                                                          // after "don't"/"doesn't", the verb of a channel getting through ("texts don't arrive"): as a fact, the channel is ruled out
	subjectAdverbWords = []string{"simply", "just", "always", "still", "really", "reliably", "even", "ever", "literally", "basically", "actually", "clearly", "obviously"}                                                                                                                    // between a subject and its negated auxiliary ("our SMS provider simply doesn't deliver")
	nowPhrases         = []string{"right now", "currently", "today", "at the moment", "at present", "as of today", "as things stand"}                                                                                                                                                         // with "there is no …", the state of things before the flow ("there is no age check at all right now"): background, not an exclusion
	asideLeadPhrases   = []string{"while youre in there", "while youre at it", "while you are at it", "while you are in there", "whilst youre at it", "while were at it", "while we are at it"}                                                                                               // between "and" and the verb of a change of its own ("…, and while you're in there drop the email OTP")
	restrictVerbWords  = []string{"restrict", "limit", "narrow", "lock"}                                                                                                                                                                                                                      // after "and", a change of a step's setting of its own ("add a liveness check at the start and restrict the document to passports only")
	reciprocalPhrases  = []string{"each other", "one another"}                                                                                                                                                                                                                                // after a swap's two steps, an exchange of the two ("swap the email code and the SMS code with each other"), not a replacement by what follows "with"
	oldPlaceWords      = []string{"was", "were", "used", "sat", "stood", "went", "is"}                                                                                                                                                                                                        // after "where …", the place a replaced step had ("put it where the SMS one was")
	incidentWords      = []string{"case", "cases", "incident", "incidents", "breach", "attack", "attacks", "spate", "wave", "complaint", "complaints", "situation"}                                                                                                                           // after a speaker's past verb, a story ("we had a case where the fraudster coached the victim …"), background
	callPrepWords      = []string{"over"}                                                                                                                                                                                                                                                     // before "the phone", a call ("coached them over the phone"), not a code sent to it
	barredPhrases      = []string{"off the table", "out of the question", "off limits", "offlimits", "a no go", "a nogo", "banned", "forbidden", "prohibited", "disallowed", "ruled out"}                                                                                                     // after "is"/"are", a predicate that rules its subject out ("email is off the table", "SMS is banned")
	negScopeEndPhrases = []string{"so", "therefore", "hence", "thus", "consequently", "which means", "that means", "meaning", "and that", "and whether"}                                                                                                                                      // a consequence clause, or a second thing to make sure of, opens here and a negation before it stops ("they can't get texts so do an email code", "the ID isn't tampered with and that the holder is them")
	// a bare negation is such a heading only before a colon ("MUST NOT: anything
	// over SMS", "Not allowed: SMS"); alone it answers a question ("Should we text
	// them? Don't.")
	offScopeColonPhrases = []string{"excluded", "must not", "mustnt", "must not have", "must not use", "should not", "shouldnt", "not allowed", "not permitted", "forbidden", "prohibited", "do not", "dont", "do not use", "dont use", "never", "wont do", "will not do", "not wanted", "not needed", "wont", "wont have", "will not", "will not have", "wont be done", "not doing"}
	doNotWords           = []string{"dont", "doesnt", "didnt"}                                                                                                                                                                             // a negated "do" before a verb ("we don't need the ID"): the negation is of what follows
	sceneGivenWords      = []string{"given"}                                                                                                                                                                                               // a Gherkin scenario's precondition (parse.go): who and where the scenario is, not a branch of its own
	sceneHeadWords       = []string{"scenario", "feature", "story", "outline"}                                                                                                                                                             // a Gherkin heading before its title (parse.go)
	headlineDashWords    = []string{"-", "–", "—"}                                                                                                                                                                                         // after a change log's participle ("SMS removed - no SIM"): what follows is its reason (edit.go)
	acRevisedWords       = []string{"updated", "changed", "amended", "revised", "reworded", "edited", "modified", "now", "becomes", "rewritten", "new"}                                                                                    // "AC1 updated: …": the criterion's new words follow (ticket.go)
	swapGlossOrderWords  = []string{"first", "second", "last", "after", "before", "then", "next", "goes", "comes", "followed"}                                                                                                             // after "swap X and Y:", the order the swap makes ("SMS first, email after it"), said back (ticket.go)
	pairWords            = []string{"two", "both", "2"}                                                                                                                                                                                    // "swap the two codes": a swap that names its pair (ticket.go)
	faceStoreCueWords    = []string{"who", "whom", "whose", "identity", "identify", "face", "faces", "match", "matches", "recognise", "recognize", "person", "them"}                                                                       // what a search of "the database" looks for when it is a face search ("search the DB for a match", "to see who they are")
	faceStoreWords       = []string{"database", "db", "userbase", "gallery"}                                                                                                                                                               // what a search searches, in a FaceSign flow its enrolled faces ("search the database"): parse.go searchesFaceStore
	condNarrowWords      = []string{"delivered", "deliver", "arrive", "arrives", "arrived", "received", "receive", "wrong", "incorrect", "expired", "expires", "timeout", "times", "typo", "mistyped", "bounced", "bounce", "undelivered"} // in a bracket after a condition, which failure it is ("fails (not delivered)"): the bracket narrows it and stays (lexicon.go condGlossEnd)
	needTailWords        = []string{"anymore", "now", "here", "either", "at", "all", "really", "any", "more", "today"}                                                                                                                     // what may follow "no longer needed" at its clause's end ("… no longer needed at all"): anything else qualifies the need (parse.go needEnds)
	noLongerTailWords    = []string{"longer", "more"}                                                                                                                                                                                      // "no longer needed", "no more required": a need that has ended (parse.go)
	// a ticket's MoSCoW label of a wanted item ("Must:", "Should have:",
	// "Could:"), dropped before its item (ticket.go); "Won't:" is an off-scope
	// heading above
	moscowWantPhrases = []string{"must", "must have", "should", "should have", "could", "could have", "nice to have", "musthave", "shouldhave", "couldhave"}
	// a user story's line (ticket.go): how it opens and the want it states
	storyLeadPrefixes = []string{"as a ", "as an ", "as the "}
	storyWantPhrases  = []string{" i want", " i need", " i would like", " id like", " i'd like", " we want", " we need", " i wanna", " i should be able", " i can "}
	storyOrderPhrases = []string{", then ", " and then ", " then ", "followed by", "after that"} // a story that orders its own steps ("scan their passport, then do liveness"): its order stands (ticket.go storyOrders)
	// verdicts that meeting notes give a proposal after naming it ("Tom asked
	// about SMS instead — rejected", "email OTP: dropped (users complained)",
	// "the doc scan idea was shot down"): what it names is ruled out
	// (parse.go, dropVerdicts). A strong verdict says so of a step alone ("SMS
	// was scrapped"); a weak one is also what a check does to a user ("fakes
	// are rejected"), so it needs a proposal's word before it or to stand as
	// its own item after a dash or colon.
	strongVerdictPhrases = []string{"dropped", "scrapped", "nixed", "vetoed", "shelved", "ditched", "binned", "killed", "ruled out", "shot down", "voted down", "turned down", "struck down", "canned"}
	weakVerdictPhrases   = []string{"rejected", "declined", "overruled", "not agreed", "not approved", "no go", "nogo", "a no"}
	// proposalWords before a weak verdict make what it names a proposal ("Tom's
	// idea of a doc scan was rejected", "email code was discussed and rejected")
	proposalWords = []string{"idea", "ideas", "suggestion", "suggestions", "suggested", "proposal", "proposals", "proposed", "pitched", "floated", "raised", "discussed", "considered", "asked", "wanted", "option", "instead", "alternative"}
	// parkedPhrases leave a question open, as a verdict after it ("… parked till
	// next sprint") or as the heading of what is left open ("Parked: …", "Open
	// q: …"): not a step, and not ruled out either
	parkedPhrases = []string{"parked", "deferred", "tabled", "postponed", "punted", "open question", "open questions", "open q", "open qs", "open item", "open items", "tbd", "to be decided", "undecided", "not decided", "still open", "left open"}
	// checkOutcomeWords in what a verdict judges make it what a check does to a
	// user or an attack, not a proposal turned down ("Spoofed faces: rejected",
	// "Expired IDs are dropped", "a wrong SMS code is rejected", "Failed SMS
	// code: declined", "users with no face in frame — declined", "alternative
	// documents like library cards — rejected"): the check stays
	checkOutcomeWords = []string{"spoof", "spoofs", "spoofed", "spoofing", "deepfake", "deepfakes", "fake", "fakes", "faked", "forged", "forgery", "forgeries", "fraudulent", "tampered",
		"failed", "failing", "fails", "failure", "failures", "wrong", "incorrect", "invalid", "expired", "mismatched", "mismatch", "attempt", "attempts", "attack", "attacks", "attacker", "attackers",
		"fraudster", "fraudsters", "impostor", "impostors", "imposter", "imposters", "user", "users", "customers", "people", "below", "under", "documents", "cards", "faces", "photos", "selfies"}
	// verdictUndoWords after a verdict reverse or limit it ("previously
	// rejected, now approved", "dropped, now back in", "no go for EU users",
	// "dropped if the user has no phone"): no verdict on the step for all users
	verdictUndoWords = []string{"now", "back", "approved", "reinstated", "restored", "revived", "unparked", "readded", "only", "except", "unless", "if", "when", "whenever", "where"}
	// verdictPastWords before a verdict make it a past one ("previously
	// dropped"): the notes' current word is what counts
	verdictPastWords = []string{"previously", "formerly", "originally", "initially", "once", "earlier"}
	// verdictAdjLeadWords before a verdict's word make it an adjective of a noun
	// ("for parked car owners", "with canned responses"), not a verdict
	verdictAdjLeadWords = []string{"for", "with", "of", "to", "from", "about", "on", "in", "at", "into", "the", "a", "an", "our", "their", "your", "my", "his", "her", "its", "these", "those", "some", "any"}
	// laterChangePhrases put a change the speaker announces later ("we're removing
	// the ID scan next quarter, not now"): no change now
	laterChangePhrases = []string{"not now", "not yet", "next quarter", "next sprint", "next month", "next year", "next release", "next week", "later this year", "later on", "in the future", "down the line", "down the road", "at some point", "still deciding", "still discussing", "still debating"}
	// swapCountWords after a bare "swap 2 and 3" make its numbers counts of
	// something other than steps ("switch 2 and 3 digits on the code", "swap 2
	// and 3 attempts"): no swap of steps (edit.go, bareSwapPlaces)
	swapCountWords = []string{"digit", "digits", "attempt", "attempts", "try", "tries", "retries", "time", "times", "second", "seconds", "secs", "minute", "minutes", "mins", "hour", "hours", "character", "characters", "chars", "letter", "letters", "number", "numbers", "days", "percent"}
	// noneItemWords after an open-items heading say no item is open ("TBD:
	// none, just remove the SMS", "Parked: nothing."): edit.go, dropOpenItems
	noneItemWords = []string{"none", "nothing", "n/a", "na", "nil", "nada", "zero"}
	// verdictAuxWords may stand between what a verdict judges and the verdict
	// ("was rejected", "got dropped", "has been shelved", "discussed and rejected")
	verdictAuxWords     = []string{"was", "were", "is", "are", "got", "gets", "been", "has", "have", "had", "and", "but", "then", "also", "both", "all", "unanimously", "quickly", "eventually", "finally", "discussed", "considered"}
	laterPhrases        = []string{"next time", "next session", "next sessions", "next login", "next visit", "next visits", "from now on", "from then on", "going forward", "on future visits", "on later visits"} // "so we can recognise them on site from now on": a time after this session, what the step is for
	ageComparativeWords = []string{"under", "below", "over", "above", "younger", "older", "between"}
	notAgeWords         = []string{"threshold", "score", "percent", "transfer", "amount", "payment", "withdrawal", "transaction", "balance", "limit", "km", "miles", "kg"} // "over 50" is no age next to these
	unitLemmas          = []string{"digit", "minute", "second", "hour", "attempt"}                                                                                         // setting units (settings.go)
	reasonOpenWords     = []string{"since", "because", "cause", "coz", "as"}                                                                                               // open a reason clause
	// reasonLabelWords head a sentence that gives the request's reason
	// ("Reasoning: no liveness => deepfakes get in", "Why: without it …"):
	// what it names is why, never a step or a step ruled out
	reasonLabelWords     = []string{"why", "reason", "reasons", "reasoning", "rationale", "justification", "motivation"}
	hypotheticalWords    = []string{"would", "could", "might", "may", "wouldnt", "couldnt", "cant", "cannot"}                                                                                                                                                           // "since the SMS would go to the old phone": a reason, not a request
	doVerbLemmas         = []string{"compare", "match", "scan", "recognize", "identify", "verify", "send", "ask"}                                                                                                                                                       // after a removal and a comma, open what the flow does now ("drop the selfie, just compare the ID photo with the video")
	stepVerbLemmas       = []string{"scan", "take", "compare", "match", "recognize", "identify", "verify", "validate", "ask", "confirm", "explain", "greet", "send", "collect", "sms", "email", "liveness", "spoof"}                                                    // a gerund of these names a step
	ingAdjectiveWords    = []string{"outgoing", "incoming", "ongoing", "upcoming", "existing", "remaining", "pending", "returning", "missing", "leading", "trading", "banking", "recurring", "corresponding", "matching", "following", "working", "passing", "failing"} // adjectives in -ing, not a context gerund
	removeVerbWords      = []string{"remove", "undo", "delete", "drop", "eliminate", "cut", "ditch", "rid", "lose", "rip", "strip", "scrap", "nix", "kill", "stop", "scratch", "strike"}                                                                                // a change that removes steps
	passiveAuxWords      = []string{"is", "are", "be", "been", "being", "get", "gets", "got", "both", "all", "also", "simply", "just"}                                                                                                                                  // "the ID scan and the SMS code are both taken out": a change said in the passive
	acceptVerbWords      = []string{"accept", "accepts", "accepted", "accepting", "allowing", "supporting", "allow", "allows", "allowed", "support", "supports", "take", "takes", "types", "kinds", "also", "too", "well"}                                              // a change to what a step accepts
	notEmailAddressWords = []string{"home", "street", "postal", "mailing", "billing", "wallet", "ip", "physical", "residential", "card", "account"}                                                                                                                     // an address or number that is no code's destination
	otherwiseWords       = []string{"otherwise", "else", "elsewise"}                                                                                                                                                                                                    // the other side of a condition
	anyOneWords          = []string{"any", "anything", "every", "each", "either", "something", "whichever", "whatever", "all"}                                                                                                                                          // "if any of them fails": not one step of them
	elseWords            = []string{"else", "other", "others"}                                                                                                                                                                                                          // "everybody else": the rest of a population
	pairDetWords         = []string{"the", "these", "those", "both"}                                                                                                                                                                                                    // "compare the 2": a pair
	settingLeadWords     = []string{"with", "w", "a", "an", "the", "using", "at"}                                                                                                                                                                                       // "compare w/ a 0.85 threshold": a step named with nothing but its settings
	linkWords            = []string{"of", "at", "is", "to", "=", "set", "be", "around", "about", "least", "minimum", "min", "no", "not", "less", "lower", "than", "above", "over", "or", "should", "must", "will", "shall", "needs", "exactly"}                         // "a threshold of 0.9": words between a setting and its number
	becomesWords         = []string{"gets", "get", "got", "is", "are", "be", "been", "becomes", "become", "theyre", "its"}                                                                                                                                              // "so the face gets enrolled": a passive result
	ownershipWords       = []string{"ownership", "verification", "control"}                                                                                                                                                                                             // "verify ownership of the number"
)

// Words of corrections made mid-message ("hmm no — at the start", "ignore
// what I said about the age check"): what a retraction takes back (see
// retraction and retake in edit.go).
var (
	hesitationWords = []string{"hmm", "hm", "oh", "ok", "okay", "ugh", "um", "uh", "erm", "ah", "yeah"} // sounds before a retraction's "no" ("hmm no — at the start"): no words of the instruction
	// after a bare "no," these say the writer goes on, not that they take back
	// what they said ("oh no, I forgot — also add a selfie", "no, the users have
	// no phones, so don't add an SMS code either")
	noGoOnWords = []string{"also", "too", "well", "either", "forgot"}
	// a bare "no," before these agrees with what was said ("yeah, no, that is
	// all", "no, no, that's right")
	agreeLeadWords    = []string{"that", "thats", "that's", "that’s"}
	retractAboutWords = []string{"ignore", "forget", "disregard"}                        // "ignore what I said about the age check": a retraction that names what it takes back
	saidWords         = []string{"said", "wrote", "mentioned", "asked", "typed", "told"} // "what I said about …": the earlier words a retraction names
	objectPrepWords   = []string{"with", "to", "for", "by", "via", "into"}               // "replace the scan with a selfie — no wait, with recognition": what a retraction from the preposition on replaces
)

// topicWords: the words that give a question its topic (parse.go, topicsOf);
// security, willing and card words count only in context there.
var topicWords = map[topic][]string{
	tTransfer: {"transfer", "transfers", "transaction", "transactions", "payment", "recipient", "payee", "amount", "beneficiary", "withdrawal", "details", "payout"},
	tWallet:   {"wallet", "destination"},
	tSecurity: {"security", "knowledge", "secret"},
	tName:     {"name", "surname", "forename"},
	tWilling:  {"willingly", "willing", "voluntarily", "willingness", "will"},
	tReason:   {"why", "reason", "purpose"},
	tFuture:   {"future", "later"},
	tCard:     {"card", "digits"},
	tAddress:  {"address"},
	tConsent:  {"consent", "consents", "gdpr"},
}

// Words of clause structure (parse.go).
var (
	policyFailWords      = []string{"fail", "fails", "failed", "failing", "failure", "failures", "unsuccessful", "otherwise"}                                                                                                                  // a clause about what a failure does
	pairRefWords         = []string{"two", "both", "them", "em", "those", "these"}                                                                                                                                                             // "compare the two": the images named before
	linePlaceTails       = []string{" at the very end", " at the end", " in the end", " at the end of the session", " at the end of the flow", " at the very start", " at the start", " at the very beginning", " at the beginning", " first"} // "say goodbye at the very end", "reads the rules (no headphones) first": where a line goes, cut from what it says
	possessiveWords      = []string{"their", "your", "his", "her", "my", "our"}                                                                                                                                                                // "their first": an ordinal of theirs, not a place in the flow
	stayVerbWords        = []string{"stay", "stays", "remain", "remains"}                                                                                                                                                                      // "liveness and the code stay": the steps named stay as they are
	shortNameWords       = []string{"id", "dl"}                                                                                                                                                                                                // two-letter names that may open a word run together ("idscan")
	groupRefWords        = []string{"both", "them", "those", "these"}                                                                                                                                                                          // "take both out": the steps the sentence before named
	backRefWords         = []string{"it", "them", "those", "these"}                                                                                                                                                                            // a pronoun pointing back at the clause before
	refPronounWords      = []string{"it", "either", "both", "each"}                                                                                                                                                                            // after "before"/"after": the steps the text named last ("in front of it", "before either of them")
	heldImageWords       = []string{"pass", "passed", "profile", "file", "reference", "stored", "existing"}                                                                                                                                    // an image the integrator holds
	speakerWords         = []string{"we", "i", "weve", "ive"}                                                                                                                                                                                  // who tells a story ("we tried SMS before")
	wishWords            = []string{"want", "need", "should", "must", "please", "like", "let", "lets", "will", "would"}                                                                                                                        // … or asks for something
	statementVerbWords   = []string{"is", "are", "was", "were", "isnt", "arent", "wasnt", "werent", "has", "had", "got", "did", "lost", "came", "went", "kept", "seemed", "looked", "complained", "suffices", "satisfies", "covers", "meets"}  // a finite verb of a statement about the flow ("the scans we got were blurry", "liveness on its own satisfies the auditors"), not an instruction
	modifierPrepWords    = []string{"against", "of", "with", "from", "by", "via", "using", "on", "for", "in", "through", "across", "among"}                                                                                                    // open a phrase that qualifies a step named before it ("recognition against enrolled faces is not used")
	placeBeforeWords     = []string{"in", "across", "other", "some", "many", "most", "several", "all", "few", "per", "between"}                                                                                                                // before "states": the places ("in 3 states"), not the verb
	determinerWords      = []string{"the", "a", "an", "that", "this", "these", "those", "their", "his", "her", "your", "our", "its", "my", "each", "every", "same", "recent", "reference", "official"}                                         // before a noun: "the photograph" is an image, "photograph their ID" a scan
	swapForWords         = []string{"swap", "substitute", "trade", "exchange", "exchanging", "trading", "swapping"}                                                                                                                            // "trade the text code for an email one": the step before "for"/"with" goes, the one after comes
	deviceWords          = []string{"camera", "cam", "webcam", "lens", "screen", "monitor", "kiosk", "tablet", "ipad", "phone", "laptop", "computer", "device", "terminal", "desk", "counter", "door", "mirror"}                               // "the face in front of the camera": where the user stands, not a place in the flow
	placeNounWords       = []string{"place", "spot", "position", "slot", "point", "location", "stage", "stead", "order", "positions", "spots"}                                                                                                 // "in the same spot": where a step goes, not a comparison
	subjectDetWords      = []string{"our", "the", "most", "many", "some", "half", "a", "lot", "lots", "of", "all", "these", "those", "my", "your", "their", "older", "younger", "few", "several"}                                              // before the people a statement is about ("most of our users …")
	habitVerbWords       = []string{"use", "prefer", "rely", "trust", "have", "own", "carry", "share", "change", "switch", "lose", "forget", "hate", "love", "ignore"}                                                                         // what users do, said of them ("our users use the phone more than the email"), no instruction
	assignVerbWords      = []string{"get", "gets", "receive", "receives", "go", "goes", "undergo", "undergoes", "pass", "do", "does", "see", "sees", "take", "takes"}                                                                          // … but a step given to them ("users get an SMS code") is one
	askModalWords        = []string{"can", "could", "shall", "may", "might", "ought", "wanna", "gotta", "needs", "wants"}                                                                                                                      // … what turns a statement into a request
	formerWords          = []string{"old", "previous", "former", "legacy", "last"}                                                                                                                                                             // "our old vendor texted a code": the system being replaced
	pastTimeWords        = []string{"before", "previously", "earlier", "past", "formerly", "historically", "traditionally"}                                                                                                                    // when the story happened
	amongWords           = []string{"in", "among", "amongst", "across", "within"}                                                                                                                                                              // "among the people we registered": a search
	meansWords           = []string{"by", "via", "using", "with"}                                                                                                                                                                              // "check by face", "verify with an ID"
	withWords            = []string{"via", "using", "with"}                                                                                                                                                                                    // "verify sellers with an ID and a selfie"
	subjectPronounWords  = []string{"it", "they", "he", "she", "you", "we", "theyve", "theyre", "its"}                                                                                                                                         // "before it fails", "after they give up": the subject of a clause of time
	refFollowWords       = []string{"please", "too", "instead", "as", "in", "on", "at", "for", "the", "a", "an", "again", "now", "there"}                                                                                                      // … words that follow a step pointed at ("put it before it please"), no clause
	defaultsWords        = []string{"default", "defaults", "settings", "setting", "standard", "usual", "stock", "config", "configuration"}                                                                                                     // before "except": the one setting that differs ("default settings except the code expires in 15 minutes")
	realThingWords       = []string{"email", "phone", "sms", "account", "iban", "card", "code", "link", "payment", "transfer", "signature"}                                                                                                    // lemmas of things said to be real ("the number is real"), beside the data fields and documents
	codeLineWords        = []string{"code", "codes", "otp", "passcode", "valid", "lasts", "expired", "expiring", "enter"}                                                                                                                      // in a line the avatar says: it speaks of the code, whose setting a number there is ("it only lasts 10 minutes")
	realClaimLeadWords   = []string{"sure", "check", "checks", "verify", "verifies", "confirm", "confirms", "ensure", "ensures", "that", "whether", "if", "see", "prove", "proves", "test", "certain"}                                         // before the thing said to be real: "be sure the number is real", "check the email is genuine"
	holderPrepWords      = []string{"in", "on", "under"}                                                                                                                                                                                       // before whose name a thing is held: "the IBAN is on his own name"
	ownerPossessiveWords = []string{"their", "his", "her", "your"}                                                                                                                                                                             // before "own": whose the document is ("the document is their own")
	beFormWords          = []string{"is", "are", "was", "were", "be", "its", "thats", "isnt", "arent"}                                                                                                                                         // before "their own": "own" said of the thing ("the ID is their own")
	doneEarlierWords     = []string{"already", "previously", "earlier"}                                                                                                                                                                        // "is already done": before this flow
	doneWordWords        = []string{"done", "complete", "completed", "handled", "covered", "finished", "sorted"}                                                                                                                               // "Tier 1 (email + phone) is already done"
	doneCheckWords       = []string{"verified", "checked", "confirmed", "validated"}                                                                                                                                                           // "email is already verified by Cognito": said of the clause's own subject only
	relativeWords        = []string{"which", "that", "who", "whose"}                                                                                                                                                                           // before a be-verb, what the clause describes ("the number on file, which is already verified")
	successLeadWords     = []string{"on", "if", "when", "once"}                                                                                                                                                                                // "On match go straight to the end"
	successWordWords     = []string{"success", "successful", "pass", "passes", "passed", "verified"}                                                                                                                                           // after a lead: the check went through
	storySubjectWords    = []string{"it", "those", "these", "that", "both", "all"}                                                                                                                                                             // "it failed our audit": what a story's thing did
	personPronounWords   = []string{"them", "they", "their", "theyre"}                                                                                                                                                                         // "give them …": the people a condition before named
	doneSubjectWords     = []string{"it", "its", "that", "thats", "this", "those", "these"}                                                                                                                                                    // "once that's verified, run …": the step just named is the subject of the time clause
	otherBiometricWords  = []string{"voice", "voices", "voiceprint", "voiceprints", "fingerprint", "fingerprints", "thumbprint", "iris", "irises", "retina", "palmprint", "handprint", "gait"}                                                 // a trait FaceSign cannot match (it checks faces, documents and codes): "their voice matches the voiceprint we hold"
	omitVerbWords        = []string{"leave", "keep", "cut"}                                                                                                                                                                                    // with a particle after its object, leaving it out ("leave phones out of it")
	omitParticleWords    = []string{"out", "off"}                                                                                                                                                                                              // … the particle
	omitAfterWords       = []string{"of", "entirely", "altogether", "completely", "totally", "please", "too", "for", "here", "there", "pls", "plz", "as", "since", "because"}                                                                  // … and what may follow it
	resultLeadWords      = []string{"so", "meaning", "thus", "hence", "therefore"}                                                                                                                                                             // after a swap, what it leads to ("swap them so the email one comes first")
	passiveBeforeWords   = []string{"preceded", "preceeded", "prefaced", "prefixed"}                                                                                                                                                           // before "by": the steps after it come before the ones named just before ("an SMS code, preceded by a liveness check")
)

// Lemma sets the parse, detection and edit stages test a token's lemma (its w)
// against, each named for what its lemmas mean there.
var (
	indirectAskLemmas    = lemmaSet("ask", "explain", "confirm", "verify")                                 // "ask if they agree", "check if we know them": an "if" after one opens an indirect question, not a condition
	nameOrderLemmas      = lemmaSet("first", "finally")                                                    // "the first and last name": order words that are also parts of a name
	channelVerbLemmas    = lemmaSet("email", "sms")                                                        // "email them", "text the user": channels that are verbs only with an object
	channelLemmas        = lemmaSet("email", "sms", "phone")                                               // a code's channel named after it ("a code to their phone")
	docTypeLemmas        = lemmaSet(append([]string{"driver", "card"}, docLemmas...)...)                   // words that name a document type ("driver's license", "ID card")
	faceLemmas           = lemmaSet("face", "selfie")                                                      // a face, as the flow scans it
	imageLemmas          = lemmaSet("photo", "selfie")                                                     // an image a comparison may read
	liveSideLemmas       = lemmaSet("camera", "person", "live")                                            // the live side of a comparison ("the person on camera")
	faceTalkLemmas       = lemmaSet("face", "photo", "selfie", "person", "recognize", "video")             // a comparison about faces, not data ("against the live video")
	faceContextLemmas    = lemmaSet("face", "photo", "selfie", "person", "liveness")                       // a clause that talks about faces or photos
	docModifierLemmas    = lemmaSet("driver", "government", "residence", "id")                             // words before a document's name that are part of it ("driving licence")
	betweenCompareLemmas = []string{"compare", "match", "same"}                                            // "compare the photos between them": "between" says what a comparison compares, not where a step goes
	compareVerbLemmas    = []string{"compare", "match", "against", "same", "search", "verify", "identify"} // the verb a comparison or a search hangs from
	comparingLemmas      = lemmaSet("compare", "against", "match", "same")                                 // a clause that compares or matches
	requestVerbLemmas    = lemmaSet("verify", "validate", "need", "collect")                               // verbs that ask for something ("we need …", "verify …")
	confirmVerbLemmas    = lemmaSet("verify", "confirm", "validate")                                       // "verify it": the thing just collected is confirmed
	// a participle of a check verb states a check already done ("their verified
	// phone number is on file", "the number was confirmed at signup"), not one asked for
	checkedStateWords = wordSet([]string{"verified", "confirmed", "validated"})
	negationLemmas    = lemmaSet("no", "without")                                                           // lemmas that open a negation ("no SMS", "without the ID")
	negOrFailLemmas   = lemmaSet("no", "fail")                                                              // in a condition, the check before did not pass
	checkVerbLemmas   = lemmaSet("verify", "compare", "confirm", "validate")                                // "after the scan check from the date of birth …": a verb that starts an instruction
	orderRefLemmas    = lemmaSet("before", "after")                                                         // "before the liveness check": a place relative to a step
	enrollLemmas      = lemmaSet("enroll", "enrolled")                                                      // "so the face gets enrolled": the result of a step
	lookupLemmas      = lemmaSet("recognize", "compare", "match", "search", "against", "identify", "later") // a lookup among faces, which is no enrolment result
	removalEndLemmas  = lemmaSet("but", "instead", "only")                                                  // "remove passports but allow ID cards": the end of a removal's list
	selfLemmas        = lemmaSet("face", "person")                                                          // "the face on it is the face in front of the camera": the user themself
	deviceAskLemmas   = lemmaSet("ask", "need")                                                             // "ask for the camera": a request for a device
	outcomeLemmas     = lemmaSet("match", "pass", "send")                                                   // "if it doesn't match", "if the code is not sent": a step's outcome, negated in a condition
	phrasalEditVerbs  = lemmaSet("take", "get")                                                             // "take out the ID scan", "get rid of the SMS": edit verbs with a particle
)

// lemmaSet is a named set of lemmas.
func lemmaSet(ws ...string) map[string]bool { return wordSet(ws) }

// placeNounKinds: lemmas of nouns that several steps share, with the kinds they
// name: "the second code", "the first scan" pick one of those by its place.
var placeNounKinds = map[string][]kind{"code": {kEmailOTP, kSMSOTP, kOTP}, "scan": {kDocument, kFaceScan}}

// speechNounWords name a line the avatar says: a quote after one ("Avatar line 1: "Hi!"", "the script: "…"") is said as written.
var speechNounWords = []string{"line", "lines", "script", "wording", "prompt", "placeholder"}

// idCardWords, before "card", make it an identity document the scan reads
// ("ID card", "national card", "green card"); any other word names a card of
// the integrator's world ("insurance card", "membership card") whose photo
// the document scan cannot read.
var idCardWords = map[string]bool{"id": true, "identity": true, "national": true, "government": true, "governmentissued": true, "citizen": true,
	"citizenship": true, "residence": true, "residency": true, "green": true, "voter": true, "military": true, "passport": true, "photo": true,
	"driving": true, "driver": true, "drivers": true, "licence": true, "license": true, "dl": true, "permit": true, "visa": true}

// whyLineWords, after a verb of explaining, open the line it says ("explaining
// why we're re-checking them on a new phone", "explain how the code works").
var whyLineWords = []string{"why", "how"}

// whWords open an indirect question or statement that needs no "that" before it.
var whWords = map[string]bool{"why": true, "how": true, "what": true, "when": true, "where": true, "who": true, "which": true, "whether": true, "if": true}

// agePlusEnd may follow "21 plus" said as an age ("he is 21 plus and then a
// liveness check", "18 plus only"): no step it would add.
var agePlusEnd = map[string]bool{"and": true, "then": true, "only": true, "or": true, "so": true, "but": true, "please": true, "years": true, "yo": true, "to": true}

// changeIntoVerb, with "to" or "into" between two steps, makes the first the
// second ("change the face scan into a liveness check", "turn the text code
// into an email code", "convert the selfie to a liveness check").
var changeIntoVerb = map[string]bool{"change": true, "changing": true, "turn": true, "turning": true, "convert": true, "converting": true}

// andLead may stand between "and" and the verb of a change of its own: "and
// then put …", "and also add …", "keep the email entry and just remove the
// code".
var andLead = map[string]bool{"then": true, "also": true, "just": true, "simply": true}

// unstemmed are words of their own that only look like a lemma with an
// ending: "his face will be used only for …" has no plural of "hi" in it.
var unstemmed = map[string]bool{"his": true}

// dutyModal after a person opens a requirement of its own ("and also the
// customer must be screened against the sanctions list", "and he has to hold
// the card up").
var dutyModal = map[string]bool{"must": true, "should": true, "shall": true, "needs": true, "has": true, "have": true}

// nowTurn before "now" turns from what was to what the flow does ("people
// kept losing it so now the code goes by text", "but now we want SMS").
var nowTurn = map[string]bool{"so": true, "but": true, "and": true}

// lineWith, after a verb of greeting or closing, brings the line it says
// ("greet them with "…"", "greet them using the following words '…'", "close
// in these words: …").
var lineWith = map[string]bool{"with": true, "using": true, "in": true}

// quoteNounWords name a text shown or read that a quotation right after them
// gives ("ask for camera permission with the text "We need your camera"",
// "capture instructions: "remove glasses and hats""): the words as written.
var quoteNounWords = []string{"text", "copy", "message", "caption", "instruction", "instructions", "wording", "words", "phrase", "sentence"} // "greet with exactly these words '…'"

// bulletMarks open an item of a bulleted list ("- email entry", "• sms
// code: gone").
var bulletMarks = []string{"- ", "* ", "• ", "· ", "– "}

// captureLabelWords may head the label of a face scan's capture instructions
// ("capture instructions:", "set the face scan's capture instructions to
// …"); captureTellWords open the user's part said as an order to them ("tell
// them to remove glasses": "Remove glasses").
var captureLabelWords = []string{"capture", "face", "scan", "scan's", "scans", "selfie", "selfie's", "the", "its", "set", "change", "update", "make", "for", "new", "add", "and", "also", "plus"}
var captureTellWords = []string{"tell", "ask", "remind", "instruct", "get", "have"}

// toUserWords say to the user what was said of them ("tell them to take off
// their glasses": "Take off your glasses").
var toUserWords = map[string]string{"their": "your", "them": "you", "they": "you", "themselves": "yourself", "theirs": "yours"}

// lineNounWords name what the avatar says in a change that rewords it ("reword
// that denied-camera message to: …").
var lineNounWords = []string{"message", "messages", "line", "lines", "wording", "script"}

// outcomeDoneWords: a participle that, negated in a condition, says the step
// before did not succeed ("in the event that the SMS code is not verified",
// "if the code isn't confirmed").
var outcomeDoneWords = []string{"verified", "validated", "confirmed", "completed"}

// afterWhichWords: before "which", a word that makes what follows the next
// step ("a liveness check, after which an SMS OTP is sent", "following which").
var afterWhichWords = []string{"after", "following", "upon"}

// purposeOpenWords open what an address is for, after the address itself ("type
// in their email address so we can send them our policy", "the email address
// where we should send receipts"): a "send" after one is not a code sent to it.
var purposeOpenWords = []string{"so", "where", "which", "because", "for"}

// askedPersonWords, before "if", are the person asked ("ask them if …",
// "asking him if this email is his contact"): an indirect question, no condition.
var askedPersonWords = []string{"them", "him", "her"}

// purposeVerbBeforeWords mark a verb as what something is for ("a code to confirm
// it", and as learners write it, "a code for confirm it"), not an instruction.
var purposeVerbBeforeWords = []string{"to", "for"}

// listOpenerWords end a short clause that opens the flow's own list with a
// colon ("flow: …", "we want: …", "Order: …", "plan: …"): what the text said
// before it is background (see backgroundSteps).
var listOpenerWords = []string{"flow", "order", "plan", "want", "need", "steps", "sequence", "process", "so", "list", "setup",
	// a written source of what is asked for: "the ticket: …", "requirements: …"
	"ticket", "spec", "requirements"}

// listSaysWords after a listSourceWords open a list as listOpenerWords do
// ("ticket says: …", "the spec reads: …"); after anyone else ("the avatar
// says: …") they bring a line.
var listSaysWords = []string{"says", "say", "reads", "states", "lists"}

// listMattersWords after a listOpenerWords that opens the clause open a list
// as the opener alone does ("Order matters to us: first …", "the sequence is
// important: …"): the steps follow in the order that matters.
var listMattersWords = []string{"matters", "matter", "counts", "important", "critical", "crucial"}

// listRedoWords before "it" (or "that", "this", "over") open a list as
// listOpenerWords do, after a description of the setup being replaced ("…
// is what guests go through now. rebuild it: …", "port that over: …").
var listRedoWords = []string{"rebuild", "recreate", "replicate", "redo", "port", "copy", "mirror", "clone", "reproduce", "migrate", "convert", "translate"}

// replaceHedgeWords in a clause that replaces one step with another make the
// replacement no instruction for this flow: a possibility, a plan, a condition
// ("later we may replace the text with an email code", "if it can't be read,
// replace …"): what is replaced is not ruled out.
var replaceHedgeWords = []string{"may", "might", "could", "later", "eventually", "someday", "if", "when", "unless"}

// setupStaysWords after "it" say the setup used today stays in the flow ("it
// should stay", "it remains"), so it is no background.
var setupStaysWords = []string{"stay", "stays", "remain", "remains"}

// setupVerbWords, with a nowPhrases word and no wish, tell what the
// integrator uses today ("Jumio Authentication is what we use for payment
// step-up today"): the setup being replaced, background, not the flow.
var setupVerbWords = []string{"use", "uses", "using", "run", "runs", "running"}
var listSourceWords = []string{"ticket", "spec", "story", "jira", "requirements", "doc", "prd", "brief", "design", "pm", "product", "compliance", "legal", "task"}

// identityWhWords, after a negated "know" ("we don't know who is standing
// there", "no way to know which member it is"), say whose face it is must be
// found: the reason for a search, not a search ruled out.
var identityWhWords = []string{"who", "whos", "whose", "whom", "which"}

// stepWorksWords, in a condition with no negation, say the step went through
// ("if the SMS works normally then no email at all", "when the code arrives
// fine, …"): what the clause after it rules out is off the main path only.
var stepWorksWords = []string{"works", "work", "worked", "succeeds", "succeed", "succeeded", "arrives", "arrive", "arrived", "delivered", "passes", "pass", "passed", "lands", "land"}

// countedPlaceWords, after a number ("students come from 60+ countries", "30+
// locations"), say what is counted: places and the like, so the "+" is no
// age ("18+ users" still is one).
var countedPlaceWords = []string{"countries", "country", "markets", "nations", "nationalities", "languages", "locations", "stores", "shops", "branches",
	"cities", "states", "sites", "offices", "hotels", "gyms", "venues", "currencies", "airports", "campuses", "schools", "universities", "properties", "warehouses"}

// listCopulaWords may follow a list opener before its colon ("Flow is: …",
// "the steps are: …", "order would be: …", "plan looks like: …").
var listCopulaWords = []string{"is", "are", "be", "would", "will", "should", "looks", "like"}

// ownAddressWords, before "address" after a confirm verb, point at the email
// address just collected ("prove they actually own that address").
var ownAddressWords = []string{"that", "this", "the", "their", "its"}

// futileNounWords follow "no" in "no point …", "no sense …", "no use …"; with
// futileWhomWords after "for" ("no point matching faces for a 16 year old",
// "for anyone underage") the step is pointless for some users only: the reason
// for an order, not an exclusion.
var (
	futileNounWords = []string{"point", "sense", "use"}
	futileWhomWords = []string{"a", "an", "anyone", "anybody", "someone", "somebody", "people", "those", "users", "kids", "children", "teenagers"}
)

// unsureWords follow "not" in "not sure …", "not certain …": a doubt about what
// follows ("not sure order of the two codes matters"), not an exclusion; after
// "no" too: "we have no idea who they are until the system tells us" is what
// the recognition finds out, not a recognition ruled out.
// complementOpenWords open what a check verb checks ("check from the date of
// birth", "verify that they're 18", "confirm whether", "compare their photo"):
// after a step's name, the verb they follow is an instruction, not the name's head.
var complementOpenWords = []string{"from", "that", "whether", "if", "their", "they", "theyre", "them", "its", "it"}

// requestModalWords open a polite request after ", and" in a change ("add an
// SMS code at the end, and can the document scan be passports only?"): a
// change of its own, not more of the one before.
var requestModalWords = []string{"can", "could"}

var unsureWords = []string{"sure", "certain", "idea", "clue"}

// doubtLeadWords may come between "not sure" and a verb of need ("not sure if
// we even need the SMS code"): who needs it, and the words that open the doubt.
var doubtLeadWords = []string{"if", "whether", "that", "we", "you", "they", "i", "even", "really", "actually", "still"}

// imageOfWords join an image to the document it is on ("the photo from their
// licence", "the picture on the passport"): the document's photo, no scan.
var imageOfWords = []string{"from", "on", "off", "of", "in"}

// troubleWords: what a speaker had with something ("we've had trouble with
// national ID cards", "we've had issues with SMS delivery"): a reason, no step.
var troubleWords = []string{"trouble", "troubles", "problem", "problems", "issue", "issues", "difficulty", "difficulties", "headaches"}

// deviceNouns: a device recovery's lines say the text's word for the new
// device ("esim activation on a new handset": "your new handset"), the word
// after one of newDeviceWords.
var deviceNouns = map[string]string{"device": "device", "devices": "device", "phone": "phone", "phones": "phone", "handset": "handset", "handsets": "handset", "smartphone": "phone", "smartphones": "phone", "mobile": "phone", "iphone": "iPhone", "tablet": "tablet", "laptop": "laptop"}

// newDeviceWords name the device the account moves to ("a new handset", "the
// replacement phone"), not the one lost.
var newDeviceWords = []string{"new", "replacement"}

// statusDocWords are documents a person can be "on" ("couriers who are on
// work visas", "staff on student permits"): their immigration status, said of
// who they are, not a document the flow scans.
var statusDocWords = []string{"visa", "permit"}

// A change may open by quoting what the flow does now, as the builder read it
// back or built it ("you said 'sends an SMS code then checks liveness': other
// way round", "you've put the passport scan after the selfie, flip those",
// "you read it back as '…' — the code should go to the email"): that part is
// context, and what follows it is the change. readBackOpenWords may come
// before it ("hmm, close, but you've got …"); readBackSubjectWords and then a
// readBackVerbWords open it; readBackFillWords may sit between the verb and
// the quoted words ("you read it back as '…'", "you have it as '…'"). "have"
// and "had" open it only before a quote or "it as" ("you have to add …" is an
// instruction).
var (
	readBackOpenWords    = []string{"hmm", "hm", "um", "uh", "no", "nope", "nah", "close", "almost", "nearly", "but", "ok", "okay", "so", "wait", "well", "right", "yeah", "yes", "yep", "sorry", "oh", "actually", "not", "quite", "great", "thanks", "looks", "good", "mostly"}
	readBackSubjectWords = []string{"you", "you've", "youve", "you'd", "youd"}
	readBackVerbWords    = []string{"said", "wrote", "read", "put", "got", "have", "had", "made", "built", "placed", "listed", "described", "showed", "shown", "summarised", "summarized", "ordered", "gave", "given", "laid"}
	// readBackNounWords name the read-back itself ("the summary says '…'",
	// "your recap has …"); readBackNounVerbWords say what it holds.
	readBackNounWords     = []string{"summary", "readback", "read-back", "recap", "description", "preview", "diagram", "output", "draft"}
	readBackNounVerbWords = []string{"says", "said", "reads", "read", "shows", "showed", "lists", "listed", "has", "had", "goes", "went"}
	readBackFillWords     = []string{"it", "back", "as", "that", "this", "the", "flow", "out", "me", "here", "now", "currently"}
	// otherWayPhrases reverse the two steps a change just named ("other way
	// round", "the wrong way around").
	// approveWords (with praiseWords) approve what was built; approveFillWords
	// sit around them ("that's right", "looks good", "it's all correct",
	// "spot on"); an exception after them is the change ("that's right except
	// it has to accept …").
	approveWords     = []string{"right", "correct", "lgtm", "spot", "close", "fine", "good"}
	approveFillWords = []string{"it's", "its", "it", "looks", "look", "is", "all", "mostly", "on", "everything", "everything's", "pretty", "very", "really", "the", "flow"}
	// digitsOwnerStopWords end what the digits asked for are of ("the last 4
	// digits of the bank account they're paying into", "… of their card and
	// the amount").
	// userOwnerWords before what the digits are of mean the user's own
	// ("the last 4 digits of your card", "… of his card"): said as "their"
	// in a line that asks "the user".
	userOwnerWords       = []string{"your", "ur", "his", "her"}
	digitsOwnerStopWords = []string{"that", "which", "who", "where", "they", "they're", "theyre", "we", "it", "is", "are", "was", "to", "for", "and", "or", "then", "so", "before", "after", "on", "in", "with", "from", "by", "as", "if", "when", "being", "going"}
	// channelCorrectWords may go with a channel named alone as a correction
	// ("nope, I said email", "no, I meant by text"); textChannelWords name
	// the SMS channel.
	channelCorrectWords = []string{"no", "nope", "nah", "i", "said", "meant", "wanted", "asked", "for", "by", "via", "over", "actually", "wait", "sorry", "oh", "hmm", "it", "should", "be", "was"}
	textChannelWords    = []string{"text", "texts", "txt", "texting"}
	// missedVerbWords after "you" say a step is missing from what was built
	// ("you left off the ID check", "you've forgotten the email code").
	missedVerbWords = []string{"left", "forgot", "forgotten", "missed", "dropped", "skipped", "omitted", "lost", "overlooked"}
	// restateFillWords may sit around a verb of change on "it" that says the
	// change before it again ("so just switch it over please"); any other
	// word asks something of its own ("switch it around", "change it back",
	// "swap it for email").
	restateFillWords = []string{"so", "and", "just", "please", "then", "over", "now", "ok", "okay", "pls", "thanks"}

	// compareOutcomeWords name what a comparison comes to: a negation with
	// one ("no match in the comparison") is of the outcome, not the step.
	compareOutcomeWords = []string{"match", "matches", "matched", "matching", "mismatch", "fail", "fails", "failed", "pass", "passes", "passed", "result", "results", "succeed", "succeeds"}
	// undoObjectWords after "undo" name an earlier edit or a setting, not a
	// step ("undo the reorder", "undo the change to the SMS code", "undo the
	// strict threshold on liveness", "undo the email fallback"): the builder
	// keeps no record of earlier edits, so that is never a removal of the
	// step named with it.
	undoObjectWords = []string{"change", "changes", "changed", "edit", "edits", "reorder", "reordering", "order", "ordering", "move", "moves", "swap", "switch", "fallback", "fallbacks", "backup", "threshold", "thresholds", "strict", "stricter", "requirement", "requirements", "timeout", "timeouts", "time", "limit", "setting", "settings", "tweak", "tweaks", "update", "updates", "last", "previous", "earlier", "retry", "retries", "rule", "rules", "condition", "branch", "for", "when", "if"}
	otherWayPhrases = []string{"other way round", "other way around", "wrong way round", "wrong way around", "round the other way", "around the other way", "the wrong order", "backwards", "back to front"}
)

// wantLeadWords: the words before a wish that make it the speaker's side's
// ("so we want", "we'd like", "and wants" going on from "our fraud team").
var wantLeadWords = []string{"we", "i", "weve", "wed", "and", "so", "also"}

// observeWords: what the speaker's side has seen ("our fraud desk keeps seeing
// SIM swaps done with fake IDs", "we've noticed stolen passports"): the reason
// for the flow, no step (the bare "see" is left out: "see if it matches" checks).
var observeWords = []string{"seeing", "seen", "saw", "noticed", "noticing", "spotted", "spotting", "observed", "observing", "witnessed"}

// emailGivingWords: the gerunds of emailGivenWords ("collecting their email address and verifying it with a code").
var emailGivingWords = []string{"collecting", "entering", "typing", "giving", "providing", "submitting", "keying", "inputting"}

// spokenLineKinds: lemmas of the stock lines a speech verb can name as its
// object ("say goodbye", "tell them thanks", "say hi"): the line itself, not a
// sentence about it.
var spokenLineKinds = map[string]kind{"goodbye": kClosing, "thank": kClosing, "greet": kGreeting}

// lineFillerWords may follow a stock line without adding to it ("say goodbye to
// the user at the very end", "say hi and bye").
var lineFillerWords = []string{"to", "the", "at", "and", "very", "a", "then", "again", "everyone", "all"}

// exclusionTailWords may follow "leave it out", "skip it" and say only where or
// for how long ("leave it out here", "skip it for now", "drop it from this
// one", "keep it out of this flow"): the exclusion stands.
var exclusionTailWords = []string{"out", "altogether", "entirely", "here", "for", "now", "of", "from", "in", "this", "one", "flow", "session", "version", "time", "please", "pls"}

// flawVerbWords: verbs of a finding about what the flow does wrong ("the email
// fallback bypasses liveness"): statement verbs too, the reason for a change
// that asks for nothing by themselves
var flawVerbWords = []string{"bypasses", "skips", "misses", "lacks", "circumvents", "sidesteps", "avoids"}

// lineSubjectWords: pronouns that can only be a subject, so after a telling verb
// with no one named they open the line told ("explains we're setting up face
// sign-in": "we're" is written "were" once the apostrophe is gone); "it" and
// "you" are left out, they are as often the thing or person told
// moreTypesWords say a document type is accepted on top of those said before
// ("passports only. Also accept driving licences", "DLs are fine too"; "too"
// alone is no such word: "too many fake DLs"; "as well", "as well as passports"
// is one).
var moreTypesWords = []string{"also", "fine", "okay", "ok", "accept", "accepted", "allowed", "welcome", "well"}

// knowWhatWords, after "know", make it knowing a place, a way or a time ("so
// they know where to put their face"), no lookup of a person ("know who").
var knowWhatWords = []string{"where", "how", "what", "when", "why"}

// avatarRefWords name the avatar as the subject of a verb ("the avatar
// suggests", "it should advise"); adviceLeadWords may stand between it and
// the verb ("should also gently suggest"). Advice with any other subject is a
// team's or the speaker's ("support suggests they …").
var (
	avatarRefWords  = []string{"avatar", "it", "she", "he", "bot", "assistant", "host", "agent"}
	adviceLeadWords = []string{"should", "will", "would", "can", "could", "must", "shall", "may", "also", "then", "and", "please", "to", "gently", "politely", "kindly", "always", "just", "maybe"}
	// adviceWhoWords: the person advice is given to, as its subject ("suggest they ask a parent")
	adviceWhoWords = []string{"they", "he", "she"}
)

var lineSubjectWords = []string{"we", "were", "weve", "they", "theyre", "theyve", "theyll", "he", "she"}

// lineOpenWords: lemmas of verbs that open or close the session with a line ("open with "…"", "close with "…"").
var lineOpenWords = []string{"start", "end", "greet", "goodbye"}

// thatRefNextWords may follow "that" or "this" when it points back at the
// address just entered ("verify that one with a code too", "confirm this via
// email code"), not a clause ("verify that they own it").
var thatRefNextWords = []string{"one", "address", "with", "by", "using", "via", "through", "too", "also", "as", "", "."}

// docOfOldWords say which earlier scan of a document an image came from
// ("the photo from their original licence scan", "off their first ID upload").
var docOfOldWords = []string{"original", "first", "initial", "earlier", "previous", "prior", "old", "last"}

// insertVerbWords, right after the step an order word names, start the
// instruction ("right after the scan add a check that …", "after liveness
// insert an email code").
var insertVerbWords = []string{"add", "insert", "include", "put", "stick", "slot", "append"}

// compareToWords join a comparison to the image it reads ("compare that to
// the photo we pass in providedData instead").
var compareToWords = []string{"to", "against", "with"}

// signVerbWords, before "off", close the session with a line ("Leo signs off
// with "Thanks, enjoy your parking!"") before the words are joined.
var signVerbWords = []string{"sign", "signs", "signing"}

// lineIsWords: a copula between a stock line's noun and its quoted words
// ("Greeting should be exactly: "Hey! I'm Leo…"", "the goodbye is "…""): the
// line, as written.
var lineIsWords = []string{"is", "be", "should", "will", "must", "shall", "would"}

// addedStepWords: after "no", before a step's name, they rule that step out
// ("no extra face scan step"), where "no other document types" keeps the one named.
var addedStepWords = []string{"extra", "additional", "more"}

// lackVerbWords: under a negation before a channel, the user cannot receive
// its code ("if they don't have their phone", "can't get the text"); before a
// document, the user has none ("if the applicant has no passport").
var lackVerbWords = []string{"have", "has", "had", "get", "access", "reach", "receive", "use"}

// everyoneWords: after "for", the whole flow's users ("liveness for everyone
// and …"), which no group named later narrows.
var everyoneWords = []string{"everyone", "everybody", "all"}

// unknownGroup's words: who recognises ("the system can't recognise", "anyone
// who isn't recognised"), skipped to reach the people not recognised; the
// heads that name such people besides the user nouns; the pronouns of one
// such person after the verb ("if we can't recognise him").
var (
	recognizerWords   = []string{"system", "app", "who", "that"}
	unknownHeadWords  = []string{"those", "someone", "anybody", "whoever", "whomever"}
	personObjectWords = []string{"him", "her"}
)

// recognizeMeansWords: after a verb of recognising, the means it names ("we
// can't recognise by their email", "from the booking"): what is recognised
// then is no face, unless the face is that means.
var recognizeMeansWords = []string{"by", "from", "via", "using", "through"}

// repeatStepWords: before a step's name under a negation, they rule out a
// second one, not the step ("don't add a second age check", "no duplicate
// liveness"): the one the text asks for elsewhere stays.
var repeatStepWords = []string{"second", "another", "duplicate", "repeat", "repeated"}

// kindOfWords: "another form of ID", "a second kind of check": the kind the
// repeat word is said of.
var kindOfWords = []string{"form", "kind", "type", "sort", "piece"}

// typedInWords and failTimesWords: how a failed code was given and how often,
// inside a condition ("if incorrect otp entered twice", "if wrong code typed 3 times").
var (
	typedInWords   = []string{"entered", "typed", "given", "put", "submitted", "input", "inputted"}
	failTimesWords = []string{"twice", "thrice"}
)

// ourSenderWords and emailAdverbWords: "we email the result", "we'll then
// email them": the integrator sends the mail itself.
var (
	ourSenderWords   = []string{"we", "well", "i", "ill"}
	emailAdverbWords = []string{"will", "also", "then", "just", "can", "would", "should", "shall", "later", "afterwards", "separately", "ll"}
)

// readAloudWords: texts the avatar reads out to the user ("reads the rules: no
// phones, no notes"); after a speech verb, a colon before such a text opens the
// words it says.
var readAloudWords = []string{"rules", "terms", "instructions", "disclaimer", "notice", "guidelines", "warning", "conditions"}

// chatShort: chat shorthand for a word the lexicon reads ("for the new ppl
// only add sms code", "usrs we dont recognise"); the word it stands for
// replaces it, as a typo's correction does. Spelling variants the lexicon
// reads in their common form go here too ("swop the sms code and the doc
// scan": British "swop" for "swap").
//
// Letter-dropping shorthand typed on a phone ("doc scn", "liveness chk", "f2f
// cmp", "b4 the scan") and the commonest transposition of a short word ("at
// teh start", too short for typo correction) are read the same way.
var chatShort = map[string]string{"ppl": "people", "ppls": "people", "usr": "user", "usrs": "users", "acct": "account", "accts": "accounts", "thru": "through", "msg": "message",
	"swop": "swap", "swops": "swaps", "swopped": "swapped", "swopping": "swapping",
	"scn": "scan", "scns": "scans", "chk": "check", "chks": "checks", "b4": "before", "teh": "the", "xfer": "transfer", "xfers": "transfers", "amt": "amount",
	"recov": "recovery", "digs": "digits", "dgts": "digits", "dgt": "digit", "verif": "verification", "thresh": "threshold",
	// the meetings that notes come from ("after the retro", "from standup"):
	// words no dictionary lists, never typos of a step's word ("retro" is not "retry")
	"retro": "retrospective", "retros": "retrospectives", "standup": "meeting", "standups": "meetings", "offsite": "meeting"}

// chatShortVerb: chat shorthand for a verb that is also ordinary shorthand
// for a noun ("rm" room, "del" delivery or a name's "Del", "cmp" company):
// read as the verb only where the noun cannot be meant (shortVerbAt): "rm the
// email otp", "del the sms", "pls rm liveness" open an edit on a step's name,
// "cmp it to the passport photo", "f2f cmp doc photo vs the face scan" name
// what is compared. "ask for the rm number", "confirm the del address", "their
// cmp name" keep the word as written.
var chatShortVerb = map[string]string{"rm": "remove", "del": "delete", "cmp": "compare"}

// stepShort: engineers' two-letter shorthand for a step ("LV -> sms otp",
// "FC pp photo vs selfie", "DL or PP"): the words it stands for replace it
// before the text is read, as chat shorthand does. Two letters name many
// things besides a step, so stepShortAt reads one only as a word of its own
// that no name, number or place list claims: "FC Porto", "pp. 4-6", "€20 pp",
// "users in LV and LT", "level LV3" keep the word as written.
var stepShort = map[string]string{"lv": "liveness", "fc": "face compare", "pp": "passport", "pps": "passports"}

// crossXTickWords in a text make its "x" a tick, not a cross: a checklist or
// status list ("x = done", "x liveness - implemented", "tests: x sms fails")
// marks what exists, and no "x" of it removes a step (expandCrossX).
var crossXTickSet = wordSet([]string{"done", "implemented", "todo", "wip", "status", "checklist", "checked", "ticked", "tick", "complete", "completed", "finished", "shipped", "passes", "passed", "fails", "failed", "works", "working", "tested"})

// crossXCondWords after a crossed step make the cross hold only for some
// users or cases ("x sms if they're on wifi"), which no flow can test: the
// step stays as asked (expandCrossX).
var crossXCondSet = wordSet([]string{"if", "when", "whenever", "unless", "while", "only", "where", "for"})

// arrowEndWords after a double arrow end the session or hand the user on
// ("under 18 => end", "denied => explain + end"): a branch's target as much
// as a step's name is (arrowCondition).
var arrowEndSet = wordSet([]string{"end", "ends", "stop", "stops", "reject", "rejected", "deny", "denied", "block", "blocked", "abort", "exit", "terminate", "refuse", "decline"})

// arrowTargetWords name what a branch leads to besides a step's name
// ("not recognised => enroll", "denied => explain + end") (arrowCondition).
var arrowTargetSet = wordSet([]string{"enroll", "enrol", "signup", "register", "explain", "say", "tell", "ask", "question", "retry", "human", "agent", "manual", "review", "instead", "fallback"})

// arrowNoStepWords: a step's own name after "no" before a double arrow ("no
// passport =>", "no liveness =>") is no state of the user the flow can test.
var arrowNoStepSet = wordSet([]string{"liveness", "passport", "passports", "license", "licence", "id", "visa", "sms", "email", "selfie", "document", "doc", "docs", "card", "permit", "dl", "otp", "2fa"})

// Words around a step's shorthand that make it name something else
// (stepShortNameAt): stepShortOtherBefore right before it ("per person
// (pp)", "pay with PP" is caught by stepShortPayWords), stepShortAmountBefore
// a currency before "pp" ("20 EUR pp"), stepShortPayWords in its clause for
// "pp" (PayPal, a price per person), stepShortPeopleBefore/After at the ends
// of a list of it (people: "cc: pp, lv", "the fc team"), and
// stepShortDefineAfter after "is" (the user's own definition: "lv is our
// internal name").
var (
	stepShortOtherBefore  = wordSet([]string{"person", "head", "pax", "per"})
	stepShortAmountBefore = wordSet([]string{"eur", "euro", "euros", "usd", "dollar", "dollars", "gbp", "pound", "pounds", "chf", "sek", "nok", "dkk", "pln", "cad", "aud", "jpy", "inr", "bucks", "quid", "cents", "k"})
	stepShortPaySet       = wordSet([]string{"pay", "pays", "paying", "paid", "payment", "payments", "paypal", "checkout", "price", "prices", "priced", "fee", "fees", "cost", "costs", "ticket", "tickets", "invoice", "invoices", "refund", "refunds", "billing", "wallet"})
	stepShortPeopleBefore = wordSet([]string{"cc", "bcc", "ping", "contact", "dm", "tag", "message", "thanks", "thx", "ask", "call", "notify"})
	stepShortPeopleAfter  = wordSet([]string{"team", "teams", "club", "reviewers", "reviewer", "folks", "staff", "squad", "members", "member", "department", "dept", "lead", "leads", "channel", "owners", "owner", "group", "office", "fans", "players"})
	stepShortDefineAfter  = wordSet([]string{"our", "short", "shorthand", "just", "what", "internal", "another"})
)

// settingOtherOwnerWords beside a config-style key and its value ("session
// ttl 10m", "ttl 5m for the session link") give the setting to something
// the flow does not set (keyRightBefore).
var settingOtherOwnerSet = wordSet([]string{"session", "sessions", "link", "links", "token", "tokens", "cookie", "cookies", "jwt", "cache", "page", "login", "password", "account", "url", "api", "request", "requests", "server"})

// permsOtherWords in a clause with the shorthand "perms" make them someone's
// rights or a file's mode ("staff with the right perms", "file perms are
// 600"), not the camera and microphone popup (rules.go).
var permsOtherSet = wordSet([]string{"staff", "file", "files", "folder", "folders", "directory", "server", "servers", "admin", "admins", "db", "database", "role", "roles", "right", "rights", "read", "write", "chmod", "root", "sudo", "repo", "bucket", "dashboard", "backoffice", "employees", "agents"})

// stepShortPlaceWords: words before a two-letter code that make it a place
// ("our users in LV", "customers from LV"), not a step.
var stepShortPlaceWords = []string{"in", "from", "across", "throughout", "within", "outside"}

// digitOtherWords: nouns a digit count may be said of that are no one-time
// code ("their 10 digit mobile number", "a 12 digit account id"): a length
// FaceSign cannot send is said back only of a code.
var digitOtherWords = []string{"number", "numbers", "phone", "mobile", "cell", "account", "card", "iban", "ssn", "reference", "ref", "id", "customer", "member", "policy", "order", "tracking", "zip", "postcode", "serial", "booking", "ticket", "passport", "license", "licence", "tax", "national", "social", "bank", "routing", "employee", "student", "invoice", "case"}

// verbLeadWords: words a verb of an edit may follow in its clause ("pls rm
// the sms code", "then del liveness").
var verbLeadWords = []string{"and", "then", "pls", "plz", "please", "also", "just", "now", "so", "n"}

// compareWithWords: words naming the other side of a comparison ("cmp it to
// the photo", "1:1 cmp vs the photo we pass").
var compareWithWords = []string{"to", "with", "vs", "versus", "against", "w"}

// reviewWords in a clause that hands a failed check to people ("flag it for
// manual review", "send it to a reviewer") name a review the flow cannot do
// itself: the assumptions say how it was read.
var reviewWords = []string{"review", "reviews", "reviewed", "reviewer", "reviewers", "reviewing", "manual", "manually", "flag", "flagged", "flagging"}

// symbolWords: signs typed in place of a word ("liveness -> ✉️ otp", "a code
// to their 📱"): the tokenizer reads the word they stand for, as if typed.
// An envelope is the email channel, a phone the phone (the SMS channel's
// context, as the word "phone" is); a joining arrow is an arrow.
var symbolWords = map[rune]string{
	'✉': "email", '📧': "email", '📨': "email", '📩': "email", '📬': "email", '📪': "email", '📫': "email", '📭': "email",
	'📱': "phone", '📲': "phone", '☎': "phone", '📞': "phone",
	'➡': "->", '⇒': "->", '⟶': "->", '➔': "->",
}

// markWords: ticks and crosses typed beside a step ("liveness ✅ sms code ✅
// email code ❌", "❌ doc scan"); true for a cross. Right after a step's word
// (markedStepWords), in a clause with no condition or negation of its own, a
// mark ends that item and a cross rules it out ("email code ❌" is "email code
// not needed"); a cross that opens a clause before a word is "no" ("❌ doc
// scan"); anywhere else ("done ✅", "not recognised ❌ → …") a mark says
// nothing new.
var markWords = map[rune]bool{'❌': true, '✖': true, '✗': true, '✘': true, '🚫': true, '⛔': true, '❎': true,
	'✅': false, '✓': false, '✔': false, '☑': false, '🆗': false}

// markedStepWords: the lemmas that end a step's name, after which a mark is
// said of that step (markWords).
var markedStepWords = []string{"liveness", "code", "sms", "email", "scan", "document", "passport", "license", "id", "card", "permit", "visa",
	"selfie", "face", "recognize", "compare", "match", "verify", "validate", "permission", "camera", "microphone", "photo", "age"}

// markLeadWords: words that open a step's name without ending one ("sms otp ❌
// the doc scan ✅", "❌ a 2fa code"): after a cross, the cross is still said of
// the step beside it, not about them (markAbout).
var markLeadWords = []string{"the", "a", "an", "doc", "otp", "2fa", "biometric", "enrolled", "kyc", "one", "two", "1", "2", "phone", "text", "driver", "f2f"}

// codeSetWords: words that speak of the codes as a set ("both codes", "the two
// OTPs"): an order word beside them orders the codes among themselves.
var codeSetWords = []string{"codes", "otps", "passcodes", "both"}

// midThenWords: "then" after one is an adverb inside the clause ("the photo is then compared"), not a new instruction.
var midThenWords = []string{"is", "are", "was", "were", "be", "been", "gets", "get", "must", "should", "shall", "will", "can", "may"}

// timeSpanWords: "by the end of this sprint", "at the start of next month", "last
// time the license option just disappeared" name a
// date, not a place in the flow.
var timeSpanWords = []string{"time", "night", "sprint", "week", "month", "quarter", "year", "day", "today", "tomorrow", "weekend", "release", "launch", "monday", "tuesday", "wednesday", "thursday", "friday", "q1", "q2", "q3", "q4", "season", "term", "fortnight", "summer", "winter", "spring", "autumn", "fall"}

// listGlueWords sit between the items of a list of contacts ("the phone number
// and the email address", "then their email too").
var listGlueWords = []string{"and", "then", "the", "their", "his", "her", "your", "number", "address", "too", "also", "plus", "as", "well", "&"}

// versionWords name an earlier release after "in" ("in v1 we just sent a code
// to whatever address they typed", "in the pilot we asked for a selfie"): with
// a speaker and a past verb, what that release did is a story; "v1", "v2.3"
// are versions too (versionName).
var versionWords = []string{"version", "release", "mvp", "beta", "alpha", "prototype", "pilot", "poc", "iteration"}

// pastMarkWords set a clause in the past ("two years ago", "yesterday"): a story.
var pastMarkWords = []string{"ago", "yesterday", "lastyear", "previously"}

// failPhrases say that a step failed the way its outcomes can ("if the scan
// times out", "if the compare comes back as no match"): under "if" or "when",
// a failure condition; a code typed wrong, or too many times, failed too.
var failPhrases = []string{"times out", "timed out", "time out", "timeout", "no match", "goes wrong", "went wrong", "bounces", "bounced", "errors out", "errors", "error", "wrong", "incorrectly", "incorrect", "too many", "out of attempts", "out of tries", "mistype", "mistypes", "mistyped", "runs out", "ran out", "run out"} // ("if the code runs out": the code failed, unverified)

// sameCasePhrases open a clause under the condition read last ("… unless the
// compare says no match. In that case, take a face scan").
var sameCasePhrases = []string{"in that case", "in this case", "in which case", "if so", "if that happens", "when that happens", "should that happen", "if this happens", "when this happens"}

// countNounWords after a number with "k" ("250k users", "40k monthly actives",
// "3k a day") count things, not money.
var countNounWords = []string{"users", "user", "customers", "members", "accounts", "sellers", "people", "clients", "merchants", "installs", "downloads", "monthly", "daily", "weekly", "mau", "dau", "maus", "daus", "actives", "signups", "employees", "patients", "guests", "visitors", "a", "per", "sessions", "requests", "records", "rows", "followers", "subscribers", "devices", "sites", "stores", "drivers", "riders", "players", "students"}

// docTypeNames name document types in a sentence, in the plural.
var docTypeNames = map[string]string{"passport": "passports", "id": "ID cards", "dl": "driver's licenses", "residence-permit": "residence permits", "visa": "visas"}

// negUniversalWords before "except" make it name what is allowed ("nobody
// except passport holders"), not what is excluded; universalWords do so only
// under a negation ("don't accept anything except passports", but "anything
// except visas is fine" excludes visas).
var (
	negUniversalWords = []string{"nobody", "noone", "none", "nothing"}
	noOneWords        = []string{"nobody", "noone"}
	welcomePrepWords  = []string{"to", "aboard", "onto", "into"} // "welcome them to Marlowe", "welcome them aboard the Aurora Star": what leads to the place a welcome names
	// factVerbWords: after a verb of telling or confirming, a clause with one
	// of these states a fact ("confirm the account is opened", "tell them the
	// payment will go in the 14:00 cut-off"): said to the user, not asked
	factVerbWords = []string{"is", "are", "was", "were", "has", "have", "been", "will", "shall"} // the people negUniversalWords name: "nobody to match them to" is no population
	platformWords = append([]string{"app", "apps", "website", "native"}, sessionDeviceWords...)  // where the session page opens ("only run it from the mobile app", "desktop only"): the app's choice
	// sessionDeviceWords name the device a session runs on ("no SMS code on
	// mobile"), which the flow cannot tell apart; "the app" alone is where the
	// integrator does something ("we do that in the app now")
	sessionDeviceWords = []string{"mobile", "desktop", "ios", "android", "web", "browser", "browsers", "webview", "tablet", "tablets", "laptop", "laptops", "iphone", "iphones", "ipad", "pc", "mac"}
	// groupLeadWords open a clause that only names a group, scoping the next
	// ("For EU users, …", "On desktop, …")
	groupLeadWords = []string{"for", "on", "in", "at", "during", "outside", "after", "over"}
	// sessionTimeWords name when a session runs ("don't send the email code on
	// weekends", "no SMS at night", "outside business hours"), which the flow
	// cannot tell apart either
	sessionTimeWords   = []string{"weekend", "weekends", "weekday", "weekdays", "night", "nights", "nighttime", "holiday", "holidays", "evening", "evenings", "overnight", "business", "office", "hours"}
	groupTailStopWords = []string{"without", "with", "who", "whose", "that", "which", "where", "and", "or", "but", "except", "unless", "if", "when"} // end a group's place ("users in Spain without an email code")
	seenBeforeWords    = []string{"repeat", "previously", "verified", "regular", "loyal", "frequent", "prior", "past", "former", "old", "onboarded"} // before users: a group recognition tells apart by their enrolled face ("repeat customers")
	groupPlaceWords    = []string{"in", "from", "outside", "abroad", "overseas", "based", "located", "living", "on"}                                 // after a group of users: where they are ("users in the EU", "customers on Android")
	universalWords     = []string{"anything", "anyone", "anybody", "everything", "everyone", "everybody", "all"}
)

// readBackEndWords end the details of "read back …" ("read back the amount to
// confirm it", "read back the IBAN, then …").
var readBackEndWords = []string{"to", "then", "so", "before", "after", "for", "while"}

// moneyNounWords name an amount of money a condition may compare ("for
// transfers under 500", "amounts below 1k"), in the singular.
// delegateVerbWords, after "our app", hand it the work ("our ui does the
// explaining", "our frontend handles consent").
var delegateVerbWords = []string{"does", "do", "handles", "handle", "covers", "owns"}

// appGetVerbWords after the integrator's app say it gets a thing itself
// ("our mobile app obtains camera permission"), with a word or two before
// the app's noun
var appGetVerbWords = []string{"obtains", "obtain", "requests", "request", "gets", "collects", "grants", "asks"}

// appSideWords name what the integrator's app may get itself before the flow
// (a permission, a consent); a check named so stays in the flow
var appSideWords = []string{"permission", "permissions", "access", "consent"}

// bareStepNounWords: a noun alone ("retry the scan once") that names the one
// step of the flow of these kinds; bareStepDetWords come before it.
var bareStepNounWords = map[string][]kind{"scan": {kDocument, kFaceScan}}
var bareStepDetWords = []string{"the", "that", "their", "this"}

// livePurposeWords after the live side of "check the face with the camera"
// say what the look is for (a live person, a visible face), not a comparison
// with the document's photo
var livePurposeWords = []string{"for", "is", "are", "be", "visible", "lit", "covered", "centered", "centred", "live", "real", "glare", "glasses", "quality"}

// collectiveWords name steps as a group ("the email bits", "the email stuff").
var collectiveWords = []string{"steps", "bits", "parts", "pieces", "things", "stuff", "ones",
	// the singular of a whole ("the whole email part", "the email side of it",
	// "the entire email section", "everything except the email bit"): one
	// group of steps
	"part", "side", "section", "portion", "bit"}

// signInVerbWords before "in" say the user has a session of the app ("signed
// in", "logged in").
var signInVerbWords = []string{"signed", "logged"}

// knowVerbWords between "already" and "who" say the app knows who the user is ("we
// already know who they are from the username screen").
var knowVerbWords = []string{"know", "knows", "knew"}

// eachWords before a kind of step name every step of that kind ("both codes
// should expire after 2 minutes", "make all the OTPs 8 digits").
var eachWords = []string{"both", "all", "every", "each"}

// timeAdverbWords and timePrepWords (with a number or a name after them) say
// when, after a word in -s that is then the verb of a told statement ("their
// card arrives in 5 days", "the card ships tomorrow"), not a plural ("the
// house rules", "the next steps in detail").
var (
	timeAdverbWords = []string{"tomorrow", "today", "tonight", "soon", "shortly", "immediately", "automatically", "later"}
	timePrepWords   = []string{"in", "within", "on", "at", "by", "after", "before"}
)

// backupNounWords after "backup" make it the name of a contact, not a
// fallback ("an email code to their backup address").
var backupNounWords = []string{"address", "addresses", "email", "emails", "phone", "phones", "number", "numbers", "device", "devices", "inbox", "mailbox"}

// changeFallbackVerbWords change what a fallback does ("change the fallback to a
// passport scan"), and changeToWords lead into what it does now.
var (
	changeFallbackVerbWords = []string{"change", "replace", "swap", "switch", "make"}
	changeToWords           = []string{"to", "with", "into"}
)

// deliveredWords say how something told reaches the user, before its channel
// ("the result will be sent by email", "the outcome will come by text").
var deliveredWords = []string{"sent", "send", "sends", "communicated", "delivered", "come", "comes", "arrive", "arrives", "reach", "reaches", "emailed", "texted", "mailed", "posted", "shared", "notified", "informed", "told"}

// approvalWords rule a channel out ("SMS is not an approved channel"), but
// under "if" say a step failed ("if the passport is not approved").
var approvalWords = []string{"approved", "authorized", "authorised", "sanctioned"}

// swapTargetWords after a swap verb name what a step is swapped for ("switch to
// email", "swap the SMS for an email code"): a replacement, not an exchange.
var swapTargetWords = []string{"for", "with", "to", "instead", "rather"}

// takeVerbWords and takeParticleWords make the phrasal verb of a removal ("take
// out the ID scan", "taking the selfie away").
var (
	takeVerbWords     = []string{"take", "takes", "taking"}
	takeParticleWords = []string{"out", "off", "away"}
)

// definiteWords point at a thing the flow has ("drop the fallback"), where
// "a" names a role ("as a fallback").
var definiteWords = []string{"the", "that", "this", "its"}

// indefiniteWords name a thing not yet had ("a clear photo of their face"): a
// photo to take, where "the photo of their face" may be one the app holds.
var indefiniteWords = []string{"a", "an"}

// statedSubjectWords open a told sentence with a subject of its own ("explain
// that we need their ID", "tell them we need to see their passport").
var statedSubjectWords = []string{"that", "we", "you", "they", "i"}

// periodUnitWords name a span of the calendar ("valid for 6 more months").
var periodUnitWords = []string{"day", "days", "week", "weeks", "month", "months", "year", "years"}

// eventVerbWords say something outside the flow happens ("before the exam
// starts", "after the booking opens"): a time, not a step.
var eventVerbWords = []string{"starts", "begins", "opens", "closes", "ends", "happens", "kicks"}

var moneyNounWords = []string{"amount", "transfer", "payment", "withdrawal", "transaction", "payout", "deposit", "purchase", "sum"}

// smallAmountWords single out amounts below a number ("under 500", "less than
// $200").
var smallAmountWords = []string{"under", "below", "beneath", "less", "lower", "smaller"}

// readBackMoreWords add details to a read-back a flow has ("also read back the
// IBAN", "the read back should mention the IBAN too").
var readBackMoreWords = []string{"also", "too", "well", "include", "includes", "including", "mention", "mentions", "cover", "plus", "add"}

// allPathsPhrases say a step after a recognition's new-user path is every
// user's ("then an email code for everyone", "both groups get an SMS code",
// "either way, liveness"): the new users' path goes on to it.
var allPathsPhrases = []string{"everyone", "everybody", "all users", "all of them", "all customers", "both groups", "both paths", "both of them", "both cases", "either way", "in both cases", "in either case", "regardless", "whether new or", "new and returning", "new or returning", "returning and new", "new and existing", "new or existing", "no matter what", "for all", "for both", "finally"}

// sameForAllPhrases after "otherwise" make it a remark on the whole flow
// ("otherwise the flow is the same", "otherwise nothing changes"), not the
// other side of a recognition.
var sameForAllPhrases = []string{"the same", "same for", "nothing changes", "nothing else changes", "no change", "no changes", "as usual", "as normal", "as before", "unchanged"}

// totalBanPhrases widen a negation to everything its word names ("don't use
// email at all", "no email anywhere", "never use email"): the address as well
// as the code, and every path of the flow.
var totalBanPhrases = []string{"at all", "anywhere", "whatsoever", "altogether", "entirely", "completely", "totally", "never", "in any form", "of any kind", "in any way"}

// A total ban widens to the email code only when email itself is what is
// ruled out ("don't use email at all"): when the words name the address's
// entry ("no email entry screen at all", "don't ask them to type their email
// at all", "no typing of the email anywhere"), only the entry goes, and a code
// the text asks for is sent to the address held.
var (
	// after "email": the thing ruled out is the address or where it is typed
	emailEntryNextWords = []string{"entry", "field", "input", "box", "prompt", "capture", "collection", "address", "screen", "form", "page", "step"}
	// before "email" (a few words back): the user typing or giving it
	emailEntryVerbWords = []string{"type", "typing", "enter", "entering", "ask", "asking", "collect", "collecting", "request", "requesting", "input", "provide", "providing", "fill", "give", "giving", "capture", "capturing", "prompt", "key"}
)

// ageAskedWords: an asked question with one of these and a number asks the
// user's age ("ask whether they're at least 18 - scan their ID"): the spaced
// hyphen does not fold it, so the age is still checked against the document.
var ageAskedWords = []string{"over", "under", "older", "younger", "least", "aged", "age", "adult", "adults", "minor", "underage"}

// contactCheckWords: a clause that verifies or confirms the number the users
// sign up or log in with ("which we need to verify", "verify it") asks for the
// code that proves it, so the account clause is no mere background.
var contactCheckWords = []string{"verify", "verified", "verifying", "confirm", "confirmed", "confirming", "validate", "validating"}

// freshWords: a later clause that asks for a fresh address ("collect a new
// one and verify it", "Collect a fresh address") makes "their email is out of
// date" before it the reason to collect one, not a reason for a code chosen.
var freshWords = []string{"new", "fresh", "updated", "current", "another", "correct", "valid"}

// needSettingWords: a speaker's need after ", and" that names one of these
// ("…, and we need it to expire in 2 minutes", "and we want it to be 8
// digits") is a setting of the step the change just named, not a need of its
// own: it stays with that part (split off, it was applied to another node).
var needSettingWords = []string{"expire", "expires", "expiry", "expiring", "digit", "digits", "minute", "minutes", "second", "seconds", "attempt", "attempts", "tries", "retries", "threshold", "timeout", "long", "valid"}

// heldClaimVerbWords: a verb of matching after the number or address checked
// makes it the subject of a that-clause ("validate that the phone number on
// file matches the one on their ID"): a data check against another value, not
// the contact proved by a code. (So is a method the clause names, "confirm
// the number on file is theirs by asking for the last 4 digits", see
// checksHeld; "confirm the email we have on file is still correct" is proved
// by a code to it.)
var heldClaimVerbWords = []string{"matches", "match"}

// scriptNounWords: an acronym right before one of these names a text of the
// business's own ("follow our TOS script", "the KYC checklist"), not a
// standard the whole flow must meet.
var scriptNounWords = wordSet([]string{"script", "scripts", "wording", "template", "templates", "checklist", "playbook", "runbook", "text", "copy", "page", "link"})

// staffModifier: a role after one of these is the business's staff ("the
// support agent", "the branch manager", "our fraud officer"), who is no user
// spoken to: the words stay in the prompt, so the third party stays visible
// ("ask the budget holder", "the line manager" are the user).
var staffModifier = wordSet([]string{"support", "branch", "store", "shop", "call", "centre", "center", "service", "desk", "fraud", "compliance", "duty", "shift", "helpdesk", "operations", "ops", "backoffice"})

// contactRefWords: what a later clause's check points back at the number with.
var contactRefWords = []string{"it", "number", "phone", "mobile", "cell"}

// thatPathPhrases point back at the path just described ("no SMS on that
// route"): a negation with one is scoped to that path.
var thatPathPhrases = []string{"on that path", "on that route", "on that branch", "on this path", "on this route", "on this branch", "for that path", "for that route", "for that branch", "down that path", "down that route", "in that path", "in that branch", "on that side"}

// attemptNounWords count attempts right after a number ("5 goes at the code",
// "three chances"), though elsewhere they are other words.
var attemptNounWords = []string{"goes", "go", "shots", "shot", "chances", "chance", "rounds"}

// attritionWords say people leave a flow ("users drop off at the document
// step"): in a change, a reason, not an instruction.
var attritionWords = []string{"dropoff", "dropout", "churn", "churns", "churned", "abandon", "abandons", "abandoned", "bounce", "quit", "quits"}

// quitVerbWords, right after people ("people drop when the ID scan is first",
// "users bail at the selfie"), say they leave the flow, not that a step goes.
var quitVerbWords = []string{"drop", "drops", "dropped", "dropping", "leave", "leaves", "bail", "bails", "bailed"}

// storyAmountWords before an amount tell what happened ("nearly sent $480k",
// "we lost $2m"), not the amount the flow is for.
var storyAmountWords = []string{"nearly", "almost", "lost", "stole", "stolen", "paid", "cost", "costs", "ate", "wasted", "refunded", "raised", "revenue", "arr", "funding"}

// branchLeadWords open a condition on whom a change is for, after the change's
// own words ("add an SMS code for the new users only", "replace the passport
// scan on the new-user route with …").
var branchLeadWords = []string{"for", "if", "when", "unless", "on"}

// offScopeTailWords may stand between an off-scope heading and its colon in a
// change ("Out of scope now: …", "Not allowed for the MVP: …", "Excluded in
// v1: …"): when it holds; any other word ("never mind: …") makes it no heading.
var offScopeTailWords = []string{"now", "for", "in", "the", "this", "v1", "v2", "mvp", "anymore", "release", "phase", "launch", "pilot", "yet", "today", "too", "either", "options", "option", "ideas", "proposals", "suggestions", "alternatives", "items"}

// anotherTryWords, in a clause under a failure condition, make a step of the
// failed kind a second attempt on the fallback ("give them a second scan", "let
// them try their residence permit instead"), not the failed step named again.
// verbatimWords between a verb of speech and its quoted line say it is said as
// written ("opens with exactly: "…"", "say verbatim "…"").
// salutationWords open the words a greeting is told to say, unquoted ("the
// greeting should say welcome to Acme", "greet them with hello from Acme"):
// what follows the verb is the greeting's opening, not another step.
var salutationWords = []string{"welcome", "hi", "hello", "hey", "greetings", "howdy", "good"}

// newImageDetWords before "photo of their face" say the photo is yet to be
// taken ("swap the ID scan for a photo of their face"): a face scan, as "take
// a photo of their face" is, with no verb of taking needed.
var newImageDetWords = []string{"a", "an", "another", "new", "fresh"}

// pronounUserHaveWords are the user as a subject with a contracted "have"
// ("when people lose their phone they've usually lost the SIM too").
var pronounUserHaveWords = []string{"theyve", "hes", "shes", "theyd"}

// readerGreetingWords open a change that greets its reader before asking
// ("Hello again — could we …", "Hi team, …"): a greeting to whoever builds
// the flow, not the avatar's greeting, and "again" in it asks for no retry.
var readerGreetingWords = []string{"hi", "hello", "hey", "hiya", "howdy", "greetings"}

// coverVerbWords after "already" say another step does the job of one a change
// takes out ("drop liveness, the face compare already covers it"): a reason.
var coverVerbWords = []string{"covers", "cover", "handles", "handle", "does", "do", "catches", "catch", "proves", "prove"}

// exceptPhrases end a negation's scope and let in what follows ("no face stuff
// beyond liveness", "no checks other than liveness and an email code", "no
// face checks apart from liveness"): the step after one is wanted.
// turnIntoWords say a step is to become another ("keep everything except the
// SMS bit, which should become an email code"): a change, not a removal.
var turnIntoWords = []string{"become", "becomes", "becoming", "turn", "turns", "turned", "turning"}

// onlyWhenWords after "only" make it an "only" of time ("only then", "only
// after the passport"), not one that limits a step to the users named.
var onlyWhenWords = []string{"then", "once", "after", "afterwards", "before", "later", "now"}

// recipientEndWords may follow the verb of finding said of the users a step
// goes to ("a code to people we don't recognise, only …", "… recognise yet",
// "… recognised by face"); another word there is the verb's own object.
var recipientEndWords = []string{"and", "or", "but", "only", "yet", "then", "instead", "so", "by", "from", "at", "on", "in", "as", "anymore", "before", "again", "automatically", "immediately"}

// docLeadWords lead from a verb of finding to the document it reads ("can't
// identify from their ID", "doesn't match the ID photo").
var docLeadWords = []string{"from", "with", "to", "against", "on", "in", "by"}

var exceptPhrases = []string{"beyond", "other than", "apart from", "aside from", "besides", "except", "except for", "excepting", "save for"}

// strictWords speak of how close a face match must be ("make the face compare
// stricter, 0.9"): a fraction beside one is the match's threshold.
var strictWords = []string{"strict", "stricter", "strictness", "loose", "looser", "lenient", "tighter", "tighten", "relax"}

// sayWords are the forms of "say" before the words a line is told to say.
var sayWords = []string{"say", "says", "saying"}

// answerVerbWords take the words the user is to answer with ("ask them to reply
// yes, that is correct", "have them say yes, I approve"): a comma after "yes"
// goes on with the answer, not with a new instruction.
var answerVerbWords = []string{"say", "reply", "answer", "respond", "confirm", "type"}

var verbatimWords = []string{"exactly", "verbatim", "literally", "precisely", "just", "simply"}

// reasonPhrases open the reason for a request ("now that we have recognition"):
// what they name is in place, not asked for.
var reasonPhrases = []string{"now that", "seeing that", "seeing as", "given that"}

// choiceWords say that someone picks one of the things named ("let them
// choose between an SMS code or an email code", "whichever they prefer", "user
// picks: SMS or email", "their preferred channel"); with a chooser (chooserWords)
// and two code channels joined by "or" they make the user's choice (choice.go).
// "SMS or email, we haven't decided" names no chooser: the developer has not
// chosen yet, and the channel stays a question.
var choiceWords = []string{"choose", "chooses", "choosing", "chose", "choice", "choices", "pick", "picks", "picking", "select", "selects", "selecting",
	"whichever", "preference", "preferred", "decide", "decides", "opt", "opts"}

// choiceAskWords after a verb of asking make the question one of choosing:
// "ask if they want the code by SMS or by email", "ask which they'd rather".
// optionNouns after a code channel name one option of the user's choice in a
// change ("remove the email option", "the SMS choice"): the option is its code.
var optionNouns = []string{"option", "options", "choice", "alternative", "route", "path"}

// choiceRejectWords before the word of choosing say the choice is ruled out
// or was the old way ("rather than letting them choose SMS or email", "instead
// of letting users pick", "we used to let users choose", "previously users could
// pick", "stop letting them choose", "without letting them choose"): no choice
// is built; a false choice adds a channel the developer ruled out.
var choiceRejectWords = []string{"no", "not", "dont", "doesnt", "never", "without", "instead", "than", "used", "previously", "formerly", "earlier",
	"stop", "stopped", "anymore", "longer"}

// choiceScopeWords before the word of choosing put the choice on a condition,
// a fallback or one group of users ("if liveness fails, let them choose …",
// "new users … pick SMS or email"): the main path gets no choice (choice.go
// reads a choice for the main path only), and the text is read as before.
var choiceScopeWords = []string{"if", "when", "whenever", "unless", "otherwise", "fails", "failed", "fail", "fallback", "new", "returning", "first-time"}

// choiceDeciders name someone or something other than the user picking the
// channel ("our backend picks SMS or email", "the system selects", "whichever
// is cheaper", "depending on the country", "in their account settings"): no
// choice in the flow, the channel stays a question.
var choiceDeciders = []string{"backend", "system", "server", "admin", "agent", "operator", "cheaper", "cheapest", "depending", "based", "settings", "profile", "signup", "sign"}

// choiceCodeWords near the two channels make them channels of the code ("an SMS
// code or an email code", "the code by SMS or by email", "SMS or email for the
// OTP"); without one nearby, "marketing updates by SMS or email" is about
// something else (lemma "code" covers otp, passcode, pin).
var choiceCodeWords = []string{"code", "channel", "verify", "verification", "2fa"}

// bothCodesWords before a plural word for codes (codesWords) name every code
// of a flow whose codes are the two options of a choice ("rip out both codes",
// "remove the codes", "make all codes 8 digits").
var bothCodesWords = []string{"both", "the", "all"}

// optionPlaceWords with "<channel> option" ask to move an option or put a
// step on its path ("put the email option first", "move the SMS option last"),
// which Edit refuses (choice.go:choiceRefusal); "pick the email option if you
// don't have your phone", words for the avatar, asks neither.
var optionPlaceWords = []string{"put", "place", "move", "stick", "first", "last"}

// optionEditWords say a change removes or sets an option of a choice, whose
// "<channel> option" is then its code ("make the SMS option 8 digits", "set
// the email option to expire after 10 minutes"); words for the avatar ("pick
// the email option if you don't have your phone") are left as they are.
var optionEditWords = []string{"make", "set", "change", "digits", "digit", "expire", "expires", "expiry", "length"}

var codesWords = []string{"codes", "otps", "passcodes"}

var choiceAskWords = []string{"want", "wants", "prefer", "prefers", "rather", "which", "like"}

// chooserWords name the person the avatar speaks to as the one who chooses
// ("let them choose", "the user picks", "customers select"); "we"/"you" are the
// developer deciding, not a choice in the flow.
var chooserWords = []string{"they", "them", "their", "theyd", "user", "users", "customer", "customers", "client", "clients", "person", "people",
	"member", "members", "applicant", "applicants", "he", "she", "patient", "patients", "player", "players", "employee", "employees"}

// mailKindWords name a kind of email message before "email": "the link in their
// welcome email", "the number from the confirmation email" are messages the
// integrator sends, not an address to collect nor a code. ownSideWords, after
// "we send that email", say the speaker sends it themself: "we send that email
// ourselves", "… from our backend".
var (
	mailKindWords = []string{"welcome", "confirmation", "reset", "receipt", "reminder", "newsletter", "invoice", "marketing", "promo", "promotional"}
	ownSideWords  = []string{"ourselves", "ourself", "myself", "backend", "server", "servers", "crm", "mailer"}
	// modelLeadPhrases open a pointer at another product the request copies
	// ("like Notion's login code", "the way Wise does it", "similar to Monzo")
	modelLeadPhrases = []string{"like", "unlike", "similar to", "same as", "the way", "the same as", "just like", "as in"}
	// ourMailWords, before a plural "emails", make them the integrator's own
	// messages ("open rates on our emails are trash"), never an address typed
	ourMailWords = []string{"our"}
	// mailsVerbWords, after a plural "emails" as their subject, make them
	// messages that were sent ("the solicitor emails are usually where the
	// fraud starts", "emails get phished"), never an address typed
	mailsVerbWords = []string{"are", "were", "get", "got", "land", "arrive"}
	// namePartWords: the part of a name a question asks for ("ask them their
	// first name"), said back in the question instead of the full name
	namePartWords = []string{"first", "given", "last", "family", "middle", "legal"}
	// namePartNounWords name one part of a name by themselves ("their surname")
	namePartNounWords = []string{"surname", "forename", "lastname", "firstname"}
	// mailThingWords: what is sent to the email when it is no code ("a reset
	// link is sent to his email", "send the receipt to their email").
	mailThingWords = []string{"link", "links", "receipt", "receipts", "invoice", "invoices", "summary", "report", "letter", "copy", "newsletter", "reminder", "reminders"}
)

// mailboxWords name where email arrives: a code's channel, never an address
// typed in.
var mailboxWords = []string{"inbox", "inboxes", "mailbox", "mailboxes"}

// mailboxNextWords after "email" name the program mail is read in ("their email
// app was on that phone too", "the email client"): a mailbox, never an address
// typed in.
var mailboxNextWords = []string{"app", "apps", "application", "applications", "client", "clients", "inbox", "inboxes", "program"}

// screenNounBeforeWords before "screen" make it the noun ("we have their email
// from the login screen", "the next screen"), not the verb of a check ("screen
// them against sanctions lists").
var screenNounBeforeWords = []string{"the", "a", "an", "this", "that", "their", "our", "your", "my", "login", "signin", "signup",
	"home", "lock", "splash", "welcome", "checkout", "settings", "app", "next", "same", "first", "last", "previous", "on", "touch",
	"no", "any", "extra", "separate", "another"} // ("so no screen asking them to type an email": a screen ruled out, no check)

// spoofPropWords name what a presentation attack holds up to the camera ("it's
// not a printout held up to the camera", "nobody gets in with a mask"): ruled
// out, they ask for the liveness check, as "not a deepfake" does.
var spoofPropWords = []string{"printout", "printouts", "mask", "masks", "screenshot", "screenshots", "cutout", "cutouts",
	"photocopy", "photocopies", "replay", "replayed", "prerecorded"}

// presentWords after "physically" say the user is there in person ("make sure
// they're physically there", "physically present"): a live person on camera.
var presentWords = []string{"there", "present", "here"}

// mailSystemNextWords after "email" name the integrator's sending of mail, how
// well it works ("our email delivery has been flaky all quarter", "the email
// provider keeps timing out"): background about the channel, never an address
// typed in.
var mailSystemNextWords = []string{"delivery", "deliveries", "deliverability", "provider", "providers", "server", "servers",
	"service", "services", "vendor", "vendors", "outage", "outages", "infrastructure", "bounce", "bounces", "reputation"}

// mailThreatNextWords after "email" name a fraud carried out by email ("we've
// had two business-email-compromise frauds", "email phishing is rife"): the
// background the text gives for the flow, never an address typed in; after
// "SIM swap", the fraud the flow guards against, not its purpose.
var mailThreatNextWords = []string{"compromise", "fraud", "frauds", "phishing", "scam", "scams", "spoofing", "takeover", "attack", "attacks"}

// mailThreatBeforeWords before "email" (next to it or one modifier away) make
// the email one the text does not want: a fraudulent message ("we've had a
// couple of fake supplier emails", "phishing emails"), spam, a fake address
// ("we block disposable and fake emails"): the background to the flow again,
// never an address typed in, and not always a fraud.
var mailThreatBeforeWords = []string{"fake", "phishing", "phish", "spoofed", "spoof", "fraudulent", "scam", "bogus", "forged", "malicious", "spam"}

// futileWords say what the clause names would be of no use ("texting them a
// code is pointless"): it is ruled out.
var futileWords = []string{"pointless", "useless", "futile", "worthless", "impossible"}

// moreTryWords beside "try", "go" or "chance" ask for the same step again
// ("one more try", "another go", "a second chance").
var moreTryWords = []string{"more", "another", "second", "extra"}

// onceWords in a clause asking for a retry bound it to one more attempt ("let
// them try again once", "one more go at the code", "a second try", "one last
// chance"): the step gets a second node and no loop (layout.bounded).
// "twice" ("retry twice") is two more, which the layout cannot give: one more,
// said back (extraTries).
var onceWords = []string{"once", "twice"}

// onceConjNext after "once" make it a conjunction, not a count ("retry once
// they have better light", "offer a retry once the user is ready"): a time,
// and the retry stays unbounded as asked.
var onceConjNext = []string{"they", "they're", "theyre", "they've", "theyve", "we", "we're", "you", "you're", "he", "she", "it", "it's", "its", "i", "the", "their", "his", "her", "your", "our", "everything", "that", "this", "there"}

// boundLeadWords bound a retry only before a word for a try ("one more go",
// "another try", "a second chance", "one more time"): "have them take another
// selfie" is a step, not a bound. "single", "last" and "final" are not among
// them: "a single attempt", "their last chance at the scan", "a final attempt"
// limit the step to the attempt it has (onlyTryWords); "one last go" after a
// failure counts as "one more".
var boundLeadWords = []string{"more", "another", "second", "extra", "additional"}

// unlimitedTryWords lift a retry's bound ("unlimited retries", "retry
// until it works", "endless attempts"); with "as often", "as many", "no limit"
// (edit.go unlimitedTry), Edit lets a bounded retry loop again.
var unlimitedTryWords = []string{"unlimited", "until", "endless", "infinite", "indefinitely", "limitless", "unbounded"}

// onlyTryWords before a word for a try say the step gets that attempt and no
// other ("a single attempt at liveness", "this is their last chance at the
// passport scan", "a final attempt at the selfie"): no retry is offered.
var onlyTryWords = []string{"single", "last", "final", "only"}

// secondFailWords, in the condition of a step already offered again, speak of
// its second failure ("if it fails again", "on the second failure", "if that
// fails too", "if that fails as well"): the retry is bounded, and what
// follows is that failure's path.
var secondFailWords = []string{"again", "second", "twice", "also", "too", "well"}

// repeatOrdinalWords and repeatPrepWords, after a failing verb, say which try
// failed ("fails a second time", "fails for the second time", "fails on the
// next attempt"): a later failure, said of the condition, not a retry to offer.
var (
	repeatOrdinalWords = []string{"second", "2nd", "next", "third", "3rd"}
	repeatPrepWords    = []string{"for", "on", "at", "in"}
)

// handoverPersonWords are people a user is handed to only after a verb of
// handing over (handoverVerbWords) before them in the clause ("transfer them to
// a colleague", "pass them to an advisor"); alone they are someone the user is
// told about ("ask them to contact their advisor", "a colleague will call you
// back"), no handover (readPolicy).
var (
	handoverPersonWords = []string{"colleague", "colleagues", "advisor", "advisors", "adviser", "advisers"}
	referVerbWords      = []string{"contact", "call", "see", "visit", "tell", "ask", "email", "phone"} // the user is sent to the person themselves: no handover
	handoverVerbWords   = []string{"transfer", "transfers", "pass", "passes", "hand", "hands", "connect", "connects", "escalate", "escalates", "route", "routes", "forward", "forwards", "send", "sends", "put", "puts"}
)

// tryNouns, after a number, count the attempts a step gets ("two attempts at
// the selfie", "3 tries"): a bounded retry too.
var tryNouns = []string{"attempt", "attempts", "try", "tries", "go", "goes", "shot", "shots", "chance", "chances", "time", "times", "round", "retry", "retries"}

// freshCodeWords before a code's noun ("send a new code", "a fresh email
// code", "a replacement OTP") ask for another code (parse.go, anotherTry).
var freshCodeWords = []string{"new", "fresh", "replacement", "newer"}

var anotherTryWords = []string{"another", "second", "again", "different", "other", "alternative", "instead", "more", "fresh", "proper", "separate"}

// spareWords, negated in a clause under a failure condition ("don't reject
// them", "do not end the session", "don't fail them"), say the failure does not
// stop the session: what the next sentence says is what happens instead.
var spareWords = []string{"reject", "rejects", "rejecting", "deny", "denying", "fail", "failing", "end", "ending", "stop", "block", "decline", "refuse", "kick", "bounce", "terminate", "kill", "lock", "drop"}

// subordOpenWords open a time clause that comes before its main clause ("and
// once that's verified, run a liveness check"): after "and" or "but" they start
// a new clause, so that the step of the main clause is not read as the one the
// time clause points to.
var subordOpenWords = []string{"once", "when", "whenever"}

// scanModeWords name document_scan's scanningMode, next to a word of modeNouns.
var (
	scanModeWords = map[string]string{"automatic": "automatic", "auto": "automatic", "automated": "automatic", "single": "single", "manual": "single", "manually": "single"}
	modeNouns     = []string{"mode", "capture", "scanning", "scan", "shot", "page", "side"}
)

// settingKeyWords name a setting written as a key and its value ("otp(len=6)",
// "email_otp(maxAttempts=5, expiry=600s)", "perms(camera=true, mic=false)"):
// the key's word as written → the setting (settings.go, readSettings).
var settingKeyWords = map[string]string{
	"len": "length", "length": "length", "otplength": "length", "otplen": "length", "codelength": "length", "digits": "length", "digit": "length", "size": "length",
	"expiry": "expiry", "expires": "expiry", "expire": "expiry", "expiryseconds": "expiry", "ttl": "expiry", "exp": "expiry", "timeout": "expiry", "validity": "expiry", "lifetime": "expiry",
	"attempts": "attempts", "maxattempts": "attempts", "tries": "attempts", "maxtries": "attempts", "retries": "attempts", "maxretries": "attempts",
	"threshold": "threshold", "similarity": "threshold", "similaritythreshold": "threshold", "confidence": "threshold", "minscore": "threshold",
	"mic": "microphone", "microphone": "microphone", "audio": "microphone",
}

// keyOtherStepWords (lemmas) name a step that is no code, or a document's
// field; a code's key ("attempts", "expiry", "digits") a few words before a
// value does not reach over one, nor belong to a key they qualify
// ("Attempts at liveness: 2", "Tries for the avatar question: 2", "Document
// expiry must be at least: 6 months", "The passport's expiry date: 6 months"):
// those set no code's value (settings.go, keyBefore).
var keyOtherStepWords = []string{"liveness", "ask", "document", "passport", "license", "id", "card", "permit", "visa", "face", "selfie", "photo", "recognize", "compare", "avatar", "date", "birth", "age"}

// userSayBareWords and userSayThirdWords say words aloud; after "and" they
// share the user subject of the clause before ("the user states their name and
// says 'I agree'", "ask them to state their name and say 'I consent'");
// userLeadVerbWords put the user to a verb ("have the user …", "ask them to …").
var (
	userSayBareWords  = []string{"say", "state", "repeat", "read", "declare"}
	userSayThirdWords = []string{"says", "states", "repeats", "reads", "declares"}
	userLeadVerbWords = []string{"ask", "have", "get", "make", "tell", "let", "instruct", "prompt", "require"}
	userLeadBareWords = []string{"have", "make", "let"} // take the bare verb ("have the user state …"); the others need "to"
	// appPermBarWords keep the flow's own permission step when a sentence
	// says the app asks for it: a negation, a platform or group it is
	// limited to, or the flow asking again (onlyPermissionByApp)
	appPermBarWords = []string{"not", "never", "no", "dont", "doesnt", "isnt", "arent", "wont", "cant", "only", "again", "also", "still", "keep", "too", "both", "ios", "android", "iphone", "web", "desktop", "browser", "some"}
	// avatarAckWords open a quoted line only the avatar says, an
	// acknowledgement or a word to the user ("and say 'Thanks, got it'",
	// "'Great, let's continue'"): never the user's words to repeat, whoever
	// the clause before has as its subject
	avatarAckWords = []string{"thanks", "thank", "great", "perfect", "got", "welcome", "lets", "wonderful", "excellent", "awesome", "nice", "brilliant", "cheers", "you", "youre", "your", "all"}
)

// whyNotAuxWords, whyAuxWords and whyNotSubjectWords make a "why" a
// suggestion to us ("why don't we add a doc scan", "why wouldn't you ask their
// date of birth", "why do we not add an email code"), read as the instruction
// it suggests; "why do we need it" (no negation) asks for a reason.
var (
	whyNotAuxWords     = []string{"dont", "wouldnt", "cant", "couldnt", "wont"} // (never "didn't": "why didn't you bring an ID?" asks the user; never "shouldn't": as often a question as a suggestion)
	whyAuxWords        = []string{"do", "would", "can", "could", "will"}
	whyNotSubjectWords = []string{"we", "you", "i", "u"}
	// suggestAddWords: the only verbs a suggestion is read with: one that
	// adds a step ("why not add an email code too?"); one that removes,
	// skips, retries, moves or swaps a check stays as written
	suggestAddWords = []string{"add", "include", "insert", "append", "put", "do", "run", "scan"}
	// suggestBarWords take a suggestion back to the text as written: it
	// speaks of a condition, a replacement, a retry or a removal ("why not
	// add a retry if it fails?", "why not add an email code instead?")
	suggestBarWords = []string{"if", "when", "whenever", "unless", "instead", "rather", "retry", "retries", "again", "skip", "drop", "remove", "without", "optional", "replace", "swap", "only", "except", "fallback", "backup", "second", "another", "try"}
	// suggestAnswerWords open a sentence that answers a "why not" put just
	// before it ("Why not add an email code? Because it costs too much."):
	// the question is rhetorical, no suggestion
	suggestAnswerWords = []string{"because", "cause", "cuz", "coz", "bc", "since", "as", "no", "nope", "nah", "well", "we", "it", "its", "that", "thats", "they", "theyre", "not", "never", "answer", "simple", "obviously", "regulators", "compliance", "keep"}
)

// elsewherePhrases say that what the clause names happens outside the flow
// ("camera access is handled by our app").
var elsewherePhrases = []string{
	"outside the flow", "outside of the flow", "outside the session", "outside of the session", "outside this flow",
	"in our backend", "on our backend", "in our back office", "on our side", // "the face comparison happens in our backend afterwards" (not "in our app": the session itself may run there)
	"handled by our", "handled by the app", "handled in our", "handled on our", "handled upstream", "handled elsewhere", "handled separately",
	"done by our", "done in our", "done on our", "done upstream", "managed by our", "taken care of by our", "covered by our",
	"not the flows", "apps job", "in our own", "before the session starts", // "our app's job, not the flow's", "in our own UI beforehand"
	// "recognition comes later in the login flow, not here", "that's for a
	// separate flow": another flow of the integrator's does it
	"not here", "not in here", "in another flow", "in a separate flow", "in a different flow", "in a later flow", "in the next flow", "for another flow", "for a separate flow", "for a different flow", "for a later flow",
	// "the door code is sent by our PMS afterwards": a code the integrator's own
	// system sends, not a FaceSign one-time code
	"sent by our", "sent from our", "sent out by our", "issued by our", "generated by our", "texted by our", "emailed by our",
	// "recognition happens later in a different flow": another flow of the
	// integrator's runs it, not this one
	"in a different flow", "in another flow", "in a separate flow", "in a later flow", "in its own flow", "in a different session", "in another session", "in a separate session", "in a later session",
	"deals with that", "deal with that", "deals with this", "handles that", "handle that", "takes care of that", "take care of that", "handled offline", "out of scope", // a sentence that puts what it names outside the flow ("the front desk deals with that, so not in this flow")
}

// tldWords are the top-level domains that make "acme.io" a domain name (after
// an "@" any does); English words ("it", "me", "us", "in", "so") are left out,
// so a missing space ("the check.it fails") is no domain.
var tldWords = []string{"com", "org", "net", "io", "co", "uk", "de", "fr", "es", "nl", "eu", "ca", "au", "ch", "se", "pt", "br", "mx", "jp", "app", "dev", "ai", "edu", "gov", "info", "biz"}

// inFlowPhrases name the flow as a place; after a negation ("not in the flow",
// "that part isn't part of this flow") what the clause names happens elsewhere.
var inFlowPhrases = []string{
	"by the flow", "in the flow", "part of the flow", "in this flow", "part of this flow",
	"by the session", "in the session", "part of the session", "in this session", "part of this session",
	"in facesign", "by facesign", "with facesign", // "we took a selfie and stored it ourselves (not in FaceSign)"
}

// alsoLead and alsoTail mark an instruction that adds to the one before without
// a verb of its own ("remove the SMS OTP. oh and the email one too").
var (
	alsoLead = map[string]bool{"oh": true, "and": true, "plus": true, "also": true, "ah": true}
	alsoTail = map[string]bool{"too": true, "also": true, "well": true}
)

// moveVerbs and placePreps read a move taken back ("move the doc scan to the
// start. actually no, put it between …"): its verb, and where its object ends.
var (
	moveVerbs  = map[string]bool{"move": true, "put": true, "place": true, "shift": true, "stick": true}
	placePreps = map[string]bool{"to": true, "at": true, "after": true, "before": true, "between": true, "first": true, "last": true, "into": true, "up": true, "down": true, "in": true, "on": true}
)

// everyOneWords say a setting is for every step that takes it ("both codes
// must have 8 digits", "all codes expire after 5 minutes").
var everyOneWords = []string{"both", "all", "each", "every"}

// faceAdjectiveWords are words of the "enrolled" group that describe the face
// being checked rather than a population it is searched among ("a biometric match").
var faceAdjectiveWords = []string{"biometric", "biometrics"}

// contractions: a contraction typed without its apostrophe → as a line the avatar
// says spells it ("asks if theyre ok" → "if they're ok"). Only forms that are no
// other word ("its", "were", "well" are words of their own).
var contractions = map[string]string{
	"theyre": "they're", "youre": "you're", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't",
	"arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "cant": "can't", "wont": "won't", "havent": "haven't",
	"hasnt": "hasn't", "shouldnt": "shouldn't", "couldnt": "couldn't", "wouldnt": "wouldn't", "thats": "that's",
	"whats": "what's", "theyve": "they've", "youve": "you've", "theyll": "they'll", "youll": "you'll", "im": "I'm",
}

// apostropheSplits: contractions that, with the apostrophe dropped, spell
// another word ("we're" is no "were"): read as the two words they stand for.
var apostropheSplits = map[string][2]string{"were": {"we", "are"}}

// recordIDWords before "id" name a record the integrator keeps ("log the
// transfer id", "the order ID"): its identifier, no identity document. (A
// person's card, "employee ID", "student ID", is left to the document rule.)
//
// Not "request" or "record", which are verbs too ("request ID and a selfie"),
// nor "customer": "verify customer ID" is the customer's identity document.
var recordIDWords = []string{"transfer", "payment", "order", "reference", "ticket", "case", "device", "tracking", "trace", "correlation", "event", "invoice", "wire", "job"}

// factorRenewWords beside a label ("2FA", "MFA") name something done to the
// factor itself ("Caller needs their MFA reset", "2FA recovery"): the label
// names what the flow is for, not a code it sends.
//
// The word must act on the label: right after it ("their MFA reset", "2FA
// recovery") or as a verb whose object it is ("resets the customer's 2FA").
// A reset or recovery the label is a means of ("Password reset via 2FA and
// liveness", "Account recovery with 2FA and a selfie", "Unlock account: 2FA
// then selfie") still asks for the code (rules.go, renewsLabel).
var factorRenewWords = []string{"reset", "resets", "resetting", "recovery", "recover", "recovering", "lockout", "lockouts", "unlock", "reenroll", "reenrol", "reenrollment", "reenrolment", "rebind"}

// factorRenewVerbs are the factorRenewWords that take the label as their
// object ("reset their 2FA", "unlock the user's MFA"); "recovery with 2FA"
// is a noun the label only serves.
var factorRenewVerbs = []string{"reset", "resets", "resetting", "recover", "recovering", "unlock", "reenroll", "reenrol", "rebind"}

// labelDefiniteWords before a label with a stage head name the stage the flow
// is ("the 2FA step on agent console login", "The MFA check for VPN logins");
// "a 2FA step at login" or "an MFA check on login" asks for one, so the code
// stays (rules.go, labelGuardsLogin).
var labelDefiniteWords = []string{"the", "this", "our", "your"}

// labelHeadWords after a label make it a stage of a flow rather than a code
// ("the 2FA step on agent console login", "the MFA check for VPN logins"):
// guarding a login, the label names the flow's purpose; "a 2FA code at
// login" is still a code.
var labelHeadWords = []string{"step", "check", "stage", "layer", "factor"}

// labelGuardWords stand between a label's head and the login it guards
// ("2FA step on the console login", "MFA check for VPN logins").
var labelGuardWords = []string{"for", "at", "on"}

// refEndPronounWords end a clause after "before"/"after" as the steps the
// text named last ("an email OTP, 6 digit. Liveness before that."); opening
// one ("Before that, recognise them") they place the next clause instead.
var refEndPronounWords = []string{"that", "this", "those", "these"}

// passOnVerbWords open a request to record or pass on what the flow found,
// which the integrator's own systems do ("also post every failed attempt to
// our SIEM", "forward the outcome to our CRM"): no step, said back (edit.go).
var passOnVerbWords = []string{"post", "forward", "log", "notify", "alert", "report", "export", "sync", "store", "save", "record", "ping", "escalate", "push", "attach", "archive", "write", "send", "share", "publish", "stream", "relay"}

// sessionDoneWords end a time clause that opens a request of the
// integrator's systems ("after it completes push the result into BambooHR",
// "once it's done send the verdict to payroll").
var sessionDoneWords = []string{"completes", "completed", "complete", "finishes", "finished", "done", "ends", "ended", "over"}

// passOnObjectWords after a verb of passing on (a determiner between) name
// what the flow found, not a notification to send: "push the result into
// BambooHR" passes on the result; "push a notification" is still a push.
var passOnObjectWords = []string{"result", "results", "outcome", "outcomes", "verdict", "verdicts", "decision", "decisions", "status", "data", "details"}

// Structured input (structured.go): what a pasted table's header says its
// column holds, what a checklist's box and a key's value say of the item.
var (
	// tableColumnHeads: a header cell → the column's role. A numbering column
	// is dropped; a condition column opens the row with "if"; a failure column
	// says what a failed step of the row does; a note is a remark of the row.
	// Any other header ("step", "action", "what") holds the row's steps.
	tableColumnHeads = map[string]int{
		"#": colOrdinal, "no": colOrdinal, "no.": colOrdinal, "nr": colOrdinal, "num": colOrdinal, "order": colOrdinal, "seq": colOrdinal, "sequence": colOrdinal, "idx": colOrdinal, "index": colOrdinal, "pos": colOrdinal, "position": colOrdinal, "step #": colOrdinal, "step no": colOrdinal, "step no.": colOrdinal, "step number": colOrdinal,
		"condition": colCondition, "conditions": colCondition, "when": colCondition, "if": colCondition, "case": colCondition, "trigger": colCondition, "scenario": colCondition, "situation": colCondition,
		"on failure": colFailure, "on fail": colFailure, "on error": colFailure, "if fails": colFailure, "if it fails": colFailure, "if failed": colFailure, "when it fails": colFailure, "failure": colFailure, "fail": colFailure, "failure action": colFailure, "on failure action": colFailure,
		"required": colToggle, "enabled": colToggle, "needed": colToggle, "include": colToggle, "included": colToggle, "in scope": colToggle, "active": colToggle, "mandatory": colToggle, "use": colToggle, "used": colToggle, "on/off": colToggle, "yes/no": colToggle, "wanted": colToggle, "status": colToggle, "state": colToggle, "enabled/disabled": colToggle, "in use": colToggle,
		"note": colNote, "notes": colNote, "comment": colNote, "comments": colNote, "remark": colNote, "remarks": colNote, "detail": colNote, "details": colNote, "why": colNote, "reason": colNote, "description": colNote,
	}
	// otherwiseCellWords in a condition column: the row for everyone the rows
	// above did not catch
	otherwiseCellWords = []string{"otherwise", "else", "default", "any other", "anything else", "everyone else", "everybody else", "anyone else", "anybody else", "all other", "all others", "the rest", "rest", "*"}
	// blankCellWords: a cell that says nothing
	blankCellWords = []string{"", "-", "--", "—", "–", "n/a", "na", "none", "tbd"}
	// uncheckLeadWords open a checklist item that excludes ("[ ] skip the
	// document", "[ ] no SMS"): unticked, it asks for nothing either way
	uncheckLeadWords = []string{"no", "skip", "without", "dont", "don't", "not", "never", "exclude", "omit", "remove", "drop", "disable"}
	// tickMarks: what a ticked checklist box holds ("[x]", "[✓]")
	tickMarks = []string{"x", "✓", "✔", "*", "v", "+"}
	// valueOnWords and valueOffWords: a key's whole value that names the key
	// as wanted ("liveness: true") or rules it out ("document: skip", "otp:
	// none"); any other value is read as written
	valueOnWords = []string{"true", "yes", "y", "on", "enabled", "enable", "required", "require", "always", "include", "included", "wanted", "needed", "mandatory"}
	// placeNegWords in a clause that only gives a pronoun a place ("don't do
	// that first") turn the place round: it places nothing (parse.placesBack)
	placeNegWords = []string{"not", "never", "no", "dont", "don't", "nor", "without", "instead"}
	// placeAfterRefWords follow a pronoun that is given a place ("scan that
	// first", "do it at the end", "put them last"); any other word after it
	// makes it the subject of a verb of its own ("that happens first")
	placeAfterRefWords = []string{"first", "last", "at", "to", "up", "before", "after", "in", "as", "right", "straight", "very", "too", "then", "please", ",", "."}
	// crossMarkWords and checkMarkWords in a table's yes/no column ("| Check |
	// Enabled |" with "❌" or "✅"): the row's step is ruled out or wanted
	crossMarkWords = []string{"❌", "✗", "✘", "×", "🚫", "⛔", "-no", "[ ]"}
	checkMarkWords = []string{"✅", "✓", "✔", "✔️", "☑", "☑️", "[x]"}
	// contentHeadWords head a table's column of steps ("| Step | Notes |"):
	// known, so no note says them back (structured.unknownColumns)
	contentHeadWords = []string{"step", "steps", "check", "checks", "action", "actions", "what", "task", "tasks", "verification", "verifications", "method", "stage", "phase", "item", "items", "name", "requirement", "requirements", "control", "controls", "then", "do", "node", "nodes", "type", "component", "feature", "flow", "factor", "factors", "signal", "measure", "procedure", "process", "activity", "screen"}
	// rangeQualifierWords after the second number of "a -> b" make the arrow
	// a mapping or a range, no change of value ("age check (18 -> 21 for US
	// users)": 21 is for some users only, structured.changedValues)
	// ("for" is mappedRange's own case: "for the email code" is no range)
	rangeQualifierWords = []string{"if", "when", "in", "on", "outside", "unless", "except", "per", "with", "where", "and", "or"}
	// keySettingWords in a key beside a step's name make the key a setting or
	// an attribute of the step ("email code expiry: never", "OTP resend:
	// disabled", "disable SMS: false"): its value says nothing of whether the
	// step is wanted, so the line is left to the settings reader as written
	// (the settings' own keys, "expiry", "digits", come from settingKeyWords)
	keySettingWords = []string{"resend", "resends", "retry", "expiration", "fallback", "fallbacks", "backup", "disable", "skip", "enable", "allow", "attempt", "limit", "limits", "cooldown", "delay", "mode", "level", "score", "max", "min", "count"}
	valueOffWords   = []string{"false", "no", "n", "off", "disabled", "disable", "none", "skip", "skipped", "never", "omit", "omitted", "exclude", "excluded", "nope", "not needed", "not required", "not wanted", "n/a", "no need",
		// (a removal said as the value: "• sms code: gone", "email entry: remove")
		"gone", "remove", "removed", "drop", "dropped", "delete", "deleted", "out", "cut", "scrap", "scrapped", "kill", "killed", "ditch", "ditched", "away"}
)

// offValueWords are the values that turn a setting off ("mic=false", "microphone: off").
var offValueWords = []string{"false", "off", "no", "disabled", "none", "0"}

// micOffVerbWords before the microphone turn it off ("turn off the mic",
// "disable the microphone", "mute the mic"); needOnlyWords sit between "only"
// and "the camera" ("we only need the camera", "only want the camera").
// refEndVerbWords end a place said with no comma ("after a liveness check
// send an SMS code"): the verb of the instruction that follows it.
var refEndVerbWords = []string{"send", "do", "run", "perform", "ask", "take", "collect", "trigger", "fire", "require", "give"}

// docErrandNextWords after a document word name the errand or the office
// ("visa appointment pre-check", "the passport office"), not a document to scan.
var docErrandNextWords = []string{"appointment", "appointments", "interview", "interviews", "office", "offices", "consulate", "embassy", "centre", "center", "agency", "sponsorship", "lottery"}

// minorGuardWords beside a word for a minor ask for an age check ("block
// minors", "kids aren't allowed", "only if they're not underage"); without
// one, "mostly teenagers" says who the users are.
var minorGuardWords = []string{"no", "not", "never", "block", "ban", "banned", "allow", "allowed", "exclude", "stop", "prevent", "refuse", "keep", "out", "away", "only", "if", "unless", "make", "sure", "ensure", "screen", "filter", "flag", "catch", "can't", "cannot", "mustn't", "shouldn't", "must", "weed", "blocked", "excluded", "stopped", "prevented", "refused", "bar", "barred"}

// mailLossWords a few words before "email" say the user lost the mailbox
// ("they may have lost access to their email", "locked out of their email"),
// not that an address is typed; a few words after "phone", that the phone was
// lost or taken over ("their phone number may be compromised"), not a code.
// An address given up is one too ("locked out a lot (lost phone, changed
// email)": the old one no longer reaches them).
var mailLossWords = []string{"lost", "lose", "loses", "losing", "locked", "hacked", "compromised", "changed"}

// routeParticleWords after "send" and the person sent say where the user goes
// ("send them down a separate path", "send new users through the email
// check", "send him back to the start"): the user is routed, no message sent.
var routeParticleWords = []string{"down", "through", "thru", "along", "into", "onto", "to", "off", "back", "elsewhere", "straight", "over"}

// mailLossLinkWords may stand between "email" and a mailLoss word said of it
// ("their email account that got hacked", "their email was compromised"): the
// mailbox's own noun, a relative pronoun and the auxiliaries of a passive.
var mailLossLinkWords = []string{"account", "accounts", "address", "that", "which", "has", "have", "had", "been", "got", "gotten", "get", "gets", "was", "were", "is", "are", "being", "already", "also", "just", "probably", "maybe"}

// onetimeNextWords after "one-time" make it a code ("one-time password"), as a
// code's own noun does; before another noun ("a one-time setup") it is no code.
var onetimeNextWords = []string{"password", "passwords", "token", "tokens", "pass", "passes", "key", "keys", "number", "numbers", "via", "by", "to", "sent", "over", "through", "and", "or", "then", "first", "after", "before"}

// onetimeNounWords after "one time" written apart make the two words a code's
// name ("a one time password"), as a code's own noun ("code", "passcode",
// "pin") or a word the lexicon does not know (a typo of one, "pascode") does;
// anywhere else "one time" counts times ("retry it one time").
var onetimeNounWords = []string{"password", "passwords", "token", "tokens", "pass", "passes", "key", "keys", "number", "numbers", "verification", "login", "sms", "text", "email"}

// joinInContextPairs are joins (joins) that joinTokens makes only where the
// words after them say the pair names one thing ("one time" before a code's
// noun, onetimeNoun); dictation's split-word repair leaves them to it.
var joinInContextPairs = []string{"one time"}

// onetimeNoun: ts[i] makes "one time" before it a code's name (onetimeNounWords).
func onetimeNoun(ts []token, i int) bool {
	return i < len(ts) && (ts[i].w == "code" || lex.onetimeNoun[ts[i].raw] || !ts[i].known && ts[i].raw != "" && isAlpha(ts[i].raw) && !english.Known(ts[i].raw))
}

// resumeWords before a step say the path goes on to it ("and then carry on to
// liveness", "then continue with the liveness check"): where a fallback rejoins.
var resumeWords = []string{"continue", "continues", "continuing", "carry", "carries", "proceed", "proceeds", "rejoin", "rejoins", "resume", "resumes"}

// askedVerbWords, before "(for) it/this/that" (pastRefWords), say who wanted
// the change ("Finance asked for it", "legal requested this"): a remark.
var askedVerbWords = []string{"asked", "requested", "wanted", "insisted", "demanded"}
var pastRefWords = []string{"it", "this", "that"}

// nameNounWords, before a comma and a capitalised word, take that word as the
// name they speak of ("say the school's name, ByteSprouts").
var nameNounWords = []string{"name", "called", "named", "brand"}

// verbParticleWords stand between a verb of failing and the step it fails on
// ("cancel out of the passport scan", "give up on the scan", "back out of it").
var verbParticleWords = []string{"out", "of", "on", "up", "from", "with", "at"}

// imageGoneWords, in a condition, say the image a comparison reads is not
// there ("if the headshot is missing or unusable"): its imageUnavailable outcome.
var imageGoneWords = []string{"missing", "unusable", "unreadable", "corrupt", "corrupted", "absent", "unavailable"}

var micOffVerbWords = []string{"off", "disable", "mute", "drop"}

// politeWords ask nicely and say nothing else: beside a value they leave it
// alone in its clause ("a strict similarity threshold (0.85 pls)").
var politeWords = []string{"please", "pls", "plz", "thx", "thanks", "ty"}
var needOnlyWords = []string{"need", "needs", "want", "wants", "use", "request", "ask"}

// needPastSet: needOnlyWords said in the past ("I wanted the SMS code only").
var needPastSet = wordSet([]string{"needed", "wanted", "requested", "asked"})

// changeParticiples: the past participle of a verb of change → the verb, so that
// "the SMS code is removed", "both codes get taken out", "the email step should be
// replaced with …" read as the instruction (edit.go, activeVoice).
// orderParticiples turn into the swap verb only where the order of the steps
// is their subject ("the order of … SHALL be reversed"; orderParticiple)
var orderParticiples = map[string]string{"reversed": "reverse", "flipped": "flip", "inverted": "invert"}

var changeParticiples = map[string]string{
	"removed": "remove", "deleted": "delete", "dropped": "drop", "eliminated": "eliminate", "ditched": "ditch",
	"ripped": "rip", "stripped": "strip", "scrapped": "scrap", "nixed": "nix", "killed": "kill", "struck": "strike", "taken": "take",
	"replaced": "replace", "swapped": "swap", "switched": "switch", "substituted": "substitute", "moved": "move",
	"added": "add", "inserted": "insert", "included": "include", "appended": "append",
}

// oneMoreWords, beside a step a change names, ask for one more of it, not the
// one already in the flow ("add another email code", "a second scan").
var oneMoreWords = []string{"another", "second", "extra", "again", "more"}

// duringPrepWords, after what a check did not find, name the step it looked in
// ("no face was detected in the liveness check", "during the selfie").
var duringPrepWords = []string{"in", "during", "on", "at", "from"}

// alsoWords say a requirement holds for more users than just named ("returning
// users must also be over 21", "… as well", "them too").
var alsoWords = []string{"also", "too", "well", "both", "either"}

// seenWords say a thing was (not) found by a check ("no face is detected",
// "no face was found", "no face visible").
var seenWords = []string{"found", "seen", "detected", "spotted", "visible", "located", "present", "picked", "up"}

// supposeLeadWords, before "we" or "you" and a verb of change, ask for the change
// as a supposition ("what if we removed …", "how about we swapped …", "suppose we
// dropped …"); "if" counts only after "what". ("Suppose we removed the age
// check, what happens?" asks what would follow, no change.)
var supposeLeadWords = []string{"if", "about", "suppose", "supposing"}

// ageKeptOutWords, anywhere in a clause with "under 18", make the age one kept
// out or a condition, not an upper limit the user must meet (parse.go ageUnder):
// "deny access when the user is under 18", "check whether they're under 21".
// ageRequireWords ask for it ("check the holder is under 18", "they must be
// younger than 26").
var (
	ageKeptOutWords = []string{"if", "unless", "when", "whenever", "where", "wherever", "whether", "case", "reject", "rejected", "refuse", "refused",
		"deny", "denied", "block", "blocked", "ban", "banned", "bar", "barred", "end", "ends", "stop", "stops", "decline", "exclude", "excluded", "cant", "cannot"}
	ageRequireWords = []string{"check", "checks", "verify", "confirm", "ensure", "sure", "must", "should", "need", "needs", "has", "have", "only"}
)

// perfectNegWords negate a verb of finding a user ("people we haven't seen
// before", "faces we hadn't enrolled") and nothing else: as a negation
// everywhere they took away what users "haven't verified yet" get.
var perfectNegWords = []string{"havent", "hasnt", "hadnt"}

// copulaModalWords, before "be" ("should be", "needs to be"), say what a step
// is to become: "the SMS code should be email" replaces it.
var copulaModalWords = []string{"should", "must", "needs", "need", "has", "have", "ought", "will", "shall"}

// clauseJoinWords open a clause inside a sentence: a subject starts after them
// ("keep all of it except the SMS code should be email").
var clauseJoinWords = []string{"except", "but", "and", "so", "then", "just", "only"}

// refusalFillerWords go with a negation that turns a change down ("so please
// don't", "so let's not", "so we won't do it").
var refusalFillerWords = []string{"please", "lets", "let", "us", "do", "we", "i", "it", "that", "then", "just"}

// placeVerbWords put a step somewhere in the flow ("put the email code
// first", "do the liveness check before the scan").
var placeVerbWords = []string{"put", "place", "move", "do", "run", "have", "stick", "schedule"}

// orderVerbWords say where a step happens, of the step as subject or of the
// step sent ("the SMS code shouldn't come before the liveness check", "don't
// send the code before the selfie"): under a negation, beside "before" or
// "after", they rule out an order, not the step.
var orderVerbWords = []string{"come", "go", "be", "happen", "run", "appear", "sit", "start", "send", "fire", "trigger"}

// orderPrepWords place a step against another: a negation stops at one only
// once it has named its step ("don't do an email code before the liveness
// check" rules out no liveness check); with no step named yet the negation
// goes on, as the place is what it rules out ("add an email code after the
// SMS code, but don't send it before the liveness check", "… but not before
// the liveness check": the liveness check is no place for the code to go).
var orderPrepWords = []string{"before", "after"}

// seqLeadWords carry a text on from what was just said ("…, let them retry,
// and after that do an ID scan", "If the SMS code fails, send an email code.
// After that, do an ID scan"): a fallback sentence they follow, or that holds
// them after a retry, is not moved away from them (deferFallbacks).
var seqLeadWords = []string{"then", "after", "afterwards", "afterward", "next", "later"}

// saidStepsWords, in a clause that names no step, point back at the steps said
// before ("anyone we don't recognise goes through this", "… does all of
// that", "… gets the same"): those steps, for the users named.
var saidStepsWords = []string{"this", "that", "these", "those", "same", "above", "it", "them", "all"}

// orderQualWords, after the step an order is said against, bound the order
// to some users or some case ("… after the SMS code for EU users", "… unless
// they're returning customers"): no move for everyone (negatedOrder).
var orderQualWords = []string{"for", "unless", "if", "when", "whenever", "except", "only", "where", "while", "once", "until"}

// failWords say the step an order is said against failed ("don't do the ID
// scan after a failed liveness check", "… after the ID scan fails"): a
// failure path, not an order of the main path (negatedOrder).
var failWords = []string{"fail", "fails", "failed", "failing", "failure", "failures", "unsuccessful", "rejected", "declined", "times", "timed", "abandon", "abandons", "abandoned", "cancel", "cancels", "cancelled", "canceled"}

// yesAuxWords, after "if they", answer a question yes ("if they do", "if
// they have it", "if they are").
var yesAuxWords = []string{"do", "does", "did", "have", "has", "are", "is", "can"}

// requesterWords name whom a change answers to, who ask for one ("what
// compliance asked for", "what the auditors want"), not who would exploit it.
var requesterWords = []string{"compliance", "legal", "security", "auditors", "auditor", "audit", "regulator", "regulators", "pm", "product", "management", "ciso", "risk", "client", "clients", "customers", "bank", "team", "boss", "business", "ops", "operations", "leadership", "board", "lawyers", "counsel", "partner", "partners", "insurer"}

// guardWords beside a fraud's name make it what the flow stops ("SIM swap
// fraud prevention", "stop SIM swap attacks").
var guardWords = []string{"prevention", "prevent", "preventing", "protection", "protect", "protecting", "stop", "stopping", "block", "blocking", "against", "defence", "defense"}

// onlyWords after "than" make the step the least of what the text wants
// ("more checks than just an SMS code"), kept, not set aside.
var onlyWords = []string{"just", "only", "merely", "simply"}

// ownedWords: things a person has ("users without a phone", beside the
// document types): lacking one says who the users are, no step ruled out.
var ownedWords = []string{"phone", "phones", "smartphone", "smartphones", "mobile", "email", "address", "camera", "webcam", "laptop", "computer"}

// whyCopulaWords before "why" make it the speaker's explanation ("SIM swap
// attacks are why we avoid SMS", "that's why", "here's why"), no question.
var whyCopulaWords = []string{"is", "are", "was", "were", "thats", "heres", "which"}

// comparativeWords: an adjective or adverb before "than" that weighs two
// options ("email is safer than SMS", "cheaper than a text"): what follows
// "than" is the option set aside, no step ("more"/"less" before another
// word: "more reliable than SMS"). "rather than" and "other than" rule out.
var comparativeWords = []string{"better", "safer", "cheaper", "faster", "quicker", "easier", "simpler", "nicer", "friendlier", "stronger",
	"worse", "slower", "harder", "riskier", "costlier", "weaker", "clunkier", "flakier", "more", "less"}

// preferVerbWords: "we prefer email over SMS", "email is favoured over text":
// the option after "over" is the one set aside.
var preferVerbWords = []string{"prefer", "prefers", "preferred", "preferring", "favour", "favor", "favoured", "favored", "favours", "favors"}

// praiseWords judge a change good ("adding an email code would be great",
// "skipping the SMS code is fine"): a remark that asks for it.
var praiseWords = []string{"great", "good", "nice", "fine", "ideal", "better", "best", "perfect", "helpful", "help", "helps", "welcome", "ok", "okay", "awesome", "preferred", "preferable"}

// failToWords, before "to" and a verb of finding, say it did not find ("anyone
// we fail to recognise", "people it's unable to match"), as "don't" does.
var failToWords = []string{"fail", "fails", "failed", "failing", "unable"}

// toneWords: a word for the manner the avatar speaks in → the word its goal
// says ("a friendlier tone" → "friendly"); see tone.go. Words with other
// meanings in a flow ("clear", "simple", "light", "kind of", a "patient") are
// left out. toneNextWords may follow one that is a manner (a noun other than
// these, as in "a professional account", makes it the noun's).
var toneWords = map[string]string{
	"friendly": "friendly", "friendlier": "friendly", "warm": "warm", "warmer": "warm", "formal": "formal",
	"informal": "informal", "casual": "casual", "calm": "calm", "calmer": "calm", "reassuring": "reassuring",
	"upbeat": "upbeat", "professional": "professional", "polite": "polite", "playful": "playful", "gentle": "gentle",
	"gentler": "gentle", "kinder": "kind", "cheerful": "cheerful", "relaxed": "relaxed",
	"empathetic": "empathetic", "respectful": "respectful", "fun": "fun", "welcoming": "welcoming",
	"approachable": "approachable", "encouraging": "encouraging", "serious": "serious", "conversational": "conversational",
}

// toneNounWords name a manner of speaking ("a friendlier tone", "a calm voice");
// toneVerbWords make a line or the avatar so ("make the greeting warm", "the
// avatar should sound formal", "keep it calm").
var (
	toneNounWords = []string{"tone", "tones", "voice", "manner", "vibe", "register"}
	toneNextWords = []string{"and", "or", "but", "than", "please", "pls", "throughout", "overall", "to", "with", "for", "in", "about", "when", "while", "on", "at", "all", "everywhere",
		"greeting", "greetings", "closing", "message", "messages", "line", "lines", "goodbye", "intro", "welcome", "way", "style", "approach", "too", "instead", "now", "again"}
	toneVerbWords = []string{"make", "be", "is", "are", "sound", "sounds", "speak", "speaks", "keep", "feel", "feels", "come", "across"}
)

// reasonInside opens a reason inside a sentence of a change, which runs to its
// comma ("… is redundant since we already pass it in providedData, so lose it").
var reasonInside = []string{" since ", " because ", " as we ", " cause "}

// betweenRestSeps end the second step of "between A and B", keeping what
// follows ("between the liveness check and the email code - passports only").
var betweenRestSeps = []string{",", " - ", " – ", " — ", "("}

// sameForLeads open a part of a change that does again what the part before
// did ("…, get rid of it. Same for the OTP").
var sameForLeads = []string{"same for ", "same goes for ", "same with ", "ditto for ", "and the same for "}

// wishSubjectWords, wishVerbWords and wishFillWords make a clause that asks
// for a step in the words of whoever wants it (", and they want an ID scan at
// the start", ", and we'd also like an email code"): after ", and", a part of
// its own, as "and add …" is.
var (
	wishSubjectWords = []string{"they", "we", "i", "theyd", "wed", "id", "he", "she", "compliance", "legal", "security", "product", "risk", "ops"}
	wishVerbWords    = []string{"want", "wants", "need", "needs", "require", "requires", "like", "asked", "ask", "asks"}
	wishFillWords    = []string{"also", "would", "now", "really", "still", "further", "additionally"}
	// wishGoneWords after a wish's object want the step to go ("they want the
	// SMS code gone", "we need the passport scan removed"), no step added:
	// such a wish is not split off as a request for the step it names
	wishGoneWords = []string{"gone", "removed", "dropped", "deleted", "out", "away", "scrapped", "ditched", "off"}
	// wishMoreWords in a wish for a step the flow has ask more of it than
	// that it stays: a second one, a place, a change ("we need another SMS
	// code", "they want the SMS code first", "… instead")
	wishMoreWords = []string{"another", "second", "extra", "additional", "more", "again", "twice", "first", "last", "start", "end", "beginning", "before", "after", "instead", "place", "front", "back", "earlier", "later", "only", "to", "with", "by", "via", "over"}
	// wishTopicWords right after the verb make the wish a topic ("they asked
	// about an email code"), and wishRefusalWords after it take it back ("…
	// but we don't want one"): neither asks for the step ("email not sms"
	// is a contrast, no refusal)
	wishTopicWords   = []string{"about", "whether", "if", "why"}
	wishRefusalWords = []string{"dont", "never", "wont", "doesnt", "didnt", "shouldnt"}
)

// docSettingNounWords (lemmas) after "allow"/"accept"/"limit" make the words a
// setting of the document scan ("allow driver's licences as well", "accept
// national ID cards"), an instruction of its own before ", move …"; "allow a
// retry" sets no document, and stays one instruction with what follows.
var docSettingNounWords = []string{"passport", "license", "driver", "id", "card", "permit", "visa", "document"}

// entryKeepWords before "email" or "address" keep the email entry in a change
// that rules email out "at all" ("but still ask for their email", "keep
// collecting their address"): the code goes, the entry stays.
var entryKeepWords = []string{"still", "keep", "keeping", "continue", "retain"}

// retryAskWords after "allow"/"permit" ask for a retry of the step named with
// them ("allow retries on liveness"): an instruction of its own before ",
// add …" when nothing after points back at that step.
var retryAskWords = []string{"retry", "retries", "redo", "redos", "attempt", "attempts", "try", "tries"}

// remarkAskWords, with wishVerbWords, make a head before "- no X" a request
// when a step follows them ("Security told us to put an email code at the
// end - no SMS", "legal says we need an ID scan"): the step is asked for, and
// not a remark to set aside.
var remarkAskWords = []string{"wanted", "needed", "required", "requested", "told", "put", "use", "using", "add", "adding"}

// exclusionLeadWords open a bare exclusion after a dash or colon that ends a
// remark ("this is for device recovery - no sms", "they lost their phone:
// without SMS"): the remark says why, the exclusion is the change.
var exclusionLeadWords = []string{"no", "without", "minus"}

// sameLeadWords open a change that keeps the flow as it is but for what follows
// ("same but skip the selfie", "same thing, except no SMS", "ditto, only with
// an email code"); sameLeadFillWords may follow them ("same flow as before"),
// and sameLeadCutWords end the lead, after which comes the change itself.
var (
	sameLeadWords     = []string{"same", "ditto"}
	sameLeadFillWords = []string{"thing", "flow", "setup", "set-up", "one", "as", "before", "above", "now", "again", "deal", "idea", "basically", "otherwise", "really"}
	sameLeadCutWords  = []string{"but", "except", "only", "though", "just"}
)

// listCheckNote answers a screening against lists FaceSign does not hold.
const listCheckNote = "FaceSign flows do not screen users against sanctions, PEP, watchlist or self-exclusion lists, so the flow does not; run that screening in your app with the verified identity the session's webhook reports."

// listCheckWords name such a screening: a clause that asks for one names no step.
var listCheckWords = []string{"interpol", "interpols", "sanctions", "sanction", "sanctioned", "aml", "ofac", "pep", "peps", "watchlist", "watchlists", "blacklist", "blacklists", "blocklist", "blocklists", "offender", "offenders"}

// proofDocNote answers a document FaceSign's scan does not read (proof of
// address or income).
const proofDocNote = "FaceSign's document scan reads identity documents (passports, ID cards, driving licences, residence permits, visas), not a utility bill, bank statement or payslip, so the flow does not include one; collect it in your app."

// ipNote and vpnNote answer a check of where the user connects from.
const (
	ipNote  = "FaceSign flows do not check IP addresses or geolocation, so the flow does not; check them in your app before creating the session."
	vpnNote = "FaceSign flows do not check IP addresses, VPNs or geolocation, so the flow does not; check them in your app before creating the session."
)

// deviceNote answers a check of the user's device itself: no node looks at the
// phone, only at what its camera sees.
const deviceNote = "FaceSign flows do not check the user's device (a rooted or jailbroken phone, an emulator), so the flow does not; check it in your app before creating the session."

// signatureNote answers a signature to capture: no node takes one.
const signatureNote = "FaceSign flows do not capture a signature, handwritten or electronic, so the flow does not; collect it in your app."

// nfcNote answers a reading of a document's chip: the scan reads what the camera sees.
const nfcNote = "FaceSign's document scan reads the document on camera; it does not read a passport's NFC chip, so the flow does not; read the chip in your app if you need it."

// messengerNote answers a code by a messaging app: FaceSign sends codes by SMS or email.
const messengerNote = "FaceSign sends one-time codes by SMS or email, not through messaging apps such as WhatsApp, so any code in the flow goes by SMS or email; send a messaging-app code from your app if you need one."

// firmLicenseBefore: a licence after one of these is the business's own, the
// regulation it works under ("our e-money licence", "a gambling licence from
// the UKGC", "the banking license"), background to the flow, not the user's
// driving licence to scan.
var firmLicenseBefore = wordSet([]string{"our", "money", "emoney", "gambling", "gaming", "betting", "banking", "bank", "operating", "trading",
	"business", "lending", "remittance", "payments", "payment", "exchange", "crypto", "casino", "broker", "brokerage", "insurance", "vasp", "msb", "fca", "regulatory", "institution"})

// firmOwnerWords: words of the clause that make a licence after a firm word
// the business's own ("we hold a gaming licence", "a gambling licence from the
// UKGC", "as a regulated broker"): people hold operating, gaming, insurance and
// trading licences too ("scan their gaming license", "accept passport or
// insurance license"), so without one of these the licence is a document.
var firmOwnerWords = wordSet([]string{"our", "we", "us", "weve", "were", "regulator", "regulators", "regulated", "regulation", "regulations", "regulatory",
	"ukgc", "fca", "mga", "finma", "bafin", "fincen", "authorised", "authorized", "supervised", "commission", "authority", "compliance", "under", "conditions"})

// unsupportedOtherNext: an unsupported word before one of these names something
// else, which the flow need not do: "authorised push payment fraud", "push
// payments" are a kind of payment (and its fraud), not a push notification.
var unsupportedOtherNext = map[string]map[string]bool{
	"push": {"payment": true, "payments": true},
}

// otherKindBefore, otherKindAfter: the word before "push payment", or a word
// of the text around it, that makes it the payment kind and its fraud
// ("authorised push payment fraud", "APP fraud (push payments to mule
// accounts)"), background rather than a push asked for.
var (
	otherKindBefore = wordSet([]string{"authorised", "authorized", "app"})
	otherKindAfter  = wordSet([]string{"fraud", "frauds", "scam", "scams", "scheme", "schemes", "reimbursement", "losses", "loss", "rules", "regulation"})
)

// unsupportedAt is the note for what the word at i asks that FaceSign cannot
// do, or "" (unsupportedOtherNext).
// Only when the words around say it is that kind ("authorised push payment
// fraud", "push payment scams"): "push payments confirmation via our app" asks
// for a push, which FaceSign cannot send.
func unsupportedAt(ts []token, i int) string {
	if i+1 < len(ts) && unsupportedOtherNext[ts[i].raw][ts[i+1].raw] &&
		(i > 0 && otherKindBefore[ts[i-1].raw] || slices.ContainsFunc(ts, func(t token) bool { return otherKindAfter[t.raw] })) {
		return ""
	}
	if n := lex.teamTool[ts[i].raw]; n != "" && toolAsked(ts, i) {
		return n
	}
	if j := i + 1; ts[i].in(hPassOnVerb) && j < len(ts) {
		if ts[j].in(hDeterminer) && j+1 < len(ts) {
			j++
		}
		if lex.passOnObject[ts[j].raw] {
			return "" // "push the result into BambooHR": the result passed on (passOnObjectWords)
		}
	}
	return lex.unsupported[ts[i].raw]
}

// toolAsked: a verb that posts to or opens something in a tool stands a few
// words before the tool's name at i, in the same clause ("ping the fraud-ops
// channel in slack", "auto-open a zendesk ticket"), not "we talked it over on
// slack" nor "per the jira ticket".
//
// Nor where the flow's data lives: "the profile photo we store in Salesforce",
// "the address we save in Zendesk" (a pronoun, a storing verb and the tool
// right after its preposition: a relative clause), "the number on file in
// salesforce" ("on file" is no verb); nor a door's intercom ("tell them to use
// the intercom at the door": deviceToolWords after a determiner).
func toolAsked(ts []token, i int) bool {
	if lex.deviceTool[ts[i].raw] && i > 0 && ts[i-1].in(hDeterminer) {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if ts[j].w == "." || ts[j].w == "," {
			return false
		}
		if j > 0 && ts[j-1].raw == "on" && (ts[j].raw == "file" || ts[j].raw == "record") {
			continue // "on file in salesforce"
		}
		if lex.storeVerb[ts[j].raw] && j > 0 && lex.pronounSubject[ts[j-1].raw] && j+2 == i {
			return false // "the photo we store in Salesforce"
		}
		if lex.toolVerb[ts[j].raw] {
			return true
		}
	}
	return false
}

// storeVerbWords keep data somewhere; after a pronoun and right before "in
// <tool>" they say where the data lives ("the photo we store in Salesforce"),
// no request to post there (toolAsked).
var storeVerbWords = []string{"store", "stores", "stored", "save", "saves", "saved", "keep", "keeps", "kept", "hold", "holds", "record", "records", "file", "files", "have", "has"}

// pronounSubjectWords open such a relative clause ("… we store in Zendesk").
var pronounSubjectWords = []string{"we", "they", "you", "i"}

// deviceToolWords are a team tool's name and a device too: after a determiner
// the device ("press the intercom to open the gate"), bare the product
// ("message them on Intercom").
var deviceToolWords = []string{"intercom"}

// askOpenWords open a request put as a question, at the start of a sentence
// or after a dash ("can we add …", "one thing - could the avatar …").
var askOpenWords = []string{"can", "could"}

// sessionClockWords name the session's own clock in a clause that says no
// code ("make the session time out if they sit idle for 2 minutes", "the
// session must expire after 5 minutes"): its minutes are no code's expiry,
// and no node of a flow takes them (settings.go, sessionClock).
var sessionClockWords = []string{"session", "sessions", "idle", "inactive", "inactivity", "afk"}

// sessionClockCodeWords name a code by its channel or its own noun, which a
// clause about the session's clock then times after all ("SMS expiry 10
// minutes per session", "an email token valid for 15 minutes per session",
// "expire the SMS after 10 minutes of inactivity"): the minutes are the
// code's (beside "code", whose lemma covers otp, passcode, pin).
var sessionClockCodeWords = []string{"sms", "text", "texted", "txt", "textmessage", "email", "emailed", "mail", "token", "tokens"}

// sessionClockValidWords tell how long something stays valid; said before any
// word of the session's clock they time the code the clause goes on from
// ("SMS OTP, valid for 10 minutes per session", "expiring after 10 minutes
// idle"), while "the session must expire after 5 minutes" times the session.
var sessionClockValidWords = []string{"valid", "validity", "expire", "expires", "expiring", "expiry", "expiration", "lasts", "lasting"}

// possessionLinkWords make a texted link one that proves the phone is the
// user's or signs them in ("SMS a magic link to their phone", "a login link by
// text"): the flow keeps a code by SMS for it (rules.go, possessionLink).
var possessionLinkWords = []string{"magic", "login", "signin", "passwordless"}

// recheckWords ask for a check again, beside "verify"'s lemma ("re-verify
// every year", "rescan their ID each month", "repeat liveness every week"): a
// period then says how often (parse.go, recheckAsked).
var recheckWords = []string{"reverify", "reverification", "recheck", "rechecks", "rescan", "revalidate", "reauthenticate", "again", "repeat", "refresh", "renew", "reconfirm", "kyc", "liveness", "recognize", "recognise", "scan", "selfie"}

// passOnNotObjectWords after a pass-on verb (or its determiner) make the
// clause no result passed on by the integrator's systems: the user told
// ("notify them if they fail", "alert the user"), or a code or photo of the
// flow ("send it to the address they gave us", "store the photo and compare
// it with a selfie") (parse.go, passedOn).
var passOnNotObjectWords = []string{"them", "him", "her", "it", "photo", "selfie", "picture", "image", "code", "otp"}

// legalAgeNoteTail ends the note on a legal age read as 18 ("must be of legal
// age"); dropped when the text gives the age as a number (parse.go).
const legalAgeNoteTail = "\" as an age of 18; the age it names differs by country (19 or 21 in some), so change the age check if your users need another."

// sessionClockNote says the flow has no limit of the session's own time.
const sessionClockNote = "\", so no step's expiry changes; a flow has no session timeout setting (a session's client secret expires on its own schedule), so set an idle or session limit in your app."

// teamToolNames are the integrator's own team tools (chat, ticketing, CRM,
// paging) a text may ask the flow to post to ("also ping the fraud-ops channel
// in slack whenever this flow completes", "auto-open a zendesk ticket"): the
// word → the name its note spells. Only with a verb that posts or opens
// (toolAsked): "per the jira ticket, …" cites where the text comes from.
var teamToolNames = map[string]string{
	"slack": "Slack", "zendesk": "Zendesk", "jira": "Jira", "freshdesk": "Freshdesk", "servicenow": "ServiceNow",
	"pagerduty": "PagerDuty", "opsgenie": "Opsgenie", "salesforce": "Salesforce", "hubspot": "HubSpot", "intercom": "Intercom", "discord": "Discord",
}

// toolVerbWords, with passOnVerbWords, ask for something to be put in a team
// tool ("open a zendesk ticket", "raise it in jira", "message the team on
// slack"), which the integrator's systems do, not the flow.
var toolVerbWords = []string{"open", "opens", "create", "creates", "file", "files", "raise", "raises", "message", "dm", "page", "pages", "tell", "inform"}

// teamToolNote says the flow does not post to the tool named.
func teamToolNote(name string) string {
	return "FaceSign flows do not post to " + name + " or open anything in it, so the flow does not include that; do it from your app when the session's webhook reports the result."
}

// unsupportedNotes are requirements FaceSign's nodes cannot express, said in the
// assumptions whenever the text names them.
var unsupportedNotes = map[string]string{
	// "a whatsapp code": a channel FaceSign has no node for, said rather than
	// swapped silently for the SMS code the flow sends
	"whatsapp":     messengerNote,
	"telegram":     messengerNote,
	"viber":        messengerNote,
	"push":         "FaceSign flows cannot send push notifications, so the flow does not include one; send it from your app when the session's webhook reports the result.",
	"notification": "FaceSign flows cannot send notifications, so the flow does not include one; send it from your app when the session's webhook reports the result.",
	// the note names the check as the text does: "blocked if their IP geolocation
	// is outside the country" reads "geolocation" back, and "location" with it
	"ip":          ipNote,
	"geolocation": ipNote,
	"geo":         ipNote, // "geo check", "geo-blocked"
	"vpn":         vpnNote,
	"vpns":        vpnNote,
	"utility":     proofDocNote,
	"payslip":     proofDocNote,
	"payslips":    proofDocNote,
	"paystub":     proofDocNote,
	"paystubs":    proofDocNote,
	"statements":  proofDocNote,  // "bank statements
	"signature":   signatureNote, // "add a step to capture their handwritten signature on the registration card"
	"signatures":  signatureNote,
	"nfc":         nfcNote,    // "the passport's NFC chip also needs to be read"
	"rooted":      deviceNote, // "detect if the user is on a rooted or jailbroken phone"
	"jailbroken":  deviceNote,
	"jailbreak":   deviceNote,
	"jailbreaks":  deviceNote,
	"emulator":    deviceNote, // "block emulators"
	"emulators":   deviceNote,
	"timeout":     "The flow has no session timeout setting; a session's client secret expires on its own schedule, so set any shorter limit in your app.",
}

// lexicon is built once from lexGroups; it is never written after package init.
type lexicon struct {
	// corrections made mid-message (hesitationWords, retractAboutWords, saidWords)
	hesitation, retractAbout, said, objectPrep            map[string]bool
	noGoOn, agreeLead                                     map[string]bool
	notTurnDownLead, notTurnDownAlone, letWord, otherWord map[string]bool // Edit
	keepAllWord                                           map[string]bool // Edit: "keep them", "keep both": the word after a "not" that turns a suggestion down ("not yet")
	explain                                               phrases         // Edit: phrases of lex.rethink that explain, not take back ("I mean")
	choiceWord, choiceAsk, chooser, optionNoun            map[string]bool // the user choosing between steps (choice.go)
	bothCodes, codesWord, optionPlace, optionEdit         map[string]bool // "both codes" of a choice (choice.go)
	choiceReject, choiceScope, choiceDecider, choiceCode  map[string]bool // what rules a choice out, or puts it elsewhere (choice.go)

	docFail, mailboxNext, mailSystemNext, mailThreatNext, mailThreatBefore, spoofProp, present, screenNounBefore                                                                                                                                                                                                                                                                                                                 map[string]bool
	device, integrator, identitySubject, mailKind, ownSide, version, holderPrep, realThing, realClaimLead, codeLine                                                                                                                                                                                                                                                                                                              map[string]bool
	placeStep, placeLead, placeSlot, shiftUp, shiftDown, shiftUnit, placeNear, placeEnd, placeSubjectVerb, placeRefDet, placeMoveVerb, placeIn, lastPlaceNoun, lastPlaceBe, negMoveVerb                                                                                                                                                                                                                                          map[string]bool
	placeOut, addedRef, placeRuleLead, checkNoun, placeNamedNoun, placeThenModal, addedJoin, stepSubjectVerb, stepSubjectKeep, placeStated, placeSoftener, boundVerb, boundWith, boundItemLead, boundAll, boundStepFiller, boundNoun, boundOpen, doneRef, lastPlace, addWord, demonstrative, groupNoun, pairPoint, swapVerb, swapLead, trailCond, fork, forkAt, connector, labelNoun, lineFiller, exclusionTail                  map[string]bool
	condAsksNothing, removalFiller, verdictPhrase, deepfakeVerdict, verdictPerson, setVerb, captureLabel, captureTell                                                                                                                                                                                                                                                                                                            map[string]bool
	placeCount                                                                                                                                                                                                                                                                                                                                                                                                                   map[string]int    // "up one", "two places earlier": how many places a step shifts
	ordinal                                                                                                                                                                                                                                                                                                                                                                                                                      map[string]int    // ordinal word → place (1 for "first")
	canon                                                                                                                                                                                                                                                                                                                                                                                                                        map[string]string // surface form → lemma
	nothingWith                                                                                                                                                                                                                                                                                                                                                                                                                  map[string]bool   // nothingWithWords
	partitive                                                                                                                                                                                                                                                                                                                                                                                                                    map[string]bool   // partitiveWords
	typical                                                                                                                                                                                                                                                                                                                                                                                                                      map[string]bool   // typicalWords
	reflexive                                                                                                                                                                                                                                                                                                                                                                                                                    map[string]bool   // reflexiveWords
	addressee                                                                                                                                                                                                                                                                                                                                                                                                                    map[string]bool   // words naming the person the avatar speaks to
	dataField                                                                                                                                                                                                                                                                                                                                                                                                                    map[string]bool   // words naming a field of the user's data
	condIf, condNew, condKnown, condFail, condStop, condMain, userWord, userOne, subjectAux, negAux, channelNoun, correction, correctVerb, retract, retractFiller, apologyObj, readerGreeting, pronounUserHave, newImageDet, keepVerb, keepLead, sameLead, sameLeadFill, sameLeadCut, wishSubject, wishVerb, wishFill, wishGone, exclusionLead, wishTopic, wishRefusal, wishMore, remarkAsk, docSettingNoun, entryKeep, retryAsk map[string]bool
	condOpen, alsoWord, seen, duringPrep, oneMore, condBad, lowWord, consequence, headingVerb, touchedRef, phraseEnd, quantifier, newcomer, entryField, chanceLead, chanceNoun, retryWord, possess, turnAway, ageUp, restWord, authWord                                                                                                                                                                                          map[string]bool
	paymentNoun                                                                                                                                                                                                                                                                                                                                                                                                                  map[string]string // "withdrawals" → "withdrawal"
	channelPrep                                                                                                                                                                                                                                                                                                                                                                                                                  map[string]bool   // "by email", "use email": the channel of a code
	sendTo                                                                                                                                                                                                                                                                                                                                                                                                                       map[string]bool   // "to the same address": where a code goes
	pathNoun                                                                                                                                                                                                                                                                                                                                                                                                                     map[string]bool   // a path of the flow ("the recognised path")
	reasonWord                                                                                                                                                                                                                                                                                                                                                                                                                   map[string]bool   // opens what an explanation states
	userSayBare, userSayThird, userLeadVerb, userLeadBare                                                                                                                                                                                                                                                                                                                                                                        map[string]bool   // "… and says 'I agree'" after "the user states …" (sharedSubject)
	whyNotAux, whyAux, whyNotSubject                                                                                                                                                                                                                                                                                                                                                                                             map[string]bool   // "why don't we …", "why do we not …": a suggestion to us (suggestionLead)
	suggestAdd, suggestBar, suggestAnswer                                                                                                                                                                                                                                                                                                                                                                                        map[string]bool   // a suggestion read only when it adds a step and nothing answers it (suggestionLead)
	avatarAck                                                                                                                                                                                                                                                                                                                                                                                                                    map[string]bool   // the first word of a quoted line only the avatar says (sharedSubject)
	appPermBar                                                                                                                                                                                                                                                                                                                                                                                                                   map[string]bool   // a word that keeps the flow's permission when the app asks too (onlyPermissionByApp)
	liveAfter, beingBefore, notDocBefore, permitBefore, cardBefore, textNext, textPrev                                                                                                                                                                                                                                                                                                                                           map[string]bool
	ownSecret, ownSecretOwner, ownSecretAsk, ownSecretSent, roster, rosterPrep, channelThreat, channelThreatLink, ownSecretCode                                                                                                                                                                                                                                                                                                  map[string]bool
	notCodeBefore, entryNext, ageNext, closingWords, onFile, onFileMatch, dataUse, ownership                                                                                                                                                                                                                                                                                                                                     map[string]bool
	arriveVerb, arriveFrom, forVerb, issuer, issuingBody, deviceChange, quoteNoun                                                                                                                                                                                                                                                                                                                                                map[string]bool
	docWord, docDataNoun, docDataLink, people, owner, providedMark, holdVerb, compareStop, personRef, otherExpiry, receiveVerb, inputWord, appNoun, launchNoun, givenBefore, signupWord, listCheck, attackWord                                                                                                                                                                                                                   map[string]bool
	ageUnit, ageSubject, ageLemma, ageTopic, ageBefore, placeBefore, doVerb, pronounUser, pastLead, silentWord, speakVerb, sourceSays, retryNoun, takeBack, mustAux, docScanWord, lineWord, docVerb, verdict, stateVerb, thinkVerb, goModal, goOn, goLead, giveVerb                                                                                                                                                              map[string]bool
	unavailable, population, filler, polite, plainAddressee, auxStart, labelWord, labelFor, storyActor, loginWord, sessionDone, passOnObject, refEndPronoun, factorRenew, factorRenewVerb, labelDefinite, labelHead, labelGuard, ageComparative, identityNeed, verifyNeed, replaceWord, turnInto, onlyWhen, recipientEnd, docLead                                                                                                map[string]bool
	unsupported                                                                                                                                                                                                                                                                                                                                                                                                                  map[string]string // word → why the flow cannot do what it asks
	teamTool                                                                                                                                                                                                                                                                                                                                                                                                                     map[string]string // a team tool's word → its note (teamToolNames), read only with a verb (toolAsked)
	toolVerb, sessionClock, askOpen, sessionClockCode, sessionClockValid, keyOtherStep, possessionLink, recheck, storeVerb, pronounSubject, deviceTool, passOnNotObject                                                                                                                                                                                                                                                          map[string]bool
	scanMode                                                                                                                                                                                                                                                                                                                                                                                                                     map[string]string       // word → document_scan scanningMode
	tone                                                                                                                                                                                                                                                                                                                                                                                                                         map[string]string       // toneWords
	settingKey                                                                                                                                                                                                                                                                                                                                                                                                                   map[string]string       // a setting's key as written → the setting
	hot                                                                                                                                                                                                                                                                                                                                                                                                                          map[string]hotWord      // what the tokens' bits say of each word (hotWord, hotsets.go)
	hotMaps                                                                                                                                                                                                                                                                                                                                                                                                                      [numHot]map[string]bool // the hot sets in hotSet order
	phraseFirst                                                                                                                                                                                                                                                                                                                                                                                                                  map[string]bool         // the first words of every set of phrases (phraseSet)
	deferPhrases                                                                                                                                                                                                                                                                                                                                                                                                                 phrases                 // deferPhraseList
	caseWords                                                                                                                                                                                                                                                                                                                                                                                                                    map[string]bool         // the words of the use-case rules' anyOf, allOf and also (hotsets.go)
	elsewhere, inFlow, retryLater                                                                                                                                                                                                                                                                                                                                                                                                phrases
	handoverPerson, handoverVerb, referVerb                                                                                                                                                                                                                                                                                                                                                                                      map[string]bool // "transfer them to a colleague" (readPolicy)
	tld, former, moreTry, once, boundLead, tryNoun, secondFail, repeatOrdinal, repeatPrep, verbatim, futile, mailbox, onceConj, onlyTry, unlimitedTry                                                                                                                                                                                                                                                                            map[string]bool
	placeSame, placePrep, placeNearAdv, relClauseLead, instructLead, lengthChannel, lengthMake                                                                                                                                                                                                                                                                                                                                   map[string]bool
	placeNoun, everyOne, faceAdjective, whereBe, whereBeEnd, whereBeNow, whereNear, whereKeep, swapRare, relativePlace, emailEntryNoun                                                                                                                                                                                                                                                                                           map[string]bool
	micOffVerb, needVerb, refEndVerb, docErrandNext, minorGuard, mailLoss, onetimeNext, onetimeNoun, resumeWord, askedVerb, pastRef, nameNoun, verbParticle, imageGone                                                                                                                                                                                                                                                           map[string]bool
	offValue                                                                                                                                                                                                                                                                                                                                                                                                                     map[string]bool
	modeNoun                                                                                                                                                                                                                                                                                                                                                                                                                     map[string]bool
	topic                                                                                                                                                                                                                                                                                                                                                                                                                        map[string]topic // word → the topic of a question
	policyFail, pairRef, backRef, groupRef, shortName, stayVerb, possessive, heldImage, speaker, wish, pastTime, amongWord, meansWord, withWord, personPronoun, storySubject, defaultsWord, ownerPossessive, beForm, doneEarlier, doneWord, successLead, successWord                                                                                                                                                             map[string]bool
	lengthJudged, lengthRejected, lengthDegree, lengthToo, lengthUse, lengthConcede, lengthCodeWord, lengthTail, lengthPart, lengthOther, orderTiming, performedWord, orderClose, circumstanceLead, wholeScope, untoldIfLead, modalAdverb, stepPairLead, doneAgain, hedgeIf, lengthSubject, upperLimit, beyondCase, goneVerb, pairedStep                                                                                         map[string]bool
	bareStepNoun                                                                                                                                                                                                                                                                                                                                                                                                                 map[string][]kind
	bareStepDet                                                                                                                                                                                                                                                                                                                                                                                                                  map[string]bool
	checkedAfter, startPlace, exceptionLead, withheld, copeVerb, ruleNoun, faceCheck, liveSide, appGetVerb, keptWord, appSide, livePurpose                                                                                                                                                                                                                                                                                       map[string]bool
	negatedPlaceVerb, negatedPlacePassive, placeScope, sessionDevice, sessionTime, groupLead, placeFiller, answerStop, listJoin, addressGet, emailGiven, unit, arrive, undelivered, notAge, venue, sendAway, placeOpen, numberPart, groupTail, greetNoun, photoShown, codeVerb, specLimit, madeIntoLead, slotNoun, madeIntoChannel, retryCap, ageAbove, ageBelow, ageIs                                                          map[string]bool
	frontWord, backWord, endPlace, stateLead, positionLead, allBeyond, stillWord, whatWord, followVerb, condLead, heldPlace, countedNoun, beyondExcept, frontedTalk                                                                                                                                                                                                                                                              map[string]bool
	framing                                                                                                                                                                                                                                                                                                                                                                                                                      map[string]bool
	mustWord, conformVerb, accountVerb, frequencyWord, staleWord, degreeWord, roleNoun, admitVerb, abbrev                                                                                                                                                                                                                                                                                                                        map[string]bool
	becomes, reasonOpen, reasonLabel, hypothetical, linkWord, settingLead, stepVerb, ingAdjective, removeVerb, acceptVerb, pairDet, elseWord, notEmailAddress, noOne, factVerb, welcomePrep                                                                                                                                                                                                                                      map[string]bool
	otherwise, anyOne                                                                                                                                                                                                                                                                                                                                                                                                            map[string]bool
	doneCheck, relative, deviceGet, contactLead                                                                                                                                                                                                                                                                                                                                                                                  map[string]bool
	pastVerb, pastBe, pastFine, replyNo, addVerb, speechVerb, questionAux, nameMod                                                                                                                                                                                                                                                                                                                                               map[string]bool
	codeSet, addedStep, repeatStep, lackVerb, recognizeMeans, kindOf, everyone, recognizer, unknownHead, personObject, typedIn, failTimes, ourSender, emailAdverb, readAloud                                                                                                                                                                                                                                                     map[string]bool
	midThen, speechNoun, lineOpen, lineIs, signVerb, thatRefNext, docOfOld, insertVerb, compareTo                                                                                                                                                                                                                                                                                                                                map[string]bool
	byLen                                                                                                                                                                                                                                                                                                                                                                                                                        map[int][]string // surface forms of 4+ letters by length, sorted, for typo correction
	rest, keepRest, reportVerb, refPronoun, passiveAux, supposeLead, toneNoun, toneVerb, toneNext, ageKeptOut, ageRequire, perfectNeg, failTo, copulaModal, clauseJoin, refusalFiller, placeVerb, orderVerb, yesAux, requester, praise, comparative, preferVerb, whyCopula, owned, onlyWord, guardWord, seqLead, saidSteps, orderPrep, orderQual, failWord                                                                       map[string]bool
	condIfStrict                                                                                                                                                                                                                                                                                                                                                                                                                 map[string]bool
	fallbackNoun, adultPerson                                                                                                                                                                                                                                                                                                                                                                                                    map[string]bool
	stepHead                                                                                                                                                                                                                                                                                                                                                                                                                     map[string]bool
	mainPath                                                                                                                                                                                                                                                                                                                                                                                                                     phrases         // phrases naming the success path ("happy path")
	valueScope                                                                                                                                                                                                                                                                                                                                                                                                                   map[string]bool // Build: a word after a corrected value that scopes it to some users or places
	storedData                                                                                                                                                                                                                                                                                                                                                                                                                   map[string]bool // Build: data a step leaves behind, which a verb of removing may take
	pastBad                                                                                                                                                                                                                                                                                                                                                                                                                      map[string]bool // Build: after "got", a word that tells of a value left behind
	valueFiller                                                                                                                                                                                                                                                                                                                                                                                                                  map[string]bool // Build: words between a correction and the value it puts in place
	rethink                                                                                                                                                                                                                                                                                                                                                                                                                      phrases         // Build: markers of more than one word that take back what was just said
	changeLine                                                                                                                                                                                                                                                                                                                                                                                                                   map[string]bool // Build: "edit:" opening a line of changes to the lines above
	offScope, offScopeColon                                                                                                                                                                                                                                                                                                                                                                                                      phrases         // a heading of a list kept out of the flow ("Out of scope"); one only before a colon ("Not allowed:")
	strongVerdict, weakVerdict, parked                                                                                                                                                                                                                                                                                                                                                                                           phrases         // a proposal turned down or left open in meeting notes (parse.go, dropVerdicts)
	proposal, verdictAux                                                                                                                                                                                                                                                                                                                                                                                                         map[string]bool
	checkOutcome, verdictUndo, verdictPast, verdictAdjLead, swapCount, noneItem                                                                                                                                                                                                                                                                                                                                                  map[string]bool // a verdict's reading (parse.go, verdictAt)
	deferChange                                                                                                                                                                                                                                                                                                                                                                                                                  phrases         // a change announced for later (edit.go, progressiveChange)
	ceaseVerb                                                                                                                                                                                                                                                                                                                                                                                                                    map[string]bool // "stop" in "stop making them …"
	callPrep, incident, oldPlace, restrictVerb, channelMeans, channelWork, subjectAdverb                                                                                                                                                                                                                                                                                                                                         map[string]bool
	barred, nowPhrase, reciprocal, asideLead                                                                                                                                                                                                                                                                                                                                                                                     phrases        // after "is", a predicate ruling its subject out ("email is off the table")
	negScopeEnd                                                                                                                                                                                                                                                                                                                                                                                                                  phrases        // first word → the words after it, of a phrase that ends a negation's scope
	tableHead                                                                                                                                                                                                                                                                                                                                                                                                                    map[string]int // tableColumnHeads
	otherwiseCell, blankCell, tickMark, valueOn, valueOff, passOnVerb, uncheckLead, keySettingWord, placeNeg, placeAfterRef, crossMark, checkMark, rangeQualifier, contentHead, reviewWord, markedStep, markLead, verbLead, compareWith, digitOther                                                                                                                                                                              map[string]bool
	emailEntryNext, emailEntryVerb, ageAsked, contactCheck, contactRef, fresh, needSetting, heldClaimVerb                                                                                                                                                                                                                                                                                                                        map[string]bool
	avatarRef, adviceLead, adviceWho, moreTypes, knowWhat, ourMail, mailsVerb, whyLine, mailLossLink, routeParticle, emailFactor, emailWeak, settingNoun,
	subjectPronoun, refFollow, lineSubject, statementVerb, askModal, subjectDet, habitVerb, assignVerb, swapFor, determiner, modifierPrep map[string]bool
	subordOpen, timeSpan, habitLead, pastMark, listGlue, anotherTry, readBackEnd, countNoun, universal, groupPlace, groupTailStop, seenBefore, platform, negUniversal, attemptNoun, attrition, storyAmount, branchLead, offScopeTail, listSays, listSource, listRedo, setupVerb, replaceHedge, setupStays, doneSubject, listMatters, moscowWant, doNot, sceneGiven, sceneHead, headlineDash, acRevised, swapGlossOrder, pairWord, faceStore, faceStoreCue, noLongerTail, needTail, condNarrow, freshCode, joinInContext, liftVerb, settingsNoun, resetBlock, resetList, resendVerb, matchCue, passVerdict, verdictFiller, untoldCaseLead map[string]bool
	failPhrase, sameCase, thatPath, arrivePhrase, passPhrase, laterPhrase, reasonPhrase, allPaths, exceptPhrase, modelLead, totalBan, sameForAll                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         phrases
	joinFirst                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                            map[string]bool    // the first word of a phrase of joins
	joined                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                               map[string]lemmaOf // the lemma of each word joins makes
	omitVerb, omitParticle, omitAfter, passiveBefore, otherBiometric, resultLead, afterWhich, outcomeDone                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                map[string]bool
	nothingVia                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           map[string]bool // "goes" in "nothing goes over email"
	searchVerb                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           map[string]bool // "searching" in "instead of searching everyone"
	untouchVerb, asIs, stepFine, fineLink                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                map[string]bool // "don't touch the SMS code", "leave it as it is"
	lineNoun                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             map[string]bool // "message" in "reword that denied-camera message"
	deviceAskNoun                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                        map[string]bool // "prompt" in "the browser prompt for camera + mic"
	spare                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                map[string]bool
	indefinite                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           map[string]bool // "a" in "a clear photo of their face"
	purposeOpen, listOpener, listCopula, identityWh, stepWorks, countedPlace, quitVerb, ownAddress, futileNoun, futileWhom, purposeVerbBefore, askedPerson                                                                                                                                                                                                                                                                                                                                                                                                                                                                               map[string]bool
	unsure, doubtLead, salutation, sayVerb, answerVerb, coverVerb, strictWord, readBackMore, moneyNoun, smallAmount, delegateVerb, collective, signInVerb, periodUnit, eventVerb, knowVerb, each, timeAdverb, timePrep, statedSubject, backupNoun, changeFallbackVerb, changeTo, delivered, approval, swapTarget, takeVerb, takeParticle, definite                                                                                                                                                                                                                                                                                       map[string]bool   // "sure" in "not sure the order matters"; "we" in "not sure we need …"
	complementOpen                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                       map[string]bool   // "from" in "after the scan check from the date of birth …"
	requestModal                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         map[string]bool   // "can" in "…, and can the scan be passports only?"
	imageOf                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                              map[string]bool   // "from" in "the photo from their licence"
	trouble                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                              map[string]bool   // "trouble" in "we've had trouble with ID cards"
	wantLead                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             map[string]bool   // "we" in "so we want a passport scan"
	readBackOpen, readBackSubject, readBackVerb, readBackFill, readBackNoun, readBackNounVerb                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                            map[string]bool   // "you said '…'", "you've put X after Y": the flow as the builder read it back, quoted as context
	approveWord, approveFill                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             map[string]bool   // "that's right except …", "looks good apart from …": the flow approved, but for the change
	digitsOwnerStop                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                      map[string]bool   // "the last 4 digits of the bank account the money is going to": the words that end what the digits are of
	channelCorrect, textWord                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             map[string]bool   // "nope, I said email": a correction naming the code's channel alone
	restateFill                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                          map[string]bool   // "so just switch it over please": the change before, said again
	missedVerb                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           map[string]bool   // "you left off the ID check": a step said to be missing
	otherWay                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             phrases           // "other way round": the two steps just named change places
	userOwner, compareOutcome, undoObject                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                map[string]bool   // "no match in the comparison"; "undo the reorder"
	observe                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                              map[string]bool   // "seeing" in "our fraud desk keeps seeing SIM swaps"
	deviceNoun                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           map[string]string // "handsets" → "handset"
	newDevice                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                            map[string]bool   // "new" in "a new handset"
	statusDoc                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                            map[string]bool   // "visa" in "couriers who are on work visas"
	mailThing                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                            map[string]bool   // "link" in "a reset link is sent to his email"
	namePart                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                             map[string]bool
	namePartNoun                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         map[string]bool
}

// lemmaOf is what lemma returns for a word.
type lemmaOf struct {
	w     string
	known bool
}

var lex = newLexicon()

func newLexicon() *lexicon {
	l := &lexicon{canon: map[string]string{}, byLen: map[int][]string{}, addressee: map[string]bool{}, phraseFirst: map[string]bool{}}
	for _, w := range addressees {
		l.addressee[w] = true
		if !strings.HasSuffix(w, "s") && w != "them" && w != "him" && w != "her" && w != "you" && w != "person" {
			l.addressee[w+"s"] = true // "tells members that the door is open": the group, as "customers" is
		}
	}
	l.condIf, l.condNew, l.condKnown = wordSet(condIfWords), wordSet(condNewWords), wordSet(condKnownWords)
	l.roster, l.rosterPrep, l.channelThreat = wordSet(rosterWords), wordSet(rosterPrepWords), wordSet(channelThreatWords)
	l.channelThreatLink, l.ownSecretCode = wordSet(channelThreatLinkWords), wordSet(ownSecretCodeWords)
	l.quantifier, l.entryField, l.newcomer = wordSet(quantifierWords), wordSet(entryFields), wordSet(newcomerWords)
	l.chanceLead, l.chanceNoun, l.retryWord = wordSet(chanceLeadWords), wordSet(chanceNounWords), wordSet(retryWords)
	l.possess, l.paymentNoun, l.turnAway, l.ageUp = wordSet(possessWords), paymentNouns, wordSet(turnAwayWords), wordSet(ageUpWords)
	l.restWord, l.authWord = wordSet(beyondWords), wordSet(authWords)
	l.condFail, l.condMain, l.userWord = wordSet(condFailWords), wordSet(condMainWords), wordSet(userWords)
	l.userOne = wordSet(userOneWords)
	l.condStop, l.subjectAux, l.negAux = wordSet(condStopWords), wordSet(subjectAuxWords), wordSet(negAuxWords)
	l.negScopeEnd = l.phraseSet(negScopeEndPhrases)
	l.barred, l.nowPhrase, l.reciprocal = l.phraseSet(barredPhrases), l.phraseSet(nowPhrases), l.phraseSet(reciprocalPhrases)
	l.asideLead = l.phraseSet(asideLeadPhrases)
	l.modelLead = l.phraseSet(modelLeadPhrases)
	l.channelMeans, l.channelWork, l.subjectAdverb = wordSet(channelMeansWords), wordSet(channelWorkWords), wordSet(subjectAdverbWords)
	l.callPrep, l.incident, l.oldPlace = wordSet(callPrepWords), wordSet(incidentWords), wordSet(oldPlaceWords)
	l.restrictVerb = wordSet(restrictVerbWords)
	l.offScope, l.offScopeColon, l.ceaseVerb = l.phraseSet(offScopePhrases), l.phraseSet(offScopeColonPhrases), wordSet(ceaseVerbWords)
	l.moscowWant, l.doNot, l.sceneGiven = wordSet(moscowWantPhrases), wordSet(doNotWords), wordSet(sceneGivenWords)
	l.sceneHead, l.headlineDash, l.acRevised = wordSet(sceneHeadWords), wordSet(headlineDashWords), wordSet(acRevisedWords)
	l.swapGlossOrder, l.pairWord, l.faceStore = wordSet(swapGlossOrderWords), wordSet(pairWords), wordSet(faceStoreWords)
	l.noLongerTail = wordSet(noLongerTailWords)
	l.faceStoreCue, l.needTail, l.condNarrow = wordSet(faceStoreCueWords), wordSet(needTailWords), wordSet(condNarrowWords)
	l.strongVerdict, l.weakVerdict, l.parked = l.phraseSet(strongVerdictPhrases), l.phraseSet(weakVerdictPhrases), l.phraseSet(parkedPhrases)
	l.proposal, l.verdictAux = wordSet(proposalWords), wordSet(verdictAuxWords)
	l.checkOutcome, l.verdictUndo, l.verdictPast, l.verdictAdjLead = wordSet(checkOutcomeWords), wordSet(verdictUndoWords), wordSet(verdictPastWords), wordSet(verdictAdjLeadWords)
	l.deferChange = l.phraseSet(laterChangePhrases)
	l.swapCount = wordSet(swapCountWords)
	l.noneItem = wordSet(noneItemWords)
	l.condIfStrict, l.condOpen = wordSet(condIfStrictWords), wordSet(condOpenWords)
	l.fallbackNoun = wordSet(fallbackNounWords)
	l.adultPerson = wordSet(adultPersonWords)
	l.stepHead, l.mainPath = wordSet(stepHeadWords), l.phraseSet(mainPathPhrases)
	l.valueFiller, l.rethink, l.changeLine = wordSet(valueFillerWords), l.phraseSet(rethinkPhrases), wordSet(changeLineWords)
	l.valueScope, l.storedData, l.pastBad = wordSet(valueScopeWords), wordSet(storedDataWords), wordSet(pastBadWords)
	l.channelNoun, l.correction, l.correctVerb = wordSet(channelNounWords), wordSet(correctionWords), wordSet(correctVerbWords)
	l.madeIntoLead, l.slotNoun, l.madeIntoChannel, l.retryCap = wordSet(madeIntoLeadWords), wordSet(slotNounWords), wordSet(intoChannelWords), wordSet(retryCapWords)
	l.ageAbove, l.ageBelow, l.ageIs = wordSet(ageAboveWords), wordSet(ageBelowWords), wordSet(ageIsWords)
	l.retract, l.retractFiller, l.keepVerb = wordSet(retractWords), wordSet(retractFillerWords), wordSet(keepVerbWords)
	l.setVerb = wordSet(setVerbWords)
	l.condAsksNothing, l.removalFiller = wordSet(condAsksNothingWords), wordSet(removalFillerWords)
	l.verdictPhrase, l.deepfakeVerdict, l.verdictPerson = wordSet(verdictPhraseWords), wordSet(deepfakeVerdictWords), wordSet(verdictPersonWords)
	l.captureLabel, l.captureTell = wordSet(captureLabelWords), wordSet(captureTellWords)
	l.hesitation, l.retractAbout, l.said, l.objectPrep = wordSet(hesitationWords), wordSet(retractAboutWords), wordSet(saidWords), wordSet(objectPrepWords)
	l.noGoOn, l.agreeLead = wordSet(noGoOnWords), wordSet(agreeLeadWords)
	l.notTurnDownLead, l.explain, l.letWord = wordSet(notTurnDownLeadWords), l.phraseSet(explainPhrases), wordSet(letWords)
	l.notTurnDownAlone, l.otherWord, l.keepAllWord = wordSet(notTurnDownAloneWords), wordSet(otherWords), wordSet(keepAllWords)
	l.apologyObj, l.readerGreeting, l.newImageDet = wordSet(apologyObjWords), wordSet(readerGreetingWords), wordSet(newImageDetWords)
	l.keepLead = wordSet(keepLeadWords)
	l.sameLead, l.sameLeadFill, l.sameLeadCut = wordSet(sameLeadWords), wordSet(sameLeadFillWords), wordSet(sameLeadCutWords)
	l.wishSubject, l.wishVerb, l.wishFill, l.wishGone = wordSet(wishSubjectWords), wordSet(wishVerbWords), wordSet(wishFillWords), wordSet(wishGoneWords)
	l.wishTopic, l.wishRefusal, l.wishMore = wordSet(wishTopicWords), wordSet(wishRefusalWords), wordSet(wishMoreWords)
	l.exclusionLead, l.remarkAsk, l.docSettingNoun, l.entryKeep, l.retryAsk = wordSet(exclusionLeadWords), wordSet(remarkAskWords), wordSet(docSettingNounWords), wordSet(entryKeepWords), wordSet(retryAskWords)
	l.rest, l.keepRest, l.reportVerb = wordSet(restWords), wordSet(keepRestWords), wordSet(reportVerbWords)
	l.doneRef = wordSet(doneRefWords)
	l.placeStep, l.placeLead, l.placeSlot = wordSet(placeStepWords), wordSet(placeLeadWords), wordSet(placeSlotWords)
	l.shiftUp, l.shiftDown, l.shiftUnit, l.placeNear = wordSet(shiftUpWords), wordSet(shiftDownWords), wordSet(shiftUnitWords), wordSet(placeNearWords)
	l.placeEnd, l.placeSubjectVerb = wordSet(placeEndWords), wordSet(placeSubjectVerbs)
	l.placeRefDet, l.placeMoveVerb, l.placeIn = wordSet(placeRefDetWords), wordSet(placeMoveVerbs), wordSet(placeInWords)
	l.lastPlaceNoun, l.lastPlaceBe, l.negMoveVerb = wordSet(lastPlaceNounWords), wordSet(lastPlaceBeWords), wordSet(negMoveVerbs)
	l.placeCount = map[string]int{"a": 1, "an": 1} // "a spot later": an article counts one
	for _, w := range placeCountWords {
		if n := numberWords[w]; n > 0 {
			l.placeCount[w] = n
		} else if n, err := strconv.Atoi(w); err == nil {
			l.placeCount[w] = n
		}
	}
	l.placeOut, l.addedRef, l.placeRuleLead, l.checkNoun = wordSet(placeOutWords), wordSet(addedRefWords), wordSet(placeRuleLeadWords), wordSet(checkNounWords)
	l.placeNamedNoun, l.placeThenModal, l.boundVerb = wordSet(placeNamedNounWords), wordSet(placeThenModalWords), wordSet(boundVerbWords)
	l.addedJoin, l.stepSubjectVerb, l.placeSoftener = wordSet(addedJoinWords), wordSet(stepSubjectVerbWords), wordSet(placeSoftenerWords)
	l.stepSubjectKeep, l.placeStated = wordSet(stepSubjectKeepWords), wordSet(placeStatedWords)
	l.boundWith, l.boundItemLead, l.boundAll, l.boundStepFiller = wordSet(boundWithWords), wordSet(boundItemLeadWords), wordSet(boundAllWords), wordSet(boundStepFillerWords)
	l.boundNoun, l.boundOpen = wordSet(boundWordsWith(bwItem)), wordSet(boundOpenWords)
	l.lastPlace, l.addWord, l.demonstrative, l.groupNoun = wordSet(lastPlaceWords), wordSet(addWords), wordSet(demonstrativeWords), wordSet(groupNounWords)
	l.pairPoint, l.swapVerb, l.swapLead, l.trailCond = wordSet(pairPointWords), wordSet(swapVerbWords), wordSet(swapLeadWords), wordSet(trailCondWords)
	l.fork, l.forkAt, l.connector, l.labelNoun = wordSet(forkWords), wordSet(forkAtWords), wordSet(connectorWords), wordSet(labelNounWords)
	l.lineFiller, l.exclusionTail = wordSet(lineFillerWords), wordSet(exclusionTailWords)
	l.ordinal = map[string]int{}
	for i, w := range ordinalWords {
		l.ordinal[w] = i + 1
	}
	l.condBad, l.lowWord, l.consequence = wordSet(condBadWords), wordSet(condLowWords), wordSet(consequenceWords)
	l.headingVerb, l.touchedRef, l.phraseEnd = wordSet(headingVerbs), wordSet(touchedRefWords), wordSet(phraseEndWords)
	l.addVerb, l.speechVerb, l.questionAux, l.nameMod = wordSet(addVerbWords), wordSet(speechVerbs), wordSet(questionAuxWords), wordSet(nameModWords)
	l.channelPrep = wordSet([]string{"by", "via", "use", "over", "through", "using"})
	l.choiceWord, l.choiceAsk, l.chooser = wordSet(choiceWords), wordSet(choiceAskWords), wordSet(chooserWords)
	l.bothCodes, l.codesWord, l.optionPlace, l.optionEdit = wordSet(bothCodesWords), wordSet(codesWords), wordSet(optionPlaceWords), wordSet(optionEditWords)
	l.choiceReject, l.choiceScope, l.choiceDecider, l.choiceCode = wordSet(choiceRejectWords), wordSet(choiceScopeWords), wordSet(choiceDeciders), wordSet(choiceCodeWords)
	l.optionNoun = wordSet(optionNouns)
	l.userSayBare, l.userSayThird, l.userLeadVerb, l.userLeadBare = wordSet(userSayBareWords), wordSet(userSayThirdWords), wordSet(userLeadVerbWords), wordSet(userLeadBareWords)
	l.avatarAck, l.appPermBar = wordSet(avatarAckWords), wordSet(appPermBarWords)
	l.whyNotAux, l.whyAux, l.whyNotSubject = wordSet(whyNotAuxWords), wordSet(whyAuxWords), wordSet(whyNotSubjectWords)
	l.suggestAdd, l.suggestBar, l.suggestAnswer = wordSet(suggestAddWords), wordSet(suggestBarWords), wordSet(suggestAnswerWords)
	l.reasonWord = wordSet([]string{"that", "why", "because", "since"})                   // "explain that we need …", "explain why": a statement, not a step's name
	l.pathNoun = wordSet([]string{"path", "route", "branch", "side", "journey", "track"}) // "the recognised path": a path of the flow
	l.sendTo = wordSet([]string{"to", "at", "into"})                                      // "a code to that same address", "at the same number": where a code goes
	l.liveAfter, l.beingBefore, l.notDocBefore = wordSet(liveAfterWords), wordSet(beingBeforeWords), wordSet(slices.Concat(notDocBeforeWords, recordIDWords))
	l.permitBefore, l.cardBefore, l.textNext, l.textPrev = wordSet(permitBeforeWords), wordSet(cardBeforeWords), wordSet(textNextWords), wordSet(textPrevWords)
	l.ownSecret, l.ownSecretOwner, l.ownSecretAsk, l.ownSecretSent = wordSet(ownSecretWords), wordSet(ownSecretOwnerWords), wordSet(ownSecretAskWords), wordSet(ownSecretSentWords)
	l.notCodeBefore, l.entryNext, l.ageNext, l.closingWords = wordSet(notCodeBeforeWords), wordSet(entryNextWords), wordSet(ageNextWords), wordSet(closingWordsList)
	l.onFile, l.onFileMatch, l.dataUse, l.ownership = wordSet(onFileWords), wordSet(onFileMatchWords), wordSet(dataUseWords), wordSet(ownershipWords)
	l.docWord, l.people, l.owner = wordSet(docLemmas), wordSet(peopleList), wordSet(ownerWords)
	l.docDataNoun, l.docDataLink = wordSet(docDataNounWords), wordSet(docDataLinkWords)
	l.providedMark, l.holdVerb, l.compareStop = wordSet(providedMarkWords), wordSet(holdVerbWords), wordSet(compareStopWords)
	l.arriveVerb, l.arriveFrom, l.forVerb, l.issuer, l.issuingBody, l.deviceChange = wordSet(arriveVerbWords), wordSet(arriveFromWords), wordSet(forVerbWords), wordSet(issuerWords), wordSet(issuingBodyWords), wordSet(deviceChangeWords)
	l.quoteNoun = wordSet(quoteNounWords)
	l.personRef = wordSet(personRefWords)
	l.otherExpiry, l.receiveVerb, l.inputWord = wordSet(otherExpiryWords), wordSet(receiveVerbWords), wordSet(inputWords)
	l.appNoun, l.launchNoun = wordSet(appNounWords), wordSet(launchNounWords)
	l.givenBefore, l.signupWord, l.listCheck = wordSet(givenBeforeWords), wordSet(signupWords), wordSet(listCheckWords)
	l.attackWord = wordSet(attackWords)
	l.ageComparative = wordSet(ageComparativeWords)
	l.filler, l.polite, l.plainAddressee = wordSet(fillerWords), wordSet(politeWords), wordSet(plainAddresseeWords)
	l.population = wordSet(populationWords)
	l.ageUnit, l.ageSubject, l.ageLemma, l.ageTopic, l.ageBefore = wordSet(ageUnitWords), wordSet(ageSubjectWords), wordSet(ageLemmaWords), wordSet(ageTopicWords), wordSet(ageBeforeWords)
	l.unavailable = wordSet(unavailableWords)
	l.docFail = wordSet(docFailWords)
	l.labelWord, l.loginWord, l.auxStart, l.labelFor, l.storyActor = wordSet(labelWords), wordSet(loginWords), wordSet(auxStartWords), wordSet(labelForWords), wordSet(storyActorWords)
	l.factorRenewVerb, l.labelDefinite = wordSet(factorRenewVerbs), wordSet(labelDefiniteWords)
	l.factorRenew, l.labelHead, l.labelGuard, l.refEndPronoun = wordSet(factorRenewWords), wordSet(labelHeadWords), wordSet(labelGuardWords), wordSet(refEndPronounWords)
	l.sessionDone, l.passOnObject = wordSet(sessionDoneWords), wordSet(passOnObjectWords)
	l.identityNeed, l.verifyNeed, l.replaceWord, l.turnInto, l.onlyWhen, l.recipientEnd, l.docLead = wordSet(identityNeedWords), wordSet(verifyNeedWords), wordSet(replaceWords), wordSet(turnIntoWords), wordSet(onlyWhenWords), wordSet(recipientEndWords), wordSet(docLeadWords)
	l.addressGet = wordSet(addressGetWords)
	l.negatedPlaceVerb, l.placeFiller, l.answerStop, l.listJoin = wordSet(negatedPlaceVerbWords), wordSet(placeFillerWords), wordSet(answerStopWords), wordSet(listJoinWords)
	l.lengthJudged, l.lengthRejected = wordSet(lengthJudgedWords), wordSet(lengthRejectedWords)
	l.lengthDegree, l.lengthToo, l.lengthUse = wordSet(lengthDegreeWords), wordSet(lengthTooWords), wordSet(lengthUseWords)
	l.lengthConcede, l.lengthCodeWord = wordSet(lengthConcedeWords), wordSet(lengthCodeWords)
	l.lengthTail, l.lengthPart, l.lengthOther = wordSet(lengthTailWords), wordSet(lengthPartWords), wordSet(lengthOtherWords)
	l.orderTiming, l.performedWord, l.orderClose = wordSet(orderTimingWords), wordSet(performedWords), wordSet(orderCloseWords)
	l.circumstanceLead, l.wholeScope, l.untoldIfLead, l.modalAdverb = wordSet(circumstanceLeadWords), wordSet(wholeScopeWords), wordSet(untoldIfLeadWords), wordSet(modalAdverbWords)
	l.stepPairLead, l.doneAgain, l.hedgeIf, l.lengthSubject = wordSet(stepPairLeadWords), wordSet(doneAgainWords), wordSet(hedgeIfWords), wordSet(lengthSubjectWords)
	l.upperLimit, l.beyondCase, l.goneVerb, l.pairedStep = wordSet(upperLimitWords), wordSet(beyondCaseWords), wordSet(goneVerbWords), wordSet(pairedStepWords)
	l.negatedPlacePassive, l.placeScope, l.withheld, l.copeVerb, l.ruleNoun = wordSet(negatedPlacePassiveWords), wordSet(placeScopeWords), wordSet(withheldWords), wordSet(copeVerbWords), wordSet(ruleNounWords)
	l.faceCheck, l.liveSide, l.appGetVerb, l.keptWord, l.appSide, l.livePurpose = wordSet(faceCheckWords), wordSet(liveSideWords), wordSet(appGetVerbWords), wordSet(keptWords), wordSet(appSideWords), wordSet(livePurposeWords)
	l.bareStepNoun, l.bareStepDet = bareStepNounWords, wordSet(bareStepDetWords)
	l.checkedAfter = wordSet(doneCheckWords) // right after the address: checked, by a code ("we need their email verified")
	l.startPlace, l.exceptionLead = wordSet(startPlaceWords), wordSet(exceptionLeadWords)
	l.retryLater = l.phraseSet(retryLaterPhrases)
	l.emailGiven, l.unit, l.arrive, l.undelivered, l.notAge = wordSet(append(emailGivenWords, emailGivingWords...)), wordSet(unitLemmas), wordSet(arriveWords), wordSet(undeliveredWords), wordSet(notAgeWords)
	l.venue, l.sendAway, l.placeOpen, l.numberPart = wordSet(venueWords), wordSet(sendAwayWords), wordSet(placeOpenWords), wordSet(numberPartWords)
	l.groupTail, l.greetNoun, l.photoShown, l.codeVerb, l.specLimit = wordSet(groupTailWords), wordSet(greetNounWords), wordSet(photoShownWords), wordSet(codeVerbWords), wordSet(specLimitWords)
	l.frontWord, l.backWord, l.endPlace, l.stateLead = wordSet(frontWords), wordSet(backWords), wordSet(endPlaceWords), wordSet(stateLeadWords)
	l.positionLead = wordSet(positionLeadWords)
	l.allBeyond, l.stillWord = wordSet(allBeyondWords), wordSet(stillWords)
	l.heldPlace, l.countedNoun, l.beyondExcept = wordSet(heldPlaceWords), wordSet(countedNounWords), wordSet(beyondExceptWords)
	l.frontedTalk = wordSet(frontedTalkWords)
	l.whatWord, l.followVerb, l.condLead = wordSet(whatWords), wordSet(followVerbs), wordSet(condLeadWords)
	l.emailFactor, l.emailWeak, l.settingNoun = wordSet(emailFactorWords), wordSet(emailWeakWords), wordSet(settingNounWords)
	l.purposeOpen, l.listOpener, l.listCopula, l.identityWh, l.stepWorks, l.countedPlace, l.quitVerb, l.ownAddress = wordSet(purposeOpenWords), wordSet(listOpenerWords), wordSet(listCopulaWords), wordSet(identityWhWords), wordSet(stepWorksWords), wordSet(countedPlaceWords), wordSet(quitVerbWords), wordSet(ownAddressWords)
	l.futileNoun, l.futileWhom, l.purposeVerbBefore, l.askedPerson = wordSet(futileNounWords), wordSet(futileWhomWords), wordSet(purposeVerbBeforeWords), wordSet(askedPersonWords)
	l.unsure, l.doubtLead, l.salutation, l.sayVerb, l.answerVerb, l.coverVerb, l.strictWord, l.readBackMore, l.moneyNoun, l.smallAmount, l.delegateVerb, l.collective, l.signInVerb, l.periodUnit, l.eventVerb, l.knowVerb, l.each, l.timeAdverb, l.timePrep, l.statedSubject, l.backupNoun, l.changeFallbackVerb, l.changeTo, l.delivered, l.approval, l.swapTarget, l.takeVerb, l.takeParticle, l.definite = wordSet(unsureWords), wordSet(doubtLeadWords), wordSet(salutationWords), wordSet(sayWords), wordSet(answerVerbWords), wordSet(coverVerbWords), wordSet(strictWords), wordSet(readBackMoreWords), wordSet(moneyNounWords), wordSet(smallAmountWords), wordSet(delegateVerbWords), wordSet(collectiveWords), wordSet(signInVerbWords), wordSet(periodUnitWords), wordSet(eventVerbWords), wordSet(knowVerbWords), wordSet(eachWords), wordSet(timeAdverbWords), wordSet(timePrepWords), wordSet(statedSubjectWords), wordSet(backupNounWords), wordSet(changeFallbackVerbWords), wordSet(changeToWords), wordSet(deliveredWords), wordSet(approvalWords), wordSet(swapTargetWords), wordSet(takeVerbWords), wordSet(takeParticleWords), wordSet(definiteWords)
	l.indefinite = wordSet(indefiniteWords)
	l.complementOpen = wordSet(complementOpenWords)
	l.requestModal = wordSet(requestModalWords)
	l.imageOf = wordSet(imageOfWords)
	l.trouble = wordSet(troubleWords)
	l.observe = wordSet(observeWords)
	l.wantLead = wordSet(wantLeadWords)
	l.readBackOpen, l.readBackSubject, l.readBackVerb, l.readBackFill = wordSet(readBackOpenWords), wordSet(readBackSubjectWords), wordSet(readBackVerbWords), wordSet(readBackFillWords)
	l.readBackNoun, l.readBackNounVerb = wordSet(readBackNounWords), wordSet(readBackNounVerbWords)
	l.otherWay = l.phraseSet(otherWayPhrases)
	l.compareOutcome, l.undoObject, l.userOwner = wordSet(compareOutcomeWords), wordSet(undoObjectWords), wordSet(userOwnerWords)
	l.missedVerb = wordSet(missedVerbWords)
	l.restateFill = wordSet(restateFillWords)
	l.channelCorrect, l.textWord = wordSet(channelCorrectWords), wordSet(textChannelWords)
	l.digitsOwnerStop = wordSet(digitsOwnerStopWords)
	l.approveWord, l.approveFill = wordSet(approveWords), wordSet(approveFillWords)
	l.deviceNoun, l.newDevice = deviceNouns, wordSet(newDeviceWords)
	l.statusDoc = wordSet(statusDocWords)
	l.nothingVia = wordSet(nothingViaWords)
	l.searchVerb = wordSet(searchVerbWords)
	l.untouchVerb, l.asIs = wordSet(untouchVerbWords), wordSet(asIsWords)
	l.stepFine, l.fineLink = wordSet(stepFineWords), wordSet(fineLinkWords)
	l.deviceAskNoun = wordSet(deviceAskNounWords)
	l.lineNoun = wordSet(lineNounWords)
	l.framing = wordSet(framingWords)
	l.mustWord, l.conformVerb = wordSet(mustWords), wordSet(conformWords)
	l.accountVerb, l.frequencyWord = wordSet(accountVerbWords), wordSet(frequencyWords)
	l.staleWord, l.degreeWord = wordSet(staleWords), wordSet(degreeWords)
	l.roleNoun, l.admitVerb, l.abbrev = wordSet(roleNounWords), wordSet(admitVerbWords), wordSet(abbrevWords)
	l.becomes, l.reasonOpen, l.reasonLabel, l.hypothetical = wordSet(becomesWords), wordSet(reasonOpenWords), wordSet(reasonLabelWords), wordSet(hypotheticalWords)
	l.settingLead = wordSet(settingLeadWords)
	l.linkWord, l.removeVerb, l.acceptVerb = wordSet(linkWords), wordSet(removeVerbWords), wordSet(acceptVerbWords)
	l.passiveAux, l.supposeLead = wordSet(passiveAuxWords), wordSet(supposeLeadWords)
	l.toneNoun, l.toneVerb, l.toneNext, l.tone = wordSet(toneNounWords), wordSet(toneVerbWords), wordSet(toneNextWords), toneWords
	l.ageKeptOut, l.ageRequire, l.perfectNeg, l.failTo = wordSet(ageKeptOutWords), wordSet(ageRequireWords), wordSet(perfectNegWords), wordSet(failToWords)
	l.copulaModal, l.clauseJoin, l.refusalFiller, l.placeVerb, l.yesAux, l.requester, l.praise = wordSet(copulaModalWords), wordSet(clauseJoinWords), wordSet(refusalFillerWords), wordSet(placeVerbWords), wordSet(yesAuxWords), wordSet(requesterWords), wordSet(praiseWords)
	l.comparative, l.preferVerb, l.whyCopula, l.owned = wordSet(comparativeWords), wordSet(preferVerbWords), wordSet(whyCopulaWords), wordSet(ownedWords)
	l.onlyWord, l.guardWord = wordSet(onlyWords), wordSet(guardWords)
	l.saidSteps, l.seqLead = wordSet(saidStepsWords), wordSet(seqLeadWords)
	l.orderVerb, l.orderPrep, l.orderQual, l.failWord = wordSet(orderVerbWords), wordSet(orderPrepWords), wordSet(orderQualWords), wordSet(failWords)
	l.pairDet, l.elseWord, l.notEmailAddress, l.noOne, l.factVerb = wordSet(pairDetWords), wordSet(elseWords), wordSet(notEmailAddressWords), wordSet(noOneWords), wordSet(factVerbWords)
	l.welcomePrep = wordSet(welcomePrepWords)
	l.otherwise, l.anyOne = wordSet(otherwiseWords), wordSet(anyOneWords)
	l.stepVerb, l.ingAdjective, l.doVerb = wordSet(stepVerbLemmas), wordSet(ingAdjectiveWords), wordSet(doVerbLemmas)
	l.pastVerb, l.pronounUser, l.pastLead = wordSet(pastVerbWords), wordSet(pronounUserWords), wordSet(pastLeadWords)
	l.pastBe, l.pastFine, l.replyNo = wordSet(pastBeWords), wordSet(pastFineWords), wordSet(replyNoWords)
	l.whereBe, l.whereBeEnd = wordSet(whereBeWords), wordSet(whereBeEndWords)
	l.emailEntryNoun = wordSet(emailEntryWords)
	l.placeSame, l.placePrep, l.placeNearAdv = wordSet(placeSameWords), wordSet(placePrepWords), wordSet(placeNearAdvWords)
	l.relClauseLead, l.instructLead = wordSet(relClauseLeadWords), wordSet(instructLeadWords)
	l.lengthChannel, l.lengthMake = wordSet(lengthChannelWords), wordSet(lengthMakeWords)
	l.whereBeNow, l.whereNear, l.whereKeep, l.swapRare, l.relativePlace = wordSet(whereBeNowWords), wordSet(whereNearWords), wordSet(whereKeepWords), wordSet(swapRareWords), wordSet(relativePlaceWords)
	l.pronounUserHave = wordSet(pronounUserHaveWords)
	l.silentWord, l.speakVerb, l.sourceSays, l.retryNoun = wordSet(silentWords), wordSet(speakVerbWords), wordSet(sourceSaysWords), wordSet(retryNounWords)
	l.takeBack, l.mustAux, l.docScanWord, l.lineWord = wordSet(takeBackWords), wordSet(mustAuxWords), wordSet(docScanWords), wordSet(lineWords)
	l.docVerb, l.verdict, l.stateVerb, l.thinkVerb = wordSet(docVerbWords), wordSet(verdictWords), wordSet(stateVerbWords), wordSet(thinkVerbWords)
	l.goModal, l.goOn, l.giveVerb, l.goLead = wordSet(goModalWords), wordSet(goOnWords), wordSet(giveVerbWords), wordSet(goLeadWords)
	l.unsupported = maps.Clone(unsupportedNotes)
	l.teamTool, l.toolVerb = make(map[string]string, len(teamToolNames)), wordSet(append(slices.Clone(toolVerbWords), passOnVerbWords...))
	l.storeVerb, l.pronounSubject, l.deviceTool, l.passOnNotObject = wordSet(storeVerbWords), wordSet(pronounSubjectWords), wordSet(deviceToolWords), wordSet(passOnNotObjectWords)
	l.keyOtherStep, l.possessionLink, l.recheck = wordSet(keyOtherStepWords), wordSet(possessionLinkWords), wordSet(recheckWords)
	l.sessionClock, l.askOpen, l.sessionClockCode, l.sessionClockValid = wordSet(sessionClockWords), wordSet(askOpenWords), wordSet(sessionClockCodeWords), wordSet(sessionClockValidWords)
	for w, name := range teamToolNames {
		l.teamTool[w] = teamToolNote(name)
	}
	for _, w := range listCheckWords {
		l.unsupported[w] = listCheckNote // "sanctions screening", "checked against the watchlist"
	}
	l.scanMode, l.modeNoun = scanModeWords, wordSet(modeNouns)
	l.settingKey, l.offValue = settingKeyWords, wordSet(offValueWords)
	l.tableHead, l.otherwiseCell, l.blankCell, l.tickMark = tableColumnHeads, wordSet(otherwiseCellWords), wordSet(blankCellWords), wordSet(tickMarks)
	l.valueOn, l.valueOff = wordSet(valueOnWords), wordSet(valueOffWords)
	l.keySettingWord = wordSet(keySettingWords)
	l.rangeQualifier = wordSet(rangeQualifierWords)
	l.contentHead = wordSet(contentHeadWords)
	l.crossMark, l.checkMark = wordSet(crossMarkWords), wordSet(checkMarkWords)
	l.reviewWord, l.markedStep, l.markLead, l.verbLead, l.compareWith, l.digitOther = wordSet(reviewWords), wordSet(markedStepWords), wordSet(markLeadWords), wordSet(verbLeadWords), wordSet(compareWithWords), wordSet(digitOtherWords)
	l.placeNeg, l.placeAfterRef = wordSet(placeNegWords), wordSet(placeAfterRefWords)
	l.passOnVerb = wordSet(passOnVerbWords)
	l.uncheckLead = wordSet(uncheckLeadWords)
	l.micOffVerb, l.needVerb, l.refEndVerb = wordSet(micOffVerbWords), wordSet(needOnlyWords), wordSet(refEndVerbWords)
	l.docErrandNext, l.minorGuard, l.mailLoss, l.mailLossLink, l.routeParticle = wordSet(docErrandNextWords), wordSet(minorGuardWords), wordSet(mailLossWords), wordSet(mailLossLinkWords), wordSet(routeParticleWords)
	l.onetimeNext, l.resumeWord = wordSet(onetimeNextWords), wordSet(resumeWords)
	l.onetimeNoun = wordSet(onetimeNounWords)
	l.askedVerb, l.pastRef, l.nameNoun = wordSet(askedVerbWords), wordSet(pastRefWords), wordSet(nameNounWords)
	l.verbParticle, l.imageGone = wordSet(verbParticleWords), wordSet(imageGoneWords)
	l.placeNoun, l.everyOne, l.faceAdjective = wordSet(placeNounWords), wordSet(everyOneWords), wordSet(faceAdjectiveWords)
	l.topic = map[string]topic{}
	for tp, ws := range topicWords {
		for _, w := range ws {
			l.topic[w] = tp
		}
	}
	l.policyFail, l.pairRef, l.backRef, l.heldImage = wordSet(policyFailWords), wordSet(pairRefWords), wordSet(backRefWords), wordSet(heldImageWords)
	l.oneMore, l.duringPrep, l.seen, l.alsoWord = wordSet(oneMoreWords), wordSet(duringPrepWords), wordSet(seenWords), wordSet(alsoWords)
	l.groupRef, l.shortName, l.stayVerb, l.possessive = wordSet(groupRefWords), wordSet(shortNameWords), wordSet(stayVerbWords), wordSet(possessiveWords)
	l.refPronoun, l.doneSubject = wordSet(refPronounWords), wordSet(doneSubjectWords)
	l.former = wordSet(formerWords)
	l.passiveBefore, l.otherBiometric = wordSet(passiveBeforeWords), wordSet(otherBiometricWords)
	l.afterWhich, l.outcomeDone = wordSet(afterWhichWords), wordSet(outcomeDoneWords)
	l.resultLead = wordSet(resultLeadWords)
	l.omitVerb, l.omitParticle, l.omitAfter = wordSet(omitVerbWords), wordSet(omitParticleWords), wordSet(omitAfterWords)
	l.speaker, l.wish, l.pastTime, l.amongWord, l.meansWord = wordSet(speakerWords), wordSet(wishWords), wordSet(pastTimeWords), wordSet(amongWords), wordSet(meansWords)
	l.statementVerb, l.askModal = wordSet(slices.Concat(statementVerbWords, flawVerbWords)), wordSet(askModalWords)
	l.subjectDet, l.habitVerb, l.assignVerb = wordSet(subjectDetWords), wordSet(habitVerbWords), wordSet(assignVerbWords)
	l.swapFor, l.determiner, l.placeBefore = wordSet(swapForWords), wordSet(determinerWords), wordSet(placeBeforeWords)
	l.modifierPrep, l.device = wordSet(modifierPrepWords), wordSet(deviceWords)
	l.integrator, l.identitySubject = wordSet(integratorWords), wordSet(identitySubjectWords)
	l.mailKind, l.ownSide, l.mailThing, l.ourMail, l.mailsVerb, l.whyLine = wordSet(mailKindWords), wordSet(ownSideWords), wordSet(mailThingWords), wordSet(ourMailWords), wordSet(mailsVerbWords), wordSet(whyLineWords)
	l.namePart, l.namePartNoun = wordSet(namePartWords), wordSet(namePartNounWords)
	l.version = wordSet(versionWords)
	l.withWord, l.personPronoun, l.storySubject, l.defaultsWord = wordSet(withWords), wordSet(personPronounWords), wordSet(storySubjectWords), wordSet(defaultsWords)
	l.ownerPossessive, l.beForm, l.holderPrep = wordSet(ownerPossessiveWords), wordSet(beFormWords), wordSet(holderPrepWords)
	l.realThing = wordSet(realThingWords)
	l.realClaimLead = wordSet(realClaimLeadWords)
	l.codeLine = wordSet(codeLineWords)
	l.doneEarlier, l.doneWord = wordSet(doneEarlierWords), wordSet(doneWordWords)
	l.doneCheck, l.relative, l.deviceGet, l.contactLead = wordSet(doneCheckWords), wordSet(relativeWords), wordSet(deviceGetWords), wordSet(contactLeadWords)
	l.successLead, l.successWord = wordSet(successLeadWords), wordSet(successWordWords)
	l.subjectPronoun, l.refFollow, l.lineSubject = wordSet(subjectPronounWords), wordSet(refFollowWords), wordSet(lineSubjectWords)
	l.avatarRef, l.adviceLead, l.adviceWho, l.moreTypes, l.knowWhat = wordSet(avatarRefWords), wordSet(adviceLeadWords), wordSet(adviceWhoWords), wordSet(moreTypesWords), wordSet(knowWhatWords)
	l.reflexive, l.nothingWith, l.partitive, l.typical = wordSet(reflexiveWords), wordSet(nothingWithWords), wordSet(partitiveWords), wordSet(typicalWords)
	l.midThen, l.speechNoun, l.lineOpen, l.lineIs, l.signVerb, l.thatRefNext, l.docOfOld, l.insertVerb, l.compareTo = wordSet(midThenWords), wordSet(speechNounWords), wordSet(lineOpenWords), wordSet(lineIsWords), wordSet(signVerbWords), wordSet(thatRefNextWords), wordSet(docOfOldWords), wordSet(insertVerbWords), wordSet(compareToWords)
	l.codeSet, l.addedStep, l.repeatStep, l.lackVerb = wordSet(codeSetWords), wordSet(addedStepWords), wordSet(repeatStepWords), wordSet(lackVerbWords)
	l.recognizeMeans, l.kindOf, l.everyone = wordSet(recognizeMeansWords), wordSet(kindOfWords), wordSet(everyoneWords)
	l.recognizer, l.unknownHead, l.personObject = wordSet(recognizerWords), wordSet(unknownHeadWords), wordSet(personObjectWords)
	l.typedIn, l.failTimes = wordSet(typedInWords), wordSet(failTimesWords)
	l.ourSender, l.emailAdverb = wordSet(ourSenderWords), wordSet(emailAdverbWords)
	l.readAloud = wordSet(readAloudWords)
	l.subordOpen, l.timeSpan, l.habitLead = wordSet(subordOpenWords), wordSet(timeSpanWords), wordSet(habitLeadWords)
	l.pastMark, l.anotherTry, l.spare = wordSet(pastMarkWords), wordSet(anotherTryWords), wordSet(spareWords)
	l.freshCode, l.joinInContext = wordSet(freshCodeWords), wordSet(joinInContextPairs)
	l.liftVerb = wordSet(liftVerbWords)
	l.resetBlock, l.resendVerb, l.resetList, l.matchCue = wordSet(resetBlockWords), wordSet(resendVerbWords), wordSet(resetListWords), wordSet(matchCueWords)
	l.passVerdict, l.verdictFiller, l.untoldCaseLead = wordSet(passVerdictWords), wordSet(verdictFillerWords), wordSet(untoldCaseLeadWords)
	l.settingsNoun = wordSet(settingsNounWords)
	l.listGlue = wordSet(listGlueWords)
	l.failPhrase, l.sameCase, l.thatPath, l.allPaths, l.exceptPhrase = l.phraseSet(failPhrases), l.phraseSet(sameCasePhrases), l.phraseSet(thatPathPhrases), l.phraseSet(allPathsPhrases), l.phraseSet(exceptPhrases)
	l.sameForAll = l.phraseSet(sameForAllPhrases)
	l.totalBan = l.phraseSet(totalBanPhrases)
	l.emailEntryNext, l.emailEntryVerb, l.ageAsked = wordSet(emailEntryNextWords), wordSet(emailEntryVerbWords), wordSet(ageAskedWords)
	l.contactCheck, l.contactRef, l.fresh = wordSet(contactCheckWords), wordSet(contactRefWords), wordSet(freshWords)
	l.needSetting, l.heldClaimVerb = wordSet(needSettingWords), wordSet(heldClaimVerbWords)
	l.elsewhere, l.inFlow = l.phraseSet(elsewherePhrases), l.phraseSet(inFlowPhrases)
	l.once, l.boundLead, l.tryNoun, l.secondFail = wordSet(onceWords), wordSet(boundLeadWords), wordSet(tryNouns), wordSet(secondFailWords)
	l.repeatOrdinal, l.repeatPrep = wordSet(repeatOrdinalWords), wordSet(repeatPrepWords)
	l.handoverPerson, l.handoverVerb, l.referVerb = wordSet(handoverPersonWords), wordSet(handoverVerbWords), wordSet(referVerbWords)
	l.onceConj, l.onlyTry, l.unlimitedTry = wordSet(onceConjNext), wordSet(onlyTryWords), wordSet(unlimitedTryWords)
	l.tld, l.moreTry, l.arrivePhrase, l.laterPhrase, l.passPhrase = wordSet(tldWords), wordSet(moreTryWords), l.phraseSet(arrivePhrases), l.phraseSet(laterPhrases), l.phraseSet(passPhrases)
	l.verbatim, l.futile, l.reasonPhrase, l.mailbox = wordSet(verbatimWords), wordSet(futileWords), l.phraseSet(reasonPhrases), wordSet(mailboxWords)
	l.mailboxNext = wordSet(mailboxNextWords)
	l.mailSystemNext, l.mailThreatNext, l.mailThreatBefore = wordSet(mailSystemNextWords), wordSet(mailThreatNextWords), wordSet(mailThreatBeforeWords)
	l.spoofProp, l.present = wordSet(spoofPropWords), wordSet(presentWords)
	l.screenNounBefore = wordSet(screenNounBeforeWords)
	l.readBackEnd, l.countNoun, l.universal, l.groupPlace, l.groupTailStop, l.seenBefore, l.platform = wordSet(readBackEndWords), wordSet(countNounWords), wordSet(universalWords), wordSet(groupPlaceWords), wordSet(groupTailStopWords), wordSet(seenBeforeWords), wordSet(platformWords)
	l.sessionDevice, l.groupLead, l.sessionTime = wordSet(sessionDeviceWords), wordSet(groupLeadWords), wordSet(sessionTimeWords)
	l.negUniversal, l.attemptNoun, l.attrition = wordSet(negUniversalWords), wordSet(attemptNounWords), wordSet(attritionWords)
	l.storyAmount, l.branchLead, l.offScopeTail = wordSet(storyAmountWords), wordSet(branchLeadWords), wordSet(offScopeTailWords)
	l.listSays, l.listSource, l.listRedo, l.setupVerb, l.replaceHedge, l.setupStays, l.listMatters = wordSet(listSaysWords), wordSet(listSourceWords), wordSet(listRedoWords), wordSet(setupVerbWords), wordSet(replaceHedgeWords), wordSet(setupStaysWords), wordSet(listMattersWords)
	l.dataField = map[string]bool{}
	for _, w := range dataFields {
		l.dataField[w] = true
	}
	lemmas := make([]string, 0, len(lexGroups))
	for k := range lexGroups {
		lemmas = append(lemmas, k)
	}
	sort.Strings(lemmas) // deterministic when two groups share a form
	for _, lemma := range lemmas {
		for _, f := range lexGroups[lemma] {
			if _, dup := l.canon[f]; !dup {
				l.canon[f] = lemma
			}
		}
	}
	for f := range l.canon {
		if n := utf8.RuneCountInString(f); n >= minTypoLen {
			l.byLen[n] = append(l.byLen[n], f)
		}
	}
	// the words of the phrases joins reads are lexicon words too ("in frnt of
	// the liveness box" is "in front of"): a typo of one is corrected to it,
	// and the phrase then joins as written right
	phraseWords := map[string]bool{}
	for _, phrase := range append(slices.Collect(maps.Keys(joins)), typoTargetWords...) {
		for _, f := range strings.Fields(phrase) {
			if _, dup := l.canon[f]; !dup && isAlpha(f) && !phraseWords[f] {
				phraseWords[f] = true
				if n := utf8.RuneCountInString(f); n >= minTypoLen {
					l.byLen[n] = append(l.byLen[n], f)
				}
			}
		}
	}
	for n := range l.byLen {
		sort.Strings(l.byLen[n])
	}
	// The words joins makes are read once here: joinTokens meets them often, and
	// one the lexicon does not know goes through typo correction ("checkin").
	l.joinFirst, l.joined = map[string]bool{}, map[string]lemmaOf{}
	for phrase, j := range joins {
		first, _, _ := strings.Cut(phrase, " ")
		l.joinFirst[first] = true
		w, known := l.lemma(j)
		l.joined[j] = lemmaOf{w, known}
	}
	l.deferPhrases = l.phraseSet(deferPhraseList)
	// the words of every list a use-case rule compares by namedIn
	// (TestCaseWords keeps this in step with useCaseRule's fields)
	l.caseWords = map[string]bool{}
	for _, r := range useCaseRules {
		for _, w := range slices.Concat(r.anyOf, r.allOf, r.also) {
			l.caseWords[w] = true
		}
	}
	l.readHot()
	return l
}

// dottedAbbrev is the length of a dotted abbreviation ("e.g.", "i.e.") that
// opens s, or 0.
func dottedAbbrev(s string) int {
	for _, a := range dottedAbbrevs {
		if len(s) >= len(a) && strings.EqualFold(s[:len(a)], a) && (len(s) == len(a) || !isWordByte(s[len(a)])) {
			return len(a)
		}
	}
	return 0
}

// typoTargetWords are words that name no step but carry the structure of a
// sentence, so a typo of one is corrected to it as written ("before
// evrything" is "before everything", a place at the start), as the words of
// joins' phrases are.
var typoTargetWords = []string{"everything", "anything", "everyone", "anyone"}

// dottedAbbrevs are abbreviations written with dots that end no sentence.
var dottedAbbrevs = []string{"e.g.", "i.e."}

// minTypoLen is the shortest word typo correction touches: below it, one edit
// turns too many words into others ("sms" and "sim", "otp" and "top").
const minTypoLen = 4

// lemma returns the lemma of a lower-case word: the word itself when the lexicon does
// not know it, after trying common English endings and, for words of four letters
// or more that are not English words, the one lexicon lemma at edit distance one
// ("livenes", "pasport", "reconize", "emal"). The embedded English word list keeps
// real words as they are: "identity" is not a typo of "identify", "order" not of
// "older".
func (l *lexicon) lemma(w string) (string, bool) {
	lm, _, ok := l.lemmaFix(w)
	return lm, ok
}

// lemmaFix is lemma that also returns the word as corrected: the lexicon form a
// typo was read as ("remvoe" gives "remove", "befor" gives "before"), or w itself.
// The tokenizer keeps the corrected form as the token's raw word, so that rules
// reading words as written read the word the user meant.
func (l *lexicon) lemmaFix(w string) (string, string, bool) {
	if full, ok := chatShort[w]; ok {
		w = full // "for the new ppl only": the word the chat shorthand stands for
	}
	if c, ok := l.canon[w]; ok {
		return c, w, true
	}
	if c, ok := l.stemmed(w); ok && !unstemmed[w] {
		return c, w, true
	}
	if len(w) < minTypoLen || !isAlpha(w) || english.Known(w) {
		return w, w, false
	}
	if f := l.correct(w); f != "" {
		if c, ok := l.canon[f]; ok {
			return c, f, true
		}
		return f, f, false // a word of a phrase ("frnt" of "in front of"): joins reads it
	}
	// a typo plus an ending: "pasports", "recognisd"
	for _, s := range suffixes {
		if len(w) > len(s.cut)+4 && strings.HasSuffix(w, s.cut) {
			if f := l.correct(w[:len(w)-len(s.cut)] + s.add); f != "" && l.canon[f] != "" {
				return l.canon[f], w, true // the ending stays: the form as written is kept
			}
		}
	}
	return w, w, false
}

// splitAt is compoundAt for a word as written: a word the lexicon knows, or a
// key such as "profilePhoto", is one name.
func (l *lexicon) splitAt(raw, orig string, known bool) int {
	if known || camelCase(orig) {
		return 0
	}
	return l.compoundAt(raw)
}

// compoundAt returns where a word no dictionary knows splits into two lexicon
// words of three letters or more, or of two for a short name such as "id"
// ("facescan", "idscan", "smscode"), or 0.
func (l *lexicon) compoundAt(w string) int {
	if len(w) < 5 || !isAlpha(w) || english.Known(w) {
		return 0
	}
	for k := 2; k <= len(w)-3; k++ {
		left, right := w[:k], w[k:]
		if k == 2 && !l.shortName[left] {
			continue
		}
		if _, ok := l.exact(left); !ok {
			continue
		}
		if _, ok := l.exact(right); ok {
			return k
		}
	}
	return 0
}

var suffixes = []struct{ cut, add string }{
	{"'s", ""}, {"ies", "y"}, {"es", ""}, {"s", ""}, {"ing", ""}, {"ing", "e"}, {"ed", ""}, {"ed", "e"}, {"d", ""},
	{"er", ""}, {"ers", ""}, {"ly", ""},
}

// exact is lemma without typo correction.
func (l *lexicon) exact(w string) (string, bool) {
	if c, ok := l.canon[w]; ok {
		return c, true
	}
	if c, ok := l.stemmed(w); ok {
		return c, true
	}
	return w, false
}

func (l *lexicon) stemmed(w string) (string, bool) {
	for _, s := range suffixes {
		// a bare "d" ends a verb only after an "e" ("used", "stored"): "bind" is no
		// past of "bin"
		if len(w) > len(s.cut)+1 && strings.HasSuffix(w, s.cut) && (s.cut != "d" || strings.HasSuffix(w, "ed")) {
			if c, ok := l.canon[w[:len(w)-len(s.cut)]+s.add]; ok {
				return c, true
			}
		}
	}
	// a doubled consonant before "-ing" or "-ed" ("we're dropping SMS", "scrapped
	// the selfie"): the verb is the stem with one of the pair
	for _, cut := range [...]string{"ing", "ed"} {
		if n := len(w) - len(cut); n > 3 && strings.HasSuffix(w, cut) && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouy", rune(w[n-1])) {
			if c, ok := l.canon[w[:n-1]]; ok {
				return c, true
			}
		}
	}
	return "", false
}

// correct returns the lexicon form at Damerau distance one from w (two for words
// of seven letters or more: "compair", "verfication"), or "" when there is none
// or when forms of two different lemmas are that close (a guess between two
// meanings is no correction).
func (l *lexicon) correct(w string) string {
	n := utf8.RuneCountInString(w)
	for _, d := range []int{1, 2} {
		if d == 2 && n < 7 {
			break
		}
		found := ""
		for m := n - d; m <= n+d; m++ {
			if m < minTypoLen {
				continue
			}
			for _, f := range l.byLen[m] {
				if d == 1 && !within1(w, f) || d == 2 && !within2(w, f) {
					continue
				}
				if found != "" && l.formLemma(found) != l.formLemma(f) {
					return ""
				}
				if found == "" {
					found = f
				}
			}
		}
		if found != "" {
			return found
		}
	}
	return ""
}

// formLemma is the lemma of a form typo correction may give: its lexicon
// lemma, or the word itself for a word of a phrase.
func (l *lexicon) formLemma(f string) string {
	if c, ok := l.canon[f]; ok {
		return c
	}
	return f
}

// within2 reports whether the optimal-string-alignment distance of a and b
// (ASCII) is at most two.
func within2(a, b string) bool {
	if len(a)-len(b) > 2 || len(b)-len(a) > 2 {
		return false
	}
	var rows [3][16]int // a word of the lexicon is shorter than 16 letters
	if len(b) >= 16 {
		return false
	}
	for j := 0; j <= len(b); j++ {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur, prev, prev2 := &rows[i%3], &rows[(i-1)%3], &rows[(i-2+3)%3]
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > 2 {
			return false
		}
	}
	return rows[len(a)%3][len(b)] <= 2
}

// within1 reports whether a and b (ASCII) differ by at most one insertion, deletion,
// substitution or transposition of neighbours.
func within1(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		i := 0
		for i < la && a[i] == b[i] {
			i++
		}
		if i == la {
			return true
		}
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // transposition
	case la == lb+1:
		return oneDeletion(a, b)
	case lb == la+1:
		return oneDeletion(b, a)
	}
	return false
}

// oneDeletion: removing one byte of long gives short.
func oneDeletion(long, short string) bool {
	i := 0
	for i < len(short) && long[i] == short[i] {
		i++
	}
	return long[i+1:] == short[i:]
}

func isAlpha(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// token is one word or number of a clause.
type token struct {
	w     string  // lemma (or the lower-case word when the lexicon does not know it)
	raw   string  // the lower-case word as written, apostrophes removed
	orig  string  // the word with its original case
	num   float64 // the value of a number token
	cur   string  // currency sign before a number ("$", "€", "£")
	isNum bool
	plus  bool // "21+"
	kilo  bool // "10k"
	known bool // the lexicon knows the word
	eq    bool // written after "=" ("digits=8", "mic=false"): the value of the word before
	hyph  bool // written right after a hyphen ("e-mail"): a join of it quotes the hyphen
	snake bool // written right after an underscore inside a word ("bank_photo"): one identifier with the token before
	camel bool // a capital inside a word opens it ("Photo" of "profilePhoto"): one identifier with the token before
	// a phrase of some set starts with raw, raw is a word of a use-case rule;
	// read with hot (hotsets.go, hotWord)
	phraseFirst, caseWord bool
	hot                   uint64 // the hot sets raw is in, and hotRead once they were read (hotsets.go)
}

// respell makes raw the token's word, read again as tokenize reads a word
// (lemmaFix), and drops the hot bits of the word it had: markHot reads the new
// word's. (A token whose raw changes must go through here, or keep the bits of
// a word it no longer is.)
func (t *token) respell(raw string) {
	t.w, t.raw, t.known = lex.lemmaFix(raw)
	t.hot = 0
}

// tokenize splits text into tokens: letters and digits form words, apostrophes inside
// words vanish ("don't" → "dont"), numbers keep their separators ("5,000", "0.8").
func tokenize(text string) []token { return tokenizeMode(text, false) }

// tokenizeExact tokenizes text the builder wrote (the prompts of a flow being
// edited): no typo correction.
func tokenizeExact(text string) []token { return tokenizeMode(text, true) }

// sentenceTokens holds the tokens of the last sentence it read, so that the
// tests of one sentence share one tokenize (each costs about as much as the
// test after it); a sentence a step rewrote is read again. The tokens are
// shared: a test must not write into them.
type sentenceTokens struct {
	text string
	ts   []token
	read bool
}

// of returns text's tokens, read again only when text is not the sentence
// read last.
func (c *sentenceTokens) of(text string) []token {
	if !c.read || c.text != text {
		c.text, c.ts, c.read = text, tokenize(text), true
	}
	return c.ts
}

func tokenizeMode(text string, exact bool) []token {
	if !exact && strings.Contains(text, "/") {
		text = expandSlashes(text)
	}
	if !exact {
		text = expandShortVerbs(text)
		text = expandStepShort(text)
		text = expandCrossX(text)
	}
	if !exact && strings.Contains(text, "~~") {
		text, _ = dropStruck(text)
	}
	// about one token per six bytes of English text: one allocation for most
	out := make([]token, 0, len(text)/6+4)
	i := 0
	eqAt := -1           // the token count when a "=" was read: the next token is a value
	callArgs := false    // inside "name(…)"
	gloss := -1          // inside a gloss of a question: where its first token is
	braces := 0          // inside "{ … }" of pseudo-code
	arrowBranch := false // a "=>" opened a branch in this sentence (arrowCondition)
	verdictAt := -1      // where a failed verdict's single arrow opened a branch ("not a match -> end")
	ternaryAt := -1      // the ":" of "cond ? a : b" (ternaryColon)
	// a mailbox needs an "@" (addressEnd): without one, no word asks the
	// lexicon whether the word before it leads to one
	mailbox := strings.IndexByte(text, '@') >= 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if eqAt >= 0 && len(out) > eqAt {
			out[eqAt].eq = true
			eqAt = -1
		}
		switch {
		case r == '=' && !(i+1 < len(text) && (text[i+1] == '>' || text[i+1] == '=')):
			if len(out) > 0 {
				eqAt = len(out) // "otp(digits=8)": the next token is the value of the word before
			}
			i += size
		// Only ASCII digits start a number: the scan below reads nothing else, so a
		// digit of another script ("۷", "１") starting one would never advance i.
		case isDigitAt(text, i) || ((r == '$' || r == '€' || r == '£') && isDigitAt(text, i+size)) || r == '.' && !exact && leadingDot(text, i):
			cur := ""
			if !isDigitAt(text, i) && r != '.' {
				cur = string(r)
				i += size
			}
			j := i
			for j < len(text) {
				c := text[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == ',' || c == '.') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
					j++
					continue
				}
				break
			}
			lit := text[i:j]
			if cur == "" && j-i <= 2 && j+2 < len(text) && text[j] == ':' && isDigitAt(text, j+1) && isDigitAt(text, j+2) && !isDigitAt(text, j+3) && text[j+1] <= '5' {
				// "the 14:00 cut-off", "by 9:30": a time of day, one word as
				// written, neither a number (an age, a length) nor a heading's colon
				out = append(out, token{w: text[i : j+3], raw: text[i : j+3], orig: text[i : j+3]})
				i = j + 3
				continue
			}
			numberedScreen(out)
			t := token{isNum: true, cur: cur, raw: lit, orig: cur + lit, w: "#", snake: cur == "" && snakeAt(text, i)}
			t.num = parseNumber(lit)
			// a unit glued to the number: 10k, 6digit, 2fa
			k := j
			for k < len(text) && isWordByte(text[k]) && !(text[k] >= '0' && text[k] <= '9') {
				k++
			}
			suffix := strings.ToLower(text[j:k])
			switch suffix {
			case "":
			case "k":
				t.kilo, t.num, t.orig = true, t.num*1000, t.orig+text[j:k]
				j = k
			case "m":
				t.kilo, t.num, t.orig = true, t.num*1e6, t.orig+text[j:k]
				j = k
			case "s":
				t.orig += text[j:k] // "under-18s", "the 21s": a number in the plural
				j = k
			case "yo", "y", "yr", "yrs":
				t.plus, t.orig = true, t.orig+text[j:k] // "21yo": an age, like "21+"
				j = k
			default:
				if unitSuffix(suffix) {
					// "10min", "30sec", "8digits": a number and its unit written
					// together, read as the two words they are ("expiry: 10min")
					w, known := lex.lemma(suffix)
					out = append(out, t, token{raw: suffix, orig: text[j:k], w: w, known: known})
					i = k
					continue
				}
				// "2fa", "3rd": a word, not a number
				t = token{raw: strings.ToLower(text[i:k]), orig: text[i:k]}
				t.w, t.known = lex.lemma(t.raw)
				j = k
			}
			if j < len(text) && text[j] == '+' {
				t.plus = true
				j++
			}
			out = append(out, t)
			if j < len(text) && text[j] == '%' {
				// "at least 90%" reads as "at least 90 percent": a share, never an age
				w, known := lex.lemma("percent")
				out = append(out, token{raw: "percent", orig: "%", w: w, known: known})
				j++
			}
			i = j
		case mailbox && r < utf8.RuneSelf && isWordByte(byte(r)) && (i == 0 || !isWordByte(text[i-1])) && len(out) > 0 && out[len(out)-1].in(hContactLead) && addressEnd(text, i) > 0:
			// "write to support@sparkd.app": one token, the mailbox as written
			// (only after a word of writing to it: "addresses like
			// jane@acme.com", "of the form you@acme.com" show the domain the
			// typed address must end with)
			j := addressEnd(text, i)
			out = append(out, token{w: mailboxW, raw: strings.ToLower(text[i:j]), orig: text[i:j], known: true})
			i = j
		case r == '@' && domainEnd(text, i+1, true) > 0 || r < utf8.RuneSelf && isWordByte(byte(r)) && domainEnd(text, i, false) > 0:
			// "@contoso.com", "acme.io": an email domain, one token whose dots end no sentence
			j := domainEnd(text, i+size, true)
			if r != '@' {
				j = domainEnd(text, i, false)
			}
			out = append(out, token{w: domainW, raw: strings.ToLower(text[i:j]), orig: text[i:j], known: true})
			i = j
		case (r == 'e' || r == 'i' || r == 'E' || r == 'I') && !exact && (i == 0 || !isWordByte(text[i-1])) && dottedAbbrev(text[i:]) > 0:
			// "e.g. they never enrolled", "i.e. new users": the abbreviation's dots
			// end no sentence
			n := dottedAbbrev(text[i:])
			raw := strings.ToLower(strings.ReplaceAll(text[i:i+n], ".", ""))
			out = append(out, token{w: raw, raw: raw, orig: text[i : i+n]})
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// Other scripts' digits read as a word, as they already do inside one.
			j, apostrophe := i, false
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += s2
					continue
				}
				if (r2 == '\'' || r2 == '’') && j+s2 < len(text) {
					if r3, _ := utf8.DecodeRuneInString(text[j+s2:]); unicode.IsLetter(r3) {
						j += s2
						apostrophe = true
						continue
					}
				}
				break
			}
			if !exact && !apostrophe {
				if k := camelSplit(text, i, j); k > i {
					j = k // "sendEmailOtp()": each word of an identifier written as code
				}
			}
			raw := text[i:j]
			if apostrophe { // "don't" → "dont"
				raw = strings.Map(dropApostrophe, raw)
			}
			raw = strings.ToLower(raw)
			if sp, ok := apostropheSplits[raw]; ok && apostrophe {
				// "we're dropping the document step entirely": "we are", not the
				// past "were" of a story about the old flow
				k := i + len(sp[0])
				first := token{raw: sp[0], orig: text[i:k]}
				first.w, first.known = lex.exact(sp[0])
				out = append(out, first)
				i, raw = k, sp[1]
			}
			if raw == "provideddata" && j+1 < len(text) && text[j] == '.' && isWordByte(text[j+1]) {
				// "providedData.name": the key goes with it; its dot ends no sentence
				for j++; j < len(text) && (isWordByte(text[j]) || text[j] == '_'); j++ { // ("providedData.photo_id")
				}
			}
			if r2, s2 := utf8.DecodeRuneInString(text[j:]); strings.HasSuffix(raw, "s") && (r2 == '\'' || r2 == '’') {
				// "our members' bookings": the plural's possessive stays on the
				// word as written (see possessiveAt), not a quote to open
				if r3, _ := utf8.DecodeRuneInString(text[j+s2:]); !unicode.IsLetter(r3) {
					j += s2
				}
			}
			t := token{raw: raw, orig: text[i:j], hyph: i > 0 && text[i-1] == '-', snake: snakeAt(text, i), camel: camelAt(text, i)}
			if keyTail(text, i, j) {
				t.w = keyW // "REQ-ID-014": a word inside a key names nothing
			} else if ticketKey(text, i, j) {
				t.w = raw // "RECOV-19", "PAY-2231": a ticket's key names nothing, and is no typo of a lexicon word
			} else if exact || len(raw) != j-i {
				// no typo correction: a contraction ("couldn't") or another script is no
				// typo of a lexicon word, and text the builder wrote itself has none
				t.w, t.known = lex.exact(raw)
			} else {
				t.w, t.raw, t.known = lex.lemmaFix(raw)
				if t.raw != raw && titleCase(text[i:j]) && (coinedFrom(raw, t.raw) || properName(text[i:j], out) && !lex.canonKind(t)) {
					// a name is no typo: one coined from a word and an ending,
					// whatever its place ("Tallyo account recovery" is no "tally"),
					// or a capitalised word after another that would be no step
					// ("recovery at Roomly"); but "then Pasport scan", "a Livness
					// check" are the step words misspelt
					t.raw = raw
					t.w, t.known = lex.exact(raw)
				}
				if k := lex.splitAt(raw, text[i:j], t.known); k > 0 {
					// "do a facescan", "the idscan": two lexicon words run together
					a, b := t, t
					a.raw, a.orig, b.raw, b.orig, b.hyph, b.snake, b.camel = raw[:k], text[i:i+k], raw[k:], text[i+k:j], false, false, false
					a.w, a.known = lex.exact(a.raw)
					b.w, b.known = lex.exact(b.raw)
					out = append(out, a)
					t = b
				}
				if raw == "screen" && len(out) > 0 && (lex.screenNounBefore[out[len(out)-1].raw] || lex.device[out[len(out)-1].raw]) {
					// "from the login screen", "on the screen", "holds a phone
					// screen up to the camera": the noun, no check
					t.w = raw
				}
				if numberWords[raw] > 0 {
					numberedScreen(out)
				}
				if (raw == "too" || raw == "to") && len(out) > 0 && out[len(out)-1].raw == "the" {
					t.raw = "two" // "compair the too": no "too" follows "the"
					t.w, t.known = lex.exact(t.raw)
				}
			}
			out = append(out, t)
			i = j
		case (r == '"' || r == '“' || r == '\'' && (i == 0 || text[i-1] == ' ' || text[i-1] == ':')) && speechBefore(out):
			// `ask them "did you start this transfer?"`: the user's own words, said as
			// written; no step is read from inside them
			if inner, next, ok := quoteEnd(text, i+size, r); ok {
				out = dropColons(out)
				out = append(out, token{w: quoteW, raw: quoteW, orig: inner})
				i = next
				continue
			}
			i += size
		case r == '{' && !exact:
			braces++
			i += size
		case r == '}' && !exact && braces > 0:
			// "else { scanPassport(); selfie(); compare() }": a block of
			// pseudo-code is one sentence, so the branch it opens holds every
			// statement in it; its end closes the sentence
			braces--
			out = indirectQuestion(out)
			out = append(out, token{w: "."})
			i += size
		case (r == ';' || r == '\n') && !exact && braces > 0:
			out = append(out, token{w: ","}) // a statement of the block: a clause of its sentence
			i += size
		case (r == '.' || r == ',' || r == ';' || r == '\n') && !exact:
			out = indirectQuestion(out)
			if r == ',' {
				out = append(out, token{w: ","})
			} else {
				out = append(out, token{w: "."})
			}
			i += size
		case r == '<' && !exact && isDigitAt(text, skipSpaces(text, i+1)):
			// "age < 18 => …", "<18": a bound written as a sign, read as the
			// word ("age under 18")
			t := token{raw: "under", orig: "<"}
			t.w, t.known = lex.exact("under")
			out = append(out, t)
			i += size
		case r == '?' && !exact && ternaryAt < 0 && ternaryColon(text, i) > 0 && len(out) > 0 && out[len(out)-1].w != quoteW:
			// "new user ? PP scan + FC : LV", "denied ? explain + end : recog":
			// a condition, what it leads to, and ":" the other branch, as "if
			// new user, PP scan + FC. else LV" reads
			if seg := out[arrowSegment(out):]; len(seg) > 0 && !hasAnyRaw(seg, lex.condIfStrict) {
				out = slices.Insert(out, arrowSegment(out), ifToken())
			}
			out = append(out, token{w: ","})
			ternaryAt = ternaryColon(text, i)
			i += size
		case r == ':' && i == ternaryAt:
			out = append(out, token{w: "."})
			e := token{raw: "else", orig: "else"}
			e.w, e.known = lex.exact("else")
			out = append(out, e)
			ternaryAt = -1
			i += size
		case r == '?' && !exact:
			out = directQuestion(out)
			out = append(out, token{w: ".", raw: "?"})
			i += size
		case r == ',':
			out = append(out, token{w: ","})
			i += size
		case r == ':' && i > 0 && text[i-1] == '1' && i+1 < len(text) && (text[i+1] == 'n' || text[i+1] == 'N' || text[i+1] == '1'):
			i += size // "1:N", "1:1": the colon is part of the name, not a heading
		case r == ':' && i > 0 && unicode.IsLetter(rune(text[i-1])) && valueAfter(text, i+1):
			// "email_otp(len: 8)", "expiry: 600s": a key and its value, not a heading
			if len(out) > 0 {
				eqAt = len(out)
			}
			i += size
		case r == ':' && !exact && spokenTextBefore(out):
			// "avatar reads the rules: no phones, no notes, stay in frame": the
			// rest of the sentence is what the avatar says, when it names no step
			if inner, next, ok := colonLine(text, i+size); ok {
				out = append(out, token{w: quoteW, raw: quoteW, orig: inner})
				i = next
				continue
			}
			out = append(out, token{w: ":"})
			i += size
		case r == ':':
			out = append(out, token{w: ":"})
			i += size
		case r == '(' && !exact && spokenTextBefore(out):
			// "have the avatar read out the exam rules (no phones, no notes,
			// nobody else in the room)": the bracket holds the text read out, as
			// a colon after "the rules" does, when it names no step
			if inner, next, ok := parenLine(text, i+size); ok {
				out = append(out, token{w: quoteW, raw: quoteW, orig: inner})
				i = next
				continue
			}
			out = append(out, token{w: ","})
			i += size
		case r == '(' && shortParen(text[i+1:]):
			i += size // "check the age (18)": a number in brackets belongs to its clause
		case r == ')' && listMarkerAt(text, i) && len(out) > 0 && out[len(out)-1].isNum:
			// "steps: 1) scan drivers license 2) selfie w/ liveness challenge 3)
			// …": an item's number, which ends the item before it as a new line would
			out[len(out)-1] = token{w: "."}
			i += size
		case r == ')' && i > 0 && (isDigitOrPlus(text[i-1]) || afterNumberAside(text, i)):
			i += size
		case r == '(' && i > 0 && isWordByte(text[i-1]) && !callArgs:
			// "email_otp(maxAttempts=5)", "doc_scan(passport|id)": pseudo-code's
			// arguments are the settings of the step named just before them
			callArgs = true
			i += size
		case r == ')' && callArgs:
			callArgs = false
			i += size
		case r == '(' && !exact && condGlossEnd(out, text, i+size) > 0:
			// "when they are new to us (not recognised)\nThen …": a short
			// bracket that ends a condition restates it; read without it, the
			// condition reaches the line after it as it would bare
			i = condGlossEnd(out, text, i+size)
		case r == '(' && !exact && gloss < 0 && glossOfLine(out, text, i+size):
			// "ask where the funds came from (source of funds)": a short
			// bracket after the avatar's question that names no step glosses
			// it; its words stay in the line, brackets and all
			gloss = len(out)
			i += size
		case r == ')' && gloss >= 0:
			if len(out) > gloss {
				out[gloss].orig = "(" + out[gloss].orig
				out[len(out)-1].orig += ")"
			}
			gloss = -1
			i += size
		case r == '(' || r == ')':
			if !exact {
				// "asks if they're OK with us storing a face template (they have to
				// say yes)": a bracket ends the question as a comma does
				out = indirectQuestion(out)
			}
			out = append(out, token{w: ","}) // a parenthesis is a clause of the sentence around it
			i += size
		case r == '/' && i+1 < len(text) && text[i+1] == '/' && (i == 0 || text[i-1] != ':'):
			out = append(out, token{w: "."}) // "liveness_check // no face db": a code comment is a remark of its own
			i += 2
		case r == '/' && !exact && len(out) > 0 && lex.docWord[out[len(out)-1].w] && docWordAt(text, i+1):
			// "passport/ID/DL": a slash between two kinds of document is "or",
			// as a comma or a pipe between them is
			out = append(out, token{w: "or", raw: "or", orig: "/"})
			i += size
		case r == '|' && !(i+1 < len(text) && text[i+1] == '|') && !(i > 0 && text[i-1] == '|'):
			out = append(out, token{w: "or", raw: "or", orig: "|"}) // "passport|id": alternatives
			i += size
		case r == '—' || r == '–':
			if !exact {
				out = indirectQuestion(out) // ("asks if they agree — then the selfie": a dash ends it too)
			}
			out = append(out, token{w: ".", orig: "-"}) // a dash: see splitClauses for an aside between two
			i += size
		case r == '.' || r == '!' || r == '?' || r == ';' || r == '\n':
			out = append(out, token{w: "."})
			i += size
		case (r == '→' || r == '>' && i > 0 && text[i-1] == '-') && len(out) > 0 && arrowValue(text, i+size):
			// "max attempts on the text code -> 5", "expiry → 10 minutes": an
			// arrow to a lone value sets the setting before it, as "=" does
			eqAt = len(out)
			i += size
		case r == '→' || r == '>' && i > 0 && (text[i-1] == '-' || text[i-1] == '='):
			if !exact && r == '>' && text[i-1] == '=' {
				// "don't recognise them => scan ID", "sms fails => email otp": a
				// double arrow after a state is a branch, as if "if" opened it
				if arrowCondition(out, text, i+size) {
					out = slices.Insert(out, arrowSegment(out), ifToken())
				}
				arrowBranch = hasAnyRaw(out[arrowSegment(out):], lex.condIfStrict) // ("if sms delivery fails => …" too)
			} else if !exact && arrowBranch && arrowBranchEnds(out, text, i+size) {
				// "sms otp -> if it fails => email otp instead -> then LV": the
				// branch a double arrow opened ends where a single arrow goes on
				// with "then" or after "instead": back on the main path
				out = append(out, token{w: "."})
				arrowBranch = false
				i += size
				if k := skipSpaces(text, i); k+4 <= len(text) && strings.EqualFold(text[k:k+4], "then") && (k+4 == len(text) || !isWordByte(text[k+4])) {
					// "new user => scan ID + FC -> then sms otp": the "then" goes
					// on for every user, as "finally" does after a branch
					t := token{raw: "finally", orig: text[k : k+4]}
					t.w, t.known = lex.exact("finally")
					out = append(out, t)
					i = k + 4
				}
				continue
			} else if seg := arrowSegment(out); !exact && !arrowBranch && (seg == 0 || out[seg-1].w == ".") && arrowVerdict(out[:seg], out[seg:]) && arrowCondition(out, text, i+size) {
				// "Not a match -> fall back to an SMS code", "sms fails -> email
				// otp": a state opening its sentence before a single arrow is a
				// branch too, as after "=>" (a step there, "scan ID -> selfie",
				// is the next step)
				it := ifToken()
				it.orig = "" // (no word of the user's: said back, "SMS fails" is quoted as written, rvS18 M6)
				out = slices.Insert(out, seg, it)
				verdictAt = seg
			} else if seg := arrowSegment(out); !exact && verdictAt >= 0 && seg > verdictAt && out[seg-1].w == "," && successVerdict(out[seg:]) &&
				!slices.ContainsFunc(out[verdictAt:seg], func(t token) bool { return t.w == "." }) {
				// "not a match -> end, match -> send an SMS code": the other
				// verdict's arrow leads its own outcome, not the failed one's
				// branch, so it opens a sentence of its own, as "Match -> …"
				// after a stop does
				out[seg-1] = token{w: "."}
				verdictAt = -1
			}
			out = append(out, token{w: ","}) // "scan ID -> selfie -> compare": arrows separate steps, within one sentence ("if not recognised → scan passport → compare")
			i += size
		case (r == '+' || r == '&') && i > 0 && text[i-1] == ' ' && i+1 < len(text) && text[i+1] == ' ':
			out = append(out, token{w: "and", raw: "and", orig: string(r)}) // "selfie + liveness": a list
			i += size
		case r == '-' && (i == 0 || text[i-1] == ' ') && (i+1 >= len(text) || text[i+1] == ' '):
			if !exact && !askedAge(out) {
				// a dash typed as a spaced hyphen ends a question as the long
				// dash does ("ask whether they have any questions - keep the
				// session open for their answer"): the words after it are no
				// part of what the user is asked
				out = indirectQuestion(out)
			}
			out = append(out, token{w: ".", orig: "-"}) // a dash between spaces separates clauses
			i += size
		case r >= utf8.RuneSelf && !exact && symbolWords[r] != "":
			// "✉️ otp", "a code to their 📱": a sign typed as a word (lexicon.go, symbolWords)
			i += size
			if w := symbolWords[r]; w == "->" {
				out = append(out, token{w: ","}) // an arrow, as "->" is
			} else {
				t := token{raw: w, orig: w}
				t.w, t.known = lex.exact(w)
				out = append(out, t)
			}
		case r >= utf8.RuneSelf && !exact && markRune(r):
			// "email code ❌", "❌ doc scan": a tick or a cross (lexicon.go, markWords)
			i += size
			out = markTokens(out, markWords[r], wordNext(text, i), markAbout(text, i))
		default:
			i += size
		}
	}
	if eqAt > 0 && len(out) > eqAt {
		out[eqAt].eq = true
	}
	if !exact {
		out = indirectQuestion(out)
		keyIdentifiers(out)
	}
	signedInAlready(out)
	identificationByFace(out)
	// the bits are read before joinTokens, whose rules ask the hot sets about
	// every word; the tokens it makes or rewrites have none yet, and get them after
	markHot(out)
	out = joinTokens(out)
	markHot(out)
	return out
}

// identificationByFace: "identification" of a person by their face or among
// the enrolled ("identification of the Customer from their face against the
// enrolled population") is the noun of "identify", a recognition, not the
// identity document its lemma names elsewhere ("a form of identification").
func identificationByFace(ts []token) {
	for i := range ts {
		if ts[i].raw != "identification" {
			continue
		}
		for _, t := range ts[i+1 : min(len(ts), i+12)] {
			// (only "enrolled" says it: a face alone may be the ID's photo,
			// "identification of the face on the ID card against the video")
			if t.raw == "enrolled" {
				ts[i].w = "identify"
				break
			}
		}
	}
}

// docWordAt: the word that starts at i names a kind of document ("ID", "DL").
func docWordAt(text string, i int) bool {
	j := i
	for j < len(text) && isWordByte(text[j]) {
		j++
	}
	w, _ := lex.lemma(strings.ToLower(text[i:j]))
	return j > i && lex.docWord[w]
}

// unitSuffix: the letters glued to a number name a setting's unit ("min",
// "secs", "digits"); "k" and "m" (thousands, millions) are read before it.
func unitSuffix(w string) bool {
	l, _ := lex.lemma(w)
	return len(w) > 1 && lex.unit[l]
}

// signedInAlready: "already" beside "signed in" or "logged in" ("they're
// signed in already", "already logged in to the app") says the user holds a
// session of the app, not that their face is enrolled, which is how "already"
// reads elsewhere ("already enrolled", "users we already have"). "Already
// know who" ("we already know who they are from the username screen") says
// the app knows the user: neither word asks for a search among faces ("see if
// we already know their face" still does).
func signedInAlready(ts []token) {
	for i := range ts {
		if ts[i].raw != "already" {
			continue
		}
		before := i >= 2 && lex.signInVerb[ts[i-2].raw] && ts[i-1].raw == "in"
		after := i+2 < len(ts) && lex.signInVerb[ts[i+1].raw] && ts[i+2].raw == "in"
		if i+2 < len(ts) && lex.knowVerb[ts[i+1].raw] && lex.identityWh[ts[i+2].raw] {
			ts[i+1].w, after = ts[i+1].raw, true
		}
		if before || after || heldImage(ts, i) {
			ts[i].w = ts[i].raw
		}
	}
}

// heldImage: "already" at i opens a hold verb that an image before it is the
// object of ("the certified photograph we already hold for them", "the photo
// they already gave us"): an image the integrator has, for a comparison to
// read, not faces enrolled ("users we already have" still names those).
func heldImage(ts []token, i int) bool {
	if i+1 >= len(ts) || !lex.holdVerb[ts[i+1].raw] {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if imageLemmas[ts[j].w] || nounSense[ts[j].raw] == "photo" {
			return true
		}
		if ts[j].w == "," || ts[j].w == "." {
			break
		}
	}
	return false
}

// valueAfter: the text from i starts, after spaces, with a number (a setting's value).
// arrowValue: the text at i is a number and at most one word (its unit) to
// the end of its clause ("-> 5.", "→ 10 minutes"), a value an arrow gives,
// not a step it leads to ("scan ID -> 18+ check -> selfie", "-> 1:1 compare").
func arrowValue(text string, i int) bool {
	i = skipSpaces(text, i)
	if !isDigitAt(text, i) {
		return false
	}
	for i < len(text) && (isDigitAt(text, i) || text[i] == '.' && isDigitAt(text, i+1)) {
		i++
	}
	for i < len(text) && unicode.IsLetter(rune(text[i])) {
		i++ // "10m", "600s"
	}
	i = skipSpaces(text, i)
	for i < len(text) && unicode.IsLetter(rune(text[i])) {
		i++ // " minutes"
	}
	i = skipSpaces(text, i)
	return i == len(text) || strings.IndexByte("\n\r,;.)", text[i]) >= 0
}

// leadingDot: the "." at i opens a decimal written without its zero
// ("threshold .9", "(sim .85)"): a space or a bracket before it, digits after.
func leadingDot(text string, i int) bool {
	return isDigitAt(text, i+1) && (i == 0 || text[i-1] == ' ' || text[i-1] == '(' || text[i-1] == '=' || text[i-1] == ':')
}

// markRune: r is a tick or a cross of markWords.
func markRune(r rune) bool {
	_, ok := markWords[r]
	return ok
}

// wordNext: a word follows text[i:] on the same line, past spaces and the
// sign's variation selector ("❌️ doc scan").
func wordNext(text string, i int) bool {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\uFE0F':
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return true
		default:
			return false
		}
	}
	return false
}

// markAbout: what follows a mark at text[i:] says what the mark is about, so a
// cross there rules nothing out: an arrow or "=" ("liveness ❌ → end the
// session", "sms code ❌ = hand off": the step's failure and what it leads
// to), or a word that starts no step's name ("face scan ❌ glasses", "sms
// code ❌ twice → …", "❌ glasses during the face scan"). Nothing after it,
// punctuation, another mark or a step's word ("sms otp ❌ email otp ✅")
// leave the cross said of the step beside it.
func markAbout(text string, i int) bool {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i >= len(text) {
		return false
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	switch {
	case r == '\uFE0F':
		return markAbout(text, i+size)
	case r == '=' || r == '→' || r == '>' || r == '-' && i+1 < len(text) && text[i+1] == '>' || symbolWords[r] == "->":
		return true
	case unicode.IsLetter(r):
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		if j == i {
			return false
		}
		w, _ := lex.lemma(strings.ToLower(text[i:j]))
		return !lex.markedStep[w] && !lex.markLead[w]
	}
	return false
}

// markTokens reads a tick or a cross (markWords) after the tokens out: said of
// the step just named it ends that item, a cross ruling it out ("email code ❌"
// reads "email code not needed"); opening a clause before a step's word, a
// cross is "no" ("❌ doc scan"); a cross whose next words say what it is about
// (about, markAbout) rules nothing out; anything else adds nothing.
func markTokens(out []token, cross, word, about bool) []token {
	n := len(out)
	if n > 0 && lex.markedStep[out[n-1].w] {
		plain := true // the clause has no condition or negation of its own
		for j := n - 1; j >= 0 && out[j].w != "." && out[j].w != "," && out[j].w != ":"; j-- {
			if out[j].in(hCondIf) || out[j].w == "no" || out[j].w == "without" {
				plain = false
				break
			}
		}
		if plain {
			if cross && !about {
				for _, w := range [...]string{"not", "needed"} {
					t := token{raw: w, orig: w}
					t.w, t.known = lex.exact(w)
					out = append(out, t)
				}
			}
			if word && !(cross && about) {
				out = append(out, token{w: ","}) // ("liveness ✅ sms code ✅"); a cross about what follows adds nothing ("liveness check ❌ skip for returning users")
			}
			return out
		}
	}
	if cross && word && !about && (n == 0 || !lex.markedStep[out[n-1].w]) {
		t := token{raw: "no", orig: "no"}
		t.w, t.known = lex.exact("no")
		out = append(out, t)
	}
	return out
}

// expandShortVerbs spells out the chat shorthand of chatShortVerb where it is
// the verb (shortVerbAt): "add an email code, rm the sms" is "…, remove the
// sms", read by every test of the words as typed; "the rm number", "their cmp
// name" stay as written.
func expandShortVerbs(text string) string {
	if !strings.Contains(text, "rm") && !strings.Contains(text, "del") && !strings.Contains(text, "cmp") && !strings.Contains(text, "RM") && !strings.Contains(text, "Del") {
		return text
	}
	return expandShort(text, func(w string, i, j int) string {
		if full, ok := chatShortVerb[w]; ok && (i == 0 || text[i-1] != '/' && text[i-1] != '_') && (j == len(text) || text[j] != '_') && shortVerbAt(w, text, i, j) {
			return full
		}
		return ""
	})
}

// expandShort writes out the shorthand words of text: each word of two or
// three letters (every shorthand has two or three), lowercased, that full
// spells out at text[i:j]; the text as it is when none is.
func expandShort(text string, full func(w string, i, j int) string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		if j-i < 2 || j-i > 3 {
			i = j
			continue
		}
		if f := full(strings.ToLower(text[i:j]), i, j); f != "" {
			b.WriteString(text[last:i])
			b.WriteString(f)
			last = j
		}
		i = j
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// shortVerbAt: the chat shorthand w (chatShortVerb) at text[i:j] is the verb
// it stands for. A removal ("rm", "del") opens its clause and names a step
// right after it, past a determiner ("rm the sms code", "pls del liveness"); a
// comparison ("cmp") follows "f2f" or "face", or names what it compares
// against before its clause ends ("cmp it to the passport photo"), or opens
// its clause before a step's name.
func shortVerbAt(w, text string, i, j int) bool {
	k := i
	for k > 0 && (text[k-1] == ' ' || text[k-1] == '\t') {
		k--
	}
	prev := ""
	opens := k == 0 || strings.IndexByte(".,:;!?\n\r-(>", text[k-1]) >= 0
	if !opens && isWordByte(text[k-1]) {
		h := k
		for h > 0 && isWordByte(text[h-1]) {
			h--
		}
		prev = strings.ToLower(text[h:k])
		opens = lex.verbLead[prev]
	}
	words := nextWords(text, j, 6)
	if w == "cmp" {
		if prev == "f2f" || prev == "face" {
			return true
		}
		for _, x := range words {
			if lex.compareWith[x] {
				return true
			}
		}
	}
	if !opens {
		return false
	}
	for _, x := range words {
		switch x {
		case "the", "that", "this", "those", "these", "both", "our", "my", "all", "a", "an":
			continue
		}
		l, _ := lex.lemma(x)
		return lex.markedStep[l] || lex.markLead[l]
	}
	return false
}

// expandStepShort replaces the step shorthand of stepShort where stepShortAt
// reads it as a step. A byte test rules out most texts before any word is cut.
func expandStepShort(text string) string {
	if !hasStepShortPair(text) {
		return text
	}
	return expandShort(text, func(w string, i, j int) string {
		if full, ok := stepShort[w]; ok && stepShortAt(text, i, j) && !inQuote(text, i) {
			return full
		}
		return ""
	})
}

// expandCrossX reads an "x" typed as a cross ("LV -> sms otp. x email otp",
// "- x doc scan") as the cross it stands for (markWords): only a letter x of
// its own that opens a clause (the text's start, or after punctuation, an
// arrow or a bullet) right before a step's name. "2 x 3", "x digits", "user
// x", "step x" keep the letter as written.
func expandCrossX(text string) string {
	if !strings.Contains(text, "x ") && !strings.Contains(text, "X ") {
		return text
	}
	var b strings.Builder
	last := 0
	tick := -1 // whether the text reads "x" as a tick (crossXTickSet), once asked
	for i := 0; i+1 < len(text); i++ {
		if c := text[i]; (c != 'x' && c != 'X') || text[i+1] != ' ' || i > 0 && isWordByte(text[i-1]) {
			continue
		}
		h := i
		for h > 0 && text[h-1] == ' ' {
			h--
		}
		if h > 0 && strings.IndexByte(".,;:!(\n->|*", text[h-1]) < 0 {
			// not the opening of a clause, unless a word that leads one
			// stands before it ("new phone so x sms", "LV and x email otp")
			g := h
			for g > 0 && isWordByte(text[g-1]) {
				g--
			}
			if lw := strings.ToLower(text[g:h]); !lex.verbLead[lw] && lw != "but" || g > 0 && text[g-1] != ' ' && strings.IndexByte(".,;:(\n", text[g-1]) < 0 {
				continue
			}
		}
		if h > 1 && text[h-1] == '-' && text[h-2] != ' ' && text[h-2] != '\n' {
			continue // ("e-x": a hyphen inside a word)
		}
		ws := nextWords(text, i+1, 1)
		if len(ws) == 0 {
			continue
		}
		if l, _ := lex.lemma(ws[0]); !lex.markedStep[l] && !lex.markLead[l] && stepShort[ws[0]] == "" {
			continue
		}
		if inQuote(text, i) {
			continue
		}
		if slices.ContainsFunc(nextWords(text, i+1, 7)[1:], func(w string) bool { return crossXCondSet[w] }) {
			continue // "x sms if they're on wifi": a cross for some, which no flow can test
		}
		if tick < 0 {
			tick = 0
			if textHasWord(text, crossXTickSet) {
				tick = 1
			}
		}
		if tick == 1 {
			return text // "x = done", "x liveness - implemented": a checklist's ticks
		}
		b.WriteString(text[last:i])
		b.WriteString("❌")
		last = i + 1
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// inQuote: text[i] lies inside quotes, the user's own words for the avatar
// to say ("avatar says 'LV -> sms otp -> done'"), which shorthand expansion
// leaves as written. A single quote opens only after a space, a colon or the
// start, and closes before a space, punctuation or the end (not the
// apostrophe of "don't").
func inQuote(text string, i int) bool {
	var open byte
	for k := 0; k < i; k++ {
		c := text[k]
		switch {
		case open == 0 && c == '"':
			open = '"'
		case open == '"' && c == '"':
			open = 0
		case open == 0 && c == '\'' && (k == 0 || text[k-1] == ' ' || text[k-1] == ':'):
			open = '\''
		case open == '\'' && c == '\'' && (k+1 == len(text) || !isWordByte(text[k+1])):
			open = 0
		case open == 0 && strings.HasPrefix(text[k:], "“"):
			open = 'q'
		case open == 'q' && strings.HasPrefix(text[k:], "”"):
			open = 0
		}
	}
	return open != 0
}

// textHasWord: a word of text, in lower case, is in set.
func textHasWord(text string, set map[string]bool) bool {
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		if set[strings.ToLower(text[i:j])] {
			return true
		}
		i = j
	}
	return false
}

// hasStepShortPair: text holds "lv", "fc" or "pp" in any case.
func hasStepShortPair(text string) bool {
	for i := 0; i+1 < len(text); i++ {
		a, c := text[i]|0x20, text[i+1]|0x20
		if a == 'l' && c == 'v' || a == 'f' && c == 'c' || a == 'p' && c == 'p' {
			return true
		}
	}
	return false
}

// stepShortAt: the shorthand at text[i:j] is a word of its own written in one
// case ("LV", "lv", not "Lv" of a name), joined to no identifier, path or
// number ("lv_2", "/pp", "LV3", "pp. 12", "3 pp", "$5 pp"), followed by no
// capitalised name ("FC Porto", "LV Bags"), after no word of a place ("in
// LV"), and in no list of other capitalised codes ("LV, LT and EE").
func stepShortAt(text string, i, j int) bool {
	word := text[i:j]
	if word != strings.ToLower(word) && word != strings.ToUpper(word) {
		return false
	}
	if i > 0 && strings.IndexByte("/_.-@#$€£", text[i-1]) >= 0 || j < len(text) && strings.IndexByte("_@", text[j]) >= 0 {
		return false
	}
	if j+1 < len(text) && text[j] == '-' && text[j+1] >= '0' && text[j+1] <= '9' {
		return false // "form PP-12": a code
	}
	// the word after: a number ("pp 4", "pp. 4-6") or a capitalised name
	k := j
	if k < len(text) && text[k] == '.' && (word[0]|0x20) == 'p' {
		k++ // "pp. 4-6": pages ("LV. 18+ only" ends a sentence)
	}
	k = skipSpaces(text, k)
	if k < len(text) && (text[k] >= '0' && text[k] <= '9') {
		return false
	}
	if k < len(text) && k > j && text[k] >= 'A' && text[k] <= 'Z' {
		e := k
		for e < len(text) && isWordByte(text[e]) {
			e++
		}
		if next := text[k:e]; titleCase(next) && text[j] == ' ' {
			if _, ok := stepShort[strings.ToLower(next)]; !ok {
				if l, _ := lex.lemma(strings.ToLower(next)); !lex.markedStep[l] && !lex.markLead[l] && l != "then" && l != "face" {
					return false // "FC Porto", "LV Bags": a name
				}
			}
		}
	}
	// the word before: a number or amount ("3 pp", "€20 pp") or a place word
	h := i
	for h > 0 && text[h-1] == ' ' {
		h--
	}
	if h > 0 && (text[h-1] >= '0' && text[h-1] <= '9') {
		return false
	}
	g := h
	for g > 0 && isWordByte(text[g-1]) {
		g--
	}
	if g < h && slices.Contains(stepShortPlaceWords, strings.ToLower(text[g:h])) {
		return false
	}
	if stepShortNameAt(text, i, j, g, h) {
		return false
	}
	// a list of capitalised codes: another two-letter capital word beside it
	// ("LV, LT, EE", "LV/LT") that is no shorthand of a step nor a step's name
	if word == strings.ToUpper(word) && (codeNeighbour(text, g, true) || codeNeighbour(text, j, false)) {
		return false
	}
	return true
}

// stepShortNameAt: the shorthand at text[i:j] (g:h the word before it) names
// something other than a step, by the words around it (stepShortOther...):
// an amount per person ("20 EUR pp", "price per person (pp)"), a payment
// ("pay with PP", "PP as the payment provider"), people ("the fc team", "cc:
// pp, lv", "ping PP or LV"), a definition ("PP is PayPal", "lv is our
// internal name for …"), a gloss of a name in brackets ("Latvia (LV)"), or
// what the user is ("we are an FC").
func stepShortNameAt(text string, i, j, g, h int) bool {
	prev := strings.ToLower(text[g:h])
	if stepShortOtherBefore[prev] || strings.EqualFold(text[i:j], "pp") && stepShortAmountBefore[prev] {
		return true
	}
	// "we are an FC", "this is the fc": a copula and an article before it
	if prev == "a" || prev == "an" || prev == "the" || prev == "our" {
		if p2 := prevWord(text, g); lex.beForm[p2] {
			return true
		}
	}
	// the words of its clause: payment words for "pp" ("pay with PP or card")
	cs, ce := i, j
	for cs > 0 && strings.IndexByte(".;:!?\n,", text[cs-1]) < 0 {
		cs--
	}
	for ce < len(text) && strings.IndexByte(".;:!?\n,", text[ce]) < 0 {
		ce++
	}
	if strings.EqualFold(text[i:j], "pp") && textHasWord(text[cs:ce], stepShortPaySet) {
		return true
	}
	// a list of people: past other shorthand and list words, back to a lead
	// ("cc: pp, lv", "ping PP or LV") or on to a role ("pp, lv (reviewers)",
	// "the fc team")
	if w := listEdgeWord(text, i, true); stepShortPeopleBefore[w] {
		return true
	}
	if w := listEdgeWord(text, j, false); stepShortPeopleAfter[w] {
		return true
	}
	// a definition: "PP is PayPal", "lv is our internal name", "LV means …"
	if ws := nextWords(text, j, 2); len(ws) > 0 && (ws[0] == "means" || ws[0] == "stands") {
		return true
	} else if len(ws) == 2 && ws[0] == "is" && (stepShortDefineAfter[ws[1]] || titleCaseAt(text, j)) {
		return true
	}
	// a gloss in brackets of a name before it: "Latvia (LV)", "Latvian users (LV)"
	if i > 0 && text[i-1] == '(' && j < len(text) && text[j] == ')' {
		k := i - 1
		for n := 0; n < 3 && k > 0; n++ {
			e := k
			for e > 0 && !isWordByte(text[e-1]) && strings.IndexByte(".;:!?\n", text[e-1]) < 0 {
				e--
			}
			s := e
			for s > 0 && isWordByte(text[s-1]) {
				s--
			}
			if s == e {
				break
			}
			if w := text[s:e]; titleCase(w) {
				if l, _ := lex.lemma(strings.ToLower(w)); !lex.markedStep[l] && !lex.markLead[l] && l != "then" && stepShort[strings.ToLower(w)] == "" {
					return true
				}
			}
			k = s
		}
	}
	return false
}

// titleCaseAt: after "is" past text[j:], the next word is a capitalised name
// ("PP is PayPal").
func titleCaseAt(text string, j int) bool {
	k := skipSpaces(text, j)
	for k < len(text) && isWordByte(text[k]) {
		k++ // ("is")
	}
	k = skipSpaces(text, k)
	e := k
	for e < len(text) && isWordByte(text[e]) {
		e++
	}
	return e > k && text[k] >= 'A' && text[k] <= 'Z'
}

// prevWord: the lower-case word that ends before text[g] (past spaces).
func prevWord(text string, g int) string {
	h := g
	for h > 0 && text[h-1] == ' ' {
		h--
	}
	s := h
	for s > 0 && isWordByte(text[s-1]) {
		s--
	}
	return strings.ToLower(text[s:h])
}

// listEdgeWord: from text[at], back or forward past list separators (", / &
// : ( )"), "and", "or" and other step shorthand, the first other word in
// lower case ("cc" of "cc: pp, lv", "reviewers" of "pp, lv (reviewers)").
func listEdgeWord(text string, at int, back bool) string {
	for n := 0; n < 6; n++ {
		var w string
		w, at = wordPast(text, at, back, " ,/&:()")
		w = strings.ToLower(w)
		if w == "and" || w == "or" || stepShort[w] != "" {
			continue
		}
		return w
	}
	return ""
}

// wordPast is the word next to text[at], back or forward past the separator
// bytes seps, as written, and where the walk stopped (its start going back,
// its end going forward).
func wordPast(text string, at int, back bool, seps string) (string, int) {
	if back {
		e := at
		for e > 0 && strings.IndexByte(seps, text[e-1]) >= 0 {
			e--
		}
		s := e
		for s > 0 && isWordByte(text[s-1]) {
			s--
		}
		return text[s:e], s
	}
	s := at
	for s < len(text) && strings.IndexByte(seps, text[s]) >= 0 {
		s++
	}
	e := s
	for e < len(text) && isWordByte(text[e]) {
		e++
	}
	return text[s:e], e
}

// codeNeighbour: past a comma, "and", "or" or a slash from text[at] (back or
// forward), the next word is a two-letter capital code that no step is named
// by ("LT", "EE"; not "PP", "ID", "DL").
func codeNeighbour(text string, at int, back bool) bool {
	for n := 0; n < 3; n++ {
		var w string
		w, at = wordPast(text, at, back, " ,/&")
		switch w {
		case "and", "or":
			continue
		case "":
			return false
		}
		if len(w) != 2 || w != strings.ToUpper(w) || w[0] < 'A' || w[0] > 'Z' {
			return false
		}
		lw := strings.ToLower(w)
		if _, ok := stepShort[lw]; ok {
			return false
		}
		l, _ := lex.lemma(lw)
		return !lex.markedStep[l] && !lex.markLead[l] && l != "license" && lw != "id"
	}
	return false
}

// ternaryColon: the "?" at text[i] is a condition's, written as in code
// ("new user ? enroll : LV"): spaced on both sides, and a spaced ":" follows
// in the same line before any other stop, with words between. It returns the
// colon's index, or 0.
func ternaryColon(text string, i int) int {
	if i == 0 || text[i-1] != ' ' || i+1 >= len(text) || text[i+1] != ' ' {
		return 0
	}
	// a question asked in its own words ("Is the face compare needed ? We
	// think so : …", "do you have a passport ? Options : yes or no"), typed
	// with spaces before "?" and ":" as in French, is a question and its answer
	h := i
	for h > 0 && strings.IndexByte(".!?\n:;", text[h-1]) < 0 {
		h--
	}
	if ws := nextWords(text, h, 1); len(ws) == 1 && (lex.questionAux[ws[0]] || whWords[ws[0]] && ws[0] != "if" && ws[0] != "when" && ws[0] != "whether") {
		return 0
	}
	words := false
	for j := i + 1; j < len(text) && j < i+120; j++ {
		switch c := text[j]; {
		case c == '.' && !(j+1 < len(text) && isWordByte(text[j+1])), c == '?', c == '\n', c == ';':
			return 0
		case c == ':' && text[j-1] == ' ' && j+1 < len(text) && text[j+1] == ' ':
			if words {
				return j
			}
			return 0
		case isWordByte(c):
			words = true
		}
	}
	return 0
}

// arrowSegment is where the words since the last arrow or punctuation start.
func arrowSegment(out []token) int {
	s := len(out)
	for s > 0 && out[s-1].w != "." && out[s-1].w != "," && out[s-1].w != ":" {
		s--
	}
	return s
}

// arrowVerdict: the words before a single arrow are a check's failed verdict
// ("not a match ->", "no match ->", "sms fails ->", "times out ->"), which
// opens a branch as after "=>"; people ("people we do not ->") are read as
// the groups they are elsewhere.
func arrowVerdict(before, seg []token) bool {
	for k, t := range seg {
		if t.w == "fail" || slices.Contains(failPhrases, t.raw) {
			return true
		}
		// a match's verdict ("not a match ->", "no match ->") names no check:
		// it is a branch only after a comparison is named ("compare it with
		// the selfie"); after "face scan then liveness" it was hung on
		// liveness's no-face outcome (rvS18 S4), and is read as 43874e6 read it
		if (t.raw == "mismatch" || t.w == "match" && k > 0 && (seg[k-1].w == "no" || seg[k-1].raw == "a" && k > 1 && seg[k-2].w == "no")) &&
			slices.ContainsFunc(before, func(o token) bool { return lex.matchCue[o.raw] }) {
			return true
		}
	}
	return false
}

// successVerdict: the words before an arrow are a check's passing verdict
// and nothing else ("match", "it matches", "a match", "passes").
func successVerdict(seg []token) bool {
	passed := false
	for _, t := range seg {
		switch {
		case lex.passVerdict[t.raw]:
			passed = true
		case !lex.verdictFiller[t.raw]:
			return false
		}
	}
	return passed
}

// arrowCondition: the words before a double arrow ("=>") state what happened,
// not a step to run, so the arrow leads to a branch: a negation ("don't
// recognise them =>", "no match =>"), a failure ("sms delivery fails =>",
// "denied =>", "times out =>"), a new user ("new user =>") or an age under a
// bound ("age < 18 =>"), with no
// condition word of their own ("if … =>" already opens one) and not the
// other branch ("else LV =>").
//
// What follows the arrow (text[j:], up to the next punctuation) must name a
// step or an ending (arrowTargetWords): "no liveness => deepfakes get in",
// "new users => more fraud" give a reason, not a branch. A step's own name
// after "no" ("no passport => DL scan", "no liveness => …") is no state of
// the user's that the flow can test. An age branch leads only to an ending
// ("age < 18 => end"): the steps of one ("=> parental consent question") are
// kept on the main path, as before the double arrow was read.
func arrowCondition(out []token, text string, j int) bool {
	seg := out[arrowSegment(out):]
	if len(seg) == 0 || seg[0].w == "else" || seg[0].raw == "otherwise" || hasAnyRaw(seg, lex.condIfStrict) {
		return false
	}
	target := arrowTargetWords(text, j)
	step, ending := false, false
	for _, w := range target {
		l, _ := lex.lemma(w)
		ending = ending || arrowEndSet[w] || arrowEndSet[l]
		step = step || ending || lex.markedStep[l] || stepShort[w] != "" || arrowTargetSet[w] || arrowTargetSet[l]
	}
	if !step {
		return false
	}
	for k, t := range seg {
		if t.w == "no" && k+1 < len(seg) && (arrowNoStepSet[seg[k+1].raw] || arrowNoStepSet[seg[k+1].w]) {
			return false // "no passport => DL scan": a step's name, not the user's state
		}
	}
	for k, t := range seg {
		// (an age below a bound too: "under 18 =>", "age < 18 =>", "minors =>")
		if t.w == "minor" || (t.raw == "under" || t.raw == "below") && ageAfter(seg, k+1) {
			return ending
		}
		if t.w == "no" || t.w == "fail" || t.in(hCondNew) || slices.Contains(failPhrases, t.raw) {
			return true
		}
	}
	return false
}

// arrowTargetWords: up to eight lower-case words after a double arrow at
// text[j:], across "+" and "&" ("=> tell them sorry + end"), up to any other
// punctuation.
func arrowTargetWords(text string, j int) []string {
	var ws []string
	for len(ws) < 8 {
		got := nextWords(text, j, 8-len(ws))
		ws = append(ws, got...)
		// (past the words just read, to the byte that stopped them)
		for j < len(text) && (isWordByte(text[j]) || text[j] == ' ' || text[j] == '\t' || text[j] == '\'') {
			j++
		}
		if len(got) == 0 || j >= len(text) || text[j] != '+' && text[j] != '&' {
			break
		}
		j++
	}
	return ws
}

// arrowBranchEnds: a single arrow at text[i:] after a branch a double arrow
// opened goes back to the main path: the branch ended on "instead", or the
// arrow goes on with "then".
func arrowBranchEnds(out []token, text string, i int) bool {
	if n := len(out); n > 0 && out[n-1].w == "instead" {
		return true
	}
	ws := nextWords(text, i, 1)
	return len(ws) == 1 && ws[0] == "then"
}

// ifToken is the word "if", read as typed.
func ifToken() token {
	t := token{raw: "if", orig: "if"}
	t.w, t.known = lex.exact("if")
	return t
}

// nextWords: up to max lower-case words that follow text[j:] in its clause
// (up to a comma, a stop, a colon, a semicolon or a line's end).
func nextWords(text string, j, max int) []string {
	var ws []string
	for j < len(text) && len(ws) < max {
		c := text[j]
		switch {
		case c == ' ' || c == '\t' || c == '\'':
			j++
		case isWordByte(c):
			k := j
			for k < len(text) && isWordByte(text[k]) {
				k++
			}
			ws = append(ws, strings.ToLower(text[j:k]))
			j = k
		default:
			return ws
		}
	}
	return ws
}

// skipSpaces is the index of the first non-space byte of text from i.
func skipSpaces(text string, i int) int {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}

func valueAfter(text string, i int) bool {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	// ("Before the exam: 1:1 face match against that photo": "1:1" and "1:N"
	// name a comparison and a search, not a value of the word before)
	if i+2 < len(text) && text[i] == '1' && text[i+1] == ':' && (text[i+2] == '1' || text[i+2] == 'n' || text[i+2] == 'N') {
		return false
	}
	// ("- length: eight", "requireLivenessChallenge: false": a number spelled
	// out or a switch's value, alone to the end of its line or list item, is a
	// value too; "Flow: one liveness check" is a heading)
	j := i
	for j < len(text) && j-i < 10 && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z') {
		j++
	}
	if w := strings.ToLower(text[i:j]); j > i && (numberWords[w] > 0 || w == "true" || w == "false" || w == "on" || w == "off") {
		for j < len(text) && text[j] == ' ' {
			j++
		}
		if j == len(text) || strings.IndexByte("\n\r,;.)", text[j]) >= 0 {
			return true
		}
	}
	return isDigitAt(text, i)
}

// expandSlashes spells out the shorthand people type with slashes: an editor's
// substitution "s/email_otp/sms_otp/" is "replace email_otp with sms_otp", and
// "w/" is "with" ("w/o", "without", is joined later from its two letters).
func expandSlashes(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		atWord := i == 0 || !isWordByte(text[i-1])
		if atWord && (c == 's' || c == 'S') && i+1 < len(text) && text[i+1] == '/' {
			if j := strings.IndexByte(text[i+2:], '/'); j > 0 {
				from := text[i+2 : i+2+j]
				rest := text[i+3+j:]
				k := strings.IndexByte(rest, '/')
				if k < 0 {
					k = strings.IndexAny(rest, " \n")
					if k < 0 {
						k = len(rest)
					}
				}
				// ("s/passport/driving licence/": with its closing slash, a side may hold spaces)
				if to := rest[:k]; strings.TrimSpace(to) != "" && strings.TrimSpace(from) != "" && !strings.ContainsAny(from+to, "\n") && (strings.IndexByte(rest, '/') == k || !strings.Contains(from, " ")) {
					b.WriteString("replace " + from + " with " + to + " ")
					i += 2 + j + 1 + k
					continue
				}
			}
		}
		if atWord && (c == 'w' || c == 'W') && i+2 < len(text) && text[i+1] == '/' && (text[i+2] == ' ' || text[i+2] == '\t') {
			b.WriteString("with")
			i++
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ticketKey: the word text[i:j] is written in capitals and glued to "-" and a
// number, as an issue tracker's key is ("RECOV-19", "AR-3"), maybe through
// more words in capitals ("REQ-ID-014": a requirement's id).
func ticketKey(text string, i, j int) bool {
	if j-i < 2 || !capitals(text, i, j) {
		return false
	}
	for j+1 < len(text) && text[j] == '-' {
		if isDigitAt(text, j+1) {
			return true
		}
		k := j + 1
		for k < len(text) && text[k] >= 'A' && text[k] <= 'Z' {
			k++
		}
		if k == j+1 || k < len(text) && isWordByte(text[k]) {
			return false
		}
		j = k
	}
	return false
}

// keyTail: the capitals text[i:j] follow another word of a ticket's key
// ("REQ-ID-014"): the "ID" there is part of a name, no identity document.
func keyTail(text string, i, j int) bool {
	return i >= 3 && text[i-1] == '-' && capitals(text, i-3, i-1) && ticketKey(text, i, j)
}

func capitals(text string, i, j int) bool {
	for k := i; k < j; k++ {
		if text[k] < 'A' || text[k] > 'Z' {
			return false
		}
	}
	return true
}

func dropApostrophe(r rune) rune {
	if r == '\'' || r == '’' {
		return -1
	}
	return r
}

// letKnow: "let" at i, the person told and "know" ("let them know", "let the
// user know"); it returns the index of "know", or 0.
func letKnow(ts []token, i int) int {
	if ts[i].raw != "let" {
		return 0
	}
	j := i + 1
	if j < len(ts) && ts[j].in(hDeterminer) {
		j++
	}
	if j+1 < len(ts) && (lex.personPronoun[ts[j].raw] || lex.personRef[ts[j].raw]) && ts[j+1].raw == "know" {
		return j + 1
	}
	return 0
}

// joinTokens merges word pairs that name one thing ("e mail", "one time", "deep fake").
// Its tokens come with their hot bits read (markHot): a rule that changes a
// token's raw word does it with respell, which drops the old word's bits, and
// the tokens it makes are literals with none; markHot reads them after.
func joinTokens(ts []token) []token {
	out := ts[:0]
	for i := 0; i < len(ts); i++ {
		if d, n := spokenDomainAt(ts, i); n > 0 {
			// "check it ends with at acme dot com": the domain said aloud is the
			// domain "@acme.com" written
			out = append(out, token{w: domainW, raw: d, orig: d, known: true})
			i += n - 1
			continue
		}
		// (every join's first word is in hJoinFirst, the three-word ones' too:
		// without it, no key to build and look up)
		if i+2 < len(ts) && ts[i].in(hJoinFirst) && (ts[i+1].raw == "to" || ts[i+1].raw == "for" || ts[i+1].raw == "but" || ts[i+1].raw == "the" || ts[i+1].raw == "from" || ts[i+2].raw == "of") {
			// "one-to-one", "1 to N", "in front of", "word for word", "last but
			// one", "by the time": three words that name one thing
			if j, ok := joins[ts[i].raw+" "+ts[i+1].raw+" "+ts[i+2].raw]; ok {
				out = append(out, joinedToken(j, ts[i].orig+"-"+ts[i+1].orig+"-"+ts[i+2].orig))
				i += 2
				continue
			}
		}
		if i+1 < len(ts) && ts[i].raw == "one" && ts[i+1].raw == "time" && !ts[i+1].hyph && !onetimeNoun(ts, i+2) {
			// "retry the face scan one time", "one time only": a count of times,
			// which the words for a try read (extraTries); "one time" names a code
			// only before a code's noun ("a one time passcode")
			out = append(out, ts[i])
			continue
		}
		if i+1 < len(ts) && ts[i].in(hJoinFirst) && !(i+3 < len(ts) && ts[i+3].raw == "of" && joins[ts[i+1].raw+" "+ts[i+2].raw+" of"] != "") {
			// ("a liveness check in front of it": the three words after "check" join, not "check in")
			if j, ok := joins[ts[i].raw+" "+ts[i+1].raw]; ok {
				// the words as written: "e-mail", "politically exposed"
				sep := " "
				if ts[i+1].hyph {
					sep = "-"
				}
				out = append(out, joinedToken(j, ts[i].orig+sep+ts[i+1].orig))
				i++
				continue
			}
		}
		if i > 0 && ts[i-1].in(hPopulation) && lex.quitVerb[ts[i].raw] && !(i+1 < len(ts) && (ts[i+1].in(hDeterminer) || ts[i+1].in(hBackRef))) &&
			!slices.ContainsFunc(ts[max(0, i-4):i], func(t token) bool { return t.raw == "for" }) {
			// "our data shows people drop when the ID scan is first": people who
			// leave the flow, as "drop off" says, not a step dropped ("for new
			// users drop the comparison" drops one)
			out = append(out, joinedToken("dropoff", ts[i].orig))
			continue
		}
		if t := ts[i]; t.isNum && !t.plus && i+2 < len(ts) && (ts[i+1].raw == "and" || ts[i+1].raw == "or") && lex.ageUp[ts[i+2].raw] &&
			!(i+3 < len(ts) && (ts[i+3].raw == "to" || ts[i+3].isNum)) { // ("3 and up to 5 tries": a limit; "under 18 or over 65": two ages)
			// "21 and over", "18 or older": one number with its direction, as "21+"
			// says it (a clause split at "and" would leave the number alone)
			t.plus, t.orig = true, t.orig+" "+ts[i+1].orig+" "+ts[i+2].orig
			out = append(out, t)
			i += 2
			continue
		}
		if k := letKnow(ts, i); k > 0 {
			// "let them know the card ships tomorrow", "let the user know we need
			// their ID": what "tell them" says
			t := token{raw: "tell", orig: ts[i].orig}
			t.w, t.known = lex.lemma("tell")
			out = append(append(out, t), ts[i+1:k]...)
			i = k // ("know")
			continue
		}
		if t := ts[i]; t.isNum && !t.plus && i+1 < len(ts) && ts[i+1].raw == "plus" && t.num >= 12 && t.num <= 120 && t.num == math.Trunc(t.num) && t.cur == "" && !t.kilo &&
			(i+2 == len(ts) || ts[i+2].orig == "" || agePlusEnd[ts[i+2].raw]) {
			// "be sure he is 21 plus and then …": the word says what "21+" does,
			// when nothing it could add follows ("18 plus a liveness check" adds one)
			t.plus, t.orig = true, t.orig+" "+ts[i+1].orig
			out = append(out, t)
			i++
			continue
		}
		if n := splitOmit(ts, i); n > 0 {
			// "leave phones out of it", "keep SMS off the flow": the verb and its
			// particle around the object say what "leave out" says
			t := token{raw: "omit", orig: ts[i].orig}
			t.w, t.known = lex.lemma("omit")
			out = append(out, t)
			out = append(out, ts[i+1:i+n]...)
			i += n // the particle
			continue
		}
		if t := ts[i]; t.isNum && t.raw == "2" && i > 0 && lex.pairDet[ts[i-1].raw] && (i+1 == len(ts) || !ts[i+1].known || ts[i+1].w == "," || ts[i+1].w == "." || ts[i+1].w == "photo" || ts[i+1].w == "face") {
			// "compare the 2": the number names the pair, as "the two" does
			out = append(out, token{w: "two", raw: "two", orig: t.orig})
			continue
		}
		if t := ts[i]; t.in(hMailKind) && t.w != t.raw && i+1 < len(ts) && lex.mailThing[ts[i+1].raw] {
			// "a confirmation letter will follow by post": the kind of a message
			// the integrator sends, not a request to confirm
			t.w = t.raw
			out = append(out, t)
			continue
		}
		if t := ts[i]; nounSense[t.raw] != "" && (i > 0 && (ts[i-1].in(hDeterminer) || ts[i-1].isNum || numberWords[ts[i-1].raw] > 0) ||
			i > 1 && (ts[i-2].in(hDeterminer) || ts[i-2].in(hPossessive)) && strings.HasSuffix(ts[i-1].raw, "ed")) {
			// "the photograph supplied by the agency": the noun of a word that is
			// also a verb of a step ("photograph their ID"); so after a number ("in
			// three states") or a participle that describes it ("the certified
			// photograph", "their stored snapshot")
			t.w = nounSense[t.raw]
			out = append(out, t)
			continue
		}
		if t := ts[i]; (i > 0 && (ts[i-1].w == "email" || ts[i-1].w == "sms") || i+1 < len(ts) && ts[i+1].w == "code") && channelTypos[t.raw] != "" &&
			!(i+1 < len(ts) && (ts[i+1].raw == "in" || ts[i+1].raw == "out")) {
			// "email OPT to his adress": an English word, so no typo to the
			// lexicon, but beside a channel or "code" it is the code's name
			// ("opt in", "opt out" stay verbs). (The neighbours first: a
			// map lookup at every word of every text cost more than they do.)
			t.respell(channelTypos[t.raw])
			out = append(out, t)
			continue
		}
		if t := ts[i]; t.w == "same" && i+1 < len(ts) && lex.placeNoun[ts[i+1].raw] {
			// "in the same spot": a place in the flow, not a match (the raw word
			// stays for "in the same place as X")
			t.w = "sameplace"
			out = append(out, t)
			continue
		}
		out = append(out, ts[i])
	}
	return out
}

// spokenDomainAt reads an email domain said aloud at i ("at acme dot com",
// "at mail dot acme dot co dot uk") as written ("@acme.com") and the number of
// tokens it takes, or 0: "at", a name, then "dot" and a name, once or more.
func spokenDomainAt(ts []token, i int) (string, int) {
	if ts[i].raw != "at" || i+3 >= len(ts) || ts[i+2].raw != "dot" || !domainPart(ts[i+1]) {
		return "", 0
	}
	var b strings.Builder
	b.WriteByte('@')
	j := i + 1 // the label being read
	for {
		b.WriteString(ts[j].raw)
		if j+2 >= len(ts) || ts[j+1].raw != "dot" || !domainPart(ts[j+2]) {
			break
		}
		b.WriteByte('.')
		j += 2
	}
	if j == i+1 {
		return "", 0
	}
	return b.String(), j + 1 - i
}

// domainPart: the token can be a label of a domain name ("acme", "co", "io").
func domainPart(t token) bool {
	return t.orig != "" && t.raw != "dot" && isAlpha(t.raw)
}

// joinedToken is the token of the word j that joins makes of the words orig.
func joinedToken(j, orig string) token {
	lm := lex.joined[j]
	return token{w: lm.w, raw: j, orig: orig, known: lm.known}
}

// splitOmit: at i a verb of leaving out with its particle after an object of up
// to five words ("leave phones out", "keep the SMS code off"), the particle
// ending the clause or followed by what ends it ("out of it entirely"); it
// returns the particle's distance from i, or 0.
func splitOmit(ts []token, i int) int {
	if !ts[i].in(hOmitVerb) {
		return 0
	}
	for n := 2; n <= 6 && i+n < len(ts); n++ {
		t := ts[i+n]
		if t.w == "," || t.w == "." || t.raw == "and" || t.raw == "then" {
			return 0
		}
		if lex.omitParticle[t.raw] {
			if i+n+1 == len(ts) || lex.omitAfter[ts[i+n+1].raw] || ts[i+n+1].w == "," || ts[i+n+1].w == "." {
				return n
			}
			return 0
		}
	}
	return 0
}

// nounSense: words that name a step as verbs and something else as nouns (an
// image; "states" a place, not telling), with the lemma of the noun (read after
// a determiner or a number, joinTokens).
var nounSense = map[string]string{"photograph": "photo", "photographs": "photo", "snap": "photo", "snaps": "photo", "snapshot": "photo",
	"state": "state", "states": "state"}

// channelTypos: English words that are typos of a code's name when a channel
// or "code" stands beside them ("email OPT", "sms opt code").
var channelTypos = map[string]string{"opt": "otp", "opts": "otps"}

var joins = map[string]string{
	"e mail": "email", "mail box": "mailbox", "e mail box": "mailbox", "one time": "onetime", "deep fake": "deepfake", "deep fakes": "deepfake",
	"anti spoofing": "antispoofing", "anti spoof": "antispoofing", "sign up": "signup", "sign off": "signoff", "signs off": "signoff", "signing off": "signoff", "check in": "checkin",
	"clock in": "clockin", "clock out": "clockout", "clocking in": "clockin", "clocking out": "clockout",
	"pass code": "passcode", "head shot": "headshot", "web cam": "webcam", "text message": "textmessage",
	"text messages": "textmessage", "text msg": "textmessage", "txt msg": "textmessage", "grown up": "grownup", "of age": "ofage", "gov issued": "governmentissued", "two factor": "twofactor", "legal age": "adult", "drinking age": "adult", "leave out": "omit", "leave off": "omit", "w o": "without", "face identification": "faceidentification", "facial identification": "faceidentification", "biometric identification": "faceidentification",
	// the place before the last step, counted from the end
	"before last": "penultimate", "second last": "penultimate", "second to last": "penultimate", "next to last": "penultimate",
	"last but one": "penultimate", "one but last": "penultimate", "second from last": "penultimate",
	// "by the time they get to the code we need to know they're live": what
	// must be done before they get there
	"by the time":   "before",
	"in front of":   "before",   // "put a liveness check in front of it"
	"word for word": "verbatim", // "the avatar says word for word "…"": the line as written
	"once more":     "again",    // "let them try once more"
	"last resort":   "fallback", // "text message only as a last resort": the step tried when another fails
	"look up":       "lookup", "one to many": "onetomany", "one to one": "onetoone", "1 n": "onetomany", "1 1": "onetoone",
	"1 to n": "onetomany", "one to n": "onetomany", // "the one to N search": 1:N said aloud
	"1 to 1": "onetoone", "1 to many": "onetomany", "provided data": "provideddata", "multi factor": "twofactor",
	"government issued": "governmentissued", "d o b": "dob",
	"politically exposed": "pep", // "check whether they're a politically exposed person": a PEP screening (listCheckWords)
	// "the seller must be the same legal person as the bank account holder": a
	// person in law, told by a name or a register, not a face on camera
	"legal person": "legalperson", "legal persons": "legalperson", "legal entity": "legalperson", "legal entities": "legalperson",
	// "users drop off at the document step": people leaving, not a step removed
	"drop off": "dropoff", "drops off": "dropoff", "dropped off": "dropoff", "dropping off": "dropoff",
	"drop out": "dropout", "drops out": "dropout", "dropped out": "dropout", "dropping out": "dropout",
	"signed up": "signup", "signing up": "signup", "first time": "firsttime", // "first-time users"
	"never mind": "nevermind", "log in": "login", "logs in": "login", "logging in": "login", "sign in": "signin", "signs in": "signin",
	"presentation attack": "presentationattack", "presentation attacks": "presentationattack", // "presentation attack detection" (PAD): a liveness check
	"face rec": "facerec", "facial rec": "facerec", "face reco": "facerec", "make sure": "ensure", "one of": "among", // "is one of our enrolled users": a member of a population
	"live ness":     "liveness",                        // "then a live ness check": the word split by a stray space
	"opening hours": "hours", "opening times": "hours", // "tell them the opening hours": a thing told, not "at the start"
	"biometric liveness": "liveness", "biometric livenesscheck": "livenesscheck", "lines up": "lineup", "lined up": "lineup", "line up": "lineup", "user base": "userbase", "customer base": "userbase", "member base": "userbase",
	// "the majority of our customers are in Mexico": most of them, a share of
	// the users and no age of majority ("the minority of" likewise no minor)
	"majority of": "most", "minority of": "few",
}

// shortParen: the text after "(" is a number, maybe with "+", and ")".
func shortParen(s string) bool {
	j := 0
	for j < len(s) && s[j] == ' ' {
		j++
	}
	k := j
	for k < len(s) && (s[k] >= '0' && s[k] <= '9' || s[k] == '+') {
		k++
	}
	if k > j && k < len(s) && s[k] == ' ' {
		// "(21 in our state)": a number that opens a short aside belongs to its clause
		if e := strings.IndexByte(s[k:], ')'); e > 0 && e < 24 && !strings.ContainsAny(s[k:k+e], ".,;(") {
			return true
		}
	}
	return k > j && k < len(s) && s[k] == ')'
}

// afterNumberAside: the ")" at i closes an aside that opened with a number ("(21
// in our state)"), read as part of its clause.
func afterNumberAside(text string, i int) bool {
	o := strings.LastIndexByte(text[:i], '(')
	return o >= 0 && i-o < 26 && shortParen(text[o+1:])
}

// listMarkerAt: the ")" at i closes a list item's number ("1)", "12)"): one
// or two digits after a space or the start, no "(" open before it, and the
// item before it ("1)" for "2)") or after it ("2)" for "1)") numbered too, so
// that a stray bracket ("over 18) then a selfie") is no item.
func listMarkerAt(text string, i int) bool {
	j := i
	for j > 0 && i-j < 2 && isDigitAt(text, j-1) {
		j--
	}
	if j == i || j > 0 && text[j-1] != ' ' && text[j-1] != '\n' && text[j-1] != '\t' {
		return false
	}
	if strings.LastIndexByte(text[:j], '(') > strings.LastIndexByte(text[:j], ')') {
		return false
	}
	n, _ := strconv.Atoi(text[j:i])
	if n == 1 {
		return markerIn(text[i:], 2)
	}
	return markerIn(text[:j], n-1)
}

// startsUpper: the word is written with a capital first letter.
func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// markerIn: the text holds the list marker "<n>)" after a space, a line break or
// at its start.
func markerIn(text string, n int) bool {
	m := strconv.Itoa(n) + ")"
	for k := strings.Index(text, m); k >= 0; {
		if k == 0 || text[k-1] == ' ' || text[k-1] == '\n' || text[k-1] == '\t' {
			return true
		}
		next := strings.Index(text[k+1:], m)
		if next < 0 {
			break
		}
		k += 1 + next
	}
	return false
}

func isDigitOrPlus(c byte) bool { return c >= '0' && c <= '9' || c == '+' }

func isDigitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// domainEnd returns where a domain name starting at i ends ("contoso.com",
// "mail.acme.co.uk"), or 0: labels of letters, digits and hyphens joined by
// dots, the last one a top-level domain of the lexicon's (any label of two
// letters or more after an "@"), so "scan.then" stays two words.
func domainEnd(text string, i int, afterAt bool) int {
	j, dots, last := i, 0, i
	for j < len(text) && (isWordByte(text[j]) || text[j] == '-' || text[j] == '.' && j+1 < len(text) && isWordByte(text[j+1]) && j > i && text[j-1] != '.') {
		if text[j] == '.' {
			dots, last = dots+1, j+1
		}
		j++
	}
	if dots == 0 {
		return 0 // (most words: no dot, so no top-level domain to read)
	}
	tld := strings.ToLower(text[last:j])
	if !(lex.tld[tld] || afterAt && len(tld) >= 2 && strings.Trim(tld, "abcdefghijklmnopqrstuvwxyz") == "") {
		return 0
	}
	return j
}

// snakeAt: the word at i follows an underscore glued to a word ("bank_photo",
// "kyc_2023_photo"), so it continues an identifier written as code.
func snakeAt(text string, i int) bool {
	return i > 1 && text[i-1] == '_' && isWordByte(text[i-2])
}

// properName: a word written with a capital and then lower case, right after
// another word ("recovery at Tallyo", "guests at Roomly"), is a name: a company,
// a product, a place. The capital of a sentence's or a list item's first word
// says nothing ("Pasport scan, then liveness"), nor does a word in capitals ("DL").
func properName(w string, out []token) bool {
	if !titleCase(w) || len(out) == 0 {
		return false
	}
	prev := out[len(out)-1]
	return !prev.isNum && prev.raw != "" && isAlpha(prev.raw)
}

// coinedFrom: raw is the word w plus an ending ("Tallyo" from "tally"), not w
// with its last letter struck twice ("Passportt"), or w respelt with a k for a
// c as brands are ("Rekognition"); no slip of the keys does that.
func coinedFrom(raw, w string) bool {
	if len(raw) == len(w) && raw != w {
		for k := range len(raw) {
			if raw[k] != w[k] && (raw[k] != 'k' || w[k] != 'c') {
				return false
			}
		}
		return true
	}
	return strings.HasPrefix(raw, w) && !(len(raw) == len(w)+1 && raw[len(w)] == w[len(w)-1])
}

// titleCase: a capital, then only lower-case letters ("Tallyo", not "DL" or "eSIM").
func titleCase(w string) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for k := 1; k < len(w); k++ {
		if !isLowerByte(w[k]) {
			return false
		}
	}
	return true
}

// camelAt: the word at i opens on a capital right after a lower-case letter,
// the next word of an identifier written in camelCase ("matchFace").
func camelAt(text string, i int) bool {
	return i > 0 && i < len(text) && isLowerByte(text[i-1]) && text[i] >= 'A' && text[i] <= 'Z'
}

func isLowerByte(c byte) bool { return c >= 'a' && c <= 'z' }

// camelSplit is where the word text[i:j] written in camelCase ends its first
// word ("sendEmailOtp" → "send", then "Email", "Otp"), or i when it does not
// split: a word the lexicon or the dictionary knows whole ("providedData"),
// one that opens on a capital and goes on no identifier ("FaceSign", a name),
// or a first word of one letter ("iPhone", "eKYC"); only a function's name,
// opening on a verb ("sendEmailOtp"), is split.
func camelSplit(text string, i, j int) int {
	w := text[i:j]
	if len(w) < 4 || !(isLowerByte(w[0]) || camelAt(text, i)) {
		return i
	}
	k := 2
	for k < len(w) && !(isLowerByte(w[k-1]) && w[k] >= 'A' && w[k] <= 'Z') {
		if !isWordByte(w[k]) {
			return i
		}
		k++
	}
	low := strings.ToLower(w)
	if k >= len(w) || !isAlpha(low) {
		return i
	}
	if _, ok := lex.exact(low); ok || english.Known(low) {
		return i
	}
	if !camelAt(text, i) && !lex.codeVerb[strings.ToLower(w[:k])] {
		// "customerId", "passportNumber", "openID", "myAcme": a value or a
		// name, read whole (it names no step); a function opens on its verb
		return i
	}
	return i + k
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func parseNumber(lit string) float64 {
	var v, frac float64
	div := 0.0
	for i := 0; i < len(lit); i++ {
		c := lit[i]
		switch {
		case c >= '0' && c <= '9':
			if div > 0 {
				// the decimals as an integer over a power of ten, divided once, so
				// that "0.85" reads as the float 0.85 and not 0.8500000000000001
				frac = frac*10 + float64(c-'0')
				div *= 10
			} else {
				v = v*10 + float64(c-'0')
			}
		case c == '.':
			// "5.000" in a European amount has three digits after the dot: a separator
			if len(lit)-i-1 == 3 && div == 0 && v >= 1 && !strings.Contains(lit[i+1:], ".") && strings.Count(lit, ".") > 1 {
				continue
			}
			div = 10
		}
	}
	if div > 10 {
		return v + frac/(div/10)
	}
	return v
}

// useCaseRule names a use case from the words of the whole text: any word of
// anyOf (a word as written, or a lemma of lemmas) and, when allOf is set, one of
// those too. The first rule that matches wins, so a purpose the text states
// ("KYC onboarding") comes before the domain it is stated in ("a crypto exchange"),
// whose stock prose is about a withdrawal.
type useCaseRule struct {
	uc     useCase
	anyOf  []string
	lemmas []string
	allOf  []string
	also   []string // a third word it needs, when set
	age    bool     // a number read as an age also names it
	// before and after, when set, name the purpose only beside a word of
	// anyOf: "new email", "change their email" and "email change" are an email
	// change, but "an email code … their new device" is not.
	before, after []string
	// notNext: an anyOf word followed by one of these is another thing
	// ("phone number" is not the device).
	notNext []string
	// notHeld: an anyOf word that names what an earlier check left behind
	// ("the KYC selfie we pass in", "their enrollment photo", "the photo from
	// onboarding") is where the data comes from, not this flow's purpose.
	notHeld bool
	// handover: an anyOf word that hands the user to a person ("transfer them to
	// an agent") is what a failure does, not the flow's purpose.
	handover bool
	// threat: an anyOf word followed, one or two words on, by a word for a
	// fraud ("SIM swap fraud", "sim-swap attacks") names the risk the flow
	// guards against, not the request it verifies.
	threat bool
}

// enrolledPopulationWords follow "enrolled" when it names whom a face is
// searched among ("enrolled users", "enrolled faces"), not an enrollment.
var enrolledPopulationWords = []string{"users", "user", "customers", "customer", "members", "member", "people", "employees", "staff", "clients", "accounts", "faces", "face", "patients", "persons", "population", "base", "identities"}

// heldNextLemmas and heldNextWords follow a purpose word that names stored data
// ("KYC selfie", "onboarding record"); heldPrevWords come before one ("the
// photo from onboarding").
var (
	heldNextLemmas = lemmaSet("selfie", "photo")
	heldNextWords  = []string{"record", "records", "data", "file", "files", "profile", "template", "database", "db", "details", "info"}
	heldPrevWords  = []string{"from"}
	// doneBeforeWords before a purpose word in its sentence put it in the past:
	// "we already did full KYC with their ID at signup" is what an earlier flow
	// did, not this flow's purpose.
	doneBeforeWords = []string{"already", "did", "done", "completed", "passed", "finished", "went"}
)

// doneBefore: a word of doneBeforeWords stands before ts[i] in its sentence.
func doneBefore(ts []token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if ts[j].w == "." || ts[j].w == "," || ts[j].w == ";" {
			return false
		}
		if slices.Contains(doneBeforeWords, ts[j].raw) {
			return true
		}
	}
	return false
}

// laterWords and sessionNouns: "in a later session", "at a future stage" put what
// precedes them in another flow.
var (
	laterWords   = []string{"later", "future", "another", "separate", "subsequent", "next", "different"}
	sessionNouns = []string{"session", "sessions", "flow", "flows", "stage", "visit", "step"}
)

// Steps put off to a later version of the flow (see deferred in retract.go):
// "a face compare would be nice too... not in this version tho", "we might add
// recognition later but not in this version", "maybe a doc scan later". What is
// put off is the step named just before; the words hold it out of this flow.
var (
	deferPhraseList = []string{
		"not in this version", "not in this release", "not in this iteration", "not in this flow", "not in v1", "not in the mvp", "not in the first version",
		"not for this version", "not for this release", "not for v1", "not for the mvp", "not for now", "not right now", "not just yet",
		"not yet", "not this version", "not this time", "not now", "maybe later", "later maybe", "some other time", "in a later version",
		"in a future version", "in the next version", "in a future release", "in the next release", "in v2", "for v2", "for a later version",
	}
	deferFillerWords   = wordSet([]string{"but", "tho", "though", "yet", "anyway", "anyways", "just", "so", "ok", "okay", "then", "probably", "i", "think", "guess", "for", "sure", "lol"})
	deferHedgeWords    = wordSet(append([]string{"maybe", "perhaps", "possibly"}, deferModals...)) // "we might add …", "maybe a doc scan …": a step hedged
	deferModals        = []string{"might", "may", "could"}                                         // … a hedge only before a verb of adding (hedgedLater)
	deferModalWords    = wordSet(deferModals)
	deferOrderWords    = wordSet([]string{"then", "first", "before", "after", "next"})                                                     // "we might add a scan first": a place among the steps, no deferral
	deferLaterWords    = wordSet([]string{"later", "eventually", "someday", "sometime", "future", "v2"})                                   // "… later", "… down the road": the hedged step put off
	markerVerbWords    = wordSet([]string{"use", "send", "do", "go", "make", "switch", "change", "turn", "swap"})                          // "actually no use SMS": a "no" before them is a marker, not a determiner
	channelFillerWords = wordSet([]string{"the", "one", "by", "via", "over", "instead", "please", "pls", "an", "a", "then"})               // words around a bare channel ("by email instead", "the text one")
	pastObjectDet      = wordSet([]string{"their", "his", "her", "the", "a", "an", "our", "its"})                                          // "everyone verified their email": an object after a verb in "-ed" makes it past, not a participle ("users enrolled last year")
	sayMannerWords     = wordSet([]string{"out", "loud", "aloud", "again", "back", "slow", "slower", "clearly", "once", "only", "please"}) // "say it out loud": how a line said before is said
	deferSubjWords     = wordSet([]string{"we", "i", "you", "they", "ll", "will", "also", "and"})                                          // the subject before the hedge ("we might add …")
)

// Reasons given with a correction (see reasonedTakeBack and bareStepAfter in
// retract.go) and the places a "later" may name (see laterIsVersion).
var (
	// words of a reason that point at a step without naming it ("half our
	// users changed numbers", "sim swaps are common", "inboxes get hacked",
	// "the scan is slow"): the step they point at, in words the parser reads
	reasonPointers = map[string]string{
		"number": "sms code", "numbers": "sms code", "sim": "sms code", "sims": "sms code", "carrier": "sms code", "carriers": "sms code", "texts": "sms code",
		"inbox": "email code", "inboxes": "email code", "mailbox": "email code", "mailboxes": "email code", "spam": "email code",
		"scan": "document scan", "scans": "document scan", "scanner": "document scan",
	}
	// a reason that asks for more than the step before it ("one code is not
	// enough for payouts", "email alone isn't enough"): the step said after it
	// is one more, and nothing is taken back
	moreReasonWords = wordSet(append([]string{"alone", "extra", "additional", "another", "stronger", "both", "insufficient", "weak"}, sufficiencyWords...))
	// after a negation, the step is not enough ("one code is not sufficient";
	// notEnough in parse.go reads them too)
	sufficiencyWords = []string{"enough", "sufficient"}
	// words right after "later" that place it among the steps or under a
	// condition ("later in the flow", "later on", "later if they look
	// suspicious", "at a later step"): no later version of the flow
	laterPlaceWords = wordSet([]string{"in", "on", "at", "during", "once", "if", "when", "whenever", "unless", "after", "before", "for", "so", "step", "steps", "stage", "point", "part", "screen"})
	// a later version said as such ("in a later version", "later in v2")
	laterVersionWords = wordSet([]string{"version", "versions", "release", "releases", "iteration", "v2", "v3", "mvp", "update", "sprint", "quarter", "year"})
	// before "later", a purpose or a condition the later belongs to ("so we
	// can reach them later", "once they are in, later"): no deferral
	laterPurposeWords = wordSet([]string{"so", "because", "once", "if", "when", "whenever", "unless", "reach", "contact"})
	// a question that offers one more step ("do we need a document scan
	// too?", "should we add an email code?"): a bare "no" after it turns it down
	offerAskLead = wordSet([]string{"do", "does", "should", "shall", "must"})
	offerAskVerb = wordSet([]string{"need", "want", "add", "include", "require", "have"})
)

// elsewhereLater: the purpose word at i is said to happen in another session
// ("Enrolment happens in a later session, so …"), within the few words after it.
func elsewhereLater(ts []token, i int) bool {
	for j := i + 1; j+1 < len(ts) && j <= i+6; j++ {
		if ts[j].w == "." {
			return false
		}
		if slices.Contains(laterWords, ts[j].raw) && slices.Contains(sessionNouns, ts[j+1].raw) {
			return true
		}
	}
	return false
}

// guardsAgainst: the fraud named at i (one or two words on) is what the flow
// stops ("SIM swap fraud prevention", "stop SIM swap attacks", "protect
// against SIM swap scams"): a flow for that request after all.
func guardsAgainst(ts []token, i int) bool {
	return slices.ContainsFunc(ts[max(0, i-3):i], func(t token) bool { return lex.guardWord[t.raw] }) ||
		slices.ContainsFunc(ts[i+1:min(len(ts), i+5)], func(t token) bool { return lex.guardWord[t.raw] })
}

// handsOver: the verb at i sends the user on to a person ("transfer them to an
// agent", "if it fails, transfer to our support team"): "to" within three
// words, a word for a person at most three after it.
func handsOver(ts []token, i int) bool {
	// ("transfers to staff or contractors", "a transfer to the escrow agent"
	// pay a person: the verb must have the user as its object, or follow a
	// condition, "if the faces don't match, transfer to an agent")
	object := i+1 < len(ts) && (lex.personPronoun[ts[i+1].raw] || ts[i+1].in(hUserWord))
	cond := false
	for j := i - 1; j >= 0 && j >= i-10 && ts[j].w != "."; j-- {
		cond = cond || lex.condOpen[ts[j].raw]
	}
	if !object && !cond {
		return false
	}
	for j := i + 1; j < len(ts) && j <= i+3; j++ {
		if ts[j].raw != "to" {
			continue
		}
		for k := j + 1; k < len(ts) && k <= j+3; k++ {
			if ts[k].w == "human" || ts[k].raw == "human" || ts[k].raw == "humans" {
				return true // ("an agent" reads as "human"; "a human" itself too)
			}
		}
		return false
	}
	return false
}

// named reports whether a word of r.anyOf names the purpose somewhere in ts.
func (r useCaseRule) named(ts []token) bool {
	if len(r.notNext) == 0 && !r.notHeld && !r.handover && !r.threat {
		return hasCaseWord(ts, r.anyOf)
	}
	for i, t := range ts {
		if !t.namedIn(r.anyOf) {
			continue
		}
		if i+1 < len(ts) && (slices.Contains(r.notNext, ts[i+1].raw) ||
			r.notHeld && (heldNextLemmas[ts[i+1].w] || slices.Contains(heldNextWords, ts[i+1].raw))) {
			continue
		}
		if r.notHeld && i > 0 && slices.Contains(heldPrevWords, ts[i-1].raw) {
			continue
		}
		if r.notHeld && doneBefore(ts, i) {
			continue // "we already did full KYC at signup": an earlier flow's purpose
		}
		if r.notHeld && elsewhereLater(ts, i) {
			continue // "enrolment happens in a later session": another flow's purpose
		}
		if r.handover && handsOver(ts, i) {
			continue
		}
		if r.threat && slices.ContainsFunc(ts[i+1:min(len(ts), i+3)], func(t token) bool { return lex.mailThreatNext[t.raw] }) && !guardsAgainst(ts, i) {
			continue
		}
		return true
	}
	return false
}

// purposeNear is how far before or after its noun a word of useCaseRule.before or
// .after may stand ("change the email address", "the phone was stolen").
const purposeNear = 3

func (r useCaseRule) matches(ts []token) bool {
	if len(r.before) > 0 || len(r.after) > 0 {
		return r.matchesNear(ts)
	}
	hit := r.named(ts) || r.age && ageIn(ts) > 0
	for _, l := range r.lemmas {
		hit = hit || has(ts, l)
	}
	return hit && (len(r.allOf) == 0 || hasCaseWord(ts, r.allOf)) && (len(r.also) == 0 || hasCaseWord(ts, r.also))
}

func (r useCaseRule) matchesNear(ts []token) bool {
	for i, t := range ts {
		if !t.namedIn(r.anyOf) || i+1 < len(ts) && slices.Contains(r.notNext, ts[i+1].raw) {
			continue
		}
		for j := max(0, i-purposeNear); j < i; j++ {
			// ("New users: email entry": "new" is said of the users, not the email)
			if slices.Contains(r.before, ts[j].raw) && !ts[j+1].in(hUserWord) {
				return true
			}
		}
		for j := i + 1; j <= min(len(ts)-1, i+purposeNear); j++ {
			if slices.Contains(r.after, ts[j].raw) {
				return true
			}
		}
	}
	return false
}

// deviceChangeWords before a phone or a device say it is one the user got or
// lost ("patients who get a new phone", "a stolen phone"): the occasion of a
// device recovery, not a channel a code goes to.
var deviceChangeWords = []string{"new", "lost", "stolen", "replaced", "replacement", "changed", "switched", "upgraded", "broken", "recover", "recovering", "another", "different"}

// deviceGetWords before a changed phone ("who get a new phone", "members who
// buy a new phone") make it the phone the user got: the occasion of the flow.
var deviceGetWords = []string{"get", "gets", "got", "gotten", "getting", "buy", "buys", "bought", "buying", "purchase", "purchases", "purchased", "receive", "receives", "received"}

var useCaseRules = []useCaseRule{
	{uc: ucSIMSwap, anyOf: []string{"sim"}, allOf: []string{"swap", "swaps"}, threat: true},
	{uc: ucNotarization, anyOf: []string{"notarization", "notarisation", "notary", "notarize", "notarise", "notarized"}},
	// "account recovery" names its purpose as plainly as "KYC onboarding" does, and
	// wins over an "AML-sensitive segment" beside it
	{uc: ucRecovery, anyOf: []string{"recovery", "recover", "recovering", "regain"}, allOf: []string{"account", "accounts", "access", "login"}},
	// a stated onboarding purpose outranks the domain words below it
	{uc: ucOnboarding, notHeld: true, anyOf: []string{"kyc", "aml", "onboarding", "onboard"}, allOf: []string{"kyc", "aml", "onboarding", "onboard", "exchange", "account", "accounts", "signup", "customers", "users"}},
	// its lines speak of a withdrawal; crypto moved another way reads as the transfer or payment it is
	{uc: ucCrypto, anyOf: []string{"crypto", "cryptocurrency", "bitcoin", "wallet"}, allOf: []string{"withdraw", "withdrawal", "withdrawals", "withdrawing", "withdraws"}},
	{uc: ucTransfer, anyOf: []string{"wire", "transfer", "transfers"}, handover: true},
	// a payout account changed, not a payout made ("big payouts need an extra check")
	{uc: ucPayoutChange, anyOf: []string{"payout", "payouts"}, before: []string{"change", "changing", "changed", "update", "updating", "updated", "new", "edit", "editing", "switch", "switching"},
		after: []string{"change", "changes", "changed", "update", "updates", "updated", "account", "accounts", "details", "method", "destination"}},
	{uc: ucPayoutChange, anyOf: []string{"bank"}, allOf: []string{"account"}, also: []string{"changing", "change", "update"}},
	{uc: ucPasswordReset, anyOf: []string{"password"}, allOf: []string{"reset", "forgot", "forgotten"}},
	// a device lost, stolen or replaced: the account moves to the new one
	{uc: ucDevice, anyOf: []string{"device", "devices", "phone", "phones", "handset", "smartphone", "iphone", "android"}, notNext: []string{"number", "numbers", "no", "call", "calls"},
		before: deviceChangeWords,
		after:  []string{"recovery", "lost", "stolen", "broken", "broke", "replaced", "replacement", "switch", "change", "died", "dead", "gone", "missing", "rebinding", "rebind", "migration"}},
	{uc: ucRecovery, anyOf: []string{"recovery", "recover", "locked", "lockout", "regain"}},
	// enrolling a face is the purpose even where the face is later used to check in
	{uc: ucEnrollment, notHeld: true, anyOf: []string{"enroll", "enrol", "enrollment", "enrolment", "enrolling"}},
	// "the face gets enrolled" is the purpose; "against our enrolled faces", "match
	// them against our enrolled users" are the people searched
	{uc: ucEnrollment, anyOf: []string{"enrolled"}, before: []string{"get", "gets", "getting", "got", "be", "being"}, notNext: enrolledPopulationWords},
	// "to register members' faces the first time", "customers register their
	// face once": registering a face is enrolling it ("registered faces" are
	// the people a search looks among, so not that form)
	{uc: ucEnrollment, anyOf: []string{"register", "registers", "registering"}, after: []string{"face", "faces", "selfie"}},
	{uc: ucCheckIn, anyOf: []string{"hotel", "checkin", "rental", "guest"}},
	{uc: ucAge, anyOf: []string{"age", "alcohol", "drinking", "gambling", "tobacco"}, lemmas: []string{"adult"}, age: true},
	{uc: ucEmailChange, anyOf: []string{"email"}, before: []string{"change", "changing", "update", "updating", "new", "changes", "updates"},
		after: []string{"change", "changes", "update", "updates", "changed", "updated"}},
	{uc: ucOnboarding, notHeld: true, anyOf: []string{"onboarding", "onboard", "kyc", "signup", "seller", "sellers", "new", "account"}, allOf: []string{"onboarding", "onboard", "kyc", "signup", "seller", "sellers", "users", "customers", "opening"}},
	{uc: ucLogin, anyOf: []string{"login", "2fa", "signin", "mfa"}}, // "log in", "logging in" are joined into "login"
	{uc: ucPayment, anyOf: []string{"payment", "payments", "purchase", "purchases", "checkout", "withdrawal", "withdrawals", "withdraw", "payout", "payouts", "cashout"}},
}

// quoteW is the lemma of a token holding quoted words (its orig).
const quoteW = "\""

// keyW is the lemma of a word inside a ticket's or a requirement's key ("ID"
// in "REQ-ID-014"): no word of the lexicon.
const keyW = "@key"

// domainW is the lemma of a domain name token ("@contoso.com"): no word of
// the lexicon, so no rule reads it as one.
const domainW = "@domain"

// mailboxW is the lemma of a whole email address ("support@sparkd.app"): a
// mailbox someone writes to, never a domain the typed address must end with
// (that is written bare, "@sparkd.app") nor a word of the lexicon ("support").
const mailboxW = "@mailbox"

// contactLeadWords, right before a whole email address, make it a mailbox
// someone writes to ("write to support@sparkd.app", "contact help@clubly.io",
// "reach us at ops@acme.com").
var contactLeadWords = []string{"to", "contact", "contacting", "at", "email", "emailing", "mail", "write", "cc"}

// addressEnd is the end of a whole email address starting at i (a local part
// glued to "@" and a domain), or 0 when none starts there.
func addressEnd(text string, i int) int {
	j := i
	for j < len(text) && (isWordByte(text[j]) || text[j] == '.' || text[j] == '+' || text[j] == '-') {
		j++
	}
	if j == i || j >= len(text) || text[j] != '@' || text[j-1] == '.' {
		return 0
	}
	return domainEnd(text, j+1, true)
}

// speechBefore reports whether the tokens so far end with a verb of speech and the
// person spoken to ("ask them", "have the avatar say:"), or a noun naming a line
// and its number ("Avatar line 1:"), so quoted words that follow are the line itself.
func speechBefore(out []token) bool {
	k, colon := len(out)-1, false
	for k >= 0 {
		if k >= 2 && out[k].raw == "word" && out[k-1].raw == "for" && out[k-2].raw == "word" {
			k -= 3 // "the avatar says word for word "…"" (joinTokens comes later)
			continue
		}
		// ("open with exactly this: '…'", "say the following": the word points
		// at the line after it, and dropColons drops it)
		pointer := linePointer(out[k]) && (k+1 == len(out) || out[k+1].w == ":")
		// ("greets them — "Hi, I'm Noor"": a dash right before the quote opens it, as a colon does)
		dash := k == len(out)-1 && out[k].w == "." && out[k].orig == "-"
		if !(out[k].w == ":" || out[k].w == "," || dash || out[k].in(hAddressee) || lex.reflexive[out[k].raw] || out[k].raw == "the" || out[k].raw == "to" || lex.verbatim[out[k].raw] || pointer) {
			break
		}
		if out[k].w == ":" || dash {
			colon = true
		}
		k--
	}
	if k >= 0 && colon && spokenLineKinds[out[k].w] != 0 {
		return true // "the avatar introduces herself — "Hi, …"", "greets them: "…"": the line the verb says
	}
	if k >= 1 && out[k].isNum && lex.speechNoun[out[k-1].raw] {
		return true // "line 1:"
	}
	if k >= 1 && out[k].raw == "with" {
		// "open with "Hi…"", "greet them with", "close with": the greeting or closing
		// line; "user with"…" has no verb before the person
		if j := skipBackAddressee(out, k-1); j >= 0 && (lex.lineOpen[out[j].w] || j > 0 && out[j].raw == "off" && lex.signVerb[out[j-1].raw]) {
			return true
		}
	}
	j := k
	for j >= 0 && lex.lineIs[out[j].raw] {
		j--
	}
	if j < k && j >= 0 && spokenLineKinds[out[j].w] != 0 {
		return true // "Greeting should be exactly: "…"": the line itself
	}
	return k >= 0 && (lex.speechVerb[out[k].w] || lex.speechNoun[out[k].raw] || lex.quoteNoun[out[k].raw])
}

// spokenTextBefore: the tokens end with a text the avatar reads or says, named
// after its verb ("reads the rules", "explains the terms").
func spokenTextBefore(out []token) bool {
	k := len(out) - 1
	if k < 1 || !lex.readAloud[out[k].raw] {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if out[j].w == "." {
			break
		}
		if lex.speechVerb[out[j].w] || out[j].raw == "read" || out[j].raw == "reads" {
			return true
		}
	}
	return false
}

// glossOfLine: the bracket opening at i (text[i:] is what follows it) glosses
// a line of the avatar's: the clause before it has a verb of asking or
// telling and ends on a word, and the bracket holds a few words that name no
// step ("(source of funds)", "(their MSISDN)").
func glossOfLine(out []token, text string, i int) bool {
	k := len(out) - 1
	if k < 1 || !isAlpha(out[k].raw) {
		return false
	}
	asked := false
	for j := k - 1; j >= 0 && j >= k-12; j-- {
		if out[j].w == "." || out[j].w == "," || out[j].w == ":" || out[j].w == quoteW {
			break
		}
		if lex.speechVerb[out[j].w] || out[j].w == "tell" {
			asked = true
			break
		}
	}
	if !asked {
		return false
	}
	j := strings.IndexAny(text[i:], "(),.;:")
	if j < 0 || text[i+j] != ')' || len(strings.Fields(text[i:i+j])) > 5 {
		return false
	}
	if _, ok := lex.topic[out[k].raw]; ok {
		return false // "their consent (GDPR)": the topic's own line says it
	}
	for _, t := range tokenizeExact(text[i : i+j]) {
		if _, ok := lex.topic[t.raw]; ok || t.w == "no" {
			return false // "(we don't need the microphone)": a remark, not a gloss
		}
		if glossCondSet[t.raw] {
			return false // "(over 10k only)", "(if asked)": a condition for the builder, not words to say
		}
	}
	_, _, ok := parenLine(text, i)
	return ok
}

// colonLine reads the words after a colon at i to the sentence's end, and
// whether they are a line to say: they ask for no step ("no phones" rules
// nothing out of the flow; it is said).
func colonLine(text string, i int) (string, int, bool) {
	j := i
	for j < len(text) && !(text[j] == '.' && (j+1 == len(text) || text[j+1] == ' ' || text[j+1] == '\n') || text[j] == '!' || text[j] == '?' || text[j] == '\n' || text[j] == ';') {
		j++
	}
	inner := strings.TrimSpace(text[i:j])
	if inner == "" {
		return "", 0, false
	}
	for _, c := range splitClauses(tokenizeExact(inner)) {
		if len(analyze(c.toks, nil).steps) > 0 {
			return "", 0, false // "explains the steps: liveness, then an SMS code" names steps
		}
	}
	return inner, j, true
}

// parenLine reads the words in brackets opened just before i, and whether they
// are a text to read out: they ask for no step ("(no phones, no notes)" rules
// nothing out of the flow; it is said). next is the index after ")".
func parenLine(text string, i int) (inner string, next int, ok bool) {
	j := strings.IndexAny(text[i:], "()")
	if j < 0 || text[i+j] != ')' {
		return "", 0, false
	}
	inner = strings.TrimSpace(text[i : i+j])
	if inner == "" {
		return "", 0, false
	}
	for _, c := range splitClauses(tokenizeExact(inner)) {
		if len(analyze(c.toks, nil).steps) > 0 {
			return "", 0, false // "the rules (liveness, then an ID scan)" names steps
		}
	}
	return inner, i + j + 1, true
}

// quoteEnd finds the end of a quotation opened by open just before i: its words,
// and the index after the closing mark.
func quoteEnd(text string, i int, open rune) (string, int, bool) {
	for j := i; j < len(text); {
		r, size := utf8.DecodeRuneInString(text[j:])
		closes := r == open || open == '“' && (r == '”' || r == '"')
		if open == '\'' && closes && j+size < len(text) && isWordByte(text[j+size]) {
			closes = false // "don't", "user's": an apostrophe inside a word
		}
		if closes {
			inner := strings.TrimSpace(text[i:j])
			return inner, j + size, inner != ""
		}
		j += size
	}
	return "", 0, false
}

// directQuestion folds a question asked in the user's own words at the end of the
// tokens ("ask them: did you start this transfer yourself", "ask what is the
// reason for this withdrawal") into one quoted token, as if it had quotes; an
// indirect question ("ask why they're here") stays as it is.
func directQuestion(out []token) []token {
	start := -1
	for k := len(out) - 1; k >= 0 && out[k].w != "." && out[k].w != quoteW; k-- {
		if !lex.speechVerb[out[k].w] {
			continue
		}
		j := k + 1
		for j < len(out) && (out[j].w == ":" || out[j].w == "," || out[j].in(hAddressee) || out[j].raw == "the" || out[j].raw == "to") {
			j++
		}
		if j+1 < len(out) && (lex.questionAux[out[j].raw] || whWords[out[j].raw] && lex.questionAux[out[j+1].raw]) {
			start = j
		}
		break
	}
	if start < 0 {
		return out
	}
	var b strings.Builder
	for _, t := range out[start:] {
		if t.w == "," {
			b.WriteByte(',')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.orig)
	}
	b.WriteByte('?')
	return append(dropColons(out[:start]), token{w: quoteW, raw: quoteW, orig: b.String()})
}

// linePointer: the word points at a line that follows it ("say this: '…'",
// "open with the following: …").
func linePointer(t token) bool { return t.raw == "this" || t.raw == "following" }

// dropColons drops the colons that end the tokens: "ask:" before the line it
// introduces is no heading.
func dropColons(out []token) []token {
	end := len(out)
	for end > 0 && (out[end-1].w == ":" || out[end-1].w == "." && out[end-1].orig == "-") {
		end-- // (a dash before the line opens it as a colon does: speechBefore)
	}
	if end > 0 && linePointer(out[end-1]) {
		// "open with exactly this: '…'", "say the following": the word only
		// points at the line
		end--
		if end > 0 && out[end].raw == "following" && out[end-1].raw == "the" {
			end--
		}
	}
	return out[:end]
}

// indirectQuestion folds a question the avatar asks about the user at the end of
// the tokens ("ask whether they recognise this device", "ask them if they
// recognise the payee") into one token: the words are what the user is asked, not
// steps of the flow. It ends at the clause's end, so "ask if they agree, then scan
// their ID" keeps its scan.
func indirectQuestion(out []token) []token {
	for k := len(out) - 1; k >= 1 && out[k].w != "." && out[k].w != "," && out[k].w != quoteW && out[k].w != "then"; k-- {
		if (out[k].raw == "whether" || out[k].raw == "if") && k+2 < len(out) && (out[k+1].raw == "they" || out[k+1].raw == "theyre" || out[k+1].raw == "you") {
			j := skipBackAddressee(out, k-1)
			if j < 0 || out[j].w != "ask" {
				return out
			}
			var b strings.Builder
			for _, t := range out[k:] {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(t.orig)
			}
			return append(out[:k], token{w: quoteW, raw: "indirect", orig: b.String()})
		}
	}
	return out
}

// askedAge: the indirect question ending at out's end ("ask whether they're
// over 18") asks the user's age: an age word and a number. Such a question is
// not folded at a spaced hyphen, so the age is still read as an age check
// (a "yes" is no proof of age).
func askedAge(out []token) bool {
	age, num := false, false
	for k := len(out) - 1; k >= 0 && out[k].w != "." && out[k].w != "," && out[k].w != quoteW; k-- {
		if lex.ageAsked[out[k].raw] {
			age = true
		}
		if r := out[k].raw; r != "" && r[0] >= '0' && r[0] <= '9' {
			num = true
		}
	}
	return age && num
}

// numberedScreen: a number right after "screen" numbers it ("screen 1 they type
// their email", "screen two"), so "screen" is the noun, not the verb of a check.
func numberedScreen(out []token) {
	if n := len(out); n > 0 && out[n-1].raw == "screen" {
		out[n-1].w = "screen"
	}
}

// What a statement's or a label's words are about (edit.go numberedLabel,
// rules.go "email is the …"), each with its reason.
var (
	// lemmas: "Age 21:", "Digits 8:": the number is a setting of what the word
	// names, not an item's number
	settingNounWords = []string{"age", "digit", "minute", "second", "hour", "attempt", "threshold"}
	// "email is the weakest link", "email is the second factor": the statement
	// speaks of email as a factor or its weakness, not as an identifier
	// ("email is the username")
	emailFactorWords = []string{"factor", "channel", "link"}
	// what makes a channel one to avoid ("email is the weakest link", "email
	// is the channel that got compromised")
	emailWeakWords = []string{"weak", "weaker", "weakest", "weakness", "risk", "risky", "vector", "attack", "attacks", "attacker", "attackers", "phish", "phished", "phishing", "hacked", "compromised", "insecure", "vulnerable", "target", "intercepted"}
)

// Dictation: what speech-to-text writes for a description said aloud, read back
// as typing writes it (undictate, dictation.go).

// spokenMarks: punctuation said as a word ("scan the ID comma then liveness full
// stop"), with the mark it stands for. A mark word used as a noun ("a 24 hour
// period", "the period of the code") stays a word: markNounBefore, markNounAfter.
var spokenMarks = map[string]string{
	"comma": ",", "full stop": ".", "period": ".", "new line": ".", "new paragraph": ".", "next line": ".",
	"colon": ":", "semicolon": ";", "semi colon": ";", "question mark": "?", "exclamation mark": "!", "exclamation point": "!",
}

// markNounBefore: words before a mark word that make it a noun ("a grace period",
// "a 24 hour period", "the trial period"); determiners do too.
var markNounBefore = wordSet([]string{"grace", "trial", "cooling", "waiting", "retention", "review", "hour", "day", "week", "month", "year", "minute", "time", "billing", "lock", "lockout"})

// markNounAfter: words after a mark word that make it a noun ("the period of
// validity", "a new line for the avatar", "new line items").
var markNounAfter = wordSet([]string{"of", "for", "in", "items", "item", "during"})

// numberPoint: the word of a decimal point said aloud ("zero point nine").
const numberPoint = "point"

// Order said by the end of the flow, or relative to it.
var (
	// positionLeadWords, after a position word, lead into the step it places
	// ("end with the email code", "start with the face scan", "finish on the
	// SMS code"): the step after them, not the one before
	positionLeadWords  = []string{"with", "on"}
	startPlaceWords    = slices.Concat(positionLeadWords, []string{"off", "by"}) // after "start": the step the flow starts with ("start off with", "start by")
	exceptionLeadWords = []string{"but", "not", "except"}                        // open an elliptic exception to the clause before ("…, but not the ID scan")
	// penultimatePhrases name the place before the last check ("add an ID
	// scan second to last", "the liveness the one before last"), as words
	// split at spaces and hyphens
	penultimatePhrases = []string{"second to last", "2nd to last", "second from last", "2nd from last", "second last", "2nd last", "next to last", "one before last", "one before the last", "last but one", "penultimate"}
	// allBeyondWords, before "after"/"before" a step, pick every check on
	// that side of it ("rip out everything after the compare")
	allBeyondWords = []string{"everything", "anything", "all"}
	// stillWords before a place say a step is where it was ("the code should
	// still be the very last thing"): a remark, no move
	stillWords = []string{"still"}
	// heldPlaceWords in the clause of a place said by position ("don't
	// remove the second to last step", "keep the one before last", "the
	// steps after the compare are fine") say the step there stays: the
	// place names no step to change
	heldPlaceWords = []string{"not", "dont", "never", "keep", "leave", "touch", "stay", "stays", "remain", "remains", "fine", "ok", "okay", "untouched", "alone", "nothing"}
	// countedNounWords right after a place counted from the end ("the second
	// to last scan") say which steps are counted: only the general "step",
	// "check" counts every check
	countedNounWords = []string{"scan", "scans", "code", "codes", "otp", "otps", "compare", "comparison", "question", "questions", "selfie", "document", "id"}
	// beyondExceptWords end the steps "everything after X" picks and open
	// the ones it leaves: "remove everything after the scan except the
	// email code", "…apart from the SMS", "…other than…", "…that isn't…"
	beyondExceptWords = []string{"except", "apart", "other", "but", "excluding", "save", "isnt"}
	// frontedTalkWords after "after the X it should …" say what the avatar
	// says or the order the steps go in ("after the compare it should tell
	// them the match passed", "… it should go liveness then email"): when
	// what is said names a step, the fronted place is not cut off as a clause
	frontedTalkWords = []string{"tell", "say", "thank", "explain", "inform", "let", "go", "show", "remind", "mention", "warn", "congratulate"}
	// whatWords and followVerbs make the subject "whatever comes after it"
	// of "…, whatever comes after it should be an email OTP": what a
	// condition leads to
	whatWords     = []string{"whatever", "what", "anything"}
	followVerbs   = []string{"comes", "follows", "happens"}
	condLeadWords = []string{"if", "when", "unless", "otherwise"}
	// dashWords are the dashes that set off a thought inside a change ("—
	// on second thought make it 21"), as words between spaces
	dashWords = []string{"-", "–", "—", "--"}
	// listJoinWords join two steps of a list a correction takes one of
	// back ("liveness and an email otp, actually no use sms")
	listJoinWords = []string{"and", "with", "plus"}
	// negatedPlaceVerbWords and placeFillerWords are what else a place ruled
	// out of a step may say ("the SMS code shouldn't be last", "… must not
	// come at the very end of the flow"); after "be", a negatedPlacePassive
	// word says it in the passive ("cannot be done last", "shouldn't be sent
	// first")
	negatedPlaceVerbWords = []string{"be", "go", "come", "sit", "happen", "appear", "run"}
	// faceCheckWords before a face, and liveSideWords after its "with" or
	// "against", check the face on camera against something ("control the
	// face with the video": "control" is the non-native "check")
	faceCheckWords = []string{"check", "checks", "checked", "checking", "control", "controls", "controlled", "verify", "verified", "validate", "validated", "confirm"}
	liveSideWords  = []string{"video", "camera", "webcam", "live", "stream"}
	// keptWords after a be-form keep the steps named ("liveness and the SMS
	// OTP SHALL be kept")
	keptWords = []string{"kept", "retained", "maintained", "preserved", "unchanged"}
	// ruleNounWords after "against" name a rule the text set, not data to
	// compare with ("validate the date of birth against that requirement")
	ruleNounWords = []string{"requirement", "requirements", "rule", "rules", "policy", "policies", "limit", "limits", "threshold", "minimum", "criterion", "criteria", "condition", "clause", "restriction"}
	// copeVerbWords after "can"/"will" say how a step copes once another is
	// removed ("remove the face scan, the compare can use the video")
	copeVerbWords = []string{"use", "work", "read", "rely", "manage", "cope"}
	// lengthJudgedWords after a negation judge a code length named before it
	// too weak ("4 digits is not acceptable", "a 4-digit code is not
	// enough"); lengthRejectedWords do so on their own after a be-form ("4
	// digits is insufficient"): a length ruled out, never the one set
	lengthJudgedWords = []string{"acceptable", "enough", "sufficient", "allowed", "permitted", "ok", "okay", "secure", "adequate", "strong", "safe", "compliant", "good"}
	// lengthSubjectWords may stand between a length and the words judging it
	// ("4 digits would not be acceptable", "a 4-digit code is only not
	// enough"); any other word ("… as anything shorter is not secure", "…
	// that is not allowed to be reused") makes the judgement another's
	lengthSubjectWords  = []string{"digit", "digits", "-", "code", "codes", "otp", "otps", "pin", "pins", "long", "only", "just", "would", "will", "should", "could", "really", "simply", "frankly", "honestly", "for", "the", "a", "an", "sms", "email", "text", "one", "ones", "on", "of", "or", "and", "length", "it", "its"}
	lengthRejectedWords = []string{"insufficient", "unacceptable", "inadequate", "forbidden", "prohibited", "banned", "disallowed", "insecure", "weak", "noncompliant"}
	// lengthDegreeWords may stand between the be-form and a lengthRejected
	// word ("4 digits is too weak", "4-digit codes are far too insecure");
	// lengthTooWords judge a length too weak only after "too" ("4 digits is
	// too short", "too few", "too easy to guess"), where they are a verdict
	lengthDegreeWords = []string{"too", "very", "far", "way", "much", "rather", "quite", "pretty", "really", "simply", "just", "plainly", "clearly", "definitely", "totally"}
	// lengthUseWords right before a number, after a length judged too weak,
	// put that number in place of the judged one ("4 digits is not enough,
	// use 8", "… are not allowed; require 8 digits")
	lengthUseWords = []string{"use", "require", "want", "need", "prefer", "pick", "choose", "take", "enforce", "mandate"}
	// lengthConcedeWords anywhere in the text of a "too weak" take the
	// verdict back or make it someone else's ("isn't too short, keep it", "I
	// don't think …", "… but fine here", "auditors said …", "was too weak
	// last year", "tell the user that …"): the length asked for stays
	lengthConcedeWords = []string{"but", "though", "although", "still", "fine", "ok", "okay", "acceptable", "accept", "said", "say", "says", "think", "thinks", "thought", "believe", "believes", "nobody", "never", "was", "were", "tell", "explain", "inform", "warn", "hardly"}
	// lengthCodeWords name the code a replacement length is said for ("use
	// 8 for the SMS", "… for the email OTP", "… for it")
	lengthCodeWords = []string{"sms", "text", "email", "e-mail", "mail", "otp", "otps", "code", "codes", "phone", "it", "them"}
	// lengthChannelWords, of lengthCodeWords, name only the code's channel:
	// the replacement length said for one is for its code ("use 8 for the
	// email": the email code, never an email entry; judgedLengthReplaced)
	lengthChannelWords = []string{"sms", "email", "text", "e-mail", "mail", "phone"}
	// lengthMakeWords, before "it" and the number, put that number in place
	// of the judged one as lengthUseWords do ("4 digits is too weak; make it 8")
	lengthMakeWords = []string{"make"}
	// lengthTailWords may follow the length put in place of a judged one
	// ("use 8 for the SMS", "… 8 instead", "8 then"); any other word makes
	// the number another setting's ("we want 2 retries", "require 21+ users")
	lengthTailWords = []string{"for", "instead", "then", "now", "here", "please", "on"}
	// lengthPartWords before "N digits" make them part of another number
	// ("the last 4 digits of their card"), no code length
	// lengthOtherWords in the sentence of a "too weak" make it a verdict on
	// another number than the code ("… too weak for the PIN", "phone numbers
	// of 8 digits are too short", "a ZIP of 5 digits")
	lengthOtherWords = []string{"pin", "pins", "zip", "postcode", "card", "cards", "account", "ssn", "password", "passwords", "passcode"}
	lengthPartWords  = []string{"last", "first", "final", "leading", "trailing"}
	lengthTooWords   = []string{"short", "weak", "few", "little", "small", "easy", "guessable", "risky", "low", "insecure", "simple"}
	// orderTimingWords between a negated verb of doing and "before"/"after"
	// bound the time of the step ("must not be sent later than 5 minutes
	// after …", "right before …"): the step after them is no step ruled out
	orderTimingWords = []string{"right", "just", "directly", "immediately", "shortly", "later", "earlier", "sooner", "than", "more", "less", "any", "within", "long", "too", "so", "soon", "a", "few"}
	// circumstanceLeadWords open the circumstance a step must not be done in
	// ("liveness must not be performed in low light", "… with glasses on",
	// "… without consent"); wholeScopeWords after them make it the whole
	// flow again ("… in this flow", "… for us", "… here", "… at all")
	circumstanceLeadWords = []string{"in", "under", "with", "without", "on", "during", "while", "when", "whilst", "unless", "until", "from", "against", "near", "outdoors", "twice", "more", "again"}
	wholeScopeWords       = []string{"flow", "flows", "us", "here", "now", "all", "anymore", "longer", "this", "our", "any", "production", "journey", "process", "product", "app", "anywhere", "ever",
		// (every session of the flow, every user: "for everyone", "on anyone",
		// "during onboarding", "in that case or any other", "nor for anyone else")
		"everyone", "everybody", "every", "anyone", "anybody", "else", "other", "session", "sessions", "onboarding", "verification"}
	// stepPairLeadWords open a circumstance that is another step ("liveness
	// must not be performed with the SMS OTP"): the two steps together are
	// what is ruled out, no circumstance the app keeps
	stepPairLeadWords = []string{"with", "without", "alongside", "against", "beside", "besides"}
	// doneAgainWords after a negated verb of doing rule out a repetition
	// ("liveness must not be performed twice", "the SMS OTP must not be sent
	// again", "… run more than once"): the step once, never another run
	// upperLimitWords make the age a rule holds a date of birth against the
	// most, not the least ("against the upper limit of 70", "the maximum age
	// of 30")
	// beyondCaseWords in a clause "in that case" widen it past the case to
	// every session ("in that case or any other", "nor for anyone else")
	beyondCaseWords = []string{"other", "others", "else", "everyone", "everybody", "anyone", "anybody", "every", "all", "always"}
	// goneVerbWords after "will"/"can" say a step goes or is no more ("the
	// email OTP will also disappear", "liveness will then go too"), never what
	// a step that stays does (stepActs); "be", "have", "need", "not" say no act
	// pairedStepWords after a stepPairLeadWords word name another step ("…
	// with the SMS OTP"); a document type is what a scan is done with ("…
	// with a driver's licence": the types it takes, no second step)
	pairedStepWords = []string{"liveness", "sms", "email", "code", "selfie", "face", "recognize"}
	goneVerbWords   = []string{"go", "be", "have", "need", "not", "disappear", "vanish", "leave", "drop", "stop", "end", "die", "fall", "lapse"}
	upperLimitWords = []string{"upper", "maximum", "max", "ceiling", "cap", "highest", "oldest", "top"}
	doneAgainWords  = []string{"again", "twice", "more", "thrice", "anew"}
	// hedgeIfWords right after "if"/"where" make the opener a hedge of the
	// speaker's, no case a session can be in ("If we're honest", "If you
	// want my opinion", "If anything", "Where possible", "If possible")
	hedgeIfWords = []string{"we", "i", "im", "ive", "you", "youre", "possible", "possibly", "anything", "necessary", "needed", "honest", "so", "feasible", "practical", "at", "in", "anyone", "everyone", "allowed"}
	// modalAdverbWords come between a modal and its verb ("the compare will
	// then use the video", "liveness can still do it")
	modalAdverbWords = []string{"then", "still", "just", "now", "also", "simply", "instead", "easily", "probably"}
	// untoldIfLeadWords open a condition whose case a step left out in the
	// same sentence is said of ("If the user is a returning customer, skip
	// the liveness check"); "when" and "for" open events and groups too
	// ("unless X, no Y" leaves Y out of every session but case X: no
	// untold case, the default is the exclusion)
	untoldIfLeadWords = []string{"if", "where"}
	// orderCloseWords between a negated verb of doing and "before"/"after"
	// say how close, not how long ("must not be sent right before …"): the
	// order is still what is ruled out
	orderCloseWords = []string{"right", "just", "directly", "immediately", "straight"}
	// performedWords after "must not be" say how a step is done; with a
	// circumstance after them ("liveness must not be performed in low
	// light") the negation is of the circumstance, not of the step
	performedWords = []string{"performed", "conducted", "carried", "done", "run", "executed", "applied"}
	// withheldWords after "must not be", "SHALL NOT be" say the step named as
	// the subject is not done ("an SMS code must not be sent", "camera
	// permission SHALL NOT be requested"); under "if" it is a failure instead
	withheldWords            = []string{"sent", "requested", "issued", "triggered", "prompted", "collected", "captured", "scanned", "taken", "asked"}
	negatedPlacePassiveWords = []string{"done", "sent", "run", "placed", "put", "performed", "scheduled", "triggered", "asked", "positioned", "executed"}
	// placeScopeWords open who or where a place is ruled out for ("… shouldn't
	// be last on mobile", "… first for returning users")
	placeScopeWords  = []string{"on", "for", "in", "during", "with", "when", "while", "across"}
	placeFillerWords = []string{"at", "very", "step", "one", "thing", "check", "in", "of", "flow", "on", "list", "please", "though", "tho", "however", "anymore", "ever"}
	// answerStopWords after a piece of data the user must say make it more
	// than one answer the avatar asks for ("… and agree to the terms", "…
	// or their member number", "… at the branch", "… to the cashier")
	answerStopWords = []string{"and", "or", "at", "to", "about", "with", "unless", "if", "when", "before", "after", "during"}
)

// wholeFamilyWords before a step's name take every step of its family the flow
// has ("remove every code apart from the SMS one", "rip out both codes",
// "drop all the codes"): the removal names each code, not the first.
var wholeFamilyWords = []string{"all", "every", "both", "each"}

// Edit's self-answers and rethinks.
var (
	// notTurnDownLeadWords: the word after the "not" of a short answer to the
	// writer's own question that turns the suggestion down ("not yet", "not
	// now", "not in this version", "not for returning users", "not those").
	// Any other ("not needed anymore", "not a bad idea", "not optional, we need
	// it", "not urgent", "not passports, any ID") agrees, insists or corrects:
	// the question stands as asked.
	notTurnDownLeadWords = []string{"yet", "now", "for", "in", "this", "that", "those", "these", "them", "it", "today", "until", "ever", "at", "right"}
	// notTurnDownAloneWords turn a suggestion down only when nothing follows
	// them ("does it matter? not really", but "not really needed" agrees)
	notTurnDownAloneWords = []string{"really", "quite", "much", "necessarily"}
	// explainPhrases: phrases of lex.rethink that in a change explain or insist
	// ("add an email code. I mean, the sms alone is not enough", "remove the sms
	// code — I mean it"), not take back what was said; "I meant" corrects.
	explainPhrases = []string{"i mean"}
	// letWords after a rethink phrase open its instruction ("on second thought,
	// let them retry once"), not a filler to skip
	letWords = []string{"let", "lets", "us"}
	// otherWords after a swap name another pair ("then swap the other two")
	otherWords = []string{"other", "others", "remaining", "rest"}
	// keepAllWords, alone after a verb of keeping, point back at every step
	// the removal before named ("actually, keep them", "no, keep both of them")
	keepAllWords = []string{"them", "both", "all", "of", "those", "these", "everything", "actually", "then", "after", "please"}
)

// condGlossEnd: where the text resumes after a bracket opened at i that
// glosses the condition before it ("if they are new to us (not recognised)",
// "when they're under 18 (a minor)"): the clause so far opens on a condition's
// conjunction and says more than its subject, the bracket holds a few words
// and no punctuation, and it ends the condition (a comma, a line's end or the
// text's follows it). 0 when it is no such bracket.
func condGlossEnd(out []token, text string, i int) int {
	k := len(out)
	for k > 0 && out[k-1].w != "." && out[k-1].w != "," && out[k-1].w != ":" && out[k-1].w != quoteW {
		k--
	}
	if k >= len(out) || !lex.condOpen[out[k].raw] || len(out)-k < 4 {
		return 0
	}
	j := strings.IndexAny(text[i:], "(),.;:\n")
	if j < 0 || text[i+j] != ')' || len(strings.Fields(text[i:i+j])) > 4 {
		return 0
	}
	for _, w := range strings.Fields(strings.ToLower(text[i : i+j])) {
		if lex.condNarrow[strings.Trim(w, "'\"")] {
			// "if the SMS code fails (not delivered)": the bracket says
			// which failure, it narrows the condition, no restatement
			return 0
		}
	}
	e := i + j + 1
	for e < len(text) && (text[e] == ' ' || text[e] == '\t') {
		e++
	}
	if e < len(text) && text[e] != '\n' && text[e] != ',' {
		return 0
	}
	return e
}
