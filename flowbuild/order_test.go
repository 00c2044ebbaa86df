package flowbuild

import (
	"slices"
	"strings"
	"testing"
)

// An order ruled out against a failed step ("don't do the ID scan after a
// failed liveness check") is no move of the main path: it must not turn into a
// fallback that lets a user past a failed check, nor remove a check.
func TestNegatedOrderAfterFailure(t *testing.T) {
	for _, tc := range []struct{ base, change string }{
		{"Liveness check, then an ID scan, then an SMS code.", "don't do the ID scan after a failed liveness check"},
		{"Liveness check, then an ID scan, then an SMS code.", "never do the ID scan after a failed liveness"},
		{"Liveness check, then an email code, then an SMS code.", "don't send the SMS after a failed email code"},
		{"Liveness check, then an ID scan, then an SMS code.", "we should never run the SMS code after the ID scan is rejected"},
	} {
		b, err := Build(tc.base, Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := Edit(b.Flow, tc.change, Options{})
		if err != nil {
			continue // a refusal is honest
		}
		var types []string
		for _, n := range r.Flow {
			types = append(types, string(n.Type))
			if strings.HasPrefix(n.ID, "fallback_") {
				t.Errorf("%q: a fallback %s was made", tc.change, n.ID)
			}
		}
		for _, n := range b.Flow {
			if n.Type != "conversation" && !slices.Contains(types, string(n.Type)) {
				t.Errorf("%q: the %s was removed", tc.change, n.Type)
			}
		}
	}
}

// An order ruled out for some users ("… for EU users") is not a move for
// everyone made without a word.
func TestNegatedOrderScoped(t *testing.T) {
	b, err := Build("Liveness check, then an SMS code, then an ID scan.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, change := range []string{"The ID scan shouldn't come after the SMS code for EU users", "the ID scan can't go after the SMS code when they're abroad"} {
		r, err := Edit(b.Flow, change, Options{})
		if err != nil {
			continue
		}
		if strings.Contains(r.Summary, "moved") && !slices.ContainsFunc(r.Assumptions, func(s string) bool { return strings.Contains(s, "EU") || strings.Contains(s, "abroad") }) {
			t.Errorf("%q: moved for everyone without a word: %s", change, r.Summary)
		}
	}
}

// The recognition a group implies is placed after a consent the avatar asks
// for first: no face is captured and matched before the user consents.
func TestImpliedRecognitionAfterConsent(t *testing.T) {
	for _, text := range []string{
		"Ask them to consent to being recorded, then do an SMS code. For anyone we don't recognise, do an ID scan.",
		"First ask whether they agree to the session being recorded. Then an email code. Anyone we can't recognise gets an ID scan.",
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ask, rec := -1, -1
		for i, n := range r.Flow {
			if ask < 0 && n.Type == "conversation" && (strings.Contains(n.Prompt, "consent") || strings.Contains(n.Prompt, "agree")) {
				ask = i
			}
			if rec < 0 && n.Type == "recognition" {
				rec = i
			}
		}
		if ask < 0 || rec < 0 || rec < ask {
			t.Errorf("%q: consent at %d, recognition at %d", text, ask, rec)
		}
	}
}
