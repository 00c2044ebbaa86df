package tools

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/facesign/facesign-mcp/exporter"
	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Limits on export_app's arguments.
const (
	maxOutputDirChars = 1024
	rootsTimeout      = 3 * time.Second
	rootsRequestID    = "export_app_roots"
)

// exportAppInput is export_app's arguments.
type exportAppInput struct {
	Flow        flowJSON    `json:"flow,omitempty" jsonschema:"maxItems=200" jsonschema_description:"The FaceSign flow (array of nodes) the app uses. Omit it to export the session's current flow."`
	Description string      `json:"description,omitempty" jsonschema:"maxLength=4000" jsonschema_description:"Instead of flow: a plain-English description to build the flow from (as build_flow does). Also tells the use case when it names it."`
	OutputDir   string      `json:"outputDir" jsonschema:"minLength=1,maxLength=1024" jsonschema_description:"Where to write the app: a new or empty directory, relative to the client's root (e.g. \"verify-app\") when the client shares roots, else an absolute path."`
	UseCase     string      `json:"useCase,omitempty" jsonschema:"enum=wire-transfer-step-up,enum=account-recovery,enum=kyc-onboarding,enum=face-enrollment,enum=login-2fa,enum=device-recovery" jsonschema_description:"What the app does with a verified user. Leave it out only when the recipe or description made it clear."`
	Database    string      `json:"database,omitempty" jsonschema:"enum=sqlite,enum=postgres" jsonschema_description:"The app's default database: sqlite (default; one instance, a persistent disk) or postgres (any number of instances). The app supports both either way."`
	AppName     string      `json:"appName,omitempty" jsonschema:"maxLength=40" jsonschema_description:"The app's name (lowercase letters, digits, hyphens); default facesign-<useCase>."`
	ModulePath  string      `json:"modulePath,omitempty" jsonschema:"maxLength=200" jsonschema_description:"The app's Go module path, e.g. github.com/acme/verify; default example.com/<appName>."`
	Update      bool        `json:"update,omitempty" jsonschema_description:"Rewrite only flow.json of an app exported into outputDir before, for a changed flow."`
	AvatarID    string      `json:"avatarId,omitempty" jsonschema:"maxLength=200" jsonschema_description:"Avatar for the app's sessions (default: the current flow's)."`
	Langs       []string    `json:"langs,omitempty" jsonschema:"maxItems=20" jsonschema_description:"Languages of the app's sessions (default: the current flow's)."`
	DefaultLang string      `json:"defaultLang,omitempty" jsonschema:"maxLength=20" jsonschema_description:"Default language of the app's sessions."`
	Zone        string      `json:"zone,omitempty" jsonschema:"enum=es,enum=eu" jsonschema_description:"FaceSign data zone of the app's sessions."`
	Metadata    metadataMap `json:"metadata,omitempty" jsonschema_description:"Metadata added to every session the app creates (string values)."`
}

// ExportAppOutput is export_app's structured result.
type ExportAppOutput struct {
	Mode     string   `json:"mode" jsonschema:"enum=export,enum=update" jsonschema_description:"export: a new app was written; update: only flow.json was rewritten."`
	Dir      string   `json:"dir" jsonschema_description:"The app's directory (absolute)."`
	Files    []string `json:"files" jsonschema_description:"Files written, relative to dir."`
	UseCase  string   `json:"useCase" jsonschema:"enum=wire-transfer-step-up,enum=account-recovery,enum=kyc-onboarding,enum=face-enrollment,enum=login-2fa,enum=device-recovery" jsonschema_description:"The app's use case."`
	Database string   `json:"database" jsonschema:"enum=sqlite,enum=postgres" jsonschema_description:"The app's default database."`
	AppName  string   `json:"appName,omitempty" jsonschema_description:"The app's name."`
	Module   string   `json:"modulePath,omitempty" jsonschema_description:"The app's Go module path."`
	Paths    int      `json:"paths" jsonschema_description:"Paths through the flow, each a case of the app's decision test and end-to-end test."`
	Warnings []string `json:"warnings" jsonschema_description:"What the user should know (for example: the flow cannot approve anyone for this use case)."`
	Next     []string `json:"next" jsonschema_description:"Commands to run next, in order."`
}

func useCaseNames() []string {
	out := make([]string, 0, 6)
	for _, u := range exporter.UseCases() {
		out = append(out, string(u))
	}
	return out
}

