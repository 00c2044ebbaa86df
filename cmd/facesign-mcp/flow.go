package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/facesign/facesign-mcp/flowbuild"
	"github.com/facesign/facesign-mcp/flowbuild/diagram"
	"github.com/facesign/facesign-mcp/flowbuild/flow"
	"github.com/facesign/facesign-mcp/flowbuild/flow/flowschema"
	"github.com/facesign/facesign-mcp/internal/jsondup"
)

// maxFlowFile bounds what flow commands read from a file or stdin.
const maxFlowFile = 8 << 20

// runFlow dispatches `flow build|validate|schema`.
func runFlow(ctx context.Context, args []string, s streams) int {
	if len(args) == 0 {
		flowUsage(s.err)
		return 2
	}
	switch args[0] {
	case "build":
		return runFlowBuild(ctx, args[1:], s)
	case "validate":
		return runFlowValidate(ctx, args[1:], s)
	case "schema":
		return runFlowSchema(ctx, args[1:], s)
	case "-h", "-help", "--help", "help":
		flowUsage(s.out)
		return 0
	}
	fmt.Fprintf(s.err, "flow: unknown subcommand %q (want build, validate or schema; run facesign-mcp flow --help)\n", args[0])
	return 2
}

func flowUsage(w io.Writer) {
	fmt.Fprintln(w, `Usage: facesign-mcp flow COMMAND

Commands:
  build [--json] [--base FILE] TEXT...   build a flow from a description, or with --base change the flow in FILE
  validate [--json] FILE|-               print every problem of a flow; exit 1 when there is an error
  schema                                 print the JSON Schema of a flow

Run facesign-mcp flow COMMAND --help for details.`)
}

// buildOutput is exactly what `flow build --json` prints.
type buildOutput struct {
	Flow        flow.Flow            `json:"flow"`
	Summary     string               `json:"summary"`
	Warnings    []flow.Problem       `json:"warnings"`
	Questions   []flowbuild.Question `json:"questions"`
	Assumptions []string             `json:"assumptions"`
	Mermaid     string               `json:"mermaid"`
	// Settings are the avatar and language ids given with --avatar and
	// --langs, kept as given: the command has no key to check them with.
	Settings *cliSettings `json:"settings,omitempty"`
	// Named is what the text itself named ("the avatar Sofia, Spanish and
	// English"): names, not ids, for the MCP tools (which hold a key) or the
	// flags to turn into ids.
	Named *cliSettings `json:"named,omitempty"`
}

// cliSettings are an avatar and languages, as ids or as names.
type cliSettings struct {
	Avatar string   `json:"avatar,omitempty"`
	Langs  []string `json:"langs,omitempty"`
}

func settingsOrNil(avatar string, langs []string) *cliSettings {
	if avatar == "" && len(langs) == 0 {
		return nil
	}
	return &cliSettings{Avatar: avatar, Langs: langs}
}

