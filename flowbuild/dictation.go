package flowbuild

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Dictation. Developers dictate descriptions into a phone and paste the
// transcript: "K Y C flow colon scan their I D comma then live ness comma then
// an e mail code full stop". undictate reads such text back as typing writes
// it ("KYC flow: scan their ID, then liveness, then an e mail code.") before
// anything else reads it (Build, Edit), so that every later
// stage sees the words it already knows. Four rewrites, each against the
// lexicon rather than a list of phrases:
//
//   - punctuation said as a word becomes the mark (spokenMarks), unless the
//     word is used as a noun ("a grace period");
//   - single letters spelled out join into the longest word the lexicon knows
//     ("S M S", "I D", "O T P", "K Y C");
//   - a word split in two joins when the joined word names a step and the
//     second half means nothing to the lexicon ("pass port", "live ness");
//   - number words said as one number become its digits ("twenty one",
//     "zero point nine"); a single number word stays ("four digits").
//
// Quoted lines are the avatar's words and stay as written. Text with none of
// these comes back as it was.

// span is one word of the text: bytes [s, e).
type span struct{ s, e int }

// dictWords cuts text into runs of ASCII letters (apostrophes inside a word
// kept: "they're"), leaving out what is quoted: the avatar's own words
// ("says \"it takes two minutes\"").
func dictWords(text string) []span {
	out := make([]span, 0, len(text)/5+2)
	for i := 0; i < len(text); {
		if text[i] == '"' || strings.HasPrefix(text[i:], "“") {
			r, size := utf8.DecodeRuneInString(text[i:])
			end := len(text) // (an unclosed quote runs to the end)
			if _, e, ok := quoteEnd(text, i+size, r); ok {
				end = e
			}
			i = end
			continue
		}
		if !isLetter(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (isLetter(text[j]) || text[j] == '\'' && j+1 < len(text) && isLetter(text[j+1])) {
			j++
		}
		out = append(out, span{i, j})
		i = j
	}
	return out
}

// rewrite replaces bytes [s, e) of the text with by.
type rewrite struct {
	s, e int
	by   string
}

// undictate rewrites dictated text as typed text (see above).
func undictate(text string) string {
	ws := dictWords(text)
	low := strings.ToLower(text)
	var eds []rewrite
	for i := 0; i < len(ws); {
		if n, ed := dictationAt(text, low, ws, i); n > 0 {
			if k := len(eds) - 1; k >= 0 && eds[k].e == ed.s && isMark(eds[k].by) && isMark(ed.by) {
				eds[k].e = ed.e // "period new line": one mark, the first
				i += n
				continue
			}
			eds = append(eds, ed)
			i += n
			continue
		}
		i++
	}
	if len(eds) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	at := 0
	for _, ed := range eds {
		b.WriteString(text[at:ed.s])
		b.WriteString(ed.by)
		at = ed.e
	}
	b.WriteString(text[at:])
	return b.String()
}

// isMark: by is a mark spokenMarkAt wrote.
func isMark(by string) bool { return len(by) == 1 && strings.ContainsAny(by, ".,:;?!") }

// dictationAt reads one rewrite at word i: the words it takes and the edit, or 0.
func dictationAt(text, low string, ws []span, i int) (int, rewrite) {
	if n, ed := spokenMarkAt(text, low, ws, i); n > 0 {
		return n, ed
	}
	if n, ed := spelledAt(text, low, ws, i); n > 0 {
		return n, ed
	}
	if n, ed := splitWordAt(low, ws, i); n > 0 {
		return n, ed
	}
	return spokenNumberAt(low, ws, i)
}

// wordsTouch: words i and i+1 are separated by spaces only.
func wordsTouch(text string, ws []span, i int) bool {
	return i+1 < len(ws) && strings.Trim(text[ws[i].e:ws[i+1].s], " ") == ""
}

// spokenMarkAt: a punctuation word at i ("comma", "full stop"), as its mark
// written against the word before it.
func spokenMarkAt(text, low string, ws []span, i int) (int, rewrite) {
	n, mark := 0, ""
	if m, ok := spokenMarks[low[ws[i].s:ws[i].e]]; ok {
		n, mark = 1, m
	}
	if wordsTouch(text, ws, i) {
		if m, ok := spokenMarks[low[ws[i].s:ws[i+1].e]]; ok {
			n, mark = 2, m
		}
	}
	if n == 0 || i == 0 {
		return 0, rewrite{}
	}
	prev := low[ws[i-1].s:ws[i-1].e]
	if lex.determiner[prev] || markNounBefore[prev] {
		return 0, rewrite{} // "a grace period", "the 24 hour period"
	}
	if j := i + n; j < len(ws) && wordsTouch(text, ws, j-1) && markNounAfter[low[ws[j].s:ws[j].e]] {
		return 0, rewrite{} // "the period of validity"
	}
	// the mark against what comes before it, as typed
	return n, rewrite{len(strings.TrimRight(text[:ws[i].s], " ")), ws[i+n-1].e, mark}
}

// spelledAt: single letters spelled out from word i ("S M S", "a K Y C check"),
// joined into the longest run the lexicon knows as a word as written ("SMS").
func spelledAt(text, low string, ws []span, i int) (int, rewrite) {
	if ws[i].e-ws[i].s != 1 || !wordsTouch(text, ws, i) || ws[i+1].e-ws[i+1].s != 1 {
		return 0, rewrite{}
	}
	end := i + 1
	for wordsTouch(text, ws, end) && ws[end+1].e-ws[end+1].s == 1 {
		end++
	}
	for e := end; e > i; e-- {
		var b strings.Builder
		for k := i; k <= e; k++ {
			b.WriteString(text[ws[k].s:ws[k].e])
		}
		if knownAsWritten(strings.ToLower(b.String())) {
			return e - i + 1, rewrite{ws[i].s, ws[e].e, b.String()}
		}
	}
	return 0, rewrite{}
}

// knownAsWritten: the lexicon knows w as it is, with no typo read into it.
func knownAsWritten(w string) bool {
	if _, ok := lex.canon[w]; ok {
		return true
	}
	_, ok := lex.stemmed(w)
	return ok && !unstemmed[w]
}

// splitWordAt: a word split in two by a stray space ("pass port", "live ness"):
// the two join when the joined word names a step (a rule of rules.go reads it)
// and the second half is no word the lexicon knows ("e mail" joins by joins;
// "face scan" is two words).
func splitWordAt(low string, ws []span, i int) (int, rewrite) {
	if !wordsTouch(low, ws, i) {
		return 0, rewrite{}
	}
	first, second := low[ws[i].s:ws[i].e], low[ws[i+1].s:ws[i+1].e]
	if len(first) < 2 || len(second) < 3 || len(first)+len(second) > 32 {
		// (halves of two and three letters or more: "by e mail" is no "bye")
		return 0, rewrite{}
	}
	var buf [32]byte // (the joined word looked up without allocating)
	lm, ok := lex.canon[string(append(append(buf[:0], first...), second...))]
	if !ok || knownAsWritten(second) || lex.joinInContext[string(append(append(append(buf[:0], first...), ' '), second...))] {
		// (a pair joinTokens joins only where the words around it say it names
		// a thing is joined there: "retry it one time" counts times)
		return 0, rewrite{}
	}
	if _, step := rules[lm]; !step {
		return 0, rewrite{}
	}
	return 2, rewrite{ws[i].s, ws[i+1].e, first + second}
}

// spokenNumberAt: number words from word i said as one number, as the digits
// typing writes: a compound ("twenty one" 21) or a decimal ("zero point nine"
// 0.9), which no later stage reads as words.
func spokenNumberAt(low string, ws []span, i int) (int, rewrite) {
	word := func(k int) string {
		if k >= len(ws) || k > i && strings.Trim(low[ws[k-1].e:ws[k].s], " -") != "" {
			return "" // (a number said aloud runs over spaces and hyphens only)
		}
		return low[ws[k].s:ws[k].e]
	}
	v, ok := numberWord(word(i))
	if !ok {
		return 0, rewrite{}
	}
	n := 1
	if v >= 20 && v%10 == 0 {
		if u, ok := numberWord(word(i + 1)); ok && u > 0 && u < 10 {
			v, n = v+u, 2 // "twenty one"
		}
	}
	lit := strconv.Itoa(v)
	if v < 10 && word(i+1) == numberPoint {
		digits := ""
		for k := i + 2; ; k++ {
			d, ok := numberWord(word(k))
			if !ok || d > 9 {
				break
			}
			digits += strconv.Itoa(d)
		}
		if digits != "" {
			lit, n = lit+"."+digits, 2+len(digits) // "zero point nine"
		}
	}
	if n == 1 {
		// one number word is read where it stands ("four digits", "under
		// eighteen", "compare the two"), and written as said
		return 0, rewrite{}
	}
	if e := ws[i+n-1].e; e < len(low) && low[e] == '-' {
		// "twenty one-time codes", "at one point two-factor": the last word
		// is the head of a compound, no part of a number
		return 0, rewrite{}
	}
	return n, rewrite{ws[i].s, ws[i+n-1].e, lit}
}

// numberWord: the value of a number word ("zero" included).
func numberWord(w string) (int, bool) {
	if w == "zero" {
		return 0, true
	}
	v := numberWords[w]
	return v, v > 0
}
