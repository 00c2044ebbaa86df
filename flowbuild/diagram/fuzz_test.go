package diagram

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// FuzzMermaid: any flow that decodes, valid or not, draws without panicking
// and as a flowchart.
// Run: go test ./flowbuild/diagram -run '^$' -fuzz FuzzMermaid -fuzztime 30s
func FuzzMermaid(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(sampleDir, "*", "*.json"))
	require.NoError(f, err)
	top, err := filepath.Glob(filepath.Join(sampleDir, "*.json"))
	require.NoError(f, err)
	for _, file := range append(top, files...) {
		data, err := os.ReadFile(file)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fl, err := flow.Decode(data)
		if err != nil {
			return
		}
		require.Regexp(t, `^flowchart TD\n`, Mermaid(fl))
	})
}
