package flowbuild

import (
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// TestBoundLiftForSomeUsersKeepsIt (rvY18 S5): an attempt cap or an expiry
// taken off for some users only ("for premium members", "when the user is
// travelling") is never taken off for everyone: the change is refused, or the
// step keeps its bound.
func TestBoundLiftForSomeUsersKeepsIt(t *testing.T) {
	cases := []struct{ id, base, change string }{
		{"mny06", "Liveness, then an email code with 2 attempts.", "Take the attempt cap off the email code for premium members."},
		{"mny07", "Liveness, then an email code with 2 attempts.", "For loyal customers, drop the attempt limit on the email code."},
		{"mny08", "Liveness, then an email code that expires after 90 seconds.", "When the user is travelling, remove the expiry on the email code."},
		{"mny09", "Liveness, then an email code with 2 attempts.", "If someone is a partner, get rid of the email code's cap."},
	}
	for _, c := range cases {
		base, err := Build(c.base, Options{})
		if err != nil {
			t.Fatalf("%s: build %q: %v", c.id, c.base, err)
		}
		res, err := Edit(base.Flow, c.change, Options{})
		if err != nil {
			continue // refused: nothing changed
		}
		was, now := nodesOf(base.Flow, flow.TypeTwoFactorEmail), nodesOf(res.Flow, flow.TypeTwoFactorEmail)
		if len(now) != len(was) {
			t.Errorf("%s: %q: %d email codes, want %d", c.id, c.change, len(now), len(was))
			continue
		}
		for i := range now {
			if (now[i].MaxAttempts == nil) != (was[i].MaxAttempts == nil) || now[i].MaxAttempts != nil && *now[i].MaxAttempts != *was[i].MaxAttempts {
				t.Errorf("%s: %q: the email code's attempt cap changed for every user", c.id, c.change)
			}
			if (now[i].ExpirySeconds == nil) != (was[i].ExpirySeconds == nil) {
				t.Errorf("%s: %q: the email code's expiry changed for every user", c.id, c.change)
			}
		}
	}
}