func runFlowBuild(_ context.Context, args []string, s streams) int {
	fs := flag.NewFlagSet("flow build", flag.ContinueOnError)
	fs.SetOutput(s.err)
	asJSON := fs.Bool("json", false, `print {"flow","summary","warnings","questions","assumptions","mermaid"} as JSON`)
	base := fs.String("base", "", "a flow file (or - for stdin) to change instead of building a new flow; build --json output is accepted")
	avatar := fs.String("avatar", "", "avatar `id` for the flow's sessions, taken as given (answers the avatar question); kept in --json output as settings.avatar")
	langs := fs.String("langs", "", "comma-separated language `ids`, e.g. en,es, taken as given (answers the langs question); kept in --json output as settings.langs")
	onFailure := fs.String("on-failure", "", `what a failed check does: "end politely", "offer retry" or "hand to a human"`)
	fs.Usage = func() {
		fmt.Fprintln(s.out, `Usage: facesign-mcp flow build [--json] [--base FILE] TEXT...

Builds a FaceSign flow from a plain-English description, for example
  facesign-mcp flow build "liveness check, ask about the transfer, then an email code"
With --base, TEXT is a change to the flow in FILE instead, for example
  facesign-mcp flow build --base flow.json "add an SMS code after the liveness check"
Prints a summary, open questions, assumptions and a Mermaid diagram.

Flags:`)
		fs.SetOutput(s.out)
		fs.PrintDefaults()
		fs.SetOutput(s.err)
	}
	if code, done := parseFlags(fs, textNotFlags(args)); done {
		return code
	}
	text := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if text == "" {
		if *base != "" {
			fmt.Fprintln(s.err, `flow build: describe the change, e.g. "add an SMS code after the liveness check"`)
		} else {
			fmt.Fprintln(s.err, `flow build: describe the flow, e.g. "liveness check, then an email code"`)
		}
		return 2
	}
	opts := flowbuild.Options{AvatarID: *avatar, OnFailure: *onFailure}
	for _, l := range strings.Split(*langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			opts.Langs = append(opts.Langs, l)
		}
	}
	var (
		res flowbuild.Result
		err error
		run func(flowbuild.Options) (flowbuild.Result, error)
	)
	if *base != "" {
		data, rerr := readInput(*base, s.in)
		if rerr != nil {
			fmt.Fprintln(s.err, "flow build:", rerr)
			return 1
		}
		f, derr := flow.Decode(data)
		if derr != nil {
			fmt.Fprintf(s.err, "flow build: %s: %s\n", displayName(*base), oneLine(derr.Error()))
			return 1
		}
		run = func(o flowbuild.Options) (flowbuild.Result, error) { return flowbuild.Edit(f, text, o) }
	} else {
		run = func(o flowbuild.Options) (flowbuild.Result, error) { return flowbuild.Build(text, o) }
	}
	if res, err = run(opts); err != nil {
		fmt.Fprintln(s.err, "flow build:", oneLine(strings.TrimPrefix(err.Error(), "flowbuild: ")))
		return 1
	}
	// What the text named on its own: the flags win over it in res.
	named := res.Settings
	if opts.AvatarID != "" || len(opts.Langs) > 0 {
		textOnly := opts
		textOnly.AvatarID, textOnly.Langs = "", nil
		if r, err := run(textOnly); err == nil {
			named = r.Settings
		}
	}
	out := buildOutput{Flow: res.Flow, Summary: res.Summary, Warnings: res.Warnings, Questions: res.Questions,
		Assumptions: res.Assumptions, Mermaid: diagram.Mermaid(res.Flow),
		Settings: settingsOrNil(opts.AvatarID, opts.Langs), Named: settingsOrNil(named.AvatarID, named.Langs)}
	if *asJSON {
		return writeJSON(s, out)
	}
	printBuild(s.out, out)
	return 0
}

func printBuild(w io.Writer, out buildOutput) {
	fmt.Fprintln(w, out.Summary)
	if len(out.Warnings) > 0 {
		fmt.Fprintln(w, "\nWarnings:")
		for _, p := range out.Warnings {
			fmt.Fprintf(w, "  - %s: %s\n", p.Code, p.Message)
		}
	}
	if len(out.Questions) > 0 {
		fmt.Fprintln(w, "\nQuestions:")
		for _, q := range out.Questions {
			fmt.Fprintf(w, "  - [%s] %s", q.ID, q.Text)
			if len(q.Options) > 0 {
				fmt.Fprintf(w, " (%s)", strings.Join(q.Options, " | "))
			}
			fmt.Fprintln(w)
		}
	}
	if out.Settings != nil || out.Named != nil {
		fmt.Fprintln(w, "\nSession settings:")
		if st := out.Settings; st != nil {
			if st.Avatar != "" {
				fmt.Fprintf(w, "  - avatar id %s (--avatar)\n", st.Avatar)
			}
			if len(st.Langs) > 0 {
				fmt.Fprintf(w, "  - language ids %s (--langs)\n", strings.Join(st.Langs, ", "))
			}
		}
		if n := out.Named; n != nil {
			if n.Avatar != "" && (out.Settings == nil || out.Settings.Avatar == "") {
				fmt.Fprintf(w, "  - the text names the avatar %q: pass its id with --avatar (the MCP tools match names to ids)\n", n.Avatar)
			}
			if len(n.Langs) > 0 && (out.Settings == nil || len(out.Settings.Langs) == 0) {
				fmt.Fprintf(w, "  - the text names the languages %s: pass their ids with --langs\n", strings.Join(n.Langs, ", "))
			}
		}
	}
	if len(out.Assumptions) > 0 {
		fmt.Fprintln(w, "\nAssumptions:")
		for _, a := range out.Assumptions {
			fmt.Fprintf(w, "  - %s\n", a)
		}
	}
	fmt.Fprintln(w, "\nDiagram (Mermaid):")
	fmt.Fprint(w, out.Mermaid)
	if !strings.HasSuffix(out.Mermaid, "\n") {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\nFlow JSON: run again with --json.")
}

// validateOutput is what `flow validate --json` prints.
type validateOutput struct {
	Valid    bool           `json:"valid"`
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Problems []flow.Problem `json:"problems"`
}

func runFlowValidate(_ context.Context, args []string, s streams) int {
	fs := flag.NewFlagSet("flow validate", flag.ContinueOnError)
	fs.SetOutput(s.err)
	asJSON := fs.Bool("json", false, `print {"valid","errors","warnings","problems"} as JSON`)
	fs.Usage = func() {
		fmt.Fprintln(s.out, `Usage: facesign-mcp flow validate [--json] FILE|-

Prints every problem of the flow in FILE (- reads stdin): severity, code, JSON-pointer
path, message and fix. Exits 1 when there is an error, 0 otherwise (warnings only).

Flags:`)
		fs.SetOutput(s.out)
		fs.PrintDefaults()
		fs.SetOutput(s.err)
	}
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(s.err, "flow validate: give exactly one flow file, or - for stdin (run facesign-mcp flow validate --help)")
		return 2
	}
	data, err := readInput(fs.Arg(0), s.in)
	if err != nil {
		fmt.Fprintln(s.err, "flow validate:", err)
		return 2
	}
	_, problems := flow.ValidateJSON(data)
	// A repeated key reads as its last value to encoding/json and FaceSign
	// alike, while the file says two things: an error, as the API refuses it.
	if ptr, dup := jsondup.First(data); dup {
		problems = append([]flow.Problem{{Severity: flow.SeverityError, Code: flow.CodeInvalidFlow, Path: ptr,
			Message: "the key at " + ptr + " appears twice in its object; only the last would count",
			Fix:     "Keep one of the two and delete the other."}}, problems...)
	}
	if problems == nil {
		problems = []flow.Problem{}
	}
	out := validateOutput{Valid: !flow.HasErrors(problems), Errors: len(flow.Errors(problems)),
		Warnings: len(flow.Warnings(problems)), Problems: problems}
	if *asJSON {
		if code := writeJSON(s, out); code != 0 {
			return code
		}
	} else {
		for _, p := range problems {
			path := p.Path
			if path == "" {
				path = "/"
			}
			fmt.Fprintf(s.out, "%s %s at %s: %s\n", p.Severity, p.Code, path, p.Message)
			if p.Fix != "" {
				fmt.Fprintf(s.out, "  fix: %s\n", p.Fix)
			}
		}
		switch {
		case out.Errors > 0:
			fmt.Fprintf(s.out, "%s: invalid, %d error(s), %d warning(s)\n", displayName(fs.Arg(0)), out.Errors, out.Warnings)
		case out.Warnings > 0:
			fmt.Fprintf(s.out, "%s: valid, %d warning(s)\n", displayName(fs.Arg(0)), out.Warnings)
		default:
			fmt.Fprintf(s.out, "%s: valid, no problems\n", displayName(fs.Arg(0)))
		}
	}
	if out.Errors > 0 {
		return 1
	}
	return 0
}

