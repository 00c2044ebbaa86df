package flowbuild

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// The manner the avatar speaks in ("in a friendly tone", "make the greeting
// warmer", "the avatar should be formal and polite throughout"). A "Say:" line
// is spoken exactly as written and carries no tone, so a line given a tone
// becomes a goal the avatar words itself: "In a warm and friendly tone, say in
// your own words: …".

// toneLead opens every prompt given a tone; what follows it up to ", " is the tone.
const toneLead = "In a"

// toneIn reads the tone a clause asks the avatar to speak in, and the line it
// is for: "greeting", "closing", "failure", or "" for every line. The clause
// speaks of a tone ("in a friendly tone", "tone should be calm and
// reassuring", "strike a friendlier tone"), or makes a line or the avatar so
// ("make the greeting warmer", "the avatar should sound more formal", "the
// avatar should be polite throughout"). A tone ruled out ("not too formal")
// is none.
func toneIn(ts []token) (line, tone string, ok bool) {
	var words []string
	said := false // a comparative or "more …": a change of manner
	negs := negations(ts)
	for i, t := range ts {
		w := lex.tone[t.raw]
		if w == "" || negs[i] || i > 0 && ts[i-1].w == "no" {
			continue
		}
		if i+1 < len(ts) && isAlpha(ts[i+1].raw) && !lex.toneNext[ts[i+1].raw] && !lex.toneNoun[ts[i+1].raw] && lex.tone[ts[i+1].raw] == "" {
			continue // "a professional account": the noun's, no manner of speaking
		}
		if i+1 < len(ts) && (ts[i+1].raw == "enough" || ts[i+1].raw == "already") {
			continue // "the greeting is friendly enough": approval, no change
		}
		if userDoes(ts[:i]) && !hasRaw(ts, "avatar") {
			continue // "ask them to read a phrase in a calm voice": the user's manner
		}
		said = said || w != t.raw || i > 0 && (ts[i-1].raw == "more" || ts[i-1].raw == "less")
		if !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return "", "", false
	}
	line = lineTarget(ts)
	if line != "greeting" && line != "closing" && line != "failure" {
		line = ""
	}
	speaker := line != "" || hasRaw(ts, "avatar", "it", "everything", "throughout", "lines")
	if !hasAnyRaw(ts, lex.toneNoun) && !said && !(speaker && hasAnyRaw(ts, lex.toneVerb)) {
		return "", "", false
	}
	if n := len(words); n > 1 {
		tone = strings.Join(words[:n-1], ", ") + " and " + words[n-1]
	} else {
		tone = words[0]
	}
	return line, tone, true
}

// besideTone is the words of another instruction said with a tone, across an
// "and" or a comma ("be friendlier and skip the SMS code", "remove the SMS code
// and make the avatar sound more professional"), or nil.
func besideTone(ts []token) []token {
	at := slices.IndexFunc(ts, func(t token) bool { return lex.tone[t.raw] != "" })
	joint := func(t token) bool { return t.raw == "and" || t.raw == "but" || t.w == "," }
	if j := slices.IndexFunc(ts[at+1:], joint); j >= 0 && instructs(ts[at+j+2:]) {
		return ts[at+j+2:] // the tone first: "be friendlier and skip the SMS code"
	}
	// the nearest joint before it: "swap the passport scan and the SMS code,
	// and make everything calmer"
	for j := at - 1; j > 0; j-- {
		if joint(ts[j]) {
			if instructs(ts[:j]) {
				return ts[:j]
			}
			break
		}
	}
	return nil
}

// instructs: the words ask for a change of steps: a verb of change, a step
// ruled out, or a step named.
func instructs(ts []token) bool {
	a := analyze(ts, nil)
	return hasAnyRaw(ts, lex.removeVerb) || a.neg != 0 || slices.ContainsFunc(a.steps, func(s *step) bool { return !s.k.isConversation() }) ||
		slices.ContainsFunc(ts, func(t token) bool { return editVerbs[t.raw] && t.raw != "make" && t.raw != "change" })
}

// userDoes: the words ask the user to do something ("ask them to read …",
// "get the customer to say …"): a person, then "to".
func userDoes(ts []token) bool {
	for j := 0; j+1 < len(ts); j++ {
		if (lex.personPronoun[ts[j].raw] || ts[j].in(hUserWord)) && ts[j+1].raw == "to" {
			return true
		}
	}
	return false
}

