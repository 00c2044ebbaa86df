// Command facesign-mcp is the FaceSign MCP server, its embedded sandbox and its
// flow tools. The logic lives in the packages; this command only parses flags
// and wires them together.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// defaultAddr is where serve, stdio and sandbox listen unless --addr says
// otherwise: the port every README example and client configuration names.
const defaultAddr = "127.0.0.1:7717"

// streams are the process's standard streams, passed explicitly so that tests can
// run commands in-process and so that nothing writes to stdout by accident.
type streams struct {
	in  io.Reader
	out io.Writer
	err io.Writer
}

// command is one subcommand. Each lives in a file of its own.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, s streams) int
}

func commands() []command {
	return []command{
		{"serve", "run the MCP server (/mcp), the sandbox (/sandbox) and /healthz on one port (default)", runServe},
		{"stdio", "speak MCP on stdin/stdout, with the sandbox on the HTTP port", runStdio},
		{"flow", "build, validate and describe flows (flow build|validate|schema)", runFlow},
		{"sandbox", "serve the embedded FaceSign sandbox API alone (/sandbox, /healthz)", runSandbox},
		{"export", "write a deployable Go web app for a flow (export --flow FILE --out DIR --use-case …)", runExport},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], streams{os.Stdin, os.Stdout, os.Stderr})
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, s streams) int {
	name := "serve"
	if len(args) > 0 && (len(args[0]) == 0 || args[0][0] != '-') {
		name, args = args[0], args[1:]
	} else if len(args) > 0 {
		switch args[0] {
		case "--version", "-version":
			fmt.Fprintln(s.out, "facesign-mcp", appVersion())
			return 0
		case "--help", "-help", "-h":
			usage(s.out)
			return 0
		}
	}
	if name == "help" {
		usage(s.out)
		return 0
	}
	if name == "version" {
		fmt.Fprintln(s.out, "facesign-mcp", appVersion())
		return 0
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args, s)
		}
	}
	fmt.Fprintf(s.err, "facesign-mcp: unknown command %q (run facesign-mcp --help)\n", name)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "facesign-mcp: build, run and test FaceSign verification flows from your AI assistant.")
	fmt.Fprintln(w, "\nUsage: facesign-mcp [command] [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun facesign-mcp COMMAND --help for a command's flags; --version prints the version.")
}