func runFlowSchema(_ context.Context, args []string, s streams) int {
	fs := flag.NewFlagSet("flow schema", flag.ContinueOnError)
	fs.SetOutput(s.err)
	fs.Usage = func() {
		fmt.Fprintln(s.out, "Usage: facesign-mcp flow schema\n\nPrints the JSON Schema of a FaceSign flow (one schema per node type, selected by \"type\").")
	}
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.err, "flow schema: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	return printSchema(s)
}

// parseFlags parses fs; done reports that the command should exit with code.
func parseFlags(fs *flag.FlagSet, args []string) (code int, done bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, true
		}
		return 2, true
	}
	return 0, false
}

// readInput reads a file, or stdin for "-", with a size bound and a one-line error.
func readInput(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		if stdin == nil {
			return nil, errors.New("stdin: nothing to read")
		}
		r = stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("cannot read %s: %v", name, pe.Err)
			}
			return nil, fmt.Errorf("cannot read %s: %v", name, err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFlowFile+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", displayName(name), err)
	}
	if len(data) > maxFlowFile {
		return nil, fmt.Errorf("%s is larger than %d MiB; a flow is far smaller", displayName(name), maxFlowFile>>20)
	}
	return data, nil
}

func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func writeJSON(s streams, v any) int {
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(s.err, "flow: cannot encode the output:", err)
		return 1
	}
	return 0
}

func printSchema(s streams) int {
	data := flowschema.Schema()
	if _, err := s.out.Write(data); err != nil {
		fmt.Fprintln(s.err, "flow schema:", err)
		return 1
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		fmt.Fprintln(s.out)
	}
	return 0
}

// textNotFlags ends the flags before the first argument that starts with "-" but
// holds a space or a line break in its name ("- recognition\n- liveness", a
// description written as a list): no flag is named like that, so it is text.
func textNotFlags(args []string) []string {
	for i, a := range args {
		if a == "--" {
			break
		}
		name, _, _ := strings.Cut(a, "=")
		if len(a) > 1 && a[0] == '-' && strings.ContainsAny(name, " \t\n") {
			return append(append(args[:i:i], "--"), args[i:]...)
		}
	}
	return args
}