// ExportApp writes a deployable Go web app for a flow.
func ExportApp(d *Deps) (mcp.Tool, server.ToolHandlerFunc) {
	tool, args := newTool("export_app", `Export a complete Go web app for a FaceSign flow into a new directory: it creates sessions, embeds the hosted verification page, verifies FaceSign's signed webhooks, stores every verification in SQLite or PostgreSQL and applies the use case's decision (approve the transfer, allow the recovery, record the enrollment, bind the new device…). It builds with CGO_ENABLED=0, passes its own tests straight away, and runs against the sandbox with no account. Call it when the user wants to take a flow to production, get "the code", or an app/starter/integration for it.
- flow (or description, or neither: the session's current flow) is the flow the app sends with every session; it is written to flow.json.
- useCase decides the app's logic: wire-transfer-step-up, account-recovery, kyc-onboarding, face-enrollment, login-2fa or device-recovery. Leave it out when the flow came from one of the recipes or a description that names the purpose; if it is unclear the user is asked in a form when the client supports it, otherwise this tool fails and lists the choices: ask the user, never guess (two flows of the same shape can serve different purposes).
- outputDir: a new or empty directory. Relative to the client's workspace root when the client shares its roots, otherwise an absolute path. Nothing is overwritten: an existing non-empty directory is refused.
- update: true rewrites only flow.json of an app exported before into outputDir (never the team's code), and refuses if flow.json was edited by hand.
Returns the directory, the files written, the number of flow paths the app's tests cover, warnings, and the exact commands to run it against the sandbox, test it and deploy it.
Next: show the user the next commands.`, &exportAppInput{},
		withOutputOf(&ExportAppOutput{}),
		// Not read-only: it writes files. Not destructive: it never overwrites
		// (update rewrites only flow.json, which it wrote itself, and refuses
		// after a hand edit). Not idempotent: a second export into the same
		// directory fails. Closed world: nothing leaves this machine.
		annotations("Export a Go web app", false, false, false, false),
	)
	return tool, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		var in exportAppInput
		if err := args.bind(req, &in); err != nil {
			return failure("%v", err), nil
		}
		in.Description = strings.TrimSpace(in.Description)
		if err := exporter.CheckNames(in.AppName, in.ModulePath); err != nil {
			return failure("%v", err), nil
		}
		st := d.State(ctx)

		var fl flow.Flow
		switch {
		case hasValue(json.RawMessage(in.Flow)) && in.Description != "":
			return failure("Pass either flow or description, not both."), nil
		case hasValue(json.RawMessage(in.Flow)):
			f, err := decodeFlowArgument(json.RawMessage(in.Flow))
			if err != nil {
				return failure("%v. Pass the flow as a JSON array of nodes, or leave it out to export the current flow.", err), nil
			}
			fl = f
		case in.Description != "":
			res, err := flowbuild.Build(in.Description, flowbuild.Options{})
			if err != nil {
				return failure("Could not build a flow from the description: %v. Rephrase it with the steps you want, or build it first with build_flow.", err), nil
			}
			fl = res.Flow
		default:
			if fl = st.Flow(); fl == nil {
				return failure("There is no flow to export: pass one in flow or description, or build one first with build_flow."), nil
			}
		}
		if probs := flow.Validate(fl); flow.HasErrors(probs) {
			return failure("%s", renderProblemsFailure("The flow cannot be exported", probs)), nil
		}

		dir, pending, msg := d.resolveOutputDir(ctx, req, in.OutputDir)
		if pending != nil {
			return pending, nil
		}
		if msg != "" {
			return failure("%s", msg), nil
		}
		settings := exporter.Settings{AvatarID: in.AvatarID, Langs: in.Langs, DefaultLang: in.DefaultLang, Zone: in.Zone, Metadata: in.Metadata}
		if settings.AvatarID == "" && len(settings.Langs) == 0 && !hasValue(json.RawMessage(in.Flow)) && in.Description == "" {
			// The current flow's avatar and languages, as build_flow matched them.
			if cur := st.Settings(); cur.Resolved || cur.AvatarID != "" || len(cur.Langs) > 0 {
				settings.AvatarID, settings.Langs = cur.AvatarID, cur.Langs
			}
		}
		start := d.Clock()

		if in.Update {
			res, err := exporter.Update(ctx, dir, fl, settings)
			if err != nil {
				return failure("%s", exportFailure(err, dir)), nil
			}
			out := exportOutput("update", res)
			d.Logger.InfoContext(ctx, "export_app: flow.json updated", "dir", dir, "paths", res.Paths, "duration", d.Clock().Sub(start))
			return result(out, renderExport(out)), nil
		}

		uc, ok := d.useCaseFor(st, in.UseCase, in.Description)
		if !ok {
			var pending *mcp.CallToolResult
			uc, pending = d.askUseCase(ctx, req)
			if pending != nil {
				return pending, nil
			}
			ok = uc != ""
		}
		if !ok {
			return failure("Which use case is this app for? The flow alone does not say (two flows of the same shape can serve different purposes). Ask the user, then call export_app again with useCase set to one of: %s.", strings.Join(useCaseNames(), ", ")), nil
		}
		res, err := exporter.Export(ctx, dir, exporter.Options{
			Flow: fl, UseCase: uc, Database: exporter.Database(in.Database), AppName: in.AppName, ModulePath: in.ModulePath, Settings: settings,
		})
		if err != nil {
			return failure("%s", exportFailure(err, dir)), nil
		}
		out := exportOutput("export", res)
		d.Logger.InfoContext(ctx, "export_app: app written", "dir", dir, "use_case", uc, "files", len(res.Files), "duration", d.Clock().Sub(start))
		return result(out, renderExport(out)), nil
	}
}

