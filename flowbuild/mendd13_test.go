package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestChoiceOptionFallbackScope (rvD13 1): a fallback scoped to a code that
// cannot be delivered takes only that outcome on every option of a choice, as
// on the main path: a wrong code (failed_unverified) never reaches the fallback
// and the steps after it ("verified").
func TestChoiceOptionFallbackScope(t *testing.T) {
	for _, text := range []string{
		"Let them choose between an SMS or email code. If the email code can't be delivered, scan their ID instead.",
		"Let them choose between an SMS or email code. If the code can't be delivered, scan their ID instead.",
		"Let them choose between an SMS or email code. If they can't receive it, scan their ID instead.",
		"Liveness, then let the user pick email or SMS for the code. If the email never arrives, do a passport scan instead.",
	} {
		res, err := Build(text, Options{})
		require.NoError(t, err, text)
		for _, n := range res.Flow {
			if n.Type != "two_factor_email" && n.Type != "two_factor_sms" {
				continue
			}
			for _, o := range n.Outcomes {
				if o.ID != "verified" && o.ID != "delivery_failed" {
					require.Equal(t, "failure", o.Target, "%s: %s.%s", text, n.ID, o.ID)
				}
			}
		}
	}
}
