package runner

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/facesign"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/internal/fakeclock"
)

// clock is a settable test clock.
type clock = fakeclock.Clock

func newClock() *clock { return fakeclock.New(time.Date(2025, 6, 15, 10, 0, 0, 0, time.UTC)) }

// testEngine is an engine with a fixed clock, a seeded random source and
// in-memory faces, so that two runs with the same seed are identical.
func testEngine(seed uint64, faces *MemoryFaces) (*Engine, *clock) {
	c := newClock()
	cfg := Config{Now: c.Now, Rand: rand.NewChaCha8([32]byte{byte(seed)})}
	if faces != nil {
		cfg.Faces = faces
	}
	return New(cfg), c
}

// flowsDir holds the flow package's copies of the contract's sample flows (kept equal to
// ../shared/flows by flowbuild/flow's TestSampleFlowsMatchShared).
const flowsDir = "../../flowbuild/flow/testdata/flows"

func sampleFlow(t testing.TB, name string) flow.Flow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(flowsDir, name+".json"))
	require.NoError(t, err)
	f, err := flow.Decode(data)
	require.NoError(t, err)
	return f
}

func mustFlow(t testing.TB, js string) flow.Flow {
	t.Helper()
	f, err := flow.Decode([]byte(js))
	require.NoError(t, err)
	return f
}

func pathIDs(path []facesign.PathStep) []string {
	ids := make([]string, len(path))
	for i, p := range path {
		ids[i] = p.NodeID
		if p.Outcome != "" {
			ids[i] += ":" + p.Outcome
		}
	}
	return ids
}

func ptr[T any](v T) *T { return &v }
