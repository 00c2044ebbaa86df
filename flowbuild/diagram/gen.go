package diagram

import (
	"strconv"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Chain returns a valid flow of n nodes (n >= 3) in one line: a start, n-2
// conversations each with a "yes" to the next and a "no" to the end, an end.
// It is the long, thin shape of real flows; tests and benchmarks use it.
func Chain(n int) flow.Flow {
	n = max(n, 3)
	f := flow.Flow{{ID: "start", Type: flow.TypeStart, Next: "c1"}}
	for i := 1; i <= n-2; i++ {
		next := "c" + strconv.Itoa(i+1)
		if i == n-2 {
			next = "end"
		}
		f = append(f, flow.Node{ID: "c" + strconv.Itoa(i), Type: flow.TypeConversation,
			Prompt: "Ask the user to confirm step " + strconv.Itoa(i),
			Outcomes: []flow.Outcome{
				{ID: "yes", Target: next, Condition: "the user confirms"},
				{ID: "no", Target: "end", Condition: "the user declines"},
			}})
	}
	return append(f, flow.Node{ID: "end", Type: flow.TypeEnd})
}

// Dense returns a flow of n nodes (n >= 3) where every conversation has three
// outcomes reaching one, two and three to seven nodes forward: many crossing
// edges, the hardest shape a real flow of that size takes.
func Dense(n int) flow.Flow {
	n = max(n, 3)
	conv := n - 2
	id := func(i int) string {
		if i > conv {
			return "end"
		}
		return "c" + strconv.Itoa(i)
	}
	f := flow.Flow{{ID: "start", Type: flow.TypeStart, Next: "c1"}}
	for i := 1; i <= conv; i++ {
		f = append(f, flow.Node{ID: id(i), Type: flow.TypeConversation,
			Prompt: "Question " + strconv.Itoa(i),
			Outcomes: []flow.Outcome{
				{ID: "a", Target: id(i + 1), Condition: "a"},
				{ID: "b", Target: id(i + 2), Condition: "b"},
				{ID: "c", Target: id(i + 3 + i%5), Condition: "c"},
			}})
	}
	return append(f, flow.Node{ID: "end", Type: flow.TypeEnd})
}