// toned is prompt spoken in tone: a goal for the avatar. A prompt already
// given a tone takes the new one instead.
func toned(prompt, tone string) string {
	if tone == "" || prompt == "" {
		return prompt
	}
	prompt, _ = untoned(prompt)
	if strings.Contains(prompt, " "+tone+" tone") {
		return prompt // "explain in a friendly tone that …": said in the line
	}
	lead := "In " + toneArticle(tone) + " " + tone + " tone, "
	if said, ok := strings.CutPrefix(prompt, "Say: "); ok {
		return lead + "say in your own words: " + said
	}
	return lead + caseFirst(prompt, unicode.ToLower)
}

// caseFirst maps the first letter of s ("Ask the user …" → "ask the user …");
// "I" stays as it is.
func caseFirst(s string, to func(rune) rune) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == 'I' && (len(s) == 1 || !unicode.IsLetter(rune(s[1]))) {
		return s
	}
	return string(to(r)) + s[n:]
}

// untoned is the prompt toned wrote, without its tone, and the tone; a prompt
// that only opens the same way ("In addition to the selfie, and in a friendly
// tone, …") is the integrator's own and stays whole.
func untoned(prompt string) (string, string) {
	rest, ok := strings.CutPrefix(prompt, toneLead)
	if !ok {
		return prompt, ""
	}
	tone, rest, ok := strings.Cut(strings.TrimPrefix(rest, "n"), " tone, ")
	tone = strings.TrimSpace(tone)
	if !ok || rest == "" || !toneWordsOnly(tone) {
		return prompt, ""
	}
	if said, ok := strings.CutPrefix(rest, "say in your own words: "); ok {
		return "Say: " + said, tone
	}
	return caseFirst(rest, unicode.ToUpper), tone
}

// toneWordsOnly: the words are a tone toned wrote ("warm, friendly and calm").
func toneWordsOnly(tone string) bool {
	words := strings.FieldsFunc(tone, func(r rune) bool { return r == ' ' || r == ',' })
	for _, w := range words {
		if w != "and" && lex.tone[w] != w {
			return false
		}
	}
	return len(words) > 0
}

func toneArticle(tone string) string {
	if strings.ContainsRune("aeiou", rune(tone[0])) {
		return "an"
	}
	return "a"
}

// toneNote says what a tone asked for did to the flow.
func toneNote(line, tone string) string {
	lines := "Every line of the avatar is"
	if line != "" {
		lines = "The " + line + " line is"
	}
	return lines + " a goal in " + toneArticle(tone) + " " + tone + " tone, which the avatar words itself: a \"Say:\" line is spoken exactly as written and carries no tone."
}

// retone gives the lines of the flow being edited for line ("" for every
// line) the tone; lines layout writes anew take it from p.tones.
func (p *plan) retone(line, tone string) []string {
	if p.tones == nil {
		p.tones = map[string]string{}
	}
	p.tones[line] = tone
	set := func(n *flow.Node) {
		if n != nil && n.Type == flow.TypeConversation {
			n.Prompt = toned(n.Prompt, tone)
		}
	}
	for _, s := range p.steps {
		role := ""
		switch s.k {
		case kGreeting:
			role = "greeting"
		case kClosing:
			role = "closing"
		}
		if line == "" || role == line {
			set(s.node)
		}
		for _, f := range slices.Concat(s.fallback, s.branch) {
			if line == "" {
				set(f.node)
			}
		}
	}
	if line == "" || line == "failure" {
		set(p.failure)
	}
	if line == "" {
		set(p.newUserConv)
		for _, n := range p.transitions {
			set(n)
		}
	}
	what := "every line of the avatar"
	if line != "" {
		what = "the " + line
	}
	return []string{what + " now speaks in " + toneArticle(tone) + " " + tone + " tone"}
}

// toneFor is the tone the plan gives a line of role ("greeting", "closing",
// "failure", "" for any other line).
func (p *plan) toneFor(role string) string {
	if t := p.tones[role]; t != "" {
		return t
	}
	return p.tones[""]
}
