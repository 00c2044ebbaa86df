package diagram

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// updateGolden rewrites the golden drawings: go test ./flowbuild/diagram -update
var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// sampleDir is the flow package's copy of the contract's sample flows.
const sampleDir = "../flow/testdata/flows"

// checkGolden compares got with testdata/<name>, rewriting it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./flowbuild/diagram -run %s -update to create it", t.Name())
	assert.Equal(t, string(want), got, "%s drifted; if the change is intended run go test ./flowbuild/diagram -run %s -update", path, t.Name())
}

func fixtureSample(t testing.TB, name string) flow.Flow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sampleDir, name))
	require.NoError(t, err)
	f, err := flow.Decode(data)
	require.NoError(t, err)
	return f
}

func fixtureFlow(t testing.TB, js string) flow.Flow {
	t.Helper()
	f, err := flow.Decode([]byte(js))
	require.NoError(t, err, js)
	return f
}

// fxLiveness and fxChain build inline flows as the flow package's tests do:
// start → a greeting → nodes… → a closing line → end.
func fxLiveness(id, ok, other string) string {
	return `{"id":"` + id + `","type":"liveness_detection","outcomes":{"livenessDetected":"` + ok + `","deepfakeDetected":"` + other + `","noFace":"` + other + `"}}`
}

func fxChain(first string, nodes ...string) string {
	all := append([]string{
		`{"id":"start","type":"start","outcome":"hi"}`,
		`{"id":"hi","type":"conversation","prompt":"Say: Hello! This takes under a minute, so please look at the camera while we talk.","doesNotRequireReply":true,"outcomes":[{"id":"go","targetNodeId":` + strconv.Quote(first) + `,"condition":""}]}`,
	}, nodes...)
	all = append(all, `{"id":"bye","type":"conversation","prompt":"Say: Thank you, that's all.","doesNotRequireReply":true,"outcomes":[{"id":"b","targetNodeId":"end","condition":""}]}`, `{"id":"end","type":"end"}`)
	return "[" + strings.Join(all, ",") + "]"
}
