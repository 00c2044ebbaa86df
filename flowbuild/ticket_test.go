package flowbuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A change that numbers a ticket's criterion ("remove AC2") reads it as the
// flow's n-th step only where that numbering cannot be off by a liveness
// check the builder added after a recognition: there it changes nothing
// rather than remove a step the ticket did not number.
func TestACRefNotGuessedPastImpliedLiveness(t *testing.T) {
	f := built(t, "AC1 face recognition, AC2 SMS code, AC3 email code", Options{})
	r, err := Edit(f, "remove AC2", Options{})
	if err == nil {
		assert.Equal(t, len(f), len(r.Flow), "no step removed on a guess")
	}
	// AC1 sits before the added liveness check: read
	r, err = Edit(f, "remove AC1", Options{})
	require.NoError(t, err)
	for _, n := range r.Flow {
		assert.NotEqual(t, "recognition", string(n.Type))
	}
	assert.Contains(t, r.Assumptions, "Read \"AC1\" as the flow's first step, the face recognition.")
}
