package flowbuild

import (
	"slices"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// checkTypes counts the flow's nodes of each type that is a check (no
// conversation, start or end).
func checkTypes(f flow.Flow) map[flow.NodeType]int {
	m := map[flow.NodeType]int{}
	for _, n := range f {
		if n.Type != flow.TypeConversation && n.Type != flow.TypeStart && n.Type != flow.TypeEnd {
			m[n.Type]++
		}
	}
	return m
}

// An arrow between two steps the flow already has ("ID scan -> email code")
// is an order, never "replace A with B": replacing A with a step the flow
// has would only remove A. And a change the speaker puts off ("we're
// dropping …, next sprint, not yet") is no change now, nor is a change its
// notes turned down ("SMS instead of email — vetoed, keep email"). None
// removes a check.
func TestArrowAndLaterChangeRemoveNoCheck(t *testing.T) {
	for _, tt := range []struct{ base, change string }{
		{"Liveness check, then an email code, then a passport scan.", "passport scan -> email code"},
		{"Liveness check, then an email code, then a passport scan.", "email otp -> liveness"},
		{"Liveness check, then an email code, then a passport scan.", "heads up: we're dropping the passport scan next sprint, not yet"},
		{"Liveness check, then an email code, then a passport scan.", "we're removing the email code at some point down the line"},
		{"Liveness check, then an email code, then a passport scan.", "SMS code instead of the email code — vetoed by compliance, keep email"},
	} {
		base := built(t, tt.base, Options{})
		res, err := Edit(base.Clone(), tt.change, Options{})
		if err != nil {
			continue // (asking what to change removes nothing)
		}
		had, got := checkTypes(base), checkTypes(res.Flow)
		for k, n := range had {
			if got[k] < n {
				t.Errorf("%q on %q: the %s is gone: %s", tt.change, tt.base, k, res.Summary)
			}
		}
	}
}

// A bare "swap 2 and 3" whose numbers count something else ("switch 3 and 4
// digits on the email code") swaps no steps.
func TestBareSwapOfCountsSwapsNoSteps(t *testing.T) {
	base := built(t, "Liveness check, then an email code, then a passport scan.", Options{})
	order := func(f flow.Flow) (o []flow.NodeType) {
		for _, n := range f {
			if n.Type != flow.TypeConversation && n.Type != flow.TypeStart && n.Type != flow.TypeEnd {
				o = append(o, n.Type)
			}
		}
		return o
	}
	want := order(base)
	for _, change := range []string{"switch 2 and 3 digits on the email code", "swap 2 and 3 characters in the code"} {
		res, err := Edit(base.Clone(), change, Options{})
		if err != nil {
			continue
		}
		if got := order(res.Flow); !slices.Equal(got, want) {
			t.Errorf("%q: order %v, want %v: %s", change, got, want, res.Summary)
		}
	}
}

// mq05: in a text that splits users by recognition, "the step (right) after
// the passport scan should be a face compare" keeps the recognition and both
// paths: read as "a face compare right after the passport scan" it took the
// flow off its paths, dropping the recognition and the new users' code.
func TestSlotNamedKeepsRecognitionPaths(t *testing.T) {
	for _, text := range []string{
		"Login: face recognition; returning users get liveness then an email code, new users get a passport scan then an SMS code. The step right after the passport scan should be a face compare.",
		"Sign-in: face recognition; known customers get liveness then an email code, unknown customers get a passport scan then an SMS code. The one after the passport scan should be a face compare.",
	} {
		f := built(t, text, Options{})
		got := checkTypes(f)
		if got[flow.TypeRecognition] != 1 || got[flow.TypeTwoFactorSMS] != 1 || got[flow.TypeTwoFactorEmail] != 1 {
			t.Errorf("%q: checks %v, want the recognition and both codes kept", text, got)
		}
	}
}