// useCaseFor picks the use case: given, else named by the description, else
// by the description the current flow was built from, else the recipe prompt
// the client fetched.
func (d *Deps) useCaseFor(st *SessionState, given, description string) (exporter.UseCase, bool) {
	if given != "" {
		u, err := exporter.ParseUseCase(given)
		return u, err == nil
	}
	if u, ok := exporter.GuessUseCase(description); ok && description != "" {
		return u, true
	}
	recipe, built := st.Origin()
	if u, ok := exporter.GuessUseCase(built); ok && built != "" {
		return u, true
	}
	if u, err := exporter.ParseUseCase(recipe); err == nil && recipe != "" {
		return u, true
	}
	return "", false
}

const useCaseElicitationID = "export_app_use_case"

// askUseCase asks the user which use case the app is for, when the client
// can show a form. It returns "" when it cannot ask or the user did not
// choose, or the input request for a 2026-07-28 client that has not answered.
func (d *Deps) askUseCase(ctx context.Context, req mcp.CallToolRequest) (exporter.UseCase, *mcp.CallToolResult) {
	read := func(res *mcp.ElicitationResult) exporter.UseCase {
		if res == nil || res.Action != mcp.ElicitationResponseActionAccept {
			return ""
		}
		content, _ := res.Content.(map[string]any)
		v, _ := content["useCase"].(string)
		u, err := exporter.ParseUseCase(v)
		if err != nil {
			return ""
		}
		return u
	}
	if answer := server.ElicitationResponse(req.Params.InputResponses, useCaseElicitationID); answer != nil {
		return read(answer), nil
	}
	if !clientCanElicit(ctx) {
		return "", nil
	}
	titles := make([]string, 0, 6)
	for _, u := range exporter.UseCases() {
		titles = append(titles, u.Title())
	}
	params := mcp.ElicitationParams{
		Mode:    mcp.ElicitationModeForm,
		Message: "What is this app for? The flow alone does not say, and the app's decision logic depends on it.",
		RequestedSchema: formSchema{"type": "object", "required": []string{"useCase"}, "properties": formSchema{
			"useCase": formSchema{"type": "string", "title": "Use case", "enum": useCaseNames(), "enumNames": titles},
		}},
	}
	if server.IsModernRequest(ctx) {
		return "", server.NewInputRequestBuilder("").Elicit(useCaseElicitationID, params).ToolResult()
	}
	srv := server.ServerFromContext(ctx)
	if srv == nil {
		return "", nil
	}
	ectx, cancel := context.WithTimeout(ctx, elicitTimeout)
	defer cancel()
	res, err := srv.RequestElicitation(ectx, mcp.ElicitationRequest{Request: mcp.Request{Method: string(mcp.MethodElicitationCreate)}, Params: params})
	if err != nil {
		d.Logger.WarnContext(ctx, "export_app: elicitation failed; asking in the result instead", "error", peerError(err))
		return "", nil
	}
	return read(res), nil
}

func exportFailure(err error, dir string) string {
	switch {
	case errors.Is(err, exporter.ErrNotEmpty):
		return fmt.Sprintf("%v. Nothing was written. Choose a new directory (for example %s-2), or pass update: true to rewrite only flow.json of an app exported there before.", err, filepath.Base(dir))
	case errors.Is(err, exporter.ErrHandEdited):
		return fmt.Sprintf("%v. Nothing was written.", err)
	case errors.Is(err, exporter.ErrNotExported):
		return fmt.Sprintf("%v. update works only on a directory export_app wrote; leave update out to export a new app.", err)
	case errors.Is(err, exporter.ErrUnknownUseCase), errors.Is(err, exporter.ErrInvalidOption), errors.Is(err, exporter.ErrInvalidFlow):
		return err.Error()
	}
	return fmt.Sprintf("The export failed and nothing was written: %v", err)
}

