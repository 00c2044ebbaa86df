package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/facesign/facesign-mcp/exporter"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// runExport writes a Go web app for a flow file: export_app on the command line.
func runExport(ctx context.Context, args []string, s streams) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(s.err)
	flowFile := fs.String("flow", "", "the flow `FILE` (a JSON array of nodes, or flow build --json output; - for stdin)")
	out := fs.String("out", "", "the `DIR` to write the app into: new or empty (with --update: an app exported before)")
	useCase := fs.String("use-case", "", "what the app does: "+strings.Join(useCaseNames(), ", "))
	database := fs.String("database", "sqlite", "the app's default database: sqlite or postgres")
	appName := fs.String("app-name", "", "the app's name (default facesign-<use case>)")
	module := fs.String("module", "", "the app's Go module path (default example.com/<app name>)")
	update := fs.Bool("update", false, "rewrite only flow.json of the app in --out (refused when flow.json was edited by hand)")
	fs.Usage = func() {
		fmt.Fprintln(s.out, `Usage: facesign-mcp export --flow FILE --out DIR --use-case USE_CASE [--database sqlite|postgres]
       facesign-mcp export --update --flow FILE --out DIR

Writes a deployable Go web app for the flow into a new directory (nothing is
written unless every file is), or with --update rewrites only its flow.json.

Flags:`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.err, "export: unexpected argument %q (run facesign-mcp export --help)\n", fs.Arg(0))
		return 2
	}
	if *flowFile == "" || *out == "" {
		fmt.Fprintln(s.err, "export: --flow FILE and --out DIR are required (run facesign-mcp export --help)")
		return 2
	}
	f, err := readExportFlow(*flowFile, s.in)
	if err != nil {
		fmt.Fprintf(s.err, "export: %v\n", err)
		return 1
	}
	dir, err := filepath.Abs(*out)
	if err != nil {
		fmt.Fprintf(s.err, "export: --out: %v\n", err)
		return 2
	}
	start := time.Now()
	var res exporter.Result
	if *update {
		res, err = exporter.Update(ctx, dir, f, exporter.Settings{})
	} else {
		if *useCase == "" {
			fmt.Fprintf(s.err, "export: --use-case is required: one of %s\n", strings.Join(useCaseNames(), ", "))
			return 2
		}
		uc, perr := exporter.ParseUseCase(*useCase)
		if perr != nil {
			fmt.Fprintf(s.err, "export: --use-case: %v\n", perr)
			return 2
		}
		res, err = exporter.Export(ctx, dir, exporter.Options{Flow: f, UseCase: uc, Database: exporter.Database(*database), AppName: *appName, ModulePath: *module})
	}
	if err != nil {
		fmt.Fprintf(s.err, "export: %v\n", err)
		return 1
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(s.err, "export: warning: %s\n", w)
	}
	if *update {
		fmt.Fprintf(s.out, "Updated %s (%d paths) in %s.\n", filepath.Join(res.Dir, "flow.json"), res.Paths, time.Since(start).Round(time.Millisecond))
		return 0
	}
	fmt.Fprintf(s.out, "Exported %s (%s, %s): %d files in %s, %d flow paths under test.\n\nNext:\n  cd %s\n  go test ./...\n  go run .   # see README.md: run it against facesign-mcp sandbox\n",
		res.AppName, res.UseCase, res.Database, len(res.Files), res.Dir, res.Paths, res.Dir)
	return 0
}

func useCaseNames() []string {
	var out []string
	for _, u := range exporter.UseCases() {
		out = append(out, string(u))
	}
	return out
}

// readExportFlow reads a flow file: a node array, or {"flow": [...]} as flow
// build --json prints.
func readExportFlow(name string, stdin io.Reader) (flow.Flow, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, maxFlowFile))
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("--flow: %w", err)
	}
	f, err := flow.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("--flow %s: %w", name, err)
	}
	return f, nil
}
