package flowbuild

import "slices"

// A hot set is a lexicon set that the rules ask about for nearly every word of a
// description: is it "if", a word of failing, a user, a negation. A map lookup
// costs a hash and a probe, and Build made well over a thousand of them per
// description (the largest share of its time); so every token carries, read
// once when the text is tokenized, the hot sets its word belongs to, and
// t.in(hCondIf) is a bit test. The sets stay maps: the bits are only a faster
// way to read them for a token, and a token the tokenizer did not make (one a
// rule builds) reads the map itself.
//
// The list is the sets the rules looked up most often, keyed by a token's raw
// word, on the shared corpus's descriptions (BENCHMARKS.md, the twenty-ninth
// stage); a set not in it works the same, at a map lookup's cost.
type hotSet uint8

const (
	hCondFail hotSet = iota
	hRetryNoun
	hCeaseVerb
	hCondKnown
	hListCheck
	hSubjectAux
	hCondIf
	hDeterminer
	hPopulation
	hNegAux
	hCondNew
	hCorrection
	hSearchVerb
	hUserWord
	hRetryWord
	hRetryAsk
	hAttemptNoun
	hSpeaker
	hRetract
	hReasonOpen
	hPassOnVerb
	hCorrectVerb
	hMailKind
	hOmitVerb
	hJoinFirst
	hLoginWord
	hPassiveBefore
	hEach
	hFailTimes
	hContactLead
	hSpoofProp
	hFutile
	hOwnership
	hEmailGiven
	hLackVerb
	hCondBad
	hGiveVerb
	hImageGone
	hCondStop
	hLowWord
	hUndelivered
	hOutcomeDone
	hBackRef
	hArrive
	hAfterWhich
	hNewcomer
	hAddressee
	hChoiceWord
	hDoneEarlier
	hChoiceAsk
	hSessionDone
	hPossess
	hOtherBiometric
	hTryNoun
	hPastMark
	hPolicyFail
	hFresh
	hFork
	hSmallAmount
	hPossessive
	hIssuer
	hChanceLead
	hKeepLead
	numHot
)

// hotRead marks a token whose hot bits were read: bit 63, past every hot set.
const hotRead = uint64(1) << 63

// hotSets returns the hot sets' maps in hotSet order.
func (l *lexicon) hotSets() [numHot]map[string]bool {
	return [numHot]map[string]bool{
		hCondFail:       l.condFail,
		hRetryNoun:      l.retryNoun,
		hCeaseVerb:      l.ceaseVerb,
		hCondKnown:      l.condKnown,
		hListCheck:      l.listCheck,
		hSubjectAux:     l.subjectAux,
		hCondIf:         l.condIf,
		hDeterminer:     l.determiner,
		hPopulation:     l.population,
		hNegAux:         l.negAux,
		hCondNew:        l.condNew,
		hCorrection:     l.correction,
		hSearchVerb:     l.searchVerb,
		hUserWord:       l.userWord,
		hRetryWord:      l.retryWord,
		hRetryAsk:       l.retryAsk,
		hAttemptNoun:    l.attemptNoun,
		hSpeaker:        l.speaker,
		hRetract:        l.retract,
		hReasonOpen:     l.reasonOpen,
		hPassOnVerb:     l.passOnVerb,
		hCorrectVerb:    l.correctVerb,
		hMailKind:       l.mailKind,
		hOmitVerb:       l.omitVerb,
		hJoinFirst:      l.joinFirst,
		hLoginWord:      l.loginWord,
		hPassiveBefore:  l.passiveBefore,
		hEach:           l.each,
		hFailTimes:      l.failTimes,
		hContactLead:    l.contactLead,
		hSpoofProp:      l.spoofProp,
		hFutile:         l.futile,
		hOwnership:      l.ownership,
		hEmailGiven:     l.emailGiven,
		hLackVerb:       l.lackVerb,
		hCondBad:        l.condBad,
		hGiveVerb:       l.giveVerb,
		hImageGone:      l.imageGone,
		hCondStop:       l.condStop,
		hLowWord:        l.lowWord,
		hUndelivered:    l.undelivered,
		hOutcomeDone:    l.outcomeDone,
		hBackRef:        l.backRef,
		hArrive:         l.arrive,
		hAfterWhich:     l.afterWhich,
		hNewcomer:       l.newcomer,
		hAddressee:      l.addressee,
		hChoiceWord:     l.choiceWord,
		hDoneEarlier:    l.doneEarlier,
		hChoiceAsk:      l.choiceAsk,
		hSessionDone:    l.sessionDone,
		hPossess:        l.possess,
		hOtherBiometric: l.otherBiometric,
		hTryNoun:        l.tryNoun,
		hPastMark:       l.pastMark,
		hPolicyFail:     l.policyFail,
		hFresh:          l.fresh,
		hFork:           l.fork,
		hSmallAmount:    l.smallAmount,
		hPossessive:     l.possessive,
		hIssuer:         l.issuer,
		hChanceLead:     l.chanceLead,
		hKeepLead:       l.keepLead,
	}
}

