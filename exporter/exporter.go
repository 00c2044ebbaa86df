// Package exporter writes the Go web app of package templates for a flow: it
// renders the templates into files in memory (Render), then writes them into
// a new directory at once (Export): into a temporary sibling first, renamed
// into place only when every file is written, so a failure leaves nothing
// behind. Update rewrites only an exported app's flow.json.
package exporter

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/templates"
)

// Sentinel errors; test with errors.Is.
var (
	ErrUnknownUseCase = errors.New("exporter: unknown use case")
	ErrInvalidFlow    = errors.New("exporter: the flow is not valid")
	ErrInvalidOption  = errors.New("exporter: invalid option")
	ErrNotEmpty       = errors.New("exporter: the output directory is not empty")
	ErrNotExported    = errors.New("exporter: the directory holds no app exported by facesign-mcp")
	ErrHandEdited     = errors.New("exporter: flow.json was edited by hand since the export")
)

// Database is the database the app is configured for by default. The app
// supports both; the choice sets DATABASE_URL in .env.example and the docs.
type Database string

// The databases.
const (
	SQLite   Database = "sqlite"
	Postgres Database = "postgres"
)

// Settings are sent with every session the app creates.
type Settings struct {
	AvatarID    string            `json:"avatarId,omitempty"`
	Langs       []string          `json:"langs,omitempty"`
	DefaultLang string            `json:"defaultLang,omitempty"`
	Zone        string            `json:"zone,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
}

// Options describe one export.
type Options struct {
	Flow       flow.Flow
	UseCase    UseCase
	Database   Database // SQLite when empty
	AppName    string   // "facesign-<use case>" when empty
	ModulePath string   // "example.com/<app name>" when empty
	Settings   Settings
}

// File is one rendered file; Path is slash-separated, relative to the app's root.
type File struct {
	Path string
	Data []byte
}

// Result describes an export or an update.
type Result struct {
	Dir      string   `json:"dir"`
	Files    []string `json:"files"`
	UseCase  UseCase  `json:"useCase"`
	Database Database `json:"database"`
	AppName  string   `json:"appName"`
	Module   string   `json:"modulePath"`
	Paths    int      `json:"paths"`
	Warnings []string `json:"warnings"`
}

// Expect is the decision the use case's rules give on a path.
type Expect struct {
	Approved   bool   `json:"approved"`
	FailedNode string `json:"failedNode,omitempty"`
}

// flowFile is flow.json as the app reads it (internal/flowfile).
type flowFile struct {
	UseCase  UseCase    `json:"useCase"`
	Settings Settings   `json:"settings"`
	Flow     flow.Flow  `json:"flow"`
	Paths    []pathJSON `json:"paths"`
}

type pathJSON struct {
	Name   string          `json:"name"`
	Steps  []flow.PathStep `json:"steps"`
	Expect Expect          `json:"expect"`
}

// meta is .facesign-export.json: what Update needs to know about an export.
type meta struct {
	Exporter   string   `json:"exporter"`
	UseCase    UseCase  `json:"useCase"`
	Database   Database `json:"database"`
	FlowSHA256 string   `json:"flowSha256"`
}

const (
	flowName = "flow.json"
	metaName = ".facesign-export.json"
	// maxPaths bounds the paths written to flow.json: each becomes a test case
	// and an end-to-end run.
	maxPaths = 200
)

var (
	appNameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{0,38}[a-z0-9]$`)
	moduleRE  = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9](/[A-Za-z0-9][A-Za-z0-9._~-]*)*$`)
)

// CheckNames reports a malformed app name or module path ("" is fine: the
// defaults are used), before any other work.
func CheckNames(appName, modulePath string) error {
	if appName != "" && !appNameRE.MatchString(appName) {
		return fmt.Errorf("%w: appName %q must be 2 to 40 lowercase letters, digits and hyphens, starting with a letter", ErrInvalidOption, appName)
	}
	if modulePath != "" && (len(modulePath) > 200 || !moduleRE.MatchString(modulePath) || strings.Contains(modulePath, "..") || !strings.Contains(strings.SplitN(modulePath, "/", 2)[0], ".")) {
		return fmt.Errorf("%w: modulePath %q must be a Go module path such as github.com/acme/verify (a domain, then path elements)", ErrInvalidOption, modulePath)
	}
	return nil
}

func (o *Options) normalise() error {
	if o.UseCase == "" {
		return fmt.Errorf("%w: no use case given; choose one of %s", ErrUnknownUseCase, useCaseList())
	}
	if _, err := ParseUseCase(string(o.UseCase)); err != nil {
		return err
	}
	switch o.Database {
	case "":
		o.Database = SQLite
	case SQLite, Postgres:
	default:
		return fmt.Errorf("%w: database %q; use sqlite or postgres", ErrInvalidOption, o.Database)
	}
	if o.AppName == "" {
		o.AppName = "facesign-" + string(o.UseCase)
	}
	if o.ModulePath == "" {
		o.ModulePath = "example.com/" + o.AppName
	}
	if err := CheckNames(o.AppName, o.ModulePath); err != nil {
		return err
	}
	if len(o.Flow) == 0 {
		return fmt.Errorf("%w: the flow is empty", ErrInvalidFlow)
	}
	if problems := flow.Validate(o.Flow); flow.HasErrors(problems) {
		var b strings.Builder
		for _, p := range flow.Errors(problems) {
			b.WriteString("\n- ")
			b.WriteString(p.String())
		}
		return fmt.Errorf("%w:%s", ErrInvalidFlow, b.String())
	}
	return nil
}

// renderFlow is flow.json for a flow and use case, and the export's warnings.
func renderFlow(f flow.Flow, uc UseCase, s Settings) ([]byte, int, []string, error) {
	all, err := flow.AllPaths(f, maxPaths, 0)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("%w: %v", ErrInvalidFlow, err)
	}
	if len(all.Complete) == 0 {
		return nil, 0, nil, fmt.Errorf("%w: no path of the flow reaches an end node", ErrInvalidFlow)
	}
	r := uc.rules()
	ff := flowFile{UseCase: uc, Settings: s, Flow: f}
	approving := 0
	for i, p := range all.Complete {
		e := r.expect(p)
		if e.Approved {
			approving++
		}
		ff.Paths = append(ff.Paths, pathJSON{Name: fmt.Sprintf("path-%02d", i+1), Steps: p, Expect: e})
	}
	var warnings []string
	if all.Truncated {
		warnings = append(warnings, fmt.Sprintf("the flow has more than %d paths: flow.json lists the first %d, and the app's tests cover only those", maxPaths, maxPaths))
	}
	if n := len(all.Cycles); n > 0 {
		warnings = append(warnings, fmt.Sprintf("%d path(s) loop back; the tests cover the %d paths that reach an end", n, len(all.Complete)))
	}
	if missing := r.missing(f); len(missing) > 0 {
		warnings = append(warnings, fmt.Sprintf("the %s use case requires %s, and the flow has none: every session will be denied", uc.Title(), strings.Join(missing, "; and ")))
	} else if approving == 0 {
		warnings = append(warnings, "no path of the flow is approved by the "+uc.Title()+" rules: every session will be denied")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ff); err != nil {
		return nil, 0, nil, err
	}
	return buf.Bytes(), len(ff.Paths), warnings, nil
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

type tmplData struct {
	Module, AppName, UseCase, UseCaseTitle, Database, DatabaseURL string
}

// Render returns every file of the app for o, sorted by path, flow.json and
// the export record included, and the export's warnings.
func Render(o Options) ([]File, []string, int, error) {
	if err := o.normalise(); err != nil {
		return nil, nil, 0, err
	}
	flowJSON, paths, warnings, err := renderFlow(o.Flow, o.UseCase, o.Settings)
	if err != nil {
		return nil, nil, 0, err
	}
	data := tmplData{Module: o.ModulePath, AppName: o.AppName, UseCase: string(o.UseCase), UseCaseTitle: o.UseCase.Title(),
		Database: string(o.Database), DatabaseURL: "file:data/" + o.AppName + ".db"}
	if o.Database == Postgres {
		data.DatabaseURL = "postgres://" + strings.ReplaceAll(o.AppName, "-", "_") + "@127.0.0.1:5432/" + strings.ReplaceAll(o.AppName, "-", "_") + "?sslmode=disable"
	}
	files := map[string][]byte{}
	for _, root := range []string{"app", "usecases/" + string(o.UseCase)} {
		err := fs.WalkDir(templates.FS, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			raw, err := fs.ReadFile(templates.FS, p)
			if err != nil {
				return err
			}
			rel := strings.TrimPrefix(p, root+"/")
			if name, ok := strings.CutSuffix(rel, ".tmpl"); ok {
				t, err := template.New(rel).Delims("{%", "%}").Option("missingkey=error").Parse(string(raw))
				if err != nil {
					return fmt.Errorf("exporter: template %s: %w", p, err)
				}
				var buf bytes.Buffer
				if err := t.Execute(&buf, data); err != nil {
					return fmt.Errorf("exporter: template %s: %w", p, err)
				}
				rel, raw = name, buf.Bytes()
			}
			files[rel] = raw
			return nil
		})
		if err != nil {
			return nil, nil, 0, err
		}
	}
	files[flowName] = flowJSON
	m, _ := json.MarshalIndent(meta{Exporter: "facesign-mcp", UseCase: o.UseCase, Database: o.Database, FlowSHA256: sum(flowJSON)}, "", "  ")
	files[metaName] = append(m, '\n')
	out := make([]File, 0, len(files))
	for p, b := range files {
		out = append(out, File{Path: p, Data: b})
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out, warnings, paths, nil
}

// Export renders o into dir, which must be absolute and must not exist or be
// an empty directory.
func Export(ctx context.Context, dir string, o Options) (Result, error) {
	files, warnings, paths, err := Render(o)
	if err != nil {
		return Result{}, err
	}
	_ = o.normalise()
	if err := writeTree(ctx, dir, files, os.WriteFile); err != nil {
		return Result{}, err
	}
	r := Result{Dir: filepath.Clean(dir), UseCase: o.UseCase, Database: o.Database, AppName: o.AppName, Module: o.ModulePath, Paths: paths, Warnings: warnings}
	for _, f := range files {
		r.Files = append(r.Files, f.Path)
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	return r, nil
}

// writeTree writes files into a temporary sibling of dir and renames it into
// place. writeFile is os.WriteFile, or a failing one in tests.
func writeTree(ctx context.Context, dir string, files []File, writeFile func(string, []byte, os.FileMode) error) (err error) {
	if !filepath.IsAbs(dir) {
		return fmt.Errorf("%w: output directory %q is not absolute", ErrInvalidOption, dir)
	}
	dir = filepath.Clean(dir)
	existed := false
	switch entries, err := os.ReadDir(dir); {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("%w: %s has %d entries; export into a new or empty directory (or use update to rewrite only flow.json)", ErrNotEmpty, dir, len(entries))
	case err == nil:
		existed = true
	case errors.Is(err, fs.ErrNotExist):
	default:
		return fmt.Errorf("exporter: reading the output directory: %w", err)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("exporter: creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".export-*")
	if err != nil {
		return fmt.Errorf("exporter: creating a temporary directory beside %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("exporter: %w", err)
	}
	made := map[string]bool{}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		clean := path.Clean(f.Path)
		if clean != f.Path || !fs.ValidPath(clean) || strings.HasPrefix(clean, "../") {
			return fmt.Errorf("exporter: refusing file path %q", f.Path)
		}
		target := filepath.Join(tmp, filepath.FromSlash(clean))
		if d := filepath.Dir(target); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("exporter: %w", err)
			}
			made[d] = true
		}
		if err := writeFile(target, f.Data, 0o644); err != nil {
			return fmt.Errorf("exporter: writing %s: %w", f.Path, err)
		}
	}
	if existed {
		// Only an empty directory is removed; anything written into it since
		// makes this fail, and the export with it.
		if err := os.Remove(dir); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrNotEmpty, dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("exporter: moving the app into %s: %w", dir, err)
	}
	return nil
}

// Update rewrites flow.json of the app exported into dir for a new flow, and
// nothing else; empty settings keep the ones flow.json has. It refuses when flow.json changed since the export or the
// last update (a hand edit would be lost).
func Update(ctx context.Context, dir string, f flow.Flow, s Settings) (Result, error) {
	if !filepath.IsAbs(dir) {
		return Result{}, fmt.Errorf("%w: directory %q is not absolute", ErrInvalidOption, dir)
	}
	raw, err := os.ReadFile(filepath.Join(dir, metaName))
	if err != nil {
		return Result{}, fmt.Errorf("%w: %s has no %s", ErrNotExported, dir, metaName)
	}
	var m meta
	if err := json.Unmarshal(raw, &m); err != nil || m.Exporter != "facesign-mcp" {
		return Result{}, fmt.Errorf("%w: %s is unreadable", ErrNotExported, metaName)
	}
	uc, err := ParseUseCase(string(m.UseCase))
	if err != nil {
		return Result{}, err
	}
	current, err := os.ReadFile(filepath.Join(dir, flowName))
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrNotExported, err)
	}
	if sum(current) != m.FlowSHA256 {
		return Result{}, fmt.Errorf("%w: keep your changes by merging them into the new flow yourself, or restore flow.json (git checkout flow.json) and update again", ErrHandEdited)
	}
	if s.AvatarID == "" && len(s.Langs) == 0 && s.DefaultLang == "" && s.Zone == "" && len(s.Metadata) == 0 {
		// No settings given: keep the app's.
		var prev flowFile
		if err := json.Unmarshal(current, &prev); err == nil {
			s = prev.Settings
		}
	}
	o := Options{Flow: f, UseCase: uc, Database: m.Database, AppName: "facesign-app", ModulePath: "example.com/app", Settings: s}
	if err := o.normalise(); err != nil {
		return Result{}, err
	}
	flowJSON, paths, warnings, err := renderFlow(f, uc, s)
	if err != nil {
		return Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	m.FlowSHA256 = sum(flowJSON)
	metaJSON, _ := json.MarshalIndent(m, "", "  ")
	if err := replaceFile(filepath.Join(dir, flowName), flowJSON); err != nil {
		return Result{}, err
	}
	if err := replaceFile(filepath.Join(dir, metaName), append(metaJSON, '\n')); err != nil {
		return Result{}, err
	}
	if warnings == nil {
		warnings = []string{}
	}
	return Result{Dir: filepath.Clean(dir), Files: []string{flowName, metaName}, UseCase: uc, Database: m.Database, Paths: paths, Warnings: warnings}, nil
}

// replaceFile writes a file through a temporary sibling and a rename, so a
// reader never sees half of it.
func replaceFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fmt.Errorf("exporter: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("exporter: writing %s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("exporter: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("exporter: %w", err)
	}
	return os.Rename(tmp.Name(), name)
}
