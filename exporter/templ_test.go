package exporter

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var updateTempl = flag.Bool("update-templ", false, "regenerate the templates' _templ.go.tmpl files with templ")

// templModule is the module path the check exports with; distinctive enough to
// turn back into the template's placeholder without touching anything else.
const templModule = "example.com/templcheck"

// TestTemplOutputInStep exports an app, runs templ generate over it (the
// version pinned as this module's tool) and requires every generated file to
// equal what the templates hold: a .templ change without regenerating fails
// here. -update-templ writes the regenerated files back into templates/.
func TestTemplOutputInStep(t *testing.T) {
	if testing.Short() {
		t.Skip("runs templ")
	}
	dir := filepath.Join(t.TempDir(), "app")
	_, err := Export(context.Background(), dir, Options{Flow: loadFlow(t, DeviceRecovery), UseCase: DeviceRecovery, ModulePath: templModule})
	require.NoError(t, err)
	var templs []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".templ") {
			templs = append(templs, p)
		}
		return err
	}))
	require.NotEmpty(t, templs)
	before := map[string][]byte{}
	for _, p := range templs {
		gen := strings.TrimSuffix(p, ".templ") + "_templ.go"
		b, err := os.ReadFile(gen)
		if err == nil {
			before[gen] = b
		}
	}
	cmd := exec.Command("go", "tool", "templ", "generate", "-include-version=false", "-path", dir)
	cmd.Dir = ".." // this module, which pins templ as a tool
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, p := range templs {
		gen := strings.TrimSuffix(p, ".templ") + "_templ.go"
		after, err := os.ReadFile(gen)
		require.NoError(t, err)
		rel, _ := filepath.Rel(dir, gen)
		src := filepath.Join("..", "templates", "app", rel+".tmpl")
		if *updateTempl {
			require.NoError(t, os.WriteFile(src, []byte(strings.ReplaceAll(string(after), templModule, "{% .Module %}")), 0o644))
			continue
		}
		require.Equal(t, string(after), string(before[gen]), "%s is stale: run go test ./exporter -run TestTemplOutputInStep -update-templ", src)
	}
}
