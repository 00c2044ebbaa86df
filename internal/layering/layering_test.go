package layering

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mod = "github.com/facesign/facesign-mcp/"

// deps lists the packages pkg imports, directly or not (tests excluded), as
// the go command resolves them.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	if _, err := os.Stat(filepath.Join("..", "..", filepath.FromSlash(pkg))); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s does not exist yet", pkg) // preview and exporter arrive with their issues
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", mod+pkg).CombinedOutput()
	require.NoError(t, err, "%s", out)
	return strings.Fields(string(out))
}

func TestImportsPointOneWay(t *testing.T) {
	heavy := []string{
		"github.com/invopop/jsonschema",
		"github.com/goccy/go-graphviz",
		"github.com/tetratelabs/wazero",
		"github.com/mark3labs/mcp-go",
		"modernc.org/sqlite",
	}
	tests := []struct {
		pkg string
		// forbidden are import path prefixes pkg must not depend on.
		forbidden []string
		// onlyStd: nothing outside the standard library but these of ours.
		onlyOurs []string
	}{
		{pkg: "flowbuild/flow", onlyOurs: []string{}},
		{pkg: "internal/hostguard", onlyOurs: []string{}},
		{pkg: "internal/netguard", onlyOurs: []string{}},
		{pkg: "facesign", onlyOurs: []string{"flowbuild/flow"}},
		{pkg: "flowbuild/diagram", forbidden: []string{mod + "flowbuild", mod + "facesign", mod + "sandbox", mod + "tools"}},
		{pkg: "flowbuild", forbidden: append([]string{mod + "flowbuild/diagram", mod + "facesign", mod + "sandbox", mod + "tools"}, heavy[1:]...)},
		{pkg: "sandbox", forbidden: []string{mod + "tools", mod + "preview", mod + "exporter", mod + "flowbuild/diagram", "github.com/goccy/go-graphviz", "github.com/mark3labs/mcp-go"}},
		{pkg: "tools", forbidden: []string{mod + "sandbox"}},
		{pkg: "preview", forbidden: []string{mod + "sandbox", mod + "tools"}},
		{pkg: "exporter", forbidden: []string{mod + "sandbox", mod + "tools", mod + "preview"}},
	}
	for _, tc := range tests {
		t.Run(tc.pkg, func(t *testing.T) {
			for _, d := range deps(t, tc.pkg) {
				if d == mod+tc.pkg {
					continue
				}
				for _, f := range tc.forbidden {
					// flowbuild/flow is below flowbuild: forbidding the language
					// layer must not forbid the model.
					if d == f || strings.HasPrefix(d, f+"/") && !strings.HasPrefix(d, mod+"flowbuild/flow") {
						assert.Failf(t, "forbidden import", "%s depends on %s", tc.pkg, d)
					}
				}
				if tc.onlyOurs != nil && strings.Contains(strings.SplitN(d, "/", 2)[0], ".") {
					ours := strings.HasPrefix(d, mod)
					allowed := false
					for _, o := range tc.onlyOurs {
						allowed = allowed || d == mod+o
					}
					assert.True(t, ours && allowed, "%s may import only the standard library and %v, not %s", tc.pkg, tc.onlyOurs, d)
				}
			}
		})
	}
}
