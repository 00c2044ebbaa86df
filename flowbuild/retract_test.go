package flowbuild

import (
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A fallback the text scopes to a bounce ("switch to an SMS code if the email
// bounces") leaves the email code's other failures where they were: a wrong
// code is no reason to offer a second factor. The last sentence is read with
// the description, not applied as an Edit that widens the condition.
func TestSwitchSentenceKeepsItsCondition(t *testing.T) {
	for _, text := range []string{
		"ID scan, liveness, then an email code. Switch to an SMS code if the email bounces.",
		"Onboarding:\n- ID scan\n- liveness\n- email code\n- switch to SMS code if the email bounces",
	} {
		res, err := Build(text, Options{})
		require.NoError(t, err)
		email := nodeOfType(res.Flow, flow.TypeTwoFactorEmail)
		require.NotNil(t, email, text)
		for _, o := range email.Outcomes {
			if o.ID == "verified" || o.ID == "delivery_failed" {
				continue
			}
			if n := res.Flow.Node(o.Target); n != nil {
				assert.NotEqual(t, flow.TypeTwoFactorSMS, n.Type, "%s: %s", text, o.ID)
				assert.NotContains(t, n.ID, "fallback", "%s: %s", text, o.ID)
			}
		}
	}
}

// A sentence that opens on a word of swapping but describes the flow ("Swap
// the ID scan for a passport scan on weekends") is no change: no line says the
// scan accepts every document while the node accepts passports only.
func TestSwapSentenceAddsNoFalseLine(t *testing.T) {
	res, err := Build("New users: ID scan and liveness. Returning users: recognition. Swap the ID scan for a passport scan on weekends.", Options{})
	require.NoError(t, err)
	doc := nodeOfType(res.Flow, flow.TypeDocumentScan)
	require.NotNil(t, doc)
	for _, a := range res.Assumptions {
		assert.NotContains(t, a, "a national ID card or a driver's license")
	}
}

// Notes say only what was read: a removal scoped by "when", a value for some
// users, a clause that says where a step goes are no take-backs or
// corrections (rvC11 33).
func TestCorrectionNotesOnlyWhatWasRead(t *testing.T) {
	for text, not := range map[string]string{
		"Liveness, email code, SMS code. Stop sending the email code when the SMS code works.":                         "taking the steps it names back out",
		"Liveness check then email code. I mean the liveness has to come before anything else.":                        "in place of",
		"SMS code that expires after 5 minutes; users can wait 2 minutes before asking for a new one. Liveness first.": "as a correction of",
		"Liveness, then an SMS code, 5 attempts - no, 3 attempts for users over 65.":                                   "as a correction of",
	} {
		res, err := Build(text, Options{})
		require.NoError(t, err)
		for _, a := range res.Assumptions {
			assert.NotContains(t, a, not, text)
		}
	}
}

// Struck words that name no step and no value are an example hidden, not a
// take-back: the note quotes the sentence whole and says nothing was struck
// out (rvC11 33).
func TestStruckExampleIsKept(t *testing.T) {
	res, err := Build("Liveness then an email code. Passwords like ~~hunter2~~ are not enough.", Options{})
	require.NoError(t, err)
	for _, a := range res.Assumptions {
		assert.NotContains(t, a, "struck through")
		assert.NotContains(t, a, "Passwords like are")
	}
	res, err = Build("ID scan, liveness, ~~email code~~ SMS code.", Options{})
	require.NoError(t, err)
	assert.Nil(t, nodeOfType(res.Flow, flow.TypeTwoFactorEmail))
}

// laterIsVersion's article branch: "a later" puts the step off only when a
// word of a version follows ("in a later version"), not a place among the
// steps ("at a later step") (mrB15 5: the branch had no case).
func TestHedgedLaterArticle(t *testing.T) {
	for text, want := range map[string]bool{
		"we might add recognition in a later version": true,
		"we might add recognition at a later step":    false,
		"maybe a doc scan in a later release":         true,
		"we might add a doc scan first, later":        false,
	} {
		if got := hedgedLater(tokenize(text)); got != want {
			t.Errorf("hedgedLater(%q) = %v, want %v", text, got, want)
		}
	}
}
