package flow

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrNoStart is returned by path functions for a flow without a start node.
var ErrNoStart = errors.New("flow: the flow has no start node")

// PathStep is one node on a path and the outcome taken out of it. The last step of a
// path has no outcome (an end, the node a cycle returns to, or a dead end).
type PathStep struct {
	NodeID  string   `json:"nodeId"`
	Type    NodeType `json:"type"`
	Outcome string   `json:"outcome,omitempty"`
}

// Paths is every way through a flow from its start node, by how each way stops.
type Paths struct {
	// Complete paths reach an end node.
	Complete [][]PathStep `json:"complete"`
	// Cycles stop where the next node is already on the path; the last step is
	// that node, so the loop reads from its first occurrence to the end.
	Cycles [][]PathStep `json:"cycles"`
	// DeadEnds stop at a node with no way on: an outcome pointing at a missing
	// node (the last step is the node with the broken outcome, Outcome set), or a
	// node that is not an end and has no outcomes.
	DeadEnds [][]PathStep `json:"deadEnds"`
	// Truncated says a limit stopped the enumeration: more paths exist, or a path
	// was longer than the length limit.
	Truncated bool `json:"truncated"`
}

// DefaultMaxPaths bounds AllPaths when the caller passes no limit.
const DefaultMaxPaths = 1000

// AllPaths enumerates the paths from the (first) start node, following every
// outcome, one path per sequence of outcomes. It never loops: a path stops when
// it would revisit a node and is reported as a cycle. At most maxPaths paths are
// reported in all (DefaultMaxPaths when maxPaths <= 0) and none longer than
// maxLength steps (no limit beyond the flow's size when maxLength <= 0); hitting
// either limit sets Truncated.
func AllPaths(f Flow, maxPaths, maxLength int) (Paths, error) {
	start := firstStartIndex(f)
	if start < 0 {
		return Paths{}, ErrNoStart
	}
	if maxPaths <= 0 {
		maxPaths = DefaultMaxPaths
	}
	if maxLength <= 0 || maxLength > len(f)+1 {
		maxLength = len(f) + 1 // a path without repeats has at most len(f) nodes, +1 for the repeated one
	}
	w := pathWalker{f: f, lookup: idIndexer(f), onPath: make([]bool, len(f)), maxPaths: maxPaths, maxLength: maxLength}
	w.walk(start)
	return w.out, nil
}

type pathWalker struct {
	f         Flow
	lookup    func(string) int
	onPath    []bool
	steps     []PathStep
	out       Paths
	maxPaths  int
	maxLength int
}

func (w *pathWalker) count() int {
	return len(w.out.Complete) + len(w.out.Cycles) + len(w.out.DeadEnds)
}

// emit records a copy of the current steps in dst, unless the path limit is reached.
func (w *pathWalker) emit(dst *[][]PathStep) bool {
	if w.count() >= w.maxPaths {
		w.out.Truncated = true
		return false
	}
	*dst = append(*dst, append([]PathStep(nil), w.steps...))
	return true
}

// walk visits node i with the current path before it; it returns false once the
// path limit stops the enumeration.
func (w *pathWalker) walk(i int) bool {
	n := &w.f[i]
	w.steps = append(w.steps, PathStep{NodeID: n.ID, Type: n.Type})
	defer func() { w.steps = w.steps[:len(w.steps)-1] }()
	last := len(w.steps) - 1

	if w.onPath[i] {
		return w.emit(&w.out.Cycles)
	}
	if n.Type == TypeEnd {
		return w.emit(&w.out.Complete)
	}
	edges := n.Edges()
	if n.Type == TypeStart && n.Next == "" {
		edges = []Outcome{{ID: "outcome"}}
	}
	if len(edges) == 0 {
		return w.emit(&w.out.DeadEnds)
	}
	if len(w.steps) >= w.maxLength {
		w.out.Truncated = true
		return true
	}
	w.onPath[i] = true
	defer func() { w.onPath[i] = false }()
	for _, e := range edges {
		w.steps[last].Outcome = e.ID
		t := -1
		if e.Target != "" {
			t = w.lookup(e.Target)
		}
		if t < 0 {
			if !w.emit(&w.out.DeadEnds) {
				return false
			}
			continue
		}
		if !w.walk(t) {
			return false
		}
	}
	return true
}

