package flowbuild

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A step told to stay where it already is is reported as kept, never as a move
// the flow does not show (rvB19 M5); a ruled-out place set off by dashes is
// quoted without the closing dash (rvB19 M3).
func TestOrderSaidAsDone(t *testing.T) {
	cases := []struct{ base, change, want, not string }{
		{"Run a liveness check, then send an email code.", "Add an SMS code, and the liveness check should remain first", "kept the liveness check at the start", "moved the liveness check"},
		{"Scan the passport, then run a liveness check, then send an email code.", "Add a selfie - not last -, with a short instruction", `"not last"`, `"not last -"`},
	}
	for _, c := range cases {
		res, err := Edit(built(t, c.base, Options{}), c.change, Options{})
		require.NoError(t, err, c.change)
		said := res.Summary + "\n" + strings.Join(res.Assumptions, "\n")
		require.Contains(t, said, c.want, c.change)
		require.NotContains(t, said, c.not, c.change)
	}
}
