package exporter

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

func loadFlow(t testing.TB, uc UseCase) flow.Flow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "flows", string(uc)+".json"))
	require.NoError(t, err)
	f, err := flow.Decode(data)
	require.NoError(t, err)
	return f
}

// TestExportTo writes an app where EXPORT_TO says, for working on the templates
// by hand and for CI (.ci/export-check.sh).
func TestExportTo(t *testing.T) {
	dir := os.Getenv("EXPORT_TO")
	if dir == "" {
		t.Skip("EXPORT_TO not set")
	}
	uc, err := ParseUseCase(os.Getenv("EXPORT_USE_CASE"))
	require.NoError(t, err)
	res, err := Export(context.Background(), dir, Options{Flow: loadFlow(t, uc), UseCase: uc, Database: Database(os.Getenv("EXPORT_DATABASE"))})
	require.NoError(t, err)
	t.Log(res.Dir, len(res.Files), "files", res.Paths, "paths", res.Warnings)
}
