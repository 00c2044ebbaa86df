package tools

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func exportStack(t *testing.T, d *Deps) *MCPStack {
	t.Helper()
	return NewMCPStack(t, StackOptions{Deps: d, HTTP: HTTPOptions{Heartbeat: -1}, Server: []server.ServerOption{server.WithOutputSchemaValidation()}})
}

const exportDescription = "second factor at login: recognise the user's face, then a liveness check"

// TestExportAppOutputDir: the rules for outputDir, given the client's roots.
func TestExportAppOutputDir(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	require.NoError(t, os.Symlink(outside, filepath.Join(root, "link")))
	exportRoot := t.TempDir()

	tests := []struct {
		name   string
		deps   Deps
		roots  []string
		dir    string
		want   string // "" when refused
		errHas string
	}{
		{name: "relative under the client's root", roots: []string{root}, dir: "apps/verify", want: filepath.Join(root, "apps", "verify")},
		{name: "absolute inside the client's root", roots: []string{root}, dir: filepath.Join(root, "abs"), want: filepath.Join(root, "abs")},
		{name: "absolute outside the client's roots", roots: []string{root}, dir: filepath.Join(outside, "x"), errHas: "outside the workspace roots"},
		{name: "climbing out", roots: []string{root}, dir: "../escape", errHas: "climbs out"},
		{name: "climbing out midway", roots: []string{root}, dir: "a/../../escape", errHas: "climbs out"},
		{name: "through a symlink", roots: []string{root}, dir: "link/app", errHas: "symbolic link"},
		{name: "the root itself", roots: []string{root}, dir: root, errHas: "is a root itself"},
		{name: "relative without roots", dir: "verify-app", errHas: "shares no workspace roots"},
		{name: "absolute without roots", dir: filepath.Join(outside, "abs-app"), want: filepath.Join(outside, "abs-app")},
		{name: "filesystem root", dir: "/", errHas: "is a root itself"},
		{name: "relative to the export root", deps: Deps{ExportNeedsRoot: true, ExportRoot: exportRoot}, dir: "team/app", want: filepath.Join(exportRoot, "team", "app")},
		{name: "outside the export root", deps: Deps{ExportNeedsRoot: true, ExportRoot: exportRoot}, roots: []string{root}, dir: filepath.Join(root, "y"), errHas: "outside the export root"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, msg := tc.deps.resolveDir(tc.dir, tc.roots)
			if tc.want == "" {
				assert.Contains(t, msg, tc.errHas)
				assert.Empty(t, got)
				return
			}
			assert.Empty(t, msg)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestExportAppOverMCP: the tool over MCP writes where it says, refuses
// relative paths from a client without roots, and, beyond loopback, works
// only under the operator's export root.
func TestExportAppOverMCP(t *testing.T) {
	c := exportStack(t, &Deps{}).Dial(t)
	dir := filepath.Join(t.TempDir(), "app")
	out := OKMap(t, CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": dir}))
	assert.Equal(t, dir, out["dir"])
	assert.Equal(t, "login-2fa", out["useCase"], "named by the description")
	assert.FileExists(t, filepath.Join(dir, "flow.json"))
	assert.Contains(t, RequireToolError(t, CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": "rel"})), "shares no workspace roots")

	c = exportStack(t, &Deps{ExportNeedsRoot: true}).Dial(t)
	assert.Contains(t, RequireToolError(t, CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": filepath.Join(t.TempDir(), "x")})), "--export-root")

	root := t.TempDir()
	c = exportStack(t, &Deps{ExportNeedsRoot: true, ExportRoot: root}).Dial(t)
	out = OKMap(t, CallTool(t, c, "export_app", map[string]any{"description": exportDescription, "outputDir": "team-app"}))
	assert.Equal(t, filepath.Join(root, "team-app"), out["dir"])
}

func TestExportAppUseCase(t *testing.T) {
	st := exportStack(t, &Deps{})

	// Unclear: the tool asks, listing the six.
	c := st.Dial(t)
	msg := RequireToolError(t, CallTool(t, c, "export_app", map[string]any{"description": "liveness check, then an email code", "outputDir": filepath.Join(t.TempDir(), "a")}))
	for _, uc := range []string{"wire-transfer-step-up", "account-recovery", "kyc-onboarding", "face-enrollment", "login-2fa", "device-recovery"} {
		assert.Contains(t, msg, uc)
	}

	// The recipe prompt the client fetched names it.
	c = st.Dial(t)
	ctx := context.Background()
	req := mcp.GetPromptRequest{}
	req.Params.Name = "device_recovery"
	_, err := c.GetPrompt(ctx, req)
	require.NoError(t, err)
	RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"description": "recognise the face, liveness check, then an email code"}), nil)
	dir := filepath.Join(t.TempDir(), "b")
	out := OKMap(t, CallTool(t, c, "export_app", map[string]any{"outputDir": dir, "database": "postgres", "appName": "acme-devices", "modulePath": "github.com/acme/devices"}))
	assert.Equal(t, "device-recovery", out["useCase"])
	assert.Equal(t, "postgres", out["database"])
	assert.Equal(t, "github.com/acme/devices", out["modulePath"])
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	assert.Contains(t, string(gomod), "module github.com/acme/devices\n")
	assert.NotEmpty(t, out["next"])

	// Update rewrites flow.json only.
	RequireOK(t, CallTool(t, c, "build_flow", map[string]any{"change": "add an SMS code at the end"}), nil)
	up := OKMap(t, CallTool(t, c, "export_app", map[string]any{"outputDir": dir, "update": true}))
	assert.Equal(t, "update", up["mode"])
	assert.ElementsMatch(t, []any{"flow.json", ".facesign-export.json"}, up["files"])
	flowJSON, err := os.ReadFile(filepath.Join(dir, "flow.json"))
	require.NoError(t, err)
	assert.Contains(t, string(flowJSON), "two_factor_sms")

	// A second export into it is refused, untouched.
	msg = RequireToolError(t, CallTool(t, c, "export_app", map[string]any{"outputDir": dir, "useCase": "login-2fa"}))
	assert.Contains(t, msg, "not empty")
	assert.Contains(t, msg, "Nothing was written")

	// An invalid flow is refused with its paths.
	msg = RequireToolError(t, CallTool(t, c, "export_app", map[string]any{"outputDir": filepath.Join(t.TempDir(), "c"), "useCase": "login-2fa",
		"flow": []any{map[string]any{"id": "start", "type": "start", "outcome": "nowhere"}}}))
	assert.Contains(t, msg, "/0/outcome")
}

func TestRootDirs(t *testing.T) {
	dir := t.TempDir()
	got := rootDirs(&mcp.ListRootsResult{Roots: []mcp.Root{
		{URI: "file://" + filepath.ToSlash(dir)},
		{URI: "https://example.com/repo"},
		{URI: "file://other-host/share"},
		{URI: "file:///does/not/exist"},
	}})
	assert.Equal(t, []string{dir}, got)
	assert.Nil(t, rootDirs(nil))
}

func TestExportAppAsksForTheUseCase(t *testing.T) {
	st := exportStack(t, &Deps{})
	form := &formAnswerer{action: mcp.ElicitationResponseActionAccept, content: map[string]any{"useCase": "face-enrollment"}}
	c := st.Dial(t, DialClientOptions(client.WithElicitationHandler(form)))
	dir := filepath.Join(t.TempDir(), "app")
	out := OKMap(t, CallTool(t, c, "export_app", map[string]any{"description": "liveness check, then an email code", "outputDir": dir}))
	assert.Equal(t, "face-enrollment", out["useCase"])
	require.Len(t, form.shown(), 1)
	assert.Contains(t, form.shown()[0].Message, "What is this app for?")

	declined := &formAnswerer{action: mcp.ElicitationResponseActionDecline}
	c = st.Dial(t, DialClientOptions(client.WithElicitationHandler(declined)))
	msg := RequireToolError(t, CallTool(t, c, "export_app", map[string]any{"description": "liveness check, then an email code", "outputDir": filepath.Join(t.TempDir(), "b")}))
	assert.Contains(t, msg, "Which use case")
}
