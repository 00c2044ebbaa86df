package flowbuild

import (
	"strings"
	"testing"
)

// The passive "reversed"/"inverted"/"flipped" is the swap verb only where
// the order of the steps is its subject and nothing negates it (rvNO17 S8: "the
// camera image must not be flipped" reversed the steps, and so did "the order
// of liveness and the SMS OTP SHALL NOT be reversed").
func TestOrderParticiple(t *testing.T) {
	for _, c := range []struct {
		s    string
		swap bool
	}{
		{"The order of the SMS code and the liveness check is to be inverted.", true},
		{"the order of the email code and the scan SHALL be reversed", true},
		{"the order of liveness and the SMS OTP SHALL NOT be reversed", false},
		{"the order of the scan and the email code must never be flipped", false},
		{"the camera image must not be flipped", false},
		{"the mirror image SHALL be flipped", false},
		{"the decision SHALL be reversed if the code fails", false},
		{"the colours SHALL be inverted in dark mode", false},
	} {
		w := strings.Fields(c.s)
		_, got := orderParticiple(w, len(w)-1)
		for i := range w[:len(w)-1] {
			if _, ok := orderParticiple(w, i); ok {
				got = true
			}
		}
		if got != c.swap {
			t.Errorf("%q: swap %v, want %v", c.s, got, c.swap)
		}
	}
}
