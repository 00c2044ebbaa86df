package flowbuild

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/facesign/facesign-mcp/internal/intentcheck"
	"github.com/stretchr/testify/require"
)

// numHot fits the bits below hotRead: a 64th hot set does not compile.
var _ [63 - numHot]struct{}

// TestHotBitsAgree checks that a token's hot bits say what the sets' maps say,
// for every word of the corpus as tokenized (both modes), and that a token a
// rule makes, with no bits read, reads the map.
func TestHotBitsAgree(t *testing.T) {
	c, err := intentcheck.Load(filepath.Join("testdata", "intents", "corpus.json"))
	require.NoError(t, err)
	var texts []string
	for _, b := range c.Build {
		texts = append(texts, b.Description)
	}
	for _, e := range c.Edit {
		texts = append(texts, e.Base, e.Change)
	}
	seen := 0
	for _, text := range texts {
		for _, ts := range [][]token{tokenize(text), tokenizeExact(text)} {
			for _, tok := range ts {
				if tok.hot&hotRead == 0 {
					t.Fatalf("%q of %q: its hot bits were never read", tok.raw, text)
				}
				if tok.phraseFirst != lex.phraseFirst[tok.raw] {
					t.Fatalf("%q of %q: phraseFirst is %v", tok.raw, text, tok.phraseFirst)
				}
				if tok.caseWord != lex.caseWords[tok.raw] {
					t.Fatalf("%q of %q: caseWord is %v", tok.raw, text, tok.caseWord)
				}
				for s := range numHot {
					want := lex.hotMaps[s][tok.raw]
					if tok.in(s) != want {
						t.Fatalf("%q of %q: in hot set %d is %v, its map says %v", tok.raw, text, s, !want, want)
					}
					if want {
						seen++
					}
				}
			}
		}
	}
	require.Positive(t, seen)
	for s, set := range lex.hotSets() {
		for w := range set {
			made := token{raw: w}
			require.True(t, made.in(hotSet(s)), "a made token %q reads hot set %d's map", w, s)
		}
	}
	require.False(t, token{raw: "livenes"}.in(hCondIf))
}

// TestPhraseFirst checks that the first word of every set of phrases in the
// lexicon has its phraseFirst bit in lex.hot, which markHot copies into the
// tokens and phraseLen trusts to answer 0 without asking the set. A set made
// after readHot, or not through phraseSet (a literal), would fail here; the
// first of these panics in phraseSet already.
func TestPhraseFirst(t *testing.T) {
	v := reflect.ValueOf(lex).Elem()
	sets := 0
	for i := range v.NumField() {
		set := v.Field(i) // (unexported: read through reflect, not Interface)
		if set.Type() != reflect.TypeFor[phrases]() {
			continue
		}
		sets++
		for _, w := range set.MapKeys() {
			require.True(t, lex.hot[w.String()].phraseFirst, "%s: %q starts a phrase", v.Type().Field(i).Name, w.String())
		}
	}
	require.Greater(t, sets, 30)
	late := &lexicon{phraseFirst: map[string]bool{}, hot: map[string]hotWord{}}
	require.Panics(t, func() { late.phraseSet([]string{"some other time"}) }, "a phrase set made after readHot")
}

// TestCaseWords checks that every word of the lists a use-case rule compares
// by namedIn has its caseWord bit, and that every list of useCaseRule is
// either one of those or one compared some other way: a new list compared by
// raw but left out of the union newLexicon makes would never match, and fails
// here until it is put on one side.
func TestCaseWords(t *testing.T) {
	named := []string{"anyOf", "allOf", "also"}               // namedIn, hasCaseWord: gated by the caseWord bit
	other := []string{"lemmas", "before", "after", "notNext"} // compared by lemma, or about the words around
	rt := reflect.TypeFor[useCaseRule]()
	for i := range rt.NumField() {
		f := rt.Field(i)
		if f.Type == reflect.TypeFor[[]string]() {
			require.True(t, slices.Contains(named, f.Name) || slices.Contains(other, f.Name), "useCaseRule.%s: compared by namedIn (add it to caseWords in newLexicon) or not?", f.Name)
		}
	}
	for _, r := range useCaseRules {
		v := reflect.ValueOf(r)
		for _, name := range named {
			for _, w := range v.FieldByName(name).Seq2() {
				require.True(t, lex.hot[w.String()].caseWord, "rule %v, %s: %q has no caseWord bit", r.uc, name, w.String())
			}
		}
	}
}
