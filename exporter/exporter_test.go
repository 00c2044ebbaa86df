package exporter

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

var update = flag.Bool("update", false, "rewrite the golden txtar files of exported trees")

// fullInGolden are the files that differ between use cases and databases:
// the golden archives hold them whole. Every other file is listed in the
// archive's MANIFEST by its SHA-256, so that a change to any file still
// shows, without twelve copies of the whole app in the repository.
var fullInGolden = map[string]bool{
	"flow.json": true, ".facesign-export.json": true, ".env.example": true, "README.md": true, "go.mod": true,
	"main.go": true, "Dockerfile": true, ".gitignore": true, "internal/decision/usecase.go": true,
}

// txtar writes files as a txtar archive: a MANIFEST of every file, then the
// files of fullInGolden.
func txtar(files []File) string {
	var b strings.Builder
	b.WriteString("-- MANIFEST --\n")
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		fmt.Fprintf(&b, "%x  %s\n", sum[:8], f.Path)
	}
	for _, f := range files {
		if !fullInGolden[f.Path] {
			continue
		}
		b.WriteString("-- " + f.Path + " --\n")
		b.Write(f.Data)
		if len(f.Data) > 0 && f.Data[len(f.Data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestGolden: the exported tree of every use case on both databases, as txtar
// archives in testdata/golden (go test ./exporter -run TestGolden -update).
func TestGolden(t *testing.T) {
	for _, uc := range UseCases() {
		for _, db := range []Database{SQLite, Postgres} {
			t.Run(string(uc)+"-"+string(db), func(t *testing.T) {
				files, _, _, err := Render(Options{Flow: loadFlow(t, uc), UseCase: uc, Database: db})
				require.NoError(t, err)
				got := txtar(files)
				golden := filepath.Join("testdata", "golden", string(uc)+"-"+string(db)+".txtar")
				if *update {
					require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
					require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
					return
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "run go test ./exporter -run TestGolden -update")
				require.Equal(t, string(want), got, "exported tree changed: review, then go test ./exporter -run TestGolden -update")
			})
		}
	}
}

func TestRenderShape(t *testing.T) {
	files, warnings, paths, err := Render(Options{Flow: loadFlow(t, WireTransferStepUp), UseCase: WireTransferStepUp, AppName: "acme-transfers", ModulePath: "github.com/acme/transfers"})
	require.NoError(t, err)
	assert.Empty(t, warnings)
	assert.Positive(t, paths)
	byPath := map[string]string{}
	for _, f := range files {
		byPath[f.Path] = string(f.Data)
		assert.False(t, strings.HasSuffix(f.Path, ".tmpl"), f.Path)
		assert.NotContains(t, string(f.Data), "{%", "%s keeps template syntax", f.Path)
	}
	for _, must := range []string{"go.mod", "go.sum", ".env.example", "Dockerfile", "README.md", "flow.json", "main.go", "e2e_test.go",
		"internal/web/pages.templ", "internal/web/pages_templ.go", "internal/decision/usecase.go", "internal/store/migrations/0001_init.sql",
		"internal/facesign/testdata/webhook-vectors.json"} {
		assert.Contains(t, byPath, must)
	}
	assert.True(t, strings.HasPrefix(byPath["go.mod"], "module github.com/acme/transfers\n"))
	assert.Contains(t, byPath["main.go"], `"github.com/acme/transfers/internal/web"`)
	assert.Contains(t, byPath["internal/decision/usecase.go"], `Slug:  "wire-transfer-step-up"`)
	assert.Contains(t, byPath[".env.example"], "DATABASE_URL=file:data/acme-transfers.db")
}

// The app's copy of the webhook verifier is ours, byte for byte.
func TestWebhookVerifierIsOurs(t *testing.T) {
	ours, err := os.ReadFile("../facesign/webhook.go")
	require.NoError(t, err)
	theirs, err := os.ReadFile("../templates/app/internal/facesign/webhook.go.tmpl")
	require.NoError(t, err)
	require.Equal(t, string(ours), string(theirs), "copy facesign/webhook.go to templates/app/internal/facesign/webhook.go.tmpl")
}

// The app's go.mod pins what ours pins.
func TestAppDependenciesMatchOurs(t *testing.T) {
	ours, err := os.ReadFile("../go.mod")
	require.NoError(t, err)
	theirs, err := os.ReadFile("../templates/app/go.mod.tmpl")
	require.NoError(t, err)
	for _, dep := range []string{"modernc.org/sqlite", "github.com/a-h/templ", "github.com/stretchr/testify"} {
		line := func(mod []byte) string {
			for l := range strings.SplitSeq(string(mod), "\n") {
				if f := strings.Fields(l); len(f) >= 2 && f[0] == dep {
					return f[1]
				}
			}
			return ""
		}
		require.NotEmpty(t, line(theirs), dep)
		assert.Equal(t, line(ours), line(theirs), "%s: the app's version differs from ours", dep)
	}
	assert.Contains(t, string(theirs), "github.com/jackc/pgx/v5 v5.13.0")
	assert.Contains(t, string(theirs), "\ngo 1.26.0\n")
}

func TestExportWritesAndRefusesASecondTime(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "out", "app")
	o := Options{Flow: loadFlow(t, AccountRecovery), UseCase: AccountRecovery}
	res, err := Export(ctx, dir, o)
	require.NoError(t, err)
	assert.Equal(t, dir, res.Dir)
	info, err := os.Stat(filepath.Join(dir, "internal", "web", "static", "verify.js"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
	before := snapshot(t, dir)

	_, err = Export(ctx, dir, o)
	require.ErrorIs(t, err, ErrNotEmpty)
	assert.Equal(t, before, snapshot(t, dir), "a refused export leaves the directory untouched")
	assertNoLeftovers(t, filepath.Dir(dir), "app")

	// An existing empty directory is fine.
	empty := filepath.Join(t.TempDir(), "empty")
	require.NoError(t, os.Mkdir(empty, 0o755))
	_, err = Export(ctx, empty, o)
	require.NoError(t, err)

	_, err = Export(ctx, "relative/dir", o)
	require.ErrorIs(t, err, ErrInvalidOption)
}

func TestFailureHalfWayLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "app")
	files, _, _, err := Render(Options{Flow: loadFlow(t, Login2FA), UseCase: Login2FA})
	require.NoError(t, err)
	n := 0
	failing := func(name string, data []byte, perm os.FileMode) error {
		if n++; n == len(files)/2 {
			return errors.New("disk full")
		}
		return os.WriteFile(name, data, perm)
	}
	err = writeTree(context.Background(), dir, files, failing)
	require.ErrorContains(t, err, "disk full")
	assertNoLeftovers(t, parent, "")
	_, err = os.Stat(dir)
	require.ErrorIs(t, err, os.ErrNotExist)

	// A canceled context stops it the same way.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, writeTree(ctx, dir, files, os.WriteFile), context.Canceled)
	assertNoLeftovers(t, parent, "")
}

func TestRenderRefuses(t *testing.T) {
	good := loadFlow(t, FaceEnrollment)
	broken := good.Clone()
	broken[0].Next = "nowhere"
	tests := []struct {
		name string
		o    Options
		want error
		msg  string
	}{
		{"no use case", Options{Flow: good}, ErrUnknownUseCase, "choose one of wire-transfer-step-up"},
		{"unknown use case", Options{Flow: good, UseCase: "payroll"}, ErrUnknownUseCase, "payroll"},
		{"database", Options{Flow: good, UseCase: FaceEnrollment, Database: "mysql"}, ErrInvalidOption, "mysql"},
		{"app name", Options{Flow: good, UseCase: FaceEnrollment, AppName: "../evil"}, ErrInvalidOption, "appName"},
		{"app name case", Options{Flow: good, UseCase: FaceEnrollment, AppName: "MyApp"}, ErrInvalidOption, "appName"},
		{"module path", Options{Flow: good, UseCase: FaceEnrollment, ModulePath: "acme/../x"}, ErrInvalidOption, "modulePath"},
		{"module without domain", Options{Flow: good, UseCase: FaceEnrollment, ModulePath: "myapp"}, ErrInvalidOption, "modulePath"},
		{"module with quote", Options{Flow: good, UseCase: FaceEnrollment, ModulePath: `example.com/a"b`}, ErrInvalidOption, "modulePath"},
		{"empty flow", Options{UseCase: FaceEnrollment}, ErrInvalidFlow, "empty"},
		{"invalid flow", Options{Flow: broken, UseCase: FaceEnrollment}, ErrInvalidFlow, "/0/outcome"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := Render(tc.o)
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestWarnsWhenTheUseCaseCannotApprove(t *testing.T) {
	// An enrollment flow has no document scan: as KYC onboarding it can approve no one.
	_, warnings, _, err := Render(Options{Flow: loadFlow(t, FaceEnrollment), UseCase: KYCOnboarding})
	require.NoError(t, err)
	require.Len(t, warnings, 1)
	assert.Contains(t, warnings[0], "requires document_scan")
}

func TestUpdateRewritesOnlyFlowJSON(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "app")
	_, err := Export(ctx, dir, Options{Flow: loadFlow(t, DeviceRecovery), UseCase: DeviceRecovery, Database: Postgres})
	require.NoError(t, err)
	// The team changes its own code; update must not touch it.
	mine := filepath.Join(dir, "internal", "decision", "usecase.go")
	require.NoError(t, os.WriteFile(mine, []byte("package decision // ours now\n"), 0o644))
	before := snapshot(t, dir)

	changed := loadFlow(t, DeviceRecovery)
	for i := range changed {
		if changed[i].Type == flow.TypeConversation && changed[i].Prompt != "" {
			changed[i].Prompt = "Say: a changed line."
			break
		}
	}
	res, err := Update(ctx, dir, changed, Settings{Langs: []string{"en", "de"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"flow.json", ".facesign-export.json"}, res.Files)
	assert.Equal(t, DeviceRecovery, res.UseCase)
	after := snapshot(t, dir)
	for name, data := range before {
		if name == "flow.json" || name == ".facesign-export.json" {
			assert.NotEqual(t, data, after[name], name)
			continue
		}
		assert.Equal(t, data, after[name], "%s changed", name)
	}
	assert.Contains(t, after["flow.json"], "a changed line")
	assert.Contains(t, after["flow.json"], `"de"`)
	assert.Contains(t, after["internal/decision/usecase.go"], "ours now")
	assertNoLeftovers(t, dir, "")

	// A second update works (the record follows the file) and, given no
	// settings, keeps the app's; a hand edit stops the next one.
	_, err = Update(ctx, dir, loadFlow(t, DeviceRecovery), Settings{})
	require.NoError(t, err)
	after = snapshot(t, dir)
	assert.Contains(t, after["flow.json"], `"de"`, "settings kept")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "flow.json"), []byte(after["flow.json"]+" "), 0o644))
	edited := snapshot(t, dir)
	_, err = Update(ctx, dir, changed, Settings{})
	require.ErrorIs(t, err, ErrHandEdited)
	assert.Equal(t, edited, snapshot(t, dir))

	_, err = Update(ctx, t.TempDir(), changed, Settings{})
	require.ErrorIs(t, err, ErrNotExported)
}

func TestParseAndGuessUseCase(t *testing.T) {
	for in, want := range map[string]UseCase{
		"wire-transfer-step-up": WireTransferStepUp, "wire_transfer_step_up": WireTransferStepUp, "Wire transfer step-up": WireTransferStepUp,
		"KYC": KYCOnboarding, "login_2fa": Login2FA, "device recovery": DeviceRecovery,
	} {
		got, err := ParseUseCase(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := ParseUseCase("payroll")
	require.ErrorIs(t, err, ErrUnknownUseCase)

	for in, want := range map[string]UseCase{
		"step-up for wire transfers over $5,000: liveness, ask about the transfer, email code": WireTransferStepUp,
		"let users who are locked out recover their account with their face":                   AccountRecovery,
		"KYC: scan a passport, liveness, compare the face with the document":                   KYCOnboarding,
		"enroll the user's face with a liveness check":                                         FaceEnrollment,
		"second factor at login: recognise the face":                                           Login2FA,
		"user lost their phone: recognise the face, then register the new device":              DeviceRecovery,
	} {
		got, ok := GuessUseCase(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, unclear := range []string{"liveness check then an email code", "wire transfer or login", ""} {
		_, ok := GuessUseCase(unclear)
		assert.False(t, ok, unclear)
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	}))
	return out
}

// assertNoLeftovers: no temporary directory or file of an export remains in dir.
func assertNoLeftovers(t *testing.T, dir, keep string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if e.Name() == keep {
			continue
		}
		n := e.Name()
		temp := strings.Contains(n, ".export-") || strings.HasPrefix(n, ".flow.json.") || strings.HasPrefix(n, ".facesign-export.json.")
		assert.False(t, temp, "leftover %s", n)
	}
}

// TestExportedGoIsFormatted: every Go file of every export is gofmt-clean.
func TestExportedGoIsFormatted(t *testing.T) {
	for _, uc := range UseCases() {
		files, _, _, err := Render(Options{Flow: loadFlow(t, uc), UseCase: uc})
		require.NoError(t, err)
		for _, f := range files {
			if !strings.HasSuffix(f.Path, ".go") {
				continue
			}
			formatted, err := format.Source(f.Data)
			require.NoError(t, err, f.Path)
			assert.Equal(t, string(formatted), string(f.Data), "%s (%s) is not gofmt-clean", f.Path, uc)
		}
	}
}