func exportOutput(mode string, r exporter.Result) ExportAppOutput {
	out := ExportAppOutput{Mode: mode, Dir: r.Dir, Files: r.Files, UseCase: string(r.UseCase), Database: string(r.Database),
		AppName: r.AppName, Module: r.Module, Paths: r.Paths, Warnings: r.Warnings}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	db := ""
	if r.Database == exporter.Postgres {
		db = "DATABASE_URL=postgres://USER@127.0.0.1:5432/DB?sslmode=disable "
	}
	if mode == "update" {
		out.Next = []string{
			"cd " + r.Dir,
			"go test ./internal/decision   # the rules against every path of the new flow",
			"git diff flow.json",
		}
		return out
	}
	out.Next = []string{
		"cd " + r.Dir,
		"go test ./...",
		"facesign-mcp sandbox --addr 127.0.0.1:7717 --data-dir ./.sandbox --rate-limit 0 --webhook http://127.0.0.1:8080/webhooks/facesign --webhook-secret whsec_local_development_0001",
		db + "FACESIGN_API_KEY=sk_test_localdev0001 FACESIGN_API_URL=http://127.0.0.1:7717/sandbox FACESIGN_WEBHOOK_SECRET=whsec_local_development_0001 ADMIN_TOKEN=local-admin-token-0001 go run .   # then open http://127.0.0.1:8080",
		"FACESIGN_API_URL=http://127.0.0.1:7717/sandbox go test -run EndToEnd .   # every path of the flow against the sandbox",
		"docker build -t " + r.AppName + " .   # or CGO_ENABLED=0 go build -o app . ; deploy notes (Fly.io, Render, Railway) in README.md",
	}
	return out
}

func renderExport(o ExportAppOutput) string {
	var b strings.Builder
	if o.Mode == "update" {
		fmt.Fprintf(&b, "Updated flow.json in %s (%d paths; nothing else was touched).\n", o.Dir, o.Paths)
	} else {
		fmt.Fprintf(&b, "Exported %s (%s, %s) to %s: %d files; its tests cover the flow's %d paths.\n", o.AppName, o.UseCase, o.Database, o.Dir, len(o.Files), o.Paths)
	}
	for _, w := range o.Warnings {
		b.WriteString("Warning: " + w + "\n")
	}
	b.WriteString("Next:\n")
	for _, n := range o.Next {
		b.WriteString("  " + n + "\n")
	}
	return b.String()
}

// resolveOutputDir turns outputDir into an absolute directory this server may
// write: under one of the client's roots when it shares them (relative paths
// are taken from the first), else absolute; always under ExportRoot when
// one is set, and only then when the server listens beyond loopback. It
// returns a message for a refused path, or the input request to send a
// 2026-07-28 client that has not answered roots/list yet.
func (d *Deps) resolveOutputDir(ctx context.Context, req mcp.CallToolRequest, raw string) (string, *mcp.CallToolResult, string) {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.ContainsRune(raw, 0) {
		return "", nil, "outputDir is empty or contains a NUL character."
	}
	if d.ExportNeedsRoot && d.ExportRoot == "" {
		return "", nil, "This server listens beyond loopback, so export_app writes only under an export root its operator names (facesign-mcp serve --export-root DIR); none was given. Export with a local facesign-mcp, or ask the operator."
	}
	roots, pending, unasked := d.clientRoots(ctx, req)
	if pending != nil {
		return "", pending, ""
	}
	if unasked != "" && d.ExportRoot == "" && !filepath.IsAbs(raw) {
		return "", nil, fmt.Sprintf("outputDir %q is relative, and %s Pass an absolute path (for example /home/you/projects/%s).", raw, unasked, filepath.Base(raw))
	}
	dir, msg := d.resolveDir(raw, roots)
	return dir, nil, msg
}

