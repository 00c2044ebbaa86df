package flowbuild

import (
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// TestForbiddenSkipKeepsStep (rvC19 #4): "don't let new users skip the ID
// scan", "never allow anyone to skip the liveness check" forbid an
// exclusion, so they ask for the step; read as a removal, the step was taken
// from every user. The change keeps every step (or is refused).
func TestForbiddenSkipKeepsStep(t *testing.T) {
	cases := []struct{ base, change string }{
		{"Do a liveness check, then send an email code, then scan a driving licence.", "Don't let first-time users skip the licence scan."},
		{"Send an email code, then a face scan, then a liveness check.", "Never allow anyone to skip the liveness check."},
		{"Scan the ID, then a face comparison and an SMS code.", "Do not permit customers to skip the SMS code."},
	}
	for _, c := range cases {
		base := built(t, c.base, Options{})
		res, err := Edit(base, c.change, Options{})
		if err != nil {
			continue // refused: nothing changed
		}
		for _, typ := range []flow.NodeType{flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS, flow.TypeFaceScan, flow.TypeLiveness, flow.TypeDocumentScan, flow.TypeFaceCompare} {
			if len(nodesOf(res.Flow, typ)) != len(nodesOf(base, typ)) {
				t.Errorf("%q + %q: %s nodes %d, want %d", c.base, c.change, typ, len(nodesOf(res.Flow, typ)), len(nodesOf(base, typ)))
			}
		}
	}
}
