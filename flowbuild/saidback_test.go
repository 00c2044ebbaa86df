package flowbuild

import (
	"errors"
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// A recognition against a list of people to turn away keeps them apart from
// everyone else: the listed face ends on its refusal, never on the "verified"
// closing, and the others' checks lead to a closing of their own, not to that
// refusal (rvABE15 S3). A text whose refusal cannot be placed is refused
// with ErrExclusionList, never built inverted (rvABE15 S2, S7).
func TestExclusionListKeepsTheListedApart(t *testing.T) {
	for _, text := range []string{
		"Run face recognition against the blacklisted customers we enrolled. If a customer is on the list, say that entry is denied and stop. Anyone who's off the list gets an email code.",
		"identify the visitor among enrolled fraudsters. if they're in that database the avatar says we cannot continue and we stop. if they are not in it, a selfie and an SMS code",
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(text, err)
		}
		if !splitsListed(r.Flow) {
			t.Errorf("%q: the listed and the other users share a path or the listed face is verified: %v", text, nodeIDs(r.Flow))
		}
	}
}

func TestExclusionListRefusedWhenTheRefusalCannotBePlaced(t *testing.T) {
	for _, text := range []string{
		"Banned players are enrolled in the face database. Identify everyone at check-in; if they are on the list, deny access.",
		"Self-excluded gamblers are enrolled. Recognise each gambler; anyone recognised is turned away. New gamblers do an email code.",
		"Check faces against the blacklisted customers we enrolled. If a customer is on that list, say entry is denied and end the session. Customers who are off the list get an email code.",
		"Blocklisted users are enrolled in our face database. Recognise everyone; unless they're on the list, send an email code.",
		"Banned visitors are enrolled in our face database. Recognise everyone; unless they're on the list, send an email code.", // (a user word of userWords beside "banned", mtn: mrC15 1)
	} {
		if _, err := Build(text, Options{}); !errors.Is(err, ErrExclusionList) {
			t.Errorf("%q: err = %v, want ErrExclusionList", text, err)
		}
	}
	// a ban said of something else than the enrolled faces is no list
	for _, text := range []string{
		"Email is banned for this client. Recognize them against the enrolled faces, check liveness, then an SMS code.",
		"Recognise returning users; SMS is excluded, new users scan their ID.",
	} {
		if _, err := Build(text, Options{}); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}

func nodeIDs(f flow.Flow) []string {
	var out []string
	for _, n := range f {
		out = append(out, n.ID)
	}
	return out
}

// A threat to SMS beside another mention that asks for the SMS code: the flow
// sends it, and no note says it sends none (rvABE15 M1).
func TestSMSDistrustNoteTellsTheTruth(t *testing.T) {
	for text, sends := range map[string]bool{
		"Liveness, then an SMS OTP. SMS messages are easily intercepted, so add an email code too.": true,
		"SMS messages are easily intercepted, so do liveness and an email code.":                    false,
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(text, err)
		}
		none := false
		for _, a := range r.Assumptions {
			none = none || strings.HasSuffix(a, smsDistrustNote)
		}
		if none == sends {
			t.Errorf("%q: \"sends none\" said = %v, the flow sends an SMS code = %v: %q", text, none, sends, r.Assumptions)
		}
	}
}

// A bracket after the avatar's question that holds a condition ("(above 5k
// only)") is for the builder, not words the avatar says with the question; a
// gloss ("(source of funds)") still is (rvABE15 M11).
func TestBracketConditionIsNotSpoken(t *testing.T) {
	for text, want := range map[string]bool{
		"Face scan, then ask them why they are sending the money (above 5k only).": false,
		"Face scan, then ask them where the money came from (source of wealth).":   true,
	} {
		r, err := Build(text, Options{})
		if err != nil {
			t.Fatal(text, err)
		}
		said := false
		for _, n := range r.Flow {
			said = said || strings.Contains(n.Prompt, "(")
		}
		if said != want {
			t.Errorf("%q: bracket in a line = %v, want %v", text, said, want)
		}
	}
}

// "…, with the liveness challenge required" sets the face scan's challenge and
// adds no liveness step: an assumption says only a liveness check detects a
// deepfake (rvABE15 S1).
func TestScanChallengeSaysNoLivenessStep(t *testing.T) {
	r, err := Build("Just a selfie for the enrolment, with an active liveness challenge.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	said := false
	for _, a := range r.Assumptions {
		said = said || strings.Contains(a, "detects a deepfake")
	}
	if !said {
		t.Errorf("no note that no liveness check was added: %q", r.Assumptions)
	}
}