// hotWord is what one lookup tells of a word: the hot sets it is in, whether
// a phrase of some set of phrases starts with it, and whether a use-case rule
// names it. Most words are neither, so phraseLen, asked about many sets at
// every word, answers 0 at once for them (the first words are l.phraseFirst,
// made with the sets), and the use-case rules, each comparing every word of
// the text with its own lists, skip them (l.caseWords).
type hotWord struct {
	sets                  uint64
	phraseFirst, caseWord bool
}

// readHot fills l.hot, the hotWord of each word, once the sets are made.
func (l *lexicon) readHot() {
	l.hotMaps = l.hotSets()
	l.hot = map[string]hotWord{}
	for s, set := range l.hotMaps {
		l.flagHot(set, func(h *hotWord) { h.sets |= 1 << s })
	}
	l.flagHot(l.phraseFirst, func(h *hotWord) { h.phraseFirst = true })
	l.flagHot(l.caseWords, func(h *hotWord) { h.caseWord = true })
}

// flagHot sets, with set, a bit of the hotWord of each word of words.
func (l *lexicon) flagHot(words map[string]bool, set func(*hotWord)) {
	for w, ok := range words {
		if ok {
			h := l.hot[w]
			set(&h)
			l.hot[w] = h
		}
	}
}

// markHot records in each token whose bits were not read yet the hot sets its
// raw word belongs to and the word's other bits (hotWord). tokenize calls it
// before joinTokens, whose rules ask the hot sets about every word, and again
// after it for the tokens joinTokens made or respelled.
func markHot(ts []token) {
	for i := range ts {
		if t := &ts[i]; t.hot&hotRead == 0 {
			h := lex.hot[t.raw]
			t.hot, t.phraseFirst, t.caseWord = h.sets|hotRead, h.phraseFirst, h.caseWord
		}
	}
}

// Each bit beside the hot sets is asked through one predicate, true unless the
// token's bits were read and say no (a token a rule made has none read, and
// its word is looked up as before).

// mayStartPhrase: a phrase of some set of phrases may start with the token's
// word (l.phraseFirst).
func (t *token) mayStartPhrase() bool { return t.hot&hotRead == 0 || t.phraseFirst }

// maybeCaseWord: the token's word may be one a use-case rule names (l.caseWords).
func (t *token) maybeCaseWord() bool { return t.hot&hotRead == 0 || t.caseWord }

// namedIn reports whether the token's raw word is one of words, a list of a
// use-case rule (anyOf, allOf, also: all in l.caseWords, so a word its bits
// say is none of them is not compared).
func (t *token) namedIn(words []string) bool {
	return t.maybeCaseWord() && slices.Contains(words, t.raw)
}

// hasCaseWord reports whether a token of ts is namedIn words.
func hasCaseWord(ts []token, words []string) bool {
	for i := range ts {
		if ts[i].namedIn(words) {
			return true
		}
	}
	return false
}

// in reports whether the token's raw word is in the hot set s.
func (t token) in(s hotSet) bool {
	if t.hot&hotRead == 0 {
		return lex.hotMaps[s][t.raw] // a token a rule made: its bits were never read
	}
	return t.hot&(1<<s) != 0
}

// hasAnyHot is hasAnyRaw for a hot set.
func hasAnyHot(ts []token, s hotSet) bool {
	for _, t := range ts {
		if t.in(s) {
			return true
		}
	}
	return false
}
