package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A change that numbers a ticket's criterion ("remove AC2") is not read as
// the flow's n-th step: a flow does not keep its ticket's numbering, and a
// criterion may hold two steps, a setting, a question, a fallback or a
// condition the builder turns into a check of its own (rvH16 S1-S4, S14,
// S15). The change is refused, saying why, and no step is removed.
func TestACRefNotReadAsNthStep(t *testing.T) {
	for _, tt := range []struct{ base, change string }{
		{"AC1: passport scan and a liveness check\nAC2: email code", "remove AC2"},
		{"AC1: liveness\nAC2: ask them what they are here for\nAC3: SMS code", "remove AC2"},
		{"AC1: liveness\nAC2: SMS code\nAC3: the SMS code has 8 digits\nAC4: email code", "remove AC3"},
		{"AC1: liveness check\nAC2: face recognition\nAC3: SMS code", "AC1 is no longer needed"},
		{"AC1: liveness\nAC2: SMS code\nAC3: if the SMS fails, send an email code\nAC4: passport scan", "remove AC3"},
		{"AC1 passport scan, AC2 liveness, AC3 SMS code, AC4 email code.", "drop AC3"},
		{"Passport scan, liveness, SMS code.", "AC3 removed"},
	} {
		f := built(t, tt.base, Options{})
		_, err := Edit(f, tt.change, Options{})
		require.Error(t, err, tt.base+" || "+tt.change)
		assert.Contains(t, err.Error(), "does not keep its ticket's numbering", tt.change)
	}
	// a criterion's label that heads its new words is no number to read
	f := built(t, "Recognise the user, liveness, then an email code.", Options{})
	r, err := Edit(f, "AC3 changed: the code is now SMS", Options{})
	require.NoError(t, err)
	types := ""
	for _, n := range r.Flow {
		types += string(n.Type) + " "
	}
	assert.Contains(t, types, "two_factor_sms")
	assert.NotContains(t, types, "two_factor_email")
}

// A bracket that says which failure a condition means ("fails (not
// delivered)") narrows it: it is no restatement to drop, and a wrong code
// must not lead on to a second, easier code (rvH16 S16).
func TestCondBracketNarrowsFailure(t *testing.T) {
	f := built(t, "Face scan, then SMS code. If the SMS code fails (not received)\nsend an email code instead", Options{})
	byID := map[string]string{}
	for _, n := range f {
		byID[n.ID] = string(n.Type)
	}
	for _, n := range f {
		if n.Type != "two_factor_sms" {
			continue
		}
		for _, o := range n.Outcomes {
			if o.ID == "failed_unverified" {
				for _, m := range f {
					if m.ID != o.Target {
						continue
					}
					for _, mo := range m.Outcomes {
						assert.NotEqual(t, "two_factor_email", byID[mo.Target], "a wrong SMS code leads on to an email code")
					}
				}
				assert.NotEqual(t, "two_factor_email", byID[o.Target])
			}
		}
	}
}

// "X is no longer needed for <people>": the qualifier is a condition, and the
// step it names is no part of a removal (rvH16 S7).
func TestNoLongerNeededQualifierRemovesNothingElse(t *testing.T) {
	f := built(t, "Liveness, SMS code and email code.", Options{})
	r, err := Edit(f, "the email code is no longer needed for users who passed the SMS code", Options{})
	if err != nil {
		return // (refused: the condition cannot be built; nothing removed)
	}
	has := false
	for _, n := range r.Flow {
		has = has || n.Type == "two_factor_sms"
	}
	assert.True(t, has, "the SMS code the qualifier names stays")
}

// A colon after a swap whose words name a step the swap does not move
// ("swap the two codes: liveness last") is no gloss of the swap's order, and
// is not said back as one (rvH16 M2).
func TestSwapGlossNamesOnlyThePair(t *testing.T) {
	f := built(t, "Liveness, then SMS code, then email code.", Options{})
	r, err := Edit(f, "swap the two codes: liveness last", Options{})
	if err != nil {
		return
	}
	for _, a := range r.Assumptions {
		assert.NotContains(t, a, "as the order the swap makes")
	}
}
