package flowbuild

import (
	"strings"
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// nodesOf returns the nodes of type t in f.
func nodesOf(f flow.Flow, t flow.NodeType) []flow.Node {
	var out []flow.Node
	for _, n := range f {
		if n.Type == t {
			out = append(out, n)
		}
	}
	return out
}

// TestLimitResetNeverLoosensUnasked (rvS18 S1, S3, S6, S8, S10): a change that
// names a limit but does not plainly take it off the one step that carries it
// (negated, scoped to some users, on the fallback, on a step without it, a
// restriction the scan does not have) neither loosens a limit nor removes a
// step: it is refused, or the flow keeps its steps and settings.
func TestLimitResetNeverLoosensUnasked(t *testing.T) {
	cases := []struct{ base, change string }{
		{"Email code with 2 attempts, then a face scan.", "do not remove the attempt limit"},
		{"Email code with 2 attempts, then a face scan.", "never lift the try cap"},
		{"Liveness, then an email code with 2 attempts. If the code fails, fall back to an SMS code.", "lift the attempt limit on the backup"},
		{"Face scan, then an email code with 2 attempts.", "lift the attempt cap for new customers"},
		{"Email code, then a face scan.", "drop the attempt limit on the email code"},
		{"Email code with 2 attempts, then a face scan.", "drop the attempt cap on the face scan"},
		{"Scan a driving licence only, then liveness.", "remove the passport-only restriction"},
		// (rvY18 S11, S13: a negated lift, and a restriction named on a step
		// that has none, keep every step; read as removals they dropped it)
		{"Scan a driving licence only, do a liveness check, then send an email code.", "Never lift the licence-only restriction."},
		{"Scan an ID card only, then a liveness check.", "do not waive the ID card restriction"},
		{"Scan a driving licence only, do a liveness check, then send an email code.", "Remove the restriction on the email code."},
		{"Scan an ID card only, then a liveness check.", "take away the restriction on the liveness check"},
		// (rvC19 #1, mnk rows: a restriction whose noun names something
		// other than documents, or is on something no step is, widened the
		// scan's documents; refused as before)
		{"Scan an ID card only, then a liveness check, then send an email code.", "Lift the region restriction."},
		{"Scan a driving licence only, then a face scan.", "drop the restriction on age"},
		{"Scan a passport only, then an email code.", "remove the restriction on tries"},
		{"Scan a driving licence only, check the user is over 21 from the licence, then a liveness check.", "Get rid of the age restriction."},
		{"Scan an ID card only, then an email code with 2 attempts.", "waive the device restriction"},
	}
	for _, c := range cases {
		base, err := Build(c.base, Options{})
		if err != nil {
			t.Fatalf("build %q: %v", c.base, err)
		}
		res, err := Edit(base.Flow, c.change, Options{})
		if err != nil {
			continue // refused: nothing changed
		}
		for _, typ := range []flow.NodeType{flow.TypeTwoFactorEmail, flow.TypeTwoFactorSMS, flow.TypeFaceScan, flow.TypeLiveness, flow.TypeDocumentScan} {
			if len(nodesOf(res.Flow, typ)) != len(nodesOf(base.Flow, typ)) {
				t.Errorf("%q + %q: %s nodes %d, want %d", c.base, c.change, typ, len(nodesOf(res.Flow, typ)), len(nodesOf(base.Flow, typ)))
			}
		}
		for i, n := range nodesOf(res.Flow, flow.TypeTwoFactorEmail) {
			was := nodesOf(base.Flow, flow.TypeTwoFactorEmail)[i]
			if (n.MaxAttempts == nil) != (was.MaxAttempts == nil) || n.MaxAttempts != nil && *n.MaxAttempts != *was.MaxAttempts {
				t.Errorf("%q + %q: the email code's maxAttempts changed", c.base, c.change)
			}
		}
		for i, n := range nodesOf(res.Flow, flow.TypeDocumentScan) {
			was := nodesOf(base.Flow, flow.TypeDocumentScan)[i]
			if strings.Join(n.AllowedDocumentTypes, ",") != strings.Join(was.AllowedDocumentTypes, ",") {
				t.Errorf("%q + %q: the scan's documents changed to %v", c.base, c.change, n.AllowedDocumentTypes)
			}
		}
	}
}

// TestLimitResetSaysDefault: a limit taken off names the default that now
// applies (a scan's documents in resetSetting's assumption; an attempt cap or
// an expiry in clearBounds' summary).
func TestLimitResetSaysDefault(t *testing.T) {
	cases := []struct{ base, change, want string }{
		{"Liveness, then an email code with 2 attempts.", "get rid of the attempt cap on the email code", "default of 3 attempts"},
		{"Liveness, then an SMS code that expires after 90 seconds.", "remove the expiry limit on the SMS code", "default of 5 minutes"},
		{"Scan a passport only, then liveness.", "drop the passport-only restriction", "default documents (passport, ID card, driver's license)"},
	}
	for _, c := range cases {
		base, err := Build(c.base, Options{})
		if err != nil {
			t.Fatalf("build %q: %v", c.base, err)
		}
		res, err := Edit(base.Flow, c.change, Options{})
		if err != nil {
			t.Fatalf("%q + %q: %v", c.base, c.change, err)
		}
		if said := res.Summary + "\n" + strings.Join(res.Assumptions, "\n"); !strings.Contains(said, c.want) {
			t.Errorf("%q + %q: summary and assumptions %q do not say %q", c.base, c.change, said, c.want)
		}
	}
}

// TestMatchArrowNoLivenessFallback (rvS18 S4): "not a match -> SMS code"
// after a face scan and liveness hangs no fallback on liveness.
func TestMatchArrowNoLivenessFallback(t *testing.T) {
	for _, d := range []string{"Selfie, then liveness. No match -> email code.", "Face scan, liveness. Not a match -> an email code -> end."} {
		res := built(t, d, Options{})
		for _, n := range nodesOf(res, flow.TypeLiveness) {
			for _, o := range n.Outcomes {
				if o.ID == "noFace" && strings.Contains(o.Target, "fallback") {
					t.Errorf("%q: liveness.noFace -> %s", d, o.Target)
				}
			}
		}
	}
}

// TestArrowVerdictQuotedAsWritten (rvS18 M6): the "if" read before a failed
// verdict's arrow is no word of the user's and is not quoted back.
func TestArrowVerdictQuotedAsWritten(t *testing.T) {
	res, err := Build("text fails -> email code", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Assumptions {
		if strings.Contains(a, "\"if text") {
			t.Errorf("assumption quotes a word the user did not write: %q", a)
		}
	}
}
