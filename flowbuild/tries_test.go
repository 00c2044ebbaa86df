package flowbuild

import (
	"testing"

	"github.com/facesign/facesign-mcp/flowbuild/flow"

	"github.com/stretchr/testify/assert"
)

// TestExtraTries: the attempts a step's words give it beyond its first (rvC13
// 1, 3, 4, 5). A count of attempts in all is one fewer, "single", "last" and
// "final" leave the step its one attempt, "once" before a subject is a time,
// and "time(s)" counts only beside a word for trying again.
func TestExtraTries(t *testing.T) {
	tests := []struct {
		text    string
		n       int
		counted bool
	}{
		{"one attempt at liveness", 0, true},
		{"they get a single attempt at the passport scan", 0, true},
		{"this is their last chance at the passport scan", 0, true},
		{"then a final attempt at the selfie", 0, true},
		{"they only get one shot at the selfie", 0, true},
		{"give them one try at the passport scan", 0, true},
		{"give them one more go at the SMS code", 1, true},
		{"a second chance", 1, true},
		{"two attempts at the selfie", 1, true},
		{"give them one last go", 1, true},
		{"allow one retry on the passport scan", 1, true},
		{"let them try again once", 1, true},
		{"let them retry once they have better light", 0, false},
		{"offer a retry once the user is ready", 0, false},
		{"let them retry once they've checked their number", 0, false},
		{"allow two retries on the selfie", 2, true},
		{"let them retry twice", 2, true},
		{"retry up to 2 times if it fails", 2, true},
		{"give them two more attempts at the selfie", 2, true},
		{"3 tries at the passport scan", 2, true},
		{"then liveness one more time", 0, false},
		{"do the liveness check two times", 0, false},
		{"let them try one more time", 1, true},
	}
	for _, tc := range tests {
		n, counted := extraTries(tokenize(tc.text), true)
		assert.Equal(t, tc.counted, counted, tc.text)
		if tc.counted {
			assert.Equal(t, tc.n, n, tc.text)
		}
	}
}

// TestSummaryBoundedBesideRetryPolicy: a bounded step is said first, so the
// flow-wide retry policy speaks of the other checks (rvC13 9), never "a check"
// as if the bounded one looped too.
func TestSummaryBoundedBesideRetryPolicy(t *testing.T) {
	p := &plan{steps: []*step{{k: kDocument, retry: true, once: true}, {k: kLiveness}}, policy: "retry"}
	got := p.summary(flow.Flow{})
	assert.Contains(t, got, "one more try at it")
	assert.Contains(t, got, "When another check fails, the avatar offers to try it again")
	assert.NotContains(t, got, "When a check fails")
}