// resolveDir applies resolveOutputDir's rules to raw given the client's roots.
func (d *Deps) resolveDir(raw string, roots []string) (string, string) {
	if d.ExportRoot != "" {
		roots = []string{d.ExportRoot} // the operator's root wins over the client's
	}
	var dir string
	switch {
	case filepath.IsAbs(raw):
		dir = filepath.Clean(raw)
	case len(roots) > 0:
		for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == '/' || r == '\\' }) {
			if part == ".." {
				return "", fmt.Sprintf("outputDir %q climbs out of the root with \"..\"; give a path inside %s.", raw, roots[0])
			}
		}
		dir = filepath.Join(roots[0], raw)
	default:
		return "", fmt.Sprintf("outputDir %q is relative, and this client shares no workspace roots to resolve it against. Pass an absolute path (for example /home/you/projects/%s).", raw, filepath.Base(raw))
	}
	if len(roots) > 0 && !slices.ContainsFunc(roots, func(r string) bool { return within(r, dir) }) {
		where := "the workspace roots the client shared (" + strings.Join(roots, ", ") + ")"
		if d.ExportRoot != "" {
			where = "the export root " + d.ExportRoot
		}
		return "", fmt.Sprintf("outputDir %s is outside %s; choose a directory inside.", dir, where)
	}
	if dir == filepath.Dir(dir) || slices.Contains(roots, dir) {
		return "", fmt.Sprintf("outputDir %s is a root itself; name a new directory inside it (for example %s).", dir, filepath.Join(dir, "facesign-app"))
	}
	// A symlink on the way must not lead out of the roots: check the real
	// location of the deepest part that exists.
	if len(roots) > 0 {
		real := realPrefix(dir)
		if !slices.ContainsFunc(roots, func(r string) bool { rr := realPrefix(r); return within(rr, real) || rr == real }) {
			return "", fmt.Sprintf("outputDir %s leads outside the allowed roots through a symbolic link.", dir)
		}
	}
	return dir, ""
}

// within reports whether p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(filepath.Clean(root), filepath.Clean(p))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPrefix resolves symlinks in the longest existing prefix of p and
// appends the rest.
func realPrefix(p string) string {
	rest := ""
	for cur := filepath.Clean(p); ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		if cur == filepath.Dir(cur) {
			return filepath.Clean(p)
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// clientRoots asks the client for its roots when it declared them; file://
// roots come back as directories. A client that shares none, or fails to
// answer, gets nil. unasked says why a client that declared roots could not
// be asked.
func (d *Deps) clientRoots(ctx context.Context, req mcp.CallToolRequest) (roots []string, pending *mcp.CallToolResult, unasked string) {
	if res := server.RootsResponse(req.Params.InputResponses, rootsRequestID); res != nil {
		return rootDirs(res), nil, ""
	}
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		if info.ClientCapabilities == nil || info.ClientCapabilities.Roots == nil {
			return nil, nil, ""
		}
		return nil, server.NewInputRequestBuilder("").Roots(rootsRequestID).ToolResult(), ""
	}
	sess := server.ClientSessionFromContext(ctx)
	ci, ok := sess.(server.SessionWithClientInfo)
	if !ok || ci.GetClientCapabilities().Roots == nil {
		return nil, nil, ""
	}
	rctx, cancel := context.WithTimeout(ctx, rootsTimeout)
	defer cancel()
	var res *mcp.ListRootsResult
	var err error
	if ri := requestInfoFromContext(ctx); ri != nil {
		// Streamable HTTP: on the call's own stream (see ask.go).
		if ri.post == nil {
			return nil, nil, "this client declares workspace roots, but this connection cannot stream the request for them."
		}
		var raw json.RawMessage
		if raw, err = ri.post.ask(rctx, string(mcp.MethodListRoots)); err == nil {
			res = &mcp.ListRootsResult{}
			err = json.Unmarshal(raw, res)
		}
	} else {
		// stdio: mcp-go sends roots/list on the one stream there is.
		if _, ok := sess.(server.SessionWithRoots); !ok {
			return nil, nil, ""
		}
		srv := server.ServerFromContext(ctx)
		if srv == nil {
			return nil, nil, ""
		}
		res, err = srv.RequestRoots(rctx, mcp.ListRootsRequest{Request: mcp.Request{Method: string(mcp.MethodListRoots)}})
	}
	if err != nil {
		d.Logger.WarnContext(ctx, "export_app: roots/list failed; outputDir must be absolute", "error", peerError(err))
		return nil, nil, ""
	}
	return rootDirs(res), nil, ""
}

func rootDirs(res *mcp.ListRootsResult) []string {
	if res == nil {
		return nil
	}
	var out []string
	for _, r := range res.Roots {
		u, err := url.Parse(r.URI)
		if err != nil || u.Scheme != "file" || (u.Host != "" && u.Host != "localhost") {
			continue
		}
		p := filepath.FromSlash(u.Path)
		if filepath.IsAbs(p) {
			if info, err := os.Stat(p); err == nil && info.IsDir() {
				out = append(out, filepath.Clean(p))
			}
		}
	}
	return out
}
