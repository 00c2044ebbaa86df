package tools

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// ServerName is the MCP server name reported in initialize.
const ServerName = "facesign-mcp"

// instructions tell the model what this server is for and the order of work.
const instructions = `FaceSign face-verification flows, built by talking. ` +
	`Typical order: set_api_key (an sk_test_ key works offline against the embedded sandbox), ` +
	`build_flow from a plain-English description (it becomes the session's current flow), ` +
	`validate_flow, simulate_session to run it without a browser, then get_session / list_sessions to inspect results. ` +
	`Tools that take a flow default to the session's current flow.`

// NewServer returns the FaceSign MCP server with every tool, resource and
// prompt registered. It fills d's zero fields with defaults (see Deps) and
// applies opts after its own options, so callers may override them.
//
// Handler panics never kill the server: a panicking tool call becomes an
// isError result, a panicking resource or prompt a JSON-RPC internal error.
// mcp-go's own WithRecovery turns a tool panic into a protocol error instead,
// which is why the tools get their own middleware.
//
// Input is validated once, against the tool's published schema (input.go),
// with messages that name the field: by each FaceSign tool's own handler, and
// by validateOtherTools for any tool added to the server later. mcp-go's
// WithInputSchemaValidation is deliberately not used: it would validate the
// same arguments a second time, re-encoding and re-decoding them and the
// schema on every call (about a tenth of a validate_flow call's CPU).
func NewServer(d *Deps, opts ...server.ServerOption) *server.MCPServer {
	d.setDefaults()
	toolset := Toolset(d)
	hooks := &server.Hooks{}
	if d.Previews != nil {
		// A preview lives no longer than its MCP session: idle or evicted
		// sessions end theirs here, closed ones in the unregister hook below.
		d.Sessions.OnEvict(d.Previews.EndOwner)
	}
	// Sessions enter the store when mcp-go registers them (stdio, and HTTP after
	// initialize; HTTP ids are already there from Generate) and leave it when
	// mcp-go unregisters them (DELETE, idle sweep, stdio EOF, shutdown).
	hooks.AddOnRegisterSession(func(_ context.Context, s server.ClientSession) {
		d.Sessions.Open(s.SessionID())
	})
	hooks.AddOnUnregisterSession(func(_ context.Context, s server.ClientSession) {
		d.Sessions.Drop(s.SessionID())
		if d.Previews != nil {
			d.Previews.EndOwner(s.SessionID())
		}
	})
	base := []server.ServerOption{
		server.WithTitle("FaceSign"),
		server.WithInstructions(instructions),
		server.WithToolCapabilities(false),
		server.WithResourceCapabilities(false, false),
		server.WithPromptCapabilities(false),
		server.WithCompletions(),
		server.WithLogging(),
		server.WithHooks(hooks),
		// MCP Apps: hosts that render ui:// resources learn it here; the
		// session tools name the view only to clients that declared it.
		server.WithExtensions(map[string]any{ExtensionApps: map[string]any{}}),
		server.WithToolFilter(appToolFilter),
		server.WithToolHandlerMiddleware(recoverTool(d)),
		server.WithToolHandlerMiddleware(noteCalls(d)),
		server.WithToolHandlerMiddleware(validateOtherTools(toolset)),
		server.WithResourceHandlerMiddleware(recoverResource(d)),
		server.WithPromptHandlerMiddleware(recoverPrompt(d)),
		server.WithPromptCompletionProvider(safePromptCompletions{d, promptCompletions(d)}),
		server.WithResourceCompletionProvider(safeResourceCompletions{d, resourceCompletions(d)}),
	}
	s := server.NewMCPServer(ServerName, d.Version, append(base, opts...)...)
	s.AddTools(toolset...)
	registerResources(s, d)
	registerAppResources(s, d)
	registerPrompts(s, d)
	return s
}

// recoverTool turns a panic in a tool handler into an isError result, so the
// model is told and the session carries on. The panic value and stack go to
// the log only.
func recoverTool(d *Deps) server.ToolHandlerMiddleware {
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (res *mcp.CallToolResult, err error) {
			defer func() {
				if p := recover(); p != nil {
					d.Logger.ErrorContext(ctx, "tool handler panicked", "tool", req.Params.Name,
						"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
					res = mcp.NewToolResultError(fmt.Sprintf(
						"%s failed because of a bug in the FaceSign MCP server (it has been logged). "+
							"Your session, API key and current flow are unchanged; try again, or rephrase the request.",
						req.Params.Name))
					err = nil
				}
			}()
			return next(ctx, req)
		}
	}
}

func recoverResource(d *Deps) server.ResourceHandlerMiddleware {
	return func(next server.ResourceHandlerFunc) server.ResourceHandlerFunc {
		return func(ctx context.Context, req mcp.ReadResourceRequest) (res []mcp.ResourceContents, err error) {
			defer func() {
				if p := recover(); p != nil {
					d.Logger.ErrorContext(ctx, "resource handler panicked", "uri", req.Params.URI,
						"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
					res, err = nil, fmt.Errorf("reading %s failed because of a bug in the server (logged)", req.Params.URI)
				}
			}()
			return next(ctx, req)
		}
	}
}

func recoverPrompt(d *Deps) server.PromptHandlerMiddleware {
	return func(next server.PromptHandlerFunc) server.PromptHandlerFunc {
		return func(ctx context.Context, req mcp.GetPromptRequest) (res *mcp.GetPromptResult, err error) {
			defer func() {
				if p := recover(); p != nil {
					d.Logger.ErrorContext(ctx, "prompt handler panicked", "prompt", req.Params.Name,
						"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
					res, err = nil, fmt.Errorf("prompt %s failed because of a bug in the server (logged)", req.Params.Name)
				}
			}()
			return next(ctx, req)
		}
	}
}

// safePromptCompletions and safeResourceCompletions turn a panic in a
// completion provider into an error answer, like the handler middlewares.
type safePromptCompletions struct {
	d    *Deps
	next server.PromptCompletionProvider
}

func (p safePromptCompletions) CompletePromptArgument(ctx context.Context, prompt string, arg mcp.CompleteArgument, cc mcp.CompleteContext) (res *mcp.Completion, err error) {
	defer recoverCompletion(ctx, p.d, "prompt "+prompt, &res, &err)
	return p.next.CompletePromptArgument(ctx, prompt, arg, cc)
}

type safeResourceCompletions struct {
	d    *Deps
	next server.ResourceCompletionProvider
}

func (p safeResourceCompletions) CompleteResourceArgument(ctx context.Context, uri string, arg mcp.CompleteArgument, cc mcp.CompleteContext) (res *mcp.Completion, err error) {
	defer recoverCompletion(ctx, p.d, "resource "+uri, &res, &err)
	return p.next.CompleteResourceArgument(ctx, uri, arg, cc)
}

func recoverCompletion(ctx context.Context, d *Deps, what string, res **mcp.Completion, err *error) {
	if p := recover(); p != nil {
		d.Logger.ErrorContext(ctx, "completion provider panicked", "for", what, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		*res, *err = nil, fmt.Errorf("completing %s failed because of a bug in the server (logged)", what)
	}
}

// noteCalls tells the session store about every tool call: calls over time
// are what rank a session as in use when the store must evict (state.go).
func noteCalls(d *Deps) server.ToolHandlerMiddleware {
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			if sess := server.ClientSessionFromContext(ctx); sess != nil && d.Sessions != nil {
				d.Sessions.NoteCall(sess.SessionID())
			}
			return next(ctx, req)
		}
	}
}
