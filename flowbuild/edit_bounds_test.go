package flowbuild

import (
	"slices"
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// A bound taken off with no step named for it, and a remark after it, remove
// nothing ("Remove the cap, the SMS code is enough" deleted the SMS code); a
// removal that says what must stay ("don't remove the email code, just its
// limit") removes nothing either. Each is refused or keeps every code.
func TestBoundRemovalRemarkRemovesNothing(t *testing.T) {
	base := "Sign-in: liveness, then an email code with 4 attempts that expires after 8 minutes, then an SMS code with 6 attempts."
	for _, change := range []string{
		"Get rid of the limit, the email code is plenty",
		"Drop the timeout, the SMS code is enough for us",
		"Remove the max, the liveness check does the work",
		"Don't remove the email code, just its limit",
		"never remove the SMS code, only the cap on it",
	} {
		res, err := Edit(built(t, base, Options{}), change, Options{})
		if err != nil {
			continue // refused: nothing removed
		}
		for _, typ := range []flow.NodeType{flow.TypeLiveness, flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS} {
			if !slices.ContainsFunc(res.Flow, func(n flow.Node) bool { return n.Type == typ }) {
				t.Errorf("%q: %s removed (summary %q)", change, typ, res.Summary)
			}
		}
	}
}

// A bound taken off says plainly what applies now: FaceSign's default, never
// "no limit" (the contract has no unlimited attempts and no code that never
// expires).
func TestBoundRemovalSaysDefault(t *testing.T) {
	base := "Login: liveness, then an SMS code with 7 attempts that expires after 20 minutes."
	for change, want := range map[string]string{
		"remove the attempt cap on the SMS code": "default of 3 attempts",
		"drop the SMS code's expiry":             "default of 5 minutes",
	} {
		res, err := Edit(built(t, base, Options{}), change, Options{})
		if err != nil {
			t.Fatalf("%q: %v", change, err)
		}
		if !strings.Contains(res.Summary, want) {
			t.Errorf("%q: summary %q, want it to say %q", change, res.Summary, want)
		}
	}
}

// A place ruled out relative to a step with no step of its own ("Not after
// the ID scan.", "never before liveness") and a place ruled out of two
// steps ("Neither code should come first") remove nothing: refused alone,
// where they took the step named as the one ruled out.
func TestPlaceRuledOutRemovesNothing(t *testing.T) {
	base := "Transfer: liveness, then an ID scan, then an SMS code, then an email code."
	for _, change := range []string{
		"Not after the ID scan.",
		"never before liveness",
		"Neither code should come first.",
		"neither the SMS code nor the email code can go first",
	} {
		res, err := Edit(built(t, base, Options{}), change, Options{})
		if err != nil {
			continue // refused: nothing removed
		}
		for _, typ := range []flow.NodeType{flow.TypeLiveness, flow.TypeDocumentScan, flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS} {
			if !slices.ContainsFunc(res.Flow, func(n flow.Node) bool { return n.Type == typ }) {
				t.Errorf("%q: %s removed (summary %q)", change, typ, res.Summary)
			}
		}
	}
}

// A swap ruled out ("don't swap 1 and 2") swaps nothing: refused alone, said
// back beside other instructions. It swapped the two steps.
func TestNegatedSwapSwapsNothing(t *testing.T) {
	base := "KYC: liveness, then an ID scan, then an email code."
	for _, change := range []string{"don't swap 1 and 2", "never switch steps 2 and 3", "Do not swap the first and second steps"} {
		res, err := Edit(built(t, base, Options{}), change, Options{})
		if err != nil {
			continue // refused: nothing moved
		}
		var order []flow.NodeType
		for _, n := range res.Flow {
			if n.Type == flow.TypeLiveness || n.Type == flow.TypeDocumentScan || n.Type == flow.TypeTwoFactorEmail {
				order = append(order, n.Type)
			}
		}
		if !slices.Equal(order, []flow.NodeType{flow.TypeLiveness, flow.TypeDocumentScan, flow.TypeTwoFactorEmail}) {
			t.Errorf("%q: order %v, want it unchanged (summary %q)", change, order, res.Summary)
		}
	}
}