// SuccessPath returns the node ids of the success path as the builder's yardstick
// defines it: from the start node follow start's outcome; out of a map-outcome node
// its success outcome (the catalogue's first: livenessDetected, passed, match,
// recognized, scanSuccess, emailEntered, verified, permissionsGranted); out of a
// conversation or data_validation its first outcome; stop at an end node. It fails
// when the path loops, an outcome is missing or points at no node, or a node's type
// is unknown. On failure the ids walked so far come with the error (the node the
// walk stopped at last; none without a start node): the sandbox still judges a
// session against as much of the path as exists.
func SuccessPath(f Flow) ([]string, error) {
	idx, _, err := SuccessWalk(f)
	return nodeIDs(f, idx), err
}

// SuccessWalk follows the success path as far as it goes. It returns the node
// indices visited and, for each but the last, the index into Edges() taken; on
// failure the prefix walked so far comes with the error.
func SuccessWalk(f Flow) (nodes, taken []int, err error) {
	i := firstStartIndex(f)
	if i < 0 {
		return nil, nil, ErrNoStart
	}
	lookup := idIndexer(f)
	seen := make([]bool, len(f))
	for {
		n := &f[i]
		if seen[i] {
			return nodes, taken, fmt.Errorf("flow: the success path loops back to node %q: %s", n.ID, joinNodeIDs(f, append(nodes, i)))
		}
		seen[i] = true
		nodes = append(nodes, i)
		if n.Type == TypeEnd {
			return nodes, taken, nil
		}
		k, name, err := successEdge(n)
		if err != nil {
			return nodes, taken, err
		}
		target := n.Edges()[k].Target
		next := -1
		if target != "" {
			next = lookup(target)
		}
		if next < 0 {
			return nodes, taken, fmt.Errorf("flow: on the success path, %s of node %q points at %q, which is not a node in this flow", name, n.ID, target)
		}
		taken = append(taken, k)
		i = next
	}
}

// successEdge picks the index into n.Edges() that the success path takes.
func successEdge(n *Node) (int, string, error) {
	switch n.Type {
	case TypeStart:
		if n.Next == "" {
			return 0, "", fmt.Errorf("flow: start node %q has no outcome", n.ID)
		}
		return 0, `"outcome"`, nil
	}
	info, ok := catalogByType[n.Type]
	if !ok {
		return 0, "", fmt.Errorf("flow: the success path reaches node %q of unknown type %q", n.ID, n.Type)
	}
	if info.Shape == ShapeList {
		if len(n.Outcomes) == 0 {
			return 0, "", fmt.Errorf("flow: the success path reaches %s node %q, which has no outcomes", n.Type, n.ID)
		}
		return 0, "first outcome " + strconv.Quote(n.Outcomes[0].ID), nil
	}
	want := info.SuccessOutcome()
	k := outcomePos(n, want)
	if k < 0 {
		return 0, "", fmt.Errorf("flow: the success path reaches %s node %q, which has no %q outcome", n.Type, n.ID, want)
	}
	return k, "outcome " + strconv.Quote(want), nil
}

func firstStartIndex(f Flow) int {
	for i := range f {
		if f[i].Type == TypeStart {
			return i
		}
	}
	return -1
}

// indexer resolves ids to the first node carrying them.
// Indexer returns a lookup from node id to the index of the first node with
// that id, -1 for none: built once, for code that resolves many targets.
func (f Flow) Indexer() func(string) int { return idIndexer(f) }

func idIndexer(f Flow) func(string) int {
	m := make(map[string]int, len(f))
	for i := len(f) - 1; i >= 0; i-- {
		m[f[i].ID] = i
	}
	return func(id string) int {
		if i, ok := m[id]; ok {
			return i
		}
		return -1
	}
}

func nodeIDs(f Flow, idx []int) []string {
	if idx == nil {
		return nil
	}
	ids := make([]string, len(idx))
	for k, i := range idx {
		ids[k] = f[i].ID
	}
	return ids
}

func joinNodeIDs(f Flow, idx []int) string {
	return strings.Join(nodeIDs(f, idx), " → ")
}
